"""``dedup lint`` (the pre-publication gate) and ``dedup explain`` (what a rule code means).

Exit status: 0 when no finding reaches ``--fail-on``, 1 when one does, 2 when
the command could not run. Every problem that stops the run, a bad option
included, is one ``dedup: ...`` line on stderr, so a CMS hook or CI log shows
the reason and nothing else.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from dedup.atomic import write_text_atomic
from dedup.cli.common import EXIT_FINDINGS, EXIT_OK, fail, handle_errors
from dedup.errors import InputError

__all__ = ["explain", "lint"]

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
SEVERITY_NAMES = ("error", "warning", "info")


class OneLineCommand(click.Command):
    """A command whose usage errors are one ``dedup: ...`` line (exit 2), not click's usage block."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:
            if err.ctx is not None and err.ctx.resilient_parsing:
                raise
            fail(f"{ctx.command_path.split()[-1]}: {err.format_message()}")
            raise  # unreachable: fail exits


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for value in values for v in value.replace(",", " ").split())


def _read_stdin(name: str):
    from dedup.ingest import article_from_text, decode, read_stdin_bytes

    text, encoding = decode(read_stdin_bytes(name), name)
    return article_from_text(text, name, encoding=encoding)


def _articles(files: tuple[str, ...], stdin_name: str):
    """Read every draft first, so an unreadable one stops the run before any output.

    A folder stands for the article files under it (text, Markdown, HTML; recursively).
    """
    from dedup.ingest import ARTICLE_SUFFIXES, iter_paths, read_article

    if files.count("-") > 1:
        raise InputError("-", "standard input can be read once")
    out = []
    for name in files:
        if name == "-":
            out.append(_read_stdin(stdin_name))
        elif Path(name).is_dir():
            found = [read_article(p) for p in iter_paths([name]) if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not found:
                raise InputError(name, "no drafts (.txt, .md, .html) in this folder")
            out += found
        else:
            out.append(read_article(name))
    return out


def _checked(func, *args, **kwargs):
    """Run the checks; a crash inside one is exit 2 ("could not run"), never 1 ("findings").

    A gate must not let a bug pass for a verdict on the draft. Set DEDUP_TRACEBACK=1 to see the
    traceback when reporting the bug.
    """
    import os

    from dedup.errors import DedupError

    try:
        return func(*args, **kwargs)
    except (DedupError, KeyboardInterrupt, MemoryError, BrokenPipeError):
        raise
    except Exception as err:
        if os.environ.get("DEDUP_TRACEBACK"):
            raise
        from dedup import __version__

        where = err.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        at = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
        fail(f"internal error{at}: {type(err).__name__}: {err} (dedup {__version__}; "
             "DEDUP_TRACEBACK=1 shows the traceback)")


@click.command(cls=OneLineCommand)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--against", metavar="PATH", help="Archive to check against: an index file or a folder of articles "
              "(default: index in [tool.dedup]).")
@click.option("--no-archive", is_flag=True, help="Check the drafts on their own, even when config names an index.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(SEVERITY_NAMES), default=None,
              help="Lowest severity that fails the run (exit 1). Default: error, or fail-on in config.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Config file (dedup.toml or pyproject.toml). Default: found by walking up from here.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (codes, kinds or prefixes; "
              "comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Turn these rules off (added to the config's).")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL", help="Set a rule's severity, e.g. NAM001=warning.")
@click.option("--licensed", multiple=True, metavar="OUTLET", help="A licensed source (added to the config's).")
@click.option("--word", "words", multiple=True, metavar="WORD", help="A word the spelling check accepts.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              help="Record every current finding in this file (and exit 0).")
@click.option("--stdin-filename", default="-", show_default=True, help="The name to report for a draft read from -.")
@click.option("--show-config", is_flag=True, help="Print the effective configuration as TOML and exit.")
@handle_errors
def lint(files, against, no_archive, fmt, output, fail_on, exit_zero, config_file, isolated, select, ignore, severity,
         licensed, words, baseline_file, write_baseline_file, stdin_filename, show_config) -> None:
    """Check drafts before publication: spelling and names, and with --against, reuse, quotes and attribution.

    FILE may be a folder (its .txt, .md and .html files, recursively), or - to read one
    draft from standard input (for CMS hooks).
    Exit status: 0 clean, 1 a finding reaches --fail-on, 2 could not run.

    \b
    Examples:
      dedup lint draft.md
      dedup lint drafts/*.md --against archive.db --format sarif -o dedup.sarif
      cat draft.txt | dedup lint - --stdin-filename draft.txt --format json
      dedup lint drafts/*.md --write-baseline .dedup-baseline.json
      dedup lint drafts/*.md --baseline .dedup-baseline.json
    """
    from dedup.baseline import load_baseline, write_baseline
    from dedup.config import Config, check_rule_names, load_config, merge_severity, parse_severity_options
    from dedup.lint import lint as run_lint
    from dedup.report.lintformats import render_lint

    config = Config() if isolated else load_config(config_file)
    select_rules = check_rule_names(_split(select), "--select") or None
    ignore_rules = check_rule_names(_split(ignore), "--ignore")
    config = config.override(
        fail_on=fail_on,
        select=select_rules,
        ignore=config.ignore + ignore_rules if ignore_rules else None,
        severity=merge_severity(config, parse_severity_options(severity)) if severity else None,
        licensed_sources=config.licensed_sources + tuple((n,) for n in licensed) if licensed else None,
        words=config.words + words if words else None,
    )
    if no_archive:
        if against:
            raise InputError(None, "give --against or --no-archive, not both")
        config = dataclasses.replace(config, index=None)
    if show_config:
        click.echo(config.to_toml(), nl=False)
        return
    baseline = load_baseline(baseline_file) if baseline_file and not write_baseline_file else None
    articles = _articles(files, stdin_filename)
    report = _checked(run_lint, articles, config, against=against, baseline=baseline)
    if write_baseline_file:
        n = write_baseline(write_baseline_file, [(f.path, f.findings, f.text) for f in report.files])
        click.echo(f"dedup: recorded {n} finding(s) in {write_baseline_file}", err=True)
    out = render_lint(report, fmt)
    if output:
        write_text_atomic(output, out)
    else:
        click.echo(out, nl=False)
    if write_baseline_file or exit_zero or not report.failed:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS)


@click.command(cls=OneLineCommand)
@click.argument("rule", required=False)
@click.option("--all", "show_all", is_flag=True, help="Explain every rule.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format (markdown is docs/rules.md).")
@handle_errors
def explain(rule: str | None, show_all: bool, fmt: str) -> None:
    """What a rule code (NAM001) or finding kind (name_variant) means, an example, and how to fix or silence it.

    Without RULE, lists every rule.
    """
    from dataclasses import asdict

    from dedup.report.jsonout import dumps
    from dedup.rules import RULES, Rule, UnknownRule, explain_text, lookup, rules_markdown

    chosen: tuple[Rule, ...]
    if rule:
        try:
            chosen = (lookup(rule),)
        except UnknownRule as err:
            fail(str(err))
            return
    else:
        chosen = RULES
    if fmt == "json":
        click.echo(dumps([asdict(r) for r in chosen]))
    elif fmt == "markdown":
        if rule:
            raise InputError(None, "--format markdown writes the whole catalogue; give no RULE")
        click.echo(rules_markdown(), nl=False)
    elif rule or show_all:
        click.echo("\n".join(explain_text(r) for r in chosen), nl=False)
    else:
        for r in RULES:
            click.echo(f"{r.code}  {r.kind:<20} {r.severity:<8} {r.summary}")
