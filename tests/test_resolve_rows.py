"""The plan table's rows (resolve._RowMaker: fillers chosen once per column, deadline and responsible cells
worked out once per distinct value) are exactly those :func:`resolve.activity_row` works out cell by cell."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderforge.context import RowContext
from orderforge.planfile import load_plan
from orderforge.planmodel import Plan, Section
from orderforge.resolve import activity_row, number_label, section_row, table_context
from orderforge.style import Style, list_styles, load_style
from orderforge.typography import typeset

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

EXAMPLES = sorted(p for p in (ROOT / "plans").glob("*.yaml") if not p.name.endswith("directory.yaml"))
STYLES = [load_style(name) for name in sorted(list_styles())]


def rows_cell_by_cell(plan: Plan, style: Style) -> list[RowContext]:
    """table_context's rows as they were made before: activity_row for every activity."""
    rows: list[RowContext] = []
    if plan.plan.activities_title and plan.plan.activities:
        rows.append(section_row(typeset(plan.plan.activities_title)))
    rows += [activity_row(a, [n], plan, style) for n, a in enumerate(plan.plan.activities, start=1)]

    def section(s: Section, number: list[int]) -> None:
        rows.append(section_row(typeset(f"{number_label(number, style)} {s.title}" if s.numbered else s.title)))
        rows.extend(activity_row(a, number + [n], plan, style) for n, a in enumerate(s.activities, start=1))
        for n, sub in enumerate(s.sections, start=len(s.activities) + 1):
            section(sub, number + [n])

    for n, s in enumerate(plan.plan.sections, start=1):
        section(s, [n])
    return rows


def assert_same_rows(plan: Plan) -> None:
    for style in STYLES:
        rows = table_context(plan, style)["rows"]
        assert rows == rows_cell_by_cell(plan, style), style.name
        paras = [id(c["paras"]) for r in rows for c in r["cells"]]
        assert len(set(paras)) == len(paras)  # no two cells share a list: a caller may change one


def loaded(path: Path) -> Plan:
    plan, report = load_plan(path)
    assert plan is not None and not report.has_errors, report
    return plan


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_rows_in_every_style_are_the_cell_by_cell_rows(path: Path) -> None:
    assert_same_rows(loaded(path))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(activities=st.integers(1, 400), seed=st.integers(0, 10_000), ids=st.booleans(), sections=st.integers(1, 12))
def test_generated_rows_in_every_style_are_the_cell_by_cell_rows(tmp_path_factory: pytest.TempPathFactory,
                                                                  activities: int, seed: int, ids: bool,
                                                                  sections: int) -> None:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "kaliningrad-committee.directory.yaml").write_bytes(genplan.DIRECTORY.read_bytes())
    path = folder / "plan.yaml"
    path.write_text(genplan.plan_text(activities, seed=seed, ids=ids, sections=sections), encoding="utf-8")
    assert_same_rows(loaded(path))
