"""The CLI speaks Russian, teaches by example, and keeps its exit-code promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from orderforge.cli import main

from .conftest import FIXTURES, PLANS


@pytest.fixture
def run(repo_root: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False, prog_name="orderforge")

    return invoke


def test_validate_example_plan_is_silent(run) -> None:
    result = run("validate", "plans/kaliningrad-committee-2026.yaml")
    assert result.exit_code == 0
    assert result.output == ""


def test_validate_prints_all_five_mistakes(run) -> None:
    result = run("validate", str(FIXTURES / "bad" / "five-mistakes.yaml"))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": ошибка OF" in line]
    assert len(errors) == 5
    assert len({line.split(": ошибка ")[1].split(":")[0] for line in errors}) == 5
    assert all(line.startswith("tests/fixtures/bad/five-mistakes.yaml:") for line in errors)
    assert "подсказка: возможно, имелось в виду «ЦОРП»" in result.output
    assert result.output.rstrip().endswith("ошибок: 5, предупреждений: 0")


def test_validate_json(run) -> None:
    result = run("validate", "--json", str(FIXTURES / "bad" / "unknown-party.yaml"))
    assert result.exit_code == 1
    (item,) = json.loads(result.output)
    assert item["code"] == "OF201" and item["line"] == 13 and item["col"] == 29


@pytest.mark.parametrize("command", [[]] + [[name] for name in sorted(main.commands)])
def test_help_is_russian_with_an_example(run, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Использование: orderforge")
    assert "Пример" in result.output
    for english in ("Usage", "Options", "Show this message", "Commands:"):
        assert english not in result.output


def test_unknown_option_is_russian_usage_error(run) -> None:
    result = run("build", "--pdff")
    assert result.exit_code == 2
    assert "Ошибка: нет такого параметра «--pdff»" in result.output


def test_build_example_plan(run, tmp_path: Path) -> None:
    result = run("build", "plans/kaliningrad-committee-2026.yaml", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kaliningrad-committee-2026.docx").is_file()
    assert "→" in result.output


def test_build_bad_plan_exits_1_without_traceback(run, tmp_path: Path) -> None:
    result = run("build", str(FIXTURES / "bad" / "unknown-party.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "OF201" in result.output and "не собран" in result.output
    assert not list(tmp_path.iterdir())


def test_build_without_plans_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert "папка plans/ не найдена" in result.output


def test_text_of_a_non_docx(run, tmp_path: Path) -> None:
    fake = tmp_path / "x.docx"
    fake.write_text("not a zip")
    result = run("text", str(fake))
    assert result.exit_code == 1
    assert "не документ Word" in result.output


def test_schema_accepts_the_example_plan(run) -> None:
    import jsonschema

    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    plan = YAML(typ="base").load((PLANS / "kaliningrad-committee-2026.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(plan, schema)
    broken = dict(plan, stlye="x")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_missing_plan_is_an_environment_problem(run) -> None:
    """README: exit 2 for a missing file, for validate and build alike; 1 stays for plans with errors."""
    for command in ("validate", "build", "fmt"):
        result = run(command, "plans/no-such-plan.yaml")
        assert result.exit_code == 2, (command, result.output)
        assert "OF001" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("obstacle", ["output-is-a-file", "docx-is-a-folder"])
def test_unwritable_output_is_a_russian_error(run, tmp_path: Path, obstacle: str) -> None:
    out = tmp_path / "out"
    if obstacle == "output-is-a-file":
        (tmp_path / "out").write_text("a file where a folder of the output path should be")
        out = tmp_path / "out" / "2026"
        expected = "часть пути — файл, а не папка"
    else:
        (out / "kaliningrad-committee-2026.docx").mkdir(parents=True)
        expected = "на месте файла стоит папка"
    result = run("build", "plans/kaliningrad-committee-2026.yaml", "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "OF050" in result.output and expected in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output


@pytest.mark.parametrize("year", ["0", "-5", "99999", "1899", "2198", "двадцать"])
def test_init_refuses_a_year_that_is_not_a_plan_year(tmp_path: Path, year: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws"), f"--year={year}"], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert f"«{year}» — не год плана; укажите год от 1900 до 2197" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "ws").exists()


def test_init_year_bounds_give_plans_that_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for year in ("1900", "2197"):  # the starter plan spans three years, all within orderforge.dates.YEARS
        result = runner.invoke(main, ["init", str(tmp_path / year), "--year", year], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (tmp_path / year / "plans" / f"plan-{year}.yaml").is_file()
        monkeypatch.chdir(tmp_path / year)
        assert runner.invoke(main, ["validate"], catch_exceptions=False).output == ""


def test_a_folder_walk_is_bounded_and_skips_what_is_not_a_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    from orderforge import plans

    folder = tmp_path / "junk"
    folder.mkdir()
    shutil.copy(PLANS / "zyryansky-2025.yaml", folder / "plan.yaml")
    shutil.copy(PLANS / "zyryansky.directory.yaml", folder / "zyryansky.directory.yaml")
    for i in range(300):
        (folder / f"note{i}.txt").write_text("x", encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "sub.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "junk"])
    assert "OF024" in result.output and "pipe.yaml" in result.output  # the pipe is named, not read (no hang)
    assert "OF001" not in result.output
    monkeypatch.setattr(plans, "MAX_ENTRIES", 100)
    result = CliRunner().invoke(main, ["validate", "junk"])
    assert result.exit_code == 2 and "OF023" in result.output
