"""embed: a picture's feature vector (the classifier's pooled features), for teaching and search.

>>> import opensight
>>> opensight.embed("cat.jpg").vector.shape  # doctest: +SKIP
(1280,)
"""

from __future__ import annotations

import numpy as np

from opensight._errors import InputError
from opensight.models import ModelSpec, Runner
from opensight.results import Embedding
from opensight.tasks._base import DEFAULT_BATCH_SIZE, Task

#: How a picture is seen (``view``): the model's centre crop (what search and the index use), the whole picture
#: centred on its own border colour (nothing at the edges is cut off), or the whole of what it shows on a plain
#: background, its plain edges trimmed first (what taught models use: :func:`~opensight.inputs.content_picture`).
VIEWS = ("crop", "whole", "content")


class Embedder(Task[Embedding]):
    """A loaded image embedder; ``Embedder()(image)`` returns an :class:`~opensight.Embedding`. ``view="whole"``
    sees the whole picture instead of the centre crop, ``view="content"`` what it shows on a plain background
    (:data:`VIEWS`).

    >>> Embedder(view="whole").spec.image_input.fit
    'whole'
    """

    result_type = Embedding

    task = "embed"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        view: str = "crop",
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        if view not in VIEWS:
            raise InputError(f"view must be {' or '.join(repr(v) for v in VIEWS)}, got {view!r}")
        super().__init__(model, batch_size=batch_size, runner=runner)
        if view != "crop":
            self.spec = self.spec.seeing_whole(trimmed=view == "content")

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.embedding_dim is not None

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Embedding:
        return Embedding(vector=np.array(outputs["embedding"][index], dtype=np.float32), model=self.spec.name)
