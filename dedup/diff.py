"""Word-level differences between a source passage and its copy, in original offsets.

The diff runs on the tokens' normalised forms, so what differs only by case,
curly/straight apostrophes, diacritics, UK/US spelling or a house-style alias
(Kiev/Kyiv) is never an edit. difflib's ``SequenceMatcher`` is used with
``autojunk=False``: its default treats words frequent in a long passage ("the")
as junk and then misaligns around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from dedup.model import Edit, Span, Token

__all__ = ["word_diff", "tokens_span"]


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
    a = [t.norm for t in source_tokens]
    b = [t.norm for t in copy_tokens]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
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
