"""Read and hear: OCR character error rate and speed (opensight read vs RapidOCR called directly with the same
bundled models), speech word error rate and real-time factor (opensight transcribe vs faster-whisper called
directly with the same model), and peak memory on a 30-minute recording.

Prints a table and appends it to BENCHMARKS.md. Usage: python bench/hear_read.py [--no-append]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from tests._media import (  # noqa: E402
    SENTENCES,
    cer,
    concatenate_wavs,
    degrade,
    espeak,
    pocketsphinx_clips,
    render_lines,
    wer,
)

from _common import DATA, append_benchmark, run_measured  # noqa: E402

VOCABULARY = [*" ".join(SENTENCES).lower().split(), "receipt", "coffee", "2026", "No.", "€3.20", "Tel", "0171"]
SPOKEN = (
    "the library opens at nine in the morning and closes at six",
    "remember to water the tomatoes before you leave",
    "our train was delayed by twenty minutes because of the snow",
    "she wrote a long letter to her brother in canada",
    "the museum has a new exhibition about ancient boats",
    "we need two loaves of bread and a dozen eggs",
)


def text_lines(folder: Path, count: int = 100) -> list[tuple[Path, str]]:
    """``count`` rendered lines of 3-8 words, 14-48 px, blurred, rotated and noisy (seed 0)."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for index in range(count):
        text = " ".join(rng.choice(VOCABULARY, int(rng.integers(3, 9))))
        path = folder / f"line{index:03d}.png"
        degrade(render_lines([text], int(rng.integers(14, 49))), rng).save(path)
        found.append((path, text))
    return found


def bench_ocr(lines: list[tuple[Path, str]]) -> list[str]:
    import cv2
    from rapidocr import RapidOCR

    import opensight as osi
    from opensight.models.ocr import DETECTOR, ORIENTATION, RECOGNISER

    paths = [path for path, _ in lines]
    truth = [text for _, text in lines]
    peer = RapidOCR(
        params={
            "Det.model_path": str(DETECTOR.locate()),
            "Rec.model_path": str(RECOGNISER.locate()),
            "Cls.model_path": str(ORIENTATION.locate()),
            "Global.log_level": "error",
        }
    )
    peer(cv2.imread(str(paths[0])))  # warm up both
    reader = osi.TextReader()
    reader(paths[0])
    started = time.perf_counter()
    theirs = []
    for path in paths:
        found = peer(cv2.imread(str(path)))
        theirs.append(" ".join(found.txts) if found.txts else "")
    peer_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = [outcome.result.text.replace("\n", " ") if outcome.result else "" for outcome in reader.stream(paths)]
    our_seconds = time.perf_counter() - started
    peer_cer = float(np.mean([cer(t, h) for t, h in zip(truth, theirs, strict=True)]))
    our_cer = float(np.mean([cer(t, h) for t, h in zip(truth, ours, strict=True)]))
    n = len(paths)
    return [
        f"| OCR: 100 rendered, degraded lines (DejaVu 14–48 px, blur, ±3°, noise; seed 0) — mean CER | "
        f"{peer_cer:.2%} | {our_cer:.2%} | |",
        f"| OCR: seconds per image | {peer_seconds / n:.3f} s | {our_seconds / n:.3f} s | "
        f"**{our_seconds / peer_seconds:.2f}×** the time (target ≤ 1.1×) |",
    ]


def speech_set(folder: Path) -> list[tuple[Path, str]]:
    clips = pocketsphinx_clips()
    folder.mkdir(parents=True, exist_ok=True)
    synthetic = [(espeak(text, folder / f"spoken{i}.wav"), text) for i, text in enumerate(SPOKEN)]
    return clips + synthetic


