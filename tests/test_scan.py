"""dedup scan: verified, directed pairs, reports inside the output folder, index.html, failures listed."""

from __future__ import annotations

import html
import json
import random
import re

import pytest
from click.testing import CliRunner

from dedup.cli import cli
from dedup.index.scan import ScanOptions, families, scan

VOCAB = ("council budget school road police fire river bridge mayor vote tax plan city state court judge ruling "
         "appeal hospital nurse doctor strike union wage price market bank rate loan farm storm flood energy grid "
         "port ship rail station airport museum festival library park housing rent tenant landlord").split()


def story(seed: int, n: int = 220) -> str:
    rng = random.Random(seed)
    sentences = []
    while sum(len(s.split()) for s in sentences) < n:
        words = [rng.choice(VOCAB) for _ in range(rng.randint(8, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return "\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)) + "\n"


def rewrite(text: str, seed: int, rate: float = 0.08) -> str:
    rng = random.Random(seed)
    return " ".join("reworded" if rng.random() < rate else w for w in text.split(" "))


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        (folder / f"story{i}.md").write_text(f"---\ndate: 2024-01-{10 + i:02d}\noutlet: Outlet {i}\n---\n{story(i)}")
    # planted copies: 0 -> 8 (later date), 3 -> 9 and 9 -> 10 (a family of three)
    (folder / "copy8.md").write_text(f"---\ndate: 2024-02-01\n---\n{rewrite(story(0), 1)}")
    (folder / "copy9.md").write_text(f"---\ndate: 2024-02-02\n---\n{rewrite(story(3), 2)}")
    (folder / "copy10.md").write_text(f"---\ndate: 2024-02-03\n---\n{rewrite(rewrite(story(3), 2), 3)}")
    return folder


def test_scan_finds_planted_pairs_directed(corpus, tmp_path):
    out = tmp_path / "out"
    result = scan([corpus], out, options=ScanOptions(workers=1))
    got = {(p.source.path.rsplit("/", 1)[-1], p.copy.path.rsplit("/", 1)[-1]) for p in result.pairs}
    assert got == {("story0.md", "copy8.md"), ("story3.md", "copy9.md"), ("story3.md", "copy10.md"),
                   ("copy9.md", "copy10.md")}
    assert all(p.reuse > 0.5 and p.copy_in_source > 0.3 for p in result.pairs)
    fams = families(result.pairs)
    assert sorted(len(f) for f in fams) == [1, 3]
    lines = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    assert len(lines) == 4
    for rec in lines:
        assert set(rec) >= {"source", "copy", "reuse", "report"}
        assert isinstance(rec["reuse"]["fraction"], float) and rec["source"]["path"]
        report = (out / rec["report"]).resolve()
        assert report.is_file() and out.resolve() in report.parents
        assert rec["source"]["date"] < rec["copy"]["date"]


def test_undated_pairs_point_from_the_containing_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    base = story(5, 300)
    (folder / "a_excerpt.txt").write_text(base.split("\n")[0] + "\n" + base.split("\n")[1] + "\n")
    (folder / "b_full.txt").write_text(base)
    (pair,) = scan([folder], None, options=ScanOptions(workers=1)).pairs
    # the excerpt lies wholly inside the full story: the more contained one is the source (CONTRACT.md)
    assert pair.source.path.endswith("a_excerpt.txt")
    assert pair.source_in_copy == pytest.approx(1.0)


def test_index_html_escapes_and_forbids_network(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    (folder / "a.md").write_text(f"---\ntitle: {evil}\noutlet: {evil}\ndate: 2024-01-01\n---\n{story(1)}")
    (folder / "b.md").write_text(f"---\ndate: 2024-01-02\n---\n{rewrite(story(1), 4)}")
    scan([folder], tmp_path / "out", options=ScanOptions(workers=1))
    page = (tmp_path / "out" / "index.html").read_text()
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert", "")
    assert "&lt;script&gt;" in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and html.unescape(csp.group(1)).startswith("default-src 'none'; ")
    assert "http://" not in page and "https://" not in page
    assert page.count("<script>") == 1  # only our own


def test_cli_lists_unreadable_files_and_exits_1(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["scan", str(corpus), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 1, res.output
    assert "broken.txt" in res.stderr and "empty.txt" in res.stderr
    assert "4 pairs" in res.stdout
    assert (out / "index.html").is_file() and len((out / "pairs.jsonl").read_text().splitlines()) == 4


def test_cli_scan_with_index(corpus, tmp_path):
    db = tmp_path / "a.db"
    runner = CliRunner()
    old = tmp_path / "old"
    old.mkdir()
    (corpus / "story0.md").rename(old / "story0.md")
    assert runner.invoke(cli, ["index", "add", str(old), "--db", str(db)]).exit_code == 0
    res = runner.invoke(cli, ["scan", str(corpus), "--db", str(db), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in (tmp_path / "out" / "pairs.jsonl").read_text().splitlines()]
    assert any(r["source"]["path"].endswith("old/story0.md") and r["copy"]["path"].endswith("copy8.md") for r in recs)


def test_cli_bad_index_is_one_line_exit_2(corpus, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not an index")
    res = CliRunner().invoke(cli, ["scan", str(corpus), "--db", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "not a dedup index" in res.stderr
    assert bad.read_text() == "not an index"


def test_scan_uses_a_process_pool_and_agrees(corpus, tmp_path):
    one = scan([corpus], None, options=ScanOptions(workers=1))
    two = scan([corpus], None, options=ScanOptions(workers=2))
    key = lambda r: [(p.source.path, p.copy.path, round(p.reuse, 6)) for p in r.pairs]  # noqa: E731
    assert key(one) == key(two)


def test_a_second_scan_never_reads_its_own_reports(corpus):
    out = corpus / "scan-out"  # the output folder inside the scanned folder
    first = scan([corpus], out, options=ScanOptions(workers=1))
    second = scan([corpus], out, options=ScanOptions(workers=1))
    assert second.articles == first.articles == 11 and len(second.pairs) == len(first.pairs)


def test_small_scans_find_partial_copies_band_keys_miss(tmp_path, seed_paths):
    """A rewrite keeping a tenth of its source's phrases (Jaccard 0.1): every pair is compared below 5,000 articles."""
    import shutil

    import numpy as np

    from dedup.index.candidates import exhaustive_candidates, local_candidates
    from dedup.index.scan import load_corpus

    folder = tmp_path / "in"
    folder.mkdir()
    for p in seed_paths.values():
        shutil.copy(p, folder / p.name)
    for i in range(5):
        (folder / f"n{i}.txt").write_text(story(i))
    corpus = load_corpus([folder], ScanOptions(workers=1))
    names = [a.path.rsplit("/", 1)[-1] for a in corpus.articles]
    pair = sorted((names.index(seed_paths["source"].name), names.index(seed_paths["copy"].name)))
    brute = exhaustive_candidates(corpus.sigs, corpus.sizes, 0.1).tolist()
    assert brute == [pair]  # the seed pair and nothing else
    lsh = {tuple(p) for p in local_candidates(corpus.sigs, corpus.sizes, ScanOptions().scheme).tolist()}
    assert lsh <= {tuple(pair)}
    result = scan([folder], None, options=ScanOptions(workers=1))
    assert [(p.source.path, p.copy.path) for p in result.pairs] == [(str(folder / seed_paths["source"].name),
                                                                      str(folder / seed_paths["copy"].name))]
    off = scan([folder], None, options=ScanOptions(workers=1, exhaustive=0))
    assert len(off.pairs) == len(lsh)
    assert np.all(corpus.sizes > 0)


def test_one_sites_furniture_is_not_shared_text_but_a_syndicated_story_is(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    plea = ("Sign up for our morning newsletter to get the best of our journalism delivered to your inbox "
            "every single day, and support independent reporting on the stories that matter most to you.")
    wire = story(77)
    for i in range(6):  # six unrelated stories of one site, each ending with the same plea
        (folder / f"site{i}.md").write_text(f"---\noutlet: Daily Site\n---\n{story(200 + i, 60)}\n{plea}\n")
    for i in range(6):  # one wire story run by six outlets
        (folder / f"wire{i}.md").write_text(f"---\noutlet: Paper {i}\ndate: 2024-03-0{i + 1}\n---\n{wire}")
    result = scan([folder], None, options=ScanOptions(workers=1))
    names = {(p.source.path.rsplit("/", 1)[-1], p.copy.path.rsplit("/", 1)[-1]) for p in result.pairs}
    assert not any("site" in a or "site" in b for a, b in names)
    assert len(names) == 15 and all(a.startswith("wire") and b.startswith("wire") for a, b in names)
