"""Rows, cells and tables for the reading order (:mod:`._reading_order`): whether the lines on both sides of a gap
are a table — read row by row — rather than two columns.

A receipt or menu (an item, then its price), a form (``Label:`` and its value), a timetable (cells starting at the
same places row after row), a side of numbers level with the other side's rows, rows of numbers beside their items
inside a page (an invoice): the rows are read across the gap.
"""

from __future__ import annotations

import math
import re

import numpy as np

from opensight.tasks._reading_cards import side_by_side

__all__ = [
    "ALIGNED",
    "ALIGN_SPREAD",
    "JOIN_GAP",
    "TABLE_NARROW",
    "TABLE_PAIRED",
    "TABLE_WORDS",
    "at_one_place",
    "is_number",
    "is_table",
    "paired_both",
    "row_extents",
    "row_numbers",
    "table_under",
]

#: Fragments on one row closer than this many line heights are one line.
JOIN_GAP = 1.5
#: The lines of a column, or a table's cells, start (or end) at one place: this share of them within ``ALIGN_SPREAD``
#: line heights of it.
ALIGNED = 0.8
ALIGN_SPREAD = 0.5
#: Both sides paired row by row this often (and one side narrow) make a table, read row by row.
TABLE_PAIRED = 0.8
#: A menu's prices are the lines within this many line heights of the gap (another menu may stand further along).
NEAR_GAP = 2.0
#: A table inside a page (:func:`_numbers_beside`): at least this many rows of a number right of the gap level with a
#: line on its left.
TABLE_ROWS = 3
#: Words of at most this many letters beside digits are units ('3 am', '12 kg'): the cell is a number.
UNIT_LETTERS = 3
#: In a table the narrow side (prices, numbers) is at most this share of the wide side's width.
TABLE_NARROW = 0.6
#: Rows paired across a gap, with this share of one side's rows holding several of its lines far apart (a timetable:
#: time, place, platform, status), are rows of a table.
TABLE_CELLS = 0.5
#: … of cells of at most this many words (the median): three columns of prose side by side have their lines level
#: too (CSS columns; a new user's trial read three ragged-right columns row by row across the page) …
TABLE_WORDS = 3
#: … when its rows are level with each other to within this many line heights (a file manager's sidebar beside its
#: list of files runs at its own spacing, half a line height off at times: two columns).
TABLE_LEVEL = 0.25
#: … once the rows' common slope is taken out (at most this steep): the tilt read off the detector's boxes of short
#: words is rough (a new user's unturned table of days and hours was read as turned 1.7°, which put its third column a
#: third of a line height off its first), and a slope shared by every row is the page's, not another spacing.
LEVEL_SLOPE = math.tan(math.radians(5))
#: Two rows or fewer, paired across a gap this many line heights wide or wider, prose on both sides, are the first
#: rows of two columns, not a caption with a wide space (two columns over a figure as wide as the page, an eleventh
#: draw's paper, were read across); a narrower gap in two rows of prose is a word space the detector cut them at (a
#: summary across a page, the draw before).
COLUMNS_GAP = 0.5
#: Short lines level row by row across a gap wider than the narrower side's lines, with at least this share of one
#: side's lines numbers, are labels and their values (a product's specifications: Weight 3.3 kg, Colour Red); two
#: lists of words side by side have no numbers.
KEY_VALUES = 0.4
#: The lines of a paragraph are at most this many line heights apart, centre to centre.
PARAGRAPH_PITCH = 1.4
#: Labels and values level one for one, this many pairs or more: a certificate's fields, a table of pairs of words.
CERTIFICATE_PAIRS = 5
#: A numbered list's item starts so ('1. ', '2) ').
STEP = re.compile(r"\d{1,2}[.)]\s")
#: Labels ending with a colon, with their values on the same rows (Name: … Date: …), are a form, read row by row:
#: this share of the left side's lines end so.
FORM_LABELS = 0.8


def row_numbers(centres: np.ndarray, unit: float) -> np.ndarray:
    """A row number for each centre, top to bottom: a new row where the next centre is half a line height lower."""
    order = np.argsort(centres, kind="stable")
    numbers = np.empty(len(centres), dtype=np.int64)
    numbers[order] = np.cumsum(np.r_[True, np.diff(centres[order]) >= unit / 2])
    return numbers


