/* A model taught with opensight, in the browser: the SAME preprocessing as Python (opensight/inputs/_transforms.py:
   Pillow's bicubic resampling, integer for integer), then onnxruntime-web on this folder's model.onnx. Offline.

     import { loadModel } from "./opensight-model.js";
     const model = await loadModel();
     const answer = await model.predict(imageOrVideoOrCanvasOrFile);   // {label, score, guess, unsure, top, ...}
*/
import * as ort from "./ort.wasm.min.mjs";

const HERE = new URL("./", import.meta.url);

/* Load the model of the folder ``base`` (this module's folder by default). */
export async function loadModel(base = HERE) {
  const folder = new URL("./", new URL(base, location.href));
  ort.env.wasm.numThreads = 1;  /* one thread: any web server will do (no cross-origin isolation needed) */
  ort.env.wasm.wasmPaths = HERE.href;
  const get = async (name) => {
    const response = await fetch(new URL(name, folder));
    if (!response.ok) throw new Error(`${name} could not be loaded (the server answered ${response.status}); keep the exported folder's files together`);
    return response;
  };
  const [card, labels, graph] = await Promise.all([
    get("card.json").then((r) => r.json()), get("labels.json").then((r) => r.json()),
    get("model.onnx").then((r) => r.arrayBuffer())]);
  const session = await ort.InferenceSession.create(new Uint8Array(graph), { executionProviders: ["wasm"] });
  const size = card.input.size;
  return {
    card, labels,
    /* The answer for a picture: a File/Blob, <img>, <video>, <canvas>, ImageBitmap or ImageData. */
    async predict(source) {
      const picture = await rgbOf(source);
      const fit = card.input.fit;
      const square = fit === "content" ? contentPicture(picture, size)
        : fit === "whole" ? wholePicture(picture, size) : centreCrop(picture, size, card.input.resize_side);
      const pixels = new ort.Tensor("uint8", square, [1, size, size, 3]);
      const out = await session.run({ [session.inputNames[0]]: pixels });
      return answer(Array.from(out.probabilities.data), labels, card.unsure_threshold);
    },
  };
}

/* As ``opensight predict``'s row: the best class, or "unsure" below the model's threshold (``guess`` is the best
   class anyway); ``top``: up to five classes, best first; ``probabilities``: every class, in labels.json's order. */
export function answer(probabilities, labels, threshold) {
  const top = labels.map((label, i) => ({ label, score: probabilities[i] }))
    .sort((a, b) => b.score - a.score).slice(0, Math.min(5, labels.length));
  const unsure = threshold !== null && threshold !== undefined && top[0].score < threshold;
  return { label: unsure ? "unsure" : top[0].label, score: top[0].score, guess: top[0].label, unsure, top, probabilities };
}

/* ---- pixels ------------------------------------------------------------------------------------------------ */
/* {data: RGB bytes, width, height}. Files are decoded without colour management (as Pillow does), upright by
   their EXIF orientation; transparency is laid on white, as opensight does. */
export async function rgbOf(source) {
  if (source instanceof Blob) {
    const bitmap = await createImageBitmap(source, { colorSpaceConversion: "none", premultiplyAlpha: "none", imageOrientation: "from-image" });
    try { return rgbOf(bitmap); } finally { bitmap.close(); }
  }
  if (typeof ImageData !== "undefined" && source instanceof ImageData) return toRgb(source);
  const width = source.videoWidth || source.naturalWidth || source.width;
  const height = source.videoHeight || source.naturalHeight || source.height;
  if (!width || !height) throw new Error("the picture has no pixels yet (is the webcam or the image still loading?)");
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.drawImage(source, 0, 0, width, height);
  return toRgb(context.getImageData(0, 0, width, height));
}

function toRgb(image) {
  const { data, width, height } = image;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    const alpha = data[i + 3];
    for (let c = 0; c < 3; c++) rgb[j + c] = alpha === 255 ? data[i + c] : div255(255 * (255 - alpha) + data[i + c] * alpha);
  }
  return { data: rgb, width, height };
}
const div255 = (v) => { const t = v + 128; return ((t >> 8) + t) >> 8; };  /* Pillow's paste blend */

