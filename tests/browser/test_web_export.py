"""A taught model shipped as a web page (``opensight export --web``, the Studio's "Download as a web page"): the
page, served by a plain static server, gives the same answers as ``opensight predict`` — on chosen pictures and
on the (fake) webcam — with nothing fetched from elsewhere; its snippets run; the Studio's HTTP snippet's commands
work as written.

Agreement: the page prepares pictures with a JavaScript copy of ``content_picture`` (plain edges trimmed the same
way; Pillow's bicubic, integer for integer), so the only differences left are the JPEG decoders and ONNX Runtime
(WebAssembly vs native): the probabilities must agree within ``TOLERANCE``; the measured maximum is written to
``test-output/web-export-agreement.json``.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

import opensight as osi
from opensight._errors import ModelNotInstalledError
from opensight.inputs._transforms import content_box
from opensight.teach import _web
from tests._server import Server, free_port, running_server, wait_trained
from tests.browser.conftest import no_page_errors, shoot
from tests.conftest import OUTPUT, REPO, sample_photo

API = "/studio/api/projects"
#: The largest difference allowed between a probability from the page and from `opensight predict`.
TOLERANCE = 1e-5


def opensight(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "opensight", *args], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]


@pytest.fixture(scope="module", autouse=True)
def web_runtime(isolated_cache: Path) -> None:
    """onnxruntime-web as `make setup` installs it: in this Python's environment, or (tests run with another venv
    than the checkout's) in the checkout's .venv, linked into the session's cache where opensight also looks."""
    try:
        _web.runtime_files()
        return
    except ModelNotInstalledError:
        pass
    installed = REPO / ".venv" / "share" / "opensight-web" / "node_modules"
    if not installed.is_dir():
        pytest.fail("onnxruntime-web is missing: `make setup` installs it (npm install into .venv/share/opensight-web)")
    (isolated_cache / "web").mkdir(exist_ok=True)
    link = isolated_cache / "web" / "node_modules"
    if not link.exists():
        link.symlink_to(installed)
    _web.runtime_files()


@pytest.fixture(scope="module")
def tried(tmp_path_factory: pytest.TempPathFactory, pictures: Path) -> list[Path]:
    """Pictures to compare on: two taught ones (JPEG), a tall PNG and a wide PNG of other photos (both resampling
    orders of Pillow, a border that is not uniform), and two small photos off-centre on a plain ground (what the
    model sees is trimmed out of them first: the page must trim exactly as Python does; the larger one is looked at
    on a grid of every second pixel)."""
    folder = tmp_path_factory.mktemp("tried")
    tall = Image.fromarray(sample_photo("astronaut")).crop((100, 0, 230, 512)).resize((97, 389))
    wide = Image.fromarray(sample_photo("coffee")).resize((613, 151))
    tall.save(folder / "tall.png")
    wide.save(folder / "wide.png")
    for name, ground, photo, place, size in (
        ("on white", (255, 255, 255), "coffee", (31, 100), (400, 300)),
        ("on gray", (70, 72, 75), "chelsea", (451, 33), (701, 523)),
    ):
        canvas = Image.new("RGB", size, ground)
        canvas.paste(Image.fromarray(sample_photo(photo)).resize((231, 173)), place)
        canvas.save(folder / f"{name}.png")
        assert content_box(np.asarray(canvas)) is not None  # trimmed
    return [
        pictures / "cat" / "cat1.jpg",
        pictures / "coffee" / "coffee3.jpg",
        folder / "tall.png",
        folder / "wide.png",
        folder / "on white.png",
        folder / "on gray.png",
    ]


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory, pictures: Path) -> Path:
    folder = tmp_path_factory.mktemp("model")
    return osi.teach(pictures, store=folder / "store.sqlite").save(folder / "pets.osm")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, model_file: Path) -> Path:
    """The CLI's export: a folder, never written over without --overwrite."""
    folder = tmp_path_factory.mktemp("export") / "pets-web"
    made = opensight("export", str(model_file), "--web", str(folder))
    assert made.returncode == 0, made.stderr
    assert "python3 -m http.server" in made.stdout
    again = opensight("export", str(model_file), "--web", str(folder))
    assert again.returncode == 2
    assert "already exists; choose another path or pass --overwrite" in again.stderr
    assert opensight("export", str(model_file), "--web", str(folder), "--overwrite").returncode == 0
    return folder


@pytest.fixture(scope="module")
def static_site(exported: Path) -> Iterator[str]:
    """A plain static web server (Python's http.server) for the exported folder."""
    handler = functools.partial(_QuietHandler, directory=str(exported))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def offline_check(page: Page, site: str) -> list[str]:
    """Every request the page makes that does not go to ``site`` (there must be none)."""
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith((site, "blob:", "data:")) else elsewhere.append(request.url),
    )
    return elsewhere


