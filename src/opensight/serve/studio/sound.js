/* Sound as the model hears it: 16 kHz mono. Resampling with a windowed-sinc filter (band-limited: what is above
   8 kHz in a 48 kHz recording is filtered out, not folded down as aliases), and 16-bit PCM WAV files. */

export const RATE = 16000;
const ZEROS = 16;  /* zero crossings of the sinc on each side of a sample: a sharp, clean low-pass */

const sinc = (x) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
const blackman = (t) => 0.42 + 0.5 * Math.cos(Math.PI * t) + 0.08 * Math.cos(2 * Math.PI * t);

/* ``samples`` (a Float32Array at ``rate`` Hz) at ``to`` Hz (16 kHz unless said). Each output sample is a weighted
   sum of the input samples around it; the weights, a Blackman-windowed sinc cut at 94% of the lower Nyquist
   frequency, are normalised so a constant stays constant. */
export function resample(samples, rate, to = RATE) {
  if (rate === to) return Float32Array.from(samples);
  const ratio = rate / to;
  const cutoff = Math.min(1, 1 / ratio) * 0.94;
  const half = Math.ceil(ZEROS / cutoff);
  const out = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const centre = i * ratio;
    const first = Math.max(0, Math.ceil(centre - half)), last = Math.min(samples.length - 1, Math.floor(centre + half));
    let sum = 0, weights = 0;
    for (let j = first; j <= last; j++) {
      const x = j - centre;
      const weight = sinc(x * cutoff) * blackman(x / half);
      sum += samples[j] * weight;
      weights += weight;
    }
    out[i] = weights ? sum / weights : 0;
  }
  return out;
}

/* 16 kHz mono float samples as a 16-bit PCM WAV file named ``name``. */
export function wavFile(samples, name) {
  const data = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at, value) => { for (let i = 0; i < value.length; i++) data.setUint8(at + i, value.charCodeAt(i)); };
  text(0, "RIFF"); data.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
  text(12, "fmt "); data.setUint32(16, 16, true); data.setUint16(20, 1, true); data.setUint16(22, 1, true);
  data.setUint32(24, RATE, true); data.setUint32(28, RATE * 2, true); data.setUint16(32, 2, true); data.setUint16(34, 16, true);
  text(36, "data"); data.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.max(-1, Math.min(1, samples[i]));
    data.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return new File([data.buffer], name, { type: "audio/wav" });
}

/* Blocks of samples joined into one Float32Array. */
export function joined(blocks) {
  const out = new Float32Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const block of blocks) { out.set(block, at); at += block.length; }
  return out;
}
