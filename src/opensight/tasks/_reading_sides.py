"""Whether the two sides of a gap are two columns (for :mod:`._reading_order`'s gutters): not where they are a chat's
bubbles by turns, headings in a margin, a paragraph's rows cut into words under its first line or over its next;
a short block of a forum post's author beside the post is one, and so is a figure's caption alone at the foot of its
column.
"""

from __future__ import annotations

import numpy as np

from opensight.tasks._reading_beyond import HEADLINE_SIZE
from opensight.tasks._reading_tables import TABLE_NARROW, TABLE_WORDS, row_extents

__all__ = [
    "EMPTY_GAP",
    "EMPTY_SHARE",
    "FIGURE_APART",
    "SIDE_BY_SIDE",
    "TURN_OVERLAP",
    "band_sides",
    "beside_prose",
    "bubbles",
    "by_turns",
    "paragraph_over",
    "paragraph_under",
    "under_figure",
]

#: A column has text down most of the gutter's height: its empty stretches (gaps between its lines of more than
#: ``EMPTY_GAP`` line heights — a paragraph break is less) add up to at most this share of that height.
EMPTY_SHARE = 0.4
EMPTY_GAP = 2.5
#: Two sides take turns (a chat) where at most this share of either side's lines stand beside a line of the other.
TURN_OVERLAP = 0.1
#: Two sides that both leave much of the band empty are a chat's bubbles unless more than this share of one side's
#: lines stand beside the other's and each side is empty at its own height: two columns of a paper, a figure in each
#: (two held-out pages of the read benchmark were read in bands across both columns, a caption last).
SIDE_BY_SIDE = 0.5
#: … or more than this share where each side is empty in one stretch only (its figure): two big figures at their own
#: heights leave fewer lines beside each other (43% on a held-out paper, read in bands across the columns; 25% on a
#: twenty-fourth draw's photo whose captions were too blurred to be read, where the bar was a quarter).
FIGURE_BESIDE = 0.2
#: Each side's figure starts and ends at its own height: more than this many line heights from the other's. Under
#: ``EMPTY_GAP``: in a blurred photo of a page the detector's boxes stand taller than the lines are apart (23 px for
#: 18 between lines), so two figures offset by 3 lines of text were 2.2 and 2.4 box heights apart (the seventeenth
#: draw's photo004, read in bands across both columns); a figure as wide as the page leaves both sides empty from
#: one height.
FIGURE_APART = 1.5
#: Both sides empty together over more than this many line heights, lines of both above and under it, a caption under
#: one side only: a figure as wide as the page, read after the rows above it (the page in bands), whatever share of
#: the band it leaves empty.
FIGURE_ACROSS = 5.0
#: Under two figures side by side, one in each column at one height, each column's caption (at most
#: ``CAPTION_LINES`` lines, its first level with the other's) stands apart from the column's next lines by an empty row
#: this many line heights wider than their usual space.
CAPTION_APART = 0.4
CAPTION_LINES = 3


