"""Finding a big picture's text lines at two scales: on a copy of half the size, and at the full detection size —
and again in the parts where small print was drowned.

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

The same weighing drowns small print in a big, mostly empty picture: six lines of 13-px text in a corner of a 4K
screenshot were not found at all (RapidOCR called directly: none either), though the text map showed them faintly,
and the same pixels cut out stood out (scores 0.8-0.9). So in a picture that was scaled down to the detection size,
the parts where the text map is above :data:`FAINT` and no line was found are searched again on their own, at the
same scale (:func:`faint_parts`); their lines are added where the others leave them uncovered, and dropped as specks
as the small copy's are. Measured (BENCHMARKS.md, 2026-12-06 20:20 and 20:40): the screenshot's lines read with about
1% of characters wrong instead of all or 30%; a new user's small captions on big photos 9 of 10 found instead of 5;
the read benchmark's sources the same but one caption found (text on GNOME wallpapers 12.8% → 8.6%), in 0-5% more
time on big pictures.
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
#: Where the full-size search's text map is above this and no line was found there (small print drowned in a big
#: picture) …
FAINT = 0.1
#: … that part is searched again on its own, cut out with this many pixels of the search's scale above and below
#: it, and this many before and after it (a line's text map can be faint in places only) …
PART_MARGIN, PART_REACH = 32, 128
#: … the biggest of them, at most this many, each at most this share of the picture (a bigger part is hardly cut
#: out: a sky's faint gradient made a part of nine tenths of it, searched again for nothing).
MAX_PARTS, PART_SHARE = 6, 0.25


@dataclass(frozen=True)
class Look:
    """The lines found at one scale: boxes (N, 4, 2) in the picture's pixels, their scores, and the text map they
    were found on (the search's scale)."""

    boxes: np.ndarray
    scores: list[float]
    text_map: np.ndarray | None = None


class TwoScaleDetector:
    """Stands in for a RapidOCR engine's ``text_det`` (a BGR picture → ``TextDetOutput``): ``detector`` (RapidOCR's
    ``TextDetector``) run on a small copy, at ``fine_side``, and again on the parts where small print was drowned (see
    the module's text)."""

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
        if long_side >= self.fine_side and fine.text_map is not None:  # a big picture: small print may be drowned
            rects = faint_parts(fine.text_map, boxes, picture.shape[:2])
            if rects:
                before = len(boxes)
                boxes, scores = with_uncovered(Look(boxes, scores), self._parts(picture, rects))
                self.from_copy += list(boxes[before:])  # not found by the whole search: as unsure as the copy's
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
        text_map = detector.session(prepared)
        found, scores = detector.postprocess_op(text_map, picture.shape[:2])
        return Look(np.asarray(found, dtype=np.float32).reshape(-1, 4, 2), list(scores), text_map[0, 0])

    def _parts(self, picture: np.ndarray, rects: list[tuple[int, int, int, int]]) -> Look:
        """The lines found in the parts ``rects`` of ``picture``, each searched on its own (at the same scale), in
        the picture's pixels."""
        height, width = picture.shape[:2]
        scale = min(1.0, self.fine_side / max(height, width))
        boxes, scores = [], []
        for x0, y0, x1, y1 in rects:
            part = np.ascontiguousarray(picture[y0:y1, x0:x1])
            look = self._look(part, max(32, round(max(part.shape[:2]) * scale)))
            boxes += list(look.boxes + np.array([x0, y0], dtype=np.float32))
            scores += look.scores
        return Look(np.asarray(boxes, dtype=np.float32).reshape(-1, 4, 2), scores)


def faint_parts(text_map: np.ndarray, boxes: np.ndarray, shape: tuple[int, ...]) -> list[tuple[int, int, int, int]]:
    """The parts (x0, y0, x1, y1 in a picture of ``shape``) where ``text_map`` (at the search's scale) is above
    :data:`FAINT` outside the lines found (``boxes``, in the picture's pixels): each a group of nearby faint text with
    :data:`PART_MARGIN` above and below it and :data:`PART_REACH` before and after it, overlapping ones joined, the
    :data:`MAX_PARTS` biggest up to :data:`PART_SHARE`.

    >>> text_map = np.zeros((400, 800), np.float32); text_map[200:204, 100:160] = 0.5
    >>> faint_parts(text_map, np.zeros((0, 4, 2)), (800, 1600))
    [(0, 328, 584, 480)]
    """
    import cv2

    height, width = shape[:2]
    rows, columns = text_map.shape
    sy, sx = rows / height, columns / width
    faint = (text_map > FAINT).astype(np.uint8)
    if len(boxes) and faint.any():
        covered = np.zeros_like(faint)
        cv2.fillPoly(covered, [np.round(box * [sx, sy]).astype(np.int32) for box in boxes], 1)
        faint[cv2.dilate(covered, np.ones((5, 5), np.uint8)) > 0] = 0
    if not faint.any():
        return []
    grouped = cv2.dilate(faint, np.ones((9, 9), np.uint8))  # the words and lines of one block: one part
    stats = cv2.connectedComponentsWithStats(grouped)[2][1:]
    m, reach = PART_MARGIN, PART_REACH
    rects = _joined([(x - reach, y - m, x + w + reach, y + h + m) for x, y, w, h, _ in stats.tolist()])
    rects = [r for r in rects if (r[2] - r[0]) * (r[3] - r[1]) <= PART_SHARE * rows * columns][:MAX_PARTS]
    return [
        (
            int(max(0, x0) / sx),
            int(max(0, y0) / sy),
            min(width, round(min(columns, x1) / sx)),
            min(height, round(min(rows, y1) / sy)),
        )
        for x0, y0, x1, y1 in rects
    ]


def _joined(rects: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Overlapping rectangles (x0, y0, x1, y1) joined into the rectangle around them until none overlap, the
    biggest first."""
    pending, joined = list(rects), list[tuple[int, int, int, int]]()
    while pending:
        rect = pending.pop()
        touching = [
            other
            for other in joined
            if rect[0] < other[2] and other[0] < rect[2] and rect[1] < other[3] and other[1] < rect[3]
        ]
        if not touching:
            joined.append(rect)
            continue
        joined = [other for other in joined if other not in touching]
        corners = np.array([rect, *touching])  # the rectangle around them, looked at again (it may overlap others)
        pending.append((*corners[:, :2].min(axis=0).tolist(), *corners[:, 2:].max(axis=0).tolist()))
    return sorted(joined, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1]))


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
