"""PDF through LibreOffice (headless), one document per conversion, each result checked.

A batch of many files in one ``soffice`` call was measured to stop silently
after 247 of 322 files, so every file is converted on its own and every PDF
is checked to exist and to start like a PDF. LibreOffice runs with a private
profile folder so that a clerk's open LibreOffice window does not block it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .diagnostics import UserError
from .write import write_atomic

INSTALL_HINT = (
    "установите LibreOffice: в Debian/Ubuntu — sudo apt-get install libreoffice-writer-nogui, "
    "в Windows — с сайта libreoffice.org; затем повторите команду"
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        Path("C:/Program Files/LibreOffice/program/soffice.exe"),
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ):
        if candidate.exists():
            return str(candidate)
    return None


def convert_to_pdf(docx: Path, pdf: Path, timeout: float = 180) -> Path:
    """Convert one .docx into ``pdf`` (written atomically); raises UserError when impossible."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError.simple("OF501", str(docx), "LibreOffice не найден, PDF не создан", INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="orderforge-pdf-") as scratch:
        profile = Path(scratch, "profile").as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", scratch, str(docx),
        ]
        env = dict(os.environ, HOME=scratch)
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, env=env)
        except subprocess.TimeoutExpired:
            raise UserError.simple("OF502", str(docx), f"LibreOffice не успел за {timeout:.0f} с", "") from None
        produced = Path(scratch, docx.with_suffix(".pdf").name)
        if not produced.is_file() or not produced.read_bytes()[:5] == b"%PDF-":
            raise UserError.simple("OF503", str(docx), "LibreOffice не создал PDF",
                                   "откройте .docx в LibreOffice вручную и проверьте, что он открывается")
        write_atomic(pdf, produced.read_bytes())
    return pdf
