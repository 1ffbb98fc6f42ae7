"""Reading order on synthetic detector output (no model): tilt, centred lines, columns, receipts, fragments."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opensight.results import TextLine
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


def _prose(prefix: str, x: float, top: float, rows: int, width: float = 420) -> list[TextLine]:
    """``rows`` lines of a column of prose, 24 px apart, each named ``prefix`` and its row ('left 3 of the column')."""
    return [line(f"{prefix} {row} of the column", x, top + 24 * row, width) for row in range(rows)]


def test_a_figure_in_the_first_column_leaves_it_a_column() -> None:
    """A two-column paper with a figure in its first column: the figure leaves most of that column empty (a blank
    stretch of 12 line heights, its caption under it), the second column runs the page's height. Both sides are
    columns of the same width (chat bubbles leave BOTH sides empty by turns), so the first column is read, caption
    included, before the second; the rows were read across the gutter, an em wide, and a caption beside the other
    column's text."""
    page = [line("A title above both columns", 0, -50, 400, height=30)]
    left = _prose("left", 0, 0, 4)
    left += [line("Figure 1: what the figure shows", 0, 400, 300)]
    left += _prose("left below", 0, 440, 5)
    right = _prose("right", 440, 0, 24)
    page += left + right
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in [page[0], *left, *right]]


def test_headings_in_a_margin_beside_their_sections_still_read_row_by_row() -> None:
    """Headings in the left margin, each level with the first line of its section on the right, blank between them:
    the margin leaves most of its height empty and its lines are narrow beside the sections' (no column of text),
    so each heading is read before its section."""
    page: list[TextLine] = []
    for number, top in enumerate((0, 200, 400)):
        page.append(line(f"Heading {number}", 0, top, 90))
        page += _prose(f"section {number} line", 160, top, 5, width=460)
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_two_columns_above_and_below_a_figure_as_wide_as_the_page_read_band_by_band() -> None:
    """Two columns of prose, three rows each, then a figure across the whole page with its caption under it on the
    left, then two more columns: the columns above the figure are read one after the other, then the caption, then
    the columns under it (the bands between the page's empty rows are each searched for a gutter; one of three rows
    of prose was searched only for gutters three line heights wide, and was read across)."""
    above = _prose("above left", 0, 0, 3) + _prose("above right", 440, 0, 3)
    caption = [line("Figure 2: a figure as wide as the page", 0, 300, 340)]
    below = _prose("below left", 0, 360, 4) + _prose("below right", 440, 360, 4)
    page = above + caption + below
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_side_whose_lines_are_all_above_or_below_the_other_sides_text_is_no_crash() -> None:
    """A short line at the top left and one at the bottom left, a column on the right between them: no line on the
    left lies level with the right's, which once made the gutter's search fail (an empty maximum) and the page went
    unread."""
    page = [line("Top left", 0, 0, 60), *(_prose("right", 200, 30, 6, width=200)), line("Bottom left", 0, 200, 80)]
    assert sorted(texts(page)) == sorted(p.text for p in page)


