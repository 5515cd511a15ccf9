"""SARIF 2.1.0 output: valid against the OASIS schema, rule ids = kinds, columns in code points, fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lint_fakes import install

from dedup.cli import cli
from dedup.ingest import article_from_text
from dedup.lint import LintReport, lint
from dedup.model import Finding, Span
from dedup.report.sarif import FINGERPRINT_KEY, sarif_dict

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TEXT = "Zaporizhzhia — “Galleotti” said.\n\nThe beleagured army, in Kyiv.\n"


def validate(doc: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def report(monkeypatch) -> LintReport:
    install(monkeypatch)
    return lint([article_from_text(TEXT, "drafts/ä draft.md"), article_from_text("Clean.\n", "clean.md")])


def test_valid_against_the_schema(report):
    doc = sarif_dict(report)
    validate(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == ["name_variant", "misspelling"]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        rule = rules[r["ruleIndex"]]
        assert rule["id"] == r["ruleId"] and rule["help"]["text"]
        assert r["properties"]["code"] == rule["properties"]["code"]
        assert r["partialFingerprints"][FINGERPRINT_KEY]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/%C3%A4%20draft.md"


def test_regions_count_code_points(report):
    res = sarif_dict(report)["runs"][0]["results"]
    region = res[0]["locations"][0]["physicalLocation"]["region"]
    start = TEXT.index("Galleotti")
    assert region == {"startLine": 1, "startColumn": start + 1, "endLine": 1, "endColumn": start + 10,
                      "charOffset": start, "charLength": 9, "snippet": {"text": "Galleotti"}}
    region = res[1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 5)


def test_fingerprints_survive_an_inserted_paragraph(report, monkeypatch):
    before = [r["partialFingerprints"] for r in sarif_dict(report)["runs"][0]["results"]]
    later = lint([article_from_text("New lead.\n\n" + TEXT, "drafts/ä draft.md")])
    after = [r["partialFingerprints"] for r in sarif_dict(later)["runs"][0]["results"]]
    assert before == after


def test_source_location_and_unknown_kinds_stay_valid():
    from dedup.lint import FileReport

    findings = (
        Finding("quote_altered", "error", Span(0, 5), "quote altered: poorly -> badly", "poorly",
                source_path="/archive/op-ed.txt", source_span=Span(10, 16), code="QUO001"),
        Finding("future_kind", "info", Span(6, 6), "something new"),
    )
    rep = LintReport(files=(FileReport(path="d.txt", text="Hello world\n", findings=findings),))
    doc = sarif_dict(rep)
    validate(doc)
    results = doc["runs"][0]["results"]
    assert results[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///archive/op-ed.txt"
    assert results[1]["ruleId"] == "future_kind" and results[1]["level"] == "note"


def test_cli_sarif(tmp_path, monkeypatch):
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dedup.toml").write_text("", encoding="utf-8")
    (tmp_path / "d.md").write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["lint", "d.md", "--format", "sarif", "-o", "out.sarif"])
    assert res.exit_code == 1
    validate(json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8")))
