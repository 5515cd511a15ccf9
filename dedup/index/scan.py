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
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xxhash

from dedup.atomic import atomic_open, write_text_atomic
from dedup.index.arrays import sorted_unique
from dedup.index.boilerplate import site_furniture
from dedup.index.corpus import Failure, default_workers, iter_articles, sign_articles
from dedup.index.lsh import band_keys, candidate_pairs
from dedup.index.shingle import shingle_hashes
from dedup.index.signature import Scheme
from dedup.index.store import IndexStore
from dedup.index.verify import Overlap, VerifyParams, orient, true_overlap
from dedup.model import Article
from dedup.text import content_hash

__all__ = ["Corpus", "ScanOptions", "ScanPair", "ScanResult", "families", "load_corpus", "scan", "verify_candidates"]

Progress = Callable[[Iterable, str, int], Iterable]
REPORT_DIR = "pairs"


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


def _no_progress(it: Iterable, desc: str, total: int) -> Iterable:
    return it


def load_corpus(paths: Sequence[str | os.PathLike[str]], options: ScanOptions, db: str | None = None,
                progress: Progress | None = None, exclude: str | os.PathLike[str] | None = None) -> Corpus:
    """Articles under ``paths`` plus those in the index ``db``, signed; one copy of each text per path."""
    progress = progress or _no_progress
    failures: list[Failure] = []
    articles: list[Article] = []
    sigs: list[np.ndarray] = []
    sizes: list[int] = []
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
                indexed.add(content_hash(art.text))
    signed = sign_articles(iter_articles(paths, failures, exclude), options.scheme, workers=options.workers)
    for s in progress(signed, "reading", 0):
        key = (s.article.path, s.content_hash)
        if key in seen or s.content_hash in indexed:  # named twice, or already in the index
            continue
        seen.add(key)
        articles.append(s.article)
        sigs.append(s.signature)
        sizes.append(s.n_shingles)
    p = options.scheme.num_perm
    sig_arr = np.stack(sigs) if sigs else np.empty((0, p), dtype=np.uint32)
    return Corpus(articles, sig_arr, np.array(sizes, dtype=np.int64), failures)


