"""``orderforge diff``: changes in plan terms, with the numbers of both versions; files or git revisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from orderforge.diff import Side, diff_plans, format_diff
from orderforge.fmt import format_text

from .conftest import PLANS, TEMPLATES
from .planhelpers import GitRepo, four_edits_repo, run

PLAN = "plans/kaliningrad-committee-2026.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A git repository with the example plan committed, then edited four ways (not committed)."""
    return four_edits_repo(tmp_path, monkeypatch, PLAN, "План утверждён")


EXPECTED = [
    {"kind": "changed", "id": "roadmap-approval", "old_number": "1.2", "new_number": "1.2",
     "fields": [{"field": "deadline", "old": "Февраль 2026 г.", "new": "Март 2026 г."}]},
    {"kind": "added", "id": "parent-survey", "old_number": None, "new_number": "2.3",
     "text": "Анкетирование родителей обучающихся об объективности оценивания", "fields": []},
    {"kind": "removed", "id": "network-cooperation", "old_number": "3.5", "new_number": None},
    {"kind": "moved", "id": "personal-control", "old_number": "2.4", "new_number": "3.6",
     "old_section": "2", "new_section": "3", "fields": []},
]


def test_exactly_the_four_changes_against_head(repo: GitRepo) -> None:
    result = run("diff", PLAN, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"] == f"HEAD:{PLAN}" and data["new"] == PLAN
    changes = data["changes"]
    assert len(changes) == 4
    for got, expected in zip(changes, EXPECTED, strict=False):
        assert {k: got[k] for k in expected} == expected
    assert changes[2]["text"].startswith("Организация профессионального развития педагогов")
    # The renumbering the insertion and the deletion caused is no change of its own.
    assert data["renumbering"] == [
        {"id": "teacher-competence-diagnostics", "old_number": "2.3", "new_number": "2.4"},
        {"id": "best-practices", "old_number": "3.6", "new_number": "3.5"},
    ]


def test_the_four_changes_for_people(repo: GitRepo) -> None:
    result = run("diff", PLAN)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"--- HEAD:{PLAN}",
        f"+++ {PLAN}",
        "п. 1.2: срок: «Февраль 2026 г.» → «Март 2026 г.»",
        "п. 2.3: добавлено мероприятие «Анкетирование родителей обучающихся об объективности оценивания»",
        "было п. 3.5: исключено мероприятие «Организация профессионального развития педагогов в рамках "
        "сетевого взаимодействия резиден…»",
        "п. 3.6 (было 2.4): перенесено из раздела 2 «Мониторинг, диагностика и анализ образовательной "
        "деятельности» в раздел 3 «Методические сопровождение ОУ»",
        "номера изменились (без других изменений): 2.3 → 2.4, 3.6 → 3.5",
    ]
    assert run("diff", PLAN, "--exit-code").exit_code == 1


def test_rev_path_forms(repo: GitRepo) -> None:
    one = run("diff", PLAN, "--json").output
    assert run("diff", f"HEAD:{PLAN}", PLAN, "--json").output == one
    repo.commit("Изменения")
    two = json.loads(run("diff", f"HEAD~1:{PLAN}", f"HEAD:{PLAN}", "--json").output)
    assert two["changes"] == json.loads(one)["changes"]
    assert two["old"] == f"HEAD~1:{PLAN}"
    # After the commit the working file equals HEAD: nothing to show.
    result = run("diff", PLAN, "--exit-code")
    assert result.exit_code == 0 and result.output == ""
    # From a subfolder, a lone file still compares with its own committed version.
    sub = repo.root / "plans"
    import os

    os.chdir(sub)
    assert run("diff", "kaliningrad-committee-2026.yaml", "--exit-code").exit_code == 0
    assert json.loads(run("diff", "HEAD~1:./kaliningrad-committee-2026.yaml", "kaliningrad-committee-2026.yaml",
                          "--json").output)["changes"] == two["changes"]


def test_unchanged_plan_is_silent(repo: GitRepo) -> None:
    result = run("diff", PLAN, PLAN, "--exit-code")
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(run("diff", PLAN, PLAN, "--json").output)
    assert data["changes"] == [] and data["renumbering"] == []


