"""Detection post-processing without the model: score threshold, class filter, boxes mapped back to the original
picture, and class-aware non-maximum suppression (``opensight.tasks.detect``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from opensight import InputError
from opensight._boxes import iou as _iou
from opensight.inputs import Item
from opensight.results import Detections
from opensight.tasks._base import ORIGINAL_SIZE
from opensight.tasks.detect import NMS_IOU, Detector, _class_aware_nms

PERSON, BICYCLE, DOG = 1, 2, 18  # COCO class ids


class CannedRunner:
    """A runner that answers every batch with the same detector rows (no weights are loaded)."""

    def __init__(self, rows: list[list[float]] | None = None) -> None:
        self.rows = np.array(rows or [], dtype=np.float32).reshape(-1, 7)
        self.calls = 0

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        self.calls += 1
        return {"detections": self.rows.copy()}


def detector(**options: Any) -> Detector:
    return Detector(runner=CannedRunner(), **options)


def outputs(rows: list[list[float]], sizes: list[tuple[int, int]]) -> dict[str, np.ndarray]:
    """SSD output rows ``[picture, class id, score, x1, y1, x2, y2]`` (box in 0..1) and each picture's size."""
    return {
        "detections": np.array(rows, dtype=np.float32).reshape(-1, 7),
        ORIGINAL_SIZE: np.array(sizes, dtype=np.int64).reshape(-1, 2),
    }


def found(boxes: list[list[float]], scores: list[float], labels: list[str]) -> Detections:
    return Detections(np.array(boxes, np.float32).reshape(-1, 4), np.array(scores, np.float32), tuple(labels), "m")


def test_iou() -> None:
    square = np.array([0, 0, 10, 10], np.float32)
    assert _iou(square, square) == 1.0
    assert _iou(square, np.array([10, 0, 20, 10], np.float32)) == 0.0  # touching edges share no area
    assert _iou(square, np.array([5, 0, 15, 10], np.float32)) == pytest.approx(50 / 150)
    assert _iou(square, np.array([0, 0, 5, 10], np.float32)) == pytest.approx(0.5)  # inside: its share of the whole
    point = np.array([3, 3, 3, 3], np.float32)
    assert _iou(point, point) == 0.0  # no area, no division by zero


def test_overlapping_boxes_of_one_class_keep_the_best() -> None:
    boxes = found([[0, 0, 100, 100], [5, 5, 105, 105], [2, 0, 100, 98]], [0.7, 0.9, 0.8], ["person"] * 3)
    assert _class_aware_nms(boxes).tolist() == [1]


def test_overlapping_boxes_of_different_classes_are_all_kept_best_first() -> None:
    boxes = found([[0, 0, 100, 100], [0, 0, 100, 100], [1, 1, 99, 99]], [0.6, 0.9, 0.7], ["person", "dog", "cat"])
    assert _class_aware_nms(boxes).tolist() == [1, 2, 0]


def test_suppression_is_greedy_from_the_best_box() -> None:
    # b overlaps both a and c; a and c do not overlap: b goes (a is better), so c stays
    boxes = found([[0, 0, 10, 10], [3, 0, 13, 10], [6, 0, 16, 10]], [0.9, 0.8, 0.7], ["car"] * 3)
    assert _iou(boxes.boxes[0], boxes.boxes[1]) > NMS_IOU
    assert _iou(boxes.boxes[1], boxes.boxes[2]) > NMS_IOU
    assert _iou(boxes.boxes[0], boxes.boxes[2]) < NMS_IOU
    assert _class_aware_nms(boxes).tolist() == [0, 2]


def test_an_overlap_of_exactly_the_limit_is_kept() -> None:
    boxes = found([[0, 0, 10, 10], [0, 0, 5, 10]], [0.9, 0.8], ["cup", "cup"])
    assert _iou(boxes.boxes[0], boxes.boxes[1]) == NMS_IOU
    assert _class_aware_nms(boxes).tolist() == [0, 1]


def test_equal_scores_keep_the_first_box() -> None:
    boxes = found([[0, 0, 10, 10], [0, 0, 10, 10]], [0.8, 0.8], ["cup", "cup"])
    assert _class_aware_nms(boxes).tolist() == [0]


def test_nothing_found() -> None:
    assert _class_aware_nms(Detections.empty("m")).tolist() == []
    result = detector().postprocess(outputs([], [(640, 480)]), 0)
    assert len(result) == 0
    assert result.boxes.shape == (0, 4)
    assert result.summary() == "nothing found"


