"""The scan's ``index.html``: every pair, sortable by reuse, outlet and date, and the story families.

Two stages, as in coverage.py: ``build_index_view`` turns pairs into plain
rows (all numbers formatted, all sort keys computed); the template only
displays them. Jinja2 autoescape is on, so titles and paths from articles are
always escaped; the page loads nothing from the network and its
Content-Security-Policy lets only its own inline script run (by hash).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from dedup.model import Article
from dedup.report.html import content_security_policy  # the reports' policy: only our script runs

__all__ = ["IndexRow", "IndexView", "build_index_view", "render_index"]

_SCRIPT = """
(function () {
  "use strict";
  function key(cell) { return cell.getAttribute("data-sort") || cell.textContent.trim(); }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.path{color:#666;font-size:.85em;word-break:break-all}
.bar{display:inline-block;height:.6em;background:#c0392b;vertical-align:middle;margin-right:.4em}
.family{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
.summary{color:#444}
"""


@dataclass(frozen=True)
class Side:
    title: str
    path: str
    outlet: str
    date: str


@dataclass(frozen=True)
class IndexRow:
    number: int
    source: Side
    copy: Side
    reuse: float
    reuse_text: str
    reuse_width: int
    overlap_text: str
    family: int
    report: str | None


@dataclass(frozen=True)
class Family:
    number: int
    articles: tuple[Side, ...]
    rows: tuple[int, ...]


@dataclass(frozen=True)
class IndexView:
    title: str
    rows: tuple[IndexRow, ...]
    families: tuple[Family, ...]
    articles: int


def _side(a: Article) -> Side:
    return Side(a.title or a.path, a.path, a.outlet or "", a.date or "")


_HREF_CHARS = re.compile(r"[\w/.-]*")  # letters and digits (as str.isalnum), "/", ".", "_", "-"


def _safe_href(report: str) -> str | None:
    """Only our own relative report paths become links."""
    ok = report.startswith("pairs/") and report.endswith(".html") and ".." not in report and \
        _HREF_CHARS.fullmatch(report) is not None
    return report if ok else None


def build_index_view(pairs: Sequence, families: Sequence[Sequence[int]], *, with_reports: bool = True) -> IndexView:
    """Plain rows for the template (``pairs`` are ``ScanPair``s, ``families`` lists of their indices)."""
    family_of = {i: n + 1 for n, fam in enumerate(families) for i in fam}
    rows = tuple(
        IndexRow(
            number=i + 1,
            source=_side(p.source),
            copy=_side(p.copy),
            reuse=round(p.reuse, 4),
            reuse_text=f"{p.reuse:.0%}",
            reuse_width=max(1, round(p.reuse * 60)),
            overlap_text=f"{p.copy_in_source:.0%} of the copy's phrases in the source; Jaccard {p.jaccard:.2f}",
            family=family_of.get(i, 0),
            report=_safe_href(p.report) if with_reports else None,
        )
        for i, p in enumerate(pairs)
    )
    fams = []
    for n, fam in enumerate(families):
        seen: dict[tuple[str, str], Side] = {}
        for i in fam:
            for a in (pairs[i].source, pairs[i].copy):
                seen.setdefault((a.path, a.text[:64]), _side(a))
        members = sorted(seen.values(), key=lambda s: (s.date or "9999", s.path))
        fams.append(Family(n + 1, tuple(members), tuple(i + 1 for i in fam)))
    arts = {(s.path, s.title) for f in fams for s in f.articles}
    return IndexView("Shared text across the scanned articles", rows, tuple(fams), len(arts))


def rows_html(rows: Sequence[IndexRow]) -> Markup:
    """The pairs table's rows, escaped here as autoescape would: a template loop over thousands of rows cost
    most of the page, and an article's cells are escaped once however many pairs it is in."""
    cells: dict[Side, str] = {}

    def side(s: Side) -> str:
        if s not in cells:
            title = escape(s.title)
            cells[s] = (f'<td data-sort="{title}">{title}<div class="path">{escape(s.path)}</div></td>\n'
                        f"<td>{escape(s.outlet)}</td>\n<td>{escape(s.date)}</td>\n")
        return cells[s]

    out = []
    for r in rows:
        link = f'<a href="{escape(r.report)}">report</a>' if r.report else ""
        out.append(f'<tr>\n<td class="num" data-sort="{r.reuse}" title="{escape(r.overlap_text)}"><span class="bar" '
                   f'style="width:{r.reuse_width}px"></span>{escape(r.reuse_text)}</td>\n{side(r.copy)}{side(r.source)}'
                   f'<td class="num" data-sort="{r.family}"><a href="#family-{r.family}">{r.family}</a></td>\n'
                   f"<td>{link}</td>\n</tr>\n")
    return Markup("".join(out))


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("dedup.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_index(pairs: Sequence, families: Sequence[Sequence[int]], *, with_reports: bool = True) -> str:
    """The whole ``index.html`` as a string (deterministic: no timestamps)."""
    view = build_index_view(pairs, families, with_reports=with_reports)
    return _env().get_template("index.html.j2").render(
        v=view, rows=rows_html(view.rows), css=Markup(_CSS), script=Markup(_SCRIPT), csp=content_security_policy(_SCRIPT)
    )