def test_git_problems_are_russian_exit_2(repo: GitRepo, tmp_path: Path) -> None:
    result = run("diff", f"nosuchrev:{PLAN}", PLAN)
    assert result.exit_code == 2 and "версия «nosuchrev» не найдена" in result.output
    result = run("diff", "HEAD:plans/nope.yaml", PLAN)
    assert result.exit_code == 2 and "в версии «HEAD» нет файла «plans/nope.yaml»" in result.output
    result = run("diff", "plans/nope.yaml")
    assert result.exit_code == 2 and "файл не найден" in result.output
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(repo.root / PLAN, outside / "x.yaml")
    result = run("diff", str(outside / "x.yaml"))
    assert result.exit_code == 2 and "git-репозитории" in result.output
    assert "Traceback" not in result.output


def test_broken_side_is_a_plan_error(repo: GitRepo) -> None:
    broken = repo.root / "plans" / "broken.yaml"
    broken.write_text("plan:\n  title: Текст: с двоеточием\n", encoding="utf-8")
    result = run("diff", PLAN, "plans/broken.yaml")
    assert result.exit_code == 1 and "OF010" in result.output


# --------------------------------------------------------------------------- matching rules

BASE = """\
style: kaliningrad-committee
plan:
  title: План
  sections:
    - title: Первый раздел
      activities:
        - text: Анализ результатов ВПР по математике
          deadline: Март 2026 г.
        - text: Семинар для учителей начальных классов
          deadline: Апрель 2026 г.
        - text: Отчет о реализации плана мероприятий
          deadline: Май 2026 г.
    - title: Второй раздел
      activities:
        - text: Консультации для руководителей школ
"""


def sides(tmp_path: Path, old: str, new: str) -> tuple[Side, Side]:
    from orderforge.diff import load_side

    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return load_side(str(tmp_path / "old.yaml")), load_side(str(tmp_path / "new.yaml"))


def test_without_ids_similar_text_is_the_same_activity(tmp_path: Path) -> None:
    new = BASE.replace("ВПР по математике", "ВПР по математике и русскому языку").replace(
        "    - title: Первый раздел", "    - title: Первый раздел мероприятий")
    result = diff_plans(*sides(tmp_path, BASE, new))
    kinds = [(c.kind, c.old.label if c.old else None) for c in result.changes]
    assert kinds == [("section_changed", None), ("changed", "1.1")]
    assert result.changes[1].fields[0].field == "text"
    assert "раздел 1: заголовок: «Первый раздел» → «Первый раздел мероприятий»" in format_diff(result)


def test_reordering_inside_a_section_is_renumbering(tmp_path: Path) -> None:
    lines = BASE.splitlines(keepends=True)
    first, third = lines[6:8], lines[10:12]
    new = "".join(lines[:6] + third + lines[8:10] + first + lines[12:])
    result = diff_plans(*sides(tmp_path, BASE, new))
    # 1.1 and 1.3 swapped places; 1.2 stayed where it was.
    assert sorted((c.kind, c.old.label, c.new.label) for c in result.changes) == [
        ("renumbered", "1.1", "1.3"), ("renumbered", "1.3", "1.1")]
    assert "переставлено внутри раздела" in format_diff(result)
    # The first activity taken to the end of the section: only that one was moved by the clerk.
    new = "".join(lines[:6] + lines[8:12] + first + lines[12:])
    result = diff_plans(*sides(tmp_path, BASE, new))
    assert [(c.kind, c.old.label, c.new.label) for c in result.changes] == [("renumbered", "1.1", "1.3")]
    assert [(o.label, n.label) for o, n in result.renumbering] == [("1.2", "1.1"), ("1.3", "1.2")]


def test_different_ids_never_match(tmp_path: Path) -> None:
    old = BASE.replace("        - text: Анализ", "        - id: a\n          text: Анализ")
    new = BASE.replace("        - text: Анализ", "        - id: b\n          text: Анализ")
    result = diff_plans(*sides(tmp_path, old, new))
    assert [c.kind for c in result.changes] == ["removed", "added"]


