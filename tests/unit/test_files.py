"""Originals are never touched: the one rule for every writer (opensight._files.Outputs), and its sentences."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from opensight import InputError, OutputError
from opensight._files import Outputs, atomic_target, free_names, write_failure


def test_an_existing_file_is_refused_without_overwrite_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    target.write_text("someone's data")
    with pytest.raises(InputError, match=r"rows.csv already exists; choose another path or pass --overwrite"):
        Outputs().check(target)
    with pytest.raises(InputError, match="already exists"):
        Outputs().open(target)
    with pytest.raises(InputError, match="already exists"), Outputs().atomic(target) as temporary:
        temporary.write_text("new")
    assert target.read_text() == "someone's data"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["rows.csv"]  # no temporary left behind
    with Outputs(overwrite=True).open(target) as handle:
        handle.write("replaced")
    assert target.read_text() == "replaced"


def test_an_input_is_never_written_over_even_with_overwrite(tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"original")
    alias = tmp_path / "alias.png"
    alias.symlink_to(picture)
    outputs = Outputs(overwrite=True, inputs=[picture])
    for target in (picture, alias):
        with pytest.raises(InputError, match="is one of the inputs"):
            outputs.check(target)
    with pytest.raises(InputError, match="is one of the inputs"):
        outputs.write_text(alias, "rows")
    assert picture.read_bytes() == b"original"


def test_what_this_run_created_it_may_write_again(tmp_path: Path) -> None:
    outputs = Outputs()
    target = tmp_path / "report.html"
    outputs.write_text(target, "first")
    outputs.write_text(target, "second")
    assert target.read_text() == "second"
    assert outputs.ours(target)
    assert not Outputs().ours(target)


def test_free_names_never_replace_inputs_existing_files_or_this_runs_files(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"the other picture")  # photo.bmp's drawn copy would be photo.png
    (tmp_path / "photo.annotated.png").write_bytes(b"someone's file")
    outputs = Outputs(inputs=[tmp_path / "photo.png"])
    names = []
    for _ in range(2):
        with outputs.new_file(tmp_path, "photo", ".png", tag="annotated") as (path, handle):
            handle.write(b"drawn")
        names.append(path.name)
    assert names == ["photo.annotated (2).png", "photo.annotated (3).png"]
    assert (tmp_path / "photo.png").read_bytes() == b"the other picture"
    assert (tmp_path / "photo.annotated.png").read_bytes() == b"someone's file"
    # with overwrite, an existing file that is neither an input nor this run's own may be reused
    replacing = Outputs(overwrite=True, inputs=[tmp_path / "photo.png"])
    with replacing.new_file(tmp_path, "photo", ".png", tag="annotated") as (path, handle):
        handle.write(b"drawn again")
    assert path.name == "photo.annotated.png"
    assert (tmp_path / "photo.png").read_bytes() == b"the other picture"


def test_a_failed_drawing_leaves_no_file_and_says_why(tmp_path: Path) -> None:
    outputs = Outputs()
    with pytest.raises(OutputError, match="the disk is full"), outputs.new_file(tmp_path, "x", ".jpg") as (path, _):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert not path.exists()


def test_a_file_that_appears_after_the_check_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "fruit.osm"
    outputs = Outputs()

    def race() -> None:
        with outputs.atomic(target) as temporary:
            temporary.write_bytes(b"model")
            target.write_bytes(b"written meanwhile by someone else")

    with pytest.raises(InputError, match="already exists"):
        race()
    assert target.read_bytes() == b"written meanwhile by someone else"

    def bare() -> None:
        with atomic_target(target, overwrite=False) as temporary:
            temporary.write_bytes(b"model")

    with pytest.raises(FileExistsError):
        bare()
    assert target.read_bytes() == b"written meanwhile by someone else"


def test_devices_and_pipes_are_written_in_place_but_never_replaced(tmp_path: Path) -> None:
    outputs = Outputs()
    assert outputs.check(Path(os.devnull)) == Path(os.devnull)  # -o /dev/null works
    with outputs.open(Path(os.devnull)) as handle:
        handle.write("rows")
    with pytest.raises(InputError, match="character device, not a file"):
        outputs.check(Path(os.devnull), atomic=True)
    with pytest.raises(InputError, match="a folder"):
        outputs.check(tmp_path)
    pipe = tmp_path / "rows.fifo"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="named pipe that nothing reads"):
        outputs.open(pipe)  # refused at once, not waited on
    dangling = tmp_path / "link.csv"
    dangling.symlink_to(tmp_path / "elsewhere" / "rows.csv")
    with pytest.raises(InputError, match="already exists"):
        outputs.open(dangling)  # writing through it would create a file somewhere else
    assert not (tmp_path / "elsewhere").exists()


def test_free_names_sequence() -> None:
    names = free_names("a", ".srt")
    assert [next(names) for _ in range(3)] == ["a.srt", "a (2).srt", "a (3).srt"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "quota"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "input/output error"),
    ],
)
def test_write_failures_are_one_sentence(code: int, words: str) -> None:
    message = str(write_failure(OSError(code, os.strerror(code)), "out.csv", kept="rows before it are kept"))
    assert message.startswith("could not write out.csv: ")
    assert words in message
    assert message.endswith("(rows before it are kept)")
    assert "\n" not in message
