"""Batch runs: exactly-once under kill -9, resume, exports, bad inputs (local engine)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import OPENSIGHT


def make_images(folder: Path, count: int, *, corrupt: int = 0, seed: int = 0) -> Path:
    """``count`` small generated pictures (mixed sizes and formats) and ``corrupt`` broken files."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        height, width = int(rng.integers(40, 160)), int(rng.integers(40, 160))
        base = rng.integers(0, 256, 3)
        pixels = np.clip(base + rng.normal(0, 40, (height, width, 3)), 0, 255).astype(np.uint8)
        suffix = ".png" if index % 3 == 0 else ".jpg"
        Image.fromarray(pixels).save(folder / f"img_{index:04d}{suffix}")
    for index in range(corrupt):
        (folder / f"broken_{index}.jpg").write_bytes(b"\xff\xd8\xff" + bytes(rng.integers(0, 256, 50, dtype=np.uint8)))
    return folder


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([OPENSIGHT, "run", *args], capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload, no-any-return]


def rows(db: Path) -> dict[str, tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        found = connection.execute("SELECT path, sha256, error, label, score, result FROM results").fetchall()
    return {row[0]: row[1:] for row in found}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_images(tmp_path_factory.mktemp("batch") / "images", 300, corrupt=4)


@pytest.fixture(scope="module")
def reference(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, ...]]:
    db = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    done = run("classify", str(batch), "--db", str(db))
    assert done.returncode == 1, done.stderr  # the corrupt files fail, the rest go through
    assert "300 of 304 inputs processed, 4 failed" in done.stderr
    return rows(db)


def test_rows_are_documented_and_queryable(reference: dict[str, tuple[object, ...]], batch: Path) -> None:
    assert len(reference) == 304
    sha, error, label, score, result = reference[str(batch / "img_0001.jpg")]
    assert isinstance(sha, str)
    assert len(sha) == 64
    assert error is None
    assert isinstance(label, str)
    assert isinstance(score, float)
    assert json.loads(str(result))["top"][0]["label"] == label
    broken = reference[str(batch / "broken_0.jpg")]
    assert broken[1] is not None
    assert broken[4] is None


