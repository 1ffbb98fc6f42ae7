"""Sample photos for ``opensight demo`` (what ``make run`` shows until the Studio exists)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from opensight._errors import OpensightError
from opensight._files import Outputs
from opensight._settings import cache_dir

SAMPLES = ("chelsea", "coffee", "rocket", "astronaut", "stereo_motorcycle")


def write_samples(folder: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write scikit-image's sample photos (and one deliberately broken JPEG) into ``folder``. A file of the same name
    that holds exactly the sample already is kept; any other file there is not written over (an ``InputError``,
    before anything is written) unless ``overwrite``."""
    try:
        from skimage import data
    except ImportError:
        raise OpensightError(
            "the demo's sample photos come from scikit-image; install it with `pip install scikit-image`"
        ) from None
    folder = folder or cache_dir() / "samples"
    samples: dict[str, bytes] = {}
    for name in SAMPLES:
        pixels = getattr(data, name)()
        pixels = pixels[0] if isinstance(pixels, tuple) else pixels
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(pixels)).save(buffer, "JPEG", quality=92)
        samples[f"{name}.jpg"] = buffer.getvalue()
    good = samples["coffee.jpg"]
    samples["zz_broken.jpg"] = good[: len(good) // 3]
    outputs = Outputs(overwrite=overwrite)
    todo = {name: content for name, content in samples.items() if not _holds(folder / name, content)}
    for name in todo:
        outputs.check(folder / name, atomic=True)
    for name, content in todo.items():
        outputs.write_bytes(folder / name, content)
    return folder


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False
