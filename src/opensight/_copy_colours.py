"""The colour check of :mod:`opensight._copies`: whether two pictures that line up have the same colours.

A copy keeps its hues (brighter, darker, faded or more contrasted, but not another hue), while the day and night
variants of one wallpaper or one design in other colours share their structure and not their colours. The cells'
chromaticities (each colour's share of R+G+B) are compared by hue where either picture has a colour (the white around
an icon says nothing); a warm or cool filter moves every colour by one cast, which is taken out first
(:func:`_cast_removed`); when either picture is (nearly) gray — a black-and-white copy — colour is not compared.
"""

from __future__ import annotations

import numpy as np

from opensight._copy_align import sample, sides
from opensight._copy_prints import COLOUR_GRID, colours
from opensight._copy_views import COLOUR_CELLS

#: Largest median difference of the cells' colours (:func:`_hue_difference`) between copies (over the cells with a
#: colour).
COLOUR = 0.05
#: How many times more saturated one copy's colours may be than the other's (a contrast change, an added brightness).
#: Contrast ×0.6-1.6 copies of six photo sources all passed at 1.5; at 2.5, two dark GNOME designs with the same big
#: text did too.
SATURATION = 1.5
#: Colours more saturated than this (L1 departure from gray) are compared by hue at this saturation: a vivid colour
#: clips when the contrast is raised, and its hue moves a few degrees (mate flowers: a difference of 0.07-0.09).
VIVID = 0.2
#: A picture whose cells all have a chromaticity this close to gray (L1 from 1/3 each) is gray.
GRAY = 0.03
#: The largest colour cast (the log of one channel's gain against the others' mean) that the colour check takes out
#: as a filter's (:func:`_cast_removed`). A probe of 31 photos (gcompris-qt-data details, KDE palapeli) with 8
#: filters (warm, cool, golden, vintage, green, magenta; a channel raised or lowered 5-20%): casts of 0.04-0.27, and
#: their colours, the cast taken out, differed by 0.0005-0.01; strong warm filters were found 14 times in 31 before,
#: cool 10, golden 11. GNOME's day and night designs: casts of 0.07-2.7, and where under 0.3 (a light design's dark
#: variant, icons on tan and on slate) their light 2.4-4 times apart.
CAST = 0.3
#: … where the light stays within this many times (a filter keeps it; a design's dark variant of a light one does not) …
CAST_LIGHT = 2.0
#: … and such a pair's colours, the cast taken out, need to differ by at most this (rather than :data:`COLOUR`: the
#: cast is fitted to them).
FILTERED = 0.025


def colour_distance(
    prints: np.ndarray,
    pairs: np.ndarray,
    boxes: np.ndarray,
    turned: np.ndarray,
    left_out: np.ndarray | None = None,
) -> np.ndarray:
    """The median difference in colour (:func:`_hue_difference`) of each pair over the colour cells that have a
    colour in either picture (a coloured icon on white: its white cells say nothing about its colours), lined up as
    :func:`check` lined the pair up: the colour cells of the picture it looked at through a view are resampled from
    that view's box (a crop of 15% moves every cell by more than half a cell) on the print's finer 8×8 colour grid,
    2×2 samples a cell (so the whole picture and its mirror image map cells to cells exactly; from a 4×4 grid, crops
    of 15-20% from a corner had their colours smeared across cells and were missed: ukui crops 2 of 23); 0 where
    either picture is gray. A pair whose colours differ by a filter's cast (:func:`_cast_removed`) has the difference
    once it is taken out, counted at :data:`COLOUR` / :data:`FILTERED` times, where that is less. ``left_out``:
    K × 16 cells of each pair not compared (where big text was written across one copy)."""
    side, half = COLOUR_CELLS, COLOUR_GRID // COLOUR_CELLS
    grid = colours(prints).astype(np.float64)
    grid += 4.0
    cells = grid.reshape(len(prints), side, half, side, half, 3).mean(axis=(2, 4)).reshape(len(prints), side * side, 3)
    chroma = cells / cells.sum(axis=2, keepdims=True)
    hue = np.abs(chroma - 1 / 3).sum(axis=2) > GRAY  # the cells that have a colour
    gray = ~hue.any(axis=1)
    viewed, whole = sides(pairs, turned)
    channels = grid[viewed].reshape(len(pairs), COLOUR_GRID, COLOUR_GRID, 3).transpose(0, 3, 1, 2)
    seen = sample(
        channels.reshape(-1, COLOUR_GRID, COLOUR_GRID), np.repeat(boxes[:, None], 3, axis=0), out=side, samples=half
    )
    resampled = seen.reshape(len(pairs), 3, side * side).transpose(0, 2, 1)
    first = resampled / resampled.sum(axis=2, keepdims=True)
    counted = (np.abs(first - 1 / 3).sum(axis=2) > GRAY) | hue[whole]
    either_gray = gray[pairs[:, 0]] | gray[pairs[:, 1]]
    if left_out is not None:
        counted &= ~left_out
    counted[either_gray] = True  # not compared: every median stays defined (a picture that is not gray has colour)
    median = _median_difference(first, chroma[whole], counted)
    fitted = counted | ~counted.any(axis=1, keepdims=True)  # a cast is fitted on some cells (the median stays inf)
    lighter = np.nanmedian(np.where(fitted, resampled.sum(axis=2) / cells[whole].sum(axis=2), np.nan), axis=1)
    filtered = _median_difference(_cast_removed(first, chroma[whole], fitted, lighter), chroma[whole], counted)
    return np.asarray(np.where(either_gray, 0.0, np.minimum(median, filtered * COLOUR / FILTERED)))


