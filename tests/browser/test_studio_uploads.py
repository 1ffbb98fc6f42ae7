"""Adding pictures in a real Chromium (issue 16, defect 8): phone-size photos are scaled down in the browser
(long side 1600 px, upright, under their original names) before they are sent; refusals speak to a person."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps
from playwright.sync_api import Page, expect

from tests._server import Server, running_server

API = "/studio/api/projects"


def project(studio: Server, name: str) -> str:
    """A new project with one class ``phone``; its id."""
    with studio.client() as http:
        pid: str = http.post(API, json={"name": name}).json()["id"]
        assert http.post(f"{API}/{pid}/classes", json={"name": "phone"}).status_code == 201
    return pid


def phone_photo(folder: Path) -> Path:
    """A 4000×3000 JPEG as a phone held upright saves it: landscape pixels, EXIF orientation 6 (turn 90° right)."""
    rows = np.linspace(0, 255, 3000, dtype=np.uint8)[:, None]
    columns = np.linspace(255, 0, 4000, dtype=np.uint8)[None, :]
    pixels = np.stack([np.broadcast_to(rows, (3000, 4000)), np.broadcast_to(columns, (3000, 4000)),
                       np.full((3000, 4000), 90, np.uint8)], axis=-1)  # fmt: skip
    exif = Image.Exif()
    exif[0x0112] = 6
    path = folder / "IMG_2041.jpg"
    Image.fromarray(np.ascontiguousarray(pixels)).save(path, "JPEG", quality=90, exif=exif)
    return path


def stored(home: Path, pid: str) -> list[Path]:
    return sorted((home / "studio" / pid / "examples" / "phone").iterdir())


def test_a_phone_photo_is_scaled_down_upright_under_its_name(
    studio: Server, home: Path, page: Page, tmp_path: Path
) -> None:
    pid = project(studio, "Phone")
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.set_input_files('input[data-class="phone"]', [phone_photo(tmp_path)])
    expect(page.locator("#toast")).to_contain_text("Added 1 picture to phone", timeout=60_000)
    [kept] = stored(home, pid)
    with Image.open(kept) as picture:
        upright = ImageOps.exif_transpose(picture)
    assert max(upright.size) == 1600
    assert upright.width < upright.height  # orientation 6 applied: the phone was held upright
    assert upright.size == (1200, 1600)
    with studio.client() as http:
        originals = http.get(f"{API}/{pid}").json()["originals"]
    assert originals == {f"phone/{kept.name}": "IMG_2041.jpg"}
    expect(page.locator('article[data-class="phone"] .thumb')).to_have_attribute("title", "IMG_2041.jpg")


def test_a_small_picture_is_sent_as_it_is(studio: Server, home: Path, page: Page, tmp_path: Path) -> None:
    pid = project(studio, "Small")
    path = tmp_path / "small.png"
    Image.new("RGB", (320, 240), (10, 120, 200)).save(path)
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.set_input_files('input[data-class="phone"]', [path])
    expect(page.locator("#toast")).to_contain_text("Added 1 picture to phone")
    [kept] = stored(home, pid)
    assert kept.read_bytes() == path.read_bytes()


def test_an_empty_file_and_a_text_file_are_refused_in_words_for_a_person(
    studio: Server, page: Page, tmp_path: Path
) -> None:
    pid = project(studio, "Refusals")
    empty, notes = tmp_path / "empty.jpg", tmp_path / "notes.txt"
    empty.write_bytes(b"")
    notes.write_text("a shopping list, not a picture\n")
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.set_input_files('input[data-class="phone"]', [empty, notes])
    toast = page.locator("#toast")
    expect(toast).to_contain_text("empty.jpg: this file is empty (0 bytes); choose the picture again")
    expect(toast).to_contain_text("notes.txt: this file is not a picture (")
    expect(toast).to_contain_text("choose a JPEG, PNG, WebP, HEIC")
    expect(toast).not_to_contain_text("'file' field")


def test_a_too_big_file_is_refused_with_the_option_that_accepts_it(page: Page, tmp_path: Path) -> None:
    with running_server(["studio", "--max-upload-mb", "1"], home=tmp_path, log=tmp_path / "server.log") as small:
        pid = project(small, "Big")
        huge, fine = tmp_path / "huge.heic", tmp_path / "fine.png"
        huge.write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(2 * 1024 * 1024))  # the browser cannot decode it
        Image.new("RGB", (320, 240), (200, 120, 10)).save(fine)
        page.goto(f"{small.url}/studio/#/p/{pid}")
        page.set_input_files('input[data-class="phone"]', [huge, fine])
        toast = page.locator("#toast")
        expect(toast).to_contain_text("Added 1; not added: huge.heic: this file is bigger than the 1 MB")
        expect(toast).to_contain_text("start `opensight studio` or `serve` with --max-upload-mb 50")
