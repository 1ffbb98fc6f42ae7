/* "4. Test" for a sound project: try the trained model on a recording, or listen live: the microphone's last 2 s
   goes to POST /studio/api/projects/{id}/hear every ~0.5 s and the label of those seconds shows, continuously. */
import { h, enc, chosenFile } from "./dom.js";
import { api } from "./api.js";
import { listenLive } from "./microphone.js";
import { ACCEPT } from "./recordings.js";

/* The live box of the project shown: it carries on when the page redraws itself (the end of a training). */
let live = null;

/* The test panel; ``answerView(row)`` draws an answer (testing.js). */
export function soundTestPanel(project, answerView) {
  if (!project.trained) return h("p", { class: "muted" }, "Train the model, then try it on new recordings or listen live here.");
  const running = live && live.pid === project.id && live.box.dataset.live === "1";
  const result = running ? live.result : h("div", { id: "test-result", "aria-live": "polite" });
  const box = running ? live.box : h("div", { class: "listen" });
  live = { pid: project.id, box, result };
  const input = h("input", { type: "file", accept: ACCEPT, id: "test-file",
    onchange: (event) => chosenFile(event, (file) => testRecording(project.id, file, result, answerView)) });
  const listen = h("button", { type: "button", class: "secondary", id: "listen-button", hidden: running, onclick: () => {
    listen.hidden = true;
    result.replaceChildren(h("p", { class: "muted" }, "Listening: make a sound…"));
    box.addEventListener("stopped", () => { listen.hidden = false; listen.focus(); }, { once: true });
    let heard = 0;
    listenLive(box, (samples) => hearOnce(project.id, samples, result, answerView, ++heard));
  } }, "Listen");
  return [h("div", { class: "row" }, h("label", { for: "test-file" }, "Test a recording"), input, listen), box, result];
}

async function testRecording(pid, file, result, answerView) {
  result.replaceChildren(h("p", { class: "busy", role: "status" }, "Listening to the recording…"));
  const body = new FormData(); body.append("file", file, file.name);
  try {
    const row = await api(`/studio/api/projects/${enc(pid)}/predict`, { method: "POST", body });
    result.replaceChildren(h("audio", { controls: true, src: URL.createObjectURL(file), "aria-label": "The tested recording" }),
      ...answerView(row), h("p", { class: "muted" }, row.summary));
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad", role: "alert" }, error.message)); }
}

/* The last two seconds of the live microphone: its answer replaces the previous one; ``heard`` counts the answers. */
async function hearOnce(pid, samples, result, answerView, heard) {
  try {
    const row = await api(`/studio/api/projects/${enc(pid)}/hear`, { method: "POST", body: samples,
      headers: { "Content-Type": "application/octet-stream" } });
    const [head, ...rest] = answerView(row);
    head.id = "listen-answer";
    head.dataset.heard = String(heard);
    result.replaceChildren(h("p", { class: "muted" }, "The last two seconds:"), head, ...rest);
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad" }, error.message)); }
}
