"""Reading order on synthetic detector output (no model): tilt, centred lines, columns, receipts, fragments, tables,
forms and menus; whole layouts (figures, footnotes, running heads, posters): test_reading_order_layouts.py."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opensight._results_text import TextLine
from opensight.tasks._page_frame import text_angle
from opensight.tasks._reading_order import reading_order


def line(text: str, x: float, y: float, width: float, height: float = 20, degrees: float = 0) -> TextLine:
    """A detector line whose top-left corner is at (x, y) in the text's frame, the page turned by ``degrees``
    (clockwise, as a picture rotated on screen) about the origin."""
    corners = np.array([[x, y], [x + width, y], [x + width, y + height], [x, y + height]], dtype=np.float64)
    angle = math.radians(degrees)
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return TextLine(text, 0.9, (corners @ turn.T).astype(np.float32))


def texts(lines: list[TextLine], seed: int = 0) -> list[str]:
    shuffled = list(lines)
    np.random.default_rng(seed).shuffle(shuffled)
    return [found.text for found in reading_order(shuffled)]


@pytest.mark.parametrize("degrees", [-5, -3, 0, 3, 5])
def test_a_tilted_two_line_caption_reads_first_line_first(degrees: float) -> None:
    # the detector split each line in two; at 3° the right half of line 1 sits lower than the left of line 2
    caption = [
        line("The first line", 0, 0, 500, degrees=degrees),
        line("reads like this", 520, 0, 520, degrees=degrees),
        line("and this is the", 0, 30, 500, degrees=degrees),
        line("second line", 520, 30, 400, degrees=degrees),
    ]
    for seed in range(5):
        assert texts(caption, seed) == ["The first line reads like this", "and this is the second line"]


def test_two_rows_split_by_a_wide_space_are_still_two_rows() -> None:
    caption = [line("The first line", 0, 0, 400), line("goes on here", 500, 0, 380)]
    caption += [line("and the second", 0, 30, 400), line("line ends here", 500, 30, 400)]
    for degrees in (-3, 3):
        tilted = turned(caption, degrees)
        assert texts(tilted) == ["The first line", "goes on here", "and the second", "line ends here"]


@pytest.mark.parametrize("degrees", [-3, 0, 3])
def test_text_angle_is_the_median_long_edge(degrees: float) -> None:
    lines = [line("a", 0, 0, 300, degrees=degrees), line("b", 0, 40, 200, degrees=degrees), line("c", 0, 80, 8)]
    assert math.degrees(text_angle([found.polygon for found in lines])) == pytest.approx(degrees, abs=0.01)


def test_long_lines_tell_the_tilt_over_short_boxes_that_read_it_wrong() -> None:
    """A nutrition label, not turned: its long lines run level, while its short value boxes ('2.3 g') come back
    sloped by a few degrees each. Counted one box one vote, they turned the page by 2°, which lifted each value 300 px
    right of its label by half a row; each line's angle counts by its length."""
    label = []
    rows = [("Total fat", "2.3 g"), ("Saturates", "0.4 g"), ("Carbohydrate", "37 g"), ("Protein", "5.1 g")]
    for row, (name, value) in enumerate(rows):
        label.append(line(name, 0, 24 * row, 260, 18))
        sloped = line(value, 560, 24 * row, 40, 18, degrees=4)  # the box turned about its own corner
        label.append(TextLine(value, 0.9, sloped.polygon + np.array([560, 24 * row], np.float32) - sloped.polygon[0]))
    assert abs(math.degrees(text_angle([found.polygon for found in label]))) < 0.5
    for seed in range(3):
        assert texts(label, seed) == [cell for cells in rows for cell in cells]


def test_a_centred_short_line_is_not_a_column() -> None:
    poster = [
        line("GRAND OPENING", 300, 0, 400, 40),
        line("everything half price this weekend", 0, 60, 1000),
        line("today", 450, 90, 100),
        line("doors open at nine", 250, 120, 500),
    ]
    for degrees in (0, 3):
        tilted = turned(poster, degrees)
        assert texts(tilted) == [
            "GRAND OPENING",
            "everything half price this weekend",
            "today",
            "doors open at nine",
        ]


def turned(lines: list[TextLine], degrees: float) -> list[TextLine]:
    """The same level lines, the page turned by ``degrees``."""
    turned_lines = []
    for found in lines:
        x1, y1, x2, y2 = found.box
        turned_lines.append(line(found.text, x1, y1, x2 - x1, y2 - y1, degrees=degrees))
    return turned_lines


