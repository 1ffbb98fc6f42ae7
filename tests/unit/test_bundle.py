"""The .osm format: round trip, and hostile files refused with ModelFileError — no code run, nothing written."""

from __future__ import annotations

import json
import os
import pickle
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from opensight import ModelFileError
from opensight.bundle import Bundle, make_manifest, read_bundle, write_bundle
from opensight.teach import TaughtModel


def tiny_graph(classes: int = 2) -> bytes:
    """A valid opensight graph: uint8 pixels → mean colour → linear → softmax (red vs blue)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    weights = np.array([[0.1, -0.1], [0.0, 0.0], [-0.1, 0.1]], np.float32)[:, :classes]
    graph = helper.make_graph(
        [
            helper.make_node("Cast", ["pixels"], ["floats"], to=TensorProto.FLOAT),
            helper.make_node("ReduceMean", ["floats", "axes"], ["colour"], keepdims=0),
            helper.make_node("MatMul", ["colour", "weights"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=-1),
        ],
        "tiny",
        [helper.make_tensor_value_info("pixels", TensorProto.UINT8, ["batch", 224, 224, 3])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes])],
        [numpy_helper.from_array(np.array([1, 2], np.int64), "axes"), numpy_helper.from_array(weights, "weights")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    model.ir_version = 10
    onnx.checker.check_model(model)
    return model.SerializeToString()


def tiny_bundle(graph: bytes | None = None) -> Bundle:
    card = {"name": "tiny", "unsure_threshold": 0.6, "limits": ["a test model"], "licence": "CC0"}
    return Bundle(
        model_onnx=graph or tiny_graph(),
        labels=("red", "blue"),
        card=card,
        manifest=make_manifest("classify", {}, {"size": 224, "crop_fraction": 0.875}),
    )


def rezip(source: Path, target: Path, change: dict[str, bytes | None], *, fix_checksums: bool = False) -> Path:
    """Copy a bundle, replacing (bytes) or dropping (None) members; optionally re-sign the manifest."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, data in change.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    if fix_checksums:
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = {
            name: __import__("hashlib").sha256(data).hexdigest()
            for name, data in members.items()
            if name != "manifest.json"
        }
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.osm"
    write_bundle(path, tiny_bundle())
    return path


def test_round_trip_and_predict(good: Path) -> None:
    bundle = read_bundle(good)
    assert bundle.labels == ("red", "blue")
    assert oct(good.stat().st_mode & 0o777) != "0o600"
    model = TaughtModel.from_file(good)
    red = model(np.full((50, 60, 3), (250, 0, 0), np.uint8))
    blue = model(np.full((50, 60, 3), (0, 0, 250), np.uint8))
    grey = model(np.full((50, 60, 3), 128, np.uint8))
    assert (red.label, blue.label) == ("red", "blue")
    assert grey.unsure
    assert grey.label == "unsure"
    assert grey.guess in {"red", "blue"}
    assert grey.to_dict()["unsure"] is True


def test_zip_slip_names_are_refused_and_nothing_is_written(good: Path, tmp_path: Path) -> None:
    for name in ("../evil.txt", "/tmp/opensight-evil.txt", "sub/model.onnx"):
        hostile = rezip(good, tmp_path / "hostile.osm", {name: b"owned"})
        with pytest.raises(ModelFileError, match="unexpected member"):
            read_bundle(hostile)
    assert not (tmp_path.parent / "evil.txt").exists()
    assert not Path("/tmp/opensight-evil.txt").exists()


def test_wrong_checksum(good: Path, tmp_path: Path) -> None:
    hostile = rezip(good, tmp_path / "hostile.osm", {"labels.json": b'["red", "green"]'})
    with pytest.raises(ModelFileError, match=r"labels.json.*sha256"):
        read_bundle(hostile)


