"""Reading order of rows of cards side by side — a dashboard's figures, a shop's products, a news page's teasers —
on the detector boxes of a new user's eighteenth trial, where all of them were read as tables (every label, then
every number) or a column of cards at a time; and of lists side by side (a footer's links) and a form's fields, two a
row, of other trials (no model; boxes in the text's frame)."""

from __future__ import annotations

import pytest

from tests.unit.test_reading_order import line, texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order, page

#: A dashboard (s_dashboard_1): a sidebar, two rows of three cards — a small label over a big figure — and a table of
#: orders under them, in reading order.
DASHBOARD: list[Box] = [
    ("Sales", 22, 114, 64, 144),
    ("Customers", 25, 151, 97, 178),
    ("Inventory", 19, 188, 89, 216),
    ("Reports", 23, 222, 81, 251),
    ("Settings", 21, 257, 80, 288),
    ("Revenue", 294, 102, 350, 127),
    ("76.8%", 297, 121, 376, 166),
    ("Refunds", 663, 101, 721, 127),
    ("66.3%", 663, 121, 751, 166),
    ("Orders", 1038, 100, 1086, 129),
    ("1.3%", 1038, 121, 1103, 167),
    ("Bounce rate", 292, 218, 367, 243),
    ("$193,781", 289, 234, 428, 286),
    ("Churn", 665, 217, 704, 243),
    ("$525,915", 664, 236, 802, 283),
    ("Avg. order value", 1038, 218, 1141, 243),
    ("18.6%", 1037, 237, 1125, 282),
    ("Recent orders", 290, 330, 413, 363),
    ("Order", 292, 364, 338, 394),
    ("Customer", 504, 365, 580, 392),
    ("Status", 895, 364, 943, 393),
    ("Amount", 1125, 366, 1184, 392),
    ("#69460", 291, 392, 345, 421),
    ("Zoe Hoffmann", 505, 391, 601, 421),
    ("Paid", 892, 391, 931, 422),
    ("$624.08", 1124, 392, 1182, 421),
    ("#45784", 291, 420, 345, 449),
    ("Marta Lindqvist", 508, 421, 609, 449),
    ("Paid", 893, 419, 933, 451),
    ("$270.37", 1124, 419, 1184, 451),
]

#: A shop (s_shop_0): two rows of four products, each a name over two lines or one, its price and its rating; the
#: lines of one size but for the price — names, prices and ratings are level across a row where the names wrap alike.
SHOP: list[Box] = [
    ("Lallygag Chanting Terminus", 45, 244, 230, 268),
    ("Exhaling Eyeliner", 46, 262, 159, 288),
    ("$316.90", 44, 285, 117, 313),
    ("★★☆☆☆ 1.9 (1135)", 48, 309, 168, 330),
    ("Specters Leprechaun Impress", 356, 245, 552, 266),
    ("$51.85", 354, 265, 416, 295),
    ("★★★★★ 4.6 (73)", 357, 290, 462, 311),
    ("Hilltop Nitrogen Obviated", 663, 243, 830, 267),
    ("$489.78", 662, 265, 736, 295),
    ("★★★★☆ 3.8 (313)", 665, 291, 777, 309),
    ("Drags Coverings Amiability", 972, 243, 1150, 267),
    ("Firebombs", 968, 260, 1045, 288),
    ("$335.35", 976, 284, 1045, 313),
    ("★★★★★ 4.5 (39)", 974, 309, 1080, 330),
    ("Inhibits Amanuenses", 44, 490, 182, 514),
    ("Hereabouts Capillary", 44, 510, 185, 535),
    ("Outsmarts", 43, 526, 118, 554),
    ("$320.56", 44, 551, 120, 580),
    ("★★★☆☆2.8 (1342)", 47, 573, 168, 598),
    ("Expos Slanted Trickster", 354, 490, 512, 514),
    ("Boredom Cinching", 356, 508, 479, 536),
    ("$363.26", 354, 531, 426, 561),
    ("★★☆☆☆ 2.0 (1590)", 357, 556, 476, 577),
    ("Perjured Wriggler Perilously", 663, 490, 848, 514),
    ("Typescript", 664, 510, 738, 536),
    ("$23.25", 661, 529, 725, 562),
    ("★★★☆☆2.6 (32)", 665, 554, 772, 578),
    ("Timbers Parroting Swaddle", 971, 490, 1152, 513),
    ("Chows", 969, 508, 1022, 537),
    ("$331.03", 970, 529, 1045, 562),
    ("★★★☆☆3.0 (843)", 974, 554, 1088, 578),
]

