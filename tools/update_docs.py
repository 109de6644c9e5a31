"""Regenerate the key references in the docs from the tables they describe.

docs/plan-format.md — from the plan schema (src/orderforge/spec.py);
docs/house-styles.md — from the table of style.yaml (src/orderforge/style.py).
"""

from pathlib import Path

from orderforge.specdoc import BEGIN, END, STYLE_BEGIN, STYLE_END, generated_block, style_block

DOCS = Path(__file__).resolve().parent.parent / "docs"

for name, begin, end, block in (("plan-format.md", BEGIN, END, generated_block()),
                                ("house-styles.md", STYLE_BEGIN, STYLE_END, style_block())):
    path = DOCS / name
    text = path.read_text(encoding="utf-8")
    start, stop = text.index(begin), text.index(end) + len(end)
    path.write_text(text[:start] + block + text[stop:], encoding="utf-8")
    print(f"updated {path}")
