"""Each side's text cut into flat, non-overlapping segments for the HTML report.

Matches, quotes, findings, word edits and excluded furniture may overlap or
nest. Nested HTML elements cannot express arbitrary overlaps, so the text is
cut at every span boundary (and at paragraph breaks) into runs, each carrying
the set of items that cover it: the HTML built from them is well-formed
whatever the spans. Items are named by their index in the Comparison (``m3``
is ``matches[3]``, as in the JSON), so ids are stable and output deterministic.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from dedup.model import Article, Comparison, Span

__all__ = [
    "KIND_LABEL",
    "KIND_RANK",
    "SEVERITY_RANK",
    "VERDICT_LABEL",
    "VERDICT_RANK",
    "Paragraph",
    "Segment",
    "clean",
    "cut_side",
    "paragraph_spans",
]

KIND_RANK = {"paraphrase": 1, "near_verbatim": 2, "verbatim": 3}
KIND_LABEL = {"verbatim": "verbatim", "near_verbatim": "near-verbatim", "paraphrase": "paraphrase"}
VERDICT_RANK = {"verbatim": 1, "altered": 2, "not_in_source": 3}
VERDICT_LABEL = {"verbatim": "verbatim", "altered": "altered", "not_in_source": "not in source"}
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

_UNSAFE_CHARS = re.compile(r"[\x00\ud800-\udfff]")
_NL = r"(?:\r\n|\r|\n)"
_BLANK_LINE = re.compile(_NL + r"[ \t\f\v]*" + _NL)
_SPLIT_BLANK = re.compile(_NL + r"[ \t\f\v]*" + _NL + r"\s*")  # at blank lines
_SPLIT_LINE = re.compile(_NL + r"\s*")  # at every newline
_LF_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")  # the three above, for text without "\r"
_LF_SPLIT_BLANK = re.compile(r"\n[ \t\f\v]*\n\s*")
_LF_SPLIT_LINE = re.compile(r"\n\s*")
_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line's text, surrounding whitespace excluded
_LINKED = frozenset("mqf")  # items with a counterpart or a panel entry; the rest only style text
_NEVER = float("inf")
_HREF_ORDER = {"q": 0, "m": 1, "f": 2}  # an item starting here links to its counterpart: quotes first




class Segment(NamedTuple):
    """A run of text covered by one unchanging set of items.

    ``tag`` is ``""`` for plain text, ``"a"`` where an item begins (a focusable
    link to its counterpart), else ``"span"``. ``m``/``q``/``f`` list the match,
    quote and finding indices covering it (space-separated, for ``[data-m~=..]``).
    ``anchors`` are ids of items whose first character lies here. A named
    tuple rather than a dataclass: a report has thousands, and it builds faster.
    """

    start: int
    text: str
    tag: str = ""
    classes: str = ""
    href: str | None = None
    title: str | None = None
    m: str = ""
    q: str = ""
    f: str = ""
    edit: str = ""  # "del" (source words dropped or replaced) or "ins" (copy words added or replaced)
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    segments: tuple[Segment, ...]


class _Mark(NamedTuple):
    """One item's span on one side, before the text is cut (a named tuple: there are thousands per report)."""

    start: int
    end: int
    cat: str  # "m", "q", "f" (linked items) or "x", "del", "ins" (styling only)
    ref: int = -1
    value: str = ""  # match kind, quote verdict or finding severity


