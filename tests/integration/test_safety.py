"""Safe by default, run as the real command: originals are never touched, non-regular files never hang a run,
failures of the machine are one sentence and exit 3, and text is never markup, control characters or formulas.

Every command runs with a time limit, so a regression that waits on a pipe or reads /dev/zero fails instead of
hanging. Read-only folders and a full disk are made in a user + mount namespace (``unshare -rm``: no root needed,
nothing outside the test's folder is touched); where the machine allows none, those tests skip and say why.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests._media import write_wav
from tests.conftest import OPENSIGHT

LIMIT = 180  # seconds: far above a normal run here, far below "forever"


def run(
    *args: str, cwd: Path | None = None, stdin: str | None = None, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400"}  # wide tables: no folding inside the names we look for
    return subprocess.run(
        [OPENSIGHT, *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env,
        timeout=LIMIT,
    )  # fmt: skip


def said(done: subprocess.CompletedProcess[str]) -> str:
    """For assertion messages: the exit status and what the command said on stderr."""
    return f"exit status {done.returncode}; stderr:\n{done.stderr}"


def picture(path: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rng.integers(0, 256, (48, 64, 3), dtype=np.uint8)).save(path)
    return path


def tone(path: Path, seconds: float = 1.0) -> Path:
    """A 440 Hz tone as a 16 kHz WAV (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_wav(path, np.sin(np.arange(int(16_000 * seconds)) * 2 * np.pi * 440 / 16_000) / 4)


def digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.iterdir()
        if path.is_file() and not path.is_symlink()
    }


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, said(done)


# -- 1. originals are never touched -------------------------------------------------------------------------------
def test_drawn_copies_never_replace_a_picture_of_the_same_name(tmp_path: Path) -> None:
    folder = tmp_path / "camera"
    for seed, name in enumerate(("photo.bmp", "photo.png", "shot.JPG", "shot.jpg")):
        picture(folder / name, seed)
    before = digests(folder)
    done = run("classify", str(folder), "--save-annotated", str(folder), "-f", "jsonl")
    assert done.returncode == 0, said(done)
    after = digests(folder)
    assert {name: after[name] for name in before} == before  # every original as it was
    assert sorted(set(after) - set(before)) == [
        "photo.annotated.png", "photo.bmp.annotated.png", "shot.annotated (2).jpg", "shot.annotated.jpg",
    ]  # fmt: skip
    assert "note:" in done.stderr
    assert "photo.bmp.annotated.png" in done.stderr, said(done)
    again = run("classify", str(folder / "photo.bmp"), str(folder / "photo.png"), "--save-annotated", str(folder))
    assert again.returncode == 0, said(again)
    assert {name: digest for name, digest in digests(folder).items() if name in after} == after  # nothing replaced
    assert {"photo.annotated (2).png", "photo.bmp.annotated (2).png"} <= set(digests(folder))
    (folder / "photo.annotated.png").write_bytes(b"an old drawing")
    replaced = run("classify", str(folder / "photo.png"), "--save-annotated", str(folder), "--overwrite")
    assert replaced.returncode == 0, said(replaced)
    assert digests(folder)["photo.png"] == before["photo.png"]  # an input, even with --overwrite
    assert digests(folder)["photo.annotated.png"] == after["photo.annotated.png"]  # asked for: replaced


def test_an_existing_output_needs_overwrite_and_an_input_is_never_one(tmp_path: Path) -> None:
    photo = picture(tmp_path / "photo.png", 1)
    rows = tmp_path / "rows.csv"
    rows.write_text("someone's spreadsheet\n")
    refused = run("classify", str(photo), "-o", str(rows))
    assert refused.returncode == 2, said(refused)
    assert f"{rows} already exists; choose another path or pass --overwrite" in refused.stderr
    assert "classified" not in refused.stderr  # refused before any work
    assert rows.read_text() == "someone's spreadsheet\n"
    done = run("classify", str(photo), "-o", str(rows), "--overwrite")
    assert done.returncode == 0, said(done)
    assert rows.read_text().startswith("path,label,score")
    original = photo.read_bytes()
    for target in (photo, tmp_path / "alias.png"):
        if target != photo:
            target.symlink_to(photo)
        for asked in ([], ["--overwrite"]):  # said the same way with or without --overwrite
            onto_input = run("classify", str(photo), "-o", str(target), "-f", "jsonl", *asked)
            assert onto_input.returncode == 2, said(onto_input)
            assert "is one of the inputs" in onto_input.stderr
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"someone's video")
    into_video = run("classify", str(photo), "--save-annotated", str(video))
    assert into_video.returncode == 2, said(into_video)
    assert video.read_bytes() == b"someone's video"
    assert photo.read_bytes() == original