#: A news page (s_news_0): two rows of three teasers — a section, a headline, a snippet, its age — under a heading;
#: a gutter runs down the whole grid, so it was read a column of teasers at a time.
NEWS: list[Box] = [
    ("Top stories", 30, 85, 186, 126),
    ("HEALTH", 44, 151, 90, 171),
    ("Equestrian Stagnating Factory", 46, 171, 335, 198),
    ("Anguishes", 45, 194, 145, 223),
    ("The bug report gives instructions to reproduce", 44, 222, 353, 249),
    ("the", 44, 243, 70, 267),
    ("55 min ago", 43, 267, 113, 293),
    ("TECH", 458, 152, 488, 170),
    ("Trailed Imagines Forgers Knits", 459, 170, 749, 197),
    ("Contiguity Graphology", 459, 195, 675, 223),
    ("This module makes available standard errno", 458, 224, 751, 248),
    ("system", 458, 244, 501, 270),
    ("10 min ago", 458, 267, 523, 293),
    ("HEALTH", 872, 151, 914, 171),
    ("Petulance Disobliged Fallowing", 874, 169, 1169, 198),
    ("Impregnate Treating Gaudy", 870, 195, 1136, 223),
    ("Wagging Scrogs", 875, 217, 1024, 248),
    ("You are responsible for ensuring that the", 871, 249, 1143, 270),
    ("Source Code version remains available even if", 871, 268, 1173, 290),
    ("the", 869, 286, 896, 311),
    ("52 min ago", 869, 311, 937, 333),
    ("HEALTH", 44, 379, 88, 398),
    ("Sportiest Fetishes Provisoes", 46, 398, 310, 426),
    ("Batty Freeware Founder Ensemble", 45, 424, 372, 448),
    ("Blasphemes", 46, 446, 161, 475),
    ("Your machine will have a list of the", 45, 477, 270, 498),
    ("advertised queues if you have avahi-daemon", 44, 497, 341, 518),
    ("15 min ago", 43, 517, 112, 545),
    ("HEALTH", 457, 379, 501, 398),
    ("Peeks Banjoist Nemesis Urgently", 457, 396, 773, 426),
    ("Behead Champ Totters Drenches", 457, 424, 770, 448),
    ("A selector matches a specific glob pattern", 458, 452, 732, 476),
    ("part against the children of a given", 458, 473, 689, 497),
    ("29 min ago", 453, 494, 526, 522),
    ("WORLD", 873, 379, 914, 398),
    ("Knitters Delicious Outranked", 871, 399, 1144, 424),
    ("Numbskulls Shushing Fleets", 874, 424, 1141, 448),
    ("Whisker", 875, 445, 950, 474),
    ("On Windows, return status shifted right by 8", 870, 474, 1164, 500),
    ("33 min ago", 869, 499, 937, 525),
]


