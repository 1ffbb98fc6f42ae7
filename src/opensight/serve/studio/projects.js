/* "Your models": the list of projects, and one project's page: its classes and pictures, the picture dialog. */
import { store } from "./state.js";
import { app, h, count, enc, picture, keyUrl, noun, submitOnce } from "./dom.js";
import { api, toast, loading, failed } from "./api.js";
import { keepWebcams } from "./webcam.js";
import { keepRecorders } from "./microphone.js";
import { classCard, inClass, isTraining, shownName, WAIT } from "./classes.js";
import { trainPanel, watchTraining } from "./training.js";
import { evaluationPanel } from "./evaluation.js";
import { testPanel, usePanel } from "./testing.js";

/* ---------- projects list ------------------------------------------------------------------------ */
export async function showProjects() {
  loading("Loading your models…");
  let data;
  try { data = await api("/studio/api/projects"); } catch (error) { return failed(error); }
  const form = h("form", { class: "row", id: "new-project", onsubmit: submitOnce(async (event) => {
    const name = event.target.elements.name.value;
    const kind = event.target.elements.kind.value;
    try {
      const project = await api("/studio/api/projects", { method: "POST", json: { name, kind } });
      location.hash = `#/p/${enc(project.id)}`;
    } catch (error) { toast(error.message, true); }
  }) },
    h("label", { for: "project-name" }, "New model"),
    h("input", { id: "project-name", name: "name", type: "text", placeholder: "e.g. Bakery products", required: true,
      maxlength: 60 }),
    h("fieldset", { class: "row kinds" }, h("legend", {}, "It learns from"),
      h("label", {}, h("input", { type: "radio", name: "kind", value: "pictures", checked: true }), " Pictures"),
      h("label", {}, h("input", { type: "radio", name: "kind", value: "sounds" }), " Sounds"),
      h("label", {}, h("input", { type: "radio", name: "kind", value: "poses" }), " Body poses"),
      h("label", {}, h("input", { type: "radio", name: "kind", value: "hands" }), " Hand gestures")),
    h("button", { type: "submit" }, "Create"));
  const cards = data.projects.map((project) => {
    const pictures = project.classes.reduce((n, c) => n + c.pictures.length, 0);
    const examples = project.kind === "sounds" ? "recording" : "picture";
    const status = project.training.state === "running" ? "training…"
      : project.training.state === "interrupted" ? "training was interrupted — train again"
      : project.training.state === "failed" ? "the last training failed — open it to see why"
      : project.trained ? (project.stale ? `trained (${examples}s changed since)` : "trained") : "not trained yet";
    return h("a", { class: "card", href: `#/p/${enc(project.id)}` },
      h("strong", { text: project.name }),
      h("small", { text: `${count(project.classes.length, "class", "classes")} · ${count(pictures, examples)} · ${status}` }),
      (project.notes || []).map((note) => h("small", { class: "note", text: note })));
  });
  app.replaceChildren(
    h("h1", { text: "Teach opensight your own categories" }),
    h("p", { class: "lead" },
      "Make a model, add a few example pictures, sounds, body poses or hand gestures for each category (5–20 each is a good start), train " +
      "it in seconds, see honestly how well it works, then download it or use it from code."),
    h("section", { class: "panel" }, form),
    cards.length ? h("section", { "aria-label": "Your models" }, h("h2", { text: "Your models" }), h("div", { class: "cards" }, cards))
      : h("p", { class: "muted", text: "No models yet: create one above, or try the ready-made tasks." }));
}

/* ---------- one project -------------------------------------------------------------------------- */
export async function showProject(pid) {
  loading("Loading the model…");
  try {
    store.project = await api(`/studio/api/projects/${enc(pid)}`);
    store.evaluation = store.project.trained ? await api(`/studio/api/projects/${enc(pid)}/evaluation`) : null;
  } catch (error) { return failed(error); }
  renderProject();
  if (store.project.training.state === "running") watchTraining(refreshProject);
}

/* Load and draw the open project again; then focus what ``focus()`` returns (when it returns something). */
async function refreshProject(focus) {
  const pid = store.project.id;
  store.project = await api(`/studio/api/projects/${enc(pid)}`);
  renderProject();
  /* a training started in another tab: follow it (that tab's page stayed on "Training…" after it ended) */
  if (store.project.training.state === "running") watchTraining(refreshProject);
  const target = typeof focus === "function" ? focus() : null;
  if (target) target.focus();
}

/* What "1. Examples" says for each kind of project, and the example of a class name. */
const EXAMPLES_HELP = {
  pictures: "One class per category. Drop pictures on a class, choose files, or use the webcam.",
  sounds: "One class per sound. Record with the microphone (hold the button), drop recordings on a class, or choose files. Add a class named “background noise” with the room's own sound.",
  poses: "One class per pose: pictures of one person, whole or half body, in that pose. Drop pictures on a class, choose files, or use the webcam (hold a pose while you hold the button). Only the body's keypoints are learnt, not the person's looks or the background.",
  hands: "One class per hand gesture: pictures of one hand making it, left or right. Drop pictures on a class, choose files, or use the webcam (hold a gesture while you hold the button). Only the hand's landmarks are learnt, not its looks or the background.",
};
const PLACEHOLDERS = { pictures: "e.g. croissant", sounds: "e.g. doorbell", poses: "e.g. arms up", hands: "e.g. thumbs up" };

/* What the evaluation panel may do with a picture. */
const pictureActions = { open: openPicture, move: movePicture, remove: deletePicture };

