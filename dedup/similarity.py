"""Sentence-pair scores for alignment: tf-idf cosine, Dice and containment on content words.

Two sentences share *reuse* when they share several content words that are
rare in the two articles, not when they both say "Putin" and "Kremlin". So
words are reduced to content terms (stopwords dropped, a light suffix
stemmer folds "demanding"/"demand", "supplies"/"supply") and weighted by
inverse sentence frequency over both articles' sentences (tf-isf, the
PAN 2014 winners' choice). All pair scores come out as dense matrices of
shape ``(copy sentences, source sentences)`` in one sparse product each.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, count
from operator import add

import numpy as np

from dedup.arrays import run_counts
from dedup.memo import MemoTable

__all__ = ["STOPWORDS", "PairScores", "compounds_between", "content_terms", "pair_scores", "stem", "unit_terms"]

# English function words. Not scikit-learn's list: it also drops content words
# a rewrite keeps ("system", "fire", "bill", "interest", "find").
STOPWORDS = frozenset(
    """a about above after again against all almost along already also although always am among an and
    another any anyone anything are aren't around as at be became because become been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each either else enough even ever every few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how however i i'd i'll i'm i've if in
    into is isn't it it's its itself just least less let's like many may me might more most much must my
    myself neither no nor not now of off often on once one only onto or other others otherwise our ours
    ourselves out over own per perhaps quite rather s said same say says she she'd she'll she's should
    shouldn't since so some something still such t than that that's the their theirs them themselves then
    there there's these they they'd they'll they're they've this those though through thus to too told
    toward towards under until up upon us very was wasn't we we'd we'll we're we've were weren't what
    what's when where whether which while who who's whom whose why will with within without won't would
    wouldn't yet you you'd you'll you're you've your yours yourself yourselves""".split()
)

