"""Reading order on the detector boxes of two-column papers with figures and front pages that draws of the read
benchmark's generators read out of order (no model; boxes in the text's frame, in reading order)."""

from __future__ import annotations

import numpy as np

from opensight._results_text import TextLine
from tests.unit.test_reading_order import texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order

#: paper023 of "papers with figures (held out)": a title; the left column's text, then its figure and the figure's
#: caption; the right column's text, its figure (at its own height), the caption and more text.
FIGURE_IN_EACH_COLUMN: list[Box] = [
    ("data Binary data to be", 39, 40, 257, 64),
    ("Code common to mkstemp, TemporaryFile, and NamedTemporaryFile.", 42, 95, 487, 117),
    ("UUID objects are immutable, hashable, and usable as dictionary keys.", 43, 116, 487, 138),
    ("Primitive lock objects. Return a matrix representing a month's calendar.", 42, 139, 487, 157),
    ("The total number of frames does not need to be set, but when it is set to", 40, 159, 487, 177),
    ("the correct value, the header does not have to be patched up. Helper to", 39, 179, 486, 197),
    ("determine the node name of this machine. This is only meaningful for", 39, 200, 486, 218),
    ("optional command-line arguments. The output is intended to be human", 39, 220, 486, 238),
    ("readable rather than machine parseable. Valid bases are 0 and 2-36.", 39, 240, 487, 258),
    ("Private class to provide en/decoding for base64-based authentication", 41, 260, 486, 277),
    ("conversation.", 41, 281, 120, 299),
    ("Figure 24: IPv6Address('2001:db8::1000') .hostmask:", 41, 643, 330, 663),
    ("standard IMAP4 port). if the version was read from a different Python", 515, 83, 958, 100),
    ("interpreter. Test authors should subclass TestCase for their own tests.", 514, 104, 961, 122),
    ("Class with attributes describing each file in the ZIP archive. If it is", 515, 123, 962, 141),
    ("missing or None, the mean is automatically calculated. false) Ensure that", 517, 144, 961, 162),
    ("sentence-ending punctuation is always followed by two spaces. Change", 514, 164, 961, 182),
    ("owner user and group of the given path. Fraction, infinite-precision,", 516, 184, 961, 204),
    ("rational numbers. Returns a single week in a string (no newline).", 514, 205, 901, 223),
    ("Figure 24: IPv6Address('2001:db8::1000') .hostmask: (detail)", 515, 460, 847, 478),
    ("SequenceMatcher is a flexible class for comparing pairs of sequences of", 514, 494, 961, 512),
    ("any type, so long as the sequence elements are hashable. If the relative", 516, 513, 959, 533),
    ("weights or cumulative weights are not specified, the selections are made", 518, 534, 962, 552),
    ("with equal probability. string metavar : Signal whether the frame is a", 518, 555, 962, 573),
    ("CPython or logging module internal. This class implements reentrant lock", 515, 576, 959, 594),
    ("objects. LinearRegression(slope, intercept) If 'node' is not given, getnode()", 515, 596, 961, 613),
    ("is used to obtain the hardware address", 513, 615, 745, 630),
]

#: paper010 of the same draw: a title; the left column only a figure and its caption, the caption a few pixels under
#: the right column's last line; the right column all text.
CAPTION_UNDER_AN_EMPTY_COLUMN: list[Box] = [
    ("Handler instances dispatch logging events to specific", 45, 40, 510, 67),
    ("Figure 11: Encode bytes-like object b using Ascii85 and return a bytes object", 40, 383, 428, 398),
    ("This must be subclassed (see csv.excel). the other methods are just there for", 517, 81, 962, 99),
    ("subclasses to override in order to tweak the default behaviour. The following", 517, 99, 959, 117),
    ("methods are used by IPv4 objects in both single IP addresses and networks. -", 519, 119, 962, 137),
    ("encoding -- The file's encoding. This is used in the WeakValueDictionary to", 517, 139, 961, 156),
    ("avoid having to create a function object for each key stored in the mapping.", 516, 156, 961, 176),
    ("Class that serves as an adapter between TarFile and a stream-like object.", 518, 175, 961, 192),
    ("Otherwise, a new RLock object is created and used as the underlying lock.", 520, 195, 962, 213),
    ("Return a list of the most frequently occurring values. Each 'data' is either a", 519, 215, 961, 232),
    ("string, or a tuple. quantiles Divide data into intervals with equal probability.", 516, 231, 962, 253),
    ("However, the 'password' argument to the LOGIN command is always quoted.", 517, 250, 962, 270),
    ("Formatter instances are used to convert a LogRecord to text. statement to be", 518, 269, 961, 287),
    ("timed (default 'pass') A multi-line statement may be given by specifying each", 517, 290, 958, 307),
    ("line as a separate argument; Coerce types T and S to a common type, or raise", 517, 306, 962, 328),
    ("TypeError. to avoid this, the library developer simply needs to instantiate a", 520, 328, 962, 345),
    ("NullHandler and add it to the top-level logger of the library module or", 520, 346, 962, 364),
    ("package. A group of messages in a particular place.", 517, 366, 804, 383),
]


