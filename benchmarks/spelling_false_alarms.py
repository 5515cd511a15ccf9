"""How often the spelling checks flag real, published news, and how fast they run.

Runs ``dedup.spelling.check_spelling`` over the PolNeAR article texts
(``../shared/eval/polnear-train/text/``, 840 US political news articles from
2016, read in place, never copied) and prints findings per 1,000 words by kind
and severity, the speed in ms per 1,000 words, and a sample of flagged words
with their context so a human can judge which are real errors and which are
false alarms. Published news does contain typos, so the raw rate is an upper
bound on the false-alarm rate.

    .venv/bin/python benchmarks/spelling_false_alarms.py [--dir DIR] [--sample N] [--all] [--inject]

``--inject`` also measures recall: in each article it plants one typo in a
name the article repeats and one in a common word (a swap, a dropped or
doubled letter, a wrong vowel; seeded), and counts how many the checks find
with the right suggestion.
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
    ap.add_argument("--inject", action="store_true", help="also plant typos and measure recall")
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
    t0, c0 = time.perf_counter(), time.process_time()
    for a in articles:
        for f in check_spelling(a):
            flagged.append((a, f))
    spent, cpu = time.perf_counter() - t0, time.process_time() - c0

    by = Counter((f.kind, f.severity) for _, f in flagged)
    print(f"articles: {len(articles)}   words: {words:,}   lexicon load: {load_s * 1000:.0f} ms (once)")
    print(
        f"speed: {spent * 1000 / words * 1000:.1f} ms per 1,000 words wall, {cpu * 1000 / words * 1000:.1f} ms CPU "
        f"({spent:.2f} s total, one process, cold caches)"
    )
    print(f"findings: {len(flagged)} = {len(flagged) / words * 1000:.3f} per 1,000 words")
    print(f"{'kind':<14}{'severity':<10}{'count':>7}{'per 1k words':>14}")
    for (kind, sev), n in sorted(by.items()):
        print(f"{kind:<14}{sev:<10}{n:>7}{n / words * 1000:>14.3f}")
    not_info = sum(n for (_, sev), n in by.items() if sev != "info")
    print(f"{'all but info':<24}{not_info:>7}{not_info / words * 1000:>14.3f}")
    naive = naive_baseline(articles)
    print(f"{'baseline: every lower-case word pyspellchecker lacks':<52}{naive:>7}{naive / words * 1000:>10.3f}")

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
    if args.inject:
        inject_recall(articles, args.seed)
    return 0


def naive_baseline(articles) -> int:
    """What a plain dictionary check would flag: lower-case words not in pyspellchecker's list."""
    from spellchecker import SpellChecker

    known = SpellChecker().word_frequency.dictionary
    return sum(1 for a in articles for m in WORD_RE.finditer(a.text) if m.group().islower() and m.group() not in known)


VOWELS = "aeiou"


def typo(word: str, rng: random.Random) -> tuple[str, str]:
    """One slip of spelling in ``word`` (never the first letter) and its name."""
    i = rng.randrange(1, len(word) - 1)
    kinds = ["swap", "drop", "double"] + (["vowel"] if any(c in VOWELS for c in word[1:]) else [])
    kind = rng.choice(kinds)
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :], kind
    if kind == "drop":
        return word[:i] + word[i + 1 :], kind
    if kind == "vowel":
        j = rng.choice([k for k in range(1, len(word)) if word[k] in VOWELS])
        return word[:j] + rng.choice([v for v in VOWELS if v != word[j]]) + word[j + 1 :], kind
    return word[:i] + word[i] + word[i:], "double"


def inject_recall(articles, seed: int) -> None:
    """Plant one name typo and one word typo per article; report how many are found and rightly corrected."""
    from dataclasses import replace

    from dedup.wordscan import scan_words

    rng = random.Random(seed)
    lex = get_lexicon()
    found = Counter()
    planted = Counter()
    extra = 0
    for a in articles:
        uses = scan_words(a)
        names = Counter(u.bare for u in uses if u.shape == "title" and not u.initial and len(u.bare) >= 5)
        repeated = [u for u in uses if u.shape == "title" and not u.initial and names[u.bare] >= 3]
        common = [
            u for u in uses if u.shape == "lower" and len(u.bare) >= 6 and lex.common(u.bare) and u.bare.isalpha()
        ]
        plants = []
        for pool, what in ((repeated, "name"), (common, "word")):
            if not pool:
                continue
            u = rng.choice(pool)
            wrong, kind = typo(u.bare, rng)
            if wrong == u.bare or lex.known(wrong) or (what == "name" and wrong in names):
                continue
            plants.append((u, wrong, what, kind))
        plants.sort(key=lambda p: p[0].span.start, reverse=True)
        text = a.text
        for u, wrong, _, _ in plants:
            text = text[: u.span.start] + wrong + text[u.span.end :]
        planted_art = replace(a, text=text, excluded=())
        # planted spans, in the new text's offsets
        shift, spans = 0, []
        for u, wrong, what, kind in sorted(plants, key=lambda p: p[0].span.start):
            start = u.span.start + shift
            spans.append((start, start + len(wrong), u.bare, what, kind))
            shift += len(wrong) - len(u.bare)
        findings = check_spelling(planted_art)
        base = {(f.span.start, f.span.end) for f in check_spelling(replace(a, excluded=()))}
        for s, e, right, what, kind in spans:
            planted[what, kind] += 1
            hit = [f for f in findings if f.span.start < e and s < f.span.end]
            if hit and any((f.suggestion or "").lower() == right.lower() for f in hit):
                found[what, kind] += 1
        extra += max(0, len(findings) - len(base) - len(spans))
    print("\nplanted typos (one name the article repeats 3+ times, one common word, per article):")
    print(f"{'target':<8}{'slip':<8}{'planted':>8}{'found+right':>13}{'recall':>8}")
    for key in sorted(planted):
        print(f"{key[0]:<8}{key[1]:<8}{planted[key]:>8}{found[key]:>13}{found[key] / planted[key]:>8.2f}")
    for what in ("name", "word"):
        p = sum(n for k, n in planted.items() if k[0] == what)
        f = sum(n for k, n in found.items() if k[0] == what)
        print(f"{what:<16}{p:>8}{f:>13}{f / max(1, p):>8.2f}")


if __name__ == "__main__":
    sys.exit(main())
