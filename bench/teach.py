"""Benchmark: teaching. Prints two tables and appends them to BENCHMARKS.md.

1. Speed: `opensight teach` on 10 classes × 20 real-size JPEGs (4000×3000, q=90: Fashion-MNIST pictures upscaled,
   so decoding costs what phone photos cost), as a user runs it (process start included), with a cold embedding
   cache (fresh store; the one-off ONNX export is already in the cache), then again with the cache warm.
2. Accuracy: the five picture sets of ``_teach_sets``, K = 5/10/20 examples per class, ``--seeds`` draws, every
   picture not taught held out: opensight's default (and without the class names) vs default logistic regression
   (on Lite0's embeddings and on the taught backbone's) and the nearest centroid; the announced accuracy and the
   'unsure' answers against held-out.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from tests._datasets import FASHION_CLASSES, fashion_mnist  # noqa: E402

import _teach_sets  # noqa: E402
from _common import DATA, append_benchmark, run_measured  # noqa: E402

BIN = Path(sys.executable).parent


def _write_big(args: tuple[np.ndarray, Path]) -> None:
    pixels, path = args
    Image.fromarray(pixels).convert("RGB").resize((4000, 3000), Image.Resampling.BICUBIC).save(path, quality=90)


def real_size_classes(per_class: int = 20) -> Path:
    """10 classes × ``per_class`` Fashion-MNIST pictures as 4000×3000 JPEGs (made once)."""
    root = DATA / f"fashion-4000x3000-{per_class}"
    images, labels = fashion_mnist("train")
    rng = np.random.default_rng(0)
    jobs = []
    for label, name in enumerate(FASHION_CLASSES):
        (root / name).mkdir(parents=True, exist_ok=True)
        for index in rng.permutation(np.flatnonzero(labels == label))[:per_class]:
            path = root / name / f"{index}.jpg"
            if not path.exists():
                jobs.append((images[index], path))
    if jobs:
        print(f"generating {len(jobs)} real-size pictures in {root} ...", file=sys.stderr)
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_write_big, jobs, chunksize=4))
    return root


def speed() -> str:
    from opensight.tasks.tag import TEXT_MODEL

    data = real_size_classes()
    work = Path(tempfile.mkdtemp(prefix="opensight-bench-"))
    env = {**os.environ, "OPENSIGHT_HOME": str(work / "home"), "HF_HUB_OFFLINE": "1"}
    command = [str(BIN / "opensight"), "teach", str(data), "--out", str(work / "m.osm"), "--format", "json"]
    command.append("--overwrite")  # the warm run teaches again into the same file
    run_measured([str(BIN / "opensight"), "models", "prepare", "efficientnet_lite0.imagenet", TEXT_MODEL], env=env)
    cold_s, cold_rss, out = run_measured(command, env=env)
    accuracy = json.loads(out)["card"]["evaluation"]["expected_accuracy"]
    warm_s, _, _ = run_measured(command, env=env)
    start_s, _, _ = run_measured([str(BIN / "opensight"), "--version"], env=env)
    unprepared = {**env, "OPENSIGHT_HOME": str(work / "home-2"), "OPENSIGHT_CACHE": str(work / "cache-2")}
    unprepared_s, unprepared_rss, _ = run_measured(command, env=unprepared)

    # "Work after start-up": the warm re-teach in a process whose imports are already done.
    os.environ["OPENSIGHT_HOME"] = env["OPENSIGHT_HOME"]
    import opensight as osi

    # imports + session warm-up
    osi.teach(data, store=work / "home" / "opensight.sqlite").save(work / "w.osm", overwrite=True)
    started = time.perf_counter()
    osi.teach(data, store=work / "home" / "opensight.sqlite").save(work / "w.osm", overwrite=True)
    work_s = time.perf_counter() - started
    shutil.rmtree(work)
    first_s, after_reading_s = first_training()
    backbone_ms = _backbone_ms()
    n = 200
    return "\n".join(
        [
            "| measure | opensight | target | per image | MediaPipe Model Maker (published CPU figure) |",
            "|---|---|---|---|---|",
            f"| `opensight teach`, 10 classes × 20 pictures of 4000×3000, cold cache (process start included) "
            f"| {cold_s:.1f} s (peak RSS {cold_rss / 2**20:.0f} MB) | ≤ 5 s | {cold_s / n:.3f} s | ≈ 0.33 s/image |",
            "| same, cold, on a new machine where `opensight models prepare` was not run (the models' one-off exports "
            f"in it) | {unprepared_s:.1f} s (peak RSS {unprepared_rss / 2**20:.0f} MB) | | | |",
            f"| same, re-teach with a warm cache, whole command | {warm_s:.1f} s | | {warm_s / n:.4f} s | |",
            f"| same, work after start-up (imports done) | {work_s:.2f} s | ≤ 1 s | | |",
            f"| process start (`opensight --version`) | {start_s:.2f} s | | | |",
            f"| Studio-like first training: 30 photos of 1600×1200, 3 classes, fresh process (teach + save + report) "
            f"| {first_s:.1f} s, of which {after_reading_s:.1f} s after reading the pictures | ≤ 3 s | | |",
            f"| accuracy announced for that model | {accuracy:.1%} | | | |",
            f"| this machine's speed: EfficientNet-Lite0 alone, 224 px, batches of 16 | {backbone_ms:.1f} ms a picture "
            "| | | |",
        ]
    )


def _backbone_ms(batch: int = 16, rounds: int = 5) -> float:
    """Milliseconds per picture of the backbone alone (a warm ONNX session): how fast this machine is, so that
    runs on machines of the same name but different speed can be compared."""
    from opensight.tasks import Embedder

    embedder = Embedder()
    pixels = np.random.default_rng(0).integers(0, 256, (batch, 224, 224, 3), dtype=np.uint8)
    embedder.forward(pixels)
    started = time.perf_counter()
    for _ in range(rounds):
        embedder.forward(pixels)
    return 1000 * (time.perf_counter() - started) / (batch * rounds)


FIRST_TRAINING = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from opensight.teach import teach
stamps = {}
def progress(done, total):
    if done == total:
        stamps["read"] = time.perf_counter()
root = Path(sys.argv[1])
model = teach(root / "data", store=root / "store.sqlite", progress=progress)
model.save(root / "model.osm", overwrite=True)
model.report.save(root / "report.html")
print(time.perf_counter() - started, time.perf_counter() - stamps["read"])
"""


