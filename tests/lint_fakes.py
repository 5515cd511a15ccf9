"""A stand-in spelling checker for the lint machinery tests.

The lint gate's own behaviour (codes, severities, markers, baselines, formats,
exit codes) must not depend on the spelling heuristics another module tunes,
so these tests swap ``dedup.spelling`` for a checker with a fixed list of typos.
Tests of the real checks end to end live beside them and skip when it is absent.
"""

from __future__ import annotations

import re
import sys
import types

from dedup.model import Finding, Span

TYPOS = {"Galleotti": "Galeotti", "beleagured": "beleaguered", "Priogzhin": "Prigozhin", "recieve": "receive"}
_TYPO_RE = re.compile(r"\b(" + "|".join(TYPOS) + r")\b")


def fake_check_spelling(article, *, source=None, extra_words=(), aliases=None):
    out = []
    for m in _TYPO_RE.finditer(article.text):
        span = Span(m.start(), m.end())
        word = m.group()
        if article.is_excluded(span) or word in extra_words:
            continue
        kind = "name_variant" if word[0].isupper() else "misspelling"
        out.append(Finding(kind=kind, severity="error", span=span,
                           message=f'"{word}" is probably "{TYPOS[word]}"', suggestion=TYPOS[word]))
    return tuple(out)


def install(monkeypatch) -> None:
    module = types.ModuleType("dedup.spelling")
    module.check_spelling = fake_check_spelling
    monkeypatch.setitem(sys.modules, "dedup.spelling", module)
