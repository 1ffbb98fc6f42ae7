"""segment: which pixels of a picture are a person (MediaPipe selfie segmentation), with the mask at the picture's
size; on video, each frame's mask is smoothed with the frames before it (no flicker).

>>> import opensight
>>> opensight.segment("portrait.jpg").share  # doctest: +SKIP
0.41
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import numpy as np

from opensight._errors import InputError, OpensightError
from opensight._results_body import Segmentation
from opensight.inputs import Item, LoadedImage
from opensight.models import ModelSpec, Runner
from opensight.models.mediapipe_segment import model_input
from opensight.results import Outcome
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Prepared, Task

#: On video, how much of the previous frames' mask is kept in each new frame's (0 = none: no smoothing).
DEFAULT_SMOOTHING = 0.5


class Segmenter(Task[Segmentation]):
    """A loaded person segmenter; ``Segmenter()(image)`` returns :class:`~opensight.Segmentation`.

    ``smoothing`` (0 ≤ s < 1) is the weight of the previous frames' mask in each video frame's.
    """

    result_type = Segmentation

    task = "segment"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        smoothing: float = DEFAULT_SMOOTHING,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        if isinstance(smoothing, bool) or not isinstance(smoothing, int | float) or not 0.0 <= smoothing < 1.0:
            raise InputError(f"smoothing must be a number from 0 to below 1 (0 = none), got {smoothing!r}")
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.smoothing = float(smoothing)
        self._previous: dict[str, tuple[int, np.ndarray]] = {}
        self._lock = threading.Lock()

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The whole picture stretched to the model's square input (as the model was trained)."""
        return model_input(image.pixels)

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Segmentation:
        probabilities = np.clip(outputs["probabilities"][index][..., 0], 0.0, 1.0).astype(np.float32)
        width, height = (int(value) for value in outputs[ORIGINAL_SIZE][index])
        return Segmentation(probabilities=probabilities, size=(width, height), model=self.spec.name)

    def run_prepared(self, batch: Sequence[tuple[Item, Prepared | OpensightError]]) -> Iterator[Outcome[Segmentation]]:
        """As :meth:`Task.run_prepared`, with each video frame's mask blended with its video's previous frame."""
        for outcome in super().run_prepared(batch):
            yield self._smoothed(outcome)

    def _smoothed(self, outcome: Outcome[Segmentation]) -> Outcome[Segmentation]:
        result = outcome.result
        if result is None or outcome.frame is None or not self.smoothing:
            return outcome
        with self._lock:
            before = self._previous.get(outcome.name)
            probabilities = result.probabilities
            if before is not None and before[0] < outcome.frame and before[1].shape == probabilities.shape:
                probabilities = self.smoothing * before[1] + (1.0 - self.smoothing) * probabilities
            self._previous = {outcome.name: (outcome.frame, probabilities)}  # one video at a time is remembered
        smoothed = Segmentation(probabilities=probabilities, size=result.size, model=result.model)
        return Outcome(name=outcome.name, result=smoothed, frame=outcome.frame, time=outcome.time)
