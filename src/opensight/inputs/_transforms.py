"""Geometric preprocessing shared by image models (pure functions on uint8 arrays)."""

from __future__ import annotations

import numpy as np
from PIL import Image


def resize_center_crop(pixels: np.ndarray, *, size: int, resize_side: int) -> np.ndarray:
    """Resize so the short side is ``resize_side`` (bicubic), then cut the central ``size``×``size`` square.

    >>> resize_center_crop(np.zeros((300, 400, 3), np.uint8), size=224, resize_side=256).shape
    (224, 224, 3)
    """
    if resize_side < size:
        raise ValueError(f"resize_side ({resize_side}) must be at least size ({size})")
    height, width = pixels.shape[:2]
    scale = resize_side / min(width, height)
    new_width, new_height = max(size, round(width * scale)), max(size, round(height * scale))
    image = Image.fromarray(pixels)
    if (new_width, new_height) != (width, height):
        image = image.resize((new_width, new_height), Image.Resampling.BICUBIC)
    left, top = (new_width - size) // 2, (new_height - size) // 2
    return np.asarray(image.crop((left, top, left + size, top + size)), dtype=np.uint8)
