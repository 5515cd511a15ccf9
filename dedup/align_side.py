"""One article's side of an alignment: its units and word lists, made once per article, not once per pair.

A scan compares a wire story with every outlet that ran it, and the worker's
article cache hands ``align`` the same sentences tuple each time; what
alignment derives from one article alone (its units, words, terms, the
ordinary words of each unit) is kept for the next pair with that tuple.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np

from dedup.align_options import pieces as unit_pieces
from dedup.model import Sentence, Span, Token
from dedup.name_words import is_name
from dedup.similarity import unit_terms

__all__ = ["Side", "side_of"]

_NORM = attrgetter("norm")


@dataclass(frozen=True, slots=True)
class Side:
    """One article's alignment units flattened: words, and where each unit's words start."""

    text: str
    tokens: tuple[Token, ...]
    starts: tuple[int, ...]  # first token index of each unit; one extra entry at the end
    bounds: tuple[tuple[int, int], ...]  # characters of each unit: its sentence's, or its words'
    norms: list[str]  # each token's normalised form, once
    vocab: frozenset[str] = field(init=False, compare=False, repr=False)
    terms: list[list[str]] = field(init=False, compare=False, repr=False)  # each unit's content terms, no compounds joined
    unit: np.ndarray = field(init=False, compare=False, repr=False)  # each token's unit
    _plain: dict[int, list[str]] = field(init=False, compare=False, repr=False)  # each unit's words that are not names, when asked

    def __post_init__(self) -> None:
        norms, put = self.norms, object.__setattr__
        put(self, "vocab", frozenset(norms))
        put(self, "terms", unit_terms(norms, self.starts))
        put(self, "unit", np.repeat(np.arange(self.units), np.diff(self.starts)))
        put(self, "_plain", {})

    @classmethod
    def of(cls, text: str, sentences: Sequence[Sentence], max_words: int) -> Side:
        """Units are sentences, except that a run-on "sentence" (a list, unpunctuated text)
        is cut into pieces of at most ``max_words`` words so it cannot swallow a match."""
        tokens: list[Token] = []
        starts = []
        bounds = []
        for s in sentences:
            n = len(s.tokens)
            if n <= max_words:  # one piece: the whole sentence
                starts.append(len(tokens))
                tokens.extend(s.tokens)
                bounds.append((s.span.start, s.span.end))
                continue
            pieces = unit_pieces(n, max_words)
            for k in range(pieces):
                part = s.tokens[k * n // pieces : (k + 1) * n // pieces]
                starts.append(len(tokens))
                tokens.extend(part)
                lo = s.span.start if k == 0 else part[0].start
                hi = s.span.end if k == pieces - 1 else part[-1].end
                bounds.append((lo, hi))
        starts.append(len(tokens))
        return cls(text, tuple(tokens), tuple(starts), tuple(bounds), list(map(_NORM, tokens)))

    def span(self, t0: int, t1: int, u0: int, u1: int) -> Span:
        """The characters of tokens ``[t0, t1)``, widened to the whole sentence (its closing
        punctuation and quotation marks) where the range starts or ends with a unit."""
        start = self.bounds[u0][0] if t0 == self.starts[u0] else self.tokens[t0].start
        end = self.bounds[u1][1] if t1 == self.starts[u1 + 1] else self.tokens[t1 - 1].end
        return Span(start, end)

    @property
    def units(self) -> int:
        return len(self.starts) - 1

    def words(self, unit: int) -> list[str]:
        return self.norms[self.starts[unit] : self.starts[unit + 1]]

    def plain_words(self, unit: int) -> list[str]:
        """The unit's words without its names (``is_name``), in order."""
        words = self._plain.get(unit)
        if words is None:
            text = self.text  # (most words are lower case: skip the call for them)
            tokens = self.tokens[self.starts[unit] : self.starts[unit + 1]]
            words = self._plain[unit] = [t.norm for t in tokens if not (text[t.start].isupper() and is_name(text, t))]
        return words


_SIDES: dict[int, tuple[tuple[Sentence, ...], str, int, Side]] = {}
_LOCK = threading.Lock()
_KEEP = 16  # articles: a scan worker's pairs come in batches sharing an article (16 catch 172 of 176 repeats)


def side_of(text: str, sentences: Sequence[Sentence], max_words: int) -> Side:
    """``Side.of``, the same object again for the same sentences tuple (kept alive here, so its id is
    not reused while it is a key); a list, which could change, is never kept."""
    if type(sentences) is not tuple:
        return Side.of(text, sentences, max_words)
    with _LOCK:  # (a dict's pop-and-put is no single step for threads)
        hit = _SIDES.pop(id(sentences), None)
        if hit is not None and hit[0] is sentences and hit[2] == max_words and hit[1] == text:
            _SIDES[id(sentences)] = hit  # now the newest
            return hit[3]
    side = Side.of(text, sentences, max_words)
    with _LOCK:
        while len(_SIDES) >= _KEEP:
            del _SIDES[next(iter(_SIDES))]  # the least recently used
        _SIDES[id(sentences)] = (sentences, text, max_words, side)
    return side
