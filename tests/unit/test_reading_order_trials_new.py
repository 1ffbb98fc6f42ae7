"""Reading order on the detector boxes of pages new users' twenty-second and twenty-third trials read out of order
(their own generators, nothing chosen on them before they ran; no model; boxes in the text's frame)."""

from __future__ import annotations

import pytest

from tests.unit.test_reading_order import texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order, page

#: Meeting minutes (d14_minutes): a page of prose, then a table of actions, owners and dates under a heading, in
#: reading order. The gap between the table's first two columns was taken for a gutter up the whole page: every long
#: line of the prose (across it) came first, then every short one.
MINUTES: list[Box] = [
    ("Fully Committee – Meeting Minutes", 27, 25, 482, 63),
    ("Date: Sep 25, 2020", 26, 62, 188, 92),
    ("Time: 07:25 – 17:05", 28, 90, 190, 115),
    ("Location: Mao Room, Stoppard Building", 26, 115, 348, 142),
    ("Present: Trojan Harmon, Mexicali Quechua, Friedmann Hellenic", 30, 150, 540, 174),
    ("Apologies: Freon Hohhot", 31, 178, 230, 202),
    ("1. Invisible Semicircles", 26, 216, 227, 240),
    ("This is not due to a bug in the package but instead due to a bug in the system header file", 32, 242, 737, 266),
    ("which breaks things in 64-bit mode. If you're not using systemd, you may wish to add this", 28, 267, 738, 292),
    ("to your session logout scripts.", 27, 295, 267, 319),
    ("2. Optical Inset Scenarios", 26, 332, 250, 356),
    ("The reason is that it purposely uses uninitialized memory. If it is unavailable, some", 28, 357, 682, 382),
    ("features, such as remote protocol memory maps, target descriptions, and shared library", 26, 383, 727, 409),
    ("lists, that are based on XML files, will not be available in GDB.", 22, 410, 524, 434),
    ("3. Interracial Feathery Annulments Caught", 26, 446, 393, 473),
    ("You are not required to accept this License, since you have not signed it. The licenses", 32, 474, 712, 498),
    ("granted in this Section 2 are the only rights granted under this License. The default is", 28, 501, 705, 525),
    ("to use PadLock if available.", 27, 528, 247, 552),
    ("Action items", 29, 563, 140, 594),
    ("Action", 32, 595, 88, 625),
    ("Owner", 427, 592, 492, 627),
    ("Due", 630, 594, 666, 626),
    ("Drably slandered lad super cornball", 28, 634, 317, 661),
    ("Jetway Reuther", 425, 631, 557, 662),
    ("Dec 20, 2024", 630, 631, 736, 662),
    ("Ocular vigilantism sate", 30, 668, 213, 699),
    ("Blevins Katrina", 428, 668, 549, 697),
    ("Feb 24, 2020", 623, 666, 737, 701),
    ("Suffusing employes undertake", 27, 707, 272, 734),
    ("Mayas Heywood", 430, 707, 565, 735),
    ("Dec 15, 2022", 630, 705, 741, 736),
    ("Next meeting: Nov 20, 2019", 27, 751, 254, 779),
]


def test_minutes_over_a_table_read_as_a_page_then_the_table_row_by_row() -> None:
    assert_read_in_order(MINUTES)


