"""A project's page in a real Chromium (issue 16): the report's "read this first" above the numbers, cut-off
uploads refused, label fixes that become notes, nothing removable while training, classes in creation order,
renamed and reordered in place, pictures shown under their original names."""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import numpy as np
from PIL import Image
from playwright.sync_api import Page, expect

from tests._server import Server
from tests.browser.conftest import no_page_errors, shoot
from tests.conftest import sample_photo

API = "/studio/api/projects"
TRAINED = 240_000  # ms: training on two shared cores, under load


def failed_requests(page: Page) -> list[str]:
    """Every answer of 400 or more the page received (a broken thumbnail is a 404)."""
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return failures


def cut_off_png(folder: Path) -> Path:
    """The first 60% of a real PNG: its header is fine, its pixels are cut short."""
    buffer = io.BytesIO()
    noise = np.random.default_rng(16).integers(0, 255, (120, 160, 3), dtype=np.uint8)
    Image.fromarray(noise).save(buffer, "PNG")
    data = buffer.getvalue()
    path = folder / "half.png"
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def stray_coffee(folder: Path) -> Path:
    """A coffee picture unlike the five in the coffee class (another crop), to put in the wrong class."""
    photo = Image.fromarray(sample_photo("coffee"))
    path = folder / "stray.jpg"
    photo.crop((60, 40, photo.width - 20, photo.height - 10)).resize((250, 190)).save(path, quality=90)
    return path


def project(studio: Server, name: str, classes: dict[str, list[Path]]) -> str:
    """A project made through the API, with these pictures in these classes; its id."""
    with studio.client() as http:
        pid: str = http.post(API, json={"name": name}).json()["id"]
        for label, files in classes.items():
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            if files:
                sent = [("files", (p.name, p.read_bytes())) for p in files]
                answer = http.post(f"{API}/{pid}/classes/{label}/pictures", files=sent)
                assert answer.status_code == 200, answer.text
    return pid


def shown_classes(page: Page) -> list[str]:
    return [str(name) for name in page.locator("article.class-card").evaluate_all("a => a.map(e => e.dataset.class)")]


def test_the_evaluation_says_read_this_first_and_a_cut_off_upload_is_refused(
    studio: Server, home: Path, page: Page, pictures: Path, tmp_path: Path
) -> None:
    errors = no_page_errors(page)
    pid = project(studio, "Warned", {"cat": sorted((pictures / "cat").glob("*.jpg")), "coffee": []})
    (home / "studio" / pid / "examples" / "cat" / "broken.png").write_bytes(cut_off_png(tmp_path).read_bytes())
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.set_input_files('input[data-class="coffee"]', [cut_off_png(tmp_path), pictures / "coffee" / "coffee0.jpg"])
    expect(page.locator("#toast")).to_contain_text(
        "half.png: the image data is cut short (truncated file); copy or download it again"
    )
    expect(page.locator('article[data-class="coffee"] .thumbs img')).to_have_count(1)

    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_contain_text("Accuracy", timeout=TRAINED)
    first = page.locator("#read-this-first")
    expect(first.get_by_role("heading", name="Read this first")).to_be_visible()
    expect(first).to_contain_text("class 'coffee' has only 1 example(s); it works, but 10 or more per class")
    expect(first).to_contain_text("1 file(s) were left out; each is listed with the reason")
    expect(first).to_contain_text("cat/broken.png: the image data is cut short (truncated file)")
    above = "e => !!(e.compareDocumentPosition(document.getElementById('accuracy-sentence')) & 4)"
    assert first.evaluate(above), "the warnings come before the numbers"
    shoot(page, "16-read-this-first")
    assert errors == []


def test_a_label_fix_becomes_a_note_and_its_picture_follows(
    studio: Server, page: Page, pictures: Path, tmp_path: Path
) -> None:
    errors = no_page_errors(page)
    cats = [*sorted((pictures / "cat").glob("*.jpg")), stray_coffee(tmp_path)]
    pid = project(studio, "Label fix", {"cat": cats, "coffee": sorted((pictures / "coffee").glob("*.jpg"))})
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_contain_text("Accuracy", timeout=TRAINED)
    failures = failed_requests(page)
    move = page.get_by_role("button", name="Move to coffee")
    expect(move).to_have_count(1)
    move.click()
    expect(page.locator('article[data-class="coffee"] .thumbs img')).to_have_count(6)
    expect(move).to_have_count(0)  # nothing left to click twice
    note = page.locator(".label-issue").get_by_text("Moved to coffee", exact=True)
    expect(note).to_be_visible()
    expect(note).to_be_focused()
    thumbnail = page.locator(".label-issue img")
    expect(thumbnail).to_have_attribute("src", re.compile("/classes/coffee/pictures/"))
    page.wait_for_function("document.querySelector('.label-issue img').naturalWidth > 0")
    shoot(page, "16-label-fixed")
    assert failures == []
    assert errors == []


