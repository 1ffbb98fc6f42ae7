"""embed: a picture's feature vector (the classifier's pooled features), for teaching and search.

>>> import opensight
>>> opensight.embed("cat.jpg").vector.shape  # doctest: +SKIP
(1280,)
"""

from __future__ import annotations

import numpy as np

from opensight.models import ModelSpec
from opensight.results import Embedding
from opensight.tasks._base import Task


class Embedder(Task[Embedding]):
    """A loaded image embedder; ``Embedder()(image)`` returns an :class:`~opensight.Embedding`."""

    result_type = Embedding

    task = "embed"

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.embedding_dim is not None

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Embedding:
        return Embedding(vector=np.array(outputs["embedding"][index], dtype=np.float32), model=self.spec.name)
