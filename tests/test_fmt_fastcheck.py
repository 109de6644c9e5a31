"""fmt's check of a file it leaves as it was (:func:`orderforge.fmt.loads_clean`) says what the loader says.

A text that formats to itself is not loaded a second time (issue 12: fmt at most 1.5× validate):
``loads_clean`` looks at the composed nodes for what the loader could still refuse, and when it
finds anything the loader reads the text as before. These tests prove both halves: whenever
``loads_clean`` says «clean», the loader finds no error in that text; and fmt's answer — the text,
or the refusal with its diagnostics — is the same as the old path's (the loader always asked), on
every plan and fixture, on texts made to be refused, and on generated plans.
"""

from __future__ import annotations

import sys
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge import fmt
from orderforge.diagnostics import Report, UserError
from orderforge.load import load_text

from .conftest import ROOT
from .planhelpers import plan_yaml
from .test_fmt_comments import FILES, commented_plans

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402


def outcome(text: str) -> tuple[Any, ...]:
    """What fmt answers for a text: the formatted text, or the refusal (its diagnostics and exit code)."""
    try:
        return ("formatted", fmt.format_text(text, "p"))
    except UserError as refused:
        return ("refused", [d.format() for d in refused.diagnostics], refused.exit_code)


def old_outcome(text: str) -> tuple[Any, ...]:
    """fmt's answer with the loader always asked, as before :func:`orderforge.fmt.loads_clean`."""
    with mock.patch.object(fmt, "loads_clean", return_value=False):
        return outcome(text)


def loader_errors(text: str) -> list[str]:
    report = Report()
    load_text(text, "p", report)
    return [d.format() for d in report.errors]


def check_both_ways(text: str) -> None:
    """The promise for one text: «clean» only where the loader finds no error, and fmt answers as before."""
    composed = fmt._compose(text)
    if composed is not None and composed[0] is not None and fmt.loads_clean(*composed):
        assert loader_errors(text) == []
    assert outcome(text) == old_outcome(text)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_plan_and_fixture_both_ways(path: Any) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    check_both_ways(text)
    formatted = outcome(text)
    if formatted[0] == "formatted":
        check_both_ways(formatted[1])  # a formatted text is fmt's fast case


CANONICAL = "style: x\nplan:\n  title: План\n  activities:\n    - text: Анализ\n      deadline: Март 2026 г.\n"
#: Canonical texts the loader refuses, one for each thing loads_clean must send to it.
REFUSED = {
    "duplicate key": CANONICAL + "style: y\n",
    "duplicate key after NFC": "style: x\nplan:\n  title: Й\n  activities: []\nЙ: 1\nЙ: 2\n",
    "duplicate key, one quoted": CANONICAL + "'style': y\n",
    "list as a key": CANONICAL + "[a, b]: c\n",
    "mapping as a key": CANONICAL + "{a: b}: c\n",
    "escape of a control character": CANONICAL.replace("Анализ", '"Ана\\x07лиз"'),
    "escape of a lone surrogate": CANONICAL.replace("Анализ", '"Ана\\ud800лиз"'),
    "escape in a key": CANONICAL + '"к\\x01": c\n',
    "too deep": "style: x\nplan:\n" + "".join("  " * n + f"  k{n}:\n" for n in range(60)) + "  " * 61 + "v: 1\n",
}
#: Canonical texts the loader reads as the composer does not, or warns about: never taken as clean.
UNUSUAL = {
    "tag": CANONICAL.replace("Анализ", "!x Анализ"),
    "document start": "---\n" + CANONICAL,
    "document end": CANONICAL + "...\n",
    "directive": "%YAML 1.2\n---\n" + CANONICAL,
    "anchor": CANONICAL.replace("Анализ", "&a Анализ"),
}


@pytest.mark.parametrize("text", list(REFUSED.values()) + list(UNUSUAL.values()),
                         ids=list(REFUSED) + list(UNUSUAL))
def test_what_the_loader_may_refuse_or_read_otherwise_is_never_taken_as_clean(text: str) -> None:
    composed = fmt._compose(text)
    assert composed is None or not fmt.loads_clean(*composed)
    check_both_ways(text)


@pytest.mark.parametrize("text", list(REFUSED.values()), ids=list(REFUSED))
def test_a_canonical_text_the_loader_refuses_is_still_refused(text: str) -> None:
    """The old path refused these files even though fmt would not change them; so does the new one."""
    assert loader_errors(text)
    assert outcome(text)[0] == "refused"


def test_a_formatted_plan_is_not_loaded_again() -> None:
    """The fast case itself: a canonical plan is read once (compose), the loader is not called."""
    text = (ROOT / "plans" / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8")
    assert fmt.format_text(text) == text
    with mock.patch("orderforge.load.load_text", side_effect=AssertionError("loaded again")):
        assert fmt.format_text(text) == text


@pytest.mark.parametrize("ids", [True, False])
def test_generated_large_plans_both_ways(ids: bool) -> None:
    """tools/genplan.py's plans (the benchmark's), as generated and as formatted."""
    text = genplan.plan_text(120, seed=7, ids=ids)
    check_both_ways(text)
    check_both_ways(fmt.format_text(text))


#: Top-level lines that make a plan one the loader refuses (the troubles of :data:`REFUSED`).
TROUBLES = {
    "duplicate key": "style: y\n", "duplicate key, one quoted": "'plan': z\n", "list as a key": "[a, b]: c\n",
    "mapping as a key": "{a: b}: c\n", "escape of a control character": 'zz: "a\\x07b"\n',
    "escape of a lone surrogate": 'zz: "a\\udc00b"\n', "escape in a key": '"к\\x01": c\n',
    "too deep": "zz:\n" + "".join("  " * n + f"  k{n}:\n" for n in range(55)) + "  " * 56 + "v: 1\n",
}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


@FAST
@given(commented_plans())
def test_generated_commented_plans_both_ways(text: str) -> None:
    check_both_ways(text)
    check_both_ways(fmt.format_text(text))


@FAST
@given(plan_yaml(), st.sampled_from(sorted(TROUBLES)), st.booleans())
def test_generated_plans_with_something_the_loader_refuses(text: str, kind: str, first: bool) -> None:
    """A generated plan, formatted, then spoilt by one of :data:`TROUBLES` before or after its keys."""
    canonical = fmt.format_text(text)
    trouble = TROUBLES[kind]
    check_both_ways(trouble + canonical if first else canonical + trouble)