def _median_difference(first: np.ndarray, second: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """The median :func:`_hue_difference` of each pair's chromaticities (K × cells × 3) over its ``counted`` cells;
    infinite where none is counted (all under big text: the colours do not vouch)."""
    differ = _hue_difference(first - 1 / 3, second - 1 / 3)
    median = np.full(len(first), np.inf)
    some = counted.any(axis=1)
    median[some] = np.nanmedian(np.where(counted[some], differ[some], np.nan), axis=1)
    return median


def _cast_removed(first: np.ndarray, second: np.ndarray, counted: np.ndarray, lighter: np.ndarray) -> np.ndarray:
    """The chromaticities ``first`` (K × cells × 3) with the colour cast that turns them into ``second`` taken out,
    where it is one a filter gives (a warm or cool filter, a white balance: each channel scaled by one gain, up to
    :data:`CAST`, the light about the same: ``lighter``, the median ratio of the cells' brightness, within
    :data:`CAST_LIGHT` times). Such a gain moves the log of every cell's chromaticity by one vector; the median move
    over the counted cells estimates it. The day and night variants of a design, or one design in other colours,
    move their cells' colours each their own way (the sky darkens to blue, a lamp lights up), more than a filter
    does, or turn a light design dark."""
    move = np.log(second) - np.log(first)
    cast = np.nanmedian(np.where(counted[..., None], move, np.nan), axis=1)  # K × 3
    cast = np.nan_to_num(cast - cast.mean(axis=1, keepdims=True))
    filter_like = (np.abs(cast).max(axis=1) <= CAST) & (np.abs(np.log(lighter)) <= np.log(CAST_LIGHT))
    cast[~filter_like] = 0.0  # not what a filter does: not compensated
    removed = first * np.exp(cast)[:, None, :]
    return np.asarray(removed / removed.sum(axis=2, keepdims=True))


def _hue_difference(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How far apart the colours of two sets of cells are (L1 of their chromaticities' departures from gray,
    ``first`` and ``second``: … × 3): the more saturated of each two is first scaled toward gray, down to the other's
    saturation but by at most :data:`SATURATION` times, and both are compared at no more than :data:`VIVID`. A
    contrast or an added brightness scales a colour's departure from gray and keeps its hue (trial: copies with
    contrast ×0.6-1.6 differed by 0.06-0.15 before); the day and night variants of a design have other hues."""
    strength_first = np.abs(first).sum(axis=-1, keepdims=True)
    strength_second = np.abs(second).sum(axis=-1, keepdims=True)
    tiny = 1e-9
    lesser = np.maximum(np.minimum(strength_first, strength_second), tiny)
    vivid = np.minimum(1.0, VIVID / lesser)  # both scaled down to at most VIVID
    first = first * np.clip(strength_second / np.maximum(strength_first, tiny), 1 / SATURATION, 1.0) * vivid
    second = second * np.clip(strength_first / np.maximum(strength_second, tiny), 1 / SATURATION, 1.0) * vivid
    return np.asarray(np.abs(first - second).sum(axis=-1))


__all__ = ["CAST", "CAST_LIGHT", "COLOUR", "FILTERED", "GRAY", "SATURATION", "VIVID", "colour_distance"]
