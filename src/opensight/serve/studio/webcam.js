/* The webcam: a capture panel per class (hold a button to record a burst of pictures into it, as in Teachable
   Machine), and the live test of a trained model. Every camera this page starts is stopped when its panel closes,
   when the page changes (main.js calls stopStreams) and when the tab goes away. */
import { h, enc, devicePanel } from "./dom.js";
import { api, toast } from "./api.js";

const streams = [];
/* class name → its open capture panel: the project page redraws itself often, and the panels outlive that. */
const panels = new Map();
const BATCH = 10;  /* frames per upload while recording */
let panelCount = 0;

/* Stops every camera this page started (on every change of page, before the token form, and on leaving). */
export function stopStreams() {
  for (const s of streams) s.getTracks().forEach((t) => t.stop());
  streams.length = 0;
  panels.clear();
}
window.addEventListener("pagehide", stopStreams);

/* After the project page redrew itself inside ``root``: put each open panel back into its class's new card (the
   same element: its camera, settings and focus carry on); a panel whose class is gone is closed. */
export function keepWebcams(root) {
  for (const [name, panel] of panels) {
    const card = Array.from(root.querySelectorAll("article.class-card")).find((c) => c.dataset.class === name);
    if (!card) { panel.close(false); continue; }
    card.append(panel.box);
    const video = panel.box.querySelector("video");
    if (video && video.paused) video.play().catch(() => {});
  }
}

function cameraProblem(error) {
  if (error.name === "NotAllowedError") return "the browser was not allowed to use it. Allow the camera for this page (the icon in the address bar), then try again.";
  if (error.name === "NotFoundError" || error.name === "OverconstrainedError") return "no camera was found. Plug one in, then try again.";
  if (error.name === "NotReadableError") return "another program is using it. Close that program, then try again.";
  return error.message || String(error);
}

async function startCamera(container) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new Error("This browser gives no webcam here (it needs https, or the Studio at 127.0.0.1).");
  }
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  streams.push(stream);
  const video = h("video", { autoplay: true, playsinline: true, muted: true, "aria-label": "Webcam preview" });
  video.srcObject = stream;
  container.append(video);
  await new Promise((resolve) => { video.onloadedmetadata = resolve; setTimeout(resolve, 3000); });
  const stop = () => {
    stream.getTracks().forEach((t) => t.stop());
    const at = streams.indexOf(stream);
    if (at >= 0) streams.splice(at, 1);
  };
  return { video, stop };
}

function grab(video) {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth || 640; canvas.height = video.videoHeight || 480;
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), "image/jpeg", 0.9));
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/* What a recording did, from the server's answers: new pictures, identical ones (kept once), refused ones. */
function summary(className, { added, identical, refused }) {
  const same = `${identical === 1 ? "was" : "were"} identical to ones already there`;
  let text = added ? `Added ${plural(added, "picture", "pictures")} to ${className}` : "No new pictures";
  if (identical) text += added ? `; ${identical} ${same}` : `: the ${plural(identical, "frame", "frames")} ${same}`;
  text += identical ? " (the camera saw the same picture: move a little between frames)." : ".";
  if (refused.length) text += ` ${plural(refused.length, "frame was", "frames were")} not added: ${[...new Set(refused)].join("; ")}`;
  return text;
}

/* A capture panel in a class's card. Hold "Hold to capture" (pointer, or Space/Enter on the keyboard) to record
   frames at the chosen rate, for at most the chosen time; they go to the class in batches, then ``refresh``
   redraws the project page (the panel stays open). ``hold`` ("a pose", "a gesture"): what the person in front of
   the camera holds meanwhile (pose and gesture projects), said in the panel. */
