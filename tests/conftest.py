"""Shared fixtures: paths of the repository and a temporary workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
TEMPLATES = ROOT / "src" / "orderforge" / "templates"  # the bundled house styles
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, as a clerk runs orderforge from the workspace."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example workspace (plans + templates) in a temporary folder."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path