def test_unknown_format_version(good: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["format_version"] = 99
    hostile = rezip(good, tmp_path / "future.osm", {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ModelFileError, match=r"format version 99 is not supported.*upgrade"):
        read_bundle(hostile)


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_pickles_are_never_run(good: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    with pytest.raises(ModelFileError, match=r"unexpected member 'head\.pkl'"):
        read_bundle(rezip(good, tmp_path / "a.osm", {"head.pkl": payload}))
    disguised = rezip(good, tmp_path / "b.osm", {"model.onnx": payload}, fix_checksums=True)
    with pytest.raises(ModelFileError, match="not a valid ONNX graph"):
        read_bundle(disguised)
    assert not marker.exists()


def test_graphs_with_external_data_are_refused(tmp_path: Path) -> None:
    import onnx

    model = onnx.load_from_string(tiny_graph())
    weights = model.graph.initializer[1]
    weights.data_location = onnx.TensorProto.EXTERNAL
    entry = weights.external_data.add()
    entry.key, entry.value = "location", "../../etc/passwd"
    path = tmp_path / "external.osm"
    write_bundle(path, tiny_bundle(model.SerializeToString()))
    with pytest.raises(ModelFileError, match="external data"):
        read_bundle(path)


def _zip_bomb(path: Path, gigabytes: int) -> Path:
    """A real zip bomb: model.onnx inflates to ``gigabytes`` GB of zeros (a few MB on disk)."""
    chunk = 1 << 24
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * 1024**3 // chunk
    data = block * count + b"\x03\x00"
    size = count * chunk
    name = b"model.onnx"
    extra = struct.pack("<HHQQ", 1, 16, size, len(data))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, 0, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra))
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        45,
        45,
        0,
        8,
        0,
        0x21,
        0,
        0xFFFFFFFF,
        0xFFFFFFFF,
        len(name),
        len(extra),
        0,
        0,
        0,
        0,
        0,
    )
    body = local + name + extra + data
    directory = central + name + extra
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(body), 0)
    path.write_bytes(body + directory + end)
    return path


def test_a_5_gb_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.osm", 5)
    assert bomb.stat().st_size < 10e6
    with zipfile.ZipFile(bomb) as archive:
        assert archive.infolist()[0].file_size == 5 * 1024**3
    started = time.perf_counter()
    with pytest.raises(ModelFileError, match=r"5\.4 GB.*zip bomb"):
        read_bundle(bomb)
    assert time.perf_counter() - started < 30  # generous: it is refused from the header, without inflating


def test_damaged_and_incomplete_files(good: Path, tmp_path: Path) -> None:
    text = tmp_path / "text.osm"
    text.write_text("not a zip")
    with pytest.raises(ModelFileError, match="not an opensight model file"):
        read_bundle(text)
    cut = tmp_path / "cut.osm"
    cut.write_bytes(good.read_bytes()[:-100])
    with pytest.raises(ModelFileError):
        read_bundle(cut)
    with pytest.raises(ModelFileError, match=r"missing labels\.json"):
        read_bundle(rezip(good, tmp_path / "nolabels.osm", {"labels.json": None}))
    with pytest.raises(ModelFileError, match="no such file"):
        read_bundle(tmp_path / "nope.osm")


def test_labels_must_match_the_graph(tmp_path: Path) -> None:
    path = tmp_path / "three.osm"
    bundle = tiny_bundle()
    write_bundle(path, Bundle(bundle.model_onnx, ("red", "blue", "green"), bundle.card, bundle.manifest))
    with pytest.raises(ModelFileError, match=r"gives 2 probabilities but labels\.json has 3"):
        read_bundle(path)


# --- hostile members with recomputed checksums: the schema and the graph checks (more in test_hostile_osm.py) ---


def _rewritten(good: Path, tmp_path: Path, **members: object) -> Path:
    """``good`` with JSON members replaced (manifest's ``input`` via ``input=``) and checksums recomputed."""
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    if "input" in members:
        manifest["input"] = members.pop("input")
    change: dict[str, bytes | None] = {
        name.replace("_", "."): json.dumps(value).encode() for name, value in members.items()
    }
    change["manifest.json"] = json.dumps(manifest).encode()
    return rezip(good, tmp_path / "hostile.osm", change, fix_checksums=True)


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"input": {"size": True}}, r"manifest\.json: 'input\.size' must be a whole number from 16 to 1024, got True"),
        ({"input": {"size": 224, "crop_fraction": 0}}, r"'input\.crop_fraction' must be a number from 0\.25 to 1"),
        ({"input": {"size": 224, "std": [128, 0, 128]}}, r"'input\.std' must be a list of 3 numbers, each above 0"),
        ({"input": [224]}, r"manifest\.json: 'input' must be a JSON object"),
        ({"labels_json": ["red", "red"]}, r"labels\.json: class names must be distinct; listed twice: red"),
        ({"labels_json": ["red", ""]}, r"labels\.json: class names must be 1 to 1000 characters"),
        ({"card_json": []}, r"card\.json: must be a JSON object, got \[\] \(a list\)"),
        ({"card_json": {"name": ["x"]}}, r"card\.json: 'name' must be text of at most 1,000 characters"),
        ({"card_json": {"classes": ["blue", "red"]}}, r"'classes' must be the class names of labels\.json"),
        ({"card_json": {"evaluation": {"confusion": [[1, 2]]}}}, r"'confusion' is a 2×2 table of counts"),
        ({"card_json": {"limits": ["ok", 3]}}, r"card\.json: 'limits' must be a list of at most"),
    ],
)
def test_json_members_are_checked_against_the_schema(
    good: Path, tmp_path: Path, members: dict[str, object], words: str
) -> None:
    hostile = _rewritten(good, tmp_path, **members)
    with pytest.raises(ModelFileError, match=words):
        TaughtModel.from_file(hostile)


