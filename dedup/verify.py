"""Check each quote of a copy against its source: verbatim, altered (with the word diff) or absent.

A quote is located in the source in two steps: rapidfuzz's
``partial_ratio_alignment`` finds the best stretch of the source's normalised
words (fast, tolerant of changed words), then difflib on tokens trims that
stretch to the words the quote actually shares and yields the word edits.
Normalised tokens (``dedup.text``) make case, curly/straight quotes, UK/US
spelling and house-style aliases (Kiev/Kyiv) equal before anything is compared.

Legitimate editing is not alteration: an ellipsis or a bracketed insertion
marks where the copy left words out or put its own in, capitalisation at the
start is folded away, the parts of a source quote broken by its attribution
("…," she said, "…") may be joined, and "Nord Stream"/"Nordstream", "per
cent"/"percent", "nine"/"9" are the same words (``dedup.quote_edits``). A changed number, a negation added or dropped,
or one name swapped for another is always kept as an edit and flagged as
meaning-bearing (``meaning_change``), however high the fuzzy score.

Short quotes (one or two words) are labels as often as speech. They are
``verbatim`` when the source has those words; when it does not, they are
checked only if attributed to one of the source's speakers (else they are
left out: a quoted label absent from one source says nothing about it).
Shorter quotes must match more closely to count as found (3-5 words: 75 % of
their words; 6-11: 62.5 %; 12 and more: half), and in a pair with no other
evidence of copying, quotes under six words are never claimed at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain, compress
from operator import attrgetter

from dedup.diff import opcodes
from dedup.model import Article, Edit, Quote, QuoteCheck, Sentence, Span, Token
from dedup.quote_edits import (
    NEGATIONS,
    STOPWORDS,
    is_content,
    keys_credit,
    meaning_change,
    norm_keys,
    same_keys,
    text_keys,
)
from dedup.quote_locate import (
    SENTENCE_END,
    Run,
    SourceWords,
    locate,
    passage_range,
    raw_edits,
    replace_credit,
    with_margin,
)
from dedup.text import tokenize

__all__ = [
    "LONG_QUOTE",
    "MIN_SCORE",
    "SourceWords",
    "check_quotes",
    "check_quote",
    "meaning_change",
    "NEGATIONS",
    "STOPWORDS",
]

MIN_SCORE = 0.5  # share of the quote's words (and of its content words) found in the source passage (12+ words)
PARTIAL = 0.3  # a quote absent from the source but this close to a passage is "partly" there
MIN_SCORE_SHORT = 0.75  # the same for quotes of 3-5 words, which match loosely by chance (6-11: halfway)
SHORT_QUOTE = 2  # words; shorter quotes follow the label rules above
LONG_QUOTE = 6  # words; a quote this long found nearly verbatim ties the copy to the source
SPEAKER_NEAR = 150  # characters; a source speaker named further from its quote is not trusted
_BREAK = 200  # characters; a longer stretch between two source quotes is narration, not an interruption
_ELLIPSIS_RE = re.compile(r"\.\s?\.\s?\.|…")
_BRACKET_RE = re.compile(r"\[[^\[\]\n]{0,200}\]")
_ENDERS = frozenset(".!?")
_ENDER_RE = re.compile(r"[.!?]")
_NORM = attrgetter("norm")
FAST_ABSENT = True  # score a quote before making its edits (tests turn it off to compare with the plain path)


def _quote_tokens(text: str, span: Span) -> tuple[list[Token], list[Span]]:
    """The quote's words outside [brackets], and the gaps (ellipses, brackets) where editing is marked."""
    gaps = [Span(m.start(), m.end()) for m in _ELLIPSIS_RE.finditer(text, span.start, span.end)]
    brackets = [Span(m.start(), m.end()) for m in _BRACKET_RE.finditer(text, span.start, span.end)]
    gaps += brackets
    toks = tokenize(text, span.start, span.end)
    if brackets:
        toks = [t for t in toks if not any(b.contains(t.span) for b in brackets)]
    return toks, sorted(gaps)


