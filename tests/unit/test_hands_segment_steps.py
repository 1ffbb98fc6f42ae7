"""The steps around the MediaPipe models, without the models: palm anchors and decoding, the hand square and the
landmark projection, segmentation rows and video smoothing, cut-outs, and the wheel the files come from (missing,
tampered with)."""

from __future__ import annotations

import hashlib
import math
import zipfile
from pathlib import Path

import numpy as np
import pytest

from opensight import InputError, ModelFileError, ModelNotInstalledError
from opensight._cutouts import MaskOutputs, composite, cutout
from opensight._files import Outputs
from opensight._results_body import Segmentation
from opensight.inputs import Item
from opensight.models import _wheels, get_model
from opensight.models._wheels import WheelFile
from opensight.models.mediapipe_hands import HAND_SIDE, crop, decode_palms, hand_square, palm_anchors, project
from opensight.tasks._base import ORIGINAL_SIZE
from opensight.tasks.segment import Segmenter


def test_the_anchors_cover_two_grids() -> None:
    anchors = palm_anchors()
    assert anchors.shape == (2016, 2)
    assert np.allclose(anchors[0], [0.5 / 24, 0.5 / 24])
    assert np.allclose(anchors[1], anchors[0])
    assert np.allclose(anchors[1152], [0.5 / 12, 0.5 / 12])
    assert np.allclose(anchors[1157], anchors[1152])
    assert anchors.min() > 0
    assert anchors.max() < 1


def test_a_palm_is_decoded_around_its_anchor_and_overlaps_merge() -> None:
    raw = np.zeros((2016, 18), np.float32)
    logits = np.full((2016, 1), -10.0, np.float32)
    for index, score in ((300, 5.0), (301, 3.0)):  # two anchors of the same cell: one palm
        raw[index, 2:4] = 48.0  # a quarter of the 192-pixel square wide and high
        raw[index, 4:6] = (0.0, 24.0)  # the wrist below the centre
        logits[index] = score
    palms = decode_palms(raw, logits)
    assert len(palms.scores) == 1
    assert palms.scores[0] == pytest.approx(1 / (1 + math.exp(-5.0)))
    centre = palm_anchors()[300]
    assert np.allclose((palms.boxes[0, :2] + palms.boxes[0, 2:]) / 2, centre, atol=1e-6)
    assert np.allclose(palms.boxes[0, 2:] - palms.boxes[0, :2], 0.25, atol=1e-6)
    assert np.allclose(palms.keypoints[0, 0], centre + np.array([0.0, 0.125]), atol=1e-6)


def test_an_upright_hand_square_is_not_turned_and_moves_towards_the_fingers() -> None:
    box = np.array([0.4, 0.4, 0.6, 0.6])
    keypoints = np.zeros((7, 2))
    keypoints[0], keypoints[2] = (0.5, 0.6), (0.5, 0.4)  # wrist below the middle finger: fingers up
    cx, cy, size, angle = hand_square(box, keypoints, 100)
    assert angle == pytest.approx(0.0, abs=1e-9)
    assert (cx, cy) == pytest.approx((50.0, 40.0))  # half the palm's height up
    assert size == pytest.approx(20 * 2.6)
    keypoints[2] = (0.7, 0.6)  # fingers to the right: turned a quarter
    assert hand_square(box, keypoints, 100)[3] == pytest.approx(math.pi / 2)


def test_landmarks_go_back_to_where_the_crop_came_from() -> None:
    pixels = np.zeros((200, 300, 3), np.uint8)
    pixels[120:124, 180:184] = 255  # a white dot
    square = (170.0, 110.0, 80.0, math.radians(30))
    cropped = crop(pixels, square)
    assert cropped.shape == (HAND_SIDE, HAND_SIDE, 3)
    v, u = np.argwhere(cropped[..., 0] > 128).mean(axis=0)
    x, y, _ = project(np.array([[u, v, 0.0]], np.float32), square)[0]
    assert (x, y) == pytest.approx((182.0, 122.0), abs=1.0)


def segmentation(value: float, size: tuple[int, int] = (8, 6)) -> Segmentation:
    return Segmentation(probabilities=np.full((4, 4), value, np.float32), size=size, model="m")


class Canned:
    """A runner that answers each call with the next of the given person probabilities (no model is loaded)."""

    def __init__(self, values: list[float]) -> None:
        self.values = values

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {
            "probabilities": np.stack([np.full((4, 4, 1), self.values.pop(0), np.float32) for _ in inputs["pixels"]])
        }


