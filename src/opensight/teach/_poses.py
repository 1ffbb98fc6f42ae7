"""Body poses as examples: MoveNet's 17 keypoints of the person in a picture (or in video frames, 5 a second), made
invariant to where the person stands and how big they are, cached in the store; the ``.osm`` holds the head alone
(features in, probabilities out) and names the base detector by name and sha256, which loading checks.

>>> points = np.zeros((17, 3), np.float32); points[:, 2] = 1.0
>>> points[:, 0], points[:, 1] = np.arange(17), 2 * np.arange(17)
>>> moved = points.copy(); moved[:, :2] = 3 * points[:, :2] + 40  # the same pose, bigger and elsewhere
>>> bool(np.allclose(pose_features(points), pose_features(moved)))
True
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from opensight._errors import OpensightError
from opensight.bundle import Bundle, make_manifest
from opensight.inputs import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, Item, is_video
from opensight.inputs._video import iter_frames
from opensight.models import LandmarkInput, ModelSpec, get_model
from opensight.results import Person, Poses
from opensight.store import Store
from opensight.tasks.pose import PoseEstimator
from opensight.teach._blend import NameBlend
from opensight.teach._card import TaughtModelCard
from opensight.teach._examples import Examples
from opensight.teach._fuse import head_graph
from opensight.teach._kinds import Embedded, Progress
from opensight.teach._model import ParityReference
from opensight.teach._pictures import THUMBNAIL_SIDE, hash_files
from opensight.teach.head import LinearHeadLearner, softmax

#: The base detector, and the numbers per example: 17 keypoints' position (x, y) and score.
BASE_MODEL = "movenet_lightning"
FEATURES = 17 * 3
#: A keypoint with a score below this is not used to place and size the person.
SEEN = 0.2
#: Below this mean keypoint score there is no person in the picture (as ``opensight pose`` says).
PERSON = 0.2
#: Video frames per second taken as examples.
FRAMES_PER_SECOND = 5.0
BATCH = 16


def pose_features(points: np.ndarray) -> np.ndarray:
    """51 numbers for one person's keypoints ``points`` (17, 3) = x, y, score (any units): the positions centred
    on the seen keypoints and divided by their extent, then the scores."""
    xy, score = points[:, :2].astype(np.float64), points[:, 2].astype(np.float64)
    seen = score >= SEEN
    if seen.sum() < 3:
        seen = np.ones(len(points), dtype=bool)
    centre = xy[seen].mean(axis=0)
    extent = max(float(np.ptp(xy[seen, 0])), float(np.ptp(xy[seen, 1])), 1e-6)
    return np.concatenate([((xy - centre) / extent).reshape(-1), score]).astype(np.float32)


def person_points(output: np.ndarray) -> np.ndarray:
    """MoveNet's raw output for one picture as (17, 3) = x, y (in the model's square, 0..1), score."""
    raw = np.asarray(output).reshape(17, 3)
    return np.stack([raw[:, 1], raw[:, 0], raw[:, 2]], axis=1).astype(np.float32)


def landmark_input() -> LandmarkInput:
    """The ``.osm`` input of a pose model: 51 features from the installed MoveNet, named with its sha256."""
    base = get_model(BASE_MODEL)
    return LandmarkInput(landmarks="pose", features=FEATURES, base_model=base.name, base_sha256=base.sha256)


class BodyPoses:
    """The pose kind of examples (:class:`~opensight.teach._kinds.ExampleKind`): pictures (or videos) of one
    person in each pose."""

    noun = "pictures"
    extensions = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS

    def base_model(self) -> ModelSpec:
        return get_model(BASE_MODEL)

    def embed(self, paths: list[Path], store: Store, *, batch_size: int, progress: Progress | None) -> Embedded:
        """Every readable picture's (or video frame's) pose features, by ``<sha256>@<frame>``; pictures without a
        person are skipped with that reason."""
        model = f"{BASE_MODEL}:pose-features-v1"
        digests, skipped = hash_files(paths, store)
        unique = sorted(set(digests.values()))
        stored = store.embeddings(model, unique)
        first_path = {digest: path for path, digest in reversed(list(digests.items()))}
        todo = [digest for digest in unique if digest not in stored]
        estimator = PoseEstimator(batch_size=BATCH)
        failed: dict[str, str] = {}
        for done, digest in enumerate(todo, start=1):
            try:
                packed, previews = _embed_file(estimator, first_path[digest], digest)
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
        return _embedded(digests, stored, store, skipped, computed=len(todo) - len(failed))

    def bundle(
        self, learner: LinearHeadLearner, card: TaughtModelCard, report_html: str, *, blend: NameBlend | None
    ) -> Bundle:
        """The head alone as one graph (features in), the manifest naming the base detector, the card, the report."""
        fit = learner.fit_
        return Bundle(
            model_onnx=head_graph(FEATURES, fit.weights, fit.bias, fit.temperature),
            labels=card.classes,
            card=card,
            manifest=make_manifest("classify", {}, landmark_input().to_dict()),
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
        return (
            "Sees only the 17 body keypoints MoveNet finds, not the picture: poses that differ only in the hands, "
            "the face or held objects look the same to it.",
            "One person per picture: with several people it judges the most prominent one.",
        )


@dataclass(frozen=True)
class _Frame:
    time: float
    score: float
    features: np.ndarray


def _embed_file(estimator: PoseEstimator, path: Path, digest: str) -> tuple[np.ndarray, dict[str, bytes]]:
    """One picture or video: its frames with a person, packed for the store (time, score, features each), and a
    thumbnail of each with the skeleton drawn."""
    frames: list[_Frame] = []
    previews: dict[str, bytes] = {}
    best = 0.0
    for batch in _batches(_items(path, digest)):
        prepared = [estimator.prepare(item) for item in batch]
        outputs = estimator.forward(np.stack([pixels for pixels, _ in prepared]))["output"]
        for item, (pixels, _), output in zip(batch, prepared, outputs, strict=True):
            points = person_points(output)
            score = float(points[:, 2].mean())
            best = max(best, score)
            if score >= PERSON:
                previews[f"{digest}@{len(frames)}"] = _thumbnail(pixels, points)
                frames.append(_Frame(item.time or 0.0, score, pose_features(points)))
    if not frames:
        raise PersonNotFoundError(
            f"no person found (the best keypoint score was {best:.2f}, below {PERSON}); a pose example needs one "
            "person, whole or half body, filling a good part of the picture"
        )
    rows = np.stack([np.concatenate([[frame.time, frame.score], frame.features]) for frame in frames])
    return rows.astype(np.float32).reshape(-1), previews


class PersonNotFoundError(OpensightError):
    """A picture taught as a pose shows nobody."""


def _items(path: Path, digest: str) -> Iterator[Item]:
    item = Item(name=digest, path=path)
    if is_video(item):
        for frame in iter_frames(item, fps=FRAMES_PER_SECOND):
            if frame.problem is not None:
                raise PersonNotFoundError(frame.problem)
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


def _thumbnail(pixels: np.ndarray, points: np.ndarray) -> bytes:
    """What the model saw (its square input) with the skeleton drawn, as a small JPEG."""
    from opensight.annotate import annotate

    side = pixels.shape[0]
    person = Person(score=float(points[:, 2].mean()), keypoints=points * np.array([side, side, 1], np.float32))
    drawn = annotate(pixels, Poses(people=(person,), model=BASE_MODEL)).convert("RGB")
    drawn = drawn.resize((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    drawn.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _embedded(
    digests: dict[Path, str],
    stored: dict[str, np.ndarray],
    store: Store,
    skipped: list[tuple[str, str]],
    *,
    computed: int,
) -> Embedded:
    """The examples of every readable file: one per frame with a person; a video's frames say when they are."""
    pieces: dict[str, tuple[str, ...]] = {}
    vectors: dict[str, np.ndarray] = {}
    starts: dict[str, float] = {}
    for digest in set(digests.values()):
        rows = stored[digest].reshape(-1, 2 + FEATURES)
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
