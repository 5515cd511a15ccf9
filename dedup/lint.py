"""The pre-publication lint: every check on a draft, with the newsroom's config applied.

Per draft: inline markers found (and kept out of the checks) -> spelling and
names of the draft on its own -> with an archive, each likely source found and
compared (reuse, quotes, attribution) -> licensed sources credited or flagged
-> duplicate findings merged -> rule codes, enabled rules and severities from
the config -> markers silence what the journalist accepted. Then, across all
drafts, a baseline drops findings recorded earlier.

The library returns records; formatting and exit codes are the CLI's job.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dedup.baseline import Baseline, fingerprints
from dedup.config import Config
from dedup.credits import Outlet, credit_span, expand_outlets, source_outlet
from dedup.markers import Marker, Silencer, find_markers
from dedup.model import Article, Finding, Severity, Span
from dedup.rules import lookup, rule_for_kind

__all__ = ["RANK", "FileReport", "LintReport", "apply_licences", "lint", "lint_article"]

RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class FileReport:
    """The findings of one draft, in text order, and what was held back and why."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    silenced: int = 0  # accepted by an inline marker
    baselined: int = 0  # recorded in the baseline
    sources: tuple[str, ...] = ()  # archive articles the draft was compared with

    def fingerprints(self) -> list[str]:
        return fingerprints(self.findings, self.text)


@dataclass(frozen=True, slots=True)
class LintReport:
    """All drafts of one run and the severity at which the run fails."""

    files: tuple[FileReport, ...]
    fail_on: Severity = "error"

    def all_findings(self) -> Iterator[Finding]:
        for f in self.files:
            yield from f.findings

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.all_findings() if f.severity == severity)

    @property
    def failed(self) -> bool:
        """True when some finding reaches the failing severity."""
        return any(RANK[f.severity] >= RANK[self.fail_on] for f in self.all_findings())

    @property
    def silenced(self) -> int:
        return sum(f.silenced for f in self.files)

    @property
    def baselined(self) -> int:
        return sum(f.baselined for f in self.files)


@contextmanager
def _house_style(aliases: tuple[tuple[str, str], ...]) -> Iterator[None]:
    """The config's alias table in force for the run, the defaults restored after."""
    if not aliases:
        yield
        return
    from dedup.text import set_aliases

    set_aliases(dict(aliases))
    try:
        yield
    finally:
        set_aliases({})


def apply_licences(
    findings: Iterable[Finding], source: Article, draft: Article, outlets: Sequence[Outlet]
) -> list[Finding]:
    """Reuse of a licensed outlet's copy: dropped when the draft credits it, ``licensed_uncredited`` when not."""
    findings = list(findings)
    outlet = source_outlet(source, outlets) if outlets else None
    if outlet is None or not any(f.kind == "unattributed_reuse" for f in findings):
        return findings
    if credit_span(draft.text, outlet) is not None:
        return [f for f in findings if f.kind != "unattributed_reuse"]
    rule = lookup("licensed_uncredited")
    name = outlet[0]
    return [
        dataclasses.replace(
            f,
            kind=rule.kind,
            code=rule.code,
            severity=rule.severity,
            message=f"Passage taken from licensed {name} copy without the credit line the licence requires.",
            suggestion=f'Credit it, e.g. "Additional reporting by {name}".',
            evidence=(*f.evidence, ("outlet", name)),
        )
        if f.kind == "unattributed_reuse"
        else f
        for f in findings
    ]


def _merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (kind, span): the most severe, preferring one that carries source evidence."""
    best: dict[tuple[str, Span], Finding] = {}
    for f in findings:
        key = (f.kind, f.span)
        old = best.get(key)
        if old is None or (RANK[f.severity], f.source_path is not None) > (
            RANK[old.severity],
            old.source_path is not None,
        ):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.span.start, f.span.end, f.kind))


def _apply_config(findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Codes set, disabled rules dropped, severities overridden."""
    enabled = config.enabled_codes()
    out = []
    for f in findings:
        rule = rule_for_kind(f.kind)
        code = rule.code if rule else (f.code or "")
        if rule is not None and code not in enabled:
            continue
        severity = config.severity_of(code) or f.severity
        if code != f.code or severity != f.severity:
            f = dataclasses.replace(f, code=code, severity=severity)
        out.append(f)
    return out


def _marker_findings(markers: tuple[Marker, ...]) -> list[Finding]:
    rule = lookup("unknown_marker")
    return [
        Finding(
            kind=rule.kind,
            severity=rule.severity,
            span=m.span,
            message=f"ignore marker names unknown rule {name!r}; it silences nothing",
            suggestion="see 'dedup explain' for the rule codes",
        )
        for m in markers
        for name in m.unknown
    ]


def lint_article(
    article: Article, config: Config | None = None, *, sources: Sequence[Article] | None = None
) -> FileReport:
    """Lint one draft against the given archive articles (none: checks on its own only)."""
    from dedup.article_cache import ArticleCache
    from dedup.names import check_name_variants
    from dedup.spelling import check_spelling

    config = config or Config()
    markers = find_markers(article.text)
    draft = article
    if markers:  # the markers are not article text: keep the checks off them
        draft = dataclasses.replace(article, excluded=article.excluded + tuple(m.span for m in markers))
    aliases = dict(config.aliases) or None
    found: list[Finding] = list(check_spelling(draft, extra_words=config.words, aliases=aliases))
    outlets = expand_outlets(config.licensed_sources)
    compared = []
    cache = ArticleCache(4)  # the draft's sentences and quotes, found once for all its sources
    for source in sources or ():
        if source.id == draft.id:
            continue  # the draft itself, already in the archive
        from dedup.compare import compare

        comparison = compare(source, draft, spelling=False, cache=cache)  # misspellings are checked once above
        compared.append(source.path)
        found += apply_licences(comparison.findings, source, draft, outlets)
        found += check_name_variants(draft, source=source, extra_words=config.words, aliases=aliases)
    found += _marker_findings(markers)
    findings = _apply_config(_merge(found), config)
    silenced = Silencer(markers, len(article.text))
    kept = [f for f in findings if not silenced(f)]
    return FileReport(
        path=article.path,
        text=article.text,
        findings=tuple(kept),
        silenced=len(findings) - len(kept),
        sources=tuple(compared),
    )


def _find_sources(draft: Article, against: str | Path, config: Config) -> list[Article]:
    from dedup.index.sources import find_sources

    if config.source_threshold is None:
        found = find_sources(draft, against)
    else:
        found = find_sources(draft, against, threshold=config.source_threshold)
    return list(found)[: config.max_sources]


def _drop_baselined(report: FileReport, baseline: Baseline) -> FileReport:
    fps = report.fingerprints()
    kept = tuple(f for f, fp in zip(report.findings, fps, strict=True) if not baseline.knows(report.path, fp))
    return dataclasses.replace(report, findings=kept, baselined=report.baselined + len(report.findings) - len(kept))


def lint(
    articles: Iterable[Article],
    config: Config | None = None,
    *,
    against: str | Path | None = None,
    baseline: Baseline | None = None,
) -> LintReport:
    """Lint drafts; ``against`` (or the config's ``index``) names the archive, ``baseline`` old findings."""
    config = config or Config()
    against = against if against is not None else config.index
    reports = []
    with _house_style(config.aliases):
        for article in articles:
            sources = _find_sources(article, against, config) if against else None
            report = lint_article(article, config, sources=sources)
            if baseline is not None:
                report = _drop_baselined(report, baseline)
            reports.append(report)
    return LintReport(files=tuple(reports), fail_on=config.fail_on)
