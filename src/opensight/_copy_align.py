"""Lining two prints up finely: a picture cropped at any place and size, not only where a view of
:mod:`opensight._copy_views` looks.

The views come in steps (crops of 5-10% more or less, moved by half of what they leave out), so a crop of a quarter
from a place between two views lines up a pixel or more away from the nearest one, and its correlation and fine detail
fall under the bars (a probe of 43 photos cropped to 80% of each side at random places: 25 of 43 found; to 70%: 4).
:func:`refine` moves such a pair's box from the view that :func:`opensight._copies.check` chose, in ever smaller steps,
to where the two line up best; :func:`sample` looks at a print through any box.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from opensight._copy_views import VIEW_SIDE, view_boxes

#: Steps of the search, in fractions of the picture: the views lie 2.5-5% apart, so a crop lines up within 2.5% of
#: one of them, and the last step (0.5%) is a tenth of a pixel of a 16-pixel view.
STEPS = (0.02, 0.01, 0.005)
#: Moves tried at each step (each the best of the six: left, right, up, down, larger, smaller).
MOVES_PER_STEP = 6
#: The correlation a pair must reach after the first step to be searched further.
PROMISING = 0.9
#: Pairs searched at once.
REFINE_BLOCK = 4096
#: Images sampled at once (through a turned box: 2,304 samples of 16×16 × 3×3, each gathered from four pixels).
SAMPLE_BLOCK = 1024


@lru_cache(maxsize=1)
def view_box_array() -> np.ndarray:
    """V × 6 array of the views' boxes: centre x, centre y, width, height (fractions), degrees, mirrored (0/1)."""
    return np.array([[*box[:5], float(box[5])] for box in view_boxes()], dtype=np.float64)


def sample(images: np.ndarray, boxes: np.ndarray, *, out: int = VIEW_SIDE, samples: int = 3) -> np.ndarray:
    """Look at each of K square images (K × S × S) through R boxes each (K × R × 6, as :func:`view_box_array`):
    K × R × out² values, bilinear between the pixels' centres, ``samples``² samples averaged per output cell — the
    same resampling as the views' matrices of :mod:`opensight._copy_views`.

    >>> images = np.arange(16, dtype=np.float32).reshape(1, 4, 4)
    >>> sample(images, np.array([[[0.5, 0.5, 1.0, 1.0, 0.0, 0.0]]]), out=2, samples=2).round(2).tolist()
    [[[2.5, 4.5, 10.5, 12.5]]]
    """
    offsets = (np.arange(out)[:, None] + (np.arange(samples)[None, :] + 0.5) / samples).reshape(-1) / out - 0.5
    values = np.empty((len(images), boxes.shape[1], out * out), dtype=np.float32)
    turned = np.any(boxes[..., 4] != 0, axis=1)
    for rows, through in ((np.flatnonzero(~turned), _straight_sample), (np.flatnonzero(turned), _turned_sample)):
        for start in range(0, len(rows), SAMPLE_BLOCK):
            block = rows[start : start + SAMPLE_BLOCK]
            values[block] = through(images[block], boxes[block], offsets, out, samples)
    return values


def _straight_sample(images: np.ndarray, boxes: np.ndarray, offsets: np.ndarray, out: int, samples: int) -> np.ndarray:
    """:func:`sample` through boxes that are not turned: one linear map down and one across (each row of each a sum
    of tents)."""
    side = images.shape[1]
    box = boxes.astype(np.float32)
    across = np.where(box[..., 5:6] > 0, -offsets, offsets).astype(np.float32)  # mirrored: right to left
    xs = np.clip((box[..., 0:1] + across * box[..., 2:3]) * side - 0.5, 0, side - 1.001)
    ys = np.clip((box[..., 1:2] + offsets.astype(np.float32) * box[..., 3:4]) * side - 0.5, 0, side - 1.001)
    down, along = _tents(ys, side, out, samples), _tents(xs, side, out, samples)
    values = down @ images[:, None].astype(np.float32) @ np.swapaxes(along, -1, -2)
    return np.asarray(values.reshape(len(images), boxes.shape[1], out * out))


def _tents(positions: np.ndarray, side: int, out: int, samples: int) -> np.ndarray:
    """K × R × out × side weights of bilinear resampling at ``positions`` (K × R × out·samples, in pixels), the
    ``samples`` of each output averaged."""
    weights = np.maximum(0, 1 - np.abs(positions[..., None] - np.arange(side, dtype=np.float32)))
    return np.asarray(weights.reshape(*positions.shape[:2], out, samples, side).mean(axis=3))


