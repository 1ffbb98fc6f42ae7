"""Pictures of laid-out text for the read benchmark (bench/_quality_read.py): forms, tables and menus, drawn as ink
on tilted paper, each with its lines in reading order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Placed = list[tuple[float, float, str]]  # x, y, text


def draw_ink(placed: Placed, face: ImageFont.FreeTypeFont, margin: int, width: int, leading: int) -> Image.Image:
    """The text drawn white on black, with ``margin`` around it."""
    canvas = (width + 2 * margin, int(max(y for _, y, _ in placed) + leading) + 2 * margin)
    ink = Image.new("L", canvas, 0)
    draw = ImageDraw.Draw(ink)
    for x, y, text in placed:
        draw.text((margin + x, margin + y), text, font=face, fill=255)
    return ink


def on_paper(ink: Image.Image, rng: np.random.Generator, tilt: float, lightest: int) -> Image.Image:
    """Ink (white on black) turned up to ``tilt`` degrees either way, printed dark on paper of a light shade (each
    channel from ``lightest`` to 255, with grain), slightly blurred."""
    ink = ink.rotate(float(rng.uniform(-tilt, tilt)), resample=Image.Resampling.BICUBIC, expand=True)
    paper = np.array(rng.integers(lightest, 256, 3), dtype=np.float32)
    background = np.broadcast_to(paper, (ink.height, ink.width, 3)) + rng.normal(0, 4, (ink.height, ink.width, 1))
    alpha = np.asarray(ink, dtype=np.float32)[..., None] / 255
    image = Image.fromarray(np.clip(background * (1 - alpha) + 25 * alpha, 0, 255).astype(np.uint8))
    return image.filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 0.8))))


def _drawn(
    words: list[str], rng: np.random.Generator, faces: list[Path], sizes: tuple[int, int], most_leading: float
) -> tuple[int, ImageFont.FreeTypeFont, int, Callable[[int], str]]:
    """A font size from ``sizes``, a face of ``faces`` at it, a leading of 1.3 to ``most_leading`` sizes, and a way to
    draw ``count`` words of ``words``, joined."""
    size = int(rng.integers(*sizes))
    face = ImageFont.truetype(str(faces[int(rng.integers(len(faces)))]), size)
    leading = int(size * rng.uniform(1.3, most_leading))

    def some(count: int) -> str:
        return " ".join(str(w) for w in rng.choice(words, count))

    return size, face, leading, some


def form_or_table(words: list[str], rng: np.random.Generator, faces: list[Path]) -> tuple[Image.Image, list[str]]:
    """A form (a title, then 4-7 rows of a label ending with a colon, left- or right-aligned, and its value a wide gap
    away) or a borderless table (a header and 3-5 rows of a word and two numbers or times, the numbers right-aligned),
    tilted −3…+3° on paper; and the rows in order."""
    size, face, leading, some = _drawn(words, rng, faces, (18, 31), 2.2)
    placed: Placed = []
    truth: list[str] = []
    if rng.random() < 0.5:
        title = some(2).title()
        placed.append((0, 0, title))
        truth.append(title)
        labels = [some(int(rng.integers(1, 3))).capitalize() + ":" for _ in range(int(rng.integers(4, 8)))]
        column = max(face.getlength(label) for label in labels) + size * rng.uniform(1.5, 8)
        right = rng.random() < 0.5  # labels right-aligned against the values
        for row, label in enumerate(labels, start=1):
            value = some(int(rng.integers(1, 3))) if rng.random() < 0.6 else f"{rng.integers(1, 99999):,}"
            x = column - size * 0.5 - face.getlength(label) if right else 0
            placed += [(x, row * leading, label), (column, row * leading, value)]
            truth.append(f"{label} {value}")
    else:
        columns = [0.0, size * rng.uniform(9, 14), size * rng.uniform(16, 24)]
        for row in range(int(rng.integers(4, 7))):
            cells = [some(1).capitalize()] + [
                f"{rng.integers(1, 13)} {'am' if rng.random() < 0.5 else 'pm'}"
                if rng.random() < 0.5
                else f"{rng.integers(1, 999)}"
                for _ in range(2)
            ]
            if row == 0:
                cells = [c.capitalize() for c in (some(1), some(1), some(1))]
            placed.append((0, row * leading, cells[0]))
            placed += [
                (x - face.getlength(cell), row * leading, cell) for x, cell in zip(columns[1:], cells[1:], strict=True)
            ]
            truth.append(" ".join(cells))
    left = min(x for x, _, _ in placed)
    placed = [(x - left, y, text) for x, y, text in placed]
    width = int(max(x + face.getlength(text) for x, _, text in placed))
    return on_paper(draw_ink(placed, face, 2 * size, width, leading), rng, 3, 215), truth


def table_or_menu(words: list[str], rng: np.random.Generator, faces: list[Path]) -> tuple[Image.Image, list[str]]:
    """A table of 3-5 columns a close 0.4-1.5 em apart (a header; 4-7 rows of a name, then words left-aligned or
    numbers and times right-aligned, column by column) or a menu (a title; 4-6 dishes, each with its price flush
    right a wide gap away, half of them with a line of description under), tilted −2.5…+2.5° on paper; and the rows in
    order."""
    size, face, leading, some = _drawn(words, rng, faces, (16, 29), 2.0)
    placed: Placed = []
    truth: list[str] = []
    if rng.random() < 0.5:
        kinds = ["name", *(str(rng.choice(["word", "number", "time"])) for _ in range(int(rng.integers(2, 5))))]

        def cell(kind: str) -> str:
            if kind in ("name", "word"):
                return some(int(rng.integers(1, 3)) if kind == "name" else 1).capitalize()
            return f"{rng.integers(0, 24)}:{rng.integers(0, 60):02d}" if kind == "time" else f"{rng.integers(1, 9999)}"

        rows = [[some(1).capitalize() for _ in kinds]] + [[cell(k) for k in kinds] for _ in range(rng.integers(4, 8))]
        widths = [max(face.getlength(row[c]) for row in rows) for c in range(len(kinds))]
        gap, starts = size * rng.uniform(0.4, 1.5), [0.0]
        for width in widths[:-1]:
            starts.append(starts[-1] + width + gap)
        for number, row in enumerate(rows):
            for text, kind, start, width in zip(row, kinds, starts, widths, strict=True):
                flush_right = kind in ("number", "time")
                placed.append((start + width - face.getlength(text) if flush_right else start, number * leading, text))
            truth.append(" ".join(row))
    else:
        title = some(2).title()
        placed.append((0, 0, title))
        truth.append(title)
        dishes = [some(int(rng.integers(2, 4))).capitalize() for _ in range(int(rng.integers(4, 7)))]
        edge = max(face.getlength(dish) for dish in dishes) + size * rng.uniform(3, 12)
        y = leading * 1.5
        for dish in dishes:
            price = f"{'€' if rng.random() < 0.5 else ''}{rng.integers(3, 40)}.{rng.choice(['00', '50', '90'])}"
            placed += [(0, y, dish), (edge - face.getlength(price), y, price)]
            truth.append(f"{dish} {price}")
            y += leading
            if rng.random() < 0.5:
                description = some(int(rng.integers(3, 7)))
                placed.append((size * rng.choice([0, 1]), y, description))
                truth.append(description)
                y += leading
    width = int(max(x + face.getlength(text) for x, _, text in placed))
    return on_paper(draw_ink(placed, face, 2 * size, width, leading), rng, 2.5, 215), truth


def invoice(words: list[str], rng: np.random.Generator, faces: list[Path]) -> tuple[Image.Image, list[str]]:
    """An invoice: a company's name top left and a two-line address flush right beside it, a title, a table of items
    (1-3 words) with a quantity, a unit price and an amount each, the numbers flush right in their columns (the
    quantities at 55% of the width, a wide gap after the items), and a block of totals flush right under it (label
    and amount); tilted −1.5…+1.5° on paper; and the rows in order."""
    size, face, leading, some = _drawn(words, rng, faces, (18, 30), 1.9)
    edge = size * rng.uniform(26, 34)  # the right edge of the last column
    columns = (0.55 * edge, 0.75 * edge, edge)  # where the quantities, unit prices and amounts end
    company = some(2).title() + " Ltd"
    address = [f"{rng.integers(1, 200)} {some(1).title()} Street", f"{some(1).title()} {rng.integers(10000, 99999)}"]
    rows: list[list[tuple[str, float | None]]] = [[(company, 0), (address[0], edge)], [(address[1], edge)]]
    rows += [[], [(f"Invoice {rng.integers(1000, 9999)}", 0)]]
    rows.append([("Description", 0), *zip(("Qty", "Unit price", "Amount"), columns, strict=True)])
    total = 0.0
    for _ in range(int(rng.integers(3, 7))):
        quantity, price = int(rng.integers(1, 20)), int(rng.integers(100, 9999)) / 100
        total += quantity * price
        cells = (str(quantity), f"{price:.2f}", f"{quantity * price:.2f}")
        rows.append([(some(int(rng.integers(1, 4))).title(), 0), *zip(cells, columns, strict=True)])
    rows.append([])
    for label, amount in (("Subtotal", total), ("VAT 20%", 0.2 * total), ("Total due", 1.2 * total)):
        rows.append([(label, columns[1]), (f"{amount:.2f}", edge)])
    placed: Placed = []
    truth: list[str] = []
    for number, cells in enumerate(rows):
        for text, right in cells:  # a cell with a right edge is flush right there
            placed.append((0.0 if not right else right - face.getlength(text), number * leading, text))
        if cells:
            truth.append(" ".join(text for text, _ in cells))
    return on_paper(draw_ink(placed, face, 2 * size, int(edge), leading), rng, 1.5, 220), truth
