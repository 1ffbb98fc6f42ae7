"""Text is text: how names and messages from the outside world (file names, labels, error messages) are shown.

- On a terminal, control characters are shown escaped, never sent: ``\\x1b`` (which starts terminal commands),
  newlines, carriage returns, the bidirectional overrides that reorder what is displayed. :func:`printable` does it;
  :func:`shown` also escapes Rich markup, for the places that print through Rich's markup parser.
- In CSV, a cell that starts with ``= + - @`` (or a tab or carriage return) would be a formula in a spreadsheet;
  :func:`csv_cell` prefixes it with a single quote, as spreadsheet-safe exporters do (OWASP's advice). JSON and
  JSON Lines keep exact values (:func:`printable_json` escapes what JSON leaves raw); CSV sent to a terminal has
  its control characters escaped too.

>>> printable("evil\\x1b[31m.jpg\\n")
'evil\\\\x1b[31m.jpg\\\\n'
>>> shown("nowhere[/red]")
'nowhere\\\\[/red]'
>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("cat"), csv_cell(-0.5)
('\\'=HYPERLINK("http://x")', 'cat', -0.5)
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Bidirectional controls (embeddings, overrides, isolates, marks): they reorder how a name is displayed.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_TRANSLATION: dict[int, str] = {
    **{code: _NAMED.get(chr(code), f"\\x{code:02x}") for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
    **{code: f"\\u{code:04x}" for code in _BIDI},
}
#: The control characters JSON leaves as they are (it escapes those below 0x20 itself), as JSON escapes.
_JSON_TRANSLATION = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)}
#: First characters that make a spreadsheet read a cell as a formula (or hide one behind a tab or a return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(text: object) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``), safe to send to a terminal.

    >>> printable("a\\tb\\u202ec")
    'a\\\\tb\\\\u202ec'
    """
    return str(text).translate(_TRANSLATION)


def printable_json(text: str) -> str:
    """JSON text with the control characters that JSON leaves raw escaped too: the same JSON values, safe to send
    to a terminal.

    >>> printable_json('{"path": "a\u009b2Jb\u202ec"}')
    '{"path": "a\\\\u009b2Jb\\\\u202ec"}'
    """
    return text.translate(_JSON_TRANSLATION)


def shown(text: object) -> str:
    """:func:`printable`, and Rich markup escaped: for an f-string that Rich prints with markup on.

    >>> shown("[bold]x.jpg")
    '\\\\[bold]x.jpg'
    """
    return escape(printable(text))


def shell_word(path: object) -> str:
    """A path as one word of a command to copy into a shell (quoted where it has spaces or shell characters), and
    :func:`shown`.

    >>> shell_word("fruit.osm"), shell_word("my photos/model ü.osm")
    ('fruit.osm', "'my photos/model ü.osm'")
    """
    import shlex

    return shown(shlex.quote(str(path)))


def megapixels(pixels: float) -> str:
    """A count of pixels in megapixels, to two significant digits below ten (a limit of 200,000 pixels was '0').

    >>> megapixels(179_000_000), megapixels(240_000), megapixels(2_500_000)
    ('179 megapixels', '0.24 megapixels', '2.5 megapixels')
    """
    value = pixels / 1e6
    return f"{value:.0f} megapixels" if value >= 10 else f"{value:.2g} megapixels"


def first_few(names: list[str], few: int = 5) -> str:
    """The first ``few`` names, and how many more.

    >>> first_few(["a.jpg", "b.jpg"]), first_few(list("abcdefg"), 3)
    ('a.jpg, b.jpg', 'a, b, c and 4 more')
    """
    return ", ".join(names[:few]) + (f" and {len(names) - few} more" if len(names) > few else "")


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or a carriage return
    gets a leading ``'``; everything else (numbers included) is unchanged.

    >>> csv_cell("+1 555"), csv_cell("@SUM(A1)"), csv_cell(3)
    ("'+1 555", "'@SUM(A1)", 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


__all__ = [
    "FORMULA_STARTS",
    "csv_cell",
    "first_few",
    "megapixels",
    "printable",
    "printable_json",
    "shell_word",
    "shown",
]
