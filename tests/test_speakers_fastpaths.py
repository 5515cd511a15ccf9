"""The speaker rules' fast paths give what the plain scans they replace give (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.quotes import _LABEL_CUES, ends_with_label_cue
from dedup.speakers import _sentence_start, _sentence_start_scan

_PIECES = ["word", "Mr", "U.S", "A", "said", ".", "..", "!", "?", "…", ",", " ", "  ", "\n", "\u201d", '"', ")", "]", "'"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=50), st.data())
def test_sentence_start_from_the_right_equals_the_scan(pieces, data):
    text = "".join(pieces)
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    assert _sentence_start(text, lo, hi) == _sentence_start_scan(text, lo, hi)


_LEFT_PIECES = ["so-called", "described", "known", "referred", "to", "as", "AS", "an", "the", "Their", "dubbed",
                "labeled", "labelled", "of", "x", "alias", "-", "_", " ", "  ", "\n", "\t", ",", "\u017f", "\u212a", "é"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_LEFT_PIECES), max_size=25))
def test_label_cue_read_backwards_equals_the_search(pieces):
    left = "".join(pieces)
    assert ends_with_label_cue(left) == bool(_LABEL_CUES.search(left))
