"""Reading what real Word files contain: each failure found on committees' files, one test each.

Automatic list numbers (empty numbered paragraphs, «%1.%2.», restarts), the
non-breaking and soft hyphens, tracked changes, unnumbered sections over
running or restarting numbers, two-paragraph responsible cells, a position in
front of a name, an approval stamp above the table, the period a document
implies, the kind of the approving document, .doc/.odt/.rtf through
LibreOffice, hostile attribute values and the size limit. Documents are built
with tests/corpus/wordxml.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.cli import main
from orderforge.diagnostics import UserError
from orderforge.docxtext import docx_text, read_blocks
from orderforge.importer import import_docx, parse_responsible
from orderforge.planfile import load_plan
from orderforge.wordlists import ListCounter

from .conftest import ROOT
from .corpus.wordxml import C, add_list, append, new_document, p, row, save, table

HEADER = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
WIDTHS = [12, 70, 30, 40, 35]


@pytest.fixture
def workspace(empty_workspace: Path) -> Path:
    return empty_workspace


def plan_doc(folder: Path, rows: list[str], *, above: list[str] | None = None, lists: Any = None,
             name: str = "doc.docx") -> Path:
    d = new_document()
    for args in lists or []:
        add_list(d, *args)
    append(d, *(above if above is not None else [p("План мероприятий на 2026 год", jc="center")]),
           table(WIDTHS, [row(list(HEADER), header=True)] + rows))
    return save(d, folder / name)


def activity(n: int, number: C | str = "") -> list[C | str]:
    return [number, f"Мероприятие {n}", "март 2026 г.", "Управление образования", "Справка"]


def imported(docx: Path, out: str = "plans/x.yaml") -> Any:
    result = import_docx(docx, Path(out))
    plan, report = load_plan(result.plan)
    assert plan is not None and not report.errors, [d.format() for d in report.errors]
    return result, plan


def numbers(result: Any) -> list[str]:
    return [a.number.text if a.number else "" for a in result.imported.all_activities()]


def codes(result: Any) -> set[str]:
    return {d.code for d in result.imported.report}


# --------------------------------------------------------------------------- Word's list numbering


def test_empty_numbered_paragraphs_in_the_number_cell_give_1_to_32(workspace: Path) -> None:
    rows = [row(activity(n, C([p("", num=("101", 0))]))) for n in range(1, 33)]
    docx = plan_doc(workspace, rows, lists=[(101, [("decimal", "%1.", 1)], [(101, {})])])
    result, plan = imported(docx)
    assert numbers(result) == [f"{n}." for n in range(1, 33)]
    assert len(plan.plan.activities) == 32 and not plan.plan.sections


def test_two_level_labels_number_sections_and_activities(workspace: Path) -> None:
    rows = []
    for s in range(2):
        rows.append(row([C([p(f"Раздел {s + 1}", num=("102", 0))], span=5)]))
        rows += [row(activity(n, C([p("", num=("102", 1))]))) for n in range(3)]
    docx = plan_doc(workspace, rows, lists=[(102, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)], [(102, {})])])
    result, plan = imported(docx)
    assert numbers(result) == ["1.1.", "1.2.", "1.3.", "2.1.", "2.2.", "2.3."]
    assert [s.title for s in plan.plan.sections] == ["Раздел 1", "Раздел 2"]
    assert all(not a.text[0].text.startswith(".") for s in plan.plan.sections for a in s.activities)


def test_list_counter_levels_starts_overrides_and_formats() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = f"""<w:numbering {w}>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:start w:val="один"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:isLgl/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>""".encode()
    lists = ListCounter.parse(xml)
    got = [lists.label("1", 0), lists.label("1", 1), lists.label("1", 2), lists.label("1", 2), lists.label("1", 1),
           lists.label("1", 2), lists.label("1", 0), lists.label("1", 1)]
    assert got == ["III.", "III.1.", "а)", "б)", "III.2.", "а)", "IV.", "IV.1."]
    assert [lists.label("2", 0), lists.label("2", 1)] == ["I.", "I.1."]  # startOverride: a new list from 1
    assert lists.label("3", 0) == "1."  # «один» is no number: the default, and said
    assert any("«один»" in problem for problem in lists.problems)
    assert lists.label("99", 0) == ""  # a list numbering.xml does not define is not numbered


def test_a_list_defined_by_a_list_style_takes_the_styles_levels() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = f"""<w:numbering {w}>
      <w:abstractNum w:abstractNumId="10"><w:styleLink w:val="Plan"/>
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="Plan"/></w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="10"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="11"/></w:num>
    </w:numbering>""".encode()
    lists = ListCounter.parse(xml, {"Plan": "5"})
    assert [lists.label("6", 0), lists.label("6", 1), lists.label("6", 1), lists.label("6", 0)] == [
        "1.", "1.1.", "1.2.", "2."]


def test_a_number_drawn_before_the_text_is_not_glued_onto_it(workspace: Path) -> None:
    lists = [(103, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)], [(103, {})])]
    rows = [row([C("1. Раздел", span=5)])] + [
        row([f"1.{n}.", C([p(f"Мероприятие {n}", num=("103", 1))]), "март 2026 г.", "Управление образования",
             "Справка"]) for n in (1, 2)]
    result, plan = imported(plan_doc(workspace, rows, lists=lists))
    assert [a.text[0].text for a in plan.plan.sections[0].activities] == ["Мероприятие 1", "Мероприятие 2"]
    assert "IM108" in codes(result)


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize("restart", [False, True], ids=["running", "restarting"])
def test_every_unnumbered_section_is_kept(restart: bool, workspace: Path) -> None:
    rows, n = [], 0
    for s in range(4):
        rows.append(row([C(f"Этап {s + 1}", span=5)]))
        for k in range(2):
            n = k + 1 if restart else n + 1
            rows.append(row(activity(n, f"{n}.")))
    result, plan = imported(plan_doc(workspace, rows))
    assert [(s.title, s.numbered, len(s.activities)) for s in plan.plan.sections] == [
        (f"Этап {s + 1}", False, 2) for s in range(4)]
    assert not {"IM107", "IM105", "IM102"} & codes(result)
    assert result.imported.numbering_scheme == ("per-section" if restart else "running")
    assert result.to_json()["activity_numbering"] == result.imported.numbering_scheme


# --------------------------------------------------------------------------- text


def test_no_break_and_soft_hyphens_and_tracked_changes(tmp_path: Path) -> None:
    d = new_document()
    append(d, p("учителя\u2011предметники, ГИА\u20112026, I\u2011II четверти, мони\u00adторинг"),
           p("план [-старый -][+новый +]текст"))
    text = docx_text(save(d, tmp_path / "h.docx"))
    assert text.splitlines()[-2:] == ["учителя-предметники, ГИА-2026, I-II четверти, мониторинг",
                                      "план новый текст"]


def test_hostile_attribute_values_are_defaults_with_a_warning(workspace: Path) -> None:
    rows = [row([C("1. Раздел", span="пять")]), row(activity(1, "1.1."))]
    docx = plan_doc(workspace, rows)
    problems: list[str] = []
    read_blocks(docx, problems)
    assert any("w:gridSpan" in problem and "«пять»" in problem for problem in problems)
    result, plan = imported(docx)
    assert "IM008" in codes(result)
    assert [s.title for s in plan.plan.sections] == ["Раздел"]


# --------------------------------------------------------------------------- responsible cells


def test_two_paragraphs_are_two_parties_and_a_position_before_a_name_is_the_persons() -> None:
    found, _ = parse_responsible(["Наставники", "наставляемые"], set())
    assert [(f.kind, f.value) for f in found] == [("name", "Наставники"), ("name", "наставляемые")]
    found, _ = parse_responsible(["Технический специалист Попов Д.А."], set())
    assert [(f.kind, f.surname, f.initials, f.position) for f in found] == [
        ("person", "Попов", "Д.А.", "технический специалист")]
    found, _ = parse_responsible(["заместитель", "директора"], set())  # a position broken over two lines
    assert [(f.kind, f.value) for f in found] == [("name", "заместитель директора")]


# --------------------------------------------------------------------------- stamp, period, kind


@pytest.mark.parametrize("lines", [
    ["УТВЕРЖДЁН", "распоряжением комитета образования", "№7-р от 13.01.2026 года"],
    ["Утверждена распоряжением комитета образования", "от 13.01.2026 № 7-р"],
], ids=["three-lines-yo", "two-lines"])
def test_a_stamp_over_several_lines_stays_out_of_the_title(lines: list[str], workspace: Path) -> None:
    above = [p(line, jc="right") for line in lines] + [p("План мероприятий на 2026 год", jc="center")]
    _, plan = imported(plan_doc(workspace, [row(activity(1, "1."))], above=above))
    assert plan.plan.title == ["План мероприятий на 2026 год"]
    assert plan.approval is not None and (plan.approval.kind, plan.approval.number) == ("распоряжение", "7-р")


def test_an_approval_stamp_above_the_table_is_the_plans_approval(workspace: Path) -> None:
    above = [p("Утвержден распоряжением комитета образования №7-р от 13.01.2026 года", jc="right"),
             p("План мероприятий на 2026 год", jc="center")]
    result, plan = imported(plan_doc(workspace, [row(activity(1, "1."))], above=above))
    assert plan.plan.title == ["План мероприятий на 2026 год"]
    assert plan.approval is not None
    assert (plan.approval.kind, plan.approval.issuer_genitive, plan.approval.date.isoformat(),
            plan.approval.number) == ("распоряжение", "комитета образования", "2026-01-13", "7-р")
    assert result.to_json()["approval"] == {"kind": "распоряжение", "issuer_genitive": "комитета образования",
                                            "date": "2026-01-13", "number": "7-р"}
    message = "\n".join(d.message for d in result.imported.report if d.code == "IM131")
    assert "распоряжение комитета образования" in message and "приказ " not in message


@pytest.mark.parametrize("title, deadlines, period", [
    ("План на 2026/2027 учебный год", ["сентябрь 2026 г.", "август 2027 г."], "2026-2027 учебный год"),
    ("План на 2026–2028 годы", ["март 2026 г.", "май 2028 г."], "2026-2028"),
    ("План на 2025-2026 учебный год", ["август 2025 г.", "май 2026 г."], "2025-2026"),
    ("План работы", ["август 2026 г.", "сентябрь 2027 г."], "2026-2027"),
])
def test_the_period_stated_or_implied(title: str, deadlines: list[str], period: str, workspace: Path) -> None:
    rows = [row([f"{n}.", f"Мероприятие {n}", when, "Управление образования", "Справка"])
            for n, when in enumerate(deadlines, start=1)]
    result, plan = imported(plan_doc(workspace, rows, above=[p(title, jc="center")]))
    assert plan.plan.period is not None and plan.plan.period.text == period


# --------------------------------------------------------------------------- other formats, limits


def test_a_doc_without_libreoffice_says_what_to_install(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("orderforge.pdf.find_soffice", lambda: None)
    old = workspace / "plan.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = CliRunner().invoke(main, ["import", str(old), "-o", "plans/x.yaml"], prog_name="orderforge")
    assert result.exit_code == 2
    assert "IM006" in result.output and "apt-get install libreoffice-writer-nogui" in result.output
    assert "Traceback" not in result.output
    assert not (workspace / "plans" / "x.yaml").exists()


@pytest.mark.slow
@pytest.mark.parametrize("target", ["odt", "doc", "rtf"])
def test_doc_odt_and_rtf_are_converted_through_libreoffice(target: str, workspace: Path) -> None:
    from orderforge.pdf import find_soffice, run_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    rows = [row([C("1. Раздел", span=5)])] + [row(activity(n, f"1.{n}.")) for n in (1, 2, 3)]
    docx = plan_doc(workspace, rows, name="plan.docx")
    assert run_soffice(soffice, [docx], target, workspace / "conv", 180)
    source = workspace / "conv" / f"plan.{target}"
    assert source.is_file()
    result, plan = imported(source)
    assert numbers(result) == ["1.1.", "1.2.", "1.3."]
    assert [a.text[0].text for a in plan.plan.sections[0].activities] == ["Мероприятие 1", "Мероприятие 2",
                                                                          "Мероприятие 3"]
    assert any("преобразован в .docx через LibreOffice" in line for line in result.imported.info)


def test_a_table_over_the_limit_is_refused_with_how_to_split(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("orderforge.importer.docfile.MAX_ROWS", 10)
    docx = plan_doc(workspace, [row(activity(n, f"{n}.")) for n in range(1, 15)])
    with pytest.raises(UserError) as caught:
        import_docx(docx, Path("plans/x.yaml"))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "IM007" and "разделите документ" in diagnostic.hint
    assert not Path("plans/x.yaml").exists()


# --------------------------------------------------------------------------- the YAML written


@pytest.mark.parametrize("fixture", ["columns-reordered", "split-table", "order-school", "order-incomplete"])
def test_the_plan_text_is_fmt_canonical_and_reads_as_ruamels_dump(fixture: str, workspace: Path) -> None:
    import io

    from ruamel.yaml import YAML

    from orderforge.fmt import format_text
    from orderforge.yamlrt import round_trip_yaml

    from .plan_yaml_reference import plan_tree

    result = import_docx(ROOT / "tests" / "fixtures" / "import" / f"{fixture}.docx", Path("plans/x.yaml"))
    text = result.plan.read_text(encoding="utf-8")
    assert format_text(text) == text  # «orderforge fmt --check» passes right after import
    written = YAML(typ="safe").load(text)
    buffer = io.StringIO()  # the CommentedMap tree import built before, as ruamel's own dumper writes it
    tree = plan_tree(result.imported, written["style"], written.get("directory"), f"{fixture}.docx")
    round_trip_yaml().dump(tree, buffer)
    assert written == YAML(typ="safe").load(buffer.getvalue())
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert comments == [line.strip() for line in buffer.getvalue().splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("text", [
    "Управление образования", "yes", "No", "null", "«Школа»", "Срок: март", "a #b", "конец ", "ЦОРП", "КлО",
    "Иванова И.И., заместитель", "x, y", "[x]", "Раздел {1}", "ГИА-2026", "text\u2028more", "on", "Мероприятие — 1",
    "2026", "1.1.", "- пункт", "'кавычки'", "«a» b:", "Y", "ёлка", "A\x85b",
])
def test_the_fast_plain_check_agrees_with_fmt(text: str) -> None:
    from orderforge.importer.yamltext import _Writer

    writer = _Writer()
    for flow in (False, True):
        assert writer.inline(text, flow) == writer.sc.inline(text, False, flow=flow)


@pytest.mark.parametrize("chunk", [1, 2, 5, 13, 1 << 20])
def test_rows_are_counted_across_chunk_boundaries(chunk: int) -> None:
    import io

    from orderforge.importer.docfile import _count_rows

    xml = b"<w:tbl>" + b'<w:tr w:rsidR="1"><w:trPr/><w:tc/></w:tr>' * 50 + b"<w:tr/><x:tr>"
    assert _count_rows(io.BytesIO(xml), chunk) == 52


# --------------------------------------------------------------------------- hostile values, generated


_ATTR = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=60, deadline=None)
@given(start=_ATTR, ilvl=_ATTR, fmt=_ATTR, text=_ATTR, override=_ATTR, level=st.integers(-3, 12))
def test_list_labels_never_raise_on_hostile_numbering(start: str, ilvl: str, fmt: str, text: str, override: str,
                                                      level: int) -> None:
    from xml.sax.saxutils import quoteattr

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<w:numbering {w}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl={quoteattr(ilvl)}>'
           f"<w:start w:val={quoteattr(start)}/><w:numFmt w:val={quoteattr(fmt)}/>"
           f"<w:lvlText w:val={quoteattr(text)}/></w:lvl></w:abstractNum>"
           f'<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl={quoteattr(ilvl)}>'
           f"<w:startOverride w:val={quoteattr(override)}/></w:lvlOverride></w:num></w:numbering>").encode()
    try:
        lists = ListCounter.parse(xml)
    except ValueError:  # characters XML itself forbids: not a numbering.xml Word could hold
        return
    for _ in range(3):
        assert isinstance(lists.label("1", level), str)


@settings(max_examples=25, deadline=None)
@given(span=_ATTR, merge=_ATTR)
def test_cells_never_raise_on_hostile_spans_and_merges(span: str, merge: str, tmp_path_factory) -> None:
    from xml.sax.saxutils import escape

    folder = tmp_path_factory.mktemp("hostile")
    cell = (f'<w:tc><w:tcPr><w:gridSpan w:val="{escape(span, {chr(34): "&quot;"})}"/>'
            f'<w:vMerge w:val="{escape(merge, {chr(34): "&quot;"})}"/></w:tcPr><w:p/></w:tc>')
    d = new_document()
    try:
        append(d, f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")
    except Exception:  # noqa: BLE001 — a value XML itself cannot hold
        return
    problems: list[str] = []
    (block, *_) = [b for b in read_blocks(save(d, folder / "h.docx"), problems) if not hasattr(b, "align")]
    (cell_read,) = block.rows[0]
    assert 1 <= cell_read.span <= 64 and cell_read.vmerge in ("restart", "continue")
