"""Quote extraction: mark pairing, multi-paragraph quotes, apostrophes, scare quotes, hostile input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dedup.cli import cli
from dedup.ingest import article_from_text, read_article
from dedup.model import Span
from dedup.quotes import extract_quotes, find_quote_spans, is_partial_quote


def quoted(text: str) -> list[str]:
    return [q.span.of(text) for q in find_quote_spans(text)]


def quotes_of(text: str):
    article = article_from_text(text, "t.txt")
    return [(q.span.of(text), q) for q in extract_quotes(article)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ('“Ukraine has raised the stakes," he said.', ["Ukraine has raised the stakes,"]),
        ("Putin ‘cornered like a rat’, says expert", ["cornered like a rat"]),
        ("Putin’s aides don’t think the ’90s will return.", []),
        ("She said: 'We won't go back to the Smiths’ house.'", ["We won't go back to the Smiths’ house."]),
        ('"One," he said, "two."', ["One,", "two."]),
        ("No quotes at all here.", []),
    ],
)
def test_pairs_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = "“Anyone else would end up ‘falling’ out of a building,” he said."
    assert quoted(text) == ["Anyone else would end up ‘falling’ out of a building,"]


def test_multi_paragraph_quote_is_one_quote_spanning_the_breaks() -> None:
    text = 'Smith said: "First paragraph.\n"Second paragraph.\n"Third and last."\nThen the story goes on.'
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert spans[0].span.of(text).startswith("First paragraph.")
    assert spans[0].span.of(text).endswith("Third and last.")
    assert "\n" in spans[0].span.of(text)


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He said "this never closes.\nThe next paragraph is narrative, with "a quote" in it.'
    got = quoted(text)
    assert got == ["this never closes.", "a quote"]


def test_spans_exclude_marks_and_index_the_original_text() -> None:
    text = "Intro.\n  “Spaced out,”   she said."
    (span,) = [q.span for q in find_quote_spans(text)]
    assert text[span.start - 1] == "“" and text[span.end] == "”"


def test_scare_quotes_are_told_apart_from_speech() -> None:
    text = (
        'The ministry branded the groups "terrorist formations" on Monday.\n'
        '"We will fight to the end," said the commander.'
    )
    got = dict(quotes_of(text))
    assert got["terrorist formations"].scare
    assert not got["We will fight to the end,"].scare


def test_quotes_inside_excluded_furniture_are_skipped() -> None:
    text = 'Real story says "hello there friend" to all.\nMost read in The Sun\n'
    article = article_from_text(text, "t.txt")
    assert all(not article.is_excluded(q.span) for q in extract_quotes(article))


@pytest.mark.parametrize(
    "text",
    [
        '"' * 5000,
        "“" + "word " * 50_000,
        "'" + "’" * 3000 + '"',
        "a\n\"\n\"\n\"\n" * 2000,
        "“nested “deeper “and deeper” and” out”",
        "",
        "\n\n\n",
    ],
)
def test_pathological_input_terminates(text: str) -> None:
    article_quotes = find_quote_spans(text)
    for q in article_quotes:
        assert 0 <= q.span.start <= q.span.end <= len(text)
    if text.strip():
        extract_quotes(article_from_text(text, "x.txt"))


# ------------------------------------------------------------------ seeds


def _overlapping(quotes, text: str, needle: str):
    start = text.index(needle)
    target = Span(start, start + len(needle))
    return [q for q in quotes if q.span.overlaps(target)]


def test_seed_000_finds_every_expected_quote(seed_paths, expectations) -> None:
    article = read_article(seed_paths["copy"])
    found = extract_quotes(article)
    for item in expectations["quotes"]:
        assert _overlapping(found, article.text, item["copy"]), item["copy"]


def test_seed_002_multi_paragraph_quotes_are_single(seed_paths) -> None:
    article = read_article(seed_paths["other"])
    text = article.text
    found = extract_quotes(article)
    lomas = _overlapping(found, text, "For Russia, we've seen the usual people")
    assert len(lomas) == 1
    assert "that's a real problem for the Kremlin narrative" in lomas[0].span.of(text)
    budanov = _overlapping(found, text, "Soon everyone will see everything.")
    assert len(budanov) == 1 and "All those who tried to intimidate us" in budanov[0].span.of(text)
    (formations,) = _overlapping(found, text, "terrorist formations")
    assert formations.scare


def test_cli_json_follows_the_contract(seed_paths) -> None:
    result = CliRunner().invoke(cli, ["quotes", str(seed_paths["other"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["path"] == str(seed_paths["other"])
    text = read_article(seed_paths["other"]).text
    for q in data["quotes"]:
        assert set(q) >= {"span", "speaker", "speaker_span", "cue"}
        s, e = q["span"]
        assert text[s - 1] in "\"“”‘’'" or text[s - 1] in "\n "
        if q["speaker_span"]:
            a, b = q["speaker_span"]
            assert text[a:b].strip()


def test_cli_text_and_bad_file(tmp_path, seed_paths) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["quotes", str(seed_paths["copy"])])
    assert ok.exit_code == 0 and "Galeotti" in ok.output
    missing = runner.invoke(cli, ["quotes", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_two_apostrophes_are_one_double_mark() -> None:
    text = "''We won,'' he said. ''Now we govern.''"
    assert quoted(text) == ["We won,", "Now we govern."]


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("She says the candidate has “always run a lean campaign.”", True),
        ('Smith said: "We always run a lean campaign."', False),
        ('"We always run a lean campaign," Smith said.', False),
        ('Trump tweeted "Crooked Hillary is unfit."', False),
        ("He called the plan “a disgrace” on Monday.", True),
    ],
)
def test_partial_quotes_are_told_from_direct_ones(text: str, partial: bool) -> None:
    (q,) = find_quote_spans(text)
    assert is_partial_quote(text, q.span) is partial


def test_many_quotes_terminate_with_sane_spans() -> None:
    text = '"a" ' * 3000 + "\n" + "“b” said Ann Lee. " * 500
    article = article_from_text(text, "x.txt")
    got = extract_quotes(article)
    assert len(got) == 3500
    assert all(text[q.span.start - 1] in "\"“" for q in got)


def test_uk_style_single_quotes_fixture() -> None:
    """A made-up UK-style story: single marks, apostrophes, a two-paragraph quote, an interrupted quote."""
    from conftest import FIXTURES

    article = read_article(FIXTURES / "quotes" / "uk_style.txt")
    text = article.text
    got = {q.span.of(text): q for q in extract_quotes(article)}
    two_paras = next(k for k in got if k.startswith("We got this wrong"))
    assert two_paras.endswith("children paid the price.") and "\n" in two_paras
    assert got[two_paras].speaker == "Helen Marsh"
    assert got["Nobody in this building is hiding from what happened."].speaker == "Helen Marsh"  # "She added"
    smiths = "It's the Smiths' kids and the Patels' kids who lost a week of lessons,"
    assert got[smiths].speaker == "Tom Riley"
    assert got["The ’90s drainage was never fixed."].speaker == "Tom Riley"
    assert got["emergency plan"].scare
    assert got["but we will keep checking them."].speaker == got["We are confident the new pumps will cope,"].speaker
    assert got["Nobody believes that any more."].cue == "according to"
