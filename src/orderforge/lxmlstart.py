"""lxml.etree loaded without the standard modules it imports for a feature orderforge never uses.

At its start lxml.etree runs ``from inspect import getfullargspec`` for parser *targets* (Python objects
that receive parse events; orderforge builds trees, never targets). inspect brings ast, dis, tokenize and
linecache: about 30 M instructions, 2 % of a 1,000-row ``import`` and as much of a ``build``, for a function
that is never called (issue 11). The finder below meets the first import of lxml.etree and runs it with a
stand-in ``inspect`` whose ``getfullargspec`` imports the real module when first called, and whose every other
name does the same; the stand-in leaves ``sys.modules`` as soon as lxml.etree is loaded, so any later
``import inspect`` gets the real module. tests/test_lxmlstart.py checks this in a fresh interpreter,
including a parser target, the one use.

Nothing is done when inspect is loaded already (a test run, an embedding program): then there is nothing to save.
"""

from __future__ import annotations

import sys
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from typing import Any


def _real_inspect() -> ModuleType:
    if isinstance(sys.modules.get("inspect"), _LazyInspect):
        del sys.modules["inspect"]
    import inspect

    return inspect


def _getfullargspec(func: Any) -> Any:
    """inspect.getfullargspec, importing inspect on its first call (lxml calls it for a parser target)."""
    return _real_inspect().getfullargspec(func)


class _LazyInspect(ModuleType):
    """``inspect`` while lxml.etree loads: its one name lazy, any other one the real module's."""

    getfullargspec = staticmethod(_getfullargspec)

    def __getattr__(self, name: str) -> Any:
        return getattr(_real_inspect(), name)


class _Loader:
    """lxml.etree's own loader, run with the stand-in ``inspect`` in place."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> Any:
        with _stand_in():
            return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        with _stand_in():
            self.loader.exec_module(module)


class _stand_in:  # noqa: N801 — used as a statement: «with _stand_in():»
    """Puts the stand-in ``inspect`` into sys.modules for the block (unless the real one got there first)."""

    def __enter__(self) -> None:
        if "inspect" not in sys.modules:
            sys.modules["inspect"] = _LazyInspect("inspect")

    def __exit__(self, *exc: object) -> None:
        if isinstance(sys.modules.get("inspect"), _LazyInspect):
            del sys.modules["inspect"]


class EtreeFinder:
    """A meta path finder that only looks at «lxml.etree», once, and hands it :class:`_Loader`."""

    @classmethod
    def find_spec(cls, name: str, path: Sequence[str] | None = None, target: Any = None) -> ModuleSpec | None:
        if name != "lxml.etree":
            return None
        if cls in sys.meta_path:
            sys.meta_path.remove(cls)
        if "inspect" in sys.modules:
            return None  # nothing to save: the usual finders load it
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)  # type: ignore[assignment]
        return spec


def install() -> None:
    """Meet lxml.etree's first import (called by the command's entry point, :func:`orderforge.launch.main`)."""
    if "lxml.etree" not in sys.modules and "inspect" not in sys.modules and EtreeFinder not in sys.meta_path:
        sys.meta_path.insert(0, EtreeFinder)
