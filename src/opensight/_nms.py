"""Non-maximum suppression, written once for every detector (objects, palms).

>>> boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], np.float32)
>>> keep_best(boxes, np.array([0.9, 0.8, 0.7]), iou=0.5).tolist()
[0, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def keep_best(boxes: np.ndarray, scores: np.ndarray, *, iou: float, labels: Sequence[str] | None = None) -> np.ndarray:
    """Indices of the boxes to keep, best first: a box overlapping a better kept one (of the same label, when
    ``labels`` are given) by more than ``iou`` (intersection over union) is dropped."""
    if len(boxes) != len(scores) or (labels is not None and len(labels) != len(boxes)):
        raise ValueError(f"keep_best needs as many scores (and labels) as boxes, got {len(boxes)} and {len(scores)}")
    order = np.argsort(-np.asarray(scores), kind="stable")
    keep: list[int] = []
    for i in order:
        for j in keep:
            if (labels is None or labels[j] == labels[i]) and overlap(boxes[i], boxes[j]) > iou:
                break
        else:
            keep.append(int(i))
    return np.array(keep, dtype=np.int64)


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two [x1, y1, x2, y2] boxes (0 when they do not touch)."""
    width = max(0.0, float(min(a[2], b[2]) - max(a[0], b[0])))
    height = max(0.0, float(min(a[3], b[3]) - max(a[1], b[1])))
    inter = width * height
    union = float((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])) - inter
    return inter / union if union > 0 else 0.0
