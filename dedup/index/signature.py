"""MinHash signatures, computed for blocks of articles at once in reused buffers.

The permutations are datasketch's ``affine32`` scheme (datasketch >= 2.0): each
32-bit shingle hash is pre-mixed with the MurmurHash3 finalizer, then
permutation ``i`` maps it to ``a_i * h + b_i mod 2**32`` with ``(a, b)`` drawn
from ``numpy.random.RandomState(seed)`` exactly as datasketch draws them. A
signature is the column-wise minimum over an article's shingles, so
``datasketch.MinHash(num_perm, seed, hashfunc=int)`` fed the same shingle
hashes holds the same ``hashvalues`` (a test checks this).

Why blocks: hashing one article allocates an ``(n_shingles, num_perm)``
temporary; for 100,000 articles those allocations cost more in page faults
than the arithmetic. Here the shingle hashes of many articles are concatenated
and pushed through one fixed buffer, chunk by chunk, with ``minimum.reduceat``
folding each article's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

__all__ = ["EMPTY", "Scheme", "Signer", "estimate_jaccard"]

EMPTY = np.uint32(0xFFFFFFFF)  # the value of a permutation no shingle reached (datasketch's empty)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@dataclass(frozen=True)
class Scheme:
    """What a stored signature means; recorded with every index and checked on open.

    ``bands * rows`` permutations feed the LSH; ``num_perm`` may hold more
    (used only for estimates).
    """

    num_perm: int = 128
    seed: int = 1
    shingle: int = 3
    hash: str = "xxh32-words-mix64"
    permutation: str = "datasketch-affine32"
    bands: int = 64
    rows: int = 2

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm or min(self.bands, self.rows, self.shingle) < 1:
            raise ValueError(f"bad scheme: {self.bands} bands x {self.rows} rows over {self.num_perm} permutations")
        if self.hash != "xxh32-words-mix64" or self.permutation != "datasketch-affine32":
            raise ValueError(f"unknown hashing {self.hash}/{self.permutation}")

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> Scheme:
        kinds = {f: type(v) for f, v in asdict(cls()).items()}
        return cls(**{k: kinds[k](v) for k, v in d.items() if k in kinds})


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h *= m1
    h ^= h >> s2
    h *= m2
    h ^= h >> s3
    return h


class Signer:
    """Signs sets of shingle hashes with one scheme's permutations.

    Not thread-safe (it owns a scratch buffer); make one per process.
    """

    def __init__(self, scheme: Scheme, chunk_rows: int = 2048) -> None:
        self.scheme = scheme
        gen = np.random.RandomState(scheme.seed)
        n = scheme.num_perm
        # Drawn exactly as datasketch.MinHash._init_permutations does for affine32.
        self.a = gen.randint(0, 1 << 31, n, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self.b = gen.randint(0, 1 << 32, n, dtype=np.uint32)
        self._a = self.a[:, None]
        self._b = self.b[:, None]
        # permutations x shingles: the per-article minimum then runs along contiguous memory
        # (reduceat over axis 1 is 10x faster than over axis 0 of the transposed layout)
        self._buf = np.empty((n, chunk_rows), dtype=np.uint32)

    def sign(self, hashes: np.ndarray) -> np.ndarray:
        """One signature (uint32[num_perm]) of one set of shingle hashes."""
        return self.sign_block([hashes])[0]

    def sign_block(self, sets: Sequence[np.ndarray]) -> np.ndarray:
        """Signatures (uint32[len(sets), num_perm]) of many sets, through one reused buffer."""
        lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        if not lengths.sum():
            return np.full((len(sets), self.scheme.num_perm), EMPTY, dtype=np.uint32)
        return self.sign_concat(np.concatenate([np.asarray(s, dtype=np.uint32) for s in sets]), lengths)

    def sign_concat(self, hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Signatures of sets given back to back: ``hashes`` holds ``lengths[0]`` values of set 0, then set 1..."""
        n_perm = self.scheme.num_perm
        out = np.full((len(lengths), n_perm), EMPTY, dtype=np.uint32)
        if not len(hashes):
            return out
        allh = _fmix32(np.asarray(hashes, dtype=np.uint32))
        ends = np.cumsum(lengths)
        starts = ends - lengths
        nonempty = np.flatnonzero(lengths)
        total, rows = int(ends[-1]), self._buf.shape[1]
        for c0 in range(0, total, rows):
            c1 = min(c0 + rows, total)
            buf = self._buf[:, : c1 - c0]
            np.multiply(self._a, allh[None, c0:c1], out=buf)
            np.add(buf, self._b, out=buf)
            # Articles with rows in this chunk, and where their rows start inside it.
            lo = np.searchsorted(ends[nonempty], c0, side="right")
            hi = np.searchsorted(starts[nonempty], c1, side="left")
            ids = nonempty[lo:hi]
            local = np.maximum(starts[ids], c0) - c0
            mins = np.minimum.reduceat(buf, local, axis=1).T
            out[ids] = np.minimum(out[ids], mins)
        return out


def estimate_jaccard(sig: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of one signature with each row of ``others`` (share of equal values)."""
    return (others == sig).mean(axis=-1)
