"""Training data: a folder with one sub-folder per class, or a CSV of ``path,label``.

>>> folder = Path(tempfile.mkdtemp())
>>> for name in ("ripe/a.jpg", "ripe/b.jpg", "unripe/c.jpg"):
...     (folder / name).parent.mkdir(exist_ok=True)
...     _ = (folder / name).write_bytes(b"x")
>>> data = load_dataset(folder)
>>> data.classes, data.counts()
(('ripe', 'unripe'), {'ripe': 2, 'unripe': 1})
"""

from __future__ import annotations

import csv
import io
import os
import tempfile  # noqa: F401  (used by the doctest)
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from opensight._errors import DecodeError, InputError
from opensight._text import first_few
from opensight.inputs import IMAGE_EXTENSIONS, iter_items
from opensight.inputs._regular import open_regular

#: Fewer examples than this in a class gets a warning that says how many more would help.
FEW_EXAMPLES = 5
#: … and more classes than this with so few are said in one line.
MANY_FEW = 3
#: Largest/smallest class size above this gets an imbalance warning.
IMBALANCE_RATIO = 5.0


@dataclass(frozen=True)
class Example:
    """One labelled picture."""

    path: Path
    label: str


@dataclass(frozen=True)
class Dataset:
    """Labelled pictures, their classes (sorted) and warnings a user should read."""

    source: Path
    examples: tuple[Example, ...]
    classes: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    #: (file, name) pairs: how the model's card and report name an example's file where not by its path under the
    #: data folder (the Studio: the name a picture was uploaded with, not the name it is stored under).
    names: tuple[tuple[str, str], ...] = ()

    def counts(self) -> dict[str, int]:
        """Examples per class, in class order."""
        counted = Counter(example.label for example in self.examples)
        return {name: counted[name] for name in self.classes}


def load_dataset(
    source: str | os.PathLike[str], *, extensions: frozenset[str] = IMAGE_EXTENSIONS, noun: str = "pictures"
) -> Dataset:
    """Read a class-per-folder tree or a ``path,label`` CSV; check it is teachable; collect warnings. A class folder
    is searched for files with ``extensions`` (pictures; recordings for sounds), called ``noun`` in messages."""
    path = Path(source).expanduser()
    if not path.exists():
        raise InputError(f"{path} does not exist; pass a folder with one sub-folder per class, or a CSV of path,label")
    if path.is_dir():
        examples, warnings = _from_folder(path, extensions, noun)
    elif path.suffix.lower() == ".csv":
        examples, warnings = _from_csv(path)
    else:
        raise InputError(
            f"{path} is neither a folder nor a .csv file; pass a folder with one sub-folder per class "
            "(photos/ripe/, photos/unripe/) or a CSV with the columns path,label"
        )
    return _checked(path, examples, warnings, noun)


def _from_folder(root: Path, extensions: frozenset[str], noun: str) -> tuple[list[Example], list[str]]:
    examples: list[Example] = []
    warnings: list[str] = []
    others: list[str] = []
    loose = 0
    with os.scandir(root) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            loose += 1
            continue
        passed_over: list[Path] = []  # a new user's notes.txt and doc.pdf were passed over in silence
        found = [
            Example(path=item.path, label=entry.name)
            for item in iter_items(entry.path, extensions=extensions, passed_over=passed_over)
            if item.path
        ]
        others.extend(str(path.relative_to(root)) for path in passed_over)
        if not found:
            warnings.append(f"class '{entry.name}' has no {noun} and is left out")
        nested = sorted({Path(e.path).parent.name for e in found if Path(e.path).parent != Path(entry.path)})
        if nested:
            deeper = sum(Path(e.path).parent != Path(entry.path) for e in found)
            warnings.append(
                f"{deeper} of the {noun} of class '{entry.name}' are in its sub-folder(s) ({first_few(nested, 3)}) "
                f"and were taught as '{entry.name}'; a class is one folder "
                "directly under the data folder"
            )
        examples.extend(found)
    if others:
        warnings.append(
            f"{len(others)} file(s) in the class folders are not {noun} and were not used: {first_few(others, 3)}"
        )
    if loose:
        one = noun.removesuffix("s")
        warnings.append(f"{loose} file(s) directly in {root} were ignored: put each {one} in the folder of its class")
    return examples, warnings


