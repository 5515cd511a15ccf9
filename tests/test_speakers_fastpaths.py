"""The speaker rules' fast paths give what the plain scans they replace give (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.speakers import _sentence_start, _sentence_start_scan

_PIECES = ["word", "Mr", "U.S", "A", "said", ".", "..", "!", "?", "…", ",", " ", "  ", "\n", "\u201d", '"', ")", "]", "'"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=50), st.data())
def test_sentence_start_from_the_right_equals_the_scan(pieces, data):
    text = "".join(pieces)
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    assert _sentence_start(text, lo, hi) == _sentence_start_scan(text, lo, hi)
