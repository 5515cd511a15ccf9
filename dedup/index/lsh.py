"""LSH band keys, all candidate pairs of a corpus, and candidate lookups for one article.

A signature of ``bands * rows`` permutations is cut into ``bands`` bands; two
articles become candidates when all ``rows`` values of some band agree. For
Jaccard similarity ``s`` that happens with probability
``1 - (1 - s**rows) ** bands``. The default 64 bands of 2 rows put the
half-way point near ``(1/64) ** (1/2) = 0.125``, low on purpose: a news story
rewritten from another keeps only about 10 % of its 3-word shingles (Jaccard
0.1) yet is exactly what an editor wants found, while unrelated stories on the
same topic share about 0.1 %:

    s     0.01   0.05   0.1    0.15   0.2    0.3    0.5
    P    0.006   0.15   0.47   0.77   0.93   1.00   1.00

Each band's rows are folded into one 64-bit key with the band number mixed
in, so the keys of all bands live in one flat array. Sorting that array
(numpy, no Python loop per article) puts every colliding group side by side:
that is all it takes to list the candidate pairs of 100,000 articles in about
a second, where ``datasketch.MinHashLSH`` inserts and queries one article at
a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np

from dedup.arrays import sorted_unique
from dedup.index.signature import EMPTY, Scheme

__all__ = ["BandIndex", "band_keys", "candidate_pairs", "collision_probability"]

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


def collision_probability(s: float, scheme: Scheme) -> float:
    """Probability that two articles of Jaccard ``s`` share at least one band."""
    return 1.0 - (1.0 - s**scheme.rows) ** scheme.bands


def band_keys(sigs: np.ndarray, scheme: Scheme) -> np.ndarray:
    """uint64[n, bands]: one key per band of each signature (rows folded, band number mixed in)."""
    sigs = np.atleast_2d(sigs)
    n = sigs.shape[0]
    b, r = scheme.bands, scheme.rows
    cut = sigs[:, : b * r].reshape(n, b, r).astype(np.uint64)
    key = np.empty((n, b), dtype=np.uint64)
    key[:] = _band_seeds(b)  # array arithmetic wraps modulo 2**64 silently, as intended
    for j in range(r):
        key ^= cut[:, :, j]
        key *= _M2
        key ^= key >> _S31
    key *= _M3
    key ^= key >> _S29
    return key


_S31, _S29 = np.uint64(31), np.uint64(29)


@functools.lru_cache(maxsize=8)
def _band_seeds(bands: int) -> np.ndarray:
    return (np.arange(bands, dtype=np.uint64) + np.uint64(1)) * _M1


def _runs(sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each run of equal keys of length >= 2."""
    n = len(sorted_keys)
    if n < 2:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [n]))
    keep = ends - starts >= 2
    return starts[keep], ends[keep]


