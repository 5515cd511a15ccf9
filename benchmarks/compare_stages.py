"""Where a pair's time goes, stage by stage, and a guard that a speed-up changed no output.

    .venv/bin/python benchmarks/compare_stages.py                 # CPU per stage
    .venv/bin/python benchmarks/compare_stages.py --save OUT.pkl  # also record every output
    .venv/bin/python benchmarks/compare_stages.py --check OUT.pkl # recompute and compare with OUT.pkl

The pairs are the ones a scan compares: the verified pairs of the NewsArticles scan corpus (built by
``scan_bench.py``'s cache; about 530 pairs), the seed pair and negatives, the attribution fixtures, and
150 PolNeAR article pairs when ``../shared/eval`` is present (quote-heavy). Each pair runs every stage of
``compare`` and ``render_html`` separately, first time (no article cache), with the garbage collector
set as in a scan worker. ``--check`` exits 1 on any difference in sentences, quotes, the Comparison or
the HTML: record outputs before a refactor, check after.
"""

from __future__ import annotations

import argparse
import collections
import gc
import pickle
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_corpus import CACHE, news_articles, planted_corpus, write_jsonl  # noqa: E402

from dedup.align import align, reuse_fraction  # noqa: E402
from dedup.attribution import AttributionInputs, attribution_findings  # noqa: E402
from dedup.compare import compare  # noqa: E402
from dedup.index.candidates import estimate_filter, exhaustive_candidates, local_candidates, merge_pairs  # noqa: E402
from dedup.index.scan import ScanOptions, directed_pairs, load_corpus  # noqa: E402
from dedup.ingest import read_article  # noqa: E402
from dedup.quotes import extract_quotes  # noqa: E402
from dedup.report.html import render_html  # noqa: E402
from dedup.segment import segment  # noqa: E402
from dedup.verify import check_quotes  # noqa: E402
from dedup.voice import source_voice  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear-train" / "text"


def scan_pairs() -> list:
    """The directed pairs the NewsArticles scan (60 planted copies) sends to compare."""
    path = write_jsonl(planted_corpus(news_articles(), 60, seed=3, max_strength=0.15).records,
                       CACHE / "scan-news-60-v2.jsonl")
    opts = ScanOptions(workers=2)
    corpus = load_corpus([path], opts)
    cands = merge_pairs(local_candidates(corpus.sigs, corpus.sizes, opts.scheme),
                        exhaustive_candidates(corpus.sigs, corpus.sizes, opts.verify.min_estimate))
    est = estimate_filter(cands, corpus.sigs, corpus.sizes, opts.verify.min_estimate)
    arts = corpus.articles
    return [(arts[d.source], arts[d.copy]) for d in directed_pairs(corpus, est, opts)]


def fixture_pairs() -> list:
    fx = ROOT / "fixtures"
    seeds = [read_article(p) for p in sorted(fx.glob("00*.txt"))]
    out = [(seeds[0], seeds[1]), (seeds[0], seeds[2]), (seeds[1], seeds[2])]
    for name in ("oped", "statement", "wire"):
        out.append((read_article(fx / "attribution" / f"{name}_source.txt"),
                    read_article(fx / "attribution" / f"{name}_copy.txt")))
    if POLNEAR.is_dir():
        sample = random.Random(7).sample(sorted(POLNEAR.glob("*.txt")), 300)
        arts = [read_article(p) for p in sample]
        out += list(zip(arts[::2], arts[1::2], strict=True))
    return out


def stages(source, copy, spent: collections.Counter) -> tuple:
    def tick(name: str, t0: float) -> float:
        t = time.process_time()
        spent[name] += t - t0
        return t

    t = time.process_time()
    ss, cs = segment(source), segment(copy)
    t = tick("segment (both)", t)
    matches = tuple(align(source, copy, ss, cs))
    t = tick("align", t)
    sq, cq = extract_quotes(source), extract_quotes(copy)
    t = tick("extract_quotes (both)", t)
    voice = source_voice(source)
    t = tick("source_voice", t)
    checks = check_quotes(source, copy, cq, sq, source_sentences=ss, copy_sentences=cs,
                          source_speakers=[voice.name] if voice.name else [],
                          related=any(m.kind != "paraphrase" for m in matches))
    t = tick("check_quotes", t)
    attribution_findings(AttributionInputs(source=source, copy=copy, checks=checks, matches=matches, copy_quotes=cq,
                                           source_quotes=sq, source_sentences=ss, copy_sentences=cs, voice=voice))
    t = tick("attribution_findings", t)
    reuse_fraction(copy, matches)
    t = tick("reuse_fraction", t)
    comparison = compare(source, copy, spelling=False)
    t = tick("(compare, whole, warm)", t)
    html = render_html(comparison, index_href="../index.html")
    tick("render_html", t)
    return ss, cs, sq, cq, comparison, html


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", type=Path)
    ap.add_argument("--check", type=Path)
    ap.add_argument("--no-scan", action="store_true", help="only the fixture and PolNeAR pairs")
    args = ap.parse_args()
    pairs = ([] if args.no_scan else scan_pairs()) + fixture_pairs()
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)  # as in a scan worker
    spent: collections.Counter = collections.Counter()
    outs = [stages(s, c, spent) for s, c in pairs]
    print(f"{len(pairs)} pairs; CPU per pair, first time (no article cache)")
    for name, secs in spent.items():
        print(f"  {name:24s} {1000 * secs / len(pairs):6.2f} ms   ({secs:5.2f} s)")
    if args.save:
        with args.save.open("wb") as fh:
            pickle.dump(outs, fh)
    if args.check:
        with args.check.open("rb") as fh:
            base = pickle.load(fh)
        names = ("sentences (source)", "sentences (copy)", "quotes (source)", "quotes (copy)", "comparison", "html")
        bad: collections.Counter = collections.Counter()
        for i, (a, b) in enumerate(zip(base, outs, strict=True)):
            for name, x, y in zip(names, a, b, strict=True):
                if x != y:
                    if not bad[name]:
                        print(f"  first difference in {name}: pair {i}, {pairs[i][0].path} -> {pairs[i][1].path}")
                    bad[name] += 1
        print("differences:", dict(bad) if bad else "none")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
