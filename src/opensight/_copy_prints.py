"""The print of a picture, from which its copies are found (:mod:`opensight._copies`): a 32×32 grayscale thumbnail
(squashed to a square), the mean colour of each cell of an 8×8 grid and its shape, taken after its plain edges (a
border, a window's frame with its title bar, toolbar, status bar and sidebar, a product's plain background) are
trimmed. 5 KB, computed once per file content and kept in the store next to the embedding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from opensight._copy_frames import SCREEN_SIZES, Place, desktop_windows, framed_places

if TYPE_CHECKING:
    from opensight.inputs._decode import LoadedImage

#: Side of the stored grayscale print.
PRINT_SIDE = 32
#: Cells per side of the colour grid kept in the print.
COLOUR_GRID = 8
#: Values in one part of a print: the grayscale thumbnail, the mean R, G, B of each colour cell, then the shape.
PART_SIZE = PRINT_SIDE * PRINT_SIDE + COLOUR_GRID * COLOUR_GRID * 3 + 1
#: Values in a print: the part of the trimmed picture, the part of the whole picture (untrimmed), whether the
#: whole picture may be compared with its copies (:func:`untrimmed`), and where the trimmed part lies in the whole
#: (:func:`trim_boxes`).
PRINT_SIZE = 2 * PART_SIZE + 5
#: A row or column whose grayscale standard deviation is below this is plain (trimmed at the edges).
PLAIN = 2.0
#: A bar at an edge — a title bar and its title, a status bar — is trimmed too: rows of one colour, each with this
#: share of its pixels within ``PLAIN`` of it (a bold title took up to a fifth of a window's width; in an image viewer
#: hardly wider than a small product photo, the title and three buttons covered 24-29% of some rows: with 0.75, 18 of
#: 30 such screenshots of the copies benchmark's look-alike products were found, with 0.7 all 30 (of that source's
#: other copies 3 more were missed, 33 more found), with 0.65 also all 30, but 3 fewer other copies than at 0.7) …
MOSTLY = 0.7
#: … but rows of black or white, a product's background with the tip of the product in them, need this share (at 0.7
#: the Fashion-MNIST catalogue's items were trimmed by their tips and lost 3 points of precision) …
MOSTLY_BLACK_OR_WHITE = 0.75
#: … that make at most this share of the rows (more: a sparse pattern on one colour, not a bar) …
BAR_SHARE = 0.1
#: … or, at the top and the bottom of a picture, this share of its width: a window's bars keep their size in pixels
#: whatever the picture shown (a photo app's 33-row toolbar over a 224-pixel product photo, in an 800 × 322 screenshot:
#: 10% of the rows is 32; of the copies benchmark's look-alike products, 11 → 28 of 30 such screenshots found). Only
#: pictures more than twice as wide as tall are concerned.
BAR_LENGTH_SHARE = 0.05
#: Up to this many bars in a row are trimmed at the top and the bottom edge (a title bar, then a toolbar with its
#: menus: not plain) …
BARS = 3
#: … and in a window (a title bar followed by more of the window: a toolbar, or its plain inside), the bar at a side
#: may be this wide (a sidebar listing folders); elsewhere a dark sky's side could be taken for one.
SIDEBAR_SHARE = 0.35
#: A sidebar's columns are plain in at least this share of their pixels (a long list of folders is dense with words).
SIDEBAR_PLAIN = 0.5
#: A bar after the first (a toolbar), or the plain inside of a window after its title bar, differs from the bar before
#: by more than this many gray levels: the bands of a sky's gradient do not.
BAR_CONTRAST = 20.0
#: At most this share of each side is trimmed at once …
MAX_TRIM = 0.3
#: … in at most this many turns of rows and columns (:func:`_peeled`): another turn where the last took a frame all
#: round, or took as many rows of a screen (:func:`_screen`) as it could and no column (a phone's screenshot: the photo
#: across the screen's width, a quarter of its height, black above and below; a new user's trial missed 5 of 5).
PEELS = 3
#: A picture at least this many times as tall as wide is a phone's screen, in portrait, when its edges are black or
#: white: there the status line (the time, the battery) and the buttons are drawn on the screen itself, and the rows
#: around them, mostly plain, are a bar too (a new user's fifth trial: 0 of 7 such screenshots found).
PORTRAIT = 1.5
#: Such a screen shows a photo across its width, or nearly: at most this share of the width on either side (a new
#: user's sixth trial: a photo 1.44× its size on a 1,080-pixel screen left 8 and 11 columns) …
PHONE_MARGIN = 0.05
#: On such a screen the phone's own controls — the status line, a back arrow, round buttons and a home bar — are
#: runs of marked rows on the screen's shade (their median), a plain row of it after each, within this share of the
#: height from the top or the bottom (:func:`_marks`): they are trimmed with the screen, and a screen with them at the
#: top and the bottom is a phone's (a new user's eighth trial: buttons at 88-92% of the height and a home bar below
#: them stopped the trim; 17 of 34 such screenshots missed, 12 kept over their originals); so is a caption or a name
#: written on a picture's plain margin all round (a post for a social network) …
MARKS_ZONE = 0.15
#: … each run at most this share of the height (a line of text or of buttons, not a picture's edge; at 0.08, which
#: an account's round picture beside its name needs (7.4% in a new user's ninth trial), a probe of drawings on white
#: lost 4 more banners).
MARK_ROWS = 0.06
#: Plain rows whose shades are this close (gray levels) are one background (a screen's), not a gradient …
ONE_SHADE = 2.0
#: … when that shade is black or white (at most the first, at least the second): a photo viewer's background; the
#: flat designs of ukui and plasma wallpapers have skies of one coloured shade (27-180), peeled differently in their
#: copies with text or a banner.
SCREEN_SHADES = (8.0, 247.0)
#: A tall picture's screen may also be as dark as this (a phone's dark theme: #121212, #202124): a new user's ninth
#: trial found 6 of 11 phone screenshots on a dark gray screen, all 26 on black or white.
DARK_SCREEN = 40.0
#: Plain edges with at least this share of their rows or columns black or white (in ``SCREEN_SHADES``) are a frame —
#: a border, a screen around a photo — not a flat design's sky: such a picture's whole is not compared
#: (:func:`untrimmed`).
FRAME_SHADES = 0.25
#: The median absolute deviation times this is the spread of a normal distribution (:func:`oddness`) …
MAD_SPREAD = 1.4826
#: … but at least this share of the standard deviation (a product on white: most pixels one shade).
SPREAD_FLOOR = 0.1
#: A place on a desktop screenshot is a window when it is at least this share of the screen …
WINDOW_PICTURE = 0.05
#: … and shows a picture when what trimming leaves of it is at least this share (a small drawing on white, shown at
#: half its size: 1.0-1.4%; what was left of a wallpaper's plain swirls taken for a window: 0.3% or less).
WINDOW_SHOWN = 0.01
#: Name under which prints are kept in the store's embeddings table (a new recipe needs a new name).
PRINT_KEY = "copyprint-v30"


def print_of(source: str | os.PathLike[str] | Image.Image | np.ndarray, *, trim: bool = True) -> np.ndarray:
    """The print of a picture, plain borders trimmed (unless not ``trim``): its 32×32 grayscale thumbnail (0-255,
    row-major), the mean R, G, B of each cell of an 8×8 grid, and its shape (the log of its width over its height);
    then the same of the whole picture, untrimmed, whether the whole may be compared (:func:`untrimmed`) and where
    the trimmed part lies in it (:func:`trim_boxes`) (float32, ``PRINT_SIZE`` values).

    >>> print_of(np.full((200, 300, 3), 128, dtype=np.uint8)).shape == (PRINT_SIZE,)
    True
    """
    pixels = _loaded(source).pixels
    whole = _print(pixels)
    if not trim:
        return np.concatenate([whole, whole, np.array([0, 0.5, 0.5, 1, 1], np.float32)])
    peel = _peeled(pixels)
    top, bottom, left, right = peel.box
    height, width = pixels.shape[:2]
    box = [(left + right) / 2 / width, (top + bottom) / 2 / height, (right - left) / width, (bottom - top) / height]
    return np.concatenate([_print(peel.inner), whole, np.array([peel.unframed, *box], dtype=np.float32)])


def untrimmed(prints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The prints of the whole pictures, untrimmed (N × ``PART_SIZE``, read by :func:`thumbnails`, :func:`colours`
    and :func:`shapes` like prints), and whether each may be compared as a whole: its plain edges, if any, are not a
    frame (:func:`_unframed`). A flat design's plain sky is trimmed, and what is left may be mostly covered by a
    banner written across a copy, which may also change what is trimmed; the whole pictures line up."""
    return prints[:, PART_SIZE : 2 * PART_SIZE], prints[:, 2 * PART_SIZE] > 0.5


