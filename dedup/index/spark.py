"""The scan's candidate stage on Spark: our signature code in ``mapInArrow``, pairs by band key.

Spark is for archives past one machine (it costs 10-13 s and about 1.7 GB to
start; on one 2-core machine the process pool is 5x faster). The stages are
the local engine's, so both give the same pairs:

1. the driver reads the articles (as ``dedup scan`` does) and hands Spark
   ``(row, text, excluded spans)`` as an Arrow-backed DataFrame;
2. ``mapInArrow`` runs ``dedup.index`` signing on each executor, batch by
   batch (the block signer and band keys of the local engine), returning the
   signature and the band keys of each row;
3. Spark explodes the band keys, groups rows by key and emits every pair of
   each group (``i < j``), de-duplicated;
4. pairs and signatures come back to the driver, which runs the same
   estimate, verification, alignment and reports as the local engine.

Not MLlib's ``MinHashLSH``: it hashes differently (its answers would differ
from the local engine's and from any stored index) and is slow.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Iterator, Sequence

import numpy as np

from dedup.errors import DedupError
from dedup.index.signature import Scheme

__all__ = ["spark_candidates", "spark_corpus_and_candidates", "spark_session"]

_sessions: dict[str, object] = {}


def spark_session(master: str | None = None):
    """A SparkSession for ``master`` (default ``local[*]``), made once per process; quiet logs, no UI."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DedupError(None, "--engine spark needs the [spark] extra: pip install 'dedup-newsroom[spark]'") from None
    master = master or "local[*]"
    if master in _sessions:
        return _sessions[master]
    if master.startswith("local"):  # executors are this machine: use this interpreter and its packages
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        spark = (
            SparkSession.builder.master(master)
            .appName("dedup-scan")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.shuffle.partitions", str(max(2, (os.cpu_count() or 2) * 2)))
            .getOrCreate()
        )
    except Exception as err:  # no Java, bad master URL, ...: one clear line, not a JVM stack
        raise DedupError(None, f"cannot start Spark at {master} ({str(err).splitlines()[0][:200]})") from None
    spark.sparkContext.setLogLevel("ERROR")
    _sessions[master] = spark
    return spark


def _sign_partition(scheme_json: str):
    """The function ``mapInArrow`` runs on executors: sign a stream of Arrow batches."""

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        from dedup.index.lsh import band_keys
        from dedup.index.shingle import shingle_hashes
        from dedup.index.signature import Scheme, Signer
        from dedup.model import Article, Span

        scheme = Scheme.from_dict(json.loads(scheme_json))
        signer = Signer(scheme)
        for batch in batches:
            rows = batch.column("row").to_pylist()
            texts = batch.column("text").to_pylist()
            excluded = batch.column("excluded").to_pylist()
            sets = [
                shingle_hashes(Article("", t, excluded=tuple(Span(s, e) for s, e in json.loads(x))), scheme.shingle)
                for t, x in zip(texts, excluded, strict=True)
            ]
            sigs = signer.sign_block(sets)
            sizes = [len(s) for s in sets]
            keys = band_keys(sigs, scheme).view(np.int64)
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(rows, pa.int64()),
                    pa.array(sizes, pa.int64()),
                    pa.array([s.tobytes() for s in sigs], pa.binary()),
                    pa.array([k.tolist() if n else [] for k, n in zip(keys, sizes, strict=True)], pa.list_(pa.int64())),
                ],
                names=["row", "n", "sig", "keys"],
            )

    return run


