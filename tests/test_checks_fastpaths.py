"""The quote checks' fast paths give what the plain loops they replace give (hypothesis)."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.model import Token
from dedup.quote_edits import matching_blocks
from dedup.quote_locate import SENTENCE_END
from dedup.text import tokenize
from dedup.verify import _segments

_PIECES = ["word", "the", "said", ".", "!", "?", ",", " ", "  ", "'", "\u201d", ")", "]", "\n", "I", "it's", "9", "A"]


def _loop_segments(text: str, tokens: list[Token]) -> list[tuple[list[Token], bool]]:
    """``_segments`` with ``split_sentences`` and no gaps, as its general loop reads it."""
    out: list[tuple[list[Token], bool]] = [([], False)]
    for t in tokens:
        run = out[-1][0]
        if len(run) >= 3 and text[run[-1].end : run[-1].end + 1] in ".!?" and SENTENCE_END.match(
            text[run[-1].end : t.start]
        ):
            out.append(([], False))
        out[-1][0].append(t)
    merged: list[tuple[list[Token], bool]] = []
    for run, after_gap in out:
        if merged and not after_gap and len(run) < 3:
            merged[-1][0].extend(run)
        elif run:
            merged.append((run, after_gap))
    return merged


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_sentence_runs_equal_the_loop(pieces):
    text = " ".join(pieces)
    tokens = tokenize(text)
    assert _segments(text, tokens, [], True) == _loop_segments(text, tokens)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from("abcdefg"), max_size=40), st.lists(st.sampled_from("abcdefgh"), max_size=20))
def test_matching_blocks_equal_difflib(a, b):
    want = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    assert matching_blocks(a, b) == want


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["anna", "ban", "a", "", "na", "bana"]), st.lists(st.sampled_from(["a", "n", "na", "b", "ban"]), max_size=8))
def test_best_width_equals_the_max_over_joined_runs(words, near):
    from rapidfuzz import fuzz

    from dedup.quote_locate import _best_width

    for before in (True, False):
        def run(k: int, before: bool = before) -> str:
            return "".join(reversed(near[:k])) if before else "".join(near[:k])

        want = max(range(len(near) + 1), key=lambda k: (fuzz.ratio(run(k), words), -k))
        assert _best_width(words, near, before) == want


_HEDGY = ["I think", "may", "mayor", "could", "if not", "likely", "seems to", ".", ",", " ", "\n", "it is", "in my view",
          "said", "Could", "appears to", "x", "-", "perhaps"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEDGY), max_size=40), st.integers(0, 400), st.integers(0, 400))
def test_may_hedge_never_skips_a_hedge(pieces, a, b):
    from dedup.hedges import find_hedges, hedge_hints, may_hedge

    text = " ".join(pieces) if a % 2 else "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    if not may_hedge(text, hedge_hints(text), start, end):
        assert find_hedges(text, start, end) == ()
