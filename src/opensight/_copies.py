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
  ``TURN_REFINED``, ``TURN_FINE``); a pair whose best view was straight is also lined up from its best turned view
  (``TURN_EACH``: a drawing on black straightened 6-12°, whose black the trim took otherwise than its copy's).

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
leaving out one band of rows inside them (:func:`opensight._copy_bands.banded`), and then needs the rest and its fine
detail to line up closely; and so are the whole pictures, untrimmed, where what trimming took is not a frame (a flat
design's plain sky: the banner over a copy may cover most of what is left of it); and a product on black or white
whose writing reaches past it is seen where it lies in the other picture (:mod:`opensight._copy_bands`). Plain rows
and columns at the edges (a border, a window frame, a title bar, and then a product's plain background inside such a
frame) are trimmed before the print is taken (:mod:`opensight._copy_prints`).
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
from opensight._copy_bands import BAND_CHECK, band_copies, written_copies
from opensight._copy_colours import COLOUR, colour_distance
from opensight._copy_groups import chained, communities, joined
from opensight._copy_measures import best_each, fine_detail, robust_correlation
from opensight._copy_prints import PRINT_SIDE, shapes, thumbnails, untrimmed
from opensight._copy_views import (
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

#: pHash Hamming distance (of 64 bits) at or below which two pictures are copies when the check also agrees.
#: Where the whole pictures' hashes (untrimmed) are that close, a pair is checked as if its embeddings were not far
#: apart (the check and the fine detail must agree): a copy shrunk to a sixth to a tenth (48-213 pixels) moves in the
#: embedding (cosine 0.3-0.45 with its original: under :data:`EMBEDDING_GATE`) and its trimmed print's hash was 12-20
#: bits off, while the whole pictures' hashes match as ImageHash's do. Counted as a hash match (no fine detail
#: asked), two desktop screenshots of different pictures — the same desktop — were grouped.
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
#: … or, turned, the first of these where its fine detail agrees at the second. Drawings cut out on black (Debian
#: stellarium-data's constellation art and panorama tiles, nothing chosen on them before), each with one copy
#: straightened 6-12°: trimming the black gives the original's print another scale and middle than the copy's, and
#: lined up finely they reached 0.985-0.995 with fine detail 0.94-0.98. With this (and the search from a turned view,
#: :data:`TURN_EACH`), 8° copies found 57% → 72%; the catalogue's, the look-alikes' and the drawings' pairs of
#: different pictures grouped stayed the same.
TURN_FINE = (0.985, 0.93)
#: A copy straightened 6-12° whose best view is a straight crop (its print trimmed differently) is not turned by the
#: search, which turns only a turned view's box: the pairs that line up finely from their best view as no copy are
#: searched again from their best turned view — for each picture the one pair that lined up best (with 4, as many
#: as :data:`REFINE_EACH`, the catalogue took 38% longer and found the same).
TURN_EACH = 1
#: … but a box whose side (the geometric mean of its width and height) is under the first of these needs the fine
#: detail only at the second: such a box holds under 22 of the print's 32 pixels a side, so the detail it gives is
#: blurred by the resampling, while the crop's own print has it at full size. The probe's crops refined to 0.985 with
#: boxes under 0.7 had fine detail of 0.80-0.93 (crops keeping 60% of each side: 9 of 31 at 0.9, 21 at 0.85). Pairs
#: of different pictures lined up through such boxes: 2 of the catalogue's 1,902 searched reached 0.85 (none 0.9),
#: none of GNOME's (a wood design's light and dark variants, one a zoom of the other: 0.80-0.815).
SMALL_BOX = (0.7, 0.85)


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
    """N×V×256 normalised views of N prints (float16: 54 KB a picture); view 0 is the whole picture."""
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
            score[block] = robust_correlation(viewed, view[pairs[block, two], 0].astype(np.float32))
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


def detail(prints: np.ndarray, pairs: np.ndarray, boxes: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """How well the fine detail agrees once each pair is lined up as :func:`check` lined it up (``boxes``: K × 7, the
    box of its view, :func:`opensight._copy_align.view_box_array`, or a finer one): the same robust correlation on
    the thumbnails less their blur (σ = 1 pixel). Copies keep their detail; two photos of one scene (a pan, a burst)
    or one design in other pictures share the broad layout — sky, horizon, a gradient — and not the detail."""
    if not len(pairs):
        return np.zeros(0, dtype=np.float32)
    involved, position = np.unique(pairs, return_inverse=True)  # only the pictures of these pairs
    fine = fine_detail(thumbnails(prints[involved]).astype(np.float32)).reshape(-1, PRINT_SIDE, PRINT_SIDE)
    viewed, whole = sides(position.reshape(pairs.shape), turned)
    a = sample(fine[viewed], boxes[:, None])[:, 0]
    b = sample(fine[whole], whole_boxes(len(pairs)))[:, 0]
    return robust_correlation(a, b)


def copy_pairs(
    embeddings: np.ndarray,
    prints: np.ndarray,
    *,
    threshold: float = CHECK,
    gate: float = EMBEDDING_GATE,
    hashed_gate: float | None = None,
) -> list[tuple[int, int]]:
    """Index pairs (i < j) of pictures that are copies of each other (``embeddings``: unit-length rows).

    ``threshold`` is the check's bar for a pair the hash missed; a hash match needs ``threshold`` less
    ``CHECK - HASH_CHECK``. ``gate``: the embedding cosine from which a pair the hash missed is checked at all (a
    folder of one kind of thing — a class of taught examples — passes the default gate for half its pairs).
    ``hashed_gate``: the cosine every pair found needs too (those the hash let in skipped ``gate``), unless its
    hashes match better with one picture turned a quarter (a sideways copy, which the embedding sees as another
    picture); None: none (``teach`` sets it: cards of one rank in two suits match by hash), and then the whole
    pictures' hashes let no pair past ``gate`` (:data:`HASH_BITS`).
    """
    count = len(prints)
    if count < 2:
        return []
    bits, turned = phash_bits(prints), phash_bits(prints, turned=True)
    # not under teach's stricter gate (hashed_gate): its look-alike examples would be kept together as copies
    whole = phash_bits(untrimmed(prints)[0]) if hashed_gate is None else None
    pairs, cosine = _candidates(embeddings, bits, turned, whole, gate)
    gated = cosine >= gate if whole is None else (cosine >= gate) | (hash_distance(whole, pairs) <= HASH_BITS)
    checked = _checked(prints, hash_distance(bits, pairs, turned), pairs, gated, threshold=threshold)
    found = pairs[checked.copies]
    with_text = band_copies(prints, found, threshold, min(1.0, threshold + BAND_CHECK - CHECK))
    with_text = np.concatenate([with_text, written_copies(prints, pairs, cosine, np.concatenate([found, with_text]))])
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
    if hashed_gate is not None:
        alike = np.einsum("ij,ij->i", embeddings[kept[:, 0]], embeddings[kept[:, 1]]) >= hashed_gate
        kept = kept[alike | (hash_distance(bits, kept, turned) < hash_distance(bits, kept))]
    return sorted((int(i), int(j)) for i, j in kept)


def _candidates(
    embeddings: np.ndarray, bits: np.ndarray, turned: np.ndarray, whole: np.ndarray | None, gate: float
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j) whose embeddings are not far apart (cosine ≥ ``gate``) or whose hashes are close, one of
    them turned a quarter or not (``turned``: the hashes of the turned pictures; a photo saved sideways is seen by
    the embedding as another picture: cosines 0.3-0.5 for 19 of 43 photos), or the hashes of their whole pictures,
    untrimmed (``whole``, where given: see :data:`HASH_BITS`), and their cosines."""
    count = len(bits)
    candidates: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    cosines: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
    packed, packed_turned = np.packbits(bits, axis=1), np.packbits(turned, axis=1)  # N × 8 bytes
    packed_whole = None if whole is None else np.packbits(whole, axis=1)
    rows = max(1, min(512, (8 << 20) // count))  # a block's hash differences stay under 64 MB at any count
    for start in range(0, count, rows):
        block = slice(start, start + rows)
        similar = embeddings[block] @ embeddings.T
        close = (similar >= gate) | (_differ(packed[block], packed) <= HASH_BITS)  # symmetric
        if packed_whole is not None:
            close |= _differ(packed_whole[block], packed_whole) <= HASH_BITS
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
    prints: np.ndarray, hashed: np.ndarray, pairs: np.ndarray, gated: np.ndarray, *, threshold: float
) -> _Checked:
    """Which candidate pairs are copies: the colours agree and (the hash is close and the check agrees) or (the
    embeddings are not far apart or the whole pictures' hashes close — ``gated`` —, the check agrees closely and so
    does the detail) or (lined up finely, they agree more closely still: :func:`_refined`)."""
    if not len(pairs):
        empty = np.zeros(0, dtype=bool)
        return _Checked(prints, pairs, empty, np.zeros(0, np.float32), np.zeros((0, 7)), empty, empty)
    involved = np.unique(pairs)
    position = np.full(len(prints), -1, dtype=np.int64)
    position[involved] = np.arange(len(involved))
    viewed_all = views(prints[involved])
    agree, chosen_view, turned = check(viewed_all, position[pairs], shapes(prints[involved]))
    boxes = view_box_array()[chosen_view]
    bar = threshold + np.where(_reshaping()[chosen_view], RESHAPED, 0.0)
    by_hash = (hashed <= HASH_BITS) & (agree >= bar - (CHECK - HASH_CHECK))
    copies = by_hash | (gated & (agree >= bar))
    by_check = copies & ~by_hash
    if by_check.any():  # the check alone also needs the fine detail to agree
        copies[by_check] = detail(prints, pairs[by_check], boxes[by_check], turned[by_check]) >= DETAIL
    crop = (np.abs(boxes[:, 4]) < 45) & (boxes[:, 5] == 0)  # not turned a quarter, not mirrored
    promising = np.flatnonzero(~copies & gated & (agree >= REFINE_FROM) & crop)
    searched = best_each(pairs, agree, promising, REFINE_EACH)
    refined = searched[_refined(prints, pairs, searched, agree, boxes, turned, threshold)]
    straight = np.setdiff1d(searched, refined)
    straight = straight[boxes[straight, 4] == 0]
    if len(straight):  # searched again from the best turned view: the search turns the box only from one
        straight = best_each(pairs, agree, straight, TURN_EACH)
        starts = boxes.copy()
        starts[straight] = view_box_array()[_best_turn(viewed_all, position[pairs[straight]], turned[straight])]
        again = straight[_refined(prints, pairs, straight, agree, starts, turned, threshold)]
        boxes[again] = starts[again]
        refined = np.concatenate([refined, again])
    copies[refined] = True
    if copies.any():  # only the pairs that line up: their colours, lined up the same way, must agree too
        copies[copies] = colour_distance(prints, pairs[copies], boxes[copies], turned[copies]) <= COLOUR
    return _Checked(prints, pairs, copies, agree, boxes, turned, np.isin(np.arange(len(pairs)), refined))


def _best_turn(view: np.ndarray, pairs: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """For each pair (positions in ``view``), the view turned a few degrees of the picture that :func:`check` viewed
    (``turned``: the second) that correlates best with the other picture's whole."""
    degrees = np.abs(view_box_array()[:, 4])
    small = np.flatnonzero((degrees > 0) & (degrees < 45))
    viewed, whole = sides(pairs, turned)
    scores = np.einsum("kvd,kd->kv", view[viewed][:, small].astype(np.float32), view[whole, 0].astype(np.float32))
    return np.asarray(small[scores.argmax(axis=1)])


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
    lined_up = robust_correlation(seen, normalised(sample(images[whole], whole_boxes(len(rows)))[:, 0]))
    turned_box = found[:, 4] != 0
    bar = np.minimum(1.0, threshold + np.where(turned_box, TURN_REFINED, REFINED[0]) - CHECK)
    close = lined_up >= bar
    # a turned box under TURN_REFINED but at REFINED's correlation: copies if the fine detail agrees closely
    finely = ~close & turned_box & (lined_up >= np.minimum(1.0, threshold + TURN_FINE[0] - CHECK))
    close |= finely
    small = np.sqrt(found[close, 2] * found[close, 3]) < SMALL_BOX[0]
    bar_detail = np.where(finely[close], TURN_FINE[1], np.where(small, SMALL_BOX[1], REFINED[1]))
    close[close] = detail(prints, pairs[rows[close]], found[close], turned[rows[close]]) >= bar_detail
    agree[rows[close]], boxes[rows[close]] = lined_up[close], found[close]
    return close


@lru_cache(maxsize=1)
def _dct_matrix(side: int) -> np.ndarray:
    k = np.arange(side)[:, None]
    n = np.arange(side)[None, :]
    return np.asarray(np.cos(np.pi * (2 * n + 1) * k / (2 * side)))
