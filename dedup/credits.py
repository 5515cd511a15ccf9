"""Licensed sources: which outlet an archived article is from, and whether a draft credits it.

A newsroom may reuse the copy of wires it licenses (AP, Reuters, PA...) as
long as the draft carries their credit. Credits take a handful of shapes that
are conventions of the trade, not of any one article: a dateline ``LONDON
(Reuters) -``, a sign-off ``- PA``, ``Reporting by ...``, ``Additional
reporting by ...``, ``The Associated Press contributed to this report``,
``Source: AFP``, ``(c) Reuters``. Short all-capital names (AP, PA, AFP) are
matched case-sensitively so the word "pa" or "Ap" is never taken for a credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dedup.model import Article, Span

__all__ = ["KNOWN_OUTLETS", "Outlet", "credit_span", "expand_outlets", "source_outlet"]

Outlet = tuple[str, ...]  # the names of one outlet; the first is the one messages use

# Wires whose several names a newsroom should not have to list itself.
KNOWN_OUTLETS: tuple[Outlet, ...] = (
    ("AP", "Associated Press", "The Associated Press"),
    ("Reuters", "Thomson Reuters"),
    ("PA", "PA Media", "Press Association", "PA Wire"),
    ("AFP", "Agence France-Presse", "Agence France Presse"),
    ("dpa", "Deutsche Presse-Agentur"),
    ("UPI", "United Press International"),
    ("Bloomberg", "Bloomberg News"),
    ("ANSA",),
    ("EFE",),
    ("Xinhua",),
    ("Kyodo", "Kyodo News"),
)

_BEFORE = (
    r"(?:additional\s+|contributing\s+|further\s+)?(?:reporting|writing|research|editing)\s+(?:by|from)\b[^\n]{0,120}?",
    r"(?:source|sources|credit|credits|copyright|photo|image)\s*:\s*[^\n]{0,60}?",
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:the\s+)?",
    r"(?:according\s+to|via|courtesy\s+of|supplied\s+by|from)\s+(?:the\s+)?",
    r"^[ \t]*(?:by|from)\s+(?:the\s+)?",
)
_AFTER = (
    r"\s+(?:contributed|contributes)\b",
    r"\s+(?:reported|reports|said\s+in\s+a\s+report)\b",
)


def _name_pattern(name: str) -> str:
    words = [re.escape(w) for w in name.split()]
    body = r"\s+".join(words)
    if len(name) <= 5 and name.isupper():
        return body  # AP, PA, AFP: exact case
    return "(?i:" + body + ")"


@lru_cache(maxsize=256)
def _credit_re(names: Outlet) -> re.Pattern[str]:
    alts = "|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True))
    n = rf"(?<![\w-])(?:{alts})(?![\w-])"
    shapes = [rf"\(\s*{n}\s*\)"]  # dateline "(AP)", "(Reuters)"
    shapes += [rf"(?i:{before}){n}" for before in _BEFORE]
    shapes += [rf"{n}(?i:{after})" for after in _AFTER]
    shapes.append(rf"[-–—]\s*{n}\s*\.?[ \t]*$")  # sign-off "- PA" at a line end
    return re.compile("|".join(f"(?:{s})" for s in shapes), re.M)


def expand_outlets(groups: Iterable[Sequence[str]]) -> tuple[Outlet, ...]:
    """Configured outlets with the known other names of each added (``AP`` also matches ``Associated Press``)."""
    out = []
    for group in groups:
        names = list(dict.fromkeys(n.strip() for n in group if n.strip()))
        folded = {n.casefold() for n in names}
        for known in KNOWN_OUTLETS:
            if folded & {k.casefold() for k in known}:
                names += [k for k in known if k.casefold() not in folded]
        if names:
            out.append(tuple(names))
    return tuple(out)


def credit_span(text: str, outlet: Outlet) -> Span | None:
    """Where ``text`` credits the outlet (the first credit), or None when it never does."""
    m = _credit_re(tuple(outlet)).search(text)
    return Span(m.start(), m.end()) if m else None


def _names_outlet(value: str, outlet: Outlet) -> bool:
    pattern = "|".join(_name_pattern(n) for n in outlet)
    return re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", value) is not None


def source_outlet(article: Article, outlets: Sequence[Outlet], *, window: int = 600) -> Outlet | None:
    """The licensed outlet an archived article comes from: its metadata, else the credit in its opening or close."""
    meta = [article.outlet, article.author, article.url, *(v for _, v in article.extra)]
    for outlet in outlets:
        if any(v and _names_outlet(v, outlet) for v in meta):
            return outlet
    head, tail = article.text[:window], article.text[-window:]
    for outlet in outlets:
        if credit_span(head, outlet) or credit_span(tail, outlet):
            return outlet
    return None
