"""The ``opensight`` command. Thin: parse → call the public API → print.

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["--version"]).output.startswith("opensight ")
True
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from opensight._cli_common import (
    EXIT_COULD_NOT_FINISH,
    EXIT_PIPE_CLOSED,
    EXIT_STATUS,
    AnnotatedOpt,
    BatchOpt,
    EveryOpt,
    FormatOpt,
    FpsOpt,
    ModelOpt,
    OutOpt,
    OutputFormat,
    OverwriteOpt,
    PathsArg,
    ProgressOpt,
    _err,
    _fail,
    _run,
)
from opensight._cli_faces import faces_app
from opensight._cli_hear_read import read, transcribe
from opensight._cli_models import models_app
from opensight._cli_search import duplicates, index, similar, tag
from opensight._cli_serve import serve, studio
from opensight._cli_teach import predict, report, teach
from opensight._errors import OpensightError, OutputError
from opensight._files import write_failure
from opensight._output import progress_bar
from opensight._text import shown
from opensight._version import __version__
from opensight.engines._job import JOB_TASKS
from opensight.tasks import (
    DEFAULT_BATCH_SIZE,
    Classifier,
    Detector,
    Embedder,
    PoseEstimator,
)


class _Guarded(TyperGroup):
    """The one place where failures of the machine become sentences, for every command: a write the disk or the
    file system refused (``OSError``, an SQLite error, an :class:`OutputError` from below) prints one sentence and
    exits 3 ("could not finish"); a closed pipe on standard output (``| head``) ends quietly (141); Ctrl+C is 130.
    What was written before stays as it is."""

    def invoke(self, ctx: Any) -> Any:  # typer.Context (typer vendors click: its own Context type)
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # stdout to a full device fails here, not in the interpreter's exit
            return result
        except BrokenPipeError:
            _drop_stdout()
            raise typer.Exit(EXIT_PIPE_CLOSED) from None
        except KeyboardInterrupt:
            _err.print("interrupted")
            raise typer.Exit(130) from None
        except OutputError as error:
            _drop_stdout()
            _fail(error, EXIT_COULD_NOT_FINISH)
        except sqlite3.Error as error:
            from opensight.store import database_failure

            _drop_stdout()
            _fail(database_failure(error, "a database"), EXIT_COULD_NOT_FINISH)
        except OSError as error:
            _drop_stdout()
            where = "standard output" if error.filename is None else error.filename
            _fail(write_failure(error, where), EXIT_COULD_NOT_FINISH)


def _drop_stdout() -> None:
    """Flush standard output; if it cannot take more (full, closed), point it at /dev/null so that the interpreter's
    own flush at exit does not fail again with a traceback."""
    try:
        sys.stdout.flush()
    except OSError:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass


app = typer.Typer(
    name="opensight",
    cls=_Guarded,
    help="Machine perception you can build with: pretrained models, offline, on a CPU.\n\n"
    "Start with [bold]opensight classify PHOTO_OR_FOLDER[/bold]; [bold]opensight models[/bold] lists the models.\n\n"
    + EXIT_STATUS,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(models_app, name="models")
app.add_typer(faces_app, name="faces")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opensight {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Machine perception you can build with: pretrained models, offline, on a CPU."""


