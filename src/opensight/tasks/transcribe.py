"""transcribe: speech to timed text, from audio files or the sound track of videos.

Audio is decoded a window at a time (5 minutes): each window is transcribed, the segments that end well before
its edge are kept, and the rest of the window carries into the next one — so words at a boundary are not cut and
memory stays flat however long the recording.

>>> import opensight as osi
>>> print(osi.transcribe("interview.mp3").text)  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, cast

import numpy as np

from opensight._errors import InputError, OpensightError
from opensight._results_taught import SoundClassification
from opensight.inputs import VIDEO_EXTENSIONS, Item, Sources, iter_items
from opensight.inputs._audio import AUDIO_EXTENSIONS, SAMPLE_RATE, audio_pieces
from opensight.models import ModelSpec, Runner
from opensight.models.whisper import RawSegment, WhisperRunner
from opensight.results import Outcome, Segment, Transcript
from opensight.tasks._base import Task

#: Short names for ``--model``.
ALIASES = {"tiny.en": "whisper_tiny.en", "tiny": "whisper_tiny.en", "base": "whisper_base"}
#: Seconds of audio transcribed at once, and how far from a window's end a segment must stop to be kept.
WINDOW_SECONDS = 300.0
EDGE_SECONDS = 5.0


class Transcriber(Task[Transcript]):
    """Speech to text. ``Transcriber(model="base", language="de")`` for other languages.

    ``vad`` (on by default): voice-activity detection drops text Whisper invents in silence or music and skips
    long pauses in long recordings; it never cuts a recording of up to 30 s, which is heard whole when it has
    speech. ``vad=False`` hears everything as it is.
    """

    result_type = Transcript

    task = "transcribe"
    same_size = False
    extensions: ClassVar[frozenset[str]] = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        language: str | None = None,
        vad: bool = True,
        batch_size: int = 1,
        runner: Runner | None = None,
        window_seconds: float = WINDOW_SECONDS,
    ) -> None:
        if isinstance(model, str):
            if model not in ALIASES and model not in ALIASES.values():  # not every model of the registry hears
                raise InputError(
                    f"unknown speech model {model!r}; choose tiny.en (English, fast) or base (99 languages, more "
                    "accurate)"
                )
            model = ALIASES.get(model, model)
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.whisper = cast(WhisperRunner, self._runner)
        if language is not None:
            if not isinstance(language, str) or not language.isalpha() or not 2 <= len(language) <= 3:
                raise InputError(f"language must be a code such as 'en', 'de' or 'fr', got {language!r}")
            if not self.whisper.multilingual and language.lower() != "en":
                raise InputError(
                    f"{self.spec.name} understands English only; for {language!r} use the multilingual model: "
                    "--model base"
                )
            if language.lower() not in self.whisper.languages:  # 'xx' crashed inside faster-whisper
                raise InputError(
                    f"{self.spec.name} does not know the language code {language!r}; it takes the codes "
                    f"of Whisper's languages: {', '.join(self.whisper.languages)}"
                )
        self.language = None if language is None else language.lower()
        self.vad = vad
        if not window_seconds > 2 * EDGE_SECONDS:
            raise InputError(f"window_seconds must be more than {2 * EDGE_SECONDS:g}")
        self.window_seconds = float(window_seconds)

    # -- audio runs per file, window by window: the picture batching of Task does not apply ----------
    def stream(
        self, sources: Sources | Iterable[Item], *, batch_size: int | None = None, workers: int | None = None
    ) -> Iterator[Outcome[Transcript]]:
        """Transcribe any number of files lazily, in order; a bad file becomes an error outcome."""
        for item in iter_items(sources, extensions=self.extensions):
            yield self._outcome(item)

    def run_items(self, items: Sequence[Item]) -> list[Outcome[Transcript]]:
        """Transcribe these items in the calling thread."""
        return [self._outcome(item) for item in items]

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Transcript:
        raise NotImplementedError("transcribe works per file (see transcribe_file)")

    def _outcome(self, item: Item) -> Outcome[Transcript]:
        try:
            if item.problem is not None:
                raise InputError(item.problem)
            if item.path is None:
                raise InputError("transcribe takes audio or video files, not in-memory pictures")
            return Outcome(name=item.name, result=self.transcribe_file(item.path))
        except OpensightError as error:
            return Outcome(name=item.name, error=error)

    def transcribe_file(self, path: Any) -> Transcript:
        """The transcript of one audio or video file."""
        segments: list[Segment] = []
        languages: list[str] = []
        buffer = np.zeros(0, dtype=np.float32)
        offset = 0.0  # seconds from the start of the file to the start of ``buffer``
        total = 0
        for piece in audio_pieces(path, seconds=self.window_seconds):
            total += piece.size
            buffer = np.concatenate([buffer, piece]) if buffer.size else piece
            if buffer.size < self.window_seconds * SAMPLE_RATE:
                continue
            heard, language = self.whisper.transcribe(buffer, language=self.language, vad=self.vad)
            length = buffer.size / SAMPLE_RATE
            kept = [s for s in heard if s.end <= length - EDGE_SECONDS]
            rest = heard[len(kept) :]
            # carry on from the first segment too close to the edge (it is heard again, whole, next time)
            consumed = rest[0].start if rest else (kept[-1].end if kept else length - EDGE_SECONDS)
            if consumed <= 0:
                kept, consumed = heard, length
            segments.extend(_segment(s, offset, length) for s in kept)
            languages.extend([language] if heard else [])
            buffer = buffer[int(consumed * SAMPLE_RATE) :]
            offset += consumed
        if buffer.size:
            heard, language = self.whisper.transcribe(buffer, language=self.language, vad=self.vad)
            segments.extend(_segment(s, offset, buffer.size / SAMPLE_RATE) for s in heard)
            languages.extend([language] if heard else [])
        language = self.language or (max(set(languages), key=languages.count) if languages else "en")
        return Transcript(
            segments=tuple(segments), language=language, duration=total / SAMPLE_RATE, model=self.spec.name
        )


def _segment(raw: RawSegment, offset: float, length: float) -> Segment:
    """A segment in file time; ends are clamped to the audio heard (Whisper rounds them up to its 2 s grid)."""
    end = min(raw.end, length)
    return Segment(
        start=min(raw.start, end) + offset, end=end + offset, text=raw.text, score=math.exp(min(0.0, raw.avg_logprob))
    )


def _srt_time(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def subtitles(transcript: Transcript | SoundClassification, fmt: str) -> str:
    """The transcript (or what a sound model heard, as a labelled timeline) as ``srt``, ``vtt`` or plain ``txt``.

    >>> t = Transcript((Segment(0.0, 1.5, "Hello there.", 0.9),), "en", 2.0, "m")
    >>> print(subtitles(t, "srt"))
    1
    00:00:00,000 --> 00:00:01,500
    Hello there.
    <BLANKLINE>
    """
    if fmt == "txt":
        return transcript.text + "\n"
    if fmt not in ("srt", "vtt"):
        raise InputError(f"unknown subtitle format {fmt!r}; choose srt, vtt or txt")
    separator = "," if fmt == "srt" else "."
    blocks = [] if fmt == "srt" else ["WEBVTT\n"]
    for number, segment in enumerate(transcript.segments, start=1):
        timing = f"{_srt_time(segment.start, separator)} --> {_srt_time(max(segment.end, segment.start), separator)}"
        blocks.append(f"{number}\n{timing}\n{segment.text}\n" if fmt == "srt" else f"{timing}\n{segment.text}\n")
    return "\n".join(blocks)


def iter_audio(sources: Iterable[Any]) -> Iterator[Item]:
    """Audio and video files among ``sources`` (folders walked for audio/video extensions)."""
    return iter_items(list(sources), extensions=Transcriber.extensions)
