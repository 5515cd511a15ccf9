"""unattributed_reuse: passages of the copy taken from the source with neither quotation marks nor credit.

Only verbatim and near-verbatim matches are judged (a paraphrase is the
copy's own wording). Credit is "nearby" when the sentence, an earlier sentence
of its paragraph or the last sentence of the paragraph before names the
source's writer or outlet (or a pronoun) with a reporting verb: news
attribution carries on through a paragraph. A copy that never names the
writer or outlet credits nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from dedup.attribution import AttributionInputs, make_finding, mentioned, mentions, norm_words
from dedup.hedges import has_attribution
from dedup.memo import MemoTable
from dedup.model import Finding, Sentence, Span
from dedup.text import WORD_RE
from dedup.voice import source_voice

__all__ = ["MIN_WORDS", "reuse_findings"]

MIN_WORDS = 12  # uncredited words of one match below which nothing is reported


_DATELINE_WIRES = ("AP", "Reuters", "AFP", "PA", "UPI", "dpa", "Bloomberg", "CNN", "AAP")  # "(AP)"
_NAMED_WIRES = ("Associated Press", "Reuters", "Agence France-Presse", "Press Association", "Bloomberg News")
_REPUBLISHED = ("originally appeared", "originally published", "republished", "reprinted with permission")
_WIRE_RE = re.compile(
    rf"\(({'|'.join(_DATELINE_WIRES)})\)|\b({'|'.join(_NAMED_WIRES)})\b|"
    r"\b(?:originally (?:appeared|published)|republished|reprinted with permission)\b"
)
# Every match holds one of these verbatim: most texts hold none, and `in` is much faster than the regex.
_WIRE_LITERALS = tuple(f"({w})" for w in _DATELINE_WIRES) + _NAMED_WIRES + _REPUBLISHED
_WIRE_NAMES = {
    "associated press": "ap",
    "agence france-presse": "afp",
    "press association": "pa",
    "bloomberg news": "bloomberg",
}


def _find_wire_credits(text: str) -> frozenset[str]:
    """Wire services and republication notes credited in ``text`` ("(AP)", "Reuters", "originally appeared")."""
    if not any(w in text for w in _WIRE_LITERALS):
        return frozenset()
    out: set[str] = set()
    for m in _WIRE_RE.finditer(text):
        name = (m.group(1) or m.group(2) or "republished").lower()
        out.add(_WIRE_NAMES.get(name, name))
    return frozenset(out)


# ``_find_wire_credits`` of the last texts: each article is a copy or a source in several pairs of a scan.
_wire_credits: MemoTable[str, frozenset[str]] = MemoTable(_find_wire_credits, 64)


def _before(sents: Sequence[Sentence], i: int) -> list[int]:
    """The sentences before ``i`` in its paragraph, nearest first, then the last of the paragraph before
    (paragraph numbers never fall in text order; the one before may hold no sentence)."""
    para = sents[i].paragraph
    j = i - 1
    while j >= 0 and sents[j].paragraph == para:
        j -= 1
    return list(range(i - 1, j, -1)) + ([j] if j >= 0 and sents[j].paragraph == para - 1 else [])


def reuse_findings(inp: AttributionInputs) -> list[Finding]:
    """unattributed_reuse: verbatim or near-verbatim sentences with no quotation marks and no credit nearby.

    Credit is "nearby" when the sentence, an earlier sentence of its paragraph
    or the last sentence of the paragraph before names the source's writer or
    outlet (or a pronoun) with a reporting verb: news attribution carries on
    through a paragraph. A copy that never names the writer or outlet at all
    credits nothing.
    """
    voice = inp.voice or source_voice(inp.source)
    cp = inp.copy.text
    names = [n for n in (voice.name, inp.source.author, inp.source.outlet) if n]
    wires = _wire_credits[cp]
    if wires and (not names or wires & _wire_credits[inp.source.text]):
        return []  # the copy credits the wire service ("WASHINGTON (AP) —") the source also came from
    quotes = [q.span for q in inp.copy_quotes]
    sents = inp.copy_sentences

    @cache  # read only when a bare passage needs it: it reads every word of the copy
    def credited_anywhere() -> bool:
        if not names:
            return True
        words = norm_words(cp)
        return any(mentioned(words, n) for n in names)

    @cache  # asked again for the same sentences by every match of the paragraph
    def credits(i: int) -> bool:
        span = sents[i].span
        return has_attribution(cp, span.start, span.end) and (
            not names or any(mentions(cp, span.start, span.end, n, pronouns=True) for n in names)
        )

    def quoted(span: Span) -> bool:
        inside = sum(max(0, min(q.end, span.end) - max(q.start, span.start)) for q in quotes)
        return inside * 2 >= len(span)

    out = []
    who = voice.name or inp.source.outlet or "the source"
    ends = [s.span.end for s in sents]  # sentences are in text order and do not overlap
    for m in inp.matches:
        if m.kind == "paraphrase":
            continue
        bare = []
        for i in range(bisect_right(ends, m.copy_span.start), len(sents)):  # the first that may overlap on
            sent = sents[i]
            if sent.span.start >= m.copy_span.end:
                break
            if not sent.span.overlaps(m.copy_span):
                continue
            part = Span(max(sent.span.start, m.copy_span.start), min(sent.span.end, m.copy_span.end))
            if quoted(part):
                continue
            if credited_anywhere() and (credits(i) or any(credits(j) for j in _before(sents, i))):
                continue
            bare.append(part)
        if not bare or sum(len(WORD_RE.findall(cp, b.start, b.end)) for b in bare) < MIN_WORDS:  # words, as tokenize
            continue  # a shared phrase ("the New Hampshire primary") is not a passage taken
        out.append(
            make_finding(
                "unattributed_reuse",
                "warning",
                Span(bare[0].start, bare[-1].end),
                f"Passage taken from {who} ({m.kind.replace('_', '-')}, score {m.score:.2f}) with no quotation "
                "marks and no attribution nearby.",
                inp,
                suggestion=f"Quote and attribute it to {who}, or rewrite it in your own words with credit.",
                source_span=m.source_span,
            )
        )
    return out
