"""Compare one source with one copy: the pipeline behind ``dedup compare``.

segment -> align (matches) -> quotes of both -> quote checks -> findings.
Each stage is its own module; this one only wires them in order.
"""

from __future__ import annotations

from dedup.align import align, reuse_fraction
from dedup.model import Article, Comparison
from dedup.segment import segment

__all__ = ["compare"]


def compare(source: Article, copy: Article) -> Comparison:
    """Everything ``copy`` took from ``source``, with offsets into each original text."""
    matches = align(source, copy, segment(source), segment(copy))
    return Comparison(
        source=source,
        copy=copy,
        matches=tuple(matches),
        reuse_fraction=reuse_fraction(copy, matches),
    )
