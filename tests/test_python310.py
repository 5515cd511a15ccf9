"""Python 3.10 is supported (pyproject), but its ``re`` has no possessive quantifiers or atomic groups.

The fast word patterns use them on 3.11+ only. This imports those modules, in a fresh interpreter, as
3.10 would see them and checks every compiled pattern is one 3.10 can parse (a full run on 3.10 is
``tox -e py310``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_CHECK = r"""
import re, sys
import numpy, xxhash, anyascii, breame.data.spelling_constants  # their own imports see the real version
import dedup.model, dedup.speakers_lexicon
real = sys.version_info
sys.version_info = (3, 10, 13, "final", 0)
import dedup.text, dedup.speaker_tokens, dedup.index.shingle
sys.version_info = real
needs_311 = re.compile(r"(?<!\\)(?:[*+?}]\+|\(\?>)")  # x++ x*+ x?+ {m,n}+ and (?>...)
for module in (dedup.text, dedup.speaker_tokens, dedup.index.shingle):
    for value in vars(module).values():
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and needs_311.search(value.pattern):
            print(module.__name__, value.pattern[:80])
"""


def test_word_patterns_fall_back_to_what_python_3_10_can_parse():
    run = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "", f"3.11-only regex syntax compiled on 3.10: {run.stdout}"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive patterns exist from 3.11")
def test_the_check_sees_possessive_patterns_where_python_has_them():
    run = subprocess.run([sys.executable, "-c", _CHECK.replace("(3, 10, 13", "(3, 11, 7")], capture_output=True,
                         text=True, timeout=60)
    assert "dedup.speaker_tokens" in run.stdout and "dedup.text" in run.stdout
