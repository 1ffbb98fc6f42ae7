"""Result types, one per task (**contract**): frozen dataclasses with ``to_dict()`` for JSON rows.

>>> top = (ScoredLabel("tabby", 0.61), ScoredLabel("tiger cat", 0.2))
>>> Classification(top=top, model="efficientnet_lite0.imagenet").label
'tabby'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

from opensight._errors import OpensightError

#: The label of an answer below a taught model's confidence threshold.
UNSURE = "unsure"


class Result(Protocol):
    """What every task result offers."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ScoredLabel:
    """A class name with its score in [0, 1]."""

    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """``{"label": ..., "score": ...}``"""
        return {"label": self.label, "score": round(float(self.score), 6)}


@dataclass(frozen=True)
class Classification:
    """The top-k classes for one picture, best first, and the model that produced them.

    >>> Classification(top=(ScoredLabel("espresso", 0.95),), model="m").to_dict()["score"]
    0.95
    """

    top: tuple[ScoredLabel, ...]
    model: str
    threshold: float | None = None

    @property
    def unsure(self) -> bool:
        """True when the model has an "unsure" threshold and the best score is below it."""
        return self.threshold is not None and self.top[0].score < self.threshold

    @property
    def label(self) -> str:
        """The best class, or ``"unsure"`` when the best score is below the model's threshold."""
        return UNSURE if self.unsure else self.top[0].label

    @property
    def guess(self) -> str:
        """The best class, even when unsure."""
        return self.top[0].label

    @property
    def score(self) -> float:
        """The best class's probability."""
        return self.top[0].score

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``label``, ``score``, ``top`` (list of label/score) and ``model``; models with an
        "unsure" threshold add ``unsure`` (bool) and ``guess`` (the best class even when unsure)."""
        row: dict[str, Any] = {
            "label": self.label,
            "score": round(float(self.score), 6),
            "top": [entry.to_dict() for entry in self.top],
            "model": self.model,
        }
        if self.threshold is not None:
            row["unsure"] = self.unsure
            row["guess"] = self.guess
        return row


@dataclass(frozen=True, eq=False)
class Embedding:
    """A picture's feature vector (float32) from ``model``; compare two with :meth:`similarity`.

    >>> a = Embedding(np.array([1.0, 0.0], np.float32), "m")
    >>> round(a.similarity(Embedding(np.array([1.0, 1.0], np.float32), "m")), 3)
    0.707
    """

    vector: np.ndarray
    model: str

    def similarity(self, other: Embedding) -> float:
        """Cosine similarity in [-1, 1] (1: same direction)."""
        if other.model != self.model:
            raise OpensightError(f"cannot compare embeddings of different models ({self.model} vs {other.model})")
        norm = float(np.linalg.norm(self.vector) * np.linalg.norm(other.vector))
        return float(np.dot(self.vector, other.vector)) / norm if norm else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``embedding`` (list of floats) and ``model``."""
        return {"embedding": [round(float(v), 6) for v in self.vector], "model": self.model}


R = TypeVar("R", bound=Result)


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What happened to one input of a batch: its result, or the error that stopped it."""

    name: str
    result: R | None = None
    error: OpensightError | None = None

    @property
    def ok(self) -> bool:
        """True when the input was processed."""
        return self.error is None

    def to_row(self) -> dict[str, Any]:
        """The CLI row (**contract**): ``{"path", <task fields>}`` or ``{"path", "error"}``."""
        if self.result is None:
            return {"path": self.name, "error": str(self.error)}
        return {"path": self.name, **self.result.to_dict()}

    def to_json(self) -> str:
        """The row as one line of JSON."""
        return json.dumps(self.to_row(), ensure_ascii=False)