def spark_candidates(texts: Sequence[tuple[str, str]], scheme: Scheme, master: str | None = None,
                     partitions: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(signatures, shingle counts, candidate pairs)`` of ``(text, excluded-json)`` rows, computed on Spark."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    spark = spark_session(master)
    n = len(texts)
    p = scheme.num_perm
    if n == 0:
        return np.empty((0, p), np.uint32), np.empty(0, np.int64), np.empty((0, 2), np.int64)
    table = pa.table({"row": pa.array(np.arange(n, dtype=np.int64)), "text": [t for t, _ in texts],
                      "excluded": [x for _, x in texts]})
    parts = partitions or max(2, spark.sparkContext.defaultParallelism)
    with warnings.catch_warnings():  # pyspark warns about pandas versions it does not use here
        warnings.simplefilter("ignore", FutureWarning)
        df = _frame(spark, table).repartition(parts)
        signed = df.mapInArrow(_sign_partition(json.dumps(scheme.as_dict())),
                               "row long, n long, sig binary, keys array<long>").cache()
        return _collect(signed, n, scheme, F)


def _frame(spark, table):
    """A DataFrame from an Arrow table (pyspark >= 4 takes it directly; older ones go through pandas)."""
    try:
        return spark.createDataFrame(table)
    except (TypeError, ValueError):
        return spark.createDataFrame(table.to_pandas())


def _collect(signed, n: int, scheme: Scheme, F) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    p = scheme.num_perm
    # group by band key; every pair (i < j) of each group; de-duplicated across bands
    groups = (
        signed.select("row", F.explode("keys").alias("key"))
        .groupBy("key")
        .agg(F.array_sort(F.collect_list("row")).alias("rows"))
        .where(F.size("rows") >= 2)
    )
    pairs_df = groups.select(
        F.explode(
            F.expr("flatten(transform(sequence(0, size(rows) - 2), "
                   "i -> transform(slice(rows, i + 2, size(rows) - i - 1), j -> named_struct('a', rows[i], 'b', j))))")
        ).alias("p")
    ).select(F.col("p.a").alias("a"), F.col("p.b").alias("b")).where("a != b").distinct()
    pair_rows = pairs_df.toArrow() if hasattr(pairs_df, "toArrow") else None
    if pair_rows is not None:
        a = pair_rows.column("a").to_numpy()
        b = pair_rows.column("b").to_numpy()
    else:  # pyspark < 4
        got = pairs_df.toPandas()
        a, b = got["a"].to_numpy(), got["b"].to_numpy()
    sig_df = signed.select("row", "n", "sig")
    if hasattr(sig_df, "toArrow"):
        t = sig_df.toArrow()
        cols = t.column("row").to_pylist(), t.column("n").to_pylist(), t.column("sig").to_pylist()
    else:  # pyspark < 4
        got = sig_df.toPandas()
        cols = got["row"].tolist(), got["n"].tolist(), got["sig"].tolist()
    signed.unpersist()
    sigs = np.empty((n, p), dtype=np.uint32)
    sizes = np.zeros(n, dtype=np.int64)
    for row, size, blob in zip(*cols, strict=True):
        sigs[row] = np.frombuffer(blob, dtype=np.uint32)
        sizes[row] = size
    lo, hi = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    order = np.lexsort((hi, lo))
    pairs = np.stack((lo[order], hi[order]), 1) if len(lo) else np.empty((0, 2), np.int64)
    return sigs, sizes, pairs


def spark_corpus_and_candidates(paths, options, db: str | None = None, exclude=None):
    """The ``scan`` corpus with signatures and candidate pairs computed on Spark."""
    from dedup.index.corpus import iter_articles
    from dedup.index.scan import Corpus
    from dedup.index.store import IndexStore
    from dedup.text import content_hash

    failures: list = []
    articles = []
    indexed: set[str] = set()
    if db is not None:
        with IndexStore(db) as store:
            for i in store.iter_ids():
                art = store.article(i)
                articles.append(art)
                indexed.add(content_hash(art.text))
    seen: set[tuple[str, str]] = set()
    for art in iter_articles(paths, failures, exclude):
        h = content_hash(art.text)
        if (art.path, h) in seen or h in indexed:
            continue
        seen.add((art.path, h))
        articles.append(art)
    rows = [(a.text, json.dumps([[s.start, s.end] for s in a.excluded])) for a in articles]
    sigs, sizes, pairs = spark_candidates(rows, options.scheme, options.master)
    return Corpus(articles, sigs, sizes, failures), pairs
