"""Shared helpers for the bench/ scripts: the real-size photo folder, timing, RSS, BENCHMARKS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import psutil
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
BENCHMARKS = ROOT / "BENCHMARKS.md"
SAMPLES = ("chelsea", "coffee", "rocket", "astronaut", "stereo_motorcycle", "camera")


def _sample(name: str) -> np.ndarray:
    from skimage import data

    pixels = getattr(data, name)()
    pixels = pixels[0] if isinstance(pixels, tuple) else pixels
    return np.stack([pixels] * 3, axis=-1) if pixels.ndim == 2 else pixels


def _write_photo(args: tuple[int, Path]) -> None:
    index, path = args
    rng = np.random.default_rng(index)
    pixels = _sample(SAMPLES[index % len(SAMPLES)])
    height, width = pixels.shape[:2]
    scale = rng.uniform(0.75, 1.0)  # a random crop of 56-100% of the area
    crop_w, crop_h = int(width * scale), int(height * scale)
    left, top = rng.integers(0, width - crop_w + 1), rng.integers(0, height - crop_h + 1)
    image = Image.fromarray(pixels[top : top + crop_h, left : left + crop_w])
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    image = image.resize((4000, 3000), Image.Resampling.BICUBIC)
    image.save(path, quality=90)


def photo_folder(count: int = 200) -> Path:
    """``count`` real-size photos (4000×3000 JPEG, q=90): crops/flips of scikit-image's sample photos,
    upscaled, so decoding costs what a phone photo costs. Made once, reused."""
    folder = DATA / f"photos-4000x3000-{count}"
    missing = [(i, folder / f"photo_{i:04d}.jpg") for i in range(count) if not (folder / f"photo_{i:04d}.jpg").exists()]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        print(f"generating {len(missing)} real-size photos in {folder} ...", file=sys.stderr)
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_write_photo, missing, chunksize=4))
    return folder


def linked_folder(source: Path, copies: int) -> Path:
    """A folder with ``copies`` hard links of every file in ``source`` (many inputs, little disk)."""
    files = sorted(source.glob("*.jpg"))
    folder = DATA / f"{source.name}-x{copies}"
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for file in files:
            link = folder / f"{copy:02d}_{file.name}"
            if not link.exists():
                os.link(file, link)
    return folder


def run_measured(
    command: Sequence[str], *, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, int, str]:
    """Run a command; return (wall seconds, peak RSS in bytes of it and its children, stdout).
    An exit status outside ``ok`` raises."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    watched = psutil.Process(process.pid)

    def watch() -> None:
        nonlocal peak
        while process.poll() is None:
            try:
                rss = watched.memory_info().rss + sum(c.memory_info().rss for c in watched.children(recursive=True))
            except psutil.Error:
                break
            peak = max(peak, rss)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    watcher.join()
    if process.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, peak, out


def machine() -> str:
    """One line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def append_benchmark(title: str, body: str) -> None:
    """Append a dated section to BENCHMARKS.md."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = f"\n## {title} — {stamp}\n\nMachine: {machine()}\n\n{body.strip()}\n"
    if not BENCHMARKS.exists():
        BENCHMARKS.write_text(
            "# Benchmarks\n\nEvery figure here is printed by a script in `bench/` (run `make bench`); each run "
            "appends a dated section. Peer and opensight run side by side in the same run.\n"
        )
    with BENCHMARKS.open("a") as handle:
        handle.write(section)


def quality_part_main(run: Callable[..., str], doc: str | None, quick: str, *, sources: bool = False) -> None:
    """The command line of one bench/quality.py part: ``--quick`` (``quick`` says what it keeps), ``--append``, and
    with ``sources`` ``--source WORD`` (repeatable: passed to ``run`` as ``only``)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    if sources:
        parser.add_argument(
            "--source", action="append", default=[], help="only the sources whose names contain this (repeatable)"
        )
    arguments = parser.parse_args()
    chosen = {"only": tuple(arguments.source)} if sources else {}
    print(run(arguments.append, quick=arguments.quick, **chosen))


def folder_study_main(run: Callable[[list[Path]], str], doc: str | None, title: str) -> None:
    """The command line of a teach study that also reads a new user's sets: ``[--append] [FOLDER ...]`` (folders of
    class folders); prints the study's text before "Usage:" and the table ``run(folders)`` gives, and with
    ``--append`` adds them to BENCHMARKS.md under ``title``."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    parser.add_argument("folders", nargs="*", type=Path, help="more labelled sets: folders of class folders")
    arguments = parser.parse_args()
    body = (doc or "").split("Usage:")[0].strip() + "\n\n" + run(arguments.folders)
    if arguments.append:
        append_benchmark(title, body)
    print(body)


def inked_box(picture: Image.Image, *, below: int = 250) -> tuple[int, int, int, int]:
    """The box (left, top, right, bottom) around the pixels darker than ``below`` (what is not a white page)."""
    ink = np.asarray(picture.convert("L")) < below
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(rows):
        return 0, 0, picture.width, picture.height
    return int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1
