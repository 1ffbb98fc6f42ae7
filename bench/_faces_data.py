"""Face pictures with known face boxes, all offline: the benchmark data of bench/faces_detect.py.

Three sets, from different sources:

* **portraits**: scikit-image's ``astronaut()`` and matplotlib's ``grace_hopper.jpg`` as they come, and the 100
  ``lfw_subset`` faces (25×25 gray) upscaled to 100 px, each alone on one of Debian's top-level wallpapers
  (``/usr/share/backgrounds``);
* **group photos (portraits)**: head-and-shoulders crops of the two portraits, placed 3-7 to a 1024×768 picture on
  GNOME wallpapers (Debian ``gnome-backgrounds``), faces 20-200 px high, turned ±30°;
* **group photos (LFW)**: the LFW faces placed the same way on MATE wallpapers (``mate-backgrounds``), with
  1-3 of LFW's non-face patches among them.

A turned face's true box is the upright box around the turned face's inscribed ellipse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image

GRACE = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
#: Face boxes drawn by hand on the two portraits (forehead to chin, ear to ear).
PORTRAIT_FACES = {"astronaut": (176, 62, 272, 180), "grace_hopper": (168, 128, 364, 344)}
SIZE = (1024, 768)


@dataclass(frozen=True)
class Scene:
    """A picture and its true face boxes (N, 4)."""

    name: str
    pixels: np.ndarray
    faces: np.ndarray


def _portraits() -> dict[str, np.ndarray]:
    from skimage import data

    return {"astronaut": data.astronaut(), "grace_hopper": np.asarray(Image.open(GRACE).convert("RGB"))}


def _lfw() -> tuple[list[np.ndarray], list[np.ndarray]]:
    from skimage import data

    gray = (data.lfw_subset() * 255).astype(np.uint8)
    rgb = [np.stack([g] * 3, axis=-1) for g in gray]
    return rgb[:100], rgb[100:]


def _backgrounds(folder: str) -> list[Path]:
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in {".jpg", ".png", ".jpeg", ".webp"})
    if not files:
        raise SystemExit(f"no wallpapers in {folder}: make setup installs them (Debian gnome-/mate-backgrounds)")
    return files


def _background(path: Path) -> Image.Image:
    image = Image.open(path).convert("RGB")
    scale = max(SIZE[0] / image.width, SIZE[1] / image.height)
    image = image.resize((round(image.width * scale) + 1, round(image.height * scale) + 1), Image.Resampling.BILINEAR)
    return image.crop((0, 0, *SIZE))


def _turned_box(centre: tuple[float, float], width: float, height: float, degrees: float) -> list[float]:
    """The upright box around an ellipse of ``width``×``height`` turned by ``degrees`` about ``centre``."""
    theta = np.radians(degrees)
    half_w = np.hypot(width / 2 * np.cos(theta), height / 2 * np.sin(theta))
    half_h = np.hypot(width / 2 * np.sin(theta), height / 2 * np.cos(theta))
    return [centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h]


def _tile(pixels: np.ndarray, face: tuple[float, ...], face_height: float, degrees: float, margin: float):
    """Crop around ``face`` (``margin`` × its size on each side), scale it so the face is ``face_height`` px high,
    turn it; returns the tile, its mask and the face (centre in the tile, width, height)."""
    x1, y1, x2, y2 = face
    w, h = x2 - x1, y2 - y1
    left, top = max(0, round(x1 - margin * w)), max(0, round(y1 - margin * h))
    right, bottom = min(pixels.shape[1], round(x2 + margin * w)), min(pixels.shape[0], round(y2 + margin * h))
    scale = face_height / h
    crop = Image.fromarray(pixels[top:bottom, left:right])
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    crop = crop.resize(size, Image.Resampling.BICUBIC)
    mask = Image.new("L", size, 255)
    centre = ((x1 + x2) / 2 - left) * scale, ((y1 + y2) / 2 - top) * scale
    turned = crop.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True)
    mask = mask.rotate(degrees, expand=True)
    # where the face centre went: rotate about the crop centre, then shift by the expansion
    theta = np.radians(degrees)
    cx, cy = centre[0] - size[0] / 2, centre[1] - size[1] / 2
    moved = (
        cx * np.cos(theta) + cy * np.sin(theta) + turned.width / 2,
        -cx * np.sin(theta) + cy * np.cos(theta) + turned.height / 2,
    )
    return turned, mask, moved, w * scale, face_height


def _compose(
    name: str,
    background: Path,
    tiles: list[tuple[np.ndarray, tuple[float, ...], float]],
    distractors: list[np.ndarray],
    rng: np.random.Generator,
) -> Scene:
    canvas = _background(background)
    taken: list[tuple[int, int, int, int]] = []
    faces: list[list[float]] = []
    for index, (pixels, face, margin) in enumerate(tiles + [(d, (0, 0, *d.shape[1::-1]), 0.0) for d in distractors]):
        height = float(np.exp(rng.uniform(np.log(20), np.log(200))))
        degrees = float(rng.uniform(-30, 30))
        tile, mask, centre, width, height = _tile(pixels, face, height, degrees, margin)
        spot = _free_spot(tile.size, taken, rng)
        if spot is None:
            continue
        canvas.paste(tile, spot, mask)
        taken.append((*spot, spot[0] + tile.width, spot[1] + tile.height))
        if index < len(tiles):
            faces.append(_turned_box((spot[0] + centre[0], spot[1] + centre[1]), width, height, degrees))
    return Scene(name, np.asarray(canvas), np.array(faces, dtype=np.float32).reshape(-1, 4))


def _free_spot(size: tuple[int, int], taken: list[tuple[int, int, int, int]], rng: np.random.Generator):
    for _ in range(50):
        if size[0] >= SIZE[0] or size[1] >= SIZE[1]:
            return None
        x, y = int(rng.integers(0, SIZE[0] - size[0])), int(rng.integers(0, SIZE[1] - size[1]))
        if all(x + size[0] <= a or a2 <= x or y + size[1] <= b or b2 <= y for a, b, a2, b2 in taken):
            return x, y
    return None


def portraits() -> Iterator[Scene]:
    """The two portraits as they come, and each LFW face upscaled to 100 px on a wallpaper."""
    for name, pixels in _portraits().items():
        yield Scene(name, pixels, np.array([PORTRAIT_FACES[name]], dtype=np.float32))
    faces, _ = _lfw()
    backgrounds = [p for p in _backgrounds("/usr/share/backgrounds") if p.parent.name == "backgrounds"]
    rng = np.random.default_rng(0)
    for index, face in enumerate(faces):
        canvas = _background(backgrounds[index % len(backgrounds)]).resize((320, 240))
        x, y = int(rng.integers(0, 220)), int(rng.integers(0, 140))
        canvas.paste(Image.fromarray(face).resize((100, 100), Image.Resampling.BICUBIC), (x, y))
        yield Scene(f"lfw_{index:03d}", np.asarray(canvas), np.array([[x, y, x + 100, y + 100]], dtype=np.float32))


def groups_of_portraits(count: int = 30) -> Iterator[Scene]:
    """``count`` group photos of the portraits' faces on GNOME wallpapers."""
    people = [(pixels, PORTRAIT_FACES[name], 0.6) for name, pixels in _portraits().items()]
    backgrounds = _backgrounds("/usr/share/backgrounds/gnome")
    for index in range(count):
        rng = np.random.default_rng(1000 + index)
        tiles = [people[int(rng.integers(0, 2))] for _ in range(int(rng.integers(3, 8)))]
        yield _compose(f"group_{index:02d}", backgrounds[index % len(backgrounds)], tiles, [], rng)


def groups_of_lfw(count: int = 30) -> Iterator[Scene]:
    """``count`` group photos of LFW faces (and non-faces) on MATE wallpapers."""
    faces, others = _lfw()
    backgrounds = _backgrounds("/usr/share/backgrounds/mate")
    for index in range(count):
        rng = np.random.default_rng(2000 + index)
        tiles = [(faces[int(i)], (0, 0, 25, 25), 0.0) for i in rng.choice(100, int(rng.integers(3, 8)), replace=False)]
        distractors = [others[int(i)] for i in rng.choice(100, int(rng.integers(1, 4)), replace=False)]
        yield _compose(f"lfw_group_{index:02d}", backgrounds[index % len(backgrounds)], tiles, distractors, rng)
