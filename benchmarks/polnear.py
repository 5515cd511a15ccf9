"""Quote extraction and speaker accuracy on the PolNeAR training split.

Usage: python benchmarks/polnear.py [PATH-TO-polnear-train] [--limit N] [--errors N]

Gold direct quotes are the PolNeAR Content fragments enclosed in quotation
marks (marks inside the fragment's ends, or just outside them; two apostrophes
count as a double mark, as the New York Times wrote them); the gold span is
the words inside the marks. An interrupted quote ("Q1," he said, "Q2") is
two gold quotes, as PolNeAR annotates it as two fragments. Predictions are the
non-scare quotes of ``extract_quotes``.

Two precision figures are printed: *strict* counts every predicted quote that
is not a gold direct quote as a false positive; *partial-aware* leaves out
predicted quotes lying inside a gold Content span that is not itself a direct
quote (a partial quote inside reported speech - PolNeAR annotates the whole
clause, not the quoted words, so the corpus has no quote span to compare).

Speaker accuracy is over gold direct quotes that were found (50 % overlap) and
have a Source: right when the predicted speaker span overlaps the Source span,
or the predicted speaker shares a name word with the Source text ("Hillary
Clinton" for "Clinton").
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dedup.ingest import article_from_text
from dedup.model import Quote, Span
from dedup.quotes import extract_quotes, is_partial_quote

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear-train"
OPENERS = '"“„«'
CLOSERS = '"”»'


@dataclass(frozen=True)
class Gold:
    span: Span
    source: tuple[Span, ...]  # the annotated Source fragments (may be empty)
    source_text: str


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            try:
                frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (kind, [(a, b) for a, b in frags])
        elif parts[0].startswith("E"):
            events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    return spans, events


def _inner_quotes(text: str, start: int, end: int) -> list[Span]:
    """The quoted stretches of a fragment that opens and closes with marks."""
    marks = [i for i in range(start, end) if text[i] in OPENERS + CLOSERS]
    out, open_at = [], None
    for i in marks:
        if open_at is None:
            open_at = i
        elif text[i] in CLOSERS and (i + 1 >= end or not text[i + 1].isalnum()):
            out.append((open_at + 1, i))
            open_at = None
        elif text[i] in OPENERS and "\n" in text[open_at:i] and not text[text.rfind("\n", 0, i) + 1 : i].strip():
            continue  # a paragraph reopening a running quote
    spans = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Span(a, b))
    return spans


def gold_quotes(text: str, ann: Path) -> tuple[list[Gold], list[Span]]:
    """Gold direct quotes, and the Content spans that are not direct quotes."""
    spans, events = _parse_ann(ann)
    # wire copy writes a double mark as two apostrophes: make each one mark, offsets unchanged
    text = re.sub(r"''", '" ', re.sub(r"''(?=\w)", ' "', text))
    source_of: dict[str, str] = {}
    for e in events:
        if "Content" in e and "Source" in e:
            source_of[e["Content"]] = e["Source"]
    golds: list[Gold] = []
    other: list[Span] = []
    for tid, (kind, frags) in spans.items():
        if kind != "Content":
            continue
        src = spans.get(source_of.get(tid, ""), ("", []))[1]
        src_spans = tuple(Span(a, b) for a, b in src)
        src_text = " ".join(text[a:b] for a, b in src)
        direct = False
        for a, b in frags:
            frag = text[a:b]
            s, e = a + len(frag) - len(frag.lstrip()), b - (len(frag) - len(frag.rstrip()))
            if e - s >= 2 and text[s] in OPENERS and text[e - 1] in CLOSERS:
                inner = _inner_quotes(text, s, e)
            elif s > 0 and text[s - 1] in OPENERS and e < len(text) and text[e] in CLOSERS:
                inner = [Span(s, e)]
            else:
                inner = []
            for q in inner:
                direct = True
                golds.append(Gold(q, src_spans, src_text))
        if not direct and frags[-1][1] > frags[0][0]:
            other.append(Span(frags[0][0], frags[-1][1]))
    return golds, other


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _half(a: Span, b: Span) -> bool:
    o = _overlap(a, b)
    return o * 2 >= len(a) and o * 2 >= len(b)


_NAME_WORD = re.compile(r"[A-Z][\w’'\-]+")


def speaker_right(q: Quote, g: Gold) -> bool:
    if q.speaker_span is not None and any(q.speaker_span.overlaps(s) for s in g.source):
        return True
    if not q.speaker:
        return False
    said = {w.lower() for w in _NAME_WORD.findall(q.speaker)} - {"the", "a", "mr", "mrs", "ms", "dr"}
    gold = {w.lower() for w in _NAME_WORD.findall(g.source_text)}
    return bool(said & gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--errors", type=int, default=0, help="print N missed/spurious quotes and wrong speakers")
    args = ap.parse_args(argv)
    root = Path(args.path)
    if not (root / "text").is_dir():
        print(f"skipped: PolNeAR data not found at {root}")
        return 0
    anns: dict[str, list[Path]] = defaultdict(list)
    for p in sorted((root / "attributions").glob("*.ann")):
        anns[p.stem.rsplit("_", 1)[0]].append(p)
    names = sorted(anns)[: args.limit or None]
    n_gold = n_pred = n_pred_partial = 0
    tp_exact = tp_half = tp_half_pred = 0
    n_partial_ignored = 0
    n_direct = tp_direct_half = tp_direct_exact = 0
    spk_total = spk_right = spk_none = 0
    words = 0
    elapsed = 0.0
    errors: list[str] = []
    for name in names:
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        words += len(text.split())
        golds, other = gold_quotes(text, anns[name][0])
        article = article_from_text(text, name)
        t0 = time.process_time()
        quotes = [q for q in extract_quotes(article) if not q.scare]
        elapsed += time.process_time() - t0
        n_gold += len(golds)
        n_pred += len(quotes)
        gold_exact = {(g.span.start, g.span.end) for g in golds}
        direct = [q for q in quotes if not is_partial_quote(text, q.span)]
        n_direct += len(direct)
        tp_direct_exact += sum((q.span.start, q.span.end) in gold_exact for q in direct)
        taken: set[int] = set()
        for q in direct:
            hit = next((n for n, g in enumerate(golds) if n not in taken and _half(q.span, g.span)), None)
            if hit is not None:
                taken.add(hit)
                tp_direct_half += 1
        tp_exact += sum((q.span.start, q.span.end) in gold_exact for q in quotes)
        used: set[int] = set()
        for q in quotes:
            hit = next((n for n, g in enumerate(golds) if n not in used and _half(q.span, g.span)), None)
            if hit is not None:
                used.add(hit)
                tp_half_pred += 1
            elif any(o.contains(q.span) for o in other):
                n_partial_ignored += 1
            elif len(errors) < args.errors:
                errors.append(f"SPURIOUS {name}: {text[q.span.start:q.span.end][:100]!r}")
        n_pred_partial += len(quotes) - sum(
            1 for q in quotes
            if not any(_half(q.span, g.span) for g in golds) and any(o.contains(q.span) for o in other)
        )
        for g in golds:
            match = next((q for q in quotes if _half(q.span, g.span)), None)
            if match is None:
                if len(errors) < args.errors:
                    errors.append(f"MISSED   {name}: {text[g.span.start:g.span.end][:100]!r}")
                continue
            tp_half += 1
            if g.source:
                spk_total += 1
                if speaker_right(match, g):
                    spk_right += 1
                else:
                    spk_none += match.speaker is None
                    if len(errors) < args.errors:
                        errors.append(
                            f"SPEAKER  {name}: gold {g.source_text!r} got {match.speaker!r}: "
                            f"{text[g.span.start:g.span.end][:60]!r}"
                        )

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p_exact = tp_exact / n_pred if n_pred else 0.0
    r_exact = tp_exact / n_gold if n_gold else 0.0
    p_half = tp_half_pred / n_pred if n_pred else 0.0
    r_half = tp_half / n_gold if n_gold else 0.0
    p_half_partial = tp_half_pred / n_pred_partial if n_pred_partial else 0.0
    p_exact_partial = tp_exact / n_pred_partial if n_pred_partial else 0.0
    print(f"PolNeAR train: {len(names)} articles, {words} words, {n_gold} gold direct quotes, {n_pred} predicted")
    print(f"{'':28}{'precision':>10}{'recall':>8}{'F1':>7}")
    print(f"{'exact, strict':28}{p_exact:>10.3f}{r_exact:>8.3f}{f1(p_exact, r_exact):>7.3f}")
    print(f"{'exact, partial-aware':28}{p_exact_partial:>10.3f}{r_exact:>8.3f}{f1(p_exact_partial, r_exact):>7.3f}")
    print(f"{'50% overlap, strict':28}{p_half:>10.3f}{r_half:>8.3f}{f1(p_half, r_half):>7.3f}")
    print(f"{'50% overlap, partial-aware':28}{p_half_partial:>10.3f}{r_half:>8.3f}{f1(p_half_partial, r_half):>7.3f}")
    pd_e = tp_direct_exact / n_direct if n_direct else 0.0
    pd_h = tp_direct_half / n_direct if n_direct else 0.0
    rd_e = tp_direct_exact / n_gold if n_gold else 0.0
    rd_h = tp_direct_half / n_gold if n_gold else 0.0
    print(f"{'exact, direct quotes only':28}{pd_e:>10.3f}{rd_e:>8.3f}{f1(pd_e, rd_e):>7.3f}")
    print(f"{'50% overlap, direct only':28}{pd_h:>10.3f}{rd_h:>8.3f}{f1(pd_h, rd_h):>7.3f}")
    print(f"partial quotes inside reported speech left out of partial-aware precision: {n_partial_ignored}")
    acc = spk_right / spk_total if spk_total else 0.0
    print(f"speaker accuracy: {acc:.3f} ({spk_right}/{spk_total} found quotes with a gold source; "
          f"{spk_none} wrong ones had no speaker)")
    print(f"extract_quotes CPU time: {elapsed:.2f} s total, {1000 * elapsed / max(1, words) * 1000:.2f} ms per 1,000 words")
    for e in errors:
        print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
