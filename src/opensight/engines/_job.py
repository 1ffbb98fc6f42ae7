"""What a batch job is: a picklable task recipe, file facts, and the row every engine writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opensight._errors import DecodeError, InputError
from opensight._settings import limit_threads
from opensight.bundle import input_kind
from opensight.inputs import Item
from opensight.results import Outcome, Result
from opensight.store import sha256_file
from opensight.tasks import DEFAULT_BATCH_SIZE, Task, task_info

#: Columns of a result row, in order (**contract**: the SQLite table, CSV and Parquet files use them).
COLUMNS = ("run_id", "path", "sha256", "size", "mtime", "elapsed_ms", "error", "label", "score", "result")


@dataclass(frozen=True)
class TaskSpec:
    """A recipe for a task that can travel to other processes (Ray workers) and be built there.

    >>> TaskSpec("classify").describe()
    'classify (efficientnet_lite0.imagenet)'
    """

    task: str
    model: str | None = None
    top: int = 5
    batch_size: int = DEFAULT_BATCH_SIZE
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        info = task_info(self.task)
        if info.needs_model and not self.model:
            raise InputError(f"{self.task} needs the model file: --model MODEL.osm (made by `opensight teach`)")
        if info.needs_labels and not self.labels:
            raise InputError('tag needs the words to look for: --labels "bicycle, birthday cake"')

    def build(self, *, threads: int | None = None) -> Task[Any]:
        """Load the task (once per process or actor); ``threads`` caps the threads of every model this process
        loads (a Ray actor sharing its machine)."""
        if threads is not None:
            limit_threads(threads)
        info = task_info(self.task)
        chosen = {"top": self.top, "labels": self.labels}
        options = {option.name: chosen[option.name] for option in info.options if option.name in chosen}
        return info.build(self.model, batch_size=self.batch_size, **options)

    @property
    def extensions(self) -> frozenset[str]:
        """What a folder walk picks up for this task: audio and video files for transcribe and for a sound model's
        predict, else pictures."""
        if self.task == "predict" and self.model and input_kind(self.model) == "audio":
            from opensight.teach import TaughtSoundModel

            return TaughtSoundModel.extensions
        return task_info(self.task).extensions

    def describe(self) -> str:
        """Task and model, for run records and messages."""
        if self.task == "predict":
            return f"predict ({Path(self.model or '').name})"
        if self.task == "tag":
            return f"tag ({', '.join(self.labels)})"
        from opensight.models import default_model, get_model

        spec = get_model(self.model) if self.model else default_model(self.task)
        return f"{self.task} ({spec.name})"


@dataclass(frozen=True)
class FileFacts:
    """What identifies an input file's content: sha256, size in bytes, modification time (None when unreadable)."""

    sha256: str | None = None
    size: int | None = None
    mtime: float | None = None


def file_facts(item: Item) -> FileFacts:
    """Stat and hash a file item (in-memory images and unreadable files give empty facts)."""
    if item.path is None or item.problem is not None:
        return FileFacts()
    try:
        info = item.path.stat()
        return FileFacts(sha256=sha256_file(item.path), size=info.st_size, mtime=info.st_mtime)
    except (OSError, DecodeError):  # unreadable or not a regular file: its row says why (from decoding)
        return FileFacts()


def make_row(run_id: str, outcome: Outcome[Result], facts: FileFacts, elapsed_ms: float) -> tuple[Any, ...]:
    """One result row in :data:`COLUMNS` order; task fields go to ``result`` as JSON (label/score also get columns)."""
    fields = outcome.to_row()
    fields.pop("path", None)
    error = fields.pop("error", None)
    label, score = fields.get("label"), fields.get("score")
    return (
        run_id,
        outcome.name,
        facts.sha256,
        facts.size,
        facts.mtime,
        round(elapsed_ms, 3),
        error,
        label if isinstance(label, str) else None,
        float(score) if isinstance(score, int | float) else None,
        json.dumps(fields, ensure_ascii=False) if error is None else None,
    )
