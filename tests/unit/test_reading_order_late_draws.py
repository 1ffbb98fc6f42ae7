"""Reading order on the detector boxes of pages of the eighteenth, nineteenth, twenty-fourth and twenty-seventh draws
of the read benchmark's generators (papers seeds 211, 227, 283 and 331, front pages 223 and 233), each read out of
order when new (no model; boxes in the text's frame, in reading order)."""

from __future__ import annotations

import numpy as np

from opensight._results_text import TextLine
from tests.unit.test_reading_order import texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order, page

#: paper020 of an eighteenth draw (papers seed 211): a title, two columns, a figure as wide as the page (no text in it)
#: with its caption under it on the left, then two lines of each column, the right column starting half a line higher.
TWO_LINES_A_COLUMN_UNDER_A_FIGURE: list[Box] = [
    ("code a code object globals the globals dictionary", 40, 40, 499, 64),
    ("Used to instantiate instances of Random to get generators that don't share", 42, 98, 479, 116),
    ("state. Each string is eight characters long. Interface representing a", 39, 119, 430, 137),
    ("bidirectional transport. This module provides immutable UUID objects", 39, 139, 467, 158),
    ("(class UUID) and the functions uuid1(), uuid3(), uuid4(), uuid5() for", 40, 159, 453, 177),
    ("generating version 1, 3, 4, and 5 UUIDs as specified in RFC 4122. It can", 38, 177, 475, 199),
    ("take on any of the following module constants: Message with MMDF-", 37, 200, 460, 219),
    ("specific properties. A class that has a metaclass derived from ABCMeta", 515, 81, 945, 102),
    ("cannot be instantiated unless all of its abstract methods are overridden.", 514, 104, 939, 122),
    ("The function also accepts optional keyword arguments which override", 515, 124, 937, 142),
    ("settings provided by the dialect. When the number of data points is odd,", 514, 142, 947, 163),
    ("return the middle data point. if your data points are rounded to the nearest", 514, 164, 958, 182),
    ("whole number: certfile - PEM formatted certificate chain file (default:", 517, 186, 932, 201),
    ("Heap queue algorithm (a.k.a.", 517, 205, 690, 224),
    ("Figure 21: true) Replace all whitespace characters in the input text by spaces after", 39, 495, 481, 513),
    ("Return the number of Thread objects currently alive. Complex is better", 42, 542, 463, 560),
    ("than complicated. Read from and write to tar format archives. A watcher", 39, 562, 474, 580),
    ("that doesn't require running loop in the main thread. Skip a test if the", 515, 529, 928, 544),
    ("condition is true. Base class for transports. with watcher:", 516, 546, 856, 566),
]


def test_two_lines_of_each_column_under_a_figure_as_wide_as_the_page_are_read_column_by_column() -> None:
    """The four lines under the figure were taken for a footer's row under the columns (a DOI left, the copyright
    right) and read row by row across the gutter; a footer's lines stand in one row or are short. Read as a band of
    their own, two lines a side are too few to show a gutter: the gutter of the columns above the figure runs
    through them."""
    assert_read_in_order(TWO_LINES_A_COLUMN_UNDER_A_FIGURE)