#: A CV (d06_cv): a sidebar (contact, skills, languages) beside a profile and jobs, each job's dates flush right on
#: its title's row, in reading order. The dates, two short lines apart, were taken for a column of their own (the
#: widest gap on the page) and read last.
CV: list[Box] = [
    ("ELECTRA SUDRA", 22, 19, 300, 42),
    ("Aromatic Adrenals", 22, 52, 177, 72),
    ("CONTACT", 40, 105, 112, 123),
    ("electra.sudra@income.com", 37, 123, 192, 142),
    ("(321) 567-5489", 38, 141, 141, 158),
    ("Philly, Massey", 39, 160, 133, 179),
    ("SKILLS", 38, 191, 93, 210),
    ("Steal minibus", 38, 211, 132, 228),
    ("Emplacement desegregate", 38, 230, 217, 248),
    ("Amount refutes", 41, 249, 144, 266),
    ("Ivy", 38, 267, 61, 288),
    ("Unveils", 37, 284, 91, 308),
    ("LANGUAGES", 37, 320, 134, 335),
    ("Fatima (native)", 41, 337, 141, 357),
    ("Kngwarreye (basic)", 38, 357, 170, 375),
    ("PROFILE", 302, 89, 367, 107),
    ("Please only use the tarballs from", 301, 109, 512, 127),
    ("distfiles.dereferenced.org. Otherwise, create a new merge", 299, 127, 688, 146),
    ("request that introduces the change. To protect your", 299, 145, 645, 163),
    ("rights, we need to make restrictions that forbid anyone to", 301, 165, 684, 183),
    ("deny you these rights or to ask you to surrender the", 301, 184, 645, 202),
    ("rights.", 299, 202, 348, 224),
    ("EXPERIENCE", 301, 237, 401, 252),
    ("Worthless Congest Devours", 302, 263, 503, 280),
    ("2011 - present", 742, 262, 845, 282),
    ("Lorries Services", 301, 281, 408, 299),
    ("- boosters detergent revoked add shrived midyear", 300, 302, 634, 316),
    ("- drone enters disorients cheerfuller brouhahas", 299, 319, 616, 334),
    ("Undresses", 301, 343, 379, 364),
    ("2011-2021", 757, 346, 842, 364),
    ("Ashcan Underrate LLC", 302, 365, 454, 383),
    ("- abridgment carves officialdom catholic sparked defamed", 300, 385, 685, 402),
    ("- forgets fiche erotic syndrome lark", 300, 403, 536, 421),
    ("– conservator grammarians sellouts lawlessly", 300, 422, 602, 439),
    ("EDUCATION", 300, 454, 392, 471),
    ("MSc Prescient", 301, 471, 400, 491),
    ("University of Encarta, 2007", 304, 492, 484, 510),
]


def test_a_cvs_dates_flush_right_stay_on_their_jobs_rows() -> None:
    assert_read_in_order(CV)


#: A contact list (s14_contacts): a title with its button flush right, a search box, then a table of names, e-mails and
#: phones under section letters, in reading order. The button, one line level with the title, and the rows' phones
#: were read as columns of their own.
CONTACTS: list[Box] = [
    ("Contacts", 28, 29, 104, 57),
    ("+ New contact", 814, 28, 891, 46),
    ("Search contacts", 37, 72, 126, 93),
    ("A", 24, 121, 39, 140),
    ("Aldebaran Carrillo", 28, 151, 122, 170),
    ("aldebaran.carrillo@astrakhan.com", 285, 150, 460, 171),
    ("(663) 434-3505", 644, 150, 729, 172),
    ("D", 24, 187, 39, 207),
    ("Delia Omayyad", 27, 218, 109, 239),
    ("delia.omayyad@subtraction.com", 286, 217, 453, 239),
    ("(462) 860-2814", 644, 218, 729, 239),
    ("E", 22, 255, 40, 277),
    ("Espinoza Kafkaesque", 27, 285, 140, 306),
    ("espinoza.kafkaesque@rowdies.com", 288, 285, 473, 306),
    ("(581) 469-4675", 644, 284, 729, 306),
    ("F", 24, 324, 38, 342),
    ("Ferguson Latvian", 28, 353, 120, 375),
    ("ferguson.latvian@dances.com", 285, 353, 441, 374),
    ("(976) 357-8351", 644, 353, 729, 375),
    ("H", 24, 390, 39, 410),
    ("Hilfiger Reyes", 23, 419, 104, 443),
    ("hilfiger.reyes@designed.com", 285, 419, 434, 442),
    ("(269) 878-1937", 644, 420, 729, 441),
    ("J", 23, 458, 38, 478),
    ("Jagger Dschubba", 27, 489, 120, 508),
    ("jagger.dschubba@tabus.com", 284, 488, 437, 509),
    ("(521) 514-5026", 644, 487, 729, 509),
    ("K", 23, 525, 41, 546),
    ("Knuths Salvadoran", 26, 556, 129, 577),
    ("knuths.salvadoran@abductee.com", 288, 556, 466, 577),
    ("(948) 778-3276", 644, 556, 729, 578),
    ("s", 20, 590, 41, 615),
    ("Seville Pound", 27, 624, 101, 642),
    ("seville.pound@snuggling.com", 288, 624, 439, 644),
    ("(203) 538-1420", 647, 623, 729, 644),
    ("T", 23, 661, 38, 680),
    ("Thor Yangon", 28, 688, 95, 715),
    ("thor.yangon@versatile.com", 285, 691, 426, 712),
    ("(564) 591-5481", 644, 689, 731, 714),
    ("V", 23, 728, 40, 748),
    ("Vic Eyre", 28, 756, 74, 782),
    ("vic.eyre@deplete.com", 288, 758, 402, 780),
    ("(903) 386-8664", 644, 758, 729, 780),
]


