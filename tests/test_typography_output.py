"""Typography as the clerk meets it: in a built document searched with grep, and in validate's warnings.

Issue 10: a no-break hyphen (U+2011) in the text made «grep 7-р» over ``orderforge
text`` find nothing; year ranges came out in four forms; the approval word defaulted
to the masculine for any title; unbalanced quotes and impossible dates passed silently.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.declension import document_form
from orderforge.planfile import load_plan

from .conftest import TEMPLATES

PLAN = """\
format: 1
style: kaliningrad-committee
directory:
  parties: {УО: Управление образования, ОО: общеобразовательные организации}
approval:
  kind: распоряжение
  issuer_genitive: управления образования Энского района
  date: 2026-01-13
  number: 7-р
plan:
  title: {title}
  period: 2026-2028
  sections:
    - title: Мониторинг
      activities:
        - text: {text}
          deadline: 2026 - 2028
          responsible: [УО, ОО]
          result: Справка
"""


def write_plan(folder: Path, title: str = "Муниципальная дорожная карта на 2026 - 2028 годы",
               text: str = "Исполнение Федерального закона № 304-ФЗ (ГИА-2026)") -> Path:
    shutil.copytree(TEMPLATES, folder / "templates")
    (folder / "plans").mkdir()
    path = folder / "plans" / "ensk.yaml"
    path.write_text(PLAN.replace("{title}", title).replace("{text}", text), encoding="utf-8")
    return path


def test_built_document_is_searchable_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`orderforge text` of the document holds «7-р» and «304-ФЗ» with the hyphen the clerk typed, and
    every year range as «2026–2028»; the stamp agrees with «Муниципальная дорожная карта» (feminine)."""
    path = write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(path.relative_to(tmp_path))], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    text = runner.invoke(main, ["text", "output/ensk.docx"], catch_exceptions=False).output
    assert "\u2011" not in text
    for needle in ("7-р", "304-ФЗ", "ГИА-2026", "2026–2028\u00a0годы", "УТВЕРЖДЕНА"):
        assert needle in text, needle
    assert "2026 - 2028" not in text and "2026-2028" not in text


@pytest.mark.parametrize(("title", "form"), [
    ("Мероприятия по реализации программы воспитания", "plural"),
    ("Изменения, которые вносятся в план", "plural"),
    ("Методические рекомендации по проведению ВПР", "plural"),
    ("Муниципальная дорожная карта по повышению качества образования", "f"),
    ("Циклограмма мероприятий на 2026 год", "f"),
    ("«Дорожная карта» (план мероприятий)", "f"),
    ("План мероприятий («Дорожная карта»)", "m"),
    ("Календарный план воспитательной работы", "m"),
    ("Положение о школьной системе оценки качества", "n"),
    ("Основные направления работы", "plural"),
    ("Алгоритм действий при проведении ГИА", "m"),
])
def test_approval_word_agrees_with_the_head_noun(title: str, form: str) -> None:
    assert document_form(title) == form


@pytest.mark.parametrize("title", ["По итогам анализа результатов", "Абырвалг мероприятий"])
def test_approval_word_unknown_head_is_none(title: str) -> None:
    assert document_form(title) is None


def test_validate_warns_when_the_head_noun_is_not_found(tmp_path: Path) -> None:
    path = write_plan(tmp_path, title="По итогам анализа результатов ВПР")
    plan, report = load_plan(path)
    assert plan is not None
    (warning,) = [d for d in report if d.code == "OF218"]
    assert warning.severity == "warning" and (warning.pos.line, warning.pos.col) == (11, 10)
    assert "gender" in warning.hint


def test_validate_is_silent_on_a_known_head_noun(tmp_path: Path) -> None:
    _, report = load_plan(write_plan(tmp_path))
    assert [d.code for d in report] == []


def test_unbalanced_quote_and_impossible_date_are_warned_at_their_place(tmp_path: Path) -> None:
    text = ">-\n            Участие в конкурсе «Учитель года\n            по приказу от 05.20.2020 № 12"
    path = write_plan(tmp_path, text=text)
    _, report = load_plan(path)
    found = {d.code: d for d in report}
    assert set(found) == {"OF219", "OF220"}
    assert all(d.severity == "warning" for d in report)
    assert (found["OF219"].pos.line, found["OF219"].pos.col) == (17, 32)
    assert (found["OF220"].pos.line, found["OF220"].pos.col) == (18, 27)
    assert "05.20.2020" in found["OF220"].message
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[16][31] == "«" and lines[17][26:36] == "05.20.2020"


def test_example_plan_keeps_its_impossible_date_flagged(repo_root: Path) -> None:
    """baltiysk-2024 keeps the seed's «05.20.2020» (which digits are wrong cannot be told): a warning."""
    _, report = load_plan(repo_root / "plans" / "baltiysk-2024.yaml")
    (warning,) = [d for d in report if d.code == "OF220"]
    line = (repo_root / "plans" / "baltiysk-2024.yaml").read_text(encoding="utf-8").splitlines()[warning.pos.line - 1]
    assert line[warning.pos.col - 1:].startswith("05.20.2020")
    assert not report.has_errors


@pytest.mark.parametrize(("title", "loads"), [
    ("Муниципальная дорожная карта на 2026 год", False),   # the suffix of the adjective decides
    ("Методические рекомендации по проведению ВПР", False),
    ("Положение о внутренней системе оценки качества", False),  # the table of usual heads
    ("Комментарий к плану", True),                            # «-ий»: noun or adjective — the dictionary decides
])
def test_validate_loads_the_dictionary_only_when_unsure(tmp_path: Path, title: str, loads: bool) -> None:
    """validate stays lean: the approval word is found without pymorphy3 for the usual titles."""
    import subprocess
    import sys

    path = write_plan(tmp_path, title=title)
    code = ("import sys; from orderforge.planfile import load_plan; "
            f"load_plan({str(path)!r}); print('pymorphy3' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(loads)
