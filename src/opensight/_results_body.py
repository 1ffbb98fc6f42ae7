"""Result types of the body tasks that need more than a keypoint list (**contract**, like :mod:`opensight.results`):
:class:`Hands` (``opensight hands``) and :class:`Segmentation` (``opensight segment``).

>>> probabilities = np.zeros((4, 4), np.float32); probabilities[1:3, 2:4] = 0.9
>>> found = Segmentation(probabilities=probabilities, size=(40, 40), model="m")
>>> found.share, found.box, found.summary()
(0.25, (20.0, 10.0, 40.0, 30.0), 'A person covers 25% of the picture')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from opensight.results import Shown

#: The 21 hand landmarks, in model output order.
HAND_LANDMARKS = (
    "wrist", "thumb_cmc", "thumb_mcp", "thumb_ip", "thumb_tip",
    "index_finger_mcp", "index_finger_pip", "index_finger_dip", "index_finger_tip",
    "middle_finger_mcp", "middle_finger_pip", "middle_finger_dip", "middle_finger_tip",
    "ring_finger_mcp", "ring_finger_pip", "ring_finger_dip", "ring_finger_tip",
    "pinky_mcp", "pinky_pip", "pinky_dip", "pinky_tip",
)  # fmt: skip
#: A pixel belongs to the person from this probability on (share, box and the written masks' cut).
PERSON_THRESHOLD = 0.5


@dataclass(frozen=True, eq=False)
class Hand:
    """One hand: ``handedness`` ("left" or "right", as seen from the person, with ``handedness_score`` in [0, 1]),
    ``score`` (how sure the model is that this is a hand, in [0, 1]) and ``landmarks`` (21, 3): x, y in pixels of
    the original picture and z, the depth relative to the wrist (same scale as x; smaller = nearer the camera)."""

    handedness: str
    handedness_score: float
    score: float
    landmarks: np.ndarray

    def landmark(self, name: str) -> tuple[float, float, float]:
        """(x, y, z) of a named landmark, e.g. ``"index_finger_tip"``."""
        x, y, z = self.landmarks[HAND_LANDMARKS.index(name)]
        return float(x), float(y), float(z)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The landmarks' bounding box [x1, y1, x2, y2] in original pixels."""
        x1, y1 = self.landmarks[:, :2].min(axis=0)
        x2, y2 = self.landmarks[:, :2].max(axis=0)
        return float(x1), float(y1), float(x2), float(y2)

    def to_dict(self) -> dict[str, Any]:
        """``{"handedness", "handedness_score", "score", "box", "landmarks": {name: [x, y, z]}}``"""
        return {
            "handedness": self.handedness,
            "handedness_score": round(self.handedness_score, 4),
            "score": round(self.score, 4),
            "box": [round(value, 1) for value in self.box],
            "landmarks": {
                name: [round(float(x), 1), round(float(y), 1), round(float(z), 1)]
                for name, (x, y, z) in zip(HAND_LANDMARKS, self.landmarks, strict=True)
            },
        }


@dataclass(frozen=True)
class Hands(Shown):
    """The hands found in one picture, most certain first."""

    columns: ClassVar[tuple[str, ...]] = ("hands", "model")

    hands: tuple[Hand, ...]
    model: str

    def __len__(self) -> int:
        return len(self.hands)

    def summary(self) -> str:
        """'2 hands: left, right' (or 'No hand found')."""
        if not self.hands:
            return "No hand found"
        count = f"{len(self.hands)} hand" + ("" if len(self.hands) == 1 else "s")
        return f"{count}: {', '.join(hand.handedness for hand in self.hands)}"

    def cells(self) -> dict[str, str]:
        shown = ", ".join(f"{hand.handedness} (score {hand.score:.2f})" for hand in self.hands)
        return {**super().cells(), "hands": shown or "none"}

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``hands`` and ``model``."""
        return {"hands": [hand.to_dict() for hand in self.hands], "model": self.model}


@dataclass(frozen=True, eq=False)
class Segmentation(Shown):
    """Where the person is in one picture: ``probabilities`` (h, w) in [0, 1] at the model's resolution, for the
    whole picture of ``size`` (width, height); :attr:`mask` is that at the picture's own size. ``share`` is the part
    of the picture that is person, ``score`` how sure the model is of those pixels (their mean probability), ``box``
    the person area's bounding box [x1, y1, x2, y2] in original pixels (None when there is no person)."""

    columns: ClassVar[tuple[str, ...]] = ("share", "score", "box", "model")

    probabilities: np.ndarray
    size: tuple[int, int]
    model: str

    @functools.cached_property
    def _person(self) -> np.ndarray:
        return np.asarray(self.probabilities >= PERSON_THRESHOLD)

    @property
    def share(self) -> float:
        """The part of the picture (0..1) that is person."""
        return round(float(self._person.mean()), 4) if self._person.size else 0.0

    @property
    def score(self) -> float:
        """The mean probability of the person pixels (0 when there are none)."""
        return round(float(self.probabilities[self._person].mean()), 4) if self._person.any() else 0.0

    @property
    def box(self) -> tuple[float, float, float, float] | None:
        """The bounding box of the person area in original pixels, or None."""
        rows, cols = np.nonzero(self._person)
        if not rows.size:
            return None
        height, width = self.probabilities.shape
        sx, sy = self.size[0] / width, self.size[1] / height
        return (
            round(float(cols.min() * sx), 1),
            round(float(rows.min() * sy), 1),
            round(float((cols.max() + 1) * sx), 1),
            round(float((rows.max() + 1) * sy), 1),
        )

    @functools.cached_property
    def mask(self) -> np.ndarray:
        """The person probabilities at the picture's own size, uint8 (H, W): 0 background … 255 person."""
        from opensight.models.mediapipe_segment import mask_to_size

        return np.asarray(np.round(mask_to_size(self.probabilities, self.size) * 255), dtype=np.uint8)

    def summary(self) -> str:
        """'A person covers 31% of the picture' (or 'No person found')."""
        return f"A person covers {self.share:.0%} of the picture" if self.share else "No person found"

    def cells(self) -> dict[str, str]:
        box = self.box
        shown = "none" if box is None else "[" + ", ".join(f"{value:.0f}" for value in box) + "]"
        return {**super().cells(), "share": f"{self.share:.1%}", "box": shown}

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``share``, ``score``, ``box`` (or None) and ``model``."""
        box = self.box
        shown = None if box is None else list(box)
        return {"share": self.share, "score": self.score, "box": shown, "model": self.model}
