"""Plain view records for the HTML report, built from a ``Comparison``.

Like coverage.py's reports, every decision is made here or in ``segments``
(segment boundaries, classes, which link points where, labels, excerpts), and
the Jinja2 template only displays the result, so the logic is testable without
a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.model import Comparison, Match, Span
from dedup.report.positions import LineIndex
from dedup.report.segments import (
    KIND_LABEL,
    KIND_RANK,
    SEVERITY_RANK,
    VERDICT_LABEL,
    VERDICT_RANK,
    Paragraph,
    Segment,
    clean,
    cut_side,
    paragraph_spans,
)

__all__ = [
    "Legend",
    "MetaRow",
    "Paragraph",
    "PassageRow",
    "FindingRow",
    "QuoteRow",
    "ReportView",
    "Segment",
    "SideView",
    "build_view",
    "paragraph_spans",
    "safe_url",
]

SIDES = {"s": "Source", "c": "Copy"}
_URL_OK = re.compile(r"https?://[^\x00-\x20\x7f<>\"'`\\]+", re.I)
_EXCERPT = 160


@dataclass(frozen=True, slots=True)
class MetaRow:
    label: str
    value: str
    href: str | None = None  # only ever an http(s) URL


@dataclass(frozen=True, slots=True)
class SideView:
    key: str  # "s" or "c"
    label: str
    heading: str
    meta: tuple[MetaRow, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class PassageRow:
    ref: int
    kind: str
    kind_label: str
    score: str
    copy_excerpt: str
    source_excerpt: str
    edits: int
    parts: str = ""  # e.g. "2 verbatim, 1 near-verbatim" for the closely copied parts of a carved passage


@dataclass(frozen=True, slots=True)
class EditRow:
    op: str
    source_text: str
    copy_text: str


@dataclass(frozen=True, slots=True)
class QuoteRow:
    ref: int
    text: str
    verdict: str
    verdict_label: str
    speaker: str
    source_speaker: str
    cue: str
    source_excerpt: str | None
    has_source: bool
    edits: tuple[EditRow, ...]


@dataclass(frozen=True, slots=True)
class FindingRow:
    ref: int
    kind: str
    severity: str
    line: int
    column: int
    excerpt: str
    message: str
    suggestion: str | None
    has_source: bool
    source_excerpt: str | None


@dataclass(frozen=True, slots=True)
class Legend:
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ReportView:
    title: str
    reuse_percent: str
    source: SideView
    copy: SideView
    kinds: tuple[Legend, ...]
    verdicts: tuple[Legend, ...]
    severities: tuple[Legend, ...]
    passages: tuple[PassageRow, ...]
    quotes: tuple[QuoteRow, ...]
    findings: tuple[FindingRow, ...]
    index_href: str | None = None
    parts: str = ""  # closely copied parts inside reworded passages, e.g. "6 verbatim, 4 near-verbatim"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None: never a ``javascript:`` or ``data:`` link."""
    if not url:
        return None
    url = url.strip()
    return url if _URL_OK.fullmatch(url) else None


def _excerpt(text: str, span: Span | None, width: int = _EXCERPT) -> str:
    if span is None:
        return ""
    raw = text[span.start : span.end]
    if len(raw) > 4 * width:
        # A long passage: squeezing the whitespace of a prefix gives a prefix of the
        # squeezed whole, so when that is already too long it decides the excerpt.
        s = " ".join(clean(raw[: 4 * width]).split())
        if len(s) > width:
            return s[: width - 1] + "…"
    s = " ".join(clean(raw).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _side_view(c: Comparison, side: str) -> SideView:
    a = c.source if side == "s" else c.copy
    meta = [MetaRow("File", clean(a.path))]
    for label, value in (("Outlet", a.outlet), ("Author", a.author), ("Date", a.date)):
        if value:
            meta.append(MetaRow(label, clean(value)))
    if a.url:
        meta.append(MetaRow("URL", clean(a.url), safe_url(a.url)))
    return SideView(
        key=side,
        label=SIDES[side],
        heading=clean(a.title or a.path),
        meta=tuple(meta),
        paragraphs=cut_side(c, side),
    )


def _counts(values: list[str], order: dict[str, int], labels: dict[str, str] | None = None) -> tuple[Legend, ...]:
    keys = sorted(set(order) | set(values), key=lambda k: (-order.get(k, 0), k))
    return tuple(Legend(k, (labels or {}).get(k, k), values.count(k)) for k in keys)


def _parts_note(parts: tuple[Match, ...]) -> str:
    """How many of a passage's parts are copied closely, most exact first ("" when none)."""
    kinds = [p.kind for p in parts if p.kind != "paraphrase"]
    order = sorted(set(kinds), key=lambda k: -KIND_RANK.get(k, 0))
    return ", ".join(f"{kinds.count(k)} {KIND_LABEL.get(k, k)}" for k in order)


def build_view(c: Comparison, *, index_href: str | None = None) -> ReportView:
    """Everything the template shows for ``c``, as plain strings (the template escapes them)."""
    src, cp = c.source.text, c.copy.text
    passages = tuple(
        PassageRow(
            ref=i,
            kind=m.kind,
            kind_label=KIND_LABEL.get(m.kind, m.kind),
            score=f"{m.score:.2f}",
            copy_excerpt=_excerpt(cp, m.copy_span),
            source_excerpt=_excerpt(src, m.source_span),
            edits=len(m.edits),
            parts=_parts_note(m.parts),
        )
        for i, m in enumerate(c.matches)
    )
    quotes = tuple(
        QuoteRow(
            ref=i,
            text=_excerpt(cp, qc.quote.span, 400),
            verdict=qc.verdict,
            verdict_label=VERDICT_LABEL.get(qc.verdict, qc.verdict),
            speaker=clean(qc.quote.speaker or ""),
            source_speaker=clean(qc.source_speaker or ""),
            cue=clean(qc.quote.cue or ""),
            source_excerpt=_excerpt(src, qc.source_span, 400) if qc.source_span is not None else None,
            has_source=qc.source_span is not None,
            edits=tuple(EditRow(e.op, clean(e.source_text), clean(e.copy_text)) for e in qc.edits),
        )
        for i, qc in enumerate(c.quotes)
    )
    findings = []
    lines = LineIndex(cp if c.findings else "")
    for i, f in enumerate(c.findings):
        at = lines.at(min(max(f.span.start, 0), len(cp)))
        line, col = at.line, at.column
        findings.append(
            FindingRow(
                ref=i,
                kind=clean(f.kind),
                severity=f.severity,
                line=line,
                column=col,
                excerpt=_excerpt(cp, f.span, 120),
                message=clean(f.message),
                suggestion=clean(f.suggestion) if f.suggestion else None,
                has_source=f.source_span is not None,
                source_excerpt=_excerpt(src, f.source_span, 120) if f.source_span is not None else None,
            )
        )
    title = f"{clean(c.copy.title or c.copy.path)} ← {clean(c.source.title or c.source.path)}"
    return ReportView(
        title=title,
        reuse_percent=f"{c.reuse_fraction:.1%}",
        source=_side_view(c, "s"),
        copy=_side_view(c, "c"),
        kinds=_counts([m.kind for m in c.matches], KIND_RANK, KIND_LABEL),
        verdicts=_counts([q.verdict for q in c.quotes], VERDICT_RANK, VERDICT_LABEL),
        severities=_counts([f.severity for f in c.findings], SEVERITY_RANK),
        passages=passages,
        quotes=quotes,
        findings=tuple(findings),
        index_href=index_href,
        parts=_parts_note(tuple(p for m in c.matches for p in m.parts)),
    )
