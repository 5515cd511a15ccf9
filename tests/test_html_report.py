"""The HTML report: escaping, a working CSP, well-formed segments over overlapping spans, links, determinism."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _report_samples import PAYLOADS, hostile_comparison, seed_comparison
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.ingest import article_from_text
from dedup.model import Article, Comparison, Edit, Finding, Match, Quote, QuoteCheck, Span
from dedup.report.html import render_html
from dedup.report.view import build_view, paragraph_spans, safe_url

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()


class TreeParser(HTMLParser):
    """A strict tree builder: an end tag that does not close the open element is an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.cur.tag}>")
            return
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html: str) -> Node:
    p = TreeParser()
    p.feed(html)
    p.close()
    assert not p.errors, p.errors[:5]
    assert p.cur is p.root, f"unclosed <{p.cur.tag}>"
    return p.root


def by_id(root: Node) -> dict[str, Node]:
    return {n.attrs["id"]: n for n in root.iter() if n.attrs.get("id")}


def side(root: Node, key: str) -> Node:
    return next(n for n in root.iter() if n.attrs.get("data-side") == key)


def check_sides(c: Comparison, root: Node) -> None:
    """Every paragraph shows its original slice; every marked segment is the slice its offset names."""
    for key, art in (("s", c.source), ("c", c.copy)):
        box = side(root, key)
        paras = [n for n in box.children if isinstance(n, Node) and n.tag == "p"]
        spans = paragraph_spans(art.text)
        assert [p.text() for p in paras] == [art.text[s:e] for s, e in spans]
        for n in box.iter():
            if "data-at" in n.attrs:
                at = int(n.attrs["data-at"])
                assert n.text() == art.text[at : at + len(n.text())]
                assert n.text(), "an empty highlighted segment"


def covered(root: Node, key: str, cat: str, ref: int) -> str:
    """The text of the segments of one side that carry item ``cat``+``ref``."""
    return "".join(n.text() for n in side(root, key).iter() if str(ref) in (n.attrs.get(f"data-{cat}") or "").split())


def shown_part(text: str, span: Span) -> str:
    """What of ``span`` the report shows: its characters inside paragraphs (the breaks between are not shown)."""
    return "".join(text[max(s, span.start) : min(e, span.end)] for s, e in paragraph_spans(text))


@pytest.fixture(scope="module")
def seed() -> Comparison:
    return seed_comparison()


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(hostile_comparison())


# --- escaping and the content security policy ---------------------------------------------------


def test_hostile_text_and_metadata_never_become_markup(hostile_html):
    root = parse(hostile_html)
    tags = [n.tag for n in root.iter()]
    assert tags.count("script") == 1 and tags.count("style") == 1
    assert not {"img", "svg", "iframe", "object", "embed", "form", "base"} & set(tags)
    for n in root.iter():
        assert not [a for a in n.attrs if a.lower().startswith("on")], n.attrs
        href = (n.attrs.get("href") or "").strip().lower()
        assert href.startswith(("#", "http://", "https://")) or not href, href
    # The payloads are shown as text, character for character.
    shown = root.text()
    for payload in PAYLOADS:
        assert payload in shown


def test_javascript_urls_are_text_not_links(hostile_html):
    root = parse(hostile_html)
    links = [n.attrs.get("href", "") for n in root.iter() if n.tag == "a"]
    assert not [h for h in links if "javascript" in h.lower() or h.lower().startswith("data:")]
    assert "javascript:alert(10)" in root.text()  # the URL is still shown