def _turned_sample(images: np.ndarray, boxes: np.ndarray, offsets: np.ndarray, out: int, samples: int) -> np.ndarray:
    """:func:`sample` through boxes that may be turned: each sample's four neighbours gathered."""
    count, side = images.shape[0], images.shape[1]
    u, v = np.meshgrid(offsets, offsets)  # u: across, v: down
    cx, cy, width, height, degrees, mirrored = (boxes[..., k, None, None] for k in range(6))
    x = np.where(mirrored > 0, -u, u) * width
    y = v * height
    angle = np.deg2rad(degrees)
    xs = (cx + x * np.cos(angle) - y * np.sin(angle)) * side - 0.5
    ys = (cy + x * np.sin(angle) + y * np.cos(angle)) * side - 0.5
    xs, ys = np.clip(xs, 0, side - 1.001), np.clip(ys, 0, side - 1.001)
    x0, y0 = np.floor(xs).astype(np.int64), np.floor(ys).astype(np.int64)
    fx, fy = (xs - x0).astype(np.float32), (ys - y0).astype(np.float32)
    flat = images.reshape(-1)
    at = np.arange(count).reshape(count, 1, 1, 1) * side * side + y0 * side + x0
    top = flat[at] * (1 - fx) + flat[at + 1] * fx
    bottom = flat[at + side] * (1 - fx) + flat[at + side + 1] * fx
    values = top * (1 - fy) + bottom * fy
    shape = (count, boxes.shape[1], out, samples, out, samples)
    return np.asarray(values.reshape(shape).mean(axis=(3, 5)).reshape(count, boxes.shape[1], out * out))


def refine(viewed: np.ndarray, whole: np.ndarray, boxes: np.ndarray, aspect: np.ndarray) -> np.ndarray:
    """Better boxes (K × 6) through which K square thumbnails ``viewed`` (K × S × S) line up with ``whole`` (K × S × S,
    seen whole): a compass search from ``boxes`` (crops: no turn, not mirrored) over the box's centre and size, its
    shape fixed by ``aspect`` (the log of the box's width over its height: what the pictures' shapes say a crop of
    one is to fit the other), by the correlation of 16×16 views (one sample a pixel: close enough to steer). A pair
    that lines up under :data:`PROMISING` after the first step is left there (in a catalogue of look-alike products,
    19 in 20 such pairs; 3 in 100 of the crops that then lined up as copies)."""
    found = boxes.copy()
    for start in range(0, len(boxes), REFINE_BLOCK):
        block = slice(start, start + REFINE_BLOCK)
        found[block] = _search(viewed[block], whole[block], boxes[block], aspect[block])
    return found


def _search(viewed: np.ndarray, whole: np.ndarray, boxes: np.ndarray, aspect: np.ndarray) -> np.ndarray:
    """:func:`refine` for one block of pairs."""
    ratio = np.exp(aspect / 2)  # width = size · ratio, height = size / ratio
    largest = np.minimum(ratio, 1 / ratio)  # the size at which the box fills the picture's width or height
    target = normalised(sample(whole, whole_boxes(len(whole)), samples=1))[:, 0]
    state = np.stack([boxes[:, 0], boxes[:, 1], np.minimum(np.sqrt(boxes[:, 2] * boxes[:, 3]), largest)], axis=1)
    live = np.arange(len(boxes))  # the pairs still searched

    def boxed(candidates: np.ndarray, rows: np.ndarray) -> np.ndarray:  # K × R × (centre x, centre y, size) → × 6
        size = np.minimum(candidates[..., 2], largest[rows, None])
        width, height = size * ratio[rows, None], size / ratio[rows, None]
        cx = np.clip(candidates[..., 0], width / 2, 1 - width / 2)
        cy = np.clip(candidates[..., 1], height / 2, 1 - height / 2)
        zero = np.zeros_like(cx)
        return np.stack([cx, cy, width, height, zero, zero], axis=-1)

    def score(candidates: np.ndarray, rows: np.ndarray) -> np.ndarray:
        views = normalised(sample(viewed[rows], boxed(candidates, rows), samples=1))
        return np.asarray(np.einsum("krp,kp->kr", views, target[rows]))

    best = score(state[:, None], live)[:, 0]
    for number, step in enumerate(STEPS):
        if number == 1:
            live = live[best[live] >= PROMISING]
        for _ in range(MOVES_PER_STEP):
            moves = np.repeat(state[live, None], 6, axis=1)
            for move, (dimension, sign) in enumerate((d, s) for d in range(3) for s in (-1, 1)):
                if dimension == 2:
                    moves[:, move, 2] *= 1 + 2 * sign * step
                else:
                    moves[:, move, dimension] += sign * step
            scores = score(moves, live)
            chosen = scores.argmax(axis=1)
            top = scores[np.arange(len(live)), chosen]
            better = top > best[live]
            state[live[better]] = moves[better, chosen[better]]
            best[live] = np.maximum(best[live], top)
    return np.asarray(boxed(state[:, None], np.arange(len(boxes)))[:, 0])


def sides(pairs: np.ndarray, turned: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which picture of each pair :func:`opensight._copies.check` looked at through a view, and which one it compared
    whole."""
    return np.where(turned, pairs[:, 1], pairs[:, 0]), np.where(turned, pairs[:, 0], pairs[:, 1])


def whole_boxes(count: int) -> np.ndarray:
    """K × 1 × 6 boxes of the whole picture."""
    return np.tile(view_box_array()[0], (count, 1, 1))


def normalised(values: np.ndarray) -> np.ndarray:
    """Rows of zero mean and unit length."""
    centred = values - values.mean(axis=-1, keepdims=True)
    return np.asarray(centred / np.maximum(np.linalg.norm(centred, axis=-1, keepdims=True), 1e-3))


__all__ = [
    "MOVES_PER_STEP",
    "PROMISING",
    "REFINE_BLOCK",
    "SAMPLE_BLOCK",
    "STEPS",
    "normalised",
    "refine",
    "sample",
    "sides",
    "view_box_array",
    "whole_boxes",
]
