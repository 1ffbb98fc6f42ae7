"""Reading order on the detector boxes of whole pages the seventeenth to twenty-first new users' trials read out of
order: a forum thread, a flyer, a photo of two menus (the eighteenth); two inboxes and a week calendar (the
seventeenth); a chat (the twentieth); a product page (the twenty-first); and a justified paragraph of the read
benchmark (no model; boxes in the text's frame)."""

from __future__ import annotations

import itertools

import pytest

from tests.unit.test_reading_order import line, texts
from tests.unit.test_reading_order_pages import Box, assert_read_in_order, page

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
    assert_read_in_order(FORUM)


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
    assert_read_in_order(FLYER)


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
    assert_read_in_order(MENUS)


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
    assert_read_in_order(CHAT)


#: A product page (04_product_detail of the twenty-first trial, the boxes as the detector found them): a shop's name
#: and cart, a title, a price, four features, a button, then a table of specifications — each value a few pixels
#: right of the labels' column.
PRODUCT: list[Box] = [
    ("Annabelle Store", 23, 11, 166, 41),
    ("Cart (2)", 1058, 7, 1126, 46),
    ("Louse notifies shilling", 423, 77, 811, 130),
    ("$454.16", 423, 145, 530, 183),
    ("• Dandles conundrum bonuses likens litanies pomaded", 424, 191, 898, 221),
    ("• Curtseying podium naves nourishing economists", 424, 223, 864, 253),
    ("• Retrogress tagged guards mosses starved floppiness", 426, 253, 898, 283),
    ("• Stationed espresso cots", 425, 282, 650, 314),
    ("Add to cart", 434, 320, 538, 359),
    ("Specifications", 423, 392, 571, 428),
    ("Weight", 433, 437, 505, 479),
    ("6.5 kg", 556, 436, 621, 480),
    ("Colour", 435, 480, 503, 520),
    ("Ocean blue", 564, 480, 662, 521),
    ("Material", 440, 526, 517, 561),
    ("Grimed", 556, 523, 631, 565),
    ("Dimensions", 434, 571, 545, 605),
    ("24 x 45 cm", 561, 571, 650, 605),
    ("Warranty", 440, 613, 523, 652),
    ("1 years", 558, 610, 631, 655),
]


def test_a_table_of_specifications_its_values_close_to_the_labels_reads_each_label_with_its_value() -> None:
    """The values stand 0.3 line heights right of the labels' column, so the labels and the values were read as two
    columns: every label, then every value. Each label's value on its row, level within a quarter of a line height,
    some values figures (6.5 kg, 24 x 45 cm): a spec sheet, read row by row (a value close enough is joined to its
    label on one line)."""
    for seed in range(3):
        assert " ".join(texts(page(PRODUCT), seed)) == " ".join(box[0] for box in PRODUCT)


@pytest.mark.parametrize("degrees", [0, 4])
def test_a_justified_paragraph_cut_into_words_under_its_first_line_is_no_two_columns(degrees: float) -> None:
    """A justified paragraph of dictionary words in a monospace face (the read benchmark's dict020): its second and
    third rows, spread wide, were cut into words, and the words under each other on the left taken for a column
    beside the others — two rows under the paragraph's first line, which runs right over both."""
    words = [
        ("sportscaster linnets nonpayments", 67, 46, 486),
        ("thymuses", 68, 80, 121),
        ("guards", 274, 81, 100),
        ("shower", 455, 82, 94),
        ("Milagros", 72, 116, 117),
        ("illustrated", 228, 117, 170),
        ("untiring", 429, 118, 121),
        ("protect", 64, 152, 114),
    ]
    lines = [line(text, x, y, width, 34, degrees) for text, x, y, width in words]
    for seed in range(3):
        assert " ".join(texts(lines, seed)) == " ".join(text for text, *_ in words)


