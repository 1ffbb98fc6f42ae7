"""Every ``OPENSIGHT_*`` setting: its default, a good value, and a bad value that names the variable
(``opensight._settings``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from opensight import InputError
from opensight._settings import (
    DEFAULT_DRAFT_HEADROOM,
    DEFAULT_MAX_PIXELS,
    Settings,
    cache_dir,
    check_all,
    data_dir,
    draft_headroom,
    limit_threads,
    max_pixels,
    thread_count,
    token,
)

VARIABLES = (
    "OPENSIGHT_HOME",
    "OPENSIGHT_CACHE",
    "OPENSIGHT_THREADS",
    "OPENSIGHT_MAX_PIXELS",
    "OPENSIGHT_DRAFT_HEADROOM",
    "OPENSIGHT_TOKEN",
)
NUMBERS: dict[str, Callable[[], int]] = {
    "OPENSIGHT_THREADS": thread_count,
    "OPENSIGHT_MAX_PIXELS": max_pixels,
    "OPENSIGHT_DRAFT_HEADROOM": draft_headroom,
}


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No OPENSIGHT_* variable set, the user's folders under tmp_path, and no thread limit before or after."""
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    limit_threads(None)
    yield
    limit_threads(None)


def test_defaults(tmp_path: Path) -> None:
    assert cache_dir() == tmp_path / "xdg-cache" / "opensight"
    assert data_dir() == tmp_path / "xdg-data" / "opensight"
    assert cache_dir().is_dir()
    assert data_dir().is_dir()
    assert thread_count() == (os.cpu_count() or 1)
    assert max_pixels() == DEFAULT_MAX_PIXELS == 178_956_970
    assert draft_headroom() == DEFAULT_DRAFT_HEADROOM == 4
    assert token() is None


def test_empty_is_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in VARIABLES:
        monkeypatch.setenv(variable, "")
    assert check_all() == Settings(
        threads=os.cpu_count() or 1,
        max_pixels=DEFAULT_MAX_PIXELS,
        draft_headroom=DEFAULT_DRAFT_HEADROOM,
        token_set=False,
    )
    assert not (tmp_path / "xdg-data").exists()  # every command checks the settings: none makes the folders
    assert data_dir() == tmp_path / "xdg-data" / "opensight"
    assert cache_dir() == tmp_path / "xdg-cache" / "opensight"


def test_folders_are_made_on_demand(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENSIGHT_CACHE", str(tmp_path / "deep" / "cache"))
    monkeypatch.setenv("OPENSIGHT_HOME", "~/opensight-data")
    assert cache_dir() == tmp_path / "deep" / "cache"
    assert cache_dir().is_dir()
    assert data_dir() == tmp_path / "home" / "opensight-data"  # ~ is the user's home
    assert data_dir().is_dir()


@pytest.mark.parametrize("variable", ["OPENSIGHT_HOME", "OPENSIGHT_CACHE"])
def test_a_folder_setting_that_names_a_file(variable: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    read = data_dir if variable == "OPENSIGHT_HOME" else cache_dir
    (tmp_path / "notes.txt").write_text("not a folder")
    for where in (tmp_path / "notes.txt", tmp_path / "notes.txt" / "inside"):
        monkeypatch.setenv(variable, str(where))
        with pytest.raises(InputError, match=rf"^{variable} must be a folder, but .*notes.txt.* is a file"):
            read()


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("OPENSIGHT_THREADS", "3", 3),
        ("OPENSIGHT_THREADS", "1", 1),
        ("OPENSIGHT_MAX_PIXELS", "1000", 1000),
        ("OPENSIGHT_MAX_PIXELS", "400000000", 400_000_000),
        ("OPENSIGHT_DRAFT_HEADROOM", "1", 1),
        ("OPENSIGHT_DRAFT_HEADROOM", "08", 8),
    ],
)
def test_good_numbers(variable: str, value: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    assert NUMBERS[variable]() == expected


@pytest.mark.parametrize("variable", NUMBERS)
@pytest.mark.parametrize("value", ["0", "-2", "2.5", "four", " 4", "4 ", "1e6", "²", "٣"])
def test_bad_numbers_name_the_variable(variable: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(InputError, match=rf"^{variable} must be a .*, got {value!r}$"):
        NUMBERS[variable]()
    with pytest.raises(InputError, match=variable):
        check_all()


def test_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_TOKEN", "s3cret")
    assert token() == "s3cret"
    assert check_all().token_set
    assert "s3cret" not in repr(check_all())  # the settings say whether, never what


def test_settings_are_read_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_THREADS", "2")
    assert thread_count() == 2
    monkeypatch.setenv("OPENSIGHT_THREADS", "5")
    assert thread_count() == 5


def test_limit_threads_caps_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_THREADS", "8")
    limit_threads(2)
    assert thread_count() == 2
    assert check_all().threads == 2
    assert os.environ["OPENSIGHT_THREADS"] == "8"  # a parameter, never written into the environment
    monkeypatch.setenv("OPENSIGHT_THREADS", "1")
    assert thread_count() == 1  # a limit never raises the count
    limit_threads(None)
    assert thread_count() == 1
    monkeypatch.delenv("OPENSIGHT_THREADS")
    assert thread_count() == (os.cpu_count() or 1)


@pytest.mark.parametrize("bad", [0, -1, True, 2.5, "2"])
def test_limit_threads_refuses_what_is_not_a_count(bad: object) -> None:
    with pytest.raises(InputError, match=r"threads must be a positive whole number"):
        limit_threads(bad)  # type: ignore[arg-type]
    assert thread_count() == (os.cpu_count() or 1)  # the refused limit was not kept


def test_check_all_reports_the_first_bad_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_DRAFT_HEADROOM", "0")
    monkeypatch.setenv("OPENSIGHT_THREADS", "many")
    with pytest.raises(InputError, match=r"^OPENSIGHT_THREADS"):
        check_all()
    monkeypatch.setenv("OPENSIGHT_THREADS", "2")
    with pytest.raises(InputError, match=r"^OPENSIGHT_DRAFT_HEADROOM"):
        check_all()
    monkeypatch.setenv("OPENSIGHT_DRAFT_HEADROOM", "2")
    settings = check_all()
    assert (settings.threads, settings.draft_headroom, settings.token_set) == (2, 2, False)