def _rows_written(db: Path) -> int:
    """How many result rows a run has committed so far (0 while the database or its table does not exist yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_exactly_once_under_kill_9(batch: Path, reference: dict[str, tuple[object, ...]], tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        before = _rows_written(db)
        process = subprocess.Popen(
            [OPENSIGHT, "run", "classify", str(batch), "--db", str(db), "--resume"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # killed once it has written rows, not after a fixed time: on a fast day of a machine the whole run took less
        # than the sleep did and was never killed twice
        deadline = time.monotonic() + 120
        while process.poll() is None and _rows_written(db) <= before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 2
    finished = run("classify", str(batch), "--db", str(db), "--resume")
    assert "already done" in finished.stderr
    got = rows(db)
    assert sorted(got) == sorted(reference)  # exactly one row per input: none lost, none duplicated
    for path, expected in reference.items():
        assert got[path][:3] == expected[:3], path
        if expected[3] is not None:
            assert got[path][3] == pytest.approx(expected[3], abs=1e-5)
    with sqlite3.connect(db) as connection:
        (runs,) = connection.execute("SELECT count(*) FROM runs").fetchone()
        (status,) = connection.execute("SELECT status FROM runs").fetchone()
    assert runs == 1
    assert status == "complete"


def test_resume_redoes_changed_files_only(tmp_path: Path) -> None:
    images = make_images(tmp_path / "images", 12)
    db = tmp_path / "r.sqlite"
    assert run("classify", str(images), "--db", str(db)).returncode == 0
    before = rows(db)
    changed = images / "img_0003.png"
    Image.new("RGB", (90, 90), (250, 10, 10)).save(changed)
    again = run("classify", str(images), "--db", str(db), "--resume")
    assert "11 already done" in again.stderr
    after = rows(db)
    assert len(after) == 12
    assert after[str(changed)][0] != before[str(changed)][0]
    assert all(after[p] == before[p] for p in before if p != str(changed))


def test_a_file_deleted_before_resuming_has_no_row(tmp_path: Path) -> None:
    # a new user's resumed run said "5 of 4 inputs processed" and exported the deleted file's row
    images = make_images(tmp_path / "images", 5)
    target = tmp_path / "rows.csv"
    first = run("classify", str(images), "--out", str(target))
    assert first.returncode == 0, first.stderr
    (images / "img_0002.jpg").unlink()
    again = run("classify", str(images), "--out", str(target), "--resume")
    assert again.returncode == 0, again.stderr
    assert "4 already done; 4 of 4 inputs processed" in again.stderr
    assert len(target.read_text().splitlines()) == 5
    assert "img_0002" not in target.read_text()
    assert set(rows(tmp_path / "rows.csv.sqlite")) == {str(path) for path in images.iterdir()}


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_exports(tmp_path: Path, suffix: str) -> None:
    images = make_images(tmp_path / "images", 10, corrupt=1)
    target = tmp_path / f"out{suffix}"
    done = run("classify", str(images), "--out", str(target))
    assert done.returncode == 1
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(target)
        assert table.num_rows == 11
        assert table.column_names == [
            "run_id", "path", "sha256", "size", "mtime", "elapsed_ms", "error", "label", "score", "result",
        ]  # fmt: skip
    elif suffix == ".csv":
        lines = target.read_text().splitlines()
        assert lines[0] == "run_id,path,sha256,size,mtime,elapsed_ms,error,label,score,result"
        assert len(lines) == 12
    else:
        parsed = [json.loads(line) for line in target.read_text().splitlines()]
        assert len(parsed) == 11
        good = next(row for row in parsed if "label" in row)
        assert {"path", "label", "score", "top", "sha256", "size", "mtime", "run_id", "elapsed_ms"} <= set(good)
        assert "error" in next(row for row in parsed if "label" not in row)


def test_another_jobs_run_does_not_replace_an_export(tmp_path: Path) -> None:
    """A job's export is brought up to date by the same job (run again, or resumed), but a run over other inputs
    into the same file replaced it: a new user's ten rows became the one row of a subfolder (they stayed in the
    database beside it, which the export's name does not say)."""
    images = make_images(tmp_path / "images", 4)
    (images / "sub").mkdir()
    make_images(images / "sub", 1)
    target = tmp_path / "rows.csv"
    first = run("classify", str(images), "--out", str(target))
    assert first.returncode == 0, first.stderr
    written = target.read_bytes()
    other = run("classify", str(images / "sub"), "--out", str(target))
    assert other.returncode == 2, other.stderr
    assert "already exists" in other.stderr
    assert target.read_bytes() == written
    again = run("classify", str(images), "--out", str(target), "--resume")  # the same job: its own export
    assert again.returncode == 0, again.stderr
    replaced = run("classify", str(images / "sub"), "--out", str(target), "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert len(target.read_text().splitlines()) == 2  # the header and the subfolder's row, as asked


def test_predict_and_embed_jobs(tmp_path: Path) -> None:
    images = make_images(tmp_path / "images", 6)
    done = run("embed", str(images), "--db", str(tmp_path / "e.sqlite"))
    assert done.returncode == 0
    result = json.loads(str(next(iter(rows(tmp_path / "e.sqlite").values()))[4]))
    assert len(result["embedding"]) == 1280
    missing = run("predict", str(images), "--db", str(tmp_path / "p.sqlite"))
    assert missing.returncode == 2
    assert "--model MODEL.osm" in missing.stderr


def test_bad_batch_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("classify", str(empty), "--db", str(tmp_path / "x.sqlite"))
    assert nothing.returncode == 2
    assert "no pictures found" in nothing.stderr
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER)")
    before = foreign.read_bytes()
    images = make_images(tmp_path / "images", 3)
    refused = run("classify", str(images), "--db", str(foreign))
    assert refused.returncode == 2
    assert "not an opensight-results database" in refused.stderr
    assert foreign.read_bytes() == before
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    try:
        denied = run("classify", str(images), "--db", str(readonly / "r.sqlite"))
        if os.geteuid() != 0:  # root writes anyway (test_safety makes a read-only folder that holds for root too)
            assert denied.returncode == 3, denied.stderr  # could not finish: a sentence, not a usage error
            assert "could not write" in denied.stderr
    finally:
        readonly.chmod(0o755)
    listing = f"{images / 'img_0000.png'}\n{images / 'deleted.jpg'}\n"
    vanished = subprocess.run(
        [OPENSIGHT, "run", "classify", "-", "--db", str(tmp_path / "v.sqlite")],
        input=listing,
        capture_output=True,
        text=True,
    )
    assert vanished.returncode == 1
    assert "no such file" in str(rows(tmp_path / "v.sqlite")[str(images / "deleted.jpg")][1])
    misnamed = run("classify", str(images), "--out", str(tmp_path / "rows.txt"))  # said only after the whole run
    assert misnamed.returncode == 2, misnamed.stderr
    assert "--out must end in .parquet, .csv or .jsonl (got rows.txt)" in misnamed.stderr
    assert not list(tmp_path.glob("rows.txt*"))
    unknown = run("frobnicate", str(images), "--db", str(tmp_path / "y.sqlite"))
    assert unknown.returncode == 2
    assert "classify, embed, predict" in unknown.stderr


def test_a_ray_address_that_does_not_answer(tmp_path: Path) -> None:
    images = make_images(tmp_path / "images", 2)
    started = time.perf_counter()
    done = run(
        "classify", str(images), "--db", str(tmp_path / "x.sqlite"), "--engine", "ray", "--address", "127.0.0.2:1"
    )
    assert done.returncode == 2
    assert "no Ray cluster answers at 127.0.0.2:1" in done.stderr
    assert time.perf_counter() - started < 60
