"""Every command against the hostile corpus (tests/hostile.py): a result or one clear line, never a traceback.

Each case is run through every command in-process (click's runner, with an alarm
so a hang fails instead of blocking CI); outcomes are counted and the counts
printed, so a run shows how many files were tried and how each ended. Memory is
checked in child processes, where the peak resident size can be read exactly.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import HostileFile, build, good_text, other_text

from dedup.cli import cli
from dedup.cli.common import one_line

SECONDS = 60  # per invocation; a hostile file must never hang a command

# What each case must give: "error" (exit 2, one line) or "result" (exit 0); None: either is fine.
EXPECT: dict[str, str | None] = {
    "empty.txt": "error", "blank.txt": "error", "binary_png.txt": "error", "binary_nonul.txt": "error",
    "nul_many.txt": "error", "huge.txt": "error", "million_line.txt": "error", "pipe.txt": "error",
    "self_loop.txt": "error", "dangling.txt": "error", "not_really.html": "error", "tag_soup.html": "error", "broken.jsonl": "error",
    "bad_quoting.csv": "error", "nested.html": None, "malformed.html": None, "invalid_utf8.txt": None,
    "cp1252.txt": "result", "utf16_bom.txt": "result", "shift_jis.txt": "result", "bom.txt": "result",
    "nul_late.txt": "result", "nul_early.txt": "result", "crlf_tabs.txt": "result", "long_line.txt": "result", "million_token.txt": "result",
    "with space.txt": "result", "with \"quotes\" and 'apostrophes'.txt": "result", "naïve-日本-ünïcödé.txt": "result",
    "newline\nin name.txt": "result", "latin-1 name.txt": "result", "folder.txt": None,  # lint takes a folder of drafts; compare/quotes refuse it
}


def shown(path: Path) -> str:
    """How a message names ``path``: non-UTF-8 name bytes as \\xNN, control characters escaped."""
    return one_line(str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def invoke(args: list[str]) -> tuple[int, str, str, str | None, float]:
    """Run ``dedup ARGS`` in-process: exit code, stdout, stderr, crash (a traceback's last line) or None, seconds."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    t0 = time.perf_counter()
    try:
        r = CliRunner().invoke(cli, args, catch_exceptions=True)
    except Hang:
        return -1, "", "", f"no answer within {SECONDS} s", SECONDS
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    crash = None
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        crash = f"{type(r.exception).__name__}: {r.exception}"
    return r.exit_code, r.stdout, r.stderr, crash, time.perf_counter() - t0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[HostileFile], Path]:
    root = tmp_path_factory.mktemp("hostile")
    cases = build(root / "corpus")
    good = root / "good.txt"
    good.write_text(good_text(), encoding="utf-8")
    return root, cases, good


def _commands(case: HostileFile, good: Path, db: Path) -> dict[str, list[str]]:
    p = str(case.path)
    return {
        "compare": ["compare", str(good), p, "--format", "json"],
        "compare-rev": ["compare", p, str(good), "--format", "json"],
        "quotes": ["quotes", p, "--format", "json"],
        "lint": ["lint", p, "--format", "json", "--isolated"],
        "index add": ["index", "add", p, "--db", str(db)],
    }


def _outcome(cmd: str, case: HostileFile, code: int, out: str, err: str, crash: str | None) -> str:
    """Classify one run; assert the rules every outcome must keep."""
    where = f"{cmd} {case.name!r}"
    assert crash is None, f"{where}: {crash}"
    assert "Traceback" not in err, f"{where}: {err}"
    err_lines = err.splitlines()
    assert all(line.startswith("dedup: ") for line in err_lines), f"{where}: stderr {err!r}"
    if cmd == "index add":
        # A named file that cannot be read is listed and skipped; the batch still commits.
        assert code in (0, 1), f"{where}: exit {code}, {err!r}"
        if code == 1:
            assert shown(case.path) in err_lines[0] and err_lines[0].endswith("(skipped)"), where
        return "result" if code == 0 else "error"
    if code == 2:
        assert len(err_lines) == 1, f"{where}: not one line: {err!r}"
        assert shown(case.path) in err_lines[0], f"{where}: the line does not name the file: {err!r}"
        assert out == "", f"{where}: output despite the error"
        return "error"
    assert code == 0 or (cmd == "lint" and code == 1), f"{where}: exit {code}, {err!r}"
    doc = json.loads(out)  # a result is whole, valid JSON
    assert doc, where
    return "result"


