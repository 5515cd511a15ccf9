"""The per-article stages of ``compare`` kept for reuse across pairs.

A scan compares one wire story with each outlet that ran it, and a lint run
compares one draft with each of its sources: without a cache the shared
article is segmented and searched for quotes once per pair. The cache lives
as long as its owner (one scan worker, one lint run), so it never outlives a
change of house-style aliases.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from dedup.model import Article, Quote, Sentence
from dedup.quotes import extract_quotes
from dedup.segment import segment
from dedup.voice import Voice, source_voice

__all__ = ["ArticleCache"]

T = TypeVar("T")


class ArticleCache:
    """Sentences, quotes and the writer's voice of the last ``size`` articles seen (least recently used out)."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, Article], object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _get(self, stage: str, article: Article, compute: Callable[[Article], T]) -> T:
        key = (stage, article)
        if key in self._entries:
            self._entries.move_to_end(key)
            self.hits += 1
            return self._entries[key]  # type: ignore[return-value]
        self.misses += 1
        value = compute(article)
        if self.size > 0:
            self._entries[key] = value
            if len(self._entries) > 3 * self.size:  # three stages an article
                self._entries.popitem(last=False)
        return value

    def sentences(self, article: Article) -> tuple[Sentence, ...]:
        return self._get("sentences", article, segment)

    def quotes(self, article: Article) -> tuple[Quote, ...]:
        return self._get("quotes", article, extract_quotes)

    def voice(self, article: Article) -> Voice:
        return self._get("voice", article, source_voice)
