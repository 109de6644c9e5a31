"""parse_deadline remembers what it parsed, resolve the cells it printed, and the match key is lowered in
one call: same results.

A 5,000-activity plan spent 1 s parsing deadlines it mostly repeats; the cache and the one-call key
must not change a single field of any deadline, nor the key any parser matches against.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.deadline import Deadline, DeadlineStyle, parse_deadline, render_deadline
from orderforge.deadline import parse as p
from orderforge.deadline import words as w
from orderforge.resolve import _deadline_cell
from orderforge.slotted import FrozenError, field_names
from orderforge.typography import typeset


def key_char_by_char(orig: str) -> str:
    """The key as it was built before: every character lowered on its own."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in orig).replace("ё", "е")


@given(st.text(max_size=40))
def test_key_is_every_character_lowered_on_its_own(text: str) -> None:
    assert w._key(text) == key_char_by_char(text)


@pytest.mark.parametrize("text", ["ΟΔΟΣ", "Σ", "İstanbul 2026", "ẞ", "ΣΑΣ ΣΑΣ", "Ёлка ǅ ǈ", "ﬃ"])
def test_key_of_letters_whose_lowering_depends_on_context_or_lengthens(text: str) -> None:
    assert w._key(text) == key_char_by_char(text)
    assert len(w._key(text)) == len(text)


PIECES = ["май", "Май", "мае", "апрель", "сентябрь", "декабря", "2026", "2027", "2025", "0000", "г.", "года", "гг.",
          "году", " ", " – ", "-", "/", ",", ".", "(ВГР)", "до", "не позднее", "к", "с", "по", "в", "во", "течение",
          "31.05.2026", "31.02.2026", "1", "10", "I", "II", "квартал", "квартале", "полугодие", "четверть",
          "учебного года", "учебный год", "уч. год", "ежегодно", "постоянно", "по мере необходимости", "ЕЖЕКВАРТАЛЬНО",
          "Ё", "ё", "\u00a0", "\n", "İ", "Σ"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join) | st.text(max_size=30)


@settings(max_examples=2000)
@given(TEXTS, st.booleans())
def test_cached_parse_equals_a_fresh_parse(text: str, school_year: bool) -> None:
    cached = parse_deadline(text, school_year=school_year)
    again = parse_deadline(text, school_year=school_year)
    fresh = p._parse_fresh(text, school_year)
    assert cached is again
    names = field_names(Deadline)
    assert [getattr(cached, name) for name in names] == [getattr(fresh, name) for name in names]


def test_school_year_is_part_of_the_cache_key() -> None:
    assert parse_deadline("2026–2027", school_year=True).kind == "school_year"
    assert parse_deadline("2026–2027", school_year=False).kind == "years"
    assert parse_deadline("2026–2027", school_year=True).kind == "school_year"


def test_a_shared_deadline_cannot_be_changed_by_one_caller() -> None:
    deadline = parse_deadline("апрель – май 2026 г.")
    with pytest.raises(FrozenError):
        deadline.text = "другое"  # type: ignore[misc]
    assert all(isinstance(getattr(deadline, name), (str, int, bool, tuple, type(None))) or
               name in ("day", "last_day") for name in field_names(Deadline))


STYLES = [DeadlineStyle(), DeadlineStyle("года", "—", "upper"), DeadlineStyle("as_written", "-", "lower"),
          DeadlineStyle("", " – ", "as_written")]


@settings(max_examples=1000)
@given(TEXTS, st.booleans())
def test_remembered_deadline_cell_equals_one_rendered_afresh_in_every_style(text: str, school_year: bool) -> None:
    """resolve remembers a deadline's cell by the deadline and the style: a style seen before must never
    hand its text to another, nor a deadline to an equal-looking one."""
    for style in STYLES + STYLES[::-1]:
        fresh = typeset(render_deadline(p._parse_fresh(text, school_year), style))
        assert _deadline_cell(parse_deadline(text, school_year=school_year), style) == fresh
