"""Compare and report every verified pair of a scan, on every core.

Each pair runs the ``compare`` path (alignment, quote checks, attribution)
and, when it keeps enough reuse, gets its HTML report written atomically.
Pairs go to the workers in batches that keep a story family together, and
each worker keeps an ``ArticleCache``: an article shared by several pairs is
segmented and searched for quotes once per worker, not once per pair.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import xxhash

from dedup.article_cache import ArticleCache
from dedup.atomic import write_text_atomic
from dedup.index.groups import components
from dedup.model import Article

__all__ = ["PairResult", "PairTask", "REPORT_DIR", "affinity_batches", "report_name", "run_pairs", "warm_up",
           "worker_start"]

REPORT_DIR = "pairs"
Progress = Callable[[Iterable, str, int], Iterable]


@dataclass(frozen=True)
class PairTask:
    """One directed pair to compare: rows of the corpus and their articles."""

    source_row: int
    copy_row: int
    source: Article
    copy: Article


@dataclass(frozen=True)
class PairResult:
    """What ``compare`` made of one pair; ``error`` is set when it could not run."""

    source_row: int
    copy_row: int
    reuse: float
    matches: int
    report: str  # relative to the output folder; "" when not kept or on error
    error: str | None = None


def report_name(source: Article, copy: Article) -> str:
    """A file name from a hash of both paths and texts: stable, unique, never outside the folder."""
    h = xxhash.xxh64()
    for part in (source.path, source.text, copy.path, copy.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return f"{REPORT_DIR}/{h.hexdigest()}.html"


_cache = ArticleCache(0)  # one per worker process (``_fresh_cache``), so it never outlives a run


def _fresh_cache(size: int = 256) -> None:
    global _cache
    _cache = ArticleCache(size)


def worker_start(warm: bool = True) -> None:
    """A scan worker's start: its own cache, a calmer garbage collector, warmed up unless ``warm`` is False.

    What the worker inherits at fork never becomes garbage; frozen, it is not
    traversed by every full collection. A comparison makes tens of thousands of
    small objects that are not cycles; at the default thresholds the collector
    ran full passes over the cache every few pairs (7% of a worker's time).
    A scan starts its workers cold and sends ``warm_up`` once signing is done.
    """
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)
    _fresh_cache()
    if warm:
        warm_up()


_warmed = False


def warm_up() -> None:
    """Import and compile what every pair needs (modules, regexes, templates: about 0.13 s) by comparing a
    tiny pair; once per process. A scan runs it while the parent finds and verifies candidates, when the
    workers would otherwise wait, rather than while they sign, when every core is busy."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    with contextlib.suppress(Exception):  # only a head start: a failure must not break the pool
        from dedup.compare import compare
        from dedup.report.html import render_html

        text = 'The mayor said "the bridge will reopen on Monday." Work began in May.\n'
        render_html(compare(Article("warm-up", text), Article("warm-up", text), spelling=False))


def _run(task: PairTask, min_reuse: float, out_dir: str | None) -> PairResult | None:
    """Compare one pair and write its report; ``None`` when too little of the copy is reused."""
    from dedup.compare import align_articles, check_aligned

    try:
        aligned = align_articles(task.source, task.copy, cache=_cache)
        if aligned.reuse_fraction < min_reuse or not aligned.matches:
            return None  # dropped before its quote checks
        comparison = check_aligned(aligned, spelling=False, cache=_cache)  # reports are about reuse
    except Exception as err:  # one bad pair must not sink a batch; it is listed as a failure
        return PairResult(task.source_row, task.copy_row, 0.0, 0, "", f"{type(err).__name__}: {err}")
    name = report_name(task.source, task.copy)
    if out_dir is not None:
        from dedup.report.html import render_html

        report = render_html(comparison, index_href="../index.html")
        write_text_atomic(Path(out_dir, name), report, durable=False)  # the scan syncs them before index.html
    return PairResult(task.source_row, task.copy_row, comparison.reuse_fraction, len(comparison.matches), name)


def _run_batch(tasks: list[PairTask], min_reuse: float, out_dir: str | None) -> list[PairResult]:
    return [r for t in tasks if (r := _run(t, min_reuse, out_dir)) is not None]


def affinity_batches(tasks: Sequence[PairTask], size: int, most: int | None = None) -> list[list[PairTask]]:
    """Batches of pairs in which pairs sharing an article sit together.

    Pairs are ordered by story family (connected pairs), then by the article
    they share most. Families of up to ``size`` pairs are packed whole into
    batches of at most ``size``; a bigger family gets batches of its own, of up
    to ``most`` pairs (default ``size``). A family cut in two has its articles
    analysed by both workers: at 18,611 articles, whose routine stories form
    families of up to 764 pairs, cutting every ``size`` pairs regardless made
    5,846 segmentations of 5,188 articles; this makes 5,191. Input order
    breaks ties, so the batching is repeatable.
    """
    find = components((t.source_row, t.copy_row) for t in tasks)
    degree: dict[int, int] = {}
    for t in tasks:
        degree[t.source_row] = degree.get(t.source_row, 0) + 1
        degree[t.copy_row] = degree.get(t.copy_row, 0) + 1

    def hub(t: PairTask) -> int:
        return t.source_row if degree[t.source_row] >= degree[t.copy_row] else t.copy_row

    ordered = sorted(range(len(tasks)), key=lambda n: (find(tasks[n].source_row), hub(tasks[n]), n))
    batches: list[list[PairTask]] = []
    batch: list[PairTask] = []
    for _, family in groupby(ordered, key=lambda n: find(tasks[n].source_row)):
        members = [tasks[n] for n in family]
        if len(members) > size:
            step = most or size
            batches += [members[k : k + step] for k in range(0, len(members), step)]
            continue
        if batch and len(batch) + len(members) > size:
            batches.append(batch)
            batch = []
        batch += members
    return batches + [batch] if batch else batches


def run_pairs(tasks: Sequence[PairTask], min_reuse: float, out_dir: str | None, workers: int,
              progress: Progress | None = None, batch: int = 12, pool: Executor | None = None) -> list[PairResult]:
    """Compare (and report) every pair on ``workers`` processes; results in no particular order.

    ``pool``: the caller's process pool, started with ``worker_start``, instead of a new one.
    """
    # A family of up to a quarter of the pairs (with two workers) goes whole to one worker; longest batches
    # first (by characters), so the last batches are short and the workers finish together.
    most = max(batch, -(-len(tasks) // (2 * workers)))
    batches = sorted(affinity_batches(tasks, batch, most),
                     key=lambda b: -sum(len(t.source.text) + len(t.copy.text) for t in b))
    results: Iterator[list[PairResult]]
    if workers == 1 or len(tasks) < 2 * batch:
        _fresh_cache()
        try:
            results = (_run_batch(b, min_reuse, out_dir) for b in batches)
            return [r for rs in (progress(results, "comparing", len(batches)) if progress else results) for r in rs]
        finally:
            _fresh_cache(0)
    own = ProcessPoolExecutor(max_workers=workers, initializer=worker_start) if pool is None else nullcontext(pool)
    with own as pool:
        futures = [pool.submit(_run_batch, b, min_reuse, out_dir) for b in batches]
        done = (f.result() for f in futures)
        return [r for rs in (progress(done, "comparing", len(batches)) if progress else done) for r in rs]
