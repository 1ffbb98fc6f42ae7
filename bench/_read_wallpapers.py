"""A few lines of text on whole wallpapers, for the read benchmark (bench/_quality_read.py).

A caption on a photo as a user has it: the wallpaper at a screen's or a camera's size (long side 1280-3000 px), a
band of it lightened under dark text or darkened under light text, 1-4 lines of stdlib sentences (16-72 px, left,
centred or justified, tilted −5…+5°) anywhere on it, blurred up to 1 px, JPEG quality 50-90. Three sources, three
Debian packages: Plasma's wallpapers (``plasma-workspace-wallpapers``: the two-scale line finder's settings were
chosen on these), GNOME's (``gnome-backgrounds``) with Lomiri's and UKUI's (``lomiri-wallpapers-*``,
``ukui-wallpapers``), and MATE's (``mate-backgrounds``): the last two held out. A wallpaper on which RapidOCR, called
directly with its defaults, finds text of its own (a logo, a name) is left out: its words are in no truth.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageFont

from _read_layouts import Placed, draw_ink

#: Each source: the folders its wallpapers are in (searched recursively), and the draw's seed.
WALLPAPERS = {
    "text on Plasma wallpapers (settings chosen on these)": (("/usr/share/wallpapers",), 31),
    "text on GNOME, Lomiri and UKUI wallpapers (held out)": (("/usr/share/backgrounds",), 37),
    "text on MATE wallpapers (held out)": (("/usr/share/backgrounds/mate",), 41),
}
_PICTURE = re.compile(r"\.(jpe?g|png|webp)$", re.IGNORECASE)
#: Folders of other sources (MATE's lie under /usr/share/backgrounds too) and Sway's logos.
_NOT = ("/mate/", "/sway/")


def wallpapers(folders: tuple[str, ...], mate: bool) -> list[Path]:
    """The wallpaper pictures under ``folders`` (MATE's only where ``mate``)."""
    found = sorted({path for folder in folders for path in Path(folder).rglob("*") if _PICTURE.search(path.name)})
    return [path for path in found if mate or not any(part in str(path) for part in _NOT)]


def drawn_wallpapers(
    folders: tuple[str, ...], mate: bool, rng: np.random.Generator, folder: Path, has_text: Callable[[Path], bool]
) -> Iterator[tuple[Image.Image, bool]]:
    """Wallpapers under ``folders`` drawn at random, each scaled to a long side of 1280-3000 px, with whether it is
    free of text of its own (``has_text`` on it saved bare in ``folder``, once a wallpaper), without end."""
    pool = wallpapers(folders, mate)
    if not pool:
        raise RuntimeError(f"no wallpapers under {', '.join(folders)}: `make bench` installs their Debian packages")
    folder.mkdir(parents=True, exist_ok=True)
    clean: dict[Path, bool] = {}
    while True:
        if len(clean) == len(pool) and not any(clean.values()):
            raise RuntimeError(f"every wallpaper under {', '.join(folders)} shows text of its own")
        source = pool[int(rng.integers(len(pool)))]
        long_side = int(rng.integers(1280, 3001))
        photo = Image.open(source).convert("RGB")
        scale = long_side / max(photo.size)
        photo = photo.resize((round(photo.width * scale), round(photo.height * scale)), Image.Resampling.BILINEAR)
        if source not in clean:
            bare = folder / "bare.jpg"
            photo.save(bare, quality=90)
            clean[source] = not has_text(bare)
            bare.unlink()
        yield photo, clean[source]


def text_on_wallpapers(
    name: str,
    sentences: list[str],
    faces: list[Path],
    count: int,
    folder: Path,
    has_text: Callable[[Path], bool],
    lines: Callable[..., tuple[Placed, list[str], int]],
) -> list[tuple[Path, list[str]]]:
    """``count`` pictures of the source ``name`` in ``folder``, each with its lines in reading order. ``has_text``
    says whether a bare wallpaper (saved at the picture's size) shows text of its own; ``lines`` lays out 1-4 lines
    as the benchmark's few-line pictures do."""
    folders, seed = WALLPAPERS[name]
    rng = np.random.default_rng(seed)
    items: list[tuple[Path, list[str]]] = []
    for photo, clean in drawn_wallpapers(folders, "MATE" in name, rng, folder, has_text):
        size = int(rng.integers(16, 73))
        face = ImageFont.truetype(str(faces[int(rng.integers(len(faces)))]), size)
        words = [w for w in " ".join(rng.choice(sentences, 16)).split() if re.search("[A-Za-z0-9]", w)]
        leading = int(size * rng.uniform(1.4, 1.9))
        placed, truth, width = lines(words, face, str(rng.choice(("left", "centre", "justify"))), leading, rng)
        ink = draw_ink(placed, face, size, width, leading)
        ink = ink.rotate(float(rng.uniform(-5, 5)), resample=Image.Resampling.BICUBIC, expand=True)
        if not clean or ink.width >= photo.width or ink.height >= photo.height:
            continue
        items.append((_captioned(photo, ink, rng, folder / f"wallpaper{len(items):03d}.jpg"), truth))
        if len(items) == count:
            return items
    return items


def _captioned(photo: Image.Image, ink: Image.Image, rng: np.random.Generator, path: Path) -> Path:
    """``ink`` (white on black) written on a band of ``photo`` at a random place: dark on a lightened band or light
    on a darkened one; blurred, saved as JPEG at ``path``."""
    x, y = int(rng.integers(photo.width - ink.width)), int(rng.integers(photo.height - ink.height))
    pixels = np.asarray(photo, dtype=np.float32).copy()
    band = pixels[y : y + ink.height, x : x + ink.width]
    if rng.random() < 0.5:
        band, colour = 255 - (255 - band) * rng.uniform(0.25, 0.5), rng.integers(0, 70, 3)
    else:
        band, colour = band * rng.uniform(0.25, 0.45), rng.integers(215, 256, 3)
    alpha = np.asarray(ink, dtype=np.float32)[..., None] / 255
    pixels[y : y + ink.height, x : x + ink.width] = band * (1 - alpha) + colour.astype(np.float32) * alpha
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    image.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 1.0)))).save(path, quality=int(rng.integers(50, 91)))
    return path
