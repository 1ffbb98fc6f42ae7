"""The CLI contract, run as a real process: formats, --out, stdin, exit codes, bad inputs, models."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import OPENSIGHT


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [OPENSIGHT, *args], input=stdin, capture_output=True, text=True, timeout=300, cwd=cwd, env=os.environ.copy()
    )


def test_version_and_help() -> None:
    from opensight import __version__

    assert run("--version").stdout.strip() == f"opensight {__version__}"
    helped = run("classify", "--help")
    assert helped.returncode == 0
    for words in ("--top", "--format", "--out", "Examples", "Exit status"):
        assert words in helped.stdout


def test_jsonl_is_the_default_when_piped(photos: Path) -> None:
    done = run("classify", str(photos))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(row["path"]).name for row in rows] == ["astronaut.jpg", "chelsea.jpg", "coffee.jpg", "rocket.jpg"]
    for row in rows:
        assert set(row) == {"path", "label", "score", "top", "model"}
        assert row["label"] == row["top"][0]["label"]
        assert len(row["top"]) == 5
    assert "classified 4 of 4 pictures" in done.stderr


def test_json_and_csv_and_table(photos: Path) -> None:
    as_json = json.loads(run("classify", str(photos / "coffee.jpg"), "--format", "json", "--top", "2").stdout)
    assert isinstance(as_json, list)
    assert as_json[0]["label"] == "espresso"
    assert len(as_json[0]["top"]) == 2
    as_csv = list(csv.DictReader(io.StringIO(run("classify", str(photos), "-f", "csv").stdout)))
    assert list(as_csv[0]) == ["path", "label", "score", "top", "model", "error"]
    assert len(as_csv) == 4
    assert json.loads(as_csv[2]["top"])[0]["label"] == "espresso"
    table = run("classify", str(photos / "coffee.jpg"), "-f", "table").stdout
    assert "espresso" in table
    assert "label" in table


def test_out_file_takes_its_format_from_the_extension(tmp_path: Path, photos: Path) -> None:
    target = tmp_path / "labels.csv"
    done = run("classify", str(photos), "--out", str(target))
    assert done.returncode == 0
    assert done.stdout == ""
    assert target.read_text().startswith("path,label,score,top,model,error\n")
    assert f"rows in {target}" in done.stderr


def test_paths_from_stdin(photos: Path) -> None:
    listing = f"{photos / 'chelsea.jpg'}\n{photos / 'rocket.jpg'}\n"
    done = run("classify", "-", stdin=listing)
    assert done.returncode == 0
    assert [Path(json.loads(line)["path"]).name for line in done.stdout.splitlines()] == ["chelsea.jpg", "rocket.jpg"]


def test_bad_inputs_are_rows_and_the_run_goes_on(bad_corpus: tuple[Path, dict[str, str], list[str]]) -> None:
    folder, bad, good = bad_corpus
    done = run("classify", str(folder), "--batch-size", "2")
    assert done.returncode == 1
    rows = {Path(row["path"]).name: row for row in map(json.loads, done.stdout.splitlines())}
    assert sorted(rows) == sorted([*bad, *good])  # exactly one row per input
    for name, words in bad.items():
        assert set(rows[name]) == {"path", "error"}
        assert words in rows[name]["error"], rows[name]
    assert rows["café au lait ☕.jpg"]["label"] == "espresso"
    assert "label" in rows["my cat.JPG"]
    assert f"classified 2 of {len(bad) + 2} pictures, {len(bad)} failed" in done.stderr


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    missing = run("classify", str(tmp_path / "nope.jpg"))
    assert missing.returncode == 1
    assert "no such file" in json.loads(missing.stdout)["error"]
    empty = run("classify", str(tmp_path))
    assert empty.returncode == 1
    assert "no pictures found" in empty.stderr
    Image.new("RGB", (32, 32), "red").save(tmp_path / "red.png")
    into_folder = run("classify", str(tmp_path / "red.png"), "-o", f"{tmp_path / 'rows'}/")
    assert into_folder.returncode == 2, into_folder.stderr  # rows go to one file: it wrote a file called 'rows'
    assert "names a folder, and rows go to one file" in into_folder.stderr
    assert not (tmp_path / "rows").exists()


def test_a_bad_setting_is_one_sentence_before_any_work(tmp_path: Path) -> None:
    """A bad OPENSIGHT_* value came back per picture as 'corrupt image data … replace the file', or as 'delete the
    model graph' (a new user's README check), and `serve` started with it and answered every request 400."""
    Image.new("RGB", (32, 32), "red").save(tmp_path / "red.png")
    for variable, value in (
        ("OPENSIGHT_MAX_PIXELS", "abc"),
        ("OPENSIGHT_THREADS", "0"),
        ("OPENSIGHT_DRAFT_HEADROOM", "x"),
    ):
        done = subprocess.run(
            [OPENSIGHT, "classify", str(tmp_path / "red.png")],
            capture_output=True,
            text=True,
            env={**os.environ, variable: value},
        )
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""  # no row: nothing was done
        assert variable in done.stderr
        assert "replace the file" not in done.stderr
    served = subprocess.run(
        [OPENSIGHT, "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "OPENSIGHT_THREADS": "x"},
    )
    assert served.returncode == 2, served.stderr
    assert "OPENSIGHT_THREADS" in served.stderr
    helped = subprocess.run(
        [OPENSIGHT, "classify", "--help"], capture_output=True, text=True, env={**os.environ, "OPENSIGHT_THREADS": "x"}
    )
    assert helped.returncode == 0, helped.stderr  # the help still shows, to find the setting's meaning


@pytest.mark.parametrize(
    "args",
    [["classify"], ["classify", "x.jpg", "--top", "0"], ["classify", "x.jpg", "--format", "xml"], ["frobnicate"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_unknown_model_is_a_usage_error_listing_models(photos: Path) -> None:
    done = run("classify", str(photos), "--model", "resnet50")
    assert done.returncode == 2
    assert "efficientnet_lite0.imagenet" in done.stderr


def test_embed_rows(photos: Path) -> None:
    row = json.loads(run("embed", str(photos / "coffee.jpg")).stdout)
    assert set(row) == {"path", "embedding", "model"}
    assert len(row["embedding"]) == 1280
    whole = json.loads(run("embed", str(photos / "coffee.jpg"), "--view", "whole").stdout)
    assert len(whole["embedding"]) == 1280
    assert whole["embedding"] != row["embedding"]


def test_models_list_and_show() -> None:
    listed = run("models")
    assert listed.returncode == 0
    for words in ("efficientnet_lite0.imagenet", "classify", "Apache-2.0", "18.8 MB", "yes"):
        assert words in listed.stdout
    cards = json.loads(run("models", "--format", "json").stdout)
    assert cards[0]["installed"] is True
    shown = run("models", "show", "efficientnet_lite0.imagenet")
    for words in ("Intended use", "Known limits", "Provenance", "Apache-2.0", "1000"):
        assert words in shown.stdout
    unknown = run("models", "show", "nope")
    assert unknown.returncode == 2
    assert "Known models" in unknown.stderr


def test_models_prepare_does_the_first_use_work_into_the_cache(tmp_path: Path) -> None:
    """A first teach on a new machine spent about 11 s exporting the word model; `models prepare` (`make setup`)
    does that work beforehand, into the cache, and only checks it the second time."""
    from opensight._settings import cache_dir

    cache = tmp_path / "cache"
    exported = next((cache_dir() / "onnx").glob("all-minilm-l6-v2-*.onnx"), None)
    if exported is not None:  # the word model's export is slow: the test makes the word vectors from it only
        (cache / "onnx").mkdir(parents=True)
        shutil.copy(exported, cache / "onnx" / exported.name)
    env = {**os.environ, "OPENSIGHT_CACHE": str(cache)}
    names = ("centerface", "all-minilm-l6-v2")
    first = subprocess.run([OPENSIGHT, "models", "prepare", *names], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert [line.split(":")[0] for line in first.stdout.splitlines()] == list(names)
    assert "centerface: ready (prepared in" in first.stdout
    assert list(cache.rglob("centerface.onnx"))
    assert list((cache / "tag").glob("vocabulary-*.npy"))
    made = sorted(path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file())
    again = subprocess.run([OPENSIGHT, "models", "prepare", *names], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert sorted(path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()) == made
    assert again.stdout.splitlines() == [f"{name}: ready" for name in names]  # nothing to do: it says no more
    unknown = subprocess.run([OPENSIGHT, "models", "prepare", "nope"], capture_output=True, text=True, env=env)
    assert unknown.returncode == 2
    assert "Known models" in unknown.stderr
    a_file = next((cache / "tag").glob("vocabulary-*.npy"))  # a cache setting that names a file: said, no traceback
    not_a_folder = {**env, "OPENSIGHT_CACHE": str(a_file)}
    refused = subprocess.run(
        [OPENSIGHT, "models", "prepare", "centerface"], capture_output=True, text=True, env=not_a_folder
    )
    assert refused.returncode == 2, refused.stderr
    assert "OPENSIGHT_CACHE must be a folder" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_demo_runs(tmp_path: Path) -> None:
    done = run("demo", "--folder", str(tmp_path / "samples"))
    assert done.returncode == 0, done.stderr
    assert "espresso" in done.stdout
    assert "cut short" in done.stdout


@pytest.mark.parametrize("command", ["serve", "studio"])
def test_a_busy_port_is_said_before_any_banner(command: str, tmp_path: Path) -> None:
    """Issue 16, defect 4: no "open http://…" for a port another program holds, then a crash."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [OPENSIGHT, command, "--port", str(port), "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "choose another --port" in done.stderr
    assert "http://" not in done.stderr, done.stderr


def test_two_models_of_one_name_are_refused(tmp_path: Path) -> None:
    """Both were served at /v1/models/fruit, one of them out of reach, and nothing said (a new user's trial)."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "fruit.osm").write_bytes(b"never read: refused before")
    done = subprocess.run(
        [OPENSIGHT, "serve", str(tmp_path / "a/fruit.osm"), str(tmp_path / "b/fruit.osm"), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "two model files are called 'fruit'" in done.stderr, done.stderr


def test_progress_help_speaks_of_the_command_it_is_shown_for() -> None:
    """Only read and transcribe print text as it comes; `duplicates --help` spoke of them (a new-user trial)."""
    from typer.testing import CliRunner

    from opensight.cli import app

    def help_of(command: str) -> str:
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0, shown.output
        return " ".join(shown.output.replace("│", " ").split())

    for command in ("duplicates", "classify", "teach"):
        assert "transcribe" not in help_of(command)
        assert "Default: on when stderr is a terminal." in help_of(command)
    for command in ("read", "transcribe"):
        assert "unless text (--format txt, srt, vtt) is printed to that terminal" in help_of(command)
