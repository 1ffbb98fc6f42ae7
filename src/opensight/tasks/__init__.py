"""Tasks: one class per task, all built on :class:`~opensight.tasks._base.Task`."""

from typing import Any

from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task
from opensight.tasks._registry import TASK_TABLE, TaskInfo, TaskOption, task_info, task_names
from opensight.tasks.classify import Classifier
from opensight.tasks.detect import Detector
from opensight.tasks.embed import Embedder
from opensight.tasks.faces import FaceFinder, FaceGallery
from opensight.tasks.hands import HandFinder
from opensight.tasks.pose import PoseEstimator
from opensight.tasks.read import TextReader
from opensight.tasks.segment import Segmenter
from opensight.tasks.tag import Tagger
from opensight.tasks.transcribe import Transcriber

#: Task name → the class that performs it (from :data:`TASK_TABLE`; tasks that need more than a model to be built,
#: tag's words and predict's model file, are built with :meth:`TaskInfo.build`).
TASKS: dict[str, type[Task[Any]]] = {
    info.name: info.task_class for info in TASK_TABLE if info.make is None and not info.needs_model
}

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "TASKS",
    "TASK_TABLE",
    "Classifier",
    "Detector",
    "Embedder",
    "FaceFinder",
    "FaceGallery",
    "HandFinder",
    "PoseEstimator",
    "Segmenter",
    "Tagger",
    "Task",
    "TaskInfo",
    "TaskOption",
    "TextReader",
    "Transcriber",
    "task_info",
    "task_names",
]
