"""Benchmark (`make bench`): orderforge against reference points, as ratios measured in one run.

Whole processes, medians of BENCH_REPEAT runs (default 5; at least 11 for the commands that take well under a
second, :data:`QUICK_REPEAT`, where one slow spell of the machine moves a median of five), on plans generated
by tools/genplan.py (varied Russian text, ids, sixteen deadline forms). The commands a ratio compares run in
turn (a, b, a, b, …), never in blocks, so that the machine's busy and quiet spells fall on both sides alike.
Figures, not assertions: timing inside unit tests would only make them flaky. Three reference points render
orderforge's own context, as JSON, into the same document (issue 12):

* the floor, the least any docx generator must do: the activity row's XML (taken from orderforge's own
  document) filled with escaped text for every activity, spliced into document.xml, and the package zipped;
* stock docxtpl: the style's template.docx rendered with the context (resolve's output, as JSON);
* Carbone 3.8 (docx → docx, no conversion), when Node.js is present: installed with npm into
  ~/.cache/orderforge-bench (BENCH_CACHE), never into the repository. It renders orderforge's own context
  into orderforge's own document, as the issue set it: the plan table's rows become one section row and one
  activity row, Carbone's conditional blocks choose between them, and each cell repeats its paragraphs
  (:func:`carbone_template`). Its document.xml is checked to be orderforge's, character for character,
  before anything is timed. A second, lighter Carbone run is printed on a line of its own: the floor's flat rows
  (one row shape, one paragraph a cell, no section rows) in a one-row template, as this bench measured before.

orderforge's build figures are first builds: every run gets an empty cache folder (ORDERFORGE_CACHE_DIR), so
nothing remembered between runs (style packages, declension doubts and forms) makes them look faster; the
same build with its cache folder filled is printed on a line of its own.

Peak memory is each whole process's maximum resident set, through GNU time when installed (a child of a
large process would otherwise report its parent's peak: Linux keeps ru_maxrss across exec).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
#: Runs of the start-up and versions sections (about a tenth of a second each): more of them cost seconds.
QUICK_REPEAT = max(REPEAT, 11)
COUNTS = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000,5000").split(",")]
PY = sys.executable
OF = [PY, "-m", "orderforge"]
#: Byte-code caching on, as in an installed orderforge (a developer's shell may switch it off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CACHE = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "orderforge-bench"))
CARBONE = "3.8"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None
EXAMPLES = sorted(p for p in (ROOT / "plans").glob("*.yaml") if not p.name.endswith("directory.yaml"))


class Measured(NamedTuple):
    """One run of a whole process, or the medians (memory: the peak) of several."""

    seconds: float  # wall time
    memory: int  # peak resident set, KiB
    cpu: float  # user + system seconds of the process and every child it waited for (-j N's workers)


def run(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Measured:
    """Wall seconds, peak memory and CPU seconds of one whole process; a process that fails stops the bench.

    The CPU figure is wait4's: Linux adds to it every descendant that was waited for, GNU time's child and the
    pool's workers of ``build -j N`` among them."""
    with tempfile.NamedTemporaryFile(prefix="orderforge-bench-rss-") as rss:
        wrapped = [GNU_TIME, "-q", "-f", "%M", "-o", rss.name, *command] if GNU_TIME else command
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            assert process.stderr is not None
            sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode(errors='replace')[-2000:]}")
        memory = int(Path(rss.name).read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
    return Measured(seconds, memory, usage.ru_utime + usage.ru_stime)


Runner = Callable[[], Measured]


def plain(command: list[str], cwd: Path = ROOT) -> Runner:
    """One run of ``command``."""
    return lambda: run(command, cwd)


def first_run(command: list[str], cwd: Path = ROOT) -> Runner:
    """One run with an empty cache folder (ORDERFORGE_CACHE_DIR): what a first build costs, with nothing
    remembered (style packages, declension doubts and forms)."""

    def once() -> Measured:
        with tempfile.TemporaryDirectory(prefix="orderforge-bench-cache-") as cache:
            return run(command, cwd=cwd, env={**ENV, "ORDERFORGE_CACHE_DIR": cache})

    return once


def again(command: list[str], cache: Path) -> Runner:
    """One run with the cache folder ``cache``, filled by an untimed run made now."""
    env = {**ENV, "ORDERFORGE_CACHE_DIR": str(cache)}
    run(command, env=env)
    return lambda: run(command, env=env)


def interleaved(runners: dict[str, Runner], repeat: int = REPEAT) -> dict[str, Measured]:
    """Median wall and CPU seconds and peak memory of each runner, its runs taken in turn with the others' (a, b, c,
    a, b, c, …): a busy or quiet spell of the machine then falls on every side of a ratio alike, where runs
    taken in blocks let one side's block meet it alone (seen here: Carbone's median at 5,000 rows went from
    345 to 420 ms between two blocks of the same bench)."""
    runs: dict[str, list[Measured]] = {name: [] for name in runners}
    for _ in range(repeat):
        for name, runner in runners.items():
            runs[name].append(runner())
    return {name: Measured(statistics.median(m.seconds for m in done), max(m.memory for m in done),
                           statistics.median(m.cpu for m in done)) for name, done in runs.items()}


FLOOR = r'''
import json, sys, zipfile, html
docx, rows_json, out = sys.argv[1:4]
rows = json.load(open(rows_json, encoding="utf-8"))
with zipfile.ZipFile(docx) as z:
    parts = {n: z.read(n) for n in z.namelist()}
doc = parts["word/document.xml"].decode("utf-8")
head, row, tail = json.load(open(rows_json + ".tpl", encoding="utf-8"))
filled = "".join(row.format(*[html.escape(c, quote=False) for c in r]) for r in rows)
parts["word/document.xml"] = (head + filled + tail).encode("utf-8")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in parts.items():
        z.writestr(n, data)
'''


DOCXTPL = r'''
import json, sys
from docxtpl import DocxTemplate
template, context_json, out = sys.argv[1:4]
tpl = DocxTemplate(template)
tpl.render(json.load(open(context_json, encoding="utf-8")), autoescape=True)
tpl.save(out)
'''

CARBONE_JS = r'''
const [carbone, template, data, out] = process.argv.slice(2);
const fs = require("fs");
require(carbone).render(template, JSON.parse(fs.readFileSync(data, "utf8")), (err, result) => {
  if (err) { console.error(err); process.exit(1); }
  fs.writeFileSync(out, result);
});
'''


def reference_commands(document: Path, plan: Path, folder: Path, carbone: Path | None) -> dict[str, list[str]]:
    """The floor's, stock docxtpl's and Carbone's commands, with their inputs written into ``folder``."""
    import re
    import zipfile

    sys.path.insert(0, str(ROOT / "src"))
    from orderforge.diff.result import text_str
    from orderforge.planfile import load_plan
    from orderforge.resolve import build_context
    from orderforge.style import load_style

    loaded, _ = load_plan(plan)
    assert loaded is not None
    style = load_style(loaded.style, loaded.workspace)
    context = build_context(loaded, style)
    context_json = folder / "context.json"
    context_json.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    rows = [[text_str(a.text), a.deadline.text if a.deadline else "", ", ".join(r.key for r in a.responsible),
             text_str(a.result)] for a in loaded.all_activities()]
    xml = zipfile.ZipFile(document).read("word/document.xml").decode("utf-8")
    trs = [m for m in re.finditer(r"<w:tr[ >].*?</w:tr>", xml, re.S)]
    first = next(m for m in trs if "(этап" in m.group())
    last = [m for m in trs if "(этап" in m.group() or "Раздел" in m.group()][-1]

    def marked(row: str, mark: Callable[[int], str]) -> str:
        """The row with its cell texts replaced by mark(0), mark(1), … (cycling over the four columns)."""
        cells = iter(range(100))
        return re.sub(r"(<w:t(?: [^>]*)?>)[^<]*(</w:t>)", lambda m: f"{m[1]}{mark(next(cells) % 4)}{m[2]}", row)

    row = marked(first.group().replace("{", "{{").replace("}", "}}"), lambda n: f"{{{n}}}")
    rows_json = folder / "rows.json"
    rows_json.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    Path(str(rows_json) + ".tpl").write_text(json.dumps([xml[: first.start()], row, xml[last.end():]]),
                                             encoding="utf-8")
    (folder / "floor.py").write_text(FLOOR, encoding="utf-8")
    (folder / "docxtpl_ref.py").write_text(DOCXTPL, encoding="utf-8")
    commands = {
        "floor": [PY, str(folder / "floor.py"), str(document), str(rows_json), str(folder / "floor.docx")],
        "docxtpl": [PY, str(folder / "docxtpl_ref.py"), str(style.template_path), str(context_json),
                    str(folder / "docxtpl.docx")],
    }
    if carbone is not None:
        (folder / "carbone.js").write_text(CARBONE_JS, encoding="utf-8")
        commands["Carbone"] = carbone_command(carbone, folder, "carbone", document, carbone_template(xml),
                                              carbone_data(context))
        loop = marked(first.group(), lambda n: f"{{d.rows[i].c{n}}}") + marked(first.group(),
                                                                                lambda n: f"{{d.rows[i+1].c{n}}}")
        flat = {"rows": [{f"c{n}": v for n, v in enumerate(r)} for r in rows]}
        commands[FLAT] = carbone_command(carbone, folder, "carbone-flat", document,
                                         xml[: first.start()] + loop + xml[last.end():], flat)
        check_same_document(commands["Carbone"], document)
    return commands


#: The lighter Carbone run: the floor's rows, flat, into a one-row template.
FLAT = "Carbone, flat rows"

#: A cell's text in orderforge's document: every run's text, in order.
_TEXT = r"<w:t(?: [^>]*)?>([^<]*)</w:t>"


def carbone_template(xml: str) -> str:
    """orderforge's document.xml with the plan table's rows replaced by Carbone 3.8 markers for the context's
    ``appendix.table.rows``: a section row and an activity row, each shown by a conditional block on the row's
    ``section``, then the next row's section row, which tells Carbone where the repeated part ends.

    The rows are taken from the document itself (the section row by its paragraph style, the first activity row
    with one paragraph in every cell as the model), so Carbone writes the same XML orderforge wrote."""
    import re

    rows = [m for m in re.finditer(r"<w:tr[ >].*?</w:tr>", xml, re.S)]
    sections = [m for m in rows if 'w:val="OFSectionRow"' in m.group()]
    assert sections, "no section row (paragraph style OFSectionRow) in orderforge's document"
    table_end = xml.index("</w:tbl>", sections[0].start())
    body = [m for m in rows if sections[0].start() <= m.start() < table_end]
    cell = r"<w:tc>.*?</w:tc>"
    activity = next(m.group() for m in body if m not in sections
                    and all(c.count("<w:p>") == 1 for c in re.findall(cell, m.group(), re.S)))

    def text(xml_part: str, marker: str) -> str:
        assert len(re.findall(_TEXT, xml_part)) == 1, xml_part
        return re.sub(r"(<w:t(?: [^>]*)?>)[^<]*</w:t>", lambda m: f"{m[1]}{{{marker}}}</w:t>", xml_part)

    def section(row: str) -> str:
        return (f"{{{row}.section:ifEQ(true):showBegin}}{text(sections[0].group(), row + '.heading')}"
                f"{{{row}.section:showEnd}}")

    def paragraphs(cell_xml: str, row: str, k: int) -> str:
        """The cell's one paragraph, repeated for each of the context cell's paragraphs."""
        para = re.search(r"<w:p>.*</w:p>", cell_xml, re.S)
        assert para is not None
        repeated = "".join(text(para[0], f"{row}.cells[{k}].p[{i}].t") for i in ("i", "i+1"))
        return cell_xml[: para.start()] + repeated + cell_xml[para.end():]

    row = "d.appendix.table.rows[i]"
    cells = [paragraphs(c, row, k) for k, c in enumerate(re.findall(cell, activity, re.S))]
    activity_row = activity[: activity.index("<w:tc>")] + "".join(cells) + "</w:tr>"
    pattern = (section(row) + f"{{{row}.section:ifEQ(false):showBegin}}{activity_row}{{{row}.section:showEnd}}"
               + section("d.appendix.table.rows[i+1]"))
    return xml[: body[0].start()] + pattern + xml[body[-1].end():]


def carbone_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """orderforge's context for Carbone 3.8, which repeats only objects: each paragraph's text becomes
    ``{"t": text}``; nothing else changes."""
    table = context["appendix"]["table"]
    rows = [{**row, "cells": [{"p": [{"t": text} for text in cell["paras"]],
                               **{key: value for key, value in cell.items() if key != "paras"}}
                              for cell in row["cells"]]} for row in table["rows"]]
    return {**context, "appendix": {**context["appendix"], "table": {**table, "rows": rows}}}


def carbone_command(carbone: Path, folder: Path, name: str, document: Path, xml: str,
                    data: dict[str, Any]) -> list[str]:
    """Carbone's command rendering ``data`` into ``document`` with its document.xml replaced by ``xml``."""
    import zipfile

    template = folder / f"{name}-template.docx"
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.namelist():
            target.writestr(member, xml.encode("utf-8") if member == "word/document.xml" else source.read(member))
    data_json = folder / f"{name}.json"
    data_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return ["node", str(folder / "carbone.js"), str(carbone), str(template), str(data_json),
            str(folder / f"{name}.docx")]


def check_same_document(command: list[str], document: Path) -> None:
    """Run Carbone once (its command ends with the document it writes) and stop the bench unless that
    document.xml is orderforge's, character for character after the XML declaration (Carbone writes a space
    for the line break that follows it): a reference that renders a different document measures nothing."""
    import zipfile

    run(command)
    ours, theirs = (xml[xml.index("<w:document"):] for xml in (
        zipfile.ZipFile(p).read("word/document.xml").decode("utf-8") for p in (document, Path(command[-1]))))
    if ours != theirs:
        at = len(os.path.commonprefix([ours, theirs]))
        sys.exit(f"Carbone's document.xml differs from orderforge's at character {at}: "
                 f"{theirs[at - 80:at + 80]!r} against {ours[at - 80:at + 80]!r}")


def carbone_module() -> tuple[Path | None, str]:
    """Carbone from the bench cache, installed there with npm on first use; else None and why not."""
    if shutil.which("node") is None:
        return None, "Node.js is not installed"
    module = CACHE / "node_modules" / "carbone"
    if not (module / "package.json").is_file():
        if shutil.which("npm") is None:
            return None, "npm is not installed"
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
                               f"carbone@{CARBONE}"], capture_output=True, text=True)
        if done.returncode != 0 or not (module / "package.json").is_file():
            return None, f"npm install carbone@{CARBONE} failed: {done.stderr.strip()[-300:]}"
    version = json.loads((module / "package.json").read_text(encoding="utf-8")).get("version", "?")
    if not version.startswith(CARBONE + "."):
        return None, f"{module} is version {version}, not {CARBONE}"
    return module, version


