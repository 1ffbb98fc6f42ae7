"""Only regular files are read. The one place every reader asks (image decoding, audio and video, hashing for the
store, the batch engines and the picture index) before it opens a file.

A named pipe (FIFO) or a socket would make a read wait forever, ``/dev/zero`` (or a ``.jpg`` link to it) would be
read forever, and opening some devices has side effects: each is decided from ``stat``, before anything is opened,
and becomes a :class:`~opensight.DecodeError` that says what the path is. :func:`open_regular` also checks the
opened file (``fstat``), so a file swapped for a pipe between the check and the open is refused too.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> os.mkfifo(folder / "pipe.jpg")
>>> check_regular(folder / "pipe.jpg")
Traceback (most recent call last):
...
opensight._errors.DecodeError: this is a named pipe (FIFO), not a file; opensight reads only regular files
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from opensight._errors import DecodeError

_ONLY_REGULAR = "opensight reads only regular files"
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a pipe must not wait for a writer


def kind_of_file(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file).

    >>> kind_of_file(stat.S_IFIFO), kind_of_file(stat.S_IFREG)
    ('a named pipe (FIFO)', None)
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    return "not a regular file"


def not_regular_message(path: Path, mode: int) -> str | None:
    """The error for a path whose (followed) ``st_mode`` is ``mode``, or None for a regular file."""
    what = kind_of_file(mode)
    if what is None:
        return None
    if what == "a folder":
        return "this is a folder, not a file; pass the folder itself to process what is inside"
    if os.path.islink(path):
        return f"this links to {what} ({os.path.realpath(path)}), not to a file; {_ONLY_REGULAR}"
    return f"this is {what}, not a file; {_ONLY_REGULAR}"


def check_regular(path: str | os.PathLike[str]) -> os.stat_result:
    """``stat`` of ``path`` when it is a regular file (symbolic links followed); else a :class:`DecodeError` that
    says what it is: missing, a broken link, a link loop, a folder, a pipe, a socket, a device, unreadable.

    >>> check_regular("/no/such/file.jpg")
    Traceback (most recent call last):
    ...
    opensight._errors.DecodeError: no such file; check the path (is it relative to the folder you are in?)
    """
    file = Path(path)
    try:
        info = os.stat(file)
    except OSError as error:
        raise DecodeError(stat_problem(file, error)) from None
    problem = not_regular_message(file, info.st_mode)
    if problem is not None:
        raise DecodeError(problem)
    return info


def stat_problem(path: Path, error: OSError) -> str:
    """Why ``path`` cannot be read, from the ``OSError`` that ``stat`` or ``open`` raised."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop: following its links leads back to itself; fix or remove the link"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"broken symbolic link: it points to {os.readlink(path)!r}, which does not exist"
    if error.errno == errno.ENOENT:
        return "no such file; check the path (is it relative to the folder you are in?)"
    if error.errno in {errno.EACCES, errno.EPERM}:
        return "cannot read this file (permission denied); check its permissions"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of the path is a file, not a folder); check the path"
    return f"cannot read this file ({error.strerror or error}); check it"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading in binary, only if it is a regular file: checked with ``stat`` before the open, and
    with ``fstat`` on what was opened (a pipe swapped in meanwhile is refused, not waited on).

    >>> with open_regular(__file__) as handle:
    ...     len(handle.read(10))
    10
    """
    file = Path(path)
    check_regular(file)
    try:
        descriptor = os.open(file, os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise DecodeError(stat_problem(file, error)) from None
    try:
        problem = not_regular_message(file, os.fstat(descriptor).st_mode)
        if problem is not None:
            raise DecodeError(problem)
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


__all__ = ["check_regular", "kind_of_file", "not_regular_message", "open_regular", "stat_problem"]
