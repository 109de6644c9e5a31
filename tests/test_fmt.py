"""``orderforge fmt``: one canonical layout, comments kept, the same plan before and after, idempotent."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from orderforge.cli import main
from orderforge.diagnostics import Report, UserError
from orderforge.fmt import WIDTH, format_text
from orderforge.load import load_text
from orderforge.yamlrt import editing_yaml

from .conftest import PLANS
from .planhelpers import facts, plan_facts, plan_yaml

EXAMPLES = sorted(p for p in PLANS.glob("*.yaml") if not p.name.endswith(".directory.yaml"))


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="orderforge")


def copy_plan(source: Path, folder: Path) -> Path:
    """The plan and the directory files beside it, into a temporary folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for directory in source.parent.glob("*directory.yaml"):
        shutil.copy(directory, folder / directory.name)
    return Path(shutil.copy(source, folder / source.name))


def reformatted(text: str) -> str:
    """The same plan laid out differently: 4-space indentation, lists indented by 6."""
    yaml = editing_yaml()
    yaml.indent(mapping=4, sequence=6, offset=4)
    data = yaml.load(text)
    out = io.StringIO()
    yaml.dump(data, out)
    assert out.getvalue() != text
    return out.getvalue()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_fmt_is_idempotent_and_keeps_the_plan(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = copy_plan(example, tmp_path / "plans")
    before = plan_facts(plan)
    first = run("fmt", str(plan))
    assert first.exit_code == 0, first.output
    once = plan.read_bytes()
    assert plan_facts(plan) == before  # load(fmt(p)) equals load(p), field by field
    second = run("fmt", str(plan))
    assert second.exit_code == 0 and second.output == ""
    assert plan.read_bytes() == once
    check = run("fmt", "--check", str(plan))
    assert check.exit_code == 0 and check.output == ""


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_check_fails_on_a_reformatted_copy(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = copy_plan(example, tmp_path / "plans")
    canonical = format_text(plan.read_text(encoding="utf-8"))
    messy = reformatted(canonical)
    plan.write_text(messy, encoding="utf-8")
    result = run("fmt", "--check", str(plan))
    assert result.exit_code == 1
    assert f"plans/{plan.name}: нужно отформатировать" in result.output
    assert plan.read_text(encoding="utf-8") == messy  # --check changes nothing
    result = run("fmt", str(plan))
    assert result.exit_code == 0 and f"plans/{plan.name}: отформатирован" in result.output
    assert plan.read_text(encoding="utf-8") == canonical
    assert run("fmt", "--check", str(plan)).exit_code == 0


def test_seed_example_plan_is_already_canonical() -> None:
    example = PLANS / "kaliningrad-committee-2026.yaml"
    text = example.read_text(encoding="utf-8")
    assert format_text(text) == text, f"orderforge fmt {example}"


MESSY = """\
# Заголовок файла

plan:
    # о разделах
    sections:
    -   title: "Раздел один"   # в конце строки
        activities:
        -   text: 'Первое мероприятие с очень длинным текстом, который точно не поместится в сто знаков строки при таком отступе'
            responsible: [ЦОРП, "ОУ"]
            id: first
            deadline: "Февраль 2026 г."
            # про срок первого

        -   deadline: {text: до 31.05.2026, kind: until, date: 2026-05-31}
            text: >
                Второе мероприятие,
                перенесённое вручную
            result: |
                строка один
                строка два
    title: План
    period: '2026-2028'
style: kaliningrad-committee
format: '1'
order:
    number: '113'
    title: 'Об утверждении: плана'
    points: [Утвердить план.]
    signatory: petukhova
    date: 2026-02-11
    issuer: Комитет
# конец файла
"""  # noqa: E501 — the long line is the point: fmt must not re-wrap it

CANONICAL = """\
# Заголовок файла

format: '1'
style: kaliningrad-committee
order:
  issuer: Комитет
  date: 2026-02-11
  number: '113'
  title: 'Об утверждении: плана'
  points: [Утвердить план.]
  signatory: petukhova
plan:
  title: План
  period: 2026-2028
  # о разделах
  sections:
    - title: Раздел один       # в конце строки
      activities:
        - id: first
          text: >-
            Первое мероприятие с очень длинным текстом, который точно не поместится в сто знаков
            строки при таком отступе
          deadline: Февраль 2026 г.
          responsible: [ЦОРП, ОУ]
          # про срок первого

        - text: >
            Второе мероприятие,
            перенесённое вручную
          deadline: {kind: until, text: до 31.05.2026, date: 2026-05-31}
          result: |
            строка один
            строка два
# конец файла
"""


def test_canonical_layout() -> None:
    """Key order from the schema, 2-space indentation, quotes only where needed (or where they keep
    a number a string), long lines folded at the width, the clerk's own block breaks kept, comments kept."""
    assert format_text(MESSY) == CANONICAL
    assert format_text(CANONICAL) == CANONICAL
    tree_a = load_text(MESSY, "a", Report())
    tree_b = load_text(CANONICAL, "b", Report())
    from orderforge.fmt import _values

    assert _values(tree_a) == _values(tree_b)


def test_long_values_fit_the_width() -> None:
    words = " ".join(["слово"] * 60)
    text = f"style: x\nplan:\n  title: План\n  activities:\n    - text: {words}\n      result: '{words}: итог'\n"
    out = format_text(text)
    assert all(len(line) <= WIDTH for line in out.splitlines())
    assert "text: >-" in out and "result: >-" in out
    assert format_text(out) == out


def test_multiline_values_become_literal_blocks() -> None:
    text = 'style: x\nplan:\n  title: "Строка один\\nСтрока два"\n  activities: []\n'
    assert format_text(text) == "style: x\nplan:\n  title: |-\n    Строка один\n    Строка два\n  activities: []\n"


def test_broken_yaml_is_reported_and_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "plans" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("plan:\n  title: Текст: с двоеточием\n", encoding="utf-8")
    result = run("fmt", str(bad))
    assert result.exit_code == 1
    assert "plans/bad.yaml:2:" in result.output and "ошибка OF010" in result.output
    assert bad.read_text(encoding="utf-8") == "plan:\n  title: Текст: с двоеточием\n"
    with pytest.raises(UserError):
        format_text("a: &x 1\nb: *x\n")


def test_fmt_without_arguments_formats_plans_folder(workspace: Path) -> None:
    before = {p.name: plan_facts(p) for p in sorted(Path("plans").glob("*.yaml")) if "directory" not in p.name}
    result = run("fmt")
    assert result.exit_code == 0, result.output
    assert all(line.endswith(": отформатирован") for line in result.output.splitlines())
    assert run("fmt", "--check").exit_code == 0
    assert {p.name: plan_facts(p) for p in sorted(Path("plans").glob("*.yaml")) if "directory" not in p.name} == before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_yaml())
def test_generated_plans(text: str) -> None:
    """For any plan: fmt keeps every value and the model, and a second fmt changes nothing."""
    out = format_text(text)
    assert format_text(out) == out
    from orderforge.planmodel import Directory
    from orderforge.schema import ConvertContext
    from orderforge.spec import PLAN, assemble

    def model(source: str) -> object:
        report = Report()
        parts = PLAN.convert(load_text(source, "p", report), ConvertContext(report))
        return facts(assemble(parts, Directory(), "p"))

    assert model(out) == model(text)
    def comments(source: str) -> list[str]:  # generated texts hold no «#» of their own
        return sorted(m.group(1) for m in (re.search(r"(?:^|\s)(#.*)$", line) for line in source.splitlines()) if m)

    assert comments(out) == comments(text)


@pytest.mark.parametrize("value", ["yes", "No", "on", "OFF", "y", "1.10", "113", "2026-02-11", "~", "null"])
def test_quotes_stay_where_another_yaml_tool_would_read_a_non_string(value: str) -> None:
    """orderforge reads every scalar as text, but a clerk's editor or a colleague's script may be YAML 1.1:
    «yes», «no», «on» are booleans there, so fmt keeps their quotes as it does for numbers and dates."""
    text = f"style: x\nplan:\n  title: '{value}'\n  activities: []\n"
    assert format_text(text) == text
    assert format_text("style: x\nplan:\n  title: обычный текст\n  activities: []\n").count("'") == 0


def test_every_structured_deadline_field_has_its_place_in_the_key_order() -> None:
    """A field the deadline reader accepts but fmt does not know would drift to the end of its mapping."""
    from orderforge.deadline.data import _FIELD_SCHEMA
    from orderforge.fmt import DEADLINE_KEYS

    assert set(DEADLINE_KEYS) == set(_FIELD_SCHEMA) | {"kind", "from", "to"}
    assert len(DEADLINE_KEYS) == len(set(DEADLINE_KEYS))