@pytest.mark.parametrize(
    ("text", "words"),
    [("[" * 100_000 + "]" * 100_000, "maximum recursion depth"), ('{"size": ' + "9" * 5000 + "}", "4300 digits")],
)
def test_json_that_breaks_the_parser_is_refused(good: Path, tmp_path: Path, text: str, words: str) -> None:
    hostile = rezip(good, tmp_path / "deep.osm", {"card.json": text.encode()}, fix_checksums=True)
    with pytest.raises(ModelFileError, match=rf"card\.json cannot be read \(.*{words}.*\); refused"):
        read_bundle(hostile)


def test_a_threshold_that_is_not_a_number_is_refused(good: Path, tmp_path: Path) -> None:
    card = json.dumps({"name": "tiny", "unsure_threshold": float("nan")}).encode()  # Python writes NaN, JSON has none
    hostile = rezip(good, tmp_path / "nan.osm", {"card.json": card}, fix_checksums=True)
    with pytest.raises(ModelFileError, match=r"card\.json: 'unsure_threshold' must be a number from 0 to 1, or null"):
        read_bundle(hostile)


def _graph_feeding(nodes: list[object], initializers: list[object], feed: str, **options: object) -> bytes:
    """``tiny_graph`` with ``nodes`` added, and ``feed`` added as 0 × its sum to the logits (so it is computed)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load_from_string(tiny_graph())
    graph = model.graph
    softmax = graph.node[-1]
    graph.node.remove(softmax)
    softmax.input[0] = "fed"
    graph.initializer.extend([*initializers, numpy_helper.from_array(np.array(0.0, np.float32), "zero")])
    graph.node.extend(
        [
            *nodes,
            helper.make_node("Cast", [feed], ["feed.float"], to=TensorProto.FLOAT),
            helper.make_node("ReduceSum", ["feed.float"], ["feed.sum"], keepdims=0),
            helper.make_node("Mul", ["feed.sum", "zero"], ["feed.nothing"]),
            helper.make_node("Add", ["logits", "feed.nothing"], ["fed"]),
            softmax,
        ]
    )
    for name, value in options.items():
        setattr(model, name, value)
    data: bytes = model.SerializeToString()
    return data


def _written(tmp_path: Path, graph: bytes) -> Path:
    path = tmp_path / "graph.osm"
    write_bundle(path, tiny_bundle(graph))
    return path


def test_declared_shapes_are_not_trusted(tmp_path: Path) -> None:
    """A size computed from the pixels' values, with a value_info claiming it is small: derived, not believed."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("ReduceMax", ["pixels"], ["brightest"], keepdims=1),
        helper.make_node("Cast", ["brightest"], ["count"], to=TensorProto.INT64),
        helper.make_node("Reshape", ["count", "one"], ["count.1d"]),
        helper.make_node("Mul", ["count.1d", "million"], ["many"]),
        helper.make_node("Concat", ["many", "one"], ["repeats"], axis=0),
        helper.make_node("Tile", ["weights", "repeats"], ["tiled"], name="tiler"),
    ]
    inits = [
        numpy_helper.from_array(np.array([10**6], np.int64), "million"),
        numpy_helper.from_array(np.array([1], np.int64), "one"),
    ]
    model = onnx.load_from_string(_graph_feeding(nodes, inits, "tiled"))
    model.graph.value_info.append(helper.make_tensor_value_info("tiled", TensorProto.FLOAT, [3, 2]))
    with pytest.raises(ModelFileError, match=r"the size of 'tiled', made by the 'Tile' node 'tiler'.* cannot be known"):
        read_bundle(_written(tmp_path, model.SerializeToString()))


