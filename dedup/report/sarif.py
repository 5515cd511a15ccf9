"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, GitLab).

One result per finding with ``ruleId`` = the finding's kind (the contract) and
the stable code in ``properties.code`` (and in each rule's ``shortDescription``
and ``properties``); regions carry line and column (1-based, in Unicode code
points: ``columnKind`` says so) as well as ``charOffset``/``charLength``; and
``partialFingerprints`` hold the baseline fingerprint, so a dashboard keeps a
finding's identity across runs while text moves around it.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from dedup import __version__
from dedup.lint import LintReport
from dedup.report.lintformats import Row, file_rows
from dedup.rules import RULES, Rule, rule_for_kind

__all__ = ["FINGERPRINT_KEY", "SARIF_SCHEMA", "render", "sarif_dict"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "dedupFinding/v1"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix() if p.as_posix().startswith("/") else "/" + p.as_posix())
    return quote(p.as_posix())


def _pascal(kind: str) -> str:
    return "".join(w.capitalize() for w in kind.split("_"))


def _rule_dict(rule: Rule) -> dict[str, Any]:
    silence = (f"Accept one finding with <!-- dedup: ignore {rule.code} --> in its paragraph; "
               f'turn the rule off with ignore = ["{rule.code}"] in [tool.dedup].')
    return {
        "id": rule.kind,
        "name": _pascal(rule.kind),
        "shortDescription": {"text": f"{rule.code}: {rule.summary}"},
        "fullDescription": {"text": rule.explanation},
        "help": {
            "text": f"{rule.fix}\n\nExample:\n{rule.example}\n\n{silence}",
            "markdown": f"{rule.fix}\n\nExample:\n\n```\n{rule.example}\n```\n\n{silence}",
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"code": rule.code, "title": rule.title, "tags": ["dedup", rule.code[:3].lower()]},
    }


def _unknown_rule(kind: str) -> dict[str, Any]:
    return {"id": kind, "name": _pascal(kind), "shortDescription": {"text": kind.replace("_", " ")}}


def _region(row: Row, text: str) -> dict[str, Any]:
    span = row.finding.span
    return {
        "startLine": row.start.line,
        "startColumn": row.start.column,
        "endLine": row.end.line,
        "endColumn": row.end.column,
        "charOffset": span.start,
        "charLength": len(span),
        "snippet": {"text": text[span.start : span.end]},
    }


def sarif_dict(report: LintReport) -> dict[str, Any]:
    """The SARIF log as plain data (``render`` serialises it)."""
    rules = [_rule_dict(r) for r in RULES]
    index = {r.kind: i for i, r in enumerate(RULES)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for file_report in report.files:
        art = len(artifacts)
        artifacts.append({"location": {"uri": _uri(file_report.path)}})
        for row in file_rows(file_report):
            f = row.finding
            if f.kind not in index:
                index[f.kind] = len(rules)
                rules.append(_unknown_rule(f.kind))
            rule = rule_for_kind(f.kind)
            props: dict[str, Any] = {"code": f.code or (rule.code if rule else ""), "severity": f.severity}
            if f.suggestion:
                props["suggestion"] = f.suggestion
            result: dict[str, Any] = {
                "ruleId": f.kind,
                "ruleIndex": index[f.kind],
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(file_report.path), "index": art},
                        "region": _region(row, file_report.text),
                    }
                }],
                "partialFingerprints": {FINGERPRINT_KEY: row.fingerprint},
                "properties": props,
            }
            if f.source_path:
                src: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.source_path)}}
                if f.source_span is not None:
                    src["region"] = {"charOffset": f.source_span.start, "charLength": len(f.source_span)}
                result["relatedLocations"] = [{
                    "id": 1, "physicalLocation": src, "message": {"text": "the source passage"},
                }]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dedup", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "invocations": [{"executionSuccessful": True}],
            "results": results,
        }],
    }


def render(report: LintReport) -> str:
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n"
