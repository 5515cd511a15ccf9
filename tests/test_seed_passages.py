"""The seed pair of EXPECTATIONS.md sections 1 and 5: what the copy took, and what it did not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup.align import align, reuse_fraction
from dedup.ingest import read_article
from dedup.model import Article, Match, Span
from dedup.segment import segment

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load(name: str) -> Article:
    return read_article(str(FIXTURES / name))


def matches_of(source: Article, copy: Article) -> tuple[Match, ...]:
    return align(source, copy, segment(source), segment(copy))


def span_of(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span(start, start + len(text))


@pytest.fixture(scope="module")
def seed(expectations):
    source, copy = load(expectations["pair"]["source"]), load(expectations["pair"]["copy"])
    return source, copy, matches_of(source, copy)


def test_derived_passages_link_to_their_source(seed, expectations):
    source, copy, matches = seed
    linked = []
    for item in expectations["derived"]:
        c, s = span_of(copy, item["copy"]), span_of(source, item["source"])
        if any(m.copy_span.overlaps(c) and m.source_span.overlaps(s) for m in matches):
            linked.append(item["copy"])
    assert len(linked) >= 18, f"{len(linked)} of {len(expectations['derived'])} linked"


def test_own_reporting_is_not_matched(seed, expectations):
    _, copy, matches = seed
    for text in expectations["not_derived"]:
        c = span_of(copy, text)
        assert not any(m.copy_span.overlaps(c) for m in matches), text


def test_seed_matches_index_the_original_texts(seed):
    source, copy, matches = seed
    for m in matches:
        assert 0 <= m.copy_span.start < m.copy_span.end <= len(copy.text)
        assert 0 <= m.source_span.start < m.source_span.end <= len(source.text)
        assert not m.copy_span.of(copy.text)[0].isspace() and not m.copy_span.of(copy.text)[-1].isspace()
        assert 0.0 <= m.score <= 1.0
        for e in m.edits:
            assert e.copy_span.of(copy.text) == e.copy_text and e.source_span.of(source.text) == e.source_text


def test_negative_pairs_share_no_wording(expectations):
    for pair in expectations["negative_pairs"]:
        source, copy = load(pair["source"]), load(pair["copy"])
        matches = matches_of(source, copy)
        assert not [m for m in matches if m.kind in ("verbatim", "near_verbatim")], pair
        assert reuse_fraction(copy, matches) < 0.05, pair