def test_two_columns_with_a_real_gutter_read_one_after_the_other() -> None:
    page = [line("A Title Across Both Columns", 100, -60, 900, 30)]
    page += [line(f"left {row}", 0, 30 * row, 480) for row in range(6)]
    page += [line(f"right {row}", 540, 30 * row, 470) for row in range(6)]
    page += [line("a footer across the page", 0, 200, 1000)]
    expected = ["A Title Across Both Columns"] + [f"left {r}" for r in range(6)] + [f"right {r}" for r in range(6)]
    for degrees in (-3, 0, 4):
        tilted = turned(page, degrees)
        assert texts(tilted) == [*expected, "a footer across the page"]


@pytest.mark.parametrize("degrees", [-3, 0, 3])
def test_two_short_columns_of_prose_on_the_same_rows_are_columns_not_a_table(degrees: float) -> None:
    """Three lines in each column, rows level with each other, both sides as wide as text is: a two-column
    page (a table pairs a wide side with a narrow one, item … price)."""
    left = ["debian/po: Convert", "non-UTF-8 to UTF-8", "Upload to testing."]
    right = ["consistency checks.", "However gunzip is", "sometimes able to detect a"]
    widths = [330, 360, 300, 320, 310, 440]
    page = [line(t, 0, 60 * r, widths[r], 30, degrees) for r, t in enumerate(left)]
    page += [line(t, 600, 60 * r, widths[3 + r], 30, degrees) for r, t in enumerate(right)]
    for seed in range(3):
        assert texts(page, seed) == left + right


def test_columns_a_gutter_of_one_and_a_third_line_heights_apart_are_columns() -> None:
    """Left 3 lines, right 4 (the rows only partly paired): a gutter 40 px wide at 30-px lines is a gutter."""
    left = ["startup script runs.", "New upstream version", "0.10.1. Non-maintainer"]
    right = ["upload.", "Repository-Browse.", "documentation for", "patch. Non-maintainer"]
    page = [line(t, 0, 40 * r, 210 - 10 * r, 30) for r, t in enumerate(left)]
    page += [line(t, 250, 40 * r, [80, 180, 170, 205][r], 30) for r, t in enumerate(right)]
    for seed in range(3):
        assert texts(page, seed) == left + right


def test_a_receipt_of_short_items_still_pairs_each_with_its_price() -> None:
    receipt = [line(item, 0, 30 * row, 20 * len(item)) for row, item in enumerate(["Tea", "Milk", "Eggs", "Jam"])]
    receipt += [line(price, 300, 30 * row, 80) for row, price in enumerate(["1.20", "0.95", "2.40", "3.10"])]
    assert texts(receipt) == ["Tea", "1.20", "Milk", "0.95", "Eggs", "2.40", "Jam", "3.10"]


def test_a_short_line_beside_a_paragraph_is_not_a_gutter() -> None:
    # a wide gap on one row only (a heading and a date): rows, not columns
    lines = [line("Minutes", 0, 0, 150), line("12 May", 800, 0, 120)]
    lines += [line(f"paragraph line {row}", 0, 30 * row, 1000) for row in range(1, 4)]
    assert texts(lines) == ["Minutes", "12 May", "paragraph line 1", "paragraph line 2", "paragraph line 3"]


def test_a_receipt_reads_each_item_with_its_price() -> None:
    receipt = [line("CORNER SHOP", 150, 0, 200)]
    for row, (item, price) in enumerate([("Coffee", "3.20"), ("Croissant x2", "4.80"), ("Orange juice", "2.90")]):
        receipt += [line(item, 0, 40 + 30 * row, 20 * len(item)), line(price, 420, 40 + 30 * row, 80)]
    receipt += [line("TOTAL", 0, 150, 100), line("10.90", 420, 150, 80)]
    for degrees in (0, -3):
        tilted = turned(receipt, degrees)
        assert texts(tilted) == [
            "CORNER SHOP",
            "Coffee",
            "3.20",
            "Croissant x2",
            "4.80",
            "Orange juice",
            "2.90",
            "TOTAL",
            "10.90",
        ]


