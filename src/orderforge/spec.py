"""The plan format v1 and the directory format, as schema tables.

This module is the single source of truth for which keys exist, which are
required and what they mean: the validator, the JSON Schema (``orderforge
schema``) and the reference tables of docs/plan-format.md all come from here.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Pos
from .model import (
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
from .schema import (
    Bool,
    DateT,
    DeadlineT,
    Enum,
    F,
    Lines,
    ListT,
    MapOf,
    Obj,
    OneOf,
    PeriodT,
    RefT,
    Str,
    TextT,
)

ORDER_KINDS = ("приказ", "распоряжение")
#: «утвержденный приказом …»: the kinds above in the instrumental case (resolve and amend both write it)
KIND_INSTRUMENTAL = {"приказ": "приказом", "распоряжение": "распоряжением"}
ID_PATTERN = r"[a-z0-9][a-z0-9_-]{0,39}"
ID_HINT = "идентификатор — латинские строчные буквы, цифры, «-» и «_», например working-group"


def _point(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Point:
    return Point(v.get("text") or (), v.get("items") or [], v.get("list") or "numbered", pos)


POINT = Obj(
    "пункт приказа",
    [
        F("text", TextT(), True, "текст пункта; номер ставится автоматически"),
        F("items", ListT(TextT()), False, "подпункты; нумеруются 1), 2) или отмечаются тире"),
        F("list", Enum(("numbered", "dash")), False, "вид подпунктов: numbered — 1), 2); dash — тире"),
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


ORDER = Obj(
    "order",
    [
        F("kind", Enum(ORDER_KINDS), False, "вид документа: приказ или распоряжение (по умолчанию приказ)"),
        F("issuer", ListT(Str(), scalar_ok=True), True, "строки наименования организации, сверху вниз"),
        F("issuer_genitive", Str(), False,
          "организация в родительном падеже для отметки о приложении: «комитета по образованию …»"),
        F("date", DateT(), True, "дата приказа: 2026-02-11 или 11.02.2026"),
        F("number", Str(), True, "регистрационный номер приказа: ПД-КПО-113"),
        F("place", Str(), False, "место издания: г. Калининград"),
        F("title", Lines(), False, "заголовок к тексту: «Об утверждении …» (по ГОСТ Р 7.0.97-2025 обязателен); "
          "строки блока «|» — отдельные абзацы заголовка"),
        F("preamble", TextT(), False, "констатирующая часть; абзацы — отдельными строками"),
        F("operative", Str(), False, "распорядительное слово, если не как в стиле: ПРИКАЗЫВАЮ:"),
        F("points", ListT(POINT), True, "пункты распорядительной части"),
        F("control", Str(), False, "пункт о контроле: текст или self («… оставляю за собой»)"),
        F("signatory", RefT(), True, "кто подписывает: идентификатор человека из справочника"),
    ],
    _order,
    doc="Приказ (распоряжение), которым утверждается план. Необязателен: план может быть самостоятельным.",
)


def _approval(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Approval:
    return Approval(v.get("kind") or "приказ", v.get("issuer_genitive") or "", v.get("date"), v.get("number"),
                    v.get("gender"), pos)


APPROVAL = Obj(
    "approval",
    [
        F("kind", Enum(ORDER_KINDS), False, "чем утвержден план: приказ или распоряжение"),
        F("issuer_genitive", Str(), True, "кем: «комитета образования» (родительный падеж)"),
        F("date", DateT(), True, "дата приказа (распоряжения) об утверждении"),
        F("number", Str(), True, "его номер"),
        F("gender", Enum(("m", "f", "n", "plural")), False,
          "род утверждаемого документа, если не угадывается по заголовку: m — План, f — Дорожная карта, n — Положение"),
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


ACTIVITY = Obj(
    "мероприятие",
    [
        F("id", Str(ID_PATTERN, ID_HINT), False, "постоянный идентификатор для сравнения версий: working-group"),
        F("text", TextT(), True, "содержание мероприятия; может содержать абзацы и списки"),
        F("deadline", DeadlineT(), False, "срок, как его пишут в документе: «апрель – май 2026 г.», «ежегодно»"),
        F("responsible", ListT(RefT(), scalar_ok=True), False, "ответственные: коды и идентификаторы из справочника"),
        F("result", TextT(), False, "ожидаемый результат"),
        F("note", Str(), False, "примечание (в документ выводится, если в стиле есть такая колонка)"),
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


SUBSECTION = Obj(
    "подраздел",
    [
        F("title", Str(), True, "заголовок подраздела"),
        F("numbered", Bool(), False, "показывать ли номер в заголовке (да/нет; по умолчанию да)"),
        F("activities", ListT(ACTIVITY), False, "мероприятия подраздела"),
    ],
    _section,
)

SECTION = Obj(
    "раздел",
    [
        F("title", Str(), True, "заголовок раздела"),
        F("numbered", Bool(), False, "показывать ли номер в заголовке (да/нет; по умолчанию да)"),
        F("activities", ListT(ACTIVITY), False, "мероприятия раздела"),
        F("sections", ListT(SUBSECTION), False, "подразделы (ещё один уровень вложенности)"),
    ],
    _section,
)


def _passport(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> PassportEntry:
    return PassportEntry(v.get("label") or "", v.get("items") or [], pos)


PASSPORT = Obj(
    "строка паспорта",
    [
        F("label", Str(), True, "левая колонка: «Основания для разработки»"),
        F("items", ListT(Str(), scalar_ok=True), True, "пункты правой колонки"),
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


PLAN_BODY = Obj(
    "plan",
    [
        F("title", Lines(), True, "заголовок плана; каждая строка — отдельная строка заголовка"),
        F("period", PeriodT(), False, "период плана: 2026-2028 или 2025-2026 учебный год"),
        F("passport", ListT(PASSPORT), False, "паспорт плана: таблица «основания, задачи, результаты»"),
        F("activities_title", Str(), False,
          "заголовок строкой таблицы над мероприятиями до первого раздела (без номера)"),
        F("activities", ListT(ACTIVITY), False, "мероприятия до первого раздела"),
        F("sections", ListT(SECTION), False, "разделы плана"),
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


PARTY = Obj(
    "организация",
    [
        F("name", Str(), True, "полное наименование в именительном падеже"),
        F("forms", _forms(""), False, "готовые формы наименования по падежам, если склонение ошибается: dat: …"),
    ],
    lambda v, pos, fp: v,
    shorthand="name",
)

PERSON = Obj(
    "человек",
    [
        F("surname", Str(), True, "фамилия в именительном падеже"),
        F("name", Str(), False, "имя"),
        F("patronymic", Str(), False, "отчество"),
        F("initials", Str(r"(?:[А-ЯЁA-Z]\.\s?){1,2}", "инициалы вида Т.М."), False,
          "инициалы, если полное имя неизвестно: Т.М."),
        F("gender", Enum(("f", "m")), False, "пол (f или m), если нет отчества"),
        F("position", Str(), False, "должность в именительном падеже"),
        F("signature_position", Lines(), False, "должность в подписи, по строкам"),
        F("forms", _forms(""), False, "фамилия по падежам, если склонение ошибается: dat: Алексейчуку"),
        F("position_forms", _forms(""), False, "должность по падежам, если склонение ошибается: dat: …"),
    ],
    lambda v, pos, fp: v,
)


def _directory(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Directory:
    return Directory(v.get("parties") or {}, v.get("people") or {}, pos.file)


DIRECTORY = Obj(
    "directory",
    [
        F("parties", MapOf(PARTY, _party, r"\S+", "код — без пробелов: ЦОРП, ОУ"), False,
          "организации и подразделения: код → наименование"),
        F("people", MapOf(PERSON, _person, ID_PATTERN, ID_HINT), False, "люди: идентификатор → ФИО и должность"),
    ],
    _directory,
    doc="Справочник ответственных: организации по кодам и люди.",
)


def _plan(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> dict[str, Any]:
    # The directory is resolved by validate (it may be a separate file), so the
    # plan is assembled there; here we only hand the converted parts on.
    return {"values": v, "pos": pos, "field_pos": fp}


PLAN = Obj(
    "план",
    [
        F("format", Enum(("1",)), False, "версия формата (1)"),
        F("style", Str(r"[A-Za-z0-9._-]+", "имя стиля — имя папки в templates/"), True,
          "оформление (папка в templates/): kaliningrad-committee"),
        F("directory", OneOf(Str(), DIRECTORY), False,
          "справочник: путь к файлу (относительно плана) или сам справочник; по умолчанию directory.yaml рядом"),
        F("order", ORDER, False, "приказ, которым утверждается план"),
        F("approval", APPROVAL, False, "гриф утверждения, если план утвержден без текста приказа"),
        F("plan", PLAN_BODY, True, "план мероприятий"),
    ],
    _plan,
    doc="План мероприятий («Дорожная карта») orderforge, формат 1.",
)


def assemble(parts: dict[str, Any], directory: Directory, source: str) -> Plan:
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
