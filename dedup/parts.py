"""A passage carved into consecutive parts of one kind each, for the editor.

PAN counts one reuse as one passage, but a reworded passage often keeps a
sentence word for word, or with a word swapped: an editor wants to see that
sentence as copied, not as paraphrase. Each copy sentence of the passage is
aligned on its own (against the source words the passage-wide alignment gives
it, and against the source sentence most like it, whichever agrees better);
its *core*, from its first to its last shared content word, is a verbatim or
near-verbatim part when the core's words are similar enough. Words at a
core's edge are a paraphrase part when they are several and share a content
word with the source; otherwise (``"...," he added``, the copy's own words)
they are left out of every part. Reworded sentences are paraphrase parts.
Neighbouring parts of one kind merge (close parts only when nothing lies
between them on either side).

Only reworded passages are carved (a verbatim or near-verbatim passage's
word edits already show what changed). The passage's kind then follows from
its parts by character share (copy side): ``near_verbatim`` when more than
half of the parts' characters are in verbatim or near-verbatim parts, else
``paraphrase`` (``kind_from_parts``); its edits are then its parts' edits.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Indel

from dedup.diff import word_diff
from dedup.model import Edit, Match, MatchKind, Span
from dedup.similarity import STOPWORDS

if TYPE_CHECKING:
    from dedup.align import AlignOptions
    from dedup.align_side import Side as _Side
    from dedup.passages import Passage

__all__ = ["carve_parts", "kind_from_parts", "with_parts"]


@dataclass(frozen=True, slots=True)
class _Piece:
    """Copy tokens ``[c0, c1)`` and source tokens ``[s0, s1)`` (-1 when not known yet) of one kind."""

    kind: MatchKind
    c0: int
    c1: int
    s0: int = -1
    s1: int = -1
    similarity: float = 0.0


def _core(
    src: _Side, cpy: _Side, t0: int, t1: int, u0: int, u1: int, min_content: int
) -> tuple[float, int, int, int, int] | None:
    """The similarity of copy tokens ``[u0, u1)`` to source ``[t0, t1)`` between their outer shared content words."""
    a, b = src.norms[t0:t1], cpy.norms[u0:u1]
    anchors = [
        op
        for op in Indel.opcodes(a, b)
        if op.tag == "equal" and not STOPWORDS.issuperset(a[op.src_start : op.src_end])
    ]
    if not anchors:
        return None
    content = sum(1 for op in anchors for w in a[op.src_start : op.src_end] if w not in STOPWORDS)
    if content < min_content:
        return None
    i0, i1 = anchors[0].src_start, anchors[-1].src_end
    j0, j1 = anchors[0].dest_start, anchors[-1].dest_end
    sim = float(Indel.normalized_similarity(a[i0:i1], b[j0:j1]))
    return sim, t0 + i0, t0 + i1, u0 + j0, u0 + j1


def _pieces(
    p: Passage, src: _Side, cpy: _Side, si0: int, si1: int, ci0: int, ci1: int,
    cosine: np.ndarray, opt: AlignOptions,
) -> list[_Piece]:
    a, b = src.norms[si0:si1], cpy.norms[ci0:ci1]
    equal = [op for op in Indel.opcodes(a, b) if op.tag == "equal"]
    ends = [ci0 + op.dest_end for op in equal]

    def mapped(u0: int, u1: int) -> tuple[int, int] | None:
        """The source tokens the passage-wide alignment gives copy tokens ``[u0, u1)``."""
        k = bisect.bisect_right(ends, u0)
        if k == len(equal) or ci0 + equal[k].dest_start >= u1:
            return None
        first = equal[k]
        j = bisect.bisect_left(ends, u1, lo=k)
        last = equal[j] if j < len(equal) and ci0 + equal[j].dest_start < u1 else equal[j - 1]
        lo = si0 + first.src_start + max(0, u0 - ci0 - first.dest_start)
        hi = si0 + last.src_start + min(u1 - ci0, last.dest_end) - last.dest_start
        return lo, hi

    source_words = set(a) - STOPWORDS

    def shared(t0: int, t1: int) -> bool:
        """Whether copy tokens ``[t0, t1)`` share a content word with the source (else they are the copy's own)."""
        return not source_words.isdisjoint(cpy.norms[t0:t1])

    out: list[_Piece] = []
    for u in range(p.c0, p.c1 + 1):
        u0, u1 = max(cpy.starts[u], ci0), min(cpy.starts[u + 1], ci1)
        if u1 <= u0:
            continue
        if sum(map(source_words.__contains__, cpy.norms[u0:u1])) < opt.run_content:
            out.append(_Piece("paraphrase", u0, u1))  # too few shared content words for a close core
            continue
        here = mapped(u0, u1)
        candidates = [here] if here else []
        s = p.s0 + int(np.argmax(cosine[u, p.s0 : p.s1 + 1]))
        if (src.starts[s], src.starts[s + 1]) not in candidates:
            candidates.append((src.starts[s], src.starts[s + 1]))
        best = None
        for t0, t1 in candidates:
            core = _core(src, cpy, t0, t1, u0, u1, opt.run_content)
            if core is not None and (best is None or core > best):
                best = core
            if best is not None and best[0] == 1.0:
                break  # nothing can place it better
        if best is None or best[0] < opt.near_verbatim or best[4] - best[3] < opt.run_words:
            out.append(_Piece("paraphrase", u0, u1))
            continue
        sim, s0, s1, c0, c1 = best
        same = src.norms[s0:s1] == cpy.norms[c0:c1]
        if c0 - u0 >= opt.trim_words and shared(u0, c0):
            out.append(_Piece("paraphrase", u0, c0))
        out.append(_Piece("verbatim" if same else "near_verbatim", c0, c1, s0, s1, sim))
        if u1 - c1 >= opt.trim_words and shared(c1, u1):
            out.append(_Piece("paraphrase", c1, u1))
    return out


def _merge(pieces: list[_Piece]) -> list[_Piece]:
    """Join neighbours of one kind; close parts only when no word lies between them on either side."""
    out: list[_Piece] = []
    for q in pieces:
        last = out[-1] if out else None
        if last is not None and last.kind == q.kind:
            if q.kind == "paraphrase" and last.c1 == q.c0:
                out[-1] = _Piece("paraphrase", last.c0, q.c1)
                continue
            if q.kind != "paraphrase" and last.c1 == q.c0 and last.s1 == q.s0:
                w0, w1 = last.c1 - last.c0, q.c1 - q.c0
                sim = (last.similarity * w0 + q.similarity * w1) / (w0 + w1)
                out[-1] = _Piece(q.kind, last.c0, q.c1, last.s0, q.s1, sim)
                continue
        out.append(q)
    return out


def _place(pieces: list[_Piece], src: _Side, cpy: _Side, si0: int, si1: int) -> list[_Piece]:
    """Give each paraphrase part the source between its close neighbours (or around its own shared words)."""
    out = []
    for i, q in enumerate(pieces):
        if q.kind != "paraphrase":
            out.append(q)
            continue
        lo = max((r.s1 for r in pieces[:i] if r.kind != "paraphrase"), default=si0)
        hi = min((r.s0 for r in pieces[i + 1 :] if r.kind != "paraphrase"), default=si1)
        if hi <= lo:
            words = set(cpy.norms[q.c0 : q.c1]) - STOPWORDS
            own = [i for i in range(si0, si1) if src.norms[i] in words]
            lo, hi = (min(own), max(own) + 1) if own else (si0, si1)
        out.append(_Piece("paraphrase", q.c0, q.c1, lo, hi))
    return out


def _span(side: _Side, t0: int, t1: int) -> Span:
    u0 = bisect.bisect_right(side.starts, t0) - 1
    u1 = bisect.bisect_right(side.starts, t1 - 1) - 1
    return side.span(t0, t1, u0, u1)


def carve_parts(
    p: Passage,
    src: _Side,
    cpy: _Side,
    tokens: tuple[int, int, int, int],
    cosine: np.ndarray,
    opt: AlignOptions,
    score: float,
) -> tuple[Match, ...]:
    """The parts of the passage on source tokens ``[si0, si1)`` and copy tokens ``[ci0, ci1)``.

    Empty when no part is verbatim or near-verbatim (the passage is all
    rewording), or when the one part is the passage itself.
    """
    si0, si1, ci0, ci1 = tokens
    pieces = _pieces(p, src, cpy, si0, si1, ci0, ci1, cosine, opt)
    if all(q.kind == "paraphrase" for q in pieces):
        return ()
    pieces = _place(_merge(pieces), src, cpy, si0, si1)
    if len(pieces) == 1 and (pieces[0].c0, pieces[0].c1, pieces[0].s0, pieces[0].s1) == tokens[2:] + tokens[:2]:
        return ()
    parts = []
    for q in pieces:
        edits: tuple[Edit, ...] = ()
        if q.kind == "near_verbatim":
            edits = word_diff(src.text, src.tokens[q.s0 : q.s1], cpy.text, cpy.tokens[q.c0 : q.c1])
        part_score = 1.0 if q.kind == "verbatim" else score if q.kind == "paraphrase" else round(q.similarity, 4)
        parts.append(Match(q.kind, _span(src, q.s0, q.s1), _span(cpy, q.c0, q.c1), min(1.0, part_score), edits))
    return tuple(parts)


def kind_from_parts(parts: Sequence[Match]) -> MatchKind:
    """``near_verbatim`` when over half the parts' copy characters are copied closely, else ``paraphrase``."""
    close = sum(len(m.copy_span) for m in parts if m.kind != "paraphrase")
    total = sum(len(m.copy_span) for m in parts)
    return "near_verbatim" if 2 * close > total else "paraphrase"


def with_parts(
    m: Match, p: Passage, tokens: tuple[int, int, int, int], src: _Side, cpy: _Side, cosine: np.ndarray,
    opt: AlignOptions,
) -> Match:
    """``m`` with its parts, its kind then following their character share (``kind_from_parts``)."""
    if m.kind != "paraphrase":
        return m  # copied closely throughout: its word edits already show what changed
    parts = carve_parts(p, src, cpy, tokens, cosine, opt, m.score)
    if not parts:
        return m
    kind, edits = kind_from_parts(parts), m.edits
    if kind != m.kind:
        edits = tuple(e for part in parts for e in part.edits) if kind == "near_verbatim" else ()
    return replace(m, kind=kind, edits=edits, parts=parts)
