"""Who said a quote: reporting cues, the speaker phrase beside them, and who a pronoun means.

The classic patterns of Pouliquen, Steinberger and Best (2007), on words:
``"Q," said Name`` / ``"Q," Name said`` / ``Name said: "Q"`` / ``Name said that ... "Q"``
and ``according to Name``. A speaker phrase is a name (titles and initials
kept: "Dr Kristian Gustafson"), a role ("the former ambassador", "a
spokesman", "Russia's defence ministry") or a pronoun. Names resolve to the
longest form the article uses ("Gustafson" -> "Kristian Gustafson"); roles
to the person introduced with that role word; he/she to the nearest earlier
speaker of compatible gender. A quote with no cue of its own takes the speaker
of a quote beside it in its sentence, else of the quote just before (the news
convention of a quote running on in the next paragraph), else the person the
previous sentence names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dedup.model import Article, Quote, Span
from dedup.quotes import QuoteMarks, is_scare_quote
from dedup.segment import ABBREVIATIONS
from dedup.speakers_lexicon import (
    ADVERBS,
    CUES,
    DETERMINERS,
    FEMALE,
    FINAL_ONLY,
    INVERTIBLE,
    MALE,
    NAME_PARTICLES,
    NOT_NAMES,
    NP_STOP,
    PRONOUNS,
    TIME_WORDS,
    TITLES,
)

__all__ = ["Mention", "attribute", "find_cue"]

_TOKEN = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*(?:[’']s?)?|[^\w\s]")
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_MAX_CONTEXT = 600
_PREPOSITIONS = frozenset("of to for at from in with on by and".split())  # characters of context looked at each side of a quote


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming a speaker: a proper name, a role or a pronoun."""

    span: Span
    text: str
    kind: str  # "name" | "role" | "pronoun"


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


# ---------------------------------------------------------------- speaker phrases


def _is_title(t: _Tok) -> bool:
    return t.low.rstrip(".") in TITLES and t.cap


def _name_word(t: _Tok) -> bool:
    return t.word and t.cap and t.low not in NOT_NAMES and t.low not in PRONOUNS


def _possessive(t: _Tok) -> bool:
    return t.low.endswith("'s") or t.low.endswith("s'")


def _np_before(toks: list[_Tok], j: int) -> Mention | None:
    """The speaker phrase ending at token ``j`` (inclusive), read leftwards."""
    while j >= 0 and toks[j].low in ADVERBS:
        j -= 1
    if j < 0:
        return None
    t = toks[j]
    if t.text == "," and j > 0:  # "Name, a spokesman for X, said": skip the appositive
        k = j - 1
        while k >= 0 and toks[k].text != "," and j - k < 16:
            if toks[k].text in {".", ":", ";", "“", '"', "”"}:
                return None
            k -= 1
        if k > 0 and toks[k].text == ",":
            return _np_before(toks, k - 1)
        return None
    if t.low in PRONOUNS:
        return Mention(Span(t.start, t.end), t.text, "pronoun")
    if _name_word(t) or (t.text == "." and j > 0 and _name_word(toks[j - 1])):
        if t.text == ".":
            j -= 1
            t = toks[j]
        k = j
        while k - 1 >= 0:
            p = toks[k - 1]
            if _name_word(p) or _is_title(p) or (p.low in NAME_PARTICLES and k - 2 >= 0 and _name_word(toks[k - 2])):
                k -= 1
            elif p.text == "." and k - 2 >= 0 and (_is_title(toks[k - 2]) or len(toks[k - 2].text) == 1):
                k -= 1  # "Dr." or an initial "J."
            else:
                break
        while k < j and ((toks[k].low in NOT_NAMES and not _is_title(toks[k])) or toks[k].text == "."):
            k += 1
        if _possessive(toks[j]):
            return None  # "Putin's aides said": not Putin
        if k > 0 and toks[k - 1].low in _PREPOSITIONS:
            # "John Herbst, ... ambassador to Ukraine explained": the name before the comma
            c = next((c for c in range(k - 1, max(-1, k - 20), -1) if toks[c].text == ","), None)
            head = _np_before(toks, c - 1) if c else None
            return head if head is not None and head.kind == "name" else None
        mention = Mention(Span(toks[k].start, toks[j].end), _join(toks, k, j), "name")
        return mention
    if t.word and not t.cap and t.low not in NP_STOP and t.low not in CUES and t.low not in TIME_WORDS:
        # a role: "the former ambassador", "Russia's defence ministry", "officials"
        k = j
        while k - 1 >= 0 and j - k < 6:
            p = toks[k - 1]
            if p.low in DETERMINERS or _possessive(p):
                k -= 1
                break
            if not p.word or p.low in NP_STOP:
                break
            k -= 1
        if toks[k].low not in DETERMINERS and not _possessive(toks[k]):
            # no determiner: a bare plural or a capitalised modifier ("Russian warriors", "officials")
            k = j
            while k - 1 >= 0 and toks[k - 1].word and toks[k - 1].cap and toks[k - 1].low not in NOT_NAMES:
                k -= 1
        while k - 1 >= 0 and _possessive(toks[k]) and _name_word(toks[k - 1]):
            k -= 1  # "White House spokesman": take the whole phrase
        role = Mention(Span(toks[k].start, toks[j].end), _join(toks, k, j), "role")
        # "Kyrylo Budanov, Ukraine's intelligence chief, warned": the name, not the role
        if k >= 2 and toks[k - 1].text == ",":
            name = _np_before(toks, k - 2)
            if name is not None and name.kind == "name":
                return name
        if toks[k].low in DETERMINERS or _possessive(toks[k]) or j - k < 2:
            return role
    return None


