"""Who a speaker mention stands for: full names, pronouns and roles resolved within one article.

Names resolve to the commonest longer form the article uses ("Gustafson" ->
"Kristian Gustafson"; "Republican Donald Trump" once and "Donald Trump" ten
times -> "Donald Trump"). He/she resolve to the nearest earlier speaker of
compatible gender (titles and a first-name list give the gender; unknown fits
either); speakers named outside quotes ("John Herbst ... explained that")
count. A definite role ("the former ambassador") resolves to the person
whose mention has that role word close by. Everything is built once per
article, lazily, in linear passes.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import accumulate, chain
from operator import itemgetter

from dedup.speaker_phrases import Mention, Words, np_before
from dedup.speakers_lexicon import ADVERBS, CUES, FEMALE, MALE, NOT_NAMES, TITLES

__all__ = ["NameResolver"]

# Up to four capitalised words ("Dr. Kristian Gustafson"); written to open with [A-Z] so the regex engine
# skips ahead to capitals (the same as (?:(?:[A-Z][\w’'\-]*|[A-Z][a-z]{0,3}\.)\s+){0,3}[A-Z][\w’'\-]+).
# Possessive where Python has them (3.11+; same matches either way): a word or a space run is only ever
# followed by what it cannot hold (a space, a capital, the end), so giving back characters never helps.
_P = "+" if sys.version_info >= (3, 11) else ""
_CAP_RUN = re.compile(rf"[A-Z](?:(?:[\w’'\-]*{_P}|[a-z]{{0,3}}\.)\s+{_P}[A-Z]){{0,3}}[\w’'\-]+{_P}")
_CAP_RUN_SPLIT = re.compile(f"({_CAP_RUN.pattern})")  # split() with this gives gap, run, gap, ..., run, gap
_CASE_BLIND_ODD = ("\u0131", "\u017f", "\u212a", "\u0130")  # ı ſ K İ: match i s k i case-blind, unlike their lower case
_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "mister", "brother"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "sister", "madam"}
_MODIFIERS = {"republican", "democrat", "democratic", "gop", "labour", "tory", "conservative", "liberal",
              "former", "then", "acting", "independent", "veteran", "rival", "fellow"}


@lru_cache(maxsize=50_000)
def _bare(name: str) -> tuple[str, ...]:
    """The words of a name without titles and leading modifiers (cached: names recur across articles)."""
    words = name.split()
    if len(words) == 1:  # most runs are one word: no title can come before it, nothing to strip
        return () if words[0].lower().rstrip(".") in TITLES else (words[0],)
    titled = [k for k, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES]
    if titled:  # "Secretary of State Hillary Clinton", "French Prime Minister Manuel Valls"
        words = words[titled[-1] + 1 :]
    words = [w for w in words if w.lower().rstrip(".") not in TITLES]
    while len(words) > 1 and (words[0].lower() in NOT_NAMES or words[0].lower() in _MODIFIERS):
        words.pop(0)
    return tuple(words)


@lru_cache(maxsize=50_000)
def _run_forms(run: str) -> tuple[str, tuple[str, ...]] | None:
    """A capitalised run's last word and the longer forms it gives that word ("Kristian Gustafson")."""
    words = _bare(run)
    if not words:
        return None
    return words[-1], tuple(" ".join(words[k:]) for k in range(len(words) - 1))


