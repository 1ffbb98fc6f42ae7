"""Reading order on the detector boxes of whole pages new users' trials read out of order: settings screens, product
cards side by side, margin notes, two menus side by side (the sixteenth); a forum thread, a flyer, a photo of two
menus (the eighteenth); an inbox (the seventeenth); a chat (the twentieth) (no model; boxes in the text's frame)."""

from __future__ import annotations

import itertools

import pytest

from opensight.results import TextLine
from tests.unit.test_reading_order import _prose, line, texts

Box = tuple[str, int, int, int, int]  # text, x1, y1, x2, y2


def page(boxes: list[Box]) -> list[TextLine]:
    return [line(text, x1, y1, x2 - x1, y2 - y1) for text, x1, y1, x2, y2 in boxes]


#: A phone's settings screen (settings_2 of the trial): a title, group headings, each label with its value set flush
#: right far across the screen — the boxes in reading order.
SETTINGS: list[Box] = [
    ("Settings", 121, 37, 241, 83),
    ("NETWORK", 133, 92, 201, 120),
    ("Wi-Fi", 137, 126, 180, 163),
    ("EnthuseNet", 680, 128, 774, 159),
    ("Bluetooth", 133, 173, 209, 208),
    ("On", 746, 175, 772, 209),
    ("Mobile Data", 131, 221, 224, 253),
    ("6.5 GB used", 674, 219, 771, 253),
    ("DISPLAY", 130, 271, 190, 303),
    ("Brightness", 131, 308, 217, 343),
    ("37%", 729, 307, 771, 345),
    ("Text Size", 132, 356, 202, 388),
    ("Large", 722, 353, 773, 391),
    ("Auto-Lock", 132, 400, 211, 436),
    ("4 minutes", 694, 403, 770, 435),
    ("ACCOUNT", 129, 452, 201, 484),
    ("Name", 130, 489, 183, 526),
    ("Baseness Parsing", 636, 492, 772, 523),
    ("Email", 132, 535, 185, 573),
    ("babushkas@combating.net", 572, 540, 770, 568),
    ("Storage", 132, 582, 197, 621),
    ("48 of 128 GB", 670, 585, 771, 616),
]


@pytest.mark.parametrize("headings", [True, False])
def test_a_settings_screen_reads_each_label_with_its_value_flush_right(headings: bool) -> None:
    """The values, flush right and ragged on their left, were read as a second column after every label (63% of
    the characters out of place); with or without group headings on the left that have no value beside them."""
    boxes = [box for box in SETTINGS if headings or not box[0].isupper()]
    for seed in range(3):
        assert texts(page(boxes), seed) == [box[0] for box in boxes]


def test_a_short_right_column_of_left_aligned_words_is_still_a_column() -> None:
    """The guard: lines right of the gap that start at one place are a column, however short and level."""
    left = [line(f"left item {row}", 0, 30 * row, 120) for row in range(6)]
    right = [line(f"right {row}", 400, 30 * row, 60 + 15 * (row % 3)) for row in range(6)]
    for seed in range(3):
        assert texts(left + right, seed) == [p.text for p in left + right]


#: A catalogue page of two rows of two product cards (cards_1): a name, a price and a line of description each.
CARDS_TWO: list[Box] = [
    ("Winter Catalogue: Lubricant Range", 44, 41, 546, 82),
    ("Unseated Populace", 58, 267, 224, 295),
    ("$85.25", 58, 294, 116, 322),
    ("It supports both 8-bit and Unicode strings; both the", 50, 323, 393, 347),
    ("Preaches Pillion", 445, 266, 586, 294),
    ("$40.25", 442, 293, 508, 324),
    ("Copying with changes limited to the covers, as long as", 445, 323, 805, 347),
    ("Umpteen Monkey", 54, 547, 206, 577),
    ("$183.25", 53, 574, 129, 603),
    ("The oldest version of Python", 58, 603, 247, 626),
    ("Condor Dioxin", 444, 545, 572, 575),
    ("$80.00", 443, 571, 510, 606),
    ("This module provides regular expression matching operations", 444, 600, 858, 628),
]
#: Two rows of three cards (cards_2), some descriptions wrapped onto a second line.
CARDS_THREE: list[Box] = [
    ("Autumn Catalogue: Stenches Range", 44, 41, 580, 83),
    ("Snivelled Bacterium", 56, 238, 231, 266),
    ("$64.15", 54, 265, 120, 294),
    ("If optional arg 'onerror' is specified, it", 54, 292, 324, 319),
    ("should be a", 54, 313, 140, 337),
    ("Acumen Beat", 420, 240, 541, 265),
    ("$192.15", 416, 265, 492, 294),
    ("The family, type and proto arguments can be", 419, 293, 735, 317),
    ("Worksheet Yellowing", 784, 236, 974, 268),
    ("$116.75", 781, 263, 860, 295),
    ("Join a base URL and a possibly relative URL", 781, 292, 1082, 319),
    ("to", 781, 315, 798, 337),
    ("Spiked Hasp", 52, 502, 169, 538),
    ("$209.75", 54, 533, 130, 562),
    ("Patch for DU assembler compatibility for the", 54, 559, 370, 586),
    ("Alpha from", 54, 581, 134, 609),
    ("Webcam Beelines", 422, 507, 576, 532),
    ("$208.75", 421, 533, 494, 561),
    ("You may not charge a fee for", 420, 561, 620, 585),
    ("Zealous Booty", 785, 503, 913, 536),
    ("$209.45", 782, 533, 858, 562),
    ("The optional argument mu, if given, should", 783, 559, 1091, 586),
]


