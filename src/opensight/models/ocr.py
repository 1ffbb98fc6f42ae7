"""Reading text: RapidOCR with the PP-OCRv6 models inside its wheel (default), or Debian's tesseract program.

Both runners take one picture per call (text pictures differ in size; OCR is not batched) and return every line
found: its 4-point polygon in the picture's pixels, its text and a score in [0, 1].
"""

from __future__ import annotations

import io
import subprocess
import threading
from collections import defaultdict
from collections.abc import Collection, Sequence
from itertools import compress
from typing import Any, cast

import numpy as np

from opensight._errors import DecodeError, ModelError
from opensight._settings import thread_count
from opensight.models._ink_gaps import ink_gap
from opensight.models._ocr_lines import ParallelRecogniser, quiet_detector
from opensight.models._ocr_scales import TwoScaleDetector, speck
from opensight.models._registry import ImageInput, ModelCard, ModelSpec, PackageFile, register
from opensight.models._text_gutters import gutter_gaps

_RAPID = "rapidocr"
DETECTOR = PackageFile(_RAPID, "models/PP-OCRv6_det_small.onnx", _RAPID)
RECOGNISER = PackageFile(_RAPID, "models/PP-OCRv6_rec_small.onnx", _RAPID)
ORIENTATION = PackageFile(_RAPID, "models/ch_ppocr_mobile_v2.0_cls_mobile.onnx", _RAPID)
#: OCR looks at the whole picture up to this many pixels on the long side (RapidOCR's own limit) …
MAX_SIDE = 2000
#: … and finds the text lines on a copy at most this big (a big picture first on a smaller one: TwoScaleDetector).
DETECT_SIDE = 1600
#: Each line is recognised padded to at least this many pixels wide at the recogniser's 48-pixel height (RapidOCR:
#: 320). Measured on the read benchmark's sources of short lines (forms, tables, menus, invoices, card screens): 22-27%
#: less time at 160, CER within ±0.06 points on every source (licences 0.00% → 0.06%, docs 0.03% → 0.09%, stdlib
#: 0.13% → 0.12%, forms 0.40% → 0.37%), the same share of pictures in order; at 96 a further 5-10% less time but
#: stdlib 0.13% → 0.19%.
LINE_WIDTH = 160
#: A detector line is cut where two words are further apart than this many line heights: a column gap the detector
#: ran one line across (a word space is about a third of a line height, up to 1.8 in narrow justified columns: at 1.0,
#: their cut words were taken for the cells of a table). Gutters narrower than that are found by lining the gaps
#: of the lines up (:func:`gutter_gaps`).
WORD_GAP = 2.0
#: Each line (and each piece of one) ends this many line heights beyond its first and last word: the detector's box
#: runs further (28 px past the last word of a 30 px line), into a narrow gutter.
WORD_PAD = 0.05
#: A line's first word of at most this many characters, lying inside another line's box whose text ends with it, was
#: read twice where the detector's boxes overlap ('platform-specific' + 'cinstallation', a user's trial).
REMNANT = 2
#: A line whose box covers at least this share of a smaller or larger line's box, read as a shorter text spelled
#: within that line's, is a stray box round it read again (:func:`echoes`).
ECHO_COVER = 0.6


def _lines(polygons: list[Any], texts: list[str], scores: list[float]) -> dict[str, np.ndarray]:
    return {
        "polygons": np.array(polygons, dtype=np.float32).reshape(-1, 4, 2),
        "texts": np.array(texts, dtype=object),
        "scores": np.array(scores, dtype=np.float32),
    }


