"""tag: your own words as labels, without examples (zero-shot), built honestly on what the models know.

No picture-text model exists offline, so tags are ConSE (Norouzi et al., ICLR 2014): MiniLM places your words
and the 1,000 ImageNet + 80 COCO class names in one sentence space; a picture's score for a word is the
classifier's top-10 class probabilities weighted by how close each class name is to the word (and the same for
the detector's boxes), so "kitten" scores on a photo the classifier calls "tabby". It works for words near those
vocabularies and fails far from them — :func:`coverage` says which, before you trust it.

>>> import opensight as osi
>>> osi.tag("street.jpg", labels=["bicycle", "snowy street"]).tags  # doctest: +SKIP
('bicycle',)
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from opensight._errors import InputError
from opensight.inputs import Item, LoadedImage, Sources, iter_items
from opensight.models import ModelSpec, get_model, load_runner
from opensight.models._runtimes import cached_artifact
from opensight.models.ssd_mobilenet import COCO_NAMES
from opensight.results import Classification, Coverage, Detections, Outcome, ScoredLabel, Tags
from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task, check_score
from opensight.tasks.classify import Classifier
from opensight.tasks.detect import Detector

#: Words whose nearest known class is at least this close are covered well; below FAIR they are not covered.
GOOD, FAIR = 0.70, 0.50
#: A tag is given when the picture's score for it reaches this.
DEFAULT_THRESHOLD = 0.40
#: Classifier classes combined per picture; detections below this score are ignored.
TOP_CLASSES = 10
DETECTION_MIN_SCORE = 0.4
MAX_LABEL_LENGTH = 80
TEXT_MODEL = "all-minilm-l6-v2"


def clean_labels(labels: Iterable[str] | str) -> tuple[str, ...]:
    """Labels from a list or a comma-separated string, stripped; clear errors for empty, duplicate or long ones.

    >>> clean_labels("bicycle, birthday cake ,snowy street")
    ('bicycle', 'birthday cake', 'snowy street')
    """
    items = labels.split(",") if isinstance(labels, str) else list(labels)
    if not all(isinstance(label, str) for label in items):
        raise InputError("labels must be words or short phrases (strings)")
    cleaned = tuple(" ".join(label.split()) for label in items if label.strip())
    if not cleaned:
        raise InputError('no labels given; pass words to look for, e.g. --labels "bicycle, birthday cake"')
    seen: dict[str, str] = {}
    for label in cleaned:
        if label.lower() in seen:
            raise InputError(f"the label {label!r} is given twice; give each label once")
        seen[label.lower()] = label
        if len(label) > MAX_LABEL_LENGTH:
            raise InputError(
                f"the label {label[:30]!r}… is {len(label)} characters long; use a short phrase "
                f"(up to {MAX_LABEL_LENGTH}), like 'birthday cake'"
            )
    return cleaned


class Vocabulary:
    """The class names the picture models know (ImageNet, then COCO) and their sentence vectors (cached)."""

    def __init__(self, classifier: ModelSpec) -> None:
        self.imagenet = classifier.class_names()
        self.coco = tuple(COCO_NAMES[key] for key in sorted(COCO_NAMES))
        self.names = tuple(f"ImageNet '{n}'" for n in self.imagenet) + tuple(f"COCO '{n}'" for n in self.coco)
        self.encoder: Any = load_runner(TEXT_MODEL)
        texts = [*self.imagenet, *self.coco]
        key = hashlib.sha256(("\n".join(texts) + get_model(TEXT_MODEL).sha256).encode()).hexdigest()[:16]

        def build(target: Any) -> None:
            with open(target, "wb") as handle:
                np.save(handle, self.encoder.encode(texts).astype(np.float32), allow_pickle=False)

        with open(cached_artifact(f"tag/vocabulary-{key}.npy", build), "rb") as handle:
            self.vectors: np.ndarray = np.load(handle, allow_pickle=False)

    def similarities(self, labels: Sequence[str]) -> np.ndarray:
        """(labels, known classes) cosine similarities."""
        vectors: np.ndarray = self.encoder.encode(list(labels))
        return np.asarray(vectors @ self.vectors.T)

    def label_weights(self, labels: Sequence[str]) -> np.ndarray:
        """(labels, known classes) weights in [0, 1]. Any two words are somewhat similar in MiniLM's space (0.2-0.4
        for unrelated ones), so each label's typical similarity to the known classes (its median) is its zero."""
        raw = self.similarities(labels)
        floor = np.median(raw, axis=1, keepdims=True)
        return np.asarray(np.clip((raw - floor) / (1.0 - floor), 0.0, 1.0))

    def coverage(self, labels: Sequence[str]) -> list[Coverage]:
        """For each label, its nearest known classes and what to expect."""
        similarity = self.similarities(labels)
        report = []
        for label, row in zip(labels, similarity, strict=True):
            order = np.argsort(-row)[:3]
            nearest = tuple((self.names[i], float(row[i])) for i in order)
            report.append(_verdict(label, nearest))
        return report


