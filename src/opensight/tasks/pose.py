"""pose: one person's 17 body keypoints (MoveNet Lightning), in original pixels.

>>> import opensight
>>> opensight.pose("runner.jpg").people[0].keypoint("nose")  # doctest: +SKIP
(312.4, 88.0, 0.71)
"""

from __future__ import annotations

import numpy as np

from opensight.inputs import LoadedImage, letterbox
from opensight.models import ModelSpec, Runner
from opensight.results import Person, Poses
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

#: A person whose mean keypoint score is below this is reported as no person.
DEFAULT_MIN_SCORE = 0.2


class PoseEstimator(Task[Poses]):
    """A loaded pose model; ``PoseEstimator()(image)`` returns :class:`~opensight.Poses` (0 or 1 person)."""

    result_type = Poses

    task = "pose"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.min_score = check_score("min_score", min_score)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The picture fitted into the model's square input, keeping its shape (padded right/bottom)."""
        return letterbox(image.pixels, side=self.spec.image_input.size)

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Poses:
        points = outputs["output"][index].reshape(17, 3)  # y, x, score in 0..1 of the padded square
        side = float(max(outputs[ORIGINAL_SIZE][index]))
        keypoints = np.stack([points[:, 1] * side, points[:, 0] * side, points[:, 2]], axis=1).astype(np.float32)
        score = float(points[:, 2].mean())
        people = (Person(score=score, keypoints=keypoints),) if score >= self.min_score else ()
        return Poses(people=people, model=self.spec.name)
