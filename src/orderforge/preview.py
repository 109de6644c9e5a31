"""``orderforge preview``: PNG pages of a plan's document, to look at it without Word."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .diagnostics import UserError


def preview_plan(plan_path: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Build into a scratch folder, convert to PDF, rasterise with pdftoppm; returns the PNG pages."""
    from .build import build_plan
    from .pdf import convert_to_pdf

    if shutil.which("pdftoppm") is None:
        raise UserError.simple("OF504", "pdftoppm", "не найдена программа pdftoppm",
                               "установите poppler-utils: sudo apt-get install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="orderforge-preview-") as scratch:
        docx = build_plan(plan_path, Path(scratch)).docx
        pdf = convert_to_pdf(docx, Path(scratch) / "document.pdf")
        out_dir.mkdir(parents=True, exist_ok=True)
        for old in out_dir.glob("page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / "page")], check=True,
                       capture_output=True)
    return sorted(out_dir.glob("page-*.png"))
