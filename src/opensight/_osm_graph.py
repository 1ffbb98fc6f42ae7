"""Is a ``.osm`` file's ``model.onnx`` safe to run? Checked at load, before any picture is predicted.

A model file is data, never code: its graph may use only the standard ONNX op domain, only ops from a list whose
cost is understood, no data outside the file, no subgraph that escapes these rules, and only tensors whose size is
known before running and bounded for one picture. Then an ONNX Runtime session is built and run once on a blank
picture under a memory cap and a time limit. Every refusal is a :class:`~opensight.ModelFileError` that names
``model.onnx`` and says what is wrong.

How a huge allocation is stopped, layer by layer:

1. every tensor stored in the file (initializers, ``Constant`` values, in every subgraph) must fit in the file;
2. the declared shapes in the file are thrown away and ONNX shape inference (with constant propagation) derives
   every tensor's shape for ONE picture of the declared size; any tensor whose shape stays unknown (computed from
   pixel values, sequences, differently-shaped ``If`` branches) is refused, and so is any over
   :data:`MAX_TENSOR_VALUES` values or :data:`MAX_TENSOR_BYTES` — a ``ConstantOfShape`` of 10¹² values is
   refused here, without running anything; the estimated work per picture is capped at :data:`MAX_WORK`;
3. the trial run (:mod:`opensight._osm_trial`) allocates from an ONNX Runtime arena capped at ``TRIAL_MEMORY`` (in
   case ONNX Runtime's shapes differ from ONNX's) and is stopped after ``TRIAL_SECONDS``.

>>> check_graph("x.osm", b"not a graph", size=224, labels=2)
Traceback (most recent call last):
...
opensight._errors.ModelFileError: x.osm: model.onnx: not a valid ONNX graph (DecodeError); refused (teach the \
model again, or get an unaltered copy of the file)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from opensight._errors import ModelFileError
from opensight._osm_growth import check_growth
from opensight._osm_schema import refuse
from opensight._osm_trial import Probe, first_line, trial_run

logger = logging.getLogger("opensight")


def _ops(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: Op domains a model file may use: the standard ONNX domain (``ai.onnx`` is its long name). Graphs written by
#: ``opensight teach`` (with examples, from class names, or both blended) use only the default domain; the
#: ``ai.onnx.ml`` domain (tree ensembles, string maps, ...) is not needed and refused.
ALLOWED_DOMAINS = frozenset({"", "ai.onnx"})
#: Ops whose cost is about the size of their inputs and outputs (elementwise, shape, reduction, normalisation).
LINEAR_OPS = _ops(
    "Abs Acos Acosh Add And ArgMax ArgMin Asin Asinh Atan Atanh BatchNormalization BitShift BitwiseAnd BitwiseNot "
    "BitwiseOr BitwiseXor Cast CastLike Ceil Celu CenterCropPad Clip Concat Constant ConstantOfShape Cos Cosh "
    "CumSum DepthToSpace DequantizeLinear Div Dropout DynamicQuantizeLinear Elu Equal Erf Exp Expand EyeLike "
    "Flatten Floor Gather GatherElements GatherND Gelu GlobalAveragePool GlobalLpPool GlobalMaxPool Greater "
    "GreaterOrEqual GroupNormalization HardSigmoid HardSwish Hardmax Identity If InstanceNormalization IsInf IsNaN "
    "LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax LpNormalization Max Mean Min Mish Mod Mul Neg Not "
    "OneHot Or PRelu Pad Pow QuantizeLinear Range Reciprocal ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp "
    "ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare Relu Reshape Resize Round Selu Shape "
    "Shrink Sigmoid Sign Sin Sinh Size Slice Softmax Softplus Softsign SpaceToDepth Split Sqrt Squeeze Sub Sum Tan "
    "Tanh ThresholdedRelu Tile Transpose Trilu Unsqueeze Where Xor"
)
#: Ops whose cost grows with a kernel or an inner dimension (counted as multiply-adds in :data:`MAX_WORK`).
CONTRACTION_OPS = _ops(
    "AveragePool Conv ConvInteger ConvTranspose Gemm LpPool MatMul MatMulInteger MaxPool QLinearConv QLinearMatMul"
)
ALLOWED_OPS = LINEAR_OPS | CONTRACTION_OPS
MAX_NODES = 20_000  # EfficientNet-Lite0 with the head: 110
MAX_TENSOR_VALUES = 1 << 24  # per tensor, for one picture (EfficientNet-Lite0's largest: 1.2 million)
MAX_TENSOR_BYTES = 64 << 20
MAX_WORK = 5e10  # values read, written and multiply-added for one picture (EfficientNet-Lite0: 0.4e9)
#: Values in the vectors that ONNX data propagation follows, together (a head's bias: one per class, ≤ 10,000).
MAX_PROPAGATED_VALUES = 1 << 17
#: Floating-point stored tensors with more values than this are weights: shape inference does not see their values.
MAX_WEIGHT_VALUES = 4096
#: Bytes of tensors computed from stored values alone (ONNX Runtime folds them while building the session).
MAX_FOLDED_BYTES = 256 << 20


def check_graph(
    path: object,
    graph: bytes,
    *,
    size: int | None = None,
    labels: int,
    audio_samples: int | None = None,
    features: int | None = None,
) -> None:
    """Refuse ``graph`` (the bytes of ``model.onnx``) unless it is a safe opensight classifier: uint8 ``pixels``
    [batch, size, size, 3] (or, for a sound model, float ``audio`` [batch, samples], tried on windows of
    ``audio_samples``) → float ``probabilities`` [batch, labels], within the limits above, and it runs."""
    probe = Probe.for_model(size=size, audio_samples=audio_samples, features=features)
    import onnx

    try:
        model = onnx.load_from_string(graph)
    except Exception as error:  # protobuf raises DecodeError and friends
        raise refuse(path, "model.onnx", f"not a valid ONNX graph ({type(error).__name__})") from None
    try:
        _check_contents(path, model)
        _check_interface(path, model, probe, labels)
        try:
            onnx.checker.check_model(model)
        except Exception as error:  # ValidationError, or the checker's own surprise at a strange file
            raise refuse(path, "model.onnx", f"not a valid ONNX graph ({first_line(error)})") from None
        check_growth(path, model)  # before anything infers shapes: that could itself exhaust the memory
        _check_sizes(path, model, probe, labels, len(graph))
    except ModelFileError:
        raise
    except Exception as error:  # a hostile file may surprise the checks themselves: still a sentence
        why = f"{type(error).__name__}: {first_line(error)}"
        raise refuse(path, "model.onnx", f"could not be checked ({why})") from None
    trial_run(path, graph, probe, labels)


def _name(node: Any) -> str:
    """How a message names a node: by its op and its name (cut short, quoted: never interpreted)."""
    op = repr(node.op_type[:80])
    return f"the {op} node {node.name[:80]!r}" if node.name else f"an unnamed {op} node"


def _bytes(count: float) -> str:
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}"
    return f"{count:,.0f} bytes"


def _graphs(model: Any) -> Iterator[tuple[str, Any]]:
    """Every graph in ``model`` with where it is: the main graph, then every subgraph at any depth (``If``
    branches, loop bodies, any attribute holding a graph, whatever its declared type)."""
    stack: list[tuple[str, Any]] = [("the main graph", model.graph)]
    while stack:
        where, graph = stack.pop()
        yield where, graph
        for node in graph.node:
            for attribute in node.attribute:
                inner = ([attribute.g] if attribute.HasField("g") else []) + list(attribute.graphs)
                stack.extend((f"the subgraph {attribute.name[:80]!r} of {_name(node)} in {where}", g) for g in inner)


def _tensors(graph: Any) -> Iterator[tuple[str, Any]]:
    """Every dense tensor stored in ``graph`` itself: initializers and the tensors in node attributes."""
    for tensor in graph.initializer:
        yield f"the initializer {tensor.name[:80]!r}", tensor
    for node in graph.node:
        for attribute in node.attribute:
            stored = ([attribute.t] if attribute.HasField("t") else []) + list(attribute.tensors)
            for tensor in stored:
                yield f"the attribute {attribute.name!r} of {_name(node)}", tensor


def _check_contents(path: object, model: Any) -> None:
    """Domains, ops, stored data: no external data, no sparse tensors, no functions, only allowed ops."""
    import onnx

    if len(model.functions) or len(model.training_info):
        raise refuse(path, "model.onnx", "holds model-local functions or training graphs, which opensight never writes")
    opsets: dict[str, int] = {}
    for entry in model.opset_import:
        if entry.domain not in ALLOWED_DOMAINS:
            raise refuse(path, "model.onnx", f"imports the op domain {entry.domain[:80]!r}; only {_domains()} allowed")
        if not 1 <= entry.version <= onnx.defs.onnx_opset_version():
            raise refuse(
                path, "model.onnx", f"uses ONNX opset {entry.version}, which this onnx does not know; update opensight"
            )
        opsets[entry.domain or "ai.onnx"] = entry.version
    nodes = 0
    for where, graph in _graphs(model):
        for kind, tensor in _tensors(graph):
            if tensor.data_location == onnx.TensorProto.EXTERNAL or len(tensor.external_data):
                raise refuse(path, "model.onnx", f"{kind} in {where} refers to external data files")
        sparse = len(graph.sparse_initializer) or any(
            attribute.HasField("sparse_tensor") or len(attribute.sparse_tensors)
            for node in graph.node
            for attribute in node.attribute
        )
        if sparse:
            raise refuse(path, "model.onnx", f"{where} holds sparse tensors, which opensight never writes")
        nodes += len(graph.node)
        if nodes > MAX_NODES:
            raise refuse(path, "model.onnx", f"has more than {MAX_NODES:,} nodes")
        for node in graph.node:
            _check_op(path, node, where, opsets)


def _domains() -> str:
    return "the standard ONNX domain ('' or 'ai.onnx') is"


def _check_op(path: object, node: Any, where: str, opsets: dict[str, int]) -> None:
    import onnx

    if node.domain not in ALLOWED_DOMAINS:
        raise refuse(
            path,
            "model.onnx",
            f"{_name(node)} in {where} is from the op domain {node.domain[:80]!r}; only {_domains()} allowed",
        )
    version = opsets.get("ai.onnx")
    if version is None:
        raise refuse(path, "model.onnx", "does not import the standard ONNX op domain")
    try:
        onnx.defs.get_schema(node.op_type, version, "")
    except onnx.defs.SchemaError:
        raise refuse(path, "model.onnx", f"{_name(node)} in {where} is not an ONNX op (at opset {version})") from None
    if node.op_type not in ALLOWED_OPS:
        raise refuse(
            path,
            "model.onnx",
            f"{_name(node)} in {where} uses an ONNX op that opensight model files do not use (loops, recurrent "
            "layers and other ops whose cost cannot be bounded before running are refused)",
        )


def _dims(value: Any) -> list[int] | None:
    """The fixed shape of a tensor value, or None when its type or any dimension is not known."""
    if not value.type.HasField("tensor_type") or not value.type.tensor_type.HasField("shape"):
        return None
    dims = value.type.tensor_type.shape.dim
    return [d.dim_value for d in dims] if all(d.HasField("dim_value") for d in dims) else None


def _check_interface(path: object, model: Any, probe: Probe, labels: int) -> None:
    """One input, ``pixels``: uint8 [batch, size, size, 3] (or ``audio``: float [batch, samples]); an output
    ``probabilities``: float [batch, labels]."""
    from onnx import TensorProto, helper

    stored = {tensor.name for tensor in model.graph.initializer}
    inputs = [value for value in model.graph.input if value.name not in stored]
    outputs = {value.name: value for value in model.graph.output}
    if [value.name for value in inputs] != [probe.name] or "probabilities" not in outputs:
        raise refuse(
            path,
            "model.onnx",
            f"must take '{probe.name}' and give 'probabilities'; got {[v.name[:80] for v in inputs]} → "
            f"{[name[:80] for name in outputs]}",
        )
    given = inputs[0].type
    dims = list(given.tensor_type.shape.dim) if given.HasField("tensor_type") else []
    shown = [d.dim_value if d.HasField("dim_value") else (d.dim_param[:20] or "?") for d in dims]
    kind = given.tensor_type.elem_type if given.HasField("tensor_type") else 0
    wanted = TensorProto.UINT8 if probe.dtype is np.uint8 else TensorProto.FLOAT
    if (
        kind != wanted
        or len(dims) != 1 + len(probe.dims)
        or dims[0].HasField("dim_value")
        or [d.dim_value if d.HasField("dim_value") else None for d in dims[1:]] != list(probe.dims)
    ):
        got = helper.tensor_dtype_to_string(kind).removeprefix("TensorProto.").lower() if kind else "no tensor"
        expected = (
            f"uint8 RGB pixels [batch, {probe.dims[0]}, {probe.dims[1]}, 3] (the size manifest.json declares)"
            if probe.name == "pixels"
            else f"float {probe.name} [batch, {probe.dims[0]}] (as manifest.json declares)"
        )
        raise refuse(path, "model.onnx", f"its input '{probe.name}' must be {expected}, got {got} {shown}")
    probabilities = outputs["probabilities"].type
    if not probabilities.HasField("tensor_type") or probabilities.tensor_type.elem_type != TensorProto.FLOAT:
        raise refuse(path, "model.onnx", "its output 'probabilities' must be float")
    given = list(probabilities.tensor_type.shape.dim)
    if len(given) == 2 and given[1].dim_value not in (0, labels):
        raise refuse(
            path, "model.onnx", f"the graph gives {given[1].dim_value} probabilities but labels.json has {labels}"
        )


def _check_sizes(path: object, model: Any, probe: Probe, labels: int, file_bytes: int) -> None:
    """Stored tensors fit in the file; every tensor's shape for one picture is known and bounded; so is the work."""
    _check_stored(path, model, file_bytes)
    derived = _infer_one_picture(path, _one_picture(model, probe))
    _check_work(path, derived)
    _check_probabilities(path, derived, labels)


