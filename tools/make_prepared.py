"""Make src/orderforge/prepared/<SHA-256>.json: what each bundled style's template.docx alone decides.

Why: a first build's marker document otherwise pays for a strict parse of every XML part, the template
dialect's rewriting, Jinja's lexer, parser and code generator, and re-parsing parts python-docx writes back
unchanged, for templates that never change between builds (issue 12; templateprep.py says what is kept).

Run ``python tools/make_prepared.py`` after changing a bundled template, wordtags.py, bodyrender.py, the
sandbox or render.make_env, or after upgrading lxml or Jinja; tests/test_prepared.py fails when the shipped
files are not what this script makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from orderforge import templateprep  # noqa: E402

TEMPLATES = ROOT / "src" / "orderforge" / "templates"


def made() -> dict[str, str]:
    """File name → text of every record, for every bundled style's template."""
    files: dict[str, str] = {}
    for template in sorted(TEMPLATES.glob("*/template.docx")):
        record = templateprep.make_record(template.read_bytes(), template)
        files[f"{record['sha256']}.json"] = templateprep.dumps(record)
    return files


def main() -> None:
    folder = templateprep.FOLDER
    folder.mkdir(exist_ok=True)
    files = made()
    for old in folder.glob("*.json"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} records in {folder}")


if __name__ == "__main__":
    main()
