"""``opensight run`` (a big folder into a database or a file, local or on Ray) and ``opensight demo``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from opensight._errors import OpensightError
from opensight._text import shown
from opensight.cli._common import BatchOpt, OutputFormat, OverwriteOpt, PathsArg, ProgressOpt, _err, _fail, _run
from opensight.cli._output import progress_bar
from opensight.tasks import DEFAULT_BATCH_SIZE, Classifier, task_names

if TYPE_CHECKING:
    from opensight.engines import RunSummary


def run_batch(
    task: Annotated[str, typer.Argument(help=f"What to do: {', '.join(task_names())}.")],
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
    _say_done(summary)
    if summary.failed:
        raise typer.Exit(1)


def _say_done(summary: RunSummary) -> None:
    """The run's summary line on stderr: how many, how long, where the rows are."""
    where = f"{shown(summary.out)} (state in {shown(summary.db)})" if summary.out else shown(summary.db)
    resumed = f"resumed run {summary.run_id}, {summary.skipped} already done; " if summary.resumed else ""
    _err.print(
        f"{resumed}{summary.processed} of {summary.total} inputs processed, {summary.failed} failed "
        f"in {summary.seconds:.1f} s; run {summary.run_id} → {where}"
    )


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
        verb="classified",
        exit_on_finish=False,
    )
    _err.print(f"\nTry it on your own pictures: [bold]opensight classify ~/Pictures[/bold] (exit status here: {code})")
