"""The text's frame in a picture: turned pages keep the turned frame, photos of pages in perspective are undone, and
two columns photographed at an angle read one after the other (no model: line boxes mapped through a homography)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opensight._results_text import TextLine
from opensight.tasks._page_frame import page_frame, text_angle
from opensight.tasks._reading_order import reading_order


def two_columns(rows: int = 20) -> list[tuple[str, np.ndarray]]:
    """A flat page: a title, then two columns of ``rows`` lines each (lines 300 px long, 20 px high, a gutter of 10
    px — half a line height, as the detector's boxes of a photo leave of an em: the slant of the gutter closes it),
    in reading order."""
    page = [("A title over both columns", np.array([[40.0, 10], [500, 10], [500, 40], [40, 40]]))]
    for column, left in enumerate((40.0, 350.0)):
        for row in range(rows):
            top, right = 60.0 + 24 * row, left + (300 if row < rows - 1 else 150)
            page.append(
                (
                    f"column {column} line {row}",
                    np.array([[left, top], [right, top], [right, top + 20], [left, top + 20]]),
                )
            )
    return page


def photographed(page: list[tuple[str, np.ndarray]], keystone: float, degrees: float) -> list[TextLine]:
    """The page as a phone photo: its top edge ``keystone`` narrower on each side (the camera below the page, tilted
    up), then turned by ``degrees``."""
    width, height = 540.0, 400.0
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]])
    seen = corners + np.array([[keystone * width, 0], [-keystone * width, 0], [0, 0], [0, 0]])
    homography = _homography(corners, seen)
    angle = math.radians(degrees)
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    lines = []
    for text, box in page:
        mapped = np.c_[box, np.ones(4)] @ homography.T
        lines.append(TextLine(text, 0.9, ((mapped[:, :2] / mapped[:, 2:]) @ turn.T).astype(np.float32)))
    return lines


def _homography(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    rows = []
    for (x, y), (u, v) in zip(source, target, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, -u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, -v])
    return np.linalg.svd(np.array(rows))[2][-1].reshape(3, 3)


def test_a_flat_turned_page_keeps_the_turned_frame_exactly() -> None:
    lines = photographed(two_columns(), 0.0, 3.0)
    polygons = [line.polygon for line in lines]
    angle = text_angle(polygons)
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    frame = page_frame(polygons)
    for polygon in polygons:
        np.testing.assert_allclose(frame.to_frame(polygon), np.asarray(polygon, dtype=np.float64) @ turn, atol=1e-9)
    np.testing.assert_allclose(frame.to_picture(frame.to_frame(polygons[0])), polygons[0], atol=1e-3)


@pytest.mark.parametrize(("keystone", "degrees"), [(0.05, 0.0), (0.08, 2.0), (0.1, -2.5)])
def test_a_photo_in_perspective_gets_level_rows_and_upright_column_edges(keystone: float, degrees: float) -> None:
    lines = photographed(two_columns(), keystone, degrees)
    frame = page_frame([line.polygon for line in lines])
    placed = {line.text: frame.to_frame(line.polygon) for line in lines}
    starts = [placed[f"column 1 line {row}"][0] for row in range(20)]
    assert np.ptp([x for x, _ in starts]) < 3  # the right column's edge upright, to a few pixels over 480 px
    for row in range(20):  # each row level across both columns
        left, right = placed[f"column 0 line {row}"], placed[f"column 1 line {row}"]
        assert abs(left[:, 1].mean() - right[:, 1].mean()) < 3


@pytest.mark.parametrize(("keystone", "degrees"), [(0.05, 0.0), (0.08, 2.0), (0.1, -2.5)])
def test_two_columns_photographed_at_an_angle_read_one_after_the_other(keystone: float, degrees: float) -> None:
    """In the turned frame the gutter slants: the top of the left column reaches past the bottom of the right one's
    start, there is no clear band, and every row was read across both columns."""
    page = two_columns()
    for seed in range(3):
        shuffled = photographed(page, keystone, degrees)
        np.random.default_rng(seed).shuffle(shuffled)
        assert [line.text for line in reading_order(shuffled)] == [text for text, _ in page]


def test_a_flat_screenshot_whose_ragged_starts_slant_one_edge_keeps_the_turned_frame() -> None:
    """A flat page (rows exactly level) whose right column's lines start a little further right row by row (a shop's
    card grid: prices, names and stars starting at their own places) slants that edge by under two degrees: no
    perspective to undo (two new users' screenshots were taken for photos in perspective)."""
    page = two_columns(rows=40)
    slanted = []
    for text, box in page:
        if text.startswith("column 1"):
            row = int(text.rsplit(" ", 1)[1])
            box = box + np.array([0.03 * 24 * row, 0.0])  # 1.7° over the column's 960 px
        slanted.append(TextLine(text, 0.9, box.astype(np.float32)))
    frame = page_frame([line.polygon for line in slanted])
    np.testing.assert_allclose(frame.matrix, np.eye(3), atol=1e-12)