_SUFFIXES = ("ies", "sses", "ness", "ment", "ence", "ance", "ing", "ion", "ent", "ant", "ed", "ly", "es", "s")
_ENDING_IN = {last: tuple(s for s in _SUFFIXES if s[-1] == last) for last in {s[-1] for s in _SUFFIXES}}


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper: one inflectional or common derivational suffix.

    Not a linguist's stemmer: it only has to map the forms a rewrite swaps
    (plural/singular, tense, -ence/-ent) onto one key, the same way on both sides.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    for suf in _ENDING_IN.get(word[-1], ()):  # the suffixes that end in its last letter, in ``_SUFFIXES`` order
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            if suf == "ies":
                word = word[:-3] + "y"
            elif suf == "sses":
                word = word[:-2]
            elif (suf == "s" and word[-2] in "su") or (suf == "ly" and len(word) < 7):
                return word  # "bus", "thus"; "supply" and "family" are not adverbs
            else:
                word = word[: -len(suf)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


_stem = stem.__wrapped__  # for ``_term``, whose own table remembers it: no second cache


def _term_of(word: str) -> str:
    """The word's term, or "" for a stopword or a stray letter."""
    return "" if word in STOPWORDS or (len(word) == 1 and not word.isdigit()) else _stem(word)


# A table, as alignment looks up every word of both articles (a dict hit costs half an ``lru_cache`` call).
_term = MemoTable(_term_of).__getitem__


def content_terms(words: Sequence[str], compounds: Set[str] = frozenset()) -> list[str]:
    """The stemmed content words of a sentence's normalised words, in order.

    Two neighbouring words whose concatenation is in ``compounds`` count as
    that one word: "Nord Stream" / "Nordstream", "web site" / "website"
    (see ``compounds_between``).
    """
    if compounds:
        joined = []
        i, n = 0, len(words)
        while i < n:
            if i + 1 < n and words[i] + words[i + 1] in compounds:
                joined.append(words[i] + words[i + 1])
                i += 2
            else:
                joined.append(words[i])
                i += 1
        words = joined
    return list(filter(None, map(_term, words)))


def unit_terms(
    words: Sequence[str],
    starts: Sequence[int],
    compounds: Set[str] = frozenset(),
    plain: Sequence[list[str]] | None = None,
) -> list[list[str]]:
    """``content_terms`` of each unit ``words[starts[u]:starts[u + 1]]``, each word's term looked up once.

    Only a unit holding two neighbouring words that make a compound goes through
    ``content_terms`` itself; the others just drop their words without a term.
    ``plain``, when given, is what this returns without compounds (made once per article).
    """
    if plain is None:
        terms = list(map(_term, words))
        out = [list(filter(None, terms[a:b])) for a, b in zip(starts, starts[1:], strict=False)]
    else:
        out = list(plain)
    if compounds and not compounds.isdisjoint(map(add, words, words[1:])):
        joined = {i for i, w in enumerate(map(add, words, words[1:])) if w in compounds}
        for u, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
            if any(i in joined for i in range(a, b - 1)):
                out[u] = content_terms(words[a:b], compounds)
    return out


def compounds_between(words: Set[str], other: Set[str]) -> frozenset[str]:
    """Words of ``other`` that ``words`` writes as two words ("nordstream" when "nord" and "stream")."""
    found = []
    for w in other - words:  # plain loops: a generator per candidate cost more than the lookups
        if 6 <= len(w) <= _MAX_COMPOUND:
            for k in range(3, len(w) - 2):
                if w[:k] in words and w[k:] in words:
                    found.append(w)
                    break
    return frozenset(found)


_MAX_COMPOUND = 40  # longer "words" are residue (URLs, runs of letters); splitting them is quadratic


@dataclass(frozen=True, slots=True)
class PairScores:
    """Scores of every (copy sentence, source sentence) pair, each a float matrix.

    ``cosine``: tf-isf cosine; ``dice``: 2|A∩B| / (|A|+|B|) on term sets;
    ``contain``: |A∩B| / min(|A|, |B|), high when a short sentence sits inside
    a longer one; ``shared``: |A∩B|;
    ``copy_gram``/``source_gram``: cosines within each article, for passage cosines.
    """

    cosine: np.ndarray
    dice: np.ndarray
    contain: np.ndarray
    shared: np.ndarray
    copy_gram: np.ndarray
    source_gram: np.ndarray


def pair_scores(copy_terms: Sequence[Sequence[str]], source_terms: Sequence[Sequence[str]]) -> PairScores:
    """All pair scores between the copy's and the source's sentences (given as content terms)."""
    rows = (*copy_terms, *source_terms)
    n, nc = len(rows), len(copy_terms)
    flat = list(chain.from_iterable(rows))
    # A term's id is where it first occurs in ``flat``: one pass, and the same order as numbering
    # terms 0, 1, 2, ... by first occurrence, which is all the sums below depend on.
    vocab: dict[str, int] = {}
    term_id = np.fromiter(map(vocab.setdefault, flat, count()), dtype=np.int64, count=len(flat))
    row_of_term = np.repeat(np.arange(n), list(map(len, rows)))
    v = max(1, len(flat))
    # one entry per (row, term) with its count, sorted by row, then term
    keys = row_of_term * v + term_id
    keys.sort()
    keys, counts = run_counts(keys)  # ``np.unique(..., return_counts=True)``'s sorting path, without its set-up
    row_of, idx = np.divmod(keys, v)
    idx = idx.astype(np.int32)
    indptr = np.searchsorted(row_of, np.arange(n + 1))
    tf = counts.astype(np.float64)
    df = np.bincount(idx, minlength=v)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0  # scikit-learn's smooth_idf formula
    weights = tf * idf[idx]
    norms = np.sqrt(np.bincount(row_of, weights=weights * weights, minlength=n))
    norms[norms == 0] = 1.0

    data = weights / norms[row_of]
    grams = _listed_grams(n, row_of, idx, df, data)
    if grams is None:  # too many products to list at once
        grams = _sparse_gram(n, v, idx, indptr, data), _sparse_gram(n, v, idx, indptr, np.ones(len(idx)))
    g, counts = grams
    shared = counts[:nc, nc:]
    size = np.diff(indptr).astype(np.float64)
    size_c, size_s = size[:nc, None], size[None, nc:]
    # A pair with an empty side shares nothing: 0 (the old nan_to_num of 0/0), without the division.
    both, least = size_c + size_s, np.minimum(size_c, size_s)
    dice = np.divide(2 * shared, both, out=np.zeros_like(shared), where=both > 0)
    contain = np.divide(shared, least, out=np.zeros_like(shared), where=least > 0)
    return PairScores(g[:nc, nc:], dice, contain, shared, g[:nc, :nc], g[nc:, nc:])


_accumulate = np.add.accumulate  # what ``np.cumsum`` calls, without its wrapper
_MAX_PRODUCTS = 2_000_000  # listing more term-sharing pairs than this would take too much memory


def _listed_grams(
    n: int, row_of: np.ndarray, idx: np.ndarray, df: np.ndarray, data: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """``A @ A.T`` for the sparse rows ``A`` (``data`` at ``(row_of, idx)``, terms ascending in a row),
    and the same product with every entry 1 (shared-term counts); None when too large.

    Lists every (row, row, shared term) product and sums them per cell with ``bincount``, in
    ascending term order from 0.0: the order of scipy's CSR product (``_sparse_gram``), so the
    result is the same to the bit, without scipy's per-call overhead on these small matrices.
    """
    order = idx.argsort(kind="stable")  # entries by term; a term's rows stay ascending
    term = idx[order]
    rows, w, size = row_of[order], data[order], df[term]
    products = int(size.sum())
    if products > _MAX_PRODUCTS:
        return None
    group = (_accumulate(df) - df)[term]  # where each entry's term starts in ``order``
    left = np.arange(len(order)).repeat(size)
    right = group[left] + np.arange(products) - (_accumulate(size) - size).repeat(size)
    cell = rows[left] * n + rows[right]
    weighted = np.bincount(cell, weights=w[left] * w[right], minlength=n * n).reshape(n, n)
    counts = np.bincount(cell, minlength=n * n).reshape(n, n).astype(np.float64)
    return weighted, counts


def _sparse_gram(n: int, v: int, idx: np.ndarray, indptr: np.ndarray, data: np.ndarray) -> np.ndarray:
    # One sparse product for all rows at once, single-threaded: no BLAS thread pool fighting
    # over small matrices. Imported here: only very long pairs get this far, and scipy.sparse costs
    # every process that compares 0.1 s to import.
    from scipy import sparse

    a = sparse.csr_matrix((data, idx, indptr), shape=(n, v))
    return (a @ a.T).toarray()
