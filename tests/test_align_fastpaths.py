"""Alignment's fast paths give what the plain code they replace gives (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align import _NamesChecked
from dedup.align_side import Side, side_of
from dedup.model import Article
from dedup.segment import segment
from dedup.similarity import _SUFFIXES, compounds_between, content_terms, stem, unit_terms

WORDS = ["nord", "stream", "nordstream", "the", "said", "Ruiz", "Dr.", "Ana", "pipeline", "supplies", "ran",
         "running", "web", "site", "website", "Kyiv", "gas", "and", "of", "officials", "U.S.", "bus", "happily"]
texts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join), min_size=1, max_size=8
).map(lambda ss: ". ".join(s[:1].upper() + s[1:] for s in ss) + ".")


def plain_stem(word: str) -> str:
    """``stem`` as it was: every suffix tried in order."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            if suf == "ies":
                word = word[:-3] + "y"
            elif suf == "sses":
                word = word[:-2]
            elif (suf == "s" and word[-2] in "su") or (suf == "ly" and len(word) < 7):
                return word
            else:
                word = word[: -len(suf)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abeilmnsdgtyuoc", max_size=12) | st.sampled_from(WORDS))
def test_stem_matches_the_plain_loop(word):
    assert stem.__wrapped__(word) == plain_stem(word)


@settings(max_examples=60, deadline=None)
@given(texts, texts, st.integers(min_value=2, max_value=60))
def test_cached_side_equals_a_fresh_one(a, b, max_words):
    sents = segment(Article("a", a))
    side = side_of(a, sents, max_words)
    assert side_of(a, sents, max_words) is side  # the same tuple: kept
    fresh = Side.of(a, list(sents), max_words)  # a list: never kept
    assert side_of(a, list(sents), max_words) is not fresh
    assert (side.tokens, side.starts, side.bounds, side.norms) == (fresh.tokens, fresh.starts, fresh.bounds, fresh.norms)
    assert side.terms == unit_terms(side.norms, side.starts)
    assert side.unit.tolist() == [u for u in range(side.units) for _ in range(side.starts[u], side.starts[u + 1])]
    other = side_of(b, segment(Article("b", b)), max_words)
    assert side.vocab == set(side.norms)
    compounds = compounds_between(other.vocab, side.vocab) | {"nordstream", "website"}
    assert unit_terms(side.norms, side.starts, compounds, side.terms) == unit_terms(side.norms, side.starts, compounds)


def eager_names_only(near, suspect, src, cpy, to_src, to_cpy, need):
    """The links check as it was: every suspect link, names found token by token."""
    from dedup.name_words import is_name

    def ordinary(side, u, compounds):
        tokens = side.tokens[side.starts[u] : side.starts[u + 1]]
        words = [t.norm for t in tokens if not is_name(side.text, t)]
        return set(content_terms(words, compounds))

    out = near.copy()
    for c, s in zip(*np.nonzero(suspect), strict=True):
        if len(ordinary(cpy, int(c), to_src) & ordinary(src, int(s), to_cpy)) < need:
            out[c, s] = False
    return out


@settings(max_examples=60, deadline=None)
@given(texts, texts, st.data())
def test_links_checked_on_reading_equal_the_eager_check(a, b, data):
    src, cpy = Side.of(a, segment(Article("a", a)), 60), Side.of(b, segment(Article("b", b)), 60)
    shape = (cpy.units, src.units)
    near = np.array(data.draw(st.lists(st.booleans(), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])))
    near = near.reshape(shape)
    suspect = near & np.array(data.draw(st.lists(st.booleans(), min_size=near.size, max_size=near.size))).reshape(shape)
    to_src, to_cpy = frozenset({"nordstream"}), frozenset({"website"})
    expected = eager_names_only(near, suspect, src, cpy, to_src, to_cpy, 2)
    lazy = _NamesChecked(near, suspect, src, cpy, to_src, to_cpy, 2)
    c = data.draw(st.integers(0, shape[0] - 1))
    s = data.draw(st.integers(0, shape[1] - 1))
    assert (lazy[c, s:] == expected[c, s:]).all()  # a partial read first, as ``extend`` makes
    assert (lazy[:c, s] == expected[:c, s]).all()
    assert lazy[c, s] == expected[c, s]
    assert (lazy[:, :] == expected).all()


