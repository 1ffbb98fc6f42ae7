"""faces: find, enrol, recognise (dlib), through the API and the CLI, with the gallery in the store."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from PIL import Image

import opensight as osi
from tests.conftest import OPENSIGHT, sample_photo

GRACE = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"


@pytest.fixture(scope="module")
def portraits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two different pictures of one person (a crop; a mirrored, smaller copy), a stranger, a crowd, no face."""
    folder = tmp_path_factory.mktemp("faces")
    grace = Image.open(GRACE)
    width, height = grace.size
    grace.crop((20, 20, width - 20, height - 40)).save(folder / "grace_crop.jpg")
    grace.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((width * 3 // 4, height * 3 // 4)).save(
        folder / "grace_small.jpg"
    )
    Image.fromarray(sample_photo("astronaut")).save(folder / "stranger.jpg")
    pair = Image.new("RGB", (width * 2, height))
    pair.paste(grace, (0, 0))
    pair.paste(grace.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (width, 0))
    pair.save(folder / "two_faces.jpg")
    Image.fromarray(sample_photo("coffee")).save(folder / "no_face.jpg")
    return folder


def test_find_faces() -> None:
    found = osi.faces(sample_photo("astronaut"))
    assert len(found) == 1
    x1, y1, x2, y2 = found.boxes[0]
    assert 150 < x1 < 200
    assert 60 < y1 < 110
    assert x2 - x1 > 60
    assert found.descriptors.shape == (1, 128)
    nose = found.landmarks[0, 4]
    assert x1 < nose[0] < x2
    assert y1 < nose[1] < y2
    assert len(osi.faces(sample_photo("coffee"))) == 0


def test_enrol_and_recognise(portraits: Path, tmp_path: Path) -> None:
    gallery = osi.FaceGallery(tmp_path / "store.sqlite")
    assert gallery.enroll("grace", [portraits / "grace_crop.jpg"]) == 1
    assert gallery.names() == {"grace": 1}
    finder = gallery.finder()
    same = finder.one(portraits / "grace_small.jpg").to_dict()["faces"]
    assert same[0]["name"] == "grace"
    assert same[0]["distance"] < 0.6
    other = finder.one(portraits / "stranger.jpg").to_dict()["faces"]
    assert other[0]["name"] == "unknown"
    assert other[0]["distance"] >= 0.6
    with pytest.raises(osi.InputError, match="shows 2 faces"):
        gallery.enroll("grace", [portraits / "two_faces.jpg"])
    with pytest.raises(osi.InputError, match="shows no face"):
        gallery.enroll("grace", [portraits / "no_face.jpg"])
    assert gallery.names() == {"grace": 1}  # refused pictures left nothing behind
    assert gallery.forget("grace") == 1
    assert gallery.names() == {}


def test_faces_commands(portraits: Path, tmp_path: Path) -> None:
    env = {**os.environ, "OPENSIGHT_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([OPENSIGHT, "faces", *args], capture_output=True, text=True, env=env, timeout=300)

    empty = run("who", str(portraits / "grace_small.jpg"))
    assert "nobody is enrolled yet" in empty.stderr
    assert json.loads(empty.stdout)["faces"][0]["name"] == "unknown"
    assert run("enroll", "grace", str(portraits / "grace_crop.jpg")).returncode == 0
    refused = run("enroll", "grace", str(portraits / "two_faces.jpg"))
    assert refused.returncode == 2
    assert "shows 2 faces" in refused.stderr
    assert run("list").stdout == "grace\t1\n"
    drawn = tmp_path / "named"
    who = run(
        "who", str(portraits / "grace_small.jpg"), str(portraits / "stranger.jpg"), "--save-annotated", str(drawn)
    )
    rows = [json.loads(line) for line in who.stdout.splitlines()]
    assert [row["faces"][0]["name"] for row in rows] == ["grace", "unknown"]
    assert len(list(drawn.iterdir())) == 2
    found = json.loads(run("find", str(portraits / "two_faces.jpg")).stdout)
    assert len(found["faces"]) == 2
    assert set(found["faces"][0]) == {"box", "score", "landmarks"}
    assert run("forget", "grace").returncode == 0
    assert run("forget", "grace").returncode == 2
    drawing = np.asarray(osi.annotate(np.asarray(Image.open(GRACE)), osi.faces(GRACE)))
    assert drawing.shape == np.asarray(Image.open(GRACE)).shape


def _group_photo() -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Five faces 35-160 px high (two turned 20°) pasted on a real photo (scikit-learn's china.jpg, 1024×768);
    returns the picture and each face's centre."""
    from sklearn.datasets import load_sample_images

    canvas = Image.fromarray(load_sample_images().images[0]).resize((1024, 768))
    portraits = {
        "grace": (Image.open(GRACE), (168, 128, 364, 344)),
        "astronaut": (Image.fromarray(sample_photo("astronaut")), (176, 62, 272, 180)),
    }
    centres = []
    for who, face_height, degrees, spot in [
        ("grace", 160, 0, (40, 40)),
        ("astronaut", 35, 0, (600, 80)),
        ("grace", 40, 20, (800, 400)),
        ("astronaut", 50, -20, (420, 520)),
        ("grace", 60, 0, (150, 560)),
    ]:
        picture, (x1, y1, x2, y2) = portraits[who]
        scale = face_height / (y2 - y1)
        margin_x, margin_y = 0.5 * (x2 - x1), 0.5 * (y2 - y1)
        crop = picture.crop((int(x1 - margin_x), int(y1 - margin_y), int(x2 + margin_x), int(y2 + margin_y)))
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.BICUBIC)
        turned = crop.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True)
        canvas.paste(turned, spot, crop.convert("L").point(lambda _: 255).rotate(degrees, expand=True))
        centres.append((spot[0] + turned.width / 2, spot[1] + turned.height / 2))
    return np.asarray(canvas), centres


def test_centerface_finds_small_and_turned_faces_hog_misses() -> None:
    picture, centres = _group_photo()
    found = osi.faces(picture)
    assert found.model == "centerface"
    hog = osi.faces(picture, model="dlib.faces")

    def hits(faces: osi.Faces) -> int:
        return sum(any(x1 < x < x2 and y1 < y < y2 for x1, y1, x2, y2 in faces.boxes) for x, y in centres)

    assert hits(found) == len(centres) == len(found)  # every face, nothing else
    assert hits(hog) <= 2  # HOG sees the big frontal face, not the small or turned ones
    assert np.all((found.scores >= 0.5) & (found.scores <= 1.0))
    assert found.descriptors.shape == (5, 128)


def test_people_enrolled_with_one_finder_are_recognised_with_the_other(portraits: Path, tmp_path: Path) -> None:
    old = osi.FaceGallery(tmp_path / "store.sqlite", detector="hog")
    assert old.enroll("grace", [portraits / "grace_crop.jpg"]) == 1  # as enrolled before CenterFace
    for detector in ("centerface", "hog"):
        finder = osi.FaceGallery(tmp_path / "store.sqlite", detector=detector).finder()
        assert finder.one(portraits / "grace_small.jpg").to_dict()["faces"][0]["name"] == "grace"
        assert finder.one(portraits / "stranger.jpg").to_dict()["faces"][0]["name"] == "unknown"
    with pytest.raises(osi.InputError, match="unknown face finder 'cnn'"):
        osi.FaceGallery(tmp_path / "store.sqlite", detector="cnn")
