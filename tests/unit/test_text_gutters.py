"""Cutting detector lines at the gutter between two columns (models/_text_gutters.py, models/ocr.py's split)."""

from __future__ import annotations

from typing import Any

import numpy as np

from opensight.models._text_gutters import gutter_gaps
from opensight.models.ocr import drop_double_reads, split_at_gaps

HEIGHT = 20


def _line(y: float, words: list[tuple[str, float, float]], height: float = HEIGHT) -> tuple[np.ndarray, str, list[Any]]:
    """A detector line at ``y``, ``height`` tall, from RapidOCR-like word boxes (text, x1, x2)."""
    boxes = [(text, 1.0, [[a, y], [b, y], [b, y + height], [a, y + height]]) for text, a, b in words]
    first, last = words[0][1], words[-1][2]
    polygon = np.array([[first - 6, y], [last + 25, y], [last + 25, y + height], [first - 6, y + height]], float)
    return polygon, " ".join(text for text, _, _ in words), boxes


def _gaps(lines: list[tuple[np.ndarray, str, list[Any]]]) -> list[set[int]]:
    return gutter_gaps([polygon for polygon, _, _ in lines], [words for _, _, words in lines])


def test_the_gap_at_the_same_place_on_every_row_is_the_gutter_and_wide_word_spaces_are_not() -> None:
    lines = []
    for row in range(6):  # justified: word spaces of up to 1.5 line heights, each row elsewhere; the gutter at 200-216
        left, right = 30 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10 + 4 * row, 200), ("cc", 216, right), ("dd", right + 30 - row, 400)]
        lines.append(_line(row * 26, words))
    assert _gaps(lines) == [{2}] * 6


def test_a_rough_word_box_on_one_row_does_not_narrow_the_gutter_to_a_sliver() -> None:
    """A one-em gutter as the recogniser's word boxes left it on a page of the read benchmark (32 px lines: gaps at
    764-777, 760-777, 754-769, …): the band the rows below shared narrowed to what overlapped the top row's gap by
    less than a strip, and the top row was read across both columns. Here at 20 px lines."""
    gaps = [(100, 109), (97, 109), (93, 103), (97, 104), (94, 110), (97, 105), (95, 111)]
    lines = []
    for row, (start, end) in enumerate(gaps):
        left, right = 30 + 5 * row, 150 + 6 * row
        words = [("aa", 0, left), ("bb", left + 6, start), ("cc", end, right), ("dd", right + 6, 220)]
        lines.append(_line(row * 26, words))
    assert _gaps(lines) == [{2}] * len(gaps)


def test_a_gutter_goes_on_where_one_row_s_word_boxes_leave_less_of_it() -> None:
    """Word boxes are rough by a few pixels: a gutter 0.5 line heights wide read 0.37 on one row of nine (a page of
    the read benchmark, 11 px of a 16 px gutter at 30 px lines), which cut it in two strips too short to count."""
    lines = []
    for row in range(6):
        left, right = 30 + 25 * row, 250 + 23 * row
        start, end = (202, 209) if row == 3 else (200, 212)  # 7 px: under a word space's 8, over the strip's 5
        words = [("aa", 0, left), ("bb", left + 10 + 4 * row, start), ("cc", end, right), ("dd", right + 30 - row, 400)]
        lines.append(_line(row * 26, words))
    assert _gaps(lines) == [{2}] * 6


def test_a_narrow_gap_lying_inside_a_band_the_rows_above_narrowed_goes_on_with_the_gutter() -> None:
    """The band is what all the strip's gaps share: rough word boxes narrowed it row by row to 6 px (its rows' gaps
    12 px each, shifted), and the next row's gap of 5 px, inside it, overlapped it by 4, under the strip's 5 px: it
    was taken for a word through the gutter (a page of the read benchmark, read across both columns)."""
    lines = []
    for row, (start, end) in enumerate([(200, 212), (203, 215), (197, 209), (203, 215), (205, 210), (200, 212)]):
        left, right = 30 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10 + 4 * row, start), ("cc", end, right), ("dd", right + 30 - row, 400)]
        lines.append(_line(row * 26, words))
    assert _gaps(lines) == [{2}] * 6


