"""Video: any task command reads video files frame by frame (--every / --fps), rows carry frame and time, and
--save-annotated writes an annotated MP4 that PyAV can read."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest

from opensight.inputs import VideoWriter
from tests.conftest import OPENSIGHT, sample_photo


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5-second, 10 fps clip of the motorcycle photo panning sideways."""
    path = tmp_path_factory.mktemp("video") / "moto.mp4"
    picture = sample_photo("stereo_motorcycle")[:480, :640]
    with VideoWriter(path, fps=10) as writer:
        for index in range(50):
            writer.write(np.roll(picture, index * 4, axis=1))
    return path


def test_rows_per_sampled_frame_and_an_annotated_video(clip: Path, tmp_path: Path) -> None:
    target = tmp_path / "boxes.mp4"
    done = subprocess.run(
        [OPENSIGHT, "detect", str(clip), "--every", "10", "--save-annotated", str(target)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["frame"] for row in rows] == [0, 10, 20, 30, 40]
    assert [row["time"] for row in rows] == pytest.approx([0.0, 1.0, 2.0, 3.0, 4.0])
    assert all("motorcycle" in row["counts"] for row in rows)
    with av.open(str(target)) as container:
        rate = container.streams.video[0].average_rate
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    assert len(frames) == 5
    assert frames[0].shape == (480, 640, 3)
    # a frame a second plays at a frame a second: at 30 a second, 5 s of footage played in 0.17 s (a new user's check)
    assert float(rate) == pytest.approx(1.0)


def test_fps_sampling_and_other_tasks(clip: Path) -> None:
    done = subprocess.run([OPENSIGHT, "classify", str(clip), "--fps", "2"], capture_output=True, text=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["frame"] for row in rows] == [0, 5, 10, 15, 20, 25, 30, 35, 40, 45]
    both = subprocess.run([OPENSIGHT, "pose", str(clip), "--fps", "1", "--every", "2"], capture_output=True, text=True)
    assert both.returncode == 2
    assert "not both" in both.stderr


def test_a_broken_video_is_an_error_row(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(100))
    done = subprocess.run([OPENSIGHT, "detect", str(broken)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "cannot read this video" in json.loads(done.stdout)["error"]


def test_reading_a_video_as_plain_text_says_how_to_read_its_frames(clip: Path) -> None:
    done = subprocess.run([OPENSIGHT, "read", str(clip), "--format", "txt"], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "is a video" in done.stderr, done.stderr
    assert "--format jsonl" in done.stderr, done.stderr
    rows = subprocess.run([OPENSIGHT, "read", str(clip), "--fps", "1", "-f", "jsonl"], capture_output=True, text=True)
    assert rows.returncode == 0, rows.stderr
    assert [json.loads(row)["time"] for row in rows.stdout.splitlines()] == [0.0, 1.0, 2.0, 3.0, 4.0], rows.stderr
