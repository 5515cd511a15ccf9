"""``--format text``: one ``path:line:col: CODE kind message`` line per finding, then a summary line."""

from __future__ import annotations

from dedup.lint import LintReport
from dedup.report.lintformats import rows, summary_line

__all__ = ["render"]


def render(report: LintReport) -> str:
    lines = []
    for row in rows(report):
        f = row.finding
        message = " ".join(f.message.split())
        if f.suggestion and f.suggestion not in message:
            message += f" (suggestion: {f.suggestion})"
        code = f.code or "-"
        lines.append(f"{row.path}:{row.start.line}:{row.start.column}: {code} {f.kind} {message}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
