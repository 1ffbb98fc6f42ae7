/* The microphone: a recorder panel per class of a sound project (hold a button to record a clip into it, with a
   live level meter), and the live "Listen" of a trained sound model. Each recording is resampled here to 16 kHz
   mono and uploaded whole as one 16-bit WAV; the server's teaching cuts it into 2-s windows (quiet ones left out,
   the windows of one recording kept in one cross-validation fold). Every microphone this page starts is stopped
   when its panel closes, when the page changes (main.js calls stopMicrophones) and when the tab goes away. */
import { h, enc, devicePanel } from "./dom.js";
import { api, toast } from "./api.js";
import { resample, wavFile, joined } from "./sound.js";

const open = new Set();  /* every microphone this page started */
/* class name → its open recorder panel: the project page redraws itself often, and the panels outlive that. */
const recorders = new Map();
const LONGEST = 10;  /* seconds: a held button stops recording by itself after this */
const WINDOW = 2;  /* seconds: what the model hears at once (opensight.teach._sounds.WINDOW_SECONDS) */
let panelCount = 0;

/* Stops every microphone this page started (on every change of page, before the token form, and on leaving). */
export function stopMicrophones() {
  for (const mic of [...open]) mic.stop();
  recorders.clear();
}
window.addEventListener("pagehide", stopMicrophones);

/* After the project page redrew itself inside ``root``: put each open recorder back into its class's new card; a
   recorder whose class is gone is closed. */
export function keepRecorders(root) {
  for (const [name, panel] of recorders) {
    const card = Array.from(root.querySelectorAll("article.class-card")).find((c) => c.dataset.class === name);
    if (card) card.append(panel.box); else panel.close(false);
  }
}

function microphoneProblem(error) {
  if (error.name === "NotAllowedError") return "the browser was not allowed to use it. Allow the microphone for this page (the icon in the address bar), then try again.";
  if (error.name === "NotFoundError" || error.name === "OverconstrainedError") return "no microphone was found. Plug one in, then try again.";
  if (error.name === "NotReadableError") return "another program is using it. Close that program, then try again.";
  return error.message || String(error);
}

/* The microphone as { rate, listeners (each gets every block of samples), level() in 0..1, stop() }. */
async function openMicrophone() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new Error("This browser gives no microphone here (it needs https, or the Studio at 127.0.0.1).");
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false }, video: false });
  const context = new AudioContext();
  const mic = { rate: context.sampleRate, listeners: new Set(), stopped: false };
  mic.stop = () => {
    if (mic.stopped) return;
    mic.stopped = true;
    stream.getTracks().forEach((t) => t.stop());
    context.close().catch(() => {});
    open.delete(mic);
  };
  open.add(mic);
  try {
    await context.audioWorklet.addModule(new URL("capture-worklet.js", import.meta.url));
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    const capture = new AudioWorkletNode(context, "opensight-capture");
    capture.port.onmessage = (event) => mic.listeners.forEach((take) => take(event.data));
    const silent = context.createGain();  /* the graph runs to the speakers, silently: nothing is played back */
    silent.gain.value = 0;
    source.connect(analyser); source.connect(capture); capture.connect(silent); silent.connect(context.destination);
    if (context.state === "suspended") await context.resume();
    const wave = new Float32Array(analyser.fftSize);
    mic.level = () => {  /* the loudness of the last ~40 ms, -60 dBFS (0) to full scale (1) */
      analyser.getFloatTimeDomainData(wave);
      const rms = Math.sqrt(wave.reduce((sum, x) => sum + x * x, 0) / wave.length);
      return Math.max(0, Math.min(1, (20 * Math.log10(rms + 1e-9) + 60) / 60));
    };
  } catch (error) { mic.stop(); throw error; }
  return mic;
}

/* A level meter that follows ``mic`` until it stops. */
function levelMeter(mic, id) {
  const meter = h("meter", { id, min: 0, max: 1, low: 0.2, high: 0.9, optimum: 0.6, value: 0 });
  const timer = setInterval(() => {
    if (mic.stopped) { clearInterval(timer); return; }
    meter.value = mic.level();
  }, 60);
  return [h("label", { for: id }, "Level"), meter];
}

/* A recorder panel in a class's card: hold "Hold to record into X" (pointer, or Space/Enter) to record; on release
   the clip goes to the class as a 16 kHz WAV, then ``refresh`` redraws the project page (the panel stays open). */
