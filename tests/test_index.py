"""Signatures, LSH candidates and the SQLite index: each fast path checked against a slow, obvious one."""

from __future__ import annotations

import itertools
import sqlite3

import numpy as np
import pytest
import xxhash
from datasketch import MinHash

from dedup.errors import IndexError_
from dedup.index.corpus import iter_articles, sign_articles, sign_one
from dedup.index.lsh import BandIndex, band_keys, candidate_pairs
from dedup.index.shingle import article_words, batch_shingle_hashes, shingle_hashes
from dedup.index.signature import EMPTY, Scheme, Signer
from dedup.index.store import IndexStore
from dedup.ingest import article_from_text, read_article
from dedup.model import Article, Span
from dedup.text import tokenize

WORDS = ("council budget school road police fire river bridge mayor vote tax plan city state court judge "
         "ruling appeal hospital nurse doctor strike union wage price market bank rate loan").split()


def _story(seed: int, n: int = 120) -> str:
    rng = np.random.default_rng(seed)
    return " ".join(rng.choice(WORDS, n)) + "."


def test_signature_equals_datasketch(seed_paths):
    """Our block signer gives datasketch's own affine32 signature for the same shingles."""
    signer = Signer(Scheme(), chunk_rows=97)  # a small buffer forces articles across chunk borders
    arts = [read_article(p) for p in seed_paths.values()]
    sigs = signer.sign_block([shingle_hashes(a) for a in arts])
    for art, sig in zip(arts, sigs, strict=True):
        m = MinHash(num_perm=128, seed=1, hashfunc=int)
        m.update_batch(shingle_hashes(art).tolist())
        assert np.array_equal(m.hashvalues, sig)


def test_shingle_hash_is_the_documented_mix_of_word_hashes():
    """The stored meaning of a signature: changing it silently would break every existing index."""
    words = ["Putin's", "mobilisation", "failed", "today"]
    h = [xxhash.xxh32_intdigest(w.encode()) for w in ("putin's", "mobilization", "failed", "today")]
    mask = (1 << 64) - 1

    def mix(run):
        acc = len(run)
        for x in run:
            acc = ((acc ^ x) * 0x9E3779B97F4A7C15) & mask
            acc ^= acc >> 29
        acc = (acc * 0xBF58476D1CE4E5B9) & mask
        return (acc ^ (acc >> 32)) & 0xFFFFFFFF

    expected = sorted({mix(h[0:3]), mix(h[1:4])})
    assert shingle_hashes(Article("a", " ".join(words))).tolist() == expected
    assert shingle_hashes(Article("b", "Only two")).tolist() == [mix([xxhash.xxh32_intdigest(b"only"),
                                                                        xxhash.xxh32_intdigest(b"two")])]


def test_empty_set_signs_as_datasketch_empty():
    sigs = Signer(Scheme()).sign_block([np.array([], np.uint32), np.array([5], np.uint32)])
    assert (sigs[0] == EMPTY).all() and not (sigs[1] == EMPTY).all()


def test_excluded_spans_are_not_shingled():
    text = "Council votes on the budget today.\nMost read in The Sun\nThe mayor said the plan works."
    art = article_from_text(text, "a.txt")
    assert art.excluded, "furniture line should be excluded"
    words = article_words(art)
    assert "sun" not in words and "mayor" in words and "council" in words
    ref = [t.norm for t in tokenize(text) if not any(e.overlaps(t.span) for e in art.excluded)]
    assert words == ref


def test_normalised_spellings_shingle_alike():
    a = Article("a", "The mobilisation around Kiev was announced.")
    b = Article("b", "The mobilization around Kyiv was announced.")
    assert np.array_equal(shingle_hashes(a), shingle_hashes(b))


def test_candidate_pairs_equal_brute_force():
    rng = np.random.default_rng(7)
    sigs = rng.integers(0, 2**32, (400, 128), dtype=np.uint32)
    for i in range(0, 60, 3):  # planted families of three with about half the values shared
        for j in (1, 2):
            mask = rng.random(128) < 0.5
            sigs[i + j][mask] = sigs[i][mask]
    sigs[300] = sigs[301] = sigs[302] = sigs[303]  # exact duplicates, one bucket of four
    keys = band_keys(sigs, Scheme())
    brute = {(i, j) for i, j in itertools.combinations(range(len(sigs)), 2) if (keys[i] == keys[j]).any()}
    got = set(map(tuple, candidate_pairs(keys).tolist()))
    assert got == brute and len(brute) >= 60 + 6


def test_band_index_query_matches_pairs():
    rng = np.random.default_rng(3)
    sigs = rng.integers(0, 2**32, (300, 128), dtype=np.uint32)
    sigs[10, :64] = sigs[20, :64]
    idx = BandIndex(sigs, Scheme())
    hits = dict(idx.query(sigs[20]))
    assert hits[20] == 1.0 and hits[10] == pytest.approx(0.5)
    assert all(i in (10, 20) for i in hits)


