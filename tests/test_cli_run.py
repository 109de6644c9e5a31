"""How every command runs: its return value is the exit code; a user mistake is a Russian diagnostic, not a traceback.

The mechanism is tested on throwaway commands made the way the real ones are
(``@group.command()`` on a :class:`~orderforge.cli.app.Group`), then on the
real ``orderforge`` in a separate process, and the multi-plan build of
:mod:`orderforge.batch` is tested without the CLI.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from orderforge import batch
from orderforge.cli import main
from orderforge.cli.app import Command, Group
from orderforge.diagnostics import UserError

from .conftest import ROOT


def probe(body: BaseException | int | None) -> click.testing.Result:
    """Run a one-command group whose command returns ``body`` or raises it."""

    @click.group(cls=Group)
    def top() -> None:
        """Проба."""

    @top.command()
    def act() -> int | None:
        if isinstance(body, BaseException):
            raise body
        return body

    return CliRunner().invoke(top, ["act"])


@pytest.mark.parametrize("code", [0, 1, 2])
def test_the_returned_number_is_the_exit_code(code: int) -> None:
    result = probe(code)
    assert result.exit_code == code and result.output == ""


def test_a_command_that_returns_nothing_succeeds_as_in_plain_click() -> None:
    result = probe(None)
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize("exit_code", [1, 2])
def test_a_user_error_is_its_diagnostic_and_its_exit_code(exit_code: int) -> None:
    error = UserError.simple("OF999", "plans/x.yaml", "план не найден", "укажите другой файл", exit_code=exit_code)
    result = probe(error)
    assert result.exit_code == exit_code
    assert "plans/x.yaml: ошибка OF999: план не найден" in result.output
    assert "укажите другой файл" in result.output and "Traceback" not in result.output


def test_an_environment_failure_is_exit_2_in_russian() -> None:
    result = probe(PermissionError(13, "Permission denied", "output/x.docx"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "output/x.docx" in result.output and "ошибка" in result.output


def test_an_interrupt_is_said_and_exits_130() -> None:
    result = probe(KeyboardInterrupt())
    assert result.exit_code == 130 and "прервано" in result.output


def test_a_bug_is_not_swallowed() -> None:
    """Only user and environment errors become diagnostics: a programming error stays visible."""
    result = probe(ZeroDivisionError("bug"))
    assert isinstance(result.exception, ZeroDivisionError)


def every_command(group: click.Group = main) -> list[click.Command]:
    found: list[click.Command] = []
    for command in group.commands.values():
        found += every_command(command) if isinstance(command, click.Group) else [command]
    return found


def test_every_command_runs_through_the_mechanism_with_russian_help() -> None:
    commands = every_command()
    assert len(commands) >= 20
    assert [c.name for c in commands if not isinstance(c, Command)] == []
    assert all(c.options_metavar == "[ПАРАМЕТРЫ]" and c.context_settings["help_option_names"] == ["-h", "--help"]
               for c in commands)


def test_a_missing_plan_in_a_real_process_is_exit_2_in_russian_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "orderforge", "validate", "нет-такого.yaml"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2 and "нет-такого.yaml: ошибка OF001: файл не найден" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_plan_errors_in_a_real_process_are_exit_1() -> None:
    done = subprocess.run([sys.executable, "-m", "orderforge", "validate", "tests/fixtures/bad/five-mistakes.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "ошибок: 5" in done.stdout and "Traceback" not in done.stderr


class Lines:
    """A :class:`orderforge.batch.Say` that keeps what was said."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.err: list[str] = []

    def __call__(self, line: str, err: bool = False) -> None:
        (self.err if err else self.out).append(line)


