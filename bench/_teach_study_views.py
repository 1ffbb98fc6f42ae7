"""Study rounds 8-11 of ``bench/_teach_study.py`` (its docstring has rounds 1-7 and the development sets), on the
current default's features: EfficientNet-Lite0 and Lite2 side by side, each one's square root made unit length, the
class names blended as ``teach`` does.

Round 8 (``--round 8``): what the issue's point 3 also names, a prototype/LR blend, on the current default's
features (Lite0 and Lite2 side by side): the head's logits plus α × the cosine of the picture to each class's mean
taught picture (nearest-centroid's opinion; α from 0-20 by the same folds' log-loss after temperature scaling; a
linear term on the same unit-length features, so the saved graph would only change its weights); and the features
centred on the taught pictures' mean before they are made unit length (SimpleShot's CL2N), with and without it.

Round 9 (``--round 9``): the mirror image through both networks (twice the model time): taught beside each taught
picture (in its fold, left out of the out-of-fold figures), and at prediction too (the probabilities of the picture
and of its mirror image averaged) — round 2 measured these on Lite0 alone (+0.01 and +0.24 points).

Round 10 (``--round 10``): round 9's mirror image where the taught examples themselves say it helps — their folds'
log-loss with the mirror image taught and averaged in at prediction against the current default's (digits and
letters, whose mirror image means something else, should say no); with and without a margin of 0.02. Teaching
would always run both views (twice the model time); predicting only where the mirror image was chosen.

Round 11 (``--round 11``): where things are in the picture, at no extra model run — round 3's means of the last
feature map's four quadrants (2×2, overlapping by the middle row and column), now of both networks, beside their
pooled features (each block's square root made unit length), at half and at equal weight (round 3 measured them on
Lite0 alone: +2.5 points on the development sets, +0.2 on the reported ones).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from _teach_study import WIDE_CS, Trained, _lr_on_both, _named_on, _round2_lr, named_answers, round4_features

PROTOTYPE_WEIGHTS = (0.0, 2.0, 5.0, 10.0, 20.0)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _class_means(x: np.ndarray, y: np.ndarray, classes: int) -> np.ndarray:
    return _unit_rows(np.stack([x[y == c].mean(0) if (y == c).any() else np.zeros(x.shape[1]) for c in range(classes)]))


def _prototyped(
    *parts: tuple[float, str], alphas: tuple[float, ...] = PROTOTYPE_WEIGHTS, centred: bool = False
) -> Trained:
    """The current default (head on the parts + the names' blend) with the class means' cosines added to the head's
    logits, α chosen on the head's own folds; ``centred``: the taught pictures' mean subtracted first."""
    from opensight.teach.head import LinearHeadLearner, fit_temperature, log_loss, normalise, softmax

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        x = np.hstack([weight * normalise(np.sqrt(np.maximum(f[name], 0.0))) for weight, name in parts])
        if centred:
            x = x - x[train].mean(0)
        y = f["truth"][train]
        classes = int(f["truth"].max()) + 1
        head = LinearHeadLearner(cs=WIDE_CS).fit(x[train], y)
        unit = _unit_rows(x)
        taught = unit[train]
        proto, times = np.zeros((len(train), classes)), np.zeros(len(train))
        for fold_train, fold_test in head.splits_:
            proto[fold_test] += taught[fold_test] @ _class_means(taught[fold_train], y[fold_train], classes).T
            times[fold_test] += 1
        held = times > 0
        proto[held] /= times[held, None]
        best = (np.inf, 0.0, head.temperature_)
        for alpha in alphas:
            logits = head.oof_logits_[held] + alpha * proto[held]
            temperature = fit_temperature(logits, y[held])
            loss = log_loss(softmax(logits / temperature), y[held])
            if loss < best[0] - 1e-4:
                best = (loss, alpha, temperature)
        _, alpha, temperature = best
        oof = np.full_like(head.oof_logits_, np.nan)
        oof[held] = softmax((head.oof_logits_[held] + alpha * proto[held]) / temperature)
        means = _class_means(taught, y, classes)
        probabilities = softmax(
            (head.fit_.logits(x[test]) + alpha * unit[test] @ means.T) / (temperature * head.scale_)
        )
        return named_answers(f, train, test, oof, probabilities)

    return predict


def round8_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Lite0's whole-picture embedding (the torch reference) and Lite2's at 224 px (the taught backbone's graph)."""
    from opensight.models.efficientnet_pair import LITE0_FEATURES
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    out = round4_features(pictures, sizes=(("whole", 224),))
    out["Lite2 224"] = np.stack([e.vector for e in Embedder(taught_view(), batch_size=64)(pictures)])[
        :, LITE0_FEATURES:
    ].astype(np.float64)
    return out


BOTH = ((1.0, "whole"), (1.0, "Lite2 224"))
ROUND8: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "default LR on Lite0 and Lite2 (the same features)": _lr_on_both,
    "the current default (Lite0 + Lite2, root + names)": _named_on(*BOTH),
    "+ class means (α by cross-validation)": _prototyped(*BOTH),
    "centred on the taught mean": _prototyped(*BOTH, alphas=(0.0,), centred=True),
    "centred + class means": _prototyped(*BOTH, centred=True),
}


