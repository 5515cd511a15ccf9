"""Lint configuration: ``[tool.dedup]`` in pyproject.toml or a ``dedup.toml``, under the command line.

Precedence is command line over file over defaults. The file is found the way
ruff finds its own: walk up from the working folder and take the first
``dedup.toml``, or ``pyproject.toml`` that has a ``[tool.dedup]`` table. Keys
are kebab-case (``fail-on``); snake_case is accepted too. A mistake in the
file (unknown key, wrong type, unknown rule) is an ``InputError`` naming the
file, so the CLI reports it in one line instead of guessing.

Example::

    [tool.dedup]
    index = "archive.db"                 # default for --against
    fail-on = "error"
    ignore = ["ATT003"]
    words = ["MailOnline", "Zaporizhzhia"]
    words-file = "newsroom-words.txt"    # one word a line, relative to this file
    licensed-sources = ["Reuters", ["AP", "Associated Press"], "PA"]

    [tool.dedup.severity]
    NAM001 = "warning"

    [tool.dedup.aliases]                 # house style: the variant and the form it folds to
    kiev = "kyiv"
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dedup.errors import InputError
from dedup.model import Severity
from dedup.rules import SEVERITIES, UnknownRule, select

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = [
    "CONFIG_FILES",
    "Config",
    "check_rule_names",
    "config_from_table",
    "find_config",
    "load_config",
    "merge_severity",
    "parse_severity_options",
]

CONFIG_FILES = ("dedup.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what ``dedup lint`` reports; defaults are the tool's own opinion."""

    fail_on: Severity = "error"
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (rule code, severity)
    aliases: tuple[tuple[str, str], ...] = ()  # (variant, house form) for dedup.text.set_aliases
    words: tuple[str, ...] = ()  # words the dictionary lacks but the newsroom uses
    index: str | None = None  # default --against: an index file or a folder of articles
    licensed_sources: tuple[tuple[str, ...], ...] = ()  # each: the names of one outlet
    source_threshold: float | None = None  # find_sources threshold; None = the index's default
    max_sources: int = 20  # compare the draft with at most this many archive candidates
    path: str | None = field(default=None, compare=False)  # the file it was read from

    def enabled_codes(self) -> frozenset[str]:
        """The rule codes that report: the selected ones minus the ignored ones."""
        on = {r.code for s in self.select for r in select(s)}
        off = {r.code for s in self.ignore for r in select(s)}
        return frozenset(on - off)

    def severity_of(self, code: str) -> Severity | None:
        """The severity the config forces on a rule, if any."""
        return dict(self.severity).get(code)

    def override(self, **changes: Any) -> Config:
        """A copy with the given fields changed; ``None`` values (options not given) change nothing."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_toml(self) -> str:
        """This config as a ``[tool.dedup]`` table that ``config_from_table`` reads back equal."""
        q = _toml_str
        lines = ["[tool.dedup]", f"fail-on = {q(self.fail_on)}"]
        lines.append(f"select = [{', '.join(q(s) for s in self.select)}]")
        lines.append(f"ignore = [{', '.join(q(s) for s in self.ignore)}]")
        lines.append(f"words = [{', '.join(q(w) for w in self.words)}]")
        if self.index is not None:
            lines.append(f"index = {q(self.index)}")
        lic = ", ".join(
            q(g[0]) if len(g) == 1 else "[" + ", ".join(q(n) for n in g) + "]" for g in self.licensed_sources
        )
        lines.append(f"licensed-sources = [{lic}]")
        if self.source_threshold is not None:
            lines.append(f"source-threshold = {self.source_threshold!r}")
        lines.append(f"max-sources = {self.max_sources}")
        lines += ["", "[tool.dedup.severity]"] + [f"{c} = {q(s)}" for c, s in self.severity]
        lines += ["", "[tool.dedup.aliases]"] + [f"{q(k)} = {q(v)}" for k, v in self.aliases]
        return "\n".join(lines) + "\n"


def _toml_str(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest ``dedup.toml``, or ``pyproject.toml`` with ``[tool.dedup]``, from ``start`` upwards."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "dedup.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "tool" in (t := _read_toml(candidate)) and "dedup" in t["tool"]:
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as err:
        raise InputError(str(path), f"cannot read config ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(str(path), f"not valid TOML ({err})") from None
    except UnicodeDecodeError as err:  # tomllib decodes before parsing: a binary file is not a TOMLDecodeError
        raise InputError(str(path), f"not valid TOML (not UTF-8: {err.reason} at byte {err.start})") from None


def load_config(path: str | Path | None = None, *, search_from: str | Path | None = None) -> Config:
    """The config in ``path``, else the one found from ``search_from`` (the cwd), else the defaults."""
    if path is None:
        path = find_config(search_from)
        if path is None:
            return Config()
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such config file")
    data = _read_toml(path)
    table = data.get("tool", {}).get("dedup", {}) if path.name == "pyproject.toml" else data
    if path.name != "pyproject.toml" and "tool" in table and "dedup" in table["tool"]:
        table = table["tool"]["dedup"]  # a dedup.toml written with the pyproject header also works
    return config_from_table(table, source=str(path), base_dir=path.parent)


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, f"{key} must be a list of strings")
    return tuple(value)


def _rules(value: Any, key: str, where: str) -> tuple[str, ...]:
    names = _strings(value, key, where)
    for name in names:
        try:
            select(name)
        except UnknownRule as err:
            raise InputError(where, f"{key}: {err}") from None
    return names


def _severity(value: Any, where: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, Mapping):
        raise InputError(where, 'severity must be a table of RULE = "error" | "warning" | "info"')
    out: dict[str, Severity] = {}
    for name, level in value.items():
        if level not in SEVERITIES:
            raise InputError(where, f"severity.{name}: {level!r} is not one of error, warning, info")
        try:
            rules = select(name)
        except UnknownRule as err:
            raise InputError(where, f"severity: {err}") from None
        for rule in rules:
            out[rule.code] = level
    return tuple(sorted(out.items()))


def _licensed(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list):
        raise InputError(where, "licensed-sources must be a list of names (or lists of names for one outlet)")
    out = []
    for item in value:
        names = _strings(item, "licensed-sources", where)
        if not names or not all(n.strip() for n in names):
            raise InputError(where, "licensed-sources: empty outlet name")
        out.append(tuple(n.strip() for n in names))
    return tuple(out)


def _read_words_file(name: Any, base_dir: Path, where: str) -> tuple[str, ...]:
    if not isinstance(name, str):
        raise InputError(where, "words-file must be a path")
    path = base_dir / name
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(str(path), "words-file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read words-file ({err})") from None
    return tuple(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def config_from_table(table: Mapping[str, Any], *, source: str = "<config>", base_dir: Path | None = None) -> Config:
    """Validate a ``[tool.dedup]`` table into a ``Config``; an ``InputError`` names the first mistake."""
    base_dir = base_dir or Path.cwd()
    where = source
    known = {
        "fail_on",
        "select",
        "ignore",
        "severity",
        "aliases",
        "words",
        "words_file",
        "index",
        "licensed_sources",
        "source_threshold",
        "max_sources",
        "extend_select",
    }
    kw: dict[str, Any] = {"path": source}
    words: list[str] = []
    extend: list[str] = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise InputError(
                where,
                f"unknown key {raw_key!r} in [tool.dedup] "
                f"(known: {', '.join(sorted(k.replace('_', '-') for k in known))})",
            )
        if key == "fail_on":
            if value not in SEVERITIES:
                raise InputError(where, f"fail-on: {value!r} is not one of error, warning, info")
            kw["fail_on"] = value
        elif key in ("select", "ignore"):
            kw[key] = _rules(value, raw_key, where)
        elif key == "extend_select":
            extend += _rules(value, raw_key, where)
        elif key == "severity":
            kw["severity"] = _severity(value, where)
        elif key == "aliases":
            if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
                raise InputError(where, 'aliases must be a table of variant = "house form"')
            kw["aliases"] = tuple(sorted(value.items()))
        elif key == "words":
            words += _strings(value, raw_key, where)
        elif key == "words_file":
            words += _read_words_file(value, base_dir, where)
        elif key == "index":
            if not isinstance(value, str):
                raise InputError(where, "index must be a path")
            kw["index"] = str(base_dir / value)
        elif key == "licensed_sources":
            kw["licensed_sources"] = _licensed(value, where)
        elif key == "source_threshold":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1:
                raise InputError(where, "source-threshold must be a number in (0, 1]")
            kw["source_threshold"] = float(value)
        elif key == "max_sources":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(where, "max-sources must be a whole number >= 1")
            kw["max_sources"] = value
    if words:
        kw["words"] = tuple(dict.fromkeys(words))
    if extend:
        kw["select"] = tuple(dict.fromkeys(kw.get("select", Config().select) + tuple(extend)))
    return Config(**kw)


def parse_severity_options(items: tuple[str, ...]) -> tuple[tuple[str, Severity], ...]:
    """``--severity CODE=LEVEL`` options as config pairs; a mistake raises ``InputError``."""
    table = {}
    for item in items:
        name, sep, level = item.partition("=")
        if not sep:
            raise InputError(None, f"--severity {item!r}: expected RULE=error|warning|info")
        table[name.strip()] = level.strip()
    return _severity(table, "--severity")


def merge_severity(base: Config, extra: tuple[tuple[str, Severity], ...]) -> tuple[tuple[str, Severity], ...]:
    """The config's severity table with command-line entries on top."""
    merged = dict(base.severity)
    merged.update(extra)
    return tuple(sorted(merged.items()))


def check_rule_names(names: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Command-line rule selectors, checked: an unknown one raises ``InputError`` naming the option."""
    for name in names:
        try:
            select(name)
        except UnknownRule as err:
            raise InputError(None, f"{option}: {err}") from None
    return names
