"""dedup index add|remove|stats from the command line: idempotent, one-line errors, failures listed."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_scan import story

from dedup.cli import cli
from dedup.index.store import SCHEMA_VERSION


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _stats(db) -> dict:
    res = _run("index", "stats", "--db", str(db), "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_add_twice_changes_nothing_and_remove_works(tmp_path):
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    for i in range(4):
        (folder / "2024" / f"s{i}.txt").write_text(story(i))
    (folder / "archive.jsonl").write_text(json.dumps({"id": "x", "text": story(9), "outlet": "Wire"}) + "\n")
    db = tmp_path / "a.db"
    first = _run("index", "add", str(folder), "--db", str(db))
    assert first.exit_code == 0 and "added 5 articles" in first.stdout
    again = _run("index", "add", str(folder), "--db", str(db))
    assert again.exit_code == 0 and "added 0 articles (5 already indexed)" in again.stdout
    assert _stats(db)["articles"] == 5
    assert _run("index", "remove", str(folder / "2024" / "s0.txt"), "--db", str(db)).exit_code == 0
    assert _stats(db)["articles"] == 4
    assert _run("index", "remove", str(folder / "archive.jsonl"), "--db", str(db)).exit_code == 0
    assert _stats(db)["articles"] == 3
    (folder / "2024" / "s1.txt").unlink()  # a file gone from disk is still removable by its stored path
    assert _run("index", "remove", str(folder / "2024"), "--db", str(db)).exit_code == 0
    stats = _stats(db)
    assert stats["articles"] == 0 and stats["scheme"]["num_perm"] == 128 and stats["schema_version"] == SCHEMA_VERSION


def test_unreadable_files_are_listed_and_the_rest_indexed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(story(1))
    (folder / "bad.txt").write_bytes(b"\x00\x00binary")
    (folder / "broken.jsonl").write_text('{"text": "fine"}\n{not json\n')
    res = _run("index", "add", str(folder), "--db", str(tmp_path / "a.db"))
    assert res.exit_code == 1
    assert "bad.txt" in res.stderr and "broken.jsonl" in res.stderr and "good.txt" not in res.stderr
    assert _stats(tmp_path / "a.db")["articles"] >= 1


def test_foreign_index_is_one_line_and_untouched(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("my notes, not an index\n")
    (tmp_path / "s.txt").write_text(story(1))
    for args in (("index", "add", str(tmp_path / "s.txt")), ("index", "stats"), ("index", "remove", "x")):
        res = _run(*args, "--db", str(db))
        assert res.exit_code == 2 and res.stderr.startswith("dedup: ") and res.stderr.count("\n") == 1
    assert db.read_text() == "my notes, not an index\n"


def test_every_index_command_has_help():
    for sub in ("add", "remove", "stats"):
        res = _run("index", sub, "--help")
        assert res.exit_code == 0 and len(res.stdout.split("\n\n")[1].strip()) > 20
    assert "--engine" in _run("scan", "--help").stdout
