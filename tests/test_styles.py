"""House styles are data: a new committee's style is made without touching Python."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.build import build_plan
from orderforge.cli import main
from orderforge.docxtext import Paragraph, Table, read_blocks
from orderforge.stylecheck import check_style
from orderforge.typography import plain

from .conftest import FIXTURES, ROOT, TEMPLATES

NEW_STYLE = """\
# A new district's style: same Word template as Kaliningrad's, other data.
extends: kaliningrad-committee
name: Управление образования Энского района
order:
  kind_display:
    распоряжение: РАСПОРЯЖЕНИЕ
appendix:
  stamp:
    - "{approved}"
    - "{kind_instrumental} {issuer_genitive}"
    - от {date} {number}
  date_format: "{dd}.{mm}.{yyyy}"
numbering:
  trailing_dot: нет
table:
  columns:
    - {key: number, header: №, width: 12, center: да}
    - {key: deadline, header: Срок, width: 30, center: да}
    - {key: text, header: Содержание работы, width: 120}
    - {key: responsible, header: Исполнители, width: 60}
  responsible: name
  responsible_separator: comma
"""

PLAN = """\
style: ensk-district
directory:
  parties: {УО: Управление образования, ОО: общеобразовательные организации}
approval:
  kind: распоряжение
  issuer_genitive: управления образования Энского района
  date: 2026-01-13
  number: 7-р
plan:
  title: Дорожная карта по повышению качества образования на 2026 год
  period: 2026
  sections:
    - title: Мониторинг
      activities:
        - text: Анализ результатов ВПР
          deadline: апрель – май 2026 г.
          responsible: [УО, ОО]
          result: Справка
"""


@pytest.fixture
def ensk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose templates/ holds a copied-and-edited style folder — no Python involved."""
    style = tmp_path / "templates" / "ensk-district"
    shutil.copytree(TEMPLATES / "kaliningrad-committee", style)
    (style / "style.yaml").write_text(NEW_STYLE, encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ensk-2026.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_style_from_data_alone(ensk: Path) -> None:
    docx = build_plan(Path("plans/ensk-2026.yaml"), ensk / "output").docx
    blocks = read_blocks(docx)
    text = [" ".join(plain(b.text).split()) for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    # no order: the document starts with the approval stamp, agreeing with «Дорожная карта» (feminine)
    assert text[:3] == ["УТВЕРЖДЕНА", "распоряжением управления образования Энского района", "от 13.01.2026 № 7-р"]
    (table,) = [b for b in blocks if isinstance(b, Table) and b.caption == "orderforge:plan"]
    assert [c.text for c in table.rows[0]] == ["№", "Срок", "Содержание работы", "Исполнители"]
    assert [c.text for c in table.rows[1]] == ["1 Мониторинг"]
    assert [c.text.replace("\u00a0", " ") for c in table.rows[2]] == [
        "1.1", "апрель – май 2026 г.", "Анализ результатов ВПР",
        "Управление образования, общеобразовательные организации"]
    document = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "П Р И К А З" not in document
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', document.split("orderforge:plan")[1])[:4]]
    assert widths[2] > widths[3] > widths[1] > widths[0]


def test_style_without_template_inherits_the_parents(ensk: Path) -> None:
    (ensk / "templates" / "ensk-district" / "template.docx").unlink()
    docx = build_plan(Path("plans/ensk-2026.yaml"), ensk / "output").docx
    assert any(isinstance(b, Table) and b.caption == "orderforge:plan" for b in read_blocks(docx))


def test_styles_command_lists_workspace_style_first(ensk: Path) -> None:
    result = CliRunner().invoke(main, ["styles"])
    assert result.exit_code == 0
    assert "ensk-district" in result.output and "Управление образования Энского района" in result.output
    assert "kaliningrad-committee" in result.output


def _break_template(style: Path, old: str, new: str) -> None:
    path = style / "template.docx"
    source = zipfile.ZipFile(path)
    parts = {n: source.read(n) for n in source.namelist()}
    xml = parts["word/document.xml"].decode()
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, blob in parts.items():
            target.writestr(name, blob)


def test_check_style_reports_a_mistyped_field_up_front(ensk: Path) -> None:
    _break_template(ensk / "templates" / "ensk-district", "order.kind }}", "order.knd }}")
    _, report = check_style("ensk-district", ensk)
    assert [d.code for d in report.errors] == ["OF403"]
    assert "knd" in report.errors[0].message


def test_check_style_reports_broken_tag_with_part_and_paragraph(ensk: Path) -> None:
    _break_template(ensk / "templates" / "ensk-district", "{%p endfor %}", "{%p endfro %}")
    result = CliRunner().invoke(main, ["check-style", "ensk-district"])
    assert result.exit_code == 1
    assert "OF406" in result.output and "основной текст (word/document.xml), абзац" in result.output


def test_check_style_of_every_bundled_style() -> None:
    for folder in sorted((TEMPLATES).iterdir()):
        _, report = check_style(folder.name, ROOT)
        assert not report.has_errors, [d.format() for d in report.errors]


def test_extends_cycle_and_unknown_parent(tmp_path: Path) -> None:
    for name, parent in (("a", "b"), ("b", "a"), ("c", "nope")):
        folder = tmp_path / "templates" / name
        folder.mkdir(parents=True)
        (folder / "style.yaml").write_text(f"extends: {parent}\n", encoding="utf-8")
    assert "по кругу" in check_style("a", tmp_path)[1].errors[0].message
    assert check_style("c", tmp_path)[1].errors[0].code == "OF303"


def test_init_then_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "ws"), "--year", "2026"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "ws")
    assert runner.invoke(main, ["validate"]).output == ""
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert Path("output/plan-2026.docx").is_file()
    assert "output/" in Path(".gitignore").read_text(encoding="utf-8")
    again = runner.invoke(main, ["init", "."])
    assert again.exit_code == 2 and "уже существует" in again.output


