"""Where styles come from: the workspace's templates/, installed style packages, the bundled ones.

A committee publishes its house style as a Python package with an entry point in the
group ``orderforge.styles``; after ``pip install`` it is found by name. Here the
installed package is a real distribution on sys.path (its .dist-info is what pip
writes), found through importlib.metadata as any installed one; tests/test_install.py
installs one with pip into a fresh venv.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.docxtext import docx_text
from orderforge.stylesources import BUNDLED, WORKSPACE, StyleSource, found_styles, package_sources

from .conftest import PLANS, ROOT, TEMPLATES

PACKAGE = "mycommittee_style"
STYLE = "ensk-committee"
MARK = "(Энск)"  # the package's style writes the order number with it: proof that this style built the document


def write_style_package(root: Path, entry_value: str = f"{PACKAGE}:templates") -> Path:
    """A style package's source tree, as a committee would publish it: pyproject + one style folder."""
    style = root / PACKAGE / "templates" / STYLE
    shutil.copytree(TEMPLATES / "kaliningrad-committee", style)
    text = (style / "style.yaml").read_text(encoding="utf-8")
    text = text.replace("number_format: № {number}", "number_format: № {number}" + MARK)
    text = text.replace("name: Комитет по образованию", "name: Энский комитет по образованию")
    (style / "style.yaml").write_text(text, encoding="utf-8")
    assert MARK in text
    (root / PACKAGE / "__init__.py").write_text('"""Энский комитет: стиль оформления для orderforge."""\n')
    (root / "pyproject.toml").write_text(f"""\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "mycommittee-style"
version = "1.0"

[project.entry-points."orderforge.styles"]
mycommittee = "{entry_value}"

[tool.setuptools]
packages = ["{PACKAGE}"]

[tool.setuptools.package-data]
{PACKAGE} = ["templates/*/*.yaml", "templates/*/*.docx"]
""", encoding="utf-8")
    return root


def plan_in_style(workspace: Path, style: str) -> Path:
    """The Kaliningrad example plan, set to another style."""
    path = workspace / "plans" / "kaliningrad-committee-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert "style: kaliningrad-committee\n" in text
    path.write_text(text.replace("style: kaliningrad-committee\n", f"style: {style}\n"), encoding="utf-8")
    return path


def _install_unpacked(site: Path, entries: dict[str, str]) -> None:
    """What pip leaves in site-packages: the package and a .dist-info naming its entry points."""
    info = site / "mycommittee_style-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mycommittee-style\nVersion: 1.0\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(f"[orderforge.styles]\n{lines}")


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    """Each test installs its own copy of the package: forget the one found (and imported) before."""
    sys.modules.pop(PACKAGE, None)
    package_sources.cache_clear()
    yield
    sys.modules.pop(PACKAGE, None)
    package_sources.cache_clear()


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The style package installed (unpacked, as pip does) into a folder on sys.path."""
    site = tmp_path / "site"
    source = write_style_package(tmp_path / "src")
    shutil.copytree(source / PACKAGE, site / PACKAGE)
    _install_unpacked(site, {"mycommittee": f"{PACKAGE}:templates", "broken": "no_such_package:templates",
                             "nofolder": f"{PACKAGE}:missing"})
    monkeypatch.syspath_prepend(str(site))
    return site


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with plans but no templates/ of its own."""
    shutil.copytree(PLANS, tmp_path / "ws" / "plans")
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def test_bundled_styles_are_inside_the_package_and_say_so(bare: Path) -> None:
    import orderforge

    found = found_styles(bare)
    assert {"kaliningrad-committee", "baltiysk-department", "gymnasium", "district-plan"} <= set(found)
    package_dir = Path(orderforge.__file__).resolve().parent
    for style in found.values():
        assert style.origin == BUNDLED
        assert style.folder.parent == package_dir / "templates"


def test_workspace_style_comes_first_and_is_labelled(bare: Path) -> None:
    shutil.copytree(TEMPLATES / "gymnasium", bare / "templates" / "gymnasium")
    found = found_styles(bare)
    assert found["gymnasium"].origin == WORKSPACE
    assert found["gymnasium"].folder == (bare / "templates" / "gymnasium").resolve()
    assert found["district-plan"].origin == BUNDLED
    output = CliRunner().invoke(main, ["styles"]).output
    assert f"{WORKSPACE}: {(bare / 'templates' / 'gymnasium').resolve()}" in output
    assert f"{BUNDLED}: " in output


def test_installed_style_package_is_listed_with_its_origin(installed: Path, bare: Path) -> None:
    found = found_styles(bare)
    assert found[STYLE].origin == "пакет mycommittee"
    assert found[STYLE].folder == installed / PACKAGE / "templates" / STYLE
    result = CliRunner().invoke(main, ["styles"])
    assert result.exit_code == 0, result.output
    assert "Энский комитет по образованию" in result.output
    assert f"пакет mycommittee: {installed / PACKAGE / 'templates' / STYLE}" in result.output
    # entry points whose package or folder is missing are skipped, not fatal
    assert [s.origin for s in package_sources()] == ["пакет mycommittee"]


