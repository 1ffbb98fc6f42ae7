"""The REST API on a real uvicorn server (a child process on a loopback port) with real models: answers, limits,
and who may drive the server (Host, Origin, token before the body), stalled bodies (load: test_api_load.py)."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image

import opensight as osi
from tests._server import Server, free_port, running_server, teaching_pictures, upload_head
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


#: The page trusted by the guarded server (``--cors-origin``).
TRUSTED_PAGE = "http://localhost:3000"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a token (from the environment), a 1 MB upload limit, a 2 s body timeout, one more host name
    and one trusted page on another origin."""
    home = tmp_path_factory.mktemp("home")
    with running_server(
        [
            "serve",
            "--max-upload-mb",
            "1",
            "--body-timeout",
            "2",
            "--allowed-host",
            "studio.lan",
            "--cors-origin",
            TRUSTED_PAGE,
        ],
        home=home,
        log=home / "server.log",
        env={"OPENSIGHT_TOKEN": "s3cret"},
    ) as running:
        yield running


def jpeg(photos: Path, name: str) -> bytes:
    return (photos / f"{name}.jpg").read_bytes()


def post(server: Server, path: str, data: bytes, name: str = "x.jpg", **params: str) -> httpx.Response:
    return httpx.post(f"{server.url}{path}", files={"file": (name, data)}, params=params, timeout=60)


# -- happy paths ----------------------------------------------------------------------------------------------
def test_health_and_docs(server: Server) -> None:
    health = httpx.get(f"{server.url}/healthz").json()
    assert health == {"status": "ok", "version": osi.__version__}  # nothing about what is loaded
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


def test_a_summary_in_words_on_request(server: Server, photos: Path) -> None:
    chelsea = jpeg(photos, "chelsea")
    said = post(server, "/v1/classify", chelsea, summary="true").json()
    assert said["summary"].startswith(f"Most likely: {said['label']} (")  # the result's own summary()
    assert "summary" not in post(server, "/v1/classify", chelsea).json()  # the plain answer stays the CLI row
    found = post(server, "/v1/detect", jpeg(photos, "astronaut"), classes="person", summary="true").json()
    assert found["summary"] == "1 × person"


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
    texts = ((b"%PDF-1.7 fake", "PDF"), (b"hello, world\n" * 10, "plain text"), (b"\x00\x07 binary", "no format"))
    for data, words in texts:
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
    # a misspelt option was ignored, the answer as if it had not been asked (a new user's 'min-score', 'class')
    misspelt = post(server, "/v1/detect", coffee, **{"min-score": "0.99"})
    assert misspelt.status_code == 400
    assert "'min-score'" in misspelt.json()["detail"]
    assert "min_score" in misspelt.json()["detail"]
    assert post(server, "/v1/classify", coffee, bogus="1").status_code == 400
    assert post(server, "/v1/embed", coffee, annotate="true").status_code == 200  # the Studio asks every task so
    two = [("file", ("a.jpg", coffee)), ("file", ("b.jpg", jpeg(photos, "chelsea")))]
    for route in ("/v1/classify", "/v1/models/pets/predict"):  # only the last one was answered, nothing said
        both = httpx.post(f"{server.url}{route}", files=two, timeout=60)
        assert both.status_code == 400, both.text
        assert "one file a request, got 2" in both.json()["detail"]


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


def test_the_studio_takes_the_upload_limit_its_refusal_names(tmp_path: Path) -> None:
    with running_server(["studio", "--max-upload-mb", "1"], home=tmp_path, log=tmp_path / "server.log") as studio:
        big = b"\xff\xd8\xff" + bytes(2 * 1024 * 1024)
        refused = httpx.post(f"{studio.url}/v1/classify", files={"file": ("big.jpg", big)}, timeout=60)
        assert refused.status_code == 413
        assert "1 MB" in refused.json()["detail"]
        assert "--max-upload-mb" in refused.json()["detail"]  # an option `opensight studio` has


