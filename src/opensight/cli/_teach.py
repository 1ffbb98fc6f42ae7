"""``opensight teach``, ``predict`` and ``report``: your own classifier, from examples to a shipped file."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opensight._errors import OpensightError
from opensight._files import Outputs
from opensight._text import shell_word, shown
from opensight.cli._common import (
    AnnotatedOpt,
    BatchOpt,
    DataDirOpt,
    EveryOpt,
    FpsOpt,
    OutOpt,
    OutputFormat,
    OverwriteOpt,
    ProgressOpt,
    _fail,
    _run,
    _store_path,
)
from opensight.cli._hear_read import TranscribeFormat, run_recordings
from opensight.cli._output import Console, progress_bar
from opensight.tasks import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:
    from opensight.teach import AnyTaught


class TeachFormat(StrEnum):
    """What ``teach`` prints: one model, so sentences or its card (no rows for csv or jsonl)."""

    table = "table"
    json = "json"


def teach(
    data: Annotated[
        Path | None,
        typer.Argument(
            help="A folder with one sub-folder per class, or a CSV with the columns path,label (a header line is "
            "optional; a relative path is read from the CSV's own folder).",
            show_default=False,
        ),
    ] = None,
    labels: Annotated[
        str | None,
        typer.Option(
            help="Class names. Alone: a zero-shot model from words (no examples yet). With DATA: not needed "
            "(the folder names are read as words anyway); if given, they must be the classes.",
        ),
    ] = None,
    names: Annotated[
        bool,
        typer.Option(
            "--names/--no-names",
            help="Pictures: also read the class names as words, and blend their zero-shot guess into the model "
            "where cross-validation says it helps (the report says how much). --no-names: examples only.",
        ),
    ] = True,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="The model file to write; its name is the model's. Default: DATA's name + .osm"
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", "-r", help="Also write the HTML report here (and NAME.confusion.svg beside it)."),
    ] = None,
    precision: Annotated[
        float,
        typer.Option(min=0.5, max=0.999, help="Target precision: less confident answers come back as 'unsure'."),
    ] = 0.95,
    fmt: Annotated[
        TeachFormat, typer.Option("--format", "-f", help="table (sentences) or json (the card).")
    ] = TeachFormat.table,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="pictures; sounds: recordings (wav, mp3, ogg, m4a, … or videos' sound) in one folder per class, "
            "each heard in 2-s windows (add a 'background noise' class of the place with none of the sounds); "
            "poses: pictures or videos of one person in each pose (their 17 body keypoints are what it learns); "
            "hands: pictures or videos of one hand in each gesture (its 21 landmarks).",
        ),
    ] = "pictures",
    backbone: Annotated[
        str,
        typer.Option(
            help="Pictures: what they are seen through. lite0+lite2: EfficientNet-Lite0 and Lite2 side by side, the "
            "whole picture and its four quarters (the most accurate); lite0: Lite0 alone, the whole picture (a teach "
            "or predict 1.2-1.5 times faster, a 14 MB model instead of 33: a web page that loads sooner, an older "
            "laptop; about 1.5 points less accurate on average with 5-10 examples per class).",
        ),
    ] = "lite0+lite2",
    view: Annotated[
        str,
        typer.Option(
            help="Pictures: content sees what a picture shows on its plain background, its plain edges trimmed first "
            "(an object small or off-centre on a plain ground fills the view: letters on paper 80% → 95% right with 5 "
            "per class); whole sees the whole picture always — for classes that differ by where or how big a thing "
            "lies on a plain ground.",
        ),
    ] = "content",
    data_dir: DataDirOpt = None,
    progress: ProgressOpt = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Teach your own classifier from examples, tell how good it is, and save it as one .osm file."""
    from opensight.teach import TaughtModel, TeachReport
    from opensight.teach import teach as teach_model

    if data is None and labels is None:
        _fail("give a folder of examples (one sub-folder per class), or class names with --labels 'a, b'", 2)
    target = TaughtModel.file_for(out or Path(f"{data.resolve().name if data else 'zero-shot'}.osm"))
    outputs = Outputs(overwrite=overwrite)
    if data is not None:
        outputs.add_inputs(_files_in(data))
    try:  # before teaching (minutes): a file that may not be written is a usage error, and nothing is done
        for path in (target, *(TeachReport.files_for(report) if report else ())):
            outputs.check(path, atomic=True)
    except OpensightError as error:
        _fail(error, 2)
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        label = "listening to new recordings" if kind.startswith("sound") else "looking at new pictures"
        with progress_bar(0, enabled=show, label=label) as advance:
            model = teach_model(
                data,
                labels=labels,
                precision=precision,
                store=_store_path(data_dir),
                progress=advance,
                kind=kind,
                names=names,
                name=target.stem if out else None,
                backbone=backbone,
                view=view,
            )
        saved = model.save(target, overwrite=overwrite)
        written = model.report.save(report, overwrite=overwrite) if report else None
    except OpensightError as error:
        _fail(error, 2)
    _say_taught(model, saved, written, fmt)
    if model.card.skipped:  # saved, but not every input was used: "some inputs failed" (each is listed above)
        raise typer.Exit(1)


