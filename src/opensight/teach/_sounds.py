"""Sounds as examples: recordings cut into windows of :data:`WINDOW_SECONDS`, each window a clip embedding from
Whisper tiny.en's encoder (cached in the store), the encoder and the head fused into the one ``.osm`` graph
(16 kHz mono samples in, probabilities out), and the save-time parity check.

A recording no longer than a window is one example (padded with silence to the window, centred); a longer one
gives one example per window, and quiet windows (far below the recording's loudest) are left out, so a long
recording of a dog that barks now and then teaches the barks, not the pauses. Windows of one recording are kept
together in cross-validation (:func:`windows_of` returns them by file).
"""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from opensight._errors import DecodeError, OpensightError
from opensight._results_taught import is_background
from opensight._text import first_few
from opensight.bundle import Bundle, make_manifest
from opensight.inputs import VIDEO_EXTENSIONS
from opensight.inputs._audio import AUDIO_EXTENSIONS, SAMPLE_RATE, audio_pieces
from opensight.models import ModelSpec
from opensight.models._runtimes import OnnxRunner
from opensight.models.sound_encoder import EMBEDDING_DIM, MFCC, SPEC, onnx_path
from opensight.store import Store
from opensight.teach._blend import NameBlend
from opensight.teach._card import TaughtModelCard
from opensight.teach._examples import Examples
from opensight.teach._fuse import fuse_head
from opensight.teach._kinds import Embedded, Progress
from opensight.teach._model import ParityReference
from opensight.teach._pictures import hash_files
from opensight.teach.head import HeadSettings, LinearHeadLearner, softmax

#: The length of one example (and of each window a recording is heard in): chosen by measurement on three sets
#: of sounds (BENCHMARKS.md, bench/teach_sound.py).
WINDOW_SECONDS = 2.0
#: Where a recording shorter than a window is placed in it, as examples (a share of the free room): centred,
#: early and late. Measured on words in new voices in a long recording: scores 0.05-0.10 higher than centred alone.
PLACEMENTS = (0.5, 0.15, 0.85)
#: The start recorded for the extra placements: they help the head learn, and are not counted or evaluated twice.
AUGMENTED = -1.0
#: In a recording longer than a window, windows this many decibels below its loudest are left out.
QUIET_DB = 30.0
#: A recording whose loudest window is below this level (RMS of full scale, about -60 dBFS) is called silent.
SILENT_RMS = 1e-3
#: Why a silent recording is left out (taught, it would teach that silence is its class).
SILENT = (
    "silent (nothing louder than -60 dBFS): left out, or the model would learn that silence is this class; "
    "check the microphone"
)
#: The longest recording a single example may be (longer ones are cut here, with a warning).
LONGEST_EXAMPLE_SECONDS = 600.0
#: Batch of windows run through the encoder at once.
BATCH = 16


def window_samples(seconds: float = WINDOW_SECONDS) -> int:
    """Samples in one window at 16 kHz.

    >>> window_samples(1.0)
    16000
    """
    return round(seconds * SAMPLE_RATE)


def fit_window(samples: np.ndarray, size: int) -> np.ndarray:
    """``samples`` made exactly ``size`` long: centred in silence when shorter, the middle kept when longer.

    >>> fit_window(np.ones(2, np.float32), 4).tolist()
    [0.0, 1.0, 1.0, 0.0]
    """
    if samples.size >= size:
        start = (samples.size - size) // 2
        return np.ascontiguousarray(samples[start : start + size], dtype=np.float32)
    padded = np.zeros(size, dtype=np.float32)
    start = (size - samples.size) // 2
    padded[start : start + samples.size] = samples
    return padded


def placed(samples: np.ndarray, size: int, share: float) -> np.ndarray:
    """``samples`` (shorter than ``size``) in a window of silence, ``share`` of the way along its free room.

    >>> placed(np.ones(2, np.float32), 6, 0.0).tolist(), placed(np.ones(2, np.float32), 6, 1.0).tolist()
    ([1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0, 1.0])
    """
    window = np.zeros(size, dtype=np.float32)
    start = round((size - samples.size) * share)
    window[start : start + samples.size] = samples
    return window


def rms(samples: np.ndarray) -> float:
    """Root-mean-square level of ``samples`` (1.0 = a full-scale square wave)."""
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if samples.size else 0.0


