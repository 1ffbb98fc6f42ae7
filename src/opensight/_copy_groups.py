"""Which found pairs of copies make groups: copies of one picture are copies of each other, and look-alike products
that pass the checks a few pairs at a time, joining in a chain, are pulled apart again (used by
:func:`opensight._copies.copy_pairs`).
"""

from __future__ import annotations

import numpy as np

#: Copies of one picture are copies of each other: in a group of copies, most of its pairs are found. Look-alike
#: products pass the checks a few pairs at a time and join in a chain (2,000 Fashion-MNIST items: one group of 1,611,
#: with 3% of its pairs found). A group of three or more with fewer than this share of its pairs found keeps only its
#: near-exact pairs (``opensight._copies.NEAR_EXACT``) and its pairs with big text across one copy (as strict),
#: unless one member is paired with all the others (an original and crops of different parts of it, which are not
#: copies of each other). On the copies benchmark, groups of copies of one photo had 0.76 or more of their pairs;
#: groups joining two photos 0.55-0.67, chained look-alikes 0.03-0.46.
DENSE = 0.6
#: In a chain of look-alikes, a copy that is not near-exact (cropped, turned, captioned) joins the near-exact copies
#: of one picture (its *core*, :func:`joined`) when it pairs with this share of them …
JOIN_SHARE = 0.8
#: … and this many times its share of any other core's: on the Fashion-MNIST look-alikes, copies of one T-shirt that
#: also paired with a look-alike T-shirt's copies joined the wrong one at 1×, and at a share of 0.6 …
JOIN_MARGIN = 2.0
#: … and only a core of this many pictures gathers looser copies: a look-alike product pairs with an item and its
#: one re-saved copy as readily as a cropped copy does (the Fashion-MNIST catalogue: every such join was wrong).
CORE = 3
#: In a chain, two pictures that share this share of their pairs (the pictures each pairs with, itself included:
#: common over all) are in one *community* …
SHARED = 0.5
#: … and a community of this many pictures or more …
COMMUNITY = 5
#: … with this share of its pairs found …
COMMUNITY_DENSE = 0.7
#: … whose near-exact pairs join this share of its pictures into one core is the group of copies of one picture: its
#: pairs are kept, and the pairs that leave it are cut (:func:`communities`). The GNOME wallpapers: a pattern's two
#: halves and the same big text over them, or a nearly flat design and the same big text over another, chained the
#: copies of two pictures together, which then kept only their near-exact pairs (recall 0.780), and the big text
#: joined them (precision 0.962): now 0.857 and 0.997. There, and in the tuxtype photos, the Fashion-MNIST look-alikes
#: and catalogue, the communities of one picture's copies had 0.75 or more of their pairs and a core of 0.53 or more;
#: those mixing look-alikes (copies of 2-5 items that pair with each other as much) 0.6-0.87 and 0.23-0.48.
CORE_SHARE = 0.5