#: A mail client (inbox_1 of the seventeenth trial): a header row, a sidebar of folders, three with a count of
#: messages, and the list of mail beside it (subjects shortened), in reading order. The gap between the folders and
#: their counts was taken for the page's gutter (wider than the one between the counts and the list), and the counts
#: read with the list.
MAIL_CLIENT: list[Box] = [
    ("Webmail", 27, 13, 113, 44),
    ("Search mail", 163, 14, 248, 41),
    ("Argentina Goodwin", 1131, 16, 1260, 40),
    ("Compose", 36, 77, 104, 105),
    ("Inbox", 22, 124, 62, 154),
    ("6", 172, 127, 190, 149),
    ("Starred", 23, 156, 74, 184),
    ("Snoozed", 22, 188, 85, 214),
    ("Sent", 20, 217, 64, 247),
    ("Drafts", 19, 245, 70, 280),
    ("7", 172, 250, 193, 275),
    ("Spam", 21, 280, 61, 309),
    ("13", 171, 279, 192, 308),
    ("Trash", 21, 308, 66, 341),
    ("Buchwald Samuel", 228, 69, 351, 91),
    ("Orthodox Egotist - After checking out th", 440, 69, 810, 93),
    ("3:58 PM", 1182, 66, 1241, 95),
    ("Uruguay Bogart", 229, 113, 337, 141),
    ("Amplest Empirical Tulip Pixy Scuds - It", 439, 115, 880, 139),
    ("7:36 AM", 1181, 112, 1240, 141),
    ("Chumash Stark", 228, 161, 335, 185),
    ("Choral Utilitarian Friskily Functioning", 443, 161, 869, 185),
    ("2:08 AM", 1182, 159, 1239, 187),
    ("Aral Peary", 230, 205, 302, 234),
    ("Cudgel Outcry Rewiring Darkens - The cle", 440, 209, 903, 230),
    ("Jun 17", 1192, 204, 1244, 234),
    ("Mandy Tippecanoe", 233, 252, 369, 277),
    ("Bicycled Almond Rutted Cadets - The comm", 440, 253, 975, 277),
    ("May 16", 1191, 249, 1248, 281),
    ("Equuleus Fleischer", 233, 300, 373, 323),
    ("Obligate Filtered Kludged - When using Z", 443, 300, 961, 323),
    ("Apr 16", 1196, 297, 1245, 326),
    ("Lars Tasmania", 228, 345, 338, 370),
    ("Sappy Rehiring Imperils Forewoman Trashc", 439, 346, 983, 370),
    ("Aug 12", 1188, 341, 1244, 374),
    ("Earline Ladoga", 229, 388, 332, 418),
    ("Alpaca Shortcuts Dearth Century - Note t", 440, 391, 887, 415),
    ("Jan 19", 1198, 388, 1240, 417),
    ("October Tyler", 233, 436, 323, 463),
    ("Slicks Loan - What we do not want A sour", 439, 439, 759, 459),
    ("Mar 27", 1195, 433, 1243, 464),
    ("Myers Jenna", 233, 482, 317, 510),
    ("Unsalted Oilier Clowns Clamping Wove - R", 439, 483, 913, 507),
    ("Feb 24", 1196, 480, 1245, 509),
    ("Gable Billing", 229, 525, 326, 556),
    ("Absorbed Cohere Landline Belling Immoral", 442, 528, 961, 553),
    ("May 25", 1190, 524, 1247, 556),
    ("Allegheny News", 229, 574, 338, 601),
    ("Abrogations Misguided Switchback Louvers", 439, 575, 909, 598),
    ("Jun 16", 1193, 573, 1246, 601),
    ("Exodus Cologne", 229, 620, 342, 648),
    ("Goutiest Monastery Inexcusable - Dirmngr", 443, 620, 912, 647),
    ("Apr 16", 1194, 619, 1246, 649),
    ("Clay Escher", 229, 665, 319, 693),
    ("Slave Oncology Guzzling - Add support fo", 439, 667, 965, 691),
    ("Nov 19", 1193, 664, 1243, 693),
    ("Myanmar News", 232, 714, 335, 738),
    ("Punts Harpists Complicated - This does n", 439, 713, 901, 736),
    ("Apr 23", 1194, 711, 1244, 740),
]


def test_a_mail_sidebars_counts_stay_with_their_folders() -> None:
    assert_read_in_order(MAIL_CLIENT)


#: A week calendar (calendar_2 of the seventeenth trial): five days side by side, each a heading over its events (a
#: time over a title, some titles on two lines), in reading order. The longest day's last event, under the other
#: days' ends, was read last, as a footnote; it is spaced as the events above it are.
WEEK: list[Box] = [
    ("Week of May 11, 2025", 36, 19, 377, 59),
    ("Monday 11", 42, 88, 155, 122),
    ("11:15", 50, 126, 96, 156),
    ("Roses", 54, 144, 100, 174),
    ("17:00", 49, 187, 98, 216),
    ("Slog Nonplusses", 50, 203, 188, 237),
    ("Forgoing", 50, 225, 124, 254),
    ("Tuesday 12", 308, 89, 426, 120),
    ("11:30", 320, 126, 364, 155),
    ("Stalwart", 323, 144, 392, 173),
    ("12:00", 320, 187, 366, 217),
    ("Cameos", 322, 206, 391, 234),
    ("14:15", 320, 248, 366, 278),
    ("Inferno", 321, 267, 378, 293),
    ("17:00", 322, 309, 366, 338),
    ("Plungers Toiling", 318, 327, 447, 357),
    ("Rheostats Wacky", 319, 349, 460, 374),
    ("Wednesday 13", 583, 89, 727, 120),
    ("9:30", 588, 129, 625, 152),
    ("Catalpas Restless", 590, 146, 734, 171),
    ("10:30", 587, 187, 632, 216),
    ("Hamlet Clix", 590, 207, 683, 232),
    ("Impishness Prefects", 589, 227, 753, 251),
    ("14:30", 592, 270, 632, 293),
    ("Fighters Servitude", 590, 287, 737, 312),
    ("Secondaries", 592, 308, 691, 330),
    ("15:30", 592, 349, 632, 375),
    ("Loosed Loosens", 591, 366, 718, 391),
    ("Thursday 14", 850, 89, 973, 120),
    ("11:15", 856, 127, 901, 153),
    ("Agglomerate", 862, 146, 964, 171),
    ("Mediating Freestyles", 862, 164, 1025, 191),
    ("Daughter", 861, 183, 938, 211),
    ("15:30", 860, 228, 900, 251),
    ("Finagled Limier Sled", 858, 244, 1021, 271),
    ("Friday 15", 1114, 88, 1214, 122),
    ("10:15", 1130, 127, 1170, 153),
    ("Pocketknife", 1131, 144, 1220, 172),
    ("15:00", 1125, 187, 1174, 216),
    ("Abattoirs Cussing", 1129, 203, 1272, 237),
]


def test_a_week_calendars_longest_day_keeps_its_last_event() -> None:
    assert_read_in_order(WEEK)
