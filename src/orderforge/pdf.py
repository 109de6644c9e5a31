"""PDF through LibreOffice (headless): one LibreOffice start per batch, every result checked.

Starting LibreOffice costs seconds, so several documents go through one
``soffice --convert-to`` call; but a batch of 322 files in one call was
measured to stop silently after 247, so batches are kept small (``BATCH``),
every PDF is checked to exist and to start like a PDF, and a file the batch
skipped is retried on its own. LibreOffice runs with a private profile folder
so that a clerk's open LibreOffice window does not block it.
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
    converted = convert_many([(docx, pdf)], timeout=timeout)
    if docx not in converted:
        raise UserError.simple("OF503", str(docx), "LibreOffice не создал PDF",
                               "откройте .docx в LibreOffice вручную и проверьте, что он открывается")
    return pdf


BATCH = 40  # files per LibreOffice start; a batch of 322 was seen to stop silently after 247


def convert_many(jobs: list[tuple[Path, Path]], timeout: float = 600) -> dict[Path, Path]:
    """Convert several .docx files through one LibreOffice process per batch.

    Returns {docx: pdf} for every file that was converted and checked. Files the
    batch silently skipped are retried one by one; what still fails is absent
    from the result, and the caller reports it.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError.simple("OF501", jobs[0][0].name if jobs else "pdf", "LibreOffice не найден, PDF не создан",
                               INSTALL_HINT)
    done: dict[Path, Path] = {}
    for start in range(0, len(jobs), BATCH):
        batch = jobs[start:start + BATCH]
        done.update(_run_batch(soffice, batch, timeout))
        for job in batch:
            if job[0] not in done:
                done.update(_run_batch(soffice, [job], timeout / 4))
    return done


def _run_batch(soffice: str, jobs: list[tuple[Path, Path]], timeout: float) -> dict[Path, Path]:
    names = [docx.with_suffix(".pdf").name for docx, _ in jobs]
    if len(set(names)) != len(names):  # same file name from two folders: one at a time
        result: dict[Path, Path] = {}
        for job in jobs:
            result.update(_run_batch(soffice, [job], timeout))
        return result
    with tempfile.TemporaryDirectory(prefix="orderforge-pdf-") as scratch:
        if not run_soffice(soffice, [docx for docx, _ in jobs], "pdf", Path(scratch), timeout):
            return {}
        converted: dict[Path, Path] = {}
        for (docx, pdf), name in zip(jobs, names, strict=False):
            produced = Path(scratch, name)
            if produced.is_file() and produced.read_bytes()[:5] == b"%PDF-":
                write_atomic(pdf, produced.read_bytes())
                converted[docx] = pdf
        return converted


def run_soffice(soffice: str, sources: list[Path], target: str, outdir: Path, timeout: float) -> bool:
    """``soffice --convert-to target`` of ``sources`` into ``outdir``, with a private profile (in
    ``outdir``) and HOME, so a clerk's open LibreOffice window neither blocks nor is disturbed.
    False when LibreOffice did not finish in time; the caller checks what was produced."""
    outdir = outdir.resolve()
    profile = Path(outdir, "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir), *(str(source) for source in sources)]
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                       env=dict(os.environ, HOME=str(outdir)))
    except subprocess.TimeoutExpired:
        return False
    return True
