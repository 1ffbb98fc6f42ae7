"""What a model taught on landmarks learns from: a body's 17 keypoints (MoveNet) or a hand's 21 landmarks
(MediaPipe), made invariant to where the person or hand is and how big; for hands, a left hand is mirrored onto a
right one (the same gesture with either hand looks the same) and which hand it was is kept as one more number.

>>> points = np.zeros((17, 3), np.float32); points[:, 2] = 1.0
>>> points[:, 0], points[:, 1] = np.arange(17), 2 * np.arange(17)
>>> moved = points.copy(); moved[:, :2] = 3 * points[:, :2] + 40  # the same pose, bigger and elsewhere
>>> bool(np.allclose(pose_features(points), pose_features(moved)))
True
>>> hand = np.random.default_rng(0).normal(size=(21, 3))
>>> mirrored = hand * np.array([-1, 1, 1])  # the same gesture made with the other hand
>>> bool(np.allclose(hand_features(hand, right=True)[:-1], hand_features(mirrored, right=False)[:-1]))
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image

from opensight._results_body import Hand, Hands
from opensight.models import get_model
from opensight.results import Person, Poses
from opensight.tasks import Task

#: A body keypoint with a score below this is not used to place and size the person.
SEEN = 0.2
#: Below this mean keypoint score there is no person in the picture (as ``opensight pose`` says).
PERSON = 0.2
#: Below this hand score there is no hand (as ``opensight hands`` says).
HAND = 0.5


@dataclass(frozen=True, eq=False)
class Found:
    """The person or hand a detector found in one picture: its points in the detector's own square (for the
    features), how sure it is, and what to show (``subject``, in the same units)."""

    points: np.ndarray
    score: float
    subject: Person | Hand


class Landmarks(Protocol):
    """One kind of landmarks: the detector, what it found, the features, and the words."""

    name: str  # "pose" or "hands": the .osm manifest's ``landmarks``
    base_model: str
    features: int
    subject: str  # "person" or "hand"
    needed: str  # what an example must show, in words

    def detector(self, batch_size: int) -> Task[Poses] | Task[Hands]: ...

    def found(self, outputs: dict[str, np.ndarray], index: int) -> Found | None: ...

    def vector(self, found: Found) -> np.ndarray: ...

    def scaled(self, found: Found, long_side: float) -> Person | Hand: ...

    def drawn(self, pixels: np.ndarray, found: Found) -> Image.Image: ...

    def limits(self) -> tuple[str, ...]: ...


def pose_features(points: np.ndarray) -> np.ndarray:
    """51 numbers for one person's keypoints ``points`` (17, 3) = x, y, score (any units): the positions centred
    on the seen keypoints and divided by their extent, then the scores."""
    xy, score = points[:, :2].astype(np.float64), points[:, 2].astype(np.float64)
    seen = score >= SEEN
    if seen.sum() < 3:
        seen = np.ones(len(points), dtype=bool)
    centre = xy[seen].mean(axis=0)
    extent = max(float(np.ptp(xy[seen, 0])), float(np.ptp(xy[seen, 1])), 1e-6)
    return np.concatenate([((xy - centre) / extent).reshape(-1), score]).astype(np.float32)


def hand_features(landmarks: np.ndarray, *, right: bool) -> np.ndarray:
    """64 numbers for one hand's 21 landmarks (x, y, z; any units): a left hand mirrored onto a right one, centred
    and divided by its extent (z too), then +1 for a right hand, -1 for a left one."""
    xyz = landmarks.astype(np.float64).copy()
    if not right:
        xyz[:, 0] = -xyz[:, 0]
    xyz[:, :2] -= xyz[:, :2].mean(axis=0)
    extent = max(float(np.ptp(xyz[:, 0])), float(np.ptp(xyz[:, 1])), 1e-6)
    return np.concatenate([(xyz / extent).reshape(-1), [1.0 if right else -1.0]]).astype(np.float32)


class BodyLandmarks:
    """MoveNet's 17 body keypoints of one person."""

    name = "pose"
    base_model = "movenet_lightning"
    features = 17 * 3
    subject = "person"
    needed = "one person, whole or half body, filling a good part of the picture"

    def detector(self, batch_size: int) -> Task[Poses]:
        from opensight.tasks.pose import PoseEstimator

        return PoseEstimator(self.base_model, batch_size=batch_size)

    def found(self, outputs: dict[str, np.ndarray], index: int) -> Found | None:
        raw = np.asarray(outputs["output"][index]).reshape(17, 3)
        points = np.stack([raw[:, 1], raw[:, 0], raw[:, 2]], axis=1).astype(np.float32)  # x, y in 0..1, score
        score = float(points[:, 2].mean())
        return Found(points, score, Person(score=score, keypoints=points)) if score >= PERSON else None

    def vector(self, found: Found) -> np.ndarray:
        return pose_features(found.points)

    def scaled(self, found: Found, long_side: float) -> Person:
        return Person(score=found.score, keypoints=found.points * np.array([long_side, long_side, 1], np.float32))

    def drawn(self, pixels: np.ndarray, found: Found) -> Image.Image:
        from opensight.annotate import annotate

        person = self.scaled(found, float(pixels.shape[0]))
        return annotate(pixels, Poses(people=(person,), model=self.base_model))

    def limits(self) -> tuple[str, ...]:
        return (
            "Sees only the 17 body keypoints MoveNet finds, not the picture: poses that differ only in the hands, "
            "the face or held objects look the same to it.",
            "One person per picture: with several people it judges the most prominent one.",
        )


