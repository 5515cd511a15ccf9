"""Name variants: one name spelled two ways in an article, or unlike its source.

A reporter who types "Galeotti" eight times and "Galleotti" twice has misspelled
a name that no dictionary knows; the article itself is the evidence. Names are
the capitalised words inside sentences (and sentence-initial ones that are not
dictionary words, or that also appear inside sentences). Two spellings are one
name when they are one edit apart (letters swapped, doubled, dropped or
changed: "Priogzhin"/"Prigozhin"), or two edits apart for long names with a high
Jaro-Winkler score, and start with the same letter. The minority spelling is
flagged only when the other is clearly dominant: more frequent in the article,
or the one the source uses.

Not variants: two dictionary words or known names ("Austria"/"Australia",
"Iran"/"Iraq"), derived forms ("Russia"/"Russian", "Ukraine"/"Ukrainian",
"Putin"/"Putins"), short names ("Jon"/"Joan"), and two people who share a
surname spelled alike but carry different first names ("Ben Carson", "Tucker
Carlson"). House-style pairs ("Kiev"/"Kyiv", ``dedup.text.DEFAULT_ALIASES``)
are reported as ``info``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from dedup.lexicon import Lexicon, get_lexicon, neighbouring_keys
from dedup.model import Article, Finding, Span
from dedup.segment import ABBREVIATIONS
from dedup.text import DEFAULT_ALIASES
from dedup.text import fold as _fold_uncached
from dedup.wordscan import WordUse, scan_words

fold = lru_cache(maxsize=100_000)(_fold_uncached)  # the same few thousand words, folded again and again

__all__ = ["NAME_VARIANT", "NameForm", "check_name_variants", "collect_names", "same_name"]

NAME_VARIANT = "name_variant"
CODE = "NAM001"
MIN_LENGTH = 5  # shorter names differ by one letter too often to be one name ("Jon"/"Joan", "Bush"/"Rush")
# (one spelling may be a letter shorter: "Trup" for "Trump")
# Endings that make a related word, not a misspelling: Russia/Russian, Israel/Israeli, Petrov/Petrova.
_DERIVED_ENDINGS = frozenset(
    ["", "s", "es", "n", "an", "ans", "ian", "ians", "i", "is", "ese", "ite", "ites", "ic", "ism", "ist", "ists",
     "er", "ers", "a", "ia", "ian", "ns", "y", "ie"]  # Mike/Mikey: a diminutive is another form of a name
)  # fmt: skip
_TITLES = ABBREVIATIONS | frozenset(
    ["professor", "doctor", "president", "senator", "governor", "general", "minister", "secretary", "judge",
     "chief", "king", "queen", "prince", "princess", "lord", "lady", "sir", "dame", "mayor", "sheriff",
     "rabbi", "father", "sister", "brother", "pope", "bishop", "commander", "colonel", "captain", "major",
     "sergeant", "lieutenant", "admiral", "chancellor", "premier", "ambassador", "mrs", "miss", "ms", "mr"]
)  # fmt: skip


# Words that open sentences before a name without being part of it ("But Clinton said").
_OPENERS = frozenset(
    "a an and as at but by for from here how if in it meanwhile now of on once or so still that the then there "
    "this those though to under when where while with yet after before during since until unlike like also even "
    "only asked told says said according".split()
)


@dataclass(slots=True)
class NameForm:
    """One spelling of a name (folded key) with where it occurs in the article and in the source."""

    key: str
    spellings: dict[str, int] = field(default_factory=dict)  # as written -> count
    spans: list[Span] = field(default_factory=list)
    source_spans: list[Span] = field(default_factory=list)
    before: set[str] = field(default_factory=set)  # names written just before it ("Mark" Galeotti)
    after: set[str] = field(default_factory=set)  # names written just after it (Mike "Johnson")

    @property
    def shown(self) -> str:
        return max(self.spellings.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def total(self) -> int:
        return len(self.spans) + len(self.source_spans)


def _is_name(u: WordUse) -> bool:
    return (
        u.shape in ("title", "mixed")
        and not (u.machine or u.has_digit or u.excluded)
        and 1 < len(u.bare) <= 24
        and sum(c.isupper() for c in u.bare) <= 3  # "McDonald", "MailOnline"; not "FlagShareLikeReplyMari"
    )


def collect_names(
    uses: Sequence[WordUse], lexicon: Lexicon, *, source_uses: Sequence[WordUse] = ()
) -> dict[str, NameForm]:
    """Name spellings of an article (and of its source), keyed by folded spelling."""
    forms: dict[str, NameForm] = {}
    for side, seq in (("article", uses), ("source", source_uses)):
        inside = {fold(u.bare) for u in seq if _is_name(u) and not u.initial}
        names_here: list[tuple[int, str]] = []
        for i, u in enumerate(seq):
            if not _is_name(u):
                continue
            key = fold(u.bare)
            if u.initial and key not in inside and lexicon.known(key):
                continue  # "However", "Similar": a sentence opening, not a name
            form = forms.setdefault(key, NameForm(key))
            if side == "article":
                written = u.word[: len(u.bare)]  # as typed, curly apostrophe and all
                form.spellings[written] = form.spellings.get(written, 0) + 1
                form.spans.append(u.span)
            else:
                form.spellings.setdefault(u.word[: len(u.bare)], 0)
                form.source_spans.append(u.span)
            names_here.append((i, key))
        for i, key in names_here:  # "Mark Galeotti": the names written beside it, titles aside
            for j in (i - 1, i + 1):
                other = fold(seq[j].bare) if 0 <= j < len(seq) else ""
                if not other or other in _TITLES or other in _OPENERS or not _is_name(seq[j]):
                    continue
                a, b = sorted((seq[i].span, seq[j].span))
                if (other in forms or seq[j].initial) and b.start - a.end <= 1:
                    (forms[key].before if j < i else forms[key].after).add(other)
    return forms


def same_name(a: str, b: str) -> bool:
    """Whether two folded spellings look like one name mistyped (not two names, not a derived form)."""
    if a == b or a[:1] != b[:1] or max(len(a), len(b)) < MIN_LENGTH or min(len(a), len(b)) < MIN_LENGTH - 1:
        return False
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    if a[stem:] in _DERIVED_ENDINGS and b[stem:] in _DERIVED_ENDINGS:
        return False
    d = OSA.distance(a, b)
    if d == 1 and len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:  # one letter changed: a slip of the keys, a vowel, or the same sound; not "Obama"/"Osama"
            i = diff[0]
            return _plausible_slip(a[i], b[i]) or jellyfish.metaphone(a) == jellyfish.metaphone(b)
        return True  # two letters swapped
    if d == 1:
        return True
    return d == 2 and min(len(a), len(b)) >= 8 and JaroWinkler.similarity(a, b) >= 0.9


def _plausible_slip(x: str, y: str) -> bool:
    """One letter typed for another: neighbouring keys, or one vowel for another."""
    return (x in "aeiouy" and y in "aeiouy") or neighbouring_keys(x, y)


def check_name_variants(
    article: Article,
    *,
    source: Article | None = None,
    extra_words: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
    lexicon: Lexicon | None = None,
    uses: Sequence[WordUse] | None = None,
) -> tuple[Finding, ...]:
    """``name_variant`` findings for ``article``, one per occurrence of a minority spelling."""
    lex = (lexicon or get_lexicon()).with_words(extra_words)
    table = {fold(k): fold(v) for k, v in (DEFAULT_ALIASES if aliases is None else aliases).items()}
    uses = scan_words(article) if uses is None else uses
    source_uses = scan_words(source) if source is not None else ()
    forms = collect_names(uses, lex, source_uses=source_uses)
    findings = _house_style(uses, source, source_uses, table)
    words = {fold(u.bare) for u in uses if u.shape == "lower"}
    # Only a spelling used twice, or in the source, can dominate; comparing each spelling with those
    # (by first letter, in rapidfuzz) keeps a long or hostile text from costing n-squared comparisons.
    majors: dict[str, list[str]] = defaultdict(list)
    for form in forms.values():
        if len(form.key) >= MIN_LENGTH - 1 and (len(form.spans) >= 2 or form.source_spans):
            majors[form.key[0]].append(form.key)
    for minor in sorted(forms.values(), key=lambda f: f.key):
        if not minor.spans or minor.key in table or len(minor.key) < MIN_LENGTH - 1:
            continue
        near = process.extract(minor.key, majors[minor.key[0]], scorer=OSA.distance, score_cutoff=2, limit=None)
        rivals = [
            forms[key]
            for key, _, _ in near
            if key != minor.key
            and table.get(key) != minor.key
            and _dominates(forms[key], minor)
            and same_name(minor.key, key)
            and _one_person(minor, forms[key], lex, words)
        ]
        if rivals:  # the nearest spelling, then the most used: "Rpeublicans" -> "Republicans", not "Republican"
            major = min(rivals, key=lambda m: (OSA.distance(minor.key, m.key), -m.total, m.key))
            findings += _variant_findings(article, source, minor, major)
    return tuple(sorted(findings, key=lambda f: f.span.start))


def _dominates(major: NameForm, minor: NameForm) -> bool:
    # the source's spelling wins, unless the article uses the other spelling more often than both use the source's
    in_source = bool(major.source_spans) and not minor.source_spans and major.total >= len(minor.spans)
    return in_source or (len(major.spans) > len(minor.spans) and len(major.spans) >= 2)


def _one_person(minor: NameForm, major: NameForm, lex: Lexicon, words: set[str]) -> bool:
    if lex.known(minor.key) and (lex.known(major.key) or lex.common(minor.key)):
        return False  # real words or known names: "Austria"/"Australia", "Carson"/"Carlson", "Capitol"/"Capito"
    if len(minor.key) < MIN_LENGTH and major.key in words:
        return False  # a short name is no slip for a common word: "Abou" is not "About"
    if minor.before and major.before:  # "Ben Carsen" vs "Tucker Carlsen": different first names
        return bool(minor.before & major.before)
    # first names: "Mikee Johnson" vs "Mike Pence" (a surname's next word is no clue: "Clinton Foundation")
    return not (
        minor.after and major.after and not minor.before and not major.before and not (minor.after & major.after)
    )


def _variant_findings(article: Article, source: Article | None, minor: NameForm, major: NameForm) -> list[Finding]:
    right = major.shown
    n = len(major.spans)
    if major.source_spans and not minor.source_spans and source is not None:
        where = f'spelled "{right}" in the source' + (f" and {n} time{'s' * (n != 1)} in this article" if n else "")
        source_path, source_span = source.path, major.source_spans[0]
    else:
        where = f'spelled "{right}" {n} time{"s" * (n != 1)} in this article'
        source_path, source_span = None, None
    strong = bool(source_path) or n >= 2 * len(minor.spans)
    out = []
    for span in minor.spans:
        wrong = span.of(article.text)
        out.append(
            Finding(
                kind=NAME_VARIANT,
                severity="error" if strong else "warning",
                span=span,
                message=f'"{wrong}" is {where}',
                suggestion=right,
                source_path=source_path,
                source_span=source_span,
                code=CODE,
                evidence=(("dominant_count", str(major.total)), ("variant_count", str(minor.total))),
            )
        )
    return out


def _house_style(
    uses: Sequence[WordUse], source: Article | None, source_uses: Sequence[WordUse], table: Mapping[str, str]
) -> list[Finding]:
    """``info`` for a house-style variant ("Kiev") when the house form ("Kyiv") is used too, here or in the source."""
    present = defaultdict(list)
    for u in uses:
        present[fold(u.bare)].append(u)
    source_present: dict[str, Span] = {}
    for u in source_uses:
        source_present.setdefault(fold(u.bare), u.span)
    out = []
    for key, occurrences in present.items():
        target = table.get(key)
        if target is None or target == key or not (target in present or target in source_present):
            continue
        for u in occurrences:
            if u.excluded:
                continue
            right = _like(target, u.bare)
            in_source = target not in present
            out.append(
                Finding(
                    kind=NAME_VARIANT,
                    severity="info",
                    span=u.span,
                    message=f'"{u.bare}" is house-style "{right}", which the {"source" if in_source else "article"} uses',
                    suggestion=right,
                    source_path=source.path if in_source and source is not None else None,
                    source_span=source_present.get(target) if in_source else None,
                    code=CODE,
                )
            )
    return out


def _like(word: str, model: str) -> str:
    """``word`` with the capitalisation of ``model`` (title, upper or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
