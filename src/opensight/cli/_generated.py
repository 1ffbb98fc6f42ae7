"""A command for every row of the task table that has no hand-written one: a new task gets ``opensight NAME
PATH...`` (its options from the table, rows in every format, ``--save-annotated`` when its results can be drawn)
without a line in the CLI. Hand-written commands (classify, detect, …) keep their richer help and examples.

>>> from opensight.tasks import task_info
>>> command = task_command(task_info("detect"))
>>> [name for name in inspect.signature(command).parameters][:4]
['paths', 'model', 'fmt', 'out']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from opensight.cli._common import (
    AnnotatedOpt,
    BatchOpt,
    EveryOpt,
    FormatOpt,
    FpsOpt,
    ModelOpt,
    OutOpt,
    OverwriteOpt,
    PathsArg,
    ProgressOpt,
    _run,
)
from opensight.tasks import DEFAULT_BATCH_SIZE, TASK_TABLE, TaskInfo, TaskOption

#: The options every generated command has, before the task's own: (name, type, default).
_COMMON: tuple[tuple[str, Any, Any], ...] = (
    ("model", ModelOpt, None),
    ("fmt", FormatOpt, None),
    ("out", OutOpt, None),
    ("overwrite", OverwriteOpt, False),
    ("batch_size", BatchOpt, DEFAULT_BATCH_SIZE),
    ("progress", ProgressOpt, None),
)
_DRAWING: tuple[tuple[str, Any, Any], ...] = (
    ("save_annotated", AnnotatedOpt, None),
    ("every", EveryOpt, None),
    ("fps", FpsOpt, None),
)


def task_command(info: TaskInfo) -> Callable[..., None]:
    """``opensight NAME PATH... [options]`` for the task ``info``: the common options, then the task's own."""

    def command(**values: Any) -> None:
        options = {option.name: option.parsed(values.pop(option.name)) for option in info.options}
        model, batch_size = values.pop("model"), values.pop("batch_size")
        _run(
            lambda: info.build(model, batch_size=batch_size, **options),
            values.pop("paths"),
            verb="looked at",
            noun="recordings" if info.accepts == "audio" else "pictures",
            **values,
        )

    parameters = [_parameter("paths", PathsArg, inspect.Parameter.empty)]
    drawing = _DRAWING if info.draws and info.accepts == "picture" else ()
    parameters += [_parameter(name, kind, default) for name, kind, default in (*_COMMON, *drawing)]
    parameters += [_option(option) for option in info.options if option.name != "model"]
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    command.__name__ = info.name
    command.__doc__ = info.summary
    return command


def add_task_commands(app: typer.Typer, *, written: set[str]) -> None:
    """Register a generated command for every task in the table that has no hand-written command in ``written``."""
    for info in TASK_TABLE:
        if info.name not in written:
            app.command(info.name)(task_command(info))


def _option(option: TaskOption) -> inspect.Parameter:
    """A task option as a command-line option: ``min_score`` → ``--min-score``, with its bounds and help."""
    kind: Any = {"int": int, "float": float, "text": str, "list": str}[option.kind]
    flag = "--" + option.name.replace("_", "-")
    typed = Annotated[kind | None, typer.Option(flag, min=option.low, max=option.high, help=option.help)]
    return _parameter(option.name, typed, None if option.required else option.default)


def _parameter(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
