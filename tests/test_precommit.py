"""The pre-commit hook: installed in a throwaway git repository, it blocks a draft with a misspelled name.

The hook definition is taken from the repository's own ``.pre-commit-hooks.yaml``
(id, files, types, require_serial) and run as a ``repo: local`` hook with
``language: system`` pointing at the installed ``dedup``, so pre-commit needs no
network to build an environment. Needs git, pre-commit and the real spelling checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # comes with pre-commit
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    exe = BIN / name
    return str(exe) if exe.exists() else shutil.which(name)


def test_manifest_is_valid_and_serial():
    pre_commit = _tool("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["dedup-lint"]
    assert hooks[0]["require_serial"] is True and hooks[0]["entry"] == "dedup lint"
    res = subprocess.run([pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


BODY = (
    "Mark Galeotti, a professor at University College London, said the offensive had stalled.\n\n"
    "Galeotti said the Kremlin was worried about the mobilisation. Galeotti added that it would "
    "take months to train the new recruits.\n\n"
    "\"It is a grim winter,\" Galeotti said.\n"
)


def test_hook_blocks_a_misspelled_name_and_lets_the_fix_through(tmp_path):
    pytest.importorskip("dedup.spelling")
    pytest.importorskip("dedup.names")
    pre_commit, dedup, git = _tool("pre-commit"), _tool("dedup"), shutil.which("git")
    if not (pre_commit and dedup and git):
        pytest.skip("needs pre-commit, git and the installed dedup command")
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = {k: hook[k] for k in ("id", "name", "files", "types", "require_serial")}
    local.update(entry=f"{dedup} lint", language="system")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    (repo / "dedup.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.invalid",
        "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.invalid",
    }

    def sh(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=300)

    assert sh(git, "init", "-q", "-b", "main").returncode == 0
    assert sh(pre_commit, "install").returncode == 0
    sh(git, "add", ".pre-commit-config.yaml", "dedup.toml")
    assert sh(git, "commit", "-q", "-m", "config").returncode == 0  # no draft staged: the hook is skipped

    draft = repo / "drafts" / "galeotti.md"
    draft.parent.mkdir()
    draft.write_text(BODY.replace("Galeotti added", "Galleotti added"), encoding="utf-8")
    sh(git, "add", "drafts/galeotti.md")
    blocked = sh(git, "commit", "-m", "draft")
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    output = blocked.stdout + blocked.stderr  # git shows the hook's output on stderr
    assert "name_variant NAM001" in output and '"Galleotti"' in output
    assert sh(git, "log", "--oneline").stdout.count("\n") == 1  # only the config commit

    draft.write_text(BODY, encoding="utf-8")
    sh(git, "add", "drafts/galeotti.md")
    passed = sh(git, "commit", "-m", "draft, name fixed")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert sh(git, "log", "--oneline").stdout.count("\n") == 2