def test_a_newspaper_page_with_a_dateline_over_its_headline_reads_column_after_column() -> None:
    """A masthead, a dateline (a date on the left, a price on the right), a headline across the page, a byline, then
    three columns: the dateline's two sides made the columns' band start above the headline, which then ran
    through it, and every row was read across the three columns (a new user's twelfth trial, news pages)."""
    page = [line("Northfield Gazette", 370, 40, 370, height=50)]
    page += [line("Friday, June 13, 2025", 50, 93, 120), line("Price 2 dollars", 960, 92, 90)]
    page += [line("If you have already written your code", 55, 119, 695, height=54)]
    page += [line("By Jonas Berger, Staff Writer", 56, 180, 160)]
    for number, x in enumerate((55, 390, 725)):
        page += [
            line(f"column {number} line {row} of the story", x, 205 + 20 * row, 300, height=18) for row in range(10)
        ]
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_footnotes_under_both_columns_are_read_after_them() -> None:
    """A paper's running header (journal left, page number right), its title, two columns ending level, then under
    an empty row two footnotes: one short, on the left only, and one across the page that the reader cut at the
    gutter. With the header no longer holding the columns' band above the title, the footnotes' left parts were
    read as the first column's last lines (the twelfth trial's papers)."""
    page = [line("Journal of Free Software Studies, Vol. 30", 0, 0, 300, height=16), line("383", 820, 0, 30, height=16)]
    page += [line("On Test Suites in Small Teams", 200, 40, 460, height=30)]
    page += _prose("left", 0, 100, 20) + _prose("right", 440, 100, 20)
    page += [line("1 Node.js is a runtime environment.", 0, 605, 300, height=16)]
    page += [line("2 When using cmake the configure step is", 0, 628, 425, height=16)]
    page += [line("with or without flags.", 440, 628, 200, height=16)]
    whole = [p.text for p in page[:-2]] + ["2 When using cmake the configure step is with or without flags."]
    for seed in range(3):
        assert texts(page, seed) == whole


def test_a_longer_column_going_on_under_a_wider_space_is_no_footnote() -> None:
    """The first column's last lines under a space of two line heights (a new section), the second column ending
    well above them: few lines under the page's lowest empty row, but not both columns end just above it, so they
    are the first column's, read before the second."""
    page = _prose("left", 0, 0, 20) + _prose("left under", 0, 20 * 24 + 40, 3) + _prose("right", 440, 0, 12)
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_running_header_over_two_columns_is_read_before_them() -> None:
    """A paper's second page: the journal's name on the left and the page number on the right, an empty row, then two
    columns and no title. The header's two sides were read as the first lines of the columns (the page number
    between the columns); a row over an empty row across the page, on both sides of the gutter, is read first."""
    page = [line("Journal of Free Software Studies, Vol. 30", 0, 0, 300, height=16), line("384", 830, 0, 30, height=16)]
    page += _prose("left", 0, 50, 20) + _prose("right", 440, 50, 20)
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_recipes_ingredients_beside_its_steps_at_their_own_spacing_read_column_after_column() -> None:
    """Short ingredients on the left, longer steps on the right, each list at its own line spacing (25.5 and 28.5
    px: the boxes of a new user's recipe page): the narrow side next to the gap made it 'item … price', read row by
    row; a table's rows stand level, and these drift apart down the page (the twelfth trial's recipes)."""
    page = [line("Ingredients", 51, 445, 125, height=28), line("Method", 417, 444, 81, height=28)]
    items = ["400 g chopped tomatoes", "3 large eggs", "50 g unsalted butter", "1 tablespoon olive oil"]
    items += ["2 cups plain flour", "200 g grated cheese", "a handful of fresh basil", "1 onion, finely chopped"]
    items += ["2 cloves garlic"]
    widths = [166, 85, 137, 142, 116, 142, 152, 152, 96]
    page += [line(item, 55, 480 + 25.5 * row, widths[row], height=24) for row, item in enumerate(items)]
    steps = [f"{row + 1}. Step {row + 1} of the method, on one line." for row in range(9)]
    page += [line(step, 414, 481 + 28.4 * row, 550, height=21) for row, step in enumerate(steps)]
    for seed in range(3):
        assert texts(page, seed) == ["Ingredients", *items, "Method", *steps]


def test_headings_over_each_column_over_an_empty_row_stay_with_their_columns() -> None:
    """'Before' over the left column and 'After' over the right one, an empty row under both: a row over an empty
    row on both sides of the gutter, like a running header, but each starts its own column (the right one where the
    right column's lines start, the left one well short of the gap), so each is read with its column."""
    page = [line("Before", 0, 0, 110, height=30), line("After", 440, 0, 90, height=30)]
    left, right = _prose("left", 0, 60, 8), _prose("right", 440, 60, 8)
    for seed in range(3):
        assert texts([*page, *left, *right], seed) == [
            "Before",
            *(p.text for p in left),
            "After",
            *(p.text for p in right),
        ]


