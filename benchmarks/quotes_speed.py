"""How fast ``extract_quotes`` is: a quote-heavy news article, and hostile 1 MB inputs.

Usage: python benchmarks/quotes_speed.py

Prints the best of several runs (CPU milliseconds) per 1,000 words for the seed
articles, and the time for 1 MB texts that are built to hurt: one unbalanced
quotation mark, thousands of marks, a single quote a million characters long.
"""

from __future__ import annotations

import time
from pathlib import Path

from dedup.ingest import read_article
from dedup.model import Article
from dedup.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn, repeat: int) -> float:
    """Best CPU time of ``repeat`` runs (CPU time, so other jobs on the machine distort it less)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    print(f"{'input':44}{'words':>8}{'quotes':>8}{'ms':>9}{'ms/1k words':>13}")
    for name in sorted((ROOT / "fixtures").glob("0*.txt")):
        article = read_article(name)
        words = len(article.text.split())
        n = len(extract_quotes(article))
        secs = best_of(lambda a=article: extract_quotes(a), 20)
        print(f"{name.name:44}{words:>8}{n:>8}{secs * 1000:>9.2f}{secs * 1e6 / words:>13.2f}")
    para = ("The minister said the plan would work and that critics were wrong about it. " * 12).strip()
    hostile = {
        "1 MB, one unbalanced mark": '"' + "\n".join([para] * 1100),
        "1 MB, one paragraph, one mark": "“" + " ".join([para] * 1100),
        "1 MB, 250k quotes back to back": ('"a" ' * 250_000),
        "1 MB, quotes every sentence": "\n".join(
            ['"We will win this," said Jane Porter. ' + para[:600] for _ in range(1500)]
        ),
    }
    for label, text in hostile.items():
        article = Article(path=label, text=text)  # straight to the extractor: ingest caps article size
        words = len(text.split())
        t0 = time.process_time()
        n = len(extract_quotes(article))
        secs = time.process_time() - t0
        print(f"{label:44}{words:>8}{n:>8}{secs * 1000:>9.0f}{secs * 1e6 / words:>13.2f}")


if __name__ == "__main__":
    main()
