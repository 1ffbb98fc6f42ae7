"""CLI sinks: rows to a terminal table, JSON, JSON Lines or CSV; progress and the summary on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import psutil
import rich.console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Task as RichTask
from rich.table import Table
from rich.text import Text

from opensight._errors import InputError
from opensight._files import write_failure
from opensight._text import csv_cell, printable, printable_json
from opensight.results import Outcome, Result, cell_text

Format = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS: dict[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
#: Extensions that name another kind of file: rows are not written into them unless --format asks (a new user's
#: `read page.png -o page.srt` got a JSON row in a file named as subtitles).
_OTHER_FILES = {
    ".srt": "subtitles come from `opensight transcribe` or a sound model's `predict`",
    ".vtt": "subtitles come from `opensight transcribe` or a sound model's `predict`",
    ".parquet": "`opensight run` writes Parquet",
    ".sqlite": "`opensight run` keeps its results in SQLite",
    ".db": "`opensight run` keeps its results in SQLite",
}
#: The summary's time in all is said where starting up and loading the model took this many seconds or more (a new
#: user's trial: "in 0.8 s" for a command that took 3).
START_UP_SHOWN = 0.5


def running_for() -> float:
    """Seconds since this process started: where there is a ``/proc``, its start in clock ticks since boot against the
    machine's uptime (to a hundredth of a second); else psutil's start time, which rests on the boot time in whole
    seconds (a new user's trial: "2.7 s in all" for a command that took 2.1).

    >>> running_for() >= 0.0
    True
    """
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])  # field 22: starttime
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return max(0.0, time.time() - float(psutil.Process().create_time()))


#: When this process started, on the clock of ``time.perf_counter``.
LAUNCHED = time.perf_counter() - running_for()


class Console(rich.console.Console):
    """rich's console, except that a closed pipe (``| head``) is a :class:`BrokenPipeError` like every other
    write's, which the command group turns into a quiet exit 141 (rich itself exits 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def choose_format(requested: str | None, out: Path | None, stdout: IO[str]) -> Format:
    """The requested format; else from ``--out``'s extension; else table on a terminal, jsonl otherwise."""
    if requested is not None:
        if requested not in FORMATS:
            raise InputError(f"unknown format {requested!r}; choose one of {', '.join(FORMATS)}")
        return requested  # type: ignore[return-value]
    if out is not None:
        other = _OTHER_FILES.get(out.suffix.lower())
        if other is not None:
            raise InputError(
                f"this command writes rows, not {out.suffix} files ({other}): name the output .json, .jsonl or .csv, "
                "or give --format to write rows into it anyway"
            )
        return _EXTENSION_FORMATS.get(out.suffix.lower(), "jsonl")
    return "table" if stdout.isatty() else "jsonl"


@dataclass
class Tally:
    """Counts for the summary line."""

    processed: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)
    launched: float | None = None  # when the process started: the summary then also says the time in all
    #: Where a failed input's reason is: its row, or (text output, which has no rows) the error printed for it.
    why: str = "their rows say why"

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, verb: str, noun: str = "pictures") -> str:
        """'classified 20 of 20 pictures in 1.2 s (16.7/s)'; slower than one a second, the seconds each.

        >>> Tally(processed=1, started=time.perf_counter() - 21.0).summary("heard", "recordings")
        'heard 1 of 1 recording in 21.0 s (21.0 s each)'
        >>> Tally(failed=1, started=time.perf_counter() - 0.001).summary("classified")[:49]
        'classified 0 of 1 picture, 1 failed (their rows s'
        >>> "/s)" in Tally(failed=1).summary("classified")
        False
        >>> now = time.perf_counter()
        >>> Tally(processed=2, started=now - 1.0, launched=now - 3.0).summary("read")
        'read 2 of 2 pictures in 1.0 s (2.0/s); 3.0 s in all, with start-up and loading the model'
        """
        total = self.processed + self.failed
        rate = total / self.seconds if self.seconds > 0 else 0.0
        failed = f", {self.failed} failed ({self.why})" if self.failed else ""
        pace = f"{rate:.1f}/s" if rate >= 1 or total == 0 else f"{self.seconds / total:.1f} s each"
        noun = noun.removesuffix("s") if total == 1 else noun
        done = f"{verb} {self.processed} of {total} {noun}{failed} in {self.seconds:.1f} s"
        done = done if self.processed == 0 else f"{done} ({pace})"  # no pace for failures alone (a trial: 1839/s)
        if self.launched is not None and self.started - self.launched >= START_UP_SHOWN:
            done += f"; {time.perf_counter() - self.launched:.1f} s in all, with start-up and loading the model"
        return done


@dataclass(frozen=True)
class Row:
    """One row as every sink needs it: its fields (JSON, CSV) and its cells' text (a terminal table)."""

    fields: dict[str, Any]
    cells: dict[str, str]
    failed: bool = False

    @classmethod
    def of(cls, outcome: Outcome[Result]) -> Row:
        """The row of an outcome: the result shows itself (:meth:`~opensight.results.Result.cells`)."""
        fields = outcome.to_row()
        cells = {key: cell_text(value) for key, value in fields.items()}
        if outcome.result is not None:
            cells.update(outcome.result.cells())
        return cls(fields, cells, failed=not outcome.ok)

    @classmethod
    def plain(cls, fields: dict[str, Any]) -> Row:
        """A row that is not a task's outcome (search matches, duplicate groups)."""
        return cls(fields, {key: cell_text(value) for key, value in fields.items()})


