"""``orderforge forms``: every word form orderforge generates, for a clerk to proofread.

Declension by dictionary is right almost always; «almost» is not good enough
for a signed order. This lists each reference in the order text with the form
it becomes, the signature, and each responsible cell of the plan table as it
is printed from the directory (parties by name, people, groups under a plural
position), so a clerk can read them once before signing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Pos
from .planmodel import Plan
from .style import Column, Style


@dataclass(frozen=True)
class Form:
    pos: Pos
    source: str  # what the plan says
    result: str  # what the document prints
    doubt: str = ""  # why the dictionary may be wrong here: the clerk checks this one first

    def format(self) -> str:
        """«plans/x.yaml:12:5: [[ivanova|дат]] → Ивановой А.А.», and a line «проверьте: …» when in doubt."""
        line = f"{self.pos}: {self.source} → {self.result}"
        return f"{line}\n    проверьте: {self.doubt}" if self.doubt else line


def generated_forms(plan: Plan, workspace: Path | None = None) -> list[Form]:
    """References in the order text, the signature, and grouped responsible cells."""
    from .refs import find_refs
    from .resolve import expand_references
    from .style import load_style
    from .validate import order_texts

    forms: list[Form] = []
    for text, pos in order_texts(plan):
        spans, _ = find_refs(text) if "[[" in text else ([], [])
        for span in spans:
            # expanded mid-sentence, as most references stand: no sentence-start capital
            result = expand_references(span.raw, plan, sentence_start=False)
            forms.append(Form(pos, span.raw, result, _doubt(plan, span)))
    if plan.order and plan.order.signatory:
        person = plan.directory.people.get(plan.order.signatory.key)
        if person is not None:
            forms.append(Form(plan.order.signatory.pos, f"подпись: {person.id}", person.signature_name))
    style = load_style(plan.style, workspace or plan.workspace)
    forms.extend(responsible_forms(plan, style))
    return forms


def responsible_forms(plan: Plan, style: Style) -> list[Form]:
    """Each responsible cell as the table prints it, once per combination, where it differs from the codes.

    Parties printed by name, people by surname and initials, groups under a
    plural position, the cell's capital: all come from the directory and the
    style, not from what the clerk typed in the plan — so they are proofread here
    whether the directory has people or only parties.
    """
    from .resolve import cell_paras

    column = next((c for c in style.columns if c.key == "responsible"), Column("responsible", "", 0))
    forms: list[Form] = []
    seen: set[str] = set()
    for activity in plan.all_activities():
        keys = ", ".join(r.key for r in activity.responsible)
        if not keys or keys in seen:
            continue
        seen.add(keys)
        paras = [p.replace("\u00a0", " ") for p in cell_paras(column, activity, [], plan, style)]
        if paras not in ([keys], [r.key for r in activity.responsible]):  # codes printed as typed: nothing to read
            forms.append(Form(activity.field_pos.get("responsible", activity.pos), keys, " / ".join(paras)))
    return forms


def _doubt(plan: Plan, span: Any) -> str:
    """What the dictionaries are unsure of in this reference's form (empty when sure, or in the nominative)."""
    from .declension import name_problems, phrase_doubts

    if span.case == "nom" and not span.plural and not span.position:
        return ""
    person = plan.directory.people.get(span.key)
    if person is not None:
        doubts = [] if person.forms else name_problems(person.surname, person.name, person.patronymic, person.gender)
        if span.position and person.position and not person.position_forms:
            doubts += phrase_doubts(person.position)
        return "; ".join(doubts)
    party = plan.directory.parties.get(span.key)
    return "; ".join(phrase_doubts(party.name)) if party is not None and not party.forms else ""
