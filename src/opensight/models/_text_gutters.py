"""Where a text detector ran its lines across the gutter between two columns: the gap between two words that sits at
the same place on line after line.

Two columns of justified text a narrow gutter apart (one em: a two-column paper) come back from the detector as one
line per row, running across both columns, and the gutter is no wider than the widest word spaces of a justified
line (up to 1.8 line heights on the benchmark pages, the gutter 0.6-1.4). What tells it apart is that it is at the
same place on every row: a word space lines up with the spaces above and below it for two or three lines at most.
So a gap is a gutter when the gaps of lines one under the other overlap it by :data:`GUTTER_STRIP` line heights or
more, no word of a line between them runs through it, and with the lines beside it (rows the detector did not run
across, counted only where there are such lines on both sides: a receipt's items ending near a space in its title,
their prices far off, are no column) they make at least :data:`GUTTER_LINES` lines — less :data:`GUTTER_BLOCKED` at
each end where a word runs through it: two lines run across it, or one where other rows stand on both sides of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from opensight.tasks._page_frame import PageFrame

#: A gap between two words narrower than this many line heights is a word space, never a gutter.
GUTTER_GAP = 0.4
#: The gaps of a gutter, one under the other, overlap by at least this many line heights …
GUTTER_STRIP = 0.25
#: … and with the lines beside the gutter make at least this many lines, one under the other.
GUTTER_LINES = 4
#: A line beside the gutter counts for it when it ends (or starts) within this many line heights of it: the prices
#: of a receipt far to the right of a space between two words are not a column's edge.
GUTTER_NEAR = 2.0
#: Lines further apart than this many line heights (a paragraph or a block apart) are not one column.
GUTTER_REACH = 3.0
#: A strip that a word runs through, above or below it, counts this many lines less at each such end: a gutter
#: runs the height of its columns, while a river of wide word spaces in justified text (wider than a narrow gutter,
#: in long words or monospace) stops at a word within a few rows. On four two-column pages read out of order (made
#: for a check, not the benchmark's), each of the 9 false gutters was stopped at one end or both, none of the 4 real
#: ones; they made 4 or 5 lines (:data:`GUTTER_LINES` is 4). The read benchmark's justified columns: 96% → 100% in
#: order.
GUTTER_BLOCKED = 2
#: Where no word runs through a strip of narrow gaps, it is a river of word spaces (not two justified columns a narrow
#: gutter apart, every row run across) only where its rows' pieces on one side are under this share of the other's.
EVEN_PIECES = 0.75
#: A gap that overlaps the band by less (word boxes are rough by a few pixels, and the band is what all the strip's
#: gaps share) still continues the strip when it is at least this many line heights wide and lies mostly
#: (:data:`INSIDE`) inside the band: a band narrowed to 11 pixels met a row whose gap of 12 pixels overlapped it by 8,
#: counted as a word through it, and the page was read across both columns.
INSIDE_GAP = 0.15
INSIDE = 0.6
#: A gap is measured against the band widened by this many line heights each side, and a gap that would narrow the
#: band to less than :data:`GUTTER_STRIP` leaves it as it was: the recogniser's word boxes end a few pixels off (a
#: one-em gutter's gaps at 764-777, 760-777, then 754-769: the band narrowed to 764-769 and the top row was left
#: uncut, read across both columns — the read benchmark's docs in columns, 2 of 48 pages).
ROUGH = 0.15
#: A line this many times taller or shorter than the line a strip started from is text of another size (a headline
#: above two columns, a word space of it lying over their gutter): the strip ends there, and the line is not cut —
#: where it reaches within :data:`GUTTER_NEAR` line heights of the strip; one further off is passed over (a stray box
#: round one letter in the next gutter of a page of three columns ended the strip, and the rows above it were read
#: across two columns).
OTHER_SIZE = 1.5
#: The top or bottom line of a strip, alone on its row, is cut only where its words on each side of the gap fill at
#: least this share of the width of that side's other lines (a headline centred over two columns fills neither).
ACROSS_FILLS = 0.5
#: A strip is the word spaces of one justified column, not a gutter, where on every row of it with words on both
#: sides (two rows or more) the word spaces next to its gap on both sides are as wide as it, within this share of it
#: or this many line heights (``EVEN_ROUGH``: word boxes are rough by a few pixels): a justified line spreads its
#: spaces evenly (a front page's column of capitals, 1.3 line heights between words, cut by the detector at every
#: space, was read as two columns), where a gutter lies between two columns' lines, each spaced its own way.
EVEN_SPACES = 0.25
EVEN_ROUGH = 0.25
#: The top or bottom line of a strip standing further from the strip's next line than its usual distance between
#: lines by more than this many line heights is a paragraph over (or under) the columns, not one of their rows.
SET_APART = 1.0


def gutter_gaps(polygons: Sequence[np.ndarray], words: Sequence[Any]) -> list[set[int]]:
    """For each detector line, the gaps between its words (gap ``i`` is between word ``i - 1`` and word ``i``) that
    lie in a gutter. ``polygons``: each line's 4 corners; ``words``: RapidOCR's (text, score, 4-point box) of each
    word of each line (a line without word boxes counts as one word).

    >>> def line(y, *spans):
    ...     words = [("w", 1.0, [[a, y], [b, y], [b, y + 10], [a, y + 10]]) for a, b in spans]
    ...     return np.array([[spans[0][0], y], [spans[-1][1], y], [spans[-1][1], y + 10], [spans[0][0], y + 10]]), words
    >>> rows = [line(12 * k, (0, 30 + 10 * k), (38 + 10 * k, 90), (98, 140)) for k in range(4)]
    >>> gutter_gaps([p for p, _ in rows], [w for _, w in rows])  # the gap at 90-98 is on every row, the other moves
    [{2}, {2}, {2}, {2}]
    """
    if not polygons:
        return []
    frame = _frame(polygons)
    spans, centres, heights = [], [], []
    for polygon, placed in zip(polygons, words, strict=True):
        corners = frame.to_frame(np.asarray(polygon, dtype=np.float64).reshape(4, 2))
        boxes = [frame.to_frame(np.asarray(word[2], dtype=np.float64).reshape(-1, 2)) for word in placed] or [corners]
        spans.append([(float(box[:, 0].min()), float(box[:, 0].max())) for box in boxes])  # left to right
        centres.append(float(corners[:, 1].mean()))
        heights.append(float(corners[:, 1].max() - corners[:, 1].min()))
    unit = float(np.median(heights)) or 1.0
    order = list(np.argsort(centres, kind="stable"))
    rank = {line: position for position, line in enumerate(order)}
    found: list[set[int]] = [set() for _ in polygons]
    for line, span in enumerate(spans):
        for gap in range(1, len(span)):
            start, end = span[gap - 1][1], span[gap][0]
            if end - start < GUTTER_GAP * unit or gap in found[line]:
                continue
            members, left, right, blocked, rows = _strip(spans, centres, heights, order, (rank[line], gap), unit)
            # one line run across is enough where the detector kept other rows apart on both sides of the gap
            beside = len(left) + len(right) if min(len(left), len(right)) >= 1 else 0  # one side: no column's edge
            members = _set_apart(
                _without_headlines(members, spans, (centres, rows), unit, (left, right)), centres, rows, unit
            )
            support = len(members) + beside - GUTTER_BLOCKED * blocked
            # no column's edge beside it, a word running through one end or the pieces unlike columns, and mostly
            # narrow; or pieces much narrower than the page's other lines level with them: a column's word spaces
            river = not beside and (
                (_river(members, spans, unit) and (blocked > 0 or _uneven(members, spans)))
                or _narrower_than_level(members, spans, (centres, rows), unit)
            )
            if (
                (len(members) >= 2 or beside)
                and support >= GUTTER_LINES
                and not river
                and not _evenly_spaced((start + end) / 2, spans, (centres, rows), unit)
            ):
                for member, member_gap in members:
                    found[member].add(member_gap)
    return found


def _strip(
    spans: list[list[tuple[float, float]]],
    centres: list[float],
    heights: list[float],
    order: list[int],
    at: tuple[int, int],
    unit: float,
) -> tuple[list[tuple[int, int]], list[float], list[float], int, list[float]]:
    """The (line, gap) pairs that continue the gap ``at`` (the line's position in top-to-bottom ``order``, and the
    gap's number) up and down — each overlaps what the others leave of the band by :data:`GUTTER_STRIP` line heights —
    and the widths of the lines between them that stay left and right of the band (the detector did not run them
    across it), at how many of its two ends a word runs through the band, and the heights (centres) of all those
    lines. The strip stops at such a word, at a stretch of more than :data:`GUTTER_REACH` line heights without a line,
    or at a line of text of another size (:data:`OTHER_SIZE`)."""
    position, first = at
    members = [(order[position], first)]
    left: list[float] = []  # the widths of the lines beside the band, on its left and on its right
    right: list[float] = []
    blocked = 0
    rows = [centres[order[position]]]
    start, end = spans[order[position]][first - 1][1], spans[order[position]][first][0]
    strip, near = GUTTER_STRIP * unit, GUTTER_NEAR * unit
    for step in (-1, 1):
        last = centres[order[position]]
        for index in order[position + step :: step] if step > 0 else order[position - 1 :: -1]:
            words = spans[index]
            ratio = heights[index] / max(heights[order[position]], 1e-6)
            if abs(centres[index] - last) > GUTTER_REACH * unit:
                break
            if not 1 / OTHER_SIZE < ratio < OTHER_SIZE:
                if words[-1][1] < start - near or words[0][0] > end + near:
                    continue  # a speck or a heading off to one side (a stray box round one letter, the column beside)
                break
            last = centres[index]
            if words[-1][1] <= end - strip:  # a line left of the band (of what it leaves of it, at least) …
                if words[-1][1] >= start - near:  # … counts when it ends near it (a column's edge)
                    start = max(start, words[-1][1])
                    left.append(words[-1][1] - words[0][0])
                    rows.append(centres[index])
                continue
            if words[0][0] >= start + strip:  # … or right of it
                if words[0][0] <= end + near:
                    end = min(end, words[0][0])
                    right.append(words[-1][1] - words[0][0])
                    rows.append(centres[index])
                continue
            found = _overlapping_gap(words, (start, end), unit)
            if found is None:
                blocked += 1
                break  # a word runs through the band
            gap, overlap = found
            narrowed = max(start, words[gap - 1][1]), min(end, words[gap][0])
            if overlap and narrowed[1] - narrowed[0] >= strip:  # a rough box does not narrow it to a sliver
                start, end = narrowed
            members.append((index, gap))  # a narrower gap inside the band continues it, and leaves it as it was
            rows.append(centres[index])
    return (members, left, right, blocked, rows) if end - start >= strip else ([], [], [], 0, [])


def _river(members: list[tuple[int, int]], spans: list[list[tuple[float, float]]], unit: float) -> bool:
    """True when the gaps of a strip's ``members`` (two or more) are mostly narrower than a gutter's narrowest
    (:data:`GUTTER_GAP`, their median): word spaces of justified lines that happen to line up, one of them wide
    (a river, six rows of a photographed column down one side of it: cut there, its rows' pieces were read as a
    table's cells). Asked only where no line beside the band ends or starts near it (the caller): a gutter that the
    detector ran a few rows across, the others kept apart, may read narrow on most of those few (a front page's
    gutter, 22 px on its top row, read 5 and 7 px on the next two); and only where a word runs through the strip at
    an end, as one stops a river, or the strip cuts its rows into pieces of unlike widths (:func:`_uneven`): two
    justified columns 0.6 em apart, tilted, every row run across, read narrow on most rows too, and their columns'
    lines end where the gutter does.

    >>> spans = [[(0, 100), (106, 400)], [(0, 102), (104, 400)], [(0, 98), (115, 400)], [(0, 101), (108, 400)]]
    >>> _river([(k, 1) for k in range(4)], spans, 21.0), _river([(k, 1) for k in range(4)], spans, 12.0)
    (True, False)
    """
    if len(members) < 2:
        return False
    widths = [spans[line][gap][0] - spans[line][gap - 1][1] for line, gap in members]
    return float(np.median(widths)) < GUTTER_GAP * unit


def _uneven(members: list[tuple[int, int]], spans: list[list[tuple[float, float]]]) -> bool:
    """True where the rows of a strip's ``members`` cut at their gaps would leave pieces on one side much narrower
    than on the other (their medians under :data:`EVEN_PIECES` of each other): two columns of a page are about as wide
    as each other, while a river of word spaces can run down a justified paragraph anywhere (a tenth draw's paper: a
    river down a paragraph's five rows, 170 pixels from its left edge and 273 from its right, cut as a gutter, the
    rows' left pieces read before their right pieces).

    >>> rows = [[(0.0, 100.0), (106.0, 400.0)], [(0.0, 102.0), (108.0, 400.0)]]
    >>> _uneven([(0, 1), (1, 1)], rows), _uneven([(0, 1), (1, 1)], [[(0.0, 190.0), (200.0, 400.0)]] * 2)
    (True, False)
    """
    lefts = [spans[line][gap - 1][1] - spans[line][0][0] for line, gap in members]
    rights = [spans[line][-1][1] - spans[line][gap][0] for line, gap in members]
    narrow, wide = sorted((float(np.median(lefts)), float(np.median(rights))))
    return narrow < EVEN_PIECES * wide


def _narrower_than_level(
    members: list[tuple[int, int]],
    spans: list[list[tuple[float, float]]],
    heights: tuple[list[float], list[float]],
    unit: float,
) -> bool:
    """True where the rows of a strip's ``members`` cut at their gaps would leave pieces (on both sides, their
    medians) under :data:`EVEN_PIECES` of the median width of the other lines level with them, two or more, wholly
    left or right of the rows (``heights``: every line's centre, and the centres of the strip's rows): the strip lies
    inside one column of a page whose other column stands beside it, and columns of a page are about as wide as each
    other — a river of word spaces down the four justified rows of a paragraph under a figure (a fourteenth draw's
    paper: 8 px at the median at 18 px lines, as wide as some gutters), the column beside it twice its pieces' width.

    >>> rows = [[(520.0, 730.0), (737.0, 962.0)], [(520.0, 725.0), (735.0, 962.0)], [(42.0, 482.0)], [(42.0, 482.0)]]
    >>> centres = [10.0, 30.0, 12.0, 31.0]
    >>> _narrower_than_level([(0, 1), (1, 1)], rows, (centres, centres[:2]), 18.0)
    True
    >>> _narrower_than_level([(0, 1), (1, 1)], rows[:2] + [[(42.0, 250.0)]] * 2, (centres, centres[:2]), 18.0)
    False
    """
    if len(members) < 2:
        return False
    centres, rows = heights
    inside = {line for line, _ in members}
    start, end = min(spans[line][0][0] for line in inside), max(spans[line][-1][1] for line in inside)
    top, bottom = min(rows) - unit / 2, max(rows) + unit / 2
    level = [
        words[-1][1] - words[0][0]
        for line, words in enumerate(spans)
        if line not in inside and (words[-1][1] <= start or words[0][0] >= end) and top <= centres[line] <= bottom
    ]
    if len(level) < 2:
        return False
    pieces = [
        float(np.median([spans[line][gap - 1][1] - spans[line][0][0] for line, gap in members])),
        float(np.median([spans[line][-1][1] - spans[line][gap][0] for line, gap in members])),
    ]
    return max(pieces) < EVEN_PIECES * float(np.median(level))


def _evenly_spaced(
    at: float,
    spans: list[list[tuple[float, float]]],
    heights: tuple[list[float], list[float]],
    unit: float,
) -> bool:
    """True where the strip's gap (the one of each row that holds ``at``), on each of its rows (``heights``: every
    line's centre, and the centres of the strip's rows) that has two words or more on both sides of it — the words of
    every line on the row — is as wide as the word spaces next to it on both sides (:data:`EVEN_SPACES`), on two rows
    or more: the even spaces of one justified line, not a gutter between two lines spaced each its own way.

    >>> row = [(0.0, 40.0), (70.0, 110.0), (140.0, 180.0), (210.0, 250.0)]  # 30-px spaces, the strip at 110-140
    >>> spans = [row, [(0.0, 40.0), (65.0, 120.0)], [(150.0, 200.0), (225.0, 250.0)]]  # under it in two pieces
    >>> _evenly_spaced(125.0, spans, ([10.0, 30.0, 30.0], [10.0, 30.0, 30.0]), 20.0)
    True
    >>> spans[0] = [(0.0, 40.0), (50.0, 110.0), (140.0, 180.0), (190.0, 250.0)]  # 10-px spaces beside the 30
    >>> _evenly_spaced(125.0, spans, ([10.0, 30.0, 30.0], [10.0, 30.0, 30.0]), 20.0)
    False
    """
    centres, rows = heights
    told = 0
    for row in sorted(set(rows)):
        if any(abs(row - other) < unit / 2 for other in rows if other < row):
            continue  # a row counted already (its pieces on both sides of the strip)
        words = sorted(
            word for index, centre in enumerate(centres) if abs(centre - row) < unit / 2 for word in spans[index]
        )
        ends, starts = np.array([w[1] for w in words[:-1]]), np.array([w[0] for w in words[1:]])
        inside = np.flatnonzero((ends <= at) & (starts >= at))
        if len(inside) != 1 or inside[0] == 0 or inside[0] == len(ends) - 1:
            continue  # no word space next to it on one side
        spaces, here = starts - ends, int(inside[0])
        rough = max(EVEN_SPACES * spaces[here], EVEN_ROUGH * unit)
        if max(abs(spaces[here - 1] - spaces[here]), abs(spaces[here + 1] - spaces[here])) > rough:
            return False
        told += 1
    return told >= 2


def _without_headlines(
    members: list[tuple[int, int]],
    spans: list[list[tuple[float, float]]],
    heights: tuple[list[float], list[float]],
    unit: float,
    beside: tuple[list[float], list[float]],
) -> list[tuple[int, int]]:
    """The strip's ``members`` less its first and last (top and bottom) when that line is alone on its row and its
    words on either side of the gap fall short of :data:`ACROSS_FILLS` of the median width on that side of the other
    members' and of the lines beside the band (``beside``: their widths, left and right): a row of two columns run
    across fills both sides, a headline over them (a word space of it over their gutter) does not, and is no part of
    the gutter. The bottom line is kept where it falls short on one side only: the columns' last row, one of them
    ending a paragraph (two such rows of front pages laid out by Chromium were read as one line across the gutter);
    a line centred under them falls short on both; so is a strip's only member under every line beside the band
    (``heights``: the centres of every line, and of the strip's lines, across the band or beside it), the columns'
    last row run across where every row above it was found apart. (A row the detector cut at its wide spaces has
    other pieces on its row: its piece across the gutter may be short on both sides and still be one.)"""
    centres, rows = heights
    parts = {
        (line, gap): (spans[line][gap - 1][1] - spans[line][0][0], spans[line][-1][1] - spans[line][gap][0])
        for line, gap in members
    }
    top, bottom = min(members, key=lambda m: centres[m[0]]), max(members, key=lambda m: centres[m[0]])

    def headline(member: tuple[int, int]) -> bool:
        if any(
            abs(centres[other] - centres[member[0]]) < unit / 2 for other in range(len(spans)) if other != member[0]
        ):
            return False
        others = [parts[other] for other in members if other != member]
        lefts, rights = [p[0] for p in others] + beside[0], [p[1] for p in others] + beside[1]
        before, after = parts[member]
        short = [
            bool(lefts) and before < ACROSS_FILLS * float(np.median(lefts)),
            bool(rights) and after < ACROSS_FILLS * float(np.median(rights)),
        ]
        # under the columns, a row short on one side only is their last row (one ends a paragraph), not a headline
        last = member == bottom and (member != top or centres[member[0]] >= max(rows))
        return all(short) if last else any(short)

    dropped = {end for end in {top, bottom} if headline(end)}
    return [member for member in members if member not in dropped]


def _set_apart(
    members: list[tuple[int, int]], centres: list[float], rows: list[float], unit: float
) -> list[tuple[int, int]]:
    """The strip's ``members`` less its top and bottom where that line stands further from the strip's next line
    (``rows``: the heights of every line of the strip, across the band or beside it) than the strip's usual distance
    between lines by more than :data:`SET_APART` line heights: a paragraph over the columns, run across the page, a
    word space of it over their gutter (a front page's standfirst was cut there, its second half read as the right
    column's first line), not a row of the columns. Peeled off one by one from each end while the next is set apart
    too: a headline ending at the gutter counts as a line beside it, and the standfirst under it is then the second
    (a twenty-fourth draw's front page).

    >>> _set_apart([(0, 2), (1, 2), (2, 2), (3, 2)], [0.0, 60, 80, 100], [0.0, 60, 80, 100], 15.0)
    [(1, 2), (2, 2), (3, 2)]
    >>> _set_apart([(1, 2), (2, 2), (3, 2), (4, 2)], [-80.0, 0, 60, 80, 100], [-80.0, 0, 60, 80, 100], 15.0)
    [(2, 2), (3, 2), (4, 2)]
    """
    heights = sorted(rows)
    if len(heights) < 3 or not members:
        return members
    limit = float(np.median(np.diff(heights))) + SET_APART * unit
    apart = set()
    while len(heights) >= 3 and heights[1] - heights[0] > limit:
        apart.add(heights.pop(0))
    while len(heights) >= 3 and heights[-1] - heights[-2] > limit:
        apart.add(heights.pop())
    return [member for member in members if centres[member[0]] not in apart]


def _overlapping_gap(
    words: list[tuple[float, float]], band: tuple[float, float], unit: float
) -> tuple[int, bool] | None:
    """The gap of ``words`` that overlaps the ``band`` (start, end) by :data:`GUTTER_STRIP` line heights or more, if
    any, however narrow the gap itself (word boxes are rough by a few pixels: a gutter 0.53 line heights wide read
    0.37 on one row of a page, under :data:`GUTTER_GAP`, and cut the strip in two too short to count); or a gap of
    :data:`INSIDE_GAP` line heights or more that lies mostly (:data:`INSIDE`) inside the band. With it, whether it
    overlaps the band by that much (the band narrows to the overlap) or only lies inside it (the band stays)."""
    rough = ROUGH * unit
    for gap in range(1, len(words)):
        left, right = max(band[0] - rough, words[gap - 1][1]), min(band[1] + rough, words[gap][0])
        own = words[gap][0] - words[gap - 1][1]
        overlap = right - left >= GUTTER_STRIP * unit
        if overlap or (own >= INSIDE_GAP * unit and right - left >= INSIDE * own):
            return gap, overlap
    return None


def _frame(polygons: Sequence[np.ndarray]) -> PageFrame:
    from opensight.tasks._page_frame import page_frame  # here: the tasks import the models

    return page_frame([np.asarray(polygon, dtype=np.float64).reshape(4, 2) for polygon in polygons])


__all__ = ["gutter_gaps"]
