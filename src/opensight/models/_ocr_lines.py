"""RapidOCR's parts on the cores: its line finder without busy-waiting threads, and its line recogniser run on
several cores at once — the lines of a page shared out between one-thread copies.

Recognising the lines is most of the time on a page of text (31 lines of a phone photo: 1.44 of 1.69 s), and one
model call on two threads is far from twice as fast as on one: each line is a small call (a 48-pixel-high strip),
where the threads wait on each other. Two copies of the recogniser on one thread each, every line still its own
call, read the same lines in 0.68 of the time (measured on 106 lines of three page photos, 2 cores: 4.33 → 2.97 s).
Each line is recognised exactly as before — alone, the same model, the same resizing — so the text is the same.

A line read with a low score is looked at once more without the edge of a line beside it that its box took in
(:func:`own_rows`): the detector's box is grown by about the text's height all round, so where lines stand close
(footnotes, small print on a photo) it holds a sliver of the line above or below, and the recogniser, which sees
the whole strip, misreads the line ('alrsresosblr dgthediretowh' for 'Caller is responsible for deleting the
directory', score 0.59; without the sliver 0.98 and right).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from opensight.models._ink_gaps import ink_mask, runs

#: At most this many copies of the recogniser (each holds the model: about 21 MB of weights and its buffers).
MAX_WORKERS = 4
#: A line read with a score under this is read again without the slivers of its neighbours (:func:`own_rows`) …
SECOND_LOOK = 0.97
#: … and that reading is kept where its score is higher by at least this much (where the two are about as sure, the
#: strip as the detector gave it is kept: a justified line's wide spaces read as none, 0.962 → 0.965).
SECOND_LOOK_GAIN = 0.02
#: A row of a line's picture is inked where its share of ink is at least this much of the most inked row's.
ROW_INK = 0.1
#: Inked rows this close to a line picture's top or bottom (a share of its height) are a sliver of the line beside.
EDGE = 0.1


def share_out(widths: Sequence[float], workers: int) -> list[list[int]]:
    """The lines' indices dealt to ``workers`` so each gets about as much to read: the widest line first, each line
    to the worker with the least width so far (a line's time grows with its width at the model's fixed height).

    >>> share_out([10.0, 1.0, 4.0, 6.0], 2)
    [[0, 1], [3, 2]]
    """
    shares: list[list[int]] = [[] for _ in range(max(1, workers))]
    loads = [0.0] * len(shares)
    for index in sorted(range(len(widths)), key=lambda i: -widths[i]):
        least = loads.index(min(loads))
        shares[least].append(index)
        loads[least] += widths[index]
    return [share for share in shares if share]


def quiet_detector(engine: Any, threads: int) -> Any:
    """RapidOCR's line finder (``TextDetector``) on the engine's detector graph, with this project's ONNX Runtime
    options (:func:`~opensight.models._runtimes.session_options`): RapidOCR's own session leaves its threads spinning
    after each call, on the cores the recognisers then need — without that, the lines of a picture of a few lines
    were recognised in 0.79 of the time (stdlib pictures of the read benchmark: 101 → 79 ms; the whole read 0.84)."""
    from omegaconf import flag_override
    from onnxruntime import InferenceSession
    from rapidocr.ch_ppocr_det import TextDetector

    from opensight.models._runtimes import session_options

    config = copy.deepcopy(engine.cfg.Det)
    config.engine_cfg = copy.deepcopy(engine.cfg.EngineConfig[config.engine_type.value])
    config.model_root_dir = engine.cfg.Global.model_root_dir
    with flag_override(config, "allow_objects", True):  # RapidOCR takes a ready session as ``session``
        config.session = InferenceSession(
            str(config.model_path), session_options(threads), providers=["CPUExecutionProvider"]
        )
        detector = TextDetector(config)
    # its picture scaled in float32, not float64: the same numbers in 0.7 of the time (a 1300×862 photo: 22 → 15 ms)
    detector.mean = np.asarray(detector.mean, dtype=np.float32)
    detector.std = np.asarray(detector.std, dtype=np.float32)
    return detector


class ParallelRecogniser:
    """Stands in for a RapidOCR engine's ``text_rec``: the same call (a ``TextRecInput`` of line pictures → a
    ``TextRecOutput``), the lines shared out between ``workers`` recognisers of one thread each."""

    def __init__(self, engine: Any, workers: int) -> None:
        from rapidocr.ch_ppocr_rec import TextRecognizer

        # the settings RapidOCR gives its own recogniser as it first loads it, on one thread
        config = copy.deepcopy(engine.cfg.Rec)
        config.engine_cfg = copy.deepcopy(engine.cfg.EngineConfig[config.engine_type.value])
        config.engine_cfg.intra_op_num_threads = 1
        config.engine_cfg.inter_op_num_threads = 1
        config.font_path, config.model_root_dir = engine.cfg.Global.font_path, engine.cfg.Global.model_root_dir
        self._recognisers = [TextRecognizer(config) for _ in range(max(1, min(workers, MAX_WORKERS)))]
        _, height, width = config.rec_img_shape
        self._narrowest = width / height  # a shorter line is padded to this width (in heights)
        self._pool = (  # no threads where one recogniser reads every line
            ThreadPoolExecutor(self.workers, thread_name_prefix="opensight-ocr-lines") if self.workers > 1 else None
        )

    @property
    def workers(self) -> int:
        """How many recognisers read lines at once."""
        return len(self._recognisers)

    def __call__(self, request: Any) -> Any:
        from rapidocr.ch_ppocr_rec import TextRecOutput

        pictures = [request.img] if isinstance(request.img, np.ndarray) else list(request.img)
        texts, scores, words, elapse = self._read(pictures, request.return_word_box)
        doubtful = [i for i, score in enumerate(scores) if score < SECOND_LOOK]
        bands = {i: band for i in doubtful if (band := own_rows(pictures[i])) is not None}
        if bands:  # only the rows change: the words' places along the line stay fractions of the same width
            again = self._read([pictures[i][top:bottom] for i, (top, bottom) in bands.items()], request.return_word_box)
            for k, i in enumerate(bands):
                if again[1][k] >= scores[i] + SECOND_LOOK_GAIN:
                    texts[i], scores[i], words[i] = again[0][k], again[1][k], again[2][k]
            elapse += again[3]
        return TextRecOutput(pictures, tuple(texts), scores, tuple(words), elapse)

    def _read(self, pictures: list[np.ndarray], word_box: bool) -> tuple[list[Any], list[Any], list[Any], float]:
        """Each line's text, score and words (RapidOCR's), and the seconds the longest share took."""
        from rapidocr.ch_ppocr_rec import TextRecInput

        if not pictures:
            return [], [], [], 0.0
        shares = share_out([max(p.shape[1] / max(p.shape[0], 1), self._narrowest) for p in pictures], self.workers)
        results: list[Any]
        if self._pool is None or len(shares) <= 1:
            results = [self._recognisers[0](TextRecInput(pictures, word_box))]
            shares = [list(range(len(pictures)))]
        else:
            jobs = [
                self._pool.submit(recogniser, TextRecInput([pictures[i] for i in share], word_box))
                for recogniser, share in zip(self._recognisers, shares, strict=False)
            ]
            results = [job.result() for job in jobs]
        texts: list[Any] = [""] * len(pictures)
        scores: list[Any] = [0.0] * len(pictures)
        words: list[Any] = [()] * len(pictures)
        for read, share in zip(results, shares, strict=True):
            for place, text, score, placed in zip(share, read.txts, read.scores, read.word_results, strict=True):
                texts[place], scores[place], words[place] = text, score, placed
        return texts, scores, words, max(float(read.elapse or 0) for read in results)


def own_rows(picture: np.ndarray) -> tuple[int, int] | None:
    """The rows of a line's picture (BGR) that hold its own text, or None where it holds nothing else. The band of
    inked rows across the picture's middle (or the nearest to it) is the line's: the detector grows a line's box
    evenly round its text. Another band is a line beside it where it reaches the picture's top or bottom (within
    :data:`EDGE` of its height: a sliver the box cut off) or holds half as much ink as the line (a whole line taken
    in), and is cut off halfway across the blank rows between them. A small band inside the picture (an underscore,
    an accent) is the line's own and kept.

    >>> picture = np.full((24, 60, 3), 255, dtype=np.uint8)
    >>> picture[0:3, 5:55:3] = 0   # the bottom of the line above, cut by the box's top edge
    >>> picture[8:17, 5:55:4] = 0  # the line's own letters
    >>> own_rows(picture)
    (5, 24)
    >>> picture[19:20, 5:30] = 0   # an underscore under them stays
    >>> own_rows(picture)
    (5, 24)
    >>> own_rows(picture[4:])      # nothing of another line
    """
    import cv2

    gray = cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY) if picture.ndim == 3 else picture
    if gray.size == 0:
        return None
    rows = ink_mask(gray).mean(axis=1)
    if rows.max() == 0:
        return None
    bands = [(int(start), int(end), float(rows[start:end].sum())) for start, end in runs(rows >= ROW_INK * rows.max())]
    height = len(rows)
    middle = (height - 1) / 2  # the detector grows a line's box evenly round its text
    core = min(bands, key=lambda band: (max(band[0] - middle, middle - (band[1] - 1), 0.0), -band[2]))
    edge = max(1, round(EDGE * height))
    top, bottom = 0, height
    for start, end, amount in bands:
        if (start, end) == core[:2] or (start >= edge and end <= height - edge and amount < core[2] / 2):
            continue
        if end <= core[0]:
            top = max(top, (end + core[0]) // 2)
        else:
            bottom = min(bottom, (core[1] + start + 1) // 2)
    return None if (top, bottom) == (0, height) else (top, bottom)


__all__ = [
    "EDGE",
    "MAX_WORKERS",
    "ROW_INK",
    "SECOND_LOOK",
    "SECOND_LOOK_GAIN",
    "ParallelRecogniser",
    "own_rows",
    "quiet_detector",
    "share_out",
]
