"""One reading of dates (orderforge.dates) for its three callers: a plan's ``date:`` (schema, OF106),
``amend --date`` (OF646) and the importer, which finds an order's date inside a line of a Word file.

Before they shared orderforge.dates the three disagreed: the importer found no ISO date and the two
strict readers none written in words (still so — they read different things), but ``amend --date``
also took 01.01.1899 and 01.01.2200, which a plan's ``date:`` refused (OF106), and the importer took
them too. Now a year outside :data:`orderforge.dates.YEARS` is refused by all three.
"""

from __future__ import annotations

from datetime import date

import pytest

from orderforge.dates import YEARS, DateError, date_option, find_date, parse_date
from orderforge.diagnostics import Pos, Report, UserError
from orderforge.load import Scalar
from orderforge.schema import ConvertContext
from orderforge.valuetypes import DateT
from orderforge.workspace import YEARS as WORKSPACE_YEARS

D = date(2026, 2, 11)
NOT_A_DATE = ("OF106", "«{v}» — не дата", "запишите дату как 2026-02-11 или 11.02.2026")
NO_SUCH_DAY = ("OF106", "даты «{v}» не существует", "проверьте число и месяц")


def _year(y: str) -> tuple[str, str, str]:
    return ("OF106", "дата «{v}»: год " + y + " — не год плана", "годы плана — от 1900 до 2199: проверьте год")


# value → (what a plan's date: / amend --date gives, the diagnostic when none, what the importer finds)
TABLE = [
    ("2026-02-11", D, None, None),
    ("11.02.2026", D, None, D),
    ("1.2.2026", date(2026, 2, 1), None, date(2026, 2, 1)),
    (" 2026-02-11 ", D, None, None),
    ("01.01.1900", date(1900, 1, 1), None, date(1900, 1, 1)),
    ("31.12.2199", date(2199, 12, 31), None, date(2199, 12, 31)),
    ("2026-2-11", None, NOT_A_DATE, None),
    ("11.02.26", None, NOT_A_DATE, None),
    ("2026-02-11T00", None, NOT_A_DATE, None),
    ("x", None, NOT_A_DATE, None),
    ("11 февраля 2026", None, NOT_A_DATE, D),
    ("«11» 02 2026 г.", None, NOT_A_DATE, D),
    ("11.02.2026 г.", None, NOT_A_DATE, D),
    ("31.02.2026", None, NO_SUCH_DAY, None),
    ("2026-02-30", None, NO_SUCH_DAY, None),
    ("0000-01-01", None, NO_SUCH_DAY, None),
    ("01.01.1899", None, _year("1899"), None),
    ("01.01.2200", None, _year("2200"), None),
]


def _schema(value: str) -> tuple[date | None, list[tuple[str, str, str]]]:
    report = Report()
    got = DateT().convert(Scalar(value, Pos("plan.yaml", 3, 7)), ConvertContext(report))
    return got, [(d.code, d.message, d.hint) for d in report]


def _amend_option(value: str) -> date | None:
    """``amend --date`` as the CLI reads it: a date, or None where the CLI says OF646."""
    try:
        return date_option(value)
    except UserError:
        return None


@pytest.mark.parametrize("value, strict, problem, in_text", TABLE)
def test_the_three_callers_read_dates_alike(value: str, strict: date | None,
                                            problem: tuple[str, str, str] | None, in_text: date | None) -> None:
    got, diagnostics = _schema(value)
    assert got == strict
    expected = [(problem[0], problem[1].format(v=value.strip()), problem[2])] if problem else []
    assert diagnostics == expected
    assert _amend_option(value) == strict
    assert find_date(value) == in_text


@pytest.mark.parametrize("value, strict, problem, in_text", [row for row in TABLE if row[2]])
def test_amend_date_option_is_a_usage_error_with_its_own_code(value: str, strict: date | None,
                                                               problem: tuple[str, str, str],
                                                               in_text: date | None) -> None:
    with pytest.raises(UserError) as caught:
        date_option(value)
    error = caught.value.diagnostics[0]
    assert caught.value.exit_code == 2 and error.code == "OF646"
    if problem is NOT_A_DATE:  # the message ``amend --date`` has always given
        assert error.message == f"дата «{value}» не распознана"
    else:
        assert error.message == problem[1].format(v=value.strip())
    assert error.hint == problem[2]


def test_date_option_returns_the_date() -> None:
    assert date_option("01.06.2026") == date(2026, 6, 1)


def test_the_importer_skips_a_date_that_cannot_be_for_the_next_one() -> None:
    assert find_date("от 31.02.2026, исправлено 11.02.2026") == D
    assert find_date("от 01.01.1899 № 5, от «11» февраля 2026 г.") == D


def test_one_year_bound_for_plans_deadlines_and_new_workspaces() -> None:
    from orderforge.deadline import YEARS as DEADLINE_YEARS

    assert YEARS is DEADLINE_YEARS
    assert WORKSPACE_YEARS == range(YEARS.start, YEARS.stop - 2)  # a starter plan's period spans three years
    with pytest.raises(DateError):
        parse_date(f"01.01.{YEARS.stop}")
