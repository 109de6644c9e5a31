"""Slow: ``pip install .`` (not editable) into a fresh venv works from an empty folder.

The venv is a real one (no system site-packages): orderforge's dependencies come
from the package index or pip's cache, as on a clerk's machine. The source is
copied first (the files git tracks or would track), so a stale ``build/`` in the
working tree cannot leak into the wheel, and nothing is written into the tree.
A committee's style package is then installed with pip into the same venv.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge.docxtext import docx_text

from .conftest import ROOT, TEMPLATES
from .test_style_packages import MARK, STYLE, plan_in_style, write_style_package

pytestmark = pytest.mark.slow


def _source_copy(target: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with orderforge installed by ``pip install <source>`` (a wheel built from it)."""
    base = tmp_path_factory.mktemp("install")
    source = _source_copy(base / "source")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    pip = subprocess.run([str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(source)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    return base / "venv"


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "orderforge"), *args], cwd=cwd, capture_output=True, text=True)


def _site_package(venv: Path) -> Path:
    code = "import orderforge, pathlib; print(pathlib.Path(orderforge.__file__).parent)"
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=venv, capture_output=True, text=True,
                         check=True).stdout.strip()
    return Path(out)


def test_init_and_build_in_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    package = _site_package(venv)
    assert package.is_relative_to(venv) and "site-packages" in package.parts  # installed, not the source tree
    assert _run(venv, tmp_path, "init", "ws", "--style", "kaliningrad-committee").returncode == 0
    workspace = tmp_path / "ws"
    assert not (workspace / "templates").exists()  # the style comes from the installed package
    checked = _run(venv, workspace, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = _run(venv, workspace, "build")
    assert built.returncode == 0, built.stderr
    (document,) = (workspace / "output").glob("*.docx")
    assert "П Р И К А З" in docx_text(document).replace("\xa0", " ")  # the Kaliningrad style's spaced kind


def test_the_compiled_yaml_reader_is_built_where_libyaml_headers_are(venv: Path) -> None:
    """setup.py builds orderforge._yamlc into the wheel (make installs libyaml-dev); optional elsewhere."""
    if not Path("/usr/include/yaml.h").is_file():
        pytest.skip("libyaml's headers are not installed here: the reader is optional (setup.py)")
    probe = "import orderforge._yamlc as c; print(c.tree('a: 1', 'p.yaml', 50).get('a').value)"
    done = subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=venv, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr


def test_the_wheel_ships_exactly_the_bundled_styles(venv: Path, tmp_path: Path) -> None:
    shipped = _site_package(venv) / "templates"
    files = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())  # noqa: E731
    assert files(shipped) == files(TEMPLATES)
    listing = _run(venv, tmp_path, "styles").stdout
    for style in sorted(p.name for p in TEMPLATES.iterdir()):
        assert f"встроенный: {shipped / style}" in listing


def test_a_style_package_installed_with_pip_is_listed_and_builds(venv: Path, tmp_path: Path) -> None:
    source = write_style_package(tmp_path / "mycommittee-style")
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(source)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "plans", workspace / "plans")
    listing = _run(venv, workspace, "styles")
    assert listing.returncode == 0, listing.stderr
    assert f"{STYLE} " in listing.stdout and "Энский комитет по образованию" in listing.stdout
    assert "пакет mycommittee: " + str(venv) in listing.stdout
    plan_in_style(workspace, STYLE)
    built = _run(venv, workspace, "build", "plans/kaliningrad-committee-2026.yaml")
    assert built.returncode == 0, built.stderr
    assert MARK in docx_text(workspace / "output" / "kaliningrad-committee-2026.docx")
