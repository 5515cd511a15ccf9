"""``dedup compare SOURCE COPY``: what the copy took from the source, as text, JSON or HTML."""

from __future__ import annotations

from pathlib import Path

import click

from dedup.atomic import write_text_atomic
from dedup.cli.common import handle_errors
from dedup.compare import compare as compare_articles
from dedup.errors import InputError
from dedup.ingest import read_article
from dedup.report.jsonout import comparison_dict, dumps
from dedup.report.text import render_text


def _read_pairs(pairs_file: str) -> list[tuple[Path, Path]]:
    path = Path(pairs_file)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(pairs_file, "no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(pairs_file, f"cannot read ({err})") from None
    out = []
    for lineno, line in enumerate(lines, 1):
        parts = line.split()
        if not parts or line.lstrip().startswith("#"):
            continue
        if len(parts) != 2:
            raise InputError(f"{pairs_file}:{lineno}", "expected two paths: SOURCE COPY")
        out.append((path.parent / parts[0], path.parent / parts[1]))
    return out


@click.command()
@click.argument("source", required=False, type=click.Path())
@click.argument("copy", required=False, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format on stdout.")
@click.option("--html", "html_out", type=click.Path(), help="Also write a side-by-side HTML report here.")
@click.option("--pairs", "pairs_file", type=click.Path(),
              help="Compare every 'SOURCE COPY' line of this file (paths relative to it); JSON Lines out.")
@handle_errors
def compare(source: str | None, copy: str | None, fmt: str, html_out: str | None, pairs_file: str | None) -> None:
    """Compare SOURCE with COPY: reused passages, quotes checked, findings.

    \b
    Examples:
      dedup compare op-ed.txt rewrite.txt
      dedup compare op-ed.txt rewrite.txt --format json --html report.html
      dedup compare --pairs pairs.txt --format json > results.jsonl
    """
    if pairs_file:
        if source or copy:
            raise click.UsageError("give either SOURCE COPY or --pairs, not both")
        if html_out:
            raise click.UsageError("--html writes one report; with --pairs use 'dedup scan'")
        for src, cp in _read_pairs(pairs_file):
            result = compare_articles(read_article(src), read_article(cp))
            click.echo(dumps(comparison_dict(result), indent=None))
        return
    if not (source and copy):
        raise click.UsageError("need SOURCE and COPY (or --pairs FILE)")
    result = compare_articles(read_article(source), read_article(copy))
    if html_out:
        from dedup.report.html import render_html

        write_text_atomic(html_out, render_html(result))
    if fmt == "json":
        click.echo(dumps(comparison_dict(result)))
    else:
        click.echo(render_text(result), nl=False)
