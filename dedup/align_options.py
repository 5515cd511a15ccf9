"""The thresholds of passage alignment, and how many units a text makes (what its cost grows with).

Kept apart from ``dedup.align`` so callers that only size or configure an
alignment (``compare``'s length limit, ``config``) need not read the algorithm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dedup.model import Sentence

__all__ = ["AlignOptions", "pieces", "unit_count"]


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """The thresholds of alignment, all in [0, 1] unless they count words or sentences.

    Seeding: a sentence pair is a seed when it shares ``min_shared`` content
    terms and either ``cosine >= seed_cosine`` and ``dice >= seed_dice``
    (PAN 2014 winners used 0.33/0.33), or, for a short sentence inside a
    longer one, ``containment >= seed_contain`` with one more shared term.
    An exact run of ``run_words`` words with ``run_content`` content words
    is a seed too.

    Extension: seeds at most ``max_gap`` sentences apart on both sides form one
    passage if the passage's cosine stays ``>= passage_cosine``; neighbours with
    ``cosine >= weak_cosine`` and ``weak_shared`` shared terms join it.

    Trimming and classes: unmatched edges of ``trim_words`` or more words are
    cut off; ``near_verbatim`` needs a word similarity (Indel ratio on
    normalised words) ``>= near_verbatim``; identical words are ``verbatim``.

    Evidence: a match needs ``min_shared`` shared content words that are not
    names; one shorter than ``paraphrase_chars`` needs ``phrase_words`` of
    them, or ``run_content`` inside quotation marks. A reworded single
    sentence needs a cosine of ``lone_paraphrase`` (0: no extra bar).

    Units: a sentence longer than ``unit_words`` words (a list, unpunctuated
    text) is aligned in pieces. ``order_slack``: how far back the source may
    step, or how many more sentences the copy may insert, inside one passage.
    ``summary_ratio``: neighbouring passages covering that many times more
    source than copy text merge into one summary (0 turns it off).
    ``extend`` grows passages by weakly similar neighbours.

    ``carve`` (off by default) splits a passage into its near-verbatim and
    reworded stretches: finer for reading, but one reuse then counts as
    several (PAN granularity 1.03 -> 1.41 on the sample).
    """

    seed_cosine: float = 0.30
    seed_dice: float = 0.30
    seed_contain: float = 0.60
    min_shared: int = 3
    run_words: int = 4
    run_content: int = 3
    max_gap: int = 3
    passage_cosine: float = 0.30
    weak_cosine: float = 0.15
    weak_shared: int = 2
    trim_words: int = 3
    near_verbatim: float = 0.70
    extend: bool = True
    unit_words: int = 60
    paraphrase_chars: int = 120
    lone_paraphrase: float = 0.0
    phrase_words: int = 4
    order_slack: int = 1
    carve: bool = False
    summary_ratio: float = 3.0


def pieces(words: int, max_words: int) -> int:
    """How many alignment units a sentence of ``words`` words is cut into."""
    return max(1, -(-words // max_words))


def unit_count(sentences: Sequence[Sentence], options: AlignOptions | None = None) -> int:
    """How many alignment units ``sentences`` make: what the score matrices' size grows with."""
    max_words = (options or AlignOptions()).unit_words
    return sum(pieces(len(s.tokens), max_words) for s in sentences)
