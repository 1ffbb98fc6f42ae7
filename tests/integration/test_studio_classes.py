"""The Studio's classes and pictures on a real server (issue 16): creation order, renaming, reordering, original
file names, cut-off uploads refused, label fixes that say what happened, nothing removed while training, and the
report's "read this first" warnings in the page's evaluation."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from tests._server import Server, running_server, teaching_pictures, wait_trained

API = "/studio/api/projects"


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return teaching_pictures(tmp_path_factory.mktemp("pictures"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("studio-home")


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[Server]:
    with running_server(["studio"], home=home, log=home / "server.log") as running:
        yield running


@pytest.fixture
def http(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def cut_off_png() -> bytes:
    """The first 60% of a real PNG: its header is fine, its pixels are cut short."""
    buffer = io.BytesIO()
    noise = np.random.default_rng(16).integers(0, 255, (120, 160, 3), dtype=np.uint8)
    Image.fromarray(noise).save(buffer, "PNG")
    data = buffer.getvalue()
    return data[: len(data) * 6 // 10]


def new_project(http: httpx.Client, name: str, *classes: str) -> str:
    answer = http.post(API, json={"name": name})
    assert answer.status_code == 201, answer.text
    pid: str = answer.json()["id"]
    for label in classes:
        assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
    return pid


def upload(http: httpx.Client, pid: str, label: str, files: list[tuple[str, bytes]]) -> dict[str, list[object]]:
    answer = http.post(f"{API}/{pid}/classes/{label}/pictures", files=[("files", item) for item in files])
    assert answer.status_code == 200, answer.text
    result: dict[str, list[object]] = answer.json()
    return result


def class_names(http: httpx.Client, pid: str) -> list[str]:
    return [c["name"] for c in http.get(f"{API}/{pid}").json()["classes"]]


def test_a_cut_off_png_is_refused_at_upload(http: httpx.Client, pictures: Path) -> None:
    pid = new_project(http, "Cut off", "cat")
    answer = upload(
        http, pid, "cat", [("half.png", cut_off_png()), ("cat0.jpg", (pictures / "cat/cat0.jpg").read_bytes())]
    )
    assert len(answer["added"]) == 1
    assert answer["refused"] == [
        {"name": "half.png", "reason": "the image data is cut short (truncated file); copy or download it again"}
    ]
    assert [len(c["pictures"]) for c in http.get(f"{API}/{pid}").json()["classes"]] == [1]


def test_classes_keep_their_creation_order_and_can_be_reordered(http: httpx.Client) -> None:
    pid = new_project(http, "Fruit", "zebra", "apple", "mango")
    assert class_names(http, pid) == ["zebra", "apple", "mango"]
    answer = http.put(f"{API}/{pid}/classes", json={"order": ["apple", "mango", "zebra"]})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"classes": ["apple", "mango", "zebra"]}
    assert class_names(http, pid) == ["apple", "mango", "zebra"]
    http.delete(f"{API}/{pid}/classes/mango")
    http.post(f"{API}/{pid}/classes", json={"name": "kiwi"})
    assert class_names(http, pid) == ["apple", "zebra", "kiwi"]
    wrong = http.put(f"{API}/{pid}/classes", json={"order": ["apple", "zebra"]})
    assert wrong.status_code == 400
    assert wrong.json()["detail"] == (
        "the new order must list every class once (apple, zebra, kiwi); missing: kiwi; reload the page and try again"
    )


def test_renaming_a_class_keeps_its_place_and_pictures(http: httpx.Client, pictures: Path) -> None:
    pid = new_project(http, "Rename", "cat", "dog", "bird")
    upload(http, pid, "dog", [("dog.jpg", (pictures / "cat/cat1.jpg").read_bytes())])
    answer = http.post(f"{API}/{pid}/classes/dog/rename", json={"to": "  kitten  "})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"name": "kitten"}
    project = http.get(f"{API}/{pid}").json()
    assert [(c["name"], len(c["pictures"])) for c in project["classes"]] == [("cat", 0), ("kitten", 1), ("bird", 0)]
    clash = http.post(f"{API}/{pid}/classes/kitten/rename", json={"to": "bird"})
    assert clash.status_code == 409
    assert clash.json()["detail"] == "the class 'bird' already exists in this project"
    bad = http.post(f"{API}/{pid}/classes/kitten/rename", json={"to": "../x"})
    assert bad.status_code == 400
    assert "cannot start with '.'" in bad.json()["detail"]
    unprintable = http.post(f"{API}/{pid}/classes/kitten/rename", json={"to": "a\u0000b"})
    assert "control characters" in unprintable.json()["detail"]  # was: "cannot start with '.' or contain '/'"
    twin = http.post(f"{API}/{pid}/classes", json={"name": "BIRD"})  # one folder with 'bird' on macOS, Windows
    assert twin.status_code == 409
    assert "differ only in capitals" in twin.json()["detail"]
    assert http.post(f"{API}/{pid}/classes/kitten/rename", json={"to": "Bird"}).status_code == 409
    assert http.post(f"{API}/{pid}/classes/kitten/rename", json={"to": "Kitten"}).json() == {"name": "Kitten"}
    assert http.post(f"{API}/{pid}/classes/Kitten/rename", json={"to": "kitten"}).json() == {"name": "kitten"}
    listed = http.post(f"{API}/{pid}/classes/kitten/rename", json=[1, 2])
    assert listed.status_code == 400
    assert "the body must be a JSON object" in listed.json()["detail"]  # was: "to: Field required"
    missing = http.post(f"{API}/{pid}/classes/dog/rename", json={"to": "hound"})
    assert missing.status_code == 404
    assert "there is no class 'dog'" in missing.json()["detail"]


def test_pictures_keep_their_original_names(http: httpx.Client, home: Path, pictures: Path) -> None:
    pid = new_project(http, "Names", "cat", "coffee")
    upload(http, pid, "cat", [("IMG_0042 Ärger.jpg", (pictures / "cat/cat0.jpg").read_bytes())])
    # an older picture, stored before original names were kept
    old = home / "studio" / pid / "examples" / "cat" / "0123456789abcdef.jpg"
    old.write_bytes((pictures / "cat/cat1.jpg").read_bytes())
    project = http.get(f"{API}/{pid}").json()
    [stored] = [file for file in project["classes"][0]["pictures"] if file != old.name]
    assert project["originals"] == {f"cat/{stored}": "IMG_0042 Ärger.jpg", f"cat/{old.name}": old.name}
    http.post(f"{API}/{pid}/classes/cat/pictures/{stored}/move", json={"to": "coffee"})
    project = http.get(f"{API}/{pid}").json()
    assert project["classes"][1]["pictures"] == [stored]
    assert project["originals"][f"coffee/{stored}"] == "IMG_0042 Ärger.jpg"
    http.delete(f"{API}/{pid}/classes/coffee/pictures/{stored}")
    saved = json.loads((home / "studio" / pid / "project.json").read_text(encoding="utf-8"))
    assert saved["originals"] == {}  # a deleted picture's name is forgotten


def test_an_old_project_without_an_order_still_works(http: httpx.Client, home: Path, pictures: Path) -> None:
    folder = home / "studio" / "old-one"
    for label in ("b", "a"):
        (folder / "examples" / label).mkdir(parents=True)
    (folder / "examples" / "a" / "fedcba9876543210.jpg").write_bytes((pictures / "cat/cat2.jpg").read_bytes())
    (folder / "project.json").write_text(json.dumps({"id": "old-one", "name": "Old one", "created": "2024"}))
    assert class_names(http, "old-one") == ["a", "b"]
    http.post(f"{API}/old-one/classes", json={"name": "0 first"})
    assert class_names(http, "old-one") == ["a", "b", "0 first"]
    saved = json.loads((folder / "project.json").read_text())
    assert saved["name"] == "Old one"


def test_a_second_move_of_the_same_picture_says_what_happened(http: httpx.Client, pictures: Path) -> None:
    pid = new_project(http, "Moves", "cat", "trouser")
    [stored] = upload(http, pid, "cat", [("a.jpg", (pictures / "cat/cat0.jpg").read_bytes())])["added"]
    first = http.post(f"{API}/{pid}/classes/cat/pictures/{stored}/move", json={"to": "trouser"})
    assert first.status_code == 200
    assert first.json()["already_there"] is False
    again = http.post(f"{API}/{pid}/classes/cat/pictures/{stored}/move", json={"to": "trouser"})
    assert again.status_code == 404
    assert again.json()["detail"] == "this picture is no longer in 'cat'; it was moved or deleted"
    gone = http.delete(f"{API}/{pid}/classes/cat/pictures/{stored}")
    assert gone.status_code == 404
    assert gone.json()["detail"] == "this picture is no longer in 'cat'; it was moved or deleted"


def test_moving_a_picture_where_its_twin_already_is_says_so(http: httpx.Client, pictures: Path) -> None:
    """A trial: the same bytes in two classes, one moved to the other — the class it left lost it, the other kept
    its count, and the page said only "Moved"."""
    pid = new_project(http, "Twins", "cat", "trouser")
    twin = (pictures / "cat/cat1.jpg").read_bytes()
    [stored] = upload(http, pid, "cat", [("a.jpg", twin)])["added"]
    assert upload(http, pid, "trouser", [("b.jpg", twin)])["added"] == [stored]
    # each class names it as it was uploaded there (a trial: both were named after the first upload)
    assert http.get(f"{API}/{pid}").json()["originals"] == {f"cat/{stored}": "a.jpg", f"trouser/{stored}": "b.jpg"}
    assert http.post(f"{API}/{pid}/classes/trouser/rename", json={"to": "pants"}).status_code == 200
    assert http.get(f"{API}/{pid}").json()["originals"] == {f"cat/{stored}": "a.jpg", f"pants/{stored}": "b.jpg"}
    moved = http.post(f"{API}/{pid}/classes/cat/pictures/{stored}/move", json={"to": "pants"})
    assert moved.json() == {"moved": stored, "to": "pants", "already_there": True}
    assert [len(c["pictures"]) for c in http.get(f"{API}/{pid}").json()["classes"]] == [0, 1]


def test_nothing_is_removed_while_training_and_the_evaluation_says_read_this_first(
    http: httpx.Client, home: Path, pictures: Path
) -> None:
    pid = new_project(http, "Busy", "cat", "coffee", "spare")
    upload(http, pid, "cat", [(p.name, p.read_bytes()) for p in sorted((pictures / "cat").glob("*.jpg"))])
    upload(http, pid, "coffee", [("coffee0.jpg", (pictures / "coffee/coffee0.jpg").read_bytes())])
    # a picture that cannot be read, as a file copied into the folder by hand
    (home / "studio" / pid / "examples" / "cat" / "broken.png").write_bytes(cut_off_png())
    first = http.get(f"{API}/{pid}").json()["classes"][0]["pictures"][0]
    assert http.post(f"{API}/{pid}/train").status_code == 202
    refusals = {
        "deleting a class": http.delete(f"{API}/{pid}/classes/spare"),
        "renaming a class": http.post(f"{API}/{pid}/classes/spare/rename", json={"to": "other"}),
        "deleting a picture": http.delete(f"{API}/{pid}/classes/cat/pictures/{first}"),
        "moving a picture": http.post(f"{API}/{pid}/classes/cat/pictures/{first}/move", json={"to": "coffee"}),
    }
    for action, answer in refusals.items():
        assert answer.status_code == 409, (action, answer.text)
        assert answer.json()["detail"] == f"'Busy' is training; wait for it to finish before {action}"
    job = wait_trained(http, pid, seconds=240)
    assert job["state"] == "done", job["message"]
    evaluation = http.get(f"{API}/{pid}/evaluation").json()
    assert "class 'coffee' has only 1 example(s)" in " ".join(evaluation["warnings"])
    assert "1 file(s) were left out; each is listed with the reason" in evaluation["warnings"]
    assert evaluation["skipped"] == [
        {"name": "cat/broken.png", "reason": "the image data is cut short (truncated file); copy or download it again"}
    ]
    assert http.delete(f"{API}/{pid}/classes/spare").status_code == 200


def test_a_class_lists_its_pictures_by_the_names_they_were_uploaded_with(http: httpx.Client, pictures: Path) -> None:
    """A trial: a class listed its pictures in the order of their stored names (content hashes)."""
    pid = new_project(http, "Order", "cat", "coffee")
    named = [("x 10.jpg", "cat0"), ("x 2.jpg", "cat1"), ("X 1.jpg", "cat2")]
    upload(http, pid, "cat", [(name, (pictures / f"cat/{photo}.jpg").read_bytes()) for name, photo in named])
    project = http.get(f"{API}/{pid}").json()
    shown = [project["originals"][f"cat/{file}"] for file in project["classes"][0]["pictures"]]
    assert shown == ["X 1.jpg", "x 2.jpg", "x 10.jpg"]
