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

from rich.console import Console
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
from opensight._text import csv_cell, printable
from opensight.results import Outcome, Result

Format = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS: dict[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}


def choose_format(requested: str | None, out: Path | None, stdout: IO[str]) -> Format:
    """The requested format; else from ``--out``'s extension; else table on a terminal, jsonl otherwise."""
    if requested is not None:
        if requested not in FORMATS:
            raise InputError(f"unknown format {requested!r}; choose one of {', '.join(FORMATS)}")
        return requested  # type: ignore[return-value]
    if out is not None:
        return _EXTENSION_FORMATS.get(out.suffix.lower(), "jsonl")
    return "table" if stdout.isatty() else "jsonl"


@dataclass
class Tally:
    """Counts for the summary line."""

    processed: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, verb: str, noun: str = "pictures") -> str:
        total = self.processed + self.failed
        rate = total / self.seconds if self.seconds > 0 else 0.0
        failed = f", {self.failed} failed (their rows say why)" if self.failed else ""
        return f"{verb} {self.processed} of {total} {noun}{failed} in {self.seconds:.1f} s ({rate:.1f}/s)"


def write_rows(
    outcomes: Iterable[Outcome[Result]],
    *,
    fmt: Format,
    stream: IO[str],
    columns: tuple[str, ...],
    tally: Tally,
) -> None:
    """Write one row per outcome to ``stream`` in ``fmt`` (streaming, except the terminal table)."""
    counted = _count(outcomes, tally)
    if fmt == "jsonl":
        for outcome in counted:
            stream.write(outcome.to_json() + "\n")
            stream.flush()
    elif fmt == "json":
        stream.write("[")
        for index, outcome in enumerate(counted):
            stream.write(("\n  " if index == 0 else ",\n  ") + outcome.to_json())
        stream.write("\n]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for outcome in counted:
            writer.writerow({key: _cell(value) for key, value in outcome.to_row().items()})
    else:
        _print_table(counted, stream, columns)


def _count(outcomes: Iterable[Outcome[Result]], tally: Tally) -> Iterator[Outcome[Result]]:
    for outcome in outcomes:
        if outcome.ok:
            tally.processed += 1
        else:
            tally.failed += 1
        yield outcome


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON; text that a spreadsheet would run as a formula neutralised."""
    return csv_cell(json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value)


def _print_table(outcomes: Iterable[Outcome[Result]], stream: IO[str], columns: tuple[str, ...]) -> None:
    # detections: 'counts' sums them up; coverage (tag): printed once above the table.
    # Every cell is a Text (never parsed as markup) of printable characters (control characters escaped).
    shown = [c for c in columns if c not in {"error", "model", "detections", "coverage"}]
    table = Table(show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(column, overflow="fold", justify="right" if column == "score" else "left")
    for outcome in outcomes:
        row = outcome.to_row()
        path = Text(printable(_short_path(row["path"])))
        if not outcome.ok:
            error = Text(printable(f"error: {row['error']}"), style="red")
            table.add_row(path, error, *[""] * (len(shown) - 2))
            continue
        table.add_row(path, *[Text(printable(_summarise(row.get(column)))) for column in shown[1:]])
    Console(file=stream, soft_wrap=False).print(table)


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


def _summarise(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list) and value and isinstance(value[0], dict) and "label" in value[0]:
        return ", ".join(f"{entry['label']} {entry['score']:.2f}" for entry in value[1:4]) or "—"
    if isinstance(value, list) and value and isinstance(value[0], dict) and "name" in value[0]:
        return ", ".join(
            entry["name"] + ("" if entry["distance"] is None else f" ({entry['distance']:.2f})") for entry in value
        )
    if isinstance(value, list) and value and isinstance(value[0], dict) and "landmarks" in value[0]:
        return f"{len(value)} face(s)"
    if isinstance(value, list) and value and isinstance(value[0], dict) and "polygon" in value[0]:
        return f"{len(value)} line(s)"
    if isinstance(value, list) and value and isinstance(value[0], dict) and "keypoints" in value[0]:
        return ", ".join(f"person (score {entry['score']:.2f})" for entry in value)
    if isinstance(value, dict):
        return ", ".join(f"{count} × {label}" for label, count in value.items()) or "nothing found"
    if isinstance(value, list) and not value:
        return "none"
    if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
        return ", ".join(value)
    if isinstance(value, list):
        return f"[{len(value)} values]"
    return "" if value is None else str(value)


class _RateColumn(ProgressColumn):
    def render(self, task: RichTask) -> Text:
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