def _rewrite_part(style: Path, part: str, change) -> None:
    """Rewrite one part of a style's template.docx with ``change(bytes) -> bytes``."""
    path = style / "template.docx"
    source = zipfile.ZipFile(path)
    parts = {n: source.read(n) for n in source.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w") as target:
        for name, blob in parts.items():
            target.writestr(name, blob)


def _not_a_zip(style: Path) -> None:
    (style / "template.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)  # a .doc renamed


def _malformed_xml(style: Path) -> None:
    _rewrite_part(style, "word/document.xml", lambda xml: xml.replace(b"</w:body>", b"</w:bdy>", 1))


def _cp1251_part(style: Path) -> None:
    _rewrite_part(style, "word/document.xml", lambda xml: xml.decode("utf-8").encode("cp1251", "replace"))


def _broken_header(style: Path) -> None:
    header = next(n for n in zipfile.ZipFile(style / "template.docx").namelist() if n.startswith("word/header"))
    _rewrite_part(style, header, lambda xml: xml[: len(xml) // 2])


@pytest.mark.parametrize("command", ["build", "check-style"])
@pytest.mark.parametrize("breaker, code, part", [
    (_not_a_zip, "OF405", "не файл .docx"),
    (_malformed_xml, "OF408", "основной текст (word/document.xml), около абзаца"),
    (_cp1251_part, "OF409", "основной текст (word/document.xml)"),
    (_broken_header, "OF408", "верхний колонтитул (word/header"),
], ids=["renamed-doc", "malformed-xml", "not-utf8", "cut-header"])
def test_broken_template_is_an_environment_error_not_a_traceback(ensk: Path, command: str, breaker, code: str,
                                                                  part: str) -> None:
    """build and check-style open templates in one place: same error, the file and the part named, exit 2."""
    style = ensk / "templates" / "ensk-district"
    breaker(style)
    args = ["build", "plans/ensk-2026.yaml", "-o", "out"] if command == "build" else ["check-style", "ensk-district"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert f"{style / 'template.docx'}: ошибка {code}: " in result.output
    assert part in result.output and "подсказка: " in result.output and "Word" in result.output
    assert "Traceback" not in result.output and "Error" not in result.output
    assert not (ensk / "out").exists() or not list((ensk / "out").iterdir())


def test_check_style_exit_codes(ensk: Path) -> None:
    """README: 2 for an unknown style (as init does), 1 for a style with mistakes, 0 for a good one."""
    runner = CliRunner()
    assert runner.invoke(main, ["check-style", "ensk-district"]).exit_code == 0
    unknown = runner.invoke(main, ["check-style", "ensk-distrikt"])
    assert unknown.exit_code == 2 and "OF111" in unknown.output and "«ensk-district»" in unknown.output
    _break_template(ensk / "templates" / "ensk-district", "{%p endfor %}", "{%p endfro %}")
    assert runner.invoke(main, ["check-style", "ensk-district"]).exit_code == 1


def test_extends_loop_shows_the_whole_chain(tmp_path: Path) -> None:
    for name, parent in (("s-loop", "s-loop2"), ("s-loop2", "s-loop"), ("s-self", "s-self")):
        folder = tmp_path / "templates" / name
        folder.mkdir(parents=True)
        (folder / "style.yaml").write_text(f"name: {name}\nextends: {parent}\n", encoding="utf-8")
    (loop,) = check_style("s-loop", tmp_path)[1].errors
    assert loop.code == "OF302" and loop.message.endswith("по кругу: s-loop → s-loop2 → s-loop")
    assert loop.pos.file.endswith("s-loop2/style.yaml") and loop.pos.line == 2
    assert check_style("s-self", tmp_path)[1].errors[0].message.endswith("по кругу: s-self → s-self")


@pytest.mark.parametrize("code, told", [
    ("{% for i in range(10**9) %}{% endfor %}", "слишком длинный цикл"),
    ("{{ 1 // (col.header|length - col.header|length) }}", "деление на ноль"),
], ids=["huge-range", "zero-division"])
def test_template_code_that_fails_at_run_time(ensk: Path, code: str, told: str) -> None:
    """Jinja raises plain Python errors for these (the sandbox's OverflowError …): still OF403, never a traceback."""
    _break_template(ensk / "templates" / "ensk-district", "{{ col.header }}", "{{ col.header }}" + code)
    runner = CliRunner()
    build = runner.invoke(main, ["build", "plans/ensk-2026.yaml", "-o", "out"], catch_exceptions=False)
    checked = runner.invoke(main, ["check-style", "ensk-district"], catch_exceptions=False)
    for result, exit_code in ((build, 2), (checked, 1)):
        assert result.exit_code == exit_code, result.output
        assert "ошибка OF403: метка шаблона не выполняется: " in result.output and told in result.output
        assert "Traceback" not in result.output


def test_gost_2016_style_lets_a_short_order_go_without_a_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`gost: 2016` in style.yaml: the missing title is a warning (an error under the default 2025 edition),
    and the order builds without a title paragraph."""
    from orderforge.planfile import load_plan

    style = tmp_path / "templates" / "old-committee"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("extends: kaliningrad-committee\ngost: 2016\n", encoding="utf-8")
    plan_text = (FIXTURES / "bad" / "order-without-title.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plans" / "short.yaml"
    plan.parent.mkdir()
    plan.write_text(plan_text.replace("style: kaliningrad-committee", "style: old-committee"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, report = load_plan(Path("plans/short.yaml"))
    assert [(d.code, d.severity) for d in report.items] == [("OF216", "warning")]
    assert "ГОСТ Р 7.0.97-2016" in report.items[0].hint
    docx = build_plan(Path("plans/short.yaml"), tmp_path / "output").docx
    text = [b.text for b in read_blocks(docx) if isinstance(b, Paragraph) and b.text.strip()]
    assert not any(line.startswith("Об ") for line in text)
    assert "Утвердить план." in " ".join(text)


@pytest.mark.parametrize("template", ["/etc/passwd", "../../outside.docx", "../gymnasium/template.docx", "sub/x.docx"])
def test_template_outside_the_style_folder_is_refused(workspace: Path, template: str) -> None:
    from orderforge.diagnostics import UserError
    from orderforge.style import load_style

    path = workspace / "templates" / "gymnasium" / "style.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"\ntemplate: {template}\n", encoding="utf-8")
    with pytest.raises(UserError) as exc:
        assert load_style("gymnasium", workspace).template_path is None
    assert exc.value.exit_code == 2 and "style.yaml" in str(exc.value.diagnostics[0].pos)


def test_a_template_linked_out_of_the_style_folder_is_refused(workspace: Path) -> None:
    from orderforge.diagnostics import UserError
    from orderforge.style import load_style

    folder = workspace / "templates" / "gymnasium"
    (folder / "template.docx").unlink()
    (folder / "template.docx").symlink_to(workspace / "templates" / "kaliningrad-committee" / "template.docx")
    with pytest.raises(UserError) as exc:
        assert load_style("gymnasium", workspace).template_path is None
    assert exc.value.diagnostics[0].code == "OF410"


# --------------------------------------------------------------------------- every key against one table (issue 10)


def _style_with(ensk: Path, extra: str) -> Path:
    """The ensk style made of ``extends:`` and ``extra`` (top-level keys of style.yaml)."""
    path = ensk / "templates" / "ensk-district" / "style.yaml"
    path.write_text("# Энский район\nextends: kaliningrad-committee\n" + extra, encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


@pytest.mark.parametrize(("extra", "needle", "told"), [
    ("deadline:\n  range_dash: as_written\n", "range_dash", "недопустимое значение «as_written»"),
    ("deadline:\n  year_suffix: гг.\n", "year_suffix", "недопустимое значение «гг.»"),
    ("order:\n  dash: '*'\n", "dash:", "недопустимое значение «*»"),
    ("order:\n  number_format: № {numbr}\n", "number_format", "неизвестное поле «{numbr}»"),
    ("order:\n  number_format: '№'\n", "number_format", "нет поля «{number}»"),
    ("order:\n  date_format: '{dd}.{mm}.{yyyy'\n", "date_format", "непарная фигурная скобка"),
    ("order:\n  subpoint_format: '{n}'\n  control_self: Контроль {kind}\n", "control_self",
     "неизвестное поле «{kind}»"),
    ("appendix:\n  stamp:\n    - '{approved}'\n    - от {date} {nomer}\n", "{nomer}", "неизвестное поле «{nomer}»"),
    ("template: template.doc\n", "template:", "недопустимое значение «template.doc»"),
])
def test_a_wrong_value_in_style_yaml_is_an_error_with_its_line(ensk: Path, extra: str, needle: str, told: str) -> None:
    """``range_dash: as_written`` passed check-style and printed «Апрельas_writtenмай»."""
    path = _style_with(ensk, extra)
    result = CliRunner().invoke(main, ["check-style", "ensk-district"])
    assert result.exit_code != 0, result.output
    line = _line_of(path, needle)
    assert re.search(rf"style\.yaml:{line}:\d+: ошибка OF\d+: .*{re.escape(told)}", result.output), result.output


def test_range_dash_of_the_table_is_printed(ensk: Path) -> None:
    from orderforge.style import load_style

    _style_with(ensk, "deadline:\n  range_dash: '–'\n")
    assert load_style("ensk-district", ensk).range_dash == "–"  # the spaces are the point: kept as written


def test_every_key_of_the_table_has_a_doc_and_a_default_that_is_the_styles_own() -> None:
    """One table: what is documented as the default is what orderforge does when the key is left out."""
    from orderforge.style import Style, style_keys

    empty = Style("x", Path("."))
    for path, key in style_keys():
        assert key.doc, path
        if key.attr:
            assert key.shown(key.value_of(empty)) == key.default, path


def test_house_styles_reference_is_generated_from_the_table() -> None:
    from orderforge.specdoc import STYLE_BEGIN, STYLE_END, style_block

    text = (ROOT / "docs" / "house-styles.md").read_text(encoding="utf-8")
    start, end = text.index(STYLE_BEGIN), text.index(STYLE_END) + len(STYLE_END)
    assert text[start:end] == style_block(), "run: python tools/update_docs.py"
    for needed in ("`deadline.year_suffix`", "`as_written`", "`deadline.capitalize`", "`appendix.stamp`"):
        assert needed in text[start:end]
    for told in ("ширина грифа", "{number}", "подраздел"):
        assert told in text, told


def _pattern_keys() -> list[tuple[str, object]]:
    from orderforge.schema import ListT
    from orderforge.style import Pattern, style_keys

    found = []
    for path, key in style_keys():
        inner = key.type.item if isinstance(key.type, ListT) else key.type
        if isinstance(inner, Pattern):
            found.append((path, inner))
    return found


@pytest.mark.parametrize(("path", "pattern"), _pattern_keys())
def test_an_accepted_pattern_prints_no_braces_and_every_needed_field(path: str, pattern: object) -> None:
    """Property: whatever the clerk writes, a pattern check-style accepts is filled without a «{» or «}» left;
    one it refuses is refused with a reason. The validator and fill() agree."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from orderforge.resolve import fill
    from orderforge.style import Pattern

    assert isinstance(pattern, Pattern)
    fields = [f"{{{f}}}" for f in pattern.fields]
    pieces = st.sampled_from([*fields, "{", "}", "{x}", "{}", "№ ", "от ", " г.", "«", "»"])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(pieces, min_size=1, max_size=6).map("".join))
    def check(value: str) -> None:
        problems = pattern.problems(value)
        printed = fill(value, {f: "Z" for f in pattern.fields})
        if not problems:
            assert "{" not in printed and "}" not in printed, (path, value)
            assert all(f"{{{f}}}" in value for f in pattern.needs), (path, value)
        else:
            assert all(message for _, message, _ in problems)

    check()


def test_a_plan_used_after_chdir_still_finds_its_workspace_style(ensk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """plan.source is the path as the clerk typed it; the style is looked up where the plan file is (issue 14)."""
    from orderforge.build import build_docx_bytes, validated_plan

    plan, _ = validated_plan(Path("plans/ensk-2026.yaml"))  # relative: a display path
    elsewhere = ensk.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = elsewhere / "ensk.docx"
    out.write_bytes(build_docx_bytes(plan))
    (table,) = [b for b in read_blocks(out) if isinstance(b, Table) and b.caption == "orderforge:plan"]
    assert [c.text for c in table.rows[0]] == ["№", "Срок", "Содержание работы", "Исполнители"]  # ensk's columns
