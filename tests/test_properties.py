"""Properties that must hold on any text (hypothesis): spans index the original, compare is sane.

Texts are built from news-like sentences (quotes with speakers, reporting verbs)
laced with what real archives carry: combining marks, emoji and ZWJ sequences,
right-to-left words and controls, zero-width characters, CRLF, tabs, no-break
spaces and every kind of quotation mark. Example counts stay modest so CI is fast.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.compare import compare
from dedup.ingest import article_from_text
from dedup.lint import lint_article
from dedup.quotes import extract_quotes
from dedup.report.jsonout import comparison_dict, finding_dict, quote_dict
from dedup.text import tokenize

# DEDUP_PROPERTY_EXAMPLES=500 for a deep run; CI keeps the default.
QUICK = settings(max_examples=int(os.environ.get("DEDUP_PROPERTY_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ("council minister harbour strike budget river festival court hospital bridge school vote police farmers "
         "election museum storm factory railway union tenants airport mayor market winter teachers nurses village "
         "county island forest tower library stadium theatre ferry tunnel canal pension tariff verdict ballot treaty "
         "drought flood harvest copper timber cotton coffee grain salmon").split()
ODD = ("e\u0301", "n\u0303", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u05e9\u05dc\u05d5\u05dd",
       "\u0645\u0631\u062d\u0628\u0627", "\u202eevil\u202c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\t", "\r\n",
       "\u2028", "Ωmega", "ﬁnance", "İstanbul", "straße", "x\u0308")
QUOTE_MARKS = (("\"", "\""), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("'", "'"), ("\u00ab", "\u00bb"),
               ("\u201e", "\u201c"), ("\"", ""), ("", "\u201d"))
NAMES = ("Maria Lopez", "Tom Reed", "Dr. Ana Ruiz", "Li Wei", "José Núñez", "O'Brien")
VERBS = ("said", "told reporters", "added", "claimed", "wrote")

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(str.capitalize), st.sampled_from(ODD))
space = st.sampled_from((" ", " ", " ", "  ", "\t", "\u00a0", " \u200b"))


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(word, min_size=4, max_size=16))
    seps = draw(st.lists(space, min_size=len(words), max_size=len(words)))
    body = "".join(w + s for w, s in zip(words, seps, strict=True)).strip() or "word"
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return body[0].upper() + body[1:] + draw(st.sampled_from((".", "!", "?", "…", ".\u200f")))
    left, right = draw(st.sampled_from(QUOTE_MARKS))
    who, verb = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))
    if kind == 1:
        return f"{left}{body},{right} {who} {verb}."
    if kind == 2:
        return f"{who} {verb}: {left}{body}.{right}"
    return f"The {body} was, {who} {verb}, {left}{draw(st.sampled_from(WORDS))}{right}."


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


@st.composite
def article_text(draw, min_paragraphs: int = 1, max_paragraphs: int = 5) -> str:
    paras = draw(st.lists(paragraph(), min_size=min_paragraphs, max_size=max_paragraphs))
    breaks = draw(st.lists(st.sampled_from(("\n\n", "\r\n\r\n", "\n", "\n \n", "\n\n\n")),
                           min_size=len(paras), max_size=len(paras)))
    return draw(st.sampled_from(("", " ", "\ufeff", "\n"))) + "".join(p + b for p, b in zip(paras, breaks, strict=True))


def _check_span(span: Any, text: str, where: str) -> None:
    if span is None:
        return
    s, e = span
    assert isinstance(s, int) and isinstance(e, int), where
    assert 0 <= s <= e <= len(text), f"{where}: {span} outside 0..{len(text)}"


def _check_quote_span(span: list[int], text: str, where: str) -> None:
    _check_span(span, text, where)
    s, e = span
    opening = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a"
    assert not (e > s and text[s] in opening), f"{where}: quote span starts with a quotation mark: {text[s:e]!r}"


def check_comparison(d: dict, source: str, copy: str) -> None:
    """Every span of ``compare``'s JSON indexes the text it names; edit texts are those slices."""
    for i, m in enumerate(d["matches"]):
        _check_span(m["source_span"], source, f"match {i} source_span")
        _check_span(m["copy_span"], copy, f"match {i} copy_span")
        for e in m["edits"]:
            _check_span(e["source_span"], source, f"match {i} edit")
            _check_span(e["copy_span"], copy, f"match {i} edit")
            assert e["source_text"] == source[slice(*e["source_span"])]
            assert e["copy_text"] == copy[slice(*e["copy_span"])]
    for i, q in enumerate(d["quotes"]):
        _check_quote_span(q["span"], copy, f"quote {i} span")
        _check_span(q["speaker_span"], copy, f"quote {i} speaker_span")
        _check_span(q["source_span"], source, f"quote {i} source_span")
        for e in q["edits"]:
            _check_span(e["source_span"], source, f"quote {i} edit")
            _check_span(e["copy_span"], copy, f"quote {i} edit")
    for i, f in enumerate(d["findings"]):
        _check_span(f["span"], copy, f"finding {i} ({f['kind']}) span")
        _check_span(f["source_span"], source, f"finding {i} ({f['kind']}) source_span")