def test_a_river_of_spaces_over_two_rows_of_one_column_is_no_gutter() -> None:
    lines = [
        _line(0, [("aa", 0, 100), ("bb", 112, 300)]),
        _line(26, [("aa", 0, 104), ("bb", 116, 300)]),  # the two spaces line up …
        _line(52, [("aaaa", 0, 300)]),  # … but the next rows run through them
        _line(78, [("aaaa", 0, 300)]),
    ]
    assert _gaps(lines) == [set(), set(), set(), set()]


def test_a_river_of_wide_word_spaces_that_words_run_through_above_and_below_is_no_gutter() -> None:
    """Justified lines of long words: their spaces (wider than a narrow gutter) lined up on two rows, a third row cut
    there by the detector; words above and below run through it. It made a page of two columns a table."""
    lines = [_line(0, [("through", 0, 400)])]
    lines += [_line(26 * row, [("aa", 0, 200), ("bb", 215, 400)]) for row in (1, 2)]
    lines += [_line(78, [("left", 0, 198)]), _line(78, [("right", 217, 400)])]
    lines += [_line(104, [("through", 0, 400)])]
    assert _gaps(lines) == [set()] * 6


def test_the_space_in_a_receipt_s_title_rows_is_no_gutter_beside_items_that_end_near_it() -> None:
    """A new user's narrow monospace receipt: the spaces of its two title rows ('GREEN GROCER', '12 Station Road,
    Receipt No. 22770') lined up, and the items below (their prices far to the right) ended near them, on one side
    only; the titles were cut there and the receipt read as two columns, every item and then every price."""
    lines = [_line(0, [("GREEN", 132, 201), ("GROCER", 217, 293)]), _line(39, [("Road,", 160, 205), ("No.", 213, 260)])]
    for row, end in enumerate((148, 174, 165, 175, 168, 184)):
        lines += [_line(76 + 24 * row, [("item", 0, end)]), _line(76 + 24 * row, [("9.99", 374, 425)])]
    assert _gaps(lines)[:2] == [set(), set()]


def test_rows_the_detector_kept_apart_count_for_the_gutter_of_the_rows_it_ran_across() -> None:
    lines = [_line(row * 26, [("left", 0, 190)]) for row in range(3)]
    lines += [_line(row * 26, [("right", 212, 400)]) for row in range(3)]
    lines += [_line(78 + row * 26, [("aa", 0, 190), ("bb", 210, 400)]) for row in range(2)]
    assert _gaps(lines)[-2:] == [{1}, {1}]


def test_a_line_is_cut_at_a_gutter_and_ends_at_its_words() -> None:
    polygon, text, words = _line(0, [("near", 0, 40), ("the", 46, 70), ("Our", 82, 112), ("library", 118, 180)])
    pieces = split_at_gaps(polygon, text, words, at={2})
    assert [piece_text for _, piece_text in pieces] == ["near the", "Our library"]
    assert [round(float(piece[1][0])) for piece, _ in pieces] == [71, 181]  # the detector's box ran 25 px further


def test_a_cut_at_a_gutter_follows_the_blank_columns_not_the_rough_word_boxes() -> None:
    """The recogniser places words to several pixels (a line's last word ended 10 px past its ink): the pieces of
    rows cut at a narrow gutter then ran into it, and the reading order saw no gutter between the columns. With the
    picture, the cut follows the blank columns between the two words' ink."""
    gray = np.full((HEIGHT, 300), 250, np.uint8)
    for x1, x2 in ((0, 40), (46, 70), (84, 112), (118, 180)):  # ink: 'near' 'the' | 'Our' 'library'
        gray[6:14, x1:x2] = 30
    polygon, text, words = _line(0, [("near", 0, 40), ("the", 46, 78), ("Our", 76, 112), ("library", 118, 180)])
    rough = split_at_gaps(polygon, text, words, at={2})
    inked = split_at_gaps(polygon, text, words, at={2}, gray=gray)
    assert [piece_text for _, piece_text in inked] == ["near the", "Our library"]
    assert float(rough[0][0][1][0]) > float(rough[1][0][0][0])  # the rough pieces overlap
    assert [round(float(piece[1][0])) for piece, _ in inked] == [71, 181]  # the first ends at its ink ('the': 70)
    assert round(float(inked[1][0][0][0])) == 83  # and the second starts at its ink ('Our': 84)


