"""The Studio in a real Chromium: teach, check, test, download; a ready-made task; a restart keeps the project.

Screenshots of each main screen go to ``test-output/screenshots/`` for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect

import opensight as osi
from tests._server import Server, running_server
from tests.browser.conftest import no_page_errors, shoot
from tests.conftest import OUTPUT, sample_photo


def stray_coffee(folder: Path) -> Path:
    """A coffee picture unlike the five in the coffee class (another crop), to put in the wrong class."""
    photo = Image.fromarray(sample_photo("coffee"))
    path = folder / "stray.jpg"
    photo.crop((60, 40, photo.width - 20, photo.height - 10)).resize((250, 190)).save(path, quality=90)
    return path


def test_teach_flow_in_the_browser(studio: Server, page: Page, pictures: Path, tmp_path: Path) -> None:
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/")
    expect(page.get_by_role("heading", name="Teach opensight your own categories")).to_be_visible()
    shoot(page, "1-projects")
    page.get_by_label("New model").fill("Cats and coffee")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Cats and coffee")).to_be_visible()
    for label in ("cat", "coffee"):
        page.get_by_label("New class").fill(label)
        page.get_by_role("button", name="Add class").click()
        page.set_input_files(f'input[data-class="{label}"]', sorted((pictures / label).glob("*.jpg")))
        expect(page.locator(f'article[data-class="{label}"] .thumbs img')).to_have_count(5)
    shoot(page, "2-examples")
    # a label mistake: one more coffee picture dropped into the cat class
    page.set_input_files('input[data-class="cat"]', stray_coffee(tmp_path))
    expect(page.locator('article[data-class="cat"] .thumbs img')).to_have_count(6)

    page.get_by_role("button", name="Train", exact=True).click()
    sentence = page.locator("#accuracy-sentence")
    expect(sentence).to_contain_text(re.compile(r"Accuracy \d+%.*cross-validation"), timeout=180_000)
    shoot(page, "3-evaluation")

    # the stray coffee picture is flagged, and one click moves it where it belongs
    issue = page.get_by_role("button", name="Move to coffee")
    expect(issue).to_have_count(1)
    issue.click()
    expect(page.locator('article[data-class="coffee"] .thumbs img')).to_have_count(6)
    expect(page.locator('article[data-class="cat"] .thumbs img')).to_have_count(5)
    expect(page.get_by_text("The pictures changed since the last training")).to_be_visible()
    page.get_by_role("button", name="Train again").click()
    expect(page.get_by_text("Trained on the current pictures.")).to_be_visible(timeout=180_000)

    cell = page.get_by_role("button", name="5 cat pictures the model called cat")
    cell.click()
    expect(page.locator("#cell-thumbs img")).to_have_count(5)
    expect(page.locator("#cell-thumbs img").first).to_have_js_property("complete", True)
    coverage = page.evaluate(
        "fetch(location.pathname.replace(/studio.*/, 'studio/api/projects/cats-and-coffee/evaluation'))"
        ".then(r => r.json()).then(e => Math.round(e.unsure.coverage * 100))"
    )
    readout = page.locator("#unsure-readout")
    expect(readout).to_contain_text(f"answers {coverage}%")  # the slider starts where the saved model is
    slider = page.locator("#unsure-slider")
    slider.fill("0")
    expect(page.locator("#unsure-readout")).to_contain_text("answers 100%")

    page.set_input_files("#test-file", pictures / "coffee" / "coffee2.jpg")
    expect(page.locator("#test-answer")).to_contain_text(re.compile(r"coffee|Unsure"))
    shoot(page, "4-test")

    with page.expect_download() as download:
        page.locator("#download-osm").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    model = osi.load(saved)
    assert model.classes == ("cat", "coffee")
    assert model(pictures / "cat" / "cat3.jpg").guess == "cat"
    assert errors == []


def test_webcam_capture_adds_a_picture(studio: Server, page: Page) -> None:
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("New model").fill("Webcam")
    page.get_by_role("button", name="Create").click()
    page.get_by_label("New class").fill("me")
    page.get_by_role("button", name="Add class").click()
    page.get_by_role("button", name="use the webcam").click()
    page.get_by_role("button", name="Capture into me").click()
    expect(page.locator('article[data-class="me"] .thumbs img')).to_have_count(1)
    assert errors == []


def test_ready_made_task_on_an_upload(studio: Server, page: Page, photos: Path) -> None:
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/studio/#/tasks")
    page.get_by_role("button", name="detect").click()
    page.set_input_files("#task-file", photos / "astronaut.jpg")
    expect(page.locator("#task-result h2")).to_contain_text("person")
    expect(page.locator("#task-annotated")).to_have_js_property("complete", True)
    shoot(page, "5-ready-made-task")
    page.get_by_role("button", name="classify").click()
    page.set_input_files("#task-file", photos / "chelsea.jpg")
    expect(page.locator("#task-result h2")).to_contain_text("Most likely")
    assert errors == []


def test_read_and_transcribe_on_the_task_page(studio: Server, page: Page, tmp_path: Path) -> None:
    from tests._media import pocketsphinx_clips, render_lines

    errors = no_page_errors(page)
    sign = tmp_path / "sign.png"
    render_lines(["Fresh bread daily", "Open at 7"], 30).save(sign)
    page.goto(f"{studio.url}/studio/#/tasks")
    page.get_by_role("button", name="read").click()
    page.set_input_files("#task-file", sign)
    expect(page.locator("#task-text")).to_have_text("Fresh bread daily\nOpen at 7", timeout=60_000)
    page.get_by_role("button", name="transcribe").click()
    expect(page.locator("#task-file")).to_have_attribute("accept", "audio/*,video/*")
    page.set_input_files("#task-file", pocketsphinx_clips()[1][0])
    expect(page.locator("#task-segments")).to_contain_text("young man", timeout=60_000)
    shoot(page, "7-transcribe")
    page.get_by_role("button", name="tag").click()
    page.get_by_label("Your words").fill("kitten, invoice")
    page.set_input_files("#task-file", pictures_dir_photo())
    # the first tag request in a fresh cache exports MiniLM to ONNX once (about 15 s)
    expect(page.locator("#task-result h2")).to_contain_text("Tags: kitten", timeout=120_000)
    expect(page.locator("#task-tags")).to_contain_text("expect poor results")
    shoot(page, "8-tag")
    assert errors == []


def pictures_dir_photo() -> Path:
    from tests.conftest import sample_photo

    path = Path(OUTPUT) / "chelsea-for-tag.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sample_photo("chelsea")).save(path)
    return path


def test_a_restart_keeps_the_project(home: Path, page: Page) -> None:
    # runs after the teach flow (same data dir): a fresh server process must show the taught project
    with running_server(["studio"], home=home, log=home / "server.log") as server:
        page.goto(f"{server.url}/studio/")
        card = page.get_by_role("link", name=re.compile("Cats and coffee"))
        expect(card).to_contain_text("trained")
        card.click()
        expect(page.locator("#accuracy-sentence")).to_contain_text("Accuracy")
        expect(page.locator('article[data-class="cat"] .thumbs img')).to_have_count(5)


def test_phone_width_stays_usable(studio: Server, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{studio.url}/studio/")
    expect(page.get_by_label("New model")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px wide)"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    shoot(page, "6-phone")


def test_a_token_protected_studio(tmp_path: Path, page: Page, pictures: Path) -> None:
    with running_server(
        ["studio"], home=tmp_path, log=tmp_path / "server.log", env={"OPENSIGHT_TOKEN": "s3cret"}
    ) as server:
        with server.client(Authorization="Bearer s3cret") as http:
            http.post("/studio/api/projects", json={"name": "Private"})
            http.post("/studio/api/projects/private/classes", json={"name": "cat"})
            picture = (pictures / "cat" / "cat0.jpg").read_bytes()
            http.post("/studio/api/projects/private/classes/cat/pictures", files=[("files", ("a.jpg", picture))])
        page.goto(f"{server.url}/studio/")
        expect(page.get_by_role("heading", name="This Studio is protected")).to_be_visible()
        page.get_by_label("Token").fill("s3cret")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("link", name=re.compile("Private")).click()
        thumbnail = page.locator('article[data-class="cat"] .thumbs img')
        expect(thumbnail).to_have_count(1)
        # pictures need the token too: the page fetches them with it (an <img src> could not send it)
        page.wait_for_function("document.querySelector('article[data-class=\"cat\"] .thumbs img').naturalWidth > 0")


def test_a_damaged_evaluation_shows_as_a_note(tmp_path: Path, page: Page) -> None:
    with running_server(["studio"], home=tmp_path, log=tmp_path / "server.log") as server:
        with server.client() as http:
            for name in ("Healthy", "Damaged"):
                assert http.post("/studio/api/projects", json={"name": name}).status_code == 201
        folder = tmp_path / "studio" / "damaged"
        (folder / "model.osm").write_bytes(b"PK not really")
        (folder / "evaluation.json").write_text('{"class_names": ["cat", "dog"], "confu', encoding="utf-8")
        errors = no_page_errors(page)
        page.goto(f"{server.url}/studio/")
        damaged = page.get_by_role("link", name=re.compile("Damaged"))
        expect(damaged).to_contain_text("the evaluation could not be read")
        expect(damaged).to_contain_text("train again")
        expect(page.get_by_role("link", name=re.compile("Healthy"))).not_to_contain_text("could not be read")
        damaged.click()
        expect(page.get_by_role("alert")).to_contain_text("the evaluation could not be read")
        expect(page.get_by_role("button", name="Train", exact=True)).to_be_visible()
        shoot(page, "9-damaged-evaluation")
        assert errors == []
