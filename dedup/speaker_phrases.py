"""Speaker phrases and reporting cues, read off the words around a quote.

The classic patterns of Pouliquen, Steinberger and Best (2007), on words:
``"Q," said Name`` / ``"Q," Name said`` / ``Name said: "Q"`` / ``Name said that ... "Q"``
and ``according to Name``. A speaker phrase is a name (titles and initials
kept: "Dr Kristian Gustafson"), a role ("the former ambassador", "a
spokesman", "Russia's defence ministry") or a pronoun. Word lists live in
``speakers_lexicon``, the tokens in ``speaker_tokens``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter

from dedup.model import Span
from dedup.speaker_tokens import CAP, END, LOW, START, TEXT, WORD, Tok, Words, tokens
from dedup.speakers_lexicon import (
    ADVERBS,
    CUES,
    DETERMINERS,
    FINAL_ONLY,
    INVERTIBLE,
    NAME_PARTICLES,
    NOT_NAMES,
    NP_STOP,
    PHRASAL_CUES,
    PRONOUNS,
    ROLE_NOUNS,
    TIME_WORDS,
    TITLES,
)

__all__ = ["CAP", "END", "LOW", "START", "TEXT", "WORD", "Found", "Mention", "Tok", "find_cue", "is_title_word", "last_name_in", "np_after", "np_before", "tokens", "Words"]

_ADJECTIVE_ENDINGS = ("ed", "ous", "ful", "less", "ing", "ly", "ic", "al", "ive", "able", "ible")
_PREPOSITIONS = frozenset("of to for at from in with on by and".split())


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming a speaker: a proper name, a role or a pronoun."""

    span: Span
    text: str
    kind: str  # "name" | "role" | "pronoun"


# ---------------------------------------------------------------- speaker phrases


def is_title_word(t: Tok) -> bool:
    return t[LOW].rstrip(".") in TITLES and t[CAP]


def _name_word(t: Tok) -> bool:
    return t[WORD] and t[CAP] and t[LOW] not in NOT_NAMES and t[LOW] not in PRONOUNS


def _possessive(t: Tok) -> bool:
    return t[LOW].endswith("'s") or t[LOW].endswith("s'")


def np_before(toks: list[Tok], j: int) -> Mention | None:
    """The speaker phrase ending at token ``j`` (inclusive), read leftwards."""
    while j >= 0 and toks[j][LOW] in ADVERBS:
        j -= 1
    if j < 0:
        return None
    t = toks[j]
    if t[TEXT] == "," and j > 0:  # "Name, a spokesman for X, said": skip the appositive
        for _hop in range(3):  # "Tom Riley, 41, whose sons attend the school, said"
            k = j - 1
            while k >= 0 and toks[k][TEXT] != "," and j - k < 16:
                if toks[k][TEXT] in {".", ":", ";", "“", '"', "”"}:
                    return None
                k -= 1
            if k <= 0 or toks[k][TEXT] != ",":
                return None
            who = np_before(toks, k - 1)
            if who is not None:
                return who
            j = k
        return None
    if t[LOW] in PRONOUNS:
        return Mention(Span(t[START], t[END]), t[TEXT], "pronoun")
    if _name_word(t) or (t[TEXT] == "." and j > 0 and _name_word(toks[j - 1])):
        if t[TEXT] == ".":
            j -= 1
            t = toks[j]
        k = j
        while k - 1 >= 0:
            p = toks[k - 1]
            if _name_word(p) or is_title_word(p) or (p[LOW] in NAME_PARTICLES and k - 2 >= 0 and _name_word(toks[k - 2])):
                k -= 1
            elif p[TEXT] == "." and k - 2 >= 0 and (is_title_word(toks[k - 2]) or len(toks[k - 2][TEXT]) == 1):
                k -= 1  # "Dr." or an initial "J."
            else:
                break
        while k < j and ((toks[k][LOW] in NOT_NAMES and not is_title_word(toks[k])) or toks[k][TEXT] == "."):
            k += 1
        titled = [n for n in range(k + 1, j) if is_title_word(toks[n])]
        if titled:  # "Florida Sen. Marco Rubio": the name starts at the title
            k = titled[-1] if not is_title_word(toks[titled[-1] - 1]) else titled[-1] - 1
        if j - k > 5:
            return None  # a run of capitalised words this long is a headline, not a name
        if _possessive(toks[j]):
            return None  # "Putin's aides said": not Putin
        if k > 0 and toks[k - 1][LOW] in _PREPOSITIONS:
            # "John Herbst, ... ambassador to Ukraine explained": the name before the comma
            c = next((c for c in range(k - 1, max(-1, k - 20), -1) if toks[c][TEXT] == ","), None)
            head = np_before(toks, c - 1) if c else None
            return head if head is not None and head.kind == "name" else None
        mention = Mention(Span(toks[k][START], toks[j][END]), _join(toks, k, j), "name")
        return mention
    if t[WORD] and not t[CAP] and t[LOW] not in NP_STOP and t[LOW] not in CUES and t[LOW] not in TIME_WORDS:
        return _role_before(toks, j)
    return None