def test_fragments_of_one_line_are_joined_and_overlaps_read_once() -> None:
    fragments = [line("Open Monday to", 0, 0, 280), line("Saturday from 8 t", 300, 2, 340), line("to 18", 620, 1, 100)]
    joined = reading_order(fragments)
    assert [found.text for found in joined] == ["Open Monday to Saturday from 8 to 18"]
    assert joined[0].box == pytest.approx((0, 0, 720, 22), abs=0.01)
    assert joined[0].score == pytest.approx(0.9)


def test_fragments_apart_are_joined_with_a_space_even_when_letters_repeat() -> None:
    fragments = [line("talented", 0, 0, 120), line("droller email", 140, 0, 190)]
    assert texts(fragments) == ["talented droller email"]


def test_every_detector_line_stays_whole() -> None:
    # a long line and a short one under its right end: never cut, never merged across rows
    lines = [line("a long first line of text", 0, 0, 900), line("second", 700, 26, 150)]
    assert texts(lines) == ["a long first line of text", "second"]
    assert reading_order([]) == []


@pytest.mark.parametrize("degrees", [-3, 0, 3])
def test_single_characters_taller_than_wide_do_not_tilt_the_page(degrees: float) -> None:
    """A lone digit's box is taller than wide: its long edge is upright. Two of them beside two level lines made a
    median of 45° and read '9', then both lines as one, then '5'."""
    sign = [line("Opening hours", 0, 0, 300), line("Monday to Friday", 0, 30, 340)]
    sign += [line("9", 0, 60, 12, 24), line("5", 200, 60, 12, 24)]
    tilted = turned(sign, degrees)
    assert math.degrees(text_angle([found.polygon for found in tilted])) == pytest.approx(degrees, abs=0.01)
    assert texts(tilted) == ["Opening hours", "Monday to Friday", "9", "5"]


def test_text_angle_of_square_sideways_or_far_tilted_lines_is_level() -> None:
    squares = [line("a", 0, 0, 20, 20, degrees=10), line("b", 40, 0, 22, 20, degrees=10)]
    assert text_angle([found.polygon for found in squares]) == 0.0  # nothing elongated: nothing to tell the angle
    sideways = [line("upright", 0, 0, 20, 300), line("column", 40, 0, 20, 250), line("level", 0, 400, 200)]
    assert text_angle([found.polygon for found in sideways]) == 0.0  # mostly upright: not corrected
    steep = [line("a", 0, 0, 300, degrees=60), line("b", 0, 40, 300, degrees=60)]
    assert text_angle([found.polygon for found in steep]) == 0.0  # beyond 45°: not corrected
    assert text_angle([]) == 0.0


def test_a_polygon_listed_from_another_corner_has_the_same_angle() -> None:
    level = line("Opening hours", 0, 0, 300, degrees=4)
    from_bottom_left = np.roll(level.polygon, 1, axis=0)  # the long edges are now the 2nd and 4th
    assert math.degrees(text_angle([from_bottom_left])) == pytest.approx(4, abs=0.01)


def test_columns_whose_rows_do_not_line_up_are_still_columns() -> None:
    page = [line(f"left {row}", 0, 30 * row, 480) for row in range(6)]
    page += [line(f"right {row}", 560, 30 * row + 15, 470) for row in range(5)]  # half a row lower
    assert texts(page) == [f"left {row}" for row in range(6)] + [f"right {row}" for row in range(5)]


def test_a_table_of_numbers_reads_across_but_two_lists_of_words_read_down() -> None:
    """Both sides as wide as each other: numbers on the same rows are a table, words are two columns."""
    numbers = [line(year, 0, 30 * row, 100) for row, year in enumerate(["2019", "2020", "2021", "2022"])]
    numbers += [line(count, 300, 30 * row, 100) for row, count in enumerate(["1,204", "1,530", "1,688", "1,702"])]
    assert texts(numbers) == ["2019", "1,204", "2020", "1,530", "2021", "1,688", "2022", "1,702"]
    words = [line(word, 0, 30 * row, 100) for row, word in enumerate(["alpha", "beta", "gamma", "delta"])]
    words += [line(word, 300, 30 * row, 100) for row, word in enumerate(["one", "two", "three", "four"])]
    assert texts(words) == ["alpha", "beta", "gamma", "delta", "one", "two", "three", "four"]