def test_words_the_recogniser_split_without_a_space_keep_the_text_as_read() -> None:
    """RapidOCR also splits 'release/.You'll' after the full stop: the cut pieces keep the text as it was read."""
    polygon, _, words = _line(0, [("https://x.org/release/.", 0, 150), ("You'll", 150, 200), ("see", 240, 280)])
    pieces = split_at_gaps(polygon, "https://x.org/release/.You'll see", words, at={2})
    assert [text for _, text in pieces] == ["https://x.org/release/.You'll", "see"]


def test_a_space_between_two_words_of_a_receipt_item_is_no_gutter_beside_prices_far_to_the_right() -> None:
    """A tilted receipt read item, item, item, then every price: the prices far to the right of the space in
    'repatriating feisty' had counted as a column's edge beside it."""
    lines = [
        _line(0, [("16.34", 660, 770)]),
        _line(26, [("repatriating", 0, 190), ("feisty", 200, 290)]),
        _line(52, [("54.87", 660, 770)]),
        _line(78, [("roamer bra", 0, 195)]),
        _line(104, [("55.95", 660, 770)]),
        _line(130, [("peninsula conciser", 0, 300)]),
    ]
    assert _gaps(lines)[1] == set()


def _read(lines: list[tuple[np.ndarray, str, list[Any]]]) -> tuple[list[np.ndarray], list[str], list[Any]]:
    return drop_double_reads([p for p, _, _ in lines], [t for _, t, _ in lines], [w for _, _, w in lines])


def test_a_remnant_read_twice_where_two_boxes_overlap_is_dropped_and_the_words_stay_apart() -> None:
    """A user's trial: the detector's boxes overlapped by 11 px after 'platform-specific', the recogniser read the
    'c' twice and no space ('cinstallation'); the line was joined as 'platform-specificinstallation'."""
    first = _line(0, [("General", 394, 483), ("platform-specific", 497, 686)])
    second = (
        np.array([[678, 0], [860, 0], [860, HEIGHT], [678, HEIGHT]], float),
        "cinstallation",
        [
            (text, 1.0, [[a, 0], [b, 0], [b, HEIGHT], [a, HEIGHT]])
            for text, a, b in (("c", 678, 684), ("installation", 728, 849))
        ],
    )
    polygons, texts, words = _read([first, second])
    assert texts == ["General platform-specific", "installation"]
    assert [w[0] for w in words[1]] == ["installation"]
    assert polygons[1][0][0] >= 686  # no longer overlaps the line it repeated, so nothing more is taken off it


def test_a_short_first_word_is_kept_unless_it_lies_in_a_line_that_ends_with_it() -> None:
    ends_with_a = _line(0, [("take", 0, 60), ("a", 70, 80)])
    below = _line(26, [("a", 0, 10), ("walk", 20, 80)])  # the same word, on the next row: not read twice
    cut = _line(60, [("from", 0, 60), ("8", 70, 80), ("t", 100, 160)])
    to, _, to_words = _line(60, [("to", 150, 175), ("18", 185, 210)])
    to[[0, 3], 0] = 140  # 'to' lies in the box of 'from 8 t', which ends with a remnant of it, not with it
    _, texts, _ = _read([ends_with_a, below, cut, (to, "to 18", to_words)])
    assert texts == ["take a", "a walk", "from 8 t", "to 18"]


