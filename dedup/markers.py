"""Inline silencing: markers a journalist puts in a draft to accept a finding.

The marker is an HTML comment, invisible once Markdown or HTML is rendered::

    Prof Galleotti's colleague ... <!-- dedup: ignore NAM001 -->
    <!-- dedup: ignore QUO001, ATT003 -->        (alone in its paragraph: applies to the next one)
    <!-- dedup: ignore -->                        (every rule, this paragraph)
    <!-- dedup: ignore-file SPL001 -->            (the whole draft)

A paragraph is a run of non-blank lines. A marker silences findings that
overlap its paragraph; a marker standing alone (its paragraph holds nothing
else) silences the next paragraph instead. Rules are named by code, kind or
code prefix; a name the catalogue does not know is reported (``LNT001``) rather
than silently ignored, because a typo in a marker is a finding left unchecked.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dedup.model import Finding, Span
from dedup.rules import UnknownRule, select

__all__ = ["MARKER_RE", "Marker", "Silencer", "find_markers", "is_silenced"]

MARKER_RE = re.compile(r"<!--\s*dedup\s*:\s*(?P<verb>ignore-file|ignore)\b(?P<rules>[^>]{0,300}?)\s*-->", re.I)
_PARAGRAPH_RE = re.compile(r"[^\r\n]*\S[^\r\n]*(?:\r?\n[^\r\n]*\S[^\r\n]*)*")


@dataclass(frozen=True, slots=True)
class Marker:
    """One marker: where it is written, the text it covers, and the rule codes it silences (empty = all)."""

    span: Span
    scope: Span
    codes: frozenset[str]
    unknown: tuple[str, ...] = ()

    def silences(self, finding: Finding) -> bool:
        if not finding.span.overlaps(self.scope) and not (
            len(finding.span) == 0 and self.scope.start <= finding.span.start <= self.scope.end
        ):
            return False
        return not self.codes or finding.code in self.codes


def _codes(names: str) -> tuple[frozenset[str], tuple[str, ...]]:
    codes: set[str] = set()
    unknown: list[str] = []
    for name in re.split(r"[\s,;]+", names.strip().lstrip("=:").strip()):
        if not name:
            continue
        try:
            codes.update(r.code for r in select(name))
        except UnknownRule:
            unknown.append(name)
    return frozenset(codes), tuple(unknown)


def find_markers(text: str) -> tuple[Marker, ...]:
    """Every marker in ``text`` with the span it silences."""
    if "dedup" not in text:
        return ()
    paragraphs = [Span(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)]
    starts = [p.start for p in paragraphs]
    out = []
    for m in MARKER_RE.finditer(text):
        span = Span(m.start(), m.end())
        codes, unknown = _codes(m.group("rules"))
        if unknown and not codes:
            codes = frozenset({"-"})  # only unknown names: silence nothing rather than everything
        whole_file = m.group("verb").lower() == "ignore-file"
        scope = Span(0, len(text)) if whole_file else _scope(text, span, paragraphs, starts)
        out.append(Marker(span=span, scope=scope, codes=codes, unknown=unknown))
    return tuple(out)


def _scope(text: str, span: Span, paragraphs: list[Span], starts: list[int]) -> Span:
    index = bisect.bisect_right(starts, span.start) - 1
    if index < 0 or not paragraphs[index].contains(span):  # a marker spanning paragraphs: cover what it spans
        return span
    para = paragraphs[index]
    rest = MARKER_RE.sub("", para.of(text))
    if rest.strip() or index + 1 == len(paragraphs):
        return para
    return paragraphs[index + 1]


class Silencer:
    """Answers "does a marker accept this finding?" in about log time, however many markers a draft holds."""

    def __init__(self, markers: tuple[Marker, ...], text_length: int) -> None:
        whole = Span(0, text_length)
        self.everywhere = [m for m in markers if m.scope == whole]
        local = sorted((m for m in markers if m.scope != whole), key=lambda m: m.scope.start)
        self.local = local
        self.starts = [m.scope.start for m in local]
        self.reach: list[int] = []  # the furthest scope end among markers[: i + 1]
        for m in local:
            self.reach.append(max(m.scope.end, self.reach[-1] if self.reach else 0))

    def __call__(self, finding: Finding) -> bool:
        if any(m.silences(finding) for m in self.everywhere):
            return True
        i = bisect.bisect_right(self.starts, finding.span.end) - 1
        while i >= 0 and self.reach[i] >= finding.span.start:
            if self.local[i].silences(finding):
                return True
            i -= 1
        return False


def is_silenced(finding: Finding, markers: tuple[Marker, ...]) -> bool:
    """True when a marker accepts this finding (for one finding; use ``Silencer`` for many)."""
    return any(m.silences(finding) for m in markers)
