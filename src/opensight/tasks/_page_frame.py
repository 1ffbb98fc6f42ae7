"""The text's own frame in a picture: where its rows run level and its columns' edges upright.

Most pictures of text are straight or turned: the frame is the picture turned by the median angle of the lines'
long edges (:func:`text_angle`). A phone photo of a page held at an angle is in perspective as well: the rows
converge to a vanishing point beside the page, the columns' edges to one above or below it, and a gutter slants in
the turned frame (two columns were read across). Where the lines say so clearly — enough long lines whose edges
meet at one point, the starts of a column's lines on one line, the rows' angles spread or the column edges'
directions differing, the picture's scale changing across the text by :data:`MIN_KEYSTONE` or more — the frame
undoes the perspective (:func:`page_frame`): the vanishing line of the two points is sent to infinity, then rows are
made level and column edges upright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["PageFrame", "page_frame", "text_angle"]

#: Polygons whose long side is at least this many times the short side tell the text's angle.
ELONGATED = 1.5
#: Tilts beyond this are not corrected (sideways text: the polygons' long edges say nothing useful).
MAX_TILT_DEGREES = 45.0
#: A line's box can end this share of its height higher at one end than at the other on level text (a capital and a
#: descender at one end, small letters at the other): a tilt the lines cannot tell from level is taken as level
#: where lines of at least ``LEVEL_SHARE`` of the length run nearer level than that tilt.
EDGE_WOBBLE = 0.25
LEVEL_SHARE = 0.25
#: A line this many times longer than it is tall gives its top and bottom edges as two of the rows' directions …
ROW_LINE = 4.0
#: … and at least this many such lines are needed to find where the rows meet.
ROW_LINES = 6
#: A column's edge: the starts of at least this many long lines, each within ``EDGE_SPREAD`` line heights of the next
#: across the rows, over at least ``EDGE_SPAN`` line heights down the page.
EDGE_LINES = 5
EDGE_SPREAD = 0.6
EDGE_SPAN = 8.0
#: The perspective is undone only where the picture's scale changes across the text by at least this share (a flat
#: scan or screenshot keeps the turned frame, to the pixel) and by at most ``MAX_KEYSTONE`` (more is no photo of a
#: page: the lines were read wrong).
MIN_KEYSTONE = 0.06
MAX_KEYSTONE = 0.4
#: Rows and column edges must stand at least this far from parallel (the sine of their angle).
UPRIGHT = 0.5
#: A perspective shows as rows whose angles spread (their median distance from the median angle at least this many
#: degrees: the camera beside the page) or column edges whose directions differ by at least ``EDGES_APART`` degrees
#: (the camera below or above it); a flat screenshot's rows spread 0.0° and the ragged starts of its card grid slanted
#: one edge 1.1-1.4° (two new users' trials: shop and forum pages taken for photos in perspective).
ROWS_APART = 0.25
EDGES_APART = 2.0


@dataclass(frozen=True)
class PageFrame:
    """Picture coordinates ↔ the text's frame (x along the rows, y down the columns), by a 3×3 matrix.

    >>> frame = page_frame([np.array([[0, 0], [100, 0], [100, 10], [0, 10]])])
    >>> frame.to_frame(np.array([[100.0, 10.0]])).round(6).tolist(), frame.to_picture(np.array([[5.0, 5.0]])).tolist()
    ([[100.0, 10.0]], [[5.0, 5.0]])
    """

    matrix: np.ndarray  # picture → frame, acting on (x, y, 1) columns

    def to_frame(self, points: np.ndarray) -> np.ndarray:
        """(N, 2) picture points in the text's frame."""
        return _apply(self.matrix, points)

    def to_picture(self, points: np.ndarray) -> np.ndarray:
        """(N, 2) points of the text's frame back in the picture."""
        return _apply(np.linalg.inv(self.matrix), points)


def _apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    mapped = np.c_[np.asarray(points, dtype=np.float64).reshape(-1, 2), np.ones(len(points))] @ matrix.T
    return np.asarray(mapped[:, :2] / mapped[:, 2:3])


def page_frame(polygons: list[np.ndarray]) -> PageFrame:
    """The text's frame for these line polygons: the picture turned by :func:`text_angle`, or, in a photo of a page
    taken at an angle, that perspective undone (see the module's docstring)."""
    rectified = _rectifying([np.asarray(polygon, dtype=np.float64).reshape(4, 2) for polygon in polygons])
    if rectified is not None:
        return PageFrame(rectified)
    angle = text_angle(polygons)
    cos, sin = math.cos(angle), math.sin(angle)
    return PageFrame(np.array([[cos, sin, 0.0], [-sin, cos, 0.0], [0.0, 0.0, 1.0]]))


