"""Dates in both ГОСТ forms and the seeds' house forms; Russian typography applied once, idempotently."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
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
    # one form for a range of years: an en dash, no spaces (issue 10), whatever the clerk typed
    ("2026-2028 годы", f"2026–2028{NBSP}годы"),
    ("на 2026 - 2028 гг.", f"на 2026–2028{NBSP}гг."),
    ("2026 — 2028", "2026–2028"),
    ("2026–2028", "2026–2028"),
    (f"2026{NB_HYPHEN}2028", "2026–2028"),
    ("2025/2026 учебный год", "2025/2026 учебный год"),
    # a hyphen stays the hyphen the clerk typed: no U+2011 in the text, so «grep 304-ФЗ» finds it
    ("№ 304-ФЗ", f"№{NBSP}304-ФЗ"),
    ("ГИА-2025, 5-й класс", "ГИА-2025, 5-й класс"),
    ("ПД-КПО-113", "ПД-КПО-113"),
    (f"№ 7{NB_HYPHEN}р", f"№{NBSP}7-р"),
    # nested straight quotes: the inner pair as „лапки“, never an inverted »…«
    ('"План мероприятий ("Дорожная карта")"', "«План мероприятий („Дорожная карта“)»"),
    ('«План мероприятий ("Дорожная карта")»', "«План мероприятий („Дорожная карта“)»"),
    ('"a" и "b"', "«a» и «b»"),
    ('приказ "О "школе" и" всё', "приказ «О „школе“ и» всё"),
    # small typography
    ("№№ 1, 2", f"№№{NBSP}1, 2"),
    ("г.Калининград", f"г.{NBSP}Калининград"),
    ("А.И.Иванов", f"А.И.{NBSP}Иванов"),
    ("п. 3, ст.5, ч. 2, пп.1", f"п.{NBSP}3, ст.{NBSP}5, ч.{NBSP}2, пп.{NBSP}1"),
    ("т.е. текст", "т.е. текст"),
    ("учебно-методический", "учебно-методический"),
])
def test_typography_rules(raw: str, expected: str) -> None:
    assert typeset(raw) == expected


@given(st.text(alphabet="абв АБВ.,-–—\u2011()\"«»„“№г0123456789 ", max_size=60))
def test_typeset_is_idempotent(text: str) -> None:
    assert typeset(typeset(text)) == typeset(text)


@given(st.text(alphabet="абвгд АБВ.,;:!?()-–№г0123456789{}%&<>'\"«»", max_size=80))
def test_typeset_never_loses_letters_or_digits(text: str) -> None:
    kept = [c for c in text if c.isalnum()]
    assert [c for c in typeset(text) if c.isalnum()] == kept


def test_no_break_spaces_a_clerk_typed_are_kept() -> None:
    """Ordinary runs of spaces collapse; «10 000» and «т. е.» with no-break spaces stay as typed."""
    from orderforge.planmodel import parse_text
    from orderforge.typography import squeeze

    assert squeeze(f"  10{NBSP}000   рублей\t, т.{NBSP}е.\n ") == f"10{NBSP}000 рублей , т.{NBSP}е."
    (para,) = parse_text(f"Премия  10{NBSP}000 рублей")
    assert para.text == f"Премия 10{NBSP}000 рублей"


@given(st.text(alphabet="абв АБ.,()-–\"«»„“№0123456789 \u2011", max_size=60))
def test_typeset_never_writes_a_no_break_hyphen(text: str) -> None:
    """What a reader searches for is what the clerk typed: the text of a document holds no U+2011."""
    assert NB_HYPHEN not in typeset(text)


@pytest.mark.parametrize(("text", "where"), [
    ('Проведение "Недели науки', [11]),
    ("Конкурс «Учитель года", [8]),
    ("Конкурс Учитель года»", [20]),
    ("«Конкурс „Учитель года»", [9]),
])
def test_unbalanced_quotes_are_found(text: str, where: list[int]) -> None:
    from orderforge.typography import quote_problems

    assert [offset for offset, _ in quote_problems(text)] == where


@pytest.mark.parametrize("text", [
    '"a" и "b"', "«План („Дорожная карта“)»", "без кавычек", '"a («b»)"',
    # quotes that end together share one closing quote (seed 000): «План … «Город Калининград» (далее …)
    "Утвердить «План мероприятий («Дорожная карта») в округе «Город Калининград» (далее – Дорожная карта)",
])
def test_balanced_quotes_are_not_reported(text: str) -> None:
    from orderforge.typography import quote_problems

    assert quote_problems(text) == []


def test_impossible_dates_in_text_are_found() -> None:
    from orderforge.typography import date_problems

    text = "от 05.20.2020 г. № 102, от 31.04.2026, от 29.02.2024, от 29.02.2025, версия 1.10.2026.1"
    assert [(offset, text[offset:offset + 10]) for offset, _ in date_problems(text)] == [
        (3, "05.20.2020"), (27, "31.04.2026"), (57, "29.02.2025")]
    assert "месяца 20 нет" in date_problems(text)[0][1]


_WORDS = st.sampled_from(["план", "Дорожная карта", "ВПР", "2026", "школа № 1", "(далее – План)"])


def _quoted(depth: int) -> st.SearchStrategy[str]:
    """Text with straight-quoted titles nested up to ``depth`` levels, as a clerk types them."""
    leaf = _WORDS
    if depth == 0:
        return leaf
    inner = st.one_of(leaf, _quoted(depth - 1).map(lambda t: f'"{t}"'), _quoted(depth - 1).map(lambda t: f'("{t}")'))
    return st.lists(inner, min_size=1, max_size=3).map(" ".join)


@example('""план" "ВПР""')
@example('"("план")"')
@given(_quoted(3).map(lambda t: f'"{t}"'))
def test_nested_straight_quotes_come_out_balanced(text: str) -> None:
    """Whatever the nesting, the curled quotes pair up: «…» outside, „…“ inside, never »…«."""
    from orderforge.typography import quote_problems

    result = typeset(text)
    assert '"' not in result and quote_problems(result) == []
    assert result.startswith("«") and result.endswith("»")
    depth = 0
    for char in result:
        depth += char in "«„"
        depth -= char in "»“"
        assert depth >= 0
