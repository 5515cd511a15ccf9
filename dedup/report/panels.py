"""The rows of the report's passage, quote and finding panels, built in Python.

A template loop costs a few hundred template steps per report; these write
the markup the panels' loops in ``report.html.j2`` wrote, byte for byte.
Every text from the view goes through ``escape`` as the template's autoescape
did; the int fields (refs, line, column, edit counts) are written as numbers,
which escape leaves alone; only the fixed markup around them is written as is.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from dedup.report.view import FindingRow, PassageRow, QuoteRow

__all__ = ["findings_html", "passages_html", "quotes_html"]


def passages_html(passages: tuple[PassageRow, ...]) -> Markup:
    """The passage table's ``<tr>`` rows."""
    out: list[str] = []
    add = out.append
    for p in passages:
        ref = p.ref  # numbers: nothing to escape
        parts = f"<br><small>parts: {escape(p.parts)}</small>" if p.parts else ""
        add(
            f'<tr id="mi-{ref}">\n<td data-label="Passage">{p.ref + 1}</td>\n'
            f'<td data-label="Kind"><span class="seg k-{escape(p.kind)}">{escape(p.kind_label)}</span>{parts}</td>\n'
            f'<td data-label="Score">{escape(p.score)}</td>\n'
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
            f'<p><span class="badge b-{escape(q.verdict)}">{escape(q.verdict_label)}</span>\n'
            f'<a href="#c-q{ref}" data-go="c q {ref}" class="quote">&ldquo;{escape(q.text)}&rdquo;</a></p>\n'
            f'<p class="who">Speaker in the copy: {escape(q.speaker or "no speaker")}'
        )
        if q.cue:
            add(f" ({escape(q.cue)})")
        add(" &middot; in the source: ")
        add(escape(q.source_speaker or "no speaker") if q.has_source else "words not found")
        add("</p>\n")
        if q.has_source:
            add(
                f'<p class="src">Source words: <a href="#s-q{ref}" data-go="s q {ref}">'
                f"&ldquo;{escape(q.source_excerpt)}&rdquo;</a></p>\n"
            )
        if q.edits:
            add('<ul class="edits" aria-label="Word changes">\n')
            for e in q.edits:
                add(f'<li class="op-{escape(e.op)}">')
                if e.source_text:
                    add(f"<del>{escape(e.source_text)}</del>")
                if e.source_text and e.copy_text:
                    add(" &rarr; ")
                if e.copy_text:
                    add(f"<ins>{escape(e.copy_text)}</ins>")
                add(f' <span class="op">{escape(e.op)}</span></li>\n')
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
            f'<p><span class="badge b-{escape(f.severity)}">{escape(f.severity)}</span> '
            f'<code class="kind">{escape(f.kind)}</code>\n'
            f'<a href="#c-f{ref}" data-go="c f {ref}" class="loc">line {f.line}, column {f.column}</a></p>\n'
            f'<p class="msg">{escape(f.message)}</p>\n'
        )
        if f.excerpt:
            add(f'<p class="ex">In the copy: &ldquo;{escape(f.excerpt)}&rdquo;</p>\n')
        if f.suggestion:
            add(f'<p class="sug">Suggestion: <strong>{escape(f.suggestion)}</strong></p>\n')
        if f.has_source:
            add(
                f'<p class="src">Source: <a href="#s-f{ref}" data-go="s f {ref}">'
                f"&ldquo;{escape(f.source_excerpt)}&rdquo;</a></p>\n"
            )
        add("</li>\n")
    return Markup("".join(out))
