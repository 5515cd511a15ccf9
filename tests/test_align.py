"""Passage alignment on small hand-written cases: what is matched, how it is classed, and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup.align import AlignOptions, align, reuse_fraction
from dedup.lifted import find_runs
from dedup.model import Article, Span
from dedup.passages import Passage, carve
from dedup.segment import segment
from dedup.similarity import compounds_between, content_terms, pair_scores, stem

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "align"


def article(name: str) -> Article:
    return Article(name, (HERE / name).read_text(encoding="utf-8"))


def run(source: Article, copy: Article, **opts):
    return align(source, copy, segment(source), segment(copy), options=AlignOptions(**opts))


def paragraph(a: Article, start_words: str) -> Span:
    start = a.text.index(start_words)
    end = a.text.find("\n", start)
    return Span(start, len(a.text) if end < 0 else end)


def test_identical_articles_are_all_verbatim():
    src = article("source.txt")
    matches = run(src, Article("copy", src.text))
    assert matches and all(m.kind == "verbatim" and m.score == 1.0 for m in matches)
    assert all(m.source_span == m.copy_span for m in matches)
    assert reuse_fraction(Article("copy", src.text), matches) > 0.98


def test_unrelated_articles_have_no_match():
    src, other = article("source.txt"), article("unrelated.txt")
    assert run(src, other) == ()
    assert reuse_fraction(other, ()) == 0.0


def test_reordered_paragraphs_each_link_to_their_own_source():
    # The second half of the source comes first in the copy: two passages, each verbatim.
    src, copy = article("source.txt"), article("reordered.txt")
    matches = run(src, copy)
    assert len(matches) == 2
    for first_words in ("The mayor promised", "Local traders said", "The city council voted", "Engineers warned"):
        c, s = paragraph(copy, first_words), paragraph(src, first_words)
        linked = [m for m in matches if m.copy_span.overlaps(c)]
        assert len(linked) == 1 and linked[0].source_span.overlaps(s), first_words
        assert linked[0].kind == "verbatim"


def test_own_sentence_between_copied_ones_is_not_claimed():
    src = article("source.txt")
    paras = [p for p in src.text.split("\n\n") if p.strip()]
    own = "A spokesman for the rail operator said that weekend trains would run normally."
    copy = Article("c", "\n".join([paras[0].strip(), own, own.replace("weekend", "evening"), paras[1].strip()]))
    matches = run(src, copy)
    assert matches
    assert not any(m.copy_span.overlaps(paragraph(copy, "A spokesman")) for m in matches)


def test_lifted_clause_gets_the_clause_offsets_not_the_sentence():
    src, copy = article("source.txt"), article("lifted.txt")
    (m,) = run(src, copy)
    lifted = "force several small firms along the waterfront out of business"
    assert m.copy_span.of(copy.text) == lifted
    assert m.source_span.of(src.text) == lifted
    assert m.kind == "verbatim"


def test_near_verbatim_has_word_edits_in_original_offsets():
    src, copy = article("source.txt"), article("edited.txt")
    matches = run(src, copy)
    (m,) = matches
    assert m.kind == "near_verbatim" and 0.7 <= m.score < 1.0
    changes = {(e.source_text, e.copy_text) for e in m.edits}
    assert changes == {("close", "shut"), ("engineers", "inspectors")}
    for e in m.edits:
        assert e.source_span.of(src.text) == e.source_text and e.copy_span.of(copy.text) == e.copy_text
    # the rail sentence is the copy's own
    assert not m.copy_span.overlaps(paragraph(copy, "A spokesman"))


def test_curly_quotes_spelling_and_aliases_are_still_verbatim():
    src, copy = article("curly_source.txt"), article("curly_copy.txt")
    (m,) = run(src, copy)
    assert m.kind == "verbatim" and m.edits == ()
    # a whole-sentence match covers the sentence, quotation marks and full stop included
    assert m.copy_span.of(copy.text) == copy.text.strip()
    assert m.source_span.of(src.text) == src.text.strip()


def test_article_shorter_than_a_sentence():
    src, short = article("source.txt"), article("short.txt")
    assert run(src, short) == ()
    assert run(short, src) == ()
    empty = Article("empty", "")
    assert align(src, empty, segment(src), ()) == ()
    assert reuse_fraction(empty, ()) == 0.0


def test_shared_topic_words_alone_are_not_reuse():
    src = Article("s", "The bridge council mayor discussed the harbour lorries on Tuesday with engineers.")
    copy = Article("c", "Harbour lorries are a problem, the mayor of the council said about the bridge.")
    assert run(src, copy) == ()


def test_matches_are_sorted_and_do_not_overlap_in_the_copy():
    src, copy = article("source.txt"), article("reordered.txt")
    matches = run(src, copy)
    spans = [m.copy_span for m in matches]
    assert spans == sorted(spans)
    assert all(not a.overlaps(b) for a, b in zip(spans, spans[1:], strict=False))


def test_reuse_fraction_ignores_excluded_furniture():
    src = article("source.txt")
    text = src.text + "\nREAD MORE STORIES LIKE THIS ONE\n"
    furniture = Span(len(src.text) + 1, len(text) - 1)
    copy = Article("c", text, excluded=(furniture,))
    matches = run(src, copy)
    assert not any(m.copy_span.overlaps(furniture) for m in matches)
    assert reuse_fraction(copy, matches) > 0.98


def test_find_runs_needs_content_words():
    words = "in the face of the storm the harbour bridge closed".split()
    copy = "we stood in the face of the wind".split()
    assert find_runs(words, copy, min_words=4, min_content=2) == []
    copy2 = "they said the harbour bridge closed today".split()
    (r,) = find_runs(words, copy2, min_words=4, min_content=2)
    assert words[r.source_start : r.source_start + r.length] == copy2[r.copy_start : r.copy_start + r.length]
    assert r.length == 4


@pytest.mark.parametrize(("a", "b"), [("demanding", "demand"), ("supplies", "supply"), ("attacks", "attack")])
def test_stem_folds_inflections(a, b):
    assert stem(a) == stem(b)


def test_pair_scores_weigh_rare_words():
    copy = [content_terms("harbour bridge cracks found".split())]
    source = [content_terms("harbour bridge cracks found".split()), content_terms("harbour news today".split())]
    scores = pair_scores(copy, source)
    assert scores.cosine[0, 0] == pytest.approx(1.0)
    assert scores.cosine[0, 1] < 0.5 and scores.shared[0, 1] == 1


def test_compound_spelled_as_two_words_matches_one_word():
    two, one = "the nord stream gas pipeline".split(), "the nordstream gas pipeline".split()
    joins = compounds_between(set(two), set(one))
    assert joins == {"nordstream"}
    assert content_terms(two, joins) == content_terms(one)
    assert compounds_between(set(one), set(two)) == frozenset()


def test_carve_splits_close_copying_from_rewording():
    p = Passage(10, 14, 100, 106, 0.5)
    # copy sentences 10-11 copied closely from 100-101, 12 reworded beyond recognition, 13-14 close to 105-106
    pieces = carve(p, [100, 101, -1, 105, 106], [True, True, False, True, True])
    assert [(q.c0, q.c1, q.s0, q.s1) for q in pieces] == [(10, 11, 100, 101), (12, 12, 102, 104), (13, 14, 105, 106)]
    assert carve(p, [100, 101, 102, 103, 104], [True] * 5) == [p]
    # a reworded stretch with no room left in the source between its neighbours is the copy's own
    pieces = carve(Passage(0, 2, 0, 1), [0, -1, 1], [True, False, True])
    assert [(q.c0, q.c1) for q in pieces] == [(0, 0), (2, 2)]


def test_carve_option_gives_each_kind_its_own_match():
    src = article("source.txt")
    paras = [p.strip() for p in src.text.split("\n\n") if p.strip()]
    reworded = "Experts cautioned the structure might collapse in half a decade without a major cash injection."
    copy = Article("c", "\n".join([paras[0], reworded, paras[2]]))
    (whole,) = run(src, copy)  # by default one reuse, one match
    assert whole.kind == "near_verbatim"
    carved = run(src, copy, carve=True)
    assert [m.kind for m in carved] == ["verbatim", "verbatim"]
    assert [m.copy_span.of(copy.text) for m in carved] == [paras[0], paras[2]]


def test_one_source_passage_is_not_the_rewording_of_several_copy_passages():
    from dedup.align import _one_rewording_per_source
    from dedup.model import Match

    best = Match("paraphrase", Span(0, 100), Span(0, 90), 0.6)
    echo = Match("paraphrase", Span(10, 100), Span(500, 590), 0.4)
    repeat = Match("verbatim", Span(0, 100), Span(900, 1000), 1.0)
    elsewhere = Match("paraphrase", Span(300, 400), Span(200, 290), 0.35)
    kept = _one_rewording_per_source([best, echo, repeat, elsewhere])
    # word-for-word repeats stand; rewordings of a source passage already claimed do not
    assert set(kept) == {repeat, elsewhere}
    assert set(_one_rewording_per_source([best, echo, elsewhere])) == {best, elsewhere}


def test_a_summary_of_a_long_source_is_one_match():
    import random

    rng = random.Random(5)
    vocab = [w for w in (HERE / "unrelated.txt").read_text(encoding="utf-8").lower().split() if w.isalpha()]
    vocab += [w for w in (HERE / "source.txt").read_text(encoding="utf-8").lower().split() if w.isalpha()]
    vocab = sorted(set(vocab))
    sentences = [" ".join(rng.sample(vocab, 14)).capitalize() + "." for _ in range(15)]
    source = Article("s", "\n".join(sentences))
    # the copy condenses sentences 1, 7 and 13 into a three-sentence paragraph of its own
    picks = [" ".join(sentences[k].rstrip(".").split()[:9]) + "." for k in (1, 7, 13)]
    copy = Article("c", "Intro line of the copy about nothing else.\n" + " ".join(picks))
    (summary,) = run(source, copy)
    assert summary.source_span.of(source.text).startswith(sentences[1])
    # ... through the words taken from sentence 13 (the rest of it, not taken, is trimmed)
    assert summary.source_span.of(source.text).endswith(picks[2].rstrip("."))
    # without the summary rule the sentences taken apart from each other stay fragments
    assert not any(m.source_span.contains(summary.source_span) for m in run(source, copy, summary_ratio=0))


def test_a_rewording_that_swaps_neighbouring_stretches_is_one_reuse():
    source = Article("s", (
        "The regional water board voted on Tuesday to raise household tariffs by twelve percent from April. "
        "Officials said the increase was needed to repair ageing pipes that leak a third of the treated supply. "
        "Consumer groups warned that poorer families would struggle to pay the higher monthly bills. "
        "The board promised a hardship fund for pensioners and low-income tenants across the district. "
        "A final decision on the fund will be taken at the next meeting in February."
    ))
    copy = Article("c", (
        "Poorer families will find the higher monthly bills hard to pay, consumer groups fear. "
        "Pensioners and low-income tenants in the district are promised a hardship fund by the board. "
        "Household tariffs will rise by twelve percent from April after the regional water board voted on Tuesday. "
        "Officials said the increase is needed to repair ageing pipes which leak a third of the treated supply. "
    ))
    matches = run(source, copy)
    assert len(matches) == 1
    m = matches[0]
    assert m.copy_span.of(copy.text).startswith("Poorer") and m.copy_span.of(copy.text).endswith("supply.")
    # its parts still link each stretch to its own place in the source
    first = next(p for p in m.parts if p.copy_span.of(copy.text).startswith("the regional water board voted"))
    assert first.kind == "verbatim" and first.source_span.of(source.text).startswith("The regional water board")
