"""Reading order on the boxes of pages of the seventh to eleventh draws of the read benchmark's generators (papers
seeds 73, 83, 97 and 113, front pages 79, 89, 101 and 127, 24 photos of each draw's pages at an angle), each made
before any rule was chosen on it, that were read out of order — one of the ninth's only under a first form of a rule
(no model; each line's box in the text's frame, in reading order; a photo's with its perspective undone)."""

from __future__ import annotations

from tests.unit.test_reading_order import texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order, page

#: paper017: a title; two columns, each with a figure at one height and the figure's caption under it (the right
#: one of two lines), then more text.
FIGURES_SIDE_BY_SIDE: list[Box] = [
    ("type suffixes are first tried case sensitive, then", 42, 40, 446, 68),
    ("'prefix', 'suffix', 'dir' -- as for mkstemp. priority queue). Adds signal handling", 36, 92, 491, 115),
    ("and UNIX Domain Socket support to SelectorEventLoop. Copy data and", 39, 114, 491, 132),
    ("metadata. Lookups search the underlying mappings successively until a key is", 42, 132, 490, 150),
    ("found. Valid attributes are: true) Break words longer than 'width'. Values which", 39, 152, 491, 170),
    ("cannot be determined are set to the defaults given as parameters (which all", 38, 168, 493, 191),
    ('default to "). Add a handler to the internal cleanup list using a weak reference.', 39, 190, 490, 208),
    ("Raised if an invalid option value is encountered on the command line.", 42, 209, 432, 227),
    ("Figure 18: This module contains the core framework classes that form the basis of", 39, 468, 456, 486),
    ("For version 1 (provided for reproducing random sequences from older versions", 40, 499, 491, 518),
    ("of Python), the algorithm for str and bytes generates a narrower range of seeds.", 39, 519, 490, 537),
    ("Decode the base32 encoded bytes-like object or ASCII string s. Encode the", 42, 536, 490, 554),
    ("bytes-like object s using Base64 and return a bytes object. Returns the current", 39, 555, 492, 573),
    ("ABC cache token. Otherwise, a new RLock object is created and used as the", 40, 575, 492, 594),
    ("underlying lock. It may look different on different platforms and this is", 39, 594, 492, 612),
    ("intended. Same as addCleanup, except the cleanup items are called even if", 39, 613, 490, 631),
    ("setUpModule fails (unlike tearDownModule). Pearson's correlation coefficient", 510, 79, 961, 97),
    ("Return the Pearson's correlation coefficient for two inputs. For example,", 510, 99, 961, 118),
    ("demographic information may have been summarized into consecutive ten-year", 510, 119, 962, 137),
    ("age groups with each group being represented by the 5-year midpoints of the", 510, 136, 963, 158),
    ("intervals: Interface for stream protocol. Lookups search the underlying", 511, 157, 962, 176),
    ("mappings successively until a key is found. 'owner' and 'group' can be used to", 510, 177, 962, 195),
    ("define an owner and a group for the archive that is being built.", 510, 195, 862, 213),
    ("Figure 18: This module contains the core framework classes that form the basis of", 509, 465, 962, 485),
    ("(detail)", 510, 483, 551, 503),
    ("A more or less complete user-defined wrapper around list objects. The file", 513, 514, 960, 534),
    ("contents, owner, and group are unaffected. Holder for test result information.", 509, 533, 962, 553),
    ("Unrelated but handy function to calculate Unix timestamp from GMT. string", 513, 552, 962, 570),
    ("metavar : If they are bytes, the returned name will be bytes; If any of 'suffix',", 511, 571, 960, 590),
    ("'prefix' and 'dir' are not None, they must be the same type. random(), seed(),", 508, 592, 962, 610),
    ("getstate(), and setstate(). Usually user implements protocols that derived from", 509, 609, 958, 629),
    ("BaseProtocol like Protocol or ProcessProtocol.", 511, 630, 774, 645),
]

