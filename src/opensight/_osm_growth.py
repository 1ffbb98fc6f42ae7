"""Bounds that must hold BEFORE any shape inference runs on a hostile ``model.onnx``.

ONNX shape inference and ONNX Runtime's session builder both trust the graph: they materialise every tensor's
shape, and "shape data" (the small integer vectors that ``Shape``, ``Concat``, ``Gather``... compute) as lists in
memory. A graph can make those lists grow without any big tensor ever existing: 30 chained ``Concat(s, s)`` of a
``Shape`` double a 4-value vector 30 times (4 × 2³⁰ values, tens of GB while *building* the session), and a
``Reshape`` to a shape vector of 10⁸ values makes a tensor of rank 10⁸. So before either engine sees the graph,
one pass over its nodes bounds, for every value:

* ``rank``: an upper bound on its number of dimensions (at most :data:`MAX_RANK`), and
* ``count``: an upper bound on its number of values where that is knowable without running (``inf`` where it
  depends on values, e.g. what ``ConstantOfShape`` or ``Range`` make), and whether it may be shape data; shape
  data is allowed at most :data:`MAX_SHAPE_VALUES` values, and a tensor whose length is unbounded cannot be used
  as a shape.

The bounds are conservative (a sum where an op may concatenate, a product where it may broadcast): the graphs
opensight writes stay far below them (rank 4, shape data of at most 4 values).

>>> import onnx
>>> from onnx import TensorProto, helper
>>> nodes = [helper.make_node("Shape", ["pixels"], ["s0"])]
>>> nodes += [helper.make_node("Concat", [f"s{i}", f"s{i}"], [f"s{i + 1}"], axis=0) for i in range(30)]
>>> graph = helper.make_graph(nodes, "bomb", [helper.make_tensor_value_info("pixels", TensorProto.UINT8,
...     ["batch", 224, 224, 3])], [helper.make_tensor_value_info("s30", TensorProto.INT64, None)])
>>> check_growth("x.osm", helper.make_model(graph))
Traceback (most recent call last):
...
opensight._errors.ModelFileError: x.osm: model.onnx: an unnamed 'Concat' node in the main graph makes shape data \
of up to 128 values (the limit is 64), which would grow without bound while the graph is loaded; refused (teach \
the model again, or get an unaltered copy of the file)
"""

from __future__ import annotations

import math
from typing import Any

from opensight._osm_schema import refuse

MAX_RANK = 16
MAX_SHAPE_VALUES = 64
INF = math.inf
#: Ops whose output size depends on input VALUES: unknown before running (and never usable as a shape).
_VALUE_SIZED = frozenset(
    {"ConstantOfShape", "Expand", "Tile", "Range", "Resize", "Pad", "OneHot", "TopK", "Compress", "CenterCropPad"}
)
#: Ops that pass integer shape data on, where ONNX or ONNX Runtime propagate it while loading.
_PASS_DATA = frozenset(
    {"Identity", "Cast", "CastLike", "Squeeze", "Unsqueeze", "Reshape", "Flatten", "Slice", "Split", "Transpose"}
)
_BROADCAST = frozenset({"Add", "Sub", "Mul", "Div", "Mod", "Max", "Min", "Sum", "Mean", "Neg", "Abs", "Where"})
_INTEGERS = (6, 7)  # TensorProto.INT32, INT64: what the engines keep as shape data


class _Bound:
    __slots__ = ("count", "rank", "shape_data")

    def __init__(self, rank: float, count: float, shape_data: bool) -> None:
        self.rank, self.count, self.shape_data = rank, count, shape_data


def check_growth(path: object, model: Any) -> None:
    """Refuse ``model`` if a tensor's rank or a shape vector could grow past the limits while it is loaded."""
    outer = {value.name: _Bound(len(value.type.tensor_type.shape.dim), INF, False) for value in model.graph.input}
    _walk(path, model.graph, outer, "the main graph")


def _stored(tensor: Any) -> _Bound:
    count = math.prod(tensor.dims)
    return _Bound(len(tensor.dims), count, tensor.data_type in _INTEGERS and len(tensor.dims) <= 1)


