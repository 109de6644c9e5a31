"""The amending order's clauses, worded the way amending orders are worded (see :mod:`orderforge.amend`).

A :class:`~orderforge.diff.PlanDiff` in, lists of Russian sentences out: «в пункте 1.2 слова … заменить
словами …», «пункт 2.3 изложить в следующей редакции», «пункты 2.3–2.9 считать соответственно …»,
«дополнить пунктом 2.10 …» — in legal-technique order — and the warnings for changes no clause can
word (the approving order's own text, the approval stamp). amend.py checks the inputs, frames the
order and renders it; this module only words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .diagnostics import Diagnostic, Pos
from .diff import Change, Item, PlanDiff
from .planmodel import Activity, Plan
from .style import Style


def plan_name(plan: Plan) -> str:
    """«План мероприятий («Дорожная карта») по итогам …» — the plan's title as one line."""
    title = " ".join(" ".join(plan.plan.title).split())
    return title if title.lower().startswith("план") else f"План мероприятий «{title}»"


def plan_genitive(plan: Plan) -> str:
    name = plan_name(plan)
    return "Плана" + name[4:] if name.startswith("План") else name


def _words(fragment: str, forms: tuple[str, str, str, str]) -> str:
    """The noun for what is quoted: one word, several words, one digit, several digits.

    Legal wording agrees it with the quote: «слово «три»», «слова «три года»»,
    «цифру «5»», «цифры «10»» (and «словом», «словами», «цифрой», «цифрами»).
    """
    if re.fullmatch(r"[\d.,\s–-]+", fragment):
        return forms[2] if sum(c.isdigit() for c in fragment) == 1 else forms[3]
    return forms[0] if len(fragment.split()) == 1 else forms[1]


_WHAT = ("слово", "слова", "цифру", "цифры")
_WITH = ("словом", "словами", "цифрой", "цифрами")


def _changed_span(old: str, new: str) -> tuple[str, str] | None:
    """The one run of words that differs (whole words), or None when several runs changed."""
    import difflib

    a, b = old.split(" "), new.split(" ")
    codes = [c for c in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if c[0] != "equal"]
    if len(codes) != 1:
        return None
    _, i1, i2, j1, j2 = codes[0]
    return _without_shared_punctuation(" ".join(a[i1:i2]), " ".join(b[j1:j2]))


def _without_shared_punctuation(old: str, new: str) -> tuple[str, str]:
    """«слова «использования ЭОР,» заменить словами «применения ЭОР,»»: the comma did not change, so it is
    not part of the words replaced (a clause quotes only what changes)."""
    while old and new and old[-1] == new[-1] and old[-1] in ",.;:!?»)":
        old, new = old[:-1], new[:-1]
    while old and new and old[0] == new[0] and old[0] in "«(":
        old, new = old[1:], new[1:]
    return old, new


