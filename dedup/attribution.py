"""Findings about who said what: altered and invented quotes, changed speakers, venues and hedges, uncredited reuse.

Everything here is located in the copy and points back into the source. The
inputs are what the earlier stages made: quote checks (``dedup.verify``),
passage matches (``dedup.align``), quotes with speakers (``dedup.quotes``) and
sentences. The writer of the source and whether it is their own piece comes
from ``dedup.voice``. This module makes the quote, speaker and venue findings
and gathers the rest: dropped hedges (``dedup.hedge_check``) and uncredited
passages (``dedup.uncredited``).

Severity defaults: an alteration that changes a number, a negation or a name
is an error, other alterations a warning; a quote absent from the source but
attributed to one of its speakers is an error; the rest are warnings, for an
editor to weigh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from dedup.model import Article, Finding, Match, Quote, QuoteCheck, Sentence, Span
from dedup.text import fold, span_text, tokenize
from dedup.verify import LONG_QUOTE, meaning_change
from dedup.voice import PRONOUNS, Voice, is_anonymous, is_named, quote_venue, same_person, source_voice, venue_cues

__all__ = [
    "ATTRIBUTION_KINDS",
    "AttributionInputs",
    "attribution_findings",
    "make_finding",
    "quote_findings",
    "venue_findings",
]

# The finding kinds this stage reports (in the order of ../shared/CONTRACT.md's table).
ATTRIBUTION_KINDS = (
    "quote_altered",
    "quote_not_in_source",
    "speaker_changed",
    "venue_drift",
    "hedge_dropped",
    "unattributed_reuse",
)

_NORM = attrgetter("norm")
_NEAR = 200  # characters: how far a speaker or cue may sit from its quote and still be shown with it
_CUE_VERB = re.compile(
    r"\b(?:told|tells|telling|tell|speaking|spoke|spoken|talking|talked|said|says|in|during|when)\b", re.I
)
_VENUE_WORDS = frozenset("told tells telling tell the speaking spoke said says interview with exclusive".split())


@dataclass(frozen=True, slots=True)
class AttributionInputs:
    """What the checks need about one source/copy pair (built by ``dedup.compare``)."""

    source: Article
    copy: Article
    checks: tuple[QuoteCheck, ...]
    matches: tuple[Match, ...] = ()
    copy_quotes: tuple[Quote, ...] = ()
    source_quotes: tuple[Quote, ...] = ()
    source_sentences: tuple[Sentence, ...] = ()
    copy_sentences: tuple[Sentence, ...] = ()
    voice: Voice | None = None


def make_finding(kind: str, severity: str, span: Span, message: str, inp: AttributionInputs, **kw) -> Finding:
    return Finding(kind, severity, span, message, source_path=inp.source.path, **kw)  # type: ignore[arg-type]


def quote_text(text: str, span: Span | None, limit: int = 90) -> str:
    words = span_text(text, span) if span else ""
    return f"“{words[: limit - 1]}…”" if len(words) > limit else f"“{words}”"


def _speaker_span(q: Quote) -> Span:
    """The quote with its speaker and cue when they sit next to it, for an editor to see who says it."""
    span = q.span
    for extra in (q.speaker_span, q.cue_span):
        if extra is not None and abs(extra.start - q.span.start) < _NEAR + len(q.span):
            span = span.union(extra)
    return span


def quote_findings(inp: AttributionInputs) -> list[Finding]:
    """quote_altered, quote_not_in_source and speaker_changed from the quote checks."""
    voice = inp.voice or source_voice(inp.source)
    src, cp = inp.source.text, inp.copy.text
    found = [c for c in inp.checks if c.verdict != "not_in_source"]
    # Other quotes of a speaker taken from this source make a missing one suspect, if the copy mostly took from it.
    derived = len(found) >= 2 and len(found) * 2 >= len(inp.checks)
    found_speakers = [c.quote.speaker for c in found if c.quote.speaker] if derived else []
    out = []
    for c in inp.checks:
        q = c.quote
        if c.verdict == "altered":
            kinds = [k for k in (meaning_change(e, src, cp) for e in c.edits) if k]
            diff = "; ".join(_edit_text(e) for e in c.edits[:6]) + ("; …" if len(c.edits) > 6 else "")
            what = f" (changes a {kinds[0]})" if kinds else ""
            out.append(
                make_finding(
                    "quote_altered",
                    "error" if kinds else "warning",
                    q.span,
                    f"Quote differs from the source{what}: {diff}.",
                    inp,
                    suggestion=f"Quote the source exactly: {quote_text(src, c.source_span, 300)}",
                    source_span=c.source_span,
                    evidence=tuple(("meaning", k) for k in kinds),
                )
            )
        elif c.verdict == "not_in_source" and _invented(c, voice, found_speakers, cp):
            out.append(
                make_finding(
                    "quote_not_in_source",
                    "error",
                    q.span,
                    f"Quote attributed to {q.speaker} is not in the source: no passage there resembles "
                    f"{quote_text(cp, q.span)}.",
                    inp,
                    suggestion="Check the quote against the source or remove it.",
                )
            )
        if c.verdict != "not_in_source" and len(tokenize(cp, q.span.start, q.span.end)) >= LONG_QUOTE:
            f = _speaker_finding(c, voice, inp, venue_cues(cp))  # cached per text: read for the first only
            if f is not None:
                out.append(f)
    return out


def _invented(c: QuoteCheck, voice: Voice, found_speakers: Sequence[str], text: str) -> bool:
    """A quote absent from the source that the copy cannot have found elsewhere.

    True when it is put in the mouth of the source's own writer, of a speaker
    whose other quotes the copy did take from this source, or of the speaker
    of the source words it partly repeats. A speaker the source merely quotes
    too may well have said it somewhere else.
    """
    who = c.quote.speaker
    if not who or not is_named(who):
        return False
    return (
        (voice.name is not None and same_person(who, voice.name))
        or any(same_person(who, s) for s in found_speakers)
        or (
            bool(c.source_speaker)
            and same_person(who, c.source_speaker)
            and len(tokenize(c.quote.span.of(text))) >= LONG_QUOTE
        )
    )


def _edit_text(e) -> str:
    if e.op == "delete":
        return f"“{e.source_text}” dropped"
    if e.op == "insert":
        return f"“{e.copy_text}” added"
    return f"“{e.source_text}” -> “{e.copy_text}”"


def _by_pronoun(text: str, quote: Quote | None) -> bool:
    """A quote whose speaker was found through a pronoun ("he said"), a weaker reading."""
    return quote is not None and quote.speaker_span is not None and fold(quote.speaker_span.of(text)) in PRONOUNS


def _near_mention(text: str, span: Span, name: str) -> bool:
    """``name`` appears in the paragraph of ``span``."""
    lo, hi = _paragraph(text, span)
    return mentions(text, lo, hi, name)


def _speaker_finding(c: QuoteCheck, voice: Voice, inp: AttributionInputs, cues=()) -> Finding | None:
    """speaker_changed when the copy's speaker of these words is not the source's."""
    q = c.quote
    copy_speaker = q.speaker
    if not copy_speaker or not (is_named(copy_speaker) or is_anonymous(copy_speaker)):
        return None  # unattributed, a pronoun left unresolved or a role ("a political scientist"): nothing to compare
    if q.speaker_span is not None and any(cue.span.contains(q.speaker_span) for cue in cues):
        return None  # "Speaking to the Daily Ledger, the ministry said": the outlet is not the speaker
    src_speaker = c.source_speaker
    if c.source_span is None:
        return None  # not found in the source: quote_not_in_source speaks for it
    writer = voice.name
    by_writer = bool(writer) and same_person(copy_speaker, writer)
    if src_speaker is None:
        return None  # the source's speaker of these words is not known
    src_quote = next((sq for sq in inp.source_quotes if c.source_span and sq.span.overlaps(c.source_span)), None)
    if (
        _by_pronoun(inp.source.text, src_quote)
        and src_speaker
        and not _near_mention(inp.source.text, c.source_span, src_speaker)
        and _near_mention(inp.source.text, c.source_span, copy_speaker)
    ):
        return None  # the source's "he said" more likely means the copy's speaker, named in that paragraph
    if writer and src_speaker == writer:  # narration of the source: the writer's own words
        if by_writer or not is_named(copy_speaker):
            return None
        why = f"in the source these are {writer}'s own words"
    elif src_speaker and is_named(src_speaker):
        if same_person(copy_speaker, src_speaker):
            return None
        why = f"the source attributes them to {src_speaker}"
    elif src_speaker and is_anonymous(src_speaker):
        if is_anonymous(copy_speaker) and not by_writer:
            return None
        why = f"the source attributes them to an unnamed speaker (“{src_speaker}”)"
    elif by_writer:
        why = f"in the source they are a quotation of someone else, not {writer}'s words"
    elif src_speaker == "":
        if _near_mention(inp.source.text, c.source_span, copy_speaker):
            return None  # the source names this speaker by the quote; our reading of it just failed
        why = f"the source does not name {copy_speaker} with these words ({_context(inp.source.text, c.source_span)})"
    else:
        return None  # the source gives a role ("the ministry"): nothing firm to compare
    return make_finding(
        "speaker_changed",
        "warning",
        _speaker_span(q),
        f"Quote attributed to {copy_speaker}, but {why}.",
        inp,
        suggestion=f"Attribute the quote as the source does ({src_speaker or 'the person the source quotes'}).",
        source_span=c.source_span,
    )


def _paragraph(text: str, span: Span) -> tuple[int, int]:
    lo = text.rfind("\n", 0, span.start) + 1
    hi = text.find("\n", span.end)
    return lo, len(text) if hi < 0 else hi


def _context(text: str, span: Span) -> str:
    """How the source introduces a quote: its last words and what follows them ("…night,” said one.")."""
    lo, hi = _paragraph(text, span)
    tail = text[span.end : min(hi, span.end + 60)]
    stop = min((i for i in (tail.find(". "), tail.find(".\n")) if i >= 0), default=len(tail) - 1)
    head = " ".join(text[max(lo, span.end - 30) : span.end].split()[-4:])
    return f"source: “…{head}{tail[: stop + 1]}”"


def venue_findings(inp: AttributionInputs) -> list[Finding]:
    """venue_drift: the copy says words were told to an outlet that the source shows were written or said elsewhere.

    Two sources of proof: the source is the speaker's own piece (bio line,
    first person), or the source reports the quote as written ("in a
    statement") or as said to someone else ("told councillors").
    """
    voice = inp.voice or source_voice(inp.source)
    src, cp = inp.source.text, inp.copy.text
    passages: list[tuple[Span, Span, QuoteCheck | None]] = [
        (c.quote.span, c.source_span, c) for c in inp.checks if c.verdict != "not_in_source" and c.source_span
    ]
    passages += [(m.copy_span, m.source_span, None) for m in inp.matches]
    if not passages:
        return []  # every cue needs a passage of the source beside it: the copy's cues are not even read
    source_quotes = [q for q in inp.source_quotes if not q.scare]
    out = []
    for cue in venue_cues(cp):
        lead = _CUE_VERB.search(cue.text)
        subject = cue.text[: lead.start()].strip(" ,") if lead else ""
        sents = _sentences_near(inp.copy_sentences, cue.span, cp)
        for copy_span, source_span, check in passages:
            if not any(copy_span.overlaps(s) for s in sents):
                continue
            in_quote = next((q for q in source_quotes if q.span.overlaps(source_span)), None)
            if in_quote is None and voice.own_writing:
                if is_named(subject) and voice.name and not same_person(subject, voice.name):
                    continue  # someone else really did talk to the outlet
                who = voice.name or "the writer"
                why = f"the source is {who}'s own written piece ({voice.evidence or 'first person'}), not an interview"
                fix = f"Say where {who} wrote it (e.g. “wrote in …”) instead of “{cue.text}”."
            elif in_quote is not None and check is not None:
                venue = quote_venue(src, in_quote.span)
                if venue is None or (venue[0] == "spoken" and _same_audience(venue[1], cue.text)):
                    continue
                how = "written" if venue[0] == "written" else "said"
                why = f"the source reports these words as {how} elsewhere (“{venue[1]}”)"
                fix = f"Say how the words were given, as the source does (“{venue[1]}”)."
            else:
                continue
            out.append(
                make_finding(
                    "venue_drift",
                    "warning",
                    cue.span,
                    f"“{cue.text}”: {why}; the copy presents them as said to an outlet.",
                    inp,
                    suggestion=fix,
                    source_span=source_span,
                )
            )
            break
    return out


def _same_audience(a: str, b: str) -> bool:
    """Two venue phrases naming the same listener ("told the Mail" / "told MailOnline")."""
    words = lambda t: {w for w in re.findall(r"[a-z]{3,}", fold(t)) if w not in _VENUE_WORDS}  # noqa: E731
    wa, wb = words(a), words(b)
    return bool(wa & wb) or any(x.startswith(y) or y.startswith(x) for x in wa for y in wb)


def _sentences_near(sentences: Sequence[Sentence], span: Span, text: str) -> list[Span]:
    """The sentence holding ``span`` and the next one (a quote often follows "X told the Mail:")."""
    for i, s in enumerate(sentences):
        if s.span.overlaps(span) or s.span.contains(span):
            return [x.span for x in sentences[i : i + 2]]
    return [span]


def mentions(text: str, lo: int, hi: int, name: str, *, pronouns: bool = False) -> bool:
    return mentioned(norm_words(text, lo, hi), name, pronouns=pronouns)


def norm_words(text: str, lo: int = 0, hi: int | None = None) -> frozenset[str]:
    """The normalised words of ``text[lo:hi]``, as ``tokenize`` gives them.

    Read from ``tokenize``'s tokens: the compare stages have already tokenised
    the copy (cached per text), so no word is matched or normalised again.
    """
    return frozenset(map(_NORM, tokenize(text, lo, hi)))


def mentioned(words: frozenset[str], name: str, *, pronouns: bool = False) -> bool:
    """``name`` (its last name word) is among ``words``, or with ``pronouns`` a he/she/they is."""
    from dedup.voice import name_words

    keys = name_words(name)
    if keys and keys[-1] in words:
        return True
    return pronouns and bool(words & {"he", "she", "they"})


def attribution_findings(inp: AttributionInputs) -> tuple[Finding, ...]:
    """Every quote and attribution finding for the copy, in copy order."""
    from dedup.hedge_check import hedge_findings
    from dedup.uncredited import reuse_findings

    found = quote_findings(inp) + venue_findings(inp) + hedge_findings(inp) + reuse_findings(inp)
    return tuple(sorted(found, key=lambda f: (f.span.start, f.span.end, f.kind)))
