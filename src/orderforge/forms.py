"""``orderforge forms``: every word form orderforge generates, for a clerk to proofread.

Declension by dictionary is right almost always; «almost» is not good enough
for a signed order. This lists each reference in the order text with the form
it becomes, and each group of people in the plan table, so a clerk can read
them once before signing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Pos
from .model import Plan


@dataclass(frozen=True)
class Form:
    pos: Pos
    source: str  # what the plan says
    result: str  # what the document prints


def generated_forms(plan: Plan, workspace: Path | None = None) -> list[Form]:
    """References in the order text, the signature, and grouped responsible cells."""
    from .refs import find_refs
    from .resolve import expand_references, grouped_responsible
    from .style import load_style
    from .validate import order_texts

    forms: list[Form] = []
    for text, pos in order_texts(plan):
        spans, _ = find_refs(text) if "[[" in text else ([], [])
        for span in spans:
            # expanded mid-sentence, as most references stand: no sentence-start capital
            forms.append(Form(pos, span.raw, expand_references("и " + span.raw, plan)[2:]))
    if plan.order and plan.order.signatory:
        person = plan.directory.people.get(plan.order.signatory.key)
        if person is not None:
            forms.append(Form(plan.order.signatory.pos, f"подпись: {person.id}", person.signature_name))
    style = load_style(plan.style, workspace or Path(plan.source).resolve().parent)
    if style.responsible_format == "grouped":
        seen: set[str] = set()
        for activity in plan.all_activities():
            keys = ", ".join(r.key for r in activity.responsible)
            if keys in seen or not any(r.key in plan.directory.people for r in activity.responsible):
                continue
            seen.add(keys)
            lines = grouped_responsible(activity, plan, style)
            forms.append(Form(activity.field_pos.get("responsible", activity.pos), keys, " / ".join(lines)))
    return forms
