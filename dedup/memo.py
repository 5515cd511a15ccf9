"""A bounded memo table: what a hot per-word lookup needs, where ``lru_cache`` costs too much.

A hit is a plain dict lookup (about half an ``lru_cache`` call), so tokenising,
term lookup and shingle hashing, which look up every word of every article,
read the table with ``map(table.__getitem__, words)`` at C speed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["MemoTable"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class MemoTable(dict[K, V]):
    """``compute(key)`` remembered by key; emptied when it would pass ``bound`` entries (then refilled as needed)."""

    def __init__(self, compute: Callable[[K], V], bound: int = 200_000) -> None:
        super().__init__()
        self.compute = compute
        self.bound = bound

    def __missing__(self, key: K) -> V:
        if len(self) >= self.bound:
            self.clear()
        value = self[key] = self.compute(key)
        return value
