"""Accessibility of every Studio view and of the exported web page: axe-core (from the npm registry, installed by
`make setup` into the venv, never a CDN) finds no violation of WCAG 2.0/2.1/2.2 A and AA nor of its best practices;
and the keyboard: one Tab stop per class's pictures (arrow keys between them), the focus never falls to <body>
after a picture is deleted or captured.

The tags are the issue's (wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice) plus wcag22aa, whose "target-size"
rule checks that tap targets are at least 24 x 24 px.
"""

from __future__ import annotations

import functools
import http.server
import io
import re
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests._media import espeak, write_wav
from tests._people import empty_room, people_pictures
from tests._server import Server, running_server, wait_trained
from tests.conftest import REPO, sample_photo

API = "/studio/api/projects"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE = Path("share", "opensight-test", "node_modules", "axe-core", "axe.min.js")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js as `make setup` installs it: in this Python's environment, or in the checkout's .venv."""
    for prefix in (Path(sys.prefix), REPO / ".venv"):
        if (prefix / AXE).is_file():
            return prefix / AXE
    pytest.fail(f"axe-core is missing: `make setup` installs it from npm (into {Path(sys.prefix) / AXE})")


def assert_accessible(page: Page, axe: Path, view: str) -> None:
    """Runs axe-core on the page as it is now; every violation is listed (rule, impact, help, the elements)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => (await axe.run(document, { runOnly: { type: "tag", values: tags } })).violations
            .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }))""",
        TAGS,
    )
    report = "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} — {v['targets']}" for v in violations)
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {view}:\n{report}"
    # stricter than axe's target-size (which lets a small target pass when nothing is near it): every control
    # is at least 24 x 24 px, links and file boxes too
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"tap targets under 24 x 24 px on {view}: {small}"


SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex='0']"))
  .filter((e) => e.checkVisibility() && !e.closest("[inert], dialog:not([open])"))
  .map((e) => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width < 24 || r.height < 24)
  .map(([e, r]) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} `
    + `"${(e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30)}" `
    + `${Math.round(r.width)}x${Math.round(r.height)}`)"""


def stray_coffee(folder: Path) -> Path:
    """A coffee picture unlike the five in the coffee class, put in the cat class: a label issue to show."""
    photo = Image.fromarray(sample_photo("coffee"))
    path = folder / "stray.jpg"
    photo.crop((60, 40, photo.width - 20, photo.height - 10)).resize((250, 190)).save(path, quality=90)
    return path


def new_project(server: Server, name: str, pictures: Path | None = None) -> str:
    with server.client() as http:
        pid: str = http.post(API, json={"name": name}).json()["id"]
        for label in ("cat", "coffee"):
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            if pictures is not None:
                files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
                assert http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).status_code == 200
    return pid