#: paper004 of a fourth draw (made after the two rules above, nothing chosen on it): the same layout as paper010,
#: the caption a line height lower — 14 px under the right column's last line, ending 26 px under it.
CAPTION_A_LINE_UNDER: list[Box] = [
    ("Specifying a negative protocol version selects the highest", 41, 40, 576, 68),
    ("Figure 5: Context manager for temporarily redirecting stderr to another file.", 39, 397, 441, 415),
    ("The combined action runs more efficiently than heappush() followed by a", 519, 83, 962, 104),
    ("separate call to heappop(). The functions in this module allow compression", 518, 106, 962, 124),
    ("and decompression using the zlib library, which is based on GNU zip. This", 518, 126, 961, 144),
    ("class doesn't do any formatting. Context to automatically close something", 519, 144, 962, 164),
    ("at the end of a block. Returns the system's release, e.g. Initialize internal", 517, 164, 961, 183),
    ("state from a seed. By default, the test code itself should be placed in a", 518, 187, 962, 205),
    ("method named 'runTest'. For example, reduce(lambda x, y: Useful for", 521, 207, 961, 225),
    ("synchronizing a fixed number of tasks at known synchronization points.", 518, 227, 962, 245),
    ("compress or gzip). Both values are returned as strings. Return Real", 519, 247, 962, 265),
    ("number x to exact (numerator, denominator) pair. The thread will also exit", 518, 268, 962, 287),
    ("when the function raises an unhandled exception; how many times to", 519, 289, 962, 307),
    ("execute 'statement' (default: async with asyncio.TaskGroup() as group:", 518, 307, 963, 327),
    ("Each row represents a week; The data is fit to a line passing through the", 520, 327, 960, 345),
    ("origin. saferepr() Generate a 'standard' repr()-like value, but protect against", 518, 349, 961, 367),
    ("recursive data structures.", 518, 369, 666, 387),
]


