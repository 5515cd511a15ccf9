"""Whose words an article is in, and how a copy says it got them.

Attribution checks need two facts the quote extractor does not give. For the
*source*: is it the writer's own piece (an op-ed, a column, a statement), and
who is the writer? The evidence is a byline, an author bio line ("X is
Professor at ...", "X is the author of ..."), the article's metadata, and
first-person narration outside quotation marks ("I think", "I met"). For the
*copy*: where does it claim the words were said ("told the MailOnline", "he
tells the Mail", "in an interview with", "speaking to")? Written words
presented as spoken to an outlet are venue drift.

Names are compared loosely (titles dropped, surname or any name word shared),
because a copy writes "Prof Galeotti" for the source's "Mark Galeotti".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from dedup.model import Article, Span
from dedup.text import fold

__all__ = [
    "Voice",
    "VenueCue",
    "source_voice",
    "venue_cues",
    "quote_venue",
    "same_person",
    "is_named",
    "is_anonymous",
    "name_words",
]

TITLES = frozenset(
    """prof professor dr doctor mr mrs ms miss sir dame lord lady sen senator rep gov governor pres president
    gen general col colonel lt capt captain maj major sgt adm admiral rev reverend fr father sheikh st
    the a an former ex late chief minister secretary ambassador mayor judge justice""".split()
)
PRONOUNS = frozenset("he she they it i we you him her them his hers their who one someone somebody".split())
_NOT_NAMES = TITLES | PRONOUNS
# Speakers the source leaves unnamed: "said one", "an official said", "a source close to ...".
_ANON_HEADS = frozenset(
    """one someone somebody source sources official officials insider insiders aide aides person people
    officer officers witness witnesses resident residents friend friends spokesman spokeswoman spokesperson""".split()
)

_NAME = r"[A-Z][\w'’-]*\.?(?:[ \t]+[A-Z][\w'’-]*){0,3}"
# An author bio line: "Mark Galeotti is Honorary Professor at ...", "Jane Doe is the author of ...".
_BIO_RE = re.compile(
    rf"^\s*(?:[*_(\[—–-]\s*)?(?P<name>{_NAME})\s+(?:is|was)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?"
    r"(?i:professor|lecturer|author|fellow|director|editor|columnist|correspondent|writer|researcher|analyst|"
    r"chair|chairman|president|founder|head|former|senior|associate|visiting|emeritus|honorary|journalist|"
    r"historian|economist|contributor|commentator|novelist|ceo|partner|member)\b",
    re.M,
)
_BYLINE_RE = re.compile(rf"^\s*(?:by|written by|words by)\s+(?P<name>{_NAME})\s*(?:[,|/–—-].*)?$", re.M | re.I)
# First person in narration (quotes are blanked out before this runs).
_FIRST_PERSON_RE = re.compile(
    r"\b(?:I\s+(?:think|believe|suspect|fear|met|argue|wrote|remember|saw|have|had|was|am|would|will)|"
    r"I'm|I’m|I've|I’ve|in my (?:view|opinion|experience)|my (?:view|book|research))\b"
)
# Where _FIRST_PERSON_RE can match: the start of each alternative's first word (re finds these
# literals in C; the \b the pattern starts with makes re try it at every position).
_FIRST_PERSON_HINT = re.compile(r"I[\s'’]|in my |my ")
_QUOTED_RE = re.compile(r"[\"“”][^\"“”\n]{0,2000}[\"“”]")

# How a copy claims the words reached it: said to an outlet, in an interview, speaking to someone.
_OUTLET = r"(?:the[ \t]+)?(?:[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}|reporters|journalists|us|me|this\s+(?:paper|newspaper|site|website|outlet|publication|reporter|programme|program|show))"
_VENUE_PATTERNS = (
    rf"\b(?:told|tells|telling|tell)\s+{_OUTLET}",
    r"\b(?:said|says|saying|speaking|spoke|explained|revealed|added|told\s+\w+)?\s*(?:[Ii]n|during)\s+an?\s+"
    r"(?:exclusive\s+|recent\s+|wide-ranging\s+)?(?:interview|conversation|chat|phone\s+call|podcast)\b"
    r"(?:\s+with\s+" + _OUTLET + r")?",
    rf"\b(?:[Ss]peaking|[Ss]poke|spoken|[Tt]alking|talked)\s+(?:exclusively\s+)?(?:to|with)\s+{_OUTLET}",
    rf"\b(?:said|says)\s+to\s+{_OUTLET}",
    rf"\b(?:[Ww]hen|[Aa]fter\s+being)\s+(?:asked|contacted|interviewed)\s+by\s+{_OUTLET}",
    r"\b(?:[Ii]n\s+)?an?\s+(?:exclusive\s+)?interview\s+with\b",
)
_VENUE_RE = re.compile("|".join(f"(?:{p})" for p in _VENUE_PATTERNS))
# Where a venue cue can start, as literals (so re skips ahead in C instead of trying _VENUE_RE at every
# position): each pattern's first words, or for a cue starting at the whitespace before "in"/"during"
# (pattern 2 without its prefix) the "in"/"during" after it; _venue_matches steps back over that space.
_W2 = r"\s*(?:[Ii]n|during)\s+an?\s"  # pattern 2 after its prefix word
_VENUE_HINT = re.compile(
    "|".join(
        [r"told\s", r"tell(?:s|ing)?\s", r"In\s+an?\s", r"in\s+an?\s", r"during\s+an?\s"]
        + [w + _W2 for w in ("said", "says", "saying", "speaking", "spoke", "explained", "revealed", "added")]
        + [r"Sp(?:eaking|oke)\s", r"sp(?:eaking|oken?)\s", r"Talking\s", r"talk(?:ing|ed)\s", r"sa(?:id|ys)\s+to\s"]
        + [rf"{w}\s+(?:asked|contacted|interviewed)\s" for w in ("When", "when")]
        + [r"After\s+being\s", r"after\s+being\s", r"an?\s+(?:exclusive\s+)?interview\s+with"]
    )
)
# The subject right before a venue cue: "Prof Galeotti", "he", "the former ambassador".
_SUBJECT_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’-]*\.?[ \t]+){0,3}[A-Z][\w'’-]*|\b(?:he|she|they))[ \t]*,?[ \t]*$")


# How a source says a quote was given to someone other than an outlet: a speech, a meeting, a crowd.
_SPOKEN_ELSEWHERE_RE = re.compile(
    r"\b(?:told|tells|telling)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w'’-]+(?:[ \t]+[A-Z][\w'’-]*){0,2}|"
    r"\b(?:at|during)\s+an?\s+(?:press\s+conference|news\s+conference|briefing|rally|meeting|hearing|debate|summit|"
    r"event|vigil|rally)\b|\b(?:in|during)\s+(?:a|his|her|their)\s+speech\b|\bin\s+(?:parliament|the\s+Commons|the\s+Senate)\b"
)
_WRITTEN_RE = re.compile(
    r"\b(?:in\s+an?\s+(?:written\s+|joint\s+|brief\s+)?(?:statement|press\s+release|letter|email|e-mail|blog(?:\s+post)?|"
    r"post|op-ed|column|article|essay|book|report|memo|tweet|newsletter)|wrote|writes|written|posted|tweeted|"
    r"(?:said|wrote)\s+on\s+(?:X|Twitter|Facebook|Telegram|Instagram|social\s+media))\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Voice:
    """Who wrote an article, and whether it is the writer's own piece (first person, bio line)."""

    name: str | None
    own_writing: bool
    evidence: str = ""
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class VenueCue:
    """A phrase of the copy saying the words were spoken to someone ("told the MailOnline")."""

    span: Span
    text: str


