"""``orderforge amend OLD NEW``: the order «О внесении изменений в приказ …» from two versions.

The changes come from :mod:`orderforge.diff`; :mod:`orderforge.amendwording` words them the way
amending orders are worded; this module checks the inputs and renders the order with the house style's
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

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .amendwording import amendment_clauses, order_warnings, plan_genitive, plan_name
from .context import Context
from .diagnostics import Diagnostic, Pos, Report, UserError, exit_code_for
from .diff import PlanDiff, Side, diff_plans, load_side
from .planmodel import Order, Para, Plan, Point, Ref, parse_text
from .plans import OUTPUT_DIR
from .slotted import replace as replace_fields
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
    from .paths import display_path
    from .planmodel import plain
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
    # the style is looked up beside the working file
    check_plan(replace_fields(side.plan, source=str(side.path)), report)
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


def amend_context(result: PlanDiff, data: AmendData, style: Style) -> Context:
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
    plan = replace_fields(result.new.plan, order=order)
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
    docx = render_docx(amend_context(result, data, style), replace_fields(style, template=style.amend_template))
    write_document(target, docx)
    return AmendResult(target, clauses, reference_warnings(old) + order_warnings(result))
