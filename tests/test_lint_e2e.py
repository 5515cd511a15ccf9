"""The gate end to end with the real checks: seed articles, an attribution fixture, a licensed wire.

These need the spelling, quote/attribution and index modules; each test skips
cleanly while one of them is missing.
"""

from __future__ import annotations

import pytest

from dedup.config import Config
from dedup.ingest import article_from_text, read_article
from dedup.lint import lint
from dedup.rules import rule_for_kind

pytest.importorskip("dedup.spelling")
pytest.importorskip("dedup.names")


def _at(report, text: str) -> list[str]:
    """Codes of the findings whose span overlaps the first occurrence of ``text``."""
    start = report.text.index(text)
    end = start + len(text)
    return [f.code for f in report.findings if f.span.start < end and start < f.span.end]


def test_seed_drafts_on_their_own(seed_paths):
    rep = lint([read_article(seed_paths["copy"]), read_article(seed_paths["other"])])
    copy, other = rep.files
    galleotti = [f for f in copy.findings if copy.text[f.span.start : f.span.end] == "Galleotti"]
    assert len(galleotti) == 2 and {f.code for f in galleotti} == {"NAM001"}
    assert {f.suggestion for f in galleotti} == {"Galeotti"}
    assert "NAM001" in _at(other, "Priogzhin")
    assert rep.failed and all(f.code == rule_for_kind(f.kind).code for f in rep.all_findings())


def test_seed_copy_against_its_source(seed_paths):
    pytest.importorskip("dedup.index.sources")
    pytest.importorskip("dedup.attribution")
    source = str(seed_paths["source"])
    rep = lint([read_article(seed_paths["copy"])], against=source).files[0]
    assert rep.sources == (source,)
    assert "ATT002" in _at(rep, "told the MailOnline")
    assert "ATT002" in _at(rep, "he tells the Mail")
    assert "QUO002" in _at(rep, "largely bluster")
    assert "QUO001" in _at(rep, "reflects badly")
    # spelling found both on its own and by compare is reported once
    spans = [(f.kind, f.span) for f in rep.findings]
    assert len(spans) == len(set(spans))


WIRE = """---
outlet: Reuters
---
Bank of England raises rates

LONDON (Reuters) - The Bank of England raised interest rates by a quarter of a percentage point on Thursday to 5.25%, the highest level since early 2008, and said borrowing costs were likely to stay high for some time as inflation remained well above its target.

Six members of the committee voted for the increase, two wanted a bigger rise and one voted to hold.
"""
DRAFT = """Mortgage holders face more pain

The Bank of England raised interest rates by a quarter of a percentage point on Thursday to 5.25%, the highest level since early 2008, and said borrowing costs were likely to stay high for some time as inflation remained well above its target.

Estate agents in Leeds said buyers were already pulling out of sales.
"""


def test_licensed_wire_needs_its_credit(tmp_path):
    pytest.importorskip("dedup.index.sources")
    pytest.importorskip("dedup.attribution")
    (tmp_path / "wires").mkdir()
    (tmp_path / "wires" / "boe.txt").write_text(WIRE, encoding="utf-8")
    against = str(tmp_path / "wires")
    plain = lint([article_from_text(DRAFT, "d.md")], against=against).files[0]
    if "DUP001" not in [f.code for f in plain.findings]:
        pytest.skip("the reuse check does not flag this passage (not the licence logic's concern)")
    cfg = Config(licensed_sources=(("Reuters",),))
    uncredited = lint([article_from_text(DRAFT, "d.md")], cfg, against=against).files[0]
    assert "LIC001" in [f.code for f in uncredited.findings] and "DUP001" not in [f.code for f in uncredited.findings]
    credited = DRAFT + "\nAdditional reporting by Reuters\n"
    ok = lint([article_from_text(credited, "d.md")], cfg, against=against).files[0]
    assert not {"LIC001", "DUP001"} & {f.code for f in ok.findings}