def test_a_contact_lists_rows_read_across_under_their_letters() -> None:
    assert_read_in_order(CONTACTS)


#: Another contact list (s20_contacts): the same table, its e-mails and phones close enough row to row to chain into
#: stacks (two e-mails beside five phones), in reading order. Those stacks were taken for rows of cards in a grid, and
#: the table read column by column.
CONTACT_TABLE: list[Box] = [
    ("Contacts", 32, 32, 137, 59),
    ("+ New contact", 781, 26, 891, 50),
    ("Search contacts", 41, 76, 165, 103),
    ("A", 22, 131, 45, 154),
    ("Aquino Ponce", 27, 166, 133, 188),
    ("aquino.ponce@spiders.com", 286, 165, 497, 188),
    ("(246) 514-8156", 646, 162, 766, 189),
    ("B", 24, 208, 43, 230),
    ("Bjerknes Knopf", 31, 243, 146, 264),
    ("bjerknes.knopf@woefullest.com", 288, 244, 524, 264),
    ("(344) 325-8359", 647, 243, 766, 264),
    ("Boulder Chartres", 31, 277, 156, 298),
    ("boulder.chartres@yuckier.com", 289, 278, 511, 296),
    ("(528) 343-5709", 645, 277, 766, 299),
    ("Bukharin Serbian", 31, 311, 160, 332),
    ("bukharin.serbian@mocks.com", 289, 313, 511, 331),
    ("(248) 933-2240", 645, 312, 766, 334),
    ("Bulawayo Brett", 28, 346, 145, 367),
    ("bulawayo.brett@clumsily.com", 287, 346, 506, 367),
    ("(675) 505-1770", 647, 345, 766, 366),
    ("Burke Che", 27, 382, 108, 401),
    ("burke.che@abetting.com", 286, 380, 475, 403),
    ("(890) 538-2176", 645, 381, 766, 403),
    ("F", 25, 422, 42, 444),
    ("Floridan Letterman", 27, 457, 172, 478),
    ("floridan.letterman@envisaged.com", 286, 457, 549, 478),
    ("(572) 243-3145", 646, 453, 765, 480),
    ("H", 23, 499, 45, 521),
    ("Havarti Maigret", 31, 534, 146, 555),
    ("havarti.maigret@tawniest.com", 287, 535, 515, 555),
    ("(490) 523-4563", 647, 533, 766, 554),
    ("Hildebrand Bohr", 27, 567, 152, 588),
    ("hildebrand.bohr@advances.com", 285, 567, 532, 589),
    ("(556) 456-1439", 645, 568, 766, 590),
    ("M", 22, 609, 47, 632),
    ("Maldivians Dolores", 31, 645, 170, 666),
    ("maldivians.dolores@mayhem.com", 290, 645, 547, 666),
    ("(552) 699-5154", 646, 641, 765, 668),
    ("Mick Moss", 30, 679, 110, 701),
    ("mick.moss@carping.com", 290, 680, 476, 701),
    ("(512) 795-3491", 645, 679, 766, 701),
    ("S", 24, 721, 43, 742),
    ("Socrates Englishmen", 27, 755, 190, 778),
    ("socrates.englishmen@morrows.com", 287, 757, 562, 778),
    ("(238) 769-3278", 645, 756, 766, 778),
    ("T", 24, 797, 43, 818),
    ("Tunis Lacey", 25, 829, 121, 857),
    ("tunis.lacey@derail.com", 286, 833, 459, 853),
    ("(557) 887-5025", 646, 828, 765, 855),
]