def _segments(
    text: str, tokens: Sequence[Token], gaps: list[Span], split_sentences: bool
) -> list[tuple[list[Token], bool]]:
    """The quote split into runs looked up one by one, each flagged when it follows an ellipsis.

    Runs break at ellipses (anything the source has between is omitted) and,
    with ``split_sentences``, between sentences of three words or more (so the
    parts of a source quote interrupted by "she said" can be joined).
    """
    cuts = [g.start for g in gaps]
    if not cuts and not split_sentences:
        return [(list(tokens), False)] if tokens else []  # one run: what the loop below gives
    if not cuts:
        return _sentence_runs(text, tokens)
    out: list[tuple[list[Token], bool]] = [([], False)]
    for t in tokens:
        run = out[-1][0]
        if run and cuts and any(run[-1].end <= c < t.start for c in cuts):
            out.append(([], True))
        elif (
            split_sentences
            and len(run) >= 3
            and text[run[-1].end : run[-1].end + 1] in _ENDERS  # what SENTENCE_END starts with, tested first
            and SENTENCE_END.match(text[run[-1].end : t.start])
        ):
            out.append(([], False))
        out[-1][0].append(t)
    merged: list[tuple[list[Token], bool]] = []
    for run, after_gap in out:
        if merged and not after_gap and len(run) < 3:
            merged[-1][0].extend(run)  # a short last sentence stays with the one before
        elif run:
            merged.append((run, after_gap))
    return merged


