"""Exact runs of words shared by two articles: the lifted clause or quoted phrase.

News rewrites often keep a few words of the source inside an otherwise new
sentence ("Galeotti warned they could 'disrupt the banking system'"). Sentence
scores miss these, so runs of identical normalised words are found directly:
every word trigram with a content word is indexed in the source, and each
hit in the copy is extended forward to a maximal run. A run counts only with
enough words and enough content words, so "in the face of the" or "the
Ukrainian army" is never reuse on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dedup.similarity import STOPWORDS

__all__ = ["Run", "find_runs"]

_K = 3


@dataclass(frozen=True, slots=True)
class Run:
    """Identical words ``copy[c:c+length]`` == ``source[s:s+length]`` (indices into word lists)."""

    copy_start: int
    source_start: int
    length: int


def find_runs(
    source_words: Sequence[str],
    copy_words: Sequence[str],
    *,
    min_words: int = 4,
    min_content: int = 2,
) -> list[Run]:
    """Maximal runs of identical words, each at least ``min_words`` long with ``min_content`` content words.

    Each copy position is covered by the runs starting there that are not a
    tail of a longer run, so one lifted phrase yields one run.
    """
    if len(source_words) < _K or len(copy_words) < _K:
        return []
    content = [w not in STOPWORDS for w in source_words]
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(source_words) - _K + 1):
        if any(content[i : i + _K]):
            index.setdefault(tuple(source_words[i : i + _K]), []).append(i)
    runs: list[Run] = []
    ns, nc = len(source_words), len(copy_words)
    for j in range(nc - _K + 1):
        hits = index.get(tuple(copy_words[j : j + _K]))
        if not hits:
            continue
        for i in hits:
            if i > 0 and j > 0 and source_words[i - 1] == copy_words[j - 1]:
                continue  # the tail of a run that started earlier
            n = _K
            while i + n < ns and j + n < nc and source_words[i + n] == copy_words[j + n]:
                n += 1
            if n < min_words:
                continue
            if sum(1 for w in copy_words[j : j + n] if w not in STOPWORDS) >= min_content:
                runs.append(Run(j, i, n))
    return runs
