"""Benchmark of ``orderforge import``: prints how long importing each test document takes.

    python tools/bench_import.py            # in-process and whole-command figures
    python tools/bench_import.py --quick    # fewer repetitions
    python tools/bench_import.py --scale    # import vs validate of 1,000 to 9,000 rows, peak memory,
                                            # and a 100,000-row table (refused before reading, IM007)

Documents: the hand-made ones in tests/fixtures/import/ (including the one that
must be refused), every example plan in plans/ built to .docx first, and a
synthetic plan of 250 and 1,000 activities (to see that import stays linear).
Figures, not assertions: timing inside unit tests would only make them flaky.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "orderforge" / "templates"  # the bundled house styles
FIXTURES = ROOT / "tests" / "fixtures" / "import"
PLANS = sorted(p for p in (ROOT / "plans").glob("*.yaml")
               if not p.name.endswith(".directory.yaml") and p.name != "directory.yaml")


def in_process(docx: Path, style: str, repeat: int) -> tuple[float, float, str]:
    """Median and best of import_docx (read, structure, YAML, write, re-validate), in ms; and the outcome."""
    from orderforge.diagnostics import UserError
    from orderforge.importer import import_docx

    times, outcome = [], ""
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            shutil.copytree(TEMPLATES, Path(folder) / "templates")
            started = time.perf_counter()
            try:
                result = import_docx(docx, Path(folder) / "plans" / "x.yaml", style=style)
                c = result.counts()
                outcome = f"{c['activities']} мероприятий, {c['warnings']} предупр."
            except UserError as exc:
                outcome = f"отказ {exc.diagnostics[0].code}"
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), outcome


def whole_command(docx: Path, style: str, repeat: int) -> float:
    """Median wall time of ``python -m orderforge import`` as a clerk runs it, in ms."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            shutil.copytree(TEMPLATES, Path(folder) / "templates")
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "orderforge", "import", str(docx), "-o", "plans/x.yaml",
                            "--style", style], cwd=folder, capture_output=True)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def built_examples(folder: Path) -> list[tuple[Path, str]]:
    from orderforge.build import build_plan
    from orderforge.planfile import load_plan

    shutil.copytree(ROOT / "plans", folder / "plans")
    shutil.copytree(TEMPLATES, folder / "templates")
    out = []
    for plan in PLANS:
        loaded, report = load_plan(folder / "plans" / plan.name)
        if loaded is None or report.has_errors:
            print(f"  (пропущен {plan.name}: план не проходит validate)")
            continue
        out.append((build_plan(folder / "plans" / plan.name, folder / "out").docx, loaded.style))
    return out