class _Wording:
    def __init__(self, result: PlanDiff, style: Style) -> None:
        self.diff = result
        self.style = style
        self.old_plan = result.old.plan
        self.new_plan = result.new.plan
        self.printed = {c.key for c in style.columns}
        self.removed_sections: set[tuple[int, ...]] = set()  # set by clauses(): no «пункт … исключить» inside them
        self.added_sections: set[tuple[int, ...]] = set()  # «дополнить пунктом», never «новым пунктом», inside them

    # ---------------------------------------------------------------- cells

    def cells(self, activity: Activity, number: tuple[int, ...], plan: Plan) -> dict[str, list[str]]:
        from .resolve import cell_paras

        return {c.key: cell_paras(c, activity, list(number), plan, self.style) for c in self.style.columns}

    def header(self, key: str) -> str:
        return next((c.header for c in self.style.columns if c.key == key), key)

    def row(self, activity: Activity, number: tuple[int, ...], plan: Plan) -> list[str]:
        """A whole row of the plan table as quoted paragraphs: «2.3. Текст … / Срок: … / …»."""
        from .resolve import number_label

        cells = self.cells(activity, number, plan)
        paras: list[str] = []
        text = cells.get("text") or [""]
        paras.append(f"{number_label(list(number), self.style)} {text[0]}".strip())
        paras.extend(text[1:])
        for column in self.style.columns:
            if column.key in ("number", "text"):
                continue
            values = cells[column.key]
            if not values:
                continue
            joined = ", ".join(values) if column.key == "responsible" else values[0]
            paras.append(f"{column.header}: {joined}")
            if column.key != "responsible":
                paras.extend(values[1:])
        paras[0] = "«" + paras[0]
        paras[-1] = paras[-1] + "»"
        return paras

    # ---------------------------------------------------------------- field changes

    def field_clause(self, change: Change) -> list[str] | None:
        """A clause for the printed fields that changed, or None when nothing printed changed."""
        old, new = change.old, change.new
        assert old is not None and new is not None
        printed = [f for f in change.fields if f.field in self.printed]
        if not printed:
            return None
        if len(printed) == 1:
            clause = self.words_clause(old, new, printed[0].field)
            if clause is not None:
                return [clause]
        return [f"пункт {old.label} изложить в следующей редакции:"] + self.row(new.activity, old.number, self.new_plan)

    def words_clause(self, old: Item, new: Item, name: str) -> str | None:
        old_cells = self.cells(old.activity, old.number, self.old_plan)
        new_cells = self.cells(new.activity, old.number, self.new_plan)
        a, b = old_cells.get(name) or [], new_cells.get(name) or []
        if name in ("deadline", "responsible"):
            if len(a) != 1 or len(b) != 1:
                return None
            span: tuple[str, str] | None = (a[0], b[0])
        else:
            if len(a) != 1 or len(b) != 1:
                return None
            span = _changed_span(a[0], b[0])
        if span is None or not span[0]:
            return None
        before, after = span
        whole_row = "\n".join(p for key, paras in old_cells.items() if key != "number" for p in paras)
        where = f"в пункте {old.label}"
        if whole_row.count(before) != 1:
            if a[0].count(before) != 1:
                return None
            where = f"в графе «{self.header(name)}» пункта {old.label}"
        if not after:
            return f"{where} {_words(before, _WHAT)} «{before}» исключить"
        return f"{where} {_words(before, _WHAT)} «{before}» заменить {_words(after, _WITH)} «{after}»"

    # ---------------------------------------------------------------- all clauses

    def clauses(self) -> list[list[str]]:
        """Every clause: first those in the old numbering, then the renumbering, then the additions."""
        self.removed_sections = {c.old_section.number for c in self.diff.changes
                                 if c.kind == "section_removed" and c.old_section is not None}
        self.added_sections = {c.new_section.number for c in self.diff.changes
                               if c.kind == "section_added" and c.new_section is not None}
        first: list[Placed] = []  # refer to the old numbering
        last: list[Placed] = []  # additions, in the final numbering
        for change in self.diff.changes:
            handler = _CLAUSES.get(change.kind)
            if handler is not None:
                early, late = handler(self, change)
                first.extend(early)
                last.extend(late)
        first.sort(key=lambda c: c[0])
        last.sort(key=lambda c: c[0])
        return [c for _, c in first] + self.renumbering() + [c for _, c in last]

    # ---------------------------------------------------------------- one change each: (old numbering, additions)

    def plan_clause(self, change: Change) -> Clauses:
        if change.field_name != "title":  # the style or the period: not a wording of the plan's text
            return [], []
        return [((0,), ["наименование Плана изложить в следующей редакции:",
                        "«" + " ".join(self.new_plan.plan.title) + "»"])], []

    def passport_clauses(self, change: Change) -> Clauses:
        return [((1, change.old_number or change.new_number or 0), self.passport_clause(change))], []

    def section_changed(self, change: Change) -> Clauses:
        o, n = change.old_section, change.new_section
        assert o is not None and n is not None
        if not any(f.field == "title" for f in change.fields):
            return [], []
        return [((2, o.number), [f"наименование раздела {o.label} изложить в следующей редакции: "
                                 f"«{n.section.title}»"])], []

    def section_removed(self, change: Change) -> Clauses:
        assert change.old_section is not None
        return [((2, change.old_section.number), [f"раздел {change.old_section.label} исключить"])], []

    def section_added(self, change: Change) -> Clauses:
        from .resolve import number_label

        s = change.new_section
        assert s is not None
        return [], [((s.number, -1), [f"дополнить разделом {s.label} следующего содержания: "
                                      f"«{number_label(list(s.number), self.style)} {s.section.title}»"])]

    def exclusion(self, change: Change) -> list[Placed]:
        """«пункт 3.5 исключить» — unless its whole section is excluded."""
        assert change.old is not None
        if change.old.section in self.removed_sections:
            return []
        return [((2, change.old.number), [f"пункт {change.old.label} исключить"])]

    def removed(self, change: Change) -> Clauses:
        return self.exclusion(change), []

    def added(self, change: Change) -> Clauses:
        assert change.new is not None
        return [], [((change.new.number,), self.add_clause(change.new, self.added_sections))]

    def moved(self, change: Change) -> Clauses:
        """Excluded where it was, added where it is now."""
        return self.exclusion(change), self.added(change)[1]

    def changed(self, change: Change) -> Clauses:
        clause = self.field_clause(change)
        if clause is None:
            return [], []
        assert change.old is not None
        return [((2, change.old.number), clause)], []

    def add_clause(self, item: Item, added_sections: set[tuple[int, ...]]) -> list[str]:
        """«дополнить пунктом 2.10 …» at the end of a section, «новым пунктом 2.3 …» between others."""
        inside = item.section not in added_sections and any(
            other.section == item.section and other.index > item.index for _, other in self.diff.pairs)
        new_word = "новым пунктом" if inside else "пунктом"
        return [f"дополнить {new_word} {item.label} следующего содержания:"] + self.row(
            item.activity, item.number, self.new_plan)

    def passport_clause(self, change: Change) -> list[str]:
        """A passport row as the appendix prints it: one dash item per paragraph, punctuation as written."""
        if change.kind == "passport_removed":
            return [f"строку «{change.label}» паспорта Плана исключить"]
        entry = self.new_plan.plan.passport[(change.new_number or 1) - 1]
        paras = [f"{self.style.dash} {item}" for item in entry.items] or [""]
        paras[0] = "«" + paras[0]
        paras[-1] = paras[-1] + "»"
        if change.kind == "passport_added":
            return [f"паспорт Плана дополнить строкой «{change.label}» следующего содержания:"] + paras
        return [f"строку «{change.label}» паспорта Плана изложить в следующей редакции:"] + paras

    def renumbering(self) -> list[list[str]]:
        """Sections, then activities: «раздел 3 считать разделом 2», «пункты 2.3–2.9 считать … 2.4–2.10».

        Runs whose new numbers are another run's old ones (two sections swapped)
        go into one clause with «соответственно»: read one after the other, the
        second clause would find two items with the same number.
        """
        sections = [(o.number, n.number) for o, n in self.diff.section_renumbering
                    if o.section.numbered or n.section.numbered]
        moved = {id(c.old) for c in self.diff.changes if c.kind == "moved"}
        items = [(o.number, n.number) for o, n in self.diff.pairs if o.label != n.label and id(o) not in moved]
        return _renumber_clauses(sections, ("раздел", "разделы", "разделом", "разделами")) + _renumber_clauses(
            items, ("пункт", "пункты", "пунктом", "пунктами"))


