"""The taught head on small synthetic embeddings (no picture model): the logistic regression's objective, the
learner's probabilities and determinism, stratified folds, calibration helpers, and clear errors on bad input."""

from __future__ import annotations

import numpy as np
import pytest

from opensight import OpensightError
from opensight.teach.head import (
    CURVE_FRACTIONS,
    DEFAULT_CS,
    HOLDOUT_ABOVE,
    Fit,
    LinearHeadLearner,
    _Logistic,
    default_folds,
    expected_calibration_error,
    expected_gain,
    fit_temperature,
    log_loss,
    log_softmax,
    normalise,
    softmax,
    stratified_splits,
)


def clusters(per_class: list[int], dim: int = 16, spread: float = 0.3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """One tight cluster per class around its own axis: linearly separable for a small ``spread``."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(len(per_class)), per_class)
    features = np.eye(len(per_class), dim)[labels] * 4 + rng.normal(scale=spread, size=(len(labels), dim))
    return features, labels


def balanced_weights(labels: np.ndarray) -> np.ndarray:
    counts = np.bincount(labels)
    return np.asarray(len(labels) / (len(counts) * counts[labels]), dtype=np.float64)


# -- the logistic regression -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("per_class", [[12, 5], [10, 7, 4]])
def test_logistic_fits_separable_data_perfectly(per_class: list[int]) -> None:
    features, labels = clusters(per_class)
    model = _Logistic(30.0, tol=1e-6)
    model.fit(features, labels)
    scores = features @ model.coef_.T + model.intercept_
    predicted = (scores[:, 0] > 0).astype(int) if len(per_class) == 2 else scores.argmax(axis=1)
    assert predicted.tolist() == labels.tolist()
    assert model.coef_.shape == (1 if len(per_class) == 2 else len(per_class), features.shape[1])


def test_logistic_minimises_the_balanced_l2_objective() -> None:
    """At the optimum of ½‖W‖² + C Σ wᵢ loss(xᵢ) (bias not penalised, wᵢ class-balanced) the gradient is zero:
    W = C Σ wᵢ (yᵢ − pᵢ) xᵢ and Σ wᵢ (yᵢ − pᵢ) = 0; checked here without the optimiser's own objective."""
    features, labels = clusters([15, 8, 5], spread=2.0)  # overlapping: the penalty matters
    c = 0.7
    model = _Logistic(c, tol=1e-10)
    model.fit(features, labels)
    residual = np.eye(3)[labels] - softmax(features @ model.coef_.T + model.intercept_)
    weighted = balanced_weights(labels)[:, None] * residual
    np.testing.assert_allclose(model.coef_, c * weighted.T @ features, atol=1e-4)
    np.testing.assert_allclose(weighted.sum(axis=0), 0.0, atol=1e-4)


def test_binary_logistic_minimises_the_same_objective() -> None:
    features, labels = clusters([20, 6], spread=2.0, seed=3)
    c = 2.0
    model = _Logistic(c, tol=1e-10)
    model.fit(features, labels)
    probability = 1 / (1 + np.exp(-(features @ model.coef_[0] + model.intercept_[0])))
    weighted = balanced_weights(labels) * (labels - probability)
    np.testing.assert_allclose(model.coef_[0], c * weighted @ features, atol=1e-3)
    assert abs(weighted.sum()) < 1e-3


def test_stronger_regularisation_gives_smaller_weights() -> None:
    features, labels = clusters([10, 10, 10], spread=1.0)
    norms = []
    for c in sorted(DEFAULT_CS):
        model = _Logistic(c, tol=1e-8)
        model.fit(features, labels)
        norms.append(float(np.linalg.norm(model.coef_)))
    assert norms == sorted(norms)
    assert norms[0] < norms[-1] / 2


# -- the learner -----------------------------------------------------------------------------------------------------


def test_the_learner_separates_separable_classes_with_probabilities_that_sum_to_one() -> None:
    features, labels = clusters([12, 9, 6])
    learner = LinearHeadLearner().fit(features, labels)
    proba = learner.predict_proba(features)
    assert proba.shape == (27, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()
    assert proba.argmax(axis=1).tolist() == labels.tolist()
    held_out = ~np.isnan(learner.oof_proba_).any(axis=1)
    assert held_out.all()  # every example was held out at least once
    np.testing.assert_allclose(learner.oof_proba_.sum(axis=1), 1.0)
    assert learner.C_ in DEFAULT_CS
    assert 0.05 <= learner.temperature_ <= 20
    assert set(learner.curve_) == set(CURVE_FRACTIONS)
    assert learner.curve_[1.0] == 1.0
    assert 0.0 <= learner.gain_ <= 0.15
    assert learner.n_classes_ == 3
    assert learner.folds_ == 6  # at most the smallest class's size
    assert len(learner.splits_) == learner.folds_ * learner.repeats_


def test_the_final_head_is_the_same_function_as_fit_predict_proba() -> None:
    features, labels = clusters([8, 8])
    learner = LinearHeadLearner().fit(features, labels)
    head = learner.fit_
    assert isinstance(head, Fit)
    assert head.weights.shape == (16, 2)
    np.testing.assert_allclose(head.logits(features * 7.5), head.logits(features))  # on normalised features
    temperature = learner.temperature_ * learner.scale_
    np.testing.assert_allclose(head.predict_proba(features), softmax(head.logits(features) / temperature))
    np.testing.assert_allclose(learner.predict_proba(features), head.predict_proba(features))


def test_the_final_model_answers_on_the_fold_models_scale() -> None:
    """Taught on all examples with the same C, the final weights are larger than the fold models': its temperature
    grows by that ratio, so its confidences match the ones the 'unsure' threshold was chosen on."""
    features, labels = clusters([5, 5, 5], spread=1.5)
    learner = LinearHeadLearner().fit(features, labels)
    assert learner.scale_ > 1.0
    assert learner.fit_.temperature == pytest.approx(learner.temperature_ * learner.scale_)


def test_the_learner_is_deterministic_for_a_seed() -> None:
    features, labels = clusters([7, 7, 5], spread=1.5)
    first = LinearHeadLearner(seed=4).fit(features, labels)
    again = LinearHeadLearner(seed=4).fit(features, labels)
    other = LinearHeadLearner(seed=5).fit(features, labels)
    np.testing.assert_array_equal(first.predict_proba(features), again.predict_proba(features))
    np.testing.assert_array_equal(first.oof_proba_, again.oof_proba_)
    assert first.C_ == again.C_
    assert first.curve_ == again.curve_
    assert [t.tolist() for _, t in first.splits_] == [t.tolist() for _, t in again.splits_]
    assert [t.tolist() for _, t in first.splits_] != [t.tolist() for _, t in other.splits_]


def test_a_class_number_with_no_examples_gets_no_probability() -> None:
    features, labels = clusters([6, 6, 6])
    labels = np.where(labels == 1, 2, labels)  # classes 0 and 2 only: class 1 has no example
    learner = LinearHeadLearner().fit(features, labels)
    assert learner.n_classes_ == 3
    proba = learner.predict_proba(features)
    assert proba.shape == (18, 3)
    assert proba[:, 1].max() < 1e-6
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_a_class_of_one_example_is_held_out_once_per_repetition() -> None:
    features, labels = clusters([9, 1])
    learner = LinearHeadLearner().fit(features, labels)
    assert learner.folds_ == 9  # set by the class of nine: the class of one is not judged (teach leaves it out)
    lone = int(np.flatnonzero(labels == 1)[0])
    assert sum(lone in test for _, test in learner.splits_) == learner.repeats_
    assert learner.predict_proba(features).shape == (10, 2)


@pytest.mark.parametrize(
    ("features", "labels", "message"),
    [
        (np.zeros((6, 4)), np.zeros(6, np.int64), "at least 2 classes"),
        (np.zeros((0, 4)), np.zeros(0, np.int64), "at least 2 classes"),
        (np.zeros((6, 4)), np.array([0, 1, 0, 1, 0]), r"expected features \(n, dim\) and n labels"),
        (np.zeros(6), np.array([0, 1, 0, 1, 0, 1]), r"expected features \(n, dim\)"),
        (np.zeros((3, 4)), np.array([[0], [1], [1]]), r"expected features \(n, dim\)"),
        (np.zeros((4, 4)), np.array([0, 1, -1, 1]), "labels must be class numbers"),
        (np.zeros((4, 4)), np.array([0.0, 1.0, 0.5, 1.0]), "labels must be class numbers"),
        (np.zeros((4, 4)), np.array(["cat", "dog", "cat", "dog"]), "labels must be class numbers"),
    ],
)
def test_bad_input_is_a_clear_error(features: np.ndarray, labels: np.ndarray, message: str) -> None:
    with pytest.raises(OpensightError, match=message):
        LinearHeadLearner().fit(features, labels)


def test_predicting_before_fitting_is_a_clear_error() -> None:
    with pytest.raises(OpensightError, match=r"not fitted yet; call fit"):
        LinearHeadLearner().predict_proba(np.zeros((1, 4)))


# -- folds -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("per_class", "folds"), [([10, 10], 5), ([13, 7, 4], 10), ([3, 30], 5), ([1, 5], 5)])
def test_splits_are_disjoint_cover_everything_and_are_stratified(per_class: list[int], folds: int) -> None:
    labels = np.repeat(np.arange(len(per_class)), per_class)
    splits = stratified_splits(labels, folds=folds, seed=1)
    several = [count for count in per_class if count > 1]  # a class of one sets no number of folds
    assert len(splits) == max(2, min(folds, min(several)))
    everything = np.arange(len(labels))
    for train, test in splits:
        assert len(test)
        assert np.intersect1d(train, test).size == 0
        np.testing.assert_array_equal(np.union1d(train, test), everything)
    tests = np.concatenate([test for _, test in splits])
    np.testing.assert_array_equal(np.sort(tests), everything)  # every example is held out exactly once
    for label, count in enumerate(per_class):
        shares = [int(np.sum(labels[test] == label)) for _, test in splits]
        assert max(shares) - min(shares) <= 1  # each class dealt evenly round the folds
        assert sum(shares) == count


def test_splits_depend_on_the_seed_only() -> None:
    labels = np.repeat([0, 1, 2], [8, 6, 5])
    first = stratified_splits(labels, folds=5, seed=7)
    again = stratified_splits(labels, folds=5, seed=7)
    other = stratified_splits(labels, folds=5, seed=8)
    assert [t.tolist() for _, t in first] == [t.tolist() for _, t in again]
    assert [t.tolist() for _, t in first] != [t.tolist() for _, t in other]


def test_many_examples_get_one_stratified_hold_out() -> None:
    labels = np.repeat([0, 1, 2], [HOLDOUT_ABOVE // 2, HOLDOUT_ABOVE // 2, 11])
    [(train, test)] = stratified_splits(labels, folds=5)
    assert np.intersect1d(train, test).size == 0
    assert len(train) + len(test) == len(labels)
    assert [int(np.sum(labels[test] == label)) for label in range(3)] == [500, 500, 2]


def test_default_folds() -> None:
    assert default_folds(np.repeat([0, 1], [10, 50])) == 10
    assert default_folds(np.repeat([0, 1], [11, 50])) == 5
    assert default_folds(np.repeat([0, 2], [30, 30])) == 5  # a class number with no examples does not count


def test_expected_gain_is_the_slope_kept_within_bounds() -> None:
    rising = {0.25: 0.5, 0.5: 0.6, 0.75: 0.66, 1.0: 0.7}
    assert expected_gain(rising, 50, 5) == pytest.approx(0.032, abs=5e-4)
    assert expected_gain({0.25: 0.9, 0.5: 0.8, 0.75: 0.7, 1.0: 0.6}, 50, 5) == 0.0  # falling: no gain
    assert expected_gain({0.25: 0.0, 1.0: 1.0}, 50, 2) == 0.15  # steep: at most 15 points
    assert expected_gain(rising, 50, 1) == 0.0
    assert expected_gain({1.0: 0.7}, 50, 5) == 0.0


# -- the numerical helpers -------------------------------------------------------------------------------------------


def test_softmax_and_normalise_are_stable() -> None:
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(softmax(logits), [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]])
    np.testing.assert_allclose(np.exp(log_softmax(logits)), softmax(logits))
    assert np.isfinite(log_softmax(logits)).all()
    rows = normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(rows, [[0.6, 0.8], [0.0, 0.0]])  # a zero row stays zero, no NaN


def test_log_loss() -> None:
    uniform = np.full((4, 3), 1 / 3)
    assert log_loss(uniform, np.array([0, 1, 2, 0])) == pytest.approx(np.log(3))
    assert log_loss(np.array([[1.0, 0.0]]), np.array([1])) == pytest.approx(-np.log(1e-12))  # clipped, not inf


def test_fit_temperature_recovers_the_temperature_that_made_the_labels() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=3.0, size=(5000, 3))
    cumulative = softmax(logits / 2.0).cumsum(axis=1)
    labels = (rng.random((len(logits), 1)) > cumulative).sum(axis=1)  # drawn with temperature 2
    assert fit_temperature(logits, labels) == pytest.approx(2.0, rel=0.1)
    always_right = fit_temperature(logits, logits.argmax(axis=1))
    assert 0.05 < always_right < 1.0  # always right: sharper, but the prior keeps it off the bound (a new user's
    # shapes: T ran to 0.05 and the unsure threshold to 0.9999999999)


def test_expected_calibration_error() -> None:
    sure_and_right = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(sure_and_right, np.array([0, 1])) == 0.0
    overconfident = np.tile([0.9, 0.1], (10, 1))
    assert expected_calibration_error(overconfident, np.repeat([0, 1], 5)) == pytest.approx(0.4)


def test_cross_validation_chooses_the_weighting_that_lets_a_small_informative_block_count() -> None:
    """90 noise features and 6 that tell the classes apart: weighing the 6 up wins on the out-of-fold log-loss, and
    the final head applies the chosen weighting itself."""
    rng = np.random.default_rng(3)
    labels = np.repeat([0, 1, 2], 12)
    signal = np.repeat(np.eye(3, 6), 12, axis=0) + rng.normal(0, 0.6, size=(36, 6))
    features = np.hstack([rng.normal(size=(36, 90)), signal])
    boost = np.r_[np.ones(90), np.full(6, 4.0)]
    learner = LinearHeadLearner().fit(features, labels, weightings=[boost])
    assert learner.columns_ is boost
    plain = LinearHeadLearner().fit(features, labels)
    assert plain.columns_ is None
    np.testing.assert_allclose(
        learner.fit_.logits(features),
        Fit(learner.fit_.weights, learner.fit_.bias, learner.fit_.temperature).logits(features * boost),
    )
