"""Parts of a passage: copied sentences inside a reworded passage keep their own kind for the editor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedup.align import align
from dedup.ingest import read_article
from dedup.model import Article, Match, Span
from dedup.parts import kind_from_parts
from dedup.report.jsonout import match_dict
from dedup.segment import segment

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

SOURCE = (
    "The regional water board voted on Tuesday to raise household tariffs by twelve percent from April. "
    "Officials said the increase was needed to repair ageing pipes that leak a third of the treated supply. "
    "Consumer groups warned that poorer families would struggle to pay the higher monthly bills. "
    "The board promised a hardship fund for pensioners and low-income tenants across the district. "
    "A final decision on the fund will be taken at the next meeting in February."
)
COPY = (
    "Household water bills across the district will climb by twelve percent from April after a Tuesday vote "
    "by the regional board. "
    "According to officials, the rise will pay to fix old pipes which lose one third of the treated supply. "
    '"Poorer families would struggle to pay the higher monthly bills," consumer groups warned. '
    "The board pledged a hardship fund for pensioners and low-income tenants across the district. "
    "It will decide about that fund at its February meeting."
)


def _parts_at(matches: tuple[Match, ...], text: str, words: str) -> list[Match]:
    start = text.index(words)
    span = Span(start, start + len(words))
    return [p for m in matches for p in m.parts if p.copy_span.overlaps(span)]


@pytest.fixture(scope="module")
def hand() -> tuple[Article, Article, tuple[Match, ...]]:
    source, copy = Article("source", SOURCE), Article("copy", COPY)
    return source, copy, align(source, copy, segment(source), segment(copy))


def test_copied_sentences_inside_a_reworded_passage_are_parts_of_their_own_kind(hand):
    source, copy, matches = hand
    assert len(matches) == 1 and matches[0].parts
    verbatim = _parts_at(matches, COPY, "Poorer families would struggle")
    assert [p.kind for p in verbatim] == ["verbatim"]
    assert verbatim[0].copy_span.of(COPY).lstrip('"').startswith("Poorer families")
    assert "warned" not in verbatim[0].copy_span.of(COPY)  # the copy's attribution is not part of it
    near = _parts_at(matches, COPY, "The board pledged")
    assert [p.kind for p in near] == ["near_verbatim"]
    assert [(e.source_text, e.copy_text) for e in near[0].edits] == [("promised", "pledged")]
    assert near[0].source_span.of(SOURCE).startswith("The board promised")
    assert [p.kind for p in _parts_at(matches, COPY, "According to officials, the rise")] == ["paraphrase"]


def test_parts_are_consecutive_inside_their_passage(hand):
    _, _, matches = hand
    for m in matches:
        for a, b in zip(m.parts, m.parts[1:], strict=False):
            assert a.copy_span.end <= b.copy_span.start
            assert (a.kind, b.kind) != ("paraphrase", "paraphrase")  # neighbours of one kind merge
        for p in m.parts:
            assert m.copy_span.contains(p.copy_span) and m.source_span.contains(p.source_span)
            assert not p.parts
            assert p.kind == "near_verbatim" or not p.edits


def test_passage_kind_follows_the_parts_character_share():
    def part(kind: str, start: int, end: int) -> Match:
        return Match(kind, Span(0, 1), Span(start, end), 1.0)  # type: ignore[arg-type]

    assert kind_from_parts([part("paraphrase", 0, 40), part("verbatim", 41, 100)]) == "near_verbatim"
    assert kind_from_parts([part("paraphrase", 0, 60), part("near_verbatim", 61, 100)]) == "paraphrase"


def test_an_all_reworded_passage_has_no_parts():
    source = Article("s", SOURCE)
    copy = Article("c", (
        "From April households will see tariffs go up twelve percent, following Tuesday's decision by the water board. "
        "Officials argue that ageing, leaking pipes, which waste a third of treated supply, need the money. "
        "Bills that high will be hard on poorer families, according to consumer groups."
    ))
    matches = align(source, copy, segment(source), segment(copy))
    assert matches and all(m.kind == "paraphrase" and not m.parts for m in matches)


def test_json_lists_parts_without_nesting(hand):
    _, _, matches = hand
    d = json.loads(json.dumps(match_dict(matches[0])))
    assert [p["kind"] for p in d["parts"]] == [p.kind for p in matches[0].parts]
    assert all("parts" not in p for p in d["parts"])


@pytest.fixture(scope="module")
def seed(expectations):
    source = read_article(str(FIXTURES / expectations["pair"]["source"]))
    copy = read_article(str(FIXTURES / expectations["pair"]["copy"]))
    return source, copy, align(source, copy, segment(source), segment(copy))


def test_seed_verbatim_sentence_is_a_verbatim_part(seed):
    source, copy, matches = seed
    words = "There are nightmare scenarios that he has so far kept locked away"
    parts = _parts_at(matches, copy.text, words)
    assert [p.kind for p in parts] == ["verbatim"]
    assert words in parts[0].copy_span.of(copy.text) and "added" not in parts[0].copy_span.of(copy.text)
    assert words in parts[0].source_span.of(source.text)


def test_seed_near_verbatim_sentence_has_its_edit(seed):
    _, copy, matches = seed
    parts = _parts_at(matches, copy.text, "Battlefield failure reflects badly on Putin personally")
    assert [p.kind for p in parts] == ["near_verbatim"]
    assert ("poorly", "badly") in [(e.source_text, e.copy_text) for e in parts[0].edits]


def test_report_shows_each_part_in_its_own_kind_inside_one_linked_passage(seed):
    from dedup.compare import compare
    from dedup.report.segments import cut_side
    from dedup.report.view import build_view

    source, copy, _ = seed
    c = compare(source, copy)
    segs = [s for para in cut_side(c, "c") for s in para.segments]

    def covering(words: str) -> list:
        start = copy.text.index(words)
        return [s for s in segs if s.start < start + len(words) and s.start + len(s.text) > start and s.m]

    verbatim = covering("There are nightmare scenarios that he has so far kept locked away")
    near = covering("Battlefield failure reflects badly on Putin personally")
    assert verbatim and all("k-verbatim" in s.classes.split() for s in verbatim)
    assert near and all("k-near_verbatim" in s.classes.split() for s in near)
    ref = int(verbatim[0].m)
    assert c.matches[ref].kind != "verbatim"  # the part, not its passage, is verbatim
    # the passage stays one unit: one link into the source for the whole match
    links = [s for s in segs if s.href == f"#s-m{ref}"]
    assert len(links) == 1
    row = build_view(c).passages[ref]
    assert "verbatim" in row.parts
