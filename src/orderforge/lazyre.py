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
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

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
            self._compiled = re.compile(self.pattern, self.flags)
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