def synthetic(folder: Path, count: int) -> Path:
    """A plan of ``count`` activities in 10 sections, built to .docx."""
    from orderforge.build import build_plan

    activity = ("        - text: Мероприятие номер {n} с достаточно длинным текстом, чтобы строка переносилась\n"
                "          deadline: Март 2026 г.\n          responsible: [ЦОРП, ОУ]\n"
                "          result: Аналитическая справка\n")
    example = (ROOT / "plans" / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8")
    head = example.partition("  sections:\n")[0]
    sections = "".join(f"    - title: Раздел {s}\n      activities:\n"
                       + "".join(activity.format(n=n) for n in range(count // 10)) for s in range(10))
    plans = folder / "plans"
    plans.mkdir(exist_ok=True)
    for extra in (ROOT / "plans").glob("*.directory.yaml"):
        shutil.copy(extra, plans / extra.name)
    if not (folder / "templates").exists():
        shutil.copytree(TEMPLATES, folder / "templates")
    path = plans / f"big-{count}.yaml"
    path.write_text(head + "  sections:\n" + sections, encoding="utf-8")
    return build_plan(path, folder / "out").docx


def raw_table(folder: Path, rows: int) -> Path:
    """A plan table of ``rows`` rows in 10 sections, written as raw WordprocessingML into a small
    document's XML as text (parsing a 100,000-row fragment just to write it would take minutes)."""
    import zipfile

    sys.path.insert(0, str(ROOT))
    from tests.corpus.wordxml import C, append, new_document, p, row, save, table

    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
    body = [row(header, header=True)]
    per = max(1, rows // 10)
    template = row(["{n}", "Мероприятие номер {n} с достаточно длинным текстом, чтобы строка переносилась",
                    "март 2026 г.", "Управление образования, Методический кабинет", "Аналитическая справка"])
    for s in range(10):
        body.append(row([C(f"{s + 1}. Раздел {s + 1}", span=5)]))
        body += [template.replace("{n}", f"{s + 1}.{k + 1}.") for k in range(per)]
    document = new_document()
    append(document, p("План мероприятий на 2026 год", jc="center"), table([12, 70, 30, 40, 35], ["@@ROWS@@"]))
    small = save(document, folder / "small.docx")
    path = folder / f"rows-{rows}.docx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"@@ROWS@@", "".join(body).encode())
            target.writestr(info, data)
    return path


def measured(command: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall time (s), peak memory (MB), exit code and CPU time (user + system, s) of one process.

    CPU time is what to compare on a shared machine: waiting for a core counts in the wall time only."""
    import os

    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode, cpu


def scale() -> None:
    """Import against validate of the plan it writes, as a clerk runs both (whole commands).

    Import makes the document's own style (no ``--style``), as a clerk's first import does: before each run
    the plan, its directory and the style made by the run before are removed, so every figure is of a whole
    first import. Each command runs :data:`SCALE_REPEAT` times up to 10,000 rows (once beyond); the medians
    are printed, and the ratio of the medians (the ratio of single runs swung by ±15 % on a busy machine)."""
    exe = [sys.executable, "-m", "orderforge"]
    print(f"{'строк':>7} {'import, с':>10} {'validate, с':>12} {'отношение':>10} {'по ЦП':>7} "
          f"{'память import, МБ':>18}  итог (медианы {SCALE_REPEAT} запусков до 10 000 строк)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copytree(TEMPLATES, folder / "templates")
        (folder / "plans").mkdir()
        sizes = [int(a) for a in sys.argv[sys.argv.index("--scale") + 1:] if a.isdigit()]
        for rows in sizes or [1000, 5000, 9000, 100000]:
            # made in a process of its own: a child forked from a bench holding 100,000 rows would
            # start with the bench's memory, and its peak would measure the bench, not the import
            subprocess.run([sys.executable, __file__, "--make", str(folder), str(rows)], check=True)
            _scale_row(exe, folder, rows, SCALE_REPEAT if rows <= 10_000 else 1)


#: How many times each command of ``--scale`` runs for a size up to 10,000 rows.
SCALE_REPEAT = 5


def _scale_row(exe: list[str], folder: Path, rows: int, repeat: int) -> None:
    """One size: import and validate taken in turn (import, validate, import …), so that a machine getting
    slower or faster during the row weighs on both alike."""
    docx = folder / f"rows-{rows}.docx"
    plan = f"plans/rows-{rows}.yaml"
    imports, checks = [], []
    for _ in range(repeat):
        for made in (folder / plan, folder / f"plans/rows-{rows}.directory.yaml"):
            made.unlink(missing_ok=True)
        shutil.rmtree(folder / "templates" / f"rows-{rows}", ignore_errors=True)
        imports.append(measured(exe + ["import", str(docx), "-o", plan], folder))
        if imports[-1][2] != 0 and not (folder / plan).exists():
            took, peak = imports[-1][0], imports[-1][1]
            print(f"{rows:>7} {took:>10.2f} {'—':>12} {'—':>10} {'—':>7} {peak:>18.0f}  отказ (код {imports[-1][2]})")
            return
        checks.append(measured(exe + ["validate", plan], folder))
    took, peak, cpu = (statistics.median(m[i] for m in imports) for i in (0, 1, 3))
    checked, checked_cpu = statistics.median(m[0] for m in checks), statistics.median(m[3] for m in checks)
    print(f"{rows:>7} {took:>10.2f} {checked:>12.2f} {took / checked:>10.2f} {cpu / checked_cpu:>7.2f} "
          f"{peak:>18.0f}  код {imports[-1][2]}")


def main() -> None:
    if "--make" in sys.argv:
        at = sys.argv.index("--make")
        raw_table(Path(sys.argv[at + 1]), int(sys.argv[at + 2]))
        return
    if "--scale" in sys.argv:
        scale()
        return
    quick = "--quick" in sys.argv
    repeat, cli_repeat = (2, 1) if quick else (5, 3)
    print(f"python {sys.version.split()[0]}; повторов: {repeat} в процессе, {cli_repeat} командой")
    print(f"{'документ':34} {'KiB':>5} {'в процессе, мс':>22} {'командой, мс':>13}  итог")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        documents = [(p, "kaliningrad-committee") for p in sorted(FIXTURES.glob("*.docx"))]
        documents += built_examples(folder / "examples")
        for count in (250, 1000):
            (folder / "big").mkdir(exist_ok=True)
            documents.append((synthetic(folder / "big", count), "kaliningrad-committee"))
        for docx, style in documents:
            median, best, outcome = in_process(docx, style, repeat)
            command = whole_command(docx, style, cli_repeat)
            size = docx.stat().st_size / 1024
            print(f"{docx.name:34} {size:5.0f} {f'median {median:6.1f}, best {best:6.1f}':>22} {command:13.0f}  "
                  f"{outcome}")


if __name__ == "__main__":
    main()
