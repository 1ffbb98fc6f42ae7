"""``opensight read`` (text in pictures) and ``opensight transcribe`` (speech to text), with their plain-text
and subtitle formats beside the usual rows."""

import contextlib
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, cast

import typer

from opensight._errors import OpensightError
from opensight._files import Outputs, free_names, write_failure
from opensight._text import first_few, printable, shown
from opensight.annotate import AnnotatedOutput
from opensight.cli._common import (
    EXIT_COULD_NOT_FINISH,
    AnnotatedOpt,
    BatchOpt,
    EveryOpt,
    FpsOpt,
    GivenFolder,
    OutputFormat,
    OverwriteOpt,
    PathsArg,
    TextProgressOpt,
    _drawn_as_they_come,
    _err,
    _fail,
    _note,
    _run,
    _task_and_items,
    finishing,
    frame_by_frame,
    output_path,
)
from opensight.cli._output import LAUNCHED, GuardedStream, Tally, progress_bar
from opensight.inputs import Item
from opensight.tasks import DEFAULT_BATCH_SIZE, Task, TextReader, Transcriber
from opensight.tasks.transcribe import subtitles


class ReadFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    txt = "txt"


#: ``--out`` for commands that also write subtitles and plain text: a file, or a folder for one text file per input.
TextOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        parser=output_path,
        metavar="<path>",
        help="Write to this file instead of stdout, in the format its extension names (.srt, .vtt, .txt, .json, "
        ".jsonl, .csv) unless --format says; or, with --format srt/vtt/txt, to this folder: one file per input, "
        "the inputs' subfolders kept.",
    ),
]


#: ``--out`` for ``read``: rows, or the text alone.
ReadOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        parser=output_path,
        metavar="<path>",
        help="Write to this file instead of stdout, in the format its extension names (.txt, .json, .jsonl, .csv) "
        "unless --format says; or, with --format txt, to this folder: one .txt file per picture, the inputs' "
        "subfolders kept.",
    ),
]


def _text_format(fmt: str | None, out: Path | None, text: tuple[str, ...]) -> str | None:
    """The plain-text format asked for, or the one ``--out``'s extension names (``-o talk.srt``); None: rows.

    >>> _text_format(None, Path("talk.srt"), ("srt", "vtt", "txt")), _text_format("json", Path("a.srt"), ("srt",))
    ('srt', None)
    """
    if fmt is not None:
        return fmt if fmt in text else None
    named = out.suffix.lower().removeprefix(".") if out is not None and not out.is_dir() else ""
    return named if named in text else None


class TranscribeFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    txt = "txt"
    srt = "srt"
    vtt = "vtt"


def _as_text(
    make_task: Callable[[], Task[Any]],
    paths: list[str],
    *,
    render: Callable[[Any], str],
    suffix: str,
    out: Path | None,
    progress: bool | None,
    verb: str,
    noun: str,
    overwrite: bool = False,
    save_annotated: Path | None = None,
) -> None:
    """Plain text per input: to stdout (with ``==> name <==`` headers when there are several), to ``--out`` for
    one input, or one file per input when ``--out`` is a folder (``NAME.srt``; two inputs of the same name get
    ``NAME.srt`` and ``NAME (2).srt``). Files that exist are not written over without ``overwrite``: that is said
    before any input is processed. ``save_annotated``: drawn copies too, as with rows."""
    outputs = Outputs(overwrite=overwrite)
    _check_outputs(outputs, out, save_annotated)  # before the model is loaded
    task, items = _task_and_items(make_task, paths, noun)
    videos = frame_by_frame(task, items)
    if videos:  # a picture task reads a video frame by frame: rows, one a frame, each with its time
        _fail(
            f"{videos[0].path or videos[0].name} is a video: --format txt writes one text a picture; read a "
            "video's frames with --format jsonl, csv or table (a row a frame, with its time; --fps or --every to "
            "choose them)",
            2,
        )
    outputs.add_inputs([item.path for item in items if item.path is not None])
    folder, planned, single = _text_outputs(outputs, out, items, suffix)
    stream = cast(IO[str], GuardedStream(single, "standard output" if single is sys.stdout else f"the text to {out}"))
    tally = Tally(launched=LAUNCHED, why="the errors above say why")
    # Text streaming to the terminal shows the progress itself; a bar on the same screen had each ``==> name <==``
    # header printed onto its line.
    to_screen = folder is None and single is sys.stdout and sys.stdout.isatty()
    show = progress if progress is not None else (sys.stderr.isatty() and not to_screen and len(items) > 1)
    drawn = _drawn_copies(save_annotated, outputs)
    blank: list[str] = []  # an empty line alone said nothing (a new user's picture without text)
    with (
        finishing(tally, verb, noun, single),
        progress_bar(len(items), enabled=show, label=verb) as advance,
        contextlib.ExitStack() as closing,
    ):
        for sink in drawn:
            closing.callback(sink.close)
        for outcome in _drawn_as_they_come(task, items, advance, drawn):
            if outcome.result is None:
                tally.failed += 1
                _err.print(f"[red]error:[/red] {shown(outcome.name)}: {shown(outcome.error)}")
                continue
            tally.processed += 1
            text = render(outcome.result)
            if not text.strip():
                blank.append(shown(outcome.name))
            text = text if text.endswith("\n") else text + "\n"  # a text file ends with a newline (wc -l, cat)
            if folder is not None:
                outputs.write_text(planned[outcome.name], text)
            else:
                if len(items) > 1:  # as head(1) does: a blank line before every header but the first
                    stream.write(("" if tally.processed == 1 else "\n") + f"==> {printable(outcome.name)} <==\n")
                stream.write(text)
                stream.flush()
    if blank:
        _err.print(f"note: {'no text was found' if noun == 'pictures' else 'nothing was heard'} in {first_few(blank)}")
    _err.print(tally.summary(verb, noun) + (f"; written to {shown(out)}" if out else ""))
    if tally.failed:
        raise typer.Exit(1)


