"""Studio projects of hand gestures (and body poses) on a real server (issue 18, part 3): a project learns from
pictures like a picture project, trains with ``teach(kind="hands")``, names the pictures it skipped (no hand found)
by the name they were uploaded with, shows each example's thumbnail with the hand's skeleton drawn, answers a test
picture with the label, the landmarks and the picture drawn, refuses the web page with a sentence (the Studio, and
``opensight export --web``), and the downloaded ``.osm`` answers ``opensight serve``'s predict route as the "Use it"
snippet says."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests._people import drawing, drawn_again, hand_pictures
from tests._server import Server, running_server, wait_trained

API = "/studio/api/projects"
NAMES = ("groom", "presenter")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("studio-home")


@pytest.fixture(scope="module")
def studio(home: Path) -> Iterator[Server]:
    with running_server(["studio"], home=home, log=home / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def gestures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    return hand_pictures(tmp_path_factory.mktemp("hands"), NAMES)


def test_the_kinds_a_project_learns(studio: Server) -> None:
    with studio.client() as http:
        for kind in ("poses", "hands"):
            made = http.post(API, json={"name": f"Made of {kind}", "kind": kind})
            assert made.status_code == 201, made.text
            assert made.json()["kind"] == kind
        refused = http.post(API, json={"name": "Odd", "kind": "smells"})
        assert refused.status_code == 400
        assert refused.json()["detail"] == "a project learns 'pictures', 'sounds', 'poses' or 'hands', not 'smells'"


def test_a_hands_project_from_pictures_to_served_model(
    studio: Server, gestures: dict[str, list[Path]], tmp_path: Path, home: Path
) -> None:
    blank = tmp_path / "nobody's hand.png"
    Image.fromarray(np.full((300, 300, 3), 230, np.uint8)).save(blank)
    with studio.client() as http:
        pid = http.post(API, json={"name": "Gestures", "kind": "hands"}).json()["id"]
        for name, paths in gestures.items():
            assert http.post(f"{API}/{pid}/classes", json={"name": name}).status_code == 201
            files = [("files", (p.name, p.read_bytes())) for p in [*paths, *([blank] if name == "groom" else [])]]
            sent = http.post(f"{API}/{pid}/classes/{name}/pictures", files=files)
            assert sent.status_code == 200, sent.text
            assert len(sent.json()["added"]) == len(files)
        # a hands project takes pictures, not recordings
        wav = http.post(f"{API}/{pid}/classes/groom/sounds", files=[("files", ("a.wav", b"RIFF...."))])
        assert wav.status_code == 409
        assert wav.json()["detail"] == "'Gestures' learns hand gestures: add pictures, not recordings"
        assert http.post(f"{API}/{pid}/train").status_code == 202
        job = wait_trained(http, pid, seconds=120)
        assert job["state"] == "done", job
        project = http.get(f"{API}/{pid}").json()
        evaluation = http.get(f"{API}/{pid}/evaluation").json()

        # the skipped picture, named as it was uploaded, with the reason
        assert [(s["name"], s["reason"].split(";")[0]) for s in evaluation["skipped"]] == [
            ("groom/nobody's hand.png", "no hand found")
        ]
        # each example's preview: the model's square view with the hand drawn (the store's thumbnail)
        key = evaluation["cells"][0][0][0]
        preview = http.get(f"{API}/{pid}/classes/{key.split('/')[0]}/pictures/{key.split('/')[1]}/preview")
        assert preview.status_code == 200, preview.text
        assert preview.headers["content-type"] == "image/jpeg"
        assert Image.open(io.BytesIO(preview.content)).size == (112, 112)
        skipped_file = next(f for f, shown in project["originals"].items() if shown == blank.name).split("/")[1]
        plain = http.get(f"{API}/{pid}/classes/groom/pictures/{skipped_file}/preview")  # no hand: the picture
        assert plain.status_code == 200
        assert Image.open(io.BytesIO(plain.content)).size == (300, 300)

        # a test picture: the label, the hand's landmarks, and the picture with the hand drawn
        test = tmp_path / "test.png"
        drawn_again(drawing("presenter"), np.random.default_rng(10), mirror=True).save(test)
        tested = http.post(f"{API}/{pid}/predict", files={"file": (test.name, test.read_bytes())})
        assert tested.status_code == 200, tested.text
        row = tested.json()
        assert row["guess"] == "presenter", row
        assert len(row["found"]["landmarks"]) == 21
        assert row["annotated"].startswith("data:image/jpeg;base64,")
        assert row["summary"].startswith(("Most likely: presenter", "Unsure (best guess: presenter"))

        web = http.get(f"{API}/{pid}/web.zip")
        assert web.status_code == 409
        assert web.json()["detail"] == (
            "'Gestures' learns hand gestures; the web page runs picture models only: use the .osm file instead"
        )
        model = tmp_path / f"{pid}.osm"
        model.write_bytes(http.get(f"{API}/{pid}/model.osm").content)

    # `opensight export --web` refuses it with the same reason
    done = subprocess.run(
        [sys.executable, "-m", "opensight", "export", str(model), "--web", str(tmp_path / "web")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "learns hand gestures: the web page runs picture models only" in done.stderr
    assert not (tmp_path / "web").exists()

    # "Use it": `opensight serve gestures.osm`, then curl -F file=@photo.jpg .../v1/models/gestures/predict
    log = tmp_path / "serve.log"
    with running_server(["serve", str(model)], home=home, log=log) as served, served.client() as http:
        answer = http.post(f"/v1/models/{pid}/predict", files={"file": ("photo.png", test.read_bytes())})
    assert answer.status_code == 200, answer.text
    assert answer.json()["guess"] == "presenter"
