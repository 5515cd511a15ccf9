"""The rule catalogue: one stable code per finding kind, with what it means and how to act on it.

Finding *kinds* (``misspelling``, ``quote_altered``...) are what the checkers
produce and what the JSON contract names; *codes* (``SPL001``, ``QUO001``...)
are what a newsroom types in config, in inline ``<!-- dedup: ignore CODE -->``
markers and in ``dedup explain``. Codes never change meaning once published:
retire a code rather than reuse it. ``docs/rules.md`` is generated from this
table (a test keeps the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass

from dedup.model import Severity

__all__ = [
    "RULES",
    "SEVERITIES",
    "Rule",
    "UnknownRule",
    "explain_text",
    "lookup",
    "rule_for_kind",
    "rules_markdown",
    "select",
]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


class UnknownRule(KeyError):
    """A code, kind or prefix that names no rule."""

    def __str__(self) -> str:  # KeyError quotes its argument; say something readable instead
        return f"unknown rule {self.args[0]!r} (see 'dedup explain' for the list)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the catalogue."""

    code: str
    kind: str
    title: str
    severity: Severity  # the usual severity; a checker may raise or lower it (``severity_note`` says when)
    summary: str
    explanation: str
    example: str
    fix: str
    severity_note: str = ""


RULES: tuple[Rule, ...] = (
    Rule(
        code="DUP001",
        kind="unattributed_reuse",
        title="Unattributed reuse",
        severity="warning",
        summary="A passage taken from an archived article with no quotation marks and no credit nearby.",
        explanation=(
            "The draft repeats, word for word or lightly reworded, a passage of an article in the archive "
            "given with --against, and neither quotation marks nor an attribution to that article's author "
            "or outlet stand near it. Readers take unattributed text as the newsroom's own reporting."
        ),
        example=(
            'Source op-ed: "Battlefield failure reflects poorly on Putin personally."\n'
            'Draft:        "Battlefield failure reflects badly on Putin personally, experts say."'
        ),
        fix=(
            "Quote the passage and name its author or outlet, rewrite it as your own reporting, or cut it. "
            "If the outlet is a wire the newsroom licenses, list it under licensed-sources in config."
        ),
    ),
    Rule(
        code="LIC001",
        kind="licensed_uncredited",
        title="Licensed copy without its credit line",
        severity="error",
        summary="Copy from a licensed wire or outlet reused without the credit line the licence requires.",
        explanation=(
            "The passage comes from an outlet listed under licensed-sources in [tool.dedup] (AP, Reuters, "
            "PA...). Reusing its copy is allowed, but only when the draft credits it: a credit line such as "
            '"Reporting by Reuters", a dateline "(AP)", a sign-off "- PA" or "additional reporting by ...". '
            "The draft has none, so it would publish licensed copy as its own."
        ),
        example=(
            "Archive: LONDON (Reuters) - The Bank of England raised interest rates on Thursday ...\n"
            "Draft:   The Bank of England raised interest rates on Thursday ... (no credit anywhere)"
        ),
        fix='Add the credit line the licence asks for, e.g. "Additional reporting by Reuters" at the end.',
    ),
    Rule(
        code="QUO001",
        kind="quote_altered",
        title="Quote altered",
        severity="warning",
        severity_note="error when a number, a negation or a name changed inside the quote",
        summary="A quote whose words differ from the source passage it comes from.",
        explanation=(
            "Words inside quotation marks must be the speaker's words. Legitimate editing is not reported: "
            "an ellipsis for omitted words, square brackets for inserted ones, changed capitalisation at "
            "the start, house style (Kyiv/Kiev). Anything else that changed is, and the message shows the "
            "word diff."
        ),
        example=(
            'Source: "Battlefield failure reflects poorly on Putin personally"\n'
            'Draft:  "Battlefield failure reflects badly on Putin personally"  (poorly -> badly)'
        ),
        fix="Restore the speaker's exact words, or take the changed words out of quotation marks and paraphrase.",
    ),
    Rule(
        code="QUO002",
        kind="quote_not_in_source",
        title="Quote not in the source",
        severity="error",
        summary="A quote attributed to a source's speaker that the source does not contain.",
        explanation=(
            "The draft puts words in quotation marks and attributes them to someone quoted in (or writing) "
            "the source, but no passage of the source says anything close. The quote may be invented, "
            "misremembered or from somewhere else that needs its own credit."
        ),
        example='Source says "pretty much egregious"; the draft quotes the same author saying "largely bluster".',
        fix="Find where the words really come from and credit that, or remove the quotation marks and the quote.",
    ),
    Rule(
        code="ATT001",
        kind="speaker_changed",
        title="Speaker changed",
        severity="warning",
        summary="A quote attributed to someone other than who said it in the source.",
        explanation=(
            "The quoted words are in the source, but the source gives them to a different speaker than the "
            'draft does (one officer in the source, "Russian warriors" in the draft).'
        ),
        example=(
            'Source: one officer told me: "I don\'t want a virgin telling me what to do ..."\n'
            'Draft:  Russian warriors, who he recalled saying: "I wouldn\'t want a virgin ..."'
        ),
        fix="Attribute the quote to the speaker the source names.",
    ),
    Rule(
        code="ATT002",
        kind="venue_drift",
        title="Venue drift",
        severity="warning",
        summary="Written words (an op-ed, a statement) presented as said to an outlet or in an interview.",
        explanation=(
            "The source is the speaker's own written piece (a byline, first person, an author bio line), but "
            'the draft presents the words as said to the newsroom: "told MailOnline", "he tells the Mail", '
            '"said in an interview". That claims an interview that did not happen.'
        ),
        example='Source: an op-ed by Prof Galeotti. Draft: "..., Prof Galeotti told the MailOnline."',
        fix='Say where the words were published: "wrote in The Spectator", "writing in ...".',
    ),
    Rule(
        code="ATT003",
        kind="hedge_dropped",
        title="Hedge dropped",
        severity="warning",
        summary='A source\'s qualified claim ("I think", "may", "if not yet") stated without the qualifier.',
        explanation=(
            "The source qualified a claim and the draft states the same claim flatly, making the source "
            "sound surer than it was or turning an opinion into a fact."
        ),
        example=(
            'Source: "I think the blow up of the Nordstream gas pipeline was a warning"\n'
            'Draft:  "The attack on the Nord Stream gas pipe was a warning"'
        ),
        fix='Keep the qualifier ("may", "appears to", "he believes") or attribute the claim as opinion.',
    ),
    Rule(
        code="SPL001",
        kind="misspelling",
        title="Misspelling",
        severity="error",
        severity_note="warning when the suggested correction is not confident",
        summary="A word that is not a word; the suggestion holds the likely intended word.",
        explanation=(
            "The word is in no English dictionary the tool ships and is not a name, a number, a URL, a "
            "British spelling or a house-style variant. Words the newsroom uses that dictionaries lack go "
            "in the words list (or words-file) of [tool.dedup]."
        ),
        example='"the beleagured army" -> "beleaguered"',
        fix="Correct the spelling, or add the word to words = [...] in [tool.dedup] if it is right.",
    ),
    Rule(
        code="NAM001",
        kind="name_variant",
        title="Name spelled two ways",
        severity="error",
        severity_note="info for house-style variants (Kiev/Kyiv), which are not errors",
        summary="A name spelled unlike the same name elsewhere in the article or its source.",
        explanation=(
            "The same person or place appears under two spellings, one of them clearly dominant "
            "(more frequent, or the source's). The suggestion holds the dominant spelling."
        ),
        example='"Galleotti" twice beside "Galeotti" eight times -> "Galeotti"',
        fix="Use one spelling throughout. House-style pairs go in [tool.dedup.aliases].",
    ),
    Rule(
        code="LNT001",
        kind="unknown_marker",
        title="Unknown code in an ignore marker",
        severity="warning",
        summary="A <!-- dedup: ignore ... --> marker names a rule that does not exist.",
        explanation=(
            "An inline marker only silences the rules it names. A code or kind it names that the catalogue "
            "does not know silences nothing, which is usually a typo."
        ),
        example="<!-- dedup: ignore NAM01 -->  (the code is NAM001)",
        fix="Correct the code (see 'dedup explain') or remove the marker.",
    ),
)

