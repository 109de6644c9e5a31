"""``orderforge new NEW --from OLD``: next year's plan, every dated deadline one year on, comments kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.diff import diff_specs
from orderforge.planfile import load_plan
from orderforge.planmodel import parse_period
from orderforge.yearshift import shift_deadline_text, shift_period_mentions

from .planhelpers import add_year

OLD = Path("plans/kaliningrad-committee-2026.yaml")
NEW = Path("plans/kaliningrad-committee-2027.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="orderforge")


def fill_order(path: Path, number: str = "ПД-КПО-20", day: str = "2027-02-10") -> None:
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^(\s*)number:\s*# заполните перед сборкой$", rf"\1number: {number}", text)
    assert n == 1
    text, n = re.subn(r"(?m)^(\s*)date:\s*# заполните перед сборкой$", rf"\1date: {day}", text)
    assert n == 1
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def rolled(workspace: Path):
    result = run("new", str(NEW), "--from", str(OLD), "--year", "2027")
    assert result.exit_code == 0, result.output
    return result


def test_every_structured_deadline_moves_by_exactly_one_year(rolled) -> None:
    old, _ = load_plan(OLD)
    new, _ = load_plan(NEW)
    assert old is not None and new is not None
    old_acts, new_acts = old.all_activities(), new.all_activities()
    assert len(old_acts) == len(new_acts) == 18
    moved = 0
    for a, b in zip(old_acts, new_acts, strict=False):
        assert a.id == b.id  # ids kept, order kept
        assert (a.deadline is None) == (b.deadline is None)
        if a.deadline is None:
            continue
        span = a.deadline.span()
        if span is None:  # «ежегодно», «постоянно» … name no year: unchanged
            assert b.deadline.text == a.deadline.text
            assert b.deadline.span() is None
            continue
        assert b.deadline.span() == (add_year(span[0]), add_year(span[1])), (a.deadline.text, b.deadline.text)
        assert b.deadline.kind == a.deadline.kind
        moved += 1
    assert moved == 4
    deadlines = [b.deadline.text for b in new_acts if b.deadline]
    assert "Февраль 2027 г." in deadlines and "апрель – май 2027 г." in deadlines  # the clerk's wording and case


def test_comments_ids_period_and_title(rolled) -> None:
    old_text = OLD.read_text(encoding="utf-8")
    new_text = NEW.read_text(encoding="utf-8")
    comments = [line.strip() for line in old_text.splitlines() if line.strip().startswith("#")]
    assert len(comments) > 50
    for comment in comments:
        assert comment in new_text, comment
    assert re.search(r"- id: working-group +# 1\.1\.", new_text)  # end-of-line comments stay in place too
    assert re.findall(r"id: ([a-z-]+)", old_text) == re.findall(r"id: ([a-z-]+)", new_text)
    new, _ = load_plan(NEW)
    assert new is not None and new.order is not None and new.plan.period is not None
    assert new.plan.period.text == "2027-2029" and new.plan.period.first_year == 2027
    assert new.plan.title[-1] == "на 2027-2029 годы"
    title = new.order.title if isinstance(new.order.title, str) else " ".join(new.order.title)
    assert title.endswith("на 2027-2029 годы")
    # Every mention of the plan period moved (comments are the clerk's notes and stay as written) …
    assert all(line.lstrip().startswith("#") for line in new_text.splitlines() if "2026-2028" in line)
    assert "от 24.06.2025 № 774/1" in new_text  # … but the documents the plan cites did not
    # Only the lines that had to change changed.
    changed = [(a, b) for a, b in zip(old_text.splitlines(), new_text.splitlines(), strict=False) if a != b]
    assert len(old_text.splitlines()) == len(new_text.splitlines())
    assert len(changed) == 11, changed
    assert run("fmt", "--check", str(NEW)).exit_code == 0  # the new plan is as canonical as the old one


def test_validates_only_once_number_and_date_are_filled(rolled) -> None:
    assert "# заполните перед сборкой" in NEW.read_text(encoding="utf-8")
    _, report = load_plan(NEW)
    errors = sorted((d.code, d.message) for d in report.errors)
    assert errors == [("OF104", "пустое значение ключа «date»"), ("OF104", "пустое значение ключа «number»")]
    result = run("validate", str(NEW))
    assert result.exit_code == 1
    assert "пустое значение ключа «number»" in result.output and "пустое значение ключа «date»" in result.output
    fill_order(NEW)
    _, report = load_plan(NEW)
    assert not report.has_errors, [d.format() for d in report]
    assert run("validate", str(NEW)).exit_code == 0


def test_progress_and_warnings_are_russian(rolled) -> None:
    out = rolled.output
    assert f"{NEW}: создан из {OLD}, сдвиг на 1 год, период 2026-2028 → 2027-2029" in out
    assert "сроков перенесено: 4, без года (не меняются): 14" in out
    # The order's own texts mention years (the preamble's letters, «до 31.05.2026», «ГИА-2025»): to check by hand.
    assert out.count("предупреждение OF602") == 3
    assert "orderforge validate" in out


def test_diff_of_the_rollover_shows_only_year_changes(rolled) -> None:
    result = diff_specs(str(OLD), str(NEW))
    kinds = {c.kind for c in result.changes}
    assert kinds <= {"order", "plan", "changed", "passport_changed"}
    fields = {f.field for c in result.changes if c.kind == "changed" for f in c.fields}
    assert fields == {"deadline", "text"}  # 1.1's text names the plan period
    assert {c.field_name for c in result.changes if c.kind == "order"} == {"date", "number", "title"}
    assert not result.renumbering


PLAN = """\
style: kaliningrad-committee
directory:
  parties: {ЦОРП: Центр}
