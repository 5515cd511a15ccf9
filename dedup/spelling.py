"""Misspellings: words that are not words, with the word that was likely meant.

Lower-case running words are judged. A capitalised word inside a sentence is a
name (``dedup.names`` checks those against each other), never a misspelling; one
opening a sentence is a name too, unless it is one cheap slip from a common word
and no capitalised word follows it ("Seperately, the council ..." but not "Paulo
King"). Numbers, URLs, e-mails, handles, hashtags, markup, censored words
("f**k"), possessives, contractions, elisions ("goin'"), British spellings, words
with diacritics or mojibake (foreign text) and expressive spellings ("huuuge")
are not judged. A compound written with hyphens is not a word to look up: its
parts are reported only when one is a plain slip of a common word ("so-calld").

A non-word is reported only when a real word is one or two cheap edits away,
because news is full of coinages a dictionary lacks ("cyberwar"); a word that
``Lexicon.derivation`` can build from real parts ("caucusgoers") is reported only
when a doubled letter, a swap or a dropped vowel away from a common word
("untill"), and two words typed together get a split suggestion ("consistof").
Runs of unknown words (a foreign phrase, a line broken by a layout) are skipped,
and so is an article with more than 8 % unknown words (not English prose); a
noisy article has its unknown words judged up to a budget, so nothing hangs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from dedup.lexicon import Candidate, Lexicon, get_lexicon
from dedup.model import Article, Finding
from dedup.text import DEFAULT_ALIASES
from dedup.wordscan import WordUse, scan_words

__all__ = ["MISSPELLING", "check_misspellings", "check_spelling"]

MISSPELLING = "misspelling"
CODE = "SPL001"
_EXPRESSIVE = re.compile(r"([aeiouy])\1\1|(.)\2\2\2")  # "huuuge", "sooo", "brrrr"
_NOT_ENGLISH_SHARE = 0.08  # an article with more unknown words than this is not English prose (news: ~0.2 %)
_MAX_JUDGED = 100  # distinct unknown words judged per article, plus one per 100 words
_MIN_WORDS_FOR_SHARE = 40


def check_spelling(
    article: Article,
    *,
    source: Article | None = None,
    extra_words: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> tuple[Finding, ...]:
    """Misspellings and name variants of ``article`` (names also checked against ``source``), in text order."""
    from dedup.names import check_name_variants

    table = DEFAULT_ALIASES if aliases is None else aliases
    lex = get_lexicon().with_words([*extra_words, *table.keys(), *table.values()])  # "tzar" is house style, not a typo
    uses = scan_words(article)
    findings = list(check_misspellings(article, lexicon=lex, uses=uses))
    findings += check_name_variants(article, source=source, lexicon=lex, aliases=aliases, uses=uses)
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.kind)))


def _judged(u: WordUse) -> bool:
    """A lower-case running word that dictionary spelling applies to."""
    return (
        u.shape == "lower"
        and not (u.machine or u.has_digit or u.excluded or u.odd or u.elided)
        and u.bare.isascii()
        and not _EXPRESSIVE.search(u.bare)
    )


def check_misspellings(
    article: Article,
    *,
    extra_words: Iterable[str] = (),
    lexicon: Lexicon | None = None,
    uses: Sequence[WordUse] | None = None,
) -> tuple[Finding, ...]:
    """``misspelling`` findings: non-words in running text, each with the likely intended word."""
    lex = (lexicon or get_lexicon()).with_words(extra_words)
    uses = scan_words(article) if uses is None else uses
    judged = [_judged(u) for u in uses]
    unknown = [j and not lex.known(u.bare) for u, j in zip(uses, judged, strict=True)]
    foreign = [bad or u.odd or not u.bare.isascii() for u, bad in zip(uses, unknown, strict=True)]
    n_judged = sum(judged)
    if n_judged >= _MIN_WORDS_FOR_SHARE and sum(unknown) > _NOT_ENGLISH_SHARE * n_judged:
        return ()
    names = {u.bare.casefold() for u in uses if u.shape != "lower" and not u.initial}
    repeats = Counter(u.bare for u, bad in zip(uses, unknown, strict=True) if bad)
    todo = [
        i
        for i, u in enumerate(uses)
        if unknown[i] and "'" not in u.bare and u.bare not in names and not _in_unknown_run(uses, foreign, i)
    ]
    budget = _MAX_JUDGED + n_judged // 100  # noisy text: judge the first words, never spend minutes
    lex.prepare(list(dict.fromkeys(uses[i].bare for i in todo))[:budget])
    findings = []
    for i in todo:
        u = uses[i]
        if u.bare not in lex.prepared:
            continue
        finding = _judge(u, lex, repeats[u.bare])
        if finding is not None:
            findings.append(finding)
    openers = [
        u
        for i, u in enumerate(uses)
        if _opening_unknown(u, lex, names)
        and (i + 1 == len(uses) or not uses[i + 1].word[:1].isupper())  # "Paulo King"
    ][:budget]
    lex.prepare(u.bare for u in openers)
    findings += [f for u in openers if (f := _judge_opening(u, lex)) is not None]
    return tuple(sorted(findings, key=lambda f: f.span.start))


def _opening_unknown(u: WordUse, lex: Lexicon, names: set[str]) -> bool:
    """A capitalised non-word opening a sentence and never written inside one (so not a name we saw)."""
    return (
        u.initial
        and u.shape == "title"
        and len(u.bare) >= 5
        and u.bare.isascii()
        and u.bare.isalpha()
        and not (u.machine or u.odd or u.excluded or u.hyphenated)
        and u.bare.casefold() not in names
        and not lex.known(u.bare)
    )


def _judge_opening(u: WordUse, lex: Lexicon) -> Finding | None:
    """ "Seperately, the council ...": a name would rarely sit one cheap slip from a common word."""
    cands = lex.candidates(u.bare)
    best = cands[0] if cands else None
    if best is None or best.cost > 0.6 or best.frequency < 1e-6 or lex.derivation(u.bare):
        return None
    margin = cands[1].score - best.score if len(cands) > 1 else 9.0
    suggestion = best.word[:1].upper() + best.word[1:]
    return _finding(u, suggestion, "error" if margin >= 0.35 else "warning", cands)


def _in_unknown_run(uses: Sequence[WordUse], foreign: Sequence[bool], i: int) -> bool:
    """True when another word within two words is unknown or foreign too ("mano a mano", "lingua franca")."""
    window = 2
    return any(foreign[j] for j in range(max(0, i - window), min(len(uses), i + window + 1)) if j != i)


def _judge(u: WordUse, lex: Lexicon, repeats: int) -> Finding | None:
    word = u.bare
    if len(word) <= 2 or lex.is_prefix(word):  # "cyber warfare", "pre- and post-war"
        return None
    if any(lex.common(word + end) for end in ("s", "es", "ed", "ing")):
        return None  # "morph" is a word if "morphs" is: the list lacks the base form
    cands = lex.candidates(word)
    best = cands[0] if cands else None
    if u.hyphenated:  # "sci-fi", "pooh-bahs", "18-year-olds": parts need not be words; only clear slips count
        if len(word) >= 5 and best and best.cost <= 0.6 and best.frequency >= 1e-6:
            return _finding(u, best.word, "warning", cands)
        return None
    if len(word) == 3:  # "teh": only a swap or doubling of a very common word
        if best and best.cost <= 0.4 and best.frequency >= 1e-3:
            return _finding(u, best.word, "warning", cands)
        return None
    derived = lex.derivation(word)
    run = lex.split_run_together(word)
    if run is not None and not derived and (best is None or best.cost > 0.4):
        return _finding(u, " ".join(run), "warning", (), note="two words run together")
    if derived:  # built from real parts: only a common word one cheap slip away outweighs that
        slip = best is not None and (
            best.cost <= 0.4 or (best.cost <= 0.6 and best.same_sound and len(best.word) != len(word))
        )
        if best and slip and len(word) >= 5 and best.frequency >= 3e-7:
            return _finding(u, best.word, "warning", cands)
        return None
    if best is None or best.cost > 1.6:
        return None
    if repeats >= 3 and best.cost > 0.6:  # used the same way three times: more likely a term we lack
        return None
    margin = cands[1].score - best.score if len(cands) > 1 else 9.0
    confident = best.cost <= 1.0 and len(word) >= 5 and margin >= 0.35
    return _finding(u, best.word, "error" if confident else "warning", cands)


def _finding(u: WordUse, suggestion: str, severity: str, cands: Sequence[Candidate], note: str = "") -> Finding:
    message = f'"{u.bare}" is not a word; did you mean "{suggestion}"?'
    if note:
        message = f'"{u.bare}" is not a word ({note}); did you mean "{suggestion}"?'
    evidence: tuple[tuple[str, str], ...] = ()
    if len(cands) > 1:
        evidence = (("alternatives", ", ".join(c.word for c in cands[1:4])),)
    return Finding(
        kind=MISSPELLING,
        severity=severity,  # type: ignore[arg-type]
        span=u.span,
        message=message,
        suggestion=suggestion,
        code=CODE,
        evidence=evidence,
    )
