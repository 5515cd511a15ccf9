"""Regenerate the example HTML reports in ``reports/`` from the articles in ``fixtures/``.

    .venv/bin/python scripts/render_examples.py            # write reports/*.html
    .venv/bin/python scripts/render_examples.py --check    # exit 1 when a report is out of date

The pairs come from ``fixtures/expectations.json``: the seed pair (the op-ed and the
story rewritten from it) and the negative controls (same war, different text).
Paths are given relative to the repository so the reports do not name this machine,
and rendering is deterministic, so an unchanged pipeline rewrites identical bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pairs(fixtures: Path) -> list[tuple[str, str, str]]:
    """``(file name, source, copy)`` for every pair the expectations name, source and copy relative to the repo."""
    exp = json.loads((fixtures / "expectations.json").read_text(encoding="utf-8"))
    rel = fixtures.relative_to(ROOT)
    out = []
    for i, pair in enumerate([exp["pair"], *exp.get("negative_pairs", [])]):
        src, cp = pair["source"], pair["copy"]
        label = "seed" if i == 0 else "negative"
        out.append((f"{label}-{src[:3]}-to-{cp[:3]}.html", str(rel / src), str(rel / cp)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="reports", help="output folder, relative to the repository (default: reports)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if any report would change")
    args = ap.parse_args(argv)

    os.chdir(ROOT)  # relative article paths in the reports
    sys.path.insert(0, str(ROOT))
    from dedup.atomic import write_text_atomic
    from dedup.compare import compare
    from dedup.ingest import read_article
    from dedup.report.html import render_html

    stale = []
    for name, src, cp in pairs(ROOT / "fixtures"):
        comparison = compare(read_article(src), read_article(cp))
        html = render_html(comparison)
        target = Path(args.out) / name
        kinds = {k: sum(m.kind == k for m in comparison.matches) for k in ("verbatim", "near_verbatim", "paraphrase")}
        print(f"{target}: {comparison.reuse_fraction:.1%} reused, {kinds}, "
              f"{len(comparison.quotes)} quotes, {len(comparison.findings)} findings")
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != html:
                stale.append(str(target))
        else:
            write_text_atomic(target, html)
    if stale:
        print("out of date:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
