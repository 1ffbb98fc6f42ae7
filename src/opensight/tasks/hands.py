"""hands: up to ``max_hands`` hands per picture, each left or right with 21 landmarks in original pixels.

>>> import opensight
>>> opensight.hands("wave.jpg").hands[0].landmark("index_finger_tip")  # doctest: +SKIP
(812.5, 240.1, -31.0)
"""

from __future__ import annotations

import numpy as np

from opensight._errors import InputError
from opensight._results_body import Hand, Hands
from opensight.inputs import LoadedImage, Source, letterbox, load_image
from opensight.models import ModelSpec, Runner
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

#: How many hands a picture gives at most, unless asked.
DEFAULT_MAX_HANDS = 2
#: Hands the landmark model scores below this are left out.
DEFAULT_MIN_SCORE = 0.5
#: The square the palm detector and the hand crops work from (the picture letterboxed into it).
WORK_SIDE = 1024


class HandFinder(Task[Hands]):
    """A loaded hand model; ``HandFinder()(image)`` returns :class:`~opensight.Hands` (most certain first)."""

    result_type = Hands

    task = "hands"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        max_hands: int = DEFAULT_MAX_HANDS,
        min_score: float = DEFAULT_MIN_SCORE,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        if isinstance(max_hands, bool) or not isinstance(max_hands, int) or not 1 <= max_hands <= 10:
            raise InputError(f"max_hands must be a whole number from 1 to 10, got {max_hands!r}")
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.max_hands = max_hands
        self.min_score = check_score("min_score", min_score)

    @property
    def input_shape(self) -> tuple[int, int, int]:
        return (WORK_SIDE, WORK_SIDE, 3)

    def load(self, source: Source) -> LoadedImage:
        """A big JPEG decoded at reduced scale, never below the working square."""
        return load_image(source, min_side=WORK_SIDE)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The picture fitted into the working square, keeping its shape (padded right/bottom)."""
        return letterbox(image.pixels, side=WORK_SIDE)

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        return self._runner.run({"pixels": batch, "max_hands": np.array([self.max_hands])})

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Hands:
        scale = float(max(outputs[ORIGINAL_SIZE][index])) / WORK_SIDE
        found = []
        for k in range(int(outputs["count"][index])):
            score = float(outputs["scores"][index, k])
            if score < self.min_score:
                continue
            right = float(outputs["right"][index, k])
            landmarks = outputs["landmarks"][index, k] * np.float32(scale)
            found.append(Hand("right" if right >= 0.5 else "left", max(right, 1 - right), score, landmarks))
        return Hands(hands=tuple(found), model=self.spec.name)