_BY_CODE = {r.code: r for r in RULES}
_BY_KIND = {r.kind: r for r in RULES}


def rule_for_kind(kind: str) -> Rule | None:
    """The rule of a finding kind, or None for a kind the catalogue does not list yet."""
    return _BY_KIND.get(kind)


def lookup(name: str) -> Rule:
    """The rule named by a code (``NAM001``, any case) or a kind (``name_variant``)."""
    rule = _BY_CODE.get(name.strip().upper()) or _BY_KIND.get(name.strip().lower())
    if rule is None:
        raise UnknownRule(name)
    return rule


def select(selector: str) -> tuple[Rule, ...]:
    """The rules a selector names: ``ALL``, a code, a kind, or a code prefix (``QUO`` -> QUO001, QUO002)."""
    s = selector.strip()
    if s.upper() == "ALL":
        return RULES
    try:
        return (lookup(s),)
    except UnknownRule:
        pass
    matched = tuple(r for r in RULES if s and r.code.startswith(s.upper()))
    if not matched:
        raise UnknownRule(selector)
    return matched


def _severity_line(rule: Rule) -> str:
    return rule.severity + (f" ({rule.severity_note})" if rule.severity_note else "")


def explain_text(rule: Rule) -> str:
    """What ``dedup explain CODE`` prints: meaning, example, fix and how to silence."""
    example = "\n".join("    " + line for line in rule.example.splitlines())
    return (
        f"{rule.code} {rule.kind}: {rule.title}\n"
        f"Severity: {_severity_line(rule)}\n\n"
        f"{rule.summary}\n\n{rule.explanation}\n\n"
        f"Example:\n{example}\n\n"
        f"How to fix: {rule.fix}\n\n"
        f"How to silence: put <!-- dedup: ignore {rule.code} --> in the paragraph (or alone on the line "
        f'before it) to accept one finding; ignore = ["{rule.code}"] in [tool.dedup] to turn the rule off; '
        f'severity.{rule.code} = "info" to keep it without failing; or record existing findings in a '
        f"baseline (dedup lint --write-baseline FILE).\n"
    )


def rules_markdown() -> str:
    """``docs/rules.md``: the catalogue as Markdown (generated; a test checks the file is current)."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from dedup/rules.py by `dedup explain --all --format markdown > docs/rules.md`; do not edit by hand. -->",
        "",
        "Every finding has a *kind* (the JSON contract's name) and a stable *code* (what config, inline",
        "markers and `dedup explain` use). Select rules by code, kind or code prefix (`QUO`).",
        "",
        "| code | kind | severity | summary |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}) | `{r.kind}` | {r.severity} | {r.summary} |" for r in RULES]
    for r in RULES:
        example = "\n".join(r.example.splitlines())
        out += [
            "",
            f"## {r.code}",
            "",
            f"**{r.title}** (`{r.kind}`). Severity: {_severity_line(r)}.",
            "",
            r.summary,
            "",
            r.explanation,
            "",
            "Example:",
            "",
            "```",
            example,
            "```",
            "",
            f"How to fix: {r.fix}",
            "",
            f"How to silence one finding: `<!-- dedup: ignore {r.code} -->` in its paragraph. "
            f'Turn the rule off: `ignore = ["{r.code}"]` in `[tool.dedup]`.',
        ]
    return "\n".join(out) + "\n"
