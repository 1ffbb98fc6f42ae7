"""Turn what a user points at into a stream of items: files, folders, globs, stdin lists, in-memory images.

Nothing here opens an image; a source that cannot even be listed (a missing path, an unreadable folder)
becomes an item that carries its ``problem``, so a batch records an error row for it and goes on.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import numpy as np
from PIL import Image, features

from opensight._errors import InputError

#: File extensions (lower case) that a folder walk picks up. A file named directly is always tried.
IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".dib", ".tif", ".tiff", ".webp"}
    | {".ppm", ".pgm", ".pbm", ".pnm", ".tga", ".ico", ".heic", ".heif", ".hif"}
    | ({".avif"} if features.check("avif") else set())
)

Source: TypeAlias = str | os.PathLike[str] | Image.Image | np.ndarray
Sources: TypeAlias = "Source | Iterable[Source | Item]"

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, eq=False)
class Item:
    """One input to process: a file on disk or an in-memory image, under the name rows show as ``path``.

    >>> Item(name="cat.jpg", path=Path("cat.jpg")).name
    'cat.jpg'
    """

    name: str
    path: Path | None = None
    image: Image.Image | np.ndarray | None = None
    problem: str | None = None
    frame: int | None = None  # for a video frame: its number and time (seconds) in the video
    time: float | None = None


def is_single(source: object) -> bool:
    """True when ``source`` names ONE input (so the API returns one result rather than a list).

    >>> is_single("cat.jpg"), is_single(["cat.jpg"]), is_single("*.jpg")
    (True, False, False)
    """
    if isinstance(source, Image.Image | np.ndarray):
        return True
    if isinstance(source, str | os.PathLike):
        text = os.fspath(source)
        return text != "-" and not os.path.isdir(text) and not (_GLOB_CHARS & set(text))
    return False


def iter_items(
    sources: Sources,
    *,
    stdin: Iterable[str] | None = None,
    extensions: frozenset[str] = IMAGE_EXTENSIONS,
    passed_over: list[Path] | None = None,
) -> Iterator[Item]:
    """Expand sources lazily, in a stable order, into :class:`Item` s.

    A folder is walked recursively (sorted by name, hidden entries skipped, ``extensions`` — pictures by default —
    matched case-insensitively; the files of other extensions it passes over are added to ``passed_over``, where
    given); a glob is expanded (``**`` recurses); ``-`` reads one path per line from stdin.

    >>> [item.name for item in iter_items(["a.jpg", "b.png"])]
    ['a.jpg', 'b.png']
    """
    if isinstance(sources, str | os.PathLike | Image.Image | np.ndarray):
        sources = [sources]
    elif not isinstance(sources, Iterable):
        raise InputError(
            f"expected a path, a folder, a glob, '-', an image or a list of them; got {type(sources).__name__}"
        )
    counter = 0
    for source in sources:
        if isinstance(source, Item):
            yield source
        elif isinstance(source, Image.Image | np.ndarray):
            yield Item(name=f"<image {counter}>", image=source)
            counter += 1
        elif isinstance(source, str | os.PathLike):
            text = os.fspath(source)
            if text == "-":
                lines = sys.stdin if stdin is None else stdin
                for line in lines:
                    entry = line.rstrip("\r\n")
                    if entry.strip():
                        yield from _expand_path(entry, extensions, passed_over)
            else:
                yield from _expand_path(text, extensions, passed_over)
        else:
            raise InputError(
                f"cannot use a {type(source).__name__} as an input; pass a path (str or Path), "
                "a PIL image or a numpy array of shape (H, W, 3)"
            )


def _expand_path(text: str, extensions: frozenset[str], passed_over: list[Path] | None) -> Iterator[Item]:
    path = Path(text).expanduser()
    if path.is_dir():
        yield from _walk(path, extensions, passed_over)
    elif os.path.lexists(path):
        yield Item(name=text, path=path)
    elif _GLOB_CHARS & set(text):
        matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
        if not matches:
            yield Item(name=text, problem="no file matches this pattern; check the spelling and the folder")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(Path(match), extensions, passed_over)
            elif Path(match).suffix.lower() in extensions:
                yield Item(name=match, path=Path(match))
    else:
        yield Item(name=text, path=path)  # decoding reports "no such file" with the details


def _walk(root: Path, extensions: frozenset[str], passed_over: list[Path] | None = None) -> Iterator[Item]:
    """Depth-first, sorted by name, without following symlinked folders (no loops); the files of other extensions
    added to ``passed_over``, where given."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            yield Item(
                name=str(folder),
                path=folder,
                problem=f"cannot list this folder ({reason}); check its permissions",
            )
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                subfolders.append(Path(entry.path))
            elif os.path.splitext(entry.name)[1].lower() in extensions:
                yield Item(name=entry.path, path=Path(entry.path))
            elif passed_over is not None:
                passed_over.append(Path(entry.path))
        stack.extend(reversed(subfolders))
