"""Comparisons built by hand for the report tests: they need no alignment, quote or lint code.

The seed pair's comparison is assembled from ``fixtures/expectations.json`` (what an editor
expects), so the report tests exercise real article text, overlaps and word edits whatever
state the detection stages are in.
"""

from __future__ import annotations

import json
from pathlib import Path

from dedup.diff import word_diff
from dedup.ingest import article_from_text, read_article
from dedup.model import Article, Comparison, Finding, Match, Quote, QuoteCheck, Span
from dedup.text import tokenize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SOURCE = FIXTURES / "001_b8595589250d5d44.txt"
COPY = FIXTURES / "000_3d0b6ed5275008b9.txt"

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "javascript:alert(4)",
    "\"><script>alert(5)</script>",
    "</p></div></section><script>alert(6)</script>",
    "<a href=\"javascript:alert(7)\">click</a>",
    "{{ 7*7 }} {% raw %}",
    "</script><script>alert(8)</script>",
    "<iframe src=\"data:text/html,<script>alert(9)</script>\"></iframe>",
    "<style>body{display:none}</style>",
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def _match(src: Article, cp: Article, sspan: Span, cspan: Span) -> Match:
    stoks = tokenize(src.text, sspan.start, sspan.end)
    ctoks = tokenize(cp.text, cspan.start, cspan.end)
    edits = word_diff(src.text, stoks, cp.text, ctoks)
    changed = sum(len(tokenize(cp.text, e.copy_span.start, e.copy_span.end)) or 1 for e in edits)
    share = changed / max(1, len(ctoks))
    kind = "verbatim" if not edits else "near_verbatim" if share <= 0.35 else "paraphrase"
    return Match(kind, sspan, cspan, round(1 - share, 4), edits if kind == "near_verbatim" else ())


def seed_comparison() -> Comparison:
    src, cp = read_article(SOURCE), read_article(COPY)
    exp = json.loads((FIXTURES / "expectations.json").read_text(encoding="utf-8"))
    matches = [_match(src, cp, _span(src.text, d["source"]), _span(cp.text, d["copy"])) for d in exp["derived"]]
    quotes = []
    for q in exp["quotes"]:
        qspan = _span(cp.text, q["copy"])
        sspan = None
        edits = ()
        if q["verdict"] != "not_in_source":
            owner = next((m for m in matches if m.copy_span.overlaps(qspan)), None)
            if owner is not None:
                sspan = owner.source_span
                edits = word_diff(src.text, tokenize(src.text, sspan.start, sspan.end),
                                  cp.text, tokenize(cp.text, qspan.start, qspan.end))
        near = cp.text.find("Galeotti", qspan.end, qspan.end + 200)
        who = Span(near, near + len("Galeotti")) if near >= 0 else None
        quotes.append(QuoteCheck(Quote(qspan, speaker="Mark Galeotti", speaker_span=who, cue="said"), q["verdict"],
                                 sspan, "Mark Galeotti" if sspan else None, 0.9, edits))
    findings = []
    for wrong in exp["lint"][COPY.name]["misspellings"]:
        findings.append(Finding("misspelling", "warning", _span(cp.text, wrong["wrong"]),
                                f"'{wrong['wrong']}' is not a word", wrong["right"]))
    for a in exp["attribution"]:
        if a["kind"] == "venue":
            findings.append(Finding("venue_drift", "error", _span(cp.text, a["copy"]),
                                    "written words presented as said to the outlet",
                                    source_path=src.path, source_span=Span(0, 10)))
    covered = sum(len(m.copy_span) for m in matches)
    return Comparison(src, cp, tuple(matches), covered / len(cp.text), tuple(quotes), tuple(findings))


def hostile_comparison() -> Comparison:
    """Every payload in the text, the metadata, quotes and findings; overlapping spans over them."""
    body = "\n\n".join(f"Paragraph {i} says {p} and then more words follow here." for i, p in enumerate(PAYLOADS))
    meta = dict(title=PAYLOADS[0] + " title", author=PAYLOADS[1], outlet=PAYLOADS[4],
                date=PAYLOADS[7], url="javascript:alert(10)")
    src = article_from_text(body, "source <script>alert(11)</script>.txt", **meta)
    cp = article_from_text("Intro line.\n" + body, "copy\"onmouseover=alert(12).txt",
                           **{**meta, "url": "https://example.com/a?<b>=\"x\""})
    matches = []
    for p in PAYLOADS:
        matches.append(Match("verbatim", _span(src.text, p), _span(cp.text, p), 1.0))
    matches.append(Match("near_verbatim", Span(0, len(src.text) // 2), Span(12, 12 + len(src.text) // 2), 0.8))
    quotes = (QuoteCheck(Quote(_span(cp.text, PAYLOADS[2]), speaker=PAYLOADS[0], cue=PAYLOADS[1]),
                         "altered", _span(src.text, PAYLOADS[2]), PAYLOADS[3], 0.5),)
    findings = (Finding("misspelling<script>alert(13)</script>", "error", _span(cp.text, PAYLOADS[5]),
                        PAYLOADS[0], PAYLOADS[1], source_span=_span(src.text, PAYLOADS[6])),)
    return Comparison(src, cp, tuple(matches), 0.9, quotes, findings)
