"""The plan table's rows, filled as text from row XML the template rendered once.

Why: rendering thousands of rows through docxtpl/Jinja and then re-parsing the
document with lxml cost most of a large build (issue 12). The house style stays
the one authority on what a row looks like: docxtpl renders the template with
four *marker rows* in place of the plan's rows — a section row, and activity
rows whose every cell has one, two and no paragraphs, each paragraph a unique
marker word. The widths are applied to that small document once, as before.
This module then cuts those four rendered rows into prototypes (:class:`RowShapes`),
fills them with the plan's escaped text per row, and splices the rows in place of
the markers, streaming them into the zip: what it produced is never parsed again,
and the whole document.xml is never held in memory at once.

A template for which this would not be exact — the row loop counts (``loop``) or
keeps state (``set``, ``namespace``), ``rows`` is used elsewhere, a marker is
transformed by a filter or printed in two tables, a row holds a picture — is
rendered the full way instead (render.py checks the template's Jinja tree first,
``_lean_source``; :func:`find_shapes` then refuses rows it cannot cut exactly).

The text is escaped as lxml would serialise it after the full path (``&``, ``<``,
``>``); an empty value, or one with characters docxtpl turns into markup (tab, line break, page
break, ``\\a``) or that XML cannot hold takes the full treatment for its row alone
(render.py's ``_normaliser``), so the output is the same byte for byte either way
(tests/test_tablerows.py compares both paths on hostile plans).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .lazyre import precompiled
from .slotted import FrozenSlotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on a build's start-up (issue 12): slotted.py says why
    from typing import Any

    from .context import CellContext, RowContext, TableContext

MARK = "ofrowmark"
HEADING = f"{MARK}hz"
NUMBER = f"{MARK}nz"


def para_marker(column: int, index: int) -> str:
    """The unique word that stands for paragraph ``index`` (1 or 2) of cell ``column``."""
    return f"{MARK}{column}x{index}z"


def marker_rows(table: TableContext) -> list[RowContext]:
    """Four rows for the template to render once: a section, then activities with 1, 2 and 0 paragraphs a cell."""
    columns = table["columns"]

    def activity(count: int) -> RowContext:
        cells: list[CellContext] = [
            {"paras": [para_marker(i, k) for k in range(1, count + 1)], "center": col["center"]}
            for i, col in enumerate(columns)
        ]
        return {"section": False, "heading": "", "cells": cells, "number": NUMBER}

    return [{"section": True, "heading": HEADING, "cells": [], "number": ""}, activity(1), activity(2), activity(0)]


def rows_fit(table: TableContext) -> bool:
    """Whether every row has one cell per column, centred as its column (the shapes are per column)."""
    centers = [c["center"] for c in table["columns"]]
    return all(row["section"] or [c["center"] for c in row["cells"]] == centers for row in table["rows"])


_ROW = precompiled(r"<w:tr[ >].*?</w:tr>", re.DOTALL)
_CELL = precompiled(r"<w:tc[ >].*?</w:tc>", re.DOTALL)
_PARA_START = precompiled(r"<w:p[ >]")


class Cell(FrozenSlotted):
    """One cell of an activity row: ``before`` + one ``para`` per paragraph + ``after``, or ``empty``."""

    __slots__ = ("before", "para", "after", "empty")
    before: str
    para: tuple[str, ...]  # the paragraph's XML split at its marker
    after: str
    empty: str

    def __init__(self, before: str, para: tuple[str, ...], after: str, empty: str) -> None:
        object.__setattr__(self, "before", before)
        object.__setattr__(self, "para", para)
        object.__setattr__(self, "after", after)
        object.__setattr__(self, "empty", empty)


class RowShapes(FrozenSlotted):
    """The rendered marker rows, cut into the parts a real row is made of."""

    __slots__ = ("start", "end", "section", "head", "cells", "tail", "numbered")
    start: int  # where the marker rows begin and end in document.xml
    end: int
    section: tuple[str, ...]  # the section row split at the heading marker
    head: str  # an activity row before its first cell, between cells (constant cells), after the last
    cells: tuple[Cell | str, ...]  # a str is a cell that shows no paragraph (constant)
    tail: str
    numbered: bool  # the activity row prints row.number

    def __init__(self, start: int, end: int, section: tuple[str, ...], head: str, cells: tuple[Cell | str, ...],
                 tail: str, numbered: bool) -> None:
        for name, value in (("start", start), ("end", end), ("section", section), ("head", head),
                            ("cells", cells), ("tail", tail), ("numbered", numbered)):
            object.__setattr__(self, name, value)

    def activity(self, row: RowContext) -> str:
        """One activity row; the plan's text is never searched for markers (a clerk may type anything)."""
        if not self.numbered:
            return self._plain_activity(row)
        mark = _numbered(escape(row.get("number", "")))
        out = [mark(self.head)]
        cells = iter(row["cells"])
        for shape in self.cells:
            if isinstance(shape, str):
                out.append(mark(shape))
                continue
            paras = next(cells)["paras"]
            if not paras:
                out.append(mark(shape.empty))
                continue
            out.append(mark(shape.before))
            parts = [mark(part) for part in shape.para]
            out.extend(escape(p).join(parts) for p in paras)
            out.append(mark(shape.after))
        out.append(mark(self.tail))
        return "".join(out)

    def _plain_activity(self, row: RowContext) -> str:
        """:meth:`activity` of a row that prints no number: the template's parts go in as they are, with no
        call per part (a 5,000-activity plan has 110,000 of them)."""
        out = [self.head]
        cells = iter(row["cells"])
        for shape in self.cells:
            if shape.__class__ is str:
                out.append(shape)
                continue
            paras = next(cells)["paras"]
            if not paras:
                out.append(shape.empty)  # type: ignore[union-attr]
                continue
            para = shape.para  # type: ignore[union-attr]
            out.append(shape.before)  # type: ignore[union-attr]
            out.extend(escape(p).join(para) for p in paras)
            out.append(shape.after)  # type: ignore[union-attr]
        out.append(self.tail)
        return "".join(out)


