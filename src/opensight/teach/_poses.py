"""Poses and gestures as examples: the landmarks of the person (17 body keypoints) or hand (21 landmarks) in a
picture, or in video frames (5 a second), made invariant to where they are and how big (:mod:`._landmarks`), cached
in the store; the ``.osm`` holds the head alone (features in, probabilities out) and names the base detector by
name and sha256, which loading checks."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from opensight._errors import OpensightError
from opensight.bundle import Bundle, make_manifest
from opensight.inputs import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, Item, is_video
from opensight.inputs._video import iter_frames
from opensight.models import LandmarkInput, ModelSpec, get_model
from opensight.store import Store
from opensight.tasks import Task
from opensight.teach._blend import NameBlend
from opensight.teach._card import TaughtModelCard
from opensight.teach._examples import Examples
from opensight.teach._fuse import head_graph
from opensight.teach._kinds import Embedded, Progress
from opensight.teach._landmarks import Landmarks
from opensight.teach._model import ParityReference
from opensight.teach._pictures import THUMBNAIL_SIDE, hash_files
from opensight.teach.head import HeadSettings, LinearHeadLearner, softmax

#: Video frames per second taken as examples.
FRAMES_PER_SECOND = 5.0
BATCH = 16


def landmark_input(landmarks: Landmarks) -> LandmarkInput:
    """The ``.osm`` input of a landmark model: its features from the installed detector, named with its sha256."""
    base = get_model(landmarks.base_model)
    return LandmarkInput(
        landmarks=landmarks.name, features=landmarks.features, base_model=base.name, base_sha256=base.sha256
    )


class LandmarkExamples:
    """The pose and gesture kinds of examples (:class:`~opensight.teach._kinds.ExampleKind`): pictures (or
    videos) of one person in each pose, or of one hand in each gesture."""

    noun = "pictures"
    extensions = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS
    near_copies = False
    head = HeadSettings()

    def __init__(self, landmarks: Landmarks) -> None:
        self.landmarks = landmarks

    def base_model(self) -> ModelSpec:
        return get_model(self.landmarks.base_model)

    def embed(self, paths: list[Path], store: Store, *, batch_size: int, progress: Progress | None) -> Embedded:
        """Every readable picture's (or video frame's) features, by ``<sha256>@<frame>``; pictures without a person
        (or hand) are skipped with that reason."""
        model = f"{self.landmarks.base_model}:{self.landmarks.name}-features-v1"
        digests, skipped = hash_files(paths, store)
        unique = sorted(set(digests.values()))
        stored = store.embeddings(model, unique)
        first_path = {digest: path for path, digest in reversed(list(digests.items()))}
        todo = [digest for digest in unique if digest not in stored]
        detector = self.landmarks.detector(BATCH)
        failed: dict[str, str] = {}
        for done, digest in enumerate(todo, start=1):
            try:
                packed, previews = _embed_file(self.landmarks, detector, first_path[digest], digest)
                store.put_embeddings(model, {digest: packed})
                store.put_thumbnails(previews)
                stored[digest] = packed
            except OpensightError as error:
                failed[digest] = str(error)
            if progress is not None:
                progress(done, len(todo))
        for path, digest in list(digests.items()):
            if digest in failed:
                skipped.append((str(path), failed[digest]))
                del digests[path]
        width = self.landmarks.features
        return _embedded(digests, stored, store, skipped, width=width, computed=len(todo) - len(failed))

    def bundle(
        self, learner: LinearHeadLearner, card: TaughtModelCard, report_html: str, *, blend: NameBlend | None
    ) -> Bundle:
        """The head alone as one graph (features in), the manifest naming the base detector, the card, the report."""
        fit = learner.fit_
        return Bundle(
            model_onnx=head_graph(self.landmarks.features, fit.weights, fit.bias, fit.temperature),
            labels=card.classes,
            card=card,
            manifest=make_manifest("classify", {}, landmark_input(self.landmarks).to_dict()),
            report_html=report_html,
        )

    def parity(
        self, learner: LinearHeadLearner, examples: Examples, chosen: list[int], *, blend: NameBlend | None
    ) -> ParityReference:
        """The chosen examples' features and what the in-process head says about them."""
        features = examples.features[chosen].astype(np.float32)
        logits = learner.fit_.logits(features) / learner.fit_.temperature
        return ParityReference(pixels=features, probabilities=softmax(logits), logits=logits, input_name="features")

    def head_features(self, features: np.ndarray) -> np.ndarray:
        return features

    def advice(self, classes: tuple[str, ...]) -> list[str]:
        return []

    def limits(self) -> tuple[str, ...]:
        return self.landmarks.limits()


@dataclass(frozen=True)
class _Frame:
    time: float
    score: float
    features: np.ndarray


def _embed_file(
    landmarks: Landmarks, detector: Task[Any], path: Path, digest: str
) -> tuple[np.ndarray, dict[str, bytes]]:
    """One picture or video: its frames with a person (or hand), packed for the store (time, score, features
    each), and a thumbnail of each with the skeleton drawn."""
    frames: list[_Frame] = []
    previews: dict[str, bytes] = {}
    for batch in _batches(_items(path, digest)):
        prepared = [detector.prepare(item) for item in batch]
        outputs = detector.forward(np.stack([pixels for pixels, _ in prepared]))
        for row, (item, (pixels, _)) in enumerate(zip(batch, prepared, strict=True)):
            found = landmarks.found(outputs, row)
            if found is not None:
                previews[f"{digest}@{len(frames)}"] = _thumbnail(landmarks.drawn(pixels, found))
                frames.append(_Frame(item.time or 0.0, found.score, landmarks.vector(found)))
    if not frames:
        raise NothingFoundError(f"no {landmarks.subject} found; an example needs {landmarks.needed}")
    rows = np.stack([np.concatenate([[frame.time, frame.score], frame.features]) for frame in frames])
    return rows.astype(np.float32).reshape(-1), previews


class NothingFoundError(OpensightError):
    """A picture taught as a pose shows nobody (or as a gesture, no hand)."""


def _items(path: Path, digest: str) -> Iterator[Item]:
    item = Item(name=digest, path=path)
    if is_video(item):
        for frame in iter_frames(item, fps=FRAMES_PER_SECOND):
            if frame.problem is not None:
                raise NothingFoundError(frame.problem)
            yield frame
    else:
        yield item


def _batches(items: Iterator[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _thumbnail(drawn: Image.Image) -> bytes:
    """What the model saw (its square input) with the skeleton drawn, as a small JPEG."""
    small = drawn.convert("RGB").resize((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _embedded(
    digests: dict[Path, str],
    stored: dict[str, np.ndarray],
    store: Store,
    skipped: list[tuple[str, str]],
    *,
    width: int,
    computed: int,
) -> Embedded:
    """The examples of every readable file: one per frame with a person; a video's frames say when they are."""
    pieces: dict[str, tuple[str, ...]] = {}
    vectors: dict[str, np.ndarray] = {}
    starts: dict[str, float] = {}
    for digest in set(digests.values()):
        rows = stored[digest].reshape(-1, 2 + width)
        keys = tuple(f"{digest}@{i}" for i in range(len(rows)))
        pieces[digest] = keys
        vectors.update({key: row[2:] for key, row in zip(keys, rows, strict=True)})
        if len(rows) > 1:
            starts.update({key: float(row[0]) for key, row in zip(keys, rows, strict=True)})
    return Embedded(
        vectors,
        store.thumbnails(list(vectors)),
        digests,
        sorted(skipped),
        computed=computed,
        pieces=pieces,
        starts=starts,
    )
