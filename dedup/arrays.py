"""Small numpy helpers for sorted integer arrays, fast on numpy 2.x (the index and the alignment use them)."""

from __future__ import annotations

import numpy as np

__all__ = ["in_sorted", "run_counts", "sorted_unique"]


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """``np.unique`` for integer arrays by sort and compare.

    numpy >= 2.3 routes ``np.unique`` through a hash table that is 15x slower
    than sorting for the 64-bit keys used here.
    """
    s = np.sort(a, kind="stable" if a.dtype.kind not in "iu" else None)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def in_sorted(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which of ``values`` occur in the sorted array ``table`` (``np.isin`` by binary search).

    ``np.isin`` sorts both arrays on every call; for many small arrays against
    one table, searching the table is 5 to 10x faster.
    """
    if not len(table):
        return np.zeros(len(values), dtype=bool)
    if values.dtype == table.dtype == np.uint32 and len(values) >= max(1 << 14, 64 * len(table)):
        return _in_small(values, table)
    return _search(values, table)


def _search(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(table, values)
    np.minimum(pos, len(table) - 1, out=pos)
    return table[pos] == values


def _in_small(values: np.ndarray, table: np.ndarray, bits: int = 20) -> np.ndarray:
    """``in_sorted`` for many uint32 hashes against a few: a table of their top ``bits`` bits
    passes about ``len(table) / 2**bits`` of the rest to the binary search (a search costs 15x a lookup)."""
    marks = np.zeros(1 << bits, dtype=bool)
    marks[table >> np.uint32(32 - bits)] = True
    maybe = np.flatnonzero(marks[values >> np.uint32(32 - bits)])
    out = np.zeros(len(values), dtype=bool)
    if len(maybe):
        out[maybe] = _search(values[maybe], table)
    return out


def run_counts(sorted_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a sorted array and how often each occurs."""
    if not len(sorted_values):
        return sorted_values, np.empty(0, dtype=np.int64)
    start = np.flatnonzero(np.concatenate(([True], sorted_values[1:] != sorted_values[:-1])))
    return sorted_values[start], np.diff(np.append(start, len(sorted_values)))