def test_exported_page_agrees_with_opensight_predict(
    page: Page, static_site: str, exported: Path, model_file: Path, tried: list[Path]
) -> None:
    errors = no_page_errors(page)
    elsewhere = offline_check(page, static_site)
    logged: list[str] = []  # the console's errors (a missing favicon was one)
    page.on("console", lambda message: logged.append(message.text) if message.type == "error" else None)
    assert {"index.html", "model.onnx", "labels.json", "card.json", "ort-wasm-simd-threaded.wasm"} <= {
        path.name for path in exported.iterdir()
    }
    card = json.loads((exported / "card.json").read_text())
    assert card["classes"] == ["cat", "coffee"]
    assert card["input"] == {
        "size": 224,
        "fit": "content",
        "resize_side": 224,
        "layout": "NHWC uint8 RGB",
    }
    rows = opensight("predict", str(model_file), *map(str, tried), "--format", "jsonl")
    assert rows.returncode == 0, rows.stderr
    expected = {row["path"]: row for row in map(json.loads, rows.stdout.splitlines())}

    page.goto(f"{static_site}/")
    expect(page.locator("body[data-ready=true]")).to_have_count(1, timeout=60_000)
    expect(page.locator("#model-facts")).to_contain_text("Classes: cat, coffee.")
    if card["unsure_threshold"] is not None and card["unsure_threshold"] < 1:  # never "below 100%" for 0.9999…
        expect(page.locator("#model-facts")).not_to_contain_text("below 100%")
    differences = {}
    for picture in tried:
        page.evaluate("delete document.getElementById('answer').dataset.probabilities")
        page.set_input_files("#picture", picture)
        answer = page.locator("#answer[data-probabilities]")
        expect(answer).to_have_count(1, timeout=30_000)
        got = json.loads(answer.get_attribute("data-probabilities") or "[]")
        label = answer.get_attribute("data-label")
        row = expected[str(picture)]
        want = {entry["label"]: entry["score"] for entry in row["top"]}
        differences[picture.name] = max(abs(got[i] - want[name]) for i, name in enumerate(card["classes"]))
        assert label == row["label"], (picture.name, label, row)
        shown = f"Unsure — best guess: {row['guess']}" if row["unsure"] else row["label"]
        expect(page.locator("#answer")).to_contain_text(shown)
        if picture.name == "wide.png":
            shoot(page, "web-export-1-picture")
    worst = max(differences.values())
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "web-export-agreement.json").write_text(
        json.dumps({"max_probability_difference": worst, "per_picture": differences, "tolerance": TOLERANCE}, indent=2)
    )
    assert worst <= TOLERANCE, differences
    assert elsewhere == []  # offline: nothing but the exported folder
    assert errors == []
    assert logged == []


def test_exported_page_answers_the_webcam(page: Page, static_site: str) -> None:
    errors = no_page_errors(page)
    elsewhere = offline_check(page, static_site)
    page.goto(f"{static_site}/")
    expect(page.locator("body[data-ready=true]")).to_have_count(1, timeout=60_000)
    page.get_by_role("button", name="Start the webcam").click()
    answer = page.locator("#answer[data-probabilities]")
    expect(answer).to_have_count(1, timeout=30_000)
    first = answer.get_attribute("data-probabilities")
    assert answer.get_attribute("data-label") in ("cat", "coffee", "unsure")
    assert abs(sum(json.loads(first or "[]")) - 1) < 1e-4
    # it keeps answering: the fake camera's pattern moves, the probabilities follow
    page.wait_for_function(
        f"document.getElementById('answer').dataset.probabilities !== {json.dumps(first)}", timeout=30_000
    )
    shoot(page, "web-export-2-webcam")
    page.get_by_role("button", name="Stop the webcam").click()
    expect(page.get_by_role("button", name="Start the webcam")).to_be_visible()
    assert elsewhere == []
    assert errors == []


def test_exported_snippets_run(page: Page, static_site: str, exported: Path, tried: list[Path]) -> None:
    errors = no_page_errors(page)
    page.goto(f"{static_site}/")
    expect(page.locator("#snippet-javascript")).to_contain_text('import { loadModel } from "./opensight-model.js"')
    expect(page.locator("#snippet-p5")).to_contain_text("createCapture(VIDEO)")
    page.goto(f"{static_site}/example.html")
    expect(page.locator("#output")).to_have_text("Choose a picture.", timeout=60_000)
    page.set_input_files("#picture", tried[0])
    expect(page.locator("#output")).to_have_text(re.compile(r"^(cat|coffee) \d\.\d\d$|^unsure \(best guess"))
    assert errors == []


def test_a_page_opened_as_a_file_says_what_to_do(page: Page, exported: Path) -> None:
    page.goto((exported / "index.html").as_uri())
    expect(page.get_by_role("alert")).to_contain_text("python3 -m http.server 8080")


