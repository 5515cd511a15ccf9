"""Shared fixtures: the seed articles, their expectations, and the eval data when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"

SOURCE = FIXTURES / "001_b8595589250d5d44.txt"
COPY = FIXTURES / "000_3d0b6ed5275008b9.txt"
OTHER = FIXTURES / "002_a352381bb1a5be53.txt"


@pytest.fixture(scope="session")
def expectations() -> dict:
    return json.loads((FIXTURES / "expectations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return {"source": SOURCE, "copy": COPY, "other": OTHER}


def eval_dir(name: str) -> Path:
    """A folder of ../shared/eval, or skip the test cleanly when it is absent."""
    path = EVAL / name
    if not path.is_dir():
        pytest.skip(f"evaluation data {path} is absent")
    return path
