/* "4. Test" and "5. Use it": try the trained model on a picture or the webcam (a sound model: on a recording or
   the microphone, live); download it, snippets to use it. */
import { h, pct, exactPct, enc, scoreBars, isLandmarks, chosenFile } from "./dom.js";
import { api } from "./api.js";
import { liveWebcam } from "./webcam.js";
import { soundTestPanel } from "./listening.js";
import { snippet, httpCommands, webPagePart } from "./shipping.js";

/* The live webcam test of the project shown: its box (camera) and answer area carry on when the page redraws itself
   (the end of a training, a new class), as the class cards' webcam panels do. */
let live = null;

export function testPanel(project) {
  if (project.kind === "sounds") return soundTestPanel(project, answerView);
  if (!project.trained) return h("p", { class: "muted" }, isLandmarks(project) ? "Train the model, then try it on new pictures here: it draws the skeleton it finds." : "Train the model, then try it on new pictures here.");
  const running = live && live.pid === project.id && live.box.dataset.live === "1";
  const result = running ? live.result : h("div", { id: "test-result", "aria-live": "polite" });
  const input = h("input", { type: "file", accept: "image/*,.heic,.heif,.avif", id: "test-file",
    onchange: (event) => chosenFile(event, (file) => testPicture(project.id, file, result)) });
  const camBox = running ? live.box : h("div", { class: "webcam" });
  live = { pid: project.id, box: camBox, result };
  return [h("div", { class: "row" }, h("label", { for: "test-file" }, "Test a picture"), input,
    h("button", { type: "button", class: "secondary", onclick: () => liveWebcam(camBox, (blob) => testFrame(project.id, blob, result)) }, "Test with the webcam")), camBox, result];
}

const SKELETON_ALT = "The tested picture, with the skeleton the model found";

async function testPicture(pid, blob, result) {
  result.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the model…"));
  const body = new FormData(); body.append("file", blob, blob.name || "webcam.jpg");
  try {
    const row = await api(`/studio/api/projects/${enc(pid)}/predict`, { method: "POST", body });
    /* a pose or gesture model's answer comes with the picture drawn by the server (skeleton and label) */
    const shown = row.annotated ? h("img", { class: "test-picture", alt: SKELETON_ALT, src: row.annotated })
      : h("img", { class: "test-picture", alt: "The tested picture", src: URL.createObjectURL(blob) });
    result.replaceChildren(shown, ...answerView(row));
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad", role: "alert" }, error.message)); }
}

/* One frame of the live webcam test: the answer replaces the previous one (no busy line; a picture only for a pose
   or gesture model: the frame with the skeleton it found). */
async function testFrame(pid, blob, result) {
  const body = new FormData(); body.append("file", blob, "webcam.jpg");
  try {
    const row = await api(`/studio/api/projects/${enc(pid)}/predict`, { method: "POST", body });
    const shown = row.annotated ? h("img", { class: "test-picture", alt: SKELETON_ALT, src: row.annotated }) : null;
    result.replaceChildren(...[shown, ...answerView(row)].filter(Boolean));
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad" }, error.message)); }
}

export function answerView(row) {
  if (row.found === null && row.summary) {  /* a pose or gesture model that found nobody (no hand) */
    return [h("p", { class: "result unsure", id: "test-answer" }, row.summary),
      h("p", { class: "muted" }, "The model judges the pose of one person (or one hand's gesture) it can see well: step back into the picture, or show your hand.")];
  }
  const head = row.unsure
    ? h("p", { class: "result unsure", id: "test-answer" }, `Unsure — best guess: ${row.guess} (${exactPct(row.score)})`)
    : h("p", { class: "result", id: "test-answer" }, `${row.label} (${pct(row.score)})`);
  return [head,
    row.unsure ? h("p", { class: "muted" }, "The model's confidence is below its threshold: treat this answer as a guess.") : null,
    scoreBars(row.top)].filter(Boolean);
}

/* ---------- use it ------------------------------------------------------------------------------- */
export function usePanel(project) {
  if (!project.trained) return h("p", { class: "muted" }, "After training: download the model file and use it from the command line, Python or any HTTP client.");
  const file = `${project.id}.osm`;
  const sounds = project.kind === "sounds";
  const example = sounds ? "recording.wav" : "photo.jpg", folder = sounds ? "recordings/" : "photos/";
  return [
    h("div", { class: "row" },
      h("a", { class: "button", id: "download-osm", href: `/studio/api/projects/${enc(project.id)}/model.osm`, download: file }, `Download ${file}`),
      h("a", { class: "button secondary", href: `/studio/api/projects/${enc(project.id)}/report.html`, target: "_blank", rel: "noopener" }, "Report")),
    h("p", { class: "muted" }, "One portable file (no pickle): the model, its labels, its card and its report."),
    snippet("Command line", `opensight predict ${file} ${example}\nopensight predict ${file} ${folder} --out results.csv`),
    snippet("Python", `import opensight as osi\nmodel = osi.load("${file}")\nanswer = model("${example}")\nprint(answer.label, answer.score)  # "unsure" below the threshold` +
      (sounds ? "\nprint(answer.summary())  # when each class was heard, window by window" : "")),
    snippet("HTTP (curl)", httpCommands(project), "snippet-http"),
    webPagePart(project),
  ];
}
