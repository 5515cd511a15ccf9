"""Quote verification on real news: quotes of PolNeAR articles copied with controlled edits.

Real articles (``../shared/eval/polnear-train/text``) are the sources. For each
quote of six words or more that the extractor finds, a copy paragraph quotes it
again with one edit of a known kind, and ``compare`` must give the verdict (and
for meaning-bearing edits, the error) that kind calls for:

| edit | expected |
| --- | --- |
| none, case and curly/straight marks changed | verbatim |
| middle words replaced by an ellipsis, a bracketed word inserted | verbatim (legitimate editing) |
| one content word replaced | altered, warning |
| a number changed | altered, error (number) |
| "not" added or removed | altered, error (negation) |
| a name replaced by another name | altered, error (name) |
| a quote from another article | not_in_source (error when attributed to a source speaker) |
| the speaker swapped for another speaker of the source | speaker_changed |

Nothing here is tuned on: it measures. The copies are synthetic, the sources
and their quotes are real news.

    .venv/bin/python benchmarks/quote_mutations.py [--articles 120] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from dedup.compare import compare
from dedup.ingest import article_from_text, read_article
from dedup.quotes import extract_quotes
from dedup.verify import meaning_change
from dedup.voice import is_named

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear-train" / "text"
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
NUMBER = re.compile(r"\b\d[\d,.]*\b")
AUX_NOT = re.compile(r"\b(is|are|was|were|will|would|can|could|should|do|does|did|has|have|had)\b(?!\s+not\b)", re.I)
SWAPS = ["purple", "harbour", "violin", "meadow", "lantern", "gravel", "orchid"]
NAMES = ["Harriet Quill", "Osvaldo Brennick", "Marisol Tandy"]
STOP = set(
    "the a an and or but of to in on at by for with is are was were be it that this he she they we i you".split()
)


def mutations(quote: str, rng: random.Random) -> dict[str, str]:
    """The edited forms of ``quote`` this benchmark can make (some kinds need a number, a name, an auxiliary)."""
    out = {"none": quote}
    words = quote.split()
    out["case_marks"] = quote[:1].swapcase() + quote[1:].replace("'", "’")
    if len(words) >= 10:
        i = len(words) // 3
        out["ellipsis"] = " ".join(words[:i] + ["…"] + words[i + 3 :])
        out["bracket"] = " ".join(words[:i] + ["[also]"] + words[i:])
    content = [
        i
        for i, w in enumerate(words)
        if WORD.fullmatch(w.strip('.,;:!?"”’')) and w.lower() not in STOP and len(w) > 3 and not w[:1].isupper()
    ]
    if content:
        i = rng.choice(content)
        tail = re.sub(r"^[A-Za-z’']+", "", words[i])
        out["word_swap"] = " ".join(words[:i] + [rng.choice(SWAPS) + tail] + words[i + 1 :])
    m = NUMBER.search(quote)
    if m:
        digits = m.group().replace(",", "")
        new = str(int(float(digits)) + 7) if digits.replace(".", "").isdigit() else "77"
        out["number"] = quote[: m.start()] + new + quote[m.end() :]
    neg = re.search(r"\b(not|n['’]t)\b", quote)
    if neg:
        out["negation"] = (
            (quote[: neg.start()] + quote[neg.end() :]).replace("  ", " ") if neg.group() == "not" else None
        )
    else:
        aux = AUX_NOT.search(quote)
        if aux:
            out["negation"] = quote[: aux.end()] + " not" + quote[aux.end() :]
    out = {k: v for k, v in out.items() if v}
    names = [
        m for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+)\b", quote) if m.group(1) not in {"I", "American", "America"}
    ]
    if names:
        m = names[0]
        out["name"] = quote[: m.start()] + rng.choice(NAMES).split()[1] + quote[m.end() :]
    return out


EXPECTED = {
    "none": ("verbatim", None),
    "case_marks": ("verbatim", None),
    "ellipsis": ("verbatim", None),
    "bracket": ("verbatim", None),
    "word_swap": ("altered", None),
    "number": ("altered", "number"),
    "negation": ("altered", "negation"),
    "name": ("altered", "name"),
    "fabricated": ("not_in_source", None),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} is absent")
        return 0
    rng = random.Random(args.seed)
    paths = sorted(POLNEAR.glob("*.txt"))
    rng.shuffle(paths)
    paths = paths[: args.articles]
    pool: list[str] = []  # quotes of other articles, for fabrications
    per_kind: dict[str, Counter] = defaultdict(Counter)
    speaker = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    elapsed, pairs = 0.0, 0
    for path in paths:
        source = read_article(path)
        quotes = [q for q in extract_quotes(source) if not q.scare and len(q.span.of(source.text).split()) >= 6]
        if not quotes:
            continue
        speakers = sorted({q.speaker for q in quotes if q.speaker and is_named(q.speaker)})
        paras, plan = [], []
        for q in quotes[:6]:
            text = " ".join(q.span.of(source.text).split()).strip(" ,")
            who = q.speaker if q.speaker and is_named(q.speaker) else "Jordan Ellery"
            for kind, edited in mutations(text, rng).items():
                plan.append((kind, edited))
                paras.append(f'"{edited}," {who} said.')
            others = [s for s in speakers if q.speaker and s != q.speaker and s.split()[-1] not in q.speaker]
            if others and q.speaker and is_named(q.speaker):
                plan.append(("speaker", text))
                paras.append(f'"{text}," {others[0]} said.')
        if pool:
            fake = rng.choice(pool)
            plan.append(("fabricated", fake))
            who = speakers[0] if speakers else "Jordan Ellery"
            paras.append(f'"{fake}," {who} said.')
        pool.extend(" ".join(q.span.of(source.text).split()).strip(" ,") for q in quotes[:3])
        copy = article_from_text("\n\n".join(paras) + "\n", "copy.txt")
        t0 = time.perf_counter()
        cmp = compare(source, copy)
        elapsed += time.perf_counter() - t0
        pairs += 1
        offsets, pos = [], 0
        for (kind, edited), para in zip(plan, paras, strict=True):
            start = copy.text.index(para, pos)
            offsets.append((kind, edited, start + 1, start + 1 + len(edited)))
            pos = start + len(para)
        for kind, edited, s, e in offsets:
            checks = [c for c in cmp.quotes if c.quote.span.start < e and s < c.quote.span.end]
            if kind == "speaker":
                hit = any(f.kind == "speaker_changed" and f.span.start < e and s < f.span.end for f in cmp.findings)
                speaker["found" if hit else "missed"] += 1
                if not hit and len(misses["speaker"]) < 8:
                    got = [(c.verdict, c.quote.speaker, c.source_speaker) for c in checks[:1]]
                    misses["speaker"].append(f"{got} copy says {paras[plan.index((kind, edited))][-40:]!r}")
                continue
            want, meaning = EXPECTED[kind]
            got = checks[0].verdict if checks else "unchecked"
            ok = got == want
            if ok and meaning:
                ok = any(meaning_change(x, source.text, copy.text) == meaning for x in checks[0].edits)
            per_kind[kind]["right" if ok else "wrong"] += 1
            if not ok and len(misses[kind]) < 3:
                misses[kind].append(f"{got}: {edited[:90]!r}")
    print(f"{pairs} real articles as sources; compare {elapsed / max(1, pairs) * 1000:.0f} ms per pair on average")
    total_r = total = 0
    for kind in EXPECTED:
        c = per_kind.get(kind)
        if not c:
            continue
        n = c["right"] + c["wrong"]
        total_r += c["right"]
        total += n
        print(
            f"  {kind:12s} {c['right']:4d}/{n:<4d} {c['right'] / n:6.1%}  expected {EXPECTED[kind][0]}"
            + (f" + {EXPECTED[kind][1]} error" if EXPECTED[kind][1] else "")
        )
        for m in misses[kind]:
            print(f"      miss {m}")
    n = speaker["found"] + speaker["missed"]
    if n:
        print(f"  {'speaker':12s} {speaker['found']:4d}/{n:<4d} {speaker['found'] / n:6.1%}  expected speaker_changed")
        for m in misses["speaker"]:
            print(f"      miss {m}")
    print(f"TOTAL verdicts {total_r}/{total} ({total_r / max(1, total):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
