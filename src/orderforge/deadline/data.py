"""Reading a deadline back from its structured form: :func:`deadline_from_data`.

The inverse of :meth:`Deadline.to_data`, for YAML written by hand: lenient
about spelling (a month «февраль», a flag «да»), strict about anything it
cannot understand, with a Russian message in a ValueError.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..lazyre import pattern_for
from ..slotted import replace
from .parse import _complete_range, _inherit_years, _int
from .render import render_deadline
from .value import (
    KINDS,
    Data,
    Deadline,
    DeadlineError,
    DeadlineStyle,
    MonthRef,
    _quoted,
    _unknown_kind,
    bad_year,
    year_error,
)
from .words import _MONTH_NO, _PART_GENITIVE, _PART_MAX, _PHRASE_WORDING, _match_phrase, _normalise, _source, _wording


class _Fields:
    """Reads one kind's fields from a mapping, with Russian messages for the clerk."""

    _YES_NO = {"yes": True, "да": True, "true": True, "no": False, "нет": False, "false": False}

    def __init__(self, data: Data, kind: str, allowed: tuple[str, ...], school_year: bool = False) -> None:
        unknown = [k for k in data if k not in ("kind", "text", *allowed)]
        if unknown:
            fields = ", ".join(allowed) or "только text"
            raise ValueError(f"поле «{unknown[0]}» не подходит к виду срока «{kind}»; допустимые поля: {fields}")
        self.data, self.kind = data, kind
        self.school_year = school_year  # the plan's period is a school year: months are read in its order

    def value(self, key: str, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise ValueError(f"у срока вида «{self.kind}» не указано поле «{key}»")
            return None
        if not isinstance(value, str):
            raise ValueError(f"поле «{key}» срока должно быть строкой, а не списком")
        return value.strip()

    def values(self, key: str, required: bool = True) -> list[str]:
        value = self.data.get(key)
        items = [value] if isinstance(value, str) else list(value or [])
        if not items and required:
            raise ValueError(f"у срока вида «{self.kind}» не указано поле «{key}» (список)")
        return [str(v).strip() for v in items]

    def choice(self, key: str, options: tuple[str, ...]) -> bool:
        """A two-way field (first option is the default); True for the second option."""
        return self.option(key, options) == options[1]

    def option(self, key: str, options: tuple[str, ...]) -> str:
        """One of ``options`` (the first is the default)."""
        value = self.value(key, required=False) or options[0]
        if value not in options:
            raise ValueError(f"поле «{key}» срока: «{value}» не подходит; допустимые: {_quoted(options)}")
        return value

    def flag(self, key: str) -> bool:
        value = (self.value(key, required=False) or "no").lower()
        if value not in self._YES_NO:
            raise ValueError(f"поле «{key}» срока: «{value}» не подходит; допустимые: «yes», «no»")
        return self._YES_NO[value]


def _data_month(value: str) -> MonthRef:
    """«2026-02», «02» or a month name in any case («февраль», «в феврале» without «в»)."""
    m = pattern_for(r"(?:(\d{4})-)?(\d{1,2})").fullmatch(value)
    if m and 1 <= int(m[2]) <= 12:
        return _int(m[1]), int(m[2])
    name = value.lower().replace("ё", "е")
    if name in _MONTH_NO:
        return None, _MONTH_NO[name]
    raise ValueError(f"месяц «{value}» не распознан: ожидается ГГГГ-ММ, ММ или название месяца")


def _data_year(value: str | None) -> int | None:
    if value is None:
        return None
    if not pattern_for(r"\d{4}").fullmatch(value):
        raise ValueError(f"год «{value}» не распознан: ожидаются четыре цифры")
    return int(value)


def _iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"дата «{value}» не распознана: ожидается ГГГГ-ММ-ДД, например 2026-05-31") from None


def _data_day(f: _Fields) -> dict[str, object]:
    return {"day": _iso_day(f.value("date") or ""), "numeric": not f.choice("format", ("numeric", "words"))}


