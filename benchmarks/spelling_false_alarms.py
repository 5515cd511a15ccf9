"""How often the spelling checks flag real, published news, and how fast they run.

Runs ``dedup.spelling.check_spelling`` over the PolNeAR article texts
(``../shared/eval/polnear-train/text/``, 840 US political news articles from
2016, read in place, never copied) and prints findings per 1,000 words by kind
and severity, the speed in ms per 1,000 words, and a sample of flagged words
with their context so a human can judge which are real errors and which are
false alarms. Published news does contain typos, so the raw rate is an upper
bound on the false-alarm rate.

    .venv/bin/python benchmarks/spelling_false_alarms.py [--dir DIR] [--sample N] [--all]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from dedup.ingest import read_article
from dedup.lexicon import get_lexicon
from dedup.spelling import check_spelling
from dedup.text import WORD_RE

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train" / "text"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of .txt news articles")
    ap.add_argument("--sample", type=int, default=60, help="flagged words to show (random, seeded)")
    ap.add_argument("--all", action="store_true", help="show every flagged word instead of a sample")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    paths = sorted(args.dir.glob("*.txt"))
    if not paths:
        print(f"no articles in {args.dir} (the eval data is absent); nothing to measure")
        return 0

    t0 = time.perf_counter()
    get_lexicon()
    load_s = time.perf_counter() - t0
    articles = [read_article(str(p)) for p in paths]
    words = sum(sum(1 for _ in WORD_RE.finditer(a.text)) for a in articles)

    flagged = []
    t0 = time.perf_counter()
    for a in articles:
        for f in check_spelling(a):
            flagged.append((a, f))
    spent = time.perf_counter() - t0

    by = Counter((f.kind, f.severity) for _, f in flagged)
    print(f"articles: {len(articles)}   words: {words:,}   lexicon load: {load_s * 1000:.0f} ms (once)")
    print(f"speed: {spent * 1000 / words * 1000:.1f} ms per 1,000 words ({spent:.2f} s total, first run, cold caches)")
    print(f"findings: {len(flagged)} = {len(flagged) / words * 1000:.3f} per 1,000 words")
    print(f"{'kind':<14}{'severity':<10}{'count':>7}{'per 1k words':>14}")
    for (kind, sev), n in sorted(by.items()):
        print(f"{kind:<14}{sev:<10}{n:>7}{n / words * 1000:>14.3f}")
    not_info = sum(n for (_, sev), n in by.items() if sev != "info")
    print(f"{'all but info':<24}{not_info:>7}{not_info / words * 1000:>14.3f}")

    shown = flagged if args.all else random.Random(args.seed).sample(flagged, min(args.sample, len(flagged)))
    shown.sort(key=lambda af: (af[1].kind, af[1].span.of(af[0].text).lower()))
    print(
        f"\n{'all' if args.all else 'a sample of'} {len(shown)} flagged words (judge each: real error or false alarm):"
    )
    for a, f in shown:
        s, e = f.span.start, f.span.end
        ctx = " ".join((a.text[max(0, s - 40) : s] + "[" + a.text[s:e] + "]" + a.text[e : e + 40]).split())
        print(
            f"  {f.kind:<13}{f.severity:<8}{a.text[s:e]!r:>20} -> {f.suggestion!r:<18} {Path(a.path).name[:28]}: {ctx}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
