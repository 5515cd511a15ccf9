"""Word-level differences between a source passage and its copy, in original offsets.

The diff runs on the tokens' normalised forms, so what differs only by case,
curly/straight apostrophes, diacritics, UK/US spelling or a house-style alias
(Kiev/Kyiv) is never an edit. The words are aligned by a longest common
subsequence (rapidfuzz's Indel opcodes, compiled: alignment diffs every
near-verbatim passage and must stay within milliseconds); deletions and
insertions between the same two shared blocks are one ``replace``. The
reference, difflib's ``SequenceMatcher`` with ``autojunk=False`` (its default
treats words frequent in a long passage, "the", as junk and misaligns around
them), is kept in ``reference_opcodes`` and the tests check one against the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from operator import attrgetter

from rapidfuzz.distance import Indel

from dedup.model import Edit, Span, Token

__all__ = ["Opcode", "edits_of", "word_diff", "tokens_span", "opcodes", "reference_opcodes"]

Opcode = tuple[str, int, int, int, int]
_NORM = attrgetter("norm")


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes from a longest common subsequence of two word lists."""
    out: list[Opcode] = []
    i = j = 0
    for op in Indel.opcodes(a, b):
        if op.tag != "equal":
            continue
        if op.src_start > i or op.dest_start > j:
            out.append(_gap(i, op.src_start, j, op.dest_start))
        out.append(("equal", op.src_start, op.src_end, op.dest_start, op.dest_end))
        i, j = op.src_end, op.dest_end
    if i < len(a) or j < len(b):
        out.append(_gap(i, len(a), j, len(b)))
    return out


def _gap(i1: int, i2: int, j1: int, j2: int) -> Opcode:
    tag = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
    return (tag, i1, i2, j1, j2)


def reference_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """The slow reference: difflib without autojunk."""
    return [tuple(op) for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]  # type: ignore[misc]


def tokens_span(tokens: Sequence[Token], i: int, j: int, *, at: int = 0) -> Span:
    """The original span of ``tokens[i:j]``; an empty span at the gap's position when ``i == j``.

    For an empty range the gap sits right after the previous token (or at the
    next token's start, or ``at`` when there are no tokens at all).
    """
    if j > i:
        return Span(tokens[i].start, tokens[j - 1].end)
    if i > 0:
        pos = tokens[i - 1].end
    elif tokens:
        pos = tokens[0].start
    else:
        pos = at
    return Span(pos, pos)


def word_diff(
    source_text: str,
    source_tokens: Sequence[Token],
    copy_text: str,
    copy_tokens: Sequence[Token],
) -> tuple[Edit, ...]:
    """The edits that turn the source words into the copy words, spans into the original texts.

    ``source_tokens`` and ``copy_tokens`` are the words of the two passages
    (from ``dedup.text.tokenize``); punctuation between words is not compared.
    """
    ops = opcodes(list(map(_NORM, source_tokens)), list(map(_NORM, copy_tokens)))
    return edits_of(ops, source_text, source_tokens, copy_text, copy_tokens)


def edits_of(
    ops: Sequence[Opcode], source_text: str, source_tokens: Sequence[Token], copy_text: str, copy_tokens: Sequence[Token]
) -> tuple[Edit, ...]:
    """``word_diff``'s edits from its ``opcodes`` (a caller that reads the opcodes first makes edits only if needed)."""
    edits = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        s_span = tokens_span(source_tokens, i1, i2)
        c_span = tokens_span(copy_tokens, j1, j2)
        edits.append(
            Edit(
                op=op,  # type: ignore[arg-type]  # difflib ops are replace/delete/insert here
                source_span=s_span,
                copy_span=c_span,
                source_text=s_span.of(source_text),
                copy_text=c_span.of(copy_text),
            )
        )
    return tuple(edits)
