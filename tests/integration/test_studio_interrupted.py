"""A training that a stopped server never finished comes back as "interrupted" (issue 16, defect 7).

The Studio leaves a small marker in the project folder while it trains and removes it when the training ends,
whichever way; a server that starts and finds a marker knows the last training was cut short. And (defect 2) the
answer to an upload says which pictures the class already held, so the page never counts them as added.
"""

from __future__ import annotations

import importlib
import io
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from opensight._errors import InputError, OutputError
from opensight.serve._engine import Engine, ServeConfig
from opensight.serve._studio import TRAINING_MARKER, Studio

TEACH = importlib.import_module("opensight.teach")  # the package (``opensight.teach`` is also the function)


def studio_on(root: Path) -> Studio:
    return Studio(Engine(ServeConfig()), root)


class Blocked:
    """Stands in for ``teach``: waits until released, then fails (the test needs no real model)."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        assert self.release.wait(30)
        raise InputError("needs at least 2 classes with pictures")


def _folder_only(studio: Studio, project: Any) -> Path:
    """The project's data as ``teach`` is handed it, unread (the project has no pictures; ``teach`` is stood in for)."""
    return Path(project.examples)


def wait_finished(studio: Studio, pid: str) -> None:
    for _ in range(300):
        if studio.job(pid).state != "running":
            return
        threading.Event().wait(0.05)
    raise AssertionError("the job did not end")


def test_a_marker_left_by_a_stopped_server_means_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    teach = Blocked()
    monkeypatch.setattr(TEACH, "teach", teach)
    monkeypatch.setattr(Studio, "_dataset", _folder_only)
    first = studio_on(tmp_path)
    project = first.projects.create("Bakery")
    marker = project.folder / TRAINING_MARKER
    assert first.job(project.id).state == "idle"
    assert not marker.exists()

    first.start_training(project)
    assert teach.entered.wait(10)
    assert marker.is_file()  # written before the work starts
    assert json.loads(marker.read_text(encoding="utf-8"))["started"] > 0

    # the server "stops" here: a new one on the same data dir finds the marker
    second = studio_on(tmp_path)
    job = second.job(project.id)
    assert job.state == "interrupted"
    assert "interrupted" in job.message
    assert "train again" in job.message
    assert job.started is not None
    assert second.describe(project)["training"]["state"] == "interrupted"
    assert studio_on(tmp_path).job(project.id).state == "interrupted"  # and after yet another restart

    # the first server's training ends (here: fails): the marker goes either way
    teach.release.set()
    wait_finished(first, project.id)
    assert first.job(project.id).state == "failed"
    assert not marker.exists()
    assert studio_on(tmp_path).job(project.id).state == "idle"


def test_training_again_after_an_interruption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    teach = Blocked()
    teach.release.set()
    monkeypatch.setattr(TEACH, "teach", teach)
    studio = studio_on(tmp_path)
    project = studio.projects.create("Again")
    (project.folder / TRAINING_MARKER).write_text('{"started": 1.0}', encoding="utf-8")
    assert studio.job(project.id).state == "interrupted"
    studio.start_training(project)  # an interrupted job is not running: a new one may start
    wait_finished(studio, project.id)
    assert studio.job(project.id).state == "failed"
    assert not (project.folder / TRAINING_MARKER).exists()


def test_odd_markers_and_names(tmp_path: Path) -> None:
    studio = studio_on(tmp_path)
    project = studio.projects.create("Odd")
    (project.folder / TRAINING_MARKER).write_bytes(b"\x00 not json")  # still a leftover: still interrupted
    job = studio.job(project.id)
    assert job.state == "interrupted"
    assert job.started is None
    assert studio.job("../../etc").state == "idle"  # a name that is not a project is never looked up on disk
    assert studio.job("no-such-project").state == "idle"


def test_a_marker_that_cannot_be_written_is_a_sentence(tmp_path: Path) -> None:
    studio = studio_on(tmp_path)
    project = studio.projects.create("Read only")
    (project.folder / TRAINING_MARKER).mkdir()  # in the way: the marker cannot be written
    with pytest.raises(OutputError, match="could not write"):
        studio.start_training(project)
    assert studio.job(project.id).state != "running"


def test_the_server_says_which_uploads_were_identical(tmp_path: Path) -> None:
    # the same bytes twice are kept once: the answer must say so, or the page would count them as added
    from fastapi.testclient import TestClient
    from PIL import Image

    from opensight.serve.api import create_app

    def jpeg(colour: str) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
        return buffer.getvalue()

    red, blue = jpeg("red"), jpeg("blue")
    app = create_app(ServeConfig(data_dir=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1", headers={"X-Opensight": "1"}) as http:
        pid = http.post("/studio/api/projects", json={"name": "Frames"}).json()["id"]
        http.post(f"/studio/api/projects/{pid}/classes", json={"name": "me"})
        url = f"/studio/api/projects/{pid}/classes/me/pictures"
        frames = [("files", (name, data)) for name, data in (("1.jpg", red), ("2.jpg", red), ("3.jpg", b"no"))]
        answer = http.post(url, files=frames).json()
        assert len(answer["added"]) == 1
        assert answer["identical"] == [{"name": "2.jpg", "file": answer["added"][0]}]
        assert [r["name"] for r in answer["refused"]] == ["3.jpg"]
        again = http.post(url, files=[("files", ("4.jpg", red)), ("files", ("5.jpg", blue))]).json()
        assert [i["name"] for i in again["identical"]] == ["4.jpg"]
        assert len(again["added"]) == 1
        assert len(http.get(f"/studio/api/projects/{pid}").json()["classes"][0]["pictures"]) == 2
