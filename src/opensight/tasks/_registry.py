"""The one table of tasks: what each does, what it takes, its options and its result.

``opensight.load``, ``opensight run`` (local and Ray), the REST routes, ``GET /v1/tasks``, help texts and the
Studio's list of ready-made tasks all read :data:`TASK_TABLE`. Adding a task is one :class:`TaskInfo` row here plus
its module (the task class and its result type).

>>> task_info("detect").accepts, [option.name for option in task_info("detect").options]
('picture', ['min_score', 'classes'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from opensight._errors import InputError
from opensight.results import Result
from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task
from opensight.tasks.classify import Classifier
from opensight.tasks.detect import Detector
from opensight.tasks.embed import Embedder
from opensight.tasks.faces import FaceFinder
from opensight.tasks.hands import DEFAULT_MAX_HANDS, DEFAULT_MIN_SCORE, HandFinder
from opensight.tasks.pose import PoseEstimator
from opensight.tasks.read import ENGINES, TextReader
from opensight.tasks.segment import DEFAULT_SMOOTHING, Segmenter
from opensight.tasks.tag import Tagger, clean_labels
from opensight.tasks.transcribe import Transcriber

#: What a task takes: a picture (or a video's frames) or a recording (or a video's sound).
Accepts = Literal["picture", "audio"]


@dataclass(frozen=True)
class TaskOption:
    """One option of a task: the keyword its class takes, which is also its REST query parameter.

    ``kind`` is the value's type as the API and the command line read it: ``int``, ``float``, ``text``, or ``list``
    (comma-separated text, ``parse`` turns it into the value the class takes). ``low``/``high`` bound numbers.
    """

    name: str
    kind: Literal["int", "float", "text", "list"]
    help: str
    default: Any = None
    required: bool = False
    low: float | None = None
    high: float | None = None
    query: str | None = None
    parse: Callable[[str], Any] | None = None

    def parsed(self, value: Any) -> Any:
        """A value as given on the command line or in a query, as the task class takes it (lists parsed).

        >>> TaskOption("classes", "list", "", parse=_sorted_names).parsed("dog, cat")
        ('cat', 'dog')
        """
        return self.parse(value) if self.parse is not None and value is not None else value

    @property
    def query_name(self) -> str:
        """The REST query parameter (``engine`` for read's OCR engine: ``model`` is taken)."""
        return self.query or self.name


def _sorted_names(text: str) -> tuple[str, ...]:
    return tuple(sorted(name.strip() for name in text.split(",") if name.strip()))


@dataclass(frozen=True)
class TaskInfo:
    """A row of the task table.

    ``model_help`` says what ``--model`` means for ``opensight run``; ``model_task`` is the registry task of the
    default model when it is not the task's own name; ``draws`` is whether results can be drawn on the picture;
    ``served`` is whether the REST API has ``POST /v1/{name}`` for it; ``make`` builds the task when its class does
    not take ``(model, batch_size=…, **options)``; ``masks`` is whether its results carry a picture-sized mask
    (``POST /v1/{name}?mask=true`` returns it as a PNG data URL).
    """

    name: str
    summary: str
    task_class: type[Task[Any]]
    model_help: str
    accepts: Accepts = "picture"
    options: tuple[TaskOption, ...] = ()
    model_task: str | None = None
    draws: bool = True
    served: bool = True
    needs_model: bool = False
    make: Callable[..., Task[Any]] | None = None
    masks: bool = False

    def build(self, model: str | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE, **options: Any) -> Task[Any]:
        """The loaded task; a required option that is missing is an :class:`InputError` saying how to give it.

        >>> task_info("classify").build(top=3)  # doctest: +SKIP
        Classifier(model='efficientnet_lite0.imagenet', batch_size=16)
        """
        missing = [option for option in self.options if option.required and not options.get(option.name)]
        if missing:
            raise InputError(f"{self.name} needs {missing[0].help[0].lower()}{missing[0].help[1:]}")
        if self.needs_model and not model:
            raise InputError(f"{self.name} needs the model: {self.model_help}")
        model = options.pop("model", None) or model  # transcribe's model is also one of its options
        if self.make is not None:
            return self.make(model, batch_size=batch_size, **options)
        return self.task_class(model, batch_size=batch_size, **options)

    @property
    def result(self) -> type[Result]:
        """The type of the task's results."""
        return self.task_class.result_type

    @property
    def extensions(self) -> frozenset[str]:
        """The file extensions a folder walk picks up for this task."""
        return self.task_class.extensions

    @property
    def needs_labels(self) -> bool:
        """Whether the user must give words (tag: the Studio asks for them)."""
        return any(option.name == "labels" and option.required for option in self.options)


def _tagger(_model: str | None, *, batch_size: int, labels: Any, threshold: float = 0.4) -> Task[Any]:
    return Tagger(labels, threshold=threshold, batch_size=batch_size)


def _taught(model: str | None, *, batch_size: int) -> Task[Any]:
    from opensight.teach import Taught

    if model is None or not Path(model).name:
        raise InputError("predict needs the model file: --model MODEL.osm (made by `opensight teach`)")
    return Taught.from_file(model, batch_size=batch_size)


#: Every task, in the order help texts and the Studio list them.
TASK_TABLE: tuple[TaskInfo, ...] = (
    TaskInfo(
        "classify",
        "What is in the picture: the most likely of 1,000 ImageNet classes.",
        Classifier,
        "a model name (default: the ImageNet classifier)",
        options=(TaskOption("top", "int", "How many classes to return.", 5, low=1, high=50),),
    ),
    TaskInfo(
        "embed",
        "A feature vector for similarity search.",
        Embedder,
        "a model name (default: the ImageNet backbone)",
        draws=False,
    ),
    TaskInfo(
        "predict",
        "Your own classes, with a model taught by `opensight teach`.",
        Classifier,
        "a .osm file made by `opensight teach` (required)",
        served=False,
        needs_model=True,
        make=_taught,
    ),
    TaskInfo(
        "detect",
        "Objects (80 COCO classes) with boxes.",
        Detector,
        "a model name (default: SSD-MobileNet-v2 COCO)",
        options=(
            TaskOption("min_score", "float", "Drop boxes scored below this.", 0.5, low=0.0, high=1.0),
            TaskOption("classes", "list", "Comma-separated COCO classes to keep: person,car", parse=_sorted_names),
        ),
    ),
    TaskInfo(
        "pose",
        "One person's 17 body keypoints.",
        PoseEstimator,
        "a model name (default: MoveNet Lightning)",
    ),
    TaskInfo(
        "hands",
        "Hands: left or right, with 21 landmarks each (wrist, knuckles, finger tips).",
        HandFinder,
        "a model name (default: MediaPipe hands)",
        options=(
            TaskOption("max_hands", "int", "At most this many hands per picture.", DEFAULT_MAX_HANDS, low=1, high=10),
            TaskOption(
                "min_score", "float", "Leave out hands scored below this.", DEFAULT_MIN_SCORE, low=0.0, high=1.0
            ),
        ),
    ),
    TaskInfo(
        "segment",
        "Which pixels are a person: a mask, its share of the picture and its box.",
        Segmenter,
        "a model name (default: MediaPipe selfie segmentation)",
        options=(
            TaskOption(
                "smoothing",
                "float",
                "Videos: how much of the previous frames' mask each frame keeps (0 = none).",
                DEFAULT_SMOOTHING,
                low=0.0,
                high=0.95,
            ),
        ),
        masks=True,
    ),
    TaskInfo(
        "faces",
        "Faces with boxes, landmarks and 128-d descriptors.",
        FaceFinder,
        "a model name (default: centerface; dlib.faces for dlib's HOG finder); finds faces and their descriptors",
    ),
    TaskInfo(
        "read",
        "The text in the picture, line by line, with boxes.",
        TextReader,
        "a model name (default: PP-OCRv6 on RapidOCR; tesseract.eng for Debian's tesseract)",
        options=(
            TaskOption(
                "engine", "text", f"{' (default) or '.join(ENGINES)} (clean scans).", "rapidocr", query="engine"
            ),
            TaskOption("min_score", "float", "Drop lines scored below this.", 0.5, low=0.0, high=1.0),
        ),
    ),
    TaskInfo(
        "tag",
        "Your own words as tags, without examples (zero-shot), with how well each word is known.",
        Tagger,
        "not used: give the words with --labels (zero-shot tags)",
        options=(
            TaskOption(
                "labels",
                "list",
                'The words to look for: --labels "bicycle, birthday cake"',
                required=True,
                parse=clean_labels,
            ),
            TaskOption("threshold", "float", "A label is a tag from this score.", 0.4, low=0.0, high=1.0),
        ),
        model_task="text-embed",
        draws=False,
        make=_tagger,
    ),
    TaskInfo(
        "transcribe",
        "Speech to timed text (audio, or a video's sound).",
        Transcriber,
        "a model name (default: whisper_tiny.en; whisper_base for 99 languages) — audio and video files",
        accepts="audio",
        options=(
            TaskOption("model", "text", "tiny.en (English) or base (99 languages).", "tiny.en"),
            TaskOption("language", "text", "Spoken language for base: en, de, fr, …"),
        ),
        draws=False,
    ),
)

_BY_NAME = {info.name: info for info in TASK_TABLE}


def task_info(name: str) -> TaskInfo:
    """The row of task ``name``; an unknown name is an :class:`InputError` listing the tasks."""
    info = _BY_NAME.get(name)
    if info is None:
        raise InputError(f"unknown task {name!r}; the tasks are: {', '.join(_BY_NAME)}")
    return info


def task_names(*, served: bool | None = None) -> tuple[str, ...]:
    """The tasks' names, in table order (only those the REST API serves with ``served=True``)."""
    return tuple(info.name for info in TASK_TABLE if served is None or info.served == served)
