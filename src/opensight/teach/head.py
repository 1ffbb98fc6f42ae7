"""The head: class-balanced multinomial logistic regression on L2-normalised embeddings, regularisation
chosen by cross-validation, probabilities calibrated by temperature scaling on out-of-fold predictions.

Speed trick (exact, not an approximation): an L2-regularised linear model's weights lie in the span of its
training rows, so every fit — on all the data or on any fold — is done in the ``rank ≤ n`` coordinates of
that span (an SVD of the data), then mapped back. With 200 examples of 1280 dims each fit takes a few ms.

>>> rng = np.random.default_rng(0)
>>> X = rng.normal(size=(40, 16)) + np.repeat(np.eye(2, 16) * 4, 20, axis=0)
>>> head = LinearHeadLearner().fit(X, np.repeat([0, 1], 20))
>>> head.predict_proba(X[:1]).round(2).argmax()
np.int64(0)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from opensight._errors import OpensightError

#: Inverse regularisation strengths tried by cross-validation.
DEFAULT_CS = (0.3, 1.0, 3.0, 10.0, 30.0)
#: The search over C stops at the first C whose out-of-fold log-loss is this much worse than the best so far (the
#: loss against C has one minimum in practice; the weaker ones would cost fits and not be chosen).
WORSE_BY = 0.01
#: Fractions of the training data for the learning curve.
CURVE_FRACTIONS = (0.25, 0.5, 0.75, 1.0)
#: Up to this many examples, cross-validation is repeated on ``REPEATS`` different partitions and each example's
#: held-out logits are averaged: with 5 examples per class one partition alone moved the estimate by up to 8 points.
REPEAT_UP_TO = 100
REPEATS = 3
#: Classes this small or smaller get 10-fold cross-validation instead of 5.
SMALL_CLASS = 10
#: Above this many examples, a single stratified hold-out split replaces k-fold cross-validation.
HOLDOUT_ABOVE = 5000


def normalise(features: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (what the head and the exported graph both do first)."""
    norms = np.linalg.norm(features, axis=1, keepdims=True)
    return np.asarray(features / np.maximum(norms, 1e-12), dtype=np.float64)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, numerically stable."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log of the softmax, numerically stable.

    >>> np.exp(log_softmax(np.array([[0.0, 0.0]]))).tolist()
    [[0.5, 0.5]]
    """
    shifted = logits - logits.max(axis=1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


def stratified_splits(
    labels: np.ndarray, *, folds: int, seed: int = 0, groups: np.ndarray | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """k-fold (k ≤ examples of the smallest class, at least 2) or one 80/20 hold-out when there are many; each
    class is shuffled and dealt round the folds, so every fold holds its share of every class. With ``groups``
    (one number per example: the windows of one recording), a group's examples always fall in the same fold, so
    no recording is heard both in training and in testing.

    >>> [len(test) for _, test in stratified_splits(np.repeat([0, 1], 5), folds=5)]
    [2, 2, 2, 2, 2]
    >>> [sorted(test.tolist()) for _, test in stratified_splits(np.array([0, 0, 0, 1, 1]), folds=2,
    ...                                                           groups=np.array([0, 0, 1, 2, 3]))]
    [[0, 1, 3], [2, 4]]
    """
    if groups is None:
        return _unit_splits(labels, folds=folds, seed=seed)
    _, first, unit_of = np.unique(groups, return_index=True, return_inverse=True)
    splits = _unit_splits(labels[first], folds=folds, seed=seed)
    return [(np.flatnonzero(np.isin(unit_of, train)), np.flatnonzero(np.isin(unit_of, test))) for train, test in splits]


def _unit_splits(labels: np.ndarray, *, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    present = np.bincount(labels)
    several = present[present > 1]  # a class of one (never judged: nothing of it would be left to teach) sets no k
    smallest = int(several.min()) if several.size else 1
    rng = np.random.default_rng(seed)
    if len(labels) > HOLDOUT_ABOVE:
        test = np.concatenate(
            [members[: max(1, round(0.2 * len(members)))] for members in _shuffled_classes(labels, rng)]
        )
        return [(np.setdiff1d(np.arange(len(labels)), test), np.sort(test))]
    k = max(2, min(folds, max(smallest, 2)))
    fold_of = np.empty(len(labels), dtype=np.int64)
    dealt = 0
    for members in _shuffled_classes(labels, rng):
        fold_of[members] = (dealt + np.arange(len(members))) % k  # each class continues where the last stopped
        dealt += len(members)
    splits = [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(k)]
    return [(train, test) for train, test in splits if len(test) and len(train)]


def _shuffled_classes(labels: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    return [rng.permutation(np.flatnonzero(labels == label)) for label in np.unique(labels)]


@dataclass(frozen=True)
class Fit:
    """A fitted head in the original feature space: ``softmax((normalise(x × columns) @ weights + bias) /
    temperature)``; ``columns`` (one multiplier per feature) is None when the features are used as they are."""

    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    temperature: float
    columns: np.ndarray | None = None

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Uncalibrated scores per class."""
        weighted = features if self.columns is None else features * self.columns
        return np.asarray(normalise(weighted) @ self.weights + self.bias)

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities."""
        return softmax(self.logits(features) / self.temperature)


class LinearHeadLearner:
    """scikit-learn style learner: ``fit(X, y)`` → self; learned state ends in ``_``.

    After ``fit``: ``fit_`` (the final head), ``C_`` (chosen regularisation), ``temperature_``, ``splits_`` (the CV
    folds, of every repetition), ``folds_`` and ``repeats_``, ``oof_logits_`` (out-of-fold logits averaged over the
    repetitions, NaN rows where an example was never held out), ``oof_proba_`` (calibrated), ``curve_`` ({fraction:
    accuracy}), ``ece_before_``/``ece_after_``, ``gain_`` (how much more accurate the model taught on everything is
    expected to be than the fold models), ``scale_``.

    ``scale_``: the final model is taught on more examples with the same C, so its weights are larger than the fold
    models' (by 3-13% on the teach benchmark's sets) and its answers more confident than the ones the temperature
    and the 'unsure' threshold were chosen on. Its temperature is multiplied by that ratio (kept within 1-1.5: a
    fold that saw one class has no weights), which puts its confidences on the fold models' scale. Measured first on
    two development sets (confident answers at K = 5: 90-93% → 92-94% right, target 95%), then on the four teach
    benchmark sets: 91.4-99.7% → 92.0-99.7% right at K = 5-20, answering 0-5 points fewer (BENCHMARKS.md).
    """

    def __init__(self, *, cs: tuple[float, ...] = DEFAULT_CS, folds: int | None = None, seed: int = 0) -> None:
        self.cs = cs
        self.folds = folds
        self.seed = seed

    def fit(
        self,
        features: np.ndarray,
        labels: np.ndarray,
        groups: np.ndarray | None = None,
        evaluated: np.ndarray | None = None,
        *,
        weightings: Sequence[np.ndarray] = (),
    ) -> LinearHeadLearner:
        """Choose C by out-of-fold log-loss, calibrate, learning curve, then fit on everything. ``groups`` keeps
        examples from one source (the windows of a recording) in the same cross-validation fold; ``evaluated``
        (a mask) leaves examples that only help the fits (a short sound placed again) out of every out-of-fold
        figure: the choice of C, the calibration, the learning curve. ``weightings``: other ways to weigh the
        features (one multiplier per feature), tried on the same folds as the features as they are; the lowest
        out-of-fold log-loss wins (``columns_``: the winner, None for the features as they are)."""
        from threadpoolctl import threadpool_limits

        # the matrices are small (examples × examples): BLAS threads only wait for each other (measured 25× slower)
        with threadpool_limits(1, "blas"):
            return self._fit(features, labels, groups, evaluated, weightings)

    def _fit(
        self,
        features: np.ndarray,
        labels: np.ndarray,
        groups: np.ndarray | None,
        evaluated: np.ndarray | None,
        weightings: Sequence[np.ndarray],
    ) -> LinearHeadLearner:
        features = np.asarray(features, dtype=np.float64)
        labels = np.asarray(labels)
        if features.ndim != 2 or labels.ndim != 1 or len(features) != len(labels):
            raise OpensightError(f"expected features (n, dim) and n labels, got {features.shape} and {labels.shape}")
        if len(np.unique(labels)) < 2:
            raise OpensightError("teaching needs examples of at least 2 classes")
        if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0:
            raise OpensightError(f"labels must be class numbers 0, 1, 2, …, got {np.unique(labels)[:5].tolist()}")
        self.n_classes_ = int(labels.max()) + 1
        self.groups_ = None if groups is None else np.asarray(groups)
        self.repeats_ = REPEATS if len(labels) <= REPEAT_UP_TO else 1
        units = labels if groups is None else labels[np.unique(groups, return_index=True)[1]]
        rounds = [
            stratified_splits(labels, folds=self.folds or default_folds(units), seed=self.seed + r, groups=groups)
            for r in range(self.repeats_)
        ]
        self.folds_ = len(rounds[0])
        self.splits_ = [split for splits in rounds for split in splits]
        held_out = np.unique(np.concatenate([test for _, test in self.splits_]))
        if evaluated is not None:
            held_out = held_out[np.asarray(evaluated, dtype=bool)[held_out]]

        best: _Choice | None = None
        for columns in (None, *weightings):
            view = features if columns is None else features * columns
            choice = self._choose_c(view, labels, held_out, columns)
            if best is None or choice.loss < best.loss - 1e-9:
                best = choice
        assert best is not None
        self.C_, self.oof_logits_, self.columns_, basis, coords = (
            best.c,
            best.oof,
            best.columns,
            best.basis,
            best.coords,
        )
        self.temperature_ = fit_temperature(self.oof_logits_[held_out], labels[held_out])
        self.oof_proba_ = np.full_like(self.oof_logits_, np.nan)
        self.oof_proba_[held_out] = softmax(self.oof_logits_[held_out] / self.temperature_)
        self.ece_before_ = expected_calibration_error(softmax(self.oof_logits_[held_out]), labels[held_out])
        self.ece_after_ = expected_calibration_error(self.oof_proba_[held_out], labels[held_out])
        self.curve_ = {}
        for fraction in CURVE_FRACTIONS:
            oof = (
                self.oof_logits_
                if fraction == 1.0
                else next(self._out_of_fold(coords, labels, (self.C_,), fraction))[1]
            )
            self.curve_[fraction] = float(np.mean(oof[held_out].argmax(1) == labels[held_out]))
        self.gain_ = expected_gain(self.curve_, len(labels), self.folds_)
        model = _logistic(self.C_, tol=1e-6)
        weights, bias = _fitted(model, coords, labels, self.n_classes_)
        self.scale_ = float(np.clip(np.linalg.norm(weights) / best.fold_norm, 1.0, 1.5)) if best.fold_norm else 1.0
        temperature = self.temperature_ * self.scale_
        self.fit_ = Fit(weights=basis @ weights, bias=bias, temperature=temperature, columns=self.columns_)
        return self

    def _choose_c(
        self,
        features: np.ndarray,
        labels: np.ndarray,
        held_out: np.ndarray,
        columns: np.ndarray | None,
    ) -> _Choice:
        """The C with the lowest out-of-fold log-loss (after temperature scaling) for these features."""
        basis, coords = _span(normalise(features))
        best: _Choice | None = None
        for c, oof, fold_norm in self._out_of_fold(coords, labels, self.cs, fraction=1.0):
            temperature = fit_temperature(oof[held_out], labels[held_out])
            loss = log_loss(softmax(oof[held_out] / temperature), labels[held_out])
            if best is None or loss < best.loss - 1e-9:
                best = _Choice(loss, c, oof, fold_norm, columns, basis, coords)
            elif loss > best.loss + WORSE_BY:
                break  # the loss has turned clearly up: weaker regularisation will not bring it back down
        assert best is not None
        return best

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from the final head."""
        if not hasattr(self, "fit_"):
            raise OpensightError("this head is not fitted yet; call fit(features, labels) first")
        return self.fit_.predict_proba(features)

    def _out_of_fold(
        self, coords: np.ndarray, labels: np.ndarray, cs: tuple[float, ...], fraction: float
    ) -> Iterator[tuple[float, np.ndarray, float]]:
        """Out-of-fold logits for each C, and the fold models' mean weight norm, from strong to weak regularisation,
        lazily: a caller that stops early saves the fits of the weaker ones. Each fold's fits start from its
        previous C's solution (warm start), which saves most of the optimiser's iterations."""
        rng = np.random.default_rng(self.seed)
        splits = [
            (_stratified_subset(train, labels, fraction, rng, self.groups_) if fraction < 1.0 else train, test)
            for train, test in self.splits_
        ]
        times = np.zeros(len(labels))  # how often each example was held out (once per repetition)
        for _, test in splits:
            times[test] += 1
        models = [_logistic(min(cs), tol=1e-4) for _ in splits]
        for c in sorted(cs):
            total = np.zeros((len(labels), self.n_classes_))
            norms = []
            for model, (train, test) in zip(models, splits, strict=True):
                model.set_params(C=c)
                weights, bias = _fitted(model, coords[train], labels[train], self.n_classes_)
                total[test] += coords[test] @ weights + bias
                norms.append(float(np.linalg.norm(weights)))
            with np.errstate(invalid="ignore", divide="ignore"):
                yield c, np.where(times[:, None] > 0, total / times[:, None], np.nan), float(np.mean(norms))


