"""Commands over many plans: validate every plan, build every plan (skip unchanged, ``-j N``, one PDF batch).

The CLI names the plans and prints; what happens to each plan, in which
order, and which exit code the whole batch earns lives here, so a script gets
the same behaviour as ``orderforge build``. Progress goes through a
:data:`Say` callback — the library never prints — and its lines are the
clerk's Russian, as the command shows them.

Only :mod:`.diagnostics` is imported at module level: ``validate`` goes
through here and must stay lean; building, the build cache and LibreOffice
load when a build needs them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from .diagnostics import Diagnostic, Report, failure_reason
from .slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    from .build import Outcome
    from .buildcache import BuildCache
    from .pdf import PdfConverter

#: A long batch tells how far it got every PROGRESS_EVERY plans, from PROGRESS_FROM plans on.
PROGRESS_FROM = 50
PROGRESS_EVERY = 25


if TYPE_CHECKING:  # a protocol only the type checker reads: typing stays off validate's path
    class Say(Protocol):
        """Where a batch tells its progress: ``say(line)`` for results, ``say(line, err=True)`` for the rest."""

        def __call__(self, line: str, /, err: bool = False) -> None: ...


def say_diagnostics(say: Say, diagnostics: Iterable[Diagnostic], err: bool = True) -> None:
    for diagnostic in diagnostics:
        say(diagnostic.format(), err=err)


def validate_files(files: list[Path], report: Report, say: Say) -> Report:
    """Load and check every plan into ``report``; a long batch says how far it got (on stderr)."""
    from .planfile import load_plan

    for index, path in enumerate(files, start=1):
        load_plan(path, report)
        if len(files) > PROGRESS_FROM and index % PROGRESS_EVERY == 0:
            say(f"проверено планов: {index} из {len(files)}", err=True)
    return report


class BuildOptions(Slotted):
    """Every choice of ``orderforge build`` besides the plans (``jobs`` None: by the number of cores)."""

    __slots__ = ("out_dir", "pdf", "force", "jobs")
    out_dir: Path
    pdf: bool
    force: bool
    jobs: int | None

    def __init__(self, out_dir: Path, pdf: bool = False, force: bool = False, jobs: int | None = None) -> None:
        self.out_dir = out_dir
        self.pdf = pdf
        self.force = force
        self.jobs = jobs


class _Batch(Slotted):
    """What a build batch has done so far: documents to convert to PDF and the exit codes of failures."""

    __slots__ = ("files", "built", "failures", "pdfs", "numbers")
    files: list[Path]
    numbers: dict[Path, int]  # each plan's number in the batch, 1-based: said before each of its lines
    built: list[Path]
    failures: list[int]
    pdfs: PdfConverter | None  # the LibreOffice already started for ``--pdf``, fed as documents appear

    def __init__(
        self,
        files: list[Path],
        built: list[Path] | None = None,
        failures: list[int] | None = None,
        pdfs: PdfConverter | None = None,
    ) -> None:
        self.files = files
        self.numbers = {}
        for number, path in enumerate(files, 1):  # a plan named twice keeps its first number
            self.numbers.setdefault(path, number)
        self.built = [] if built is None else built
        self.failures = [] if failures is None else failures
        self.pdfs = pdfs

    def needs_pdf(self, document: Path) -> None:
        """Queue a document for its PDF; a running LibreOffice starts on it at once."""
        self.built.append(document)
        if self.pdfs is not None:
            self.pdfs.submit(document, document.with_suffix(".pdf"))

    def pdf_early(self, outcome: Outcome) -> None:
        """A document just rendered goes to the running LibreOffice at once, before the plans listed
        before it are done (``needs_pdf`` then finds it queued already)."""
        if self.pdfs is not None and outcome.result is not None:
            self.pdfs.submit(outcome.result.docx, outcome.result.docx.with_suffix(".pdf"))

    def prefix(self, path: Path) -> str:
        """«[3/50] » before a plan's line in a batch of several plans."""
        return f"[{self.numbers[path]}/{len(self.files)}] " if len(self.files) > 1 else ""

    @property
    def exit_code(self) -> int:
        # a plan with errors outranks a missing file: 1 if any plan was wrong, else 2 for the environment
        return min(self.failures) if self.failures else 0


def build_files(files: list[Path], options: BuildOptions, say: Say) -> int:
    """Build every plan into ``options.out_dir``; unchanged ones are skipped unless ``force``.

    A failed plan does not stop the others. The exit code is 0 when every
    document (and PDF) was made, 1 when a plan has errors, 2 when only the
    environment failed (a missing file, LibreOffice).
    """
    with ExitStack() as stack:
        batch = _Batch(files)
        if options.pdf:  # started first: LibreOffice's own start-up runs while the documents render
            batch.pdfs = _start_pdf_converter(stack, say)
        _build_batch(files, options, batch, say)
        return batch.exit_code