class HandLandmarks:
    """MediaPipe's 21 landmarks of the most certain hand."""

    name = "hands"
    base_model = "mediapipe_hand_landmarks"
    features = 21 * 3 + 1
    subject = "hand"
    needed = "one hand, its palm or back towards the camera, not too small in the picture"

    def detector(self, batch_size: int) -> Task[Hands]:
        from opensight.tasks.hands import HandFinder

        return HandFinder(self.base_model, max_hands=1, min_score=HAND, batch_size=batch_size)

    def found(self, outputs: dict[str, np.ndarray], index: int) -> Found | None:
        if int(outputs["count"][index]) < 1 or float(outputs["scores"][index, 0]) < HAND:
            return None
        right = float(outputs["right"][index, 0])
        points = np.asarray(outputs["landmarks"][index, 0], dtype=np.float32)
        hand = Hand(
            "right" if right >= 0.5 else "left", max(right, 1 - right), float(outputs["scores"][index, 0]), points
        )
        return Found(points, hand.score, hand)

    def vector(self, found: Found) -> np.ndarray:
        assert isinstance(found.subject, Hand)
        return hand_features(found.points, right=found.subject.handedness == "right")

    def scaled(self, found: Found, long_side: float) -> Hand:
        from opensight.tasks.hands import WORK_SIDE

        hand = found.subject
        assert isinstance(hand, Hand)
        factor = np.float32(long_side / WORK_SIDE)
        return Hand(hand.handedness, hand.handedness_score, hand.score, found.points * factor)

    def drawn(self, pixels: np.ndarray, found: Found) -> Image.Image:
        from opensight.annotate import annotate

        hand = self.scaled(found, float(pixels.shape[0]))
        return annotate(pixels, Hands(hands=(hand,), model=self.base_model))

    def limits(self) -> tuple[str, ...]:
        return (
            "Sees only the 21 landmarks of the most certain hand, not the picture: gestures that differ only in "
            "what the hand holds, or in the other hand, look the same to it.",
            "A left hand is mirrored onto a right one: the same gesture with either hand is the same class (which "
            "hand it was is one of the numbers it learns from).",
            "Small hands are missed: the palm detector sees the whole picture at 192 pixels.",
        )


#: The landmarks a model can be taught on, by the manifest's ``landmarks``.
LANDMARKS: dict[str, Landmarks] = {"pose": BodyLandmarks(), "hands": HandLandmarks()}


def base_spec_sha256(landmarks: Landmarks) -> str:
    """The sha256 the registry knows for the landmarks' base detector (what a taught file is tied to)."""
    return get_model(landmarks.base_model).sha256