def test_footnotes_under_the_longer_column_and_a_footer_are_read_after_both_columns() -> None:
    """A journal page: the first column runs longer (a figure in it), the second ends well above; under an empty row,
    footnotes under the first column only ('1 …', '2 …'), then a footer row (a DOI on the left, the copyright flush
    right). The footnotes start with their marks, the footer has parts on both sides of the gutter that start no
    column: both are read after the columns, not between them (a new user's thirteenth trial: 5 of 5 such pages)."""
    left = [*_prose("left", 0, 0, 6), line("Figure 1: a figure in the first column", 0, 400, 300)]
    left += _prose("left under", 0, 440, 4)
    right = _prose("right", 440, 0, 12)
    notes = [line("1 Also, if you want to use it, ask.", 0, 580, 300, height=16)]
    notes += [line("2 One difference is small.", 0, 600, 220, height=16)]
    footer = [line("doi:10.5360/j.fonder.2024.577", 0, 640, 200, height=16)]
    footer += [line("Copyright 2030 Press", 660, 640, 200, height=16)]
    page = left + right + notes + footer
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_running_head_with_no_empty_row_under_it_is_read_before_the_columns() -> None:
    """A glossary's running head — its title on the left, the page number flush right — set as close above the
    entries as the entries are to each other: the page number was read as the first line of the second column."""
    page = [line("Glossary", 2, 0, 50), line("539", 836, 0, 24)]
    for row in range(8):
        page += [line(f"Term {row} means something on the left", 0, 30 + 30 * row, 420)]
    for row in range(8):
        page += [line(f"Entry {row} means something on the right", 440, 30 + 30 * row, 420)]
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_short_last_line_under_a_tall_line_box_is_the_next_row() -> None:
    """A tilted phone photo: a long line's box made tall by the perspective (42 px against 28) and the short last
    line of its paragraph under it, their centres 12 px apart — within half a line height, so they were one row,
    read as one line with the short one first. A line under another for most of its width is the next row."""
    page = [line("Represents a parameter.", 320, 120, 720, height=28)]
    page += [line("Maintaining and improving it requires a lot of time.", 319, 175, 755, height=42)]
    page += [line("initdb(1). Represents a parameter.", 316, 194, 303, height=28)]
    page += [line("The next paragraph starts here and runs on.", 318, 240, 750, height=28)]
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_papers_first_page_reads_its_author_blocks_then_its_columns() -> None:
    """A conference paper's first page: a title, two author blocks side by side (name, university, city: short
    centred lines), an abstract across the page, then two columns whose paragraphs break at the same heights. The
    authors' six lines over the abstract were too many to be taken out of the columns, so no gutter ran down the page
    and it was read band by band, paragraph after paragraph across the gutter (a new user's fourteenth trial)."""
    page = [line("A Title Over Everything", 120, 0, 660, height=30)]
    page += [line("Alice Moreau", 230, 45, 110), line("University of Utrecht", 215, 67, 140)]
    page += [line("Utrecht", 250, 89, 70)]
    page += [line("Bram de Vries", 730, 45, 110), line("University of Leuven", 715, 67, 140)]
    page += [line("Leuven", 750, 89, 60)]
    page += [line(f"Abstract line {row} runs across the whole page", 0, 125 + 24 * row, 860) for row in range(3)]
    left = _prose("left", 0, 220, 5) + _prose("left next", 0, 220 + 24 * 5 + 16, 5)
    right = _prose("right", 440, 220, 5) + _prose("right next", 440, 220 + 24 * 5 + 16, 5)
    page += left + right
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_masthead_over_a_narrow_column_and_the_articles_is_read_first() -> None:
    """A newsletter: a masthead and an issue line centred over the page, but right of a narrow 'In this issue' column
    that starts under them; then two columns of articles. The masthead lay on the right side of the narrow column's
    gutter and was read after that column (a new user's fourteenth trial: 5 of 5 newsletters)."""
    page = [line("The Biophysics Letter", 300, 0, 500, height=40), line("Issue 11, Spring 2025", 490, 50, 140)]
    page += [line("In this issue", 0, 100, 120)]
    page += [line(f"Item {row}, page {row + 2}", 0, 130 + 31 * row, 140) for row in range(6)]  # at its own spacing
    left = [line("First article", 240, 100, 250), *_prose("left", 240, 130, 8, width=380)]
    right = [line("Second article", 680, 100, 250), *_prose("right", 680, 130, 8, width=380)]
    page += left + right
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_sites_header_bar_over_a_sidebar_and_an_article_is_read_first() -> None:
    """A blog page: the site's name on the left and four navigation links on the right of one header row, an empty
    row, then a sidebar beside the article. Five pieces were too many for a row over the columns, so the name was
    read, then the sidebar, then the links (a new user's fourteenth trial: 4 of 4 such pages)."""
    page = [line("Bucolics Notes", 10, 0, 170, height=26)]
    page += [line(word, 830 + 70 * number, 4, 55) for number, word in enumerate(["Home", "Posts", "Forum", "About"])]
    page += [line("Recent posts", 10, 80, 140)]
    page += [line(f"Post {row} title", 10, 110 + 31 * row, 150) for row in range(5)]
    page += [line("The article's title", 290, 80, 400, height=28)]
    page += _prose("article", 290, 120, 12, width=800)
    expected = ["Bucolics Notes", "Home Posts Forum About", *(p.text for p in page[5:])]  # close links: one line
    for seed in range(3):
        assert texts(page, seed) == expected


