"""Screens of rows of cards laid out by Chromium (Debian's `chromium`, headless) for the read benchmark: the text's
true order is the order of its blocks in the page's HTML — the site's name and links, a sidebar's items, the page's
title, then the cards row after row, each card's lines together, then a table's rows.

Layouts in turn: a dashboard (cards of a label over a big figure and a change against last week), a shop (a
product's name over its price and its rating), a news page (a section, a headline, a snippet, its age); every other
page with a sidebar of links or filters on the left, every third with a table of orders or stories under the cards;
2-5 cards a row, 1-3 rows, with or without borders. Words and sentences of the standard library's docstrings, the
fonts of :mod:`_read_papers`.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from pathlib import Path

from _read_papers import body_style, drawn

LAYOUTS = ("dashboard", "shop", "news")
SECTIONS = ("WORLD", "SPORT", "SCIENCE", "BUSINESS", "HEALTH", "CULTURE", "TECH")


def card_screens(sentences: list[str], count: int, folder: Path, seed: int) -> list[tuple[Path, list[str]]]:
    """``count`` screens (the layouts in turn) as PNG files in ``folder``; each with its truth in chunks."""
    rng = random.Random(seed)
    words = sorted({w for s in sentences for w in (w.strip(".,;:()'`\"") for w in s.split()) if w.isalpha()})
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for number in range(count):
        body, blocks = _screen(LAYOUTS[number % len(LAYOUTS)], number, rng, words, sentences)
        items.append(drawn(folder / f"cards{number:03d}", _page(body, rng), blocks))
    return items


def _screen(
    layout: str, number: int, rng: random.Random, words: list[str], sentences: list[str]
) -> tuple[str, list[str]]:
    """The screen's body (HTML) and its blocks of text in reading order."""

    def name(count: int) -> str:
        return " ".join(rng.choice(words).capitalize() for _ in range(count))

    blocks = [name(rng.randint(1, 2))]
    links = [name(1) for _ in range(rng.randint(4, 6))]
    blocks += links
    spans = "".join(f"<span>{html.escape(link)}</span>" for link in links)
    header = f'<div class="top"><b>{html.escape(blocks[0])}</b>{spans}</div>'
    side = ""
    if number % 2:
        items = [name(1) + (f" ({rng.randint(2, 90)})" if layout == "shop" else "") for _ in range(rng.randint(4, 7))]
        blocks += items
        side = '<div class="side">' + "".join(f"<div>{html.escape(item)}</div>" for item in items) + "</div>"
    title = {"dashboard": f"{name(1)} overview", "shop": f"{name(2)}: {rng.randint(20, 900)} results"}.get(
        layout, "Top stories"
    )
    blocks.append(title)
    per_row, rows = rng.randint(3, 5 if not side else 4), rng.randint(1, 3)
    cards = [_card(layout, rng, name, sentences) for _ in range(per_row * rows)]
    for card in cards:
        blocks += card
    grid = "".join(
        '<div class="card">'
        + "".join(f'<div class="c{i}">{html.escape(text)}</div>' for i, text in enumerate(card))
        + "</div>"
        for card in cards
    )
    columns = f"grid-template-columns: repeat({per_row}, 1fr)"
    main = f"<h1>{html.escape(title)}</h1><div class='grid' style='{columns}'>{grid}</div>"
    if number % 3 == 2:
        table, rows_said = _table(rng, name)
        main += table
        blocks += rows_said
    return f"{header}<div class='frame'>{side}<div class='main'>{main}</div></div>", blocks


def _card(layout: str, rng: random.Random, named: Callable[[int], str], sentences: list[str]) -> list[str]:
    """One card's lines, top to bottom."""
    if layout == "dashboard":
        figure = rng.choice(
            (f"${rng.randint(1000, 999999):,}", f"{rng.uniform(0.5, 99):.1f}%", f"{rng.randint(100, 99999):,}")
        )
        card = [named(rng.randint(1, 2)), figure]
        if rng.random() < 0.7:
            card.append(f"{rng.choice('+-')}{rng.uniform(0.1, 40):.1f}% vs last week")
        return card
    if layout == "shop":
        return [
            named(rng.randint(2, 4)),
            f"${rng.uniform(2, 500):.2f}",
            f"{rng.uniform(1, 5):.1f} stars ({rng.randint(3, 2000)})",
        ]
    snippet = " ".join(rng.choice(sentences).split()[: rng.randint(8, 18)])
    return [rng.choice(SECTIONS), named(rng.randint(2, 5)), snippet, f"{rng.randint(2, 59)} min ago"]


def _table(rng: random.Random, named: Callable[[int], str]) -> tuple[str, list[str]]:
    """A table of orders under the cards: its HTML and its rows."""
    head = ["Order", "Customer", "Status", "Amount"]
    rows = [
        [
            f"#{rng.randint(10000, 99999)}",
            named(2),
            rng.choice(("Paid", "Shipped", "Refunded")),
            f"${rng.uniform(5, 900):.2f}",
        ]
        for _ in range(rng.randint(3, 5))
    ]
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in [head, *rows])
    return f"<h2>Recent orders</h2><table>{cells}</table>", ["Recent orders", *(" ".join(row) for row in [head, *rows])]


def _page(body: str, rng: random.Random) -> str:
    base, _ = body_style(rng)
    border = rng.choice(("1px solid #ccd", "none"))
    gap = rng.choice((16, 24, 32))
    style = (
        f"{base} body {{text-align: left}}"
        " .top {display: flex; gap: 1.5em; align-items: baseline; margin-bottom: 1em}"
        " .top b {font-size: 1.4em; margin-right: 2em} .frame {display: flex; gap: 2.5em} .side {width: 150px}"
        " .side div {margin: 0.4em 0} .main {flex: 1} h1 {font-size: 1.5em} h2 {font-size: 1.2em; margin-top: 1.5em}"
        f" .grid {{display: grid; gap: {gap}px}} .card {{border: {border}; border-radius: 8px; padding: 12px}}"
        " .c0 {font-size: 0.85em; color: #555} .c1 {font-size: 1.35em; font-weight: bold} .c2 {font-size: 0.85em}"
        " .c3 {font-size: 0.8em; color: #777} table {border-collapse: collapse; width: 100%}"
        " td {padding: 0.35em 0.8em 0.35em 0; border-bottom: 1px solid #ddd}"
    )
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"