#: paper004 of a nineteenth draw (papers seed 227): a title; a figure filling the left column's top (no text in it),
#: its caption under it (a second line of one word), lower than the right column's last line; the right column.
CAPTION_UNDER_A_FIGURE_FILLING_ITS_COLUMN: list[Box] = [
    ("string A paragraph of text giving a brief", 41, 40, 509, 68),
    ("Figure 5: Generate a UUID from the MD5 hash of a namespace UUID", 38, 411, 483, 434),
    ("and", 40, 431, 67, 451),
    ("An abstract base class for context managers. Copy a regular", 513, 80, 962, 101),
    ("file content or metadata by using high-performance", 513, 99, 961, 120),
    ("fcopyfile(3) syscall (macOS). Each line will be wrapped at, at", 514, 118, 959, 139),
    ("most, maxlinelen characters (defaults to 76 characters).", 516, 138, 962, 156),
    ("Encode a file; Copy data from src to dst in the most efficient", 517, 157, 959, 175),
    ("way possible. This class is intended for internal use only and", 517, 174, 958, 197),
    ("not as part of the public API. see below) -r/--repeat N: This is", 516, 196, 959, 214),
    ("essential for getting a correct result. string a usage string for", 514, 215, 961, 233),
    ("your program. Supports wrapping existing descriptors and", 515, 231, 963, 254),
    ("handles non-descriptor callables as instance methods. A", 513, 249, 959, 271),
    ("collection of string constants. For floating point numbers, this", 514, 269, 962, 290),
    ("truncates towards zero. Built-in mutable sequence. By default", 514, 289, 962, 308),
    ("atexit is true. For more information about the strict base64", 513, 306, 958, 328),
    ("check, see: Class SequenceMatcher: Helper function for key", 513, 328, 962, 346),
    ("functions when sorting unorderable objects. If start is", 513, 347, 960, 365),
    ("specified, will skip all preceding elements; This module", 514, 365, 962, 386),
    ("provides socket operations and some related functions.", 515, 385, 907, 403),
]


def test_a_caption_of_a_long_and_a_one_word_line_under_its_figure_is_no_margin_note() -> None:
    """The caption's rows measured at their median (the long first and the one-word second) were narrow beside the
    column's: taken for headings in a margin, the gutter was refused and the caption read after the column. A
    margin's rows are all narrow."""
    assert_read_in_order(CAPTION_UNDER_A_FIGURE_FILLING_ITS_COLUMN)


#: front008 of a nineteenth draw (front pages seed 233): a masthead, a dateline, a headline, a byline; three columns,
#: the first two splitting into their next paragraphs at one height, the third running on beside them.
THREE_COLUMNS_TWO_SPLIT_AT_ONE_HEIGHT: list[Box] = [
    ("The Readable Herald", 338, 43, 664, 82),
    ("Sunday, January 14, 2026", 39, 93, 163, 113),
    ("Price 3 dollars", 891, 94, 963, 112),
    ("Reading writing and registration of dialects reformat", 46, 122, 685, 155),
    ("By Return The, Staff Writer", 41, 170, 176, 188),
    ("Raised if OS does not support sendfile syscall for", 41, 203, 331, 220),
    ("given socket or file type. If no argument is given,", 40, 223, 329, 241),
    ("the constructor returns an empty tuple. This", 39, 243, 299, 261),
    ("calendar returns complete HTML pages. Mapping", 39, 264, 336, 282),
    ("class that references values weakly. Return True", 40, 285, 322, 300),
    ("for leap years, False for non-leap years. await", 39, 303, 306, 321),
    ("lock.acquire() try: There is no other state.", 40, 326, 284, 341),
    ("input and output are binary files. Path subclass for", 40, 353, 336, 371),
    ("non-Windows systems. Fill a single paragraph of", 40, 374, 326, 392),
    ("text, returning a new string. Mapping class that", 352, 203, 629, 220),
    ("references values weakly. None or no argument", 352, 224, 631, 239),
    ("seeds from current time or from an operating", 352, 242, 617, 261),
    ("system specific randomness source if available.", 351, 262, 628, 282),
    ("This allows raffle winners (the sample) to be", 354, 283, 614, 300),
    ("partitioned into grand prize and second place", 353, 304, 618, 322),
    ("winners (the subslices).", 353, 324, 491, 342),
    ("Message with Maildir-specific properties. Returns", 355, 353, 647, 371),
    ("generator yielding marked up from/to side by side", 352, 376, 646, 391),
    ("differences. program/module to trace Python", 665, 203, 929, 220),
    ("program or function execution Sample use,", 665, 223, 918, 241),
    ("command line: Each command returns a tuple:", 665, 243, 940, 261),
    ("Returns a tuple (bits, linkage) which contains", 667, 263, 931, 281),
    ("information about the bit architecture and the", 665, 284, 933, 301),
    ("linkage format used for the executable. Class", 664, 305, 931, 320),
    ("Random can also be subclassed if you want to use", 667, 324, 959, 342),
    ("a different basic generator of your own devising:", 663, 345, 950, 362),
    ("'callback', if given, is called with a reference to", 662, 364, 942, 382),
    ("the proxy when 'object' is about to be finalized.", 665, 385, 942, 403),
]


