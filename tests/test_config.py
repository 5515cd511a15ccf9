"""Lint configuration: found by walking up, validated, round-tripped, and overridden by the command line."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner
from lint_fakes import install

from dedup.cli import cli
from dedup.config import Config, config_from_table, find_config, load_config
from dedup.errors import InputError
from dedup.rules import RULES

PYPROJECT = textwrap.dedent("""
    [project]
    name = "newsroom"

    [tool.dedup]
    fail-on = "warning"
    ignore = ["ATT"]
    words = ["Galleotti"]
    words-file = "words.txt"
    licensed-sources = ["Reuters", ["AP", "Associated Press"]]
    max-sources = 5

    [tool.dedup.severity]
    NAM001 = "info"
    QUO = "error"

    [tool.dedup.aliases]
    kiev = "kyiv"
""")


@pytest.fixture
def newsroom(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "words.txt").write_text("# house words\nMailOnline\n\nZaporizhzhia\n", encoding="utf-8")
    deep = tmp_path / "desk" / "drafts"
    deep.mkdir(parents=True)
    return tmp_path, deep


def test_found_by_walking_up_and_read(newsroom):
    root, deep = newsroom
    assert find_config(deep) == root / "pyproject.toml"
    cfg = load_config(search_from=deep)
    assert cfg.fail_on == "warning"
    assert cfg.words == ("Galleotti", "MailOnline", "Zaporizhzhia")
    assert cfg.index is None
    assert cfg.licensed_sources == (("Reuters",), ("AP", "Associated Press"))
    assert cfg.severity_of("NAM001") == "info" and cfg.severity_of("QUO002") == "error"
    assert cfg.max_sources == 5
    assert "ATT001" not in cfg.enabled_codes() and "NAM001" in cfg.enabled_codes()
    assert dict(cfg.aliases) == {"kiev": "kyiv"}


def test_dedup_toml_wins_and_pyproject_without_table_is_skipped(newsroom, tmp_path):
    root, deep = newsroom
    (deep / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    assert find_config(deep) == root / "pyproject.toml"
    (deep.parent / "dedup.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert find_config(deep) == deep.parent / "dedup.toml"
    assert load_config(search_from=deep).fail_on == "info"


def test_no_config_gives_defaults(tmp_path):
    if find_config(tmp_path) is not None:
        pytest.skip(f"a config above the temporary folder: {find_config(tmp_path)}")
    assert load_config(search_from=tmp_path) == Config()
    assert Config().enabled_codes() == frozenset(r.code for r in RULES)


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"fail_on": "fatal"}, "fail-on"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"ignore": ["NAM999"]}, "NAM999"),
        ({"severity": {"NAM001": "loud"}}, "severity.NAM001"),
        ({"words": "ok", "licensed-sources": "Reuters"}, "licensed-sources"),
        ({"max-sources": 0}, "max-sources"),
        ({"words-file": "missing.txt"}, "words-file not found"),
    ],
)
def test_mistakes_name_the_file_and_the_key(table, problem, tmp_path):
    with pytest.raises(InputError) as err:
        config_from_table(table, source="cfg.toml", base_dir=tmp_path)
    assert problem in str(err.value)


def test_index_path_is_relative_to_the_config_file(tmp_path):
    cfg = config_from_table({"index": "archive/news.db"}, source="x", base_dir=tmp_path)
    assert cfg.index == str(tmp_path / "archive/news.db")


def test_missing_index_exits_2_naming_it(tmp_path, monkeypatch):
    pytest.importorskip("dedup.index.sources")
    install(monkeypatch)
    (tmp_path / "dedup.toml").write_text('index = "gone.db"\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("Fine words.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["lint", "d.md"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "gone.db" in res.output


def test_no_archive_ignores_the_configured_index(tmp_path, monkeypatch):
    install(monkeypatch)
    (tmp_path / "dedup.toml").write_text('index = "gone.db"\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("Fine words.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["lint", "d.md", "--no-archive"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["lint", "d.md", "--no-archive", "--against", "x.db"])
    assert res.exit_code == 2 and res.output.count("\n") == 1


def test_broken_toml_is_one_clear_error(tmp_path):
    (tmp_path / "dedup.toml").write_text("fail-on = \n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(search_from=tmp_path)


def test_round_trip_through_toml(newsroom, tmp_path):
    root, _ = newsroom
    cfg = load_config(root / "pyproject.toml")
    out = tmp_path / "again" / "pyproject.toml"
    out.parent.mkdir()
    out.write_text(cfg.to_toml(), encoding="utf-8")
    again = load_config(out)
    assert again == cfg


def test_command_line_beats_file(newsroom, monkeypatch):
    install(monkeypatch)
    root, deep = newsroom
    draft = deep / "d.md"
    draft.write_text("Prof Galleotti spoke. The beleagured army.\n", encoding="utf-8")
    monkeypatch.chdir(deep)
    runner = CliRunner()
    # File: "Galleotti" is a house word, fail-on warning -> the misspelling fails the run.
    res = runner.invoke(cli, ["lint", "d.md"])
    assert res.exit_code == 1 and "SPL001" in res.output and "NAM001" not in res.output
    # Command line: the misspelling downgraded to info, so nothing reaches warning.
    res = runner.invoke(cli, ["lint", "d.md", "--severity", "SPL001=info"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["lint", "d.md", "--fail-on", "error", "--severity", "SPL001=warning"])
    assert res.exit_code == 0
    # --isolated ignores the file: both typos are errors again.
    res = runner.invoke(cli, ["lint", "d.md", "--isolated"])
    assert res.exit_code == 1 and "NAM001" in res.output
    res = runner.invoke(cli, ["lint", "d.md", "--show-config", "--ignore", "SPL"])
    assert res.exit_code == 0 and 'ignore = ["ATT", "SPL"]' in res.output


def test_bad_config_exits_2_in_one_line(tmp_path, monkeypatch):
    install(monkeypatch)
    (tmp_path / "dedup.toml").write_text('select = ["BOGUS1"]\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("Fine words.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["lint", "d.md"])
    assert res.exit_code == 2
    assert res.output.count("\n") == 1 and "dedup.toml" in res.output and "BOGUS1" in res.output


def test_config_aliases_reach_the_normaliser(tmp_path, monkeypatch):
    from dedup import lint as lint_mod
    from dedup.text import normalise_word

    seen = {}

    def spy(article, *, source=None, extra_words=(), aliases=None):
        seen["norm"] = normalise_word("Dnipropetrovsk")
        seen["aliases"] = aliases
        return ()

    install(monkeypatch)
    import sys
    monkeypatch.setattr(sys.modules["dedup.spelling"], "check_spelling", spy)
    from dedup.ingest import article_from_text

    cfg = Config(aliases=(("dnipropetrovsk", "dnipro"),))
    lint_mod.lint([article_from_text("Dnipropetrovsk today.\n", "a.txt")], cfg)
    assert seen == {"norm": "dnipro", "aliases": {"dnipropetrovsk": "dnipro"}}
    assert normalise_word("Dnipropetrovsk") == "dnipropetrovsk"  # restored after the run
