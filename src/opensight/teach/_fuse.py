"""Fusion: the backbone's ONNX graph and a taught head (or the class names' zero-shot scores) made into ONE graph
from raw RGB uint8 pixels to probabilities, the ``model.onnx`` of a ``.osm`` file (:mod:`opensight.bundle`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def head_graph(features: int, weights: np.ndarray, bias: np.ndarray, temperature: float) -> bytes:
    """A head alone as ONE graph: ``features`` (batch, features) float → L2-normalise → linear head → softmax (the
    ``.osm`` of a model taught on landmarks, whose base detector is not an ONNX graph)."""
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Identity", ["features"], ["embedding"])],
        "landmark_head",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", features])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", features])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], producer_name="opensight")
    model.ir_version = 8
    return fuse_head(model, weights, bias, temperature)


def fuse_head(
    backbone: Path | Any,
    weights: np.ndarray,
    bias: np.ndarray,
    temperature: float,
    *,
    zero_shot: tuple[np.ndarray, float, float] | None = None,
    standardise: tuple[np.ndarray, np.ndarray] | None = None,
    square_root: bool = False,
    parts: tuple[int, ...] = (),
) -> bytes:
    """One ONNX graph: the backbone's ``embedding`` → L2-normalise → linear head (temperature folded in) →
    softmax, output as ``probabilities``; ``embedding`` and the calibrated ``logits`` are outputs too.

    ``zero_shot`` = (class-name weights (1000, classes), scale, blend weight β) adds β × the log-probabilities of
    the zero-shot model (:func:`fuse_zero_shot`) to the logits: your examples and your class names, blended.
    ``standardise`` = (shift, scale): the head reads ``(embedding - shift) / scale`` (sounds); ``square_root``: it
    reads ``sqrt(max(embedding, 0))`` (pictures, :func:`~opensight.teach._pictures.root_features`); ``parts``: the
    embedding is blocks of these widths side by side (networks' features), each made unit length before the whole
    is."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(backbone)) if isinstance(backbone, Path) else backbone
    graph = model.graph
    _keep_only(graph, ["embedding"] if zero_shot is None else ["embedding", "probabilities"])
    graph.initializer.extend(
        [
            numpy_helper.from_array((weights / temperature).astype(np.float32), "head.weight"),
            numpy_helper.from_array((bias / temperature).astype(np.float32), "head.bias"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "head.axes"),
            numpy_helper.from_array(np.array(1e-12, dtype=np.float32), "head.epsilon"),
        ]
    )
    source = "embedding"
    if standardise is not None:
        shift, scale = standardise
        graph.initializer.extend(
            [
                numpy_helper.from_array(shift.astype(np.float32), "head.shift"),
                numpy_helper.from_array(scale.astype(np.float32), "head.scale"),
            ]
        )
        graph.node.extend(
            [
                helper.make_node("Sub", ["embedding", "head.shift"], ["head.centred"]),
                helper.make_node("Div", ["head.centred", "head.scale"], ["head.standard"]),
            ]
        )
        source = "head.standard"
    if square_root:
        graph.node.extend(
            [
                helper.make_node("Relu", [source], ["head.positive"]),
                helper.make_node("Sqrt", ["head.positive"], ["head.root"]),
            ]
        )
        source = "head.root"
    if len(parts) > 1:
        source = _unit_parts(graph, source, parts)
    unit = _unit_length(graph, source, "head")
    graph.node.extend(
        [
            helper.make_node("MatMul", [unit, "head.weight"], ["head.scores"]),
            helper.make_node("Add", ["head.scores", "head.bias"], ["head.logits" if zero_shot else "logits"]),
        ]
    )
    if zero_shot is not None:
        _blend_names(graph, *zero_shot)
    graph.node.append(helper.make_node("Softmax", ["logits"], ["probabilities"], axis=-1))
    classes = int(weights.shape[1])
    graph.output.insert(0, helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes]))
    graph.output.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", classes]))
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


def _unit_parts(graph: Any, source: str, parts: tuple[int, ...]) -> str:
    """Nodes making each block of ``source``'s rows (``parts``: their widths) unit length; the name of their
    output."""
    from onnx import helper, numpy_helper

    graph.initializer.append(numpy_helper.from_array(np.array(parts, dtype=np.int64), "parts.widths"))
    blocks = [f"parts.block{i}" for i in range(len(parts))]
    graph.node.append(helper.make_node("Split", [source, "parts.widths"], blocks, axis=1))
    units = [_unit_length(graph, block, block) for block in blocks]
    graph.node.append(helper.make_node("Concat", units, ["parts.joined"], axis=1))
    return "parts.joined"