def test_a_plan_in_an_installed_style_builds_in_that_style(installed: Path, bare: Path) -> None:
    plan_in_style(bare, STYLE)
    assert CliRunner().invoke(main, ["validate", "plans/kaliningrad-committee-2026.yaml"]).exit_code == 0
    result = CliRunner().invoke(main, ["build", "plans/kaliningrad-committee-2026.yaml"])
    assert result.exit_code == 0, result.output
    assert MARK in docx_text(bare / "output" / "kaliningrad-committee-2026.docx")


def test_search_order_workspace_then_package_then_bundled(installed: Path, bare: Path, tmp_path: Path) -> None:
    # the package also ships a style named like a bundled one: the package's wins
    shutil.copytree(installed / PACKAGE / "templates" / STYLE, installed / PACKAGE / "templates" / "gymnasium")
    assert found_styles(bare)["gymnasium"].origin == "пакет mycommittee"
    # and the clerk's own copy in the workspace wins over both
    shutil.copytree(TEMPLATES / "kaliningrad-committee", bare / "templates" / STYLE)
    found = found_styles(bare)
    assert found[STYLE].origin == WORKSPACE
    assert found["gymnasium"].origin == "пакет mycommittee"
    assert found["district-plan"].origin == BUNDLED


def test_entry_point_without_a_folder_names_the_package_itself(tmp_path: Path, bare: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(write_style_package(tmp_path / "src") / PACKAGE, site / PACKAGE)
    (site / PACKAGE / "templates").rename(site / PACKAGE / "styles_here")
    shutil.move(str(site / PACKAGE / "styles_here" / STYLE), str(site / PACKAGE / STYLE))
    _install_unpacked(site, {"plain": PACKAGE})
    monkeypatch.syspath_prepend(str(site))
    found = found_styles(bare)
    assert found[STYLE].origin == "пакет plain"
    assert found[STYLE].folder == site / PACKAGE / STYLE


def test_validate_of_a_bundled_style_reads_no_package_metadata() -> None:
    """importlib.metadata costs ~50 ms to import: validate needs it only for a style neither local nor built in."""
    code = ("import sys\nfrom click.testing import CliRunner\nfrom orderforge.cli import main\n"
            "result = CliRunner().invoke(main, ['validate', 'plans/zyryansky-2025.yaml'])\n"
            "assert result.exit_code == 0, result.output\nprint('importlib.metadata' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_entry_points_are_scanned_again_only_when_something_is_installed(
        installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """importlib.metadata costs a third of a build that skips every plan: its answer is remembered,
    keyed by the mtimes of the sys.path folders that an install or removal changes."""
    import os

    import orderforge.stylesources as sources

    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    scans: list[tuple[StyleSource, ...]] = []
    real_scan = sources._scan_entry_points
    monkeypatch.setattr(sources, "_scan_entry_points", lambda: scans.append(real_scan()) or scans[-1])

    first = package_sources()
    package_sources.cache_clear()  # as a new process would
    second = package_sources()
    assert [s.origin for s in first] == ["пакет mycommittee"] and second == first and len(scans) == 1

    shutil.rmtree(installed / "mycommittee_style-1.0.dist-info")  # uninstalled
    stamp = installed.stat().st_mtime_ns + 1_000_000
    os.utime(installed, ns=(stamp, stamp))  # a coarse clock must not hide the change
    package_sources.cache_clear()
    assert package_sources() == () and len(scans) == 2

    (tmp_path / "cache" / "style-packages.json").write_text("{broken", encoding="utf-8")
    package_sources.cache_clear()
    assert package_sources() == () and len(scans) == 3


def test_the_metadata_scan_is_skipped_only_when_no_installed_package_names_the_group(
        installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build of a bundled style need not import importlib.metadata when no dist-info names
    ``orderforge.styles``; as soon as one does, the full scan runs and finds it (precedence unchanged)."""
    import subprocess

    import orderforge.stylesources as sources

    assert sources._may_have_style_entry_points()
    assert [s.origin for s in sources._scan_entry_points()] == ["пакет mycommittee"]
    monkeypatch.syspath_prepend(str(tmp_path / "site.zip"))
    (tmp_path / "site.zip").write_bytes(b"")
    shutil.rmtree(installed / "mycommittee_style-1.0.dist-info")
    assert sources._may_have_style_entry_points()  # a zip on sys.path: the full scan decides
    script = ("import sys, orderforge.stylesources as s; from importlib.metadata import entry_points; "
              "quick = s._may_have_style_entry_points(); "
              "assert quick or not entry_points(group=s.ENTRY_POINT_GROUP); print(quick)")
    plain = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert plain.stdout.strip() == "False"  # this environment installs no style package
    lean = subprocess.run([sys.executable, "-c", "import sys, orderforge.stylesources as s; "
                           "assert s._scan_entry_points() == (); print('importlib.metadata' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    assert lean.stdout.strip() == "False"