def _rectifying(polygons: list[np.ndarray]) -> np.ndarray | None:
    """The picture → frame matrix that undoes a page's perspective, or None where the lines do not tell it clearly
    (or there is none to undo)."""
    if len(polygons) < ROW_LINES:
        return None
    points = np.concatenate(polygons)
    centre, scale = points.mean(axis=0), float(np.abs(points - points.mean(axis=0)).max()) or 1.0
    norm = np.array([[1 / scale, 0, -centre[0] / scale], [0, 1 / scale, -centre[1] / scale], [0, 0, 1]])
    rows = _Rows.of([(polygon - centre) / scale for polygon in polygons])
    if len(rows.starts) < ROW_LINES:
        return None
    edges, weights, slants = _column_edges(rows.starts, float(np.median(rows.angles)), rows.unit)
    apart = np.median(np.abs(rows.angles - np.median(rows.angles))) >= math.radians(ROWS_APART)
    if not len(edges) or (np.ptp(slants) < math.radians(EDGES_APART) and not apart):
        return None  # the rows parallel and the edges too: a flat page (a screenshot's ragged starts slant an edge)
    rows_meet = _meeting_point(rows.edges, rows.weights)
    # one edge alone gives the columns' direction (a point at infinity along it)
    columns_meet = np.array([edges[0][1], -edges[0][0], 0.0]) if len(edges) == 1 else _meeting_point(edges, weights)
    horizon = np.cross(rows_meet, columns_meet)
    if abs(horizon[2]) < 1e-12:
        return None
    horizon = horizon / horizon[2]
    lifted = np.array([[1.0, 0, 0], [0, 1.0, 0], [horizon[0], horizon[1], 1.0]])  # the horizon to infinity
    corners = np.array([points.min(axis=0), points.max(axis=0)])
    corners = (np.array([[x, y] for x in corners[:, 0] for y in corners[:, 1]]) - centre) / scale
    w = corners @ horizon[:2] + 1.0
    if w.min() <= 0 or not MIN_KEYSTONE <= w.max() / w.min() - 1 <= MAX_KEYSTONE:
        return None
    along, down = (lifted @ rows_meet)[:2], (lifted @ columns_meet)[:2]
    along, down = along / (np.linalg.norm(along) or 1.0), down / (np.linalg.norm(down) or 1.0)
    along, down = along * np.sign(along[0] or 1.0), down * np.sign(down[1] or 1.0)
    if abs(along[1]) > abs(along[0]) or abs(along[0] * down[1] - along[1] * down[0]) < UPRIGHT:
        return None  # rows far from level (sideways text), or columns near the rows' direction: no page
    upright = np.eye(3)
    upright[:2, :2] = np.linalg.inv(np.c_[along, down])
    return _in_pixels(upright @ lifted @ norm, polygons)


@dataclass(frozen=True)
class _Rows:
    """What the long lines of a page (normalised coordinates) say about its rows: their top and bottom edges (lines,
    weighted by the square root of their length), where each starts, their angles, and the median line height."""

    edges: np.ndarray
    weights: np.ndarray
    starts: np.ndarray
    angles: np.ndarray
    unit: float

    @classmethod
    def of(cls, polygons: list[np.ndarray]) -> _Rows:
        edges, weights, starts, angles, heights = [], [], [], [], []
        for q in polygons:
            along = (np.hypot(*(q[1] - q[0])) + np.hypot(*(q[2] - q[3]))) / 2
            across = (np.hypot(*(q[3] - q[0])) + np.hypot(*(q[2] - q[1]))) / 2
            heights.append(across)
            if along < ROW_LINE * across:
                continue
            edges += [_line_through(q[0], q[1]), _line_through(q[3], q[2])]
            weights += [math.sqrt(along)] * 2
            starts.append((q[0] + q[3]) / 2)
            direction = (q[1] - q[0]) + (q[2] - q[3])
            angles.append(math.atan2(direction[1], direction[0]))
        return cls(np.array(edges), np.array(weights), np.array(starts), np.array(angles), float(np.median(heights)))


