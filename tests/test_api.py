"""The public API: what a script imports from ``orderforge`` itself, documented in docs/api.md."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

API_DOC = ROOT / "docs" / "api.md"


def test_a_script_importing_only_from_orderforge_builds_a_plan(workspace: Path) -> None:
    from orderforge import UserError, build_docx_bytes, build_plan, load_plan

    plan, report = load_plan(Path("plans/baltiysk-2024.yaml"))
    assert plan is not None and not report.has_errors, [d.format() for d in report.errors]
    data = build_docx_bytes(plan)
    result = build_plan(Path("plans/baltiysk-2024.yaml"), Path("out"))
    assert result.docx == Path("out/baltiysk-2024.docx")
    assert result.docx.read_bytes() == data  # the same document, written whole

    import docx  # python-docx only reads the result back

    text = "\n".join(p.text for p in docx.Document(str(result.docx)).paragraphs)
    assert plan.order is not None and plan.order.number in text
    with pytest.raises(UserError) as caught:
        build_plan(Path("plans/missing.yaml"), Path("out"))
    assert caught.value.exit_code == 2 and [d.code for d in caught.value.diagnostics] == ["OF001"]


def test_import_orderforge_loads_none_of_its_modules() -> None:
    """Only the few lines that import each public name on first use (lazyexports) come with the package."""
    code = "import sys, orderforge; print(sorted(m for m in sys.modules if m.startswith('orderforge.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['orderforge.lazyexports']"


def test_every_public_name_resolves_and_only_those() -> None:
    import orderforge

    for name in orderforge.__all__:
        assert getattr(orderforge, name).__name__ == name, name
        assert name in dir(orderforge)
    with pytest.raises(AttributeError):
        orderforge.no_such_function  # noqa: B018
    # the documentation lists every public name
    doc = API_DOC.read_text(encoding="utf-8")
    assert [n for n in orderforge.__all__ if f"`{n}" not in doc and f" {n}(" not in doc] == []


def test_the_cli_takes_public_names_from_the_package() -> None:
    """The cli package imports a public function from ``orderforge``, not from the module behind it."""
    import orderforge

    behind = []
    for source in sorted((ROOT / "src" / "orderforge" / "cli").glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        behind += [(source.name, node.module, alias.name) for node in ast.walk(tree)
                   if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module
                   and node.module != "diagnostics" for alias in node.names if alias.name in orderforge.__all__]
    assert behind == []


def test_the_example_in_docs_api_runs(workspace: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S)
    example = next(b for b in blocks if "build_plan(" in b)
    done = subprocess.run([sys.executable, "-c", example], cwd=workspace, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (workspace / "output" / "zyryansky-2025.docx").is_file()
    assert (workspace / "plans" / "zyryansky-2026.yaml").is_file()
    assert "2 ['OF001']" in done.stdout
    assert "период: «2025-2026 учебный год» → «2026-2027 учебный год»" in done.stdout