export async function openWebcam(card, pid, className, refresh, hold = null) {
  const panel = await devicePanel(panels, card, className, {
    cls: "webcam", device: "Webcam", opener: "[data-webcam]", closeText: "Close webcam",
    start: (box) => startCamera(box), unavailable: (error) => `Webcam unavailable: ${cameraProblem(error)}` });
  if (!panel) return;
  const n = ++panelCount, box = panel.box, closeButton = panel.closeButton;
  const fps = h("input", { type: "number", id: `webcam-fps-${n}`, min: 1, max: 15, step: 1, value: 5 });
  const seconds = h("input", { type: "number", id: `webcam-seconds-${n}`, min: 1, max: 30, step: 1, value: 10 });
  const status = h("p", { role: "status", class: "webcam-status" }, hold
    ? `Hold ${hold} in front of the camera and hold the button to record; let go to stop.`
    : "Hold the button to record; let go to stop.");
  const button = h("button", { type: "button", class: "record", id: `webcam-record-${n}`, "aria-pressed": "false", "aria-describedby": `webcam-help-${n}` },
    `Hold to capture into ${className}`);
  box.append(
    h("div", { class: "row" }, button, closeButton),
    h("p", { class: "muted", id: `webcam-help-${n}` }, "Press and hold (or hold Space or Enter): it records while held."),
    h("div", { class: "row" },
      h("label", { for: fps.id }, "Frames per second"), fps,
      h("label", { for: seconds.id }, "Longest recording (seconds)"), seconds),
    status);
  holdToRecord(button, { video: panel.device.video, fps, seconds, status, pid, className, refresh });
  button.focus();
}

const clamp = (input, low, high, fallback) => Math.min(high, Math.max(low, Number(input.value) || fallback));

function holdToRecord(button, { video, fps, seconds, status, pid, className, refresh }) {
  let recording = false, timer = null, frames = [], pending = [], uploads = Promise.resolve(), count = 0, limit = 0;
  let totals = null;
  const send = async (batch) => {
    const body = new FormData();
    for (const file of batch) body.append("files", file, file.name);
    try {
      const answer = await api(`/studio/api/projects/${enc(pid)}/classes/${enc(className)}/pictures`, { method: "POST", body });
      totals.added += answer.added.length;
      totals.identical += (answer.identical || []).length;
      totals.refused.push(...answer.refused.map((r) => r.reason));
    } catch (error) { totals.refused.push(...batch.map(() => error.message)); }
  };
  const flush = () => {
    const batch = frames.splice(0);
    if (batch.length) uploads = uploads.then(() => send(batch));
  };
  const tick = () => {
    if (!recording) return;
    if (count >= limit) { stop(); return; }
    count += 1;
    const taken = grab(video).then((blob) => {
      if (blob) frames.push(new File([blob], `webcam-${Date.now()}-${count}.jpg`, { type: "image/jpeg" }));
      if (frames.length >= BATCH) flush();
    });
    pending.push(taken);
    status.textContent = `Recording… ${plural(count, "picture", "pictures")}`;
  };
  const start = () => {
    if (recording) return;
    const rate = clamp(fps, 1, 15, 5);
    recording = true; count = 0; limit = Math.max(1, Math.round(rate * clamp(seconds, 1, 30, 10)));
    totals = { added: 0, identical: 0, refused: [] };
    button.setAttribute("aria-pressed", "true");
    tick();
    timer = setInterval(tick, 1000 / rate);
  };
  async function stop() {
    if (!recording) return;
    recording = false;
    clearInterval(timer);
    button.setAttribute("aria-pressed", "false");
    status.textContent = `Recorded ${plural(count, "picture", "pictures")}; adding them to ${className}…`;
    const mine = totals;
    await Promise.all(pending.splice(0));
    flush();
    await uploads;
    const text = summary(className, mine);
    status.textContent = text;
    try { await refresh(); } catch (error) { toast(error.message, true); return; }
    toast(text, mine.refused.length > 0 || (mine.added === 0 && mine.identical === 0));
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

/* A live webcam in ``box``: every frame goes to ``ask`` (a JPEG blob), the next one 400 ms after its answer; the
   camera stops with the button, or as soon as the box has left the page. */
export async function liveWebcam(box, ask) {
  if (box.querySelector("video")) return;
  box.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the browser for the webcam…"));
  try {
    const camera = await startCamera(box);
    box.querySelector(".busy").remove();
    let live = true;
    box.dataset.live = "1";  /* the page keeps a running box when it redraws itself (testing.js) */
    const stop = () => { live = false; delete box.dataset.live; camera.stop(); };
    const tick = async () => {
      if (!live) return;
      if (!document.body.contains(camera.video)) { stop(); return; }
      await ask(await grab(camera.video));
      setTimeout(tick, 400);
    };
    box.append(h("button", { type: "button", class: "secondary", onclick: () => { stop(); box.replaceChildren(); } }, "Stop the webcam"));
    tick();
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Webcam unavailable: ${cameraProblem(error)}`));
  }
}