def test_a_headline_over_the_gutter_is_not_cut_but_the_rows_run_across_below_it_are() -> None:
    """A headline centred over two columns the detector ran across: the space between its two words lies over their
    gutter, but its words fill neither column (a row run across fills both), so it stays whole."""
    headline = _line(0, [("Harbour", 140, 196), ("Notes", 206, 260)])
    rows = []
    for row in range(5):  # word spaces elsewhere on each row; the gutter at 196-216
        left, right = 40 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10, 196), ("cc", 216, right), ("dd", right + 10, 400)]
        rows.append(_line(40 + 26 * row, words))
    assert _gaps([headline, *rows]) == [set()] + [{2}] * 5


def test_the_columns_last_row_is_cut_where_one_column_ends_its_paragraph_but_a_line_centred_under_them_is_not() -> None:
    """The last row run across two columns: the left column's line full, the right column's a paragraph's short last
    line. It falls short on one side only, which a headline over the columns may (it is kept whole there), but under
    them it is the columns' last row and is cut (two front pages were read with it as one line across the gutter); a
    line centred under the columns falls short on both sides and stays whole."""
    rows = []
    for row in range(5):  # word spaces elsewhere on each row; the gutter at 196-216
        left, right = 40 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10, 196), ("cc", 216, right), ("dd", right + 10, 400)]
        rows.append(_line(26 * row, words))
    last = _line(26 * 5, [("aa", 0, 90), ("bb", 100, 196), ("end.", 216, 280)])
    assert _gaps([*rows, last]) == [{2}] * 5 + [{2}]
    centred = _line(26 * 5, [("Figure", 140, 196), ("one", 216, 260)])
    assert _gaps([*rows, centred]) == [{2}] * 5 + [set()]


def test_a_paragraph_set_apart_over_the_columns_is_not_cut_where_a_word_space_lies_over_their_gutter() -> None:
    """A front page's standfirst, a line across the page over two columns run across by the detector, a paragraph's
    space (1.6 line heights) under it, and one of its word spaces over the columns' gutter: it was cut there and its
    second half read as the right column's first line. The columns' rows are still cut; the standfirst is not."""
    standfirst = _line(14, [("The", 0, 60), ("value", 70, 194), ("is", 202, 300), ("used", 310, 400)])
    rows = []
    for row in range(5):
        left, right = 30 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10 + 4 * row, 200), ("cc", 216, right), ("dd", right + 30 - row, 400)]
        rows.append(_line(66 + row * 26, words))
    assert _gaps([standfirst, *rows]) == [set()] + [{2}] * 5


def test_the_columns_last_row_run_across_is_cut_where_every_row_above_was_kept_apart() -> None:
    """The detector kept every row of two columns apart but ran the last one across the gutter, the right column's
    line a paragraph's short end: the strip's only member, short on one side, was taken for a headline over the
    columns and kept whole (a front page read it as one line, after the right column)."""
    lines = [_line(row * 26, [("left", 0, 190)]) for row in range(5)]
    lines += [_line(row * 26, [("right", 212, 400)]) for row in range(5)]
    lines.append(_line(130, [("network", 0, 150), ("An", 160, 190), ("Ascii85", 212, 300)]))
    assert _gaps(lines)[-1] == {2}


def test_word_spaces_lined_up_down_one_column_are_no_gutter_where_most_are_narrow() -> None:
    """A photographed page's justified column (its word boxes as read, the rows' first words): one word space of
    each of six rows lined up, 5-16 px wide at 22 px lines 19 px apart, the row under them running through: cut
    there, the rows' pieces were read as a table's cells."""
    rows = [
        [("contents", 578, 640), ("into", 648, 675), ("a", 682, 690), ("Message", 702, 759)],
        [("strings,", 579, 633), ("return", 640, 681), ("a", 688, 694), ("delta", 705, 736)],
        [("intended", 580, 643), ("for", 650, 671), ("internal", 678, 734)],
        [("public", 580, 625), ("API.", 642, 675), ("Threads", 691, 748)],
        [("simultaneously", 579, 685), ("awoken", 690, 743)],
        [("Supports", 581, 644), ("the", 652, 676), ("following", 684, 748)],
        [("Interface", 580, 643), ("representing", 650, 737)],
    ]
    assert _gaps([_line(row * 19, words, height=22) for row, words in enumerate(rows)]) == [set()] * 7


