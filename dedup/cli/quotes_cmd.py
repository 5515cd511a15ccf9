"""``dedup quotes FILE``: the quotations of one article and who they are attributed to."""

from __future__ import annotations

import click

from dedup.cli.common import handle_errors
from dedup.ingest import read_article
from dedup.model import Article, Quote
from dedup.quotes import extract_quotes
from dedup.report.jsonout import dumps, quote_dict
from dedup.text import span_text


def _line(article: Article, q: Quote) -> str:
    words = span_text(article.text, q.span)
    if len(words) > 80:
        words = words[:79] + "…"
    who = q.speaker or "?"
    how = "scare quote" if q.scare else (q.cue or "no cue")
    return f"{q.span.start}-{q.span.end}\t{who}\t({how})\t\"{words}\""


@click.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format on stdout.")
@handle_errors
def quotes(file: str, fmt: str) -> None:
    """List the quotations in FILE with their speakers and reporting verbs.

    Spans are [start, end) character offsets into the article text, quotation
    marks excluded; a quote running over several paragraphs is one quote.

    \b
    Examples:
      dedup quotes story.txt
      dedup quotes story.txt --format json
    """
    article = read_article(file)
    found = extract_quotes(article)
    if fmt == "json":
        click.echo(dumps({"path": article.path, "quotes": [quote_dict(q) for q in found]}))
        return
    for q in found:
        click.echo(_line(article, q))