def bubbles(
    left: np.ndarray,
    right: np.ndarray,
    x1: np.ndarray,
    x2: np.ndarray,
    y1: np.ndarray,
    y2: np.ndarray,
    band: tuple[float, float],
    unit: float,
) -> bool:
    """True when a side of the gap leaves more than :data:`EMPTY_SHARE` of the ``band`` empty
    (:func:`_empty_stretches`) and is no column: both sides do (the bubbles of a chat, by turns on the left and on the
    right; but not two columns with a figure in each at its own height, :func:`_figure_in_each`), or both leave one
    stretch empty together, under a figure as wide as the page (:func:`_figure_across`: the page is read in bands
    above and under it), or its rows are all
    narrow beside the other side's (headings in a margin beside their sections). A column with a figure in it leaves a
    stretch empty too, but its rows are about as wide as the other column's — rows, not lines: the reader cuts a few
    rows of a justified paragraph where word spaces line up (a photographed page's left column, under its figure,
    was read as bands across both columns)."""
    stretches = [_empty_stretches(side, y1, y2, *band, unit) for side in (left, right)]
    sparse = [sum(end - start for start, end in side) > EMPTY_SHARE * (band[1] - band[0]) for side in stretches]
    across = _figure_across((left, right), (y1, y2), stretches, band, unit)
    if (all(sparse) or across) and not _figure_in_each(left, right, y1, y2, stretches, unit):
        return True
    # every row of the sparse side narrow (a margin's), not just most: a figure's caption of two rows, the second a
    # word, is no margin
    rows = [row_extents(side, x1, x2, (y1 + y2) / 2, unit)[1] for side in (left, right)]
    widest, usual = [float(np.max(widths)) for widths in rows], [float(np.median(widths)) for widths in rows]
    return (sparse[0] and widest[0] < TABLE_NARROW * usual[1]) or (sparse[1] and widest[1] < TABLE_NARROW * usual[0])


def by_turns(left: np.ndarray, right: np.ndarray, y1: np.ndarray, y2: np.ndarray) -> bool:
    """True when the two sides take turns down the page — at most :data:`TURN_OVERLAP` of either side's lines beside a
    line of the other, each side in two stretches or more: a chat's bubbles, two on one side between one on the other
    (the side with two left little of the band empty)."""
    if max(_beside(left, right, y1, y2)) > TURN_OVERLAP:
        return False
    order = np.argsort(y1[left | right], kind="stable")
    sides = left[left | right][order]
    return int(np.count_nonzero(np.diff(sides.astype(np.int8)))) >= 3  # L…R…L…R: two stretches each, at least


def _beside(left: np.ndarray, right: np.ndarray, y1: np.ndarray, y2: np.ndarray) -> tuple[float, float]:
    """The share of the ``left`` side's lines that stand beside (level with) a line of the ``right`` side, and the
    other way round.

    >>> y1, y2 = np.array([0.0, 20, 40, 10]), np.array([15.0, 35, 55, 25])
    >>> _beside(np.array([True, True, True, False]), np.array([False, False, False, True]), y1, y2)
    (0.6666666666666666, 1.0)
    """
    beside = (y1[left][:, None] < y2[right][None, :]) & (y2[left][:, None] > y1[right][None, :])
    return float(beside.any(axis=1).mean()), float(beside.any(axis=0).mean())


def _empty_stretches(
    side: np.ndarray, y1: np.ndarray, y2: np.ndarray, top: float, bottom: float, unit: float
) -> list[tuple[float, float]]:
    """The stretches from ``top`` to ``bottom`` longer than :data:`EMPTY_GAP` line heights without a line of ``side``,
    top down.

    >>> _empty_stretches(np.ones(2, bool), np.array([0.0, 100]), np.array([10.0, 110]), 0.0, 200.0, 10.0)
    [(10.0, 100.0), (110.0, 200.0)]
    """
    starts, ends = np.clip(y1[side], top, bottom), np.clip(y2[side], top, bottom)
    order = np.argsort(starts)
    reached, stretches = top, []
    for start, end in zip(starts[order], ends[order], strict=True):
        if start - reached > EMPTY_GAP * unit:
            stretches.append((reached, float(start)))
        reached = max(reached, float(end))
    if bottom - reached > EMPTY_GAP * unit:
        stretches.append((reached, bottom))
    return stretches


