"""Rows of a text's lines, in the frame of the text itself (:mod:`._reading_order` decides columns, tables and
cards; this module reads what is left row by row): a line measured in that frame, rows top to bottom, each left to
right, fragments close together in a row grouped as one line, and such a group joined into one :class:`TextLine`
put back in the picture."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from opensight._results_text import TextLine
from opensight.tasks._page_frame import PageFrame
from opensight.tasks._reading_tables import JOIN_GAP

__all__ = ["Placed", "in_rows", "join_row"]


@dataclass(frozen=True)
class Placed:
    """A line measured in the text's frame: x along the rows, y down across them."""

    line: TextLine
    x1: float
    x2: float
    y1: float
    y2: float
    number: bool = False  # the line is a number (a price, a count, a date: :func:`~._reading_tables.is_number`)
    card: tuple[int, int] = (-1, -1)  # (row of cards, card in it) where the line is a card's (:mod:`._reading_cards`)

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    @property
    def centre(self) -> float:
        return (self.y1 + self.y2) / 2


def in_rows(lines: list[Placed], unit: float) -> list[list[Placed]]:
    """Rows top to bottom, each left to right, split where fragments are far apart. A line under another for most of
    its width is the next row however close their centres (a tilted photo's long line, its box made tall by the
    perspective, and the short last line of its paragraph under it: they were read as one line).

    >>> def at(text, x1, x2, y): return Placed(TextLine(text, 1.0, np.zeros((4, 2))), x1, x2, y, y + 10)
    >>> groups = in_rows([at("price", 300, 340, 1), at("item", 0, 40, 0), at("next", 0, 40, 20)], 10.0)
    >>> [[p.line.text for p in group] for group in groups]
    [['item'], ['price'], ['next']]
    """
    found: list[list[Placed]] = []
    for line in sorted(lines, key=lambda p: p.centre):
        if found:
            row = found[-1]
            height = min(line.height, float(np.median([p.height for p in row])))
            level = abs(line.centre - float(np.mean([p.centre for p in row]))) < max(height, unit / 2) / 2
            if level and not any(_stacked(line, other) for other in row):
                row.append(line)
                continue
        found.append([line])
    groups: list[list[Placed]] = []
    for row in found:
        row.sort(key=lambda p: p.x1)
        groups.append([row[0]])
        for line in row[1:]:
            previous = groups[-1][-1]
            if line.x1 - previous.x2 < JOIN_GAP * max(min(line.height, previous.height), unit / 2):
                groups[-1].append(line)
            else:
                groups.append([line])
    return groups


def _stacked(one: Placed, other: Placed) -> bool:
    """True when the two lines overlap along the row for over half the shorter one's width, and it is wider than it
    is tall: one under the other, not two fragments of one line (which overlap by a character or two where the
    detector cut a line), nor a stray box of a character or two over a line (kept in its row, as before)."""
    shorter = min(one.x2 - one.x1, other.x2 - other.x1)
    overlap = min(one.x2, other.x2) - max(one.x1, other.x1)
    return overlap > 0.5 * shorter and shorter > max(one.height, other.height)


def join_row(row: list[Placed], frame: PageFrame) -> TextLine:
    """The fragments the detector found on one line, as one line. Where two fragments overlap, the characters read
    twice in the overlap are dropped from the second ('from 8 t' + 'to 18' → 'from 8 to 18').

    >>> from opensight.tasks._page_frame import page_frame
    >>> frame = page_frame([np.array([[0, 0], [100, 0], [100, 10], [0, 10]])])
    >>> def at(text, x1, x2): return Placed(TextLine(text, 0.9, np.zeros((4, 2))), x1, x2, 0, 10)
    >>> join_row([at("from 8 t", 0, 64), at("to 18", 56, 96)], frame).text
    'from 8 to 18'
    """
    if len(row) == 1:
        return row[0].line
    text = row[0].line.text
    for previous, line in itertools.pairwise(row):
        overlap = previous.x2 - line.x1
        width = (line.x2 - line.x1) / max(1, len(line.line.text))
        repeated = round(overlap / width) if overlap > 0 else 0
        fragment, separator = line.line.text, " "
        # only fragments that overlap can have read a character twice ('talented' + 'droller' is not 'talentedroller')
        for count in range(min(repeated + 1, len(fragment)) if overlap > 0 else 0, 0, -1):
            if text.endswith(fragment[:count]):
                fragment, separator = fragment[count:], ""  # the rest continues the word read twice
                break
        text = f"{text}{separator}{fragment}".rstrip() if fragment.strip() else text
    x1, y1 = min(p.x1 for p in row), min(p.y1 for p in row)
    x2, y2 = max(p.x2 for p in row), max(p.y2 for p in row)
    weights = [max(1, len(p.line.text)) for p in row]
    score = float(np.average([p.line.score for p in row], weights=weights))
    corners = frame.to_picture(np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=np.float64))
    return TextLine(text=text, score=score, polygon=corners.astype(np.float32))