def local_candidates(sigs: np.ndarray, sizes: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Candidate pairs (rows) from band keys, articles without words left out."""
    rows = np.flatnonzero(sizes > 0)
    return candidate_pairs(band_keys(sigs[rows], scheme), rows)


def exhaustive_candidates(sigs: np.ndarray, sizes: np.ndarray, min_share: float) -> np.ndarray:
    """Every pair whose estimated shared shingles reach ``min_share`` of the smaller article (all pairs compared).

    Quadratic, so only for small corpora; the estimate is the same as ``estimate_filter``'s.
    """
    rows = np.flatnonzero(sizes > 0)
    s, n = sigs[rows], sizes[rows].astype(np.float64)
    out = []
    for k in range(len(rows) - 1):
        jac = (s[k + 1 :] == s[k]).mean(axis=1)
        inter = jac * (n[k] + n[k + 1 :]) / (1.0 + jac)
        hit = np.flatnonzero(inter >= min_share * np.minimum(n[k], n[k + 1 :]))
        if len(hit):
            out.append(np.stack((np.full(len(hit), rows[k]), rows[k + 1 + hit]), 1))
    return np.concatenate(out).astype(np.int64) if out else np.empty((0, 2), dtype=np.int64)


def merge_pairs(*groups: np.ndarray) -> np.ndarray:
    """The union of pair arrays, unique and sorted."""
    both = np.concatenate(groups)
    if not len(both):
        return both.reshape(0, 2)
    code = sorted_unique((both[:, 0].astype(np.uint64) << np.uint64(32)) | both[:, 1].astype(np.uint64))
    return np.stack(((code >> np.uint64(32)).astype(np.int64), (code & np.uint64(0xFFFFFFFF)).astype(np.int64)), 1)


def estimate_filter(pairs: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, min_estimate: float,
                    block: int = 65536) -> np.ndarray:
    """The candidate pairs whose estimated shared shingles (over the smaller set) reach ``min_estimate``."""
    keep = np.zeros(len(pairs), dtype=bool)
    for s in range(0, len(pairs), block):
        i, j = pairs[s : s + block, 0], pairs[s : s + block, 1]
        jac = (sigs[i] == sigs[j]).mean(axis=1)
        a, b = sizes[i], sizes[j]
        inter = jac * (a + b) / (1.0 + jac)
        keep[s : s + block] = inter >= min_estimate * np.maximum(np.minimum(a, b), 1)
    return pairs[keep]


def report_name(source: Article, copy: Article) -> str:
    """A file name from a hash of both paths and texts: stable, unique, never outside the folder."""
    h = xxhash.xxh64()
    for part in (source.path, source.text, copy.path, copy.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return f"{REPORT_DIR}/{h.hexdigest()}.html"


@dataclass(frozen=True)
class _Task:
    i: int
    j: int
    a: Article
    b: Article


@dataclass(frozen=True)
class _Checked:
    src: int
    cpy: int
    overlap: Overlap
    reuse: float
    matches: int
    report: str
    error: str | None = None


def _check(task: _Task, scheme: Scheme, params: VerifyParams, out_dir: str | None,
           furniture: np.ndarray | None = None) -> _Checked | None:
    """True overlap (site furniture left out), direction, alignment and report of one pair (runs in a worker)."""
    ha, hb = shingle_hashes(task.a, scheme.shingle), shingle_hashes(task.b, scheme.shingle)
    if furniture is not None and len(furniture):
        ha = ha[~np.isin(ha, furniture, assume_unique=True)]
        hb = hb[~np.isin(hb, furniture, assume_unique=True)]
    ov = true_overlap(ha, hb)
    if ov.containment < params.min_containment:
        return None
    src, cpy = orient(task.a, task.b, ov)
    forward = src is task.a
    ov_directed = ov if forward else Overlap(ov.jaccard, ov.b_in_a, ov.a_in_b)
    si, ci = (task.i, task.j) if forward else (task.j, task.i)
    try:
        from dedup.compare import compare

        comparison = compare(src, cpy, spelling=False)  # pair reports are about reuse
    except Exception as err:  # one bad pair must not sink a batch; it is listed as a failure
        return _Checked(si, ci, ov_directed, 0.0, 0, "", f"{type(err).__name__}: {err}")
    if comparison.reuse_fraction < params.min_reuse or not comparison.matches:
        return None
    name = report_name(src, cpy)
    if out_dir is not None:
        from dedup.report.html import render_html

        write_text_atomic(Path(out_dir, name), render_html(comparison, index_href="../index.html"))
    return _Checked(si, ci, ov_directed, comparison.reuse_fraction, len(comparison.matches), name)


def _check_many(tasks: list[_Task], scheme: Scheme, params: VerifyParams, out_dir: str | None,
                furniture: np.ndarray | None = None) -> list[_Checked]:
    return [c for t in tasks if (c := _check(t, scheme, params, out_dir, furniture)) is not None]


def verify_candidates(
    corpus: Corpus,
    pairs: np.ndarray,
    options: ScanOptions,
    out_dir: str | None,
    progress: Progress | None = None,
) -> tuple[list[ScanPair], list[Failure]]:
    """Check candidate pairs on every core; write a report per verified pair when ``out_dir`` is given."""
    progress = progress or _no_progress
    arts = corpus.articles
    furniture = site_furniture(arts, sorted_unique(pairs.ravel()), options.scheme.shingle) if len(pairs) else None
    tasks = [_Task(int(i), int(j), arts[i], arts[j]) for i, j in pairs]
    workers = options.workers or default_workers()
    chunk = 8
    batches = [tasks[k : k + chunk] for k in range(0, len(tasks), chunk)]
    checked: list[_Checked] = []
    if workers == 1 or len(tasks) < 16:
        results: Iterator[list[_Checked]] = (_check_many(b, options.scheme, options.verify, out_dir, furniture)
                                                  for b in batches)
        for r in progress(results, "verifying", len(batches)):
            checked.extend(r)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_check_many, b, options.scheme, options.verify, out_dir, furniture) for b in batches]
            for fut in progress((f.result() for f in futures), "verifying", len(batches)):
                checked.extend(fut)
    out, failures = [], []
    for c in checked:
        src, cpy = arts[c.src], arts[c.cpy]
        if c.error:
            failures.append(Failure(f"{src.path} + {cpy.path}", f"could not compare ({c.error})"))
            continue
        out.append(ScanPair(src, cpy, c.reuse, c.overlap.jaccard, c.overlap.b_in_a, c.overlap.a_in_b, c.matches, c.report))
    out.sort(key=lambda p: (-p.reuse, p.source.path, p.copy.path))
    return out, failures


def families(pairs: Sequence[ScanPair]) -> list[list[int]]:
    """Story families: connected groups of pairs (indices into ``pairs``), biggest first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def key(a: Article) -> str:
        return a.path + "\x00" + content_hash(a.text)

    for p in pairs:
        ra, rb = find(key(p.source)), find(key(p.copy))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[int]] = {}
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
    timings: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    if options.engine == "spark":
        from dedup.index.spark import spark_corpus_and_candidates

        corpus, cands = spark_corpus_and_candidates(paths, options, db=None if db is None else str(db), exclude=out_dir)
    else:
        corpus = load_corpus(paths, options, None if db is None else str(db), progress, exclude=out_dir)
        timings.append(("read_sign", time.perf_counter() - t0))
        t0 = time.perf_counter()
        cands = local_candidates(corpus.sigs, corpus.sizes, options.scheme)
    if len(corpus.articles) <= options.exhaustive:  # on both engines, so they agree
        cands = merge_pairs(cands, exhaustive_candidates(corpus.sigs, corpus.sizes, options.verify.min_estimate))
    timings.append(("candidates", time.perf_counter() - t0))
    t0 = time.perf_counter()
    est = estimate_filter(cands, corpus.sigs, corpus.sizes, options.verify.min_estimate)
    target = None if out_dir is None or not options.reports else str(out_dir)
    pairs, pair_failures = verify_candidates(corpus, est, options, target, progress)
    timings.append(("verify_report", time.perf_counter() - t0))
    if out_dir is not None:
        t0 = time.perf_counter()
        write_outputs(pairs, Path(out_dir), with_reports=options.reports)
        timings.append(("index", time.perf_counter() - t0))
    return ScanResult(tuple(pairs), tuple(corpus.failures + pair_failures), len(corpus.articles), len(cands), len(est),
                      tuple(timings))


def write_outputs(pairs: Sequence[ScanPair], out_dir: Path, *, with_reports: bool = True) -> None:
    """``pairs.jsonl`` and ``index.html``, each written atomically."""
    import json

    from dedup.report.index_page import render_index

    with atomic_open(out_dir / "pairs.jsonl") as fh:
        for p in pairs:
            fh.write(json.dumps(pair_record(p), ensure_ascii=False) + "\n")
    write_text_atomic(out_dir / "index.html", render_index(pairs, families(pairs), with_reports=with_reports))
