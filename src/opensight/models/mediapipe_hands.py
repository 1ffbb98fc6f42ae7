"""MediaPipe's hands (palm detection, then 21 landmarks per hand) on LiteRT, from the mediapipe 0.10.21 wheel.

Two models in a row, with the steps between them written here from the published graphs' descriptions:

1. the palm detector sees the whole (square) picture at 192×192, RGB 0..1, and scores 2,016 SSD anchors
   (:func:`palm_anchors`); :func:`decode_palms` turns its raw numbers into palm boxes with 7 keypoints, and
   overlapping palms are merged (the project's non-maximum suppression, then a score-weighted mean);
2. each palm gives a rotated square around the whole hand (:func:`hand_square`: turned so that the wrist → middle
   finger line points up, 2.6× the palm, shifted towards the fingers), cut out at 224×224 (:func:`crop`);
3. the landmark model gives 21 (x, y, z) in that crop, a hand score and the handedness; :func:`project` puts the
   landmarks back into the picture's pixels.

>>> palm_anchors().shape
(2016, 2)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from opensight._boxes import suppress
from opensight.models._registry import ImageInput, ModelCard, ModelSpec, Runner, load_runner, register
from opensight.models._runtimes import LiteRtRunner
from opensight.models._wheels import WheelFile
from opensight.models.mediapipe_segment import MEDIAPIPE_VERSION

PALM_SIDE = 192
HAND_SIDE = 224
#: Palms scored below this are dropped before the landmark model runs.
PALM_MIN_SCORE = 0.5
#: Palms overlapping a better one by more than this (IoU) are merged into it.
PALM_IOU = 0.3
#: The hand square is this many times the palm's longer side.
HAND_SCALE = 2.6
#: The hand square's centre moves this share of the palm's size towards the fingers.
HAND_SHIFT = 0.5
#: The landmark model's depth is scaled by this in training (its z comes back divided by it).
Z_SCALE = 0.4

_PALM = WheelFile(
    "mediapipe",
    MEDIAPIPE_VERSION,
    "mediapipe/modules/palm_detection/palm_detection_full.tflite",
    "1b14e9422c6ad006cde6581a46c8b90dd573c07ab7f3934b5589e7cea3f89a54",
)
_LANDMARKS = WheelFile(
    "mediapipe",
    MEDIAPIPE_VERSION,
    "mediapipe/modules/hand_landmark/hand_landmark_full.tflite",
    "11c272b891e1a99ab034208e23937a8008388cf11ed2a9d776ed3d01d0ba00e3",
)


def palm_anchors() -> np.ndarray:
    """The palm detector's anchor centres (2016, 2) in 0..1: 2 per cell of a 24×24 grid (stride 8), then 6 per
    cell of a 12×12 grid (the three stride-16 layers share one grid); every anchor is 1×1 (fixed size)."""
    centres = []
    for grid, per_cell in ((PALM_SIDE // 8, 2), (PALM_SIDE // 16, 6)):
        ys, xs = np.meshgrid(np.arange(grid), np.arange(grid), indexing="ij")
        cells = np.stack([(xs.ravel() + 0.5) / grid, (ys.ravel() + 0.5) / grid], axis=1)
        centres.append(np.repeat(cells, per_cell, axis=0))
    return np.concatenate(centres).astype(np.float32)


_ANCHORS = palm_anchors()


@dataclass(frozen=True)
class Palms:
    """Palms found in a square picture: ``boxes`` (N, 4) [x1, y1, x2, y2], ``keypoints`` (N, 7, 2), both in 0..1 of
    the square, and ``scores`` (N,), best first."""

    boxes: np.ndarray
    keypoints: np.ndarray
    scores: np.ndarray


def decode_palms(raw: np.ndarray, logits: np.ndarray, *, min_score: float = PALM_MIN_SCORE) -> Palms:
    """The palm detector's outputs for one picture ((2016, 18) offsets, (2016, 1) logits) as merged palms."""
    scores = 1.0 / (1.0 + np.exp(-np.clip(logits.reshape(-1), -100.0, 100.0)))
    chosen = np.nonzero(scores >= min_score)[0]
    values = raw[chosen] / PALM_SIDE
    centres = values[:, :2] + _ANCHORS[chosen]
    half = values[:, 2:4] / 2
    boxes = np.concatenate([centres - half, centres + half], axis=1)
    keypoints = values[:, 4:18].reshape(-1, 7, 2) + _ANCHORS[chosen][:, None, :]
    return _merged(boxes, keypoints, scores[chosen])


