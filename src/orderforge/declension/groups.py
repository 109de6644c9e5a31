"""Groups of people sharing a position, as an order lists them: «Бобров В.С., Воропаева Е.В., заместители директора»."""

from __future__ import annotations

from collections.abc import Sequence

from .phrase import decline_phrase


def _groups(people: Sequence[tuple[str, str | None]]) -> list[tuple[list[str], str | None]]:
    """Consecutive people with the same position (or with none) form one group."""
    groups: list[tuple[list[str], str | None]] = []
    for person, position in people:
        if groups and groups[-1][1] == position:
            groups[-1][0].append(person)
        else:
            groups.append(([person], position))
    return groups


def _group_text(names: list[str], position: str | None, case: str) -> str:
    listed = ", ".join(names)
    return f"{listed}, {decline_phrase(position, case, plural=len(names) > 1)}" if position else listed


def people_groups(people: Sequence[tuple[str, str | None]], case: str = "nom") -> list[str]:
    """Consecutive people with the same position share it, in the plural when more than one.

    [(«Бобров В.С.», «заместитель директора»), («Воропаева Е.В.», «заместитель
    директора»), («Быков Ю.В.», «советник»)] → [«Бобров В.С., Воропаева Е.В.,
    заместители директора», «Быков Ю.В., советник»]. Names come already in
    ``case``; a person without a position is a group of names alone.
    """
    return [_group_text(names, position, case) for names, position in _groups(people)]


def responsible_lines(people: Sequence[tuple[str, str | None]], case: str = "nom") -> list[str]:
    """The groups of :func:`people_groups` as the paragraphs of a responsible cell.

    A group that ends in its position closes its paragraph, so that «Вайткене
    О.В., заместитель директора» / «Быков Ю.В., советник» never run together
    into «… заместитель директора Быков Ю.В.». Names listed without a position
    run on with a comma into the next group, as seed 003 prints the director
    before her deputies («Лисичкина Г.А., Бобров В.С., …, заместители
    директора»).
    """
    lines: list[str] = []
    pending = ""
    for names, position in _groups(people):
        text = (pending + ", " if pending else "") + _group_text(names, position, case)
        pending = "" if position else text
        if position:
            lines.append(text)
    if pending:
        lines.append(pending)
    return lines


def position_with_names(position: str, names: Sequence[str], case: str) -> str:
    """«заместителям директора (Воропаевой Е.В., Изотовой А.И.)»: executors addressed through their position.

    The position takes the plural when more than one person holds it; the names
    come already in ``case``.
    """
    return f"{decline_phrase(position, case, plural=len(names) > 1)} ({', '.join(names)})"
