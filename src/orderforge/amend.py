"""``orderforge amend OLD NEW``: the order «О внесении изменений в приказ …» from two versions.

The changes come from :mod:`orderforge.diff`; this module words them the way
amending orders are worded and renders the order with the house style's
``amend.docx`` (the order part only, no appendix) through the ordinary
pipeline (``render.render_docx`` with ``{"order": …, "appendix": None}``).

The operative part is one point «Внести в План …, утвержденный приказом … от …
№ …, следующие изменения:» with numbered sub-points, then the control point
and the signature. The clauses, in legal-technique order — first everything
that refers to the old numbering, then the renumbering, then the additions in
the final numbering:

* one printed field of an activity changed by one run of words: «в пункте 1.2
  слова «Февраль 2026 г.» заменить словами «Март 2026 г.»» (the whole
  deadline is quoted; in a text only the changed words; «слово/словом» for one
  word, «цифру»/«цифры» for one digit/several; «в графе «…» пункта …» when the words occur
  elsewhere in the row too; «… исключить» when words are only removed);
* anything more: «пункт 2.3 изложить в следующей редакции: «…»» with the whole row;
* «пункт 3.5 исключить»; a section: «раздел 3 исключить»;
* «пункты 2.3–2.9 считать соответственно пунктами 2.4–2.10»;
* «дополнить пунктом 2.10 следующего содержания: «…»» («новым пунктом», when
  the number was taken before the renumbering); a moved activity is excluded
  where it was and added where it is now;
* the plan's title, section titles, passport rows: «наименование … изложить в
  следующей редакции», «строку «…» паспорта Плана …».

Changes of the approving order's own text (its title or points), or of the
approval stamp's requisites, are not worded (they need an amendment of that
document itself): they come back as warnings.

The amended document is the plan's ``order:`` or, for a plan approved by a
stamp, the document ``approval:`` names (:func:`amended_document`): «О внесении
изменений в распоряжение … от … № …», issued as the same kind. Such a plan has
no issuing body's lines or signatory: amend.yaml gives them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Pos, Report, UserError, exit_code_for
from .diff import Change, Item, PlanDiff, Side, diff_plans, load_side
from .model import Activity, Order, Para, Plan, Point, Ref, parse_text
from .plans import OUTPUT_DIR
from .spec import KIND_INSTRUMENTAL
from .style import Style

DEFAULT_PREAMBLE = "В связи с необходимостью корректировки {plan_genitive}"


@dataclass
class AmendData:
    """The amending order's own details (options or ``--order amend.yaml``)."""

    number: str | None = None
    date: date | None = None
    preamble: str | None = None
    signatory: str | None = None
    control: str | None = None
    signatory_pos: Pos | None = None  # where amend.yaml names the signatory, for the error message
    issuer: list[str] | None = None  # the issuing body's lines, when the plan has no order to take them from
    place: str | None = None


@dataclass(frozen=True)
class Amended:
    """The document that approved the plan and is amended now: the ``order:``, or the one the
    ``approval:`` stamp names («УТВЕРЖДЕН распоряжением … от … № …») — amended the same way."""

    kind: str
    issuer_genitive: str
    date: date
    number: str


def amended_document(plan: Plan) -> Amended | None:
    """The approving document with its date and number, from ``order:`` or else from ``approval:``."""
    for source in (plan.order, plan.approval):
        if source is not None and source.date is not None and source.number:
            return Amended(source.kind, source.issuer_genitive or "", source.date, source.number)
    return None


@dataclass
class AmendResult:
    docx: Path
    clauses: list[list[str]]
    warnings: list[Diagnostic] = field(default_factory=list)


# --------------------------------------------------------------------------- amend.yaml