class NameResolver:
    """Resolves mentions in one article; remembers speakers in text order."""

    def __init__(self, words: Words, author: str | None, quoted: list[tuple[int, int]]) -> None:
        self.words = words
        self.text = words.text
        self.author = author
        self.quoted = quoted  # (open, close) of each quote, sorted: narrative cues skip them
        self._longer: dict[str, list[tuple[str, ...]]] | None = None
        self._found: list[tuple[str, tuple[str, ...]] | None] = []  # _run_forms of each capitalised run
        self._run_starts: list[int] = []
        self._counts: dict[str, Counter[str]] = {}
        self._where: dict[str, list[int]] | None = None
        self._history: list[tuple[int, str, str | None]] | None = None
        self._added: list[tuple[int, str, str | None]] = []
        self._head_re: dict[str, re.Pattern[str]] = {}
        self._head_at: dict[str, list[int] | None] = {}
        self._low_text = ""
        self._full: dict[str, str] = {}

    # -- names
    def _index(self) -> dict[str, list[tuple[str, ...]]]:
        """Last word -> the longer forms of each capitalised run ending in it, in text order.

        Only the runs of two words or more are looped over in Python; counting waits
        for a name to be asked about (``_forms``), the positions for a role (``_positions``).
        """
        if self._longer is None:
            parts = _CAP_RUN_SPLIT.split(self.text)
            self._run_starts = list(accumulate(map(len, parts)))[0:-1:2]
            self._found = list(map(_run_forms, parts[1::2]))
            longer: defaultdict[str, list[tuple[str, ...]]] = defaultdict(list)
            for last, forms in filter(itemgetter(1), filter(None, self._found)):
                longer[last].append(forms)
            self._longer = longer
        return self._longer

    def _forms(self, last: str) -> Counter[str]:
        """How often each longer form of a name ending in ``last`` occurs, in order of first use."""
        counts = self._counts.get(last)
        if counts is None:
            counts = self._counts[last] = Counter(chain.from_iterable(self._index().get(last, ())))
        return counts

    def _positions(self) -> dict[str, list[int]]:
        """Last word -> where each capitalised run ending in it starts."""
        if self._where is None:
            self._index()
            where: defaultdict[str, list[int]] = defaultdict(list)
            for found, start in zip(self._found, self._run_starts, strict=True):
                if found is not None:
                    where[found[0]].append(start)
            self._where = where
        return self._where

    def full_name(self, name: str) -> str:
        """The commonest longer form of ``name`` in the article, else ``name`` without its title."""
        full = self._full.get(name)
        if full is None:
            full = self._full[name] = self._full_name(name)
        return full

    def _full_name(self, name: str) -> str:
        words = _bare(name)
        if not words:
            return name
        bare = " ".join(words)
        forms = self._forms(words[-1])
        if not forms:
            return bare
        fits = [(n, f) for f, n in forms.items() if len(f) > len(bare) and (len(words) == 1 or words[0] in f.split())]
        if not fits:
            return bare
        top = max(n for n, _ in fits)
        return max((f for n, f in fits if n == top), key=len)

    def gender(self, mention: str, full: str) -> str | None:
        first = mention.replace(".", " ").split()[:1]
        if first and first[0].lower() in _MALE_TITLES:
            return "m"
        if first and first[0].lower() in _FEMALE_TITLES:
            return "f"
        given = full.split()[0].lower() if full.split() else ""
        return "m" if given in MALE else "f" if given in FEMALE else None

    # -- history of speakers
    def remember(self, pos: int, name: str, mention: str) -> None:
        self._added.append((pos, name, self.gender(mention, name)))

    def _narrative(self) -> list[tuple[int, str, str | None]]:
        """Speakers named beside a cue outside quotes, in text order."""
        if self._history is None:
            found = []
            k = 0
            words = self.words
            for start in words.runs_in(CUES):  # every run of ASCII letters whose lower case is a cue
                while k < len(self.quoted) and self.quoted[k][1] < start:
                    k += 1
                if k < len(self.quoted) and self.quoted[k][0] <= start:
                    continue
                p = bisect_left(words.starts, start) - 1  # the token before, read without making its tuple
                if p < 0 or not (words.texts[p][0].isupper() or words.texts[p] == "," or words.lows[p] in ADVERBS):
                    continue  # only a name, an appositive or an adverb can stand before a named speaker's cue
                window = self.words.before(start, 20)
                who = np_before(window, len(window) - 1) if window else None
                if who is not None and who.kind == "name":
                    found.append((who.span.start, self.full_name(who.text), self.gender(who.text, who.text)))
            self._history = found
        return self._history

    def _before(self, pos: int, limit: int = 40) -> list[tuple[int, str, str | None]]:
        """Up to ``limit`` known speakers before ``pos``, nearest first."""
        narrative = self._narrative()
        k = bisect_left(narrative, (pos,))
        events = narrative[max(0, k - limit) : k] + [e for e in self._added[-limit:] if e[0] < pos]
        return sorted(events, key=lambda e: e[0], reverse=True)[:limit]

    # -- resolution
    def resolve(self, m: Mention) -> str:
        pos = m.span.start
        if m.kind == "name":
            full = self.full_name(m.text)
            self.remember(pos, full, m.text)
            return full
        if m.kind == "pronoun":
            low = m.text.lower()
            if low == "i" and self.author:
                return self.author
            want = {"he": "m", "she": "f"}.get(low)
            if want is None:
                return m.text
            for _, name, g in self._before(pos):
                if g in (want, None):
                    return name
            return m.text
        words = m.text.split()
        if words[0].lower() in {"the", "this", "that"}:
            return self._role(words[-1].lower(), pos) or m.text
        return m.text

    def _role(self, head: str, pos: int) -> str | None:
        """The person whose mention has ``head`` ("ambassador") within a short window."""
        positions = self._positions()
        places = self.head_places(head)
        seen = set()
        for _, name, _ in self._before(pos, 10):
            if name in seen:
                continue
            seen.add(name)
            where = positions.get(name.split()[-1], [])
            k = bisect_left(where, pos)
            for start in where[max(0, k - 20) : k]:
                lo, hi = max(0, start - 120), min(len(self.text), start + 160)
                if places is not None:
                    n = bisect_left(places, lo)
                    if n == len(places) or places[n] > hi - len(head):
                        continue  # the word is nowhere in the window: the search would find nothing
                pat = self._head_re.get(head)
                if pat is None:
                    pat = self._head_re[head] = re.compile(r"\b" + re.escape(head) + r"\b", re.I)
                if pat.search(self.text, lo, hi):
                    return name
        return None

    def head_places(self, head: str) -> list[int] | None:
        """Where ``head`` occurs in the text in any case, by str.find; None where that could miss a match.

        A case-blind regex tries every character (a search of a window costs as
        much as 15 finds of the whole text). An ASCII word matches, case-blind,
        only the same letters in either case, or ı ſ K İ (which also change
        the length of lower case): without those, lower case shows every match.
        """
        if head in self._head_at:
            return self._head_at[head]
        places: list[int] | None = None
        if head.isascii() and not any(c in self.text for c in _CASE_BLIND_ODD):
            low = self._low_text = self._low_text or self.text.lower()
            places = []
            i = low.find(head)
            while i >= 0:
                places.append(i)
                i = low.find(head, i + 1)
        self._head_at[head] = places
        return places
