"""read: the text in a picture, line by line in reading order, with boxes and scores.

>>> import opensight as osi
>>> print(osi.read("receipt.jpg").text)  # doctest: +SKIP
TOTAL 12.50
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from opensight._errors import InputError
from opensight._results_text import TextLine, TextRegions
from opensight.inputs import LoadedImage, Source, load_image
from opensight.models import ModelSpec, Runner
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score
from opensight.tasks._reading_order import reading_order

#: Lines scored below this are dropped (RapidOCR's own default).
DEFAULT_MIN_SCORE = 0.5
#: The long side a picture is scaled into before reading (see :meth:`TextReader.preprocess`).
MIN_LONG_SIDE, MAX_LONG_SIDE = 480, 1600
#: Below this mean line score the page is also read turned by 180°, and the better reading is kept.
UPSIDE_DOWN_CHECK = 0.85
#: Engines by their short name (``--engine``).
ENGINES = {"rapidocr": "ppocr_v6.rapidocr", "tesseract": "tesseract.eng"}


class TextReader(Task[TextRegions]):
    """Reads text; ``TextReader(engine="tesseract")`` uses Debian's tesseract instead of the default RapidOCR."""

    result_type = TextRegions

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

    def load(self, source: Source) -> LoadedImage:
        """A big JPEG decoded at reduced scale, its long side never under the 1600 px the lines are found at (a
        phone's 4000×3000 photo at 2000×1500: 60 ms less to decode and 120 ms less to scale down)."""
        return load_image(source, long_side=MAX_LONG_SIDE, headroom=1)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """The picture scaled so its long side is between 480 and 1600 px: tiny pictures are enlarged (their text
        is found at all), big ones reduced (lines are found as well, much faster). Boxes are mapped back.

        Enlarging every picture to 960 px, as before, made finding lines 25-30% slower and read no better once the
        detector no longer thickens its text mask (see ``models/ocr.py``): measured on the read benchmark."""
        height, width = image.pixels.shape[:2]
        long_side = max(height, width)
        target = min(max(long_side, MIN_LONG_SIDE), MAX_LONG_SIDE)
        if target == long_side:
            return image.pixels
        scale = target / long_side
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        return np.asarray(Image.fromarray(image.pixels).resize(size, Image.Resampling.BICUBIC))

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> TextRegions:
        width, height = (int(v) for v in outputs[ORIGINAL_SIZE][index])
        seen_height, seen_width = outputs["seen_shape"][index]
        scale = np.array([width / seen_width, height / seen_height], dtype=np.float32)
        lines = [
            TextLine(text=str(text).strip(), score=float(score), polygon=polygon * scale)
            for polygon, text, score in zip(outputs["polygons"], outputs["texts"], outputs["scores"], strict=True)
            if score >= self.min_score and str(text).strip()
        ]
        ordered = reading_order(lines)
        if "turned" in outputs:  # read upside down: order in that frame, then give boxes in the picture's own
            size = np.array([width, height], dtype=np.float32)
            ordered = [TextLine(line.text, line.score, np.roll(size - line.polygon, 2, axis=0)) for line in ordered]
        return TextRegions(lines=tuple(ordered), model=self.spec.name)

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        outputs = super()._forward(batch)
        if _worth_turning(outputs):
            turned = super()._forward(np.ascontiguousarray(batch[:, ::-1, ::-1]))
            if _quality(turned) > _quality(outputs):
                outputs = {**turned, "turned": np.array([True])}
        outputs["seen_shape"] = np.array([batch.shape[1:3]])
        return outputs


def _worth_turning(outputs: dict[str, np.ndarray]) -> bool:
    """A weak reading of lines that were found: maybe the whole page is upside down. Where the line finder found no
    line at all (a photo without text), turned it finds none either: half the time on such photos."""
    return bool(outputs.get("detected", np.ones(1))[0]) and _quality(outputs) < UPSIDE_DOWN_CHECK


def _quality(outputs: dict[str, np.ndarray]) -> float:
    """Mean line score weighted by characters (0 when nothing was read)."""
    lengths = np.array([len(str(text)) for text in outputs["texts"]], dtype=np.float64)
    return float(np.average(outputs["scores"], weights=lengths)) if lengths.sum() else 0.0
