"""A results database or store whose creating run was killed before its first commit is finished, not refused;
a database with anyone's data in it is still refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from opensight import StoreError
from opensight.store import open_owned_database

SCHEMA = "CREATE TABLE IF NOT EXISTS things (id INTEGER)"


def test_a_database_killed_before_its_first_commit_is_finished(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite"
    half = sqlite3.connect(path)
    half.execute("PRAGMA journal_mode = WAL")  # what a run writes first: the file has a header, no tables
    half.close()
    assert path.stat().st_size > 0
    db = open_owned_database(path, application="demo", schema=SCHEMA, hint="choose another file")
    try:
        assert db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone() == ("demo",)
    finally:
        db.close()


def test_a_database_with_someone_elses_tables_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE accounts (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an demo database"):
        open_owned_database(path, application="demo", schema=SCHEMA, hint="choose another file")
    assert path.read_bytes() == before
