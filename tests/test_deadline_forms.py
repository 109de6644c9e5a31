"""Deadline forms of issue 10: school-year reading, half-years in words, the forms clerks write.

Table driven: each row is a phrase (and whether the plan's period is a school
year) with its structured value, its house-style rendering, its span, its
shift — and, through ``validate`` of a real plan file, whether OF203 is given.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.deadline import (
    KINDS,
    DeadlineStyle,
    deadline_from_data,
    mentions_year,
    parse_deadline,
    render_deadline,
    shift_deadline,
)
from orderforge.planfile import load_plan

GODA = DeadlineStyle(year_suffix="года")
SCHOOL, CALENDAR = True, False


def _structure(phrase: str, school: bool) -> dict[str, object]:
    data = dict(parse_deadline(phrase, school_year=school).to_data())
    data.pop("text")
    return data


def _half(n: str, **extra: str) -> dict[str, object]:
    return {"kind": "half", "half": n, "numeral": "words", **extra}


def _term(n: str, numeral: str, **extra: str) -> dict[str, object]:
    return {"kind": "term", "term": n, "numeral": numeral, **extra}


_SY = {"separator": "dash", "short": "no"}

# phrase, plan period is a school year → (structure without "text", rendering in the default style)
FORMS: list[tuple[str, bool, dict[str, object], str]] = [
    # issue 10, «school-year plans get false errors»
    ("сентябрь, декабрь, март, май 2027", SCHOOL,
     {"kind": "months", "months": ["2026-09", "2026-12", "2027-03", "2027-05"]},
     "сентябрь, декабрь 2026 г., март, май 2027 г."),
    ("декабрь, январь 2027", SCHOOL, {"kind": "months", "months": ["2026-12", "2027-01"]},
     "декабрь 2026 г., январь 2027 г."),
    ("Сентябрь 2026 г., декабрь, март, май 2027 г.", SCHOOL,
     {"kind": "months", "months": ["2026-09", "2026-12", "2027-03", "2027-05"]},
     "Сентябрь, декабрь 2026 г., март, май 2027 г."),
    ("сентябрь, декабрь, март, май 2027", CALENDAR,  # a calendar plan: a year covers the months before it
     {"kind": "months", "months": ["2027-09", "2027-12", "2027-03", "2027-05"]},
     "сентябрь, декабрь, март, май 2027 г."),
    ("2026–2027", SCHOOL,
     {"kind": "school_year", "from": "2026", "to": "2027", "during": "no", **_SY, "bare": "yes"}, "2026–2027"),
    ("2026-2027", SCHOOL,
     {"kind": "school_year", "from": "2026", "to": "2027", "during": "no", **_SY, "bare": "yes"}, "2026–2027"),
    ("в течение 2026/2027", SCHOOL,
     {"kind": "school_year", "from": "2026", "to": "2027", "during": "yes", "separator": "slash", "short": "no",
      "bare": "yes"}, "в течение 2026/2027"),
    ("2026–2027", CALENDAR, {"kind": "years", "from": "2026", "to": "2027", "during": "no"}, "2026–2027 гг."),
    ("2026–2027 гг.", SCHOOL, {"kind": "years", "from": "2026", "to": "2027", "during": "no"}, "2026–2027 гг."),
    # «первое полугодие 2025» and the other ordinals in words
    ("первое полугодие 2025", CALENDAR, _half("1", year="2025"), "первое полугодие 2025 г."),
    ("Второе полугодие 2026 года", CALENDAR, _half("2", year="2026"), "Второе полугодие 2026 г."),
    ("первое полугодие 2026 г.", CALENDAR, _half("1", year="2026"), "первое полугодие 2026 г."),
    ("в течение первого полугодия", CALENDAR, _half("1", during="yes"), "в течение первого полугодия"),
    ("во втором полугодии 2026 года", CALENDAR, _half("2", year="2026", case="prepositional"),
     "во втором полугодии 2026 г."),
    ("третий квартал 2026 г.", CALENDAR, {"kind": "quarter", "quarter": "3", "numeral": "words", "year": "2026"},
     "третий квартал 2026 г."),
    ("в течение четвёртого квартала 2026 года", CALENDAR,
     {"kind": "quarter", "quarter": "4", "numeral": "words", "year": "2026", "during": "yes"},
     "в течение четвертого квартала 2026 г."),
    # forms kept as free text before
    ("Апрель-май, 2026", CALENDAR, {"kind": "range", "from": "2026-04", "to": "2026-05"}, "Апрель – май 2026 г."),
    ("в мае 2026 года", CALENDAR, {"kind": "months", "months": ["2026-05"], "case": "prepositional"}, "в мае 2026 г."),
    ("в апреле и мае 2026 года", CALENDAR,
     {"kind": "months", "months": ["2026-04", "2026-05"], "case": "prepositional"}, "в апреле и мае 2026 г."),
    ("в апреле-мае 2026 года", CALENDAR,
     {"kind": "range", "from": "2026-04", "to": "2026-05", "case": "prepositional"}, "в апреле – мае 2026 г."),
    ("в срок до 01.09.2026", CALENDAR, {"kind": "until", "date": "2026-09-01", "format": "numeric"}, "до 01.09.2026"),
    ("в срок не позднее 15 марта 2026 г.", CALENDAR,
     {"kind": "until", "date": "2026-03-15", "format": "words", "not_later": "yes"}, "не позднее 15 марта 2026 г."),
    ("к 1 сентября 2026 г.", CALENDAR, {"kind": "until", "date": "2026-09-01", "format": "words", "by": "yes"},
     "к 1 сентября 2026 г."),
    ("К 01.09.2026", CALENDAR, {"kind": "until", "date": "2026-09-01", "format": "numeric", "by": "yes"},
     "К 01.09.2026"),
    ("до конца 2026 года", CALENDAR, {"kind": "until", "year": "2026", "end": "yes"}, "до конца 2026 г."),
    ("до 2027 года", CALENDAR, {"kind": "until", "year": "2027"}, "до 2027 г."),
    ("с 1 по 10 сентября 2026 г.", CALENDAR,
     {"kind": "dates", "from": "2026-09-01", "to": "2026-09-10", "format": "words", "prepositions": "yes",
      "compact": "yes"}, "с 1 по 10 сентября 2026 г."),
    ("20–24.04.2027", CALENDAR,
     {"kind": "dates", "from": "2027-04-20", "to": "2027-04-24", "format": "numeric", "prepositions": "no",
      "compact": "yes"}, "20–24.04.2027"),
    ("1 - 30 сентября 2025 г.", CALENDAR,
     {"kind": "dates", "from": "2025-09-01", "to": "2025-09-30", "format": "words", "prepositions": "no",
      "compact": "yes"}, "1–30 сентября 2025 г."),
    ("III четверть", CALENDAR, _term("3", "roman"), "III четверть"),
    ("в течение III четверти", CALENDAR, _term("3", "roman", during="yes"), "в течение III четверти"),
    ("2 четверть 2025/2026 учебного года", CALENDAR,
     _term("2", "arabic", **{"from": "2025", "to": "2026", "separator": "slash", "short": "no"}),
     "2 четверть 2025/2026 учебного года"),
    ("I четверть 2026-2027 уч. года", CALENDAR,
     _term("1", "roman", **{"from": "2026", "to": "2027", "separator": "dash", "short": "yes"}),
     "I четверть 2026–2027 уч. года"),
    ("вторая четверть", CALENDAR, _term("2", "words"), "вторая четверть"),
    ("1 раз в год", CALENDAR, {"kind": "phrase", "phrase": "yearly", "wording": "1 раз в год"}, "1 раз в год"),
    ("ежедневно", CALENDAR, {"kind": "phrase", "phrase": "daily", "wording": "ежедневно"}, "ежедневно"),
    ("По необходимости", CALENDAR, {"kind": "phrase", "phrase": "as_needed", "wording": "по необходимости"},
     "По необходимости"),
    ("сентябрь-октябрь ежегодно", CALENDAR,
     {"kind": "annual", "months": ["09", "10"], "order": "months_first", "case": "nominative", "comma": "no",
      "range": "yes"}, "сентябрь – октябрь ежегодно"),
    ("ежегодно, в сентябре-октябре", CALENDAR,
     {"kind": "annual", "months": ["09", "10"], "order": "annual_first", "case": "prepositional", "comma": "yes",
      "range": "yes"}, "ежегодно, в сентябре – октябре"),
    # a cross-year range names «г.» with both years
    ("ноябрь 2025 – февраль 2026", CALENDAR, {"kind": "range", "from": "2025-11", "to": "2026-02"},
     "ноябрь 2025 г. – февраль 2026 г."),
    ("ноябрь – февраль 2026 г.", CALENDAR, {"kind": "range", "from": "2025-11", "to": "2026-02"},
     "ноябрь 2025 г. – февраль 2026 г."),
    ("в ноябре 2025 – феврале 2026 года", CALENDAR,
     {"kind": "range", "from": "2025-11", "to": "2026-02", "case": "prepositional"},
     "в ноябре 2025 г. – феврале 2026 г."),
    ("1 декабря 2025 – 31 января 2026 г.", CALENDAR,
     {"kind": "dates", "from": "2025-12-01", "to": "2026-01-31", "format": "words", "prepositions": "no"},
     "1 декабря 2025 г. – 31 января 2026 г."),
]
FORM_IDS = [f"{p}|{'school' if s else 'calendar'}" for p, s, _, _ in FORMS]


@pytest.mark.parametrize(("phrase", "school", "expected", "rendered"), FORMS, ids=FORM_IDS)
def test_form_is_read_and_printed(phrase: str, school: bool, expected: dict[str, object], rendered: str) -> None:
    d = parse_deadline(phrase, school_year=school)
    assert d.known, phrase
    assert _structure(phrase, school) == expected
    assert render_deadline(d) == rendered


@pytest.mark.parametrize(("phrase", "school", "expected", "rendered"), FORMS, ids=FORM_IDS)
def test_form_round_trips(phrase: str, school: bool, expected: dict[str, object], rendered: str) -> None:
    """The rendering reads back to the same value, in every style; the structured form too."""
    d = parse_deadline(phrase, school_year=school)
    assert deadline_from_data(d.to_data()) == d
    for style in (DeadlineStyle(), GODA, DeadlineStyle("год", "-", "upper"), DeadlineStyle("", " — ", "lower")):
        if school and d.kind == "years" and not style.year_suffix:
            continue  # printed without «гг.», «2026–2027» in a school-year plan is the school year: as designed
        again = parse_deadline(render_deadline(d, style), school_year=school)
        assert _strip(again.to_data()) == _strip(d.to_data()), render_deadline(d, style)


def _strip(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if k != "text"}


@pytest.mark.parametrize(
    ("phrase", "rendered"),
    [
        ("ноябрь 2025 – февраль 2026", "ноябрь 2025 года – февраль 2026 года"),
        ("1 декабря 2025 – 31 января 2026 г.", "1 декабря 2025 года – 31 января 2026 года"),
        ("первое полугодие 2025", "первое полугодие 2025 года"),
        ("до конца 2026 года", "до конца 2026 года"),
        ("до 2027 года", "до 2027 года"),
        ("в мае 2026 года", "в мае 2026 года"),
    ],
)
def test_form_with_goda(phrase: str, rendered: str) -> None:
    assert render_deadline(parse_deadline(phrase), GODA) == rendered


@pytest.mark.parametrize(
    ("phrase", "style"),
    [("2026 — 2028 гг.", DeadlineStyle(range_dash=" — ")), ("2026-2028 гг.", DeadlineStyle(range_dash=" - ")),
     ("в течение 2026-2028 годов", DeadlineStyle(range_dash="-")),
     ("2025-2026 уч. год", DeadlineStyle(range_dash=" - ")), ("2026-2027", DeadlineStyle(range_dash=" — "))],
)
def test_year_ranges_take_one_form_whatever_the_range_dash(phrase: str, style: DeadlineStyle) -> None:
    """«2026–2028»: an en dash, no spaces — in every style, for years and school years alike."""
    text = render_deadline(parse_deadline(phrase, school_year=True), style)
    assert "2026–2028" in text or "2025–2026" in text or "2026–2027" in text, text


# ---------------------------------------------------------------- span

SPANS: list[tuple[str, bool, date, date]] = [
    ("сентябрь, декабрь, март, май 2027", SCHOOL, date(2026, 9, 1), date(2027, 5, 31)),
    ("декабрь, январь 2027", SCHOOL, date(2026, 12, 1), date(2027, 1, 31)),
    ("2026–2027", SCHOOL, date(2026, 9, 1), date(2027, 8, 31)),
    ("2026–2027", CALENDAR, date(2026, 1, 1), date(2027, 12, 31)),
    ("первое полугодие 2025", CALENDAR, date(2025, 1, 1), date(2025, 6, 30)),
    ("второе полугодие 2026 года", CALENDAR, date(2026, 7, 1), date(2026, 12, 31)),
    ("Апрель-май, 2026", CALENDAR, date(2026, 4, 1), date(2026, 5, 31)),
    ("в мае 2026 года", CALENDAR, date(2026, 5, 1), date(2026, 5, 31)),
    ("в апреле-мае 2026 года", CALENDAR, date(2026, 4, 1), date(2026, 5, 31)),
    ("в срок до 01.09.2026", CALENDAR, date(2026, 9, 1), date(2026, 9, 1)),
    ("к 1 сентября 2026 г.", CALENDAR, date(2026, 9, 1), date(2026, 9, 1)),
    ("до конца 2026 года", CALENDAR, date(2026, 12, 31), date(2026, 12, 31)),
    ("до 2027 года", CALENDAR, date(2027, 1, 1), date(2027, 1, 1)),  # as «до февраля 2022 года»: when 2027 begins
    ("с 1 по 10 сентября 2026 г.", CALENDAR, date(2026, 9, 1), date(2026, 9, 10)),
    ("20–24.04.2027", CALENDAR, date(2027, 4, 20), date(2027, 4, 24)),
    ("1 четверть 2025/2026 учебного года", CALENDAR, date(2025, 9, 1), date(2025, 10, 31)),
    ("2 четверть 2025/2026 учебного года", CALENDAR, date(2025, 11, 1), date(2025, 12, 31)),
    ("III четверть 2025/2026 уч. года", CALENDAR, date(2026, 1, 1), date(2026, 3, 31)),
    ("IV четверть 2025/2026 учебного года", CALENDAR, date(2026, 4, 1), date(2026, 5, 31)),
]
UNDATED = ["III четверть", "в течение первого полугодия", "1 раз в год", "ежедневно", "по необходимости",
           "сентябрь-октябрь ежегодно", "вторая четверть", "по отдельному графику"]


@pytest.mark.parametrize(("phrase", "school", "first", "last"), SPANS)
def test_form_span(phrase: str, school: bool, first: date, last: date) -> None:
    assert parse_deadline(phrase, school_year=school).span() == (first, last)


@pytest.mark.parametrize("phrase", UNDATED)
def test_undated_form_is_not_checked_and_never_moves(phrase: str) -> None:
    d = parse_deadline(phrase, school_year=True)
    assert d.known and d.span() is None
    assert shift_deadline(d, 1) == d


# ---------------------------------------------------------------- shift (rollover)

SHIFTS: list[tuple[str, bool, int, str]] = [
    ("сентябрь, декабрь, март, май 2027", SCHOOL, 1, "сентябрь, декабрь 2027, март, май 2028"),
    ("декабрь, январь 2027 г.", SCHOOL, 1, "декабрь 2027 г., январь 2028 г."),
    ("2026–2027", SCHOOL, 1, "2027–2028"),
    ("первое полугодие 2025 года", CALENDAR, 1, "первое полугодие 2026 года"),
    ("в течение первого полугодия 2026 г.", CALENDAR, 1, "в течение первого полугодия 2027 г."),
    ("Апрель-май, 2026", CALENDAR, 1, "Апрель – май 2027"),
    ("в апреле-мае 2026 года", CALENDAR, 1, "в апреле – мае 2027 года"),
    ("к 1 сентября 2026 г.", CALENDAR, 1, "к 1 сентября 2027 г."),
    ("до конца 2026 года", CALENDAR, 2, "до конца 2028 года"),
    ("до 2027 года", CALENDAR, 1, "до 2028 года"),
    ("с 1 по 10 сентября 2026 г.", CALENDAR, 1, "с 1 по 10 сентября 2027 г."),
    ("20–24.04.2027", CALENDAR, 1, "20–24.04.2028"),
    ("2 четверть 2025/2026 учебного года", CALENDAR, 1, "2 четверть 2026/2027 учебного года"),
    ("ноябрь 2025 г. – февраль 2026 г.", CALENDAR, 1, "ноябрь 2026 г. – февраль 2027 г."),
    ("в мае 2026 года", CALENDAR, 1, "в мае 2027 года"),
    ("в срок до 01.09.2026", CALENDAR, 1, "до 01.09.2027"),
]


@pytest.mark.parametrize(
    ("text", "shifted"),
    [("в срок до 01.09.2026", "в срок до 01.09.2027"), ("Апрель-май, 2026", "Апрель-май, 2027"),
     ("первое полугодие 2025", "первое полугодие 2026"), ("20–24.04.2027", "20–24.04.2028")],
)
def test_rollover_keeps_the_clerks_words(text: str, shifted: str) -> None:
    from orderforge.yearshift import shift_deadline_text

    assert shift_deadline_text(text, 1) == (shifted, "moved")


@pytest.mark.parametrize(("phrase", "school", "years", "shifted"), SHIFTS)
def test_form_shift(phrase: str, school: bool, years: int, shifted: str) -> None:
    d = parse_deadline(phrase, school_year=school)
    moved = shift_deadline(d, years)
    assert moved.text == shifted
    assert moved.kind == d.kind
    assert parse_deadline(moved.text, school_year=school) == moved
    assert not mentions_year(moved)


def test_form_kinds_are_all_known() -> None:
    assert "term" in KINDS
    assert {parse_deadline(p, school_year=s).kind for p, s, _, _ in FORMS} <= set(KINDS)


# ---------------------------------------------------------------- free text stays free

#: Truly free: no date to check or move. Kept as written; OF205 where nothing is understood.
FREE = ["не позднее 10 дней после утверждения приказа", "в течение 10 дней после проведения",
        "к началу нового учебного года", "по согласованию с министерством"]


@pytest.mark.parametrize("phrase", FREE)
def test_free_text_stays_free(phrase: str) -> None:
    d = parse_deadline(phrase, school_year=True)
    assert (d.kind, d.text, render_deadline(d)) == ("free", phrase, phrase)


def test_separate_schedule_is_an_undated_phrase_kept_as_written() -> None:
    """«по отдельному графику» names no date: printed as written, never checked or moved (no warning needed)."""
    d = parse_deadline("по отдельному графику")
    assert (d.kind, d.phrase, render_deadline(d)) == ("phrase", "schedule", "по отдельному графику")


# ---------------------------------------------------------------- validate of a real plan file


def _plan(tmp_path: Path, period: str, deadline: str, period_last: bool = False) -> Path:
    """A real plan file; ``period_last`` puts «period:» after the sections (the key order must not matter)."""
    quoted = "'" + deadline.replace("'", "''") + "'"
    period_line = f"  period: {period}\n"
    text = (
        "style: kaliningrad-committee\n"
        "directory:\n"
        "  parties: {ЦОРП: Центр обеспечения развития}\n"
        "plan:\n"
        "  title: План мероприятий\n"
        + ("" if period_last else period_line)
        + "  sections:\n"
        "    - title: Организационные мероприятия\n"
        "      activities:\n"
        "        - text: Проведение мониторинга\n"
        f"          deadline: {quoted}\n"
        "          responsible: ЦОРП\n"
        + (period_line if period_last else "")
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path) -> list[str]:
    plan, report = load_plan(path)
    assert plan is not None
    return [d.code for d in report]


# phrase, plan period → OF203 expected
PERIOD_CHECK: list[tuple[str, str, bool]] = [
    ("сентябрь, декабрь, март, май 2027", "2026/2027 учебный год", False),
    ("декабрь, январь 2027", "2026/2027 учебный год", False),
    ("2026–2027", "2026/2027 учебный год", False),
    ("2026-2027", "2026-2027 учебный год", False),
    ("сентябрь – май 2027 г.", "2026/2027 учебный год", False),
    ("2027–2028", "2026/2027 учебный год", True),  # another school year: a true error
    ("декабрь, январь 2028", "2026/2027 учебный год", True),
    ("первое полугодие 2025", "2026", True),
    ("первое полугодие 2025 г.", "2026", True),
    ("первое полугодие 2026 года", "2026", False),
    ("Май 2025", "2026", True),
    ("Апрель-май, 2026", "2026", False),
    ("Апрель-май, 2025", "2026", True),
    ("в мае 2026 года", "2026-2028", False),
    ("в апреле-мае 2029 года", "2026-2028", True),
    ("в срок до 01.09.2026", "2025-2026 учебный год", True),
    ("к 1 сентября 2026 г.", "2026/2027 учебный год", False),
    ("до конца 2026 года", "2026", False),
    ("до конца 2027 года", "2026", True),
    ("до 2027 года", "2026-2028", False),
    ("с 1 по 10 сентября 2026 г.", "2026/2027 учебный год", False),
    ("20–24.04.2027", "2026/2027 учебный год", False),
    ("20–24.04.2028", "2026/2027 учебный год", True),
    ("2 четверть 2025/2026 учебного года", "2026", True),
    ("III четверть 2025/2026 учебного года", "2026", False),
    ("2 четверть 2026/2027 учебного года", "2026/2027 учебный год", False),
    ("ноябрь 2025 – февраль 2026", "2026", True),
]


@pytest.mark.parametrize(("phrase", "period", "of203"), PERIOD_CHECK)
def test_validate_checks_the_form_against_the_period(tmp_path: Path, phrase: str, period: str, of203: bool) -> None:
    codes = _codes(_plan(tmp_path, period, phrase))
    assert ("OF203" in codes) is of203, codes
    assert "OF205" not in codes  # understood, not free text


@pytest.mark.parametrize("phrase", ["сентябрь, декабрь, март, май 2027", "декабрь, январь 2027", "2026–2027"])
def test_school_year_reading_does_not_depend_on_key_order(tmp_path: Path, phrase: str) -> None:
    assert _codes(_plan(tmp_path, "2026/2027 учебный год", phrase, period_last=True)) == []


def test_school_year_plan_prints_the_years_it_read(tmp_path: Path) -> None:
    plan, _ = load_plan(_plan(tmp_path, "2026/2027 учебный год", "декабрь, январь 2027"))
    assert plan is not None
    deadline = plan.plan.sections[0].activities[0].deadline
    assert deadline is not None and render_deadline(deadline) == "декабрь 2026 г., январь 2027 г."


@pytest.mark.parametrize("phrase", FREE[:2])
def test_validate_warns_about_free_text(tmp_path: Path, phrase: str) -> None:
    codes = _codes(_plan(tmp_path, "2026", phrase))
    assert codes == ["OF205"]


def test_validate_takes_a_separate_schedule_without_warning(tmp_path: Path) -> None:
    assert _codes(_plan(tmp_path, "2026", "по отдельному графику")) == []


def test_validate_command_passes_a_school_year_plan_with_wrapped_months(tmp_path: Path) -> None:
    """The issue's «done when»: the CLI, on a real file, gives no OF203 for the three school-year forms."""
    from click.testing import CliRunner

    from orderforge.cli import main

    path = _plan(tmp_path, "2026/2027 учебный год", "сентябрь, декабрь, март, май 2027")
    text = path.read_text(encoding="utf-8")
    for phrase in ("декабрь, январь 2027", "2026–2027"):
        text += (f"    - title: Раздел «{phrase}»\n      activities:\n        - text: Мониторинг\n"
                 f"          deadline: '{phrase}'\n          responsible: ЦОРП\n")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "OF203" not in result.output
    broken = path.read_text(encoding="utf-8").replace("2026–2027'", "2027–2028'")
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "OF203" in result.output and "2027–2028" in result.output