@dataclass(frozen=True, eq=False)
class _Choice:
    """One candidate head setting and what cross-validation said about it."""

    loss: float
    c: float
    oof: np.ndarray
    fold_norm: float
    columns: np.ndarray | None
    basis: np.ndarray
    coords: np.ndarray


@dataclass(frozen=True, eq=False)
class HeadSettings:
    """How a kind of examples fits its head: the C grid, other feature weightings cross-validation may choose, and
    the number of folds (None: :func:`default_folds`).

    >>> HeadSettings().learn(np.eye(4), np.array([0, 0, 1, 1])).C_ in DEFAULT_CS
    True
    """

    cs: tuple[float, ...] = DEFAULT_CS
    weightings: tuple[np.ndarray, ...] = ()
    folds: int | None = None

    def learn(
        self,
        features: np.ndarray,
        labels: np.ndarray,
        groups: np.ndarray | None = None,
        evaluated: np.ndarray | None = None,
    ) -> LinearHeadLearner:
        """A :class:`LinearHeadLearner` with these settings, fitted."""
        learner = LinearHeadLearner(cs=self.cs, folds=self.folds)
        return learner.fit(features, labels, groups, evaluated, weightings=self.weightings)


def default_folds(labels: np.ndarray) -> int:
    """10 folds while the smallest class has 10 examples or fewer (each fold model then misses little of it), else
    5 (twice as fast, and with 20 per class the two estimates differed by under 2 points in bench/teach.py).

    >>> default_folds(np.repeat([0, 1], 8)), default_folds(np.repeat([0, 1], 20))
    (10, 5)
    """
    counts = np.bincount(labels)
    return 10 if counts[counts > 0].min() <= SMALL_CLASS else 5


