"""A row of cards side by side (for :mod:`._reading_order`): a shop's products, a news page's teasers, a dashboard's
figures. Each card is a stack of lines of different sizes — a label over a big number, a headline over its snippet, a
name over a price and a rating — and the cards of one row start level with each other. Their lines often sit level
across the cards too, so the row looked like a table and was read across: every name, then every price. A row of
cards is read card by card, left to right.
"""

from __future__ import annotations

import numpy as np

__all__ = ["card_stacks"]

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
    stacks = _side_by_side(x1, x2, unit)
    if len(stacks) < CARDS:
        return None
    tops = np.array([y1[stack].min() for stack in stacks])
    if tops.max() - tops.min() > CARD_TOPS * unit:
        return None
    if any(len(stack) < 2 or _widest_space(y1[stack], y2[stack]) > CARD_SPACE * unit for stack in stacks):
        return None
    if all((y2[stack] - y1[stack]).max() >= CARD_SIZES * (y2[stack] - y1[stack]).min() for stack in stacks):
        return stacks
    kinds = [_kinds(numbers[stack[np.argsort(y1[stack], kind="stable")]]) for stack in stacks]
    first = [figures for figures, _ in kinds[0]]
    if len(first) < 2 or any([figures for figures, _ in kind] != first for kind in kinds):
        return None
    return stacks if all(run <= CARD_FIGURES for kind in kinds for figures, run in kind if figures) else None


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


def _side_by_side(x1: np.ndarray, x2: np.ndarray, unit: float) -> list[np.ndarray]:
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