#: front007 of a fourth draw of front pages, each line's corners as the line finder gave them (the page a little
#: tilted): a masthead, a dateline and price, a headline the line finder cut in two at a word space over the columns'
#: gutter (its pieces 36 px tall, the page's lines about 24), two columns under it …
HEADLINE_CUT_OVER_THE_GUTTER: list[tuple[str, list[list[float]]]] = [
    ("The Feed Herald", [[323.6, 43.0], [673.3, 43.0], [673.3, 90.0], [323.6, 90.0]]),
    ("Saturday, November 11, 2021", [[40.0, 96.0], [236.1, 96.0], [236.1, 117.0], [40.0, 117.0]]),
    ("Price 1 dollars", [[864.8, 93.1], [961.1, 95.9], [960.1, 118.0], [864.8, 116.1]]),
    ("Intercept xxx references to", [[39.2, 129.0], [499.8, 129.0], [499.8, 165.0], [39.2, 165.0]]),
    ("need further investigation", [[509.2, 129.0], [956.8, 129.0], [956.8, 165.0], [509.2, 165.0]]),
    (
        "Decode a file; Return a list of all weak reference",
        [[38.6, 172.0], [491.3, 172.5], [491.3, 199.5], [38.6, 199.0]],
    ),
    (
        "arguments are pre- formatted into a LogRecord's",
        [[508.6, 172.5], [962.4, 173.0], [962.4, 200.0], [508.6, 199.5]],
    ),
    ("objects pointing to 'object'. Instantiate with:", [[38.8, 196.0], [490.2, 196.0], [490.2, 220.0], [38.8, 220.0]]),
    (
        "message attribute. Metaclass for defining Abstract",
        [[508.8, 196.0], [963.2, 196.0], [963.2, 220.0], [508.8, 220.0]],
    ),
    (
        "Otherwise, a new RLock object is created and used as",
        [[43.0, 219.0], [491.0, 219.0], [491.0, 240.0], [43.0, 240.0]],
    ),
    (
        "Base Classes (ABCs). Assuming -a and -b each take a",
        [[509.0, 219.0], [963.0, 219.0], [963.0, 240.0], [509.0, 240.0]],
    ),
    ("the underlying lock. A list of IPv4Network's or", [[38.9, 240.0], [492.1, 240.0], [492.1, 262.0], [38.9, 262.0]]),
    (
        "single argument, the command-line -ablah foo bar -",
        [[508.9, 240.0], [962.0, 240.0], [962.0, 262.0], [508.9, 262.0]],
    ),
    ("IPv6Network's depending on what we were passed.", [[38.8, 261.0], [490.2, 261.0], [490.2, 285.0], [38.8, 285.0]]),
    (
        "bboo baz will be interpreted the same as -ablah -bboo -",
        [[508.8, 261.0], [963.2, 261.0], [963.2, 285.0], [508.8, 285.0]],
    ),
    ("Like regular semaphores, bounded semaphores", [[37.8, 283.0], [491.2, 283.0], [491.2, 307.0], [37.8, 307.0]]),
    (
        "- foo bar baz If this flag were false, that command line",
        [[508.8, 283.0], [962.2, 283.0], [962.2, 307.0], [508.8, 307.0]],
    ),
    ("manage a counter representing the number of", [[42.8, 304.0], [492.2, 304.0], [492.2, 328.0], [42.8, 328.0]]),
    (
        "would be interpreted as -ablah -- foo bar -bboo baz --",
        [[508.8, 304.0], [963.0, 304.0], [963.0, 328.0], [508.8, 328.0]],
    ),
    (
        "release() calls minus the number of acquire() calls,",
        [[38.8, 326.0], [490.2, 326.0], [490.2, 350.0], [38.8, 350.0]],
    ),
    ("ie. Many other constants may be defined;", [[508.8, 326.0], [849.0, 326.0], [849.0, 350.0], [508.8, 350.0]]),
    (
        "plus an initial value. Returns an object with a file-like",
        [[42.0, 347.0], [490.0, 347.0], [490.0, 368.0], [42.0, 368.0]],
    ),
    (
        "Factory function that returns a new reentrant lock.",
        [[510.0, 357.0], [962.0, 357.0], [962.0, 378.0], [510.0, 378.0]],
    ),
    (
        "interface. Raised when source and destination are the",
        [[39.0, 370.0], [493.0, 370.0], [493.0, 391.0], [39.0, 391.0]],
    ),
    (
        "TarInfo objects are returned by TarFile.getmember(),",
        [[512.0, 380.0], [961.0, 380.0], [961.0, 401.0], [512.0, 401.0]],
    ),
    (
        "same file. Entries which cannot be determined are set",
        [[39.0, 392.0], [492.0, 392.0], [492.0, 413.0], [39.0, 413.0]],
    ),
    (
        "TarFile.getmembers() and TarFile.gettarinfo() and are",
        [[509.0, 401.0], [962.0, 401.0], [962.0, 422.0], [509.0, 422.0]],
    ),
    ('to the parameter values which default to ".', [[38.9, 413.0], [392.0, 413.0], [392.0, 435.0], [38.9, 435.0]]),
    (
        "usually created internally. The module supports three",
        [[509.0, 424.0], [963.0, 424.0], [963.0, 445.0], [509.0, 445.0]],
    ),
    ("For version 1 (provided for reproducing random", [[38.8, 443.0], [491.2, 443.0], [491.2, 467.0], [38.8, 467.0]]),
    (
        "basic APIs: Classes --- PrettyPrinter() Handle pretty-",
        [[508.8, 443.0], [962.2, 443.0], [962.2, 467.0], [508.8, 467.0]],
    ),
    ("sequences from older versions of Python), the", [[38.8, 465.0], [491.2, 465.0], [491.2, 489.0], [38.8, 489.0]]),
    (
        "printing operations onto a stream using a configured",
        [[508.8, 465.0], [963.2, 465.0], [963.2, 489.0], [508.8, 489.0]],
    ),
    (
        "algorithm for str and bytes generates a narrower",
        [[38.8, 487.0], [492.2, 487.0], [492.2, 511.0], [38.8, 511.0]],
    ),
    (
        "set of formatting parameters. Interface for read-only",
        [[508.8, 487.0], [963.2, 487.0], [963.2, 511.0], [508.8, 511.0]],
    ),
    (
        "range of seeds. Copy mode bits from src to dst. A",
        [[38.8, 508.0], [491.2, 508.0], [491.2, 532.0], [38.8, 532.0]],
    ),
    (
        "transports. Atomically remove key from dict if it points",
        [[508.8, 508.0], [962.2, 508.0], [962.2, 532.0], [508.8, 532.0]],
    ),
    (
        "collection of string constants. An IPv4Address or",
        [[39.0, 531.0], [492.0, 531.0], [492.0, 552.0], [39.0, 552.0]],
    ),
    (
        "to a dead weakref. Chooses k unique random elements",
        [[509.0, 531.0], [962.0, 531.0], [962.0, 552.0], [509.0, 552.0]],
    ),
    (
        "IPv6Address object. the default value mentioned above",
        [[37.8, 550.0], [491.2, 550.6], [491.2, 574.6], [37.8, 574.0]],
    ),
    ("from a population sequence.", [[508.8, 550.7], [744.0, 551.0], [744.0, 575.0], [508.8, 574.7]]),
    (
        "makes use of the fact that the user's message and",
        [[42.9, 573.0], [492.0, 573.0], [492.0, 595.0], [42.9, 595.0]],
    ),
    (
        "Correction: They contain all the information pertinent to the event being logged.",
        [[41.0, 618.0], [567.0, 618.0], [567.0, 639.0], [41.0, 639.0]],
    ),
]
#: … and its lines in reading order (the headline's two pieces joined).
HEADLINE_PAGE_IN_ORDER = [
    "The Feed Herald",
    "Saturday, November 11, 2021",
    "Price 1 dollars",
    "Intercept xxx references to need further investigation",
    "Decode a file; Return a list of all weak reference",
    "objects pointing to 'object'. Instantiate with:",
    "Otherwise, a new RLock object is created and used as",
    "the underlying lock. A list of IPv4Network's or",
    "IPv6Network's depending on what we were passed.",
    "Like regular semaphores, bounded semaphores",
    "manage a counter representing the number of",
    "release() calls minus the number of acquire() calls,",
    "plus an initial value. Returns an object with a file-like",
    "interface. Raised when source and destination are the",
    "same file. Entries which cannot be determined are set",
    'to the parameter values which default to ".',
    "For version 1 (provided for reproducing random",
    "sequences from older versions of Python), the",
    "algorithm for str and bytes generates a narrower",
    "range of seeds. Copy mode bits from src to dst. A",
    "collection of string constants. An IPv4Address or",
    "IPv6Address object. the default value mentioned above",
    "makes use of the fact that the user's message and",
    "arguments are pre- formatted into a LogRecord's",
    "message attribute. Metaclass for defining Abstract",
    "Base Classes (ABCs). Assuming -a and -b each take a",
    "single argument, the command-line -ablah foo bar -",
    "bboo baz will be interpreted the same as -ablah -bboo -",
    "- foo bar baz If this flag were false, that command line",
    "would be interpreted as -ablah -- foo bar -bboo baz --",
    "ie. Many other constants may be defined;",
    "Factory function that returns a new reentrant lock.",
    "TarInfo objects are returned by TarFile.getmember(),",
    "TarFile.getmembers() and TarFile.gettarinfo() and are",
    "usually created internally. The module supports three",
    "basic APIs: Classes --- PrettyPrinter() Handle pretty-",
    "printing operations onto a stream using a configured",
    "set of formatting parameters. Interface for read-only",
    "transports. Atomically remove key from dict if it points",
    "to a dead weakref. Chooses k unique random elements",
    "from a population sequence.",
    "Correction: They contain all the information pertinent to the event being logged.",
]


