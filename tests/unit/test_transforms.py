"""The shared geometric preprocessing on pictures of unusual shapes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from opensight.inputs import resize_center_crop


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
