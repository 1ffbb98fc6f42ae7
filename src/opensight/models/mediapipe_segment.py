"""MediaPipe's selfie segmentation (a person mask) on LiteRT, taken out of the mediapipe 0.10.21 wheel.

The model takes the whole picture stretched to 256×256 (RGB, 0..1) and gives, per pixel of that square, the
probability that it belongs to a person. :func:`model_input` and :func:`mask_to_size` are the pre- and
post-processing (written here from the published graph's description: stretch, no letterbox; mask back to the
picture's size with bilinear interpolation).

>>> model_input(np.zeros((30, 60, 3), np.uint8)).shape
(256, 256, 3)
>>> mask_to_size(np.ones((256, 256), np.float32), (60, 30)).shape
(30, 60)
"""

from __future__ import annotations

import cv2
import numpy as np

from opensight.models._registry import ImageInput, ModelCard, ModelSpec, register
from opensight.models._runtimes import LiteRtRunner
from opensight.models._wheels import WheelFile

#: The wheel the MediaPipe models come from (downloaded at set-up, never installed).
MEDIAPIPE_VERSION = "0.10.21"
#: The model's square input side.
SIDE = 256

_SOURCE = WheelFile(
    "mediapipe",
    MEDIAPIPE_VERSION,
    "mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite",
    "9ee168ec7c8f2a16c56fe8e1cfbc514974cbbb7e434051b455635f1bd1462f5c",
)


def model_input(pixels: np.ndarray) -> np.ndarray:
    """The picture stretched to the model's 256×256 input (uint8 RGB; scaled to 0..1 by the runner)."""
    if pixels.ndim != 3 or pixels.shape[2] != 3:
        raise ValueError(f"expected RGB pixels (H, W, 3), got shape {pixels.shape}")
    return np.asarray(cv2.resize(pixels, (SIDE, SIDE), interpolation=cv2.INTER_AREA))


def mask_to_size(probabilities: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The model's (256, 256) person probabilities resized to ``size`` = (width, height), float32 in [0, 1]."""
    width, height = size
    resized = cv2.resize(probabilities.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR)
    return np.clip(resized, 0.0, 1.0)


SPEC = register(
    ModelSpec(
        name="mediapipe_selfie_segmentation",
        task="segment",
        runtime="litert",
        summary="MediaPipe selfie segmentation: which pixels are a person",
        source=_SOURCE,
        sha256=_SOURCE.sha256,
        licence="Apache-2.0",
        size_mb=0.25,
        input=ImageInput(size=SIDE, crop_fraction=1.0),
        requires=("ai_edge_litert", "cv2"),
        card=ModelCard(
            intended_use="Separate people from the background: masks, cut-outs, blurred or replaced backgrounds "
            "in portraits, selfies and video calls.",
            limits=(
                "Made for one or a few people fairly close to the camera (selfies, video calls, portraits); small "
                "people far away in a wide shot are often missed.",
                "The mask is coarse (256×256 for the whole picture): hair, fingers and thin objects held by a "
                "person get soft, approximate edges.",
                "It tells person from background, not one person from another.",
            ),
            provenance="Google MediaPipe's selfie segmentation model (general, square input; Apache-2.0), "
            f"mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite in the mediapipe {MEDIAPIPE_VERSION} "
            "wheel on PyPI (downloaded, not installed).",
        ),
    ),
    loader=lambda spec: LiteRtRunner(_SOURCE.locate(), scale=1 / 255, outputs={"probabilities": "activation_10"}),
)
