"""Import one corpus document and compare it with its expectation, field by field.

Used by tests/test_import_corpus.py (every field must match) and by
tools/import_accuracy.py (prints the share of fields that match). The imported
plan is read back through ``validate``'s own loader, so what is compared is
what ``build`` will print from: texts as paragraphs, deadlines by meaning
(their structure, not their wording), responsible parties by the directory's
full names, people by surname, initials and position. Numbers are the ones the
document shows, as the import read them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("number", "text", "deadline", "responsible", "result", "note")


@dataclass
class Outcome:
    name: str
    checked: int = 0
    mismatches: list[str] = field(default_factory=list)
    activities: int = 0
    exact_activities: int = 0
    sections: int = 0
    exact_sections: int = 0
    built: bool = False

    def check(self, where: str, expected: Any, got: Any) -> bool:
        self.checked += 1
        if expected != got:
            self.mismatches.append(f"{self.name}: {where}: ожидалось {expected!r}, получено {got!r}")
            return False
        return True


def _deadline(text: str) -> Any:
    from orderforge.deadline import parse_deadline

    if not text:
        return None
    data = dict(parse_deadline(text).to_data())
    data.pop("text", None)
    return data


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _responsible(plan: Any, activity: Any) -> list[str]:
    out = []
    for ref in activity.responsible:
        person = plan.directory.people.get(ref.key)
        if person is not None:
            initials = person.initials or f"{person.name[:1]}.{person.patronymic[:1]}."
            name = f"{person.surname} {initials}"
            out.append(f"{name}, {_lower_first(person.position)}" if person.position else name)
            continue
        party = plan.directory.parties.get(ref.key)
        out.append(party.name if party is not None else ref.key)
    return out


def _text(paras: Any) -> list[str]:
    from orderforge.typography import plain

    return [("- " if p.kind == "dash" else "") + plain(p.text) for p in paras]


def run_case(docx: Path, expected: dict[str, Any], workspace: Path, build: bool = True) -> Outcome:
    """Import ``docx`` into ``workspace``/plans, load the plan as ``validate`` does, build it, compare."""
    from orderforge.importer import import_docx
    from orderforge.planfile import load_plan

    outcome = Outcome(expected["name"])
    plan_path = workspace / "plans" / f"{expected['name']}.yaml"
    if plan_path.exists():
        plan_path.unlink()
    from orderforge.diagnostics import UserError

    try:
        result = import_docx(docx, plan_path, style="kaliningrad-committee",
                             directory=workspace / "plans" / f"{expected['name']}.directory.yaml")
    except UserError as exc:
        outcome.activities, outcome.sections = len(expected["activities"]), len(expected["sections"])
        outcome.check("импорт", "выполнен", exc.diagnostics[0].format())
        return outcome
    plan, report = load_plan(plan_path)
    outcome.check("validate", [], [d.format() for d in report.errors])
    if plan is None:
        return outcome
    imported = result.imported
    codes = {d.code for d in imported.report}
    for code in expected.get("warnings", []):
        outcome.check(f"предупреждение {code}", True, code in codes)
    outcome.check("период", expected.get("period") or None, plan.plan.period.text if plan.plan.period else None)
    if expected.get("title"):
        outcome.check("заголовок плана", expected["title"], list(plan.plan.title))
    if expected.get("order_kind"):
        outcome.check("вид приказа", expected["order_kind"], plan.order.kind if plan.order else None)
    if expected.get("approval"):
        approval = plan.approval
        got = None if approval is None else {"kind": approval.kind, "issuer_genitive": approval.issuer_genitive,
                                             "date": approval.date.isoformat() if approval.date else "",
                                             "number": approval.number}
        outcome.check("гриф утверждения", expected["approval"], got)
    _compare_sections(outcome, expected, plan, imported)
    _compare_activities(outcome, expected, plan, imported)
    if build:
        outcome.built = _builds(plan_path, workspace)
        outcome.check("сборка", True, outcome.built)
    return outcome


def _compare_sections(outcome: Outcome, expected: dict[str, Any], plan: Any, imported: Any) -> None:
    got = [(s.title, s) for s in plan.plan.sections]
    read = imported.sections
    outcome.sections = len(expected["sections"])
    outcome.check("число разделов", len(expected["sections"]), len(got))
    for k, section in enumerate(expected["sections"]):
        if k >= len(got):
            break
        title_ok = outcome.check(f"раздел {k + 1}: заголовок", section["title"], got[k][0])
        number = ".".join(map(str, read[k].number)) + "." if read[k].number and read[k].numbered else ""
        number_ok = outcome.check(f"раздел {k + 1}: номер", section["number"], number)
        outcome.exact_sections += title_ok and number_ok


def _compare_activities(outcome: Outcome, expected: dict[str, Any], plan: Any, imported: Any) -> None:
    model = list(plan.plan.activities)
    for section in plan.plan.sections:
        model.extend(section.activities)
        for sub in section.sections:
            model.extend(sub.activities)
    read = imported.all_activities()
    want = expected["activities"]
    outcome.activities = len(want)
    outcome.check("число мероприятий", len(want), len(model))
    placed = [-1] * len(plan.plan.activities) + [
        k for k, s in enumerate(plan.plan.sections) for _ in range(len(s.activities) + sum(
            len(sub.activities) for sub in s.sections))]
    for i, (exp, got, raw) in enumerate(zip(want, model, read, strict=False)):
        where = f"мероприятие {exp['number'] or i + 1}"
        fields = [
            outcome.check(f"{where}: номер", exp["number"], raw.number.text if raw.number else ""),
            outcome.check(f"{where}: раздел", exp["section"], placed[i] if i < len(placed) else None),
            outcome.check(f"{where}: текст", exp["text"], _text(got.text)),
            outcome.check(f"{where}: срок", _deadline(exp["deadline"]),
                          dict((k, v) for k, v in got.deadline.to_data().items() if k != "text")
                          if got.deadline else None),
            outcome.check(f"{where}: ответственные", exp["responsible"], _responsible(plan, got)),
            outcome.check(f"{where}: результат", exp["result"], _text(got.result)),
            outcome.check(f"{where}: примечание", exp["note"], got.note or ""),
        ]
        outcome.exact_activities += all(fields)


def _builds(plan_path: Path, workspace: Path) -> bool:
    from orderforge.build import build_plan
    from orderforge.diagnostics import UserError

    try:
        build_plan(plan_path, workspace / "out")
    except UserError as exc:
        print("\n".join(d.format() for d in exc.diagnostics))
        return False
    return True


def run_corpus(folder: Path, workspace: Path, templates: Path, build: bool = True) -> list[Outcome]:
    """Generate every case into ``folder``, import each in ``workspace``, compare."""
    from .make_corpus import CASES, make

    (workspace / "plans").mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    if not (workspace / "templates").exists():
        shutil.copytree(templates, workspace / "templates")
    outcomes = []
    for make_case in CASES:
        docx, _ = make(make_case, folder)
        expected = json.loads(docx.with_suffix(".json").read_text(encoding="utf-8"))
        outcomes.append(run_case(docx, expected, workspace, build))
    return outcomes
