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
from orderforge.typography import plain
from orderforge.docxtext import Paragraph, Table, read_blocks
from orderforge.stylecheck import check_style

from .conftest import ROOT

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
    shutil.copytree(ROOT / "templates" / "kaliningrad-committee", style)
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
    for folder in sorted((ROOT / "templates").iterdir()):
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
