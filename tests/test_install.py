"""Slow: the built wheel works from any folder — templates and starter files ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_builds_from_an_unrelated_folder(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("orderforge-*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    run = lambda *args: subprocess.run([sys.executable, "-m", "orderforge", *args], cwd=work, env=env,  # noqa: E731
                                       capture_output=True, text=True)
    located = subprocess.run([sys.executable, "-c", "import orderforge; print(orderforge.__file__)"], cwd=work,
                             env=env, capture_output=True, text=True, check=True).stdout
    assert located.startswith(str(target))
    assert run("init", "ws", "--style", "kaliningrad-committee").returncode == 0
    built = subprocess.run([sys.executable, "-m", "orderforge", "build"], cwd=work / "ws", env=env,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert (work / "ws" / "output").glob("*.docx")
    styles = run("styles").stdout
    assert str(target) in styles
