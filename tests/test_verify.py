"""Quote verification: verbatim after normalisation, altered with the word diff, absent; legit editing is not alteration."""

from __future__ import annotations

import pytest

from dedup.ingest import article_from_text
from dedup.model import Quote, Span
from dedup.verify import check_quotes, meaning_change

SOURCE = (
    "By Dana Whitfield\n\n"
    "The council approved the flood plan on Tuesday. \u201cWe will not abandon the families of Kiev Road, "
    "and our mobilisation of volunteers is going well,\u201d Mayor Ellen Okafor said.\n\n"
    "\u201cThe barrier reflects poorly on the last administration, which protected 12,000 homes and "
    "then stopped,\u201d she added. \u201cI have asked Sarah Lin to lead the review.\u201d\n\n"
    "Councillor Raj Patel said the costs were likely to rise, and that the scheme would finish him off politically.\n"
)


def _article(text: str, path: str = "copy.txt"):
    return article_from_text(text, path)


def _quote(text: str, words: str, speaker: str | None = None, scare: bool = False) -> Quote:
    start = text.index(words)
    return Quote(Span(start, start + len(words)), speaker=speaker, scare=scare)


def _check(copy_text: str, words: str, speaker: str | None = "Ellen Okafor", related: bool = True):
    source, copy = _article(SOURCE, "source.txt"), _article(copy_text)
    checks = check_quotes(
        source, copy, [_quote(copy_text, words, speaker)], (), source_speakers=["Ellen Okafor"], related=related
    )
    return checks[0] if checks else None, source, copy


def test_verbatim_after_normalisation():
    # Curly vs straight, case at the start, UK/US spelling and Kiev/Kyiv are the same words.
    text = 'Okafor said: "we will not abandon the families of Kyiv Road, and our mobilization of volunteers is going well."'
    check, source, _ = _check(
        text, "we will not abandon the families of Kyiv Road, and our mobilization of volunteers is going well."
    )
    assert check.verdict == "verbatim"
    assert "abandon the families of Kiev Road" in check.source_span.of(source.text)


def test_word_swap_is_altered_with_the_diff():
    text = '"The barrier reflects badly on the last administration," she added.'
    check, _, _ = _check(text, "The barrier reflects badly on the last administration,")
    assert check.verdict == "altered"
    assert [(e.source_text, e.copy_text) for e in check.edits] == [("poorly", "badly")]
    assert meaning_change(check.edits[0]) is None


def test_changed_number_is_meaning_bearing_however_close():
    text = 'She said: "The barrier reflects poorly on the last administration, which protected 21,000 homes and then stopped."'
    check, source, copy = _check(
        text, "The barrier reflects poorly on the last administration, which protected 21,000 homes and then stopped."
    )
    assert check.verdict == "altered" and check.score > 0.9
    assert {meaning_change(e, source.text, copy.text) for e in check.edits} == {"number"}


def test_number_words_digits_and_joined_words_are_house_style():
    source = _article('"Nine of the 40 pumps failed, and the Nord Stream link was cut," she said.', "source.txt")
    text = '"9 of the forty pumps failed, and the Nordstream link was cut," she said.'
    copy = _article(text)
    checks = check_quotes(
        source,
        copy,
        [_quote(text, "9 of the forty pumps failed, and the Nordstream link was cut,", "X")],
        (),
        related=True,
    )
    assert checks[0].verdict == "verbatim", checks[0].edits


def test_dropped_negation_is_meaning_bearing():
    text = 'Okafor said: "We will abandon the families of Kiev Road, and our mobilisation of volunteers is going well."'
    check, source, copy = _check(
        text, "We will abandon the families of Kiev Road, and our mobilisation of volunteers is going well."
    )
    assert check.verdict == "altered"
    assert [meaning_change(e, source.text, copy.text) for e in check.edits] == ["negation"]


