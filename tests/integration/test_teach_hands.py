"""Teaching hand gestures for real: MediaPipe's hand landmarks in three drawings of people (Openclipart, Debian
``openclipart-png``; no photo of hands is offline), each drawn again (cropped, resized, turned, and mirrored: the
same gesture with the other hand); a picture without a hand; the .osm round trip.

What this data is: three hands, seen through picture changes — a check of the pipeline and of its invariance to
where the hand is, how big, and which hand, not of gesture recognition on real photos."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

import opensight as osi
from opensight.teach import TaughtPoseModel
from tests._people import DRAWINGS
from tests._people import drawing as _drawing
from tests._people import drawn_again as _again


@pytest.fixture(scope="module")
def gestures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hands") / "gestures"
    rng = np.random.default_rng(0)
    for name in DRAWINGS:
        (root / name).mkdir(parents=True)
        for number in range(6):
            _again(_drawing(name), rng, mirror=number % 2 == 1).save(root / name / f"{number}.png")
    Image.fromarray(np.full((300, 300, 3), 230, np.uint8)).save(root / "groom" / "blank.png")
    return root


@pytest.fixture(scope="module")
def saved(gestures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = osi.teach(gestures, kind="hands", store=tmp_path_factory.mktemp("store") / "store.sqlite")
    assert isinstance(model, TaughtPoseModel)
    return model.save(tmp_path_factory.mktemp("model") / "gestures.osm")


def test_teach_hands_round_trips_and_tells_how_good_it_is(saved: Path) -> None:
    model = osi.load(saved)
    assert isinstance(model, TaughtPoseModel)
    assert model.card["base_model"] == "mediapipe_hand_landmarks"
    assert model.card["evaluation"]["accuracy"] >= 0.8
    skipped = {Path(entry["path"]).name: entry["reason"] for entry in model.card["skipped"]}
    assert "no hand found" in skipped["blank.png"]
    with zipfile.ZipFile(saved) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["input"]["landmarks"] == "hands"
    assert manifest["input"]["features"] == 64


def test_the_same_gesture_with_the_other_hand_is_the_same_class(saved: Path, tmp_path: Path) -> None:
    model = osi.load(saved)
    for name in DRAWINGS:
        straight, mirrored = tmp_path / f"{name}.png", tmp_path / f"{name}-mirrored.png"
        _drawing(name).save(straight)  # the drawing as it is, and mirrored: the gesture made with the other hand
        ImageOps.mirror(_drawing(name)).save(mirrored)
        a, b = (model.one(str(path)) for path in (straight, mirrored))
        assert a.found is not None
        assert b.found is not None
        assert a.guess == b.guess == name
        assert a.found.to_dict()["handedness"] != b.found.to_dict()["handedness"]


def test_classes_without_a_hand_say_why_they_were_left_out(gestures: Path, tmp_path: Path) -> None:
    """A trial: two folders of drawings without a hand were refused with "after skipping unreadable files, fewer than
    2 classes have pictures" — the files were readable; no hand was found in them, and none was named."""
    data = tmp_path / "plain"
    for name, shade in (("light", 230), ("dark", 40)):
        (data / name).mkdir(parents=True)
        for number in range(3):
            Image.fromarray(np.full((200, 200, 3), shade + number, np.uint8)).save(data / name / f"{number}.png")
    first = sorted(gestures.iterdir())[0]  # one class of hands: the other two have none
    (data / first.name).mkdir()
    for path in sorted(first.glob("*.png"))[:3]:
        (data / first.name / path.name).write_bytes(path.read_bytes())
    with pytest.raises(
        osi.InputError,
        match=r"only \S+ has examples left: \d+ file\(s\) left out — \d+ no hand found — such as dark/0\.png, ",
    ):
        osi.teach(data, kind="hands", store=tmp_path / "store.sqlite")
