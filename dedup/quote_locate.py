"""Where a quote sits in the source: the source's words joined once, a fuzzy search, then the exact edges.

``locate`` finds the stretch most like the quote with rapidfuzz's partial
ratio over the joined normalised words; ``passage_range`` trims it to the
words the quote actually shares (difflib's matching blocks) and lets copy
words at either end stand for changed source words. ``replace_credit`` and
``raw_edits`` read the word opcodes of the runs so located: the first scores a
quote without making edits (most quotes checked are absent), the second makes them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import add, attrgetter

from rapidfuzz import fuzz

from dedup.diff import Opcode, edits_of, tokens_span
from dedup.model import Article, Edit, Sentence, Span, Token
from dedup.quote_edits import joined, keys_credit, keys_of, matching_blocks, norm_keys, same_keys, text_keys
from dedup.text import tokenize

__all__ = ["SENTENCE_END", "Run", "SourceWords", "locate", "passage_range", "raw_edits", "replace_credit", "with_margin"]

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
    key_set: frozenset[str] = frozenset()  # ``keys`` as a set: a quote sharing no word with it is absent at once
    # the last token of each sentence but the last (where furniture may sit between two tokens); None: unknown
    boundaries: tuple[int, ...] | None = None

    @classmethod
    def of(cls, article: Article, sentences: Sequence[Sentence] | None = None) -> SourceWords:
        if sentences is not None:
            toks = tuple(chain.from_iterable(s.tokens for s in sentences))
            # the index of each sentence's last word: running totals of the sentences' lengths, less one
            last = list(map((-1).__add__, accumulate(map(len, map(_TOKENS, sentences)))))
            ends = set(last)
            bounds: tuple[int, ...] | None = tuple(last[:-1])
        else:
            toks = tuple(t for t in tokenize(article.text) if not (article.excluded and article.is_excluded(t.span)))
            ends = {i for i, t in enumerate(toks) if SENTENCE_END.match(article.text[t.end : t.end + 3])}
            bounds = None if article.excluded else ()  # every word of the text
        norms = list(map(_NORM, toks))
        joined = " ".join(norms)
        starts: tuple[int, ...] = ()  # not needed when every space of ``joined`` is a separator (see token_at)
        if joined.count(" ") != len(norms) - 1:
            starts = tuple(map(add, accumulate(map(len, norms[:-1]), initial=0), range(len(norms))))  # +1 per space
        keys = tuple(keys_of(norms))
        return cls(article.text, toks, joined, starts, frozenset(ends), keys, frozenset(keys), bounds)

    def plain(self, a: int, b: int) -> bool:
        """True when the words of the text from token ``a`` to token ``b - 1`` are ``tokens[a:b]``, so their
        ``keys[a:b]`` are ``text_keys`` of that text (no word of furniture between, no word cut)."""
        bounds = self.boundaries
        if bounds is None:
            return False
        # A sentence's words are every word of its text; between two sentences furniture may sit.
        inside = bounds[bisect.bisect_left(bounds, a) : bisect.bisect_left(bounds, b - 1)]
        return not any(_seam(self.text, self.tokens[k], self.tokens[k + 1]) for k in inside)

    def token_at(self, char: int) -> int:
        """The index of the token covering (or starting after) ``char`` of ``joined``."""
        if not self.starts:  # the index of the token is the number of separators before ``char``
            return self.joined.count(" ", 0, char)
        return max(0, bisect.bisect_right(self.starts, char) - 1)


_JOINS = re.compile(r"[^\W_]|['’ʼ]")  # a word character, or an apostrophe that may join two


def _seam(text: str, a: Token, b: Token) -> bool:
    """The text between two consecutive tokens holds a word, or could make one word of the two."""
    return a.end >= b.start or _JOINS.search(text, a.end, b.start) is not None


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
    words: SourceWords, qtokens: Sequence[Token], lo: int, hi: int, full_sentence: bool,
    qkeys: Sequence[str] | None = None,
) -> tuple[int, int, int]:
    """Source token range ``[i, j)`` inside ``[lo, hi)`` matching the quote, and how many words matched
    (``qkeys``: the quote's ``norm_keys``, when the caller has them)."""
    keys = words.keys or tuple(norm_keys(words.tokens))
    a = keys[lo:hi]
    b = norm_keys(qtokens) if qkeys is None else qkeys
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


# A run of the quote looked up in the source: its words, whether it follows an ellipsis, the source position
# before it, the source range ``[i, j)`` it matched, the word opcodes between them (None: not found) and the
# run's ``norm_keys``.
Run = tuple[list[Token], bool, int, int, int, "list[Opcode] | None", Sequence[str]]


def replace_credit(words: SourceWords, runs: list[Run]) -> tuple[int, int]:
    """The credit the edits below add to the matched words, and its fuzzy part, without making the edits.

    Only replacements earn credit: the same words re-spelt ("Nord Stream") all their words, a close re-spelling
    ``keys_credit``; insertions and deletions earn none, whether kept or dropped. The keys of each side are
    sliced from its tokens' keys: a run's text holds just its tokens (runs break at every [bracket]), and the
    source's does where ``SourceWords.plain`` says so.
    """
    same = fuzzy = 0
    tokens, keys = words.tokens, words.keys
    for _, _, _, i, _, ops, seg_keys in runs:
        if ops is None:
            continue
        for op, i1, i2, j1, j2 in ops:
            if op != "replace":
                continue
            a, b = i + i1, i + i2
            s_keys = keys[a:b] if words.plain(a, b) else text_keys(words.text[tokens[a].start : tokens[b - 1].end])
            c_keys = seg_keys[j1:j2]
            if same_keys(s_keys, c_keys):
                same += len(c_keys)
            else:
                fuzzy += keys_credit(s_keys, c_keys)
    return same + fuzzy, fuzzy


def raw_edits(words: SourceWords, copy_text: str, runs: list[Run], breaks: Sequence[Span]) -> list[Edit]:
    """Every edit between the quote and its passage, run by run, before legitimate editing is dropped."""
    raw_list: list[Edit] = []
    found = False
    for seg, after_gap, cursor, i, j, ops, _ in runs:
        if ops is None:  # all of the run is the copy's own
            at = words.tokens[cursor - 1].end if cursor else 0
            raw_list.append(Edit("insert", Span(at, at), tokens_span(seg, 0, len(seg)), "", copy_text[seg[0].start : seg[-1].end]))
            continue
        if found and not after_gap and i > cursor:
            # Source words skipped between two sentences of the quote: cut, unless they are the attribution.
            cut = Span(words.tokens[cursor].start, words.tokens[i - 1].end)
            if not any(b.contains(cut) for b in breaks):
                here = Span(seg[0].start, seg[0].start)
                raw_list.append(Edit("delete", cut, here, cut.of(words.text), ""))
        found = True
        raw_list.extend(edits_of(ops, words.text, words.tokens[i:j], copy_text, seg))
    return raw_list
