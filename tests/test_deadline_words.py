"""Cheap string tests keep a deadline from compiling patterns that cannot match it (issue 12).

The undated phrases are tried only against the patterns a key's first character allows.

:data:`orderforge.deadline.words._PHRASE_FIRST` is written by hand so that a dated deadline compiles
none of the phrase patterns; here it is checked against the characters each pattern can really start
with, read from Python's own parse of the pattern. The guards in deadline/parse.py are checked on random
phrases: wherever a pattern matches, its guard lets it be tried.
"""

from __future__ import annotations

import re._constants as c
import re._parser as sre_parse

from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.deadline import parse as p
from orderforge.deadline import parse_deadline
from orderforge.deadline import words as w


def first_chars(items: list) -> tuple[set[str], bool]:
    """The characters a parsed (sub)pattern may start with, and whether it may match the empty string.
    Only what the phrase patterns use is understood: anything else fails the test loudly."""
    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return found | {chr(av)}, False
        if op is c.IN:
            chars = set()
            for kind, value in av:
                assert kind is c.LITERAL or kind is c.RANGE, (kind, value)
                chars |= {chr(value)} if kind is c.LITERAL else {chr(x) for x in range(value[0], value[1] + 1)}
            return found | chars, False
        if op is c.BRANCH:
            empty = False
            for branch in av[1]:
                chars, may_be_empty = first_chars(list(branch))
                found |= chars
                empty |= may_be_empty
            if not empty:
                return found, False
        elif op is c.SUBPATTERN:
            chars, empty = first_chars(list(av[3]))
            found |= chars
            if not empty:
                return found, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            chars, empty = first_chars(list(av[2]))
            found |= chars
            if av[0] > 0 and not empty:
                return found, False
        else:
            raise AssertionError(f"not understood: {op}")
    return found, True


def test_each_phrase_starts_only_with_its_listed_characters() -> None:
    for sub, pattern in w._PHRASES:
        chars, may_be_empty = first_chars(list(sre_parse.parse(pattern)))
        assert not may_be_empty
        assert chars == set(w._PHRASE_FIRST[sub]), sub


def test_phrases_keep_their_order_and_are_all_reachable() -> None:
    assert set(w._PHRASE_FIRST) == {sub for sub, _ in w._PHRASES}
    for subs in w._PHRASES_BY_FIRST.values():
        order = [sub for sub, _ in w._PHRASES]
        assert [order.index(sub) for sub, _ in subs] == sorted(order.index(sub) for sub, _ in subs)


def test_a_dated_deadline_compiles_no_phrase_pattern() -> None:
    fresh = [(sub, rx) for sub, rx in w._PHRASE_RES if rx._compiled is None]
    assert parse_deadline("Февраль 2031 г.").kind == "months"
    assert all(rx._compiled is None for _, rx in fresh)
    assert parse_deadline("1 раз в год").phrase == "yearly"


#: Pieces of the deadline grammar: random phrases made of them reach every pattern the guards stand before.
PIECES = ["в", "во", "в течение", "в срок", "до", "не позднее", "к", "с", "по", "конца", "31.05.2026", "1", "20",
          "24.04.2027", "01.09.2025", "сентября", "май", "апрель", "мае", "2026", "2027", "г.", "года", "году",
          "гг.", "–", "-", "—", ",", "1 сентября", "10 февраля 2026 г.", "٣", "²", "ежегодно", "."]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join))
def test_the_cheap_guards_hold_wherever_their_patterns_match(text: str) -> None:
    """Each guard in deadline/parse.py is a necessary condition: a pattern it skips could not have matched."""
    key = w._source(text).key
    if p._UNTIL.fullmatch(key):
        assert key.startswith(p._UNTIL_STARTS)
    for rx in (p._DATE_NUM, p._DATE_WORDS):
        if rx.fullmatch(key):
            assert p._starts_with_digit(key)
    for rx in (p._ONE_YEAR, p._YEARS):
        if rx.fullmatch(key):
            assert p._may_be_year(key)
    dash_form = p._DATES_FORMS[1][0]
    m = dash_form.fullmatch(key)
    if m and not p._starts_with_digit(key):  # no start day can be read from «a»: the guard skips the form
        assert p._BARE_DAY.fullmatch(m["a"]) is None and p._match_day(m["a"]) is None
        assert p._DAY_NO_YEAR.fullmatch(m["a"]) is None


def test_guarded_forms_still_read() -> None:
    cases = {"в 2026 году": "year", "2026–2027 гг.": "years", "до 31.05.2026": "until", "в срок до 1 июня 2026 г.":
             "until", "20–24.04.2027": "dates", "01.09.2025 – 30.09.2025": "dates", "10 февраля 2026 г.": "date",
             "с 1 по 10 сентября 2026 г.": "dates", "в течение 2026 года": "year"}
    assert {text: parse_deadline(text).kind for text in cases} == cases
