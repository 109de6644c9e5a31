"""Benchmark: prints figures for start-up, validate and build of the example plans.

Run with `make bench`. Figures, not assertions: the numbers go into the
closing notes; timing inside unit tests would only make them flaky.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "orderforge" / "templates"  # the bundled house styles
PLANS = sorted(p for p in (ROOT / "plans").glob("*.yaml") if not p.name.endswith("directory.yaml"))


def timed(command: list[str], repeat: int = 5) -> tuple[float, float]:
    """Median and best wall time of a whole process, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    exe = [sys.executable, "-m", "orderforge"]
    print(f"python: {sys.version.split()[0]}; plans: {', '.join(p.name for p in PLANS)}")
    median, best = timed([sys.executable, "-c", "pass"])
    print(f"python start-up alone:        median {median:7.1f} ms, best {best:7.1f} ms")
    median, best = timed(exe + ["--help"])
    print(f"orderforge --help:            median {median:7.1f} ms, best {best:7.1f} ms")
    for plan in PLANS:
        rel = str(plan.relative_to(ROOT))
        median, best = timed(exe + ["validate", rel])
        print(f"validate {plan.name:32} median {median:7.1f} ms, best {best:7.1f} ms")
    with tempfile.TemporaryDirectory() as out:
        for plan in PLANS:
            rel = str(plan.relative_to(ROOT))
            median, best = timed(exe + ["build", rel, "-o", out], repeat=3)
            size = (Path(out) / f"{plan.stem}.docx").stat().st_size
            print(f"build    {plan.name:32} median {median:7.1f} ms, best {best:7.1f} ms, {size / 1024:.0f} KiB")
    big = ROOT / "plans" / "kaliningrad-committee-2026.yaml"
    if big.exists():
        _declension(big)
        _large_plan(big)
    _pdf()


def _declension(plan: Path) -> None:
    """Whole-process build of a plan as written (its [[…]] references declined by pymorphy3 and
    pytrovich) against the same plan with every reference already written out, which loads no morphology."""
    import shutil

    from orderforge.forms import generated_forms
    from orderforge.validate import load_plan

    loaded, _ = load_plan(plan)
    assert loaded is not None
    text = plan.read_text(encoding="utf-8")
    for form in generated_forms(loaded, ROOT):
        if form.source.startswith("[["):
            text = text.replace(form.source, form.result)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "plans", work / "plans")
        shutil.copytree(TEMPLATES, work / "templates")
        literal = work / "plans" / f"{plan.stem}-literal.yaml"
        literal.write_text(text, encoding="utf-8")
        exe = [sys.executable, "-m", "orderforge", "build", "-o", str(work / "out")]
        for label, target in (("with declension   ", plan), ("without declension", literal)):
            median, best = timed(exe + [str(target)], repeat=5)
            probe = subprocess.run(
                [sys.executable, "-c", "import sys; from orderforge.cli import main; sys.argv[1:] = "
                 f"{['build', '-o', str(work / 'probe'), str(target)]!r}\n"
                 "try: main()\nexcept SystemExit: pass\nprint('pymorphy3' in sys.modules)"],
                cwd=ROOT, capture_output=True, text=True, check=True)
            print(f"build {plan.name} {label}: median {median:7.1f} ms, best {best:7.1f} ms "
                  f"(morphology loaded: {probe.stdout.strip().splitlines()[-1]})")


def _pdf() -> None:
    """All example plans to PDF: one LibreOffice process for the batch vs one start per file."""
    from orderforge.build import build_plan
    from orderforge.pdf import _run_batch, convert_many, find_soffice

    soffice = find_soffice()
    if soffice is None:
        print("PDF: LibreOffice not installed, skipped")
        return
    with tempfile.TemporaryDirectory() as out:
        docs = [build_plan(p, Path(out)).docx for p in PLANS]
        started = time.perf_counter()
        done = convert_many([(d, d.with_suffix(".batch.pdf")) for d in docs])
        batch = time.perf_counter() - started
        started = time.perf_counter()
        single = sum(len(_run_batch(soffice, [(d, d.with_suffix(".single.pdf"))], 180)) for d in docs)
        each = time.perf_counter() - started
    print(f"PDF of {len(docs)} plans: one process {batch:5.1f} s ({len(done)} ok); "
          f"one soffice per file {each:5.1f} s ({single} ok)")


def _large_plan(base: Path) -> None:
    """A synthetic plan with 1,000 activities: checks that rendering stays linear."""
    from orderforge.build import build_docx_bytes
    from orderforge.validate import load_plan

    text = base.read_text(encoding="utf-8")
    head, _, _ = text.partition("  sections:\n")
    activity = (
        "        - text: Мероприятие номер {n} с достаточно длинным текстом, чтобы строка переносилась\n"
        "          deadline: Март 2026 г.\n          responsible: [ЦОРП, ОУ]\n"
        "          result: Аналитическая справка\n"
    )
    for count in (250, 1000):
        sections = "".join(
            f"    - title: Раздел {s}\n      activities:\n" + "".join(activity.format(n=n) for n in range(count // 10))
            for s in range(10)
        )
        with tempfile.TemporaryDirectory() as folder:
            plan_path = Path(folder) / "big.yaml"
            plan_path.write_text(head + "  sections:\n" + sections, encoding="utf-8")
            (Path(folder) / base.with_suffix("").name).parent.mkdir(exist_ok=True)
            for extra in base.parent.glob("*.directory.yaml"):
                (Path(folder) / extra.name).write_text(extra.read_text(encoding="utf-8"), encoding="utf-8")
            started = time.perf_counter()
            plan, report = load_plan(plan_path)
            loaded = time.perf_counter()
            assert plan is not None and not report.has_errors, [d.format() for d in report.errors][:3]
            data = build_docx_bytes(plan, base.parent)
            done = time.perf_counter()
        print(f"{count:5} activities: validate {1000 * (loaded - started):7.1f} ms, "
              f"render {1000 * (done - loaded):7.1f} ms, {len(data) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
