"""Baselines: record today's findings so an archive can adopt the gate and only new ones fail.

A finding is recorded by a fingerprint that survives edits elsewhere in the
file: the rule, the words it points at (normalised, so re-wrapping a line
changes nothing) and the suggestion, plus how many earlier findings share all
three (the second "Galleotti" is not the first). Offsets are left out on
purpose: inserting a paragraph above a finding must not make it "new". The
same fingerprint is SARIF's ``partialFingerprints`` entry.

Paths are stored relative to the baseline file's folder, so the gate gives the
same answer from any working folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dedup.atomic import write_text_atomic
from dedup.errors import InputError
from dedup.model import Finding

__all__ = ["BASELINE_VERSION", "Baseline", "fingerprints", "load_baseline", "write_baseline"]

BASELINE_VERSION = 1
STDIN_PATH = "-"


def fingerprints(findings: Sequence[Finding], text: str) -> list[str]:
    """A stable fingerprint per finding, in the same order."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in findings:
        words = " ".join(text[f.span.start : f.span.end].split()).casefold()
        key = (f.code or f.kind, words, f.suggestion or "")
        n = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(n))).encode("utf-8", "surrogatepass")).hexdigest()
        out.append(digest[:20])
    return out


def _relpath(path: str, base: Path) -> str:
    if path == STDIN_PATH or path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


@dataclass(frozen=True, slots=True)
class Baseline:
    """The recorded findings: (path relative to ``base``, fingerprint) pairs."""

    base: Path
    entries: frozenset[tuple[str, str]]

    def knows(self, path: str, fingerprint: str) -> bool:
        return (_relpath(path, self.base), fingerprint) in self.entries

    def __len__(self) -> int:
        return len(self.entries)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing or malformed one is an ``InputError``."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(p), "no such baseline file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(p), f"cannot read baseline ({err})") from None
    except json.JSONDecodeError as err:
        raise InputError(str(p), f"baseline is not JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(data, dict) or data.get("tool") != "dedup" or not isinstance(data.get("findings"), list):
        raise InputError(str(p), "not a dedup baseline file")
    if data.get("version") != BASELINE_VERSION:
        raise InputError(str(p), f"baseline version {data.get('version')!r} is not {BASELINE_VERSION}")
    entries = set()
    for item in data["findings"]:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("path"), str)
            or not isinstance(item.get("fingerprint"), str)
        ):
            raise InputError(str(p), "baseline entry without path and fingerprint")
        entries.add((item["path"], item["fingerprint"]))
    return Baseline(base=p.parent, entries=frozenset(entries))


def write_baseline(path: str | os.PathLike[str], files: Iterable[tuple[str, Sequence[Finding], str]]) -> int:
    """Record every finding of ``(path, findings, text)`` triples; returns how many were written."""
    p = Path(path)
    base = p.parent
    rows = []
    for file_path, findings, text in files:
        for f, fp in zip(findings, fingerprints(findings, text), strict=True):
            rows.append(
                {
                    "path": _relpath(file_path, base),
                    "fingerprint": fp,
                    "code": f.code,
                    "kind": f.kind,
                    "text": " ".join(text[f.span.start : f.span.end].split())[:80],
                }
            )
    rows.sort(key=lambda r: (r["path"], r["code"], r["fingerprint"]))
    doc = {"tool": "dedup", "version": BASELINE_VERSION, "findings": rows}
    write_text_atomic(p, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return len(rows)