@pytest.mark.parametrize("boxes", [CARDS_TWO, CARDS_THREE], ids=["two-by-two", "three-by-two"])
def test_product_cards_side_by_side_read_card_by_card_row_after_row(boxes: list[Box]) -> None:
    """The top row of cards was read across as a table (the names, then the prices, then the descriptions) while
    the bottom row, whose descriptions were shorter, was read card by card: a band of cards is searched for gutters
    of any width where it holds lines of prose, and a row of descriptions on both sides of a gap is no table's."""
    for seed in range(3):
        assert texts(page(boxes), seed) == [box[0] for box in boxes]


def test_the_main_texts_last_paragraph_beside_ended_margin_notes_is_no_footnote() -> None:
    """A chapter with notes in a narrow margin column (margin_2): the notes ended just above a paragraph break of
    the main text, and its last paragraph was taken for footnotes under both columns, read after the notes."""
    main = [
        ("Chapter 12: Honesty Unfolding", 51, 54, 517, 91),
        ("Unfortunately, this is not trivial; please see the pmake and Customs documentation", 53, 131, 720, 151),
        ("for details. Return the number of CPUs in the system; return None if indeterminable.", 50, 154, 735, 175),
        ("The affinity is returned as a set of CPU identifiers. Users of GNU packages should", 50, 194, 701, 214),
        ("also install GNU gettext because some other GNU packages will use the gettext", 50, 216, 681, 239),
        ("program included in this package to internationalize the messages given by shell", 50, 241, 706, 265),
        ("scripts. Decode filename (an os.PathLike, bytes, or str) from the filesystem", 50, 268, 641, 288),
        ("encoding with 'surrogateescape' error handler, return str unchanged. Prepare the tty", 50, 292, 735, 313),
        ("of which fd is a file descriptor for a new login session.", 50, 316, 486, 339),
        ("Each iteration returns a row of the CSV file (which can span multiple input lines).", 52, 353, 708, 378),
        ("Copying with changes limited to the covers, as long as they preserve the title of", 51, 380, 689, 401),
        ("the Document and satisfy these conditions, can be treated as verbatim copying in", 50, 404, 703, 427),
        ("other respects. This object may be accessed either as a tuple of (sysname, nodename,", 51, 430, 734, 451),
        ("release, version, machine), or via the attributes sysname, nodename, release,", 49, 452, 674, 476),
        ("version, and machine.", 52, 479, 231, 499),
        ("We, the Free Software Foundation, use the GNU General Public License for most of our", 53, 517, 750, 538),
        ("software; it applies also to any other work released this way by its authors. The", 50, 540, 690, 564),
        ("class bool is a subclass of the class int, and cannot be subclassed. The default is", 50, 567, 688, 587),
        ("to enable all supported hashes.", 49, 590, 300, 611),
    ]
    notes = [
        ("A Package modified in", 797, 202, 934, 223),
        ("such a way shall still be", 796, 224, 944, 241),
        ("considered", 796, 242, 865, 261),
        ("However gunzip is", 796, 309, 911, 329),
        ("sometimes able to detect", 797, 331, 953, 349),
        ("a bad .Z", 797, 351, 847, 369),
        ("As readv(), it will", 796, 447, 901, 468),
        ("transfer data", 792, 469, 877, 488),
    ]
    for seed in range(3):
        assert texts(page(main + notes), seed) == [box[0] for box in main + notes]


