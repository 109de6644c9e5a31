"""The Russian of orderforge's own messages (issue 10): what an official would correct in them.

Each case is the message a clerk meets, produced by the real command, plus a scan of the
sources so that the corrected wording does not come back elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.diagnostics import failure_reason, plural_ru
from orderforge.planfile import load_plan

from .conftest import ROOT, TEMPLATES

SOURCES = sorted((ROOT / "src" / "orderforge").rglob("*.py"))

PLAN = """\
format: 1
style: kaliningrad-committee
directory:
  parties: {ОО: общеобразовательные организации}
plan:
  title: План мероприятий
  period: 2026
  sections:
    - title: Мониторинг
      activities:
        - text: Анализ
          deadline: май 2026 г.
          responsible: [{responsible}]
    - title: '{empty}'
      sections: []
"""


@pytest.mark.parametrize(("wrong", "why"), [
    ("ошибка синтаксиса", "«ошибка OF010: ошибка синтаксиса» — tautology"),
    ("в разделе «{self.name}»", "a YAML block is not a «раздел» of the plan"),
    ("каждый с новой строки", "«каждую строку»"),
    ('словарь ({self.name})', "programmer's language"),
])
def test_corrected_wording_does_not_come_back(wrong: str, why: str) -> None:
    found = [f"{path.name}:{n}" for path in SOURCES
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if wrong in line]
    assert found == [], why


def test_keys_are_placed_by_block_not_by_section(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("{responsible}", "ОО").replace("{empty}", "x").replace(
        "  title: План мероприятий", "  titel: План мероприятий"), encoding="utf-8")
    _, report = load_plan(path)
    messages = [d.message for d in report.errors]
    assert "неизвестный ключ «titel» в блоке plan:" in messages
    assert "не указан обязательный ключ «title» в блоке plan:" in messages
    assert not any("раздел" in m or "словарь" in m for m in messages)


def test_a_section_without_a_title_is_described_not_quoted_empty(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("{responsible}", "ОО").replace("{empty}", " "), encoding="utf-8")
    _, report = load_plan(path)
    found = [d.message for d in report if d.code == "OF206"]
    assert found and "«»" not in found[0]
    assert found[0].startswith("раздел без заголовка пуст")


def test_a_plan_that_is_not_built_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "x.yaml").write_text(PLAN.replace("{responsible}", "ЦОПР").replace("{empty}", "x"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "x.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert re.search(r"x\.yaml: документ не собран — 1 ошибка, первая — строка 13: ответственный «ЦОПР» не найден",
                     result.output), result.output


@pytest.mark.parametrize(("count", "expected"), [
    (1, "1 ошибка"), (2, "2 ошибки"), (5, "5 ошибок"), (11, "11 ошибок"), (21, "21 ошибка"), (112, "112 ошибок"),
    (23, "23 ошибки"),
])
def test_error_count_agrees_with_the_number(count: int, expected: str) -> None:
    assert plural_ru(count, "ошибка", "ошибки", "ошибок") == expected


def test_failure_reason_without_errors_points_above() -> None:
    assert failure_reason([]) == "причина выше"


def test_unknown_words_agree_in_number() -> None:
    from orderforge.declension import phrase_doubts

    assert phrase_doubts("тьютор") == ["слово «тьютор» не известно словарю"]
    assert phrase_doubts("тьютор-абырвалг кукуцаполь")[0] == \
        "слова «тьютор-абырвалг», «кукуцаполь» не известны словарю"
