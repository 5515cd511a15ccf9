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


def _tokenize_meaning_change(edit, source_text: str = "", copy_text: str = ""):
    """``meaning_change`` as it read the words, through ``tokenize`` (the reference)."""
    from dedup.quote_edits import NEGATIONS, STOPWORDS, norm_key
    from dedup.text import tokenize

    def names(piece: str, offset: int, full: str) -> frozenset[str]:
        out = set()
        for t in tokenize(piece):
            word = piece[t.start : t.end]
            if not word[:1].isupper() or t.norm in STOPWORDS:
                continue
            if full:
                before = full[max(0, offset + t.start - 4) : offset + t.start].rstrip(" \"'“‘")
                if not before or before[-1] in ".!?\n:":
                    continue
            out.add(t.norm)
        return frozenset(out)

    sw = [t.norm for t in tokenize(edit.source_text)]
    cw = [t.norm for t in tokenize(edit.copy_text)]
    s_nums = {norm_key(w) for w in sw if norm_key(w)[:1].isdigit()}
    c_nums = {norm_key(w) for w in cw if norm_key(w)[:1].isdigit()}
    if s_nums != c_nums and (s_nums or c_nums):
        return "number"
    if any(w in NEGATIONS or w.endswith("n't") for w in sw) != any(w in NEGATIONS or w.endswith("n't") for w in cw):
        return "negation"
    s_names = names(edit.source_text, edit.source_span.start, source_text)
    c_names = names(edit.copy_text, edit.copy_span.start, copy_text)
    if s_names and c_names and s_names != c_names:
        return "name"
    return None


_EDIT_WORDS = ["Putin", "Kiev", "Kyiv", "nine", "9", "don't", "not", "The", "said", "Mr", "Smith", "’s", ". ", ": ",
               " ", "\n", "Élysée", "ÉLYSÉE", "colour", "half", "0.5"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EDIT_WORDS), max_size=12), st.lists(st.sampled_from(_EDIT_WORDS), max_size=12),
       st.integers(0, 20), st.integers(0, 20))
def test_meaning_change_reads_the_words_tokenize_reads(a, b, pa, pb):
    from dedup.model import Edit, Span
    from dedup.quote_edits import meaning_change

    s_piece, c_piece = " ".join(a), " ".join(b)
    source_text = "x. " * 10 + s_piece + " y" * 5
    copy_text = "Z: " * 10 + c_piece
    s0, c0 = 30, 30
    edit = Edit("replace", Span(s0, s0 + len(s_piece)), Span(c0, c0 + len(c_piece)), s_piece, c_piece)
    for texts in (("", ""), (source_text, copy_text)):
        assert meaning_change(edit, *texts) == _tokenize_meaning_change(edit, *texts)