def _merged(boxes: np.ndarray, keypoints: np.ndarray, scores: np.ndarray) -> Palms:
    """Non-maximum suppression, each kept palm replaced by the score-weighted mean of the palms it suppressed."""
    kept = suppress(boxes, scores, PALM_IOU)
    merged_boxes, merged_points = [], []
    for index in kept:
        group = np.nonzero(_iou_with(boxes, boxes[index]) > PALM_IOU)[0]
        weights = scores[group] / scores[group].sum()
        merged_boxes.append((boxes[group] * weights[:, None]).sum(axis=0))
        merged_points.append((keypoints[group] * weights[:, None, None]).sum(axis=0))
    if not merged_boxes:
        return Palms(np.zeros((0, 4), np.float32), np.zeros((0, 7, 2), np.float32), np.zeros(0, np.float32))
    return Palms(np.stack(merged_boxes), np.stack(merged_points), scores[kept])


def _iou_with(boxes: np.ndarray, box: np.ndarray) -> np.ndarray:
    width = np.clip(np.minimum(boxes[:, 2], box[2]) - np.maximum(boxes[:, 0], box[0]), 0, None)
    height = np.clip(np.minimum(boxes[:, 3], box[3]) - np.maximum(boxes[:, 1], box[1]), 0, None)
    inter = width * height
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    union = areas + (box[2] - box[0]) * (box[3] - box[1]) - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def hand_square(box: np.ndarray, keypoints: np.ndarray, side: int) -> tuple[float, float, float, float]:
    """The rotated square around the hand of one palm, in pixels of a ``side``×``side`` picture:
    (centre x, centre y, size, angle in radians; 0 = fingers up)."""
    wrist, middle = keypoints[0] * side, keypoints[2] * side
    angle = math.pi / 2 - math.atan2(-(middle[1] - wrist[1]), middle[0] - wrist[0])
    angle = (angle + math.pi) % (2 * math.pi) - math.pi
    width, height = (box[2] - box[0]) * side, (box[3] - box[1]) * side
    cx, cy = (box[0] + box[2]) / 2 * side, (box[1] + box[3]) / 2 * side
    shift = -HAND_SHIFT * height  # towards the fingers, in the hand's own frame
    cx, cy = cx - math.sin(angle) * shift, cy + math.cos(angle) * shift
    return float(cx), float(cy), float(max(width, height) * HAND_SCALE), float(angle)


def _square_matrix(square: tuple[float, float, float, float]) -> np.ndarray:
    """The 2×3 affine map from crop pixels (0..224) to picture pixels for a hand square."""
    cx, cy, size, angle = square
    scale = size / HAND_SIDE
    cos, sin = math.cos(angle) * scale, math.sin(angle) * scale
    linear = np.array([[cos, -sin], [sin, cos]], dtype=np.float64)
    offset = np.array([cx, cy]) - linear @ np.array([HAND_SIDE / 2, HAND_SIDE / 2])
    return np.hstack([linear, offset[:, None]])


def crop(pixels: np.ndarray, square: tuple[float, float, float, float]) -> np.ndarray:
    """The hand square cut out of ``pixels`` at 224×224 (turned upright; outside the picture is black)."""
    return np.asarray(
        cv2.warpAffine(
            pixels,
            _square_matrix(square),
            (HAND_SIDE, HAND_SIDE),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
        )
    )


def project(landmarks: np.ndarray, square: tuple[float, float, float, float]) -> np.ndarray:
    """The landmark model's (21, 3) crop coordinates as picture pixels: x, y, and z at the same scale as x."""
    matrix = _square_matrix(square)
    xy = landmarks[:, :2] @ matrix[:, :2].T + matrix[:, 2]
    z = landmarks[:, 2] / HAND_SIDE / Z_SCALE * square[2]
    return np.column_stack([xy, z]).astype(np.float32)


