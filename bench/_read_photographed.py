"""Phone photos of two- and three-column pages taken at an angle, for the read benchmark (bench/_quality_read.py).

Each is a page the benchmark already draws (papers with figures and front pages laid out by Chromium, their held-out
draws), seen in perspective: one edge of the page 3-12% shorter than the opposite one (the camera below, above or to
one side of the page), then turned −3…+3°, on a dark table, blurred 0.5-1 px and saved as JPEG at quality 60-75.
The reading order's perspective correction was chosen on other photos of the other draws (seed 5, the pages the rules
were chosen on); these (seed 2024) are held out.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SEED = 2024


def photographed(pages: list[tuple[Path, list[str]]], count: int, folder: Path) -> list[tuple[Path, list[str]]]:
    """``count`` of ``pages`` (drawn at random) photographed at an angle, as JPEG files in ``folder``."""
    import cv2

    rng = np.random.default_rng(SEED)
    chosen = [pages[index] for index in rng.permutation(len(pages))[:count]]
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for number, (source, truth) in enumerate(chosen):
        page = cv2.imread(str(source))
        height, width = page.shape[:2]
        short, side = float(rng.uniform(0.03, 0.12)), int(rng.integers(4))
        dx, dy = short * width, short * height
        corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
        seen = {
            0: [[dx, 0], [width - dx, 0], [width, height], [0, height]],  # the top edge shorter
            1: [[0, 0], [width, 0], [width - dx, height], [dx, height]],  # the bottom edge shorter
            2: [[0, dy], [width, 0], [width, height], [0, height - dy]],  # the left edge shorter
            3: [[0, 0], [width, dy], [width, height - dy], [0, height]],  # the right edge shorter
        }[side]
        matrix = cv2.getPerspectiveTransform(corners, np.float32(seen))
        photo = cv2.warpPerspective(page, matrix, (width, height), borderValue=(225, 228, 230))
        pad = int(0.06 * max(width, height))
        photo = cv2.copyMakeBorder(photo, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(90, 100, 110))
        size = (photo.shape[1], photo.shape[0])
        turn = cv2.getRotationMatrix2D((size[0] / 2, size[1] / 2), float(rng.uniform(-3, 3)), 1.0)
        photo = cv2.warpAffine(photo, turn, size, borderValue=(90, 100, 110))
        photo = cv2.GaussianBlur(photo, (0, 0), float(rng.uniform(0.5, 1.0)))
        path = folder / f"photo{number:03d}.jpg"
        cv2.imwrite(str(path), photo, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 76))])
        items.append((path, truth))
    return items
