"""The archive: MinHash signatures, LSH candidates, a persistent SQLite index, batch scans.

``shingle`` -> ``signature`` -> ``lsh`` -> ``store``; ``corpus`` reads and signs
on every core, ``verify`` checks candidate pairs, ``scan`` runs the whole batch
(``spark`` the same on a cluster), ``sources`` finds the sources of one draft.
"""

from __future__ import annotations

from dedup.index.signature import Scheme
from dedup.index.sources import SourceHit, find_source_hits, find_sources
from dedup.index.store import IndexStore

__all__ = ["IndexStore", "Scheme", "SourceHit", "find_source_hits", "find_sources"]