#: A dashboard beside a sidebar (s_dashboard_2): two rows of four cards — a label, a big figure, its change — the
#: gutters between the cards wider than the sidebar's, so the grid was read a column of cards at a time.
BESIDE_A_SIDEBAR: list[Box] = [
    ("Pulseboard", 23, 34, 165, 62),
    ("Overview", 28, 79, 94, 107),
    ("Sales", 22, 114, 68, 144),
    ("Customers", 22, 153, 109, 178),
    ("Inventory", 20, 186, 100, 218),
    ("Reports", 23, 223, 87, 252),
    ("Settings", 20, 258, 91, 289),
    ("Prosecuted overview", 273, 25, 597, 60),
    ("Last updated 7:45 am, March 4, 2026", 272, 57, 518, 77),
    ("Avg. order value", 294, 109, 406, 131),
    ("$809,104", 289, 131, 465, 174),
    ("+30.7% vs last week", 294, 171, 427, 192),
    ("Churn", 570, 108, 615, 131),
    ("13,999", 577, 128, 695, 172),
    ("-27.9% vs last week", 571, 171, 702, 192),
    ("Active users", 852, 107, 940, 131),
    ("82.8%", 854, 131, 953, 169),
    ("-25.5% vs last week", 850, 171, 981, 192),
    ("Conversion rate", 1132, 109, 1242, 130),
    ("67.6%", 1134, 129, 1233, 172),
    ("+16.2% vs last week", 1133, 173, 1268, 191),
    ("Support tickets", 291, 244, 399, 266),
    ("$415,467", 289, 267, 460, 307),
    ("-5.6% vs last week", 288, 306, 414, 326),
    ("Revenue", 572, 246, 633, 265),
    ("37.9%", 574, 264, 673, 307),
    ("+12.8% vs last week", 574, 308, 709, 326),
    ("Orders", 854, 243, 902, 266),
    ("49,032", 856, 266, 975, 307),
    ("-30.1% vs last week", 848, 305, 982, 327),
    ("New signups", 1132, 242, 1223, 269),
    ("69.1%", 1136, 267, 1235, 305),
    ("+19.1% vs last week", 1132, 308, 1267, 326),
]


@pytest.mark.parametrize(
    "boxes", [DASHBOARD, SHOP, NEWS, BESIDE_A_SIDEBAR], ids=["dashboard", "shop", "news", "beside a sidebar"]
)
def test_rows_of_cards_read_card_by_card_row_after_row(boxes: list[Box]) -> None:
    """Each card's lines together, the cards of a row left to right, the rows top to bottom; the dashboard's table
    under its cards still row by row."""
    assert_read_in_order(boxes)


def test_a_table_of_one_size_under_headings_stays_rows() -> None:
    """The guard: three columns of figures under their headings, every line of one size, are a table (a column's
    run of figures is longer than a card's), read row by row."""
    rows = [("Region", "Sales", "Costs", "Profit")]
    rows += [(f"Area {row}", f"{row}1.5", f"{row}0.2", f"{row}.3") for row in range(1, 5)]
    table = [line(cell, 250 * at, 30 * row, 80) for row, cells in enumerate(rows) for at, cell in enumerate(cells)]
    headed = [box for box in table if not box.text.startswith("Area") and box.text != "Region"]
    for seed in range(3):
        assert texts(table, seed) == [box.text for box in table]
        assert texts(headed, seed) == [box.text for box in headed]


def test_a_sites_links_beside_its_name_are_read_before_the_sidebar_under_them() -> None:
    """A news site's name over its sidebar, its links to the right of the sidebar's gutter (the name crossing it):
    the links were read after the sidebar, as the first line of the page beside it. A row is read whole: the name,
    the links, the sidebar, then the page — its heading over a row of three teasers."""
    boxes = [
        ("Networks Archives", 43, 39, 227, 66),
        ("Speed Wraps", 291, 41, 404, 69),
        ("Aggregating", 425, 45, 508, 67),
        ("So", 531, 45, 547, 66),
        ("Exponential", 570, 44, 652, 66),
        ("Getcompname", 670, 45, 769, 67),
        ("Overview", 43, 82, 102, 113),
        ("Followed", 41, 110, 102, 138),
        ("Exceptions", 39, 136, 116, 165),
        ("Generated", 42, 163, 115, 190),
        ("Top stories", 228, 94, 348, 131),
        ("BUSINESS", 242, 151, 306, 176),
        ("As Versions Tabs", 244, 172, 409, 199),
        ("Rfcs Normally", 239, 198, 382, 229),
        ("Since an application can have any", 238, 223, 437, 249),
        ("number of areas, logging", 238, 239, 386, 267),
        ("3 min ago", 239, 258, 297, 283),
        ("CULTURE", 491, 151, 554, 177),
        ("Pointer Previous", 495, 172, 656, 199),
        ("Replaced Sources", 495, 199, 667, 227),
        ("Launch", 488, 225, 567, 256),
        ("If any of 'sffix','refix' and 'dir' are", 488, 250, 691, 277),
        ("not None, they must be", 490, 269, 627, 293),
        ("30 min ago", 488, 282, 558, 311),
        ("CULTURE", 743, 151, 806, 177),
        ("Other Or", 746, 170, 835, 201),
        ("Respectively Adobe", 748, 198, 939, 229),
        ("Makes", 747, 225, 809, 256),
        ("Ensure changes to file f are", 745, 251, 902, 275),
        ("physically on disk.", 745, 269, 853, 294),
        ("46 min ago", 743, 285, 810, 310),
    ]
    links = " ".join(box[0] for box in boxes[1:6])  # close together on one row: one line
    for seed in range(3):
        assert texts(page(boxes), seed) == [boxes[0][0], links, *(box[0] for box in boxes[6:])]


