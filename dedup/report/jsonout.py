"""The JSON shapes of ``../shared/CONTRACT.md``: the one place records become dicts.

Field names here are a public contract (CMS hooks, CI and evaluation read
them); add fields freely, never rename or drop one. ``docs/json-schema.md``
documents every field.
"""

from __future__ import annotations

import json
from typing import Any

from dedup.model import Article, Comparison, Edit, Finding, Match, Quote, QuoteCheck, Span

__all__ = [
    "article_dict",
    "comparison_dict",
    "dumps",
    "edit_dict",
    "finding_dict",
    "match_dict",
    "quote_dict",
    "quote_check_dict",
]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def article_dict(article: Article, *, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"path": article.path}
    if with_text:
        out["text"] = article.text
    out.update(article.metadata())
    out["id"] = article.id
    out["encoding"] = article.encoding
    if article.excluded:
        out["excluded"] = [_span(s) for s in article.excluded]
    return out


def edit_dict(edit: Edit) -> dict[str, Any]:
    return {
        "op": edit.op,
        "source_span": _span(edit.source_span),
        "copy_span": _span(edit.copy_span),
        "source_text": edit.source_text,
        "copy_text": edit.copy_text,
    }


def match_dict(match: Match, *, parts: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": match.kind,
        "source_span": _span(match.source_span),
        "copy_span": _span(match.copy_span),
        "score": round(match.score, 4),
        "edits": [edit_dict(e) for e in match.edits],
    }
    if parts:  # a part has no parts of its own
        out["parts"] = [match_dict(p, parts=False) for p in match.parts]
    return out


def quote_dict(quote: Quote) -> dict[str, Any]:
    return {
        "span": _span(quote.span),
        "speaker": quote.speaker,
        "speaker_span": _span(quote.speaker_span),
        "cue": quote.cue,
        "cue_span": _span(quote.cue_span),
        "scare": quote.scare,
        "partial": quote.partial,
    }


def quote_check_dict(check: QuoteCheck) -> dict[str, Any]:
    q = check.quote
    return {
        "span": _span(q.span),
        "speaker": q.speaker,
        "speaker_span": _span(q.speaker_span),
        "cue": q.cue,
        "verdict": check.verdict,
        "source_span": _span(check.source_span),
        "source_speaker": check.source_speaker,
        "score": round(check.score, 4),
        "edits": [edit_dict(e) for e in check.edits],
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": finding.kind,
        "severity": finding.severity,
        "span": _span(finding.span),
        "message": finding.message,
        "suggestion": finding.suggestion,
        "source_path": finding.source_path,
        "source_span": _span(finding.source_span),
    }
    if finding.code:
        out["code"] = finding.code
    if finding.evidence:
        out["evidence"] = dict(finding.evidence)
    return out


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "source": article_dict(c.source),
        "copy": article_dict(c.copy),
        "reuse": {"fraction": round(c.reuse_fraction, 4)},
        "matches": [match_dict(m) for m in c.matches],
        "quotes": [quote_check_dict(q) for q in c.quotes],
        "findings": [finding_dict(f) for f in c.findings],
    }


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Deterministic JSON: keys in insertion order, non-ASCII kept, no timestamps."""
    return json.dumps(obj, ensure_ascii=False, indent=indent)
