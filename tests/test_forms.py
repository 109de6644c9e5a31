"""``orderforge forms``: every form the document prints from the directory, for a clerk to proofread."""

from __future__ import annotations

from .planhelpers import run


def test_a_plan_whose_directory_has_parties_only_lists_the_cells_it_prints() -> None:
    """The Zyryansky plan names parties only: forms printed nothing (exit 0), though every cell comes from there."""
    result = run("forms", "plans/zyryansky-2025.yaml")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # 1.1 [РОО, СУО]: names joined by a comma, the cell capitalised, as the style prints them.
    assert "plans/zyryansky-2025.yaml:30:24: РОО, СУО → Руководители образовательных организаций, " \
           "специалисты Управления образования" in lines
    # each combination once, at its first use
    assert sum(" РОО, СУО → " in line for line in lines) == 1
    assert any(line.endswith("СУО → Специалисты Управления образования") for line in lines)


def test_forms_of_a_plan_that_prints_nothing_from_the_directory_say_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    plan.write_text("style: district-plan\ndirectory:\n  parties: {ОУ: школы}\nplan:\n  title: План\n"
                    "  activities:\n    - text: Первое\n", encoding="utf-8")
    result = run("forms", str(plan))
    assert result.exit_code == 0, result.output
    assert "нет ни одной формы из справочника" in result.output
