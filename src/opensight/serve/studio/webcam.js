/* The webcam: start and stop the camera, grab a frame, capture pictures into a class, test the model live. */
import { h } from "./dom.js";

const streams = [];

/* Stops every camera this page started (on every change of page, and before the token form). */
export function stopStreams() { for (const s of streams) s.getTracks().forEach((t) => t.stop()); streams.length = 0; }

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
  return { video, stop: () => stream.getTracks().forEach((t) => t.stop()) };
}

function grab(video) {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth || 640; canvas.height = video.videoHeight || 480;
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), "image/jpeg", 0.9));
}

/* A webcam in a class's card: each capture goes to ``add`` (a list of one File), as if chosen from disk. */
export async function openWebcam(card, className, add) {
  if (card.querySelector(".webcam")) return;
  const box = h("div", { class: "webcam", role: "group", "aria-label": `Webcam for ${className}` },
    h("p", { class: "busy", role: "status" }, "Asking the browser for the webcam…"));
  card.append(box);
  try {
    const camera = await startCamera(box);
    box.querySelector(".busy").remove();
    box.append(h("div", { class: "row" },
      h("button", { type: "button", onclick: async () => {
        const blob = await grab(camera.video);
        await add([new File([blob], `webcam-${Date.now()}.jpg`, { type: "image/jpeg" })]);
      } }, `Capture into ${className}`),
      h("button", { type: "button", class: "secondary", onclick: () => { camera.stop(); box.remove(); } }, "Close webcam")));
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Webcam unavailable: ${error.message}`));
  }
}

/* A live webcam in ``box``: every frame goes to ``ask`` (a JPEG blob), the next one 400 ms after its answer. */
export async function liveWebcam(box, ask) {
  if (box.querySelector("video")) return;
  box.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the browser for the webcam…"));
  try {
    const camera = await startCamera(box);
    box.querySelector(".busy").remove();
    let live = true;
    const tick = async () => {
      if (!live || !document.body.contains(camera.video)) return;
      await ask(await grab(camera.video));
      setTimeout(tick, 400);
    };
    box.append(h("button", { type: "button", class: "secondary", onclick: () => { live = false; camera.stop(); box.replaceChildren(); } }, "Stop the webcam"));
    tick();
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Webcam unavailable: ${error.message}`));
  }
}