def test_missing_runtime_is_one_sentence(monkeypatch: pytest.MonkeyPatch, model_file: Path, tmp_path: Path) -> None:
    monkeypatch.setattr(_web, "runtime_folders", lambda: [tmp_path / "nothing"])
    with pytest.raises(ModelNotInstalledError, match=r"npm install --no-save --prefix .*onnxruntime-web@1\.30\.0"):
        osi.export_web(model_file, tmp_path / "web")
    assert not (tmp_path / "web").exists()  # nothing written


# ---- the Studio ---------------------------------------------------------------------------------------------
@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Server]:
    with running_server(["studio"], home=tmp_path, log=tmp_path / "server.log") as server:
        yield server


def trained_project(studio: Server, pictures: Path) -> str:
    with studio.client() as http:
        pid: str = http.post(API, json={"name": "Pets"}).json()["id"]
        for label in ("cat", "coffee"):
            http.post(f"{API}/{pid}/classes", json={"name": label})
            files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
            http.post(f"{API}/{pid}/classes/{label}/pictures", files=files)
        assert http.post(f"{API}/{pid}/train").status_code == 202
        assert wait_trained(http, pid, seconds=180)["state"] == "done"
        assert http.get(f"{API}/{pid}/web.zip").status_code == 200
        assert http.get(f"{API}/nothing/web.zip").json()["detail"]  # a sentence, 404
    return pid


def test_studio_downloads_the_web_page_and_its_snippets_work(
    studio: Server, page: Page, pictures: Path, tmp_path: Path
) -> None:
    errors = no_page_errors(page)
    pid = trained_project(studio, pictures)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    expect(page.get_by_role("heading", name="5. Use it")).to_be_visible()
    expect(page.locator("#snippet-web-js")).to_contain_text("loadModel")
    expect(page.locator("#snippet-web-p5")).to_contain_text("window.draw")
    page.get_by_role("link", name="Download as a web page").scroll_into_view_if_needed()
    shoot(page, "web-export-3-studio-use-it")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a web page").click()
    assert download.value.suggested_filename == f"{pid}-web.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = set(archive.namelist())
    assert {f"{pid}-web/index.html", f"{pid}-web/model.onnx", f"{pid}-web/ort.wasm.min.mjs"} <= names
    assert json.loads(archive.read(f"{pid}-web/card.json"))["classes"] == ["cat", "coffee"]

    commands = [line for line in page.locator("#snippet-http").inner_text().splitlines() if not line.startswith("#")]
    download_osm, serve, ask = (shlex.split(line) for line in commands)
    assert serve == ["opensight", "serve", f"{pid}.osm", "--port", "8001"]
    assert ask[-1] == f"http://127.0.0.1:8001/v1/models/{pid}/predict"
    port = "8001" if _free("8001") else str(free_port())  # the commands as written, on another port if 8001 is taken
    work = tmp_path / "work"
    work.mkdir()
    (work / "photo.jpg").write_bytes((pictures / "cat" / "cat2.jpg").read_bytes())
    assert subprocess.run(download_osm, cwd=work, check=False).returncode == 0
    assert osi.load(work / f"{pid}.osm").classes == ("cat", "coffee")
    # the command-line and Python snippets, exactly as the page shows them, in the folder the model was saved to
    (work / "photos").mkdir()
    (work / "photos" / "coffee.jpg").write_bytes((pictures / "coffee" / "coffee2.jpg").read_bytes())
    shell = page.get_by_role("region", name="Command line: code").inner_text().splitlines()
    for line in shell:
        words = shlex.split(line)
        assert words[0] == "opensight", line
        done = subprocess.run([sys.executable, "-m", *words], cwd=work, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (line, done.stderr)
    assert (work / "results.csv").read_text().count("coffee") >= 1
    python = page.get_by_role("region", name="Python: code").inner_text()
    said = subprocess.run([sys.executable, "-c", python], cwd=work, capture_output=True, text=True, check=False)
    assert said.returncode == 0, said.stderr
    assert said.stdout.split()[0] in {"cat", "unsure"}, said.stdout
    environment = {**os.environ, "OPENSIGHT_HOME": str(tmp_path / "serve-home")}
    command = [sys.executable, "-m", "opensight", *serve[1:-1], port]
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen(command, cwd=work, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", server)
        asked = subprocess.run(
            [*ask[:-1], ask[-1].replace(":8001", f":{port}")], cwd=work, capture_output=True, text=True
        )
        assert asked.returncode == 0, asked.stderr
        assert json.loads(asked.stdout)["guess"] == "cat"
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert errors == []


def _free(port: str) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", int(port)))
        except OSError:
            return False
    return True


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "opensight serve exited"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in 90 s")
