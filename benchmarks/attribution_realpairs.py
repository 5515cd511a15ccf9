"""False alarms of the quote and attribution checks on real news that was not copied.

Pairs of PolNeAR articles published on the same day (``../shared/eval/polnear-train``)
share stories, speakers and phrases but mostly did not copy each other. Every
attribution finding there is a candidate false alarm (a few are true: wire
copy, or two outlets quoting one line from different people). Prints the pairs
run, how many share at least one quote, findings per kind, findings per 100
pairs, and each finding for reading.

    .venv/bin/python benchmarks/attribution_realpairs.py [--pairs 400] [--seed 3]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from dedup.attribution import ATTRIBUTION_KINDS
from dedup.compare import compare
from dedup.ingest import read_article

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear-train" / "text"
KINDS = ATTRIBUTION_KINDS


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--quiet", action="store_true", help="totals only")
    args = ap.parse_args()
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} is absent")
        return 0
    by_date = defaultdict(list)
    for p in sorted(POLNEAR.glob("*.txt")):
        m = re.match(r"[^_]+_(\d{4}-\d{2}-\d{2})_", p.name)
        if m:
            by_date[m.group(1)].append(p)
    pairs = [pair for ps in by_date.values() for pair in itertools.combinations(ps, 2)]
    random.Random(args.seed).shuffle(pairs)
    pairs = pairs[: args.pairs]
    cache: dict[Path, object] = {}
    kinds: Counter = Counter()
    sharing = 0
    t0 = time.perf_counter()
    for a, b in pairs:
        src = cache.setdefault(a, read_article(a))
        cpy = cache.setdefault(b, read_article(b))
        cmp = compare(src, cpy)  # type: ignore[arg-type]
        sharing += any(c.verdict != "not_in_source" for c in cmp.quotes)
        for f in cmp.findings:
            if f.kind in KINDS:
                kinds[f.kind] += 1
                if not args.quiet:
                    words = " ".join(f.span.of(cmp.copy.text).split())[:80]
                    print(f"{a.name[:40]} -> {b.name[:40]} | {f.kind} {f.severity} | {words!r}\n    {f.message[:200]}")
    n = len(pairs)
    total = sum(kinds.values())
    print(
        f"{n} same-day pairs ({sharing} share a quote), {(time.perf_counter() - t0) / max(1, n) * 1000:.0f} ms per pair; "
        f"{total} attribution findings = {100 * total / max(1, n):.1f} per 100 pairs"
    )
    for kind in KINDS:
        print(f"  {kind:20s} {kinds[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
