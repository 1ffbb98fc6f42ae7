"""Two sides of a gutter that look like a table's columns but are read side by side or row by row for what they
are: two lists (menus with their prices, bulleted lists) and one sorted list set in two columns (an index) each read
whole, a code editor's line numbers and a grid of cells beside short ones read row by row. Asked by the reading
order before :func:`~._reading_tables.is_table`."""

from __future__ import annotations

import itertools
import re

import numpy as np

from opensight.tasks._reading_tables import (
    ALIGN_SPREAD,
    TABLE_NARROW,
    TABLE_PAIRED,
    TABLE_ROWS,
    TABLE_WORDS,
    paired_both,
    row_numbers,
)

__all__ = ["SORTED_ROWS", "bulleted_lists", "grid_beside", "numbered_lines", "priced_lists", "sorted_columns"]

#: A sorted list set in two columns has at least this many lines in each (:func:`sorted_columns`).
SORTED_ROWS = 5


def priced_lists(
    left: np.ndarray, right: np.ndarray, x1: np.ndarray, centre: np.ndarray, unit: float, numbers: np.ndarray
) -> bool:
    """True where each side of the gap is a list of its own under its own heading: the first row with lines on both
    sides holds one line of words on each (the headings), and nearly all (:data:`TABLE_PAIRED`) of the
    :data:`TABLE_ROWS` or more rows under it run, on each side, from words to a number in as many pieces as on the
    other — an item and its price, then another item and its price: two menus or price lists side by side, each read
    whole (a new user's two menus of five dishes each, under "Starters" and "Mains", were read row by row across
    both, every starter joined to a main course). A table's header row names each of its columns (the read
    benchmark's close tables: a name, a time, a word, a time under four or five headers are rows).

    >>> x1 = np.array([0.0, 300, *[0, 200, 300, 500] * 3])
    >>> numbers = np.array([False, False, *[False, True, False, True] * 3])
    >>> left, centre = x1 < 250, np.array([0.0, 0, *np.repeat([30.0, 60, 90], 4)])
    >>> priced_lists(left, ~left, x1, centre, 20.0, numbers), priced_lists(left, ~left, x1, centre, 20.0, ~numbers)
    (True, False)
    >>> x1[1] = 200.0  # a header over each column: a table
    >>> priced_lists(x1 < 250, x1 >= 250, x1, centre, 20.0, numbers)
    False
    """
    rows = row_numbers(centre, unit)
    both, alike, headed = 0, 0, False
    for row in np.unique(rows[left | right]):
        pieces = []
        for side in (left, right):
            here = np.flatnonzero(side & (rows == row))
            pieces.append(here[np.argsort(x1[here], kind="stable")])
        if min(len(pieces[0]), len(pieces[1])) == 0:
            continue
        if not headed:  # the first row across both sides: one heading of words each, or no lists
            if max(len(pieces[0]), len(pieces[1])) > 1 or numbers[pieces[0]].any() or numbers[pieces[1]].any():
                return False
            headed = True
            continue
        both += 1
        alike += len(pieces[0]) == len(pieces[1]) >= 2 and all(
            not numbers[side[0]] and numbers[side[-1]] for side in pieces
        )
    return both >= TABLE_ROWS and alike >= TABLE_PAIRED * both


#: A list's item: a line that starts with a round bullet (or is one: the detector may box it alone), or with a dash
#: or a star and a space before its words (a dash alone is a table's empty cell). The recogniser reads "•" as "●".
_BULLET = re.compile(r"^(?:[•●▪◦‣∙]|[*–—-]\s+\S)")
#: A line's first word: letters only (an index's entry, up to its comma).
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def bulleted_lists(left: np.ndarray, right: np.ndarray, texts: list[str]) -> bool:
    """True where both sides of the gap hold a line that starts with a bullet: two lists side by side (a slide's pros
    and cons under a heading each, as many items a side, their rows level), each read whole — no table, whose cells
    do not start with bullets (a new user's slide was read row by row across both lists).

    >>> texts = ["Pros", "Cons", "● Lower costs", "Weather dependent", "Quiet", "●"]
    >>> left = np.array([True, False] * 3)
    >>> bulleted_lists(left, ~left, texts), bulleted_lists(left, ~left, [text.strip("● ") for text in texts])
    (True, False)
    """
    return all(any(_BULLET.match(texts[line]) for line in np.flatnonzero(side)) for side in (left, right))