def test_a_programme_reads_each_time_with_its_talk_and_speaker() -> None:
    """An event programme: times on the left, each level with its talk's title on the right, the speaker on a line
    under the title. The speakers' lines have no time beside them, so the sides were not paired row by row and the
    times were read as a column of their own, then all the talks (a new user's fifteenth trial: 4 of 4)."""
    page = []
    for row, time in enumerate(["09:00", "09:30", "10:15", "11:00"]):
        page += [line(time, 0, 60 * row, 50)]
        page += [line(f"Talk {row} on the open tools of the day", 150, 60 * row, 420)]
        page += [line(f"Speaker {row}, University", 150, 60 * row + 24, 220, height=18)]
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_note_across_the_page_under_the_columns_keeps_its_short_last_line() -> None:
    """A cookbook page: ingredients in the shorter left column, the method in the right one, then under an empty row a
    note across the page whose short last line sits on the left. That line was read as the ingredients' last line,
    before the method (a new user's fifteenth trial)."""
    left = _prose("ingredient", 0, 0, 7, width=400)
    right = _prose("step", 440, 0, 9)
    note = [line("Note: these titles must be distinct from any other section titles, in every case", 0, 300, 860)]
    note += [line("of coverage.", 0, 322, 90)]
    page = left + right + note
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