def row_extents(
    side: np.ndarray, x1: np.ndarray, x2: np.ndarray, centre: np.ndarray, unit: float, until: float = np.inf
) -> tuple[np.ndarray, np.ndarray]:
    """Where each row of the ``side`` lines starts, and how wide it is (lines whose centres are within half a line
    height of the one above are one row) up to its first gap of ``until`` or more (the next gutter of three columns).

    >>> row_extents(np.ones(3, bool), np.array([0.0, 50, 0]), np.array([40.0, 90, 70]), np.array([0.0, 1, 20]), 10)
    (array([0., 0.]), array([90., 70.]))
    """
    rows = row_numbers(centre[side], unit)
    starts, widths = [], []
    for row in np.unique(rows):
        pieces = sorted(zip(x1[side][rows == row], x2[side][rows == row], strict=True))
        end = pieces[0][1]
        for start, stop in pieces[1:]:
            if start - end >= until:
                break
            end = max(end, stop)
        starts.append(pieces[0][0])
        widths.append(end - pieces[0][0])
    return np.array(starts), np.array(widths)


def is_number(text: str) -> bool:
    """Mostly digits (a price, a quantity, a date), or digits with short units ('3 am', '12 kg', '5 min').

    >>> is_number("12.90"), is_number("€ 3,20"), is_number("3 pm"), is_number("Tea"), is_number("Page 3")
    (True, True, True, False, False)
    """
    kept = [c for c in text if c.isalnum()]
    if not kept or not any(c.isdigit() for c in kept):
        return False
    units = [word for word in text.split() if not any(c.isdigit() for c in word)]
    return sum(c.isdigit() for c in kept) * 2 >= len(kept) or all(len(word) <= UNIT_LETTERS for word in units)