def test_every_command_answers_every_hostile_file(corpus, capsys, record_property):
    root, cases, good = corpus
    db = root / "per-file.db"
    counts: Counter[tuple[str, str]] = Counter()
    slowest = (0.0, "")
    for case in cases:
        for cmd, args in _commands(case, good, db).items():
            code, out, err, crash, secs = invoke(args)
            outcome = _outcome(cmd, case, code, out, err, crash)
            counts[(cmd, outcome)] += 1
            slowest = max(slowest, (secs, f"{cmd} {case.name}"))
            expected = EXPECT.get(case.name, "?")
            assert expected != "?", f"no expectation recorded for {case.name!r}"
            if expected is not None and not (cmd == "lint" and case.kind == "special"):
                assert outcome == expected, f"{cmd} {case.name!r}: {outcome}, expected {expected}: {err!r}"
    tried = len(cases)
    summary = {cmd: {o: counts[(cmd, o)] for o in ("result", "error")} for cmd in
               ("compare", "compare-rev", "quotes", "lint", "index add")}
    record_property("hostile_summary", json.dumps(summary))
    with capsys.disabled():
        print(f"\nhostile corpus: {tried} files x {len(summary)} commands; slowest {slowest[0]:.1f} s ({slowest[1]!r})")
        for cmd, c in summary.items():
            print(f"  {cmd:<12} {c['result']:>3} results  {c['error']:>3} one-line errors  0 tracebacks")
    assert all(sum(c.values()) == tried for c in summary.values())
    assert summary["quotes"]["error"] >= 14 and summary["quotes"]["result"] >= 13


@pytest.mark.parametrize("code", ["XYZ999", "", "../../etc/passwd", "<script>alert(1)</script>", "NAM", "\x00\n"])
def test_explain_with_a_bad_code_is_one_line(code):
    exit_code, out, err, crash, _ = invoke(["explain", code])
    assert crash is None, crash
    if code in ("", "NAM") and exit_code == 0:  # "" lists every rule; a prefix may match
        return
    assert exit_code == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith("dedup: "), (exit_code, err)


def _failure_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.endswith("(skipped)")]


def test_index_add_of_the_hostile_folder_skips_bad_files_and_keeps_the_rest(corpus):
    root, cases, _ = corpus
    db = root / "folder.db"
    code, out, err, crash, _ = invoke(["index", "add", str(root / "corpus"), "--db", str(db)])
    assert crash is None and "Traceback" not in err, crash or err
    assert code == 1, (code, err)  # some files failed: said by the exit status
    failed = _failure_lines(err)
    assert all(line.startswith("dedup: ") for line in err.splitlines())
    # every unreadable file and every bad archive record named once; the loop and the folder named as a file are not
    bad_files = [c for c in cases if EXPECT[c.name] == "error" and c.name not in ("broken.jsonl", "bad_quoting.csv")]
    for c in bad_files:
        assert sum(shown(c.path) + ":" in line for line in failed) == 1, (c.name, failed)
    assert sum("broken.jsonl:" in line for line in failed) >= 5  # cut, non-object, no text, wrong type, deep, bad bytes
    assert any("bad_quoting.csv:" in line for line in failed)
    added = int(out.split()[1])
    assert added >= 15  # every readable file, the good archive records, the file inside folder.txt/
    code2, out2, _, crash2, _ = invoke(["index", "add", str(root / "corpus"), "--db", str(db)])
    assert crash2 is None and code2 == 1 and out2.startswith("added 0 articles"), out2


