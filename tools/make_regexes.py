"""Make src/orderforge/regexcode/<python>.txt: the programs ``re`` compiles orderforge's own patterns into.

Why: Python compiles a regex in pure Python (re._parser, re._compiler), and a first build of 1,000
activities or a ``validate`` spent about a tenth of its time compiling the same patterns every run
(issue 12). lazyre.precompiled hands a shipped program to ``_sre.compile`` as ``re`` does, for the
CPython whose engine made it; any other Python compiles as usual.

Run ``python tools/make_regexes.py`` after adding or changing a pattern (tests/test_regexcode.py fails
until then) and with each CPython version the project supports, which gets a table of its own.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import orderforge  # noqa: E402
from orderforge import lazyre  # noqa: E402


def patterns() -> list[tuple[str, int]]:
    """Every pattern orderforge's modules make at import (lazy or not), and those made while every example
    plan is validated and built and every import fixture imported (a schema's, a call's own:
    lazyre.pattern_for), in a stable order."""
    import gc

    for module in pkgutil.walk_packages(orderforge.__path__, "orderforge."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    _run_examples()
    lazy = {(p.pattern, p.flags) for p in gc.get_objects() if isinstance(p, lazyre.LazyPattern)}
    return sorted(lazy | set(lazyre.REQUESTED))


def _run_examples() -> None:
    import os
    import tempfile

    from orderforge.build import build_plan

    with tempfile.TemporaryDirectory() as folder:
        os.environ["ORDERFORGE_CACHE_DIR"] = str(Path(folder) / "cache")
        for plan in sorted((ROOT / "plans").glob("*.yaml")):
            if not plan.name.endswith("directory.yaml"):
                build_plan(plan, Path(folder))
        _run_imports(Path(folder))


def _run_imports(folder: Path) -> None:
    """Import every fixture document twice, its style made from it and with a built-in one: the patterns
    the importer and stylegen make at run time (issue 11: import of 1,000 rows at most 2× validate)."""
    import os

    from orderforge import import_docx
    from orderforge.diagnostics import UserError

    here = os.getcwd()
    os.chdir(folder)
    try:
        for n, docx in enumerate(sorted((ROOT / "tests" / "fixtures" / "import").glob("*.docx"))):
            for style in (None, "kaliningrad-committee"):
                try:
                    import_docx(docx, Path(f"plans/{n}-{style}.yaml"), style=style, force=True)
                except UserError:
                    pass  # a document without a plan table: its patterns are made before it is refused
    finally:
        os.chdir(here)


def made() -> str:
    """The table's text for this Python."""
    lines = [json.dumps({"engine": lazyre.table_header(), "python": sys.version.split()[0]})]
    lines += [f"{json.dumps(f'{int(flags)}:{pattern}')}\t{json.dumps(lazyre.program(pattern, flags))}"
              for pattern, flags in patterns()]
    return "\n".join(lines) + "\n"


def main() -> None:
    path = Path(lazyre.table_path())
    path.parent.mkdir(exist_ok=True)
    text = made()
    path.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} patterns in {path}")


if __name__ == "__main__":
    main()
