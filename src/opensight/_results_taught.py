"""The answers of taught sound and pose (or gesture) models: what they heard, window by window and as events, and
what they saw of the person or hand. (The other tasks' results are in :mod:`opensight.results`.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from opensight.results import UNSURE, Person, ScoredLabel, Segment, Shown, TopAnswer, _plural

if TYPE_CHECKING:
    from opensight._results_body import Hand


#: Words that mark a class as the background (not an event) in a sound model's summary.
BACKGROUND_WORDS = ("background", "noise", "silence", "quiet", "nothing", "other", "ambient")


def is_background(label: str) -> bool:
    """Whether a sound class is the background rather than something that happens.

    >>> is_background("Background noise"), is_background("dog barking")
    (True, False)
    """
    return any(word in label.lower() for word in BACKGROUND_WORDS)


def clock(seconds: float) -> str:
    """'0:03:12' (or '3.5 s' under a minute).

    >>> clock(192.4), clock(3.46)
    ('0:03:12', '3.5 s')
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class SoundWindow:
    """What a sound model heard in one window of a recording: ``start``/``end`` in seconds, the best class and its
    probability, and whether that is below the model's "unsure" threshold."""

    start: float
    end: float
    guess: str
    score: float
    unsure: bool

    @property
    def label(self) -> str:
        """The best class, or ``"unsure"``."""
        return UNSURE if self.unsure else self.guess

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "label", "score", "unsure", "guess"}``"""
        return {
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "label": self.label,
            "score": round(self.score, 4),
            "unsure": self.unsure,
            "guess": self.guess,
        }


@dataclass(frozen=True)
class SoundEvent:
    """A stretch of consecutive windows with the same confident class: when it starts and ends, its best score."""

    start: float
    end: float
    label: str
    score: float


@dataclass(frozen=True)
class SoundClassification(TopAnswer, Shown):
    """What a taught sound model heard in one recording: the recording's class (from the average of its windows'
    probabilities), every window's answer, and the events (runs of windows with the same confident class)."""

    columns: ClassVar[tuple[str, ...]] = ("label", "score", "guess", "unsure", "duration", "heard", "model")

    top: tuple[ScoredLabel, ...]
    windows: tuple[SoundWindow, ...]
    duration: float
    model: str
    threshold: float | None = None

    @property
    def events(self) -> tuple[SoundEvent, ...]:
        """Runs of consecutive windows with the same confident class (the background's too)."""
        events: list[SoundEvent] = []
        for window in self.windows:
            last = events[-1] if events else None
            if window.unsure:
                continue
            if last is not None and last.label == window.label and window.start <= last.end:
                events[-1] = SoundEvent(last.start, window.end, last.label, max(last.score, window.score))
            else:
                events.append(SoundEvent(window.start, window.end, window.label, window.score))
        return tuple(events)

    def heard(self) -> dict[str, dict[str, Any]]:
        """Each class heard (background classes left out): how many times, and when first (seconds)."""
        counted: dict[str, dict[str, Any]] = {}
        for event in self.events:
            if is_background(event.label):
                continue
            entry = counted.setdefault(event.label, {"times": 0, "first": round(event.start, 2)})
            entry["times"] += 1
        return counted

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The events as timed text (for ``--format srt`` / ``vtt``): background classes left out. The windows
        overlap, so two events one after the other share a stretch of sound: their cues meet halfway through it
        instead of showing both at once.

        >>> from opensight.results import ScoredLabel
        >>> heard = [("dog", 0.0, 1.0), ("dog", 0.5, 1.5), ("bell", 1.0, 2.0)]
        >>> windows = tuple(SoundWindow(a, b, label, 0.9, False) for label, a, b in heard)
        >>> heard = SoundClassification((ScoredLabel("dog", 0.6),), windows, 2.0, "m")
        >>> [(s.start, s.end, s.text) for s in heard.segments]
        [(0.0, 1.25, 'dog (90%)'), (1.25, 2.0, 'bell (90%)')]
        """
        events = self.events
        starts, ends = [event.start for event in events], [event.end for event in events]
        for i in range(1, len(events)):
            if starts[i] < ends[i - 1]:
                starts[i] = ends[i - 1] = (starts[i] + ends[i - 1]) / 2
        return tuple(
            Segment(start, end, f"{event.label} ({event.score:.0%})", event.score)
            for event, start, end in zip(events, starts, ends, strict=True)
            if not is_background(event.label)
        )

    @property
    def text(self) -> str:
        return self.summary()

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``label``, ``score``, ``guess``, ``unsure`` (for the whole recording), ``duration``,
        ``heard`` ({class: {"times", "first"}}), ``windows`` (every window's answer), ``top``, ``model``."""
        return {
            "label": self.label,
            "score": round(self.score, 6),
            "guess": self.guess,
            "unsure": self.unsure,
            "duration": round(self.duration, 2),
            "heard": self.heard(),
            "windows": [window.to_dict() for window in self.windows],
            "top": [entry.to_dict() for entry in self.top],
            "model": self.model,
        }

    def summary(self) -> str:
        """One window: 'Most likely: doorbell (93%)'; a longer recording: 'dog barking: 14 times, first at 0:03:12'."""
        if len(self.windows) <= 1:
            if self.unsure:
                return f"Unsure (best guess: {self.guess}, {self.score:.0%})"
            return f"Most likely: {self.label} ({self.score:.0%})"
        heard = self.heard()
        if not heard:
            background = [e.label for e in self.events]
            what = f"only {background[0]}" if background else "nothing the model is sure of"
            return f"Heard {what} in {clock(self.duration)}"
        return "; ".join(
            f"{label}: {_plural(entry['times'], 'time')}, first at {clock(entry['first'])}"
            for label, entry in heard.items()
        )

    def cells(self) -> dict[str, str]:
        heard = self.heard()
        shown = ", ".join(f"{label} ×{entry['times']}" for label, entry in heard.items()) or "—"
        return {**super().cells(), "heard": shown, "duration": clock(self.duration)}


