"""Your own pictures, searchable: an incremental index of picture embeddings in the store, similar-picture search
by picture or by words, and duplicate groups.

``index(folder)`` embeds only new or changed files (content hashes, cached embeddings) and forgets files that are
gone. Search is exact (every indexed picture is compared, one matrix product: below 100k pictures this takes
milliseconds, measured in BENCHMARKS.md). Text search goes through the same ConSE space as :mod:`opensight.tasks.tag`.

>>> pictures = PictureIndex()  # doctest: +SKIP
>>> pictures.update("~/Photos").summary()  # doctest: +SKIP
'indexed 5,000 pictures: 12 new, 0 changed, 3 removed, 4,985 unchanged'
>>> [m.path for m in pictures.similar("chair.jpg", top=3)]  # doctest: +SKIP
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from opensight import _copies, _copy_prints
from opensight._errors import DecodeError, InputError
from opensight.inputs import Item, Source, is_single, iter_items
from opensight.models import ModelSpec
from opensight.results import Shown
from opensight.store import Store
from opensight.tasks import DEFAULT_BATCH_SIZE, Task
from opensight.teach.evaluate import DuplicateGroup, find_duplicates

#: Class probabilities kept per picture for text search.
TOP_CLASSES = 10
Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class _Indexed(Shown):
    vector: np.ndarray  # the picture embedding
    top: np.ndarray  # TOP_CLASSES class indices then their probabilities (float32)

    def to_dict(self) -> dict[str, Any]:
        return {"embedding": self.vector.tolist()}


class _IndexEmbedder(Task[_Indexed]):
    """The default embedder, also keeping the picture's top class probabilities (one forward gives both)."""

    result_type = _Indexed

    task = "embed"

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.embedding_dim is not None and spec.labels is not None

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> _Indexed:
        probabilities = outputs["probabilities"][index]
        order = np.argsort(-probabilities)[:TOP_CLASSES]
        top = np.concatenate([order.astype(np.float32), probabilities[order].astype(np.float32)])
        return _Indexed(vector=np.array(outputs["embedding"][index], dtype=np.float32), top=top)


@dataclass(frozen=True)
class IndexSummary:
    """What an update did."""

    root: str
    new: int
    changed: int
    removed: int
    unchanged: int
    failed: tuple[tuple[str, str], ...]
    seconds: float

    @property
    def total(self) -> int:
        """Pictures now in the index under ``root``."""
        return self.new + self.changed + self.unchanged

    def summary(self) -> str:
        """One line for people."""
        failed = f", {len(self.failed)} unreadable (skipped)" if self.failed else ""
        return (
            f"indexed {self.total:,} pictures in {self.root}: {self.new:,} new, {self.changed:,} changed, "
            f"{self.removed:,} removed, {self.unchanged:,} unchanged{failed} ({self.seconds:.1f} s)"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "root": self.root,
            "total": self.total,
            "new": self.new,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [{"path": path, "error": error} for path, error in self.failed],
            "seconds": round(self.seconds, 2),
        }


