"""Video input: stream frames out of a video file (PyAV), one item per sampled frame, memory flat however long
the video; and an annotated-video writer."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from opensight._errors import DecodeError, InputError
from opensight.inputs._regular import check_regular
from opensight.inputs._sources import Item

#: Files with these extensions are read as videos (a frame at a time) by every task command.
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".avi", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg"})


def is_video(item: Item) -> bool:
    """True for a file item whose extension is a video's."""
    return item.path is not None and item.path.suffix.lower() in VIDEO_EXTENSIONS


def check_sampling(every: int | None, fps: float | None) -> None:
    """``every`` N frames or ``fps`` frames per second, not both; both positive."""
    if every is not None and fps is not None:
        raise InputError("choose one of --every N (every Nth frame) and --fps F (F frames per second), not both")
    if every is not None and (isinstance(every, bool) or every < 1):
        raise InputError(f"--every must be a whole number ≥ 1, got {every!r}")
    if fps is not None and not fps > 0:
        raise InputError(f"--fps must be a positive number, got {fps!r}")


def iter_frames(item: Item, *, every: int | None = None, fps: float | None = None) -> Iterator[Item]:
    """The sampled frames of a video as in-memory items carrying ``frame`` and ``time`` (seconds). A video that
    cannot be opened becomes one item with a ``problem``."""
    import av

    assert item.path is not None
    try:
        check_regular(item.path)
    except DecodeError as error:
        yield Item(name=item.name, path=item.path, problem=str(error))
        return
    try:
        container = av.open(str(item.path))
    except (av.error.FFmpegError, OSError) as error:
        yield Item(name=item.name, path=item.path, problem=f"cannot read this video ({error}); is it complete?")
        return
    next_time = 0.0
    try:
        if not container.streams.video:
            yield Item(name=item.name, path=item.path, problem="this file has no video stream")
            return
        stream = container.streams.video[0]
        number = 0
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.error.FFmpegError as error:  # a damaged packet: one error row, then go on with the rest
                yield Item(
                    name=item.name, path=item.path, frame=number, problem=f"this frame could not be decoded ({error})"
                )
                number += 1
                continue
            for frame in frames:
                time = float(frame.time) if frame.time is not None else 0.0
                current, number = number, number + 1
                if every is not None and current % every:
                    continue
                if fps is not None:
                    if time + 1e-6 < next_time:
                        continue
                    next_time = time + 1.0 / fps
                pixels = frame.to_ndarray(format="rgb24")
                yield Item(name=item.name, image=pixels, frame=current, time=round(time, 4))
    except av.error.FFmpegError as error:
        yield Item(name=item.name, path=item.path, problem=f"cannot read this video any further ({error})")
    finally:
        container.close()


def expand_videos(items: Iterable[Item], *, every: int | None = None, fps: float | None = None) -> Iterator[Item]:
    """Replace each video item by its sampled frames (other items pass through)."""
    for item in items:
        if is_video(item) and item.problem is None and item.path is not None and os.path.lexists(item.path):
            yield from iter_frames(item, every=every, fps=fps)
        else:
            yield item


class VideoWriter:
    """Writes RGB frames to an H.264 MP4 (frame size taken from the first frame)."""

    def __init__(self, path: Path, *, fps: float = 30.0) -> None:
        self.path = path
        self.fps = fps
        self._container: Any = None
        self._stream: Any = None

    def write(self, pixels: np.ndarray) -> None:
        """Append one frame."""
        import av

        if self._container is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._container = av.open(str(self.path), "w")
            codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
            self._stream = self._container.add_stream(codec, rate=Fraction(self.fps).limit_denominator(1000))
            self._stream.height, self._stream.width = (pixels.shape[0] // 2) * 2, (pixels.shape[1] // 2) * 2
            self._stream.pix_fmt = "yuv420p"
        even = np.ascontiguousarray(pixels[: self._stream.height, : self._stream.width])
        for packet in self._stream.encode(av.VideoFrame.from_ndarray(even, format="rgb24")):
            self._container.mux(packet)

    def close(self) -> None:
        """Flush and close the file."""
        if self._container is not None:
            for packet in self._stream.encode():
                self._container.mux(packet)
            self._container.close()
            self._container = None

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
