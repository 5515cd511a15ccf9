"""Which strings are English words, and which real word a non-word was meant to be.

The dictionary is pyspellchecker's English frequency list (about 160,000 words
with counts from film subtitles and the web), plus British spellings (via
``dedup.text``'s breame table: "mobilisation" is a word because "mobilization"
is), a small list of news vocabulary the frequency list lacks
(``dedup/data/news_words.txt``: "superdelegate", "retweet", "status quo"'s
"quo") and whatever words a newsroom adds.

A word missing from all of these may still be a word: news coins words from
parts that are ("cyberwar", "caucusgoers", "defund", "birtherism"), so
``derivation`` explains a word as prefix + word, word + suffix or word + word
before anything calls it a misspelling.

Corrections rank candidates one or two edits away by a weighted edit cost in
which the common slips of spelling are cheap (a doubled or dropped double
letter, "occured"; two letters swapped; one vowel for another, "seperate"; a
dropped vowel, "beleagured") and by how common the candidate is, with a bonus
when it sounds the same (metaphone key).
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jellyfish
import numpy as np
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dedup.text import fold as _fold_uncached

fold = lru_cache(maxsize=100_000)(_fold_uncached)  # the same few thousand words, folded again and again

__all__ = ["Candidate", "Lexicon", "edit_cost", "get_lexicon", "neighbouring_keys"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = frozenset("aeiouy")
# Counts at or under this are the floor of pyspellchecker's list (words added from a list, never seen).
_FLOOR = 50

_PREFIXES = (
    "anti", "auto", "back", "bi", "bio", "co", "counter", "cross", "cyber", "de", "dis", "down", "eco", "ex",
    "extra", "geo", "hyper", "in", "inter", "intra", "macro", "mega", "micro", "mid", "mini", "mis", "multi",
    "neo", "non", "off", "on", "out", "over", "post", "pre", "pro", "re", "self", "semi", "sub", "super",
    "tele", "trans", "ultra", "un", "under", "up",
)  # fmt: skip
_PREFIX_SET = frozenset(_PREFIXES)
# suffix -> replacements to try on the stem ("" = the stem itself)
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("isations", ("ise",)), ("izations", ("ize",)), ("isation", ("ise",)), ("ization", ("ize",)),
    ("ability", ("able",)), ("ibility", ("ible",)), ("abilities", ("able",)),
    ("ism", ("", "e")), ("isms", ("", "e")), ("ist", ("", "e")), ("ists", ("", "e")),
    ("ities", ("", "e")), ("ity", ("", "e")), ("iness", ("y",)), ("ness", ("",)),
    ("ily", ("y",)), ("ly", ("", "e")), ("ally", ("",)), ("able", ("", "e")), ("ably", ("", "e")),
    ("ful", ("",)), ("less", ("",)), ("ment", ("",)), ("ments", ("",)), ("ship", ("",)), ("hood", ("",)),
    ("ize", ("", "e", "y")), ("izes", ("", "e", "y")), ("ized", ("", "e", "y")), ("izing", ("", "e", "y")),
    ("ise", ("", "e", "y")), ("ises", ("", "e", "y")), ("ised", ("", "e", "y")), ("ising", ("", "e", "y")),
    ("ors", ("", "e")), ("or", ("", "e")), ("up", ("",)), ("ups", ("",)), ("out", ("",)), ("outs", ("",)),
    ("ers", ("", "e")), ("er", ("", "e")), ("ees", ("", "e")), ("ee", ("", "e")),
    ("ings", ("", "e")), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",)),
    ("ies", ("y",)), ("ied", ("y",)), ("ish", ("", "e")), ("y", ("", "e")), ("ie", ("",)),
    ("al", ("", "e")), ("ic", ("", "e")), ("ian", ("", "e", "a")), ("ians", ("", "e", "a")),
    ("ite", ("",)), ("ites", ("",)), ("gate", ("",)), ("wise", ("",)), ("esque", ("",)),
    ("ive", ("", "e")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """A real word a non-word may have been meant to be, and why it ranks where it does."""

    word: str
    cost: float  # weighted edit cost: ~0.3 for a doubled letter up to 2+ for two unrelated edits
    frequency: float  # share of the frequency list's words
    same_sound: bool
    score: float  # lower is better


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_POS = {c: (r, k) for r, row in enumerate(_KEY_ROWS) for k, c in enumerate(row)}


def neighbouring_keys(a: str, b: str) -> bool:
    """Whether two letters sit side by side (or diagonally) on a QWERTY keyboard."""
    pa, pb = _KEY_POS.get(a), _KEY_POS.get(b)
    return pa is not None and pb is not None and pa != pb and abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1


def _sub_cost(a: str, b: str) -> float:
    if a in _VOWELS and b in _VOWELS:
        return 0.5
    return 0.8 if neighbouring_keys(a, b) else 1.2


def _indel_cost(word: str, i: int) -> float:
    """Cost of inserting/deleting ``word[i]``: cheap when it doubles a neighbour or is a vowel."""
    c = word[i]
    if (i > 0 and word[i - 1] == c) or (i + 1 < len(word) and word[i + 1] == c):
        return 0.3
    return 0.6 if c in _VOWELS else 1.0


def edit_cost(wrong: str, right: str) -> float:
    """Weighted optimal-string-alignment distance with the common slips of spelling made cheap."""
    n, m = len(wrong), len(right)
    prev2: list[float] = []
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _indel_cost(right, j - 1)
    for i in range(1, n + 1):
        cur = [prev[0] + _indel_cost(wrong, i - 1)] + [0.0] * m
        for j in range(1, m + 1):
            a, b = wrong[i - 1], right[j - 1]
            best = min(
                prev[j] + _indel_cost(wrong, i - 1),
                cur[j - 1] + _indel_cost(right, j - 1),
                prev[j - 1] + (0.0 if a == b else _sub_cost(a, b)),
            )
            if i > 1 and j > 1 and a == right[j - 2] and wrong[i - 2] == b and a != b:
                best = min(best, prev2[j - 2] + 0.4)
            cur[j] = best
        prev2, prev = prev, cur
    return prev[m]


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    return out


class Lexicon:
    """An English word list with frequencies: membership, derivations and ranked corrections."""

    def __init__(self, counts: dict[str, int], extra: Iterable[str] = ()) -> None:
        self._counts = counts
        self._total = max(1, sum(counts.values()))
        self._extra = frozenset(fold(w) for w in extra if w.strip())
        self._base_pools: dict[int, list[str]] | None = None  # shared with lexicons made by with_words
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    def with_words(self, words: Iterable[str]) -> Lexicon:
        """The same lexicon with a newsroom's own words added (shares the big word list and its pools)."""
        words = frozenset(fold(w) for w in words if w.strip())
        if not words or words <= self._extra:
            return self
        lex = Lexicon.__new__(Lexicon)
        lex._counts, lex._total, lex._extra = self._counts, self._total, self._extra | words
        lex._base_pools, lex._cache = self._pools(), {}
        return lex

    def _pools(self) -> dict[int, list[str]]:
        """Common words of the frequency list by length: where two-edit candidates are sought."""
        if self._base_pools is None:
            pools: dict[int, list[str]] = {}
            for w, n in self._counts.items():
                if n > _FLOOR and w.isalpha() and w.isascii():
                    pools.setdefault(len(w), []).append(w)
            self._base_pools = pools
        return self._base_pools

    def _pool(self, length: int) -> list[str]:
        """Candidate words within two letters of ``length``, added words included."""
        base = self._pools()
        words = [w for n in range(length - 2, length + 3) for w in base.get(n, ())]
        return words + [w for w in self._extra if abs(len(w) - length) <= 2 and w not in self._counts]

    def count(self, word: str) -> int:
        return self._counts.get(word, 0)

    def frequency(self, word: str) -> float:
        return self._counts.get(word, 0) / self._total

    def known(self, word: str) -> bool:
        """True for a word of the list, a British spelling of one, or an added word (case-folded)."""
        w = fold(word)
        if w in self._counts or w in self._extra:
            return True
        us = BRITISH_ENGLISH_SPELLINGS.get(w)
        if us is not None and us in self._counts:
            return True
        if "'" in w:  # contractions and clitics: "wouldn't", "they've", "rock'n'roll"
            for clitic in ("n't", "'ve", "'ll", "'re", "'d", "'m", "'s", "'"):
                if w.endswith(clitic) and self.known(w[: -len(clitic)] or "x"):
                    return True
        return False

    def common(self, word: str) -> bool:
        """Known and seen in real text (above the frequency list's floor), or added by a newsroom."""
        w = fold(word)
        if w in self._extra:
            return True
        w = BRITISH_ENGLISH_SPELLINGS.get(w, w)
        return self._counts.get(w, 0) > _FLOOR

    def derivation(self, word: str, depth: int = 2) -> tuple[str, ...] | None:
        """Parts that make ``word`` from common words ("cyber"+"war", "defund" = "de"+"fund"), or None."""
        w = fold(word)
        if depth <= 0 or len(w) < 5:
            return None
        for p in _PREFIXES:
            rest = w[len(p) :]
            if not w.startswith(p) or len(rest) < 3 or (len(rest) == 3 and self.frequency(rest) < 1e-5):
                continue  # a three-letter rest only when very common: "cyber"+"war"
            if self.common(rest) or self.derivation(rest, depth - 1):
                return (p, rest)
        for suffix, stems in _SUFFIXES:
            if not w.endswith(suffix):
                continue
            base = w[: -len(suffix)]
            if len(base) < 3:
                continue
            for repl in stems:
                stem = base + repl
                if len(stem) >= 4 and self.common(stem):
                    return (stem, suffix)
                if len(base) > 3 and base[-1] == base[-2] and self.common(base[:-1]):  # "shopping" -> "shop"
                    return (base[:-1], suffix)
            if depth > 1 and len(base) >= 6 and (d := self.derivation(base, depth - 1)):
                return (*d, suffix)
        for i in range(3, len(w) - 2):  # word + word: "caucus"+"goers"; a three-letter part only if frequent
            a, b = w[:i], w[i:]
            if not (self._part(a) and (self._part(b) or (depth > 1 and len(b) >= 5 and self.derivation(b, 1)))):
                continue
            return (a, b)
        return None

    def is_prefix(self, word: str) -> bool:
        """A word-forming prefix written as a word of its own ("cyber", "multi", "pre")."""
        return fold(word) in _PREFIX_SET

    def _part(self, w: str) -> bool:
        """A word that can make half a compound: common, not a function word ("feud"+"another" is two words)."""
        if w in _TRAILING_FUNCTION or w in _LEADING_FUNCTION:
            return False
        return self.common(w) and (len(w) >= 4 or self.frequency(w) >= 2e-5)

    def split_run_together(self, word: str) -> tuple[str, str] | None:
        """Two words typed without a space ("consistof", "aburden"), when one of them is a function word."""
        w = fold(word)
        for i in range(1, len(w)):
            a, b = w[:i], w[i:]
            if b in _TRAILING_FUNCTION and self._part(a):
                return (a, b)
            if a in _LEADING_FUNCTION and self._part(b):
                return (a, b)
        return None

    def candidates(self, word: str, limit: int = 5) -> tuple[Candidate, ...]:
        """Real words one (else two) edits from ``word``, best first."""
        w = fold(word)
        if w not in self._cache:
            self.prepare([w])
        return self._cache[w][:limit]

    @property
    def prepared(self) -> Container[str]:
        """Words whose candidates are known (``prepare`` ran on them)."""
        return self._cache.keys()

    def prepare(self, words: Iterable[str]) -> None:
        """Find the candidates of many words at once: two-edit search runs batched in rapidfuzz's cdist.

        One query against the ~40,000 words of similar length costs about as much as
        a hundred batched ones, so the checks hand over all of an article's unknown words together.
        """
        if len(self._cache) > 50_000:
            self._cache.clear()
        todo = sorted({fold(w) for w in words} - self._cache.keys())
        far: dict[int, list[str]] = {}
        for w in todo:
            if not w.isascii() or not w.isalpha() or len(w) > 24:
                self._cache[w] = ()
                continue
            near = {e for e in _edits1(w) if self._counts.get(e, 0) > _FLOOR or e in self._extra}
            if near or not 5 <= len(w) <= 16:
                self._cache[w] = self._rank(w, near)
            else:
                far.setdefault(len(w), []).append(w)
        for length, queries in far.items():
            pool = self._pool(length)
            for i in range(0, len(queries), 256):
                batch = queries[i : i + 256]
                dist = process.cdist(batch, pool, scorer=OSA.distance, score_cutoff=2, dtype=np.uint8, workers=1)
                for q, row in zip(batch, dist, strict=True):
                    self._cache[q] = self._rank(q, {pool[j] for j in np.flatnonzero(row <= 2)})

    def _rank(self, word: str, near: set[str]) -> tuple[Candidate, ...]:
        key = jellyfish.metaphone(word)
        out = []
        for w in near:
            cost = edit_cost(word, w)
            freq = max(self._counts.get(w, 0), _FLOOR) / self._total
            same = jellyfish.metaphone(w) == key
            score = cost - 0.25 * (math.log10(freq) + 6) - (0.3 if same else 0.0)
            out.append(Candidate(w, cost, freq, same, score))
        out.sort(key=lambda c: (c.score, c.word))
        return tuple(out)


