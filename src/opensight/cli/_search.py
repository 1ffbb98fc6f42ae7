"""``opensight tag`` (your own words, zero-shot), ``index``, ``similar`` and ``duplicates``."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from opensight._errors import DecodeError, InputError, OpensightError
from opensight._text import shown
from opensight.cli._common import (
    BatchOpt,
    DataDirOpt,
    FormatOpt,
    OutOpt,
    OutputFormat,
    OverwriteOpt,
    PathsArg,
    PrintedFormatOpt,
    ProgressOpt,
    _err,
    _fail,
    _run,
    _store_path,
)
from opensight.cli._output import Console, Row, choose_format, progress_bar, write
from opensight.inputs._regular import open_regular
from opensight.tasks import DEFAULT_BATCH_SIZE
from opensight.tasks.tag import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    import numpy as np

    from opensight._copy_content import Content
    from opensight.index import IndexSummary

_QUALITY_COLOUR = {"good": "green", "fair": "yellow", "poor": "red"}
_LABELS_FILE_BYTES = 1_000_000


def tag(
    paths: PathsArg,
    labels: Annotated[
        str | None, typer.Option(help='The words to look for, comma-separated: "bicycle, kitten".')
    ] = None,
    labels_file: Annotated[Path | None, typer.Option(help="A text file with one label per line.")] = None,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="A label becomes a tag from this score up.")
    ] = DEFAULT_THRESHOLD,
    detect: Annotated[bool, typer.Option("--detect/--no-detect", help="Also use the object detector's boxes.")] = True,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
) -> None:
    """Tag pictures with your own words, without examples (zero-shot) — and say first how well each word is known."""
    from opensight.tasks import Tagger

    try:
        words = _labels(labels, labels_file)
        tagger = Tagger(words, threshold=threshold, detect=detect, batch_size=batch_size)
    except OpensightError as error:
        _fail(error, 2)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print("[bold]How well each label is covered[/bold] (by the classes the picture models know):")
    for entry in tagger.coverage:
        colour = _QUALITY_COLOUR[entry.quality]
        console.print(f"  [{colour}]{entry.quality:>4}[/{colour}]  {shown(entry.verdict)}")
    console.print()
    _run(
        lambda: tagger,
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="tagged",
    )


def _labels(labels: str | None, labels_file: Path | None) -> list[str]:
    if labels is None and labels_file is None:
        raise InputError('give the words to look for: --labels "bicycle, birthday cake" or --labels-file words.txt')
    words: list[str] = []
    if labels is not None:
        words.extend(labels.split(","))
    if labels_file is not None:
        try:
            with open_regular(labels_file) as handle:  # a pipe or /dev/zero would be waited on or read forever
                data = handle.read(_LABELS_FILE_BYTES + 1)
        except DecodeError as error:
            raise InputError(f"cannot read {labels_file}: {error}") from None
        except OSError as error:
            raise InputError(f"cannot read {labels_file} ({error.strerror}); check the path") from None
        if len(data) > _LABELS_FILE_BYTES:
            raise InputError(f"{labels_file} is over 1 MB; a labels file holds one label per line")
        text = data.decode("utf-8", errors="replace")
        words.extend(line for line in text.splitlines() if line.strip())
    return words


def index(
    folders: Annotated[list[Path], typer.Argument(help="Folders of pictures (searched recursively).")],
    data_dir: DataDirOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Index the pictures in folders for `similar` and `duplicates` (again later: only new or changed ones)."""
    from opensight.index import PictureIndex

    show = progress if progress is not None else sys.stderr.isatty()
    try:
        pictures = PictureIndex(_store_path(data_dir))
        for folder in folders:
            with progress_bar(0, enabled=show, label="indexing") as advance:
                summary = pictures.update(folder, progress=advance)
            _report_update(summary)
    except OpensightError as error:
        _fail(error, 2)


