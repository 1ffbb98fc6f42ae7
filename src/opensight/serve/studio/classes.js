/* "1. Examples": one card per class in the project's order — its pictures (under their original names), adding
   more (files, drops, webcam), renaming it in place, moving it up or down, deleting it. While the model trains,
   nothing that would change what it learns from can be deleted, renamed or moved (the server refuses it too). */
import { store } from "./state.js";
import { h, count, enc, picture, pictureUrl, acceptDrops, roving, holdWhat } from "./dom.js";
import { api, toast } from "./api.js";
import { openWebcam } from "./webcam.js";
import { inBatches } from "./uploads.js";
import { soundDrop, soundList } from "./recordings.js";

export const WAIT = "Deleting, renaming and moving wait until the training ends.";
export const isTraining = () => Boolean(store.project && store.project.training.state === "running");

const classesUrl = () => `/studio/api/projects/${enc(store.project.id)}/classes`;

/* A function that finds, once the page is drawn again, the element of class ``name`` matching ``selector``. */
export const inClass = (name, selector) => () =>
  document.querySelector(`article[data-class="${CSS.escape(name)}"] ${selector}`);

/* A picture's name as the person knows it: the file name it was uploaded with into class ``cls`` (older pictures:
   the stored one; the describe route's originals are by class/file). */
export const shownName = (file, cls) => (store.project.originals || {})[`${cls}/${file}`] || file;

/* The card of ``cls`` (at ``index`` in the order). ``refresh(focus)`` draws the project again, then focuses what
   ``focus()`` returns; ``open(key, caption)`` opens a picture in the dialog. */
export function classCard(cls, index, refresh, open) {
  const pid = store.project.id;
  const last = store.project.classes.length - 1;
  const busy = isTraining();
  const sounds = store.project.kind === "sounds";
  const add = (files) => addPictures(cls.name, files, refresh);
  const input = h("input", { type: "file", accept: "image/*,.heic,.heif,.avif", multiple: true, hidden: true,
    "aria-label": `Choose pictures for ${cls.name}`, "data-class": cls.name,
    onchange: (event) => add(event.target.files) });
  const drop = sounds ? soundDrop(cls, refresh) : h("div", { class: "drop" },
    "Drop pictures here or ",
    h("button", { type: "button", class: "secondary small", "data-action": "choose", onclick: () => input.click() }, "choose files"),
    " or ",
    h("button", { type: "button", class: "secondary small", "data-webcam": "open",
      onclick: (event) => openWebcam(event.currentTarget.closest(".class-card"), pid, cls.name, () => refresh(), holdWhat(store.project)) }, "use the webcam"),
    input);
  if (!sounds) acceptDrops(drop, add);
  /* one Tab stop for the class's pictures: the arrow keys move between them (Train is a few Tabs away) */
  const thumbs = sounds ? soundList(cls, refresh, shownName, busy) : roving(h("div", { class: "thumbs", role: "group", "aria-label": `Pictures in ${cls.name} (arrow keys move between them)` },
    cls.pictures.map((file) => {
    const name = shownName(file, cls.name);
    return h("button", { type: "button", class: "thumb", "data-file": file, title: name,
      "aria-label": `Picture ${name} in ${cls.name}: open`, onclick: () => open(`${cls.name}/${file}`, `In class “${cls.name}”`) },
    picture(pictureUrl(pid, cls.name, file), `${cls.name} example ${name}`));
  })), "button.thumb");
  const tool = (action, label, text, disabled, onclick) =>
    h("button", { type: "button", class: `${action === "delete" ? "danger" : "secondary"} small`, "data-action": action,
      "aria-label": label, disabled, onclick }, text);
  const head = h("div", { class: "row spread" },
    h("h3", { tabindex: "-1" }, `${cls.name} `, h("small", { class: "muted" }, `(${count(cls.pictures.length, sounds ? "recording" : "picture")})`)),
    h("div", { class: "row tools" },
      tool("up", `Move ${cls.name} up`, "↑", index === 0, () => reorder(cls.name, -1, refresh)),
      tool("down", `Move ${cls.name} down`, "↓", index === last, () => reorder(cls.name, 1, refresh)),
      tool("rename", `Rename class ${cls.name}`, "Rename", busy, () => {
        const form = renameForm(cls.name, head, refresh);
        head.replaceWith(form);
        const field = form.querySelector("input");
        field.focus(); field.select();
      }),
      tool("delete", `Delete class ${cls.name}`, "Delete", busy, () => deleteClass(cls.name, refresh))));
  return h("article", { class: "class-card", "data-class": cls.name }, head, drop, thumbs);
}