@app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight classify cat.jpg\n\n"
    "  opensight classify ~/Photos --top 3 --out labels.csv\n\n"
    "  find . -name '*.jpg' | opensight classify - --format jsonl\n\n" + EXIT_STATUS
)
def classify(
    paths: PathsArg,
    top: Annotated[int, typer.Option("--top", "-k", min=1, max=1000, help="How many classes to list per picture.")] = 5,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Say what is in each picture: the ImageNet classes most likely, with probabilities."""
    _run(
        lambda: Classifier(model, top=top, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        columns=("path", "label", "score", "top", "model", "error"),
        verb="classified",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


@app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight detect street.jpg\n\n"
    "  opensight detect ~/Camera --classes person,car --min-score 0.6 --save-annotated boxes/\n\n"
    "Rows: detections (label, score, box [x1, y1, x2, y2] in the picture's pixels) and counts per label."
)
def detect(
    paths: PathsArg,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out detections scored below this.")] = 0.5,
    classes: Annotated[
        str | None, typer.Option(help="Only these COCO classes, comma-separated (e.g. person,car,dog).")
    ] = None,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Find objects (80 COCO classes: people, vehicles, animals, household things) with boxes and counts."""
    wanted = None if classes is None else classes.split(",")
    _run(
        lambda: Detector(model, min_score=min_score, classes=wanted, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        columns=("path", "counts", "detections", "model", "error"),
        verb="searched",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


@app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight pose athlete.jpg --save-annotated skeletons/\n\n"
    "Rows: people (one at most: MoveNet follows a single person) with 17 named keypoints [x, y, score]."
)
def pose(
    paths: PathsArg,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Find a person's body keypoints (nose, shoulders, elbows, wrists, hips, knees, ankles, ...)."""
    _run(
        lambda: PoseEstimator(model, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        columns=("path", "people", "model", "error"),
        verb="looked at",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight read receipt.jpg --format txt\n\n"
    "  opensight read scans/ -o text.jsonl --save-annotated boxes/\n\n"
    "  opensight read page.png --engine tesseract   (clean documents; sudo apt-get install tesseract-ocr)\n\n"
    "Rows: text (lines joined), score (the weakest line's), lines [{text, score, box, polygon}].",
)(read)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight transcribe interview.mp3\n\n"
    "  opensight transcribe holiday.mp4 --format srt -o holiday.srt\n\n"
    "  opensight transcribe recordings/ --format vtt -o subtitles/   (one .vtt per recording)\n\n"
    "  opensight transcribe oma.m4a --model base --language de",
)(transcribe)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    '  opensight tag ~/Photos --labels "bicycle, birthday cake, snowy street"\n\n'
    "  opensight tag shop/ --labels-file words.txt --threshold 0.5 -o tags.csv\n\n"
    "First it says how well each word is covered by what the models know; words far from everything are better "
    "taught with examples: opensight teach.",
)(tag)


@app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight embed photos/ --out vectors.jsonl\n\n"
    "Each row holds a 1280-number 'embedding': similar pictures have similar vectors."
)
def embed(
    paths: PathsArg,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
) -> None:
    """Turn each picture into a feature vector (for search, clustering or your own models)."""
    _run(
        lambda: Embedder(model, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        columns=("path", "embedding", "model", "error"),
        verb="embedded",
    )


app.command(epilog="[bold]Examples[/bold]\n\n  opensight index ~/Photos   (again later: only new or changed pictures)")(
    index
)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight similar chair.jpg --top 5\n\n"
    '  opensight similar --text "red car" --in ~/Photos/2024',
)(similar)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight duplicates ~/Photos\n\n"
    "  opensight duplicates scans/ --threshold 0.95 -f json"
)(duplicates)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight teach photos/                 (photos/ripe/*.jpg, photos/unripe/*.jpg → photos.osm)\n\n"
    "  opensight teach labels.csv --out fruit.osm --report fruit.html --precision 0.99\n\n"
    "Teaching again after adding pictures only looks at the new ones (embeddings are cached in the store); "
    "the model file is replaced only with --overwrite.\n\n" + EXIT_STATUS
)(teach)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight predict fruit.osm basket/\n\n"
    "  opensight predict fruit.osm new.jpg --format json\n\n"
    "Rows follow classify's; answers below the model's confidence threshold have label 'unsure', "
    "unsure: true and the best guess in 'guess'."
)(predict)
app.command()(report)


@app.command(
    "run",
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight run classify ~/Scans --db scans.sqlite\n\n"
    "  opensight run classify ~/Scans --db scans.sqlite --resume   (after a crash: one row per picture)\n\n"
    "  opensight run predict ~/Scans --model fruit.osm --out fruit.parquet\n\n"
    "  opensight run embed ~/Scans --db scans.sqlite --engine ray --address 10.0.0.1:6379\n\n"
    'Query it: sqlite3 scans.sqlite "SELECT label, count(*) FROM results GROUP BY label"\n\n' + EXIT_STATUS,
)
def run_batch(
    task: Annotated[str, typer.Argument(help=f"What to do: {', '.join(JOB_TASKS)}.")],
    paths: PathsArg,
    model: Annotated[
        str | None, typer.Option("--model", "-m", help="A model name, or for predict the .osm file.")
    ] = None,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite results database (created or added to).")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Results file: .parquet, .csv or .jsonl (state kept beside it).")
    ] = None,
    engine: Annotated[str, typer.Option(help="local (this process) or ray (a Ray cluster).")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Join this Ray cluster (HOST:PORT); without it Ray starts locally.")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last run of this job; done inputs are skipped.")
    ] = False,
    top: Annotated[int, typer.Option("--top", "-k", min=1, max=1000, help="Classes listed per picture.")] = 5,
    labels: Annotated[str | None, typer.Option(help='For tag: the words to look for, "bicycle, kitten".')] = None,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Replace an existing --out file this job did not write. (The --db database is added to, never "
            "replaced; an --out file exported by this job before is brought up to date without it.)",
        ),
    ] = False,
) -> None:
    """Run a task over a big folder into a database or a file: resumable, one row per input, local or on Ray."""
    from opensight.engines import TaskSpec, run_job

    show = progress if progress is not None else sys.stderr.isatty()
    if db is None and out is None:
        db = Path("results.sqlite")
    try:
        from opensight.tasks.tag import clean_labels

        chosen = clean_labels(labels) if labels is not None else ()
        spec = TaskSpec(task, model=model, top=top, batch_size=batch_size, labels=chosen)
        with progress_bar(0, enabled=show, label=task) as advance_to:
            summary = run_job(
                spec,
                paths,
                db=db,
                out=out,
                engine=engine,
                address=address,
                resume=resume,
                progress=advance_to,
                overwrite=overwrite,
            )
    except OpensightError as error:
        _fail(error, 2)
    except KeyboardInterrupt:
        _err.print("interrupted: rows written so far are safe; run again with --resume to go on")
        raise typer.Exit(130) from None
    where = f"{shown(summary.out)} (state in {shown(summary.db)})" if summary.out else shown(summary.db)
    resumed = f"resumed run {summary.run_id}, {summary.skipped} already done; " if summary.resumed else ""
    _err.print(
        f"{resumed}{summary.processed} of {summary.total} inputs processed, {summary.failed} failed "
        f"in {summary.seconds:.1f} s; run {summary.run_id} → {where}"
    )
    if summary.failed:
        raise typer.Exit(1)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight serve                       (API + Studio on http://127.0.0.1:8000)\n\n"
    "  opensight serve fruit.osm --token s3cret\n\n"
    "  curl -F file=@cat.jpg http://127.0.0.1:8000/v1/classify\n\n"
    "  curl -F file=@apple.jpg -H 'Authorization: Bearer s3cret' http://127.0.0.1:8000/v1/models/fruit/predict",
)(serve)
app.command(epilog="[bold]Example[/bold]\n\n  opensight studio   then open http://127.0.0.1:8000/studio/")(studio)


@app.command()
def demo(
    folder: Annotated[
        Path | None, typer.Option(help="Where to write the sample photos. Default: the opensight cache.")
    ] = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Classify a few sample photos (and one broken file) to show what opensight does."""
    from opensight._demo import write_samples

    try:
        folder = write_samples(folder, overwrite=overwrite)
    except OpensightError as error:
        _fail(error, 2)
    _err.print(f"[bold]opensight demo[/bold]: classifying the sample photos in {shown(folder)}")
    _err.print("One file is broken on purpose: opensight reports it in its row and carries on.\n")
    os.chdir(folder)  # so the table shows short names
    code = _run(
        lambda: Classifier(top=3),
        ["."],
        fmt=OutputFormat.table,
        out=None,
        progress=False,
        columns=("path", "label", "score", "top", "model", "error"),
        verb="classified",
        exit_on_finish=False,
    )
    _err.print(f"\nTry it on your own pictures: [bold]opensight classify ~/Pictures[/bold] (exit status here: {code})")


def main() -> None:
    """Console-script entry point."""
    app()