def _check_outputs(outputs: Outputs, out: Path | None, save_annotated: Path | None) -> None:
    """Exits 2 where ``out`` (a file) or ``save_annotated`` may not be written (a file there, no --overwrite)."""
    try:
        if out is not None and not _a_folder(out):
            outputs.check(out)
        if save_annotated is not None:
            AnnotatedOutput.check(save_annotated, outputs)
    except OpensightError as error:
        _fail(error, 2)


def _drawn_copies(save_annotated: Path | None, outputs: Outputs) -> list[AnnotatedOutput]:
    """Where drawn copies go beside the text, if asked (--save-annotated with --format txt drew nothing, and said
    nothing: a new user's README check); exits 2 where they cannot go there."""
    try:
        return [AnnotatedOutput(save_annotated, outputs=outputs, note=_note)] if save_annotated else []
    except OpensightError as error:
        _fail(error, 2)


def _a_folder(out: Path) -> bool:
    """Whether ``--out`` names a folder: one there, or a name given with a trailing slash (``-o texts/``)."""
    return isinstance(out, GivenFolder) or out.is_dir()


def _text_outputs(
    outputs: Outputs, out: Path | None, items: list[Item], suffix: str
) -> tuple[Path | None, dict[str, Path], IO[str]]:
    """Where the text goes: a folder with one planned file per input (item name → file), or one stream (stdout or
    ``out``). Exits 2 when ``out`` cannot take it, 3 when the machine refuses the folder."""
    folder = out if out is not None and (_a_folder(out) or (len(items) > 1 and not out.suffix)) else None
    if out is not None and folder is None and len(items) > 1:
        _fail(f"{len(items)} inputs but --out {out} is one file; give a folder to get one {suffix} file each", 2)
    planned: dict[str, Path] = {}
    try:
        if folder is not None:
            planned = _plan(items, folder, suffix)
            for name, target in planned.items():  # which input a 'receipt (2).txt' is (a new user could not tell)
                if target.name != Path(name).stem + suffix:
                    _err.print(f"note: {shown(name)} → {shown(target)} (another input has its name)")
            for target in planned.values():
                if os.path.lexists(target):
                    outputs.check(target, atomic=True)
            for place in sorted({target.parent for target in planned.values()} | {folder}):
                place.mkdir(parents=True, exist_ok=True)
        single = sys.stdout if out is None or folder is not None else outputs.open(out, "w")
    except OpensightError as error:
        _fail(error, 2)
    except OSError as error:
        _fail(write_failure(error, folder), EXIT_COULD_NOT_FINISH)
    return folder, planned, single


