"""A taught sound model: hears recordings (or the sound of videos) a window at a time, with its card, report and
``save()``.

A recording up to 1.5 windows long is heard as one window (centred, as the examples were); a longer one in
windows of the model's length every half window, decoded a piece at a time so memory stays flat however long
it is. Each window gets a class and a score; the recording's class is the average of its windows.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np

from opensight._errors import InputError, OpensightError
from opensight._results_taught import SoundClassification, SoundWindow
from opensight.bundle import Bundle
from opensight.inputs import VIDEO_EXTENSIONS, Item, Sources, iter_items
from opensight.inputs._audio import AUDIO_EXTENSIONS, SAMPLE_RATE, audio_pieces
from opensight.models._runtimes import OnnxRunner
from opensight.results import Outcome, ScoredLabel
from opensight.tasks import DEFAULT_BATCH_SIZE, Task
from opensight.tasks._base import check_score
from opensight.teach._card import TaughtModelCard
from opensight.teach._model import ParityReference, Taught, _spec
from opensight.teach._sounds import fit_window
from opensight.teach.evaluate import Evaluation


class TaughtSoundModel(Taught, Task[SoundClassification]):
    """A classifier of sounds taught from your recordings; load one with ``opensight.load("doorbell.osm")``.

    ``min_score`` raises the bar for a confident answer above the card's "unsure" threshold.

    >>> model = opensight.teach("sounds/", kind="sounds")  # doctest: +SKIP
    >>> model("front-door.wav").summary()  # doctest: +SKIP
    'doorbell: 2 times, first at 3.5 s'
    """

    result_type = SoundClassification
    task = "classify"
    same_size = False
    extensions: ClassVar[frozenset[str]] = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS

    def __init__(
        self,
        bundle: Bundle,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        parity: ParityReference | None = None,
        evaluation: Evaluation | None = None,
        min_score: float = 0.0,
    ) -> None:
        card = TaughtModelCard.from_dict(bundle.card)
        Task.__init__(self, _spec(bundle, card), batch_size=batch_size, runner=OnnxRunner(bundle.model_onnx, lazy=True))
        self._keep(bundle, card, parity, evaluation)
        threshold = card.unsure_threshold
        self.threshold = max(float(threshold or 0.0), check_score("min_score", min_score)) or None
        window = bundle.manifest.get("input", {}).get("window_seconds", 1.0)
        self.window = round(float(window) * SAMPLE_RATE)
        self.hop = self.window // 4

    def with_min_score(self, min_score: float) -> TaughtSoundModel:
        """The same model (sharing its loaded graph), with the bar for a confident answer raised to ``min_score``."""
        other = copy.copy(self)
        card_threshold = float(self.card.unsure_threshold or 0.0)
        other.threshold = max(card_threshold, check_score("min_score", min_score)) or None
        return other

    # -- recordings run per file, a window at a time: the picture batching of Task does not apply -------------
    def stream(
        self, sources: Sources | Iterable[Item], *, batch_size: int | None = None, workers: int | None = None
    ) -> Iterator[Outcome[SoundClassification]]:
        """Hear any number of recordings lazily, in order; a bad file becomes an error outcome."""
        for item in iter_items(sources, extensions=self.extensions):
            yield self._outcome(item)

    def run_items(self, items: Sequence[Item]) -> list[Outcome[SoundClassification]]:
        """Hear these items in the calling thread."""
        return [self._outcome(item) for item in items]

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> SoundClassification:
        raise NotImplementedError("a sound model hears whole files (see hear_file)")

    def _outcome(self, item: Item) -> Outcome[SoundClassification]:
        try:
            if item.problem is not None:
                raise InputError(item.problem)
            if item.path is None:
                raise InputError("a sound model takes audio or video files, not pictures")
            return Outcome(name=item.name, result=self.hear_file(item.path))
        except OpensightError as error:
            return Outcome(name=item.name, error=error)

    def hear_file(self, path: str | Path) -> SoundClassification:
        """What the model hears in one recording."""
        starts: list[float] = []
        probabilities: list[np.ndarray] = []
        total = 0
        batch: list[np.ndarray] = []
        for start, window, seen in self._windows(path):
            total = max(total, seen)
            starts.append(start)
            batch.append(window)
            if len(batch) == self.batch_size:
                probabilities.append(self._runner.run({"audio": np.stack(batch)})["probabilities"])
                batch = []
        if batch:
            probabilities.append(self._runner.run({"audio": np.stack(batch)})["probabilities"])
        return self._result(starts, np.concatenate(probabilities), total / SAMPLE_RATE)

    def hear(self, samples: np.ndarray, *, sample_rate: int = SAMPLE_RATE) -> SoundClassification:
        """What the model hears in ``samples`` (a microphone's last two seconds, say): float, mono (samples,) or
        with channels (samples, channels) — mixed down —, at ``sample_rate`` — resampled to 16 kHz."""
        samples = np.asarray(samples, dtype=np.float32)
        if samples.ndim == 2:
            samples = samples.mean(axis=1)
        if samples.ndim != 1 or samples.size == 0:
            raise InputError(f"give the samples as a 1-D array (mono) or (samples, channels), got {samples.shape}")
        if isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or not 1000 <= sample_rate <= 384_000:
            raise InputError(f"sample_rate must be a whole number of samples per second, got {sample_rate!r}")
        if sample_rate != SAMPLE_RATE:
            from math import gcd

            from scipy.signal import resample_poly

            common = gcd(sample_rate, SAMPLE_RATE)
            samples = resample_poly(samples, SAMPLE_RATE // common, sample_rate // common).astype(np.float32)
        starts, windows = zip(*_cut(samples, self.window, self.hop), strict=True)
        probabilities = self._runner.run({"audio": np.stack(windows)})["probabilities"]
        return self._result(list(starts), probabilities, samples.size / SAMPLE_RATE)

    def _windows(self, path: str | Path) -> Iterator[tuple[float, np.ndarray, int]]:
        """(start in seconds, window, samples decoded so far) for every window of the recording at ``path``."""
        buffer = np.zeros(0, np.float32)
        offset = 0  # samples before buffer[0]
        decided = False
        last = np.zeros(0, np.float32)
        for piece in audio_pieces(path, seconds=10.0):
            buffer = np.concatenate([buffer, piece])
            if not decided and offset + buffer.size <= 1.5 * self.window:
                continue
            decided = True
            while buffer.size >= self.window:
                last = buffer[: self.window]
                yield offset / SAMPLE_RATE, last, offset + buffer.size
                buffer = buffer[self.hop :]
                offset += self.hop
        if not decided:  # a short recording: one centred window, as the examples were taught
            yield 0.0, fit_window(buffer, self.window), buffer.size
        elif buffer.size - (self.window - self.hop) > self.hop // 4:  # an end not heard yet: one last window
            end = offset + buffer.size  # ending there (not for a few samples: the same window again, a trial saw)
            yield (end - self.window) / SAMPLE_RATE, np.concatenate([last, buffer])[-self.window :], end

    def _result(self, starts: list[float], probabilities: np.ndarray, duration: float) -> SoundClassification:
        labels = self.bundle.labels
        seconds = self.window / SAMPLE_RATE
        windows = tuple(
            SoundWindow(
                start=start,
                end=min(start + seconds, max(duration, seconds)),
                guess=labels[int(row.argmax())],
                score=float(row.max()),
                unsure=self.threshold is not None and float(row.max()) < self.threshold,
            )
            for start, row in zip(starts, probabilities, strict=True)
        )
        mean = probabilities.mean(axis=0)
        order = np.argsort(-mean, kind="stable")[: min(5, len(labels))]
        return SoundClassification(
            top=tuple(ScoredLabel(labels[i], float(mean[i])) for i in order),
            windows=windows,
            duration=duration,
            model=self.spec.name,
            threshold=self.threshold,
        )


def _cut(samples: np.ndarray, window: int, hop: int) -> Iterator[tuple[float, np.ndarray]]:
    """The windows of samples held in memory, as :meth:`TaughtSoundModel._windows` cuts a file."""
    if samples.size <= 1.5 * window:
        yield 0.0, fit_window(samples, window)
        return
    start = 0
    while start + window <= samples.size:
        yield start / SAMPLE_RATE, samples[start : start + window]
        start += hop
    if samples.size - start > window - hop:
        yield (samples.size - window) / SAMPLE_RATE, samples[-window:]
