"""Quote verdicts and attribution findings on the hand-made held-out pairs and the seed pair.

Prints, per pair: quote verdicts right, expected findings found (recall),
attribution findings not in the expected list (unexpected), severity errors,
and the wall time of ``compare``; then totals. The negative seed pairs are run
too: any attribution finding or claimed quote there counts as a false alarm.

    .venv/bin/python benchmarks/attribution_heldout.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dedup.attribution import ATTRIBUTION_KINDS
from dedup.compare import compare
from dedup.ingest import read_article
from dedup.model import Span

ROOT = Path(__file__).resolve().parent.parent
KINDS = ATTRIBUTION_KINDS
SEED_KIND = {"venue": "venue_drift", "speaker": "speaker_changed", "hedge": "hedge_dropped"}


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def run_pair(source_path: Path, copy_path: Path, quotes: list[dict], findings: list[dict]) -> dict:
    source, copy = read_article(source_path), read_article(copy_path)
    t0 = time.perf_counter()
    cmp = compare(source, copy)
    ms = (time.perf_counter() - t0) * 1000
    text = copy.text
    right = 0
    for item in quotes:
        target = _span(text, item["copy"])
        got = [c.verdict for c in cmp.quotes if c.quote.span.overlaps(target)]
        right += bool(got) and got[0] == item["verdict"]
    ours = [f for f in cmp.findings if f.kind in KINDS]
    used: set[int] = set()
    found = severity_wrong = 0
    for item in findings:
        target = _span(text, item["copy"])
        hits = [i for i, f in enumerate(ours) if f.kind == item["kind"] and f.span.overlaps(target)]
        if hits:
            found += 1
            used.update(hits)
            if item.get("severity") and ours[hits[0]].severity != item["severity"]:
                severity_wrong += 1
    for item in quotes:  # an altered verdict is expected to come with its quote_altered finding
        if item["verdict"] == "altered":
            target = _span(text, item["copy"])
            used.update(i for i, f in enumerate(ours) if f.kind == "quote_altered" and f.span.overlaps(target))
    unexpected = [f for i, f in enumerate(ours) if i not in used]
    return {
        "pair": f"{source_path.name} -> {copy_path.name}",
        "quotes": (right, len(quotes)),
        "findings": (found, len(findings)),
        "unexpected": [(f.kind, " ".join(f.span.of(text).split())[:60]) for f in unexpected],
        "severity_wrong": severity_wrong,
        "ms": ms,
    }


def main() -> int:
    results = []
    held = json.loads((ROOT / "fixtures/attribution/expected.json").read_text(encoding="utf-8"))
    for pair in held["pairs"]:
        base = ROOT / "fixtures/attribution"
        results.append(run_pair(base / pair["source"], base / pair["copy"], pair["quotes"], pair["findings"]))
    seed = json.loads((ROOT / "fixtures/expectations.json").read_text(encoding="utf-8"))
    seed_findings = [{"kind": SEED_KIND[a["kind"]], "copy": a["copy"]} for a in seed["attribution"]]
    seed_findings.append({"kind": "quote_not_in_source", "copy": "largely bluster", "severity": "error"})
    results.append(
        run_pair(
            ROOT / "fixtures" / seed["pair"]["source"],
            ROOT / "fixtures" / seed["pair"]["copy"],
            seed["quotes"],
            seed_findings,
        )
    )
    for r in results:
        q, f = r["quotes"], r["findings"]
        print(
            f"{r['pair']:50s} quotes {q[0]:2d}/{q[1]:<2d} findings {f[0]:2d}/{f[1]:<2d} "
            f"unexpected {len(r['unexpected']):2d} severity-wrong {r['severity_wrong']} {r['ms']:7.0f} ms"
        )
        for kind, words in r["unexpected"]:
            print(f"    unexpected {kind}: {words!r}")
    false_alarms = 0
    for neg in seed["negative_pairs"]:
        cmp = compare(read_article(ROOT / "fixtures" / neg["source"]), read_article(ROOT / "fixtures" / neg["copy"]))
        bad = [f for f in cmp.findings if f.kind in KINDS] + [c for c in cmp.quotes if c.verdict != "not_in_source"]
        false_alarms += len(bad)
        print(f"negative {neg['source']} -> {neg['copy']}: {len(bad)} false alarms")
    tq = [sum(r["quotes"][i] for r in results) for i in (0, 1)]
    tf = [sum(r["findings"][i] for r in results) for i in (0, 1)]
    tu = sum(len(r["unexpected"]) for r in results)
    print(
        f"TOTAL quote verdicts {tq[0]}/{tq[1]} ({tq[0] / tq[1]:.0%}); expected findings {tf[0]}/{tf[1]} "
        f"({tf[0] / tf[1]:.0%}); unexpected {tu}; negative-pair false alarms {false_alarms}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
