"""A table of the usual shape read in one pass (``import`` of a long plan spends most of its reading here).

:func:`~.docxtext._table_by_element` reads any table, but looks up each row, cell and paragraph on its
own: four lxml iterators (each setting up its tag matcher) for every one of a long table's cells.
Word writes nearly every table in one shape: rows ``w:tr`` directly in the table, cells ``w:tc``
directly in the rows, paragraphs ``w:p`` directly in the cells, text ``w:t`` in runs directly in the
paragraphs. For such a table, one walk over its elements in document order says which row, cell and
paragraph each belongs to: :func:`fast_table` makes that walk, asking each row, cell, paragraph and
text for its parent on the way (an XPath count of the usual places cost more than the walk saved).
Any other table (a nested table, a content control around a cell, a text box in a cell) is left to
the reference reading, and so is the whole body when it holds any tracked deletion. The lists are
counted and the notes written only after the walk, in the reference's order, through the reference's
own functions.
"""

from __future__ import annotations

from .docxtext import Cell, Table, W, _caption, _header_row, _new_cell, _para_text, _row_deleted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any

    from .docxtext import _Context

_TR, _TRPR, _TC, _TCPR, _P, _PPR, _T = (f"{W}{name}" for name in ("tr", "trPr", "tc", "tcPr", "p", "pPr", "t"))
_TAGS = (_TR, _TRPR, _TC, _TCPR, _P, _PPR, _T)
#: A row as the walk sees it: the w:tr and its cells, each (w:tc, its w:p, the w:t texts of each w:p).
if TYPE_CHECKING:
    _Row = tuple[Any, list[tuple[Any, list[Any], list[list[str]]]]]


def _walk(tbl: Any) -> tuple[list[_Row], set[Any], set[Any]] | None:
    """The rows; the rows, cells and paragraphs that have properties; the cells that have properties or a
    paragraph with properties. None when a row, cell, paragraph or text is not where the usual shape puts it
    (its parent is asked: ``getparent`` gives the proxy the walk holds, so identity says it).

    Properties may sit anywhere: one is only taken as a sign to look, and the reference's own look-ups
    (:func:`~.docxtext._new_cell`, :meth:`~.docxtext._Context.number`) then find them or not."""
    rows: list[_Row] = []
    props: set[Any] = set()
    rich: set[Any] = set()
    cells: list[tuple[Any, list[Any], list[list[str]]]] = []
    paras: list[Any] = []
    texts: list[str] = []
    para_texts: list[list[str]] = []
    tr = tc = p = None
    # the tags as locals: compared for every element of a long table
    t_tag, p_tag, tc_tag, tr_tag, ppr_tag, tcpr_tag, trpr_tag = _T, _P, _TC, _TR, _PPR, _TCPR, _TRPR
    for element in tbl.iter(*_TAGS):
        tag = element.tag
        if tag == t_tag:  # a text inside the table always has a parent (its run, or the table itself)
            if element.getparent().getparent() is not p or p is None:
                return None
            texts.append(element.text or "")
        elif tag == p_tag:
            if element.getparent() is not tc or tc is None:
                return None
            p, texts = element, []
            paras.append(element)
            para_texts.append(texts)
        elif tag == tc_tag:
            if element.getparent() is not tr or tr is None:
                return None
            tc, p, paras, para_texts = element, None, [], []
            cells.append((element, paras, para_texts))
        elif tag == tr_tag:
            if element.getparent() is not tbl:
                return None
            tr, tc, p, cells = element, None, None, []
            rows.append((element, cells))
        else:  # properties: of the paragraph, the cell or the row begun last
            props.add(p if tag == ppr_tag else tc if tag == tcpr_tag else tr)
            if tag != trpr_tag:
                rich.add(tc)
    return rows, props, rich


def fast_table(tbl: Any, ctx: _Context) -> Table | None:
    """The table as :func:`~.docxtext._table_by_element` reads it, or None when it is not of the usual shape
    (nothing counted or noted then). Only for a body without tracked deletions (``ctx.removals`` False)."""
    if ctx.special is None:
        return None
    walked = _walk(tbl)
    if walked is None:
        return None
    rows, props, rich = walked
    if ctx.special:  # a tab, a break or a hyphen element somewhere in the body: its cells read in full
        rich.update(tc for _, cells in rows for tc, paras, _ in cells if any(p in ctx.special for p in paras))
    table = Table(caption=_caption(tbl))
    for row_el, cells in rows:
        if row_el in props and _row_deleted(row_el):
            continue
        table.rows.append([_plain_cell(para_texts) if tc not in rich else _cell(tc, paras, para_texts, props, ctx)
                           for tc, paras, para_texts in cells])
        if row_el in props and _header_row(row_el):
            table.header_rows.add(len(table.rows) - 1)
    return table


def _plain_cell(para_texts: list[list[str]]) -> Cell:
    """A cell of a table with no properties on any cell or paragraph and no tab, break or hyphen element:
    what :func:`_cell` makes of it, without its look-ups."""
    if len(para_texts) == 1:  # the usual cell: one paragraph
        text = "".join(para_texts[0])
        return Cell([text], 1, "", [None], [""]) if text.strip() else Cell([], 1, "")
    cell = Cell([], 1, "")
    for texts in para_texts:
        text = "".join(texts)
        if text.strip():
            cell.paras.append(text)
            cell.nums.append(None)
            cell.labels.append("")
    return cell


def _cell(tc: Any, paras: list[Any], para_texts: list[list[str]], props: set[Any], ctx: _Context) -> Cell:
    """The cell as :func:`~.docxtext._cell` reads it (same notes and list counting, in the same order)."""
    cell = _new_cell(tc, ctx, tc not in props)
    special = ctx.special or set()
    for p, texts in zip(paras, para_texts, strict=True):
        text = _para_text(p, False) if p in special else "".join(texts)
        ref, label = ctx.number(p, text) if p in props else (None, "")
        if text.strip() or label:
            cell.paras.append(text)
            cell.nums.append(ref)
            cell.labels.append(label)
    return cell