@pytest.fixture(scope="module")
def taught(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny taught model (two classes of generated pictures) for the report and model-file cases."""
    root = tmp_path_factory.mktemp("taught")
    for name, colour in (("blue", (20, 30, 200)), ("red", (220, 40, 30))):
        (root / "data" / name).mkdir(parents=True)
        for number in range(4):
            shade = tuple(min(255, value + 6 * number) for value in colour)
            Image.new("RGB", (48, 48), shade).save(root / "data" / name / f"{number}.png")
    done = run("teach", str(root / "data"), "-o", str(root / "colours.osm"))
    assert done.returncode == 0, said(done)
    return root / "colours.osm"


def test_model_files_and_reports_need_overwrite(taught: Path, tmp_path: Path) -> None:
    data = taught.parent / "data"
    existing = tmp_path / "mine.osm"
    existing.write_bytes(b"another model")
    again = run("teach", str(data), "-o", str(existing))
    assert again.returncode == 2, said(again)
    assert "already exists" in again.stderr
    assert "Accuracy" not in again.stdout  # refused before teaching
    assert existing.read_bytes() == b"another model"
    notes = tmp_path / "notes.html"
    notes.write_text("my notes")
    report = run("teach", str(data), "-o", str(tmp_path / "new.osm"), "--report", str(notes))
    assert report.returncode == 2, said(report)
    assert not (tmp_path / "new.osm").exists()
    assert notes.read_text() == "my notes"
    refused = run("report", str(taught), "-o", str(notes))
    assert refused.returncode == 2, said(refused)
    assert notes.read_text() == "my notes"
    first = run("report", str(taught), "-o", str(tmp_path / "r.html"))
    assert first.returncode == 0, said(first)
    same = run("report", str(taught), "-o", str(tmp_path / "r.html"))  # exactly this report is there: fine
    assert same.returncode == 0, said(same)
    onto_model = run("report", str(taught), "-o", str(taught), "--overwrite")
    assert onto_model.returncode == 2, said(onto_model)
    assert "is one of the inputs" in onto_model.stderr
    replaced = run("teach", str(data), "-o", str(existing), "--overwrite")
    assert replaced.returncode == 0, said(replaced)
    assert existing.read_bytes()[:2] == b"PK"


def test_subtitles_per_file_and_batch_exports(tmp_path: Path) -> None:
    recordings = tmp_path / "recordings"
    tone(recordings / "monday" / "memo.wav")
    tone(recordings / "tuesday" / "memo.wav", 1.5)
    subtitles = tmp_path / "subtitles"
    done = run("transcribe", str(recordings), "-f", "srt", "-o", str(subtitles))
    assert done.returncode == 0, said(done)
    # each beside the others of its subfolder, as the recordings are (not one over the other, nor 'memo (2).srt')
    made = sorted(path.relative_to(subtitles).as_posix() for path in subtitles.rglob("*.srt"))
    assert made == ["monday/memo.srt", "tuesday/memo.srt"], made
    (subtitles / "monday" / "memo.srt").write_text("my corrected subtitles")
    refused = run("transcribe", str(recordings), "-f", "srt", "-o", str(subtitles))
    assert refused.returncode == 2, said(refused)
    assert "memo.srt already exists" in refused.stderr
    assert (subtitles / "monday" / "memo.srt").read_text() == "my corrected subtitles"
    # without --format, the file's extension says it (a new user's trial got rows of JSON in talk.srt)
    one = run("transcribe", str(recordings / "monday" / "memo.wav"), "-o", str(tmp_path / "talk.srt"))
    assert one.returncode == 0, said(one)
    assert not (tmp_path / "talk.srt").read_text().lstrip().startswith("{"), (tmp_path / "talk.srt").read_text()
    images = tmp_path / "images"
    picture(images / "a.png", 1)
    export = tmp_path / "rows.csv"
    first = run("run", "classify", str(images), "--out", str(export))
    assert first.returncode == 0, said(first)
    resumed = run("run", "classify", str(images), "--out", str(export), "--resume")  # its own export: updated
    assert resumed.returncode == 0, said(resumed)
    export.write_text(export.read_text() + "a note of mine\n")
    edited = run("run", "classify", str(images), "--out", str(export), "--resume")
    assert edited.returncode == 2, said(edited)
    assert export.read_text().endswith("a note of mine\n")


# -- 3. non-regular files never hang a run ------------------------------------------------------------------------
STRANGE = {
    "pipe.jpg": "named pipe (FIFO)",
    "socket.jpg": "socket",
    "loop.jpg": "symbolic link loop",
    "zero.jpg": "character device (/dev/zero)",
}


def strange_files(folder: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A FIFO, a UNIX socket, a symlink loop and a link to /dev/zero in ``folder``; returns name → expected words."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {name.replace(".jpg", suffix): words for name, words in STRANGE.items()}
    os.mkfifo(folder / f"pipe{suffix}")
    monkeypatch.chdir(folder)  # a socket's path must be short: bind it by its relative name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(f"socket{suffix}")
    (folder / f"loop{suffix}").symlink_to(folder / f"other{suffix}")
    (folder / f"other{suffix}").symlink_to(folder / f"loop{suffix}")
    names[f"other{suffix}"] = "symbolic link loop"
    (folder / f"zero{suffix}").symlink_to("/dev/zero")
    return names


@pytest.fixture
def strange_pictures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str], list[str]]:
    """Two classes of good pictures with a FIFO, a socket, a link loop and a /dev/zero link among them."""
    root = tmp_path / "strange"
    good = []
    for number in range(3):
        good.append(picture(root / "cats" / f"cat{number}.png", number).name)
        good.append(picture(root / "dogs" / f"dog{number}.png", 10 + number).name)
    bad = strange_files(root / "cats", ".jpg", monkeypatch)
    monkeypatch.chdir(tmp_path)
    return root, bad, sorted(good)


def test_pipes_sockets_devices_and_loops_are_error_rows_in_every_command(
    strange_pictures: tuple[Path, dict[str, str], list[str]], tmp_path: Path
) -> None:
    root, bad, good = strange_pictures
    classified = run("classify", str(root), "-f", "jsonl")
    assert classified.returncode == 1, said(classified)
    rows = {Path(row["path"]).name: row for row in map(json.loads, classified.stdout.splitlines())}
    assert sorted(rows) == sorted([*bad, *good])
    for name, words in bad.items():
        assert words in rows[name]["error"], rows[name]
        assert "does not exist" not in rows[name]["error"]
    assert all("label" in rows[name] for name in good)

    batch = run("run", "classify", str(root), "--db", str(tmp_path / "r.sqlite"))
    assert batch.returncode == 1, said(batch)
    with sqlite3.connect(tmp_path / "r.sqlite") as db:
        stored = {Path(path).name: error for path, error in db.execute("SELECT path, error FROM results")}
    assert sorted(stored) == sorted([*bad, *good])
    assert all(words in str(stored[name]) for name, words in bad.items()), stored
    assert all(stored[name] is None for name in good)

    indexed = run("index", str(root))
    assert indexed.returncode == 0, said(indexed)
    assert f"indexed {len(good)} pictures" in indexed.stderr
    assert all(name in indexed.stderr for name in bad), said(indexed)
    copies = run("duplicates", str(root), "-f", "jsonl")
    assert copies.returncode == 0, said(copies)
    assert all(name in copies.stderr for name in bad), said(copies)  # skipped files are said, not passed over

    taught = run("teach", str(root), "-o", str(tmp_path / "pets.osm"), "-f", "json")
    assert taught.returncode == 1, said(taught)  # "some inputs failed": the model is saved, the skipped listed
    assert (tmp_path / "pets.osm").is_file()
    skipped = {Path(entry["path"]).name: entry["reason"] for entry in json.loads(taught.stdout)["card"]["skipped"]}
    assert sorted(skipped) == sorted(bad)
    assert all(words in skipped[name] for name, words in bad.items())


def test_transcribe_refuses_them_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "audio"
    tone(folder / "memo.wav")
    bad = strange_files(folder, ".wav", monkeypatch)
    monkeypatch.chdir(tmp_path)
    done = run("transcribe", str(folder), "-f", "jsonl")
    assert done.returncode == 1, said(done)
    rows = {Path(row["path"]).name: row for row in map(json.loads, done.stdout.splitlines())}
    assert sorted(rows) == sorted([*bad, "memo.wav"])
    assert all(words in rows[name]["error"] for name, words in bad.items()), rows
    assert "error" not in rows["memo.wav"]


# -- 6. failures of the machine are one sentence, exit 3, and what was done stays --------------------------------
def test_a_full_device_for_rows_or_stdout_exits_3_with_a_sentence(tmp_path: Path) -> None:
    photo = picture(tmp_path / "photo.png", 3)
    full = run("classify", str(photo), "-o", "/dev/full")
    assert full.returncode == 3, said(full)
    assert "could not write the rows to /dev/full: the disk is full" in full.stderr
    no_traceback(full)
    for fmt in ("jsonl", "table", "csv"):
        with open("/dev/full", "w") as device:  # the output target only: nothing is read or changed there
            to_stdout = run("classify", str(photo), "-f", fmt, stdout=device.fileno())
        assert to_stdout.returncode == 3, said(to_stdout)
        assert "could not write standard output: the disk is full" in to_stdout.stderr
        no_traceback(to_stdout)


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for number in range(3):
        picture(tmp_path / f"{number}.png", number)
    for label in ("a", "b"):  # teach prints sentences through rich, which exits 1 on a closed pipe by itself
        for number in range(3):
            picture(tmp_path / "classes" / label / f"{number}.png", number + (10 if label == "b" else 0))
    commands = (
        ["classify", str(tmp_path), "-f", "jsonl"],
        ["teach", str(tmp_path / "classes"), "-o", str(tmp_path / "m.osm"), "--data-dir", str(tmp_path / "home")],
    )
    for command in commands:
        process = subprocess.Popen([OPENSIGHT, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.close()  # like `| head -0`: the reader is gone before the first row
        _, error = process.communicate(timeout=LIMIT)
        assert process.returncode == 141, (command[0], error.decode())
        assert b"Traceback" not in error
        assert b"error" not in error


def namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) in a new user + mount namespace, where it may mount a tmpfs or a read-only bind over a
    folder of the test's own; the mounts vanish with it."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip(
            "making a read-only folder or a small full disk without root needs a user + mount namespace "
            "(unshare -rm), which this machine does not allow"
        )
    env = {**os.environ, "OPENSIGHT": OPENSIGHT, "PYTHON": sys.executable}
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=4 * LIMIT
    )


def read_only(folder: str) -> str:
    return f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "


def test_read_only_targets_exit_3_with_a_sentence(taught: Path, tmp_path: Path) -> None:
    photo = picture(tmp_path / "photo.png", 4)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "drawn").mkdir()
    cases = {
        "annotated": f'"$OPENSIGHT" classify {photo} --save-annotated locked/drawn',
        "rows": f'"$OPENSIGHT" classify {photo} -o locked/rows.csv',
        "report": f'"$OPENSIGHT" report {taught} -o locked/report.html',
        "teach report": f'"$OPENSIGHT" teach {taught.parent / "data"} -o model.osm --report locked/report.html',
    }
    for what, command in cases.items():
        done = namespace(read_only("locked") + command, tmp_path)
        assert done.returncode == 3, f"{what}: {said(done)}"
        assert "read-only" in done.stderr, f"{what}: {said(done)}"
        assert done.stderr.count("error:") == 1, f"{what}: {said(done)}"
        no_traceback(done)
    assert (tmp_path / "model.osm").is_file()  # what was done before the report failed is kept
    assert not any((tmp_path / "locked").rglob("*.*"))


def test_a_read_only_results_database_is_not_called_foreign(tmp_path: Path) -> None:
    picture(tmp_path / "images" / "a.png", 5)
    (tmp_path / "locked").mkdir()
    first = run("run", "classify", "images", "--db", "locked/r.sqlite", cwd=tmp_path)
    assert first.returncode == 0, said(first)
    before = (tmp_path / "locked" / "r.sqlite").read_bytes()
    done = namespace(read_only("locked") + '"$OPENSIGHT" run classify images --db locked/r.sqlite --resume', tmp_path)
    assert done.returncode == 3, said(done)
    assert "read-only" in done.stderr, said(done)
    assert "not an opensight-results database" not in done.stderr
    no_traceback(done)
    assert (tmp_path / "locked" / "r.sqlite").read_bytes() == before


def test_a_full_disk_at_commit_keeps_the_results_database_consistent(tmp_path: Path) -> None:
    for number in range(8):
        picture(tmp_path / "first" / f"{number}.png", number)
    for number in range(240):
        picture(tmp_path / "many" / f"{number:03d}.png", 100 + number)
    (tmp_path / "disk").mkdir()
    (tmp_path / "kept").mkdir()
    leave_free = (  # fill the small disk up to 96 KB: a few of the next run's transactions fit, then it is full
        "import os; s = os.statvfs('disk'); open('disk/filler', 'wb').write(bytes(s.f_bavail * s.f_frsize - 98304))"
    )
    script = (
        "mount -t tmpfs -o size=1m opensight-test disk || exit 99\n"
        '"$OPENSIGHT" run classify first --db disk/r.sqlite 2> kept/first.err; echo $? > kept/first.rc\n'
        f'"$PYTHON" -c "{leave_free}"\n'
        '"$OPENSIGHT" run classify many --db disk/r.sqlite 2> kept/second.err; echo $? > kept/second.rc\n'
        "cp disk/r.sqlite* kept/\n"
    )
    done = namespace(script, tmp_path)
    assert done.returncode == 0, said(done)
    kept = tmp_path / "kept"
    assert (kept / "first.rc").read_text().strip() == "0", (kept / "first.err").read_text()
    stderr = (kept / "second.err").read_text()
    assert (kept / "second.rc").read_text().strip() == "3", stderr
    assert "the disk is full" in stderr
    assert "run again with --resume" in stderr
    assert "Traceback" not in stderr
    with sqlite3.connect(kept / "r.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        runs = db.execute("SELECT run_id FROM runs ORDER BY started, rowid").fetchall()
        counts = [db.execute("SELECT count(*) FROM results WHERE run_id = ?", run).fetchone()[0] for run in runs]
    assert counts[0] == 8  # the first run's rows, intact
    assert counts[1] % 64 == 0  # whole transactions only (64 rows each)
    assert counts[1] < 240


# -- 7. text is text ------------------------------------------------------------------------------------------------
def test_names_are_shown_as_text_never_as_markup_or_terminal_commands(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "link.jpg").symlink_to("nowhere[/red]")
    picture(folder / "[bold]x.jpg", 6)
    picture(folder / "evil\x1b[31mred\nline.jpg", 7)
    table = run("classify", str(folder), "-f", "table")
    assert table.returncode == 1, said(table)  # the dangling link fails; nothing crashes
    no_traceback(table)
    assert "\x1b" not in table.stdout
    assert "nowhere[/red]" in table.stdout
    assert "[bold]x.jpg" in table.stdout
    assert "evil\\x1b[31mred\\nline.jpg" in table.stdout
    target = tmp_path / "rows\x1b[2J[red]x.csv"
    target.write_text("mine")
    refused = run("classify", str(folder), "-o", str(target))
    assert refused.returncode == 2, said(refused)
    assert "\x1b" not in refused.stderr
    assert "rows\\x1b[2J[red]x.csv already exists" in refused.stderr


def test_csv_cells_cannot_start_formulas(tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://example.invalid")+1.jpg', "+cmd.jpg", "-cmd.jpg", "@SUM(A1).jpg"]
    for seed, name in enumerate(names):
        picture(tmp_path / name, seed)
    listing = "".join(f"{name}\n" for name in names)
    as_csv = run("classify", "-", "-f", "csv", cwd=tmp_path, stdin=listing)
    assert as_csv.returncode == 0, said(as_csv)
    cells = [row["path"] for row in csv.DictReader(io.StringIO(as_csv.stdout))]
    assert cells == [f"'{name}" for name in names]
    as_jsonl = run("classify", "-", "-f", "jsonl", cwd=tmp_path, stdin=listing)
    assert [json.loads(line)["path"] for line in as_jsonl.stdout.splitlines()] == names  # exact in JSON
    exported = run("run", "classify", "-", "--out", "rows.csv", cwd=tmp_path, stdin=listing)
    assert exported.returncode == 0, said(exported)
    with open(tmp_path / "rows.csv", newline="") as handle:
        assert sorted(row["path"] for row in csv.DictReader(handle)) == sorted(f"'{name}" for name in names)
