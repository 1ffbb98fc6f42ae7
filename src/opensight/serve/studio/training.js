/* "2. Train": the train panel (button, progress, outcome), starting a training and watching it until it ends. */
import { store } from "./state.js";
import { h, enc } from "./dom.js";
import { api, toast } from "./api.js";

/* The panel's contents for the open project; ``refresh`` reloads and redraws the project page. */
export function trainPanel(refresh) {
  const project = store.project;
  const ready = project.classes.filter((c) => c.pictures.length > 0).length;
  const job = project.training;
  const parts = [];
  if (ready < 2) parts.push(h("p", { class: "muted" }, "Add pictures to at least two classes, then train."));
  else if (project.trained && !project.stale) parts.push(h("p", { class: "muted" }, "Trained on the current pictures."));
  else if (project.stale) parts.push(h("div", { class: "notice warn" }, "The pictures changed since the last training: train again to update the model and its numbers."));
  const running = job.state === "running";
  parts.push(h("button", { id: "train-button", type: "button", disabled: ready < 2 || running, onclick: () => startTraining(refresh) },
    running ? "Training…" : project.trained ? "Train again" : "Train"));
  if (running) {
    parts.push(h("div", { role: "status", "aria-live": "polite", id: "train-status" },
      h("p", { class: "busy" }, job.message || "Training…"),
      job.total ? h("progress", { max: job.total, value: job.done, "aria-label": "Training progress" }) : null));
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
  await refresh();
  watchTraining(refresh);
}

/* Polls the open project's training twice a second: progress in the panel, then the evaluation when it ends. */
export function watchTraining(refresh) {
  clearInterval(store.poll);
  const pid = store.project.id;
  store.poll = setInterval(async () => {
    let job;
    try { job = await api(`/studio/api/projects/${enc(pid)}/train`); } catch (error) { clearInterval(store.poll); return; }
    if (!store.project || store.project.id !== pid) { clearInterval(store.poll); return; }
    store.project.training = job;
    if (job.state === "running") {
      const panel = document.getElementById("train-panel");
      if (panel) panel.replaceChildren(...trainPanel(refresh));
      return;
    }
    clearInterval(store.poll);
    if (job.state === "done") {
      store.evaluation = await api(`/studio/api/projects/${enc(pid)}/evaluation`);
      toast("Training finished: read how good the model is below.");
    }
    await refresh();
  }, 500);
}
