"""Finding copies of a picture: the same picture resized, re-saved, cropped, straightened, turned a quarter,
brightened, contrast changed, mirrored, framed in a screenshot or with text added — and NOT a different picture of
the same kind of thing.

Each picture keeps a *print*: a 32×32 grayscale thumbnail (squashed to a square), the mean colour of each cell of an 8×8
grid and its shape (5 KB), computed once per file content and cached in the store next to the embedding. From the
prints:

- a perceptual hash (pHash: the signs of the 8×8 lowest DCT frequencies against their median, 64 bits; the same recipe
  as ImageHash's ``phash``) finds re-saves, resizes and brightness changes, and the hash of the print turned a quarter
  finds them saved sideways (the embedding sees another picture there);
- a geometric check: each print is resampled into a hundred 16×16 *views* (crops of several sizes and places, one
  side cut off, the middle of the long side, small rotations and quarter turns, the mirror image:
  :mod:`opensight._copy_views`), each normalised to zero mean and unit
  length; the whole of one picture is compared with every view of the other (a normalised correlation, one matrix
  product). A crop, a frame around a screenshot or a straightened photo lines up with one of the views; a different
  picture does not. A crop or a turn from between two views (they come in steps) is then lined up finely
  (:mod:`opensight._copy_align`), and for that freedom needs to line up more closely still (``REFINED``,
  ``TURN_REFINED``).

- a colour check: the chromaticity (each colour's share of R+G+B) of the 4×4 cells, compared by hue; a copy keeps its
  hues (brighter, darker, faded or more contrasted, but not another hue), while the day and night variants of one
  wallpaper or one design in other colours share their structure and not their colours. The median of the cells that
  have a colour in either picture (the white around an icon says nothing) must differ by at most ``COLOUR``, or by at
  most ``FILTERED`` once a warm or cool filter's cast (one gain per channel) is taken out; when either picture is
  (nearly) gray — a black-and-white copy — colour is not compared (:mod:`opensight._copy_colours`).

- a detail check, for pairs that only the geometric check (not the hash) vouches for: the same correlation on the
  thumbnails less their blur, lined up the same way. Two shots of one landscape share the sky and the horizon,
  which is most of a small thumbnail; a copy also shares the detail.

The check leaves out the tenth of the lined-up pixels that differ most (added text, a logo). Big text across a
third of a copy is more than that, and it changes the embedding too: every pair of whole pictures is also compared
leaving out one band of rows inside them (:func:`banded`), and then needs the rest and its fine detail to line up
closely; and so are the whole pictures, untrimmed, where what trimming took is not a frame (a flat design's plain
sky: the banner over a copy may cover most of what is left of it). Plain rows and columns at the edges (a border,
a window frame, a title bar, and then a product's plain background inside such a frame) are trimmed before the print
is taken (:mod:`opensight._copy_prints`).
A pair is a copy when the colours agree and (pHash distance ≤ ``HASH_BITS`` and the check agrees) or (the embeddings
are not far apart, the check agrees closely and so does the detail) or (all but one band of rows of the whole
pictures agrees more closely still, and so does its detail). The embedding alone says "about the same thing",
which is how look-alike products merged before; the check alone is fooled by plain layouts; with the detail, they
say "the same picture".
Copies are grouped by their pairs, and copies of one picture are copies of each other. Look-alike products pass the
checks a few pairs at a time and join in a chain: a group with few of its pairs found keeps only its near-exact pairs
(:data:`opensight._copy_groups.DENSE`), and the looser copies that pair with most of one picture's near-exact copies
and few of any other's (:func:`opensight._copy_groups.joined`); but where the chain holds communities — copies of one
picture, most of them paired with each other — each keeps its pairs, and the few that link it to the rest are cut
(:func:`opensight._copy_groups.communities`).
Thresholds were chosen on copies of the mate-backgrounds nature photos (bench/_quality_copies.py) and checked on
gnome-backgrounds, scikit-image/scikit-learn samples, Fashion-MNIST look-alikes and ukui wallpapers; the detail
check was added for the left and right halves of lomiri-wallpapers landscapes, and checked on plasma wallpapers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from opensight._copy_align import normalised, refine, sample, sides, view_box_array, whole_boxes
from opensight._copy_colours import COLOUR, colour_distance
from opensight._copy_groups import chained, communities, joined
from opensight._copy_prints import PART_SIZE, PRINT_SIDE, SCREEN_SHADES, shapes, thumbnails, trim_boxes, untrimmed
from opensight._copy_views import (
    COLOUR_CELLS,
    VIEW_SIDE,
    view_boxes,
    view_matrix,
    view_shapes,
    view_turns,
)

#: How many bits are set in each byte value (Hamming distances of packed hashes, without unpacking them 8-fold).
_BITS_SET = np.array([bin(value).count("1") for value in range(256)], dtype=np.uint8)
#: Pairs compared at once by the geometric check (about 80 MB of views).
CHECK_BLOCK = 1024
#: Pictures whose views are computed at once (in float32, then kept in float16).
VIEW_BLOCK = 1024
#: Share of the lined-up pixels the check leaves out (where text or a logo was added).
OUTLIERS = 0.1

#: pHash Hamming distance (of 64 bits) at or below which two pictures are copies when the check also agrees.
HASH_BITS = 8
#: Correlation the check needs to confirm a hash match. Copies the hash finds (re-saves, resizes, brightness) line
#: up at 0.99 or more; at 0.80 the two halves of a tiled texture or of a pattern (same hash) were grouped. 0.80 → 0.95
#: on the copies benchmark: GNOME wallpapers precision 0.767 → 0.870 for recall 0.734 → 0.727; recall on the other
#: sources 0 to 0.6 points lower, precision the same (the held-out plasma wallpapers: 0.936 / 0.922 → 0.936 / 0.920).
HASH_CHECK = 0.95
#: Embedding cosine from which a pair is checked geometrically (candidates for crop/frame/text copies).
EMBEDDING_GATE = 0.50
#: Correlation the check needs for a copy that the hash missed (crops, frames, rotations, added text).
CHECK = 0.96
#: Correlation of the fine detail (:func:`detail`) a copy that the hash missed also needs. Copies of photos came
#: out at 0.79 or more for 99 pairs in 100; the left and right 60% of one landscape (a pan) at 0.76 or less.
DETAIL = 0.76
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
#: … and the correlation of the rest's fine detail (:func:`detail`, the band left out). On the copies benchmark these
#: found 46-304 more pairs of copies per photo source and no pair of different pictures; with the fine detail at 0.6
#: instead, 73 pairs of different ukui pictures passed.
BAND_DETAIL = 0.7
#: Pairs of whole pictures compared at once by :func:`banded` (its matrices: 16 × this many float32s).
BAND_BLOCK = 1 << 19
#: The check and the detail of a near-exact copy (a re-save, a resize, a mirror image, a brightness change): 483 of
#: the catalogue's 500 pairs of copies scored as much, and 17 of its 1.26 million pairs of look-alikes.
NEAR_EXACT = (0.98, 0.97)
#: A view that changes the shape (one side cut off) lines a pair up only where the shapes fit within this (the log of
#: the aspect ratios): a crop of 10% from one side changes it by 0.105, and the views come in steps of 5%. At 0.06
#: the catalogue of look-alike items lost 5 points of precision (0.899 → 0.850); at 0.03 a crop of 23% off one side
#: of a photo on black was missed (a new user's second trial).
SHAPE_SLACK = 0.045
#: … and it needs the check to agree this much more closely: one side cut off from a photo lined up at 0.98 or
#: more (mate, lomiri, ukui), so the freedom these views add is not given to pairs that barely line up.
RESHAPED = 0.02
#: A candidate pair whose best view is a crop and lines up at this or more, but not as a copy, is lined up finely
#: (:func:`_refined`): a crop from between two views. A probe of 43 photos (gcompris-qt-data monuments, KDE palapeli),
#: each cropped 8 ways at random places (60-80% of each side, or 90×60%, 60×90%, 80×65%): their nearest views lined
#: them up at 0.87-0.98 (medians); with 0.8 rather than 0.85, 13 more of the 344 crops lined up as copies. A second
#: probe of crops keeping 55-75% of each side (31 other photos: gcompris-qt-data details, palapeli): with 0.7 rather
#: than 0.8, 90 → 107 of 155 (their nearest views: 0.63-0.8); the pairs of different pictures searched that then
#: passed the bars stayed the same (GNOME none, ukui none, the catalogue 39 of 17,000).
REFINE_FROM = 0.7
#: … at most this many pairs of each picture, those lined up best: a catalogue of 2,500 look-alike products had
#: 366,000 pairs lined up at 0.85 (searching every one ran out of memory on 24 GB), a photo's crop pairs with its
#: original and its other copies.
REFINE_EACH = 4
#: The correlation and the fine detail a pair lined up finely needs (at the default ``threshold``; the first moves with
#: it). The probe's crops, lined up finely: medians 0.99-1.00 and 0.88-0.97. Pairs of different pictures that the
#: search lined up better: of a sample of 30,000 of the Fashion-MNIST catalogue's, 4 reached these (18 at 0.98 and
#: 0.9; 21 at 0.985 and 0.76); none of GNOME's, plasma's, tuxtype's or the look-alikes' (GNOME's day and night
#: designs: 211 pairs at 0.76, none at 0.8). Chosen on the probe, these and mate, before the benchmark was run.
REFINED = (0.985, 0.9)
#: … and the correlation a pair lined up through a turned box needs (the search turns the box too: a photo turned
#: 4-6° and cut straight lined up a degree or so away from the views' 3° and 6°, with its fine detail under the bar).
#: A probe of 49 photos (gcompris-qt-data's explore pictures) with two turns each, 1.5-7.5° either way, cut to the
#: largest straight rectangle or keeping the shape: the turned copies lined up finely at 0.997 or more (fine detail
#: 0.91 or more), and of the Fashion-MNIST catalogue's pairs of different items, those that lined up turned at 0.993
#: at most (11 at 0.985: turning lets look-alikes line up more closely).
TURN_REFINED = 0.995
#: … but a box whose side (the geometric mean of its width and height) is under the first of these needs the fine
#: detail only at the second: such a box holds under 22 of the print's 32 pixels a side, so the detail it gives is
#: blurred by the resampling, while the crop's own print has it at full size. The probe's crops refined to 0.985 with
#: boxes under 0.7 had fine detail of 0.80-0.93 (crops keeping 60% of each side: 9 of 31 at 0.9, 21 at 0.85). Pairs
#: of different pictures lined up through such boxes: 2 of the catalogue's 1,902 searched reached 0.85 (none 0.9),
#: none of GNOME's (a wood design's light and dark variants, one a zoom of the other: 0.80-0.815).
SMALL_BOX = (0.7, 0.85)
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


def phash_bits(prints: np.ndarray, *, turned: bool = False) -> np.ndarray:
    """64-bit perceptual hashes (as N×64 booleans) of N prints, or of their thumbnails turned a quarter (a copy
    saved sideways has the hash of its original turned)."""
    dct = _dct_matrix(PRINT_SIDE)
    images = thumbnails(prints).reshape(-1, PRINT_SIDE, PRINT_SIDE).astype(np.float64)
    if turned:
        images = np.rot90(images, axes=(1, 2))
    low = np.einsum("ij,njk,lk->nil", dct[:8], images, dct[:8])  # the 8×8 lowest frequencies
    flat = low.reshape(len(images), 64)
    return np.asarray(flat > np.median(flat, axis=1, keepdims=True))


def hash_distance(bits: np.ndarray, pairs: np.ndarray, turned: np.ndarray | None = None) -> np.ndarray:
    """Hamming distances of the hashes of each pair (``pairs``: K×2 indices); with ``turned`` (the hashes of the
    pictures turned a quarter, :func:`phash_bits`), the least of that and of either picture turned against the
    other (a turn one way or the other)."""
    distance = np.count_nonzero(bits[pairs[:, 0]] != bits[pairs[:, 1]], axis=1)
    if turned is not None:
        one_way = np.count_nonzero(turned[pairs[:, 0]] != bits[pairs[:, 1]], axis=1)
        other_way = np.count_nonzero(bits[pairs[:, 0]] != turned[pairs[:, 1]], axis=1)
        distance = np.minimum(distance, np.minimum(one_way, other_way))
    return np.asarray(distance)


def views(prints: np.ndarray) -> np.ndarray:
    """N×V×256 normalised views of N prints (float16: 39 KB a picture); view 0 is the whole picture."""
    matrix = view_matrix()
    out = np.empty((len(prints), len(view_boxes()), VIEW_SIDE * VIEW_SIDE), dtype=np.float16)
    for start in range(0, len(prints), VIEW_BLOCK):  # a block at a time in float32
        flat = thumbnails(prints[start : start + VIEW_BLOCK]).astype(np.float32) @ matrix.T  # n × (V·256)
        out[start : start + VIEW_BLOCK] = normalised(flat.reshape(len(flat), -1, VIEW_SIDE * VIEW_SIDE))
    return out


def check(view: np.ndarray, pairs: np.ndarray, shape: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The geometric agreement of each pair: the best correlation of one picture's whole with a view of the other,
    leaving out the tenth of the pixels that differ most (added text, a logo) once they are lined up; which view
    that was; and whether it was a view of the SECOND picture (``turned``). A view that changes the shape (one side
    cut off) is only taken where the pictures' shapes (``shape``: :func:`shapes` of the prints) say so. The
    lined-up pairs are compared
    :data:`CHECK_BLOCK` at a time: a folder of near-identical pictures makes every pair a candidate (500 video
    frames: 125,000 pairs)."""
    best = np.full(len(pairs), -1.0, dtype=np.float32)
    chosen_view = np.zeros(len(pairs), dtype=np.int64)
    turned = np.zeros(len(pairs), dtype=bool)
    for one, two in ((0, 1), (1, 0)):
        chosen = _best_views(view, pairs[:, one], pairs[:, two], shape)
        score = np.empty(len(pairs), dtype=np.float32)
        for start in range(0, len(pairs), CHECK_BLOCK):
            block = slice(start, start + CHECK_BLOCK)
            viewed = view[pairs[block, one], chosen[block]].astype(np.float32)
            score[block] = _robust(viewed, view[pairs[block, two], 0].astype(np.float32))
        better = score > best
        chosen_view = np.where(better, chosen, chosen_view)
        turned = np.where(better, one == 1, turned)
        best = np.maximum(best, score)
    return best, chosen_view, turned