def first_training() -> tuple[float, float]:
    """What the Studio does on a first training (a fresh process: imports, 30 phone-size photos of 3 classes read,
    taught, saved with the report): seconds in all, and seconds after the pictures were read."""
    images, labels = fashion_mnist("t10k")
    work = Path(tempfile.mkdtemp(prefix="opensight-first-"))
    for cls in (0, 1, 7):
        for i in np.flatnonzero(labels == cls)[:10]:
            path = work / "data" / FASHION_CLASSES[cls] / f"{i}.jpg"
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(images[i]).convert("RGB").resize((1600, 1200)).save(path, quality=90)
    env = {**os.environ, "OPENSIGHT_HOME": str(work / "home"), "HF_HUB_OFFLINE": "1"}
    _, _, out = run_measured([sys.executable, "-c", FIRST_TRAINING, str(work)], env=env)
    shutil.rmtree(work)
    total, after = (float(v) for v in out.split())
    return total, after


class Features(NamedTuple):
    crop: np.ndarray  # Lite0, the ImageNet centre crop
    whole: np.ndarray  # Lite0, the whole picture
    taught: np.ndarray  # Lite0 and Lite2 side by side, the whole picture and its quadrants: what `teach` uses


@functools.cache
def _set_features(name: str) -> tuple[np.ndarray, tuple[str, ...], Features]:
    """A picture set of ``_teach_sets`` (made and embedded once for all the tables): its truth, class names, and its
    embeddings: Lite0's of the ImageNet centre crop (the textbook baseline's) and of the whole picture (the issue's
    baseline: `opensight embed --view whole`), and the taught backbone's (Lite0 and Lite2 side by side) of what taught
    models see (the whole picture, its plain edges trimmed first where it has them)."""
    from opensight.models import default_model
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    pictures, truth, names = _teach_sets.SETS[name]()
    features = Features(
        *(
            np.stack([e.vector for e in Embedder(spec, batch_size=64)(pictures)])
            for spec in (default_model("embed"), default_model("embed").seeing_whole(), taught_view())
        )
    )
    return truth, tuple(names), features


