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


def taken_again(
    picture: Image.Image,
    rng: np.random.Generator,
    *,
    keep: float,
    scale: tuple[float, float],
    turn: float,
    fill: tuple[int, int, int],
    mirror: bool = False,
) -> Image.Image:
    """The same picture taken again: a crop keeping ``keep``-100% of each side, resized by a factor drawn from
    ``scale`` on each side, turned up to ±``turn``° onto ``fill``, and mirrored if asked. The random draws come in
    one fixed order, so a seeded set is always the same."""
    width, height = picture.size
    share = rng.uniform(keep, 1.0)
    w, h = int(width * share), int(height * share)
    left, top = int(rng.integers(0, width - w + 1)), int(rng.integers(0, height - h + 1))
    picture = picture.crop((left, top, left + w, top + h))
    picture = picture.resize((int(w * rng.uniform(*scale)), int(h * rng.uniform(*scale))))
    picture = picture.rotate(float(rng.uniform(-turn, turn)), expand=True, fillcolor=fill)
    return ImageOps.mirror(picture) if mirror else picture


def photographed_again(pixels: np.ndarray, rng: np.random.Generator) -> Image.Image:
    """The same person photographed again: another crop, size and a small turn."""
    return taken_again(Image.fromarray(pixels), rng, keep=0.8, scale=(0.6, 1.6), turn=8, fill=(128, 128, 128))


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
    return taken_again(picture, rng, keep=0.9, scale=(0.8, 1.3), turn=6, fill=(255, 255, 255), mirror=mirror)


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