#: front007 of a fifth draw of front pages (seed 61, made after the rules above): the right column ends two lines
#: higher than the left, and a correction stands under the left column, further under it than any of the columns'
#: paragraphs stand apart.
CORRECTION_UNDER_THE_LONGER_COLUMN: list[Box] = [
    ("The Literal Herald", 316, 43, 685, 84),
    ("Monday, March 10, 2019", 41, 90, 194, 113),
    ("Price 2 dollars", 871, 93, 962, 112),
    ("Or nt an empty string is", 44, 125, 425, 156),
    ("This is important for library code, which may contain code", 40, 165, 491, 187),
    ("to log events. Encode bytes-like object s using the", 38, 188, 494, 209),
    ("standard Base64 alphabet. The user should implement this", 40, 207, 491, 229),
    ("interface. Should be able to handle anything", 39, 228, 492, 249),
    ("email.utils.parseaddr can handle. This is helpful so that", 40, 249, 491, 268),
    ("inputs created from file.readlines() result in diffs that are", 39, 269, 491, 287),
    ("suitable for file.writelines() since both the inputs and", 39, 290, 490, 309),
    ("outputs have trailing newlines. Context to automatically", 42, 308, 492, 330),
    ("close something at the end of a block. (priority number,", 39, 330, 492, 349),
    ("data). Another process caused an action to fail. An adapter", 42, 350, 493, 368),
    ("for loggers which makes it easier to specify contextual", 39, 371, 494, 390),
    ("information in logging output. 'i386' An empty string is", 38, 392, 491, 410),
    ("returned if the value cannot be determined.", 38, 411, 375, 430),
    (".numerator and .denominator should be in lowest terms.", 37, 441, 491, 460),
    ("The mappings are table driven. Estimates the median for", 42, 460, 493, 480),
    ("numeric data binned around the midpoints of consecutive,", 508, 165, 961, 187),
    ("fixed-width intervals. It defaults to ','. This takes a binary", 509, 187, 958, 209),
    ("file for writing a pickle data stream. Unconditionally skip a", 509, 207, 961, 229),
    ("test. Class to create ZIP archives with Python library files", 510, 227, 962, 249),
    ("and packages.", 509, 248, 620, 270),
    ("There may be several implementations, but typically, the", 508, 277, 959, 298),
    ("user does not implement new transports; Return string in", 510, 300, 959, 318),
    ("form: hits misses currsize maxsize Here are some of the", 507, 318, 960, 336),
    ("useful functions provided by this module: Skip a test if the", 511, 338, 961, 357),
    ("condition is true. This is important for library code, which", 508, 360, 959, 378),
    ("may contain code to log events. Get the hardware address", 510, 381, 962, 399),
    ("on Unix by running ip. The file is read and scanned in", 510, 400, 959, 418),
    ("chunks of chunksize bytes.", 509, 418, 715, 440),
    ("Correction: Guess the type of a file based on its URL.", 40, 502, 365, 520),
]


