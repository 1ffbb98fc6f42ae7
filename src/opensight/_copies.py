"""Finding copies of a picture: the same picture resized, re-saved, cropped, straightened, brightened, mirrored,
framed in a screenshot or with text added — and NOT a different picture of the same kind of thing.

Each picture keeps a *print*: a 32×32 grayscale thumbnail (squashed to a square) and the mean colour of each cell
of a 4×4 grid (4 KB), computed once per file content and cached in the store next to the embedding. From the prints:

- a perceptual hash (pHash: the signs of the 8×8 lowest DCT frequencies against their median, 64 bits; the
  same recipe as ImageHash's ``phash``) finds re-saves, resizes and brightness changes;
- a geometric check: each print is resampled into a few dozen 16×16 *views* (crops of several sizes and places,
  small rotations, the mirror image), each normalised to zero mean and unit length; the whole of one picture is
  compared with every view of the other (a normalised correlation, one matrix product). A crop, a frame around a
  screenshot or a straightened photo lines up with one of the views; a different picture does not.

- a colour check: the chromaticity (each colour's share of R+G+B) of the 4×4 cells; a copy keeps its colours
  (brighter or darker, but not another hue), while the day and night variants of one wallpaper or one design in
  other colours share their structure and not their colours. The median of the cells that have a colour in either
  picture (the white around an icon says nothing) must differ by at most ``COLOUR``; when either picture is
  (nearly) gray — a black-and-white copy — colour is not compared.

- a detail check, for pairs that only the geometric check (not the hash) vouches for: the same correlation on the
  thumbnails less their blur, lined up the same way. Two shots of one landscape share the sky and the horizon,
  which is most of a small thumbnail; a copy also shares the detail.

The check leaves out the tenth of the lined-up pixels that differ most (added text, a logo). Big text across a
third of a copy is more than that: a pair the check missed is also compared leaving out one band of rows inside the
picture (:func:`banded`), and then needs the rest to line up closely. Plain rows and columns at the edges (a border,
a window frame, a title bar) are trimmed before the print is taken.
A pair is a copy when the colours agree and (pHash distance ≤ ``HASH_BITS`` and the check agrees) or (the embeddings
are not far apart, the check agrees closely and so does the detail) or (the embeddings are not far apart and all but
one band of rows agrees more closely still). The embedding alone says "about the same thing",
which is how look-alike products merged before; the check alone is fooled by plain layouts; together they say "the
same picture".
Copies are grouped by their pairs, and copies of one picture are copies of each other. Look-alike products pass the
checks a few pairs at a time and join in a chain: a group with few of its pairs found keeps only its near-exact pairs
(:data:`DENSE`).
Thresholds were chosen on copies of the mate-backgrounds nature photos (bench/_quality_copies.py) and checked on
gnome-backgrounds, scikit-image/scikit-learn samples, Fashion-MNIST look-alikes and ukui wallpapers; the detail
check was added for the left and right halves of lomiri-wallpapers landscapes, and checked on plasma wallpapers.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np
from PIL import Image

#: Side of the stored grayscale print.
PRINT_SIDE = 32
#: Cells per side of the colour grid kept in the print.
COLOUR_CELLS = 4
#: Values in a print: the grayscale thumbnail, then the mean R, G, B of each colour cell.
PRINT_SIZE = PRINT_SIDE * PRINT_SIDE + COLOUR_CELLS * COLOUR_CELLS * 3
#: How many bits are set in each byte value (Hamming distances of packed hashes, without unpacking them 8-fold).
_BITS_SET = np.array([bin(value).count("1") for value in range(256)], dtype=np.uint8)
#: Pairs compared at once by the geometric check (about 80 MB of views).
CHECK_BLOCK = 1024
#: Pictures whose views are computed at once (in float32, then kept in float16).
VIEW_BLOCK = 1024
#: Side of the views compared by the geometric check.
VIEW_SIDE = 16
#: A row or column whose grayscale standard deviation is below this is plain (trimmed at the edges).
PLAIN = 2.0
#: At most this share of each side is trimmed.
MAX_TRIM = 0.3
#: Share of the lined-up pixels the check leaves out (where text or a logo was added).
OUTLIERS = 0.1
#: Name under which prints are kept in the store's embeddings table (a new recipe needs a new name).
PRINT_KEY = "copyprint-v3"

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
#: cannot: a pair that the check missed is also compared leaving out one band of this many rows of the 16-row view
#: (a third of the picture or so), inside it: not its top or bottom ``BAND_EDGE`` rows.
#: On the copies benchmark: recall +1 to +5 points on every photo source (mate 0.971, scikit-image 0.977; the held-out
#: plasma wallpapers 0.920 → 0.942) at the same precision.
BAND_ROWS = (3, 7)
BAND_EDGE = 2
#: The correlation the rest of such a pair needs (at the default ``threshold``; it moves with it) …
BAND_CHECK = 0.99
#: … tried only for pairs whose whole correlates at this or more.
BAND_FLOOR = 0.80
#: The fine detail such a pair needs (lower than ``DETAIL``: the text is in it too).
BAND_DETAIL = 0.46
#: Copies of one picture are copies of each other: in a group of copies, most of its pairs are found. Look-alike
#: products pass the checks a few pairs at a time and join in a chain (2,000 Fashion-MNIST items: one group of 1,611,
#: with 3% of its pairs found). A group of three or more with fewer than this share of its pairs found keeps only its
#: near-exact pairs (``NEAR_EXACT``), unless one member is paired with all the others (an original and crops of
#: different parts of it, which are not copies of each other). On the copies benchmark, groups of copies of
#: one photo had 0.76 or more of their pairs; groups joining two photos 0.55-0.67, chained look-alikes 0.03-0.46.
DENSE = 0.6
#: The check and the detail of a near-exact copy (a re-save, a resize, a mirror image, a brightness change): 483 of
#: the catalogue's 500 pairs of copies scored as much, and 17 of its 1.26 million pairs of look-alikes.
NEAR_EXACT = (0.98, 0.97)
#: Largest median difference of the cells' chromaticity (L1, of 0-2) between copies (over the cells with a colour).
COLOUR = 0.05
#: A picture whose cells all have a chromaticity this close to gray (L1 from 1/3 each) is gray.
GRAY = 0.03


def print_of(source: str | os.PathLike[str] | Image.Image | np.ndarray) -> np.ndarray:
    """The print of a picture, plain borders trimmed: its 32×32 grayscale thumbnail (0-255, row-major) followed by
    the mean R, G, B of each cell of a 4×4 grid (float32, ``PRINT_SIZE`` values)."""
    from opensight.inputs._decode import load_image

    pixels = load_image(source, min_side=4 * PRINT_SIDE).pixels
    gray = np.asarray(Image.fromarray(pixels).convert("L"), dtype=np.float32)
    top, bottom = _plain_edges(gray)  # rows first (a title bar spans the width), then columns within them
    gray, pixels = gray[top : gray.shape[0] - bottom], pixels[top : pixels.shape[0] - bottom]
    left, right = _plain_edges(gray.T)
    inner = Image.fromarray(np.ascontiguousarray(pixels[:, left : pixels.shape[1] - right]))
    thumbnail = inner.convert("L").resize((PRINT_SIDE, PRINT_SIDE), Image.Resampling.BOX)
    cells = inner.resize((COLOUR_CELLS, COLOUR_CELLS), Image.Resampling.BOX)
    return np.concatenate(
        [np.asarray(thumbnail, dtype=np.float32).reshape(-1), np.asarray(cells, dtype=np.float32).reshape(-1)]
    )


def _plain_edges(gray: np.ndarray) -> tuple[int, int]:
    """How many plain rows (a border, a window's frame or title bar) to trim at the top and the bottom."""
    plain = gray.std(axis=1) < PLAIN
    limit = int(gray.shape[0] * MAX_TRIM)
    top = int(np.argmin(plain[:limit])) if not plain[:limit].all() else limit
    bottom = int(np.argmin(plain[::-1][:limit])) if not plain[::-1][:limit].all() else limit
    return top, bottom


def _thumbnails(prints: np.ndarray) -> np.ndarray:
    return prints[:, : PRINT_SIDE * PRINT_SIDE]


def colour_distance(prints: np.ndarray, pairs: np.ndarray, chosen_view: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """The median difference in chromaticity of each pair over the colour cells that have a colour in either picture
    (a coloured icon on white: its white cells say nothing about its colours), lined up as :func:`check` lined the
    pair up: the colour cells of the picture it looked at through a view are resampled from that view's box (a crop
    of 15% moves every cell by more than half a cell); 0 where either picture is gray."""
    side = COLOUR_CELLS
    cells = prints[:, PRINT_SIDE * PRINT_SIDE :].reshape(len(prints), side * side, 3).astype(np.float64) + 4.0
    chroma = cells / cells.sum(axis=2, keepdims=True)
    hue = np.abs(chroma - 1 / 3).sum(axis=2) > GRAY  # the cells that have a colour
    gray = ~hue.any(axis=1)
    viewed, whole = _sides(pairs, turned)
    resampled = np.einsum("kij,kjc->kic", _colour_matrix()[chosen_view], cells[viewed])
    first = resampled / resampled.sum(axis=2, keepdims=True)
    differ = np.abs(first - chroma[whole]).sum(axis=2)
    counted = (np.abs(first - 1 / 3).sum(axis=2) > GRAY) | hue[whole]
    either_gray = gray[pairs[:, 0]] | gray[pairs[:, 1]]
    counted[either_gray] = True  # not compared: every median stays defined (a picture that is not gray has colour)
    median = np.nanmedian(np.where(counted, differ, np.nan), axis=1)
    return np.asarray(np.where(either_gray, 0.0, median))


def phash_bits(prints: np.ndarray) -> np.ndarray:
    """64-bit perceptual hashes (as N×64 booleans) of N prints."""
    dct = _dct_matrix(PRINT_SIDE)
    images = _thumbnails(prints).reshape(-1, PRINT_SIDE, PRINT_SIDE).astype(np.float64)
    low = np.einsum("ij,njk,lk->nil", dct[:8], images, dct[:8])  # the 8×8 lowest frequencies
    flat = low.reshape(len(images), 64)
    return np.asarray(flat > np.median(flat, axis=1, keepdims=True))


def hash_distance(bits: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Hamming distances of the hashes of each pair (``pairs``: K×2 indices)."""
    return np.asarray(np.count_nonzero(bits[pairs[:, 0]] != bits[pairs[:, 1]], axis=1))


def views(prints: np.ndarray) -> np.ndarray:
    """N×V×256 normalised views of N prints (float16: 39 KB a picture); view 0 is the whole picture."""
    matrix = _view_matrix()
    out = np.empty((len(prints), len(_view_boxes()), VIEW_SIDE * VIEW_SIDE), dtype=np.float16)
    for start in range(0, len(prints), VIEW_BLOCK):  # a block at a time in float32
        flat = _thumbnails(prints[start : start + VIEW_BLOCK]).astype(np.float32) @ matrix.T  # n × (V·256)
        block = flat.reshape(len(flat), -1, VIEW_SIDE * VIEW_SIDE)
        block -= block.mean(axis=2, keepdims=True)
        out[start : start + VIEW_BLOCK] = block / np.maximum(np.linalg.norm(block, axis=2, keepdims=True), 1e-3)
    return out


def check(view: np.ndarray, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The geometric agreement of each pair: the best correlation of one picture's whole with a view of the other,
    leaving out the tenth of the pixels that differ most (added text, a logo) once they are lined up; which view
    that was; and whether it was a view of the SECOND picture (``turned``). The lined-up pairs are compared
    :data:`CHECK_BLOCK` at a time: a folder of near-identical pictures makes every pair a candidate (500 video
    frames: 125,000 pairs)."""
    best = np.full(len(pairs), -1.0, dtype=np.float32)
    chosen_view = np.zeros(len(pairs), dtype=np.int64)
    turned = np.zeros(len(pairs), dtype=bool)
    for one, two in ((0, 1), (1, 0)):
        chosen = _best_views(view, pairs[:, one], pairs[:, two])
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


def _best_views(view: np.ndarray, viewed: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """For each pair, the view of picture ``viewed[k]`` that correlates best with picture ``whole[k]``: one matrix
    product per viewed picture, whose views are made float32 once (gathering and converting every pair's views
    took 17 of 30 s on 1,000 look-alike products)."""
    chosen = np.zeros(len(viewed), dtype=np.int64)
    order = np.argsort(viewed, kind="stable")
    pictures, starts = np.unique(viewed[order], return_index=True)
    for picture, rows in zip(pictures, np.split(order, starts[1:]), strict=True):
        wholes = view[whole[rows], 0].astype(np.float32)
        chosen[rows] = (wholes @ view[picture].astype(np.float32).T).argmax(axis=1)
    return chosen


def banded(view: np.ndarray, pairs: np.ndarray, chosen_view: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """The best correlation of each pair, lined up as :func:`check` lined it up, leaving out one band of
    ``BAND_ROWS`` rows inside the picture: where big text was written across a copy. From the rows' sums, so every
    band costs one pass over 16 numbers a pair; :data:`CHECK_BLOCK` pairs at a time."""
    best = np.full(len(pairs), -1.0, dtype=np.float32)
    for start in range(0, len(pairs), CHECK_BLOCK):
        block = slice(start, start + CHECK_BLOCK)
        viewed, whole = _sides(pairs[block], turned[block])
        a = view[viewed, chosen_view[block]].astype(np.float32).reshape(-1, VIEW_SIDE, VIEW_SIDE)
        b = view[whole, 0].astype(np.float32).reshape(-1, VIEW_SIDE, VIEW_SIDE)
        sums = np.stack([a.sum(2), b.sum(2), (a * a).sum(2), (b * b).sum(2), (a * b).sum(2)]).astype(np.float64)
        running = np.concatenate([np.zeros((*sums.shape[:2], 1)), np.cumsum(sums, axis=2)], axis=2)
        for rows in range(BAND_ROWS[0], BAND_ROWS[1] + 1):
            count = (VIEW_SIDE - rows) * VIEW_SIDE
            for top in range(BAND_EDGE, VIEW_SIDE - BAND_EDGE - rows + 1):
                sx, sy, sxx, syy, sxy = running[:, :, -1] - (running[:, :, top + rows] - running[:, :, top])
                spread = np.sqrt(np.maximum(sxx - sx * sx / count, 0) * np.maximum(syy - sy * sy / count, 0))
                score = (sxy - sx * sy / count) / np.maximum(spread, 1e-6)
                best[block] = np.maximum(best[block], score)
    return best


def detail(prints: np.ndarray, pairs: np.ndarray, chosen_view: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """How well the fine detail agrees once each pair is lined up as :func:`check` lined it up: the same robust
    correlation on the thumbnails less their blur (σ = 1 pixel). Copies keep their detail; two photos of one scene
    (a pan, a burst) or one design in other pictures share the broad layout — sky, horizon, a gradient — and not
    the detail."""
    matrix = _view_matrix()
    side = VIEW_SIDE * VIEW_SIDE
    involved, position = np.unique(pairs, return_inverse=True)  # only the pictures of these pairs
    fine = _fine(_thumbnails(prints[involved]).astype(np.float32))
    viewed, whole = _sides(position.reshape(pairs.shape), turned)
    a = np.empty((len(pairs), side), dtype=np.float32)
    for number in np.unique(chosen_view):
        rows = chosen_view == number
        a[rows] = fine[viewed[rows]] @ matrix[number * side : (number + 1) * side].T
    b = fine[whole] @ matrix[:side].T
    return _robust(a, b)


def _sides(pairs: np.ndarray, turned: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which picture of each pair :func:`check` looked at through a view, and which one it compared whole."""
    return np.where(turned, pairs[:, 1], pairs[:, 0]), np.where(turned, pairs[:, 0], pairs[:, 1])


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
    keep = gap <= np.quantile(gap, 1 - OUTLIERS, axis=1, keepdims=True)
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
    bits = phash_bits(prints)
    candidates: list[np.ndarray] = []
    cosines: list[np.ndarray] = []
    packed = np.packbits(bits, axis=1)  # N × 8 bytes
    rows = max(1, min(512, (8 << 20) // count))  # a block's hash differences stay under 64 MB at any count
    for start in range(0, count, rows):
        block = slice(start, start + rows)
        similar = embeddings[block] @ embeddings.T
        differ = _BITS_SET[packed[block, None, :] ^ packed[None, :, :]].sum(axis=2, dtype=np.int32)
        first, second = np.nonzero((similar >= gate) | (differ <= HASH_BITS))
        upper = first + start < second
        first, second = first[upper], second[upper]
        candidates.append(np.stack([first + start, second], axis=1))  # row-major: already in order
        cosines.append(similar[first, second])
    pairs = np.concatenate(candidates).astype(np.int64)
    if not len(pairs):
        return []
    cosine = np.concatenate(cosines)
    involved = np.unique(pairs)
    position = np.full(count, -1, dtype=np.int64)
    position[involved] = np.arange(len(involved))
    view = views(prints[involved])
    agree, chosen_view, turned = check(view, position[pairs])
    distance = hash_distance(bits, pairs)
    hash_bar = threshold - (CHECK - HASH_CHECK)
    by_hash = (distance <= HASH_BITS) & (agree >= hash_bar)
    by_check = ~by_hash & (cosine >= gate) & (agree >= threshold)
    if by_check.any():  # the check alone also needs the fine detail to agree
        fine = detail(prints, pairs[by_check], chosen_view[by_check], turned[by_check])
        by_check[by_check] = fine >= DETAIL
    by_band = ~by_hash & (cosine >= gate) & (agree >= BAND_FLOOR) & (agree < threshold)
    if by_band.any():  # big text across a copy: the rest of it lines up closely, and the detail agrees a little
        rest = banded(view, position[pairs[by_band]], chosen_view[by_band], turned[by_band])
        by_band[by_band] = rest >= min(1.0, threshold + BAND_CHECK - CHECK)
    if by_band.any():
        fine = detail(prints, pairs[by_band], chosen_view[by_band], turned[by_band])
        by_band[by_band] = fine >= BAND_DETAIL
    copies = by_hash | by_check | by_band
    if copies.any():  # only the pairs that line up: their colours, lined up the same way, must agree too
        copies[copies] = colour_distance(prints, pairs[copies], chosen_view[copies], turned[copies]) <= COLOUR
    found, where = pairs[copies], np.flatnonzero(copies)
    loose = _chained(count, found)
    if loose.any():  # look-alikes joined pair by pair: only their near-exact pairs stay
        chained = where[loose]
        fine = detail(prints, pairs[chained], chosen_view[chained], turned[chained])
        loose[loose] = (agree[chained] < NEAR_EXACT[0]) | (fine < NEAR_EXACT[1])
    return [(int(i), int(j)) for i, j in found[~loose]]


def _chained(count: int, pairs: np.ndarray) -> np.ndarray:
    """Whether each pair's group (the pictures the pairs connect, of ``count``; pairs unique, i < j) has three or
    more members, fewer than :data:`DENSE` of their pairs among ``pairs`` and no member paired with all the others
    (an original and crops of different parts of it): look-alikes chained together."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not len(pairs):
        return np.zeros(0, dtype=bool)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    groups, label = connected_components(graph, directed=False)
    size = np.bincount(label, minlength=groups)
    paired = np.bincount(label[pairs[:, 0]], minlength=groups)
    most = np.zeros(groups, dtype=np.int64)
    np.maximum.at(most, label, np.bincount(pairs.reshape(-1), minlength=count))  # the most pairs of one member
    chained = (size >= 3) & (paired < DENSE * size * (size - 1) / 2) & (most < size - 1)
    return np.asarray(chained[label[pairs[:, 0]]])


@lru_cache(maxsize=1)
def _dct_matrix(side: int) -> np.ndarray:
    k = np.arange(side)[:, None]
    n = np.arange(side)[None, :]
    return np.asarray(np.cos(np.pi * (2 * n + 1) * k / (2 * side)))


def _view_boxes() -> list[tuple[float, float, float, float, float, bool]]:
    """(centre x, centre y, width, height, degrees, mirrored) of each view, in fractions of the picture."""
    boxes: list[tuple[float, float, float, float, float, bool]] = [(0.5, 0.5, 1.0, 1.0, 0.0, False)]
    boxes.append((0.5, 0.5, 1.0, 1.0, 0.0, True))
    for scale in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6):  # steps of 0.05 down to 0.75: a crop lines up within 2.5%
        margin = (1.0 - scale) / 2
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                boxes.append((0.5 + dx * margin, 0.5 + dy * margin, scale, scale, 0.0, False))
    for scale_x, scale_y in ((1.0, 0.8), (0.8, 1.0), (1.0, 0.9), (0.9, 1.0)):
        boxes.append((0.5, 0.5, scale_x, scale_y, 0.0, False))
    for degrees in (-6.0, -3.0, 3.0, 6.0):
        for scale in (0.95, 0.85):
            boxes.append((0.5, 0.5, scale, scale, degrees, False))
    return boxes


def _view_matrix() -> np.ndarray:
    """(V·256) × 1024 linear map from a print's thumbnail to its views (bilinear, 3×3 supersampled)."""
    return _resampling(PRINT_SIDE, VIEW_SIDE, samples=3).reshape(-1, PRINT_SIDE * PRINT_SIDE)


def _colour_matrix() -> np.ndarray:
    """V × 16 × 16: each view's box, resampled from the 4×4 colour cells (their means taken at their centres; one
    sample a cell, so the whole picture and its mirror image map cells to cells exactly)."""
    return _resampling(COLOUR_CELLS, COLOUR_CELLS, samples=1)


@lru_cache(maxsize=2)
def _resampling(side: int, out: int, *, samples: int) -> np.ndarray:
    """V × out² × side² linear maps from a ``side``×``side`` grid to the ``out``×``out`` grid of each view's box
    (bilinear between the grid's centres, ``samples``² samples averaged per output cell)."""
    boxes = _view_boxes()
    matrix = np.zeros((len(boxes), out * out, side * side), dtype=np.float32)
    sub = (np.arange(samples) + 0.5) / samples
    grid = (np.arange(out)[:, None] + sub[None, :]).reshape(-1) / out - 0.5  # samples·out offsets in [-0.5, 0.5)
    u, v = np.meshgrid(grid, grid)  # u: across, v: down
    rows = np.arange(samples * out) // samples
    cells = rows[:, None] * out + rows[None, :]
    for number, (cx, cy, width, height, degrees, mirrored) in enumerate(boxes):
        x, y = u * width, v * height
        if mirrored:
            x = -x
        angle = np.deg2rad(degrees)
        xs = (cx + x * np.cos(angle) - y * np.sin(angle)) * side - 0.5
        ys = (cy + x * np.sin(angle) + y * np.cos(angle)) * side - 0.5
        xs, ys = np.clip(xs, 0, side - 1.001), np.clip(ys, 0, side - 1.001)
        x0, y0 = np.floor(xs).astype(np.int64), np.floor(ys).astype(np.int64)
        fx, fy = xs - x0, ys - y0
        for ox, oy, weight in (
            (0, 0, (1 - fx) * (1 - fy)),
            (1, 0, fx * (1 - fy)),
            (0, 1, (1 - fx) * fy),
            (1, 1, fx * fy),
        ):
            np.add.at(
                matrix[number],
                (cells.reshape(-1), ((y0 + oy) * side + x0 + ox).reshape(-1)),
                weight.reshape(-1) / samples**2,
            )
    return matrix