def trim_boxes(prints: np.ndarray) -> np.ndarray:
    """Where the trimmed part of each of N prints lies in its whole picture: N × 4, its centre x and y, its width and
    height (fractions of the whole's).

    >>> picture = np.full((200, 300, 3), 255, np.uint8)
    >>> picture[50:150, 100:250] = np.random.default_rng(0).integers(0, 200, (100, 150, 3))  # a product on white
    >>> [round(float(side), 3) for side in trim_boxes(print_of(picture)[None])[0]]
    [0.583, 0.5, 0.5, 0.5]
    """
    return prints[:, 2 * PART_SIZE + 1 : 2 * PART_SIZE + 5]


def _unframed(gray: np.ndarray, rows: tuple[int, int], columns: tuple[int, int], window: bool) -> bool:
    """Whether the plain edges that the first turn of trimming takes (``rows`` at the top and bottom, then
    ``columns``) are not a frame: not a window's bars, not plain all round (a border), and not black or white
    (:data:`FRAME_SHADES`: a screen around a photo, a product's white)."""
    if window or (all(rows) and all(columns)):
        return False
    height, width = gray.shape
    inside = gray[rows[0] : height - rows[1]]
    edges = [gray[: rows[0]], gray[height - rows[1] :], inside[:, : columns[0]].T, inside[:, width - columns[1] :].T]
    for edge in edges:
        means = edge.mean(axis=1) if len(edge) else np.zeros(0)
        if len(means) and np.mean(_black_or_white(means)) >= FRAME_SHADES:
            return False
    return True


