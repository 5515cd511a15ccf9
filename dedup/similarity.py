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

import numpy as np
from scipy import sparse

__all__ = ["STOPWORDS", "PairScores", "content_terms", "pair_scores", "stem"]

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


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper: one inflectional or common derivational suffix.

    Not a linguist's stemmer: it only has to map the forms a rewrite swaps
    (plural/singular, tense, -ence/-ent) onto one key, the same way on both sides.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    for suf in _SUFFIXES:
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


def content_terms(words: Sequence[str], compounds: Set[str] = frozenset()) -> list[str]:
    """The stemmed content words of a sentence's normalised words, in order.

    Two neighbouring words whose concatenation is in ``compounds`` (the other
    article's words) count as that one word: "Nord Stream" / "Nordstream",
    "web site" / "website".
    """
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if compounds and i + 1 < len(words) and w + words[i + 1] in compounds:
            w = w + words[i + 1]
            i += 1
        i += 1
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
            out.append(stem(w))
    return out


@dataclass(frozen=True, slots=True)
class PairScores:
    """Scores of every (copy sentence, source sentence) pair, each a float matrix.

    ``cosine``: tf-isf cosine; ``dice``: 2|A∩B| / (|A|+|B|) on term sets;
    ``contain``: |A∩B| / min(|A|, |B|), high when a short sentence sits inside
    a longer one; ``shared``: |A∩B|; ``shared_weight``: the summed isf of the
    shared terms, so two common words weigh less than two rare ones.
    """

    cosine: np.ndarray
    dice: np.ndarray
    contain: np.ndarray
    shared: np.ndarray
    shared_weight: np.ndarray
    copy_vectors: sparse.csr_matrix
    source_vectors: sparse.csr_matrix


def _matrices(
    copy_terms: Sequence[Sequence[str]], source_terms: Sequence[Sequence[str]]
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Term counts of all sentences (copy rows first) and the smoothed isf of each term."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for terms in (*copy_terms, *source_terms):
        for t in terms:
            indices.append(vocab.setdefault(t, len(vocab)))
        indptr.append(len(indices))
    n = len(indptr) - 1
    data = np.ones(len(indices), dtype=np.float64)
    counts = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int32), indptr), shape=(n, max(1, len(vocab))))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0  # scikit-learn's smooth_idf formula
    return counts, idf


def pair_scores(copy_terms: Sequence[Sequence[str]], source_terms: Sequence[Sequence[str]]) -> PairScores:
    """All pair scores between the copy's and the source's sentences (given as content terms)."""
    nc = len(copy_terms)
    counts, idf = _matrices(copy_terms, source_terms)
    tfidf = counts.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    tfidf = sparse.diags(1.0 / norms) @ tfidf
    cv, sv = tfidf[:nc], tfidf[nc:]
    cosine = (cv @ sv.T).toarray()

    binary = counts.copy()
    binary.data[:] = 1.0
    cb, sb = binary[:nc], binary[nc:]
    shared = (cb @ sb.T).toarray()
    shared_weight = (cb.multiply(idf).tocsr() @ sb.T).toarray()
    size_c = np.asarray(cb.sum(axis=1)).ravel()[:, None]
    size_s = np.asarray(sb.sum(axis=1)).ravel()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.nan_to_num(2 * shared / (size_c + size_s))
        contain = np.nan_to_num(shared / np.minimum(size_c, size_s))
    return PairScores(cosine, dice, contain, shared, shared_weight, cv.tocsr(), sv.tocsr())