def test_csp_allows_only_our_script_by_hash(hostile_html):
    root = parse(hostile_html)
    meta = next(n for n in root.iter() if n.tag == "meta" and n.attrs.get("http-equiv") == "Content-Security-Policy")
    csp = meta.attrs["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    script = next(n for n in root.iter() if n.tag == "script").text()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    head = hostile_html.split("</head>")[0]
    assert head.index("Content-Security-Policy") < head.index("<style>")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.example.com/news/1?a=b#c", True),
        ("HTTP://example.com/x", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("https://example.com/\"onmouseover=alert(1)", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_index_link_must_be_a_plain_relative_path(seed):
    assert 'href="../index.html"' in render_html(seed, index_href="../index.html")
    for bad in ("javascript:alert(1)", "//evil.example/", "/etc/passwd", "a\"onclick=x"):
        assert "All pairs" not in render_html(seed, index_href=bad)


# --- structure: well-formed whatever the spans ----------------------------------------------------


def test_seed_report_segments_are_original_slices(seed):
    check_sides(seed, parse(render_html(seed)))


def test_hostile_report_segments_are_original_slices(hostile_html):
    check_sides(hostile_comparison(), parse(hostile_html))


_texts = st.lists(st.sampled_from(list("ab <&>\"'\n\r\t é—“”\ufffd") + ["\n\n", "</p>", "<b>", "word "]),
                  min_size=1, max_size=60).map("".join).filter(str.strip)


@st.composite
def comparisons(draw) -> Comparison:
    src_text, cp_text = draw(_texts), draw(_texts)

    def span(n: int, allow_bad: bool = False) -> Span:
        a = draw(st.integers(0, n + (3 if allow_bad else 0)))
        b = draw(st.integers(a, n + (3 if allow_bad else 0)))
        return Span(a, b)

    ns, nc = len(src_text), len(cp_text)
    matches = []
    for _ in range(draw(st.integers(0, 5))):
        s, c = span(ns), span(nc)
        edits = tuple(Edit(draw(st.sampled_from(["replace", "delete", "insert"])), span(ns), span(nc), "x", "y")
                      for _ in range(draw(st.integers(0, 3))))
        matches.append(Match(draw(st.sampled_from(["verbatim", "near_verbatim", "paraphrase"])), s, c, 0.5, edits))
    quotes = tuple(
        QuoteCheck(Quote(span(nc)), draw(st.sampled_from(["verbatim", "altered", "not_in_source"])),
                   draw(st.one_of(st.none(), st.just(span(ns)))))
        for _ in range(draw(st.integers(0, 3)))
    )
    findings = tuple(
        Finding("k", draw(st.sampled_from(["error", "warning", "info"])), span(nc, allow_bad=True), "m",
                source_span=draw(st.one_of(st.none(), st.just(span(ns)))))
        for _ in range(draw(st.integers(0, 3)))
    )
    src = Article("s.txt", src_text, excluded=(span(ns),) if draw(st.booleans()) else ())
    cp = Article("c.txt", cp_text)
    return Comparison(src, cp, tuple(matches), 0.5, quotes, findings)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons())
def test_any_overlap_renders_well_formed_with_every_item_linked(c):
    root = parse(render_html(c))
    check_sides(c, root)
    check_items(c, root)


def check_items(c: Comparison, root: Node) -> None:
    """Ids unique, no dangling link, every item anchored on its sides and covering exactly its words."""
    ids = by_id(root)
    assert len(ids) == len([n for n in root.iter() if n.attrs.get("id")]), "duplicate ids"
    for n in root.iter():
        href = n.attrs.get("href")
        if href and href.startswith("#"):
            assert href[1:] in ids, f"dangling link {href}"
    for i, m in enumerate(c.matches):
        assert f"s-m{i}" in ids and f"c-m{i}" in ids
        assert covered(root, "s", "m", i) == shown_part(c.source.text, m.source_span)
        assert covered(root, "c", "m", i) == shown_part(c.copy.text, m.copy_span)
    for i, q in enumerate(c.quotes):
        assert covered(root, "c", "q", i) == shown_part(c.copy.text, q.quote.span)
    for i, q in enumerate(c.quotes):
        assert f"c-q{i}" in ids and (f"s-q{i}" in ids) == (q.source_span is not None) and f"qi-{i}" in ids
    for i, _ in enumerate(c.findings):
        assert f"c-f{i}" in ids and f"fi-{i}" in ids


# --- links between the two sides ---------------------------------------------------------------


def _first_segment(ids: dict[str, Node], anchor: str) -> Node:
    """The segment right after an item's anchor: where the item begins."""
    node = ids[anchor]
    siblings = node.parent.children
    i = siblings.index(node) + 1
    while isinstance(siblings[i], Node) and siblings[i].attrs.get("class") == "anchor":
        i += 1
    return siblings[i]


def test_every_match_links_both_ways(seed):
    root = parse(render_html(seed))
    ids = by_id(root)
    for i, m in enumerate(seed.matches):
        for here, there in (("c", "s"), ("s", "c")):
            seg = _first_segment(ids, f"{here}-m{i}")
            assert seg.tag == "a" and str(i) in seg.attrs["data-m"].split()
            target = seg.attrs["href"][1:]
            assert target.startswith(f"{there}-") and target in ids
            span = m.copy_span if here == "c" else m.source_span
            assert int(seg.attrs["data-at"]) == span.start
        assert covered(root, "c", "m", i) == shown_part(seed.copy.text, m.copy_span)
        assert covered(root, "s", "m", i) == shown_part(seed.source.text, m.source_span)


def test_every_quote_links_to_its_source_words_or_its_panel_entry(seed):
    root = parse(render_html(seed))
    ids = by_id(root)
    for i, q in enumerate(seed.quotes):
        entry = ids[f"qi-{i}"]
        hrefs = {n.attrs.get("href") for n in entry.iter()}
        assert f"#c-q{i}" in hrefs
        assert (f"#s-q{i}" in hrefs) == (q.source_span is not None)
        assert q.verdict.replace("_", " ") in entry.text()
        segs = [n for n in side(root, "c").iter() if str(i) in (n.attrs.get("data-q") or "").split()]
        assert "".join(s.text() for s in segs) == q.quote.span.of(seed.copy.text)
        if q.source_span is None:
            assert any(s.attrs.get("href") == f"#qi-{i}" for s in segs)


def test_speakers_are_marked_in_the_copy(seed):
    root = parse(render_html(seed))
    marked = {n.text() for n in side(root, "c").iter() if "spk" in (n.attrs.get("class") or "").split()}
    spans = {q.quote.speaker_span.of(seed.copy.text) for q in seed.quotes if q.quote.speaker_span}
    assert spans and marked == spans


def test_every_finding_is_listed_with_a_link_to_its_place(seed):
    root = parse(render_html(seed))
    ids = by_id(root)
    for i, f in enumerate(seed.findings):
        entry = ids[f"fi-{i}"]
        assert f.message in entry.text() and f.severity in entry.text()
        assert f"#c-f{i}" in {n.attrs.get("href") for n in entry.iter()}
        line = seed.copy.text.count("\n", 0, f.span.start) + 1
        assert f"line {line}," in entry.text()


def test_word_edits_are_struck_in_the_source_and_marked_in_the_copy(seed):
    root = parse(render_html(seed))
    edits = [e for m in seed.matches if m.kind == "near_verbatim" for e in m.edits]
    assert edits, "the sample should hold near-verbatim passages with edits"
    struck = " ".join(n.text() for n in side(root, "s").iter() if n.tag == "del")
    marked = " ".join(n.text() for n in side(root, "c").iter() if n.tag == "ins")
    for e in edits:
        if e.op in ("delete", "replace"):
            assert e.source_span.of(seed.source.text).split()[0] in struck
        if e.op in ("insert", "replace"):
            assert e.copy_span.of(seed.copy.text).split()[0] in marked


def test_kinds_have_a_class_and_a_legend_count(seed):
    html = render_html(seed)
    root = parse(html)
    for kind in {m.kind for m in seed.matches}:
        assert any(f"k-{kind}" in (n.attrs.get("class") or "").split() for n in side(root, "c").iter())
    legend = next(n for n in root.iter() if n.attrs.get("class") == "legend").text()
    for kind, label in (("verbatim", "verbatim"), ("near_verbatim", "near-verbatim"), ("paraphrase", "paraphrase")):
        count = sum(m.kind == kind for m in seed.matches)
        assert re.search(rf"(?<!-){label}\s×\s{count}\b", legend), (label, count)
    assert f"{seed.reuse_fraction:.1%}" in html


def test_excluded_furniture_is_greyed():
    text = "date 2022-10-10 <!–\n\nThe real first paragraph.\n\nMost read in The Sun\n"
    art = article_from_text(text, "a.txt")
    assert art.excluded, "ingest should find the residue"
    c = Comparison(art, art, (), 0.0)
    root = parse(render_html(c))
    grey = "".join(n.text() for n in side(root, "s").iter() if "x" in (n.attrs.get("class") or "").split())
    for span in art.excluded:
        assert span.of(text).strip() in grey
    assert "The real first paragraph" not in grey


def test_paragraph_breaks_are_kept():
    assert paragraph_spans("One.\nTwo.\n\n") == [(0, 4), (5, 9)]
    assert paragraph_spans("One\nstill one.\r\n\r\nTwo.") == [(0, 14), (18, 22)]
    assert paragraph_spans("  \n\n ") == []


def test_real_pipeline_report_is_consistent():
    from _report_samples import COPY, SOURCE

    from dedup.compare import compare
    from dedup.ingest import read_article

    c = compare(read_article(SOURCE), read_article(COPY))
    root = parse(render_html(c))
    check_sides(c, root)
    check_items(c, root)


def test_same_bytes_whatever_the_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; the report must not."""
    code = ("import hashlib, sys; sys.path.insert(0, 'tests'); from _report_samples import *; "
            "from dedup.report.html import render_html; "
            "print(hashlib.sha256((render_html(seed_comparison()) + render_html(hostile_comparison())).encode()).hexdigest())")
    root = Path(__file__).resolve().parent.parent
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=root, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and len(digests.pop().strip()) == 64


def test_deterministic(seed):
    first = render_html(seed)
    assert render_html(seed_comparison()) == first
    assert build_view(seed) == build_view(seed_comparison())
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", first)  # no render timestamp
