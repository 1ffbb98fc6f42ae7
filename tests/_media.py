"""Test media with known words: text rendered with DejaVu fonts, pocketsphinx's recorded speech, espeak-ng speech."""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

import jiwer
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
POCKETSPHINX = Path("/usr/share/pocketsphinx/test/data")
SENTENCES = (
    "The quick brown fox jumps over the lazy dog",
    "Fresh bread is ready at seven every morning",
    "Please keep the receipt for your records",
    "Total amount due 42.50 euros",
    "Open Monday to Saturday from 8 to 18",
    "Turn left at the second traffic light",
)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = FONTS / name
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: `make setup` installs the Debian package fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


def render_lines(lines: list[str], size: int = 28, *, width: int | None = None) -> Image.Image:
    """Black text on white, one line per entry."""
    face = font(size)
    widest = max(int(face.getlength(line)) for line in lines)
    picture = Image.new("RGB", (width or widest + 2 * size, (len(lines) + 1) * int(size * 1.6)), "white")
    draw = ImageDraw.Draw(picture)
    for number, line in enumerate(lines):
        draw.text((size, size // 2 + number * int(size * 1.6)), line, font=face, fill="black")
    return picture


def degrade(picture: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A little blur, rotation and noise, as a phone photo of a page would have."""
    picture = picture.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.0, 1.0))))
    picture = picture.rotate(
        float(rng.uniform(-3, 3)), expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC
    )
    pixels = np.asarray(picture, dtype=np.float32) + rng.normal(
        0, float(rng.uniform(2, 12)), (picture.height, picture.width, 1)
    )
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def words(text: str) -> str:
    """Lower case, digits spelled as they are, punctuation and hyphens dropped — for WER/CER."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " ")).split())


def cer(reference: str, hypothesis: str) -> float:
    return float(jiwer.cer(reference, hypothesis))


def wer(references: list[str], hypotheses: list[str]) -> float:
    return float(jiwer.wer([words(r) for r in references], [words(h) for h in hypotheses]))


def pocketsphinx_clips() -> list[tuple[Path, str]]:
    """The 5 librivox clips with their transcripts (real read speech)."""
    folder = POCKETSPHINX / "librivox"
    if not folder.is_dir():
        raise RuntimeError(f"{folder} is missing: `make setup` installs the Debian package pocketsphinx-testdata")
    clips = []
    for line in (folder / "transcription").read_text().splitlines():
        found = re.match(r"<s> (.*) </s> \((.*)\)", line.strip())
        if found:
            clips.append((folder / f"{found.group(2)}.wav", found.group(1).replace("mister", "mr")))
    return clips


def espeak(text: str, path: Path, *, voice: str = "en-us", speed: int = 150, pitch: int = 50) -> Path:
    """Synthetic speech of ``text`` (robotic but exactly known)."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is missing: `make setup` installs the Debian package espeak-ng")
    command = ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(path), text]
    subprocess.run(command, check=True, capture_output=True)
    return path


def silence_wav(path: Path, seconds: float, rate: int = 16_000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(2 * int(seconds * rate)))
    return path


def concatenate_wavs(parts: list[tuple[Path | None, float]], path: Path, rate: int = 16_000) -> Path:
    """Clips (resampled naively to ``rate`` when needed) each followed by ``pause`` seconds of silence."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for clip, pause in parts:
            if clip is not None:
                with wave.open(str(clip), "rb") as source:
                    samples = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
                    if source.getnchannels() > 1:
                        samples = samples[:: source.getnchannels()]
                    if source.getframerate() != rate:
                        positions = np.arange(0, len(samples), source.getframerate() / rate)
                        samples = np.interp(positions, np.arange(len(samples)), samples).astype("<i2")
                out.writeframes(samples.tobytes())
            out.writeframes(bytes(2 * int(pause * rate)))
    return path


def encode(wav: Path, target: Path, *, with_video: bool = False) -> Path:
    """Re-encode a WAV as ``target``'s format (mp3, ogg, flac, m4a; mp4 with a black video track) with PyAV."""
    import av

    codecs = {".mp3": "mp3", ".ogg": "libopus", ".flac": "flac", ".m4a": "aac", ".mp4": "aac"}
    with av.open(str(wav)) as source, av.open(str(target), "w") as out:
        audio_in = source.streams.audio[0]
        rate = 48_000 if target.suffix == ".ogg" else audio_in.rate  # Opus takes 48 kHz
        audio = out.add_stream(codecs[target.suffix], rate=rate)
        resampler = av.AudioResampler(format=audio.format.name if audio.format else "s16", layout="mono", rate=rate)
        video = out.add_stream("libx264", rate=10) if with_video else None
        if video is not None:
            video.width, video.height, video.pix_fmt = 64, 64, "yuv420p"
        seconds = 0.0
        shown = 0
        for decoded in source.decode(audio_in):
            for frame in resampler.resample(decoded):
                frame.pts = None
                for packet in audio.encode(frame):
                    out.mux(packet)
            frame = decoded
            seconds += frame.samples / audio_in.rate
            while video is not None and shown < seconds * 10:
                picture = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")
                for packet in video.encode(picture):
                    out.mux(packet)
                shown += 1
        for stream in (audio, video):
            if stream is not None:
                for packet in stream.encode(None):
                    out.mux(packet)
    return target


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit WAV's first channel as float32 in [-1, 1], and its sample rate."""
    with wave.open(str(path), "rb") as source:
        samples = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
        channels, rate = source.getnchannels(), source.getframerate()
    return samples[::channels].astype(np.float32) / 32768.0, rate


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    """Float samples in [-1, 1] as a mono 16-bit WAV."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    return path


def phone_like(source: Path, target: Path, *, lead: float = 0.0, telephone: bool = True, noise: float = 0.0) -> Path:
    """``source`` as a telephone would carry it — band-limited to 300-3400 Hz at 8 kHz, then back to 16 kHz —
    after ``lead`` seconds of silence (with ``noise``, a faint hiss of that RMS throughout)."""
    from math import gcd

    from scipy.signal import butter, resample_poly, sosfiltfilt

    samples, rate = read_wav(source)
    if telephone:
        divisor = gcd(rate, 8000)
        narrow = resample_poly(samples, 8000 // divisor, rate // divisor)
        narrow = sosfiltfilt(butter(4, [300, 3400], btype="band", fs=8000, output="sos"), narrow)
        samples, rate = resample_poly(narrow, 2, 1).astype(np.float32), 16_000
    elif rate != 16_000:
        divisor = gcd(rate, 16_000)
        samples, rate = resample_poly(samples, 16_000 // divisor, rate // divisor).astype(np.float32), 16_000
    samples = np.concatenate([np.zeros(int(lead * rate), np.float32), samples])
    if noise:
        samples = samples + np.random.default_rng(len(samples)).normal(0, noise, samples.size).astype(np.float32)
    return write_wav(target, samples, rate)


def render_block(
    lines: list[str],
    size: int = 28,
    *,
    align: str = "left",
    degrees: float = 0.0,
    columns: int = 1,
    gutter: float = 3.0,
    monospace: bool = False,
) -> Image.Image:
    """Black text on white: ``lines`` left-aligned, centred or justified (``align``: every line of a column but its
    last fills the column), poured into ``columns`` columns separated by a gutter ``gutter`` em wide, the whole page
    turned by ``degrees`` (counter-clockwise, as PIL's rotate); DejaVu Sans, or DejaVu Sans Mono."""
    face = ImageFont.truetype(str(FONTS / "DejaVuSansMono.ttf"), size) if monospace else font(size)
    per_column = -(-len(lines) // columns)
    chunks = [lines[i : i + per_column] for i in range(0, len(lines), per_column)]
    column = max(int(face.getlength(line)) for line in lines)
    leading = int(size * 1.6)
    page = Image.new(
        "RGB", (columns * column + int((columns - 1) * gutter * size) + 2 * size, (per_column + 1) * leading), "white"
    )
    draw = ImageDraw.Draw(page)
    for number, chunk in enumerate(chunks):
        left = size + number * (column + int(gutter * size))
        for row, line in enumerate(chunk):
            top = size // 2 + row * leading
            words = line.split()
            if align == "justify" and row < len(chunk) - 1 and len(words) > 1:
                space = (column - sum(face.getlength(word) for word in words)) / (len(words) - 1)
                x = float(left)
                for word in words:
                    draw.text((x, top), word, font=face, fill="black")
                    x += face.getlength(word) + space
                continue
            shift = (column - face.getlength(line)) / 2 if align == "centre" else 0
            draw.text((left + shift, top), line, font=face, fill="black")
    return page.rotate(degrees, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