def _mirrored(at_prediction: bool) -> Trained:
    """The current default taught on each picture and its mirror image; ``at_prediction``: the probabilities of the
    test picture and of its mirror image averaged."""
    from opensight.teach.head import LinearHeadLearner, normalise

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        views = [
            np.hstack([normalise(np.sqrt(np.maximum(f[name + suffix], 0.0))) for _, name in BOTH])
            for suffix in ("", " mirror")
        ]
        y = f["truth"][train]
        x = np.concatenate([view[train] for view in views])
        groups, counted = np.tile(np.arange(len(train)), 2), np.repeat([True, False], len(train))
        head = LinearHeadLearner(cs=WIDE_CS).fit(x, np.tile(y, 2), groups, counted)
        shown = views if at_prediction else views[:1]
        probabilities = sum(head.predict_proba(view[test]) for view in shown) / len(shown)
        return named_answers(f, train, test, head.oof_proba_[: len(train)], probabilities)

    return predict


def _mirror_if_folds_say(margin: float) -> Trained:
    """The current default, or round 9's mirror image taught and at prediction where its out-of-fold log-loss (each
    picture's two views averaged) is below the current default's by more than ``margin``."""
    from opensight.teach.head import LinearHeadLearner, log_loss, normalise, softmax

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        views = [
            np.hstack([normalise(np.sqrt(np.maximum(f[name + suffix], 0.0))) for _, name in BOTH])
            for suffix in ("", " mirror")
        ]
        y, n = f["truth"][train], len(train)
        plain = LinearHeadLearner(cs=WIDE_CS).fit(views[0][train], y)
        groups, counted = np.tile(np.arange(n), 2), np.repeat([True, False], n)
        both = LinearHeadLearner(cs=WIDE_CS).fit(
            np.concatenate([view[train] for view in views]), np.tile(y, 2), groups, counted
        )
        logits = both.oof_logits_
        held = ~np.isnan(logits[:n, 0]) & ~np.isnan(logits[n:, 0]) & ~np.isnan(plain.oof_proba_[:, 0])
        averaged = (softmax(logits[:n][held] / both.temperature_) + softmax(logits[n:][held] / both.temperature_)) / 2
        if log_loss(averaged, y[held]) < log_loss(plain.oof_proba_[held], y[held]) - margin:
            oof = np.full((n, logits.shape[1]), np.nan)
            oof[held] = averaged
            probabilities = sum(both.predict_proba(view[test]) for view in views) / 2
        else:
            oof, probabilities = plain.oof_proba_, plain.predict_proba(views[0][test])
        return named_answers(f, train, test, oof, probabilities)

    return predict


def round9_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Round 8's embeddings of each picture and of its mirror image."""
    mirrored = round8_features([np.ascontiguousarray(p[:, ::-1]) for p in pictures])
    return {**round8_features(pictures), **{f"{name} mirror": value for name, value in mirrored.items()}}


ROUND9: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "the current default (Lite0 + Lite2, root + names)": _named_on(*BOTH),
    "+ mirror images taught": _mirrored(at_prediction=False),
    "+ mirror images taught and at prediction (2× model time)": _mirrored(at_prediction=True),
}


ROUND10: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "the current default (Lite0 + Lite2, root + names)": _named_on(*BOTH),
    "+ mirror image where the taught examples' folds say so": _mirror_if_folds_say(0.0),
    "+ mirror image where they say so by 0.02 of log-loss": _mirror_if_folds_say(0.02),
}


def round11_features(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Both networks' last feature maps of the whole picture at 224 px (the taught graph's torch reference): the
    means (the current embeddings) and the means of each map's 2×2 quadrants."""
    import torch

    from _teach_study import _model_inputs
    from opensight.models.efficientnet import pixel_scaling
    from opensight.models.efficientnet_pair import PAIR, build_pair, quadrant_means
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    pair = build_pair()
    scale = pixel_scaling(PAIR)
    rows: dict[str, list[np.ndarray]] = {"whole": [], "Lite2 224": [], "quad": [], "Lite2 quad": []}
    for batch in _model_inputs(Embedder(taught_view()), pictures):
        with torch.no_grad():
            pixels = scale(torch.from_numpy(batch))
            for name, maps in (
                ("", pair.lite0.backbone.extract_features(pixels)),
                ("Lite2 ", pair.lite2.extract_features(pixels)),
            ):
                rows[name + "quad"].append(quadrant_means(maps).numpy())
                rows["whole" if not name else "Lite2 224"].append(maps.mean(dim=(2, 3)).numpy())
    return {name: np.concatenate(values).astype(np.float64) for name, values in rows.items()}


ROUND11: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "the current default (Lite0 + Lite2, root + names)": _named_on(*BOTH),
    "+ both networks' 2×2 quadrants at half weight": _named_on(*BOTH, (0.5, "quad"), (0.5, "Lite2 quad")),
    "+ both networks' 2×2 quadrants at equal weight": _named_on(*BOTH, (1.0, "quad"), (1.0, "Lite2 quad")),
}


#: Rounds 8-11 of the study (``bench/_teach_study.py --round N``): the features and the heads compared.
VIEW_ROUNDS: dict[int, tuple[Callable[[list[np.ndarray]], dict[str, np.ndarray]], dict[str, Trained]]] = {
    8: (round8_features, ROUND8),
    9: (round9_features, ROUND9),
    10: (round9_features, ROUND10),
    11: (round11_features, ROUND11),
}
