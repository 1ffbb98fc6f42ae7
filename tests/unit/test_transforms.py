"""The shared geometric preprocessing on pictures of unusual shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from opensight.inputs import _transforms, content_picture, resize_center_crop, whole_picture
from opensight.inputs._transforms import content_box


def _strip(length: int, *, tall: bool) -> np.ndarray:
    """A one-pixel strip, red with a blue middle."""
    strip = np.zeros((1, length, 3), np.uint8)
    strip[..., 0] = 255
    strip[0, length // 2 - 2 : length // 2 + 3] = (0, 0, 255)
    return strip.transpose(1, 0, 2).copy() if tall else strip


@pytest.mark.parametrize("tall", [False, True], ids=["wide", "tall"])
def test_a_thin_strip_is_cropped_without_enlarging_all_of_it(monkeypatch: pytest.MonkeyPatch, tall: bool) -> None:
    # a 317-byte PNG of 1 x 60,000 pixels was enlarged to 256 x 15,360,000 (16 GB) to keep its middle 224 x 224
    resize = Image.Image.resize
    largest: list[int] = []

    def measured(image: Image.Image, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        largest.append(size[0] * size[1])
        assert size[0] * size[1] <= 4096 * 256, f"enlarged to {size}"
        return resize(image, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", measured)
    square = resize_center_crop(_strip(60_000, tall=tall), size=224, resize_side=256)
    assert square.shape == (224, 224, 3)
    assert largest
    assert (square[..., 2] > 200).all()
    assert (square[..., 0] < 60).all()


def test_a_strip_under_the_cut_is_cropped_as_before() -> None:
    picture = np.random.default_rng(0).integers(0, 256, (300, 4000, 3), dtype=np.uint8)  # 13 : 1, not cut
    expected = np.asarray(Image.fromarray(picture).resize((3413, 256), Image.Resampling.BICUBIC))[16:240, 1594:1818]
    assert np.array_equal(resize_center_crop(picture, size=224, resize_side=256), expected)


def _object_on(ground: tuple[int, int, int], place: tuple[int, int], size: int, shape: tuple[int, int]) -> np.ndarray:
    """A textured square object of ``size`` pixels at ``place`` (left, top) on a plain ground with a little noise."""
    rng = np.random.default_rng(1)
    pixels = np.clip(np.asarray(ground) + rng.integers(-6, 7, (*shape, 3)), 0, 255).astype(np.uint8)
    left, top = place
    pixels[top : top + size, left : left + size] = rng.integers(0, 256, (size, size, 3), dtype=np.uint8)
    return pixels


def test_an_object_on_a_plain_ground_fills_the_square_wherever_it_is() -> None:
    """Taught models see what a picture shows on its plain background (issue 14, point 1: an object small or
    off-centre): the same object at another place, on another plain ground, fills the square the same way."""
    corner = content_picture(_object_on((250, 250, 250), (10, 20), 60, (300, 400)), side=64)
    middle = content_picture(_object_on((20, 30, 40), (170, 120), 60, (300, 400)), side=64)
    assert content_box(_object_on((250, 250, 250), (10, 20), 60, (300, 400))) == (18, 82, 8, 72)
    inside = slice(8, 56)  # away from the margin's ground
    assert np.array_equal(corner[inside, inside], middle[inside, inside])


@pytest.mark.parametrize(
    "pixels",
    [
        np.random.default_rng(2).integers(0, 256, (120, 160, 3), dtype=np.uint8),  # a photo: no plain edges
        _object_on((250, 250, 250), (5, 5), 260, (300, 400)),  # the object covers more than half: it fills the frame
        _object_on((250, 250, 250), (100, 100), 8, (300, 400)),  # a speck
        np.full((50, 50, 3), 128, np.uint8),  # nothing at all
    ],
)
def test_a_picture_without_a_small_object_on_plain_edges_is_seen_whole(pixels: np.ndarray) -> None:
    assert content_box(pixels) is None
    assert np.array_equal(content_picture(pixels, side=48), whole_picture(pixels, side=48))


def test_the_web_page_trims_with_the_same_constants() -> None:
    """The exported page's ``contentBox`` writes the Python's constants out again (the browser test compares its
    answers on two pictures); a constant changed on one side only is caught here."""
    script = (Path(_transforms.__file__).parents[1] / "teach" / "web_page" / "opensight-model.js").read_text()
    body = script[script.index("export function contentBox") : script.index("export function contentPicture")]
    t = _transforms
    for fragment in (
        f"LEVELS = {t.PLAIN_LEVELS}",
        f"plain < {t.PLAIN_BORDER} * border.length",
        f"n > {t.INKED} * along",
        f"Math.floor({t.CONTENT_MARGIN} * ",
        f"area > {t.CONTENT_MOST} * height * width",
        f"area < {t.CONTENT_LEAST} * height * width",
        f"Math.max(width, height) / {t.CONTENT_GRID})",
    ):
        assert fragment in body, fragment
