"""The speaker rules' fast paths give what the plain scans they replace give (hypothesis)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup import quotes, speaker_names
from dedup.model import Span
from dedup.quotes import _LABEL_CUES, ends_with_label_cue
from dedup.segment import ABBREVIATIONS
from dedup.speaker_names import NameResolver
from dedup.speaker_tokens import Words, tokens
from dedup.speakers import _LAST_WORD, _SENT_END, _after_abbreviation, _sentence_start
from dedup.speakers_lexicon import CUES


def _after_abbreviation_search(text: str, lo: int, m: re.Match[str]) -> bool:
    """``_after_abbreviation`` by the search alone: the plain version."""
    word = _LAST_WORD.search(text[max(lo, m.start() - 20) : m.end()])
    return word is not None and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1)


def _sentence_start_scan(text: str, lo: int, hi: int) -> int:
    """``_sentence_start`` by a left-to-right scan: the plain version."""
    for m in reversed(list(_SENT_END.finditer(text, lo, hi))):  # the last end that is no abbreviation's
        if not _after_abbreviation_search(text, lo, m):
            return m.end()
    return lo


def _marks_every_paragraph(text: str, paras: list[tuple[int, int]], single: bool, pattern: re.Pattern[str] | None = None
                           ) -> list[tuple[int, list[int]]]:
    """``quotes._marks_by_paragraph`` the plain way: a regex pass per paragraph."""
    pattern = pattern or (quotes._SINGLE_RE if single else quotes._DOUBLE_RE)
    return [(k, [m.start() for m in pattern.finditer(text, s, e)]) for k, (s, e) in enumerate(paras)]

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


_QUOTE_PIECES = ["a", "Putin", "s", "9", "_", " ", "\n", ",", ".", "'", "''", "\u2019", "\u2018", "\u201c", "\u201d", '"', "\u2039",
                 "\u203a", "(", "-"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=40))
def test_quotes_without_in_word_apostrophes_equal_the_plain_marks(pieces):
    text = "".join(pieces)
    fast = quotes.find_quote_spans(text)
    plain_re = re.compile(f"[{re.escape(quotes.SINGLE_MARKS)}](?<!'.)(?!')")  # every single mark
    paras = list(quotes._paragraphs(text, ()))

    def every_mark(text: str, paras: list[tuple[int, int]], single: bool) -> list[tuple[int, list[int]]]:
        return _marks_every_paragraph(text, paras, single, plain_re if single else None)

    assert quotes._find_quote_spans(text, paras, every_mark) == fast


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=40))
def test_marks_found_by_str_find_equal_the_patterns(pieces):
    text = "".join(pieces)
    assert quotes._mark_starts(text, False) == [m.start() for m in quotes._DOUBLE_RE.finditer(text)]
    assert quotes._mark_starts(text, True) == [m.start() for m in quotes._SINGLE_RE.finditer(text)]


_PARA_PIECES = [*_QUOTE_PIECES, "\n", "\n", "\r\n", "\n\n", " \n", "word", "said"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PARA_PIECES), max_size=60), st.data())
def test_marks_found_in_one_pass_pair_as_per_paragraph(pieces, data):
    text = "".join(pieces)
    lines = [m.span() for m in re.finditer(r"[^\r\n]+", text)]
    dropped = data.draw(st.sets(st.sampled_from(lines))) if lines else set()
    excluded = tuple(Span(s, e) for s, e in dropped)  # furniture lines, left out of the paragraphs
    paras = list(quotes._paragraphs(text, excluded))
    fast = quotes._find_quote_spans(text, paras, quotes._marks_by_paragraph)
    assert fast == quotes._find_quote_spans(text, paras, _marks_every_paragraph)
    assert quotes._marks_by_paragraph(text, paras, False) == [
        (k, m) for k, m in _marks_every_paragraph(text, paras, False) if m
    ]


_WORDS = ["Dr", "messrs", "Approx", "J", "x", "9", "İ", "U.S", "_", "longerword", "said", "", "(", "a.m"]
_ENDS = [".", "..", "!", ".!", "?", "…", ",", "", ")"]
_GAPS = [" ", "  ", "\n", "\t", "\u00a0", "\u201d ", "'\n", ""]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_ENDS), st.sampled_from(_GAPS)), max_size=12), st.data())
def test_abbreviation_read_directly_equals_the_search(parts, data):
    text = "".join(w + e + g for w, e, g in parts)
    lo = data.draw(st.integers(0, len(text)))
    for m in _SENT_END.finditer(text, lo):
        assert _after_abbreviation(text, lo, m) == _after_abbreviation_search(text, lo, m), (text, lo, m)


_CAP_PIECES = ["Dr", "Mr", "A", "B", "Smith", "de", "la", "x", "’s", "'", "-", ".", " ", "  ", "\n", "O'Brien", "_", "9", "é"]
_CAP_RUN_PLAIN = re.compile(r"([A-Z](?:(?:[\w’'\-]*|[a-z]{0,3}\.)\s+[A-Z]){0,3}[\w’'\-]+)")  # no possessives


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_CAP_PIECES), max_size=40))
def test_capitalised_runs_with_possessives_equal_the_plain_pattern(pieces):
    text = "".join(pieces)
    assert speaker_names._CAP_RUN_SPLIT.split(text) == _CAP_RUN_PLAIN.split(text)


_CHECK_310 = r"""
import re, sys
import dedup.model, dedup.speakers_lexicon
real = sys.version_info
sys.version_info = (3, 10, 13, "final", 0)
import dedup.speaker_names
sys.version_info = real
needs_311 = re.compile(r"(?<!\\)(?:[*+?}]\+|\(\?>)")
for value in vars(dedup.speaker_names).values():
    if isinstance(value, re.Pattern) and needs_311.search(value.pattern):
        print(value.pattern[:80])
