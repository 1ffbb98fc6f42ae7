"""read on big pictures: lines searched on a small copy first (models/_ocr_scales.py), at full size where needed."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

import opensight as osi
from opensight.models import _ocr_scales
from tests._media import SENTENCES, cer, font


@pytest.fixture(scope="module")
def reader() -> osi.TextReader:
    return osi.TextReader()


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes each picture's lines were searched at (long side, px), in turn."""
    sides: list[int] = []
    look = _ocr_scales.TwoScaleDetector._look

    def spy(self: _ocr_scales.TwoScaleDetector, picture: np.ndarray, side: int) -> object:
        sides.append(side)
        return look(self, picture, side)

    monkeypatch.setattr(_ocr_scales.TwoScaleDetector, "_look", spy)
    return sides


def _waves(width: int, height: int) -> Image.Image:
    """High-contrast curved stripes over the whole picture, like an abstract wallpaper."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    gray = np.where(np.sin(x / 37 + 3 * np.sin(y / 91)) * np.sin(y / 23 + x / 211) > 0, 230.0, 30.0)
    return Image.fromarray(np.stack([gray, gray * 0.95, gray * 0.9], axis=-1).astype(np.uint8))


def test_a_caption_on_a_big_busy_picture_is_read(reader: osi.TextReader) -> None:
    # The line finder weighs each place by the whole picture: at 1600 px the stripes hid this label entirely (nothing
    # was read, by opensight nor by RapidOCR called directly); on the 800-px copy it stands out.
    picture = _waves(2000, 1250)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((900, 200, 1260, 300), fill=(205, 205, 210))
    draw.text((920, 230), "Opening hours", font=font(28, bold=True), fill=(20, 20, 40))
    assert reader(picture).text == "Opening hours"


@pytest.mark.parametrize("fine_print", [9, 13])
def test_fine_print_under_a_big_title_is_read_too(reader: osi.TextReader, looks: list[int], fine_print: int) -> None:
    # The small copy finds the title; the full-size search finds the fine print too.
    poster = Image.new("RGB", (1600, 1000), (240, 236, 228))
    draw = ImageDraw.Draw(poster)
    draw.text((200, 300), "SUMMER SALE", font=font(90, bold=True), fill=(180, 30, 30))
    draw.text((1100, 900), "Offer ends on Sunday at noon", font=font(fine_print), fill=(60, 60, 60))
    assert reader(poster).text == "SUMMER SALE\nOffer ends on Sunday at noon"
    assert looks == [800, 1600]


def test_big_text_on_a_big_picture_is_searched_at_both_sizes_and_read_once(
    reader: osi.TextReader, looks: list[int]
) -> None:
    # the copy alone is never trusted (a small watermark beside big text can leave no trace on it)
    poster = Image.new("RGB", (1600, 1000), (240, 236, 228))
    ImageDraw.Draw(poster).text((200, 300), "SUMMER SALE", font=font(90, bold=True), fill=(180, 30, 30))
    found = reader(poster)
    assert found.text == "SUMMER SALE"
    assert looks == [800, 1600]
    x1, y1, x2, y2 = found.lines[0].box  # boxes in the picture's own pixels, around the title
    assert 180 < x1 < 215
    assert 280 < y1 < 330
    assert x2 > 800
    assert y2 < 420


def test_a_picture_of_up_to_1000_px_is_searched_once_at_its_own_size(reader: osi.TextReader, looks: list[int]) -> None:
    page = Image.new("RGB", (1000, 700), "white")
    ImageDraw.Draw(page).text((60, 300), "Fresh bread every morning", font=font(40), fill="black")
    assert reader(page).text == "Fresh bread every morning"
    assert looks == []  # RapidOCR's own line finder, as before


def test_a_big_picture_without_text_is_not_searched_again_upside_down(reader: osi.TextReader, looks: list[int]) -> None:
    # a weak reading is read again turned by 180° (a page upside down); where no line was found at all, turned none
    # would be found either: the picture is searched once (the small copy, then full size), not twice
    y, x = np.mgrid[0:1250, 0:2000].astype(np.float32)
    sky = np.stack([120 + x / 40, 160 + y / 30, 220 - y / 50], axis=-1)
    assert reader(sky.astype(np.uint8)).text == ""
    assert looks == [800, 1600]


@pytest.mark.parametrize("size", [13, 16])
def test_small_print_in_a_corner_of_a_4k_screenshot_is_read(reader: osi.TextReader, size: int) -> None:
    # Six lines in a corner of a 3840x2160 screen: the line finder, weighing each place by the whole picture, found
    # none of the 13-px lines and four of the 16-px ones (RapidOCR called directly: none of either). Its text map
    # shows them faintly; that part searched again on its own finds all six.
    shot = Image.new("RGB", (3840, 2160), (250, 250, 250))
    draw = ImageDraw.Draw(shot)
    lines = [SENTENCES[i % len(SENTENCES)][:60] for i in range(6)]
    for row, line in enumerate(lines):
        draw.text((200, 300 + row * 2 * size), line, font=font(size), fill=(30, 30, 30))
    found = reader(shot)
    assert len(found.lines) == 6, found.text
    assert cer(" ".join(lines), " ".join(found.text.split())) < 0.03, found.text
