"""Passage alignment: which passages of the copy derive from which passages of the source.

The design follows the PAN text-alignment winners (seed, extend, filter):

1. **seed** on sentence pairs that share several rare content words (tf-isf
   cosine and Dice, or a short sentence contained in a longer one), and on
   exact runs of words lifted into a new sentence (``dedup.lifted``);
2. **extend** seeds into maximal passages close together on both sides and
   grow them by weakly similar neighbours (``dedup.passages``);
3. **filter** copy-side overlaps, then **trim** each passage to the words
   it actually shares (a lifted clause gets the clause's offsets, not its
   sentence's) and **classify** it by word-level similarity; neighbouring
   passages of a rewording that swapped neighbouring source stretches join;
4. **carve** each passage into parts for the editor (``dedup.parts``): a
   sentence copied word for word inside a reworded passage is a verbatim part,
   and the passage's kind follows its parts' character share.

Every span indexes the original texts; words are compared in their
normalised forms (``dedup.text``), so Kiev/Kyiv or curly quotes never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from rapidfuzz.distance import Indel, Opcode

from dedup.align_options import AlignOptions, unit_count
from dedup.align_side import Side, side_of
from dedup.diff import word_diff
from dedup.lifted import find_runs
from dedup.model import Article, Edit, Match, MatchKind, Sentence, Span
from dedup.name_words import evidence, quoted
from dedup.parts import with_parts
from dedup.passages import Passage, PassageCosine, carve, cluster, extend, resolve_overlaps
from dedup.similarity import STOPWORDS, compounds_between, content_terms, pair_scores, unit_terms

__all__ = ["AlignOptions", "align", "reuse_fraction", "unit_count"]


def align(
    source: Article,
    copy: Article,
    source_sents: Sequence[Sentence],
    copy_sents: Sequence[Sentence],
    *,
    options: AlignOptions | None = None,
) -> tuple[Match, ...]:
    """The passages of ``copy`` derived from ``source``, sorted by their place in the copy."""
    opt = options or AlignOptions()
    if not source_sents or not copy_sents:
        return ()
    src = side_of(source.text, source_sents, opt.unit_words)
    cpy = side_of(copy.text, copy_sents, opt.unit_words)
    to_src, to_cpy = compounds_between(cpy.vocab, src.vocab), compounds_between(src.vocab, cpy.vocab)
    scores = pair_scores(
        unit_terms(cpy.norms, cpy.starts, to_src, cpy.terms), unit_terms(src.norms, src.starts, to_cpy, src.terms)
    )
    seed = (scores.shared >= opt.min_shared) & (
        ((scores.cosine >= opt.seed_cosine) & (scores.dice >= opt.seed_dice))
        | ((scores.contain >= opt.seed_contain) & (scores.shared >= opt.min_shared + 1))
    )
    seeds = set(zip(*(axis.tolist() for axis in np.nonzero(seed)), strict=True))
    s_of, c_of = src.unit, cpy.unit
    seeded: np.ndarray = np.asarray(seed.any(axis=1))
    runs = (
        find_runs(
            src.norms,
            cpy.norms,
            min_words=opt.run_words,
            min_content=opt.run_content,
            starts=(~seeded[c_of]).tolist(),
        )
        if not seeded.all()
        else []
    )
    for r in runs:
        seeds.add((int(c_of[r.copy_start]), int(s_of[r.source_start])))
        seeds.add((int(c_of[r.copy_start + r.length - 1]), int(s_of[r.source_start + r.length - 1])))
    if not seeds:
        return ()

    cosine = PassageCosine(scores.cosine, scores.copy_gram, scores.source_gram)
    weight = {p: float(scores.cosine[p]) for p in seeds}
    real = np.diff(cpy.starts) >= opt.run_words  # a unit of a few words is a fragment, not a sentence
    sentence_count = np.concatenate(([0], np.cumsum(real))).tolist()
    passages = cluster(seeds, opt.max_gap, cosine, opt.passage_cosine, weight, opt.order_slack, sentence_count)
    near = (scores.cosine >= opt.weak_cosine) & (scores.shared >= opt.weak_shared)
    # Only links resting on a term or two can rest on names alone; checking words is the slow part.
    weak = _NamesChecked(near, near & (scores.shared < opt.weak_shared + 2), src, cpy, to_src, to_cpy, opt.weak_shared)
    passages = resolve_overlaps(passages)
    grown = [] if opt.extend else passages
    for p, taken in zip(passages, _taken_by_others(passages, cpy.units), strict=True) if opt.extend else ():
        grown.append(extend(p, weak, opt.max_gap, taken))
    passages = resolve_overlaps(grown)
    if opt.summary_ratio:
        passages = _summaries(passages, src, cpy, cosine, opt)
    if opt.carve:
        passages = [piece for p in passages for piece in _carve(p, src, cpy, scores.cosine, weak, opt)]
    found = _shuffles([r for r in (_match(p, src, cpy, opt) for p in passages) if r is not None], src, cpy, cosine, opt)
    where = {id(m): (p, t) for m, p, t in found}
    kept = _one_rewording_per_source([m for m, _, _ in found])
    matches = [with_parts(m, *where[id(m)], src, cpy, scores.cosine, opt) for m in kept]
    return tuple(sorted(matches, key=lambda m: (m.copy_span, m.source_span)))


def _taken_by_others(passages: list[Passage], units: int) -> list[np.ndarray]:
    """For each passage, the copy sentences the others claim: all claimed ones but its own, as
    ``resolve_overlaps`` leaves no sentence to two passages (one pass, not one per passage)."""
    claimed = np.zeros(units, dtype=bool)
    for q in passages:
        claimed[q.c0 : q.c1 + 1] = True
    out = []
    for p in passages:
        taken = claimed.copy()
        taken[p.c0 : p.c1 + 1] = False
        out.append(taken)
    return out


_Found = tuple[Match, Passage, tuple[int, int, int, int]]


def _shuffles(found: list[_Found], src: Side, cpy: Side, cosine: PassageCosine, opt: AlignOptions) -> list[_Found]:
    """Join neighbouring passages of a rewording that swapped neighbouring stretches of the source.

    A rewrite reorders sentences freely, so its reused stretch can come out
    as two passages next to each other in the copy whose sources sit side by
    side in the opposite order. When one of them is reworded (order is no
    evidence there) and the two together still read alike, they are one
    reuse. Two close copies keep apart: a moved block of copied text is
    exactly located, and an editor is better served by two links.
    """
    out: list[_Found] = []
    for item in sorted(found, key=lambda f: f[1].c0):
        if out:
            (m, p, t), (n, q, u) = out[-1], item
            gap = q.s0 - p.s1 - 1 if q.s0 > p.s1 else p.s0 - q.s1 - 1 if p.s0 > q.s1 else -1
            if (
                "paraphrase" in (m.kind, n.kind)
                and 0 <= gap <= opt.order_slack
                and q.c0 - p.c1 - 1 <= opt.max_gap
            ):
                joined = Passage(p.c0, q.c1, min(p.s0, q.s0), max(p.s1, q.s1))
                score = cosine(joined)
                if score >= opt.passage_cosine:
                    spans = m.source_span.union(n.source_span), m.copy_span.union(n.copy_span)
                    tokens = min(t[0], u[0]), max(t[1], u[1]), min(t[2], u[2]), max(t[3], u[3])
                    joined = replace(joined, cosine=score)
                    out[-1] = Match("paraphrase", *spans, round(max(score, m.score, n.score), 4)), joined, tokens
                    continue
        out.append(item)
    return out


def _one_rewording_per_source(matches: list[Match]) -> list[Match]:
    """Drop a paraphrase whose source passage is mostly claimed by a better match.

    A copy may repeat a source sentence word for word, but one source passage
    loosely resembling several places of the copy is a shared topic, not reuse.
    """
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.kind == "paraphrase", -m.score)):
        if m.kind == "paraphrase" and any(
            2 * _overlap(m.source_span, k.source_span) > min(len(m.source_span), len(k.source_span)) for k in kept
        ):
            continue
        kept.append(m)
    return kept


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _summaries(
    passages: list[Passage], src: Side, cpy: Side, cosine: PassageCosine, opt: AlignOptions
) -> list[Passage]:
    """Merge neighbouring passages that condense a much longer stretch of the source.

    A summary takes a sentence from here and a sentence from there: its
    passages sit together in the copy but spread over the source. When a run
    of passages close in the copy covers ``summary_ratio`` times more source
    than copy text and still reads alike as a whole, it is one reuse.
    """
    out: list[Passage] = []
    group: list[Passage] = []

    def flush() -> None:
        if len(group) > 1:
            merged = Passage(group[0].c0, group[-1].c1, min(q.s0 for q in group), max(q.s1 for q in group))
            c_len = cpy.bounds[merged.c1][1] - cpy.bounds[merged.c0][0]
            s_len = src.bounds[merged.s1][1] - src.bounds[merged.s0][0]
            score = cosine(merged)
            if s_len >= opt.summary_ratio * c_len and score >= opt.passage_cosine:
                out.append(Passage(merged.c0, merged.c1, merged.s0, merged.s1, score))
                return
        out.extend(group)

    for p in sorted(passages, key=lambda q: q.c0):
        if group and p.c0 - group[-1].c1 - 1 > opt.max_gap:
            flush()
            group = []
        group.append(p)
    flush()
    return out


def _carve(
    p: Passage, src: Side, cpy: Side, cosine: np.ndarray, weak: _NamesChecked, opt: AlignOptions
) -> list[Passage]:
    """Split a passage into its near-verbatim and its reworded stretches (``passages.carve``)."""
    place, close = [], []
    for c in range(p.c0, p.c1 + 1):
        row = cosine[c, p.s0 : p.s1 + 1]
        s = p.s0 + int(row.argmax())
        similar = bool(weak[c, s])
        place.append(s if similar else -1)
        close.append(similar and Indel.normalized_similarity(cpy.words(c), src.words(s)) >= opt.near_verbatim)
    return carve(p, place, close)


def _anchors(a: list[str], b: list[str]) -> list[Opcode]:
    """The blocks of identical words with a content word in them (a shared "said the" is no anchor)."""
    return [
        op
        for op in Indel.opcodes(a, b)
        if op.tag == "equal" and not STOPWORDS.issuperset(a[op.src_start : op.src_end])
    ]


class _NamesChecked:
    """``weak`` without the links that rest on names alone: two sentences sharing "Dr. Ana Ruiz said"
    share a speaker, not wording, and must not pull an uncopied sentence into a passage.

    Reads like the boolean matrix (``shape``, ``[rows, cols]``), but a suspect link's words are
    checked only when a read first covers it: ``extend`` reads the neighbours of passages, and
    most suspect links lie nowhere near one.
    """

    def __init__(
        self,
        weak: np.ndarray,
        suspect: np.ndarray,
        src: Side,
        cpy: Side,
        to_src: frozenset[str],
        to_cpy: frozenset[str],
        need: int,
    ) -> None:
        self.shape = weak.shape
        self._weak, self._todo = weak.copy(), suspect.copy()
        self._rows, self._cols = self._unchecked()  # a read of another row or column is a plain read
        self._sides, self._need = ((cpy, to_src), (src, to_cpy)), need
        self._memo: dict[tuple[int, int], set[str]] = {}

    def _ordinary(self, key: int, u: int) -> set[str]:
        if (key, u) not in self._memo:
            side, compounds = self._sides[key]
            self._memo[key, u] = set(content_terms(side.plain_words(u), compounds))
        return self._memo[key, u]

    def _unchecked(self) -> tuple[set[int], set[int]]:
        rows, cols = np.nonzero(self._todo)
        return set(rows.tolist()), set(cols.tolist())

    def __getitem__(self, key: Any) -> Any:
        row, col = key
        if (
            self._rows
            and (type(row) is not int or row in self._rows)
            and (type(col) is not int or col in self._cols)
            and self._todo[key].any()
        ):
            mask = np.zeros(self.shape, dtype=bool)
            mask[key] = self._todo[key]
            for c, s in zip(*np.nonzero(mask), strict=True):
                if len(self._ordinary(0, int(c)) & self._ordinary(1, int(s))) < self._need:
                    self._weak[c, s] = False
            self._todo[mask] = False
            self._rows, self._cols = self._unchecked()
        return self._weak[key]


def _match(p: Passage, src: Side, cpy: Side, opt: AlignOptions) -> _Found | None:
    """The match of passage ``p`` trimmed to its shared words, with the token ranges it covers; None if too weak."""
    si0, si1 = src.starts[p.s0], src.starts[p.s1 + 1]
    ci0, ci1 = cpy.starts[p.c0], cpy.starts[p.c1 + 1]
    a, b = src.norms[si0:si1], cpy.norms[ci0:ci1]
    blocks = _anchors(a, b)
    if not blocks:
        return None
    i0, i1, j0, j1 = blocks[0].src_start, blocks[-1].src_end, blocks[0].dest_start, blocks[-1].dest_end
    # Cut an unmatched edge only when it is long enough to be new wording, not noise.
    i0 = i0 if i0 >= opt.trim_words else 0
    j0 = j0 if j0 >= opt.trim_words else 0
    i1 = i1 if len(a) - i1 >= opt.trim_words else len(a)
    j1 = j1 if len(b) - j1 >= opt.trim_words else len(b)
    lower = evidence(blocks, cpy.tokens[ci0:ci1], cpy.text, max(opt.min_shared, opt.phrase_words))
    si0, si1, ci0, ci1 = si0 + i0, si0 + i1, ci0 + j0, ci0 + j1
    a, b = a[i0:i1], b[j0:j1]
    s_tokens, c_tokens = src.tokens[si0:si1], cpy.tokens[ci0:ci1]
    if len(c_tokens) < opt.run_words or len(s_tokens) < opt.run_words or lower < opt.min_shared:
        return None  # too little shared wording to call it reuse
    copy_span = cpy.span(ci0, ci1, p.c0, p.c1)
    # A phrase shorter than a sentence: names ("National Weather Service") and idioms recur
    # by chance; it counts with enough ordinary words, or when the copy quotes it.
    short = len(copy_span) < opt.paraphrase_chars and lower < opt.phrase_words
    if short and (lower < opt.run_content or not quoted(cpy.text, copy_span)):
        return None
    similarity = float(Indel.normalized_similarity(a, b))
    kind: MatchKind
    edits: tuple[Edit, ...]
    if a == b:
        kind, edits = "verbatim", ()
    elif similarity >= opt.near_verbatim:
        kind, edits = "near_verbatim", word_diff(src.text, s_tokens, cpy.text, c_tokens)
    else:
        kind, edits = "paraphrase", ()
        if min(s_tokens[-1].end - s_tokens[0].start, c_tokens[-1].end - c_tokens[0].start) < opt.paraphrase_chars:
            return None  # loose wording over less than a sentence: topic, not reuse
        if p.c0 == p.c1 and p.cosine < opt.lone_paraphrase:
            return None  # one loosely similar sentence and nothing around it: likely shared topic
    score = min(1.0, 1.0 if kind == "verbatim" else round(max(similarity, p.cosine), 4))
    return Match(kind, src.span(si0, si1, p.s0, p.s1), copy_span, score, edits), p, (si0, si1, ci0, ci1)


def reuse_fraction(copy: Article, matches: Sequence[Match]) -> float:
    """Share of the copy's non-whitespace characters, outside excluded furniture, inside matches."""
    text = copy.text
    excluded = _union([(e.start, e.end) for e in copy.excluded])
    total = _visible(text, [(0, len(text))]) - _visible(text, excluded)
    if not total:
        return 0.0
    covered = _union([(m.copy_span.start, m.copy_span.end) for m in matches])
    inside = [(max(a, c), min(b, d)) for a, b in covered for c, d in excluded if max(a, c) < min(b, d)]
    return round((_visible(text, covered) - _visible(text, inside)) / total, 4)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans merged into disjoint, sorted ranges."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        elif a < b:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _visible(text: str, spans: list[tuple[int, int]]) -> int:
    """Non-whitespace characters in the disjoint ``spans`` (``str.split`` drops exactly the ``isspace`` ones)."""
    return sum(len("".join(text[a:b].split())) for a, b in spans)