def _from_until(f: _Fields) -> dict[str, object]:
    given = [key for key in ("date", "month", "year") if f.data.get(key)]
    if len(given) > 1:
        raise ValueError("у срока вида «until» укажите одно из полей date, month или year, но не несколько")
    words = {"not_later": f.flag("not_later"), "by": f.flag("by")}
    if words["not_later"] and words["by"]:
        raise ValueError("укажите либо not_later: yes («не позднее …»), либо by: yes («к …»), но не оба")
    if words["by"] and given != ["date"]:
        raise ValueError("«к …» (by: yes) пишется только перед датой: «к 1 сентября 2026 г.»")
    end = f.flag("end")
    if end and given != ["year"]:
        raise ValueError("end: yes («до конца …») пишется только с полем year: «до конца 2026 года»")
    if given == ["date"]:
        return {**_data_day(f), **words}
    if given == ["year"]:
        return {"year": _data_year(f.value("year")), "end": end, **words}
    return {"months": (_data_month(f.value("month") or ""),), **words}


def _from_dates(f: _Fields) -> dict[str, object]:
    first, last = _iso_day(f.value("from") or ""), _iso_day(f.value("to") or "")
    if first > last:
        raise ValueError(f"первый день ({first:%d.%m.%Y}) позже последнего ({last:%d.%m.%Y})")
    compact = f.flag("compact")
    if compact and (first.year, first.month) != (last.year, last.month):
        raise ValueError("compact: yes («с 1 по 10 сентября») — только для дней одного месяца")
    return {"day": first, "last_day": last, "numeric": not f.choice("format", ("numeric", "words")),
            "prepositions": f.flag("prepositions"), "compact": compact}


def _governed(f: _Fields) -> dict[str, object]:
    """«в течение …» (during) or «в …» (case: prepositional), never both."""
    during, prepositional = f.flag("during"), f.choice("case", ("nominative", "prepositional"))
    if during and prepositional:
        raise ValueError("укажите либо during: yes («в течение …»), либо case: prepositional («в …»), но не оба")
    return {"during": during, "prepositional": prepositional}


def _case(f: _Fields) -> dict[str, object]:
    return {"prepositional": f.choice("case", ("nominative", "prepositional"))}


def _from_months(f: _Fields) -> dict[str, object]:
    months = _inherit_years((_data_month(v) for v in f.values("months")), f.school_year)
    notes = [_normalise(n) for n in f.values("notes", required=False)] or [""] * len(months)
    if len(notes) != len(months):
        raise ValueError(f"примечаний ({len(notes)}) должно быть столько же, сколько месяцев ({len(months)})")
    if any("(" in n or ")" in n for n in notes):
        raise ValueError("примечание к месяцу не может содержать скобки")
    case = _case(f)
    if case["prepositional"] and any(notes):
        raise ValueError("примечания к месяцам пишутся без «в»: уберите case: prepositional или notes")
    return {"months": months, "notes": tuple(notes), **case}


def _from_range(f: _Fields) -> dict[str, object]:
    ends = _complete_range(_data_month(f.value("from") or ""), _data_month(f.value("to") or ""))
    if ends is None:
        raise ValueError("начало периода позже его конца")
    return {"months": ends, **_case(f)}


def _part_number(f: _Fields) -> dict[str, object]:
    """``part`` and how it is written: «1», «I» or «первое» (numeral: arabic, roman, words)."""
    value = f.value(f.kind) or ""
    limit = _PART_MAX[f.kind]
    if not pattern_for("[0-9]+").fullmatch(value) or not 1 <= int(value) <= limit:  # «²».isdigit(), int() refuses it
        raise ValueError(f"номер {_PART_GENITIVE[f.kind]} должен быть от 1 до {limit}, а не «{value}»")
    numeral = f.option("numeral", ("arabic", "roman", "words"))
    return {"part": int(value), "roman": numeral == "roman", "spelled": numeral == "words"}


def _from_part(f: _Fields) -> dict[str, object]:
    return {**_part_number(f), "year": _data_year(f.value("year", required=False)), **_governed(f)}


def _from_term(f: _Fields) -> dict[str, object]:
    """A school term; its year, when given, is a school year (from, to as for «school_year»)."""
    if f.value("from", required=False) is None:
        if any(f.data.get(k) for k in ("to", "separator", "short")):
            raise ValueError("у четверти без учебного года не указываются to, separator и short")
        return {**_part_number(f), **_governed(f)}
    return {**_part_number(f), **_from_school_year(f)}


def _from_years(f: _Fields) -> dict[str, object]:
    first, last = _data_year(f.value("from")), _data_year(f.value("to"))
    assert first is not None and last is not None
    if first >= last:
        raise ValueError(f"первый год ({first}) должен быть раньше последнего ({last})")
    return {"year": first, "last_year": last, **_governed(f)}


