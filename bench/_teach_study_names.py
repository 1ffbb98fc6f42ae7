"""Study round 6 of ``bench/_teach_study.py`` (its docstring describes it, with the development sets): the class
names' zero-shot guess as a fixed offset while the head is taught, against blending it in after (``teach``'s way)."""

from __future__ import annotations

import numpy as np

from _teach_study import Trained, _named_on, _pooled, _round2_lr, _whole_224

OFFSET_WEIGHTS = (0.0, 0.5, 1.0, 2.0)
OFFSET_CS = (3.0, 10.0, 30.0, 100.0)


def _fit_with_offset(coords: np.ndarray, y: np.ndarray, offset: np.ndarray, c: float) -> np.ndarray:
    """Multinomial L2 logistic regression whose scores are ``coords @ W.T + b + offset``: (classes, dims + 1)."""
    from scipy.optimize import minimize

    from opensight.teach.head import log_softmax

    with_bias = np.hstack([coords, np.ones((len(coords), 1))])
    shape = (offset.shape[1], with_bias.shape[1])
    rows = np.arange(len(y))

    def objective(flat: np.ndarray) -> tuple[float, np.ndarray]:
        params = flat.reshape(shape)
        log_p = log_softmax(with_bias @ params.T + offset)
        residual = np.exp(log_p)
        residual[rows, y] -= 1.0
        grad = c * residual.T @ with_bias
        grad[:, :-1] += params[:, :-1]
        return 0.5 * float((params[:, :-1] ** 2).sum()) - c * float(log_p[rows, y].sum()), grad.reshape(-1)

    found = minimize(objective, np.zeros(shape).reshape(-1), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return np.asarray(found.x.reshape(shape))


def _names_as_offset(weights: tuple[float, ...]) -> Trained:
    """Round 6: the head taught with the names' zero-shot log-probabilities as a fixed offset."""
    from opensight.models import default_model
    from opensight.teach._blend import NAMES_EVIDENCE, beyond_chance, name_logits, readable_names
    from opensight.teach._zero_shot import name_weights
    from opensight.teach.head import (
        _span,
        fit_temperature,
        log_loss,
        log_softmax,
        normalise,
        softmax,
        stratified_splits,
    )

    def predict(f: dict[str, np.ndarray], train: np.ndarray, test: np.ndarray) -> np.ndarray:
        y, n = f["truth"][train], int(f["truth"].max()) + 1
        x = normalise(np.sqrt(np.maximum(f["whole"], 0.0)))
        words = readable_names(tuple(str(name) for name in f["names"]))
        assert words is not None
        zero = log_softmax(name_logits(f["whole"], name_weights(words, default_model("embed"))[0]))
        gated = beyond_chance(int((zero[train].argmax(1) == y).sum()), len(y), 1 / n) < NAMES_EVIDENCE
        basis, coords = _span(x[train])  # the head's own trick: every fit in the span of the taught rows
        splits = stratified_splits(y, folds=10 if np.bincount(y).min() <= 10 else 5)
        best = (np.inf, 0.0, OFFSET_CS[0])
        for weight in weights if gated else (0.0,):
            for c in OFFSET_CS:
                oof = np.zeros((len(y), n))
                for fold_train, fold_test in splits:
                    p = _fit_with_offset(coords[fold_train], y[fold_train], weight * zero[train][fold_train], c)
                    oof[fold_test] = coords[fold_test] @ p[:, :-1].T + p[:, -1] + weight * zero[train][fold_test]
                loss = log_loss(softmax(oof / fit_temperature(oof, y)), y)
                if loss < best[0] - 1e-9:
                    best = (loss, weight, c)
        _, weight, c = best
        p = _fit_with_offset(coords, y, weight * zero[train], c)
        return np.asarray(((x[test] @ basis) @ p[:, :-1].T + p[:, -1] + weight * zero[test]).argmax(1))

    return predict


ROUND6: dict[str, Trained] = {
    "default LR, whole": _round2_lr,
    "root + wide C (the current head)": _pooled((1.0, "whole")),
    "+ the names blended after it (the current default)": _named_on((1.0, "whole")),
    "the names as an offset while teaching": _names_as_offset(OFFSET_WEIGHTS),
    "the same head, names never (offset weight 0)": _names_as_offset((0.0,)),
}


#: Round 6 for ``--round``: how it computes the pictures' features, and the heads it compares on them.
NAME_ROUNDS = {6: (_whole_224, ROUND6)}