def test_scan_of_the_hostile_folder_lists_bad_files_and_reports_the_rest(tmp_path):
    cases = build(tmp_path / "corpus", slow=False)
    out_dir = tmp_path / "out"
    code, out, err, crash, _ = invoke(["scan", str(tmp_path / "corpus"), "--out", str(out_dir), "--workers", "1"])
    assert crash is None and "Traceback" not in err, crash or err
    assert code == 1, (code, err)
    assert all(line.startswith("dedup: ") for line in err.splitlines())
    failed = _failure_lines(err)
    for c in cases:
        if EXPECT[c.name] == "error" and c.name not in ("broken.jsonl", "bad_quoting.csv"):
            assert any(shown(c.path) + ":" in line for line in failed), c.name
    pairs = [json.loads(line) for line in (out_dir / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    # the one story under three odd names, and the archive record three of them quote from
    assert len(pairs) >= 3
    names = {Path(p[side]["path"]).name for p in pairs for side in ("source", "copy")}
    assert {"with space.txt", "naïve-日本-ünïcödé.txt", "newline\nin name.txt"} <= names
    for p in pairs:
        report = (out_dir / p["report"]).resolve()
        assert report.is_file() and out_dir.resolve() in report.parents
    assert (out_dir / "index.html").is_file()


def test_a_long_jsonl_line_is_refused_without_being_held(tmp_path, monkeypatch):
    from dedup import ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": 1, "text": "x " * 5000}) + "\n" + json.dumps({"id": 2, "text": "Fine words."}) + "\n",
                 encoding="utf-8")
    errors: list = []
    arts = list(ingest.read_articles(p, errors))
    assert [a.text for a in arts] == ["Fine words."]
    assert len(errors) == 1 and "a.jsonl:1" in str(errors[0]) and "longer than" in str(errors[0])


def test_lone_surrogates_in_json_become_replacement_characters_at_the_same_offsets(tmp_path):
    from dedup.ingest import read_articles

    p = tmp_path / "s.jsonl"
    p.write_text('{"text": "ab \\ud800 cd", "title": "\\udfff"}\n', encoding="utf-8")
    (art,) = read_articles(p)
    assert art.text == "ab \ufffd cd" and art.title == "\ufffd"
    art.text.encode("utf-8")  # writable anywhere


# -- memory, in child processes --------------------------------------------------------------------------------------


# The child reports its own peak (VmHWM of its address space): wait4's ru_maxrss would be floored at
# the size of this pytest process, which the child's address space was forked from.
_MEASURED = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\nPEAK_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
sys.argv = ["dedup", *sys.argv[1:]]
from dedup.cli import main
main()
"""


def _peak_mb(args: list[str], cwd: Path) -> tuple[int, float, str, str]:
    """Run ``dedup ARGS`` in a child; its exit code, peak resident size (MB), stdout and stderr."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc (Linux) to read a process's peak memory")
    r = subprocess.run([sys.executable, "-c", _MEASURED, *args], cwd=cwd, capture_output=True, text=True,
                       timeout=120, errors="replace")
    err, _, peak = r.stderr.rpartition("\nPEAK_KB ")
    assert peak.strip().isdigit(), r.stderr[-500:]
    return r.returncode, int(peak) / 1024, r.stdout, err


def _baseline_mb(tmp: Path, good: Path) -> float:
    return _peak_mb(["compare", str(good), str(good)], tmp)[1]


def test_memory_stays_bounded_on_huge_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(good_text(), encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        block = (good_text() * 200).encode()
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(block)
    # an archive of 100 MB: 80 records of 1.3 MB each (over the text limit) and one fine record
    archive = tmp_path / "huge.jsonl"
    with archive.open("w", encoding="utf-8") as fh:
        big = "word " * 260_000
        for i in range(80):
            fh.write(json.dumps({"id": i, "text": big}) + "\n")
        fh.write(json.dumps({"id": "fine", "text": good_text()}) + "\n")
    assert archive.stat().st_size > 100_000_000
    table = tmp_path / "huge.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id,text\n")
        for i in range(80):
            fh.write(f'{i},"{big}"\n')
        fh.write('fine,"' + good_text().replace('"', '""') + '"\n')
    # two articles within the text limit, of short sentences: together too many for alignment's matrices
    long_a, long_b = tmp_path / "long a.txt", tmp_path / "long b.txt"
    story = "".join(other_text(f"long{i}") for i in range(1000))[:900_000]
    long_a.write_text(story, encoding="utf-8")
    long_b.write_text(story.replace(" rose", " climbed"), encoding="utf-8")
    base = _baseline_mb(tmp_path, good)
    runs = {
        "compare huge": ["compare", str(good), str(huge)],
        "compare two long": ["compare", str(long_a), str(long_b), "--format", "json"],
        "lint huge": ["lint", str(huge), "--isolated"],
        "index add huge.csv": ["index", "add", str(table), "--db", str(tmp_path / "y.db"), "--workers", "1"],
        "index add huge.jsonl": ["index", "add", str(archive), "--db", str(tmp_path / "x.db"), "--workers", "1"],
    }
    peaks = {}
    for name, args in runs.items():
        code, peak, out, err = _peak_mb(args, tmp_path)
        assert "Traceback" not in err, err
        peaks[name] = peak
        assert code in (1, 2), (name, code, err)
        assert peak < base + 100, f"{name}: peak {peak:.0f} MB against {base:.0f} MB for a small file"
        if name == "compare two long":
            assert "too long to compare" in err, err  # refused before the matrices (11 GB unrefused)
        if name.startswith("index add"):
            assert out.startswith("added 1 article"), out  # the archive was read to its end, record by record
            assert err.count("article text too long") == 80, err[-300:]
    print(f"\npeak resident MB: small file {base:.0f}; " + "; ".join(f"{k} {v:.0f}" for k, v in peaks.items()))


