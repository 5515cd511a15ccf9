"""Read many articles and sign them on every core: the front half of ``index add`` and ``scan``.

Unreadable files are collected as ``Failure`` records and skipped; the rest is
processed. Signing runs in a process pool in batches (shingling is Python
work, so threads would not help); small inputs stay in-process, where a pool
would cost more to start than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from dedup.errors import DedupError
from dedup.index.shingle import batch_shingle_hashes
from dedup.index.signature import Scheme, Signer
from dedup.index.store import SignedArticle
from dedup.ingest import iter_paths, read_articles
from dedup.model import Article
from dedup.text import content_hash

__all__ = ["Failure", "default_workers", "iter_articles", "sign_articles", "sign_one"]

BATCH = 256
_POOL_MIN = 2 * BATCH  # below this many articles a pool costs more than it saves


@dataclass(frozen=True)
class Failure:
    """A file (or archive record) that could not be read, and why."""

    path: str
    problem: str


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def iter_articles(paths: Iterable[str | os.PathLike[str]], failures: list[Failure],
                  exclude: str | os.PathLike[str] | None = None) -> Iterator[Article]:
    """Every article under ``paths``; files (and archive records) that cannot be read are appended to ``failures``.

    Files under ``exclude`` (a scan's own output folder) are never read.
    """
    skip = Path(exclude).resolve() if exclude is not None else None
    for path in iter_paths(paths):
        if skip is not None and skip in _resolved(path).parents:
            continue
        errors: list[DedupError] = []
        try:
            yield from read_articles(path, errors)  # a bad archive record is skipped, the rest still read
        except DedupError as err:
            errors.append(err)
        failures.extend(Failure(e.path or str(path), e.problem) for e in errors)


def _resolved(path: Path) -> Path:
    """``path.resolve()``, or the path as named when it is a symlink loop (its read then fails, listed)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError on a loop
        return path.absolute()


_signer: Signer | None = None


def _get_signer(scheme: Scheme) -> Signer:
    global _signer
    if _signer is None or _signer.scheme != scheme:
        _signer = Signer(scheme)
    return _signer


_Signed = tuple[list[str], np.ndarray, np.ndarray, np.ndarray | None]


def _sign_batch(scheme: Scheme, articles: list[Article], keep: bool = False) -> _Signed:
    hashes, lengths = batch_shingle_hashes(articles, scheme.shingle)
    sigs = _get_signer(scheme).sign_concat(hashes, lengths)
    return [content_hash(a.text) for a in articles], sigs, lengths, hashes if keep else None


def sign_one(article: Article, scheme: Scheme) -> SignedArticle:
    """One article's signature, in this process."""
    hashes, sigs, sizes, _ = _sign_batch(scheme, [article])
    return SignedArticle(article, hashes[0], sigs[0], int(sizes[0]))


def sign_articles(
    articles: Iterable[Article],
    scheme: Scheme,
    *,
    workers: int | None = None,
    skip: Callable[[Article], bool] | None = None,
    keep_shingles: bool = False,
    pool: Executor | None = None,
) -> Iterator[SignedArticle]:
    """Sign articles in batches, on ``workers`` processes (default: every core), in input order.

    ``skip`` drops articles before any work is done (already indexed ones);
    ``keep_shingles`` returns each article's shingle hashes too (a scan's true
    overlap needs them, and hashing is most of the cost of signing). ``pool``:
    the caller's process pool (of ``workers`` processes) instead of a new one.
    """
    workers = workers or default_workers()
    it = iter(articles) if skip is None else (a for a in articles if not skip(a))
    first = list(islice(it, _POOL_MIN))
    if len(first) < _POOL_MIN or workers == 1:
        for batch in _batches(_chain(first, it), BATCH):
            yield from _signed(batch, _sign_batch(scheme, batch, keep_shingles))
        return
    with nullcontext(pool) if pool is not None else ProcessPoolExecutor(max_workers=workers) as pool:
        pending: list = []
        for batch in _batches(_chain(first, it), BATCH):
            pending.append((batch, pool.submit(_sign_batch, scheme, batch, keep_shingles)))
            if len(pending) >= 2 * workers:  # bounded look-ahead keeps memory flat
                done_batch, fut = pending.pop(0)
                yield from _signed(done_batch, fut.result())
        for done_batch, fut in pending:
            yield from _signed(done_batch, fut.result())


def _signed(batch: list[Article], result: _Signed) -> Iterator[SignedArticle]:
    hashes, sigs, sizes, shingles = result
    parts = np.split(shingles, np.cumsum(sizes)[:-1]) if shingles is not None else [None] * len(batch)
    for a, h, sig, n, sh in zip(batch, hashes, sigs, sizes, parts, strict=True):
        yield SignedArticle(a, h, sig, int(n), sh)


def _chain(first: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from first
    yield from rest


def _batches(it: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(it, size)):
        yield batch