def test_loops_and_the_ml_domain_are_refused(tmp_path: Path) -> None:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    body = helper.make_graph(
        [
            helper.make_node("Identity", ["condition"], ["condition.out"]),
            helper.make_node("Identity", ["v"], ["v.out"]),
        ],
        "body",
        [
            helper.make_tensor_value_info("i", TensorProto.INT64, []),
            helper.make_tensor_value_info("condition", TensorProto.BOOL, []),
            helper.make_tensor_value_info("v", TensorProto.FLOAT, []),
        ],
        [
            helper.make_tensor_value_info("condition.out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("v.out", TensorProto.FLOAT, []),
        ],
    )
    trips = numpy_helper.from_array(np.array(10**12, np.int64), "trips")
    start = numpy_helper.from_array(np.array(0.0, np.float32), "start")
    loop = helper.make_node("Loop", ["trips", "", "start"], ["looped"], body=body)
    with pytest.raises(
        ModelFileError, match=r"an unnamed 'Loop' node in the main graph uses an ONNX op that opensight"
    ):
        read_bundle(_written(tmp_path, _graph_feeding([loop], [trips, start], "looped")))
    ml = helper.make_node("Normalizer", ["weights"], ["normalised"], domain="ai.onnx.ml")
    model = onnx.load_from_string(_graph_feeding([ml], [], "normalised"))
    model.opset_import.append(helper.make_opsetid("ai.onnx.ml", 3))
    with pytest.raises(ModelFileError, match=r"model\.onnx: imports the op domain 'ai\.onnx\.ml'"):
        read_bundle(_written(tmp_path, model.SerializeToString()))


def test_a_fixed_batch_or_a_wrong_size_is_refused(tmp_path: Path) -> None:
    import onnx

    model = onnx.load_from_string(tiny_graph())
    model.graph.input[0].type.tensor_type.shape.dim[0].dim_value = 1
    with pytest.raises(
        ModelFileError, match=r"input 'pixels' must be uint8 RGB pixels \[batch, 224, 224, 3\].*\[1, 224"
    ):
        read_bundle(_written(tmp_path, model.SerializeToString()))
    path = tmp_path / "small.osm"
    bundle = tiny_bundle()
    write_bundle(
        path, Bundle(bundle.model_onnx, bundle.labels, bundle.card, make_manifest("classify", {}, {"size": 64}))
    )
    with pytest.raises(ModelFileError, match=r"\[batch, 64, 64, 3\] \(the size manifest\.json declares\), got uint8"):
        read_bundle(path)


def test_outputs_that_are_not_probabilities_are_refused(tmp_path: Path) -> None:
    import onnx

    model = onnx.load_from_string(tiny_graph())
    model.graph.node[-1].op_type = "Relu"  # the logits, not probabilities
    del model.graph.node[-1].attribute[:]
    with pytest.raises(ModelFileError, match=r"on a blank picture the graph gave \(1, 2\) values that are not 2 prob"):
        read_bundle(_written(tmp_path, model.SerializeToString()))


def test_too_much_work_is_refused_before_running(tmp_path: Path) -> None:
    from onnx import helper, numpy_helper

    square = numpy_helper.from_array(np.ones((2048, 2048), np.float32), "square")  # 8.6e9 multiply-adds each
    nodes = [helper.make_node("MatMul", ["square", "square"], [f"product{i}"]) for i in range(6)]
    nodes.append(helper.make_node("Sum", [f"product{i}" for i in range(6)], ["products"]))
    with pytest.raises(ModelFileError, match=r"needs more than 5e\+10 operations for one picture"):
        read_bundle(_written(tmp_path, _graph_feeding(nodes, [square], "products")))


def test_the_trial_run_is_memory_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the static limits wrong, the trial run's arena still stops a 1.6 GB tensor (without allocating it)."""
    from onnx import helper, numpy_helper

    from opensight import _osm_graph

    monkeypatch.setattr(_osm_graph, "MAX_TENSOR_VALUES", 1 << 40)
    monkeypatch.setattr(_osm_graph, "MAX_TENSOR_BYTES", 1 << 50)
    nodes = [
        helper.make_node("Shape", ["pixels"], ["pixels.shape"]),  # not foldable: the batch is only known at run time
        helper.make_node("Concat", ["pixels.shape", "depth"], ["big.shape"], axis=0),
        helper.make_node("ConstantOfShape", ["big.shape"], ["big"]),
    ]
    depth = numpy_helper.from_array(np.array([2673], np.int64), "depth")  # 150,528 × 2,673 floats = 1.6 GB
    started = time.perf_counter()
    with pytest.raises(ModelFileError, match=r"model\.onnx: a trial run needs more than 1 GiB of memory"):
        read_bundle(_written(tmp_path, _graph_feeding(nodes, [depth], "big")))
    assert time.perf_counter() - started < 20


def test_the_trial_run_is_time_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from onnx import TensorProto, helper, numpy_helper

    from opensight import _osm_graph, _osm_trial

    monkeypatch.setattr(_osm_graph, "MAX_WORK", 1e15)
    monkeypatch.setattr(_osm_trial, "TRIAL_SECONDS", 0.3)
    square = numpy_helper.from_array(np.full((512, 512), 1e-3, np.float32), "square")
    nodes = [  # from the pixels, so that nothing can be computed ahead when the session is built
        helper.make_node("Cast", ["pixels"], ["pixels.float"], to=TensorProto.FLOAT),
        helper.make_node("ReduceMean", ["pixels.float"], ["brightness"], keepdims=0),
        helper.make_node("Mul", ["square", "brightness"], ["product0"]),
    ]
    nodes += [helper.make_node("MatMul", [f"product{i}", "square"], [f"product{i + 1}"]) for i in range(2000)]
    started = time.perf_counter()
    with pytest.raises(ModelFileError, match=r"a trial run took more than 0\.3 s on one blank picture"):
        read_bundle(_written(tmp_path, _graph_feeding(nodes, [square], "product2000")))
    assert time.perf_counter() - started < 20


def _growth_bombs() -> dict[str, tuple[list[object], list[object], str, str]]:
    """Graphs that exhaust the memory of ONNX shape inference or of ONNX Runtime's session builder themselves."""
    from onnx import helper, numpy_helper

    doubling = [helper.make_node("Shape", ["pixels"], ["s0"])]
    doubling += [helper.make_node("Concat", [f"s{i}", f"s{i}"], [f"s{i + 1}"], axis=0) for i in range(30)]
    axes = numpy_helper.from_array(np.arange(1000, dtype=np.int64), "many_axes")
    unsqueezed = [
        helper.make_node("Unsqueeze", ["weights" if i == 0 else f"u{i}", "many_axes"], [f"u{i + 1}"]) for i in range(50)
    ]
    big = numpy_helper.from_array(np.arange(10**6, dtype=np.int64), "big")
    long_shape = numpy_helper.from_array(np.array([10**6], np.int64), "long")
    return {
        "doubling shape data": (doubling, [], "s30", r"'Concat' node .* makes shape data of up to 128 values"),
        "rank from a long axes list": (unsqueezed, [axes], "u50", r"'Unsqueeze' node .* with up to 1,002 dimensions"),
        "a long integer vector as shape data": (
            [helper.make_node("Add", ["big", "big"], ["sum"])],
            [big],
            "sum",
            r"'Add' node .* makes shape data of up to 1,000,000 values",
        ),
        "a shape whose length depends on values": (
            [
                helper.make_node(
                    "ConstantOfShape", ["long"], ["ones"], value=numpy_helper.from_array(np.ones(1, np.int64))
                ),
                helper.make_node("Reshape", ["weights", "ones"], ["reshaped"]),
            ],
            [long_shape],
            "reshaped",
            r"'Reshape' node .* with an unbounded number of dimensions",
        ),
    }


@pytest.mark.parametrize("case", list(_growth_bombs()))
def test_graphs_that_grow_while_loading_are_refused_first(case: str, tmp_path: Path) -> None:
    import resource

    nodes, initializers, feed, words = _growth_bombs()[case]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ModelFileError, match=r"model\.onnx: .*" + words):
        read_bundle(_written(tmp_path, _graph_feeding(nodes, initializers, feed)))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500_000  # kB: nothing was inflated


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (os.mkfifo, r"this is a named pipe \(FIFO\), not a file"),
        (lambda path: os.symlink("/dev/zero", path), r"this links to a character device \(/dev/zero\), not to a file"),
        (os.mkdir, r"this is a folder, not a file"),
    ],
    ids=["fifo", "link to /dev/zero", "folder"],
)
def test_a_path_that_is_not_a_file_says_what_it_is(make: Callable[[Path], None], words: str, tmp_path: Path) -> None:
    """Said at once (no read that waits on the pipe or never ends on the device), not "no such file"."""
    path = tmp_path / "model.osm"
    make(path)
    started = time.perf_counter()
    with pytest.raises(ModelFileError, match=rf"^{re.escape(str(path))}: {words}"):
        read_bundle(path)
    assert time.perf_counter() - started < 5
    with pytest.raises(ModelFileError, match=r"missing\.osm: no such file; check the path"):
        read_bundle(tmp_path / "missing.osm")


def test_how_a_picture_is_made_square_is_read_from_the_manifest_and_checked() -> None:
    from opensight._errors import ModelFileError
    from opensight._osm_schema import checked_input

    assert checked_input("old.osm", {"input": {"size": 224}}).fit == "crop"  # files from before it was recorded
    assert checked_input("new.osm", {"input": {"fit": "whole", "crop_fraction": 1.0}}).fit == "whole"
    with pytest.raises(ModelFileError, match=r"input\.fit.*must be one of crop, whole"):
        checked_input("odd.osm", {"input": {"fit": "stretch"}})