def test_rollover_of_a_school_year_plan_moves_wrapped_months_and_stays_valid(tmp_path: Path) -> None:
    """``new --from --shift 1``: every year of the school-year forms moves; the new plan has no OF203."""
    from click.testing import CliRunner

    from orderforge.cli import main

    old = _plan(tmp_path, "2026/2027 учебный год", "декабрь, январь 2027")
    text = old.read_text(encoding="utf-8")
    for phrase in ("сентябрь, декабрь, март, май 2027", "2026–2027", "2 четверть 2026/2027 учебного года",
                   "с 1 по 10 сентября 2026 г."):
        text += (f"        - text: Мониторинг\n          deadline: '{phrase}'\n          responsible: ЦОРП\n")
    old.write_text(text, encoding="utf-8")
    new = tmp_path / "next.yaml"
    result = CliRunner().invoke(main, ["new", str(new), "--from", str(old), "--shift", "1"])
    assert result.exit_code == 0, result.output
    moved = new.read_text(encoding="utf-8")
    for phrase in ("декабрь, январь 2028", "сентябрь, декабрь, март, май 2028", "2027–2028",
                   "2 четверть 2027/2028 учебного года", "с 1 по 10 сентября 2027 г."):
        assert phrase in moved, moved
    assert _codes(new) == []


