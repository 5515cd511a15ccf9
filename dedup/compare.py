"""Compare one source with one copy: the pipeline behind ``dedup compare``.

segment -> align (matches) -> quotes of both -> quote checks -> findings.
Each stage is its own module; this one only wires them in order, in two
halves (``align_articles``, ``check_aligned``) so a batch can drop a pair that
shares too little before paying for its quote checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from dedup.align import align, reuse_fraction
from dedup.align_options import unit_count
from dedup.article_cache import ArticleCache
from dedup.attribution import AttributionInputs, attribution_findings
from dedup.errors import InputError
from dedup.model import Article, Comparison, Match, Sentence
from dedup.spelling import check_spelling
from dedup.verify import check_quotes

__all__ = ["Aligned", "align_articles", "check_aligned", "compare"]


# Alignment holds dense (units x units) score matrices over both articles' sentences (run-ons
# cut at ``unit_words``): about 40 bytes per pair of units, so 4,000 units peak near 700 MB
# (two 1,000,000-character articles of short sentences needed 11 GB before this limit).
MAX_UNITS = 4000


@dataclass(frozen=True)
class Aligned:
    """The first half of ``compare``: both articles' sentences and the passages the copy took."""

    source: Article
    copy: Article
    source_sentences: tuple[Sentence, ...]
    copy_sentences: tuple[Sentence, ...]
    matches: tuple[Match, ...]
    reuse_fraction: float


def compare(source: Article, copy: Article, *, spelling: bool = True, cache: ArticleCache | None = None) -> Comparison:
    """Everything ``copy`` took from ``source``, with offsets into each original text.

    ``spelling`` adds the copy's misspellings and name variants (the copy's own
    faults, found with the source's spellings as evidence); a batch scan, which
    is about reuse between pairs, leaves them out: they cost more than the rest.
    ``cache`` keeps each article's sentences and quotes for the next pair that
    shares it (a scan worker, a lint run against several sources).

    Raises ``InputError`` when the two are together too long to align in bounded memory.
    """
    return check_aligned(align_articles(source, copy, cache=cache), spelling=spelling, cache=cache)


def align_articles(source: Article, copy: Article, *, cache: ArticleCache | None = None) -> Aligned:
    """Sentences and matches: what a batch needs to decide whether a pair is worth checking further."""
    cache = cache if cache is not None else ArticleCache(0)
    source_sents, copy_sents = cache.sentences(source), cache.sentences(copy)
    units = unit_count(source_sents) + unit_count(copy_sents)
    if units > MAX_UNITS:
        raise InputError(copy.path, f"too long to compare with {source.path} ({units:,} sentences together; "
                                    f"the limit is {MAX_UNITS:,})")
    matches = tuple(align(source, copy, source_sents, copy_sents))
    return Aligned(source, copy, source_sents, copy_sents, matches, reuse_fraction(copy, matches))


def check_aligned(aligned: Aligned, *, spelling: bool = True, cache: ArticleCache | None = None) -> Comparison:
    """The second half of ``compare``: quotes checked against the source, attribution and other findings."""
    cache = cache if cache is not None else ArticleCache(0)
    source, copy, matches = aligned.source, aligned.copy, aligned.matches
    source_sents, copy_sents = aligned.source_sentences, aligned.copy_sentences
    source_quotes, copy_quotes = cache.quotes(source), cache.quotes(copy)
    voice = cache.voice(source)
    checks = check_quotes(
        source,
        copy,
        copy_quotes,
        source_quotes,
        source_sentences=source_sents,
        copy_sentences=copy_sents,
        source_speakers=[voice.name] if voice.name else [],
        related=any(m.kind != "paraphrase" for m in matches),
    )
    inputs = AttributionInputs(
        source=source,
        copy=copy,
        checks=checks,
        matches=matches,
        copy_quotes=copy_quotes,
        source_quotes=source_quotes,
        source_sentences=source_sents,
        copy_sentences=copy_sents,
        voice=voice,
    )
    findings = attribution_findings(inputs)
    if spelling:
        findings += check_spelling(copy, source=source)
    return Comparison(
        source=source,
        copy=copy,
        matches=matches,
        reuse_fraction=aligned.reuse_fraction,
        quotes=checks,
        findings=tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.kind))),
    )
