/* "2. Train": the train panel (button, progress, outcome), starting a training and watching it until it ends,
   through a server that stops (a banner while the page retries; "interrupted" when it comes back without the job). */
import { store } from "./state.js";
import { app, h, enc, noun } from "./dom.js";
import { api, toast } from "./api.js";

const INTERRUPTED = "Training was interrupted — train again";

/* The panel's contents for the open project; ``refresh`` reloads and redraws the project page. */
export function trainPanel(refresh) {
  const project = store.project;
  const ready = project.classes.filter((c) => c.pictures.length > 0).length;
  const job = project.training;
  const parts = [];
  const examples = noun(project, true);
  if (ready < 2) parts.push(h("p", { class: "muted" }, `Add ${examples} to at least two classes, then train.`));
  else if (project.trained && !project.stale) parts.push(h("p", { class: "muted" }, `Trained on the current ${examples}.`));
  else if (project.stale) parts.push(h("div", { class: "notice warn" }, `The ${examples} changed since the last training: train again to update the model and its numbers.`));
  const running = job.state === "running";
  parts.push(h("button", { id: "train-button", type: "button", disabled: ready < 2 || running, onclick: () => startTraining(refresh) },
    running ? "Training…" : project.trained ? "Train again" : "Train"));
  if (running) {
    parts.push(h("div", { role: "status", "aria-live": "polite", id: "train-status" },
      h("p", { class: "busy" }, job.message || "Training…"),
      job.total ? h("progress", { max: job.total, value: job.done, "aria-label": "Training progress" }) : null));
  } else if (job.state === "interrupted") {
    parts.push(h("div", { class: "notice warn", role: "alert", id: "train-status" }, INTERRUPTED,
      h("small", { class: "muted", text: " (opensight stopped before it finished)" })));
  } else if (job.state === "failed") {
    parts.push(h("div", { class: "notice bad", role: "alert" }, job.message));
  } else if (job.state === "done") {
    parts.push(h("p", { class: "notice good", role: "status", id: "train-status" },
      `Trained in ${Math.max(0.1, (job.finished - job.started)).toFixed(1)} s.`));
  }
  return parts;
}

async function startTraining(refresh) {
  try {
    await api(`/studio/api/projects/${enc(store.project.id)}/train`, { method: "POST" });
  } catch (error) { toast(error.message, true); }
  try { await refresh(); } catch (error) { /* the server is gone: the watch below says so and retries */ }
  watchTraining(refresh);
}

/* Watches the open project's training twice a second: progress in the panel, then the evaluation when it ends.
   When the server stops answering, a banner says so and the page keeps asking, less and less often (up to every
   10 s); when it answers again without the job running, the panel says the training was interrupted. */
export function watchTraining(refresh) {
  clearTimeout(store.poll);
  const pid = store.project.id;
  let failures = 0;
  const here = () => store.project && store.project.id === pid && document.getElementById("train-panel");
  const poll = async () => {
    let job;
    try {
      job = await api(`/studio/api/projects/${enc(pid)}/train`);
    } catch (error) {
      if (!here()) return;
      if (error.status && error.status < 500) { connectionBanner(false); return refresh(); }  /* e.g. deleted */
      failures += 1;
      connectionBanner(true);
      store.poll = setTimeout(poll, Math.min(10000, 500 * 2 ** Math.min(failures, 5)));
      return;
    }
    if (!here()) return;
    const lost = failures > 0;
    failures = 0;
    connectionBanner(false);
    store.project.training = job;
    if (job.state === "running") {
      document.getElementById("train-panel").replaceChildren(...trainPanel(refresh));
      store.poll = setTimeout(poll, 500);
      return;
    }
    if (job.state === "done") {
      try { store.evaluation = await api(`/studio/api/projects/${enc(pid)}/evaluation`); } catch (error) { /* refresh says */ }
      toast("Training finished: read how good the model is below.");
    } else if (lost && job.state !== "failed") {
      toast(INTERRUPTED, true);
    }
    try { await refresh(); } catch (error) { toast(error.message, true); }
    const button = document.getElementById("train-button");
    if (lost && button) button.focus();
  };
  store.poll = setTimeout(poll, 500);
}

/* The banner at the top of the page while the server does not answer (shown once, removed when it answers). */
function connectionBanner(show) {
  const banner = document.getElementById("connection-banner");
  if (!show) { if (banner) banner.remove(); return; }
  if (banner) return;
  app.prepend(h("div", { id: "connection-banner", class: "notice warn banner", role: "alert" },
    "Lost the connection to opensight — retrying… (is the ", h("code", {}, "opensight studio"),
    " command still running? Start it again and this page carries on.)"));
}