def test_structured_months_are_read_in_the_school_year_too(tmp_path: Path) -> None:
    """``{kind: months, months: [12, 2027-01]}`` in a school-year plan: December 2026, as the phrase is."""
    d = deadline_from_data({"kind": "months", "months": ["12", "2027-01"]}, school_year=True)
    assert d.months == ((2026, 12), (2027, 1))
    path = _plan(tmp_path, "2026/2027 учебный год", "x")
    path.write_text(path.read_text(encoding="utf-8").replace("'x'", "{kind: months, months: ['12', '2027-01']}"),
                    encoding="utf-8")
    assert _codes(path) == []


SCHOOL_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]


@settings(max_examples=300, deadline=None)
@given(st.integers(2000, 2097), st.lists(st.sampled_from(SCHOOL_MONTHS), min_size=1, max_size=5, unique=True),
       st.lists(st.booleans(), min_size=5, max_size=5), st.sampled_from(["г.", "года", "год", "as_written"]),
       st.sampled_from([" – ", "-", " — "]))
def test_months_of_one_school_year_print_and_read_back_in_it(
        start: int, months: list[int], dated: list[bool], suffix: str, dash: str) -> None:
    """Months of one school year, in its order, some with their year: printed, they read back the same."""
    months.sort(key=SCHOOL_MONTHS.index)
    refs = [f"{start if m >= 9 else start + 1}-{m:02d}" if dated[i] or i == len(months) - 1 else f"{m:02d}"
            for i, m in enumerate(months)]
    d = deadline_from_data({"kind": "months", "months": refs}, school_year=True)
    assert all(y == (start if m >= 9 else start + 1) for y, m in d.months)
    again = parse_deadline(render_deadline(d, DeadlineStyle(suffix, dash)), school_year=True)
    assert again.months == d.months


@pytest.mark.parametrize("phrase", UNDATED)
def test_validate_takes_an_undated_form_without_a_message(tmp_path: Path, phrase: str) -> None:
    assert _codes(_plan(tmp_path, "2026/2027 учебный год", phrase)) == []
