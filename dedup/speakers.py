"""Who said a quote: find the cue beside it, or carry the speaker over from its neighbours.

Each quote gets the words before it (back to its sentence's start or the
previous quote) and after it (to its sentence's end or the next quote); the
patterns of ``speaker_phrases`` read a cue and a speaker phrase from them,
preferring the side the punctuation points to ('"Q," he said' / 'He said:
"Q"'). ``speaker_names`` turns the phrase into a name. A quote with no cue of
its own takes the speaker of a quote beside it in its sentence, else of a
sentence just before that attributes speech ("Herbst explained that ..."),
else of the quote just before (the news convention of a quote running on
in the next paragraph), else the person the previous sentence names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from dedup.model import Article, Quote, Span
from dedup.quotes import QuoteMarks, is_partial_quote, is_scare_quote
from dedup.segment import ABBREVIATIONS
from dedup.speaker_names import NameResolver
from dedup.speaker_phrases import Found, Mention, Words, find_cue, last_name_in

__all__ = ["attribute"]

_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"”’')\]]*\s+$")  # the word a sentence end follows
_BREAK = re.compile(r"[\r\n]")
_END_MARKS = ".!?…"  # what _SENT_END starts with
_MAX_CONTEXT = 600  # characters of context looked at each side of a quote


# ---------------------------------------------------------------- contexts


def _sentence_start(text: str, lo: int, hi: int) -> int:
    """Where the sentence holding position ``hi`` starts, no earlier than ``lo``.

    The ends are tried from the right, nearest first, so the usual case reads a
    few characters rather than scanning ``[lo, hi)``: an end (``_SENT_END``)
    always starts where its run of ``.!?…`` starts (clipped at ``lo``), so
    matching there finds exactly the ends a left-to-right scan from ``lo`` finds.
    """
    p = hi
    while (e := max(text.rfind(".", lo, p), text.rfind("!", lo, p), text.rfind("?", lo, p), text.rfind("…", lo, p))) >= 0:
        p = e
        while p > lo and text[p - 1] in _END_MARKS:
            p -= 1
        m = _SENT_END.match(text, p, hi)
        if m is None:
            continue
        if _after_abbreviation(text, lo, m):
            continue
        return m.end()
    return lo


def _sentence_end(text: str, lo: int, hi: int) -> int:
    for m in _SENT_END.finditer(text, lo, hi):
        if _after_abbreviation(text, lo, m):
            continue
        return m.start() + 1
    return hi


def _after_abbreviation(text: str, lo: int, m: re.Match[str]) -> bool:
    """Whether the sentence end ``m`` follows an abbreviation or an initial ("Dr.", "U.S.", "J."), not a sentence.

    The word is ``_LAST_WORD``'s in the 20 characters before: a search there tries
    every start, so the usual case (letters after a space, then one mark) is read
    directly; then that word is the whole of the search's group.
    """
    s = m.start()
    b = max(lo, s - 20)
    w = text[max(b, text.rfind(" ", b, s) + 1) : s]
    if w.isalnum() and text[s + 1] not in _END_MARKS:
        return len(w) == 1 or w.lower() in ABBREVIATIONS
    word = _LAST_WORD.search(text[b : m.end()])
    return word is not None and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1)


@dataclass(slots=True)
class _Slot:
    marks: QuoteMarks
    para: tuple[int, int]
    left: tuple[int, int]  # context before the opening mark, within the sentence
    right: tuple[int, int]  # context after the closing mark, within the sentence
    group: int = 0  # quotes sharing one sentence share a group number
    found: Found | None = None


class _Lines:
    """The line breaks of a text, so the paragraph around any offset is one bisection away."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        if "\r" in text:
            self.breaks = [m.start() for m in _BREAK.finditer(text)]
        else:  # the usual case: str.find is quicker than a regex pass
            self.breaks = []
            i = text.find("\n")
            while i >= 0:
                self.breaks.append(i)
                i = text.find("\n", i + 1)

    def para_of(self, i: int) -> tuple[int, int]:
        k = bisect_left(self.breaks, i)
        return (self.breaks[k - 1] + 1 if k else 0), (self.breaks[k] if k < len(self.breaks) else self.size)


def _slots(text: str, lines: _Lines, marks: Sequence[QuoteMarks]) -> list[_Slot]:
    slots: list[_Slot] = []
    for n, q in enumerate(marks):
        para = lines.para_of(q.open_mark)
        end_para = lines.para_of(q.span.end)
        prev_end = marks[n - 1].after if n and marks[n - 1].close_mark is not None else 0
        lo = max(para[0], prev_end, q.open_mark - _MAX_CONTEXT)
        left = (_sentence_start(text, lo, q.open_mark), q.open_mark)
        after = q.after if q.close_mark is not None else q.span.end
        nxt = marks[n + 1].open_mark if n + 1 < len(marks) else len(text)
        hi = min(end_para[1], nxt, after + _MAX_CONTEXT)
        right = (after, _sentence_end(text, after, hi) if hi > after else after)
        slots.append(_Slot(q, para, left, right))
    group = 0
    for n in range(1, len(slots)):
        a, b = slots[n - 1], slots[n]
        between = text[a.right[0] : b.left[1]] if a.right[0] <= b.left[1] else ""
        same = a.right[1] >= b.left[0] and b.left[0] <= a.right[1] and not _SENT_END.search(between.rstrip())
        if not same or a.para != b.para:
            group += 1
        b.group = group
    return slots


