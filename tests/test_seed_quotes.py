"""The seed pair's quotes and attribution (EXPECTATIONS.md sections 2, 3 and 5), read from expectations.json."""

from __future__ import annotations

import pytest

from dedup.attribution import ATTRIBUTION_KINDS
from dedup.compare import compare
from dedup.ingest import read_article
from dedup.model import Span


@pytest.fixture(scope="module")
def seed(seed_paths):
    source, copy = read_article(seed_paths["source"]), read_article(seed_paths["copy"])
    return copy.text, compare(source, copy)


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_quote_verdicts(seed, expectations):
    text, cmp = seed
    right, wrong = 0, []
    for item in expectations["quotes"]:
        target = _span(text, item["copy"])
        got = [c.verdict for c in cmp.quotes if c.quote.span.overlaps(target)]
        if got and got[0] == item["verdict"]:
            right += 1
        else:
            wrong.append((item["copy"], item["verdict"], got))
    assert right >= 13, f"{right}/14 right; wrong: {wrong}"


def test_altered_quotes_carry_the_word_diff(seed):
    text, cmp = seed
    target = _span(text, "Battlefield failure reflects badly")
    check = next(c for c in cmp.quotes if c.quote.span.overlaps(target))
    assert [(e.source_text, e.copy_text) for e in check.edits] == [("poorly", "badly")]


@pytest.mark.parametrize("kind,words", [("venue", "Prof Galeotti told the MailOnline"), ("venue", "he tells the Mail")])
def test_venue_drifts(seed, kind, words):
    text, cmp = seed
    target = _span(text, words)
    assert [f for f in cmp.findings if f.kind == "venue_drift" and f.span.overlaps(target)]


def test_speaker_change(seed):
    text, cmp = seed
    target = _span(text, "Russian warriors, who he recalled saying")
    assert [f for f in cmp.findings if f.kind == "speaker_changed" and f.span.overlaps(target)]


@pytest.mark.parametrize(
    "words", ["demonstrates how desperate", "The attack on the Nord Stream gas pipe was a warning"]
)
def test_dropped_hedges(seed, words):
    text, cmp = seed
    target = _span(text, words)
    assert [f for f in cmp.findings if f.kind == "hedge_dropped" and f.span.overlaps(target)]


def test_invented_quote_is_an_error(seed):
    text, cmp = seed
    target = _span(text, "largely bluster")
    assert [f.severity for f in cmp.findings if f.kind == "quote_not_in_source" and f.span.overlaps(target)] == [
        "error"
    ]


def test_no_false_speaker_change_for_a_misspelt_name(seed):
    text, cmp = seed
    # "Galleotti said" is the same person as the source's writer, Mark Galeotti.
    target = _span(text, "Galleotti said")
    assert not [f for f in cmp.findings if f.kind == "speaker_changed" and f.span.overlaps(target)]


@pytest.mark.parametrize("which", ["source", "copy"])
def test_negative_pairs_claim_no_quotes(seed_paths, which):
    cmp = compare(read_article(seed_paths[which]), read_article(seed_paths["other"]))
    assert {c.verdict for c in cmp.quotes} <= {"not_in_source"}
    assert not [f for f in cmp.findings if f.kind in ATTRIBUTION_KINDS]