def _check_stored(path: object, model: Any, file_bytes: int) -> None:
    """Refuse a stored tensor (in any graph) that declares more values than the file could hold."""
    for where, graph in _graphs(model):
        for kind, tensor in _tensors(graph):
            values = math.prod(tensor.dims)
            if any(d < 0 for d in tensor.dims) or values > 2 * file_bytes:
                raise refuse(
                    path, "model.onnx", f"{kind} in {where} declares {values:,} values, more than the file holds"
                )


def _one_picture(model: Any, probe: Probe) -> Any:
    """``model`` itself (the last check that reads it), with every declared shape forgotten, its input fixed to ONE
    picture (or window), and the values of large floating-point tensors (weights) dropped, their shapes kept: shape
    inference then neither copies nor serialises the weights (a 16 MB graph is checked in half the time). Shapes
    are whole numbers: every integer tensor keeps its values, so a shape read out of one is still followed."""
    from onnx import TensorProto

    floats = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.BFLOAT16, TensorProto.DOUBLE}
    derived = model
    for _, graph in _graphs(derived):
        for _, tensor in _tensors(graph):
            if tensor.data_type in floats and math.prod(tensor.dims) > MAX_WEIGHT_VALUES:
                for field in ("raw_data", "float_data", "int32_data", "double_data"):
                    tensor.ClearField(field)
    for _, graph in _graphs(derived):  # forget every declared shape: derive them, for ONE picture
        del graph.value_info[:]
        for value in graph.output:
            if value.type.HasField("tensor_type"):
                value.type.tensor_type.ClearField("shape")
    given = next(value for value in derived.graph.input if value.name == probe.name)
    for dim, fixed in zip(given.type.tensor_type.shape.dim, probe.trial, strict=True):
        dim.dim_value = fixed
    return derived