def _say_taught(model: AnyTaught, saved: Path, written: Path | None, fmt: TeachFormat) -> None:
    """What teaching made: the card as JSON, or the warnings, the sentences and what to do next."""
    if fmt is not TeachFormat.table:
        card = model.card.to_dict()
        typer.echo(
            json.dumps({"model": str(saved), "report": str(written) if written else None, "card": card}, indent=2)
        )
        return
    console = Console(soft_wrap=True, highlight=False)
    for warning in model.card.warnings:
        console.print(f"[yellow]warning:[/yellow] {shown(warning)}")
    for entry in model.card.skipped:
        console.print(f"  left out: {shown(entry['path'])}: {shown(entry['reason'])}")
    for sentence in model.report.summary:
        if any(warning.startswith(sentence.rstrip(".")) for warning in model.card.warnings):
            continue  # said above as a warning (a trial saw the copies across classes twice)
        console.print(shown(sentence).replace("*", ""))
    size = saved.stat().st_size
    shown_size = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1e3))} KB"  # not '0.0 MB'
    console.print(f"\nSaved [bold]{shown(saved)}[/bold] ({shown_size}).")
    if written:
        console.print(f"Report: {shown(written)}")
    what = "RECORDING_OR_FOLDER" if model.kind == "sounds" else "PHOTO_OR_FOLDER"
    console.print(f"Try it:  opensight predict {shell_word(saved)} {what}")
    console.print(f"Read the full report:  opensight report {shell_word(saved)} --open")


def _holds(path: Path, text: str | None) -> bool:
    """True when ``path`` is a regular file whose content is exactly ``text``."""
    try:
        if text is None or not stat.S_ISREG(path.stat().st_mode):
            return False
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _files_in(data: Path) -> Iterator[Path]:
    """The files teaching reads from ``data`` (the CSV itself, or every file under the folder): never written over.
    Listed lazily: only when an existing output file has to be compared with them."""
    if not data.is_dir():
        yield data
        return
    for folder, _, names in os.walk(data):
        for name in names:
            yield Path(folder) / name


def predict(
    model: Annotated[Path, typer.Argument(help="A model file made by `opensight teach`.")],
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Pictures (or, for a sound model, recordings and videos), folders, globs, or - for a list on stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        TranscribeFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Rows as table/json/jsonl/csv (default: table on a terminal, jsonl when piped, or from --out's "
            "extension); for a sound model also srt or vtt: a labelled timeline of what it heard.",
        ),
    ] = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
    min_score: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Sound models: windows scored below this (or the model's 'unsure' level) are unsure."
        ),
    ] = 0.0,
) -> None:
    """Classify pictures — or recordings, with a sound model — with a model you taught (a .osm file)."""
    from opensight.bundle import input_kind

    if model.is_dir() or (model.suffix.lower() != ".osm" and any(path.lower().endswith(".osm") for path in paths)):
        _fail(  # a trial's `opensight predict photos fruit.osm` was told "photos: this is a folder, not a file"
            f"the model comes first: opensight predict MODEL.osm PHOTO_OR_FOLDER… ({model} is "
            f"{'a folder' if model.is_dir() else 'not a .osm model'})",
            2,
        )
    if input_kind(model) == "audio":
        _predict_sounds(model, paths, fmt, out, overwrite, batch_size, progress, min_score)
        return
    if fmt in (TranscribeFormat.srt, TranscribeFormat.vtt, TranscribeFormat.txt):
        _fail(
            f"--format {fmt.value} is for sound models; {model} classifies pictures (use table, json, jsonl or csv)", 2
        )
    from opensight.teach import Taught

    _run(
        lambda: Taught.from_file(model, batch_size=batch_size),
        paths,
        fmt=None if fmt is None else OutputFormat(fmt.value),
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="predicted",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


def _predict_sounds(
    model: Path,
    paths: list[str],
    fmt: TranscribeFormat | None,
    out: Path | None,
    overwrite: bool,
    batch_size: int,
    progress: bool | None,
    min_score: float,
) -> None:
    """``predict`` with a sound model: a row per recording (what it heard, and when), or a labelled timeline."""
    from opensight.bundle import read_bundle
    from opensight.teach import TaughtSoundModel

    def make() -> TaughtSoundModel:
        return TaughtSoundModel(read_bundle(model), batch_size=batch_size, min_score=min_score)

    run_recordings(make, paths, fmt=fmt, out=out, overwrite=overwrite, progress=progress, verb="heard")


def report(
    model: Annotated[Path, typer.Argument(help="A model file made by `opensight teach`.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Where to write the HTML. Default: MODEL.html")
    ] = None,
    open_it: Annotated[bool, typer.Option("--open/--no-open", help="Open the report in a web browser.")] = False,
    overwrite: OverwriteOpt = False,
) -> None:
    """Write (and open) the HTML report of a taught model: accuracy, confusion matrix, mistakes, duplicates."""
    from opensight.teach import TaughtModel, TeachReport

    target = out or model.with_suffix(".html")
    outputs = Outputs(overwrite=overwrite, inputs=[model])
    try:
        taught = TaughtModel.from_file(model)
        if not overwrite and _holds(target, taught.report.html):
            written = target  # written before, exactly this: nothing to replace
        else:
            for path in TeachReport.files_for(target):
                outputs.check(path, atomic=True)
            written = taught.report.save(target, overwrite=overwrite)
    except OpensightError as error:
        _fail(error, 2)
    console = Console(soft_wrap=True, highlight=False)
    for sentence in taught.report.summary:
        console.print(shown(sentence).replace("*", ""))
    console.print(f"\nReport: {shown(written)}")
    if open_it:
        import webbrowser

        webbrowser.open(written.resolve().as_uri())