def test_two_menus_side_by_side_the_right_one_short_keep_its_prices() -> None:
    """Two menus (menu_1): the right one, two desserts, has its prices alone at the page's right edge, the widest
    gap on the page; the left menu's own prices stood among the 'dishes' on the other side of it, so they were no
    menu's prices, and read last, after the footer."""
    head = [("The Bedlam Bistro", 302, 57, 708, 104), ("Asymmetry cooking since 1959", 381, 114, 624, 138)]
    left = [
        ("Sides", 58, 187, 124, 217),
        ("Wacker Contagion", 61, 229, 218, 256),
        ("29.45", 424, 230, 464, 253),
        ("Raggedy Ploys with reuniting", 60, 265, 311, 286),
        ("23.25", 421, 264, 466, 287),
        ("Crasser Reproofs", 63, 298, 209, 320),
        ("17.90", 421, 297, 468, 321),
        ("codded, steer and flybys", 59, 318, 216, 343),
        ("Snowsuit Zapper", 59, 351, 208, 373),
        ("25.25", 423, 347, 464, 373),
        ("slumming, wanting and funereal", 59, 374, 274, 395),
        ("Salads", 58, 414, 141, 443),
        ("Underfed Bedsores", 62, 458, 226, 479),
        ("27.50", 425, 455, 465, 481),
        ("Raring Swellest", 62, 492, 197, 513),
        ("23.95", 421, 490, 466, 513),
        ("Clear Escorting", 59, 522, 191, 547),
        ("21.45", 420, 520, 467, 547),
        ("gratifies, seasons and lunges", 60, 547, 247, 568),
        ("Secretly Abridge with exploited", 59, 575, 335, 600),
        ("24.25", 420, 573, 467, 600),
        ("print, kitten and concord", 60, 598, 225, 620),
        ("Drinks", 63, 640, 146, 669),
        ("Japes Lustful", 58, 683, 174, 708),
        ("5.95", 430, 682, 464, 706),
        ("Mileposts Hellion with attacked", 62, 718, 331, 739),
        ("38.90", 424, 716, 464, 739),
        ("remedy, flux and beet", 59, 739, 200, 760),
        ("Eventuate Scheming", 60, 769, 238, 793),
        ("9.95", 434, 768, 468, 792),
    ]
    right = [
        ("Desserts", 537, 190, 639, 216),
        ("Bantam Arcked with inhabits", 536, 233, 788, 251),
        ("8.95", 906, 230, 940, 254),
        ("cullender, preying and aiding", 535, 255, 724, 277),
        ("Pulling Eluding with hackle", 537, 286, 773, 307),
        ("19.15", 896, 284, 941, 307),
        ("televised, sequester and fecal", 535, 308, 726, 330),
    ]
    foot = [("Please tell your server about any allergies. Open Tuesday to Sunday", 258, 830, 742, 851)]
    for seed in range(3):
        assert texts(page(head + left + right + foot), seed) == [box[0] for box in head + left + right + foot]


def test_a_heading_the_detector_cut_at_the_sidebars_gutter_is_read_first_as_one_line() -> None:
    """A chapter's heading over a sidebar and two columns, in a photo (4% keystone, not undone; boxes of a held-out
    paper page photographed): the detector cut the heading inside the sidebar's gutter (its pieces 3 pixels apart,
    the rows beside each other 20 or more), and that cut was taken for the gutter: the heading's first half was read
    before the sidebar, its second half after it."""
    heading: list[Box] = [("Raised if an invalid option", 77, 15, 298, 43), ("value is encountered", 301, 15, 475, 42)]
    sidebar: list[Box] = [
        ("Other valus include: It is best to first st all", 79, 57, 282, 79),
        ("parameters, perhaps possibly the compression", 75, 74, 285, 96),
        ("type, and ten write audio frames using", 73, 88, 259, 112),
        ("writeframesta A package for parsing.", 72, 104, 256, 130),
        ("handling, and generating email messages.", 71, 121, 263, 143),
        ("Checks wat gets registered as an unpacker", 68, 137, 272, 161),
        ("FileType A factory fr defining types of files", 67, 152, 289, 177),
        ("to be created. Abstract base class for time zone", 66, 170, 284, 192),
        ("info objects. This classimplements semaphore", 63, 187, 285, 209),
        ("objects. hps//pspython.org/pp-0205", 62, 202, 260, 227),
    ]
    middle: list[Box] = [
        ("Return Real number x to exact (numerator, denominator)", 316, 64, 621, 87),
        ("pair. At least one value must be present. Timer", 314, 83, 566, 107),
        ("Functions: This object provides sequence-like access to", 314, 102, 613, 126),
        ("the logical ancestors of a path. Raised when a registry", 312, 121, 604, 145),
        ("operation with the archiving and unpacking registries", 312, 141, 603, 163),
        ("fails Threaded child watcher implementation. SMTP", 310, 159, 599, 183),
        ("objects have the following attributes: The code here", 310, 177, 593, 202),
        ("doesn't try to hide it, but you should be aware of it.", 310, 197, 593, 221),
        ("Should be able to handle anything email.utils.parseaddr", 309, 217, 616, 242),
        ("can handle. If the optional second argument sep is absent", 308, 237, 622, 261),
        ("or None, runs of whitespace characters are replaced by a", 306, 257, 623, 281),
    ]
    right: list[Box] = [
        ("single space and leading and trailing whitespace are", 631, 51, 911, 73),
        ("removed, otherwise sep is used to split and join the", 633, 69, 907, 91),
        ("words. We determine whether or not a candidate temp dir", 636, 86, 944, 110),
        ("is usable by trying to create and write to a file in that", 636, 105, 924, 130),
        ("directory. Exception for unreadable tar archives. For", 636, 126, 920, 147),
        ("local information send email to Postmaster at your site. It", 638, 144, 950, 166),
        ("can take on any of the following module constants:", 638, 162, 920, 186),
        ("Encode bytes using the URL- and filesystem-safe", 640, 181, 912, 205),
        ("Base64 alphabet. ZipFile subclass to ensure implicit dirs", 640, 201, 951, 225),
        ("exist and are resolved rapidly. delimiter, quotechar)", 640, 220, 929, 244),
        ("Returns a Dialect object. This is available on most if not", 641, 239, 954, 264),
        ("all Unix platforms.", 636, 260, 751, 285),
    ]
    expected = ["Raised if an invalid option value is encountered", *[box[0] for box in sidebar + middle + right]]
    for seed in range(3):
        assert texts(page(heading + sidebar + middle + right), seed) == expected


