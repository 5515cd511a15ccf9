"""A plain-text summary of a comparison, for a terminal."""

from __future__ import annotations

from dedup.model import Comparison
from dedup.text import span_text

__all__ = ["render_text"]


def _clip(s: str, width: int = 90) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def render_text(c: Comparison) -> str:
    lines = [
        f"source: {c.source.path}" + (f"  ({c.source.title})" if c.source.title else ""),
        f"copy:   {c.copy.path}" + (f"  ({c.copy.title})" if c.copy.title else ""),
        f"reused: {c.reuse_fraction:.1%} of the copy in {len(c.matches)} passage(s)",
        "",
    ]
    for m in c.matches:
        lines.append(f"{m.kind:<13} {m.score:.2f}  copy {m.copy_span.start}-{m.copy_span.end}"
                     f"  <- source {m.source_span.start}-{m.source_span.end}")
        lines.append(f"    copy:   {_clip(span_text(c.copy.text, m.copy_span))}")
        lines.append(f"    source: {_clip(span_text(c.source.text, m.source_span))}")
        for part in m.parts:
            if part.kind != "paraphrase":
                lines.append(f"    - {part.kind} part {part.score:.2f}: {_clip(span_text(c.copy.text, part.copy_span), 76)}")
    if c.quotes:
        lines += ["", "quotes:"]
        for q in c.quotes:
            who = f" ({q.quote.speaker})" if q.quote.speaker else ""
            lines.append(f"  {q.verdict:<13} \"{_clip(span_text(c.copy.text, q.quote.span), 70)}\"{who}")
    if c.findings:
        lines += ["", "findings:"]
        for f in c.findings:
            lines.append(f"  {f.severity:<7} {f.kind:<20} {f.message}")
    return "\n".join(lines) + "\n"
