"""Which words of a shared run are names: a shared name is a shared subject, not shared wording.

Two sentences sharing "Dr. Ana Ruiz said" share a speaker; alignment must not
count that as evidence that one was copied from the other. A short run counts
as a lifted phrase only inside quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Opcode

from dedup.model import Span, Token
from dedup.segment import ABBREVIATIONS
from dedup.similarity import STOPWORDS

__all__ = ["evidence", "is_name", "quoted"]

_QUOTE_MARKS = "\"'“”‘’«»„‹›"


def quoted(text: str, span: Span) -> bool:
    """True when ``span`` sits right inside quotation marks, or starts and ends with them."""
    before = text[max(0, span.start - 2) : span.start + 1]
    after = text[max(span.start, span.end - 1) : span.end + 3]
    return any(q in before for q in _QUOTE_MARKS) and any(q in after for q in _QUOTE_MARKS)


def is_name(text: str, token: Token) -> bool:
    """A capitalised word that does not open a sentence, line or quote: most likely a name.

    A title ("Dr"), a word after a title ("Dr. Ana") and a word after a quote's closing
    comma ('...," Dr. Ana Ruiz said') are names too: no sentence starts there.
    """
    if not text[token.start].isupper():
        return False
    if token.norm in ABBREVIATIONS:
        return True
    before = text[max(0, token.start - 8) : token.start].rstrip()
    if not before:
        return False
    if before.endswith((',"', ",”", ",'", ",’")):
        return True
    if before.endswith(".") and before[:-1].split()[-1:] and before[:-1].split()[-1].lower() in ABBREVIATIONS:
        return True
    return before[-1] not in ".!?:;\"'“‘«—–-\n([" and not before[-1].isdigit()


def evidence(blocks: list[Opcode], tokens: Sequence[Token], text: str, enough: int) -> int:
    """How many shared content words are ordinary words, not names, in the copy (counted up to ``enough``)."""
    plain = 0
    for op in blocks:
        for t in tokens[op.dest_start : op.dest_end]:
            if t.norm not in STOPWORDS and not (text[t.start].isupper() and is_name(text, t)):
                plain += 1
                if plain >= enough:
                    return plain
    return plain