class RapidOcrRunner:
    """RapidOCR on the bundled models only: every model path is given, so nothing is ever downloaded. Lines are
    recognised ``threads`` at a time, each on one thread (:class:`ParallelRecogniser`); the detector uses them all.
    """

    def __init__(self, threads: int | None = None) -> None:
        import logging

        from rapidocr import RapidOCR

        threads = threads or thread_count()
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        self._engine = RapidOCR(
            params={
                "Det.model_path": str(DETECTOR.locate()),
                "Rec.model_path": str(RECOGNISER.locate()),
                "Cls.model_path": str(ORIENTATION.locate()),
                "Global.log_level": "error",
                "Global.max_side_len": MAX_SIDE,
                # Scale the picture so its LONG side is at most 1600 px to find lines. RapidOCR's default (short
                # side up to 736) blows a one-line picture up several times: measured on 36 rendered lines that
                # was 14× slower and misread 3.5% of characters instead of 0.15%; an A4 page at 300 dpi still
                # reads without error at 1600 (960 lost 1.7% of characters).
                "Det.limit_type": "max",
                # No per-line orientation model: it runs on every line (~12% of the time) to catch single lines
                # turned 180°; a whole page read upside down is caught by the reader's second look instead.
                "Global.use_cls": False,
                "Det.limit_side_len": DETECT_SIDE,
                # No dilation of the detector's text mask: on two-column pictures with a narrow gutter, dilation
                # joined a row of both columns into one line (read across, out of order). Measured on the read
                # benchmark: docs CER 1.26% → 0.15%, in order 97% → 100%; no source read worse.
                "Det.use_dilation": False,
                # Where each word sits on its line, to cut a line the detector ran across a column gap.
                "Global.return_word_box": True,
                # Each line recognised on its own (RapidOCR's default batches 6, each padded to its widest line): on
                # the read benchmark as accurate, 7-28% faster on pictures of many lines (package docs, page photos,
                # two columns), the same on one or two (measured 2026-12-03).
                "Rec.rec_batch_num": 1,
                # A short line is padded to LINE_WIDTH at the model's 48-pixel height, not to RapidOCR's 320: a
                # word, a price or a label took as long to recognise as a line of 40 characters.
                "Rec.rec_img_shape": [3, 48, LINE_WIDTH],
                # Each line's box grown by about its text's height all round (RapidOCR's default 1.6: 0.8 of it): the
                # tight boxes of an undilated text mask cut off the bottom of underscores, read as spaces (a new
                # user's screenshot of code kept 1 of 31). On the read benchmark CER docs 0.32% → 0.21%, stdlib
                # 0.24% → 0.13%, page photos 0% → 0.05%, the rest the same; lines in order the same.
                "Det.unclip_ratio": 2.0,
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
        # a big picture searched on a small copy first (see TwoScaleDetector)
        self._line_finder = TwoScaleDetector(quiet_detector(self._engine, threads), DETECT_SIDE)
        cast(Any, self._engine).text_det = self._line_finder
        cast(Any, self._engine).text_rec = ParallelRecogniser(self._engine, workers=threads)
        self._lock = threading.Lock()

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """``pixels`` (1, H, W, 3) RGB → ``polygons`` (N, 4, 2), ``texts`` (N,), ``scores`` (N,), and ``detected``
        (1,): how many lines the line finder found, those the recogniser scored too low included."""
        import cv2

        picture = np.ascontiguousarray(inputs["pixels"][0][:, :, ::-1])  # RapidOCR reads BGR, as OpenCV does
        with self._lock:
            found: Any = self._engine(picture)
            detected = {"detected": np.array([self._line_finder.found])}  # lines found, read well or not
            from_copy = self._line_finder.from_copy  # this picture's (the next call replaces the list)
        if found.boxes is None or found.txts is None or found.scores is None:
            return _lines([], [], []) | detected
        words = found.word_results if len(found.word_results or ()) == len(found.txts) else [()] * len(found.txts)
        # word boxes only where they spell the line's text (only then do they say where its words are)
        words = [placed if _word_places(placed, text) else () for placed, text in zip(words, found.txts, strict=True)]
        read = zip(found.boxes, found.txts, found.scores, strict=True)
        specks = [speck(box, text, score, from_copy) for box, text, score in read]
        kept = [not (junk or echo) for junk, echo in zip(specks, echoes(found.boxes, found.txts), strict=True)]
        found_scores = list(compress(found.scores, kept))
        boxes, found_texts, words = drop_double_reads(
            list(compress(found.boxes, kept)), list(compress(found.txts, kept)), list(compress(words, kept))
        )
        gutters = gutter_gaps(boxes, words)
        gray = cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY) if any(gutters) else None
        polygons, texts, scores = [], [], []
        lines = zip(boxes, found_texts, found_scores, words, gutters, strict=True)
        for polygon, text, score, placed, gutter in lines:
            for piece_polygon, piece_text in split_at_gaps(
                np.asarray(polygon, dtype=np.float64), text, placed, at=gutter, gray=gray
            ):
                polygons.append(piece_polygon)
                texts.append(piece_text)
                scores.append(score)
        return _lines(polygons, texts, scores) | detected


def _word_places(words: Any, text: str) -> list[tuple[int, int]]:
    """Where each of RapidOCR's words is in the line's text (start, end), or [] when they do not spell it: nothing
    but spaces between them (it also splits 'release/.You'll' after the full stop, with no space there)."""
    places, position = [], 0
    for word in words:
        start = text.find(word[0], position)
        if not word[0] or start < 0 or text[position:start].strip():
            return []
        places.append((start, start + len(word[0])))
        position = start + len(word[0])
    return places if not text[position:].strip() else []


def echoes(polygons: Sequence[Any], texts: Sequence[str]) -> list[bool]:
    """Which lines echo another: a box over most of another line's box (:data:`ECHO_COVER` of the smaller one),
    read as a shorter text whose characters all come in that line's, in order — the detector found a stray box
    around a line as well, and it was read as a line of its own before it ('12M' before '12 March 2023': a new
    user's caption strip on a nebula); or a box of at most :data:`REMNANT` characters, its centre inside another
    line's box, read as that line's last letters (the 's' of "computer's" in a box of its own over the end of its
    line: it stood in a narrow gutter and hid it, and the row under it was read across both columns).

    >>> def box(x1, y1, x2, y2): return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=float)
    >>> echoes([box(1443, 1481, 1599, 1589), box(1481, 1558, 1591, 1596)], ["12M", "12 March 2023"])
    [True, False]
    >>> echoes([box(0, 0, 400, 60), box(0, 35, 300, 95)], ["KESTREL BIKES", "open until 7 pm"])  # lines, not echoes
    [False, False]
    >>> echoes([box(39, 584, 492, 609), box(483, 589, 499, 605)], ["Returns the computer's", "S"])
    [False, True]
    """
    import cv2

    boxes = [np.asarray(polygon, dtype=np.float32).reshape(4, 2) for polygon in polygons]
    letters = ["".join(text.split()).casefold() for text in texts]

    def within(short: str, long: str) -> bool:
        rest = iter(long)
        return all(letter in rest for letter in short)  # each letter found after the one before

    def echo(i: int, j: int) -> bool:
        if i == j or not letters[i] or len(letters[i]) >= len(letters[j]) or not within(letters[i], letters[j]):
            return False
        if len(letters[i]) <= REMNANT and letters[j].endswith(letters[i]) and _inside(boxes[i].mean(axis=0), boxes[j]):
            return True  # the line's last letter or two read again
        smaller = min(cv2.contourArea(boxes[i]), cv2.contourArea(boxes[j]))
        return float(cv2.intersectConvexConvex(boxes[i], boxes[j])[0]) >= ECHO_COVER * max(smaller, 1e-6)

    flags = [False] * len(boxes)
    if len(boxes) < 2:
        return flags
    low, high = np.min(boxes, axis=1), np.max(boxes, axis=1)  # only boxes whose extents touch are compared
    touching = ((low[:, None] < high[None]) & (high[:, None] > low[None])).all(axis=-1)
    for i, j in zip(*np.nonzero(touching), strict=True):
        flags[i] = flags[i] or echo(int(i), int(j))
    return flags


def drop_double_reads(
    polygons: list[Any], texts: list[str], words: list[Any]
) -> tuple[list[np.ndarray], list[str], list[Any]]:
    """Lines without the word they repeat from another line: where two of the detector's boxes overlap, the
    recogniser reads the overlap twice, and the second line starts with a remnant of the first one's last word and
    no space ('platform-specific' + 'cinstallation'). A line's first word of at most ``REMNANT`` characters whose
    box lies inside another line's box, when that line's text ends with it and the line's next word starts past that
    box, is dropped, and the line starts where the other ends (``words``: RapidOCR's (text, score, box) per word).

    >>> def box(x1, x2): return np.array([[x1, 0], [x2, 0], [x2, 20], [x1, 20]], dtype=float)
    >>> words = [[("platform-specific", 1, box(2, 198))], [("c", 1, box(190, 196)), ("installation", 1, box(240, 398))]]
    >>> _, texts, _ = drop_double_reads([box(0, 200), box(190, 400)], ["platform-specific", "cinstallation"], words)
    >>> texts
    ['platform-specific', 'installation']
    """
    boxes = [np.asarray(polygon, dtype=np.float64) for polygon in polygons]
    texts, words = list(texts), list(words)
    for j, (polygon, text, placed) in enumerate(zip(boxes, texts, words, strict=True)):
        places = _word_places(placed, text)
        if len(places) < 2 or len(placed[0][0]) > REMNANT:
            continue
        along = polygon[1] - polygon[0]
        length = float(np.hypot(*along))
        if length <= 0:
            continue
        unit = along / length
        centre = np.asarray(placed[0][2], dtype=np.float64).mean(axis=0)
        rest = float(((np.asarray(placed[1][2], dtype=np.float64) - polygon[0]) @ unit).min())
        for i, other in enumerate(boxes):
            end = float(((other[1:3] - polygon[0]) @ unit).max())  # where the other line ends, along this one
            if i == j or not texts[i].rstrip().endswith(placed[0][0]) or not _inside(centre, other) or rest < end:
                continue
            start = min(end, length) / length
            boxes[j] = np.array(
                [polygon[0] + start * along, polygon[1], polygon[2], polygon[3] + start * (polygon[2] - polygon[3])]
            )
            texts[j], words[j] = text[places[1][0] :], placed[1:]
            break
    return boxes, texts, words


def _inside(point: np.ndarray, polygon: np.ndarray) -> bool:
    """Whether ``point`` lies in the 4-point box ``polygon`` (its own frame: along its top edge and down its side)."""
    offset = point - polygon[0]
    along, down = polygon[1] - polygon[0], polygon[3] - polygon[0]
    u = float(offset @ along) / max(float(along @ along), 1e-12)
    v = float(offset @ down) / max(float(down @ down), 1e-12)
    return 0.0 <= u <= 1.0 and 0.0 <= v <= 1.0


def split_at_gaps(
    polygon: np.ndarray,
    text: str,
    words: Any,
    *,
    gap: float = WORD_GAP,
    at: Collection[int] = (),
    gray: np.ndarray | None = None,
) -> list[tuple[np.ndarray, str]]:
    """A detector line cut where two of its words are more than ``gap`` line heights apart, and at the gaps ``at``
    (gap ``i`` is before word ``i``: a gutter, :func:`gutter_gaps`) — the detector ran the line across the gap
    between two columns; ``words``: RapidOCR's (text, score, 4-point box) of each word. A line without such a gap,
    or without word boxes, comes back whole. With the picture (``gray``), a cut at a gutter follows the blank columns
    between its two words (:func:`~opensight.models._ink_gaps.ink_gap`), not their rough boxes.

    >>> line = np.array([[0, 0], [400, 0], [400, 20], [0, 20]], dtype=float)
    >>> def word(text, x1, x2): return (text, 1.0, [[x1, 2], [x2, 2], [x2, 18], [x1, 18]])
    >>> [t for _, t in split_at_gaps(line, "near the Our library", [word("near", 0, 40), word("the", 46, 70),
    ...     word("Our", 120, 150), word("library", 156, 220)])]
    ['near the', 'Our library']
    """
    along = polygon[1] - polygon[0]
    length = float(np.hypot(*along))
    height = float(np.hypot(*(polygon[3] - polygon[0])))
    places = _word_places(words, text)
    if length <= 0 or height <= 0 or not places:
        return [(polygon, text)]
    unit = along / length
    spans = [np.asarray(w[2], dtype=np.float64) - polygon[0] for w in words]
    starts = [float((span @ unit).min()) for span in spans]
    ends = [float((span @ unit).max()) for span in spans]
    cuts = [i for i in range(1, len(words)) if starts[i] - ends[i - 1] > gap * height or i in at]
    inked = sorted(set(cuts) & set(at))  # the cuts at gutters, moved onto the ink where it shows a blank run
    if gray is not None and inked:
        blanks = ink_gap(gray, polygon, [(ends[cut - 1], starts[cut]) for cut in inked])
        for cut, blank in zip(inked, blanks, strict=True):
            if blank is not None and starts[cut - 1] < blank[0] and blank[1] < ends[cut]:
                ends[cut - 1], starts[cut] = blank
    pad = WORD_PAD * height
    pieces = []
    for first, last in zip([0, *cuts], [*cuts, len(words)], strict=True):
        a = max(0.0, starts[first] - pad) / length
        b = min(length, ends[last - 1] + pad) / length
        top = polygon[0] + np.outer([a, b], polygon[1] - polygon[0])
        bottom = polygon[3] + np.outer([b, a], polygon[2] - polygon[3])
        pieces.append((np.vstack([top, bottom]), text[places[first][0] : places[last - 1][1]]))
    return pieces


class TesseractRunner:
    """Debian's ``tesseract`` program (good on clean scanned documents, weaker on photos), English."""

    def __init__(self, language: str = "eng") -> None:
        self.language = language

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(inputs["pixels"][0]).save(buffer, "PNG")
        try:
            done = subprocess.run(
                ["tesseract", "stdin", "stdout", "-l", self.language, "tsv"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=300,
                check=False,
            )
        except FileNotFoundError:
            raise ModelError(
                "the tesseract program disappeared; install it: sudo apt-get install tesseract-ocr"
            ) from None
        if done.returncode != 0:
            raise DecodeError(f"tesseract could not read this picture ({done.stderr.decode(errors='replace')[-300:]})")
        return _parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def _parse_tsv(tsv: str) -> dict[str, np.ndarray]:
    """Tesseract's word rows grouped into lines: text, box and mean word confidence (0-100 → 0-1)."""
    words: dict[tuple[str, str, str, str], list[tuple[int, int, int, int, float, str]]] = defaultdict(list)
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(v) for v in cells[6:10])
        words[(cells[1], cells[2], cells[3], cells[4])].append(
            (left, top, left + width, top + height, float(cells[10]), cells[11])
        )
    polygons, texts, scores = [], [], []
    for line in words.values():
        x1, y1 = min(w[0] for w in line), min(w[1] for w in line)
        x2, y2 = max(w[2] for w in line), max(w[3] for w in line)
        polygons.append([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])
        texts.append(" ".join(w[5] for w in line))
        scores.append(max(0.0, min(1.0, float(np.mean([w[4] for w in line])) / 100)))
    return _lines(polygons, texts, scores)


def _load_rapid(spec: ModelSpec) -> Any:
    return RapidOcrRunner()


def _load_tesseract(spec: ModelSpec) -> Any:
    return TesseractRunner()


_TEXT_INPUT = ImageInput(size=MAX_SIDE, crop_fraction=1.0)

RAPIDOCR = register(
    ModelSpec(
        name="ppocr_v6.rapidocr",
        task="read",
        runtime="onnxruntime (RapidOCR)",
        summary="PP-OCRv6 small: finds text lines in photos and documents, reads Chinese and English",
        source=RECOGNISER,
        sha256="6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884",
        licence="Apache-2.0",
        size_mb=21.2,  # the recogniser; with the detector and orientation models, 31.7 MB in all
        input=_TEXT_INPUT,
        requires=(_RAPID,),
        extra="read",
        card=ModelCard(
            intended_use="Pull the text off signs, receipts, screenshots, labels and printed pages, with each "
            "line's position and a confidence score.",
            limits=(
                "Trained for Chinese and English (Latin letters and digits): other scripts and accents come out "
                "wrong or missing.",
                "Handwriting, very small text (under about 10 pixels high) and strongly curved or "
                "perspective-warped text are read poorly; check low-scoring lines.",
                "Lines are searched for on the picture scaled to 1600 pixels on its long side: small print on a big "
                "picture (under about 14 pixels on a 2560-3840-pixel screen, or on a busy photo) can be missed; crop "
                "to the text first.",
                "A page upside down is read turned when the first reading is weak; single upside-down lines and "
                "sideways (90°) pages are not.",
            ),
            provenance="PaddleOCR PP-OCRv6 detection and recognition (small) and the PP-OCR mobile v2 orientation "
            "classifier (Apache-2.0, Baidu), as ONNX files inside the rapidocr wheel on PyPI (RapidAI).",
        ),
    ),
    loader=_load_rapid,
)

TESSERACT = register(
    ModelSpec(
        name="tesseract.eng",
        task="read",
        runtime="tesseract (Debian program)",
        summary="Tesseract 5 LSTM, English: good on clean scanned documents",
        source=None,
        sha256="",
        licence="Apache-2.0",
        size_mb=0.0,
        input=_TEXT_INPUT,
        programs=("tesseract",),
        program_hint="on Debian/Ubuntu: `sudo apt-get install tesseract-ocr tesseract-ocr-eng` (the default "
        "engine, rapidocr, needs nothing extra)",
        card=ModelCard(
            intended_use="Read clean, straight, printed documents (scans, screenshots) in English.",
            limits=(
                "Misses much of the text in photos (signs, labels, receipts at an angle): use the default engine.",
                "English only as installed here; other languages need their tesseract-ocr-<lang> package.",
            ),
            provenance="Tesseract OCR (Apache-2.0) from Debian's tesseract-ocr and tesseract-ocr-eng packages.",
        ),
    ),
    loader=_load_tesseract,
)

__all__ = ["RAPIDOCR", "TESSERACT", "RapidOcrRunner", "TesseractRunner", "split_at_gaps"]
