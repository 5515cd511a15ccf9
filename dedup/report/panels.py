"""The rows of the report's passage, quote and finding panels, and the header's lists, built in Python.

A template loop costs a few hundred template steps per report; these write
the markup the panels' and header's loops in ``report.html.j2`` wrote, byte for byte.
Every text from the view goes through ``escape`` as the template's autoescape
did; the int fields (refs, line, column, edit counts) are written as numbers,
which escape leaves alone; only the fixed markup around them is written as is.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from dedup.report.view import FindingRow, Legend, PassageRow, QuoteRow, ReportView

__all__ = ["esc", "findings_html", "kinds_html", "marks_html", "pair_html", "passages_html", "quotes_html"]

# ``escape`` for the values reports repeat (keys, labels, classes, titles, verdicts, scores,
# speakers, messages, edited words): a cache lookup in C rather than two Python calls. Longer
# article text (excerpts, quotes) is seldom repeated and goes to ``escape`` itself.
esc = lru_cache(maxsize=4096, typed=True)(escape)  # typed: a Markup key is not its str


def pair_html(v: ReportView) -> Markup:
    """The header's ``<dl>`` of the two articles (title and metadata) and the reuse summary."""
    out = ['<dl class="pair">\n']
    add = out.append
    for side in (v.source, v.copy):
        add(f'<div class="pair-{esc(side.key)}">\n<dt>{esc(side.label)}</dt>\n'
            f'<dd><strong class="pair-title">{escape(side.heading)}</strong>')
        for r in side.meta:
            value = escape(r.value)
            if r.href:
                value = Markup(f'<a href="{esc(r.href)}" rel="noopener noreferrer nofollow">{value}</a>')
            add(f'<span class="pair-meta"><span class="lbl">{esc(r.label)}:</span> {value}</span>')
        add("</dd>\n</div>\n")
    kinds = ", ".join([f"{k.count} {esc(k.label)}" for k in v.kinds])
    parts = f" (with {esc(v.parts)} parts inside them)" if v.parts else ""
    nq, nf = len(v.quotes), len(v.findings)
    add(f'</dl>\n<p class="reuse"><strong class="reuse-pct">{esc(v.reuse_percent)}</strong> '
        f"of the copy's text lies in passages taken from the source:\n{kinds}{parts}.\n"
        f'{nq} quote{"" if nq == 1 else "s"} checked, {nf} finding{"" if nf == 1 else "s"}.</p>\n')
    return Markup("".join(out))


def kinds_html(kinds: tuple[Legend, ...]) -> Markup:
    """The legend's ``<li>`` for each passage kind."""
    return Markup("".join([
        f'<li><span class="seg k-{esc(k.key)}">{esc(k.label)}</span> '
        f'<span class="n">&times;&nbsp;{k.count}</span></li>\n'
        for k in kinds
    ]))


def marks_html(v: ReportView) -> Markup:
    """The legend's ``<li>`` for each quote verdict and finding severity."""
    return Markup("".join([
        f'<li><span class="seg {cat} {cat}-{key}">{what}</span> <span class="badge b-{key}">{esc(x.label)}</span> '
        f'<span class="n">&times;&nbsp;{x.count}</span></li>\n'
        for cat, what, legends in (("q", "quote", v.verdicts), ("f", "finding", v.severities))
        for x in legends
        for key in (esc(x.key),)
    ]))


def passages_html(passages: tuple[PassageRow, ...]) -> Markup:
    """The passage table's ``<tr>`` rows."""
    out: list[str] = []
    add = out.append
    for p in passages:
        ref = p.ref  # numbers: nothing to escape
        parts = f"<br><small>parts: {esc(p.parts)}</small>" if p.parts else ""
        add(
            f'<tr id="mi-{ref}">\n<td data-label="Passage">{p.ref + 1}</td>\n'
            f'<td data-label="Kind"><span class="seg k-{esc(p.kind)}">{esc(p.kind_label)}</span>{parts}</td>\n'
            f'<td data-label="Score">{esc(p.score)}</td>\n'
            f'<td data-label="In the copy"><a href="#c-m{ref}" data-go="c m {ref}">{escape(p.copy_excerpt)}</a></td>\n'
            f'<td data-label="In the source"><a href="#s-m{ref}" data-go="s m {ref}">{escape(p.source_excerpt)}</a></td>\n'
            f'<td data-label="Word edits">{p.edits}</td>\n</tr>\n'
        )
    return Markup("".join(out))


def quotes_html(quotes: tuple[QuoteRow, ...]) -> Markup:
    """The quote panel's ``<li>`` items."""
    out: list[str] = []
    add = out.append
    for q in quotes:
        ref = q.ref  # numbers: nothing to escape
        add(
            f'<li id="qi-{ref}" class="item">\n'
            f'<p><span class="badge b-{esc(q.verdict)}">{esc(q.verdict_label)}</span>\n'
            f'<a href="#c-q{ref}" data-go="c q {ref}" class="quote">&ldquo;{escape(q.text)}&rdquo;</a></p>\n'
            f'<p class="who">Speaker in the copy: {esc(q.speaker or "no speaker")}'
        )
        if q.cue:
            add(f" ({esc(q.cue)})")
        add(" &middot; in the source: ")
        add(esc(q.source_speaker or "no speaker") if q.has_source else "words not found")
        add("</p>\n")
        if q.has_source:
            add(
                f'<p class="src">Source words: <a href="#s-q{ref}" data-go="s q {ref}">'
                f"&ldquo;{escape(q.source_excerpt)}&rdquo;</a></p>\n"
            )
        if q.edits:
            add('<ul class="edits" aria-label="Word changes">\n')
            for e in q.edits:
                add(f'<li class="op-{esc(e.op)}">')
                if e.source_text:
                    add(f"<del>{esc(e.source_text)}</del>")
                if e.source_text and e.copy_text:
                    add(" &rarr; ")
                if e.copy_text:
                    add(f"<ins>{esc(e.copy_text)}</ins>")
                add(f' <span class="op">{esc(e.op)}</span></li>\n')
            add("</ul>\n")
        add("</li>\n")
    return Markup("".join(out))


def findings_html(findings: tuple[FindingRow, ...]) -> Markup:
    """The finding panel's ``<li>`` items."""
    out: list[str] = []
    add = out.append
    for f in findings:
        ref = f.ref  # numbers: nothing to escape
        add(
            f'<li id="fi-{ref}" class="item">\n'
            f'<p><span class="badge b-{esc(f.severity)}">{esc(f.severity)}</span> '
            f'<code class="kind">{esc(f.kind)}</code>\n'
            f'<a href="#c-f{ref}" data-go="c f {ref}" class="loc">line {f.line}, column {f.column}</a></p>\n'
            f'<p class="msg">{esc(f.message)}</p>\n'
        )
        if f.excerpt:
            add(f'<p class="ex">In the copy: &ldquo;{escape(f.excerpt)}&rdquo;</p>\n')
        if f.suggestion:
            add(f'<p class="sug">Suggestion: <strong>{esc(f.suggestion)}</strong></p>\n')
        if f.has_source:
            add(
                f'<p class="src">Source: <a href="#s-f{ref}" data-go="s f {ref}">'
                f"&ldquo;{escape(f.source_excerpt)}&rdquo;</a></p>\n"
            )
        add("</li>\n")
    return Markup("".join(out))