@pytest.mark.parametrize("heading_rows", [1, 2])
def test_a_posters_features_side_by_side_read_each_under_its_own_heading(heading_rows: int) -> None:
    """A poster: a title, then three features side by side, each a heading (one or two lines) over its text a small
    empty row apart, the columns an em or so apart; a line of small print across the foot. The headings were a band
    of their own, read as one row, and then the three texts (a new user's fifteenth trial: 2 of 4 posters)."""
    page = [line("Summer Science Fair", 100, 0, 600, height=44)]
    for column, x in enumerate((0, 300, 600)):
        page += [
            line(f"Feature {column} heading line {row}", x, 70 + 26 * row, 200, height=22)
            for row in range(heading_rows)
        ]
        page += [
            line(f"feature {column} text {row} of its column", x, 70 + 26 * heading_rows + 16 + 24 * row, 270)
            for row in range(6 - column)
        ]
    page += [line("Free entry, small print across the whole foot of the poster", 0, 330, 870, height=14)]
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_short_column_beside_a_long_one_over_a_footer_is_still_a_column() -> None:
    """A recipe (the boxes the detector found on a new user's twelfth trial's recipe_3): a title and an introduction
    across the page, a short list of ingredients on the left, the longer method on the right, a tip across the foot
    under both. The tip ran across the gap under the band where both sides have text, so the band looked too short to
    hold columns and the page was read row by row: ingredient, step, ingredient (a menu whose starters are fewer than
    its mains, the same)."""
    boxes = [
        ("Baked Tomato Pasta", 57, 52, 367, 87),
        ("Serves 6. Preparation 20", 55, 104, 367, 126),
        ("Therefore, no package wi", 55, 130, 1016, 154),
        ("only in newly installed ", 54, 153, 991, 177),
        ("numbers, and floating po", 54, 176, 1006, 199),
        ("other defenses to infrin", 54, 198, 795, 222),
        ("Ingredients", 55, 476, 193, 510),
        ("Method", 421, 476, 510, 507),
        ("a handful of fresh basil", 55, 517, 229, 541),
        ("1. Heat the oven to 200 ", 414, 517, 1022, 541),
        ("50 g unsalted butter", 54, 547, 207, 570),
        ("2. Sift the flour, bakin", 414, 552, 1043, 572),
        ("150 ml double cream", 55, 574, 203, 598),
        ("3. Whisk the eggs with t", 412, 580, 1037, 605),
        ("1 onion, finely chopped", 55, 603, 227, 627),
        ("time.", 412, 603, 457, 630),
        ("2 cups plain flour", 54, 632, 188, 656),
        ("4. Warm the oil in a wid", 413, 638, 1035, 659),
        ("1 teaspoon baking powder", 52, 661, 257, 687),
        ("5. Add the garlic and cu", 411, 669, 982, 691),
        ("1 lemon, zested", 53, 691, 172, 712),
        ("fragrant.", 413, 691, 483, 719),
        ("1 teaspoon ground cumin", 53, 720, 250, 744),
        ("6. Tip in the tomatoes, ", 413, 725, 994, 749),
        ("200 g grated cheese", 53, 747, 202, 773),
        ("minutes.", 416, 750, 481, 769),
        ("7. Meanwhile boil the pa", 413, 780, 966, 804),
        ("8. Drain the pasta, keep", 413, 814, 1040, 835),
        ("9. Stir the cream and ha", 412, 844, 1004, 867),
        ("Tip: There are complete ", 65, 902, 849, 927),
    ]
    page = [line(text, x1, y1, x2 - x1, y2 - y1) for text, x1, y1, x2, y2 in boxes]
    ingredients = [text for text, _, _, x2, _ in boxes[6:-1] if x2 < 400]
    method = [text for text, x1, *_ in boxes[6:-1] if x1 > 400]
    expected = [text for text, *_ in boxes[:6]] + ingredients + method + [boxes[-1][0]]
    for seed in range(3):
        assert texts(page, seed) == expected