let forms = 0;
/* The card's heading swapped for a form: "New name for X", Save, Cancel (Escape cancels too). */
function renameForm(name, head, refresh) {
  const id = `rename-field-${++forms}`;
  const cancel = () => { form.replaceWith(head); head.querySelector('[data-action="rename"]').focus(); };
  const field = h("input", { id, name: "name", type: "text", required: true, maxlength: 60, value: name,
    onkeydown: (event) => { if (event.key === "Escape") { event.preventDefault(); cancel(); } } });
  const form = h("form", { class: "row rename", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api(`${classesUrl()}/${enc(name)}/rename`, { method: "POST", json: { to: field.value } });
      await refresh(inClass(answer.name, '[data-action="rename"]'));
      if (answer.name !== name) toast(`Renamed “${name}” to “${answer.name}”. Train again to update the model.`);
    } catch (error) { toast(error.message, true); field.focus(); }
  } },
    h("label", { for: id }, `New name for ${name}`), field,
    h("button", { type: "submit", class: "small" }, "Save"),
    h("button", { type: "button", class: "secondary small", onclick: cancel }, "Cancel"));
  return form;
}

/* Move a class one place up (step -1) or down (+1); the focus stays on the same arrow, or the other one at an end. */
async function reorder(name, step, refresh) {
  const order = store.project.classes.map((c) => c.name);
  const from = order.indexOf(name), to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return;
  [order[from], order[to]] = [order[to], order[from]];
  const [same, other] = step < 0 ? ["up", "down"] : ["down", "up"];
  try {
    await api(classesUrl(), { method: "PUT", json: { order } });
    toast(`Moved ${name} ${same}: it is now number ${to + 1} of ${order.length}.`);
  } catch (error) { toast(error.message, true); }
  await refresh(() => {
    const button = inClass(name, `[data-action="${same}"]`)();
    return button && !button.disabled ? button : inClass(name, `[data-action="${other}"]`)();
  });
}

async function addPictures(className, files, refresh) {
  const list = Array.from(files || []);
  if (!list.length) return;
  let added = 0, identical = 0; const refused = [];
  const send = async (batch) => {
    const body = new FormData();
    for (const file of batch) body.append("files", file, file.name);
    try {
      const answer = await api(`${classesUrl()}/${enc(className)}/pictures`, { method: "POST", body });
      added += answer.added.length; identical += (answer.identical || []).length;
      refused.push(...answer.refused.map((r) => `${r.name}: ${r.reason}`));
    } catch (error) {  /* too big together: each alone, so only the one too big is refused */
      if (error.status === 413 && batch.length > 1) for (const file of batch) await send([file]);
      else refused.push(...batch.map((file) => `${file.name}: ${error.message}`));
    }
  };
  await inBatches(list, send, (n) => toast(`Adding pictures to ${className}: ${n} of ${list.length}…`));
  await refresh();
  const same = identical ? `; ${identical} ${identical === 1 ? "was" : "were"} identical to ones already there` : "";
  if (refused.length) toast(`Added ${added}${same}; not added: ${refused.join("; ")}`, true);
  else toast(`Added ${added} picture${added === 1 ? "" : "s"} to ${className}${same}.`);
}

async function deleteClass(name, refresh) {
  if (!confirm(`Delete the class “${name}” and its pictures?`)) return;
  try { await api(`${classesUrl()}/${enc(name)}`, { method: "DELETE" }); }
  catch (error) { toast(error.message, true); }
  await refresh(() => document.getElementById("class-name"));
}
