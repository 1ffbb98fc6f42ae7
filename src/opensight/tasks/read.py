"""read: the text in a picture, line by line in reading order, with boxes and scores.

>>> import opensight as osi
>>> print(osi.read("receipt.jpg").text)  # doctest: +SKIP
TOTAL 12.50
"""

from __future__ import annotations

import numpy as np

from opensight._errors import InputError
from opensight.inputs import LoadedImage
from opensight.models import ModelSpec, Runner
from opensight.results import TextLine, TextRegions
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

#: Lines scored below this are dropped (RapidOCR's own default).
DEFAULT_MIN_SCORE = 0.5
#: Engines by their short name (``--engine``).
ENGINES = {"rapidocr": "ppocr_v6.rapidocr", "tesseract": "tesseract.eng"}


class TextReader(Task[TextRegions]):
    """Reads text; ``TextReader(engine="tesseract")`` uses Debian's tesseract instead of the default RapidOCR."""

    task = "read"
    same_size = False  # pictures of text keep their own size: one picture per model call

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        engine: str | None = None,
        min_score: float = DEFAULT_MIN_SCORE,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        if engine is not None:
            if engine not in ENGINES:
                raise InputError(f"unknown OCR engine {engine!r}; choose {' or '.join(ENGINES)}")
            model = model or ENGINES[engine]
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.min_score = check_score("min_score", min_score)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The picture as it is (the OCR engine scales it itself)."""
        return image.pixels

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> TextRegions:
        width, height = (int(v) for v in outputs[ORIGINAL_SIZE][index])
        seen_height, seen_width = outputs["seen_shape"][index]
        scale = np.array([width / seen_width, height / seen_height], dtype=np.float32)
        lines = [
            TextLine(text=str(text).strip(), score=float(score), polygon=polygon * scale)
            for polygon, text, score in zip(outputs["polygons"], outputs["texts"], outputs["scores"], strict=True)
            if score >= self.min_score and str(text).strip()
        ]
        return TextRegions(lines=tuple(reading_order(lines)), model=self.spec.name)

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        outputs = super()._forward(batch)
        outputs["seen_shape"] = np.array([batch.shape[1:3]])
        return outputs


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Columns left to right (a column = lines whose horizontal extents overlap, separated from the next by a
    clear vertical gap), and in each column rows top to bottom, each row left to right.

    >>> def at(x, y): return TextLine(f"{x},{y}", 1.0, np.array([[x, y], [x + 40, y], [x + 40, y + 10], [x, y + 10]]))
    >>> [line.text for line in reading_order([at(200, 0), at(0, 20), at(0, 0), at(200, 20)])]
    ['0,0', '0,20', '200,0', '200,20']
    """
    if not lines:
        return []
    heights = [line.box[3] - line.box[1] for line in lines]
    gap = float(np.median(heights))
    by_left = sorted(lines, key=lambda line: line.box[0])
    columns: list[list[TextLine]] = [[by_left[0]]]
    right = by_left[0].box[2]
    for line in by_left[1:]:
        if line.box[0] > right + gap:
            columns.append([line])
            right = line.box[2]
        else:
            columns[-1].append(line)
            right = max(right, line.box[2])
    ordered: list[TextLine] = []
    for column in columns:
        rows: list[list[TextLine]] = []
        for line in sorted(column, key=lambda line: (line.box[1] + line.box[3]) / 2):
            centre = (line.box[1] + line.box[3]) / 2
            if rows and abs(centre - np.mean([(x.box[1] + x.box[3]) / 2 for x in rows[-1]])) < gap / 2:
                rows[-1].append(line)
            else:
                rows.append([line])
        for row in rows:
            ordered.extend(sorted(row, key=lambda line: line.box[0]))
    return ordered