def test_a_tables_columns_chained_into_stacks_are_no_grid_of_cards() -> None:
    assert_read_in_order(CONTACT_TABLE)


#: A recipe card (doc_32_recipe_card of the twenty-third trial): ingredients beside numbered directions, their rows
#: level, in reading order. The narrow list beside the wide one was read as item … price, row by row.
RECIPE_CARD: list[Box] = [
    ("Put Assurances Domineered", 21, 13, 307, 39),
    ("From the kitchen of Litigants Allocate", 18, 39, 248, 60),
    ("Ingredients", 16, 67, 95, 87),
    ("4 cups precipices", 19, 87, 129, 106),
    ("1 tsp pheromones", 18, 106, 131, 125),
    ("4 cups manageable", 18, 125, 142, 144),
    ("3 tsp truther", 19, 143, 96, 163),
    ("2 tsp creameries", 19, 162, 126, 184),
    ("3 tsp exchange", 18, 182, 114, 202),
    ("1 tbsp mounted", 18, 200, 116, 219),
    ("Directions", 270, 67, 338, 87),
    ("1. End user questions thus created.", 267, 85, 490, 106),
    ("2. Given a distinguishing version number.", 268, 106, 525, 125),
    ("3. API and ABI compatible with espeak.", 269, 125, 514, 144),
    ("4. Exercise of the rights granted herein.", 269, 144, 514, 163),
    ("5. Distributions will only be introduced if", 269, 162, 516, 181),
    ("6. Can specify that version instead", 269, 182, 484, 201),
]


def test_a_recipes_ingredients_beside_its_numbered_steps_read_one_list_after_the_other() -> None:
    assert_read_in_order(RECIPE_CARD)


#: A birth certificate (doc_23_birth of the twenty-third trial): a title, seven labels each with its value a gap to the
#: right, level one for one, two of the values a date and a number, a signature row; in reading order. Every label
#: came first, then every value: a spec sheet needed two values in five to be numbers.
CERTIFICATE: list[Box] = [
    ("CERTIFICATE OF BIRTH", 163, 56, 540, 95),
    ("State of Parries, County of Boards", 215, 99, 494, 131),
    ("Name of child", 51, 146, 171, 183),
    ("Jitneys Flagellate", 275, 147, 429, 184),
    ("Date of birth", 52, 185, 161, 225),
    ("11 Apr 2019", 274, 185, 389, 228),
    ("Place of birth", 52, 227, 165, 265),
    ("Collides Shrapnel", 280, 227, 433, 267),
    ("Sex", 46, 263, 97, 309),
    ("Male", 284, 267, 332, 307),
    ("Name of mother", 51, 308, 188, 345),
    ("Aborigines Cleverness", 279, 308, 472, 347),
    ("Name of father", 52, 350, 180, 387),
    ("Duke Franchised", 281, 351, 425, 385),
    ("Registration number", 53, 391, 222, 427),
    ("74177695", 280, 390, 368, 427),
    ("Registrar Brightly Annexes", 53, 453, 270, 487),
    ("Issued 20 Jan 2022", 490, 453, 658, 484),
]


def test_a_certificates_labels_read_each_with_its_value() -> None:
    assert_read_in_order(CERTIFICATE)