Placed = tuple[tuple[Any, ...], list[str]]  # a clause with its place in the order of clauses
Clauses = tuple[list[Placed], list[Placed]]  # (in the old numbering, additions in the final numbering)

#: ``Change.kind`` → the clauses it makes; kinds not here (the approving order's own text, the stamp) make none.
_CLAUSES: dict[str, Callable[[_Wording, Change], Clauses]] = {
    "plan": _Wording.plan_clause,
    "passport_added": _Wording.passport_clauses, "passport_removed": _Wording.passport_clauses,
    "passport_changed": _Wording.passport_clauses,
    "section_changed": _Wording.section_changed, "section_removed": _Wording.section_removed,
    "section_added": _Wording.section_added,
    "removed": _Wording.removed, "added": _Wording.added, "moved": _Wording.moved,
    "changed": _Wording.changed, "renumbered": _Wording.changed,
}


def _renumber_clauses(shifts: list[tuple[tuple[int, ...], tuple[int, ...]]], words: tuple[str, str, str, str]
                      ) -> list[list[str]]:
    """One clause per run of shifted numbers; runs that collide with each other share one clause."""
    from .diff import number_runs, run_labels

    runs = number_runs(shifts)
    owner = {o: k for k, run in enumerate(runs) for o, _ in run}
    colliding = [run for k, run in enumerate(runs) if any(owner.get(n, k) != k for _, n in run)]
    groups = [[run] for run in runs if run not in colliding] + ([colliding] if colliding else [])
    groups.sort(key=lambda group: group[0][0][0])
    clauses = []
    for group in groups:
        labels = [run_labels(run) for run in group]
        if len(group) == 1 and len(group[0]) == 1:
            clauses.append([f"{words[0]} {labels[0][0]} считать {words[2]} {labels[0][1]}"])
            continue
        old = _and_list([a for a, _ in labels])
        new = _and_list([b for _, b in labels])
        clauses.append([f"{words[1]} {old} считать соответственно {words[3]} {new}"])
    return clauses


