"""detect and pose on real photos, drawing results, and the commands (issue 6, first part)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import opensight as osi
from tests.conftest import OPENSIGHT, OUTPUT, sample_photo


@pytest.mark.parametrize(
    ("name", "label", "box"),
    [
        ("stereo_motorcycle", "motorcycle", (99, 66, 684, 447)),
        ("chelsea", "cat", (9, 2, 404, 297)),
        ("coffee", "cup", (173, 12, 411, 243)),
    ],
)
def test_golden_detections(name: str, label: str, box: tuple[int, int, int, int]) -> None:
    found = osi.detect(sample_photo(name))
    assert label in found.labels, found.summary()
    best = found[np.array([lab == label for lab in found.labels])]
    assert np.abs(best.boxes[0] - np.array(box)).max() < 25
    assert float(best.scores[0]) > 0.7


def test_detections_filtering_and_validation() -> None:
    coffee = sample_photo("coffee")
    only_cups = osi.detect(coffee, classes=["cup"])
    assert set(only_cups.labels) == {"cup"}
    assert len(osi.detect(coffee, min_score=0.999)) == 0
    everything = osi.detect(coffee, min_score=0.3)
    assert len(everything) >= len(only_cups)
    assert everything[everything.scores > 2].labels == ()
    assert osi.Detections.empty("m").summary() == "nothing found"
    with pytest.raises(osi.InputError, match="unknown class"):
        osi.detect(coffee, classes=["unicorn"])
    with pytest.raises(osi.InputError, match="min_score"):
        osi.detect(coffee, min_score=2)


def test_boxes_are_in_original_pixels_of_big_exif_rotated_photos(tmp_path: Path) -> None:
    big = Image.fromarray(sample_photo("chelsea")).resize((3000, 2000))
    exif = Image.Exif()
    exif[0x0112] = 8  # stored sideways: shown rotated 90° (counter-clockwise)
    path = tmp_path / "cat.jpg"
    big.rotate(-90, expand=True).save(path, exif=exif, quality=90)
    found = osi.detect(path)
    assert "cat" in found.labels
    _, _, x2, y2 = found.boxes[list(found.labels).index("cat")]
    assert x2 > 2000  # upright 3000 × 2000 coordinates, not the draft-decoded or sideways ones
    assert y2 <= 2000


def test_pose_on_a_portrait() -> None:
    poses = osi.pose(sample_photo("astronaut"))
    assert len(poses) == 1
    person = poses.people[0]
    nose, left, right = person.keypoint("nose"), person.keypoint("left_shoulder"), person.keypoint("right_shoulder")
    assert nose[1] < min(left[1], right[1])  # the nose is above the shoulders
    assert right[0] < nose[0] < left[0]  # facing us: her left shoulder is on our right
    assert np.all((person.keypoints[:, :2] >= 0) & (person.keypoints[:, :2] <= 512))
    assert set(person.to_dict()["keypoints"]) >= {"nose", "left_ankle", "right_wrist"}
    assert len(osi.pose(np.zeros((200, 300, 3), np.uint8))) == 0  # nobody in a black picture


def test_tiny_grey_and_empty_pictures_give_empty_results() -> None:
    tiny = np.full((8, 8, 3), 120, np.uint8)
    grey = np.full((50, 60), 90, np.uint8)
    assert len(osi.detect(tiny)) == 0
    assert len(osi.pose(tiny)) == 0
    assert len(osi.faces(tiny)) == 0
    assert osi.detect(grey).summary() == "nothing found"


def test_drawing_changes_only_where_drawn() -> None:
    pixels = sample_photo("chelsea")
    found = osi.detect(pixels)
    drawn = np.asarray(osi.annotate(pixels, found))
    changed = np.any(drawn != pixels, axis=2)
    assert changed.any()
    x1, y1, x2, y2 = (int(v) for v in found.boxes[0])
    margin = 6
    inside = np.zeros_like(changed)
    inside[y1 + 40 : y2 - margin, x1 + margin : x2 - margin] = True  # below the label tag, inside the box
    outside = np.ones_like(changed)
    outside[max(0, y1 - 30) : y2 + margin, max(0, x1 - margin) : x2 + margin] = False
    assert not changed[inside].any()
    assert not changed[outside].any()
    assert np.array_equal(pixels, sample_photo("chelsea"))  # the input itself is untouched
    with pytest.raises(osi.InputError, match="no drawing"):
        osi.annotate(pixels, "not a result")


def test_readme_pictures() -> None:
    """The annotated pictures the README shows, made from the sample photos (≤ 200 KB each)."""
    OUTPUT.mkdir(exist_ok=True)
    motorcycle = sample_photo("stereo_motorcycle")
    astronaut = sample_photo("astronaut")
    pictures = {
        "detect.png": osi.annotate(motorcycle, osi.detect(motorcycle)),
        "pose.png": osi.annotate(astronaut, osi.pose(astronaut)),
        "faces.png": osi.annotate(astronaut, osi.faces(astronaut)),
    }
    for name, picture in pictures.items():
        picture.thumbnail((480, 480))
        path = OUTPUT / name
        picture.quantize(256).save(path, optimize=True)
        assert path.stat().st_size <= 200_000


def test_cli_detect_pose_and_save_annotated(photos: Path, tmp_path: Path) -> None:
    before = hashlib.sha256((photos / "chelsea.jpg").read_bytes()).hexdigest()
    drawn = tmp_path / "drawn"
    done = subprocess.run(
        [OPENSIGHT, "detect", str(photos), "--save-annotated", str(drawn), "--classes", "cat,cup"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = {Path(row["path"]).name: row for row in map(json.loads, done.stdout.splitlines())}
    assert rows["chelsea.jpg"]["counts"] == {"cat": 1}
    assert rows["rocket.jpg"]["detections"] == []
    assert {detection["label"] for detection in rows["coffee.jpg"]["detections"]} == {"cup"}
    assert sorted(p.name for p in drawn.iterdir()) == ["astronaut.jpg", "chelsea.jpg", "coffee.jpg", "rocket.jpg"]
    assert hashlib.sha256((photos / "chelsea.jpg").read_bytes()).hexdigest() == before
    table = subprocess.run(
        [OPENSIGHT, "detect", str(photos / "chelsea.jpg"), "-f", "table"], capture_output=True, text=True
    )
    assert "1 × cat" in table.stdout
    posed = subprocess.run([OPENSIGHT, "pose", str(photos / "astronaut.jpg")], capture_output=True, text=True)
    assert posed.returncode == 0
    assert "INFO" not in posed.stderr
    assert len(json.loads(posed.stdout)["people"]) == 1
    wrong = subprocess.run([OPENSIGHT, "detect", str(photos), "--classes", "unicorn"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "unknown class" in wrong.stderr


def test_batch_runs_detect_and_pose(photos: Path, tmp_path: Path) -> None:
    for task in ("detect", "pose"):
        db = tmp_path / f"{task}.sqlite"
        done = subprocess.run([OPENSIGHT, "run", task, str(photos), "--db", str(db)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with sqlite3.connect(db) as connection:
            results = dict(connection.execute("SELECT path, result FROM results").fetchall())
        assert len(results) == 4
        chelsea = json.loads(results[str(photos / "chelsea.jpg")])
        assert ("detections" if task == "detect" else "people") in chelsea