def _noun_like(word: str) -> bool:
    """Whether a lower-case word can head a speaker phrase ("spokesman" yes, "frustrated" no)."""
    if word in ROLE_NOUNS or word.rstrip("s") in ROLE_NOUNS:
        return True
    return not word.endswith(_ADJECTIVE_ENDINGS) and word not in ADVERBS


def _role_before(toks: list[Tok], j: int) -> Mention | None:
    """A role ending at token ``j``: "the former ambassador", "Russia's defence ministry", "officials"."""
    head = toks[j][LOW]
    if not _noun_like(head):
        return None
    k = j
    while k - 1 >= 0 and j - k < 6:
        p = toks[k - 1]
        if p[LOW] in DETERMINERS or _possessive(p):
            k -= 1
            break
        if not p[WORD] or p[LOW] in NP_STOP:
            break
        k -= 1
    determined = toks[k][LOW] in DETERMINERS or _possessive(toks[k])
    if not determined:
        # no determiner: a capitalised modifier ("Russian warriors") or a known role ("officials")
        k = j
        while k - 1 >= 0 and toks[k - 1][WORD] and toks[k - 1][CAP] and toks[k - 1][LOW] not in NOT_NAMES:
            k -= 1
        if k == j and head not in ROLE_NOUNS and head.rstrip("s") not in ROLE_NOUNS:
            return None
    while k - 1 >= 0 and _possessive(toks[k]) and _name_word(toks[k - 1]):
        k -= 1  # "White House spokesman": take the whole phrase
    # "Kyrylo Budanov, Ukraine's intelligence chief, warned": the name, not the role
    if k >= 2 and toks[k - 1][TEXT] == ",":
        name = np_before(toks, k - 2)
        if name is not None and name.kind == "name":
            return name
    return Mention(Span(toks[k][START], toks[j][END]), _join(toks, k, j), "role")


