"""Labelled sound clips made here (espeak-ng words in many voices, room noise), for teaching sounds in tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests._media import espeak, read_wav, write_wav

#: Voices the tests teach with, and voices kept apart to test on (never taught).
TAUGHT_VOICES = ("en+m1", "en+m3", "en+f2", "en+f4", "en-us+m2", "en-gb+f1")
NEW_VOICES = ("en+m7", "en-us+f3", "en-gb+m4")


def room_noise(path: Path, seconds: float, *, level: float, seed: int) -> Path:
    """A room's hum: low-passed noise plus a faint 50 Hz tone."""
    rng = np.random.default_rng(seed)
    count = int(seconds * 16_000)
    noise = np.convolve(rng.normal(0, 1, count), np.ones(8) / 8, mode="same")
    hum = 0.3 * np.sin(2 * np.pi * 50 * np.arange(count) / 16_000)
    return write_wav(path, (level * (noise + hum)).astype(np.float32))


def write_sound_classes(
    root: Path, *, voices: tuple[str, ...] = TAUGHT_VOICES, words: tuple[str, ...] = ("yes", "no")
) -> Path:
    """``root/<word>/<voice>.wav`` for each word and voice, and ``root/background noise/`` (room noise, 2 s)."""

    for word in words:
        (root / word).mkdir(parents=True, exist_ok=True)
        for number, voice in enumerate(voices):
            clip = espeak(word, root / word / f"{voice}.wav", voice=voice)
            samples, rate = read_wav(clip)  # as a microphone hears it: the room's hum under the word
            hum = read_wav(
                room_noise(
                    clip.with_suffix(".hum.wav"), samples.size / rate, level=0.004 * (1 + number % 3), seed=number
                )
            )[0]
            clip.with_suffix(".hum.wav").unlink()
            write_wav(
                clip,
                samples
                + np.interp(np.linspace(0, hum.size - 1, samples.size), np.arange(hum.size), hum).astype(np.float32),
                rate,
            )
    (root / "background noise").mkdir(parents=True, exist_ok=True)
    for number in range(len(voices)):
        room_noise(root / "background noise" / f"room{number}.wav", 2.0, level=0.004 * (number + 1), seed=number)
    return root


def long_recording(path: Path, events: list[tuple[Path | None, float]], *, level: float = 0.004) -> Path:
    """Clips placed at seconds in room noise: ``events`` = (clip or None, seconds of noise after it)."""
    parts: list[np.ndarray] = []
    for number, (clip, pause) in enumerate(events):
        if clip is not None:
            samples, rate = read_wav(clip)
            if rate != 16_000:
                samples = np.interp(np.arange(0, len(samples), rate / 16_000), np.arange(len(samples)), samples)
            parts.append(samples.astype(np.float32))
        noise = room_noise(path.with_suffix(f".{number}.wav"), pause, level=level, seed=100 + number)
        parts.append(read_wav(noise)[0])
        noise.unlink()
    return write_wav(path, np.concatenate(parts))
