"""detect: objects in a picture, with boxes in original pixels, scores and COCO labels.

>>> import opensight
>>> opensight.detect("street.jpg").summary()  # doctest: +SKIP
'3 × person, 1 × car'
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PIL import Image

from opensight._errors import InputError
from opensight._nms import keep_best
from opensight._nms import overlap as _iou  # noqa: F401  (tests compare with it)
from opensight.inputs import LoadedImage
from opensight.models import ModelSpec, Runner
from opensight.models.ssd_mobilenet import COCO_NAMES
from opensight.results import Detections
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

#: Default minimum score: below it SSD-MobileNet's answers are mostly wrong.
DEFAULT_MIN_SCORE = 0.5
#: Boxes of the same class overlapping more than this (IoU) are merged.
NMS_IOU = 0.5


class Detector(Task[Detections]):
    """A loaded object detector; ``Detector()(image)`` returns :class:`~opensight.Detections`."""

    result_type = Detections

    task = "detect"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        classes: Iterable[str] | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.min_score = check_score("min_score", min_score)
        self.classes = None if classes is None else frozenset(c.strip() for c in classes if c.strip())
        if self.classes is not None:
            unknown = sorted(self.classes - set(COCO_NAMES.values()))
            if unknown:
                known = ", ".join(sorted(COCO_NAMES.values()))
                raise InputError(f"unknown class(es) {', '.join(unknown)}; the detector knows: {known}")

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The whole picture squashed to the model's square input (as the model was trained)."""
        side = self.spec.image_input.size
        return np.asarray(Image.fromarray(image.pixels).resize((side, side), Image.Resampling.BILINEAR))

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Detections:
        rows = outputs["detections"]
        rows = rows[(rows[:, 0] == index) & (rows[:, 2] >= self.min_score)]
        width, height = (int(v) for v in outputs[ORIGINAL_SIZE][index])
        labels = [COCO_NAMES.get(int(class_id), f"class {int(class_id)}") for class_id in rows[:, 1]]
        boxes = np.clip(rows[:, 3:7], 0.0, 1.0) * np.array([width, height, width, height], dtype=np.float32)
        found = Detections(boxes.astype(np.float32), rows[:, 2].astype(np.float32), tuple(labels), self.spec.name)
        if self.classes is not None:
            found = found[np.array([label in self.classes for label in found.labels], dtype=bool)]
        return found[_class_aware_nms(found)]


def _class_aware_nms(found: Detections) -> np.ndarray:
    """Indices to keep, best first: per label, drop boxes overlapping a better one by more than NMS_IOU."""
    return keep_best(found.boxes, found.scores, iou=NMS_IOU, labels=found.labels)
