"""House styles made from a committee's own Word file, and import giving the document back.

The round trip is the test: a committee's document → ``style new`` (or ``import``
without ``--style``) → the imported plan built in that style → the same document:
the same text (up to typography: no-break spaces and hyphens), the same plan
table (column order, header words, cells), the same page sizes, orientations
and margins per section, the same fonts, the same emblem.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from orderforge.build import build_plan
from orderforge.cli import main
from orderforge.docxtext import Table, docx_text, read_blocks
from orderforge.importer import import_docx
from orderforge.planfile import load_plan
from orderforge.stylecheck import check_style
from orderforge.stylegen import derive_style, make_style
from orderforge.typography import plain

from . import stylegen_docs as docs
from .conftest import FIXTURES, PLANS, ROOT, TEMPLATES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SEEDS = sorted(p.stem for p in PLANS.glob("*.yaml") if not p.name.endswith("directory.yaml"))
MM = 1440 / 25.4


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace: plans/ and templates/ only (no built-in style is needed for the round trip)."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "templates").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lines(path: Path) -> list[str]:
    """The document's text as a reader sees it: typography made plain, the trailing spacer paragraph dropped."""
    out = [" ".join(plain(line).split()) for line in docx_text(path).splitlines()]
    while out and not out[-1]:
        out.pop()
    return out


def plan_table(path: Path) -> Table:
    tables = [b for b in read_blocks(path) if isinstance(b, Table) and len(b.rows) > 2]
    return tables[-1]


def table_rows(path: Path) -> list[list[str]]:
    return [[" ".join(plain(c.text).split()) for c in row] for row in plan_table(path).rows]


def sections(path: Path) -> list[dict[str, float | str]]:
    """Every section's page size, orientation and margins, in mm."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for sect in root.iter(f"{W}sectPr"):
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        entry: dict[str, float | str] = {"orient": size.get(f"{W}orient", "portrait")}
        entry.update({k: int(size.get(f"{W}{k}")) / MM for k in ("w", "h")})
        entry.update({k: int(margins.get(f"{W}{k}")) / MM for k in ("left", "right", "top", "bottom")})
        out.append(entry)
    return out


def fonts(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Font family and size: the Normal style's, and each text run's inside the plan table."""
    package = zipfile.ZipFile(path)
    styles = etree.fromstring(package.read("word/styles.xml"))
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    result = {"normal": {_font_of(normal.find(f"{W}rPr"))}}
    root = etree.fromstring(package.read("word/document.xml"))
    table = [t for t in root.iter(f"{W}tbl") if len(t.findall(f"{W}tr")) > 2][-1]
    result["table"] = {_font_of(r.find(f"{W}rPr")) for r in table.iter(f"{W}r")
                       if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()}
    return result


def _font_of(rpr: etree._Element | None) -> tuple[str, str]:
    if rpr is None:
        return ("", "")
    family = rpr.find(f"{W}rFonts")
    size = rpr.find(f"{W}sz")
    return (family.get(f"{W}ascii", "") if family is not None else "",
            size.get(f"{W}val", "") if size is not None else "")


def import_and_build(source: Path, ws: Path, style: str | None = None) -> tuple[Path, object]:
    result = import_docx(source, Path("plans/p.yaml"), style=style)
    errors = [d.format() for d in result.validation if d.severity == "error"]
    assert not errors, errors
    return build_plan(result.plan, ws / "out").docx, result