def test_order_and_plan_level_changes(tmp_path: Path) -> None:
    old = BASE.replace("plan:\n  title: План\n", "plan:\n  title: План\n  period: 2026\n")
    new = BASE.replace("plan:\n  title: План\n", "plan:\n  title: План на 2027 год\n  period: 2027\n")
    result = diff_plans(*sides(tmp_path, old, new))
    text = format_diff(result)
    assert "план: заголовок: «План» → «План на 2027 год»" in text
    assert "план: период: «2026» → «2027»" in text


# --------------------------------------------------------------------------- property

from .planhelpers import plan_yaml  # noqa: E402


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=plan_yaml())
def test_a_plan_against_itself_and_its_formatting_is_empty(text: str, tmp_path: Path) -> None:
    old, new = sides(tmp_path, text, text)
    result = diff_plans(old, new)
    assert result.empty and not result.renumbering and format_diff(result) == ""
    assert all(o.label == n.label for o, n in result.pairs)
    old, new = sides(tmp_path, text, format_text(text))
    assert diff_plans(old, new).empty


# --------------------------------------------------------------------------- renumbering is a change

from .planhelpers import kaliningrad_pair, swap_sections  # noqa: E402


def test_swapped_sections_are_a_change_shown_as_ranges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = kaliningrad_pair(tmp_path, swap_sections)
    monkeypatch.chdir(tmp_path)
    result = run("diff", "old.yaml", "new.yaml", "--exit-code")
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == [
        "разделы 2 и 3 переставлены",
        "номера изменились (без других изменений): 2.1–2.9 → 3.1–3.9, 3.1–3.6 → 2.1–2.6",
    ]
    data = json.loads(run("diff", "old.yaml", "new.yaml", "--json").output)
    assert data["changes"] == [] and len(data["renumbering"]) == 15
    assert [(s["old_number"], s["new_number"]) for s in data["section_renumbering"]] == [("3", "2"), ("2", "3")]


def test_renumbering_alone_counts_for_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One section dropped: the next one's number changes — that alone is reported too."""
    lines = BASE.splitlines(keepends=True)
    new = "".join(lines[:4] + lines[12:])  # «Первый раздел» removed
    result = diff_plans(*sides(tmp_path, BASE, new))
    assert not result.empty
    assert "номера разделов изменились: 2 → 1" in format_diff(result)


# --------------------------------------------------------------------------- readability

NAMED = """\
style: kaliningrad-committee
directory:
  parties: {ЦОРП: Центр, school-dept: Отдел школьного образования}
  people: {bykov: {surname: Быков, initials: Ю.В., gender: m, position: советник}}
order:
  issuer: Комитет
  date: 2026-02-11
  number: '7'
  title: Об утверждении плана
  points:
    - '[[school-dept|дат]] обеспечить контроль исполнения плана.'
  signatory: bykov
plan:
  title: План
  activities:
    - text: Семинар для учителей
      deadline: Март 2026 г.
      responsible: [ЦОРП]
"""


def test_people_by_name_and_references_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = NAMED.replace("responsible: [ЦОРП]", "responsible: [ЦОРП, bykov, school-dept]").replace(
        "контроль исполнения", "контроль за исполнением")
    sides(tmp_path, NAMED, new)
    monkeypatch.chdir(tmp_path)
    lines = run("diff", "old.yaml", "new.yaml").output.splitlines()
    assert "п. 1: ответственные: «ЦОРП» → «ЦОРП, Быков Ю.В., Отдел школьного образования»" in lines
    point = next(line for line in lines if line.startswith("приказ: пункт 1:"))
    assert "[[" not in point and "Отделу школьного образования обеспечить контроль за исполнением" in point
    # The JSON is for scripts: ids and markup as written.
    data = json.loads(run("diff", "old.yaml", "new.yaml", "--json").output)
    assert {"field": "responsible", "old": "ЦОРП", "new": "ЦОРП, bykov, school-dept"} in data["changes"][-1]["fields"]
    assert "[[school-dept|дат]]" in data["changes"][0]["new"]


