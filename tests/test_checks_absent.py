"""check_quotes' shortcuts for quotes absent from the source give what the plain path gives.

``FAST_ABSENT`` scores a quote from the word opcodes before making its edits (and
calls a quote sharing no word with the source absent without locating it); the
replaced words' keys are sliced from the token keys where ``SourceWords.plain``
says the text holds just those tokens. Each is compared with the plain path here.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dedup.verify as verify
from dedup.model import Article, Quote, Span
from dedup.quote_edits import text_keys
from dedup.quote_locate import SourceWords
from dedup.quotes import extract_quotes
from dedup.segment import segment
from dedup.verify import check_quotes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _fixture_texts() -> list[Article]:
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*/*.txt"))
    return [Article(str(p), p.read_text(encoding="utf-8")) for p in paths]


def _both_ways(source: Article, copy: Article, quotes=None, monkeypatch=None) -> None:
    ss, cs = segment(source), segment(copy)
    cq = extract_quotes(copy) if quotes is None else quotes
    sq = extract_quotes(source)
    kwargs = dict(source_sentences=ss, copy_sentences=cs, source_speakers=["Jane Smith"])
    out = []
    for fast in (True, False):
        monkeypatch.setattr(verify, "FAST_ABSENT", fast)
        out.append([check_quotes(source, copy, cq, sq, related=r, **kwargs) for r in (True, False)])
    assert out[0] == out[1]


def test_fixture_pairs_score_alike(monkeypatch):
    arts = _fixture_texts()
    for source, copy in itertools.permutations(arts, 2):
        _both_ways(source, copy, monkeypatch=monkeypatch)


_WORDS = ["the", "said", "Nord", "Stream", "Nordstream", "nine", "9", "not", "per", "cent", "percent", "Kiev",
          "Kyiv", "pipeline", "pipe", "don't", "it's", "Smith", "will", "never", "agree", "agreed", "colour", "colors"]
_MARKS = [" ", " ", " ", " ", ", ", ". ", "... ", " [sic] ", " [the] ", "\n\n", "’", "'", " - "]
# a copy's re-spellings: the same words ("nine" / "9", "percent" / "per cent") and close ones ("agree" / "agreed")
_RESPELT = {"nine": "9", "9": "nine", "percent": "per cent", "Nordstream": "Nord Stream", "agree": "agreed",
            "agreed": "agree", "colour": "colors", "pipe": "pipeline", "Kiev": "Kyiv", "never": "not"}


def _join(words: list[str], marks: list[str]) -> str:
    return "".join(w + m for w, m in zip(words, marks, strict=False)).strip()


@st.composite
def _pair(draw) -> tuple[str, str, tuple[Span, ...]]:
    """A source in paragraphs, some of them furniture (excluded), and a copy that re-spells, drops and adds
    some of its words."""
    source, copy_words, excluded = "", [], []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25))
        marks = draw(st.lists(st.sampled_from(_MARKS), min_size=len(words), max_size=len(words)))
        para = _join(words, marks)
        if draw(st.integers(0, 3)) == 0:
            excluded.append(Span(len(source), len(source) + len(para)))
        source += para + draw(st.sampled_from(["\n\n", ".\n\n", "’\n\n", " ’s\n\n", "\n\n’"]))
        acts = draw(st.lists(st.sampled_from("kkkkrrrdi"), min_size=len(words), max_size=len(words)))
        for w, act in zip(words, acts, strict=True):
            if act == "r":
                copy_words.append(_RESPELT.get(w, w))
            elif act == "i":
                copy_words += [w, draw(st.sampled_from(_WORDS))]
            elif act == "k":
                copy_words.append(w)
    copy_marks = _MARKS if draw(st.booleans()) else [m for m in _MARKS if "[" not in m]
    copy = _join(copy_words, draw(st.lists(st.sampled_from(copy_marks), min_size=len(copy_words),
                                           max_size=len(copy_words))))
    return source, copy, tuple(excluded)


@settings(max_examples=400, deadline=None)
@given(_pair(), st.lists(st.tuples(st.integers(0, 600), st.integers(10, 300)), max_size=10))
def test_made_up_quotes_score_alike(pair, cuts):
    source_text, copy_text, excluded = pair
    source, copy = Article("s", source_text, excluded=excluded), Article("c", copy_text)
    quotes = tuple(Quote(Span(a, min(len(copy_text), a + n)), speaker="Jane Smith" if n % 2 else None)
                   for a, n in cuts if a < len(copy_text))
    with pytest.MonkeyPatch.context() as mp:
        _both_ways(source, copy, quotes, mp)


def _assert_plain_means_same_words(words: SourceWords) -> None:
    n = len(words.tokens)
    rng = random.Random(n)
    ranges = [(a, b) for a in range(n) for b in range(a + 1, min(n, a + 6) + 1)]
    ranges += [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(200)] if n > 1 else []
    for a, b in ranges:
        if b > a and words.plain(a, b):
            text = words.text[words.tokens[a].start : words.tokens[b - 1].end]
            assert text_keys(text) == list(words.keys[a:b]), (a, b, text)


def test_plain_ranges_of_fixtures_hold_just_their_tokens():
    for art in _fixture_texts():
        _assert_plain_means_same_words(SourceWords.of(art, segment(art)))
        _assert_plain_means_same_words(SourceWords.of(art))


@settings(max_examples=300, deadline=None)
@given(_pair())
def test_plain_ranges_hold_just_their_tokens(pair):
    text, _, excluded = pair
    art = Article("s", text, excluded=excluded)
    _assert_plain_means_same_words(SourceWords.of(art, segment(art)))
    _assert_plain_means_same_words(SourceWords.of(art))


_FILLER = "zz yy xx ww vv uu tt ss rr qq pp oo nn mm "


def test_bracketed_words_inside_a_replacement_count(monkeypatch):
    # "9 [really] per cent" holds "nine percent" re-spelt and a bracket: runs break at the bracket, so the
    # words of a replacement are never read across it
    source = Article("s", "They wrote alpha beta gamma nine percent delta epsilon today.")
    text = f"“{_FILLER}alpha beta gamma 9 [really] per cent delta epsilon {_FILLER}”"
    copy = Article("c", text)
    _both_ways(source, copy, (Quote(Span(1, len(text) - 1), speaker="Jane Smith"),), monkeypatch)


def test_furniture_inside_a_replacement_counts(monkeypatch):
    # the source's "nine ... percent" runs across an excluded paragraph, whose words its text holds
    head = "They wrote alpha beta gamma nine\n\n"
    furniture = "Most read: foo bar baz"
    body = head + furniture + "\n\npercent delta epsilon today."
    source = Article("s", body, excluded=(Span(len(head), len(head) + len(furniture)),))
    text = f"“{_FILLER}alpha beta gamma 9 per cent delta epsilon {_FILLER}”"
    copy = Article("c", text)
    _both_ways(source, copy, (Quote(Span(1, len(text) - 1), speaker="Jane Smith"),), monkeypatch)


@settings(max_examples=300, deadline=None)
@given(_pair(), st.booleans())
def test_runs_split_the_quote_words_in_order(pair, split_sentences):
    # _check_quote slices each run's keys from the quote's: the runs must be its words, in order, all of them
    from dedup.verify import _quote_tokens, _segments

    _, text, _ = pair
    tokens, gaps = _quote_tokens(text, Span(0, len(text)))
    runs = _segments(text, tokens, gaps, split_sentences)
    assert [t for run, _ in runs for t in run] == list(tokens)
