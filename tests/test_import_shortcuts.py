"""Each shortcut import takes is proved equal to the full path it replaces, on every fixture, every corpus
document and a table longer than the rows a style copies.

Import makes its output faster by not doing work twice; none of that may change a byte of what it writes
nor a diagnostic it prints. Here each shortcut is switched back to the full path (by monkeypatching) and
both results are compared byte for byte.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge import stylegen

from .conftest import ROOT
from .corpus.make_corpus import CASES, make
from .corpus.wordxml import C, append, new_document, p, row, save, table

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "import").glob("*.docx") if p.stem != "no-plan-table")
DOCUMENTS = [f"fixture:{p.stem}" for p in FIXTURES] + [f"corpus:{c.__name__}" for c in CASES] + ["long:150"]


def long_table(folder: Path, rows: int) -> Path:
    """A plan table of ``rows`` activities in 3 sections: longer than the rows a style takes as prototypes."""
    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
    body = [row(header, header=True)]
    for s in range(3):
        body.append(row([C(f"{s + 1}. Раздел {s + 1}", span=5)]))
        body += [row([f"{s + 1}.{k + 1}.", f"Мероприятие {s + 1}.{k + 1} с текстом", "март 2026 г.",
                      "Управление образования, Методический кабинет", "Справка"]) for k in range(rows // 3)]
    document = new_document()
    append(document, p("План мероприятий на 2026 год", jc="center"), table([12, 70, 30, 40, 35], body))
    return save(document, folder / f"long-{rows}.docx")


def document(name: str, folder: Path) -> Path:
    kind, _, which = name.partition(":")
    if kind == "fixture":
        return ROOT / "tests" / "fixtures" / "import" / f"{which}.docx"
    if kind == "corpus":
        return make(next(c for c in CASES if c.__name__ == which), folder)[0]
    return long_table(folder, int(which))


def _derived(docx: Path) -> Any:
    derived = stylegen.derive_style(docx, "x-style")
    return derived.template, derived.amend, derived.style_yaml, [str(d) for d in derived.report]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_style_copies_only_the_rows_it_reads(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The template made from the plan table's prototype rows only is the one a copy of every row gives."""
    docx = document(name, tmp_path)
    fast = _derived(docx)
    monkeypatch.setattr(stylegen, "_appendix_copy", lambda elements, start, *_: copy.deepcopy(elements[start:]))
    assert fast == _derived(docx)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_style_reads_alignments_from_styles_parsed_once(name: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """styles.xml parsed once (strictly, as every part is checked) gives the alignments parsing it again gives."""
    docx = document(name, tmp_path)
    fast = _derived(docx)
    original = stylegen.style_alignments
    monkeypatch.setattr(stylegen, "style_alignments", lambda blob, parsed=None: original(blob))
    assert fast == _derived(docx)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_style_reading_skips_only_what_the_style_does_not_use(name: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The style is read without the plan's period and the directory report (warnings nobody sees there):
    the style is the one the full reading gives."""
    from orderforge.importer import reading

    docx = document(name, tmp_path)
    fast = _derived(docx)
    full = reading.read_plan
    monkeypatch.setattr(reading, "read_plan", lambda *a, for_style=False: full(*a))
    assert fast == _derived(docx)


# -- the plan's values decided without fmt's analysis or ruamel's resolvers (importer/yamltext.py)

_VALUES = [
    "Управление образования", "yes", "No", "null", "«Школа»", "Срок: март", "a #b", "конец ", "ЦОРП", "2026", "1.1.",
    "- пункт", "'кавычки'", "Y", "A\x85b", "2026-2027", "2026-02-11", "01.03.2026", "1e5", "1_000", "0x1F", "0o17",
    "017", "08", "1.5", "1:30", "190:20:30", "2026 г.", "2026 ", "1, 2", "3 (три)", "10 000", "2026–2027 учебный год",
    "1.", "0b101", "12e", "2001-12-14 21:59:43", "1 000 000", "9.", "07.2026", "+1", ".5", "2026—2027",
]


@pytest.mark.parametrize("text", _VALUES)
def test_values_are_written_as_fmt_writes_them(text: str) -> None:
    """The writer's one-line form of a value (plain or '…') is fmt's, and the restated resolvers say what
    ruamel's say, for values a plan holds (years, numbers, dates) and for YAML's typed words."""
    from orderforge.importer.yamltext import _Writer, typed
    from orderforge.yamlscalars import Scalars

    assert typed(text) == Scalars().typed(text)
    for flow in (False, True):
        assert _Writer().inline(text, flow) == Scalars().inline(text, False, flow=flow)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789._-+:eEoxbT tZ,аг.()«»/–", min_size=1, max_size=14))
def test_digit_values_are_written_as_fmt_writes_them(text: str) -> None:
    """Text starting with a digit is decided without fmt's analysis (yamlscalars) and without ruamel's
    resolvers: the answer must be fmt's for every such text."""
    from orderforge.importer.yamltext import _Writer, typed
    from orderforge.yamlscalars import Scalars

    assert typed(text) == Scalars().typed(text)
    for flow in (False, True):
        assert _Writer().inline(text, flow) == Scalars().inline(text, False, flow=flow)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.sampled_from(["yes", "No", "ON", "off", "~", "null", "NULL", "<<", "=", "!",
                                                         "&", "*", ".inf", "-.Inf", ".NaN", ".5", "+.5e+3", "y"])))
