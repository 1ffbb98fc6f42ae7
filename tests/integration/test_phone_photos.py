"""Phone pictures open like JPEG: HEIC/HEIF (iPhones) and AVIF, upright (the file's rotation applied once), in a
folder walk, on the command line, over HTTP and in the Studio."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from opensight.inputs import image_kind, iter_items, load_image
from tests._server import Server, running_server
from tests.conftest import sample_photo

_ORIENTATION = 0x0112
FORMATS = {"HEIC": ("HEIF", ".heic"), "AVIF": ("AVIF", ".avif")}


def _marked_landscape() -> Image.Image:
    """80×40 black with a white 10×10 square in the top-left corner."""
    pixels = np.zeros((40, 80, 3), np.uint8)
    pixels[:10, :10] = 255
    return Image.fromarray(pixels)


def _encode(image: Image.Image, kind: str, *, orientation: int | None = None) -> bytes:
    params: dict[str, object] = {"quality": 95}
    if orientation is not None:
        exif = Image.Exif()
        exif[_ORIENTATION] = orientation
        params["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, FORMATS[kind][0] if kind in FORMATS else kind, **params)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def phone_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """chelsea (the cat) as JPEG, HEIC (upper-case extension, as iPhones name them) and AVIF."""
    folder = tmp_path_factory.mktemp("phone")
    cat = Image.fromarray(sample_photo("chelsea"))
    (folder / "cat.jpg").write_bytes(_encode(cat, "JPEG"))
    (folder / "IMG_0001.HEIC").write_bytes(_encode(cat, "HEIC"))
    (folder / "cat.avif").write_bytes(_encode(cat, "AVIF"))
    return folder


@pytest.mark.parametrize("kind", ["HEIC", "AVIF", "JPEG"])
def test_rotation_is_applied_once(tmp_path: Path, kind: str) -> None:
    """A portrait photo stored sideways with orientation 6 comes out upright, like the same JPEG."""
    path = tmp_path / f"portrait{FORMATS.get(kind, ('', '.jpg'))[1]}"
    path.write_bytes(_encode(_marked_landscape(), kind, orientation=6))
    loaded = load_image(path)
    assert loaded.pixels.shape == (80, 40, 3)
    assert loaded.original_size == (40, 80)
    # rotated 90° clockwise: the top-left marker is now top-right
    assert loaded.pixels[:8, -8:].mean() > 200
    assert loaded.pixels[:8, :8].mean() < 50


@pytest.mark.parametrize("kind", ["HEIC", "AVIF"])
def test_recognised_by_content(kind: str) -> None:
    assert image_kind(_encode(_marked_landscape(), kind)[:16]) == kind


def test_folder_walk_picks_phone_pictures(phone_folder: Path) -> None:
    names = sorted(Path(item.name).name for item in iter_items(phone_folder))
    assert names == ["IMG_0001.HEIC", "cat.avif", "cat.jpg"]


def test_classify_reads_them_like_jpeg(phone_folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "opensight", "classify", str(phone_folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = {Path(row["path"]).name: row for row in json.loads(done.stdout)}
    assert set(rows) == {"IMG_0001.HEIC", "cat.avif", "cat.jpg"}
    cats = {"tabby", "tiger cat", "Egyptian cat"}  # the three cat classes are near-tied on chelsea
    assert rows["cat.jpg"]["label"] in cats
    for name in ("IMG_0001.HEIC", "cat.avif"):
        assert rows[name]["label"] in cats, rows[name]
        assert {entry["label"] for entry in rows[name]["top"][:3]} == cats, rows[name]


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("home")
    with running_server(["studio"], home=home, log=home / "server.log") as running:
        yield running


def test_api_and_studio_take_heic(studio: Server, phone_folder: Path) -> None:
    heic = (phone_folder / "IMG_0001.HEIC").read_bytes()
    with studio.client(**{"X-Opensight": "1", "Origin": studio.url}) as client:
        answer = client.post("/v1/classify", files={"file": ("IMG_0001.HEIC", heic)})
        assert answer.status_code == 200, answer.text
        assert answer.json()["path"] == "IMG_0001.HEIC"
        project = client.post("/studio/api/projects", json={"name": "phone"})
        assert project.is_success, project.text
        pid = project.json()["id"]
        assert client.post(f"/studio/api/projects/{pid}/classes", json={"name": "cat"}).is_success
        added = client.post(f"/studio/api/projects/{pid}/classes/cat/pictures", files={"files": ("a.heic", heic)})
        assert added.status_code == 200, added.text
        assert added.json()["refused"] == []
        (stored,) = added.json()["added"]
        assert stored.endswith(".jpg")  # browsers cannot show HEIC: the Studio keeps an upright JPEG
        shown = client.get(f"/studio/api/projects/{pid}/classes/cat/pictures/{stored}")
        assert shown.status_code == 200
        assert Image.open(io.BytesIO(shown.content)).size == Image.open(io.BytesIO(heic)).size
    assert httpx.get(f"{studio.url}/healthz").status_code == 200
