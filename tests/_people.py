"""Pictures of people and hands for the pose and gesture tests, generated offline: scikit-image's astronaut and
cameraman photographed again (another crop, size and a small turn), and Openclipart drawings of people (Debian
``openclipart-png``) drawn again, some mirrored (the same gesture with the other hand)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

CLIPART = Path("/usr/share/openclipart/png/people")
DRAWINGS = {
    "groom": "groom1_jarno_vasamaa_01.png",
    "presenter": "inservice_presentation_01.png",
    "fashion": "woman_fashion_02_gerald__01.png",
}


def people() -> dict[str, np.ndarray]:
    """Two real people: the astronaut and the cameraman (RGB)."""
    from skimage import data

    return {"astronaut": data.astronaut(), "cameraman": np.stack([data.camera()] * 3, axis=-1)}


def photographed_again(pixels: np.ndarray, rng: np.random.Generator) -> Image.Image:
    """The same person photographed again: another crop, size and a small turn."""
    picture = Image.fromarray(pixels)
    width, height = picture.size
    share = rng.uniform(0.8, 1.0)
    w, h = int(width * share), int(height * share)
    left, top = int(rng.integers(0, width - w + 1)), int(rng.integers(0, height - h + 1))
    picture = picture.crop((left, top, left + w, top + h))
    picture = picture.resize((int(w * rng.uniform(0.6, 1.6)), int(h * rng.uniform(0.6, 1.6))))
    return picture.rotate(float(rng.uniform(-8, 8)), expand=True, fillcolor=(128, 128, 128))


def people_pictures(folder: Path, per_class: int = 5, seed: int = 0) -> dict[str, list[Path]]:
    """``folder/<person>/<n>.jpg`` for the astronaut and the cameraman, ``per_class`` each."""
    rng = np.random.default_rng(seed)
    written: dict[str, list[Path]] = {}
    for name, pixels in people().items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        written[name] = []
        for number in range(per_class):
            path = folder / name / f"{name}-{number}.jpg"
            photographed_again(pixels, rng).save(path, quality=90)
            written[name].append(path)
    return written


def empty_room(path: Path) -> Path:
    """A picture without anybody in it (flat grey)."""
    Image.fromarray(np.full((240, 320, 3), 200, np.uint8)).save(path)
    return path


def drawing(name: str) -> Image.Image:
    """An Openclipart drawing of :data:`DRAWINGS` on white."""
    picture = Image.open(CLIPART / DRAWINGS[name]).convert("RGBA")
    white = Image.new("RGBA", picture.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, picture).convert("RGB")


def drawn_again(picture: Image.Image, rng: np.random.Generator, *, mirror: bool) -> Image.Image:
    """The same drawing cropped, resized and turned a little; ``mirror``: the other hand."""
    width, height = picture.size
    share = rng.uniform(0.9, 1.0)
    w, h = int(width * share), int(height * share)
    left, top = int(rng.integers(0, width - w + 1)), int(rng.integers(0, height - h + 1))
    picture = picture.crop((left, top, left + w, top + h))
    picture = picture.resize((int(w * rng.uniform(0.8, 1.3)), int(h * rng.uniform(0.8, 1.3))))
    picture = picture.rotate(float(rng.uniform(-6, 6)), expand=True, fillcolor=(255, 255, 255))
    return ImageOps.mirror(picture) if mirror else picture


def hand_pictures(folder: Path, names: tuple[str, ...], per_class: int = 4, seed: int = 0) -> dict[str, list[Path]]:
    """``folder/<drawing>/<n>.png`` for each of ``names`` (keys of :data:`DRAWINGS`), every other one mirrored."""
    rng = np.random.default_rng(seed)
    written: dict[str, list[Path]] = {}
    for name in names:
        (folder / name).mkdir(parents=True, exist_ok=True)
        written[name] = []
        for number in range(per_class):
            path = folder / name / f"{name}-{number}.png"
            drawn_again(drawing(name), rng, mirror=number % 2 == 1).save(path)
            written[name].append(path)
    return written
