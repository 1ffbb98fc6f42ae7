"""Reading order for the lines a text detector found, in the frame of the text itself.

Every line is measured in the text's frame (:mod:`._page_frame`): the picture turned by the median angle of the
line polygons' long edges, each weighted by its length (so a 3° phone photo has level rows), and in a photo of a page
taken at an angle its perspective undone as well (so its gutters stand upright). Lines are then ordered like an
XY-cut:

* a column split only where a real vertical gutter exists: a clear vertical band (a tenth of a line height wide
  or more: the reader has cut the detector's lines at a gutter, models/_text_gutters.py; under a quarter, with
  columns on both sides), with
  text on both sides for most of the block's height and no line crossing it there, each side with its rows
  close together down that height (chat bubbles, left and right by turns, are not two columns; a column with a
  figure in it, its lines as wide as the other column's, is one; so is a figure's caption alone at the foot of
  its column). Short items
  paired row by row across the band (a receipt: item … price; a timetable; cells starting at the same places row
  after row; a side of numbers level with the other side's rows; a menu's prices beside its dishes, a description
  under some; rows of numbers beside items inside a page: an invoice; a line or two level with lines across: a CV's
  dates flush right) are a table, not two columns, and read row by row (:mod:`._reading_tables`). Lines over the
  lowest line across the gap belong to the page above the columns. What stands over or under the columns is no
  column's first or last lines, and is read before or after them: a few lines above a headline across the gutter (a
  newspaper's dateline and price), a row over an empty row on both sides of it (a running header), footnotes under
  an empty row (both columns ending just above it, or the first footnote starting with its mark; none where a column
  beside the two goes on past it), a footer row under them (in one row, or short lines), a table of figures under
  an empty row below both (narrower than the page: its last values under the right column);
* where no gutter runs down the block, each band of it between empty rows is looked at alone: for any gutter where
  it has several rows or lines of prose (two columns above a figure as wide as the page), else for wide gutters only
  (two address blocks side by side); a band of prose too short to show a gutter is split at another band's (two lines
  of each column under that figure); a band of headings just over a band of columns, each heading where a column
  starts, is read with them, each heading over its column (a poster's features side by side);
* a row of cards side by side — a stack of lines of different sizes, or of words then figures, each, the cards
  starting level (a dashboard's label over its figure, a shop's name over its price and rating, a news page's
  teasers), and lists side by side that end where their own items end (a footer's links) — is read card by card
  (:mod:`._reading_cards`); no gutter runs between the cards of such a row anywhere on the page (a grid is read row
  of cards after row of cards: a form's fields two a row too), and a sidebar beside one is no table's column;
* otherwise rows top to bottom (lines whose centres are within half a line height of each other), each row left
  to right (:mod:`._reading_rows`). Fragments of one line (same row, close together) are joined; every detector line
  stays whole.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from types import EllipsisType

import numpy as np

from opensight._results_text import TextLine
from opensight.tasks._page_frame import page_frame
from opensight.tasks._reading_beyond import HEADLINE_SIZE, column_heads, over_columns, under_columns
from opensight.tasks._reading_cards import card_rows, card_stacks, side_by_side
from opensight.tasks._reading_lists import bulleted_lists, grid_beside, numbered_lines, priced_lists, sorted_columns
from opensight.tasks._reading_rows import Placed, in_rows, join_row
from opensight.tasks._reading_sides import (
    band_sides,
    beside_prose,
    bubbles,
    by_turns,
    paragraph_over,
    paragraph_under,
    under_figure,
)
from opensight.tasks._reading_tables import (
    TABLE_NARROW,
    TABLE_PAIRED,
    TABLE_WORDS,
    at_one_place,
    is_number,
    is_table,
    paired_both,
    row_extents,
    row_numbers,
)

#: A gutter is at least this many line heights wide (the lines must not cross it, so a word space inside a line
#: never is one; the reader cuts the detector's lines at a gutter from their word boxes, and two justified columns
#: 0.8 em apart leave 0.1-0.5 line heights between the cut lines, the word boxes being rough; the cuts follow the
#: words' ink where the reader has the picture) …
GUTTER_WIDTH = 0.1
#: … and one narrower than this many line heights has columns on both sides (:func:`_columns`): the lines on its
#: right start at one place — ``ALIGNED`` of them within ``ALIGN_SPREAD`` line heights of their median start — and
#: both sides are about as wide (``TABLE_NARROW``). The last words of the justified lines of one column, cut at
#: their wide spaces, leave a narrow gap before them too (at 0.25 line heights for any gutter, two-column pages 0.8 em
#: apart were read across on 3 of 6 benchmark pictures; at 0.1 without this, a one-column page was read in two). Half
#: a line height (about an em) since the reader's cuts follow the words' ink: a cut row no longer runs into its gap,
#: so such gaps before last words measure 0.28-0.45 (two held-out two-column pages read across at 0.25) …
NARROW_GUTTER = 0.5
#: … and has text on both sides over at least this share of the block's height (and two lines' worth).
GUTTER_SPAN = 0.5
#: … or over at least this many line heights, where no line crosses the gap from there down: a column that ends well
#: above the one beside it (a new user's trial: 5 of 5 such pages of CSS columns read across).
SHORT_COLUMN = 3.0
#: Two sides this many line heights apart or more, each of a few lines, are blocks side by side however few of their
#: rows stand beside each other (a letter's sender at the right margin, its recipient at the left starting lower) …
BLOCKS_APART = 8.0
#: … a few lines: this many or more on each side.
BLOCK_LINES = 3
#: … or this many, where the shorter side is a block of three short lines or more (at most ``TABLE_WORDS`` words each)
#: beside prose: a forum post's author, date and count of posts beside the post (read row by row, interleaved).
SHORT_BLOCK = 2.0
#: Where no gutter runs down the page, bands of lines apart by this many line heights more than the usual space between
#: lines are searched for gutters one by one: two addresses side by side between an invoice's title and its table.
BLOCK_GAP = 0.4
#: … and only for gutters this many line heights wide or wider: blocks of text set far apart (addresses, a sender
#: beside a box of dates), not the close columns of a grid (a calendar's week, split into bands by its empty rows,
#: had its Saturdays and Sundays taken for a column; the whole page says it is a table).
BLOCK_GUTTER = 3.0
#: … unless the band has this many rows or more, or lines of prose: then it is searched for gutters of any width, as a
#: page is (two columns above a figure as wide as the page, two more under it); a calendar's band of three weeks of
#: days stays rows.
TALL_BLOCK = 4
#: A row whose pieces on both sides of a gap are under this many line heights apart, where the rows across it
#: leave at least ``WIDE_GUTTER`` at the median, is one line the detector cut there (:func:`_cut_row`).
CUT_GAP = 0.25
WIDE_GUTTER = 0.6
#: A row of headings at most this many line heights over the band of columns they head.
HEADING_GAP = 2.0


#: The lines above a gutter, left of it, right of it and below it.
Split = tuple[list[Placed], list[Placed], list[Placed], list[Placed]]


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """The lines in reading order (see the module's docstring); fragments of one line are joined.

    >>> def at(x, y): return TextLine(f"{x},{y}", 1.0, np.array([[x, y], [x + 40, y], [x + 40, y + 10], [x, y + 10]]))
    >>> [line.text for line in reading_order([at(200, 0), at(0, 20), at(0, 0), at(200, 20), at(45, 0), at(0, 40)])]
    ['0,0 45,0', '0,20', '0,40', '200,0', '200,20']
    >>> [line.text for line in reading_order([at(200, 0), at(0, 20), at(0, 0), at(200, 20)])]  # item … price
    ['0,0', '200,0', '0,20', '200,20']
    """
    if not lines:
        return []
    frame = page_frame([line.polygon for line in lines])
    placed = []
    for line in lines:
        points = frame.to_frame(line.polygon)  # picture → text frame
        x1, y1 = points.min(axis=0)
        x2, y2 = points.max(axis=0)
        placed.append(Placed(line, float(x1), float(x2), float(y1), float(y2), is_number(line.text)))
    unit = float(np.median([p.height for p in placed])) or 1.0
    return [join_row(row, frame) for row in _order(_in_cards(placed, unit), unit)]


def _in_cards(placed: list[Placed], unit: float) -> list[Placed]:
    """The lines, each that is a card's in a row of cards (found once on the whole page) marked with its row and
    card."""
    x1, x2, y1, y2 = _edges(placed)
    marked = list(placed)
    numbers = np.array([p.number for p in placed])
    for row, cards in enumerate(card_rows(x1, x2, y1, y2, numbers, unit)):
        for card, indices in enumerate(cards):
            for index in indices:
                marked[index] = replace(marked[index], card=(row, card))
    return marked


def _order(
    lines: list[Placed],
    unit: float,
    narrowest: float = 0.0,
    floor: float = -np.inf,
    found: Split | EllipsisType | None = ...,
) -> list[list[Placed]]:
    """Groups of fragments, one group per output line, in reading order; gutters ``narrowest`` wide or wider. What
    stands above and below the columns is ordered the same way (a paper's author blocks side by side). A row of cards
    is read card by card. ``floor``: where the text beside these lines ends (a column beside two more): nothing above
    it is under their columns (:func:`_beyond_columns`). ``found``: their gutter or None, where already searched."""
    cards = _cards(lines, unit)
    if cards is not None:
        return [group for card in cards for group in _order(card, unit)]
    split = _gutter(lines, unit, narrowest, floor) if found is ... else found
    if split is None:
        blocks = _with_headings(_blocks(lines, unit), unit)
        if len(blocks) > 1:  # a gutter between two blocks side by side (Bill to | Ship to) spans one band only
            splits = [_gutter(block, unit, _block_gutter(block, unit)) for block in blocks]
            gutters = [(max(p.x2 for p in split[1]), min(p.x1 for p in split[2])) for split in splits if split]
            return [
                group
                for block, split in zip(blocks, splits, strict=True)
                for part in ([block] if split else _band_sides(block, gutters))
                for group in _order(part, unit, _block_gutter(part, unit), found=split if part is block else ...)
            ]
        return in_rows(lines, unit)
    above, left, right, below = split
    ends = [max([floor, *(p.y2 for p in side)]) for side in (right, left)]  # each side's text beside the other
    return [
        *_order(above, unit),
        *_order(left, unit, narrowest, ends[0]),
        *_order(right, unit, narrowest, ends[1]),
        *_order(below, unit),
    ]


def _band_sides(block: list[Placed], gutters: list[tuple[float, float]]) -> list[list[Placed]]:
    """The band's left and right side at another band's gutter through it (:func:`~._reading_sides.band_sides`)."""
    x1, x2, _, _ = _edges(block)
    sides = band_sides(x1, x2, np.array([len(p.line.text.split()) for p in block]), gutters)
    return [block] if sides is None else [[p for p, keep in zip(block, side, strict=True) if keep] for side in sides]


def _cards(lines: list[Placed], unit: float) -> list[list[Placed]] | None:
    """The lines of each card, left to right, where ``lines`` are one row of cards (:mod:`._reading_cards`): marked
    so on the page, or alike cards on their own."""
    rows = {p.card[0] for p in lines}
    if len(rows) == 1 and -1 not in rows and len({p.card for p in lines}) > 1:
        cards: dict[tuple[int, int], list[Placed]] = {}
        for p in lines:
            cards.setdefault(p.card, []).append(p)
        return [cards[key] for key in sorted(cards)]
    x1, x2, y1, y2 = _edges(lines)
    stacks = card_stacks(x1, x2, y1, y2, np.array([p.number for p in lines]), unit)
    return None if stacks is None else [[lines[i] for i in stack] for stack in stacks]


def _edges(lines: list[Placed]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lines' x1, x2, y1 and y2, each as an array."""
    return (
        np.array([p.x1 for p in lines]),
        np.array([p.x2 for p in lines]),
        np.array([p.y1 for p in lines]),
        np.array([p.y2 for p in lines]),
    )


def _card_extents(lines: list[Placed]) -> list[tuple[float, float, float, float]]:
    """(x1, x2, y1, y2) of each row of cards among ``lines``."""
    rows: dict[int, list[Placed]] = {}
    for p in lines:
        if p.card[0] >= 0:
            rows.setdefault(p.card[0], []).append(p)
    return [
        (min(p.x1 for p in row), max(p.x2 for p in row), min(p.y1 for p in row), max(p.y2 for p in row))
        for row in rows.values()
    ]


def _gutter(lines: list[Placed], unit: float, narrowest: float = 0.0, floor: float = -np.inf) -> Split | None:
    """The widest real gutter as (lines above it, left of it, right of it, below it), or None (``floor``: see
    :func:`_order`)."""
    if len(lines) < 3:
        return None
    x1, x2, y1, y2 = _edges(lines)
    centre = (y1 + y2) / 2
    numbers = np.array([p.number for p in lines])
    words = np.array([len(p.line.text.split()) for p in lines])
    texts = [p.line.text for p in lines]
    kinds = (numbers, words, texts)
    gaps = _spaces(y1, y2)  # once, not for every edge tried
    cards = _card_extents(lines)
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for edge in np.unique(x2):
        left, right = x2 <= edge, x1 >= edge + GUTTER_WIDTH * unit
        if not left.any() or not right.any() or any(start < edge < end for start, end, _, _ in cards):
            continue  # no gutter runs between the cards of a row: a grid is read row of cards after row of cards
        sides = left | right
        left, right = _beyond_columns(left, right, (x1, x2, y1, y2), unit, (gaps, floor), texts)
        top = max(y1[left].min(), y1[right].min())
        bottom = min(y2[left].max(), y2[right].max())
        crossing = ~(left | right)
        moved = sides & crossing  # above or under the columns: no line across them, nor part of the page they fill
        below_top = crossing & ~moved & (y2 > top + unit / 4)  # lines across the gap, from the band's top down
        block = max(float(y2[~moved].max() - y1[~moved].min()), 1e-6)
        under_both = y1 >= max(y2[left].max(), y2[right].max())  # a footer under where both columns end
        shortest = SHORT_BLOCK if beside_prose(left, right, y2, words) else SHORT_COLUMN
        # a caption at the foot of one column, under its figure, beside the other column's text
        caption = under_figure(left, right, (y1, y2), crossing & ~moved, words, SHORT_COLUMN * unit)
        # beside each other over too few line heights, and rows: in a photo of a page, at its top (far from the camera)
        # the lines' boxes stood taller than their rows are apart, and four rows of two columns spanned 2.7 line heights
        beside = bottom - top < shortest * unit and _rows_beside(left, right, (y1, y2), (top, bottom), unit) < shortest
        # … unless the two sides are blocks far apart, a few lines each (a letter's recipient, its sender's address
        # at the right margin starting higher: their rows interleaved, a recipient's line joined to the postcode)
        beside = beside and not _blocks_apart(left, right, x1, edge, unit)
        if (
            bottom - top < max(GUTTER_SPAN * block, 1.5 * unit)
            and (beside or (below_top & ~under_both).any())
            and not caption
        ):
            continue  # text on both sides over too little of the page, and not one column ending above the other
        top, bottom, in_band = _band(left, right, (y1, y2), (top, bottom), caption)
        if (below_top & (y1 < bottom - unit / 4)).any() or not (left & in_band).any() or not (right & in_band).any():
            continue  # a line runs through the band, or no line of one side is level with the other side's
        start, end = float(x2[left & in_band].max()), float(x1[right & in_band].min())
        width = end - start
        # a line above or below pokes into the gap without crossing it: ragged rows, not a gutter (by more than the
        # narrowest gutter: a masthead over the page may start a pixel past the left column's longest line)
        poke = GUTTER_WIDTH * unit
        pokes = crossing & ~sides & (x2 > start) & (x1 < end) & ((x1 > start + poke) | (x2 < end - poke))
        if (pokes & ~(caption & (y2 <= top))).any():  # a title over a caption's figure and the column beside it
            continue
        if (
            width < max(GUTTER_WIDTH * unit, narrowest)
            or (
                bottom - top < SHORT_COLUMN * unit
                and paragraph_over(crossing, (x1, x2, y1, y2), left, right, top, unit)
            )
            or (
                width < NARROW_GUTTER * unit
                and (
                    not _columns(left & in_band, right & in_band, x1, x2, centre, unit, 0.75 * width)
                    or paragraph_under(crossing, (x1, x2, y1, y2), left, right, bottom, unit)
                )
            )
            or bubbles(left & in_band, right & in_band, x1, x2, y1, y2, (top, bottom), unit)
            or by_turns(left, right, y1, y2)
        ):
            continue
        # a heading above the rows of a table (an order number above item … price, a few pixels into them) is not a row
        below = y2 > top + unit / 4
        # a row of cards on one side is no table's cells (a sidebar's links beside a dashboard's cards)
        beside_cards = any((a > edge or b < edge) and c < bottom and d > top for a, b, c, d in cards)
        if (
            not beside_cards
            and not caption
            and _table_across(left & below, right & below, (x1, x2, centre), unit, width, kinds)
        ):
            continue
        if best is None or width > best[0]:
            best = (width, left, right)
    if best is None:
        return None
    _, left, right = best
    top = max(y1[left].min(), y1[right].min())
    crossing = ~(left | right)
    above = crossing & (y1 < top)
    # a row is read whole: the lines level with one across the gap above the columns are above them too (a site's
    # links beside its name, over a sidebar and the page beside it)
    near = np.abs(centre[:, None] - centre[above][None, :]) < unit / 2
    level = (left | right) & (near & ((y2 - y1)[above][None, :] < HEADLINE_SIZE * (y2 - y1)[:, None])).any(axis=1)
    # … and beside a headline, unless they start a column (a third column's first line beside the headline over the
    # first two, a newsletter photographed: read before the first column)
    beside = (left | right) & near.any(axis=1) & ~level
    level |= beside & ~column_heads(beside, (left, right), (x1, y1, y2), unit)
    # … and so are the lines over the lowest line across the gap above them: the page above the columns (a table's
    # gap under a page of prose: its paragraphs' short last lines and its short headings are no column) — their
    # middles, not their tops: a column's heading beside a headline over the other columns, photographed, stood 9 px
    # higher than it, and was read before the first column
    level |= (left | right) & (centre < float(y1[above].max(initial=-np.inf)))

    def pick(mask: np.ndarray) -> list[Placed]:
        return [p for p, keep in zip(lines, mask, strict=True) if keep]

    return pick(above | level), pick(left & ~level), pick(right & ~level), pick(crossing & (y1 >= top))


def _blocks_apart(left: np.ndarray, right: np.ndarray, x1: np.ndarray, edge: float, unit: float) -> bool:
    """True where the right side starts more than :data:`BLOCKS_APART` line heights past ``edge`` (the left side's
    right edge) and each side has :data:`BLOCK_LINES` lines or more: two blocks side by side, whatever their rows'
    overlap.

    >>> x1 = np.array([0.0, 0, 0, 600, 600, 600])
    >>> _blocks_apart(x1 < 300, x1 >= 300, x1, 200.0, 20.0), _blocks_apart(x1 < 300, x1 >= 300, x1, 500.0, 20.0)
    (True, False)
    """
    lines = min(int(left.sum()), int(right.sum()))
    return lines >= BLOCK_LINES and float(x1[right].min()) - edge > BLOCKS_APART * unit


def _rows_beside(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
    band: tuple[float, float],
    unit: float,
) -> int:
    """How many rows of lines the side with fewer of them has between ``band``'s top and bottom — or, where one side
    goes on more than :data:`SHORT_COLUMN` line heights under the other's last line (a column ending above the one
    beside it), the rows of the side that ends: the other side's rows beside them may be fewer where a heading's
    space is among them (troff's last column of three lines beside the first column's heading and first line, read
    row by row across).

    >>> y1 = np.array([0.0, 17, 34, 51, 8, 25, 42])
    >>> _rows_beside(np.arange(7) < 4, np.arange(7) >= 4, (y1, y1 + 24), (8.0, 66.0), 24.0)
    3
    >>> y1 = np.array([0.0, 18, 36, 14, 38, 56, 74, 92, 110])  # three lines; a heading, the column under it
    >>> _rows_beside(np.arange(9) < 3, np.arange(9) >= 3, (y1, y1 + 16), (14.0, 52.0), 18.0)
    3
    """
    y1, y2 = edges
    top, bottom = band
    counts = []
    for side in (left, right):
        inside = side & (y2 > top) & (y1 < bottom)
        counts.append(len(np.unique(row_numbers((y1[inside] + y2[inside]) / 2, unit))) if inside.any() else 0)
    ends = float(y2[left].max()), float(y2[right].max())
    if abs(ends[0] - ends[1]) > SHORT_COLUMN * unit:
        return counts[0] if ends[0] < ends[1] else counts[1]
    return min(counts)


def _band(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
    level: tuple[float, float],
    caption: bool,
) -> tuple[float, float, np.ndarray]:
    """The band down which both sides have text — its top, its bottom (``level``: where the lower side starts and
    the higher one ends) and which lines stand in it — or, for a figure's ``caption``
    (:func:`~._reading_sides.under_figure`) just under the other column's last line, where no line of one side is
    level with the other's, both sides' whole height (a held-out page of the read benchmark: the caption, a line
    under an empty column, was read last).

    >>> y1, y2 = np.array([0.0, 20, 50]), np.array([15.0, 35, 65])
    >>> right = np.array([True, True, False])
    >>> _band(~right, right, (y1, y2), (50.0, 35.0), True)
    (0.0, 65.0, array([ True,  True,  True]))
    """
    y1, y2 = edges
    top, bottom = level
    in_band = (y2 > top) & (y1 < bottom)
    if caption and not ((left & in_band).any() and (right & in_band).any()):
        return float(y1[left | right].min()), float(y2[left | right].max()), left | right
    return top, bottom, in_band


def _table_across(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    gap: float,
    kinds: tuple[np.ndarray, np.ndarray, list[str]],
) -> bool:
    """True where the two sides of a gap are a table (:func:`~._reading_tables.is_table`), or the groups of lines next
    to it, paired row by row, are where the whole sides are not (a list of mail beside a sidebar). ``kinds``: each
    line's being a number, its count of words, its text."""
    x1, x2, centre = edges
    numbers, words, texts = kinds
    if (
        priced_lists(left, right, x1, centre, unit, numbers)
        or bulleted_lists(left, right, texts)
        or sorted_columns(left, right, edges, unit, texts)
    ):
        return False
    if (
        numbered_lines(left, right, centre, unit, texts)
        or grid_beside(left, right, (x1, x2, centre), unit, words)
        or is_table(left, right, x1, x2, centre, unit, gap, numbers, words, texts)
    ):
        return True
    near = _next_to(left, x1, x2, unit, last=True), _next_to(right, x1, x2, unit)
    return _paired_rows(*near, centre, unit) and is_table(*near, x1, x2, centre, unit, gap, numbers, words, texts)


def _next_to(side: np.ndarray, x1: np.ndarray, x2: np.ndarray, unit: float, *, last: bool = False) -> np.ndarray:
    """The lines of ``side`` in its group next to the gap: the first group left to right (the last with ``last``;
    groups as :func:`~._reading_cards.side_by_side` finds them)."""
    indices = np.flatnonzero(side)
    if not len(indices):
        return side
    groups = side_by_side(x1[indices], x2[indices], unit)
    near = np.zeros_like(side)
    near[indices[groups[-1 if last else 0]]] = True
    return near


def _paired_rows(one: np.ndarray, other: np.ndarray, centre: np.ndarray, unit: float) -> bool:
    """True where three lines or more on each side, nearly all (``TABLE_PAIRED``), stand level with a line on the
    other side, within a quarter of a line height (a list's rows; a sidebar's links beside a list drift further)."""
    return one.sum() >= 3 and other.sum() >= 3 and paired_both(one, other, centre, unit / 4) >= TABLE_PAIRED


def _cut_row(
    left: np.ndarray, right: np.ndarray, x1: np.ndarray, x2: np.ndarray, centre: np.ndarray, unit: float
) -> np.ndarray:
    """The lines of rows whose piece left of the gap and piece right of it all but touch (under
    :data:`CUT_GAP` line heights apart) where the other rows across it leave a gap of :data:`WIDE_GUTTER` or more:
    one line across the gap that the detector cut there (a heading over a sidebar and the columns beside it, in a
    photo), not the ends of two columns' rows — it is read as one line above or below them.

    >>> side = np.array([True, False, True, False, True, False])
    >>> x1, x2 = np.array([0.0, 203, 0, 230, 0, 232]), np.array([200.0, 400, 190, 400, 180, 400])
    >>> _cut_row(side, ~side, x1, x2, np.array([0.0, 0, 40, 40, 80, 80]), 20).tolist()
    [True, True, False, False, False, False]
    """
    gaps = []
    for index in np.flatnonzero(left):
        level = right & (np.abs(centre - centre[index]) < unit / 2)
        if level.any():
            gaps.append((index, float((x1[level] - x2[index]).min()), level))
    cut = np.zeros_like(left)
    if len(gaps) < 3 or float(np.median([gap for _, gap, _ in gaps])) < WIDE_GUTTER * unit:
        return cut
    for index, gap, level in gaps:
        if gap < CUT_GAP * unit:
            cut |= level & (x1 - x2[index] < CUT_GAP * unit)
            cut[index] = True
    return cut


def _beyond_columns(
    left: np.ndarray,
    right: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    gaps: tuple[tuple[np.ndarray, np.ndarray], float],
    texts: list[str],
) -> tuple[np.ndarray, np.ndarray]:
    """``left`` and ``right`` less the few lines that belong to no column: those over the columns and those under
    them (:mod:`._reading_beyond`), read before and after them, and rows the detector cut at the gap
    (:func:`_cut_row`). The empty rows across the page are the spaces in ``gaps`` (from :func:`_spaces`) wider than
    the columns' usual space between lines by :data:`BLOCK_GAP` line heights; with them, where the text beside the
    lines ends (:func:`_order`'s ``floor``): under an empty row above it stand no footnotes, but the next paragraphs of
    two columns beside a third (a front page's three columns, the first two split at one height by their paragraphs:
    their last two rows were read after both columns' first paragraphs)."""
    x1, x2, y1, y2 = boxes
    (tops, spaces), floor = gaps
    stacked = np.concatenate([_spaces(y1[side], y2[side])[1] for side in (left, right)])
    stacked = stacked[stacked > -unit / 2]  # lines one under the other, not the cells of one row
    usual = max(float(np.median(stacked)), 0.0) if len(stacked) else 0.0
    empty = tops[spaces > usual + BLOCK_GAP * unit]  # the tops of the lines under them, lowest first
    over = over_columns(left, right, boxes, unit, empty)
    beyond = over | under_columns(left, right, boxes, unit, empty[empty >= floor], texts, over)
    beyond |= _cut_row(left, right, x1, x2, (y1 + y2) / 2, unit)
    if not (left & ~beyond).any() or not (right & ~beyond).any():
        return left, right
    return left & ~beyond, right & ~beyond


def _spaces(y1: np.ndarray, y2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Going down the lines by their tops: each line's top and the empty space above it (below 0 where it overlaps
    a line above in height), lowest first."""
    order = np.argsort(y1, kind="stable")
    bottoms = np.maximum.accumulate(y2[order])
    return y1[order][1:][::-1], (y1[order][1:] - bottoms[:-1])[::-1]


def _columns(
    left: np.ndarray, right: np.ndarray, x1: np.ndarray, x2: np.ndarray, centre: np.ndarray, unit: float, gap: float
) -> bool:
    """True when the rows on the right of a narrow gap start at one place (:data:`ALIGNED` of them within
    :data:`ALIGN_SPREAD` line heights of their median start) and both sides' rows are about as wide as each other
    (the last words of justified lines, cut at their wide spaces, also start at about one place). A row is measured
    from its first line to its last: the words of a justified row the detector cut at its wide spaces start
    anywhere, and counted one by one they made a column of a monospace page look ragged. The right side's rows end at
    their first gap of ``gap`` or more (the caller: three quarters of this one's width): three columns are two
    gutters, and the two columns right of the first one are twice its left's width."""
    starts, right_widths = row_extents(right, x1, x2, centre, unit, until=gap)
    aligned = at_one_place(starts, unit)
    _, left_widths = row_extents(left, x1, x2, centre, unit)
    narrow, wide = sorted([float(np.median(left_widths)), float(np.median(right_widths))])
    return aligned and narrow > TABLE_NARROW * wide


def _blocks(lines: list[Placed], unit: float) -> list[list[Placed]]:
    """The lines in bands top to bottom, cut where the space down to the next line is :data:`BLOCK_GAP` line heights
    more than the page's usual space between lines (an empty row: the gap between the addresses and the table of an
    invoice); one band where there is no such space."""
    ordered = sorted(lines, key=lambda p: p.y1)
    spaces = _spaces(np.array([p.y1 for p in ordered]), np.array([p.y2 for p in ordered]))[1][::-1]  # top first
    if not len(spaces):
        return [ordered]
    usual = max(float(np.median(spaces)), 0.0)
    cuts = [0, *(np.flatnonzero(spaces > usual + BLOCK_GAP * unit) + 1), len(ordered)]
    return [ordered[start:end] for start, end in itertools.pairwise(cuts)]


def _with_headings(blocks: list[list[Placed]], unit: float) -> list[list[Placed]]:
    """The bands, a band of headings joined to the band under it where each heading starts one of its columns and
    the joined band's gutters keep every heading over its column: a poster's features side by side, each under its
    own heading (they were read as one row of headings, then the texts)."""
    joined: list[list[Placed]] = []
    for block in blocks:
        if joined and _heads_columns(joined[-1], block, unit):
            merged = joined[-1] + block
            split = _gutter(merged, unit, _block_gutter(merged, unit))
            if split is not None and not {id(p) for p in split[0] + split[3]} & {id(p) for p in joined[-1]}:
                joined[-1] = merged
                continue
        joined.append(block)
    return joined


def _heads_columns(heads: list[Placed], block: list[Placed], unit: float) -> bool:
    """``heads``: one or two rows of two lines or more just over ``block`` (under :data:`HEADING_GAP` line heights
    above it), every line starting where a line of ``block`` starts, and ``block`` of more rows than they are (a
    form's row of fields, a label over each value, over the next such row is no heading over columns)."""
    rows = row_numbers(np.array([p.centre for p in heads]), unit)
    if len(heads) < 2 or rows.max() > 2 or (rows == 1).sum() < 2:
        return False
    if row_numbers(np.array([p.centre for p in block]), unit).max() <= rows.max():
        return False
    if min(p.y1 for p in block) - max(p.y2 for p in heads) > HEADING_GAP * unit:
        return False
    starts = np.array([p.x1 for p in block])
    return all(bool((np.abs(starts - head.x1) <= unit / 2).any()) for head in heads)


def _block_gutter(block: list[Placed], unit: float) -> float:
    """The narrowest gutter a band of the page is searched for: any, as on a whole page, where it has
    :data:`TALL_BLOCK` rows or more or its lines are prose (more than :data:`TABLE_WORDS` words, the median; or two
    lines of more than twice that: the descriptions of a row of product cards, under their names and prices): two
    columns above a figure as wide as the page, two more under it; else :data:`BLOCK_GUTTER` line heights (the days
    of a calendar's weeks)."""
    rows = int(row_numbers(np.array([p.centre for p in block]), unit).max())
    words = np.array([len(p.line.text.split()) for p in block])
    prose = float(np.median(words)) > TABLE_WORDS or int((words > 2 * TABLE_WORDS).sum()) >= 2
    return 0.0 if rows >= TALL_BLOCK or prose else BLOCK_GUTTER * unit
