"""Three labelled sound sets that install offline and sound different from each other, for the teach-sounds
benchmark (issue 17). Every clip is 16 kHz mono float32, at most 5 s; every builder is seeded, so the same call
gives the same clips.

* **spoken words** (Debian ``espeak-ng``, GPL-3+; synthetic speech): "yes no up down left right on off stop go"
  spoken by the speech synthesiser in 8 English accents × 80 voice variants, at speeds 120–220 words/min and
  pitches 20–80, with white, pink or brown noise at 0–30 dB SNR: a Speech-Commands-like set, 10 classes × 40 clips.
  It is synthetic: every voice shares the same formant synthesiser, so it is easier than real speakers.
* **doorbells** (Debian ``sound-theme-freedesktop`` CC-BY-SA-3.0 / GPL-2+, ``yaru-theme-sound`` CC-BY-SA-4.0,
  ``deepin-sound-theme`` GPL-3+, ``oxygen-sounds`` LGPL-3+): 10 clearly different desktop event sounds (phone
  ring, camera shutter, alarm clock, busy tone, …), each example the same sound "recorded again": random gain,
  ±5 % speed (tape-like, pitch moves too), a random piece of sounds longer than 2 s, random silence before, a
  room reverb half the time, a telephone band a quarter of the time, coloured noise at 5–30 dB SNR.
  10 classes × 40 clips. The class is one source file, so this measures "the same sound through different rooms
  and microphones", not "different doorbells".
* **voices** (Debian ``ktuberling-data``, GPL-2+; real recordings): the spoken object names of KTuberling's
  voice packs (mouth, hat, pizza toppings, planets, …), one pack per language, each recorded by (as far as the
  files tell) one volunteer in one room. Class = the pack (so: who is speaking, in which language, on which
  microphone); clips = 40 different words of that pack. 10 classes × 40 clips, real speech, 0.4–2.8 s. Speaker,
  language and recording set-up are confounded, so this is "tell these 10 voice recordings apart", not
  speaker identification in the wild.

``gcompris-qt-data`` was looked at too: its Qt resource files hold one recording per instrument or animal, too
few per class.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import signal

RATE = 16_000
SoundSet = tuple[list[np.ndarray], np.ndarray, tuple[str, ...]]

WORDS = ("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go")
ACCENTS = ("en", "en-us", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-rp", "en-gb-x-gbcwmd", "en-029", "en-us-nyc")
ESPEAK_VARIANTS = Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v")
# whispering, croaking and robot variants are left out: they are not what a microphone hears from a person
ODD_VARIANTS = ("whisper", "croak", "robo", "Robot", "UniRobot", "klatt", "Demonic", "fast", "Mr serious")

THEMES = Path("/usr/share/sounds")
DOORBELLS = {
    "phone ring": "freedesktop/stereo/phone-incoming-call.oga",
    "camera shutter": "freedesktop/stereo/camera-shutter.oga",
    "complete": "freedesktop/stereo/complete.oga",
    "trash": "freedesktop/stereo/trash-empty.oga",
    "alarm clock": "freedesktop/stereo/alarm-clock-elapsed.oga",
    "busy tone": "freedesktop/stereo/phone-outgoing-busy.oga",
    "new e-mail": "Yaru/stereo/message-new-email.oga",
    "login tune": "Yaru/stereo/desktop-login.oga",
    "deepin message": "deepin/stereo/message.wav",
    "oxygen ring": "Oxygen-Im-Phone-Ring.ogg",
}
KTUBERLING = Path("/usr/share/ktuberling/sounds")
VOICE_PACKS = ("fr", "ca", "uk", "nn", "lt", "da", "ru", "wa", "el", "en")
PER_CLASS = 40


def decode(path: str | Path) -> np.ndarray:
    """The sound of ``path`` as 16 kHz mono float32, through 16-bit samples as the project decodes it."""
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    pieces = []
    with av.open(str(path), metadata_errors="ignore") as container:
        for frame in container.decode(container.streams.audio[0]):
            pieces += [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]
        pieces += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    return np.concatenate(pieces).astype(np.float32) / 32768.0


def spoken_words(per_class: int = PER_CLASS) -> SoundSet:
    """10 command words by espeak-ng in many accents, variants, speeds and pitches, with noise."""
    variants = sorted(
        p.name for p in ESPEAK_VARIANTS.iterdir() if not any(p.name.startswith(odd) for odd in ODD_VARIANTS)
    )
    rng = np.random.default_rng(17)
    clips, truth = [], []
    for number, word in enumerate(WORDS):
        for _ in range(per_class):
            voice = f"{rng.choice(ACCENTS)}+{rng.choice(variants)}"
            speed, pitch = int(rng.integers(120, 221)), int(rng.integers(20, 81))
            wav = subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout", word],
                capture_output=True,
                check=True,
            ).stdout
            speech = np.frombuffer(wav[44:], dtype="<i2").astype(np.float32) / 32768.0
            speech = signal.resample_poly(speech, 320, 441).astype(np.float32)  # 22 050 → 16 000 Hz
            lead = np.zeros(int(rng.uniform(0.0, 0.3) * RATE), np.float32)
            clip = np.concatenate([lead, speech, np.zeros(int(0.1 * RATE), np.float32)])
            clip = _noisy(clip * rng.uniform(0.1, 1.0), float(rng.choice([0, 5, 10, 20, 30])), rng)
            clips.append(clip[: 5 * RATE])
            truth.append(number)
    return clips, np.array(truth), WORDS


def doorbells(per_class: int = PER_CLASS) -> SoundSet:
    """10 desktop event sounds, each one "recorded" again and again through different rooms and microphones."""
    missing = [path for path in DOORBELLS.values() if not (THEMES / path).is_file()]
    if missing:
        raise SystemExit(f"missing {missing}: apt-get install -y {BENCH_PACKAGES} (or: make bench)")
    rng = np.random.default_rng(23)
    clips, truth = [], []
    for number, path in enumerate(DOORBELLS.values()):
        source = decode(THEMES / path)
        for _ in range(per_class):
            clips.append(_rerecorded(source, rng))
            truth.append(number)
    return clips, np.array(truth), tuple(DOORBELLS)


def voices(per_class: int = PER_CLASS) -> SoundSet:
    """Different words from 10 KTuberling voice packs (one language, voice and microphone each)."""
    if not KTUBERLING.is_dir():
        raise SystemExit("apt-get install -y ktuberling-data (or: make bench)")
    rng = np.random.default_rng(29)
    clips, truth = [], []
    for number, pack in enumerate(VOICE_PACKS):
        files = sorted(p for p in (KTUBERLING / pack).iterdir() if p.suffix in (".ogg", ".opus", ".wav"))
        for path in rng.choice(files, size=per_class, replace=False):
            clips.append(decode(path)[: 5 * RATE])
            truth.append(number)
    return clips, np.array(truth), VOICE_PACKS


def _rerecorded(source: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``source`` played through a random room and microphone: speed, crop, gain, reverb, phone band, noise."""
    speed = rng.uniform(0.95, 1.05)
    sound = np.interp(np.arange(0, len(source) - 1, speed), np.arange(len(source)), source).astype(np.float32)
    if len(sound) > 2 * RATE:  # a random 2-s piece of a long tune
        start = int(rng.integers(0, len(sound) - 2 * RATE))
        sound = sound[start : start + 2 * RATE]
    lead = np.zeros(int(rng.uniform(0.02, 0.4) * RATE), np.float32)
    clip = np.concatenate([lead, sound, np.zeros(int(0.25 * RATE), np.float32)])
    if rng.random() < 0.5:  # a room: direct sound plus an exponentially decaying noise tail
        rt60 = rng.uniform(0.2, 0.8)
        t = np.arange(int(rt60 * RATE)) / RATE
        impulse = rng.standard_normal(t.size) * np.exp(-6.9 * t / rt60) * rng.uniform(0.05, 0.3)
        impulse[0] = 1.0
        clip = signal.fftconvolve(clip, impulse)[: clip.size].astype(np.float32)
    if rng.random() < 0.25:  # a telephone: 8 kHz and 300–3400 Hz
        narrow = signal.resample_poly(clip, 1, 2)
        narrow = signal.sosfilt(signal.butter(4, (300, 3400), "bandpass", fs=8000, output="sos"), narrow)
        clip = signal.resample_poly(narrow, 2, 1)[: clip.size].astype(np.float32)
    clip = clip / (np.abs(clip).max() + 1e-9) * rng.uniform(0.05, 0.9)
    return _noisy(clip, rng.uniform(5, 30), rng)[: 5 * RATE]