/* ---- opensight/inputs/_transforms.py ----------------------------------------------------------------------- */
/* Python's round(): halves to even. */
export function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/* whole_picture: the long side resized to ``side`` (bicubic), centred on the mean colour of the picture's border. */
export function wholePicture(picture, side) {
  const { data, width, height } = picture;
  const scale = side / Math.max(height, width);
  const w = Math.max(1, Math.min(side, roundHalfEven(width * scale)));
  const h = Math.max(1, Math.min(side, roundHalfEven(height * scale)));
  const sum = [0, 0, 0];
  const add = (x, y) => { const i = (y * width + x) * 3; sum[0] += data[i]; sum[1] += data[i + 1]; sum[2] += data[i + 2]; };
  for (let x = 0; x < width; x++) { add(x, 0); add(x, height - 1); }
  for (let y = 0; y < height; y++) { add(0, y); add(width - 1, y); }
  const border = sum.map((s) => roundHalfEven(s / (2 * width + 2 * height)));
  const square = new Uint8Array(side * side * 3);
  for (let i = 0; i < square.length; i += 3) square.set(border, i);
  const resized = resample(picture, w, h);
  const top = Math.floor((side - h) / 2), left = Math.floor((side - w) / 2);
  for (let y = 0; y < h; y++) square.set(resized.subarray(y * w * 3, (y + 1) * w * 3), ((top + y) * side + left) * 3);
  return square;
}

/* content_box: where the picture's content lies on its plain background, [top, bottom, left, right] with a margin, or
   null (edges not plain, or the content covers more than half of it); a big picture is looked at on a grid of every
   step-th pixel: the same comparisons as the Python, on the same pixels, with the same constants (PLAIN_LEVELS,
   PLAIN_BORDER, INKED, CONTENT_MARGIN, CONTENT_MOST, CONTENT_LEAST, CONTENT_GRID of opensight/inputs/_transforms.py). */
export function contentBox(picture) {
  const { data, width, height } = picture;
  const LEVELS = 14, step = Math.ceil(Math.max(width, height) / 512);
  const across = Math.ceil(width / step), down = Math.ceil(height / step);
  const at = (column, row) => (row * step * width + column * step) * 3;
  const border = [];
  for (let x = 0; x < across; x++) border.push(at(x, 0));
  for (let x = 0; x < across; x++) border.push(at(x, down - 1));
  for (let y = 0; y < down; y++) border.push(at(0, y));
  for (let y = 0; y < down; y++) border.push(at(across - 1, y));
  const colour = [0, 1, 2].map((c) => border.map((i) => data[i + c]).sort((a, b) => a - b)[(border.length - 1) >> 1]);
  const off = (i) => Math.max(Math.abs(data[i] - colour[0]), Math.abs(data[i + 1] - colour[1]), Math.abs(data[i + 2] - colour[2])) > LEVELS;
  let plain = 0;
  for (const i of border) if (!off(i)) plain++;
  if (plain < 0.9 * border.length) return null;
  const rows = new Int32Array(down), columns = new Int32Array(across);
  for (let y = 0; y < down; y++) for (let x = 0; x < across; x++) if (off(at(x, y))) { rows[y]++; columns[x]++; }
  const first = (counts, along) => counts.findIndex((n) => n > 0.01 * along);
  const last = (counts, along) => counts.length - 1 - [...counts].reverse().findIndex((n) => n > 0.01 * along);
  const firstRow = first(rows, across), firstColumn = first(columns, down);
  if (firstRow < 0 || firstColumn < 0) return null;
  let top = firstRow * step, bottom = Math.min(height, (last(rows, across) + 1) * step);
  let left = firstColumn * step, right = Math.min(width, (last(columns, down) + 1) * step);
  const margin = Math.floor(0.04 * Math.max(bottom - top, right - left) + 0.5);
  top = Math.max(0, top - margin); bottom = Math.min(height, bottom + margin);
  left = Math.max(0, left - margin); right = Math.min(width, right + margin);
  const area = (bottom - top) * (right - left);
  if (area > 0.5 * height * width || area < 0.02 * height * width) return null;
  return [top, bottom, left, right];
}

/* content_picture: whole_picture of what the picture shows on its plain background (contentBox), else of all of it. */
export function contentPicture(picture, side) {
  const box = contentBox(picture);
  if (box === null) return wholePicture(picture, side);
  const [top, bottom, left, right] = box, width = right - left, height = bottom - top;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * picture.width + left) * 3;
    data.set(picture.data.subarray(from, from + width * 3), y * width * 3);
  }
  return wholePicture({ data, width, height }, side);
}

