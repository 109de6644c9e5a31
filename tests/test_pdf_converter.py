"""Slow: the persistent LibreOffice of ``PdfConverter`` (real LibreOffice, real UNO, real PDFs).

Its PDFs must read like those of the one-shot ``soffice --convert-to`` path (same text, same
pages); its processes and scratch must be gone after success, after a broken document and
after SIGTERM; and when it cannot work, the one-shot path must still deliver every PDF.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from orderforge.build import build_plan
from orderforge.docxtext import Table, read_blocks
from orderforge.pdf import PdfConverter, convert_many, find_soffice, uno_python

from .conftest import PLANS
from .test_libreoffice import page_sizes

pytestmark = [pytest.mark.slow, pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")]

EXAMPLES = sorted(p for p in PLANS.glob("*.yaml") if not p.name.endswith("directory.yaml"))
SRC = Path(__file__).resolve().parent.parent / "src"


def _has_uno() -> bool:
    python = uno_python(find_soffice() or "soffice")
    return python is not None and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0


needs_uno = pytest.mark.skipif(not _has_uno(), reason="no Python with LibreOffice's uno (tools/system-deps.sh)")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("docx")
    return [build_plan(plan, out).docx for plan in EXAMPLES]


@pytest.fixture(scope="module")
def reference(documents: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """The same documents through the one-shot path: what ``soffice --convert-to pdf`` makes of them."""
    out = tmp_path_factory.mktemp("reference")
    done = convert_many([(d, out / d.with_suffix(".pdf").name) for d in documents])
    assert len(done) == len(documents)
    return done


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temp folder the converter uses: it must be empty again afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain ``text`` (LibreOffice's names its profile folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in line and state != "Z":
            found.append(line)
    return found


def _sockets_of(text: str) -> set[Path]:
    """The /tmp/OSL_PIPE_* sockets held by processes whose command line contains ``text``: LibreOffice's
    own (its profile's single-instance pipe, the --accept pipe), which a killed LibreOffice leaves behind."""
    table = Path("/proc/net/unix").read_text().splitlines()[1:]
    by_inode = {f[6]: f[7] for f in map(str.split, table) if len(f) >= 8 and f[7].startswith("/tmp/OSL_PIPE_")}
    found: set[Path] = set()
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or text not in (entry / "cmdline").read_bytes().decode(errors="replace"):
                continue
            links = [os.readlink(fd) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        found |= {Path(by_inode[link[8:-1]]) for link in links if link[8:-1] in by_inode}
    return found


def _listening(text: str) -> set[Path]:
    """Both of LibreOffice's sockets, once it has made them."""
    deadline = time.monotonic() + 60
    while len(sockets := _sockets_of(text)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    return sockets


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _words(text: str) -> set[str]:
    """Words without punctuation: table columns interleave in the PDF's text."""
    return set(re.findall(r"\w+", text))


def _docx_words(docx: Path) -> set[str]:
    words: set[str] = set()
    for block in read_blocks(docx):
        cells = [c.text for row in block.rows for c in row] if isinstance(block, Table) else [block.text]
        words.update(w for text in cells for w in _words(text))
    return words


@needs_uno
def test_pdfs_read_like_the_one_shot_ones_and_nothing_is_left(documents: list[Path], reference: dict[Path, Path],
                                                              scratch: Path, tmp_path: Path) -> None:
    jobs = [(d, tmp_path / d.with_suffix(".pdf").name) for d in documents]
    with PdfConverter.start() as pdfs:
        for docx, pdf in jobs:
            pdfs.submit(docx, pdf)
        assert _processes_mentioning(str(scratch)), "LibreOffice runs while the converter is open"
        sockets = _listening(str(scratch))
        done = pdfs.wait()
        assert pdfs.retried == [], "every document went through the persistent LibreOffice"
    assert done == dict(jobs)
    for docx, pdf in jobs:
        assert _text(pdf) == _text(reference[docx]), docx.name
        assert len(page_sizes(pdf)) == len(page_sizes(reference[docx])) >= 2, docx.name
        text = _text(pdf)  # LibreOffice hyphenates: «рефлек-⏎сивные», «аналитико-⏎рефлексивные»
        printed = _words(re.sub(r"[-\u00ad\u2010]\n", "", text)) | _words(re.sub(r"[-\u00ad\u2010]\n", "-", text))
        glued = " ".join(printed)  # a non-breaking hyphen prints but does not reach pdftotext: «аналитикорефлексивные»
        missing = {word for word in _docx_words(docx) - printed if word not in glued}
        assert not missing, f"{docx.name}: words of the .docx absent from the PDF: {sorted(missing)[:10]}"
    assert _processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []
    assert sockets and not [s for s in sockets if s.exists()], "LibreOffice's sockets are gone with it"


@needs_uno
def test_a_broken_document_fails_alone(documents: list[Path], scratch: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a word document" * 20)
    jobs = [(documents[0], tmp_path / "a.pdf"), (broken, tmp_path / "broken.pdf"), (documents[1], tmp_path / "b.pdf")]
    said: list[str] = []
    with PdfConverter.start(progress=said.append) as pdfs:
        for docx, pdf in jobs:
            pdfs.submit(docx, pdf)
        done = pdfs.wait()
    assert done == {documents[0]: tmp_path / "a.pdf", documents[1]: tmp_path / "b.pdf"}
    assert pdfs.retried == [broken], "only the broken document was tried again the one-shot way"
    assert not (tmp_path / "broken.pdf").exists()
    for pdf in done.values():
        assert pdf.read_bytes().startswith(b"%PDF-")
    assert _processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("python", ["/nonexistent/python3", sys.executable], ids=["no-python", "python-without-uno"])
def test_without_uno_the_one_shot_path_converts(python: str, documents: list[Path], scratch: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORDERFORGE_UNO_PYTHON", python)
    jobs = [(d, tmp_path / d.with_suffix(".pdf").name) for d in documents[:2]]
    with PdfConverter.start() as pdfs:
        for docx, pdf in jobs:
            pdfs.submit(docx, pdf)
        done = pdfs.wait()
    assert done == dict(jobs)
    assert pdfs.retried == [d for d, _ in jobs]
    assert _processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []


CHILD = """
import sys
from pathlib import Path
from orderforge import signals
from orderforge.pdf import PdfConverter
signals.install()
try:
    with PdfConverter.start() as pdfs:
        for name in sys.argv[1:]:
            pdfs.submit(Path(name), Path(name).with_suffix(".pdf"))
        print("submitted", flush=True)
        pdfs.wait()
except signals.Terminated:
    sys.exit(143)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("when", ["starting", "listening"])
def test_an_interrupt_leaves_no_process_and_no_scratch(sig: signal.Signals, when: str, documents: list[Path],
                                                       tmp_path: Path) -> None:
    """Interrupted while LibreOffice starts or once it listens (and converts): everything it started is ended."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    copies = []
    for docx in documents:
        copy = tmp_path / docx.name
        copy.write_bytes(docx.read_bytes())
        copies.append(str(copy))
    env = dict(os.environ, TMPDIR=str(folder), PYTHONPATH=str(SRC))
    child = subprocess.Popen([sys.executable, "-c", CHILD, *copies], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "submitted\n"
    if when == "starting":
        time.sleep(0.3)
        sockets = _sockets_of(str(folder))
    else:
        sockets = _listening(str(folder))
        assert sockets
    assert _processes_mentioning(str(folder)), "LibreOffice was running when the signal came"
    child.send_signal(sig)
    _, err = child.communicate(timeout=60)
    assert child.returncode in (143, 130, 1, -sig), err  # 1: KeyboardInterrupt's traceback; the point is below
    assert _processes_mentioning(str(folder)) == []
    assert list(folder.iterdir()) == []
    assert not list(Path("/tmp").glob(f"OSL_PIPE_{os.getuid()}_orderforge-{child.pid}-*"))
    assert not [s for s in sockets if s.exists()], "LibreOffice's sockets are gone with it"
    for copy in copies:
        pdf = Path(copy).with_suffix(".pdf")
        assert not pdf.exists() or pdf.read_bytes()[:5] == b"%PDF-"


@needs_uno
def test_the_first_run_leaves_a_profile_seed_and_concurrent_runs_share_no_profile(
        documents: list[Path], scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new profile is made once and kept as a seed; two converters at once each copy it into their own
    scratch (one shared profile would make the second LibreOffice hand its work to the first)."""
    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    with PdfConverter.start() as pdfs:
        pdfs.submit(documents[0], tmp_path / "first.pdf")
        assert pdfs.wait() == {documents[0]: tmp_path / "first.pdf"}
    (seed,) = (tmp_path / "cache").iterdir()
    assert "ooSetupLastVersion" in (seed / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    self_test = seed / "user" / "GraphicsRenderTests.log"
    with PdfConverter.start() as one, PdfConverter.start() as two:
        one.submit(documents[1], tmp_path / "one.pdf")
        two.submit(documents[2], tmp_path / "two.pdf")
        assert two.wait() == {documents[2]: tmp_path / "two.pdf"}
        assert one.wait() == {documents[1]: tmp_path / "one.pdf"}
        assert one.retried == two.retried == []
        for run in (one, two):  # a seeded LibreOffice skips its graphics self-test (over a second before it listens)
            copied = run._profile / "user" / self_test.name
            assert copied.stat().st_mtime_ns == self_test.stat().st_mtime_ns, "the self-test ran again"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [seed.name], "no staged copy left"
    assert _processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []


def test_build_pdf_makes_every_pdf_and_leaves_nothing_running(workspace: Path) -> None:
    """The whole command, as a clerk runs it: every plan's PDF, then again only the one whose PDF is outdated."""
    folder = workspace / "tmp"
    folder.mkdir()
    env = dict(os.environ, TMPDIR=str(folder), PYTHONPATH=str(SRC))
    command = [sys.executable, "-m", "orderforge", "build", "--pdf", "-o", "out"]
    done = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdfs = sorted((workspace / "out").glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in EXAMPLES]
    assert all(p.read_bytes().startswith(b"%PDF-") and len(page_sizes(p)) >= 2 for p in pdfs)
    pdfs[0].unlink()
    again = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "PDF: 1 док." in again.stderr and pdfs[0].is_file()
    assert _processes_mentioning(str(folder)) == []
    assert list(folder.iterdir()) == []


@needs_uno
def test_orderforge_killed_outright_leaves_no_libreoffice(documents: list[Path], tmp_path: Path) -> None:
    """SIGKILL leaves orderforge no cleanup of its own: the helper, seeing its stdin end, ends LibreOffice."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    env = dict(os.environ, TMPDIR=str(folder), PYTHONPATH=str(SRC))
    child = subprocess.Popen([sys.executable, "-c", CHILD, *map(str, documents)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None and child.stdout.readline() == "submitted\n"
    assert _listening(str(folder))
    child.kill()
    child.wait()
    deadline = time.monotonic() + 30
    while _processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(folder)) == []