def _one_run(
    features: Features, truth: np.ndarray, train: np.ndarray, test: np.ndarray, words: tuple[str, ...]
) -> dict[str, float]:
    from opensight.teach._blend import name_blend
    from opensight.teach._pictures import Pictures
    from opensight.teach.evaluate import evaluate
    from opensight.teach.head import normalise

    kind = Pictures()  # what `teach` fits: the kind's head features and head settings, the class names' blend
    whole = features.taught
    head = kind.head.learn(kind.head_features(whole[train]), truth[train])
    blend = name_blend(words, whole[train], truth[train], head.oof_proba_)
    evaluation = evaluate(
        labels=truth[train],
        classes=words,
        oof_proba=blend.oof,
        embeddings=normalise(whole[train]).astype(np.float32),
        digests=[str(i) for i in train],
        paths=[str(i) for i in train],
        curve=head.curve_,
        method="cv",
        gain=head.gain_,
    )
    examples_only = head.predict_proba(kind.head_features(whole[test]))
    proba = blend.apply(examples_only, whole[test])
    right = proba.argmax(1) == truth[test]
    sure = proba.max(1) >= evaluation.threshold
    low, high = evaluation.expected_accuracy_ci
    scores = {
        "opensight": float(right.mean()),
        "examples only": float((examples_only.argmax(1) == truth[test]).mean()),
        "names weight": blend.weight,
        "announced": evaluation.expected_accuracy,
        "inside": float(low <= right.mean() <= high),
        "answered": float(sure.mean()),
        "right when sure": float(right[sure].mean()) if sure.any() else float("nan"),
    }
    return scores | _baselines(features, truth, train, test)


def _baselines(features: Features, truth: np.ndarray, train: np.ndarray, test: np.ndarray) -> dict[str, float]:
    """The textbook baselines' held-out accuracy: scikit-learn's default ``LogisticRegression`` on Lite0's
    embedding of the centre crop and of the whole picture, and on the taught backbone's (the same features as
    opensight's), and the nearest class centroid (Lite0, centre crop)."""
    from sklearn.linear_model import LogisticRegression

    from opensight.teach.head import normalise

    scores = {}
    for name, x in (("LR crop", features.crop), ("LR whole", features.whole), ("LR taught", features.taught)):
        plain = LogisticRegression(max_iter=1000).fit(x[train], truth[train])
        scores[name] = float((plain.predict(x[test]) == truth[test]).mean())
    unit = normalise(features.crop)
    centroids = np.stack([unit[train][truth[train] == c].mean(0) for c in np.unique(truth)])
    scores["centroid"] = float(((unit[test] @ centroids.T).argmax(1) == truth[test]).mean())
    return scores


