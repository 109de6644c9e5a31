"""Regexes compiled on first use, not at import.

Python compiles a regex in pure Python (``re._parser``, ``re._compiler``): the
deadline grammar's ~90 patterns, long month-name alternations among them,
cost ``orderforge validate`` about a fifth of its start-up, while a plan uses
only the few its phrases reach. A :class:`LazyPattern` stands where a
module-level ``re.compile(...)`` stood, with the same methods, and compiles
the pattern the first time one of them is called. From then on the instance's
methods are the compiled pattern's own bound methods: a build calls the
typography guards some 40,000 times at 5,000 activities, and a Python wrapper
around each call cost more than the search itself.

Compiling is also skipped where it can be: :func:`precompiled` (which every lazy pattern and
orderforge's module-level patterns go through) takes the program ``re`` would make from a table
shipped for this CPython (regexcode/, made by tools/make_regexes.py; tests/test_regexcode.py proves
each is ``re.compile``'s own) and hands it to ``_sre.compile`` as ``re`` itself does. Any other
Python, or a pattern not in the table, is compiled by ``re`` as usual. Compiling had been about a
tenth of a first build of 1,000 activities, and of ``validate``.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine, loaded with re: as re._compiler uses it
import re
import sys
from collections.abc import Callable, Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

#: (pattern, flags) of every :func:`precompiled` call, in order: tools/make_regexes.py ships their programs.
REQUESTED: list[tuple[str, int]] = []
#: The shipped programs: "flags:pattern" → its entry's JSON text, parsed when used; None until read.
_TABLE: dict[str, str] | None = None


def table_path() -> str:
    """This CPython's table (regex programs differ between versions)."""
    import os

    return os.path.join(os.path.dirname(__file__), "regexcode", f"{sys.version_info[0]}.{sys.version_info[1]}.txt")


def table_header() -> dict[str, Any]:
    """What a table must say of the ``re`` engine that made it, to be used by this one."""
    return {"magic": _sre.MAGIC, "codesize": _sre.CODESIZE, "byteorder": sys.byteorder}


def _shipped() -> dict[str, str]:
    """The table: its first line says which engine made it; then a pattern a line, «key<TAB>entry», both
    JSON. Only the keys are decoded here (a validate uses a few dozen of the table's patterns)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = {}
        import json

        try:
            with open(table_path(), encoding="utf-8") as file:
                header, *lines = file.read().splitlines()
            if json.loads(header).get("engine") == table_header():
                _TABLE = {json.loads(key): entry for key, _, entry in (line.partition("\t") for line in lines)}
        except (OSError, ValueError, AttributeError):
            pass  # no table for this Python: ``re`` compiles everything
    return _TABLE


def precompiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the shipped program when there is one."""
    REQUESTED.append((pattern, flags))
    entry = _shipped().get(f"{int(flags)}:{pattern}")
    if entry is None:
        return re.compile(pattern, flags)
    import json
    from array import array
    from base64 import b64decode
    from zlib import decompress

    final, groups, groupindex, indexgroup, code = json.loads(entry)
    program = array("I", decompress(b64decode(code))).tolist()
    return _sre.compile(pattern, final, program, groups - 1, groupindex, tuple(indexgroup))


_MADE: dict[tuple[str, int], re.Pattern[str]] = {}


def pattern_for(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`precompiled`, once per pattern: for a pattern made at run time (a schema's, a call's own)
    where ``re.fullmatch(pattern, …)`` stood (``re``'s own cache would compile it in Python)."""
    found = _MADE.get((pattern, flags))
    if found is None:
        found = _MADE[(pattern, flags)] = precompiled(pattern, flags)
    return found


def program(pattern: str, flags: int = 0) -> list[Any]:
    """The table entry of a pattern: what ``re.compile`` computes before it calls ``_sre.compile``
    (re._compiler.compile, whose steps these are)."""
    from array import array
    from base64 import b64encode
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from zlib import compress

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    packed = b64encode(compress(array("I", [int(op) for op in code]).tobytes(), 9)).decode("ascii")
    return [flags | parsed.state.flags, parsed.state.groups, groupindex, indexgroup, packed]


_METHODS = ("fullmatch", "match", "search", "finditer", "findall", "split", "sub", "subn")


class LazyPattern:
    """``re.compile(pattern, flags)``, done the first time a method is called.

    The methods below run once per instance: compiling puts the compiled pattern's bound methods in the
    instance's ``__dict__``, which Python looks in before the class, so later calls go straight to C.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = precompiled(self.pattern, self.flags)
            self.__dict__.update((name, getattr(self._compiled, name)) for name in _METHODS)
        return self._compiled

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)
