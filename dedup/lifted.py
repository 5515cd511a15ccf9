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
from itertools import compress

from dedup.similarity import STOPWORDS

__all__ = ["Run", "find_runs"]


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
    starts: Sequence[bool] | None = None,
) -> list[Run]:
    """Maximal runs of identical words, each at least ``min_words`` long with ``min_content`` content words.

    A hit that continues a run already found (same words one step back on
    both sides) is skipped, so one lifted phrase yields one run. With
    ``starts``, only copy positions marked True start a run (alignment skips
    sentences it has already matched whole).
    """
    if len(source_words) < 3 or len(copy_words) < 3:
        return []
    stop = STOPWORDS
    ns, nc = len(source_words), len(copy_words)
    # Trigram tuples built in C (zip, compress): at allowed copy positions, then kept only if
    # the source has them too, without a set of all the source's trigrams.
    positions: Sequence[int] = range(nc - 2)
    copy_grams = list(zip(copy_words, copy_words[1:], copy_words[2:], strict=False))
    if starts is not None:
        positions = list(compress(positions, starts))
        copy_grams = list(compress(copy_grams, starts))
    source_grams = zip(source_words, source_words[1:], source_words[2:], strict=False)
    shared = set(copy_grams).intersection(source_grams)
    wanted = {g for g in shared if g[0] not in stop or g[1] not in stop or g[2] not in stop}
    if not wanted:
        return []
    index: dict[tuple[str, str, str], list[int]] = {}
    source_grams = zip(source_words, source_words[1:], source_words[2:], strict=False)
    for i in compress(range(ns - 2), map(wanted.__contains__, source_grams)):
        index.setdefault((source_words[i], source_words[i + 1], source_words[i + 2]), []).append(i)
    runs: list[Run] = []
    for j, gram in compress(zip(positions, copy_grams, strict=True), map(wanted.__contains__, copy_grams)):
        for i in index[gram]:
            if i and j and source_words[i - 1] == copy_words[j - 1]:
                continue  # the tail of a run that started earlier
            n = 3
            while i + n < ns and j + n < nc and source_words[i + n] == copy_words[j + n]:
                n += 1
            if n >= min_words and sum(w not in stop for w in copy_words[j : j + n]) >= min_content:
                runs.append(Run(j, i, n))
    return runs