def test_boxes_are_mapped_to_the_original_picture_and_clipped_to_it() -> None:
    rows = [[0, PERSON, 0.9, 0.1, 0.2, 0.5, 0.6], [0, DOG, 0.8, -0.1, 0.5, 0.3, 1.2]]
    result = detector().postprocess(outputs(rows, [(640, 480)]), 0)
    assert result.labels == ("person", "dog")
    assert result.boxes.dtype == np.float32
    np.testing.assert_allclose(result.boxes, [[64, 96, 320, 288], [0, 240, 192, 480]], atol=1e-3)
    np.testing.assert_allclose(result.scores, [0.9, 0.8], atol=1e-6)
    assert result.model == "ssd_mobilenet_v2.coco"


def test_each_picture_of_a_batch_gets_its_own_rows_and_size() -> None:
    rows = [[0, PERSON, 0.9, 0.0, 0.0, 0.5, 0.5], [1, DOG, 0.7, 0.5, 0.5, 1.0, 1.0], [1, PERSON, 0.6, 0, 0, 1, 1]]
    both = outputs(rows, [(100, 200), (1920, 1080)])
    first, second = (detector().postprocess(both, index) for index in (0, 1))
    assert first.labels == ("person",)
    np.testing.assert_allclose(first.boxes, [[0, 0, 50, 100]])
    assert second.labels == ("dog", "person")
    np.testing.assert_allclose(second.boxes, [[960, 540, 1920, 1080], [0, 0, 1920, 1080]])


def test_the_score_threshold() -> None:
    rows = [[0, PERSON, 0.9, 0, 0, 0.2, 0.2], [0, DOG, 0.5, 0.5, 0.5, 1, 1], [0, BICYCLE, 0.3, 0.3, 0.3, 0.4, 0.4]]
    assert detector().postprocess(outputs(rows, [(10, 10)]), 0).labels == ("person", "dog")  # 0.5 itself is kept
    assert detector(min_score=0.2).postprocess(outputs(rows, [(10, 10)]), 0).labels == ("person", "dog", "bicycle")
    assert detector(min_score=0.95).postprocess(outputs(rows, [(10, 10)]), 0).labels == ()
    for bad in (-0.1, 1.5, True, "0.5", float("nan")):
        with pytest.raises(InputError, match="min_score must be a number from 0 to 1"):
            detector(min_score=bad)


def test_the_class_filter_applies_before_suppression() -> None:
    # the filtered-out dog must not suppress anything, and an unknown id still gets a name
    rows = [[0, DOG, 0.95, 0, 0, 1, 1], [0, PERSON, 0.9, 0, 0, 1, 1], [0, 12, 0.8, 0, 0, 0.5, 0.5]]
    assert detector().postprocess(outputs(rows, [(10, 10)]), 0).labels == ("dog", "person", "class 12")
    kept = detector(classes=[" person ", ""]).postprocess(outputs(rows, [(10, 10)]), 0)
    assert kept.labels == ("person",)


def test_unknown_classes_are_refused_with_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"unknown class\(es\) unicorn; the detector knows: airplane, apple"):
        detector(classes=["person", "unicorn"])


def test_suppression_runs_on_the_model_output_per_class() -> None:
    rows = [
        [0, PERSON, 0.6, 0.10, 0.10, 0.50, 0.90],
        [0, PERSON, 0.9, 0.12, 0.10, 0.52, 0.90],  # the same person, scored higher
        [0, BICYCLE, 0.7, 0.10, 0.40, 0.50, 0.95],  # the bicycle under them stays
        [0, PERSON, 0.8, 0.60, 0.10, 0.90, 0.90],  # another person beside them stays
    ]
    result = detector().postprocess(outputs(rows, [(1000, 1000)]), 0)
    assert result.labels == ("person", "person", "bicycle")
    np.testing.assert_allclose(result.scores, [0.9, 0.8, 0.7], atol=1e-6)
    np.testing.assert_allclose(result.boxes[0], [120, 100, 520, 900], atol=1e-3)
    assert result.counts() == {"person": 2, "bicycle": 1}


def test_pictures_of_different_sizes_in_one_batch() -> None:
    """Through the task's own batching: each picture's size travels with it to ``postprocess``."""
    runner = CannedRunner([[0, PERSON, 0.9, 0.25, 0.5, 0.75, 1.0], [1, DOG, 0.8, 0.0, 0.0, 0.5, 0.5]])
    task = Detector(runner=runner)
    items = [
        Item("wide", image=np.zeros((100, 400, 3), np.uint8)),
        Item("tall", image=np.zeros((300, 60, 3), np.uint8)),
    ]
    wide, tall = task.run_items(items)
    assert runner.calls == 1
    assert wide.result is not None
    assert tall.result is not None
    np.testing.assert_allclose(wide.result.boxes, [[100, 50, 300, 100]])
    np.testing.assert_allclose(tall.result.boxes, [[0, 0, 30, 150]])
