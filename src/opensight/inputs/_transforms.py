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


#: The constants below are part of the ``.osm`` contract for ``fit: "content"`` (and are written out again in the
#: exported web page's ``contentBox``): every model taught with it sees pictures through them, so changing one changes
#: what saved models see — give a changed rule a new ``fit`` name instead.
#:
#: A picture's edge is plain where its pixels are within this many levels (0-255, each channel) of the border's colour
#: (:func:`content_box`) …
PLAIN_LEVELS = 14
#: … at least this share of the border's pixels must be, for the picture to have plain edges at all …
PLAIN_BORDER = 0.9
#: … a row or column holds something where more than this share of its pixels is not plain …
INKED = 0.01
#: … what holds something is kept with this much margin (a share of its longer side) …
CONTENT_MARGIN = 0.04
#: … and is taken only where it covers at most this share of the picture: above it the object already fills the frame
#: (on Fashion-MNIST, clothes on black, trimming the pictures whose content covered up to 70% lost 0.3-0.5 points at
#: 5-10 examples per class; up to half, 0.4) …
CONTENT_MOST = 0.5
#: … and at least this share (a speck on a plain picture is not what it shows). A big picture is looked at every
#: ``ceil(long side / CONTENT_GRID)``-th pixel down and across (a 1000-px picture took 26 ms, every second pixel 6 ms).
CONTENT_LEAST = 0.02
CONTENT_GRID = 512


def content_box(pixels: np.ndarray) -> tuple[int, int, int, int] | None:
    """Where a picture's content lies on its plain background — (top, bottom, left, right), with a margin — or None
    where its edges are not plain or the content already covers more than half of it. The border's colour is the
    lower median of its pixels, channel by channel; a picture over :data:`CONTENT_GRID` pixels is looked at on a grid.
    The exported web page computes the same box (``contentBox`` in :mod:`opensight.teach.web_page`'s script: the same
    grid and comparisons, in the same floating point).

    >>> pixels = np.full((100, 200, 3), 250, np.uint8); pixels[40:60, 20:50] = 30
    >>> content_box(pixels)
    (39, 61, 19, 51)
    >>> content_box(np.random.default_rng(0).integers(0, 256, (50, 50, 3), dtype=np.uint8)) is None
    True
    """
    height, width = pixels.shape[:2]
    step = -(-max(height, width) // CONTENT_GRID)
    seen = pixels[::step, ::step]
    border = np.concatenate([seen[0], seen[-1], seen[:, 0], seen[:, -1]]).astype(np.int16)
    colour = np.sort(border, axis=0)[(len(border) - 1) // 2]
    if int((np.abs(border - colour).max(axis=1) <= PLAIN_LEVELS).sum()) < PLAIN_BORDER * len(border):
        return None
    low, high = np.maximum(colour - PLAIN_LEVELS, 0), np.minimum(colour + PLAIN_LEVELS, 255)
    inked = ((seen < low.astype(np.uint8)) | (seen > high.astype(np.uint8))).any(axis=2)
    rows = np.flatnonzero(inked.sum(axis=1) > INKED * seen.shape[1])
    columns = np.flatnonzero(inked.sum(axis=0) > INKED * seen.shape[0])
    if not len(rows) or not len(columns):
        return None
    top, bottom = int(rows[0]) * step, min(height, (int(rows[-1]) + 1) * step)
    left, right = int(columns[0]) * step, min(width, (int(columns[-1]) + 1) * step)
    margin = int(CONTENT_MARGIN * max(bottom - top, right - left) + 0.5)
    top, bottom = max(0, top - margin), min(height, bottom + margin)
    left, right = max(0, left - margin), min(width, right + margin)
    area = (bottom - top) * (right - left)
    if area > CONTENT_MOST * height * width or area < CONTENT_LEAST * height * width:
        return None
    return top, bottom, left, right


def content_picture(pixels: np.ndarray, *, side: int) -> np.ndarray:
    """:func:`whole_picture` of what the picture shows on its plain background (:func:`content_box`): an object small
    or off-centre on a plain ground fills the square; a picture without plain edges, or whose content covers more than
    half of it, is the whole picture. Taught models see this: on letters placed at random on plain paper, 5 and 10
    examples per class, 80% → 95% and 91% → 98.5% right; on small drawings on a plain canvas 52% → 60%, 59% → 71%.

    >>> pixels = np.full((100, 200, 3), 250, np.uint8); pixels[40:60, 20:50] = 30
    >>> square = content_picture(pixels, side=64)
    >>> int(square[32, 32, 0]), int(square[0, 0, 0])
    (30, 250)
    """
    box = content_box(pixels)
    if box is not None:
        top, bottom, left, right = box
        pixels = np.ascontiguousarray(pixels[top:bottom, left:right])
    return whole_picture(pixels, side=side)


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