def _report_update(summary: "IndexSummary", *, shown_at_most: int = 10) -> None:
    """The index update's line on stderr, and the files it skipped (the first few, then how many more)."""
    _err.print(shown(summary.summary()))
    for path, reason in summary.failed[:shown_at_most]:
        _err.print(f"  skipped {shown(path)}: {shown(reason)}")
    if len(summary.failed) > shown_at_most:
        _err.print(f"  … and {len(summary.failed) - shown_at_most} more skipped")


def similar(
    query: Annotated[Path | None, typer.Argument(help="A picture to find others like.", show_default=False)] = None,
    text: Annotated[str | None, typer.Option(help='Find pictures matching words instead: "red car".')] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="How many to list.")] = 10,
    within: Annotated[Path | None, typer.Option("--in", help="Only pictures indexed under this folder.")] = None,
    fmt: PrintedFormatOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """The indexed pictures most like a picture, or matching words (run `opensight index FOLDER` first)."""
    from opensight.index import PictureIndex

    try:
        if (query is None) == (text is None):
            raise InputError("give a query picture or --text WORDS (one of them)")
        pictures = PictureIndex(_store_path(data_dir))
        matches = (
            pictures.similar(str(query), top=top, within=within)
            if query is not None
            else pictures.similar_text(str(text), top=top, within=within)
        )
    except OpensightError as error:
        _fail(error, 2)
    rows = [{"rank": rank, **match.to_dict()} for rank, match in enumerate(matches, start=1)]
    title = f"most like {query}" if query is not None else f"best matches for '{text}'"
    _print(rows, fmt, title=title, columns=("rank", "path", "score"))


#: A near-copy group bigger than this gets a warning: look-alikes that still joined (bench/_quality_copies.py: 2,000
#: Fashion-MNIST items came back as one group of 1,611 before groups with few of their pairs found were taken apart,
#: ``_copy_groups.DENSE``), not one picture copied that often.
LARGE_GROUP = 30
#: Copies at most this many times as odd in their group (:func:`opensight._copy_prints.oddness`) as the least odd are as
#: plain as it (on four scikit-image photos, a JPEG q60 re-save and a darker copy were up to 2× as odd as the photo,
#: a 22-pixel caption 7-27×; on clip art on white, plain copies up to 3×, a caption 7× or more) …
ODD_RATIO = 4.0
#: … or within this of it (where the least odd is next to 0).
ODD_FLOOR = 0.1
#: Copies whose width-to-height ratios differ by less than this share line up whole (a resized copy).
SAME_SHAPE = 0.02
#: At most this many copies of a group are compared pixel by pixel to choose the one to keep (the candidates first).
KEEP_COMPARED = 64
#: Copies with at least this share of the most pixels of picture (a border or a screenshot's window not counted)
#: are candidates to keep; a resized copy has far fewer.
SAME_CONTENT = 0.98
#: A screenshot's pixels of picture count this share: a window or a phone's screen shows a picture enlarged as often
#: as reduced (a new user's fifth trial kept a phone's screenshot, its photo 1.5× the original's size, over the
#: original in 5 of 7 groups); shown at more than twice the size of each side, it is kept.
DISPLAYED = 0.25
#: Candidates whose picture fills this much less of the file than the fullest one's are framed copies.
FRAME_SLACK = 0.01
#: A copy with no frame and at least this share of the pixels of picture of a framed copy with the most stays a
#: candidate: what the trim leaves of a frame makes a framed copy look bigger (a small window's title bar left in: a
#: new user's 263×222 window screenshot, 5% trimmed, was kept over its 259×194 original).
FRAME_LEFT = 0.85
#: Brightness gaps (0-255) from the group's median within this of the smallest are the same (a re-save shifts it).
BRIGHTNESS_STEP = 3.0
#: Contrasts (spreads of gray) within this log-ratio of the nearest to the group's median are the same (a
#: re-save or a resize changes it by a few per cent; a contrast copy ×0.6-0.8 or ×1.25-1.6 by 0.22 or more).
CONTRAST_STEP = 0.1
#: Colour balances (the log of the red over the blue of the whole picture) within this of the nearest to the group's
#: median are the same: a re-save or a resize moves it by under 0.01, a warm or cool filter by 0.14 or more (red and
#: blue 6-8% apart each way). A new user's trial had a warm copy and two teal-and-orange grades kept over their
#: originals; the warm one no longer is, the grades (shadows and highlights tinted apart: the mean balance kept) still.
BALANCE_STEP = 0.05
#: Formats that keep every pixel as it was: of copies alike in all else, one of these is kept before a lossy re-save
#: (a new user's trial kept a WebP q75 export over its PNG original in 7 of 59 groups: the embeddings found it more
#: typical of its group of JPEG copies).
LOSSLESS = frozenset({"PNG", "BMP", "TIFF", "PPM"})
#: A lossless file is compared with at most this many lossy ones for the same pixels: :func:`_without_lossless_resaves`.
RESAVES_COMPARED = 8
#: … first on every this many-th row and column of each (one decode a file), in full only where those agree.
RESAVE_SAMPLE = 8
#: A picture's (width, height, bytes, lossless) from its header (:func:`_header`).
Header = tuple[int, int, int, bool]
#: A WebP file's image chunk ("VP8L": lossless) is looked for among its first this many chunks.
WEBP_CHUNKS = 16


