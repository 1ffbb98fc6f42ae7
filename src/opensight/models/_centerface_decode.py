"""CenterFace's outputs → faces: the heatmap's peaks, their box sizes and sub-pixel offsets, 5 landmarks, NMS.

CenterFace (Xu et al., 2019) predicts on a grid of stride 4: a face-centre heatmap (scores in [0, 1]), the box's
log-size (height, width) over 4, the centre's offset within the cell (y, x), and 5 landmarks as (y, x) fractions
of the box from its top-left corner. Written from the paper's description and the published decoding.

>>> heat = np.zeros((1, 1, 8, 8), np.float32); heat[0, 0, 2, 3] = 0.9
>>> size = np.full((1, 2, 8, 8), np.log(10 / 4), np.float32)
>>> faces = decode(heat, size, np.zeros((1, 2, 8, 8), np.float32), np.zeros((1, 10, 8, 8), np.float32), 0.5)
>>> faces.boxes.round(2).tolist(), [round(float(score), 2) for score in faces.scores]
([[9.0, 5.0, 19.0, 15.0]], [0.9])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from opensight._boxes import suppress

#: The grid's stride in pixels.
STRIDE = 4
#: CenterFace's published NMS overlap: peaks whose boxes overlap a better one by more are the same face.
NMS_IOU = 0.3


@dataclass(frozen=True)
class FoundFaces:
    """Faces in one picture, best first: ``boxes`` (N, 4) [x1, y1, x2, y2] and CenterFace's own ``points``
    (N, 5, 2: eyes, nose, mouth corners) in the network input's pixels, heatmap ``scores`` in [0, 1]."""

    boxes: np.ndarray
    scores: np.ndarray
    points: np.ndarray

    def __len__(self) -> int:
        return len(self.boxes)


def decode(
    heatmap: np.ndarray, sizes: np.ndarray, offsets: np.ndarray, landmarks: np.ndarray, min_score: float
) -> FoundFaces:
    """The faces of ONE picture (batch row 0 of each output) scored at least ``min_score``, after NMS, their
    boxes clipped to the input (``heatmap`` is (1, 1, H/4, W/4))."""
    height, width = (side * STRIDE for side in heatmap.shape[2:])
    rows, cols = np.nonzero(heatmap[0, 0] >= min_score)
    scores = heatmap[0, 0, rows, cols].astype(np.float32)
    box_h = np.exp(sizes[0, 0, rows, cols]) * STRIDE
    box_w = np.exp(sizes[0, 1, rows, cols]) * STRIDE
    centre_y = (rows + offsets[0, 0, rows, cols] + 0.5) * STRIDE
    centre_x = (cols + offsets[0, 1, rows, cols] + 0.5) * STRIDE
    top, left = centre_y - box_h / 2, centre_x - box_w / 2
    boxes = np.stack([left, top, left + box_w, top + box_h], axis=1).astype(np.float32).reshape(-1, 4)
    fractions = landmarks[0][:, rows, cols].T.reshape(-1, 5, 2)  # (N, 5, [y, x])
    points = np.stack(
        [left[:, None] + fractions[:, :, 1] * box_w[:, None], top[:, None] + fractions[:, :, 0] * box_h[:, None]],
        axis=2,
    )
    np.clip(boxes, 0, [width, height, width, height], out=boxes)
    keep = suppress(boxes, scores, NMS_IOU)
    return FoundFaces(boxes[keep], scores[keep], points.astype(np.float32).reshape(-1, 5, 2)[keep])
