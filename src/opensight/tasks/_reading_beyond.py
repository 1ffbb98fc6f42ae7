"""What stands over and under two columns and belongs to neither (for :mod:`._reading_order`): a newspaper's
dateline over its headline, a running header, a masthead over a sidebar, headings over each column (which stay
with them); footnotes and a footer under the columns, a table of figures under both, and the main text's next
paragraph beside margin notes (which stays in its column).
"""

from __future__ import annotations

import re

import numpy as np

from opensight.tasks._reading_cards import widest_space
from opensight.tasks._reading_tables import ALIGN_SPREAD, JOIN_GAP, TABLE_NARROW, TABLE_WORDS, table_under

__all__ = [
    "HEADLINE_SIZE",
    "column_heads",
    "over_columns",
    "under_columns",
]

#: At most this many lines above a headline across a gutter (a dateline and a price) are read before it, not as the
#: first lines of the columns under it; and as many under the page's lowest empty row (footnotes), after the columns…
OVER_HEADLINE = 4
#: … where both columns end within this many line heights above that row; or as many as this whose first starts
#: with a footnote's mark (``FOOTNOTE``: footnotes under one column, the other ending higher), or a row on both sides
#: of the gutter (a footer: a DOI on the left, the copyright flush right).
FOOT_REACH = 3.0
#: A column's heading starts within this many line heights of where its lines start (a kanban board's column heading
#: over its cards, their text set in by the cards' padding).
HEADING_INDENT = 1.0
FOOT_LINES = 8
#: A row of lines this many times as tall as the page's lines, over the columns, is a headline (:func:`_headline_row`).
HEADLINE_SIZE = 1.3
FOOTNOTE = re.compile(r"(\d{1,2}|[*†‡§])\s")


def over_columns(
    left: np.ndarray,
    right: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    empty: np.ndarray,
) -> np.ndarray:
    """The few lines (:data:`OVER_HEADLINE` at most) over the columns: above a headline across the gap (a newspaper's
    dateline and price, left and right over its headline, which then ran through the columns' band; the headline is
    the lowest line across the gap whose bottom is above the middle of both sides' text; any number of them where
    each is short beside its column's lines: a paper's author blocks over its abstract); a row over an empty row on
    both sides of the gap (a dateline under a masthead, a running header, a site's name and its links however many:
    one row; not headings over each column, :func:`_headings`); lines of one side above the other side's first line,
    an empty row under them and not starting where their column's lines start (a newsletter's masthead, centred over
    the page but right of a narrow column that starts under it); a running head set close above the columns
    (:func:`_running_head`); under those, a headline the line finder cut in two over the gutter
    (:func:`_headline_row`)."""
    x1, x2, y1, y2 = boxes
    crossing = ~(left | right)
    middle = (max(y1[left].min(), y1[right].min()) + min(y2[left].max(), y2[right].max())) / 2
    over = np.zeros_like(left)
    # a headline runs past the gap's middle: not a column's line ending a few pixels past a narrower gap's edge (a
    # twenty-seventh draw's paper: the right column's two lines over its figure were read over both columns)
    gap = (float(x2[left].max()) + float(x1[right].min())) / 2
    heads = crossing & (y2 < middle) & (x2 > gap) & (x1 < gap)
    if heads.any():
        # over the headline's bottom or beside it — not a column's first line whose top a photo's tilt and perspective
        # left a few pixels into a tall headline's box, its centre under the headline (a photographed page: the
        # right column's first line was read before the left column)
        bottom = float(y2[heads].max())
        above = (left | right) & (y1 < bottom - unit / 4) & ((y1 + y2) / 2 < bottom)
        above &= ~column_heads(above, (left, right), (x1, y1, y2), unit)
        widths = x2 - x1
        # a few lines, or short ones of any number (a paper's authors and affiliations, side by side over its
        # abstract): no column's text, which runs as wide as the column's lines under the headline
        short = bool(above.any()) and all(
            float(widths[above & side].max(initial=0.0)) < TABLE_NARROW * float(np.median(widths[side & ~above]))
            for side in (left, right)
            if (side & ~above).any()
        )
        over |= above if above.sum() <= OVER_HEADLINE or short else False
    higher = -np.inf
    for head in empty[::-1]:  # highest first, down to the lowest with a row over it
        above = (left | right) & (y1 < head)
        one_row = bool(above.any()) and float(np.ptp((y1 + y2)[above] / 2)) < unit / 2  # a site's name and its links
        if above.sum() > OVER_HEADLINE and not one_row:
            break
        band = above & (y1 >= higher)  # the headings just over the row, not a title over them
        heading = _headings(band & left, band & right, left & ~above, right & ~above, x1, x2, unit)
        if (above & left).any() and (above & right).any() and not heading:
            over |= above
        higher = head
    for side, other in ((left, right), (right, left)):  # a masthead over a sidebar and the articles beside it
        high = side & (y2 < y1[other].min())
        rest = side & ~high
        if not high.any() or high.sum() > OVER_HEADLINE or not rest.any():
            continue
        apart = bool(((empty > y2[high].max() - unit / 4) & (empty <= y1[rest].min() + unit / 4)).any())
        if apart and not _starts_column(high, rest, x1, unit):  # not the column's own first line
            over |= high
    over |= _running_head(left, right, boxes, unit)
    return np.asarray(over | _headline_row(left & ~over, right & ~over, boxes, unit))  # under a dateline, say


