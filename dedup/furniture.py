"""Scraper residue and site furniture: lines that are not article text.

"date 2022-10-10 <!–" left by a scraper, "Most read in The Sun", "READ MORE SUN
STORIES", share buttons, newsletter pleas. They are found as spans and listed
in ``Article.excluded``: kept in the text (offsets stay true), never matched.
The patterns are generic site furniture, never words of a particular story.
"""

from __future__ import annotations

import re
from itertools import accumulate

from dedup.model import Span

__all__ = ["FURNITURE_PATTERNS", "find_excluded", "guess_date", "guess_title"]

# Each pattern must match a whole line (after stripping); case-insensitive.
FURNITURE_PATTERNS: tuple[str, ...] = (
    r"date:?\s+\d{4}-\d{2}-\d{2}.*",  # scraper residue: "date 2022-10-10 <!–"
    r"<!\s*[-–—]*.*",  # a stray HTML comment opener
    r"[-–—]*\s*>",
    r"most (read|popular|viewed|shared)( in [\w .'’]+| stories| articles)?:?",
    r"read more(:|\s+[\w .'’]+ stories)?\s*[:>»]?",
    r"(read|see|watch|click|tap) (more|also|next|here)\b.{0,60}",
    r"(related|recommended|trending|top) (stories|articles|content|news|videos?)\s*:?",
    r"(share|follow us|sign up|subscribe|advertisement|sponsored|newsletter)\b.{0,80}",
    r"(share|tweet|email|print|comment)( (on|this|via) \w+)?( (share|tweet|email|print|comment)\b.*)?",
    r"(©|\(c\)|copyright)\s.{0,120}",
    r"(got a story|do you have a story|contact our news ?desk)\b.{0,200}",
    r"(we pay for your stories|for exclusive (news|videos)).{0,200}",
    r"(image|photo|picture|credit)s?:\s.{0,120}",
    r"(comments?|view comments?|\d+ comments?)",
    r"(cookie|cookies) (policy|settings).{0,80}",
)
_FURNITURE_RE = re.compile(r"(?:" + "|".join(FURNITURE_PATTERNS) + r")\Z", re.I)
_LINE_RE = re.compile(r"[^\r\n]+")
_DATE_RE = re.compile(r"\bdate:?\s+(\d{4}-\d{2}-\d{2})\b", re.I)
_MAX_FURNITURE_LINE = 200


def find_excluded(text: str) -> tuple[Span, ...]:
    """Spans of whole lines that are residue or furniture (their own line, short)."""
    if "\r" not in text:  # lines end at "\n" only: strip and match every line in C-level maps
        lines = text.split("\n")
        bare = list(map(str.strip, lines))
        hits = [k for k, m in enumerate(map(_FURNITURE_RE.match, bare)) if m and len(bare[k]) <= _MAX_FURNITURE_LINE]
        if not hits:
            return ()
        ends = list(accumulate(map(len, lines)))  # line k starts at ends[k - 1] + k (one "\n" before each)
        spans = []
        for k in hits:
            start = (ends[k - 1] + k if k else 0) + len(lines[k]) - len(lines[k].lstrip())
            spans.append(Span(start, start + len(bare[k])))
        return tuple(spans)
    out = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped or len(stripped) > _MAX_FURNITURE_LINE:
            continue
        if _FURNITURE_RE.match(stripped):
            lead = len(line) - len(line.lstrip())
            out.append(Span(m.start() + lead, m.start() + lead + len(stripped)))
    return tuple(out)


def guess_date(text: str) -> str | None:
    """A date stated in scraper residue near the top ("date 2022-10-10"), if any."""
    m = _DATE_RE.search(text[:500])
    return m.group(1) if m else None


def guess_title(text: str, excluded: tuple[Span, ...]) -> str | None:
    """The first line that is not furniture, shortened for display."""
    for m in _LINE_RE.finditer(text[:20_000]):
        span = Span(m.start(), m.end())
        line = m.group().strip()
        if line and not any(e.overlaps(span) for e in excluded):
            return line if len(line) <= 160 else line[:157].rstrip() + "…"
    return None
