"""The Ray engine gives the same rows as the local engine: on a local Ray and on a real 2-node cluster
(head + worker on loopback, token auth, one CPU each). Only 127.0.0.x is used; only our processes are killed."""

from __future__ import annotations

import contextlib
import json
import os
import random
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.integration.test_run import make_images, rows

pytestmark = [pytest.mark.ray, pytest.mark.timeout(600)]
BIN = Path(sys.executable).parent
# Token auth with a token of this run's own, passed to head, worker and driver: on a fresh machine there is no
# ~/.ray/auth_token (a head then refuses to start), and a test must not create one outside its temp dir.
RAY_ENV = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32), "RAY_USAGE_STATS_ENABLED": "0"}


def _port_is_free(port: int) -> bool:
    """Nothing listens on ``port`` on any address (Ray binds some services to the node address, some to all)."""
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
        return True


def _free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as probe:
            probe.bind(("0.0.0.0", 0))
            port = int(probe.getsockname()[1])
        if port not in ports:
            ports.append(port)
    return ports


def _worker_range(size: int = 40) -> tuple[int, int]:
    """A run of ``size`` free ports for Ray's workers, away from the ephemeral range the kernel hands out."""
    rng = random.Random()
    for _ in range(200):
        first = rng.randrange(20000, 30000 - size)
        if all(_port_is_free(port) for port in range(first, first + size)):
            return first, first + size - 1
    raise RuntimeError("no run of 40 free ports between 20000 and 30000 for Ray's workers")


def _node_ports() -> list[str]:
    """Every port a Ray node opens, chosen explicitly, so that two nodes (or a second Ray) cannot collide."""
    names = (
        "node-manager-port",
        "object-manager-port",
        "metrics-export-port",
        "dashboard-agent-listen-port",
        "dashboard-agent-grpc-port",
        "runtime-env-agent-port",
    )
    first, last = _worker_range()
    chosen = [f"--{name}={port}" for name, port in zip(names, _free_ports(len(names)), strict=True)]
    return [*chosen, f"--min-worker-port={first}", f"--max-worker-port={last}"]


def _ray_start(args: list[str], env: dict[str, str]) -> None:
    """``ray start ...``; a failure shows Ray's own output."""
    done = subprocess.run([str(BIN / "ray"), "start", *args], env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(
            f"`ray start {' '.join(args)}` exited {done.returncode}\n"
            f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
        )


def _start_cluster(temp: str) -> str:
    """Head and worker on 127.0.0.2, one CPU each, every port explicit; returns the head's address."""
    env = {**os.environ, **RAY_ENV}
    common = ["--node-ip-address=127.0.0.2", "--num-cpus=1", "--disable-usage-stats"]
    (port,) = _free_ports(1)  # (no Ray Client server: it needs ray[client], which is not installed)
    head = ["--head", f"--port={port}", "--include-dashboard=false"]
    _ray_start([*head, f"--temp-dir={temp}", *common, *_node_ports()], env)
    _ray_start([f"--address=127.0.0.2:{port}", *common, *_node_ports()], env)
    return f"127.0.0.2:{port}"


def _kill_ours(marker: str) -> None:
    """Kill every process whose command line names our temp dir, and their children: nobody else's Ray."""
    victims: set[psutil.Process] = set()
    for process in psutil.process_iter(["cmdline"]):
        try:
            if any(marker in part for part in process.info["cmdline"] or []):
                victims.add(process)
                victims.update(process.children(recursive=True))
        except psutil.Error:
            continue
    for victim in victims:
        with contextlib.suppress(psutil.Error):
            victim.kill()
    psutil.wait_procs(list(victims), timeout=15)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real 2-node Ray cluster: head and worker on 127.0.0.2, one CPU each, token auth. A start that fails
    (a port taken between choosing and binding it) is retried once with new ports; the error shows Ray's output."""
    temp = tempfile.mkdtemp(prefix="osray-", dir="/tmp")  # Ray's socket paths must stay short
    try:
        try:
            address = _start_cluster(temp)
        except RuntimeError as first:
            _kill_ours(temp)
            try:
                address = _start_cluster(temp)
            except RuntimeError as second:
                raise RuntimeError(f"the Ray cluster did not start twice:\n{first}\n---\n{second}") from None
        yield address
    finally:
        _kill_ours(temp)


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[object, ...]]]:
    images = make_images(tmp_path_factory.mktemp("ray") / "images", 60, corrupt=2, seed=3)
    db = images.parent / "local.sqlite"
    done = subprocess.run(
        [str(BIN / "opensight"), "run", "classify", str(images), "--db", str(db)], capture_output=True
    )
    assert done.returncode == 1  # the two corrupt files
    return images, rows(db)


