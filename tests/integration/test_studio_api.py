"""The Studio's JSON routes on a real server: projects, pictures, training (one job at a time), persistence."""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import opensight as osi
from opensight.serve._projects import Projects, check_name, slug
from opensight.serve._studio import STATIC
from tests._server import Server, running_server, teaching_pictures, wait_trained

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
        job = wait_trained(http, pid, seconds=180)
        assert job["state"] == "done", job
        answer = http.get(f"{API}/{pid}/evaluation")
        assert answer.headers["cache-control"] == "no-store"  # never last training's numbers from the cache
        evaluation = answer.json()
        assert evaluation["class_names"] == ["cat", "coffee"]
        assert evaluation["headline"].startswith("Accuracy")
        assert sum(len(keys) for row in evaluation["cells"] for keys in row) == 10
        assert all(key.split("/")[0] in ("cat", "coffee") for row in evaluation["cells"] for k in row for key in k)
        assert len(evaluation["trade_off"]) == 101
        # the page names each example as the person did (captions, duplicates), by the key its URL is made of
        assert sorted(evaluation["names"].values()) == sorted(
            f"{c}/{c}{i}.jpg" for c in ("cat", "coffee") for i in range(5)
        )
        row = http.post(f"{API}/{pid}/predict", files={"file": ("c.jpg", (pictures / "cat/cat0.jpg").read_bytes())})
        assert row.json()["guess"] == "cat"
        assert http.get(f"{API}/{pid}").headers["cache-control"] == "no-store"
        osm = http.get(f"{API}/{pid}/model.osm")
        assert osm.headers["content-disposition"].endswith('filename="pets-coffee.osm"')
        (tmp_path / "m.osm").write_bytes(osm.content)
        assert osi.load(tmp_path / "m.osm").classes == ("cat", "coffee")
        report = http.get(f"{API}/{pid}/report.html").text
        assert "<html" in report.lower()
        # the report and the shipped model name each picture by its class and the name it was uploaded with, never
        # by the name it is stored under, nor by where the Studio keeps it (a new user's trial)
        stored = [name for c in http.get(f"{API}/{pid}").json()["classes"] for name in c["pictures"]]
        shown = set(re.findall(r'title="([^"]+)"', report))
        assert shown <= {f"{label}/{label}{i}.jpg" for label in ("cat", "coffee") for i in range(5)}, shown
        assert not any(name in report for name in stored)
        with zipfile.ZipFile(tmp_path / "m.osm") as bundle:
            assert not any(str(home) in bundle.read(name).decode("utf-8", "replace") for name in bundle.namelist())
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
        job = wait_trained(http, pid, seconds=180)
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


def test_changes_need_the_studio_header(server: Server, pictures: Path) -> None:
    # what a form on another website could send: multipart or empty POSTs without any custom header
    with server.client() as http:
        pid = http.post(API, json={"name": "header"}).json()["id"]
        http.post(f"{API}/{pid}/classes", json={"name": "cat"})
    picture = (pictures / "cat/cat0.jpg").read_bytes()
    bare = httpx.Client(base_url=server.url, timeout=60)  # no X-Opensight
    with bare:
        added = bare.post(f"{API}/{pid}/classes/cat/pictures", files=[("files", ("a.jpg", picture))])
        assert added.status_code == 403
        assert "X-Opensight: 1" in added.json()["detail"]
        assert bare.post(f"{API}/{pid}/train").status_code == 403
        assert bare.delete(f"{API}/{pid}").status_code == 403
        assert bare.post(API, json={"name": "json is fine"}).status_code == 201  # JSON forces a preflight too
        assert bare.get(f"{API}/{pid}").json()["classes"] == [{"name": "cat", "pictures": []}]
        with_header = bare.post(
            f"{API}/{pid}/classes/cat/pictures", files=[("files", ("a.jpg", picture))], headers={"X-Opensight": "1"}
        )
        assert with_header.status_code == 200
        assert len(with_header.json()["added"]) == 1


def test_a_damaged_project_file_costs_only_itself(server: Server, home: Path) -> None:
    with server.client() as http:
        ids = [
            http.post(API, json={"name": name}).json()["id"] for name in ("Fine", "Bad eval", "Odd eval", "Bad json")
        ]
    fine, bad_eval, odd_eval, bad_json = ids
    root = home / "studio"
    for pid, evaluation in ((bad_eval, "{ truncated"), (odd_eval, "[1, 2, 3]")):
        (root / pid / "model.osm").write_bytes(b"PK not really")
        (root / pid / "evaluation.json").write_text(evaluation, encoding="utf-8")
    (root / bad_json / "project.json").write_bytes(b"\x00\xff garbage")

    with server.client() as http:
        listing = http.get(API)
        assert listing.status_code == 200, listing.text
        projects = {project["id"]: project for project in listing.json()["projects"]}
        assert set(projects) >= set(ids)
        assert projects[fine]["notes"] == []
        assert projects[fine]["name"] == "Fine"
        for pid in (bad_eval, odd_eval):
            assert projects[pid]["trained"] is False
            assert len(projects[pid]["notes"]) == 1
            assert "the evaluation could not be read" in projects[pid]["notes"][0]
            assert projects[pid]["notes"][0].endswith("train again")
            evaluation = http.get(f"{API}/{pid}/evaluation")
            assert evaluation.status_code == 500
            assert "train again" in evaluation.json()["detail"]
        assert projects[bad_json]["name"] == bad_json  # named after its folder
        assert "project.json" in projects[bad_json]["notes"][0]
        assert "pictures are safe" in projects[bad_json]["notes"][0]
        one = http.get(f"{API}/{bad_json}")  # it opens, so it can be repaired or deleted
        assert one.status_code == 200
        assert one.json()["notes"] == projects[bad_json]["notes"]
        assert http.delete(f"{API}/{bad_json}").status_code == 200
        assert bad_json not in {project["id"] for project in http.get(API).json()["projects"]}


def test_the_page_is_es_modules_served_as_javascript(server: Server) -> None:
    # a browser runs a module script only when it comes as JavaScript; every import must name a file that is there
    with server.client() as http:
        page = http.get("/studio/")
        assert page.status_code == 200
        assert '<script type="module" src="main.js"></script>' in page.text
        modules = sorted(STATIC.glob("*.js"))
        assert "main.js" in [module.name for module in modules]
        for module in modules:
            answer = http.get(f"/studio/{module.name}")
            assert answer.status_code == 200, module.name
            assert answer.headers["content-type"].startswith("text/javascript"), module.name
            for imported in re.findall(r'^import .* from "\./([\w.-]+)";$', module.read_text("utf-8"), re.M):
                assert (STATIC / imported).is_file(), f"{module.name} imports {imported}, which is missing"
