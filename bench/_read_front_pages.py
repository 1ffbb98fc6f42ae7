"""Front pages laid out by Chromium (Debian's `chromium`, headless) for the read benchmark: the lines above and under
the columns that belong to none of them. The text's true order is the order of its blocks in the page's HTML.

Layouts in turn: a newspaper (a masthead, a dateline with the date on the left and the price on the right, a
headline across the page, a byline, three columns); a journal's paper (a running header — the journal on the left,
the page number on the right — a title, two columns, then under a rule a short footnote and a long one); a
magazine opener (a section label, a headline, a summary across the page, two columns); a newspaper of two columns
with a correction under a rule. Sentences of the standard library's docstrings, the fonts and gutters of
:mod:`_read_papers`; the names of papers and journals are words of those sentences.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from pathlib import Path

from _read_papers import body_style, drawn

LAYOUTS = ("newspaper", "paper with footnotes", "magazine opener", "newspaper with a correction")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "April", "June", "August", "October", "November")


def front_pages(sentences: list[str], count: int, folder: Path, seed: int) -> list[tuple[Path, list[str]]]:
    """``count`` pages (the layouts in turn) as PNG files in ``folder``; each with its truth in chunks."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for number in range(count):
        body, blocks = _layout(LAYOUTS[number % len(LAYOUTS)], rng, sentences)
        items.append(drawn(folder / f"front{number:03d}", _page(body, rng), blocks))
    return items


def _layout(name: str, rng: random.Random, sentences: list[str]) -> tuple[str, list[str]]:
    """The page's body (HTML) and its blocks of text in reading order."""

    def phrase(count: int) -> list[str]:  # words of the sentences, drawn until there are ``count``
        found: list[str] = []
        while len(found) < count:
            found += [word for word in (w.strip(".,;:()'`\"") for w in rng.choice(sentences).split()) if word.isalpha()]
        return found[:count]

    def paragraphs(count: int) -> list[str]:
        return [" ".join(rng.choice(sentences) for _ in range(rng.randint(6, 10))) for _ in range(count)]

    def tag(name: str, text: str, css: str = "") -> str:
        return f'<{name} class="{css}">{html.escape(text)}</{name}>'

    def columns(parts: list[str], count: int) -> str:
        return f'<div class="columns" style="column-count: {count}">{"".join(tag("p", p) for p in parts)}</div>'

    def row(left: str, right: str, css: str) -> str:
        return f'<div class="{css}">{tag("span", left)}{tag("span", right)}</div>'

    masthead = f"The {max(phrase(4), key=len).capitalize()} Herald"
    date = f"{rng.choice(DAYS)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2026)}"
    price = f"Price {rng.randint(1, 4)} dollars"
    headline = " ".join(phrase(rng.randint(5, 8))).capitalize()
    byline = "By " + " ".join(word.capitalize() for word in phrase(2)) + ", Staff Writer"
    text = paragraphs(3)
    journal, folio = (
        f"Journal of {phrase(1)[0].capitalize()} Studies, Vol. {rng.randint(2, 40)}",
        str(rng.randint(10, 900)),
    )
    notes = [f"1 {' '.join(phrase(8))}.", "2 " + " ".join(rng.choice(sentences) for _ in range(2))]
    label, summary = phrase(1)[0].upper(), " ".join(rng.choice(sentences) for _ in range(2))
    correction = f"Correction: {rng.choice(sentences)}"
    layouts: dict[str, Callable[[], tuple[str, list[str]]]] = {
        "newspaper": lambda: (
            tag("div", masthead, "masthead") + row(date, price, "dateline") + tag("h1", headline)
            + tag("p", byline, "byline") + columns(text, 3),
            [masthead, date, price, headline, byline, *text],
        ),
        "paper with footnotes": lambda: (
            row(journal, folio, "running") + tag("h1", headline) + columns(text, 2)
            + "".join(tag("p", note, "footnote") for note in notes),
            [journal, folio, headline, *text, *notes],
        ),
        "magazine opener": lambda: (
            tag("p", label, "kicker") + tag("h1", headline) + tag("p", summary, "standfirst") + columns(text, 2),
            [label, headline, summary, *text],
        ),
        "newspaper with a correction": lambda: (
            tag("div", masthead, "masthead") + row(date, price, "dateline") + tag("h1", headline)
            + columns(text, 2) + tag("p", correction, "footnote"),
            [masthead, date, price, headline, *text, correction],
        ),
    }  # fmt: skip
    return layouts[name]()


def _page(body: str, rng: random.Random) -> str:
    base, gap = body_style(rng)
    style = (
        f"{base} .columns {{column-gap: {gap}em}} .columns p {{margin: 0 0 0.6em}}"
        " .masthead {font-size: 2.6em; text-align: center; border-bottom: 3px double #333}"
        " .dateline, .running {display: flex; justify-content: space-between; font-size: 0.8em;"
        " border-bottom: 1px solid #333; margin-bottom: 0.6em} h1 {font-size: 1.9em; text-align: left; margin: 0.3em 0}"
        " .byline {font-style: italic; font-size: 0.85em} .kicker {letter-spacing: 0.2em; font-size: 0.8em}"
        " .standfirst {font-size: 1.15em; margin-bottom: 1em} .footnote {font-size: 0.8em; margin: 0.3em 0}"
        " .footnote:first-of-type {border-top: 1px solid #333; padding-top: 0.6em; margin-top: 1.2em}"
    )
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"