def test_chat_bubbles_left_and_right_by_turns_read_top_to_bottom() -> None:
    """Bubbles on the left and on the right by turns, a name above them: not two columns (each side is empty for
    half the height), so the name comes first and the bubbles in the order they were written."""
    page = [line("Sofia Martinez", 300, 10, 160, 22)]
    bubbles = [
        ("Are you still coming to the concert tonight?", 20, 70),
        ("Yes! Just leaving work now", 560, 130),
        ("Great, doors open at 7:30", 20, 190),
        ("Should I bring the tickets?", 560, 250),
        ("They're on my phone, no need", 20, 310),
        ("Meet at the main entrance?", 560, 370),
    ]
    page += [line(text, x, y, 11 * len(text), 22) for text, x, y in bubbles]
    for seed in range(3):
        assert texts(page, seed) == ["Sofia Martinez"] + [text for text, _, _ in bubbles]


def test_a_timetable_of_four_columns_reads_row_by_row() -> None:
    """Time, destination, platform and status in cells 1-2.5 line heights apart: a table, read across each row."""
    rows = [
        ("Departure", "Destination", "Platform", "Status"),
        ("08:15", "Cambridge", "4", "On time"),
        ("08:32", "Oxford Parkway", "7", "Delayed 5 min"),
        ("08:47", "Manchester Piccadilly", "2", "On time"),
        ("09:05", "York", "11", "Cancelled"),
    ]
    page = [line("Live departures", 45, -50, 186, 30)]
    for number, cells in enumerate(rows):
        page += [
            line(cell, x, 37 * number, 9 * len(cell), 26) for cell, x in zip(cells, (62, 180, 382, 489), strict=True)
        ]
    for seed in range(3):
        found = texts(page, seed)
        assert found[0] == "Live departures"
        assert " ".join(found[1:]) == " ".join(cell for cells in rows for cell in cells)  # cells close by are joined


def test_a_receipt_with_an_order_number_above_its_rows_reads_item_then_price() -> None:
    """Two heading lines above the item … price rows on the left have no price beside them: the rows are still a
    table (each item, then its price)."""
    page = [line("Order #A-20931", 425, 106, 130, 18), line("Placed on 12 May 2025", 425, 130, 196, 21)]
    items = [("Wireless mouse", "24.99"), ("USB-C cable 2m x2", "15.98"), ("Laptop stand", "39.00")]
    items += [("Subtotal", "87.46"), ("Shipping", "4.95"), ("Total", "109.90")]
    for row, (item, price) in enumerate(items):
        page += [line(item, 425, 157 + 26 * row, 9 * len(item), 21), line(price, 800, 157 + 26 * row, 53, 21)]
    expected = ["Order #A-20931", "Placed on 12 May 2025"] + [text for pair in items for text in pair]
    for seed in range(3):
        assert texts(page, seed) == expected


def test_a_sidebar_beside_a_table_reads_first_and_the_table_row_by_row() -> None:
    """A file manager (the boxes of a browser screenshot): places in a sidebar at their own spacing, not level with
    the rows of the list beside them, read first; then the list's rows of name, size and date, read across."""
    boxes = [
        ("Home", 15, 24, 62, 45),
        ("Documents", 16, 58, 95, 78),
        ("Downloads", 16, 91, 95, 111),
        ("Pictures", 17, 125, 75, 143),
        ("Music", 16, 157, 62, 178),
        ("Name", 248, 54, 294, 75),
        ("Size", 406, 53, 441, 75),
        ("Modified", 504, 54, 566, 74),
        ("budget_2025.xlsx", 249, 85, 371, 105),
        ("48 KB", 406, 85, 453, 106),
        ("Yesterday", 504, 84, 577, 107),
        ("holiday photos", 248, 116, 349, 139),
        ("12 items", 407, 117, 468, 137),
        ("3 Jan", 503, 115, 546, 139),
        ("invoice_7781.pdf", 247, 147, 367, 169),
        ("210 KB", 406, 147, 461, 168),
        ("28 Dec", 505, 149, 556, 167),
        ("notes.txt", 248, 179, 310, 199),
        ("2 KB", 406, 179, 444, 198),
        ("Today", 504, 176, 551, 202),
    ]
    page = [line(text, x1, y1, x2 - x1, y2 - y1) for text, x1, y1, x2, y2 in boxes]
    for seed in range(3):
        found = texts(page, seed)
        assert found[:5] == [text for text, *_ in boxes[:5]]
        assert " ".join(found[5:]) == " ".join(text for text, *_ in boxes[5:])


