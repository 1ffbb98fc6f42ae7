"""What the checks of :mod:`opensight._copies` and :mod:`opensight._copy_bands` measure alike: correlations of
lined-up prints (leaving out the pixels that differ most, or a given set), their fine detail, the whole views of
prints, and each picture's best pairs.
"""

from __future__ import annotations

import numpy as np

from opensight._copy_align import normalised
from opensight._copy_prints import PRINT_SIDE, thumbnails
from opensight._copy_views import VIEW_SIDE, view_matrix

#: Share of the lined-up pixels the check leaves out (where text or a logo was added).
OUTLIERS = 0.1


def whole_views(prints: np.ndarray) -> np.ndarray:
    """N×256 whole views of N prints (view 0 of :func:`views`, in float32)."""
    return normalised(thumbnails(prints).astype(np.float32) @ view_matrix()[: VIEW_SIDE * VIEW_SIDE].T)


def fine_detail(thumbnails: np.ndarray) -> np.ndarray:
    """N flat thumbnails less their Gaussian blur (σ = 1 pixel, edges reflected): the fine detail."""
    kernel = np.exp(-0.5 * np.arange(-3, 4) ** 2)
    kernel /= kernel.sum()
    images = thumbnails.reshape(-1, PRINT_SIDE, PRINT_SIDE)
    padded = np.pad(images, [(0, 0), (3, 3), (3, 3)], "symmetric")
    down = sum(weight * padded[:, k : k + PRINT_SIDE, :] for k, weight in enumerate(kernel))
    blurred = sum(weight * down[:, :, k : k + PRINT_SIDE] for k, weight in enumerate(kernel))
    return np.asarray((images - blurred).reshape(len(thumbnails), -1), dtype=np.float32)


def robust_correlation(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Row-wise correlation of ``x`` and ``y`` over the pixels outside the largest ``OUTLIERS`` share of differences."""
    gap = np.abs(x - y)
    return correlation(x, y, gap <= np.quantile(gap, 1 - OUTLIERS, axis=1, keepdims=True))


def correlation(x: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Row-wise correlation of ``x`` and ``y`` over the pixels where ``keep`` is true."""
    count = keep.sum(axis=1, keepdims=True)
    x = np.where(keep, x - (x * keep).sum(axis=1, keepdims=True) / count, 0)
    y = np.where(keep, y - (y * keep).sum(axis=1, keepdims=True) / count, 0)
    norms = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
    return np.asarray((x * y).sum(axis=1) / np.maximum(norms, 1e-6), dtype=np.float32)


def best_each(pairs: np.ndarray, score: np.ndarray, rows: np.ndarray, each: int) -> np.ndarray:
    """The ``rows`` (of ``pairs``) that are among the ``each`` of highest ``score`` of one of their pictures' (in
    order): a catalogue of look-alike products would have every pair lined up finely, or compared past its trim."""
    ranked = np.zeros((len(rows), 2), dtype=np.int64)
    for side in (0, 1):
        order = np.lexsort((-score[rows], pairs[rows, side]))
        picture = pairs[rows[order], side]
        first = np.r_[0, np.flatnonzero(picture[1:] != picture[:-1]) + 1]
        ranked[order, side] = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    return np.asarray(rows[ranked.min(axis=1) < each])


__all__ = ["OUTLIERS", "best_each", "correlation", "fine_detail", "robust_correlation", "whole_views"]
