"""Shared by the CLI modules: option types, the row-printing driver, error exits."""

import contextlib
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path, PosixPath
from typing import IO, Annotated, Any, NoReturn, Protocol, cast

import typer

from opensight._errors import InputError, OpensightError, OutputError
from opensight._files import Outputs
from opensight._text import shown
from opensight.annotate import AnnotatedOutput
from opensight.cli._output import LAUNCHED, Console, GuardedStream, Tally, choose_format, progress_bar, write_rows
from opensight.inputs import VIDEO_EXTENSIONS, Item, check_sampling, expand_videos, is_video, iter_items
from opensight.results import Outcome, Result
from opensight.tasks import (
    Task,
)


class Sink(Protocol):
    """Something that receives each input's result as it comes (drawn copies, masks): ``add``, then ``close``."""

    def add(self, item: Item, result: Any) -> None: ...

    def close(self) -> None: ...


_err = Console(stderr=True, highlight=False, soft_wrap=True)

#: Exit status when the machine refused to take the output (disk full, read-only, unwritable): "could not finish".
EXIT_COULD_NOT_FINISH = 3
#: Exit status when the reader of standard output went away (``| head``): the command ends quietly.
EXIT_PIPE_CLOSED = 141
#: The exit statuses, for the help texts.
EXIT_STATUS = (
    "Exit status: 0 every input processed; 1 some inputs failed (their rows say why); 2 usage error (nothing was "
    "done); 3 could not finish: disk full, read-only or unwritable output (what was written before is kept); "
    "130 interrupted; 141 the reader of the output went away (| head), quietly."
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Pictures, folders (searched recursively), globs like 'shots/*.png', or - to read paths from stdin.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, jsonl when piped, or from --out's extension.",
    ),
]
#: The format of a command that prints its rows and has no ``--out`` (redirect with ``>`` to keep them).
PrintedFormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, jsonl when piped (keep the rows with > FILE).",
    ),
]


class GivenFolder(PosixPath):
    """An output named with a trailing slash: a folder, whether it exists yet or not (``-o texts/``; the slash is
    gone once it is a ``Path``, and ``read sign.png -o texts/ -f txt`` wrote a file called ``texts``)."""


def output_path(raw: str) -> Path:
    """``--out``'s value: a :class:`GivenFolder` where it ends with a slash."""
    return GivenFolder(raw) if raw.endswith("/") else Path(raw)


OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", parser=output_path, metavar="<path>", help="Write rows to this file instead of stdout."
    ),
]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Pictures per model call.")]
PROGRESS_HELP = "Progress bar with ETA on stderr. Default: on when stderr is a terminal"
ProgressOpt = Annotated[bool | None, typer.Option("--progress/--no-progress", help=f"{PROGRESS_HELP}.")]
#: ``read`` and ``transcribe`` print their text as it comes: a bar on the same terminal would cut through it.
TextProgressOpt = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help=f"{PROGRESS_HELP}, unless text (--format txt, srt, vtt) is printed to that terminal as it comes.",
    ),
]
AnnotatedOpt = Annotated[
    Path | None,
    typer.Option(
        "--save-annotated",
        help="Also write copies with the result drawn on them: into a folder, or (for videos) a .mp4 file.",
    ),
]
EveryOpt = Annotated[int | None, typer.Option("--every", min=1, help="Videos: look at every Nth frame.")]
FpsOpt = Annotated[float | None, typer.Option("--fps", min=0.001, help="Videos: look at F frames per second.")]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="A model name from `opensight models`.")]
OverwriteOpt = Annotated[
    bool,
    typer.Option(
        "--overwrite",
        help="Replace output files that already exist. Without it an existing file is never written over "
        "(pictures drawn by --save-annotated get a free name instead); an input is never written over, even with it.",
    ),
]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the store lives (cached embeddings). Default: $OPENSIGHT_HOME or ~/.local/share/opensight.",
    ),
]


