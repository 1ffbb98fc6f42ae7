"""Text is text: names and messages are never terminal markup or raw control characters; CSV cells cannot start
formulas (JSON keeps exact values)."""

from __future__ import annotations

import csv
import io
import json

from opensight import DecodeError
from opensight._text import csv_cell, printable, shown
from opensight.cli._output import Tally, write_rows
from opensight.results import Classification, Outcome, Result, ScoredLabel

NAMES = ["nowhere[/red].jpg", "[bold]x.jpg", "evil\x1b[31mred\nline.jpg", '=HYPERLINK("http://x").jpg']
COLUMNS = ("path", "label", "score", "top", "model", "error")


def outcomes() -> list[Outcome[Result]]:
    found = Classification((ScoredLabel('=HYPERLINK("http://x")', 0.9), ScoredLabel("[red]cat", 0.1)), "model")
    rows: list[Outcome[Result]] = []
    for name in NAMES:
        rows.append(Outcome(name=name, result=found))
        rows.append(Outcome(name=name, error=DecodeError(f"broken symbolic link: it points to {name!r}[/red]")))
    return rows


def test_the_table_shows_names_and_errors_as_text() -> None:
    buffer = io.StringIO()
    write_rows(outcomes(), fmt="table", stream=buffer, columns=COLUMNS, tally=Tally())
    table = buffer.getvalue()
    assert "\x1b" not in table  # no terminal command gets through
    assert "\\x1b[31mred" in table.replace("\n", "").replace("│", "").replace(" ", "")
    assert "[/red]" in table
    assert "[bold]x.jpg" in table.replace(" ", "")
    assert "[red]cat" in table.replace(" ", "")


def test_csv_cells_cannot_start_formulas_but_json_keeps_exact_values() -> None:
    buffer = io.StringIO()
    write_rows(outcomes(), fmt="csv", stream=buffer, columns=COLUMNS, tally=Tally())
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    hyperlink = [row for row in rows if "HYPERLINK" in row["path"]]
    assert hyperlink
    assert all(row["path"].startswith("'=HYPERLINK") for row in hyperlink)
    assert all(row["label"] == '\'=HYPERLINK("http://x")' for row in hyperlink if row["label"])
    buffer = io.StringIO()
    write_rows(outcomes(), fmt="jsonl", stream=buffer, columns=COLUMNS, tally=Tally())
    parsed = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert parsed[-2]["path"] == '=HYPERLINK("http://x").jpg'
    assert parsed[-2]["label"] == '=HYPERLINK("http://x")'
    assert parsed[4]["path"] == "evil\x1b[31mred\nline.jpg"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_csv_on_a_terminal_and_json_anywhere_send_no_terminal_command() -> None:
    # a new user's `--format csv` on a terminal sent a name's ESC [31m as it was (a .osm label's ESC [2J cleared it)
    sent = Outcome(
        name="evil\x1b[31mred\x9b2J\u202e.jpg", result=Classification((ScoredLabel("\x1b[2Jcat", 0.9),), "m")
    )
    terminal = _Terminal()
    write_rows([sent], fmt="csv", stream=terminal, columns=COLUMNS, tally=Tally())
    assert "\\x1b[31mred\\x9b2J\\u202e.jpg" in terminal.getvalue()
    assert "\\x1b[2Jcat" in terminal.getvalue()
    to_file = io.StringIO()
    write_rows([sent], fmt="csv", stream=to_file, columns=COLUMNS, tally=Tally())
    assert next(csv.DictReader(io.StringIO(to_file.getvalue())))["path"] == sent.name  # a file keeps the name
    for fmt in ("json", "jsonl"):
        buffer = io.StringIO()
        write_rows([sent], fmt=fmt, stream=buffer, columns=COLUMNS, tally=Tally())
        assert not set(buffer.getvalue()) & {"\x1b", "\x9b", "\u202e"}
        parsed = json.loads(buffer.getvalue())
        assert (parsed[0] if fmt == "json" else parsed)["path"] == sent.name  # the same value


def test_helpers() -> None:
    assert printable("a\x1b[2Jb\r\n\t\x7f\x9b\u202e") == "a\\x1b[2Jb\\r\\n\\t\\x7f\\x9b\\u202e"
    assert shown("[/red]\x1b") == "\\[/red]\\x1b"
    for start in "=+-@\t\r":
        assert csv_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert csv_cell("photo.jpg") == "photo.jpg"
    assert csv_cell(-1.5) == -1.5
    assert csv_cell(None) is None
