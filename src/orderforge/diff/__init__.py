"""Compare two versions of a plan in plan terms: what happened to which activity.

A line-by-line diff of YAML tells a clerk nothing about the document: inserting
one activity renumbers all that follow, and a moved row shows as a deletion and
an insertion far apart. This module matches the activities of the two versions
and reports, with the numbers of both versions:

* an activity added, removed, moved to another section, or moved within its
  section («renumbered» — the clerk changed its place, not only its number);
* which of its fields (text, deadline, responsible, result, note, id) changed
  from what to what;
* changes of the order (title, points, …), of the plan (title, period,
  passport) and of sections (added, removed, retitled).

Numbers that change only because something was added, removed or moved
before an activity are not changes of that activity: they show as «(было N)»
next to its number and are listed in :attr:`PlanDiff.renumbering` (the
amending order needs them: «пункты 2.3–2.9 считать пунктами 2.4–2.10»). They
are still a change of the document — sections that swapped places
(:attr:`PlanDiff.section_renumbering`) likewise — so a diff with only new
numbers is not empty, and is shown in runs («2.1–2.9 → 3.1–3.9»).

Matching rules (in this order):

1. by ``id``: activities with the same id are the same activity (duplicate
   ids are paired in document order);
2. by text: among the rest, every old/new pair whose texts have a
   ``difflib`` ratio ≥ 0.6 is a candidate; the best pairs are taken first
   (ties: the pair whose positions are closer, then the earlier one). Two
   activities that both have ids, and different ones, are never paired.

Sections have no ids: they are matched by exact title, then by title
similarity (≥ 0.6), then by where most of their activities went.

The package: :mod:`.sides` (loading a version from a file or git),
:mod:`.result` (items, changes and their JSON form), :mod:`.match` (pairing
activities and sections), :mod:`.compare` (computing the changes) and
:mod:`.wording` (the changes in Russian for people). Import the names below
from ``orderforge.diff``.
"""

from __future__ import annotations

from ..lazyexports import lazy_exports

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs diff's start-up (issue 12)
    from .compare import deadline_str, diff_plans, diff_specs, field_value
    from .match import SIMILARITY, flatten, match_items, match_sections, similarity
    from .result import (
        ACTIVITY_FIELDS,
        APPROVAL_FIELD_RU,
        FIELD_RU,
        ORDER_FIELD_RU,
        PLAN_FIELD_RU,
        Change,
        FieldChange,
        Item,
        PlanDiff,
        SectionItem,
        number_runs,
        run_labels,
        text_str,
    )
    from .sides import Side, load_side
    from .wording import format_change, format_diff, fragment, quote

#: Each public name → the module of the package that defines it, imported on first use: ``new --from``
#: needs only :func:`text_str`, and importing the whole package (difflib, the wording) cost its warnings
#: as much as finding them.
_EXPORTS = {
    **dict.fromkeys(("deadline_str", "diff_plans", "diff_specs", "field_value"), ".compare"),
    **dict.fromkeys(("SIMILARITY", "flatten", "match_items", "match_sections", "similarity"), ".match"),
    **dict.fromkeys(("ACTIVITY_FIELDS", "APPROVAL_FIELD_RU", "FIELD_RU", "ORDER_FIELD_RU", "PLAN_FIELD_RU", "Change",
                     "FieldChange", "Item", "PlanDiff", "SectionItem", "number_runs", "run_labels", "text_str"),
                    ".result"),
    **dict.fromkeys(("Side", "load_side"), ".sides"),
    **dict.fromkeys(("format_change", "format_diff", "fragment", "quote"), ".wording"),
}

__all__ = [
    "ACTIVITY_FIELDS",
    "APPROVAL_FIELD_RU",
    "FIELD_RU",
    "ORDER_FIELD_RU",
    "PLAN_FIELD_RU",
    "SIMILARITY",
    "Change",
    "FieldChange",
    "Item",
    "PlanDiff",
    "SectionItem",
    "Side",
    "deadline_str",
    "diff_plans",
    "diff_specs",
    "field_value",
    "flatten",
    "format_change",
    "format_diff",
    "fragment",
    "load_side",
    "match_items",
    "match_sections",
    "number_runs",
    "quote",
    "run_labels",
    "similarity",
    "text_str",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals(), __all__)