def _amend_schema() -> Any:
    from .schema import Block, Field, ListT
    from .valuetypes import DateT, RefT, Str, TextT

    return Block(
        "приказ о внесении изменений",
        [
            Field("number", Str(), doc="регистрационный номер нового приказа: ПД-КПО-150"),
            Field("date", DateT(), doc="дата нового приказа: 2026-06-01 или 01.06.2026"),
            Field("preamble", TextT(), doc="констатирующая часть: «В связи с …»"),
            Field("signatory", RefT(), doc="кто подписывает: идентификатор человека из справочника"),
            Field("control", Str(), doc="пункт о контроле: текст или self («… оставляю за собой»)"),
            Field("issuer", ListT(Str(), scalar_ok=True),
                  doc="строки наименования организации, если в плане нет приказа (план утвержден грифом approval:)"),
            Field("place", Str(), doc="место издания, если в плане нет приказа: г. Калининград"),
        ],
        lambda v, pos, fp: v,
        doc="Реквизиты приказа о внесении изменений.",
    )


def load_amend_yaml(path: Path) -> AmendData:
    from .load import load_file
    from .model import plain
    from .paths import display_path
    from .schema import ConvertContext

    report = Report()
    loaded = load_file(path, display_path(path))
    report.extend(loaded.report)
    values = _amend_schema().convert(loaded.root, ConvertContext(report)) if loaded.root is not None else None
    if values is None or report.has_errors:
        raise UserError(report.errors or report.sorted(), exit_code=1)
    signatory = values.get("signatory")
    preamble = values.get("preamble")
    return AmendData(values.get("number"), values.get("date"), plain(preamble) if preamble else None,
                     signatory.key if signatory else None, values.get("control"),
                     signatory.pos if signatory else None, values.get("issuer") or None, values.get("place"))


def parse_date(value: str) -> date | None:
    """``--date`` as the CLI reads it today; the CLI is to call :func:`orderforge.dates.date_option` instead."""
    from .dates import DateError
    from .dates import parse_date as read_date

    try:
        return read_date(value)
    except DateError:
        return None


# --------------------------------------------------------------------------- wording helpers


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


# --------------------------------------------------------------------------- checks before wording


def require_valid(side: Side) -> None:
    """A legal document is built only from a plan that validates, as ``build`` demands.

    The new version is what the amended plan will read like; an unknown
    responsible or an empty number would go into the order unnoticed.
    """
    from .paths import display_path
    from .validate import check_plan

    report = Report()
    report.extend(side.report)
    check_plan(replace(side.plan, source=str(side.path)), report)  # the style is looked up beside the working file
    if report.has_errors:
        hint = f"исправьте план и проверьте его: orderforge validate {display_path(side.path)}"
        errors = report.sorted()
        errors = [d for d in errors if d.severity == "error"] + [Diagnostic(
            "OF649", "error", "в новой версии плана есть ошибки — приказ о внесении изменений не собран",
            Pos(side.display), hint)]
        raise UserError(errors, exit_code=exit_code_for(errors))


def check_signatory(data: AmendData, plan: Plan) -> None:
    """``signatory:`` of amend.yaml must be a person of the plan's directory: else the signature is empty."""
    from .diagnostics import did_you_mean

    if not data.signatory or data.signatory in plan.directory.people:
        return
    where = data.signatory_pos or Pos("amend")
    people = [f"«{key}» ({person.short_name})" for key, person in plan.directory.people.items()]
    hint = did_you_mean(data.signatory, plan.directory.people) or (
        "возможно, имелось в виду: " + ", ".join(people[:5]) if people
        else f"добавьте человека в справочник {plan.directory.source}".strip())
    raise UserError(Diagnostic("OF202", "error", f"подписант «{data.signatory}» не найден среди людей справочника",
                               where, hint), exit_code=1)


_DATED = {"приказ": "датирован", "распоряжение": "датировано"}


def check_date(data: AmendData, old: Side) -> None:
    """An order cannot amend an order issued after it: a mistyped year, most often."""
    from .resolve import KIND_GENITIVE

    amended = amended_document(old.plan)
    if data.date is None or amended is None or data.date >= amended.date:
        return
    kind = amended.kind
    raise UserError.simple(
        "OF647", data.date.strftime("%d.%m.%Y"),
        f"{kind} о внесении изменений {_DATED.get(kind, 'датирован')} {data.date:%d.%m.%Y} — раньше изменяемого "
        f"{KIND_GENITIVE.get(kind, kind)} от {amended.date:%d.%m.%Y}",
        "проверьте дату: --date или date: в файле --order")


