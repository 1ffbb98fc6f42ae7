/* Building the page: h() makes elements; formatters, pictures fetched with the token, drop zones, score bars. */
import { store } from "./state.js";

export const app = document.getElementById("app");

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  return put(el, children);
}
/* Replaces ``el``'s children, leaving out null, undefined and false as h() does (replaceChildren() alone writes
   them as the text "null"). */
export function fill(el, ...children) { el.replaceChildren(); return put(el, children); }
function put(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
export const pct = (x) => `${Math.round(x * 100)}%`;
/* A share that is not 1 never reads "100%": as many decimals as it takes (an "unsure" answer at 0.99998 under a
   threshold of 0.9999999999 must not say 100%). */
export const exactPct = (x) => {
  for (let digits = 0; digits < 12; digits++) {
    const text = (x * 100).toFixed(digits);
    if (x >= 1 || Number(text) < 100) return `${text}%`;
  }
  return `${(Math.floor(x * 1e12) / 1e10).toFixed(10)}%`;
};
/* "1 picture", "2 pictures": a count with its noun (``many`` for irregular plurals: count(n, "class", "classes")). */
export const count = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;
/* The file an <input type=file> change event chose, to ``use``; the input is then emptied, so choosing the same file
   again is a change too (a test showed the webcam's last answer beside a picture chosen a second time). */
export function chosenFile(event, use) {
  const file = event.target.files[0];
  event.target.value = "";
  if (file) use(file);
}

/* A form's async submit ``handler``, run one at a time: its buttons are disabled until it ends (a double click on
   Create made two projects of one name; on Add class, an "already exists" error). */
export function submitOnce(handler) {
  return async (event) => {
    event.preventDefault();
    const form = event.target;
    if (form.dataset.busy) return;
    const buttons = [...form.querySelectorAll("button")];
    form.dataset.busy = "1";
    buttons.forEach((button) => { button.disabled = true; });
    try { await handler(event); } finally {
      delete form.dataset.busy;
      buttons.forEach((button) => { button.disabled = false; });
    }
  };
}

/* Sentences from the evaluation mark class names as *name*: show them in italics, safely. */
export function sentence(text) {
  return String(text).split(/\*([^*]+)\*/).map((part, i) => (i % 2 ? h("em", {}, part) : part));
}
export const enc = encodeURIComponent;

export const pictureUrl = (pid, cls, file) =>
  `/studio/api/projects/${enc(pid)}/classes/${enc(cls)}/pictures/${enc(file)}`;
export const keyUrl = (pid, key) => { const [cls, file] = key.split("/"); return pictureUrl(pid, cls, file); };

/* Pictures shown with <img> need the token too when one is set: fetch them as blobs. */
export function picture(src, alt, cls) {
  const img = h("img", { alt, loading: "lazy", class: cls });
  if (!store.token) { img.src = src; return img; }
  fetch(src, { headers: { Authorization: "Bearer " + store.token } })
    .then((r) => r.blob()).then((b) => { img.src = URL.createObjectURL(b); });
  return img;
}

/* A recording's player (<audio controls>), fetched with the token too when one is set. ``src`` may end in a media
   fragment (``#t=3,4``: one window of a longer recording). */
export function player(src, label) {
  const audio = h("audio", { controls: true, preload: "none", "aria-label": label });
  if (!store.token) { audio.src = src; return audio; }
  const [path, fragment] = src.split("#");
  fetch(path, { headers: { Authorization: "Bearer " + store.token } })
    .then((r) => r.blob()).then((b) => { audio.src = URL.createObjectURL(b) + (fragment ? `#${fragment}` : ""); });
  return audio;
}

/* Pose and gesture projects: pictures in, each seen as the skeleton the detector finds in it. */
export const isLandmarks = (project) => Boolean(project) && (project.kind === "poses" || project.kind === "hands");
/* What the person holds in front of the webcam for one example ("a pose", "a gesture"), or null. */
export const holdWhat = (project) => (!project ? null : project.kind === "poses" ? "a pose" : project.kind === "hands" ? "a gesture" : null);

/* An example picture as the model saw it (pose and gesture projects: with the skeleton drawn). */
export const previewUrl = (pid, key) => `${keyUrl(pid, key)}/preview`;

/* What a project's examples are called: "picture" or "recording" (``many``: the plural). */
export const noun = (project, many) => (project && project.kind === "sounds" ? "recording" : "picture") + (many ? "s" : "");

/* Files dropped on ``zone`` go to ``take``; the zone lights up while something is dragged over it. */
export function acceptDrops(zone, take) {
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault(); zone.classList.remove("over");
    take(event.dataTransfer.files);
  });
}

/* Labels with their scores as bars; ``marked`` labels get a tick. */
export function scoreBars(entries, marked = []) {
  return h("ul", { class: "bars" }, entries.map((t) => h("li", {},
    h("span", {}, t.label + (marked.includes(t.label) ? " ✓" : "")),
    h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width:${(t.score * 100).toFixed(1)}%` })),
    h("span", {}, pct(t.score)))));
}

/* One Tab stop for a row of buttons (a roving tabindex): the arrow keys, Home and End move between them, and Tab
   comes back to the one last focused. ``box`` holds the buttons; the first is the stop until another is focused. */
export function roving(box, selector = "button") {
  const items = () => Array.from(box.querySelectorAll(selector));
  const stop = (item) => items().forEach((b) => b.setAttribute("tabindex", b === item ? "0" : "-1"));
  stop(items()[0]);
  box.addEventListener("focusin", (event) => { if (event.target.matches(selector)) stop(event.target); });
  box.addEventListener("keydown", (event) => {
    const all = items(), at = all.indexOf(event.target);
    if (at < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const to = event.key === "Home" ? 0 : event.key === "End" ? all.length - 1 : step ? at + step : null;
    if (to === null) return;
    event.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, to))].focus();
  });
  return box;
}

/* A device panel (the webcam's, the microphone's) in a class's card, one per class in ``registry`` (the panels
   outlive the page's redraws). Asks ``start(box)`` for the device; says ``unavailable(error)`` in the panel when it
   cannot. Returns the panel — ``{ box, device, closeButton, close(refocus) }``, the busy line gone — or null: when
   the class had a panel already (focused), the device could not start, or the panel was closed meanwhile. */
export async function devicePanel(registry, card, className, { cls, device, opener, closeText, start, unavailable }) {
  if (registry.has(className)) { registry.get(className).box.querySelector(".record").focus(); return null; }
  const box = h("div", { class: cls, role: "group", "aria-label": `${device} for ${className}` },
    h("p", { class: "busy" }, `Asking the browser for the ${device.toLowerCase()}…`));
  const panel = { box, device: null, close: (refocus) => {
    registry.delete(className);
    if (panel.device) panel.device.stop();
    const home = box.closest(".class-card");
    box.remove();
    const back = home && home.querySelector(opener);
    if (refocus && back) back.focus();
  } };
  panel.closeButton = h("button", { type: "button", class: "secondary", onclick: () => panel.close(true) }, closeText);
  registry.set(className, panel);
  card.append(box);
  try {
    panel.device = await start(box);
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn", role: "alert" }, unavailable(error)), panel.closeButton);
    return null;
  }
  if (!registry.has(className)) { panel.device.stop(); return null; }  /* closed (or the page changed) while asking */
  box.querySelector(".busy").remove();
  return panel;
}
