"""The lint library: rule codes and severities applied, inline markers, baselines, licensed sources."""

from __future__ import annotations

import json

import pytest
from lint_fakes import install

from dedup.baseline import fingerprints, load_baseline, write_baseline
from dedup.config import Config
from dedup.credits import credit_span, expand_outlets, source_outlet
from dedup.errors import InputError
from dedup.ingest import article_from_text
from dedup.lint import apply_licences, lint, lint_article
from dedup.markers import find_markers
from dedup.model import Article, Finding, Span


@pytest.fixture(autouse=True)
def fake_spelling(monkeypatch):
    install(monkeypatch)


def _art(text: str, path: str = "draft.md") -> Article:
    return article_from_text(text, path)


def _words(report, text=None):
    text = text or report.text
    return [(f.code, text[f.span.start : f.span.end]) for f in report.findings]


def test_codes_and_rule_selection():
    art = _art("Prof Galleotti said the beleagured army would recieve help.\n")
    rep = lint_article(art)
    assert _words(rep) == [("NAM001", "Galleotti"), ("SPL001", "beleagured"), ("SPL001", "recieve")]
    rep = lint_article(art, Config(ignore=("SPL",)))
    assert _words(rep) == [("NAM001", "Galleotti")]
    rep = lint_article(art, Config(select=("misspelling",)))
    assert [c for c, _ in _words(rep)] == ["SPL001", "SPL001"]
    rep = lint_article(art, Config(severity=(("SPL001", "info"),)))
    assert [f.severity for f in rep.findings] == ["error", "info", "info"]


def test_extra_words_reach_the_checker():
    rep = lint_article(_art("Prof Galleotti spoke.\n"), Config(words=("Galleotti",)))
    assert rep.findings == ()


def test_marker_on_the_same_paragraph_silences_only_named_rule():
    text = ("First paragraph with Galleotti and a beleagured army. <!-- dedup: ignore NAM001 -->\n\n"
            "Second paragraph: Galleotti again.\n")
    rep = lint_article(_art(text))
    assert _words(rep) == [("SPL001", "beleagured"), ("NAM001", "Galleotti")]
    assert rep.findings[1].span.start > text.index("Second")
    assert rep.silenced == 1


def test_lone_marker_applies_to_the_next_paragraph_and_bare_ignore_to_all():
    text = ("<!-- dedup: ignore -->\n\nGalleotti and the beleagured army.\n\n"
            "Later: Galleotti.\n")
    rep = lint_article(_art(text))
    assert _words(rep) == [("NAM001", "Galleotti")] and rep.silenced == 2
    # a marker on the line right above (same block of lines) covers that block
    text2 = "<!-- dedup: ignore SPL001, NAM001 -->\nGalleotti, beleagured.\n\nrecieve\n"
    rep2 = lint_article(_art(text2))
    assert _words(rep2) == [("SPL001", "recieve")]


def test_ignore_file_and_kind_names():
    text = "Galleotti.\n\nMore Galleotti and recieve.\n\n<!-- dedup: ignore-file name_variant -->\n"
    rep = lint_article(_art(text))
    assert _words(rep) == [("SPL001", "recieve")] and rep.silenced == 2


def test_unknown_code_in_marker_is_reported_and_silences_nothing():
    text = "Galleotti here. <!-- dedup: ignore NAM01 -->\n"
    rep = lint_article(_art(text))
    assert [f.code for f in rep.findings] == ["NAM001", "LNT001"]
    assert "NAM01" in rep.findings[1].message


def test_markers_are_not_checked_as_words():
    markers = find_markers("x <!-- dedup: ignore recieve -->\n")
    assert markers[0].unknown == ("recieve",)
    rep = lint_article(_art("Fine text. <!-- dedup: ignore SPL001 recieve -->\n"))
    # "recieve" inside the marker is neither a misspelling nor silenced: it is an unknown rule name
    assert [f.code for f in rep.findings] == ["LNT001"]


def test_baseline_keeps_old_findings_out_and_lets_new_ones_through(tmp_path):
    old = "Galleotti said the army was beleagured.\n"
    rep = lint([_art(old, str(tmp_path / "a.md"))])
    base = tmp_path / "ci" / "baseline.json"
    base.parent.mkdir()
    n = write_baseline(base, [(f.path, f.findings, f.text) for f in rep.files])
    assert n == 2
    data = json.loads(base.read_text())
    assert data["tool"] == "dedup" and {r["path"] for r in data["findings"]} == {"../a.md"}
    baseline = load_baseline(base)
    # text inserted above moves every offset; a new typo is added
    new = "A new first paragraph.\n\n" + old + "\nWe recieve and Galleotti.\n"
    rep2 = lint([_art(new, str(tmp_path / "a.md"))], baseline=baseline)
    assert _words(rep2.files[0]) == [("SPL001", "recieve"), ("NAM001", "Galleotti")]
    assert rep2.files[0].baselined == 2
    # another file with the same words is not covered by a.md's baseline
    rep3 = lint([_art(old, str(tmp_path / "b.md"))], baseline=baseline)
    assert len(rep3.files[0].findings) == 2