def chained(count: int, pairs: np.ndarray) -> np.ndarray:
    """Whether each pair's group (the pictures the pairs connect, of ``count``; pairs unique, i < j) has three or
    more members, fewer than :data:`DENSE` of their pairs among ``pairs`` and no member paired with all the others
    (an original and crops of different parts of it): look-alikes chained together."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    groups, label, size = components(count, pairs)
    paired = np.bincount(label[pairs[:, 0]], minlength=groups)
    most = np.zeros(groups, dtype=np.int64)
    np.maximum.at(most, label, np.bincount(pairs.reshape(-1), minlength=count))  # the most pairs of one member
    chained = (size >= 3) & (paired < DENSE * size * (size - 1) / 2) & (most < size - 1)
    return np.asarray(chained[label[pairs[:, 0]]])


def joined(count: int, pairs: np.ndarray, loose: np.ndarray, near_exact: np.ndarray) -> np.ndarray:
    """Which ``loose`` pairs to keep after all. In a chain of look-alikes, the near-exact copies of one picture make
    its *core* (:data:`CORE` pictures or more). A copy that is cropped or turned is rarely near-exact, but it pairs
    with most of its own picture's core and few of a look-alike's: a picture in no core joins the core it pairs with
    most (:data:`JOIN_SHARE` of its members, :data:`JOIN_MARGIN` times its share of any other). The pairs inside a
    core and the pictures that joined it are kept, unless more pictures joined it than it has or they have fewer than
    :data:`DENSE` of their pairs (look-alikes clustered around one picture and its re-saved copy)."""
    keep = np.zeros(len(pairs), dtype=bool)
    cores = pairs[loose & near_exact]
    if not len(cores):
        return keep
    groups, label, size = components(count, cores)
    core = np.where(size[label] >= CORE, label, -1)
    ends = pairs[loose]
    links = np.concatenate([ends, ends[:, ::-1]])  # (picture, paired with), both ways
    links = links[(core[links[:, 0]] < 0) & (core[links[:, 1]] >= 0)]
    keys, counts = np.unique(links[:, 0] * groups + core[links[:, 1]], return_counts=True)
    picture, share = keys // groups, counts / size[keys % groups]
    order = np.lexsort((-share, picture))  # by picture, its best core first
    picture, share, best = picture[order], share[order], (keys % groups)[order]
    first = np.r_[True, picture[1:] != picture[:-1]]
    second = np.zeros(len(picture))
    runner_up = np.flatnonzero(~first[1:] & first[:-1])  # a picture's best core followed by its second best
    second[runner_up] = share[runner_up + 1]
    joins = first & (share >= JOIN_SHARE) & (second * JOIN_MARGIN < share)
    home = core.copy()
    home[picture[joins]] = best[joins]

    def at_home() -> np.ndarray:  # which loose pairs have both pictures in one core (or joined to it)
        return np.asarray((home[ends[:, 0]] >= 0) & (home[ends[:, 0]] == home[ends[:, 1]]))

    members = np.bincount(home[home >= 0], minlength=groups)
    found = np.bincount(home[ends[at_home(), 0]], minlength=groups)
    sparse = found < DENSE * members * (members - 1) / 2  # joined by look-alikes that are not copies of each other
    crowded = members > 2 * size  # more joined it than it has: look-alikes around a picture and one copy of it
    joined = np.zeros(count, dtype=bool)
    joined[picture[joins]] = True
    home[joined & (sparse | crowded)[np.maximum(home, 0)]] = -1
    keep[loose] = at_home()
    return keep


def communities(
    count: int, pairs: np.ndarray, loose: np.ndarray, near_exact: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which ``loose`` pairs (look-alikes chained together: :func:`chained`) are inside a community — the copies of one
    picture, most of them paired with each other, that the chain links to others by a few pairs — and which leave
    one (cut, near-exact or not: the same big text over two pictures, a crop paired with a look-alike's copies).
    Two pictures are in one community when they share :data:`SHARED` of the pictures they pair with; a community
    counts when it has :data:`COMMUNITY` pictures or more, :data:`COMMUNITY_DENSE` of its pairs, and one core: its
    ``near_exact`` pairs join :data:`CORE_SHARE` of its pictures into one group (copies of several look-alikes pair
    with each other as much, but each look-alike's near-exact copies make a core of their own)."""
    inside, cut = np.zeros(len(pairs), dtype=bool), np.zeros(len(pairs), dtype=bool)
    if not loose.any():
        return inside, cut
    from scipy.sparse import coo_matrix, identity

    chain = pairs[loose]
    graph = coo_matrix((np.ones(len(chain)), (chain[:, 0], chain[:, 1])), shape=(count, count))
    linked = (graph + graph.T + identity(count)).tocsr()  # each picture paired with itself too
    common = np.asarray(linked[chain[:, 0]].multiply(linked[chain[:, 1]]).sum(axis=1)).ravel()
    degree = np.asarray(linked.sum(axis=1)).ravel()
    shared = common / (degree[chain[:, 0]] + degree[chain[:, 1]] - common)
    close = chain[shared >= SHARED]
    groups, label, size = components(count, close)
    found = np.bincount(label[close[:, 0]], minlength=groups)
    dense = (size >= COMMUNITY) & (found >= COMMUNITY_DENSE * size * (size - 1) / 2)
    first, second = label[chain[:, 0]], label[chain[:, 1]]
    exact = chain[near_exact[loose] & (first == second)]  # near-exact pairs inside one community
    _, core_label, core_size = components(count, exact)
    biggest = np.zeros(groups, dtype=np.int64)
    np.maximum.at(biggest, label, core_size[core_label])
    dense &= biggest >= CORE_SHARE * size
    inside[loose] = (first == second) & dense[first]
    cut[loose] = (first != second) & (dense[first] | dense[second])
    return inside, cut


def components(count: int, pairs: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """The groups the ``pairs`` connect among ``count`` pictures: how many, each picture's group, each group's size."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    groups, label = connected_components(graph, directed=False)
    return int(groups), label, np.bincount(label, minlength=groups)


__all__ = [
    "COMMUNITY",
    "COMMUNITY_DENSE",
    "CORE",
    "CORE_SHARE",
    "DENSE",
    "JOIN_MARGIN",
    "JOIN_SHARE",
    "SHARED",
    "chained",
    "communities",
    "components",
    "joined",
]
