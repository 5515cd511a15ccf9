"""From seed sentence pairs to maximal reused passages (the PAN 2014 winners' extension step).

Seeds (copy sentence, source sentence) are grouped into clusters whose
sentences lie close together on *both* sides: the seeds are cut wherever
more than ``max_gap`` sentences separate neighbours in the copy, then in the
source, then where the order of the source goes back, until no cut is left (Sanchez-Perez, Sidorov and Gelbukh, 2014). A
cluster becomes a passage only if the passage as a whole still reads alike
(tf-isf cosine of the summed sentence vectors); otherwise its seeds are
re-clustered with a smaller gap, so reordered or interleaved reuse comes out
as several passages instead of one glued block. Passages then grow by
neighbouring sentences that are weakly similar (a sentence split in two, a
condensed pair), and copy-side overlaps are resolved for the better passage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Protocol

import numpy as np

__all__ = ["Links", "Passage", "PassageCosine", "carve", "cluster", "extend", "resolve_overlaps"]

Seed = tuple[int, int]  # (copy sentence, source sentence)


@dataclass(frozen=True, slots=True)
class Passage:
    """Inclusive sentence ranges ``copy[c0..c1]`` and ``source[s0..s1]`` with their cosine."""

    c0: int
    c1: int
    s0: int
    s1: int
    cosine: float = 0.0


_BY_SOURCE = itemgetter(1, 0)


def _split(seeds: list[Seed], side: int, max_gap: int) -> list[list[Seed]]:
    seeds = sorted(seeds) if side == 0 else sorted(seeds, key=_BY_SOURCE)  # by this side, then the other
    groups = [[seeds[0]]]
    for p in seeds[1:]:
        if p[side] - groups[-1][-1][side] > max_gap + 1:
            groups.append([p])
        else:
            groups[-1].append(p)
    return groups


def _split_order(seeds: list[Seed], weight: Mapping[Seed, float], slack: int, own: Sequence[int]) -> list[list[Seed]]:
    """Cut where the source goes back, or where the copy inserts sentences of its own.

    Each copy sentence is placed by its strongest seed, so a stray weak seed
    (a repeated phrase elsewhere in the source) cannot cut a passage. Going
    back more than ``slack`` sentences means a moved paragraph. A gap in the
    copy more than ``slack`` sentences longer than the matching gap in the
    source means the copy added its own sentences there (a rewrite that
    obfuscates loses similarity on both sides at once, an insertion on one).
    """
    by_copy: dict[int, list[Seed]] = {}
    for p in seeds:
        by_copy.setdefault(p[0], []).append(p)
    groups: list[list[Seed]] = []
    last_c = last_s = -1
    for c in sorted(by_copy):
        row = by_copy[c]
        best = row[0][1] if len(row) == 1 else max(row, key=lambda p: (weight.get(p, 0.0), -p[1]))[1]
        inserted = own[c] - own[last_c + 1] if groups else 0
        if not groups or best < last_s - slack or inserted > max(0, abs(best - last_s) - 1) + slack:
            groups.append([])
        groups[-1].extend(row)
        last_c, last_s = c, best
    return groups


def _clusters(
    seeds: list[Seed], max_gap: int, weight: Mapping[Seed, float], slack: int, own: Sequence[int]
) -> list[list[Seed]]:
    done, todo = [], [seeds]
    while todo:
        group = todo.pop()
        if len(group) == 1:  # one seed: no cut to make
            done.append(group)
            continue
        for parts in (_split(group, 0, max_gap), _split(group, 1, max_gap), _split_order(group, weight, slack, own)):
            if len(parts) > 1:
                todo.extend(parts)
                break
        else:
            done.append(group)
    return done


class PassageCosine:
    """Cosine between the summed tf-isf vectors of a passage's two sides, in O(1) per passage.

    With unit-length sentence vectors, (sum a_i) . (sum b_j) is the sum of a
    block of the cross cosine matrix and |sum a_i|^2 a block of the copy's own
    Gram matrix; 2-D prefix sums of the three matrices give any block at once.
    """

    def __init__(self, cross: np.ndarray, copy_gram: np.ndarray, source_gram: np.ndarray) -> None:
        self._cross = _prefix(cross)
        self._cc = _prefix(copy_gram)
        self._ss = _prefix(source_gram)

    def __call__(self, p: Passage) -> float:
        dot = _block(self._cross, p.c0, p.c1, p.s0, p.s1)
        na = _block(self._cc, p.c0, p.c1, p.c0, p.c1)
        nb = _block(self._ss, p.s0, p.s1, p.s0, p.s1)
        return float(dot / np.sqrt(na * nb)) if na > 0 and nb > 0 else 0.0


def _prefix(m: np.ndarray) -> np.ndarray:
    out = np.zeros((m.shape[0] + 1, m.shape[1] + 1))
    # ``np.cumsum`` is this ufunc's accumulate (the same sums, bit for bit) behind a wrapper costing µs a call
    _accumulate(_accumulate(m, axis=0), axis=1, out=out[1:, 1:])
    return out


_accumulate = np.add.accumulate


def _block(pre: np.ndarray, r0: int, r1: int, c0: int, c1: int) -> float:
    """Sum of ``m[r0..r1, c0..c1]`` (inclusive) from its prefix sums."""
    return float(pre[r1 + 1, c1 + 1] - pre[r0, c1 + 1] - pre[r1 + 1, c0] + pre[r0, c0])


def cluster(
    seeds: Iterable[Seed],
    max_gap: int,
    cosine: Callable[[Passage], float],
    min_cosine: float,
    weight: Mapping[Seed, float],
    slack: int = 1,
    sentence_count: Sequence[int] | None = None,
) -> list[Passage]:
    """Passages from seeds: clusters cut at gaps, each validated by its passage cosine.

    ``weight`` ranks a copy sentence's seeds (the strongest places it in the
    source); ``slack`` is how far back, in sentences, the source may step
    inside one passage, or how many more sentences the copy may insert than
    the source leaves out: a rewrite swaps neighbours freely, but a paragraph
    moved further, or a block of the copy's own sentences, starts a new passage.
    ``sentence_count[c]`` is how many real sentences (not a stray fragment
    such as "Element.") the copy has before sentence ``c``; by default all count.
    """
    seeds = list(seeds)
    own = sentence_count if sentence_count is not None else range(max((c for c, _ in seeds), default=0) + 2)
    out: list[Passage] = []
    todo = [(sorted(set(seeds)), max_gap)]
    while todo:
        group, gap = todo.pop()
        if not group:
            continue
        for members in _clusters(group, gap, weight, slack, own):
            cs = [c for c, _ in members]
            ss = [s for _, s in members]
            p = Passage(min(cs), max(cs), min(ss), max(ss))
            score = cosine(p)
            if score >= min_cosine or len(members) == 1 or gap == 0:
                out.append(Passage(p.c0, p.c1, p.s0, p.s1, score))
            else:
                todo.append((members, gap - 1))
    return out


class Links(Protocol):
    """A boolean matrix as ``extend`` reads it: a numpy array, or one that works out cells when read."""

    @property
    def shape(self) -> tuple[int, ...]: ...

    def __getitem__(self, key: Any) -> Any: ...


def extend(
    p: Passage,
    weak: Links,
    max_gap: int,
    taken: np.ndarray,
) -> Passage:
    """Grow ``p`` by neighbouring sentences weakly similar to its other side.

    ``weak[c, s]`` marks weakly similar pairs; ``taken[c]`` marks copy
    sentences already in another passage. The copy side grows one sentence at
    a time, pairing the new sentence with a source sentence inside or up to
    ``max_gap`` beyond the passage; the source side grows when its next
    sentence is weakly similar to any copy sentence of the passage.
    """
    nc, ns = weak.shape
    c0, c1, s0, s1 = p.c0, p.c1, p.s0, p.s1
    changed = True
    while changed:
        changed = False
        if c1 + 1 < nc and not taken[c1 + 1]:
            hits = np.flatnonzero(weak[c1 + 1, s0 : min(ns, s1 + max_gap + 2)])
            if hits.size:
                c1, s1 = c1 + 1, max(s1, s0 + int(hits[-1]))
                changed = True
        if c0 > 0 and not taken[c0 - 1]:
            lo = max(0, s0 - max_gap - 1)
            hits = np.flatnonzero(weak[c0 - 1, lo : s1 + 1])
            if hits.size:
                c0, s0 = c0 - 1, min(s0, lo + int(hits[0]))
                changed = True
        if s1 + 1 < ns and weak[c0 : c1 + 1, s1 + 1].any():
            s1 += 1
            changed = True
        if s0 > 0 and weak[c0 : c1 + 1, s0 - 1].any():
            s0 -= 1
            changed = True
    return Passage(c0, c1, s0, s1, p.cosine)


def resolve_overlaps(passages: list[Passage]) -> list[Passage]:
    """Keep, for each copy sentence, only the best passage that claims it.

    A passage that shares copy sentences with a better one loses those
    sentences at its edge; one left with none is dropped.
    """
    kept: list[Passage] = []
    for p in sorted(passages, key=lambda q: (-q.cosine, q.c0)):
        c0, c1 = p.c0, p.c1
        for k in kept:
            if k.c0 <= c0 <= k.c1:
                c0 = k.c1 + 1
            if k.c0 <= c1 <= k.c1:
                c1 = k.c0 - 1
            if c0 <= k.c0 and k.c1 <= c1:  # a better passage inside this one: keep the larger part
                if k.c0 - c0 >= c1 - k.c1:
                    c1 = k.c0 - 1
                else:
                    c0 = k.c1 + 1
            if c0 > c1:
                break
        if c0 <= c1:
            kept.append(Passage(c0, c1, p.s0, p.s1, p.cosine))
    return sorted(kept, key=lambda q: q.c0)


def carve(p: Passage, place: Sequence[int], close: Sequence[bool]) -> list[Passage]:
    """Split a passage where its copy sentences switch between close copying and rewording.

    ``place[k]`` is the source sentence the passage's ``k``-th copy sentence
    comes from (-1 when none is similar), ``close[k]`` whether its wording is
    near-verbatim. A passage that mixes both is several reuses of different
    kinds for an editor: each maximal stretch becomes its own passage, a
    reworded stretch spanning the source between its neighbours.
    """
    n = p.c1 - p.c0 + 1
    if n == 1 or all(close) or not any(close):
        return [p]
    pieces: list[tuple[int, int]] = []  # inclusive ranges of k
    for k in range(n):
        if pieces and close[k] == close[pieces[-1][0]]:
            pieces[-1] = (pieces[-1][0], k)
        else:
            pieces.append((k, k))

    def known(piece: tuple[int, int]) -> list[int]:
        return [place[k] for k in range(piece[0], piece[1] + 1) if place[k] >= 0]

    out: list[Passage] = []
    for i, piece in enumerate(pieces):
        here = known(piece)
        if here:
            lo, hi = min(here), max(here)
        else:  # reworded beyond recognition: it stands for the source between its neighbours
            lo = max(known(pieces[i - 1])) + 1 if i else p.s0
            hi = min(known(pieces[i + 1])) - 1 if i + 1 < len(pieces) else p.s1
        if lo <= hi:
            out.append(Passage(p.c0 + piece[0], p.c0 + piece[1], lo, hi, p.cosine))
    return out
