"""Posters on whole wallpapers, for the read benchmark (bench/_quality_read.py): big text beside small text.

Where :mod:`_read_wallpapers` writes a few lines of one size on a band, a poster mixes sizes as users' pictures do,
mostly written straight on the photo with an outline: a shop sign (a big name over a line a third to a half its size
on a panel), a title with a small credit in a corner (56-120 px over 14-22 px), a meme's top and bottom lines (white,
black outline), or a photo viewer's caption strip (a file's description left and its date right, 14-24 px, on a dark
strip across the foot). Added 2026-12-06 after a new user's trial of such pictures (a watermark under a title lost,
stray glyphs read before captions); the same three wallpaper sources as the captions, other seeds. None of the three
is held out for the rules added with it (a tilt the lines' boxes cannot tell from level taken as level: found on
their caption strips, the date read before the description; the small copy's specks and a stray box's echo: found on
new users' trials).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from _read_wallpapers import WALLPAPERS, drawn_wallpapers

#: Each poster source: the caption source whose wallpapers it uses, and the draw's seed.
POSTERS = {
    "posters on Plasma wallpapers": ("text on Plasma wallpapers (settings chosen on these)", 61),
    "posters on GNOME, Lomiri and UKUI wallpapers": ("text on GNOME, Lomiri and UKUI wallpapers (held out)", 67),
    "posters on MATE wallpapers": ("text on MATE wallpapers (held out)", 71),
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
Layout = Callable[[Image.Image, list[str], list[Path], np.random.Generator], list[str]]


def posters_on_wallpapers(
    name: str, sentences: list[str], faces: list[Path], count: int, folder: Path, has_text: Callable[[Path], bool]
) -> list[tuple[Path, list[str]]]:
    """``count`` posters of the source ``name`` in ``folder``, each with its lines in reading order; ``has_text``
    says whether a bare wallpaper shows text of its own (such wallpapers are left out)."""
    caption_source, seed = POSTERS[name]
    folders = WALLPAPERS[caption_source][0]
    rng = np.random.default_rng(seed)
    words = [w for w in " ".join(sentences).split() if re.fullmatch(r"[A-Za-z][a-z]{2,11}", w)]
    items: list[tuple[Path, list[str]]] = []
    layouts: tuple[Layout, ...] = (_sign, _title_and_credit, _meme, _caption_strip)
    for photo, clean in drawn_wallpapers(folders, "MATE" in name, rng, folder, has_text):
        if not clean:
            continue
        truth = layouts[len(items) % len(layouts)](photo, words, faces, rng)
        path = folder / f"poster{len(items):03d}.jpg"
        photo.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 0.8)))).save(path, quality=int(rng.integers(60, 93)))
        items.append((path, truth))
        if len(items) == count:
            return items
    return items


def _face(faces: list[Path], size: int, rng: np.random.Generator, bold: bool = False) -> ImageFont.FreeTypeFont:
    heavy = [face for face in faces if "Bold" in face.name or "bold" in face.name] if bold else faces
    return ImageFont.truetype(str((heavy or faces)[int(rng.integers(len(heavy or faces)))]), size)


def _fitting(
    text: str, faces: list[Path], size: int, width: int, rng: np.random.Generator, bold: bool = False
) -> tuple[ImageFont.FreeTypeFont, int]:
    """A face at ``size`` or smaller in which ``text`` fits ``width`` pixels."""
    face = _face(faces, size, rng, bold)
    while face.getlength(text) > width and size > 12:
        size = int(size * 0.85)
        face = face.font_variant(size=size)
    return face, size


def _phrase(words: list[str], rng: np.random.Generator, low: int, high: int) -> str:
    return " ".join(str(rng.choice(words)) for _ in range(int(rng.integers(low, high + 1))))


def _contrasting(photo: Image.Image, box: tuple[int, int, int, int]) -> tuple[tuple[int, int, int], tuple[int, ...]]:
    """Ink and outline colours that stand out on the photo at ``box``: dark ink where it is light, light where dark."""
    light = float(np.asarray(photo.crop(box).convert("L"), dtype=np.float32).mean()) > 128
    return ((20, 20, 30), (240, 240, 240)) if light else ((250, 250, 245), (10, 10, 10))


def _sign(photo: Image.Image, words: list[str], faces: list[Path], rng: np.random.Generator) -> list[str]:
    """A shop's sign: a big name over a line a third to a half its size, centred on a panel."""
    name, under = _phrase(words, rng, 1, 3).title(), _phrase(words, rng, 2, 5)
    big, size = _fitting(name, faces, int(rng.integers(48, 111)), int(photo.width * 0.8), rng, bold=True)
    small, _ = _fitting(under, faces, max(14, int(size * rng.uniform(0.33, 0.5))), int(photo.width * 0.8), rng)
    width = int(max(big.getlength(name), small.getlength(under))) + size
    height = int(size * 1.3 + small.size * 1.5) + size // 2
    x, y = int(rng.integers(0, photo.width - width)), int(rng.integers(0, photo.height - height))
    panel = tuple(int(v) for v in rng.integers(0, 256, 3))
    ink = (15, 15, 15) if sum(panel) > 380 else (250, 250, 250)
    draw = ImageDraw.Draw(photo)
    draw.rounded_rectangle((x, y, x + width, y + height), radius=size // 4, fill=panel)
    draw.text((x + width / 2, y + size // 4), name, font=big, fill=ink, anchor="mt")
    draw.text((x + width / 2, y + size * 1.35 + size // 4), under, font=small, fill=ink, anchor="mt")
    return [name, under]


def _title_and_credit(photo: Image.Image, words: list[str], faces: list[Path], rng: np.random.Generator) -> list[str]:
    """A title (one or two lines) straight on the photo with an outline, and a small credit in a bottom corner."""
    lines = [_phrase(words, rng, 2, 3).title() for _ in range(int(rng.integers(1, 3)))]
    face, size = _fitting(max(lines, key=len), faces, int(rng.integers(56, 121)), int(photo.width * 0.85), rng, True)
    width = int(max(face.getlength(line) for line in lines))
    x, y = int(rng.integers(0, photo.width - width)), int(rng.integers(0, photo.height // 2))
    draw = ImageDraw.Draw(photo)
    ink, outline = _contrasting(photo, (x, y, x + width, y + int(size * 1.3 * len(lines))))
    for row, line in enumerate(lines):
        draw.text((x, y + row * size * 1.25), line, font=face, fill=ink, stroke_width=2, stroke_fill=outline)
    credit = f"Photo: {_phrase(words, rng, 1, 2).title()} {int(rng.integers(1990, 2027))}"
    small = _face(faces, int(rng.integers(14, 23)), rng)
    margin = int(rng.integers(10, 40))
    right = rng.random() < 0.5
    cx = photo.width - margin - small.getlength(credit) if right else margin
    cy = photo.height - margin - small.size
    ink, outline = _contrasting(photo, (int(cx), cy, int(cx + small.getlength(credit)), cy + small.size))
    draw.text((cx, cy), credit, font=small, fill=ink, stroke_width=1, stroke_fill=outline)
    return [*lines, credit]


def _meme(photo: Image.Image, words: list[str], faces: list[Path], rng: np.random.Generator) -> list[str]:
    """A line at the top and one at the foot, capitals, white with a black outline, centred."""
    top, foot = _phrase(words, rng, 2, 4).upper(), _phrase(words, rng, 2, 4).upper()
    face, size = _fitting(max(top, foot, key=len), faces, int(rng.integers(40, 91)), int(photo.width * 0.9), rng, True)
    draw = ImageDraw.Draw(photo)
    stroke = max(2, size // 18)
    draw.text((photo.width / 2, size // 3), top, font=face, fill="white", anchor="mt", stroke_width=stroke,
              stroke_fill="black")  # fmt: skip
    draw.text((photo.width / 2, photo.height - size // 3), foot, font=face, fill="white", anchor="mb",
              stroke_width=stroke, stroke_fill="black")  # fmt: skip
    return [top, foot]


def _caption_strip(photo: Image.Image, words: list[str], faces: list[Path], rng: np.random.Generator) -> list[str]:
    """A photo viewer's strip across the foot: a description on the left, a date and time on the right."""
    size = int(rng.integers(14, 25))
    face = _face(faces, size, rng)
    left = _phrase(words, rng, 3, 6).capitalize()
    month = _MONTHS[int(rng.integers(12))]
    right = f"{int(rng.integers(1, 29))} {month} {int(rng.integers(2005, 2027))} {int(rng.integers(24)):02d}:" + (
        f"{int(rng.integers(60)):02d}"
    )
    height = int(size * 2.2)
    pixels = np.asarray(photo, dtype=np.float32).copy()
    pixels[-height:] *= rng.uniform(0.15, 0.35)
    photo.paste(Image.fromarray(pixels.astype(np.uint8)))
    draw = ImageDraw.Draw(photo)
    colour = tuple(int(v) for v in rng.integers(200, 256, 3))
    draw.text((size, photo.height - height / 2), left, font=face, fill=colour, anchor="lm")
    draw.text((photo.width - size, photo.height - height / 2), right, font=face, fill=colour, anchor="rm")
    return [left, right]
