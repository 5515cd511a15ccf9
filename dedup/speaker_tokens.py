"""An article's words for the speaker rules: found once by one regex split, made into tuples on demand.

The split is the only pass over the whole text: the tuples are made a block at
a time for the windows the rules read (about a third of an article), and the
reporting cues the name resolver looks for are picked out of the tokens' lower
case, not by another split of the text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress, count, groupby
from operator import add, itemgetter
from typing import Final

from dedup.speakers_lexicon import TITLES

__all__ = ["CAP", "END", "LOW", "MAX_WINDOW", "START", "TEXT", "WORD", "Tok", "Words", "tokens"]

# Titles and initials keep their full stop ("Mr.", "D."), so it never reads as a sentence end.
_ABBREV = "|".join(sorted((w.capitalize() for w in TITLES | {"jr", "sr", "mt", "ft"}), key=len, reverse=True))
# The lookahead spares the regex engine trying every title except before a full stop (every title is
# [A-Z][a-z]*); the possessive quantifiers never give back letters (nothing after them could need it).
_P = "+" if sys.version_info >= (3, 11) else ""  # possessive where Python has it (3.11+); same matches either way
_TOKEN = re.compile(
    r"(?=[A-Z][a-z]*\.(?!\w))(?:" + _ABBREV + rf"|[A-Z])\.(?!\w)|[^\W_]+{_P}(?:[’'\-.][^\W_]+{_P})*{_P}(?:[’']s?)?|[^\w\s]"
)
assert all(re.fullmatch("[A-Z][a-z]*", w) for w in _ABBREV.split("|"))  # what _TOKEN's lookahead relies on
# The same tokens for split() (gap, token, gap, ..., token, gap), written to open with one character class
# ([^\s_]: every token's first character) so the regex engine skips the gaps in C; each branch then checks
# that character by a lookbehind (a title by its first letter). A first branch takes the commonest token
# whole, an ASCII word in lower case or capitalised that nothing could extend (no joiner or word
# character after it, so no title's full stop either): there the general branches find the same run, by
# more steps.
_TITLE_TAILS = "|".join(
    f"(?<={c})(?:" + "|".join(w[1:] for w in _ABBREV.split("|") if w[0] == c) + ")"
    for c in sorted({w[0] for w in _ABBREV.split("|")})
)
_SPLIT = re.compile(
    rf"([A-Za-z][a-z]*{_P}(?![’'\-.\w])|"
    r"[^\s_](?:(?<=[A-Z])(?=[a-z]*\.(?!\w))(?:" + _TITLE_TAILS + r"|)\.(?!\w)"
    rf"|(?<=[^\W_])[^\W_]*{_P}(?:[’'\-.][^\W_]+{_P})*{_P}(?:[’']s?)?|(?<=[^\w\s])))"
)
MAX_WINDOW = 60  # tokens read on one side of a quote
_BLOCK = 64  # tokens made into tuples at a time (no less than MAX_WINDOW: a window spans two blocks at most)
_ASCII_RUN_SPLIT = re.compile(r"([A-Za-z]+)")
_JOINERS_TO_ZERO = str.maketrans(dict.fromkeys("'-.0123456789", "0"))  # what stands beside a letter in a token
_LOWER_TO_ASCII = ("\u0130", "\u212a")  # the only characters whose lower case holds an ASCII letter (İ, Kelvin K)

# A token is a plain tuple: offsets, text, lower case (straight apostrophes), capitalised, a word (not
# punctuation). Tuples of strings and numbers drop out of the garbage collector's lists at its first pass, so
# an article's tokens never swell the full collections that objects would.
Tok = tuple[int, int, str, str, bool, bool]
START: Final = 0  # fields of a Tok, by position
END: Final = 1
TEXT: Final = 2
LOW: Final = 3
CAP: Final = 4
WORD: Final = 5
_UNMADE: Tok = (0, 0, "", "", False, False)


def _lows(texts: list[str]) -> list[str]:
    return " ".join(texts).lower().replace("’", "'").split(" ")  # no token holds a space


def _toks(starts: list[int], ends: list[int], texts: list[str], lows: list[str] | None = None) -> list[Tok]:
    """Tokens for parallel lists of offsets and texts, their attributes worked out in bulk."""
    firsts = list(map(itemgetter(0), texts))
    lows = _lows(texts) if lows is None else lows
    return list(zip(starts, ends, texts, lows, map(str.isupper, firsts), map(str.isalnum, firsts), strict=False))


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The words and punctuation of ``text[start:end]``."""
    found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    return _toks([f[0] for f in found], [f[1] for f in found], [f[2] for f in found])


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words`` (lower-case letters), branching a letter at a time."""
    alts = [c + _trie([w[1:] for w in group]) for c, group in groupby(sorted(w for w in words if w), key=itemgetter(0))]
    if not alts:
        return ""
    optional = "" in words
    body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
    return body + "?" if optional else body


@lru_cache(maxsize=8)
def _inner_runs(vocab: frozenset[str], before_letter: str = "[^a-z ]") -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for a word of ``vocab`` as a whole run of letters that is not a whole token ("well-said").

    Run over the tokens' lower case joined by spaces, where any character but a
    letter or a space lies inside a token: the first finds runs after such a
    character, the second (on the reversed string) runs before one. On ASCII
    text translated by ``_JOINERS_TO_ZERO`` that character is always a 0
    (``before_letter="0"``).
    """
    forwards, backwards = _tries(vocab)
    return re.compile(before_letter + f"({forwards})(?![a-z])"), re.compile(before_letter + f"({backwards})(?![a-z])")


