/* "Your models": the list of projects, and one project's page: its classes and pictures, the picture dialog. */
import { store } from "./state.js";
import { app, h, fill, count, enc, picture, pictureUrl, keyUrl, acceptDrops } from "./dom.js";
import { api, toast, loading, failed } from "./api.js";
import { openWebcam, keepWebcams } from "./webcam.js";
import { trainPanel, watchTraining } from "./training.js";
import { evaluationPanel } from "./evaluation.js";
import { testPanel, usePanel } from "./testing.js";

/* ---------- projects list ------------------------------------------------------------------------ */
export async function showProjects() {
  loading("Loading your models…");
  let data;
  try { data = await api("/studio/api/projects"); } catch (error) { return failed(error); }
  const form = h("form", { class: "row", id: "new-project", onsubmit: async (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    try {
      const project = await api("/studio/api/projects", { method: "POST", json: { name } });
      location.hash = `#/p/${enc(project.id)}`;
    } catch (error) { toast(error.message, true); }
  } },
    h("label", { for: "project-name" }, "New model"),
    h("input", { id: "project-name", name: "name", type: "text", placeholder: "e.g. Bakery products", required: true,
      maxlength: 60 }),
    h("button", { type: "submit" }, "Create"));
  const cards = data.projects.map((project) => {
    const pictures = project.classes.reduce((n, c) => n + c.pictures.length, 0);
    const status = project.training.state === "running" ? "training…"
      : project.training.state === "interrupted" ? "training was interrupted — train again"
      : project.trained ? (project.stale ? "trained (pictures changed since)" : "trained") : "not trained yet";
    return h("a", { class: "card", href: `#/p/${enc(project.id)}` },
      h("strong", { text: project.name }),
      h("small", { text: `${count(project.classes.length, "class", "classes")} · ${count(pictures, "picture")} · ${status}` }),
      (project.notes || []).map((note) => h("small", { class: "note", text: note })));
  });
  app.replaceChildren(
    h("h1", { text: "Teach opensight your own categories" }),
    h("p", { class: "lead" },
      "Make a model, add a few example pictures for each category (5–20 each is a good start), train it in " +
      "seconds, see honestly how well it works, then download it or use it from code."),
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

async function refreshProject() {
  const pid = store.project.id;
  store.project = await api(`/studio/api/projects/${enc(pid)}`);
  renderProject();
}

/* What the evaluation panel may do with a picture. */
const pictureActions = { open: openPicture, move: movePicture, remove: deletePicture };

function renderProject() {
  const project = store.project;
  const focusId = document.activeElement && document.activeElement.id;
  app.replaceChildren(
    h("p", {}, h("a", { href: "#/" }, "← Your models")),
    h("div", { class: "row spread" },
      h("h1", { text: project.name }),
      h("button", { class: "danger small", onclick: deleteProject }, "Delete this model")),
    ...(project.notes || []).map((note) => h("div", { class: "notice warn", role: "alert" }, note)),
    /* the steps in their order (a phone shows them one under the other; studio.css places them side by side) */
    h("div", { class: "steps" },
      h("section", { class: "panel step-examples", "aria-labelledby": "examples-title" },
        h("h2", { id: "examples-title" }, "1. Examples"),
        h("p", { class: "muted" }, "One class per category. Drop pictures on a class, choose files, or use the webcam."),
        classForm(), project.classes.map(classCard)),
      h("section", { class: "panel step-train", "aria-labelledby": "train-title" }, h("h2", { id: "train-title" }, "2. Train"),
        h("div", { id: "train-panel" }, trainPanel(refreshProject))),
      h("section", { class: "panel step-evaluation", id: "evaluation", "aria-labelledby": "eval-title" },
        h("h2", { id: "eval-title" }, "3. How good is it?"), evaluationPanel(store.evaluation, project, pictureActions)),
      h("section", { class: "panel step-test", "aria-labelledby": "test-title" }, h("h2", { id: "test-title" }, "4. Test"), testPanel(project)),
      h("section", { class: "panel step-use", "aria-labelledby": "use-title" }, h("h2", { id: "use-title" }, "5. Use it"), usePanel(project))));
  keepWebcams(app);  /* open webcam panels carry on in the redrawn class cards */
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
}

function classForm() {
  return h("form", { class: "row", id: "new-class", onsubmit: async (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    try {
      await api(`/studio/api/projects/${enc(store.project.id)}/classes`, { method: "POST", json: { name } });
      await refreshProject();
      document.getElementById("class-name").focus();
    } catch (error) { toast(error.message, true); }
  } },
    h("label", { for: "class-name" }, "New class"),
    h("input", { id: "class-name", name: "name", type: "text", placeholder: "e.g. croissant", required: true, maxlength: 60 }),
    h("button", { type: "submit" }, "Add class"));
}

function classCard(cls) {
  const pid = store.project.id;
  const input = h("input", { type: "file", accept: "image/*,.heic,.heif,.avif", multiple: true, hidden: true,
    "aria-label": `Choose pictures for ${cls.name}`, "data-class": cls.name,
    onchange: (event) => addPictures(cls.name, event.target.files) });
  const drop = h("div", { class: "drop" },
    "Drop pictures here or ",
    h("button", { type: "button", class: "secondary small", onclick: () => input.click() }, "choose files"),
    " or ",
    h("button", { type: "button", class: "secondary small", "data-webcam": "open",
      onclick: (event) => openWebcam(event.currentTarget.closest(".class-card"), pid, cls.name, refreshProject) }, "use the webcam"),
    input);
  acceptDrops(drop, (files) => addPictures(cls.name, files));
  const thumbs = h("div", { class: "thumbs" }, cls.pictures.map((file) =>
    h("button", { type: "button", class: "thumb", "aria-label": `Picture ${file} in ${cls.name}: open`,
      onclick: () => openPicture(`${cls.name}/${file}`, `In class “${cls.name}”`) },
      picture(pictureUrl(pid, cls.name, file), `${cls.name} example`))));
  return h("article", { class: "class-card", "data-class": cls.name },
    h("div", { class: "row spread" },
      h("h3", {}, `${cls.name} `, h("small", { class: "muted" }, `(${count(cls.pictures.length, "picture")})`)),
      h("button", { type: "button", class: "danger small", "aria-label": `Delete class ${cls.name}`,
        onclick: () => deleteClass(cls.name) }, "Delete")),
    drop, thumbs);
}


async function addPictures(className, files) {
  const list = Array.from(files || []);
  if (!list.length) return;
  let added = 0, identical = 0; const refused = [];
  for (const [i, file] of list.entries()) {
    toast(`Adding pictures to ${className}: ${i + 1} of ${list.length}…`);
    const body = new FormData(); body.append("files", file, file.name);
    try {
      const answer = await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(className)}/pictures`,
        { method: "POST", body });
      added += answer.added.length; identical += (answer.identical || []).length; refused.push(...answer.refused.map((r) => `${r.name}: ${r.reason}`));
    } catch (error) { refused.push(`${file.name}: ${error.message}`); }
  }
  await refreshProject();
  const same = identical ? `; ${identical} ${identical === 1 ? "was" : "were"} identical to ones already there` : "";
  if (refused.length) toast(`Added ${added}${same}; not added: ${refused.join("; ")}`, true);
  else toast(`Added ${added} picture${added === 1 ? "" : "s"} to ${className}${same}.`);
}

async function deleteClass(name) {
  if (!confirm(`Delete the class “${name}” and its pictures?`)) return;
  try { await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(name)}`, { method: "DELETE" }); }
  catch (error) { toast(error.message, true); }
  await refreshProject();
}

async function deleteProject() {
  if (!confirm(`Delete “${store.project.name}”, its pictures and its model?`)) return;
  try { await api(`/studio/api/projects/${enc(store.project.id)}`, { method: "DELETE" }); location.hash = "#/"; }
  catch (error) { toast(error.message, true); }
}

/* ---------- pictures: open, move, delete --------------------------------------------------------- */
function openPicture(key, caption) {
  const [cls, file] = key.split("/");
  const dialog = document.getElementById("picture-dialog");
  const img = document.getElementById("picture-dialog-image");
  img.replaceWith(Object.assign(picture(keyUrl(store.project.id, key), caption), { id: "picture-dialog-image" }));
  document.getElementById("picture-dialog-title").textContent = `${cls}: ${file}`;
  document.getElementById("picture-dialog-caption").textContent = caption;
  const others = store.project.classes.map((c) => c.name).filter((n) => n !== cls);
  const select = h("select", { id: "move-target", "aria-label": "Move to class" }, others.map((n) => h("option", { value: n }, n)));
  fill(document.getElementById("picture-dialog-actions"),  /* without another class, no "move" parts */
    others.length ? h("label", { for: "move-target" }, "Move to") : null, others.length ? select : null,
    others.length ? h("button", { type: "button", onclick: () => { dialog.close(); movePicture(cls, file, select.value); } }, "Move") : null,
    h("button", { type: "button", class: "danger", onclick: () => { dialog.close(); deletePicture(cls, file); } }, "Delete picture"));
  dialog.showModal();
}

async function movePicture(cls, file, to) {
  try {
    await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}/move`, { method: "POST", json: { to } });
    toast(`Moved to ${to}. Train again to update the model.`);
  } catch (error) { toast(error.message, true); }
  await refreshProject();
}

async function deletePicture(cls, file) {
  try {
    await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}`, { method: "DELETE" });
    toast("Picture deleted. Train again to update the model.");
  } catch (error) { toast(error.message, true); }
  await refreshProject();
}
