"""How long aligning two 1,000-word articles takes, on one core.

Run: ``.venv/bin/python benchmarks/align_speed.py [--repeat N]``

The pair is built from the seed fixtures (no eval data needed): the source is
the first 1,000 words of fixtures/002, the copy takes about half of its
sentences (some verbatim, some with words dropped or swapped, some moved) and
fills the rest with unrelated sentences of fixtures/000, up to 1,000 words.
Prints median and p90 of ``align`` alone (sentences segmented beforehand) and
of ``segment + align`` (segmentation's cache cleared each time), as wall time
and as CPU time; run it pinned to one core (``taskset -c 0``) for the one-core
figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from dedup.align import align
from dedup.model import Article
from dedup.segment import _split_paragraph, segment

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def first_words(text: str, n: int) -> str:
    words = text.split(" ")
    out, count = [], 0
    for w in words:
        out.append(w)
        count += len(w.split())
        if count >= n:
            break
    return " ".join(out)


def make_pair(seed: int = 7) -> tuple[Article, Article]:
    rng = random.Random(seed)
    source_text = first_words((FIXTURES / "002_a352381bb1a5be53.txt").read_text(encoding="utf-8"), 1000)
    source = Article("source", source_text)
    other = [
        source_text[s.span.start : s.span.end]
        for s in segment(Article("o", (FIXTURES / "000_3d0b6ed5275008b9.txt").read_text(encoding="utf-8")))
    ]
    pieces = []
    for s in segment(source):
        sentence = source_text[s.span.start : s.span.end]
        roll = rng.random()
        if roll < 0.25:
            pieces.append(sentence)
        elif roll < 0.5:
            words = sentence.split()
            for _ in range(max(1, len(words) // 8)):
                i = rng.randrange(len(words))
                words[i] = rng.choice(["reportedly", "also", "now", "the"]) if rng.random() < 0.5 else ""
            pieces.append(" ".join(w for w in words if w))
    rng.shuffle(pieces[len(pieces) // 2 :])
    copy_words = sum(len(p.split()) for p in pieces)
    for sentence in other * 3:
        if copy_words >= 1000:
            break
        pieces.insert(rng.randrange(len(pieces) + 1), sentence)
        copy_words += len(sentence.split())
    return source, Article("copy", "\n".join(pieces))


def timings(fn, repeat: int) -> str:
    """Median and p90 in ms, of wall time and of this process's CPU time (less noisy on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    out = []
    for name, xs in (("wall", wall), ("cpu", cpu)):
        xs.sort()
        out.append(f"{name} median {statistics.median(xs):6.2f} ms p90 {xs[int(0.9 * (len(xs) - 1))]:6.2f} ms")
    return "   ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    source, copy = make_pair()
    ss, cs = segment(source), segment(copy)
    matches = align(source, copy, ss, cs)
    print(
        f"source {len(source.text.split())} words / {len(ss)} sentences, "
        f"copy {len(copy.text.split())} words / {len(cs)} sentences, {len(matches)} matches"
    )
    print(f"align only:        {timings(lambda: align(source, copy, ss, cs), args.repeat)}")

    def full() -> None:
        _split_paragraph.cache_clear()
        align(source, copy, segment(source), segment(copy))

    print(f"segment + align:   {timings(full, max(20, args.repeat // 4))}")


if __name__ == "__main__":
    main()
