"""The small frozen records every stage passes to the next.

Every ``Span`` indexes the article text exactly as read from its file (UTF-8
decoded, BOM dropped, newlines untouched), so any report can point back into
the source file. Normalisation never produces spans of its own: it works on
tokens that keep the offsets of the original characters.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Literal

__all__ = [
    "Span",
    "Article",
    "Token",
    "Sentence",
    "Edit",
    "Match",
    "Quote",
    "QuoteCheck",
    "Finding",
    "Comparison",
    "MatchKind",
    "Verdict",
    "Severity",
]

MatchKind = Literal["verbatim", "near_verbatim", "paraphrase"]
Verdict = Literal["verbatim", "altered", "not_in_source"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of character indices into an original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def union(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))

    def of(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: its decoded text, metadata, and the spans excluded from matching.

    ``excluded`` holds scraper residue and site furniture ("Most read in The Sun"):
    kept in ``text`` so offsets stay true, but never matched or checked.
    """

    path: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    excluded: tuple[Span, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        """A stable content id: the same text always gets the same id."""
        from dedup.text import content_hash

        return content_hash(self.text)

    def metadata(self) -> dict[str, str]:
        """The metadata fields that are set, for JSON output."""
        meta = {
            k: v
            for k, v in (
                ("title", self.title),
                ("author", self.author),
                ("outlet", self.outlet),
                ("date", self.date),
                ("url", self.url),
            )
            if v
        }
        meta.update(dict(self.extra))
        return meta

    def is_excluded(self, span: Span) -> bool:
        """True when ``span`` lies mostly inside an excluded region."""
        inside = sum(
            min(span.end, e.end) - max(span.start, e.start) for e in self.excluded if e.overlaps(span)
        )
        return inside * 2 >= max(1, len(span))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text with its normalised form (case, quotes, spelling variants folded)."""

    start: int
    end: int
    norm: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def many(cls, starts: Sequence[int], ends: Iterable[int], norms: Iterable[str]) -> tuple[Token, ...]:
        """Tokens from parallel columns, built without the frozen ``__init__``.

        Tokenising makes a Token per word of every article, and the frozen
        dataclass ``__init__`` (three ``object.__setattr__`` calls) was most of
        that time; the slot descriptors set the same fields in C loops.
        """
        tokens = tuple(map(object.__new__, repeat(cls, len(starts))))
        for name, values in (("start", starts), ("end", ends), ("norm", norms)):
            setter = cls.__dict__[name].__set__  # the slot's descriptor
            deque(map(setter, tokens, values), maxlen=0)
        return tokens


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its span, its paragraph number and its words."""

    index: int
    span: Span
    paragraph: int
    tokens: tuple[Token, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.norm for t in self.tokens)


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-level difference between a source passage and its copy.

    ``op`` is ``replace``, ``delete`` (source words missing from the copy) or
    ``insert`` (copy words absent from the source). Empty spans mark the side
    that has no words.
    """

    op: Literal["replace", "delete", "insert"]
    source_span: Span
    copy_span: Span
    source_text: str
    copy_text: str


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of the copy derived from a passage of the source."""

    kind: MatchKind
    source_span: Span
    copy_span: Span
    score: float
    edits: tuple[Edit, ...] = ()
    # The passage carved into consecutive parts of one kind each (``dedup.parts``); empty when it is one piece.
    parts: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words in an article (``span`` excludes the marks) and who they are attributed to."""

    span: Span
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    scare: bool = False  # a quoted label ("terrorist formations"), not reported speech
    partial: bool = False  # quoted words inside the writer's own clause, not a whole utterance


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """A quote of the copy checked against the source."""

    quote: Quote
    verdict: Verdict
    source_span: Span | None = None
    source_speaker: str | None = None
    score: float = 0.0
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """Something an editor should look at, located in the checked article."""

    kind: str
    severity: Severity
    span: Span
    message: str
    suggestion: str | None = None
    source_path: str | None = None
    source_span: Span | None = None
    code: str = ""
    evidence: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compare`` found for one source/copy pair."""

    source: Article
    copy: Article
    matches: tuple[Match, ...]
    reuse_fraction: float
    quotes: tuple[QuoteCheck, ...] = ()
    findings: tuple[Finding, ...] = ()
