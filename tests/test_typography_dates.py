"""Dates in both ГОСТ forms and the seeds' house forms; Russian typography applied once, idempotently."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderforge.resolve import format_date
from orderforge.typography import NB_HYPHEN, NBSP, typeset


@pytest.mark.parametrize(("pattern", "value", "expected"), [
    ("{dd}.{mm}.{yyyy}", date(2026, 2, 11), "11.02.2026"),                       # ГОСТ, numeric
    ("{d} {month} {yyyy} г.", date(2026, 2, 1), "1 февраля 2026 г."),            # ГОСТ, words, no leading zero
    ("от «{dd}» {mm} {yyyy} г.", date(2026, 2, 11), "от «11» 02 2026 г."),       # seed 000
    ("от «{dd}» {month} {yyyy} года", date(2023, 12, 29), "от «29» декабря 2023 года"),  # seed 001
    ("«{dd}» {mm} {yyyy} г.", date(2022, 2, 17), "«17» 02 2022 г."),             # seed 003
    ("{dd}.{mm}.{yyyy} г.", date(2026, 2, 11), "11.02.2026 г."),                  # seed 000 appendix mark
])
def test_date_forms(pattern: str, value: date, expected: str) -> None:
    """The year and its «г.» / «года» never part at a line end: a no-break space joins them."""
    formatted = format_date(value, pattern)
    assert formatted.replace(NBSP, " ") == expected
    assert (f"{value.year}{NBSP}г" in formatted) == (f"{value.year} г" in expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("№ 13827", f"№{NBSP}13827"),
    ("№13827", f"№{NBSP}13827"),
    ("г. Калининград", f"г.{NBSP}Калининград"),
    ("на 2026 г.", f"на 2026{NBSP}г."),
    ("Февраль 2026г.", f"Февраль 2026{NBSP}г."),
    ("Т.М. Петухова", f"Т.М.{NBSP}Петухова"),
    ("Гривусевич Г.В.", f"Гривусевич{NBSP}Г.В."),
    ('приказ "Об образовании"', "приказ «Об образовании»"),
    ("план - дорожная карта", f"план{NBSP}– дорожная карта"),
    ("слово  ,  ещё", "слово, ещё"),
    ("2026-2028 годы", f"2026{NB_HYPHEN}2028{NBSP}годы"),
    ("№ 304-ФЗ", f"№{NBSP}304{NB_HYPHEN}ФЗ"),
    ("ГИА-2025, 5-й класс", f"ГИА{NB_HYPHEN}2025, 5{NB_HYPHEN}й класс"),
    ("ПД-КПО-113", f"ПД-КПО{NB_HYPHEN}113"),
    ("учебно-методический", "учебно-методический"),
])
def test_typography_rules(raw: str, expected: str) -> None:
    assert typeset(raw) == expected


@given(st.text(alphabet="абв АБВ.,-–\"«»№г0123456789 ", max_size=60))
def test_typeset_is_idempotent(text: str) -> None:
    assert typeset(typeset(text)) == typeset(text)


@given(st.text(alphabet="абвгд АБВ.,;:!?()-–№г0123456789{}%&<>'\"«»", max_size=80))
def test_typeset_never_loses_letters_or_digits(text: str) -> None:
    kept = [c for c in text if c.isalnum()]
    assert [c for c in typeset(text) if c.isalnum()] == kept


def test_no_break_spaces_a_clerk_typed_are_kept() -> None:
    """Ordinary runs of spaces collapse; «10 000» and «т. е.» with no-break spaces stay as typed."""
    from orderforge.model import parse_text
    from orderforge.typography import squeeze

    assert squeeze(f"  10{NBSP}000   рублей\t, т.{NBSP}е.\n ") == f"10{NBSP}000 рублей , т.{NBSP}е."
    (para,) = parse_text(f"Премия  10{NBSP}000 рублей")
    assert para.text == f"Премия 10{NBSP}000 рублей"
