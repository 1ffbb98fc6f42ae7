"""Sample photos for ``opensight demo`` (what ``make run`` shows until the Studio exists)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from opensight._errors import OpensightError
from opensight._paths import cache_dir

SAMPLES = ("chelsea", "coffee", "rocket", "astronaut", "stereo_motorcycle")


def write_samples(folder: Path | None = None) -> Path:
    """Write scikit-image's sample photos (and one deliberately broken JPEG) into ``folder``."""
    try:
        from skimage import data
    except ImportError:
        raise OpensightError(
            "the demo's sample photos come from scikit-image; install it with `pip install scikit-image`"
        ) from None
    folder = folder or cache_dir() / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLES:
        pixels = getattr(data, name)()
        pixels = pixels[0] if isinstance(pixels, tuple) else pixels
        Image.fromarray(np.asarray(pixels)).save(folder / f"{name}.jpg", quality=92)
    good = (folder / "coffee.jpg").read_bytes()
    (folder / "zz_broken.jpg").write_bytes(good[: len(good) // 3])
    return folder