#: front020: a masthead, a dateline, a headline and a byline over three justified columns 11 line heights wide, whose
#: rows the detector cut at their widest word spaces ('ordinary' | 'least' | 'squares.').
THREE_NARROW_COLUMNS: list[Box] = [
    ("The Dest Herald", 319, 40, 674, 95),
    ("Friday, March 7, 2026", 37, 98, 187, 123),
    ("Price 3 dollars", 864, 99, 962, 122),
    ("Holds the mapping of arguments", 46, 133, 645, 175),
    ("By Certfile Pem, Staff Writer", 39, 188, 246, 209),
    ("Entries which cannot be", 38, 219, 324, 248),
    ("determined are set to the", 39, 245, 318, 269),
    ("parameter values which default", 39, 268, 322, 292),
    ('to ". Help message formatter', 39, 290, 321, 314),
    ("which adds default values to", 43, 312, 320, 336),
    ("argument help. Loops through", 40, 335, 320, 363),
    ("the", 38, 359, 71, 384),
    ("addresses,", 104, 360, 199, 382),
    ("collapsing", 234, 360, 320, 385),
    ("concurrent netblocks. Read from", 40, 383, 317, 407),
    ("and write to tar format archives.", 40, 406, 321, 430),
    ("Higher compression levels are", 43, 427, 321, 453),
    ("slower, but produce smaller", 39, 450, 321, 477),
    ("results.", 39, 474, 106, 499),
    ("A", 148, 475, 175, 497),
    ("Semaphore", 221, 474, 322, 499),
    ("implementation. The base", 38, 494, 324, 524),
    ("handler class. These two make", 39, 520, 317, 544),
    ("it possible to view the heap as a", 39, 543, 317, 567),
    ("regular Python list without", 40, 565, 322, 593),
    ("surprises: The parent is derived", 41, 590, 320, 614),
    ("from the name.", 39, 613, 173, 637),
    ("keyfile and certfile are also", 361, 222, 641, 246),
    ("optional - they can contain a", 361, 244, 638, 271),
    ("PEM formatted private key and", 360, 268, 641, 292),
    ("certificate chain file for the SSL", 361, 290, 642, 314),
    ("connection. Describe the usual", 361, 313, 642, 337),
    ("properties of Unix-generated", 362, 335, 641, 363),
    ("CSV files. Converting a UUID to", 361, 357, 641, 384),
    ("a string with str() yields", 360, 380, 641, 409),
    ("something", 360, 406, 453, 431),
    ("in", 484, 405, 502, 429),
    ("the", 533, 405, 566, 430),
    ("form", 598, 406, 636, 429),
    ("12345678-1234-1234-1234-", 364, 428, 610, 452),
    ("123456789abc'. The acquire()", 361, 450, 642, 477),
    ("method blocks if necessary until", 365, 474, 642, 498),
    ("it can return without making the", 356, 496, 641, 523),
    ("counter negative. Helper to", 360, 518, 640, 545),
    ("reindent a multi-line statement.", 359, 542, 640, 566),
    ("The output format is usable as", 362, 566, 640, 591),
    ("part of a filename.", 360, 590, 520, 614),
    ("It can be used for averaging", 359, 620, 641, 649),
    ("ratios or rates, for example", 360, 646, 641, 670),
    ("speeds. Construct", 679, 221, 863, 248),
    ("anew", 888, 222, 960, 247),
    ("Decimal", 685, 246, 757, 268),
    ("object.", 794, 245, 854, 270),
    ("Logging", 890, 244, 963, 272),
    ("package for Python. A reentrant", 681, 267, 964, 294),
    ("lock must be released by the", 681, 290, 959, 314),
    ("thread that acquired it. Return", 681, 313, 962, 337),
    ("the slope and intercept of", 681, 334, 964, 362),
    ("simple", 682, 359, 741, 385),
    ("linear", 778, 359, 830, 384),
    ("regression", 869, 361, 962, 383),
    ("parameters", 680, 382, 781, 409),
    ("estimated using", 804, 382, 963, 409),
    ("ordinary", 681, 405, 755, 430),
    ("least", 798, 406, 843, 429),
    ("squares.", 889, 406, 963, 431),
    ("Repeated", 684, 427, 762, 454),
    ("elements can be", 785, 427, 962, 454),
    ("specified one", 681, 453, 798, 474),
    ("at a time or with", 807, 453, 959, 474),
    ("the optional", 681, 476, 788, 497),
    ("counts parameter.", 799, 476, 962, 497),
    ("It defaults", 681, 497, 783, 521),
    ("to False, which", 803, 497, 958, 521),
    ("means that", 684, 520, 781, 544),
    ("spaces immediately", 788, 520, 958, 544),
    ("following a", 680, 543, 778, 567),
    ("delimiter is part of", 789, 543, 964, 567),
    ("the following field. Implements", 682, 566, 963, 591),
    ("a bounded semaphore. An", 684, 590, 959, 614),
    ("IPv4Address or iPv6Address", 680, 611, 963, 638),
    ("object.", 680, 632, 745, 664),
]

