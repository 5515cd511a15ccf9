"""The verification's fast parts against plain references: the bitset bound, the small-table search, furniture."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup import arrays
from dedup.arrays import in_sorted
from dedup.index import shingle_sets
from dedup.index.boilerplate import site_furniture
from dedup.index.shingle_sets import ShingleSets, may_reach
from dedup.index.verify import true_overlap


def _sets(arrays_: list[np.ndarray]) -> ShingleSets:
    rows = np.arange(len(arrays_), dtype=np.int64) * 3  # row ids need not be 0..n-1
    return ShingleSets.of(rows, {int(r): a for r, a in zip(rows, arrays_, strict=True)})


def _family(rng: np.random.Generator, n: int, size: int) -> list[np.ndarray]:
    """Sets drawn from one shared pool (so they overlap by chance and by design) and strangers."""
    pool = rng.integers(0, 1 << 32, size=4 * size, dtype=np.uint64).astype(np.uint32)
    out = []
    for k in range(n):
        own = rng.integers(0, 1 << 32, size=int(rng.integers(0, size)), dtype=np.uint64).astype(np.uint32)
        shared = rng.choice(pool, size=int(rng.integers(0, size)), replace=False) if k % 4 else pool[:0]
        out.append(np.unique(np.concatenate((own, shared))))
    return out


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), size=st.sampled_from([3, 40, 600]), threshold=st.sampled_from([0.0, 0.15, 0.5]))
def test_the_bound_never_drops_a_pair_that_passes(seed, size, threshold):
    rng = np.random.default_rng(seed)
    sets = _family(rng, 12, size)
    every = np.array([[i, j] for i in range(12) for j in range(i + 1, 12)]) * 3
    kept = may_reach(every, _sets(sets), threshold)
    for (i, j), keep in zip(every.tolist(), kept.tolist(), strict=True):
        if true_overlap(sets[i // 3], sets[j // 3]).containment >= threshold:
            assert keep, (i, j)


def test_the_bound_drops_strangers():
    rng = np.random.default_rng(3)
    sets = [np.unique(rng.integers(0, 1 << 32, size=500, dtype=np.uint64).astype(np.uint32)) for _ in range(20)]
    sets[1] = np.unique(np.concatenate((sets[0][:300], sets[1][:200])))  # 60 % of it inside set 0
    every = np.array([[i, j] for i in range(20) for j in range(i + 1, 20)]) * 3
    kept = may_reach(every, _sets(sets), 0.15)
    assert kept[0]  # (0, 1)
    assert kept.sum() <= 5  # of 190 pairs: strangers share nothing


def test_the_bound_counts_hashes_that_share_a_bit():
    """Hashes of one set that fall on the same bit are counted back (all of them share one here)."""
    rng = np.random.default_rng(8)
    x = rng.choice(1 << 28, size=100, replace=False).astype(np.uint32) * np.uint32(16)
    a = np.unique(np.concatenate((x, x + 1)))  # x and x + 1 fall on the same bit
    own = rng.integers(0, 1 << 32, size=60, dtype=np.uint64).astype(np.uint32)
    b = np.unique(np.concatenate((x[:30], x[:30] + 1, own)))
    assert true_overlap(a, b).containment == 0.5
    assert may_reach(np.array([[0, 3]]), _sets([a, b]), 0.5).tolist() == [True]


def test_popcount_without_numpy_bitwise_count(monkeypatch):
    words = np.random.default_rng(1).integers(0, 1 << 63, size=(7, 9), dtype=np.uint64)
    fast = shingle_sets._popcount_rows(words)
    monkeypatch.setattr(shingle_sets, "_HAS_BITWISE_COUNT", False)
    assert shingle_sets._popcount_rows(words).tolist() == fast.tolist()
    assert fast.tolist() == [sum(bin(int(w)).count("1") for w in row) for row in words]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.sampled_from([1 << 14, 50_000]), k=st.sampled_from([1, 17, 300]))
def test_small_table_search_equals_binary_search(seed, n, k):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 1 << 32, size=n, dtype=np.uint64).astype(np.uint32)
    table = np.unique(np.concatenate((rng.choice(values, k), rng.integers(0, 1 << 32, size=k, dtype=np.uint64)
                                      .astype(np.uint32))))
    expected = np.isin(values, table)
    assert in_sorted(values, table).tolist() == expected.tolist()
    assert arrays._in_small(values, table).tolist() == expected.tolist()


def test_without_drops_hashes_and_keeps_rows():
    sets = _sets([np.array([1, 5, 9], np.uint32), np.array([], np.uint32), np.array([5, 7], np.uint32)])
    less = sets.without(np.array([5], np.uint32))
    assert {r: a.tolist() for r, a in less.mapping().items()} == {0: [1, 9], 3: [], 6: [7]}
    assert sets.without(np.empty(0, np.uint32)) is sets


def _plain_furniture(hashes: list[np.ndarray], outlets: list[str | None], min_articles: int, share: float) -> list[int]:
    everywhere: dict[int, int] = {}
    per_outlet: dict[tuple[str, int], int] = {}
    for h, outlet in zip(hashes, outlets, strict=True):
        for x in h.tolist():
            everywhere[x] = everywhere.get(x, 0) + 1
            if outlet:
                per_outlet[outlet, x] = per_outlet.get((outlet, x), 0) + 1
    return sorted({x for (_, x), n in per_outlet.items() if n >= min_articles and n >= share * everywhere[x]})


@pytest.mark.parametrize("seed", range(6))
def test_site_furniture_equals_counting_by_hand(seed):
    rng = np.random.default_rng(seed)
    plea = rng.integers(0, 1 << 32, size=30, dtype=np.uint64).astype(np.uint32)  # one site's newsletter plea
    wire = rng.integers(0, 1 << 32, size=30, dtype=np.uint64).astype(np.uint32)  # a story every site ran
    hashes, outlets = [], []
    for k in range(60):
        outlet = [None, "a.com", "b.com", "c.com"][k % 4]
        h = rng.integers(0, 1 << 32, size=int(rng.integers(0, 200)), dtype=np.uint64).astype(np.uint32)
        parts = [h, plea[: int(rng.integers(10, 30))] if outlet == "a.com" and k % 3 else plea[:0]]
        if k % 5 == 0:
            parts.append(wire)
        hashes.append(np.unique(np.concatenate(parts)))
        outlets.append(outlet)
    found = site_furniture(_sets(hashes), outlets, min_articles=5, share=0.9)
    assert found.dtype == np.uint32
    assert found.tolist() == _plain_furniture(hashes, outlets, 5, 0.9)
    assert set(found.tolist()) & set(plea.tolist()) and not set(found.tolist()) & set(wire.tolist())
