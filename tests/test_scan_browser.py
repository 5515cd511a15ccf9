"""The scan's index.html in a real browser: columns sort, our script runs, no hostile title runs.

Skipped cleanly when playwright or chromium is missing (CI installs chromium with apt).
"""

from __future__ import annotations

import pytest
from test_scan import rewrite, story

from dedup.index.scan import ScanOptions, scan

from conftest import watch

pytestmark = pytest.mark.browser


def test_index_sorts_and_runs_no_hostile_script(chromium, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    for i, (outlet, date) in enumerate((("Zeta Times", "2024-01-03"), ("Alpha Post", "2024-01-01"))):
        (folder / f"s{i}.md").write_text(f"---\ntitle: {evil}\noutlet: {outlet}\ndate: {date}\n---\n{story(i)}")
        (folder / f"c{i}.md").write_text(f"---\ndate: 2024-02-0{i + 1}\noutlet: Copy {i}\n---\n"
                                         f"{rewrite(story(i), i, 0.05 + 0.2 * i)}")
    out = tmp_path / "out"
    assert len(scan([folder], out, options=ScanOptions(workers=1)).pairs) == 2
    page = chromium.new_page()
    events = watch(page)
    try:
        page.goto((out / "index.html").as_uri())
        outlets = lambda: page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => r.cells[5].textContent)")  # noqa: E731
        page.click("#pairs th:nth-child(6) button")
        assert outlets() == ["Alpha Post", "Zeta Times"]
        page.click("#pairs th:nth-child(6) button")
        assert outlets() == ["Zeta Times", "Alpha Post"]
        reuse = page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => +r.cells[0].dataset.sort)")
        page.click("#pairs th:nth-child(1) button")
        assert page.eval_on_selector_all("#pairs tbody tr", "rs => rs.map(r => +r.cells[0].dataset.sort)") == sorted(reuse)
    finally:
        page.close()
    assert [e for e in events if not e.startswith("console.") or e.startswith("console.error")] == []