def _numbered(number: str) -> Any:
    return lambda text: text.replace(NUMBER, number)


def escape(text: str) -> str:
    """Text as lxml writes it: only ``&``, ``<`` and ``>`` escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def find_shapes(xml: str, ncols: int) -> RowShapes | None:
    """Cut the four rendered marker rows out of document.xml; None when the template did not render them plainly."""
    first = xml.find(HEADING)
    if first < 0 or xml.count(HEADING) != 1:
        return None
    start = max(xml.rfind("<w:tr>", 0, first), xml.rfind("<w:tr ", 0, first))
    rows = list(_ROW.finditer(xml, start))[:4]
    if len(rows) != 4 or rows[0].start() != start or any(a.end() != b.start() for a, b in pairwise(rows)):
        return None
    texts = [m.group() for m in rows]
    if MARK in xml[:start] or MARK in xml[rows[-1].end():] or any("<w:tbl" in t or "docPr" in t for t in texts):
        return None
    section = tuple(texts[0].split(HEADING))
    shapes = _activity_shapes(texts[1], texts[2], texts[3], ncols)
    if shapes is None or MARK in "".join(section):
        return None
    head, cells, tail = shapes
    return RowShapes(start, rows[-1].end(), section, head, cells, tail, NUMBER in texts[1])


def _activity_shapes(one: str, two: str, none: str, ncols: int) -> tuple[str, tuple[Cell | str, ...], str] | None:
    """Match the 1-, 2- and 0-paragraph rows cell by cell; None unless each is the other with paragraphs repeated."""
    split = [_split_cells(row) for row in (one, two, none)]
    if any(s is None for s in split):
        return None
    (head1, cells1, tail1), (head2, cells2, tail2), (head0, cells0, tail0) = split  # type: ignore[misc]
    if not (head1 == head2 == head0 and tail1 == tail2 == tail0 and len(cells1) == len(cells2) == len(cells0)):
        return None
    shapes: list[Cell | str] = []
    column = 0
    for c1, c2, c0 in zip(cells1, cells2, cells0, strict=True):
        if MARK not in c1.replace(NUMBER, ""):
            if not c1 == c2 == c0:
                return None
            shapes.append(c1)
            continue
        cell = _cell_shape(c1, c2, c0, column)
        if cell is None:
            return None
        shapes.append(cell)
        column += 1
    if column != ncols or MARK in (head1 + tail1).replace(NUMBER, ""):
        return None
    return head1, tuple(shapes), tail1


def _split_cells(row: str) -> tuple[str, list[str], str] | None:
    cells = list(_CELL.finditer(row))
    if not cells or any(a.end() != b.start() for a, b in pairwise(cells)):
        return None
    return row[:cells[0].start()], [m.group() for m in cells], row[cells[-1].end():]


def _cell_shape(one: str, two: str, none: str, column: int) -> Cell | None:
    first, second = para_marker(column, 1), para_marker(column, 2)
    at = one.find(first)
    if at < 0 or MARK in none.replace(NUMBER, ""):
        return None
    starts = [m.start() for m in _PARA_START.finditer(one, 0, at)]
    end = one.find("</w:p>", at)
    if not starts or end < 0:
        return None
    begin, end = starts[-1], end + len("</w:p>")
    para = one[begin:end]
    before, after = one[:begin], one[end:]
    if (MARK in (before + after).replace(NUMBER, "") or para.replace(first, "").replace(NUMBER, "").count(MARK)
            or two != before + para + para.replace(first, second) + after):
        return None
    return Cell(before, tuple(para.split(first)), after, none)


_SPECIAL = precompiled("[\t\n\r\x07\x0c\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _odd(text: str) -> bool:
    """Text that lxml would not write back as it is given: empty (``<w:t/>``), or with a character docxtpl
    turns into markup or XML cannot hold."""
    return not text or _SPECIAL.search(text) is not None


def fill(shapes: RowShapes, rows: list[RowContext], normalise: Any) -> Iterator[bytes]:
    """Every row of the plan as UTF-8 XML, one row at a time (the document is never held whole).
    ``normalise(xml)`` gives a row with odd text its full treatment."""
    for row in rows:
        if row["section"]:
            text = escape(row["heading"]).join(shapes.section)
            odd = _odd(row["heading"])
        else:
            text = shapes.activity(row)
            # _odd of every paragraph, in one search: the space that joins them is no character it looks for
            paras = [p for c in row["cells"] for p in c["paras"]]
            odd = "" in paras or _SPECIAL.search(" ".join(paras)) is not None or (
                shapes.numbered and _odd(row.get("number", "")))
        yield (normalise(text) if odd else text).encode("utf-8")


def spliced(xml: str, shapes: RowShapes, rows: Iterator[bytes]) -> Iterator[bytes]:
    """document.xml with the plan's rows in place of the marker rows, in pieces to be written as they come."""
    yield xml[:shapes.start].encode("utf-8")
    yield from rows
    yield xml[shapes.end:].encode("utf-8")
