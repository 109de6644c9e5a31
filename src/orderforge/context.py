"""What a house-style template receives: the render context, field by field.

This is the seam between resolve (resolve.py and amend.py produce it) and render
(render.py, tablerows.py consume it); mypy checks both sides against these types,
and a template author reads here which names a template may use. Every str is
plain, final text — numbered, declined, typeset — that the template only places:
it is escaped on the way into the XML, so nothing a clerk wrote is ever run as
template code. A template only loops and branches.

The plan table (``appendix.table.rows``) is rendered once per row kind, with
marker rows (tablerows.py): a row's XML may depend on ``row.section``, its
column and how many paragraphs a cell has, but not on the text itself or on the
loop's counters (``loop.index``); a template that does so is rendered the slow
way, row by row, with the same result.

Example (template.docx, the appendix's plan table)::

    {%tr for row in appendix.table.rows %}
    {%tr if row.section %} {% colspan appendix.table.ncols %}{{ row.heading }}
    {%tr else %} {%tc for cell in row.cells %} {%p for para in cell.paras %}{{ para }} …
"""

from __future__ import annotations

from typing import TypedDict


class SignatureContext(TypedDict):
    position_lines: list[str]  # «Председатель комитета», one line each
    name: str  # «А.Е. Муха»


class OrderContext(TypedDict):
    """The order (приказ): the first part of template.docx, the whole of amend.docx."""

    issuer_lines: list[str]
    kind: str  # «П Р И К А З» or «ПРИКАЗ», as the style writes it
    date: str
    number: str
    place: str
    title_lines: list[str]
    preamble: list[str]  # paragraphs
    operative: str  # «ПРИКАЗЫВАЮ:»
    body: list[str]  # numbered points and their items, one paragraph each
    signature: SignatureContext


class PassportEntry(TypedDict):
    label: str
    items: list[str]


class ColumnContext(TypedDict):
    header: str
    center: bool


class CellContext(TypedDict):
    paras: list[str]  # the cell's paragraphs; empty for an empty cell
    center: bool  # the column's alignment


class RowContext(TypedDict):
    """A row of the plan table: a section heading (``section``) or an activity (``cells``, one per column)."""

    section: bool
    heading: str  # a section's «1. Организационные мероприятия»; "" for an activity
    cells: list[CellContext]  # [] for a section
    number: str  # an activity's «1.2.»; "" for a section


class TableContext(TypedDict):
    columns: list[ColumnContext]
    ncols: int
    rows: list[RowContext]


class AppendixContext(TypedDict):
    """The appendix: the plan (дорожная карта) itself."""

    corner_lines: list[str]  # the appendix mark («Приложение к приказу …») or the approval stamp
    title_lines: list[str]
    passport: list[PassportEntry]
    table: TableContext


class Context(TypedDict):
    """The whole context of a build (``appendix`` None for an amending order, ``order`` None for a plan alone)."""

    order: OrderContext | None
    appendix: AppendixContext | None