@pytest.fixture(scope="module")
def trained(home: Path, pictures: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A project taught cats vs coffee, with a coffee picture among the cats (a label issue), made once."""
    with running_server(["studio"], home=home, log=home / "server.log") as server, server.client() as http:
        pid = new_project(server, "Cats and coffee", pictures)
        stray = stray_coffee(tmp_path_factory.mktemp("stray"))
        http.post(f"{API}/{pid}/classes/cat/pictures", files=[("files", (stray.name, stray.read_bytes()))])
        assert http.post(f"{API}/{pid}/train").status_code == 202
        assert wait_trained(http, pid)["state"] == "done"
    return pid


# ---------- axe-core on every view ---------------------------------------------------------------------------
def test_the_projects_list_empty_and_with_a_project(tmp_path: Path, page: Page, axe_script: Path) -> None:
    with running_server(["studio"], home=tmp_path, log=tmp_path / "server.log") as server:
        page.goto(f"{server.url}/studio/")
        expect(page.get_by_text("No models yet")).to_be_visible()
        assert_accessible(page, axe_script, "the empty projects list")
        new_project(server, "Pets")
        page.reload()
        expect(page.get_by_role("link", name=re.compile("Pets"))).to_be_visible()
        assert_accessible(page, axe_script, "the projects list with a project")


def test_a_project_before_training_its_dialog_and_webcam(
    studio: Server, page: Page, pictures: Path, axe_script: Path
) -> None:
    pid = new_project(studio, "Untrained", pictures)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    expect(page.locator('article[data-class="coffee"] .thumbs img')).to_have_count(5)
    assert_accessible(page, axe_script, "a project before training")
    page.locator('article[data-class="cat"] .thumbs button').first.click()
    expect(page.get_by_role("button", name="Delete picture")).to_be_visible()
    assert_accessible(page, axe_script, "the picture dialog")
    page.keyboard.press("Escape")
    page.locator('article[data-class="cat"]').get_by_role("button", name="use the webcam").click()
    expect(page.locator('article[data-class="cat"] video')).to_have_js_property("readyState", 4)
    assert_accessible(page, axe_script, "a class's webcam panel")


def test_a_trained_project(trained: str, studio: Server, page: Page, tmp_path: Path, axe_script: Path) -> None:
    page.goto(f"{studio.url}/studio/#/p/{trained}")
    expect(page.locator("#accuracy-sentence")).to_be_visible()
    expect(page.locator("#unsure-slider")).to_be_visible()
    expect(page.locator(".curve svg")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Maybe in the wrong class"))).to_be_visible()
    page.locator("table.confusion td button").first.click()
    expect(page.locator("#cell-pictures h3")).to_be_visible()
    page.locator("#snippet-web-js").wait_for(state="attached")
    page.locator("details").filter(has_text="Use the exported page").locator("summary").click()
    assert_accessible(page, axe_script, "a trained project (evaluation, slider, curve, snippets)")
    photo = tmp_path / "chelsea.jpg"
    Image.fromarray(sample_photo("chelsea")).save(photo)
    page.get_by_label("Test a picture").set_input_files(photo)  # the visible label is its name (WCAG 2.5.3)
    expect(page.locator("#test-answer")).to_be_visible(timeout=60_000)
    assert_accessible(page, axe_script, "a trained project with a tested picture")


def test_the_ready_made_tasks_with_a_result(studio: Server, page: Page, tmp_path: Path, axe_script: Path) -> None:
    page.goto(f"{studio.url}/studio/#/tasks")
    expect(page.get_by_role("button", name="classify", exact=True)).to_be_visible()
    assert_accessible(page, axe_script, "the ready-made tasks")
    photo = tmp_path / "chelsea.jpg"
    Image.fromarray(sample_photo("chelsea")).save(photo)
    page.get_by_role("button", name="read", exact=True).click()
    page.set_input_files("#task-file", photo)
    expect(page.locator("#task-result h2")).to_be_visible(timeout=120_000)
    page.locator("#task-result details summary").click()
    assert_accessible(page, axe_script, "a ready-made task's result")


def test_the_segment_task_with_its_before_after_slider(
    studio: Server, page: Page, tmp_path: Path, axe_script: Path
) -> None:
    page.goto(f"{studio.url}/studio/#/tasks")
    page.get_by_role("button", name="segment", exact=True).click()
    photo = tmp_path / "astronaut.jpg"
    Image.fromarray(sample_photo("astronaut")).save(photo)
    page.set_input_files("#task-file", photo)
    expect(page.locator("#task-compare")).to_have_attribute("data-ready", "true", timeout=60_000)
    page.get_by_role("slider", name="Show the result").focus()
    page.keyboard.press("ArrowRight")
    page.get_by_label("Background", exact=True).select_option("transparent")
    page.locator("#task-result details summary").click()
    assert_accessible(page, axe_script, "the segment task's before/after slider")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_exported_web_page(trained: str, studio: Server, page: Page, tmp_path: Path, axe_script: Path) -> None:
    with studio.client() as client:
        download = client.get(f"{API}/{trained}/web.zip")
    assert download.status_code == 200, download.text
    zipfile.ZipFile(io.BytesIO(download.content)).extractall(tmp_path)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / f"{trained}-web"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        expect(page.locator("body[data-ready=true]")).to_have_count(1, timeout=60_000)
        assert_accessible(page, axe_script, "the exported web page")
        page.set_input_files("#picture", photo_file(tmp_path))
        expect(page.locator("#answer[data-probabilities]")).to_have_count(1, timeout=30_000)
        assert_accessible(page, axe_script, "the exported web page with an answer")
    finally:
        server.shutdown()
        server.server_close()


def photo_file(folder: Path) -> Path:
    path = folder / "chelsea.jpg"
    Image.fromarray(sample_photo("chelsea")).save(path)
    return path


def sound_project(server: Server, folder: Path) -> str:
    """A sound project with "yes" (espeak-ng) and "background noise" (generated hiss), three recordings each."""
    rng = np.random.default_rng(3)
    recordings = {
        "yes": [espeak("yes", folder / f"yes{i}.wav", speed=130 + 25 * i) for i in range(3)],
        "background noise": [
            write_wav(folder / f"room{i}.wav", rng.normal(0, 0.02, 16_000).astype(np.float32)) for i in range(3)
        ],
    }
    with server.client() as http:
        pid: str = http.post(API, json={"name": "Sounds", "kind": "sounds"}).json()["id"]
        for label, paths in recordings.items():
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            files = [("files", (p.name, p.read_bytes())) for p in paths]
            assert http.post(f"{API}/{pid}/classes/{label}/sounds", files=files).status_code == 200
    return pid


def test_a_sound_project_its_recorder_evaluation_and_listening(
    studio: Server, page: Page, tmp_path: Path, axe_script: Path
) -> None:
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("Sounds").check()
    assert_accessible(page, axe_script, "the projects list with Sounds chosen")
    pid = sound_project(studio, tmp_path)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    expect(page.locator('article[data-class="yes"] .sounds audio')).to_have_count(3)
    assert_accessible(page, axe_script, "a sound project before training")
    page.locator('article[data-class="yes"]').get_by_role("button", name="Record", exact=True).click()
    page.wait_for_function("() => document.querySelector('.recorder meter')?.value > 0.1", timeout=10_000)
    assert_accessible(page, axe_script, "a class's microphone recorder")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_be_visible(timeout=120_000)
    page.locator("table.confusion td.right button").first.click()
    expect(page.locator("#cell-pictures audio").first).to_be_visible()
    assert_accessible(page, axe_script, "a trained sound project (evaluation with players, snippets)")
    page.get_by_role("button", name="Listen", exact=True).click()
    expect(page.locator("#listen-answer")).to_be_visible(timeout=20_000)
    assert_accessible(page, axe_script, "a sound project listening live")


def test_a_poses_project_its_webcam_evaluation_and_test(
    studio: Server, page: Page, tmp_path: Path, axe_script: Path
) -> None:
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("Body poses").check()
    assert_accessible(page, axe_script, "the projects list with Body poses chosen")
    photos = people_pictures(tmp_path, per_class=4)
    with studio.client() as http:
        pid: str = http.post(API, json={"name": "Poses", "kind": "poses"}).json()["id"]
        for label, paths in photos.items():
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            with_room = [*paths, empty_room(tmp_path / "room.png")] if label == "cameraman" else paths
            files = [("files", (p.name, p.read_bytes())) for p in with_room]
            assert http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).status_code == 200
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    expect(page.locator('article[data-class="astronaut"] .thumbs img')).to_have_count(4)
    page.locator('article[data-class="astronaut"]').get_by_role("button", name="use the webcam").click()
    expect(page.locator('article[data-class="astronaut"] video')).to_have_js_property("readyState", 4)
    assert_accessible(page, axe_script, "a poses project before training, with its webcam panel")
    page.get_by_role("button", name="Close webcam").click()
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_be_visible(timeout=60_000)
    expect(page.locator("#read-this-first")).to_contain_text("no person found")
    page.locator("table.confusion td.right button").first.click()
    expect(page.locator("#cell-pictures img").first).to_be_visible()
    assert_accessible(page, axe_script, "a trained poses project (skipped pictures, skeleton thumbnails)")
    page.get_by_label("Test a picture").set_input_files(photos["astronaut"][0])
    expect(page.locator("#test-answer")).to_be_visible(timeout=30_000)
    expect(page.locator("#test-result img.test-picture")).to_be_visible()
    assert_accessible(page, axe_script, "a poses project with a tested picture and its skeleton")


# ---------- the keyboard -------------------------------------------------------------------------------------
def active(page: Page) -> str:
    """What has the focus: its tag, then its data-file, id or text."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement;
                return `${e.tagName.toLowerCase()} ${e.dataset.file || e.id || e.textContent.trim().slice(0, 40)}`; }"""
        )
    )


def test_one_tab_stop_per_class_of_pictures(studio: Server, page: Page, pictures: Path) -> None:
    pid = new_project(studio, "Keyboard", pictures)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    cat = page.locator('article[data-class="cat"] .thumbs button.thumb')
    expect(cat).to_have_count(5)
    page.get_by_label("New class").focus()
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(active(page))
        if stops[-1] == "button train-button":
            break
    assert stops[-1] == "button train-button", stops
    thumbs = [stop for stop in stops if stop.startswith("button ") and stop.endswith(".jpg")]
    assert len(thumbs) == 2, f"one Tab stop per class's pictures, got {thumbs}"
    # the arrow keys move between a class's pictures; Tab comes back to the last one chosen
    cat.first.focus()
    files = [cat.nth(i).get_attribute("data-file") for i in range(5)]
    page.keyboard.press("ArrowRight")
    assert active(page) == f"button {files[1]}"
    page.keyboard.press("End")
    assert active(page) == f"button {files[4]}"
    page.keyboard.press("ArrowRight")  # it stays at the end
    assert active(page) == f"button {files[4]}"
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    assert active(page) == f"button {files[0]}"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert active(page) == f"button {files[1]}"


def test_the_focus_after_deleting_and_capturing(studio: Server, page: Page, pictures: Path) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    pid = new_project(studio, "Focus", pictures)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    cat = page.locator('article[data-class="cat"] .thumbs button.thumb')
    expect(cat).to_have_count(5)
    files = [cat.nth(i).get_attribute("data-file") for i in range(5)]
    # deleting the second picture from the keyboard: the focus goes to the picture that took its place
    cat.nth(1).focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Delete picture").focus()
    page.keyboard.press("Enter")
    expect(cat).to_have_count(4)
    page.wait_for_function("document.activeElement !== document.body")
    assert active(page) == f"button {files[2]}"
    # the last picture: the one before it
    cat.nth(3).click()
    page.get_by_role("button", name="Delete picture").click()
    expect(cat).to_have_count(3)
    page.wait_for_function("document.activeElement !== document.body")
    assert active(page) == f"button {files[3]}"
    # the class's only picture: its heading
    coffee = page.locator('article[data-class="coffee"] .thumbs button.thumb')
    for left in range(5, 0, -1):
        coffee.first.click()
        page.get_by_role("button", name="Delete picture").click()
        expect(coffee).to_have_count(left - 1)
    page.wait_for_function("document.activeElement !== document.body")
    assert active(page).startswith("h3 coffee"), active(page)
    # capturing from the keyboard (into the class now empty) keeps the focus on the capture button
    card = page.locator('article[data-class="coffee"]')
    card.get_by_role("button", name="use the webcam").click()
    record = page.get_by_role("button", name="Hold to capture into coffee")
    expect(card.locator("video")).to_have_js_property("readyState", 4)
    record.focus()
    page.keyboard.down("Space")
    page.wait_for_timeout(800)
    page.keyboard.up("Space")
    expect(page.locator("#toast")).to_contain_text(re.compile(r"Added \d+ pictures? to coffee"))
    expect(record).to_be_focused()  # the class was empty: its card's pictures appear, the focus stays
