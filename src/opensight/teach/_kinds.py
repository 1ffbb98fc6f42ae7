"""What teaching needs from a kind of examples (pictures today; sounds and poses next): how examples become
feature vectors (cached in the store), which base model they come from, how the head joins that model in the one
``.osm`` graph, and the save-time parity check. :mod:`opensight.teach._teach` is written against this protocol only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from opensight.bundle import Bundle
from opensight.models import ModelSpec
from opensight.store import Store

if TYPE_CHECKING:
    from opensight.teach._blend import NameBlend
    from opensight.teach._card import TaughtModelCard
    from opensight.teach._examples import Examples
    from opensight.teach._model import ParityReference
    from opensight.teach.head import HeadSettings, LinearHeadLearner

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Embedded:
    """The examples' feature vectors and previews (thumbnails), by content hash; what could not be read, and why;
    how many files were embedded now (the rest came from the store). A file that gives several examples (a long
    recording cut into windows) has its examples' keys in ``pieces``, where each starts in ``starts`` (seconds),
    and ``notes`` says what a user should know about some of the files."""

    vectors: dict[str, np.ndarray]  # sha256 (or a piece's key) → vector
    thumbnails: dict[str, bytes]
    digests: dict[Path, str]  # readable example path → sha256
    skipped: list[tuple[str, str]]
    computed: int
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sha256 → its examples' keys, if not itself
    starts: dict[str, float] = field(default_factory=dict)  # piece key → where it starts in its file (seconds)
    notes: tuple[str, ...] = ()  # sentences about some of the files (silent, too short, cut)
    augmented: frozenset[str] = frozenset()  # piece keys that only help the head learn (not counted, not evaluated)
    prints: dict[str, np.ndarray] = field(default_factory=dict)  # sha256 → its thumbnail's copy print (pictures)


class ExampleKind(Protocol):
    """One kind of examples a model can be taught from."""

    #: What the examples are called in sentences ("pictures").
    noun: str
    #: The file extensions a class folder is searched for.
    extensions: frozenset[str]
    #: Whether examples whose features are nearly the same are near copies (pictures: yes; the features of
    #: different sounds or poses can be as close as copies, so only identical files are copies there).
    near_copies: bool
    #: How the head is fitted on these features: its C grid, other feature weightings, folds.
    head: HeadSettings

    def base_model(self) -> ModelSpec:
        """The model whose features the head is taught on (named, with its licence, in the card)."""
        ...

    def embed(self, paths: list[Path], store: Store, *, batch_size: int, progress: Progress | None) -> Embedded:
        """Feature vectors and previews of every readable example; only examples the store has not seen are run."""
        ...

    def bundle(
        self, learner: LinearHeadLearner, card: TaughtModelCard, report_html: str, *, blend: NameBlend | None
    ) -> Bundle:
        """The ``.osm`` contents: the base model and the head fused into one graph, the card, the report."""
        ...

    def parity(
        self, learner: LinearHeadLearner, examples: Examples, chosen: list[int], *, blend: NameBlend | None
    ) -> ParityReference:
        """Inputs for the ``chosen`` examples (from their previews, or their features) and what the in-process
        model says about them: the saved file must agree."""
        ...

    def limits(self) -> tuple[str, ...]:
        """What models taught on this kind cannot see, in sentences for the card."""
        ...

    def head_features(self, features: np.ndarray) -> np.ndarray:
        """The examples' features as the head is fitted on them (sounds: standardised on the taught examples; the
        same shift and scale then go into the graph)."""
        ...

    def advice(self, classes: tuple[str, ...]) -> list[str]:
        """Warnings about the classes themselves (sounds: no background class)."""
        ...
