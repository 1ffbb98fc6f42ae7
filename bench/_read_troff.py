"""Pages of a paper set by groff's ``ms`` macros and drawn by Ghostscript (Debian's `groff` and `ghostscript`), for
the read benchmark: a layout engine other than Chromium's, with troff's own justification and gutter.

Each page: a title, an author, an abstract across the page on two pages of three, then two columns (``.2C``) or
narrower columns a wider gap apart (``.MC``) of numbered sections, in Times, Helvetica, Palatino or New Century
Schoolbook at 9-11 points, and on half the pages a footer (words on the left, ``Page 1`` on the right); drawn at
110-150 dpi. troff fills the first column to the foot of the page before the second, so a short text leaves a
short last column (a few lines at the top of the second). Hyphenation is off, so that every word of the truth is
whole. Only one-page papers are kept (a longer one is drawn again with fewer words). The truth is each block's text
in chunks of five words, as in :mod:`_read_papers`.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

from _read_papers import CHUNK

FAMILIES = ("T", "H", "P", "N")  # Times, Helvetica, Palatino, New Century Schoolbook


def troff_pages(sentences: list[str], count: int, folder: Path, seed: int) -> list[tuple[Path, list[str]]]:
    """``count`` one-page papers as PNG files in ``folder``; each with its truth in chunks."""
    for tool, package in (("groff", "groff"), ("gs", "ghostscript")):
        if shutil.which(tool) is None:
            raise SystemExit(f"apt-get install -y {package} (or: make bench)")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for number in range(count):
        length = rng.randint(250, 700)
        while True:  # fewer words until the paper fits on one page
            source, blocks = _paper(number, rng, sentences, length)
            picture = _drawn(folder / f"troff{number:03d}", source, rng.choice((110, 130, 150)))
            if picture is not None:
                break
            length = int(length * 0.8)
        truth = []
        for block in blocks:
            words = block.split()
            truth += [" ".join(words[i : i + CHUNK]) for i in range(0, len(words), CHUNK)]
        items.append((picture, truth))
    return items


def _words(rng: random.Random, sentences: list[str], count: int) -> str:
    words: list[str] = []
    while len(words) < count:
        words += rng.choice(sentences).split()
    return " ".join(words[:count])


def _escaped(text: str) -> str:
    """``text`` as troff input on one line: backslashes printed as such, a leading dot or quote not a request."""
    return "\\&" + text.replace("\\", "\\e")


def _paper(number: int, rng: random.Random, sentences: list[str], length: int) -> tuple[str, list[str]]:
    """The ``ms`` source of one paper of about ``length`` words, and its blocks' texts in reading order."""
    title, author = _words(rng, sentences, rng.randint(4, 8)), _words(rng, sentences, 2)
    source = [f".fam {rng.choice(FAMILIES)}", ".ds CH", ".nr HY 0", ".hy 0"]
    size = rng.choice((9, 10, 11))
    source += [f".nr PS {size}", f".nr VS {size + 2}", f".nr GW {rng.choice(('0.25i', '0.3i', '0.4i'))}"]
    footer = _words(rng, sentences, rng.randint(2, 4)) if rng.random() < 0.5 else ""
    if footer:
        source += [f".ds LF {_escaped(footer)}", ".ds RF Page %"]
    source += [".TL", _escaped(title), ".AU", _escaped(author)]
    blocks = [title, author]
    if number % 3 != 2:
        abstract = _words(rng, sentences, rng.randint(30, 60))
        source += [".AB no", _escaped(abstract), ".AE"]
        blocks.append(abstract)
    source.append(".2C" if number % 3 != 1 else ".MC 1.9i 0.2i")
    sections = rng.randint(2, 4)
    for section in range(sections):
        heading = _words(rng, sentences, rng.randint(2, 4))
        source += [".NH", _escaped(heading)]
        blocks.append(f"{section + 1}. {heading}")
        for _ in range(rng.randint(1, 2)):
            paragraph = _words(rng, sentences, max(20, length // (2 * sections)))
            source += [".PP", _escaped(paragraph)]
            blocks.append(paragraph)
    if footer:
        blocks.append(f"{footer} Page 1")
    return "\n".join(source) + "\n", blocks


def _drawn(stem: Path, source: str, dpi: int) -> Path | None:
    """``source`` set by groff into ``stem``.ps and drawn by Ghostscript into ``stem``.png; None where it ran past
    one page."""
    stem.with_suffix(".ms").write_text(source, encoding="utf-8")
    command = ["groff", "-ms", "-Tps", "-Kutf8"]
    postscript = subprocess.run(command, input=source.encode(), capture_output=True, check=True)
    if postscript.stdout.count(b"%%Page:") != 1:
        return None
    stem.with_suffix(".ps").write_bytes(postscript.stdout)
    picture = stem.with_suffix(".png")
    device = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", f"-r{dpi}"]
    antialias = ["-dTextAlphaBits=4", "-dGraphicsAlphaBits=4"]
    subprocess.run([*device, *antialias, f"-sOutputFile={picture}", str(stem.with_suffix(".ps"))], check=True)
    return picture