def windows_of(samples: np.ndarray, size: int) -> tuple[list[np.ndarray], list[float]]:
    """The example windows of one recording and where each starts (seconds): a recording shorter than a window
    placed in it three times (centred, early, late — a recording is heard in windows every quarter window, so the
    sound is rarely centred); up to 1.5 windows, its middle; else back-to-back windows, the loud ones only (within
    :data:`QUIET_DB` of the loudest)."""
    if samples.size < size:
        extra = [AUGMENTED] * (len(PLACEMENTS) - 1)
        return [placed(samples, size, share) for share in PLACEMENTS], [0.0, *extra]
    if samples.size <= 1.5 * size:
        return [fit_window(samples, size)], [0.0]
    count = round(samples.size / size)
    starts = np.linspace(0, samples.size - size, count).round().astype(int)
    windows = [np.ascontiguousarray(samples[s : s + size], dtype=np.float32) for s in starts]
    levels = np.array([rms(w) for w in windows])
    keep = levels >= levels.max() * 10 ** (-QUIET_DB / 20)
    return [w for w, k in zip(windows, keep, strict=True) if k], [
        s / SAMPLE_RATE for s, k in zip(starts, keep, strict=True) if k
    ]


def read_recording(path: Path, *, longest: float = LONGEST_EXAMPLE_SECONDS) -> tuple[np.ndarray, bool]:
    """The first ``longest`` seconds of a recording as 16 kHz mono float32, and whether it was longer."""
    pieces: list[np.ndarray] = []
    held = 0
    cut = False
    for piece in audio_pieces(path, seconds=10.0):
        if held >= longest * SAMPLE_RATE:
            cut = True
            break
        pieces.append(piece)
        held += piece.size
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    return samples[: int(longest * SAMPLE_RATE)], cut


def wav_bytes(samples: np.ndarray) -> bytes:
    """16-bit mono WAV of 16 kHz samples (the previews kept in the store and played in reports)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(samples, -1.0, 1.0) * 32767).round().astype("<i2").tobytes())
    return buffer.getvalue()


def wav_samples(data: bytes) -> np.ndarray:
    """The samples of a preview made by :func:`wav_bytes`."""
    with wave.open(io.BytesIO(data), "rb") as preview:
        frames = preview.readframes(preview.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32767


def standardiser(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(shift, scale) that standardise ``features`` (rows): each column's mean, and its spread (at least 1e-6).

    >>> shift, scale = standardiser(np.array([[1.0, 5.0], [3.0, 5.0]]))
    >>> shift.tolist(), scale.tolist()
    ([2.0, 5.0], [1.0, 1e-06])
    """
    return features.mean(axis=0), np.maximum(features.std(axis=0), 1e-6)