def test_two_columns_with_a_figure_in_each_at_its_own_height_are_read_column_by_column() -> None:
    """Both sides leave much of the page empty, as a chat's bubbles do, but most of the left side's lines stand
    beside the right side's, and each is empty at its own height: two columns, each read whole. They were read in
    bands across both columns, the left column's caption last."""
    assert_read_in_order(FIGURE_IN_EACH_COLUMN)


def test_a_caption_just_under_the_other_columns_last_line_is_read_before_that_column() -> None:
    """The caption, a line under an empty column, was read after the right column, as a line under both; the title
    over the page, ending inside the gutter, is no ragged row that would make the gap no gutter."""
    assert_read_in_order(CAPTION_UNDER_AN_EMPTY_COLUMN)


def test_a_caption_a_line_height_under_the_other_columns_last_line_is_its_own_columns() -> None:
    """The caption ended more than a line height under the right column's last line: it was read after that column."""
    assert_read_in_order(CAPTION_A_LINE_UNDER)


def test_a_headline_cut_in_two_over_the_gutter_is_read_before_the_columns() -> None:
    """The headline's second half, starting where the right column starts, was read as that column's first line."""
    lines = [TextLine(text, 0.9, np.array(corners, dtype=np.float32)) for text, corners in HEADLINE_CUT_OVER_THE_GUTTER]
    for seed in range(3):
        assert texts(lines, seed) == HEADLINE_PAGE_IN_ORDER


def test_a_correction_further_under_the_longer_column_than_its_paragraphs_is_read_after_both_columns() -> None:
    """The correction stood 3.3 line heights under the right column's end, past the reach of footnotes under both
    columns (3): it was read as the left column's last line, before the right column."""
    assert_read_in_order(CORRECTION_UNDER_THE_LONGER_COLUMN)


#: paper004 of a sixth draw (papers seed 67): a title in headline type flush left over a figure at the top of the first
#: column, its caption of two lines under it; the second column, all text, ending 1.4 line heights under the caption.
TITLE_OVER_A_FIGURE_AND_ITS_CAPTION: list[Box] = [
    ("A Value Error related to the", 43, 39, 293, 60),
    ("Figure 5: The wrapped-object will fallback to a Py2.x style comparison for unorderable", 39, 338, 479, 356),
    ("types", 37, 356, 71, 375),
    ("To specify a Unix socket, you must use an absolute path as the host, starting", 518, 80, 943, 98),
    ("with a W'. It defaults to False, which means that spaces immediately following a", 520, 99, 960, 117),
    ("delimiter is part of the following field. Version of repr() which can handle", 519, 120, 929, 134),
    ("recursive data structures. This class implements rational numbers. uuid4()", 516, 137, 931, 155),
    ("creates a random UUID. Unrelated ABCs are ignored and don't end up in the", 517, 157, 947, 171),
    ("result. A string or integer, the IP address. Like regular semaphores, bounded", 516, 175, 942, 193),
    ("semaphores manage a counter representing the number of release() calls minus", 517, 196, 959, 211),
    ("the number of acquire() calls, plus an initial value. The thread will call the", 517, 214, 933, 231),
    ("function with positional arguments from the tuple args and keyword arguments", 517, 232, 960, 250),
    ("taken from the optional dictionary kwargs. User-callable function to create and", 517, 252, 957, 267),
    ("return a unique temporary directory. This takes a binary file for writing a", 515, 268, 925, 286),
    ("pickle data stream. A selector matches a specific glob pattern part against the", 517, 290, 948, 305),
    ("children of a given path. It will run the individual test cases in the order in", 517, 308, 932, 325),
    ("which they were added, aggregating the results. They can inherit from this", 520, 326, 933, 344),
    ("class but don't need to. Encode bytes-like object b in base85 format and return", 517, 346, 952, 361),
    ("a bytes object. Base IPv6 object. Encode bytes-like object b using Ascii85 and", 517, 365, 952, 382),
    ("return a bytes object. Returns a new subclass of tuple with named fields.", 517, 383, 920, 401),
]

