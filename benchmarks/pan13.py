"""PAN 2013 text alignment on the sample in ../shared/eval/pan13-train-sample: plagdet per subset.

Run: ``.venv/bin/python benchmarks/pan13.py [--subset NAME] [--workers N]``

Prints precision, recall, granularity and plagdet (Potthast et al., 2010) per
obfuscation subset and over all pairs pooled, with the wall time. Documents
are read from ../shared and never copied, through the same path as the
command line (``read_article`` then ``segment``): what this prints is what
``dedup compare --pairs`` gives on these documents.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dedup.align import AlignOptions, align
from dedup.ingest import read_article
from dedup.model import Article
from dedup.segment import segment

ROOT = Path(__file__).resolve().parent.parent
PAN = ROOT.parent / "shared" / "eval" / "pan13-train-sample"

Range = tuple[int, int]


@dataclass(frozen=True)
class Case:
    """One true case or one detection: a pair id and a character range on each side."""

    pair: int
    susp: Range
    src: Range


def read(path: Path) -> Article:
    return read_article(path)


def true_cases(xml_path: Path, pair: int) -> list[Case]:
    out = []
    for f in ET.parse(xml_path).getroot():
        if f.get("name") == "plagiarism":
            t, s = int(f.get("this_offset")), int(f.get("source_offset"))
            out.append(Case(pair, (t, t + int(f.get("this_length"))), (s, s + int(f.get("source_length")))))
    return out


def detect(job: tuple[int, str, str, AlignOptions]) -> list[Case]:
    pair, susp, src, options = job
    s_art, c_art = read(PAN / "src" / src), read(PAN / "susp" / susp)
    matches = align(s_art, c_art, segment(s_art), segment(c_art), options=options)
    return [Case(pair, (m.copy_span.start, m.copy_span.end), (m.source_span.start, m.source_span.end)) for m in matches]


def _overlap(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered(r: Range, others: list[Range]) -> int:
    """Characters of ``r`` inside the union of ``others``."""
    chars = set()
    for o in others:
        lo, hi = max(r[0], o[0]), min(r[1], o[1])
        if lo < hi:
            chars.update(range(lo, hi))
    return len(chars)


def _detects(r: Case, s: Case) -> bool:
    return r.pair == s.pair and _overlap(r.susp, s.susp) > 0 and _overlap(r.src, s.src) > 0


def plagdet(cases: list[Case], dets: list[Case]) -> dict[str, float]:
    """PAN's measures, character level on both sides; a detection counts for a case it overlaps on both."""

    def part(x: Case, ys: list[Case]) -> float:
        hit = [y for y in ys if _detects(x, y)]
        covered = _covered(x.susp, [y.susp for y in hit]) + _covered(x.src, [y.src for y in hit])
        return covered / ((x.susp[1] - x.susp[0]) + (x.src[1] - x.src[0]))

    prec = sum(part(r, cases) for r in dets) / len(dets) if dets else 0.0
    rec = sum(part(s, dets) for s in cases) / len(cases) if cases else 0.0
    counts = [sum(_detects(r, s) for r in dets) for s in cases]
    detected = [n for n in counts if n]
    gran = sum(detected) / len(detected) if detected else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": prec,
        "recall": rec,
        "granularity": gran,
        "plagdet": f1 / math.log2(1 + gran),
        "cases": len(cases),
        "detections": len(dets),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subset", help="only this subset folder")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="an AlignOptions field")
    args = ap.parse_args()
    fields = {f.name: f.type for f in dataclasses.fields(AlignOptions)}
    changes = {}
    for item in args.set:
        name, _, value = item.partition("=")
        kind = str(fields[name])
        changes[name] = (
            value.lower() in ("1", "true") if "bool" in kind else int(value) if "int" in kind else float(value)
        )
    options = dataclasses.replace(AlignOptions(), **changes)
    if not PAN.is_dir():
        print(f"skip: {PAN} is absent", file=sys.stderr)
        return 0
    subsets = sorted(p for p in PAN.iterdir() if p.is_dir() and (p / "pairs").exists())
    if args.subset:
        subsets = [p for p in subsets if p.name == args.subset]
    jobs, truth, where = [], [], []
    for sub in subsets:
        for line in (sub / "pairs").read_text().split("\n"):
            if not line.strip():
                continue
            susp, src = line.split()
            pair = len(jobs)
            jobs.append((pair, susp, src, options))
            where.append(sub.name)
            truth.extend(true_cases(sub / f"{Path(susp).stem}-{Path(src).stem}.xml", pair))
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) if args.workers > 1 else _Serial() as ex:
        found = [c for cs in ex.map(detect, jobs) for c in cs]
    wall = time.perf_counter() - t0
    print(f"{'subset':28} {'plagdet':>8} {'prec':>6} {'rec':>6} {'gran':>6} {'cases':>6} {'dets':>6}")
    for sub in [s.name for s in subsets] + ["overall"]:
        keep = {i for i, w in enumerate(where) if sub in ("overall", w)}
        m = plagdet([c for c in truth if c.pair in keep], [d for d in found if d.pair in keep])
        print(
            f"{sub:28} {m['plagdet']:8.4f} {m['precision']:6.3f} {m['recall']:6.3f} {m['granularity']:6.3f}"
            f" {m['cases']:6d} {m['detections']:6d}"
        )
    print(f"pairs {len(jobs)}, wall time {wall:.1f} s ({args.workers} worker(s), segmentation included)")
    return 0


class _Serial:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, items):
        return map(fn, items)


if __name__ == "__main__":
    sys.exit(main())
