"""Tasks: one class per task, all built on :class:`~opensight.tasks._base.Task`."""

from typing import Any

from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task
from opensight.tasks.classify import Classifier
from opensight.tasks.detect import Detector
from opensight.tasks.embed import Embedder
from opensight.tasks.faces import FaceFinder, FaceGallery
from opensight.tasks.pose import PoseEstimator
from opensight.tasks.read import TextReader
from opensight.tasks.tag import Tagger
from opensight.tasks.transcribe import Transcriber

#: Task name → the class that performs it (``opensight.load(task)`` looks here).
TASKS: dict[str, type[Task[Any]]] = {
    "classify": Classifier,
    "embed": Embedder,
    "detect": Detector,
    "pose": PoseEstimator,
    "faces": FaceFinder,
    "read": TextReader,
    "transcribe": Transcriber,
}

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "TASKS",
    "Classifier",
    "Detector",
    "Embedder",
    "FaceFinder",
    "FaceGallery",
    "PoseEstimator",
    "Tagger",
    "Task",
    "TextReader",
    "Transcriber",
]
