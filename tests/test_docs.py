"""docs/plan-format.md embeds the key reference generated from the schema; it must be current."""

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