THREE_NARROW_COLUMNS_READ = [
    "The Dest Herald",
    "Friday, March 7, 2026",
    "Price 3 dollars",
    "Holds the mapping of arguments",
    "By Certfile Pem, Staff Writer",
    "Entries which cannot be",
    "determined are set to the",
    "parameter values which default",
    'to ". Help message formatter',
    "which adds default values to",
    "argument help. Loops through",
    "the",
    "addresses,",
    "collapsing",
    "concurrent netblocks. Read from",
    "and write to tar format archives.",
    "Higher compression levels are",
    "slower, but produce smaller",
    "results.",
    "A",
    "Semaphore",
    "implementation. The base",
    "handler class. These two make",
    "it possible to view the heap as a",
    "regular Python list without",
    "surprises: The parent is derived",
    "from the name.",
    "keyfile and certfile are also",
    "optional - they can contain a",
    "PEM formatted private key and",
    "certificate chain file for the SSL",
    "connection. Describe the usual",
    "properties of Unix-generated",
    "CSV files. Converting a UUID to",
    "a string with str() yields",
    "something in the form",
    "12345678-1234-1234-1234-",
    "123456789abc'. The acquire()",
    "method blocks if necessary until",
    "it can return without making the",
    "counter negative. Helper to",
    "reindent a multi-line statement.",
    "The output format is usable as",
    "part of a filename.",
    "It can be used for averaging",
    "ratios or rates, for example",
    "speeds. Construct anew",
    "Decimal",
    "object. Logging",
    "package for Python. A reentrant",
    "lock must be released by the",
    "thread that acquired it. Return",
    "the slope and intercept of",
    "simple linear",
    "regression",
    "parameters estimated using",
    "ordinary",
    "least",
    "squares.",
    "Repeated elements can be",
    "specified one at a time or with",
    "the optional counts parameter.",
    "It defaults to False, which",
    "means that spaces immediately",
    "following a delimiter is part of",
    "the following field. Implements",
    "a bounded semaphore. An",
    "IPv4Address or iPv6Address",
    "object.",
]