def write_rows(
    outcomes: Iterable[Outcome[Result]],
    *,
    fmt: Format,
    stream: IO[str],
    columns: tuple[str, ...],
    tally: Tally,
    untabled: frozenset[str] = frozenset({"model"}),
) -> None:
    """Write one row per outcome to ``stream`` in ``fmt`` (streaming, except the terminal table); ``untabled``
    columns are left out of the table only."""
    write(
        (Row.of(outcome) for outcome in _count(outcomes, tally)),
        fmt=fmt,
        stream=stream,
        columns=columns,
        untabled=untabled,
    )


def write(
    rows: Iterable[Row],
    *,
    fmt: Format,
    stream: IO[str],
    columns: tuple[str, ...],
    untabled: frozenset[str] = frozenset({"model"}),
    title: str | None = None,
) -> None:
    """The one row writer: JSON Lines, a JSON array, CSV (``columns``) or a terminal table (``columns`` but the
    ``untabled`` ones, under ``title``)."""
    if fmt == "jsonl":
        for row in rows:
            stream.write(printable_json(json.dumps(row.fields, ensure_ascii=False)) + "\n")
            stream.flush()
    elif fmt == "json":
        stream.write("[")
        for index, row in enumerate(rows):
            stream.write(
                ("\n  " if index == 0 else ",\n  ") + printable_json(json.dumps(row.fields, ensure_ascii=False))
            )
        stream.write("\n]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        terminal = stream.isatty()  # a name's control characters shown, not sent (in a file: the name as it is)
        for row in rows:
            writer.writerow({key: _cell(value, terminal=terminal) for key, value in row.fields.items()})
    else:
        shown = [column for column in columns if column not in untabled | {"error"}]
        _print_table(rows, stream, shown, title)


def _count(outcomes: Iterable[Outcome[Result]], tally: Tally) -> Iterator[Outcome[Result]]:
    for outcome in outcomes:
        if outcome.ok:
            tally.processed += 1
        else:
            tally.failed += 1
        yield outcome


def _cell(value: Any, *, terminal: bool = False) -> Any:
    """A CSV cell: lists and dicts as JSON; text that a spreadsheet would run as a formula neutralised; for a
    ``terminal``, text :func:`printable`."""
    cell = csv_cell(json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value)
    return printable(cell) if terminal and isinstance(cell, str) else cell


def _print_table(rows: Iterable[Row], stream: IO[str], shown: list[str], title: str | None) -> None:
    # Every cell is a Text (never parsed as markup) of printable characters (control characters escaped).
    table = Table(title=None if title is None else Text(printable(title)), show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(column, overflow="fold", justify="right" if column == "score" else "left")
    for row in rows:
        if row.failed:  # a task's row: its path, then why it failed
            error = Text(printable(f"error: {row.fields['error']}"), style="red")
            table.add_row(_table_cell(row, "path"), error, *[""] * (len(shown) - 2))
            continue
        table.add_row(*[_table_cell(row, column) for column in shown])
    Console(file=stream, soft_wrap=False).print(table)


def _table_cell(row: Row, column: str) -> Text:
    """One cell of the terminal table: the path shortened, other cells as the row shows them."""
    if column == "path":
        return Text(printable(_short_path(str(row.fields["path"]))))
    return Text(printable(row.cells.get(column, "")))


def _short_path(path: str) -> str:
    """The path relative to the working folder when that is shorter (tables only; rows keep the path given)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return relative if len(relative) < len(path) else path


class GuardedStream(io.TextIOBase):
    """A text stream whose failed writes (disk full, a read-only or vanished file) become one
    :class:`~opensight.OutputError` sentence naming ``where``; a closed pipe (``BrokenPipeError``) stays as it is,
    for the command line to end quietly."""

    def __init__(self, stream: IO[str], where: str) -> None:
        super().__init__()
        self._stream = stream
        self.where = where

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise write_failure(error, self.where) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise write_failure(error, self.where) from None

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        return True


class _RateColumn(ProgressColumn):
    """Items a second, once the work has run a second (a few cached items done at once read "71321.6/s")."""

    def render(self, task: RichTask) -> Text:
        if (task.elapsed or 0.0) < 1.0:
            return Text("")
        return Text(f"{task.speed or 0.0:5.1f}/s")


@contextmanager
def progress_bar(total: int, *, enabled: bool, label: str) -> Iterator[Callable[..., None]]:
    """A Rich progress bar with ETA and rate on stderr. Yields ``step()``: ``step()`` advances by one,
    ``step(done, total)`` sets both (for callers that learn the total late). A no-op when disabled."""
    if not enabled:
        yield lambda done=None, total=None: None
        return
    console = Console(file=sys.stderr)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(label, total=total or None)

        def step(done: int | None = None, total: int | None = None) -> None:
            if done is None:
                progress.advance(task)
            else:
                progress.update(task, completed=done, total=total)

        yield step
