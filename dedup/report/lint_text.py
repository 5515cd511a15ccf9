"""``--format text``: one ``path:line:col: kind CODE message`` line per finding, then a summary line.

The contract (``../shared/CONTRACT.md``) fixes ``path:line:col: kind message``;
the rule code follows the kind as the message's first word, so a parser of
the contract's form still reads the kind, and an editor sees the code to
look up with ``dedup explain``.
"""

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
        code = f"{f.code} " if f.code else ""
        lines.append(f"{row.path}:{row.start.line}:{row.start.column}: {f.kind} {code}{message}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