def reference_warnings(old: Side) -> list[Diagnostic]:
    """Without ``issuer_genitive`` the title would cite «приказ от … №» with no issuing body: say so."""
    order = old.plan.order
    if order is None or order.issuer_genitive:
        return []
    return [Diagnostic("OF648", "warning", "в изменяемом приказе не указан issuer_genitive — в заголовке и тексте "
                       "приказа о внесении изменений не будет названо, чей это приказ",
                       order.field_pos.get("issuer", order.pos),
                       "добавьте в order: issuer_genitive: «комитета по образованию …» (родительный падеж)")]


# --------------------------------------------------------------------------- the order


def _amended_or_error(result: PlanDiff) -> Amended:
    amended = amended_document(result.old.plan)
    if amended is None:
        raise UserError(Diagnostic(
            "OF643", "error", "в старой версии плана нет ни приказа, ни грифа утверждения с датой и номером — "
            "не на что ссылаться в документе о внесении изменений", Pos(result.old.display),
            "укажите date: и number: в order: или в approval: старой версии"), exit_code=1)
    return amended


def _frame(result: PlanDiff, data: AmendData) -> tuple[list[str], Ref | None, Order | None]:
    """Who issues and signs the amending document: amend.yaml, else the plan's order.

    A plan approved by a stamp (``approval:``) has no order to take the issuing
    body's lines and the signatory from: amend.yaml gives them.
    """
    order = result.new.plan.order or result.old.plan.order
    issuer = data.issuer or (order.issuer if order else [])
    signatory = Ref(data.signatory, data.signatory_pos or Pos(result.old.display)) if data.signatory \
        else (order.signatory if order else None)
    missing = [key for key, value in (("issuer:", issuer), ("signatory:", signatory)) if not value]
    if missing:
        raise UserError(Diagnostic(
            "OF643", "error", "план утвержден грифом (approval:), без текста приказа — в нём не сказано, "
            f"кто издаёт и подписывает документ о внесении изменений ({', '.join(missing)})",
            Pos(result.old.display), "укажите в файле --order amend.yaml: issuer: (наименование организации, "
            "как в шапке) и signatory: (идентификатор человека из справочника)"), exit_code=1)
    return issuer, signatory, order


def amend_context(result: PlanDiff, data: AmendData, style: Style) -> dict[str, Any]:
    """The render context: ``{"order": {…as resolve.order_context…}, "appendix": None}``."""
    from .resolve import fill, format_date, order_context

    amended = _amended_or_error(result)
    issuer, signatory, frame = _frame(result, data)
    kind = amended.kind
    reference = " ".join(x for x in (
        amended.issuer_genitive, "от " + format_date(amended.date, style.appendix_date_format),
        fill(style.number_format, {"number": amended.number}),
    ) if x)
    title = f"О внесении изменений в {kind} {reference}"
    clauses = amendment_clauses(result, style)
    head = (f"Внести в {plan_name(result.old.plan)}, утвержденный {KIND_INSTRUMENTAL.get(kind, kind)} {reference}, "
            f"следующие изменения:")
    preamble = data.preamble or DEFAULT_PREAMBLE.format(plan_genitive=plan_genitive(result.old.plan))
    where = Pos(result.old.display)
    old_control = result.old.plan.order.control if result.old.plan.order else None
    order = Order(
        kind=kind, issuer=issuer, issuer_genitive=amended.issuer_genitive, date=data.date, number=data.number,
        place=data.place or (frame.place if frame else None), title=[title], preamble=parse_text(preamble),
        operative=frame.operative if frame else None,
        points=[Point((Para(head),), [tuple(Para(p) for p in clause) for clause in clauses], "numbered", where)],
        control=data.control if data.control is not None else old_control,
        signatory=signatory, pos=where,
    )
    plan = replace(result.new.plan, order=order)
    return {"order": order_context(plan, style), "appendix": None}


