"""PDF through LibreOffice (headless): one LibreOffice start per batch, every result checked.

Starting LibreOffice costs seconds. :class:`PdfConverter` starts it before the
documents exist (while ``build`` renders them) and converts each one through UNO
as soon as it is submitted; when that way is unavailable (no Python with LibreOffice's
``uno`` module) or fails, the documents go through the one-shot path below.

One-shot path: several documents go through one
``soffice --convert-to`` call; but a batch of 322 files in one call was
measured to stop silently after 247, so batches are kept small (``BATCH``),
every PDF is checked to exist and to start like a PDF, and a file the batch
skipped is retried on its own. LibreOffice runs with a private profile folder
so that a clerk's open LibreOffice window does not block it.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from .diagnostics import UserError
from .signals import deferred
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
    batch of several skipped are retried one by one, each retry said through ``progress``;
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
        if len(batch) == 1:  # it failed alone already: another start would only fail again
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
        _stop_office(process, asked_to_quit=False)
    return True


def _end_group(process: subprocess.Popen[Any]) -> None:
    """Kill what is left of the LibreOffice process group, and reap the launcher."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        pass
    process.wait()


#: How long the UNO helper waits for the LibreOffice it was started beside to listen.
CONNECT_SECONDS = 60
#: How long a LibreOffice asked to quit may take before it is killed.
QUIT_SECONDS = 10
HELPER = Path(__file__).with_name("unoconvert.py")


def uno_python(soffice: str) -> str | None:
    """A Python that can import LibreOffice's ``uno``: ``ORDERFORGE_UNO_PYTHON`` if set (a missing file there
    switches the persistent path off), else LibreOffice's own (Windows, macOS), else the system one (Debian's
    python3-uno). Whether ``uno`` really imports is learnt from the helper itself, at no extra start."""
    if "ORDERFORGE_UNO_PYTHON" in os.environ:
        chosen = os.environ["ORDERFORGE_UNO_PYTHON"]
        return chosen if chosen and Path(chosen).is_file() else None
    program = Path(soffice).resolve().parent
    for candidate in (program / "python.exe", program / "python", program.parent / "Resources" / "python",
                      Path("/usr/bin/python3")):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("python3")


