"""The Jinja sandbox a house-style template runs in, bounded in computation as well as in reach.

Jinja's ``SandboxedEnvironment`` stops a template from reaching Python's
internals and bounds ``range()``, but ``{{ 10 ** 10 ** 10 }}`` still computes
for ever, ``{{ "x" * 2000000000 }}`` asks for 2 GB (and, as a constant, at
compile time), ``lipsum(10**8)`` generates text without end. A style is a
Word file that may come from another committee, so its code is bounded here:

* ``**``, ``*``, ``%`` and ``+`` are intercepted (which also keeps Jinja from
  folding them as constants when compiling), and refused when the result would
  be larger than :data:`MAX_ITEMS` characters/items or :data:`MAX_BITS` bits;
* calls nest at most :data:`MAX_DEPTH` deep (a macro that calls itself);
* globals are only ``range``, ``dict`` and ``namespace``: no ``lipsum``,
  ``cycler`` or ``joiner``;
* :func:`time_limit` stops a render that runs longer than a wall-clock limit.

Every refusal is :class:`TemplateLimit`, which render.py reports as OF403
naming the template.
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import Namespace

from .lazyre import LazyPattern

#: Longest string or list an operator may produce (characters or items).
MAX_ITEMS = 1_000_000
#: Largest integer an operator may produce, in bits (a 300-digit number is 1000 bits).
MAX_BITS = 4096
#: Deepest nesting of calls (macros calling macros).
MAX_DEPTH = 60
#: Wall-clock seconds one template may take to render.
TIME_LIMIT = 30.0

_WIDTH = LazyPattern(r"%[-+ #0]*(\d+)(?:\.(\d+))?")


class TemplateLimit(SecurityError):
    """Template code asked for more than a house style may compute; the text is Russian."""


class BoundedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment with arithmetic, sequence growth and call depth bounded."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})
    intercepted_unops = frozenset()

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()
        self.globals.update({"range": safe_range, "dict": dict, "namespace": Namespace})
        self._depth = threading.local()

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        depth = getattr(__self._depth, "value", 0)
        if depth >= MAX_DEPTH:
            raise TemplateLimit(f"вызовы вложены глубже {MAX_DEPTH} уровней (макрос вызывает сам себя без конца)")
        __self._depth.value = depth + 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self._depth.value = depth


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "**":
        _check_power(left, right)
    elif operator == "*":
        _check_product(left, right)
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
    elif operator == "+" and _is_number(left) and _is_number(right):
        _check_bits(max(_bits(left), _bits(right)) + 1)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bits(value: Any) -> float:
    return math.log2(abs(value)) if value and isinstance(value, (int, float)) and abs(value) > 1 else 1.0


def _check_bits(bits: float) -> None:
    if bits > MAX_BITS:
        raise TemplateLimit("слишком большое число в выражении метки")


def _check_power(base: Any, exponent: Any) -> None:
    if not (_is_number(base) and _is_number(exponent)):
        return
    if abs(base) > 1 and exponent > 0:
        _check_bits(_bits(base) * exponent)


def _check_product(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool):
            if len(seq) * max(times, 0) > MAX_ITEMS:
                raise TemplateLimit(f"выражение метки строит текст или список длиннее {MAX_ITEMS:,} знаков"
                                    .replace(",", " "))
            return
    if _is_number(left) and _is_number(right):
        _check_bits(_bits(left) + _bits(right))


def _check_format(template: str) -> None:
    for width, precision in _WIDTH.findall(template):
        if int(width or 0) > MAX_ITEMS or int(precision or 0) > MAX_ITEMS:
            raise TemplateLimit("в выражении метки задана слишком большая ширина поля %")


class _NoFiles(BaseLoader):
    """``{% include %}``, ``{% import %}`` and ``{% extends %}`` read no file: a template is one Word file."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateNotFound(template)


def make_sandbox(**options: Any) -> BoundedSandbox:
    """The environment every house-style template renders in: autoescaped, strict, bounded, no files."""
    return BoundedSandbox(autoescape=True, undefined=StrictUndefined, loader=_NoFiles(), **options)


#: Jinja's messages in Russian; compiled on first use (an error), not when a build imports the sandbox.
_JINJA_RU: tuple[tuple[LazyPattern, str], ...] = tuple((LazyPattern(pattern), russian) for pattern, russian in (
    (r"^'([^']+)' is undefined", "неизвестное поле «{0}»"),
    (r"has no attribute '([^']+)'", "у поля нет свойства «{0}»"),
    (r"access to attribute '([^']+)' of '([^']+)' object is unsafe", "обращение к служебному свойству «{0}» "
     "запрещено (шаблон пытается выйти за пределы своих полей)"),
    (r"is not safely callable|unsafe", "действие запрещено в шаблоне (шаблон пытается выйти за пределы своих полей)"),
    (r"unexpected end of template", "шаблон кончается внутри метки: не закрыта «{{{{», «{{%» или блок {{% if/for %}}"),
    (r"^unknown tag '([^']+)'", "неизвестная или лишняя команда «{{% {0} %}}» (возможно, выше не закрыта метка "
     "«{{{{ … }}}}»)"),
    (r"^Encountered unknown tag '([^']+)'", "неизвестная или лишняя команда «{{% {0} %}}» (возможно, выше не "
     "закрыта метка «{{{{ … }}}}»)"),
    (r"expected token '([^']+)', got '([^']*)'", "метка написана с ошибкой: ожидалось «{0}», а стоит «{1}»"),
    (r"^unexpected '([^']+)'", "лишний знак «{0}» в метке"),
    (r"^unexpected char '([^']+)'", "недопустимый знак «{0}» в метке"),
))


def jinja_message_ru(exc: BaseException) -> tuple[str, str]:
    """(a Russian statement of what is wrong, Jinja's own words for the detail line).

    The clerk acts on the Russian part; the original stays available to whoever
    made the template, never as the message itself.
    """
    if isinstance(exc, TemplateLimit):
        return str(exc), ""
    if isinstance(exc, TemplateNotFound):
        return (f"шаблон пытается подключить файл «{exc.name}»: подключение файлов ({{% include %}}, "
                "{% import %}, {% extends %}) в шаблоне Word не поддерживается", "")
    original = str(getattr(exc, "message", None) or exc).strip()
    for pattern, russian in _JINJA_RU:
        found = pattern.search(original)
        if found:
            return russian.format(*found.groups()), original
    return "ошибка в выражении метки", original


@contextmanager
def time_limit(seconds: float = TIME_LIMIT) -> Iterator[None]:
    """Raise :class:`TemplateLimit` in the main thread when the block runs longer than ``seconds``.

    Uses SIGALRM (POSIX, main thread); elsewhere the block runs unbounded in time,
    still bounded in arithmetic and depth.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TemplateLimit(f"шаблон отрисовывается дольше {seconds:.0f} с: в нём, вероятно, бесконечный цикл")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