#: paper005 of the same draw: two columns, a big figure in each at its own height, so that under half of either
#: column's lines stand beside the other's.
TWO_BIG_FIGURES_AT_THEIR_OWN_HEIGHTS: list[Box] = [
    ("generate the delta as a unified", 39, 40, 305, 65),
    ("Use this metaclass to create an ABC. Instance attributes: Variables used in this", 42, 94, 484, 112),
    ("class: If the optional second argument sep is absent or None, runs of whitespace", 39, 114, 481, 132),
    ("characters are replaced by a single space and leading and trailing whitespace are", 39, 132, 484, 152),
    ("removed, otherwise sep is used to split and join the words. Return value is a", 39, 153, 482, 170),
    ("string giving a filename extension, including the leading dot ('.'). If the value", 39, 170, 483, 188),
    ("given is less than 0, ValueError is raised. The context affects almost all", 39, 188, 487, 210),
    ("operations and controls rounding, Over/Underflow, raising of exceptions and", 41, 208, 484, 227),
    ("much more. The implementations here do nothing (they don't raise exceptions).", 42, 228, 484, 246),
    ("This can be especially useful with objects that override attribute accesses.", 42, 247, 484, 265),
    ("Formatter instances are used to convert a LogRecord to text. On a POSIX", 42, 264, 483, 282),
    ("system, instantiating a Path should return this object. A Signature object has the", 39, 283, 484, 303),
    ("following public attributes and methods:", 39, 303, 262, 321),
    ("Figure 6: Generate n random bytes.", 39, 523, 216, 543),
    ("generate the delta as a unified diff. If, for some perverse reason, you need to", 39, 553, 483, 575),
    ("parse command-line arguments simultaneously in different threads, use different", 39, 573, 483, 593),
    ("OptionParser instances. if not lock.locked(): - ArgumentError -- The exception", 519, 80, 958, 99),
    ("raised by ArgumentParser objects when there are errors with the parser's", 516, 100, 961, 118),
    ("actions. 'Linux', 'Windows' or 'Java'. The file is not created. Convert IMAP4", 516, 116, 962, 138),
    ("flags response to python tuple. bufsize The initial output buffer size.", 517, 139, 889, 157),
    ("Figure 6: Generate n random bytes. (detail)", 517, 353, 734, 374),
    ("Abstract base class. It is derived from a version of the externally maintained", 518, 386, 962, 404),
    ("simplejson library. If validate is False (the default), characters that are neither in", 517, 405, 962, 422),
    ("the normal base-64 alphabet nor the alternative alphabet are discarded prior to", 517, 423, 959, 441),
    ("the padding check. Take an IP string/int and return an object of the correct type.", 517, 440, 962, 462),
    ("Beautiful is better than ugly. The probability distribution function is: SQLite", 520, 461, 962, 478),
    ("database cursor class. A tuple containing the first and last IP addresses in the", 517, 480, 959, 498),
    ("sequence. the other methods are just there for subclasses to override in order to", 516, 498, 962, 518),
    ("tweak the default behaviour. lock.release() Context manager usage: See module", 517, 518, 961, 536),
    ("pickletools source for extensive comments.", 517, 537, 754, 555),
]


def test_a_caption_under_a_figure_at_the_top_of_the_first_column_is_read_before_the_second() -> None:
    """The caption ends 1.4 line heights above the second column's last line (at most one was allowed): it was taken
    for no caption at the foot of its column and read in rows with the second column's lines beside it."""
    assert_read_in_order(TITLE_OVER_A_FIGURE_AND_ITS_CAPTION)