def test_build_files_skips_unchanged_plans_and_sends_one_pdf_batch(workspace: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    plans = [Path("plans/zyryansky-2025.yaml"), Path("plans/baltiysk-2024.yaml")]
    batches: list[list[Path]] = []
    monkeypatch.setattr(batch, "_start_pdf_converter", lambda stack, say: None)  # no LibreOffice in a fast test
    monkeypatch.setattr(batch, "make_pdfs", lambda documents, say, pdfs: batches.append(documents) or 0)
    first = Lines()
    assert batch.build_files(plans, batch.BuildOptions(Path("out"), pdf=True, jobs=1), first) == 0
    assert [line.split(" (")[0] for line in first.out] == [
        "[1/2] plans/zyryansky-2025.yaml → out/zyryansky-2025.docx",
        "[2/2] plans/baltiysk-2024.yaml → out/baltiysk-2024.docx"]
    second = Lines()
    assert batch.build_files(plans, batch.BuildOptions(Path("out"), pdf=True, jobs=1), second) == 0
    assert all("не изменился, пропущен" in line for line in second.out) and len(second.out) == 2
    # one call per build; the skipped documents still go, since they have no PDF yet
    assert batches == [[Path("out/zyryansky-2025.docx"), Path("out/baltiysk-2024.docx")]] * 2


def test_build_files_goes_on_after_a_bad_plan_and_exits_1(workspace: Path) -> None:
    bad = Path("plans/bad.yaml")
    bad.write_text("style: [\n", encoding="utf-8")
    said = Lines()
    code = batch.build_files([bad, Path("plans/zyryansky-2025.yaml")], batch.BuildOptions(Path("out"), jobs=1), said)
    assert code == 1 and Path("out/zyryansky-2025.docx").is_file() and not Path("out/bad.docx").exists()
    assert any(line.startswith("[1/2] plans/bad.yaml: документ не собран") for line in said.err)


def test_without_libreoffice_the_pdf_step_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orderforge.pdf

    monkeypatch.setattr(orderforge.pdf, "find_soffice", lambda: None)
    said = Lines()
    assert batch.make_pdfs([tmp_path / "x.docx"], said) == 0
    assert said.out == [] and "LibreOffice не найден" in said.err[0] and "Документы .docx записаны" in said.err[0]


def test_build_pdf_looks_for_libreoffice_once(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The converter started for the batch is handed the program found; the PDF step does not look again."""
    from contextlib import contextmanager

    import orderforge.pdf

    looked: list[str] = []
    started: list[str | None] = []
    monkeypatch.setattr(orderforge.pdf, "find_soffice", lambda: looked.append("soffice") or "/opt/lo/soffice")

    class Converter:
        def submit(self, docx: Path, pdf: Path) -> None:
            pdf.write_bytes(b"%PDF-1.4\n")

        def wait(self) -> dict[Path, Path]:
            return {d: d.with_suffix(".pdf") for d in Path("out").glob("*.docx")}

    @contextmanager
    def start(progress: object = None, timeout: float = 600, soffice: str | None = None) -> Iterator[Converter]:
        started.append(soffice)
        yield Converter()

    monkeypatch.setattr(orderforge.pdf.PdfConverter, "start", start)
    said = Lines()
    plans = [Path("plans/zyryansky-2025.yaml")]
    assert batch.build_files(plans, batch.BuildOptions(Path("out"), pdf=True, jobs=1), said) == 0, said.err
    assert Path("out/zyryansky-2025.pdf").is_file()
    assert looked == ["soffice"] and started == ["/opt/lo/soffice"]


def test_build_many_tells_each_plan_as_it_finishes_and_yields_in_plan_order(workspace: Path) -> None:
    """``finished`` hears of every plan once, no later than it is yielded (so --pdf can start a short plan's PDF
    while a long plan before it renders); the yields keep the plans' order."""
    from orderforge.build import Outcome, build_many

    plans = [Path("plans/baltiysk-2024.yaml"), Path("plans/bad.yaml"), Path("plans/zyryansky-2025.yaml")]
    plans[1].write_text("style: [\n", encoding="utf-8")
    told: list[Path] = []
    yielded: list[Path] = []

    def finished(outcome: Outcome) -> None:
        assert outcome.path not in yielded, "told after it was yielded"
        told.append(outcome.path)

    for jobs in (1, 2):
        told.clear()
        yielded.clear()
        for outcome in build_many(plans, Path("out"), jobs, finished=finished):
            assert outcome.path in told
            yielded.append(outcome.path)
        assert yielded == plans and sorted(told) == sorted(plans)


def test_a_long_validate_batch_says_how_far_it_got(workspace: Path) -> None:
    """From PROGRESS_FROM plans on, every PROGRESS_EVERY plans a line on stderr; the findings are the report's."""
    from orderforge.diagnostics import Report

    source = Path("plans/zyryansky-2025.yaml").read_text(encoding="utf-8")
    files = []
    for index in range(batch.PROGRESS_FROM + 1):
        files.append(Path(f"plans/copy-{index:02}.yaml"))
        files[-1].write_text(source, encoding="utf-8")
    said = Lines()
    report = batch.validate_files(files, Report(), said)
    assert said.out == [] and not report.has_errors
    steps = range(batch.PROGRESS_EVERY, len(files) + 1, batch.PROGRESS_EVERY)
    assert said.err == [f"проверено планов: {n} из {len(files)}" for n in steps] and len(said.err) >= 2
    short = Lines()
    batch.validate_files(files[:3], Report(), short)
    assert short.err == []


@pytest.mark.slow
def test_build_pdf_makes_every_pdf_in_one_batch_then_skips_what_is_current(workspace: Path) -> None:
    """Real LibreOffice: two plans, one PDF step; the second build skips both plans and needs no PDF step."""
    run = CliRunner().invoke
    plans = ["plans/zyryansky-2025.yaml", "plans/baltiysk-2024.yaml"]
    first = run(main, ["build", "--pdf", "-j", "1", *plans])
    assert first.exit_code == 0, first.output
    for stem in ("zyryansky-2025", "baltiysk-2024"):
        assert Path(f"output/{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert first.output.count("PDF: 2 док. через LibreOffice") == 1 and "PDF готовы" in first.output
    second = run(main, ["build", "--pdf", *plans])
    assert second.exit_code == 0 and second.output.count("не изменился, пропущен") == 2
    assert "LibreOffice" not in second.output