_TRAILING_FUNCTION = frozenset(
    ["of", "the", "and", "by", "to", "for", "with", "from", "another", "that", "was", "were"]
)
_LEADING_FUNCTION = frozenset(["a", "the", "not", "very", "of", "and", "to", "by"])


def _news_words() -> list[str]:
    text = (Path(__file__).parent / "data" / "news_words.txt").read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _cache_file() -> Path | None:
    """Where the word counts are cached: ``$DEDUP_CACHE_DIR`` (``off`` for nowhere), else the user cache."""
    import os

    folder = os.environ.get("DEDUP_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dedup"
    )
    if folder == "off":
        return None
    from spellchecker import __version__ as version

    return Path(folder) / f"words-en-pyspellchecker-{version}.marshal"


def _word_counts() -> dict[str, int]:
    """pyspellchecker's English counts: 0.27 s to decompress and parse its JSON, 0.03 s from a
    marshal cache (a CLI run pays this on every start). ``marshal`` runs no code when loading;
    a cache that fails to load or write is ignored."""
    import contextlib
    import marshal

    cache = _cache_file()
    if cache is not None:
        try:
            counts = marshal.loads(cache.read_bytes())
            if isinstance(counts, dict) and counts:
                return counts
        except (OSError, EOFError, ValueError, TypeError):
            pass
    from spellchecker import SpellChecker

    counts = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    if cache is not None:
        from dedup.atomic import write_bytes_atomic
        from dedup.errors import DedupError

        with contextlib.suppress(DedupError, OSError):
            write_bytes_atomic(cache, marshal.dumps(counts))
    return counts


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The shared default lexicon (loaded once)."""
    return Lexicon(_word_counts(), _news_words())