# --------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize("seed", SEEDS)
def test_each_seed_comes_back_from_its_derived_style(seed: str, tmp_path: Path, ws: Path) -> None:
    """A seed's document → its own style → import → build: zero differing lines, same page settings and fonts."""
    shutil.copytree(TEMPLATES, tmp_path / "builtin")
    shutil.copytree(PLANS, tmp_path / "seedplans")
    source = build_plan(tmp_path / "seedplans" / f"{seed}.yaml", tmp_path / "src").docx
    made = make_style(source, "derived", ws / "templates")
    assert not made.report.has_errors
    style, report = check_style("derived", ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    built, _ = import_and_build(source, ws, style="derived")
    assert lines(built) == lines(source)
    assert sections(built) == sections(source)
    assert fonts(built) == fonts(source)


# --------------------------------------------------------------------------- a committee's own order


@pytest.fixture
def letterhead(tmp_path: Path) -> Path:
    return docs.letterhead_order(tmp_path / "Приказ 45-о.docx")


def test_style_new_keeps_the_letterhead_the_emblem_and_the_layout(letterhead: Path, ws: Path) -> None:
    made = make_style(letterhead, "enskiy", ws / "templates")
    assert [p.name for p in made.written] == ["style.yaml", "template.docx", "amend.docx"]
    style, report = check_style("enskiy", ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    assert style.kind_display["приказ"] == "ПРИКАЗ" and style.operative["приказ"] == "ПРИКАЗЫВАЮ:"
    assert style.date_format == "{dd}.{mm}.{yyyy}" and style.number_format == "№ {number}"
    assert style.appendix_mark == ["Приложение к {kind_dative}", "{issuer_genitive}", "от {date} {number}"]
    assert [(c.key, c.header) for c in style.columns] == list(zip(
        ["number", "text", "responsible", "deadline", "result"], docs.HEADER, strict=True))
    assert [round(c.width) for c in style.columns] == docs.WIDTHS_MM
    assert [c.center for c in style.columns] == [True, False, False, True, False]
    assert style.responsible_format == "name"

    built, _ = import_and_build(letterhead, ws, style="enskiy")
    assert lines(built) == lines(letterhead)
    text = lines(built)
    for line in docs.ISSUER:
        assert line in text
    package = zipfile.ZipFile(built)
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert media, "the emblem's image part is in the built document"
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    document = etree.fromstring(package.read("word/document.xml"))
    embedded = [b.get(f"{R}embed") for b in document.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
    assert embedded and all(targets.get(rid, "").startswith("media/") for rid in embedded)
    assert package.read("word/" + targets[embedded[0]]) == docs.png()


def test_page_settings_and_fonts_are_the_committees(letterhead: Path, ws: Path) -> None:
    make_style(letterhead, "enskiy", ws / "templates")
    built, _ = import_and_build(letterhead, ws, style="enskiy")
    source, result = sections(letterhead), sections(built)
    assert [s["orient"] for s in result] == [s["orient"] for s in source] == ["portrait", "landscape"]
    for mine, theirs in zip(result, source, strict=True):
        for key in ("w", "h", "left", "right", "top", "bottom"):
            assert abs(float(mine[key]) - float(theirs[key])) < 1, (key, mine, theirs)
    assert fonts(built) == fonts(letterhead)
    assert fonts(built)["normal"] == {("Arial", "26")}
    assert fonts(built)["table"] == {("", "22")}  # 11 pt runs in the family of Normal


def test_plan_table_keeps_its_header_row_repeated(letterhead: Path, ws: Path) -> None:
    make_style(letterhead, "enskiy", ws / "templates")
    built, _ = import_and_build(letterhead, ws, style="enskiy")
    assert plan_table(built).header_rows == {0} == plan_table(letterhead).header_rows


def test_the_amending_order_has_the_letterhead_and_portrait_pages(letterhead: Path, ws: Path) -> None:
    made = make_style(letterhead, "enskiy", ws / "templates")
    amend = made.folder / "amend.docx"
    xml = zipfile.ZipFile(amend).read("word/document.xml").decode("utf-8")
    assert "appendix" not in xml and "order.signature.name" in xml and "<w:drawing>" in xml
    (section,) = sections(amend)
    assert section["orient"] == "portrait" and abs(float(section["left"]) - 25) < 1


# --------------------------------------------------------------------------- import gives the document back


def test_import_without_style_makes_it_and_prints_no_invented_code(letterhead: Path, ws: Path) -> None:
    built, result = import_and_build(letterhead, ws)
    assert result.style_folder == (ws / "templates" / "prikaz-45-o").resolve() or \
        result.style_folder.resolve() == (ws / "templates" / "prikaz-45-o").resolve()
    plan, _ = load_plan(Path("plans/p.yaml"))
    assert plan is not None and plan.style == "prikaz-45-o"
    style, report = check_style("prikaz-45-o", ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    assert table_rows(built) == table_rows(letterhead)  # header words, column order, every cell
    directory = (ws / "plans" / "p.directory.yaml").read_text(encoding="utf-8")
    assert "name: Управление образования" in directory and "УО:" not in directory
    printed = {cell for row in table_rows(built) for cell in row}
    for code in plan.directory.parties:
        assert code not in printed, f"the id {code} is printed"


@pytest.mark.parametrize("name", ["columns-reordered", "order-school"])
def test_import_of_hand_made_documents_keeps_their_columns_and_responsible_text(name: str, ws: Path) -> None:
    source = FIXTURES / "import" / f"{name}.docx"
    built, _ = import_and_build(source, ws)
    mine, theirs = table_rows(built), table_rows(source)
    assert mine[0] == theirs[0], "header words and column order"
    responsible = mine[0].index(next(h for h in mine[0] if h.lower().startswith("ответствен")))
    source_cells = {row[responsible] for row in theirs[1:] if len(row) == len(theirs[0])}
    built_cells = {row[responsible] for row in mine[1:] if len(row) == len(mine[0])}
    # the same words; a document that mixes «A / B» and «A, B» cells gets one separator (the style's)
    assert {_words(c) for c in built_cells} - {""} == {_words(c) for c in source_cells} - {""}


def _words(cell: str) -> str:
    return re.sub(r"[\s,/]", "", cell).lower()


def test_a_bare_plan_makes_a_style_for_a_bare_plan(tmp_path: Path, ws: Path) -> None:
    source = docs.bare_plan(tmp_path / "bare.docx")
    derived = derive_style(source, "bare")
    assert "\norder:" not in derived.style_yaml
    make_style(source, "bare", ws / "templates")
    style, report = check_style("bare", ws)  # the trial render has an order: the generic one prints it
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    built, _ = import_and_build(source, ws, style="bare")
    assert lines(built) == lines(source)
    assert [s["orient"] for s in sections(built)] == ["landscape"]


def test_what_is_not_recognised_is_reported_with_its_paragraph(tmp_path: Path, ws: Path) -> None:
    from docx import Document

    source = docs.bare_plan(tmp_path / "bare.docx")
    doc = Document(str(source))
    doc.add_paragraph("Исполнитель: Петрова А.А., тел. 2-22-22")
    doc.save(str(source))
    derived = derive_style(source, "bare")
    messages = [d.message for d in derived.report.items if d.code == "SG101"]
    assert any(m.startswith("абзац 2: «Исполнитель: Петрова") for m in messages), messages
    assert all(d.severity == "warning" for d in derived.report.items)


# --------------------------------------------------------------------------- the command


def test_cli_style_new_and_its_refusals(letterhead: Path, ws: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["style", "new", "enskiy", "--from", str(letterhead)])
    assert result.exit_code == 0, result.output
    assert "создан templates/enskiy/template.docx" in result.output
    again = runner.invoke(main, ["style", "new", "enskiy", "--from", str(letterhead)])
    assert again.exit_code == 2 and "SG001" in again.output and "--force" in again.output
    bad = runner.invoke(main, ["style", "new", "Мой стиль", "--from", str(letterhead)])
    assert bad.exit_code == 2 and "SG002" in bad.output
    missing = runner.invoke(main, ["style", "new", "x", "--from", "нет.docx"])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
    helptext = runner.invoke(main, ["style", "new", "--help"]).output
    assert "Сделать стиль оформления" in helptext and "orderforge style new moy-komitet --from" in helptext


def test_import_refuses_to_overwrite_a_made_style(letterhead: Path, ws: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["import", str(letterhead), "-o", "plans/a.yaml"])
    assert first.exit_code == 0, first.output
    assert "стиль оформления «prikaz-45-o» сделан из документа" in first.output
    second = runner.invoke(main, ["import", str(letterhead), "-o", "plans/b.yaml"])
    assert second.exit_code == 2 and "IM009" in second.output and "--style prikaz-45-o" in second.output
    assert not (ws / "plans" / "b.yaml").exists()
    as_json = runner.invoke(main, ["import", str(letterhead), "-o", "plans/c.yaml", "--force", "--json"])
    assert json.loads(as_json.stdout)["style_made"] == "templates/prikaz-45-o"
    third = runner.invoke(main, ["import", str(letterhead), "-o", "plans/b.yaml", "--style", "prikaz-45-o"])
    assert third.exit_code == 0, third.output


def test_braces_in_the_committees_text_are_printed_never_evaluated(tmp_path: Path, ws: Path) -> None:
    from docx import Document

    source = docs.letterhead_order(tmp_path / "x.docx")
    doc = Document(str(source))
    doc.paragraphs[2].runs[0].text = "УПРАВЛЕНИЕ {{ 7*7 }} {% if x %} ОБРАЗОВАНИЯ}"
    doc.sections[0].header.paragraphs[0].text = "{# бланк #}"
    doc.save(str(source))
    make_style(source, "braces", ws / "templates")
    style, report = check_style("braces", ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    built, _ = import_and_build(source, ws, style="braces")
    assert "УПРАВЛЕНИЕ {{ 7*7 }} {% if x %} ОБРАЗОВАНИЯ}" in lines(built)
    assert "49" not in " ".join(lines(built)[:4])
    header = zipfile.ZipFile(built).read("word/header1.xml").decode("utf-8")
    assert "бланк" in header


def test_a_date_line_in_a_layout_table_and_a_spaced_operative_word(tmp_path: Path, ws: Path) -> None:
    source = docs.letterhead_order(tmp_path / "x.docx", head_table=True, operative="п р и к а з ы в а ю:")
    make_style(source, "layout", ws / "templates")
    style, report = check_style("layout", ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    assert style.date_format == "«{dd}» {month} {yyyy} г."
    assert style.operative == {"приказ": "п р и к а з ы в а ю:", "распоряжение": "о б я з ы в а ю:"}
    built, _ = import_and_build(source, ws, style="layout")
    assert lines(built) == lines(source)
    head = [b for b in read_blocks(built) if isinstance(b, Table)][0]
    assert [plain(c.text) for c in head.rows[0]] == ["«05» марта 2026 г.", "№ 45-о"]


_COLUMN_SETS = st.permutations(["text", "deadline", "responsible", "result"]).flatmap(
    lambda keys: st.integers(3, 4).map(lambda n: (["text"] + [k for k in keys if k != "text"])[:n])
).flatmap(lambda keys: st.permutations(keys)).flatmap(
    lambda keys: st.booleans().map(lambda numbered: (["number"] if numbered else []) + list(keys)))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=_COLUMN_SETS, data=st.data())
def test_any_column_order_and_header_words_come_back(keys: list[str], data: st.DataObject, tmp_path: Path,
                                                      ws: Path) -> None:
    """Property: whatever columns a committee's table has, in whatever order and words, the style keeps
    them and the rebuilt plan table is the source's, cell for cell."""
    columns = [(key, data.draw(st.sampled_from(docs.HEADER_WORDS[key])), float(data.draw(st.integers(12, 90))))
               for key in keys]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = docs.plan_document(folder / "plan.docx", columns)
    name = f"p{folder.name.lower().replace('_', '')[-8:]}"
    make_style(source, name, ws / "templates")
    style, report = check_style(name, ws)
    assert style is not None and not report.has_errors, [d.format() for d in report.items]
    assert [(c.key, c.header) for c in style.columns] == [(k, h) for k, h, _ in columns]
    assert all(abs(c.width - w) < 0.2 for c, (_, _, w) in zip(style.columns, columns, strict=True))
    result = import_docx(source, Path(f"plans/{name}.yaml"), style=name)
    built = build_plan(result.plan, folder / "out").docx
    assert table_rows(built) == table_rows(source)


def test_a_plan_inside_a_content_control_is_found(tmp_path: Path, ws: Path) -> None:
    """Word wraps blocks in content controls (w:sdt): the importer reads through them, so does style new."""
    from docx import Document
    from docx.oxml import OxmlElement

    source = docs.bare_plan(tmp_path / "sdt.docx")
    doc = Document(str(source))
    body = doc.element.body
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    body.insert(0, sdt)
    for element in [e for e in body if e.tag in (f"{W}p", f"{W}tbl")]:
        content.append(element)
    doc.save(str(source))
    make_style(source, "sdt", ws / "templates")
    built, _ = import_and_build(source, ws, style="sdt")
    assert table_rows(built) == table_rows(source)


def test_the_three_commands_of_the_docs(letterhead: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/import.md: «I have last year's Word file» → a built plan in my own style, in three commands."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["init", "komitet"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "komitet")
    imported = runner.invoke(main, ["import", str(letterhead), "-o", "plans/dk-2025.yaml"])
    assert imported.exit_code == 0, imported.output
    assert runner.invoke(main, ["validate", "plans/dk-2025.yaml"]).exit_code == 0
    built = runner.invoke(main, ["build", "plans/dk-2025.yaml"])
    assert built.exit_code == 0, built.output
    assert table_rows(Path("output/dk-2025.docx")) == table_rows(letterhead)
    assert lines(Path("output/dk-2025.docx")) == lines(letterhead)
    for doc in ("import.md", "house-styles.md"):
        assert "orderforge import" in (ROOT / "docs" / doc).read_text(encoding="utf-8")


def test_a_table_in_the_orders_text_is_that_orders_own(tmp_path: Path, ws: Path) -> None:
    from docx import Document

    source = docs.letterhead_order(tmp_path / "x.docx")
    doc = Document(str(source))
    points = next(p for p in doc.paragraphs if p.text.startswith("2. Контроль"))
    members = doc.add_table(rows=2, cols=2)  # the working group, typed into this order
    members.rows[0].cells[0].text, members.rows[0].cells[1].text = "Участник", "Роль"
    members.rows[1].cells[0].text, members.rows[1].cells[1].text = "Методический кабинет", "председатель рабочей группы"
    points._p.addnext(members._tbl)
    doc.save(str(source))
    derived = derive_style(source, "members")
    xml = zipfile.ZipFile(__import__("io").BytesIO(derived.template)).read("word/document.xml").decode("utf-8")
    assert "председатель рабочей группы" not in xml and "order.signature.name" in xml
    assert any("таблица в тексте приказа" in d.message for d in derived.report.items)


def test_force_replaces_a_style_whole_and_a_failure_keeps_the_old_one(letterhead: Path, ws: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import orderforge.stylegen as stylegen

    first = make_style(letterhead, "enskiy", ws / "templates")
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    derived = derive_style(letterhead, "enskiy")
    real_replace = stylegen.os.replace

    def failing(src: object, dst: object) -> None:
        if Path(str(dst)).name == "enskiy" and not str(src).endswith(".old"):  # the new style fails to land
            raise OSError(28, "No space left on device")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(stylegen.os, "replace", failing)
    with pytest.raises(OSError):
        stylegen.write_style(derived, ws / "templates", force=True)
    monkeypatch.setattr(stylegen.os, "replace", real_replace)
    assert {p.name: p.read_bytes() for p in first.folder.iterdir()} == before
    assert sorted(p.name for p in (ws / "templates").iterdir()) == ["enskiy"]  # no staging folder left
    again = make_style(letterhead, "enskiy", ws / "templates", force=True)
    assert sorted(p.name for p in again.folder.iterdir()) == ["amend.docx", "style.yaml", "template.docx"]


def test_a_staging_folder_is_new_and_private_even_when_its_name_is_taken(tmp_path: Path) -> None:
    """write_style's staging folder (made without tempfile): a name already taken is skipped, never reused."""
    import os

    from orderforge.stylegen import _staging_folder

    taken = tmp_path / f".enskiy-{os.getpid()}-0"
    taken.mkdir()
    (taken / "keep").write_text("x", encoding="utf-8")
    made = _staging_folder(tmp_path, "enskiy")
    assert made == tmp_path / f".enskiy-{os.getpid()}-1" and made.is_dir() and not any(made.iterdir())
    assert (taken / "keep").read_text(encoding="utf-8") == "x"
    assert made.stat().st_mode & 0o777 == 0o700
