"""Time the HTML report: the seed pair, and a large synthetic comparison with heavy overlaps.

    .venv/bin/python benchmarks/bench_report.py

Prints the median render time (wall and CPU: the CPU figure is steadier on a busy machine) and the page size for each case. Not part of the test run.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dedup.model import Article, Comparison, Edit, Finding, Match, Span  # noqa: E402
from dedup.report.html import render_html  # noqa: E402


def synthetic(paragraphs: int, matches: int, findings: int, seed: int = 1) -> Comparison:
    rnd = random.Random(seed)
    words = "alpha beta gamma delta <b>eps</b> zeta & eta theta".split()
    text = "\n\n".join(" ".join(rnd.choice(words) for _ in range(80)) for _ in range(paragraphs))
    n = len(text)
    ms = []
    for _ in range(matches):
        a = rnd.randrange(n)
        b = min(n, a + rnd.randrange(20, 400))
        edit = Edit("replace", Span(a, min(b, a + 5)), Span(a, min(b, a + 5)), "x", "y")
        ms.append(Match(rnd.choice(["verbatim", "near_verbatim", "paraphrase"]), Span(a, b), Span(a, b), 0.9, (edit,)))
    fs = tuple(Finding("k", "warning", Span(a, a + 10), "m") for a in rnd.sample(range(n - 10), findings))
    return Comparison(Article("s.txt", text), Article("c.txt", text), tuple(ms), 0.5, (), fs)


def seed_pair() -> Comparison:
    from dedup.compare import compare
    from dedup.ingest import read_article

    return compare(read_article(ROOT / "fixtures/001_b8595589250d5d44.txt"),
                   read_article(ROOT / "fixtures/000_3d0b6ed5275008b9.txt"))


def bench(name: str, c: Comparison, runs: int) -> None:
    render_html(c)  # template compile and caches
    times, cpu = [], []
    for _ in range(runs):
        t, p = time.perf_counter(), time.process_time()
        html = render_html(c)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - p)
    words = len(c.copy.text.split())
    print(f"{name:<44} {words:>8} words  {len(c.matches):>5} matches  {len(c.findings):>5} findings  "
          f"median {statistics.median(times) * 1000:8.1f} ms wall {statistics.median(cpu) * 1000:8.1f} ms cpu  "
          f"{len(html) / 1024:6.0f} KB")


if __name__ == "__main__":
    bench("seed pair (fixtures 001 -> 000)", seed_pair(), 20)
    bench("synthetic: 20 paragraphs, 30 matches", synthetic(20, 30, 20), 20)
    bench("synthetic: 2,000 paragraphs, 3,000 matches", synthetic(2000, 3000, 2000), 3)
