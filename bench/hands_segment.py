"""Benchmark: hands and segment (MediaPipe's .tflite files from the mediapipe 0.10.21 wheel, on LiteRT). Prints a
table and appends it to BENCHMARKS.md.

- ms per picture, model only, 2 cores: the same .tflite files driven by a plain LiteRT loop (set_tensor, invoke,
  get_tensor on ready tensors) vs opensight's runners on the same tensors (overhead target ≤ 10%); and for hands
  the whole two-model step (palm decoding, hand squares, crops, projection) on a drawing with two hands.
- `opensight segment` and `opensight hands` end to end over real-size photos (4000×3000 JPEG, bench/_common.py),
  process start included; for segment also the peer: cv2.imread + resize + the plain LiteRT loop + the mask back to
  full size.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import append_benchmark, photo_folder, run_measured

BIN = Path(sys.executable).parent
GROOM = Path("/usr/share/openclipart/png/people/groom1_jarno_vasamaa_01.png")
PEER = Path(__file__).with_name("_peer_litert_segment.py")


def per_call_ms(*calls: Callable[[], object], repeats: int) -> list[float]:
    """Each call's median time in ms over ``repeats`` rounds; the calls alternate within each round, so that the
    load of a shared machine weighs on them alike (after 5 warm-up rounds)."""
    times: list[list[float]] = [[] for _ in calls]
    for round_ in range(repeats + 5):
        for call, spent in zip(calls, times, strict=True):
            started = time.perf_counter()
            call()
            if round_ >= 5:
                spent.append(time.perf_counter() - started)
    return [float(np.median(spent)) * 1000 for spent in times]


def plain_loop(path: Path, tensors: list[np.ndarray]) -> Callable[[], object]:
    """The peer: one LiteRT interpreter, each ready float tensor set, invoked and every output read."""
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(str(path), num_threads=2)
    interpreter.allocate_tensors()
    index = interpreter.get_input_details()[0]["index"]
    outputs = [detail["index"] for detail in interpreter.get_output_details()]

    def loop() -> object:
        for tensor in tensors:
            interpreter.set_tensor(index, tensor)
            interpreter.invoke()
            found = [interpreter.get_tensor(output).copy() for output in outputs]
        return found

    return loop


def model_only() -> list[str]:
    from PIL import Image

    from opensight.inputs import letterbox
    from opensight.models import get_model, load_runner
    from opensight.models.mediapipe_hands import HAND_SIDE, PALM_SIDE, crop, decode_palms, hand_square

    rng = np.random.default_rng(0)
    seg_pixels = rng.integers(0, 256, (1, 256, 256, 3), dtype=np.uint8)
    seg_runner = load_runner("mediapipe_selfie_segmentation")
    seg_path = get_model("mediapipe_selfie_segmentation").source.locate()  # type: ignore[union-attr]
    seg_loop = plain_loop(seg_path, [seg_pixels.astype(np.float32) / 255])
    seg_plain, seg_ours = per_call_ms(seg_loop, lambda: seg_runner.run({"pixels": seg_pixels}), repeats=500)

    drawing = Image.open(GROOM).convert("RGBA")
    white = Image.new("RGBA", drawing.size, "white")
    white.alpha_composite(drawing)
    square = letterbox(np.asarray(white.convert("RGB")), side=1024)[None]
    palm_pixels = np.asarray(Image.fromarray(square[0]).resize((PALM_SIDE, PALM_SIDE)))[None]
    palm_runner = load_runner("mediapipe_palm_detection")
    detected = palm_runner.run({"pixels": palm_pixels})
    palms = decode_palms(detected["boxes"][0], detected["scores"][0])

    crops = np.stack(
        [crop(square[0], hand_square(b, k, 1024)) for b, k in zip(palms.boxes, palms.keypoints, strict=True)]
    )
    hands_runner = load_runner("mediapipe_hand_landmarks")
    landmark_runner = hands_runner._landmarks  # type: ignore[attr-defined]
    palm_path = get_model("mediapipe_palm_detection").source.locate()  # type: ignore[union-attr]
    hand_path = get_model("mediapipe_hand_landmarks").source.locate()  # type: ignore[union-attr]
    palm_loop = plain_loop(palm_path, [palm_pixels.astype(np.float32) / 255])
    hand_loop = plain_loop(hand_path, [c[None].astype(np.float32) / 255 for c in crops])
    plain, ours, whole = per_call_ms(
        lambda: (palm_loop(), hand_loop()),
        lambda: (palm_runner.run({"pixels": palm_pixels}), landmark_runner.run({"pixels": crops})),
        lambda: hands_runner.run({"pixels": square, "max_hands": np.array([2])}),
        repeats=200,
    )
    assert crops.shape[1] == HAND_SIDE
    return [
        f"| segment, model only, 256×256 (selfie segmentation) | {seg_plain:.2f} ms | {seg_ours:.2f} ms | "
        f"overhead {100 * (seg_ours / seg_plain - 1):+.1f}% (target ≤ 10%) |",
        f"| hands, models only: palm detection 192 px + {len(crops)} hand landmark runs 224 px | {plain:.2f} ms | "
        f"{ours:.2f} ms | overhead {100 * (ours / plain - 1):+.1f}% (target ≤ 10%) |",
        f"| hands, the whole step on a 1024 px square with {len(crops)} hands (+ anchors decoding, NMS, hand "
        f"squares, crops, projection) | {plain:.2f} ms (models only) | {whole:.2f} ms | "
        f"{100 * (whole / plain - 1):+.1f}% |",
    ]


def end_to_end() -> list[str]:
    from opensight.models import get_model

    folder = photo_folder(200)
    count = len(list(folder.glob("*.jpg")))
    model = get_model("mediapipe_selfie_segmentation").source.locate()  # type: ignore[union-attr]
    peer_s, _, peer_out = run_measured([sys.executable, str(PEER), str(model), str(folder)])
    assert len(peer_out.splitlines()) == count
    rows = []
    for task in ("segment", "hands"):
        seconds, rss, out = run_measured([str(BIN / "opensight"), task, str(folder), "-f", "jsonl"])
        assert len(out.splitlines()) == count, out[-500:]
        peer = f"{peer_s:.1f} s ({count / peer_s:.1f} img/s: cv2.imread, plain loop, full-size mask)"
        rows.append(
            f"| `opensight {task}` on {count} photos 4000×3000 (process start included) | "
            f"{peer if task == 'segment' else ''} | {seconds:.1f} s ({count / seconds:.1f} img/s, "
            f"{1000 * seconds / count:.0f} ms per photo, peak RSS {rss / 2**20:.0f} MB) | "
            f"{f'**{peer_s / seconds:.1f}×**' if task == 'segment' else ''} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    table = "\n".join(
        ["| measure | plain LiteRT loop | opensight | ratio |", "|---|---|---|---|", *model_only(), *end_to_end()]
    )
    print(table)
    if not args.no_append:
        append_benchmark(
            "hands and segment (bench/hands_segment.py)",
            "Data: random pixels (segment) and a drawing with two hands from Debian's openclipart-png (hands; no "
            "photo of hands is offline) for the model-only timings, medians of 200–500 calls, the peer and "
            "opensight alternating; bench/classify.py's "
            "real-size photos (scikit-image samples, 4000×3000 JPEG q=90; few have hands) end to end. opensight "
            "decodes big JPEGs at reduced scale (JPEG draft: ≥ 256 px for segment, ≥ 1024 px for hands) in threads "
            "while the model runs.\n\n" + table,
        )


if __name__ == "__main__":
    main()
