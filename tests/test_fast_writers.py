"""The fast paths of the commands that rewrite a clerk's file give exactly the old paths' bytes.

* ``fmt`` decides quoting with :func:`orderforge.yamlscalars.analyze`, a restatement of ruamel's
  ``Emitter.analyze_scalar``: both are asked about the same strings, full of YAML's indicators.
* ``new --from`` splices the changed bytes into last year's text (:mod:`orderforge.rolloversplice`)
  instead of ruamel's round trip: on generated plans — comments everywhere, every quoting style,
  flow lists and mappings, folded and literal blocks, in the clerk's layout, in fmt's, and bent —
  it writes the round trip's bytes, or declines and the round trip writes them. Its warnings, made
  from the old plan and the splice's changes without reading the new file, are those of the new file
  as loaded (or it says it is unsure, and the new file is loaded).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, currently_in_test_context, event, given, reject, settings
from hypothesis import strategies as st

from orderforge.diagnostics import Report, UserError
from orderforge.fmt import format_text
from orderforge.load import load_text
from orderforge.paths import display_path
from orderforge.planfile import load_plan
from orderforge.planmodel import Plan
from orderforge.rollover import RolloverResult, _roll, rollover_text
from orderforge.rolloversplice import Edits, splice_rollover
from orderforge.rolloverwarn import moved_warnings, rollover_warnings
from orderforge.yamlscalars import analyze

from .conftest import PLANS, ROOT
from .planstrategies import GenPlan, rich_plans

_FIELDS = ("empty", "multiline", "allow_flow_plain", "allow_block_plain", "allow_single_quoted",
           "allow_double_quoted", "allow_block")
#: YAML's indicators, its whitespace and breaks, Cyrillic, characters only double quotes can hold.
_ALPHABET = st.sampled_from(list("-?:,[]{}#&*!|>'\"%@` \t\r\n\x85\u2028\u2029\0.аЯ1\u00a0\ufeff\ud800\x7f\x07")
                            + ["\U0001f600", "\ue000", "\ufffe", "x"])


def _reference(value: str) -> tuple[bool, ...]:
    from orderforge.yamlrt import scalar_emitter

    found = scalar_emitter().analyze_scalar(value)
    return tuple(bool(getattr(found, name)) for name in _FIELDS)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_ALPHABET, max_size=8).map("".join) | st.text(max_size=12))
def test_analysis_is_ruamels(value: str) -> None:
    assert tuple(analyze(value)) == _reference(value)


def test_analysis_of_indicator_corner_cases() -> None:
    for value in ["", "---", "...x", "- a", "-a", "? x", "?", ":", ":x", "a: b", "a:", "a #b", "a#b", "#", "a,b",
                  " a", "a ", "\na", "a\n", "a\n b", "a \nb", "a\u2028b", "\ufeff", "\ud800", "x?", "[a]"]:
        assert tuple(analyze(value)) == _reference(value), value


# --------------------------------------------------------------------------- new --from


#: Shrinking a generated plan took over five minutes; the failing plan as drawn is readable enough.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
_SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]


class Refused(Exception):
    """The loader refused the old plan: ``new --from`` refuses it too, whichever way it would write."""


def _both_ways(text: str, folder: Path) -> tuple[str, str | None]:
    """The round trip's text and the fast path's (None when it declined) for one old plan."""
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    plan, report = load_plan(old)
    if plan is None or report.has_errors:
        if currently_in_test_context():  # a drawn plan the loader refuses is not a case
            reject()
        raise Refused(report)
    slow, fast = roll_both(text, plan.plan.period, old, new)
    if fast is not None:
        _check_warnings(plan, fast[1].edits, fast[0], new)
    return slow, None if fast is None else fast[0]


def roll_both(text: str, period: Any, old: Path, new: Path) -> tuple[str, Any]:
    """The round trip's text and the fast path's answer ((text, splice) or None) for one rollover of ``text``
    from ``old`` to ``new``; when the fast path takes it, both must say the same in their results."""
    def result() -> RolloverResult:
        return RolloverResult(new, old, 1, period.text if period else None, None)

    slow, by_round_trip = rollover_text(text, period, 1, result(), (old, new), fast=False)
    attempt = result()
    fast = splice_rollover(text, lambda data: _roll(data, period, 1, attempt, (old, new)))
    if fast is not None:
        assert attempt == by_round_trip
    return slow, fast


#: Whether the last plan's warnings were made without reading the new file (moved_warnings was sure).
_MOVED: list[bool] = []


def _check_warnings(old: Plan, edits: Edits, written: str, new: Path) -> None:
    """The warnings ``new --from`` makes from the old plan and the splice are the loaded new plan's."""
    new.write_text(written, encoding="utf-8")
    loaded, _ = load_plan(new)
    reference = rollover_warnings(loaded) if loaded is not None else []
    moved = moved_warnings(old, edits, written, display_path(new), 1)
    if currently_in_test_context():
        event(("warnings moved" + (" (some)" if moved else " (none)")) if moved is not None
              else "warnings: new plan loaded")
    _MOVED[:] = [moved is not None]
    assert moved is None or moved == reference


def _check_both_ways(text: str, folder: Path, drawn: bool = True) -> bool:
    slow, fast = _both_ways(text, folder)
    if drawn:
        event("fast path" if fast is not None else "declined")
    if fast is not None and fast != slow:  # pragma: no cover - kept for the failure report
        (folder / "failed.yaml").write_text(text, encoding="utf-8")
    assert fast is None or fast == slow
    return fast is not None