def _assert_same(got: dict[str, tuple[object, ...]], expected: dict[str, tuple[object, ...]]) -> None:
    assert sorted(got) == sorted(expected)
    for path, (sha, error, label, score, _result) in expected.items():
        assert got[path][:3] == (sha, error, label), path
        if score is not None:
            assert got[path][3] == pytest.approx(score, abs=1e-5)


def _run_ray(images: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "opensight"), "run", "classify", str(images), "--db", str(db), "--engine", "ray", *extra],
        capture_output=True, text=True, timeout=600, env={**os.environ, **RAY_ENV},
    )  # fmt: skip


def test_two_node_cluster_gives_the_local_rows(cluster: str, job: tuple[Path, dict[str, tuple[object, ...]]]) -> None:
    images, expected = job
    db = images.parent / "cluster.sqlite"
    done = _run_ray(images, db, "--address", cluster)
    assert done.returncode == 1, done.stderr
    assert "60 of 62 inputs processed, 2 failed" in done.stderr
    _assert_same(rows(db), expected)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT engine, status FROM runs").fetchone() == ("ray", "complete")


def test_local_ray_gives_the_local_rows(job: tuple[Path, dict[str, tuple[object, ...]]]) -> None:
    images, expected = job
    db = images.parent / "local-ray.sqlite"
    done = _run_ray(images, db)
    assert done.returncode == 1, done.stderr
    _assert_same(rows(db), expected)


