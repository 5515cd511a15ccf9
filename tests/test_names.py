"""Name variants: one name spelled two ways is found; two names, derived forms and house style are not errors."""

from __future__ import annotations

import pytest

from dedup.model import Article, Span
from dedup.names import check_name_variants, same_name
from dedup.spelling import check_spelling


def art(text: str, path: str = "draft.txt", **kw) -> Article:
    return Article(path=path, text=text, **kw)


def variants(text: str, **kw) -> list[tuple[str, str | None, str]]:
    a = art(text)
    return [(f.span.of(a.text), f.suggestion, f.severity) for f in check_name_variants(a, **kw)]


def story(good: str, bad: str, n_good: int = 3) -> str:
    lines = [f"Officials met {good} on Monday in the capital."] * n_good
    return "\n".join([*lines, f"Later, the minister said {bad} had agreed to the plan."])


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("Prigozhin", "Priogzhin"),  # letters swapped
        ("Galeotti", "Galleotti"),  # letter doubled
        ("Zelenskyy", "Zelenskky"),  # doubled differently
        ("Shebekino", "Shebkino"),  # letter dropped
        ("Gustafson", "Gustafsen"),  # wrong vowel
        ("Budanov", "Budamov"),  # neighbouring key
        ("Stephanopoulos", "Stephanopolous"),  # two edits in a long name
    ],
)
def test_misspelled_names_are_found(good, bad):
    assert variants(story(good, bad)) == [(bad, good, "error")]


def test_every_occurrence_is_reported_and_message_counts():
    text = story("Galeotti", "Galleotti", 4) + "\nGalleotti claims so."
    a = art(text)
    found = check_name_variants(a)
    assert [f.span.of(text) for f in found] == ["Galleotti", "Galleotti"]
    assert found[0].message == '"Galleotti" is spelled "Galeotti" 4 times in this article'
    assert found[0].kind == "name_variant" and found[0].code == "NAM001"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia", "Russian"),
        ("Ukraine", "Ukrainian"),
        ("Putin", "Putins"),
        ("Israel", "Israeli"),
        ("Petrov", "Petrova"),
        ("Austria", "Australia"),
        ("Jon", "Joan"),
        ("Obama", "Osama"),  # different letter, not a slip of the keys
    ],
)
def test_distinct_names_and_derived_forms_are_not_variants(a, b):
    assert not same_name(a.lower(), b.lower())
    assert variants(story(a, b)) == []


def test_two_people_with_different_first_names_are_not_one_name():
    text = "\n".join(["Ben Carsen spoke first."] * 3 + ["Then Tucker Carlsen replied."])
    assert variants(text) == []


def test_a_tie_is_not_flagged():
    assert variants("Officials met Gustafson on Monday.\nLater Gustafsen agreed.") == []


def test_source_spelling_is_evidence():
    source = art("Wagner chief Yevgeny Prigozhin said the troops did nothing.", path="src.txt")
    copy = art("In a furious rant, Wagner chief Yevgeny Priogzhin attacked the generals.")
    (f,) = check_name_variants(copy, source=source)
    assert f.span.of(copy.text) == "Priogzhin" and f.suggestion == "Prigozhin"
    assert f.source_path == "src.txt"
    assert f.source_span is not None and f.source_span.of(source.text) == "Prigozhin"
    assert "in the source" in f.message


def test_a_source_typo_does_not_overrule_the_article():
    source = art("Wagner chief Yevgeny Priogzhin said the troops did nothing.", path="src.txt")
    copy = art("Prigozhin spoke.\nLater Prigozhin left.\nThen Prigozhin returned.")
    assert check_name_variants(copy, source=source) == ()


def test_possessive_is_not_part_of_the_name_or_the_span():
    text = story("Prigozhin", "Priogzhin’s game")
    a = art(text)
    (f,) = check_name_variants(a)
    assert f.span.of(text) == "Priogzhin"


def test_house_style_variant_is_info():
    text = "Missiles hit Kyiv on Monday.\nOfficials in Kyiv said so.\nResidents of Kiev fled."
    found = variants(text)
    assert found == [("Kiev", "Kyiv", "info")]


def test_house_style_alone_is_not_reported():
    assert variants("Residents of Kiev fled the shelling.") == []


def test_custom_aliases_replace_the_defaults():
    text = "Officials in Mumbai said so.\nThe Bombay office agreed."
    assert variants(text) == [("Bombay", "Mumbai", "info")]
    assert variants(text, aliases={"bombay": "bombay"}) == []


def test_excluded_furniture_is_skipped():
    text = story("Galeotti", "Galleotti")
    start = text.rindex("Later")
    a = art(text, excluded=(Span(start, len(text)),))
    assert check_name_variants(a) == ()


def test_check_spelling_combines_both_kinds_in_text_order():
    text = story("Galeotti", "Galleotti") + "\nThe result was embarassing."
    a = art(text)
    kinds = [f.kind for f in check_spelling(a)]
    assert kinds == ["name_variant", "misspelling"]


def test_suggestion_is_spelled_as_the_article_writes_it():
    text = "O’Malley said so. Later O’Malley and O’Mally agreed.\nO’Malley left."
    (f,) = check_name_variants(art(text))
    assert f.span.of(text) == "O’Mally" and f.suggestion == "O’Malley"