def np_after(toks: list[Tok], i: int) -> Mention | None:
    """The speaker phrase starting at token ``i`` ("said Gustafson", "said the expert")."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t[LOW] in PRONOUNS:
        return Mention(Span(t[START], t[END]), t[TEXT], "pronoun")
    if _name_word(t) or is_title_word(t):
        j = i
        while j + 1 < len(toks):
            n = toks[j + 1]
            dotted = n[TEXT] == "." and (is_title_word(toks[j]) or len(toks[j][TEXT]) == 1)
            particle = n[LOW] in NAME_PARTICLES and j + 2 < len(toks) and _name_word(toks[j + 2])
            if not (_name_word(n) or is_title_word(n) or dotted or particle):
                break
            j += 1
        while j > i and toks[j][TEXT] == ".":
            j -= 1
        return Mention(Span(toks[i][START], toks[j][END]), _join(toks, i, j), "name")
    if t[LOW] in DETERMINERS or _possessive(t):
        j = i
        while j + 1 < len(toks) and j - i < 6:
            n = toks[j + 1]
            if not n[WORD] or n[LOW] in NP_STOP or n[LOW] in CUES:
                break
            j += 1
        if j > i:
            return Mention(Span(toks[i][START], toks[j][END]), _join(toks, i, j), "role")
    return None


def _join(toks: list[Tok], i: int, j: int) -> str:
    out = toks[i][TEXT]
    for a, b in zip(toks[i:j], toks[i + 1 : j + 1], strict=True):
        out += ("" if b[TEXT] == "." or a[END] == b[START] else " ") + b[TEXT]
    return out


# ---------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class Found:
    """A speaker phrase and the cue that attributes the quote to it (no cue for 'Name: "Q"')."""

    speaker: Mention
    cue: str | None
    cue_span: Span | None


# The words a cue can start with: most tokens are none, and _cue_at turns them away at once.
_CUE_HEADS = CUES | {"according"} | {first for first, _ in PHRASAL_CUES}
assert all(h[:1].isalpha() for h in _CUE_HEADS)  # so every head is a word (WORD)


def _heads(toks: list[Tok]) -> list[int]:
    """The indices of the tokens a cue may start at, found in C: the scans below skip the rest."""
    return list(compress(count(), map(_CUE_HEADS.__contains__, map(itemgetter(LOW), toks))))


def _cue_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """The cue starting at token ``i`` and its last token index ("according to" is two)."""
    low = toks[i][LOW]
    if low not in _CUE_HEADS:
        return None
    if low == "according" and i + 1 < len(toks) and toks[i + 1][LOW] == "to":
        return "according to", i + 1
    if i + 1 < len(toks) and (low, toks[i + 1][LOW]) in PHRASAL_CUES:
        return f"{toks[i][TEXT]} {toks[i + 1][TEXT]}", i + 1
    if low in CUES:
        if low in FINAL_ONLY and i + 1 < len(toks) and toks[i + 1][WORD]:
            return None  # "he continued." is a cue; "if things continue to" is not
        return toks[i][TEXT], i
    return None


def find_cue(words: Words, start: int, end: int, *, before: bool) -> Found | None:
    """A reporting cue and its speaker in ``[start, end)``, the context before or after a quote."""
    toks = words.window(start, end, last=before)
    if not toks:
        return None
    return _left(toks) if before else _right(toks)


def _right(toks: list[Tok]) -> Found | None:
    """After a quote: ``, said Name`` or ``, Name said``."""
    i = 0
    while i < len(toks) and not toks[i][WORD]:
        if toks[i][TEXT] in {".", "!", "?"}:
            return None
        i += 1
    if i >= len(toks):
        return None
    cue = _cue_at(toks, i)
    if cue and toks[i][LOW] in INVERTIBLE:
        who = np_after(toks, cue[1] + 1)
        if who is not None:
            return Found(who, cue[0], Span(toks[i][START], toks[cue[1]][END]))
    # "Name said", "Dr Gustafson, a security expert, said", "the expert said"
    for j in range(i, min(len(toks), i + 14)):
        c = _cue_at(toks, j)
        if c is None:
            if toks[j][TEXT] in {".", "!", "?", ";", ":"} or toks[j][LOW] in {"that", "and", "but"}:
                break
            continue
        who = np_before(toks, j - 1)
        # only a descriptor may come before the phrase: '"Q," Democratic pollster Peter Fenn said'
        lead = [t for t in toks[i:j] if t[END] <= (who.span.start if who else 0)]
        if who is not None and len(lead) <= 4 and all(t[WORD] and t[LOW] not in NP_STOP for t in lead):
            return Found(who, c[0], Span(toks[j][START], toks[c[1]][END]))
        break
    # the sentence ends with its attribution: '"Q" by the army, a political scientist has warned.'
    for j in reversed(_heads(toks)):
        if j <= i:
            break
        c = _cue_at(toks, j)
        if c is None:
            continue
        rest = [t for t in toks[c[1] + 1 :] if t[WORD]]
        if len(rest) > 4:
            break
        who = np_before(toks, j - 1)
        if who is not None:
            k = next((n for n, t in enumerate(toks) if t[START] == who.span.start), 0)
            if k > 0 and toks[k - 1][TEXT] in {",", "—", "–", "-"}:
                return Found(who, c[0], Span(toks[j][START], toks[c[1]][END]))
        break
    return None


def _left(toks: list[Tok]) -> Found | None:
    """Before a quote: ``Name said:``, ``according to Name,``, ``Name said that ...``."""
    tries = 0
    for j in reversed(_heads(toks)):
        c = _cue_at(toks, j)
        if c is None:
            continue
        start = toks[j][START]
        if c[0] == "according to":
            who = np_after(toks, c[1] + 1)
            start = toks[j][START]
        else:
            who = np_before(toks, j - 1)
            if who is None and toks[j][LOW] in INVERTIBLE:
                who = np_after(toks, j + 1)
                after = _index_after(toks, who)
                if who is not None and (after >= len(toks) or toks[after][TEXT] not in {",", ":", "—", "–"}):
                    who = None  # "said Trump had ...": Trump is the subject of what was said
            b = j - 1
            while b >= 0 and toks[b][LOW] in ADVERBS:
                b -= 1
            if who is None and (toks[j][LOW].endswith("ing") or (b >= 0 and toks[b][LOW] in {"and", "but"})):
                who = _sentence_subject(toks, j)  # "Bolton ... by saying", "Massie ... but now said"
            if toks[j][LOW] == "saying":
                # "officers, who he recalled saying": the sayer is the relative's antecedent
                r = next((r for r in range(j - 1, max(-1, j - 5), -1) if toks[r][LOW] in {"who", "whom"}), None)
                if r is not None and r >= 2:
                    ante = np_before(toks, r - 2 if toks[r - 1][TEXT] == "," else r - 1)
                    if ante is not None:
                        who = ante
        if who is not None:
            return Found(who, c[0], Span(start, toks[c[1]][END]))
        tries += 1
        if tries >= 2:
            break
    # 'doesn't surprise pollster Daron Shaw: "Q"': a name and a colon, no verb
    if len(toks) >= 2 and toks[-1][TEXT] == ":":
        who = np_before(toks, len(toks) - 2)
        if who is not None and who.kind == "name":
            return Found(who, None, None)
    return None


def _index_after(toks: list[Tok], m: Mention | None) -> int:
    """The index of the first token after mention ``m``."""
    if m is None:
        return len(toks)
    return next((n for n, t in enumerate(toks) if t[START] >= m.span.end), len(toks))


def _sentence_subject(toks: list[Tok], j: int) -> Mention | None:
    """The phrase opening the clause before token ``j``, when it is a name or a pronoun."""
    k = 0
    while k < j and (not toks[k][WORD] or toks[k][LOW] in {"but", "and", "however", "so", "yet", "then", "still"}):
        k += 1
    who = np_after(toks, k) if k < j else None
    return who if who is not None and who.kind in ("name", "pronoun") else None


def last_name_in(words: Words, start: int, end: int) -> Mention | None:
    """The last multi-word or titled proper name in ``text[start:end]``, or one after a verb."""
    toks = words.window(start, end, last=True)
    for j in range(len(toks) - 1, 0, -1):
        if _name_word(toks[j]) and not _possessive(toks[j]) and (j + 1 >= len(toks) or not _name_word(toks[j + 1])):
            m = np_before(toks, j)
            prev = toks[j - 1]
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            lone = prev[WORD] and not prev[CAP] and prev[LOW] not in DETERMINERS and (nxt is None or not nxt[WORD])
            if m is not None and m.kind == "name" and (" " in m.text or lone):
                return m
    return None


