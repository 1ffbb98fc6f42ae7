"""The two-scale line finder's decisions (models/_ocr_scales.py), on made-up boxes: no model runs."""

from __future__ import annotations

import numpy as np

from opensight.models._ocr_scales import Look, speck, with_uncovered


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