@dataclass(frozen=True)
class Match:
    """An indexed picture and how similar it is to the query (cosine for pictures, ConSE score for words)."""

    path: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "score"}``"""
        return {"path": self.path, "score": round(self.score, 4)}


class PictureIndex:
    """The index in the store (``store``: a :class:`Store`, its path, or None for the default data dir)."""

    def __init__(self, store: Store | str | os.PathLike[str] | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE):
        self.store = store if isinstance(store, Store) else Store(store)
        self._embedder: _IndexEmbedder | None = None
        self.batch_size = batch_size
        self._loaded: dict[str | None, tuple[list[str], np.ndarray]] = {}  # within → (paths, unit matrix)
        self._vocabulary: Any = None  # the class names' sentence vectors, for text queries

    @property
    def embedder(self) -> _IndexEmbedder:
        if self._embedder is None:
            self._embedder = _IndexEmbedder(batch_size=self.batch_size)
        return self._embedder

    @property
    def model(self) -> str:
        return self.embedder.spec.name

    # -- building ---------------------------------------------------------------------------------------
    def update(self, folder: str | os.PathLike[str], *, progress: Progress | None = None) -> IndexSummary:
        """Bring the index of ``folder`` up to date: embed new and changed pictures, drop removed ones."""
        started = time.perf_counter()
        root = Path(folder).expanduser()
        if not root.is_dir():
            what = "is not a folder" if root.exists() else "does not exist"
            raise InputError(f"{root} {what}; give a folder of pictures (its subfolders are searched too)")
        root = root.resolve()
        before = self.store.indexed(str(root))
        listed = [item.path for item in iter_items(str(root)) if item.path is not None and item.problem is None]
        failed: list[tuple[str, str]] = []
        hashes: dict[str, str] = {}
        for path, digest in self.store.file_hashes(listed).items():
            if isinstance(digest, DecodeError):  # vanished, unreadable or not a regular file (a pipe, a device)
                failed.append((str(path), str(digest)))
            else:
                hashes[str(path)] = digest
        model = self.model
        known = set(self.store.embeddings(model, sorted(set(hashes.values()))))
        known &= set(self.store.embeddings(_top_key(model), sorted(known)))
        todo = sorted({digest for digest in hashes.values() if digest not in known})
        first = {digest: path for path, digest in sorted(hashes.items(), reverse=True)}
        vectors: dict[str, np.ndarray] = {}
        tops: dict[str, np.ndarray] = {}
        bad: set[str] = set()
        items = [Item(name=digest, path=Path(first[digest])) for digest in todo]
        if progress is not None:  # how many are new or changed, at once (0 of 0 where every one is indexed already)
            progress(0, len(todo))
        for done, outcome in enumerate(self.embedder.stream(items), start=1):
            if outcome.result is None:
                failed.append((first[outcome.name], str(outcome.error)))
                bad.add(outcome.name)
            else:
                vectors[outcome.name], tops[outcome.name] = outcome.result.vector, outcome.result.top
            if len(vectors) >= 512:
                self._save(vectors, tops)
            if progress is not None:
                progress(done, len(todo))
        self._save(vectors, tops)
        self._loaded.clear()
        for digest, reason in self._make_prints({d: path for d, path in first.items() if d not in bad}).items():
            failed.append((first[digest], reason))
            bad.add(digest)
        now = {path: digest for path, digest in hashes.items() if digest not in bad}
        removed = [path for path in before if path not in now]
        self.store.set_indexed(str(root), now, removed)
        new = sum(1 for path in now if path not in before)
        changed = sum(1 for path, digest in now.items() if path in before and before[path] != digest)
        return IndexSummary(
            root=str(root),
            new=new,
            changed=changed,
            removed=len(removed),
            unchanged=len(now) - new - changed,
            failed=tuple(sorted(failed)),
            seconds=time.perf_counter() - started,
        )

    def _save(self, vectors: dict[str, np.ndarray], tops: dict[str, np.ndarray]) -> None:
        if vectors:
            self.store.put_embeddings(self.model, vectors)
            self.store.put_embeddings(_top_key(self.model), tops)
            vectors.clear()
            tops.clear()

    def _make_prints(self, first: dict[str, str]) -> dict[str, str]:
        """Make and keep the copy print (a 32×32 grayscale thumbnail, a 4×4 grid of colours) of every picture in
        ``first`` (content hash → a path to it) that has none yet; returns content hash → why, for pictures that
        could not be read."""
        known = set(self.store.embeddings(_copy_prints.PRINT_KEY, sorted(first)))
        prints: dict[str, np.ndarray] = {}
        unreadable: dict[str, str] = {}
        for digest in sorted(set(first) - known):
            try:
                prints[digest] = _copy_prints.print_of(first[digest])
            except DecodeError as error:  # changed or vanished since it was embedded
                unreadable[digest] = str(error)
            if len(prints) >= 2048:
                self.store.put_embeddings(_copy_prints.PRINT_KEY, prints)
                prints.clear()
        if prints:
            self.store.put_embeddings(_copy_prints.PRINT_KEY, prints)
        return unreadable

    # -- reading ----------------------------------------------------------------------------------------
    def pictures(self, within: str | os.PathLike[str] | None = None) -> tuple[list[str], list[str]]:
        """(paths, content hashes) of the indexed pictures, all or those under ``within``."""
        root = None if within is None else str(Path(within).expanduser().resolve())
        indexed = self.store.indexed(root)
        if not indexed:
            where = f" under {root}" if root else ""
            raise InputError(f"no pictures are indexed{where}; run `opensight index FOLDER` first")
        paths = sorted(indexed)
        return paths, [indexed[path] for path in paths]

    def matrix(self, digests: list[str]) -> np.ndarray:
        """Unit-length embeddings in the order of ``digests``."""
        stored = self.store.embeddings(self.model, sorted(set(digests)))
        vectors = np.stack([stored[digest] for digest in digests]).astype(np.float32)
        return np.asarray(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))

    # -- searching --------------------------------------------------------------------------------------
    def similar(self, query: Source, *, top: int = 10, within: str | os.PathLike[str] | None = None) -> list[Match]:
        """The ``top`` indexed pictures most like ``query`` (a picture path, PIL image or array)."""
        if not is_single(query) or (isinstance(query, str | os.PathLike) and Path(query).is_dir()):
            raise InputError(
                f"the query must be one picture (a file, a PIL image or an array), not {_what(query)}; to search only "
                "the pictures of a folder, index it and pass it as `within` (`opensight similar PICTURE --in FOLDER`)"
            )
        paths, matrix = self.loaded(within)
        found = self.embedder.one(query)
        vector = found.vector / max(float(np.linalg.norm(found.vector)), 1e-12)
        return _best(paths, matrix @ vector, top)

    def loaded(self, within: str | os.PathLike[str] | None = None) -> tuple[list[str], np.ndarray]:
        """(paths, unit-length embedding matrix), read from the store once and kept until the next update."""
        key = None if within is None else str(Path(within).expanduser().resolve())
        if key not in self._loaded:
            paths, digests = self.pictures(within)
            self._loaded[key] = (paths, self.matrix(digests))
        return self._loaded[key]

    def similar_text(self, text: str, *, top: int = 10, within: str | os.PathLike[str] | None = None) -> list[Match]:
        """The ``top`` indexed pictures that best match ``text`` (zero-shot, through the classes the models know)."""
        from opensight.tasks.tag import Vocabulary, clean_labels, conse_scores

        if not isinstance(text, str) or not text.strip():
            raise InputError(f'give words to look for, e.g. "red car" (--text "red car"); got {text!r}')
        label = clean_labels([text])
        paths, digests = self.pictures(within)
        stored = self.store.embeddings(_top_key(self.model), sorted(set(digests)))
        tops = np.stack([stored[digest] for digest in digests])
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.embedder.spec)
        weights = self._vocabulary.label_weights(label)[:, : len(self.embedder.spec.class_names())]
        scores = conse_scores(weights, tops[:, :TOP_CLASSES].astype(np.int64), tops[:, TOP_CLASSES:])[:, 0]
        return _best(paths, scores, top)

    def duplicates(
        self, within: str | os.PathLike[str] | None = None, *, threshold: float = _copies.CHECK
    ) -> tuple[DuplicateGroup, ...]:
        """Groups of exact copies (same content) and near copies: the same picture resized, re-saved, cropped,
        straightened, turned sideways, brightened, mirrored, framed or with text added (not merely a picture of the same
        thing).

        ``threshold`` (0.5 to 1.0, default 0.96) is how well two pictures must line up — the correlation of one
        with the best-matching crop, rotation or mirror image of the other, on small grayscale thumbnails —
        besides a close perceptual hash or close embeddings; higher finds only closer copies.
        """
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.5 <= threshold <= 1.0:
            raise InputError(f"threshold must be a number from 0.5 to 1.0 (default {_copies.CHECK}), got {threshold!r}")
        paths, digests = self.pictures(within)
        folders = [Path(path).parent.name for path in paths]
        _, matrix = self.loaded(within)
        # pictures indexed by an older opensight get their prints now, once; one gone since is left out
        unreadable = self._make_prints(dict(zip(digests, paths, strict=True)))
        if unreadable:
            kept = [i for i, digest in enumerate(digests) if digest not in unreadable]
            paths, digests, folders = [paths[i] for i in kept], [digests[i] for i in kept], [folders[i] for i in kept]
            matrix = matrix[kept]
        stored = self.store.embeddings(_copy_prints.PRINT_KEY, sorted(set(digests)))
        prints = (
            np.stack([stored[digest] for digest in digests])
            if digests
            else np.zeros((0, _copy_prints.PRINT_SIZE), np.float32)
        )
        near = _copies.copy_pairs(matrix, prints, threshold=float(threshold))
        return find_duplicates(matrix, digests, paths, folders, near=near)

    def close(self) -> None:
        self.store.close()


def _best(paths: list[str], scores: np.ndarray, top: int) -> list[Match]:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top must be a whole number ≥ 1, got {top!r}")
    found: list[Match] = []
    indexed = set(paths)
    listed: set[str] = set()
    for i in np.argsort(-scores, kind="stable"):
        if not os.path.exists(paths[i]):  # not one deleted since it was indexed (a new user had just removed copies)
            continue
        # one file once: not through a link to a file listed itself (the same bytes, the same score), nor through a
        # second link (a new user's trial listed a copy and two links to it, each at 1.0)
        real = os.path.realpath(paths[i])
        if real in listed or (real != paths[i] and real in indexed):
            continue
        listed.add(real)
        found.append(Match(path=paths[i], score=float(scores[i])))
        if len(found) == top:
            break
    return found


def _what(query: object) -> str:
    """A query that is not one picture, in words.

    >>> _what(["a.jpg", "b.jpg"]), _what("/tmp")
    ('a list of 2', 'the folder /tmp')
    """
    if isinstance(query, list | tuple):
        return f"a list of {len(query)}"
    return f"the folder {query}" if isinstance(query, str | os.PathLike) else type(query).__name__


def _top_key(model: str) -> str:
    return f"{model}#top{TOP_CLASSES}"
