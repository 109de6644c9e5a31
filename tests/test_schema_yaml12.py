"""`orderforge schema` accepts what validate accepts, read the way an editor reads YAML (1.2).

orderforge's loader keeps every scalar a string, so `format: 1`, `number: 116`
or `period: 2026` are text to validate; the YAML extension of an editor types
them as numbers (and `true` as a boolean). A schema that underlines what
validate accepts teaches clerks to ignore the underlining, so every example
plan and every bad-plan fixture that validate accepts must pass the schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from orderforge.cli import main
from orderforge.planfile import load_plan

from .conftest import FIXTURES, PLANS, ROOT

EXAMPLES = sorted(p for p in PLANS.glob("*.yaml") if not p.name.endswith("directory.yaml"))
DIRECTORIES = sorted(PLANS.glob("*directory.yaml"))
FIXTURE_PLANS = sorted((FIXTURES / "bad").glob("*.yaml"))

TYPED_PLAN = """\
format: 1
style: kaliningrad-committee
directory:
  parties:
    101: Школа № 101
    РОО: Районный отдел образования
  people:
    ivanova: {surname: Иванова, initials: А.Б., gender: f, position: Начальник}
order:
  issuer: Районный отдел образования
  date: 2026-02-11
  number: 116
  title: Об утверждении плана
  points:
    - Утвердить план
    - 2026
  control: self
  signatory: ivanova
plan:
  title: План на 2026 год
  period: 2026
  sections:
    - title: 2026
      numbered: false
      activities:
        - id: 2026
          text: 1.10
          deadline: 2026
          responsible: 101
          result: 100
          note: 5
    - title: Второй
      numbered: Да
      activities:
        - text: Отчёт
          deadline: {kind: year, year: 2026}
          responsible: [РОО, 101]
"""


def printed_schema(*args: str) -> jsonschema.protocols.Validator:
    """The schema exactly as `orderforge schema` prints it for the editor."""
    result = CliRunner().invoke(main, ["schema", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def as_editor_reads(path: Path) -> Any:
    """YAML 1.2 typing (ruamel's default safe loader), then JSON: dates become the strings editors see."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def accepted_by_validate(path: Path) -> bool:
    _, report = load_plan(path)
    return not report.has_errors


def schema_errors(validator: jsonschema.protocols.Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@pytest.fixture(scope="module")
def plan_schema() -> jsonschema.protocols.Validator:
    return printed_schema()


def _accepted_fixtures() -> list[Path]:
    """The bad-plan fixtures whose findings are only warnings: validate accepts them, so must the schema.
    Chosen at collection, so a plan validate refuses is not a skipped test but no test at all."""
    return [p for p in FIXTURE_PLANS if accepted_by_validate(p)]


@pytest.mark.parametrize("path", EXAMPLES + _accepted_fixtures(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_what_validate_accepts_the_schema_accepts(path: Path, plan_schema, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert accepted_by_validate(path)
    assert schema_errors(plan_schema, as_editor_reads(path)) == []


def test_the_examples_and_some_fixtures_are_covered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert all(accepted_by_validate(p) for p in EXAMPLES) and len(EXAMPLES) >= 4
    assert sum(accepted_by_validate(p) for p in FIXTURE_PLANS) >= 5


@pytest.mark.parametrize("path", DIRECTORIES, ids=lambda p: p.stem)
def test_example_directories_pass_the_directory_schema(path: Path) -> None:
    assert schema_errors(printed_schema("--directory"), as_editor_reads(path)) == []


def test_numbers_and_booleans_where_validate_reads_text(tmp_path: Path, plan_schema) -> None:
    """`number: 116`, `period: 2026`, `numbered: false`, a party coded 101: all fine for validate and schema."""
    path = tmp_path / "typed.yaml"
    path.write_text(TYPED_PLAN, encoding="utf-8")
    assert accepted_by_validate(path)
    data = as_editor_reads(path)
    assert data["format"] == 1 and data["order"]["number"] == 116 and data["plan"]["sections"][0]["numbered"] is False
    assert schema_errors(plan_schema, data) == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(format=2), "format"),
    (lambda d: d.update(stlye="x"), ""),
    (lambda d: d["plan"]["sections"][0].update(numbered=5), "numbered"),
    (lambda d: d["plan"]["sections"][0].update(numbered="может быть"), "numbered"),
    (lambda d: d["plan"]["sections"][0]["activities"][0].update(id=1.5), "id"),
    (lambda d: d["directory"]["people"]["ivanova"].update(initials=12), "initials"),
    (lambda d: d["order"].update(number=""), "number"),
    (lambda d: d["order"].update(date=20260211), "date"),
], ids=["format-2", "unknown-key", "numbered-5", "numbered-text", "id-float", "initials-number", "empty",
        "date-number"])
def test_the_schema_still_refuses_what_validate_refuses(tmp_path: Path, plan_schema, change, where: str) -> None:
    path = tmp_path / "typed.yaml"
    path.write_text(TYPED_PLAN, encoding="utf-8")
    data = as_editor_reads(path)
    change(data)
    errors = schema_errors(plan_schema, data)
    assert errors and where in " ".join(errors)
