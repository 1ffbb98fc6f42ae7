"""A row of cards side by side (for :mod:`._reading_order`): a shop's products, a news page's teasers, a dashboard's
figures. Each card is a stack of lines of different sizes — a label over a big number, a headline over its snippet, a
name over a price and a rating — and the cards of one row start level with each other. Their lines often sit level
across the cards too, so the row looked like a table and was read across: every name, then every price. A row of
cards is read card by card, left to right (:func:`card_stacks`); and a row of cards found anywhere on a page
(:func:`card_rows`: beside a sidebar, over a table) keeps any gutter from running between its cards, so a grid is read
row of cards after row of cards, not a column of cards at a time.
"""

from __future__ import annotations

import numpy as np

__all__ = ["card_rows", "card_stacks", "side_by_side"]

#: Cards stand at least this many line heights apart (no line crossing the space between them) …
CARD_GAP = 1.0
#: … at least this many side by side (two blocks side by side are a form's or a letter's, read by the other rules) …
CARDS = 3
#: … each of two rows or more, no wider space than this many line heights between them (else two cards, one over the
#: other: a grid's column), the first lines of all of them within ``CARD_TOPS`` line heights of each other …
CARD_SPACE = 1.0
CARD_TOPS = 0.5
#: … and in each card a line this many times as tall as another (a big number under its label, a headline over its
#: snippet; the rows of a table are of one size), or in every card the same words, then figures, in the same order (a
#: name over its price and rating, a headline over its time), at most this many lines of figures at a time (a table's
#: column of figures under its heading is longer; its first column, of names, has none).
CARD_SIZES = 1.25
CARD_FIGURES = 2
#: … in at most this many runs (words, figures, words: a label, its figure, its change; a file list's names, some
#: of them taken for figures, alternate more often).
CARD_RUNS = 3
#: A row of cards anywhere on a page (beside a sidebar, over a table) keeps a gutter from running between its cards
#: (a grid was read a column of cards at a time), where every card is words then figures in the same order, of at
#: most this many lines: the sizes alone say less there (the columns of a newspaper, each under its own headline,
#: start level too).
CARD_LINES = 8
#: … and there, a line is the next of a card's where it is at most this many line heights under the last (a heading
#: over the cards is further: 0.9-1 on the screens it was chosen on; at 0.5 a boarding pass's fields and a calendar's
#: days fell apart).
CARD_LEADING = 0.7


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
    if any(len(stack) < 2 or _widest_space(y1[stack], y2[stack]) > CARD_SPACE * unit for stack in stacks):
        return None
    if all((y2[stack] - y1[stack]).max() >= CARD_SIZES * (y2[stack] - y1[stack]).min() for stack in stacks):
        return stacks
    return stacks if _alike(stacks, y1, numbers) else None


def card_rows(
    x1: np.ndarray, x2: np.ndarray, y1: np.ndarray, y2: np.ndarray, numbers: np.ndarray, unit: float
) -> list[tuple[float, float, float, float]]:
    """The extent (x1, x2, y1, y2) of every row of cards among the lines, wherever it stands: :data:`CARDS` stacks or
    more side by side, their first lines level, nothing between them, each of words then figures in the same order
    (:data:`CARD_LINES` lines at most).

    >>> x1 = np.array([0.0, 0.0, 100.0, 100.0, 200.0, 200.0, -200.0, -200.0])
    >>> top = np.array([0.0, 12.0] * 4); prices = np.array([False, True] * 3 + [False, False])
    >>> card_rows(x1, x1 + 50, top, top + 10.0, prices, 10.0)  # three names over prices beside a menu of two words
    [(0.0, 250.0, 0.0, 22.0)]
    """
    stacks = sorted(_stacks(x1, x2, y1, y2, unit), key=lambda stack: float(y1[stack].min()))
    rows: list[tuple[float, float, float, float]] = []
    start = 0
    while start < len(stacks):
        top = float(y1[stacks[start]].min())
        end = start
        while end < len(stacks) and float(y1[stacks[end]].min()) - top <= CARD_TOPS * unit:
            end += 1
        level = sorted(stacks[start:end], key=lambda stack: float(x1[stack].min()))
        rows.extend(_runs_of_cards(level, (x1, x2, y1, y2), numbers))
        start = end
    return rows


def _runs_of_cards(
    level: list[np.ndarray], edges: tuple[np.ndarray, ...], numbers: np.ndarray
) -> list[tuple[float, float, float, float]]:
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
    return [_extent(run, edges) for run in runs if len(run) >= CARDS]


def _extent(run: list[np.ndarray], edges: tuple[np.ndarray, ...]) -> tuple[float, float, float, float]:
    x1, x2, y1, y2 = edges
    every = np.concatenate(run)
    return (float(x1[every].min()), float(x2[every].max()), float(y1[every].min()), float(y2[every].max()))


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


def _widest_space(y1: np.ndarray, y2: np.ndarray) -> float:
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
