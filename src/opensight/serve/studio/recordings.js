/* A sound project's class card parts: the drop zone (files, drops, the microphone's recorder) and the list of its
   recordings, each with a player and a Delete button. */
import { store } from "./state.js";
import { h, count, enc, pictureUrl, player, acceptDrops } from "./dom.js";
import { api, toast } from "./api.js";
import { openRecorder } from "./microphone.js";

export const ACCEPT = "audio/*,video/webm,.wav,.mp3,.ogg,.oga,.opus,.flac,.m4a,.aac,.webm";
const BATCH = 8;

const soundsUrl = (className) => `/studio/api/projects/${enc(store.project.id)}/classes/${enc(className)}/sounds`;

/* The drop zone of class ``cls``: drop recordings, choose files, or record with the microphone. */
export function soundDrop(cls, refresh) {
  const add = (files) => addSounds(cls.name, files, refresh);
  const input = h("input", { type: "file", accept: ACCEPT, multiple: true, hidden: true,
    "aria-label": `Choose recordings for ${cls.name}`, "data-class": cls.name, onchange: (event) => add(event.target.files) });
  const drop = h("div", { class: "drop" },
    "Drop recordings here or ",
    h("button", { type: "button", class: "secondary small", "data-action": "choose", onclick: () => input.click() }, "choose files"),
    " or ",
    h("button", { type: "button", class: "secondary small", "data-microphone": "open",
      onclick: (event) => openRecorder(event.currentTarget.closest(".class-card"), store.project.id, cls.name, () => refresh()) }, "Record"),
    input);
  acceptDrops(drop, add);
  return drop;
}

/* The recordings of ``cls``: a player and a Delete button each, under the name it was uploaded with. */
export function soundList(cls, refresh, shownName, busy) {
  if (!cls.pictures.length) return h("p", { class: "muted" }, `No recordings in ${cls.name} yet.`);
  return h("ul", { class: "sounds", "aria-label": `Recordings in ${cls.name}` }, cls.pictures.map((file, at) => {
    const name = shownName(file, cls.name);
    return h("li", { "data-file": file },
      player(pictureUrl(store.project.id, cls.name, file), `${name} in ${cls.name}`),
      h("span", { class: "sound-name", title: name }, name),
      h("button", { type: "button", class: "danger small", disabled: busy, "aria-label": `Delete recording ${name} from ${cls.name}`,
        onclick: () => deleteSound(cls, file, at, refresh) }, "Delete"));
  }));
}

/* After a delete the focus goes to the Delete button that takes its place (the one before when it was the last),
   else to the class's heading. */
async function deleteSound(cls, file, at, refresh) {
  try {
    await api(`/studio/api/projects/${enc(store.project.id)}/classes/${enc(cls.name)}/pictures/${enc(file)}`, { method: "DELETE" });
    toast("Recording deleted. Train again to update the model.");
  } catch (error) { toast(error.message, true); }
  await refresh(() => {
    const card = document.querySelector(`article[data-class="${CSS.escape(cls.name)}"]`);
    if (!card) return null;
    const buttons = card.querySelectorAll(".sounds button");
    return buttons[Math.min(at, buttons.length - 1)] || card.querySelector("h3");
  });
}

async function addSounds(className, files, refresh) {
  const list = Array.from(files || []);
  if (!list.length) return;
  let added = 0, identical = 0; const refused = [];
  const send = async (batch) => {
    const body = new FormData();
    for (const file of batch) body.append("files", file, file.name);
    try {
      const answer = await api(soundsUrl(className), { method: "POST", body });
      added += answer.added.length; identical += answer.identical.length;
      refused.push(...answer.refused.map((r) => `${r.name}: ${r.reason}`));
    } catch (error) {  /* one file refused (its own status), or too big together: each alone */
      if (batch.length > 1) for (const file of batch) await send([file]);
      else refused.push(`${batch[0].name}: ${error.message}`);
    }
  };
  for (let at = 0; at < list.length; at += BATCH) {
    toast(`Adding recordings to ${className}: ${Math.min(at + BATCH, list.length)} of ${list.length}…`);
    await send(list.slice(at, at + BATCH));
  }
  await refresh();
  const same = identical ? `; ${identical} ${identical === 1 ? "was" : "were"} identical to ones already there` : "";
  const done = `Added ${count(added, "recording")} to ${className}${same}`;
  if (refused.length) toast(`${done}; not added: ${refused.join("; ")}`, true);
  else toast(`${done}.`);
}