#: A newsletter photographed (a new user's trial of 2026-12-07, its own pictures): a headline over the first two of
#: three narrow columns; the third column's heading ("In Brief") and first line level with the headline, in reading
#: order. They were read right after the headline — the heading standing 9 px higher than the headline's top, the
#: first line level with it — as lines over the columns.
NEWSLETTER_PHOTO: list[Box] = [
    ("Yard Decision Delayed Again", 140, 203, 567, 249),
    ("The town council met on Tuesday", 132, 252, 310, 274),
    ("evening to discuss the future of the", 134, 270, 319, 293),
    ("old railway yard, which has stood", 134, 287, 313, 311),
    ("empty for almost eleven years since", 136, 306, 324, 329),
    ("the last freight trains left.", 134, 324, 270, 347),
    ("Residents packed the hall and many", 138, 342, 326, 365),
    ("stood at the back, holding handwritten", 138, 361, 337, 382),
    ("signs asking for a park, a market and", 140, 379, 334, 401),
    ("a place where children could play", 140, 395, 317, 419),
    ("safely after school.", 141, 413, 243, 435),
    ("A local builder offered to pay for", 416, 251, 592, 273),
    ("part of the work in exchange for", 417, 269, 594, 292),
    ("permission to build forty homes along", 419, 287, 624, 311),
    ("the northern edge, close to the canal", 419, 306, 614, 329),
    ("towpath.", 420, 324, 471, 347),
    ("Several speakers warned that the homes", 422, 343, 639, 366),
    ("would block the view of the hills and", 423, 362, 623, 382),
    ("bring more traffic to streets that are", 424, 380, 615, 401),
    ("already busy at the start of every", 425, 397, 601, 419),
    ("school day.", 426, 414, 490, 438),
    ("In Brief", 716, 194, 774, 221),
    ("The meeting ended without a vote, but", 718, 220, 935, 245),
    ("the mayor promised a public", 719, 241, 879, 263),
    ("consultation in the spring with", 721, 259, 892, 282),
    ("drawings, models and a questionnaire", 722, 279, 933, 300),
    ("sent to every household.", 722, 297, 860, 318),
    ("Volunteers from the wildlife group", 725, 314, 917, 339),
    ("have counted more than sixty kinds of", 723, 333, 940, 355),
    ("birds on the site, including a pair of", 726, 351, 925, 373),
    ("kestrels that nest in the old signal", 727, 370, 915, 392),
    ("box.", 727, 388, 758, 412),
]


def test_a_third_columns_heading_and_first_line_beside_a_headline_over_the_other_two_start_that_column() -> None:
    """A column's first lines beside a headline over the other columns, its lines running on under them at their
    usual spacing, are the column's, not lines over the columns (a dateline and a price stand apart from the columns
    under the headline)."""
    assert_read_in_order(NEWSLETTER_PHOTO)


#: A slide of a new user's trial of screens, slides and code (2026-12-07): a title, two lists of bullets under a
#: one-word heading each, as many items a side and their rows level, the date and the slide's number at the foot (the
#: recogniser kept three of the six bullets, boxed alone), in reading order. It was read as a table under a header row,
#: row by row across both lists.
SLIDE_OF_TWO_LISTS: list[Box] = [
    ("Pros and Cons", 84, 68, 588, 148),
    ("Pros", 83, 203, 194, 257),
    ("●", 92, 290, 103, 304),
    ("Lower running costs", 123, 276, 502, 322),
    ("●", 92, 354, 103, 368),
    ("Quiet operation", 127, 338, 411, 387),
    ("No fuel deliveries", 191, 399, 461, 439),
    ("Cons", 806, 204, 914, 255),
    ("Weather dependent", 843, 272, 1214, 324),
    ("●", 801, 351, 820, 371),
    ("Large roof needed", 837, 335, 1182, 388),
    ("Shading reduces output", 898, 398, 1277, 443),
    ("04/11/2025", 86, 829, 205, 854),
    ("3", 1499, 832, 1513, 853),
]


def test_two_bulleted_lists_side_by_side_are_read_list_by_list() -> None:
    """A table's cells do not start with bullets: two lists side by side, each under its heading, are read whole (a
    bullet boxed alone joined to its item)."""
    items = [text for text, *_ in SLIDE_OF_TWO_LISTS if text != "●"]
    for bulleted in ("Lower running costs", "Quiet operation", "Large roof needed"):
        items[items.index(bulleted)] = f"● {bulleted}"
    for seed in range(3):
        assert texts(page(SLIDE_OF_TWO_LISTS), seed) == items


