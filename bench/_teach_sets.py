"""Five labelled picture sets that install offline and look different from each other, for the teach benchmark.

* **Fashion-MNIST** (Debian ``dataset-fashion-mnist``): 6 classes of clothing on black, 100 pictures each;
* **look-alike clothing** (the same package, its TRAIN split): dress, coat, shirt, ankle boot, 60 each — three
  classes that look alike; a new user's trial on them (2026-12-01) was announced 7-26 points too high on 5 of 6
  draws, so it was added to be reported (nothing was chosen on it);
* **clip art** (Debian ``openclipart-png``): mammals, fruit, vehicles, birds, clothing, computer hardware drawn by
  many artists, composited on white, up to 60 each;
* **faces** (scikit-image ``lfw_subset``): 100 faces vs 100 non-faces, 25×25 gray;
* **letters** (Debian fonts): A G K R S W in 90 font files, placed, sized and turned at random on light paper.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CLIP_ART = Path("/usr/share/openclipart/png")
CLIP_CLASSES = (
    "animals/mammals",
    "food/fruit",
    "transportation/vehicles",
    "animals/birds",
    "people/clothing",
    "computer/hardware",
)
Pictures = tuple[list[np.ndarray], np.ndarray, tuple[str, ...]]


def fashion(split: str = "t10k", chosen: tuple[int, ...] = (0, 1, 2, 5, 7, 8), per_class: int = 100) -> Pictures:
    """The first ``per_class`` Fashion-MNIST items of each ``chosen`` class from ``split``."""
    from tests._datasets import FASHION_CLASSES, fashion_mnist

    images, labels = fashion_mnist(split)
    pictures, truth = [], []
    for number, cls in enumerate(chosen):
        for i in np.flatnonzero(labels == cls)[:per_class]:
            pictures.append(np.repeat(images[i][:, :, None], 3, axis=2))
            truth.append(number)
    return pictures, np.array(truth), tuple(FASHION_CLASSES[c] for c in chosen)


def look_alike_clothes() -> Pictures:
    """Fashion-MNIST's train split: the first 60 dresses, coats, shirts and ankle boots."""
    return fashion("train", (3, 4, 6, 9), 60)


def clip_art(categories: tuple[str, ...] = CLIP_CLASSES, per_class: int = 60) -> Pictures:
    """Openclipart drawings of ``categories``, up to ``per_class`` each, composited on white."""
    if not CLIP_ART.is_dir():
        raise SystemExit("apt-get install -y openclipart-png (or: make bench)")
    pictures, truth = [], []
    for number, category in enumerate(categories):
        for path in sorted((CLIP_ART / category).glob("*.png"))[:per_class]:
            with Image.open(path) as opened:
                image = opened.convert("RGBA")
            image.thumbnail((400, 400))
            paper = Image.new("RGBA", image.size, "white")
            paper.alpha_composite(image)
            pictures.append(np.asarray(paper.convert("RGB")))
            truth.append(number)
    return pictures, np.array(truth), tuple(c.split("/")[1] for c in categories)


def faces() -> Pictures:
    from skimage import data

    gray = data.lfw_subset()
    pictures = [np.repeat((image * 255).astype(np.uint8)[:, :, None], 3, axis=2) for image in gray]
    return pictures, np.array([0] * 100 + [1] * 100), ("face", "not a face")


def letters() -> Pictures:
    from _quality_read import fonts

    rng = np.random.default_rng(5)
    pictures, truth = [], []
    for number, letter in enumerate("AGKRSW"):
        for path in fonts()[:90]:
            font = ImageFont.truetype(str(path), int(rng.integers(28, 60)))
            paper = tuple(int(v) for v in rng.integers(180, 256, 3))
            image = Image.new("RGB", (96, 96), paper)
            ink = tuple(int(v) for v in rng.integers(0, 90, 3))
            place = (int(rng.integers(0, 30)), int(rng.integers(0, 20)))
            ImageDraw.Draw(image).text(place, letter, font=font, fill=ink)
            pictures.append(np.asarray(image.rotate(float(rng.uniform(-15, 15)), fillcolor=paper)))
            truth.append(number)
    return pictures, np.array(truth), tuple("AGKRSW")


def from_folder(root: Path) -> Pictures:
    """A labelled set as a user keeps one: ``root/<class>/<picture>`` (a new user's trial)."""
    names = tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))
    files = [(c, f) for c, name in enumerate(names) for f in sorted((root / name).iterdir()) if f.is_file()]
    return [np.asarray(Image.open(f).convert("RGB")) for _, f in files], np.array([c for c, _ in files]), names


SETS: dict[str, Callable[[], Pictures]] = {
    "Fashion-MNIST": fashion,
    "look-alike clothing": look_alike_clothes,
    "clip art": clip_art,
    "faces": faces,
    "letters": letters,
}
