"""The Studio's upload refusals speak to a person (issue 16, defect 8); the REST API keeps its own wording."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from tests._server import Server, running_server

API = "/studio/api/projects"


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("studio-home")
    with running_server(["studio", "--max-upload-mb", "1"], home=home, log=home / "server.log") as server:
        yield server


def small_jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def a_class(studio: Server, name: str) -> str:
    """A new project with one class ``things``; the URL its pictures are posted to."""
    with studio.client() as http:
        pid = http.post(API, json={"name": name}).json()["id"]
        assert http.post(f"{API}/{pid}/classes", json={"name": "things"}).status_code == 201
    return f"{API}/{pid}/classes/things/pictures"


def test_an_empty_file_and_a_text_file_are_refused_in_words_for_a_person(studio: Server) -> None:
    url = a_class(studio, "Refusals")
    sent = [
        ("files", ("empty.jpg", b"")),
        ("files", ("notes.txt", b"just some notes, not a picture")),
        ("files", ("page.jpg", b"<!DOCTYPE html><html></html>")),
        ("files", ("ok.jpg", small_jpeg((200, 30, 30)))),
    ]
    with studio.client() as http:
        answer = http.post(url, files=sent)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert len(body["added"]) == 1
    reasons = {r["name"]: r["reason"] for r in body["refused"]}
    assert reasons["empty.jpg"] == "this file is empty (0 bytes); choose the picture again"
    assert reasons["notes.txt"].startswith("this file is not a picture (it looks like plain text)")
    assert reasons["page.jpg"].startswith("this file is not a picture (it looks like HTML, XML or SVG text)")
    for reason in reasons.values():
        assert "choose" in reason
        assert "'file' field" not in reason  # the API's words are for programs
        assert "send" not in reason
    assert "choose a JPEG, PNG, WebP, HEIC" in reasons["notes.txt"]


def test_several_pictures_in_one_request_are_all_added(studio: Server) -> None:
    url = a_class(studio, "Batch")
    sent = [("files", (f"p{i}.jpg", small_jpeg((30 * i, 100, 200 - 20 * i)))) for i in range(8)]
    with studio.client() as http:
        answer = http.post(url, files=sent).json()
    assert len(answer["added"]) == 8
    assert answer["refused"] == []


def test_a_too_big_upload_names_the_studio_limit_and_the_option(studio: Server) -> None:
    url = a_class(studio, "Big")
    big = b"\xff\xd8\xff" + bytes(2 * 1024 * 1024)
    with studio.client() as http:
        refused = http.post(url, files=[("files", ("huge.jpg", big))])
        assert refused.status_code == 413
        assert refused.json()["detail"] == (
            "this file is bigger than the 1 MB the Studio accepts; it was not added (start `opensight studio` "
            "or `serve` with --max-upload-mb 50 to accept bigger ones)"
        )
        api = http.post("/v1/classify", files={"file": ("huge.jpg", big)})
        named = http.post("/studio/api/projects", content=b'{"name": "' + b"x" * len(big) + b'"}')
    assert named.status_code == 413
    assert "picture" not in named.json()["detail"]  # a new user's 25 MB of JSON was called a picture
    assert api.status_code == 413  # the REST API keeps its wording, for programs
    assert "this server's limit of 1 MB" in api.json()["detail"]
    assert "Studio" not in api.json()["detail"]