def _plan(items: list[Item], folder: Path, suffix: str) -> dict[str, Path]:
    """One file per input in ``folder``, at the input's place under the folder all the inputs share (a folder walked
    into its subfolders keeps them: ``rec/a.wav`` and ``rec/old/a.wav`` give ``a.srt`` and ``old/a.srt``), named as
    the input with ``suffix``, or the first free ``NAME (2)``… (``a.wav`` and ``a.mp3`` side by side)."""
    places = {item.name: Path(item.path if item.path is not None else item.name).absolute().parent for item in items}
    try:
        shared: Path | None = Path(os.path.commonpath(list(places.values())))
    except ValueError:  # no inputs, or on two drives: nothing shared
        shared = None
    planned: dict[str, Path] = {}
    used: set[str] = set()
    for item in items:
        below = places[item.name].relative_to(shared) if shared is not None else Path()
        for name in free_names(Path(item.name).stem, suffix):
            key = str(below / name).lower()  # "A.srt" and "a.srt" are one file on some disks
            if key not in used:
                used.add(key)
                planned[item.name] = folder / below / name
                break
    return planned


def read(
    paths: PathsArg,
    engine: Annotated[
        str,
        typer.Option(
            help="rapidocr (photos and documents) or tesseract (clean scans; needs Debian's tesseract-ocr package: "
            "without it, an error says how to install it)."
        ),
    ] = "rapidocr",
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop lines scored below this.")] = 0.5,
    fmt: Annotated[
        ReadFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="txt = just the text, a line per row (an item and its price, a label and its value: a tab apart); "
            "or rows as table/json/jsonl/csv (default: table on a terminal, jsonl when piped, or from --out's "
            "extension).",
        ),
    ] = None,
    out: ReadOutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: TextProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Read the text in pictures (or in a video's frames, a row each): lines in reading order, each with its box and
    a score."""

    def make() -> Task[Any]:
        return TextReader(engine=engine, min_score=min_score, batch_size=batch_size)

    if _text_format(fmt, out, (ReadFormat.txt.value,)):
        _as_text(
            make,
            paths,
            render=lambda result: result.text,
            suffix=".txt",
            out=out,
            overwrite=overwrite,
            progress=progress,
            verb="read",
            noun="pictures",
            save_annotated=save_annotated,
        )
        return
    _run(
        make,
        paths,
        fmt=None if fmt is None else OutputFormat(fmt.value),
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="read",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


def transcribe(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Audio (wav, mp3, ogg, flac, m4a, …) or video files, folders, globs, or - for a list on stdin.",
            show_default=False,
        ),
    ],
    model: Annotated[
        str, typer.Option("--model", "-m", help="tiny.en (English, fast) or base (99 languages, more accurate).")
    ] = "tiny.en",
    language: Annotated[
        str | None, typer.Option(help="The spoken language (en, de, fr, …) for --model base; default: detected.")
    ] = None,
    vad: Annotated[
        bool,
        typer.Option(
            "--vad/--no-vad",
            help="Voice-activity detection: drop text invented in silence or music, skip long pauses in long "
            "recordings. A recording of up to 30 s with speech is always heard whole.",
        ),
    ] = True,
    fmt: Annotated[
        TranscribeFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="srt / vtt subtitles, txt, or rows as table/json/jsonl/csv (default: table on a terminal, jsonl "
            "when piped, or from --out's extension).",
        ),
    ] = None,
    out: TextOutOpt = None,
    overwrite: OverwriteOpt = False,
    progress: TextProgressOpt = None,
) -> None:
    """Turn speech into timed text: subtitles for recordings and videos, offline."""

    def make() -> Task[Any]:
        return Transcriber(model, language=language, vad=vad)

    run_recordings(make, paths, fmt=fmt, out=out, overwrite=overwrite, progress=progress, verb="transcribed")


def run_recordings(
    make: Callable[[], Task[Any]],
    paths: list[str],
    *,
    fmt: TranscribeFormat | None,
    out: Path | None,
    overwrite: bool,
    progress: bool | None,
    verb: str,
) -> None:
    """A task on recordings (transcribe, a sound model's predict): timed text (srt, vtt, txt: one text per
    recording) or rows."""
    chosen = _text_format(fmt, out, ("srt", "vtt", "txt"))
    if chosen is not None:
        _as_text(
            make,
            paths,
            render=lambda result: subtitles(result, chosen),
            suffix=f".{chosen}",
            out=out,
            overwrite=overwrite,
            progress=progress,
            verb=verb,
            noun="recordings",
        )
        return
    _run(
        make,
        paths,
        fmt=None if fmt is None else OutputFormat(fmt.value),
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb=verb,
        noun="recordings",
    )
