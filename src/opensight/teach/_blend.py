"""Blending the class names' zero-shot opinion into a taught head, when cross-validation says it helps."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from opensight._errors import InputError
from opensight.models import default_model
from opensight.models.efficientnet import imagenet_layer
from opensight.models.efficientnet_pair import lite0_part
from opensight.teach._examples import Examples
from opensight.teach._zero_shot import ZERO_SHOT_SCALE, name_weights
from opensight.teach.head import log_loss, log_softmax, softmax

#: Weights tried for the class names' zero-shot opinion when blending it with the taught head.
BLEND_WEIGHTS = (0.25, 0.5, 1.0, 2.0)
#: The names are blended in only when they alone name the examples' classes more often than guessing would, at this
#: significance (one-sided binomial test against one in as many as there are classes). Without it, names that mean
#: nothing (class_a, class_b, …; right 1-6% of the time) were given weight 1-2 in 4 of 6 draws of a user's trial:
#: a near-constant opinion per class acts as a class bias fitted on the same answers it is judged on, and raised
#: the announced accuracy by up to 11 points with nothing gained on new pictures.
NAMES_EVIDENCE = 0.05
#: The blend's out-of-fold answers take each part's weight from the other parts (see :func:`name_blend`).
WEIGHT_FOLDS = 5
#: What the blend's sentence cites where those answers come out under the examples alone's. Such a blend is kept:
#: dropping it there cost held-out accuracy (bench/_teach_blend_study.py, 8 picture sets × K = 5, 10, 20 × 12 draws:
#: in the 17 draws where it happened the blend was 1.3 points more accurate on new pictures, 11 better, 4 worse).
BLEND_EVIDENCE = "1.3 points on average in 17 such draws on 8 picture sets, BENCHMARKS.md"


@dataclass(frozen=True, eq=False)
class NameBlend:
    """The class names' zero-shot model, and how much of it to add to the taught head (0: none)."""

    weight: float
    oof: np.ndarray  # out-of-fold probabilities of the blend (NaN rows = not held out)
    name_weights: np.ndarray  # (1000 ImageNet classes, class names): see name_logits
    zero_accuracy: float
    taught_accuracy: float
    blended_accuracy: float
    informative: bool = True  # the names alone named the examples' classes more often than guessing would

    @property
    def sentence(self) -> str:
        """The names alone, the examples alone and the blend, in one sentence that never recommends what its own
        figures contradict (a user's trial was told the blend was chosen while the names alone scored higher)."""
        chance = 1.0 / self.name_weights.shape[1]
        told = (
            f"From the class names alone (zero-shot) it would get {self.zero_accuracy:.0%} of these pictures right "
            f"(guessing: {chance:.0%}); from your examples alone {self.taught_accuracy:.0%}"
        )
        if self.weight == 0 and not self.informative:
            return (
                f"{told}; the names alone are not clearly better than guessing on these pictures, so the model uses "
                "the examples only."
            )
        if self.weight == 0:
            return (
                f"{told}; blended in, the names did not make the cross-validated answers better, so the model uses "
                "the examples only."
            )
        blended = (
            f"{told}; blending both (the names weighted {self.weight:g}, the weight that did best in "
            f"cross-validation) {self.blended_accuracy:.0%}"
        )
        if round(100 * self.zero_accuracy) > round(100 * self.blended_accuracy):
            return (
                f"{blended}. Here the names alone got more of these right than the blend: the weight is chosen for "
                "how sure the answers are of being right, not only for how many are; `opensight tag` answers from "
                "the names alone. More examples per class let the examples count for more."
            )
        if round(100 * self.blended_accuracy) < round(100 * self.taught_accuracy):  # a trial: "alone 80%; … 77%"
            return (
                f"{told}; blended with the names (weighted {self.weight:g}) {self.blended_accuracy:.0%}, each fifth "
                "of the examples judged with the weight the other four fifths chose — fewer than the examples alone: "
                "with few examples that choice is uncertain. The blend is kept: on all the examples together it is "
                "as accurate as they are alone and surer of the right answers, and where cross-validation put such "
                f"blends under the examples alone, they were still the more accurate on new pictures "
                f"({BLEND_EVIDENCE}); --no-names teaches from the examples only."
            )
        if round(100 * self.blended_accuracy) == round(100 * self.taught_accuracy):  # a trial: "blended … 73%" = 73%
            blended += " — as many right as your examples alone, but surer of the right answers"
        return f"{blended} — the more examples you add, the less the names count."

    def term(self, embeddings: np.ndarray) -> np.ndarray:
        """What the blend adds to the taught head's (temperature-scaled) logits of pictures with these backbone
        ``embeddings``: the weight × the zero-shot model's log-probabilities (zeros at weight 0)."""
        if self.weight == 0:
            return np.zeros((len(embeddings), self.name_weights.shape[1]))
        return np.asarray(self.weight * log_softmax(name_logits(embeddings, self.name_weights)))

    def apply(self, probabilities: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
        """The taught head's ``probabilities`` of pictures with these backbone ``embeddings``, blended."""
        return softmax(np.log(np.maximum(probabilities, 1e-12)) + self.term(embeddings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "zero_shot_accuracy": round(self.zero_accuracy, 4),
            "taught_accuracy": round(self.taught_accuracy, 4),
            "blended_accuracy": round(self.blended_accuracy, 4),
            "zero_shot_weight": self.weight,
            "sentence": self.sentence,
        }


def blend_with_names(labels: Iterable[str] | str | None, examples: Examples, oof: np.ndarray) -> NameBlend | None:
    """The class names' zero-shot opinion of the examples, blended into the taught head's out-of-fold answers
    ``oof`` as far as cross-validation says it helps (:func:`name_blend`).

    ``labels`` given must name the classes; ``None`` reads the class names themselves (the folder names), and
    gives ``None`` back where the text model cannot read them (see :func:`readable_names`).
    """
    from opensight.tasks.tag import clean_labels

    classes = examples.classes
    if labels is not None:
        given = sorted(label.lower() for label in clean_labels(labels))
        if given != sorted(name.lower() for name in classes):
            raise InputError(
                f"with examples, --labels must name the classes (the folder names): {', '.join(classes)}; "
                f"got {', '.join(clean_labels(labels))}"
            )
    words = readable_names(classes)
    return None if words is None else name_blend(words, examples.features, examples.truth, oof)


def name_blend(words: tuple[str, ...], embeddings: np.ndarray, truth: np.ndarray, oof: np.ndarray) -> NameBlend:
    """Score pictures with these backbone ``embeddings`` by the zero-shot model of ``words`` (one per class), and
    pick by out-of-fold log-loss how much of its opinion to add to the head whose out-of-fold probabilities are
    ``oof`` (product of experts: logits + weight × its log-probabilities; 0 where nothing helps).

    The blend's own out-of-fold answers (what the evaluation and the announced accuracy read) are honest about the
    choice: each fifth of the examples gets the weight chosen on the other four fifths (:data:`WEIGHT_FOLDS`). Chosen
    and judged on the same answers, a user's look-alike clothing was announced 5.2 points above what it got."""
    weights, _ = name_weights(words, default_model("embed"))  # its class names only: no model loaded
    zero_log = log_softmax(name_logits(embeddings, weights))
    named_right = zero_log.argmax(axis=1) == truth
    informative = beyond_chance(int(named_right.sum()), len(truth), 1.0 / len(words)) < NAMES_EVIDENCE
    held = np.flatnonzero(~np.isnan(oof).any(axis=1))
    taught_log = np.log(np.maximum(oof, 1e-12))

    def blended(rows: np.ndarray, weight: float) -> np.ndarray:
        return softmax(taught_log[rows] + weight * zero_log[rows])

    def accuracy(probabilities: np.ndarray, rows: np.ndarray) -> float:
        return float((probabilities.argmax(axis=1) == truth[rows]).mean())

    def chosen(rows: np.ndarray) -> float:
        """The weight the examples ``rows`` choose: the lowest log-loss, and not less accurate than none."""
        best_weight, best_loss = 0.0, log_loss(oof[rows], truth[rows])
        for weight in BLEND_WEIGHTS if informative else ():
            mixed = blended(rows, weight)
            if log_loss(mixed, truth[rows]) < best_loss - 1e-4 and accuracy(mixed, rows) >= accuracy(oof[rows], rows):
                best_weight, best_loss = weight, log_loss(mixed, truth[rows])
        return best_weight

    weight, honest = chosen(held), oof.copy()
    fold = np.random.default_rng(0).permutation(len(held)) % WEIGHT_FOLDS
    for part in range(WEIGHT_FOLDS if weight > 0 else 0):  # at weight 0 the saved model is the head alone
        rows = held[fold == part]
        if len(rows):
            honest[rows] = blended(rows, chosen(held[fold != part]))
    return NameBlend(
        weight=weight,
        oof=honest,
        name_weights=weights,
        zero_accuracy=float(named_right.mean()),
        taught_accuracy=accuracy(oof[held], held),
        blended_accuracy=accuracy(honest[held], held),
        informative=informative,
    )


def beyond_chance(right: int, total: int, chance: float) -> float:
    """The probability of getting at least ``right`` of ``total`` right by guessing, each guess right with
    probability ``chance`` (the one-sided binomial tail).

    >>> round(beyond_chance(5, 10, 0.5), 3), round(beyond_chance(9, 10, 0.5), 4), beyond_chance(0, 10, 0.2)
    (0.623, 0.0107, 1.0)
    """
    if right <= 0:
        return 1.0

    def log_term(k: int) -> float:
        return (
            math.lgamma(total + 1)
            - math.lgamma(k + 1)
            - math.lgamma(total - k + 1)
            + k * math.log(chance)
            + (total - k) * math.log1p(-chance)
        )

    return float(min(1.0, sum(math.exp(log_term(k)) for k in range(right, total + 1))))


def readable_names(classes: tuple[str, ...]) -> tuple[str, ...] | None:
    """The class names as the text model reads them ("ankle_boot" → "ankle boot"), or ``None`` where they cannot
    stand for the classes: one is empty or longer than a short phrase, or two read the same.

    >>> readable_names(("ankle_boot", "t-shirt"))
    ('ankle boot', 't shirt')
    >>> readable_names(("Cat", "cat ")) is None
    True
    """
    from opensight.tasks.tag import MAX_LABEL_LENGTH

    words = tuple(" ".join(re.sub(r"[_\-./]+", " ", name).split()) for name in classes)
    usable = all(0 < len(word) <= MAX_LABEL_LENGTH for word in words)
    return words if usable and len({word.lower() for word in words}) == len(words) else None


def name_logits(embeddings: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The zero-shot model's logits for pictures with these backbone ``embeddings`` (Lite0's, or the taught
    backbone's, of which Lite0's part is read): ConSE scores (the ImageNet
    probabilities weighted by each name's closeness to the classes, ``weights`` (1000, names)) × the scale the
    saved graph uses (:func:`~opensight.teach._fuse.fuse_zero_shot`)."""
    layer, bias = imagenet_layer()
    probabilities = softmax(lite0_part(np.asarray(embeddings, dtype=np.float32)) @ layer.T + bias)
    return np.asarray(ZERO_SHOT_SCALE * probabilities @ weights)