def test_a_gutter_read_narrow_on_the_few_rows_run_across_is_still_one_beside_the_rows_kept_apart() -> None:
    """A held-out front page: the detector ran the columns' top three rows across the gutter, which their word boxes
    left 22, 5 and 7 px wide, and kept the rows under them apart; narrow on most of its rows, it is still the
    gutter, the columns' edges beside it (the first form of the river's rule left the top row uncut)."""
    lines = [_line(0, [("aa", 0, 190), ("bb", 212, 400)]), _line(26, [("aa", 0, 197), ("bb", 202, 400)])]
    lines.append(_line(52, [("aa", 0, 196), ("bb", 203, 400)]))
    lines += [_line(78 + row * 26, [("left", 0, 192)]) for row in range(5)]
    lines += [_line(78 + row * 26, [("right", 206, 400)]) for row in range(5)]
    assert _gaps(lines)[:3] == [{1}, {1}, {1}]


def test_word_spaces_lined_up_down_a_whole_paragraph_are_no_gutter_where_they_cut_it_unevenly() -> None:
    """A tenth draw's two-column paper: one word space of each of the five justified rows of a paragraph in the right
    column lined up (6-9 px at 18 px lines), and no word runs through the strip (the paragraph's short last row ends
    left of it, the row above it is another paragraph's, far up): cut there, the rows' left pieces (170 px) were read
    before their right pieces (273 px). Two columns are about as wide as each other; these pieces are not."""
    rows = [
        [("and a stream-like object.", 511, 667), ("A", 673, 679), ("class that represents a thread of", 685, 961)],
        [("other methods are just", 512, 651), ("there", 654, 685), ("for subclasses to override in order", 691, 961)],
        [("the default behaviour.", 512, 653), ("You", 659, 680), ("can also instantiate either of these", 689, 958)],
        [("directly, regardless of", 511, 647), ("your", 654, 678), ("system. Help message formatter which", 686, 962)],
        [("default values to", 511, 619), ("argument", 626, 682), ("help. Return the median (middle value)", 689, 962)],
        [("numeric data.", 513, 593)],
    ]
    assert _gaps([_line(85 + 20 * row, words, height=18) for row, words in enumerate(rows)]) == [set()] * 6


def test_word_spaces_lined_up_down_a_paragraph_are_no_gutter_where_the_column_beside_is_twice_as_wide() -> None:
    """A fourteenth draw's two-column paper: the right column's four justified rows under a figure, one word space
    of each lined up (3-11 px at 18 px lines, 8 at the median: as wide as some narrow gutters), the pieces about as
    wide as each other, no word running through the strip; cut there, the paragraph was read as two columns of 210
    px. The left column beside it, level with its rows, is 440 px wide: a page's columns are about as wide as each
    other, so the strip lies inside a column."""
    rows = [
        [("recommended in RFC 4122.", 518, 701), ("The", 708, 729), ("file contents, owner, and group are", 736, 961)],
        [
            ("unaffected. Loader for", 520, 661),
            ("extension", 669, 724),
            ("modules. Should be able to handle", 735, 957),
        ],
        [
            ("anything", 519, 570),
            ("email.utils.parseaddr can", 579, 729),
            ("handle. The harmonic mean is the", 738, 960),
        ],
        [("reciprocal of the arithmetic", 520, 681), ("mean of", 687, 735), ("the reciprocals of the data.", 738, 896)],
    ]
    lines = [_line(515 + 21 * row, words, height=18) for row, words in enumerate(rows)]
    left = ["Return the most common data point", "Unspecified run-time error. If all", "fail, we choose a random"]
    lines += [_line(532 + 20 * row, [(text, 42, 482)], height=18) for row, text in enumerate(left)]
    assert _gaps(lines) == [set()] * 7