order:
  issuer: Комитет
  date: 2025-09-01   # подписан
  number: '7'
  title: Об утверждении плана на 2025-2026 учебный год
  points: [Утвердить план.]
  signatory: ivanova
  # конец приказа
plan:
  title: План на 2025-2026 учебный год
  period: 2025-2026 учебный год
  activities:
    - id: first
      text: Первое
      deadline: {kind: until, date: 2026-05-31}
      note: уточнить в мае
    - text: Второе
      deadline: к 1 сентября 2025 г.
    - text: Второе с половиной
      deadline: не позднее 10 дней после 1 сентября 2025 г.
    - text: Третье
      deadline: '1 полугодие 2026 года'
"""


@pytest.fixture
def small(workspace: Path) -> Path:
    path = workspace / "plans" / "school-2025.yaml"
    path.write_text(PLAN.replace("signatory: ivanova", "signatory: petukhova")
                    .replace("directory:\n  parties: {ЦОРП: Центр}\n",
                             "directory:\n  parties: {ЦОРП: Центр}\n"
                             "  people: {petukhova: {surname: Петухова, initials: Т.М.}}\n"),
                    encoding="utf-8")
    return path


def test_school_year_structured_deadline_notes_and_free_text(small: Path) -> None:
    target = small.with_name("school-2026.yaml")
    result = run("new", str(target), "--from", str(small), "--shift", "1")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "period: 2026-2027 учебный год" in text
    assert "title: Об утверждении плана на 2026-2027 учебный год" in text
    assert "deadline: {kind: until, date: 2027-05-31}" in text  # structured form edited in place
    assert "deadline: '1 полугодие 2027 года'" in text  # quotes and suffix as the clerk wrote them
    assert "note:" not in text and "уточнить в мае" not in text
    assert re.search(r"(?m)^  date: +# заполните перед сборкой$", text)
    assert "# подписан" not in text  # the remark belonged to the old date
    assert "# конец приказа" in text
    assert re.search(r"(?m)^  number: +# заполните перед сборкой$", text)  # no quotes left from '7'
    assert "deadline: к 1 сентября 2026 г." in text  # read since issue 10, so moved
    assert "OF601" in result.output and "не позднее 10 дней после 1 сентября 2025 г." in result.output
    plan, report = load_plan(target)
    assert plan is not None
    assert {d.code for d in report.errors} == {"OF104"}


def test_refuses_to_overwrite_and_bad_options(small: Path) -> None:
    target = small.with_name("school-2026.yaml")
    target.write_text("прежний файл\n", encoding="utf-8")
    result = run("new", str(target), "--from", str(small))
    assert result.exit_code == 2 and "файл уже существует" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "прежний файл\n"
    assert run("new", str(target), "--from", str(small), "--force").exit_code == 0
    result = run("new", "plans/x.yaml", "--from", str(small), "--year", "2026", "--shift", "1")
    assert result.exit_code == 2 and "--year или --shift" in result.output
    result = run("new", "plans/x.yaml", "--from", str(small), "--year", "2024")
    assert result.exit_code == 2 and "сдвиг получился -1" in result.output
    result = run("new", "plans/x.yaml", "--from", "plans/nope.yaml")
    assert result.exit_code == 2 and "файл не найден" in result.output
    result = run("new", "plans/x.yaml")
    assert result.exit_code == 2 and "--from" in result.output
    assert "Traceback" not in result.output
    assert not Path("plans/x.yaml").exists()


def test_refuses_a_plan_with_errors(workspace: Path) -> None:
    bad = Path(__file__).parent / "fixtures" / "bad" / "unknown-party.yaml"
    result = run("new", "plans/x.yaml", "--from", str(bad))
    assert result.exit_code == 1
    assert "OF201" in result.output and "сначала исправьте" in result.output
    assert not Path("plans/x.yaml").exists()


@pytest.mark.parametrize("before, after", [
    ("Февраль 2026 г.", "Февраль 2027 г."),
    ("февраль 2022 года", "февраль 2023 года"),
    ("Декабрь 2023г.", "Декабрь 2024г."),
    ("1 полугодие 2026 года", "1 полугодие 2027 года"),
    ("I квартал 2027 г.", "I квартал 2028 г."),
    ("сентябрь 2026 – май 2027 г.", "сентябрь 2027 – май 2028 г."),
    ("2026–2027 гг.", "2027–2028 гг."),
    ("в течение 2026 года", "в течение 2027 года"),
    ("До 10 февраля 2026", "До 10 февраля 2027"),
    ("Январь (региональный мониторинг), май (ВГР) 2026 г.", "Январь (региональный мониторинг), май (ВГР) 2027 г."),
    ("до 29.02.2028", "до 28.02.2029"),
    ("ежегодно, в июне и декабре", "ежегодно, в июне и декабре"),
    ("по мере необходимости", "по мере необходимости"),
])
def test_deadline_wording_is_kept(before: str, after: str) -> None:
    assert shift_deadline_text(before, 1)[0] == after


def test_period_mentions() -> None:
    period = parse_period("2026-2028")
    assert period is not None
    assert (shift_period_mentions("на 2026–2028 годы; приказ от 11.02.2026", period, 1)
            == "на 2027–2029 годы; приказ от 11.02.2026")
    single = parse_period("2026")
    assert single is not None
    assert shift_period_mentions("на 2026 год, до 31.05.2026", single, 2) == "на 2028 год, до 31.05.2026"


def test_activities_title_moves_with_the_title(workspace: Path) -> None:
    """The gymnasium plan names its period in activities_title too: it moves like title."""
    target = Path("plans/gymnasium1-2023.yaml")
    result = run("new", str(target), "--from", "plans/gymnasium1-2022.yaml", "--year", "2023")
    assert result.exit_code == 0, result.output
    plan, _ = load_plan(target)
    assert plan is not None and plan.plan.activities_title is not None
    assert plan.plan.activities_title.endswith("на 2023—2025 годы")
    assert "2022—2024" not in plan.plan.activities_title


STAMPED = """\
style: kaliningrad-committee
directory:
  parties: {ЦОРП: Центр}
