"""opensight: machine perception for people who want to build, not derive. Offline, on a CPU.

>>> import opensight as osi
>>> osi.classify("cat.jpg", top=3).label  # doctest: +SKIP
'tabby'
>>> [c.label for c in osi.classify(["photos/"])]  # one result per picture in the folder  # doctest: +SKIP
['espresso', 'tabby', 'moped']
>>> osi.embed("cat.jpg").vector.shape  # doctest: +SKIP
(1280,)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, TypeAlias, overload

from opensight._errors import (
    DecodeError,
    InputError,
    ModelError,
    ModelFileError,
    ModelNotInstalledError,
    OpensightError,
    OutputError,
    StoreError,
)
from opensight._results_body import Hand, Hands, Segmentation
from opensight._results_text import TextLine, TextRegions
from opensight._version import __version__
from opensight.annotate import annotate
from opensight.index import IndexSummary, Match, PictureIndex
from opensight.inputs import Item, Source
from opensight.models import ModelSpec, get_model, list_models
from opensight.results import (
    Classification,
    Coverage,
    Detections,
    Embedding,
    Faces,
    Outcome,
    Person,
    Poses,
    ScoredLabel,
    Segment,
    Tags,
    Transcript,
)
from opensight.tasks import (
    DEFAULT_BATCH_SIZE,
    TASKS,
    Classifier,
    Detector,
    Embedder,
    FaceFinder,
    FaceGallery,
    HandFinder,
    PoseEstimator,
    Segmenter,
    Tagger,
    Task,
    TextReader,
    Transcriber,
    task_info,
    task_names,
)
from opensight.tasks.tag import DEFAULT_THRESHOLD as DEFAULT_TAG_THRESHOLD
from opensight.teach import Taught, TaughtModel, TaughtSoundModel, TeachReport, teach
from opensight.teach._web import export_web

ImageInput: TypeAlias = Source


@overload
def classify(  # type: ignore[overload-overlap]  # a str is one path, not an iterable of paths
    images: ImageInput, *, top: int = 5, model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> Classification: ...
@overload
def classify(
    images: Iterable[ImageInput],
    *,
    top: int = 5,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> list[Classification]: ...
def classify(
    images: ImageInput | Iterable[ImageInput],
    *,
    top: int = 5,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Classification | list[Classification]:
    """Say what is in a picture: the ``top`` most likely classes with probabilities.

    One image (path, PIL image or numpy array) gives one :class:`Classification`; a list (of paths,
    folders, globs or images) gives a list, one per picture, in order. A bad input raises
    :class:`DecodeError`; use ``opensight.load("classify").stream(...)`` to record errors and go on.

    >>> import opensight as osi
    >>> result = osi.classify("cat.jpg", top=3)  # doctest: +SKIP
    >>> result.label, round(result.score, 2)  # doctest: +SKIP
    ('tabby', 0.61)
    """
    return Classifier(model, top=top, batch_size=batch_size)(images)


@overload
def embed(  # type: ignore[overload-overlap]
    images: ImageInput, *, model: str | None = None, view: str = "crop", batch_size: int = DEFAULT_BATCH_SIZE
) -> Embedding: ...
@overload
def embed(
    images: Iterable[ImageInput],
    *,
    model: str | None = None,
    view: str = "crop",
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> list[Embedding]: ...
def embed(
    images: ImageInput | Iterable[ImageInput],
    *,
    model: str | None = None,
    view: str = "crop",
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Embedding | list[Embedding]:
    """A feature vector per picture (1280 floats for the default model); similar pictures have similar
    vectors (:meth:`Embedding.similarity`). ``view="crop"`` (the default, as search and the index see pictures) is the
    model's ImageNet centre crop; ``view="whole"`` the whole picture centred on its own border colour (nothing at the
    edges cut off); ``view="content"`` the whole of what it shows on a plain background (its plain edges trimmed
    first), as taught models see it.

    >>> import opensight as osi
    >>> a, b = osi.embed(["cat.jpg", "other_cat.jpg"])  # doctest: +SKIP
    >>> a.similarity(b) > 0.5  # doctest: +SKIP
    True
    >>> whole = osi.embed("cat.jpg", view="whole")  # doctest: +SKIP
    """
    return Embedder(model, view=view, batch_size=batch_size)(images)


@overload
def detect(  # type: ignore[overload-overlap]
    images: ImageInput, *, min_score: float = 0.5, classes: Iterable[str] | None = None, model: str | None = None
) -> Detections: ...
@overload
def detect(
    images: Iterable[ImageInput],
    *,
    min_score: float = 0.5,
    classes: Iterable[str] | None = None,
    model: str | None = None,
) -> list[Detections]: ...
def detect(
    images: ImageInput | Iterable[ImageInput],
    *,
    min_score: float = 0.5,
    classes: Iterable[str] | None = None,
    model: str | None = None,
) -> Detections | list[Detections]:
    """Find objects (80 COCO classes): boxes in original pixels, labels and scores.

    >>> import opensight as osi
    >>> found = osi.detect("street.jpg", classes=["person", "car"])  # doctest: +SKIP
    >>> found.summary(), found[found.scores > 0.8].boxes  # doctest: +SKIP
    """
    return Detector(model, min_score=min_score, classes=classes)(images)


@overload
def pose(images: ImageInput, *, model: str | None = None) -> Poses: ...  # type: ignore[overload-overlap]
@overload
def pose(images: Iterable[ImageInput], *, model: str | None = None) -> list[Poses]: ...
def pose(images: ImageInput | Iterable[ImageInput], *, model: str | None = None) -> Poses | list[Poses]:
    """One person's 17 body keypoints (x, y in original pixels, score) — MoveNet sees a single person.

    >>> import opensight as osi
    >>> osi.pose("runner.jpg").people[0].keypoint("left_knee")  # doctest: +SKIP
    """
    return PoseEstimator(model)(images)


@overload
def hands(  # type: ignore[overload-overlap]
    images: ImageInput, *, max_hands: int = 2, min_score: float = 0.5, model: str | None = None
) -> Hands: ...
@overload
def hands(
    images: Iterable[ImageInput], *, max_hands: int = 2, min_score: float = 0.5, model: str | None = None
) -> list[Hands]: ...
def hands(
    images: ImageInput | Iterable[ImageInput], *, max_hands: int = 2, min_score: float = 0.5, model: str | None = None
) -> Hands | list[Hands]:
    """Up to ``max_hands`` hands per picture: left or right (as seen from the person), 21 landmarks each (x, y in
    original pixels, z relative depth) and a score.

    >>> import opensight as osi
    >>> for hand in osi.hands("wave.jpg").hands:  # doctest: +SKIP
    ...     print(hand.handedness, hand.landmark("index_finger_tip"))
    """
    return HandFinder(model, max_hands=max_hands, min_score=min_score)(images)


@overload
def segment(images: ImageInput, *, model: str | None = None) -> Segmentation: ...  # type: ignore[overload-overlap]
@overload
def segment(images: Iterable[ImageInput], *, model: str | None = None) -> list[Segmentation]: ...
def segment(
    images: ImageInput | Iterable[ImageInput], *, model: str | None = None
) -> Segmentation | list[Segmentation]:
    """Which pixels are a person: ``.mask`` (uint8, the picture's size), ``.share``, ``.score`` and ``.box``.

    >>> import opensight as osi
    >>> found = osi.segment("portrait.jpg")  # doctest: +SKIP
    >>> found.share, found.box  # doctest: +SKIP
    (0.41, (120.0, 35.5, 610.0, 800.0))
    """
    return Segmenter(model)(images)


@overload
def faces(images: ImageInput, *, model: str | None = None) -> Faces: ...  # type: ignore[overload-overlap]
@overload
def faces(images: Iterable[ImageInput], *, model: str | None = None) -> list[Faces]: ...
def faces(images: ImageInput | Iterable[ImageInput], *, model: str | None = None) -> Faces | list[Faces]:
    """Find faces: boxes, 5 landmarks and 128-d descriptors. To say WHO they are, enrol people in a
    :class:`FaceGallery` and use ``gallery.finder()``.

    >>> import opensight as osi
    >>> len(osi.faces("family.jpg"))  # doctest: +SKIP
    3
    """
    return FaceFinder(model)(images)


@overload
def read(  # type: ignore[overload-overlap]
    images: ImageInput, *, engine: str | None = None, min_score: float = 0.5
) -> TextRegions: ...
@overload
def read(images: Iterable[ImageInput], *, engine: str | None = None, min_score: float = 0.5) -> list[TextRegions]: ...
def read(
    images: ImageInput | Iterable[ImageInput], *, engine: str | None = None, min_score: float = 0.5
) -> TextRegions | list[TextRegions]:
    """Read the text in pictures: lines in reading order with boxes and scores (``.text`` joins them).
    ``engine="tesseract"`` uses Debian's tesseract (clean documents) instead of the default RapidOCR.

    >>> import opensight as osi
    >>> print(osi.read("receipt.jpg").text)  # doctest: +SKIP
    """
    return TextReader(engine=engine, min_score=min_score)(images)


@overload
def transcribe(  # type: ignore[overload-overlap]
    audio: str | os.PathLike[str], *, model: str | None = None, language: str | None = None
) -> Transcript: ...
@overload
def transcribe(
    audio: Iterable[str | os.PathLike[str]], *, model: str | None = None, language: str | None = None
) -> list[Transcript]: ...
def transcribe(
    audio: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    model: str | None = None,
    language: str | None = None,
) -> Transcript | list[Transcript]:
    """Speech to timed text from audio files or videos' sound (``model="base"`` for languages other than
    English). Silence gives an empty transcript, not an error.

    >>> import opensight as osi
    >>> for segment in osi.transcribe("grandma.mp3").segments:  # doctest: +SKIP
    ...     print(f"{segment.start:6.1f}s  {segment.text}")
    """
    return Transcriber(model, language=language)(audio)


@overload
def tag(  # type: ignore[overload-overlap]
    images: ImageInput, *, labels: Iterable[str] | str, threshold: float = DEFAULT_TAG_THRESHOLD
) -> Tags: ...
@overload
def tag(
    images: Iterable[ImageInput], *, labels: Iterable[str] | str, threshold: float = DEFAULT_TAG_THRESHOLD
) -> list[Tags]: ...
def tag(
    images: ImageInput | Iterable[ImageInput],
    *,
    labels: Iterable[str] | str,
    threshold: float = DEFAULT_TAG_THRESHOLD,
) -> Tags | list[Tags]:
    """Tag pictures with your own words, without examples (zero-shot): every label's score, and the labels that
    reach ``threshold`` as ``.tags``. Check ``Tagger(labels).coverage`` first: it says which words the models
    know well enough.

    >>> import opensight as osi
    >>> osi.tag("street.jpg", labels="bicycle, snowy street, birthday cake").tags  # doctest: +SKIP
    ('bicycle',)
    """
    return Tagger(labels, threshold=threshold)(images)


def load(name: str | os.PathLike[str], *, batch_size: int = DEFAULT_BATCH_SIZE) -> Task[Any]:
    """A reusable, loaded task: a task name (``"classify"``, ``"embed"``), a model name, or a taught model
    file (``"fruit.osm"``, made by :func:`teach`).

    >>> import opensight as osi
    >>> classifier = osi.load("classify")  # doctest: +SKIP
    >>> classifier(["a.jpg", "b.jpg"], batch_size=32)  # doctest: +SKIP
    >>> fruit = osi.load("fruit.osm")  # doctest: +SKIP
    """
    if isinstance(name, os.PathLike) or (isinstance(name, str) and name.lower().endswith(".osm")):
        return Taught.from_file(name, batch_size=batch_size)
    if not isinstance(name, str):
        raise InputError(f"load() takes a task or model name, or a .osm path; got {type(name).__name__}")
    if name in task_names():
        return task_info(name).build(batch_size=batch_size)
    spec = get_model(name)  # raises ModelError listing the known names
    return TASKS[spec.task](spec.name, batch_size=batch_size)


def models(task: str | None = None) -> list[ModelSpec]:
    """Every model opensight knows (for one task when given), installed or not.

    >>> import opensight as osi
    >>> [spec.name for spec in osi.models("classify")]
    ['efficientnet_lite0.imagenet']
    """
    return list_models(task)


__all__ = [
    "Classification",
    "Classifier",
    "Coverage",
    "DecodeError",
    "Detections",
    "Detector",
    "Embedder",
    "Embedding",
    "FaceFinder",
    "FaceGallery",
    "Faces",
    "Hand",
    "HandFinder",
    "Hands",
    "ImageInput",
    "IndexSummary",
    "InputError",
    "Item",
    "Match",
    "ModelError",
    "ModelFileError",
    "ModelNotInstalledError",
    "ModelSpec",
    "OpensightError",
    "Outcome",
    "OutputError",
    "Person",
    "PictureIndex",
    "PoseEstimator",
    "Poses",
    "ScoredLabel",
    "Segment",
    "Segmentation",
    "Segmenter",
    "StoreError",
    "Tagger",
    "Tags",
    "Task",
    "Taught",
    "TaughtModel",
    "TaughtSoundModel",
    "TeachReport",
    "TextLine",
    "TextReader",
    "TextRegions",
    "Transcriber",
    "Transcript",
    "__version__",
    "annotate",
    "classify",
    "detect",
    "embed",
    "export_web",
    "faces",
    "hands",
    "load",
    "models",
    "pose",
    "read",
    "segment",
    "tag",
    "teach",
    "transcribe",
]