def is_table(
    left: np.ndarray,
    right: np.ndarray,
    x1: np.ndarray,
    x2: np.ndarray,
    centre: np.ndarray,
    unit: float,
    gap: float,
    numbers: np.ndarray,
    words: np.ndarray,
    texts: list[str],
) -> bool:
    """True when nearly every line on each side has a partner on the other side's same row, and either side has
    several cells a row (a timetable), or the left side's lines are labels ending with a colon (a form), or labels
    and values with numbers among the values (a spec sheet), or five pairs or more level one for one (a
    certificate's fields, a word and its translation), or one side is narrow next to
    the gap and next to the other side with the rows level (item … price: a recipe's ingredients beside its steps,
    each list at its own spacing, are columns), or there are only two such rows (a caption with a wide space); or,
    paired or not as a whole, rows of numbers right of the gap stand level with lines on its left (an invoice's
    items: :func:`_numbers_beside`; or among the lines next to the gap: a mail sidebar's counts of messages beside
    its folders, the list of mail further right), or a line or two on one side stand each level with a line across
    (a CV's dates: :func:`_few_level`), or every number on one side stands level with a line of words on the other,
    lines without a number under some (a menu's prices, a programme's times; where another menu stands further along
    the same side, its lines next to the gap): then the rows are read across, not as two columns."""

    def paired(one: np.ndarray, other: np.ndarray) -> float:  # on the same row: within half a line height
        return paired_share(one, other, centre, unit / 2)

    # a menu: every price on the right beside a dish on the left, with a line of description under some dishes;
    # or a programme: every time on the left beside a talk on the right, its speaker on a line under it
    # … also where the other menu beside it is on the same side: only the lines next to the gap are its prices
    # … and where another menu with its own prices stands further along the other side (two menus side by
    # side, the right one shorter: its prices stand alone at the page's right edge): its dishes next to the gap
    # … looked for also where each side's lines all have partners on the other (a photo of two menus side by side,
    # the second menu's rows level with the first's dishes: its prices were read after all of its dishes)
    near_right = right & (x1 < x1[right].min(initial=np.inf) + NEAR_GAP * unit)
    near_left = left & (x2 > x2[left].max(initial=-np.inf) - NEAR_GAP * unit)
    if (
        _numbers_beside(left, right, x1, x2, centre, unit, numbers)
        or _numbers_beside(left, near_right, x1, x2, centre, unit, numbers)
        or _values_flush_right(left, right, x1, x2, centre, unit, words)
        or _few_level(left, right, centre, unit, words)
        or _few_level(right, left, centre, unit, words)
    ):
        return True
    for keys, items in (
        (right, left),
        (left, right),
        (near_right, left),
        (near_left, right),
        (right, near_left),
        (left, near_right),
    ):
        priced = paired(keys, items) >= TABLE_PAIRED and float(numbers[keys].mean()) >= TABLE_PAIRED
        priced = priced and float(numbers[items].mean()) < 1 - TABLE_PAIRED  # dishes and talks are words
        if priced and int(keys.sum()) >= 2 and _level_share(keys, items, x1, x2, centre, unit) >= TABLE_PAIRED:
            return True
    if min(paired(left, right), paired(right, left)) < TABLE_PAIRED:
        return False
    if min(int(left.sum()), int(right.sum())) <= 2:  # two paired rows: a caption with a wide space …
        return gap < COLUMNS_GAP * unit or not _prose_row(left, right, centre, unit, words)  # … or columns' first rows

    def cells(side: np.ndarray) -> bool:  # most of its rows hold several of its lines, all apart
        rows, starts, ends = centre[side], x1[side], x2[side]
        apart = np.maximum(starts[:, None] - ends[None, :], starts[None, :] - ends[:, None])
        same_row = np.abs(rows[:, None] - rows[None, :]) < unit / 2
        np.fill_diagonal(same_row, False)
        nearest = np.where(same_row, apart, np.inf).min(axis=1, initial=np.inf)
        # the nearest on its row, not any: the words of a justified line the detector cut at its wide spaces are
        # fragments of one line, however far its first and last words are apart
        celled = np.isfinite(nearest) & (nearest >= JOIN_GAP * unit)
        # a share of rows, not of lines: a justified row of few words in a monospace face, cut at its spaces of
        # several line heights, is three lines apart, while the rows above and below are one line each
        row_of = row_numbers(rows, unit)
        return len(np.unique(row_of[celled])) >= TABLE_CELLS * len(np.unique(row_of))

    level = (
        min(_level_share(left, right, x1, x2, centre, unit), _level_share(right, left, x1, x2, centre, unit))
        >= TABLE_PAIRED
    )
    if level and float(np.mean([texts[i].rstrip().endswith(":") for i in np.flatnonzero(left)])) >= FORM_LABELS:
        return True  # a form: each label, then its value
    # a side with several cells a row: a table of three or more columns — of short cells: three columns of prose,
    # their lines level across the page (CSS columns), are not a timetable, nor narrow ones whose justified rows the
    # detector cut at their wide spaces (words counted by the piece of a row in each column, :func:`_piece_words`)
    short = level and float(np.median(_piece_words(left, right, (x1, x2, centre), unit, words))) <= TABLE_WORDS
    short = short and not _prose_row(left, right, centre, unit, words)  # asked only where the rows are level
    aligned = (_aligned_cells(side, edges, centre, unit) for side in (left, right) for edges in (x1, x2))
    if level and short and (cells(left) or cells(right) or any(aligned)):  # each test only where the ones before fail
        return True
    number_share = max(float(numbers[left].mean()), float(numbers[right].mean()))
    numeric = number_share >= TABLE_PAIRED
    if level and numeric:
        return True  # a side of numbers level with the other side's rows: the columns of a table, however close
    sides = sorted([float(np.median(x2[left] - x1[left])), float(np.median(x2[right] - x1[right]))])
    narrow, wide = sides
    # labels and values a wide gap apart, or each row's pair level within a quarter of a line height (a product page's
    # table of specifications, its values a few pixels right of the labels' column), some values numbers (3.3 kg,
    # 28 x 27 cm): a spec sheet …
    one_to_one = _one_to_one(left, right, centre, unit)
    spec = number_share >= KEY_VALUES and (gap >= narrow or one_to_one)
    # … or five pairs or more, each level with its partner within a quarter of a line height: a certificate's name,
    # date and place of birth, its registration number; a word and its translation, a country and its capital (a new
    # user's ten such tables of words, no number among them, were read a column at a time, every pair lost; a list
    # set in two columns keeps its items whole read either way, and a sorted one is read a column at a time:
    # :func:`~._reading_lists.sorted_columns`)
    pairs = one_to_one and int(left.sum()) >= CERTIFICATE_PAIRS
    if level and short and (spec or pairs):
        return True
    # item … price: one side narrow next to the gap AND clearly narrower than the other or mostly numbers, its rows
    # level with the other's; two sides of prose about as wide as each other are two columns, even when their rows
    # happen to line up, and so is a narrow block of short lines beside a paragraph (a forum post's author beside a
    # post of three lines: the wide side's lines of more than twice TABLE_WORDS words, the median, a line height
    # apart — a list of mail, a subject a row, has its rows further apart)
    wider = right if float(np.median(x2[right] - x1[right])) >= float(np.median(x2[left] - x1[left])) else left
    pitch = float(np.median(np.diff(np.sort(centre[wider])))) if wider.sum() > 1 else np.inf
    prose = float(np.median(words[wider])) > 2 * TABLE_WORDS and pitch <= PARAGRAPH_PITCH * unit and not numeric
    # … and a numbered list (a recipe's steps beside its ingredients, their rows level) is a column of its own
    steps = float(np.mean([STEP.match(texts[i]) is not None for i in np.flatnonzero(wider)])) >= TABLE_PAIRED
    return narrow <= 2 * gap and (narrow <= TABLE_NARROW * wide or numeric) and level and not prose and not steps


