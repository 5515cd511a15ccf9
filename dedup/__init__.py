"""dedup: what a news article copied, from where, and what it got wrong on the way.

Library first: ``read_article`` -> ``compare`` -> a ``Comparison`` of frozen
records (matches, quote checks, findings) that the reporters render.
"""

from __future__ import annotations

__version__ = "0.1.0"

from dedup.errors import DedupError, InputError, OutputError
from dedup.ingest import read_article, read_articles
from dedup.model import Article, Comparison, Edit, Finding, Match, Quote, QuoteCheck, Sentence, Span, Token

__all__ = [
    "__version__",
    "Article",
    "Comparison",
    "DedupError",
    "Edit",
    "Finding",
    "InputError",
    "Match",
    "OutputError",
    "Quote",
    "QuoteCheck",
    "Sentence",
    "Span",
    "Token",
    "read_article",
    "read_articles",
]