def _line_through(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The homogeneous line through two points, scaled so that its first two numbers are a unit normal."""
    line = np.cross([*start, 1.0], [*end, 1.0])
    return np.asarray(line / (np.hypot(line[0], line[1]) or 1.0))


def _in_pixels(matrix: np.ndarray, polygons: list[np.ndarray]) -> np.ndarray:
    """``matrix`` scaled along each axis so that the lines keep, at the median, their length and height in pixels:
    making rows level and columns upright leaves their scales free, and a gutter narrowed against the lines' height
    (as their ratio came out) was no longer one."""
    along, across = [], []
    for polygon in polygons:
        placed = _apply(matrix, polygon)
        width, height = np.ptp(placed[:, 0]), np.ptp(placed[:, 1])
        long, tall = (np.hypot(*(polygon[1] - polygon[0])), np.hypot(*(polygon[3] - polygon[0])))
        if width > 0 and height > 0 and long >= ROW_LINE * tall:
            along.append(long / width)
            across.append(tall / height)
    return np.asarray(np.diag([float(np.median(along)), float(np.median(across)), 1.0]) @ matrix)


def _meeting_point(lines: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The point (homogeneous) nearest to lying on every line, each line weighted: the rows' vanishing point, at
    infinity where they are parallel."""
    _, _, vt = np.linalg.svd(lines * weights[:, None])
    return np.asarray(vt[-1])


def _column_edges(starts: np.ndarray, angle: float, unit: float) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """The columns' edges (homogeneous lines, their weights, their slants from upright): each the starts of lines that
    line up down the page (:data:`EDGE_LINES` of them over :data:`EDGE_SPAN` line heights or more)."""
    turn = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]])
    placed = starts @ turn.T  # roughly in the rows' frame: x along them
    order = np.argsort(placed[:, 0])
    groups, current = [], [int(order[0])]
    for index in order[1:]:
        if placed[index, 0] - placed[current[-1], 0] < EDGE_SPREAD * unit:
            current.append(int(index))
        else:
            groups.append(current)
            current = [int(index)]
    groups.append(current)
    edges, weights, slants = [], [], []
    for group in groups:
        span = float(np.ptp(placed[group, 1])) if len(group) >= EDGE_LINES else 0.0
        if span < EDGE_SPAN * unit:
            continue
        middle = starts[group].mean(axis=0)
        direction = np.linalg.svd(starts[group] - middle)[2][0]
        edges.append(_line_through(middle, middle + direction))
        weights.append(math.sqrt(span))
        slants.append((math.atan2(direction[0], direction[1]) + math.pi / 2) % math.pi - math.pi / 2)
    return np.array(edges), np.array(weights), slants


def text_angle(polygons: list[np.ndarray]) -> float:
    """The median angle (radians, clockwise positive in picture coordinates) of the long edges of elongated
    polygons that run within 45° of level; 0 when none is elongated or most run further off (sideways text), or
    where the tilt is within what the lines' boxes can tell and some of them run level (:data:`EDGE_WOBBLE`: a
    caption strip's description came back tilted 0.8°, its date level, which put the date 1,500 px to the right on
    the row above).

    >>> box = lambda x, y, length, drop: np.array([[x, y], [x + length, y + drop], [x + length, y + 33 + drop],
    ...                                           [x, y + 33]])
    >>> round(math.degrees(text_angle([box(0, 0, 284, 4), box(1750, 4, 151, 0)])), 2)  # too little to tell
    0.0
    >>> round(math.degrees(text_angle([box(0, 0, 284, 15), box(0, 50, 300, 16)])), 2)  # 3°, told
    3.05
    """
    angles = []
    for polygon in polygons:
        points = np.asarray(polygon, dtype=np.float64).reshape(4, 2)
        top, right = points[1] - points[0], points[2] - points[1]
        bottom, left = points[2] - points[3], points[3] - points[0]
        along = (np.hypot(*top) + np.hypot(*bottom)) / 2
        across = (np.hypot(*right) + np.hypot(*left)) / 2
        if along >= ELONGATED * max(across, 1e-6):
            edge = top + bottom
        elif across >= ELONGATED * max(along, 1e-6):
            edge = right + left
        else:
            continue
        angle = math.atan2(edge[1], edge[0])
        angle = (angle + math.pi / 2) % math.pi - math.pi / 2  # an edge drawn backwards is the same edge
        angles.append((angle, max(along, across), min(along, across)))
    # Upright long edges (sideways text, or a lone character taller than wide) are not averaged with level ones:
    # half of each would make a median of 45°, a tilt that no line has.
    level = [(angle, long, short) for angle, long, short in angles if abs(angle) <= math.radians(MAX_TILT_DEGREES)]
    if 2 * len(level) < len(angles) or not level:
        return 0.0
    angle = _weighted_median([(angle, long) for angle, long, _ in level])
    # each line tells the angle to within EDGE_WOBBLE of its height over its length; n lines, √n times closer
    doubt = 1 / math.sqrt(sum((long / (EDGE_WOBBLE * max(short, 1e-6))) ** 2 for _, long, short in level))
    levelled = sum(long for tilt, long, _ in level if abs(tilt) < abs(tilt - angle))
    told = abs(math.tan(angle)) >= doubt or levelled < LEVEL_SHARE * sum(long for _, long, _ in level)
    return angle if told else 0.0


def _weighted_median(values: list[tuple[float, float]]) -> float:
    """The value at half the total weight (the middle two averaged where it falls between them): each line's angle
    counts by its length, as a long line tells the tilt to a pixel over its length and a short box ('2.3 g') can
    be off by degrees.

    >>> _weighted_median([(0.0, 10.0), (1.0, 1.0), (2.0, 1.0)]), _weighted_median([(0.0, 1.0), (1.0, 1.0)])
    (0.0, 0.5)
    """
    ordered = sorted(values)
    weights = np.cumsum([weight for _, weight in ordered])
    half = weights[-1] / 2
    index = int(np.searchsorted(weights, half))
    if np.isclose(weights[index], half) and index + 1 < len(ordered):
        return (ordered[index][0] + ordered[index + 1][0]) / 2
    return float(ordered[index][0])