def under_columns(
    left: np.ndarray,
    right: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    empty: np.ndarray,
    texts: list[str],
    over: np.ndarray,
) -> np.ndarray:
    """The lines under the lowest empty rows, up to :data:`FOOT_LINES`: where both columns end just above the row
    (:data:`FOOT_REACH`; footnotes, short ones on one side only: :data:`OVER_HEADLINE` at most), where the first of
    them starts with a footnote's mark (footnotes under one column, the other ending higher), where they make a
    row on both sides of the gap that starts no column (a footer: a DOI on the left, the copyright flush right),
    where they stand off two balanced columns further than any of the columns' lines do (:func:`_stands_off`;
    ``over``: the lines over the columns, not counted), or where every column ended more than :data:`FOOT_REACH`
    line heights above them or they are centred on the page, reaching out of the columns above them (a page's
    footer); and any number of them that make a table across the gap (:func:`~._reading_tables.table_under`)."""
    x1, x2, y1, y2 = boxes
    under_all = np.zeros_like(left)
    for foot in empty:  # lowest first, up to the highest that qualifies
        under = (left | right) & (y1 >= foot)
        if not under.any():
            continue
        if table_under(under, left, right, boxes, unit, texts):
            under_all |= under
            continue
        if under.sum() > FOOT_LINES:
            break
        ends = [float(y2[side & (y1 < foot)].max(initial=-np.inf)) for side in (left, right)]
        near = under.sum() <= OVER_HEADLINE and min(ends) > foot - FOOT_REACH * unit
        near = (
            near
            and not _paragraph_on(under, boxes, left, right)
            and not _spaced_as_above(under, boxes, left, right, unit, texts)
        )
        near = near or _stands_off(under, boxes, (left & ~over, right & ~over), unit, foot)
        # a page's footer: a few lines far under where every column ended (a poster's contact line at its foot)
        far = under.sum() <= OVER_HEADLINE and foot - max(ends) > FOOT_REACH * unit
        far = far or _centred_under(under, left, right, boxes, unit)
        below = y1 >= foot - unit / 4  # every line under the row, those across the gap too
        first = int(np.flatnonzero(below)[np.argmin(y1[below])])
        # footnotes, a note: the first starts with a footnote's mark, or runs across the gap (its short last line,
        # on one side, is no column's)
        notes = FOOTNOTE.match(texts[first]) is not None or not (left | right)[first]
        row = under.sum() <= OVER_HEADLINE and (under & left).any() and (under & right).any()
        # in one row, or short: not two columns' last lines, under a figure as wide as the page
        row = row and (float(np.ptp((y1 + y2)[under])) < 2 * unit or _short(under, texts))
        row = row and not _headings(under & left, under & right, left & ~under, right & ~under, x1, x2, unit)
        if near or notes or row or far:
            under_all |= under
    return under_all


def _short(lines: np.ndarray, texts: list[str]) -> bool:
    """True when the ``lines`` hold at most :data:`~._reading_tables.TABLE_WORDS` words each at the median."""
    return float(np.median([len(texts[i].split()) for i in np.flatnonzero(lines)])) <= TABLE_WORDS


