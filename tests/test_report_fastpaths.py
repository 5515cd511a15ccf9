"""The report's shortcuts give what the plain ways gave (paragraph splitting, ``clean``, cached escaping)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from dedup.report.panels import esc
from dedup.report.segments import clean, paragraph_spans

_NL = r"(?:\r\n|\r|\n)"
_BLANK_LINE = re.compile(_NL + r"[ \t\f\v]*" + _NL)
_SPLIT_BLANK = re.compile(_NL + r"[ \t\f\v]*" + _NL + r"\s*")
_SPLIT_LINE = re.compile(_NL + r"\s*")


def reference_paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``paragraph_spans`` as it was written first: split by regex, strip each chunk."""
    sep = _SPLIT_BLANK if _BLANK_LINE.search(text.strip()) else _SPLIT_LINE
    bounds, pos = [], 0
    for m in sep.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    spans = []
    for s, e in bounds:
        chunk = text[s:e].lstrip()
        core = len(chunk.rstrip())
        if core:
            start = e - len(chunk)
            spans.append((start, start + core))
    return spans


_CHARS = st.sampled_from(["a", "b", " ", "\n", "\n", "\t", "\v", "\f", "\r", "\xa0", "\u2028", "\x85", "\x1c", "é"])


@given(st.lists(_CHARS, max_size=30).map("".join))
def test_paragraph_spans_match_the_plain_split(text):
    assert paragraph_spans(text) == reference_paragraph_spans(text)


def test_paragraph_spans_of_the_usual_shapes():
    for text in ("One.\nTwo.\n\n", "  One.\n\n Two\nthree. \n", "One.\r\nTwo.", "One.\n \nTwo.", "\n\n", ""):
        assert paragraph_spans(text) == reference_paragraph_spans(text), repr(text)


@given(st.text(alphabet=st.sampled_from(["a", "\x00", "\ud800", "\udfff", "é", "’", " "]), max_size=12))
def test_clean_replaces_nul_and_lone_surrogates_only(text):
    assert clean(text) == re.sub(r"[\x00\ud800-\udfff]", "\ufffd", text)


def test_cached_escape_keeps_markup_and_text_apart():
    assert esc("<b>&") == escape("<b>&")
    assert esc(Markup("<b>")) == "<b>"
    assert esc("<b>") == "&lt;b&gt;"  # not the Markup's cached result
