"""The lint reporters behind one interface: ``render(report) -> str``, one module per format.

Every reporter works from the same located rows (path, finding, line and
column, fingerprint) built here, so a finding sits at the same line and column
in every format. Lines and columns are 1-based and count Unicode characters
(code points), which is what SARIF's ``unicodeCodePoints`` column kind means.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dedup.lint import FileReport, LintReport
from dedup.model import Finding
from dedup.report.positions import LineIndex, Position

__all__ = ["FORMATS", "Position", "Row", "Reporter", "render_lint", "rows", "summary_line"]

Reporter = Callable[[LintReport], str]

# format name -> module under dedup.report exposing ``render(report) -> str``
FORMATS: dict[str, str] = {
    "text": "lint_text",
    "json": "lint_json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One finding of one file, located."""

    path: str
    finding: Finding
    start: Position
    end: Position  # the position just after the last character (exclusive, as SARIF's endColumn)
    fingerprint: str


def file_rows(report: FileReport) -> list[Row]:
    lines = LineIndex(report.text)
    return [
        Row(report.path, f, lines.at(f.span.start), lines.at(f.span.end), fp)
        for f, fp in zip(report.findings, report.fingerprints(), strict=True)
    ]


def rows(report: LintReport) -> Iterator[Row]:
    for file_report in report.files:
        yield from file_rows(file_report)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: LintReport) -> str:
    """``Found 3 findings (2 errors, 1 warning) in 2 files.`` plus what was held back."""
    total = sum(len(f.findings) for f in report.files)
    files = _plural(len(report.files), "file")
    if total:
        parts = [_plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)]
        head = f"Found {_plural(total, 'finding')} ({', '.join(parts)}) in {files}."
    else:
        head = f"All clear: {files} checked, no findings."
    held = []
    if report.silenced:
        held.append(f"{report.silenced} silenced by inline markers")
    if report.baselined:
        held.append(f"{report.baselined} in the baseline")
    return head[:-1] + "; " + ", ".join(held) + "." if held else head


def render_lint(report: LintReport, fmt: str) -> str:
    """The report in one of ``FORMATS``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown lint format {fmt!r} (one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"dedup.report.{FORMATS[fmt]}")
    return module.render(report)