def test_the_restated_resolvers_agree_with_ruamel(text: str) -> None:
    from orderforge.importer.yamltext import typed
    from orderforge.yamlscalars import Scalars

    assert typed(text) == Scalars().typed(text)


# -- the second reading of a table takes the first one's structure (importer/resolving.py)

_DIRECTORY = """parties:
  УО:
    name: Управление образования
  МК:
    name: Методический кабинет
people:
  ivanova:
    surname: Иванова
    initials: А.А.
    position: учитель
"""


def _import_everything(docx: Path, folder: Path, directory: str | None, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every byte an import without --style writes (plan, directory, the style made), its JSON and its
    summary, every diagnostic formatted; in a workspace of its own."""
    import shutil

    from orderforge.importer import import_docx, result_json

    from .conftest import TEMPLATES

    shutil.copytree(TEMPLATES, folder / "templates")
    (folder / "plans").mkdir()
    if directory is not None:
        (folder / "plans" / "directory.yaml").write_text(directory, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = import_docx(docx, Path("plans/x.yaml"), style=None)
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return (files, result_json(result), result.summary(), [d.format() for d in result.imported.report],
            [d.format() for d in result.validation], result.imported.info)


@pytest.mark.parametrize("directory", [None, _DIRECTORY], ids=["new-directory", "given-directory"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_plan_reading_takes_the_structure_the_style_reading_made(
        name: str, directory: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sections, activities, deadlines and parsed responsible cells are read once for the style and the
    plan, only registered again (codes or ids, by the style), and a cell naming no person is registered
    once per reading: every file, message and note is the one reading the whole table again gives."""
    from orderforge.importer import resolving

    docx = document(name, tmp_path)
    fast = _import_everything(docx, tmp_path / "fast", directory, monkeypatch)
    monkeypatch.setattr(resolving, "REUSE", False)
    monkeypatch.setattr(resolving, "REGISTER_ONCE", False)
    assert fast == _import_everything(docx, tmp_path / "full", directory, monkeypatch)


@pytest.mark.parametrize("directory", [None, _DIRECTORY], ids=["new-directory", "given-directory"])
@pytest.mark.parametrize("name", ["fixture:order-school", "long:150"])
def test_the_structure_is_built_once_per_import(name: str, directory: str | None, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut above is taken: rows become sections and activities once, not once per reading."""
    from orderforge.importer import resolving

    docx = document(name, tmp_path)
    calls = []
    build = resolving.build_structure
    monkeypatch.setattr(resolving, "build_structure", lambda *args: calls.append(1) or build(*args))
    _import_everything(docx, tmp_path / "fast", directory, monkeypatch)
    assert len(calls) == 1


def test_a_copied_activity_and_section_keep_every_field_and_share_no_list() -> None:
    """ActivityOut.copy and SectionOut.copy name their fields one by one: a field added later and not
    copied fails here, as does a list the copy shares with the original."""
    from orderforge.importer.imported import ActivityOut, Number, SectionOut

    activity = ActivityOut(Number((1, 2), True, "1.2."), "строка 3", ["текст"], "март", ["УО"], ["справка"], "прим",
                           ["склеено"], ["март"], ["Управление образования"])
    section = SectionOut("Раздел", True, (1,), "строка 2", [activity], [SectionOut("Под", True, (1, 1), "строка 4")],
                         "todo")
    for original, made in ((activity, activity.copy()), (section, section.copy())):
        for field in type(original).__slots__:
            value, copied = getattr(original, field), getattr(made, field)
            assert repr(copied) == repr(value) or field in ("activities", "sections"), field
            if isinstance(value, list):
                assert copied is not value and len(copied) == len(value), field
    assert [a.text for a in section.copy().activities] == [activity.text]
    assert section.copy().activities[0] is not activity


def _plan_text(docx: Path, table: Any, ids: bool) -> tuple[str, list[str], list[str]]:
    from orderforge.diagnostics import Pos, Report
    from orderforge.importer.directory import Registry
    from orderforge.importer.docfile import read_document
    from orderforge.importer.output import plan_yaml
    from orderforge.importer.reading import read_plan
    from orderforge.planmodel import Directory
    from orderforge.style import Style

    blocks, numbering = read_document(docx, "plan.docx")
    registry = Registry(Directory(), Report(), Pos("plan.docx"), ids=ids)
    imported = read_plan(blocks, numbering, "plan.docx", registry, Style(name="x", folder=Path(".")), table)
    return plan_yaml(imported, "x", None, "plan.docx"), [d.format() for d in imported.report], imported.info


@pytest.mark.parametrize("name", ["fixture:order-school", "fixture:split-table", "long:30"])
def test_every_reading_of_one_table_is_a_reading_of_its_own(name: str, tmp_path: Path) -> None:
    """The second reading takes the structure the first one kept; a third builds it again: each, with
    codes or ids, is what reading the table afresh gives."""
    from orderforge.importer.tables import PlanTable

    docx = document(name, tmp_path)
    table = PlanTable()
    for ids in (False, True, False, True):
        assert _plan_text(docx, table, ids) == _plan_text(docx, PlanTable(), ids)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="-–—•▪●·‐ \t\nаб1.", max_size=6), max_size=4))
def test_cell_text_is_the_full_reading(lines: list[str]) -> None:
    """The structure's cell text tries the dash pattern only on cells with a line starting with a dash:
    the lines it gives are text._text_lines', and never the list it was given."""
    from orderforge.importer.structure import _cell_text
    from orderforge.importer.text import _text_lines

    made = _cell_text(lines)
    assert made == _text_lines(lines) and made is not lines


@pytest.mark.parametrize("name", DOCUMENTS)
def test_reading_the_plan_leaves_the_table_rows_as_read(name: str, tmp_path: Path) -> None:
    """The structure and the cells only read the rows of the table (a drawn number is placed in a copy):
    so the rows one PlanTable keeps could be handed to every reading without copying them."""
    from orderforge.diagnostics import Pos, Report
    from orderforge.importer.directory import Registry
    from orderforge.importer.docfile import read_document
    from orderforge.importer.imported import _Reader
    from orderforge.importer.resolving import resolve_cells
    from orderforge.importer.structure import build_structure
    from orderforge.importer.tables import find_plan
    from orderforge.planmodel import Directory
    from orderforge.style import Style

    blocks, numbering = read_document(document(name, tmp_path), "plan.docx")
    reader = _Reader(blocks, numbering, "plan.docx", Registry(Directory(), Report(), Pos("plan.docx")),
                     Style(name="x", folder=Path(".")))
    _, header, rows, _ = find_plan(reader)
    before = copy.deepcopy(rows)
    top, sections = build_structure(reader, header, rows)
    resolve_cells(reader, top + [a for s in sections for a in s.activities + [b for u in s.sections
                                                                             for b in u.activities]], rows)
    assert rows == before
