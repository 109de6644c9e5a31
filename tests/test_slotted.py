"""orderforge.slotted: the plain classes of the plan model behave as the dataclasses they replace (issue 12)."""

from __future__ import annotations

import copy
import pickle

import pytest

from orderforge.deadline import parse_deadline
from orderforge.diagnostics import Diagnostic, Pos, Report
from orderforge.planmodel import Party
from orderforge.schema import Field
from orderforge.slotted import FrozenError, field_names, replace
from orderforge.style import Key
from orderforge.valuetypes import Bool, Str


def test_equal_by_fields_and_only_within_one_class() -> None:
    assert Pos("a.yaml", 1, 2) == Pos("a.yaml", 1, 2) != Pos("a.yaml", 1, 3)
    assert Party("ОУ", "школы", Pos("d")) == Party("ОУ", "школы", Pos("d"))
    assert Party("ОУ", "школы", Pos("d")) != Party("ОУ", "школы", Pos("d"), {"dat": "школам"})
    assert Field("a", Str()) != Key("a", Str())  # a subclass with the same first fields is another thing
    assert Pos("a") != ("a", 0, 0)


def test_frozen_objects_hash_and_refuse_changes() -> None:
    pos = Pos("a.yaml", 3, 4)
    assert {pos: 1}[Pos("a.yaml", 3, 4)] == 1
    with pytest.raises(FrozenError):
        pos.line = 5  # type: ignore[misc]
    with pytest.raises(FrozenError):
        del pos.col  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(Report())  # mutable ones are unhashable, as a dataclass with eq is


def test_positions_order_by_file_line_and_column() -> None:
    places = [Pos("b", 1, 1), Pos("a", 2, 1), Pos("a", 1, 9), Pos("a", 1, 2)]
    assert sorted(places) == [Pos("a", 1, 2), Pos("a", 1, 9), Pos("a", 2, 1), Pos("b", 1, 1)]
    assert Pos("a", 1, 1) <= Pos("a", 1, 1) < Pos("a", 1, 2) and Pos("b") > Pos("a", 9, 9) >= Pos("a", 9, 9)


def test_repr_names_every_field_like_a_dataclass() -> None:
    assert repr(Pos("a.yaml", 1, 2)) == "Pos(file='a.yaml', line=1, col=2)"
    assert repr(Diagnostic("OF1", "error", "м", Pos("f"))).startswith("Diagnostic(code='OF1', severity='error'")


def test_replace_calls_the_class_again() -> None:
    deadline = parse_deadline("апрель – май 2026 г.")
    other = replace(deadline, text="другое")
    assert other.text == "другое" and other.months == deadline.months and deadline.text == "апрель – май 2026 г."
    key = Key("dash", Bool(), "да", "dash", {"да": True}, required=True, doc="d")
    assert replace(key, doc="e") == Key("dash", Bool(), "да", "dash", {"да": True}, required=True, doc="e")
    with pytest.raises(ValueError):
        replace(deadline, kind="no such kind")  # the checks of __init__ run again
    with pytest.raises(TypeError):
        replace(deadline, no_such_field=1)


def test_fields_are_the_slots_of_every_class_in_order() -> None:
    assert field_names(Pos) == ("file", "line", "col")
    assert field_names(Key("a", Str())) == ("key", "type", "required", "doc", "default", "attr", "internal")


@pytest.mark.parametrize("value", [Pos("a", 1, 2), parse_deadline("до 31.05.2026"),
                                   Party("ОУ", "школы", Pos("d"), {"dat": "школам"})])
def test_pickle_and_copy_keep_the_value(value: object) -> None:
    """Frozen objects are rebuilt without their refused __setattr__ (a build in another process gets them)."""
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value == copy.copy(value)
