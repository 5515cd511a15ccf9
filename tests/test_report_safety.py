"""Reports built by the real pipeline from hostile articles run no script in Chromium and stay in their folder.

``test_report_browser.py`` checks a hand-built hostile comparison; here the
payloads come in through the front door: an HTML page whose title, byline,
canonical URL and body carry ``<script>``, ``<img onerror>`` and ``javascript:``
payloads, and a JSON Lines archive whose records carry them in every field,
with ids that try to climb out of the output folder. ``dedup compare --html``
and ``dedup scan`` (its ``index.html`` and every pair report) are opened in
Chromium with dialog, console and page-error hooks; a control page proves the
hooks would have caught a script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _report_samples import PAYLOADS
from click.testing import CliRunner

from dedup.cli import cli

from conftest import watch

BAD_SCHEMES = ("javascript:", "data:", "vbscript:")

BODY = [
    "The council voted on Tuesday to close the old library on Mill Street, a decision that drew a crowd of angry "
    "residents to the town hall and left the Friends of the Library group vowing to fight on.",
    "Officials said the repairs would cost more than two million pounds, money the council does not have, and that "
    "the building would be sold at auction in the spring unless a buyer came forward sooner.",
    "\"We will not let this building go without a fight,\" said Maria Lopez, who chairs the group. \"It has served "
    "three generations of readers and it deserves better than this.\"",
    "The mayor, Tom Reed, told reporters the decision had been painful but necessary and promised a review of other "
    "sites, including the former post office and the empty units above the market hall.",
]


def _hostile_body() -> list[str]:
    """The story with a payload inside every paragraph (as text: the page escapes it, the extractor unescapes it)."""
    return [f"{p} {PAYLOADS[i % len(PAYLOADS)]} {PAYLOADS[(i + 5) % len(PAYLOADS)]}" for i, p in enumerate(BODY)]


def _html_page(paras: list[str]) -> str:
    from html import escape

    t = escape(PAYLOADS[0] + " Library to close " + PAYLOADS[1])
    return f"""<!doctype html><html><head><title>{t}</title>
