"""The plan format v1 and the directory format, as schema tables.

This module is the single source of truth for which keys exist, which are
required and what they mean: the validator, the JSON Schema (``orderforge
schema``) and the reference tables of docs/plan-format.md all come from here.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Pos
from .planmodel import (
    Activity,
    Approval,
    Directory,
    Order,
    Party,
    PassportEntry,
    Person,
    Plan,
    PlanBody,
    Point,
    Section,
)
from .schema import Block, Field, ListT, MapOf, OneOf
from .valuetypes import Bool, DateT, DeadlineT, Enum, Lines, PeriodT, RefT, Str, TextT

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

ORDER_KINDS = ("приказ", "распоряжение")
#: «утвержденный приказом …»: the kinds above in the instrumental case (resolve and amend both write it)
KIND_INSTRUMENTAL = {"приказ": "приказом", "распоряжение": "распоряжением"}
#: the same kinds in the genitive («номер и дата приказа»): resolve, amend and new --from write it
KIND_GENITIVE = {"приказ": "приказа", "распоряжение": "распоряжения"}
ID_PATTERN = r"[a-z0-9][a-z0-9_-]{0,39}"
ID_HINT = "идентификатор — латинские строчные буквы, цифры, «-» и «_», например working-group"


def _point(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Point:
    return Point(v.get("text") or (), v.get("items") or [], v.get("list") or "numbered", pos)


POINT = Block(
    "пункт приказа",
    [
        Field("text", TextT(), required=True, doc="текст пункта; номер ставится автоматически"),
        Field("items", ListT(TextT()), doc="подпункты; нумеруются 1), 2) или отмечаются тире"),
        Field("list", Enum(("numbered", "dash")), doc="вид подпунктов: numbered — 1), 2); dash — тире"),
    ],
    _point,
    shorthand="text",
    doc="Пункт распорядительной части: строка или словарь с подпунктами.",
)


def _order(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Order:
    return Order(
        kind=v.get("kind") or "приказ",
        issuer=v.get("issuer") or [],
        issuer_genitive=v.get("issuer_genitive"),
        date=v.get("date"),
        number=v.get("number"),
        place=v.get("place"),
        title=v.get("title") or [],
        preamble=v.get("preamble") or (),
        operative=v.get("operative"),
        points=v.get("points") or [],
        control=v.get("control"),
        signatory=v.get("signatory"),
        pos=pos,
        field_pos=fp,
    )


ORDER = Block(
    "order",
    [
        Field("kind", Enum(ORDER_KINDS), doc="вид документа: приказ или распоряжение (по умолчанию приказ)"),
        Field("issuer", ListT(Str(), scalar_ok=True), required=True,
              doc="строки наименования организации, сверху вниз"),
        Field("issuer_genitive", Str(),
              doc="организация в родительном падеже для отметки о приложении: «комитета по образованию …»"),
        Field("date", DateT(), required=True, doc="дата приказа: 2026-02-11 или 11.02.2026"),
        Field("number", Str(), required=True, doc="регистрационный номер приказа: ПД-КПО-113"),
        Field("place", Str(), doc="место издания: г. Калининград"),
        Field("title", Lines(), doc="заголовок к тексту: «Об утверждении …» (по ГОСТ Р 7.0.97-2025 обязателен); "
              "строки блока «|» — отдельные абзацы заголовка"),
        Field("preamble", TextT(), doc="констатирующая часть; абзацы — отдельными строками"),
        Field("operative", Str(), doc="распорядительное слово, если не как в стиле: ПРИКАЗЫВАЮ:"),
        Field("points", ListT(POINT), required=True, doc="пункты распорядительной части"),
        Field("control", Str(), doc="пункт о контроле: текст или self («… оставляю за собой»)"),
        Field("signatory", RefT(), required=True, doc="кто подписывает: идентификатор человека из справочника"),
    ],
    _order,
    doc="Приказ (распоряжение), которым утверждается план. Необязателен: план может быть самостоятельным.",
)


def _approval(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Approval:
    return Approval(v.get("kind") or "приказ", v.get("issuer_genitive") or "", v.get("date"), v.get("number"),
                    v.get("gender"), pos)


APPROVAL = Block(
    "approval",
    [
        Field("kind", Enum(ORDER_KINDS), doc="чем утвержден план: приказ или распоряжение"),
        Field("issuer_genitive", Str(), required=True, doc="кем: «комитета образования» (родительный падеж)"),
        Field("date", DateT(), required=True, doc="дата приказа (распоряжения) об утверждении"),
        Field("number", Str(), required=True, doc="его номер"),
        Field("gender", Enum(("m", "f", "n", "plural")),
              doc="род утверждаемого документа, если не угадывается по заголовку: m — План, f — Дорожная карта, n — "
              "Положение"),
    ],
    _approval,
    doc="Гриф утверждения («УТВЕРЖДЕН распоряжением … от … № …») вместо приложения к приказу.",
)


def _activity(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Activity:
    return Activity(
        id=v.get("id"),
        text=v.get("text") or (),
        deadline=v.get("deadline"),
        responsible=v.get("responsible") or [],
        result=v.get("result") or (),
        note=v.get("note"),
        pos=pos,
        field_pos=fp,
    )


ACTIVITY = Block(
    "мероприятие",
    [
        Field("id", Str(ID_PATTERN, ID_HINT), doc="постоянный идентификатор для сравнения версий: working-group"),
        Field("text", TextT(), required=True, doc="содержание мероприятия; может содержать абзацы и списки"),
        Field("deadline", DeadlineT(), doc="срок, как его пишут в документе: «апрель – май 2026 г.», «ежегодно»"),
        Field("responsible", ListT(RefT(), scalar_ok=True), doc="ответственные: коды и идентификаторы из справочника"),
        Field("result", TextT(), doc="ожидаемый результат"),
        Field("note", Str(), doc="примечание (в документ выводится, если в стиле есть такая колонка)"),
    ],
    _activity,
    doc="Мероприятие плана. Номер вычисляется автоматически.",
)


def _section(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Section:
    numbered = v.get("numbered")
    return Section(
        title=v.get("title") or "",
        numbered=True if numbered is None else numbered,
        activities=v.get("activities") or [],
        sections=v.get("sections") or [],
        pos=pos,
    )


SUBSECTION = Block(
    "подраздел",
    [
        Field("title", Str(), required=True, doc="заголовок подраздела"),
        Field("numbered", Bool(), doc="показывать ли номер в заголовке (да/нет; по умолчанию да)"),
        Field("activities", ListT(ACTIVITY), doc="мероприятия подраздела"),
    ],
    _section,
)

SECTION = Block(
    "раздел",
    [
        Field("title", Str(), required=True, doc="заголовок раздела"),
        Field("numbered", Bool(), doc="показывать ли номер в заголовке (да/нет; по умолчанию да)"),
        Field("activities", ListT(ACTIVITY), doc="мероприятия раздела"),
        Field("sections", ListT(SUBSECTION), doc="подразделы (ещё один уровень вложенности)"),
    ],
    _section,
)


def _passport(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> PassportEntry:
    return PassportEntry(v.get("label") or "", v.get("items") or [], pos)


PASSPORT = Block(
    "строка паспорта",
    [
        Field("label", Str(), required=True, doc="левая колонка: «Основания для разработки»"),
        Field("items", ListT(Str(), scalar_ok=True), required=True, doc="пункты правой колонки"),
    ],
    _passport,
)


def _body(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> PlanBody:
    return PlanBody(
        title=v.get("title") or [],
        period=v.get("period"),
        passport=v.get("passport") or [],
        activities=v.get("activities") or [],
        sections=v.get("sections") or [],
        pos=pos,
        field_pos=fp,
        activities_title=v.get("activities_title"),
    )


PLAN_BODY = Block(
    "plan",
    [
        Field("title", Lines(), required=True, doc="заголовок плана; каждая строка — отдельная строка заголовка"),
        Field("period", PeriodT(), doc="период плана: 2026-2028 или 2025-2026 учебный год"),
        Field("passport", ListT(PASSPORT), doc="паспорт плана: таблица «основания, задачи, результаты»"),
        Field("activities_title", Str(),
              doc="заголовок строкой таблицы над мероприятиями до первого раздела (без номера)"),
        Field("activities", ListT(ACTIVITY), doc="мероприятия до первого раздела"),
        Field("sections", ListT(SECTION), doc="разделы плана"),
    ],
    _body,
    doc="Сам план мероприятий (приложение к приказу).",
    first=("period",),  # deadlines are read in the period's terms (a school year), wherever the key stands
)


def _party(code: str, v: Any, pos: Pos) -> Party:
    return Party(code, v.get("name") or code, pos, v.get("forms") or {})


def _person(pid: str, v: Any, pos: Pos) -> Person:
    return Person(
        id=pid,
        surname=v.get("surname") or pid,
        name=v.get("name"),
        patronymic=v.get("patronymic"),
        initials=v.get("initials"),
        gender=v.get("gender"),
        position=v.get("position"),
        signature_position=v.get("signature_position"),
        pos=pos,
        forms=v.get("forms") or {},
        position_forms=v.get("position_forms") or {},
    )


CASE_KEYS = r"(nom|gen|dat|acc|ins|loc)(_plural)?"
CASE_HINT = "падеж: nom, gen, dat, acc, ins, loc (и dat_plural и т. п. для множественного числа)"


def _forms(doc: str) -> MapOf:
    return MapOf(Str(), lambda key, value, pos: value, CASE_KEYS, CASE_HINT, doc=doc)


PARTY = Block(
    "организация",
    [
        Field("name", Str(), required=True, doc="полное наименование в именительном падеже"),
        Field("forms", _forms(""), doc="готовые формы наименования по падежам, если склонение ошибается: dat: …"),
    ],
    lambda v, pos, fp: v,
    shorthand="name",
)

PERSON = Block(
    "человек",
    [
        Field("surname", Str(), required=True, doc="фамилия в именительном падеже"),
        Field("name", Str(), doc="имя"),
        Field("patronymic", Str(), doc="отчество"),
        Field("initials", Str(r"(?:[А-ЯЁA-Z]\.\s?){1,2}", "инициалы вида Т.М."),
              doc="инициалы, если полное имя неизвестно: Т.М."),
        Field("gender", Enum(("f", "m")), doc="пол (f или m), если нет отчества"),
        Field("position", Str(), doc="должность в именительном падеже"),
        Field("signature_position", Lines(), doc="должность в подписи, по строкам"),
        Field("forms", _forms(""), doc="фамилия по падежам, если склонение ошибается: dat: Алексейчуку"),
        Field("position_forms", _forms(""), doc="должность по падежам, если склонение ошибается: dat: …"),
    ],
    lambda v, pos, fp: v,
)


def _directory(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Directory:
    return Directory(v.get("parties") or {}, v.get("people") or {}, pos.file)


DIRECTORY = Block(
    "directory",
    [
        Field("parties", MapOf(PARTY, _party, r"\S+", "код — без пробелов: ЦОРП, ОУ"),
              doc="организации и подразделения: код → наименование"),
        Field("people", MapOf(PERSON, _person, ID_PATTERN, ID_HINT), doc="люди: идентификатор → ФИО и должность"),
    ],
    _directory,
    doc="Справочник ответственных: организации по кодам и люди.",
)


def _plan(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> dict[str, Any]:
    # The directory is resolved by validate (it may be a separate file), so the
    # plan is assembled there; here we only hand the converted parts on.
    return {"values": v, "pos": pos, "field_pos": fp}


PLAN = Block(
    "план",
    [
        Field("format", Enum(("1",)), doc="версия формата (1)"),
        Field("style", Str(r"[A-Za-z0-9._-]+", "имя стиля — имя папки в templates/"), required=True,
              doc="оформление (папка в templates/): kaliningrad-committee"),
        Field("directory", OneOf(Str(), DIRECTORY),
          doc="справочник: путь к файлу (относительно плана) или сам справочник; по умолчанию directory.yaml рядом"),
        Field("order", ORDER, doc="приказ, которым утверждается план"),
        Field("approval", APPROVAL, doc="гриф утверждения, если план утвержден без текста приказа"),
        Field("plan", PLAN_BODY, required=True, doc="план мероприятий"),
    ],
    _plan,
    doc="План мероприятий («Дорожная карта») orderforge, формат 1.",
)


def assemble(parts: dict[str, Any], directory: Directory, source: str, folder: Path | None = None) -> Plan:
    """Build the Plan from converted parts once the directory is known."""
    v = parts["values"]
    body = v.get("plan") or PlanBody([], None, [], [], [], parts["pos"])
    return Plan(
        style=v.get("style") or "",
        order=v.get("order"),
        plan=body,
        approval=v.get("approval"),
        directory=directory,
        source=source,
        pos=parts["pos"],
        field_pos=parts["field_pos"],
        folder=folder,
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, for editors (VS Code YAML extension etc.)."""
    schema = PLAN.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://orderforge.invalid/schema/plan-1.json"
    return schema


def directory_json_schema() -> dict[str, Any]:
    schema = DIRECTORY.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
