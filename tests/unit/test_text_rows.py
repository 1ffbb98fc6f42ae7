"""Which lines of a read text stand on one row, and how the text joins them."""

from __future__ import annotations

import numpy as np
import pytest

from opensight._text_rows import TAB_GAP, row_gap
from opensight.results import TextLine, TextRegions


def box(x1: float, y1: float, x2: float, y2: float, degrees: float = 0.0) -> np.ndarray:
    """A line's 4-point box, clockwise from its top left, turned ``degrees`` about the origin."""
    corners = np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=np.float64)
    angle = np.radians(degrees)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return corners @ turn.T


def test_an_item_and_its_price_far_apart_are_one_row_a_column_gap_apart() -> None:
    gap = row_gap(box(0, 0, 120, 20), box(400, 3, 440, 23))
    assert gap == pytest.approx(14.0)
    assert gap is not None
    assert gap >= TAB_GAP


def test_the_next_line_down_and_overlapping_boxes_are_not_one_row() -> None:
    assert row_gap(box(0, 0, 120, 20), box(0, 28, 120, 48)) is None  # the next line
    assert row_gap(box(0, 0, 120, 20), box(100, 12, 220, 32)) is None  # level with neither: half a line down
    assert row_gap(box(0, 0, 120, 20), box(60, 2, 200, 22)) is None  # one over the other along the row


def test_a_tilted_row_is_level_in_its_own_direction() -> None:
    """Five degrees over 400 px is 35 px down the picture: level along the text, not along the picture's rows."""
    assert row_gap(box(0, 0, 120, 20, 5), box(400, 0, 440, 20, 5)) == pytest.approx(14.0)
    assert row_gap(box(0, 0, 120, 20, 5), box(0, 28, 120, 48, 5)) is None


def test_a_row_read_upside_down_is_one_row_either_way() -> None:
    """A page read turned gives its boxes in the picture's frame, the text running right to left."""
    item, price = box(0, 0, 120, 20), box(400, 0, 440, 20)
    assert row_gap(price[[2, 3, 0, 1]], item[[2, 3, 0, 1]]) == pytest.approx(14.0)


def test_a_bigger_price_beside_its_item_is_level_by_the_smaller_height() -> None:
    assert row_gap(box(0, 0, 120, 20), box(300, -5, 380, 25)) is not None  # centred on the row, half as tall again
    assert row_gap(box(0, 0, 120, 20), box(300, 12, 380, 42)) is None  # its middle a line lower


def test_the_text_joins_a_row_by_a_tab_or_a_space_and_rows_by_newlines() -> None:
    def line(text: str, polygon: np.ndarray) -> TextLine:
        return TextLine(text, 0.9, polygon.astype(np.float32))

    lines = (
        line("Total", box(0, 0, 60, 20)),
        line("9.65", box(300, 0, 350, 20)),  # 12 heights away: a column
        line("justified", box(0, 30, 100, 50)),
        line("row", box(130, 30, 170, 50)),  # 1.5 heights: a wide space of a justified line
        line("next", box(0, 60, 50, 80)),
    )
    assert TextRegions(lines, "ocr").text == "Total\t9.65\njustified row\nnext"
