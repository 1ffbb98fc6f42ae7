"""Blending the class names' zero-shot opinion into a taught head, when cross-validation says it helps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import InputError
from opensight.inputs import Item
from opensight.tasks import Embedder
from opensight.teach._examples import Examples
from opensight.teach._model import TaughtModel
from opensight.teach._zero_shot import name_weights, zero_shot_model
from opensight.teach.head import log_loss, log_softmax, softmax

#: Weights tried for the class names' zero-shot opinion when blending it with the taught head.
BLEND_WEIGHTS = (0.25, 0.5, 1.0, 2.0)


@dataclass(frozen=True, eq=False)
class NameBlend:
    """The class names' zero-shot model, and how much of it to add to the taught head (0: none)."""

    weight: float
    oof: np.ndarray  # out-of-fold probabilities of the blend (NaN rows = not held out)
    name_weights: np.ndarray
    zero_model: TaughtModel
    zero_accuracy: float
    taught_accuracy: float
    blended_accuracy: float

    @property
    def sentence(self) -> str:
        told = (
            f"From the class names alone (zero-shot) it would get {self.zero_accuracy:.0%} of these pictures right; "
            f"from your examples alone {self.taught_accuracy:.0%}"
        )
        if self.weight == 0:
            return told + "; adding the names does not help here, so the model uses the examples only."
        return (
            f"{told}; blending both (the names weighted {self.weight:g}, chosen by cross-validation) "
            f"{self.blended_accuracy:.0%} — the more examples you add, the less the names count."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "zero_shot_accuracy": round(self.zero_accuracy, 4),
            "taught_accuracy": round(self.taught_accuracy, 4),
            "blended_accuracy": round(self.blended_accuracy, 4),
            "zero_shot_weight": self.weight,
            "sentence": self.sentence,
        }


def blend_with_names(labels: Iterable[str] | str, examples: Examples, oof: np.ndarray) -> NameBlend:
    """Score the pictures with a zero-shot model made from the class names, and pick by out-of-fold log-loss how
    much of its opinion to add to the taught head (product of experts: logits + weight × its log-probabilities)."""
    from opensight.tasks.tag import clean_labels

    classes, paths, truth = examples.classes, examples.paths, examples.truth
    given = sorted(label.lower() for label in clean_labels(labels))
    if given != sorted(name.lower() for name in classes):
        raise InputError(
            f"with examples, --labels must name the classes (the folder names): {', '.join(classes)}; "
            f"got {', '.join(clean_labels(labels))}"
        )
    weights, coverage = name_weights(classes, Embedder().spec)
    zero = zero_shot_model(classes, weights, coverage)
    zero_log = log_softmax(_model_logits(zero, paths))
    held = ~np.isnan(oof).any(axis=1)

    def loss(probabilities: np.ndarray) -> float:
        return log_loss(probabilities[held], truth[held])

    def accuracy(probabilities: np.ndarray) -> float:
        return float((probabilities[held].argmax(axis=1) == truth[held]).mean())

    best_weight, best = 0.0, oof
    for weight in BLEND_WEIGHTS:
        mixed = np.full_like(oof, np.nan)
        mixed[held] = softmax(np.log(np.maximum(oof[held], 1e-12)) + weight * zero_log[held])
        if loss(mixed) < loss(best) - 1e-4:
            best_weight, best = weight, mixed
    return NameBlend(
        weight=best_weight,
        oof=best,
        name_weights=weights,
        zero_model=zero,
        zero_accuracy=float((zero_log.argmax(axis=1) == truth).mean()),
        taught_accuracy=accuracy(oof),
        blended_accuracy=accuracy(best),
    )


def _model_logits(model: TaughtModel, paths: list[str], batch: int = 32) -> np.ndarray:
    """Every class's logit for each picture (decoded and prepared as the model's own inputs)."""
    rows = []
    for start in range(0, len(paths), batch):
        prepared = [model.prepare(Item(name=path, path=Path(path)))[0] for path in paths[start : start + batch]]
        rows.append(model.forward(np.stack(prepared))["logits"])
    return np.concatenate(rows)
