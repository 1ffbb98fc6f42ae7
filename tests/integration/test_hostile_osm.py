"""A hostile ``.osm`` is refused at load, whatever its checksums (issue 12, point 4).

Each file is built here from a tiny taught model: one member is edited and the manifest's sha256 recomputed, so
only the schema and graph checks stand between it and a prediction. Every one must be a ``ModelFileError`` that
names the member, raised by ``osi.load`` — never a traceback or a memory climb at the first prediction — and the
CLI (``predict``) and the server (``serve``) must print that sentence and stop.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import opensight as osi
from opensight import ModelFileError
from opensight.bundle import Bundle, make_manifest, read_bundle, write_bundle
from opensight.teach import TaughtModel
from opensight.teach._fuse import fuse_head, fuse_zero_shot
from tests._server import free_port

COLOURS = {"red": (220, 40, 40), "blue": (40, 60, 220)}


@pytest.fixture(scope="session")
def taught_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model taught on 5 generated pictures per colour, saved as ``good.osm``."""
    root = tmp_path_factory.mktemp("hostile-osm")
    rng = np.random.default_rng(0)
    for name, colour in COLOURS.items():
        (root / "data" / name).mkdir(parents=True)
        for index in range(5):
            noise = rng.integers(-30, 30, (40, 40, 3))
            pixels = np.clip(np.array(colour) + noise, 0, 255).astype(np.uint8)
            Image.fromarray(pixels).save(root / "data" / name / f"{index}.png")
    return osi.teach(root / "data").save(root / "good.osm")


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "red.png"
    Image.fromarray(np.full((40, 40, 3), COLOURS["red"], np.uint8)).save(path)
    return path