def _infer_one_picture(path: object, derived: Any) -> Any:
    """``derived`` with every shape inferred (data propagation only once :func:`_check_propagated` allows it)."""
    import onnx

    try:  # first without data propagation, which keeps every vector it follows in memory value by value
        shallow = onnx.shape_inference.infer_shapes(derived, strict_mode=True, data_prop=False)
        _check_propagated(path, shallow)
        return onnx.shape_inference.infer_shapes(derived, strict_mode=True, data_prop=True)
    except ModelFileError:
        raise
    except Exception as error:  # InferenceError, ValidationError, or protobuf's own
        raise refuse(path, "model.onnx", f"its shapes do not fit together ({first_line(error)})") from None


def _check_work(path: object, derived: Any) -> None:
    """Refuse a graph whose tensors, work for one picture, or tensors folded while loading exceed the limits."""
    work = 0.0
    folded = 0.0
    constant: set[str] = set()
    for where, graph in _graphs(derived):
        known = _known_shapes(graph)
        constant.update(tensor.name for tensor in graph.initializer)
        for node in graph.node:
            work += _node_work(path, node, where, known)
            if all(name in constant for name in node.input if name) and node.op_type not in {"Shape", "Size"}:
                constant.update(node.output)  # ONNX Runtime computes it once, while the session is built
                folded += sum(_tensor_bytes(*known[name]) for name in node.output if name)
                _check_folded(path, node, where, folded)
            if work > MAX_WORK:
                raise refuse(
                    path, "model.onnx", f"needs more than {MAX_WORK:.0e} operations for one picture (too slow to run)"
                )


