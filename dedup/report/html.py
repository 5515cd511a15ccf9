"""The self-contained HTML side-by-side report for one comparison.

Jinja2 with autoescape on for every template: article text and metadata are
always escaped. The page needs nothing from the network: CSS and JavaScript are
inlined, and a Content-Security-Policy lets only our own script run (by its
SHA-256 hash), so nothing an article contains can execute. The same comparison
always renders to the same bytes (no timestamps, stable ids and order).
The page is one template, ``report.html.j2`` (an include costs a new context
per report); the repeated parts are built by the filters below and in ``panels``.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache, lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from dedup.model import Comparison
from dedup.report.panels import esc, findings_html, kinds_html, marks_html, pair_html, passages_html, quotes_html
from dedup.report.view import Paragraph, ReportView, Segment, SideView, build_view

__all__ = ["render_html", "render_view", "content_security_policy"]


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("dedup.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the package: no stat() per include per report
    )
    env.filters["side_html"] = side_html
    env.filters["passages_html"] = passages_html  # the panels' rows, built in Python (see panels.py)
    env.filters["quotes_html"] = quotes_html
    env.filters["findings_html"] = findings_html
    env.filters["pair_html"] = pair_html  # and the header's loops
    env.filters["kinds_html"] = kinds_html
    env.filters["marks_html"] = marks_html
    return env


def side_html(side: SideView) -> Markup:
    """One side's ``<section>``: its heading and its text."""
    key, label = esc(side.key), esc(side.label)
    return Markup(
        f'<section class="side side-{key}" aria-labelledby="h-{key}">\n'
        f'<h2 id="h-{key}"><span class="role">{label}</span> {escape(side.heading)}</h2>\n'
        f'<div class="text" data-side="{key}" tabindex="0" role="region" aria-label="{label} text">\n'
        f"{paragraphs_html(side.paragraphs)}</div>\n</section>\n"
    )


# A tagged run's markup by its looks (``Segment[2:10]``): the same few recur in every report.
_TAGS: dict[tuple, tuple[str, str, str]] = {}


def paragraphs_html(paragraphs: tuple[Paragraph, ...]) -> Markup:
    """One side's paragraphs as ``<p>`` elements of segment runs, every value escaped.

    Built here rather than in the template: a template loop per run cost
    about a million template steps per hundred reports. The markup is what that
    loop wrote. Text, classes and title go through ``escape`` as the template's
    autoescape did; ``anchors``, ``href`` and ``m``/``q``/``f`` are made of fixed
    letters and numbers, ``tag`` and ``edit`` are fixed words.
    """
    out: list[str] = []
    add = out.append
    tags = _TAGS
    if len(tags) > 8192:
        tags.clear()
    assert Segment._fields[2:10] == ("tag", "classes", "href", "title", "m", "q", "f", "edit")
    texts = iter(_escaped([s.text for p in paragraphs for s in p.segments]))
    for p in paragraphs:
        add("<p>")
        for s in p.segments:
            for a in s.anchors:
                add(f'<span class="anchor" id="{a}"></span>')
            if not s.tag:
                add(next(texts))
                continue
            key = s[2:10]  # tag, classes, href, title, m, q, f, edit: everything but start, text, anchors
            tag = tags.get(key)
            if tag is None:
                tag = tags[key] = _tags(s)
            add(f"{tag[0]}{s.start}{tag[1]}{next(texts)}{tag[2]}")
        add("</p>\n")
    return Markup("".join(out))


def _escaped(texts: list[str]) -> list[str]:
    """``escape`` of each text, in one call when none holds a NUL (``clean`` leaves none in article text).

    Escaping maps each character on its own and leaves NUL alone, so the texts
    joined at NULs escape to the escaped texts joined at NULs.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [escape(t) for t in texts]
    return str(escape(joined)).split("\x00")


def _tags(s: Segment) -> tuple[str, str, str]:
    """A tagged run's markup before its ``data-at`` value, between it and the text, and after the text."""
    before = f'<{s.tag} class="{esc(s.classes)}"'
    if s.href:
        before += f' href="{s.href}"'
    if s.title:
        before += f' title="{esc(s.title)}"'
    between = '"'
    if s.m:
        between += f' data-m="{s.m}"'
    if s.q:
        between += f' data-q="{s.q}"'
    if s.f:
        between += f' data-f="{s.f}"'
    between += f"><{s.edit}>" if s.edit else ">"
    after = f"</{s.edit}></{s.tag}>" if s.edit else f"</{s.tag}>"
    return before + ' data-at="', between, after


@cache
def _static(name: str) -> str:
    text = resources.files("dedup.report").joinpath("static").joinpath(name).read_text(encoding="utf-8")
    # Inlined verbatim: it must not be able to close its own element early.
    if "</" in text:
        raise ValueError(f"static/{name} must not contain '</'")
    return text


@lru_cache(maxsize=4)  # the one script: hashed once, not per report
def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(script: str) -> str:
    """Nothing from anywhere; inline styles; only ``script`` (by hash); images only from data: URLs."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src '{_hash(script)}'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_view(view: ReportView) -> str:
    """Render an already-built view (what ``render_html`` does after ``build_view``)."""
    script = _static("report.js")
    return _env().get_template("report.html.j2").render(
        v=view,
        css=Markup(_static("report.css")),
        script=Markup(script),
        csp=content_security_policy(script),
    )


def render_html(comparison: Comparison, *, index_href: str | None = None) -> str:
    """The report for ``comparison`` as one HTML document (a string; the caller writes it).

    ``index_href``, when given, adds a "back to all pairs" link (a relative path, as
    ``dedup scan`` writes beside its ``index.html``); anything else is ignored.
    """
    if index_href is not None and not _relative(index_href):
        index_href = None
    return render_view(build_view(comparison, index_href=index_href))


def _relative(href: str) -> bool:
    """A plain relative path: no scheme, no protocol-relative ``//``, nothing to escape into script."""
    return bool(href) and ":" not in href.split("/", 1)[0] and not href.startswith(("/", "\\")) and \
        all(ch.isprintable() and ch not in "<>\"'`\\" for ch in href)
