"""A row of cards side by side (for :mod:`._reading_order`): a shop's products, a news page's teasers, a dashboard's
figures. Each card is a stack of lines of different sizes — a label over a big number, a headline over its snippet, a
name over a price and a rating — and the cards of one row start level with each other. Their lines often sit level
across the cards too, so the row looked like a table and was read across: every name, then every price. A row of
cards is read card by card, left to right (:func:`card_stacks`); and a row of cards found anywhere on a page
(:func:`card_rows`: beside a sidebar, over a table) keeps any gutter from running between its cards, so a grid is read
row of cards after row of cards, not a column of cards at a time. Cards of one size and all words (a team page's
name, role and e-mail) are told from a table's rows by the grid: rows of as many cards, each starting where the row
above starts its own, a clear space apart.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["card_rows", "card_stacks", "side_by_side", "widest_space"]

#: Cards stand at least this many line heights apart (no line crossing the space between them) …
CARD_GAP = 1.0
#: … at least this many side by side (two blocks side by side are a form's or a letter's, read by the other rules) …
CARDS = 3
#: … each of two rows or more, no wider space than this many line heights between them (else two cards, one over the
#: other: a grid's column), the first lines of all of them within ``CARD_TOPS`` line heights of each other …
CARD_SPACE = 1.0
CARD_TOPS = 0.5
#: … and in each card a line this many times as tall as a quarter of its lines or more (a big number under its
#: label, a headline over its snippet; the rows of a table or a list are of one size, a line here and there taller by
#: the detector's boxes: a list of mail, eleven rows, was read as three cards), or in every card the same words, then
#: figures, in the same order (a name over its price and rating, a headline over its time), at most this many lines
#: of figures at a time (a table's column of figures under its heading is longer; its first column, of names, has
#: none).
CARD_SIZES = 1.25
CARD_FIGURES = 2
#: … in at most this many runs (words, figures, words: a label, its figure, its change; a file list's names, some
#: of them taken for figures, alternate more often).
CARD_RUNS = 3
#: Lists side by side (a footer's columns of links), each of this many lines or more, ending at different rows, are
#: read list by list too.
LIST_LINES = 3
#: A row of cards anywhere on a page (beside a sidebar, over a table) keeps a gutter from running between its cards
#: (a grid was read a column of cards at a time), where every card is words then figures in the same order, of at
#: most this many lines: the sizes alone say less there (the columns of a newspaper, each under its own headline,
#: start level too).
CARD_LINES = 8
#: … and there, a line is the next of a card's where it is at most this many line heights under the last (a heading
#: over the cards is further: 0.9-1 on the screens it was chosen on; at 0.5 a boarding pass's fields and a calendar's
#: days fell apart).
CARD_LEADING = 0.7
#: Rows of two cards make a grid where this many rows repeat (two columns of paragraphs, a paragraph of each level
#: with the other by chance, are no grid).
GRID_ROWS = 3
#: … and rows of a grid stand this many line heights apart or more (a poster's headings over their texts, a line
#: height apart, are no row of cards over another).
GRID_GAP = 1.5


def card_stacks(
    x1: np.ndarray, x2: np.ndarray, y1: np.ndarray, y2: np.ndarray, numbers: np.ndarray, unit: float
) -> list[np.ndarray] | None:
    """The lines of each card, left to right (indices), where the lines are one row of cards; else None.

    >>> heights = np.array([10.0, 20.0] * 3)  # a label over a big number, three times side by side
    >>> x1 = np.repeat([0.0, 100.0, 200.0], 2); top = np.tile([0.0, 12.0], 3)
    >>> words = np.zeros(6, dtype=bool)
    >>> [s.tolist() for s in card_stacks(x1, x1 + 50, top, top + heights, words, 10.0)]
    [[0, 1], [2, 3], [4, 5]]
    >>> card_stacks(x1, x1 + 50, top, top + 10.0, words, 10.0) is None  # lines of one size, all words: a table's rows
    True
    >>> len(card_stacks(x1, x1 + 50, top, top + 10.0, np.tile([False, True], 3), 10.0))  # a name over its price
    3
    """
    if len(x1) < 2 * CARDS:
        return None
    stacks = side_by_side(x1, x2, unit)
    if len(stacks) < CARDS:
        return None
    tops = np.array([y1[stack].min() for stack in stacks])
    if tops.max() - tops.min() > CARD_TOPS * unit:
        return None
    if any(len(stack) < 2 or widest_space(y1[stack], y2[stack]) > CARD_SPACE * unit for stack in stacks):
        return None
    heights = [y2[stack] - y1[stack] for stack in stacks]
    if all(each.max() >= CARD_SIZES * float(np.percentile(each, 25)) for each in heights):
        return stacks
    return stacks if _alike(stacks, y1, numbers) or _lists(stacks, y1, y2, numbers, unit) else None


def card_rows(
    x1: np.ndarray, x2: np.ndarray, y1: np.ndarray, y2: np.ndarray, numbers: np.ndarray, unit: float
) -> list[list[np.ndarray]]:
    """Every row of cards among the lines, wherever it stands, each as its cards left to right (indices): stacks of
    two lines or more side by side, their first lines level, nothing between them — :data:`CARDS` or more of words
    then figures in the same order (:data:`CARD_LINES` lines at most), or a row repeated under or over it: as many
    cards starting at the same places (a grid of people's names, roles and e-mails; a form's fields, a label over a
    value, an empty field a label alone; two a row where three rows or more repeat).

    >>> x1 = np.array([0.0, 0.0, 100.0, 100.0, 200.0, 200.0, -200.0, -200.0])
    >>> top = np.array([0.0, 12.0] * 4); prices = np.array([False, True] * 3 + [False, False])
    >>> [[card.tolist() for card in row] for row in card_rows(x1, x1 + 50, top, top + 10.0, prices, 10.0)]
    [[[0, 1], [2, 3], [4, 5]]]
    >>> grid = np.tile([0.0, 0.0, 100.0, 100.0, 200.0, 200.0], 2)
    >>> tops = np.repeat([0.0, 50.0], 6) + np.tile([0, 12], 6)  # two rows of three cards of two lines, all words
    >>> len(card_rows(grid, grid + 50, tops, tops + 10.0, np.zeros(12, dtype=bool), 10.0))
    2
    """
    stacks = sorted(_stacks(x1, x2, y1, y2, unit), key=lambda stack: float(y1[stack].min()))
    edges = (x1, x2, y1, y2)
    levels: list[list[np.ndarray]] = []
    start = 0
    while start < len(stacks):
        top = float(y1[stacks[start]].min())
        end = start
        while end < len(stacks) and float(y1[stacks[end]].min()) - top <= CARD_TOPS * unit:
            end += 1
        levels.append(sorted(stacks[start:end], key=lambda stack: float(x1[stack].min())))
        start = end
    rows = [run for level in levels for run in _runs_of_cards(level, edges, numbers)]
    return rows + [row for row in _repeated(levels, edges, unit) if not any(_same(row, known) for known in rows)]


def _runs_of_cards(
    level: list[np.ndarray], edges: tuple[np.ndarray, ...], numbers: np.ndarray
) -> list[list[np.ndarray]]:
    """The runs of :data:`CARDS` or more neighbouring stacks (left to right, their first lines level) that are alike
    cards with nothing between them."""
    y1 = edges[2]
    runs: list[list[np.ndarray]] = [[]]
    for stack in level:
        if not (2 <= len(stack) <= CARD_LINES and _alike([stack], y1, numbers)):
            runs.append([])
            continue
        run = runs[-1]
        if run and not (_alike([run[0], stack], y1, numbers) and _nothing_between(run[-1], stack, edges)):
            runs.append([])
        runs[-1].append(stack)
    return [run for run in runs if len(run) >= CARDS]


def _repeated(levels: list[list[np.ndarray]], edges: tuple[np.ndarray, ...], unit: float) -> list[list[np.ndarray]]:
    """The level rows of stacks (up to :data:`CARD_LINES` lines each, at most half of them of one line — a form's
    empty field, its label alone, beside a filled one — the others at most twice as long as each other, nothing
    between them) that another such row repeats — as many stacks, each starting within a line height of its fellow's
    start — :data:`GRID_ROWS` rows of two, or two rows of three or more."""
    x1 = edges[0]
    candidates: list[list[np.ndarray]] = []
    for level in levels:
        cards = [stack for stack in level if len(stack) <= CARD_LINES]
        single = sum(len(card) == 1 for card in cards)  # a form's empty field beside a filled one: half at most
        sizes = [len(card) for card in cards if len(card) > 1]  # the others of alike lengths (a table's columns of
        # cells chain into stacks of any length: two e-mails beside five phones)
        if (
            len(cards) >= 2
            and 2 * single <= len(cards)
            and max(sizes) <= 2 * min(sizes)
            and all(_nothing_between(a, b, edges) for a, b in itertools.pairwise(cards))
        ):
            candidates.append(cards)
    starts = [np.array([x1[card].min() for card in row]) for row in candidates]
    found = []
    for index, row in enumerate(candidates):
        fellows = [
            other
            for at, other in enumerate(candidates)
            if at != index
            and len(other) == len(row)
            and bool(np.all(np.abs(starts[at] - starts[index]) < unit))
            and _apart(row, other, edges) >= GRID_GAP * unit
        ]
        if len(fellows) + 1 >= (GRID_ROWS if len(row) == 2 else 2):
            found.append(row)
    return found


def _apart(one: list[np.ndarray], other: list[np.ndarray], edges: tuple[np.ndarray, ...]) -> float:
    """The empty space between two rows of cards, one over the other."""
    y1, y2 = edges[2], edges[3]
    upper, lower = (one, other) if y1[one[0]].min() < y1[other[0]].min() else (other, one)
    return float(min(y1[card].min() for card in lower) - max(y2[card].max() for card in upper))


def _same(one: list[np.ndarray], other: list[np.ndarray]) -> bool:
    return len(one) == len(other) and all(set(a.tolist()) == set(b.tolist()) for a, b in zip(one, other, strict=True))


def _nothing_between(one: np.ndarray, other: np.ndarray, edges: tuple[np.ndarray, ...]) -> bool:
    """True where no other line stands in the space between two stacks side by side, level with them."""
    x1, x2, y1, y2 = edges
    left, right = float(x2[one].max()), float(x1[other].min())
    top = float(min(y1[one].min(), y1[other].min()))
    bottom = float(max(y2[one].max(), y2[other].max()))
    between = (x2 > left) & (x1 < right) & (y2 > top) & (y1 < bottom)
    between[one] = between[other] = False
    return not between.any()


def _stacks(x1: np.ndarray, x2: np.ndarray, y1: np.ndarray, y2: np.ndarray, unit: float) -> list[np.ndarray]:
    """The lines in stacks: a line joins the one under it where they overlap along the row with at most
    :data:`CARD_LEADING` line heights between them, and a fragment beside it on its row under :data:`CARD_GAP` away."""
    parent = np.arange(len(x1))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    across = np.minimum(x2[:, None], x2[None, :]) - np.maximum(x1[:, None], x1[None, :])
    down = np.maximum(y1[:, None], y1[None, :]) - np.minimum(y2[:, None], y2[None, :])
    centres = (y1 + y2) / 2
    level = np.abs(centres[:, None] - centres[None, :]) < unit / 2
    linked = ((across > 0) & (down <= CARD_LEADING * unit)) | (level & (-across < CARD_GAP * unit))
    for i, j in zip(*np.nonzero(np.triu(linked, 1)), strict=True):
        parent[root(int(i))] = root(int(j))
    groups: dict[int, list[int]] = {}
    for index in range(len(x1)):
        groups.setdefault(root(index), []).append(index)
    return [np.array(group) for group in groups.values()]


def _alike(stacks: list[np.ndarray], y1: np.ndarray, numbers: np.ndarray) -> bool:
    """True where every stack is words and figures in the same order, top to bottom (two runs or more, at most
    :data:`CARD_RUNS`; a card may end sooner than another: a figure without its change against last week), no run of
    figures over :data:`CARD_FIGURES` lines."""
    kinds = [_kinds(numbers[stack[np.argsort(y1[stack], kind="stable")]]) for stack in stacks]
    orders = [[figures for figures, _ in kind] for kind in kinds]
    longest = max(orders, key=len)
    if (
        len(min(orders, key=len)) < 2
        or len(longest) > CARD_RUNS
        or any(order != longest[: len(order)] for order in orders)
    ):
        return False
    return all(run <= CARD_FIGURES for kind in kinds for figures, run in kind if figures)


def _lists(stacks: list[np.ndarray], y1: np.ndarray, y2: np.ndarray, numbers: np.ndarray, unit: float) -> bool:
    """True where the stacks are lists side by side, each ending where its own items end: all words, :data:`LIST_LINES`
    lines or more each, not all as long, and the lines of every list level, one for one, with the first lines of the
    longest (a footer's columns of links, each under its heading). A table's columns are as long as each other; where
    a cell of one is two lines, the lines of the others skip its second line."""
    counts = [len(stack) for stack in stacks]
    if min(counts) < LIST_LINES or min(counts) == max(counts) or any(numbers[stack].any() for stack in stacks):
        return False
    centres = [np.sort((y1[stack] + y2[stack]) / 2) for stack in stacks]
    longest = centres[int(np.argmax(counts))]
    return all(bool(np.all(np.abs(each - longest[: len(each)]) < unit / 4)) for each in centres)


def widest_space(y1: np.ndarray, y2: np.ndarray) -> float:
    """The widest empty space between the lines of one stack, top to bottom (0 where none is empty)."""
    order = np.argsort(y1, kind="stable")
    reached = np.maximum.accumulate(y2[order])
    return float(max(0.0, (y1[order][1:] - reached[:-1]).max(initial=0.0)))


def _kinds(numbers: np.ndarray) -> list[tuple[bool, int]]:
    """Runs of words and of figures, top to bottom: (figures?, how many lines)."""
    runs: list[tuple[bool, int]] = []
    for figures in numbers.tolist():
        if runs and runs[-1][0] == figures:
            runs[-1] = (figures, runs[-1][1] + 1)
        else:
            runs.append((figures, 1))
    return runs


def side_by_side(x1: np.ndarray, x2: np.ndarray, unit: float) -> list[np.ndarray]:
    """The lines in groups left to right, a group ending where no line reaches within :data:`CARD_GAP` line heights
    of the next line's start."""
    order = np.argsort(x1, kind="stable")
    groups: list[list[int]] = [[int(order[0])]]
    reach = float(x2[order[0]])
    for index in order[1:]:
        if x1[index] - reach >= CARD_GAP * unit:
            groups.append([])
        groups[-1].append(int(index))
        reach = max(reach, float(x2[index]))
    return [np.array(group) for group in groups]