@QUICK
@given(article_text(), article_text(), st.data())
def test_compare_spans_index_the_original_texts(source_text, own_text, data):
    # a copy that takes some of the source's paragraphs, among its own
    src_paras = [p for p in source_text.split("\n\n") if p.strip()]
    taken = data.draw(st.lists(st.sampled_from(src_paras), max_size=3)) if src_paras else []
    copy_text = "\n\n".join([*taken, own_text])
    source = article_from_text(source_text, "s.txt") if source_text.strip() else None
    copy = article_from_text(copy_text, "c.txt") if copy_text.strip() else None
    if source is None or copy is None:
        return
    c = compare(source, copy)
    d = comparison_dict(c)
    assert d["source"]["text"] == source_text and d["copy"]["text"] == copy_text
    check_comparison(d, source_text, copy_text)
    assert 0.0 <= d["reuse"]["fraction"] <= 1.0


@QUICK
@given(article_text())
def test_quotes_spans_index_the_original_text(text):
    if not text.strip():
        return
    art = article_from_text(text, "q.txt")
    for i, q in enumerate(extract_quotes(art)):
        d = quote_dict(q)
        _check_quote_span(d["span"], text, f"quote {i}")
        _check_span(d["speaker_span"], text, f"quote {i} speaker_span")
        _check_span(d["cue_span"], text, f"quote {i} cue_span")


@QUICK
@given(article_text(), article_text())
def test_lint_findings_index_the_draft(draft_text, source_text):
    if not draft_text.strip() or not source_text.strip():
        return
    draft = article_from_text(source_text.split("\n")[0] + "\n\n" + draft_text, "d.txt")
    source = article_from_text(source_text, "s.txt")
    report = lint_article(draft, sources=[source])
    assert report.text == draft.text
    for i, f in enumerate(report.findings):
        d = finding_dict(f)
        _check_span(d["span"], draft.text, f"finding {i} ({f.kind})")
        if f.source_span is not None:
            _check_span(d["source_span"], source.text, f"finding {i} ({f.kind}) source_span")


_SYL = ("ka", "lo", "mir", "ten", "sa", "vo", "ru", "den", "pa", "li", "gor", "ne", "tu", "ba", "ri", "mo", "cas",
        "fe", "dul", "yan")
VOCAB = tuple(a + b for a in _SYL for b in _SYL if a != b)  # 380 distinct words


@st.composite
def plain_paragraphs(draw, min_size: int, max_size: int) -> list[str]:
    """Paragraphs whose sentences never repeat a word (with the odd characters between words and quotes
    around some): text that says something, not "council council council"."""
    n_paras = draw(st.integers(min_size, max_size))
    lengths = [draw(st.lists(st.integers(8, 14), min_size=2, max_size=4)) for _ in range(n_paras)]
    pool = iter(draw(st.lists(st.sampled_from(VOCAB), unique=True, min_size=sum(map(sum, lengths)),
                              max_size=sum(map(sum, lengths)))))
    paras = []
    for sizes in lengths:
        sents = []
        for size in sizes:
            ws = [next(pool) for _ in range(size)]
            for k, o in enumerate(draw(st.lists(st.sampled_from(ODD), max_size=3))):
                ws.insert(1 + 3 * k, o)
            left, right = draw(st.sampled_from(QUOTE_MARKS[:6]))
            if draw(st.booleans()):
                sents.append(f"{left}{' '.join(ws).capitalize()},{right} {draw(st.sampled_from(NAMES))} said.")
            else:
                sents.append(" ".join(ws).capitalize() + ".")
        paras.append(" ".join(sents))
    return paras