def test_two_menus_side_by_side_the_left_one_shorter_read_one_after_the_other() -> None:
    """A menu card (the boxes the detector found on a new user's fifteenth trial's menu4): four starters on the left,
    mains and desserts on the right, each dish with its price flush right and a line of description under it. The
    gap between the starters and their prices is wider than the gutter, and on its right stood the prices AND the
    other menu, so the prices were not seen as a menu's: the starters were cut from their prices (and, before,
    every row read across both menus)."""
    boxes = [
        ("The Old Mill Kitchen", 328, 51, 664, 81),
        ("Lunch and dinner, Tuesda", 371, 88, 617, 107),
        ("Starters", 55, 139, 137, 161),
        ("Mains", 511, 137, 572, 162),
        ("Tomato and basil soup", 55, 171, 221, 189),
        ("21.95", 435, 169, 479, 191),
        ("Beer battered haddock", 512, 171, 678, 189),
        ("11.00", 889, 169, 933, 191),
        ("with swooped visioning n", 56, 187, 376, 205),
        ("with ranged churls facto", 510, 187, 833, 205),
        ("Smoked mackerel pate", 56, 214, 224, 232),
        ("15.95", 439, 213, 476, 232),
        ("Lamb shoulder", 508, 215, 621, 230),
        ("16.00", 893, 213, 933, 232),
        ("with renames echelon spa", 56, 230, 342, 248),
        ("with knifing insulate mo", 510, 230, 678, 248),
        ("Grilled halloumi", 58, 257, 174, 275),
        ("15.50", 438, 257, 478, 276),
        ("Wild mushroom pie", 512, 257, 653, 275),
        ("11.95", 893, 257, 930, 276),
        ("with really tracks zerot", 56, 271, 198, 292),
        ("with sprains computes la", 510, 273, 809, 290),
        ("Chicken liver parfait", 59, 301, 206, 319),
        ("21.95", 435, 300, 476, 319),
        ("Pan fried sea bass", 512, 301, 643, 319),
        ("23.95", 889, 299, 933, 321),
        ("with arthritis squalling", 56, 316, 239, 334),
        ("with advancing slaloms g", 510, 318, 837, 333),
        ("Beef and ale stew", 510, 345, 639, 360),
        ("5.95", 899, 343, 932, 363),
        ("with storeys pottage lan", 512, 361, 678, 378),
        ("Desserts", 512, 389, 597, 408),
        ("Sticky toffee pudding", 510, 420, 665, 438),
        ("12.95", 893, 419, 930, 438),
        ("with bethink packing ple", 510, 436, 708, 454),
        ("Lemon tart", 509, 462, 593, 480),
        ("17.00", 893, 460, 932, 482),
        ("with abuzz parring unsea", 511, 477, 722, 496),
        ("Dark chocolate mousse", 510, 507, 681, 525),
        ("14.50", 893, 506, 933, 525),
        ("with jewels undersold pe", 510, 521, 679, 541),
        ("Apple crumble", 509, 547, 616, 567),
        ("19.95", 893, 547, 932, 569),
        ("with nodules detail tugg", 510, 566, 775, 584),
        ("Please tell your server ", 158, 612, 829, 626),
    ]
    page = [line(text, x1, y1, x2 - x1, y2 - y1) for text, x1, y1, x2, y2 in boxes]
    rows: list[list[tuple[str, int, int, int, int]]] = []
    for box in sorted(boxes[2:-1], key=lambda box: box[2] + box[4]):  # a dish and its price: one row, dish first
        if rows and box[2] + box[4] - rows[-1][0][2] - rows[-1][0][4] < 16:
            rows[-1].append(box)
        else:
            rows.append([box])
    by_row = [box for row in rows for box in sorted(row, key=lambda box: box[1])]
    left = [text for text, x1, *_ in by_row if x1 < 490]
    right = [text for text, x1, *_ in by_row if x1 > 490]
    expected = [boxes[0][0], boxes[1][0], *left, *right, boxes[-1][0]]
    for seed in range(3):
        assert texts(page, seed) == expected


def test_a_table_of_figures_under_two_columns_is_read_after_both_row_by_row() -> None:
    """An annual report: two columns of text, then under an empty row a table of figures (a label, this year's and
    last year's value) narrower than the page, whose last column of values lies under the right column of text. The
    columns' gutter ran on through the table: its labels and this year's values were read after the left column,
    last year's after the right (a new user's fifteenth trial's report1 and report3)."""
    left, right = _prose("left", 0, 0, 12), _prose("right", 440, 0, 10)
    table = [line("Key figures (in millions)", 0, 330, 250), line("2024", 370, 360, 40), line("2023", 480, 360, 40)]
    for row, (label, now, then) in enumerate([("Revenue", "767", "517"), ("Employees", "1,085", "1,410")]):
        table += [line(label, 10, 388 + 26 * row, 90), line(now, 410 - 8 * len(now), 388 + 26 * row, 8 * len(now))]
        table += [line(then, 520 - 8 * len(then), 388 + 26 * row, 8 * len(then))]
    for seed in range(3):
        assert texts(left + right + table, seed) == [p.text for p in left + right + table]
