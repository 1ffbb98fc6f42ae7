"""Benchmark: detect and pose. Prints a table and appends it to BENCHMARKS.md.

- ms/image at batch 1 on 2 cores: detect (SSD-MobileNet-v2, OpenCV DNN) and pose (MoveNet Lightning, LiteRT);
  the forward through opensight's runner vs cv2.dnn called directly on the same blob (overhead target ≤ 10%).
- `opensight detect` over 200 real-size JPEGs (4000×3000, bench/classify.py's folder) vs the peer: cv2.imread +
  cv2.dnn in a loop. Target ≥ 1.5× end to end (decoding is the lever). Same detections (class sets) are counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import append_benchmark, photo_folder, run_measured

BIN = Path(sys.executable).parent


def _per_image(call: object, repeats: int = 40) -> float:
    for _ in range(5):
        call()  # type: ignore[operator]
    started = time.perf_counter()
    for _ in range(repeats):
        call()  # type: ignore[operator]
    return (time.perf_counter() - started) / repeats * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    import cv2

    from opensight.models import get_model, load_runner
    from opensight.models.ssd_mobilenet import COCO_NAMES

    models = get_model("ssd_mobilenet_v2.coco").source.locate().parent  # type: ignore[union-attr]
    pixels = np.random.default_rng(0).integers(0, 256, (1, 300, 300, 3), dtype=np.uint8)
    runner = load_runner("ssd_mobilenet_v2.coco")
    net = cv2.dnn.readNetFromTensorflow(
        str(models / "frozen_inference_graph.pb"), str(models / "ssd_mobilenet_v2_coco_2018_03_29.pbtxt")
    )
    blob = np.ascontiguousarray(pixels.transpose(0, 3, 1, 2), dtype=np.float32)

    def direct() -> None:
        net.setInput(blob)
        net.forward()

    ours_ms = _per_image(lambda: runner.run({"pixels": pixels}))
    direct_ms = _per_image(direct)
    pose_runner = load_runner("movenet_lightning")
    pose_pixels = np.random.default_rng(0).integers(0, 256, (1, 192, 192, 3), dtype=np.uint8)
    pose_ms = _per_image(lambda: pose_runner.run({"pixels": pose_pixels}), repeats=200)

    from skimage import data

    faces_runner = load_runner("dlib.faces")
    portrait = data.astronaut()[None]
    faces_ms = _per_image(lambda: faces_runner.run({"pixels": portrait}), repeats=20)

    from opensight.inputs import VideoWriter

    clip = photo_folder(200).parent / "clip-720p.mp4"
    if not clip.exists():
        still = np.asarray(data.stereo_motorcycle()[0])
        frame = np.zeros((720, 1280, 3), np.uint8)
        frame[:480, :640] = still[:480, :640]
        with VideoWriter(clip, fps=30) as writer:
            for index in range(300):  # 10 s at 30 fps
                writer.write(np.roll(frame, index * 2, axis=1))
    video = {}
    for every in (1, 5):
        seconds, _, out = run_measured([str(BIN / "opensight"), "detect", str(clip), "--every", str(every)])
        video[every] = (len(out.splitlines()), seconds)

    folder = photo_folder(200)
    peer_s, _, peer_out = run_measured(
        [sys.executable, str(Path(__file__).parent / "_peer_cv2_detect.py"), str(folder), str(models)]
    )
    ours_s, ours_rss, ours_out = run_measured([str(BIN / "opensight"), "detect", str(folder), "-f", "jsonl"])
    peer = {Path(r["path"]).name: {COCO_NAMES[c] for c in r["classes"]} for r in map(json.loads, peer_out.splitlines())}
    ours = {Path(r["path"]).name: {d["label"] for d in r["detections"]} for r in map(json.loads, ours_out.splitlines())}
    same = sum(peer[name] == ours.get(name) for name in peer) / len(peer)
    n = len(peer)
    table = "\n".join(
        [
            "| measure | peer | opensight | ratio |",
            "|---|---|---|---|",
            f"| detect forward, batch 1, 300 px (cv2.dnn direct vs opensight's runner) | {direct_ms:.1f} ms | "
            f"{ours_ms:.1f} ms | overhead {100 * (ours_ms / direct_ms - 1):+.1f}% (target ≤ 10%) |",
            f"| pose forward, batch 1, 192 px (MoveNet Lightning, LiteRT) | | {pose_ms:.1f} ms | |",
            f"| faces: find + 5 landmarks + describe, one face in a 512 px portrait (dlib) | | {faces_ms:.1f} ms | |",
            f"| `opensight detect` on {n} photos 4000×3000 (process start included) vs cv2.imread + cv2.dnn loop | "
            f"{peer_s:.1f} s ({n / peer_s:.1f} img/s) | {ours_s:.1f} s ({n / ours_s:.1f} img/s, peak RSS "
            f"{ours_rss / 2**20:.0f} MB) | **{peer_s / ours_s:.1f}×** (target ≥ 1.5×) |",
            f"| same set of labels per photo as the peer | | {same:.1%} | |",
            *(
                f"| `opensight detect` on a 10 s 720p clip, --every {every} ({frames} frames) | | "
                f"{seconds:.1f} s: {frames / seconds:.1f} analysed frames/s, {300 / seconds:.1f} video frames/s | |"
                for every, (frames, seconds) in video.items()
            ),
        ]
    )
    print(table)
    if not args.no_append:
        append_benchmark(
            "detect and pose (bench/see.py)",
            "Data: bench/classify.py's 200 real-size photos (scikit-image samples, 4000×3000 JPEG q=90); random "
            "pixels for the forward timings. The peer decodes the full JPEG with cv2.imread; opensight decodes at "
            "reduced scale (JPEG draft) in threads while the model runs. The clip is generated (the motorcycle "
            "photo panning on a 1280×720 canvas, H.264).\n\n" + table,
        )


if __name__ == "__main__":
    main()