def accuracy(seeds: int = 5, ks: tuple[int, ...] = (5, 10, 20)) -> str:
    """Held-out accuracy on the picture sets of ``_teach_sets``: opensight's default vs textbook baselines, and
    whether the accuracy opensight announces holds on the pictures it was not taught."""

    rows = [
        "| set | K | opensight (default) | opensight --no-names (in brackets: the names' mean weight in the default) "
        "| default LR, Lite0 crop | default LR, Lite0 whole picture | default LR, the taught backbone's features "
        "| nearest centroid | announced accuracy | announced − held-out | widest of the draws "
        "| held-out inside the 95% interval "
        "| not unsure: answered | not unsure: right |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    margins_taught: dict[int, list[float]] = {k: [] for k in ks}
    margins: dict[int, list[float]] = {k: [] for k in ks}
    margins_whole: dict[int, list[float]] = {k: [] for k in ks}
    margins_plain: dict[int, list[float]] = {k: [] for k in ks}
    for name in _teach_sets.SETS:
        truth, words, features = _set_features(name)
        for k in ks:
            runs = []
            for seed in range(seeds):
                rng = np.random.default_rng(seed)
                train = np.concatenate(
                    [rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)]
                )
                test = np.setdiff1d(np.arange(len(truth)), train)
                runs.append(_one_run(features, truth, train, test, words))
            mean = {key: float(np.nanmean([run[key] for run in runs])) for key in runs[0]}
            widest = max((run["announced"] - run["opensight"] for run in runs), key=abs)
            margins[k].append(mean["opensight"] - mean["LR crop"])
            margins_whole[k].append(mean["opensight"] - mean["LR whole"])
            margins_taught[k].append(mean["opensight"] - mean["LR taught"])
            margins_plain[k].append(mean["examples only"] - mean["LR whole"])
            rows.append(
                f"| {name} ({len(truth)} pictures, {len(np.unique(truth))} classes) | {k} | {mean['opensight']:.1%} "
                f"| {mean['examples only']:.1%} ({mean['names weight']:.2g}) "
                f"| {mean['LR crop']:.1%} | {mean['LR whole']:.1%} | {mean['LR taught']:.1%} | {mean['centroid']:.1%} "
                f"| {mean['announced']:.1%} "
                f"| {100 * (mean['announced'] - mean['opensight']):+.1f} points | {100 * widest:+.1f} points "
                f"| {mean['inside']:.0%} "
                f"| {mean['answered']:.0%} "
                f"| {mean['right when sure']:.1%} |"
            )
            print(rows[-1], flush=True)
    rows.append("")
    rows.append(
        f"opensight − default LR on Lite0 crop features, mean over the {len(_teach_sets.SETS)} sets: "
        + ", ".join(f"K = {k}: {100 * np.mean(v):+.1f} points" for k, v in margins.items())
        + "; on Lite0 whole-picture features (the issue's baseline): "
        + ", ".join(f"K = {k}: {100 * np.mean(v):+.1f} points" for k, v in margins_whole.items())
        + "; on the taught backbone's features (the same as opensight's): "
        + ", ".join(f"K = {k}: {100 * np.mean(v):+.1f} points" for k, v in margins_taught.items())
        + "; opensight --no-names (examples only) − default LR on Lite0 whole-picture features: "
        + ", ".join(f"K = {k}: {100 * np.mean(v):+.1f} points" for k, v in margins_plain.items())
        + "."
    )
    return "\n".join(rows)


ONE_SHOT_NOTE = (
    "K = 1 on the five picture sets of the accuracy table (20 draws of one picture per class, every other picture "
    "held out). `teach` refuses when every class has a single picture: with nothing to check the model against, no "
    "sentence about its quality could be true; it says so and asks for a second picture in a class (5 or more per "
    "class make a useful model). Beside it, what the textbook baselines get from one picture per class on the same "
    "Lite0 embeddings, and the class names alone (the zero-shot guess `teach` blends in; `opensight tag` offers it "
    "without examples).\n\n"
)


