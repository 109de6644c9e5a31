"""The template sandbox bounds computation: each of these is refused at once, in Russian, never computed."""

from __future__ import annotations

import time

import pytest
from jinja2.exceptions import SecurityError

from orderforge.sandbox import TemplateLimit, make_sandbox, time_limit

REFUSED = {
    "string-times-huge": '{{ "x" * 2000000000 }}',
    "list-times-huge": "{{ [0] * 1000000000 }}",
    "power-tower": "{{ 10 ** (10 ** 10) }}",
    "big-power": "{{ 7 ** 99999999 }}",
    "power-of-variable": "{% set n = 99999999 %}{{ 7 ** n }}",
    "format-width": '{{ "%0999999999d" % 1 }}',
    "recursion": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_runaway_template_code_is_refused_fast(name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(TemplateLimit) as exc:
        make_sandbox().from_string(REFUSED[name]).render()
    assert time.perf_counter() - started < 1.0
    assert any("а" <= ch <= "я" for ch in str(exc.value))


@pytest.mark.parametrize("code", ["{{ lipsum(100000000) }}", "{{ cycler(1, 2) }}", "{{ joiner() }}"])
def test_only_safe_globals(code: str) -> None:
    from jinja2.exceptions import UndefinedError

    with pytest.raises(UndefinedError):
        make_sandbox().from_string(code).render()


def test_escape_to_python_internals_still_refused() -> None:
    with pytest.raises(SecurityError):
        make_sandbox().from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


@pytest.mark.parametrize("code, expected", [
    ("{{ 2 ** 10 }}", "1024"), ('{{ "ab" * 3 }}', "ababab"), ("{{ [1] * 2 }}", "[1, 1]"),
    ('{{ "%05d" % 42 }}', "00042"), ("{{ 3 * 4 + 1 }}", "13"), ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
    ("{% macro f(n) %}{% if n %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(5) }}", "54321"),
])
def test_ordinary_template_code_still_works(code: str, expected: str) -> None:
    assert make_sandbox().from_string(code).render() == expected


def test_left_associative_power_tower_is_small_and_fast() -> None:
    """Jinja reads 10 ** 10 ** 10 as (10 ** 10) ** 10 = 1e100: computed at once, within the bound."""
    started = time.perf_counter()
    assert make_sandbox().from_string("{{ 10 ** 10 ** 10 }}").render() == str(10**100)
    assert time.perf_counter() - started < 1.0


def test_wall_clock_guard() -> None:
    started = time.perf_counter()
    with pytest.raises(TemplateLimit) as exc, time_limit(0.3):
        make_sandbox().from_string(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}").render()
    assert time.perf_counter() - started < 2.0
    assert "дольше" in str(exc.value)


@pytest.mark.parametrize("code, words", [
    ("{{ nosuchvar }}", "неизвестное поле «nosuchvar»"),
    ("{{ cycler.__init__ }}", "служебному свойству «__init__»"),
    ("{{ ''.__class__.__init__ }}", "служебному свойству «__init__»"),
    ('{% include "/etc/passwd" %}', "подключить файл «/etc/passwd»"),
    ("{{ order.date ", "кончается внутри метки"),
    ("{{ 7 ** 99999999 }}", "слишком большое число"),
    ("{% endif %}", "«{% endif %}»"),
])
def test_template_errors_are_told_in_russian(code: str, words: str) -> None:
    from jinja2 import TemplateError

    from orderforge.sandbox import jinja_message_ru

    env = make_sandbox()
    with pytest.raises(TemplateError) as exc:
        env.from_string(code).render(order={"date": "x"})
    message, _detail = jinja_message_ru(exc.value)
    assert words in message, message
    assert not any(w in message for w in ("undefined", "unsafe", "unknown tag", "attribute"))
