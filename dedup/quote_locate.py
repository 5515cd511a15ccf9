"""Where a quote sits in the source: the source's words joined once, a fuzzy search, then the exact edges.

``locate`` finds the stretch most like the quote with rapidfuzz's partial
ratio over the joined normalised words; ``passage_range`` trims it to the
words the quote actually shares (difflib's matching blocks) and lets copy
words at either end stand for changed source words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import add, attrgetter

from rapidfuzz import fuzz

from dedup.model import Article, Sentence, Token
from dedup.quote_edits import joined, keys_of, matching_blocks, norm_keys
from dedup.text import tokenize

__all__ = ["SENTENCE_END", "SourceWords", "locate", "passage_range", "with_margin"]

SENTENCE_END = re.compile(r"[.!?]['’\"”)\]]*\s*$")
_ENDS = 30  # words; a longer quote is located by its first and last words
_NORM = attrgetter("norm")
_TOKENS = attrgetter("tokens")


@dataclass(frozen=True, slots=True)
class SourceWords:
    """The source's words outside furniture, joined once so every quote can be searched fast."""

    text: str
    tokens: tuple[Token, ...]
    joined: str
    starts: tuple[int, ...]  # offset of each token inside ``joined``; () when its spaces are just the separators
    sentence_ends: frozenset[int]  # token indices that end a sentence
    keys: tuple[str, ...] = ()  # ``norm_key`` of each token, computed once for every quote's token diff

    @classmethod
    def of(cls, article: Article, sentences: Sequence[Sentence] | None = None) -> SourceWords:
        if sentences is not None:
            toks = tuple(chain.from_iterable(s.tokens for s in sentences))
            # the index of each sentence's last word: running totals of the sentences' lengths, less one
            ends = set(map((-1).__add__, accumulate(map(len, map(_TOKENS, sentences)))))
        else:
            toks = tuple(t for t in tokenize(article.text) if not (article.excluded and article.is_excluded(t.span)))
            ends = {i for i, t in enumerate(toks) if SENTENCE_END.match(article.text[t.end : t.end + 3])}
        norms = list(map(_NORM, toks))
        joined = " ".join(norms)
        starts: tuple[int, ...] = ()  # not needed when every space of ``joined`` is a separator (see token_at)
        if joined.count(" ") != len(norms) - 1:
            starts = tuple(map(add, accumulate(map(len, norms[:-1]), initial=0), range(len(norms))))  # +1 per space
        return cls(article.text, toks, joined, starts, frozenset(ends), tuple(keys_of(norms)))

    def token_at(self, char: int) -> int:
        """The index of the token covering (or starting after) ``char`` of ``joined``."""
        if not self.starts:  # the index of the token is the number of separators before ``char``
            return self.joined.count(" ", 0, char)
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def locate(words: SourceWords, qtokens: Sequence[Token]) -> tuple[int, int]:
    """Token range ``[i0, i1)`` of the source passage most like ``qtokens``."""
    needle = " ".join(map(_NORM, qtokens))
    if not words.tokens:
        return 0, 0
    if len(needle) >= len(words.joined):
        return 0, len(words.tokens)
    if len(qtokens) > 2 * _ENDS:
        # A long quote: find its opening and closing words (the search cost grows with the needle).
        h0, h1 = locate(words, qtokens[:_ENDS])
        t0, t1 = locate(words, qtokens[-_ENDS:])
        if h0 < t1 <= h0 + 2 * len(qtokens) + 20:
            return h0, t1
        return h0, min(len(words.tokens), h0 + len(qtokens))
    al = fuzz.partial_ratio_alignment(needle, words.joined)
    if al is None:  # an empty needle or source: nothing to locate
        return 0, 0
    i0 = words.token_at(al.dest_start)
    i1 = words.token_at(max(al.dest_start, al.dest_end - 1)) + 1
    return i0, i1


def _trim(blocks: list) -> list:
    """The run of matching blocks that best explains the quote: each shared word +1, each skipped source word -0.5.

    Lone words matched a few words beyond the passage ("the") fall away; a
    deletion inside it ("I [do not] believe") costs less than the words it keeps.
    """
    blocks = [b for b in blocks if b.size]
    if len(blocks) <= 1:
        return blocks
    best, best_score = (0, len(blocks) - 1), float("-inf")
    for i in range(len(blocks)):
        kept = 0
        for j in range(i, len(blocks)):
            kept += blocks[j].size
            extent = blocks[j].a + blocks[j].size - blocks[i].a
            score = kept - 0.5 * (extent - kept)
            if score > best_score or (score == best_score and j - i > best[1] - best[0]):
                best, best_score = (i, j), score
    return blocks[best[0] : best[1] + 1]


def with_margin(words: SourceWords, core: tuple[int, int], n: int) -> tuple[int, int]:
    """The fuzzy search's range widened so the token diff can find the passage's true edges."""
    margin = max(3, n // 4)
    return max(0, core[0] - margin), min(len(words.tokens), core[1] + margin)


def passage_range(
    words: SourceWords, qtokens: Sequence[Token], lo: int, hi: int, full_sentence: bool
) -> tuple[int, int, int]:
    """Source token range ``[i, j)`` inside ``[lo, hi)`` matching the quote, and how many words matched."""
    keys = words.keys or tuple(norm_keys(words.tokens))
    a = keys[lo:hi]
    b = norm_keys(qtokens)
    blocks = _trim(matching_blocks(a, b))
    if not blocks:
        return lo, lo, 0
    i, j = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
    # Copy words before the first / after the last shared word stand for source words there (changed, not cut):
    # take as many source words as best resemble them.
    lead, tail = blocks[0].b, len(b) - (blocks[-1].b + blocks[-1].size)
    if lead:
        i -= _best_width(joined(qtokens[:lead]), [keys[i - k] for k in range(1, min(lead, i - lo) + 1)], True)
    if tail:
        j += _best_width(joined(qtokens[len(b) - tail :]), list(keys[j : j + min(tail, hi - j)]), False)
    if full_sentence:
        # A quote presented as a whole sentence must not silently lose its last words ("finish him off"),
        # but a source quote's own closing marks and "said one" are not part of it.
        k = j
        while k < hi and k - j < 3 and (k - 1) not in words.sentence_ends and _adjacent(words, k - 1, k):
            k += 1
        if k > j and (k - 1) in words.sentence_ends:
            j = k
    return i, j, sum(x.size for x in blocks)


def _best_width(words: str, near: list[str], before: bool) -> int:
    """How many of the source words ``near`` (nearest first) best resemble ``words``: the fewest of equals.

    ``max(range(len(near) + 1), key=lambda k: (ratio(joined first k, words), -k))``, each run joined
    from the one before (``before``: the words precede the passage, so each is put in front).
    """
    ratio = fuzz.ratio
    best, best_k, run = ratio("", words), 0, ""
    for k, w in enumerate(near, 1):
        run = w + run if before else run + w
        score = ratio(run, words)
        if score > best:
            best, best_k = score, k
    return best_k


def _adjacent(words: SourceWords, a: int, b: int) -> bool:
    """Two source words separated by spaces only (no punctuation, no closing quotation mark)."""
    return not words.text[words.tokens[a].end : words.tokens[b].start].strip()
