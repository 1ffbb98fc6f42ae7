"""Result types, one per task (**contract**): frozen dataclasses with ``to_dict()`` for JSON rows.

>>> top = (ScoredLabel("tabby", 0.61), ScoredLabel("tiger cat", 0.2))
>>> Classification(top=top, model="efficientnet_lite0.imagenet").label
'tabby'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import numpy as np

from opensight._errors import OpensightError

#: The label of an answer below a taught model's confidence threshold.
UNSURE = "unsure"


class Result(Protocol):
    """What every task result offers: its row fields, a one-line summary, and how a terminal table shows it."""

    #: The row's task fields, in order: the CSV header (after ``path``) and the table's columns.
    columns: ClassVar[tuple[str, ...]]
    #: Fields a terminal table leaves out (too long to read there; JSON and CSV keep them).
    untabled: ClassVar[frozenset[str]]

    def to_dict(self) -> dict[str, Any]: ...

    def summary(self) -> str: ...

    def cells(self) -> dict[str, str]: ...


class Shown:
    """The showing half of :class:`Result`, written once: table cells from :meth:`to_dict` (numbers to 3 decimals,
    lists of words joined, counts as "2 × person"); a result overrides :meth:`cells` only for its own columns."""

    columns: ClassVar[tuple[str, ...]] = ()
    untabled: ClassVar[frozenset[str]] = frozenset({"model"})

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError

    def summary(self) -> str:
        """One line in words (what the Studio and a single-picture answer show)."""
        return ""

    def cells(self) -> dict[str, str]:
        """Each field as the text of a terminal table cell."""
        return {key: cell_text(value) for key, value in self.to_dict().items()}


def cell_text(value: Any) -> str:
    """A field's value as table text.

    >>> cell_text(0.61234), cell_text({"person": 2}), cell_text(["a", "b"]), cell_text([])
    ('0.612', '2 × person', 'a, b', 'none')
    """
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, dict):
        return ", ".join(f"{count} × {label}" for label, count in value.items()) or "nothing found"
    if isinstance(value, list) and not value:
        return "none"
    if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
        return ", ".join(value)
    if isinstance(value, list):
        return f"[{len(value)} values]"
    return "" if value is None else str(value)


def _alternatives(entries: tuple[ScoredLabel, ...]) -> str:
    """The runners-up after the best label: 'tiger cat 0.20, lynx 0.05' (or '—')."""
    return ", ".join(f"{entry.label} {entry.score:.2f}" for entry in entries[1:4]) or "—"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class ScoredLabel:
    """A class name with its score in [0, 1]."""

    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """``{"label": ..., "score": ...}``"""
        return {"label": self.label, "score": round(float(self.score), 6)}


class TopAnswer:
    """The best of ``top`` (classes, best first), or ``"unsure"`` below the model's ``threshold``: written once for
    every answer of a classifier (of pictures, sounds, poses)."""

    top: tuple[ScoredLabel, ...]
    threshold: float | None

    @property
    def unsure(self) -> bool:
        """True when the model has an "unsure" threshold and the best score is below it."""
        return self.threshold is not None and self.top[0].score < self.threshold

    @property
    def label(self) -> str:
        """The best class, or ``"unsure"`` when the best score is below the model's threshold."""
        return UNSURE if self.unsure else self.top[0].label

    @property
    def guess(self) -> str:
        """The best class, even when unsure."""
        return self.top[0].label

    @property
    def score(self) -> float:
        """The best class's probability."""
        return self.top[0].score