def sorted_columns(
    left: np.ndarray, right: np.ndarray, edges: tuple[np.ndarray, np.ndarray, np.ndarray], unit: float, texts: list[str]
) -> bool:
    """True where the two sides are one sorted list set in two columns — an index, a glossary, a word list: on each
    side (:data:`SORTED_ROWS` lines or more, nearly all starting with a word) the first words run in alphabetical
    order down the side (nearly all, :data:`TABLE_PAIRED`, of the steps: a misread word does not undo it), and the
    right side's first word comes after the left side's last. A line level with one of its side wholly left of it is
    the rest of that one's row, not counted (the detector may cut an entry from its grid reference: 'Highbury' |
    'G6'). ``edges``: each line's left and right ends and its middle's height. Read column after column: the rows of
    an index's two columns stand level, and its entries are short, so it looked like a table (a new user's photo of an
    index was read row by row across both columns).

    >>> texts = ["aster, 571", "batches, 290", "bee, 71", "cures, 176", "drip, 46", "good, 172",
    ...          "obstetrics, 141", "paper, 139", "pct, 211", "phone, 505", "plaques, 440", "reeled, 208"]
    >>> left, centre = np.arange(12) < 6, np.arange(12) % 6 * 20.0
    >>> edges = (np.where(left, 0.0, 300), np.where(left, 100.0, 400), centre)
    >>> sorted_columns(left, ~left, edges, 20.0, texts), sorted_columns(~left, left, edges, 20.0, texts)
    (True, False)
    """
    x1, x2, centre = edges
    firsts = []
    for side in (left, right):
        lines = np.flatnonzero(side)
        level = np.abs(centre[lines][:, None] - centre[lines][None, :]) < unit / 2
        after = (x2[lines][None, :] <= x1[lines][:, None]) & level  # [i, j]: j wholly left of i on its row
        heads = lines[~after.any(axis=1)]
        words = [_FIRST_WORD.match(texts[line]) for line in heads[np.argsort(centre[heads], kind="stable")]]
        if len(heads) < SORTED_ROWS or np.mean([word is not None for word in words]) < TABLE_PAIRED:
            return False
        firsts.append([word.group().casefold() for word in words if word is not None])
    ascending = [float(np.mean([a <= b for a, b in itertools.pairwise(side)])) for side in firsts]
    return min(ascending) >= TABLE_PAIRED and firsts[1][0] >= firsts[0][-1]


def numbered_lines(left: np.ndarray, right: np.ndarray, centre: np.ndarray, unit: float, texts: list[str]) -> bool:
    """True where the ``left`` side is a column of line numbers — whole numbers counting up by one from top to bottom
    (nearly all, :data:`TABLE_PAIRED`, of :data:`TABLE_ROWS` or more: a misread one does not undo it) — and at least
    as many of them stand level with a line on the ``right``: a code editor's numbered lines, read row by row (a new
    user's screenshot was read every number first, then the code).

    >>> centre = np.arange(6) * 30.0 % 90  # 7, 8, 9 on the left; their lines on the right
    >>> texts = ["7", "8", "9", "x = 1", "y = 2", "return x"]
    >>> left = np.arange(6) < 3
    >>> numbered_lines(left, ~left, centre, 20.0, texts), numbered_lines(left, ~left, centre, 20.0, ["7", *texts[:2]])
    (True, False)
    """
    lines = np.flatnonzero(left)
    if len(lines) < TABLE_ROWS or not all(texts[line].strip().isdigit() for line in lines):
        return False
    counted = np.array([int(texts[line]) for line in lines[np.argsort(centre[lines], kind="stable")]])
    if np.mean(np.diff(counted) == 1) < TABLE_PAIRED:
        return False
    rows = row_numbers(centre, unit)
    return len(np.intersect1d(rows[left], rows[right])) >= TABLE_ROWS


def grid_beside(
    left: np.ndarray,
    right: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    unit: float,
    words: np.ndarray,
) -> bool:
    """True where the ``right`` side is a grid — nearly all of its rows (:data:`TABLE_PAIRED`, :data:`TABLE_ROWS` or
    more) of three pieces or more, and besides each row's first piece at least two more places where nearly all of
    them have a piece start (within :data:`ALIGN_SPREAD` line heights) — beside short ``left`` lines (at most
    :data:`TABLE_WORDS` words each, under :data:`TABLE_NARROW` of the grid's rows' width), nearly every line on
    either side level with one on the other (``edges``: the lines' left and right ends, and their middles' heights):
    one table, read row by row (a terminal's ``ls -l``, cut by the line finder at one space lined up down the rows
    after the link count: every row's permissions and count were read first). Prose cut into words does not line its
    words up row after row.

    >>> x1 = np.array([0.0, 0, 0, *[100, 200, 300] * 3])
    >>> centre = np.array([0.0, 30, 60, *np.repeat([0.0, 30, 60], 3)])
    >>> left, words = x1 < 50, np.ones(12)
    >>> grid_beside(left, ~left, (x1, x1 + 60, centre), 20.0, words)
    True
    >>> x1[3:] += np.repeat([0.0, 40, 80], 3) * np.tile([0, 1, 1], 3)  # words of prose: no place shared
    >>> grid_beside(left, ~left, (x1, x1 + 60, centre), 20.0, words)
    False
    """
    x1, x2, centre = edges
    if not left.any() or float(words[left].max()) > TABLE_WORDS:
        return False
    if paired_both(left, right, centre, unit / 4) < TABLE_PAIRED:
        return False
    rows = row_numbers(centre, unit)
    starts = []  # each row's pieces after its first, where they start
    widths = []
    for row in np.unique(rows[right]):
        here = right & (rows == row)
        widths.append(float(x2[here].max() - x1[here].min()))
        if here.sum() >= 3:
            starts.append(np.sort(x1[here])[1:])
    if len(starts) < max(TABLE_ROWS, TABLE_PAIRED * len(widths)):
        return False  # nearly every row a row of cells
    if float(np.median(x2[left] - x1[left])) > TABLE_NARROW * float(np.median(widths)):
        return False  # the short cells narrower than the grid's rows
    places = np.sort(np.concatenate(starts))
    columns = np.split(places, np.flatnonzero(np.diff(places) > ALIGN_SPREAD * unit) + 1)
    shared = [
        sum(bool((np.abs(row - np.median(column)) <= ALIGN_SPREAD * unit).any()) for row in starts)
        for column in columns
    ]
    return sum(count >= TABLE_PAIRED * len(starts) for count in shared) >= 2
