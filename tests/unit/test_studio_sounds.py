"""Sound uploads of the Studio (recognised by content, kept playable) and the live Listen's raw samples."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from opensight._errors import InputError, UploadError
from opensight.serve._projects import Projects
from opensight.serve._sound_uploads import MAX_HEAR_SECONDS, checked_sound, samples_of


def wav(seconds: float = 0.5, rate: int = 16_000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        tone = 0.3 * np.sin(2 * np.pi * 440 * np.arange(int(seconds * rate)) / rate)
        out.writeframes((tone * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def aiff(tmp_path: Path) -> bytes:
    """A recording in a container browsers do not play (AIFF), made with PyAV."""
    path = tmp_path / "clip.aiff"
    with av.open(str(path), "w", format="aiff") as out:
        stream = out.add_stream("pcm_s16be", rate=16_000)
        frame = av.AudioFrame.from_ndarray(np.full((1, 8000), 3000, np.int16), format="s16", layout="mono")
        frame.rate = 16_000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    return path.read_bytes()


def test_a_wav_is_kept_as_it_came() -> None:
    data = wav()
    assert checked_sound(data) == (data, ".wav")


def test_audio_a_browser_may_not_play_is_kept_as_a_16k_wav(tmp_path: Path) -> None:
    kept, suffix = checked_sound(aiff(tmp_path))
    assert suffix == ".wav"
    with wave.open(io.BytesIO(kept)) as clip:
        facts = clip.getnchannels(), clip.getframerate(), clip.getsampwidth(), clip.getnframes()
    assert facts == (1, 16_000, 2, 8000)


@pytest.mark.parametrize(
    ("data", "status", "start"),
    [
        (b"", 400, "this file is empty (0 bytes)"),
        (b"just notes", 415, "this file is not audio (it looks like plain text)"),
        (b"%PDF-1.7 ...", 415, "this file is not audio (it looks like a PDF document)"),
        (b"\xff\xd8\xff\xe0" + bytes(64), 415, "this file is not audio (it looks like a JPEG picture)"),
    ],
)
def test_what_is_not_a_recording_is_refused_in_words(data: bytes, status: int, start: str) -> None:
    with pytest.raises(UploadError) as refused:
        checked_sound(data)
    assert refused.value.status == status
    assert str(refused.value).startswith(start)


def test_a_cut_off_wav_header_is_refused() -> None:
    with pytest.raises(UploadError) as refused:
        checked_sound(wav()[:30])
    assert refused.value.status in (400, 415)
    # said as a damaged recording, not "not audio (it looks like WAV audio)" (a trial)
    assert "not audio" not in str(refused.value)
    assert str(refused.value).startswith("this recording could not be read (it looks like WAV audio, but its sound")


def test_samples_of_a_body() -> None:
    sent = np.linspace(-1, 1, 16_000, dtype="<f4")
    assert np.array_equal(samples_of(sent.tobytes()), sent)
    for body, status in [
        (b"", 400),
        (b"\x00" * 5, 400),
        (np.array([np.inf], "<f4").tobytes(), 400),
        (np.zeros(16_000 * MAX_HEAR_SECONDS + 1, "<f4").tobytes(), 413),
    ]:
        with pytest.raises(UploadError) as refused:
            samples_of(body)
        assert refused.value.status == status


def test_a_project_knows_its_kind_and_lists_its_kind_of_files(tmp_path: Path) -> None:
    projects = Projects(tmp_path)
    sounds = projects.create("Sounds", "sounds")
    assert projects.get(sounds.id).kind == "sounds"
    projects.add_class(sounds.id, "yes")
    stored, new = projects.store_example(sounds.id, "yes", wav(), "clip.wav", suffix=".wav")
    assert new
    assert stored.endswith(".wav")
    (sounds.examples / "yes" / "stray.jpg").write_bytes(b"\xff\xd8\xff")  # a picture in a sound project: not listed
    assert projects.classes(sounds.id) == {"yes": [stored]}
    with pytest.raises(InputError):
        projects.store_example(sounds.id, "yes", b"\xff\xd8\xff\xe0", "x.jpg")  # a picture is not kept here
    with pytest.raises(InputError, match="not 'smells'"):
        projects.create("Odd", "smells")
