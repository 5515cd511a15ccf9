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

from dedup.arrays import in_sorted, run_counts, sorted_unique
from dedup.index.shingle_sets import ShingleSets

__all__ = ["site_furniture"]


def site_furniture(sets: ShingleSets, outlets: Sequence[str | None], *, min_articles: int = 5,
                   share: float = 0.9) -> np.ndarray:
    """Shingles that are one outlet's furniture: in ``min_articles`` or more of its articles, rarely elsewhere.

    A newsletter plea or standard bio repeated under every story of one site
    makes its stories look related; a wire story run by many outlets does not
    count (its phrases are spread over outlets, one copy each). Articles
    without an outlet are never used to learn furniture. ``outlets[k]`` is the
    outlet of the article whose hashes are set ``k`` of ``sets``. Sorted uint32.
    """
    if not len(sets.flat):
        return np.empty(0, dtype=np.uint32)
    codes: dict[str, int] = {}
    code = np.fromiter((codes.setdefault(o, len(codes) + 1) if o else 0 for o in outlets), dtype=np.uint64,
                       count=len(outlets))
    # One sort of (outlet, hash): how many of each outlet's articles have each hash.
    keyed, count = run_counts(np.sort((np.repeat(code, sets.lengths) << np.uint64(32)) | sets.flat.astype(np.uint64)))
    hashes = (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    keep = (keyed >> np.uint64(32) > 0) & (count >= min_articles)  # an outlet's, in enough of its articles
    cand, cnt = hashes[keep], count[keep]
    if not len(cand):
        return np.empty(0, dtype=np.uint32)
    # ... and how many articles have it at all, outlet or none: summed over the (outlet, hash) counts.
    values = sorted_unique(cand)
    hit = in_sorted(hashes, values)
    overall = np.zeros(len(values), dtype=np.int64)
    np.add.at(overall, np.searchsorted(values, hashes[hit]), count[hit])
    return sorted_unique(cand[cnt >= share * overall[np.searchsorted(values, cand)]])