def _loaded(source: str | os.PathLike[str] | Image.Image | np.ndarray) -> LoadedImage:
    """A picture decoded by the one decoder, at least ``4 * PRINT_SIDE`` on its short side, and in full where it is
    the size of a screen: a desktop's screenshot is searched for its window at that size only (a new user's seventh
    trial: 0 of 8 such screenshots saved as JPEG found, each decoded at half its size)."""
    from opensight.inputs._decode import load_image

    loaded = load_image(source, min_side=4 * PRINT_SIDE)
    if loaded.scale < 1 and loaded.original_size in SCREEN_SIZES:
        loaded = load_image(source)
    return loaded


def _print(pixels: np.ndarray) -> np.ndarray:
    """The print of these pixels as they are (:func:`print_of`)."""
    inner = Image.fromarray(np.ascontiguousarray(pixels))
    thumbnail = inner.convert("L").resize((PRINT_SIDE, PRINT_SIDE), Image.Resampling.BOX)
    cells = inner.resize((COLOUR_GRID, COLOUR_GRID), Image.Resampling.BOX)
    shape = np.log(inner.width / inner.height)
    return np.concatenate(
        [
            np.asarray(thumbnail, dtype=np.float32).reshape(-1),
            np.asarray(cells, dtype=np.float32).reshape(-1),
            np.array([shape], dtype=np.float32),
        ]
    )


