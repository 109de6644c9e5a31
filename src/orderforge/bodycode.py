"""The Python code Jinja generated for a bundled template's parts, run without importing Jinja.

Why: a first build of a bundled style ran the shipped code (templateprep.py) through Jinja only to call
its ``root`` function, and importing Jinja was about an eighth of a 1,000-activity build (issue 12). That
code uses a handful of runtime names: a context's ``resolve_or_missing``, the environment's ``getattr``,
``getitem``, ``finalize``, ``undefined`` and ``concat``, ``escape``, ``missing`` and ``LoopContext`` for
``loop.last``. They are given here, for the path where everything is defined and plain.

Anything else stops the run with :class:`NeedsJinja`, and the caller renders the part with Jinja, which
then gives its own result or its own error: code that names any other runtime name (a filter, a macro, a
call, an operator the sandbox bounds), a name the context lacks, an attribute that is missing, private or
not plain data, a recursive loop. tests/test_bodycode.py compares both on every bundled template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType
    from typing import Any

#: The first line of every piece of code Jinja 3.1 generates for a template (checked, then left out).
RUNTIME_IMPORT = ("from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, "
                  "TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, "
                  "markup_join, missing, str_join")
#: Every name the rest of the code may use (globals and attributes alike, as ``co_names`` lists them).
ALLOWED_NAMES = frozenset({"LoopContext", "Undefined", "blocks", "concat", "debug_info", "environment", "escape",
                           "finalize", "getattr", "getitem", "missing", "name", "resolve_or_missing", "root",
                           "undefined"})
#: Values an attribute may give here: what the contexts hold (and Markup, a str).
_PLAIN = (str, int, float, bool, list, tuple, dict, type(None))


class NeedsJinja(Exception):
    """This code or this context is not one the lean run reproduces exactly: render it with Jinja."""


class _Missing:
    """Jinja's ``missing`` sentinel: an unresolved name (the code compares it by identity only)."""

    __slots__ = ()


MISSING = _Missing()


def xml_text(value: Any) -> Any:
    """Jinja ``finalize`` of every house-style environment: escape for XML and neutralise the braces of any
    plain value (render.make_env's, defined here so that the lean run needs nothing from render.py)."""
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    escaped = str(escape(value))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;"))


def _undefined(*args: Any, **kwargs: Any) -> Any:
    raise NeedsJinja("undefined")


class _Environment:
    """The sandboxed environment's methods the code calls, for defined, public, plain values only."""

    __slots__ = ()
    finalize = staticmethod(xml_text)
    undefined = staticmethod(_undefined)
    concat = staticmethod("".join)

    @staticmethod
    def getattr(obj: Any, attribute: str) -> Any:
        """SandboxedEnvironment.getattr where it returns a value: the attribute, else the item."""
        if attribute.startswith("_"):
            raise NeedsJinja(attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                raise NeedsJinja(attribute) from None
        if isinstance(value, _PLAIN):
            return value
        raise NeedsJinja(attribute)  # a method or another object: the sandbox decides what it gives

    @staticmethod
    def getitem(obj: Any, argument: Any) -> Any:
        """SandboxedEnvironment.getitem where the item exists."""
        try:
            return obj[argument]
        except (TypeError, LookupError):
            raise NeedsJinja(repr(argument)) from None


class _Context:
    """Jinja's template context as the code reads it: the render's variables only (the environment's
    globals, ``range`` and the like, are left to Jinja)."""

    __slots__ = ("vars",)

    def __init__(self, variables: Mapping[str, Any]) -> None:
        self.vars = variables

    def resolve_or_missing(self, key: str) -> Any:
        return self.vars.get(key, MISSING)


class _Loop:
    """The ``loop`` variable's plain counters (LoopContext's), over a list."""

    __slots__ = ("index0", "length")

    def __init__(self, length: int) -> None:
        self.index0 = -1
        self.length = length

    @property
    def index(self) -> int:
        return self.index0 + 1

    @property
    def first(self) -> bool:
        return self.index0 == 0

    @property
    def last(self) -> bool:
        return self.index0 == self.length - 1

    @property
    def revindex(self) -> int:
        return self.length - self.index0

    @property
    def revindex0(self) -> int:
        return self.length - self.index0 - 1


def _loop_context(iterable: Any, undefined: Any, recurse: Any = None, depth0: int = 0) -> Iterator[tuple[Any, _Loop]]:
    if recurse is not None or depth0:
        raise NeedsJinja("recursive loop")
    items = list(iterable)
    loop = _Loop(len(items))
    for item in items:
        loop.index0 += 1
        yield item, loop


_ENVIRONMENT = _Environment()
_COMPILED: dict[str, CodeType] = {}


def _names(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names(const)
    return names


def compiled(code: str) -> CodeType:
    """The code without its runtime import, compiled once; :class:`NeedsJinja` when it is not Jinja 3.1's
    usual header or uses any name outside :data:`ALLOWED_NAMES`."""
    found = _COMPILED.get(code)
    if found is not None:
        return found
    first, _, rest = code.partition("\n")
    if first != RUNTIME_IMPORT:
        raise NeedsJinja("header")
    result = compile(rest, "<template>", "exec")
    if not _names(result) <= ALLOWED_NAMES:
        raise NeedsJinja(", ".join(sorted(_names(result) - ALLOWED_NAMES)))
    _COMPILED[code] = result
    return result


def render(code: str, context: Mapping[str, Any]) -> str:
    """What ``Template.render(context)`` of this code gives, or :class:`NeedsJinja`."""
    from markupsafe import Markup, escape

    namespace: dict[str, Any] = {"__name__": "orderforge.template", "environment": _ENVIRONMENT, "missing": MISSING,
                                 "escape": escape, "Markup": Markup, "LoopContext": _loop_context,
                                 "Undefined": _undefined}
    exec(compiled(code), namespace)  # noqa: S102 - code generated by Jinja from a bundled template, checked above
    try:
        return "".join(namespace["root"](_Context(context)))
    except NeedsJinja:
        raise
    except Exception as exc:  # whatever went wrong, Jinja says it in its own words
        raise NeedsJinja(type(exc).__name__) from exc
