/* The exported page: load the model, then answer a chosen picture or the webcam's frames (see opensight-model.js). */
import { loadModel } from "./opensight-model.js";

const $ = (id) => document.getElementById(id);
const pct = (x) => `${Math.round(x * 100)}%`;
/* A share that is not 1 never reads "100%" (a threshold just under 1, an "unsure" answer just under it). */
const exactPct = (x) => {
  for (let digits = 0; digits < 12; digits++) {
    const text = (x * 100).toFixed(digits);
    if (x >= 1 || Number(text) < 100) return `${text}%`;
  }
  return `${(Math.floor(x * 1e12) / 1e10).toFixed(10)}%`;
};

function notice(message) { $("notice").textContent = message; $("notice").hidden = false; }

/* No answer shown: a file that could not be read left the last picture's answer (and its error stayed after good
   ones: a new user's trial). */
function cleared() {
  $("answer").textContent = ""; $("answer").className = "answer"; delete $("answer").dataset.label;
  $("bars").replaceChildren(); $("unsure-note").hidden = true;
}

function show(result) {
  $("notice").hidden = true;
  const answer = $("answer");
  answer.textContent = result.unsure ? `Unsure — best guess: ${result.guess} (${exactPct(result.score)})` : `${result.label} (${pct(result.score)})`;
  answer.className = "answer" + (result.unsure ? " unsure" : "");
  answer.dataset.label = result.label;
  answer.dataset.probabilities = JSON.stringify(result.probabilities);
  $("unsure-note").hidden = !result.unsure;
  $("bars").replaceChildren(...result.top.map((entry) => {
    const item = document.createElement("li");
    const name = document.createElement("span"); name.textContent = entry.label;
    const bar = document.createElement("span"); bar.className = "bar"; bar.setAttribute("aria-hidden", "true");
    const fill = document.createElement("span"); fill.style.width = `${(entry.score * 100).toFixed(1)}%`; bar.append(fill);
    const score = document.createElement("span"); score.textContent = pct(entry.score);
    item.append(name, bar, score);
    return item;
  }));
}

async function webcam(model) {
  const video = $("video"), button = $("webcam");
  if (video.srcObject) {  /* a second click stops it */
    video.srcObject.getTracks().forEach((track) => track.stop()); video.srcObject = null; video.hidden = true;
    button.textContent = "Start the webcam";
    return;
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    notice("This browser gives no webcam to this page: open it from http://127.0.0.1 or https.");
    return;
  }
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  } catch (error) {
    notice(`The webcam could not be started (${error.message}); allow it in the browser's address bar and try again.`);
    return;
  }
  video.hidden = false; $("shown").hidden = true; button.textContent = "Stop the webcam";
  await new Promise((resolve) => { if (video.readyState >= 2) resolve(); else video.onloadeddata = resolve; });
  const tick = async () => {
    if (!video.srcObject) return;
    try { show(await model.predict(video)); } catch (error) { notice(`The model could not answer: ${error.message}`); }
    requestAnimationFrame(tick);
  };
  tick();
}

async function snippets() {
  for (const [id, file] of [["snippet-javascript", "example.html"], ["snippet-p5", "sketch.js"]]) {
    try { $(id).textContent = await (await fetch(file)).text(); } catch (error) { $(id).textContent = `(see ${file} in this folder)`; }
  }
}

async function main() {
  snippets();
  let model;
  try { model = await loadModel(); } catch (error) {
    notice(`The model could not be loaded: ${error.message}`);
    return;
  }
  const { card } = model;
  const threshold = card.unsure_threshold === null ? "" : ` Answers below ${exactPct(card.unsure_threshold)} are "unsure".`;
  $("model-facts").textContent = `Classes: ${card.classes.join(", ")}.${threshold} Runs in this browser, offline (${card.runtime}).`;
  $("picture").disabled = false; $("webcam").disabled = false;
  document.body.dataset.ready = "true";
  $("picture").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";  // the same file chosen again is a change too
    if (!file) return;
    cleared();
    const shown = $("shown"); shown.src = URL.createObjectURL(file); shown.hidden = false;
    try { show(await model.predict(file)); } catch (error) {
      shown.hidden = true;
      notice(`That file could not be read as a picture (${error.message}); choose a JPEG, PNG or WebP picture.`);
    }
  });
  $("webcam").addEventListener("click", () => webcam(model));
}

main();