def nothing_to_amend(result: PlanDiff, old_spec: str, new_spec: str) -> UserError:
    """OF644, after the OF642 warning when only the approving order's text changed: say why nothing is built."""
    warnings = order_warnings(result)
    if warnings:
        message = "изменился только текст приказа об утверждении, в самом Плане изменений нет — документ не собран"
        hint = "orderforge вносит изменения только в План; пункт об изменении текста приказа составьте вручную"
    else:
        message = "в напечатанном плане ничего не изменилось — вносить нечего"
        hint = f"сравните версии: orderforge diff {old_spec} {new_spec}"
    return UserError(warnings + [Diagnostic("OF644", "error", message, Pos(result.new.display), hint)], exit_code=1)


def default_output(new_spec: str, when: date) -> Path:
    from .gitio import parse_rev_path

    rev = None if Path(new_spec).is_file() else parse_rev_path(new_spec)
    stem = Path(rev.path).stem if rev else Path(new_spec).stem
    return OUTPUT_DIR / f"{stem}.amend-{when.isoformat()}.docx"


OUTPUT_SUFFIXES = (".docx", ".pdf")


def check_output(target: Path, force: bool) -> None:
    """Before any work: a name the document can be written under (a .docx under «.pdf» would not open)."""
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UserError.simple("OF650", str(target),
                               f"документ записывается в .docx или .pdf, а указано «{target.name}»",
                               f"укажите -o {target.with_suffix('.docx')} или -o {target.with_suffix('.pdf')}")
    if suffix == ".pdf":
        from .pdf import INSTALL_HINT, find_soffice

        if find_soffice() is None:
            raise UserError.simple("OF501", str(target), "LibreOffice не найден, PDF не создать",
                                   f"{INSTALL_HINT} — или запишите .docx: -o {target.with_suffix('.docx')}")
    if target.exists() and not force:
        raise UserError.simple("OF645", str(target), "файл уже существует",
                               "укажите другое имя (-o …) или добавьте --force, чтобы перезаписать его")


def write_document(target: Path, docx: bytes) -> None:
    """Atomically write the .docx, or the PDF made from it by LibreOffice (the .docx then is temporary)."""
    import tempfile

    from .write import write_atomic

    if target.suffix.lower() != ".pdf":
        write_atomic(target, docx)
        return
    from .pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="orderforge-amend-") as scratch:
        source = Path(scratch) / (target.stem + ".docx")
        source.write_bytes(docx)
        convert_to_pdf(source, target)


def build_amend(old_spec: str, new_spec: str, data: AmendData, output: Path | None = None,
                force: bool = False) -> AmendResult:
    """Compare, word, render and atomically write the amending order."""
    from .render import render_docx
    from .style import load_style

    if not data.number or data.date is None:
        missing = " и ".join(x for x, v in (("--number", data.number), ("--date", data.date)) if not v)
        raise UserError.simple("OF640", "amend", f"не указаны реквизиты нового приказа: {missing}",
                               "пример: --number ПД-КПО-150 --date 2026-06-01 (или файл --order amend.yaml)")
    target = output or default_output(new_spec, data.date)
    check_output(target, force)
    old = load_side(old_spec, directory=True)
    new = load_side(new_spec, directory=True)
    require_valid(new)
    check_signatory(data, new.plan)
    check_date(data, old)
    result = diff_plans(old, new)
    style = load_style(new.plan.style, new.path.resolve().parent)
    clauses = amendment_clauses(result, style)
    if not clauses:
        raise nothing_to_amend(result, old_spec, new_spec)
    template = style.folder / style.amend_template
    if not template.is_file():
        raise UserError.simple("OF641", str(template),
                               f"в стиле «{style.name}» нет шаблона приказа о внесении изменений "
                               f"({style.amend_template})",
                               f"положите шаблон Word {style.amend_template} (только приказ, без приложения) "
                               f"в папку стиля {style.folder}")
    docx = render_docx(amend_context(result, data, style), replace(style, template=style.amend_template))
    write_document(target, docx)
    return AmendResult(target, clauses, reference_warnings(old) + order_warnings(result))