#: photo019: a photo of a page at an angle: a tall title over two columns, the right column's first line, a little
#: higher than the left's, its top a few pixels into the title's box.
RIGHT_COLUMN_STARTING_HIGHER: list[Box] = [
    ("Return operation system identification from freedesktop.org", 106, 84, 878, 134),
    ("total number of expected bytes (or None if unknown) It is", 107, 148, 530, 180),
    ("used instead of a regular file object for streaming access.", 107, 169, 529, 200),
    ("If not None, after a command-line argument has been", 106, 190, 502, 217),
    ("converted to the appropriate type, an exception will be", 108, 207, 511, 238),
    ("raised if it is not a member of this collection. Child watcher", 108, 228, 540, 255),
    ("implementation using Linux's pid file descriptors. For", 104, 247, 496, 277),
    ("example, the hypotenuse of a 3/4/5 right triangle is: - type", 107, 267, 540, 295),
    ("- A callable that accepts a single string argument, and", 107, 288, 512, 312),
    ("returns the converted value. Explicit is better than implicit.", 107, 305, 542, 333),
    ("unittest.main() Further information is available in the", 109, 326, 496, 351),
    ("bundled documentation, and from", 108, 347, 355, 370),
    ("http://docs.python.org/library/unittest.html Copyright (c)", 108, 364, 525, 390),
    ("1999-2003 Steve Purcell Copyright (c) 2003-2010 Python", 108, 383, 529, 408),
    ("Software Foundation This module is free software, and you", 107, 404, 541, 428),
    ("may redistribute it and/or modify it under the same terms", 111, 424, 535, 445),
    ("as Python itself, so long as this copyright message and", 108, 443, 513, 465),
    ("disclaimer are retained in their original form. user and", 109, 461, 508, 485),
    ("group can be the uid/gid or the user/group names, and in", 108, 481, 530, 505),
    ("that case, they are converted to their respective uid/gid.", 108, 499, 524, 527),
    ("IPv4Address('192.0.2.32') .netmask: If 'globals' is", 109, 518, 468, 544),
    ("specified, the code will be executed within that", 109, 537, 455, 563),
    ("namespace (as opposed to inside timeit's namespace).", 108, 556, 513, 584),
    ("abstractmethod() may be used to declare abstract", 108, 575, 480, 603),
    ("methods for properties and descriptors. optionally", 113, 593, 476, 622),
    ("initialized with a string. Formatter for generating usage", 106, 612, 515, 642),
    ("messages and argument help strings. Set to false value to", 109, 633, 537, 661),
    ("disable default value expansion. Create a temp file based", 109, 652, 532, 681),
    ("on path and open for reading and writing. They provide a", 110, 671, 530, 701),
    ("way for an extension module to export a C interface to", 571, 124, 997, 157),
    ("other extension modules, so that extension modules can", 568, 146, 1013, 177),
    ("use the Python import mechanism to link to one another.", 569, 165, 1013, 197),
    ("Raised if an ambiguous option is seen on the command", 568, 185, 1002, 216),
    ("line. Also complies with RFC 4231.", 564, 208, 835, 235),
    ("Figure 2: Collapse and truncate the given text to fit in the given", 570, 520, 1015, 549),
    ("width.", 569, 539, 616, 563),
    ("string metavar : Usually user implements protocols that", 570, 572, 1006, 600),
    ("derived from BaseProtocol like Protocol or ProcessProtocol.", 570, 591, 1027, 621),
    ("All recipient addresses refused. This returns an instance of", 571, 611, 1028, 641),
    ("a class with the following public methods: Each iteration", 570, 632, 1010, 660),
    ("returns a row of the CSV file (which can span multiple", 569, 652, 989, 682),
    ("input lines). Class HtmlDiff: The destination may be a", 570, 672, 986, 702),
    ("directory.", 568, 690, 646, 717),
]


def test_two_figures_side_by_side_each_with_its_caption_are_read_column_by_column() -> None:
    """The figures stand at one height, so both columns are empty from one height to another, as under a figure as
    wide as the page; but each column's caption stands under its own figure, level with the other's, apart from the
    text under it. The page was read in two bands across both columns."""
    assert_read_in_order(FIGURES_SIDE_BY_SIDE)


def test_narrow_justified_columns_cut_at_their_word_spaces_are_columns_not_a_table() -> None:
    """The cut rows made a median of three words a line, and the page was read as a table, row by row across the three
    columns (two gutters of 1.5 line heights, a row's pieces joined across them)."""
    for seed in range(3):
        assert texts(page(THREE_NARROW_COLUMNS), seed) == THREE_NARROW_COLUMNS_READ


def test_a_column_s_first_line_reaching_into_the_title_s_box_is_the_column_s() -> None:
    """The right column's first line, its centre under the title's bottom, was read over the columns, after the
    title and before the left column."""
    assert_read_in_order(RIGHT_COLUMN_STARTING_HIGHER)


#: photo012 of an eighth draw (papers seed 83, front pages 89, photographed at an angle), made after the rules above:
#: a title over two columns of four rows, a figure under them; at the page's top, far from the camera, the lines'
#: boxes stand taller than their rows are apart.
FOUR_ROWS_IN_UNDER_THREE_LINE_HEIGHTS: list[Box] = [
    ("Entries which cannot be determined are set to", -383, -243, 162, -213),
    ("A tuple containing the first and last IP addresses in the", -386, -193, -1, -169),
    ("sequence. Possibilities that don't score at least that", -387, -175, -23, -151),
    ("similar to word are ignored. XXX references to utf-8 need", -388, -159, 16, -134),
    ("further investigation. The default protocol is 4. Since an", -385, -143, 5, -118),
    ("application can have any number of areas, logging", 56, -207, 418, -181),
    ("channels are identified by a unique string. A LogRecord", 56, -188, 450, -165),
    ("instance represents an event being logged. def", 57, -170, 393, -147),
    ("testAdd(self):", 57, -155, 154, -131),
    ("Figure 15: multimode List of modes (most common values of data).", -387, 105, 38, 126),
    ("Exception for empty headers. Equivalent to:", -385, 144, -78, 166),
    ("IPv4Address('192.0.2.32') .netmask: When filename is set,", -387, 161, 24, 184),
    ("origin will match. The return value is a pair (fd, name)", -387, 180, -8, 202),
    ("where fd is the file descriptor returned by os.open, and", -383, 196, -4, 219),
    ("name is the filename. 'buffering' -- the buffer size", 57, 133, 408, 156),
    ("argument to io.open (default -1). Functions", 59, 151, 363, 171),
    ("pformat() Format a Pythonobject into a pretty-printed", 56, 169, 440, 191),
    ("representation.", 55, 186, 166, 206),
]


