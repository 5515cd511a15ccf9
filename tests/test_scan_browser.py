"""The scan's index.html in a real browser: columns sort, our script runs, no hostile title runs.

Skipped cleanly when playwright or chromium is missing (CI installs chromium with apt).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_scan import rewrite, story

from dedup.index.scan import ScanOptions, scan

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api")
if not (CHROMIUM.exists() or shutil.which("chromium")):
    pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def test_index_sorts_and_runs_no_hostile_script(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    for i, (outlet, date) in enumerate((("Zeta Times", "2024-01-03"), ("Alpha Post", "2024-01-01"))):
        (folder / f"s{i}.md").write_text(f"---\ntitle: {evil}\noutlet: {outlet}\ndate: {date}\n---\n{story(i)}")
        (folder / f"c{i}.md").write_text(f"---\ndate: 2024-02-0{i + 1}\noutlet: Copy {i}\n---\n"
                                         f"{rewrite(story(i), i, 0.05 + 0.2 * i)}")
    out = tmp_path / "out"
    assert len(scan([folder], out, options=ScanOptions(workers=1)).pairs) == 2
    events: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
                                    args=ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (events.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: events.append(str(e)))
        page.on("console", lambda m: events.append(m.text) if m.type == "error" else None)
        page.goto((out / "index.html").as_uri())
        outlets = lambda: page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => r.cells[5].textContent)")  # noqa: E731
        page.click("#pairs th:nth-child(6) button")
        assert outlets() == ["Alpha Post", "Zeta Times"]
        page.click("#pairs th:nth-child(6) button")
        assert outlets() == ["Zeta Times", "Alpha Post"]
        reuse = page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => +r.cells[0].dataset.sort)")
        page.click("#pairs th:nth-child(1) button")
        assert page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => +r.cells[0].dataset.sort)") == sorted(reuse)
        browser.close()
    assert events == []
