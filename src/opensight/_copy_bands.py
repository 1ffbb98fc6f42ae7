"""Copies with something written across them — big text, a sale banner, a price sticker — which the check of
:mod:`opensight._copies` (a tenth of the pixels left out) cannot line up: every pair of whole pictures is compared
leaving out one band of rows (:func:`banded`), the untrimmed pictures too where what trimming took is not a frame
(:func:`band_copies`), and a product on black or white whose writing reaches past it is seen where it lies in the
other picture (:func:`written_copies`).
"""

from __future__ import annotations

import numpy as np

from opensight._copy_align import normalised, sample, whole_boxes
from opensight._copy_colours import COLOUR, colour_distance
from opensight._copy_measures import best_each, correlation, fine_detail, whole_views
from opensight._copy_prints import PART_SIZE, PRINT_SIDE, SCREEN_SHADES, shapes, thumbnails, trim_boxes, untrimmed
from opensight._copy_views import COLOUR_CELLS, VIEW_SIDE, view_matrix

#: Big text written across a copy (a birthday card, a meme) covers a band of rows that the tenth of pixels left out
#: cannot, and changes the embedding too (such copies of wallpapers came out at cosines of 0.24-0.70, under the
#: gate). So every pair of whole pictures is also compared leaving out one band of ``BAND_ROWS`` of the 16 rows of
#: the whole view (up to half the picture), inside it: not its top or bottom ``BAND_EDGE`` rows (:func:`banded`, one
#: matrix product per row, no embedding gate). Big text or a sale banner over 28-40% of a picture, off its middle:
#: 19 of 134 such copies missed with 7 rows (mate, scikit-image, ukui), 11 with 8, at a cost on GNOME's patterns
#: (precision 0.988 → 0.962: the same big text over the two halves of one pattern; with 9 rows, 0.950).
BAND_ROWS = 8
BAND_EDGE = 2
#: The correlation the rest of such a pair needs (at the default ``threshold``; it moves with it) …
BAND_CHECK = 0.995
#: … and the correlation of the rest's fine detail (:func:`opensight._copies.detail`, the band left out). On the
#: copies benchmark these found 46-304 more pairs of copies per photo source and no pair of different pictures;
#: with the fine detail at 0.6 instead, 73 pairs of different ukui pictures passed.
BAND_DETAIL = 0.7
#: Pairs of whole pictures compared at once by :func:`banded` (its matrices: 16 × this many float32s).
BAND_BLOCK = 1 << 19
#: Text or a banner written across a product on a black or white background (a shop's sale banner, a birthday card's
#: big text) reaches past the product, so the copy's plain edges are trimmed elsewhere than the original's, and the
#: band left out of the trimmed pictures (:func:`banded`) lines up nothing. A pair of such pictures of one shape
#: (within this, the log of the width over the height) …
WRITTEN_SHAPE = 0.02
#: … whose trimmed parts lie elsewhere in them (a side or the centre moved by more than this share of the picture) …
WRITTEN_MOVED = 0.03
#: … is compared through the trimmed part of one, seen where it lies in the other, for each picture's this many
#: candidates of closest embeddings (:func:`_written_copies`) …
WRITTEN_EACH = 8
#: … where the edge of both is at least this share one black or white shade (within ``WRITTEN_SHADE`` gray levels).
WRITTEN_EDGE = 0.5
WRITTEN_SHADE = 4.0


