"""The developer's checks: the pre-commit hooks run the project's own ruff and mypy, offline."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from ruamel.yaml import YAML

from .conftest import ROOT


def test_pre_commit_hooks_are_local_and_run_the_venvs_ruff_and_mypy() -> None:
    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"  # nothing to download
    entries = {hook["id"]: shlex.split(hook["entry"]) for hook in repo["hooks"]}
    assert [e[:2] for e in entries.values()] == [[".venv/bin/ruff", "check"], [".venv/bin/mypy"]]
    assert all(hook["language"] == "system" for hook in repo["hooks"])
    # the tools the hooks name are the ones `make install` puts into the venv (the test extras)
    venv_bin = Path(sys.executable).parent
    for command in entries.values():
        assert (venv_bin / Path(command[0]).name).is_file(), command