export async function openRecorder(card, pid, className, refresh) {
  const panel = await devicePanel(recorders, card, className, {
    cls: "recorder", device: "Microphone", opener: "[data-microphone]", closeText: "Close the microphone",
    start: () => openMicrophone(), unavailable: (error) => `Microphone unavailable: ${microphoneProblem(error)}` });
  if (!panel) return;
  const n = ++panelCount, box = panel.box, closeButton = panel.closeButton, mic = panel.device;
  const status = h("p", { role: "status", class: "recorder-status" }, "Hold the button while the sound plays; let go to stop.");
  const button = h("button", { type: "button", class: "record", id: `recorder-${n}`, "aria-pressed": "false",
    "aria-describedby": `recorder-help-${n}` }, `Hold to record into ${className}`);
  box.append(
    h("div", { class: "row" }, button, closeButton),
    h("div", { class: "row" }, levelMeter(mic, `recorder-level-${n}`)),
    h("p", { class: "muted", id: `recorder-help-${n}` },
      `Press and hold (or hold Space or Enter): it records while held, up to ${LONGEST} s. A second or two per clip is best: the model hears 2-second windows.`),
    status);
  holdToRecord(button, { mic, status, pid, className, refresh });
  button.focus();
}

function holdToRecord(button, { mic, status, pid, className, refresh }) {
  let blocks = null, timer = null, started = 0;
  const take = (block) => { if (blocks) blocks.push(block); };
  const start = () => {
    if (blocks || mic.stopped) return;
    blocks = []; started = performance.now();
    mic.listeners.add(take);
    button.setAttribute("aria-pressed", "true");
    status.textContent = "Recording…";
    timer = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      status.textContent = `Recording… ${seconds.toFixed(1)} s`;
      if (seconds >= LONGEST) stop();
    }, 100);
  };
  async function stop() {
    if (!blocks) return;
    const taken = blocks;
    blocks = null;
    mic.listeners.delete(take);
    clearInterval(timer);
    button.setAttribute("aria-pressed", "false");
    const samples = joined(taken);
    if (samples.length < mic.rate * 0.2) { status.textContent = "Too short: hold the button for about a second while the sound plays."; return; }
    status.textContent = `Adding the recording to ${className}…`;
    const text = await upload(wavFile(resample(samples, mic.rate), `recording-${new Date().toISOString().replace(/[:.]/g, "-")}.wav`), pid, className);
    status.textContent = text.message;
    try { await refresh(); } catch (error) { toast(error.message, true); return; }
    toast(text.message, text.bad);
  }
  const isKey = (event) => event.key === " " || event.key === "Enter";
  button.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    button.focus();
    button.setPointerCapture(event.pointerId);
    start();
  });
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) button.addEventListener(type, () => stop());
  button.addEventListener("keydown", (event) => { if (!isKey(event)) return; event.preventDefault(); if (!event.repeat) start(); });
  button.addEventListener("keyup", (event) => { if (!isKey(event)) return; event.preventDefault(); stop(); });
  button.addEventListener("blur", () => stop());
  button.addEventListener("contextmenu", (event) => event.preventDefault());
}

async function upload(file, pid, className) {
  const body = new FormData();
  body.append("files", file, file.name);
  try {
    const answer = await api(`/studio/api/projects/${enc(pid)}/classes/${enc(className)}/sounds`, { method: "POST", body });
    if (answer.added.length) return { message: `Added 1 recording to ${className}.`, bad: false };
    return { message: "This recording is identical to one already there: nothing was added.", bad: true };
  } catch (error) { return { message: `The recording was not added: ${error.message}`, bad: true }; }
}

/* Listening live in ``box``: every ~0.5 s the last two seconds the microphone heard (16 kHz mono float32, the
   model's window) go to
   ``ask``; the next goes 0.5 s after the last was sent, or when its answer came if that took longer. The
   microphone stops with the button, or as soon as the box has left the page. */
export async function listenLive(box, ask) {
  if (box.dataset.live === "1") return;
  box.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the browser for the microphone…"));
  let mic;
  try { mic = await openMicrophone(); } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Microphone unavailable: ${microphoneProblem(error)}`));
    return;
  }
  box.dataset.live = "1";  /* the page keeps a running box when it redraws itself (testing.js) */
  let recent = [], held = 0;
  const take = (block) => {
    recent.push(block); held += block.length;
    while (held - recent[0].length >= WINDOW * mic.rate) held -= recent.shift().length;
  };
  mic.listeners.add(take);
  const stop = () => { delete box.dataset.live; mic.stop(); };
  const stopButton = h("button", { type: "button", class: "secondary", onclick: () => { stop(); box.replaceChildren(); box.dispatchEvent(new Event("stopped")); } }, "Stop listening");
  box.replaceChildren(h("div", { class: "row" }, stopButton, levelMeter(mic, "listen-level")));
  stopButton.focus();
  const tick = async () => {
    if (mic.stopped) return;
    if (!box.isConnected) { stop(); return; }
    const sent = performance.now();
    if (held >= mic.rate / 2) {
      const last = joined(recent);
      await ask(resample(last.subarray(Math.max(0, last.length - WINDOW * mic.rate)), mic.rate));
    }
    setTimeout(tick, Math.max(0, 500 - (performance.now() - sent)));
  };
  setTimeout(tick, 500);
}

