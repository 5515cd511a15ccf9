"""The scan's middle: all-pairs candidates, true-overlap verification, family batches, per-article cache."""

from __future__ import annotations

import numpy as np
import pytest
from test_scan import rewrite, story

from dedup.article_cache import ArticleCache
from dedup.compare import compare
from dedup.index.candidates import estimate_filter, exhaustive_candidates
from dedup.index.pair_reports import PairTask, affinity_batches
from dedup.index.scan import ScanOptions, load_corpus, scan
from dedup.index.verify import VerifyParams, true_overlap, verify_pairs
from dedup.model import Article


def _reference_pairs(sigs: np.ndarray, sizes: np.ndarray, share: float) -> list[list[int]]:
    """The estimate written out pair by pair, as the docstring states it."""
    out = []
    for i in range(len(sigs)):
        for j in range(i + 1, len(sigs)):
            if sizes[i] == 0 or sizes[j] == 0:
                continue
            jac = float((sigs[i] == sigs[j]).mean())
            inter = jac * (sizes[i] + sizes[j]) / (1 + jac)
            if inter >= share * min(sizes[i], sizes[j]) - 1e-9:
                out.append([i, j])
    return out


@pytest.mark.parametrize(("threads", "max_collisions"), [(1, 10**9), (1, None), (3, 0)])
def test_exhaustive_candidates_equal_the_pairwise_estimate(threads, max_collisions):
    """Counted from collisions, or by comparing every pair once they outnumber ``max_collisions``."""
    rng = np.random.default_rng(5)
    base = rng.integers(0, 1 << 32, size=(6, 128), dtype=np.uint64).astype(np.uint32)
    rows = []
    for n in range(90):  # groups of related signatures (shared prefixes of several lengths) and strangers
        sig = rng.integers(0, 1 << 32, size=128, dtype=np.uint64).astype(np.uint32)
        if n % 3:
            k = int(rng.integers(1, 128))
            sig[:k] = base[n % 6][:k]
        rows.append(sig)
    sigs = np.stack(rows)
    sizes = rng.integers(0, 3000, size=len(sigs))
    sizes[::17] = 0  # articles without words never pair
    found = exhaustive_candidates(sigs, sizes, 0.1, threads=threads, max_collisions=max_collisions).tolist()
    assert found == _reference_pairs(sigs, sizes, 0.1)
    assert found  # the groups do pair
    every = np.array([[i, j] for i in range(len(sigs)) for j in range(i + 1, len(sigs))])
    assert estimate_filter(every, sigs, sizes, 0.1).tolist() == found


def _article(path: str, text: str, date: str | None = None) -> Article:
    return Article(path, text, date=date)


def test_verified_pairs_point_from_the_earlier_story_to_the_later():
    source, copy, other = story(1), story(2), story(3)
    copied = rewrite(source, 9, rate=0.05)
    arts = [_article("late.txt", copied, "2024-03-02"), _article("early.txt", source, "2024-03-01"),
            _article("other.txt", other)]
    from dedup.index.shingle import shingle_hashes

    hashes = {i: shingle_hashes(a) for i, a in enumerate(arts)}
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    found = verify_pairs(pairs, arts, hashes, VerifyParams())
    assert [(d.source, d.copy) for d in found] == [(1, 0)]
    ov = found[0].overlap
    direct = true_overlap(hashes[1], hashes[0])
    assert (ov.a_in_b, ov.b_in_a) == (direct.a_in_b, direct.b_in_a)  # seen from the source
    assert copy  # the stranger story exists but shares nothing


def test_family_batches_keep_every_pair_once_and_shared_articles_together():
    arts = [_article(f"a{i}", f"text {i}") for i in range(40)]
    hub_pairs = [(0, i) for i in range(1, 15)]  # one wire story run by 14 outlets
    other = [(20 + i, 21 + i) for i in range(0, 12, 2)]  # six separate pairs
    tasks = [PairTask(s, c, arts[s], arts[c]) for s, c in other[:3] + hub_pairs + other[3:]]
    batches = affinity_batches(tasks, 5)
    flat = [t for b in batches for t in b]
    assert sorted((t.source_row, t.copy_row) for t in flat) == sorted(hub_pairs + other)
    assert all(len(b) <= 5 for b in batches)
    hub_positions = [n for n, t in enumerate(flat) if t.source_row == 0]
    assert hub_positions == list(range(hub_positions[0], hub_positions[0] + len(hub_pairs)))  # contiguous
    assert affinity_batches(tasks, 5) == batches  # repeatable


