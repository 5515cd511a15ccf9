"""The alignment's sentence-pair scores as a paraphrase detector, on MRPC's training split.

Run: ``.venv/bin/python benchmarks/mrpc.py``

For each signal alignment uses to seed and classify (tf-isf cosine and Dice on
content terms, containment, Indel word similarity), picks the threshold with
the best accuracy on the split and prints accuracy and F1 there. A check of
the lexical paraphrase signal, not a tuning run: alignment's thresholds are
not taken from here. Reference points from the eval README: majority class
0.665 accuracy; word Jaccard about 0.73 accuracy / 0.81 F1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Indel

from dedup.similarity import content_terms, pair_scores
from dedup.text import tokenize

MRPC = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mrpc-train" / "msr_paraphrase_train.txt"


def best_threshold(score: np.ndarray, label: np.ndarray) -> tuple[float, float, float]:
    """(threshold, accuracy, F1) at the threshold with the best accuracy."""
    best = (0.0, 0.0, 0.0)
    for t in np.unique(score):
        pred = score >= t
        acc = float((pred == label).mean())
        tp = float((pred & label).sum())
        f1 = 2 * tp / (pred.sum() + label.sum()) if pred.sum() + label.sum() else 0.0
        if acc > best[1]:
            best = (float(t), acc, f1)
    return best


def main() -> int:
    if not MRPC.exists():
        print(f"skip: {MRPC} is absent", file=sys.stderr)
        return 0
    rows = [line.split("\t") for line in MRPC.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    label = np.array([r[0] == "1" for r in rows])
    a_words = [[t.norm for t in tokenize(r[3])] for r in rows]
    b_words = [[t.norm for t in tokenize(r[4])] for r in rows]
    a_terms, b_terms = [content_terms(w) for w in a_words], [content_terms(w) for w in b_words]
    # isf over all the split's sentences, as alignment fits it over both articles' sentences
    scores = pair_scores(a_terms, b_terms)
    idx = np.arange(len(rows))
    signals = {
        "tf-isf cosine": scores.cosine[idx, idx],
        "dice (terms)": scores.dice[idx, idx],
        "containment": scores.contain[idx, idx],
        "indel words": np.array([Indel.normalized_similarity(a, b) for a, b in zip(a_words, b_words, strict=True)]),
    }
    print(f"pairs {len(rows)}, paraphrase share {label.mean():.3f}")
    for name, score in signals.items():
        t, acc, f1 = best_threshold(score, label)
        print(f"{name:15} threshold {t:.3f}  accuracy {acc:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
