"""One outlet's furniture: phrases repeated under many of its stories, learned from the scan itself.

``dedup.furniture`` drops lines every site shares ("Most read in The Sun");
this finds what one site repeats in its own words (a newsletter plea, a
standard bio, a correction notice) so a scan does not pair every story of
that site. Only the true-overlap check leaves these phrases out; texts,
offsets and reports are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dedup.index.arrays import run_counts, sorted_unique

__all__ = ["site_furniture"]


def site_furniture(hashes: Sequence[np.ndarray], outlets: Sequence[str | None], *, min_articles: int = 5,
                   share: float = 0.9) -> np.ndarray:
    """Shingles that are one outlet's furniture: in ``min_articles`` or more of its articles, rarely elsewhere.

    A newsletter plea or standard bio repeated under every story of one site
    makes its stories look related; a wire story run by many outlets does not
    count (its phrases are spread over outlets, one copy each). Articles
    without an outlet are never used to learn furniture. ``hashes[i]`` are the
    sorted shingle hashes of an article from ``outlets[i]``. Sorted uint32.
    """
    codes: dict[str, int] = {}
    parts, owners = [], []
    for h, outlet in zip(hashes, outlets, strict=True):
        parts.append(h)
        owners.append(np.full(len(h), codes.setdefault(outlet, len(codes) + 1) if outlet else 0, np.uint64))
    if not parts:
        return np.empty(0, dtype=np.uint32)
    h = np.concatenate(parts).astype(np.uint64)
    owner = np.concatenate(owners)
    every, total = run_counts(np.sort(h))
    known = owner > 0
    keyed, count = run_counts(np.sort((owner[known] << np.uint64(32)) | h[known]))
    keep = count >= min_articles
    cand, cnt = keyed[keep] & np.uint64(0xFFFFFFFF), count[keep]
    overall = total[np.searchsorted(every, cand)]
    return sorted_unique(cand[cnt >= share * overall].astype(np.uint32))

