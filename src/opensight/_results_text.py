"""Result types of reading text in pictures (**contract**, like :mod:`opensight.results`): :class:`TextLine`, one
line the detector found, and :class:`TextRegions`, a picture's lines in reading order (``opensight read``).

>>> line = TextLine("Open at 7", 0.97, np.array([[0, 0], [90, 0], [90, 14], [0, 14]], np.float32))
>>> TextRegions(lines=(line,), model="m").summary()
'Read 1 line of text'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from opensight._text_rows import joined_text
from opensight.results import Shown, _plural


@dataclass(frozen=True, eq=False)
class TextLine:
    """One line of text found in a picture: ``polygon`` (4 corner points, clockwise from top-left, original
    pixels) and its bounding ``box`` [x1, y1, x2, y2]."""

    text: str
    score: float
    polygon: np.ndarray

    @property
    def box(self) -> tuple[float, float, float, float]:
        """[x1, y1, x2, y2] around the polygon."""
        xs, ys = self.polygon[:, 0], self.polygon[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    def __repr__(self) -> str:
        """The text, its score and its box, as a user looks for them (the polygon: ``.polygon``).

        >>> TextLine("Hello", 0.98, np.array([[0, 0], [50, 0], [50, 12], [0, 12]], np.float32))
        TextLine(text='Hello', score=0.98, box=(0.0, 0.0, 50.0, 12.0))
        """
        box = tuple(round(value, 1) for value in self.box)
        return f"TextLine(text={self.text!r}, score={round(float(self.score), 4)}, box={box})"

    def to_dict(self) -> dict[str, Any]:
        """``{"text", "score", "box", "polygon"}``"""
        return {
            "text": self.text,
            "score": round(float(self.score), 4),
            "box": [round(v, 1) for v in self.box],
            "polygon": [[round(float(x), 1), round(float(y), 1)] for x, y in self.polygon],
        }


@dataclass(frozen=True)
class TextRegions(Shown):
    """The text in one picture, line by line in reading order (columns left to right, each top to bottom).

    >>> line = TextLine("Hello", 0.98, np.array([[0, 0], [50, 0], [50, 12], [0, 12]], np.float32))
    >>> TextRegions(lines=(line,), model="m").text
    'Hello'
    """

    columns: ClassVar[tuple[str, ...]] = ("text", "score", "lines", "model")

    lines: tuple[TextLine, ...]
    model: str

    def __len__(self) -> int:
        return len(self.lines)

    def summary(self) -> str:
        """'Read 3 lines of text' (or 'Found no text'): the lines of :attr:`text`, a row each."""
        return f"Read {_plural(self._rows(), 'line')} of text" if self.lines else "Found no text"

    def cells(self) -> dict[str, str]:
        """The ``lines`` cell counts the text's lines, and the detector's pieces where more (a receipt's item and its
        price are two pieces on one line)."""
        rows, pieces = self._rows(), len(self.lines)
        counted = f"{rows} line(s)" + (f", {pieces} pieces" if pieces > rows else "")
        return {**super().cells(), "lines": counted if self.lines else "none"}

    def _rows(self) -> int:
        return self.text.count("\n") + 1 if self.lines else 0

    @property
    def text(self) -> str:
        """All lines in reading order, a row per line (empty when the picture has no text). Lines that stand on one
        row (:func:`~opensight._text_rows.joined_text`) are joined by a tab where they are two box heights or more
        apart, about three times the font size (a label and its value, an item and its price, a table's cells), by a
        space where closer (the wide spaces of a justified line); rows by newlines.

        >>> def line(text, x, y):
        ...     return TextLine(text, 0.9, np.array([[x, y], [x + 60, y], [x + 60, y + 9], [x, y + 9]]))
        >>> TextRegions(lines=(line("Coffee", 0, 0), line("3.50", 200, 1), line("Tea", 0, 20)), model="m").text
        'Coffee\\t3.50\\nTea'
        """
        return joined_text([line.polygon for line in self.lines], [line.text for line in self.lines])

    @property
    def score(self) -> float | None:
        """The lowest line score (the weakest link), or None when there is no text."""
        return min((line.score for line in self.lines), default=None)

    def to_dict(self) -> dict[str, Any]:
        """The row fields: ``text``, ``score`` (lowest line score), ``lines`` and ``model``."""
        score = self.score
        return {
            "text": self.text,
            "score": None if score is None else round(float(score), 4),
            "lines": [line.to_dict() for line in self.lines],
            "model": self.model,
        }