def _piece_words(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    words: np.ndarray,
) -> np.ndarray:
    """The count of words of each piece of a row: its lines in one group of ``left`` or of ``right`` side by side
    (:func:`~._reading_cards.side_by_side`: columns no line crosses), together. Three columns of a front page, 11
    line heights wide, justified: the detector cut rows at their word spaces of 1.5-2 line heights ('ordinary' |
    'least' | 'squares.'), a median of 3 words a line, and the page was read as a table, row by row across the
    columns; by the piece, 4-6 words. A table's cells stand in groups of their own, each a piece.

    >>> x1, x2 = np.array([0.0, 60, 0, 300]), np.array([40.0, 200, 200, 340])
    >>> left = np.array([True, True, True, False])
    >>> _piece_words(left, ~left, (x1, x2, np.array([0.0, 0, 20, 0])), 10, np.array([1, 3, 4, 2])).tolist()
    [4, 4, 2]
    """
    x1, x2, centre = edges
    counts: list[int] = []
    for side in (left, right):
        indices = np.flatnonzero(side)
        if not len(indices):
            continue
        for group in side_by_side(x1[indices], x2[indices], unit):
            lines = indices[group]
            rows = row_numbers(centre[lines], unit)
            counts += [int(words[lines[rows == row]].sum()) for row in np.unique(rows)]
    return np.array(counts)


def paired_share(one: np.ndarray, other: np.ndarray, centre: np.ndarray, within: float) -> float:
    """The share of the lines ``one`` that stand level with a line of ``other``: centres less than ``within`` apart.

    >>> paired_share(np.array([True, True, False]), np.array([False, False, True]), np.array([0, 30, 2.0]), 5)
    0.5
    """
    if not one.any() or not other.any():
        return 0.0
    distance = np.abs(centre[one][:, None] - centre[other][None, :]).min(axis=1)
    return float((distance < within).mean())


def paired_both(one: np.ndarray, other: np.ndarray, centre: np.ndarray, within: float) -> float:
    """The smaller of the two sides' :func:`paired_share`: how nearly every line on each side has a partner across.

    >>> paired_both(np.array([True, True, False]), np.array([False, False, True]), np.array([0, 30, 2.0]), 5)
    0.5
    """
    return min(paired_share(one, other, centre, within), paired_share(other, one, centre, within))


def _few_level(few: np.ndarray, many: np.ndarray, centre: np.ndarray, unit: float, words: np.ndarray) -> bool:
    """True where the lines ``few`` are short, each level with a line of ``many`` (within a quarter of a line height),
    one line alone or in groups of one or two more than two line heights apart: a CV's dates flush right beside its
    jobs' titles, an order's number over its link beside each order's header. Two lines one under the other, alone,
    are a block of their own (a statement's period and number beside the bank's address).

    >>> few, many = np.array([True, True, False, False]), np.array([False, False, True, True])
    >>> [_few_level(few, many, np.array(c), 20, np.ones(4)) for c in ([0, 90, 1, 91.0], [0, 24, 1, 25.0])]
    [True, False]
    """
    if not few.any() or float(words[few].max()) > TABLE_WORDS:
        return False
    centres = np.sort(centre[few])
    groups = np.split(centres, np.flatnonzero(np.diff(centres) > 2 * unit) + 1)
    apart = few.sum() == 1 or (len(groups) >= 2 and max(len(group) for group in groups) <= 2)
    return apart and paired_share(few, many, centre, unit / 4) == 1