def attribute(article: Article, marks: Sequence[QuoteMarks]) -> list[Quote]:
    """Quotes with speakers for paired quotation marks, in text order."""
    if not marks:
        return []
    text = article.text
    words = Words(text)
    lines = _Lines(text)
    slots = _slots(text, lines, marks)
    for s in slots:
        right = find_cue(words, *s.right, before=False) if s.right[1] > s.right[0] else None
        quote_text = s.marks.span.of(text)
        ends_comma = quote_text.rstrip().endswith(",") or text[s.right[0] : s.right[0] + 1] == ","
        if right and ends_comma:  # '"Q," he said': the left side cannot win
            s.found = right
            continue
        left = find_cue(words, *s.left, before=True) if s.left[1] > s.left[0] else None
        left_tail = text[s.left[0] : s.left[1]].rstrip()
        left_intro = left_tail.endswith((":", ","))
        if right and (ends_comma or not (left and left_intro)):
            s.found = right
        else:
            s.found = left or right
    quoted = [(q.open_mark, q.close_mark if q.close_mark is not None else q.span.end) for q in marks]
    resolver = NameResolver(words, article.author, quoted)
    out: list[Quote] = []
    by_group: dict[int, Found] = {}
    for s in slots:
        if s.found is not None:
            by_group.setdefault(s.group, s.found)
    prev: tuple[_Slot, str | None, Mention | None, str | None, Span | None] | None = None
    for s in slots:
        found = s.found or by_group.get(s.group)
        speaker: str | None = None
        mention: Mention | None = None
        cue: str | None = None
        cue_span: Span | None = None
        left_text = text[s.left[0] : s.left[1]]
        if found is not None:
            mention, cue, cue_span = found.speaker, found.cue, found.cue_span
            speaker = resolver.resolve(mention)
        scare = is_scare_quote(text, s.marks.span, found is not None, left_text, text[s.right[0] : s.right[1]])
        if found is None and not scare:
            carried = _carry(article, lines, s, prev, resolver)
            if carried is not None:
                speaker, mention = carried
        out.append(
            Quote(
                span=s.marks.span,
                speaker=speaker,
                speaker_span=mention.span if mention is not None else None,
                cue=cue,
                cue_span=cue_span,
                scare=scare,
                partial=not scare and is_partial_quote(text, s.marks.span),
            )
        )
        if not scare:
            prev = (s, speaker, mention, cue, cue_span)
    return out


def _previous_sentence(article: Article, lines: _Lines, s: _Slot) -> tuple[int, int] | None:
    """The sentence just before the quote's sentence: in its paragraph, else ending the one before."""
    text = article.text
    if s.left[0] > s.para[0]:
        end = s.left[0]
        while end > s.para[0] and text[end - 1].isspace():
            end -= 1
        return _sentence_start(text, max(s.para[0], end - _MAX_CONTEXT), max(s.para[0], end - 1)), end
    k = s.para[0] - 1
    while k > 0:
        while k > 0 and text[k - 1] in "\r\n":
            k -= 1
        start, end = lines.para_of(max(0, k - 1))
        if start >= end or not article.excluded or not article.is_excluded(Span(start, end)):
            return (_sentence_start(text, max(start, end - _MAX_CONTEXT), end), end) if end > start else None
        k = start - 1
    return None


def _carry(article: Article, lines: _Lines, s: _Slot, prev, resolver: NameResolver) -> tuple[str, Mention | None] | None:  # noqa: ANN001
    """A speaker for a quote with no cue: the sentence before, the quote before, or the person just named."""
    text, words = article.text, resolver.words
    before = _previous_sentence(article, lines, s)
    if before is not None:
        found = find_cue(words, *before, before=True)
        if found is not None and found.speaker.kind != "pronoun" or (
            found is not None and found.speaker.text.lower() in {"he", "she"}
        ):
            return resolver.resolve(found.speaker), found.speaker
    if prev is not None:
        p_slot, p_speaker, p_mention = prev[0], prev[1], prev[2]
        gap = text[p_slot.right[1] : s.left[0]] if s.left[0] - p_slot.right[1] < 4 * _MAX_CONTEXT else "\n" * 9
        if p_speaker and gap.count("\n") <= 2:
            named = last_name_in(words, p_slot.right[1], s.left[0])
            if named is None or resolver.full_name(named.text) == p_speaker:
                return p_speaker, p_mention
    if before is not None:
        named = last_name_in(words, *before)
        if named is not None:
            return resolver.resolve(named), named
    return None


