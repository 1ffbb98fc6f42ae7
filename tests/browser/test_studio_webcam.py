"""The Studio's webcam and its training watch in a real Chromium (issue 16, defects 2 and 7).

The webcam: hold a button (pointer or keyboard) to record a burst into a class; the panel stays open while the
page redraws; every camera track ends when the panel closes or the page moves on; the toasts count what the server
really kept. Training: a server that dies mid-training shows a banner while the page retries, and a restarted
server says the training was interrupted, with the Train button ready.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import httpx
from PIL import Image, ImageEnhance, ImageOps
from playwright.sync_api import Page, expect

from tests._server import Server, running_server, teaching_pictures, wait_trained
from tests.browser.conftest import no_page_errors, shoot
from tests.conftest import sample_photo

API = "/studio/api/projects"

#: Keeps every camera track the page asks for in ``window.__tracks`` (the test reads their ``readyState``).
RECORD_TRACKS = """
window.__tracks = [];
const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await original(constraints);
  window.__tracks.push(...stream.getTracks());
  return stream;
};
"""

#: A camera that films a still picture: every frame is the same, so the server keeps only the first one.
STILL_CAMERA = """
window.__tracks = [];
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 240;
  const context = canvas.getContext("2d");
  const paint = () => { context.fillStyle = "#2a6"; context.fillRect(0, 0, 320, 240);
    context.fillStyle = "#fff"; context.fillRect(100, 80, 120, 80); requestAnimationFrame(paint); };
  paint();
  const stream = canvas.captureStream(10);
  window.__tracks.push(...stream.getTracks());
  return stream;
};
"""


def new_project(server: Server, name: str, classes: tuple[str, ...]) -> str:
    with server.client() as http:
        pid: str = http.post(API, json={"name": name}).json()["id"]
        for label in classes:
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
    return pid


def count_of(page: Page, label: str) -> int:
    heading = page.locator(f'article[data-class="{label}"] h3').inner_text()
    match = re.search(r"\((\d+) pictures?\)", heading)
    assert match, heading
    return int(match.group(1))


def live_tracks(page: Page) -> list[str]:
    return list(page.evaluate("window.__tracks.map((t) => t.readyState)"))


def test_hold_to_record_a_burst_keeps_the_panel_open(studio: Server, page: Page) -> None:
    errors = no_page_errors(page)
    page.add_init_script(RECORD_TRACKS)
    pid = new_project(studio, "Burst", ("me", "not me"))
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    card = page.locator('article[data-class="me"]')
    card.get_by_role("button", name="use the webcam").click()
    record = page.get_by_role("button", name="Hold to capture into me")
    expect(record).to_be_visible()
    expect(card.get_by_label("Frames per second")).to_have_value("5")
    expect(card.get_by_label("Longest recording (seconds)")).to_have_value("10")
    expect(card.locator("video")).to_have_js_property("readyState", 4)

    # hold the pointer for about 1.5 s at 5 frames a second: about 7 frames, counted while recording
    record.hover()
    page.mouse.down()
    expect(card.get_by_role("status")).to_contain_text(re.compile(r"Recording… [1-9]"))
    page.wait_for_timeout(1500)
    page.mouse.up()
    expect(card.locator(".thumbs img")).not_to_have_count(0)
    expect(page.locator("#toast")).to_contain_text(re.compile(r"Added \d+ pictures to me"))
    first = count_of(page, "me")
    assert 5 <= first <= 10, f"{first} frames from 1.5 s at 5 fps"
    expect(card.locator(".thumbs img")).to_have_count(first)
    # the panel is still open, with the same camera (one track, still live)
    expect(record).to_be_visible()
    assert live_tracks(page) == ["live"]
    shoot(page, "10-webcam-burst")

    # from the keyboard: Space held down records, released stops
    record.focus()
    page.keyboard.down("Space")
    page.wait_for_timeout(1000)
    page.keyboard.up("Space")
    expect(page.locator("#toast")).to_contain_text(re.compile(r"Added \d+ pictures to me"))
    expect(card.locator(".thumbs img")).not_to_have_count(first)
    second = count_of(page, "me")
    assert 3 <= second - first <= 8, f"{second - first} frames from 1 s at 5 fps"
    expect(record).to_be_focused()

    # a slower rate and a short limit: the recording stops by itself
    card.get_by_label("Frames per second").fill("2")
    card.get_by_label("Longest recording (seconds)").fill("1")
    record.hover()
    page.mouse.down()
    page.wait_for_timeout(2500)
    expect(card.get_by_role("status")).not_to_contain_text("Recording…")
    page.mouse.up()
    expect(page.locator("#toast")).to_contain_text(re.compile(r"Added [1-4] pictures? to me"))
    assert 1 <= count_of(page, "me") - second <= 4

    # closing the panel ends the camera
    assert live_tracks(page) == ["live"]
    card.get_by_role("button", name="Close webcam").click()
    expect(card.locator("video")).to_have_count(0)
    assert live_tracks(page) == ["ended"]
    expect(card.get_by_role("button", name="use the webcam")).to_be_focused()
    assert errors == []


def test_the_camera_stops_when_the_page_moves_on(studio: Server, page: Page) -> None:
    page.add_init_script(RECORD_TRACKS)
    pid = new_project(studio, "Leaving", ("a", "b"))
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    for label in ("a", "b"):
        page.locator(f'article[data-class="{label}"]').get_by_role("button", name="use the webcam").click()
        expect(page.get_by_role("button", name=f"Hold to capture into {label}")).to_be_visible()
    # a redraw of the page (a new class) keeps both panels and their cameras
    page.get_by_label("New class").fill("c")
    page.get_by_role("button", name="Add class").click()
    expect(page.locator('article[data-class="c"]')).to_be_visible()
    expect(page.locator(".class-card video")).to_have_count(2)
    assert live_tracks(page) == ["live", "live"]
    page.get_by_role("link", name="← Your models").click()
    expect(page.get_by_role("heading", name="Teach opensight your own categories")).to_be_visible()
    assert live_tracks(page) == ["ended", "ended"]


def test_the_live_test_webcam_survives_a_redraw(studio: Server, page: Page, tmp_path: Path) -> None:
    """Found by a new user: "Test with the webcam" right after training closed itself when the page redrew."""
    page.add_init_script(RECORD_TRACKS)
    pid = new_project(studio, "Live test", ("cat", "coffee"))
    pictures = teaching_pictures(tmp_path / "pictures")
    with studio.client() as http:
        for label in ("cat", "coffee"):
            files = [("files", (path.name, path.read_bytes())) for path in sorted((pictures / label).iterdir())]
            assert http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).status_code == 200
        assert http.post(f"{API}/{pid}/train").status_code == 202
        assert wait_trained(http, pid, seconds=180)["state"] == "done"
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.get_by_role("button", name="Test with the webcam").click()
    expect(page.get_by_role("button", name="Stop the webcam")).to_be_visible()
    expect(page.locator("#test-result")).not_to_be_empty(timeout=30_000)
    page.get_by_label("New class").fill("tea")  # any redraw of the page, as the end of a training makes
    page.get_by_role("button", name="Add class").click()
    expect(page.locator('article[data-class="tea"]')).to_be_visible()
    expect(page.get_by_role("button", name="Stop the webcam")).to_be_visible()
    page.evaluate("document.getElementById('test-result').replaceChildren()")
    expect(page.locator("#test-result")).not_to_be_empty(timeout=30_000)  # answers keep coming after the redraw
    assert live_tracks(page) == ["live"]
    page.get_by_role("link", name="← Your models").click()
    expect(page.get_by_role("heading", name="Teach opensight your own categories")).to_be_visible()
    assert live_tracks(page) == ["ended"]


def test_identical_frames_are_counted_honestly(studio: Server, page: Page) -> None:
    errors = no_page_errors(page)
    page.add_init_script(STILL_CAMERA)
    pid = new_project(studio, "Still", ("wall",))
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.get_by_role("button", name="use the webcam").click()
    record = page.get_by_role("button", name="Hold to capture into wall")
    record.focus()
    page.keyboard.down("Enter")
    page.wait_for_timeout(1200)
    page.keyboard.up("Enter")
    toast = page.locator("#toast")
    expect(toast).to_contain_text(re.compile(r"Added 1 picture to wall; \d+ (was|were) identical to ones already"))
    assert count_of(page, "wall") == 1
    # once more: nothing new at all, and the toast says so
    page.keyboard.down("Enter")
    page.wait_for_timeout(600)
    page.keyboard.up("Enter")
    expect(toast).to_contain_text(re.compile(r"No new pictures: the \d+ frames? (was|were) identical to ones already"))
    assert count_of(page, "wall") == 1
    assert errors == []


# ---------- a server that stops mid-training ---------------------------------------------------------------------
def many_pictures(folder: Path, per_class: int) -> Path:
    """``per_class`` different crops of two sample photos per class: enough that reading them takes seconds."""
    for label, name in (("cat", "chelsea"), ("coffee", "coffee")):
        photo = Image.fromarray(sample_photo(name))
        (folder / label).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            left, top = (i * 7) % 60, (i * 5) % 40
            crop = photo.crop((left, top, photo.width - (i * 3) % 50, photo.height - (i * 11) % 30))
            crop = ImageOps.mirror(crop) if i % 2 else crop
            crop = ImageEnhance.Brightness(crop).enhance(0.75 + 0.01 * i)
            crop.save(folder / label / f"{label}{i}.jpg", quality=85)
    return folder


def test_a_server_that_stops_mid_training(tmp_path: Path, page: Page) -> None:
    home, pictures = tmp_path / "home", many_pictures(tmp_path / "pictures", 60)
    home.mkdir()
    errors = no_page_errors(page)
    with running_server(["studio"], home=home, log=tmp_path / "server.log") as server:
        with server.client() as http:
            pid = http.post(API, json={"name": "Interrupted"}).json()["id"]
            for label in ("cat", "coffee"):
                http.post(f"{API}/{pid}/classes", json={"name": label})
                files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
                assert len(http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).json()["added"]) == 60
        page.goto(f"{server.url}/studio/#/p/{pid}")
        page.get_by_role("button", name="Train", exact=True).click()
        reading = re.compile(r"Reading pictures: \d+ of 120")
        expect(page.locator("#train-status")).to_contain_text(reading, timeout=60_000)
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        banner = page.get_by_role("alert").filter(has_text="Lost the connection to opensight")
        expect(banner).to_contain_text("retrying")
        shoot(page, "11-connection-lost")
        port = int(server.url.rsplit(":", 1)[1])

    # the same server comes back on the same address: the page notices by itself
    _wait_port_free(port)
    with running_server(["studio"], home=home, log=tmp_path / "server.log", port=port) as again:
        expect(banner).to_have_count(0, timeout=30_000)
        expect(page.locator("#train-panel")).to_contain_text("Training was interrupted — train again")
        shoot(page, "12-training-interrupted")
        with again.client() as http:
            assert http.get(f"{API}/{pid}/train").json()["state"] == "interrupted"

    # another server on another port: a reloaded page says the same, and the Train button works
    with running_server(["studio"], home=home, log=tmp_path / "server.log") as third:
        page.goto(f"{third.url}/studio/#/p/{pid}")
        expect(page.locator("#train-panel")).to_contain_text("Training was interrupted — train again")
        train = page.get_by_role("button", name="Train", exact=True)
        expect(train).to_be_enabled()
        train.click()
        expect(page.locator("#train-status")).to_contain_text("Trained in", timeout=240_000)
        expect(page.locator("#train-panel")).not_to_contain_text("interrupted")
        assert not list((home / "studio" / pid).glob("*training*"))
    assert errors == []


def _wait_port_free(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5)
        except httpx.TransportError:
            return
        time.sleep(0.2)
