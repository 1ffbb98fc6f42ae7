"""One table of tasks: a task without a hand-written command gets a generated one that gives the same rows, and
the REST routes, /v1/tasks and `opensight run` list exactly the table's tasks (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from PIL import Image
from typer.testing import CliRunner

from opensight.cli import app
from opensight.cli._generated import task_command
from opensight.serve import ServeConfig, create_app
from opensight.tasks import TASK_TABLE, task_info, task_names
from tests.conftest import sample_photo


def generated_app(name: str) -> typer.Typer:
    """A command line holding only the generated command for ``name`` (as a new task would get it)."""
    alone = typer.Typer()
    alone.command(name)(task_command(task_info(name)))
    alone.command("unused")(lambda: None)  # two commands, so that the task's name is a sub-command
    return alone


def test_a_generated_command_takes_the_tables_options() -> None:
    shown = CliRunner().invoke(generated_app("detect"), ["detect", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    for flag in ("--min-score", "--classes", "--model", "--format", "--out", "--save-annotated"):
        assert flag in shown.output
    refused = CliRunner().invoke(generated_app("tag"), ["tag", "coffee.png"])
    assert refused.exit_code == 2  # tag's words are required: a usage error, before any model is loaded
    assert "tag needs the words to look for" in refused.output


def test_a_generated_command_gives_the_hand_written_commands_rows(tmp_path: Path) -> None:
    picture = tmp_path / "coffee.png"
    Image.fromarray(sample_photo("coffee")).save(picture)
    generated = CliRunner().invoke(generated_app("detect"), ["detect", str(picture), "--classes", "cup", "-f", "json"])
    written = CliRunner().invoke(app, ["detect", str(picture), "--classes", "cup", "-f", "json"])
    assert generated.exit_code == written.exit_code == 0, generated.output + written.output
    assert json.loads(generated.stdout) == json.loads(written.stdout)
    assert json.loads(written.stdout)[0]["counts"] == {"cup": 1}


def test_the_routes_and_the_job_runner_list_the_tables_tasks() -> None:
    paths = create_app(ServeConfig(studio=False)).openapi()["paths"]
    served = {path.removeprefix("/v1/") for path in paths if path.count("/") == 2 and path.startswith("/v1/")}
    assert served - {"tasks", "models"} == set(task_names(served=True))
    assert "predict" not in task_names(served=True)
    assert [info.name for info in TASK_TABLE] == list(task_names())
    shown = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    assert ", ".join(task_names()) in " ".join(shown.output.replace("│", " ").split())
