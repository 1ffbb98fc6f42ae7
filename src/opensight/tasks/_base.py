"""The task base class: preprocess → _forward → postprocess, with batching and prefetch written once.

Every task (classify, embed, and those that follow) subclasses :class:`Task`. Decoding and
preprocessing run in a small thread pool ahead of the model (a bounded window, so memory stays flat
whatever the folder size) while the model runs on the previous batch. Outcomes come back in input order.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar, Generic, TypeVar

import numpy as np

from opensight._concurrency import ordered_map
from opensight._errors import DecodeError, InputError, ModelError, OpensightError
from opensight.inputs import (
    IMAGE_EXTENSIONS,
    Item,
    LoadedImage,
    Source,
    Sources,
    content_picture,
    is_single,
    iter_items,
    load_image,
    resize_center_crop,
    whole_picture,
)
from opensight.models import ModelSpec, Runner, default_model, get_model, load_runner
from opensight.results import Outcome, Result

R = TypeVar("R", bound=Result)

#: A model input and the picture's original (width, height) after EXIF orientation.
Prepared = tuple[np.ndarray, tuple[int, int]]
#: The key under which ``postprocess`` finds each picture's original (width, height) in ``outputs``.
ORIGINAL_SIZE = "original_size"

DEFAULT_BATCH_SIZE = 16


class Task(ABC, Generic[R]):
    """A loaded model for one task. Call it on images, or :meth:`stream` a big source.

    Subclasses set ``task`` and implement :meth:`_forward` and :meth:`postprocess`; the default
    :meth:`preprocess` is the resize + centre crop that the model's ``ImageInput`` describes.
    """

    task: ClassVar[str]
    #: The type of this task's results; its ``columns`` are the fields of the rows.
    result_type: ClassVar[type[Result]]
    #: False for tasks whose inputs keep their own size (OCR): each picture then goes to the model alone.
    same_size: ClassVar[bool] = True
    #: The file extensions a folder walk picks up for this task.
    extensions: ClassVar[frozenset[str]] = IMAGE_EXTENSIONS

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        if isinstance(model, ModelSpec):
            self.spec = model
        else:
            self.spec = get_model(model) if model else default_model(self.task)
        if not self._serves(self.spec):
            raise ModelError(f"model {self.spec.name!r} is a {self.spec.task} model and cannot {self.task}")
        self.batch_size = _check_batch_size(batch_size)
        self._runner: Runner = runner if runner is not None else load_runner(self.spec.name)

    @property
    def columns(self) -> tuple[str, ...]:
        """The task fields of this task's rows, in order (the CSV header after ``path``; the table's columns)."""
        return self.result_type.columns

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.task == self.task

    # -- the three steps ---------------------------------------------------------------------------
    def decode(self, item: Item) -> LoadedImage:
        """Load one item, decoding big JPEGs at reduced scale when the model needs fewer pixels."""
        if item.problem is not None:
            raise InputError(item.problem)
        source = item.image if item.image is not None else item.path
        if source is None:
            raise InputError("this item has neither a path nor an image")
        return self.load(source)

    def load(self, source: Source) -> LoadedImage:
        """Decode one picture, no bigger than the model needs (tasks that see more or less override this)."""
        spec = self.spec.image_input
        if spec.fit in ("whole", "content"):  # the whole picture (or its content) shrunk into the square
            return load_image(source, long_side=spec.size)
        return load_image(source, min_side=spec.resize_side)

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """The shape of one preprocessed model input (height, width, channels)."""
        return (self.spec.image_input.size, self.spec.image_input.size, 3)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The model input for one image (uint8 ``[size, size, 3]`` by default): the centre crop, or the whole
        picture (``fit="whole"``), or the whole of what it shows on a plain background (``fit="content"``: taught
        models)."""
        if self.spec.image_input.fit == "whole":
            return whole_picture(image.pixels, side=self.spec.image_input.size)
        if self.spec.image_input.fit == "content":
            return content_picture(image.pixels, side=self.spec.image_input.size)
        return resize_center_crop(
            image.pixels, size=self.spec.image_input.size, resize_side=self.spec.image_input.resize_side
        )

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        """Run the model on a stacked batch; the only method that touches the runtime. Every registry runner
        takes ``pixels``; override only to feed or keep something else."""
        return self._runner.run({"pixels": batch})

    def forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        """The model's raw outputs (``probabilities``, ``logits``, ``embedding``, …) for a stacked batch of
        prepared inputs: for code that needs the numbers before :meth:`postprocess` turns them into results (teaching
        checks a fused graph against its parts)."""
        return self._forward(batch)

    @abstractmethod
    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> R:
        """Turn row ``index`` of the batch outputs into this task's result (``outputs[ORIGINAL_SIZE][index]`` is
        the picture's original width and height, to map coordinates back to it)."""

    # -- driving -----------------------------------------------------------------------------------
    def stream(
        self, sources: Sources | Iterable[Item], *, batch_size: int | None = None, workers: int | None = None
    ) -> Iterator[Outcome[R]]:
        """Process any number of inputs lazily, in order; a bad input becomes an error outcome and the
        stream goes on.

        >>> for outcome in opensight.load("classify").stream(["photos/"]):  # doctest: +SKIP
        ...     print(outcome.name, outcome.result.label if outcome.ok else outcome.error)
        """
        size = _check_batch_size(batch_size or self.batch_size)
        threads = workers or min(4, os.cpu_count() or 1)
        prepared = ordered_map(
            self.prepare,
            iter_items(sources, extensions=self.extensions),
            workers=threads,
            window=max(2 * size, 2 * threads),
        )
        batch: list[tuple[Item, Prepared | OpensightError]] = []
        ready = 0
        for item, future in prepared:
            try:
                batch.append((item, future.result()))
                ready += 1
            except OpensightError as error:
                batch.append((item, error))
            if ready == size:
                yield from self.run_prepared(batch)
                batch, ready = [], 0
        if batch:
            yield from self.run_prepared(batch)

    def __call__(self, images: Sources, *, batch_size: int | None = None) -> R | list[R]:
        """One image in, one result out; a list in, a list out. Raises on the first bad input
        (use :meth:`stream` to record errors and go on)."""
        single = is_single(images)
        if isinstance(images, str | os.PathLike) and not single:
            raise InputError(
                f"{os.fspath(images)!r} names a folder, a pattern or stdin, i.e. many pictures; "
                f"pass it in a list to get one result per picture: [{os.fspath(images)!r}]"
            )
        results: list[R] = []
        for outcome in self.stream(images, batch_size=batch_size):
            if outcome.error is not None:
                raise type(outcome.error)(f"{outcome.name}: {outcome.error}") from outcome.error
            assert outcome.result is not None
            results.append(outcome.result)
        return results[0] if single else results

    def one(self, image: Source) -> R:
        """The result for exactly one picture (a typed shortcut for ``task(image)``)."""
        if not is_single(image):
            raise InputError("one() takes a single picture (a file path, a PIL image or an array)")
        result = self(image)
        assert not isinstance(result, list)
        return result

    def run_items(self, items: Sequence[Item]) -> list[Outcome[R]]:
        """Decode and run ``items`` as ONE batch in the calling thread (no prefetch threads): for servers, which
        bring their own worker pool. Bad inputs become error outcomes, as in :meth:`stream`.

        >>> missing = Item("x", path=Path("missing.jpg"))  # doctest: +SKIP
        >>> [o.ok for o in opensight.load("classify").run_items([missing])]  # doctest: +SKIP
        [False]
        """
        prepared: list[tuple[Item, Prepared | OpensightError]] = []
        for item in items:
            try:
                prepared.append((item, self.prepare(item)))
            except OpensightError as error:
                prepared.append((item, error))
        return list(self.run_prepared(prepared))

    def prepare(self, item: Item) -> Prepared:
        """Decode + preprocess one item; also returns the picture's original (width, height). Any failure is an
        :class:`OpensightError` (a decoder's own exception becomes a :class:`DecodeError`).

        >>> pixels, size = opensight.load("classify").prepare(Item("cat.jpg", path=Path("cat.jpg")))  # doctest: +SKIP
        """
        try:
            image = self.decode(item)
            return self.preprocess(image), image.original_size
        except OpensightError:
            raise
        except Exception as error:  # a decoder bug on a strange file must cost one row, not the batch
            raise DecodeError(f"could not decode this file ({type(error).__name__}: {error})") from error

    def run_prepared(self, batch: Sequence[tuple[Item, Prepared | OpensightError]]) -> Iterator[Outcome[R]]:
        """The model on prepared items (from :meth:`prepare`), as one batch, and their outcomes in order; an item
        whose preparation failed gets its error outcome. Every driver (``stream``, ``run_items``, the Ray actors)
        goes through here: batching is written once."""
        if not self.same_size and len(batch) > 1:
            for one in batch:
                yield from self.run_prepared([one])
            return
        prepared = [value for _, value in batch if not isinstance(value, OpensightError)]
        outputs: dict[str, np.ndarray] = {}
        if prepared:
            outputs = self._forward(np.stack([array for array, _ in prepared]))
            outputs[ORIGINAL_SIZE] = np.array([size for _, size in prepared], dtype=np.int64).reshape(-1, 2)
        row = 0
        for item, value in batch:
            if isinstance(value, OpensightError):
                yield Outcome(name=item.name, error=value, frame=item.frame, time=item.time)
            else:
                yield Outcome(name=item.name, result=self.postprocess(outputs, row), frame=item.frame, time=item.time)
                row += 1

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self.spec.name!r}, batch_size={self.batch_size})"


def _check_batch_size(batch_size: int) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be a positive whole number, got {batch_size!r}")
    return batch_size


def check_score(name: str, value: float) -> float:
    """A score threshold must be a number in [0, 1]; returns it as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise InputError(f"{name} must be a number from 0 to 1, got {value!r}")
    return float(value)
