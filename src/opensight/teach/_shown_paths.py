"""How a taught model's card and report name the example files: by their place under the data folder
(``ripe/IMG_1.jpg``), never by where the data folder is on this computer — the ``.osm`` file is made to be shipped, and
``/home/ana/Pictures/…`` in it would tell whoever opens it whose pictures they were and where they live — or by the
names the dataset gives them (:attr:`~opensight.teach.dataset.Dataset.names`: the Studio's uploads).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from opensight.teach._card import TaughtModelCard
from opensight.teach.dataset import Dataset, Example  # noqa: F401  (Example: the doctest)

T = TypeVar("T")


def renamer(dataset: Dataset) -> Callable[[str], str]:
    """A function that rewrites every example path in a text as it is shown: each of the dataset's ``names``, and
    the data folder left out — as it was given (``../data/fruit/``), as an absolute path, and as the file system
    resolves it.

    >>> data = Dataset(Path("/home/ana/fruit"), (), ("a", "b"), names=(("/home/ana/fruit/a/x1.png", "a/pear.png"),))
    >>> shown = renamer(data)
    >>> shown("/home/ana/fruit/a/x1.png = /home/ana/fruit/b/x2.png")
    'a/pear.png = b/x2.png'
    >>> renamer(Dataset(Path("../f"), (), ()))("../f/a/x.png")
    'a/x.png'
    """
    return _rewriter(_shown(dataset))


def _shown(dataset: Dataset) -> dict[str, str]:
    """Each text to rewrite, and what it becomes."""
    folder = _data_folder(dataset)
    pairs = {str(Path(path).absolute()): name for path, name in dataset.names}
    pairs.update({str(path): name for path, name in dataset.names})
    for where in {folder, folder.absolute(), folder.resolve()} - {Path(".")}:  # as given (../data/fruit), and
        pairs[str(where) + os.sep] = ""  # where it is ("./" alone would be taken out of every "../")
    return pairs


def _data_folder(dataset: Dataset) -> Path:
    """The folder the examples are named under: the data folder, or for a CSV the deepest folder that holds every
    file it lists (wherever the table is).

    >>> table = [Example(Path("/home/ana/data/snow/1.png"), "snow"), Example(Path("/home/ana/data/sand/2.png"), "sand")]
    >>> _data_folder(Dataset(Path("/tmp/labels.csv"), tuple(table), ("sand", "snow")))
    PosixPath('/home/ana/data')
    """
    source = dataset.source
    if source.is_dir() or source.suffix.lower() != ".csv":
        return source
    try:
        return Path(os.path.commonpath([str(example.path.parent) for example in dataset.examples]))
    except ValueError:  # absolute and relative paths mixed, or none
        return source.parent


def _rewriter(pairs: dict[str, str]) -> Callable[[str], str]:
    pattern = re.compile("|".join(re.escape(key) for key in sorted(pairs, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda found: pairs[found[0]], text)


def renamed_card(card: TaughtModelCard, shown: Callable[[str], str]) -> TaughtModelCard:
    """The card with every path in its texts, lists and tables rewritten by ``shown``."""
    return dataclasses.replace(
        card, **{field.name: _renamed(getattr(card, field.name), shown) for field in dataclasses.fields(card)}
    )


def _renamed(value: T, shown: Callable[[str], str]) -> T:
    found: Any = value
    if isinstance(value, str):
        found = shown(value)
    elif isinstance(value, dict):
        found = {key: _renamed(item, shown) for key, item in value.items()}
    elif isinstance(value, list | tuple):
        found = type(value)(_renamed(item, shown) for item in value)
    return found  # type: ignore[no-any-return]
