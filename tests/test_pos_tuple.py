"""Pos is a tuple made in C (issue 12: 50,000 positions of a 5,000-activity plan, each a Python ``__init__``
before): these pin what it must still be — a frozen, ordered, hashable, picklable place — and that a
position made the fast way (``tuple.__new__``, as yamlfast makes them) is the one ``Pos(...)`` makes."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderforge.diagnostics import Pos

places = st.tuples(st.text(max_size=5), st.integers(0, 10**6), st.integers(0, 10**6))


@given(places, places)
def test_order_and_equality_are_by_file_line_col(a: tuple[str, int, int], b: tuple[str, int, int]) -> None:
    pa, pb = Pos(*a), Pos(*b)
    assert (pa < pb, pa <= pb, pa > pb, pa >= pb, pa == pb) == (a < b, a <= b, a > b, a >= b, a == b)
    assert (hash(pa) == hash(pb)) if a == b else True


@given(places)
def test_fast_made_is_the_same_position(a: tuple[str, int, int]) -> None:
    fast = tuple.__new__(Pos, a)
    made = Pos(*a)
    assert fast == made and fast.__class__ is Pos
    assert (fast.file, fast.line, fast.col) == (made.file, made.line, made.col) == a
    assert str(fast) == str(made)
    assert pickle.loads(pickle.dumps(made)) == made
    assert copy.deepcopy(made) == made and copy.copy(made).__class__ is Pos


def test_reads_as_before() -> None:
    assert repr(Pos("plan.yaml", 3, 5)) == "Pos(file='plan.yaml', line=3, col=5)"
    assert str(Pos("plan.yaml")) == "plan.yaml" and str(Pos("plan.yaml", 3, 5)) == "plan.yaml:3:5"
    assert Pos("plan.yaml") == Pos("plan.yaml", 0, 0)


def test_frozen() -> None:
    pos = Pos("plan.yaml", 3, 5)
    with pytest.raises(AttributeError):
        pos.line = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        pos.other = 1  # type: ignore[attr-defined]