def _np_after(toks: list[_Tok], i: int) -> Mention | None:
    """The speaker phrase starting at token ``i`` ("said Gustafson", "said the expert")."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in PRONOUNS:
        return Mention(Span(t.start, t.end), t.text, "pronoun")
    if _name_word(t) or _is_title(t):
        j = i
        while j + 1 < len(toks):
            n = toks[j + 1]
            dotted = n.text == "." and (_is_title(toks[j]) or len(toks[j].text) == 1)
            particle = n.low in NAME_PARTICLES and j + 2 < len(toks) and _name_word(toks[j + 2])
            if not (_name_word(n) or _is_title(n) or dotted or particle):
                break
            j += 1
        while j > i and toks[j].text == ".":
            j -= 1
        return Mention(Span(toks[i].start, toks[j].end), _join(toks, i, j), "name")
    if t.low in DETERMINERS or _possessive(t):
        j = i
        while j + 1 < len(toks) and j - i < 6:
            n = toks[j + 1]
            if not n.word or n.low in NP_STOP or n.low in CUES:
                break
            j += 1
        if j > i:
            return Mention(Span(toks[i].start, toks[j].end), _join(toks, i, j), "role")
    return None


def _join(toks: list[_Tok], i: int, j: int) -> str:
    out = toks[i].text
    for a, b in zip(toks[i:j], toks[i + 1 : j + 1], strict=True):
        out += ("" if b.text == "." or a.end == b.start else " ") + b.text
    return out


# ---------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class _Found:
    speaker: Mention
    cue: str
    cue_span: Span


def _cue_at(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """The cue starting at token ``i`` and its last token index ("according to" is two)."""
    low = toks[i].low
    if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return "according to", i + 1
    if low in CUES:
        if low in FINAL_ONLY and i + 1 < len(toks) and toks[i + 1].word:
            return None  # "he continued." is a cue; "if things continue to" is not
        return toks[i].text, i
    return None


def find_cue(text: str, start: int, end: int, *, before: bool) -> _Found | None:
    """A reporting cue and its speaker in ``text[start:end]``, the context before or after a quote."""
    toks = _tokens(text, start, end)
    if not toks:
        return None
    return _left(toks) if before else _right(toks)


def _right(toks: list[_Tok]) -> _Found | None:
    """After a quote: ``, said Name`` or ``, Name said``."""
    i = 0
    while i < len(toks) and not toks[i].word:
        if toks[i].text in {".", "!", "?"}:
            return None
        i += 1
    if i >= len(toks):
        return None
    cue = _cue_at(toks, i)
    if cue and toks[i].low in INVERTIBLE:
        who = _np_after(toks, cue[1] + 1)
        if who is not None:
            return _Found(who, cue[0], Span(toks[i].start, toks[cue[1]].end))
    # "Name said", "Dr Gustafson, a security expert, said", "the expert said"
    for j in range(i, min(len(toks), i + 14)):
        c = _cue_at(toks, j)
        if c is None:
            if toks[j].text in {".", "!", "?", ";", ":"} or toks[j].low in {"that", "and", "but"}:
                break
            continue
        who = _np_before(toks, j - 1)
        if who is not None and who.span.start <= toks[i].end:
            return _Found(who, c[0], Span(toks[j].start, toks[c[1]].end))
        break
    # the sentence ends with its attribution: '"Q" by the army, a political scientist has warned.'
    for j in range(len(toks) - 1, i, -1):
        c = _cue_at(toks, j)
        if c is None:
            continue
        rest = [t for t in toks[c[1] + 1 :] if t.word]
        if len(rest) > 4:
            break
        who = _np_before(toks, j - 1)
        if who is not None:
            k = next((n for n, t in enumerate(toks) if t.start == who.span.start), 0)
            if k > 0 and toks[k - 1].text in {",", "—", "–", "-"}:
                return _Found(who, c[0], Span(toks[j].start, toks[c[1]].end))
        break
    return None


def _left(toks: list[_Tok]) -> _Found | None:
    """Before a quote: ``Name said:``, ``according to Name,``, ``Name said that ...``."""
    tries = 0
    for j in range(len(toks) - 1, -1, -1):
        c = _cue_at(toks, j) if toks[j].word else None
        if c is None and j >= 1 and toks[j].low == "to" and toks[j - 1].low == "according":
            continue
        if c is None:
            continue
        start = toks[j].start
        if c[0] == "according to":
            who = _np_after(toks, c[1] + 1)
            start = toks[j].start
        else:
            who = _np_before(toks, j - 1)
            if who is None and toks[j].low in INVERTIBLE:
                who = _np_after(toks, j + 1)
            if toks[j].low == "saying":
                # "officers, who he recalled saying": the sayer is the relative's antecedent
                r = next((r for r in range(j - 1, max(-1, j - 5), -1) if toks[r].low in {"who", "whom"}), None)
                if r is not None and r >= 2:
                    ante = _np_before(toks, r - 2 if toks[r - 1].text == "," else r - 1)
                    if ante is not None:
                        who = ante
        if who is not None:
            return _Found(who, c[0], Span(start, toks[c[1]].end))
        tries += 1
        if tries >= 2:
            break
    return None


# ---------------------------------------------------------------- contexts


def _sentence_start(text: str, lo: int, hi: int) -> int:
    """Where the sentence holding position ``hi`` starts, no earlier than ``lo``."""
    best = lo
    for m in _SENT_END.finditer(text, lo, hi):
        word = re.search(r"([\w.]+)[.!?…]+[\"”’')\]]*\s+$", text[max(lo, m.start() - 20) : m.end()])
        if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        best = m.end()
    return best


def _sentence_end(text: str, lo: int, hi: int) -> int:
    for m in _SENT_END.finditer(text, lo, hi):
        word = re.search(r"([\w.]+)[.!?…]+[\"”’')\]]*\s+$", text[max(lo, m.start() - 20) : m.end()])
        if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return m.start() + 1
    return hi


@dataclass(slots=True)
class _Slot:
    marks: QuoteMarks
    para: tuple[int, int]
    left: tuple[int, int]  # context before the opening mark, within the sentence
    right: tuple[int, int]  # context after the closing mark, within the sentence
    group: int = 0  # quotes sharing one sentence share a group number
    found: _Found | None = None


def _para_of(text: str, i: int) -> tuple[int, int]:
    s = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
    e = len(text)
    for ch in "\n\r":
        k = text.find(ch, i)
        if k != -1:
            e = min(e, k)
    return s, e


def _slots(text: str, marks: Sequence[QuoteMarks]) -> list[_Slot]:
    slots: list[_Slot] = []
    for n, q in enumerate(marks):
        para = _para_of(text, q.open_mark)
        end_para = _para_of(text, q.span.end)
        prev_end = marks[n - 1].close_mark + 1 if n and marks[n - 1].close_mark is not None else 0
        lo = max(para[0], prev_end, q.open_mark - _MAX_CONTEXT)
        left = (_sentence_start(text, lo, q.open_mark), q.open_mark)
        after = (q.close_mark + 1) if q.close_mark is not None else q.span.end
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


# ---------------------------------------------------------------- resolution


class _Resolver:
    """Turns a speaker mention into the name it stands for, using what came before."""

    def __init__(self, text: str, author: str | None) -> None:
        self.text = text
        self.author = author
        self.history: list[tuple[int, str, str | None]] = []  # (position, name, gender)
        self._full: dict[str, str] = {}

    def full_name(self, name: str) -> str:
        """The longest form the article gives the name ("Gustafson" -> "Kristian Gustafson")."""
        words = [w for w in name.replace(".", ". ").split() if w.lower().rstrip(".") not in TITLES]
        if not words:
            return name
        bare = " ".join(words).replace(" .", ".")
        last = words[-1]
        if last in self._full:
            return self._full[last] if len(self._full[last]) > len(bare) else bare
        best = bare
        pattern = re.compile(
            r"(?<![\w’'])((?:[A-Z][\w’'\-]+\.?\s+){1,3})" + re.escape(last) + r"(?![\w’'])"
        )
        for m in pattern.finditer(self.text):
            firsts = [w for w in m.group(1).split() if w.lower().rstrip(".") not in TITLES | NOT_NAMES]
            while firsts and firsts[0].lower() in NOT_NAMES:
                firsts.pop(0)
            cand = " ".join([*firsts, last])
            # a longer form that keeps the words we have: "Gustafson" -> "Kristian Gustafson"
            if firsts and len(cand) > len(best) and (len(bare.split()) == 1 or bare.split()[0] in cand.split()):
                best = cand
        self._full[last] = best
        return best

    def gender(self, mention: str, full: str) -> str | None:
        words = mention.replace(".", " ").split()
        if words and words[0].lower() in {"mr", "sir", "lord", "king", "prince", "father", "mister"}:
            return "m"
        if words and words[0].lower() in {"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "sister"}:
            return "f"
        first = full.split()[0].lower() if full.split() else ""
        if first in MALE:
            return "m"
        if first in FEMALE:
            return "f"
        return None

    def remember(self, pos: int, name: str, mention: str) -> None:
        self.history.append((pos, name, self.gender(mention, name)))

    def resolve(self, m: Mention, pos: int) -> str:
        if m.kind == "name":
            full = self.full_name(m.text)
            self.remember(pos, full, m.text)
            return full
        if m.kind == "pronoun":
            low = m.text.lower()
            if low in {"i", "we"} and low == "i" and self.author:
                return self.author
            want = {"he": "m", "she": "f"}.get(low)
            if want is None:
                return m.text
            for hpos, name, g in sorted(self.history, reverse=True):
                if hpos < pos and g in (want, None):
                    return name
            return m.text
        # a role: the person introduced with that role word, if the article names one
        head = m.text.split()[-1].lower()
        if m.text.split()[0].lower() in {"the", "this", "that"} and self.history:
            for hpos, name, _ in sorted(self.history, reverse=True):
                if hpos >= pos:
                    continue
                last = name.split()[-1]
                for k in re.finditer(re.escape(last), self.text[: max(pos, hpos) + 1]):
                    window = self.text[max(0, k.start() - 120) : k.end() + 120].lower()
                    if re.search(r"\b" + re.escape(head) + r"\b", window):
                        return name
        return m.text


def attribute(article: Article, marks: Sequence[QuoteMarks]) -> list[Quote]:
    """Quotes with speakers for paired quotation marks, in text order."""
    text = article.text
    slots = _slots(text, marks)
    for s in slots:
        right = find_cue(text, *s.right, before=False) if s.right[1] > s.right[0] else None
        left = find_cue(text, *s.left, before=True) if s.left[1] > s.left[0] else None
        quote_text = s.marks.span.of(text)
        ends_comma = quote_text.rstrip().endswith(",") or text[s.right[0] : s.right[0] + 1] == ","
        left_tail = text[s.left[0] : s.left[1]].rstrip()
        left_intro = left_tail.endswith((":", ","))
        if right and (ends_comma or not (left and left_intro)):
            s.found = right
        else:
            s.found = left or right
    resolver = _Resolver(text, article.author)
    _remember_narrative(text, resolver, marks)
    out: list[Quote] = []
    by_group: dict[int, _Found] = {}
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
        left = text[s.left[0] : s.left[1]]
        if found is not None:
            mention, cue, cue_span = found.speaker, found.cue, found.cue_span
            speaker = resolver.resolve(mention, mention.span.start)
        scare = is_scare_quote(text, s.marks.span, found is not None, left)
        if found is None and not scare:
            carried = _carry(article, s, prev, resolver)
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
            )
        )
        if not scare:
            prev = (s, speaker, mention, cue, cue_span)
    return out


def _previous_sentence(article: Article, s: _Slot) -> tuple[int, int] | None:
    """The sentence just before the quote's sentence: in its paragraph, else ending the one before."""
    text = article.text
    if s.left[0] > s.para[0]:
        end = s.left[0]
        return _sentence_start(text, s.para[0], end), end
    k = s.para[0] - 1
    while k > 0:
        while k > 0 and text[k - 1] in "\r\n":
            k -= 1
        start, end = _para_of(text, max(0, k - 1))
        if start >= end or not article.excluded or not article.is_excluded(Span(start, end)):
            return (_sentence_start(text, start, end), end) if end > start else None
        k = start - 1
    return None


