"""``orderforge diff``: changes in plan terms, with the numbers of both versions; files or git revisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from orderforge.diff import Side, diff_plans, format_diff
from orderforge.fmt import format_text

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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
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