def _one_to_one(left: np.ndarray, right: np.ndarray, centre: np.ndarray, unit: float) -> bool:
    """True when the two sides have as many lines, each level with one on the other side within a quarter of a line
    height.

    >>> left, right = np.array([True, True, False, False]), np.array([False, False, True, True])
    >>> [_one_to_one(left, right, np.array(centres), 20) for centres in ([0, 30, 2, 31.0], [0, 30, 9, 40.0])]
    [True, False]
    """
    return left.sum() == right.sum() and paired_both(left, right, centre, unit / 4) == 1.0


def _numbers_beside(
    left: np.ndarray,
    right: np.ndarray,
    x1: np.ndarray,
    x2: np.ndarray,
    centre: np.ndarray,
    unit: float,
    numbers: np.ndarray,
) -> bool:
    """True when :data:`TABLE_ROWS` or more of the lines right of the gap that stand level with a line on its left
    are numbers, and they are at least half of those: the rows of a table inside a page — an invoice's items and
    their quantities and prices, its address above them and its totals below (neither side is paired as a whole).
    A column of prose beside another may have a line of numbers level with the other's lines, not half of them."""
    if not left.any() or int((right & numbers).sum()) < TABLE_ROWS:
        return False
    beside = _level_lines(right, left, x1, x2, centre, unit)
    priced = int((beside & numbers[right]).sum())
    return priced >= TABLE_ROWS and 2 * priced >= int(beside.sum())


def _prose_row(left: np.ndarray, right: np.ndarray, centre: np.ndarray, unit: float, words: np.ndarray) -> bool:
    """True when a row holds lines on both sides of the gap and only lines of prose (more than twice
    :data:`TABLE_WORDS` words): the descriptions of product cards side by side, under their names and prices, which
    are short — cards, not the cells of a table (a table's row of descriptions has its item's name beside them).

    >>> left, right = np.array([True, True, False, False]), np.array([False, False, True, True])
    >>> centre, words = np.array([0.0, 30, 0, 30]), np.array([2, 8, 2, 9])
    >>> _prose_row(left, right, centre, 20, words), _prose_row(left, right, centre, 20, np.array([2, 8, 2, 2]))
    (True, False)
    """
    sides = left | right
    rows = row_numbers(centre[sides], unit)
    prose, on_left = words[sides] > 2 * TABLE_WORDS, left[sides]
    for row in np.unique(rows):
        here = rows == row
        if prose[here].all() and on_left[here].any() and not on_left[here].all():
            return True
    return False


def _values_flush_right(
    left: np.ndarray,
    right: np.ndarray,
    x1: np.ndarray,
    x2: np.ndarray,
    centre: np.ndarray,
    unit: float,
    words: np.ndarray,
) -> bool:
    """True when the lines right of the gap (:data:`TABLE_ROWS` or more, of a few words) end at one place and start
    anywhere, each level with a line on its left: values set flush right beside their labels (a settings screen, an
    account page), read row by row. A right column of text starts its lines at one place; headings on the left
    with no value beside them are allowed.

    >>> x1, x2 = np.array([0.0, 0, 0, 0, 300, 350, 320]), np.array([60.0, 80, 70, 50, 400, 400, 401])
    >>> left, right = np.arange(7) < 4, np.arange(7) >= 4
    >>> centre, words = np.array([0.0, 40, 80, 120, 40, 80, 120]), np.ones(7, dtype=np.int64)
    >>> _values_flush_right(left, right, x1, x2, centre, 20, words)
    True
    """
    if int(right.sum()) < TABLE_ROWS or not left.any():
        return False
    flush, ragged = at_one_place(x2[right], unit), not at_one_place(x1[right], unit)
    short = float(np.median(words[right])) <= TABLE_WORDS
    return flush and ragged and short and _level_share(right, left, x1, x2, centre, unit) >= TABLE_PAIRED


def at_one_place(edges: np.ndarray, unit: float) -> bool:
    """True when :data:`ALIGNED` of the ``edges`` (lines' starts or ends) lie within :data:`ALIGN_SPREAD` line heights
    of their median: a column's left edge, flush-right values.

    >>> at_one_place(np.array([0.0, 2, 1, 40]), 10), at_one_place(np.array([0.0, 30, 60]), 10)
    (False, False)
    >>> at_one_place(np.array([0.0, 2, 1, 3, 1, 40]), 10)
    True
    """
    return float((np.abs(edges - np.median(edges)) <= ALIGN_SPREAD * unit).mean()) >= ALIGNED


