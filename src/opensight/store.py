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

import contextlib
import hashlib
import os
import sqlite3
import stat
import tempfile  # noqa: F401  (used by the doctest)
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import DecodeError, OpensightError, OutputError, StoreError
from opensight._files import write_failure
from opensight._settings import data_dir
from opensight.inputs._regular import not_regular_message, open_regular, stat_problem

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
    """The hex sha256 of a file's content. Anything but a regular file (a pipe, a socket, a device, which could be
    read forever), or a file that cannot be opened, raises :class:`DecodeError` saying what it is.

    >>> sha256_file(Path(__file__))[:4].isalnum()
    True
    """
    digest = hashlib.sha256()
    with open_regular(path) as handle:
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
        return _Transaction(self._db, what=f"the opensight store {self.path}")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- file hashes ------------------------------------------------------------------------------
    def file_hashes(self, paths: Iterable[Path]) -> dict[Path, str | DecodeError]:
        """sha256 of each file, reusing the stored one when path, size and mtime are unchanged.

        A file that cannot be read (or is not a regular file) maps to a :class:`DecodeError` that says why, so
        callers can list it and go on.
        """
        result: dict[Path, str | DecodeError] = {}
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
            except DecodeError as error:
                result[path] = error
                continue
            except OSError as error:  # stat failed: missing, a broken link, a link loop, no permission
                result[path] = DecodeError(stat_problem(path, error))
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
    :class:`StoreError` and left untouched; ``hint`` says what to do instead. One that is ours but cannot be written
    (a read-only file, folder or disk, a full disk) is an :class:`OutputError` that says so: it is not called
    foreign, and it is not changed.
    """
    existed = _existing_file(path, hint)
    db: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 30000")
        if existed:
            _check_owner(db, path, application=application, hint=hint)
        _create_schema(db, path, application=application, schema=schema)
    except sqlite3.DatabaseError as error:
        if db is not None:
            db.close()
        raise _open_failure(error, path, application=application, hint=hint) from None
    except OSError as error:
        if db is not None:
            db.close()
        raise write_failure(error, path) from None
    except BaseException:
        if db is not None:
            db.close()
        raise
    return db


def _existing_file(path: Path, hint: str) -> bool:
    """Whether ``path`` is a regular file with data in it (False when missing or empty); refuse anything else."""
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise StoreError(f"cannot use {path} ({error.strerror or error}); {hint}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        what = not_regular_message(path, info.st_mode) or "not a regular file"
        raise StoreError(f"cannot use {path} as a database: {what}; {hint}")
    return info is not None and info.st_size > 0


def _check_owner(db: sqlite3.Connection, path: Path, *, application: str, hint: str) -> None:
    """Refuse an existing database that ``application`` did not create (another program's, or not a database)."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
    except sqlite3.DatabaseError as error:
        if isinstance(database_failure(error, path), OutputError):
            raise  # the machine's answer (read-only, cannot open), not the file's
        row = None
    if row is None and _holds_nothing(db):
        return  # created by a run killed before its first commit (the WAL switch writes the header): ours to finish
    if row is None or row[0] != application:
        raise StoreError(
            f"{path} is not an {application} database (it holds other data); refusing to touch it — {hint}"
        )


def _holds_nothing(db: sqlite3.Connection) -> bool:
    """True for a valid SQLite file without a single table, index or view: no data of anyone's to protect."""
    try:
        return bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0)
    except sqlite3.DatabaseError:
        return False  # not a database at all


def _create_schema(db: sqlite3.Connection, path: Path, *, application: str, schema: str) -> None:
    """Switch ``db`` to WAL mode and create ``meta`` and ``schema`` in it, marked as ``application``'s."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    with _Transaction(db, what=str(path), then=" (nothing was changed)"):
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for statement in schema.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('application', ?)", (application,))
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def _open_failure(error: sqlite3.DatabaseError, path: Path, *, application: str, hint: str) -> OpensightError:
    """What opening ``path`` failed with: the machine's refusal (:class:`OutputError`), else a :class:`StoreError`."""
    failure = database_failure(error, path, then=" (nothing was changed)")
    if isinstance(failure, OutputError):
        return failure
    return StoreError(
        f"cannot use {path} ({error}); if it is not an {application} database, {hint} (nothing was changed)"
    )


def database_failure(error: sqlite3.Error, what: object, *, then: str = "") -> OpensightError:
    """One sentence for an SQLite error: an :class:`OutputError` when the machine refused (disk full, read-only,
    cannot open, locked by another program), else a :class:`StoreError`.

    >>> print(database_failure(sqlite3.OperationalError("database or disk is full"), "r.sqlite"))
    could not write to r.sqlite: the disk is full; free some space, then run again
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name == "SQLITE_FULL" or "disk is full" in text:
        reason, advice = "the disk is full", "free some space, then run again"
    elif name.startswith("SQLITE_READONLY") or "readonly database" in text:
        reason, advice = "it is read-only (the file, its folder or the disk)", "make it writable or choose another file"
    elif name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        reason = "it cannot be opened for writing (a read-only folder or disk, or a missing folder)"
        advice = "choose a folder you can write to"
    elif name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        reason = "the disk reported an input/output error (a read-only folder or disk does this too)"
        advice = "check that the disk is healthy and the folder writable"
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        reason, advice = "another program is writing to it", "wait until it has finished, or choose another file"
    elif name == "SQLITE_PERM":
        reason, advice = "permission denied", "make it writable or choose another file"
    else:
        return StoreError(f"could not use {what} ({text}){then}")
    return OutputError(f"could not write to {what}: {reason}; {advice}{then}")


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on error); SQLite errors (disk full, read-only) become one
    sentence (:func:`database_failure`) naming ``what`` and ending with ``then`` (what the user can do next). A
    failed COMMIT is rolled back, so the database keeps every transaction committed before it."""

    def __init__(self, db: sqlite3.Connection, *, what: str = "the opensight store", then: str = "") -> None:
        self._db = db
        self._what = what
        self._then = then

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise database_failure(error, self._what, then=self._then) from None
        return self._db

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _tb: object) -> None:
        if kind is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.Error as failed:
                self._rollback()
                raise database_failure(failed, self._what, then=self._then) from None
        self._rollback()
        if isinstance(error, sqlite3.Error):
            raise database_failure(error, self._what, then=self._then) from error

    def _rollback(self) -> None:
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # gone already (SQLite rolls back itself on some I/O errors)
                self._db.execute("ROLLBACK")


transaction = _Transaction


def _vector(blob: object, dim: object) -> np.ndarray:
    array: np.ndarray = np.frombuffer(blob, dtype="<f4")  # type: ignore[call-overload]
    if array.size != dim:
        raise StoreError("a stored embedding is damaged (wrong length); delete the store to rebuild it")
    return array.astype(np.float32)


__all__ = ["Store", "database_failure", "default_store_path", "sha256_file"]
