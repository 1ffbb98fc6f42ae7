"""The results database (SQLite, documented schema) and the exports to Parquet, CSV and JSON Lines.

Schema (**contract**; query it with ``sqlite3`` or DuckDB):

- ``runs(run_id, task, sources, engine, started, finished, status, processed, failed)``
- ``results(run_id, path, sha256, size, mtime, elapsed_ms, error, label, score, result)`` — one row per input per
  run (primary key ``run_id, path``); ``result`` is the task's row fields as JSON (``json_extract(result,
  '$.top[1].label')``); ``error`` is set instead when the input failed.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import stat
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from opensight._errors import DecodeError, InputError, StoreError
from opensight._files import Outputs
from opensight._text import csv_cell
from opensight.engines._job import COLUMNS
from opensight.store import open_owned_database, sha256_file, transaction

APPLICATION = "opensight-results"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, task TEXT NOT NULL, sources TEXT NOT NULL, engine TEXT NOT NULL,
    started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL, processed INTEGER DEFAULT 0, failed INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS results (
    run_id TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT, size INTEGER, mtime REAL, elapsed_ms REAL,
    error TEXT, label TEXT, score REAL, result TEXT, PRIMARY KEY (run_id, path)
);
CREATE INDEX IF NOT EXISTS results_label ON results (run_id, label)
"""
_CHUNK = 500


