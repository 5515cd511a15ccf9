"""`dedup compare`: the contract's JSON, pairs mode, the HTML option and one-line errors with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dedup.cli import cli

from conftest import COPY, OTHER, SOURCE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _check_span(text: str, span) -> None:
    assert isinstance(span, list) and len(span) == 2
    s, e = span
    assert 0 <= s <= e <= len(text)


def test_compare_json_follows_the_contract():
    code, out, _ = run("compare", str(SOURCE), str(COPY), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {"source", "copy", "reuse", "matches", "quotes", "findings"} <= doc.keys()
    src, cp = doc["source"]["text"], doc["copy"]["text"]
    assert doc["source"]["path"] == str(SOURCE) and doc["copy"]["path"] == str(COPY)
    assert src == SOURCE.read_text(encoding="utf-8-sig") and cp == COPY.read_text(encoding="utf-8-sig")
    assert 0.0 < doc["reuse"]["fraction"] <= 1.0
    assert doc["matches"], "the seed pair shares many passages"
    for m in doc["matches"]:
        assert m["kind"] in {"verbatim", "near_verbatim", "paraphrase"}
        _check_span(src, m["source_span"])
        _check_span(cp, m["copy_span"])
        assert 0.0 <= m["score"] <= 1.0
    for q in doc["quotes"]:
        assert q["verdict"] in {"verbatim", "altered", "not_in_source"}
        _check_span(cp, q["span"])
        if q["source_span"] is not None:
            _check_span(src, q["source_span"])
    for f in doc["findings"]:
        assert f["severity"] in {"error", "warning", "info"}
        _check_span(cp, f["span"])
        assert {"kind", "message", "suggestion", "source_path", "source_span"} <= f.keys()


def test_pairs_mode_prints_json_lines_relative_to_the_pairs_file(tmp_path):
    pairs = tmp_path / "pairs.txt"
    pairs.write_text(f"# seed pair and a negative one\n{SOURCE} {COPY}\n\n{SOURCE} {OTHER}\n", encoding="utf-8")
    code, out, _ = run("compare", "--pairs", str(pairs))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["copy"]["path"] for d in lines] == [str(COPY), str(OTHER)]
    assert lines[0]["reuse"]["fraction"] > lines[1]["reuse"]["fraction"]


def test_text_format_summarises(tmp_path):
    code, out, _ = run("compare", str(SOURCE), str(COPY))
    assert code == 0 and "reused:" in out and "verbatim" in out


def test_html_option_writes_an_escaped_report(tmp_path):
    out_file = tmp_path / "sub" / "r.html"
    code, _, _ = run("compare", str(SOURCE), str(COPY), "--html", str(out_file), "--format", "json")
    assert code == 0
    html = out_file.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Galeotti" in html


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["compare", "missing.txt", str(COPY)], "missing.txt: no such file"),
        (["compare", str(SOURCE)], "need SOURCE and COPY"),
        (["compare", str(SOURCE), str(COPY), "--format", "xml"], "Invalid value"),
    ],
)
def test_errors_are_one_line_and_exit_2(args, needle):
    code, _, err = run(*args)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_binary_and_empty_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for bad in (empty, binary):
        code, out, err = run("compare", str(bad), str(COPY), "--format", "json")
        assert code == 2 and out == "" and str(bad) in err and len(err.strip().splitlines()) == 1


def test_unwritable_html_path_fails_cleanly_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("compare", str(SOURCE), str(COPY), "--html", str(blocker / "r.html"))
    assert code == 2 and "cannot write" in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_installed_command_runs_as_a_subprocess():
    proc = subprocess.run(
        [sys.executable, "-m", "dedup", "compare", str(SOURCE), str(OTHER), "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["reuse"]["fraction"] < 0.05