<meta name="author" content="{escape(PAYLOADS[1] + ' Jane ' + PAYLOADS[4])}">
<meta property="og:title" content="{t}">
<meta property="og:url" content="javascript:alert('og-url')">
<link rel="canonical" href="javascript:alert('canonical')">
<meta property="og:site_name" content="{escape(PAYLOADS[6])}">
<script>alert('page script')</script></head>
<body onload="alert('onload')"><article><h1>{t}</h1>
{''.join(f'<p>{escape(p)}</p>' for p in paras)}
<p><a href="javascript:alert('body link')">click</a> <img src=x onerror="alert('img')"></p>
</article></body></html>"""


def _record(rid: str, paras: list[str], **extra: str) -> str:
    return json.dumps({"id": rid, "text": "\n\n".join(paras), "title": PAYLOADS[0], "author": PAYLOADS[1],
                       "url": "javascript:alert(1)", "outlet": PAYLOADS[9], "date": PAYLOADS[7], **extra})


@pytest.fixture
def hostile_inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    paras = _hostile_body()
    (folder / "page <img src=x onerror=alert(15)> \"q\".html").write_text(_html_page(paras), encoding="utf-8")
    lines = [
        _record("../../etc/x", paras[:3] + ["A closing line of its own, written by the copy desk for this edition."]),
        _record("/etc/passwd", paras[1:] + ["Another ending, added by a second outlet to make the story theirs."],
                url=" JaVaScRiPt:alert(2)"),
        _record("..\\..\\windows\\x", ["An unrelated piece about the weather, which was mild and dry all week.",
                                       "Farmers welcomed the sunshine after a wet spring " + PAYLOADS[2]]),
        _record("<img src=x onerror=alert(14)>", paras[::2], url="data:text/html,<script>alert(3)</script>"),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_output_file_names_never_leave_the_output_folder(tmp_path, hostile_inputs):
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["scan", str(hostile_inputs), "--out", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.output
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 3
    ids = {side["path"].split("#", 1)[-1] for p in pairs for side in (p["source"], p["copy"]) if "#" in side["path"]}
    assert {"../../etc/x", "/etc/passwd"} <= ids  # the climbing ids were paired and reported
    for p in pairs:
        target = (out / p["report"]).resolve()
        assert target.is_file() and out.resolve() in target.parents, p["report"]
    # Nothing written anywhere but the output folder (and nothing outside tmp_path: no etc/, no windows/).
    written = {q.relative_to(tmp_path).parts[0] for q in tmp_path.rglob("*")}
    assert written == {"in", "out"}
    assert all(q.name in ("index.html", "pairs.jsonl", "pairs") or q.parent.name == "pairs" for q in out.rglob("*"))


# -- Chromium ------------------------------------------------------------------------------------------------------------

def _watch(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    return page, watch(page)


def _poke(page) -> None:
    """Hover, focus and click everything a payload could hook (links only in-page: no navigation)."""
    page.eval_on_selector_all("body *", """els => els.forEach(el => {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerdown']) {
            el.dispatchEvent(new Event(type, {bubbles: true}));
        }
        const href = el.getAttribute && el.getAttribute('href');
        if (!href || href.startsWith('#')) el.click();
    })""")
    page.wait_for_timeout(50)


def _check_page(browser, path: Path) -> dict:
    page, events = _watch(browser)
    try:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        _poke(page)
        facts = page.evaluate("""() => ({
            scripts: [...document.scripts].map(s => s.src || 'inline'),
            hrefs: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map(
                el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || ''),
            handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.name))
                .filter(n => n.startsWith('on')),
            media: document.querySelectorAll('img, svg, iframe, object, embed, video, audio').length,
            csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
            text: document.body.innerText,
        })""")
    finally:
        page.close()
    assert events == [], f"{path.name}: {events}"
    assert facts["handlers"] == [], f"{path.name}: event handler attributes {facts['handlers']}"
    assert facts["media"] == 0, path.name
    assert all(s == "inline" for s in facts["scripts"]) and len(facts["scripts"]) <= 1, facts["scripts"]
    bad = [h for h in facts["hrefs"] if h.strip().lower().replace("\t", "").startswith(BAD_SCHEMES)]
    assert bad == [], f"{path.name}: dangerous links {bad}"
    assert "script-src" in facts["csp"] or "default-src" in facts["csp"], f"{path.name}: no CSP ({facts['csp']!r})"
    return facts


@pytest.mark.browser
def test_the_hooks_catch_a_script_when_there_is_one(chromium, tmp_path):
    page, events = _watch(chromium)
    control = tmp_path / "control.html"
    control.write_text("<html><body><img src=x onerror=\"alert('caught')\"></body></html>", encoding="utf-8")
    page.goto(control.as_uri())
    page.wait_for_timeout(200)
    page.close()
    assert any("caught" in e for e in events), events


@pytest.mark.browser
def test_compare_report_of_a_hostile_html_article_runs_no_script(chromium, tmp_path, hostile_inputs):
    page_file = next(hostile_inputs.glob("*.html"))
    copy = tmp_path / "copy.txt"
    copy.write_text("\n\n".join(_hostile_body()[:3]) + "\n\nA paragraph the copy wrote itself, with no payload.\n",
                    encoding="utf-8")
    report = tmp_path / "report.html"
    r = CliRunner().invoke(cli, ["compare", str(page_file), str(copy), "--format", "json", "--html", str(report)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    src = data["source"]
    # the payloads reached the report (trafilatura itself drops a javascript: URL and a byline with markup)
    assert "<script>" in src["title"] and "javascript:" in src.get("outlet", "").lower(), src
    assert data["matches"], "the copy was not matched; the report would show no passages"
    facts = _check_page(chromium, report)
    assert "<script>alert(1)</script>" in facts["text"]  # shown as text, not run


@pytest.mark.browser
def test_scan_index_and_every_pair_report_run_no_script(chromium, tmp_path, hostile_inputs):
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["scan", str(hostile_inputs), "--out", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.output
    pages = [out / "index.html", *sorted((out / "pairs").glob("*.html"))]
    assert len(pages) >= 4
    index_facts = _check_page(chromium, pages[0])
    assert "<script>alert(1)</script>" in index_facts["text"] or "alert(" in index_facts["text"]
    shown = 0
    for p in pages[1:]:
        shown += "javascript:alert(1)" in _check_page(chromium, p)["text"]  # the record's URL, as inert text
    assert shown >= 1
    print(f"\n{len(pages)} scan pages opened in Chromium (index.html + {len(pages) - 1} pair reports): no script ran")