def _figure_across(
    sides: tuple[np.ndarray, np.ndarray],
    edges: tuple[np.ndarray, np.ndarray],
    stretches: list[list[tuple[float, float]]],
    band: tuple[float, float],
    unit: float,
) -> bool:
    """True where the two ``sides`` (``stretches``: each one's empty stretches) leave one stretch of more than
    :data:`FIGURE_ACROSS` line heights empty together inside the ``band`` (lines of both above and under it: a
    stretch to the band's top or bottom has none on one side), each side's stretch starting and ending within
    :data:`EMPTY_GAP` line heights of the other's, and only the side whose stretch ends first has a caption under it
    (:func:`_caption_under`): a figure as wide as the page between two columns' rows above it and under it, however
    little of the band it leaves empty (38% on an eleventh draw's paper, its short caption on the left only: read
    column after column, the rows under the figure before the right column's rows above it). Two figures side by
    side at about one height have a caption each (:func:`_figure_in_each`).

    >>> y1 = np.array([0.0, 20, 40, 300, 330, 350, 370, 0, 20, 40, 322, 342, 362])
    >>> left, band = np.arange(13) < 7, (0.0, 400.0)
    >>> stretches = [_empty_stretches(side, y1, y1 + 16, *band, 20.0) for side in (left, ~left)]
    >>> _figure_across((left, ~left), (y1, y1 + 16), stretches, band, 20.0)
    True
    >>> y1[10] = 300.0  # the right column's first line under the figure a caption too, level with the left one
    >>> stretches = [_empty_stretches(side, y1, y1 + 16, *band, 20.0) for side in (left, ~left)]
    >>> _figure_across((left, ~left), (y1, y1 + 16), stretches, band, 20.0)
    False
    """
    top, bottom = band
    inside = [[(start, end) for start, end in side if top < start and end < bottom] for side in stretches]
    for start, end in inside[0]:
        for other_start, other_end in inside[1]:
            together = min(end, other_end) - max(start, other_start) > FIGURE_ACROSS * unit
            if not together or max(abs(start - other_start), abs(end - other_end)) > EMPTY_GAP * unit:
                continue
            first, then = (sides[0], sides[1]) if end <= other_end else (sides[1], sides[0])
            ends = (min(end, other_end), max(end, other_end))
            if (
                _caption_under(first, ends[0], edges, unit) is not None
                and _caption_under(then, ends[1], edges, unit) is None
            ):
                return True
    return False


def _figure_in_each(
    left: np.ndarray,
    right: np.ndarray,
    y1: np.ndarray,
    y2: np.ndarray,
    stretches: list[list[tuple[float, float]]],
    unit: float,
) -> bool:
    """True when most of one side's lines stand beside the other side's (more than :data:`SIDE_BY_SIDE`; than
    :data:`FIGURE_BESIDE` where each side is empty in one stretch only) and each side's longest empty stretch
    (``stretches``: each side's) starts and ends at its own height (more than :data:`FIGURE_APART` line heights from
    the other's), or starts or ends more than a caption's height and its space (:data:`CAPTION_LINES` + 1 line
    heights) from the other's: two columns, a figure in each — not a chat's bubbles by turns, nor a figure as wide as
    the page (both sides empty from one height; a caption on one side under it)."""
    one_each = all(len(side) == 1 for side in stretches)
    if max(_beside(left, right, y1, y2)) <= (FIGURE_BESIDE if one_each else SIDE_BY_SIDE) or not all(stretches):
        return False
    (top_left, end_left), (top_right, end_right) = (max(side, key=lambda s: s[1] - s[0]) for side in stretches)
    apart, tops, ends = FIGURE_APART * unit, abs(top_left - top_right), abs(end_left - end_right)
    # a figure as wide as the page leaves both sides empty from one height, down to its caption on one side and the
    # other side's text under it: never a caption's height and its space apart (CAPTION_LINES + 1 line heights)
    at_own_heights = (tops > apart and ends > apart) or max(tops, ends) > (CAPTION_LINES + 1) * unit
    return at_own_heights or _captions_level(left, right, (y1, y2), (end_left, end_right), unit)


