"""Deadlines («срок исполнения») as clerks write them.

A plan's deadline column is free Russian text: «Февраль 2026 г.», «апрель – май
2026 г.», «ежегодно, в июне и декабре», «по мере необходимости», «до 31.05.2026».
To check a deadline against the plan period, to print every deadline in one
house style and to roll a plan over to the next year, the text has to become a
structure — but a phrase that is not understood must never be lost, so it
becomes kind ``"free"`` (text kept, ``known`` is False) and the caller warns.

The parser is table driven: month names in three cases, a table of undated
phrases and a handful of regexes, tried in order (:data:`parse._PARSERS`). It works on
a *key* — the phrase lower-cased, whitespace-normalised, «ё» → «е», one trailing
«,»/«;»/«.» dropped — which has the same length as the normalised original, so
the clerk's own spelling of notes and phrases can be cut out of the original by
the same match positions.

Design decisions (documented here because callers depend on them):

* ``text`` is the clerk's phrase, whitespace-normalised. It drives
  ``capitalize="as_written"`` and ``year_suffix="as_written"``, and it is part
  of :meth:`Deadline.to_data` so that a structured deadline round-trips exactly.
  :func:`shift_deadline` regenerates it (the old text would name the old year).
* Plural year suffixes: «г.» → «гг.»; «года»/«год» → «годы» in a plain cell
  («2026–2027 годы») and «годов» after «в течение» («в течение 2026–2027
  годов»). A range of years has one form whatever ``range_dash`` is: an en
  dash without spaces («2026–2027 гг.»), as numeric ranges are set in Russian
  typography, so that a search for «2026–2027» finds every one of them.
* :meth:`Deadline.span` of «до …» is the single day the deadline falls on:
  «до 31.05.2026» → 31.05.2026; «до февраля 2022 года» → 01.02.2022 (the moment
  February begins); «до 2027 года» → 01.01.2027; «до конца 2026 года» →
  31.12.2026. Only the end point matters for the period check.
* A range whose start has no year takes the year of its end, or the year
  before when the months wrap («сентябрь – май 2027 г.» starts in September
  2026); it is then printed with both years, each with its suffix («сентябрь
  2026 г. – май 2027 г.»). In a list of months a year applies to the months
  before it that have none («январь, май 2026 г.»); a lone year after a comma
  is the month's own («Сентябрь, 2025» is September 2025). A day range names
  a shared month and year once: «с 1 по 10 сентября 2026 г.», «20–24.04.2027»
  (``compact``).
* The plan's period is context: ``parse_deadline(text, school_year=True)`` when
  it is a school year. A year then covers the months before it in the same
  *school* year («сентябрь, декабрь, март, май 2027» starts in September 2026),
  and «2026–2027» alone is that school year (``bare``); «2026–2027 гг.» stays
  two calendar years. validate passes the period through ``schema.ConvertContext.period``.
* A school year («2025-2026 учебный год», kind ``school_year``) spans
  1 September – 31 August, as a school-year plan period does; the slash and
  «уч.» are kept as written. A school term («III четверть», «2 четверть
  2025/2026 учебного года», kind ``term``) spans September – October,
  November – December, January – March or April – May of its school year:
  terms have no fixed dates, but a plan period begins on 1 January or
  1 September, so only the calendar year matters. Recurring phrases
  («ежеквартально», «1 раз в четверть», «по итогам четверти») are kind
  «phrase»: they name no year, so they are not checked and never move.
* A year, a quarter, a half-year or a school year may be governed:
  ``during`` («в течение I квартала 2026 года») or ``prepositional`` («в 2025
  году», «во II полугодии» — «во» before «2»/«II», read «во втором»).

The package, bottom up (each module imports only modules listed before it):
:mod:`.words` (month and phrase tables, the match key), :mod:`.value`
(:class:`Deadline`, :class:`DeadlineStyle`, span, ``to_data``), :mod:`.parse`,
:mod:`.render`, :mod:`.shift` and :mod:`.data` (``deadline_from_data``). Import
the names below from ``orderforge.deadline``; the submodules are its inside.
"""

from __future__ import annotations

from .data import deadline_from_data, deadline_json_schema
from .parse import deadline_problem, parse_deadline
from .render import render_deadline
from .shift import mentions_year, shift_deadline
from .value import KINDS, YEARS, Data, Deadline, DeadlineError, DeadlineStyle, MonthRef
from .words import AS_WRITTEN

__all__ = [
    "AS_WRITTEN",
    "KINDS",
    "Data",
    "Deadline",
    "DeadlineError",
    "DeadlineStyle",
    "MonthRef",
    "YEARS",
    "deadline_from_data",
    "deadline_json_schema",
    "deadline_problem",
    "mentions_year",
    "parse_deadline",
    "render_deadline",
    "shift_deadline",
]
