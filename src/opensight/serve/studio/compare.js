/* The segment task's before/after comparison: the picture ("before") and the person kept over a dimmed, blurred or
   transparent background ("after"), composed here from the picture and the mask the server sends (white = person).
   A range input reveals the "after" from the left over the "before"; both are drawn into one canvas. */
import { h } from "./dom.js";

/* The longest side drawn: a phone's 4000 px photo is shown, and composed, at most this wide or high. */
const MAX_SIDE = 1280;

const BACKGROUNDS = {
  dimmed: "dimmed",
  blurred: "blurred",
  transparent: "transparent (checkerboard)",
};

/* The comparison for ``file`` (the picture as chosen) and ``maskUrl`` (a PNG data URL at the picture's size). The
   figure gets data-ready="true" once drawn, or shows why it could not be. */
export function beforeAfter(file, maskUrl) {
  const canvas = h("canvas", { id: "compare-canvas", role: "img", width: 1, height: 1,
    "aria-label": "The picture and its result (being drawn)" });
  const slider = h("input", { type: "range", id: "compare-slider", min: "0", max: "100", step: "1", value: "50",
    class: "slider", "aria-controls": "compare-canvas" });
  const background = h("select", { id: "compare-background" },
    Object.entries(BACKGROUNDS).map(([value, text]) => h("option", { value }, text)));
  const figure = h("figure", { class: "compare", id: "task-compare" },
    canvas,
    h("div", { class: "row compare-controls" },
      h("label", { for: "compare-slider" }, "Show the result"),
      h("span", { class: "muted", "aria-hidden": "true" }, "before"), slider,
      h("span", { class: "muted", "aria-hidden": "true" }, "after")),
    h("div", { class: "row" }, h("label", { for: "compare-background" }, "Background"), background),
    h("figcaption", { class: "muted" },
      "Left of the line: the person kept and the background changed, as the mask says; right of it: the picture as given."));
  Promise.all([loaded(URL.createObjectURL(file), true), loaded(maskUrl, false)])
    .then(([picture, mask]) => {
      const layers = { before: scaled(picture, size(mask)), mask: alpha(scaled(mask, size(mask))) };
      const draw = () => show(canvas, slider, layers, background.value);
      background.addEventListener("change", () => { layers.after = null; draw(); });
      slider.addEventListener("input", draw);
      dragging(canvas, slider);
      draw();
      figure.dataset.ready = "true";
    })
    .catch(() => figure.replaceChildren(h("p", { class: "notice bad", role: "alert" },
      "This browser could not draw the picture and its mask; the answer below is still right.")));
  return figure;
}

/* A pointer dragged over the picture moves the slider too (the slider stays the keyboard's way). */
function dragging(canvas, slider) {
  const move = (event) => {
    if (event.type === "pointermove" && !event.buttons) return;
    const box = canvas.getBoundingClientRect();
    slider.value = String(Math.round(Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) * 100));
    slider.dispatchEvent(new Event("input"));
  };
  canvas.addEventListener("pointerdown", move);
  canvas.addEventListener("pointermove", move);
}

function loaded(src, revoke) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => { if (revoke) URL.revokeObjectURL(src); resolve(img); };
    img.onerror = () => { if (revoke) URL.revokeObjectURL(src); reject(new Error("not a picture")); };
    img.src = src;
  });
}

/* The drawn size: the mask's (the picture's own, after its EXIF orientation), at most MAX_SIDE on its longest side. */
function size(mask) {
  const fit = Math.min(1, MAX_SIDE / Math.max(mask.naturalWidth, mask.naturalHeight));
  return [Math.max(1, Math.round(mask.naturalWidth * fit)), Math.max(1, Math.round(mask.naturalHeight * fit))];
}

function blank([width, height]) {
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  return canvas;
}

function scaled(img, dims) {
  const canvas = blank(dims);
  canvas.getContext("2d").drawImage(img, 0, 0, dims[0], dims[1]);
  return canvas;
}

/* The grey mask as an alpha channel: person pixels opaque, background transparent, soft edges kept soft. */
function alpha(grey) {
  const ctx = grey.getContext("2d");
  const image = ctx.getImageData(0, 0, grey.width, grey.height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) { px[i + 3] = px[i]; px[i] = px[i + 1] = px[i + 2] = 0; }
  ctx.putImageData(image, 0, 0);
  return grey;
}

/* The "after": the background as chosen, the person (the picture cut out by the mask) over it. */
function after(layers, mode) {
  const dims = [layers.before.width, layers.before.height];
  const person = blank(dims), ctx = person.getContext("2d");
  ctx.drawImage(layers.before, 0, 0);
  ctx.globalCompositeOperation = "destination-in";
  ctx.drawImage(layers.mask, 0, 0);
  const out = blank(dims), o = out.getContext("2d");
  backdrop(o, layers.before, mode);
  o.drawImage(person, 0, 0);
  return out;
}

function backdrop(ctx, before, mode) {
  const { width, height } = before;
  if (mode === "transparent") return checkerboard(ctx, width, height);
  if (mode === "blurred") {
    ctx.drawImage(before, 0, 0);  /* under the blur: its soft edges do not fade to transparent */
    ctx.filter = `blur(${Math.max(4, Math.round(Math.max(width, height) / 60))}px)`;
  }
  ctx.drawImage(before, 0, 0);
  ctx.filter = "none";
  if (mode === "dimmed") { ctx.fillStyle = "rgba(0, 0, 0, 0.6)"; ctx.fillRect(0, 0, width, height); }
}

function checkerboard(ctx, width, height) {
  const cell = Math.max(8, Math.round(Math.max(width, height) / 40));
  for (let y = 0; y < height; y += cell) {
    for (let x = 0; x < width; x += cell) {
      ctx.fillStyle = ((x + y) / cell) % 2 ? "#c8c8c8" : "#f4f4f4";
      ctx.fillRect(x, y, cell, cell);
    }
  }
}

/* Draws the "after" over the left ``slider.value`` percent of the "before", a line where they meet; says so. */
function show(canvas, slider, layers, mode) {
  layers.after = layers.after || after(layers, mode);
  const { width, height } = layers.before;
  if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
  const ctx = canvas.getContext("2d");
  const share = Number(slider.value), split = Math.round((width * share) / 100);
  ctx.drawImage(layers.before, 0, 0);
  if (split > 0) ctx.drawImage(layers.after, 0, 0, split, height, 0, 0, split, height);
  if (split > 0 && split < width) { ctx.fillStyle = "#ffffff"; ctx.fillRect(Math.max(0, split - 1), 0, 2, height); }
  slider.setAttribute("aria-valuetext", `${share}% of the picture shows the result`);
  canvas.setAttribute("aria-label", `The picture, the left ${share}% with the background ${BACKGROUNDS[mode]}`);
}