def duplicates(
    folder: Annotated[
        Path, typer.Argument(help="A folder of pictures, its subfolders included (indexed first, incrementally).")
    ],
    threshold: Annotated[
        float,
        typer.Option(
            min=0.5,
            max=1.0,
            help="How well two pictures must line up to count as copies: the correlation of one with the best crop,"
            " rotation or mirror image of the other, on small grayscale thumbnails (besides a close perceptual hash"
            " or embedding). Higher finds only closer copies; lower does not loosen the hash, detail and colour"
            " checks, so it finds few more.",
        ),
    ] = 0.96,
    fmt: PrintedFormatOpt = None,
    data_dir: DataDirOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Find copies of pictures in FOLDER and every folder inside it: the same picture resized, re-saved, cropped,
    straightened, turned sideways, brightened, mirrored, framed as a screenshot or with text added — not merely
    pictures of the same kind of thing. One row for each picture that has a copy: its group; its kind, "exact" where
    it has the very same bytes as the one to keep or as another copy that stays (it can go without a look), "near"
    otherwise (look at it before deleting it: look-alikes are sometimes grouped; the summary says how many of each
    could go); and whether it is the one to keep: the one with the most pixels of picture, within 2% (a border, a
    window, a desktop or a phone's screen around it, a product's plain background, or the corners a turned copy
    filled, not counted; a screenshot's picture counts a quarter; a copy with no frame within 15% of a framed one's
    too), then not one with a banner, a sticker, text or a
    caption over it, not framed, nearest the group's usual brightness, contrast and colour balance, a lossless file
    (PNG) before a lossy one, the most like the others, the biggest file, a file before a link to it (why, step by
    step: docs/duplicates.md)."""
    from opensight.index import PictureIndex

    show = progress if progress is not None else sys.stderr.isatty()
    try:
        pictures = PictureIndex(_store_path(data_dir))
        with progress_bar(0, enabled=show, label="indexing") as advance:
            summary = pictures.update(folder, progress=advance)
        if summary.failed:
            _report_update(summary)
        if not summary.total:  # not "run opensight index first": it was just indexed (a new user's empty folder)
            unreadable = f"; {len(summary.failed)} file(s) could not be read (above)" if summary.failed else ""
            _fail(f"no pictures found in {folder}{unreadable}", 2)
        groups = pictures.duplicates(folder, threshold=threshold)
        indexed, embeddings = pictures.loaded(folder)
    except OpensightError as error:
        _fail(error, 2)
    row_of = {path: row for row, path in enumerate(indexed)}
    keep = [_keeper(group.paths, _typical(group.paths, embeddings, row_of)) for group in groups]
    rows = [
        {"group": number, "kind": "exact" if same else "near", "path": path, "keep": path == keep[number - 1]}
        for number, group in enumerate(groups, start=1)
        for path, same in zip(group.paths, group.same_bytes_as(keep[number - 1]), strict=True)
    ]
    copies = sum(len(group.paths) - 1 for group in groups)
    exact = sum(row["kind"] == "exact" and not row["keep"] for row in rows)
    large = {
        number: len(group.paths)
        for number, group in enumerate(groups, start=1)
        if group.kind != "exact" and len(group.paths) > LARGE_GROUP
    }
    _err.print(
        f"{summary.total} pictures, {len(groups)} group{'' if len(groups) == 1 else 's'} of copies"
        f" ({copies} could go{', but see the warning below' if large else ''})"
        + (
            f" — exact copies (the same bytes as a copy that stays): {exact}; near copies, to look at first:"
            f" {copies - exact}"
            if copies
            else ""
        )
    )
    for number, size in large.items():
        _err.print(
            f"[yellow]warning:[/yellow] group {number} has {size:,} pictures. Copies of one picture are rarely that"
            " many: these may be look-alikes (a catalogue of similar products, a burst, pages of one layout) chained"
            " together. Look at them before deleting any."
        )
    _print(rows, fmt, title="duplicate groups", columns=("group", "kind", "path", "keep"))


def _keeper(paths: tuple[str, ...], typical: list[float]) -> str:
    """The copy to keep: of those with the most pixels of picture (copies are resized or cropped down from their
    original; a border, a screenshot's window, desktop or phone's screen around a copy, or the corners a turned copy's
    canvas filled, do not count, but a picture's own plain edges do (a
    flat design's sky: a caption over it keeps it from the trim), and a screenshot's picture counts a quarter:
    :data:`DISPLAYED`; a copy with no frame within :data:`FRAME_LEFT` of a framed one with the most stays in), the
    plainest (:func:`_plainest`: a
    copy with text written over it has as many pixels as its original, and a bigger file), then the least framed,
    then the one whose brightness is nearest the group's median (a darker or brighter copy is off it), then the one
    whose contrast is (a copy with its contrast raised or lowered is off it; :func:`_nearest_usual`), then the one
    whose colour balance is (:func:`_balance`: a copy through a warm or cool filter is off it), then a lossless file
    (:data:`LOSSLESS`) before a lossy one unless it has the lossy one's very pixels (:func:`_without_lossless_resaves`),
    then the most ``typical`` of its group to two decimals, then the biggest file (the least compressed), then a file
    before a symbolic link (to it: deleting the link loses nothing), then the one least deep in folders, then the
    first. A black or white background trimmed off is no picture either, framed or not (a crop that cut into a
    product on white on one side).

    >>> _keeper(("/no/such/a.jpg", "/no/such/b.jpg"), [0.6, 0.9])  # neither can be read: the more typical
    '/no/such/b.jpg'
    """
    import numpy as np

    headers = {path: _header(path) for path in paths}
    looks = _contents(paths)
    known = {path: look for path, look in looks.items() if look is not None}
    share = _same_size_shares(
        {path: look.share if look and look.framed else 1.0 for path, look in looks.items()}, headers
    )
    picture = _same_size_shares(
        {path: look.share if look and (look.framed or look.background) else 1.0 for path, look in looks.items()},
        headers,
    )
    shown = {path: DISPLAYED if look is not None and look.displayed else 1.0 for path, look in looks.items()}
    pixels = {path: headers[path][0] * headers[path][1] * picture[path] * shown[path] for path in paths}
    most = max(pixels.values())
    framed_most = share[max(paths, key=lambda path: pixels[path])] < 1.0
    unframed_enough = {path: framed_most and share[path] >= 1.0 and pixels[path] >= most * FRAME_LEFT for path in paths}
    candidates = list(
        _least_written(
            tuple(path for path in paths if pixels[path] >= most * SAME_CONTENT or unframed_enough[path]),
            headers,
            known,
        )
    )
    if len(candidates) > 1 and most:
        candidates = _plainest(candidates, paths, headers, looks)
    fullest = max(share[path] for path in candidates)
    candidates = [path for path in candidates if share[path] >= fullest - FRAME_SLACK]
    brightness = {path: look.brightness for path, look in known.items()}
    candidates = _nearest_usual(candidates, brightness, BRIGHTNESS_STEP)
    contrast = {path: float(np.log(look.contrast)) for path, look in known.items() if look.contrast > 0}
    candidates = _nearest_usual(candidates, contrast, CONTRAST_STEP)
    balance = {path: _balance(look.whole) for path, look in known.items()}
    candidates = _nearest_usual(candidates, balance, BALANCE_STEP)
    candidates = _without_lossless_resaves(candidates, headers)
    score = dict(zip(paths, typical, strict=True))
    # a link last: keeping a link to a file of the group marked the file itself "exact, not kept" (a new user's trial);
    # of the same bytes twice, the one least deep in folders (not the one in "Backup 2019/")
    return max(
        candidates,
        key=lambda path: (
            headers[path][3],
            round(score[path], 2),
            headers[path][2],
            not os.path.islink(path),
            -path.count(os.sep),
        ),
    )


def _same_size_shares(share: dict[str, float], headers: dict[str, Header]) -> dict[str, float]:
    """The ``share`` of picture left by the trim, the same for copies of one size: they show one picture at one size,
    and where their trims differ it is by what was written over one (a sale banner or a price sticker reaching past a
    product on white is trimmed less, and was kept over its clean original: a new user's trial, 8 and 11 of 38 groups).

    >>> _same_size_shares({"a": 0.4, "b": 0.9, "c": 0.5}, {"a": (600, 400, 1), "b": (600, 400, 2), "c": (300, 200, 3)})
    {'a': 0.9, 'b': 0.9, 'c': 0.5}
    """
    largest: dict[tuple[int, int], float] = {}
    for path, value in share.items():
        size = headers[path][:2]
        largest[size] = max(largest.get(size, 0.0), value)
    return {path: largest[headers[path][:2]] for path in share}


def _without_lossless_resaves(candidates: list[str], headers: dict[str, Header]) -> list[str]:
    """The candidates less each lossless file whose pixels are a lossy one's (within one level: a 16-bit copy's
    rounding): a PNG, BMP or TIFF saved from a camera's JPEG holds nothing more than the JPEG, which is its original
    and carries the camera's metadata (a new user's trial kept a BMP or a 16-bit PNG over the camera's JPEG in 21 of
    24 groups: lossless first, then the biggest file). A lossless file with other pixels (an original, a PNG of the
    photo before it was saved as JPEG) stays first. Each file is decoded once for a sample of its pixels (every
    :data:`RESAVE_SAMPLE`-th row and column); only a pair whose samples agree is compared in full, one decoded
    picture beside the other (camera photos are big).

    >>> headers = {"/no/a.png": (4, 3, 9, True), "/no/b.jpg": (4, 3, 5, False)}
    >>> _without_lossless_resaves(["/no/a.png", "/no/b.jpg"], headers)  # neither can be read: both stay
    ['/no/a.png', '/no/b.jpg']
    """
    lossy = [path for path in candidates if not headers[path][3]][:RESAVES_COMPARED]
    sizes = {frozenset(headers[path][:2]) for path in lossy}  # either way round: a JPEG may be stored turned
    lossless = [path for path in candidates if headers[path][3] and frozenset(headers[path][:2]) in sizes]
    if not lossless:
        return candidates
    samples = {path: _pixels(path, RESAVE_SAMPLE) for path in (*lossy, *lossless)}

    def resaved(path: str) -> bool:
        mine = samples[path]
        return mine is not None and any(
            theirs is not None and _same_pixels(mine, theirs) and _same_pixels(_pixels(path), _pixels(other))
            for other, theirs in ((other, samples[other]) for other in lossy)
        )

    return [path for path in candidates if path not in lossless or not resaved(path)]


def _pixels(path: str, step: int = 1) -> "np.ndarray | None":
    """A picture's upright RGB pixels, every ``step``-th row and column; None where it cannot be read now (gone or
    changed since it was indexed)."""
    from opensight.inputs._decode import load_image

    try:
        pixels = load_image(path).pixels
    except OpensightError:
        return None
    return pixels if step == 1 else pixels[::step, ::step].copy()  # the sample alone is kept


def _same_pixels(one: "np.ndarray | None", other: "np.ndarray | None") -> bool:
    """Whether two uint8 pictures have one shape and differ by at most one level anywhere (no overflow).

    >>> import numpy as np
    >>> _same_pixels(np.array([0, 255], np.uint8), np.array([1, 254], np.uint8)), _same_pixels(None, None)
    (True, False)
    """
    import numpy as np

    if one is None or other is None or one.shape != other.shape:
        return False
    return bool((np.maximum(one, other) - np.minimum(one, other)).max() <= 1)


def _least_written(paths: tuple[str, ...], headers: dict[str, Header], known: "dict[str, Content]") -> tuple[str, ...]:
    """Of copies of one size of a product on a black or white background, those whose trim leaves the least: a sale
    banner, big text or a price sticker written past the product is more that the trim cannot take."""
    import numpy as np

    from opensight._copy_bands import on_plain

    sizes: dict[tuple[int, int], list[str]] = {}
    for path in paths:
        sizes.setdefault(headers[path][:2], []).append(path)
    left_out = set()
    for same in sizes.values():
        looked = [path for path in same if path in known]
        if len(looked) < 2 or not on_plain(np.stack([known[path].whole for path in looked])).all():
            continue
        least = min(known[path].share for path in looked)
        left_out |= {path for path in looked if known[path].share > least + FRAME_SLACK}
    return tuple(path for path in paths if path not in left_out)


def _balance(whole: "np.ndarray") -> float:
    """The colour balance of a picture from its whole print: the log of its mean red over its mean blue."""
    import numpy as np

    from opensight._copy_prints import colours

    red, _, blue = colours(whole[None])[0].mean(axis=0) + 4.0  # a dark picture's blue is not divided by 0
    return float(np.log(red / blue))


def _nearest_usual(candidates: list[str], values: dict[str, float], step: float) -> list[str]:
    """The candidates whose value is nearest the median of the group's known ``values``, within ``step`` of the
    nearest, when at least three are known (with two, neither is nearer the median); a candidate whose value is not
    known stays.

    >>> _nearest_usual(["a", "b"], {"a": 1.0, "b": 5.0, "c": 1.5}, 1.0)
    ['a']
    """
    import numpy as np

    if len(values) < 3:
        return candidates
    middle = float(np.median(list(values.values())))
    gaps = {path: abs(values[path] - middle) for path in candidates if path in values}
    if not gaps:  # no candidate could be read again
        return candidates
    nearest = min(gaps.values())
    return [path for path in candidates if gaps.get(path, nearest) <= nearest + step]


def _contents(paths: tuple[str, ...]) -> "dict[str, Content | None]":
    """Each copy's share of picture, brightness and contrast once plain edges are trimmed, and its whole print
    (:func:`opensight._copy_content.content`, one decode each): None for a copy gone or changed since indexing, or
    beyond the first :data:`KEEP_COMPARED`."""
    from opensight._copy_content import content

    found: dict[str, Content | None] = dict.fromkeys(paths)
    for path in paths[:KEEP_COMPARED]:
        try:
            found[path] = content(path)
        except OpensightError:
            continue
    return found


def _plainest(
    candidates: list[str],
    paths: tuple[str, ...],
    headers: dict[str, Header],
    looks: "dict[str, Content | None]",
) -> list[str]:
    """The candidates about as plain as the least odd of them (:func:`opensight._copy_prints.oddness`:
    :data:`ODD_RATIO`, :data:`ODD_FLOOR`) among the copies of their shape, compared whole, untrimmed: a caption is
    what sets a copy apart from the others. Their whole prints come from ``looks`` where :func:`_contents` made
    them; only the others are decoded here."""
    import numpy as np

    from opensight._copy_prints import oddness, print_of

    def aspect(path: str) -> float:
        width, height = headers[path][:2]
        return width / height if height else 0.0

    shape = aspect(candidates[0])
    ordered = [*candidates, *(path for path in paths if path not in candidates)]
    shaped = [path for path in ordered if abs(aspect(path) / shape - 1) < SAME_SHAPE]
    shaped = shaped[:KEEP_COMPARED]  # a burst of 500 frames is not decoded again whole
    prints = {}
    for path in shaped:
        look = looks.get(path)
        if look is not None:
            prints[path] = look.whole
            continue
        try:
            prints[path] = print_of(path, trim=False)
        except OpensightError:  # gone or changed since it was indexed
            continue
    if len(prints) < 3 or not any(path in prints for path in candidates):
        return candidates  # with two, the median is their mean: neither is plainer
    odd = dict(zip(prints, oddness(np.stack(list(prints.values()))).tolist(), strict=True))
    least = min(odd[path] for path in candidates if path in odd)
    bar = max(least * ODD_RATIO, least + ODD_FLOOR)
    return [path for path in candidates if odd.get(path, np.inf) <= bar]


def _typical(paths: tuple[str, ...], embeddings: "np.ndarray", row_of: dict[str, int]) -> list[float]:
    """How like the rest of its group each picture is: its mean embedding cosine to the others (-1 when it is not
    in the index any more)."""
    import numpy as np

    rows = [row_of.get(path, -1) for path in paths]
    known = np.array([row >= 0 for row in rows])
    unit = embeddings[[max(row, 0) for row in rows]]
    cosines = (unit @ unit.T)[:, known]
    mean = (cosines.sum(axis=1) - np.where(known, 1.0, 0.0)) / max(int(known.sum()) - 1, 1)
    return [float(value) if seen else -1.0 for value, seen in zip(mean, known, strict=True)]


def _header(path: str) -> Header:
    """(width, height, bytes, lossless) of a picture from its header (lossless: :data:`LOSSLESS`, or a WebP file in
    its lossless coding); zeros for one that cannot be read now (gone since indexing)."""
    from PIL import Image

    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            with Image.open(handle) as opened:  # the header only: nothing is decoded
                width, height = opened.size
                kind = opened.format or ""
            lossless = kind in LOSSLESS or (kind == "WEBP" and _webp_lossless(handle))
    except (OSError, DecodeError, Image.DecompressionBombError):  # not a picture any more counts as OSError
        return 0, 0, 0, False
    return width, height, size, lossless


def _webp_lossless(handle: BinaryIO) -> bool:
    """Whether a WebP file's picture is in the lossless coding: its first image chunk (after a header's, a colour
    profile's, an animation frame's header) is "VP8L"; the RIFF chunks are walked from the file's header, at most
    :data:`WEBP_CHUNKS` of them."""
    handle.seek(12)  # "RIFF", the size, "WEBP"
    for _ in range(WEBP_CHUNKS):
        chunk = handle.read(8)
        if len(chunk) < 8:
            return False
        kind, size = chunk[:4], int.from_bytes(chunk[4:], "little")
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8L"
        handle.seek(16 if kind == b"ANMF" else size + size % 2, os.SEEK_CUR)  # a frame's image chunk is inside it
    return False


def _print(rows: list[dict[str, Any]], fmt: OutputFormat | None, *, title: str, columns: tuple[str, ...]) -> None:
    """The rows, under the command's ``columns`` (a CSV of no copies still has its header)."""
    chosen = choose_format(fmt.value if fmt else None, None, sys.stdout)
    write((Row.plain(row) for row in rows), fmt=chosen, stream=sys.stdout, columns=columns, title=title)
