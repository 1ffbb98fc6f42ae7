"""Audio input: any audio or video file PyAV can open, decoded and resampled to 16 kHz mono float32 a piece at a
time, so a two-hour recording never sits in memory whole.

>>> import numpy as np
>>> sum(len(piece) for piece in audio_pieces(_tone(tempfile.mkdtemp()), seconds=0.5)) == SAMPLE_RATE
True
"""

from __future__ import annotations

import os
import tempfile  # noqa: F401  (used by the doctest)
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import DecodeError
from opensight.inputs._regular import check_regular

#: Files with these extensions are read as audio by ``transcribe`` (video files give their sound track too).
AUDIO_EXTENSIONS = frozenset({".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".wma", ".webm"})
#: What speech models hear: 16,000 samples per second, one channel.
SAMPLE_RATE = 16_000


def audio_pieces(path: str | os.PathLike[str], *, seconds: float) -> Iterator[np.ndarray]:
    """The sound of ``path`` as 16 kHz mono float32 pieces of ``seconds`` (the last one shorter).

    Raises :class:`DecodeError` (before yielding anything) for a missing, empty or non-audio file; a damaged
    packet in the middle is skipped.
    """
    container = _open_audio(Path(path))
    with container:
        if not container.streams.audio:
            raise DecodeError("this file has no sound track (no audio stream)")
        yield from _decoded_pieces(container, container.streams.audio[0], max(1, int(seconds * SAMPLE_RATE)))


def _open_audio(file: Path) -> Any:
    """The PyAV container of ``file``; a :class:`DecodeError` for a missing, empty or unreadable file."""
    import av

    if check_regular(file).st_size == 0:
        raise DecodeError("empty file (0 bytes); it may be an interrupted copy or download")
    try:
        return av.open(str(file))
    except (av.error.FFmpegError, OSError, ValueError) as error:
        why = getattr(error, "strerror", None) or str(error)  # FFmpeg's words, without its error number and path
        raise DecodeError(
            f"not an audio or video file opensight can read ({why}); convert it to WAV, MP3, FLAC or M4A"
        ) from None


def _decoded_pieces(container: Any, stream: Any, wanted: int) -> Iterator[np.ndarray]:
    """The sound of ``stream`` in pieces of ``wanted`` samples (the last one shorter), damaged packets skipped."""
    import av

    # 16-bit samples, as faster-whisper's own decoder makes them: the model then hears exactly what it hears
    # when given the file (float resampling gave other words on 2 of 11 test sentences)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    pending: list[np.ndarray] = []
    held = 0
    decoded_any = False
    try:
        packets = container.demux(stream)
        for packet in packets:
            try:
                frames = packet.decode()
            except av.error.FFmpegError:
                continue  # one damaged packet costs a few milliseconds of sound, not the recording
            for samples in _resampled(resampler, frames, flush=packet.size == 0):
                pending.append(samples)
                held += samples.size
                decoded_any = True
            while held >= wanted:
                joined = np.concatenate(pending)
                yield joined[:wanted]
                pending, held = [joined[wanted:]], joined.size - wanted
    except av.error.FFmpegError as error:
        if not decoded_any:
            raise DecodeError(f"the audio data is corrupt ({error}); play it to check, or replace the file") from None
    if not decoded_any:
        raise DecodeError("no sound could be decoded from this file; it may be corrupt or not audio")
    if held:
        yield np.concatenate(pending)


def _resampled(resampler: Any, frames: list[Any], *, flush: bool) -> Iterator[np.ndarray]:
    """The 16 kHz mono float32 samples of ``frames``, one array at a time (``flush``: then the resampler's rest)."""
    for frame in [*frames, None] if flush else frames:
        for out in resampler.resample(frame):
            yield out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0


def _tone(folder: str) -> Path:
    """A 1-second 440 Hz WAV (for the doctest)."""
    import wave

    path = Path(folder) / "tone.wav"
    samples = (np.sin(np.arange(SAMPLE_RATE) * 2 * np.pi * 440 / SAMPLE_RATE) * 8000).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return path