@lru_cache(maxsize=64)
def _blank_quotes(text: str) -> str:
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), text)


def source_voice(article: Article) -> Voice:
    """The writer of ``article`` and whether the article is in their own voice.

    Own writing: an author bio line, or first person in the narration at least
    twice. The name comes from metadata, the bio line or a "By X" byline.
    """
    text = article.text
    name = article.author
    span = None
    evidence = []
    bio = None
    for m in _BIO_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if len(line) < 400:  # a bio is a short line of its own, not a sentence in the story
            bio = m
    if bio is not None and _bio_is_at_an_end(text, bio.start()):
        evidence.append("author bio line")
        if not name:
            name = bio.group("name")
            span = Span(bio.start("name"), bio.end("name"))
    if not name:
        by = _BYLINE_RE.search(text[:600])
        if by:
            name, span = by.group("name"), Span(by.start("name"), by.end("name"))
            evidence.append("byline")
    first_person = _first_person(_blank_quotes(text))
    if first_person >= 2:
        evidence.append(f"first person in the narration ({first_person} times)")
    own = bool(bio is not None and _bio_is_at_an_end(text, bio.start())) or first_person >= 2
    return Voice(name=name, own_writing=own, evidence=", ".join(evidence), span=span)


def _first_person(text: str) -> int:
    """``len(_FIRST_PERSON_RE.findall(text))``, trying the pattern only where the hint matches.

    Every alternative starts with one of the hint's words, so the positions tried, in order,
    include every start of a match. No match is empty.
    """
    n = pos = 0
    match, hint = _FIRST_PERSON_RE.match, _FIRST_PERSON_HINT.search
    while (h := hint(text, pos)) is not None:
        m = match(text, h.start())
        if m is None:
            pos = h.start() + 1
        else:
            n += 1
            pos = m.end()
    return n