def _captions_level(
    left: np.ndarray, right: np.ndarray, edges: tuple[np.ndarray, np.ndarray], ends: tuple[float, float], unit: float
) -> bool:
    """True where, under each side's empty stretch (``ends``: where each ends), the first lines of the two sides stand
    level and on each side the first line or few (:data:`CAPTION_LINES` at most, the first no taller than a headline:
    :data:`~._reading_beyond.HEADLINE_SIZE`) stand apart from the lines under them by an empty row
    (:data:`CAPTION_APART`): two figures side by side, one in each column, each with its caption (a paper's two
    columns, their figures at one height, were read as two bands across the page, the text above the figures, then
    under them). A figure as wide as the page has one caption, or none, and the columns under it start level with each
    other at their usual spacing.

    >>> y1 = np.array([0.0, 20, 40, 160, 190, 210, 230, 0, 20, 161, 191, 211, 231])
    >>> left = np.arange(13) < 7
    >>> _captions_level(left, ~left, (y1, y1 + 16), (160.0, 161.0), 20.0)
    True
    >>> y1[9] = 171.0  # the right column's first line under the figure, not level with the left's caption
    >>> _captions_level(left, ~left, (y1, y1 + 16), (160.0, 161.0), 20.0)
    False
    """
    firsts = [_caption_under(side, end, edges, unit) for side, end in zip((left, right), ends, strict=True)]
    return firsts[0] is not None and firsts[1] is not None and abs(firsts[0] - firsts[1]) < unit / 2


def _caption_under(side: np.ndarray, end: float, edges: tuple[np.ndarray, np.ndarray], unit: float) -> float | None:
    """The centre of the first line of ``side`` under ``end`` where it (with the lines after it, :data:`CAPTION_LINES`
    at most) stands apart from the side's next lines by an empty row (:data:`CAPTION_APART`) and is no taller than a
    headline (:data:`~._reading_beyond.HEADLINE_SIZE`: a heading over a column's article): a figure's caption. None
    where the side's lines under ``end`` run on at their usual spacing (or are too few to tell)."""
    y1, y2 = edges
    under = np.flatnonzero(side & (y1 >= end - unit / 4))
    if len(under) < CAPTION_LINES:
        return None
    under = under[np.argsort(y1[under], kind="stable")]
    spaces = y1[under][1:] - np.maximum.accumulate(y2[under])[:-1]
    wide = spaces[:CAPTION_LINES] > float(np.median(spaces)) + CAPTION_APART * unit
    if not wide.any() or y2[under[0]] - y1[under[0]] > HEADLINE_SIZE * unit:
        return None
    return float(y1[under[0]] + y2[under[0]]) / 2


def paragraph_over(
    crossing: np.ndarray, edges: tuple[np.ndarray, ...], left: np.ndarray, right: np.ndarray, top: float, unit: float
) -> bool:
    """True where a line right over the band of the two sides (no empty row between) runs across both of them: the
    first line of a justified paragraph, its next rows cut into words at their wide spaces (a dictionary's words in a
    monospace face), not the heading of two columns (an empty row under it)."""
    x1, x2, _, y2 = edges
    return _across(crossing & (y2 <= top + unit / 4) & (y2 > top - unit / 2), x1, x2, left, right, unit)


def paragraph_under(
    crossing: np.ndarray, edges: tuple[np.ndarray, ...], left: np.ndarray, right: np.ndarray, bottom: float, unit: float
) -> bool:
    """True where a line right under the band of the two sides (no empty row between) runs across both of them: the
    paragraph goes on under the band, and the band is rows of it the reader cut where their justified word spaces
    line up (a river), not two columns — a column's foot has an empty row under it, or another column beside it."""
    x1, x2, y1, _ = edges
    return _across(crossing & (y1 >= bottom - unit / 4) & (y1 < bottom + unit / 2), x1, x2, left, right, unit)


def _across(
    lines: np.ndarray, x1: np.ndarray, x2: np.ndarray, left: np.ndarray, right: np.ndarray, unit: float
) -> bool:
    """Whether one of ``lines`` runs across both sides: from within a line height of where the left side starts to
    within one of where the right side ends."""
    return bool((lines & (x1 <= x1[left].min() + unit) & (x2 >= x2[right].max() - unit)).any())


