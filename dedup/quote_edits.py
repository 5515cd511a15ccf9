"""What counts as a change of words in a quote, and which changes alter what it says.

Shared by quote verification and the attribution checks. Two runs of words
are the same words when their normalised forms joined are equal ("Nord
Stream" / "Nordstream", "per cent" / "percent") or differ only as number
words and digits ("nine" / "9"). A change is *meaning-bearing* when it changes
a number, adds or drops a negation, or puts one name for another: those are
always reported as errors, however close the rest of the quote is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from difflib import Match
from itertools import compress
from operator import attrgetter, itemgetter

from rapidfuzz import fuzz

from dedup.model import Edit, Token
from dedup.text import WORD_RE, normalise_word

__all__ = [
    "NEGATIONS",
    "STOPWORDS",
    "fuzzy_credit",
    "is_content",
    "joined",
    "keys_credit",
    "matching_blocks",
    "meaning_change",
    "norm_key",
    "norm_keys",
    "same_keys",
    "same_words",
    "text_keys",
]

_FUZZY_WORDS = 75  # rapidfuzz ratio of two joined word runs counted as the same words re-spelt
NEGATIONS = frozenset(
    "not no never nobody nothing none neither nor without cannot nowhere hardly barely scarcely".split()
)
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with as is are was were be been being am do does did
    has have had it its this that these those there here he she they we you i me him her them us my his our
    your their who whom which what when where why how so than then too very just also up out over into about
    will would shall should can could may might must not no s t""".split()
)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"})
_NUMBER_WORDS.update({"eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000"})
_NUMBER_WORDS.update({"million": "1000000", "billion": "1000000000", "dozen": "12", "half": "0.5"})
_NORM = attrgetter("norm")


def norm_key(word: str) -> str:
    return _NUMBER_WORDS.get(word, word)


def norm_keys(words: Sequence[Token]) -> list[str]:
    """``norm_key`` of each token's normalised form (one C-level pass, for the hot loops of ``dedup.verify``)."""
    return keys_of(list(map(_NORM, words)))


def keys_of(norms: list[str]) -> list[str]:
    """``norm_key`` of each normalised word, for a caller that has the words already."""
    return list(map(_NUMBER_WORDS.get, norms, norms))  # get(n, n) for each n


def joined(words: Sequence[Token]) -> str:
    return "".join(norm_keys(words))


def text_keys(text: str) -> list[str]:
    """``norm_key`` of each word of ``text``, as ``tokenize`` would find them, without making the tokens."""
    if not text:  # one side of every insert and delete
        return []
    norms = list(map(normalise_word, WORD_RE.findall(text)))
    return list(map(_NUMBER_WORDS.get, norms, norms))  # get(n, n) for each n


def same_words(edit: Edit) -> bool:
    """Edits that only re-spell the same words: joined forms or number words equal ("Nord Stream")."""
    return same_keys(text_keys(edit.source_text), text_keys(edit.copy_text))


def same_keys(source: Sequence[str], copy: Sequence[str]) -> bool:
    """``same_words`` from the ``text_keys`` of an edit's two sides."""
    return "".join(source) == "".join(copy)


def fuzzy_credit(edit: Edit) -> int:
    """Words of a replace edit that are the same words re-spelt ("cyberwar" / "cyber warfare")."""
    if edit.op != "replace":
        return 0
    return keys_credit(text_keys(edit.source_text), text_keys(edit.copy_text))


def keys_credit(source: Sequence[str], copy: Sequence[str]) -> int:
    """``fuzzy_credit`` of a replace edit from the ``text_keys`` of its two sides."""
    if fuzz.ratio("".join(source), "".join(copy)) >= _FUZZY_WORDS:
        return len(copy)  # scores count the quote's words
    return 0


def is_content(word: str) -> bool:
    return word not in STOPWORDS and len(word) > 1


