"""The two-scale line finder's decisions (models/_ocr_scales.py), on made-up text maps: no model runs."""

from __future__ import annotations

import numpy as np
import pytest

from opensight.models import _ocr_scales
from opensight.models._ocr_scales import FAINT, Look, _faint_elsewhere, with_uncovered


def _box(x1: float, y1: float, x2: float, y2: float) -> np.ndarray:
    return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=np.float32)


def _look(*boxes: np.ndarray, heights: list[float] | None = None, faint: bool = False) -> Look:
    found = np.array(boxes, dtype=np.float32).reshape(-1, 4, 2)
    return Look(found, [0.9] * len(found), np.array(heights or [20.0] * len(found)), faint)


def test_the_copy_is_trusted_alone_only_with_big_lines_and_no_faint_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ocr_scales, "BIG_LINE", 20.0)  # the shortcut is switched off by default (infinite)
    assert _look(_box(0, 0, 100, 30), heights=[20.0]).all_big
    assert not _look().all_big  # nothing found: maybe all of it too small
    assert not _look(_box(0, 0, 100, 30), _box(0, 50, 100, 60), heights=[20.0, 19.0]).all_big
    assert not _look(_box(0, 0, 100, 30), heights=[20.0], faint=True).all_big
    monkeypatch.setattr(_ocr_scales, "BIG_LINE", float("inf"))
    assert not _look(_box(0, 0, 100, 30), heights=[500.0]).all_big


def test_a_faint_blob_beside_the_lines_is_a_trace_and_one_under_them_is_not() -> None:
    text_map = np.zeros((100, 200), np.float32)
    text_map[10:30, 10:90] = 0.9  # the line found
    lines = np.array([_box(8, 8, 92, 32)])
    assert not _faint_elsewhere(text_map, lines)
    text_map[70:73, 150:156] = FAINT + 0.05  # 18 faint pixels far from it
    assert _faint_elsewhere(text_map, lines)
    text_map[70:73, 150:156] = FAINT - 0.05  # fainter than faint: nothing
    assert not _faint_elsewhere(text_map, lines)
    text_map[70:72, 150:152] = 0.9  # 4 pixels: a speck
    assert not _faint_elsewhere(text_map, lines)


def test_a_line_of_the_small_copy_is_added_only_where_the_full_size_found_nothing() -> None:
    fine = _look(_box(0, 0, 300, 20), _box(0, 40, 300, 60))
    coarse = _look(_box(0, 0, 300, 62), _box(500, 500, 700, 540))  # both lines as one box; a caption alone
    boxes, scores = with_uncovered(fine, coarse)
    assert [box[0].tolist() for box in boxes] == [[0, 0], [0, 40], [500, 500]]
    assert len(scores) == 3
    boxes, _ = with_uncovered(_look(), coarse)  # nothing at full size: the small copy's lines
    assert len(boxes) == 2