def _duration(path: Path) -> float:
    import wave

    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def bench_speech(items: list[tuple[Path, str]]) -> list[str]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    from faster_whisper import WhisperModel

    import opensight as osi
    from opensight.models.whisper import TINY_EN

    audio_seconds = sum(_duration(path) for path, _ in items)
    peer = WhisperModel(
        str(TINY_EN.locate().parent), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 2
    )
    ours = osi.Transcriber()
    list(peer.transcribe(str(items[0][0]), vad_filter=True)[0])  # warm up both
    ours(items[0][0])
    started = time.perf_counter()
    theirs = [
        " ".join(s.text for s in peer.transcribe(str(path), vad_filter=True, beam_size=5)[0]) for path, _ in items
    ]
    peer_seconds = time.perf_counter() - started
    started = time.perf_counter()
    mine = [transcript.text for transcript in ours([path for path, _ in items])]
    our_seconds = time.perf_counter() - started
    truth = [text for _, text in items]
    return [
        f"| speech: WER on 5 pocketsphinx clips + 6 espeak-ng sentences ({audio_seconds:.0f} s), tiny.en | "
        f"{wer(truth, theirs):.1%} | {wer(truth, mine):.1%} | |",
        f"| speech: real-time factor (seconds of work per second of audio) | {peer_seconds / audio_seconds:.3f} | "
        f"{our_seconds / audio_seconds:.3f} | **{our_seconds / peer_seconds:.2f}×** the time (target ≤ 1.1×) |",
    ]


_PEER_LONG = """
import os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
from faster_whisper import WhisperModel
from opensight.models.whisper import TINY_EN
model = WhisperModel(str(TINY_EN.locate().parent), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 2)
print(" ".join(s.text for s in model.transcribe(sys.argv[1], vad_filter=True, beam_size=5)[0]))
"""


def bench_long(items: list[tuple[Path, str]], folder: Path) -> list[str]:
    """A 30-minute recording: the speech set over and over with pauses (about 40% speech)."""
    long = folder / "thirty-minutes.wav"
    if not long.exists():
        parts: list[tuple[Path | None, float]] = []
        total = 0.0
        while total < 1800:
            for path, _ in items:
                parts.append((path, 6.0))
                total += _duration(path) + 6.0
        concatenate_wavs(parts, long)
    minutes = _duration(long) / 60
    opensight = str(Path(sys.executable).parent / "opensight")
    our_seconds, our_peak, _ = run_measured([opensight, "transcribe", str(long), "-f", "txt"])
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(_PEER_LONG)
    peer_seconds, peer_peak, _ = run_measured([sys.executable, script.name, str(long)])
    os.unlink(script.name)
    mb = 1024 * 1024
    return [
        f"| speech: a {minutes:.0f}-minute recording (process start included) — wall time | {peer_seconds:.0f} s | "
        f"{our_seconds:.0f} s | {our_seconds / peer_seconds:.2f}× |",
        f"| speech: peak RSS on that recording | {peer_peak / mb:.0f} MB (decodes the whole file first) | "
        f"{our_peak / mb:.0f} MB (5-minute windows) | |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    folder = DATA / "hear_read"
    rows = ["| measure | peer (called directly) | opensight | ratio |", "|---|---|---|---|"]
    rows += bench_ocr(text_lines(folder / "lines"))
    print("\n".join(rows), flush=True)
    items = speech_set(folder / "speech")
    rows += bench_speech(items)
    print("\n".join(rows[-2:]), flush=True)
    rows += bench_long(items, folder)
    body = (
        "OCR peer: RapidOCR with its default settings and the same bundled PP-OCRv6 models, cv2.imread, lines "
        "joined with spaces. Speech peer: faster-whisper with the same tiny.en model, int8, VAD on, beam 5. "
        "opensight scales pictures to 960-1600 px on the long side before finding lines (RapidOCR's default "
        "enlarges the short side to 736 px, which made one-line pictures several times bigger), and decodes "
        "audio in 5-minute windows.\n\n" + "\n".join(rows)
    )
    print(body)
    if not args.no_append:
        append_benchmark("read and transcribe (bench/hear_read.py)", body)


if __name__ == "__main__":
    main()