def _stands_off(
    under: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    sides: tuple[np.ndarray, np.ndarray],
    unit: float,
    foot: float,
) -> bool:
    """True when the few lines ``under`` an empty row (:data:`OVER_HEADLINE` at most; ``foot``: the top of the lines
    under it) stand further below the column that ends just above them (within :data:`FOOT_REACH` line heights) than
    any two lines of either column (``sides``: their lines, not those over them) stand apart, by more than a quarter
    of a line height, and the other column ends within as many line heights of that one: a correction under the
    longer of two balanced columns, the other ending two lines higher (it was read as that column's last line). A
    column's next paragraph stands off as far as its others do, and a longer column going on under a new section's
    space, the other ending far above, is no footnote.

    >>> boxes = tuple(np.array(v, dtype=float) for v in zip(*(
    ...     [(0, 90, 20 * k, 20 * k + 18) for k in range(1, 9)] + [(110, 200, 20 * k, 20 * k + 18) for k in range(1, 7)]
    ...     + [(0, 70, 200, 218)])))
    >>> left, right = boxes[0] < 100, boxes[0] > 100
    >>> _stands_off(boxes[2] >= 200, boxes, (left, right), 18.0, 200.0)  # 22 px under the left column
    True
    >>> _stands_off(boxes[2] >= 200, boxes, (left, right & (boxes[2] < 60)), 18.0, 200.0)  # the right one far above
    False
    """
    _, _, y1, y2 = boxes
    if not under.any() or under.sum() > OVER_HEADLINE:
        return False
    columns = [side & ~under & (y1 < foot) for side in sides]
    if any(column.sum() < 2 for column in columns):
        return False
    ends = [float(y2[column].max()) for column in columns]
    widest = max(widest_space(y1[column], y2[column]) for column in columns)
    balanced = max(ends) - min(ends) <= FOOT_REACH * unit  # a longer column going on is no footnote
    return balanced and max(ends) > foot - FOOT_REACH * unit and foot - max(ends) > widest + unit / 4


def _centred_under(
    under: np.ndarray, left: np.ndarray, right: np.ndarray, boxes: tuple[np.ndarray, ...], unit: float
) -> bool:
    """True when the lines ``under`` an empty row (:data:`OVER_HEADLINE` at most) are centred on the page, within a
    line height, with columns above them on both sides, and reach out of the column right above them: a flyer's
    footer centred under three boxes, the middle one the tallest (it was read as that box's last lines)."""
    x1, x2, y1, _ = boxes
    if not under.any() or under.sum() > OVER_HEADLINE:
        return False
    sides = left | right
    middle = (x1[sides].min() + x2[sides].max()) / 2
    start, end = float(x1[under].min()), float(x2[under].max())
    if (np.abs((x1[under] + x2[under]) / 2 - middle) >= unit).any():
        return False
    above = sides & ~under & (y1 < y1[under].min())
    flanks = above & ((x2 < start) | (x1 > end))
    if not (above & (x2 < start)).any() or not (above & (x1 > end)).any():
        return False
    over = above & ~flanks & (y1 >= y1[flanks].min())  # the column right above, beside the flanking ones
    return bool(over.any() and (start < x1[over].min() or end > x2[over].max()))


def _paragraph_on(
    under: np.ndarray, boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], left: np.ndarray, right: np.ndarray
) -> bool:
    """True when the lines ``under`` an empty row are all on one side, beside a column of narrow lines
    (:data:`~._reading_tables.TABLE_NARROW` of this side's width or less) that ended just above it: the main text's
    next paragraph beside its margin notes, not footnotes under two columns."""
    x1, x2, _, _ = boxes
    widths = x2 - x1
    for side, other in ((left, right), (right, left)):
        if (under & other).any() or not (side & ~under).any() or not other.any():
            continue
        return float(np.median(widths[other])) < TABLE_NARROW * float(np.median(widths[side & ~under]))
    return False


def _spaced_as_above(
    under: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    unit: float,
    texts: list[str],
) -> bool:
    """True when the lines ``under`` an empty row are all on one side, of short lines (at most
    :data:`~._reading_tables.TABLE_WORDS` words, the median), the space over them no wider than the widest between the
    lines above them in their column (give or take a quarter of a line height): the column goes on at its own spacing
    (a week calendar's longest day, its last event under the other days' ends; a board's longest column of cards).
    Under a column of prose, footnotes stand off as far as its paragraphs do."""
    x1, x2, y1, y2 = boxes
    for side, other in ((left, right), (right, left)):
        # the lines above them in their own column (a side may hold several: a board's columns of cards)
        above = side & ~under & (x1 < x2[under].max()) & (x2 > x1[under].min())
        if (under & other).any() or above.sum() < 2:
            continue
        if not _short(above, texts):
            return False
        space = float(y1[under].min() - y2[above].max())
        return space <= widest_space(y1[above], y2[above]) + unit / 4
    return False


def _running_head(
    left: np.ndarray, right: np.ndarray, boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], unit: float
) -> np.ndarray:
    """The top row of both sides when it is a running head without an empty row under it: its right part short
    and flush with the right column's right edge, not where that column's lines start (a page number, a price)."""
    x1, x2, y1, y2 = boxes
    first = _top_row(left | right, y1, y2, unit)
    head, rest = first & right, right & ~first
    if not ((first & left).any() and head.any() and rest.any()) or first.sum() > OVER_HEADLINE:
        return np.zeros_like(left)
    flush = abs(float(x2[head].max()) - float(x2[rest].max())) <= ALIGN_SPREAD * unit
    short = float(x2[head].max() - x1[head].min()) < TABLE_NARROW * float(np.median(x2[rest] - x1[rest]))
    return first if flush and short and not _starts_column(head, rest, x1, unit) else np.zeros_like(left)


