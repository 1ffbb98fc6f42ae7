"""What frames a picture without being part of it, beyond the plain edges that :mod:`opensight._copy_prints` trims:
the corners a turned copy's canvas filled, and a desktop around the window a screenshot shows it in.
"""

from __future__ import annotations

import numpy as np

#: A rectangle on a screen: its top, bottom, left and right (rows and columns, the last of each past its end).
Place = tuple[int, int, int, int]

#: A corner filled where a turned picture's canvas grew (:func:`filled_corners`) is within this many gray levels of
#: one shade (a JPEG re-save blurs it a little) …
CORNER_SHADE = 6.0
#: … and its depth changes by at least this many pixels from a tenth to nine tenths of each edge (a turn of 1° of a
#: 1,000-pixel picture: 14) …
CORNER_RUN = 3
#: … at slopes within this factor of each other (one turn).
CORNER_SLOPES = 1.5
#: A desktop screenshot is the size of a screen (width, height): only pictures of these sizes are searched for a window.
SCREEN_SIZES = frozenset(
    {
        (1024, 768),
        (1280, 720),
        (1280, 800),
        (1280, 1024),
        (1360, 768),
        (1366, 768),
        (1440, 900),
        (1536, 864),
        (1600, 900),
        (1680, 1050),
        (1920, 1080),
        (1920, 1200),
        (2560, 1080),
        (2560, 1440),
        (2560, 1600),
        (2880, 1800),
        (3440, 1440),
        (3840, 2160),
    }
)
#: Gray levels a window's plain inside keeps along a row (a wallpaper's gradient leaves such a band within a few
#: dozen pixels; with 8, a dark window's inside ran on into a dark wallpaper) …
WINDOW_SHADES = 4
#: … and hues (red and blue against green) in bands this many times as wide, …
WINDOW_HUES = 4.0
#: … in rows at least this share of the screen's width (a portrait photo's window narrower than that is missed; at
#: 0.12, more of the wallpaper's stretches crowded JPEG screenshots' windows out: 11 → 5 of 12 found at quality 85), …
WINDOW_WIDTH = 0.2
#: … from about the same column to about the same column (within this many pixels of the screen halved: a JPEG's
#: noise at the window's edges) …
WINDOW_EDGE = 2
#: … in at least this many rows of the screen halved (above and below the picture it shows), in runs of at least
#: this many in a row; at most this many such places are tried.
WINDOW_ROWS = 4
WINDOW_BLOCK = 2
WINDOW_CANDIDATES = 8
#: A colour steps between two lines of pixels where it changes by more than this many levels.
EDGE_STEP = 12.0
#: A window fitted to its picture, its border or the picture itself is a rectangle on the screen whose four sides are
#: straight edges (:func:`framed_places`): a colour steps by :data:`EDGE_STEP` along this share of each side or more
#: (a dark blue photo's edge on a purple desktop steps in its colours more than in its gray) …
SIDE_EDGE = 0.7
#: … and along this share less of the line this many pixels away on one side of it (the bar's plain inside, the
#: desktop's gradient: on a textured wallpaper the gray steps along every line) …
SIDE_CONTRAST = 0.35
SIDE_OFF = 4
#: … and a top or bottom side does not run on beside the rectangle by more than this share (of :data:`SIDE_BESIDE`
#: columns on each side) over the lines :data:`SIDE_OFF` away (a taskbar's edge, a wallpaper's horizon run on) …
SIDE_RUNS_ON = 0.3
SIDE_BESIDE = 12
#: … each side at least this share of the screen's width or height, among the rows and columns holding the
#: :data:`SIDE_LINES` longest straight edges (steps with gaps of up to :data:`SIDE_GAP` pixels) that have a quiet side.
SIDE_LONGEST = 0.12
SIDE_LINES = 24
SIDE_GAP = 3
#: A window's bar (its title bar, status bar, a sidebar) found as a rectangle with straight sides inside a place with
#: straight sides, on one side of it, is at most this share of the place's height or width: the picture is what lies
#: inside its bars (:func:`framed_places`).
SIDE_BAR = 0.15