def test_a_masthead_starting_a_pixel_past_the_left_columns_longest_line_still_has_columns_under_it() -> None:
    """A newspaper's front page photographed at an angle (a held-out front page, 7% keystone undone; its boxes in the
    text's frame, the top 20): the masthead, centred over three columns, started a pixel right of the left column's
    longest line, 'poked into the gutter', and the page was read row by row."""
    boxes: list[Box] = [
        ("The Windows Herald", -158, -263, 166, -221),
        ("Price 1 dollars", 385, -220, 460, -197),
        ("Thursday, Jamary 3, 2019", -455, -215, -327, -191),
        ("Each command returns a tuple return a", -455, -192, 17, -156),
        ("By Retars A. StuffWwiter", -462, -148, -324, -122),
        ("that age group are evenly distributed between 30", -153, -123, 146, -95),
        ("basename() variant which first strips the trailing", 160, -122, 459, -96),
        ("Note that this class does not close the stream, as", -456, -119, -159, -96),
        ("slash, if present.", 157, -103, 261, -79),
        ("and 40. Base class for transports.", -152, -101, 46, -79),
        ("sys.stdout or sys.stderr may be used. Interface for", -459, -100, -163, -77),
        ("datagram (UDP) transports. A shared callback", -459, -82, -166, -59),
        ("Capsules are used for communication between", 162, -77, 458, -53),
        ("Convert IMAP4 flags response to python tuple.", -147, -76, 149, -52),
        ("object can use the 'key' attribute of a KeyedRef", -458, -65, -162, -42),
        ("Factory function that returns a new reentrant lock.", -152, -58, 147, -34),
        ("extension modules. Arguments to the cached", 158, -58, 455, -34),
        ("instead of getting a reference to the key from an", -457, -46, -167, -23),
        ("If the optional second argument sep is absent or", -150, -40, 147, -15),
        ("function must be hashable. Lock file f using lockf", 159, -40, 459, -16),
    ]
    expected = [boxes[index][0] for index in [0, 2, 1, 3, 4, 7, 10, 11, 14, 17, 5, 9, 13, 15, 18, 6, 8, 12, 16, 19]]
    for seed in range(3):
        assert texts(page(boxes), seed) == expected


def test_a_posters_footer_far_under_its_columns_is_read_last() -> None:
    """A poster (a new user's seventeenth trial, poster_1-3): columns ending unevenly, and far under them, at the
    page's foot on the left, a contact line — read as the first column's last line, before the other columns."""
    page = _prose("left", 0, 0, 20) + _prose("middle", 440, 0, 22) + _prose("right", 880, 0, 16)
    footer = [line("Contact: someone@example.edu", 0, 22 * 24 + 200, 200)]
    for seed in range(3):
        assert texts(page + footer, seed) == [p.text for p in page + footer]


