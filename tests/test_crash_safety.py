"""Nothing lost when interrupted: SIGKILL during ``index add``, a reader during writes, atomic reports.

``index add`` commits a whole batch in one SQLite transaction (WAL), so a kill
mid-batch must leave the index as it was before the batch: it opens, passes
``PRAGMA integrity_check``, and the next ``index add`` completes it with every
article stored once. A ``lint --against`` running meanwhile must see the index
as it was before or after a batch, never half of one.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import good_text, other_text

from dedup.atomic import atomic_open, write_text_atomic
from dedup.cli import cli
from dedup.errors import OutputError
from dedup.index.store import IndexStore

from conftest import COPY, SOURCE

BATCH = 6000  # articles in the batch that gets killed; enough that it runs for seconds


def _dedup(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dedup", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _start(*args: str, cwd: Path) -> subprocess.Popen:
    """``dedup ARGS`` in a process group of its own, so its signing workers die with it."""
    return subprocess.Popen(
        [sys.executable, "-m", "dedup", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _archive(path: Path, n: int, prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"{prefix}{i}", "text": other_text(f"{prefix}{i}")}) + "\n")
    return path


def _integrity(db: Path) -> tuple[str, int, int]:
    """integrity_check, rows in ``articles``, distinct content hashes (a fresh connection, read-only)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        rows, distinct = con.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
        return check, rows, distinct
    finally:
        con.close()


def _wait_for_writes(proc: subprocess.Popen, db: Path, timeout: float = 120) -> None:
    """Until the batch has started writing pages (its WAL grows), or fail if it finished first."""
    wal = Path(str(db) + "-wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"index add ended before it could be interrupted: {proc.communicate()}")
        if wal.exists() and wal.stat().st_size > 256 * 1024:
            return
        time.sleep(0.005)
    pytest.fail("index add wrote nothing in time")


@pytest.fixture
def first_batch(tmp_path) -> tuple[Path, Path, int]:
    db = tmp_path / "archive.db"
    first = _archive(tmp_path / "first.jsonl", 50, "a")
    r = _dedup("index", "add", str(first), str(SOURCE), "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path, db, 51


def test_sigkill_mid_batch_leaves_an_index_that_opens_checks_and_resumes(first_batch):
    tmp, db, before = first_batch
    batch = _archive(tmp / "batch.jsonl", BATCH, "b")
    proc = _start("index", "add", str(batch), "--db", str(db), cwd=tmp)
    _wait_for_writes(proc, db)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # The killed batch left no trace: the index opens and holds what it held before.
    check, rows, distinct = _integrity(db)
    assert check == "ok" and rows == distinct == before
    with IndexStore(db) as store:
        assert len(store) == before
        assert store.stats().articles == before

    # Resume: the same command completes the batch; every article is stored once.
    r = _dedup("index", "add", str(batch), "--db", str(db), cwd=tmp)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"added {BATCH} articles (0 already indexed)"), r.stdout
    check, rows, distinct = _integrity(db)
    assert check == "ok" and rows == distinct == before + BATCH
    again = _dedup("index", "add", str(batch), str(SOURCE), "--db", str(db), cwd=tmp)
    assert again.returncode == 0 and again.stdout.startswith("added 0 articles"), again.stdout
    assert _integrity(db)[1] == before + BATCH


def test_lint_against_an_index_being_written_reads_a_consistent_index(first_batch):
    tmp, db, before = first_batch
    draft = tmp / "draft.txt"
    draft.write_text(COPY.read_text(encoding="utf-8"), encoding="utf-8")
    lint_args = ("lint", str(draft), "--against", str(db), "--format", "json", "--isolated")
    quiet = _dedup(*lint_args, cwd=tmp)
    assert quiet.returncode in (0, 1), quiet.stderr
    expected = json.loads(quiet.stdout)
    assert any(f.get("source_path") for f in expected["files"][0]["findings"]), "the draft's source was not found"

    batch = _archive(tmp / "batch.jsonl", BATCH, "c")
    writer = _start("index", "add", str(batch), "--db", str(db), "--workers", "1", cwd=tmp)
    seen: list[int] = []
    lints_inside_the_batch = 0
    try:
        _wait_for_writes(writer, db)
        # While the other process writes the batch, this one lints against the index (the CLI,
        # in-process) and reads it directly: always the index before the batch or after it.
        while writer.poll() is None:
            r = CliRunner().invoke(cli, list(lint_args))
            if writer.poll() is None:
                lints_inside_the_batch += 1
            assert r.exit_code == quiet.returncode, r.output
            assert json.loads(r.stdout) == expected
            with IndexStore(db) as store:
                n = len(store)
                ids = list(store.iter_ids())
            assert n == len(ids) and n in (before, before + BATCH), n
            seen.append(n)
    finally:
        writer.communicate(timeout=300)
    assert writer.returncode == 0
    assert lints_inside_the_batch >= 1, "the batch was committed before lint finished; the test proved nothing"
    assert seen[0] == before
    print(f"\n{lints_inside_the_batch} lint runs and {len(seen)} reads while the batch was written")
    assert _integrity(db) == ("ok", before + BATCH, before + BATCH)
    after = _dedup(*lint_args, cwd=tmp)
    assert json.loads(after.stdout) == expected  # new unrelated articles change nothing


# -- atomic reports ----------------------------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_report_and_no_stray_file(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write("<html>half a new rep")
        raise RuntimeError("renderer crashed")
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_an_unwritable_destination_is_one_output_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        write_text_atomic(tmp_path / "file" / "report.html", "x")  # a parent that is a file


def test_a_write_skips_a_stale_temporary_name_creates_folders_and_gives_the_usual_mode(tmp_path):
    import stat

    import dedup.atomic as atomic

    mask = os.umask(0o022)
    os.umask(mask)
    n = next(atomic._serial)  # the next write takes number n + 1: a killed run left that name behind
    stale = tmp_path / f".r.html.{os.getpid()}.{n + 1}.tmp"
    stale.write_text("left by a killed run", encoding="utf-8")
    write_text_atomic(tmp_path / "r.html", "new")
    write_text_atomic(tmp_path / "new" / "folder" / "r.html", "deep")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "new"
    assert (tmp_path / "new" / "folder" / "r.html").read_text(encoding="utf-8") == "deep"
    assert stale.read_text(encoding="utf-8") == "left by a killed run"
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == [stale.name, "new", "r.html"]


_WRITER = """
import sys, time
from dedup.atomic import atomic_open
with atomic_open(sys.argv[1]) as fh:
    fh.write("<html>" + "new words " * 100000)
    fh.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_sigkill_while_writing_a_report_leaves_the_old_one_whole(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("old index", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.kill()
    proc.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == "old index"
    # the half-written temporary file is hidden beside it, never under the report's name
    assert all(p.name.startswith(".index.html.") for p in tmp_path.iterdir() if p != target)


def test_compare_html_replaces_a_report_whole(tmp_path):
    src, cp = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(good_text(), encoding="utf-8")
    cp.write_text(good_text(), encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    r = CliRunner().invoke(cli, ["compare", str(src), str(cp), "--html", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and "Content-Security-Policy" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "r.html"]
