"""Hedges: the words that make a claim an opinion or a possibility, and the claim each one qualifies.

A source that says "I think the blast was a warning" or "he is, if not yet
desperate, getting close" makes a weaker claim than a copy stating "the blast
was a warning" or "how desperate he is". To notice the qualifier go missing we
need, for each hedge, its *scope*: the words of the claim it qualifies, which
we then look for in the copy. Scopes are clause-sized and found by rule:

- ``opinion`` ("I think", "I believe", "in my view"): the rest of the clause
  after the cue; an attribution in the copy ("he believes", "said") keeps it.
- ``concessive`` ("if not yet X", "if not X"): just X, up to the comma.
- ``modal`` ("may", "might", "could"): the clause around the modal.
- ``evidential`` ("appears to", "reportedly", "likely", "perhaps"...): the clause around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from dedup.model import Span

__all__ = [
    "Hedge",
    "HEDGE_PATTERNS",
    "find_hedges",
    "hedge_hints",
    "may_hedge",
    "has_hedge",
    "has_attribution",
    "ATTRIBUTION_RE",
]

HEDGE_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "opinion",
        r"\bI\s+(?:(?:do|would)\s+)?(?:think|believe|suspect|suppose|guess|feel|reckon|fear|doubt|expect)\b(?:\s+that\b)?",
    ),
    (
        "opinion",
        r"\b(?:in\s+my\s+(?:view|opinion|judgement|judgment)|it\s+seems\s+to\s+me|I\s+would\s+argue)\b(?:\s+that\b)?",
    ),
    ("concessive", r"\bif\s+not\s+(?:yet\s+|already\s+|quite\s+)?"),
    ("modal", r"\b(?:may|might|could)\b(?:\s+(?:well|possibly|perhaps|yet|also|even)\b)?"),
    (
        "evidential",
        r"\b(?:appears?\s+to|appeared\s+to|seems?\s+to|seemed\s+to|(?:is|are|was|were)\s+(?:un)?likely\s+to|"
        r"likely|unlikely|probably|possibly|perhaps|reportedly|allegedly|apparently|arguably|potentially|"
        r"presumably|supposedly|suggests?\s+that|it\s+is\s+(?:possible|thought|believed|understood)\s+that)\b",
    ),
)
# The same alternation without groups: re runs several times faster on a pattern with no capturing group.
# A match of it is the match of its first alternative that matches there, whose kind ``_ALTERNATIVES`` tells.
_HEDGE_RE = re.compile("|".join(f"(?:{p})" for _, p in HEDGE_PATTERNS))
_ALTERNATIVES = tuple((kind, re.compile(p)) for kind, p in HEDGE_PATTERNS)
# Where a hedge can start after the first position: every alternative begins at a word boundary
# with a word character, so right after a non-word character, with one of these first words. re finds
# that in C (it skips word characters), where _HEDGE_RE, starting with \b, is tried at every position.
_HEDGE_HINT = re.compile(
    r"\W(?:I\s|i(?:n\s+my\s|t\s+seems\s|t\s+is\s|f\s+not|s\s+(?:un)?likely)|m(?:ay|ight)|could|"
    r"a(?:ppear|re\s+(?:un)?likely|llegedly|pparently|rguably)|s(?:eem|uggest|upposedly)|w(?:as|ere)\s+(?:un)?likely|"
    r"likely|unlikely|p(?:robably|ossibly|erhaps|otentially|resumably)|reportedly)"
)
# What a copy writes when it keeps an opinion as an opinion: someone believes, says, according to someone.
ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|say|saying|told|tells|thinks|think|thought|believes|believe|believed|claims|claimed|"
    r"argues|argued|suggests|suggested|warned|warns|feels|fears|feared|suspects|suspected|insisted|insists|"
    r"added|explained|wrote|writes|noted|recalled|reckons|according\s+to|in\s+(?:his|her|their)\s+(?:view|opinion)|"
    r"opinion|view)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;:!?]|\s[–—-]\s|,\s")
_CLAUSE_END_STRONG = re.compile(r"[.;:!?]|\s[–—-]\s")


@dataclass(frozen=True, slots=True)
class Hedge:
    """A qualifier in a text: its kind, the cue words and the claim (scope) it qualifies."""

    kind: str
    cue: str
    cue_span: Span
    scope: Span


def _kind(text: str, m: re.Match, end: int) -> str:
    """The kind of the first pattern that matches where ``m`` does (re's alternation picks that one)."""
    return next(kind for kind, rx in _ALTERNATIVES if rx.match(text, m.start(), end))


def find_hedges(text: str, start: int = 0, end: int | None = None) -> tuple[Hedge, ...]:
    """The hedges in ``text[start:end]`` (one sentence, usually), each with the span of its claim."""
    end = len(text) if end is None else end
    out = []
    for m in _hedge_matches(text, start, end):
        kind = _kind(text, m, end)
        cue_span = Span(m.start(), m.end())
        if kind == "opinion":
            stop = _CLAUSE_END_STRONG.search(text, m.end(), end)
            scope = Span(m.end(), stop.start() if stop else end)
        elif kind == "concessive":
            stop = _CLAUSE_END.search(text, m.end(), end)
            scope = Span(m.end(), stop.start() if stop else end)
        else:
            scope = _clause(text, m.start(), m.end(), start, end)
            # "X said the blockade appeared to be ...": the claim starts after the attribution.
            leads = list(ATTRIBUTION_RE.finditer(text, scope.start, m.start()))
            if leads:
                cut = leads[-1].end()
                that = list(re.finditer(r"\bthat\b", text[cut : m.start()]))
                scope = Span(cut + (that[-1].end() if that else 0), scope.end)
        scope = _strip(text, scope)
        if len(scope) > 1:
            out.append(Hedge(kind, m.group().strip(), cue_span, scope))
    return tuple(out)


def hedge_hints(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the hint matches in the whole of ``text``, for ``may_hedge``, found in one pass."""
    starts, ends = [], []
    for m in _HEDGE_HINT.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def may_hedge(text: str, hints: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """False when ``find_hedges(text, start, end)`` is certainly empty (``hints`` from ``hedge_hints(text)``).

    ``_hedge_matches`` tries the first position, then only where a hint lies inside the span. The hint
    pattern looks at nothing outside its match, so such a hint is also found by one pass over the whole
    text, or lies inside an earlier hint of that pass (they do not overlap), which then overlaps the span.
    """
    starts, ends = hints
    k = bisect_right(ends, start)
    return (k < len(starts) and starts[k] < end) or _HEDGE_RE.match(text, start, end) is not None


def _hedge_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(_HEDGE_RE.finditer(text, start, end))``, trying the full pattern only where it can start.

    That is the first position, or one the hint finds: a non-word character followed by a hedge's
    first word. Positions are tried in order, and every start of a match is among them. No match is empty.
    """
    out = []
    pos = start
    match, hint = _HEDGE_RE.match, _HEDGE_HINT.search
    while pos < end:
        m = match(text, pos, end)
        if m is not None:
            out.append(m)
            pos = m.end()
            continue
        h = hint(text, pos, end)
        if h is None:
            break
        pos = h.start() + 1
    return out


def _clause(text: str, a: int, b: int, start: int, end: int) -> Span:
    """The clause around ``text[a:b]``: back to the previous and on to the next clause break."""
    left = start
    for m in _CLAUSE_END.finditer(text, start, a):
        left = m.end()
    stop = _CLAUSE_END.search(text, b, end)
    return Span(left, stop.start() if stop else end)


def _strip(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return Span(s, e)


def has_hedge(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when ``text[start:end]`` contains any qualifier of the lexicon."""
    end = len(text) if end is None else end
    return _HEDGE_RE.search(text, start, end) is not None


def has_attribution(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when ``text[start:end]`` says whose view or words these are ("he believes", "according to")."""
    end = len(text) if end is None else end
    return ATTRIBUTION_RE.search(text, start, end) is not None
