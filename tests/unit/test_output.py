"""The command line's row writer on real result types: JSON Lines, JSON, CSV and the terminal table, their columns,
error rows, the format choice and the summary line (``opensight.cli._output``)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from opensight import DecodeError, InputError
from opensight._results_text import TextLine, TextRegions
from opensight.cli._output import Row, Tally, choose_format, write, write_rows
from opensight.results import Classification, Coverage, Detections, Faces, Outcome, Result, ScoredLabel, Tags


def square(x: float, y: float, side: float) -> np.ndarray:
    return np.array([[x, y], [x + side * 4, y], [x + side * 4, y + side], [x, y + side]], np.float32)


def faces(names: tuple[str, ...] | None = None, distances: tuple[float | None, ...] | None = None) -> Faces:
    boxes = np.array([[10, 20, 60, 80], [100, 20, 150, 80]], np.float32)
    landmarks = np.tile(np.array([[20, 40], [50, 40], [35, 55], [25, 70], [45, 70]], np.float32), (2, 1, 1))
    return Faces(boxes, np.array([0.99, 0.87]), landmarks, np.zeros((2, 128), np.float32), "dlib", names, distances)


RESULTS: dict[str, Result] = {
    "classification": Classification(
        (ScoredLabel("tabby", 0.61), ScoredLabel("tiger cat", 0.2), ScoredLabel("lynx", 0.1)), "efficientnet"
    ),
    "detections": Detections(
        np.array([[1, 2, 30, 40], [5, 5, 50, 50], [0, 0, 9, 9]], np.float32),
        np.array([0.9, 0.6, 0.55], np.float32),
        ("person", "dog", "person"),
        "ssd",
    ),
    "text": TextRegions((TextLine("OPEN 9 to 5", 0.98, square(0, 0, 20)),), "ocr"),
    "faces": faces(),
    "named faces": faces(("ada", "unknown"), (0.41, None)),
    "tags": Tags(
        (ScoredLabel("bicycle", 0.8), ScoredLabel("snowy street", 0.5), ScoredLabel("cake", 0.1)),
        0.4,
        "minilm",
        (Coverage("cake", (("ImageNet 'trifle'", 0.61),), "fair", "known as trifle"),),
    ),
}


def outcomes(result: Result) -> list[Outcome[Result]]:
    return [
        Outcome("first.jpg", result=result),
        Outcome("broken.jpg", error=DecodeError("empty file (0 bytes); it may be an interrupted copy")),
        Outcome("second.jpg", result=result),
    ]


def columns_of(result: Result) -> tuple[str, ...]:
    return ("path", *result.columns, "error")


def written(result: Result, fmt: str, tally: Tally | None = None) -> str:
    stream = io.StringIO()
    write_rows(
        outcomes(result),
        fmt=fmt,  # type: ignore[arg-type]
        stream=stream,
        columns=columns_of(result),
        tally=tally or Tally(),
        untabled=result.untabled,
    )
    return stream.getvalue()


def table_rows(table: str) -> list[list[str]]:
    """The header and body rows of a Rich table, one list of cell texts each."""
    return [
        [cell.strip() for cell in re.split("[┃│]", line)[1:-1]]
        for line in table.splitlines()
        if line.startswith(("┃", "│"))
    ]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # no cell folds onto a second line


@pytest.mark.parametrize("name", RESULTS)
def test_jsonl_is_one_row_per_outcome(name: str) -> None:
    rows = [json.loads(line) for line in written(RESULTS[name], "jsonl").splitlines()]
    assert rows == [json.loads(outcome.to_json()) for outcome in outcomes(RESULTS[name])]
    assert rows[1] == {"path": "broken.jpg", "error": "empty file (0 bytes); it may be an interrupted copy"}
    assert rows[0]["model"] == RESULTS[name].to_dict()["model"]


@pytest.mark.parametrize("name", RESULTS)
def test_json_is_an_array_of_the_same_rows(name: str) -> None:
    text = written(RESULTS[name], "json")
    assert json.loads(text) == [json.loads(line) for line in written(RESULTS[name], "jsonl").splitlines()]
    assert text.startswith("[\n  {")
    assert text.endswith("}\n]\n")


@pytest.mark.parametrize("name", RESULTS)
def test_csv_columns_are_the_result_types_columns(name: str) -> None:
    result = RESULTS[name]
    reader = csv.DictReader(io.StringIO(written(result, "csv")))
    assert reader.fieldnames == list(columns_of(result))
    first, broken, second = list(reader)
    assert (first.pop("path"), second.pop("path")) == ("first.jpg", "second.jpg")
    assert first == second
    error = "empty file (0 bytes); it may be an interrupted copy"
    assert broken == {"path": "broken.jpg", "error": error} | dict.fromkeys(result.columns, "")
    fields = result.to_dict()
    for column in result.columns:  # lists and dicts as JSON, the rest as text
        value = fields[column]
        expected = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)
        assert first[column] == ("" if value is None else expected)
    assert first["error"] == ""


def test_csv_keeps_only_the_columns_asked_for() -> None:
    # Tags' columns have no "model" (several models make a tag); a row's extra fields are left out, not an error
    assert "model" in RESULTS["tags"].to_dict()
    header = written(RESULTS["tags"], "csv").splitlines()[0]
    assert header == "path,tags,label,score,scores,coverage,error"


@pytest.mark.parametrize("name", RESULTS)
def test_the_table_shows_the_columns_in_order_but_the_untabled(name: str) -> None:
    result = RESULTS[name]
    header, first, broken, second = table_rows(written(result, "table"))
    shown = [column for column in result.columns if column not in result.untabled]
    assert header == ["path", *shown]
    assert "model" not in header
    assert "error" not in header
    cells = result.cells()
    assert first == ["first.jpg", *[cells[column] for column in shown]]
    assert second == ["second.jpg", *first[1:]]
    assert broken == [
        "broken.jpg",
        "error: empty file (0 bytes); it may be an interrupted copy",
        *[""] * (len(shown) - 1),
    ]


def test_table_cells_are_the_results_own_words() -> None:
    tables = {name: table_rows(written(result, "table")) for name, result in RESULTS.items()}
    assert tables["classification"][1] == ["first.jpg", "tabby", "0.610", "tiger cat 0.20, lynx 0.10"]
    assert tables["detections"][1] == ["first.jpg", "2 × person, 1 × dog"]
    assert tables["text"][1] == ["first.jpg", "OPEN 9 to 5", "0.980", "1 line(s)"]
    assert tables["faces"][1] == ["first.jpg", "2 face(s)"]
    assert tables["named faces"][1] == ["first.jpg", "ada (0.41), unknown"]
    assert tables["tags"][0] == ["path", "tags", "label", "score", "scores"]  # coverage is printed once, above
    assert tables["tags"][1] == [
        "first.jpg",
        "bicycle, snowy street",
        "bicycle",
        "0.800",
        "snowy street 0.50, cake 0.10",
    ]


def test_a_table_cell_of_several_lines_stays_on_its_row() -> None:
    """A newline in a cell is shown escaped, as every control character on a terminal: no cell can start a row."""
    stream = io.StringIO()
    result = TextRegions((TextLine("OPEN", 0.98, square(0, 0, 20)), TextLine("9 to 5", 0.9, square(0, 30, 20))), "ocr")
    write_rows(
        [Outcome("sign.jpg", result=result)], fmt="table", stream=stream, columns=columns_of(result), tally=Tally()
    )
    assert table_rows(stream.getvalue()) == [
        ["path", "text", "score", "lines"],
        ["sign.jpg", "OPEN\\n9 to 5", "0.900", "2 line(s)"],
    ]


def test_the_table_shows_paths_under_the_working_folder_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "holiday" / "beach.jpg")
    found = [Outcome(absolute, result=RESULTS["faces"]), Outcome("/elsewhere/x.jpg", result=RESULTS["faces"])]
    stream = io.StringIO()
    write_rows(found, fmt="table", stream=stream, columns=columns_of(RESULTS["faces"]), tally=Tally())
    assert [row[0] for row in table_rows(stream.getvalue())[1:]] == ["holiday/beach.jpg", "/elsewhere/x.jpg"]
    stream = io.StringIO()
    write_rows(found, fmt="jsonl", stream=stream, columns=columns_of(RESULTS["faces"]), tally=Tally())
    assert json.loads(stream.getvalue().splitlines()[0])["path"] == absolute  # rows keep the path given


def test_video_frames_carry_their_frame_and_time() -> None:
    result = RESULTS["detections"]
    frames = [
        Outcome("clip.mp4", result=result, frame=0, time=0.0),
        Outcome("clip.mp4", result=result, frame=25, time=1.0),
    ]
    columns = ("path", "frame", "time", *result.columns, "error")
    stream = io.StringIO()
    write_rows(frames, fmt="csv", stream=stream, columns=columns, tally=Tally())
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [(row["frame"], row["time"]) for row in rows] == [("0", "0.0"), ("25", "1.0")]
    assert list(rows[0]) == list(columns)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_no_rows(fmt: str) -> None:
    stream = io.StringIO()
    write([], fmt=fmt, stream=stream, columns=("path", "label", "error"))  # type: ignore[arg-type]
    text = stream.getvalue()
    if fmt == "jsonl":
        assert text == ""
    elif fmt == "json":
        assert json.loads(text) == []
    elif fmt == "csv":
        assert text == "path,label,error\n"
    else:
        assert table_rows(text) == [["path", "label"]]


def test_plain_rows_and_a_title() -> None:
    rows = [Row.plain({"path": "a.jpg", "similarity": 0.98765, "tags": ["x", "y"]})]
    assert rows[0].cells == {"path": "a.jpg", "similarity": "0.988", "tags": "x, y"}
    assert not rows[0].failed
    stream = io.StringIO()
    write(rows, fmt="table", stream=stream, columns=("path", "similarity", "tags"), title="like\x1b[2J a.jpg")
    text = stream.getvalue()
    assert "like\\x1b[2J a.jpg" in text  # the title is text, control characters shown, not obeyed
    assert table_rows(text) == [["path", "similarity", "tags"], ["a.jpg", "0.988", "x, y"]]


def test_a_table_whose_first_column_is_not_the_path() -> None:
    """Duplicate groups are (group, kind, path): each column shows its own cell (the group column once showed the
    path)."""
    rows = [Row.plain({"group": 1, "kind": "near", "path": name}) for name in ("a.jpg", "b.jpg")]
    stream = io.StringIO()
    write(rows, fmt="table", stream=stream, columns=("group", "kind", "path"), title="duplicate groups")
    assert table_rows(stream.getvalue()) == [["group", "kind", "path"], ["1", "near", "a.jpg"], ["1", "near", "b.jpg"]]


def test_row_of_an_outcome() -> None:
    row = Row.of(Outcome("a.jpg", result=RESULTS["classification"]))
    assert not row.failed
    assert row.fields == {"path": "a.jpg", **RESULTS["classification"].to_dict()}
    assert row.cells["path"] == "a.jpg"
    assert row.cells["top"] == "tiger cat 0.20, lynx 0.10"  # the result's own cell, not the list's
    failed = Row.of(Outcome("b.jpg", error=DecodeError("not an image")))
    assert failed.failed
    assert failed.fields == {"path": "b.jpg", "error": "not an image"}


def test_the_tally_counts_what_was_written() -> None:
    tally = Tally()
    written(RESULTS["faces"], "jsonl", tally)
    assert (tally.processed, tally.failed) == (2, 1)
    summary = tally.summary("found faces in")
    assert re.fullmatch(
        r"found faces in 2 of 3 pictures, 1 failed \(their rows say why\) in \d+\.\d s \(\d+\.\d/s\)", summary
    )


def test_the_summary_without_failures() -> None:
    tally = Tally(processed=4, started=0.0)  # started long ago: a rate well under one a second
    summary = tally.summary("transcribed", "recordings")
    assert summary.startswith("transcribed 4 of 4 recordings in ")
    assert "failed" not in summary
    assert summary.endswith(" s each)")  # not "(0.0/s)"


def test_choose_format() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert choose_format("csv", Path("rows.json"), io.StringIO()) == "csv"  # asked for beats the extension
    assert choose_format(None, Path("rows.CSV"), Terminal()) == "csv"
    assert choose_format(None, Path("rows.ndjson"), Terminal()) == "jsonl"
    assert choose_format(None, Path("rows.json"), Terminal()) == "json"
    assert choose_format(None, Path("rows.txt"), Terminal()) == "jsonl"
    assert choose_format(None, None, Terminal()) == "table"
    assert choose_format(None, None, io.StringIO()) == "jsonl"  # a pipe or a file gets machine-readable rows
    with pytest.raises(InputError, match=r"unknown format 'xml'; choose one of table, json, jsonl, csv"):
        choose_format("xml", None, io.StringIO())
    # a file named as another kind (subtitles, a batch run's table) gets no rows unless --format asks for them
    for name in ("page.srt", "page.VTT", "rows.parquet", "rows.sqlite"):
        with pytest.raises(InputError, match=r"this command writes rows, not \.\w+ files .*name the output \.json"):
            choose_format(None, Path(name), Terminal())
    assert choose_format("jsonl", Path("page.srt"), Terminal()) == "jsonl"
