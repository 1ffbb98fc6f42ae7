"""The views through which :mod:`opensight._copies` lines two prints up: boxes (crops of several sizes and places,
one side cut off, the middle of the long side, small rotations, quarter turns, the mirror image) in fractions of a
picture, and the linear map that resamples a print's thumbnail through each box (for every view of every picture at
once; :func:`opensight._copy_align.sample` resamples through any one box, the same way).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from opensight._copy_prints import PRINT_SIDE

#: Side of the views compared by the geometric check.
VIEW_SIDE = 16
#: Cells per side of the grid whose colours are compared (each the mean of 2×2 cells of the print's grid).
COLOUR_CELLS = 4
#: The share of the long side kept by views of its middle: a 4:3, 3:2 or 16:9 photo cropped to a square keeps 0.75,
#: 0.67 or 0.56 of it (a probe on 43 photos: square crops found 15 of 43 with the 0.8 view alone, 39 without 0.54).
SQUARED = (0.75, 0.67, 0.6, 0.54)
#: A picture turned a quarter either way (a phone photo saved sideways): the shape is turned too.
QUARTER_TURNS = (90.0, -90.0)


def view_boxes() -> list[tuple[float, float, float, float, float, bool]]:
    """(centre x, centre y, width, height, degrees, mirrored) of each view, in fractions of the picture."""
    boxes: list[tuple[float, float, float, float, float, bool]] = [(0.5, 0.5, 1.0, 1.0, 0.0, False)]
    boxes.append((0.5, 0.5, 1.0, 1.0, 0.0, True))
    for scale in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6):  # steps of 0.05 down to 0.75: a crop lines up within 2.5%
        margin = (1.0 - scale) / 2
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                boxes.append((0.5 + dx * margin, 0.5 + dy * margin, scale, scale, 0.0, False))
    for scale_x, scale_y in ((1.0, 0.8), (0.8, 1.0), (1.0, 0.9), (0.9, 1.0)):
        boxes.append((0.5, 0.5, scale_x, scale_y, 0.0, False))
    for cut in (0.1, 0.15, 0.2, 0.25):  # one side cut off (trial: 14-19% from the left or the top were missed)
        for side in (-1, 1):
            boxes.append((0.5 + side * cut / 2, 0.5, 1.0 - cut, 1.0, 0.0, False))
            boxes.append((0.5, 0.5 + side * cut / 2, 1.0, 1.0 - cut, 0.0, False))
    for degrees in (-10.0, -6.0, -3.0, 3.0, 6.0, 10.0):
        for scale in (0.95, 0.85):
            boxes.append((0.5, 0.5, scale, scale, degrees, False))
    for keep in SQUARED:  # the middle of the long side kept: a photo cropped to a square, or to another shape
        boxes.extend([(0.5, 0.5, keep, 1.0, 0.0, False), (0.5, 0.5, 1.0, keep, 0.0, False)])
    boxes.extend((0.5, 0.5, 1.0, 1.0, degrees, False) for degrees in QUARTER_TURNS)
    return boxes


@lru_cache(maxsize=1)
def view_shapes() -> np.ndarray:
    """How each view changes the shape: the log of its box's width over its height (0: the shape is kept); for a
    quarter turn (:func:`view_turns`), the change once the turned shape is taken."""
    return np.array([np.log(width / height) for _, _, width, height, _, _ in view_boxes()], dtype=np.float32)


@lru_cache(maxsize=1)
def view_turns() -> np.ndarray:
    """Whether each view turns the picture a quarter: its shape (the log of width over height) changes sign."""
    return np.array([degrees in QUARTER_TURNS for *_, degrees, _ in view_boxes()])


def view_matrix() -> np.ndarray:
    """(V·256) × 1024 linear map from a print's thumbnail to its views (bilinear, 3×3 supersampled)."""
    return _resampling(PRINT_SIDE, VIEW_SIDE, samples=3).reshape(-1, PRINT_SIDE * PRINT_SIDE)


@lru_cache(maxsize=1)
def _resampling(side: int, out: int, *, samples: int) -> np.ndarray:
    """V × out² × side² linear maps from a ``side``×``side`` grid to the ``out``×``out`` grid of each view's box
    (bilinear between the grid's centres, ``samples``² samples averaged per output cell)."""
    boxes = view_boxes()
    matrix = np.zeros((len(boxes), out * out, side * side), dtype=np.float32)
    sub = (np.arange(samples) + 0.5) / samples
    grid = (np.arange(out)[:, None] + sub[None, :]).reshape(-1) / out - 0.5  # samples·out offsets in [-0.5, 0.5)
    u, v = np.meshgrid(grid, grid)  # u: across, v: down
    rows = np.arange(samples * out) // samples
    cells = rows[:, None] * out + rows[None, :]
    for number, (cx, cy, width, height, degrees, mirrored) in enumerate(boxes):
        x, y = u * width, v * height
        if mirrored:
            x = -x
        angle = np.deg2rad(degrees)
        xs = (cx + x * np.cos(angle) - y * np.sin(angle)) * side - 0.5
        ys = (cy + x * np.sin(angle) + y * np.cos(angle)) * side - 0.5
        xs, ys = np.clip(xs, 0, side - 1.001), np.clip(ys, 0, side - 1.001)
        x0, y0 = np.floor(xs).astype(np.int64), np.floor(ys).astype(np.int64)
        fx, fy = xs - x0, ys - y0
        for ox, oy, weight in (
            (0, 0, (1 - fx) * (1 - fy)),
            (1, 0, fx * (1 - fy)),
            (0, 1, (1 - fx) * fy),
            (1, 1, fx * fy),
        ):
            np.add.at(
                matrix[number],
                (cells.reshape(-1), ((y0 + oy) * side + x0 + ox).reshape(-1)),
                weight.reshape(-1) / samples**2,
            )
    return matrix


__all__ = [
    "COLOUR_CELLS",
    "QUARTER_TURNS",
    "SQUARED",
    "VIEW_SIDE",
    "view_boxes",
    "view_matrix",
    "view_shapes",
    "view_turns",
]
