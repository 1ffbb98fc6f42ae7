"""classify: which of the model's classes a picture shows (top-k labels with probabilities).

>>> import opensight
>>> opensight.classify("cat.jpg", top=3).label  # doctest: +SKIP
'tabby'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opensight._errors import InputError
from opensight.models import ModelSpec, Runner
from opensight.results import Classification, ScoredLabel
from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task


class Classifier(Task[Classification]):
    """A loaded classifier; ``Classifier()(image)`` returns a :class:`~opensight.Classification`.

    >>> classifier = Classifier(top=3)  # doctest: +SKIP
    >>> [c.label for c in classifier(["cat.jpg", "mug.jpg"])]  # doctest: +SKIP
    ['tabby', 'coffee mug']
    """

    result_type = Classification

    @property
    def columns(self) -> tuple[str, ...]:
        """A model with an "unsure" threshold (a taught one) adds ``guess`` and ``unsure``."""
        return Classification.columns if self.threshold is None else Classification.unsure_columns

    task = "classify"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        top: int = 5,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
        labels: Sequence[str] | None = None,
        threshold: float | None = None,
    ) -> None:
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.labels = tuple(labels) if labels is not None else self.spec.class_names()
        #: Answers whose best score is below this come back as "unsure" (taught models set it).
        self.threshold = threshold
        if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= len(self.labels):
            raise InputError(f"top must be a whole number from 1 to {len(self.labels)}, got {top!r}")
        self.top = top

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Classification:
        probabilities = outputs["probabilities"][index]
        best = np.argpartition(-probabilities, self.top - 1)[: self.top]
        best = best[np.argsort(-probabilities[best], kind="stable")]
        top = tuple(ScoredLabel(self.labels[i], float(probabilities[i])) for i in best)
        return Classification(top=top, model=self.spec.name, threshold=self.threshold)