def banded(prints: np.ndarray, bar: float, leading: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j, K×2) whose whole pictures line up at ``bar`` or more once one band of :data:`BAND_ROWS` rows
    inside them is left out — where big text was written across a copy — and the top row of that band for each.
    Every pair is compared (with ``leading``: only the pairs with one of the first ``leading`` pictures),
    :data:`BAND_BLOCK` at a time: one matrix product per row of the 16×16 whole views, then each band's correlation
    from the rows' sums."""
    whole = whole_views(prints).reshape(len(prints), VIEW_SIDE, VIEW_SIDE)
    tops = np.arange(BAND_EDGE, VIEW_SIDE - BAND_EDGE - BAND_ROWS + 1)
    kept = (VIEW_SIDE - BAND_ROWS) * VIEW_SIDE  # pixels outside the band
    sums = np.stack([whole.sum(2), (whole * whole).sum(2)], axis=2)  # N × rows × (Σ, Σ²)
    running = np.concatenate([np.zeros((len(whole), 1, 2), np.float32), np.cumsum(sums, axis=1)], axis=1)
    outside = running[:, -1:] - (running[:, tops + BAND_ROWS] - running[:, tops])  # N × bands × (Σ, Σ²)
    total, square = outside[..., 0], outside[..., 1]
    spread = np.sqrt(np.maximum(square - total * total / kept, 1e-12))  # N × bands
    rows = [np.ascontiguousarray(whole[:, row]) for row in range(VIEW_SIDE)]
    found: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    found_top: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    step = max(1, BAND_BLOCK // max(len(whole), 1))
    for start in range(0, len(whole) if leading is None else leading, step):
        block = slice(start, start + step if leading is None else min(start + step, leading))
        products = np.cumsum(np.stack([rows[row][block] @ rows[row][start:].T for row in range(VIEW_SIDE)]), axis=0)
        products = np.concatenate([np.zeros((1, *products.shape[1:]), np.float32), products])
        best = np.full(products.shape[1:], -1.0, dtype=np.float32)
        best_band = np.zeros(products.shape[1:], dtype=np.int64)
        for band, top in enumerate(tops):
            cross = products[-1] - (products[top + BAND_ROWS] - products[top])
            score = (cross - np.outer(total[block, band], total[start:, band]) / kept) / np.outer(
                spread[block, band], spread[start:, band]
            )
            best_band = np.where(score > best, band, best_band)
            best = np.maximum(best, score)
        first, second = np.nonzero(np.triu(best >= bar, 1))  # the block's own pairs sit on its diagonal
        found.append(np.stack([first + start, second + start], axis=1))
        found_top.append(tops[best_band[first, second]])
    return np.concatenate(found).astype(np.int64), np.concatenate(found_top)


def band_detail(prints: np.ndarray, pairs: np.ndarray, tops: np.ndarray) -> np.ndarray:
    """How well the fine detail (:func:`opensight._copies.detail`'s) of each pair's whole pictures agrees outside the
    band of :data:`BAND_ROWS` rows from ``tops`` that :func:`banded` left out."""
    involved, position = np.unique(pairs, return_inverse=True)  # only the pictures of these pairs
    fine = fine_detail(thumbnails(prints[involved]).astype(np.float32)) @ view_matrix()[: VIEW_SIDE * VIEW_SIDE].T
    position = position.reshape(pairs.shape)
    a, b = fine[position[:, 0]], fine[position[:, 1]]
    return correlation(a, b, _outside_band(tops))


def band_copies(prints: np.ndarray, found: np.ndarray, threshold: float, bar: float) -> np.ndarray:
    """Pairs (i < j) not among ``found`` that are copies with big text across one of them (:func:`_banded_copies`):
    their trimmed pictures, and then their whole pictures where trimming may have hidden it (:func:`untrimmed`: a
    flat design's plain sky trimmed, a banner over most of what is left). ``threshold`` is the check's bar (a band
    that lines up at it was only recoloured), ``bar`` the one the rest must reach (:data:`BAND_CHECK` at the check's
    default)."""
    with_text = _banded_copies(prints, threshold, bar, known=found)
    whole, unframed = untrimmed(prints)
    trimmed = np.any(whole != prints[:, : whole.shape[1]], axis=1)
    leading = unframed & trimmed  # pairs with one of these: the whole pictures differ from the trimmed ones
    if not leading.any():
        return with_text
    order = np.concatenate([np.flatnonzero(leading), np.flatnonzero(unframed & ~trimmed)])
    position = np.full(len(prints), -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    known = np.concatenate([found, with_text])
    known = position[known[(position[known] >= 0).all(axis=1)]]
    more = order[_banded_copies(whole[order], threshold, bar, known=known, leading=int(leading.sum()))]
    return np.concatenate([with_text, np.sort(more, axis=1)])


def _banded_copies(
    prints: np.ndarray, threshold: float, bar: float, *, known: np.ndarray, leading: int | None = None
) -> np.ndarray:
    """Pairs (i < j) not among ``known`` (with ``leading``: only those with one of the first ``leading`` pictures)
    whose pictures line up closely once a band of rows is left out (:func:`banded`), and so do the fine detail and
    the colours of the rest — outside the band where the band does not line up (a coloured banner), everywhere where
    it does (a part of a picture recoloured)."""
    pairs, tops = banded(prints, bar, leading)
    known = np.sort(known, axis=1)
    new = ~np.isin(pairs[:, 0] * len(prints) + pairs[:, 1], known[:, 0] * len(prints) + known[:, 1])
    pairs, tops = pairs[new], tops[new]
    if len(pairs):
        alike = band_detail(prints, pairs, tops) >= BAND_DETAIL
        pairs, tops = pairs[alike], tops[alike]
    if len(pairs):  # lined up whole to whole (view 0, neither turned), the colours outside the band
        lined_up = np.sum(whole_views(prints[pairs[:, 0]]) * whole_views(prints[pairs[:, 1]]), axis=1)
        written = lined_up < threshold  # else the band lines up too: only recoloured there
        left_out = _band_cells(tops) & written[:, None]
        whole, neither = whole_boxes(len(pairs))[:, 0], np.zeros(len(pairs), dtype=bool)
        pairs = pairs[colour_distance(prints, pairs, whole, neither, left_out) <= COLOUR]
    return pairs


def written_copies(prints: np.ndarray, pairs: np.ndarray, cosine: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Pairs (i < j) among the candidate ``pairs`` not ``known`` where text or a banner written across a product on a
    black or white background (:func:`on_plain`) changed what trimming left of one of them: the two pictures have one
    shape, and one picture's trimmed part, seen where it lies in the other's whole picture (:func:`trim_boxes`), lines
    up with it once a band of rows is left out (:func:`_band_scores`), and so do its fine detail and colours. Only
    each picture's :data:`WRITTEN_EACH` candidates of closest embeddings are compared."""
    none = np.zeros((0, 2), dtype=np.int64)
    if not len(pairs):
        return none
    whole, _ = untrimmed(prints)
    box = trim_boxes(prints).astype(np.float64)
    known_keys = np.sort(known, axis=1) @ np.array([len(prints), 1])
    plain = on_plain(whole)
    shaped = np.abs(shapes(whole)[pairs[:, 0]] - shapes(whole)[pairs[:, 1]]) <= WRITTEN_SHAPE
    moved = np.abs(box[pairs[:, 0]] - box[pairs[:, 1]]).max(axis=1) > WRITTEN_MOVED
    rows = np.flatnonzero(
        plain[pairs[:, 0]]
        & plain[pairs[:, 1]]
        & shaped
        & moved
        & ~np.isin(pairs @ np.array([len(prints), 1]), known_keys)
    )
    rows = best_each(pairs, cosine, rows, WRITTEN_EACH)
    if not len(rows):
        return none
    trimmed, other = np.concatenate([pairs[rows, 0], pairs[rows, 1]]), np.concatenate([pairs[rows, 1], pairs[rows, 0]])
    involved, position = np.unique(np.concatenate([trimmed, other]), return_inverse=True)
    a, b = position[: len(trimmed)], position[len(trimmed) :]
    images = thumbnails(whole[involved]).astype(np.float32).reshape(-1, PRINT_SIDE, PRINT_SIDE)
    boxes = np.concatenate([box[trimmed], np.tile([0.0, 0.0, 1.0], (len(trimmed), 1))], axis=1)[:, None]
    seen = normalised(sample(images[b], boxes)[:, 0])
    mine = normalised(sample(images[a], boxes)[:, 0])  # from the whole picture too: blurred alike
    scores, tops = _band_scores(mine, seen)
    close = scores >= BAND_CHECK
    if close.any():
        fine = fine_detail(images.reshape(len(images), -1)).reshape(images.shape)
        fine_seen = sample(fine[b[close]], boxes[close])[:, 0]
        fine_mine = sample(fine[a[close]], boxes[close])[:, 0]
        close[close] = correlation(fine_mine, fine_seen, _outside_band(tops[close])) >= BAND_DETAIL
    if close.any():  # the other's whole picture seen through the box, against the trimmed part, outside the band
        both = np.concatenate([prints[:, :PART_SIZE], whole])
        lined = np.stack([other[close] + len(prints), trimmed[close]], axis=1)
        unturned = np.zeros(len(lined), dtype=bool)
        close[close] = colour_distance(both, lined, boxes[close][:, 0], unturned, _band_cells(tops[close])) <= COLOUR
    found = np.sort(np.stack([trimmed[close], other[close]], axis=1), axis=1)
    return np.unique(found, axis=0) if len(found) else none


def on_plain(whole: np.ndarray) -> np.ndarray:
    """Whether each picture (its whole print) is a product on a black or white background: most of its edge is that
    one shade (a banner or text written across it may reach the edge)."""
    images = thumbnails(whole).reshape(-1, PRINT_SIDE, PRINT_SIDE)
    edge = np.concatenate([images[:, 0], images[:, -1], images[:, :, 0], images[:, :, -1]], axis=1)
    shade = np.median(edge, axis=1)
    near = np.mean(np.abs(edge - shade[:, None]) <= WRITTEN_SHADE, axis=1)
    return np.asarray(((shade <= SCREEN_SHADES[0]) | (shade >= SCREEN_SHADES[1])) & (near >= WRITTEN_EDGE))


def _band_cells(tops: np.ndarray) -> np.ndarray:
    """K × 16: the colour cells (4×4, row-major) that the band of :data:`BAND_ROWS` rows from each of ``tops``
    touches."""
    cell_rows = np.arange(COLOUR_CELLS) * (VIEW_SIDE // COLOUR_CELLS)  # the first row of each row of cells
    band = (cell_rows[None, :] + VIEW_SIDE // COLOUR_CELLS > tops[:, None]) & (
        cell_rows[None, :] < tops[:, None] + BAND_ROWS
    )
    return np.repeat(band, COLOUR_CELLS, axis=1)


def _outside_band(tops: np.ndarray) -> np.ndarray:
    """K × 256: the pixels of a 16×16 view outside the band of :data:`BAND_ROWS` rows from each of ``tops``."""
    outside = np.arange(VIEW_SIDE)[None, :] - tops[:, None]
    return np.repeat((outside < 0) | (outside >= BAND_ROWS), VIEW_SIDE, axis=1)


def _band_scores(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The best correlation of each pair of 16×16 views (K × 256) outside a band of :data:`BAND_ROWS` rows inside
    them (as :func:`banded`), and the band's top row."""
    tops = np.arange(BAND_EDGE, VIEW_SIDE - BAND_EDGE - BAND_ROWS + 1)
    scores = np.stack([correlation(x, y, _outside_band(np.full(len(x), top))) for top in tops], axis=1)
    return scores.max(axis=1), tops[scores.argmax(axis=1)]


__all__ = [
    "BAND_CHECK",
    "BAND_DETAIL",
    "BAND_EDGE",
    "BAND_ROWS",
    "band_copies",
    "band_detail",
    "banded",
    "on_plain",
    "written_copies",
]
