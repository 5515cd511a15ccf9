"""The HTML report in a real browser (Debian's chromium through Playwright).

Clicking a passage must bring its counterpart into view and highlight it; a report
built from hostile article text must run no script but ours. Skipped cleanly when
playwright or /usr/bin/chromium is missing (CI installs chromium with apt).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _report_samples import hostile_comparison, seed_comparison

from dedup.report.html import render_html

from conftest import watch

pytestmark = pytest.mark.browser

@pytest.fixture
def report_page(chromium):
    pg = chromium.new_page(viewport={"width": 1280, "height": 800})
    pg.events = watch(pg)
    yield pg
    pg.close()


def _open(page, tmp_path: Path, html: str, name: str = "report.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return path


VISIBLE = """el => {
  const r = el.getBoundingClientRect();
  const box = el.closest('[data-side]').getBoundingClientRect();
  const top = Math.max(0, box.top), bottom = Math.min(window.innerHeight, box.bottom);
  return r.bottom > top && r.top < bottom && r.height > 0;
}"""


def _far_match(page, there: str) -> int:
    """A match whose words on side ``there`` start out of view, so a jump is observable."""
    refs = page.eval_on_selector_all(
        f'[data-side="{there}"] a.seg[data-m]:not([data-q])',
        f"els => els.filter(el => !({VISIBLE})(el)).map(el => el.getAttribute('data-m').split(' ')[0])",
    )
    assert refs, "every passage is already in view; the page is too short to test scrolling"
    return int(refs[-1])


def test_clicking_a_passage_shows_its_counterpart_and_back(report_page, tmp_path):
    page = report_page
    c = seed_comparison()
    _open(page, tmp_path, render_html(c))
    assert page.get_attribute("html", "data-report-ready") == "1"
    ref = _far_match(page, "s")
    copy_seg = page.locator(f'[data-side="c"] a.seg[data-m~="{ref}"]:not([data-q])').first
    copy_seg.scroll_into_view_if_needed()
    copy_seg.click()
    source_segs = page.locator(f'[data-side="s"] .seg[data-m~="{ref}"]')
    assert source_segs.count() >= 1
    assert all("hl" in (source_segs.nth(i).get_attribute("class") or "").split() for i in range(source_segs.count()))
    assert source_segs.first.evaluate(VISIBLE), "the source counterpart was not scrolled into view"
    # ... and back: a source passage leads to its copy words.
    back = _far_match(page, "c")
    page.locator(f'[data-side="s"] a.seg[data-m~="{back}"]:not([data-q])').first.click()
    target = page.locator(f'[data-side="c"] .seg[data-m~="{back}"]').first
    assert "hl" in target.get_attribute("class").split()
    assert target.evaluate(VISIBLE)
    if back != ref:
        assert page.locator(f'.seg.hl[data-m~="{ref}"]').count() == 0, "the old highlight was not cleared"
    assert not [e for e in page.events if not e.startswith("console.log")], page.events


def test_keyboard_enter_on_a_passage_jumps_too(report_page, tmp_path):
    page = report_page
    _open(page, tmp_path, render_html(seed_comparison()))
    ref = _far_match(page, "s")
    page.focus(f'[data-side="c"] a.seg[data-m~="{ref}"]:not([data-q])')
    page.keyboard.press("Enter")
    target = page.locator(f'[data-side="s"] a.seg[data-m~="{ref}"]').first
    assert "hl" in target.get_attribute("class").split() and target.evaluate(VISIBLE)
    assert page.evaluate("document.activeElement.closest('[data-side]').getAttribute('data-side')") == "s"


def test_panel_links_jump_to_the_copy(report_page, tmp_path):
    page = report_page
    c = seed_comparison()
    _open(page, tmp_path, render_html(c))
    i = len(c.findings) - 1
    page.click(f'#fi-{i} a[data-go="c f {i}"]')
    seg = page.locator(f'[data-side="c"] .seg[data-f~="{i}"]').first
    assert "hl" in seg.get_attribute("class").split() and seg.evaluate(VISIBLE)


def test_hostile_report_runs_no_injected_script(report_page, tmp_path):
    page = report_page
    _open(page, tmp_path, render_html(hostile_comparison()))
    # Poke at everything a payload might hook: hover and click every segment.
    page.eval_on_selector_all("[data-side] .seg, [data-go], a", """els => els.forEach(el => {
        for (const type of ['mouseover', 'mouseenter', 'focus']) { el.dispatchEvent(new Event(type, {bubbles: true})); }
        el.click();
    })""")
    assert page.get_attribute("html", "data-report-ready") == "1", "our own script did not run"
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("getComputedStyle(document.body).display") != "none"  # injected <style> did not apply
    assert page.events == [], page.events


def test_csp_blocks_a_script_even_if_escaping_failed(report_page, tmp_path):
    page = report_page
    """Defence in depth: splice a raw script into the page, as an escaping bug would; the CSP refuses it."""
    html = render_html(seed_comparison()).replace("<main>", "<main><script>alert('xss')</script>"
                                                  "<img src=x onerror=\"alert('img')\">", 1)
    _open(page, tmp_path, html)
    page.wait_for_timeout(100)
    assert not [e for e in page.events if e.startswith("dialog")], page.events
    assert any("Content Security Policy" in e for e in page.events), page.events
    assert page.get_attribute("html", "data-report-ready") == "1"


def test_phone_width_stacks_the_two_texts(chromium, tmp_path):
    pg = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        path = tmp_path / "r.html"
        path.write_text(render_html(seed_comparison()), encoding="utf-8")
        pg.goto(path.as_uri())
        s = pg.locator('[data-side="s"]').bounding_box()
        c = pg.locator('[data-side="c"]').bounding_box()
        assert c["y"] >= s["y"] + s["height"] and abs(c["x"] - s["x"]) < 2
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390, "horizontal overflow on a phone"
    finally:
        pg.close()