def test_lsh_finds_rewritten_copy_but_not_unrelated():
    base = _story(1, 300)
    words = base.split()
    copy = " ".join(w if k % 9 else "changed" for k, w in enumerate(words))  # one word in nine swapped
    scheme = Scheme()
    a, b, c = (sign_one(Article(p, t), scheme) for p, t in (("a", base), ("b", copy), ("c", _story(2, 300))))
    keys = band_keys(np.stack([a.signature, b.signature, c.signature]), scheme)
    assert candidate_pairs(keys).tolist() == [[0, 1]]


def _files(tmp_path, n=5):
    for i in range(n):
        (tmp_path / f"s{i}.txt").write_text(_story(i), encoding="utf-8")
    return tmp_path


def test_store_add_is_idempotent_and_removable(tmp_path):
    (tmp_path / "in").mkdir()
    folder = _files(tmp_path / "in")
    db = tmp_path / "x.db"
    with IndexStore(db, create=True) as st:
        with st.transaction():
            assert st.add(sign_articles(iter_articles([folder], []), st.scheme)) == 5
        with st.transaction():
            assert st.add(sign_articles(iter_articles([folder], []), st.scheme)) == 0
        stats = st.stats()
        assert stats.articles == 5 and stats.band_keys == 5 * st.scheme.bands
        with st.transaction():
            assert st.remove(paths=[str(folder / "s0.txt")]) == 1
        assert len(st) == 4 and st.stats().band_keys == 4 * st.scheme.bands
        ids, sigs, sizes = st.signatures()
        art = st.article(int(ids[0]))
        assert art.text == (folder / "s1.txt").read_text(encoding="utf-8")
        assert np.array_equal(sigs[0], sign_one(art, st.scheme).signature)


def test_interrupted_batch_leaves_index_as_before(tmp_path):
    db = tmp_path / "x.db"
    scheme = Scheme()
    with IndexStore(db, create=True) as st, st.transaction():
        st.add([sign_one(Article("a", _story(1)), scheme)])

    def boom():
        yield sign_one(Article("b", _story(2)), scheme)
        raise KeyboardInterrupt

    with IndexStore(db) as st:
        with pytest.raises(KeyboardInterrupt), st.transaction():
            st.add(boom())
        assert len(st) == 1 and st.stats().band_keys == scheme.bands


@pytest.mark.parametrize("kind", ["garbage", "foreign", "newer", "older", "missing", "folder"])
def test_bad_index_files_are_refused(tmp_path, kind):
    db = tmp_path / "x.db"
    if kind == "garbage":
        db.write_bytes(b"this is not a database at all, just bytes" * 20)
    elif kind == "foreign":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    elif kind in ("newer", "older"):
        IndexStore(db, create=True).close()
        con = sqlite3.connect(db)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", ("99" if kind == "newer" else "1",))
        con.commit()
        con.close()
    elif kind == "folder":
        db.mkdir()
    before = db.read_bytes() if db.is_file() else None
    with pytest.raises(IndexError_):
        IndexStore(db, create=kind != "missing").close()
    if before is not None:
        assert db.read_bytes() == before, "a refused index must never be rewritten"


def test_truncated_index_is_refused(tmp_path):
    db = tmp_path / "x.db"
    with IndexStore(db, create=True) as st, st.transaction():
        st.add([sign_one(Article(f"a{i}", _story(i, 2000)), st.scheme) for i in range(20)])
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexError_), IndexStore(db) as st:
        st.signatures()
        st.stats()


def test_excluded_span_roundtrip(tmp_path):
    art = Article("a.txt", _story(1), outlet="Gazette", date="2024-01-02", excluded=(Span(0, 7),), extra=(("k", "v"),))
    with IndexStore(tmp_path / "x.db", create=True) as st:
        with st.transaction():
            st.add([sign_one(art, st.scheme)])
        assert st.article(next(st.iter_ids())) == art


def test_stored_band_keys_answer_like_fresh_ones(tmp_path):
    scheme = Scheme()
    arts = [Article(f"a{i}", _story(i)) for i in range(6)] + [Article("c", _story(2).replace("road", "lane"))]
    with IndexStore(tmp_path / "x.db", create=True) as st:
        with st.transaction():
            st.add([sign_one(a, scheme) for a in arts])
        stored = st.band_index()
    probe = sign_one(Article("p", _story(2)), scheme).signature
    fresh = BandIndex(np.stack([sign_one(a, scheme).signature for a in arts]), scheme, np.arange(1, 8))
    assert stored.query(probe) == fresh.query(probe) and len(stored.query(probe)) >= 2


def test_batch_shingling_equals_one_by_one():
    texts = [_story(1), "", "Two words", "One", _story(2, 5), "— — —", _story(3, 40)]
    arts = [Article(f"a{i}", t) for i, t in enumerate(texts)]
    arts.append(article_from_text("Budget vote today.\nMost read in The Sun\nThe mayor said no.", "f.txt"))
    hashes, lengths = batch_shingle_hashes(arts)
    singles = [shingle_hashes(a) for a in arts]
    assert lengths.tolist() == [len(s) for s in singles]
    assert np.array_equal(hashes, np.concatenate(singles))
    signer = Signer(Scheme(), chunk_rows=64)
    assert np.array_equal(signer.sign_concat(hashes, lengths), signer.sign_block(singles))
