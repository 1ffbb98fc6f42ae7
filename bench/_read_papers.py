"""Pages of a two-column paper with figures, laid out by Chromium (Debian's `chromium`, headless), for the read
benchmark: the text's true order is the order of its blocks in the page's HTML.

Each page: a title, then one of five layouts in turn — a figure (a gray box, its caption under it) in the first
column; in the second; across the whole page between two bands of columns; at the top of the first column; two
figures — or a shaded sidebar of smaller text beside two columns. CSS columns balance their heights, so a figure
leaves one column with a blank stretch beside the other's text, and columns end unevenly. Sentences of the standard
library's docstrings (the read benchmark's stdlib source), one of six font families, 14-17 px, justified or ragged,
gutters of 1.2-2.5 em. The truth is each block's text in chunks of five words (a chunk never spans two blocks), so
the in-order check fails where a column's text is interleaved with the other's or a caption lands inside a column.
"""

from __future__ import annotations

import html
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from _common import inked_box

FAMILIES = ("DejaVu Serif", "Liberation Serif", "Liberation Sans", "DejaVu Sans", "Nimbus Roman", "FreeSerif")
LAYOUTS = ("figure in the first column", "figure in the second column", "figure across the page", "sidebar",
           "figure at the top of the first column", "two figures")  # fmt: skip
CHUNK = 5


def papers(sentences: list[str], count: int, folder: Path, seed: int) -> list[tuple[Path, list[str]]]:
    """``count`` pages (the layouts in turn) as PNG files in ``folder``; each with its truth in chunks."""
    if shutil.which("chromium") is None:
        raise SystemExit("apt-get install -y chromium (or: make setup)")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for number in range(count):
        body, blocks = _layout(LAYOUTS[number % len(LAYOUTS)], number, rng, sentences)
        words = rng.choice(sentences).split()[:9]
        title = " ".join(words[:-1] if len(words) > 2 else words)
        items.append(drawn(folder / f"paper{number:03d}", _page(title, body, rng), [title, *blocks]))
    return items


def drawn(stem: Path, page: str, blocks: list[str]) -> tuple[Path, list[str]]:
    """The HTML ``page`` written to ``stem``.html and drawn by Chromium to ``stem``.png; with its truth: the text of
    ``blocks`` (in reading order) in chunks of :data:`CHUNK` words, a chunk never spanning two blocks."""
    html_file, picture = stem.with_suffix(".html"), stem.with_suffix(".png")
    html_file.write_text(page, encoding="utf-8")
    screenshot(html_file, picture)
    truth = []
    for block in blocks:
        words = block.split()
        truth += [" ".join(words[i : i + CHUNK]) for i in range(0, len(words), CHUNK)]
    return picture, truth


def _layout(name: str, number: int, rng: random.Random, sentences: list[str]) -> tuple[str, list[str]]:
    """The page's body (HTML) and its blocks of text in reading order."""

    def paragraph(low: int = 7, high: int = 12) -> str:
        return " ".join(rng.choice(sentences) for _ in range(rng.randint(low, high)))

    def figure(caption: str, low: int = 160, high: int = 320) -> str:
        box = f'<div class="figure" style="height:{rng.randint(low, high)}px"></div>'
        return f'{box}<p class="caption">{html.escape(caption)}</p>'

    first, second, third = paragraph(), paragraph(), paragraph()
    caption = f"Figure {number + 1}: " + " ".join(rng.choice(sentences).split()[:12])

    def columns(*parts: str) -> str:
        return '<div class="columns">' + "".join(parts) + "</div>"

    def text(block: str) -> str:
        return f"<p>{html.escape(block)}</p>"

    layouts: dict[str, Callable[[], tuple[str, list[str]]]] = {
        "figure in the first column": lambda: (
            columns(text(first), figure(caption), text(f"{second} {third}")),
            [first, caption, f"{second} {third}"],
        ),
        "figure in the second column": lambda: (
            columns(text(f"{first} {second}"), figure(caption), text(third)),
            [f"{first} {second}", caption, third],
        ),
        "figure across the page": lambda: (
            columns(text(first)) + figure(caption) + columns(text(second)),
            [first, caption, second],
        ),
        "sidebar": lambda: (
            f'<div class="with-sidebar"><div class="sidebar">{html.escape(third)}</div>'
            f"{columns(text(f'{first} {second}'))}</div>",
            [third, f"{first} {second}"],
        ),
        "figure at the top of the first column": lambda: (
            columns(figure(caption), text(f"{first} {second}")),
            [caption, f"{first} {second}"],
        ),
        "two figures": lambda: (
            columns(text(first), figure(caption), text(second), figure(f"{caption} (detail)", 120, 240), text(third)),
            [first, caption, second, f"{caption} (detail)", third],
        ),
    }
    return layouts[name]()


def body_style(rng: random.Random) -> tuple[str, float]:
    """The page's CSS for its body (a font family, 14-17 px, justified or ragged) and its gutter in em (1.2-2.5)."""
    family, size = rng.choice(FAMILIES), rng.choice((14, 15, 16, 17))
    gap, align = rng.choice((1.2, 1.5, 2.0, 2.5)), rng.choice(("justify", "left"))
    body = f"font-family: '{family}'; font-size: {size}px; line-height: 1.35; margin: 40px; width: 920px;"
    return f"body {{{body} hyphens: none; text-align: {align}}}", gap


def _page(title: str, body: str, rng: random.Random) -> str:
    base, gap = body_style(rng)
    style = (
        f"{base} .columns {{column-count: 2; column-gap: {gap}em}}"
        " .figure {background: #9ab; break-inside: avoid; margin: 0.5em 0} .caption {font-size: 0.9em}"
        f" .with-sidebar {{display: flex; gap: {gap}em}} .sidebar {{width: 25%; font-size: 0.85em;"
        " background: #f3f3f3; padding: 0.5em} .with-sidebar .columns {flex: 1} h1 {font-size: 1.5em}"
    )
    return f"<html><head><style>{style}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"


def screenshot(page: Path, picture: Path) -> None:
    """The page as Chromium draws it, 1000 px wide, cut 40 px below its last ink."""
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--screenshot={picture}", "--window-size=1000,1400", page.resolve().as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    drawn = Image.open(picture).convert("RGB")
    bottom = inked_box(drawn, below=200)[3]
    drawn.crop((0, 0, drawn.width, min(drawn.height, bottom + 39))).save(picture)  # 40 px below the last ink row
