"""Every ``OPENSIGHT_*`` setting, read and validated here and nowhere else.

=========================== ==================================================== ==============================
variable                    what it sets                                         default
=========================== ==================================================== ==============================
``OPENSIGHT_HOME``          the data dir (the store, Studio projects)            ``~/.local/share/opensight``
``OPENSIGHT_CACHE``         the cache (exported ONNX graphs, demo pictures)      ``~/.cache/opensight``
``OPENSIGHT_THREADS``       threads one model may use                            the number of cores
``OPENSIGHT_MAX_PIXELS``    the decompression-bomb limit, in pixels              179 megapixels
``OPENSIGHT_DRAFT_HEADROOM`` how much bigger than needed a JPEG draft decodes    4
``OPENSIGHT_TOKEN``         the token ``serve``/``studio`` ask for               none
=========================== ==================================================== ==============================

Each function reads its variable when called (a long-running process sees a changed value; reading is cheap), and
a bad value is an :class:`~opensight._errors.InputError` naming the variable. :func:`check_all` reads them all
at once but the folders (made where they are first used, not by every command), so a command refuses a bad setting
before it starts work (every CLI command does). A process that must use fewer threads than
the variable says (a Ray actor sharing a machine) calls :func:`limit_threads`: a parameter, never written back
into the environment.

>>> check_all().threads >= 1
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from opensight._errors import InputError

#: Pictures above this many pixels are refused (where Pillow itself calls a decompression bomb an error).
DEFAULT_MAX_PIXELS = 2 * 89_478_485
#: How much larger than the needed side a draft-decoded JPEG stays. Measured by bench/classify.py on 4000×3000
#: photos: 1 is fastest, but the reduced-scale decode then flips near-tied top-1 answers on ~2% of photos vs a full
#: decode; 4 keeps ≥ 99% identical at ~6× the peer's speed.
DEFAULT_DRAFT_HEADROOM = 4

_thread_limit: int | None = None


def cache_dir() -> Path:
    """The cache directory: ``$OPENSIGHT_CACHE`` or ``~/.cache/opensight`` (created on demand).

    >>> cache_dir().is_dir()
    True
    """
    return _directory("OPENSIGHT_CACHE", platformdirs.user_cache_dir("opensight"))


def data_dir() -> Path:
    """The data directory holding the store: ``$OPENSIGHT_HOME`` or ``~/.local/share/opensight``.

    >>> data_dir().is_dir()
    True
    """
    return _directory("OPENSIGHT_HOME", platformdirs.user_data_dir("opensight"))


def thread_count() -> int:
    """Threads one model may use: ``OPENSIGHT_THREADS`` or the number of cores, at most :func:`limit_threads`'s."""
    configured = _whole_number("OPENSIGHT_THREADS", "a positive whole number")
    threads = configured or os.cpu_count() or 1
    return min(threads, _thread_limit) if _thread_limit else threads


def limit_threads(threads: int | None) -> None:
    """Let every model loaded later in this process use at most ``threads`` threads (None: no limit).

    >>> limit_threads(1); thread_count()
    1
    >>> limit_threads(None)
    """
    global _thread_limit
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InputError(f"threads must be a positive whole number, got {threads!r}")
    _thread_limit = threads


def max_pixels() -> int:
    """The decompression-bomb limit in pixels: ``OPENSIGHT_MAX_PIXELS`` or Pillow's threshold."""
    return _whole_number("OPENSIGHT_MAX_PIXELS", "a whole number of pixels") or DEFAULT_MAX_PIXELS


def draft_headroom() -> int:
    """``OPENSIGHT_DRAFT_HEADROOM`` or :data:`DEFAULT_DRAFT_HEADROOM` (1 = fastest, larger = closer to a full
    decode)."""
    return _whole_number("OPENSIGHT_DRAFT_HEADROOM", "a whole number ≥ 1") or DEFAULT_DRAFT_HEADROOM


def token() -> str | None:
    """``OPENSIGHT_TOKEN`` when set and not empty: the token ``serve`` and ``studio`` ask for."""
    return os.environ.get("OPENSIGHT_TOKEN") or None


@dataclass(frozen=True)
class Settings:
    """Every setting but the folders at one moment (:func:`check_all`)."""

    threads: int
    max_pixels: int
    draft_headroom: int
    token_set: bool


def check_all() -> Settings:
    """Read and check every setting but the folders now; the first bad one raises :class:`InputError` naming it."""
    return Settings(
        threads=thread_count(),
        max_pixels=max_pixels(),
        draft_headroom=draft_headroom(),
        token_set=token() is not None,
    )


def _directory(variable: str, default: str) -> Path:
    configured = os.environ.get(variable)
    path = Path(configured).expanduser() if configured else Path(default)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(
            f"{variable} must be a folder, but {path} (or a folder above it) is a file; set {variable} to a folder"
        ) from None
    return path


def _whole_number(variable: str, wanted: str) -> int | None:
    """The variable as a whole number ≥ 1; None when unset or empty."""
    configured = os.environ.get(variable, "")
    if not configured:
        return None
    if not (configured.isascii() and configured.isdigit()) or int(configured) < 1:  # "²".isdigit() is True
        raise InputError(f"{variable} must be {wanted}, got {configured!r}")
    return int(configured)