def test_token_required_when_set(guarded: Server, photos: Path) -> None:
    data = jpeg(photos, "coffee")
    url = f"{guarded.url}/v1/classify"
    assert httpx.post(url, files={"file": ("c.jpg", data)}).status_code == 401
    wrong = httpx.post(url, files={"file": ("c.jpg", data)}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    right = httpx.post(url, files={"file": ("c.jpg", data)}, headers={"Authorization": "Bearer s3cret"}, timeout=120)
    assert right.status_code == 200
    assert right.json()["label"]
    health = httpx.get(f"{guarded.url}/healthz")  # liveness needs no token, and names no model
    assert health.status_code == 200
    assert set(health.json()) == {"status", "version"}
    assert httpx.get(f"{guarded.url}/studio/api/projects").status_code == 401


def test_docs_and_schema_need_the_token(guarded: Server) -> None:
    for path in ("/docs", "/redoc", "/openapi.json", "/v1/models", "/v1/tasks"):
        refused = httpx.get(f"{guarded.url}{path}")
        assert refused.status_code == 401, path
        assert "Authorization: Bearer" in refused.json()["detail"]
        assert httpx.get(f"{guarded.url}{path}", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    page = httpx.get(f"{guarded.url}/studio/")  # the Studio's page holds no data: it asks for the token itself
    assert page.status_code == 200
    assert "<html" in page.text.lower()
    assert httpx.get(f"{guarded.url}/studio/api.js").status_code == 200  # a page file named api*, not the API
    assert httpx.get(f"{guarded.url}/studio/api").status_code == 401


# -- raw HTTP, for what a client library would not do ------------------------------------------------------------
#: The start of a multipart body: the 'file' field's header (then the picture's bytes would follow).
FILE_PART = b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\n\r\n'


def raw_exchange(server: Server, request: bytes, *, wait: float) -> tuple[int, dict[str, str], bytes, socket.socket]:
    """Send ``request`` as-is and read one answer (status, headers, body), waiting at most ``wait`` seconds; the
    socket is returned open so the caller can see whether the server closed it."""
    address = urlsplit(server.url)
    sock = socket.create_connection((address.hostname, address.port), timeout=wait)
    sock.sendall(request)
    received = b""
    deadline = time.monotonic() + wait
    try:
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
            if time.monotonic() > deadline:
                break
        head, _, body = received.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        while len(body) < int(headers.get("content-length", "0")):
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    except TimeoutError:
        sock.close()
        raise AssertionError(f"no answer within {wait} s (received {received[:200]!r})") from None
    return int(lines[0].split()[1]), headers, body, sock


def test_the_token_is_checked_before_the_body_is_read(guarded: Server) -> None:
    # a large upload is announced but never sent: the 401 must come at once, not after waiting for the body
    status, headers, body, sock = raw_exchange(guarded, upload_head(guarded, 900_000), wait=10)
    with sock:
        assert status == 401, body
        assert "token" in json.loads(body)["detail"]
        assert headers.get("connection") == "close"  # the unread body cannot be taken for the next request


def test_a_stalled_body_gets_408_and_the_connection_is_closed(guarded: Server) -> None:
    request = upload_head(guarded, 500_000, token="s3cret") + FILE_PART + b"\xff\xd8\xff"
    status, _, body, sock = raw_exchange(guarded, request, wait=30)  # the server gives up after 2 s of silence
    with sock:
        assert status == 408, body
        assert "stopped arriving" in json.loads(body)["detail"]
        sock.settimeout(10)
        assert sock.recv(1) == b"", "the server should close a connection whose body stopped arriving"


def test_a_body_that_drips_in_gets_408(guarded: Server) -> None:
    # a few bytes every 0.4 s never stall for the 2 s body timeout, but arrive far below the minimum rate
    address = urlsplit(guarded.url)
    with socket.create_connection((address.hostname, address.port), timeout=0.4) as sock:
        sock.sendall(upload_head(guarded, 900_000, token="s3cret") + FILE_PART)
        answer = b""
        deadline = time.monotonic() + 30
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            try:
                sock.sendall(b"\xff" * 8)
                chunk = sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:  # the server closed the connection after answering
                break
            if not chunk:
                break
            answer += chunk
        sock.settimeout(10)
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):  # the rest of the answer, until the server closes the connection
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer[:300]
    assert b"too slowly" in answer


# -- who may drive the server: Host and Origin ------------------------------------------------------------------
def test_only_this_servers_names_are_answered(server: Server, guarded: Server) -> None:
    port = urlsplit(server.url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost"):
        assert httpx.get(f"{server.url}/healthz", headers={"Host": host}).status_code == 200, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", "studio.lan"):
        refused = httpx.get(f"{server.url}/healthz", headers={"Host": host})
        assert refused.status_code == 400, host
        assert "--allowed-host" in refused.json()["detail"]
    rebound = httpx.post(  # a page that pointed its own name at this machine cannot use the API either
        f"{server.url}/v1/classify", files={"file": ("x.jpg", b"x")}, headers={"Host": f"evil.example:{port}"}
    )
    assert rebound.status_code == 400
    assert "evil.example" in rebound.json()["detail"]
    guarded_port = urlsplit(guarded.url).port
    allowed = httpx.get(f"{guarded.url}/healthz", headers={"Host": f"studio.lan:{guarded_port}"})
    assert allowed.status_code == 200  # --allowed-host studio.lan
    assert httpx.get(f"{guarded.url}/healthz", headers={"Host": "other.lan"}).status_code == 400


def test_state_changing_requests_from_other_sites_are_refused(server: Server, photos: Path) -> None:
    picture = jpeg(photos, "coffee")
    other_port = free_port()

    def classify(**headers: str) -> httpx.Response:
        return httpx.post(f"{server.url}/v1/classify", files={"file": ("c.jpg", picture)}, headers=headers, timeout=120)

    assert classify().status_code == 200  # curl, scripts: neither Origin nor Sec-Fetch-Site
    assert classify(Origin=server.url).status_code == 200
    assert classify(Origin=server.url, **{"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert classify(**{"Sec-Fetch-Site": "same-origin"}).status_code == 200
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": f"http://127.0.0.1:{other_port}"},  # same machine, another port: another origin
        {"Origin": server.url.replace("127.0.0.1", "localhost")},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": server.url, "Sec-Fetch-Site": "same-site"},
    ):
        refused = classify(**headers)
        assert refused.status_code == 403, headers
        assert "--cors-origin" in refused.json()["detail"]
    assert "another website (http://evil.example)" in classify(Origin="http://evil.example").json()["detail"]
    # reading is not state-changing: the browser's same-origin policy already keeps the answer from the page
    assert httpx.get(f"{server.url}/v1/tasks", headers={"Origin": "http://evil.example"}).status_code == 200


def test_a_trusted_origin_may_call_with_the_token(guarded: Server, photos: Path) -> None:
    preflight = httpx.options(
        f"{guarded.url}/v1/classify",
        headers={
            "Origin": TRUSTED_PAGE,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, x-opensight",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == TRUSTED_PAGE
    assert "x-opensight" in preflight.headers["access-control-allow-headers"].lower()
    headers = {"Origin": TRUSTED_PAGE, "Sec-Fetch-Site": "same-site"}
    answer = httpx.post(
        f"{guarded.url}/v1/classify",
        files={"file": ("c.jpg", jpeg(photos, "coffee"))},
        headers={**headers, "Authorization": "Bearer s3cret"},
        timeout=120,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["access-control-allow-origin"] == TRUSTED_PAGE
    no_token = httpx.post(f"{guarded.url}/v1/classify", files={"file": ("c.jpg", b"x")}, headers=headers)
    assert no_token.status_code == 401
    assert no_token.headers["access-control-allow-origin"] == TRUSTED_PAGE  # so the page can read why
    untrusted = httpx.options(
        f"{guarded.url}/v1/classify",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in untrusted.headers


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
    unknown_language = post(server, "/v1/transcribe", clip.read_bytes(), model="base", language="xx")
    assert unknown_language.status_code == 400  # was a 500: faster-whisper's own ValueError
    assert "'xx'" in unknown_language.json()["detail"]


def test_tag_over_http(server: Server, photos: Path) -> None:
    row = post(server, "/v1/tag", jpeg(photos, "chelsea"), labels="cat, invoice").json()
    assert row["tags"] == ["cat"]
    assert [entry["quality"] for entry in row["coverage"]] == ["good", "poor"]
    empty = post(server, "/v1/tag", jpeg(photos, "chelsea"), labels=" , ")
    assert empty.status_code == 400
    assert "no labels" in empty.json()["detail"]