def test_lone_revision_is_compared_with_the_working_copy(repo: GitRepo) -> None:
    result = run("diff", f"HEAD:{PLAN}", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"] == f"HEAD:{PLAN}" and data["new"] == PLAN and len(data["changes"]) == 4
    assert run("diff", f"HEAD:{PLAN}").output == run("diff", PLAN).output


def test_path_relative_to_a_subfolder_gets_the_dot_slash_hint(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root / "plans")
    result = run("diff", "HEAD:kaliningrad-committee-2026.yaml", "kaliningrad-committee-2026.yaml")
    assert result.exit_code == 2
    assert "ошибка OF632: в версии «HEAD» нет файла «kaliningrad-committee-2026.yaml» в корне репозитория" \
        in result.output
    assert "«HEAD:./kaliningrad-committee-2026.yaml»" in result.output
    assert "fatal" not in result.output and "OF634" not in result.output
    assert run("diff", "HEAD:./kaliningrad-committee-2026.yaml", "kaliningrad-committee-2026.yaml",
               "--exit-code").exit_code == 1


@pytest.mark.parametrize("rev", ["--output=../X", "-p", "--no-index"])
def test_a_revision_that_looks_like_a_git_option_is_refused(repo: GitRepo, rev: str) -> None:
    """`diff -- '--output=../X:plans/k.yaml' plans/k.yaml` once made git write a file outside the workspace."""
    outside = repo.root.parent / "X"
    result = run("diff", "--", f"{rev}:{PLAN}", PLAN)
    assert result.exit_code == 2, result.output
    assert "OF635" in result.output and "Traceback" not in result.output
    assert not outside.exists()
    assert not list(repo.root.parent.glob("X*"))


def test_git_failure_is_retold_in_russian_with_git_words_only_as_detail(repo: GitRepo) -> None:
    from orderforge.diagnostics import UserError
    from orderforge.gitio import run_git

    with pytest.raises(UserError) as exc:
        run_git(["cat-file", "-p", "nonsense-object-name"], repo.root)
    diag = exc.value.diagnostics[0]
    assert not diag.message.startswith("git сообщил") and "fatal" not in diag.message


# --------------------------------------------------------------------------- every printed requisite (issue 10)


def test_a_changed_approval_number_is_a_change(tmp_path: Path) -> None:
    """7-р → 3-р in the approval stamp was «"changes": []» and exit 0 with --exit-code."""
    from .planhelpers import approved_plan

    old = approved_plan(tmp_path, "old.yaml")
    new = approved_plan(tmp_path, "new.yaml", lambda t: t.replace("number: 7-р", "number: 3-р")
                        .replace("date: 2025-09-01", "date: 2025-09-03"))
    result = run("diff", str(old), str(new), "--json", "--exit-code")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["changes"] == [
        {"kind": "approval", "field": "date", "old": "2025-09-01", "new": "2025-09-03"},
        {"kind": "approval", "field": "number", "old": "7-р", "new": "3-р"},
    ]
    lines = run("diff", str(old), str(new)).stdout.splitlines()
    assert lines[2:] == ["гриф утверждения: дата: «2025-09-01» → «2025-09-03»",
                         "гриф утверждения: номер: «7-р» → «3-р»"]


def test_an_approval_added_is_a_change(tmp_path: Path) -> None:
    from .planhelpers import APPROVAL_BLOCK, approved_plan

    old = approved_plan(tmp_path, "old.yaml", lambda t: t.replace(APPROVAL_BLOCK, ""))
    new = approved_plan(tmp_path, "new.yaml")
    result = run("diff", str(old), str(new), "--exit-code")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == ["гриф утверждения: добавлен"]


def _printed_keys() -> list[tuple[str, str]]:
    """(block, key) for every key of the plan format that the document prints as one requisite."""
    from orderforge.spec import APPROVAL, ORDER, PLAN, PLAN_BODY

    structured = {("order", "points"), ("plan", "passport"), ("plan", "activities"), ("plan", "sections")}
    not_printed = {("", "format"), ("", "directory"), ("", "order"), ("", "approval"), ("", "plan")}
    keys = [(block, f.key) for block, obj in (("", PLAN), ("order", ORDER), ("approval", APPROVAL),
                                             ("plan", PLAN_BODY)) for f in obj.fields]
    return [k for k in keys if k not in structured | not_printed]


def _different(spec_type: object, value: object) -> object:
    """Another valid value of a key of the given schema type."""
    from datetime import date

    from orderforge.diagnostics import Pos
    from orderforge.planmodel import Para, Ref, parse_period
    from orderforge.schema import ListT
    from orderforge.valuetypes import Bool, DateT, Enum, Lines, PeriodT, RefT, Str, TextT

    if isinstance(spec_type, Enum):
        return next(c for c in spec_type.choices if c != value)
    others: dict[type, object] = {
        Str: f"{value or ''}х", Lines: ["иная строка"], ListT: ["иная строка"], TextT: (Para("иной абзац"),),
        DateT: date(2030, 1, 2), RefT: Ref("someone-else", Pos("x")), PeriodT: parse_period("2031"),
        Bool: not value,
    }
    return others[type(spec_type)]


@pytest.mark.parametrize(("block", "key"), _printed_keys())
def test_every_printed_requisite_is_compared(block: str, key: str) -> None:
    """Generic: each key the format has (but the lists compared by their own rules) is part of the diff."""
    import copy

    from orderforge.planfile import load_plan
    from orderforge.planmodel import Approval
    from orderforge.spec import APPROVAL, ORDER, PLAN_BODY
    from orderforge.spec import PLAN as PLAN_SPEC

    from .conftest import ROOT

    plan, _ = load_plan(ROOT / PLAN)
    assert plan is not None and plan.order is not None
    plan.approval = Approval("распоряжение", "комитета", None, "7-р", None, plan.pos)
    new = copy.deepcopy(plan)
    owner = {"": new, "order": new.order, "approval": new.approval, "plan": new.plan}[block]
    spec = {"": PLAN_SPEC, "order": ORDER, "approval": APPROVAL, "plan": PLAN_BODY}[block].by_key[key]
    setattr(owner, key, _different(spec.type, getattr(owner, key)))
    result = diff_plans(Side("old", "old", plan, Path("old.yaml")), Side("new", "new", new, Path("new.yaml")))
    kinds = {"": "plan", "order": "order", "approval": "approval", "plan": "plan"}
    assert [(c.kind, c.field_name) for c in result.changes] == [(kinds[block], key)]
    assert format_diff(result).count("\n") == 2  # one line, and named in Russian: not the key itself
    assert f": {key}:" not in format_diff(result)


def test_a_signatory_renamed_in_the_directory_is_a_change(tmp_path: Path) -> None:
    """The signature prints the person's name and position from the directory: a change there is a change."""
    old, new = kaliningrad_pair(tmp_path, lambda t: t)
    directory = tmp_path / "kaliningrad-committee.directory.yaml"
    new_dir = tmp_path / "new"
    new_dir.mkdir()
    text = new.read_text(encoding="utf-8")
    (new_dir / "new.yaml").write_text(text, encoding="utf-8")
    edited = directory.read_text(encoding="utf-8")
    from orderforge.planfile import load_plan

    plan, _ = load_plan(old)
    assert plan is not None and plan.order is not None and plan.order.signatory is not None
    person = plan.directory.people[plan.order.signatory.key]
    assert edited.count(f"surname: {person.surname}") == 1
    (new_dir / directory.name).write_text(edited.replace(f"surname: {person.surname}", "surname: Иванова"),
                                          encoding="utf-8")
    result = run("diff", str(old), str(new_dir / "new.yaml"), "--json")
    changes = json.loads(result.stdout)["changes"]
    assert [(c["kind"], c["field"]) for c in changes] == [("order", "signatory")]
    assert "Иванова" in changes[0]["new"] and person.surname in changes[0]["old"]


# --------------------------------------------------------------------------- a directory missing on one side


def test_a_missing_directory_is_a_warning_not_fifty_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deleted from the working tree: codes vs names made 51 false «КО, Руководители ОО» → «КО, РукОО»."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(Path(__file__).resolve().parent.parent / "plans", repo.root / "plans")
    shutil.copytree(TEMPLATES, repo.root / "templates")
    repo.commit("План")
    monkeypatch.chdir(repo.root)
    (repo.root / "plans" / "zyryansky.directory.yaml").unlink()
    result = run("diff", "plans/zyryansky-2025.yaml", "--exit-code")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "предупреждение OF110" in result.stderr and "zyryansky.directory.yaml" in result.stderr
    assert "не сравниваются" in result.stderr
    data = json.loads(run("diff", "plans/zyryansky-2025.yaml", "--json").stdout)
    assert data["changes"] == []


def test_a_real_change_is_still_reported_without_a_directory(tmp_path: Path) -> None:
    old, new = kaliningrad_pair(tmp_path, lambda t: t.replace("Февраль 2026 г.", "Март 2026 г.", 1))
    (tmp_path / "kaliningrad-committee.directory.yaml").unlink()
    result = run("diff", str(old), str(new), "--json")
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["changed"]
    assert "OF110" in result.stderr


def test_every_kind_of_change_has_its_wording() -> None:
    """format_change is a table by kind: a kind compare makes but report cannot word would crash a clerk's diff."""
    import re

    from orderforge.diff import Change
    from orderforge.diff.wording import WORDING

    listed = re.sub(r"\([^)]*\)", "", (Change.__doc__ or "").split("``kind``:")[1])
    documented = {k for k in re.split(r"[\s,;.]+", listed) if k}
    assert documented == set(WORDING)


def test_a_person_renamed_in_the_directory_changes_the_order_text_that_names_them(tmp_path: Path) -> None:
    """«[[grivusevich|вин|должность+]]» prints the directory's name: renamed there, the printed order differs."""
    old, _ = kaliningrad_pair(tmp_path, lambda t: t)
    new_dir = tmp_path / "new"
    new_dir.mkdir()
    shutil.copy(old, new_dir / "new.yaml")
    directory = (tmp_path / "kaliningrad-committee.directory.yaml").read_text(encoding="utf-8")
    assert directory.count("surname: Гривусевич") == 1
    (new_dir / "kaliningrad-committee.directory.yaml").write_text(
        directory.replace("surname: Гривусевич", "surname: Гривусевич-Новикова"), encoding="utf-8")
    result = run("diff", str(old), str(new_dir / "new.yaml"), "--json")
    changes = json.loads(result.stdout)["changes"]
    assert [(c["kind"], c.get("field")) for c in changes] == [("order", "control")]  # «… возложить на [[…]]»
    assert "[[grivusevich|" in changes[0]["new"]  # --json: as written in the plan
    text = run("diff", str(old), str(new_dir / "new.yaml")).stdout
    assert "Гривусевич-Новикову" in text or "Гривусевич-Новиковой" in text


@pytest.mark.parametrize("text", ["a: &a [x]\nb: [*a, *a]\n", "plan:\n  title: a\n  title: b\n", "plan:\n\ttitle: a\n"])
def test_a_side_that_is_not_readable_yaml_is_an_error_not_an_empty_plan(tmp_path: Path, text: str) -> None:
    """Before: the whole other plan was reported «добавлен», exit 0."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("diff", str(bad), str(PLANS / "kaliningrad-committee-2026.yaml"))
    assert result.exit_code == 1, result.output
    assert "добавлен" not in result.output


def test_a_device_is_named_as_such_not_as_missing() -> None:
    result = run("diff", "/dev/zero", str(PLANS / "kaliningrad-committee-2026.yaml"))
    assert result.exit_code == 2 and "OF070" in result.output and "не найден" not in result.output


def test_every_public_name_of_the_diff_package_is_imported_on_first_use() -> None:
    """orderforge.diff imports its modules lazily (new --from needs only text_str): each name in __all__
    has its module in _EXPORTS and is found there."""
    import orderforge.diff as package

    assert sorted(package._EXPORTS) == sorted(package.__all__)
    for name in package.__all__:
        assert getattr(package, name) is not None, name
