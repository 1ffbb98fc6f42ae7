"""Study: which features and regularisation grid should the picture head use? Decided on two DEVELOPMENT sets that
the teach benchmark does not report, then measured on the four reported sets (``_teach_sets``) without change.

Development sets:

* **other clip art** (Debian ``openclipart-png``): music, desserts, sports, bugs, stick men, flags, drinks, houses
  (none of the reported clip-art categories), up to 50 each, composited on white;
* **digits** (scikit-learn's ``load_digits``, bundled with it): 8×8 handwritten digits, 60 per class, dark on white.

Variants (held-out accuracy, K examples per class, seeds 0-4, every other picture tested):

* default LR on the Lite0 centre crop / whole picture: scikit-learn ``LogisticRegression(max_iter=1000)``;
* head: opensight's head (unit length, C by cross-validated log-loss from 0.3-30) on the whole picture;
* root: the same on the square root of the embedding; root + wide C: C from 1-300;
* root + mirror average: the embedding of the picture averaged with its mirror image's (twice the model runs);
* root + crop: the whole picture's and the centre crop's embeddings side by side (twice the model runs).

Run: ``python bench/_teach_study.py`` (prints the table; the decision and the figures are in BENCHMARKS.md).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
import _teach_sets  # noqa: E402

DEV_CLIP = (
    "recreation/music",
    "food/desserts",
    "recreation/sports",
    "animals/bugs",
    "people/stickmen",
    "signs_and_symbols/flags",
    "food/beverages",
    "buildings/homes",
)
WIDE_CS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)


def other_clip_art() -> _teach_sets.Pictures:
    return _teach_sets.clip_art(DEV_CLIP, per_class=50)


def digits() -> _teach_sets.Pictures:
    from sklearn.datasets import load_digits

    data = load_digits()
    pictures, truth = [], []
    for digit in range(10):
        for index in np.flatnonzero(data.target == digit)[:60]:
            gray = (255 - data.images[index] * 255 / 16).astype(np.uint8)
            big = np.asarray(Image.fromarray(gray).resize((64, 64), Image.Resampling.BILINEAR))
            pictures.append(np.repeat(big[:, :, None], 3, axis=2))
            truth.append(digit)
    return pictures, np.array(truth), tuple(str(d) for d in range(10))


def embeddings(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    whole = Embedder(taught_view(), batch_size=64)
    mirrored = [np.ascontiguousarray(p[:, ::-1]) for p in pictures]
    return {
        "crop": np.stack([e.vector for e in Embedder(batch_size=64)(pictures)]),
        "whole": np.stack([e.vector for e in whole(pictures)]),
        "mirror": np.stack([e.vector for e in whole(mirrored)]),
    }


def _head(cs: tuple[float, ...] | None = None) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    from opensight.teach.head import DEFAULT_CS, LinearHeadLearner

    def predict(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray) -> np.ndarray:
        head = LinearHeadLearner(cs=cs or DEFAULT_CS).fit(train_x, train_y)
        return np.asarray(head.predict_proba(test_x).argmax(1))

    return predict


def _default_lr(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    return np.asarray(LogisticRegression(max_iter=1000).fit(train_x, train_y).predict(test_x))


Features = Callable[[dict[str, np.ndarray]], np.ndarray]
VARIANTS: dict[str, tuple[Features, Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]]] = {
    "default LR, crop": (lambda f: f["crop"], _default_lr),
    "default LR, whole": (lambda f: f["whole"], _default_lr),
    "head (before)": (lambda f: f["whole"], _head()),
    "root": (lambda f: np.sqrt(f["whole"]), _head()),
    "root + wide C (chosen)": (lambda f: np.sqrt(f["whole"]), _head(WIDE_CS)),
    "root + wide C + mirror average (2× runs)": (lambda f: np.sqrt((f["whole"] + f["mirror"]) / 2), _head(WIDE_CS)),
    "root + wide C + crop (2× runs)": (lambda f: np.sqrt(np.hstack([f["whole"], f["crop"]])), _head(WIDE_CS)),
}


def study(sets: dict[str, Callable[[], _teach_sets.Pictures]], ks: tuple[int, ...] = (5, 10), seeds: int = 5) -> str:
    warnings.filterwarnings("ignore")
    scores: dict[tuple[str, int], dict[str, float]] = {}
    for name, load in sets.items():
        pictures, truth, _ = load()
        features = embeddings(pictures)
        for k in ks:
            runs: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
            for seed in range(seeds):
                rng = np.random.default_rng(seed)
                train = np.concatenate(
                    [rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)]
                )
                test = np.setdiff1d(np.arange(len(truth)), train)
                for variant, (features_of, predict) in VARIANTS.items():
                    x = features_of(features)
                    runs[variant].append(float((predict(x[train], truth[train], x[test]) == truth[test]).mean()))
            scores[(name, k)] = {variant: float(np.mean(values)) for variant, values in runs.items()}
            print(name, k, {v: round(100 * s, 1) for v, s in scores[(name, k)].items()}, file=sys.stderr, flush=True)
    header = "| variant | " + " | ".join(f"{name} K={k}" for name, k in scores) + " | mean |"
    rows = [header, "|" + "---|" * (len(scores) + 2)]
    for variant in VARIANTS:
        values = [scores[key][variant] for key in scores]
        rows.append(
            f"| {variant} | " + " | ".join(f"{100 * v:.1f}%" for v in values) + f" | {100 * np.mean(values):.1f}% |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print("Development sets (the choice was made here):")
    print(study({"other clip art": other_clip_art, "digits": digits}))
    print("\nReported sets (measured after the choice, unchanged):")
    print(study(_teach_sets.SETS))