@settings(max_examples=150, deadline=None, phases=_NO_SHRINK, suppress_health_check=_SLOW)
@given(gen=rich_plans())
def test_new_from_fast_path_writes_the_round_trips_bytes(gen: GenPlan, tmp_path: Path) -> None:
    """Generated plans with comments everywhere, every quoting style, flow lists and mappings, block scalars
    (indented by 4, which the fast path leaves to the round trip), and the same plans in fmt's layout."""
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    _check_both_ways(gen.text, folder)
    try:
        formatted = format_text(gen.text)
    except UserError:
        return
    _check_both_ways(formatted, folder)


@settings(max_examples=100, deadline=None, phases=_NO_SHRINK, suppress_health_check=_SLOW)
@given(gen=rich_plans(), data=st.data())
def test_new_from_fast_path_on_odd_layouts(gen: GenPlan, data: st.DataObject, tmp_path: Path) -> None:
    """fmt's layout bent the ways a clerk's editor bends it: the fast path writes the round trip's bytes
    or declines."""
    try:
        text = format_text(gen.text)
    except UserError:
        return
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        n = data.draw(st.integers(0, len(lines) - 2))
        lines[n] = data.draw(st.sampled_from([
            lines[n] + " ", lines[n].replace(": ", ":  ", 1), lines[n].replace("- ", "-  ", 1),
            lines[n].replace(", ", ",", 1), "  " + lines[n], lines[n][2:] if lines[n].startswith("  ") else "",
            lines[n] + "  # добавлено", "# строка-комментарий", "", lines[n].replace("'", '"', 2),
            lines[n].replace(">-", ">"), lines[n].replace(">-", "|-"), lines[n].replace("|", ">"),
        ]))
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    odd = "\n".join(lines)
    try:
        load_text(odd, "p", Report())
    except Exception:  # noqa: BLE001 - not YAML any more: nothing to compare
        return
    _check_both_ways(odd, folder)


def test_new_from_fast_path_takes_the_examples_and_the_benchmark_plan(tmp_path: Path) -> None:
    """The plans clerks write (the examples, the benchmark's generated plan) take the fast path."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import genplan

    texts = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.yaml")) if "directory" not in p.name]
    texts.append(genplan.plan_text(200, 1, False))
    for n, text in enumerate(texts):
        folder = tmp_path / str(n)
        folder.mkdir()
        for directory in PLANS.glob("*directory.yaml"):
            shutil.copy(directory, folder)
        shutil.copy(genplan.DIRECTORY, folder)
        assert _check_both_ways(text, folder, drawn=False), n
        assert _MOVED == [True], n  # and their warnings are made without reading the new plan


def test_new_from_declines_what_the_round_trip_would_rewrite(tmp_path: Path) -> None:
    """A layout the round trip changes, or a change that is more than digits: the round trip writes it."""
    base = (PLANS / "zyryansky-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    for directory in PLANS.glob("*directory.yaml"):
        shutil.copy(directory, folder)
    assert _check_both_ways(base, folder, drawn=False)
    for odd in (base.replace("format: 1\n", "format: 1  \n"), base.replace("style: ", "style:   "), base + "\n",
                base.replace("  period: ", "  period:   ")):
        assert _both_ways(odd, folder)[1] is None
    for odd in (base.replace("period: ", "period: &p "), base.replace("format: 1\n", "format: 1\n\n\n"),
                base.replace("style: district-plan", "style: 'district-plan'\n# x")):
        try:
            slow, fast = _both_ways(odd, folder)
        except Refused:  # not a valid plan (the anchor): new --from refuses it either way
            continue
        assert fast is None or fast == slow, odd[:800]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["-", "---", ".", "...", "%", " ", "\n", "\t", "\r", "\x85", "\u00a0", "\u2028",
                                 "a", "#"]), max_size=12).map("".join))
def test_unstable_text_is_the_regexs(text: str) -> None:
    """The splice's check of the whole text, with ``in``, answers as the regex it restates."""
    from orderforge.rollovertext import _UNSTABLE_TEXT, _unstable

    assert _unstable(text) == (_UNSTABLE_TEXT.search(text) is not None)


#: ruamel's allowed characters as the negated class yamlscalars used before it listed the special ones.
_NEGATED_SPECIAL = re.compile("[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")

def test_special_characters_are_the_negated_class_of_ruamels_allowed_ones() -> None:
    """:func:`orderforge.yamlscalars._special` (``isprintable`` first, then a class of the characters
    themselves) finds exactly what the original negated class finds, for every code point, alone and
    between line breaks and printable text (the «only line breaks unprintable» shortcut)."""
    from orderforge.yamlscalars import _special

    negated = _NEGATED_SPECIAL
    for code in range(0x110000):
        char = chr(code)
        for value in (char, f"а\n{char}x", f"{char}\n"):
            assert _special(value) == (negated.search(value) is not None), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text(_ALPHABET | st.characters(), max_size=20))
def test_special_is_the_negated_class_on_any_text(value: str) -> None:
    from orderforge.yamlscalars import _special

    negated = _NEGATED_SPECIAL
    assert _special(value) == (negated.search(value) is not None)
