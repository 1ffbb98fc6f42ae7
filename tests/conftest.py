"""Shared fixtures: an isolated cache (so the first export is exercised), sample photos, a bad-input corpus."""

from __future__ import annotations

import os
import shutil
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

#: The ``opensight`` command of the environment the tests run in (for tests that run the real CLI).
OPENSIGHT = str(Path(sys.executable).parent / "opensight")

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "test-output"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test session starts with an empty model cache (the ONNX export runs for real, once) and store."""
    cache = tmp_path_factory.mktemp("opensight-cache")
    os.environ["OPENSIGHT_CACHE"] = str(cache)
    os.environ["OPENSIGHT_HOME"] = str(tmp_path_factory.mktemp("opensight-home"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    return cache


def sample_photo(name: str) -> np.ndarray:
    """A scikit-image sample photo as RGB uint8."""
    from skimage import data

    pixels = getattr(data, name)()
    pixels = pixels[0] if isinstance(pixels, tuple) else pixels
    return np.stack([pixels] * 3, axis=-1) if pixels.ndim == 2 else np.asarray(pixels)


@pytest.fixture(scope="session")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of real sample photos as JPEGs: chelsea (cat), coffee, rocket, astronaut."""
    folder = tmp_path_factory.mktemp("photos")
    for name in ("chelsea", "coffee", "rocket", "astronaut"):
        Image.fromarray(sample_photo(name)).save(folder / f"{name}.jpg", quality=92)
    return folder


def png_with_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height (a decompression-bomb stand-in; the data is bogus)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.fixture
def bad_corpus(tmp_path: Path, photos: Path) -> tuple[Path, dict[str, str], list[str]]:
    """A folder mixing good photos (with unicode/space names) and every kind of bad input.

    Returns (folder, {bad file name: expected words in its error}, [good file names]).
    """
    folder = tmp_path / "mixed photos"
    folder.mkdir()
    good = {"café au lait ☕.jpg": "coffee.jpg", "my cat.JPG": "chelsea.jpg"}
    for name, source in good.items():
        shutil.copy(photos / source, folder / name)
    coffee = (photos / "coffee.jpg").read_bytes()
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "truncated.jpg").write_bytes(coffee[: len(coffee) // 2])
    (folder / "notes.png").write_text("this is a text file, not a picture\n")
    (folder / "bomb.png").write_bytes(png_with_size(40_000, 40_000))
    (folder / "dangling.jpg").symlink_to(folder / "gone.jpg")
    bad = {
        "empty.jpg": "empty file",
        "truncated.jpg": "cut short",
        "notes.png": "it is a text file, not a picture",
        "bomb.png": "decompression bomb",
        "dangling.jpg": "broken symbolic link",
    }
    return folder, bad, sorted(good)


def as_unprivileged(action: Callable[[], str]) -> str:
    """Run ``action`` in a forked child and return what it returns (or the exception it raised, as text).

    As root the child first drops to the ``nobody`` user, so file permissions apply to it for real.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            text = action()
        except BaseException as error:
            text = f"{type(error).__name__}: {error}"
        os.write(write_end, text.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        text = reader.read().decode()
    os.waitpid(pid, 0)
    return text


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder that other users can enter (pytest's own tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="opensight-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(folder)