def test_fingerprints_are_per_occurrence_and_ignore_offsets():
    f1 = Finding("name_variant", "error", Span(0, 9), "m", "Galeotti", code="NAM001")
    f2 = Finding("name_variant", "error", Span(20, 29), "m", "Galeotti", code="NAM001")
    text = "Galleotti xxxxxxxxxx Galleotti"
    a, b = fingerprints([f1, f2], text)
    assert a != b
    shifted = [Finding("name_variant", "error", Span(5, 14), "m", "Galeotti", code="NAM001")]
    assert fingerprints(shifted, "abcd " + text)[0] == a


@pytest.mark.parametrize("content", ["not json", '{"tool": "other", "findings": []}', '{"tool": "dedup", "version": 9, "findings": []}'])
def test_bad_baseline_is_an_input_error(tmp_path, content):
    p = tmp_path / "b.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_baseline(p)
    with pytest.raises(InputError, match="no such baseline"):
        load_baseline(tmp_path / "missing.json")


# Licensed sources ---------------------------------------------------------------------------------

OUTLETS = expand_outlets([("Reuters",), ("AP",), ("PA",)])


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("LONDON (Reuters) - Rates rose.", "Reuters"),
        ("Rates rose.\n\nAdditional reporting by Reuters\n", "Reuters"),
        ("Rates rose.\n\nReporting by Jane Doe in London for Reuters; editing by X\n", "Reuters"),
        ("Rates rose, the Associated Press reported.", "AP"),
        ("The Associated Press contributed to this report.", "AP"),
        ("WASHINGTON (AP) — Rates rose.", "AP"),
        ("Rates rose sharply on Thursday.\n- PA\n", "PA"),
        ("Source: PA Media", "PA"),
    ],
)
def test_credit_lines_are_found(text, credited):
    outlet = next(o for o in OUTLETS if o[0] == credited)
    assert credit_span(text, outlet) is not None
    others = [o for o in OUTLETS if o[0] != credited and not (set(o) & set(outlet))]
    assert all(credit_span(text, o) is None for o in others)


@pytest.mark.parametrize(
    "text",
    [
        "My pa said rates rose.",
        "Rates rose in Apeldoorn (ap. 3).",
        "The apartment rates rose.",
        "Reuters Street is closed.",  # a name, not a credit
    ],
)
def test_words_that_are_not_credits(text):
    assert all(credit_span(text, o) is None for o in OUTLETS)


def _reuse(span: Span) -> Finding:
    return Finding("unattributed_reuse", "warning", span, "passage taken from the source", source_path="wire.txt")


def test_licensed_reuse_credited_is_allowed_and_uncredited_is_its_own_finding():
    wire = Article(path="wire.txt", text="LONDON (Reuters) - The Bank of England raised rates on Thursday.")
    unlicensed = Article(path="blog.txt", text="The Bank of England raised rates on Thursday, I hear.")
    draft = _art("The Bank of England raised rates on Thursday.\n")
    credited = _art("The Bank of England raised rates on Thursday.\n\nAdditional reporting by Reuters\n")
    found = [_reuse(Span(0, 44))]
    assert source_outlet(wire, OUTLETS) == OUTLETS[0]
    out = apply_licences(found, wire, draft, OUTLETS)
    assert [(f.kind, f.severity) for f in out] == [("licensed_uncredited", "error")]
    assert "Reuters" in out[0].suggestion
    assert apply_licences(found, wire, credited, OUTLETS) == []
    assert apply_licences(found, unlicensed, draft, OUTLETS) == found
    assert apply_licences(found, wire, draft, ()) == found


def test_source_outlet_from_metadata():
    art = Article(path="x.txt", text="Rates rose.", outlet="The Associated Press")
    assert source_outlet(art, OUTLETS)[0] == "AP"
    art = Article(path="x.txt", text="Rates rose.", url="https://www.reuters.com/markets/x")
    assert source_outlet(art, OUTLETS)[0] == "Reuters"


def test_silencer_agrees_with_the_plain_reference():
    import random

    from dedup.markers import Silencer, is_silenced

    rng = random.Random(5)
    for _ in range(30):
        paras = []
        for _ in range(rng.randint(1, 12)):
            words = rng.choice(["Galleotti here.", "plain text", "<!-- dedup: ignore NAM001 -->",
                                "x <!-- dedup: ignore -->", "<!-- dedup: ignore-file SPL -->", "recieve it"])
            paras.append(words + ("\n" if rng.random() < 0.3 else ""))
        text = "\n\n".join(paras)
        markers = find_markers(text)
        fast = Silencer(markers, len(text))
        for _ in range(40):
            a = rng.randrange(0, len(text) + 1)
            b = rng.randrange(a, min(len(text), a + 30) + 1)
            f = Finding(rng.choice(["name_variant", "misspelling"]), "error", Span(a, b), "m",
                        code=rng.choice(["NAM001", "SPL001"]))
            assert fast(f) == is_silenced(f, markers), (text, a, b)


def test_every_marker_of_a_long_draft_counts():
    text = "Galleotti said so. <!-- dedup: ignore NAM001 -->\n\n" * 500 + "Galleotti, unmarked.\n"
    rep = lint_article(_art(text))
    assert rep.silenced == 500 and [f.span.start for f in rep.findings] == [text.rindex("Galleotti")]
