"""Which lines of text, one after the other in reading order, stand on one row: a label and its value, an item and
its price, a day and its opening hours, the cells of a table's row. The detector finds them as separate boxes (so does
RapidOCR's own output), and a read text that put each on its own line split every row of a receipt in two.

Two lines are on one row when their middles are level — within half the smaller one's height, measured across the text's
direction (a tilted photo's rows are tilted too: the page's angle from its long lines, as the reading order finds it,
where the two lines run that way; a short box such as a price can be off by degrees, and over the width of a receipt a
degree or two is half a line) — and they do not overlap along it (one ends before the other starts, whichever way the
text runs: a page read upside down gives its boxes in the picture's frame). The gap between them, in line heights, tells
a column gap (a receipt's price, a table's next cell: :data:`TAB_GAP` or more) from the wide spaces of a justified line
that the detector found as two boxes.

>>> def box(x1, y1, x2, y2): return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=float)
>>> row_gap(box(0, 0, 80, 20), box(300, 2, 340, 22))  # 'Coffee' ... '3.50': 11 line heights apart
11.0
>>> row_gap(box(0, 0, 80, 20), box(0, 30, 80, 50)) is None  # the next line down
True
>>> joined_text([box(0, 0, 80, 20), box(300, 2, 340, 22), box(0, 30, 80, 50)], ["Coffee", "3.50", "Tea"])
'Coffee\\t3.50\\nTea'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Two middles this many line heights apart across the text (the smaller line's height) are level.
LEVEL = 0.5
#: Lines on one row at least this many line heights apart are in two columns (joined by a tab in a read text, not a
#: space): the reader cuts a detector line at a gap of 2 (``models/ocr.py``'s ``WORD_GAP``), and a justified line's
#: widest spaces are under that. A line's height is its box's, which reaches a little above and below the letters:
#: 1.4-1.7 times the font size, so two heights are about three font sizes.
TAB_GAP = 2.0
#: The page's direction is used for two lines running within this many degrees of it (else their own: sideways text).
PAGE_SLACK = 10.0
#: Two lines on one row may overlap along it by this many line heights (the detector's boxes run a little past their
#: words); more, and one lies above or below the other.
OVERLAP = 0.3


def joined_text(polygons: Sequence[np.ndarray], texts: Sequence[str]) -> str:
    """The texts of lines in reading order, a row per line: lines on one row joined by a tab where they are
    :data:`TAB_GAP` line heights apart or more, by a space where closer; rows by newlines."""
    from opensight.tasks._page_frame import text_angle  # here: the tasks import the results, which import this

    angle = text_angle(list(polygons)) if polygons else 0.0
    page = np.array([math.cos(angle), math.sin(angle)])
    parts = list(texts[:1])
    for before, after, text in zip(polygons, polygons[1:], texts[1:], strict=False):
        gap = row_gap(before, after, page=page)
        parts += ["\n" if gap is None else "\t" if gap >= TAB_GAP else " ", text]
    return "".join(parts)


def row_gap(first: np.ndarray, second: np.ndarray, *, page: np.ndarray | None = None) -> float | None:
    """The gap between two lines' 4-point boxes (clockwise from the top left of the text) in line heights (the
    smaller line's), or None when they do not stand on one row. ``page``: the text's direction (a unit vector) where
    known; it is used where the two lines run within :data:`PAGE_SLACK` degrees of it."""
    first, second = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    along = _direction(first)
    other = _direction(second)
    along = along + (other if float(along @ other) >= 0 else -other)
    length = float(np.hypot(*along))
    if length == 0:
        return None
    along /= length
    if page is not None and abs(float(along @ page)) >= math.cos(math.radians(PAGE_SLACK)):
        along = page
    across = np.array([-along[1], along[0]])
    height = min(_height(first), _height(second))
    if height <= 0 or abs(float((second.mean(axis=0) - first.mean(axis=0)) @ across)) > LEVEL * height:
        return None
    first_span, second_span = first @ along, second @ along
    overlap = min(first_span.max(), second_span.max()) - max(first_span.min(), second_span.min())
    return None if overlap > OVERLAP * height else max(0.0, -float(overlap) / height)


def _direction(polygon: np.ndarray) -> np.ndarray:
    """The way a box's text runs (its top and bottom edges together), not of unit length."""
    return np.asarray((polygon[1] - polygon[0]) + (polygon[2] - polygon[3]), dtype=np.float64)


def _height(polygon: np.ndarray) -> float:
    """A box's height: the mean of its two sides."""
    return float(np.hypot(*(polygon[3] - polygon[0])) + np.hypot(*(polygon[2] - polygon[1]))) / 2


__all__ = ["LEVEL", "OVERLAP", "PAGE_SLACK", "TAB_GAP", "joined_text", "row_gap"]