#: Three of its boxes as the detector gave them, a pixel or two off level (the page's frame turns with them; the
#: order before the change turned on their fractions of a pixel).
TILTED = {
    "The Readable Herald": [
        (338.1498107910156, 43.025150299072266),
        (664.0, 45.0),
        (664.0, 82.0),
        (338.1498107910156, 80.02515411376953),
    ],
    "seeds from current time or from an operating": [
        (352.0999450683594, 242.0113983154297),
        (616.9625854492188, 242.9851531982422),
        (616.9625854492188, 260.98516845703125),
        (352.0999450683594, 260.0113830566406),
    ],
    "system specific randomness source if available.": [
        (350.98590087890625, 262.9893798828125),
        (627.9500122070312, 262.00372314453125),
        (627.9500122070312, 281.00372314453125),
        (350.98590087890625, 281.9893798828125),
    ],
}


def test_the_next_paragraphs_of_two_columns_beside_a_third_are_no_footnotes() -> None:
    """The first two columns, read apart from the third, end their first paragraphs at one height and go on for two
    lines each under an empty row: both columns ending just above it, those four lines were taken for footnotes under
    the two and read after both. The third column runs on beside them: footnotes stand under every column."""
    lines = [
        TextLine(line.text, line.score, np.array(TILTED[line.text], dtype=np.float32)) if line.text in TILTED else line
        for line in page(THREE_COLUMNS_TWO_SPLIT_AT_ONE_HEIGHT)
    ]
    for seed in range(3):
        assert texts(lines, seed) == [box[0] for box in THREE_COLUMNS_TWO_SPLIT_AT_ONE_HEIGHT]


#: photo004 of a twenty-fourth draw (papers seed 283), a phone photo at an angle, blurred: a title; the left column's
#: text, its figure (no text in it) and two lines under it; the right column's two lines, its figure higher up, then
#: its text. Both figures' captions were too small and blurred to be read (RapidOCR direct misread one, missed the
#: other).
A_FIGURE_IN_EACH_COLUMN_CAPTIONS_UNREAD: list[Box] = [
    ("This function/iterator was originally developed to generate side", 25, 20, 578, 50),
    ("In the last case, it is assumed to already be in the correct format. This", 23, 78, 433, 100),
    ("saves space and improves lookup speed. Dictionary that remembers", 25, 99, 436, 122),
    ("insertion order The keyword arguments to the Action constructor are also", 24, 119, 436, 141),
    ("all attributes of Action instances. Convert integer to A-P string", 25, 139, 437, 161),
    ("representation. 'i386' An empty string is returned if the value cannot be", 24, 158, 434, 180),
    ("determined. If the semaphore is released too many times it's a sign of a", 25, 178, 435, 200),
    ("bug. The main information passed in is in msg and args, which are", 25, 198, 436, 221),
    ("combined using str(msg) % args to create the message field of the record.", 24, 217, 433, 240),
    ("It prints out the names of tests as they are run, errors as they occur, and a", 24, 237, 437, 260),
    ("summary of the results at the end of the test run. Interface to the system's", 24, 258, 437, 280),
    ("file command.", 20, 276, 108, 300),
    ("An integer representation of an IPv4 IP address. None) Truncate wrapped", 30, 621, 435, 643),
    ("lines. Possible values: Class implementing event objects. All Rights", 27, 639, 435, 662),
    ("Reserved. See module pickletools source for extensive comments. The", 465, 63, 879, 85),
    ("base-two logarithm of the window size.", 467, 83, 683, 106),
    ("Abstract base class. Private accessor for tempfile.tempdir. The asyncio", 467, 398, 877, 419),
    ("package, tracking PEP 3156. Computes the method resolution order using", 465, 418, 878, 440),
    ("extended C3 linearization. This IP class contains the version independent", 465, 437, 876, 460),
    ("methods which are used by networks. true) Break words longer than", 465, 457, 873, 478),
    ("width'. THE AUTHOR SPECIFICALLY DISCLAIMS ANY", 468, 476, 877, 498),
    ("WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE", 469, 495, 877, 518),
    ("IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS", 465, 514, 876, 537),
    ("FOR A PARTICULAR PURPOSE. Low-level file object. A more or less", 466, 534, 877, 557),
    ("complete user-defined wrapper around list objects. Implement next(self).", 466, 555, 876, 578),
    ("If a user of the library does not configure logging, the one-off warning", 466, 575, 876, 598),
    ("might be produced; Return the current Thread object, corresponding to the", 467, 593, 876, 618),
    ("caller's thread of control.", 465, 613, 606, 636),
]