def _export_key(target: Path) -> str:
    return "export:" + os.path.abspath(target)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class ResultsDB:
    """An opensight results database; refuses (and leaves alone) any file that is not one."""

    def __init__(self, path: str | os.PathLike[str], *, hint: str = "choose another --db file") -> None:
        self.path = Path(path)
        self._db = open_owned_database(self.path, application=APPLICATION, schema=_SCHEMA, hint=hint)
        self._db.execute("CREATE TEMP TABLE listed (path TEXT PRIMARY KEY)")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def start_run(self, task: str, sources: Sequence[str], engine: str, *, resume: bool) -> tuple[str, bool]:
        """A run id: with ``resume``, the latest run of the same task over the same sources (resumed=True)."""
        listed = json.dumps(list(sources))
        if resume:
            row = self._db.execute(
                "SELECT run_id FROM runs WHERE task = ? AND sources = ? ORDER BY started DESC, rowid DESC LIMIT 1",
                (task, listed),
            ).fetchone()
            if row is not None:
                self._execute(
                    "UPDATE runs SET status = 'running', engine = ?, finished = NULL WHERE run_id = ?", (engine, row[0])
                )
                return str(row[0]), True
        run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self._execute(
            "INSERT INTO runs (run_id, task, sources, engine, started, status) VALUES (?, ?, ?, ?, ?, 'running')",
            (run_id, task, listed, engine, _now()),
        )
        return run_id, False

    def done(
        self, run_id: str, names: Sequence[str], *, listed: bool = False
    ) -> dict[str, tuple[int | None, float | None, str | None]]:
        """For those of ``names`` that already have a successful row in the run: (size, mtime, sha256).
        (Inputs that failed are tried again on resume: the cause may have been fixed.) With ``listed``, the names
        are also noted for :meth:`keep_only_listed` (on disk, not in memory: a folder may hold millions)."""
        if listed:
            self._db.executemany("INSERT OR IGNORE INTO temp.listed VALUES (?)", [(name,) for name in names])
        found: dict[str, tuple[int | None, float | None, str | None]] = {}
        for start in range(0, len(names), _CHUNK):
            chunk = list(names[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT path, size, mtime, sha256 FROM results "
                f"WHERE run_id = ? AND error IS NULL AND path IN ({marks})"
            )
            for path, size, mtime, digest in self._db.execute(query, (run_id, *chunk)):
                found[path] = (size, mtime, digest)
        return found

    def write(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert (or replace, for a changed file) rows in one transaction: all of them land, or none."""
        marks = ",".join("?" * len(COLUMNS))
        self._transaction(lambda db: db.executemany(f"INSERT OR REPLACE INTO results VALUES ({marks})", rows))

    def keep_only_listed(self, run_id: str) -> None:
        """Delete the run's rows of inputs that :meth:`done` was not asked about (with ``listed``) since this
        database was opened: files gone since the run began."""
        self._execute("DELETE FROM results WHERE run_id = ? AND path NOT IN (SELECT path FROM temp.listed)", (run_id,))

    def finish(self, run_id: str, status: str) -> tuple[int, int]:
        """Record the run's end; returns (processed, failed) over all its rows."""
        processed, failed = self._db.execute(
            "SELECT count(*) - count(error), count(error) FROM results WHERE run_id = ?", (run_id,)
        ).fetchone()
        self._execute(
            "UPDATE runs SET finished = ?, status = ?, processed = ?, failed = ? WHERE run_id = ?",
            (_now(), status, processed, failed, run_id),
        )
        return int(processed), int(failed)

    def rows(self, run_id: str) -> Iterator[dict[str, Any]]:
        """The run's rows, sorted by path."""
        cursor = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM results WHERE run_id = ? ORDER BY path", (run_id,))
        for values in cursor:
            yield dict(zip(COLUMNS, values, strict=True))

    def job_of(self, run_id: str) -> str:
        """The job a run belongs to: its task and its sources (what ``--resume`` continues)."""
        row = self._db.execute("SELECT task, sources FROM runs WHERE run_id = ?", (run_id,)).fetchone()
        return job_key(str(row[0]), json.loads(row[1])) if row else ""

    def remember_export(self, target: Path, job: str) -> None:
        """Record that ``target`` was written from this database by ``job`` (its size, time and content hash)."""
        info = target.stat()
        value = json.dumps(
            {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": sha256_file(target), "job": job}
        )
        self._execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_export_key(target), value))

    def exported(self, target: Path, job: str) -> bool:
        """True when ``target`` is a file this database exported for ``job`` and nobody changed since (another job's
        export, into the same file, would replace the rows of the first: a new user's second run over a subfolder
        left one row of ten)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (_export_key(target),)).fetchone()
        if row is None:
            return False
        try:
            recorded = json.loads(row[0])
            info = target.stat()
            if recorded.get("job", job) != job:  # exports recorded before jobs were: as the job's own
                return False
            if not stat.S_ISREG(info.st_mode) or info.st_size != recorded["size"]:
                return False
            return bool(info.st_mtime_ns == recorded["mtime_ns"] or sha256_file(target) == recorded["sha256"])
        except (OSError, ValueError, KeyError, TypeError, DecodeError):
            return False

    def _execute(self, query: str, parameters: tuple[Any, ...]) -> None:
        self._transaction(lambda db: db.execute(query, parameters))

    def _transaction(self, action: Any) -> None:
        then = " — rows written before this are safe, run again with --resume to go on"
        with transaction(self._db, what=str(self.path), then=then):
            action(self._db)


def export(db: ResultsDB, run_id: str, target: Path, *, overwrite: bool = True) -> int:
    """Write the run's rows to ``target`` (.parquet, .csv or .jsonl), atomically; returns the row count.

    An existing ``target`` is replaced only with ``overwrite`` or when this database exported it and it is unchanged
    since (so a resumed job brings its own export up to date); the export is then recorded in the database."""
    kind = export_kind(target)
    job = db.job_of(run_id)
    outputs = Outputs(overwrite=overwrite or db.exported(target, job))
    with outputs.atomic(target) as temporary:
        count = _write(kind, db.rows(run_id), temporary)
    db.remember_export(target, job)
    return count


def export_kind(target: Path) -> str:
    """The kind of file ``target`` names (``.parquet``, ``.csv`` or ``.jsonl``); an :class:`InputError` for any other.

    >>> export_kind(Path("cars.CSV"))
    '.csv'
    """
    kind = target.suffix.lower()
    if kind not in {".parquet", ".csv", ".jsonl"}:
        raise InputError(f"--out must end in .parquet, .csv or .jsonl (got {target.name}); or use --db for SQLite")
    return kind


def job_key(task: str, sources: Sequence[str]) -> str:
    """A job's name in the export records: its task and its sources, as ``runs`` holds them."""
    return json.dumps([task, list(sources)])


def exported_before(db_path: Path, target: Path, job: str) -> bool:
    """True when the results database at ``db_path`` (if there is one) exported ``target`` for ``job`` and it is
    unchanged."""
    if not db_path.is_file():
        return False
    try:
        results = ResultsDB(db_path)
    except StoreError:
        return False
    try:
        return results.exported(target, job)
    finally:
        results.close()


def _write(kind: str, rows: Iterator[dict[str, Any]], path: Path) -> int:
    count = 0
    if kind == ".jsonl":
        with open(path, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(cli_row(row), ensure_ascii=False) + "\n")
                count += 1
    elif kind == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({key: csv_cell(value) for key, value in row.items()})
                count += 1
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [
                ("run_id", pa.string()), ("path", pa.string()), ("sha256", pa.string()), ("size", pa.int64()),
                ("mtime", pa.float64()), ("elapsed_ms", pa.float64()), ("error", pa.string()),
                ("label", pa.string()), ("score", pa.float64()), ("result", pa.string()),
            ]
        )  # fmt: skip
        with pq.ParquetWriter(path, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                count += 1
                if len(batch) == 10_000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def cli_row(row: dict[str, Any]) -> dict[str, Any]:
    """A database row as the CLI row: ``path``, the task fields (or ``error``), then the file and run facts."""
    out: dict[str, Any] = {"path": row["path"]}
    if row["error"] is not None:
        out["error"] = row["error"]
    else:
        out.update(json.loads(row["result"] or "{}"))
    for key in ("sha256", "size", "mtime", "run_id", "elapsed_ms"):
        out[key] = row[key]
    return out