#: A code editor's screenshot of the same trial: a line number beside each line of code (none beside 15, 16, 21 and
#: 24: blank lines), a status bar under them, in reading order. Every number was read first, then the code.
NUMBERED_CODE: list[Box] = [
    ("8", 25, 11, 50, 42),
    ('"""Read the settings file and fill in defaults.', 130, 6, 807, 46),
    ("I u I", 809, 15, 847, 29),
    ("9", 24, 42, 50, 74),
    ("data = json.loads(Path(path).read_text())", 128, 41, 723, 76),
    ("10", 13, 73, 51, 107),
    ("for key, value in DEFAULTS.items():", 128, 73, 634, 106),
    ("11", 16, 104, 45, 142),
    ("data.setdefault(key, value)", 186, 105, 580, 141),
    ("12", 16, 137, 44, 174),
    ('if data["workers"] < 1:', 130, 139, 461, 172),
    ("13", 16, 168, 44, 205),
    ('raise ValueError("workers must be positive")', 186, 171, 824, 204),
    ("14", 13, 201, 51, 235),
    ("return data", 131, 205, 291, 233),
    ("15", 12, 232, 52, 269),
    ("16", 12, 264, 51, 300),
    ("17", 13, 297, 51, 331),
    ("class Cache:", 72, 299, 246, 330),
    ("18", 12, 328, 52, 365),
    ("def __init__(self, size=128):", 129, 328, 549, 365),
    ("19", 12, 361, 51, 397),
    ("self.size = size", 186, 363, 421, 393),
    ("20", 12, 393, 51, 429),
    ("self.items = {}", 186, 392, 408, 429),
    ("21", 12, 426, 49, 460),
    ("22", 12, 458, 50, 492),
    ("def get(self, key, default=None):", 129, 457, 606, 493),
    ("23", 12, 488, 51, 525),
    ("return self.items.get(key, default)", 186, 489, 694, 524),
    ("24", 12, 520, 52, 557),
    ("25", 15, 552, 44, 590),
    ("def put(self, key, value):", 129, 553, 506, 589),
    ("26", 11, 585, 51, 621),
    ("if len(self.items) >= self.size:", 186, 588, 649, 618),
    ("main", 12, 637, 61, 667),
    ("Ln 11, Col 6 Spaces: 4 UTF-8 Python", 674, 637, 1036, 666),
]


def test_a_code_editors_line_numbers_are_read_each_with_its_line() -> None:
    """A column of whole numbers counting up by one, level with the lines beside it, numbers those lines: rows (the
    first line's stray mark at its end joined to it, and a line not indented to its number)."""
    lines = [text for text, *_ in NUMBERED_CODE if text not in ("I u I", "class Cache:")]
    lines[1] += " I u I"
    lines[lines.index("17")] = "17 class Cache:"
    for seed in range(3):
        assert texts(page(NUMBERED_CODE), seed) == lines


