"""Finding a big picture's text lines at two scales: on a copy of half the size, and at the full detection size.

RapidOCR's line finder weighs every part of a picture by the whole picture (its feature pyramid's squeeze-and-excite
blocks average each channel over the picture): on a big, busy photo, a caption of a few words was not found at all
at the detection size, by opensight nor by RapidOCR called directly ('In this case,' in bold on a 1600-px
wallpaper of curved metal strips: the text map's strongest pixel 0.015), while on a copy of 800 px it stood out
(0.999).

So a picture larger than :data:`ONE_LOOK` is also searched on a copy half the size it is searched at otherwise, and a
line found on the copy that the full-size lines leave uncovered is added to them. Each line is recognised on the
full-size picture either way. Measured on the read benchmark's text on whole wallpapers: about half the errors, in
a quarter more time (BENCHMARKS.md, 2026-12-06); pages, columns, screens and few-line pictures read the same. Where
every line on the copy is big and nothing faint lies beside them, the copy's lines could be the answer alone (a
quarter of the work): that shortcut is switched off (:data:`BIG_LINE`), as it lost small text beside big text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: A picture of at most this many pixels on its long side is searched once, at its own size …
ONE_LOOK = 1000
#: … a bigger one first on a copy this much smaller than the detection size (800 px for the detector's 1600: a
#: quarter of the work), so the look costs the same share of the full one however big the picture.
COARSE = 0.5
#: On the small copy a line is big when its box is at least this many pixels high; only big lines are trusted alone.
#: Switched off (infinite: the full-size search always runs): trusting the copy's big lines alone (at 20 px) read
#: captions on wallpapers in 0.38-0.47 of RapidOCR's time, but a new user's trial lost a 16-px watermark under a
#: title (4 px on the copy, no trace) and a sign's smaller second line (CER 0.123 → 0.135; without the shortcut
#: 0.104). Kept as a setting until a test of "no smaller text could be there" is found (BENCHMARKS.md, 2026-12-06).
BIG_LINE = float("inf")
#: Text-map values over this, outside the lines found on the small copy (grown by 2 px), are a trace of something …
FAINT = 0.2
#: … when at least this many pixels touch: then the picture is searched at full size as well.
FAINT_AREA = 8
#: A line of the small copy is added to the full-size lines when they cover less than this share of its box.
UNCOVERED = 0.1


@dataclass(frozen=True)
class Look:
    """The lines found at one scale: boxes (N, 4, 2) in the picture's pixels, their scores, their heights in the
    searched copy's pixels, and whether a faint trace lies outside them."""

    boxes: np.ndarray
    scores: list[float]
    heights: np.ndarray
    faint: bool

    @property
    def all_big(self) -> bool:
        """Lines were found, every one big, and nothing faint beside them."""
        return len(self.boxes) > 0 and bool(self.heights.min() >= BIG_LINE) and not self.faint


