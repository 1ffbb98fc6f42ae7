"""Which lines of a read text stand on one row, and how the text joins them."""

from __future__ import annotations

import numpy as np
import pytest

from opensight._results_text import TextLine, TextRegions
from opensight._text_rows import TAB_GAP, joined_text, row_gap


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
    read = TextRegions(lines, "ocr")
    assert read.text == "Total\t9.65\njustified row\nnext"
    assert read.summary() == "Read 3 lines of text"  # the lines of the text, as a user sees them
    assert read.cells()["lines"] == "3 line(s), 5 pieces"
    assert len(read) == len(read.to_dict()["lines"]) == 5  # each piece keeps its box


def test_a_short_price_box_off_the_pages_tilt_is_level_by_the_page() -> None:
    """A receipt photographed 3° tilted: the detector boxed a short price level (0°) where its item and the long
    lines run at 3°; by the two boxes' own directions the price sat 16 px off its item's row (a new user's trial had
    'Envelopes' and '4.06' on two lines), by the page's it is level."""
    item = box(0, 30, 60, 50, 3)
    angle = np.radians(3)
    middle = np.array([800 * np.cos(angle) - 40 * np.sin(angle), 800 * np.sin(angle) + 40 * np.cos(angle)])
    price = box(middle[0] - 20, middle[1] - 10, middle[0] + 20, middle[1] + 10)  # its own angle 0°
    assert row_gap(item, price) is None
    polygons = [box(0, 0, 840, 20, 3), item, price, box(0, 60, 840, 80, 3)]
    assert joined_text(polygons, ["MAPLE STREET PHARMACY", "Envelopes", "4.06", "Thank you"]) == (
        "MAPLE STREET PHARMACY\nEnvelopes\t4.06\nThank you"
    )


def test_sideways_text_is_joined_along_its_own_lines() -> None:
    """A picture turned a quarter: every line runs down the page; the page's angle is level (none of its lines is),
    so the two lines' own direction says where their row runs."""
    lines = [box(0, 0, 300, 20, 90), box(400, 0, 500, 20, 90), box(0, 30, 300, 50, 90)]
    assert joined_text(lines, ["a line down the page", "its value", "the next line"]) == (
        "a line down the page\tits value\nthe next line"
    )