def meaning_change(edit: Edit, source_text: str = "", copy_text: str = "") -> str | None:
    """``number``, ``negation`` or ``name`` when an edit changes what the words assert, else None.

    ``source_text`` / ``copy_text`` (the full texts) let names be told from
    capitalised sentence starts; without them every capitalised word counts.
    """
    # the words' normalised forms, as ``tokenize`` gives them, without making tokens of (or caching) a snippet
    sw = list(map(normalise_word, WORD_RE.findall(edit.source_text)))
    cw = list(map(normalise_word, WORD_RE.findall(edit.copy_text)))
    s_nums = {norm_key(w) for w in sw if norm_key(w)[:1].isdigit()}
    c_nums = {norm_key(w) for w in cw if norm_key(w)[:1].isdigit()}
    if s_nums != c_nums and (s_nums or c_nums):
        return "number"
    s_neg = any(w in NEGATIONS or w.endswith("n't") for w in sw)
    c_neg = any(w in NEGATIONS or w.endswith("n't") for w in cw)
    if s_neg != c_neg:
        return "negation"
    s_names = _names(edit.source_text, edit.source_span.start, source_text)
    c_names = _names(edit.copy_text, edit.copy_span.start, copy_text)
    if s_names and c_names and s_names != c_names:
        return "name"
    return None


def _names(piece: str, offset: int, full: str) -> frozenset[str]:
    out = set()
    for m in WORD_RE.finditer(piece):  # the words ``tokenize`` finds
        word = m.group()
        if not word[:1].isupper():
            continue
        norm = normalise_word(word)
        if norm in STOPWORDS:
            continue
        if full:
            before = full[max(0, offset + m.start() - 4) : offset + m.start()].rstrip(" \"'“‘")
            if not before or before[-1] in ".!?\n:":
                continue  # a capital that only starts a sentence
        out.add(norm)
    return frozenset(out)


_RUN_LENGTH = itemgetter(2)  # of a (i, j, n) cell of matching_blocks
_SEP = "\0"  # joins normalised words (letters and digits) for a substring search


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Match]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``, the same blocks found faster.

    A verbatim quote (``b`` a run of ``a``) is one substring search: difflib's
    longest match is then all of ``b`` at its first place in ``a``. Otherwise
    difflib's recursion runs on a list of the cells where ``a[i] == b[j]``, each
    with the length of the common run ending there, made once: difflib rescans
    every word of ``a`` for each sub-range, and a source window is mostly words
    the quote lacks.
    """
    if b and len(b) <= len(a):
        hay = _SEP + _SEP.join(a) + _SEP
        at = hay.find(_SEP + _SEP.join(b) + _SEP)
        if at >= 0:
            return [Match(hay.count(_SEP, 0, at), 0, len(b)), Match(len(a), len(b), 0)]
    b2j: dict[str, list[int]] = {}
    for j, x in enumerate(b):
        b2j.setdefault(x, []).append(j)
    cells = []  # (i, j, n): a[i] == b[j], ending a common run of n words; in (i, j) order, difflib's scan order
    run: dict[int, int] = {}
    prev = -2
    for i in compress(range(len(a)), map(b2j.__contains__, a)):  # the words of ``a`` that ``b`` has, found in C
        js = b2j[a[i]]
        last: dict[int, int] = run if i == prev + 1 else {}
        get = last.get
        prev, run = i, {}
        for j in js:
            run[j] = n = get(j - 1, 0) + 1
            cells.append((i, j, n))
    if not cells:  # no word in common: difflib finds only its closing block
        return [Match(len(a), len(b), 0)]
    rows = [c[0] for c in cells]

    def longest(alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
        """difflib's find_longest_match (no junk): the longest run, the first in ``a``, then in ``b``."""
        if cells and not alo and not blo and ahi == len(a) and bhi == len(b):
            # The whole of both (the first call): no run is cut, so the first of the longest runs wins.
            i, j, n = max(cells, key=_RUN_LENGTH)
            return i - n + 1, j - n + 1, n
        besti, bestj, bestsize = alo, blo, 0
        for i, j, n in cells[bisect_left(rows, alo) : bisect_left(rows, ahi)]:
            if blo <= j < bhi:
                k = min(n, i - alo + 1, j - blo + 1)  # the run cut at the range's start
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
        return besti, bestj, bestsize

    # From here on, difflib's get_matching_blocks as written.
    queue = [(0, len(a), 0, len(b))]
    found = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = block = longest(alo, ahi, blo, bhi)
        if k:
            found.append(block)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    found.sort()
    i1 = j1 = k1 = 0
    out = []
    for i2, j2, k2 in found:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                out.append(Match(i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        out.append(Match(i1, j1, k1))
    out.append(Match(len(a), len(b), 0))
    return out