@dataclass(frozen=True)
class Classification(TopAnswer, Shown):
    """The top-k classes for one picture, best first, and the model that produced them.

    >>> Classification(top=(ScoredLabel("espresso", 0.95),), model="m").to_dict()["score"]
    0.95
    """

    columns: ClassVar[tuple[str, ...]] = ("label", "score", "top", "model")
    #: The columns of a taught model's answers, which may be "unsure".
    unsure_columns: ClassVar[tuple[str, ...]] = ("label", "score", "guess", "unsure", "top", "model")

    top: tuple[ScoredLabel, ...]
    model: str
    threshold: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``label``, ``score``, ``top`` (list of label/score) and ``model``; models with an
        "unsure" threshold add ``unsure`` (bool) and ``guess`` (the best class even when unsure)."""
        row: dict[str, Any] = {
            "label": self.label,
            "score": round(float(self.score), 6),
            "top": [entry.to_dict() for entry in self.top],
            "model": self.model,
        }
        if self.threshold is not None:
            row["unsure"] = self.unsure
            row["guess"] = self.guess
        return row

    def summary(self) -> str:
        """'Most likely: tabby (61%)', or 'Unsure (best guess: tabby, 41%)'."""
        if self.unsure:
            return f"Unsure (best guess: {self.guess}, {self.score:.0%})"
        return f"Most likely: {self.label} ({self.score:.0%})"

    def cells(self) -> dict[str, str]:
        return {**super().cells(), "top": _alternatives(self.top)}


@dataclass(frozen=True, eq=False)
class Embedding(Shown):
    """A picture's feature vector (float32) from ``model``; compare two with :meth:`similarity`.

    >>> a = Embedding(np.array([1.0, 0.0], np.float32), "m")
    >>> round(a.similarity(Embedding(np.array([1.0, 1.0], np.float32), "m")), 3)
    0.707
    """

    columns: ClassVar[tuple[str, ...]] = ("embedding", "model")

    vector: np.ndarray
    model: str

    def summary(self) -> str:
        """'A 1280-number feature vector'."""
        return f"A {len(self.vector)}-number feature vector"

    def similarity(self, other: Embedding) -> float:
        """Cosine similarity in [-1, 1] (1: same direction)."""
        if other.model != self.model:
            raise OpensightError(f"cannot compare embeddings of different models ({self.model} vs {other.model})")
        norm = float(np.linalg.norm(self.vector) * np.linalg.norm(other.vector))
        return float(np.dot(self.vector, other.vector)) / norm if norm else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``embedding`` (list of floats) and ``model``."""
        return {"embedding": [round(float(v), 6) for v in self.vector], "model": self.model}


@dataclass(frozen=True, eq=False)
class Detections(Shown):
    """Objects found in one picture (supervision-style): ``boxes`` ``[x1, y1, x2, y2]`` in pixels of the original
    picture, ``scores`` in [0, 1], ``labels``; index with a boolean mask or indices to filter.

    >>> boxes = np.array([[0, 0, 10, 10], [5, 5, 20, 20]], np.float32)
    >>> found = Detections(boxes, np.array([0.9, 0.4]), ("cat", "dog"), "m")
    >>> len(found[found.scores > 0.5]), found.summary()
    (1, '1 × cat, 1 × dog')
    """

    columns: ClassVar[tuple[str, ...]] = ("counts", "detections", "model")
    untabled: ClassVar[frozenset[str]] = frozenset({"model", "detections"})  # the counts sum them up

    boxes: np.ndarray
    scores: np.ndarray
    labels: tuple[str, ...]
    model: str

    @classmethod
    def empty(cls, model: str) -> Detections:
        """No detections."""
        return cls(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), (), model)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, selection: np.ndarray | list[int] | slice) -> Detections:
        index = np.arange(len(self))[selection]
        return Detections(self.boxes[index], self.scores[index], tuple(self.labels[i] for i in index), self.model)

    def counts(self) -> dict[str, int]:
        """How many of each label, most frequent first."""
        counted: dict[str, int] = {}
        for label in self.labels:
            counted[label] = counted.get(label, 0) + 1
        return dict(sorted(counted.items(), key=lambda pair: (-pair[1], pair[0])))

    def summary(self) -> str:
        """'3 × person, 1 × dog' (or 'nothing found')."""
        return ", ".join(f"{n} × {label}" for label, n in self.counts().items()) or "nothing found"

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``detections`` (label, score, box) and ``counts``."""
        return {
            "detections": [
                {"label": label, "score": round(float(score), 4), "box": [round(float(v), 1) for v in box]}
                for label, score, box in zip(self.labels, self.scores, self.boxes, strict=True)
            ],
            "counts": self.counts(),
            "model": self.model,
        }


#: MoveNet / COCO keypoint names, in model output order.
KEYPOINT_NAMES = (
    "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
    "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
    "right_ankle",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Person:
    """One person's pose: ``keypoints`` is (17, 3) = x, y in original pixels and a score, in KEYPOINT_NAMES order."""

    score: float
    keypoints: np.ndarray

    def keypoint(self, name: str) -> tuple[float, float, float]:
        """(x, y, score) of a named keypoint, e.g. ``"nose"``."""
        x, y, score = self.keypoints[KEYPOINT_NAMES.index(name)]
        return float(x), float(y), float(score)

    def to_dict(self) -> dict[str, Any]:
        """``{"score", "keypoints": {name: [x, y, score]}}``"""
        return {
            "score": round(self.score, 4),
            "keypoints": {
                name: [round(float(x), 1), round(float(y), 1), round(float(s), 4)]
                for name, (x, y, s) in zip(KEYPOINT_NAMES, self.keypoints, strict=True)
            },
        }