#: A terminal's ``ls -l`` of the same trial (18-px monospace, its first six rows; the detector boxed most cells apart),
#: in reading order. The line finder cut every row at the one space lined up after the link count: every row's
#: permissions and count were read first, then the rest of every row.
LS_LISTING: list[Box] = [
    ("root@pi: ~/projects/shop", 429, 3, 608, 27),
    ("root@pi:~/projects/shop$ ls -1", 12, 40, 370, 70),
    ("total 761", 9, 66, 123, 96),
    ("-rw-r--r--", 10, 93, 131, 123),
    ("4", 144, 93, 157, 122),
    ("alice staff", 168, 91, 303, 122),
    ("107649", 314, 93, 389, 121),
    ("Jan", 398, 93, 432, 121),
    ("24", 445, 93, 468, 121),
    ("21:23", 481, 93, 541, 121),
    (".gitignore", 551, 94, 671, 122),
    ("-rw-r--r--", 13, 123, 132, 144),
    ("5", 144, 119, 155, 147),
    ("alice", 168, 119, 230, 147),
    ("staff", 240, 118, 303, 147),
    ("84792 Mar", 320, 118, 436, 149),
    ("23", 448, 121, 467, 146),
    ("13:01", 479, 119, 542, 148),
    ("build.sh", 553, 119, 652, 147),
    ("-rw-rw-r--", 10, 144, 130, 172),
    ("1", 146, 143, 153, 170),
    ("alice staff", 166, 144, 302, 174),
    ("a", 168, 143, 173, 170),
    ("65081 N", 322, 145, 401, 173),
    ("May", 392, 143, 434, 176),
    ("14", 439, 143, 469, 176),
    ("13:06", 481, 143, 544, 176),
    ("5 data.csv", 533, 146, 648, 173),
    ("drwxr-xr-x", 10, 170, 132, 200),
    ("5", 144, 170, 156, 200),
    ("alice", 168, 170, 232, 200),
    ("staff", 239, 168, 304, 201),
    ("4096", 338, 171, 385, 200),
    ("Jun", 399, 171, 430, 200),
    ("20", 441, 170, 469, 201),
    ("22:21", 479, 170, 541, 201),
    ("docs", 553, 171, 600, 200),
    ("-rw-rw-r--", 12, 201, 132, 222),
    ("5", 142, 196, 156, 226),
    ("alice", 168, 196, 234, 226),
    ("staff", 238, 198, 302, 225),
    ("174563", 310, 197, 385, 225),
    ("May", 398, 199, 432, 225),
    ("23", 443, 198, 472, 225),
    ("22:33", 479, 196, 541, 227),
    ("notes.txt", 551, 198, 659, 225),
    ("-rw-", 13, 228, 61, 247),
    ("--r--", 73, 228, 135, 247),
    ("3", 143, 221, 156, 252),
    ("alice staff", 167, 221, 307, 252),
    ("162400", 314, 223, 389, 251),
    ("Jan", 393, 221, 433, 252),
    ("14", 445, 221, 471, 252),
    ("16:41", 479, 221, 541, 252),
    ("README.md", 551, 223, 664, 251),
]


def test_a_terminal_listing_cut_after_its_second_cell_is_read_row_by_row() -> None:
    """Short cells beside a grid — rows of three pieces or more, their pieces starting at the same places row after
    row — are one table: each row read whole."""
    rows = [
        "-rw-r--r-- 4 alice staff 107649 Jan 24 21:23 .gitignore",
        "-rw-r--r-- 5 alice staff 84792 Mar 23 13:01 build.sh",
        "-rw-rw-r-- 1 alice staff a 65081 N May 14 13:06 5 data.csv",
        "drwxr-xr-x 5 alice staff 4096 Jun 20 22:21 docs",
        "-rw-rw-r-- 5 alice staff 174563 May 23 22:33 notes.txt",
        "-rw- --r-- 3 alice staff 162400 Jan 14 16:41 README.md",
    ]
    for seed in range(3):
        assert " ".join(rows) in " ".join(texts(page(LS_LISTING), seed))


#: A new user's photo of an index set in two columns (8-14 px, a page at an angle, blurred; its first eight entries a
#: column, in the photo's page frame): the rows of the two columns stand level and the entries are short.
INDEX_IN_TWO_COLUMNS: list[Box] = [
    ("abusively, 94, 478", 28, 20, 120, 40),
    ("antiquities, 173", 27, 33, 107, 52),
    ("aster, 571", 27, 45, 81, 61),
    ("batches,290, 366,397,534", 25, 52, 170, 76),
    ("bee, 71,337,381", 27, 65, 119, 83),
    ("beginners, 130, 150, 188, 476", 27, 76, 181, 95),
    ("bewilders, 381, 434, 479", 24, 87, 156, 107),
    ("blockbuster, 405", 25, 98, 111, 116),
    ("obstetrics, 141, 187", 356, 31, 456, 51),
    ("paper, 139", 357, 42, 412, 60),
    ("parkour, 161", 359, 55, 420, 70),
    ("pct, 211, 491, 546, 556", 356, 62, 470, 83),
    ("phone, 505", 355, 73, 414, 93),
    ("pithiest, 291", 356, 84, 416, 104),
    ("plaques, 440", 354, 96, 420, 113),
    ("popped, 136, 426, 593", 355, 105, 468, 125),
]


