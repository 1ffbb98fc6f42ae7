"""What Whisper invents is left out of a transcript: a loop it doubts is speech, and a doubted segment that only
says the one before it again (no model: segments as faster-whisper gives them)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

whisper = importlib.import_module("opensight.models.whisper")


def segment(text: str, *, ratio: float = 1.0, no_speech: float = 0.1, logprob: float = -0.3) -> SimpleNamespace:
    return SimpleNamespace(text=text, compression_ratio=ratio, no_speech_prob=no_speech, avg_logprob=logprob)


def test_a_loop_whisper_doubts_is_speech_is_left_out() -> None:
    """A new user's 18 s of game sounds: 22 segments of "I'm going to do it." (the window's compression ratio 13.3,
    no-speech probability 0.71); the direct call, sampling again, gave nothing."""
    loop = [segment(" I'm going to do it.", ratio=13.3, no_speech=0.71, logprob=-0.23) for _ in range(22)]
    assert whisper._without_inventions(loop) == []


def test_speech_that_repeats_itself_is_kept_when_whisper_hears_speech() -> None:
    said = [segment(" No, no, no, no, no, no, no, no, no, no.", ratio=3.1, no_speech=0.05)]
    assert whisper._without_inventions(said) == said


def test_a_doubted_segment_saying_the_last_one_again_is_left_out() -> None:
    """A clip's last 0.47 s heard as its sentence once more (no-speech probability 0.91)."""
    first = segment(" The committee voted 12 to 3, in favour of building a new library next to the railway station.")
    again = segment(" The committee voted 12 to 3, in favour of building a new library.", no_speech=0.91, logprob=-0.7)
    assert whisper._without_inventions([first, again]) == [first]
    # said again where Whisper hears speech (someone repeating themselves) stays
    heard = segment(" The committee voted 12 to 3.", no_speech=0.2)
    assert whisper._without_inventions([first, heard]) == [first, heard]
