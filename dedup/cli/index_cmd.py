"""``dedup index add|remove|stats``: keep a persistent archive index (one SQLite file).

``add`` is incremental and idempotent (an article already there by content is
skipped) and commits the whole batch at once or not at all. Unreadable files
under a folder are listed on stderr and skipped; exit 1 then says some failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dedup.cli.common import EXIT_FINDINGS, handle_errors, one_line

__all__ = ["index"]


def _report_failures(failures) -> None:
    for f in failures:
        click.echo(f"dedup: {one_line(f.path)}: {one_line(f.problem)} (skipped)", err=True)


def _progress():
    """tqdm on a terminal, nothing in CI logs or pipes."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    def wrap(it, desc, total):
        return tqdm(it, desc=desc, total=total or None, unit=" articles" if desc == "reading" else " batches",
                    leave=False, file=sys.stderr)

    return wrap


@click.group()
def index() -> None:
    """Keep an archive index: add, remove and count articles.

    \b
    Examples:
      dedup index add archive/ --db archive.db
      dedup index remove archive/2019/ --db archive.db
      dedup index stats --db archive.db
    """


db_option = click.option("--db", "db", required=True, type=click.Path(),
                         help="The index file (SQLite); created by 'add' when missing.")


@index.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@db_option
@click.option("--workers", type=click.IntRange(1), default=None, help="Processes to sign with (default: every core).")
@handle_errors
def add(paths: tuple[str, ...], db: str, workers: int | None) -> None:
    """Add the articles under PATH... (files or folders, recursively) to the index."""
    from dedup.index.corpus import iter_articles, sign_articles
    from dedup.index.store import IndexStore

    failures: list = []
    with IndexStore(db, create=True) as store:
        present = store.content_hashes()
        before = len(present)
        seen = 0

        def fresh(article) -> bool:
            nonlocal seen
            seen += 1
            from dedup.text import content_hash

            h = content_hash(article.text)
            if h in present:
                return True
            present.add(h)
            return False

        signed = sign_articles(iter_articles(paths, failures), store.scheme, workers=workers, skip=fresh)
        progress = _progress()
        with store.transaction():
            added = store.add(progress(signed, "reading", 0) if progress else signed)
    _report_failures(failures)
    click.echo(f"added {added} article{'s' * (added != 1)} ({seen - added} already indexed); "
               f"{before + added} in {db}")
    if failures:
        click.echo(f"dedup: {len(failures)} file{'s' * (len(failures) != 1)} could not be read", err=True)
        sys.exit(EXIT_FINDINGS)


@index.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@db_option
@handle_errors
def remove(paths: tuple[str, ...], db: str) -> None:
    """Remove articles: those whose stored path is PATH (or lies under a folder PATH), or whose text a file PATH holds."""
    from dedup.index.corpus import iter_articles
    from dedup.index.store import IndexStore
    from dedup.text import content_hash

    failures: list = []
    existing = [p for p in paths if Path(p).exists()]
    hashes = [content_hash(a.text) for a in iter_articles(existing, failures)]
    stored_paths = [str(Path(p)) for p in paths]
    with IndexStore(db) as store, store.transaction():
        removed = store.remove(hashes=hashes, paths=stored_paths, prefixes=[p for p in paths if Path(p).is_dir()])
    _report_failures(failures)
    click.echo(f"removed {removed} article{'s' * (removed != 1)} from {db}")


@index.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@handle_errors
def stats(db: str, fmt: str) -> None:
    """Show what the index holds: articles, band keys, outlets, dates, size, signature scheme."""
    from dedup.index.store import IndexStore

    with IndexStore(db) as store:
        s = store.stats()
    data: dict[str, Any] = {
        "path": s.path, "articles": s.articles, "band_keys": s.band_keys, "outlets": s.outlets,
        "first_date": s.first_date, "last_date": s.last_date, "file_bytes": s.file_bytes,
        "schema_version": s.schema_version, "scheme": s.scheme.as_dict(),
    }
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    scheme = ", ".join(f"{k}={v}" for k, v in data.pop("scheme").items())
    for key, value in data.items():
        click.echo(f"{key}: {value if value is not None else '-'}")
    click.echo(f"scheme: {scheme}")