def test_nothing_can_be_removed_while_training(studio: Server, page: Page, pictures: Path) -> None:
    errors = no_page_errors(page)
    classes = {label: sorted((pictures / label).glob("*.jpg")) for label in ("cat", "coffee")}
    pid = project(studio, "Busy page", classes)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.get_by_role("button", name="Training…")).to_be_visible()
    for name in ("Delete class cat", "Rename class coffee"):
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    page.locator('article[data-class="cat"] .thumbs button').first.click()
    dialog = page.locator("#picture-dialog")
    expect(dialog.get_by_role("button", name="Delete picture")).to_be_disabled()
    expect(dialog.get_by_role("button", name="Move", exact=True)).to_be_disabled()
    expect(dialog).to_contain_text("wait until the training ends")
    shoot(page, "16-training-locks")
    page.keyboard.press("Escape")
    expect(page.get_by_text("Trained on the current pictures.")).to_be_visible(timeout=TRAINED)
    expect(page.get_by_role("button", name="Delete class cat")).to_be_enabled()
    assert errors == []


def test_classes_keep_their_order_can_be_renamed_and_moved(studio: Server, page: Page, pictures: Path) -> None:
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("New model").fill("Order")
    page.get_by_role("button", name="Create").click()
    for label in ("zebra", "apple", "mango"):
        page.get_by_label("New class").fill(label)
        page.get_by_role("button", name="Add class").click()
        expect(page.locator(f'article[data-class="{label}"]')).to_be_visible()
    assert shown_classes(page) == ["zebra", "apple", "mango"]

    page.get_by_role("button", name="Move apple up").click()
    expect(page.locator("article.class-card").first).to_have_attribute("data-class", "apple")
    expect(page.get_by_role("button", name="Move apple down")).to_be_focused()  # up is disabled at the top
    expect(page.get_by_role("button", name="Move apple up")).to_be_disabled()
    page.get_by_role("button", name="Move zebra down").click()
    expect(page.locator("article.class-card").last).to_have_attribute("data-class", "zebra")
    expect(page.get_by_role("button", name="Move zebra up")).to_be_focused()
    assert shown_classes(page) == ["apple", "mango", "zebra"]

    page.get_by_role("button", name="Rename class apple").click()
    field = page.get_by_label("New name for apple")
    expect(field).to_be_focused()
    field.fill("green apple")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Rename class green apple")).to_be_focused()
    assert shown_classes(page) == ["green apple", "mango", "zebra"]
    page.get_by_role("button", name="Rename class mango").click()
    page.get_by_label("New name for mango").fill("zebra")
    page.keyboard.press("Enter")
    expect(page.locator("#toast")).to_contain_text("the class 'zebra' already exists in this project")
    page.locator("#toast").click()  # a click closes it (it may cover what is under it)
    expect(page.locator("#toast")).to_be_hidden()

    original = pictures / "cat" / "cat0.jpg"
    renamed = pictures.parent / "IMG_0042 holiday.jpg"
    renamed.write_bytes(original.read_bytes())
    page.set_input_files('input[data-class="zebra"]', renamed)
    thumb = page.get_by_role("button", name="Picture IMG_0042 holiday.jpg in zebra: open")
    expect(thumb).to_be_visible()
    thumb.click()
    expect(page.locator("#picture-dialog-title")).to_have_text("zebra: IMG_0042 holiday.jpg")
    expect(page.locator("#picture-dialog-actions")).not_to_contain_text("null")
    shoot(page, "16-classes")
    with httpx.Client(base_url=studio.url) as http:
        assert [c["name"] for c in http.get(f"{API}/order").json()["classes"]] == ["green apple", "mango", "zebra"]
    assert errors == []