def _best_views(view: np.ndarray, viewed: np.ndarray, whole: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """For each pair, the view of picture ``viewed[k]`` that correlates best with picture ``whole[k]``, among the
    views whose shape fits (:data:`SHAPE_SLACK`): one matrix product per viewed picture, whose views are made float32
    once (gathering and converting every pair's views took 17 of 30 s on 1,000 look-alike products)."""
    chosen = np.zeros(len(viewed), dtype=np.int64)
    changes, turns = view_shapes(), view_turns()
    reshaping = _reshaping()
    order = np.argsort(viewed, kind="stable")
    pictures, starts = np.unique(viewed[order], return_index=True)
    for picture, rows in zip(pictures, np.split(order, starts[1:]), strict=True):
        wholes = view[whole[rows], 0].astype(np.float32)
        scores = wholes @ view[picture].astype(np.float32).T
        seen = np.where(turns, -shape[picture], shape[picture])  # the viewed picture's shape through each view
        misfit = np.abs(seen + changes[None, :] - shape[whole[rows], None]) > SHAPE_SLACK
        scores[misfit & reshaping] = -1.0
        chosen[rows] = scores.argmax(axis=1)
    return chosen


def _reshaping() -> np.ndarray:
    """Whether each view changes the shape (one side cut off, a quarter turn): such views need the shapes to fit."""
    return np.asarray((view_shapes() != 0) | view_turns())


def banded(prints: np.ndarray, bar: float, leading: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j, K×2) whose whole pictures line up at ``bar`` or more once one band of :data:`BAND_ROWS` rows
    inside them is left out — where big text was written across a copy — and the top row of that band for each.
    Every pair is compared (with ``leading``: only the pairs with one of the first ``leading`` pictures),
    :data:`BAND_BLOCK` at a time: one matrix product per row of the 16×16 whole views, then each band's correlation
    from the rows' sums."""
    whole = _whole_views(prints).reshape(len(prints), VIEW_SIDE, VIEW_SIDE)
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


def _whole_views(prints: np.ndarray) -> np.ndarray:
    """N×256 whole views of N prints (view 0 of :func:`views`, in float32)."""
    return normalised(thumbnails(prints).astype(np.float32) @ view_matrix()[: VIEW_SIDE * VIEW_SIDE].T)


def detail(prints: np.ndarray, pairs: np.ndarray, boxes: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """How well the fine detail agrees once each pair is lined up as :func:`check` lined it up (``boxes``: K × 7, the
    box of its view, :func:`opensight._copy_align.view_box_array`, or a finer one): the same robust correlation on
    the thumbnails less their blur (σ = 1 pixel). Copies keep their detail; two photos of one scene (a pan, a burst)
    or one design in other pictures share the broad layout — sky, horizon, a gradient — and not the detail."""
    if not len(pairs):
        return np.zeros(0, dtype=np.float32)
    involved, position = np.unique(pairs, return_inverse=True)  # only the pictures of these pairs
    fine = _fine(thumbnails(prints[involved]).astype(np.float32)).reshape(-1, PRINT_SIDE, PRINT_SIDE)
    viewed, whole = sides(position.reshape(pairs.shape), turned)
    a = sample(fine[viewed], boxes[:, None])[:, 0]
    b = sample(fine[whole], whole_boxes(len(pairs)))[:, 0]
    return _robust(a, b)


def band_detail(prints: np.ndarray, pairs: np.ndarray, tops: np.ndarray) -> np.ndarray:
    """How well the fine detail (:func:`detail`'s) of each pair's whole pictures agrees outside the band of
    :data:`BAND_ROWS` rows from ``tops`` that :func:`banded` left out."""
    involved, position = np.unique(pairs, return_inverse=True)  # only the pictures of these pairs
    fine = _fine(thumbnails(prints[involved]).astype(np.float32)) @ view_matrix()[: VIEW_SIDE * VIEW_SIDE].T
    position = position.reshape(pairs.shape)
    a, b = fine[position[:, 0]], fine[position[:, 1]]
    return _correlation(a, b, _outside_band(tops))


def _fine(thumbnails: np.ndarray) -> np.ndarray:
    """N flat thumbnails less their Gaussian blur (σ = 1 pixel, edges reflected): the fine detail."""
    kernel = np.exp(-0.5 * np.arange(-3, 4) ** 2)
    kernel /= kernel.sum()
    images = thumbnails.reshape(-1, PRINT_SIDE, PRINT_SIDE)
    padded = np.pad(images, [(0, 0), (3, 3), (3, 3)], "symmetric")
    down = sum(weight * padded[:, k : k + PRINT_SIDE, :] for k, weight in enumerate(kernel))
    blurred = sum(weight * down[:, :, k : k + PRINT_SIDE] for k, weight in enumerate(kernel))
    return np.asarray((images - blurred).reshape(len(thumbnails), -1), dtype=np.float32)


def _robust(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Row-wise correlation of ``x`` and ``y`` over the pixels outside the largest ``OUTLIERS`` share of differences."""
    gap = np.abs(x - y)
    return _correlation(x, y, gap <= np.quantile(gap, 1 - OUTLIERS, axis=1, keepdims=True))


def _correlation(x: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Row-wise correlation of ``x`` and ``y`` over the pixels where ``keep`` is true."""
    count = keep.sum(axis=1, keepdims=True)
    x = np.where(keep, x - (x * keep).sum(axis=1, keepdims=True) / count, 0)
    y = np.where(keep, y - (y * keep).sum(axis=1, keepdims=True) / count, 0)
    norms = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
    return np.asarray((x * y).sum(axis=1) / np.maximum(norms, 1e-6), dtype=np.float32)


def copy_pairs(
    embeddings: np.ndarray, prints: np.ndarray, *, threshold: float = CHECK, gate: float = EMBEDDING_GATE
) -> list[tuple[int, int]]:
    """Index pairs (i < j) of pictures that are copies of each other (``embeddings``: unit-length rows).

    ``threshold`` is the check's bar for a pair the hash missed; a hash match needs ``threshold`` less
    ``CHECK - HASH_CHECK``. ``gate``: the embedding cosine from which a pair the hash missed is checked at all (a
    folder of one kind of thing — a class of taught examples — passes the default gate for half its pairs).
    """
    count = len(prints)
    if count < 2:
        return []
    bits, turned = phash_bits(prints), phash_bits(prints, turned=True)
    pairs, cosine = _candidates(embeddings, bits, turned, gate)
    checked = _checked(prints, hash_distance(bits, pairs, turned), pairs, cosine, threshold=threshold, gate=gate)
    found = pairs[checked.copies]
    with_text = _band_copies(prints, found, threshold)
    with_text = np.concatenate([with_text, _written_copies(prints, pairs, cosine, np.concatenate([found, with_text]))])
    found = np.concatenate([found, with_text])
    loose = chained(count, found)
    near_exact = np.zeros(len(found), dtype=bool)
    checked_loose = np.flatnonzero(loose[: len(found) - len(with_text)])
    if len(checked_loose):  # look-alikes joined pair by pair: only their near-exact pairs stay
        near_exact[checked_loose] = checked.near_exact(checked_loose)
    inside, cut = communities(count, found, loose, near_exact)  # cores: near-exact by the check, not by big text
    loose &= ~inside
    near_exact[len(found) - len(with_text) :] = True  # as strict: two textures with the same big text chain by it
    kept = found[(~loose | near_exact | joined(count, found, loose, near_exact)) & ~cut]
    return sorted((int(i), int(j)) for i, j in kept)


def _candidates(
    embeddings: np.ndarray, bits: np.ndarray, turned: np.ndarray, gate: float
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j) whose embeddings are not far apart (cosine ≥ ``gate``) or whose hashes are close, one of
    them turned a quarter or not (``turned``: the hashes of the turned pictures; a photo saved sideways is seen by
    the embedding as another picture: cosines 0.3-0.5 for 19 of 43 photos), and their cosines."""
    count = len(bits)
    candidates: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    cosines: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
    packed, packed_turned = np.packbits(bits, axis=1), np.packbits(turned, axis=1)  # N × 8 bytes
    rows = max(1, min(512, (8 << 20) // count))  # a block's hash differences stay under 64 MB at any count
    for start in range(0, count, rows):
        block = slice(start, start + rows)
        similar = embeddings[block] @ embeddings.T
        close = (similar >= gate) | (_differ(packed[block], packed) <= HASH_BITS)  # symmetric
        turned_close = _differ(packed_turned[block], packed) <= HASH_BITS  # this block's pictures turned
        first, second = np.nonzero(close | turned_close)
        # above the diagonal, and below it where only this turn finds the pair (the other picture's block compares
        # it turned, which is the other way round); a pair found turned both ways (a pattern that a half turn keeps)
        # comes twice, and np.unique keeps it once
        row = first + start
        kept = (row < second) | ((row > second) & ~close[first, second])
        first, second, row = first[kept], second[kept], row[kept]
        candidates.append(np.stack([np.minimum(row, second), np.maximum(row, second)], axis=1))
        cosines.append(similar[first, second])
    pairs, cosine = np.concatenate(candidates).astype(np.int64), np.concatenate(cosines)
    _, once = np.unique(pairs[:, 0] * count + pairs[:, 1], return_index=True)  # in order, each pair once
    return pairs[once], cosine[once]


def _differ(packed: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The Hamming distances of packed hashes, each of ``packed`` against each of ``others``."""
    return np.asarray(_BITS_SET[packed[:, None, :] ^ others[None, :, :]].sum(axis=2, dtype=np.int32))


@dataclass(frozen=True)
class _Checked:
    """What the hash, the geometric check and the detail say of the candidate ``pairs``: which are ``copies``, and
    how each pair was lined up (to tell whether some of the copies are near-exact, for
    :data:`opensight._copy_groups.DENSE`)."""

    prints: np.ndarray
    pairs: np.ndarray
    copies: np.ndarray
    agree: np.ndarray
    boxes: np.ndarray
    turned: np.ndarray
    refined: np.ndarray

    def near_exact(self, among_copies: np.ndarray) -> np.ndarray:
        """Whether these copies (positions among the pairs that are copies) are near-exact: a crop lined up finely
        (:func:`_refined`) is not, however closely it lines up."""
        chosen = np.flatnonzero(self.copies)[among_copies]
        fine = detail(self.prints, self.pairs[chosen], self.boxes[chosen], self.turned[chosen])
        close = (self.agree[chosen] >= NEAR_EXACT[0]) & (fine >= NEAR_EXACT[1])
        return np.asarray(close & ~self.refined[chosen])


def _checked(
    prints: np.ndarray, hashed: np.ndarray, pairs: np.ndarray, cosine: np.ndarray, *, threshold: float, gate: float
) -> _Checked:
    """Which candidate pairs are copies: the colours agree and (the hash is close and the check agrees) or (the
    embeddings are not far apart, the check agrees closely and so does the detail) or (lined up finely, they agree
    more closely still: :func:`_refined`)."""
    if not len(pairs):
        empty = np.zeros(0, dtype=bool)
        return _Checked(prints, pairs, empty, np.zeros(0, np.float32), np.zeros((0, 7)), empty, empty)
    involved = np.unique(pairs)
    position = np.full(len(prints), -1, dtype=np.int64)
    position[involved] = np.arange(len(involved))
    agree, chosen_view, turned = check(views(prints[involved]), position[pairs], shapes(prints[involved]))
    boxes = view_box_array()[chosen_view]
    bar = threshold + np.where(_reshaping()[chosen_view], RESHAPED, 0.0)
    by_hash = (hashed <= HASH_BITS) & (agree >= bar - (CHECK - HASH_CHECK))
    copies = by_hash | ((cosine >= gate) & (agree >= bar))
    by_check = copies & ~by_hash
    if by_check.any():  # the check alone also needs the fine detail to agree
        copies[by_check] = detail(prints, pairs[by_check], boxes[by_check], turned[by_check]) >= DETAIL
    crop = (np.abs(boxes[:, 4]) < 45) & (boxes[:, 5] == 0)  # not turned a quarter, not mirrored
    promising = np.flatnonzero(~copies & (cosine >= gate) & (agree >= REFINE_FROM) & crop)
    refined = _best_each(pairs, agree, promising, REFINE_EACH)
    refined = refined[_refined(prints, pairs, refined, agree, boxes, turned, threshold)]
    copies[refined] = True
    if copies.any():  # only the pairs that line up: their colours, lined up the same way, must agree too
        copies[copies] = colour_distance(prints, pairs[copies], boxes[copies], turned[copies]) <= COLOUR
    return _Checked(prints, pairs, copies, agree, boxes, turned, np.isin(np.arange(len(pairs)), refined))


def _best_each(pairs: np.ndarray, score: np.ndarray, rows: np.ndarray, each: int) -> np.ndarray:
    """The ``rows`` (of ``pairs``) that are among the ``each`` of highest ``score`` of one of their pictures' (in
    order): a catalogue of look-alike products would have every pair lined up finely, or compared past its trim."""
    ranked = np.zeros((len(rows), 2), dtype=np.int64)
    for side in (0, 1):
        order = np.lexsort((-score[rows], pairs[rows, side]))
        picture = pairs[rows[order], side]
        first = np.r_[0, np.flatnonzero(picture[1:] != picture[:-1]) + 1]
        ranked[order, side] = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    return np.asarray(rows[ranked.min(axis=1) < each])


def _refined(
    prints: np.ndarray,
    pairs: np.ndarray,
    rows: np.ndarray,
    agree: np.ndarray,
    boxes: np.ndarray,
    turned: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """Which of the candidate ``pairs`` at ``rows`` line up as copies once lined up finely
    (:func:`opensight._copy_align.refine`: a crop from between two views): at :data:`REFINED` — more closely than a
    view must, for the freedom the search adds. Their ``agree`` and ``boxes`` (at ``rows``) are updated in place."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    involved, position = np.unique(pairs[rows], return_inverse=True)
    images = thumbnails(prints[involved]).astype(np.float32).reshape(-1, PRINT_SIDE, PRINT_SIDE)
    viewed, whole = sides(position.reshape(-1, 2), turned[rows])
    shape = shapes(prints[involved]).astype(np.float64)
    found = refine(images[viewed], images[whole], boxes[rows], shape[whole] - shape[viewed], shape[viewed])
    seen = normalised(sample(images[viewed], found[:, None])[:, 0])
    lined_up = _robust(seen, normalised(sample(images[whole], whole_boxes(len(rows)))[:, 0]))
    bar = np.minimum(1.0, threshold + np.where(found[:, 4] != 0, TURN_REFINED, REFINED[0]) - CHECK)
    close = lined_up >= bar
    small = np.sqrt(found[close, 2] * found[close, 3]) < SMALL_BOX[0]
    bar_detail = np.where(small, SMALL_BOX[1], REFINED[1])
    close[close] = detail(prints, pairs[rows[close]], found[close], turned[rows[close]]) >= bar_detail
    agree[rows[close]], boxes[rows[close]] = lined_up[close], found[close]
    return close


def _band_copies(prints: np.ndarray, found: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs (i < j) not among ``found`` that are copies with big text across one of them (:func:`_banded_copies`):
    their trimmed pictures, and then their whole pictures where trimming may have hidden it (:func:`untrimmed`: a
    flat design's plain sky trimmed, a banner over most of what is left)."""
    with_text = _banded_copies(prints, threshold, known=found)
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
    more = order[_banded_copies(whole[order], threshold, known=known, leading=int(leading.sum()))]
    return np.concatenate([with_text, np.sort(more, axis=1)])


def _banded_copies(
    prints: np.ndarray, threshold: float, *, known: np.ndarray, leading: int | None = None
) -> np.ndarray:
    """Pairs (i < j) not among ``known`` (with ``leading``: only those with one of the first ``leading`` pictures)
    whose pictures line up closely once a band of rows is left out (:func:`banded`), and so do the fine detail and
    the colours of the rest — outside the band where the band does not line up (a coloured banner), everywhere where
    it does (a part of a picture recoloured)."""
    pairs, tops = banded(prints, min(1.0, threshold + BAND_CHECK - CHECK), leading)
    known = np.sort(known, axis=1)
    new = ~np.isin(pairs[:, 0] * len(prints) + pairs[:, 1], known[:, 0] * len(prints) + known[:, 1])
    pairs, tops = pairs[new], tops[new]
    if len(pairs):
        alike = band_detail(prints, pairs, tops) >= BAND_DETAIL
        pairs, tops = pairs[alike], tops[alike]
    if len(pairs):  # lined up whole to whole (view 0, neither turned), the colours outside the band
        lined_up = np.sum(_whole_views(prints[pairs[:, 0]]) * _whole_views(prints[pairs[:, 1]]), axis=1)
        written = lined_up < threshold  # else the band lines up too: only recoloured there
        left_out = _band_cells(tops) & written[:, None]
        whole, neither = whole_boxes(len(pairs))[:, 0], np.zeros(len(pairs), dtype=bool)
        pairs = pairs[colour_distance(prints, pairs, whole, neither, left_out) <= COLOUR]
    return pairs


def _written_copies(prints: np.ndarray, pairs: np.ndarray, cosine: np.ndarray, known: np.ndarray) -> np.ndarray:
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
    rows = _best_each(pairs, cosine, rows, WRITTEN_EACH)
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
        fine = _fine(images.reshape(len(images), -1)).reshape(images.shape)
        fine_seen = sample(fine[b[close]], boxes[close])[:, 0]
        fine_mine = sample(fine[a[close]], boxes[close])[:, 0]
        close[close] = _correlation(fine_mine, fine_seen, _outside_band(tops[close])) >= BAND_DETAIL
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
    scores = np.stack([_correlation(x, y, _outside_band(np.full(len(x), top))) for top in tops], axis=1)
    return scores.max(axis=1), tops[scores.argmax(axis=1)]


@lru_cache(maxsize=1)
def _dct_matrix(side: int) -> np.ndarray:
    k = np.arange(side)[:, None]
    n = np.arange(side)[None, :]
    return np.asarray(np.cos(np.pi * (2 * n + 1) * k / (2 * side)))