def test_a_cvs_dates_beside_its_entries_read_entry_by_entry() -> None:
    """A CV (a new user's seventeenth trial, cv_2): each date in a narrow column beside its job's title, the job's
    description under the title. One entry (its date, title and description) over the next was taken for a band of
    headings over columns and joined to it: the second entry's date was read before the first one's title."""
    boxes: list[Box] = [
        ("Flossie Oglethorpe", 70, 58, 373, 104),
        ("flossie.oglethorpe@example.com 1 +1 555 705 4932 I Yolanda", 67, 104, 439, 126),
        ("Experience", 70, 144, 165, 168),
        ("2024 - present", 70, 183, 164, 205),
        ("Agreeing Displeased, Mills Group", 221, 183, 451, 204),
        ("The threshold for this to be true is not precisely defined by law.", 221, 207, 617, 225),
        ("2022 - 2024", 69, 243, 149, 262),
        ("Talc Buffalo, Cliburn Ltd", 223, 243, 394, 261),
        ("The Corresponding Source for a work in source code form is that same work.", 220, 267, 706, 284),
        ("2017 - 2022", 69, 302, 148, 320),
        ("Tightrope Sultanate, Dunkirk Inc.", 221, 302, 454, 320),
        ("Reorganized the libk5crypto build system to allow the OpenSSL back-end to", 221, 325, 703, 343),
        ("pull in material from the builtin back-end depending on the OpenSSL", 220, 346, 656, 367),
        ("version.", 222, 370, 271, 388),
        ("Education", 68, 408, 157, 435),
        ("2015 - 2017", 69, 449, 149, 468),
        ("BA Preachy Overactive, University of Lucille", 220, 448, 523, 469),
        ('Since krb5-1.7, a separate "krb5-appl" tarball contains the kerberized', 220, 473, 654, 490),
        ("client utilities (rlogin, rsh, etc.) with a similar nested-tarball scheme.", 221, 494, 648, 512),
        ("2011- 2015", 69, 530, 149, 549),
        ("MA Landmark Crumblier, University of Kepler", 221, 529, 545, 549),
        ("We recommend this License principally for works whose purpose is", 223, 553, 646, 573),
        ("instruction or reference.", 220, 576, 371, 594),
        ("Skills", 70, 615, 119, 641),
        ("Jettisoned, Carcinomata, Provisioned, Sincerity, Hastened, Polyglots,", 219, 655, 653, 675),
        ("Unworkable, Entreaties, Spastic, Depository", 220, 678, 497, 698),
    ]
    for seed in range(3):
        assert texts(page(boxes), seed) == [box[0] for box in boxes]


def test_a_products_specifications_read_each_label_with_its_value() -> None:
    """A product page (a new user's seventeenth trial, product_1): under the description a table of labels and values
    a wide gap apart, some values numbers, no rule or colon to tell — read as every label, then every value."""
    boxes: list[Box] = [
        ("Home / Offhand / Overlooked", 599, 46, 798, 70),
        ("Scorning Piggier Passive", 599, 79, 985, 126),
        ("$17.00", 598, 131, 692, 172),
        ("Add to cart", 627, 187, 720, 221),
        ("When a command is moved to a new location in the PATH, the command", 602, 242, 1147, 266),
        ("is still in the PATH but the hash table still records the old", 599, 265, 1022, 289),
        ("location. Copyright and Related Rights include, but are not limited", 599, 287, 1097, 314),
        ("to, the following: i.", 600, 311, 743, 340),
        ("Specifications", 599, 352, 743, 386),
        ("Weight", 601, 389, 667, 428),
        ("3.3 kg", 799, 390, 853, 426),
        ("Dimensions", 602, 429, 698, 460),
        ("28x 27 x 20 cm", 801, 430, 921, 458),
        ("Material", 606, 465, 671, 497),
        ("Jogs", 799, 464, 845, 502),
        ("Color", 601, 501, 648, 535),
        ("Red", 799, 500, 838, 535),
    ]
    for seed in range(3):
        assert texts(page(boxes), seed) == [box[0] for box in boxes]


#: Posts of a forum thread (s_forum_2 of the eighteenth trial): each post's author block — a name, a date, a count of
#: posts — on the left of its text; a post of five lines and more, one of three (the boxes in reading order, the
#: posts' text shortened).
FORUM: list[Box] = [
    ("kira_polishers", 54, 143, 155, 168),
    ("Mar 28, 2026", 57, 162, 143, 186),
    ("2076 posts", 53, 181, 129, 206),
    ("Be aware of variation over time--for example don't try to build GDB with a copy", 246, 147, 995, 168),
    ("than the GDB release (such as a binutils release), especially if the releases", 245, 168, 955, 191),
    ("apart. Because of this and the lack of portability, you almost certainly want to", 246, 193, 973, 214),
    ("API around it. Because of this blurred distinction, using the ordinary General", 248, 217, 972, 234),
    ("did not effectively promote software sharing, because most developers did not", 245, 237, 923, 258),
    ("These keys are no longer used to sign Release files. These packages will depend", 246, 267, 964, 288),
    ("default compiler for that architecture.", 245, 290, 512, 307),
    ("ines_backers", 54, 546, 148, 568),
    ("Mar 20, 2026", 56, 565, 143, 586),
    ("123 posts", 53, 582, 121, 607),
    ("There are two exceptions, the pdfium extension for viewing pdf files directly in", 245, 550, 978, 568),
    ("factor authentication extension. There have been various changes to the voice,", 244, 570, 1011, 591),
    ("that make them incompatible with espeak. There is a new point release and I have", 244, 593, 994, 614),
]


def test_a_forum_posts_author_block_is_read_before_the_post_beside_it() -> None:
    """The author's name, date and count of posts, three short lines shorter than the post beside them, were read
    row by row with the post's first lines (as an item beside its price) or not cut from it at all."""
    for seed in range(3):
        assert texts(page(FORUM), seed) == [box[0] for box in FORUM]


