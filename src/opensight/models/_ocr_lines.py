"""RapidOCR's parts on the cores: its line finder without busy-waiting threads, and its line recogniser run on
several cores at once — the lines of a page shared out between one-thread copies.

Recognising the lines is most of the time on a page of text (31 lines of a phone photo: 1.44 of 1.69 s), and one
model call on two threads is far from twice as fast as on one: each line is a small call (a 48-pixel-high strip),
where the threads wait on each other. Two copies of the recogniser on one thread each, every line still its own
call, read the same lines in 0.68 of the time (measured on 106 lines of three page photos, 2 cores: 4.33 → 2.97 s).
Each line is recognised exactly as before — alone, the same model, the same resizing — so the text is the same.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

#: At most this many copies of the recogniser (each holds the model: about 21 MB of weights and its buffers).
MAX_WORKERS = 4


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
        from rapidocr.ch_ppocr_rec import TextRecInput, TextRecOutput

        pictures = [request.img] if isinstance(request.img, np.ndarray) else list(request.img)
        shares = share_out([max(p.shape[1] / max(p.shape[0], 1), self._narrowest) for p in pictures], self.workers)
        if self._pool is None or len(shares) <= 1:
            return self._recognisers[0](request)
        jobs = [
            self._pool.submit(recogniser, TextRecInput([pictures[i] for i in share], request.return_word_box))
            for recogniser, share in zip(self._recognisers, shares, strict=False)
        ]
        texts: list[Any] = [""] * len(pictures)
        scores: list[Any] = [0.0] * len(pictures)
        words: list[Any] = [()] * len(pictures)
        for job, share in zip(jobs, shares, strict=True):
            read: Any = job.result()
            for place, text, score, placed in zip(share, read.txts, read.scores, read.word_results, strict=True):
                texts[place], scores[place], words[place] = text, score, placed
        return TextRecOutput(
            pictures, tuple(texts), scores, tuple(words), max(float(job.result().elapse or 0) for job in jobs)
        )


__all__ = ["MAX_WORKERS", "ParallelRecogniser", "quiet_detector", "share_out"]