@dataclass(frozen=True)
class _Peel:
    """A picture's ``inner`` part, its plain edges peeled off (:func:`_peeled`), and what they were: ``unframed`` (what
    the first turn took is not a frame: :func:`_unframed`), ``displayed`` (a window's bars or a screen were taken),
    ``framed`` (displayed, or a border all round was taken); ``box``: where the inner part lies (top, bottom, left,
    right: pixels)."""

    inner: np.ndarray
    unframed: bool
    displayed: bool
    framed: bool
    box: tuple[int, int, int, int]


def _peeled(pixels: np.ndarray) -> _Peel:
    """The picture less its plain edges, peeled in turns: rows (a title bar spans the width; in the first turn a toolbar
    and a status bar too), then columns (in a window, a sidebar too), then again (see below). A border of one colour
    around a product on another (white around black) is peeled off first, and then the product's own plain background,
    as in the picture without the border. Each turn takes at most ``MAX_TRIM`` of what is left from each side; another
    turn follows where this one took a frame all round, or no column and as many rows of a black or white screen as it
    could at the top or the bottom (a phone's screenshot of a photo: more may follow). A phone's controls on its screen
    (:func:`_phone_controls`) are peeled off before the first turn, and writing on a plain margin that a turn took all
    round (:func:`_written`: a post, a card) after that turn. And whether what the first turn took is not a frame
    (:func:`_unframed`), and whether it was shown in a window, on a screen or in a post, or framed. On a picture the
    size of a screen, a rectangle with straight sides that shows a picture (a window fitted to it, its bars, its
    margins) is looked for first (:func:`opensight._copy_frames.framed_places`), and a window's plain inside after
    the turns (:func:`opensight._copy_frames.desktop_windows`)."""
    height, width = pixels.shape[:2]
    if (width, height) in SCREEN_SIZES:  # a picture framed on a screen by straight sides, first: the surest sign
        in_frame = _window_on_desktop(pixels, framed_places(pixels, WINDOW_PICTURE), straight=True)
        if in_frame is not None:
            return in_frame
    gray = np.asarray(Image.fromarray(pixels).convert("L"), dtype=np.float32)
    tall = height >= PORTRAIT * width  # a phone's screen, perhaps
    controls = _phone_controls(gray) if tall else (0, 0)
    (top, bottom), left, right = controls, 0, 0
    unframed, displayed, framed_once = True, False, False
    for turn in range(PEELS):
        outer = turn == 0  # a window's bars are at the picture's outer edges: its title, tool and status bars
        limit = int((height - top - bottom) * MAX_TRIM)
        portrait = outer and tall
        rows, window = _plain_edges(gray[top : height - bottom, left : width - right], outer=outer, screen=portrait)
        top, bottom = top + rows[0], bottom + rows[1]
        if outer:  # what the first turn took, a phone's controls included
            rows = (top, bottom)
        margin = gray[:, left : width - right]  # across this turn's width: a name wider than the product under it
        columns, _ = _plain_edges(gray[top : height - bottom, left : width - right].T, sidebars=outer and window)
        left, right = left + columns[0], right + columns[1]
        if outer:
            # a phone's screen with its controls is a frame, whatever its shade (two products' screenshots on one
            # dark gray screen were grouped by comparing the whole screenshots)
            unframed, displayed = _unframed(gray, rows, columns, window) and not any(controls), window
        framed = all(rows) and all(columns)
        if framed:  # a picture on a plain margin all round (a card's too), a caption or a name written on it
            written = _written(margin, top, height - bottom)
            top, bottom, displayed = top + written[0], bottom + written[1], displayed or any(written)
        framed_once = framed_once or framed
        inner = (gray[top - rows[0] // 2 : top], gray[height - bottom : height - bottom + rows[1] // 2])
        at_screen = [side >= limit and _screen(band, dark=tall) for side, band in zip(rows, inner, strict=True)]
        screen = not any(columns) and any(at_screen)
        # a phone's screen above and below a photo (nearly) across its width, whatever their height
        on_phone = portrait and (
            all(controls)
            or (max(columns) <= PHONE_MARGIN * width and all(rows) and all(_screen(band, dark=True) for band in inner))
        )
        displayed = displayed or screen or on_phone
        if not (framed or screen):  # nothing else to peel off
            break
    top, bottom, left, right = _rest_of_background(gray, (top, bottom, left, right))
    if not displayed:  # a wallpaper's gradient may have plain rows or columns at the screen's edges
        on_desktop = _window_on_desktop(pixels, desktop_windows(pixels), straight=False)
        if on_desktop is not None:
            return on_desktop
    inner_pixels = pixels[top : height - bottom, left : width - right]
    box = (top, height - bottom, left, width - right)
    return _Peel(inner_pixels, unframed, displayed, displayed or framed_once, box)


def _rest_of_background(gray: np.ndarray, trimmed: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """How many rows and columns to trim at each edge (top, bottom, left, right), given those ``trimmed`` so far:
    where the lines just outside what is left (trimmed as plain) are of one shade on all four sides, the picture is a
    small thing on that background (a drawing a sixth of its canvas wide), and every further line of that shade is
    trimmed too, past ``MAX_TRIM`` and the turns: after three turns a tiny drawing on a large white canvas still kept
    most of the white on two sides, and two different drawings lined up by their white (the copies benchmark's
    drawings on white). A flat design's sky is not trimmed further: nothing was taken at its ground, or the border
    taken there is of another shade.

    >>> canvas = np.full((600, 400), 255.0)
    >>> canvas[400:440, 100:170] = 60  # a small dark drawing low on the left
    >>> _rest_of_background(canvas, (180, 120, 80, 120))
    (400, 160, 100, 230)
    """
    top, bottom, left, right = trimmed
    height, width = gray.shape
    if not all(trimmed) or top + bottom >= height - 1 or left + right >= width - 1:
        return trimmed
    rows, columns = slice(top, height - bottom), slice(left, width - right)
    outside = (gray[top - 1, columns], gray[height - bottom, columns], gray[rows, left - 1], gray[rows, width - right])
    shades = [float(np.median(line)) for line in outside]  # trimmed as plain (a drawing's faint rim may be in them)
    if max(shades) - min(shades) > ONE_SHADE:
        return trimmed
    inner = gray[rows, columns]
    shade = float(np.median(shades))
    edges = []
    for lines in (inner, inner.T):  # rows, then columns
        background = (lines.std(axis=1) < PLAIN) & (np.abs(lines.mean(axis=1) - shade) <= ONE_SHADE)
        if background.all():
            return trimmed
        edges += [_leading(background), _leading(background[::-1])]
    return top + edges[0], bottom + edges[1], left + edges[2], right + edges[3]


def _window_on_desktop(pixels: np.ndarray, places: list[Place], *, straight: bool) -> _Peel | None:
    """The picture in a window on a desktop screenshot, or None: of the ``places`` a window may be (top, bottom, left,
    right: a window's plain inside, :func:`opensight._copy_frames.desktop_windows`, or with ``straight``, rectangles
    with straight sides, :func:`opensight._copy_frames.framed_places`), at least :data:`WINDOW_PICTURE` of the
    screen, the one whose inside, trimmed all round (its plain margins, its bars: for a window's plain inside, only a
    frame so trimmed counts; a rectangle with straight sides may have margins on two sides, or none) and then trimmed
    again as a picture on its own, leaves the most picture, at least :data:`WINDOW_SHOWN` of the screen. A wallpaper
    is no plain edge to trim (a new user's sixth trial: 1 of 12 such screenshots found). A product on white has white
    edges past the window's margins: trimmed on in the window's turns of trimming, they were trimmed otherwise than
    its original's, and what was left was often under a twentieth of the screen (18 of 80 desktop screenshots of
    Openclipart drawings missed)."""
    height, width = pixels.shape[:2]
    best, most = None, WINDOW_SHOWN * height * width
    for top, bottom, left, right in places:
        if (bottom - top) * (right - left) < WINDOW_PICTURE * height * width:
            continue
        window = _peeled(pixels[top:bottom, left:right])
        if not (window.framed or straight):
            continue
        shown = (_peeled_through if straight else _peeled)(window.inner)
        area = shown.inner.shape[0] * shown.inner.shape[1]
        if area >= most:
            corner = (top + window.box[0], left + window.box[2])
            rows, columns = shown.box[:2], shown.box[2:]
            where = (corner[0] + rows[0], corner[0] + rows[1], corner[1] + columns[0], corner[1] + columns[1])
            best, most = _Peel(shown.inner, False, True, True, where), area
    return best


def _peeled_through(pixels: np.ndarray) -> _Peel:
    """The picture :func:`_peeled`, and peeled again as a picture on its own until nothing plain is left to take (at
    most :data:`PEELS` times more; each turn takes at most :data:`MAX_TRIM` from a side, and more turns follow only a
    frame taken all round): a product on white in a window with a dark inside kept a third of its white above and
    below it, taken for the most picture among the places with straight sides."""
    peel = _peeled(pixels)
    for _ in range(PEELS):
        again = _peeled(peel.inner)
        if again.box == (0, peel.inner.shape[0], 0, peel.inner.shape[1]):
            break
        top, left = peel.box[0], peel.box[2]
        peel = replace(again, box=(top + again.box[0], top + again.box[1], left + again.box[2], left + again.box[3]))
    return peel


def _phone_controls(gray: np.ndarray) -> tuple[int, int]:
    """How many rows at the top and at the bottom of a tall picture hold only a phone's controls on its screen
    (:func:`_marks`): 0 where its top and bottom rows are not plain, not black, white or dark gray
    (:data:`DARK_SCREEN`), or not one shade (a dark status bar above a black screen is a bar: :func:`_bars`)."""
    edges = (gray[0], gray[-1])
    shades = [float(np.median(edge)) for edge in edges]
    screen = _black_or_white(np.array(shades), dark=True).all() and abs(shades[0] - shades[1]) <= 2 * PLAIN
    if not screen or max(edge.std() for edge in edges) >= PLAIN:
        return 0, 0
    return _marks(gray, shades[0]), _marks(gray[::-1], shades[1])


def _written(gray: np.ndarray, top: int, bottom: int) -> tuple[int, int]:
    """How many rows of ``gray`` from ``top`` down and from ``bottom`` up (where a plain margin trimmed all round
    ends) are a caption or a name written on that margin (:func:`_marks`), as on a post made for a social network (a
    new user's eighth trial: an account's name under the picture kept the trim from the canvas below it, and such
    squares, the picture enlarged, were kept over their originals in 25 of 59 groups; in the ninth, a white card on
    a coloured canvas with a caption under the picture, in 3 of 49)."""
    inner = gray[top:bottom]
    if not inner.size:
        return 0, 0
    return _marks(inner, float(np.median(gray[top - 1]))), _marks(inner[::-1], float(np.median(gray[bottom])))


def _marks(rows: np.ndarray, shade: float) -> int:
    """How many of the first ``rows`` are a plain edge of one ``shade`` with thin runs of marks on it — a phone's
    controls on its screen, a caption or a name on a post's margin — up to the end of the last run: runs of marked
    rows whose median is that shade, each at most :data:`MARK_ROWS` of the rows, a plain row of the shade after
    each, all within :data:`MARKS_ZONE` of the edge."""
    zone, thickest = int(len(rows) * MARKS_ZONE), int(len(rows) * MARK_ROWS)
    plain = rows[: zone + 1].std(axis=1) < PLAIN
    on_edge = np.abs(np.median(rows[: zone + 1], axis=1) - shade) <= 2 * PLAIN
    end = row = 0
    while row < zone:
        row += _leading(plain[row:] & on_edge[row:])  # the plain edge between runs
        marked = _leading(~plain[row:])
        if not marked or marked > thickest or row + marked >= zone or not on_edge[row : row + marked].all():
            break
        row = end = row + marked
    return end


def _screen(rows: np.ndarray, *, dark: bool = False) -> bool:
    """Whether these rows are a screen's background around a picture: all one black or white shade (not the bands of
    a sky's gradient, nor a flat design's coloured sky); ``dark``: or a dark gray (a phone's, :data:`DARK_SCREEN`)."""
    means = rows.mean(axis=1)
    if not len(means) or means.max() - means.min() > ONE_SHADE:
        return False
    return bool(_black_or_white(means, dark=dark).all())


def _black_or_white(shades: np.ndarray, *, dark: bool = False) -> np.ndarray:
    """Which gray ``shades`` are a screen's black or white (:data:`SCREEN_SHADES`; ``dark``: up to
    :data:`DARK_SCREEN`)."""
    darkest = DARK_SCREEN if dark else SCREEN_SHADES[0]
    return np.asarray((shades <= darkest) | (shades >= SCREEN_SHADES[1]))


def _plain_edges(
    gray: np.ndarray, *, outer: bool = False, sidebars: bool = False, screen: bool = False
) -> tuple[tuple[int, int], bool]:
    """How many plain rows to trim at the top and the bottom (plain rows up to ``MAX_TRIM`` of the rows each): a bar
    first, if there is one (up to :data:`BARS` at the picture's ``outer`` edges, the last of which may end beyond
    ``MAX_TRIM``), then the plain rows after them; and
    whether the top was a window's (:func:`_bars`). ``sidebars``: a bar may be :data:`SIDEBAR_SHARE` wide, and
    plain in :data:`SIDEBAR_PLAIN` of its pixels. ``screen``: a phone's screen (:data:`PORTRAIT`)."""
    plain = gray.std(axis=1) < PLAIN
    limit = int(gray.shape[0] * MAX_TRIM)
    thickest = gray.shape[0] * (SIDEBAR_SHARE if sidebars else BAR_SHARE)
    if outer:
        thickest = max(thickest, gray.shape[1] * BAR_LENGTH_SHARE)
    reach = min(limit, int(thickest) + 1)  # bar and next row
    most, mostly_plain = BARS if outer else 1, SIDEBAR_PLAIN if sidebars else None
    (top, window), (bottom, _) = (
        _bars(gray[order], plain[order], reach, limit, most, mostly_plain, screen)
        for order in (slice(None), slice(None, None, -1))  # from the top, then from the bottom
    )
    return (top, bottom), window


def _bars(
    rows: np.ndarray,
    plain: np.ndarray,
    reach: int,
    limit: int,
    most: int,
    mostly_plain: float | None,
    screen: bool = False,
) -> tuple[int, bool]:
    """How many of the first ``rows`` to trim: up to ``most`` bars, each starting before ``limit`` (after the first,
    only bars with words on them, a shade of gray clearly other than the bar before: :data:`BAR_CONTRAST`; a sky's
    bands of gradient are not), then the plain rows after them up to ``limit``; and whether they look like a
    window's (a bar, then another bar or plain rows in a clearly other shade)."""
    edge = bars = 0
    shade = 0.0
    while bars < most and reach > 1 and edge < limit:
        bar = _bar(rows[edge : edge + reach], mostly_plain, screen=screen and not bars)
        if not bar:
            break
        next_shade = float(np.median(rows[edge : edge + bar]))
        if bars and (plain[edge : edge + bar].all() or abs(next_shade - shade) <= BAR_CONTRAST):
            break
        edge, bars, shade = edge + bar, bars + 1, next_shade
    after = _leading(plain[edge:limit])
    inside = float(np.median(rows[edge : edge + after])) if after else shade
    window = bars > 1 or (bars == 1 and after > 0 and abs(inside - shade) > BAR_CONTRAST)
    return edge + after, window


def _bar(rows: np.ndarray, mostly_plain: float | None = None, *, screen: bool = False) -> int:
    """How many of the first ``rows`` make a bar: rows of one colour, mostly plain (``mostly_plain`` of each row; by
    default :data:`MOSTLY`, or :data:`MOSTLY_BLACK_OR_WHITE` where the bar is black or white),
    followed by a row of another colour; 0 when they run on to the last row given (a sparse pattern, or a shape's tip
    on its background, not a bar) — except on a phone's ``screen``, where black or white rows, half of them plain,
    with the status line among them, are all a bar."""
    median = np.median(rows, axis=1)
    if mostly_plain is None:
        mostly_plain = MOSTLY_BLACK_OR_WHITE if _black_or_white(median[:1])[0] else MOSTLY
    mostly = np.quantile(np.abs(rows - median[:, None]), mostly_plain, axis=1) <= PLAIN
    bar = _leading(mostly & (np.abs(median - median[0]) <= 2 * PLAIN))
    if bar < len(rows):
        return bar if abs(median[bar] - median[0]) > 2 * PLAIN else 0
    shade = bool(_black_or_white(median[:1])[0])
    return len(rows) if screen and shade and np.mean(rows.std(axis=1) < PLAIN) >= 0.5 else 0


def _leading(flags: np.ndarray) -> int:
    """How many of ``flags`` are true before the first false one."""
    return int(np.argmin(flags)) if not flags.all() else len(flags)


def thumbnails(prints: np.ndarray) -> np.ndarray:
    """The N flat 32×32 grayscale thumbnails of N prints."""
    return prints[:, : PRINT_SIDE * PRINT_SIDE]


def colours(prints: np.ndarray) -> np.ndarray:
    """The N × 64 × 3 mean colours of the 8×8 grid of N prints (row-major)."""
    start = PRINT_SIDE * PRINT_SIDE
    return prints[:, start : start + COLOUR_GRID * COLOUR_GRID * 3].reshape(len(prints), -1, 3)


def shapes(prints: np.ndarray) -> np.ndarray:
    """The shapes of N prints: the log of each trimmed picture's width over its height."""
    return prints[:, PART_SIZE - 1]


def oddness(prints: np.ndarray) -> np.ndarray:
    """How unlike the rest of its group of copies each picture is: the largest difference of any pixel of its 32×32
    thumbnail (normalised to zero median and unit robust spread: big text or a banner does not flatten the rest, as
    it did the faint shapes of a flat design under the mean and the standard deviation) from the group's median
    thumbnail. Text written over a copy
    makes it odd, even a small caption; a re-save or a brightness change hardly does (on four scikit-image photos:
    the photo, a JPEG q60 re-save and a darker copy 0.02-0.07, a 22-pixel caption 0.30-0.99). With two pictures
    the median is their mean, and neither is odder. Compare prints made without trimming (``print_of(…,
    trim=False)``) of pictures of one shape: a caption in a plain margin changes what is trimmed."""
    flat = thumbnails(prints).astype(np.float32)
    middle = np.median(flat, axis=1, keepdims=True)
    robust = np.median(np.abs(flat - middle), axis=1, keepdims=True) * MAD_SPREAD
    spread = np.maximum(robust, np.maximum(flat.std(axis=1, keepdims=True) * SPREAD_FLOOR, 1e-3))
    flat = (flat - middle) / spread
    return np.asarray(np.abs(flat - np.median(flat, axis=0)).max(axis=1))


__all__ = [
    "COLOUR_GRID",
    "PART_SIZE",
    "PRINT_KEY",
    "PRINT_SIDE",
    "PRINT_SIZE",
    "colours",
    "oddness",
    "print_of",
    "shapes",
    "thumbnails",
    "trim_boxes",
    "untrimmed",
]