function renderProject() {
  const project = store.project;
  const focusId = document.activeElement && document.activeElement.id;
  app.replaceChildren(
    h("p", {}, h("a", { class: "link", href: "#/" }, "← Your models")),
    h("div", { class: "row spread" },
      h("h1", { text: project.name }),
      h("button", { class: "danger small", onclick: deleteProject }, "Delete this model")),
    ...(project.notes || []).map((note) => h("div", { class: "notice warn", role: "alert" }, note)),
    /* the steps in their order (a phone shows them one under the other; studio.css places them side by side) */
    h("div", { class: "steps" },
      h("section", { class: "panel step-examples", "aria-labelledby": "examples-title" },
        h("h2", { id: "examples-title" }, "1. Examples"),
        h("p", { class: "muted" }, EXAMPLES_HELP[project.kind] || EXAMPLES_HELP.pictures),
        isTraining() ? h("p", { class: "notice warn", id: "training-lock" }, `The model is training. ${WAIT}`) : null,
        classForm(), project.classes.map((cls, i) => classCard(cls, i, refreshProject, openPicture))),
      h("section", { class: "panel step-train", "aria-labelledby": "train-title" }, h("h2", { id: "train-title" }, "2. Train"),
        h("div", { id: "train-panel" }, trainPanel(refreshProject))),
      h("section", { class: "panel step-evaluation", id: "evaluation", "aria-labelledby": "eval-title" },
        h("h2", { id: "eval-title" }, "3. How good is it?"), evaluationPanel(store.evaluation, project, pictureActions)),
      h("section", { class: "panel step-test", "aria-labelledby": "test-title" }, h("h2", { id: "test-title" }, "4. Test"), testPanel(project)),
      h("section", { class: "panel step-use", "aria-labelledby": "use-title" }, h("h2", { id: "use-title" }, "5. Use it"), usePanel(project))));
  keepWebcams(app);  /* open webcam panels carry on in the redrawn class cards */
  keepRecorders(app);  /* and so do open microphone recorders */
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
}

function classForm() {
  return h("form", { class: "row", id: "new-class", onsubmit: submitOnce(async (event) => {
    const name = event.target.elements.name.value;
    try {
      await api(`/studio/api/projects/${enc(store.project.id)}/classes`, { method: "POST", json: { name } });
      await refreshProject();
      document.getElementById("class-name")?.focus();
    } catch (error) { toast(error.message, true); }
  }) },
    h("label", { for: "class-name" }, "New class"),
    h("input", { id: "class-name", name: "name", type: "text", placeholder: PLACEHOLDERS[store.project.kind] || PLACEHOLDERS.pictures, required: true, maxlength: 60 }),
    h("button", { type: "submit" }, "Add class"));
}

async function deleteProject() {
  if (!confirm(`Delete “${store.project.name}”, its pictures and its model?`)) return;
  try { await api(`/studio/api/projects/${enc(store.project.id)}`, { method: "DELETE" }); location.hash = "#/"; }
  catch (error) { toast(error.message, true); }
}

/* ---------- pictures: open, move, delete --------------------------------------------------------- */
function openPicture(key, caption) {
  const [cls, file] = key.split("/");
  const busy = isTraining();
  const dialog = document.getElementById("picture-dialog");
  const img = document.getElementById("picture-dialog-image");
  img.replaceWith(Object.assign(picture(keyUrl(store.project.id, key), caption), { id: "picture-dialog-image" }));
  document.getElementById("picture-dialog-title").textContent = `${cls}: ${shownName(file, cls)}`;
  document.getElementById("picture-dialog-caption").textContent = caption;
  const others = store.project.classes.map((c) => c.name).filter((n) => n !== cls);
  const select = h("select", { id: "move-target", "aria-label": "Move to class" }, others.map((n) => h("option", { value: n }, n)));
  document.getElementById("picture-dialog-actions").replaceChildren(...[  /* replaceChildren would show a null */
    others.length ? h("label", { for: "move-target" }, "Move to") : null, others.length ? select : null,
    others.length ? h("button", { type: "button", disabled: busy, onclick: () => { dialog.close(); movePicture(cls, file, select.value); } }, "Move") : null,
    h("button", { type: "button", class: "danger", disabled: busy, onclick: () => { dialog.close(); deletePicture(cls, file); } }, "Delete picture"),
    busy ? h("p", { class: "muted" }, WAIT) : null].filter(Boolean));
  dialog.showModal();
}

/* After a move the focus goes to ``focus()`` (the evaluation's note), else to the picture in its new class. */
async function movePicture(cls, file, to, focus) {
  try {
    const moved = await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}/move`, { method: "POST", json: { to } });
    toast(moved.already_there
      ? `${to} already had this very ${noun(store.project)}: it is kept there once (taken out of ${cls}). Train again to update the model.`
      : `Moved to ${to}. Train again to update the model.`);
  } catch (error) { toast(error.message, true); }
  await refreshProject(focus || inClass(to, `[data-file="${CSS.escape(file)}"]`));
}

/* After a delete the focus goes to ``focus()``, else to the picture that takes its place in the class (the one
   before it when it was the last), else to the class's heading: never to the page's <body>. */
async function deletePicture(cls, file, focus) {
  const home = store.project.classes.find((c) => c.name === cls);
  const at = home ? home.pictures.indexOf(file) : 0;
  const next = () => {
    const thumbs = document.querySelectorAll(`article[data-class="${CSS.escape(cls)}"] .thumbs button.thumb`);
    return thumbs[Math.min(Math.max(at, 0), thumbs.length - 1)] || inClass(cls, "h3")();
  };
  try {
    await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}`, { method: "DELETE" });
    toast("Picture deleted. Train again to update the model.");
  } catch (error) { toast(error.message, true); }
  await refreshProject(focus || next);
}
