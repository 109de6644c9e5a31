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
from collections.abc import Callable
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


Progress = Callable[[str], None]


def convert_many(jobs: list[tuple[Path, Path]], timeout: float = 600,
                 progress: Progress | None = None) -> dict[Path, Path]:
    """Convert several .docx files through one LibreOffice process per batch.

    Returns {docx: pdf} for every file that was converted and checked. Files a
    batch skipped are retried one by one, each retry said through ``progress``;
    a single file that ran out of time is not retried (it would only run out of
    time again). What still fails is absent from the result; the caller reports it.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError.simple("OF501", jobs[0][0].name if jobs else "pdf", "LibreOffice не найден, PDF не создан",
                               INSTALL_HINT)
    say = progress or (lambda message: None)
    done: dict[Path, Path] = {}
    batches = range(0, len(jobs), BATCH)
    for number, start in enumerate(batches, start=1):
        batch = jobs[start:start + BATCH]
        if len(batches) > 1:
            say(f"PDF: пакет {number} из {len(batches)} ({len(batch)} док.)…")
        converted, finished = _run_batch(soffice, batch, timeout)
        done.update(converted)
        missed = [job for job in batch if job[0] not in done]
        if not finished and len(batch) == 1:
            say(f"{batch[0][0]}: LibreOffice не уложился в {timeout:.0f} с — документ слишком велик для PDF "
                "за один приём; разделите план или откройте .docx в LibreOffice и сохраните PDF вручную")
            continue
        for job in missed:
            say(f"{job[0]}: LibreOffice пропустил документ в пакете — повторяю отдельно")
            done.update(_run_batch(soffice, [job], timeout)[0])
    return done


def _run_batch(soffice: str, jobs: list[tuple[Path, Path]], timeout: float) -> tuple[dict[Path, Path], bool]:
    """({docx: pdf} converted and checked, whether LibreOffice finished in time)."""
    names = [docx.with_suffix(".pdf").name for docx, _ in jobs]
    if len(set(names)) != len(names):  # same file name from two folders: one at a time
        result: dict[Path, Path] = {}
        finished = True
        for job in jobs:
            one, in_time = _run_batch(soffice, [job], timeout)
            result.update(one)
            finished = finished and in_time
        return result, finished
    with tempfile.TemporaryDirectory(prefix="orderforge-pdf-") as scratch:
        finished = run_soffice(soffice, [docx for docx, _ in jobs], "pdf", Path(scratch), timeout)
        converted: dict[Path, Path] = {}
        for (docx, pdf), name in zip(jobs, names, strict=True):
            produced = Path(scratch, name)
            if produced.is_file() and produced.read_bytes()[:5] == b"%PDF-":
                write_atomic(pdf, produced.read_bytes())
                converted[docx] = pdf
        return converted, finished


def run_soffice(soffice: str, sources: list[Path], target: str, outdir: Path, timeout: float) -> bool:
    """``soffice --convert-to target`` of ``sources`` into ``outdir``, with a private profile (in
    ``outdir``) and HOME, so a clerk's open LibreOffice window neither blocks nor is disturbed.
    False when LibreOffice did not finish in time; the caller checks what was produced."""
    outdir = outdir.resolve()
    profile = Path(outdir, "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir), *(str(source) for source in sources)]
    # its own process group: LibreOffice's launcher starts soffice.bin as a child, and a timeout, Ctrl+C or
    # SIGTERM must end both, never leave a LibreOffice behind
    scratch = outdir / "tmp"  # its own temp files (lu*.tmp) live and die with the scratch folder, even when killed
    scratch.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=dict(os.environ, HOME=str(outdir), TMPDIR=str(scratch)),
                               start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    finally:
        _end_group(process)
    return True


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the LibreOffice process group, and reap the launcher."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        pass
    process.wait()