def _known_shapes(graph: Any) -> dict[str, tuple[list[int], int]]:
    """The fixed shape and element type of every value and stored tensor of ``graph`` whose shape is known."""
    known: dict[str, tuple[list[int], int]] = {}
    for value in [*graph.input, *graph.value_info, *graph.output]:
        dims = _dims(value)
        if dims is not None:
            known[value.name] = (dims, value.type.tensor_type.elem_type)
    for tensor in graph.initializer:
        known[tensor.name] = (list(tensor.dims), tensor.data_type)
    return known


def _check_folded(path: object, node: Any, where: str, folded: float) -> None:
    """Refuse once the tensors computed from stored values alone (up to ``node``) exceed :data:`MAX_FOLDED_BYTES`."""
    if folded > MAX_FOLDED_BYTES:
        raise refuse(
            path,
            "model.onnx",
            f"computes more than {MAX_FOLDED_BYTES >> 20} MiB of tensors from its stored values alone "
            f"(up to {_name(node)} in {where}), which ONNX Runtime would hold while loading the graph",
        )


def _check_probabilities(path: object, derived: Any, labels: int) -> None:
    """Refuse a graph whose inferred ``probabilities`` for one picture are not [1, labels]."""
    final = {value.name: _dims(value) for value in derived.graph.output}
    if final.get("probabilities") != [1, labels]:
        raise refuse(
            path,
            "model.onnx",
            f"its 'probabilities' for one picture are {final.get('probabilities')}, not [1, {labels}] "
            "(one per class in labels.json)",
        )


