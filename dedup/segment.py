"""Split an article into sentences with exact spans and paragraph numbers.

sentencex does the splitting (maintained, offsets, pure wheels); a small pass
re-joins the splits it makes after news abbreviations and initials ("Lt. Col.",
"Gov. Newsom", "J. Smith"). Each line of text is a paragraph; sentences never
cross a paragraph break, and sentences inside excluded furniture are dropped.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

import sentencex

from dedup.model import Article, Sentence, Span
from dedup.text import tokenize_spans

__all__ = ["ABBREVIATIONS", "is_hard_wrapped", "segment", "split_sentences"]

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st rev gen lt col maj capt cpt sgt cmdr adm gov sen rep pres supt insp det
    jr sr messrs mt ft no nos vs v etc approx dept est inc ltd co corp bros jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m p.m""".split()
)
_PARA_RE = re.compile(r"[^\r\n]+")
_WORD_CHARS = frozenset(string.ascii_letters + ".")


def _last_word(piece: str) -> str:
    r"""The word before a closing full stop ("Col" of "Lt. Col. "), or "": what
    ``([A-Za-z][A-Za-z.]*)\.\s*$`` finds, without that search's pass over the whole piece."""
    r = piece.rstrip()  # the same whitespace as the regex's \s
    if not r.endswith("."):
        return ""
    end = i = len(r) - 1
    while i and r[i - 1] in _WORD_CHARS:
        i -= 1
    while i < end and r[i] == ".":
        i += 1
    return r[i:end]


def _ends_with_abbreviation(piece: str, following: str) -> bool:
    last = _last_word(piece)
    if not last:
        return False
    word = last.lower()
    if len(word) == 1 and last.isupper():  # an initial: "J. Smith"
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


_LINE_RE = re.compile(r"[^\r\n]*(?:\r?\n|\r|$)")
_CLOSING = frozenset(".!?:;\"'”’)]")


def _open_line_end(line: str) -> bool:
    r"""True when the line's last visible character closes nothing (``[^.!?:;"'”’)\]\s]\s*$``)."""
    r = line.rstrip()
    return bool(r) and r[-1] not in _CLOSING


_CONTINUES = re.compile(r"[ \t]*[a-z0-9(,;]")


def is_hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width, whose lines mostly stop mid-sentence.

    News feeds usually put one paragraph on a line; wrapped text (e-mail, PAN
    corpora, plain-text wires) puts a paragraph on several lines and marks
    paragraphs with blank lines, if at all.
    """
    lines = [ln for ln in text[:200_000].splitlines() if ln.strip()]
    if len(lines) < 4:
        return False
    return sum(1 for ln in lines if _open_line_end(ln)) > 0.5 * len(lines)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """``(offset, text)`` of each paragraph, line breaks inside a paragraph read as spaces
    (same length, so offsets stay true).

    A line is a paragraph, except that a line stopping mid-sentence continues into a
    next line starting in lower case; in hard-wrapped text only blank lines part paragraphs.
    """
    wrapped = is_hard_wrapped(text)
    paras: list[list[int]] = []  # [start, end] of each paragraph
    joinable = False
    for m in _LINE_RE.finditer(text):
        line = m.group().rstrip("\r\n")
        if not line.strip():
            joinable = False
            if m.end() == len(text):
                break
            continue
        if joinable and (wrapped or _CONTINUES.match(line)):
            paras[-1][1] = m.start() + len(line)
        else:
            paras.append([m.start(), m.start() + len(line)])
        joinable = _open_line_end(line) or wrapped
        if m.end() == len(text):
            break
    return [(a, text[a:b].replace("\r", " ").replace("\n", " ")) for a, b in paras]


def split_sentences(text: str) -> list[tuple[Span, int]]:
    """``(span, paragraph number)`` for every sentence of ``text``."""
    out = []
    for para_no, (offset, para) in enumerate(_paragraphs(text)):
        if not para.strip():
            continue
        for start, end in _split_paragraph(para):
            out.append((Span(offset + start, offset + end), para_no))
    return out


def segment(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences outside furniture, numbered in order, each with its words."""
    text = article.text
    kept = [
        (span, para) for span, para in split_sentences(text) if not (article.excluded and article.is_excluded(span))
    ]
    words = tokenize_spans(text, [(span.start, span.end) for span, _ in kept])
    sentences: list[Sentence] = []
    for (span, para), tokens in zip(kept, words, strict=True):
        if tokens:
            sentences.append(Sentence(len(sentences), span, para, tokens))
    return tuple(sentences)
