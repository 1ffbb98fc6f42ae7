"""Pictures and runs shared by the tests of finding copies (tests/integration/test_duplicates*.py)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from opensight.index import PictureIndex
from tests._datasets import fashion_mnist
from tests.conftest import OPENSIGHT


def jpeg(image: Image.Image, path: Path, quality: int = 90) -> None:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    path.write_bytes(buffer.getvalue())


def straightened(image: Image.Image, degrees: float) -> Image.Image:
    """Turned about its middle and cut to the largest rectangle of its own shape inside it (a photo straightened)."""
    width, height = image.size
    turned = image.rotate(degrees, resample=Image.Resampling.BICUBIC)
    angle = np.deg2rad(abs(degrees))
    keep = 1 / (np.cos(angle) + np.sin(angle) * max(width / height, height / width))
    w, h = int(width * keep), int(height * keep)
    return turned.crop(((width - w) // 2, (height - h) // 2, (width + w) // 2, (height + h) // 2))


def found_groups(tmp_path: Path, folder: Path) -> list[list[str]]:
    index = PictureIndex(tmp_path / "store.sqlite")
    index.update(folder)
    return sorted(sorted(Path(path).name for path in group.paths) for group in index.duplicates(folder))


def catalogue(folder: Path, classes: tuple[int, ...], per_class: int) -> list[int]:
    """Writes the first ``per_class`` Fashion-MNIST test items of each class into ``folder`` as 224-px
    ``item<number>.png`` (look-alike products on a plain background); returns their numbers."""
    try:
        images, labels = fashion_mnist("t10k")
    except FileNotFoundError as missing:
        pytest.skip(str(missing))
    folder.mkdir()
    items = [int(i) for cls in classes for i in np.flatnonzero(labels == cls)[:per_class]]
    for i in items:
        item = Image.fromarray(images[i]).convert("RGB").resize((224, 224), Image.Resampling.BICUBIC)
        item.save(folder / f"item{i}.png")
    return items


def big_text(image: Image.Image) -> Image.Image:
    """Two lines of big white letters across the middle third, like a birthday card made from the photo."""
    image = image.copy()
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", image.height // 6)
    ImageDraw.Draw(image).text(
        (image.width // 12, image.height // 3),
        "HAPPY\nBIRTHDAY!",
        font=font,
        fill="white",
        stroke_width=2,
        stroke_fill="black",
    )
    return image


def kept_rows(tmp_path: Path, folder: Path) -> tuple[list[dict[str, str]], str]:
    """The rows `opensight duplicates FOLDER -f csv` prints, and its output to show when a check fails."""
    import csv
    import subprocess

    done = subprocess.run(
        [OPENSIGHT, "duplicates", str(folder), "--data-dir", str(tmp_path), "-f", "csv"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(done.stdout.splitlines())), done.stdout + done.stderr


def sale_banner(image: Image.Image) -> Image.Image:
    """A see-through red band over the middle 36% of the height, with big white text on it."""
    image = image.copy()
    top, bottom = image.height * 32 // 100, image.height * 68 // 100
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, top, image.width, bottom), fill=(220, 20, 60, 200))
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", (bottom - top) // 2)
    draw.text((image.width // 8, top + (bottom - top) // 5), "SALE -50%", fill="white", font=font)
    return image


def filtered(image: Image.Image, red: float, blue: float, lift: float) -> Image.Image:
    """A photo filter: red and blue scaled (a warm filter raises red and lowers blue, a cool one the other way
    round), the raised channel lifted."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.float32) * np.array([red, 1.0, blue])
    pixels[..., 0 if red > blue else 2] += lift
    return Image.fromarray(np.clip(pixels, 0, 255).round().astype(np.uint8))
