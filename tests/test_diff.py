"""word_diff: edits on normalised words, spans into the original texts."""

from __future__ import annotations

from dedup.diff import word_diff
from dedup.model import Span
from dedup.text import tokenize


def diff(a: str, b: str):
    return word_diff(a, tokenize(a), b, tokenize(b))


def test_identical_text_has_no_edits():
    assert diff("He is still a rational actor.", "He is still a rational actor.") == ()


def test_normalisation_differences_are_not_edits():
    a = "The Tsar’s mobilisation in Kiev"
    b = "the tsar's MOBILIZATION in Kyiv"
    assert diff(a, b) == ()


def test_punctuation_alone_is_not_an_edit():
    assert diff("anger, self-preservation, and pressure", "anger self-preservation and pressure") == ()


def test_replace_has_both_spans_in_original_offsets():
    a = "He is still a rational actor so far. But anger could change this."
    b = "He is still a rational actor, for now. But anger could alter this."
    edits = diff(a, b)
    assert [(e.op, e.source_text, e.copy_text) for e in edits] == [
        ("replace", "so far", "for now"),
        ("replace", "change", "alter"),
    ]
    for e in edits:
        assert e.source_span.of(a) == e.source_text
        assert e.copy_span.of(b) == e.copy_text


def test_insert_and_delete_mark_the_gap_with_an_empty_span():
    a = "cornered like the rat he once chased as a boy"
    b = "cornered like the rat he once famously chased as a boy"
    (ins,) = diff(a, b)
    assert ins.op == "insert" and ins.copy_text == "famously"
    assert len(ins.source_span) == 0 and ins.source_span.start == a.index("once") + len("once")
    (dele,) = diff(b, a)
    assert dele.op == "delete" and dele.source_text == "famously" and len(dele.copy_span) == 0


def test_frequent_words_are_not_treated_as_junk():
    # With autojunk, difflib ignores words that fill over 1 % of a 200+ word input.
    filler = " ".join(["the cat sat on the mat"] * 40)
    a = filler + " and the dog barked"
    b = filler + " and the dog growled"
    (edit,) = diff(a, b)
    assert (edit.source_text, edit.copy_text) == ("barked", "growled")


def test_offsets_into_a_passage_inside_a_larger_text():
    text = "Intro words. The Russian army was sloppy."
    copy = "The Russian army was incompetent."
    start = text.index("The")
    edits = word_diff(text, tokenize(text, start), copy, tokenize(copy))
    assert edits[0].source_span == Span(text.index("sloppy"), text.index("sloppy") + 6)


def test_empty_sides():
    assert diff("", "") == ()
    (edit,) = diff("", "new words")
    assert edit.op == "insert" and edit.source_span == Span(0, 0)


def test_fast_opcodes_agree_with_the_difflib_reference():
    import random

    from dedup.diff import opcodes, reference_opcodes

    rng = random.Random(3)
    vocab = "the a war putin said army kyiv bluff shift rat".split()
    for _ in range(300):
        a = [rng.choice(vocab) for _ in range(rng.randrange(0, 25))]
        b = list(a)
        for _ in range(rng.randrange(0, 5)):
            k = rng.randrange(3)
            if k == 0 and b:
                del b[rng.randrange(len(b))]
            elif k == 1:
                b.insert(rng.randrange(len(b) + 1), rng.choice(vocab))
            elif b:
                b[rng.randrange(len(b))] = rng.choice(vocab)
        fast, ref = opcodes(a, b), reference_opcodes(a, b)

        def kept(ops):
            return sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")

        # an LCS keeps at least as many words as difflib's greedy blocks, and both rebuild b from a
        assert kept(fast) >= kept(ref)
        for ops in (fast, ref):
            rebuilt = []
            for tag, i1, i2, j1, j2 in ops:
                rebuilt.extend(a[i1:i2] if tag == "equal" else b[j1:j2])
            assert rebuilt == b
