"""The examples a head is fitted on: the readable ones, in the dataset's order, with their feature vectors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from opensight._errors import InputError
from opensight.teach._kinds import Embedded
from opensight.teach._shown_paths import renamer
from opensight.teach.dataset import Dataset


@dataclass(frozen=True, eq=False)
class Examples:
    """The readable examples, as the head is fitted on them: one row each, in the dataset's order."""

    classes: tuple[str, ...]
    truth: np.ndarray  # class index of each example
    digests: list[str]  # sha256 of each example's file (or of its piece: "<sha256>@<window>")
    features: np.ndarray  # (examples, embedding) vectors
    paths: list[str]  # the file, and for a piece of a longer recording where it starts ("dog.wav @ 0:03.0")
    thumbnails: dict[int, bytes]  # by example index, where the store has one
    warnings: list[str]  # the dataset's, then about files and classes lost to unreadable pictures
    groups: np.ndarray | None = None  # file number of each example, where a file gives several (kept together in CV)
    counted: np.ndarray | None = None  # False for examples that only help the head learn (a short sound re-placed)
    prints: dict[int, np.ndarray] = field(default_factory=dict)  # by example index: its thumbnail's copy print

    def evaluated(self, oof_proba: np.ndarray) -> np.ndarray:
        """Out-of-fold probabilities of the counted examples only (NaN rows are left out of the evaluation)."""
        if self.counted is None:
            return oof_proba
        kept = oof_proba.copy()
        kept[~self.counted] = np.nan
        return kept

    @property
    def counts(self) -> dict[str, int]:
        """Examples per class, in class order (the counted ones)."""
        truth = self.truth if self.counted is None else self.truth[self.counted]
        return {label: int((truth == i).sum()) for i, label in enumerate(self.classes)}


def examples_of(dataset: Dataset, embedded: Embedded) -> Examples:
    """The examples whose pictures could be read, with their vectors; refused when fewer than 2 classes are left,
    or when no class has a second picture to check the model against."""
    usable = [example for example in dataset.examples if example.path in embedded.digests]
    warnings = list(dataset.warnings)
    if embedded.skipped:
        warnings.append(f"{len(embedded.skipped)} file(s) were left out; each is listed with the reason")
    classes = tuple(sorted({example.label for example in usable}))
    lost = [c for c in dataset.classes if c not in classes]
    if lost:
        warnings.append(f"no usable examples left in: {', '.join(lost)} (the files left out say why)")
    if len(classes) < 2:
        left = f"only {classes[0]} has examples left" if classes else "no class has examples left"
        raise InputError(
            f"after leaving out the files that could not be used, {left}: "
            f"{_why_left_out(embedded.skipped, renamer(dataset))}; teaching needs at least 2 classes with usable "
            "examples"
        )
    index_of = {label: i for i, label in enumerate(classes)}
    truth = np.array([index_of[example.label] for example in usable])
    if np.bincount(truth).max() < 2:
        raise InputError(
            "every class has a single picture: with nothing to check the model against, opensight cannot say how "
            "well it works; add a second picture to at least one class (5 or more per class make a useful model)"
        )
    warnings.extend(embedded.notes)
    rows = [(number, key) for number, example in enumerate(usable) for key in _keys(embedded, example.path)]
    digests = [key for _, key in rows]
    groups = np.array([number for number, _ in rows])
    return Examples(
        classes=classes,
        truth=truth[groups],
        digests=digests,
        features=np.stack([embedded.vectors[digest] for digest in digests]),
        paths=[_where(usable[number].path, embedded.starts.get(key)) for number, key in rows],
        thumbnails={i: embedded.thumbnails[d] for i, d in enumerate(digests) if d in embedded.thumbnails},
        warnings=warnings,
        groups=groups if len(groups) > len(usable) else None,
        counted=np.array([key not in embedded.augmented for key in digests]) if embedded.augmented else None,
        prints={i: embedded.prints[d] for i, d in enumerate(digests) if d in embedded.prints},
    )


def _why_left_out(skipped: list[tuple[str, str]], shown: Callable[[str], str] = str) -> str:
    """What was left out and why, in a few words: the reasons by count (the first clause of each: "no hand found",
    "silent", "corrupt image data"), and up to three of the files (as ``shown``: under the data folder).

    >>> _why_left_out([("a/1.png", "no hand found; use pictures of one hand"), ("b/2.png", "no hand found; use …"),
    ...                ("b/3.png", "not a picture")])
    '3 file(s) left out — 2 no hand found, 1 not a picture — such as a/1.png, b/2.png, b/3.png'
    """
    if not skipped:
        return "no file was left out, but no class but one has any"
    reasons = Counter(reason.split(";")[0].strip() for _, reason in skipped)
    said = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common(3))
    files = ", ".join(shown(path) for path, _ in skipped[:3])
    return f"{len(skipped)} file(s) left out — {said} — such as {files}"


def _keys(embedded: Embedded, path: Path) -> tuple[str, ...]:
    digest = embedded.digests[path]
    return embedded.pieces.get(digest, (digest,))


def _where(path: Path, start: float | None) -> str:
    """The example's name: its file, and where in it a piece of a longer recording starts.

    >>> _where(Path("dog.wav"), None), _where(Path("dog.wav"), 0.0), _where(Path("dog.wav"), 63.5)
    ('dog.wav', 'dog.wav @ 0:00.0', 'dog.wav @ 1:03.5')
    """
    if start is None:
        return str(path)
    minutes, seconds = divmod(start, 60)
    return f"{path} @ {int(minutes)}:{seconds:04.1f}"