class HandsRunner:
    """Both models in a row. ``run({"pixels": (B, S, S, 3) uint8, "max_hands": (1,)})`` → ``landmarks`` (B, K, 21,
    3) in pixels of the S×S square, ``scores``, ``right`` (the probability that it is a right hand, as seen from
    the person, in an unmirrored picture) (B, K) and ``count`` (B,), with K = max_hands."""

    def __init__(self, palms: Runner, landmarks: Runner) -> None:
        self._palms = palms
        self._landmarks = landmarks

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Find up to ``max_hands`` hands in each square picture of the batch, most certain palms first."""
        pixels, most = inputs["pixels"], int(inputs.get("max_hands", np.array([2]))[0])
        found = np.zeros((len(pixels), most, 21, 3), np.float32)
        scores, right = np.zeros((len(pixels), most), np.float32), np.zeros((len(pixels), most), np.float32)
        counts = np.zeros(len(pixels), np.int64)
        small = np.stack(
            [cv2.resize(square, (PALM_SIDE, PALM_SIDE), interpolation=cv2.INTER_AREA) for square in pixels]
        )
        detected = self._palms.run({"pixels": small})
        for index, square in enumerate(pixels):
            palms = decode_palms(detected["boxes"][index], detected["scores"][index])
            squares = [
                hand_square(palms.boxes[k], palms.keypoints[k], square.shape[0]) for k in range(len(palms.scores))
            ]
            squares = squares[:most]
            if not squares:
                continue
            answer = self._landmarks.run({"pixels": np.stack([crop(square, chosen) for chosen in squares])})
            for k, chosen in enumerate(squares):
                found[index, k] = project(answer["landmarks"][k].reshape(21, 3), chosen)
            scores[index, : len(squares)] = answer["presence"].reshape(-1)
            right[index, : len(squares)] = answer["handedness"].reshape(-1)
            counts[index] = len(squares)
        return {"landmarks": found, "scores": scores, "right": right, "count": counts}


def _load(_spec: ModelSpec) -> Runner:
    palms = load_runner(PALM_SPEC.name)
    landmarks = LiteRtRunner(
        _LANDMARKS.locate(),
        scale=1 / 255,
        outputs={"landmarks": "Identity", "presence": "Identity_1", "handedness": "Identity_2"},
    )
    return HandsRunner(palms, landmarks)


_LIMITS = (
    "Hands must be reasonably large in the picture (roughly a tenth of its shorter side or more): small hands in a "
    "wide shot are missed.",
    "Gloved, heavily occluded or motion-blurred hands get poor landmarks; check the score.",
    "Left/right is judged from the hand's shape, as seen from the person, assuming a normal (not mirrored) "
    "picture: for a mirrored selfie view it is the other way round.",
    "Not for medical measurement or safety-critical control.",
)
PALM_SPEC = register(
    ModelSpec(
        name="mediapipe_palm_detection",
        task="palms",
        runtime="litert",
        summary="MediaPipe palm detection (full): where hands are, for the hand landmark model",
        source=_PALM,
        sha256=_PALM.sha256,
        licence="Apache-2.0",
        size_mb=2.3,
        input=ImageInput(size=PALM_SIDE, crop_fraction=1.0),
        requires=("ai_edge_litert", "cv2"),
        card=ModelCard(
            intended_use="The first step of `opensight hands`: finds palms (with 7 keypoints) so that each hand "
            "can be cut out for the landmark model.",
            limits=_LIMITS[:2],
            provenance="Google MediaPipe's palm detection model (full; Apache-2.0), "
            f"{_PALM.file} in the mediapipe {MEDIAPIPE_VERSION} wheel on PyPI (downloaded, not installed).",
        ),
    ),
    loader=lambda spec: LiteRtRunner(
        _PALM.locate(), scale=1 / 255, outputs={"boxes": "Identity", "scores": "Identity_1"}
    ),
)
SPEC = register(
    ModelSpec(
        name="mediapipe_hand_landmarks",
        task="hands",
        runtime="litert",
        summary="MediaPipe hands (full): left/right and 21 landmarks per hand (runs the palm detector first)",
        source=_LANDMARKS,
        sha256=_LANDMARKS.sha256,
        licence="Apache-2.0",
        size_mb=5.5,
        input=ImageInput(size=HAND_SIDE, crop_fraction=1.0),
        requires=("ai_edge_litert", "cv2"),
        card=ModelCard(
            intended_use="Where hands are and how they are held: the wrist, the joints and tips of each finger, "
            "left or right — gestures, sign-language research, counting raised fingers, hand-tracking in video.",
            limits=_LIMITS,
            provenance="Google MediaPipe's hand landmark model (full; Apache-2.0), "
            f"{_LANDMARKS.file} in the mediapipe {MEDIAPIPE_VERSION} wheel on PyPI (downloaded, not installed); "
            "it needs mediapipe_palm_detection.",
        ),
    ),
    loader=_load,
)