def _from_school_year(f: _Fields) -> dict[str, object]:
    """``to`` may be left out: a school year always ends the year after it starts."""
    first = _data_year(f.value("from"))
    assert first is not None
    last = _data_year(f.value("to", required=False)) or first + 1
    if last != first + 1:
        raise ValueError(f"учебный год начинается и кончается в соседние годы: {first}–{first + 1}, "
                         f"а не {first}–{last}")
    bare = {"bare": f.flag("bare")} if f.kind == "school_year" else {}
    return {"year": first, "last_year": last, "slash": f.choice("separator", ("dash", "slash")),
            "short": f.flag("short"), **_governed(f), **bare}


def _from_annual(f: _Fields) -> dict[str, object]:
    tail = f.value("tail", required=False)
    months = tuple(_data_month(v) for v in f.values("months", required=False))
    if tail and months:
        raise ValueError("у ежегодного срока укажите либо месяцы, либо tail, но не оба")
    if any(y is not None for y, _ in months):
        raise ValueError("у ежегодного срока месяцы указываются без года, например «06» или «июнь»")
    if tail:
        if not _match_phrase(_source(tail).key):
            raise ValueError(f"продолжение «{tail}» после «ежегодно» не распознано; пример: «по отдельному графику»")
        return {"wording": _wording(_normalise(tail)), "comma": f.flag("comma")}
    through = f.flag("range")
    if not months:
        if through:
            raise ValueError("range: yes у ежегодного срока — только с двумя месяцами: months: [09, 10]")
        return {}
    if through and len(months) != 2:
        raise ValueError(f"range: yes («сентябрь – октябрь ежегодно») — это два месяца, а указано {len(months)}")
    return {"months": months, "comma": f.flag("comma"),
            "months_first": f.choice("order", ("annual_first", "months_first")),
            "prepositional": f.choice("case", ("nominative", "prepositional")), "through": through}


def _from_phrase(f: _Fields) -> dict[str, object]:
    sub = f.value("phrase", required=False)
    wording = f.value("wording", required=sub is None)
    if sub is not None and sub not in _PHRASE_WORDING:
        raise ValueError(f"неизвестный вид фразы «{sub}»; допустимые: {', '.join(_PHRASE_WORDING)}")
    found = _match_phrase(_source(wording).key) if wording else sub
    if found is None or (sub is not None and found != sub):
        raise ValueError(f"формулировка «{wording}» не подходит к виду фразы «{sub}»")
    return {"phrase": found, "wording": _wording(_normalise(wording or _PHRASE_WORDING[found]))}


#: kind → (allowed fields, reader).
_FROM_DATA: dict[str, tuple[tuple[str, ...], Callable[[_Fields], dict[str, object]]]] = {
    "date": (("date", "format"), _data_day),
    "until": (("date", "format", "month", "year", "end", "not_later", "by"), _from_until),
    "dates": (("from", "to", "format", "prepositions", "compact"), _from_dates),
    "months": (("months", "notes", "case"), _from_months),
    "range": (("from", "to", "case"), _from_range),
    "half": (("half", "numeral", "year", "during", "case"), _from_part),
    "quarter": (("quarter", "numeral", "year", "during", "case"), _from_part),
    "term": (("term", "numeral", "from", "to", "during", "case", "separator", "short"), _from_term),
    "year": (("year", "during", "case"), lambda f: {"year": _data_year(f.value("year")), **_governed(f)}),
    "years": (("from", "to", "during", "case"), _from_years),
    "school_year": (("from", "to", "during", "case", "separator", "short", "bare"), _from_school_year),
    "annual": (("months", "order", "case", "comma", "tail", "range"), _from_annual),
    "phrase": (("phrase", "wording"), _from_phrase),
    "free": ((), lambda f: {}),
}


