"""Geometric preprocessing shared by image models (pure functions on uint8 arrays)."""

from __future__ import annotations

import numpy as np
from PIL import Image

#: A picture longer than this many times its width (or wider than this many times its height) is cut to its middle
#: before :func:`resize_center_crop` enlarges it: a 1 × 60,000-pixel PNG of 317 bytes was enlarged to 256 × 15,360,000
#: (16 GB) to keep 224 × 224 of it. The cut keeps the square the crop takes and this many pixels each side (what the
#: bicubic filter reads beyond it): the same middle, to a fraction of a pixel.
MOST_STRETCHED = 16
BICUBIC_REACH = 2


def resize_center_crop(pixels: np.ndarray, *, size: int, resize_side: int) -> np.ndarray:
    """Resize so the short side is ``resize_side`` (bicubic), then cut the central ``size``×``size`` square.

    >>> resize_center_crop(np.zeros((300, 400, 3), np.uint8), size=224, resize_side=256).shape
    (224, 224, 3)
    """
    if resize_side < size:
        raise ValueError(f"resize_side ({resize_side}) must be at least size ({size})")
    height, width = pixels.shape[:2]
    if max(height, width) > MOST_STRETCHED * min(height, width):  # only the middle is kept: only it is resized
        keep = min(height, width) + 2 * BICUBIC_REACH
        pixels = pixels[(height - keep) // 2 :][:keep] if height > width else pixels[:, (width - keep) // 2 :][:, :keep]
        height, width = pixels.shape[:2]
    scale = resize_side / min(width, height)
    new_width, new_height = max(size, round(width * scale)), max(size, round(height * scale))
    image = Image.fromarray(pixels)
    if (new_width, new_height) != (width, height):
        image = image.resize((new_width, new_height), Image.Resampling.BICUBIC)
    left, top = (new_width - size) // 2, (new_height - size) // 2
    return np.asarray(image.crop((left, top, left + size, top + size)), dtype=np.uint8)


def whole_picture(pixels: np.ndarray, *, side: int) -> np.ndarray:
    """The whole picture in a ``side``×``side`` square: its long side resized to ``side`` (bicubic), centred on
    the mean colour of its own border (so a product photo on white stays on white, nothing is cut off).

    >>> square = whole_picture(np.full((100, 50, 3), 200, np.uint8), side=64)
    >>> square.shape, int(square[0, 0, 0]), int(square[32, 32, 0])
    ((64, 64, 3), 200, 200)
    """
    height, width = pixels.shape[:2]
    scale = side / max(height, width)
    size = (max(1, min(side, round(width * scale))), max(1, min(side, round(height * scale))))
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]]).mean(axis=0)
    canvas = np.empty((side, side, 3), dtype=np.uint8)
    canvas[:] = np.round(border).astype(np.uint8)
    resized = np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BICUBIC))
    top, left = (side - size[1]) // 2, (side - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = resized
    return canvas


def letterbox(pixels: np.ndarray, *, side: int, enlarge: bool = True) -> np.ndarray:
    """Resize so the long side fits ``side`` (keeping the shape; never larger when ``enlarge`` is False) and pad
    right/bottom with black to a ``side``×``side`` square. The padding never shifts coordinates: a point (x, y) of
    the square is (x, y) × long side / resized long side in the picture.

    >>> letterbox(np.zeros((100, 50, 3), np.uint8), side=64).shape
    (64, 64, 3)
    """
    height, width = pixels.shape[:2]
    scale = side / max(height, width)
    if not enlarge:
        scale = min(1.0, scale)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = (
        pixels
        if size == (width, height)
        else np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BILINEAR))
    )
    canvas = np.zeros((side, side, 3), dtype=np.uint8)
    canvas[: resized.shape[0], : resized.shape[1]] = resized
    return canvas
