"""The store: one SQLite file (WAL mode) per data dir holding what is worth keeping between runs.

Tables: ``meta`` (who owns the file, schema version), ``files`` (path + size + mtime → sha256, so unchanged
files are not hashed again), ``embeddings`` (sha256 of the content + model name → float32 vector),
``thumbnails`` (sha256 → a small JPEG for reports), ``pictures`` (the similar-picture index: path → sha256) and
``faces`` (the face gallery). Vectors are raw little-endian float32 bytes: nothing
is ever unpickled. Every write is one transaction, so a killed process leaves the store consistent.

>>> store = Store(Path(tempfile.mkdtemp()) / "store.sqlite")
>>> store.put_embeddings("m", {"ab" * 32: np.ones(3, np.float32)})
>>> store.embeddings("m", ["ab" * 32])["ab" * 32].tolist()
[1.0, 1.0, 1.0]
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile  # noqa: F401  (used by the doctest)
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import StoreError
from opensight._paths import data_dir

SCHEMA_VERSION = 1
_APPLICATION = "opensight"
_CHUNK = 500  # rows per IN (...) query

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS embeddings (
    sha256 TEXT NOT NULL, model TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (sha256, model)
);
CREATE TABLE IF NOT EXISTS thumbnails (sha256 TEXT PRIMARY KEY, jpeg BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pictures (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS faces (
    name TEXT NOT NULL, sha256 TEXT NOT NULL, model TEXT NOT NULL, descriptor BLOB NOT NULL,
    PRIMARY KEY (name, sha256, model)
);
"""


