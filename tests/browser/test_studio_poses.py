"""A Studio project of body poses in a real Chromium (issue 18, part 3): pictures of two people (scikit-image's
astronaut and cameraman, photographed again) and one of an empty room are added like a picture project's, the
webcam panel asks to hold a pose and records while its button is held, the training names the pictures with nobody
in them, the evaluation shows the pictures with the skeleton drawn, a new picture of the astronaut is told apart with
its skeleton drawn (the live webcam's frames are drawn too), the web-page download is replaced by a sentence, and the
downloaded ``.osm`` answers ``opensight predict``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests._people import empty_room, people, people_pictures, photographed_again
from tests._server import Server
from tests.browser.conftest import no_page_errors, shoot


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("people")
    return people_pictures(folder, per_class=5)


def test_a_poses_project_from_pictures_to_model_file(
    studio: Server, page: Page, photos: dict[str, list[Path]], tmp_path: Path
) -> None:
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("New model").fill("Who stands there")
    page.get_by_label("Body poses").check()
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Who stands there")).to_be_visible()
    expect(page.get_by_text("One class per pose")).to_be_visible()
    for label in ("astronaut", "cameraman"):
        page.get_by_label("New class").fill(label)
        page.get_by_role("button", name="Add class").click()
        expect(page.locator(f'article[data-class="{label}"]')).to_be_visible()

    # pictures are added as in a picture project; the webcam asks to hold a pose
    room = empty_room(tmp_path / "empty-room.png")
    for label, paths in photos.items():
        card = f'article[data-class="{label}"]'
        page.locator(f'{card} input[type="file"]').set_input_files([*paths, *([room] if label == "cameraman" else [])])
        expect(page.locator(f"{card} .thumbs img")).to_have_count(len(paths) + (label == "cameraman"))
    card = page.locator('article[data-class="astronaut"]')
    card.get_by_role("button", name="use the webcam").click()
    expect(card.get_by_role("button", name="Hold to capture into astronaut")).to_be_visible()
    expect(card.get_by_text("Hold a pose in front of the camera")).to_be_visible()
    expect(card.locator("video")).to_have_js_property("readyState", 4)
    record = card.get_by_role("button", name="Hold to capture into astronaut")
    record.focus()  # hold-to-record works as for pictures (the fake camera's test pattern shows nobody)
    page.keyboard.down("Space")
    page.wait_for_timeout(700)
    page.keyboard.up("Space")
    expect(page.locator("#toast")).to_contain_text(re.compile(r"Added \d+ pictures? to astronaut"))
    card.get_by_role("button", name="Close webcam").click()

    # train: the picture with nobody in it is named in "Read this first"
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_be_visible(timeout=60_000)
    first = page.locator("#read-this-first")
    expect(first).to_contain_text("cameraman/empty-room.png: no person found")
    expect(first).to_contain_text(re.compile(r"astronaut/webcam-\d+-\d+\.jpg: no person found"))

    # the evaluation's pictures show the skeleton the model saw (the store's preview)
    page.locator("table.confusion td.right button").first.click()
    thumb = page.locator("#cell-pictures img").first
    expect(thumb).to_have_attribute("src", re.compile(r"/preview$"))
    page.wait_for_function("() => document.querySelector('#cell-pictures img').naturalWidth === 112")

    # a new picture of the astronaut: the label, and the picture with the skeleton drawn
    test = tmp_path / "test-astronaut.jpg"
    photographed_again(people()["astronaut"], np.random.default_rng(99)).save(test, quality=90)
    page.get_by_label("Test a picture").set_input_files(test)
    # astronaut, confidently or as the best guess: 5 pictures a class put the answer near the 'unsure' threshold
    told = re.compile(r"^(Unsure — best guess: )?astronaut \(\d+%\)$")
    expect(page.locator("#test-answer")).to_have_text(told, timeout=30_000)
    drawn = page.locator("#test-result img.test-picture")
    expect(drawn).to_have_attribute("alt", "The tested picture, with the skeleton the model found")
    expect(drawn).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))

    # the live webcam: each frame's answer with the frame drawn (nobody in the test pattern: it says so)
    page.get_by_role("button", name="Test with the webcam").click()
    expect(page.locator("#test-answer")).to_have_text(re.compile(r"^No person found"), timeout=30_000)
    expect(drawn).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
    page.get_by_role("button", name="Stop the webcam").click()

    # no web page for a pose model, a sentence instead; the snippets send a photo
    expect(page.locator("#download-web")).to_have_count(0)
    expect(page.locator("#no-web-page")).to_contain_text("picture models only")
    expect(page.locator("#snippet-http")).to_contain_text("-F file=@photo.jpg")
    shoot(page, "40-poses-trained")

    with page.expect_download() as download:
        page.locator("#download-osm").click()
    model = tmp_path / "people.osm"
    download.value.save_as(model)
    done = subprocess.run(
        [sys.executable, "-m", "opensight", "predict", str(model), str(test), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[0])["guess"] == "astronaut"
    assert errors == []
