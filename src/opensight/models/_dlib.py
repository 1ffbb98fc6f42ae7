"""dlib's face landmarks (5 points) and 128-d face descriptors, for boxes any face finder gives.

Both face finders (:mod:`~opensight.models.centerface`, the default, and :mod:`~opensight.models.dlib_faces`, HOG)
describe faces with these, so the people enrolled with one are recognised with the other.

>>> FaceRows().outputs()["descriptors"].shape
(0, 128)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from opensight.models._registry import PackageFile

_PACKAGE, _DISTRIBUTION = "face_recognition_models", "face_recognition_models"
LANDMARKS = PackageFile(_PACKAGE, "models/shape_predictor_5_face_landmarks.dat", _DISTRIBUTION)
DESCRIPTOR = PackageFile(_PACKAGE, "models/dlib_face_recognition_resnet_model_v1.dat", _DISTRIBUTION)
#: dlib's own rule: two descriptors closer than this are the same person.
SAME_PERSON_DISTANCE = 0.6
#: The name the face gallery keeps dlib's descriptors under (the model that first made them), whichever finder
#: found the face: the descriptors are the same ResNet's, so an enrolled person stays enrolled.
DESCRIPTOR_NAME = "dlib.faces"


class DlibDescriber:
    """5 landmarks and a 128-d descriptor for a face in a box (the box dlib's HOG finder would give: see
    :func:`~opensight.models.centerface.dlib_box`). Not thread-safe: the runners hold a lock."""

    def __init__(self, landmarks: Path, descriptor: Path) -> None:
        import dlib

        self._dlib = dlib
        self._landmarks = dlib.shape_predictor(str(landmarks))
        self._descriptor = dlib.face_recognition_model_v1(str(descriptor))

    @classmethod
    def installed(cls) -> DlibDescriber:
        """The describer with the models of the installed ``face_recognition_models`` package."""
        return cls(LANDMARKS.locate(), DESCRIPTOR.locate())

    def describe(self, picture: np.ndarray, box: Any) -> tuple[list[list[int]], np.ndarray]:
        """The 5 landmarks (x, y) and the descriptor of the face in ``box`` (a ``dlib.rectangle``, or
        ``(left, top, right, bottom)`` pixels) of the contiguous RGB ``picture``."""
        if not isinstance(box, self._dlib.rectangle):
            box = self._dlib.rectangle(*(round(float(v)) for v in box))
        shape = self._landmarks(picture, box)
        points = [[shape.part(i).x, shape.part(i).y] for i in range(5)]
        return points, np.array(self._descriptor.compute_face_descriptor(picture, shape))


@dataclass
class FaceRows:
    """The faces found in a batch, row by row, as a face runner's outputs."""

    image: list[int] = field(default_factory=list)
    boxes: list[list[float]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    landmarks: list[list[list[int]]] = field(default_factory=list)
    descriptors: list[np.ndarray] = field(default_factory=list)

    def add(self, image: int, box: list[float], score: float, face: tuple[list[list[int]], np.ndarray]) -> None:
        """One face of picture ``image``: its box, score and (landmarks, descriptor)."""
        self.image.append(image)
        self.boxes.append(box)
        self.scores.append(score)
        self.landmarks.append(face[0])
        self.descriptors.append(face[1])

    def outputs(self) -> dict[str, np.ndarray]:
        """``image`` index, ``boxes`` (N, 4), ``scores``, ``landmarks`` (N, 5, 2), ``descriptors`` (N, 128)."""
        return {
            "image": np.array(self.image, dtype=np.int64),
            "boxes": np.array(self.boxes, dtype=np.float32).reshape(-1, 4),
            "scores": np.array(self.scores, dtype=np.float32),
            "landmarks": np.array(self.landmarks, dtype=np.float32).reshape(-1, 5, 2),
            "descriptors": np.array(self.descriptors, dtype=np.float32).reshape(-1, 128),
        }
