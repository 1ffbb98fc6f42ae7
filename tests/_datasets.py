"""Public data for tests and benchmarks (installed at setup, never committed): Fashion-MNIST from Debian's
``dataset-fashion-mnist`` package, written out as small PNG folders."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
from PIL import Image

FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_CLASSES = (
    "t-shirt",
    "trouser",
    "pullover",
    "dress",
    "coat",
    "sandal",
    "shirt",
    "sneaker",
    "bag",
    "ankle-boot",
)


def fashion_mnist(split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (n, 28, 28), labels (n,)) for ``train`` or ``t10k``."""
    prefix = "train" if split == "train" else "t10k"
    images_file = FASHION_DIR / f"{prefix}-images-idx3-ubyte.gz"
    if not images_file.exists():
        raise FileNotFoundError(
            f"{images_file} is missing: install Debian's dataset-fashion-mnist (make setup does it)"
        )
    with gzip.open(images_file) as handle:
        images = np.frombuffer(handle.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(FASHION_DIR / f"{prefix}-labels-idx1-ubyte.gz") as handle:
        labels = np.frombuffer(handle.read(), np.uint8, offset=8)
    return images, labels


def write_fashion_folder(
    root: Path, *, classes: tuple[int, ...], per_class: int, seed: int, split: str = "train", offset: int = 0
) -> Path:
    """A teachable folder: ``root/<class name>/<n>.png`` with ``per_class`` random images of each class."""
    images, labels = fashion_mnist(split)
    rng = np.random.default_rng(seed)
    for label in classes:
        folder = root / FASHION_CLASSES[label]
        folder.mkdir(parents=True, exist_ok=True)
        members = rng.permutation(np.flatnonzero(labels == label))[offset : offset + per_class]
        for index in members:
            Image.fromarray(images[index]).save(folder / f"{index}.png")
    return root
