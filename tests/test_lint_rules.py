"""The rule catalogue: stable codes for every contract kind, explain, and docs/rules.md kept current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dedup.cli import cli
from dedup.rules import RULES, UnknownRule, explain_text, lookup, rules_markdown, select

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KINDS = {"misspelling", "name_variant", "quote_altered", "quote_not_in_source", "speaker_changed",
                  "venue_drift", "hedge_dropped", "unattributed_reuse"}


def test_codes_and_kinds_are_unique_and_well_formed():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.kind for r in RULES}) == len(RULES)
    for r in RULES:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", r.code), r.code
        assert r.severity in ("error", "warning", "info")
        assert r.summary and r.explanation and r.example and r.fix


def test_every_contract_kind_has_a_rule():
    assert {r.kind for r in RULES} >= CONTRACT_KINDS
    assert lookup("licensed_uncredited").code == "LIC001"


def test_lookup_by_code_kind_and_prefix():
    assert lookup("nam001").kind == "name_variant"
    assert lookup("name_variant").code == "NAM001"
    assert {r.code for r in select("QUO")} == {"QUO001", "QUO002"}
    assert select("ALL") == RULES
    with pytest.raises(UnknownRule):
        lookup("XYZ999")
    with pytest.raises(UnknownRule):
        select("ZZ")


def test_explain_says_how_to_silence():
    text = explain_text(lookup("NAM001"))
    assert "<!-- dedup: ignore NAM001 -->" in text and "Galeotti" in text


def test_docs_rules_md_is_generated_from_the_catalogue():
    doc = ROOT / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `dedup explain --all --format markdown > docs/rules.md`"
    )


def test_explain_command():
    runner = CliRunner()
    res = runner.invoke(cli, ["explain", "QUO002"])
    assert res.exit_code == 0 and res.output.startswith("QUO002 quote_not_in_source")
    res = runner.invoke(cli, ["explain", "hedge_dropped"])
    assert res.exit_code == 0 and "ATT003" in res.output
    res = runner.invoke(cli, ["explain"])
    assert res.exit_code == 0 and len(res.output.splitlines()) == len(RULES)
    res = runner.invoke(cli, ["explain", "NOPE01"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "NOPE01" in res.output


def test_every_lint_option_has_help_and_is_documented():
    from dedup.cli.lint_cmd import lint

    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert lint.help
    for param in lint.params:
        if param.param_type_name != "option":
            continue
        assert param.help, f"--{param.name} has no help text"
        longest = max(param.opts, key=len)
        if longest not in ("--help",):
            assert longest in doc, f"{longest} is not documented in docs/lint.md"
