"""Teaching body poses for real: MoveNet's keypoints of two real people (scikit-image's astronaut and cameraman),
each photographed again (cropped, resized, turned); a picture without a person; the base detector checked at
load; a video gives per-frame answers with a smoothed label.

The data is honest about what it is: two people in two poses, seen through camera changes — a check of the
pipeline and of its invariance to where and how big the person is, not of pose recognition in the wild."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import opensight as osi
from opensight._errors import ModelFileError
from opensight.teach import TaughtPoseModel
from tests._people import people as _people
from tests._people import photographed_again as _again
from tests.conftest import OPENSIGHT


@pytest.fixture(scope="module")
def poses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("poses") / "people"
    rng = np.random.default_rng(0)
    for name, pixels in _people().items():
        (root / name).mkdir(parents=True)
        for number in range(8):
            _again(pixels, rng).save(root / name / f"{number}.jpg", quality=90)
    Image.fromarray(np.full((240, 320, 3), 200, np.uint8)).save(root / "cameraman" / "empty-room.png")
    return root


@pytest.fixture(scope="module")
def saved(poses: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = osi.teach(poses, kind="poses", store=tmp_path_factory.mktemp("store") / "store.sqlite")
    assert isinstance(model, TaughtPoseModel)
    return model.save(tmp_path_factory.mktemp("model") / "people.osm")


def test_teach_poses_tells_how_good_it_is_and_skips_nobody(saved: Path) -> None:
    model = osi.load(saved)
    assert isinstance(model, TaughtPoseModel)
    assert model.kind == "poses"
    assert model.card["base_model"] == "movenet_lightning"
    assert model.card["evaluation"]["accuracy"] >= 0.9
    skipped = {Path(entry["path"]).name: entry["reason"] for entry in model.card["skipped"]}
    assert "no person found" in skipped["empty-room.png"]
    assert "data:image/jpeg;base64" in (model.report.html or "")  # thumbnails with the skeleton drawn
    with zipfile.ZipFile(saved) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["input"]["kind"] == "landmarks"
    assert manifest["input"]["base_model"] == "movenet_lightning"


def test_new_photos_of_the_same_people_are_told_apart(saved: Path, tmp_path: Path) -> None:
    rng = np.random.default_rng(99)  # other crops, sizes and turns than the taught ones
    paths = {}
    for name, pixels in _people().items():
        for number in range(3):
            paths[_save(_again(pixels, rng), tmp_path / f"{name}-{number}.jpg")] = name
    model = osi.load(saved)
    answers = {outcome.name: outcome.result for outcome in model.stream([str(p) for p in paths])}
    assert all(answers[str(path)].guess == name for path, name in paths.items())
    assert all(result.person is not None for result in answers.values())


def _save(picture: Image.Image, path: Path) -> Path:
    picture.save(path, quality=90)
    return path


def test_nobody_in_the_picture_is_said_not_guessed(saved: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    Image.fromarray(np.full((200, 300, 3), 180, np.uint8)).save(empty)
    answer = osi.load(saved).one(str(empty))
    assert (answer.label, answer.guess, answer.score, answer.found) == ("unsure", "no person", 0.0, None)
    assert answer.summary().startswith("No person found")


def test_a_video_gives_each_frame_and_a_smoothed_label(saved: Path, tmp_path: Path) -> None:
    import av

    video = tmp_path / "walk.mp4"
    frames = [np.asarray(Image.fromarray(_people()["astronaut"]).resize((256, 256)))] * 10
    with av.open(str(video), "w") as out:
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 256, 256, "yuv420p"
        for pixels in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    done = subprocess.run([OPENSIGHT, "predict", str(saved), str(video), "-f", "jsonl"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 10
    assert {row["smoothed"] for row in rows} == {"astronaut"}
    assert rows[-1]["frame"] == 9


def test_a_model_taught_on_another_detector_is_refused(saved: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.osm"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["input"]["base_sha256"] = "0" * 64
                members = manifest["members"]
                data = json.dumps({**manifest, "members": members}).encode()
            target.writestr(info, data)
    with pytest.raises(ModelFileError, match="another version of movenet_lightning"):
        osi.load(changed)