class PdfConverter:
    """One LibreOffice, started before the documents exist, converting each as soon as it is submitted.

    LibreOffice needs over a second to start (a few tenths from a profile seed); ``build``
    needs about as long to render the documents. Started first, LibreOffice comes up while
    they are rendered, and each document goes to it as soon as it is written, so a build
    with PDF takes little longer than LibreOffice alone. Use only as a context manager
    (:meth:`start`): on leaving it, however that happens (success, an error, Ctrl+C, SIGTERM),
    LibreOffice and the helper are ended and the scratch folder is removed.
    """

    def __init__(self, soffice: str, scratch: Path, timeout: float, progress: Progress) -> None:
        self._soffice, self._scratch, self._timeout, self._say = soffice, scratch, timeout, progress
        self._jobs: dict[Path, tuple[Path, Path]] = {}  # docx → (pdf, where the helper writes it)
        self._pipe = f"orderforge-{os.getpid()}-{secrets.token_hex(4)}"
        self._office: subprocess.Popen[bytes] | None = None
        self._helper: subprocess.Popen[str] | None = None
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader: threading.Thread | None = None
        #: Documents that went the one-shot way, because the persistent LibreOffice could not convert them.
        self.retried: list[Path] = []
        self._complete = False  # the helper answered for every document, so it asks LibreOffice to quit
        self._profile = scratch / "profile"
        self._seed = profile_seed(soffice)

    @classmethod
    @contextmanager
    def start(cls, progress: Progress | None = None, timeout: float = 600,
              soffice: str | None = None) -> Iterator[PdfConverter]:
        """Start LibreOffice (``soffice``, else the one installed) and the UNO helper in the background;
        raises UserError without LibreOffice."""
        soffice = soffice or find_soffice()
        if soffice is None:
            raise UserError.simple("OF501", "pdf", "LibreOffice не найден, PDF не создан", INSTALL_HINT)
        with ExitStack() as stack:
            with deferred():  # no interrupt between creating the scratch folder and registering its removal
                scratch = Path(tempfile.mkdtemp(prefix="orderforge-pdf-"))
                stack.callback(shutil.rmtree, scratch, ignore_errors=True)
            converter = cls(soffice, scratch, timeout, progress or (lambda message: None))
            stack.callback(converter._stop, graceful=False)
            converter._launch()
            yield converter

    def submit(self, docx: Path, pdf: Path) -> None:
        """Queue ``docx`` for conversion into ``pdf``; LibreOffice takes it up as soon as it is free."""
        if docx in self._jobs:
            return
        staged = self._scratch / "out" / f"{len(self._jobs)}.pdf"
        self._jobs[docx] = (pdf, staged)
        if self._helper is None or self._helper.stdin is None:
            return
        try:
            self._helper.stdin.write(json.dumps({"source": str(docx.resolve()), "target": str(staged)}) + "\n")
            self._helper.stdin.flush()
        except (OSError, ValueError):  # the helper is gone: wait() hands its documents to the one-shot path
            self._stop(graceful=False)

    def wait(self) -> dict[Path, Path]:
        """{docx: pdf} of every submitted document that was converted, checked and written.

        What the persistent LibreOffice could not convert goes through the one-shot path
        (``convert_many``), so a failure there costs time, not the PDF; what fails both ways
        is absent from the result, and the caller reports it.
        """
        deadline = time.monotonic() + self._timeout
        done = self._collect(deadline)
        self._stop(graceful=True)
        rest = [(docx, pdf) for docx, (pdf, _) in self._jobs.items() if docx not in done]
        if rest and time.monotonic() >= deadline:
            for docx, _ in rest:
                self._say(f"{docx}: LibreOffice не уложился в {self._timeout:.0f} с — документ слишком велик для "
                          "PDF за один приём; разделите план или откройте .docx в LibreOffice и сохраните PDF вручную")
        elif rest:
            self.retried = [docx for docx, _ in rest]
            done.update(convert_many(rest, timeout=max(deadline - time.monotonic(), 60), progress=self._say))
        return done

    def _launch(self) -> None:
        """LibreOffice first (it is the long pole), then the helper that connects to it once it listens."""
        (self._scratch / "tmp").mkdir()
        (self._scratch / "out").mkdir()
        python = uno_python(self._soffice)
        if python is None:  # no way to feed a persistent LibreOffice: wait() goes the one-shot way
            return
        env = dict(os.environ, HOME=str(self._scratch), TMPDIR=str(self._scratch / "tmp"))
        _copy_seed(self._seed, self._profile)
        command = [self._soffice, f"-env:UserInstallation={self._profile.as_uri()}", "--headless",
                   "--invisible", "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={self._pipe};urp;"]
        with deferred():  # a process started is a process registered for ending
            self._office = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        helper_env = {k: v for k, v in env.items() if k not in ("PYTHONHOME", "PYTHONPATH")}
        with deferred():
            self._helper = subprocess.Popen([python, str(HELPER), self._pipe, str(CONNECT_SECONDS),
                                             str(self._office.pid)],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=helper_env, text=True,
                                            encoding="utf-8", start_new_session=True)
        self._reader = threading.Thread(target=self._read, args=(self._helper,), daemon=True)
        self._reader.start()

    def _read(self, helper: subprocess.Popen[str]) -> None:
        """Forward the helper's answers to the main thread; None when it has said all it will say."""
        assert helper.stdout is not None
        try:
            for line in helper.stdout:
                try:
                    self._answers.put(json.loads(line))
                except ValueError:
                    continue
        except (OSError, ValueError):
            pass
        finally:
            self._answers.put(None)

    def _collect(self, deadline: float) -> dict[Path, Path]:
        """Answers from the helper until every document has one, the helper ends, or time runs out."""
        done: dict[Path, Path] = {}
        if self._helper is None:
            return done
        if self._helper.stdin is not None:  # no more documents: the helper asks LibreOffice to quit when done
            try:
                self._helper.stdin.close()
            except OSError:
                pass
        answered = 0
        by_source = {str(docx.resolve()): docx for docx in self._jobs}
        while answered < len(self._jobs) and time.monotonic() < deadline:
            try:
                answer = self._answers.get(timeout=0.2)
            except queue.Empty:
                if self._office is not None and self._office.poll() is not None:
                    _end_group(self._helper)  # LibreOffice is gone: read what the helper said, the rest goes one-shot
                continue
            if answer is None or answer.get("event") == "fatal":
                break
            docx = by_source.get(str(answer.get("source")))
            if docx is None:
                continue
            answered += 1
            pdf, staged = self._jobs[docx]
            if answer.get("ok") and staged.is_file() and staged.read_bytes()[:5] == b"%PDF-":
                write_atomic(pdf, staged.read_bytes())
                done[docx] = pdf
        self._complete = bool(self._jobs) and answered == len(self._jobs)
        return done

    def _stop(self, graceful: bool) -> None:
        """End the helper and LibreOffice, and remove the sockets a killed LibreOffice leaves in /tmp.

        LibreOffice is killed, not asked to quit (that takes it a few tenths of a second):
        the PDFs are written by then and its profile is scratch. Only a run that has no
        profile seed yet, and ends ``graceful``, lets it quit as asked, so that its
        profile is whole and becomes the seed.
        """
        helper, office = self._helper, self._office
        self._helper = self._office = None
        seeding = graceful and self._complete and self._seed is not None and not self._seed.exists()
        if helper is not None:
            self._stop_helper(helper, seeding)
        if office is not None:
            _stop_office(office, seeding)
            if seeding and office.returncode == 0:
                _save_seed(self._profile, self._seed)

    def _stop_helper(self, helper: subprocess.Popen[str], graceful: bool) -> None:
        """Close its stdin (so it asks LibreOffice to quit), give it the time when ``graceful``, then end it."""
        if helper.stdin is not None:
            try:
                helper.stdin.close()
            except OSError:
                pass
        if graceful:
            try:
                helper.wait(timeout=QUIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        _end_group(helper)
        if self._reader is not None:
            self._reader.join(timeout=QUIT_SECONDS)
        if helper.stdout is not None:
            helper.stdout.close()


def _stop_office(office: subprocess.Popen[bytes], asked_to_quit: bool) -> None:
    """Let a LibreOffice that was asked to quit do so; kill what is left of its process group, first
    stopped, so that the sockets it listens on (which a killed LibreOffice leaves in /tmp) are known."""
    import signal

    if asked_to_quit:
        try:
            office.wait(timeout=QUIT_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    sockets: list[Path] = []
    if office.returncode is None and hasattr(signal, "SIGSTOP"):
        try:
            os.killpg(office.pid, signal.SIGSTOP)
            sockets = _office_sockets(office.pid)
        except (ProcessLookupError, PermissionError):
            pass
    _end_group(office)
    for socket in sockets:
        socket.unlink(missing_ok=True)


def _office_sockets(group: int) -> list[Path]:
    """The /tmp/OSL_PIPE_* sockets that processes of ``group`` listen on (Linux; elsewhere none are found)."""
    try:
        table = Path("/proc/net/unix").read_text(encoding="ascii", errors="replace").splitlines()[1:]
    except OSError:
        return []
    by_inode = {fields[6]: fields[7] for fields in map(str.split, table)
                if len(fields) >= 8 and fields[7].startswith("/tmp/OSL_PIPE_")}
    found: list[Path] = []
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or os.getpgid(int(proc.name)) != group:
                continue
            for fd in (proc / "fd").iterdir():
                inode = os.readlink(fd).removeprefix("socket:[").removesuffix("]")
                if inode in by_inode:
                    found.append(Path(by_inode[inode]))
        except OSError:
            continue
    return found

#: Part of the seed's name: a seed made by an older orderforge lacks what a newer one puts in (the version
#: LibreOffice started with, see unoconvert._remember_version), so it is not used, and a new one is made.
SEED_FORMAT = 2


def profile_seed(soffice: str) -> Path | None:
    """Where a LibreOffice profile made by an earlier run is kept, one per LibreOffice installation.

    A new profile costs LibreOffice a few tenths of a second on its first start (it
    writes its configuration and registers its extensions), and a profile that has not
    recorded the LibreOffice version run in it makes every start run the graphics self-test
    (over a second; headless LibreOffice never records the version itself, the helper does,
    see ``unoconvert._remember_version``). A copy of a seed starts in about 0.2 s.
    Each run copies the seed into its own scratch
    folder, so concurrent runs never share a profile (LibreOffice would hand one run's
    documents to the other's process). It lives in the user cache folder (:func:`.paths.cache_dir`)
    with the other things orderforge may forget. None when LibreOffice's program cannot be
    found or there is no home to keep a cache in.
    """
    import hashlib

    from .paths import cache_dir

    try:
        program = Path(soffice).resolve()
        stamp = f"{SEED_FORMAT}:{program}:{program.stat().st_mtime_ns}"
        folder = cache_dir()
    except (OSError, RuntimeError):
        return None
    return folder / f"libreoffice-profile-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"


def _copy_seed(seed: Path | None, profile: Path) -> None:
    """The seed copied into ``profile``; a missing or unreadable seed only means a fresh profile."""
    if seed is None or not seed.is_dir():
        return
    try:
        shutil.copytree(seed, profile, symlinks=True)
    except (OSError, shutil.Error):
        shutil.rmtree(profile, ignore_errors=True)


def _save_seed(profile: Path, seed: Path | None) -> None:
    """Keep ``profile`` as the seed, if there is none yet: copied aside, then renamed into place
    (atomic, so a concurrent run sees no seed or a whole one; the loser of a race drops its copy)."""
    if seed is None or seed.exists() or not profile.is_dir():
        return
    staged = seed.with_name(f".{seed.name}.{secrets.token_hex(4)}")
    try:
        seed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(profile, staged, symlinks=True)
        os.rename(staged, seed)
    except (OSError, shutil.Error):
        shutil.rmtree(staged, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
