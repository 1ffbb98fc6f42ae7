"""The REST API on a real uvicorn server (a child process on a loopback port) with real models."""

from __future__ import annotations

import base64
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

import opensight as osi
from tests._server import Server, running_server, teaching_pictures
from tests.conftest import png_with_size


@pytest.fixture(scope="module")
def fruit_osm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = teaching_pictures(tmp_path_factory.mktemp("pets"))
    return osi.teach(folder, name="pets").save(tmp_path_factory.mktemp("models") / "pets.osm")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, fruit_osm: Path) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("home")
    with running_server(["serve", str(fruit_osm), "--workers", "2"], home=home, log=home / "server.log") as running:
        yield running


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a token (from the environment) and a 1 MB upload limit."""
    home = tmp_path_factory.mktemp("home")
    with running_server(
        ["serve", "--max-upload-mb", "1"], home=home, log=home / "server.log", env={"OPENSIGHT_TOKEN": "s3cret"}
    ) as running:
        yield running


def jpeg(photos: Path, name: str) -> bytes:
    return (photos / f"{name}.jpg").read_bytes()


def post(server: Server, path: str, data: bytes, name: str = "x.jpg", **params: str) -> httpx.Response:
    return httpx.post(f"{server.url}{path}", files={"file": (name, data)}, params=params, timeout=60)


# -- happy paths ----------------------------------------------------------------------------------------------
def test_health_and_docs(server: Server) -> None:
    health = httpx.get(f"{server.url}/healthz").json()
    assert health["status"] == "ok"
    assert health["models_loaded"] == ["pets"]
    schema = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/v1/classify", "/v1/detect", "/v1/pose", "/v1/faces", "/v1/models/{name}/predict"} <= set(schema["paths"])
    example = schema["paths"]["/v1/classify"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert example["label"] == "tabby"
    assert httpx.get(f"{server.url}/docs").status_code == 200


def test_classify_returns_the_cli_row(server: Server, photos: Path) -> None:
    answer = post(server, "/v1/classify", jpeg(photos, "chelsea"), name="chelsea.jpg", top="3")
    assert answer.status_code == 200, answer.text
    row = answer.json()
    assert row["path"] == "chelsea.jpg"
    assert len(row["top"]) == 3
    assert row["label"] in {"tabby", "tiger cat", "Egyptian cat"}
    assert row == {"path": "chelsea.jpg", **osi.classify(photos / "chelsea.jpg", top=3).to_dict()}  # same as the CLI


def test_detect_pose_faces_embed(server: Server, photos: Path) -> None:
    astronaut = jpeg(photos, "astronaut")
    detected = post(server, "/v1/detect", astronaut, classes="person", annotate="true").json()
    assert [d["label"] for d in detected["detections"]] == ["person"]
    drawing = base64.b64decode(detected["annotated"].split(",", 1)[1])
    assert Image.open(io.BytesIO(drawing)).format == "JPEG"
    people = post(server, "/v1/pose", astronaut).json()["people"]
    assert len(people) == 1
    assert people[0]["keypoints"]["nose"][2] > 0.3
    faces = post(server, "/v1/faces", astronaut).json()["faces"]
    assert len(faces) == 1
    embedding = post(server, "/v1/embed", astronaut).json()
    assert len(embedding["embedding"]) == 1280
    tasks = httpx.get(f"{server.url}/v1/tasks").json()["tasks"]
    assert {t["task"] for t in tasks} >= {"classify", "detect", "pose", "faces"}
    assert all(t["installed"] for t in tasks)


def test_models_list_and_osm_predict(server: Server, photos: Path) -> None:
    listed = httpx.get(f"{server.url}/v1/models").json()
    assert any(m["name"] == "efficientnet_lite0.imagenet" and m["licence"] for m in listed["models"])
    loaded = listed["loaded"][0]
    assert loaded["name"] == "pets"
    assert loaded["classes"] == ["cat", "coffee"]
    assert loaded["card"]["limits"]
    row = post(server, "/v1/models/pets/predict", jpeg(photos, "coffee")).json()
    assert row["guess"] == "coffee"
    assert "unsure" in row
    missing = post(server, "/v1/models/nope/predict", jpeg(photos, "coffee"))
    assert missing.status_code == 404
    assert "pets" in missing.json()["detail"]


def test_concurrent_requests_all_answer_the_same(server: Server, photos: Path) -> None:
    data = jpeg(photos, "coffee")
    rows: list[dict[str, object]] = []
    failures: list[str] = []

    def client() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for _ in range(4):
                answer = http.post("/v1/classify", files={"file": ("c.jpg", data)})
                (rows.append(answer.json()) if answer.status_code == 200 else failures.append(answer.text))

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(rows) == 32
    assert len({json.dumps(row, sort_keys=True) for row in rows}) == 1


# -- limits and errors ----------------------------------------------------------------------------------------
def test_not_a_picture_is_415_whatever_its_name(server: Server) -> None:
    for data, words in ((b"%PDF-1.7 fake", "PDF"), (b"hello, world\n" * 10, "no format")):
        answer = post(server, "/v1/classify", data, name="holiday.jpg")
        assert answer.status_code == 415
        assert words in answer.json()["detail"]


def test_bad_requests_are_400_with_advice(server: Server, photos: Path) -> None:
    missing = httpx.post(f"{server.url}/v1/classify", data={"picture": "x"})
    assert missing.status_code == 400
    assert "field named 'file'" in missing.json()["detail"]
    garbage = httpx.post(
        f"{server.url}/v1/classify",
        content=b"--zzz\r\nnot really multipart",
        headers={"Content-Type": "multipart/form-data; boundary=zzz"},
    )
    assert garbage.status_code == 400
    empty = post(server, "/v1/classify", b"")
    assert empty.status_code == 400
    assert "empty" in empty.json()["detail"]
    coffee = jpeg(photos, "coffee")
    truncated = post(server, "/v1/classify", coffee[: len(coffee) // 3])
    assert truncated.status_code == 400
    assert "cut short" in truncated.json()["detail"]
    bad_top = post(server, "/v1/classify", coffee, top="0")
    assert bad_top.status_code == 400
    assert "top" in bad_top.json()["detail"]
    bad_class = post(server, "/v1/detect", coffee, classes="unicorn")
    assert bad_class.status_code == 400
    assert "unicorn" in bad_class.json()["detail"]
    unknown = post(server, "/v1/levitate", coffee)
    assert unknown.status_code == 404
    assert "classify" in unknown.json()["detail"]


def test_too_many_pixels_is_413_before_decoding(server: Server) -> None:
    answer = post(server, "/v1/classify", png_with_size(40_000, 40_000), name="bomb.png")
    assert answer.status_code == 413
    assert "megapixels" in answer.json()["detail"]


def test_upload_limit_413_declared_and_streamed(guarded: Server) -> None:
    big = b"\xff\xd8\xff" + bytes(2 * 1024 * 1024)
    auth = {"Authorization": "Bearer s3cret"}
    declared = httpx.post(f"{guarded.url}/v1/classify", files={"file": ("big.jpg", big)}, headers=auth)
    assert declared.status_code == 413
    assert "1 MB" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while the body streams in
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n\r\n'
        for _ in range(64):
            yield bytes(64 * 1024)

    streamed = httpx.post(
        f"{guarded.url}/v1/classify",
        content=chunks(),
        headers={**auth, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert streamed.status_code == 413


def test_token_required_when_set(guarded: Server, photos: Path) -> None:
    data = jpeg(photos, "coffee")
    url = f"{guarded.url}/v1/classify"
    assert httpx.post(url, files={"file": ("c.jpg", data)}).status_code == 401
    wrong = httpx.post(url, files={"file": ("c.jpg", data)}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    right = httpx.post(url, files={"file": ("c.jpg", data)}, headers={"Authorization": "Bearer s3cret"})
    assert right.status_code == 200
    assert right.json()["label"]
    assert httpx.get(f"{guarded.url}/healthz").status_code == 200  # liveness needs no token
    assert httpx.get(f"{guarded.url}/studio/api/projects").status_code == 401


def test_cors_off_unless_asked(server: Server) -> None:
    answer = httpx.options(
        f"{server.url}/v1/classify",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in answer.headers


def test_bad_model_file_stops_the_server_with_a_message(tmp_path: Path) -> None:
    fake = tmp_path / "fake.osm"
    fake.write_bytes(b"not a zip")
    with (
        pytest.raises(RuntimeError, match="exited"),
        running_server(["serve", str(fake)], home=tmp_path, log=tmp_path / "log"),
    ):
        pass
    assert "error:" in (tmp_path / "log").read_text()


def test_read_and_transcribe_over_http(server: Server, tmp_path: Path) -> None:
    from tests._media import pocketsphinx_clips, render_lines

    picture = io.BytesIO()
    render_lines(["Fresh bread daily", "Open at 7"], 30).save(picture, "PNG")
    row = post(server, "/v1/read", picture.getvalue(), name="sign.png", annotate="true").json()
    assert row["text"] == "Fresh bread daily\nOpen at 7"
    assert row["annotated"].startswith("data:image/jpeg;base64,")
    clip, _ = pocketsphinx_clips()[1]
    heard = post(server, "/v1/transcribe", clip.read_bytes(), name="clip.wav").json()
    assert "young man" in heard["text"]
    assert heard["segments"][0]["start"] == 0.0
    srt = post(server, "/v1/transcribe", clip.read_bytes(), name="clip.wav", format="srt")
    assert srt.headers["content-type"].startswith("application/x-subrip")
    assert srt.text.startswith("1\n00:00:00,000 --> ")
    not_audio = post(server, "/v1/transcribe", picture.getvalue(), name="clip.wav")
    assert not_audio.status_code == 415
    assert "PNG picture" in not_audio.json()["detail"]
    wrong_language = post(server, "/v1/transcribe", clip.read_bytes(), language="de")
    assert wrong_language.status_code == 400
    assert "--model base" in wrong_language.json()["detail"]


def test_tag_over_http(server: Server, photos: Path) -> None:
    row = post(server, "/v1/tag", jpeg(photos, "chelsea"), labels="cat, invoice").json()
    assert row["tags"] == ["cat"]
    assert [entry["quality"] for entry in row["coverage"]] == ["good", "poor"]
    empty = post(server, "/v1/tag", jpeg(photos, "chelsea"), labels=" , ")
    assert empty.status_code == 400
    assert "no labels" in empty.json()["detail"]