def _and_list(labels: list[str]) -> str:
    """«2», «2 и 3», «2, 3 и 5»."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " и " + labels[-1]


def amendment_clauses(result: PlanDiff, style: Style) -> list[list[str]]:
    """The sub-points of «Внести в План … следующие изменения:», each a list of paragraphs."""
    clauses = _Wording(result, style).clauses()
    for n, clause in enumerate(clauses):
        clause[-1] = clause[-1].rstrip(";.") + ("." if n == len(clauses) - 1 else ";")
    return clauses


ORDER_TEXT_FIELDS = {"title": "заголовок", "preamble": "преамбула", "control": "пункт о контроле",
                     "issuer": "наименование организации"}


def order_warnings(result: PlanDiff) -> list[Diagnostic]:
    """OF642 for the approving order's own text: an amending order changes the plan, not these words."""
    what: list[str] = []
    for change in result.changes:
        if change.kind == "order" and change.field_name in ORDER_TEXT_FIELDS:
            what.append(ORDER_TEXT_FIELDS[change.field_name])
        elif change.kind.startswith("point_"):
            what.append(f"пункт {change.new_number or change.old_number}")
    found = [Diagnostic("OF642", "warning", f"изменился текст самого приказа об утверждении ({listed}) — "
                        "в приказ о внесении изменений это не включено", Pos(result.new.display),
                        "такой пункт добавьте вручную") for listed in [", ".join(dict.fromkeys(what))] if what]
    return found + approval_warnings(result)


def approval_warnings(result: PlanDiff) -> list[Diagnostic]:
    """OF642 for the approval stamp's requisites: they name the approving document, which is not amended here."""
    from .diff import APPROVAL_FIELD_RU

    what = [APPROVAL_FIELD_RU.get(c.field_name, c.field_name) for c in result.changes
            if c.kind == "approval" and c.field_name != "approval"]
    if not what:
        return []
    return [Diagnostic("OF642", "warning", f"изменился гриф утверждения ({', '.join(what)}) — это реквизиты "
                       "документа об утверждении, в документ о внесении изменений они не включены",
                       Pos(result.new.display), "если гриф был записан с ошибкой, исправьте его в старой версии")]
