"""The Studio's JSON routes on a real server: projects, pictures, training (one job at a time), persistence."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import opensight as osi
from opensight.serve._projects import Projects, check_name, slug
from tests._server import Server, running_server, teaching_pictures

API = "/studio/api/projects"


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return teaching_pictures(tmp_path_factory.mktemp("pictures"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("studio-home")


@pytest.fixture
def server(home: Path) -> Iterator[Server]:
    with running_server(["studio"], home=home, log=home / "server.log") as running:
        yield running


def fill(http: httpx.Client, pid: str, pictures: Path) -> None:
    for label in ("cat", "coffee"):
        assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
        files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
        answer = http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).json()
        assert len(answer["added"]) == 5
        assert answer["refused"] == []


def wait_trained(http: httpx.Client, pid: str) -> dict[str, object]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        job: dict[str, object] = http.get(f"{API}/{pid}/train").json()
        if job["state"] != "running":
            return job
        time.sleep(0.2)
    raise AssertionError("training did not finish in 180 s")


def test_teach_flow_second_training_is_409_and_it_survives_a_restart(
    home: Path, pictures: Path, tmp_path: Path
) -> None:
    with running_server(["studio"], home=home, log=home / "server.log") as server, server.client() as http:
        pid = http.post(API, json={"name": "Pets & coffee"}).json()["id"]
        assert pid == "pets-coffee"
        fill(http, pid, pictures)
        assert http.post(f"{API}/{pid}/train").status_code == 202
        second = http.post(f"{API}/{pid}/train")
        assert second.status_code == 409
        assert "already training" in second.json()["detail"]
        job = wait_trained(http, pid)
        assert job["state"] == "done", job
        evaluation = http.get(f"{API}/{pid}/evaluation").json()
        assert evaluation["class_names"] == ["cat", "coffee"]
        assert evaluation["headline"].startswith("Accuracy")
        assert sum(len(keys) for row in evaluation["cells"] for keys in row) == 10
        assert all(key.split("/")[0] in ("cat", "coffee") for row in evaluation["cells"] for k in row for key in k)
        assert len(evaluation["trade_off"]) == 101
        row = http.post(f"{API}/{pid}/predict", files={"file": ("c.jpg", (pictures / "cat/cat0.jpg").read_bytes())})
        assert row.json()["guess"] == "cat"
        osm = http.get(f"{API}/{pid}/model.osm")
        assert osm.headers["content-disposition"].endswith('filename="pets-coffee.osm"')
        (tmp_path / "m.osm").write_bytes(osm.content)
        assert osi.load(tmp_path / "m.osm").classes == ("cat", "coffee")
        assert "<html" in http.get(f"{API}/{pid}/report.html").text.lower()
    with running_server(["studio"], home=home, log=home / "server.log") as again, again.client() as http:
        project = http.get(f"{API}/{pid}").json()
        assert project["trained"] is True
        assert project["stale"] is False
        assert [len(c["pictures"]) for c in project["classes"]] == [5, 5]
        # fixing a label makes the evaluation stale until the next training
        first = project["classes"][0]["pictures"][0]
        moved = http.post(f"{API}/{pid}/classes/cat/pictures/{first}/move", json={"to": "coffee"})
        assert moved.status_code == 200
        project = http.get(f"{API}/{pid}").json()
        assert project["stale"] is True
        assert [len(c["pictures"]) for c in project["classes"]] == [4, 6]
        assert http.delete(f"{API}/{pid}/classes/coffee/pictures/{first}").status_code == 200


def test_two_tabs_adding_the_same_pictures_keep_one_copy(server: Server, pictures: Path) -> None:
    with server.client() as http:
        pid = http.post(API, json={"name": "tabs"}).json()["id"]
        http.post(f"{API}/{pid}/classes", json={"name": "cat"})
    files = [(p.name, p.read_bytes()) for p in sorted((pictures / "cat").glob("*.jpg"))]
    failures: list[int] = []

    def tab() -> None:
        with server.client() as http:
            for name, data in files:
                answer = http.post(f"{API}/{pid}/classes/cat/pictures", files=[("files", (name, data))])
                if answer.status_code != 200:
                    failures.append(answer.status_code)

    tabs = [threading.Thread(target=tab) for _ in range(4)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()
    assert failures == []
    with server.client() as http:
        project = http.get(f"{API}/{pid}").json()
    assert [len(c["pictures"]) for c in project["classes"]] == [5]


def test_studio_errors_say_what_to_do(server: Server, pictures: Path) -> None:
    with server.client() as http:
        assert http.get(f"{API}/nope").status_code == 404
        pid = http.post(API, json={"name": "errors"}).json()["id"]
        empty = http.post(f"{API}/{pid}/classes", json={"name": "  "})
        assert empty.status_code == 400
        assert "empty" in empty.json()["detail"]
        assert http.post(f"{API}/{pid}/classes", json={"name": "../escape"}).status_code == 400
        assert http.post(f"{API}/{pid}/classes", json={"name": "cat"}).status_code == 201
        assert http.post(f"{API}/{pid}/classes", json={"name": "cat"}).status_code == 409
        mixed = http.post(
            f"{API}/{pid}/classes/cat/pictures",
            files=[("files", ("notes.jpg", b"hello")), ("files", ("ok.jpg", (pictures / "cat/cat1.jpg").read_bytes()))],
        ).json()
        assert len(mixed["added"]) == 1
        assert mixed["refused"][0]["name"] == "notes.jpg"
        assert "not a picture" in mixed["refused"][0]["reason"]
        assert http.get(f"{API}/{pid}/classes/cat/pictures/..%2F..%2Fproject.json").status_code == 404
        assert http.post(f"{API}/{pid}/classes/dog/pictures", files=[("files", ("a.jpg", b"x"))]).status_code == 404
        untrained = http.post(
            f"{API}/{pid}/predict", files={"file": ("c.jpg", (pictures / "cat/cat1.jpg").read_bytes())}
        )
        assert untrained.status_code == 404
        assert "train" in untrained.json()["detail"]
        http.post(f"{API}/{pid}/train")
        job = wait_trained(http, pid)
        assert job["state"] == "failed"
        assert "2 classes" in str(job["error"])


def test_project_names_are_checked_and_slugged(tmp_path: Path) -> None:
    assert slug("Grandma's Café #2") == "grandmas-cafe-2"
    assert slug("日本") == "project"
    assert check_name("  two   words ", "class") == "two words"
    projects = Projects(tmp_path)
    assert projects.create("A").id == "a"
    assert projects.create("a").id == "a-2"
    with pytest.raises(osi.InputError, match="60"):
        check_name("x" * 61, "class")
