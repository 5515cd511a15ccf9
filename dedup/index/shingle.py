"""Word shingles of an article, hashed to 32 bits: the sets MinHash summarises.

A shingle is ``k`` consecutive normalised words (``normalise_word``, as in
``Token.norm``), so "Kiev's mobilisation" and "Kyiv's mobilization" shingle
alike. Words inside excluded spans (site furniture, scraper residue) are
skipped before shingling: "Most read in The Sun" must never make two stories
look related.

Hashing is done on words, not on shingle strings: each distinct raw word is
normalised and hashed once per process (xxHash32 of its UTF-8, seed 0, kept in
a dict), and the ``k`` word hashes of a shingle are combined with a fixed
64-bit multiply-xorshift mix, vectorised over the article. That is stable
across processes and machines (never Python's ``hash()``) and four times
faster than joining and hashing strings. ``shingle_hashes`` gives the values;
``datasketch.MinHash(hashfunc=int)`` fed them (``update_batch``) holds the same
signature as ``dedup.index.signature`` computes.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
import xxhash

from dedup.arrays import sorted_unique
from dedup.model import Article
from dedup.text import ASCII_WORD_PATTERN, WORD_PATTERN, normalise_word, normalised_table

__all__ = ["DEFAULT_K", "HASH_NAME", "article_words", "batch_shingle_hashes", "combine", "shingle_hashes", "shingles",
           "word_hash"]

DEFAULT_K = 3
HASH_NAME = "xxh32-words-mix64"  # recorded in every index (Scheme.hash)
_MUL = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def _word_hash(word: str) -> int:
    return xxhash.xxh32_intdigest(normalise_word(word).encode("utf-8", "surrogatepass"))


# raw word -> xxh32 of its normalised form: filled on first sight, C-speed lookups after; bounded for very
# long runs (refills as needed), and emptied when the house-style aliases change.
_hashes = normalised_table(_word_hash, bound=2_000_000)

# ``WORD_RE``'s words, found faster (possessive; ASCII text by an ASCII class): 1.5x over a news corpus.
_WORD_RE = re.compile(WORD_PATTERN)
_ASCII_WORD_RE = re.compile(ASCII_WORD_PATTERN)


def word_hash(word: str) -> int:
    """The 32-bit hash of one raw word's normalised form."""
    return _hashes[word]


def _raw_words(article: Article) -> list[str]:
    text = article.text
    find = (_ASCII_WORD_RE if text.isascii() else _WORD_RE).findall
    if not article.excluded:
        return find(text)
    words: list[str] = []
    pos = 0
    for span in sorted(article.excluded):
        if span.start > pos:
            words += find(text, pos, span.start)
        pos = max(pos, span.end)
    words += find(text, pos)
    return words


def article_words(article: Article) -> list[str]:
    """The normalised words of an article (as ``tokenize`` finds them), words in excluded spans skipped."""
    return list(map(normalise_word, _raw_words(article)))


def shingles(words: list[str], k: int = DEFAULT_K) -> list[str]:
    """The ``k``-word shingles of ``words`` as text (for reading and tests; hashing never builds them)."""
    if len(words) < k:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def combine(word_hashes: np.ndarray, k: int = DEFAULT_K) -> np.ndarray:
    """32-bit hashes of every run of ``k`` word hashes (one run if there are fewer than ``k`` words)."""
    h = np.asarray(word_hashes, dtype=np.uint64)
    if len(h) == 0:
        return np.empty(0, dtype=np.uint32)
    k = min(k, len(h))
    n = len(h) - k + 1
    with np.errstate(over="ignore"):
        acc = np.full(n, np.uint64(k), dtype=np.uint64)
        for i in range(k):
            acc ^= h[i : i + n]
            acc *= _MUL
            acc ^= acc >> np.uint64(29)
        acc *= _MIX
        acc ^= acc >> np.uint64(32)
    return acc.astype(np.uint32)


def shingle_hashes(article: Article, k: int = DEFAULT_K) -> np.ndarray:
    """The distinct 32-bit hashes of an article's ``k``-word shingles (uint32, sorted)."""
    words = _raw_words(article)
    hashes = np.fromiter(map(_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    return sorted_unique(combine(hashes, k))


def batch_shingle_hashes(articles: list[Article], k: int = DEFAULT_K) -> tuple[np.ndarray, np.ndarray]:
    """``shingle_hashes`` of many articles at once: ``(hashes, lengths)``, concatenated in article order.

    One pass of numpy over the whole batch instead of a dozen small calls per
    article (whose overhead was most of the cost for short news items).
    """
    lists = [_raw_words(a) for a in articles]
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    total = int(counts.sum())
    words = np.fromiter(map(_hashes.__getitem__, chain.from_iterable(lists)), dtype=np.uint64, count=total)
    starts = np.cumsum(counts) - counts
    owner = np.repeat(np.arange(len(lists), dtype=np.uint64), counts)
    if total >= k:
        mixed = combine(words, k)  # every run of k words, some crossing from one article into the next
        pos = np.arange(len(mixed))
        valid = pos + k <= (starts + counts)[owner[: len(mixed)].astype(np.intp)]
        keys = (owner[: len(mixed)][valid] << np.uint64(32)) | mixed[valid].astype(np.uint64)
    else:
        keys = np.empty(0, dtype=np.uint64)
    short = np.flatnonzero((counts > 0) & (counts < k))
    if len(short):  # an article of fewer than k words is one shingle of all of them
        extra = [(np.uint64(i) << np.uint64(32)) | np.uint64(combine(words[starts[i] : starts[i] + counts[i]], k)[0])
                 for i in short]
        keys = np.concatenate((keys, np.array(extra, dtype=np.uint64)))
    keys = sorted_unique(keys)
    lengths = np.bincount((keys >> np.uint64(32)).astype(np.intp), minlength=len(lists)).astype(np.int64)
    return (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32), lengths