def test_swapped_name_is_meaning_bearing():
    text = 'She added: "I have asked Tom Reyes to lead the review."'
    check, source, copy = _check(text, "I have asked Tom Reyes to lead the review.")
    assert check.verdict == "altered"
    assert [meaning_change(e, source.text, copy.text) for e in check.edits] == ["name"]


def test_ellipsis_and_brackets_are_legitimate_editing():
    text = 'Okafor said: "We will not abandon the families of [the] Kiev Road \u2026 volunteers is going well."'
    check, _, _ = _check(text, "We will not abandon the families of [the] Kiev Road \u2026 volunteers is going well.")
    assert check.verdict == "verbatim", check.edits
    text = 'She said the new barrier "reflects poorly on [Mayor Jim Cole\'s] administration".'
    check, _, _ = _check(text, "reflects poorly on [Mayor Jim Cole's] administration")
    assert check.verdict == "verbatim", check.edits


def test_a_dropped_word_without_an_ellipsis_is_altered():
    text = 'Okafor said: "We will not abandon the families of Kiev Road, and our volunteers is going well."'
    check, _, _ = _check(text, "We will not abandon the families of Kiev Road, and our volunteers is going well.")
    assert check.verdict == "altered"
    assert [e.op for e in check.edits] == ["delete"]


def test_whole_sentence_quote_cannot_silently_lose_its_last_words():
    text = '"The scheme would finish him off," Patel said.'
    source, copy = _article(SOURCE, "source.txt"), _article(text)
    checks = check_quotes(
        source, copy, [_quote(text, "The scheme would finish him off,", "Raj Patel")], (), related=True
    )
    assert checks[0].verdict == "altered"
    assert [e.source_text for e in checks[0].edits if e.op == "delete"] == ["politically"]
    # A phrase quoted mid-sentence may stop where it likes.
    text = 'Patel fears the plan "would finish him off" in the end.'
    copy = _article(text)
    checks = check_quotes(source, copy, [_quote(text, "would finish him off", "Raj Patel")], (), related=True)
    assert checks[0].verdict == "verbatim"


def test_fabricated_quote_is_not_in_source():
    text = '"The council will never again ignore the river," Okafor said.'
    check, _, _ = _check(text, "The council will never again ignore the river,")
    assert check.verdict == "not_in_source" and check.source_span is None


def test_short_labels_verbatim_absent_or_unchecked():
    text = 'It was "going well", she said, calling critics "doom merchants" and the plan "a disgrace".'
    source, copy = _article(SOURCE, "source.txt"), _article(text)
    quotes = [
        _quote(text, "going well"),  # in the source: verbatim
        _quote(text, "doom merchants", scare=True),  # absent, unattributed label: not checked
        _quote(text, "a disgrace", "Ellen Okafor"),  # absent, attributed to the source's speaker: not in source
    ]
    checks = check_quotes(source, copy, quotes, (), source_speakers=["Ellen Okafor"], related=True)
    got = {c.quote.span.of(text): c.verdict for c in checks}
    assert got == {"going well": "verbatim", "a disgrace": "not_in_source"}


def test_unrelated_articles_do_not_share_short_quotes_by_chance():
    # A common idiom a few words long, near the source's wording, in an article that took nothing else.
    text = 'An analyst said Ukraine "has asked Sarah to lead" the fight.'
    source, copy = _article(SOURCE, "source.txt"), _article(text)
    quotes = [_quote(text, "has asked Sarah to lead", "John Herbst")]
    assert [c.verdict for c in check_quotes(source, copy, quotes, ())] == ["not_in_source"]
    assert [c.verdict for c in check_quotes(source, copy, quotes, (), related=True)] == ["altered"]


