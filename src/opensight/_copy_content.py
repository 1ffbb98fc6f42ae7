"""What is left of a picture once what frames it is trimmed, as ``opensight duplicates`` weighs a group's copies to
mark the one to keep (the ``keep`` column; :func:`content`): how much of the picture it is, how bright, how
contrasted, and whether it is shown in a screenshot or a post."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

from opensight._copy_frames import filled_corners
from opensight._copy_prints import MARKS_ZONE, PLAIN, PRINT_SIDE, _black_or_white, _leading, _loaded, _peeled, _print

#: A caption band's rows are this share or more of its margin's shade (big letters on it: a row through them is still
#: mostly margin) …
CAPTION_MARGIN = 0.3
#: … and its last rows, next to the picture, this many or more of them, are plain.
CAPTION_GAP = 2


@dataclass(frozen=True)
class Content:
    """What is left of a picture once its plain edges are trimmed: its ``share`` of the picture's area and its mean
    ``brightness`` (0-255) and ``contrast`` (the spread of its 32×32 grayscale thumbnail, 0-255: the same for a
    resized or re-saved copy); and the print of the whole picture, untrimmed (``whole``, for :func:`oddness`; what a
    transparent border holds). A copy framed by a border or a screenshot's window has a smaller share than its
    original; a darker or brighter copy another brightness; a copy with more or less contrast another spread.
    ``displayed``: the picture is shown in a window (its bars trimmed) or on a black or white screen (a phone's): a
    screenshot; or on a plain margin with writing on it: a post. ``framed``: what was trimmed is a frame — a border
    all round, a window, a screen — not a picture's own plain edges (a flat design's sky, a night sky, which text
    over a copy or its contrast changed keep from the trim). ``background``: what the first turn of trimming took is
    black or white (a product's background, a night sky), or a frame: plain edges that are no part of the picture
    even where they do not run all round (a crop that cut into a product on one side)."""

    share: float
    brightness: float
    contrast: float
    whole: np.ndarray
    displayed: bool = False
    framed: bool = False
    background: bool = False


def content(source: str | os.PathLike[str] | Image.Image | np.ndarray) -> Content:
    """The :class:`Content` of a picture, from one decode. A transparent border is a frame: what it holds is trimmed
    as the picture (a new user's trial kept a PNG copy with a transparent border, white on screen, over its JPEG
    original in 3 of 24 groups: on a night sky the original's dark ground was trimmed as a screen, the copy's not).

    >>> framed = np.zeros((120, 120, 4), dtype=np.uint8); framed[10:110, 10:110, 3] = 255
    >>> framed[10:110, 10:110, :3] = np.random.default_rng(0).integers(0, 255, (100, 100, 3))
    >>> look = content(framed); round(look.share, 2), look.framed
    (0.69, True)
    """
    loaded = _loaded(source)
    pixels = loaded.pixels
    if loaded.opaque is not None:
        left, top, right, bottom = loaded.opaque
        pixels = pixels[top:bottom, left:right]
    peel = _peeled(pixels)
    grays = np.asarray(Image.fromarray(peel.inner).convert("L"))
    top, bottom = _caption_band(grays.astype(np.float32))
    captioned = bool(top or bottom)
    grays = grays[top : len(grays) - bottom]
    share = grays.size / max(loaded.pixels.shape[0] * loaded.pixels.shape[1], 1)
    gray = Image.fromarray(np.ascontiguousarray(grays))
    brightness = float(grays.mean())
    contrast = float(np.asarray(gray.resize((PRINT_SIDE, PRINT_SIDE), Image.Resampling.BOX), dtype=np.float32).std())
    corners = filled_corners(np.asarray(Image.fromarray(pixels).convert("L"), dtype=np.float32))
    if corners:  # a turned copy, its canvas grown to hold it: the corners it filled are a frame
        return Content(min(share, 1 - corners), brightness, contrast, _print(pixels), peel.displayed, True, True)
    bordered = captioned or loaded.opaque is not None
    framed, background = peel.framed or bordered, not peel.unframed or bordered
    return Content(share, brightness, contrast, _print(pixels), peel.displayed or captioned, framed, background)


def _caption_band(gray: np.ndarray) -> tuple[int, int]:
    """How many rows at the top and at the bottom of a picture (its plain edges trimmed) are a caption band: a
    black or white margin across its width (rows at least :data:`CAPTION_MARGIN` of its shade, within
    :data:`MARKS_ZONE` of the edge) with writing on it, its last :data:`CAPTION_GAP` rows or more next to the picture
    plain — a copy made for sharing, "Summer trip 2019" under the photo. The trim takes a margin all round with its
    writing (:func:`_written`); one on a single side is the picture's own as far as finding copies goes, but a new
    user's trial kept such a copy, taller than its original, over the original in 11 of 39 groups. Used to choose the
    copy to keep only.

    >>> photo = np.tile(np.arange(200, dtype=np.float32) % 50 * 5, (120, 1))
    >>> band = np.full((20, 200), 255.0); band[8:12, 20:120:3] = 30  # a line of writing on white
    >>> _caption_band(np.vstack([photo, band])), _caption_band(np.vstack([photo, band[:12]])), _caption_band(photo)
    ((0, 20), (0, 12), (0, 0))
    """
    found = []
    for rows in (gray, gray[::-1]):
        edge = rows[: int(len(rows) * MARKS_ZONE) + 1]
        plain_rows = np.flatnonzero(edge.std(axis=1) < PLAIN)  # the trim may have taken the plain rows past the writing
        shade = float(edge[plain_rows[0]].mean()) if len(plain_rows) else -1.0
        if not len(plain_rows) or not _black_or_white(np.array([shade])).all():
            found.append(0)
            continue
        zone = len(edge) - 1
        band = _leading((np.abs(edge - shade) <= 4 * PLAIN).mean(axis=1) >= CAPTION_MARGIN)
        plain = (edge[:band].std(axis=1) < PLAIN) & (np.abs(edge[:band].mean(axis=1) - shade) <= 2 * PLAIN)
        # writing in it, and a plain stretch of the margin between it and the picture
        written = 0 < band <= zone and not plain.all() and plain[-CAPTION_GAP:].all() and band > CAPTION_GAP
        found.append(band if written else 0)
    return found[0], found[1]


__all__ = ["CAPTION_GAP", "CAPTION_MARGIN", "Content", "content"]