def test_two_columns_of_four_rows_whose_boxes_overlap_are_columns() -> None:
    """The columns stand beside each other over 2.7 line heights (the median box's height), under the three a column
    ending above the other needs, but over four rows: they were read row by row across both."""
    assert_read_in_order(FOUR_ROWS_IN_UNDER_THREE_LINE_HEIGHTS)


#: paper014 of an eleventh draw (papers seed 113, front pages 127), read before any rule was chosen on it: a title
#: over two columns of two and three rows, a figure as wide as the page under them, its caption under it on the left,
#: then two more columns.
COLUMNS_OF_TWO_ROWS_OVER_A_FIGURE: list[Box] = [
    ("Returns a single week in a string (no", 42, 40, 406, 67),
    ("A pathlib-compatible interface for zip files. A test case that wraps a test", 42, 96, 487, 114),
    ("function. str The name of the parameter as a string. Unified diffs are a", 38, 112, 488, 134),
    ("compact way of showing line changes and a few lines of context.", 514, 82, 961, 100),
    ("median Median (middle value) of data. Acts as a placeholder which", 516, 101, 958, 119),
    ("defines the Handler interface. Sendfile syscall is not available.", 513, 118, 898, 138),
    ("Figure 15: Execution time of this setup statement is NOT timed.", 41, 447, 393, 462),
    ("- an iterable yielding integers in range(256) - a text string encoded using", 38, 489, 487, 511),
    ("the specified encoding - any object implementing the buffer API. Return", 39, 510, 484, 528),
    ("a matrix representing a month's calendar. Find the n largest elements in", 39, 529, 488, 547),
    ("a dataset. An iterator of IPv4Network or IPv6Network objects.", 39, 548, 487, 566),
    ("Convenience function to create Timer object and call timeit method. The", 517, 474, 958, 496),
    ("returned checksum is an integer. Encode a file; None or no argument", 513, 496, 962, 514),
    ("seeds from current time or from an operating system specific", 514, 514, 963, 535),
    ("randomness source if available. Variant of Queue that retrieves most", 513, 534, 962, 552),
    ("recently added entries first.", 513, 552, 682, 570),
]


def test_two_rows_of_prose_a_gutter_apart_are_two_columns_first_rows_not_a_caption_with_a_wide_space() -> None:
    """Two rows each side, level with each other: taken for a caption with a wide space (a table), the rows were
    read across both columns."""
    assert_read_in_order(COLUMNS_OF_TWO_ROWS_OVER_A_FIGURE)