def _node_work(path: object, node: Any, where: str, known: dict[str, tuple[list[int], int]]) -> float:
    """Refuse an output of unknown or excessive size; return the node's work (values in and out, multiply-adds)."""
    work = 0.0
    for name in node.output:
        if not name:
            continue
        if name not in known:
            raise refuse(
                path,
                "model.onnx",
                f"the size of {name[:80]!r}, made by {_name(node)} in {where}, cannot be known before running "
                "(opensight model files have fixed shapes for a picture)",
            )
        dims, kind = known[name]
        values = math.prod(dims)
        item = _item_size(kind)
        if values > MAX_TENSOR_VALUES or values * item > MAX_TENSOR_BYTES:
            raise refuse(
                path,
                "model.onnx",
                f"{_name(node)} in {where} would make a tensor of {values:,} values ({_bytes(values * item)}) "
                f"for one picture, over the limit of {MAX_TENSOR_VALUES:,} values ({MAX_TENSOR_BYTES >> 20} MiB)",
            )
        work += values
    shapes = [known[name][0] if name in known else [] for name in node.input]
    work += sum(math.prod(dims) for dims in shapes)
    return work + _multiply_adds(node, shapes, known.get(node.output[0], ([], 0))[0] if node.output else [])


def _item_size(kind: int) -> int:
    from onnx import helper

    try:
        return int(np.dtype(helper.tensor_dtype_to_np_dtype(kind)).itemsize)
    except Exception:  # strings, exotic types
        return 8


def _tensor_bytes(dims: list[int], kind: int) -> float:
    return float(math.prod(dims)) * _item_size(kind)


