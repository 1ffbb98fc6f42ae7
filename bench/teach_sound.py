"""Benchmark: teaching sounds. Prints two tables and appends them to BENCHMARKS.md.

1. Accuracy on three sound sets (bench/_sound_sets.py), K = 3/5/10 clips per class, 5 seeds, every other clip of
   the set held out: opensight exactly as ``teach --kind sounds`` + ``predict`` work (the Whisper-encoder windows,
   its head with the windows of a clip kept in one fold, the announced accuracy and the 'unsure' threshold; a test
   clip heard in windows a quarter window apart, their probabilities averaged) against the textbook baseline — MFCC
   statistics (20 coefficients and their deltas, mean and standard deviation over the clip) with scikit-learn's
   standardisation and ``LogisticRegression()`` — and default logistic regression on the same encoder features.
2. Speed: ``opensight teach --kind sounds`` on 10 classes × 10 clips as a user runs it (process start included),
   cold (fresh store; the encoder graph already built) and warm (the same again); ``opensight predict`` on a
   10-minute recording (real-time factor) and its peak memory against a 2-minute one (flat memory).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import _sound_sets  # noqa: E402
from _common import DATA, append_benchmark, run_measured  # noqa: E402

BIN = Path(sys.executable).parent
RATE = 16_000


def _write_set(name: str, clips: list[np.ndarray]) -> list[Path]:
    """The clips as 16-bit WAV files (made once per set)."""
    from tests._media import write_wav

    folder = DATA / f"sounds-{name.replace(' ', '-')}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{index:04d}.wav" for index in range(len(clips))]
    for path, clip in zip(paths, clips, strict=True):
        if not path.exists():
            write_wav(path, clip)
    return paths


def mfcc_statistics(clip: np.ndarray) -> np.ndarray:
    """The textbook features: 20 MFCCs (DCT of Whisper's log-mel) and their deltas, mean and std over time."""
    from faster_whisper.feature_extractor import FeatureExtractor
    from scipy.fft import dct

    mel = FeatureExtractor()(clip.astype(np.float32), padding=0)
    mfcc = dct(mel, type=2, norm="ortho", axis=0)[:20]
    delta = np.gradient(mfcc, axis=1) if mfcc.shape[1] > 1 else np.zeros_like(mfcc)
    both = np.concatenate([mfcc, delta])
    return np.concatenate([both.mean(axis=1), both.std(axis=1)])


class _Heard:
    """Every clip of a set as opensight sees it: its teaching windows (``Sounds``: extra placements of a short
    clip marked), and its predicting windows (a quarter window apart, as ``TaughtSoundModel`` hears)."""

    def __init__(self, clips: list[np.ndarray]) -> None:
        from opensight.models._runtimes import OnnxRunner
        from opensight.models.sound_encoder import onnx_path
        from opensight.teach._sound_model import _cut
        from opensight.teach._sounds import WINDOW_SECONDS, windows_of

        size = round(WINDOW_SECONDS * RATE)
        runner = OnnxRunner(onnx_path(size))

        def embed(windows: list[np.ndarray]) -> np.ndarray:
            return np.concatenate(
                [runner.run({"audio": np.stack(windows[i : i + 32])})["embedding"] for i in range(0, len(windows), 32)]
            )

        placed = [windows_of(clip, size) for clip in clips]
        self.taught = [embed(windows) for windows, _ in placed]
        self.counted = [np.array(starts) >= 0 for _, starts in placed]
        self.heard = [embed([window for _, window in _cut(clip, size, size // 4)]) for clip in clips]


def _one_run(
    heard: _Heard, mfcc: np.ndarray, truth: np.ndarray, train: np.ndarray, test: np.ndarray
) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from opensight.teach._sounds import Sounds, standardised, standardiser
    from opensight.teach.evaluate import evaluate
    from opensight.teach.head import normalise

    rows = np.concatenate([heard.taught[i] for i in train])
    groups = np.concatenate([np.full(len(heard.taught[i]), i) for i in train])
    labels = np.concatenate([np.full(len(heard.taught[i]), truth[i]) for i in train])
    counted = np.concatenate([heard.counted[i] for i in train])
    standard = standardiser(rows)  # as Sounds.head_features: on the taught examples
    grouped = groups if len(groups) > len(train) else None
    head = Sounds.head.learn(standardised(rows, standard), labels, grouped, counted)  # as teach fits it
    oof = head.oof_proba_.copy()
    oof[~counted] = np.nan  # the extra placements of short clips are not evaluated, as in teach
    evaluation = evaluate(
        labels=labels,
        classes=tuple(str(c) for c in range(int(truth.max()) + 1)),
        oof_proba=oof,
        embeddings=normalise(rows).astype(np.float32),
        digests=[f"{g}@{n}" for n, g in enumerate(groups)],
        paths=[str(g) for g in groups],
        curve=head.curve_,
        method="cv",
        gain=head.gain_,
        noun="sounds",
        near=(),
        counted=counted,
    )
    proba = np.stack([head.predict_proba(standardised(heard.heard[i], standard)).mean(axis=0) for i in test])
    right = proba.argmax(1) == truth[test]
    sure = proba.max(1) >= evaluation.threshold
    textbook = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(mfcc[train], truth[train])
    clip_vectors = np.stack([vectors[0] for vectors in heard.taught])  # the clip's (first) window
    plain = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(clip_vectors[train], truth[train])
    return {
        "opensight": float(right.mean()),
        "MFCC + LR": float((textbook.predict(mfcc[test]) == truth[test]).mean()),
        "LR encoder": float((plain.predict(clip_vectors[test]) == truth[test]).mean()),
        "announced": evaluation.expected_accuracy,
        "answered": float(sure.mean()),
        "right when sure": float(right[sure].mean()) if sure.any() else float("nan"),
    }


def accuracy(seeds: int = 5, ks: tuple[int, ...] = (3, 5, 10)) -> str:
    """Held-out accuracy on every sound set: opensight against MFCC + LR, and whether the announced accuracy holds."""
    rows = [
        "| set | K | opensight | MFCC + LR (textbook) | default LR, opensight's features | opensight − MFCC "
        "| announced | announced − held-out | not unsure: answered | not unsure: right |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    margins: dict[int, list[float]] = {k: [] for k in ks}
    for name, load in _sound_sets.SETS.items():
        clips, truth, classes = load()
        heard = _Heard(clips)
        mfcc = np.stack([mfcc_statistics(clip) for clip in clips])
        for k in ks:
            runs = []
            for seed in range(seeds):
                rng = np.random.default_rng(seed)
                train = np.concatenate(
                    [rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)]
                )
                runs.append(_one_run(heard, mfcc, truth, train, np.setdiff1d(np.arange(len(truth)), train)))
            mean = {key: float(np.nanmean([run[key] for run in runs])) for key in runs[0]}
            margins[k].append(mean["opensight"] - mean["MFCC + LR"])
            rows.append(
                f"| {name} ({len(truth)} clips, {len(classes)} classes) | {k} | {mean['opensight']:.1%} "
                f"| {mean['MFCC + LR']:.1%} | {mean['LR encoder']:.1%} "
                f"| {100 * (mean['opensight'] - mean['MFCC + LR']):+.1f} points | {mean['announced']:.1%} "
                f"| {100 * (mean['announced'] - mean['opensight']):+.1f} points | {mean['answered']:.0%} "
                f"| {mean['right when sure']:.1%} |"
            )
            print(rows[-1], flush=True)
    rows.append("")
    rows.append(
        "opensight − MFCC + LR, mean over the sets: "
        + ", ".join(f"K = {k}: {100 * np.mean(v):+.1f} points" for k, v in margins.items())
        + "."
    )
    return "\n".join(rows)


def _teach_folder(per_class: int = 10) -> Path:
    """10 classes × ``per_class`` clips of the spoken-words set as class folders."""
    clips, truth, classes = _sound_sets.SETS["spoken words"]()
    paths = _write_set("spoken words", clips)
    folder = DATA / f"sounds-teach-{per_class}"
    for label, name in enumerate(classes):
        (folder / name).mkdir(parents=True, exist_ok=True)
        for index in np.flatnonzero(truth == label)[:per_class]:
            target = folder / name / paths[index].name
            if not target.exists():
                shutil.copyfile(paths[index], target)
    return folder


def _long_recording(minutes: float) -> Path:
    """``minutes`` of doorbell-set clips with room noise between them (made once)."""
    from tests._media import write_wav

    path = DATA / f"sounds-long-{minutes:g}min.wav"
    if path.exists():
        return path
    clips, _, _ = _sound_sets.SETS["doorbells"]()
    rng = np.random.default_rng(0)
    parts: list[np.ndarray] = []
    total = 0
    while total < minutes * 60 * RATE:
        gap = rng.normal(0, 0.003, int(rng.uniform(2, 8) * RATE)).astype(np.float32)
        clip = clips[int(rng.integers(len(clips)))]
        parts.extend([gap, clip])
        total += gap.size + clip.size
    write_wav(path, np.concatenate(parts)[: int(minutes * 60 * RATE)])
    return path


def _work_after_start_up(folder: Path, work: Path) -> float:
    """The warm re-teach (and save) in a process whose imports and sessions are already warm, as bench/teach.py."""
    import time

    import opensight as osi

    store = work / "opensight.sqlite"
    osi.teach(folder, kind="sounds", store=store).save(work / "w.osm", overwrite=True)  # imports, sessions, the cache
    started = time.perf_counter()
    osi.teach(folder, kind="sounds", store=store).save(work / "w.osm", overwrite=True)
    return time.perf_counter() - started


def speed() -> str:
    """Teach time (cold, warm), predict real-time factor and peak memory."""
    from opensight.models.sound_encoder import onnx_path

    onnx_path()  # the one-off graph build is not part of teaching
    folder = _teach_folder()
    work = Path(tempfile.mkdtemp(prefix="teach-sound-"))
    command = [str(BIN / "opensight"), "teach", str(folder), "--kind", "sounds", "--data-dir", str(work)]
    cold, cold_rss, _ = run_measured([*command, "-o", str(work / "cold.osm")])
    warm, _, _ = run_measured([*command, "-o", str(work / "warm.osm")])
    work_s = _work_after_start_up(folder, work)
    rows = [
        "| measure | value | target |",
        "|---|---|---|",
        f"| teach 10 classes × 10 clips, cold (process start included) | {cold:.1f} s "
        f"(peak RSS {cold_rss / 1e6:.0f} MB) | ≤ 10 s |",
        f"| teach again, embeddings cached (warm), whole command | {warm:.1f} s | |",
        f"| same, work after start-up (imports done: teach + save in a warm process) | {work_s:.2f} s | ≤ 1 s |",
    ]
    peaks = []
    for minutes in (2.0, 10.0):
        recording = _long_recording(minutes)
        seconds, rss, _ = run_measured(
            [str(BIN / "opensight"), "predict", str(work / "cold.osm"), str(recording), "-f", "jsonl"]
        )
        peaks.append(rss)
        rows.append(
            f"| predict on a {minutes:g}-minute recording (process start included) | {seconds:.1f} s: real-time factor "
            f"{seconds / (minutes * 60):.3f}, peak RSS {rss / 1e6:.0f} MB | ≤ 0.05, flat memory |"
        )
    rows.append(f"| peak memory, 10 minutes ÷ 2 minutes | {peaks[1] / peaks[0]:.2f} | ≈ 1 |")
    shutil.rmtree(work, ignore_errors=True)
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-append", action="store_true", help="print only; do not touch BENCHMARKS.md")
    parser.add_argument("--only", choices=("speed", "accuracy"), help="run one of the two parts")
    args = parser.parse_args()
    if args.only != "speed":
        table = accuracy()
        print(table)
        if not args.no_append:
            append_benchmark(
                "teach sounds: few-shot accuracy on three sound sets (bench/teach_sound.py)",
                (_sound_sets.__doc__ or "")
                + "\n\nK clips per class taught (seeds 0-4), every other clip of the set held out; mean over seeds. "
                "opensight = what `teach --kind sounds` and `predict` do (2-s windows: Whisper tiny.en's encoder and "
                "MFCC statistics, standardised; its head, which also tries the MFCC block weighed up to the "
                "encoder's share of a row and keeps what cross-validation prefers; its announced accuracy and its "
                "'unsure' threshold at 95% target precision; 5 folds). The textbook baseline: 20 MFCCs and their "
                "deltas (mean and std over the clip), "
                "standardised, scikit-learn's `LogisticRegression`; and the same on opensight's features of the clip "
                "(one window).\n\n" + table,
            )
    if args.only == "accuracy":
        return
    table = speed()
    print(table)
    if not args.no_append:
        append_benchmark(
            "teach sounds: speed (bench/teach_sound.py)",
            "Data: the spoken-words set (10 classes × 10 clips, WAV) to teach; a 2- and a 10-minute recording of "
            "doorbell-set clips in room noise to predict. 2 cores.\n\n" + table,
        )


if __name__ == "__main__":
    main()