#: paper020 of the eleventh draw: a title, two columns, a figure as wide as the page with a one-line caption on the
#: left under it, two more columns; the figure leaves 38% of the columns' height empty.
COLUMNS_OVER_AND_UNDER_A_FIGURE_ACROSS: list[Box] = [
    ("If 'globals' is specified, the code will be", 40, 41, 409, 65),
    ("these may be used in calls to the setsockopt() and getsockopt() methods.", 40, 100, 463, 118),
    ("Marker object for Signature.empty and Parameter.empty. The following", 42, 121, 465, 139),
    ("methods are used by IPv6 objects in both single IP addresses and networks.", 41, 140, 483, 157),
    ("The module supports three basic APIs: Represent and manipulate single", 40, 161, 461, 179),
    ("IPv6 Addresses. getnchannels() -- returns number of audio channels (1 for", 39, 181, 477, 199),
    ("mono, 2 for stereo) getsampwidth() -- returns sample width in bytes", 41, 204, 438, 218),
    ("getframerate() -- returns sampling frequency getnframes() -- returns", 40, 222, 441, 240),
    ("number of audio frames getcomptype() -- returns compression type", 39, 243, 438, 261),
    ("('NONE' for linear samples) getcompname() -- returns human-readable", 39, 263, 458, 280),
    ("version of compression type ('not compressed' linear samples) getparams()", 40, 282, 479, 300),
    ("-- returns a namedtuple consisting of all of the above in the above order", 38, 301, 461, 323),
    ("getmarkers() -- returns None (for compatibility with the aifc module)", 514, 84, 922, 103),
    ("getmark(id) -- raises an error since the mark does not exist (for", 514, 106, 886, 124),
    ("compatibility with the aifc module) readframes(n) -- returns at most n", 515, 126, 924, 144),
    ("frames of audio rewind() -- rewind to the beginning of the audio stream", 515, 146, 934, 163),
    ("setpos(pos) -- seek to the specified position tell() -- return the current", 514, 166, 923, 184),
    ("position close() -- close the instance (make it unusable) The position", 515, 187, 917, 205),
    ("returned by tell() and the position given to setpos() are compatible and have", 515, 208, 960, 225),
    ("nothing to do with the actual position in the file. If a user of the library", 515, 227, 931, 245),
    ("does not configure logging, the one-off warning might be produced;", 514, 245, 914, 267),
    ("Arguments may be integers or floats, and may be positive or negative. The", 517, 269, 949, 286),
    ("argument must be an iterable if specified.", 514, 288, 758, 306),
    ("Figure 21: The only supported seed types are None, int, float, str, bytes, and", 39, 555, 439, 573),
    ("Return a bytes object containing random bytes suitable for cryptographic", 42, 603, 466, 621),
    ("use. By default, one argument will be consumed and a single value will be", 39, 621, 473, 640),
    ("produced. tuple Tuple of positional arguments values. Metaclass for", 39, 642, 440, 660),
    ("defining Abstract Base Classes (ABCs). This is necessary to compare files", 41, 665, 475, 680),
    ("with unknown or inconsistent encoding. Square root of n/m as a float,", 515, 587, 924, 605),
    ("correctly rounded. IPv4Address('192.0.2.32') .netmask: Transforms a", 515, 607, 924, 625),
    ("function into a generic function, which can have different behaviours", 514, 629, 919, 643),
    ("depending upon the type of its first argument. - prog -- The name of the", 515, 647, 938, 668),
    ("program (default:", 514, 665, 621, 689),
]


def test_columns_over_and_under_a_figure_as_wide_as_the_page_are_read_band_by_band() -> None:
    """Both columns empty from one height to another, a short caption under the figure on the left only, no line
    across the gutter: the page was read as two columns top to bottom, the rows under the figure before the right
    column's rows above it."""
    assert_read_in_order(COLUMNS_OVER_AND_UNDER_A_FIGURE_ACROSS)


#: front018 of a ninth draw (papers seed 97, front pages 101): a magazine opener's section label and headline, and its
#: summary across the page in two rows, each cut by the detector at one word space 7 pixels wide.
SUMMARY_CUT_AT_A_WORD_SPACE: list[Box] = [
    ("EITHER", 40, 36, 102, 56),
    ("Const the value to be produced if", 46, 73, 496, 103),
    ("If a count is set to zero or reduced to zero,", 40, 134, 385, 156),
    ("it will remain in the counter until the entry is deleted or the counter is", 392, 134, 962, 156),
    ("cleared: Close file f, ensuring all changes are", 41, 160, 388, 181),
    ("physically on disk.", 392, 160, 536, 181),
]


def test_two_rows_of_prose_cut_at_one_word_space_are_read_row_by_row() -> None:
    """Two rows of prose each side of a gap, as over the figure above, but the gap a word space (a third of a line
    height): they are two rows of one paragraph, read across."""
    boxes = SUMMARY_CUT_AT_A_WORD_SPACE
    read = [boxes[0][0], boxes[1][0], f"{boxes[2][0]} {boxes[3][0]}", f"{boxes[4][0]} {boxes[5][0]}"]
    for seed in range(3):
        assert texts(page(boxes), seed) == read
