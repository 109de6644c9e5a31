"""Output that cannot be written — `> /dev/full`, `| head`, `>&-` — ends cleanly for every command.

The clerk sees OF050 (exit 2) for a full disk or a closed stdout and nothing
at all (exit 1, as click does for its help) for a reader that went away; never
a traceback, and never Python's «Exception ignored» at interpreter exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BAD = "tests/fixtures/bad/five-mistakes.yaml"
COMMANDS = [
    ["schema"], ["schema", "--directory"], ["styles"], ["validate", BAD], ["validate", "--json", BAD],
    ["check-style", "district-plan"], ["--help"], ["init", "--help"], ["--version"],
    ["forms", "plans/baltiysk-2024.yaml"],
]
ids = [" ".join(c).replace(BAD, "bad") for c in COMMANDS]


def run(args: list[str], stdout: int | None, **extra: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "orderforge", *args], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120, **extra)  # type: ignore[call-overload]


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr and "Errno" not in stderr, stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS, ids=ids)
def test_stdout_on_a_full_disk(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = run(args, full.fileno())
    assert_clean(done.stderr)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("/dev/full: ошибка OF050: не удалось записать вывод команды в файл: "
                                  "на диске нет места")


@pytest.mark.parametrize("args", COMMANDS, ids=ids)
def test_stdout_to_a_reader_that_went_away(args: list[str]) -> None:
    """`orderforge … | head`: the pipe's reading end is closed before the first line is written."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = run(args, writing)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (1, "")


@pytest.mark.parametrize("args", [["schema"], ["validate", BAD]], ids=["schema", "validate"])
def test_closed_stdout_is_not_a_silent_success(args: list[str]) -> None:
    done = run(args, None, preexec_fn=lambda: os.close(1)) if os.name == "posix" else pytest.skip("POSIX only")
    assert_clean(done.stderr)
    assert done.returncode == 2 and "OF050" in done.stderr and "стандартный вывод закрыт" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_diagnostics_on_a_full_stderr(tmp_path: Path) -> None:
    """build reports on stderr; when that fails too, the exit code still says «environment»."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "orderforge", "build", "tests/fixtures/bad/unknown-party.yaml",
                               "-o", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=full.fileno(),
                              text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""


def test_import_on_a_disk_that_fills_writes_both_files_or_neither(tmp_path: Path) -> None:
    """The plan and its directory are staged in full before either replaces anything (write_all)."""
    import resource
    import signal

    docx = ROOT / "tests" / "fixtures" / "import" / "order-school.docx"
    for limit in (300, 2000, 6000):
        work = tmp_path / str(limit)
        work.mkdir()

        def fill(limit: int = limit) -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        done = subprocess.run([sys.executable, "-m", "orderforge", "import", str(docx), "-o", "plans/x.yaml"],
                              cwd=work, capture_output=True, text=True, timeout=120, preexec_fn=fill)
        assert_clean(done.stderr)
        written = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
        if done.returncode == 2:
            assert "OF050" in done.stderr
            assert not any(name.startswith("plans/") for name in written), written
        else:
            assert "plans/x.yaml" in written and any(n.endswith("directory.yaml") for n in written), written
