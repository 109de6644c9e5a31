"""``orderforge import``: an existing Word roadmap (.docx) → a plan in YAML and its directory.

A committee's previous roadmap usually exists only as a Word file, retyped every
year. Import reads it once (through :func:`orderforge.docxtext.read_blocks`) and
writes a plan that ``validate`` and ``build`` accept, so that from then on the
plan lives in YAML. Everything is heuristic, so everything uncertain is *said*:
each guess that may be wrong becomes a warning (``IMxxx``) with the table row,
and whatever cannot be read is written as a visible ``TODO`` value plus a YAML
comment — nothing is silently invented.

How the document is read (the limits are part of the design):

* **The plan table** is the table whose header row names the plan columns by
  meaning, not position: number («№ п/п»), activity («Мероприятие»,
  «Наименование мероприятия», «Содержание деятельности»), deadline («Срок…»),
  responsible («Ответственный», «…исполнители»), result («…результат…»); in any
  order. Other columns are kept as the activity ``note`` (and reported). Tables
  that repeat the header (a page-by-page paste) are joined; a following table of
  the same width only when its rows read as plan rows (the numbering goes on, or
  a deadline stands in the deadline column), so a sign-off sheet is not; header
  rows repeated inside the table (``tblHeader`` or a literal repeat), a second
  header row under a merged one and a column-number row «1 | 2 | 3 …» are skipped.
* **Structure**: a row merged across the table, or with text in only its first
  one or two cells, is a heading; its numbering depth («1.» section, «1.1.»
  subsection) places it. An unnumbered heading becomes ``numbered: нет``.
  Activities are placed by their own numbers; gaps, «2.8» vs «2.8.», missing
  section or subsection headers are warnings (the build renumbers anyway). A
  row with no number and text in cells that continue the previous row (a page
  break) is appended to the previous activity.
* **Cells**: deadlines go through :func:`orderforge.deadline.parse_deadline`
  (unknown phrases are kept as written, with a warning). Responsible cells are
  split into parties and people: «Фамилия И.О.» / «И.О. Фамилия» are people; a
  position after them («…, заместители директора») is theirs when its number
  agrees (one person — singular, several — plural; the plural is made singular
  by suffix rules, or left as found with a warning); short codes («КлО»,
  «ЦОРП») are party codes; other phrases are parties, split where a second
  nominative head noun starts («Управление образования методический кабинет»),
  and get an abbreviation as their code (reported). People get the transliterated
  surname as their id (voropaeva).
* **The order** around the table: kind (ПРИКАЗ, П Р И К А З, РАСПОРЯЖЕНИЕ),
  date («от «11» 02 2026 г.», «29» декабря 2023 года, 11.02.2026), number,
  place, title («О…»/«Об…»), preamble up to the operative word, points with
  «1)» / «–» sub-points, the control clause and the signatory (a two-cell
  signature table or the last lines). The appendix mark and an approval stamp
  («УТВЕРЖДЕН приказом … от … № …») are recognised and cross-checked.
* **Also**: a heading over the activities before the first section becomes
  ``activities_title``; people in the «grouped» form («…, заместитель
  директора Быков Ю.В., советник») are read group by group; names already in
  the directory are never split.

Codes. Errors (exit 1, or 2 for usage; nothing is written): IM001 file not
found or unreadable, IM002 not a .docx or damaged, IM003 no plan table, IM004
the plan exists (no ``--force``) or is not .yaml, IM005 unknown style, IM006 a
.doc/.odt/.rtf and no LibreOffice to convert it (exit 2), IM009 the style made from the document
exists already (without ``--style``, import makes the document's own style with
:mod:`orderforge.stylegen` and the plan uses it; named parties then get latin ids, not codes), IM007 more table rows
than :data:`~.docfile.MAX_ROWS` (refused before reading). Warnings: IM008 a
markup value no Word writes (read as its default), IM101 column outside the
format (kept as note), IM102 numbering gap or repeat, IM103 «2.8» vs «2.8.»,
IM104 missing section/subsection header (TODO title), IM105 activity placed away
from its number, IM106 page-break fragment joined / unnumbered rows, IM107 a
second heading over top-level activities (comment), IM108 a list number Word
draws before an activity's text dropped (the № cell has one), IM110 deadline not
recognised, IM120 plural position left as found, IM121 codes made up for
parties, IM122 id taken by another person, IM123 directory conflict (existing
entry kept), IM124 codes without a full name, IM130 part of the order not found
(TODO), IM131 approval stamp (written as ``approval:`` for a plan without an
order), IM133 a deadline outside the period the title names (the period written
is widened to the years of all deadlines), IM134 appendix mark disagrees with
the order, IM141 activity without text (TODO).

Word's own markup is read as Word shows it (:mod:`orderforge.docxtext`,
:mod:`orderforge.wordlists`): automatic list labels counted in document order,
no-break hyphens as «-», soft hyphens as nothing, tracked changes accepted.
Unnumbered section rows over activities numbered 1, 2, 3 (straight through or
again in each section) are sections; the period is the title's, or the span of
the deadlines. .doc/.odt/.rtf are converted by LibreOffice first.

The package, one module per responsibility: ``command`` (the import as a whole:
paths, style, directory, writing), ``docfile`` (opening the document, converting
.doc/.odt/.rtf, Word list labels), ``tables`` (finding and joining the plan
table, rows by meaning), ``structure`` (rows → sections and activities,
numbering checks, fragments), ``cells`` (responsible cells parsed),
``resolving`` (deadlines, responsible registered; the structure kept per table),
``order`` (the text before the table and the order in it), ``marks`` (appendix
mark, approval stamp), ``reading`` (one document → :class:`Imported`),
``directory`` (the registry and directory.yaml), ``output`` (the plan as a
tree), ``yamltext`` (that tree as YAML text, in fmt's layout, and the loader's tree of that text), ``summary`` (the
result, summary and JSON); ``imported`` and ``text`` are the data and text
helpers they share. This module only re-exports the public API.
"""

from __future__ import annotations

from .cells import parse_responsible, singular_position, split_party_names
from .command import DEFAULT_STYLE, import_docx
from .docfile import read_document
from .imported import Imported
from .reading import read_plan
from .summary import ImportResult, failure_json, result_json
from .tables import column_role
from .text import clean, slug, translit

__all__ = [
    "DEFAULT_STYLE", "ImportResult", "Imported", "clean", "column_role", "failure_json", "import_docx",
    "parse_responsible", "read_document", "read_plan", "result_json", "singular_position",
    "slug", "split_party_names", "translit",
]
