"""Finding a big picture's text lines at two scales: on a copy of half the size, and at the full detection size.

RapidOCR's line finder weighs every part of a picture by the whole picture (its feature pyramid's squeeze-and-excite
blocks average each channel over the picture): on a big, busy photo, a caption of a few words was not found at all
at the detection size, by opensight nor by RapidOCR called directly ('In this case,' in bold on a 1600-px
wallpaper of curved metal strips: the text map's strongest pixel 0.015), while on a copy of 800 px it stood out
(0.999).

So a picture larger than :data:`ONE_LOOK` is also searched on a copy half the size it is searched at otherwise, and a
line found on the copy that the full-size lines leave uncovered is added to them; where such a line is read as a
single character or unsurely, it was a speck (a new user's trial read stray glyphs before captions, 'O Grandpa…',
and 'adl' on a painted portrait) and is dropped (:func:`speck`). Each line is recognised on the full-size picture
either way. Measured on the read benchmark's text on whole wallpapers: about half the errors, in a quarter more time
(BENCHMARKS.md, 2026-12-06); pages, columns, screens and few-line pictures read the same. Trusting the copy's lines
alone where all of them were big (a quarter of the work) was tried and dropped: it lost small text beside big text
(a watermark under a title).
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
#: A line of the small copy is added to the full-size lines when they cover less than this share of its box …
UNCOVERED = 0.1
#: … and kept when it is read as more than one character with at least this score (the full-size search did not
#: confirm it): captions found only on the copy scored 0.945-1.0 on the read benchmark's wallpapers and posters and a
#: new user's trial; 'adl' on a painted portrait without text 0.83.
COPY_SURE = 0.9


@dataclass(frozen=True)
class Look:
    """The lines found at one scale: boxes (N, 4, 2) in the picture's pixels, and their scores."""

    boxes: np.ndarray
    scores: list[float]


class TwoScaleDetector:
    """Stands in for a RapidOCR engine's ``text_det`` (a BGR picture → ``TextDetOutput``): ``detector`` (RapidOCR's
    ``TextDetector``) run on a small copy and at ``fine_side`` (see the module's text)."""

    def __init__(self, detector: Any, fine_side: int) -> None:
        self._detector = detector
        self.fine_side = fine_side
        #: How many lines the last call found (before the recogniser drops the ones it scores low) …
        self.found = 0
        #: … and the boxes among them that only the small copy found.
        self.from_copy: list[np.ndarray] = []

    def __call__(self, picture: np.ndarray) -> Any:
        self.from_copy = []
        found = self._find(picture)
        self.found = len(found)
        return found

    def _find(self, picture: np.ndarray) -> Any:
        from rapidocr.ch_ppocr_det.utils import TextDetOutput

        long_side = max(picture.shape[:2])
        if long_side <= ONE_LOOK:
            return self._detector(picture)  # one look, as RapidOCR's own line finder takes it
        coarse = self._look(picture, self.coarse_side(long_side))
        fine = self._look(picture, self.fine_side)
        boxes, scores = with_uncovered(fine, coarse)
        self.from_copy = list(boxes[len(fine.boxes) :])
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

    def _look(self, picture: np.ndarray, side: int) -> Look:
        """The lines found on a copy of ``side`` px."""
        from rapidocr.ch_ppocr_det.utils import DetPreProcess

        detector = self._detector
        prepared = DetPreProcess(side, "max", detector.mean, detector.std)(picture)
        if prepared is None:
            return Look(np.zeros((0, 4, 2), np.float32), [])
        found, scores = detector.postprocess_op(detector.session(prepared), picture.shape[:2])
        return Look(np.asarray(found, dtype=np.float32).reshape(-1, 4, 2), list(scores))


def speck(box: Any, text: str, score: float, from_copy: list[np.ndarray]) -> bool:
    """Whether a line read as ``text`` with ``score`` is a speck: only the small copy found it (its box is one of
    ``from_copy``, :attr:`TwoScaleDetector.from_copy` of the same picture), and it reads as one character or scores
    under :data:`COPY_SURE`.

    >>> from_copy = [np.array([[0, 0], [9, 0], [9, 9], [0, 9]], np.float32)]
    >>> box = [[0, 0], [9, 0], [9, 9], [0, 9]]
    >>> speck(box, "O", 0.99, from_copy), speck(box, "adl", 0.83, from_copy), speck(box, "Ok", 0.99, from_copy)
    (True, True, False)
    """
    box = np.asarray(box, dtype=np.float32)
    unsure = len(text.strip()) <= 1 or score < COPY_SURE
    return unsure and any(np.allclose(box, added, atol=0.5) for added in from_copy)


def with_uncovered(fine: Look, coarse: Look) -> tuple[np.ndarray, list[float]]:
    """The full-size lines, and each line of the small copy that they leave (almost) uncovered.

    >>> box = lambda x1, x2: np.array([[x1, 0], [x2, 0], [x2, 20], [x1, 20]], dtype=np.float32)
    >>> look = lambda *boxes: Look(np.array(boxes), [0.9] * len(boxes))
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


__all__ = ["COARSE", "COPY_SURE", "ONE_LOOK", "UNCOVERED", "Look", "TwoScaleDetector", "speck", "with_uncovered"]
