"""Box geometry shared by the detectors (objects, faces, palms): overlap (IoU) and non-maximum suppression.

>>> boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], dtype=np.float32)
>>> suppress(boxes, np.array([0.9, 0.8, 0.7]), 0.5).tolist()
[0, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def iou(a: np.ndarray, b: np.ndarray) -> float:
    """The intersection over union of two ``[x1, y1, x2, y2]`` boxes (0 when they do not touch).

    >>> iou(np.array([0, 0, 2, 2]), np.array([1, 0, 3, 2]))
    0.3333333333333333
    """
    width = max(0.0, float(min(a[2], b[2]) - max(a[0], b[0])))
    height = max(0.0, float(min(a[3], b[3]) - max(a[1], b[1])))
    inter = width * height
    union = float((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])) - inter
    return inter / union if union > 0 else 0.0


def suppress(
    boxes: np.ndarray, scores: np.ndarray, limit: float, *, groups: Sequence[object] | None = None
) -> np.ndarray:
    """Indices of the boxes to keep, best score first: a box overlapping a better kept one (of the same group, when
    ``groups`` are given) by more than ``limit`` IoU is dropped.

    >>> boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11]], dtype=np.float32)
    >>> suppress(boxes, np.array([0.8, 0.9]), 0.5, groups=["cat", "dog"]).tolist()
    [1, 0]
    """
    if len(boxes) != len(scores) or (groups is not None and len(groups) != len(boxes)):
        raise ValueError(f"suppress needs as many scores (and groups) as boxes, got {len(boxes)} and {len(scores)}")
    order = np.argsort(-np.asarray(scores), kind="stable")
    keep: list[int] = []
    for i in order:
        for j in keep:
            if (groups is None or groups[j] == groups[i]) and iou(boxes[i], boxes[j]) > limit:
                break
        else:
            keep.append(int(i))
    return np.array(keep, dtype=np.int64)