def _aligned_cells(side: np.ndarray, edges: np.ndarray, centre: np.ndarray, unit: float) -> bool:
    """True when the ``side`` lines' ``edges`` (their starts, or their ends) line up at two or more places, each
    reached on :data:`ALIGNED` of the side's rows or more (within :data:`ALIGN_SPREAD` line heights): the cells of a
    table's columns, however close. A column of prose has one start (and one end) on most rows; the pieces of its
    justified rows cut at wide spaces start anywhere.

    >>> side, centre = np.ones(6, bool), np.array([0.0, 0, 30, 30, 60, 60])
    >>> _aligned_cells(side, np.array([0.0, 90, 1, 91, 0, 89]), centre, 20)  # two columns of cells
    True
    >>> _aligned_cells(side, np.array([0.0, 90, 1, 40, 0, 130]), centre, 20)  # pieces of justified rows
    False
    """
    rows = row_numbers(centre[side], unit)
    if len(np.unique(rows)) < 3:
        return False
    order = np.argsort(edges[side])
    places, rows = edges[side][order], rows[order]
    groups = np.cumsum(np.r_[True, np.diff(places) > ALIGN_SPREAD * unit])
    reached = [len(np.unique(rows[groups == group])) for group in np.unique(groups)]
    return sum(count >= ALIGNED * len(np.unique(rows)) for count in reached) >= 2


def _level_share(
    one: np.ndarray, other: np.ndarray, x1: np.ndarray, x2: np.ndarray, centre: np.ndarray, unit: float
) -> float:
    """The share of the ``one`` lines level with their nearest partner among the ``other`` lines (the same row: within
    :data:`TABLE_LEVEL` line heights), once the slope the pairs share (the page's tilt left in the frame, up to
    :data:`LEVEL_SLOPE`) is taken out.

    >>> one, other = np.array([True, True, False, False]), np.array([False, False, True, True])
    >>> x1, x2 = np.array([0.0, 0, 500, 500]), np.array([50.0, 50, 550, 550])
    >>> turned, spaced = np.array([0.0, 40, 15, 55]), np.array([0.0, 40, 8, 60])  # a slope shared, or not
    >>> _level_share(one, other, x1, x2, turned, 20), _level_share(one, other, x1, x2, spaced, 20)
    (1.0, 0.0)
    """
    return float(_level_lines(one, other, x1, x2, centre, unit).mean())


def _level_lines(
    one: np.ndarray, other: np.ndarray, x1: np.ndarray, x2: np.ndarray, centre: np.ndarray, unit: float
) -> np.ndarray:
    """For each of the ``one`` lines, whether it is level with its nearest partner among the ``other`` lines (see
    :func:`_level_share`)."""
    middle = (x1 + x2) / 2
    dy = centre[other][None, :] - centre[one][:, None]
    nearest = np.abs(dy).argmin(axis=1)
    dy = dy[np.arange(len(nearest)), nearest]
    dx = middle[other][nearest] - middle[one]
    apart = np.abs(dx) > unit
    slope = float(np.clip(np.median(dy[apart] / dx[apart]), -LEVEL_SLOPE, LEVEL_SLOPE)) if apart.any() else 0.0
    return np.asarray(np.abs(dy - slope * dx) < TABLE_LEVEL * unit)


def table_under(
    under: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    texts: list[str],
) -> bool:
    """``under`` (the lines under an empty row below both columns) is a table across the gap that covers less than
    half of the right column's width: a report's table of figures under two columns of text, which the columns'
    gutter cut in two (its label and first values read after the left column, its last values after the right)."""
    x1, x2, y1, y2 = boxes
    if not ((left & ~under).any() and (right & ~under).any() and (under & left).any() and (under & right).any()):
        return False
    column = right & ~under
    if x2[under & right].max() > (x1[column].min() + x2[column].max()) / 2:
        return False  # as wide as the column: a table (or text) of the right column's own
    numbers, words = np.zeros(len(texts), dtype=bool), np.zeros(len(texts), dtype=np.int64)
    for index in np.flatnonzero(under):  # for these lines only: this runs for every edge a gutter is looked for at
        numbers[index], words[index] = is_number(texts[index]), len(texts[index].split())
    width = float(x1[under & right].min() - x2[under & left].max())
    centre = (y1 + y2) / 2
    return is_table(under & left, under & right, x1, x2, centre, unit, width, numbers, words, texts)
