"""Find the quotations of an article: pair quotation marks, then ask ``speakers`` who said them.

Pairing is a single left-to-right pass over the marks, so it is linear in the
text and cannot hang on unbalanced marks. Each mark gets a role from its
neighbours (an opening mark is followed by a word, a closing one follows a
word), which is what lets straight quotes, curly quotes and the wrong curly
quote ("said.“") pair alike. Paragraphs are lines; the news convention of a
quote running over several paragraphs (each reopens with a mark, only the last
closes) gives one quote whose span covers the paragraph breaks. A quote left
open at the end of its paragraph, and not reopened by the next, ends at the
paragraph's end: one stray mark never swallows the rest of the article.

Single quotation marks are paired only outside double quotes (headlines and UK
style) and only with strict roles, so apostrophes ("Putin’s", "don’t", "’90s",
"the Smiths’ house") never open or close a quote; single quotes nested inside
a double quote stay part of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from dedup.model import Article, Quote, Span
from dedup.speakers_lexicon import CUES

__all__ = ["QuoteMarks", "extract_quotes", "find_quote_spans", "is_partial_quote", "is_scare_quote"]

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
_OPENING = set("“„‟«‘‚‛‹")  # marks that prefer to open
_CLOSING = set("”»’›")  # marks that prefer to close
_BEFORE_OPEN = set("([{<—–-/:;,") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)  # may precede an opener
_AFTER_CLOSE = set(".,;:!?)]}>—–-/…") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)  # may follow a closer
_ELISIONS = re.compile(r"(?:\d0?s\b|\d\d\b|em\b|n\b|til\b|cause\b|bout\b|tis\b|twas\b)", re.I)
# What a mark is, as patterns (``_mark_starts`` finds the same by str.find, quicker). Two apostrophes stand
# for a double quotation mark in some wire copy (''Yes,'' he said).
_DOUBLE_RE = re.compile("''|" + "|".join(map(re.escape, DOUBLE_MARKS)))
# An apostrophe inside a word ("Putin’s", "don’t") can never open or close (``_role``), so it is left out:
# a letter or digit on both sides. Most single marks are such apostrophes.
_SINGLE_RE = re.compile(f"[{re.escape(SINGLE_MARKS)}](?<!'.)(?!')(?:(?<![^\\W_].)|(?![^\\W_]))")
_PARA_RE = re.compile(r"[^\r\n]+")

OPEN, CLOSE, EITHER, NONE = "open", "close", "either", "none"


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """One paired quotation: the words inside, and where its first and last marks are."""

    span: Span  # the quoted words, whitespace and marks trimmed
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark; None when the quote was left open
    single: bool = False  # paired with single quotation marks
    after: int = -1  # index just past the closing mark (the span's end when left open)


def _width(text: str, i: int) -> int:
    """How many characters the mark at ``i`` takes: two for ``''``."""
    return 2 if text.startswith("''", i) else 1


def _role(text: str, i: int, single: bool) -> str:
    """Whether the mark at ``i`` can open or close a quote, judged from its neighbours."""
    prev = text[i - 1] if i > 0 else "\n"
    w = 1 if single else _width(text, i)
    nxt = text[i + w] if i + w < len(text) else "\n"
    can_open = prev.isspace() or prev in _BEFORE_OPEN
    can_close = nxt.isspace() or nxt in _AFTER_CLOSE
    ch = text[i]
    if single:
        if prev.isalnum() and nxt.isalnum():
            return NONE  # an apostrophe inside a word: don't, Putin’s
        if (prev.isspace() or prev in "([{—–-/:" or prev in DOUBLE_MARKS) and nxt.isalnum() and ch not in "›":
            return NONE if _ELISIONS.match(text, i + 1, i + 6) else OPEN  # ’90s, ’em, rock ’n’ roll
        if not prev.isspace() and can_close and ch not in _OPENING:
            return CLOSE
        return NONE
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    if ch in _OPENING:
        return OPEN if not nxt.isspace() else CLOSE
    if ch in _CLOSING:
        return CLOSE if not prev.isspace() else OPEN
    return EITHER


def _possessive_s(text: str, i: int) -> bool:
    """A mark after a plural "s" and before another word: likely a possessive apostrophe."""
    return text[i - 1 : i] in ("s", "S") and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isalnum()


def _paragraphs(text: str, excluded: tuple[Span, ...]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-blank line outside excluded furniture."""
    for start, end in _lines(text):
        if text[start:end].isspace():
            continue
        if excluded and any(e.start <= start and end <= e.end for e in excluded):
            continue
        yield start, end


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of characters other than line breaks (``[^\\r\\n]+``), found by str.find."""
    if "\r" in text:
        yield from (m.span() for m in _PARA_RE.finditer(text))
        return
    pos = 0
    while (nl := text.find("\n", pos)) >= 0:
        if nl > pos:
            yield pos, nl
        pos = nl + 1
    if len(text) > pos:
        yield pos, len(text)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _pair(
    text: str,
    paras: list[tuple[int, int]],
    marks: list[tuple[int, list[int]]],
    single: bool,
) -> list[QuoteMarks]:
    """Pair the marks in one pass: ``(k, marks of paras[k])`` in order; a paragraph left out has none."""
    out: list[QuoteMarks] = []
    open_at: int | None = None  # index of the opening mark of the quote in progress
    open_role = NONE
    last_end = 0  # end of the last paragraph the open quote reached
    last_k = -2  # the paragraph paired last

    def close_unbalanced() -> None:
        nonlocal open_at
        if open_at is not None and not single and open_role == OPEN:
            span = _trimmed(text, open_at + _width(text, open_at), last_end)
            if len(span):
                out.append(QuoteMarks(span, open_at, None, single, span.end))
        open_at = None

    for k, pmarks in marks:
        pstart, pend = paras[k]
        idx = 0
        if open_at is not None:
            # the next paragraph reopens the quote: it runs on (one with no marks ends it)
            first = pmarks[0] if pmarks and k == last_k + 1 else None
            if first is not None and not text[pstart:first].strip() and _role(text, first, single) in (OPEN, EITHER):
                idx = 1
            else:
                close_unbalanced()
        roles = [(i, _role(text, i, single)) for i in pmarks[idx:]]
        later_close = [False] * (len(roles) + 1)  # a firm closing mark comes later in the paragraph
        for n in range(len(roles) - 1, -1, -1):
            i, r = roles[n]
            later_close[n] = later_close[n + 1] or (r == CLOSE and not _possessive_s(text, i))
        for n, (i, role) in enumerate(roles):
            if role == NONE:
                continue
            weak = single and role == CLOSE and open_at is not None and _possessive_s(text, i)
            if weak and later_close[n + 1]:
                continue  # "the Smiths’ house": a later mark closes the quote
            if open_at is None:
                if role in (OPEN, EITHER):
                    open_at, open_role = i, role
            elif role in (CLOSE, EITHER):
                span = _trimmed(text, open_at + (1 if single else _width(text, open_at)), i)
                if len(span):
                    out.append(QuoteMarks(span, open_at, i, single, i + (1 if single else _width(text, i))))
                open_at = None
            else:  # an opener while a quote is open: the earlier mark lost its partner
                open_at, open_role = i, role
        last_end, last_k = pend, k
    close_unbalanced()
    return out


MarksOf = Callable[[str, list[tuple[int, int]], bool], list[tuple[int, list[int]]]]


def _mark_starts(text: str, single: bool) -> list[int]:
    """Where ``_SINGLE_RE`` (or ``_DOUBLE_RE``) matches in ``text``, in order, each mark found by str.find.

    A regex scan tries a class at every character; str.find skips to each mark in
    C and only the marks are looked at here: an apostrophe with a letter or digit
    on both sides, or beside another, is no single mark; two make a double one.
    """
    out: list[int] = []
    find = text.find
    if not single:
        for c in DOUBLE_MARKS:
            i = find(c)
            while i >= 0:
                out.append(i)
                i = find(c, i + 1)
        i = find("''")
        while i >= 0:  # a run of apostrophes pairs from its left, as the regex scan does
            out.append(i)
            i = find("''", i + 2)
    else:
        n = len(text)
        for c in SINGLE_MARKS:
            i = find(c)
            while i >= 0:
                prev = text[i - 1] if i else ""
                nxt = text[i + 1] if i + 1 < n else ""
                if prev != "'" and nxt != "'" and not (prev.isalnum() and nxt.isalnum()):
                    out.append(i)
                i = find(c, i + 1)
    out.sort()
    return out


def _marks_by_paragraph(text: str, paras: list[tuple[int, int]], single: bool) -> list[tuple[int, list[int]]]:
    """``(k, marks in paras[k])`` for the paragraphs with marks, from one look over the text.

    No mark spans a line break and a line break is no word character or mark, so
    the marks of the whole text are those of a pass per paragraph; most paragraphs have none.
    """
    starts = [s for s, _ in paras]
    out: list[tuple[int, list[int]]] = []
    last = -1
    for i in _mark_starts(text, single):
        k = bisect_right(starts, i) - 1
        if k < 0 or i >= paras[k][1]:
            continue  # a blank line or excluded furniture
        if k != last:
            out.append((k, []))
            last = k
        out[-1][1].append(i)
    return out


def find_quote_spans(text: str, excluded: tuple[Span, ...] = ()) -> list[QuoteMarks]:
    """Every quotation of ``text``, marks paired, sorted by position; nested quotes stay inside."""
    return _find_quote_spans(text, list(_paragraphs(text, excluded)), _marks_by_paragraph)


def _find_quote_spans(text: str, paras: list[tuple[int, int]], marks_of: MarksOf) -> list[QuoteMarks]:
    """``find_quote_spans`` with the marks of each paragraph found by ``marks_of`` (the tests pass a regex pass
    per paragraph, the plain way, to check ``_marks_by_paragraph``)."""
    doubles = _pair(text, paras, marks_of(text, paras, False), False)
    # Single marks count only outside double quotes.
    inside = [(q.open_mark, q.close_mark if q.close_mark is not None else q.span.end) for q in doubles]
    singles_marks: list[tuple[int, list[int]]] = []
    k = 0
    for p, found in marks_of(text, paras, True):
        pm = []
        for i in found:
            while k < len(inside) and inside[k][1] < i:
                k += 1
            if k < len(inside) and inside[k][0] <= i <= inside[k][1]:
                continue
            pm.append(i)
        singles_marks.append((p, pm))
    singles = _pair(text, paras, singles_marks, True)
    if singles:  # UK style nests double quotes inside single ones
        doubles = [d for d in doubles if not any(s.span.contains(d.span) for s in singles)]
    return sorted(doubles + singles, key=lambda q: (q.span.start, q.span.end))


_LABEL_CUES = re.compile(
    r"\b(?:so-called|branded|brands|branding|dubbed|dubs|labell?ed|labels|termed|terms|nicknamed|"
    r"called|calls|calling|described\s+(?:\w+\s+){0,3}as|known\s+as|referred\s+to\s+as|as|of|its|their|his|her|the|a|an)\s*$",
    re.I,
)
# _LABEL_CUES written backwards, for the reversed text up to its trailing space: one match at the start
# instead of a search trying every position (a match ends the text, so it starts the reversed text).
_LABEL_CUES_REVERSED = re.compile(
    r"(?:dellac-os|dednarb|sdnarb|gnidnarb|debbud|sbud|del?lebal|slebal|demret|smret|demankcin|"
    r"dellac|sllac|gnillac|sa(?:\s+\w+){0,3}\s+debircsed|sa\s+nwonk|sa\s+ot\s+derrefer|sa|fo|sti|rieht|sih|reh|eht|a|na)\b",
    re.I,
)


def ends_with_label_cue(left: str) -> bool:
    """``_LABEL_CUES.search(left)``: whether ``left`` ends with a labelling word ("so-called", "dubbed", "the")."""
    return _LABEL_CUES_REVERSED.match(left.rstrip()[::-1]) is not None


_WORDS = re.compile(r"[^\W_]+(?:[-’'*][^\W_]+)*")
_SENTENCE_PUNCT = re.compile(r"[.!?;:,]\s*$|[.!?]\s")


def is_scare_quote(text: str, quote: Span, has_cue: bool, left: str, right: str = "") -> bool:
    """A quoted word or two used as a label ("terrorist formations"), not reported speech.

    Short (three words at most), no sentence punctuation inside, and either
    introduced as a label ("branded", "so-called", a determiner), running on
    into the writer's words (‘Missing’ White Voters), or with no reporting
    verb attached to it. A title or slogan in title case with no reporting
    verb (“The Big Short”) counts too.
    """
    quoted = quote.of(text)
    words = [m.group() for m in islice(_WORDS.finditer(quoted), 7)]  # past six words it is never one
    if not words or len(words) > 6 or _SENTENCE_PUNCT.search(quoted):
        return False
    long_words = [w for w in words if len(w) > 3]
    if not has_cue and len(words) <= 6 and long_words and all(w[0].isupper() for w in long_words):
        return True  # a title or slogan: “The Big Short”, “Make America Great Again”
    if len(words) > 3:
        return False
    if not left.strip():
        # a quote opening its sentence is speech ("Yes," he said) unless the sentence runs on from it
        nxt = right.lstrip()[:1]
        return bool(nxt) and nxt.isalpha() and not has_cue
    return not has_cue or ends_with_label_cue(left[-60:])


_CUE_BEFORE = re.compile(r"(\w+)\W*$")


def is_partial_quote(text: str, quote: Span) -> bool:
    """Quoted words embedded in the writer's own clause ("has “always run a lean campaign”").

    A direct quote is a whole utterance: it opens its sentence, follows a
    colon or comma ('said: "We..."'), or is a capitalised sentence right
    after a reporting verb ('tweeted "Crooked Hillary..."'). A partial quote
    follows the writer's words with no such break.
    """
    i = quote.start - 1
    while i >= 0 and (text[i] in DOUBLE_MARKS or text[i] in SINGLE_MARKS or text[i] in " \t"):
        i -= 1
    if i < 0 or text[i] in "\r\n.:,;!?—–-([":
        return False
    if not text[i].isalnum():
        return False
    first = text[quote.start : quote.start + 1]
    if first.isupper():
        m = _CUE_BEFORE.search(text, max(0, i - 30), i + 1)
        if m and m.group(1).lower() in CUES:
            return False
    return True


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation of ``article`` with its speaker and cue, sorted by span."""
    from dedup.speakers import attribute

    marks = [q for q in find_quote_spans(article.text, article.excluded) if not article.is_excluded(q.span)]
    return tuple(sorted(attribute(article, marks), key=lambda q: (q.span.start, q.span.end)))