#: A flyer photographed (p_flyer_0 of the eighteenth trial, in the text's frame): a title, three boxes of text side
#: by side, the middle one the tallest, and a footer centred under all three (the boxes in reading order).
FLYER: list[Box] = [
    ("VENGEANCE GARNISHING", 222, 57, 1007, 132),
    ("SOFTENERS", 418, 123, 797, 193),
    ("Amplified Sorehead Smidgins at the Bridge Community Hall", 274, 197, 949, 238),
    ("Saturday, June 21 | 9 am to 6 pm", 432, 257, 772, 288),
    ("Sandhog Uncleanest", 177, 325, 395, 355),
    ("If a member of a zip archive", 177, 354, 367, 380),
    ("is damaged, other files can", 176, 376, 357, 402),
    ("still be recovered.", 173, 396, 297, 423),
    ("Regroups Poncho", 480, 323, 672, 358),
    ("What: support for PGP Status:", 474, 354, 691, 382),
    ("removed When: 1.16.4 Warning:", 474, 375, 704, 403),
    ("program Why: PGP is not part", 474, 398, 688, 425),
    ("of Debian and GnuPG has been", 475, 420, 698, 445),
    ("the standard tool for digital", 476, 440, 663, 469),
    ("signatures for several years", 474, 463, 669, 490),
    ("already.", 475, 483, 537, 513),
    ("Subhuman Scramming", 788, 324, 1040, 357),
    ("Note, however, that the extra", 791, 355, 997, 382),
    ("parameters are not dropped or", 787, 379, 1010, 404),
    ("modified even if the action", 787, 400, 979, 426),
    ("(first parameter) is modified.", 783, 422, 990, 447),
    ("Free entry. Questions? Call (555) 307-8600", 430, 545, 774, 578),
    ("www.boundaryodor.org", 511, 567, 693, 598),
]


def test_a_footer_centred_under_three_boxes_is_read_after_all_of_them() -> None:
    """The footer, under an empty row, centred on the page and wider than the tallest box right above it, was read
    as that box's last lines, before the third box."""
    for seed in range(3):
        assert texts(page(FLYER), seed) == [box[0] for box in FLYER]


#: A photo of two menus side by side (p_menu_1 of the eighteenth trial, in the text's frame): each
#: dish with its price flush right and a line or two of description under it, the second menu's rows level with the
#: first's (the boxes in reading order).
MENUS: list[Box] = [
    ("The Copper Kettle", 239, 6, 610, 66),
    ("Open daily from 11 am to 11 pm", 323, 59, 518, 84),
    ("Drinks", 10, 119, 79, 151),
    ("Crevices Bighorn Finer", 7, 152, 179, 179),
    ("$25.95", 335, 149, 386, 178),
    ("Guitarist readying beseeching windbags", 8, 172, 224, 196),
    ("hideouts", 7, 187, 58, 211),
    ("Tamed Tiniest", 10, 210, 116, 237),
    ("$33.50", 335, 208, 389, 237),
    ("Plying sapsucker ruddy welches demagogs", 5, 229, 238, 256),
    ("flourished", 3, 246, 66, 268),
    ("Ramifying Gritted", 5, 268, 144, 295),
    ("$31.25", 337, 266, 387, 296),
    ("Mulatto racists hawthorns seehe succinctly", 6, 287, 243, 312),
    ("flakier", 6, 303, 44, 327),
    ("Southpaws Shaving", 7, 328, 154, 354),
    ("$11.50", 337, 324, 387, 354),
    ("Contour overprice pulverizes triumphed", 6, 347, 220, 371),
    ("tremolos unseal", 3, 363, 95, 384),
    ("Starters", 10, 395, 88, 421),
    ("Nixing Depleting Decisions", 6, 425, 206, 452),
    ("$20.50", 335, 423, 389, 452),
    ("Rube insignias lethargy pawpaw divulge", 7, 445, 223, 470),
    ("parakeet", 5, 463, 58, 484),
    ("Aggregate Piebald Juxtaposed", 9, 482, 231, 512),
    ("$27.50", 334, 482, 389, 510),
    ("Comprehend park guinea cupped dreaming", 7, 504, 240, 528),
    ("tiptoed", 2, 521, 48, 543),
    ("Unmaking Obtruding", 6, 543, 167, 569),
    ("$24.25", 334, 540, 389, 568),
    ("Commoners zilch blushing villagers smuggler", 6, 563, 253, 586),
    ("Sides", 455, 116, 515, 150),
    ("Bivalves Canters", 458, 151, 583, 176),
    ("S6.00", 795, 147, 840, 179),
    ("Reproving departure excuse bombarding", 457, 170, 677, 195),
    ("juiciest", 456, 186, 502, 209),
    ("Matador Goody Positive", 461, 209, 639, 236),
    ("$7.95", 794, 206, 841, 236),
    ("Canvuss biweeklies cancan lupines curtsy", 458, 228, 684, 252),
    ("Cunning Spellers Astound", 457, 251, 652, 279),
    ("S17.00", 782, 249, 840, 278),
    ("Conversant listing geishas welt tidewters", 456, 271, 687, 295),
    ("underacts", 456, 286, 515, 310),
    ("Hiked Fairings", 457, 310, 571, 337),
    ("S13.25", 784, 308, 839, 336),
    ("Prepayment marmoset ministered treadles", 456, 328, 684, 354),
    ("spatted", 454, 346, 502, 370),
    ("Desserts", 463, 378, 542, 405),
    ("Toothpick Agony Slimier", 458, 409, 644, 435),
    ("$23.50", 786, 406, 839, 435),
    ("Researched allude cosmology umbilical", 458, 428, 671, 452),
    ("Fused Starfish", 457, 452, 564, 478),
    ("$12.25", 785, 450, 842, 478),
    ("Impenitent noting cubbyhole geneticist", 457, 472, 668, 495),
    ("Testers Jazziest Escrow", 459, 496, 627, 521),
    ("$14.95", 786, 493, 842, 521),
    ("Foggier opossum immovably transform soybeans", 458, 514, 724, 539),
    ("kindred", 456, 530, 502, 554),
]


