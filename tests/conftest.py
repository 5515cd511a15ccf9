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


# -- Chromium (Debian's, through Playwright: `playwright install` cannot download browsers here) --------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session; the test skips cleanly when playwright or chromium is missing."""
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api")
    exe = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if not exe:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch(page) -> list[str]:
    """Record every dialog (dismissed), page error and console message of ``page``: proof of a script running."""
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("console", lambda m: events.append(f"console.{m.type}: {m.text}"))
    return events