def deadline_from_data(data: Data, *, school_year: bool = False) -> Deadline:
    """Build a deadline from its structured form (:meth:`Deadline.to_data`).

    Lenient where a clerk writes the mapping by hand (a month may be «февраль»,
    a flag «да»), strict about anything it cannot understand: ValueError with a
    Russian message. Without ``text`` the text is the deadline's own rendering.
    ``school_year`` as for :func:`~orderforge.deadline.parse.parse_deadline`: months [12, 2027-01]
    in a school-year plan are December 2026 and January 2027.
    """
    kind = data.get("kind")
    if not kind:
        raise ValueError(f"не указан вид срока (kind); допустимые: {', '.join(KINDS)}")
    if not isinstance(kind, str) or kind.strip() not in _FROM_DATA:
        raise ValueError(_unknown_kind(kind))
    kind = kind.strip()
    allowed, reader = _FROM_DATA[kind]
    fields = _Fields(data, kind, allowed, school_year)
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError("поле «text» срока должно быть строкой, а не списком")
    if kind == "free" and not (text or "").strip():
        raise DeadlineError("у срока вида «free» не указано поле «text»",
                            "напишите срок так, как он будет напечатан, например text: по согласованию с министерством")
    d = Deadline(kind, _normalise(text or ""), **reader(fields))  # type: ignore[arg-type]
    year = bad_year(d)
    if year is not None:  # checked before rendering and before anyone asks for the span
        raise year_error(year)
    if text is None and kind != "free":
        d = replace(d, text=render_deadline(d, DeadlineStyle(capitalize="lower")))
    return d


# --------------------------------------------------------------------------- JSON Schema

_YEAR_VALUE: dict[str, object] = {"type": ["string", "integer"], "pattern": r"^\d{4}$"}
_MONTH_VALUE: dict[str, object] = {"type": ["string", "integer"]}
_DATE_VALUE: dict[str, object] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_FLAG_VALUE: dict[str, object] = {"enum": ["yes", "no", "да", "нет", "true", "false", True, False]}


def _enum(*values: object) -> dict[str, object]:
    return {"enum": list(values)}