def test_justified_columns_an_em_apart_read_down_even_where_a_row_is_cut_at_its_wide_spaces() -> None:
    """The detector cuts some justified lines of the right column at their wide word spaces: the first and last
    word of such a line are far apart, but each is close to its neighbour, so they are one line, not the cells of
    a table; the columns, 0.6 line heights apart, read one after the other."""
    left = [line(f"left {row}", 0, row * 30, 400) for row in range(6)]
    right = []
    for row in range(6):
        if row % 2:
            right.append(line(f"right {row}", 412, row * 30, 400))
        else:  # cut at two wide spaces of 0.5 line heights
            right += [line(f"right {row}a", 412, row * 30, 120), line("b", 542, row * 30, 140)]
            right.append(line("c", 692, row * 30, 120))
    expected = [f"left {row}" for row in range(6)]
    expected += [f"right {row}" if row % 2 else f"right {row}a b c" for row in range(6)]
    for seed in range(3):
        assert texts(left + right, seed) == expected


@pytest.mark.parametrize("degrees", [-2, 0, 2])
def test_justified_columns_a_sixth_of_a_line_height_apart_read_down(degrees: float) -> None:
    """Word boxes are rough: two justified columns 0.8 em apart, cut at the gutter, can leave only 0.1-0.25 line
    heights between the cut lines. Both sides are columns (the lines on the right start at one place, and the sides
    are about as wide), so they read one after the other."""
    left = [line(f"left {row}", 0, row * 30, 400 - 3 * (row % 2), degrees=degrees) for row in range(6)]
    right = [line(f"right {row}", 404 + 2 * (row % 3), row * 30, 390, degrees=degrees) for row in range(6)]
    expected = [f"left {row}" for row in range(6)] + [f"right {row}" for row in range(6)]
    for seed in range(3):
        assert texts(left + right, seed) == expected


def test_the_last_words_of_justified_lines_cut_at_their_wide_spaces_are_not_a_column() -> None:
    """One justified column whose short lines the detector cut at their widest space: the last words start at about
    one place, a narrow gap after the longest first part, yet they are not a column (far narrower than the first
    parts), so every row reads across."""
    rows = []
    for row, width in enumerate((300, 310, 296, 305, 302)):
        rows += [line(f"first part {row}", 0, row * 30, width), line(f"last {row}", 314 + 4 * (row % 2), row * 30, 86)]
    expected = [f"first part {row} last {row}" for row in range(5)]
    for seed in range(3):
        assert texts(rows, seed) == expected


def test_a_form_of_labels_and_values_reads_each_label_with_its_value() -> None:
    """Labels ending with a colon in one column, their values in another a wide gap away, one pair a row (a new user's
    vehicle inspection form was read as every label, then every value)."""
    pairs = [("Owner:", "Linda Choi"), ("Plate:", "KX19 ZTR"), ("Make and model:", "Toyota Corolla")]
    pairs += [("Mileage:", "48,210 miles"), ("Result:", "Passed"), ("Inspector:", "R. Mendes"), ("Date:", "21/08/2024")]
    page = [line("Vehicle Inspection", 58, 49, 366, 59)]
    for row, (label, value) in enumerate(pairs):
        page += [line(label, 62, 148 + 70 * row, 15 * len(label), 39), line(value, 358, 146 + 70 * row, 140, 39)]
    for seed in range(3):
        assert texts(page, seed) == ["Vehicle Inspection"] + [text for pair in pairs for text in pair]


@pytest.mark.parametrize("degrees", [-2, 0, 2])
def test_a_table_whose_boxes_tell_a_wrong_tilt_still_reads_row_by_row(degrees: float) -> None:
    """Short words' boxes tell the page's tilt roughly: a new user's unturned table of opening hours was read as turned
    1.7°, which put its last column a third of a line height off its first and read it column by column. A slope
    that every row shares is the page's, and the rows are level once it is taken out."""
    rows = [("Day", "Open", "Close"), ("Monday", "9 am", "5 pm"), ("Tuesday", "9 am", "5 pm")]
    rows += [("Saturday", "10 am", "2 pm"), ("Sunday", "Closed", "-")]
    slope = math.tan(math.radians(1.7))  # the rows run this much off what the page's tilt was read as
    page = []
    for number, cells in enumerate(rows):
        for cell, x in zip(cells, (40, 380, 590), strict=True):
            page.append(line(cell, x, 56 * number + slope * x, 14 * len(cell) + 10, 45, degrees))
    for seed in range(3):
        assert texts(page, seed) == [cell for cells in rows for cell in cells]