@lru_cache(maxsize=8)
def _tries(vocab: frozenset[str]) -> tuple[str, str]:
    """``_trie`` of ``vocab``'s words and of them reversed (built once for both forms of ``_inner_runs``)."""
    assert all(w.isascii() and w.isalpha() and w.islower() for w in vocab)
    return _trie(list(vocab)), _trie([w[::-1] for w in vocab])


class Words:
    """An article's tokens, found once; their tuples are made on the first read, a block at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Offsets are the running sums of the part lengths: no match object per token.
        parts = _SPLIT.split(text)
        bounds = list(accumulate(map(len, parts)))
        self.starts: list[int] = bounds[0:-1:2]
        self.ends: list[int] = bounds[1::2]
        self.texts: list[str] = parts[1::2]
        self._low_text: str | None = None
        self._lows: list[str] | None = None
        self._made: list[Tok] = [_UNMADE] * len(self.texts)
        self._unmade = bytearray(b"\1") * ((len(self.texts) + _BLOCK - 1) // _BLOCK)

    @property
    def low_text(self) -> str:
        """The tokens' lower case (straight apostrophes), joined by single spaces."""
        if self._low_text is None:
            self._low_text = " ".join(self.texts).lower().replace("’", "'")
        return self._low_text

    @property
    def lows(self) -> list[str]:
        if self._lows is None:
            self._lows = self.low_text.split(" ")  # no token holds a space
        return self._lows

    def _slice(self, lo: int, hi: int) -> list[Tok]:
        """``toks[lo:hi]``, making the blocks it reaches into first."""
        if hi <= lo:
            return []
        for b in range(lo // _BLOCK, (hi - 1) // _BLOCK + 1):
            if self._unmade[b]:
                a, z = b * _BLOCK, (b + 1) * _BLOCK
                self._made[a:z] = _toks(self.starts[a:z], self.ends[a:z], self.texts[a:z], self.lows[a:z])
                self._unmade[b] = 0
        return self._made[lo:hi]

    @property
    def toks(self) -> list[Tok]:
        self._slice(0, len(self._made))
        return self._made

    def window(self, start: int, end: int, *, last: bool = False) -> list[Tok]:
        """The tokens lying wholly inside ``[start, end)``: at most ``MAX_WINDOW``, the first or ``last`` ones.

        A speaker stands within a few words of its cue and quote; the cap keeps
        the cost per quote constant, however long the sentence.
        """
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        while hi > lo and self.ends[hi - 1] > end:
            hi -= 1
        if hi - lo > MAX_WINDOW:
            lo, hi = (hi - MAX_WINDOW, hi) if last else (lo, lo + MAX_WINDOW)
        return self._slice(lo, hi)

    def before(self, pos: int, count: int) -> list[Tok]:
        """Up to ``count`` tokens starting before ``pos``, the nearest last."""
        hi = bisect_left(self.starts, pos)
        return self._slice(max(0, hi - count), hi)

    def runs_in(self, vocab: frozenset[str]) -> list[int]:
        """Where each run of ASCII letters whose lower case is in ``vocab`` starts, in text order.

        A letter always lies in a token and tokens never touch letter to letter, so
        such a run is a whole token (looked up in bulk) or lies inside a longer
        one; what ``lower()`` keeps the length of (all but İ) maps back by offset.
        """
        text = self.text
        if any(c in text for c in _LOWER_TO_ASCII):  # lower case would add letters: split the text itself
            parts = _ASCII_RUN_SPLIT.split(text)
            lows = " ".join(parts[1::2]).lower().split(" ")
            return list(compress(list(accumulate(map(len, parts)))[0:-1:2], map(vocab.__contains__, lows)))
        found = list(compress(self.starts, map(vocab.__contains__, self.lows)))
        low = self.low_text
        if low.isascii():
            # Inside an ASCII token only ' - . and digits stand beside a letter, and a one-character token of
            # other punctuation stands between spaces: mapped to "0", they give the patterns a literal to
            # skip ahead to in C, not a class tried at every character.
            low = low.translate(_JOINERS_TO_ZERO)
            after, before = _inner_runs(vocab, "0")
        else:
            after, before = _inner_runs(vocab)
        inner = [m.start(1) for m in after.finditer(low)]
        inner += [len(low) - m.end(1) for m in before.finditer(low[::-1])]
        if not inner:
            return found
        offsets = list(map(add, accumulate(map(len, self.texts), initial=0), count()))  # places in low_text
        for p in inner:
            k = bisect_right(offsets, p) - 1
            found.append(self.starts[k] + p - offsets[k])
        return sorted(set(found))