def test_video_masks_are_smoothed_and_pictures_are_not() -> None:
    segmenter = Segmenter(runner=Canned([1.0, 0.0, 0.0]), smoothing=0.5, batch_size=1)
    pixels = np.zeros((6, 8, 3), np.uint8)
    frames = [Item("clip.mp4", image=pixels, frame=k, time=k / 30) for k in range(2)]
    outcomes = [segmenter.run_items([frame])[0] for frame in frames]
    assert [float(o.result.probabilities.mean()) for o in outcomes if o.result] == [1.0, 0.5]
    picture = segmenter.run_items([Item("photo.jpg", image=pixels)])[0]
    assert picture.result is not None
    assert float(picture.result.probabilities.mean()) == 0.0
    with pytest.raises(InputError, match="smoothing must be"):
        Segmenter(runner=Canned([]), smoothing=1.0)


def test_segmentation_rows_and_mask() -> None:
    found = Segmenter(runner=Canned([0.9])).postprocess(
        {"probabilities": np.full((1, 4, 4, 1), 0.9, np.float32), ORIGINAL_SIZE: np.array([[80, 60]])}, 0
    )
    assert found.to_dict() == {"share": 1.0, "score": 0.9, "box": [0.0, 0.0, 80.0, 60.0], "model": found.model}
    assert found.mask.shape == (60, 80)
    assert found.mask.dtype == np.uint8
    assert segmentation(0.1).to_dict()["box"] is None
    assert segmentation(0.1).summary() == "No person found"


def test_cutouts_and_composites(tmp_path: Path) -> None:
    pixels = np.full((6, 8, 3), 200, np.uint8)
    assert np.asarray(cutout(pixels, segmentation(0.0)))[..., 3].max() == 0
    assert np.asarray(composite(pixels, segmentation(1.0), blur=2)).tolist() == pixels.tolist()
    with pytest.raises(InputError, match="either blur"):
        composite(pixels, segmentation(1.0))
    with pytest.raises(InputError, match="--composite"):
        MaskOutputs(Outputs(), blur=3)
    with pytest.raises(InputError, match="--blur-background N or --background"):
        MaskOutputs(Outputs(), composites=tmp_path)


def make_wheel(folder: Path, member: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / "toy-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(member, data)
    return wheel


def test_a_missing_wheel_says_make_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_wheels, "wheel_folders", lambda: [tmp_path / "none"])
    monkeypatch.setenv("OPENSIGHT_CACHE", str(tmp_path / "cache"))
    spec = get_model("mediapipe_selfie_segmentation")
    assert not spec.installed()
    with pytest.raises(ModelNotInstalledError, match=r"mediapipe 0\.10\.21 wheel.*not downloaded.*`make setup`"):
        spec.check_installed()
    with pytest.raises(ModelNotInstalledError, match="make setup"):
        get_model("mediapipe_hand_landmarks").source.locate()  # type: ignore[union-attr]
    from opensight.serve.api import task_list

    listed = {entry["task"]: entry for entry in task_list()}
    assert not listed["segment"]["installed"]
    assert "make setup" in listed["segment"]["install"]  # what the Studio says instead of a pip extra
    assert listed["classify"]["install"] is None


def test_a_tampered_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"model bytes"
    monkeypatch.setattr(_wheels, "wheel_folders", lambda: [tmp_path / "wheels"])
    monkeypatch.setenv("OPENSIGHT_CACHE", str(tmp_path / "cache"))
    make_wheel(tmp_path / "wheels", "toy/model.tflite", data)
    good = WheelFile("toy", "1.0", "toy/model.tflite", hashlib.sha256(data).hexdigest())
    extracted = good.locate()
    assert extracted.read_bytes() == data
    assert extracted.is_relative_to(tmp_path / "cache")
    extracted.write_bytes(b"model bytes, changed")
    with pytest.raises(ModelFileError, match="does not match the sha256"):
        good.locate()
    extracted.unlink()
    assert good.locate().read_bytes() == data  # deleted: taken out of the wheel again
    wrong = WheelFile("toy", "1.0", "toy/model.tflite", "0" * 64)
    extracted.unlink()
    with pytest.raises(ModelFileError, match="does not match"):
        wrong.locate()
    assert not extracted.exists()  # nothing that fails the check is left in the cache
    with pytest.raises(ModelFileError, match=r"has no toy/other\.tflite"):
        WheelFile("toy", "1.0", "toy/other.tflite", "0" * 64).locate()
