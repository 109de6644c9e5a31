"""Regenerate the key reference in docs/plan-format.md from the schema (src/orderforge/spec.py)."""

from pathlib import Path

from orderforge.specdoc import BEGIN, END, generated_block

path = Path(__file__).resolve().parent.parent / "docs" / "plan-format.md"
text = path.read_text(encoding="utf-8")
start, end = text.index(BEGIN), text.index(END) + len(END)
path.write_text(text[:start] + generated_block() + text[end:], encoding="utf-8")
print(f"updated {path}")