def test_an_index_set_in_two_columns_is_read_column_after_column() -> None:
    """Its entries, short and level across the gap, made a table (each left entry joined to a right one by a tab);
    both columns run in alphabetical order, the right one on from the left's last: one list."""
    assert_read_in_order(INDEX_IN_TWO_COLUMNS)


def _pairs_table(rows: list[tuple[str, str]], right_start: int) -> list[Box]:
    """A table of two columns of words, a pair a row: the key at x = 54, its value at ``right_start``."""
    boxes: list[Box] = []
    for number, (key, value) in enumerate(rows):
        top = 50 + 23 * number
        boxes += [
            (key, 54, top, 54 + 9 * len(key), top + 20),
            (value, right_start, top, right_start + 9 * len(value), top + 20),
        ]
    return boxes


#: A new user's table of countries and their capitals (a header, then a pair of words a row, no number).
CAPITALS = [
    ("Country", "Capital"),
    ("Argentina", "Buenos Aires"),
    ("Belgium", "Brussels"),
    ("Canada", "Ottawa"),
    ("Egypt", "Cairo"),
    ("France", "Paris"),
    ("Greece", "Athens"),
    ("Kenya", "Nairobi"),
]


@pytest.mark.parametrize("right_start", [170, 212, 400])
def test_a_table_of_word_pairs_is_read_pair_by_pair(right_start: int) -> None:
    """Two sides of short words, a line each a row, each level with its partner, no number among them: a word and its
    translation, a country and its capital. They were read a column at a time (like two lists of words side by side),
    every pair lost."""
    assert_read_in_order(_pairs_table(CAPITALS, right_start))


#: The same trial's photo of places with grid references in two columns: the detector cut each entry of the right
#: column from its reference ('Highbury' | 'G6'); the boxes in the photo's page frame.
PLACES_IN_TWO_COLUMNS: list[Box] = [
    ("Ashwell A6", 105, 107, 225, 143),
    ("Bramby G3", 100, 136, 227, 175),
    ("Bramton E1", 101, 168, 231, 203),
    ("Dunhall F7", 106, 196, 227, 232),
    ("Dunstead F7", 107, 227, 241, 262),
    ("Dunwick C8", 106, 257, 242, 292),
    ("Elmley F6", 103, 286, 218, 326),
    ("Glenwell C8", 108, 317, 234, 352),
    ("Highbury", 387, 99, 486, 141),
    ("G6", 499, 97, 530, 136),
    ("Highstead", 388, 129, 491, 168),
    ("E5", 505, 128, 535, 164),
    ("Longbury", 389, 158, 489, 200),
    ("B9", 502, 157, 532, 196),
    ("Longford", 390, 189, 483, 228),
    ("F3", 497, 188, 527, 225),
    ("Millford", 395, 220, 473, 255),
    ("A1", 487, 219, 515, 252),
    ("Millmouth", 393, 250, 498, 284),
    ("H4", 512, 249, 548, 281),
    ("Millton H9", 394, 279, 515, 315),
    ("Oakley C5", 397, 309, 505, 348),
]


def test_a_sorted_list_in_two_columns_whose_entries_the_detector_cut_is_read_column_after_column() -> None:
    """The right column's references, lines of their own, broke its alphabetical order ('g' after 'highbury'): the
    list was read row by row. Only each row's first line counts."""
    left = [box[0] for box in PLACES_IN_TWO_COLUMNS[:8]]
    right = [" ".join(box[0] for box in PLACES_IN_TWO_COLUMNS[8:20][pair : pair + 2]) for pair in range(0, 12, 2)]
    for seed in range(3):
        assert texts(page(PLACES_IN_TWO_COLUMNS), seed) == [*left, *right, "Millton H9", "Oakley C5"]
