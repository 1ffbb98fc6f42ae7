"""Study: what taught models see — the whole picture (before 2026-12-08), or what it shows on its plain background?

Issue 14's point 1 asks for the views by measurement: an object small or off-centre on a plain ground is a small part
of the whole picture, at a place of its own in every example. Here each picture's plain edges are trimmed first
(:func:`opensight.inputs.content_box`: at least 90% of the edge within 14 levels of its median colour; the rows and
columns with more than 1% of other pixels kept, with a margin of 4% of the longer side) where what is left covers at
most a share of the picture (the cap: 1.0, 0.7, 0.5), then seen whole as before; the head is `teach`'s (examples
alone, no class names), K per class taught, every other picture held out, 12 draws. Default LR on Lite0's whole
picture (the issue's baseline) beside it.

Sets: the teach benchmark's five; a set made for the question — the clip art small (25-50% of the side) at a random
place on a plain canvas of a random light or dark shade; and any class folders given (a new user's).

Usage: python bench/_teach_content_study.py [--append] [FOLDER ...]
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import _teach_sets  # noqa: E402
from _common import folder_study_main  # noqa: E402

SEEDS = 12
KS = (5, 10)
CAPS = (1.0, 0.7, 0.5)


def small_clip_art() -> _teach_sets.Pictures:
    """The clip art set's drawings at 25-50% of the side, at a random place on a plain canvas (70% of them light)."""
    pictures, truth, names = _teach_sets.clip_art()
    rng = np.random.default_rng(3)
    placed = []
    for pixels in pictures:
        shade = tuple(int(v) for v in (rng.integers(200, 256, 3) if rng.random() < 0.7 else rng.integers(0, 60, 3)))
        canvas = Image.new("RGB", (320, int(320 * rng.uniform(0.7, 1.0))), shade)
        share = rng.uniform(0.25, 0.5)
        drawing = Image.fromarray(pixels)
        drawing.thumbnail((int(canvas.width * share), int(canvas.height * share)))
        inked = np.asarray(drawing).copy()
        inked[(inked > 245).all(axis=2)] = shade  # the drawing's white paper is the canvas
        place = (
            int(rng.integers(0, canvas.width - drawing.width)),
            int(rng.integers(0, canvas.height - drawing.height)),
        )
        canvas.paste(Image.fromarray(inked), place)
        placed.append(np.asarray(canvas))
    return placed, truth, names


def features(pictures: list[np.ndarray]) -> tuple[dict[str, np.ndarray], dict[float, float]]:
    """The taught backbone's features of each picture seen whole and trimmed at each cap; Lite0's whole picture (the
    baseline); and the share of pictures each cap trimmed."""
    from opensight.inputs import _transforms
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    def embedded(trimmed: bool, backbone: str = "lite0+lite2") -> np.ndarray:
        spec = taught_view(backbone, trimmed=trimmed)
        return np.stack([e.vector for e in Embedder(spec, batch_size=32)(pictures)])

    found = {"whole": embedded(False), "lite0 whole": embedded(False, "lite0")}
    shares, chosen = {}, _transforms.CONTENT_MOST
    try:
        for cap in CAPS:
            _transforms.CONTENT_MOST = cap
            found[f"content ≤ {cap}"] = embedded(True)
            shares[cap] = float(np.mean([_transforms.content_box(p) is not None for p in pictures]))
    finally:
        _transforms.CONTENT_MOST = chosen
    return found, shares


def accuracies(truth: np.ndarray, f: dict[str, np.ndarray]) -> dict[tuple[int, str], float]:
    from sklearn.linear_model import LogisticRegression

    from opensight.teach._pictures import Pictures, root_features

    kind, found = Pictures(), {}
    for k in KS:
        scores: dict[str, list[float]] = {}
        for seed in range(SEEDS):
            rng = np.random.default_rng(seed)
            train = np.concatenate([rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)])
            test = np.setdiff1d(np.arange(len(truth)), train)
            for view, x in f.items():
                if view == "lite0 whole":
                    answer = LogisticRegression(max_iter=1000).fit(x[train], truth[train]).predict(x[test])
                else:
                    rooted = root_features(x)
                    answer = kind.head.learn(rooted[train], truth[train]).predict_proba(rooted[test]).argmax(1)
                scores.setdefault(view, []).append(float((answer == truth[test]).mean()))
        found |= {(k, view): float(np.mean(values)) for view, values in scores.items()}
    return found


def run(folders: list[Path]) -> str:
    warnings.filterwarnings("ignore")
    sets: dict[str, Callable[[], _teach_sets.Pictures]] = dict(_teach_sets.SETS)
    sets["small clip art on a plain canvas (made for the question)"] = small_clip_art
    sets |= {f"{folder.name} (a new user's)": functools.partial(_teach_sets.from_folder, folder) for folder in folders}
    views = ["whole", *(f"content ≤ {cap}" for cap in CAPS), "lite0 whole"]
    head = ["whole (before)", *(f"trimmed where it leaves ≤ {cap:.0%}" for cap in CAPS), "default LR, Lite0 whole"]
    rows = [
        f"| set | K | pictures trimmed (caps {', '.join(f'{c:.0%}' for c in CAPS)}) | {' | '.join(head)} |",
        "|---|---|---|" + "---|" * len(head),
    ]
    for name, load in sets.items():
        pictures, truth, _ = load()
        f, trimmed = features(pictures)
        found = accuracies(np.asarray(truth), f)
        for k in KS:
            shares = ", ".join(f"{trimmed[c]:.0%}" for c in CAPS)
            rows.append(f"| {name} | {k} | {shares} | " + " | ".join(f"{found[(k, v)]:.1%}" for v in views) + " |")
            print(rows[-1], flush=True)
    return "\n".join(rows)


if __name__ == "__main__":
    folder_study_main(
        run,
        __doc__,
        "teach: what the model sees — the whole picture, or its plain edges trimmed first "
        "(bench/_teach_content_study.py)",
    )
