"""Memory on long recordings (issue 13: "memory stays flat on long recordings"): the peak memory (RSS) and the wall
time of `opensight transcribe` and of faster-whisper called directly (its defaults: no VAD, beam 5, the same
CTranslate2 model files), each a fresh process, on one recording of 10, 30 and 60 minutes.

The recordings are the speech benchmark's 10-minute file (bench/_quality_speech.py: pocketsphinx's recorded clips
and espeak-ng licence sentences with 4-20 s pauses) played once, three and six times in a row. opensight decodes and
hears a long recording in 5-minute windows; faster-whisper decodes the whole file into memory first.

Usage: python bench/_speech_memory.py [--quick] [--append]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from tests._media import concatenate_wavs, read_wav  # noqa: E402

from _common import DATA, append_benchmark, quality_part_main, run_measured  # noqa: E402
from _quality_speech import build_sets  # noqa: E402

BIN = Path(sys.executable).parent
#: faster-whisper called directly, as a user of it would: every segment's text, one process.
DIRECT = """
import sys
from faster_whisper import WhisperModel
model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8", cpu_threads=int(sys.argv[3]))
print(" ".join(segment.text for segment in model.transcribe(sys.argv[2], beam_size=5)[0]))
"""


def recordings(quick: bool) -> list[tuple[int, Path]]:
    """(minutes, path): the benchmark's long recording played 1, 3 and 6 times in a row (quick: its 6-minute
    version once and twice)."""
    sets = build_sets(DATA / "quality_speech", quick)
    long_path = next(items[0][0] for name, items in sets.items() if name.startswith("long"))
    samples, rate = read_wav(long_path)
    minutes = samples.size / rate / 60
    made = []
    for times in (1, 2) if quick else (1, 3, 6):
        path = DATA / "quality_speech" / f"long_x{times}.wav"
        if not path.exists():
            concatenate_wavs([(long_path, 0.0)] * times, path)
        made.append((round(minutes * times), path))
    return made


def run(append: bool, quick: bool = False) -> str:
    """Measure both on each recording; return a markdown table (and append it to BENCHMARKS.md when ``append``)."""
    from opensight._settings import thread_count
    from opensight.models.whisper import TINY_EN

    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    model = str(TINY_EN.locate().parent)
    rows = [
        "| recording | opensight transcribe: peak RSS | faster-whisper direct: peak RSS | opensight: wall time | "
        "direct: wall time | time opensight / direct |",
        "|---|---|---|---|---|---|",
    ]
    for minutes, path in recordings(quick):
        ours_s, ours_rss, _ = run_measured(
            [str(BIN / "opensight"), "transcribe", str(path), "--format", "txt"], env=env
        )
        direct_s, direct_rss, _ = run_measured(
            [sys.executable, "-c", DIRECT, model, str(path), str(thread_count())], env=env
        )
        rows.append(
            f"| {minutes} min | {ours_rss / 2**20:.0f} MB | {direct_rss / 2**20:.0f} MB | {ours_s:.0f} s | "
            f"{direct_s:.0f} s | {ours_s / direct_s:.2f}× |"
        )
        print(rows[-1], flush=True)
    body = (__doc__ or "").split("Usage:")[0].strip() + "\n\n" + "\n".join(rows)
    if append:
        append_benchmark("transcribe: memory on long recordings (bench/_speech_memory.py)", body)
    return body


if __name__ == "__main__":
    quality_part_main(run, __doc__, "a 6- and a 12-minute recording")