def test_the_even_word_spaces_of_a_column_of_capitals_the_detector_cut_at_each_are_no_gutter() -> None:
    """An eighteenth draw's front page: a justified disclaimer in capitals (spaces of 1.3 line heights), the detector's
    boxes cut at each space, one row run whole. One space of each row lined up, pieces beside it on both sides: cut
    as a gutter, the column's four rows were read as two columns. The spaces next to it on each row are as wide."""
    rows = [
        [("AUTHOR", 511, 589), ("SPECIFICALLY", 621, 754), ("DISCLAIMS", 787, 892), ("ANY", 923, 961)],
        [
            ("WARRANTIES,", 514, 644),
            ("INCLUDING,", 652, 767),
            ("BUT", 779, 817),
            ("NOT", 829, 867),
            ("LIMITED", 883, 959),
        ],
        [("TO,", 512, 543), ("THE", 578, 616), ("IMPLIED", 656, 734), ("WARRANTIES", 777, 896), ("OF", 935, 959)],
        [("MERCHANTABILITY", 511, 692), ("AND", 714, 755), ("FITNESS", 780, 860), ("FOR", 889, 925), ("A", 950, 961)],
    ]
    lines = [_line(230 + 23 * k, [word], height=23) for k, row in enumerate(rows) if k != 1 for word in row]
    lines.insert(4, _line(253, rows[1], height=23))  # the one row the detector left whole
    lines = [_line(184, [("object of the correct type. Heap queue algorithm", 512, 953)], height=24), *lines]
    assert _gaps(lines) == [set()] * len(lines)


def test_a_speck_of_another_size_off_to_one_side_does_not_end_the_strip() -> None:
    """An eighteenth draw's front page of three justified columns: the detector ran the first five rows across the
    first two, and a stray box round one letter (16 px high on 26-px lines) stood level with the third row, in the
    next gutter, 300 px to the right. As text of another size it ended the strip there: the three rows above were
    read across the columns. Only a line of another size reaching the strip (a headline over it) ends it."""
    lefts = ["This is slightly faster than the", "normalvariate() function. THIS", "FUNCTION IS UNSAFE AND"]
    rights = ["A base class for ExitStack and", "AsyncExitStack. An IPv4Interface", "or IPv6Interface object. The"]
    lines = [
        _line(264 + 23 * row, [(left, 41, 331 - row * 3), (right, 357, 645)], height=26)
        for row, (left, right) in enumerate(zip(lefts, rights, strict=True))
    ]
    lines.insert(3, _line(315, [("e", 640, 658)], height=16))
    lines += [
        _line(332 + 23 * row, [(f"left {row}", 40, 331), (f"right {row}", 355, 644)], height=26) for row in range(2)
    ]
    lines += [_line(381 + 23 * row, [(f"left {row + 2}", 41, 330)], height=26) for row in range(5)]
    lines += [_line(381 + 23 * row, [(f"right {row + 2}", 355, 645)], height=26) for row in range(5)]
    gaps = _gaps(lines)
    assert gaps[:3] == [{1}] * 3
    assert gaps[3] == set()
    assert gaps[4:6] == [{1}] * 2


def test_a_standfirst_under_a_headline_ending_at_the_gutter_is_not_cut_where_its_word_space_lies_over_it() -> None:
    """A twenty-fourth draw's front page: a headline ending just past where the columns' gutter runs counted as a
    line beside the gutter, so the standfirst under it — across the page, a paragraph's space over the columns, one
    word space over their gutter — was no longer the strip's top line and was cut, its second half read as the right
    column's first line. Each end of a strip set apart from the next is peeled off: the headline, then the
    standfirst."""
    headline = _line(-20, [("The", 0, 80), ("file", 90, 203)], height=28)
    standfirst = _line(40, [("Loggers", 0, 100), ("use", 110, 198), ("filter", 218, 300), ("records", 310, 400)])
    second = _line(66, [("returning", 0, 90)])
    rows = []
    for row in range(5):  # word spaces elsewhere on each row; the gutter at 200-216
        left, right = 30 + 25 * row, 250 + 23 * row
        words = [("aa", 0, left), ("bb", left + 10 + 4 * row, 200), ("cc", 216, right), ("dd", right + 30 - row, 400)]
        rows.append(_line(112 + row * 26, words))
    assert _gaps([headline, standfirst, second, *rows]) == [set(), set(), set()] + [{2}] * 5