def test_detect_on_the_cluster_matches_local(cluster: str, photos: Path, tmp_path: Path) -> None:
    local, remote = tmp_path / "local.sqlite", tmp_path / "remote.sqlite"
    subprocess.run([str(BIN / "opensight"), "run", "detect", str(photos), "--db", str(local)], check=True)
    command = [str(BIN / "opensight"), "run", "detect", str(photos), "--db", str(remote)]
    done = subprocess.run(
        [*command, "--engine", "ray", "--address", cluster],
        capture_output=True, text=True, timeout=600, env={**os.environ, **RAY_ENV},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(local) as a, sqlite3.connect(remote) as b:
        query = "SELECT path, sha256, result FROM results ORDER BY path"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_read_transcribe_and_tag_on_the_cluster_match_local(cluster: str, tmp_path: Path) -> None:
    from tests._media import pocketsphinx_clips, render_lines

    signs, voices = tmp_path / "signs", tmp_path / "voices"
    signs.mkdir()
    voices.mkdir()
    for number, text in enumerate(["Bakery", "Open daily 7 to 18"]):
        render_lines([text], 30).save(signs / f"sign{number}.png")
    (signs / "broken.png").write_bytes(b"\x89PNG broken")
    for path, _ in pocketsphinx_clips()[:2]:
        (voices / path.name).write_bytes(path.read_bytes())
    (voices / "notes.wav").write_text("not audio")
    for task, folder in (("read", signs), ("transcribe", voices), ("tag", signs)):
        local, remote = tmp_path / f"{task}-local.sqlite", tmp_path / f"{task}-remote.sqlite"
        command = [str(BIN / "opensight"), "run", task, str(folder), *(["--labels", "bakery, sign"] * (task == "tag"))]
        assert subprocess.run([*command, "--db", str(local)], capture_output=True).returncode == 1
        done = subprocess.run(
            [*command, "--db", str(remote), "--engine", "ray", "--address", cluster],
            capture_output=True, text=True, timeout=600, env={**os.environ, **RAY_ENV},
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        with sqlite3.connect(local) as a, sqlite3.connect(remote) as b:
            query = (
                "SELECT path, sha256, error IS NULL, label, json_extract(result, '$.text') FROM results ORDER BY path"
            )
            expected = a.execute(query).fetchall()
            assert len(expected) == 3
            assert b.execute(query).fetchall() == expected


def test_a_sound_model_on_the_cluster_matches_local(cluster: str, tmp_path: Path) -> None:
    import opensight as osi
    from tests._sounds import write_sound_classes

    data = write_sound_classes(tmp_path / "words", voices=("en+m1", "en+f2", "en+m3", "en-us+m2"))
    model = osi.teach(data, kind="sounds", store=tmp_path / "store.sqlite").save(tmp_path / "words.osm")
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    for clip in [*sorted((data / "yes").glob("*.wav"))[:2], *sorted((data / "no").glob("*.wav"))[:2]]:
        (recordings / f"{clip.parent.name}-{clip.name}").write_bytes(clip.read_bytes())
    (recordings / "notes.wav").write_text("not audio")
    local, remote = tmp_path / "local.sqlite", tmp_path / "remote.sqlite"
    command = [str(BIN / "opensight"), "run", "predict", str(recordings), "--model", str(model)]
    done = subprocess.run([*command, "--db", str(local)], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # notes.wav is not audio
    done = subprocess.run(
        [*command, "--db", str(remote), "--engine", "ray", "--address", cluster],
        capture_output=True, text=True, timeout=600, env={**os.environ, **RAY_ENV},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    with sqlite3.connect(local) as a, sqlite3.connect(remote) as b:
        query = "SELECT path, sha256, error IS NULL, label, json_extract(result, '$.guess') FROM results ORDER BY path"
        expected = a.execute(query).fetchall()
        assert len(expected) == 5
        assert [row[4] for row in expected if row[2]] == ["no", "no", "yes", "yes"]
        assert b.execute(query).fetchall() == expected


#: An Openclipart drawing of a groom with both hands showing (Debian's openclipart-png).
GROOM = Path("/usr/share/openclipart/png/people/groom1_jarno_vasamaa_01.png")


def test_hands_and_segment_on_the_cluster_match_local(cluster: str, tmp_path: Path) -> None:
    from PIL import Image
    from skimage import data

    if not GROOM.is_file():
        pytest.fail(f"{GROOM} is missing: `make setup` installs Debian's openclipart-png")
    people = tmp_path / "people"
    people.mkdir()
    (people / "groom.png").write_bytes(GROOM.read_bytes())
    Image.fromarray(data.astronaut()).save(people / "astronaut.png")
    (people / "broken.png").write_bytes(b"\x89PNG broken")
    for task in ("hands", "segment"):
        local, remote = tmp_path / f"{task}-local.sqlite", tmp_path / f"{task}-remote.sqlite"
        command = [str(BIN / "opensight"), "run", task, str(people)]
        assert subprocess.run([*command, "--db", str(local)], capture_output=True).returncode == 1
        done = subprocess.run(
            [*command, "--db", str(remote), "--engine", "ray", "--address", cluster],
            capture_output=True, text=True, timeout=600, env={**os.environ, **RAY_ENV},
        )  # fmt: skip
        assert done.returncode == 1, done.stderr  # broken.png
        with sqlite3.connect(local) as a, sqlite3.connect(remote) as b:
            query = "SELECT path, sha256, error IS NULL, label, score, result FROM results ORDER BY path"
            expected = a.execute(query).fetchall()
            assert [(Path(row[0]).name, row[2]) for row in expected] == [
                ("astronaut.png", 1), ("broken.png", 0), ("groom.png", 1),
            ], task  # fmt: skip
            assert b.execute(query).fetchall() == expected, task
        found = {Path(row[0]).name: json.loads(row[5]) for row in expected if row[2]}
        if task == "hands":
            assert len(found["groom.png"]["hands"]) == 2, found  # the drawing's two hands
        else:
            assert found["astronaut.png"]["share"] > 0.3, found  # the astronaut is found
