"""Split an article into sentences with exact spans and paragraph numbers.

sentencex does the splitting (maintained, offsets, pure wheels); a small pass
re-joins the splits it makes after news abbreviations and initials ("Lt. Col.",
"Gov. Newsom", "J. Smith"). Each line of text is a paragraph; sentences never
cross a paragraph break, and sentences inside excluded furniture are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sentencex

from dedup.model import Article, Sentence, Span
from dedup.text import tokenize

__all__ = ["ABBREVIATIONS", "segment", "split_sentences"]

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st rev gen lt col maj capt cpt sgt cmdr adm gov sen rep pres supt insp det
    jr sr messrs mt ft no nos vs v etc approx dept est inc ltd co corp bros jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m p.m""".split()
)
_PARA_RE = re.compile(r"[^\r\n]+")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.\s*$")


def _ends_with_abbreviation(piece: str, following: str) -> bool:
    m = _LAST_WORD.search(piece)
    if not m:
        return False
    word = m.group(1).lower()
    if len(word) == 1 and m.group(1).isupper():  # an initial: "J. Smith"
        return True
    if word not in ABBREVIATIONS:
        return False
    # "in the U.S. The next day" is a real boundary; "U.S. officials" or "Gov. Newsom" is not.
    nxt = following.lstrip()[:1]
    return word not in {"u.s", "u.k", "u.n", "e.u", "etc", "a.m", "p.m"} or (nxt.islower() or nxt.isdigit())


@lru_cache(maxsize=4096)
def _split_paragraph(paragraph: str) -> tuple[tuple[int, int], ...]:
    pieces = [(b["start_index"], b["end_index"]) for b in sentencex.get_sentence_boundaries("en", paragraph)]
    merged: list[list[int]] = []
    for start, end in pieces:
        if merged and _ends_with_abbreviation(paragraph[merged[-1][0] : merged[-1][1]], paragraph[start:end]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    out = []
    for start, end in merged:
        chunk = paragraph[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return tuple(out)


def split_sentences(text: str) -> list[tuple[Span, int]]:
    """``(span, paragraph number)`` for every sentence of ``text``."""
    out = []
    for para_no, m in enumerate(_PARA_RE.finditer(text)):
        if not m.group().strip():
            continue
        for start, end in _split_paragraph(m.group()):
            out.append((Span(m.start() + start, m.start() + end), para_no))
    return out


def segment(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences outside furniture, numbered in order, each with its words."""
    sentences = []
    for span, para in split_sentences(article.text):
        if article.excluded and article.is_excluded(span):
            continue
        tokens = tuple(tokenize(article.text, span.start, span.end))
        if tokens:
            sentences.append(Sentence(len(sentences), span, para, tokens))
    return tuple(sentences)