def default_store_path() -> Path:
    """``<data dir>/opensight.sqlite``."""
    return data_dir() / "opensight.sqlite"


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's content.

    >>> sha256_file(Path(__file__))[:4].isalnum()
    True
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Store:
    """The opensight store at ``path`` (default: in the data dir). Refuses files that are not its own."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        hint = "choose another data dir with --data-dir or OPENSIGHT_HOME"
        self._db = open_owned_database(self.path, application=_APPLICATION, schema=_SCHEMA, hint=hint)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- file hashes ------------------------------------------------------------------------------
    def file_hashes(self, paths: Iterable[Path]) -> dict[Path, str | OSError]:
        """sha256 of each file, reusing the stored one when path, size and mtime are unchanged.

        A file that cannot be read maps to the ``OSError`` raised, so callers can list it and go on.
        """
        result: dict[Path, str | OSError] = {}
        fresh: list[tuple[str, int, int, str]] = []
        paths = list(paths)
        known = self._select_in("SELECT path, size, mtime_ns, sha256 FROM files WHERE path IN", [str(p) for p in paths])
        stored = {row[0]: row[1:] for row in known}
        for path in paths:
            try:
                info = path.stat()
                key = str(path)
                cached = stored.get(key)
                if cached is not None and cached[0] == info.st_size and cached[1] == info.st_mtime_ns:
                    result[path] = cached[2]
                    continue
                digest = sha256_file(path)
            except OSError as error:
                result[path] = error
                continue
            result[path] = digest
            fresh.append((str(path), info.st_size, info.st_mtime_ns, digest))
        if fresh:
            with self._transaction():
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", fresh)
        return result

    # -- embeddings -------------------------------------------------------------------------------
    def embeddings(self, model: str, digests: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``model`` for those content hashes that have one."""
        rows = self._select_in(
            "SELECT sha256, dim, vector FROM embeddings WHERE model = ? AND sha256 IN", list(digests), model
        )
        return {digest: _vector(blob, dim) for digest, dim, blob in rows}

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors (float32) for content hashes, replacing older ones."""
        rows = [
            (digest, model, int(v.size), np.ascontiguousarray(v, dtype="<f4").tobytes())
            for digest, v in vectors.items()
        ]
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    # -- thumbnails -------------------------------------------------------------------------------
    def thumbnails(self, digests: Iterable[str]) -> dict[str, bytes]:
        """Stored JPEG thumbnails by content hash."""
        return dict(self._select_in("SELECT sha256, jpeg FROM thumbnails WHERE sha256 IN", list(digests)))

    def put_thumbnails(self, thumbnails: Mapping[str, bytes]) -> None:
        """Store JPEG thumbnails by content hash."""
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO thumbnails VALUES (?, ?)", list(thumbnails.items()))

    # -- the picture index ----------------------------------------------------------------------------
    def indexed(self, root: str | None = None) -> dict[str, str]:
        """Indexed picture path → content hash, for every picture or those under the folder ``root``."""
        if root is None:
            rows = self._db.execute("SELECT path, sha256 FROM pictures")
        else:
            prefix = root.rstrip(os.sep) + os.sep
            rows = self._db.execute(
                "SELECT path, sha256 FROM pictures WHERE substr(path, 1, ?) = ?", (len(prefix), prefix)
            )
        return dict(rows.fetchall())

    def set_indexed(self, root: str, pictures: Mapping[str, str], removed: Iterable[str]) -> None:
        """Record ``pictures`` (path → hash) as indexed and forget ``removed``, in one transaction."""
        with self._transaction():
            self._db.executemany("DELETE FROM pictures WHERE path = ?", [(path,) for path in removed])
            self._db.executemany("INSERT OR REPLACE INTO pictures VALUES (?, ?)", list(pictures.items()))

    # -- face gallery -------------------------------------------------------------------------------
    def add_face(self, name: str, digest: str, model: str, descriptor: np.ndarray) -> None:
        """Enrol one face descriptor for ``name`` (the same picture enrolled twice counts once)."""
        blob = np.ascontiguousarray(descriptor, dtype="<f4").tobytes()
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO faces VALUES (?, ?, ?, ?)", (name, digest, model, blob))

    def face_gallery(self, model: str) -> list[tuple[str, np.ndarray]]:
        """Every enrolled (name, descriptor) for ``model``."""
        rows = self._db.execute("SELECT name, descriptor FROM faces WHERE model = ? ORDER BY name", (model,))
        return [(name, np.frombuffer(blob, dtype="<f4").astype(np.float32)) for name, blob in rows]

    def face_names(self) -> dict[str, int]:
        """Enrolled names and how many pictures each has."""
        rows = self._db.execute("SELECT name, count(*) FROM faces GROUP BY name ORDER BY name")
        return {name: int(count) for name, count in rows}

    def forget_face(self, name: str) -> int:
        """Remove everything enrolled for ``name``; returns how many pictures were removed."""
        with self._transaction():
            cursor = self._db.execute("DELETE FROM faces WHERE name = ?", (name,))
        return int(cursor.rowcount)

    def _select_in(self, query: str, keys: list[str], *prefix: object) -> list[Any]:
        rows: list[Any] = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows.extend(self._db.execute(f"{query} ({marks})", (*prefix, *chunk)).fetchall())
        return rows


def open_owned_database(path: Path, *, application: str, schema: str, hint: str) -> sqlite3.Connection:
    """Open (or create) a WAL-mode SQLite file that belongs to ``application``, creating ``schema``.

    A file that exists but is not ours — another program's database, or not a database — is refused with a
    :class:`StoreError` and left untouched. ``hint`` says what to do instead.
    """
    existed = path.exists() and path.stat().st_size > 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 30000")
        if existed:
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
            except sqlite3.DatabaseError:
                row = None
            if row is None or row[0] != application:
                db.close()
                raise StoreError(
                    f"{path} is not an {application} database (it holds other data); refusing to touch it — {hint}"
                )
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        with _Transaction(db):
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            for statement in schema.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('application', ?)", (application,))
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"cannot use {path} ({error}); if it is not an {application} database, {hint} (nothing was changed)"
        ) from None
    except OSError as error:
        raise StoreError(f"cannot create {path} ({error.strerror}); check the folder exists and is writable") from None
    return db


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on error); SQLite errors (disk full, read-only) become a
    StoreError naming ``what`` and ending with ``then`` (what the user can do next)."""

    def __init__(self, db: sqlite3.Connection, *, what: str = "the opensight store", then: str = "") -> None:
        self._db = db
        self._what = what
        self._then = then

    def __enter__(self) -> sqlite3.Connection:
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _tb: object) -> None:
        if kind is None:
            self._db.execute("COMMIT")
            return
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise StoreError(
                f"could not write to {self._what} ({error}); check free disk space and permissions{self._then}"
            ) from error


transaction = _Transaction


def _vector(blob: object, dim: object) -> np.ndarray:
    array: np.ndarray = np.frombuffer(blob, dtype="<f4")  # type: ignore[call-overload]
    if array.size != dim:
        raise StoreError("a stored embedding is damaged (wrong length); delete the store to rebuild it")
    return array.astype(np.float32)


__all__ = ["Store", "default_store_path", "sha256_file"]