def _headline_row(
    left: np.ndarray, right: np.ndarray, boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], unit: float
) -> np.ndarray:
    """The top row of both sides (under what is already over the columns) where every line of it is more than
    :data:`HEADLINE_SIZE` times as tall as the page's lines and it is no pair of headings over the columns
    (:func:`_headings`): a headline over the columns that the line finder cut in two at a word space over their
    gutter (its second half was read as the right column's first line).

    >>> x1, x2 = np.array([0.0, 210, 0, 210, 0, 210]), np.array([200.0, 400, 190, 400, 190, 400])
    >>> y1, y2 = np.array([0.0, 0, 40, 40, 60, 60]), np.array([36.0, 36, 60, 60, 80, 80])
    >>> left = np.array([True, False, True, False, True, False])
    >>> _headline_row(left, ~left, (x1, x2, y1, y2), 20.0).tolist()
    [True, True, False, False, False, False]
    """
    x1, x2, y1, y2 = boxes
    if not (left | right).any():
        return np.zeros_like(left)
    first = _top_row(left | right, y1, y2, unit)
    if not ((first & left).any() and (first & right).any()) or first.sum() > OVER_HEADLINE:
        return np.zeros_like(left)
    tall = bool(((y2 - y1)[first] > HEADLINE_SIZE * unit).all())
    heading = _headings(first & left, first & right, left & ~first, right & ~first, x1, x2, unit)
    return first if tall and not heading else np.zeros_like(left)


def _top_row(sides: np.ndarray, y1: np.ndarray, y2: np.ndarray, unit: float) -> np.ndarray:
    """The lines of ``sides`` level with the highest of them (centres within half a line height)."""
    centre = (y1 + y2) / 2
    return np.asarray(sides & (centre - centre[sides].min() < unit / 2))


def _headings(
    over_left: np.ndarray,
    over_right: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    x1: np.ndarray,
    x2: np.ndarray,
    unit: float,
) -> bool:
    """True when the lines over an empty row are headings over the columns under it ('Before' | 'After' on a slide):
    the right part starts where the right column's lines start, and the left part ends well short of the gap (a line
    across the page cut at the gutter ends at it; a running header's page number stands flush right)."""
    if not (right.any() and left.any() and over_left.any() and over_right.any()):
        return False
    short = float(x2[over_left].max()) < float(x2[left].max()) - JOIN_GAP * unit
    return short and _starts_column(over_right, right, x1, unit, HEADING_INDENT)


def column_heads(
    above: np.ndarray,
    sides: tuple[np.ndarray, np.ndarray],
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray],
    unit: float,
) -> np.ndarray:
    """The lines of ``above`` (beside a headline) that start a column running on under them: a line of their side
    (``sides``: the lines left and right of the gutter) starts under each within half a line height of its bottom,
    at its left edge, and is no line beside the headline or is such a head itself — a newsletter's third column, its
    heading and first line level with the headline over the first two (photographed: read before the first column),
    not a dateline or a price over the headline, with the headline between them and the columns.

    >>> x1, y1 = np.array([0.0, 200, 200, 200, 0]), np.array([0.0, 2, 22, 42, 60])
    >>> above = np.array([False, True, True, False, False])
    >>> column_heads(above, (x1 < 100, x1 > 100), (x1, y1, y1 + 18), 20.0).nonzero()[0].tolist()
    [1, 2]
    """
    x1, y1, y2 = boxes
    left, right = sides
    heads = np.zeros_like(above)
    for index in sorted(np.flatnonzero(above), key=lambda line: -y1[line]):  # the lowest first
        side = left if left[index] else right
        under = side & (y1 > y1[index] + unit / 4) & (y1 <= y2[index] + unit / 2) & (abs(x1 - x1[index]) < unit)
        heads[index] = bool((under & (~above | heads)).any())
    return heads


def _starts_column(
    lines: np.ndarray, column: np.ndarray, x1: np.ndarray, unit: float, spread: float = ALIGN_SPREAD
) -> bool:
    """True when one of ``lines`` starts where the ``column``'s lines do (within ``spread`` line heights of their
    median start): its heading or its own first line, not a page number, a price or a masthead."""
    return bool((np.abs(x1[lines] - np.median(x1[column])) <= spread * unit).any())
