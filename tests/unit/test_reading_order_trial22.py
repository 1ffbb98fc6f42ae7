"""Reading order on the detector boxes of pages a new user's twenty-second trial read out of order (its own generator,
nothing chosen on it before it ran; no model; boxes in the text's frame)."""

from __future__ import annotations

from tests.unit.test_reading_order import texts
from tests.unit.test_reading_order_pages import Box, page

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
    for seed in range(3):
        assert texts(page(MINUTES), seed) == [box[0] for box in MINUTES]
