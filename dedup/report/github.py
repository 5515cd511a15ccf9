"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE kind::message``.
Values are escaped as the Actions runner expects (``%``, CR, LF everywhere;
``:`` and ``,`` inside properties too), so a message can never end the command
early or inject another one.
"""

from __future__ import annotations

from dedup.lint import LintReport
from dedup.report.lintformats import rows, summary_line

__all__ = ["render"]

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: LintReport) -> str:
    lines = []
    for row in rows(report):
        f = row.finding
        props = [
            f"file={_prop(row.path)}",
            f"line={row.start.line}",
            f"col={row.start.column}",
            f"endLine={row.end.line}",
            f"endColumn={row.end.column}",
            f"title={_prop(f'{f.code or f.kind} {f.kind}')}",
        ]
        message = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion and f.suggestion not in f.message else "")
        lines.append(f"::{LEVEL[f.severity]} {','.join(props)}::{_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