def beside_prose(left: np.ndarray, right: np.ndarray, y2: np.ndarray, words: np.ndarray) -> bool:
    """True where the side that ends higher is three short lines or more and the other side is prose."""
    short, long = (left, right) if y2[left].max() < y2[right].max() else (right, left)
    return bool(short.sum() >= 3 and words[short].max() <= TABLE_WORDS and np.median(words[long]) > 2 * TABLE_WORDS)


def under_figure(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
    crossing: np.ndarray,
    words: np.ndarray,
    empty: float,
) -> bool:
    """True where one side's lines all stand low, under an empty stretch of ``empty`` or more beside three lines or more
    of the other side's prose (``words``: each line's count of words), and no line crosses the gap down that stretch:
    a figure's caption at the foot of a column, the column beside it all text; or a column under its figure, running
    on under the other's end. The low side's column is read first where it is the first, not the caption as the other
    column's last row (a two-column paper laid out by Chromium, a draw of the read benchmark's generator that nothing
    was chosen on; a caption a few pixels under the other column's last line, its figure level with that column, was
    read last on pages of two other draws; one ending 1.4 line heights above it, on a sixth draw, and on an eighth a
    second column under its figure, beside the first's last three rows and ending 10 line heights under it, were read
    in rows with the first column's lines; on a fourteenth, a caption ending 2.4 line heights above the other column's
    end, its column empty under it, was read as a row in the middle of that column's paragraph).

    >>> y1, y2 = np.array([0.0, 20, 40, 60, 80, 80]), np.array([15.0, 35, 55, 75, 95, 95])
    >>> right = np.array([True, True, True, True, True, False])
    >>> under_figure(~right, right, (y1, y2), np.zeros(6, bool), np.full(6, 9), 30.0)
    True
    """
    y1, y2 = edges
    low, tall = (left, right) if y1[left].min() > y1[right].min() else (right, left)
    top, stretch_top = float(y1[low].min()), float(y1[tall].min())
    height = float(np.median(y2[tall] - y1[tall]))
    beside = int((tall & (y2 <= top + height / 4)).sum()) >= 3 and float(np.median(words[tall])) > 2 * TABLE_WORDS
    crossed = bool((crossing & (y2 > stretch_top) & (y1 < top)).any())
    return top - stretch_top >= empty and beside and not crossed


def band_sides(
    x1: np.ndarray, x2: np.ndarray, words: np.ndarray, gutters: list[tuple[float, float]]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The left and right side of a band of prose with no gutter of its own — too short to show one (two lines a
    side: the columns' last lines under a figure as wide as the page, the right one starting half a line higher; they
    were read row by row across) — at a gutter of another band of the page that runs through it (``gutters``: each
    band's left side's end and right side's start): its lines (``x1``, ``x2``; ``words``: each line's count of words)
    on both sides of it, none across it, more than :data:`~._reading_tables.TABLE_WORDS` words each at the median on
    each side. None where there is no such gutter: a footer's row (a DOI, the copyright) or a band of short items is
    no column's.

    >>> x1, words = np.array([110.0, 0, 110, 0]), np.full(4, 6)
    >>> [side.tolist() for side in band_sides(x1, x1 + 90, words, [(90.0, 110.0)])]
    [[False, True, False, True], [True, False, True, False]]
    >>> band_sides(x1, x1 + 90, np.full(4, 2), [(90.0, 110.0)]) is None  # a footer's row of short lines
    True
    """
    for start, end in gutters:
        middle = (start + end) / 2
        left, right = x2 <= middle, x1 >= middle
        if not (left | right).all() or not left.any() or not right.any():
            continue
        if all(float(np.median(words[side])) > TABLE_WORDS for side in (left, right)):
            return left, right
    return None
