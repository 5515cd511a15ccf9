"""Connected groups of linked items: story families in a scan, and pairs batched by the articles they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["components"]

T = TypeVar("T", int, str)


def components(links: Iterable[tuple[T, T]]) -> Callable[[T], T]:
    """A ``find`` giving each item the smallest item of its connected group (union-find, path halving)."""
    parent: dict[T, T] = {}

    def find(x: T) -> T:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return find
