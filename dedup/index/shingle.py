"""Word shingles of an article, hashed to 32 bits: the sets MinHash summarises.

A shingle is ``k`` consecutive normalised words (``Token.norm``) joined by one
space, so "Kiev's mobilisation" and "Kyiv's mobilization" shingle alike. Words
inside excluded spans (site furniture, scraper residue) are skipped before
shingling: "Most read in The Sun" must never make two stories look related.

Hashes are xxHash32 (seed 0) of the UTF-8 shingle: stable across processes and
machines, unlike Python's ``hash()``. The same bytes fed to
``datasketch.MinHash(hashfunc=xxh32_intdigest)`` give the same signature, so
signatures stored here are datasketch-compatible.
"""

from __future__ import annotations

import numpy as np
import xxhash

from dedup.model import Article
from dedup.text import WORD_RE, normalise_word

__all__ = ["DEFAULT_K", "article_words", "shingle_hashes", "shingles"]

DEFAULT_K = 3


def article_words(article: Article) -> list[str]:
    """The normalised words of an article (as ``tokenize`` finds them), words in excluded spans skipped."""
    text = article.text
    if not article.excluded:  # the fast path: no Token objects
        return list(map(normalise_word, WORD_RE.findall(text)))
    words: list[str] = []
    pos = 0
    for span in sorted(article.excluded):
        if span.start > pos:
            words += WORD_RE.findall(text, pos, span.start)
        pos = max(pos, span.end)
    words += WORD_RE.findall(text, pos)
    return list(map(normalise_word, words))


def shingles(words: list[str], k: int = DEFAULT_K) -> list[str]:
    """The ``k``-word shingles of ``words``; a text shorter than ``k`` words is one shingle."""
    if len(words) < k:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def shingle_hashes(article: Article, k: int = DEFAULT_K) -> np.ndarray:
    """The distinct 32-bit xxHash values of an article's shingles (uint32, sorted)."""
    h = xxhash.xxh32_intdigest
    values = [h(s.encode("utf-8", "surrogatepass")) for s in shingles(article_words(article), k)]
    return np.unique(np.fromiter(values, dtype=np.uint32, count=len(values)))
