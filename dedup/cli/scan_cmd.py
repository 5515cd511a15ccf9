"""``dedup scan PATH... --out DIR``: every pair of articles sharing text, with reports.

Writes ``DIR/index.html`` (all pairs, sortable; story families), one HTML
report per pair under ``DIR/pairs/`` and ``DIR/pairs.jsonl``. Unreadable files
are listed on stderr and skipped; exit 1 then says some failed.
"""

from __future__ import annotations

import sys

import click

from dedup.cli.common import EXIT_FINDINGS, handle_errors
from dedup.cli.index_cmd import _progress, _report_failures

__all__ = ["scan"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for index.html, pairs.jsonl and the per-pair reports.")
@click.option("--db", type=click.Path(),
              help="Also pair with every article of this index (see 'dedup index add').")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where candidate pairs are found: this machine's cores, or Spark (needs the [spark] extra).")
@click.option("--master", default=None, help="Spark master URL (default local[*]); only with --engine spark.")
@click.option("--workers", type=click.IntRange(1), default=None, help="Processes to use (default: every core).")
@click.option("--min-reuse", type=click.FloatRange(0, 1), default=None,
              help="Least share of the copy's characters inside matches for a pair to be reported.")
@click.option("--exhaustive", type=click.IntRange(0), default=5000, show_default=True,
              help="Up to this many articles, compare every pair's signatures too (finds partial copies); 0 = off.")
@click.option("--no-reports", is_flag=True, help="Skip the per-pair HTML reports (pairs.jsonl and index.html only).")
@handle_errors
def scan(paths: tuple[str, ...], out_dir: str, db: str | None, engine: str, master: str | None,
         workers: int | None, min_reuse: float | None, exhaustive: int, no_reports: bool) -> None:
    """Find every pair of articles under PATH... (and in --db) that share text.

    \b
    Examples:
      dedup scan feeds/2024-05/ --out scan-may
      dedup scan today/ --db archive.db --out today-vs-archive
      dedup scan archive.jsonl --out big --engine spark --master spark://head:7077
    """
    from dedup.index.scan import ScanOptions
    from dedup.index.scan import scan as run_scan
    from dedup.index.verify import VerifyParams

    if master and engine != "spark":
        raise click.UsageError("--master needs --engine spark")
    verify = VerifyParams() if min_reuse is None else VerifyParams(min_reuse=min_reuse)
    options = ScanOptions(verify=verify, workers=workers, engine=engine, master=master, reports=not no_reports,
                          exhaustive=exhaustive)
    result = run_scan(list(paths), out_dir, db=db, options=options, progress=_progress())
    _report_failures(result.failures)
    n = len(result.pairs)
    click.echo(f"{n} pair{'s' * (n != 1)} among {result.articles} articles "
               f"({result.candidates} candidates, {result.estimated} checked) -> {out_dir}/index.html")
    if result.failures:
        click.echo(f"dedup: {len(result.failures)} input{'s' * (len(result.failures) != 1)} failed", err=True)
        sys.exit(EXIT_FINDINGS)