def _noisy(clip: np.ndarray, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """``clip`` with white, pink or brown noise ``snr_db`` below its loud part, clipped to ±1."""
    white = rng.standard_normal(clip.size)
    colour = rng.choice(["white", "pink", "brown"])
    if colour != "white":
        spectrum = np.fft.rfft(white)
        frequency = np.maximum(np.fft.rfftfreq(clip.size), 1.0 / clip.size)
        spectrum /= frequency ** (0.5 if colour == "pink" else 1.0)
        white = np.fft.irfft(spectrum, clip.size)
    loud = clip[np.abs(clip) > 0.1 * np.abs(clip).max()] if clip.any() else clip
    signal_power = float(np.mean(loud**2)) if loud.size else 1e-6
    noise = white / (np.sqrt(np.mean(white**2)) + 1e-12) * np.sqrt(signal_power / 10 ** (snr_db / 10))
    return np.clip(clip + noise, -1, 1).astype(np.float32)


BENCH_PACKAGES = "sound-theme-freedesktop yaru-theme-sound deepin-sound-theme oxygen-sounds ktuberling-data"

SETS: dict[str, Callable[[], SoundSet]] = {
    "spoken words": spoken_words,
    "doorbells": doorbells,
    "voices": voices,
}


def sets() -> dict[str, Callable[[], SoundSet]]:
    """The builders by name (each call builds the set afresh, the same every time)."""
    return dict(SETS)