#: A team page (card03-team of the nineteenth trial): three rows of four cards — a name, a role, an e-mail, one size of
#: type, no figures — level across each row, so each row looked like a table: four names, four roles, four e-mails.
TEAM: list[Box] = [
    ("Lissajous Coptic", 29, 127, 141, 150),
    ("Staff Inserted Engineer", 28, 148, 181, 170),
    ("lissajous.coptic@example.com", 25, 170, 226, 188),
    ("Euphrates Brummel", 318, 129, 461, 148),
    ("Senior Hegemony Designer", 318, 150, 502, 168),
    ("euphrates.brummel@example.co", 318, 170, 539, 188),
    ("Sheraton Belgian", 610, 128, 729, 150),
    ("Staff Lorries Designer", 610, 148, 753, 170),
    ("sheraton.belgian@example.com", 609, 170, 820, 188),
    ("Kikuyu Kowloon", 901, 127, 1013, 149),
    ("Lead Codify Engineer", 901, 148, 1043, 170),
    ("kikuyu.kowloon@example.com", 898, 167, 1101, 189),
    ("Frigga Edgar", 28, 233, 118, 255),
    ("Senior Grouting Engineer", 28, 253, 196, 275),
    ("frigga.edgar@example.com", 28, 274, 205, 296),
    ("Iroquoian Kashmir", 316, 233, 452, 254),
    ("Junior Slideshow Designer", 314, 253, 492, 275),
    ("iroquoian.kashmir@example.co", 316, 275, 528, 294),
    ("Kauai Casey", 612, 230, 696, 256),
    ("Junior Tibiae Analyst", 609, 253, 746, 275),
    ("kauai.casey@example.com", 610, 273, 784, 295),
    ("Giselle Goldsmith", 902, 234, 1022, 252),
    ("Senior Betakes Analyst", 901, 253, 1052, 275),
    ("giselle.goldsmith@example.co", 902, 274, 1101, 296),
    ("Weizmann Gipsy", 31, 338, 144, 361),
    ("Junior Miner Manager", 27, 359, 174, 380),
    ("weizmann.gipsy@example.com", 31, 377, 232, 400),
    ("Dunlap Yeltsin", 319, 338, 420, 360),
    ("Senior Turkeys Analyst", 319, 359, 470, 380),
    ("dunlap.yeltsin@example.com", 320, 378, 509, 400),
    ("Hadoop Ferrari", 612, 337, 718, 359),
    ("Lead Slovenly Manager", 609, 359, 764, 380),
    ("hadoop.ferrari@example.com", 610, 378, 804, 400),
    ("Negev Modesto", 900, 338, 1013, 360),
    ("Junior Peaks Designer", 900, 359, 1047, 380),
    ("negev.modesto@example.com", 900, 380, 1102, 399),
]