def test_two_big_figures_at_their_own_heights_leave_two_columns() -> None:
    """43% of each column's lines stand beside the other's (more than half were needed): the page was read in bands
    across both columns, like a chat's bubbles."""
    assert_read_in_order(TWO_BIG_FIGURES_AT_THEIR_OWN_HEIGHTS)


#: paper013 of an eighth draw (papers seed 83, front pages 89), made after the rules above: a figure at the top of the
#: second column, its caption and the column's text under it, running on far under the first column's end.
COLUMN_UNDER_ITS_FIGURE_RUNNING_ON: list[Box] = [
    ("that is, they are passed to the type-checking", 40, 42, 487, 71),
    ("if True ZipFile will create files with ZIP64 extensions when needed,", 40, 104, 484, 124),
    ("otherwise it will raise an exception when this would be necessary.", 40, 126, 485, 147),
    ("statement to be executed once initially (default 'pass'). The base class", 40, 148, 486, 169),
    ("of the class hierarchy. Basic R-O is cubic time worst case and", 40, 169, 482, 190),
    ("quadratic time expected case. Returned values range between 0 and", 39, 192, 486, 212),
    ("1. A base class or mixin that enables context managers to work as", 40, 212, 486, 233),
    ("decorators. The unformatted error message doc: This module avoids", 40, 234, 486, 255),
    ("a number of common traps for measuring execution times. Not", 38, 257, 487, 277),
    ("available on all systems (see os.urandom() for details). Issue a", 40, 277, 486, 298),
    ("warning, or maybe ignore it or raise an exception. Beautiful is better", 43, 299, 485, 320),
    ("than ugly. Interface for protocol for subprocess calls. It should be", 40, 321, 484, 339),
    ("nonzero. either a Network or Address object. Returns", 38, 343, 484, 363),
    ("tempfile.tempdir as str.", 41, 364, 190, 385),
    ("Figure 14: See also Tim Peters' introduction to the Algorithms chapter in the", 515, 324, 961, 342),
    ("Python", 517, 341, 559, 363),
    ("- numeric strings similar to those accepted by the float constructor", 516, 379, 961, 400),
    ("(for example, '-2.3' or '1e10') - strings of the form '123/456' - float", 513, 400, 963, 421),
    ("and Decimal instances - other Rational instances (including integers)", 515, 423, 961, 443),
    ("Works like a slice() on a list but returns an iterator. Wrapper for", 521, 444, 961, 465),
    ("potentially out-of-band buffers CSV parsing and writing. Returned", 515, 464, 962, 487),
    ("values range between 0 and 1. Off by default because the algorithm", 516, 487, 957, 508),
    ("is (unavoidably) imperfect. Convert value to given numeric type T.", 516, 509, 963, 529),
    ("Metaclass for defining Abstract Base Classes (ABCs). Exception for", 519, 530, 962, 551),
    ("end of file headers. This returns an instance of a class with the", 516, 551, 961, 572),
    ("following public methods:", 514, 572, 688, 595),
]


def test_a_column_starting_under_its_figure_and_running_on_under_the_other_is_read_after_it() -> None:
    """The second column stands beside the first for under three line heights, its caption beside the first column's
    last rows, and ends 10 line heights under it: it was no caption's column (those end at most two line heights
    under the other), and the caption was read in rows with the first column's last lines."""
    assert_read_in_order(COLUMN_UNDER_ITS_FIGURE_RUNNING_ON)


#: paper016 of a fourteenth draw of the papers (nothing chosen on it before): a title; the left column a figure and its
#: caption only, the caption ending 2.4 line heights above the right column's end; the right column all text.
CAPTION_HIGH_BESIDE_A_LONGER_COLUMN: list[Box] = [
    ("Convenience function to create Timer object and call", 44, 39, 511, 61),
    ("Figure 17: Raised if OS does not support sendfile syscall for given socket or", 39, 325, 421, 340),
    ("The default is None, and is recommended; Real also provides defaults for the", 510, 80, 961, 98),
    ("derived operations. Integral adds methods that work on integral numbers.", 509, 99, 962, 117),
    ("Raised if conflicting options are added to an OptionParser. Optionally, set-up", 513, 115, 961, 137),
    ("and tidy-up functions can be supplied. Use of gzip or bzip2 compression is", 510, 137, 962, 155),
    ("possible. A test runner class that displays results in textual form. The keyword", 511, 156, 962, 175),
    ("arguments to the Action constructor are also all attributes of Action instances.", 509, 176, 962, 194),
    ("Generate a UUID from the SHA-1 hash of a namespace UUID and a name. A", 513, 194, 959, 212),
    ("shared callback object can use the 'key' attribute of a KeyedRef instead of", 509, 213, 960, 231),
    ("getting a reference to the key from an enclosing scope. Internaldate2tuple", 509, 230, 962, 252),
    ("Int2AP ParseFlags Time2Internaldate The standard Python types str, int, float,", 510, 250, 962, 269),
    ("and complex are useful examples of such callables. Normalize the version and", 509, 270, 962, 288),
    ("build strings and return a single version string using the format", 509, 288, 962, 306),
    ("major.minor.build (or patchlevel). '2.2.0' or 'NT' An empty string is returned if", 513, 306, 962, 326),
    ("the value cannot be determined. Returns a string identifying the Python", 510, 325, 959, 343),
    ("implementation. tokenize(readline) is a generator that breaks a stream of bytes", 510, 345, 961, 363),
    ("into Python tokens. Simple usage:", 507, 364, 702, 383),
]


