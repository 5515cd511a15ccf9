"""The Spark engine gives the local engine's pairs, pair for pair (skipped without Java or pyspark)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from dedup.index.candidates import local_candidates
from dedup.index.scan import ScanOptions, scan
from dedup.index.signature import Scheme

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("Java is not installed", allow_module_level=True)

from test_scan import rewrite, story  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-in")
    for i in range(30):
        (folder / f"s{i:02d}.md").write_text(f"---\ndate: 2024-01-{1 + i % 28:02d}\n---\n{story(100 + i)}")
    for i in range(0, 30, 3):  # ten planted copies of varying strength, one a copy of a copy
        (folder / f"c{i:02d}.md").write_text(f"---\ndate: 2024-03-01\n---\n{rewrite(story(100 + i), i, 0.03 + i / 150)}")
    (folder / "cc.md").write_text(f"---\ndate: 2024-03-02\n---\n{rewrite(rewrite(story(100), 0, 0.03), 7, 0.05)}")
    (folder / "empty-words.txt").write_text("— — —\n")  # no words: no band keys on either engine
    return folder


def test_spark_candidates_equal_local(corpus):
    from dedup.index.scan import load_corpus
    from dedup.index.spark import spark_candidates

    scheme = Scheme()
    local = load_corpus([corpus], ScanOptions(workers=1))
    rows = [(a.text, "[" + ",".join(f"[{s.start},{s.end}]" for s in a.excluded) + "]") for a in local.articles]
    sigs, sizes, pairs = spark_candidates(rows, scheme, partitions=3)
    assert np.array_equal(sigs, local.sigs) and np.array_equal(sizes, local.sizes)
    expected = local_candidates(local.sigs, local.sizes, scheme)
    assert len(expected) >= 10
    assert pairs.tolist() == expected.tolist()


def test_spark_scan_equals_local_scan(corpus, tmp_path):
    local = scan([corpus], tmp_path / "local", options=ScanOptions(workers=1))
    spark = scan([corpus], tmp_path / "spark", options=ScanOptions(workers=1, engine="spark"))
    key = lambda r: [(p.source.path, p.copy.path, round(p.reuse, 6), p.report) for p in r.pairs]  # noqa: E731
    assert len(local.pairs) >= 10
    assert key(spark) == key(local)
    assert (tmp_path / "spark" / "pairs.jsonl").read_text() == (tmp_path / "local" / "pairs.jsonl").read_text()
