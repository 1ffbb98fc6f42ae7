"""The .osm format: round trip, and hostile files refused with ModelFileError — no code run, nothing written."""

from __future__ import annotations

import json
import os
import pickle
import struct
import time
import zipfile
import zlib
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
