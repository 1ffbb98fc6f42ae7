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
#: Moves tried at each step (each the best of the six: left, right, up, down, larger, smaller; and, from a turned
#: view, turned either way).
MOVES_PER_STEP = 6
#: The correlation a pair must reach after the first step to be searched further.
PROMISING = 0.9
#: A small turn's angle moves by this many degrees per step of :data:`STEPS` (1°, 0.5°, 0.25°): the views turn by 3°
#: and 6°, so a turn lines up within 1.5° of one of them.
DEGREES_PER_STEP = 50.0
#: The moves tried at each step: (what moves: centre x, centre y, size, degrees; which way).
_MOVES = tuple((dimension, sign) for dimension in range(4) for sign in (-1, 1))
#: Pairs searched at once.
REFINE_BLOCK = 4096
#: Images sampled at once (through a turned box: 2,304 samples of 16×16 × 3×3, each gathered from four pixels).
SAMPLE_BLOCK = 1024


@lru_cache(maxsize=1)
def view_box_array() -> np.ndarray:
    """V × 7 array of the views' boxes: centre x, centre y, width, height (fractions), degrees, mirrored (0/1), and
    the shape a turn keeps (:func:`sample`; 1 for every view: the views turn the square thumbnail)."""
    return np.array([[*box[:5], float(box[5]), 1.0] for box in view_boxes()], dtype=np.float64)


def sample(images: np.ndarray, boxes: np.ndarray, *, out: int = VIEW_SIDE, samples: int = 3) -> np.ndarray:
    """Look at each of K square images (K × S × S) through R boxes each (K × R × 7, as :func:`view_box_array`):
    K × R × out² values, bilinear between the pixels' centres, ``samples``² samples averaged per output cell — the
    same resampling as the views' matrices of :mod:`opensight._copy_views`. A box's last column is the width over the
    height of the picture that its turn keeps: a thumbnail squeezes its picture to a square, and a turn of the square
    is a shear of the picture (6° on a 3:2 photo moves the corners of a 16-pixel view 0.4 of a pixel from a turn).

    >>> images = np.arange(16, dtype=np.float32).reshape(1, 4, 4)
    >>> sample(images, np.array([[[0.5, 0.5, 1.0, 1.0, 0.0, 0.0, 1.0]]]), out=2, samples=2).round(2).tolist()
    [[[2.5, 4.5, 10.5, 12.5]]]
    """
    offsets = (np.arange(out)[:, None] + (np.arange(samples)[None, :] + 0.5) / samples).reshape(-1) / out - 0.5
    values = np.empty((len(images), boxes.shape[1], out * out), dtype=np.float32)
    turned = boxes[..., 4] != 0
    for start in range(0, len(images), SAMPLE_BLOCK):
        block = slice(start, start + SAMPLE_BLOCK)
        if not turned[block].all():  # as if every box were straight; the turned ones are replaced below
            values[block] = _straight_sample(images[block], boxes[block], offsets, out, samples)
        image, box = np.nonzero(turned[block])
        image += start
        for first in range(0, len(image), SAMPLE_BLOCK):  # the turned boxes one at a time
            at = slice(first, first + SAMPLE_BLOCK)
            seen = _turned_sample(images[image[at]], boxes[image[at], box[at]][:, None], offsets, out, samples)
            values[image[at], box[at]] = seen[:, 0]
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
    cx, cy, width, height, degrees, mirrored, ratio = (boxes[..., k, None, None] for k in range(7))
    x = np.where(mirrored > 0, -u, u) * width
    y = v * height
    angle = np.deg2rad(degrees)
    xs = (cx + x * np.cos(angle) - y * np.sin(angle) / ratio) * side - 0.5
    ys = (cy + x * np.sin(angle) * ratio + y * np.cos(angle)) * side - 0.5
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


def refine(
    viewed: np.ndarray, whole: np.ndarray, boxes: np.ndarray, aspect: np.ndarray, shapes: np.ndarray
) -> np.ndarray:
    """Better boxes (K × 7) through which K square thumbnails ``viewed`` (K × S × S) line up with ``whole`` (K × S × S,
    seen whole): a compass search from ``boxes`` (crops and small turns: not mirrored) over the box's centre and size
    and, from a turned view, its angle, its shape fixed by ``aspect`` (the log of the box's width over its height:
    what the pictures' shapes say a crop of one is to fit the other), by the correlation of 16×16 views (one sample a
    pixel: close enough to steer). The boxes found turn the picture itself (``shapes``: the log of each viewed
    picture's width over its height), not its square thumbnail as the views do. A pair
    that lines up under :data:`PROMISING` after the first step is left there (in a catalogue of look-alike products,
    19 in 20 such pairs; 3 in 100 of the crops that then lined up as copies)."""
    found = boxes.copy()
    for start in range(0, len(boxes), REFINE_BLOCK):
        block = slice(start, start + REFINE_BLOCK)
        found[block] = _search(viewed[block], whole[block], boxes[block], aspect[block], np.exp(shapes[block]))
    return found


def _search(
    viewed: np.ndarray, whole: np.ndarray, boxes: np.ndarray, aspect: np.ndarray, stretch: np.ndarray
) -> np.ndarray:
    """:func:`refine` for one block of pairs."""
    ratio = np.exp(aspect / 2)  # width = size · ratio, height = size / ratio
    largest = np.minimum(ratio, 1 / ratio)  # the size at which the box fills the picture's width or height
    target = normalised(sample(whole, whole_boxes(len(whole)), samples=1))[:, 0]
    size = np.minimum(np.sqrt(boxes[:, 2] * boxes[:, 3]), largest)
    state = np.stack([boxes[:, 0], boxes[:, 1], size, boxes[:, 4]], axis=1)
    live = np.arange(len(boxes))  # the pairs still searched
    turning = boxes[:, 4] != 0  # a turned view's angle is searched too (a crop's stays straight)

    def boxed(candidates: np.ndarray, rows: np.ndarray) -> np.ndarray:  # K × R × (x, y, size, degrees) → × 7
        size = np.minimum(candidates[..., 2], largest[rows, None])
        width, height = size * ratio[rows, None], size / ratio[rows, None]
        cx = np.clip(candidates[..., 0], width / 2, 1 - width / 2)
        cy = np.clip(candidates[..., 1], height / 2, 1 - height / 2)
        zero, kept = np.zeros_like(cx), np.broadcast_to(stretch[rows, None], cx.shape)
        return np.stack([cx, cy, width, height, candidates[..., 3], zero, kept], axis=-1)

    def score(candidates: np.ndarray, rows: np.ndarray) -> np.ndarray:
        views = normalised(sample(viewed[rows], boxed(candidates, rows), samples=1))
        return np.asarray(np.einsum("krp,kp->kr", views, target[rows]))

    best = score(state[:, None], live)[:, 0]
    for number, step in enumerate(STEPS):
        if number == 1:
            live = live[best[live] >= PROMISING]
        for _ in range(MOVES_PER_STEP):
            moving = _MOVES if turning[live].any() else _MOVES[:6]
            moves = np.repeat(state[live, None], len(moving), axis=1)
            for move, (dimension, sign) in enumerate(moving):
                if dimension == 2:
                    moves[:, move, 2] *= 1 + 2 * sign * step
                elif dimension == 3:
                    moves[:, move, 3] += np.where(turning[live], sign * step * DEGREES_PER_STEP, 0)
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
    """K × 1 × 7 boxes of the whole picture."""
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
