"""Reading order on the detector boxes of whole pages a new user's sixteenth trial read out of order: settings
screens, product cards side by side, margin notes, two menus side by side (no model; boxes in the text's frame);
the later trials' pages are in test_reading_order_trials.py."""

from __future__ import annotations

import pytest

from opensight._results_text import TextLine
from tests.unit.test_reading_order import line, texts
from tests.unit.test_reading_order_layouts import prose

Box = tuple[str, int, int, int, int]  # text, x1, y1, x2, y2


def page(boxes: list[Box]) -> list[TextLine]:
    return [line(text, x1, y1, x2 - x1, y2 - y1) for text, x1, y1, x2, y2 in boxes]


def assert_read_in_order(boxes: list[Box]) -> None:
    """The boxes, given in reading order, come back in it however they are shuffled (three shuffles)."""
    for seed in range(3):
        assert texts(page(boxes), seed) == [box[0] for box in boxes]


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
    assert_read_in_order(boxes)


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
    assert_read_in_order(boxes)


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
    page = prose("left", 0, 0, 20) + prose("middle", 440, 0, 22) + prose("right", 880, 0, 16)
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
    assert_read_in_order(boxes)


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
    assert_read_in_order(boxes)


def test_a_figures_caption_at_the_foot_of_one_column_is_read_before_the_column_beside_it() -> None:
    """A paper laid out by Chromium (the read benchmark's papers, a draw nothing was chosen on): a title across, a
    figure filling the left column with its caption at the foot, level with the right column's last line — it was
    read as that line's first half, between the right column's last two lines."""
    title = ("When True, two consecutive quotes are interpreted as", 44, 40, 520, 61)
    column = [
        (f"line {row} of the right column, a sentence of prose", 510, 80 + 19 * row, 950, 97 + 19 * row)
        for row in range(18)
    ]
    caption = ("Figure 5: Internationalization and localization support.", 40, 403, 315, 421)
    assert_read_in_order([title, caption, *column])
    # the other way round (the figure in the right column) it is the last line read
    mirrored = [(text, 1000 - x2, y1, 1000 - x1, y2) for text, x1, y1, x2, y2 in [*column, caption]]
    assert_read_in_order([title, *mirrored])


#: A photographed two-column page (a draw of the read benchmark's generator nothing was chosen on), in the text's
#: frame: figures in both columns, the left one's caption and the rows under it cut in two where the word spaces of
#: four justified rows line up (two of them repeat the same words).
FIGURES_IN_BOTH_COLUMNS: list[Box] = [
    ("Supports wrapping existing descriptors and handl", 24, 20, 776, 54),
    ("exactly, except that it produces COMMENT tokens ", 475, 62, 905, 91),
    ("bytes or buffer, Input message. IPv6Address(2001", 22, 77, 451, 103),
    ("and gives type OP for all operators. Utility fun", 475, 83, 903, 110),
    (".netmask: 'callback', if given, is called with a", 20, 97, 452, 124),
    ("archiving files and directory trees. A Value Err", 476, 103, 902, 129),
    ("when 'object' is about to be finalized. Is retur", 25, 117, 449, 143),
    ("address. DIALECT REGISTRATION: This should only ", 475, 121, 903, 147),
    ("Metaclass for defining Abstract Base Classes (AB", 24, 135, 450, 162),
    ("whitespace characters, and by default contains a", 475, 142, 903, 166),
    ("exception() do not take a timeout argument and r", 22, 156, 450, 180),
    ("characters in ASCII. Return a bytes object conta", 475, 159, 903, 186),
    ("when the future isn't done yet. supported protoc", 27, 174, 450, 200),
    ("suitable for cryptographic use. in that case, ov", 472, 178, 903, 206),
    ("and 5. Collapse a list of IP objects. issubclass", 22, 193, 450, 219),
    ("methods: PurePath subclass for non-Windows syste", 476, 199, 813, 224),
    ("for the class itself but returns False for all i", 23, 212, 452, 238),
    ("Optional args lo (default 0) and hi (default len", 27, 230, 451, 256),
    ("a to be searched.", 22, 252, 128, 274),
    ("Figure 6: certfile - PEM formatted certificate c", 477, 368, 871, 393),
    ("Provide a tokeneater() method to detect the end ", 476, 400, 900, 424),
    ("When using a Unix socket, LMTP generally don't s", 480, 420, 902, 445),
    ("any authentication, but your mileage might vary.", 475, 439, 904, 463),
    ("None, the file name will end with that suffix, o", 479, 459, 902, 481),
    ("no suffix. Returns a parsed version of Python's ", 478, 478, 903, 501),
    ("(name, version, branch, revision, buildno, build", 471, 497, 904, 521),
    ("referring to the Python implementation name, ver", 475, 516, 904, 540),
    ("revision, build number, build date/time as strin", 474, 535, 904, 560),
    ("identification string. The table can be generate", 475, 554, 904, 579),
    ("certificate chain file (default:", 212, 562, 375, 588),
    ("Figure 6: certfile - PEM formatted", 24, 563, 212, 588),
    ("contextual difference mode. When all frames have", 475, 573, 902, 597),
    ("either call writeframes(b) or close() to patch ", 476, 593, 903, 617),
    ("the token type (see token.py)", 24, 596, 209, 619),
    ("the token (a string) the starting (row,", 212, 596, 450, 620),
    ("header. The aliasing engine includes support for", 474, 612, 901, 637),
    ("(a 2-tuple of ints) the ending (row,", 217, 616, 449, 639),
    ("column) indices of the token", 22, 617, 213, 639),
    ("used locale names and maps them to values suitab", 475, 632, 902, 654),
    ("column) indices of the token", 23, 634, 212, 657),
    ("(a2-tuple of ints)the original line", 217, 634, 449, 657),
    ("the C lib's setlocale() function.", 474, 651, 666, 673),
    ("the working of the Python tokenizer", 219, 654, 449, 677),
    ("(string) It is designed to match", 23, 655, 217, 677),
]


