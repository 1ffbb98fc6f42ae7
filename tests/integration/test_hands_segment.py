"""`opensight hands` and `opensight segment` on real pictures: the CLI rows, drawn and written pictures (never over
an input or an existing file), Python, a real server, and `run` (local) giving the direct rows.

No photo of hands is known to be offline: the hands tests use a drawing of a man in a tuxedo from Debian's
openclipart-png (his hands hang at his sides: right hand on the left of the picture, fingers below the wrist).
Segmentation uses scikit-image's astronaut photo."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import opensight as osi
from tests._server import running_server
from tests.conftest import OPENSIGHT, sample_photo

GROOM = Path("/usr/share/openclipart/png/people/groom1_jarno_vasamaa_01.png")
pytestmark = pytest.mark.skipif(
    not (GROOM.is_file() and osi.models("hands")[0].installed()),
    reason="needs openclipart-png and the mediapipe wheel: `make setup`",
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([OPENSIGHT, *args], capture_output=True, text=True, timeout=300, env=os.environ.copy())


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """groom.jpg (a drawn man with both hands visible) and astronaut.jpg (a photo of a person)."""
    folder = tmp_path_factory.mktemp("body")
    drawing = Image.open(GROOM).convert("RGBA")
    white = Image.new("RGBA", drawing.size, "white")
    white.alpha_composite(drawing)
    white.convert("RGB").save(folder / "groom.jpg", quality=92)
    Image.fromarray(sample_photo("astronaut")).save(folder / "astronaut.jpg", quality=92)
    return folder


def test_hands_rows_say_which_hand_is_where(pictures: Path) -> None:
    done = run("hands", str(pictures / "groom.jpg"), str(pictures / "astronaut.jpg"), "-f", "json")
    assert done.returncode == 0, done.stderr
    groom, astronaut = json.loads(done.stdout)
    assert astronaut["hands"] == []
    hands = {hand["handedness"]: hand for hand in groom["hands"]}
    assert set(hands) == {"left", "right"}
    width, height = Image.open(pictures / "groom.jpg").size
    for hand in hands.values():
        assert hand["score"] > 0.8
        assert len(hand["landmarks"]) == 21
        assert all(0 <= x <= width and 0 <= y <= height for x, y, _ in hand["landmarks"].values())
    right, left = hands["right"]["landmarks"], hands["left"]["landmarks"]
    assert right["wrist"][0] < width / 2 < left["wrist"][0]  # his right hand is on the left of the picture
    assert right["wrist"] == pytest.approx([237.2, 513.5, 0.0], abs=12)
    assert right["middle_finger_tip"][1] > right["wrist"][1] + 40  # the hand hangs: fingers below the wrist


def test_hands_python_and_drawn_copies(pictures: Path, tmp_path: Path) -> None:
    found = osi.hands(pictures / "groom.jpg", max_hands=1)
    assert len(found) == 1
    assert found.hands[0].landmark("wrist")[0] > 0
    assert found.summary() in ("1 hand: left", "1 hand: right")
    done = run("hands", str(pictures / "groom.jpg"), "--save-annotated", str(tmp_path), "-f", "jsonl")
    assert done.returncode == 0, done.stderr
    drawn, original = Image.open(tmp_path / "groom.jpg"), Image.open(pictures / "groom.jpg")
    assert drawn.size == original.size
    difference = np.abs(np.asarray(drawn, np.int16) - np.asarray(original, np.int16))
    assert (difference.max(axis=2) > 60).sum() > 500  # the skeletons are there


def test_segment_rows_and_every_written_picture(pictures: Path, tmp_path: Path) -> None:
    photo = pictures / "astronaut.jpg"
    before = photo.read_bytes()
    masks, cutouts, blurred, drawn = (tmp_path / name for name in ("masks", "cutouts", "blurred", "drawn"))
    args = ["segment", str(photo), "-f", "json", "--save-mask", str(masks), "--cutout", str(cutouts)]
    done = run(*args, "--composite", str(blurred), "--blur-background", "12", "--save-annotated", str(drawn))
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["share"] == pytest.approx(0.545, abs=0.03)
    assert row["score"] > 0.9
    assert row["box"][1] < 40  # the person goes from near the top to the bottom
    assert row["box"][3] == 512
    mask = np.asarray(Image.open(masks / "astronaut.png"))
    assert mask.shape == (512, 512)
    assert mask[100, 250] > 200  # her face
    assert mask[30, 480] < 50  # the wall behind her
    assert Image.open(cutouts / "astronaut.png").mode == "RGBA"
    for folder in (blurred, drawn):
        assert np.abs(np.asarray(Image.open(folder / "astronaut.jpg"), np.int16) - sample_photo("astronaut")).mean() > 3
    again = run(
        "segment", str(photo), "--save-mask", str(masks), "--composite", str(pictures), "--background", str(photo)
    )
    assert again.returncode == 0, again.stderr
    assert sorted(path.name for path in masks.iterdir()) == ["astronaut.mask.png", "astronaut.png"]  # not over it
    assert (pictures / "astronaut.composite.jpg").is_file()  # beside the input, never over it
    assert photo.read_bytes() == before
    (pictures / "astronaut.composite.jpg").unlink()


def test_segment_python_and_a_refused_option(pictures: Path) -> None:
    found = osi.segment(str(pictures / "astronaut.jpg"))
    assert isinstance(found, osi.Segmentation)
    assert found.mask.shape == (512, 512)
    refused = run("segment", str(pictures / "astronaut.jpg"), "--blur-background", "5")
    assert refused.returncode == 2
    assert "--composite" in refused.stderr


def test_the_server_answers_hands_and_segment_with_its_mask(pictures: Path, tmp_path: Path) -> None:
    with running_server(["serve"], home=tmp_path, log=tmp_path / "server.log") as server:
        client = server.client()
        listed = {entry["task"]: entry for entry in client.get("/v1/tasks").json()["tasks"]}
        assert listed["hands"]["installed"]
        assert listed["segment"]["licence"] == "Apache-2.0"
        with open(pictures / "groom.jpg", "rb") as picture:
            answer = client.post("/v1/hands?max_hands=1", files={"file": ("groom.jpg", picture, "image/jpeg")})
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["hands"]) == 1
        with open(pictures / "astronaut.jpg", "rb") as picture:
            answer = client.post("/v1/segment?mask=true", files={"file": ("a.jpg", picture, "image/jpeg")})
        assert answer.status_code == 200, answer.text
        row = answer.json()
        assert row["share"] == pytest.approx(0.545, abs=0.03)
        prefix = "data:image/png;base64,"
        assert row["mask"].startswith(prefix)
        mask = Image.open(io.BytesIO(base64.b64decode(row["mask"].removeprefix(prefix))))
        assert (mask.size, mask.mode) == ((512, 512), "L")


def test_run_gives_the_direct_rows(pictures: Path, tmp_path: Path) -> None:
    for task in ("hands", "segment"):
        out = tmp_path / f"{task}.jsonl"
        done = run("run", task, str(pictures), "--out", str(out))
        assert done.returncode == 0, done.stderr
        direct = run(task, str(pictures), "-f", "jsonl")
        by_path = {row["path"]: row for row in map(json.loads, direct.stdout.splitlines())}
        for row in map(json.loads, out.read_text().splitlines()):
            expected = by_path[row["path"]]
            assert {key: row[key] for key in expected} == expected