def clean(text: str) -> str:
    """Text safe to encode and display: NULs and lone surrogates become U+FFFD (lengths unchanged)."""
    if "\x00" not in text:
        if text.isascii():  # the usual short label: no regex pass needed
            return text
        try:
            text.encode()  # fails on a lone surrogate; a C pass, where the regex's took twice as long
        except UnicodeEncodeError:
            pass
        else:
            return text
    return _UNSAFE_CHARS.sub("\ufffd", text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as ``(start, end)``, surrounding whitespace excluded.

    A text with blank lines is split at blank lines (single newlines inside a
    paragraph are kept as line breaks); a text without any is split at every
    newline, as scraped articles put one paragraph per line.
    """
    if "\r" in text:
        sep = _SPLIT_BLANK if _BLANK_LINE.search(text.strip()) else _SPLIT_LINE
    elif "\n\n" in text or "\n " in text or "\n\t" in text or "\n\f" in text or "\n\v" in text:
        # Newlines only: the same patterns spelt with "\n" alone, which the regex engine
        # finds by a literal scan (the alternation made it try every position).
        sep = _LF_SPLIT_BLANK if _LF_BLANK_LINE.search(text.strip()) else _LF_SPLIT_LINE
    else:
        # Newlines only, none starting a blank line (that needs "\n", maybe spaces or
        # tabs, "\n"): a paragraph per line, found in one pass rather than by splitting.
        return [m.span() for m in _LINE.finditer(text)]
    bounds = []
    pos = 0
    for m in sep.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    spans = []
    for s, e in bounds:
        chunk = text[s:e].lstrip()
        core = len(chunk.rstrip())
        if core:
            start = e - len(chunk)
            spans.append((start, start + core))
    return spans


def _marks(c: Comparison, side: str) -> list[_Mark]:
    art = c.source if side == "s" else c.copy
    n = len(art.text)
    out: list[_Mark] = []

    new, append = tuple.__new__, out.append  # _Mark's own __new__ is a Python call per mark

    def add(span: Span | None, cat: str, ref: int = -1, value: str = "") -> None:
        if span is not None:
            s, e = span.start, span.end  # clipped to the text (start in [0, n], end in [start, n]), in line:
            # thousands of marks per report
            s = 0 if s < 0 else n if s > n else s
            append(new(_Mark, (s, s if e < s else n if e > n else e, cat, ref, value)))

    for span in art.excluded:
        add(span, "x")
    for i, m in enumerate(c.matches):
        add(m.source_span if side == "s" else m.copy_span, "m", i, m.kind)
        for part in m.parts:  # each part shows its own kind inside its passage
            add(part.source_span if side == "s" else part.copy_span, "pk", i, part.kind)
        for ed in [e for part in m.parts for e in part.edits] if m.parts else m.edits:
            if side == "s" and ed.op in ("delete", "replace"):
                add(ed.source_span, "del")
            elif side == "c" and ed.op in ("insert", "replace"):
                add(ed.copy_span, "ins")
    for i, qc in enumerate(c.quotes):
        add(qc.source_span if side == "s" else qc.quote.span, "q", i, qc.verdict)
        if side == "c" and qc.quote.speaker_span is not None and qc.quote.speaker_span:
            add(qc.quote.speaker_span, "spk", i)
        for ed in qc.edits:
            if side == "s" and ed.op in ("delete", "replace"):
                add(ed.source_span, "del")
            elif side == "c" and ed.op in ("insert", "replace"):
                add(ed.copy_span, "ins")
    for i, f in enumerate(c.findings):
        add(f.source_span if side == "s" else f.span, "f", i, f.severity)
    return out


def _linked(c: Comparison, side: str) -> set[tuple[str, int]]:
    """The linked items (``(cat, ref)``) that ``_marks(c, side)`` marks, without building the marks."""
    src = side == "s"
    out = {("m", i) for i, m in enumerate(c.matches) if (m.source_span if src else m.copy_span) is not None}
    out |= {("q", i) for i, qc in enumerate(c.quotes) if (qc.source_span if src else qc.quote.span) is not None}
    out |= {("f", i) for i, f in enumerate(c.findings) if (f.source_span if src else f.span) is not None}
    return out


def _cut(paragraphs: list[tuple[int, int]], marks: list[_Mark]) -> list[list[tuple[int, int, tuple[_Mark, ...]]]]:
    """Each paragraph cut at every mark boundary: ``(start, end, covering marks)`` runs, merged when equal."""
    cuts = {p for para in paragraphs for p in para}
    live = sorted((mk for mk in marks if mk.end > mk.start), key=lambda mk: (mk.start, mk.end))
    for mk in live:
        cuts.add(mk.start)
        cuts.add(mk.end)
    points = sorted(cuts)
    out = []
    nxt, n_live = 0, len(live)
    next_start = live[0].start if live else _NEVER  # the next mark to become active starts here
    active: list[_Mark] = []
    first_end = _NEVER  # the smallest end among the active marks: none ends before it
    for ps, pe in paragraphs:
        runs: list[tuple[int, int, tuple[_Mark, ...]]] = []
        lo, hi = bisect.bisect_left(points, ps), bisect.bisect_left(points, pe)
        bounds = points[lo : hi + 1]
        for a, b in zip(bounds, bounds[1:], strict=False):
            while next_start <= a:
                mk = live[nxt]
                active.append(mk)
                if mk.end < first_end:
                    first_end = mk.end
                nxt += 1
                next_start = live[nxt].start if nxt < n_live else _NEVER
            if first_end <= a:
                active = [mk for mk in active if mk.end > a]
                first_end = min([mk.end for mk in active], default=_NEVER)
            cover = tuple(active)
            if runs and runs[-1][2] == cover:
                runs[-1] = (runs[-1][0], b, cover)
            else:
                runs.append((a, b, cover))
        out.append(runs)
    return out


def _best(vals: list[str], rank: dict[str, int]) -> str | None:
    """The highest ranked value, the first of equals (as ``max``); None when there is none."""
    if len(vals) == 1:
        return vals[0]
    return max(vals, key=lambda v: rank.get(v, 0)) if vals else None


def _refs(marks: list[_Mark]) -> list[int]:
    """The distinct refs of ``marks``, ascending."""
    return [marks[0].ref] if len(marks) == 1 else sorted({mk.ref for mk in marks})


def _joined(refs: list[int]) -> str:
    """Refs as a ``data-m``/``data-q``/``data-f`` value: space-separated, for ``[data-m~=..]``."""
    return str(refs[0]) if len(refs) == 1 else " ".join(map(str, refs))


class _SideBuilder:
    """Cuts one side's text into segments and wires each item's first segment to its counterpart."""

    def __init__(self, c: Comparison, side: str) -> None:
        self.c = c
        self.side = side
        self.other = "c" if side == "s" else "s"
        self.art: Article = c.source if side == "s" else c.copy
        self.text = clean(self.art.text)
        self.marks = _marks(c, side)
        self.carved = {i for i, m in enumerate(c.matches) if m.parts}
        # A linked item has a counterpart when the other side marks it too.
        self.there = _linked(c, self.other)
        self.looks: dict[tuple[_Mark, ...], tuple] = {}  # cover -> _looks(cover)

    def href(self, cat: str, ref: int) -> str:
        if (cat, ref) in self.there:
            return f"#{self.other}-{cat}{ref}"
        return f"#{cat}i-{ref}"  # no counterpart: the item's entry in its panel

    def _looks(self, cover: tuple[_Mark, ...]) -> tuple:
        """Classes, title, ``data-m/q/f`` refs, edit tag and linked refs for a run covered by ``cover``.

        Most runs carry one or two marks, so each part is only worked out when
        its category is there.
        """
        ms: list[_Mark] = []
        pks: list[_Mark] = []
        qs: list[_Mark] = []
        fs: list[_Mark] = []
        spks: list[_Mark] = []
        x = dropped = added = False  # "x", "del", "ins" marks
        for mk in cover:  # in cover order, so ties between equally ranked values go to the first
            cat = mk.cat
            if cat == "m":
                ms.append(mk)
            elif cat == "f":
                fs.append(mk)
            elif cat == "pk":
                pks.append(mk)
            elif cat == "q":
                qs.append(mk)
            elif cat == "spk":
                spks.append(mk)
            elif cat == "x":
                x = True
            elif cat == "del":
                dropped = True
            else:
                added = True
        classes = "seg"
        bits = []  # the title
        m_refs: list[int] = []
        q_refs: list[int] = []
        f_refs: list[int] = []
        if ms or pks:
            # Inside a passage carved into parts, a part's own kind shows; text of
            # the passage outside every part (a copy's "he added") is reworded.
            passage = _best([mk.value for mk in ms], KIND_RANK)
            shown = [mk.value for mk in pks]
            if ms:
                in_part = {mk.ref for mk in pks}
                shown += ["paraphrase" if mk.ref in self.carved else mk.value for mk in ms if mk.ref not in in_part]
                m_refs = _refs(ms)
            kind = _best(shown, KIND_RANK)
            if kind:
                classes += f" k-{kind}"
                if passage and kind != passage:
                    bits.append(f"{KIND_LABEL.get(kind, kind)} part of a {KIND_LABEL.get(passage, passage)} passage")
                else:
                    bits.append(f"{KIND_LABEL.get(kind, kind)} passage")
        if qs:
            q_refs = _refs(qs)
            verdict = _best([mk.value for mk in qs], VERDICT_RANK)
            if verdict:
                classes += f" q q-{verdict}"
                bits.append(f"quote: {VERDICT_LABEL.get(verdict, verdict)}")
        if fs:
            f_refs = _refs(fs)
            severity = _best([mk.value for mk in fs], SEVERITY_RANK)
            if severity:
                classes += f" f f-{severity}"
        if spks:
            classes += " spk"
        if x:
            classes += " x"
        if dropped:
            bits.append("dropped or replaced in the copy")
        if added:
            bits.append("changed from the source")
        for ref in f_refs:
            f = self.c.findings[ref]
            bits.append(f"{f.severity}: {f.message}")
        if spks:
            bits += [f"speaker of quote {ref + 1}" for ref in _refs(spks)]
        if x:
            bits.append("excluded: site furniture or scraper residue")
        return (
            classes,
            "; ".join(bits) or None,
            _joined(m_refs) if m_refs else "",
            _joined(q_refs) if q_refs else "",
            _joined(f_refs) if f_refs else "",
            "del" if dropped else "ins" if added else "",
            {"m": m_refs, "q": q_refs, "f": f_refs},
        )

    def paragraphs(self) -> tuple[Paragraph, ...]:
        paras = paragraph_spans(self.text)
        runs = _cut(paras, self.marks)
        # Each linked item's id goes on the first run ending after its start, the last run
        # when none does (an empty or between-paragraph span still gets a place to scroll to):
        # the items in order of start, taken as the runs pass.
        items = sorted([(mk.start, mk.cat, mk.ref) for mk in self.marks if mk.cat in _LINKED])
        n_items, taken = len(items), 0
        final = runs[-1][-1][1] if runs else -1  # the last run's end (a paragraph has at least one run)
        text, side, looks = self.text, self.side, self.looks
        new = tuple.__new__  # Segment's own __new__ is a Python call per run
        out = []
        for para in runs:
            segs = []
            for a, b, cover in para:
                here = None
                if taken < n_items and (items[taken][0] < b or b == final):
                    upto = taken + 1
                    if b == final:
                        upto = n_items
                    else:
                        while upto < n_items and items[upto][0] < b:
                            upto += 1
                    here = items[taken:upto]
                    taken = upto
                    anchors = tuple([f"{side}-{cat}{ref}" for _, cat, ref in here])
                else:
                    anchors = ()
                if not cover:
                    segs.append(new(Segment, (a, text[a:b], "", "", None, None, "", "", "", "", anchors)))
                    continue
                look = looks.get(cover)  # a run's looks depend only on its cover
                if look is None:
                    look = looks[cover] = self._looks(cover)
                classes, title, m, q, f, edit, refs = look
                href = None
                if here:
                    linked = [(_HREF_ORDER[cat], ref, cat) for _, cat, ref in here if ref in refs[cat]]
                    if linked:
                        _, ref, cat = min(linked)
                        href = self.href(cat, ref)
                segs.append(new(Segment, (a, text[a:b], "a" if href else "span", classes, href, title, m, q, f, edit, anchors)))
            out.append(Paragraph(tuple(segs)))
        if not runs and items:
            anchors = tuple(f"{side}-{cat}{ref}" for _, cat, ref in items)
            out.append(Paragraph((Segment(start=len(text), text="", anchors=anchors),)))
        return tuple(out)


def cut_side(c: Comparison, side: str) -> tuple[Paragraph, ...]:
    """The paragraphs of the source (``side="s"``) or the copy (``"c"``), cut into segments."""
    return _SideBuilder(c, side).paragraphs()
