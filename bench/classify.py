"""Benchmark: classify a folder of real-size photos, opensight vs a typical torch-eager loop.

Prints a table and appends it to BENCHMARKS.md. Run with `make bench` (or `.venv/bin/python bench/classify.py`).
Data: 200 photos of 4000×3000 (JPEG q=90) made from scikit-image's sample photos (random crops and flips,
upscaled), as DATA.md suggests; the RSS run uses 2,000 inputs (10 hard links of each photo).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import append_benchmark, linked_folder, photo_folder, run_measured

BIN = Path(sys.executable).parent


def _json_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("{")]  # the peer's library prints too


def _labels_from_jsonl(text: str) -> dict[str, str]:
    return {Path(row["path"]).name: row.get("label", "<error>") for row in map(json.loads, _json_lines(text))}


def per_image_latency(repeats: int = 100) -> tuple[float, float, float]:
    """ms/image at batch 1 on a 224-px input: ONNX Runtime vs torch eager; and their max |diff|."""
    import torch

    from opensight.models import load_runner
    from opensight.models.efficientnet import SPEC, build_torch_model

    torch.set_num_threads(os.cpu_count() or 1)
    runner = load_runner(SPEC.name)
    model = build_torch_model(SPEC)
    pixels = np.random.default_rng(0).integers(0, 256, (1, 224, 224, 3), dtype=np.uint8)
    tensor = torch.from_numpy(pixels)
    timings = {}
    for name, call in (
        ("ort", lambda: runner.run({"pixels": pixels})["probabilities"]),
        ("torch", lambda: model(tensor)[0].numpy()),
    ):
        with torch.no_grad():
            for _ in range(10):
                call()
            started = time.perf_counter()
            for _ in range(repeats):
                call()
        timings[name] = (time.perf_counter() - started) / repeats * 1000
    with torch.no_grad():
        diff = float(np.abs(runner.run({"pixels": pixels})["probabilities"] - model(tensor)[0].numpy()).max())
    return timings["ort"], timings["torch"], diff


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="photos in the speed run")
    parser.add_argument("--rss-copies", type=int, default=10, help="inputs = count × copies in the RSS run")
    parser.add_argument("--no-append", action="store_true", help="print only; do not touch BENCHMARKS.md")
    args = parser.parse_args()

    folder = photo_folder(args.count)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    # Warm the export cache so neither side pays a one-off cost.
    run_measured([str(BIN / "opensight"), "classify", str(folder / "photo_0000.jpg"), "--format", "jsonl"], env=env)

    peer_s, peer_rss, peer_out = run_measured(
        [sys.executable, str(Path(__file__).parent / "_peer_torch.py"), str(folder)]
    )
    ours_s, ours_rss, ours_out = run_measured(
        [str(BIN / "opensight"), "classify", str(folder), "--format", "jsonl", "--top", "1"], env=env
    )
    from opensight.models.efficientnet import SPEC

    names = SPEC.class_names()
    peer = {Path(row["path"]).name: names[row["index"]] for row in map(json.loads, _json_lines(peer_out))}
    ours = _labels_from_jsonl(ours_out)
    agree = sum(peer[name] == ours.get(name) for name in peer) / len(peer)

    sweep = []
    for headroom in (1, 2):
        seconds, _, out = run_measured(
            [str(BIN / "opensight"), "classify", str(folder), "--format", "jsonl", "--top", "1"],
            env={**env, "OPENSIGHT_DRAFT_HEADROOM": str(headroom)},
        )
        labels = _labels_from_jsonl(out)
        sweep.append((headroom, seconds, sum(peer[name] == labels.get(name) for name in peer) / len(peer)))

    big = linked_folder(folder, args.rss_copies)
    big_s, big_rss, big_out = run_measured(
        [str(BIN / "opensight"), "classify", str(big), "--format", "jsonl", "--top", "1"], env=env
    )
    big_rows = len(big_out.splitlines())
    ort_ms, torch_ms, diff = per_image_latency()

    n = args.count
    table = "\n".join(
        [
            "| measure | peer (torch eager, full decode, batch 1) | opensight classify | ratio |",
            "|---|---|---|---|",
            f"| {n} photos 4000×3000, end to end (process start included) | {peer_s:.1f} s ({n / peer_s:.1f} img/s) "
            f"| {ours_s:.1f} s ({n / ours_s:.1f} img/s) | **{peer_s / ours_s:.1f}×** faster |",
            f"| identical top-1 | | {agree * 100:.1f}% of {n} | target ≥ 99% |",
            *(
                f"| same, OPENSIGHT_DRAFT_HEADROOM={h} (faster, coarser JPEG draft) | | {n / s:.1f} img/s, "
                f"{a * 100:.1f}% identical top-1 | {peer_s / s:.1f}× |"
                for h, s, a in sweep
            ),
            f"| peak RSS, {n} photos | {peer_rss / 2**20:.0f} MB | {ours_rss / 2**20:.0f} MB | |",
            f"| peak RSS, {big_rows} inputs | | {big_rss / 2**20:.0f} MB ({big_rows / big_s:.1f} img/s) | "
            "target ≤ 1024 MB, flat |",
            f"| model only, batch 1, 224 px | {torch_ms:.1f} ms/img (torch) | {ort_ms:.1f} ms/img (ONNX Runtime) "
            f"| {torch_ms / ort_ms:.1f}× (max abs diff {diff:.1e}) |",
        ]
    )
    print(table)
    if not args.no_append:
        append_benchmark(
            "classify: real-size photos (bench/classify.py)",
            "Data: scikit-image sample photos, random crops/flips upscaled to 4000×3000 JPEG q=90 "
            f"({n} files; the RSS run reads {big_rows} inputs = {args.rss_copies} hard links each). "
            "Target: ≥ 3× the peer end to end, ≥ 99% identical top-1, RSS ≤ 1 GB and flat.\n\n" + table,
        )


if __name__ == "__main__":
    main()
