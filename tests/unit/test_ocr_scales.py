"""The two-scale line finder's decisions (models/_ocr_scales.py), on made-up boxes: no model runs."""

from __future__ import annotations

import numpy as np

from opensight.models._ocr_scales import PART_MARGIN, PART_REACH, Look, faint_parts, speck, with_uncovered


def _box(x1: float, y1: float, x2: float, y2: float) -> np.ndarray:
    return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=np.float32)


def _look(*boxes: np.ndarray) -> Look:
    found = np.array(boxes, dtype=np.float32).reshape(-1, 4, 2)
    return Look(found, [0.9] * len(found))


def test_a_line_of_the_small_copy_is_added_only_where_the_full_size_found_nothing() -> None:
    fine = _look(_box(0, 0, 300, 20), _box(0, 40, 300, 60))
    coarse = _look(_box(0, 0, 300, 62), _box(500, 500, 700, 540))  # both lines as one box; a caption alone
    boxes, scores = with_uncovered(fine, coarse)
    assert [box[0].tolist() for box in boxes] == [[0, 0], [0, 40], [500, 500]]
    assert len(scores) == 3
    boxes, _ = with_uncovered(_look(), coarse)  # nothing at full size: the small copy's lines
    assert len(boxes) == 2


def test_a_line_only_the_small_copy_found_read_as_one_character_or_unsurely_is_a_speck() -> None:
    # a speck the full-size search did not find was read as one stray letter before a caption ('O Grandpa…')
    from_copy = [_box(500, 500, 530, 530), _box(600, 500, 900, 540)]
    assert speck(_box(500, 500, 530, 530), "O", 0.99, from_copy)
    assert not speck(_box(600, 500, 900, 540), "Grandpa", 0.97, from_copy)  # a word the copy alone found: kept
    assert speck(_box(600, 500, 900, 540), "adl", 0.83, from_copy)  # read unsurely: the full-size search saw nothing
    assert not speck(_box(0, 0, 30, 30), "7", 0.6, from_copy)  # what the full-size search found: kept


def test_faint_text_where_no_line_was_found_is_a_part_to_search_again() -> None:
    # the text map at half the picture's size: a faint block of lines in one corner, nothing elsewhere
    text_map = np.zeros((500, 800), np.float32)
    text_map[100:110, 250:450] = 0.4
    text_map[116:126, 250:430] = 0.6  # the next line, a few pixels below: one part with the first
    [(x0, y0, x1, y1)] = faint_parts(text_map, np.zeros((0, 4, 2)), (1000, 1600))
    assert (x0 <= 2 * (250 - PART_REACH), y0 <= 2 * (100 - PART_MARGIN)) == (True, True)  # the margins around it
    assert (x0 > 0, y0 > 0) == (True, True)  # and no more
    assert (x1 >= 2 * (450 + PART_REACH), y1 >= 2 * (126 + PART_MARGIN)) == (True, True)
    # where the search found the lines, nothing is searched again; text below FAINT is not text
    assert faint_parts(text_map, np.array([_box(490, 190, 910, 260)]), (1000, 1600)) == []
    assert faint_parts(np.full((500, 800), 0.05, np.float32), np.zeros((0, 4, 2)), (1000, 1600)) == []


def test_parts_that_overlap_are_searched_as_one() -> None:
    text_map = np.zeros((500, 800), np.float32)
    text_map[100:110, 50:250] = 0.5
    text_map[100:110, 290:500] = 0.5  # a gap wider than the grouping, narrower than two margins
    text_map[400:410, 600:700] = 0.5  # far away: a part of its own
    parts = faint_parts(text_map, np.zeros((0, 4, 2)), (500, 800))
    assert len(parts) == 2
    assert (parts[0][0] <= 50, parts[0][2] >= 500) == (True, True)  # the two groups on one row, one part