class TwoScaleDetector:
    """Stands in for a RapidOCR engine's ``text_det`` (a BGR picture → ``TextDetOutput``): ``detector`` (RapidOCR's
    ``TextDetector``) run on a small copy first, at ``fine_side`` only where that is needed (see the module's text)."""

    def __init__(self, detector: Any, fine_side: int) -> None:
        self._detector = detector
        self.fine_side = fine_side
        #: How many lines the last call found (before the recogniser drops the ones it scores low).
        self.found = 0

    def __call__(self, picture: np.ndarray) -> Any:
        found = self._find(picture)
        self.found = len(found)
        return found

    def _find(self, picture: np.ndarray) -> Any:
        from rapidocr.ch_ppocr_det.utils import TextDetOutput

        long_side = max(picture.shape[:2])
        if long_side <= ONE_LOOK:
            return self._detector(picture)  # one look, as RapidOCR's own line finder takes it
        coarse = self._look(picture, self.coarse_side(long_side), coarse=True)
        if coarse.all_big:
            boxes, scores = coarse.boxes, coarse.scores
        else:
            boxes, scores = with_uncovered(self._look(picture, self.fine_side, coarse=False), coarse)
        if len(boxes) == 0:
            return TextDetOutput()
        order = np.lexsort((boxes[:, 0, 0], boxes[:, 0, 1]))  # top down (the reader orders the lines itself)
        return TextDetOutput(picture, boxes[order], [scores[i] for i in order])

    def coarse_side(self, long_side: int) -> int:
        """The long side of the small copy a picture of ``long_side`` pixels is searched on first.

        >>> TwoScaleDetector(None, fine_side=1600).coarse_side(3000), TwoScaleDetector(None, 1600).coarse_side(1200)
        (800, 600)
        """
        return round(min(long_side, self.fine_side) * COARSE)

    def _look(self, picture: np.ndarray, side: int, *, coarse: bool) -> Look:
        """The lines found on a copy of ``side`` px; on the small copy (``coarse``) with the faint trace looked for."""
        import cv2
        from rapidocr.ch_ppocr_det.utils import DetPreProcess

        detector = self._detector
        prepared = DetPreProcess(side, "max", detector.mean, detector.std)(picture)
        if prepared is None:
            return Look(np.zeros((0, 4, 2), np.float32), [], np.zeros(0), faint=False)
        text_map = detector.session(prepared)
        found, scores = detector.postprocess_op(text_map, picture.shape[:2])
        boxes = np.asarray(found, dtype=np.float32).reshape(-1, 4, 2)
        text_map = text_map[0, 0]
        to_map = np.array([text_map.shape[1] / picture.shape[1], text_map.shape[0] / picture.shape[0]])
        heights = np.array([min(cv2.minAreaRect((box * to_map).astype(np.float32))[1]) for box in boxes])
        faint = coarse and _faint_elsewhere(text_map, boxes * to_map)
        return Look(boxes, list(scores), heights, faint)


def with_uncovered(fine: Look, coarse: Look) -> tuple[np.ndarray, list[float]]:
    """The full-size lines, and each line of the small copy that they leave (almost) uncovered.

    >>> box = lambda x1, x2: np.array([[x1, 0], [x2, 0], [x2, 20], [x1, 20]], dtype=np.float32)
    >>> look = lambda *boxes: Look(np.array(boxes), [0.9] * len(boxes), np.full(len(boxes), 20.0), faint=False)
    >>> boxes, scores = with_uncovered(look(box(0, 100)), look(box(10, 90), box(200, 300)))
    >>> boxes[:, 0, 0].tolist()
    [0.0, 200.0]
    """
    import cv2

    def covered(box: np.ndarray) -> float:
        return sum(float(cv2.intersectConvexConvex(box, other)[0]) for other in fine.boxes)

    kept = [index for index, box in enumerate(coarse.boxes) if covered(box) < UNCOVERED * cv2.contourArea(box)]
    boxes = np.concatenate([fine.boxes, coarse.boxes[kept]]).astype(np.float32)
    return boxes, [*fine.scores, *(coarse.scores[index] for index in kept)]


def _faint_elsewhere(text_map: np.ndarray, boxes: np.ndarray) -> bool:
    """Whether the text map holds a faint blob of :data:`FAINT_AREA` pixels or more outside ``boxes`` (map pixels)."""
    import cv2

    covered = np.zeros(text_map.shape, np.uint8)
    for box in boxes:
        cv2.fillPoly(covered, [np.round(box).astype(np.int32)], 1)
    grown = cv2.dilate(covered, np.ones((5, 5), np.uint8))
    left = ((text_map > FAINT) & (grown == 0)).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(left)
    return count > 1 and bool(stats[1:, cv2.CC_STAT_AREA].max() >= FAINT_AREA)


__all__ = ["BIG_LINE", "COARSE", "ONE_LOOK", "Look", "TwoScaleDetector", "with_uncovered"]
