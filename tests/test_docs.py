"""The docs must not drift from the code: the generated format reference, the codes, the README's module
table and the make targets the docs tell a reader to run."""

from __future__ import annotations

from orderforge.specdoc import BEGIN, END, generated_block

from .conftest import ROOT


def test_plan_format_reference_is_generated_from_the_schema() -> None:
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == generated_block(), "run: python tools/update_docs.py"


def test_every_diagnostic_code_is_documented() -> None:
    import re

    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "orderforge").rglob("*.py"))
    used = set(re.findall(r'"(OF[12]\d\d|OF00\d|OF01\d)"', sources))
    documented = set(re.findall(r"\| (OF\d{3}) \|", text))
    assert used <= documented, sorted(used - documented)


def _readme_pipeline_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("| step | module |")
    return readme[start:readme.index("\n\n", start)]


def test_the_readme_module_table_names_every_module_and_only_real_ones() -> None:
    """A module added, renamed or split shows in the README's table (issue 14: the README once named a
    schema.py of «~300 lines» that had grown to 488, and modules that no longer existed)."""
    import re

    named = set(re.findall(r"`([a-z_]+(?:\.py|/))`", _readme_pipeline_table()))
    package = ROOT / "src" / "orderforge"
    modules = {p.name for p in package.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    packages = {f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()}
    inside = {p.name for p in package.glob("*/*.py")}  # a package's own modules may be named in its row
    assert sorted((modules | packages) - named) == [], "name these in README's pipeline table"
    assert sorted(named - modules - packages - inside - {"templates/"}) == [], "the README names what is gone"


def test_every_make_target_the_docs_mention_exists() -> None:
    import re

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    docs = [ROOT / "README.md", ROOT / "pyproject.toml", *(ROOT / "docs").glob("*.md")]
    mentioned = {m for path in docs for m in re.findall(r"\bmake ([a-z][a-z-]*)", path.read_text(encoding="utf-8"))}
    assert sorted(mentioned - targets) == []
