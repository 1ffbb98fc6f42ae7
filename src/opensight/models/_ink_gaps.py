"""Where the ink of two words really ends and starts: the blank columns between them, in the picture.

The recogniser places each word from the moments its characters were read, to a few pixels (a word's end came out
10 px past its ink on a line 35 px high); two columns a narrow gutter apart (under one em) then leave no room
between the pieces a line is cut into, and the reading order sees no gutter. Where a line is cut at a gutter, the
cut follows the blank columns between the two words instead.
"""

from __future__ import annotations

import numpy as np

#: The blank columns are looked for within this many text heights either side of the gap the word boxes say …
REACH = 0.6
#: … and count when at least this many text heights wide (the space inside a word is less); of those, the one the
#: word boxes' gap lies on most.
LEAST = 0.1


def ink_gap(gray: np.ndarray, polygon: np.ndarray, gaps: list[tuple[float, float]]) -> list[tuple[float, float] | None]:
    """For each gap between two words of the line ``polygon`` (its 4 corners in ``gray``, a 2-D picture) — from
    ``before`` to ``after``, distances along the line from its first corner — the blank run of columns it lies on
    most, as (start, end) along the line; None where no blank run is found (a busy background, words touching). The
    line is looked at once, whatever the number of gaps.

    >>> gray = np.full((40, 200), 255, np.uint8)
    >>> gray[12:28, 10:80] = 0; gray[12:28, 100:190] = 0  # two words, blank from 80 to 100
    >>> line = np.array([[0, 0], [200, 0], [200, 40], [0, 40]], dtype=float)
    >>> ink_gap(gray, line, [(86.0, 104.0)])  # the word boxes were rough by 6 and 4 pixels
    [(80.0, 100.0)]
    """
    import cv2

    corners = np.asarray(polygon, dtype=np.float32).reshape(4, 2)
    length = float(np.hypot(*(corners[1] - corners[0])))
    height = float(np.hypot(*(corners[3] - corners[0])))
    if length < 2 or height < 2:
        return [None] * len(gaps)
    size = (round(length), round(height))
    target = np.array([[0, 0], [size[0], 0], [size[0], size[1]], [0, size[1]]], dtype=np.float32)
    # affine from three corners: a perspective fit to four rounded corners bends a long line by several pixels
    turn = cv2.getAffineTransform(corners[[0, 1, 3]], target[[0, 1, 3]])
    line = cv2.warpAffine(gray, turn, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    text = height / 2  # the detector's box is about twice the text's height, the text in its middle
    core = ink_mask(line)[round(height / 4) : round(3 * height / 4)]
    blank = runs(core.sum(axis=0) == 0)
    return [_nearest(blank, text, before, after) for before, after in gaps]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Which pixels of ``gray`` (a 2-D picture of text) are ink: Otsu's threshold splits dark from light, and the ink
    is what there is less of — dark text on a light ground, or light text on a dark one.

    >>> gray = np.full((4, 6), 250, np.uint8); gray[1:3, 1:3] = 20
    >>> int(ink_mask(gray).sum()), int(ink_mask(255 - gray).sum())
    (4, 4)
    """
    import cv2

    _, dark = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = dark.astype(bool)
    return ~ink if ink.mean() > 0.5 else ink


def runs(mask: np.ndarray) -> np.ndarray:
    """The runs of True in the 1-D ``mask``, as rows of (start, end), the end excluded.

    >>> runs(np.array([True, True, False, True])).tolist()
    [[0, 2], [3, 4]]
    """
    edges = np.diff(np.r_[False, np.asarray(mask, dtype=bool), False].astype(np.int8))
    return np.flatnonzero(edges).reshape(-1, 2)


def _nearest(runs: np.ndarray, text: float, before: float, after: float) -> tuple[float, float] | None:
    reach = REACH * text
    overlap = np.minimum(runs[:, 1], after + reach) - np.maximum(runs[:, 0], before - reach)
    near = (overlap > 0) & (runs[:, 1] - runs[:, 0] >= LEAST * text)
    if not near.any():
        return None
    # the run the word boxes' gap lies on most; a run wholly inside the word boxes' gap, the widest
    inside = np.minimum(runs[:, 1], after) - np.maximum(runs[:, 0], before)
    best = runs[np.flatnonzero(near)[np.argmax((inside + 1e-3 * (runs[:, 1] - runs[:, 0]))[near])]]
    return float(best[0]), float(best[1])


__all__ = ["ink_gap", "ink_mask", "runs"]