def test_two_columns_with_a_figure_each_at_its_own_height_are_read_column_by_column_without_their_captions() -> None:
    """The two figures overlap in height, so the page has an empty row across it, and three of the left column's
    twelve lines stand beside the right column's: at a quarter, the two sides were taken for a chat's bubbles and the
    page read in bands (the right column's two top lines before the left column's two under its figure). Each side is
    empty in one stretch at its own height: two columns, a figure in each, from a fifth of either side's lines beside
    the other's."""
    assert_read_in_order(A_FIGURE_IN_EACH_COLUMN_CAPTIONS_UNREAD)


#: paper019 of a twenty-seventh draw (papers seed 331): a title over the left column; the left column's text; the
#: right column starting higher, two lines, a figure (no text in it), its caption, then its text.
TWO_LINES_OVER_A_FIGURE_IN_THE_RIGHT_COLUMN: list[Box] = [
    ("The class bool is a subclass of the", 24, 20, 338, 38),
    ("Or if the network has host bits set. Thus we always get the last component", 23, 75, 465, 94),
    ("of the path, even for directories. When the extension is already known, the", 21, 96, 468, 115),
    ("new type will replace the old one. Enum where members are also (and", 20, 119, 445, 134),
    ("must be) strings Generate a UUID from the SHA-1 hash of a namespace", 23, 137, 457, 155),
    ("UUID and a name. Class HtmlDiff: Guess the extensions for a file based", 24, 156, 453, 175),
    ("on its MIME type. Return series of accumulated sums (or other binary", 21, 178, 443, 196),
    ("function results). Raised if an invalid option value is encountered on the", 21, 199, 454, 215),
    ("command line. if isinstance(obj, complex): Parse an IMAP4", 21, 218, 379, 236),
    ("INTERNALDATE string. Pareto distribution. A file appears to have an", 23, 237, 446, 256),
    ("invalid format. Required as of 3.8, despite its position after the optional", 21, 260, 450, 276),
    ("msg argument. The destination may be a directory. 'prefix', 'suffix', 'dir' --", 24, 278, 460, 296),
    ("as for mkstemp. make an iterator that returns consecutive keys and groups", 21, 299, 464, 318),
    ("from the iterable iterable Elements to divide into groups according to the", 20, 317, 460, 337),
    ("key function. This feature can be used to implement custom decoders.", 23, 340, 440, 357),
    ("'amdk6' An empty string is returned if the value cannot be determined. To", 20, 361, 465, 377),
    ("cater for this natural nesting, channel names are organized into a", 21, 382, 407, 397),
    ("namespace hierarchy where levels are separated by periods, much like the", 21, 400, 462, 418),
    ("Java or Python package namespace. Mainly there for the benefit of", 20, 423, 422, 438),
    ("callback options. Convert integer to A-P string representation. Equivalent", 493, 61, 932, 79),
    ("to:", 491, 82, 511, 100),
    ("Figure 20: If the fixture may be used for many test cases, create as", 493, 329, 850, 347),
    ("bytes or buffer, Initial input for the hash, or None. - choices -- A container", 493, 363, 935, 379),
    ("of values that should be allowed. Base16, Base32, Base64 (RFC 3548),", 493, 383, 923, 401),
    ("Base85 and Ascii85 data encodings Decode bytes encoded with the", 494, 404, 898, 419),
    ("standard Base64 alphabet. A decorator indicating abstract methods. Main", 493, 425, 930, 440),
    ("program, used when run as a script. 'Safe' child watcher implementation.", 493, 445, 929, 463),
]