def _start_pdf_converter(stack: ExitStack, say: Say) -> PdfConverter | None:
    """A LibreOffice of our own for the whole batch, ended when the batch ends; None when there is none.

    The one place the build looks for LibreOffice: the converter is handed what was found."""
    from .pdf import PdfConverter, find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None  # make_pdfs says how to install it
    return stack.enter_context(PdfConverter.start(progress=lambda line: say(line, err=True), soffice=soffice))


def _build_batch(files: list[Path], options: BuildOptions, batch: _Batch, say: Say) -> None:
    from .buildcache import BuildCache

    cache = BuildCache(options.out_dir)
    todo: dict[Path, str] = {}
    _build_changed(_changed_plans(files, options, cache, batch, say, todo), todo, options, cache, batch, say)
    cache.save()
    if options.pdf and batch.built and make_pdfs(batch.built, say, batch.pdfs):
        batch.failures.append(2)


def _changed_plans(files: list[Path], options: BuildOptions, cache: BuildCache, batch: _Batch, say: Say,
                   todo: dict[Path, str]) -> Iterator[Path]:
    """The plans to render, one by one as their inputs are checked (their keys go to ``todo``).

    Lazy so that the workers of ``-j N`` start on the first changed plans while the rest are still
    checked; an unchanged plan is said to be skipped as it is met."""
    from .buildcache import inputs_key, options_of

    for path in files:
        key = inputs_key(path, options_of(options.out_dir))
        target = options.out_dir / f"{path.stem}.docx"
        if options.force or not cache.is_current(path, key, target):
            todo[path] = key
            yield path
            continue
        say(f"{batch.prefix(path)}{path} → {target}: не изменился, пропущен (--force — собрать заново)")
        if options.pdf and pdf_outdated(target):
            batch.needs_pdf(target)


def _build_changed(changed: Iterator[Path], todo: dict[Path, str], options: BuildOptions, cache: BuildCache,
                   batch: _Batch, say: Say) -> None:
    """Render the plans that changed (in parallel processes), in plan order, and record each in the cache.

    No process pool starts unless two plans changed (:func:`build.build_many`)."""
    from .build import build_many, default_jobs

    # never more workers than plans: a pool starts all of its workers at once, each importing the render stack
    jobs = min(options.jobs or default_jobs(len(batch.files)), len(batch.files))
    if jobs <= 1:  # one process: every plan is checked before the first renders, as the lines have always come
        changed = iter(list(changed))
    for outcome in build_many(changed, options.out_dir, jobs, finished=batch.pdf_early):
        path, prefix = outcome.path, batch.prefix(outcome.path)
        if outcome.result is None:
            cache.forget(path)
            batch.failures.append(outcome.exit_code)
            say_diagnostics(say, outcome.diagnostics)
            say(f"{prefix}{path}: документ не собран — {failure_reason(outcome.diagnostics)}", err=True)
            continue
        cache.record(path, todo[path], outcome.result.docx)
        say_diagnostics(say, outcome.result.warnings)
        say(f"{prefix}{path} → {outcome.result.docx} ({outcome.seconds:.1f} с)")
        if options.pdf:
            batch.needs_pdf(outcome.result.docx)


def pdf_outdated(document: Path) -> bool:
    """A skipped document still needs its PDF when there is none or it is older than the document."""
    pdf = document.with_suffix(".pdf")
    return not pdf.is_file() or pdf.stat().st_mtime_ns < document.stat().st_mtime_ns


def make_pdfs(documents: list[Path], say: Say, pdfs: PdfConverter | None = None) -> int:
    """PDF for every built document, in one LibreOffice batch; the number of documents left without one.

    The only place a build converts to PDF. With ``pdfs`` (a LibreOffice
    started before rendering, already fed every document) it waits for it;
    else one ``convert_many`` batch. Without LibreOffice it says how to get
    it and counts nothing as failed: the .docx are written.
    """
    from .pdf import INSTALL_HINT, convert_many, find_soffice

    if pdfs is None and find_soffice() is None:  # a running converter has found LibreOffice already
        say(f"PDF не создан: LibreOffice не найден; {INSTALL_HINT}. Документы .docx записаны.", err=True)
        return 0
    started = time.perf_counter()
    say(f"PDF: {len(documents)} док. через LibreOffice…", err=True)
    if pdfs is not None:
        done = pdfs.wait()
    else:
        done = convert_many([(d, d.with_suffix(".pdf")) for d in documents],
                            progress=lambda line: say(line, err=True))
    for document in documents:
        if document in done:
            say(f"{document} → {done[document]}")
        else:
            say(f"{document}: ошибка OF503: LibreOffice не создал PDF", err=True)
    say(f"PDF готовы за {time.perf_counter() - started:.1f} с", err=True)
    return len(documents) - len(done)