def standardised(features: np.ndarray, standard: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """``features`` shifted and scaled by :func:`standardiser`'s (shift, scale)."""
    shift, scale = standard
    return np.asarray((features - shift) / scale)


def piece_key(digest: str, index: int) -> str:
    """The store key of window ``index`` of the file whose content hash is ``digest`` ("<sha256>@<index>")."""
    return f"{digest}@{index}"


#: Windows the save-time parity check runs (pictures take 16; each window runs the whole encoder, twice).
PARITY_WINDOWS = 2


def mfcc_boost() -> np.ndarray:
    """The MFCC block weighed up so that it holds as much of a (standardised) row's length as the encoder's block:
    the encoder was trained NOT to hear who speaks, the MFCCs keep it. Cross-validation chooses between this and
    the plain row on each user's examples. On the three sound sets (bench/teach_sound.py) it chose the plain row for
    spoken words every time and this for voices every time (+10 points there at 3 and 5 examples per class) and
    doorbells (+0.3..+1.4).

    >>> boost = mfcc_boost(); float(boost[0]), round(float(boost[-1]), 2), len(boost)
    (1.0, 3.1, 848)
    """
    encoder = EMBEDDING_DIM - 4 * MFCC
    boost = np.ones(EMBEDDING_DIM)
    boost[encoder:] = np.sqrt(encoder / (4 * MFCC))
    return boost


class Sounds:
    """The sound kind of examples (:class:`~opensight.teach._kinds.ExampleKind`)."""

    noun = "sounds"
    extensions = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS
    near_copies = False
    #: 5 folds, not 10: a sound's windows and placements make each fit three times bigger, and with 10 clips per
    #: class the announced accuracy stayed within 1.5 points of held-out on the three sound sets either way.
    head = HeadSettings(weightings=(mfcc_boost(),), folds=5)

    def __init__(self, window_seconds: float = WINDOW_SECONDS) -> None:
        self.window_seconds = window_seconds
        self.size = window_samples(window_seconds)
        self.standard: tuple[np.ndarray, np.ndarray] | None = None  # (shift, scale), once features are seen
        #: The encoder's session, loaded on first use and shared by embedding and the parity check.
        self.encoder = OnnxRunner(onnx_path(self.size), lazy=True)

    def base_model(self) -> ModelSpec:
        return SPEC

    def input_spec(self) -> dict[str, object]:
        """The manifest's input: 16 kHz mono samples, heard in windows of this length."""
        return {"kind": "audio", "sample_rate": SAMPLE_RATE, "channels": 1, "window_seconds": self.window_seconds}

    def embed(self, paths: list[Path], store: Store, *, batch_size: int, progress: Progress | None) -> Embedded:
        """Every readable recording's windows: vectors and previews by ``<sha256>@<window>``, the windows of each
        file (``pieces``), and notes about silent, short and cut recordings."""
        model = f"{SPEC.name}:{self.window_seconds:g}s"
        digests, skipped = hash_files(paths, store)
        unique = sorted(set(digests.values()))
        stored = store.embeddings(model, unique)  # per file: a header, then each window's start and vector
        first_path = {digest: path for path, digest in reversed(list(digests.items()))}
        todo = [digest for digest in unique if digest not in stored]
        runner = self.encoder
        new: dict[str, np.ndarray] = {}
        previews: dict[str, bytes] = {}
        failed: dict[str, str] = {}
        for done, digest in enumerate(todo, start=1):
            try:
                new[digest], previews_of = self._embed_file(first_path[digest], digest, runner)
                previews.update(previews_of)
            except OpensightError as error:
                failed[digest] = str(error)
            if progress is not None:
                progress(done, len(todo))
        if new:
            store.put_embeddings(model, new)
            store.put_thumbnails(previews)
        stored.update(new)
        recordings = {digest: _Recording.unpack(stored[digest]) for digest in set(digests.values()) - set(failed)}
        failed.update({digest: SILENT for digest, recording in recordings.items() if recording.loudest < SILENT_RMS})
        for path, digest in list(digests.items()):
            if digest in failed:
                skipped.append((str(path), failed[digest]))
                del digests[path]
        recordings = {digest: recordings[digest] for digest in set(digests.values())}
        pieces = {digest: tuple(piece_key(digest, i) for i in range(len(r.starts))) for digest, r in recordings.items()}
        vectors = {key: vector for d, r in recordings.items() for key, vector in zip(pieces[d], r.vectors, strict=True)}
        return Embedded(
            vectors,
            store.thumbnails(list(vectors)),
            digests,
            sorted(skipped),
            computed=len(new),
            pieces=pieces,
            starts=_starts(recordings, pieces),
            augmented=frozenset(
                key for d, r in recordings.items() for key, start in zip(pieces[d], r.starts, strict=True) if start < 0
            ),
            notes=_notes(digests, recordings, self.window_seconds),
        )

    def _embed_file(self, path: Path, digest: str, runner: OnnxRunner) -> tuple[np.ndarray, dict[str, bytes]]:
        """One recording, packed for the store (:class:`_Recording`), and its windows' previews."""
        try:
            samples, cut = read_recording(path)
        except OpensightError:
            raise
        except Exception as error:  # a decoder bug on a strange file costs that file, not the teaching
            raise DecodeError(f"could not decode this recording ({type(error).__name__}: {error})") from error
        windows, starts = windows_of(samples, self.size)
        vectors = np.concatenate([runner.run({"audio": np.stack(batch)})["embedding"] for batch in _batches(windows)])
        loudest = max((rms(samples[i : i + 1600]) for i in range(0, samples.size, 1600)), default=0.0)
        recording = _Recording(samples.size / SAMPLE_RATE, loudest, cut, tuple(starts), vectors)
        return recording.pack(), {piece_key(digest, i): wav_bytes(w) for i, w in enumerate(windows)}

    def head_features(self, features: np.ndarray) -> np.ndarray:
        """Standardised on these examples (each number's mean 0, spread 1): the encoder's numbers share a large
        common part that would otherwise drown what tells the classes apart (measured: 3-17 points better than
        unit-length features in bench/_sound_study.py)."""
        self.standard = standardiser(features)
        return standardised(features, self.standard)

    def bundle(
        self, learner: LinearHeadLearner, card: TaughtModelCard, report_html: str, *, blend: NameBlend | None
    ) -> Bundle:
        """The sound encoder, the standardisation and the head fused into one graph, with the card and the report."""
        fit = learner.fit_
        shift, scale = self._standard()
        if fit.columns is not None:  # the chosen weighting, folded into the standardisation: (x - shift) / scale × w
            scale = scale / fit.columns
        graph = fuse_head(onnx_path(self.size), fit.weights, fit.bias, fit.temperature, standardise=(shift, scale))
        return Bundle(
            model_onnx=graph,
            labels=card.classes,
            card=card,
            manifest=make_manifest("classify", {}, self.input_spec()),
            report_html=report_html,
        )

    def parity(
        self, learner: LinearHeadLearner, examples: Examples, chosen: list[int], *, blend: NameBlend | None
    ) -> ParityReference:
        """Example windows (from their previews) and what the in-process encoder + head say about them: the first
        :data:`PARITY_WINDOWS` of ``chosen`` (each window runs the whole encoder twice, in here and in the saved
        file; a graph that computes something else differs on any of them)."""
        windows = chosen[:PARITY_WINDOWS]
        audio = np.stack([fit_window(wav_samples(examples.thumbnails[i]), self.size) for i in windows])
        embeddings = self.encoder.run({"audio": audio})["embedding"]
        logits = learner.fit_.logits(standardised(embeddings, self._standard())) / learner.fit_.temperature
        return ParityReference(pixels=audio, probabilities=softmax(logits), logits=logits, input_name="audio")

    def advice(self, classes: tuple[str, ...]) -> list[str]:
        """Without a background class, every sound the model hears — the room's hum, a cough — is called one of
        the classes: the warning says to add one, as Teachable Machine does."""
        if any(is_background(name) for name in classes):
            return []
        return [
            "no 'background noise' class: every sound the model hears, even the quiet of the room, will be called "
            f"one of {', '.join(classes)}; record 10 or more clips of the place with none of these sounds into a "
            "class named 'background noise'"
        ]

    def _standard(self) -> tuple[np.ndarray, np.ndarray]:
        if self.standard is None:
            raise RuntimeError("head_features() sets the standardisation before the model is bundled")
        return self.standard

    def limits(self) -> tuple[str, ...]:
        return (
            f"Hears {self.window_seconds:g}-second windows: a sound much shorter is heard among what surrounds it, "
            "and one much longer is judged a window at a time.",
            "Heard through Whisper's encoder, trained on speech: sounds above 8 kHz are not heard at all.",
        )


def _batches(windows: list[np.ndarray]) -> Iterator[list[np.ndarray]]:
    for start in range(0, len(windows), BATCH):
        yield windows[start : start + BATCH]


@dataclass(frozen=True, eq=False)
class _Recording:
    """What the store keeps of one recording: its length, loudest level, whether it was cut, and each window's
    start and vector (packed into one float32 row)."""

    seconds: float
    loudest: float
    cut: bool
    starts: tuple[float, ...]
    vectors: np.ndarray  # (windows, EMBEDDING_DIM)

    def pack(self) -> np.ndarray:
        header = np.array([self.seconds, self.loudest, float(self.cut)], dtype=np.float32)
        rows = np.concatenate([np.array(self.starts, dtype=np.float32)[:, None], self.vectors], axis=1)
        return np.concatenate([header, rows.reshape(-1)]).astype(np.float32)

    @classmethod
    def unpack(cls, row: np.ndarray) -> _Recording:
        seconds, loudest, cut = (float(value) for value in row[:3])
        rows = row[3:].reshape(-1, EMBEDDING_DIM + 1)
        return cls(seconds, loudest, cut > 0.5, tuple(float(start) for start in rows[:, 0]), rows[:, 1:])


def _starts(recordings: dict[str, _Recording], pieces: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Where each window of a recording of several windows starts (a one-window recording is just its file)."""
    return {
        key: start
        for digest, recording in recordings.items()
        if sum(start >= 0 for start in recording.starts) > 1
        for key, start in zip(pieces[digest], recording.starts, strict=True)
        if start >= 0
    }


def _notes(digests: dict[Path, str], recordings: dict[str, _Recording], window: float) -> tuple[str, ...]:
    """Sentences about the recordings a user should look at: each silent or cut one by name; the short ones
    (centred in silence, usually harmless) together."""
    notes: list[str] = []
    short: list[tuple[Path, float]] = []
    for path, digest in sorted(digests.items()):
        recording = recordings[digest]
        if recording.seconds < 0.5 * window:
            short.append((path, recording.seconds))
        if recording.cut:
            minutes = LONGEST_EXAMPLE_SECONDS / 60
            notes.append(f"{path} is longer than {minutes:g} minutes: only its first {minutes:g} minutes were used")
    if short:
        names = first_few([str(path) for path, _ in short], 3)
        low, high = (f"{f(seconds for _, seconds in short):.2f}" for f in (min, max))
        lengths = f"{low} s" if low == high else f"{low}–{high} s"
        notes.append(
            f"{len(short)} recording(s) are under half the {window:g}-s window ({lengths}: {names}): each was "
            "placed in a window of silence, centred, early and late"
        )
    return tuple(notes)
