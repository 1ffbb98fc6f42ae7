"""Audio input: a WAV or FLAC file cut short is an error that says so, not a transcript that silently stops."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from opensight import DecodeError
from opensight.inputs._audio import SAMPLE_RATE, audio_pieces
from tests._media import encode, write_wav


def _wav(path: Path, seconds: float) -> Path:
    return write_wav(path, np.sin(np.arange(int(seconds * SAMPLE_RATE)) * 2 * np.pi * 440 / SAMPLE_RATE) * 0.25)


def _heard(path: Path) -> float:
    return sum(piece.size for piece in audio_pieces(path, seconds=3.0)) / SAMPLE_RATE


def _cut(path: Path, share: float) -> Path:
    data = path.read_bytes()
    cut = path.with_name(f"cut{path.suffix}")
    cut.write_bytes(data[: int(len(data) * share)])
    return cut


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_a_file_cut_short_is_an_error_that_says_how_much_is_there(tmp_path: Path, suffix: str) -> None:
    whole = _wav(tmp_path / "tone.wav", 10.0)
    if suffix == ".flac":
        whole = encode(whole, tmp_path / "tone.flac")
    assert _heard(whole) == pytest.approx(10.0, abs=0.05)
    with pytest.raises(DecodeError, match=r"cut short: its header says 10\.0 s of sound, it holds [45]\.\d s"):
        _heard(_cut(whole, 0.5))


def test_a_wav_whose_length_was_left_open_while_recording_is_read_whole(tmp_path: Path) -> None:
    """A recorder that stops without closing its file leaves the data chunk's size at 0 or all ones: not cut."""
    data = bytearray(_wav(tmp_path / "tone.wav", 2.0).read_bytes())
    at = data.index(b"data") + 4
    for size in (b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"):
        data[at : at + 4] = size
        (tmp_path / "open.wav").write_bytes(bytes(data))
        assert _heard(tmp_path / "open.wav") == pytest.approx(2.0, abs=0.05)


def test_a_few_samples_short_of_the_header_is_not_cut(tmp_path: Path) -> None:
    whole = _wav(tmp_path / "tone.wav", 10.0)
    assert _heard(_cut(whole, 0.99)) == pytest.approx(9.9, abs=0.05)
