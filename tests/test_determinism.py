"""The same input gives byte-identical output: JSON, SARIF, HTML reports, a scan's whole folder.

Each run happens in a fresh process with a different ``PYTHONHASHSEED`` (set
and dict-of-set iteration order changes with it) and, for ``scan``, a different
number of worker processes (results arrive in another order). Nothing may
depend on either, nor on the clock.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import good_text, other_text

from conftest import COPY, OTHER, ROOT, SOURCE

# Runs every single-article command in one child process and writes each output to a file.
_DRIVER = r"""
import sys
from pathlib import Path
from click.testing import CliRunner
from dedup.cli import cli

out, src, cp = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
runs = {
    "compare.json": ["compare", src, cp, "--format", "json", "--html", str(out / "compare.html")],
    "compare.txt": ["compare", src, cp],
    "quotes.json": ["quotes", cp, "--format", "json"],
    "lint.json": ["lint", cp, "--against", src, "--format", "json", "--isolated"],
    "lint.sarif": ["lint", cp, "--against", src, "--format", "sarif", "--isolated"],
    "lint.txt": ["lint", cp, "--against", src, "--isolated"],
}
for name, args in runs.items():
    r = CliRunner().invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), (name, r.exception)
    (out / name).write_text(r.stdout, encoding="utf-8")
"""


def _env(seed: str) -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": seed}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_single_article_commands_give_identical_bytes(tmp_path):
    outs = []
    for seed in ("1", "271828"):
        out = tmp_path / f"run{seed}"
        out.mkdir()
        subprocess.run([sys.executable, "-c", _DRIVER, str(out), str(SOURCE), str(COPY)], cwd=ROOT, env=_env(seed),
                       check=True, timeout=300, capture_output=True)
        outs.append(_tree(out))
    first, second = outs
    assert set(first) == {"compare.json", "compare.html", "compare.txt", "quotes.json", "lint.json", "lint.sarif",
                          "lint.txt"}
    for name in first:
        assert first[name], f"{name} is empty"
        assert first[name] == second[name], f"{name} differs between runs"
    assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", first["compare.html"] + first["lint.sarif"]), "a timestamp"


@pytest.fixture
def scan_input(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in (SOURCE, COPY, OTHER):
        (folder / p.name).write_bytes(p.read_bytes())
    # a story and its rewrites, plus unrelated pieces: pairs, a family and noise
    (folder / "story.txt").write_text(good_text(), encoding="utf-8")
    (folder / "rewrite one.txt").write_text(good_text().replace("angry", "furious") + other_text("r1"), encoding="utf-8")
    (folder / "rewrite-two.md").write_text(other_text("r2") + good_text().replace("Tuesday", "Monday"), encoding="utf-8")
    for i in range(4):
        (folder / f"noise{i}.txt").write_text(other_text(f"n{i}"), encoding="utf-8")
    return folder


def test_scan_twice_gives_the_same_folder_byte_for_byte(tmp_path, scan_input):
    trees = []
    for seed, workers in (("1", "1"), ("314159", "2")):
        out = tmp_path / f"out{seed}"
        r = subprocess.run([sys.executable, "-m", "dedup", "scan", str(scan_input), "--out", str(out),
                            "--workers", workers], cwd=ROOT, env=_env(seed), capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        trees.append(_tree(out))
    first, second = trees
    assert "index.html" in first and "pairs.jsonl" in first
    reports = [n for n in first if n.startswith("pairs/")]
    assert len(reports) >= 3, sorted(first)  # the seed pair and the story family at least
    assert sorted(first) == sorted(second), "different report files"
    for name in first:
        assert first[name] == second[name], f"{name} differs between runs"