def one_shot(seeds: int = 20) -> str:
    """K = 1: what the baselines get from one picture per class, and the class names alone (the zero-shot guess
    `teach` blends in), where `teach` refuses (nothing to check the model against)."""
    from opensight.models import default_model
    from opensight.teach._blend import name_logits, readable_names
    from opensight.teach._zero_shot import name_weights

    rows = [
        "| set | opensight | default LR, Lite0 crop | default LR, Lite0 whole picture "
        "| default LR, the taught backbone's features | nearest centroid | the class names alone (zero-shot) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in _teach_sets.SETS:
        truth, names, features = _set_features(name)
        words = readable_names(names)
        assert words is not None
        zero = name_logits(features.whole, name_weights(words, default_model("embed"))[0]).argmax(1)
        runs = []
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            train = np.array([rng.choice(np.flatnonzero(truth == c)) for c in np.unique(truth)])
            test = np.setdiff1d(np.arange(len(truth)), train)
            scores = _baselines(features, truth, train, test)
            runs.append(
                [
                    scores["LR crop"],
                    scores["LR whole"],
                    scores["LR taught"],
                    scores["centroid"],
                    float((zero[test] == truth[test]).mean()),
                ]
            )
        mean = np.mean(runs, axis=0)
        rows.append(
            f"| {name} | refuses (asks for a second picture in a class) | {mean[0]:.1%} | {mean[1]:.1%} "
            f"| {mean[2]:.1%} | {mean[3]:.1%} | {mean[4]:.1%} |"
        )
        print(rows[-1], flush=True)
    return "\n".join(rows)


ACCURACY_TITLE = "teach: few-shot accuracy on five picture sets (bench/teach.py)"


def accuracy_note(seeds: int) -> str:
    """What the accuracy table shows (the text above it in BENCHMARKS.md)."""
    return (
        (_teach_sets.__doc__ or "")
        + f"\n\nK pictures per class taught (seeds 0-{seeds - 1}), every other picture of the set held out; mean"
        " over seeds (widest of the draws: the one draw whose announced accuracy was furthest from its held-out "
        "accuracy). opensight (default) = what `teach` does: the whole picture seen by EfficientNet-Lite0 and Lite2 "
        "side by side, its head on the square root of each one's pooled features and of each one's means over the "
        "picture's four quadrants (each of the four blocks made unit length) with C from "
        "1-300 (bench/_teach_study.py), blended with the zero-shot guess from the class names "
        "(as the set names them; the weight, 0-2, chosen by cross-validated log-loss: its mean in brackets), its "
        "announced accuracy (cross-validation + the learning curve's expected gain) and its 'unsure' threshold "
        "(target 95% precision; the final model's confidences put on the fold models' scale). Baselines: "
        "scikit-learn's `LogisticRegression(max_iter=1000)` on Lite0's embedding of the centre crop (the textbook "
        "baseline) and of the whole picture (the baseline of issue 14's trial), and on the taught backbone's "
        "features of the whole picture (the same features as opensight's: both networks, pooled and by quadrant), "
        "and the nearest class centroid (Lite0, centre crop).\n\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-append", action="store_true", help="print only; do not touch BENCHMARKS.md")
    parser.add_argument("--only", choices=("speed", "accuracy", "one-shot"), help="run one of the parts")
    parser.add_argument("--seeds", type=int, default=5, help="draws of the taught examples per set and K")
    args = parser.parse_args()
    if args.only in (None, "one-shot"):
        one_shot_table = one_shot()
        print(one_shot_table)
        if not args.no_append:
            append_benchmark("teach: one picture per class (bench/teach.py)", ONE_SHOT_NOTE + one_shot_table)
        if args.only:
            return
    if args.only != "speed":
        accuracy_table = accuracy(seeds=args.seeds)
        print(accuracy_table)
        if not args.no_append:
            append_benchmark(ACCURACY_TITLE, accuracy_note(args.seeds) + accuracy_table)
    if args.only == "accuracy":
        return
    speed_table = speed()
    print(speed_table)
    if not args.no_append:
        append_benchmark(
            "teach: speed (bench/teach.py)",
            "Data: Fashion-MNIST (Debian dataset-fashion-mnist), 10 classes × 20 pictures upscaled to 4000×3000 "
            "JPEG q=90. Cold = fresh store (no cached embeddings; the models' one-off first-use work done, as "
            "`make setup` does it with `opensight models prepare`). Targets (issue 14): ≤ 5 s cold, ≤ 3 s for the "
            "Studio's first training; ≤ 1 s of work when re-teaching with a warm cache.\n\n" + speed_table,
        )


if __name__ == "__main__":
    main()