def _verdict(label: str, nearest: tuple[tuple[str, float], ...]) -> Coverage:
    concept, best = nearest[0]
    foreign = bool(re.search(r"[^\x00-\x7f]", label))
    note = " (the word model is trained on English: other languages may not match)" if foreign else ""
    if best >= GOOD:
        return Coverage(label, nearest, "good", f"'{label}' is close to {concept} — expect good results{note}.")
    if best >= FAIR:
        return Coverage(
            label, nearest, "fair",
            f"'{label}' is related to {concept} ({best:.2f}) — expect fair results; check them, or teach it with "
            f"examples: opensight teach{note}.",
        )  # fmt: skip
    return Coverage(
        label, nearest, "poor",
        f"'{label}' is far from everything I know (closest: {concept}, {best:.2f}) — expect poor results; teach it "
        f"with examples instead: opensight teach{note}.",
    )  # fmt: skip


class Tagger(Task[Tags]):
    """Scores pictures against your labels. ``Tagger(["bicycle", "kitten"]).coverage`` says how well each is covered."""

    result_type = Tags

    task = "tag"
    same_size = False  # it runs the classifier and the detector, each on its own input size

    def __init__(
        self,
        labels: Iterable[str] | str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        detect: bool = True,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.labels = clean_labels(labels)
        self.threshold = check_score("threshold", threshold)
        self.classifier = Classifier(top=TOP_CLASSES, batch_size=batch_size)
        super().__init__(self.classifier.spec, batch_size=batch_size)
        self.detector = Detector(min_score=DETECTION_MIN_SCORE, batch_size=batch_size) if detect else None
        self.vocabulary = Vocabulary(self.classifier.spec)
        self.coverage = self.vocabulary.coverage(self.labels)
        similarity = self.vocabulary.label_weights(self.labels)
        count = len(self.vocabulary.imagenet)
        self._imagenet_similarity = similarity[:, :count]  # (labels, 1000)
        self._column = {name: i for i, name in enumerate(self.vocabulary.imagenet)}
        self._coco_similarity = dict(zip(self.vocabulary.coco, similarity[:, count:].T, strict=True))

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.task == "classify"

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        return self.classifier.preprocess(image)

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Tags:
        raise NotImplementedError("a Tagger combines its classifier's and detector's results (see combine)")

    def stream(
        self, sources: Sources | Iterable[Item], *, batch_size: int | None = None, workers: int | None = None
    ) -> Iterator[Outcome[Tags]]:
        """Tag any number of pictures lazily, in order; a bad picture becomes an error outcome."""
        first, second = itertools.tee(iter_items(sources, extensions=self.extensions))
        classified = self.classifier.stream(first, batch_size=batch_size)
        detected = self.detector.stream(second, batch_size=batch_size) if self.detector else itertools.repeat(None)
        for by_class, by_box in zip(classified, detected, strict=False):
            yield self._combine(by_class, by_box)

    def run_items(self, items: Sequence[Item]) -> list[Outcome[Tags]]:
        """Tag these items in the calling thread."""
        detected = self.detector.run_items(items) if self.detector else [None] * len(items)
        return [self._combine(c, d) for c, d in zip(self.classifier.run_items(items), detected, strict=True)]

    def _combine(self, by_class: Outcome[Classification], by_box: Outcome[Detections] | None) -> Outcome[Tags]:
        if by_class.result is None:
            return Outcome(name=by_class.name, error=by_class.error, frame=by_class.frame, time=by_class.time)
        top = by_class.result.top
        columns = np.array([[self._column[entry.label] for entry in top]])
        probabilities = np.array([[entry.score for entry in top]], dtype=np.float32)
        scores = conse_scores(self._imagenet_similarity, columns, probabilities)[0]
        if by_box is not None and by_box.result is not None:
            for label, score in zip(by_box.result.labels, by_box.result.scores, strict=True):
                scores = np.maximum(scores, float(score) * self._coco_similarity[label])
        ranked = sorted(
            (ScoredLabel(label, float(score)) for label, score in zip(self.labels, scores, strict=True)),
            key=lambda entry: -entry.score,
        )
        tags = Tags(
            scores=tuple(ranked),
            threshold=self.threshold,
            model=f"{self.spec.name} + {TEXT_MODEL} (ConSE)",
            coverage=tuple(self.coverage),
        )
        return Outcome(name=by_class.name, result=tags, frame=by_class.frame, time=by_class.time)


def conse_scores(weights: np.ndarray, columns: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """(pictures, labels) scores: each picture's top class probabilities (``columns`` are their class indices),
    weighted by each label's closeness to those classes, divided by the probability they cover.

    >>> conse_scores(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0, 1]]), np.array([[0.6, 0.2]])).round(2)
    array([[0.75, 0.25]])
    """
    gathered = weights[:, columns]  # (labels, pictures, top)
    mass = np.maximum(probabilities.sum(axis=1), 1e-9)
    return np.asarray(np.einsum("lpt,pt->pl", gathered, probabilities) / mass[:, None])
