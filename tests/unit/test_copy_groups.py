"""The grouping of found pairs of copies (:mod:`opensight._copy_groups`): copies of one picture stay together when a
few pairs chain them to another picture's copies, and copies of several look-alikes that pair with each other do not."""

from __future__ import annotations

import itertools

import numpy as np

from opensight._copy_groups import chained, communities


def _clique(members: range) -> list[tuple[int, int]]:
    return list(itertools.combinations(members, 2))


def test_two_pictures_copies_bridged_by_the_same_big_text_are_kept_apart() -> None:
    """Two groups of 8 copies each (an original and its copies: all pairs found, the first 5 of each near-exact) and one
    near-exact pair between them (the same big text over both): the chain is cut there, each group keeps its pairs."""
    pairs = np.array(sorted([*_clique(range(8)), *_clique(range(8, 16)), (7, 15)]))
    near_exact = np.array([(i < 5 and j < 5) or (8 <= i < 13 and 8 <= j < 13) or (i, j) == (7, 15) for i, j in pairs])
    loose = chained(16, pairs)
    assert loose.all()  # 57 of 120 pairs: too few for one group of copies
    inside, cut = communities(16, pairs, loose, near_exact)
    assert pairs[cut].tolist() == [[7, 15]]
    assert inside.sum() == len(pairs) - 1


def test_copies_of_look_alikes_that_pair_with_each_other_are_not_one_community() -> None:
    """Four look-alike items with 6 copies each: their copies pair with each other's in 80% of the pairs, but each
    item's near-exact copies make a core of their own (a quarter of the pictures): no community."""
    rng = np.random.default_rng(0)
    items = [range(start, start + 6) for start in range(0, 24, 6)]
    own = [pair for item in items for pair in _clique(item)]
    across = [(i, j) for a, b in itertools.combinations(items, 2) for i in a for j in b if rng.random() < 0.8]
    pairs = np.array(sorted(own + across))
    near_exact = np.array([(i // 6 == j // 6) for i, j in pairs])
    inside, cut = communities(24, pairs, np.ones(len(pairs), dtype=bool), near_exact)  # as if chained
    assert not inside.any()
    assert not cut.any()