def _carry(article: Article, s: _Slot, prev, resolver: _Resolver) -> tuple[str, Mention | None] | None:  # noqa: ANN001
    """A speaker for a quote with no cue: the sentence before, the quote before, or the person just named."""
    text = article.text
    before = _previous_sentence(article, s)
    if before is not None:
        found = find_cue(text, *before, before=True)
        if found is not None and found.speaker.kind != "pronoun" or (
            found is not None and found.speaker.text.lower() in {"he", "she"}
        ):
            return resolver.resolve(found.speaker, found.speaker.span.start), found.speaker
    if prev is not None:
        p_slot, p_speaker, p_mention = prev[0], prev[1], prev[2]
        gap = text[p_slot.right[1] : s.left[0]]
        paras_between = gap.count("\n")
        named = _last_name_in(text, p_slot.right[1], s.left[0])
        if p_speaker and paras_between <= 2 and (named is None or resolver.full_name(named.text) == p_speaker):
            return p_speaker, p_mention
    if before is not None:
        named = _last_name_in(text, *before)
        if named is not None:
            return resolver.resolve(named, named.span.start), named
    return None


def _last_name_in(text: str, start: int, end: int) -> Mention | None:
    """The last multi-word or titled proper name in ``text[start:end]``, or one after a verb."""
    toks = _tokens(text, start, end)
    for j in range(len(toks) - 1, 0, -1):
        if _name_word(toks[j]) and not _possessive(toks[j]) and (j + 1 >= len(toks) or not _name_word(toks[j + 1])):
            m = _np_before(toks, j)
            prev = toks[j - 1]
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            lone = prev.word and not prev.cap and prev.low not in DETERMINERS and (nxt is None or not nxt.word)
            if m is not None and m.kind == "name" and (" " in m.text or lone):
                return m
    return None


_CUE_WORD = re.compile(r"\b(?:" + "|".join(sorted(CUES, key=len, reverse=True)) + r")\b", re.I)


def _remember_narrative(text: str, resolver: _Resolver, marks: Sequence[QuoteMarks]) -> None:
    """Speakers named outside quotes ("John Herbst ... explained that ...") join the history."""
    spans = [(q.open_mark, q.close_mark if q.close_mark is not None else q.span.end) for q in marks]
    k = 0
    for m in _CUE_WORD.finditer(text):
        while k < len(spans) and spans[k][1] < m.start():
            k += 1
        if k < len(spans) and spans[k][0] <= m.start() <= spans[k][1]:
            continue
        toks = _tokens(text, max(0, m.start() - 120), m.start())
        who = _np_before(toks, len(toks) - 1) if toks else None
        if who is not None and who.kind == "name":
            resolver.remember(who.span.start, resolver.full_name(who.text), who.text)