def filled_corners(gray: np.ndarray) -> float:
    """The share of a picture in corners of one shade filled where a turned picture's canvas grew to hold it, or 0.
    Along each edge such a corner is a wedge whose depth changes steadily — the same slope on all four edges, deeper
    towards one end on the top edge and towards the other on the bottom one, and the same on the sides — (a
    picture on a plain background has plain rows of no such shape); the share is then what lies above and below the
    turned picture, column by column.

    >>> from PIL import Image
    >>> turned = np.asarray(Image.new("L", (300, 200), 128).rotate(5, expand=True), dtype=np.float32)
    >>> round(filled_corners(turned), 2), filled_corners(np.full((200, 300), 255.0))
    (0.17, 0.0)
    """
    corners = gray[[0, 0, -1, -1], [0, -1, 0, -1]]
    shade = float(np.median(corners))
    if np.abs(corners - shade).max() > CORNER_SHADE:
        return 0.0
    same = np.abs(gray - shade) <= CORNER_SHADE
    depths = [_depths(same), _depths(same[::-1]), _depths(same.T), _depths(same.T[::-1])]  # top, bottom, left, right
    slopes = [_wedge(depth) for depth in depths]
    if any(slope is None for slope in slopes):
        return 0.0
    top, bottom, left, right = (float(slope or 0.0) for slope in slopes)  # none is None here
    steepest, gentlest = (
        max(abs(top), abs(bottom), abs(left), abs(right)),
        min(abs(top), abs(bottom), abs(left), abs(right)),
    )
    if top * bottom >= 0 or left * right >= 0 or steepest > CORNER_SLOPES * gentlest:
        return 0.0
    height = gray.shape[0]
    return float(np.minimum(depths[0] + depths[1], height).sum() / gray.size)


def _depths(same: np.ndarray) -> np.ndarray:
    """How far each column is of the corners' shade from the top (the whole column where it all is)."""
    return np.where(same.all(axis=0), len(same), np.argmin(same, axis=0))