def _bio_is_at_an_end(text: str, pos: int) -> bool:
    """Bio lines sit in the first or last few hundred characters of a piece."""
    return pos < 400 or len(text) - pos < 600


@lru_cache(maxsize=256)  # a copy's cues are asked for by the quote and the venue checks alike
def venue_cues(text: str, start: int = 0, end: int | None = None) -> tuple[VenueCue, ...]:
    """Phrases in ``text[start:end]`` presenting words as said to an outlet or in an interview.

    Each span runs from the subject just before the cue ("Prof Galeotti",
    "he") to the end of the cue, so an editor sees the whole claim.
    """
    end = len(text) if end is None else end
    text = _blank_quotes(text)  # words inside quotation marks are the speaker's, not the copy's claim
    out = []
    for m in _venue_matches(text, start, end):
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        before = text[max(start, s - 60) : s]
        sub = _SUBJECT_BEFORE.search(before) if text[s : s + 1].islower() else None
        if sub:
            s = s - len(before) + sub.start()
        out.append(VenueCue(Span(s, m.end()), text[s : m.end()]))
    return tuple(out)


def _venue_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(_VENUE_RE.finditer(text, start, end))``, trying the full pattern only where a hint is.

    Every pattern starts at a word boundary with one of the hint's words, except pattern 2 without
    its prefix, which may start at a run of whitespace (after a word character) just before the
    "in"/"during" that the hint finds; so the positions tried, in order, include every start.
    """
    out = []
    pos = start
    match, hint, isspace = _VENUE_RE.match, _VENUE_HINT.search, str.isspace
    while (h := hint(text, pos, end)) is not None:
        q = h.start()
        p = q
        while p > pos and isspace(text[p - 1]):
            p -= 1
        m = (match(text, p, end) if p < q else None) or match(text, q, end)
        if m is None:
            pos = q + 1
        else:
            out.append(m)
            pos = m.end()
    return out


@lru_cache(maxsize=4096)  # the same few speaker names, compared pair after pair
def name_words(name: str | None) -> tuple[str, ...]:
    """The folded words of a name without titles, articles or possessives."""
    if not name:
        return ()
    words = [fold(w).rstrip(".").removesuffix("'s") for w in re.findall(r"[\w'’.-]+", name)]
    return tuple(w for w in words if w and w not in TITLES)


@lru_cache(maxsize=4096)
def is_named(speaker: str | None) -> bool:
    """A speaker given by a proper name ("Prof Galeotti", "Russian warriors"), not a role or pronoun."""
    if not speaker:
        return False
    words = re.findall(r"[\w'’.-]+", speaker)
    return any(w[:1].isupper() and fold(w).rstrip(".") not in _NOT_NAMES for w in words)


def is_anonymous(speaker: str | None) -> bool:
    """A speaker the text leaves unnamed: "one", "an official", "a source"."""
    if not speaker or is_named(speaker):
        return False
    words = name_words(speaker)
    return bool(words) and words[-1] in _ANON_HEADS


def _first_names_agree(a: str, b: str) -> bool:
    """ "Hillary" / "Hillary", "H." / "Hillary", "Bob" / "Robert" (a short form of the other's start is not judged)."""
    a, b = a.rstrip("."), b.rstrip(".")
    return (
        a == b
        or len(a) == 1
        and b.startswith(a)
        or len(b) == 1
        and a.startswith(b)
        or not (a.isalpha() and b.isalpha())
    )


@lru_cache(maxsize=8192)
def same_person(a: str | None, b: str | None) -> bool:
    """True when two speaker strings plausibly name the same person (surname or a name word shared)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and not _first_names_agree(wa[0], wb[0]):
        return False  # "Walter Stone" is not "Robert Stone"
    if wa[-1] in wb or wb[-1] in wa:
        return True
    # A misspelt surname is still the same person ("Galleotti" / "Galeotti").
    return min(len(wa[-1]), len(wb[-1])) >= 5 and fuzz.ratio(wa[-1], wb[-1]) >= 85


def quote_venue(text: str, span: Span) -> tuple[str, str] | None:
    """How the article says a quote reached it: ``("written", "in a statement")``, ``("spoken", "told X")`` or None.

    Looks in the quote's paragraph, outside the quotation marks.
    """
    lo = text.rfind("\n", 0, span.start) + 1
    hi = text.find("\n", span.end)
    hi = len(text) if hi < 0 else hi
    lo, hi = max(lo, span.start - 300), min(hi, span.end + 200)
    blank = _blank_quotes(text[lo:hi])
    m = _WRITTEN_RE.search(blank)
    if m:
        return "written", m.group()
    cues = venue_cues(text, lo, hi)
    if cues:
        return "spoken", cues[0].text
    m = _SPOKEN_ELSEWHERE_RE.search(blank)
    return ("spoken", m.group()) if m else None
