"""Tokens keep original offsets; normalisation folds spellings that mean the same word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.segment import split_sentences
from dedup.text import WORD_RE, content_hash, normalise_word, tokenize, tokenize_spans


def test_tokens_index_the_original_text():
    text = "“Kiev’s” mobilisation – in St. Petersburg!"
    toks = tokenize(text)
    assert [text[t.start : t.end] for t in toks] == ["Kiev’s", "mobilisation", "in", "St", "Petersburg"]
    assert [t.norm for t in toks] == ["kiev's", "mobilization", "in", "st", "petersburg"]


def test_house_style_and_spelling_variants_fold_together():
    assert normalise_word("Kiev") == normalise_word("Kyiv")
    assert normalise_word("czar") == normalise_word("Tsar")
    assert normalise_word("realise") == normalise_word("realize")
    assert normalise_word("Zürich") == "zurich"
    assert normalise_word("poorly") != normalise_word("badly")


def test_content_hash_is_stable_and_discriminating():
    assert content_hash("a b") == content_hash("a b")
    assert content_hash("a b") != content_hash("a  b")
    assert len(content_hash("x")) == 16


def test_sentences_survive_news_abbreviations():
    text = 'Gov. Newsom met Lt. Col. J. Smith in the U.S. capital. Prof. Jones said "no." Dr Who left.\nNew para.'
    sents = [s.of(text) for s, _ in split_sentences(text)]
    assert sents == [
        "Gov. Newsom met Lt. Col. J. Smith in the U.S. capital.",
        'Prof. Jones said "no."',
        "Dr Who left.",
        "New para.",
    ]
    assert [p for _, p in split_sentences(text)] == [0, 0, 0, 1]


def test_sentence_spans_are_exact_with_non_ascii():
    text = "Zoë said “oh”. Then 😀 left — fast.  Done."
    for span, _ in split_sentences(text):
        assert span.of(text) == span.of(text).strip()
    assert [s.of(text) for s, _ in split_sentences(text)][-1] == "Done."


def test_hard_wrapped_text_keeps_sentences_across_line_breaks():
    text = (
        "The council voted on Tuesday to close the old\nlibrary, despite protests from\nresidents who "
        "had campaigned\nfor months.\n\nA spokesman said the building\nwould be sold. Funds will go to\n"
        "the new centre.\n"
    )
    sents = [(s.of(text), p) for s, p in split_sentences(text)]
    assert [s.replace("\n", " ") for s, _ in sents] == [
        "The council voted on Tuesday to close the old library, despite protests from residents who had "
        "campaigned for months.",
        "A spokesman said the building would be sold.",
        "Funds will go to the new centre.",
    ]
    assert [p for _, p in sents] == [0, 1, 1]


def test_one_paragraph_per_line_is_not_hard_wrapped():
    text = "First paragraph ends here.\nSecond one too.\nA third.\nAnd a fourth.\n"
    assert [p for _, p in split_sentences(text)] == [0, 1, 2, 3]


@given(st.text(alphabet=st.sampled_from(list("ab’'_ -.\n\u00e9Z9")), max_size=60), st.data())
@settings(max_examples=300, deadline=None)
def test_cached_tokens_equal_a_fresh_regex_pass_on_any_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(m.start(), m.end(), normalise_word(m.group())) for m in WORD_RE.finditer(text, start, end)]
    assert [(t.start, t.end, t.norm) for t in tokenize(text, start, end)] == expected
    assert [(t.start, t.end, t.norm) for t in tokenize(text)] == [
        (m.start(), m.end(), normalise_word(m.group())) for m in WORD_RE.finditer(text)
    ]


@given(st.text(alphabet=st.sampled_from(list("ab’'_ -.\n\u00e9Z9")), max_size=60), st.data())
@settings(max_examples=300, deadline=None)
def test_words_of_many_spans_from_one_pass_equal_each_span_on_its_own(text, data):
    """``tokenize_spans`` slices the whole text's words; a word crossing a span's edge must still be cut there."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False)) + data.draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted).map(tuple), max_size=4))
    got = tokenize_spans(text, spans)
    assert [[(t.start, t.end, t.norm) for t in words] for words in got] == [
        [(m.start(), m.end(), normalise_word(m.group())) for m in WORD_RE.finditer(text, s, e)] for s, e in spans
    ]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
@settings(max_examples=300, deadline=None)
def test_ascii_text_takes_the_ascii_pattern_to_the_same_words(text):
    """ASCII text is split with ``[A-Za-z0-9]`` instead of ``[^\\W_]``: the words must not change."""
    assert [(t.start, t.end, t.norm) for t in tokenize(text)] == [
        (m.start(), m.end(), normalise_word(m.group())) for m in WORD_RE.finditer(text)
    ]


@given(st.text(alphabet=st.sampled_from(list("ab’'_ -.\n\u00e9Z9")), max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_spans_past_either_end_are_clamped_as_finditer_clamps_them(text, data):
    spans = data.draw(st.lists(st.tuples(st.integers(-5, len(text) + 5), st.integers(-5, len(text) + 5)), max_size=6))
    assert [[(t.start, t.end, t.norm) for t in words] for words in tokenize_spans(text, spans)] == [
        [(m.start(), m.end(), normalise_word(m.group())) for m in WORD_RE.finditer(text, s, e)] for s, e in spans
    ]


def test_a_change_of_house_aliases_reaches_every_table_of_normalised_words():
    """Tokens and shingle hashes of a word already seen follow the new alias table, and the old one after."""
    from dedup.index.shingle import word_hash
    from dedup.text import set_aliases

    before = (tokenize("Grauniad")[0].norm, word_hash("Grauniad"))  # seen, so remembered by both tables
    set_aliases({"grauniad": "guardian"})
    try:
        assert tokenize("Grauniad")[0].norm == "guardian"
        assert word_hash("Grauniad") == word_hash("guardian") != before[1]
    finally:
        set_aliases({})
    assert (tokenize("Grauniad")[0].norm, word_hash("Grauniad")) == before
