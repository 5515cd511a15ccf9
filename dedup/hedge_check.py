"""hedge_dropped: a source's qualified claim ("I think", "may", "if not yet") restated in the copy as fact.

For each hedge of the source (``dedup.hedges`` finds it and the claim it
qualifies), the copy sentences that may restate the claim are those aligned to
the hedged sentence (passage matches, quote checks) and, in a related pair, any
sentence holding most of the claim's words. Words match loosely ("pipe" /
"pipeline", "Nord Stream" / "Nordstream"). The hedge survived when any
qualifier sits by the restated words; an opinion ("I think") also survives as
an attribution ("he believes", "said").
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from operator import attrgetter, itemgetter

from dedup.attribution import AttributionInputs, make_finding, quote_text
from dedup.hedges import ATTRIBUTION_RE, Hedge, find_hedges, has_attribution, has_hedge, hedge_hints, may_hedge
from dedup.memo import MemoTable
from dedup.model import Finding, Sentence, Span, Token
from dedup.quote_edits import STOPWORDS
from dedup.text import tokenize

__all__ = ["hedge_findings"]

_SCOPE_FOUND = 0.6  # share of a hedged claim's content words the copy must restate
_REPORTING = re.compile(rf"(?:{ATTRIBUTION_RE.pattern})\Z", re.I)  # "said" is not part of the claim
_NORM = attrgetter("norm")
_SKIP_AFTER_MODAL = frozenset("have be been also well still even not yet possibly perhaps".split())


def _soft_equal(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


# ``hedge_hints`` of the last sources (a text alone decides them): a scan compares a source with several copies.
_HINTS: MemoTable[str, tuple[list[int], list[int]]] = MemoTable(hedge_hints, 64)


# Words that ``_soft_equal`` may pair share this key (a cheap pre-filter): their first four letters,
# taken by a C-level call (it runs on every copy word).
_key = itemgetter(slice(0, 4))


def _hits(words: list[str], tokens: Sequence[Token]) -> dict[str, list[int]]:
    """Positions in ``tokens`` of each scope word (equal, prefix-related, or two copy words joined)."""
    out: dict[str, list[int]] = {}
    norms = [t.norm for t in tokens]
    by_key: dict[str, list[int]] = {}
    for i, n in enumerate(norms):
        by_key.setdefault(_key(n), []).append(i)
    for w in words:
        cands = by_key.get(_key(w), ())
        pos = [i for i in cands if _soft_equal(w, norms[i])]
        pos += [i for i in cands if i + 1 < len(norms) and norms[i] + norms[i + 1] == w]
        if pos:
            out[w] = sorted(set(pos))
    return out


def _best_window(hits: dict[str, list[int]], width: int) -> tuple[int, int, int]:
    """The ``width``-token window holding the most distinct scope words: (first, last, count).

    A sliding window over the hits in position order.
    """
    events = sorted((p, w) for w, ps in hits.items() for p in ps)
    best = (0, 0, 0)
    counts: dict[str, int] = {}
    lo = 0
    for pos, word in events:
        counts[word] = counts.get(word, 0) + 1
        while events[lo][0] <= pos - width:
            old = events[lo][1]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            lo += 1
        if len(counts) > best[2]:
            best = (events[lo][0], pos, len(counts))
    return best


def hedge_findings(inp: AttributionInputs) -> list[Finding]:
    """hedge_dropped: a qualified claim of the source restated in the copy without any qualifier.

    The copy sentences looked at are those aligned to the hedged source
    sentence (matches, quote checks) and, when the pair is related, any copy
    sentence restating most of the claim's words, or a one-word claim ("if not
    yet desperate") with two more words of its source sentence.
    """
    src = inp.source.text
    sents = inp.copy_sentences
    starts = [s.span.start for s in sents]
    regions = [(m.source_span, m.copy_span) for m in inp.matches]
    regions += [(c.source_span, c.quote.span) for c in inp.checks if c.source_span]
    copy_keys: list[set[str]] = []  # _key of every copy word, by sentence: made when the first claim needs it
    related = bool(inp.matches) or any(c.verdict != "not_in_source" for c in inp.checks)
    out, seen = [], set()
    hints = _HINTS[src]
    for sent in inp.source_sentences:
        if not may_hedge(src, hints, sent.span.start, sent.span.end):
            continue  # most sentences: no hedge can start in them, find_hedges would find nothing
        for h in find_hedges(src, sent.span.start, sent.span.end):
            c0, c1 = h.cue_span.start, h.cue_span.end  # the cue's own words are not the claim (Span.contains)
            words = [t.norm for t in tokenize(src, h.scope.start, h.scope.end) if not (c0 <= t.start and t.end <= c1)]
            content = list(
                dict.fromkeys(w for w in words if w not in STOPWORDS and len(w) > 2 and not _REPORTING.match(w))
            )
            if not content:
                continue
            if not copy_keys and sents:
                copy_keys = [set(map(_key, map(_NORM, s.tokens))) for s in sents]
            keys = {_key(w) for w in content}
            cands = []
            for s_span, c_span in regions:
                if s_span.overlaps(sent.span):
                    i = max(0, bisect.bisect_right(starts, c_span.start) - 1)
                    while i < len(sents) and sents[i].span.start < c_span.end:
                        cands.append(i)
                        i += 1
            if related:
                context = {_key(t.norm) for t in sent.tokens if t.norm not in STOPWORDS and len(t.norm) > 2} - keys
                cands += [
                    i for i, k in enumerate(copy_keys) if len(keys & k) >= 2 or (keys <= k and len(context & k) >= 2)
                ]
            need = max(1, math.ceil(_SCOPE_FOUND * len(keys)))
            cands = [i for i in dict.fromkeys(cands) if len(keys & copy_keys[i]) >= need]
            width = 3 * len(content) + 4
            windows = [(i, _best_window(_hits(content, sents[i].tokens), width)) for i in cands]
            for i, window in sorted(windows, key=lambda x: -x[1][2]):
                f = _dropped(h, content, sents[i], window, inp)
                if f is not None and f.span not in seen:
                    seen.add(f.span)
                    out.append(f)
                    break
    return out


def _dropped(
    h: Hedge, content: list[str], sentence: Sentence, window: tuple[int, int, int], inp: AttributionInputs
) -> Finding | None:
    """The finding when ``sentence`` restates the hedged claim with no qualifier left, else None."""
    src, cp = inp.source.text, inp.copy.text
    first, last, n = window
    tokens = sentence.tokens
    if n == 0 or n / len(content) < _SCOPE_FOUND or (len(content) >= 3 and n < 2):
        return None
    hits = _hits(content[-max(1, len(content) // 3) :], tokens[first : last + 1])
    if not hits:
        return None  # the subject is there but not what the source says of it ("Hillary Clinton")
    if h.kind == "modal":  # the modal's verb must be restated, or this is another claim
        after = [t.norm for t in tokenize(src, h.cue_span.end, h.scope.end)]
        verb = next((w for w in after if w not in _SKIP_AFTER_MODAL), None)
        if verb is None or not any(_soft_equal(verb, t.norm) for t in tokens[max(0, first - 4) : last + 3]):
            return None
    lo = tokens[max(0, first - 4)].start
    hi = tokens[min(len(tokens) - 1, last + 2)].end
    if has_hedge(cp, lo, hi):
        return None
    quoted = any(q.span.contains(tokens[first].span) for q in inp.copy_quotes)
    if h.kind == "opinion" and (quoted or has_attribution(cp, sentence.span.start, sentence.span.end)):
        return None
    span = Span(tokens[first].start, tokens[last].end)
    claim = Span(min(h.cue_span.start, h.scope.start), max(h.cue_span.end, h.scope.end))
    return make_finding(
        "hedge_dropped",
        "warning",
        span,
        f"The source qualifies this claim (“{h.cue}”: {quote_text(src, claim)}); the copy states it without the qualifier.",
        inp,
        suggestion=f"Keep the source's qualifier “{h.cue}”"
        + (" and say whose opinion it is." if h.kind == "opinion" else "."),
        source_span=claim,
    )