#: Job listings two a row (card13-jobs of the nineteenth trial): three rows of two cards — a title, a company, a town,
#: a salary — read a column of cards at a time.
JOBS: list[Box] = [
    ("Junior Tempera Engineer", 31, 128, 204, 152),
    ("Magnesia Group", 33, 148, 134, 173),
    ("Lucius (Remote)", 30, 169, 135, 194),
    ("$118k -$138k", 29, 189, 122, 214),
    ("Senior Pendent Developer", 612, 128, 792, 152),
    ("Wimple Systems", 615, 148, 716, 173),
    ("Lyons", 612, 168, 653, 195),
    ("$133k - $145k", 612, 189, 705, 214),
    ("Lead Tritest Engineer", 30, 261, 179, 289),
    ("Advised Labs", 30, 285, 116, 307),
    ("Kowloon", 29, 304, 87, 330),
    ("$122k - $175k", 29, 323, 122, 348),
    ("Flagstaff Analyst", 613, 264, 731, 289),
    ("Epsilon Labs", 614, 284, 693, 309),
    ("Hernandez (Remote)", 610, 303, 745, 330),
    ("$104k -$141k", 611, 323, 704, 348),
    ("Lead Mishmash Engineer", 31, 399, 204, 423),
    ("Inmost Systems", 27, 421, 133, 444),
    ("Abrams (Remote)", 30, 438, 143, 466),
    ("$85k - $104k", 31, 461, 114, 483),
    ("Flouting Manager", 612, 397, 734, 425),
    ("Statues Inc.", 613, 419, 690, 445),
    ("Popsicle", 612, 440, 666, 465),
    ("$43k -$103k", 612, 457, 698, 486),
]


@pytest.mark.parametrize("boxes", [TEAM, JOBS], ids=["team", "jobs"])
def test_a_grid_of_cards_of_one_size_reads_card_by_card(boxes: list[Box]) -> None:
    """Nothing in one row tells its cards from a table's rows; the grid does: rows of as many cards, each starting
    where the row above starts its own, a clear space apart (three rows where there are two cards a row)."""
    assert_read_in_order(boxes)


def test_two_columns_of_short_paragraphs_level_twice_are_no_grid() -> None:
    """The guard: two columns of paragraphs, two of them level with the other column's by chance, read column by
    column (two cards a row make a grid only where three rows repeat)."""
    left = [line(f"left {p} line {r} of the column", 0, 130 * p + 24 * r, 300) for p in range(2) for r in range(4)]
    right = [line(f"right {p} line {r} of the column", 400, 130 * p + 24 * r, 300) for p in range(2) for r in range(4)]
    for seed in range(3):
        assert texts(left + right, seed) == [p.text for p in left + right]


#: A list of mail without a sidebar (s17_inbox_dark of the twentieth trial): eleven rows of a sender, a subject and a
#: date, in reading order. Its three columns, each a stack of eleven lines starting level, a line here and there a
#: quarter taller than another by the detector's boxes, were taken for three cards and read a column at a time.
MAIL: list[Box] = [
    ("Tarim Yeager", 26, 73, 123, 105),
    ("drop patches already upstream", 237, 75, 443, 104),
    ("Jul 25", 1199, 74, 1243, 103),
    ("Zomba Derrick", 24, 116, 133, 144),
    ("debianrules Add build for regexp.", 237, 116, 461, 145),
    ("Jul 1", 1202, 112, 1243, 146),
    ("Songhai Susanna", 28, 156, 156, 184),
    ("Bump debhelper from old 12 to 13.", 236, 157, 470, 183),
    ("Oct 26", 1189, 154, 1247, 187),
    ("Buddhism Marva", 25, 198, 147, 225),
    ("dtestsbuild added pkg-config to test", 237, 199, 477, 225),
    ("Mar 28", 1193, 196, 1241, 228),
    ("Lusaka Lonnie", 24, 238, 138, 266),
    ("Add lintian overrides and an override for blhc.", 236, 238, 541, 265),
    ("Jan 2", 1202, 235, 1241, 268),
    ("Hicks Yahtzee", 24, 279, 132, 307),
    ("Kill .xml in the doc directory, no point in", 237, 278, 503, 307),
    ("Mar 5", 1202, 276, 1247, 309),
    ("Camacho Hohenlohe", 28, 322, 176, 346),
    ("standards-version bump to 4.6.0 no changes", 235, 321, 537, 348),
    ("Apr 22", 1193, 317, 1244, 349),
    ("Lachesis Canberra", 23, 362, 162, 386),
    ("Use makeinfo instead of obsoleted texi2html", 240, 363, 536, 386),
    ("Jan 22", 1187, 359, 1245, 391),
    ("Zeus Aleichem", 28, 402, 130, 427),
    ("New upstream release.", 240, 403, 395, 428),
    ("Oct 14", 1189, 398, 1247, 431),
    ("Mammon Julliard", 28, 442, 151, 469),
    ("New upstream release.", 241, 444, 394, 468),
    ("Jul 20", 1193, 439, 1246, 473),
    ("Salado Fitzroy", 21, 481, 131, 514),
    ("New upstream release", 239, 486, 392, 509),
    ("Sep 20", 1188, 478, 1244, 516),
]