def test_a_caption_ending_well_above_the_other_columns_end_is_read_before_that_column() -> None:
    """The caption under its figure, nothing under it in its column, ends 2.4 line heights above the right column's
    last line (at most two were allowed): it was read as a row between two lines of the right column's paragraph."""
    assert_read_in_order(CAPTION_HIGH_BESIDE_A_LONGER_COLUMN)


#: photo004 of a seventeenth draw (papers seed 181, front pages 191), a photo of a page at an angle, blurred: a title;
#: a figure in each column, the left one lower, each with its caption; boxes in the photo's page frame.
FIGURES_AT_THEIR_OWN_HEIGHTS_IN_A_PHOTO: list[Box] = [
    ("Abstract policy for accessing the event", 14, 12, 393, 39),
    ("the timer function is platform-dependent (see module doc string). An", 15, 65, 449, 89),
    ("ABC can be subclassed directly, and then acts as a mix-in class.", 17, 86, 449, 108),
    ("correlation Pearson's correlation coefficient for two variables. Also", 17, 105, 448, 126),
    ("mainly for callbacks. There is no other state. You can also instantiate", 16, 123, 450, 146),
    ("either of these classes directly, regardless of your system. This", 16, 142, 449, 166),
    ("implementation avoids disrupting other code spawning processes by", 12, 162, 450, 185),
    ("polling explicitly each process in the SIGCHLD handler instead of calling", 17, 180, 451, 204),
    ("os.waitpid(-1). 0 for no caching None for unlimited cache size n for a", 16, 199, 450, 223),
    ("bounded cache typed:", 15, 218, 154, 241),
    ("Figure 24: Convert data to ffoats and compute the arithmetic mean.", 20, 466, 377, 490),
    ("data Binary data to be compressed. Error function at x. Instances of the", 21, 498, 447, 521),
    ("UUID class represent UUIDs as specified in RFC 4122. Returns", 20, 517, 449, 541),
    ("generator yielding marked up from/to side by side differences. This must", 465, 51, 902, 75),
    ("be subclassed (see csv.excel). Make a cache key from optionally typed", 464, 71, 899, 94),
    ("positional and keyword arguments The key is constructed in a way that", 465, 90, 902, 112),
    ("is flat as possible rather than as a nested structure that would take more", 461, 109, 901, 131),
    ("memory. Convert data to floats and compute the arithmetic mean.", 464, 128, 899, 151),
    ("Encode bytes-like object b in base85 format and return a bytes object. if", 464, 148, 902, 171),
    ("isinstance(obj, complex):", 462, 166, 617, 191),
    ("Figure 24: Convert data to floats and compute the arithmetic mean. (detail)", 465, 410, 863, 432),
    ("wbits The window buffer size and container format. StatisticsError is a", 467, 442, 893, 464),
    ("subclass of ValueError. The counter can never go below zero; Returns a", 463, 461, 889, 484),
    ("year's calendar as a multi-line string. Return the index where to insert", 463, 479, 894, 502),
    ("item x in list a, assuming a is sorted. with suppress(FileNotFoundError):", 463, 497, 891, 520),
    ("The specified mailbox is not empty and deletion was requested.", 463, 516, 839, 539),
]


def test_figures_at_their_own_heights_in_a_blurred_photo_leave_two_columns() -> None:
    """The photo's boxes stand taller than its lines are apart (23 px for 18), so the figures, three lines of text
    apart, were 2.2 and 2.4 box heights apart at their tops and ends (2.5 were needed): the page was read in bands
    across both columns, each column's top, then the captions, then the text under them."""
    assert_read_in_order(FIGURES_AT_THEIR_OWN_HEIGHTS_IN_A_PHOTO)
