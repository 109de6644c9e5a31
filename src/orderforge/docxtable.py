"""A table of the usual shape read in one pass (``import`` of a long plan spends most of its reading here).

:func:`~.docxtext._table_by_element` reads any table, but looks up each row, cell and paragraph on its
own: four lxml iterators (each setting up its tag matcher) for every one of a long table's cells.
Word writes nearly every table in one shape: rows ``w:tr`` directly in the table, cells ``w:tc``
directly in the rows, paragraphs ``w:p`` directly in the cells, text ``w:t`` in runs directly in the
paragraphs. For such a table, one walk over its elements in document order says which row, cell and
paragraph each belongs to: :func:`fast_table` makes that walk and then checks, with one XPath count,
that every such element it saw sits where the usual shape puts it. Any other table (a nested table,
a content control, a hyperlink or a text box in a cell, tracked changes) is left to the reference
reading, and so is the whole body when it holds any tracked deletion. The lists are counted and the
notes written only after the check, in the reference's order, through the reference's own functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .docxtext import Cell, Table, W, _caption, _header_row, _new_cell, _para_text, _row_deleted

if TYPE_CHECKING:
    from .docxtext import _Context

_TR, _TRPR, _TC, _TCPR, _P, _PPR, _T = (f"{W}{name}" for name in ("tr", "trPr", "tc", "tcPr", "p", "pPr", "t"))
_TAGS = (_TR, _TRPR, _TC, _TCPR, _P, _PPR, _T)
#: The XPath counting the elements of :data:`_TAGS` in their usual places (the places do not overlap, so the
#: counts add up; a union would be sorted in document order, ~25 times slower), compiled once.
_USUAL: Any = None


def _usual_count() -> Any:
    global _USUAL
    if _USUAL is None:
        from lxml import etree

        _USUAL = etree.XPath(
            "count(w:tr) + count(w:tr/w:trPr) + count(w:tr/w:tc) + count(w:tr/w:tc/w:tcPr) + count(w:tr/w:tc/w:p)"
            " + count(w:tr/w:tc/w:p/w:pPr) + count(w:tr/w:tc/w:p/w:r/w:t)", namespaces={"w": W[1:-1]})
    return _USUAL


#: A row as the walk sees it: the w:tr and its cells, each (w:tc, its w:p, the w:t texts of each w:p).
_Row = tuple[Any, list[tuple[Any, list[Any], list[list[str]]]]]


def _walk(tbl: Any) -> tuple[int, list[_Row], set[Any], set[Any]]:
    """Elements of :data:`_TAGS` seen, the rows, the rows, cells and paragraphs that have properties, and
    the cells that have properties or a paragraph with properties.

    Each element is taken as belonging to the last row, cell or paragraph begun before it: true of every
    element when all sit in their usual places (:func:`fast_table` checks that after the walk, so the walk
    itself checks nothing; an element before its owner only lands in a throwaway list)."""
    rows: list[_Row] = []
    props: set[Any] = set()
    cells: list[tuple[Any, list[Any], list[list[str]]]] = []
    paras: list[Any] = []
    texts: list[str] = []
    para_texts: list[list[str]] = []
    tr = tc = p = None
    rich: set[Any] = set()
    seen = 0
    for seen, element in enumerate(tbl.iter(*_TAGS), start=1):  # noqa: B007 - the count is the last index
        tag = element.tag
        if tag == _T:
            texts.append(element.text or "")
        elif tag == _P:
            p, texts = element, []
            paras.append(element)
            para_texts.append(texts)
        elif tag == _TC:
            tc, p, paras, para_texts = element, None, [], []
            cells.append((element, paras, para_texts))
        elif tag == _TR:
            tr, tc, p, cells = element, None, None, []
            rows.append((element, cells))
        else:  # properties: of the paragraph, the cell or the row begun last
            props.add(p if tag == _PPR else tc if tag == _TCPR else tr)
            if tag != _TRPR:
                rich.add(tc)
    return seen, rows, props, rich


def fast_table(tbl: Any, ctx: _Context) -> Table | None:
    """The table as :func:`~.docxtext._table_by_element` reads it, or None when it is not of the usual shape
    (nothing counted or noted then). Only for a body without tracked deletions (``ctx.removals`` False)."""
    if ctx.special is None:
        return None
    seen, rows, props, rich = _walk(tbl)
    if _usual_count()(tbl) != seen:
        return None
    table = Table(caption=_caption(tbl))
    if ctx.special:  # a tab, a break or a hyphen element somewhere in the body: its cells read in full
        rich.update(tc for _, cells in rows for tc, paras, _ in cells if any(p in ctx.special for p in paras))
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