def test_a_list_of_rows_is_no_row_of_cards() -> None:
    """The guard: lines of one size, give or take the detector's boxes, are a list's rows, read across."""
    assert_read_in_order(MAIL)


#: Footers of two new users' trials (15_footer of the twenty-first, page12-footer-3col of the nineteenth), in reading
#: order: columns of links, each under its heading and ending where its links end, the rows level across the columns
#: — read as a table, row after row of links. Lists side by side, not all as long, are read list by list.
FOOTER: list[Box] = [
    ("Product", 53, 50, 131, 82),
    ("Shunning yelps", 50, 88, 174, 120),
    ("Shutting handlebars", 51, 124, 207, 149),
    ("Returning legalizes", 50, 155, 200, 183),
    ("Madhouses", 52, 186, 143, 217),
    ("Hobnailing", 52, 219, 143, 254),
    ("Crucify natal", 51, 254, 155, 285),
    ("Company", 271, 50, 370, 85),
    ("Probates divesting", 275, 89, 420, 118),
    ("Detailed miscellany", 275, 123, 429, 151),
    ("Advises", 274, 155, 338, 184),
    ("Beef pearliest", 274, 187, 385, 218),
    ("Resources", 497, 53, 593, 81),
    ("Minutiae", 498, 88, 570, 118),
    ("Franchised warding", 492, 120, 651, 151),
    ("Rebated", 498, 155, 557, 184),
    ("Taboos", 491, 186, 553, 218),
    ("Insisted bookmarked", 493, 224, 655, 248),
    ("Legal", 722, 49, 785, 85),
    ("Redesigns", 725, 87, 808, 120),
    ("Equalled subtlest", 725, 123, 860, 148),
    ("Laddie", 723, 152, 785, 184),
    ("Procurers", 725, 187, 807, 217),
    ("Dictates", 729, 222, 791, 251),
    ("Seconding little", 725, 254, 846, 282),
    ("Copyright 2025 Mackenzie Inc.", 52, 307, 286, 334),
    ("Privacy and cookies", 987, 307, 1142, 335),
]
FOOTER_UNDER_A_PAGE: list[Box] = [
    ("Clogged Spark", 30, 6, 169, 35),
    ("Help Home", 1048, 6, 1146, 35),
    ("Routinize Enjoined Adorns", 15, 67, 292, 95),
    ("infringes any patent, then the rights granted to You by any and all Contributors for", 11, 96, 789, 118),
    ("License shall terminate. In the event of termination under Sections or above, all end", 13, 115, 789, 138),
    ("resellers) which have been validly granted by You or Your distributors under this", 14, 138, 761, 157),
    ("termination. Disclaimer of Warranty Covered Software is provided under this License", 14, 158, 798, 179),
    ("Legal", 12, 235, 55, 263),
    ("Wrung", 17, 256, 59, 283),
    ("Ululated Clogged", 14, 279, 122, 302),
    ("Pride Ascendent", 13, 297, 121, 320),
    ("Product", 403, 236, 461, 262),
    ("Sirens Camcorder", 405, 256, 522, 282),
    ("Biggie", 404, 278, 449, 305),
    ("Addends Semitones", 404, 297, 535, 322),
    ("Resources", 798, 239, 868, 259),
    ("Slacks Optional", 797, 256, 899, 282),
    ("Cravens", 795, 278, 853, 304),
    ("Aviatrix", 797, 298, 844, 322),
    ("Routine Countered", 796, 319, 915, 341),
    ("© 2025 Franked Inc. All rights reserved.", 13, 364, 262, 387),
]


