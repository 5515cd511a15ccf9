"""The words of an article as the spelling checks see them: shape, position and context.

Both spelling checks need the same facts about each word: where it is in the
original text, whether it is capitalised, whether it opens a sentence (where
capitals say nothing about names), and whether it sits in a context where
dictionary spelling does not apply (a URL, an e-mail, a @handle or #hashtag, a
censored word like "f**k", a word with digits, part of a hyphenated compound).
This module computes those facts once; it never decides what is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dedup.model import Article, Span
from dedup.segment import split_sentences
from dedup.text import WORD_RE

__all__ = ["Shape", "WordUse", "scan_words", "strip_possessive"]

Shape = Literal["lower", "title", "upper", "mixed", "other"]

# A whitespace-delimited chunk with one of these is machine text (URL, e-mail, handle, markup, censoring).
_MACHINE_RE = re.compile(r"[@#/\\=<>*_|~^{}\[\]]|www\.|https?:|\.[^\W\d_]", re.I)
# Letters outside ASCII in the chunk: a foreign word, or mojibake ("GuantÃ¡namo") that splits words.
_ODD_RE = re.compile(r"[^\x00-\x7f‘’“”–—…\u00a0\u2010\u2011\u2032\u2033]")
_QUOTES_AROUND = "\"'“”‘’«»()[]{}.,;:!?…"
_ELIDED_START = frozenset(["til", "em", "cause", "cos", "bout", "round", "n", "twas", "tis", "ol"])
_POSSESSIVE_RE = re.compile(r"['’ʼ]s$", re.I)


@dataclass(frozen=True, slots=True)
class WordUse:
    """One word of an article with the context the spelling checks need.

    ``word`` is the original characters; ``bare`` the word with a possessive
    ("Putin's" -> "Putin") dropped and apostrophes straightened; ``span``
    covers ``bare`` in the original text, so a finding never includes the "'s".
    """

    span: Span
    word: str
    bare: str
    shape: Shape
    initial: bool  # first word of a sentence (or of a paragraph, a headline)
    hyphenated: bool  # part of a compound written with hyphens ("once-macho", "anti-Putin")
    machine: bool  # inside a URL, e-mail, handle, hashtag, markup or censored word
    odd: bool  # beside letters outside ASCII in the same chunk (foreign word, mojibake), or a word broken by "-"
    elided: bool  # a letter dropped for an apostrophe: "lyin'", "'til", "goin'"
    has_digit: bool
    excluded: bool  # inside Article.excluded (site furniture, scraper residue)


def strip_possessive(word: str) -> str:
    """``Putin's`` -> ``Putin``; apostrophes straightened; other words unchanged."""
    word = word.replace("’", "'").replace("ʼ", "'")
    return _POSSESSIVE_RE.sub("", word) if len(word) > 3 else word


def _shape(word: str) -> Shape:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 and sum(c.isalpha() for c in word) > 1 else "title"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return "mixed" if any(c.isalpha() for c in word) else "other"


_CHUNK_RE = re.compile(r"\S+")
_DIGIT_RE = re.compile(r"\d")
_HYPHENS = frozenset("-‐‑")
_APOSTROPHES = frozenset("'’")


def _chunk_flags(chunk: str) -> tuple[bool, bool]:
    """(machine, odd) for a whitespace-delimited run, surrounding quotes and punctuation ignored."""
    core = chunk.strip(_QUOTES_AROUND)
    return bool(_MACHINE_RE.search(core)), bool(_ODD_RE.search(core))


def scan_words(article: Article) -> tuple[WordUse, ...]:
    """Every word of the article, in order, with its shape and context."""
    text = article.text
    sentence_starts = sorted({span.start for span, _ in split_sentences(text)})
    chunks = _CHUNK_RE.finditer(text)
    chunk_end, flags = -1, (False, False)
    out: list[WordUse] = []
    si = 0
    seen_in_sentence = False
    for m in WORD_RE.finditer(text):
        start, end = m.start(), m.end()
        while si < len(sentence_starts) and sentence_starts[si] <= start:
            si += 1
            seen_in_sentence = False
        initial = not seen_in_sentence
        seen_in_sentence = True
        while chunk_end < end:  # words never span whitespace, so each lies in one chunk
            c = next(chunks)
            chunk_end, flags = c.end(), _chunk_flags(c.group())
        word = m.group()
        bare = strip_possessive(word)
        span = Span(start, start + len(bare))
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        # "suc- ceed", "delib- erately": a word broken across a line by a hyphen
        broken = (text[start - 2 : start] in ("- ", "-\n") and start > 2 and text[start - 3].isalpha()) or (
            text[end : end + 2] in ("- ", "-\n") and end + 2 < len(text) and text[end + 2].islower()
        )
        elided = (after in _APOSTROPHES and word.endswith("in") and not text[end + 1 : end + 2].isalpha()) or (
            before in _APOSTROPHES and (start < 2 or not text[start - 2].isalnum()) and word.lower() in _ELIDED_START
        )
        out.append(
            WordUse(
                span=span,
                word=word,
                bare=bare,
                shape=_shape(bare),
                initial=initial,
                hyphenated=before in _HYPHENS or after in _HYPHENS,
                machine=before == "." or flags[0],  # ".gmobile", "example.com"
                odd=broken or flags[1],
                elided=elided,
                has_digit=_DIGIT_RE.search(word) is not None,
                excluded=bool(article.excluded) and article.is_excluded(span),
            )
        )
    return tuple(out)