def tampered(source: Path, target: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """Copy ``source`` with ``edit`` applied to its parsed members (manifest, card, labels as JSON, ``graph`` as
    an ONNX ModelProto), and every checksum in the manifest recomputed, as a careful attacker would."""
    import onnx

    with zipfile.ZipFile(source) as archive:
        raw = {name: archive.read(name) for name in archive.namelist()}
    parsed: dict[str, Any] = {name: json.loads(raw[name]) for name in ("manifest.json", "card.json", "labels.json")}
    parsed["graph"] = onnx.load_from_string(raw["model.onnx"])
    edit(parsed)
    members = {name: json.dumps(parsed[name]).encode() for name in ("card.json", "labels.json")}
    members["model.onnx"] = parsed["graph"].SerializeToString()
    if "report.html" in raw:
        members["report.html"] = raw["report.html"]
    manifest = parsed["manifest.json"]
    manifest["members"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _feed_logits(graph: Any, tensor: str) -> None:
    """Make ``tensor`` matter: logits += 0 × sum(tensor) before the softmax, so no runtime prunes it away."""
    from onnx import TensorProto, helper, numpy_helper

    (last,) = [node for node in graph.node if list(node.output) == ["probabilities"]]
    graph.node.remove(last)
    last.input[0] = "evil.logits"
    graph.initializer.append(numpy_helper.from_array(np.array(0.0, np.float32), "evil.zero"))
    graph.node.extend(
        [
            helper.make_node("Cast", [tensor], ["evil.float"], to=TensorProto.FLOAT),
            helper.make_node("ReduceSum", ["evil.float"], ["evil.sum"], keepdims=0),
            helper.make_node("Mul", ["evil.sum", "evil.zero"], ["evil.nothing"]),
            helper.make_node("Add", ["logits", "evil.nothing"], ["evil.logits"]),
            last,
        ]
    )


def _external(name: str) -> Any:
    from onnx import TensorProto, numpy_helper

    tensor = numpy_helper.from_array(np.ones(4, np.float32), name)
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", "../../../../etc/passwd"
    return tensor


def _size(value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(parsed: dict[str, Any]) -> None:
        parsed["manifest.json"]["input"]["size"] = value

    return edit


def _card(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(parsed: dict[str, Any]) -> None:
        parsed["card.json"][key] = value

    return edit


def _external_constant(parsed: dict[str, Any]) -> None:
    from onnx import helper

    graph = parsed["graph"].graph
    graph.node.append(helper.make_node("Constant", [], ["evil.constant"], value=_external("evil.value")))
    _feed_logits(graph, "evil.constant")


def _external_in_if(parsed: dict[str, Any]) -> None:
    from onnx import TensorProto, helper, numpy_helper

    graph = parsed["graph"].graph
    branch = helper.make_graph(
        [helper.make_node("Identity", ["evil.hidden"], ["evil.branch"])],
        "branch",
        [],
        [helper.make_tensor_value_info("evil.branch", TensorProto.FLOAT, [4])],
        [_external("evil.hidden")],
    )
    graph.initializer.append(numpy_helper.from_array(np.array(True), "evil.condition"))
    graph.node.append(helper.make_node("If", ["evil.condition"], ["evil.if"], then_branch=branch, else_branch=branch))
    _feed_logits(graph, "evil.if")


def _custom_domain(parsed: dict[str, Any]) -> None:
    from onnx import helper

    model = parsed["graph"]
    model.opset_import.append(helper.make_opsetid("com.evil", 1))
    model.graph.node.append(helper.make_node("Exfiltrate", ["embedding"], ["evil.out"], domain="com.evil"))
    _feed_logits(model.graph, "evil.out")


def _unknown_op(parsed: dict[str, Any]) -> None:
    from onnx import helper

    graph = parsed["graph"].graph
    graph.node.append(helper.make_node("Frobnicate", ["embedding"], ["evil.out"]))
    _feed_logits(graph, "evil.out")


def _float_input(parsed: dict[str, Any]) -> None:
    from onnx import TensorProto

    parsed["graph"].graph.input[0].type.tensor_type.elem_type = TensorProto.FLOAT


def _huge_constant_of_shape(parsed: dict[str, Any]) -> None:
    from onnx import helper, numpy_helper

    graph = parsed["graph"].graph
    graph.initializer.append(numpy_helper.from_array(np.array([10**6, 10**6], np.int64), "evil.shape"))
    one = numpy_helper.from_array(np.array([1.0], np.float32))
    graph.node.append(helper.make_node("ConstantOfShape", ["evil.shape"], ["evil.huge"], value=one))
    _feed_logits(graph, "evil.huge")


def _huge_range(parsed: dict[str, Any]) -> None:
    """Range(0, 10¹¹): ONNX data propagation would expand the 10¹¹ values one by one (23 GB, OOM) while loading."""
    from onnx import TensorProto, helper, numpy_helper

    graph = parsed["graph"].graph
    for name, value in (("evil.r0", 0), ("evil.r1", 10**11), ("evil.r2", 1)):
        graph.initializer.append(numpy_helper.from_array(np.array(value, np.int64), name))
    graph.node.extend(
        [
            helper.make_node("Range", ["evil.r0", "evil.r1", "evil.r2"], ["evil.range"]),
            helper.make_node("Cast", ["evil.range"], ["evil.rangef"], to=TensorProto.FLOAT),
            helper.make_node("ReduceSum", ["evil.rangef"], ["evil.rangesum"], keepdims=0),
        ]
    )
    graph.output.append(helper.make_tensor_value_info("evil.rangesum", TensorProto.FLOAT, []))


def _propagated_range(parsed: dict[str, Any]) -> None:
    """Range(0, Size(pixels)²): a length that only data propagation knows (2.3 × 10¹⁰), then fed to an Add."""
    from onnx import helper, numpy_helper

    graph = parsed["graph"].graph
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array(0, np.int64), "evil.r0"),
            numpy_helper.from_array(np.array(1, np.int64), "evil.r2"),
        ]
    )
    graph.node.extend(
        [
            helper.make_node("Size", ["pixels"], ["evil.size"]),
            helper.make_node("Mul", ["evil.size", "evil.size"], ["evil.limit"]),
            helper.make_node("Range", ["evil.r0", "evil.limit", "evil.r2"], ["evil.range"]),
            helper.make_node("Add", ["evil.range", "evil.range"], ["evil.twice"]),
        ]
    )
    _feed_logits(graph, "evil.twice")


def _huge_constant_vector(parsed: dict[str, Any]) -> None:
    """A ConstantOfShape vector of 10⁸ values, read by Cast: the same expansion, from another generator."""
    from onnx import TensorProto, helper, numpy_helper

    graph = parsed["graph"].graph
    graph.initializer.append(numpy_helper.from_array(np.array([10**8], np.int64), "evil.length"))
    graph.node.extend(
        [
            helper.make_node("ConstantOfShape", ["evil.length"], ["evil.vector"]),
            helper.make_node("Cast", ["evil.vector"], ["evil.ints"], to=TensorProto.INT64),
        ]
    )
    _feed_logits(graph, "evil.ints")


def _shape_hidden_in_a_big_table(parsed: dict[str, Any]) -> None:
    """A shape read out of a stored table of 5,000 whole numbers (Gather → ConstantOfShape): the checker drops the
    values of big stored weights, never of integer tensors, so it still sees the 10¹² values this would make."""
    from onnx import helper, numpy_helper

    graph = parsed["graph"].graph
    table = np.ones(5000, np.int64)
    table[4321] = 10**6
    graph.initializer.extend(
        [
            numpy_helper.from_array(table, "evil.table"),
            numpy_helper.from_array(np.array([4321, 4321], np.int64), "evil.where"),
        ]
    )
    graph.node.extend(
        [
            helper.make_node("Gather", ["evil.table", "evil.where"], ["evil.shape"]),
            helper.make_node("ConstantOfShape", ["evil.shape"], ["evil.huge"]),
        ]
    )
    _feed_logits(graph, "evil.huge")


HOSTILE = {
    "size 60000": (_size(60000), "manifest.json", r"'input\.size' must be a whole number from 16 to 1024, got 60000"),
    "size 'abc'": (_size("abc"), "manifest.json", r"'input\.size' must be a whole number .* got 'abc' \(text\)"),
    "limits 5": (_card("limits", 5), "card.json", r"'limits' must be a list of .* sentences \(text\), got 5"),
    "unsure_threshold 'high'": (
        _card("unsure_threshold", "high"),
        "card.json",
        r"'unsure_threshold' must be a number from 0 to 1, or null, got 'high'",
    ),
    "external data in a Constant": (
        _external_constant,
        "model.onnx",
        r"the attribute 'value' of an unnamed 'Constant' node in the main graph refers to external data",
    ),
    "external data in an If subgraph": (
        _external_in_if,
        "model.onnx",
        r"the initializer 'evil\.hidden' in the subgraph '(then|else)_branch' of an unnamed 'If' node in the "
        r"main graph refers to external data",
    ),
    "custom op domain": (_custom_domain, "model.onnx", r"op domain 'com\.evil'"),
    "unknown op": (_unknown_op, "model.onnx", r"an unnamed 'Frobnicate' node in the main graph is not an ONNX op"),
    "float input": (_float_input, "model.onnx", r"input 'pixels' must be uint8 .* got float \['batch', 224, 224, 3\]"),
    "ConstantOfShape of 10^12": (
        _huge_constant_of_shape,
        "model.onnx",
        r"an unnamed 'ConstantOfShape' node in the main graph would make a tensor of 1,000,000,000,000 values "
        r"\(4\.0 TB\) for one picture",
    ),
    "Range of 10^11 values": (
        _huge_range,
        "model.onnx",
        r"an unnamed 'Cast' node in the main graph uses 'evil\.range', a vector of 100,000,000,000 values",
    ),
    "Range whose length only data propagation knows": (
        _propagated_range,
        "model.onnx",
        r"an unnamed 'Add' node in the main graph uses 'evil\.range', a vector whose length is only known from "
        r"values computed while loading",
    ),
    "a shape hidden in a table of 5,000 stored values": (
        _shape_hidden_in_a_big_table,
        "model.onnx",
        r"an unnamed 'ConstantOfShape' node in the main graph would make a tensor of 1,000,000,000,000 values",
    ),
    "ConstantOfShape vector of 10^8 read by Cast": (
        _huge_constant_vector,
        "model.onnx",
        r"an unnamed 'Cast' node in the main graph uses 'evil\.vector', a vector of 100,000,000 values",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_model_file_is_refused_at_load(case: str, taught_file: Path, tmp_path: Path) -> None:
    import resource

    edit, member, words = HOSTILE[case]
    hostile = tampered(taught_file, tmp_path / "hostile.osm", edit)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(
        ModelFileError, match=rf"^{re.escape(str(hostile))}: {member}: .*{words}.*; refused \(teach the model again"
    ):
        osi.load(hostile)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500_000  # kB: refused before inflating
    with pytest.raises(ModelFileError, match=member):
        TaughtModel.from_file(hostile)


def test_the_untouched_copy_loads(taught_file: Path, tmp_path: Path) -> None:
    """The same round trip with no edit loads and predicts: the refusals above are the edits', not the copy's."""
    copy = tampered(taught_file, tmp_path / "copy.osm", lambda parsed: None)
    model = osi.load(copy)
    assert model(np.full((40, 40, 3), COLOURS["red"], np.uint8)).guess == "red"


def test_fused_graphs_of_every_kind_pass(tmp_path: Path) -> None:
    """What ``opensight teach`` fuses — the taught head alone, from class names only, and the two blended — uses
    only what the checks allow (the weights here are random: only the graphs' shape of things matters)."""
    from opensight.models import default_model
    from opensight.models.efficientnet import onnx_path

    backbone = onnx_path(default_model("embed"))
    rng = np.random.default_rng(1)
    names = rng.random((1000, 3)).astype(np.float32)
    weights, bias = rng.normal(size=(1280, 3)).astype(np.float32), np.zeros(3, np.float32)
    graphs = {
        "taught": fuse_head(backbone, weights, bias, 1.5),
        "blended": fuse_head(backbone, weights, bias, 1.5, zero_shot=(names, 30.0, 0.5)),
        "zero-shot": fuse_zero_shot(backbone, names, 30.0),
    }
    for kind, graph in graphs.items():
        path = tmp_path / f"{kind}.osm"
        input_spec = {"size": 224, "crop_fraction": 0.875, "mean": [127.0] * 3, "std": [128.0] * 3}
        card = {"name": kind, "unsure_threshold": None, "limits": []}
        write_bundle(path, Bundle(graph, ("a", "b", "c"), card, make_manifest("classify", {}, input_spec)))
        assert read_bundle(path).labels == ("a", "b", "c"), kind


def _run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opensight", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_predict_prints_the_sentence_and_exits_2(taught_file: Path, tmp_path: Path, picture: Path) -> None:
    hostile = tampered(taught_file, tmp_path / "bad.osm", _size(60000))
    result = _run_cli("predict", str(hostile), str(picture), "--format", "json")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "manifest.json: 'input.size' must be a whole number from 16 to 1024, got 60000" in result.stderr, (
        result.stderr
    )
    assert result.stdout == "", result.stderr


def test_serve_refuses_to_start(taught_file: Path, tmp_path: Path) -> None:
    hostile = tampered(taught_file, tmp_path / "bad.osm", _huge_constant_of_shape)
    result = _run_cli("serve", str(hostile), "--port", str(free_port()), "--data-dir", str(tmp_path / "home"))
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "model.onnx: an unnamed 'ConstantOfShape' node" in result.stderr, result.stderr
    assert "1,000,000,000,000 values" in result.stderr, result.stderr
