"""The examples a head is fitted on: the readable ones, in the dataset's order, with their feature vectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from opensight._errors import InputError
from opensight.teach._kinds import Embedded
from opensight.teach.dataset import Dataset


@dataclass(frozen=True, eq=False)
class Examples:
    """The readable examples, as the head is fitted on them: one row each, in the dataset's order."""

    classes: tuple[str, ...]
    truth: np.ndarray  # class index of each example
    digests: list[str]  # sha256 of each example's file
    features: np.ndarray  # (examples, embedding) vectors
    paths: list[str]
    thumbnails: dict[int, bytes]  # by example index, where the store has one
    warnings: list[str]  # the dataset's, then about files and classes lost to unreadable pictures

    @property
    def counts(self) -> dict[str, int]:
        """Examples per class, in class order."""
        return {label: int((self.truth == i).sum()) for i, label in enumerate(self.classes)}


def examples_of(dataset: Dataset, embedded: Embedded) -> Examples:
    """The examples whose pictures could be read, with their vectors; refused when fewer than 2 classes are left,
    or when no class has a second picture to check the model against."""
    usable = [example for example in dataset.examples if example.path in embedded.digests]
    warnings = list(dataset.warnings)
    if embedded.skipped:
        warnings.append(f"{len(embedded.skipped)} file(s) could not be read and were skipped (listed in the report)")
    classes = tuple(sorted({example.label for example in usable}))
    lost = [c for c in dataset.classes if c not in classes]
    if lost:
        warnings.append(f"no readable pictures left in: {', '.join(lost)}")
    if len(classes) < 2:
        raise InputError(
            f"after skipping unreadable files, fewer than 2 classes have pictures ({', '.join(classes) or 'none'}); "
            "teaching needs at least 2 classes with readable pictures"
        )
    index_of = {label: i for i, label in enumerate(classes)}
    truth = np.array([index_of[example.label] for example in usable])
    if np.bincount(truth).max() < 2:
        raise InputError(
            "every class has a single picture: with nothing to check the model against, opensight cannot say how "
            "well it works; add a second picture to at least one class (5 or more per class make a useful model)"
        )
    digests = [embedded.digests[example.path] for example in usable]
    return Examples(
        classes=classes,
        truth=truth,
        digests=digests,
        features=np.stack([embedded.vectors[digest] for digest in digests]),
        paths=[str(example.path) for example in usable],
        thumbnails={i: embedded.thumbnails[d] for i, d in enumerate(digests) if d in embedded.thumbnails},
        warnings=warnings,
    )
