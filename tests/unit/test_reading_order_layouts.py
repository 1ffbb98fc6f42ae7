"""Reading order on synthetic detector output of whole layouts (no model): a figure in a column, headings in a
margin, bands of columns, a newspaper's dateline, footnotes, running heads, recipes, a paper's author blocks,
mastheads, a site's header bar, programmes, posters, menus side by side, tables under columns."""

from __future__ import annotations

import pytest

from opensight._results_text import TextLine
from tests.unit.test_reading_order import line, texts


def prose(prefix: str, x: float, top: float, rows: int, width: float = 420) -> list[TextLine]:
    """``rows`` lines of a column of prose, 24 px apart, each named ``prefix`` and its row ('left 3 of the column')."""
    return [line(f"{prefix} {row} of the column", x, top + 24 * row, width) for row in range(rows)]


def test_a_figure_in_the_first_column_leaves_it_a_column() -> None:
    """A two-column paper with a figure in its first column: the figure leaves most of that column empty (a blank
    stretch of 12 line heights, its caption under it), the second column runs the page's height. Both sides are
    columns of the same width (chat bubbles leave BOTH sides empty by turns), so the first column is read, caption
    included, before the second; the rows were read across the gutter, an em wide, and a caption beside the other
    column's text."""
    page = [line("A title above both columns", 0, -50, 400, height=30)]
    left = prose("left", 0, 0, 4)
    left += [line("Figure 1: what the figure shows", 0, 400, 300)]
    left += prose("left below", 0, 440, 5)
    right = prose("right", 440, 0, 24)
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
        page += prose(f"section {number} line", 160, top, 5, width=460)
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_two_columns_above_and_below_a_figure_as_wide_as_the_page_read_band_by_band() -> None:
    """Two columns of prose, three rows each, then a figure across the whole page with its caption under it on the
    left, then two more columns: the columns above the figure are read one after the other, then the caption, then
    the columns under it (the bands between the page's empty rows are each searched for a gutter; one of three rows
    of prose was searched only for gutters three line heights wide, and was read across)."""
    above = prose("above left", 0, 0, 3) + prose("above right", 440, 0, 3)
    caption = [line("Figure 2: a figure as wide as the page", 0, 300, 340)]
    below = prose("below left", 0, 360, 4) + prose("below right", 440, 360, 4)
    page = above + caption + below
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_side_whose_lines_are_all_above_or_below_the_other_sides_text_is_no_crash() -> None:
    """A short line at the top left and one at the bottom left, a column on the right between them: no line on the
    left lies level with the right's, which once made the gutter's search fail (an empty maximum) and the page went
    unread."""
    page = [line("Top left", 0, 0, 60), *(prose("right", 200, 30, 6, width=200)), line("Bottom left", 0, 200, 80)]
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
    page += prose("left", 0, 100, 20) + prose("right", 440, 100, 20)
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
    page = prose("left", 0, 0, 20) + prose("left under", 0, 20 * 24 + 40, 3) + prose("right", 440, 0, 12)
    for seed in range(3):
        assert texts(page, seed) == [p.text for p in page]


def test_a_running_header_over_two_columns_is_read_before_them() -> None:
    """A paper's second page: the journal's name on the left and the page number on the right, an empty row, then two
    columns and no title. The header's two sides were read as the first lines of the columns (the page number
    between the columns); a row over an empty row across the page, on both sides of the gutter, is read first."""
    page = [line("Journal of Free Software Studies, Vol. 30", 0, 0, 300, height=16), line("384", 830, 0, 30, height=16)]
    page += prose("left", 0, 50, 20) + prose("right", 440, 50, 20)
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
    left, right = prose("left", 0, 60, 8), prose("right", 440, 60, 8)
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
    left = [*prose("left", 0, 0, 6), line("Figure 1: a figure in the first column", 0, 400, 300)]
    left += prose("left under", 0, 440, 4)
    right = prose("right", 440, 0, 12)
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
    left = prose("left", 0, 220, 5) + prose("left next", 0, 220 + 24 * 5 + 16, 5)
    right = prose("right", 440, 220, 5) + prose("right next", 440, 220 + 24 * 5 + 16, 5)
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
    left = [line("First article", 240, 100, 250), *prose("left", 240, 130, 8, width=380)]
    right = [line("Second article", 680, 100, 250), *prose("right", 680, 130, 8, width=380)]
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
    page += prose("article", 290, 120, 12, width=800)
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
    left = prose("ingredient", 0, 0, 7, width=400)
    right = prose("step", 440, 0, 9)
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
    left, right = prose("left", 0, 0, 12), prose("right", 440, 0, 10)
    table = [line("Key figures (in millions)", 0, 330, 250), line("2024", 370, 360, 40), line("2023", 480, 360, 40)]
    for row, (label, now, then) in enumerate([("Revenue", "767", "517"), ("Employees", "1,085", "1,410")]):
        table += [line(label, 10, 388 + 26 * row, 90), line(now, 410 - 8 * len(now), 388 + 26 * row, 8 * len(now))]
        table += [line(then, 520 - 8 * len(then), 388 + 26 * row, 8 * len(then))]
    for seed in range(3):
        assert texts(left + right + table, seed) == [p.text for p in left + right + table]
