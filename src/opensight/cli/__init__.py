"""The ``opensight`` command. Thin: parse → call the public API → print.

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["--version"]).output.startswith("opensight ")
True
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from opensight._errors import InputError, OutputError
from opensight._files import write_failure
from opensight._settings import check_all
from opensight._version import __version__
from opensight.cli._body import HANDS_EPILOG, SEGMENT_EPILOG, hands, segment
from opensight.cli._common import EXIT_COULD_NOT_FINISH, EXIT_PIPE_CLOSED, EXIT_STATUS, _err, _fail
from opensight.cli._export import EXPORT_EPILOG, export
from opensight.cli._faces import faces_app
from opensight.cli._generated import add_task_commands
from opensight.cli._hear_read import read, transcribe
from opensight.cli._models import models_app
from opensight.cli._run import demo, run_batch
from opensight.cli._search import duplicates, index, similar, tag
from opensight.cli._see import classify, detect, embed, pose
from opensight.cli._serve import serve, studio
from opensight.cli._teach import predict, report, teach


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
    if not {"--help", "-h"} & set(sys.argv[1:]):  # a bad setting is one sentence before any work, never per picture
        try:
            check_all()
        except InputError as error:
            _fail(error, 2)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight classify cat.jpg\n\n"
    "  opensight classify ~/Photos --top 3 --out labels.csv\n\n"
    "  find . -name '*.jpg' | opensight classify - --format jsonl\n\n" + EXIT_STATUS
)(classify)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight detect street.jpg\n\n"
    "  opensight detect ~/Camera --classes person,car --min-score 0.6 --save-annotated boxes/\n\n"
    "Rows: detections (label, score, box [x1, y1, x2, y2] in the picture's pixels) and counts per label."
)(detect)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight pose athlete.jpg --save-annotated skeletons/\n\n"
    "Rows: people (one at most: MoveNet follows a single person) with 17 named keypoints [x, y, score]."
)(pose)


app.command(epilog=HANDS_EPILOG)(hands)
app.command(epilog=SEGMENT_EPILOG)(segment)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight read receipt.jpg --format txt\n\n"
    "  opensight read scans/ -o text.jsonl --save-annotated boxes/\n\n"
    "  opensight read page.png --engine tesseract   (clean documents; sudo apt-get install tesseract-ocr)\n\n"
    "  opensight read lecture.mp4 --fps 0.2 -o slides.jsonl   (a frame every 5 s: a row each, with its time)\n\n"
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


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight embed photos/ --out vectors.jsonl\n\n"
    "  opensight embed products/ --view whole -o whole.csv\n\n"
    "Each row holds a 1280-number 'embedding': similar pictures have similar vectors. --view whole sees the whole "
    "picture (as taught models do), not the centre crop."
)(embed)


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
    "  opensight teach sounds/ --kind sounds   (sounds/doorbell/*.wav, sounds/background noise/*.m4a → sounds.osm)\n\n"
    "Teaching again after adding examples only looks at the new ones (embeddings are cached in the store); "
    "the model file is replaced only with --overwrite.\n\n" + EXIT_STATUS
)(teach)
app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight predict fruit.osm basket/\n\n"
    "  opensight predict fruit.osm new.jpg --format json\n\n"
    "  opensight predict sounds.osm evening.mp3 --format srt -o evening.srt\n\n"
    "Rows follow classify's; answers below the model's confidence threshold have label 'unsure', "
    "unsure: true and the best guess in 'guess'. A sound model's row says what it heard and when ('heard', "
    "and every 2-s window, a half second apart, in 'windows'); srt/vtt give a labelled timeline."
)(predict)
app.command()(report)
app.command(epilog=EXPORT_EPILOG)(export)


app.command(
    "run",
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight run classify ~/Scans --db scans.sqlite\n\n"
    "  opensight run classify ~/Scans --db scans.sqlite --resume   (after a crash: one row per picture)\n\n"
    "  opensight run predict ~/Scans --model fruit.osm --out fruit.parquet\n\n"
    "  opensight run embed ~/Scans --db scans.sqlite --engine ray --address 10.0.0.1:6379\n\n"
    'Query it: sqlite3 scans.sqlite "SELECT label, count(*) FROM results GROUP BY label"\n\n' + EXIT_STATUS,
)(run_batch)


app.command(
    epilog="[bold]Examples[/bold]\n\n"
    "  opensight serve                       (API + Studio on http://127.0.0.1:8000)\n\n"
    "  opensight serve fruit.osm --token s3cret\n\n"
    "  curl -F file=@cat.jpg http://127.0.0.1:8000/v1/classify\n\n"
    "  curl -F file=@apple.jpg -H 'Authorization: Bearer s3cret' http://127.0.0.1:8000/v1/models/fruit/predict",
)(serve)
app.command(epilog="[bold]Example[/bold]\n\n  opensight studio   then open http://127.0.0.1:8000/studio/")(studio)


app.command()(demo)


#: Every task of the table without a hand-written command above gets a generated one.
add_task_commands(
    app,
    written={command.name or getattr(command.callback, "__name__", "") for command in app.registered_commands}
    | {group.name or "" for group in app.registered_groups},
)


def main() -> None:
    """Console-script entry point."""
    app()
