"""How long ``dedup lint`` takes on one 1,000-word draft against a 100,000-article index.

Goal (issue 5): under 1 s end to end. The archive is synthetic (sentences drawn
from the seed articles' vocabulary, so the spelling checks see real words) and
built once with the index's own store and signer, then reused from its path.
The draft lifts four passages from four archive articles, so the run does the
real work: candidate lookup, verification, four full comparisons, spelling.

Prints, over ``--runs`` runs each:
  * in process: ``dedup.lint.lint([draft], against=index)`` (median and max);
  * end to end: the ``dedup lint DRAFT --against INDEX --format json`` command,
    Python start-up and imports included (median and max);
  * where the time goes: the index lookup, the spelling checks and the
    comparisons alone, and ``python -c "import dedup.cli"`` (start-up).

    python benchmarks/lint_speed.py                       # 100,000 articles
    python benchmarks/lint_speed.py --articles 10000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dedup.model import Article  # noqa: E402


def vocabulary() -> list[str]:
    words: list[str] = []
    for p in sorted((ROOT / "fixtures").glob("*.txt")):
        words += re.findall(r"[A-Za-z]+(?:'[a-z]+)?", p.read_text(encoding="utf-8"))
    return [w for w in words if len(w) > 1 or w in ("a", "I")]


def sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(12, 25))]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def text_of(rng: random.Random, vocab: list[str], n_words: int) -> str:
    paras, count = [], 0
    while count < n_words:
        para = " ".join(sentence(rng, vocab) for _ in range(3))
        paras.append(para)
        count += len(para.split())
    return "\n\n".join(paras) + "\n"


def archive(n: int, words: int, seed: int):
    rng = random.Random(seed)
    vocab = vocabulary()
    for i in range(n):
        yield Article(path=f"archive/{i:06d}.txt", text=text_of(rng, vocab, words),
                      outlet=rng.choice(["Wire", "Daily", "Herald", "Post"]), date=f"2024-{1 + i % 12:02d}-01")


def build_index(path: Path, n: int, words: int, seed: int) -> float:
    from dedup.index.corpus import sign_articles
    from dedup.index.signature import Scheme
    from dedup.index.store import IndexStore

    t0 = time.perf_counter()
    with IndexStore(path, create=True, scheme=Scheme()) as store, store.transaction():
        store.add(sign_articles(archive(n, words, seed), store.scheme))
    return time.perf_counter() - t0


def make_draft(index: Path, n: int, words: int, seed: int, out: Path) -> Path:
    """1,000 words: four 120-word passages of four archive articles among fresh sentences."""
    from dedup.index.store import IndexStore

    rng = random.Random(seed + 1)
    vocab = vocabulary()
    with IndexStore(index) as store:
        ids = sorted(store.iter_ids())
        picked = [store.article(i) for i in rng.sample(ids, 4)]
    paras = []
    for art in picked:
        w = art.text.split()
        start = rng.randrange(0, max(1, len(w) - 120))
        paras.append(text_of(rng, vocab, 90).strip())
        paras.append(" ".join(w[start : start + 120]))
    draft = "\n\n".join(paras)
    draft += "\n\n" + text_of(rng, vocab, max(0, 1000 - len(draft.split()))).strip() + "\n"
    out.write_text(draft, encoding="utf-8")
    return out


# The command as a newsroom runs it: Python's bytecode cache on (an installed package is compiled at
# install time). A developer shell may set PYTHONDONTWRITEBYTECODE, which recompiles every module of
# dedup on every start (about 0.1 s); the untimed warm-up run below writes the cache.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=USER_ENV)
    return time.perf_counter() - t0, res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=400, help="words per archive article")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--index", type=Path, help="index path (default: a cached file under the temp folder)")
    args = ap.parse_args()

    work = Path(tempfile.gettempdir()) / "dedup-bench"
    work.mkdir(exist_ok=True)
    import hashlib

    from dedup.index.signature import Scheme
    from dedup.index.store import SCHEMA_VERSION

    tag = hashlib.sha256(f"{SCHEMA_VERSION} {Scheme()}".encode()).hexdigest()[:8]  # a new scheme, a new index
    index = args.index or work / f"lint-{args.articles}x{args.words}-s{args.seed}-{tag}.db"
    if not index.exists():
        print(f"building {index} ({args.articles:,} articles of ~{args.words} words)...", flush=True)
        secs = build_index(index, args.articles, args.words, args.seed)
        print(f"  built in {secs:.1f} s ({args.articles / secs:,.0f} articles/s), "
              f"{index.stat().st_size / 1e6:.0f} MB")
    draft = make_draft(index, args.articles, args.words, args.seed, work / "draft-1000w.txt")
    n_words = len(draft.read_text(encoding="utf-8").split())
    (work / "dedup.toml").write_text("", encoding="utf-8")  # no stray config from a parent folder

    from dedup.config import Config
    from dedup.ingest import read_article
    from dedup.lint import lint

    article = read_article(draft)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        report = lint([article], Config(), against=index)
        times.append(time.perf_counter() - t0)
    sources = report.files[0].sources
    kinds: dict[str, int] = {}
    for f in report.files[0].findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1

    from dedup.compare import compare
    from dedup.index.sources import find_sources
    from dedup.spelling import check_spelling

    stages: dict[str, list[float]] = {"find_sources (index lookup)": [], "spelling and names": [],
                                      "compare with each source": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        found = find_sources(article, index)
        t1 = time.perf_counter()
        check_spelling(article)
        t2 = time.perf_counter()
        for src in found:
            compare(src, article)
        t3 = time.perf_counter()
        for key, secs in zip(stages, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            stages[key].append(secs)

    print(f"index: {args.articles:,} articles ({index.stat().st_size / 1e6:.0f} MB); "
          f"draft: {n_words} words, lifted from 4 of them", flush=True)
    print(f"sources found: {len(sources)}; findings: {kinds}", flush=True)
    exe = str(Path(sys.executable).with_name("dedup"))
    e2e = []
    timed([exe, "lint", str(draft), "--against", str(index), "--format", "json"], work)  # warm-up, untimed
    for _ in range(args.runs):
        secs, res = timed([exe, "lint", str(draft), "--against", str(index), "--format", "json"], work)
        if res.returncode not in (0, 1):
            sys.exit(f"dedup lint failed ({res.returncode}): {res.stderr.strip()}")
        e2e.append(secs)
    json.loads(res.stdout)
    imports = [timed([sys.executable, "-c", "import dedup.cli"], work)[0] for _ in range(args.runs)]

    print(f"{'':32}{'median':>10}{'max':>10}")
    rows = [("lint() in process", times), *((f"  {k}", v) for k, v in stages.items()),
            ("dedup lint (end to end)", e2e), ("python -c 'import dedup.cli'", imports)]
    for label, xs in rows:
        print(f"{label:32}{statistics.median(xs):>9.3f}s{max(xs):>9.3f}s")
    goal = statistics.median(e2e)
    print(f"goal < 1 s end to end: {'met' if goal < 1 else 'NOT met'} ({goal:.3f} s)")


if __name__ == "__main__":
    main()