def test_a_column_whose_rows_under_its_figure_were_cut_in_two_is_still_a_column() -> None:
    """Its rows were measured piece by piece, half as wide as the other column's lines: taken for headings in a
    margin, the page was read in bands across both columns (the top of each column, then the bottom of each)."""
    left = [text for text, x1, y1, _, _ in FIGURES_IN_BOTH_COLUMNS if x1 < 100 and 60 < y1 < 300]
    for seed in range(3):
        read = texts(page(FIGURES_IN_BOTH_COLUMNS), seed)
        assert read[0].startswith("Supports wrapping")
        assert read[1 : 1 + len(left)] == left  # the left column's lines over its figure, then …
        assert read[len(left) + 1].startswith("Figure 6: certfile - PEM formatted certificate chain file")
        assert read[len(left) + 6].startswith("exactly, except that")  # … its caption and four rows, then the right
        assert read[-1].startswith("the C lib's setlocale()")


#: A journal page laid out by Chromium (a draw of the read benchmark's front pages nothing was chosen on), in the
#: text's frame: two justified columns a gutter apart; eight rows of the right column cut in two where their word
#: spaces line up, the paragraph going on under them.
RIVER_IN_A_COLUMN: list[Box] = [
    ("361", 919, 20, 945, 44),
    ("Journal of Bufsize Studies, Vol. 7", 22, 22, 202, 40),
    ("Finally we compare the two", 21, 58, 398, 89),
    ("doesn't try to hide it, but you should", 496, 104, 740, 127),
    ("Command-line parsing library This module is an o", 25, 105, 468, 126),
    ("be aware of it. Help message", 745, 105, 942, 127),
    ("formatter which adds default values to", 493, 127, 748, 150),
    ("command-line parsing library that: Class Differ:", 22, 128, 472, 150),
    ("argument help.", 752, 128, 854, 150),
    ("object represents the overall signature of a fun", 22, 153, 467, 171),
    ("Complicated is better than complex.", 498, 160, 738, 182),
    ("Fast inline implementation of", 744, 161, 944, 182),
    ("to use Unix sockets for LMTP, so our connect() m", 21, 174, 471, 195),
    ("HMAC. A stream-like object could", 496, 184, 741, 205),
    ("be for example: namedtuple", 748, 185, 943, 205),
    ("support that as well as a regular host:port serv", 22, 198, 470, 219),
    ("class with the fields: This is essential", 495, 207, 750, 229),
    ("for getting a correct result.", 757, 208, 943, 229),
    ("write to tar format archives. Get the hardware a", 23, 222, 470, 240),
    ("The base class of the class hierarchy.", 497, 229, 748, 251),
    ("By default, tabs in 'text' are", 754, 230, 944, 251),
    ("running ifconfig. This can be useful for interac", 21, 243, 469, 266),
    ("expanded with string.expandtabs(),", 495, 252, 740, 274),
    ("and all other whitespace", 756, 252, 944, 274),
    ("'Safe' child watcher implementation.", 21, 265, 266, 288),
    ("characters (including newline) are", 495, 277, 744, 298),
    ("converted to space. Help", 754, 277, 940, 298),
    ("if not lock.locked(): There is also a method cal", 20, 299, 472, 320),
    ("message formatter which retains formatting of al", 498, 300, 942, 322),
    ("are bytes, the returned name will be bytes; Get ", 493, 323, 938, 344),
    ("will do an entire mail transaction. Exception fo", 25, 324, 469, 342),
    ("compression methods. hits misses currsize maxsiz", 21, 347, 468, 365),
    ("1 The return value is the pathname of the.", 21, 395, 247, 410),
    ("2 In the last case, it is assumed to already be ", 21, 416, 750, 434),
]