def _from_csv(table: Path) -> tuple[list[Example], list[str]]:
    examples: list[Example] = []
    warnings: list[str] = []
    try:
        raw = open_regular(table)  # a pipe or a device named *.csv would be read forever
    except DecodeError as error:
        raise InputError(f"{table}: {error}") from None
    with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = bool(rows) and _is_header(rows[0])
    for number, row in enumerate(rows[1:] if header else rows, start=2 if header else 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(
                f"{table}, line {number}: expected two columns, a picture's path and its label ('path,label'), got "
                f"{','.join(row)!r}"
            )
        path = Path(cells[0]).expanduser()  # a relative path is beside the table: "x/../y" written as "y"
        examples.append(
            Example(path=Path(os.path.normpath(path if path.is_absolute() else table.parent / path)), label=cells[1])
        )
    return examples, warnings


#: First lines read as a header, not as a picture and its label: the names of the two columns a user may give them.
_HEADER_PATHS = {"path", "file", "filename", "file_name", "filepath", "image", "picture", "photo", "sound", "recording"}
_HEADER_LABELS = {"label", "class", "category", "name", "tag", "target"}


def _is_header(row: list[str]) -> bool:
    """Whether a CSV's first ``row`` names its columns (``path,label``, ``file,class``, …): "file,class" was read as
    a picture named "file" ("no such file — such as …, file").

    >>> _is_header(["File", " class"]), _is_header(["cat.jpg", "cat"])
    (True, False)
    """
    cells = [cell.strip().lower() for cell in row[:2]]
    return len(cells) == 2 and cells[0] in _HEADER_PATHS and cells[1] in _HEADER_LABELS


def _checked(source: Path, examples: list[Example], warnings: list[str], noun: str = "pictures") -> Dataset:
    counts = Counter(example.label for example in examples)
    classes = tuple(sorted(counts))
    if len(classes) < 2:
        found = (
            f"only the class '{classes[0]}'"
            if classes
            else f"no sub-folder with {noun} in it ({noun} directly in it belong to no class)"
            if source.is_dir()
            else f"no {noun} at all"
        )
        folders = "photos/ripe/, photos/unripe/" if noun == "pictures" else "sounds/doorbell/, sounds/background noise/"
        raise InputError(
            f"teaching needs at least 2 classes with {noun}; {source} has {found}. Make one sub-folder "
            f"per class ({folders}) with a few {noun} in each"
        )
    few = [name for name in classes if counts[name] < FEW_EXAMPLES]
    if len(few) > MANY_FEW:  # one line, not a line a class (a new user's 13 classes of 3 printed 13 warnings)
        listed = ", ".join(f"{name} {counts[name]}" for name in few)
        warnings.append(
            f"{len(few)} classes have fewer than {FEW_EXAMPLES} examples ({listed}); it works, but 10 or more per "
            "class would make the model and its evaluation far more reliable"
        )
    for name in few if len(few) <= MANY_FEW else ():
        warnings.append(
            f"class '{name}' has only {counts[name]} example(s); it works, but 10 or more per class "
            f"(so {10 - counts[name]} more) would make the model and its evaluation far more reliable"
        )
    largest, smallest = max(counts.values()), min(counts.values())
    if largest / smallest > IMBALANCE_RATIO:
        rare = min(counts, key=lambda name: counts[name])
        warnings.append(
            f"the classes are very imbalanced ({', '.join(f'{n} {counts[n]}' for n in classes)}); they are weighted "
            f"equally when teaching, but more examples of '{rare}' would help"
        )
    return Dataset(source=source, examples=tuple(examples), classes=classes, warnings=tuple(warnings))
