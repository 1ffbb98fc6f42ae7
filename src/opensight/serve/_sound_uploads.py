"""Recordings the Studio accepts: recognised as audio by their content (PyAV opens them and decodes every packet
it can), never by their file name; kept in the container they came in when a browser can play it, else as a 16 kHz
WAV. And the raw samples the page sends while it listens live.

>>> samples_of(np.zeros(4, "<f4").tobytes()).shape
(4,)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from opensight._errors import OpensightError, UploadError
from opensight.inputs._audio import SAMPLE_RATE, audio_pieces
from opensight.serve._uploads import kind_of_upload

#: What the Studio's sentences name as recordings it takes.
STUDIO_SOUND_FORMATS = "WAV, MP3, OGG, FLAC, M4A or WebM"
#: The longest sound the live "Listen" may send at once (the page sends the model's window: two seconds).
MAX_HEAR_SECONDS = 10
#: PyAV's container names → the suffix a recording is kept under (what a browser's <audio> plays by).
_SUFFIXES = {
    "wav": ".wav",
    "mp3": ".mp3",
    "ogg": ".ogg",
    "flac": ".flac",
    "matroska,webm": ".webm",
    "mov,mp4,m4a,3gp,3g2,mj2": ".m4a",
    "aac": ".aac",
}


def checked_sound(data: bytes) -> tuple[bytes, str]:
    """An uploaded recording as it is kept, and its suffix; an :class:`UploadError` in words for a person who
    chose (or recorded) the file: 400 when it is empty or its sound cannot be decoded, 415 when it is not audio.
    Runs PyAV: call it in a worker thread."""
    if not data:
        raise UploadError(400, "this file is empty (0 bytes); record or choose it again")
    with tempfile.TemporaryDirectory(prefix="opensight-sound-") as folder:
        path = Path(folder, "upload")
        path.write_bytes(data)
        container = _container(path, data[:16])
        try:
            samples = np.concatenate(list(audio_pieces(path, seconds=10.0)) or [np.zeros(0, "f4")])
        except OpensightError as error:
            problem = f"the sound of this file could not be read ({error}); record or copy it again"
            raise UploadError(400, problem) from None
        except Exception as error:  # a decoder bug on a strange file is a refusal, not a 500
            raise UploadError(400, f"the sound of this file could not be read ({type(error).__name__})") from None
    if samples.size == 0:
        raise UploadError(400, "this file holds no sound (its audio track is empty); record or choose it again")
    suffix = _SUFFIXES.get(container)
    if suffix is None:  # audio a browser may not play (AIFF, AMR, …): kept as the 16 kHz WAV the model hears
        from opensight.teach._sounds import wav_bytes

        return wav_bytes(samples), ".wav"
    return data, suffix


def _container(path: Path, head: bytes) -> str:
    """PyAV's name for the container of ``path``; 415 unless it has a sound track."""
    import av

    try:
        with av.open(str(path)) as container:
            if container.streams.audio:
                return str(container.format.name)
    except (av.error.FFmpegError, OSError, ValueError):
        pass
    looks = kind_of_upload(head)
    if looks.endswith("audio"):  # its header says audio and its sound could not be read: broken, not another kind
        raise UploadError(
            415,
            f"this recording could not be read ({looks}, but its sound is damaged or cut short); "
            "record it or export it again",
        )
    raise UploadError(415, f"this file is not audio ({looks}); choose a recording: {STUDIO_SOUND_FORMATS}")


def samples_of(body: bytes) -> np.ndarray:
    """The 16 kHz mono float32 (little-endian) samples of a request body; an :class:`UploadError` saying what is
    wrong: empty, not whole samples, not finite (400), longer than :data:`MAX_HEAR_SECONDS` (413).

    >>> samples_of(b"\\x00\\x00\\x80")
    Traceback (most recent call last):
    opensight._errors.UploadError: the body is 3 bytes, not a whole number of float32 samples; send the last two \
seconds as 16 kHz mono float32 (little-endian)
    """
    wanted = "send the last two seconds as 16 kHz mono float32 (little-endian)"
    if not body:
        raise UploadError(400, f"no samples arrived; {wanted}")
    if len(body) % 4:
        raise UploadError(400, f"the body is {len(body)} bytes, not a whole number of float32 samples; {wanted}")
    if len(body) > 4 * MAX_HEAR_SECONDS * SAMPLE_RATE:
        seconds = len(body) / 4 / SAMPLE_RATE
        too_long = f"{seconds:.1f} s of sound is more than the {MAX_HEAR_SECONDS} s heard at once"
        raise UploadError(413, f"{too_long}; {wanted}")
    samples = np.frombuffer(body, dtype="<f4").astype(np.float32)
    if not np.isfinite(samples).all():
        raise UploadError(400, f"the samples are not all numbers (NaN or infinity); {wanted}")
    return samples