approval:
  issuer_genitive: комитета по образованию
  date: 2025-01-20   # подписан
  number: '12'
plan:
  title: План мероприятий на 2025 год
  passport:
    - label: Ожидаемые результаты
      items:
        - рост качества образования к 2026 году
  sections:
    - title: Подготовка к ГИА-2025
      activities:
        - text: Первое
          deadline: Февраль 2025 г.
          responsible: [ЦОРП]
"""


def test_years_not_moved_are_warned_and_the_stamp_is_cleared(workspace: Path) -> None:
    source = workspace / "plans" / "stamped-2025.yaml"
    source.write_text(STAMPED, encoding="utf-8")
    target = source.with_name("stamped-2026.yaml")
    result = run("new", str(target), "--from", str(source), "--shift", "1")
    assert result.exit_code == 0, result.output
    name = "plans/stamped-2026.yaml"
    # Without a period the title's year is not known to be the plan's: warned, not guessed.
    assert f"{name}:9:10: предупреждение OF604: в заголовке плана упоминается год (2025)" in result.output
    assert f"{name}:11:7: предупреждение OF604: в паспорте плана (строка «Ожидаемые результаты») " \
           "упоминается год (2026)" in result.output
    assert f"{name}:15:7: предупреждение OF604: в заголовке раздела «Подготовка к ГИА-2025» упоминается год " \
           "(2025)" in result.output
    text = target.read_text(encoding="utf-8")
    assert re.search(r"(?m)^  date: +# заполните перед сборкой$", text)
    assert re.search(r"(?m)^  number: +# заполните перед сборкой$", text)
    assert "# подписан" not in text and "Февраль 2026 г." in text
    assert "Заполните номер и дату" in result.output
    _, report = load_plan(target)
    assert sorted(d.message for d in report.errors) == [
        "пустое значение ключа «date»", "пустое значение ключа «number»"]


@pytest.mark.parametrize("option", [("--year", "99999"), ("--shift", "7974"), ("--shift", "101")])
def test_out_of_range_year_is_a_russian_usage_error(small: Path, option: tuple[str, str]) -> None:
    target = small.with_name("school-far.yaml")
    result = run("new", str(target), "--from", str(small), *option)
    assert result.exit_code == 2, result.output
    assert "ошибка OF614: год вне допустимых пределов" in result.output and "--year" in result.output
    assert "Traceback" not in result.output and not target.exists()


def test_a_plan_approved_by_rasporyazhenie_asks_for_the_rasporyazhenie(tmp_path: Path) -> None:
    """``new --from`` said «Заполните номер и дату приказа» for a plan approved by распоряжение."""
    from .planhelpers import approved_plan

    source = approved_plan(tmp_path, "plan-2025.yaml")
    result = run("new", str(tmp_path / "plan-2026.yaml"), "--from", str(source), "--shift", "1")
    assert result.exit_code == 0, result.output
    assert "Заполните номер и дату распоряжения об утверждении" in result.output
    assert "приказа" not in result.output


def test_new_from_a_device_says_what_it_is() -> None:
    """Issue 15: `new --from /dev/zero` said «файл не найден»."""
    from click.testing import CliRunner

    from orderforge.cli import main

    result = CliRunner().invoke(main, ["new", "n.yaml", "--from", "/dev/zero", "--year", "2027"])
    assert result.exit_code == 2 and "OF070" in result.output and "не найден" not in result.output


def test_the_old_plan_is_checked_for_the_same_errors_without_its_text_warnings(repo_root: Path) -> None:
    """``new --from`` loads the old plan without the typography checks (OF219, OF220) and the dictionaries'
    doubts (OF213): warnings it never prints; every other finding, errors above all, and the plan itself are
    the full load's."""
    fixtures = Path(__file__).parent / "fixtures"
    plans = [p for p in sorted((repo_root / "plans").glob("*.yaml")) if "directory" not in p.name]
    plans += sorted((fixtures / "bad").glob("*.yaml"))
    skipped = ("OF219", "OF220", "OF213")
    warned: set[str] = set()
    for path in plans:
        full_plan, full = load_plan(path)
        lean_plan, lean = load_plan(path, text_warnings=False)
        lean_only = [d for d in full if d.code in skipped]
        warned |= {d.code for d in lean_only}
        assert all(d.severity == "warning" for d in lean_only), path
        assert lean.sorted() == [d for d in full.sorted() if d.code not in skipped], path
        assert lean_plan == full_plan, path
    assert warned == set(skipped)  # the skipped checks had something to say (baltiysk-2024's impossible date …)