def _run(
    make_task: Callable[[], Task[Any]],
    paths: list[str],
    *,
    fmt: OutputFormat | None,
    out: Path | None,
    progress: bool | None,
    verb: str,
    exit_on_finish: bool = True,
    save_annotated: Path | None = None,
    every: int | None = None,
    fps: float | None = None,
    noun: str = "pictures",
    overwrite: bool = False,
    outputs: Outputs | None = None,
    sinks: Sequence[Sink] = (),
) -> int:
    """Run a task over ``paths`` and print its rows (the body of every task command); ``sinks`` also receive each
    input's outcome (``sink.add(item, result)``, in input order), after ``--save-annotated``'s drawing. A sink's files
    follow ``outputs``, which the caller then gives here too."""
    # the files named on the command line are inputs already (folders' contents join once they are listed)
    outputs = outputs or Outputs(overwrite=overwrite)
    outputs.add_inputs([Path(path) for path in paths if path != "-"])
    try:
        check_sampling(every, fps)
        chosen = choose_format(fmt.value if fmt else None, out, sys.stdout)
        # Before the model is even loaded: an output that may not be written is a usage error, and nothing is done.
        if isinstance(out, GivenFolder):
            raise InputError(
                f"--out {out}/ names a folder, and rows go to one file: name it (rows.jsonl, rows.csv); only text and "
                "subtitles (read and transcribe with --format txt, srt or vtt) go into a folder, one file per input"
            )
        if out is not None:
            outputs.check(out)
        if save_annotated is not None:
            AnnotatedOutput.check(save_annotated, outputs)
    except OpensightError as error:
        _fail(error, 2)
    task, items = _task_and_items(make_task, paths, noun)
    outputs.add_inputs([item.path for item in items if item.path is not None])
    videos = bool(frame_by_frame(task, items))
    columns = ("path", *(("frame", "time") if videos else ()), *task.columns, "error")
    show = progress if progress is not None else (sys.stderr.isatty() and (len(items) > 1 or videos))
    tally = Tally(launched=LAUNCHED)
    drawn, opened = _open_outputs(outputs, out, save_annotated, fps)
    stream = cast(IO[str], GuardedStream(opened, "standard output" if out is None else f"the rows to {out}"))
    with (
        finishing(tally, verb, noun, opened),
        progress_bar(0 if videos else len(items), enabled=show, label=verb) as step,
    ):
        try:
            sampled = expand_videos(items, every=every, fps=fps) if videos else items
            outcomes = _drawn_as_they_come(task, sampled, step, [*([drawn] if drawn else []), *sinks])
            write_rows(
                outcomes, fmt=chosen, stream=stream, columns=columns, tally=tally, untabled=task.result_type.untabled
            )
            stream.flush()
        finally:
            for sink in [*([drawn] if drawn else []), *sinks]:
                sink.close()
    _err.print(tally.summary(verb, noun) + (f"; rows in {shown(out)}" if out else ""))
    code = 1 if tally.failed else 0
    if exit_on_finish and code:
        raise typer.Exit(code)
    return code


def _open_outputs(
    outputs: Outputs, out: Path | None, save_annotated: Path | None, fps: float | None
) -> tuple[AnnotatedOutput | None, IO[str]]:
    """Where the drawings and the rows go (exit 2 with the reason when they cannot be opened)."""
    drawn: AnnotatedOutput | None = None
    try:
        if save_annotated is not None:
            drawn = AnnotatedOutput(save_annotated, fps=fps, outputs=outputs, note=_note)
        opened = sys.stdout if out is None else outputs.open(out, "w", newline="")
    except OpensightError as error:
        if drawn is not None:
            drawn.close()  # an annotated video claimed but never written is removed
        _fail(error, 2)
    return drawn, opened


def _drawn_as_they_come(
    task: Task[Any], items: Iterable[Item], step: Callable[..., None], sinks: Sequence[Sink]
) -> Iterator[Outcome[Result]]:
    """The task's outcomes in input order, each advancing the progress bar and given to the sinks (drawn, ...)."""
    pending: deque[Item] = deque()

    def remembered() -> Iterator[Item]:
        for item in items:
            pending.append(item)
            yield item

    for outcome in task.stream(remembered()):
        item = pending.popleft()  # outcomes come back in input order
        step()
        for sink in sinks:
            sink.add(item, outcome.result)
        yield outcome


@contextlib.contextmanager
def finishing(tally: Tally, verb: str, noun: str, opened: IO[str]) -> Iterator[None]:
    """The end of every batch command, written once: Ctrl+C prints the tally so far and exits 130; a write the
    machine refused prints one sentence and the tally and exits 3 (what was written stays); an output file is
    closed either way."""
    try:
        yield
    except KeyboardInterrupt:
        _err.print(f"interrupted: {tally.summary(verb, noun)}")
        raise typer.Exit(130) from None
    except OutputError as error:
        _err.print(f"[red]error:[/red] {shown(error)}")
        _err.print(f"stopped: {tally.summary(verb, noun)}; what was written before this is kept")
        raise typer.Exit(EXIT_COULD_NOT_FINISH) from None
    finally:
        if opened is not sys.stdout:
            with contextlib.suppress(OSError):  # a failed flush was reported above
                opened.close()


def _note(message: str) -> None:
    """A note on stderr (a name chosen instead of the one asked for, ...)."""
    _err.print(f"[yellow]note:[/yellow] {shown(message)}")


def frame_by_frame(task: Task[Any], items: list[Item]) -> list[Item]:
    """The videos among ``items`` that ``task`` looks at frame by frame: a picture task's (a task that takes videos
    whole, transcribe, gets the file)."""
    return [] if VIDEO_EXTENSIONS & task.extensions else [item for item in items if is_video(item)]


def _task_and_items(make_task: Callable[[], Task[Any]], paths: list[str], noun: str) -> tuple[Task[Any], list[Item]]:
    """Load the task and list its inputs (paths only: nothing is decoded yet); exit 2 on a usage error and 1 when
    there is nothing to do."""
    try:
        task = make_task()
        items = list(iter_items(paths, extensions=task.extensions))
    except OpensightError as error:
        _fail(error, 2)
    if not items:
        _fail(f"no {noun} found in {', '.join(paths)} (looked for {', '.join(sorted(task.extensions))})", 1)
    return task, items


def _store_path(data_dir: Path | None) -> Path | None:
    return None if data_dir is None else data_dir / "opensight.sqlite"


def _fail(error: OpensightError | str, code: int) -> NoReturn:
    """Print the error (as text: markup and control characters escaped) and exit with ``code`` — or with 3
    ("could not finish") whatever ``code`` says, when the machine refused a write (:class:`OutputError`)."""
    _err.print(f"[red]error:[/red] {shown(error)}")
    raise typer.Exit(EXIT_COULD_NOT_FINISH if isinstance(error, OutputError) else code)
