"""Plain value classes for everything on ``validate``'s path, instead of :mod:`dataclasses`.

``orderforge validate`` must start in about twice the time of ``import yaml`` (issue 12).
Importing :mod:`dataclasses` pulls in inspect, ast, dis and tokenize, and every
``@dataclass`` compiles its ``__init__``, ``__eq__`` and ``__repr__`` from source text
when the module is imported: together about a third of validate's start-up for the
46 classes of the plan model, the schema and the diagnostics. A class written out —
its ``__slots__`` and its ``__init__`` — is read from the byte-code cache instead.

:class:`Slotted` gives such a class what ``@dataclass`` gave it besides ``__init__``:
equality of the same class with equal fields, a repr that names them, and
:func:`replace`. :class:`FrozenSlotted` is ``@dataclass(frozen=True)``: hashable, and
assigning to a field raises :class:`FrozenError` (its ``__init__`` sets the fields
with ``object.__setattr__``, as the generated one did).
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up too
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T", bound="Slotted")


class FrozenError(AttributeError):
    """An assignment to a field of a :class:`FrozenSlotted` object (dataclasses' FrozenInstanceError)."""


class Slotted:
    """A class whose fields are its ``__slots__`` (its bases' first): compared, shown and replaced by them."""

    __slots__ = ()
    #: Every field, the bases' first: filled in for each subclass by ``__init_subclass__``.
    _fields: tuple[str, ...] = ()

    #: The fields' values as a tuple, read in C (``__eq__`` and ``__hash__`` are as fast as a dataclass's);
    #: the class comes last, so that even one field gives a tuple.
    _getter: Callable[[Any], tuple[Any, ...]] = attrgetter("__class__", "__class__")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(name for klass in reversed(cls.__mro__)
                            for name in klass.__dict__.get("__slots__", ()))
        cls._getter = attrgetter(*cls._fields, "__class__")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._getter(self) == self._getter(other)

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, like a dataclass

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"


class FrozenSlotted(Slotted):
    """A :class:`Slotted` whose fields never change after ``__init__``: hashable by them."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Slotted's is None: unhashable
        return hash(self._getter(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        """For pickle and copy, which would otherwise set the fields through the refused ``__setattr__``."""
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with some fields changed (``dataclasses.replace``): its class is called again with
    every field its ``__init__`` takes, so a frozen object is re-checked and derived fields are rebuilt."""
    code = obj.__init__.__code__  # type: ignore[misc]
    params = code.co_varnames[1:code.co_argcount + code.co_kwonlyargcount]
    return obj.__class__(**{name: changes.pop(name) if name in changes else getattr(obj, name)
                            for name in params}, **changes)


def field_names(obj: Slotted | type[Slotted]) -> tuple[str, ...]:
    """The names of the fields, in order (``dataclasses.fields``)."""
    return obj._fields