@pytest.mark.parametrize("boxes", [FOOTER, FOOTER_UNDER_A_PAGE], ids=["footer", "footer under a page"])
def test_a_footers_columns_of_links_read_column_after_column(boxes: list[Box]) -> None:
    assert_read_in_order(boxes)


def test_tables_of_words_stay_rows_where_a_cell_is_empty_or_of_two_lines() -> None:
    """The guards: a table of words, its columns as long as each other, or one cell of its middle column on two lines
    (the other columns' lines skip that second line), is read row by row."""
    rows = [("Name", "Role", "Team"), ("Ada Byron", "Analyst", "Engines"), ("Alan Turing", "Codebreaker", "Huts")]
    rows += [("Grace Hopper", "Admiral", "Navy"), ("Edsger Dijkstra", "Professor", "Austin")]
    table = [line(cell, 250 * at, 30 * row, 120) for row, cells in enumerate(rows) for at, cell in enumerate(cells)]
    tops = [0, 30, 82, 112, 142]  # the second row's role on two lines
    wrapped = [line(cell, 250 * at, tops[row], 120) for row, cells in enumerate(rows) for at, cell in enumerate(cells)]
    wrapped.insert(6, line("and Writer", 250, 52, 120))  # a row of its own, under the row it ends
    for seed in range(3):
        assert texts(table, seed) == [box.text for box in table]
        assert texts(wrapped, seed) == [box.text for box in wrapped]


#: A paper form (form_1 of the seventeenth trial): two fields a row, each a label over its value, some empty (a label
#: alone), in reading order. A gutter ran between its two columns of fields: every field on the left, then every
#: field on the right. The grid of its rows of fields says they are rows of cards.
FORM: list[Box] = [
    ("Bleeding Pleader Claim Form", 81, 60, 481, 99),
    ("It is not possible to use this on some CPU types.", 76, 107, 416, 131),
    ("First name", 79, 152, 156, 173),
    ("Martinez", 92, 182, 182, 204),
    ("Last name", 518, 152, 595, 173),
    ("Edward", 533, 181, 600, 206),
    ("Date of birth", 80, 235, 170, 257),
    ("07/12/1962", 89, 266, 206, 290),
    ("Phone", 518, 235, 568, 258),
    ("555-440-2419", 532, 267, 668, 290),
    ("Street address", 80, 319, 185, 341),
    ("City", 516, 316, 554, 348),
    ("Postal code", 80, 403, 163, 425),
    ("Country", 519, 401, 580, 428),
    ("Swahili", 533, 434, 612, 459),
    ("Email", 80, 486, 123, 511),
    ("countersunk@example.org", 90, 519, 355, 543),
    ("Occupation", 520, 487, 602, 511),
    ("Housefly Hares Hear?", 83, 574, 252, 597),
    ("Monthly", 111, 604, 175, 633),
    ("Yes", 255, 606, 281, 630),
    ("Daily", 354, 604, 400, 634),
    ("Criticizes Dioxins Pooh?", 82, 650, 269, 674),
    ("x Yes", 85, 680, 139, 708),
    ("x Never", 180, 682, 264, 707),
    ("Monthly", 340, 679, 406, 711),
    ("Signature", 79, 742, 152, 772),
    ("Date", 519, 745, 556, 768),
]


def test_a_forms_fields_two_a_row_read_row_after_row() -> None:
    assert_read_in_order(FORM)