def candidate_pairs(keys: np.ndarray, ids: np.ndarray | None = None) -> np.ndarray:
    """int64[m, 2]: every pair ``(i, j)``, ``i < j``, of rows of ``keys`` sharing a band key.

    ``keys`` is ``band_keys`` of a corpus; ``ids`` (default ``0..n-1``) names
    its rows. Pairs come out unique and sorted.
    """
    n, b = keys.shape
    ids = np.arange(n, dtype=np.int64) if ids is None else np.asarray(ids, dtype=np.int64)
    flat = keys.ravel()
    order = np.argsort(flat, kind="stable")
    owner = ids[order // b]
    starts, ends = _runs(flat[order])
    if not len(starts):
        return np.empty((0, 2), dtype=np.int64)
    chunks = list(_pairs_in_runs(owner, starts, ends))
    left = np.concatenate([c[0] for c in chunks])
    right = np.concatenate([c[1] for c in chunks])
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    keep = lo != hi
    code = sorted_unique(lo[keep].astype(np.uint64) << np.uint64(32) | hi[keep].astype(np.uint64))
    return np.stack(((code >> np.uint64(32)).astype(np.int64), (code & np.uint64(0xFFFFFFFF)).astype(np.int64)), 1)


def _pairs_in_runs(owner: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs at distance d = 1, 2, ... inside each run: work proportional to the pairs made."""
    lengths = ends - starts
    pos = np.repeat(starts, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    end_of = np.repeat(ends, lengths)
    d = 1
    while True:
        keep = pos + d < end_of
        pos, end_of = pos[keep], end_of[keep]
        if not len(pos):
            return
        yield owner[pos], owner[pos + d]
        d += 1


class BandIndex:
    """An in-memory LSH index: band keys sorted, their rows, and short signatures to rank candidates.

    Per article: ``bands * 8`` bytes for the keys' low 32 bits and their rows
    (512 B by default), a bucket table on the keys' top bits (under 16 B),
    and ``num_perm * 2`` for 16-bit signatures (b-bit MinHash, Li and Konig
    2010: two 16-bit values agree by chance once in 65,536, so the Jaccard
    estimate is unchanged for ranking) - about 800 B in all. A lookup reads
    the bucket table and compares a few neighbours: two gathers instead of a
    25-step binary search through hundreds of megabytes (which cost 300 us in
    cache misses at a million articles).
    """

    def __init__(self, sigs: np.ndarray, scheme: Scheme, ids: np.ndarray | None = None,
                 keys: np.ndarray | None = None) -> None:
        """``keys``, when given, are ``band_keys(sigs, scheme)`` already computed (as stored in an index)."""
        self.scheme = scheme
        sigs = np.asarray(sigs, dtype=np.uint32)
        n = len(sigs)
        self.sigs16 = (sigs & np.uint32(0xFFFF)).astype(np.uint16)
        self.ids = None if ids is None else np.asarray(ids, dtype=np.int64)
        if keys is None:
            keys = band_keys(sigs, scheme) if n else np.empty((0, scheme.bands), dtype=np.uint64)
        keys = np.asarray(keys, dtype=np.uint64).ravel()
        order = np.argsort(keys, kind="stable")
        full = keys[order]
        self.low = (full & np.uint64(0xFFFFFFFF)).astype(np.uint32)  # the top bits live in the bucket table
        self.rows = (order // scheme.bands).astype(np.int32)
        bits = int(min(28, max(4, np.ceil(np.log2(max(len(keys), 1) / 4)))))
        self._shift = np.uint64(64 - bits)
        starts = np.arange(1 << bits, dtype=np.uint64) << self._shift
        dtype = np.int32 if len(keys) < 2**31 else np.int64
        self._offsets = np.append(np.searchsorted(full, starts), len(keys)).astype(dtype)
        self._n = n

    def __len__(self) -> int:
        return self._n

    @property
    def lsh_nbytes(self) -> int:
        """Bytes of the lookup structure (keys, rows, bucket table, ids), without the ranking signatures."""
        ids = 0 if self.ids is None else self.ids.nbytes
        return self.low.nbytes + self.rows.nbytes + self._offsets.nbytes + ids

    @property
    def nbytes(self) -> int:
        return self.lsh_nbytes + self.sigs16.nbytes

    def query_rows(self, sig: np.ndarray) -> np.ndarray:
        """Row numbers sharing at least one band key with ``sig`` (unique, sorted)."""
        if not len(self.low) or sig.min() == EMPTY:  # no words: no keys (its minimum is EMPTY only then)
            return np.empty(0, dtype=np.int32)
        k = band_keys(sig, self.scheme)[0]
        bucket = (k >> self._shift).astype(np.intp)
        lo = self._offsets[bucket].astype(np.intp)
        width = self._offsets[bucket + 1] - lo
        m = int(width.max())
        if m == 0:
            return np.empty(0, dtype=np.int32)
        step = np.arange(m)
        at = np.minimum(lo[:, None] + step, len(self.low) - 1)
        low = (k & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        hit = (step < width[:, None]) & (self.low[at] == low[:, None])
        if not hit.any():
            return np.empty(0, dtype=np.int32)
        return sorted_unique(self.rows[at[hit]])

    def query(self, sig: np.ndarray, min_jaccard: float = 0.0) -> list[tuple[int, float]]:
        """``(id, estimated Jaccard)`` of candidates at or above ``min_jaccard``, best first."""
        rows = self.query_rows(sig)
        if not len(rows):
            return []
        agree = np.count_nonzero(self.sigs16[rows] == sig.astype(np.uint16), axis=1)  # low 16 bits of each
        if min_jaccard > 0:
            keep = agree >= min_jaccard * len(sig)
            rows, agree = rows[keep], agree[keep]
        order = np.argsort(-agree, kind="stable")
        ids = (rows if self.ids is None else self.ids[rows])[order].tolist()
        return list(zip(ids, (agree[order] / len(sig)).tolist(), strict=True))
