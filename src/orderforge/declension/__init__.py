"""Russian declension of people and positions for the text of an order.

A directory names every person and every body once, in the nominative; an order
needs them in other cases: «Отделу … (Алексейчук Ю.Я.) обеспечить» (dative),
«возложить на начальника управления … Гривусевич Г.В.» (accusative),
«Назначить … Петропавловскую Наталью Николаевну» (accusative, full name).

Positions and body names are inflected with pymorphy3 (the OpenCorpora
dictionary), but only up to and including the head noun: in «начальник отдела
образования» the genitive tail already has its case, and word-by-word inflection
would give the wrong «начальнику отделу». Two heads joined by a dash
(«Заместитель главы администрации – начальник Управления …») are inflected both.

People are inflected with pytrovich (why that port: :mod:`.people`).

Both libraries are imported lazily, on the first declension that needs them,
through cached loaders (``morphology.analyser``, ``people._names``): a plan that asks for no
oblique case never pays for loading a dictionary. Results are cached too.

Where the dictionary is wrong for the language of orders, the correction is a
rule here (:data:`_PREFERRED`, the indeclinable-surname rules) or, for one
person or body, an explicit override in the directory (``forms``), which always
wins.

The package, one module per responsibility:

- ``cases``: the case codes, name forms and the directory's explicit forms;
- ``morphology``: the lazy pymorphy3 analyser and the word-level rules (readings, agreement, inflection);
- ``phrase``: positions and body names up to their head noun, and the doubts validate reports about them;
- ``people``: surnames, names and patronymics, gender, and the warnings about names;
- ``groups``: people sharing a position, as an order lists them;
- ``listitems``: the first word of a list item after a colon;
- ``documents``: the form of «УТВЕРЖДЕН» an approved document's title takes.
"""

from __future__ import annotations

from ..typography import upper_first
from .cases import CASE_RU, CASES, FORMS
from .documents import document_form
from .groups import people_groups, position_with_names, responsible_lines
from .listitems import lower_common_start
from .people import decline_name, decline_surname, gender_of, initials_of, name_problems
from .phrase import decline_phrase, phrase_doubts, unknown_words

__all__ = [
    "CASES", "CASE_RU", "FORMS", "decline_phrase", "decline_name", "decline_surname", "gender_of",
    "responsible_lines", "people_groups", "position_with_names", "initials_of", "name_problems",
    "unknown_words", "upper_first", "document_form", "lower_common_start", "phrase_doubts",
]