@QUICK
@given(plain_paragraphs(2, 5), st.sampled_from(("\n\n", "\r\n\r\n", "\n")))
def test_compare_with_itself_is_all_verbatim_and_covers_the_text(paras, brk):
    text = brk.join(paras) + brk
    art = article_from_text(text, "a.txt")
    c = compare(art, art)
    assert c.matches, "an article compared with itself shares nothing"
    assert {m.kind for m in c.matches} == {"verbatim"}
    assert c.reuse_fraction >= 0.9, c.reuse_fraction
    assert not [q for q in c.quotes if q.verdict != "verbatim"], "a quote of itself was not verbatim"


_OTHER = ("Weather", "Sport", "Markets", "Letters", "Obituary", "Recipes")


@st.composite
def unrelated_paragraph(draw, n: int) -> str:
    """A paragraph sharing no content word with the source (its own vocabulary)."""
    vocab = [f"{w}{n}{k}" for k, w in enumerate(("zorb", "quell", "mirth", "plov", "trask", "vint", "glim", "bruk"))]
    sents = []
    for _ in range(draw(st.integers(1, 3))):
        ws = draw(st.lists(st.sampled_from(vocab), min_size=6, max_size=12))
        sents.append(f"{draw(st.sampled_from(_OTHER))} {' '.join(ws)}.")
    return " ".join(sents)


# A regression found by the reorder property (fixed): a passage grew into an uncopied source sentence that
# shared only its attribution tail ("Dr. Ana Ruiz said"); names are not evidence of shared wording.


@QUICK
@given(plain_paragraphs(3, 5), st.data())
def test_compare_finds_the_same_passages_whatever_order_unrelated_paragraphs_take(src_paras, data):
    def _words(text: str) -> int:
        return len(text.split())

    src_paras = [p for p in src_paras if _words(p) >= 12]
    if len(src_paras) < 2:
        return
    source = article_from_text("\n\n".join(src_paras), "s.txt")
    taken = src_paras[:2]
    fillers = [data.draw(unrelated_paragraph(n)) for n in range(3)]
    order = data.draw(st.permutations(range(3)))

    def copy_with(fill: list[str]) -> str:
        return "\n\n".join([fill[0], taken[0], fill[1], taken[1], fill[2]])

    a = compare(source, article_from_text(copy_with(fillers), "c1.txt"))
    b = compare(source, article_from_text(copy_with([fillers[i] for i in order]), "c2.txt"))
    # The same source words found, whether the aligner bridges a short filler into one passage or not.
    assert _covered(source.text, a) == _covered(source.text, b)
    assert _covered(source.text, a), "the copied paragraphs were not found"


def _covered(text: str, c) -> set[int]:
    """Start offsets of the source words inside some match."""
    return {t.start for t in tokenize(text) for m in c.matches if m.source_span.start <= t.start < m.source_span.end}


def test_reorder_regression_found_by_hypothesis():
    src_paras = [
        "Kalo kamir katen kasa kavo karu kaden kapa. Kali kagor kane katu kaba kari kamo kacas.",
        "Kafe kadul kayan loka lomir loten losa lovo loru loden lopa loli. Logor lone lotu loba lori lomo locas lofe "
        "lodul loyan mirka mirlo mirten mirsa. \"Mirvo mirru mirden mirpa mirli mirgor mirne mirtu mirba mirri,\" "
        "Dr. Ana Ruiz said.",
        "\"Mirmo mircas mirfe mirdul miryan tenka tenlo tenmir tensa tenvo,\" Dr. Ana Ruiz said. Tenru tenden tenpa "
        "tenli tengor tenne tentu tenba tenri tenmo tencas tenfe.",
    ]
    fill = ["Weather zorb00 zorb00 zorb00 zorb00 zorb00 zorb00.",
            "Weather zorb10 zorb10 zorb10 zorb10 zorb10 zorb10. Weather zorb10 zorb10 zorb10 zorb10 zorb10 zorb10.",
            "Weather zorb20 zorb20 zorb20 zorb20 zorb20 zorb20."]
    source = article_from_text("\n\n".join(src_paras), "s.txt")
    found = []
    for f in (fill, [fill[0], fill[2], fill[1]]):
        copy = "\n\n".join([f[0], src_paras[0], f[1], src_paras[1], f[2]])
        found.append(_covered(source.text, compare(source, article_from_text(copy, "c.txt"))))
    assert found[0] == found[1]
    assert max(found[1]) < source.text.index("Mirmo")  # the third paragraph was never copied
