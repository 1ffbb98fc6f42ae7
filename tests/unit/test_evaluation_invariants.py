"""Every sentence of an evaluation agrees with its own numbers, on hundreds of random evaluations (issue 14, point
5): the 'unsure' note with the threshold it names and the answers above it, each written confidence with the side of
the threshold it is on, the learning curve's verdict with its points and chance level, the label mistakes with class
sizes, the class sentences with the confusion matrix, the headline with its interval."""

from __future__ import annotations

import re

import numpy as np
import pytest

from opensight.teach._verdicts import pct, threshold_text
from opensight.teach.evaluate import LABEL_ISSUE_CONFIDENCE, LABEL_ISSUE_MIN_CLASS, Evaluation, evaluate
from opensight.teach.report import confidence_text

CLASSES = "abcdef"


def _random_evaluation(seed: int) -> tuple[Evaluation, np.ndarray, np.ndarray, np.ndarray, dict[float, float]]:
    """Random class sizes (1-24), skill (below chance to near perfect), confidences (ties, rounded ones), curve."""
    rng = np.random.default_rng(seed)
    n_classes = int(rng.integers(2, 7))
    sizes = rng.integers(1, 25, n_classes)
    sizes[0] = max(sizes[0], 2)
    labels = np.repeat(np.arange(n_classes), sizes)
    logits = rng.normal(size=(len(labels), n_classes)) * rng.uniform(0.2, 4)
    logits[np.arange(len(labels)), labels] += rng.uniform(-1, 4)
    if rng.random() < 0.3:  # identical pictures: identical confidences
        logits[: int(rng.integers(2, min(6, len(labels)) + 1))] = logits[0]
    proba = np.exp(logits - logits.max(1, keepdims=True))
    proba /= proba.sum(1, keepdims=True)
    if rng.random() < 0.2:  # confidences on a coarse grid: many ties, and wholly sure answers (confidences closer
        grid = np.round(proba * 100).astype(int)  # than 1e-12, though, cannot be written apart in a sentence)
        grid[np.arange(len(labels)), grid.argmax(1)] += 100 - grid.sum(1)
        proba = grid / 100
    curve = {share: float(rng.uniform(0, 1)) for share in (0.25, 0.5, 0.75, 1.0)}
    evaluation = evaluate(
        labels=labels,
        classes=tuple(CLASSES[:n_classes]),
        oof_proba=proba,
        embeddings=rng.normal(size=(len(labels), 8)).astype(np.float32),
        digests=[f"d{i}" for i in range(len(labels))],
        paths=[f"p{i}.png" for i in range(len(labels))],
        curve=curve,
        method="10-fold cross-validation",
        target_precision=float(rng.choice([0.8, 0.9, 0.95, 0.99])),
        gain=float(rng.uniform(0, 0.05)),
    )
    return evaluation, labels, proba, sizes, curve


@pytest.mark.parametrize("block", range(6))
def test_every_sentence_agrees_with_its_numbers(block: int) -> None:
    for seed in range(block * 50, block * 50 + 50):
        evaluation, labels, proba, sizes, curve = _random_evaluation(seed)
        _unsure_note_agrees(seed, evaluation, proba.max(1), proba.argmax(1) == labels)
        _verdict_agrees(seed, evaluation.verdict, curve, len(sizes), int(sizes.min()))
        for issue in evaluation.label_issues:
            assert sizes[CLASSES.index(issue.label)] >= LABEL_ISSUE_MIN_CLASS, seed
            assert issue.confidence >= LABEL_ISSUE_CONFIDENCE, seed
        low, high = evaluation.expected_accuracy_ci
        assert low <= evaluation.expected_accuracy <= high, seed
        assert evaluation.headline().startswith(f"Accuracy {pct(evaluation.expected_accuracy)} "), seed
        if " adds " in evaluation.headline():  # a gain only from a curve that rose from half to all
            assert round(100 * curve[1.0]) > round(100 * curve[0.5]), (seed, evaluation.headline())
        for i, report in enumerate(evaluation.classes):
            said, hit = int(evaluation.confusion[:, i].sum()), int(evaluation.confusion[i, i])
            if said:
                assert f"{hit} of {said})" in report.sentence, (seed, report.sentence)


def _unsure_note_agrees(seed: int, evaluation: Evaluation, confidence: np.ndarray, correct: np.ndarray) -> None:
    """The note's threshold is the threshold, its answers those at or above it, and no written confidence reads as
    on the other side of it."""
    answered = confidence >= evaluation.threshold
    written = threshold_text(evaluation.threshold)
    note = evaluation.threshold_note
    assert float(written) == pytest.approx(evaluation.threshold, abs=1e-12), seed  # the threshold as it is
    assert f"below {written}" in note or f"wholly sure (confidence {written})" in note, (seed, note)
    counts = re.search(r"right (\d+) of (\d+) times", note)
    if counts:
        assert (int(counts[1]), int(counts[2])) == ((correct & answered).sum(), answered.sum()), (seed, note)
        assert f"answered {pct(evaluation.threshold_coverage)}" in note, (seed, note)
        assert int(counts[1]) / int(counts[2]) >= evaluation.target_precision - 1e-9, (seed, note)
    elif confidence.max() >= 1:  # the threshold cannot go above 1
        assert "wholly sure" in note, (seed, note)
    else:
        assert "above every confidence seen" in note, (seed, note)
        assert not answered.any(), (seed, note)
    for offer in re.finditer(r"at (\d+)% precision it would answer (\d+)%", note):
        assert int(offer[2]) >= round(100 * evaluation.threshold_coverage), (seed, note)
    for mistake in evaluation.mistakes:
        shown = float(confidence_text(mistake.confidence, evaluation.threshold))
        assert (shown >= evaluation.threshold) == (mistake.confidence >= evaluation.threshold), seed


def _verdict_agrees(seed: int, verdict: str, curve: dict[float, float], classes: int, smallest: int) -> None:
    """The learning curve's verdict says what its two points and chance level say."""
    half, full, chance = round(100 * curve[0.5]), round(100 * curve[1.0]), round(100 / classes)
    if "levelled off:" in verdict or "is flat" in verdict:
        assert abs(full - half) <= 2, (seed, verdict)
    if "levelled off:" in verdict:
        assert smallest >= 20, (seed, verdict)
    if "close to chance" in verdict:
        assert full > chance, (seed, verdict)
    if "no better than guessing" in verdict:
        assert full <= chance, (seed, verdict)
    if "would likely help" in verdict:
        assert full - half > 2, (seed, verdict)
