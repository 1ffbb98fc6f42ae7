"""Reading order on the boxes of a page set by another layout engine than the benchmark's: groff's ``ms`` macros in
two columns (troff's justification, its gutter and section headings), drawn by Ghostscript at 130 dpi (no model;
each line's box in the page's frame, in reading order)."""

from __future__ import annotations

from tests.unit.test_reading_order_pages import Box, assert_read_in_order

#: A title and an author over two columns: the first section's heading and paragraphs in the first column, the last
#: three lines of the text at the top of the second, its first line a little above the heading beside it.
LAST_COLUMN_OF_THREE_LINES: list[Box] = [
    ("Get information about the step size of a", 302, 165, 582, 187),
    ("A sub-package", 399, 218, 481, 237),
    ("1. Returns True when", 110, 285, 242, 303),
    ("Return the indices to access the main diagonal of", 144, 307, 420, 326),
    ("an array. Converts a flat index or array of flat indices", 110, 325, 420, 343),
    ("into a tuple of coordinate arrays. The return type will", 107, 342, 420, 360),
    ("always be an inexact (i.e. floating point) scalar type,", 110, 359, 419, 377),
    ("even if all the arrays are integer arrays. If one of the", 110, 375, 419, 393),
    ("inputs is an integer array, the minimum precision type", 110, 392, 419, 410),
    ("that is returned is a 64-bit floating point dtype.", 108, 409, 419, 427),
    ("Computes the Kronecker product, a composite array", 110, 426, 418, 444),
    ("made of blocks of the second array scaled by the first.", 110, 444, 418, 459),
    ("Test element-wise for NaT (not a time) and return result", 110, 460, 419, 475),
    ("as a boolean array. Retum a new array with the same", 109, 476, 419, 494),
    ("shape and type as a given array. Sort a complex array", 110, 493, 418, 511),
    ("using the real part first, then the imaginary part.", 110, 510, 419, 528),
    ("Trigonometric inverse cosine, element-wise. Retur the", 110, 528, 418, 544),
    ("string representation of an array. Returns the standard", 110, 544, 419, 562),
    ("deviation, a measure of the spread of a distribution, of", 110, 560, 410, 578),
    ("Take elements from an array along an axis.", 146, 582, 420, 600),
    ("Converts a flat index or array of flat indices into a tuple", 110, 599, 419, 617),
    ("of coordinate arrays. Return the fractional and integral", 110, 616, 420, 634),
    ("parts of an array, element-wise. Return the element-", 110, 632, 420, 650),
    ("wise square of the input. Evaluate a polynomial at", 110, 649, 420, 667),
    ("specific values. Returns the qth percentile(s) of the", 110, 666, 419, 684),
    ("array elements. One is returned for slices that are all-", 110, 684, 418, 699),
    ("NaN or empty. Return the angle of the complex", 110, 699, 419, 717),
    ("argument. Contains the core of NumPy: ndarray,", 110, 716, 420, 734),
    ("ufuncs, dtypes, etc. Insert values along the given axis", 111, 733, 420, 752),
    ("before the given indices. Test element-wise for positive", 111, 748, 419, 767),
    ("infinity, return result as bool array. One-dimensional", 107, 767, 419, 785),
    ("linear interpolation for monotonically increasing", 107, 784, 419, 802),
    ("sample points. Copyright 1999 -- 2011 Pearu", 110, 800, 359, 818),
    ("Construct an open mesh from multiple sequences.", 462, 269, 771, 287),
    ("Compute the variance along the specified axis. If input", 463, 285, 771, 303),
    ("is", 463, 303, 470, 319),
]


def test_a_last_column_of_three_lines_beside_a_heading_is_read_after_the_first_column() -> None:
    """Beside the short column stand the first column's heading and first line only (the heading's space above it):
    counted on both sides, two rows beside each other were too few for a gutter, and the three lines were read
    row by row with the heading and the first lines, before the first column."""
    assert_read_in_order(LAST_COLUMN_OF_THREE_LINES)
