"""read from the command line: --format txt (into a folder, with --save-annotated, on a terminal), the tesseract
engine, and read as a batch run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests._media import SENTENCES, cer, render_lines
from tests.conftest import OPENSIGHT, png_with_size


def test_cli_txt_annotated_and_error_rows(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    render_lines(["Invoice 2031", "Total 99.00"], 30).save(folder / "invoice.png")
    (folder / "broken.png").write_bytes(png_with_size(10, 10)[:30])
    done = subprocess.run(
        [OPENSIGHT, "read", str(folder / "invoice.png"), "-f", "txt", "--save-annotated", str(tmp_path / "boxes")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Invoice 2031\nTotal 99.00\n"
    assert (tmp_path / "boxes" / "invoice.png").is_file()  # drawn with txt too (it drew nothing, silently)
    done = subprocess.run(
        [OPENSIGHT, "read", str(folder), "--format", "jsonl", "--save-annotated", str(tmp_path / "drawn")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1  # the broken file
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["error"]
    assert rows[1]["text"] == "Invoice 2031\nTotal 99.00"
    assert (tmp_path / "drawn" / "invoice.png").is_file()
    (folder / "broken.png").unlink()
    render_lines(["Open at 7"], 30).save(folder / "sign.png")
    texts = tmp_path / "texts"
    done = subprocess.run(
        [OPENSIGHT, "read", str(folder), "--format", "txt", "-o", str(texts)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    # a file each, ending with a newline as text files do (cat of them all ran one file's last line into the next)
    assert (texts / "invoice.txt").read_text() == "Invoice 2031\nTotal 99.00\n"
    assert (texts / "sign.txt").read_text() == "Open at 7\n"
    render_lines(["Closed on Sunday"], 30).save(folder / "sign.jpg")  # two inputs named 'sign': which is which
    again = subprocess.run(
        [OPENSIGHT, "read", str(folder), "-f", "txt", "-o", str(tmp_path / "again")], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert {path.name for path in (tmp_path / "again").iterdir()} == {"invoice.txt", "sign.txt", "sign (2).txt"}
    assert "sign (2).txt (another input has its name)" in " ".join(again.stderr.split()), again.stderr
    # one picture into a folder not there yet, named with a slash: it was a FILE called 'one' (a new user's check)
    done = subprocess.run(
        [OPENSIGHT, "read", str(folder / "sign.png"), "-f", "txt", "-o", f"{tmp_path / 'one'}/"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "one" / "sign.txt").read_text() == "Open at 7\n"
    Image.new("RGB", (300, 200), "white").save(folder / "blank page.png")  # an empty line alone said nothing
    done = subprocess.run([OPENSIGHT, "read", str(folder), "-f", "txt"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"note: no text was found in {folder / 'blank page.png'}" in " ".join(done.stderr.split()), done.stderr
    # text has no rows: the summary points at the error printed for a failed picture (it said "their rows say why")
    done = subprocess.run([OPENSIGHT, "read", str(tmp_path / "gone.png"), "-f", "txt"], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "1 failed (the errors above say why)" in " ".join(done.stderr.split()), done.stderr


def test_text_printed_to_a_terminal_starts_each_header_on_its_own_line(tmp_path: Path) -> None:
    """On a terminal, the text of several pictures streams by without a progress bar: with one on the same screen,
    each ``==> name <==`` header was printed onto the end of the bar's line."""
    import pty
    import select

    for number, words in enumerate((["First sign here"], ["Second sign here"])):
        render_lines(words, 30).save(tmp_path / f"sign{number}.png")
    screen, terminal = pty.openpty()
    done = subprocess.Popen(
        [OPENSIGHT, "read", str(tmp_path / "sign0.png"), str(tmp_path / "sign1.png"), "--format", "txt"],
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(terminal)
    shown = b""
    while select.select([screen], [], [], 120)[0]:  # two minutes without output: stop reading (the wait fails)
        try:
            chunk = os.read(screen, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(screen)
    assert done.wait(timeout=120) == 0, shown.decode(errors="replace")
    lines = shown.decode(errors="replace").replace("\r\n", "\n").split("\n")
    headers = [line for line in lines if "==>" in line]
    assert len(headers) == 2, lines
    assert all(line.startswith("==> ") for line in headers), headers
    assert lines[lines.index(headers[1]) - 1] == "", lines  # a blank line between one picture's text and the next
    assert "━" not in shown.decode(errors="replace")  # no bar drawn on the screen the text goes to


def test_tesseract_engine_or_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "page.png"
    render_lines(["Clean printed document", "Second line of text"], 32).save(page)
    done = subprocess.run(
        [OPENSIGHT, "read", str(page), "--engine", "tesseract", "-f", "txt"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert cer("Clean printed document\nSecond line of text", done.stdout.strip()) < 0.05
    hidden = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # no tesseract on this PATH
    done = subprocess.run(
        [OPENSIGHT, "read", str(page), "--engine", "tesseract"], capture_output=True, text=True, env=hidden
    )
    assert done.returncode == 2
    assert "apt-get install tesseract-ocr" in done.stderr


def test_read_as_a_batch_run(tmp_path: Path) -> None:
    folder = tmp_path / "signs"
    folder.mkdir()
    for number, sentence in enumerate(SENTENCES[:3]):
        render_lines([sentence], 28).save(folder / f"sign{number}.png")
    db = tmp_path / "signs.sqlite"
    done = subprocess.run([OPENSIGHT, "run", "read", str(folder), "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as connection:
        found = connection.execute("SELECT path, json_extract(result, '$.text') FROM results ORDER BY path").fetchall()
    assert [text for _, text in found] == list(SENTENCES[:3])
