"""Writing files. The one place of the rule **originals are never touched**: nothing opensight writes replaces a file
that this run did not create itself unless ``overwrite`` is asked for, and never one of the inputs, asked or not.

Every writer (rows files, drawn copies, subtitles, ``.osm`` models, HTML reports, exports) goes through
:class:`Outputs`: ``check`` before any work (a usage error: exit 2), then ``open`` (created exclusively, with
``O_EXCL``, so a file that appears meanwhile is not overwritten either), ``new_file`` (the first free name) or
``atomic`` (a temporary file renamed into place: readers see the old file or the complete new one). When the machine
refuses (disk full, read-only folder, no permission), :func:`write_failure` turns the ``OSError`` into one sentence
(an :class:`~opensight.OutputError`: exit 3).

>>> folder = Path(tempfile.mkdtemp())
>>> outputs = Outputs()
>>> with outputs.open(folder / "rows.jsonl") as handle:
...     _ = handle.write("{}\\n")
>>> Outputs().check(folder / "rows.jsonl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
opensight._errors.InputError: .../rows.jsonl already exists; choose another path or pass --overwrite (overwrite=True ...
>>> with Outputs().new_file(folder, "rows", ".jsonl") as (path, handle):
...     _ = handle.write(b"{}\\n")
>>> path.name
'rows (2).jsonl'
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal

from opensight._errors import InputError, OutputError
from opensight.inputs._regular import kind_of_file

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: What to do when a target exists (the end of every "already exists" message).
OVERWRITE_HINT = "choose another path or pass --overwrite (overwrite=True in Python)"
_ELSEWHERE = "choose another path"

#: errno → (what happened, what to do): the sentences for a refused write.
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space or choose a folder on another disk, then run again"),
    errno.EDQUOT: ("your disk quota is used up", "free some space or choose another folder, then run again"),
    errno.EROFS: ("the file system is read-only", "choose a folder you can write to"),
    errno.EACCES: ("permission denied", "choose a folder you can write to, or change its permissions"),
    errno.EPERM: ("the operation is not permitted", "choose a folder you can write to, or change its permissions"),
    errno.EIO: ("the device reported an input/output error", "check the disk, then run again"),
    errno.EFBIG: ("the file is too large for this file system", "choose a folder on another disk"),
    errno.ENOENT: ("its folder does not exist", "create the folder first or choose another path"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "choose another path"),
    errno.EISDIR: ("it is a folder", "give a file name"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter name"),
}


def write_failure(error: OSError, what: object, *, kept: str = "") -> OutputError:
    """One sentence for a write the machine refused: what happened, what to do, and (``kept``) what is intact.

    >>> print(write_failure(OSError(errno.ENOSPC, "No space left on device"), "rows.csv"))
    could not write rows.csv: the disk is full; free some space or choose a folder on another disk, then run again
    """
    reason, advice = _REASONS.get(
        error.errno or 0, (error.strerror or str(error) or type(error).__name__, "check the path and try again")
    )
    return OutputError(f"could not write {what}: {reason}; {advice}{f' ({kept})' if kept else ''}")


def _kind(mode: int) -> str:
    return kind_of_file(mode) or "a regular file"


class Outputs:
    """The files one run writes, and the rule for each of them.

    ``overwrite``: an existing file that is not an input may be replaced (``--overwrite``). ``inputs``: the files
    the run reads; they are never written over. Files created through this object are this run's own (``created``)
    and may be written again.
    """

    def __init__(self, *, overwrite: bool = False, inputs: Iterable[Path] = ()) -> None:
        self.overwrite = overwrite
        self.created: set[str] = set()
        self._inputs: list[Iterable[Path]] = [inputs]
        self._input_ids: set[tuple[int, int]] | None = None

    def add_inputs(self, paths: Iterable[Path]) -> None:
        """Also protect ``paths`` (iterated once, lazily: the first time an existing target is compared with them)."""
        self._inputs.append(paths)
        if self._input_ids is not None:
            self._input_ids |= _identities(paths)
            self._inputs = []

    def is_input(self, target: Path) -> bool:
        """True when ``target`` is (the same file as) one of the inputs."""
        try:
            info = os.stat(target)
        except OSError:
            return False
        if self._input_ids is None:
            self._input_ids = set()
            for paths in self._inputs:
                self._input_ids |= _identities(paths)
            self._inputs = []
        return (info.st_dev, info.st_ino) in self._input_ids

    def ours(self, target: Path) -> bool:
        """True when this run created ``target``."""
        return os.path.abspath(target) in self.created

    def check(self, target: Path, *, atomic: bool = False) -> Path:
        """Say now (an :class:`InputError`) if ``target`` may not be written: it is an input, a folder, an existing
        file without ``overwrite`` — or, for an ``atomic`` write, not a regular file. Devices and pipes (``-o
        /dev/null``) may be written to in place.

        >>> Outputs().check(Path(tempfile.mkdtemp()) / "new.csv").name
        'new.csv'
        """
        try:
            os.lstat(target)
        except OSError:
            return target  # absent (or unreachable: the write itself will say why)
        if self.ours(target):
            return target
        if self.is_input(target):
            raise InputError(f"{target} is one of the inputs; opensight never writes over an input: {_ELSEWHERE}")
        try:
            mode: int | None = os.stat(target).st_mode
        except OSError:
            mode = None  # a dangling or looping symbolic link: writing through it would create a file elsewhere
        if mode is not None and stat.S_ISDIR(mode):
            raise InputError(f"{target} is a folder; give a file name")
        if mode is not None and not stat.S_ISREG(mode):
            if atomic:
                raise InputError(f"{target} is {_kind(mode)}, not a file; choose a file path")
            return target
        if not self.overwrite:
            raise InputError(f"{target} already exists; {OVERWRITE_HINT}")
        return target

    def _replaceable(self, target: Path) -> bool:
        """True when ``target`` exists and ``check`` allows writing over it (ours, asked to, or a device/pipe)."""
        if not os.path.lexists(target):
            return False
        self.check(target)
        return True

    def open(self, target: Path, mode: Literal["w", "wb"] = "w", *, newline: str | None = None) -> IO[Any]:
        """Open ``target`` for writing under the rule: created exclusively unless it may be replaced.

        An ``InputError`` when it may not be written; an ``OutputError`` when the machine refuses.
        """
        try:
            replaceable = self._replaceable(target)
            if replaceable and not _is_regular(target):
                # a device or a pipe is written to, never "ours"; a pipe nobody reads is refused, not waited on
                descriptor = os.open(target, os.O_WRONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
                os.set_blocking(descriptor, True)
                return os.fdopen(descriptor, mode, encoding=None if "b" in mode else "utf-8", newline=newline)
            if replaceable:
                handle: IO[Any] = open(target, mode, encoding=None if "b" in mode else "utf-8", newline=newline)  # noqa: SIM115
            else:
                descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
                handle = os.fdopen(descriptor, mode, encoding=None if "b" in mode else "utf-8", newline=newline)
        except FileExistsError:  # it appeared since the check: still not ours
            raise InputError(f"{target} already exists; {OVERWRITE_HINT}") from None
        except OSError as error:
            if error.errno == errno.ENXIO:
                raise InputError(f"{target} is a named pipe that nothing reads; start its reader first") from None
            raise write_failure(error, target) from None
        self.created.add(os.path.abspath(target))
        return handle

    @contextlib.contextmanager
    def new_file(
        self, folder: Path, stem: str, suffix: str, *, tag: str | None = None, tagged: str | None = None
    ) -> Iterator[tuple[Path, BinaryIO]]:
        """Create the first free name in ``folder`` exclusively (:func:`free_names`: ``stem+suffix``, then with
        ``tag`` ``tagged.tag+suffix``, then ``… (2)+suffix``, ``(3)``, …) and yield ``(path, binary handle)``. A name
        that exists is taken only with ``overwrite`` and when it is neither an input nor written earlier in this run.
        If the block fails the file is removed (it is ours) and an ``OSError`` becomes an :class:`OutputError`."""
        path, handle = self._claim_free(folder, free_names(stem, suffix, tag=tag, tagged=tagged))
        try:
            with handle:
                yield path, handle
        except OSError as error:
            with contextlib.suppress(OSError):
                path.unlink()
            self.created.discard(os.path.abspath(path))
            raise write_failure(error, path) from None
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()
            self.created.discard(os.path.abspath(path))
            raise

    def _claim_free(self, folder: Path, names: Iterator[str]) -> tuple[Path, BinaryIO]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise write_failure(error, folder) from None
        for name in names:
            target = folder / name
            if os.path.lexists(target):
                if self.ours(target) or not self.overwrite or self.is_input(target):
                    continue
                try:
                    mode = os.stat(target).st_mode
                except OSError:
                    continue
                if not stat.S_ISREG(mode):
                    continue
                try:
                    handle: BinaryIO = open(target, "wb")  # noqa: SIM115
                except OSError as error:
                    raise write_failure(error, target) from None
            else:
                try:
                    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
                except FileExistsError:
                    continue  # taken meanwhile: the next name
                except OSError as error:
                    raise write_failure(error, target) from None
                handle = os.fdopen(descriptor, "wb")
            self.created.add(os.path.abspath(target))
            return target, handle
        raise AssertionError("free_names is endless")  # pragma: no cover

    @contextlib.contextmanager
    def atomic(self, target: Path) -> Iterator[Path]:
        """:func:`atomic_target` under the rule: ``target`` is checked first, and the final rename does not replace
        a file that appeared meanwhile (unless it may be replaced)."""
        self.check(target, atomic=True)
        replace = self.overwrite or self.ours(target)
        try:
            with atomic_target(target, overwrite=replace) as temporary:
                yield temporary
        except FileExistsError:
            raise InputError(f"{target} already exists; {OVERWRITE_HINT}") from None
        except OSError as error:
            raise write_failure(error, target, kept="nothing was changed") from None
        self.created.add(os.path.abspath(target))

    def write_bytes(self, target: Path, data: bytes) -> Path:
        """Write ``data`` to ``target`` under the rule, atomically: a refused write leaves the old file (if any) as
        it was and no half-written one."""
        with self.atomic(target) as temporary:
            temporary.write_bytes(data)
        return target

    def write_text(self, target: Path, text: str) -> Path:
        """:meth:`write_bytes` for text (UTF-8)."""
        return self.write_bytes(target, text.encode("utf-8"))


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # a dangling link: treated like a file (and refused without overwrite)


def _identities(paths: Iterable[Path]) -> set[tuple[int, int]]:
    """(device, inode) of each path that exists: the same file under any name or link."""
    found: set[tuple[int, int]] = set()
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            found.add((info.st_dev, info.st_ino))
    return found


def free_names(stem: str, suffix: str, *, tag: str | None = None, tagged: str | None = None) -> Iterator[str]:
    """Candidate names, best first, without end: ``stem+suffix``, then (with ``tag``) ``tagged.tag+suffix``
    (``tagged`` defaults to ``stem``), then numbered.

    >>> names = free_names("photo", ".png", tag="annotated")
    >>> [next(names) for _ in range(4)]
    ['photo.png', 'photo.annotated.png', 'photo.annotated (2).png', 'photo.annotated (3).png']
    >>> [next(free_names("photo", ".png", tag="annotated", tagged="photo.bmp")) for _ in range(1)]
    ['photo.png']
    """
    yield f"{stem}{suffix}"
    base = f"{tagged or stem}.{tag}" if tag else stem
    if tag:
        yield f"{base}{suffix}"
    number = 2
    while True:
        yield f"{base} ({number}){suffix}"
        number += 1


@contextlib.contextmanager
def atomic_target(target: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block succeeds, give it ordinary permissions and move it to
    ``target``; when it fails, delete it. With ``overwrite=False`` the move is a hard link, which fails with
    ``FileExistsError`` rather than replace a file that exists by then (no check-then-write race). A target that
    exists and is not a regular file (a device, a pipe) is never replaced.

    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_target(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (folder / "a.txt").read_text()
    'done'
    """
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{target} is {_kind(mode)}, not a file; choose a file path")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
        if overwrite:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise
            except OSError as error:
                if error.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV}:
                    raise
                if os.path.lexists(target):  # no hard links here: check, then rename (a window of microseconds)
                    raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
                os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


__all__ = ["OVERWRITE_HINT", "Outputs", "atomic_target", "free_names", "write_failure"]