def test_number_columns_a_fifth_of_a_line_height_apart_are_a_table_not_columns() -> None:
    """The detector's boxes of a price list's right-aligned number columns, an em apart on the page, leave a fifth
    of a line height between them: they were taken for two narrow columns and read down, every name, then every
    quantity, then every price. A side of numbers and units ('3 am') level with the other side's rows is a table."""
    rows = [("Equivalent", "30,549", "868.98"), ("And", "52,854", "3 am"), ("Software", "5,340", "323.68")]
    rows += [("Support", "96,689", "12 kg"), ("Permission major", "3,294", "587.50"), ("This", "96,132", "594.47")]
    page = []
    for number, cells in enumerate(rows):
        page += [line(cells[0], 60, 45 * number, 12 * len(cells[0]), 42)]
        page += [line(cells[1], 280, 45 * number, 76, 42), line(cells[2], 364, 45 * number, 76, 42)]
    for seed in range(3):  # the number cells a fifth of a line height apart are joined: one line of the row
        assert " ".join(texts(page, seed)) == " ".join(cell for cells in rows for cell in cells)


def test_a_table_of_word_cells_a_third_of_an_em_apart_reads_row_by_row() -> None:
    """Columns of names, cities and teams a third of an em apart leave narrow gaps the same on every row, taken for
    gutters between columns of text (a new user's HTML tables: 4 of 6 read column by column, RapidOCR direct 6 of 6
    row by row): cells that start at the same places row after row are a table's columns."""
    rows = [
        ("Name", "City", "Team", "Status"),
        ("Jonas P.", "Graz", "Blue", "active"),
        ("Ines B.", "Oslo", "Green", "paused"),
    ]
    rows += [("Mara K.", "Lyon", "Red", "active"), ("Tom W.", "Turku", "Blue", "pending")]
    page = []
    for number, cells in enumerate(rows):
        for cell, x in zip(cells, (0, 100, 170, 240), strict=True):
            page.append(line(cell, x, 30 * number, 11 * len(cell), 26))
    for seed in range(3):
        assert " ".join(texts(page, seed)) == " ".join(cell for cells in rows for cell in cells)


def test_a_menu_with_a_description_under_some_dishes_reads_each_dish_with_its_price() -> None:
    """Prices flush right beside each dish, a line of description under some dishes: the prices were read after the
    whole menu (a new user's menus, 2 of 6)."""
    menu = [("Smoked gnocchi", "€21.00", "and sweet potato mash"), ("Onion soup", "€8.25", None)]
    menu += [("Lamb shank", "€26.50", "with rosemary jus"), ("Lemon tart", "€7.50", None)]
    page, expected, y = [], [], 0
    for dish, price, description in menu:
        page += [line(dish, 0, y, 10 * len(dish), 24), line(price, 520, y, 60, 24)]
        expected += [dish, price]
        y += 30
        if description:
            page.append(line(description, 0, y, 9 * len(description), 22))
            expected.append(description)
            y += 30
    for seed in range(3):
        assert texts(page, seed) == expected


def test_two_addresses_side_by_side_between_a_title_and_a_table_read_one_after_the_other() -> None:
    """An invoice's Bill to and Ship to blocks, side by side, an empty row above and below them: no gutter runs down
    the page (the table under them is read row by row), so the rows were read across both addresses."""
    page = [line("INVOICE 2231", 0, 0, 160)]
    page += [line(text, 0, 50 + 22 * row, 120) for row, text in enumerate(["Bill to", "Ann Lee", "5 Oak Road"])]
    ship = ["Ship to", "Bo Park", "9 Elm Lane", "Riga 1001"]
    page += [line(text, 420, 50 + 22 * row, 120) for row, text in enumerate(ship)]
    table = [("Qty", "Item", "Price"), ("2", "Tea", "4.50"), ("1", "Rye bread", "3.85"), ("6", "Rolls", "3.60")]
    for row, cells in enumerate(table):
        page += [line(cell, x, 170 + 22 * row, 12 * len(cell)) for cell, x in zip(cells, (0, 80, 420), strict=True)]
    addresses = ["Bill to", "Ann Lee", "5 Oak Road", *ship]
    for seed in range(3):
        assert texts(page, seed) == ["INVOICE 2231", *addresses, *(cell for cells in table for cell in cells)]