def test_a_batch_boundary_never_splits_a_family_that_fits():
    arts = [_article(f"a{i}", f"text {i}") for i in range(60)]
    singles = [(i, i + 1) for i in range(0, 8, 2)]  # four families of one pair
    triangle = [(10, 11), (10, 12), (11, 12)]
    hub = [(20, i) for i in range(21, 35)]  # 14 pairs: more than a batch
    tasks = [PairTask(s, c, arts[s], arts[c]) for s, c in singles + triangle + hub]
    for most in (None, 20):
        batches = affinity_batches(tasks, 5, most)
        assert sorted((t.source_row, t.copy_row) for b in batches for t in b) == sorted(singles + triangle + hub)
        homes = {}
        for n, b in enumerate(batches):
            for t in b:
                homes.setdefault(t.source_row if t.source_row in (10, 20) else t.copy_row, set()).add(n)
        assert len(homes[10]) == 1  # cutting every 5 pairs would put the triangle in two batches
        assert len(homes[20]) == (1 if most else 3)  # the big family: whole up to ``most``, else in fives
        assert all(len(b) <= 5 for b in batches if b[0].source_row != 20)


def test_article_cache_gives_what_the_stages_give_and_counts_hits(seed_paths):
    from dedup.ingest import read_article

    source, copy = read_article(seed_paths["source"]), read_article(seed_paths["copy"])
    cache = ArticleCache(8)
    first = compare(source, copy, spelling=False, cache=cache)
    again = compare(source, copy, spelling=False, cache=cache)
    assert first == again == compare(source, copy, spelling=False)
    assert cache.misses == 5 and cache.hits == 5  # sentences x2, quotes x2, voice: computed once
    tiny = ArticleCache(1)
    for art in (source, copy, source):
        tiny.sentences(art)
    assert tiny.misses == 2 and tiny.hits == 1


def test_scan_hashes_again_what_it_did_not_keep(tmp_path):
    """Shingles kept from signing and shingles hashed again at verification give the same pairs."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"s{i}.txt").write_text(story(i))
        (folder / f"c{i}.txt").write_text(rewrite(story(i), i))
    kept = scan([folder], None, options=ScanOptions(workers=1))
    none = scan([folder], None, options=ScanOptions(workers=1, keep_shingles=0))
    some = scan([folder], None, options=ScanOptions(workers=1, keep_shingles=1500))
    assert len(kept.pairs) == 6
    assert kept.pairs == none.pairs == some.pairs
    corpus = load_corpus([folder], ScanOptions(workers=1, keep_shingles=1500))
    assert 0 < sum(s is not None for s in corpus.shingles) < len(corpus.articles)


def test_reports_reach_the_disk_in_one_sync_before_the_index_links_them(tmp_path, monkeypatch):
    """Per-report fsyncs cost 4 ms of wall time each; one filesystem sync, then the index, keeps the order."""
    import dedup.atomic as atomic
    import dedup.index.scan as scan_mod

    if not atomic.CAN_DEFER_SYNC:
        pytest.skip("no filesystem-wide sync on this platform: every file is fsynced")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"s{i}.txt").write_text(story(i))
        (folder / f"c{i}.txt").write_text(rewrite(story(i), i))
    events: list[str] = []
    real_fsync, real_sync = atomic.os.fsync, scan_mod.sync_filesystem
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(scan_mod, "sync_filesystem", lambda p: (events.append("sync"), real_sync(p))[1])
    out = tmp_path / "out"
    result = scan([folder], out, options=ScanOptions(workers=1))
    assert len(result.pairs) == 3 and len(list((out / "pairs").glob("*.html"))) == 3
    # reports flushed together (a flush may also run while they are written), then pairs.jsonl and index.html
    assert events[-3:] == ["sync", "fsync", "fsync"] and events.count("fsync") == 2


def test_reports_are_flushed_while_they_are_written_and_not_after(monkeypatch, tmp_path):
    import threading
    import time

    import dedup.index.scan as scan_mod

    calls: list[str] = []
    monkeypatch.setattr(scan_mod, "sync_filesystem", lambda p: calls.append(threading.current_thread().name))
    with scan_mod._flushing(str(tmp_path), every=0.01):
        time.sleep(0.2)
    after = len(calls)
    time.sleep(0.05)
    assert after >= 2 and set(calls) == {"dedup-flush"}  # on its own thread, again and again
    assert len(calls) == after  # stopped with the block
    with scan_mod._flushing(None, every=0.01):  # nothing written, nothing flushed
        time.sleep(0.05)
    assert len(calls) == after