def expected_gain(curve: dict[float, float], count: int, folds: int) -> float:
    """How much more accurate a model taught on all ``count`` examples should be than the cross-validation's fold
    models, each taught on (folds - 1) / folds of them: the learning curve's slope against log(examples),
    extrapolated to all of them, kept within 0..0.15. With 5 examples per class the fold models see 4 and
    cross-validation alone under-states accuracy by up to 6 points; with this it stayed within ±5 points of
    accuracy on new pictures on four picture sets (BENCHMARKS.md, bench/teach.py).

    >>> round(expected_gain({0.25: 0.5, 0.5: 0.6, 0.75: 0.66, 1.0: 0.7}, 50, 5), 3)
    0.032
    """
    if folds < 2 or len(curve) < 2:
        return 0.0
    fractions = np.array(sorted(curve))
    trained = np.log(fractions * count * (folds - 1) / folds)
    slope = float(np.polyfit(trained, [curve[f] for f in fractions], 1)[0])
    return float(np.clip(slope * np.log(folds / (folds - 1)), 0.0, 0.15))


def _span(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An orthonormal basis (dim, r) of the rows' span and the rows' coordinates (n, r) in it: from the smaller of
    the two Gram matrices (200 pictures' 12800 features: 30 times faster than an SVD), keeping the directions whose
    singular value is over a millionth of the largest (near-exact copies of one picture add none).

    >>> basis, coords = _span(np.array([[3.0, 0.0, 0.0], [0.0, 2.0, 0.0], [3.0, 0.0, 0.0]]))
    >>> basis.shape, np.allclose(coords @ basis.T, [[3, 0, 0], [0, 2, 0], [3, 0, 0]])
    ((3, 2), True)
    """
    rows_first = features.shape[0] <= features.shape[1]
    eigenvalues, vectors = np.linalg.eigh(features @ features.T if rows_first else features.T @ features)
    kept = eigenvalues > max(float(eigenvalues.max(initial=0.0)), 1e-300) * 1e-12
    kept[-1] = True  # the largest: one direction at least, as for features that are all zero
    if rows_first:
        basis = features.T @ (vectors[:, kept] / np.sqrt(np.maximum(eigenvalues[kept], 1e-300)))
    else:
        basis = vectors[:, kept]
    return basis, features @ basis


class _Logistic:
    """L2-regularised logistic regression with class-balanced sample weights, fitted by L-BFGS (SciPy) — the same
    objective as scikit-learn's ``LogisticRegression(C, class_weight="balanced")`` (binary for two classes,
    multinomial above), without importing scikit-learn (a second of a cold ``teach``). Each fit starts from the
    previous solution when the shapes agree (warm start across C)."""

    def __init__(self, c: float, *, tol: float) -> None:
        self.C = c
        self.tol = tol
        self._start: np.ndarray | None = None

    def set_params(self, *, C: float) -> None:  # noqa: N803 - scikit-learn's name for it
        self.C = C

    def fit(self, coords: np.ndarray, labels: np.ndarray) -> None:
        from scipy.optimize import minimize

        classes, index = np.unique(labels, return_inverse=True)
        counts = np.bincount(index)
        weight = len(labels) / (len(classes) * counts[index])  # "balanced"
        with_bias = np.hstack([coords, np.ones((len(coords), 1))])
        rows = 1 if len(classes) == 2 else len(classes)
        shape = (rows, with_bias.shape[1])
        start = self._start if self._start is not None and self._start.shape == shape else np.zeros(shape)
        scale = self.C * float(weight.sum())

        def objective(flat: np.ndarray) -> tuple[float, np.ndarray]:
            params = flat.reshape(shape)
            scores = with_bias @ params.T
            if rows == 1:  # binary: log(1 + exp(-s z)) with s = ±1
                sign = np.where(index == 1, 1.0, -1.0)
                margin = sign * scores[:, 0]
                loss = float(weight @ np.logaddexp(0.0, -margin))
                grad_scores = (-sign * weight * np.exp(-np.logaddexp(0.0, margin)))[:, None]
            else:
                log_p = log_softmax(scores)
                loss = float(-weight @ log_p[np.arange(len(index)), index])
                probabilities = np.exp(log_p)
                probabilities[np.arange(len(index)), index] -= 1.0
                grad_scores = weight[:, None] * probabilities
            penalty = params[:, :-1]
            grad = self.C * grad_scores.T @ with_bias
            grad[:, :-1] += penalty
            value = 0.5 * float((penalty**2).sum()) + self.C * loss
            return value / scale, grad.reshape(-1) / scale  # per unit of sample weight, as scikit-learn scales it

        found = minimize(
            objective, start.reshape(-1), jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": self.tol}
        )
        self._start = found.x.reshape(shape)
        self.coef_, self.intercept_ = self._start[:, :-1], self._start[:, -1]


def _logistic(c: float, *, tol: float) -> _Logistic:
    return _Logistic(c, tol=tol)


def _fitted(model: _Logistic, coords: np.ndarray, labels: np.ndarray, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Fit; weights (r, n_classes) and bias (n_classes,), with a -inf-like bias for classes absent from ``labels``."""
    present = np.unique(labels)
    weights = np.zeros((coords.shape[1], n_classes))
    bias = np.full(n_classes, -1e4)  # a class never seen in training gets (almost) no probability
    if len(present) == 1:  # a fold that saw one class only (a class with a single example): it predicts that one
        bias[present] = 0.0
        return weights, bias
    model.fit(coords, labels)
    coef, intercept = model.coef_, model.intercept_
    if len(present) == 2:  # scikit-learn keeps one row for two classes: split it symmetrically
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    weights[:, present] = coef.T
    bias[present] = intercept
    return weights, bias


def _stratified_subset(
    indices: np.ndarray, labels: np.ndarray, fraction: float, rng: np.random.Generator, groups: np.ndarray | None
) -> np.ndarray:
    """``fraction`` of each class's examples among ``indices`` (at least one) — of its recordings when ``groups``
    says which rows come from one recording, all of whose rows are then kept: a recording's windows and placements
    are not more examples, and counting them as such made the learning curve flat for short sounds.

    >>> _stratified_subset(np.arange(6), np.zeros(6, int), 0.5, np.random.default_rng(0), np.repeat([0, 1], 3)).size
    3
    """
    units = indices if groups is None else np.unique(groups[indices])
    unit_labels = labels[indices if groups is None else indices[np.unique(groups[indices], return_index=True)[1]]]
    chosen = []
    for label in np.unique(unit_labels):
        members = units[unit_labels == label]
        keep = max(1, round(len(members) * fraction))
        chosen.append(rng.choice(members, size=keep, replace=False))
    picked = np.concatenate(chosen)
    return np.sort(picked if groups is None else indices[np.isin(groups[indices], picked)])


def log_loss(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean negative log-probability of the true labels."""
    return float(-np.mean(np.log(np.clip(probabilities[np.arange(len(labels)), labels], 1e-12, 1.0))))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature T minimising the log-loss of ``softmax(logits / T)`` plus a prior on log T centred on
    T = 1 and worth one example (golden-section on log T).

    Without the prior, held-out answers that are all right (easy classes, few examples) drive T to its lower bound:
    every confidence becomes 1 − 1e-10, the 'unsure' threshold lands at 0.9999999999, and a new picture at 0.99998
    is called unsure while a picture unlike every example is answered at 100%. The prior changes nothing measurable
    on the four teach-benchmark sets (BENCHMARKS.md, 2026-11-30 08:09).

    >>> logits = np.array([[4.0, 0.0], [0.0, 4.0], [3.0, 0.0], [0.0, 5.0]])
    >>> 0.2 < fit_temperature(logits, np.array([0, 1, 0, 1])) < 1.0  # all right: sharper, not to the bound
    True
    """
    low, high = np.log(0.05), np.log(20.0)
    ratio = (np.sqrt(5) - 1) / 2

    def loss(log_t: float) -> float:
        return log_loss(softmax(logits / np.exp(log_t)), labels) + 0.5 * log_t**2 / len(labels)

    a, b = low, high
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    for _ in range(60):
        if loss(c) < loss(d):
            b = d
        else:
            a = c
        c, d = b - ratio * (b - a), a + ratio * (b - a)
    return float(np.exp((a + b) / 2))


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """How far confidence is from accuracy, averaged over 10 confidence bins (0 = perfectly calibrated)."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == labels
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in itertools.pairwise(edges):
        members = (confidence > low) & (confidence <= high)
        if members.any():
            total += members.mean() * abs(confidence[members].mean() - correct[members].mean())
    return float(total)
