"""Source expansion: files, folders (recursive, sorted, case-insensitive), globs, stdin, in-memory images."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from opensight import InputError
from opensight.inputs import Item, is_single, iter_items
from tests.conftest import as_unprivileged


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["b.JPG", "a.png", "notes.txt", ".hidden.jpg", "sub/c.jpeg", "sub/deeper/d.WebP", ".git/e.jpg"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    return tmp_path


def _names(items: list[Item], root: Path) -> list[str]:
    return [os.path.relpath(item.name, root) for item in items]


def test_folder_is_walked_recursively_sorted_and_case_insensitive(tree: Path) -> None:
    assert _names(list(iter_items(tree)), tree) == ["a.png", "b.JPG", "sub/c.jpeg", "sub/deeper/d.WebP"]


def test_the_files_a_walk_passes_over_are_told_where_asked(tree: Path) -> None:
    passed_over: list[Path] = []
    assert len(list(iter_items(tree, passed_over=passed_over))) == 4
    assert passed_over == [tree / "notes.txt"]  # hidden files and folders are neither taken nor passed over


def test_a_file_named_directly_is_always_tried(tree: Path) -> None:
    items = list(iter_items([tree / "notes.txt"]))
    assert [item.path for item in items] == [tree / "notes.txt"]


def test_globs_expand_and_recurse(tree: Path) -> None:
    assert _names(list(iter_items(str(tree / "**" / "*.jp*g"))), tree) == ["sub/c.jpeg"]
    assert _names(list(iter_items(str(tree / "*.png"))), tree) == ["a.png"]
    (missing,) = iter_items(str(tree / "*.gif"))
    assert missing.problem is not None
    assert "no file matches" in missing.problem


def test_stdin_lists_paths_one_per_line(tree: Path) -> None:
    stdin = io.StringIO(f"{tree / 'a.png'}\n\n{tree / 'sub'}\n")
    assert _names(list(iter_items("-", stdin=stdin)), tree) == ["a.png", "sub/c.jpeg", "sub/deeper/d.WebP"]


def test_in_memory_images_get_stable_names() -> None:
    items = list(iter_items([np.zeros((4, 4, 3), np.uint8), Image.new("RGB", (2, 2))]))
    assert [item.name for item in items] == ["<image 0>", "<image 1>"]
    assert all(item.image is not None for item in items)


def test_missing_path_becomes_an_item_that_fails_later(tmp_path: Path) -> None:
    (item,) = iter_items(tmp_path / "nope.jpg")
    assert item.path == tmp_path / "nope.jpg"


def test_unreadable_folder_becomes_a_problem_item(open_tmp: Path) -> None:
    (open_tmp / "ok.jpg").write_bytes(b"x")
    (open_tmp / "locked").mkdir()
    (open_tmp / "locked" / "hidden.jpg").write_bytes(b"x")
    (open_tmp / "locked").chmod(0)

    def listing() -> str:
        return json.dumps([[os.path.basename(item.name), item.problem] for item in iter_items(open_tmp)])

    items = json.loads(as_unprivileged(listing))
    assert items == [  # a folder's files come before its sub-folders
        ["ok.jpg", None],
        ["locked", "cannot list this folder (Permission denied); check its permissions"],
    ]


def test_wrong_types_are_refused_with_guidance() -> None:
    with pytest.raises(InputError, match="pass a path"):
        list(iter_items([42]))  # type: ignore[list-item]
    with pytest.raises(InputError, match="expected a path"):
        list(iter_items(3.5))  # type: ignore[arg-type]


def test_is_single(tree: Path) -> None:
    assert is_single(str(tree / "a.png"))
    assert is_single(np.zeros((2, 2)))
    assert not is_single(str(tree))
    assert not is_single("*.jpg")
    assert not is_single("-")
    assert not is_single([str(tree / "a.png")])