def line(label: str, seconds: float, reference: float, ref_label: str, memory: int | None = None) -> None:
    extra = f", peak {memory / 1024:.0f} MiB" if memory else ""
    print(f"{label:44} {seconds * 1000:8.0f} ms   {seconds / reference:5.2f} × {ref_label}{extra}")


def main() -> None:
    """Every section, or those named on the command line (``python tools/bench.py builds``)."""
    sections = {"startup": startup, "builds": builds, "versions": versions, "workspace": workspace, "pdf": pdf}
    chosen = sys.argv[1:] or list(sections)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, medians of {REPEAT} ({QUICK_REPEAT} for "
          f"start-up and versions); {compiled_reader()}")
    work = Path(tempfile.mkdtemp(prefix="orderforge-bench-"))
    try:
        for name in chosen:
            sections[name](work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compiled_reader() -> str:
    """Whether the installed orderforge reads YAML through its compiled reader (setup.py: optional)."""
    probe = subprocess.run([PY, "-c", "import orderforge._yamlc"], cwd=ROOT, env=ENV, capture_output=True)
    return "YAML read by the compiled reader (_yamlc)" if probe.returncode == 0 else \
        "the compiled YAML reader is NOT built: plans are read through PyYAML (setup.py)"


def startup(work: Path) -> None:
    took = interleaved({"yaml": plain([PY, "-c", "import yaml"]),
                        "validate": plain(OF + ["validate", "plans/kaliningrad-committee-2026.yaml"]),
                        "help": plain(OF + ["--help"])}, QUICK_REPEAT)
    yaml_import, validate, help_ = (took[name].seconds for name in ("yaml", "validate", "help"))
    label = 'python -c "import yaml"'
    print(f"{label:44} {yaml_import * 1000:8.0f} ms")
    line("validate kaliningrad (18 activities)", validate, yaml_import, "import yaml   (target ≤ 2)")
    line("orderforge --help", help_, yaml_import, "import yaml")


def builds(work: Path) -> None:
    carbone, why = carbone_module()
    print("\nWhole-process build (targets at 1,000 and 5,000: ≤ 4 × floor, ≤ 1.0 × Carbone)")
    print(f"Carbone: {'version ' + why if carbone else 'not measured (' + why + ')'}")
    print("| activities | orderforge | floor | docxtpl | Carbone | ÷floor | ÷Carbone |")
    print("|---|---|---|---|---|---|---|")
    peaks = []
    repeated: list[tuple[int, float]] = []
    flat: list[tuple[int, float, float]] = []
    for count in COUNTS:
        folder = work / f"b{count}"
        plan = genplan.write_plan(folder, count, name=f"plan{count}")
        out = folder / "out"
        build = OF + ["build", "--force", "-o", str(out), str(plan)]
        filled = again(build, folder / "cache")  # its untimed run also makes the references' document
        references = reference_commands(out / f"plan{count}.docx", plan, folder, carbone)
        took = interleaved({"orderforge": first_run(build), "again": filled,
                            **{name: plain(command) for name, command in references.items()}})
        ours = took.pop("orderforge")
        repeated.append((count, took.pop("again").seconds))
        if FLAT in took:
            flat.append((count, took[FLAT].seconds, ours.seconds / took[FLAT].seconds))
        refs = took
        floor, docxtpl = refs["floor"].seconds, refs["docxtpl"].seconds
        carb = refs["Carbone"].seconds if "Carbone" in refs else None
        print(f"| {count:,} | {seconds_text(ours.seconds)} | {seconds_text(floor)} | {seconds_text(docxtpl)} | "
              f"{seconds_text(carb) if carb else '–'} | {ours.seconds / floor:.1f} | "
              f"{f'{ours.seconds / carb:.2f}' if carb else '–'} |")
        peaks.append((count, ours.memory, {name: measured.memory for name, measured in refs.items()}))
    print("\norderforge above: a first build, an empty cache folder (ORDERFORGE_CACHE_DIR) for every run.")
    print("The same build again, its cache folder filled (style packages, declension doubts and forms): "
          + ", ".join(f"{count:,} → {seconds_text(seconds)}" for count, seconds in repeated))
    if flat:
        print("Carbone above renders orderforge's context into orderforge's document (checked: the same XML). Given "
              "the floor's flat rows instead (one row shape, one paragraph a cell, no section rows): "
              + ", ".join(f"{count:,} → {seconds_text(seconds)} (orderforge ÷ it {ratio:.2f})"
                          for count, seconds, ratio in flat))
    print("\nPeak memory, MiB (target at 5,000: orderforge ≤ 110)")
    for count, ours_memory, refs_memory in peaks:
        others = ", ".join(f"{name} {memory / 1024:.0f}" for name, memory in refs_memory.items())
        print(f"{count:>6,} activities: orderforge {ours_memory / 1024:.0f}; {others}")


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def versions(work: Path) -> None:
    import random

    print()
    folder = work / "v"
    old = genplan.write_plan(folder, 1000, name="old", ids=False)
    text = old.read_text(encoding="utf-8")
    rng = random.Random(5)
    for _ in range(40):  # a clerk's edits: some activities reworded
        start = text.index("(этап ", rng.randrange(len(text) // 2, len(text) - 200))
        text = text[:start] + "(изм. этап " + text[start + 6:]
    (folder / "new.yaml").write_text(text, encoding="utf-8")
    shutil.copy(old, folder / "fmt.yaml")
    took = interleaved({
        "validate": plain(OF + ["validate", str(old)]),
        "diff": plain(OF + ["diff", str(old), str(folder / "new.yaml")]),
        "fmt": plain(OF + ["fmt", str(folder / "fmt.yaml")]),  # the first run rewrites it, later ones find it done
        "new": plain(OF + ["new", str(folder / "next.yaml"), "--from", str(old), "--year", "2027", "--force"],
                     cwd=folder),
    }, QUICK_REPEAT)
    validate, diff, fmt, new = (took[name].seconds for name in ("validate", "diff", "fmt", "new"))
    line("validate 1,000 activities, no ids", validate, validate, "validate")
    line("diff of two 1,000-activity plans, no ids", diff, validate, "validate   (target ≤ 2)")
    line("fmt 1,000 activities", fmt, validate, "validate   (target ≤ 1.5)")
    line("new --from 1,000 activities", new, validate, "validate   (target ≤ 1.5)")


def workspace(work: Path) -> None:
    print()
    folder = genplan.workspace(work / "ws", 50, 200)
    # First builds: every plan rendered (--force) and an empty cache folder, medians like every other figure.
    took = interleaved({"first_1": first_run(OF + ["build", "--force", "-j", "1", "-o", "out1"], cwd=folder),
                        "first_2": first_run(OF + ["build", "--force", "-j", "2", "-o", "out2"], cwd=folder)})
    second_took = interleaved({"second": plain(OF + ["build", "-o", "out2"], cwd=folder),
                               "help": plain(OF + ["--help"])})
    first_1, first_2 = took["first_1"].seconds, took["first_2"].seconds
    second, help_ = second_took["second"].seconds, second_took["help"].seconds
    print(f"{'workspace 50 × 200: first build -j 1':44} {first_1:8.1f} s")
    print(f"{'workspace 50 × 200: first build -j 2':44} {first_2:8.1f} s   {first_1 / first_2:5.2f} × faster "
          "(target ≥ 1.7)")
    parallel_cpu(took["first_1"], took["first_2"])
    print(f"{'  the host: two CPU-only loops side by side':44} {host_pair_throughput():8.2f} × the work of one "
          "alone, the most any two processes get done here")
    line("second build, nothing changed", second, help_, "orderforge --help   (target ≤ 1.5)")


#: A loop of pure arithmetic (about half a second) that prints its own seconds: no files, next to no memory,
#: nothing of orderforge.
SPIN = ("import time\nstarted = time.perf_counter()\ns = 0\nfor i in range(6_000_000):\n    s += i * i % 7\n"
        "print(time.perf_counter() - started)\n")


def host_pair_throughput() -> float:
    """What two copies of :data:`SPIN` side by side get done, in units of one copy alone (the median of
    alternating rounds): the ceiling this machine itself sets on ``-j 2``, whatever the program. On a shared
    virtual machine the second vCPU is not a free second core; each copy's rate counts, so a vCPU slowed by
    the host's other guests still adds what it does (``-j 2`` hands plans to whichever worker is free)."""
    def timed(count: int) -> list[float]:
        processes = [subprocess.Popen([PY, "-c", SPIN], stdout=subprocess.PIPE, text=True) for _ in range(count)]
        return [float(p.communicate()[0]) for p in processes]

    rounds = []
    for _ in range(REPEAT):
        alone = timed(1)[0]
        rounds.append(sum(alone / seconds for seconds in timed(2)))
    return statistics.median(rounds)


def parallel_cpu(one: Measured, two: Measured) -> None:
    """Where a -j 2 speed-up short of 2 × goes. Both cores busy all the time would take -j 2's CPU seconds
    halved, so 2 × wall(-j 1) ÷ CPU(-j 2) bounds the speed-up: below it, a core stood idle (the pool's start,
    its last plan); the bound itself falls as -j 2 spends more CPU on the same plans than -j 1 (a second
    process's start-up, and on a virtual machine two busy vCPUs each running slower than one alone)."""
    bound = 2 * one.seconds / two.cpu
    print(f"{'  CPU seconds, -j 1 and -j 2':44} {one.cpu:8.1f} s {two.cpu:5.1f} s   -j 2 spends "
          f"{two.cpu / one.cpu:.2f} × the CPU; both cores busy throughout would give {bound:.2f} ×")


def pdf(work: Path) -> None:
    """The issue's ratio: `build --pdf` of the four examples (rendering included) against one
    `soffice --convert-to pdf` of the same four prebuilt .docx. Runs alternate, so that both sides
    see the same load; one untimed run of each first (LibreOffice's profile, orderforge's profile seed)."""
    print()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("PDF: LibreOffice not installed, skipped")
        return
    folder = work / "pdf"
    run(OF + ["build", "-o", str(folder)])
    docs = [str(folder / f"{p.stem}.docx") for p in EXAMPLES]
    reference = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work / "pdf-ref"), *docs]
    ours = OF + ["build", "--force", "--pdf", "-o", str(folder)]
    run(reference), run(ours)
    took = interleaved({"reference": plain(reference), "ours": plain(ours)})
    line("build --pdf of the four examples", took["ours"].seconds, took["reference"].seconds,
         "one soffice call   (target ≤ 1.1)")


if __name__ == "__main__":
    main()