/* resize_center_crop: the short side resized to ``resizeSide`` (bicubic), then the central ``size``² square. */
export function centreCrop(picture, size, resizeSide) {
  const { width, height } = picture;
  const scale = resizeSide / Math.min(width, height);
  const w = Math.max(size, roundHalfEven(width * scale)), h = Math.max(size, roundHalfEven(height * scale));
  const resized = w === width && h === height ? picture.data : resample(picture, w, h);
  const left = Math.floor((w - size) / 2), top = Math.floor((h - size) / 2);
  const square = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) square.set(resized.subarray(((top + y) * w + left) * 3, ((top + y) * w + left + size) * 3), y * size * 3);
  return square;
}

/* ---- Pillow's Image.resize(..., BICUBIC) for RGB (libImaging/Resample.c): separable, antialiased when shrinking,
   coefficients in 22-bit fixed point. ------------------------------------------------------------------------- */
const BITS = 22, ONE = 2 ** BITS, HALF = 2 ** (BITS - 1);

function bicubic(x) {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

function coefficients(inSize, outSize) {
  const scale = inSize / outSize, filterscale = Math.max(1, scale);
  const support = 2 * filterscale, ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2), kk = new Float64Array(outSize * ksize);
  const weights = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale, ss = 1 / filterscale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) { weights[x] = bicubic((x + xmin - center + 0.5) * ss); ww += weights[x]; }
    for (let x = 0; x < xmax; x++) {
      const k = ww !== 0 ? weights[x] / ww : weights[x];
      kk[xx * ksize + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    bounds[xx * 2] = xmin; bounds[xx * 2 + 1] = xmax;
  }
  return { bounds, kk, ksize };
}

const clip8 = (v) => (v >= ONE * 256 ? 255 : v <= 0 ? 0 : Math.floor(v / ONE));

/* ``picture`` resized to ``width``×``height``: RGB bytes. Pillow (from 11.3) runs the vertical pass first when the
   height shrinks by more than twice as many pixels as the width; the order changes the rounding of the middle step. */
export function resample(picture, width, height) {
  const { data, width: inW, height: inH } = picture;
  const horizontalFirst = !(inH - height > 0 && inH - height > (inW - width) * 2);
  if (width === inW && height === inH) return Uint8Array.from(data);
  if (horizontalFirst) {
    const wide = width === inW ? data : horizontal(data, inW, inH, width);
    return height === inH ? wide : vertical(wide, width, inH, height);
  }
  const tall = vertical(data, inW, inH, height);
  return width === inW ? tall : horizontal(tall, inW, height, width);
}

function horizontal(data, inW, rows, width) {
  const { bounds, kk, ksize } = coefficients(inW, width);
  const out = new Uint8Array(width * rows * 3);
  for (let y = 0; y < rows; y++) {
    for (let xx = 0; xx < width; xx++) {
      const xmin = bounds[xx * 2], xmax = bounds[xx * 2 + 1], k = xx * ksize;
      let r = HALF, g = HALF, b = HALF;
      for (let x = 0; x < xmax; x++) {
        const i = (y * inW + x + xmin) * 3, w = kk[k + x];
        r += data[i] * w; g += data[i + 1] * w; b += data[i + 2] * w;
      }
      const o = (y * width + xx) * 3;
      out[o] = clip8(r); out[o + 1] = clip8(g); out[o + 2] = clip8(b);
    }
  }
  return out;
}

function vertical(data, width, inH, height) {
  const { bounds, kk, ksize } = coefficients(inH, height);
  const out = new Uint8Array(width * height * 3);
  for (let yy = 0; yy < height; yy++) {
    const ymin = bounds[yy * 2], ymax = bounds[yy * 2 + 1], k = yy * ksize;
    for (let xx = 0; xx < width; xx++) {
      let r = HALF, g = HALF, b = HALF;
      for (let y = 0; y < ymax; y++) {
        const i = ((y + ymin) * width + xx) * 3, w = kk[k + y];
        r += data[i] * w; g += data[i + 1] * w; b += data[i + 2] * w;
      }
      const o = (yy * width + xx) * 3;
      out[o] = clip8(r); out[o + 1] = clip8(g); out[o + 2] = clip8(b);
    }
  }
  return out;
}
