"""How the archive finds real reuse: PAN 2013 text-alignment pairs (../shared/eval/pan13-train-sample).

    .venv/bin/python benchmarks/scan_pan13.py

PAN's suspicious documents embed reused passages (verbatim, noised, machine-translated, summarised)
inside unrelated text, so a pair's Jaccard is low even when a passage is copied whole. For each
labelled pair this prints, per subset: how often the article-level LSH (64 bands of 2 rows) makes
the pair a candidate, how often ``find_sources`` (every signature compared, then true containment,
the path ``dedup lint --against`` takes) finds the source, and the median Jaccard and containment.
The negative subset (01) shows the false alarms. Skips when the evaluation data is absent.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

from dedup.index.corpus import sign_one
from dedup.index.lsh import band_keys
from dedup.index.shingle import shingle_hashes
from dedup.index.signature import Scheme
from dedup.index.verify import estimated_overlap, true_overlap
from dedup.model import Article

PAN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "pan13-train-sample"
THRESHOLD = 0.15  # find_sources' default


def main() -> None:
    if not PAN.is_dir():
        print(f"skipped: {PAN} is absent")
        return
    scheme = Scheme()
    cache: dict[Path, tuple] = {}

    def signed(path: Path):
        if path not in cache:
            art = Article(str(path), path.read_bytes().decode("utf-8", "replace"))  # some PAN files hold NULs
            cache[path] = (sign_one(art, scheme), shingle_hashes(art))
        return cache[path]

    t0 = time.perf_counter()
    print(f"{'subset':28} pairs  LSH candidate  find_sources  median Jaccard  median containment")
    for subset in sorted(p for p in PAN.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        lines = [ln.split() for ln in (subset / "pairs").read_text().splitlines() if ln.strip()]
        cand = found = 0
        jac, con = [], []
        for susp, src in lines:
            (a, ha), (b, hb) = signed(PAN / "susp" / susp), signed(PAN / "src" / src)
            ka, kb = band_keys(np.stack([a.signature, b.signature]), scheme)
            cand += bool((ka == kb).any())
            est = estimated_overlap(a.signature, a.n_shingles, b.signature[None, :], np.array([b.n_shingles]))[0]
            ov = true_overlap(ha, hb)
            found += est >= THRESHOLD / 2 and ov.containment >= THRESHOLD
            jac.append(ov.jaccard)
            con.append(ov.containment)
        n = len(lines)
        print(f"{subset.name:28} {n:5}  {cand / n:12.0%}  {found / n:12.0%}  {statistics.median(jac):14.3f}  "
              f"{statistics.median(con):18.3f}")
    print(f"{time.perf_counter() - t0:.1f} s for {len(cache)} documents")


if __name__ == "__main__":
    sys.exit(main())