"""


def test_speaker_names_patterns_fall_back_to_what_python_3_10_can_parse():
    run = subprocess.run([sys.executable, "-c", _CHECK_310], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "", f"3.11-only regex syntax compiled on 3.10: {run.stdout}"


_RUN_PIECES = ["said", "Said", "SAID", "told", "asked", "x", "re", "-", "'", "\u2019", ".", "2", "1990s", " ", ",", "(",
               "_", "Mr.", "U.S.", "\u201c", "é", "0", "9", "5"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=30))
def test_runs_in_with_joiners_as_zeros_equals_a_split_into_ascii_runs(pieces):
    text = "".join(pieces)
    plain = [m.start() for m in re.finditer("[A-Za-z]+", text) if m.group().lower() in CUES]
    assert Words(text).runs_in(CUES) == plain


_TOKEN_PIECES = ["said", "it", "Mr", "Dr", "A", "x", ".", "’", "'", "s", "-", "_", "9", "é", "ñ", " ", "\n", ",", "“", "U",
                 "K", "co", "İ"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=40))
def test_split_with_a_plain_word_branch_gives_the_tokens_of_the_token_pattern(pieces):
    text = "".join(pieces)
    words = Words(text)
    plain = tokens(text, 0, len(text))
    assert list(zip(words.starts, words.ends, words.texts, strict=True)) == [t[:3] for t in plain]


_HEAD_PIECES = ["ambassador", "Ambassador", "AMBASSADOR", "the", "s", "ſ", "\u212a", "ı", "İ", "é", " ", "-", "x", "’", "K"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_PIECES), max_size=30), st.sampled_from(["ambassador", "s", "k", "i", "the", "x-s"]),
       st.data())
def test_a_role_word_missing_from_its_places_is_missing_from_the_search(pieces, head, data):
    text = "".join(pieces)
    places = NameResolver(Words(text), None, []).head_places(head)
    pattern = re.compile(r"\b" + re.escape(head) + r"\b", re.I)
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    if places is not None and not [p for p in places if lo <= p <= hi - len(head)]:
        assert pattern.search(text, lo, hi) is None