@dataclass(frozen=True)
class Poses(Shown):
    """The people found in one picture with their body keypoints."""

    columns: ClassVar[tuple[str, ...]] = ("people", "model")

    people: tuple[Person, ...]
    model: str

    def summary(self) -> str:
        """'Body keypoints of one person (score 87%)' (or 'No person found')."""
        if not self.people:
            return "No person found"
        return f"Body keypoints of one person (score {self.people[0].score:.0%})"

    def cells(self) -> dict[str, str]:
        people = ", ".join(f"person (score {person.score:.2f})" for person in self.people)
        return {**super().cells(), "people": people or "none"}

    def __len__(self) -> int:
        return len(self.people)

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``people`` and ``model``."""
        return {"people": [person.to_dict() for person in self.people], "model": self.model}


@dataclass(frozen=True, eq=False)
class Faces(Shown):
    """Faces in one picture: ``boxes`` [x1, y1, x2, y2] and ``landmarks`` (N, 5, 2) in original pixels, detector
    ``scores`` in [0, 1], 128-d ``descriptors``; after recognition, ``names`` ("unknown" when nobody enrolled is close
    enough) and ``distances`` to the closest enrolled face (smaller = more alike; dlib's rule: < 0.6 = same)."""

    boxes: np.ndarray
    scores: np.ndarray
    landmarks: np.ndarray
    descriptors: np.ndarray
    model: str
    names: tuple[str, ...] | None = None
    distances: tuple[float | None, ...] | None = None

    columns: ClassVar[tuple[str, ...]] = ("faces", "model")

    def __len__(self) -> int:
        return len(self.boxes)

    def summary(self) -> str:
        """'Found 2 faces', or after recognition their names: 'Found ada, unknown'."""
        if self.names is not None and len(self):
            return f"Found {', '.join(self.names)}"
        return f"Found {_plural(len(self), 'face')}"

    def cells(self) -> dict[str, str]:
        if not len(self):
            return {**super().cells(), "faces": "none"}
        if self.names is None or self.distances is None:
            return {**super().cells(), "faces": f"{len(self)} face(s)"}
        named = (
            name + ("" if distance is None else f" ({distance:.2f})")
            for name, distance in zip(self.names, self.distances, strict=True)
        )
        return {**super().cells(), "faces": ", ".join(named)}

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``faces`` (box, score, landmarks, and name/distance after recognition)."""
        faces = []
        for index in range(len(self)):
            face: dict[str, Any] = {
                "box": [round(float(v), 1) for v in self.boxes[index]],
                "score": round(float(self.scores[index]), 4),
                "landmarks": [[round(float(x), 1), round(float(y), 1)] for x, y in self.landmarks[index]],
            }
            if self.names is not None and self.distances is not None:
                distance = self.distances[index]
                face["name"] = self.names[index]
                face["distance"] = None if distance is None else round(distance, 4)
            faces.append(face)
        return {"faces": faces, "model": self.model}


R = TypeVar("R", bound=Result)


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What happened to one input of a batch: its result, or the error that stopped it."""

    name: str
    result: R | None = None
    error: OpensightError | None = None
    frame: int | None = None
    time: float | None = None

    @property
    def ok(self) -> bool:
        """True when the input was processed."""
        return self.error is None

    def to_row(self) -> dict[str, Any]:
        """The CLI row (**contract**): ``{"path", <task fields>}`` or ``{"path", "error"}``."""
        where: dict[str, Any] = {"path": self.name}
        if self.frame is not None:
            where.update(frame=self.frame, time=self.time)
        if self.result is None:
            return {**where, "error": str(self.error)}
        return {**where, **self.result.to_dict()}

    def to_json(self) -> str:
        """The row as one line of JSON."""
        return json.dumps(self.to_row(), ensure_ascii=False)


@dataclass(frozen=True)
class Segment:
    """A stretch of speech: ``start``/``end`` in seconds, its text, and ``score`` = the model's mean token
    probability (exp of the average log-probability; low means unsure words)."""

    start: float
    end: float
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text", "score"}``"""
        return {
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "text": self.text,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Transcript(Shown):
    """What was said in one recording: timed segments, the (detected or given) language, the duration."""

    columns: ClassVar[tuple[str, ...]] = ("text", "score", "language", "duration", "model")

    segments: tuple[Segment, ...]
    language: str
    duration: float
    model: str

    def summary(self) -> str:
        """'Heard 12.5 s: 3 segment(s) in en' (or 'Heard no speech in 12.5 s')."""
        if not self.segments:
            return f"Heard no speech in {self.duration:.1f} s"
        return f"Heard {self.duration:.1f} s: {len(self.segments)} segment(s) in {self.language}"

    @property
    def text(self) -> str:
        """Every segment's text, joined with spaces (empty for silence)."""
        return " ".join(segment.text for segment in self.segments).strip()

    @property
    def score(self) -> float | None:
        """Duration-weighted mean segment score, or None for silence."""
        if not self.segments:
            return None
        weights = np.array([max(s.end - s.start, 0.01) for s in self.segments])
        return float(np.average([s.score for s in self.segments], weights=weights))

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``text``, ``score``, ``language``, ``duration``, ``segments``, ``model``."""
        score = self.score
        return {
            "text": self.text,
            "score": None if score is None else round(score, 4),
            "language": self.language,
            "duration": round(self.duration, 2),
            "segments": [segment.to_dict() for segment in self.segments],
            "model": self.model,
        }


@dataclass(frozen=True)
class Coverage:
    """How well a label is covered by what the picture models know: its nearest known classes and a verdict."""

    label: str
    nearest: tuple[tuple[str, float], ...]  # ("ImageNet 'mountain bike'", similarity), best first
    quality: str  # good | fair | poor
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        """``{"label", "quality", "verdict", "nearest": [{"concept", "similarity"}]}``"""
        return {
            "label": self.label,
            "quality": self.quality,
            "verdict": self.verdict,
            "nearest": [{"concept": concept, "similarity": round(sim, 3)} for concept, sim in self.nearest],
        }


@dataclass(frozen=True)
class Tags(Shown):
    """Every label's score for one picture (best first) and the threshold above which it is a tag."""

    columns: ClassVar[tuple[str, ...]] = ("tags", "label", "score", "scores", "coverage")
    untabled: ClassVar[frozenset[str]] = frozenset({"model", "coverage"})  # coverage is printed once, above

    scores: tuple[ScoredLabel, ...]
    threshold: float
    model: str
    coverage: tuple[Coverage, ...] = ()  # how well the models know each label

    @property
    def tags(self) -> tuple[str, ...]:
        """The labels that reach the threshold, best first."""
        return tuple(entry.label for entry in self.scores if entry.score >= self.threshold)

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``tags``, ``label``/``score`` (the best label, even below the threshold), ``scores``."""
        best = self.scores[0]
        return {
            "tags": list(self.tags),
            "label": best.label,
            "score": round(best.score, 4),
            "scores": [entry.to_dict() for entry in self.scores],
            "coverage": [
                {"label": entry.label, "quality": entry.quality, "verdict": entry.verdict} for entry in self.coverage
            ],
            "model": self.model,
        }

    def summary(self) -> str:
        """'Tags: bicycle, snowy street' (or that none of the words fits)."""
        return f"Tags: {', '.join(self.tags)}" if self.tags else "None of your words fits well enough"

    def cells(self) -> dict[str, str]:
        return {**super().cells(), "scores": _alternatives(self.scores)}
