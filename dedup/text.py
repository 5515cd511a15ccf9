"""Words with offsets, and the normalisation that makes two spellings of one word equal.

Normalisation is done per word, never on the whole text: each ``Token`` keeps
the ``[start, end)`` of its original characters, so nothing the tool reports
can drift from the file it came from. A normalised word folds Unicode
compatibility forms, case, curly apostrophes, diacritics (via ``anyascii``),
British spellings to American ones (``breame``'s table: mobilisation ->
mobilization) and house-style transliterations (Kiev -> kyiv, czar -> tsar).
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from itertools import accumulate
from typing import TypeVar

from anyascii import anyascii
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from dedup.memo import MemoTable
from dedup.model import Span, Token

T = TypeVar("T")

__all__ = [
    "ASCII_WORD_PATTERN",
    "DEFAULT_ALIASES",
    "WORD_PATTERN",
    "WORD_RE",
    "content_hash",
    "fold",
    "normalise_word",
    "normalised_table",
    "tokenize",
    "tokenize_spans",
    "set_aliases",
]

# Letters and digits, with inner apostrophes kept ("don't", "Putin's").
WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
# The same words, possessive where Python has it (3.11+: no backtracking state kept, a fifth faster); in
# ASCII text ``[^\W_]`` is ``[A-Za-z0-9]`` and the only apostrophe is ', which match faster still.
_PLUS = "+" if sys.version_info >= (3, 11) else ""
WORD_PATTERN = rf"[^\W_]+{_PLUS}(?:['’ʼ][^\W_]+{_PLUS})*{_PLUS}"
ASCII_WORD_PATTERN = rf"[A-Za-z0-9]+{_PLUS}(?:'[A-Za-z0-9]+{_PLUS})*{_PLUS}"
_SPLIT_RE = re.compile(f"({WORD_PATTERN})")  # captured, for ``split``
_ASCII_SPLIT_RE = re.compile(f"({ASCII_WORD_PATTERN})")

# House-style spellings that no transliterator produces; a newsroom extends it in config.
DEFAULT_ALIASES: Mapping[str, str] = {
    "kiev": "kyiv",
    "czar": "tsar",
    "tzar": "tsar",
    "czars": "tsars",
    "odessa": "odesa",
    "kharkov": "kharkiv",
    "lvov": "lviv",
    "gaddafi": "qaddafi",
    "gadhafi": "qaddafi",
    "qadhafi": "qaddafi",
    "zelensky": "zelenskyy",
    "zelenskiy": "zelenskyy",
    "bombay": "mumbai",
    "peking": "beijing",
    "burma": "myanmar",
}

_aliases: dict[str, str] = dict(DEFAULT_ALIASES)


def set_aliases(extra: Mapping[str, str], *, replace: bool = False) -> None:
    """Add (or, with ``replace``, swap in) house-style aliases; keys and values are folded."""
    global _aliases
    base: dict[str, str] = {} if replace else dict(DEFAULT_ALIASES)
    base.update({fold(k): fold(v) for k, v in extra.items()})
    _aliases = base
    normalise_word.cache_clear()
    for table in _normalised:
        table.clear()
    _whole.cache_clear()


def fold(word: str) -> str:
    """Case, compatibility forms, apostrophes and diacritics folded; nothing else."""
    word = unicodedata.normalize("NFKC", word).casefold()
    if not word.isascii():
        word = anyascii(word)
    return word.replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """The form two spellings of one word share (``Mobilisation`` and ``mobilization``)."""
    w = fold(word)
    w = _aliases.get(w, w)
    return BRITISH_ENGLISH_SPELLINGS.get(w, w)


_normalised: list[MemoTable] = []  # tables of values made from normalised words: emptied by ``set_aliases``


def normalised_table(compute: Callable[[str], T], bound: int = 200_000) -> MemoTable[str, T]:
    """A ``MemoTable`` of ``compute(word)`` where ``compute`` uses ``normalise_word``: a change of
    house-style aliases empties it too, so no table keeps a word's old form."""
    table: MemoTable[str, T] = MemoTable(compute, bound)
    _normalised.append(table)
    return table


# ``normalise_word`` as a table: a hit is a plain dict lookup, half an ``lru_cache`` call's cost.
_NORMS = normalised_table(normalise_word)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]``, each with its original offsets and normalised form."""
    return list(_span_tokens(text, start, len(text) if end is None else end))


def tokenize_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[Token, ...]]:
    """The words of each ``text[start:end]``, as ``tokenize`` gives them, from one pass over ``text``."""
    whole = _whole(text)  # looked up once, not once a sentence
    return [_slice(text, whole, start, end) for start, end in spans]


def _span_tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """A span's words sliced from the whole text's (cached per text), so no Token is made twice.

    The stages of one comparison ask for the words of the same sentences and
    quotes hundreds of times. A span's words are the whole text's words inside
    it, unless a word crosses its edge ("don't" cut after "don"): that span is
    tokenised on its own.
    """
    return _slice(text, _whole(text), start, end)


def _slice(text: str, whole: tuple[tuple[Token, ...], list[int]], start: int, end: int) -> tuple[Token, ...]:
    n = len(text)
    if not (0 <= start <= n and 0 <= end <= n):  # as ``finditer`` clamps them
        start, end = min(max(start, 0), n), min(max(end, 0), n)
    words, starts = whole
    i, j = bisect_left(starts, start), bisect_left(starts, end)
    if (i and words[i - 1].end > start) or (j and words[j - 1].end > end):
        return _regex_tokens(text, start, end)
    return words[i:j]


@lru_cache(maxsize=64)
def _whole(text: str) -> tuple[tuple[Token, ...], list[int]]:
    """The words of a whole text and their start offsets (a string caches its hash: a hit is free)."""
    starts, ends, norms = _columns(text, 0, len(text))
    return Token.many(starts, ends, norms), starts


def _regex_tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """The words of ``text[start:end]``, equal to ``WORD_RE.finditer(text, start, end)``'s."""
    return Token.many(*_columns(text, start, end))


def _columns(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and normalised forms of the words of ``text[start:end]``."""
    # ``split`` with the word captured alternates gap, word, gap, ..., gap; running sums of
    # their lengths are the words' offsets, so no Python code runs per word. The pattern has
    # no anchors or lookarounds, so matching a slice equals ``WORD_RE.finditer(text, start, end)``.
    piece = text[start:end]
    parts = (_ASCII_SPLIT_RE if piece.isascii() else _SPLIT_RE).split(piece)
    offsets = list(accumulate(map(len, parts), initial=start))
    return offsets[1:-1:2], offsets[2:-1:2], list(map(_NORMS.__getitem__, parts[1::2]))


def content_hash(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def span_text(text: str, span: Span) -> str:
    """The original characters of ``span``, whitespace runs collapsed (for messages)."""
    return " ".join(text[span.start : span.end].split())
