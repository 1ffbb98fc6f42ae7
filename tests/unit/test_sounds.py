"""Sound windows, what the store keeps of a recording, and what a sound model's answer says (no model run)."""

from __future__ import annotations

import numpy as np
import pytest

from opensight._errors import ModelFileError
from opensight._osm_schema import checked_input
from opensight._results_taught import SoundClassification, SoundWindow
from opensight.models import AudioInput
from opensight.models.sound_encoder import EMBEDDING_DIM
from opensight.results import ScoredLabel
from opensight.teach._sound_model import _cut
from opensight.teach._sounds import _Recording, fit_window, wav_bytes, wav_samples, windows_of


def test_a_short_clip_is_placed_centred_early_and_late() -> None:
    windows, starts = windows_of(np.ones(8000, np.float32), 16_000)
    assert starts == [0.0, -1.0, -1.0]  # the extra placements are marked: not counted, not evaluated
    assert all(window.shape == (16_000,) for window in windows)
    assert windows[0][:4000].max() == 0.0
    assert windows[0][4000:12_000].min() == 1.0
    assert [int(np.argmax(window)) for window in windows] == [4000, 1200, 6800]


def test_a_clip_up_to_one_and_a_half_windows_is_its_middle() -> None:
    windows, starts = windows_of(np.arange(20_000, dtype=np.float32), 16_000)
    assert starts == [0.0]
    assert windows[0][0] == 2000


def test_a_long_recording_keeps_its_loud_windows_only() -> None:
    samples = np.full(160_000, 1e-4, np.float32)
    samples[48_000:64_000] = 0.5  # one loud second at 3 s
    windows, starts = windows_of(samples, 16_000)
    assert starts == [pytest.approx(3.0)]
    assert len(windows) == 1


def test_windows_of_a_prediction_cover_the_end() -> None:
    cut = list(_cut(np.arange(40_000, dtype=np.float32), 16_000, 8_000))
    assert [start for start, _ in cut] == [0.0, 0.5, 1.0, 1.5]
    assert cut[-1][1][-1] == 39_999
    assert all(window.shape == (16_000,) for _, window in cut)


def test_fit_window_keeps_the_middle_of_a_long_clip() -> None:
    assert fit_window(np.arange(6, dtype=np.float32), 2).tolist() == [2.0, 3.0]


def test_a_recording_packs_and_unpacks() -> None:
    vectors = np.arange(2 * EMBEDDING_DIM, dtype=np.float32).reshape(2, EMBEDDING_DIM)
    packed = _Recording(12.5, 0.2, True, (0.0, 3.0), vectors).pack()
    back = _Recording.unpack(packed)
    assert (back.seconds, back.cut, back.starts) == (12.5, True, (0.0, 3.0))
    assert back.loudest == pytest.approx(0.2)
    assert np.array_equal(back.vectors, vectors)


def test_previews_are_16_bit_wavs() -> None:
    samples = np.linspace(-0.5, 0.5, 1600, dtype=np.float32)
    data = wav_bytes(samples)
    assert data.startswith(b"RIFF")
    assert np.abs(wav_samples(data) - samples).max() < 1e-4


def _window(start: float, guess: str, score: float, threshold: float = 0.9) -> SoundWindow:
    return SoundWindow(start, start + 1.0, guess, score, unsure=score < threshold)


def test_events_are_runs_of_one_confident_class_and_background_is_not_counted() -> None:
    windows = (
        _window(0.0, "background noise", 0.99),
        _window(0.5, "dog", 0.95),
        _window(1.0, "dog", 0.97),
        _window(1.5, "dog", 0.5),  # unsure: not an event
        _window(2.0, "background noise", 0.99),
        _window(2.5, "dog", 0.99),
    )
    result = SoundClassification(
        top=(ScoredLabel("background noise", 0.6), ScoredLabel("dog", 0.4)), windows=windows, duration=3.5, model="m",
        threshold=0.9,
    )  # fmt: skip
    assert result.heard() == {"dog": {"times": 2, "first": 0.5}}
    assert result.summary() == "dog: 2 times, first at 0.5 s"
    assert [segment.text for segment in result.segments] == ["dog (97%)", "dog (99%)"]
    assert result.cells()["heard"] == "dog ×2"
    assert result.to_dict()["windows"][3]["label"] == "unsure"


def test_one_window_reads_like_a_picture_answer() -> None:
    result = SoundClassification(
        top=(ScoredLabel("doorbell", 0.93),), windows=(_window(0.0, "doorbell", 0.93),), duration=0.8, model="m",
        threshold=0.9,
    )  # fmt: skip
    assert result.summary() == "Most likely: doorbell (93%)"


def test_the_manifest_of_a_sound_model_is_checked() -> None:
    spec = checked_input(
        "x.osm", {"input": {"kind": "audio", "sample_rate": 16_000, "channels": 1, "window_seconds": 1}}
    )
    assert spec == AudioInput(window_seconds=1.0)
    with pytest.raises(ModelFileError, match=r"'input\.sample_rate' must be 16000"):
        checked_input("x.osm", {"input": {"kind": "audio", "sample_rate": 44_100}})
    with pytest.raises(ModelFileError, match=r"'input\.window_seconds' must be a number from 0\.25 to 10"):
        checked_input("x.osm", {"input": {"kind": "audio", "window_seconds": 3600}})