def _check_propagated(path: object, model: Any) -> None:
    """Refuse a graph whose data propagation could grow: ONNX's shape inference with ``data_prop`` keeps, value
    by value (about 150 bytes each), every vector (rank 0 or 1) that an op with a data propagation function
    (``Add``, ``Cast``, ``Concat``, ``Gather``, ``Slice``...) reads or makes — whatever made it: ``Range``,
    ``ConstantOfShape``, ``Tile``, ``Expand``, ``Pad``, a stored vector. ``model`` has been inferred WITHOUT data
    propagation (cheap: sizes are numbers there), so every such vector must have a known length, and together
    they may hold at most :data:`MAX_PROPAGATED_VALUES` values. A vector whose length is only known by
    propagation (``Range(0, Size(x))``) is refused: it could be as long as a product of sizes."""
    version = next((entry.version for entry in model.opset_import if entry.domain in ALLOWED_DOMAINS), 0)
    total = 0.0
    ranks: dict[str, list[int | None]] = {}  # across graphs: a subgraph reads the names around it
    for where, graph in _graphs(model):
        _add_ranks(graph, ranks)
        for node in graph.node:
            if not _propagates(node, version):
                continue
            for name in [*node.input, *node.output]:
                length = _vector_length(path, node, where, name, ranks)
                if length is None:
                    continue
                total += length
                if total > MAX_PROPAGATED_VALUES:
                    raise refuse(
                        path,
                        "model.onnx",
                        f"{_name(node)} in {where} uses {name[:80]!r}, a vector of {length:,} values; with the "
                        f"others before it, more than {MAX_PROPAGATED_VALUES:,} values that ONNX shape inference "
                        "would expand one by one while loading the graph",
                    )


def _add_ranks(graph: Any, ranks: dict[str, list[int | None]]) -> None:
    """Add to ``ranks`` the dimensions (None where unknown) of every shaped value and stored tensor of ``graph``."""
    for value in [*graph.input, *graph.value_info, *graph.output]:
        tensor = value.type.tensor_type if value.type.HasField("tensor_type") else None
        if tensor is not None and tensor.HasField("shape"):
            ranks[value.name] = [d.dim_value if d.HasField("dim_value") else None for d in tensor.shape.dim]
    for tensor in graph.initializer:
        ranks[tensor.name] = list(tensor.dims)


def _propagates(node: Any, version: int) -> bool:
    """Whether ONNX data propagation follows the values ``node`` reads and makes (not ``Shape`` or ``Size``)."""
    import onnx

    if node.op_type in {"Shape", "Size"}:  # they propagate a shape (bounded by the rank), not their input
        return False
    schema = onnx.defs.get_schema(node.op_type, version, "")
    return bool(schema.has_data_propagation_function)


def _vector_length(path: object, node: Any, where: str, name: str, ranks: dict[str, list[int | None]]) -> int | None:
    """The length of ``name`` if ``node`` propagates it as a vector (else None); refuse one of unknown length."""
    if not name:
        return None
    dims = ranks.get(name)
    if dims is not None and len(dims) >= 2:
        return None  # only vectors are propagated
    if dims is None or None in dims:
        raise refuse(
            path,
            "model.onnx",
            f"{_name(node)} in {where} uses {name[:80]!r}, a vector whose length is only known from "
            "values computed while loading; opensight model files have fixed shapes",
        )
    return math.prod(d or 0 for d in dims)


def _multiply_adds(node: Any, inputs: list[list[int]], output: list[int]) -> float:
    """Multiply-adds of the contraction ops (0 for the linear ones, counted by their inputs and outputs)."""
    out = math.prod(output) if output else 0
    op = node.op_type
    weight_at = {"Conv": 1, "ConvInteger": 1, "QLinearConv": 3, "ConvTranspose": 1}
    if op in weight_at and len(inputs) > weight_at[op] and inputs[weight_at[op]]:
        weight = inputs[weight_at[op]]
        if op == "ConvTranspose":
            return float(math.prod(inputs[0])) * math.prod(weight) / max(1, weight[0])
        return float(out) * math.prod(weight) / max(1, weight[0])
    if op in {"MatMul", "MatMulInteger", "QLinearMatMul", "Gemm"} and inputs and inputs[0]:
        first = inputs[0]
        transposed = op == "Gemm" and any(a.name == "transA" and a.i for a in node.attribute)
        return float(out) * (first[0] if transposed else first[-1])
    if op in {"MaxPool", "AveragePool", "LpPool"}:
        kernel: list[int] = next((list(a.ints) for a in node.attribute if a.name == "kernel_shape"), [])
        return float(out) * math.prod(kernel)
    return 0.0