@dataclass(frozen=True, eq=False)
class PoseClassification(TopAnswer, Shown):
    """What a model taught on body poses (or hand gestures) says about one picture (or video frame): the best
    classes for the person (or hand) it found (``found``, with its keypoints), or that it found none; on a video,
    ``smoothed`` is the label of the last frames together (their probabilities averaged with a decay)."""

    columns: ClassVar[tuple[str, ...]] = ("label", "score", "guess", "unsure", "smoothed", "found", "model")

    top: tuple[ScoredLabel, ...]
    found: Person | Hand | None
    model: str
    threshold: float | None = None
    smoothed: str | None = None
    subject: str = "person"  # what the model looks for: "person" or "hand"

    @property
    def person(self) -> Person | None:
        """The person found (pose models)."""
        return self.found if isinstance(self.found, Person) else None

    @property
    def unsure(self) -> bool:
        """True when nobody was found, or the best score is below the model's threshold."""
        return self.found is None or super().unsure

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``label``, ``score``, ``guess``, ``unsure``, ``smoothed`` (videos), ``found`` (the person's
        or hand's score and points, or null when none was found), ``top``, ``model``."""
        return {
            "label": self.label,
            "score": round(float(self.score), 6),
            "guess": self.guess,
            "unsure": self.unsure,
            "smoothed": self.smoothed,
            "found": None if self.found is None else self.found.to_dict(),
            "top": [entry.to_dict() for entry in self.top],
            "model": self.model,
        }

    def summary(self) -> str:
        """'Most likely: waving (91%)', 'Unsure (best guess: …)', or 'No person found'."""
        if self.found is None:
            return f"No {self.subject} found: the model judges one {self.subject} in the picture"
        if self.unsure:
            return f"Unsure (best guess: {self.guess}, {self.score:.0%})"
        return f"Most likely: {self.label} ({self.score:.0%})"

    def cells(self) -> dict[str, str]:
        shown = "none" if self.found is None else f"{self.subject} (score {self.found.score:.2f})"
        return {**super().cells(), "found": shown, "smoothed": self.smoothed or ""}
