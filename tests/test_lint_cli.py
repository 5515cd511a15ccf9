"""``dedup lint`` from the outside: exit codes, formats, stdin, baselines, one-line errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from lint_fakes import install

from dedup.cli import cli

CLEAN = "The minister said on Monday that the budget would be published next week.\n"
TYPO = "Prof Galleotti said the beleagured army would hold.\n\nA second paragraph, clean.\n"


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dedup.toml").write_text("", encoding="utf-8")  # keep the repo's own config out
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "typo.md").write_text(TYPO, encoding="utf-8")
    return tmp_path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["lint", *args], input=input)


def test_exit_codes(drafts):
    assert run("clean.md").exit_code == 0
    assert run("typo.md").exit_code == 1
    assert run("clean.md", "typo.md").exit_code == 1
    assert run("typo.md", "--exit-zero").exit_code == 0
    assert run("typo.md", "--severity", "SPL,NAM=warning").exit_code == 2  # malformed: one RULE per option
    assert run("typo.md", "--severity", "SPL=warning", "--severity", "NAM=warning").exit_code == 0
    assert run("typo.md", "--severity", "SPL=warning", "--severity", "NAM=warning",
               "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["missing.md"], "missing.md: no such file"),
        (["clean.md", "--format", "xml"], "--format"),
        (["clean.md", "--bogus"], "--bogus"),
        ([], "FILE"),
        (["clean.md", "--select", "NAM999"], "NAM999"),
        (["clean.md", "--baseline", "nope.json"], "nope.json"),
        (["-", "-"], "standard input"),
    ],
)
def test_could_not_run_is_exit_2_and_one_line(drafts, args, needle):
    res = run(*args)
    assert res.exit_code == 2
    assert res.output.count("\n") == 1 and res.output.startswith("dedup: ") and needle in res.output


def test_a_folder_stands_for_its_drafts(drafts):
    sub = drafts / "desk"
    (sub / "nested").mkdir(parents=True)
    (sub / "a.md").write_text(CLEAN, encoding="utf-8")
    (sub / "nested" / "b.txt").write_text(TYPO, encoding="utf-8")
    (sub / "notes.csv").write_text("x,y\n", encoding="utf-8")
    res = run("desk", "--format", "json")
    assert res.exit_code == 1
    paths = [f["path"] for f in json.loads(res.output)["files"]]
    assert [Path(p).as_posix() for p in paths] == ["desk/a.md", "desk/nested/b.txt"]
    (drafts / "empty").mkdir()
    res = run("empty")
    assert res.exit_code == 2 and "no drafts" in res.output


def test_text_format_lines_and_summary(drafts):
    res = run("typo.md", "clean.md")
    lines = res.output.splitlines()
    assert lines[0].startswith("typo.md:1:6: name_variant NAM001 ")
    assert lines[1].startswith("typo.md:1:25: misspelling SPL001 ")
    # the contract's form, path:line:col: kind message
    contract = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<kind>[a-z_]+) (?P<message>.+)$")
    assert [contract.match(line)["kind"] for line in lines[:2]] == ["name_variant", "misspelling"]
    assert lines[-1] == "Found 2 findings (2 errors) in 2 files."
    assert run("clean.md").output == "All clear: 1 file checked, no findings.\n"


def test_json_format_is_the_contract(drafts):
    res = run("typo.md", "clean.md", "--format", "json")
    doc = json.loads(res.output)
    assert [f["path"] for f in doc["files"]] == ["typo.md", "clean.md"]
    f = doc["files"][0]["findings"][0]
    for key in ("kind", "severity", "span", "message", "suggestion", "source_path", "source_span", "code"):
        assert key in f
    assert TYPO[f["span"][0] : f["span"][1]] == "Galleotti" and (f["line"], f["column"]) == (1, 6)
    assert doc["files"][1]["findings"] == []


def test_stdin_mode(drafts):
    res = run("-", "--format", "json", input=TYPO)
    assert res.exit_code == 1
    assert json.loads(res.output)["files"][0]["path"] == "-"
    res = run("-", "--stdin-filename", "cms/draft-42.txt", input=CLEAN)
    assert res.exit_code == 0
    assert run("-", input="").exit_code == 2


def test_github_annotations_escape_what_could_break_them(drafts):
    (drafts / "odd,name:1.md").write_text(TYPO, encoding="utf-8")
    out = run("odd,name:1.md", "--format", "github").output.splitlines()
    assert out[0].startswith("::error file=odd%2Cname%3A1.md,line=1,col=6,endLine=1,endColumn=15,title=NAM001")
    assert out[0].count("::") == 2 and "\n" not in out[0]
    res = run("typo.md", "--format", "github", "--severity", "NAM=info")
    assert res.output.startswith("::notice ")


def test_junit_is_xml_with_a_failure_per_finding(drafts):
    res = run("typo.md", "clean.md", "--format", "junit")
    root = ET.fromstring(res.output.encode())
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["typo.md", "clean.md"]
    assert len(suites[0].findall("testcase/failure")) == 2 and suites[1].findall("testcase/failure") == []


def test_output_file_and_write_then_use_baseline(drafts):
    res = run("typo.md", "--write-baseline", "baseline.json")
    assert res.exit_code == 0 and "recorded 2 finding" in res.output
    assert run("typo.md", "--baseline", "baseline.json").exit_code == 0
    (drafts / "typo.md").write_text(TYPO + "\nWe recieve.\n", encoding="utf-8")
    res = run("typo.md", "--baseline", "baseline.json", "-o", "report.txt")
    assert res.exit_code == 1 and res.output == ""
    report = (drafts / "report.txt").read_text()
    assert "misspelling SPL001" in report and "recieve" in report and "Galleotti" not in report
    assert "2 in the baseline" in report


def _installed_dedup() -> str | None:
    exe = Path(sys.executable).with_name("dedup")
    return str(exe) if exe.exists() else shutil.which("dedup")


def test_real_subprocess_exit_codes(tmp_path):
    """The installed console script, not CliRunner: one-line errors and exit 2 as a shell sees them."""
    exe = _installed_dedup()
    if exe is None:
        pytest.skip("the dedup console script is not installed (pip install -e .)")
    (tmp_path / "dedup.toml").write_text("", encoding="utf-8")
    res = subprocess.run([exe, "lint", "missing.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == "dedup: missing.md: no such file\n"
    res = subprocess.run([exe, "lint", "x.md", "--fail-on", "never"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and "--fail-on" in res.stderr


def test_real_subprocess_clean_and_failing_drafts(tmp_path):
    """End to end with the real spelling checks: a clean draft passes, a misspelled name fails."""
    pytest.importorskip("dedup.spelling")
    pytest.importorskip("dedup.names")
    exe = _installed_dedup()
    if exe is None:
        pytest.skip("the dedup console script is not installed (pip install -e .)")
    (tmp_path / "dedup.toml").write_text("", encoding="utf-8")
    body = ("Mark Galeotti, a professor, said the war was going badly. Galeotti said Moscow was worried. "
            "Galeotti added that the army was tired.")
    (tmp_path / "clean.md").write_text(body + "\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text(body + " Galleotti said more would follow.\n", encoding="utf-8")
    ok = subprocess.run([exe, "lint", "clean.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([exe, "lint", "bad.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "name_variant NAM001" in bad.stdout and "Galleotti" in bad.stdout


def test_broken_index_is_exit_2_naming_it(drafts):
    pytest.importorskip("dedup.index.sources")
    (drafts / "broken.db").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    res = run("clean.md", "--against", "broken.db")
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "broken.db" in res.output


def test_a_crash_in_a_check_is_exit_2_not_a_verdict(drafts, monkeypatch):
    import sys as _sys

    def broken(*args, **kwargs):
        raise ValueError("bad span [53, 51)")

    monkeypatch.setattr(_sys.modules["dedup.spelling"], "check_spelling", broken)
    res = run("clean.md")
    assert res.exit_code == 2 and res.output.count("\n") == 1
    assert "internal error" in res.output and "ValueError: bad span" in res.output
    monkeypatch.setenv("DEDUP_TRACEBACK", "1")
    res = run("clean.md")
    assert isinstance(res.exception, ValueError)
