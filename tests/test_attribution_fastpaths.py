"""The attribution checks' shortcuts give what the plain loops they replace give (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.hedges import hedge_hints
from dedup.model import Article
from dedup.segment import segment
from dedup.uncredited import _before, _find_wire_credits, _wire_credits

_PIECES = ["Word", "the", "said", ".", "\n\n", "\n", " ", "(AP)", "Reuters", "may", "I think", "Smith", ",", "?"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_before_equals_the_scan_of_every_earlier_sentence(pieces):
    sents = segment(Article("c", " ".join(pieces)))
    for i, sent in enumerate(sents):
        same = [j for j in range(i - 1, -1, -1) if sents[j].paragraph == sent.paragraph]
        prev = [j for j in range(i - 1, -1, -1) if sents[j].paragraph == sent.paragraph - 1][:1]
        assert _before(sents, i) == same + prev


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_remembered_per_text_as_computed(pieces):
    from dedup.hedge_check import _HINTS

    text = " ".join(pieces)
    for _ in range(2):
        assert _wire_credits[text] == _find_wire_credits(text)
        assert _HINTS[text] == hedge_hints(text)