def _unit_length(graph: Any, source: str, name: str) -> str:
    """Nodes dividing each row of ``source`` by its L2 norm (at least ``head.epsilon``); the name of their output,
    ``{name}.unit``."""
    from onnx import helper

    graph.node.extend(
        [
            helper.make_node("ReduceL2", [source, "head.axes"], [f"{name}.norm"], keepdims=1),
            helper.make_node("Max", [f"{name}.norm", "head.epsilon"], [f"{name}.safe_norm"]),
            helper.make_node("Div", [source, f"{name}.safe_norm"], [f"{name}.unit"]),
        ]
    )
    return f"{name}.unit"


def _blend_names(graph: Any, weights: np.ndarray, scale: float, weight: float) -> None:
    """Add ``logits`` = ``head.logits`` + ``weight`` × the log-probabilities of the class names' zero-shot model."""
    from onnx import helper, numpy_helper

    _zero_shot_logits(graph, weights, scale)
    graph.initializer.append(numpy_helper.from_array(np.array(weight, dtype=np.float32), "blend.weight"))
    graph.node.extend(
        [
            helper.make_node("LogSoftmax", ["zero_shot.logits"], ["blend.log"], axis=-1),
            helper.make_node("Mul", ["blend.log", "blend.weight"], ["blend.term"]),
            helper.make_node("Add", ["head.logits", "blend.term"], ["logits"]),
        ]
    )


def _zero_shot_logits(graph: Any, weights: np.ndarray, scale: float) -> None:
    """Turn the backbone's ``probabilities`` output into the inner tensor ``imagenet.probabilities`` and add
    ``zero_shot.logits`` = (probabilities @ class-name weights) × scale."""
    from onnx import helper, numpy_helper

    for node in graph.node:
        node.output[:] = ["imagenet.probabilities" if name == "probabilities" else name for name in node.output]
        node.input[:] = ["imagenet.probabilities" if name == "probabilities" else name for name in node.input]
    survivors = [value for value in graph.output if value.name != "probabilities"]
    del graph.output[:]
    graph.output.extend(survivors)
    graph.initializer.extend(
        [
            numpy_helper.from_array(weights.astype(np.float32), "zero_shot.weight"),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), "zero_shot.scale"),
        ]
    )
    graph.node.extend(
        [
            helper.make_node("MatMul", ["imagenet.probabilities", "zero_shot.weight"], ["zero_shot.scores"]),
            helper.make_node("Mul", ["zero_shot.scores", "zero_shot.scale"], ["zero_shot.logits"]),
        ]
    )


def fuse_zero_shot(backbone: Path, weights: np.ndarray, scale: float) -> bytes:
    """One ONNX graph for a zero-shot model: the backbone's ImageNet ``probabilities`` → ConSE scores (a
    probability-weighted sum of each label's closeness to the classes, ``weights`` (classes, labels)) →
    × ``scale`` as ``logits`` → softmax as ``probabilities``; ``embedding`` stays an output."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(backbone)) if isinstance(backbone, Path) else backbone
    graph = model.graph
    _keep_only(graph, ["probabilities", "embedding"])
    _zero_shot_logits(graph, weights, scale)
    graph.node.extend(
        [
            helper.make_node("Identity", ["zero_shot.logits"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=-1),
        ]
    )
    labels = int(weights.shape[1])
    graph.output.insert(0, helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", labels]))
    graph.output.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", labels]))
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


def _keep_only(graph: Any, outputs: list[str]) -> None:
    """Drop every output not in ``outputs`` and every node and initializer they no longer need."""
    needed = set(outputs)
    kept = []
    for node in reversed(list(graph.node)):
        if any(name in needed for name in node.output):
            kept.append(node)
            needed.update(name for name in node.input if name)
    kept.reverse()
    del graph.node[:]
    graph.node.extend(kept)
    survivors = [value for value in graph.output if value.name in outputs]
    del graph.output[:]
    graph.output.extend(survivors)
    initializers = [tensor for tensor in graph.initializer if tensor.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(initializers)