# -- hostile index files ---------------------------------------------------------------------------------------------


def _broken_indexes(root: Path, good: Path) -> dict[str, Path]:
    import sqlite3

    real = root / "real.db"
    code, _, err, crash, _ = invoke(["index", "add", str(good), "--db", str(real)])
    assert code == 0 and crash is None, err
    data = real.read_bytes()
    out = {}
    for name, content in {
        "truncated": data[:8192],
        "garbage after the magic": data[:16] + bytes(range(256)) * 64,
        "text": b"not an index at all\n",
    }.items():
        out[name] = root / f"{name}.db"
        out[name].write_bytes(content)
    out["folder"] = root / "folder.db"
    out["folder"].mkdir()
    other = root / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    out["another application's SQLite"] = other
    newer = root / "newer.db"
    newer.write_bytes(data)
    con = sqlite3.connect(newer)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    out["a newer schema"] = newer
    return out


def test_broken_index_files_are_one_line_errors_for_every_command(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(good_text(), encoding="utf-8")
    tried = 0
    for name, db in _broken_indexes(tmp_path, good).items():
        for args in (["index", "stats", "--db", str(db)], ["index", "add", str(good), "--db", str(db)],
                     ["index", "remove", str(good), "--db", str(db)],
                     ["scan", str(good), "--db", str(db), "--out", str(tmp_path / "out")],
                     ["lint", str(good), "--against", str(db), "--format", "json"]):
            if name in ("text", "folder") and args[0] == "lint":
                continue  # --against a text file or a folder means "these articles", not an index
            code, out, err, crash, _ = invoke(args)
            tried += 1
            where = f"{' '.join(args[:2])} on {name}"
            assert crash is None, f"{where}: {crash}"
            assert code == 2 and len(err.splitlines()) == 1, f"{where}: exit {code}, {err!r}"
            assert err.startswith(f"dedup: {db}: "), f"{where}: {err!r}"
    assert tried == 28


# -- hostile option files: pairs lists, configs, baselines ----------------------------------------------------------


def test_broken_pairs_config_and_baseline_files_are_one_line_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(good_text(), encoding="utf-8")
    files = {
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
        "text": b"just some words, not what was asked for\n",
        "half": b"[tool.dedup\nselect = [\"NAM",
        "deep": b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "empty": b"",
    }
    tried, accepted = 0, []
    for name, content in files.items():
        f = tmp_path / f"{name}.file"
        f.write_bytes(content)
        for args in (["compare", "--pairs", str(f)], ["lint", str(good), "--config", str(f)],
                     ["lint", str(good), "--baseline", str(f)]):
            code, out, err, crash, _ = invoke(args)
            tried += 1
            where = f"{args[0]} {args[-2]} {name}"
            assert crash is None, f"{where}: {crash}"
            if code in (0, 1) and not err:
                accepted.append(where)
                continue
            assert code == 2 and len(err.splitlines()) == 1 and err.startswith("dedup: "), f"{where}: {code} {err!r}"
    assert tried == 15
    assert accepted == ["compare --pairs empty", "lint --config empty"]  # nothing to compare; the defaults