#: Two kanban boards (card15 and card16 of the nineteenth trial), in reading order: columns of cards, each under its
#: heading (set out of the cards' padding, a title over the headings), a column longer than the others. The headings
#: were read across as a row over the columns; the longest column's last card, under the others' ends, last.
BOARD: list[Box] = [
    ("Erroneous", 32, 5, 137, 36),
    ("Pricing About Account Contact", 868, 4, 1147, 36),
    ("Purser Zingers Board", 18, 64, 260, 94),
    ("To do (2)", 27, 114, 92, 142),
    ("Fix obduracy garnished", 35, 159, 211, 183),
    ("unwashed potential frizz", 36, 178, 202, 199),
    ("Kalmyk · 1 pts", 36, 198, 133, 220),
    ("Add berms agape", 39, 250, 167, 278),
    ("valorous barnyards earls", 35, 272, 204, 296),
    ("Hapsburg · 1 pts", 39, 290, 151, 315),
    ("In progress (2)", 412, 118, 524, 140),
    ("Add octane hornets", 424, 159, 571, 183),
    ("Messiah· 6 pts", 429, 179, 530, 201),
    ("Test confirmed statute", 426, 236, 593, 257),
    ("Kewpie · 3 pts", 427, 251, 525, 279),
    ("Review (3)", 806, 116, 881, 141),
    ("Update thoughts buffoon", 818, 159, 1002, 183),
    ("Olympics · 5 pts", 815, 178, 924, 203),
    ("Design guppies betided", 819, 234, 990, 258),
    ("Moses · 7 pts", 819, 252, 906, 278),
    ("Update saunas misers", 818, 311, 979, 332),
    ("hart parleying fishbowls", 815, 330, 978, 351),
    ("Kuibyshev · 7 pts", 815, 348, 932, 371),
]
LONG_BOARD: list[Box] = [
    ("Elbow Saxophone Board", 14, 7, 310, 37),
    ("To do (4)", 23, 66, 94, 94),
    ("Add tightest", 49, 124, 143, 149),
    ("Erasmus · 8 pts", 49, 147, 161, 174),
    ("Design igloos", 48, 231, 154, 256),
    ("Mister · 6 pts", 48, 252, 143, 280),
    ("Refactor equinox", 52, 337, 177, 361),
    ("fathers queenlier", 47, 362, 169, 384),
    ("Gates · 7 pts", 48, 385, 141, 410),
    ("Add peeps puerile", 48, 468, 187, 492),
    ("Pericles · 1 pts", 49, 492, 152, 514),
    ("In progress (2)", 314, 69, 428, 91),
    ("Refactor endeared", 337, 124, 480, 148),
    ("Antigone · 8 pts", 340, 147, 450, 174),
    ("Design reputable", 341, 231, 470, 255),
    ("lightness", 333, 254, 405, 279),
    ("Zealand · 7 pts", 339, 278, 443, 301),
    ("Review (3)", 604, 67, 684, 92),
    ("Design zooming", 627, 125, 752, 147),
    ("rearward soapiest", 626, 148, 758, 172),
    ("Britain · 4 pts", 630, 171, 721, 196),
    ("Test beheading", 626, 253, 747, 281),
    ("Zorn · 6 pts", 629, 277, 711, 303),
    ("Fix clappers", 627, 361, 725, 386),
    ("backings hurt", 626, 382, 728, 410),
    ("Toshiba · 6 pts", 628, 409, 732, 431),
    ("Done (3)", 893, 66, 964, 94),
    ("Refactor cooker", 917, 125, 1042, 147),
    ("Mandela · 2 pts", 922, 149, 1029, 171),
    ("Design drawls", 917, 232, 1027, 254),
    ("Charolais · 8 pts", 919, 254, 1034, 276),
    ("Add dispatch", 921, 338, 1020, 360),
    ("Formicas · 7 pts", 918, 362, 1034, 384),
]


@pytest.mark.parametrize("boxes", [BOARD, LONG_BOARD], ids=["headings under a title", "a longer column"])
def test_a_kanban_boards_columns_read_one_after_the_other(boxes: list[Box]) -> None:
    assert_read_in_order(boxes)
