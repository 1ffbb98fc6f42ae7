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
from opensight.inputs._decode import image_kind, is_text
from opensight.inputs._regular import check_regular, open_regular

#: Files with these extensions are read as audio by ``transcribe`` (video files give their sound track too).
AUDIO_EXTENSIONS = frozenset({".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".wma", ".webm"})
#: What speech models hear: 16,000 samples per second, one channel.
SAMPLE_RATE = 16_000
#: A WAV, FLAC or MP3 file holding this many seconds less sound than its header says (or 1% of it) is cut short.
CUT_SHORT_SECONDS = 0.5


def audio_pieces(path: str | os.PathLike[str], *, seconds: float) -> Iterator[np.ndarray]:
    """The sound of ``path`` as 16 kHz mono float32 pieces of ``seconds`` (the last one shorter).

    Raises :class:`DecodeError` (before yielding anything) for a missing, empty or non-audio file, and after the
    last piece for a file cut short (a WAV, FLAC or MP3 whose header gives more sound than the file holds: an
    interrupted copy, whose transcript would otherwise stop mid-sentence with no warning); a damaged packet in the
    middle is skipped.
    """
    file = Path(path)
    container = _open_audio(file)
    with container:
        if not container.streams.audio:
            with open_regular(file) as handle:  # a picture given as a recording says so, as the REST API does
                picture = image_kind(handle.read(64))
            raise DecodeError(
                f"it is a {picture} picture, not a recording: no sound track"
                if picture
                else "this file has no sound track (no audio stream)"
            )
        stream = container.streams.audio[0]
        declared = _declared_seconds(file, container.format.name, stream)
        heard = 0
        for piece in _decoded_pieces(container, stream, max(1, int(seconds * SAMPLE_RATE))):
            heard += piece.size
            yield piece
        if declared is not None and heard / SAMPLE_RATE < declared - max(CUT_SHORT_SECONDS, 0.01 * declared):
            raise DecodeError(
                f"the file is cut short: its header says {declared:.1f} s of sound, it holds "
                f"{heard / SAMPLE_RATE:.1f} s (an interrupted copy or download?); copy it again, or, to transcribe "
                "what is there, open it in an audio editor (Audacity, for one) and save it as a new file"
            )


def _declared_seconds(file: Path, format_name: str, stream: Any) -> float | None:
    """How long the header of ``file`` says its sound is, where it says so exactly: a WAV's data chunk (FFmpeg
    itself counts only what is there), a FLAC's count of samples, an MP3's count of frames in its first frame (the
    Xing or Info header LAME writes: a new user's MP3 cut to 2,000 bytes came back as "Oh." with no warning); None for
    other formats (an MP3 without such a header has its length estimated from its bit rate) and for a WAV written
    while recording, its length left open."""
    if format_name == "wav":
        return _wav_seconds(file)
    counted = format_name == "flac" or (format_name == "mp3" and _mp3_frame_count(file))
    if counted and stream.duration:
        return float(stream.duration * stream.time_base)
    return None


def _mp3_frame_count(file: Path) -> bool:
    r"""Whether an MP3's first frame is a Xing or Info header, which counts the file's frames (after an ID3v2 tag:
    its size is in its header, four bytes of 7 bits).

    >>> folder = Path(tempfile.mkdtemp())
    >>> tag = b"ID3\x04\x00\x00\x00\x00\x00\x02" + bytes(2)  # an ID3v2 tag of 2 bytes
    >>> (folder / "a.mp3").write_bytes(tag + b"\xff\xfb" + bytes(34) + b"Info")
    52
    >>> _mp3_frame_count(folder / "a.mp3"), _mp3_frame_count(_tone(folder))
    (True, False)
    """
    with open_regular(file) as handle:
        head = handle.read(65536)
    start = 0
    if head[:3] == b"ID3" and len(head) >= 10:
        start = 10 + sum((byte & 0x7F) << (7 * (3 - place)) for place, byte in enumerate(head[6:10]))
    frame = head[start : start + 64]
    synced = len(frame) > 4 and frame[0] == 0xFF and frame[1] & 0xE0 == 0xE0
    return synced and (b"Xing" in frame or b"Info" in frame)


def _wav_seconds(file: Path) -> float | None:
    """The seconds of sound a RIFF WAV's ``data`` chunk declares (its size over the ``fmt`` chunk's bytes per
    second); None where the header has no such chunks in its first 64 KiB or leaves the size open (0, or all ones).

    >>> _wav_seconds(_tone(tempfile.mkdtemp()))
    1.0
    """
    with open_regular(file) as handle:  # a pipe swapped in since the check is refused, not waited on
        head = handle.read(65536)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    per_second, at = 0, 12
    while at + 8 <= len(head):
        name, size = head[at : at + 4], int.from_bytes(head[at + 4 : at + 8], "little")
        if name == b"fmt " and at + 16 <= len(head):
            per_second = int.from_bytes(head[at + 16 : at + 20], "little")
        elif name == b"data":
            return size / per_second if per_second and size not in (0, 0xFFFFFFFF) else None
        at += 8 + size + size % 2
    return None


def _open_audio(file: Path) -> Any:
    """The PyAV container of ``file``; a :class:`DecodeError` for a missing, empty or unreadable file."""
    import av

    if check_regular(file).st_size == 0:
        raise DecodeError("empty file (0 bytes); it may be an interrupted copy or download")
    try:
        return av.open(str(file))
    except (av.error.FFmpegError, OSError, ValueError) as error:
        why = getattr(error, "strerror", None) or str(error)  # FFmpeg's words, without its error number and path
        with open_regular(file) as handle:
            text = is_text(handle.read(512))
        if text:  # a new user's notes saved as .wav were "Invalid data … convert it to WAV"
            raise DecodeError(
                "it is a text file, not a recording: give a sound or video file (WAV, MP3, FLAC, M4A, …)"
            ) from None
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