def _sentence_runs(text: str, tokens: Sequence[Token]) -> list[tuple[list[Token], bool]]:
    """``_segments`` without gaps, looking only at the words followed by . ! or ? (most quotes have none inside)."""
    if not tokens:
        return []
    enders = [m.start() for m in _ENDER_RE.finditer(text, tokens[0].end, tokens[-1].start)]
    bounds = [0]
    if enders:
        at = {t.end: k for k, t in enumerate(tokens)}
        for k in sorted({at[p] + 1 for p in enders if p in at}):
            if k - bounds[-1] >= 3 and SENTENCE_END.match(text[tokens[k - 1].end : tokens[k].start]):
                bounds.append(k)
    bounds.append(len(tokens))
    merged: list[tuple[list[Token], bool]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if merged and b - a < 3:
            merged[-1][0].extend(tokens[a:b])  # a short last sentence stays with the one before
        else:
            merged.append((list(tokens[a:b]), False))
    return merged


def _is_full_sentence(text: str, span: Span) -> bool:
    """A quote that starts a sentence with a capital, as opposed to a phrase quoted mid-sentence."""
    inner = text[span.start : span.end].lstrip(" \"'“‘")
    if not inner[:1].isupper():
        return False
    before = text[max(0, span.start - 40) : span.start].rstrip(" \"'“‘")
    return not before or before[-1] in ".:!?\n,;—–-("


def _at_gap(edit: Edit, qtokens: Sequence[Token], gaps: list[Span]) -> bool:
    """True when a deletion sits where the copy marked an omission (ellipsis) or an insertion ([...])."""
    pos = edit.copy_span.start
    nxt = next((t.start for t in qtokens if t.start >= pos), pos)
    return any(pos <= g.start <= nxt for g in gaps)


def check_quote(
    words: SourceWords,
    copy: Article,
    quote: Quote,
    *,
    attributed_to_source: bool,
    source_speaker: Callable[[Span], str | None] = lambda span: None,
    breaks: Sequence[Span] = (),
) -> QuoteCheck | None:
    """One quote of ``copy`` checked against the source; None when it is a label not worth checking."""
    qtokens, gaps = _quote_tokens(copy.text, quote.span)
    return _check_quote(words, copy, quote, qtokens, gaps, attributed_to_source, source_speaker, breaks)


def _check_quote(
    words: SourceWords,
    copy: Article,
    quote: Quote,
    qtokens: Sequence[Token],
    gaps: list[Span],
    attributed_to_source: bool,
    source_speaker: Callable[[Span], str | None],
    breaks: Sequence[Span],
) -> QuoteCheck | None:
    """``check_quote`` for a quote whose words (``_quote_tokens``) the caller has already read."""
    if not qtokens:
        return None
    short = len(qtokens) <= SHORT_QUOTE
    qkeys = norm_keys(qtokens)  # read once: each run's are a slice (runs split the quote's words in order)
    if FAST_ABSENT and words.key_set and words.key_set.isdisjoint(qkeys):
        return _absent(quote, short, attributed_to_source)  # no word of it anywhere in the source: nothing to locate
    segments = _segments(copy.text, qtokens, gaps, bool(breaks))
    spans = [locate(words, seg) for seg, _ in segments]
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    if len(segments) > 1 and hi - lo > 4 * len(qtokens) + 40:
        lo, hi = spans[0][0], spans[-1][1]  # segments far apart: still one passage, in quote order
        if hi <= lo:
            lo, hi = locate(words, qtokens)
    full = len(qtokens) >= LONG_QUOTE and _is_full_sentence(copy.text, quote.span)
    wlo, whi = with_margin(words, (lo, hi), len(qtokens))
    # Each run of words between ellipses is matched on its own, in order: what lies between is omitted.
    ranges: list[tuple[int, int]] = []
    runs: list[Run] = []
    matched, cursor, at = 0, wlo, 0
    for k, (seg, after_gap) in enumerate(segments):
        top = whi if not ranges else min(len(words.tokens), max(whi, cursor + len(seg) + 40))
        seg_keys, at = qkeys[at : at + len(seg)], at + len(seg)
        i, j, m = passage_range(words, seg, cursor, top, full and k == len(segments) - 1, seg_keys)
        if j <= i:  # a run the source does not have: all of it is the copy's own
            runs.append((seg, after_gap, cursor, i, j, None, seg_keys))
            continue
        ops = opcodes(list(map(_NORM, words.tokens[i:j])), list(map(_NORM, seg)))
        runs.append((seg, after_gap, cursor, i, j, ops, seg_keys))
        ranges.append((i, j))
        matched += m
        cursor = j
    if not ranges:
        return _absent(quote, short, attributed_to_source)
    i, j = ranges[0][0], ranges[-1][1]
    keys = words.keys or tuple(norm_keys(words.tokens))  # the source's keys, as passage_range reads them
    skeys = set(chain.from_iterable(keys[a:b] for a, b in ranges))
    content = list(compress(qkeys, map(is_content, map(_NORM, qtokens))))  # the keys of the content words
    content_hit = sum(map(skeys.__contains__, content))  # content words the source has
    src_span = Span(words.tokens[i].start, words.tokens[j - 1].end)
    need = _needed_score(len(qtokens))
    need_content = MIN_SCORE if len(qtokens) >= LONG_QUOTE else MIN_SCORE_SHORT  # a swapped name costs two

    def verdict(credit: int, fuzzy: int) -> tuple[float, bool]:
        """The quote's score, and whether it is found: enough of its words, and of its content words, matched."""
        score = min(1.0, credit / len(qtokens))
        content_score = (content_hit + fuzzy) / len(content) if content else score
        return score, score >= need and content_score >= need_content and (credit >= 2 or short)

    if not short and FAST_ABSENT:
        # Most quotes checked are not in the source: their score needs only the replaced words' credit, not the
        # edits (made below only for a quote found, from the same opcodes).
        extra, fuzzy = replace_credit(words, runs)
        score, found = verdict(matched + extra, fuzzy)
        if not found:
            return _absent(quote, short, attributed_to_source, score, lambda: source_speaker(src_span))
    raw_list = raw_edits(words, copy.text, runs, breaks)
    kept, dropped, fuzzy = [], [], 0
    for e in raw_list:  # each edit's words are read once for same_words, fuzzy_credit and the credit below
        if e.op == "delete" and (_at_gap(e, qtokens, gaps) or any(b.contains(e.source_span) for b in breaks)):
            dropped.append((e, len(text_keys(e.copy_text))))
            continue
        s_keys, c_keys = text_keys(e.source_text), text_keys(e.copy_text)
        if same_keys(s_keys, c_keys):  # same_words
            dropped.append((e, len(c_keys)))
        else:
            kept.append(e)
            fuzzy += keys_credit(s_keys, c_keys) if e.op == "replace" else 0  # fuzzy_credit
    edits = tuple(kept)
    score, found = verdict(matched + fuzzy + sum(n for e, n in dropped if e not in edits), fuzzy)
    if short:
        if not edits and content:
            return QuoteCheck(quote, "verbatim", src_span, source_speaker(src_span), 1.0, ())
        if not attributed_to_source:
            return None
    if not found:
        return _absent(quote, short, attributed_to_source, score, lambda: source_speaker(src_span))
    return QuoteCheck(
        quote, "altered" if edits else "verbatim", src_span, source_speaker(src_span), round(score, 3), edits
    )


def _needed_score(n: int) -> float:
    """Shorter quotes must match more closely: a few words resemble some passage by chance."""
    if n < LONG_QUOTE:
        return MIN_SCORE_SHORT
    return MIN_SCORE if n >= 2 * LONG_QUOTE else (MIN_SCORE + MIN_SCORE_SHORT) / 2


def _absent(
    quote: Quote, short: bool, attributed: bool, score: float = 0.0,
    near_speaker: Callable[[], str | None] | None = None,
) -> QuoteCheck | None:
    """not_in_source; ``source_speaker`` then names who says the closest source words, if they are close at all
    (``near_speaker`` finds them, asked only then)."""
    if short and not attributed:
        return None
    speaker = near_speaker() if near_speaker is not None and score >= PARTIAL else None
    return QuoteCheck(quote, "not_in_source", None, speaker, round(score, 3), ())


def check_quotes(
    source: Article,
    copy: Article,
    copy_quotes: Sequence[Quote],
    source_quotes: Sequence[Quote] = (),
    *,
    source_sentences: Sequence[Sentence] | None = None,
    copy_sentences: Sequence[Sentence] | None = None,
    source_speakers: Sequence[str] = (),
    related: bool = False,
) -> tuple[QuoteCheck, ...]:
    """Each quote of ``copy`` checked against ``source``, in copy order (unchecked labels left out).

    ``source_speakers`` are names the source speaks with (its writer); together
    with the speakers of ``source_quotes`` they decide which short quotes are
    checked. A quote's ``source_speaker`` is the speaker of the source quote
    around the passage, else the source's writer when the passage is narration
    (for a ``not_in_source`` quote: the speaker of the closest source words,
    when at least ``PARTIAL`` of the quote is there).

    Quotes under ``LONG_QUOTE`` words count as found only when the pair is
    ``related`` (the caller saw reused passages) or some long quote was found
    nearly verbatim, or when they are attributed to a source speaker: two
    articles on one story share idioms ("raised the stakes") by chance.
    """
    from dedup.voice import is_named, same_person

    if not copy_quotes:
        return ()  # nothing to check: the source's words are not even read
    words = SourceWords.of(source, source_sentences)
    speakers = [s for s in source_speakers if s] + [q.speaker for q in source_quotes if q.speaker and not q.scare]
    writer = next((s for s in source_speakers if s), None)

    quote_spans = [(q.span.start, q.span.end) for q in source_quotes]

    def speaker_of(span: Span) -> str | None:
        # The source quote overlapping ``span`` most (the first of equals, as max() would pick it).
        top, most = 0, 0
        for k, (a, b) in enumerate(quote_spans):
            overlap = min(b, span.end) - max(a, span.start)
            if overlap > most:
                top, most = k, overlap
        if quote_spans and most * 2 >= len(span):
            best = source_quotes[top]
            # "" = quoted in the source by someone not found (or found too far off to trust)
            near = best.speaker_span is None or _distance(best.speaker_span, best.span) <= SPEAKER_NEAR
            return (best.speaker or "") if near else ""
        return writer

    breaks = _attribution_breaks(source.text, source_quotes)
    out = []
    known: dict[str | None, bool] = {}  # a copy quotes one speaker many times: each is matched once
    for q in copy_quotes:
        attributed = known.get(q.speaker)
        if attributed is None:
            attributed = bool(q.speaker) and is_named(q.speaker) and any(same_person(q.speaker, s) for s in speakers)
            known[q.speaker] = attributed
        qtokens, gaps = _quote_tokens(copy.text, q.span)
        check = _check_quote(words, copy, q, qtokens, gaps, attributed, speaker_of, breaks)
        if check is not None:
            out.append((check, len(qtokens), attributed))
    strong = any(n >= LONG_QUOTE and c.score >= 0.8 and c.verdict != "not_in_source" for c, n, _ in out)
    if related or strong:
        return tuple(c for c, _, _ in out)
    # Nothing ties the copy to this source: a few common words ("raised the stakes") prove nothing.
    kept = []
    for c, n, attributed in out:
        if n < LONG_QUOTE and c.verdict != "not_in_source" and not attributed:
            if n <= SHORT_QUOTE:
                continue
            c = QuoteCheck(c.quote, "not_in_source", None, None, c.score, ())
        kept.append(c)
    return tuple(kept)


def _attribution_breaks(text: str, quotes: Sequence[Quote]) -> list[Span]:
    """The words between two parts of one source quote ("…," she said, "…"): a copy may join the parts."""
    spans = sorted(q.span for q in quotes if not q.scare)
    out = []
    for a, b in zip(spans, spans[1:], strict=False):
        between = text[a.end : b.start]
        if 0 < len(between) <= _BREAK and "\n" not in between.strip():
            out.append(Span(a.end, b.start))
    return out


def _distance(a: Span, b: Span) -> int:
    return max(0, b.start - a.end, a.start - b.end)
