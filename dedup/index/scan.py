"""The batch scan: every pair of articles sharing text, verified, aligned and reported.

read + sign (all cores) -> candidate pairs from band keys (numpy, or Spark)
-> estimated overlap from signatures -> true overlap of shingle sets ->
direction (earlier date, else the more contained) -> ``compare`` -> one HTML
report per pair (all cores) -> ``pairs.jsonl`` and ``index.html``.

The library never prints: progress goes through an optional wrapper the CLI
supplies (tqdm on a terminal), unreadable inputs come back as ``Failure``s.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dedup.arrays import sorted_unique
from dedup.atomic import CAN_DEFER_SYNC, atomic_open, sync_filesystem, write_text_atomic
from dedup.index.boilerplate import site_furniture
from dedup.index.candidates import estimate_filter, exhaustive_candidates, local_candidates, merge_pairs
from dedup.index.corpus import Failure, default_workers, iter_articles, sign_articles
from dedup.index.groups import components
from dedup.index.pair_reports import PairTask, run_pairs, warm_up, worker_start
from dedup.index.shingle_sets import ShingleSets, may_reach
from dedup.index.signature import Scheme
from dedup.index.store import IndexStore
from dedup.index.verify import Directed, VerifyParams, verify_pairs
from dedup.model import Article
from dedup.text import content_hash

__all__ = ["Corpus", "ScanOptions", "ScanPair", "ScanResult", "directed_pairs", "families", "load_corpus", "scan",
           "verify_candidates"]

Progress = Callable[[Iterable, str, int], Iterable]


@dataclass(frozen=True)
class ScanOptions:
    """How to scan: signature scheme (taken from the index when one is given), thresholds, engine."""

    scheme: Scheme = field(default_factory=Scheme)
    verify: VerifyParams = field(default_factory=VerifyParams)
    workers: int | None = None
    engine: str = "local"  # or "spark"
    master: str | None = None  # Spark master; default local[*]
    reports: bool = True
    # Up to this many articles every pair's signatures are also compared (about 2 s at 5,000): it finds the
    # partial copies band keys miss (a story that lifted three paragraphs of a long one has Jaccard 0.1).
    exhaustive: int = 5000
    # Shingle hashes kept from signing for the true-overlap check, up to this many in all (4 bytes each);
    # past it the rest are hashed again when a candidate pair needs them.
    keep_shingles: int = 25_000_000


@dataclass(frozen=True)
class ScanPair:
    """One verified pair, directed: ``copy`` derives from ``source``."""

    source: Article
    copy: Article
    reuse: float  # share of the copy's characters inside matches
    jaccard: float
    copy_in_source: float  # share of the copy's shingles found in the source
    source_in_copy: float
    matches: int
    report: str  # relative to the output folder


@dataclass(frozen=True)
class ScanResult:
    """What a scan found, and what it could not read."""

    pairs: tuple[ScanPair, ...]
    failures: tuple[Failure, ...]
    articles: int
    candidates: int  # pairs sharing a band key
    estimated: int  # of those, passing the signature estimate
    timings: tuple[tuple[str, float], ...] = ()


@dataclass
class Corpus:
    """The articles of one scan with their signatures (row ``i`` of ``sigs`` signs ``articles[i]``)."""

    articles: list[Article]
    sigs: np.ndarray
    sizes: np.ndarray
    failures: list[Failure]
    shingles: list[np.ndarray | None] = field(default_factory=list)  # row -> kept shingle hashes, if any


def _no_progress(it: Iterable, desc: str, total: int) -> Iterable:
    return it


def load_corpus(paths: Sequence[str | os.PathLike[str]], options: ScanOptions, db: str | None = None,
                progress: Progress | None = None, exclude: str | os.PathLike[str] | None = None,
                pool: Executor | None = None) -> Corpus:
    """Articles under ``paths`` plus those in the index ``db``, signed; one copy of each text per path.

    ``pool``: a process pool of ``options.workers`` to sign on (else one is started).
    """
    progress = progress or _no_progress
    failures: list[Failure] = []
    articles: list[Article] = []
    sigs: list[np.ndarray] = []
    sizes: list[int] = []
    shingles: list[np.ndarray | None] = []
    seen: set[tuple[str, str]] = set()
    indexed: set[str] = set()
    if db is not None:
        with IndexStore(db) as store:
            ids, stored, counts = store.signatures()
            for i, sig, n in zip(ids, stored, counts, strict=True):
                art = store.article(int(i))
                articles.append(art)
                sigs.append(sig)
                sizes.append(int(n))
                shingles.append(None)
                indexed.add(content_hash(art.text))
    budget = options.keep_shingles
    signed = sign_articles(iter_articles(paths, failures, exclude), options.scheme, workers=options.workers,
                           keep_shingles=budget > 0, pool=pool)
    for s in progress(signed, "reading", 0):
        key = (s.article.path, s.content_hash)
        if key in seen or s.content_hash in indexed:  # named twice, or already in the index
            continue
        seen.add(key)
        articles.append(s.article)
        sigs.append(s.signature)
        sizes.append(s.n_shingles)
        keep = s.shingles is not None and len(s.shingles) <= budget
        shingles.append(s.shingles if keep else None)
        budget -= s.n_shingles if keep else 0
    p = options.scheme.num_perm
    sig_arr = np.stack(sigs) if sigs else np.empty((0, p), dtype=np.uint32)
    return Corpus(articles, sig_arr, np.array(sizes, dtype=np.int64), failures, shingles)


def row_shingles(corpus: Corpus, rows: np.ndarray, scheme: Scheme, workers: int,
                 pool: Executor | None = None) -> dict[int, np.ndarray]:
    """Sorted shingle hashes of the given rows: kept from signing where possible, else computed on every core."""
    out: dict[int, np.ndarray] = {}
    missing = []
    for r in rows.tolist():
        kept = corpus.shingles[r] if r < len(corpus.shingles) else None
        if kept is not None:
            out[r] = kept
        else:
            missing.append(r)
    if missing:
        found = sign_articles((corpus.articles[r] for r in missing), scheme, workers=workers, keep_shingles=True,
                              pool=pool)
        for r, s in zip(missing, found, strict=True):
            out[r] = s.shingles if s.shingles is not None else np.empty(0, dtype=np.uint32)
    return out


def directed_pairs(corpus: Corpus, pairs: np.ndarray, options: ScanOptions,
                   pool: Executor | None = None) -> list[Directed]:
    """The candidate pairs whose true containment passes, each directed (``verify_pairs``).

    One outlet's furniture (``site_furniture``, learnt from the candidates'
    articles) is left out of the shingles first; a bitset bound (``may_reach``)
    spares the exact check the pairs that cannot pass.
    """
    arts = corpus.articles
    rows = sorted_unique(pairs.ravel()) if len(pairs) else np.empty(0, dtype=np.int64)
    sets = ShingleSets.of(rows, row_shingles(corpus, rows, options.scheme, options.workers or default_workers(), pool))
    sets = sets.without(site_furniture(sets, [arts[r].outlet for r in rows.tolist()]))
    if len(pairs) > 2 * len(rows):  # the bound's bitsets cost about what two exact checks per article do
        pairs = pairs[may_reach(pairs, sets, options.verify.min_containment)]
    return verify_pairs(pairs, arts, sets.mapping(), options.verify)


def verify_candidates(
    corpus: Corpus,
    pairs: np.ndarray,
    options: ScanOptions,
    out_dir: str | None,
    progress: Progress | None = None,
    pool: Executor | None = None,
) -> tuple[list[ScanPair], list[Failure]]:
    """Check candidate pairs by true overlap (``directed_pairs``), then compare and report the ones that
    pass, on every core; a report is written per kept pair when ``out_dir`` is given."""
    arts = corpus.articles
    workers = options.workers or default_workers()
    directed = directed_pairs(corpus, pairs, options, pool)
    tasks = [PairTask(d.source, d.copy, arts[d.source], arts[d.copy]) for d in directed]
    overlap = {(d.source, d.copy): d.overlap for d in directed}
    with _flushing(out_dir):
        results = run_pairs(tasks, options.verify.min_reuse, out_dir, workers, progress, pool=pool)
    out, failures = [], []
    for r in results:
        src, cpy = arts[r.source_row], arts[r.copy_row]
        if r.error:
            failures.append(Failure(f"{src.path} + {cpy.path}", f"could not compare ({r.error})"))
            continue
        ov = overlap[r.source_row, r.copy_row]
        out.append(ScanPair(src, cpy, r.reuse, ov.jaccard, ov.b_in_a, ov.a_in_b, r.matches, r.report))
    out.sort(key=lambda p: (-p.reuse, p.source.path, p.copy.path))
    failures.sort(key=lambda f: f.path)
    return out, failures


@contextmanager
def _flushing(out_dir: str | None, every: float = 1.0) -> Iterator[None]:
    """While reports are written, flush them to disk every ``every`` seconds on a thread (the parent only waits
    meanwhile), so the one sync before ``index.html`` finds little left to write."""
    if out_dir is None or not CAN_DEFER_SYNC:
        yield
        return
    done = threading.Event()

    def flush() -> None:
        while not done.wait(every):
            try:
                sync_filesystem(out_dir)
            except OSError:  # only a head start: the sync before index.html reports its own failure
                return

    thread = threading.Thread(target=flush, name="dedup-flush", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def families(pairs: Sequence[ScanPair]) -> list[list[int]]:
    """Story families: connected groups of pairs (indices into ``pairs``), biggest first."""

    ids: dict[tuple[str, str], int] = {}

    def key(a: Article) -> int:
        return ids.setdefault((a.path, a.text), len(ids))  # a string caches its hash: no digest of every text

    find = components((key(p.source), key(p.copy)) for p in pairs)
    groups: dict[int, list[int]] = {}
    for n, p in enumerate(pairs):
        groups.setdefault(find(key(p.source)), []).append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def pair_record(pair: ScanPair) -> dict:
    """The ``pairs.jsonl`` line of ``../shared/CONTRACT.md`` (plus overlap figures)."""
    from dedup.report.jsonout import article_dict

    return {
        "source": article_dict(pair.source, with_text=False),
        "copy": article_dict(pair.copy, with_text=False),
        "reuse": {"fraction": round(pair.reuse, 4)},
        "report": pair.report,
        "overlap": {
            "jaccard": round(pair.jaccard, 4),
            "copy_in_source": round(pair.copy_in_source, 4),
            "source_in_copy": round(pair.source_in_copy, 4),
        },
        "matches": pair.matches,
    }


def scan(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None,
    *,
    db: str | os.PathLike[str] | None = None,
    options: ScanOptions | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Find, verify and report every pair of articles under ``paths`` (and in ``db``) sharing text.

    With ``out_dir`` None nothing is written (the pairs are still returned).
    """
    options = options or ScanOptions()
    if db is not None:
        with IndexStore(db) as store:  # the index's scheme wins: its signatures were made with it
            options = dataclasses.replace(options, scheme=store.scheme)
    workers = options.workers or default_workers()
    # One pool for the whole scan, started first, so none of its workers is forked from a parent holding
    # the corpus: they sign, warm up for the comparisons while the parent verifies, then compare.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_start, initargs=(False,)) if workers > 1 else None
    with pool if pool is not None else nullcontext():
        return _scan(paths, out_dir, None if db is None else str(db), options, progress, pool)