def plain_clusters(seeds, max_gap, weight, slack, own):
    """``passages._clusters`` as it was: every group tried at every cut, sorted with key functions."""

    def split(seeds, side):
        seeds = sorted(seeds, key=lambda p: (p[side], p[1 - side]))
        groups = [[seeds[0]]]
        for p in seeds[1:]:
            if p[side] - groups[-1][-1][side] > max_gap + 1:
                groups.append([p])
            else:
                groups[-1].append(p)
        return groups

    def split_order(seeds):
        by_copy = {}
        for p in seeds:
            by_copy.setdefault(p[0], []).append(p)
        groups, last_c, last_s = [], -1, -1
        for c in sorted(by_copy):
            best = max(by_copy[c], key=lambda p: (weight.get(p, 0.0), -p[1]))[1]
            inserted = own[c] - own[last_c + 1] if groups else 0
            if not groups or best < last_s - slack or inserted > max(0, abs(best - last_s) - 1) + slack:
                groups.append([])
            groups[-1].extend(by_copy[c])
            last_c, last_s = c, best
        return groups

    done, todo = [], [seeds]
    while todo:
        group = todo.pop()
        for parts in (split(group, 0), split(group, 1), split_order(group)):
            if len(parts) > 1:
                todo.extend(parts)
                break
        else:
            done.append(group)
    return done


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=40, unique=True),
    st.integers(0, 4),
    st.integers(0, 2),
    st.data(),
)
def test_clusters_match_the_plain_cuts(seeds, max_gap, slack, data):
    from dedup.passages import _clusters

    weight = {p: data.draw(st.sampled_from([0.1, 0.2, 0.5])) for p in seeds}
    own = sorted(data.draw(st.lists(st.integers(0, 40), min_size=33, max_size=33)))
    seeds = sorted(seeds)
    assert _clusters(list(seeds), max_gap, weight, slack, own) == plain_clusters(list(seeds), max_gap, weight, slack, own)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 2**32 - 1))
def test_prefix_sums_equal_cumsum_bit_for_bit(rows, cols, seed):
    from dedup.passages import _prefix

    m = np.random.default_rng(seed).random((rows, cols))
    plain = np.zeros((rows + 1, cols + 1))
    np.cumsum(np.cumsum(m, axis=0), axis=1, out=plain[1:, 1:])
    assert _prefix(m).tobytes() == plain.tobytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=60))
def test_run_counts_of_the_sorted_keys_equal_numpy_unique(values):
    from dedup.arrays import run_counts

    keys, counts = run_counts(np.sort(np.array(values, dtype=np.int64)))
    expected_keys, expected_counts = np.unique(np.array(values, dtype=np.int64), return_counts=True)
    assert keys.tolist() == expected_keys.tolist() and counts.tolist() == expected_counts.tolist()


def test_side_cache_keeps_the_recently_used_and_checks_text_and_unit_size():
    from dedup import align_side

    text = "The pipeline ran dry. Officials said so."
    sents = segment(Article("a", text))
    first = side_of(text, sents, 60)
    assert side_of(text, sents, 30) is not first  # another unit size: made afresh
    again = side_of(text, sents, 60)
    for k in range(align_side._KEEP + 1):
        other = f"Story {k} ran. It was short."
        side_of(other, segment(Article(str(k), other)), 60)
    assert len(align_side._SIDES) <= align_side._KEEP
    later = side_of(text, sents, 60)  # pushed out: made afresh, the same values
    assert later is not again and (later.tokens, later.starts, later.bounds) == (again.tokens, again.starts, again.bounds)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 25), st.integers(0, 6), st.floats(0, 1)), min_size=1, max_size=12))
def test_taken_by_others_equals_marking_each_other_passage(raw):
    from dedup.align import _taken_by_others
    from dedup.passages import Passage, resolve_overlaps

    passages = resolve_overlaps([Passage(c0, c0 + n, 0, 1, cos) for c0, n, cos in raw])
    for p, taken in zip(passages, _taken_by_others(passages, 40), strict=True):
        plain = np.zeros(40, dtype=bool)
        for q in passages:
            if q is not p:
                plain[q.c0 : q.c1 + 1] = True
        assert (taken == plain).all()