#: field → (JSON Schema of its value, Russian description); «from»/«to» depend on the kind.
_FIELD_SCHEMA: dict[str, tuple[dict[str, object], str]] = {
    "text": ({"type": "string"}, "срок так, как он написан; без него — как его напечатает orderforge"),
    "date": (_DATE_VALUE, "дата: ГГГГ-ММ-ДД, например 2026-05-31"),
    "format": (_enum("numeric", "words"), "numeric — «31.05.2026», words — «31 мая 2026 г.»"),
    "month": (_MONTH_VALUE, "месяц: ГГГГ-ММ, ММ или название месяца"),
    "months": ({"anyOf": [{"type": "array", "items": _MONTH_VALUE}, _MONTH_VALUE]},
               "месяцы: ГГГГ-ММ, ММ или названия месяцев"),
    "notes": ({"type": "array", "items": {"type": "string"}}, "примечания в скобках, по одному на каждый месяц"),
    "half": (_enum("1", "2", 1, 2), "номер полугодия: 1 или 2"),
    "quarter": (_enum("1", "2", "3", "4", 1, 2, 3, 4), "номер квартала: от 1 до 4"),
    "numeral": (_enum("arabic", "roman", "words"),
                "номер: arabic — «1 полугодие», roman — «I полугодие», words — «первое полугодие»"),
    "term": (_enum("1", "2", "3", "4", 1, 2, 3, 4), "номер четверти: от 1 до 4"),
    "year": (_YEAR_VALUE, "год: ГГГГ; у срока «до …» — «до 2027 года»"),
    "end": (_FLAG_VALUE, "yes — «до конца 2026 года» (31 декабря) вместо «до 2026 года»"),
    "by": (_FLAG_VALUE, "yes — «к 1 сентября 2026 г.» вместо «до …»"),
    "compact": (_FLAG_VALUE, "yes — первый день только числом: «с 1 по 10 сентября 2026 г.», «20–24.04.2027»"),
    "bare": (_FLAG_VALUE, "yes — учебный год без слов «учебный год»: «2026–2027» в плане на учебный год"),
    "range": (_FLAG_VALUE, "yes — месяцы ежегодного срока как период: «сентябрь – октябрь ежегодно»"),
    "during": (_FLAG_VALUE, "yes — «в течение …»: «в течение 2026 года», «в течение I квартала»"),
    "case": (_enum("nominative", "prepositional"),
             "prepositional — с предлогом «в»: «в 2025 году», «в I квартале», «в мае 2026 года», «в июне»"),
    "order": (_enum("annual_first", "months_first"), "annual_first — «ежегодно, май», months_first — «май ежегодно»"),
    "comma": (_FLAG_VALUE, "yes — запятая после «ежегодно» или перед ним"),
    "tail": ({"type": "string"}, "продолжение после «ежегодно»: «по отдельному графику»"),
    "phrase": (_enum(*_PHRASE_WORDING), "вид срока без даты"),
    "wording": ({"type": "string"}, "формулировка срока без даты, как в документе"),
    "not_later": (_FLAG_VALUE, "yes — «не позднее …» вместо «до …»"),
    "prepositions": (_FLAG_VALUE, "yes — «с … по …» вместо тире"),
    "separator": (_enum("dash", "slash"), "между годами: dash — «2025–2026», slash — «2025/2026»"),
    "short": (_FLAG_VALUE, "yes — «уч. год» вместо «учебный год»"),
}
_FROM_TO_SCHEMA: dict[str, tuple[dict[str, object], str]] = {
    "range": (_MONTH_VALUE, "месяц: ГГГГ-ММ, ММ или название месяца"),
    "dates": (_DATE_VALUE, "день: ГГГГ-ММ-ДД"),
    "years": (_YEAR_VALUE, "год: ГГГГ"),
    "school_year": (_YEAR_VALUE, "год: ГГГГ; учебный год 2025–2026 — from: 2025, to: 2026 (to можно не писать)"),
    "term": (_YEAR_VALUE, "учебный год четверти: from: 2025, to: 2026 — «2 четверть 2025/2026 учебного года»"),
}
_KIND_DOC = {
    "date": "дата: «10.02.2026», «10 февраля 2026 г.»",
    "until": "до даты, месяца или года: «до 31.05.2026», «не позднее 15.03.2026», «к 1 сентября 2026 г.», "
             "«до февраля 2022 года», «до 2027 года», «до конца 2026 года»",
    "dates": "с даты по дату: «01.09.2025 – 30.09.2025», «с 01.09.2025 по 30.09.2025»",
    "months": "месяц или несколько месяцев: «Февраль 2026 г.», «Январь, май»",
    "range": "период месяцев: «апрель – май 2026 г.», «август – сентябрь»",
    "half": "полугодие: «1 полугодие 2026 года», «в течение II полугодия»",
    "quarter": "квартал: «IV квартал 2025 г.», «в течение I квартала 2026 года», «в I квартале»",
    "term": "четверть: «III четверть», «2 четверть 2025/2026 учебного года», «в течение второй четверти»",
    "year": "год: «2022 год», «в течение 2026 года», «в 2025 году»",
    "years": "годы: «2026–2027 гг.», «в течение 2026–2027 годов»",
    "school_year": "учебный год (1 сентября – 31 августа): «2025–2026 учебный год», "
                   "«в течение 2025/2026 учебного года»",
    "annual": "ежегодно: «ежегодно», «ежегодно, в июне и декабре», «Май, декабрь ежегодно»",
    "phrase": "без даты: «постоянно», «ежеквартально», «1 раз в четверть», «по итогам учебного года»",
    "free": "нераспознанный срок: печатается как написан (предупреждение OF205)",
}
_REQUIRED = {
    "date": ("date",), "dates": ("from", "to"), "months": ("months",), "range": ("from", "to"), "half": ("half",),
    "quarter": ("quarter",), "term": ("term",), "year": ("year",), "years": ("from", "to"), "school_year": ("from",),
    "free": ("text",),
}


def _field_schema(kind: str, key: str) -> dict[str, object]:
    value, doc = _FROM_TO_SCHEMA[kind] if key in ("from", "to") else _FIELD_SCHEMA[key]
    return {**value, "description": doc}


def _kind_schema(kind: str) -> dict[str, object]:
    allowed = _FROM_DATA[kind][0]
    properties = {"kind": {"const": kind}, **{k: _field_schema(kind, k) for k in ("text", *allowed)}}
    return {"type": "object", "title": f"срок «{kind}»", "description": _KIND_DOC[kind], "properties": properties,
            "required": ["kind", *_REQUIRED.get(kind, ())], "additionalProperties": False}


def deadline_json_schema() -> dict[str, list[dict[str, object]]]:
    """The structured form of every kind, for ``orderforge schema``: editors then check each field.

    Built from the same table :func:`deadline_from_data` reads, so a new kind
    or field cannot be accepted without also being documented.
    """
    return {"anyOf": [_kind_schema(kind) for kind in KINDS]}
