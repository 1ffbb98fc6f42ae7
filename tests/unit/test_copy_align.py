"""Lining copies up finely: the sampler agrees with the views' matrices, and the search finds a crop's box."""

from __future__ import annotations

import numpy as np

from opensight._copy_align import normalised, refine, sample, view_box_array, whole_boxes
from opensight._copy_views import VIEW_SIDE, view_matrix


def test_sampling_through_a_views_box_is_what_its_matrix_gives() -> None:
    thumbnails = np.random.default_rng(0).random((3, 32, 32)).astype(np.float32)
    boxes = view_box_array()
    by_matrix = (thumbnails.reshape(3, -1) @ view_matrix().T).reshape(3, len(boxes), VIEW_SIDE * VIEW_SIDE)
    sampled = sample(thumbnails, np.tile(boxes, (3, 1, 1)))  # turned, mirrored and plain boxes alike
    assert np.abs(sampled - by_matrix).max() < 1e-5


def test_the_search_moves_a_view_onto_the_crop_between_views() -> None:
    rng = np.random.default_rng(1)
    coarse = rng.random((1, 8, 8)).astype(np.float32)
    photo = np.kron(coarse, np.ones((4, 4), dtype=np.float32))  # 32×32, smooth enough to steer by
    crop = np.array([[[0.47, 0.55, 0.72, 0.72, 0.0, 0.0]]])  # between the views at 0.7 and 0.75
    cropped = sample(photo, crop, out=32, samples=1)[:, 0].reshape(1, 32, 32)
    views = view_box_array()
    centred = (views[:, 0] == 0.5) & (views[:, 1] == 0.5) & (views[:, 4] == 0) & (views[:, 5] == 0)
    nearest = views[centred & (views[:, 2] == 0.7) & (views[:, 3] == 0.7)]  # the view the check would start from
    found = refine(photo, cropped, nearest, np.zeros(1), np.zeros(1))

    def lined_up(box: np.ndarray) -> float:
        seen = normalised(sample(photo, box[:, None])[:, 0])
        return float((seen * normalised(sample(cropped, whole_boxes(1))[:, 0])).sum())

    assert np.abs(found[0, :4] - crop[0, 0, :4]).max() < 0.02
    assert lined_up(found) > max(lined_up(nearest), 0.99)


def test_the_search_turns_a_turned_view_onto_a_photo_turned_between_views() -> None:
    """A 3:2 photo turned 4.5° and cut straight lies between the views at 3° and 6°, which turn the square thumbnail
    (a shear of the photo): the search turns the photo itself, to the angle it was turned by."""
    rng = np.random.default_rng(2)
    coarse = rng.random((1, 8, 8)).astype(np.float32)
    photo = np.kron(coarse, np.ones((4, 4), dtype=np.float32))  # the 32×32 thumbnail of a 3:2 photo
    wide = np.log(1.5)
    turn = np.array([[[0.5, 0.5, 0.86, 0.86, 4.5, 0.0, 1.5]]])  # turned about its middle, its own shape kept
    turned = sample(photo, turn, out=32, samples=1)[:, 0].reshape(1, 32, 32)
    views = view_box_array()
    nearest = views[(views[:, 4] == 6.0) & (views[:, 2] == 0.85)]  # the view the check would start from
    found = refine(photo, turned, nearest, np.zeros(1), np.full(1, wide))

    def lined_up(box: np.ndarray) -> float:
        seen = normalised(sample(photo, box[:, None])[:, 0])
        return float((seen * normalised(sample(turned, whole_boxes(1))[:, 0])).sum())

    assert abs(found[0, 4] - 4.5) <= 0.5
    assert found[0, 6] == 1.5
    assert lined_up(found) > max(lined_up(nearest), 0.99)
