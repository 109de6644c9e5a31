"""The undated phrases are tried only against the patterns a key's first character allows (issue 12).

:data:`orderforge.deadline.words._PHRASE_FIRST` is written by hand so that a dated deadline compiles
none of the phrase patterns; here it is checked against the characters each pattern can really start
with, read from Python's own parse of the pattern.
"""

from __future__ import annotations

import re._constants as c
import re._parser as sre_parse

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