def test_rows_cut_where_a_columns_word_spaces_line_up_are_no_columns_when_the_paragraph_goes_on_under_them() -> None:
    """Four of the cut rows, between rows moved over them and a line across the gap right under them, passed for two
    narrow columns; their halves were read one column after the other."""
    for seed in range(3):
        read = texts(page(RIVER_IN_A_COLUMN), seed)
        right = read[read.index("Complicated is better than complex. Fast inline implementation of") :]
        assert right[:7] == [
            "Complicated is better than complex. Fast inline implementation of",
            "HMAC. A stream-like object could be for example: namedtuple",
            "class with the fields: This is essential for getting a correct result.",
            "The base class of the class hierarchy. By default, tabs in 'text' are",
            "expanded with string.expandtabs(), and all other whitespace",
            "characters (including newline) are converted to space. Help",
            "message formatter which retains formatting of al",
        ]


#: Two menus side by side, each under its own heading, five dishes and prices each (a new user's trial, 2026-12-07).
TWO_MENUS_SIDE_BY_SIDE: list[Box] = [
    ("The Red Lion", 364, 40, 646, 96),
    ("Lunch Menu", 449, 110, 552, 135),
    ("Starters", 186, 164, 298, 201),
    ("Tomato soup", 42, 211, 154, 243),
    ("4.50", 400, 210, 442, 240),
    ("Garlic mushrooms", 44, 251, 198, 275),
    ("5.95", 400, 249, 440, 278),
    ("Prawn cocktail", 39, 288, 170, 313),
    ("6.50", 397, 284, 444, 318),
    ("Goat cheese salad", 43, 322, 197, 352),
    ("6.25", 400, 323, 444, 353),
    ("Chicken liver pate", 44, 362, 199, 392),
    ("5.75", 400, 363, 444, 390),
    ("Mains", 671, 165, 755, 200),
    ("Fish and chips", 508, 209, 636, 243),
    ("13.50", 860, 210, 914, 240),
    ("Steak and ale pie", 509, 247, 659, 281),
    ("14.25", 861, 249, 909, 277),
    ("Mushroom risotto", 514, 286, 668, 316),
    ("11.95", 862, 286, 914, 316),
    ("Roast of the day", 513, 322, 654, 355),
    ("15.50", 860, 323, 914, 353),
    ("Beef burger", 513, 362, 612, 392),
    ("12.75", 860, 361, 914, 391),
]


def test_two_menus_side_by_side_each_under_its_heading_are_read_menu_by_menu() -> None:
    """Rows level across both menus, and on each side a dish then its price: read as one table, row by row, every
    starter joined to a main course. Each side runs from words to a number in as many pieces as the other, under a
    heading of its own: two lists, each read whole."""
    assert_read_in_order(TWO_MENUS_SIDE_BY_SIDE)


#: A letter's head (a new user's trial, 2026-12-07): the sender's address at the right margin, the recipient's at the
#: left starting lower, level with the sender's last two lines; then the date at the right, the salutation.
STAGGERED_ADDRESS_BLOCKS: list[Box] = [
    ("Mr Samuel Price", 41, 98, 185, 122),
    ("Hadley Parish Council", 43, 121, 234, 145),
    ("The Village Hall", 37, 143, 183, 170),
    ("Upper Hadley HD7 1AB", 39, 167, 245, 194),
    ("The Old Forge", 819, 39, 938, 64),
    ("Mill Lane", 819, 58, 902, 87),
    ("Upper Hadley", 820, 84, 940, 111),
    ("HD7 3JJ", 820, 104, 890, 136),
    ("9 January 2024", 808, 221, 943, 246),
    ("Dear Mr Price,", 41, 245, 169, 266),
]


def test_two_address_blocks_far_apart_are_read_block_by_block_however_few_rows_stand_level() -> None:
    """Two rows of each block stand beside each other, too few for a gutter between columns: read row by row, the
    recipient's first line was joined to the sender's postcode. Blocks of a few lines each, many line heights apart,
    are read one after the other."""
    assert_read_in_order(STAGGERED_ADDRESS_BLOCKS)