def test_source_speaker_is_the_source_quotes_speaker_or_the_writer():
    text = '"I have asked Sarah Lin to lead the review," Okafor said.'
    source, copy = _article(SOURCE, "source.txt"), _article(text)
    src_q = _quote(SOURCE, "I have asked Sarah Lin to lead the review.", "Ellen Okafor")
    checks = check_quotes(source, copy, [_quote(text, "I have asked Sarah Lin to lead the review,", "Okafor")], [src_q])
    assert checks[0].verdict == "verbatim" and checks[0].source_speaker == "Ellen Okafor"


@pytest.mark.parametrize(
    "copy_text",
    [
        '"',  # a lone mark
        'He said "" and left.',  # an empty quote
        '"' + "word " * 5000 + '"',  # a quote thousands of words long
        'She said "\u2026 [and] \u2026".',  # nothing but editing marks
    ],
)
def test_hostile_quotes_give_sensible_results(copy_text):
    source, copy = _article(SOURCE, "source.txt"), _article(copy_text)
    inner = Span(1, max(1, len(copy_text) - 1)) if len(copy_text) > 1 else Span(0, 1)
    checks = check_quotes(source, copy, [Quote(inner, speaker="Ellen Okafor")], (), source_speakers=["Ellen Okafor"])
    assert all(c.verdict in {"verbatim", "altered", "not_in_source"} for c in checks)
    assert all(c.verdict == "not_in_source" for c in checks if "word word" in copy_text)


def test_source_without_words():
    source, copy = (
        _article("\u2014 \u2014 \u2014", "source.txt"),
        _article('"Hello there, friends of the river," she said.'),
    )
    checks = check_quotes(source, copy, [_quote(copy.text, "Hello there, friends of the river,", "X")], ())
    assert [c.verdict for c in checks] == ["not_in_source"]


def test_ellipsis_where_the_omitted_words_repeat_a_kept_one():
    # "happy to give it to them" -> "happy to … them": the diff could put the cut before the wrong "to".
    source = _article('"Yes, but happy to give it to them at this point," she wrote.', "source.txt")
    text = '"Yes, but happy to \u2026 them at this point," she said.'
    copy = _article(text)
    checks = check_quotes(
        source, copy, [_quote(text, "Yes, but happy to \u2026 them at this point,", "X")], (), related=True
    )
    assert checks[0].verdict == "verbatim", checks[0].edits


def test_a_run_after_an_ellipsis_that_the_source_lacks_is_reported():
    text = 'Okafor said: "We will not abandon the families of Kiev Road \u2026 and we will build a stadium instead."'
    check, _, _ = _check(
        text, "We will not abandon the families of Kiev Road \u2026 and we will build a stadium instead."
    )
    assert check.verdict == "altered"
    assert any("stadium" in e.copy_text for e in check.edits)


def test_joining_the_parts_of_an_interrupted_quote_is_not_alteration():
    # Source: "…," the mayor told councillors. "…" - the copy quotes both parts as one.
    source_text = (
        "\u201cWe cannot wait for the next storm to tell us what we already know,\u201d Mayor Ellen Okafor "
        "told councillors before the vote. \u201cThis plan protects 12,000 homes along the river.\u201d\n"
    )
    source = _article(source_text, "source.txt")
    parts = [_quote(source_text, "We cannot wait for the next storm to tell us what we already know,", "Ellen Okafor")]
    parts.append(_quote(source_text, "This plan protects 12,000 homes along the river.", "Ellen Okafor"))
    text = '"We cannot wait for the next storm to tell us what we already know. This plan protects 12,000 homes along the river," Okafor said.'
    copy = _article(text)
    words = "We cannot wait for the next storm to tell us what we already know. This plan protects 12,000 homes along the river,"
    checks = check_quotes(source, copy, [_quote(text, words, "Ellen Okafor")], parts)
    assert checks[0].verdict == "verbatim", checks[0].edits
    # Without the source's quotes the words between are narration, and dropping them is an edit.
    assert check_quotes(source, copy, [_quote(text, words, "Ellen Okafor")], ())[0].verdict == "altered"
