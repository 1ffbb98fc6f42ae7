/* "Ready-made tasks": the tasks GET /v1/tasks lists, one chosen, run on a dropped or chosen file, its answer shown. */
import { app, h, fill, pct, enc, acceptDrops, scoreBars, chosenFile } from "./dom.js";
import { api, loading, failed } from "./api.js";
import { beforeAfter } from "./compare.js";

/* Counts the runs: an answer that comes back after another file or task was chosen is not shown. */
let runs = 0;

export async function showTasks() {
  loading("Loading the ready-made tasks…");
  let tasks;
  try { tasks = (await api("/v1/tasks")).tasks; } catch (error) { return failed(error); }
  let chosen = (tasks.find((t) => t.installed) || tasks[0]).task;
  const first = tasks.find((t) => t.task === chosen);
  const result = h("div", { id: "task-result", "aria-live": "polite" });
  const buttons = tasks.map((t) => h("button", { type: "button", "aria-pressed": String(t.task === chosen), disabled: !t.installed,
    title: t.installed ? t.summary : `Not installed: ${t.install || `pip install 'opensight[${t.extra}]'`}`,
    onclick: (event) => {
      chosen = t.task;
      buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
      event.target.setAttribute("aria-pressed", "true");
      describe.textContent = t.summary + ` Model: ${t.model} (${t.licence}).`;
      input.accept = t.accepts === "audio" ? "audio/*,video/*" : "image/*";
      labelsRow.hidden = !t.labels;
      dropText.textContent = t.accepts === "audio" ? "Drop a recording here, or " : "Drop a picture here, or ";
      /* the last task's answer does not describe this task; an emptied file box sends "change" again when
         the same file is chosen, so that file runs through the new task */
      input.value = "";
      result.replaceChildren();
      runs += 1;
    } }, t.task));
  const labels = h("input", { type: "text", id: "task-labels", value: "cat, bicycle, birthday cake, snowy street",
    "aria-label": "Your words, comma-separated" });
  const labelsRow = h("div", { class: "row", hidden: !first.labels },
    h("label", { for: "task-labels" }, "Your words"), labels);
  const describe = h("p", { class: "muted" });
  describe.textContent = first.summary + ` Model: ${first.model} (${first.licence}).`;
  const input = h("input", { type: "file", accept: first.accepts === "audio" ? "audio/*,video/*" : "image/*", id: "task-file",
    onchange: (event) => chosenFile(event, (file) => runTask(chosen, file, result, labels.value)) });
  const dropText = h("span", {}, "Drop a picture here, or ");
  const drop = h("div", { class: "drop" }, dropText, h("label", { for: "task-file" }, "choose one: "), input);
  acceptDrops(drop, (files) => files[0] && runTask(chosen, files[0], result, labels.value));
  app.replaceChildren(
    h("h1", { text: "Ready-made tasks" }),
    h("p", { class: "lead" }, "Proven pretrained models, offline. Pick a task, give it a picture, see what it finds."),
    h("section", { class: "panel" }, h("div", { class: "tasks", role: "group", "aria-label": "Task" }, buttons), describe, labelsRow, drop),
    h("section", { class: "panel" }, result));
}

async function runTask(task, file, result, words) {
  const run = ++runs;
  result.replaceChildren(h("p", { class: "busy", role: "status" },
    task === "transcribe" ? `Listening to ${file.name} (about a tenth of its length)…` : `Running ${task} on ${file.name}…`));
  const body = new FormData(); body.append("file", file, file.name);
  try {
    const path = task === "transcribe" ? "/v1/transcribe?summary=true"
      : task === "tag" ? `/v1/tag?summary=true&labels=${enc(words || "")}`
      : task === "segment" ? "/v1/segment?summary=true&mask=true" : `/v1/${task}?summary=true&annotate=true`;
    const row = await api(path, { method: "POST", body });
    if (run !== runs) return;
    const shown = Object.assign({}, row); delete shown.annotated; delete shown.mask; delete shown.summary; if (shown.lines) shown.lines = `[${shown.lines.length} lines]`;
    if (shown.embedding) shown.embedding = `[${shown.embedding.length} numbers]`;
    fill(result,  /* the parts this task has not are null: fill() leaves them out */
      h("h2", {}, row.summary || "Done"),
      row.mask ? beforeAfter(file, row.mask) : null,
      row.annotated ? h("img", { class: "annotated", id: "task-annotated", src: row.annotated, alt: `${task} result drawn on the picture` }) : null,
      row.lines && row.lines.length ? h("pre", { id: "task-text", tabindex: "0", role: "region", "aria-label": "The text found" }, row.text) : null,
      row.coverage && Array.isArray(row.coverage) ? h("div", { id: "task-tags" },
        h("img", { class: "test-picture", alt: "The tagged picture", src: URL.createObjectURL(file) }),
        scoreBars(row.scores, row.tags),
        h("ul", {}, row.coverage.map((c) => h("li", { class: c.quality === "poor" ? "notice bad" : c.quality === "fair" ? "notice warn" : "" }, c.verdict)))) : null,
      row.segments ? h("ol", { class: "segments", id: "task-segments" }, row.segments.map((s) =>
        h("li", {}, h("span", { class: "muted" }, `${s.start.toFixed(1)}–${s.end.toFixed(1)} s `), s.text,
          s.score < 0.5 ? h("span", { class: "muted" }, ` (unsure: ${pct(s.score)})`) : null))) : null,
      h("details", {}, h("summary", {}, "The answer as JSON (what the API and the CLI return)"), h("pre", { tabindex: "0", role: "region", "aria-label": "The answer as JSON" }, JSON.stringify(shown, null, 2))));
  } catch (error) { if (run === runs) result.replaceChildren(h("div", { class: "notice bad", role: "alert" }, error.message)); }
}