def test_two_menus_side_by_side_their_rows_level_keep_each_dish_with_its_price() -> None:
    """Every line of the first menu had a partner on the row across its prices' gap (the second menu's), so the
    prices were not looked for as a menu's: each column's prices were read after all its dishes."""
    for seed in range(3):
        assert texts(page(MENUS), seed) == [box[0] for box in MENUS]


#: A web mail's inbox (inbox_1 of the seventeenth trial): a name and a search field over a sidebar (its folders, some
#: with a count of unread mail beside them), the list of mail beside it — a sender, a subject and its first words, a
#: date a row (the boxes as the detector found them, top to bottom).
INBOX: list[Box] = [
    ("Webmail", 27, 13, 113, 44),
    ("Search mail", 163, 14, 248, 41),
    ("Argentina Goodwin", 1131, 16, 1260, 40),
    ("Buchwald Samuel", 228, 69, 351, 91),
    ("Orthodox Egotist - After checking out the release+patche", 440, 69, 810, 93),
    ("3:58 PM", 1182, 66, 1241, 95),
    ("Compose", 36, 77, 104, 105),
    ("Inbox", 22, 124, 62, 154),
    ("6", 172, 127, 190, 149),
    ("Uruguay Bogart", 229, 113, 337, 141),
    ("Amplest Empirical Tulip Pixy Scuds - It is safest to attach them to th", 439, 115, 880, 139),
    ("7:36 AM", 1181, 112, 1240, 141),
    ("Starred", 23, 156, 74, 184),
    ("Chumash Stark", 228, 161, 335, 185),
    ("Choral Utilitarian Friskily Functioning - In the bug report please inc", 443, 161, 869, 185),
    ("2:08 AM", 1182, 159, 1239, 187),
    ("Snoozed", 22, 188, 85, 214),
    ("Aral Peary", 230, 205, 302, 234),
    ("Cudgel Outcry Rewiring Darkens - The clear and unsurprising solution i", 440, 209, 903, 230),
    ("Jun 17", 1192, 204, 1244, 234),
    ("Sent", 20, 217, 64, 247),
    ("Drafts", 19, 245, 70, 280),
    ("7", 172, 250, 193, 275),
    ("May 16", 1191, 249, 1248, 281),
    ("Mandy Tippecanoe", 233, 252, 369, 277),
    ("Bicycled Almond Rutted Cadets - The comment block is used for the docu", 440, 253, 975, 277),
    ("Spam", 21, 280, 61, 309),
    ("13", 171, 279, 192, 308),
    ("Trash", 21, 308, 66, 341),
    ("Equuleus Fleischer", 233, 300, 373, 323),
    ("Obligate Filtered Kludged - When using ZIPBZIP2 integers 1 through 9 a", 443, 300, 961, 323),
    ("Apr 16", 1196, 297, 1245, 326),
    ("Lars Tasmania", 228, 345, 338, 370),
    ("Sappy Rehiring Imperils Forewoman Trashcans - Using libnssmdns.so.2 or", 439, 346, 983, 370),
    ("Aug 12", 1188, 341, 1244, 374),
    ("Earline Ladoga", 229, 388, 332, 418),
    ("Jan 19", 1198, 388, 1240, 417),
    ("Alpaca Shortcuts Dearth Century - Note these attributes are not valid", 440, 391, 887, 415),
    ("October Tyler", 233, 436, 323, 463),
    ("Slicks Loan - What we do not want A source file t", 439, 439, 759, 459),
    ("Mar 27", 1195, 433, 1243, 464),
    ("Myers Jenna", 233, 482, 317, 510),
    ("Unsalted Oilier Clowns Clamping Wove - Return 0 to child process and P", 439, 483, 913, 507),
    ("Feb 24", 1196, 480, 1245, 509),
    ("Gable Billing", 229, 525, 326, 556),
    ("Absorbed Cohere Landline Belling Immoral - In our testing, the subsamp", 442, 528, 961, 553),
    ("May 25", 1190, 524, 1247, 556),
    ("Allegheny News", 229, 574, 338, 601),
    ("Abrogations Misguided Switchback Louvers - We don't promise that this", 439, 575, 909, 598),
    ("Jun 16", 1193, 573, 1246, 601),
    ("Exodus Cologne", 229, 620, 342, 648),
    ("Goutiest Monastery Inexcusable - Dirmngr is started by gpg or gpgsm as", 443, 620, 912, 647),
    ("Apr 16", 1194, 619, 1246, 649),
    ("Clay Escher", 229, 665, 319, 693),
    ("Slave Oncology Guzzling - Add support for native vendor compilers on S", 439, 667, 965, 691),
    ("Nov 19", 1193, 664, 1243, 693),
    ("Myanmar News", 232, 714, 335, 738),
    ("Punts Harpists Complicated - This does not seem to be a realistic ende", 439, 713, 901, 736),
    ("Apr 23", 1194, 711, 1244, 740),
]