def _scan(paths: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str] | None, db: str | None,
          options: ScanOptions, progress: Progress | None, pool: Executor | None) -> ScanResult:
    timings: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    if options.engine == "spark":
        from dedup.index.spark import spark_corpus_and_candidates

        corpus, cands = spark_corpus_and_candidates(paths, options, db=db, exclude=out_dir)
        _warm_workers(pool, options)
    else:
        corpus = load_corpus(paths, options, db, progress, exclude=out_dir, pool=pool)
        timings.append(("read_sign", time.perf_counter() - t0))
        _warm_workers(pool, options)
        t0 = time.perf_counter()
        cands = local_candidates(corpus.sigs, corpus.sizes, options.scheme)
    if len(corpus.articles) <= options.exhaustive:  # on both engines, so they agree
        found = exhaustive_candidates(corpus.sigs, corpus.sizes, options.verify.min_estimate,
                                      threads=options.workers or default_workers())
        cands = merge_pairs(cands, found)
    timings.append(("candidates", time.perf_counter() - t0))
    t0 = time.perf_counter()
    est = estimate_filter(cands, corpus.sigs, corpus.sizes, options.verify.min_estimate)
    target = None if out_dir is None or not options.reports else str(out_dir)
    pairs, pair_failures = verify_candidates(corpus, est, options, target, progress, pool=pool)
    timings.append(("verify_report", time.perf_counter() - t0))
    if out_dir is not None:
        t0 = time.perf_counter()
        write_outputs(pairs, Path(out_dir), with_reports=options.reports)
        timings.append(("index", time.perf_counter() - t0))
    return ScanResult(tuple(pairs), tuple(corpus.failures + pair_failures), len(corpus.articles), len(cands), len(est),
                      tuple(timings))


def _warm_workers(pool: Executor | None, options: ScanOptions) -> None:
    """One ``warm_up`` per worker, taken by idle workers (a worker that takes two skips the second)."""
    if pool is not None:
        for _ in range(options.workers or default_workers()):
            pool.submit(warm_up)


def write_outputs(pairs: Sequence[ScanPair], out_dir: Path, *, with_reports: bool = True) -> None:
    """``pairs.jsonl`` and ``index.html``, each written atomically."""
    import json

    from dedup.report.index_page import render_index

    if with_reports and pairs:
        sync_filesystem(out_dir)  # the reports reach the disk before the index that links them
    with atomic_open(out_dir / "pairs.jsonl") as fh:
        for p in pairs:
            fh.write(json.dumps(pair_record(p), ensure_ascii=False) + "\n")
    write_text_atomic(out_dir / "index.html", render_index(pairs, families(pairs), with_reports=with_reports))
