"""Shared fixtures: paths of the repository and a temporary workspace."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
TEMPLATES = ROOT / "src" / "orderforge" / "templates"  # the bundled house styles
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

# validate remembers the dictionary's doubts in the user's cache folder (doubtcache.py): tests keep their own,
# inherited by the commands they start, and never read or fill the user's
os.environ["ORDERFORGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="orderforge-test-cache-")
atexit.register(shutil.rmtree, os.environ["ORDERFORGE_CACHE_DIR"], True)


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, as a clerk runs orderforge from the workspace."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def empty_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled styles and an empty plans/, for tests that write their own plans (import)."""
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def execution_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example workspace with its execution records (reports/), for status, report, export and collect."""
    for folder in ("plans", "reports"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example workspace (plans + templates) in a temporary folder."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Hypothesis profiles of the property tests of the commands that rewrite a clerk's file
# (tests/test_rewrite_properties.py): «rewrite-fast» in the fast run, «rewrite-ci» (2,000 examples) in the
# tests marked slow, which CI runs. ORDERFORGE_PROPERTY_EXAMPLES overrides the count of the slow ones.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large,
          HealthCheck.filter_too_much]
settings.register_profile("rewrite-fast", max_examples=50, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("rewrite-ci", max_examples=int(os.environ.get("ORDERFORGE_PROPERTY_EXAMPLES", "2000")),
                          deadline=None, suppress_health_check=_QUIET, print_blob=True)
