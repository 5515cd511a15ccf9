"""``--format json``: the contract's ``{"files": [{"path", "findings"}]}``, findings located and fingerprinted.

Each finding is ``jsonout.finding_dict`` (the contract's fields plus ``code``)
with ``line``, ``column``, ``end_line``, ``end_column`` and ``fingerprint``
added, so a CMS can underline the words without recounting offsets.
"""

from __future__ import annotations

from dedup.lint import LintReport
from dedup.report.jsonout import dumps, finding_dict
from dedup.report.lintformats import file_rows

__all__ = ["lint_dict", "render"]


def lint_dict(report: LintReport) -> dict:
    files = []
    for file_report in report.files:
        findings = []
        for row in file_rows(file_report):
            d = finding_dict(row.finding)
            d.update(line=row.start.line, column=row.start.column, end_line=row.end.line,
                     end_column=row.end.column, fingerprint=row.fingerprint)
            findings.append(d)
        files.append({
            "path": file_report.path,
            "findings": findings,
            "silenced": file_report.silenced,
            "baselined": file_report.baselined,
            "sources": list(file_report.sources),
        })
    return {
        "files": files,
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "info": report.count("info"),
            "failed": report.failed,
            "fail_on": report.fail_on,
        },
    }


def render(report: LintReport) -> str:
    return dumps(lint_dict(report)) + "\n"