def test_a_column_s_lines_ending_past_a_narrower_gap_s_edge_are_no_headline_across_it() -> None:
    """Tried at a narrower gap (its left edge a few pixels inside the left column's longest lines), two of the left
    column's lines crossed it and were taken for a headline across the gap, with the right column's two lines over
    its figure read before both columns as a dateline over that headline. A headline across a gap runs past its
    middle."""
    assert_read_in_order(TWO_LINES_OVER_A_FIGURE_IN_THE_RIGHT_COLUMN)


#: paper023 of a twenty-seventh draw (papers seed 331): a title; in each column text, a figure (no text in it) and its
#: caption, the two figures starting at about one height, the right one ending six lines higher.
FIGURES_STARTING_LEVEL_ENDING_APART: list[Box] = [
    ("either str (ASCII only), or any bytes-like", 23, 20, 381, 45),
    ("adobe controls whether the input sequence is in Adobe Ascii85 format (i.e.", 21, 75, 433, 91),
    ("Compute an Adler-32 checksum of data. 'owner' and 'group' can be used to", 22, 93, 434, 111),
    ("define an owner and a group for the archive that is being built. A simple test suite", 21, 112, 467, 130),
    ("that doesn't provide class or module shared fixtures. Depending on your system,", 21, 129, 460, 150),
    ("instantiating a Path will return either a PosixPath or a WindowsPath object. As", 20, 149, 453, 168),
    ("with wrap(), tabs are expanded and other whitespace characters converted to", 24, 170, 443, 186),
    ("space. The file is read and scanned in chunks of chunksize bytes. Encode a file;", 21, 188, 457, 206),
    ("An IPv4Network or IPv6Network object.", 24, 207, 251, 226),
    ("Figure 24: Setting terse to true causes the function to return only the absolute", 22, 528, 403, 546),
    ("A test runner class that displays results in textual form. Off by default because the", 22, 559, 470, 578),
    ("algorithm is (unavoidably) imperfect. This exception is raised when the server", 21, 580, 450, 595),
    ("unexpectedly disconnects, or when an attempt is made to use the SMTP instance", 492, 60, 934, 78),
    ("before connecting it to a server. Same as addCleanup, except the cleanup items", 493, 78, 927, 97),
    ("are called even if setUpModule fails (unlike tearDownModule). An IPv4Interface", 491, 98, 939, 116),
    ("or IPv6Interface object. Queries the given executable (defaults to the Python", 492, 115, 911, 136),
    ("interpreter binary) for various architecture information. Method descriptor with", 492, 136, 928, 154),
    ("partial application of the given arguments and keywords. If initial is present, it is", 492, 155, 934, 173),
    ("placed before the items of the iterable in the calculation, and serves as a default", 493, 173, 930, 192),
    ("when the iterable is empty.", 495, 192, 640, 212),
    ("Figure 24: Setting terse to true causes the function to return only the absolute (detail)", 492, 423, 914, 442),
    ("Variables used in this class: Usually you can use TestCase.skipTest() or one of the", 495, 455, 940, 473),
    ("skipping decorators instead of raising this directly. make an iterator that returns", 492, 474, 929, 493),
    ("consecutive keys and groups from the iterable iterable Elements to divide into", 492, 493, 920, 511),
    ("groups according to the key function. A handler class which writes logging", 492, 510, 903, 533),
    ("records, appropriately formatted, to a stream. Caller is responsible for deleting the", 492, 530, 941, 550),
    ("directory when done with it. Lock objects can be tested for locking state: For", 493, 550, 916, 569),
    ("floating point numbers, this truncates towards zero.", 492, 570, 773, 585),
]


def test_two_figures_starting_level_and_ending_six_lines_apart_are_one_in_each_column() -> None:
    """Both columns empty from about one height — as under a figure as wide as the page — were read in bands across
    the page (the text above both figures, then the captions, then the text under them). Under a figure as wide as the
    page the two sides' text starts at most a caption's height apart; these start six lines apart."""
    assert_read_in_order(FIGURES_STARTING_LEVEL_ENDING_APART)