def test_a_calendar_whose_weeks_are_apart_still_reads_week_by_week() -> None:
    """A month's grid, an empty row under its first full week, the first week only a Saturday and a Sunday: in the
    band above the empty row the weekend's column looked like a column of text beside the weekdays'."""
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weeks = [days, ["1", "2"], *([str(day) for day in range(first, first + 7)] for first in (3, 10, 17))]
    page = [line("May 2025", 200, 0, 110)]
    for row, week in enumerate(weeks):
        y = 40 + 22 * row + (44 if row > 2 else 0)
        page += [line(day, 90 * (7 - len(week) + column), y, 14 * len(day)) for column, day in enumerate(week)]
    for seed in range(3):
        assert texts(page, seed) == ["May 2025", *(day for week in weeks for day in week)]


def test_the_last_words_of_justified_rows_cut_at_their_wide_spaces_are_no_column_a_third_of_a_line_apart() -> None:
    """A justified column of few, long words a row: the detector cut its first rows at their wide spaces, and the
    last word of each starts at about one place, a third of a line height past the longest row before it (the
    reader's cuts follow the words' ink, so such a gap is no longer hidden by rough word boxes). Those words are no
    column beside the rest: they do not start at one place and are far narrower than it."""
    rows = [
        [("proximity", 38, 107), ("barometers", 176, 118), ("ambidextrous", 321, 143), ("caisson", 494, 81)],
        [("faradizing", 38, 118), ("monumental", 204, 113), ("teapots", 362, 86), ("fondant", 496, 78)],
        [("explanatory", 38, 130), ("discharged", 208, 113), ("develop", 362, 79), ("Ericsson", 484, 93)],
        [("endorser walkout quaffed modicum", 39, 408), ("shovelful", 472, 101)],
    ]
    page = [line(text, x, 23 * number, width, height=28) for number, row in enumerate(rows) for text, x, width in row]
    below = ["husbanded throng Bates crazies calculates off", "symptomatic atheism blazes earthworm thudded"]
    below += ["stockade bandaged loofah changing displeases", "son urinalysis pathway Balkans metastasis"]
    page += [line(text, 38, 23 * (4 + number), 539, height=28) for number, text in enumerate(below)]
    expected = " ".join([text for row in rows for text, _, _ in row] + below)
    for seed in range(3):
        assert " ".join(texts(page, seed)) == expected


def test_a_column_that_ends_well_above_the_one_beside_it_is_still_a_column() -> None:
    """Two columns of CSS text, the second only 5 lines of the first's 12 (the end of an article): text on both sides
    over under half the page, which a gap inside a table or a form also has — but no line crosses the gap from the
    columns' top down. A new user's trial read 5 of 5 such pages across their gutter."""
    left = [line(f"left column line {number}", 0, 30 * number, 500) for number in range(12)]
    right = [line(f"right column line {number}", 530, 30 * number, 500) for number in range(5)]
    for seed in range(3):
        assert texts(left + right, seed) == [found.text for found in left + right]


def test_three_columns_under_an_em_apart_read_one_after_the_other() -> None:
    """Three justified columns half a line height apart (a newspaper's): right of the first gutter stand two
    columns, twice its left's width, and the check that a narrow gap has columns on both sides (about as wide as
    each other) took them for a table; a side's width now ends at its next gutter."""
    page = []
    for column in range(3):
        page += [line(f"column {column} line {number}", 360 * column, 22 * number, 351) for number in range(8)]
    for seed in range(3):
        assert texts(page, seed) == [found.text for found in page]


def test_a_caption_strip_reads_its_description_before_its_date() -> None:
    # A photo viewer's strip: the detector's box of the description came back 0.8° off level (a capital and a 'y'
    # at its start), the date's level; turned by 0.8°, the date 1,500 px away sat on a row of its own above.
    description = TextLine(
        "May fileno the floats attempt watcher",
        0.99,
        np.array([[20, 1173], [304, 1177], [304, 1210], [20, 1206]], dtype=np.float32),
    )
    date = line("13 Mar 2012 23:09", 1775, 1177, 151, 27)
    assert math.degrees(text_angle([description.polygon, date.polygon])) == 0.0
    for seed in range(3):
        assert texts([date, description], seed) == [description.text, date.text]
    # the same two boxes on a page turned by 3° tell the turn (both run 3° off): the frame follows it
    assert math.degrees(text_angle([found.polygon for found in turned([description, date], 3)])) > 2.5
