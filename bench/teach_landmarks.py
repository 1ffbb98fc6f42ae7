"""Benchmark: teaching body poses and hand gestures. Prints a table and appends it to BENCHMARKS.md.

What real data exists offline for this is thin, and the table says so: no set of people in labelled poses, and no
photo of a hand at all. So each set is a few subjects, each "photographed again" many times:

* **people** (scikit-image's ``astronaut`` and ``camera``, matplotlib's ``grace_hopper``): three real photos of
  three people, each cropped, resized and turned (±8°) 30 times; class = the person (and so their pose);
* **hands** (Openclipart drawings of people with a hand out, Debian ``openclipart-png``): three drawings, each
  cropped, resized, turned (±6°) and half the time mirrored (the same gesture with the other hand) 30 times.

K variants per class taught (seeds 0-4), the rest held out: opensight (``teach --kind poses|hands``: its features,
head, announced accuracy and 'unsure' threshold) against default logistic regression and the nearest class centroid
on the same features. This checks the pipeline and its invariance to where the subject is, how big, turned and
(for hands) which hand — not recognising poses or gestures in the wild.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from tests._people import DRAWINGS, drawing, taken_again  # noqa: E402

from _common import append_benchmark  # noqa: E402

VARIANTS = 30


def _people() -> list[Image.Image]:
    import matplotlib.cbook
    from skimage import data

    portrait = Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")).convert("RGB")
    return [Image.fromarray(data.astronaut()), Image.fromarray(data.camera()).convert("RGB"), portrait]


def _drawings() -> list[Image.Image]:
    return [drawing(name) for name in DRAWINGS]


def _again(picture: Image.Image, rng: np.random.Generator, *, turn: float, mirror: bool) -> Image.Image:
    white = (255, 255, 255)
    return taken_again(picture, rng, keep=0.85, scale=(0.7, 1.4), turn=turn, fill=white, mirror=mirror)


def _features(kind: str, pictures: list[Image.Image]) -> tuple[np.ndarray, np.ndarray]:
    """The features ``teach`` computes for each picture, and which pictures had a subject."""
    from opensight.inputs import Item
    from opensight.teach._landmarks import LANDMARKS

    landmarks = LANDMARKS[kind]
    detector = landmarks.detector(8)
    vectors, kept = [], []
    for picture in pictures:
        pixels, _ = detector.prepare(Item(name="x", image=np.asarray(picture)))
        found = landmarks.found(detector.forward(pixels[None]), 0)
        kept.append(found is not None)
        vectors.append(np.zeros(landmarks.features, np.float32) if found is None else landmarks.vector(found))
    return np.stack(vectors), np.array(kept)


def _one_run(features: np.ndarray, truth: np.ndarray, train: np.ndarray, test: np.ndarray) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    from opensight.teach.evaluate import evaluate
    from opensight.teach.head import LinearHeadLearner, normalise

    head = LinearHeadLearner().fit(features[train], truth[train])
    evaluation = evaluate(
        labels=truth[train],
        classes=tuple(str(c) for c in range(int(truth.max()) + 1)),
        oof_proba=head.oof_proba_,
        embeddings=normalise(features[train]).astype(np.float32),
        digests=[str(i) for i in train],
        paths=[str(i) for i in train],
        curve=head.curve_,
        method="cv",
        gain=head.gain_,
    )
    proba = head.predict_proba(features[test])
    right = proba.argmax(1) == truth[test]
    sure = proba.max(1) >= evaluation.threshold
    plain = LogisticRegression(max_iter=2000).fit(features[train], truth[train])
    centroids = np.stack([normalise(features[train][truth[train] == c]).mean(0) for c in np.unique(truth)])
    return {
        "opensight": float(right.mean()),
        "LR": float((plain.predict(features[test]) == truth[test]).mean()),
        "centroid": float(((normalise(features[test]) @ centroids.T).argmax(1) == truth[test]).mean()),
        "announced": evaluation.expected_accuracy,
        "answered": float(sure.mean()),
        "right when sure": float(right[sure].mean()) if sure.any() else float("nan"),
    }


SETS: dict[str, tuple[str, Callable[[], list[Image.Image]], float, bool]] = {
    "people (3 photos × 30)": ("pose", _people, 8.0, False),
    "hands (3 drawings × 30, half mirrored)": ("hands", _drawings, 6.0, True),
}


def accuracy(seeds: int = 5, ks: tuple[int, ...] = (3, 5, 10)) -> str:
    rows = [
        "| set | K | opensight | default LR | nearest centroid | announced | announced − held-out "
        "| not unsure: answered | not unsure: right | pictures without a subject |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (kind, load, turn, mirror) in SETS.items():
        rng = np.random.default_rng(0)
        pictures, truth = [], []
        for label, picture in enumerate(load()):
            for number in range(VARIANTS):
                pictures.append(_again(picture, rng, turn=turn, mirror=mirror and number % 2 == 1))
                truth.append(label)
        features, kept = _features(kind, pictures)
        labels = np.array(truth)[kept]
        features = features[kept]
        for k in ks:
            runs = []
            for seed in range(seeds):
                pick = np.random.default_rng(seed)
                train = np.concatenate(
                    [pick.choice(np.flatnonzero(labels == c), k, replace=False) for c in np.unique(labels)]
                )
                runs.append(_one_run(features, labels, train, np.setdiff1d(np.arange(len(labels)), train)))
            mean = {key: float(np.nanmean([run[key] for run in runs])) for key in runs[0]}
            rows.append(
                f"| {name} | {k} | {mean['opensight']:.1%} | {mean['LR']:.1%} | {mean['centroid']:.1%} "
                f"| {mean['announced']:.1%} | {100 * (mean['announced'] - mean['opensight']):+.1f} points "
                f"| {mean['answered']:.0%} | {mean['right when sure']:.1%} | {int((~kept).sum())} of {len(kept)} |"
            )
            print(rows[-1], flush=True)
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-append", action="store_true", help="print only; do not touch BENCHMARKS.md")
    args = parser.parse_args()
    table = accuracy()
    print(table)
    if not args.no_append:
        append_benchmark("teach poses and hand gestures (bench/teach_landmarks.py)", (__doc__ or "") + "\n\n" + table)


if __name__ == "__main__":
    main()