def _wedge(depth: np.ndarray) -> float | None:
    """The slope of a corner's wedge along an edge (its ``depth`` at each place), or None: at nine places from a
    tenth to nine tenths of the edge, seven or more depths lie on one line (within a pixel and 5%; a dark part of a
    photo next to a black corner runs deeper) that rises or falls by :data:`CORNER_RUN` pixels or more and stays
    under a quarter of the edge.

    >>> _wedge(np.arange(100) // 4), _wedge(np.zeros(1))  # a 1-pixel picture's edge: no wedge, and no warning
    (0.25, None)
    """
    if len(depth) < 10:  # too short to hold a wedge (nine places that would all be 0: a 1-pixel picture)
        return None
    places = np.arange(1, 10) * (len(depth) // 10)
    found = depth[places].astype(np.float64)
    steps = [(found[j] - found[i]) / (places[j] - places[i]) for i in range(9) for j in range(i + 1, 9)]
    slope = float(np.median(steps))  # Theil-Sen: a few deeper places do not tilt it
    line = slope * places + float(np.median(found - slope * places))
    inside = np.abs(found - line) <= 1 + 0.05 * np.abs(line).max()
    change = abs(slope) * (places[-1] - places[0])
    if inside.sum() < 7 or change < CORNER_RUN or line.max() >= len(depth) / 4:
        return None
    return slope


def desktop_windows(pixels: np.ndarray) -> list[Place]:
    """Where a window may be on a desktop screenshot (``pixels``: H × W × 3 RGB): (top, bottom, left, right) of
    the rows, in runs of :data:`WINDOW_BLOCK` or more, holding a long stretch of one colour (:data:`WINDOW_SHADES`)
    that starts and ends at about the same columns (:data:`WINDOW_EDGE`) in about one shade — a window's plain inside
    above and below its picture, which the desktop's wallpaper and taskbar do not share — most rows first, inside the
    columns every one of them covers; none unless the picture is the size of a screen (:data:`SCREEN_SIZES`).

    >>> screen = np.full((720, 1280, 3), 90.0); screen[..., 1] += np.arange(1280) / 20  # a wallpaper's gradient
    >>> screen[100:600, 200:1000] = 40.0; screen[150:550, 250:950] = (np.arange(700) % 9 * 25)[:, None]  # a picture
    >>> desktop_windows(screen)[0]  # found on the screen halved, then a pixel inside each side
    (100, 600, 202, 998)
    """
    full_height, full_width = pixels.shape[:2]
    if (full_width, full_height) not in SCREEN_SIZES:
        return []
    height, width = full_height // 2, full_width // 2  # halved (a screen's sides are even): 4 times faster, less noise
    small = pixels[: height * 2, : width * 2].astype(np.float32).reshape(height, 2, width, 2, 3).mean(axis=(1, 3))
    row, first, last, gray = _long_stretches(small, int(WINDOW_WIDTH * width))
    left = (first > 0) | (last < width)  # not across the whole screen
    place = first // WINDOW_EDGE * (width + 1) + last // WINDOW_EDGE
    found: list[Place] = []
    while len(found) < WINDOW_CANDIDATES and left.sum() >= WINDOW_ROWS:
        places, counts = np.unique(place[left], return_counts=True)
        common = left & (place == places[counts.argmax()])
        middle, edge = np.median(first[common]), np.median(last[common])
        shades, counts = np.unique(np.round(gray[common] / WINDOW_SHADES), return_counts=True)
        shade = shades[counts.argmax()] * WINDOW_SHADES  # the inside's (its title bar may share its columns)
        chosen = left & (np.abs(first - middle) <= WINDOW_EDGE) & (np.abs(last - edge) <= WINDOW_EDGE)
        chosen &= np.abs(gray - shade) <= WINDOW_SHADES  # the inside, not the title bar over it
        left &= ~(chosen | common)
        rows = _in_blocks(np.unique(row[chosen]))
        if len(rows) >= WINDOW_ROWS:
            inside = chosen & np.isin(row, rows)
            top, bottom = 2 * int(rows[0]), 2 * (int(rows[-1]) + 1)
            found.append((top, bottom, 2 * int(first[inside].max()) + 2, 2 * int(last[inside].min()) - 2))
    return found


def framed_places(pixels: np.ndarray, smallest: float) -> list[Place]:
    """Where a picture may be framed on a desktop screenshot (``pixels``: H × W × 3 RGB): (top, bottom, left, right)
    of each rectangle at least ``smallest`` of the screen whose four sides are straight edges (:data:`SIDE_EDGE`,
    :data:`SIDE_CONTRAST`) and whose top and bottom do not run on beside it (:data:`SIDE_RUNS_ON`) — a viewer's window
    fitted to its picture, or the picture alone —, each taken inside its bars where they are found as such
    (:data:`SIDE_BAR`), largest first. A new user's trial: 9 of 12 screenshots of a viewer fitted to its photo on a
    1366 × 768 desktop were missed, the gradient's plain rows crowding the title bar out of :func:`desktop_windows`'
    places; none on a diagonal gradient.

    >>> screen = np.full((768, 1366, 3), 90.0); screen[..., 1] += np.arange(768)[:, None] / 8  # a gradient
    >>> screen[200:600, 300:900] = np.random.default_rng(0).integers(0, 255, (400, 600, 1))  # a picture
    >>> framed_places(screen, 0.05)
    [(200, 600, 300, 900)]
    """
    colours = pixels.astype(np.int16)
    height, width = colours.shape[:2]
    across, along = np.zeros((height, width), dtype=bool), np.zeros((width, height), dtype=bool)
    down, over = np.abs(np.diff(colours, axis=0)) > EDGE_STEP, np.abs(np.diff(colours, axis=1)) > EDGE_STEP
    across[1:] = down[..., 0] | down[..., 1] | down[..., 2]  # row r: between rows r - 1 and r, in any colour
    along[1:] = (over[..., 0] | over[..., 1] | over[..., 2]).T  # column c: between columns c - 1 and c
    rows = _straight_lines(across, int(SIDE_LONGEST * width))
    columns = _straight_lines(along, int(SIDE_LONGEST * height))
    wide_across, wide_along = _widened(across), _widened(along)  # a side a pixel off still counts
    found = []
    for top, bottom, left, right in _rectangles(rows, columns, wide_across, wide_along, smallest * height * width):
        if not (_runs_on(wide_across, top, left, right) or _runs_on(wide_across, bottom, left, right)):
            top, bottom = (_exact(across, line, left, right) for line in (top, bottom))
            left, right = (_exact(along, line, top, bottom) for line in (left, right))
            found.append((top, bottom, left, right))
    places: list[Place] = []
    for place in sorted({_inside_bars(place, found) for place in found}, key=_area, reverse=True):
        if all(max(abs(np.subtract(place, other))) > 2 for other in places):  # not the same sides a line off
            places.append(place)
    return places


def _exact(edges: np.ndarray, line: int, start: int, end: int) -> int:
    """The line within one of ``line`` along which ``edges`` step most from ``start`` to ``end``: the side itself,
    where a JPEG's ringing made a longer run of steps next to it (a window's inside taken with a row of the desktop
    under it was not trimmed at the bottom)."""
    near = np.arange(max(line - 1, 0), min(line + 2, len(edges)))
    return int(near[edges[near, start:end].sum(axis=1).argmax()])


def _area(place: Place) -> int:
    return (place[1] - place[0]) * (place[3] - place[2])


def _inside_bars(place: Place, others: list[Place]) -> Place:
    """The smallest of the ``others`` inside ``place`` that shares its left and right sides, or its top and bottom
    (within 2 pixels), cutting off at most :data:`SIDE_BAR` of it on each side: the picture inside its window's
    bars (a title bar, a status bar, a sidebar), which are rectangles with straight sides too; else ``place``."""
    top, bottom, left, right = place
    height, width = bottom - top, right - left
    inside = [place]
    for other in others:
        cut = np.subtract(other, place) * (1, -1, 1, -1)  # how far in each side lies
        if cut.min() < -2 or max(cut[:2]) > SIDE_BAR * height or max(cut[2:]) > SIDE_BAR * width:
            continue
        if max(abs(cut[:2])) <= 2 or max(abs(cut[2:])) <= 2:  # its top and bottom, or its left and right
            inside.append(other)
    return min(inside, key=_area)


def _straight_lines(edges: np.ndarray, shortest: int) -> np.ndarray:
    """The lines (rows of ``edges``) holding the :data:`SIDE_LINES` longest runs of steps at least ``shortest`` long
    (gaps of up to :data:`SIDE_GAP` closed) that have a quiet side (no step :data:`SIDE_OFF` lines above or below),
    a line's neighbours within two lines left out."""
    quiet = np.zeros_like(edges)
    quiet[SIDE_OFF:-SIDE_OFF] = ~edges[: -2 * SIDE_OFF] | ~edges[2 * SIDE_OFF :]
    found = edges & quiet
    candidates = np.flatnonzero(found.sum(axis=1) >= shortest // 2)  # a side steps along most of itself
    steps = np.pad(found[candidates], ((0, 0), (SIDE_GAP, SIDE_GAP)))
    grown = np.zeros_like(steps)
    for shift in range(-SIDE_GAP, SIDE_GAP + 1):
        grown |= np.roll(steps, shift, axis=1)
    closed = np.ones_like(steps)
    for shift in range(-SIDE_GAP, SIDE_GAP + 1):
        closed &= np.roll(grown, shift, axis=1)
    closed = np.pad(closed[:, SIDE_GAP:-SIDE_GAP], ((0, 0), (1, 1)))
    changes = np.diff(closed.astype(np.int8), axis=1)
    lines, starts = np.nonzero(changes == 1)
    _, ends = np.nonzero(changes == -1)  # the same order: each run's start, then its end
    lines = candidates[lines]
    lengths = ends - starts
    chosen: list[int] = []
    longest = np.argsort(-lengths, kind="stable")
    for line in lines[longest[lengths[longest] >= shortest]]:
        if all(abs(int(line) - other) > 2 for other in chosen):
            chosen.append(int(line))
            if len(chosen) == SIDE_LINES:
                break
    return np.array(sorted(chosen), dtype=np.int64)


def _widened(edges: np.ndarray) -> np.ndarray:
    """``edges`` (lines × places) with each step also on the lines next to it."""
    wide = edges.copy()
    wide[1:] |= edges[:-1]
    wide[:-1] |= edges[1:]
    return wide


def _rectangles(
    rows: np.ndarray, columns: np.ndarray, across: np.ndarray, along: np.ndarray, smallest: float
) -> list[Place]:
    """Every (top, bottom, left, right) of the ``rows`` and ``columns`` found whose sides are at least
    :data:`SIDE_LONGEST` of the screen, whose area is at least ``smallest``, with room around it to look beside it,
    and whose four sides step along :data:`SIDE_EDGE` of their length, along half that share of each quarter of it
    (two windows side by side are no rectangle), and along :data:`SIDE_CONTRAST` more of it than :data:`SIDE_OFF`
    lines away on one side (``across``, ``along``: the steps, widened)."""
    height, width = across.shape
    rows = rows[(rows > SIDE_OFF) & (rows < height - SIDE_OFF)]
    columns = columns[(columns > SIDE_BESIDE + 1) & (columns < width - SIDE_BESIDE - 1)]
    top, bottom = (pair.ravel() for pair in np.meshgrid(rows, rows, indexing="ij"))
    left, right = (pair.ravel() for pair in np.meshgrid(columns, columns, indexing="ij"))
    tall, wide = bottom - top >= SIDE_LONGEST * height, right - left >= SIDE_LONGEST * width
    top, bottom, left, right = top[tall], bottom[tall], left[wide], right[wide]
    top, left = (pair.ravel() for pair in np.meshgrid(top, left, indexing="ij"))
    bottom, right = (pair.ravel() for pair in np.meshgrid(bottom, right, indexing="ij"))
    big = (bottom - top) * (right - left) >= smallest
    top, bottom, left, right = top[big], bottom[big], left[big], right[big]
    across_sums = np.hstack([np.zeros((height, 1), np.int32), np.cumsum(across, axis=1, dtype=np.int32)])
    along_sums = np.hstack([np.zeros((width, 1), np.int32), np.cumsum(along, axis=1, dtype=np.int32)])
    kept = np.ones(len(top), dtype=bool)
    sides = ((across_sums, (top, bottom), left, right), (along_sums, (left, right), top, bottom))
    for sums, lines, start, end in sides:
        ends = [start + (end - start) * quarter // 4 for quarter in range(5)]
        for line in lines:
            steps = np.stack([sums[line, ends[k + 1]] - sums[line, ends[k]] for k in range(4)])
            share = steps.sum(axis=0) / (end - start)
            kept &= share >= SIDE_EDGE
            kept &= (steps / np.maximum(np.diff(ends, axis=0), 1)).min(axis=0) >= SIDE_EDGE / 2  # along all of it
            near = [(sums[line + off, end] - sums[line + off, start]) / (end - start) for off in (-SIDE_OFF, SIDE_OFF)]
            kept &= share - np.minimum(*near) >= SIDE_CONTRAST  # a side, not a texture
    return list(zip(top[kept].tolist(), bottom[kept].tolist(), left[kept].tolist(), right[kept].tolist(), strict=True))


def _runs_on(across: np.ndarray, line: int, left: int, right: int) -> bool:
    """Whether the step along ``line`` runs on beside the rectangle from ``left`` to ``right`` (:data:`SIDE_RUNS_ON`
    more of :data:`SIDE_BESIDE` columns on each side, past a border, than the lines :data:`SIDE_OFF` away)."""
    beside = np.r_[left - SIDE_BESIDE - 1 : left - 1, right + 1 : right + SIDE_BESIDE + 1]
    share = across[[line - SIDE_OFF, line, line + SIDE_OFF]][:, beside].mean(axis=1)
    return bool(share[1] - max(share[0], share[2]) > SIDE_RUNS_ON)


def _in_blocks(rows: np.ndarray) -> np.ndarray:
    """The ``rows`` (sorted, distinct) that lie in runs of at least :data:`WINDOW_BLOCK` consecutive rows: a
    window's margin is such a run; a wallpaper's band of one colour drifts along the rows."""
    if not len(rows):
        return rows
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    blocks = np.split(rows, breaks)
    return np.concatenate([block for block in blocks if len(block) >= WINDOW_BLOCK] or [rows[:0]])


def _long_stretches(pixels: np.ndarray, shortest: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every stretch of one colour at least ``shortest`` pixels long along a row: its row, where it starts and where
    it ends (past its last column), and its gray where it starts. A colour is its gray in bands of
    :data:`WINDOW_SHADES` levels and its hue (red and blue against green) in bands :data:`WINDOW_HUES` times as wide
    (a JPEG's noise is in its colours more than in its grays), the bands at two offsets (noise around one shade falls
    in one band of one of them). Not the gray alone: a wallpaper's gradient between two colours can keep one gray
    across the screen."""
    height, width = pixels.shape[:2]
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    channels = np.stack([0.299 * red + 0.587 * green + 0.114 * blue, red - green, blue - green], axis=2)
    bands = np.array([1.0, WINDOW_HUES, WINDOW_HUES], dtype=np.float32) * WINDOW_SHADES
    found = []
    for offset in (0.0, 0.5):
        shade = np.floor(channels / bands + offset).astype(np.int32)
        starts = np.ones((height, width), dtype=bool)
        starts[:, 1:] = (shade[:, 1:] != shade[:, :-1]).any(axis=2)
        rows, columns = np.nonzero(starts)
        ends = np.append(columns[1:], width)
        ends[np.flatnonzero(np.diff(rows))] = width  # a row's last stretch ends at its last column
        long = ends - columns >= shortest
        found.append(np.stack([rows[long], columns[long], ends[long]], axis=1))
    stretches = np.unique(np.concatenate(found), axis=0)
    return stretches[:, 0], stretches[:, 1], stretches[:, 2], channels[stretches[:, 0], stretches[:, 1], 0]


__all__ = ["SCREEN_SIZES", "Place", "desktop_windows", "filled_corners", "framed_places"]