def test_a_list_of_mail_beside_a_sidebar_reads_each_mail_across() -> None:
    """A mail's sender, subject and date come together, before the next mail's: the whole sides of the gap after
    the senders were no table (the sidebar and its counts on the left), so the senders were read as a column, then
    every subject (1 mail of 15 together); the lines next to the gap, paired row by row, are a table's. Still wrong:
    a folder's count of unread mail level with a row (6, 7, 13) shifts the row it is read with (12 of 15)."""
    senders = [box for box in INBOX if 220 < box[1] < 240 and box[2] > 60]
    assert len(senders) == 15
    for seed in range(3):
        found, together = texts(page(INBOX), seed), 0
        for sender, following in itertools.pairwise([*senders, None]):
            row = [box[0] for box in INBOX if abs(box[2] - sender[2]) < 10 and box[1] > 220]
            end = len(found) if following is None else found.index(following[0])
            together += all(found.index(sender[0]) <= found.index(cell) < end for cell in row)
        assert together >= 12


#: A chat (s15_chat of the twentieth trial): a contact's name, then bubbles on the left and on the right by turns —
#: two on one side between one on the other — each with its time (the boxes in reading order).
CHAT: list[Box] = [
    ("Hercules Laurent", 35, 28, 165, 46),
    ("online", 192, 27, 234, 49),
    ("If the Library specifies a version", 30, 97, 253, 118),
    ("number of this License which applies to", 29, 116, 311, 141),
    ("19:15", 279, 136, 310, 156),
    ("COLLECTIONS OF DOCUMENTS You may make a", 30, 192, 370, 213),
    ("collection consisting of the Document", 31, 213, 298, 234),
    ("12:00", 336, 230, 373, 254),
    ("Each time you redistribute the Program", 477, 287, 754, 308),
    ("(or any work based on the Program), the", 476, 310, 764, 331),
    ("15:45", 732, 330, 764, 346),
    ("c) You must cause the whole of the work", 479, 383, 760, 404),
    ("to be licensed at no charge to all third", 478, 405, 745, 426),
    ("11:45", 733, 424, 764, 444),
    ("Inclusion of a covered work in an", 29, 479, 263, 500),
    ("aggregate does not cause this License to", 30, 500, 319, 524),
    ("09:45", 287, 520, 318, 540),
    ('"Secondary License" means either the GNU', 456, 574, 760, 595),
    ("General Public License, Version 2.0, the", 462, 598, 733, 617),
    ("09:15", 731, 616, 765, 635),
    ("b) The work must carry prominent notices", 468, 673, 763, 691),
    ("stating that it is released under this", 466, 692, 715, 713),
    ("14:15", 732, 711, 763, 731),
    ("and give all recipients a copy of this", 31, 764, 281, 789),
    ("License along with the Program. b) You", 31, 789, 307, 810),
    ("21:00", 273, 806, 308, 829),
    ("If the disclaimer of warranty and", 30, 862, 261, 883),
    ("limitation of liability provided above", 27, 884, 283, 905),
    ("07:15", 252, 901, 283, 924),
    ("it applies also to any other work", 26, 959, 256, 980),
    ("released this way by its authors. You", 30, 981, 284, 1002),
    ("17:45", 254, 998, 289, 1021),
]


def test_a_chats_bubbles_two_on_a_side_are_read_by_turns() -> None:
    """Where a side had two bubbles between one on the other, it left little of the page empty and was taken for a
    column: all the left bubbles, then all the right ones. The sides take turns — hardly a line beside a line of the
    other side, each side in several stretches — so they are no columns."""
    for seed in range(3):
        assert texts(page(CHAT), seed) == [box[0] for box in CHAT]
