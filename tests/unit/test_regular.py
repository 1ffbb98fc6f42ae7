"""Only regular files are read: pipes, sockets, devices and link loops are refused from stat, before any open."""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from opensight import DecodeError, OutputError, StoreError
from opensight.inputs import load_image
from opensight.inputs._audio import audio_pieces
from opensight.inputs._regular import check_regular, open_regular
from opensight.store import Store, database_failure, sha256_file


@pytest.fixture
def strange(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A FIFO, a UNIX socket, a symlink loop, a .jpg link to /dev/zero, a dangling link, a folder."""
    paths = {name: tmp_path / name for name in ("pipe.jpg", "sock.jpg", "loop.jpg", "zero.jpg", "gone.jpg", "dir.jpg")}
    os.mkfifo(paths["pipe.jpg"])
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(paths["sock.jpg"]))
    (tmp_path / "other.jpg").symlink_to(paths["loop.jpg"])
    paths["loop.jpg"].symlink_to(tmp_path / "other.jpg")
    paths["zero.jpg"].symlink_to("/dev/zero")
    paths["gone.jpg"].symlink_to(tmp_path / "nowhere[/red]")
    paths["dir.jpg"].mkdir()
    yield paths
    server.close()


EXPECTED = {
    "pipe.jpg": "this is a named pipe (FIFO), not a file; opensight reads only regular files",
    "sock.jpg": "this is a socket, not a file; opensight reads only regular files",
    "loop.jpg": "symbolic link loop",
    "zero.jpg": "this links to a character device (/dev/zero), not to a file",
    "gone.jpg": "broken symbolic link: it points to",
    "dir.jpg": "this is a folder",
}


@pytest.mark.timeout(60)  # a regression would wait on the pipe or read /dev/zero forever: fail instead
def test_every_reader_refuses_what_is_not_a_regular_file(strange: dict[str, Path]) -> None:
    for name, path in strange.items():
        for read in (check_regular, open_regular, load_image, sha256_file, lambda p: next(audio_pieces(p, seconds=1))):
            with pytest.raises(DecodeError) as refused:
                read(path)
            assert EXPECTED[name] in str(refused.value), (name, read)
    with pytest.raises(DecodeError) as loop:
        check_regular(strange["loop.jpg"])
    assert "does not exist" not in str(loop.value)


@pytest.mark.timeout(60)
def test_the_store_lists_them_as_unreadable_and_goes_on(strange: dict[str, Path], tmp_path: Path) -> None:
    good = tmp_path / "good.bin"
    good.write_bytes(b"content")
    with Store(tmp_path / "store.sqlite") as store:
        hashes = store.file_hashes([*strange.values(), good])
    assert isinstance(hashes[good], str)
    for name, path in strange.items():
        assert EXPECTED[name] in str(hashes[path]), name


def test_a_database_path_that_is_not_a_file_is_refused(strange: dict[str, Path]) -> None:
    with pytest.raises(StoreError, match="named pipe"):
        Store(strange["pipe.jpg"])


def test_sqlite_failures_are_sentences_that_do_not_call_a_good_database_foreign() -> None:
    full = database_failure(sqlite3.OperationalError("database or disk is full"), "r.sqlite")
    assert isinstance(full, OutputError)
    assert "the disk is full" in str(full)
    readonly = database_failure(sqlite3.OperationalError("attempt to write a readonly database"), "r.sqlite")
    assert isinstance(readonly, OutputError)
    assert "read-only" in str(readonly)
    assert "not an" not in str(readonly)
    other = database_failure(sqlite3.IntegrityError("UNIQUE constraint failed"), "r.sqlite")
    assert isinstance(other, StoreError)
