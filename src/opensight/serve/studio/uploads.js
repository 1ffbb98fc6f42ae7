/* Pictures on their way to the server. A phone photo (12 megapixels, 3–8 MB) is scaled down here first, so that
   25 of them arrive in seconds (the model looks at far fewer pixels anyway), and they travel several per request. */

export const LONG_SIDE = 1600;
const BATCH_FILES = 8;
const BATCH_BYTES = 8 * 1024 * 1024;  /* under the server's 20 MB default; a bigger file goes alone */

/* ``file`` with its long side at most 1600 px: when it was bigger, an upright JPEG (its EXIF orientation applied)
   under the same name; else the file itself. A file the browser cannot decode (HEIC in Chromium, a damaged or
   empty file) goes as it is: the server checks it and says why it refuses it. */
export async function scaledDown(file) {
  let bitmap;
  try { bitmap = await createImageBitmap(file, { imageOrientation: "from-image" }); }
  catch (error) { return file; }
  try {
    const scale = LONG_SIDE / Math.max(bitmap.width, bitmap.height);
    if (!(scale < 1)) return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";  /* a JPEG has no transparency: transparent parts become white, not black */
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
    return blob ? new File([blob], file.name, { type: "image/jpeg", lastModified: file.lastModified }) : file;
  } catch (error) {
    return file;
  } finally {
    bitmap.close();
  }
}

/* Prepare ``files`` one by one (``progress(n)`` before the n-th) and hand them to ``send(batch)`` in batches of
   at most 8 files and 8 MB; one request at a time, the next batch being prepared while one is sent. ``send`` must
   not throw (it reports its own failures). */
export async function inBatches(files, send, progress) {
  let batch = [], bytes = 0, sending = Promise.resolve();
  for (const [i, file] of files.entries()) {
    progress(i + 1);
    const ready = await scaledDown(file);
    if (batch.length && (batch.length >= BATCH_FILES || bytes + ready.size > BATCH_BYTES)) {
      await sending;
      sending = send(batch);
      batch = []; bytes = 0;
    }
    batch.push(ready); bytes += ready.size;
  }
  await sending;
  if (batch.length) await send(batch);
}