def _walk(path: object, graph: Any, outer: dict[str, _Bound], where: str) -> list[_Bound]:
    known = dict(outer)
    known.update({tensor.name: _stored(tensor) for tensor in graph.initializer})
    unknown = _Bound(INF, INF, True)
    for node in graph.node:
        inputs = [known.get(name, unknown) for name in node.input if name]
        if node.op_type == "If":
            branches = [
                _walk(path, attribute.g, known, f"the subgraph {attribute.name[:80]!r} of an 'If' node in {where}")
                for attribute in node.attribute
                if attribute.HasField("g")
            ]
            results = [
                _Bound(max(b.rank for b in outs), max(b.count for b in outs), any(b.shape_data for b in outs))
                for outs in zip(*branches, strict=False)
            ]
        else:
            results = [_output(node, inputs)] * len(node.output)
        for name, bound in zip(node.output, results, strict=False):
            _check(path, node, where, bound)
            known[name] = bound
    return [known.get(value.name, unknown) for value in graph.output]


def _output(node: Any, inputs: list[_Bound]) -> _Bound:
    op = node.op_type
    first = inputs[0] if inputs else _Bound(0, 1, False)
    second = inputs[1] if len(inputs) > 1 else _Bound(0, 0, False)
    # a shape or axes given as an attribute (Reshape before opset 5, Unsqueeze before 13)
    listed = max((len(a.ints) for a in node.attribute if a.name in {"shape", "axes"}), default=0)
    widest = max((b.rank for b in inputs), default=0)
    data = any(b.shape_data for b in inputs)
    if op == "Constant":
        return _constant(node)
    if op == "Shape":
        return _Bound(1, first.rank, True)
    if op == "Size":
        return _Bound(0, 1, True)
    if op == "Concat":
        return _Bound(widest, sum(b.count for b in inputs), data)
    if op == "Unsqueeze":
        return _Bound(first.rank + max(second.count, listed), first.count, first.shape_data)
    if op == "Reshape":
        return _Bound(max(second.count, listed), first.count, first.shape_data)
    if op in {"Gather", "GatherND", "GatherElements"}:
        count = second.count if first.shape_data else first.count * second.count  # picked values, or all
        return _Bound(first.rank + second.rank, count, first.shape_data)
    if op in {"Expand", "ConstantOfShape"}:
        return _Bound(max(first.rank if op == "Expand" else 0, inputs[-1].count), INF, first.shape_data)
    if op in _VALUE_SIZED:
        return _Bound(widest + (op == "OneHot"), INF, first.shape_data)
    if op in _PASS_DATA:
        return _Bound(max(widest, listed, 2), first.count, first.shape_data)
    if op in _BROADCAST:
        # shape data is a vector: broadcasting keeps the longest; other tensors may grow to the product
        count = max(b.count for b in inputs) if data else math.prod(b.count for b in inputs)
        return _Bound(widest, count, data)
    return _Bound(max(widest, 2), INF, False)  # everything else: floats of the picture, not shape data


def _constant(node: Any) -> _Bound:
    for attribute in node.attribute:
        if attribute.HasField("t"):
            return _stored(attribute.t)
        if attribute.name == "value_ints":
            return _Bound(1, len(attribute.ints), True)
        if attribute.name == "value_int":
            return _Bound(0, 1, True)
        if attribute.name in {"value_floats", "value_strings"}:
            return _Bound(1, len(attribute.floats) + len(attribute.strings), False)
    return _Bound(0, 1, False)


def _check(path: object, node: Any, where: str, bound: _Bound) -> None:
    shown = repr(node.op_type[:80])
    name = f"the {shown} node {node.name[:80]!r}" if node.name else f"an unnamed {shown} node"
    if bound.rank > MAX_RANK:
        rank = "an unbounded number of" if bound.rank == INF else f"up to {bound.rank:,.0f}"
        raise refuse(
            path, "model.onnx", f"{name} in {where} makes a tensor with {rank} dimensions (the limit is {MAX_RANK})"
        )
    if bound.shape_data and MAX_SHAPE_VALUES < bound.count < INF:
        raise refuse(
            path,
            "model.onnx",
            f"{name} in {where} makes shape data of up to {bound.count:,.0f} values (the limit is "
            f"{MAX_SHAPE_VALUES}), which would grow without bound while the graph is loaded",
        )
