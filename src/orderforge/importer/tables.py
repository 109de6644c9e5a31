"""The plan table: found by the meaning of its header, joined from its parts, read row by row.

A header row names the plan columns by meaning in any order and wording
(:func:`column_role`); tables that repeat the header or continue with the same
width are joined into one (:func:`find_plan`), with headings typed between the
parts kept as rows. Each data row becomes a :class:`Row`: its cells by role,
vertically merged cells inherited, columns outside the format kept as extras.
The numbers written in cells are read by :mod:`.rownumbers`.
"""

from __future__ import annotations

import re

from ..diagnostics import UserError
from ..docxtext import Cell, Paragraph, Table
from ..lazyre import LazyPattern
from ..slotted import Slotted
from .docfile import _with_marker
from .imported import Number, _Reader
from .rownumbers import follows, parse_number, split_leading_number, text_number
from .text import _LINED, _key, _lines, clean, line_tuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .resolving import _Kept


def column_role(header: str) -> str | None:
    """The meaning of a header cell («Сроки исполнения» → deadline), None for an empty cell."""
    key = _key(header)
    if not key:
        return None
    if key in ("№", "n", "no", "nn", "№№") or "п/п" in key or "п.п" in key or key.startswith("№") \
            or key.startswith("номер"):
        return "number"
    if "срок" in key or key.startswith("дата") or key.startswith("период") or key.startswith("время"):
        return "deadline"
    if "ответствен" in key or "исполнител" in key:
        return "responsible"
    if "результат" in key or "отчетн" in key or key.startswith("итогов"):  # «Форма отчётности», «Отчётный документ»
        return "result"
    if ("мероприят" in key or "содержание" in key or "наименование" in key or "деятельност" in key
            or key.startswith("направлени") or (key.startswith("вид") and "работ" in key)):
        return "text"
    if "примечани" in key:
        return "note"
    return "extra"


class Header(Slotted):
    """A recognised header row: which grid column holds what."""

    __slots__ = ("grid", "names", "width", "signature")
    grid: dict[int, str]  # grid column → role
    names: dict[int, str]  # grid column → header text as written
    width: int
    signature: tuple[str, ...]  # normalised header texts, to spot repeats

    def __init__(self, grid: dict[int, str], names: dict[int, str], width: int, signature: tuple[str, ...]) -> None:
        self.grid, self.names, self.width, self.signature = grid, names, width, signature

    def roles(self) -> set[str]:
        return set(self.grid.values())


def _grid(row: list[Cell]) -> list[tuple[int, Cell]]:
    out, col = [], 0
    for cell in row:
        out.append((col, cell))
        col += max(cell.span, 1)
    return out


def _row_width(row: list[Cell]) -> int:
    return sum(max(c.span, 1) for c in row)


def header_of(row: list[Cell]) -> Header | None:
    grid: dict[int, str] = {}
    names: dict[int, str] = {}
    seen: set[str] = set()
    for col, cell in _grid(row):
        role = column_role(cell.text)
        if role is None:
            continue
        if role in seen and role not in ("extra", "note"):
            role = "extra"  # a second «Мероприятие» column: kept, but not as the text
        seen.add(role)
        for g in range(col, col + max(cell.span, 1)):
            grid[g] = role
        names[col] = clean(cell.text.replace("\n", " "))
    roles = set(grid.values())
    if "text" not in roles or len(roles & {"deadline", "responsible", "result"}) < 2:
        return None
    return Header(grid, names, _row_width(row), tuple(_key(c.text) for c in row))


def _is_column_numbers(row: list[Cell]) -> bool:
    """The row «1 | 2 | 3 | 4 | 5» that numbers the columns under a header."""
    texts: list[str] = []
    for cell in row:  # asked of every row: a cell that is not a number ends it
        text = clean(_text(cell))
        if text and not text.isdigit():
            return False
        if text:
            texts.append(text)
    return len(texts) >= 3 and [int(t) for t in texts] == list(range(int(texts[0]), int(texts[0]) + len(texts)))


class Row(Slotted):
    """A data row of the (joined) plan table, its cells by meaning."""

    __slots__ = ("table_no", "row_no", "cells", "inherited", "extras", "merged", "text_label", "label")
    table_no: int  # the table's number in the document (1-based)
    row_no: int  # the row's number in that table as Word shows it (1-based); 0 for a heading between tables
    cells: dict[str, list[str]]  # role → lines (the row's own content)
    inherited: dict[str, list[str]]  # role → lines of a vertically merged cell above
    extras: list[tuple[str, list[str], bool]]  # (header, lines, inherited) of columns outside the format
    merged: bool  # one cell across the table
    text_label: str  # a row number Word draws in the activity column («1.2.»), not part of the text
    label: str  # «строка 7» or «таблица 3, строка 7»

    def __init__(self, table_no: int, row_no: int, cells: dict[str, list[str]], inherited: dict[str, list[str]],
                 extras: list[tuple[str, list[str], bool]], merged: bool = False, text_label: str = "",
                 label: str = "") -> None:
        self.table_no, self.row_no, self.cells, self.inherited, self.extras = table_no, row_no, cells, inherited, extras
        self.merged, self.text_label, self.label = merged, text_label, label

    def get(self, role: str) -> list[str]:
        return self.cells.get(role) or self.inherited.get(role) or []

    def copy(self) -> Row:
        """A copy the structure may change (it moves a drawn number into the № cell) without changing
        the row a second reading of the same table gets."""
        return Row(self.table_no, self.row_no, {r: list(v) for r, v in self.cells.items()},
                   {r: list(v) for r, v in self.inherited.items()},
                   [(name, list(lines), inherited) for name, lines, inherited in self.extras],
                   self.merged, self.text_label, self.label)  # every field, by name

    @property
    def filled(self) -> set[str]:
        roles = {r for r, v in self.cells.items() if v}
        if self.extras and any(v for _, v, inherited in self.extras if not inherited):
            roles.add("extra")
        return roles


class PlanTable:
    """The plan table of one document, read once however many times the document is read.

    ``import`` without ``--style`` reads the document twice: once to make the committee's style,
    once with that style for the plan. Nothing in the table's reading depends on the style, so the
    second reading takes the rows of the first (shared: no reading changes them) and the notes it made.
    What the first reading built from the rows is kept here too, for the second: the responsible cells
    parsed (``cells``, see :func:`~.resolving.prepare_cells`) and the structure before anything was
    registered (``structures``, see :func:`~.resolving.read_structure`).
    """

    def __init__(self) -> None:
        self._found: tuple[list[int], Header, list[Row], list[str]] | None = None
        self._info: list[str] = []
        self.cells: dict[object, dict[tuple[str, ...], object]] = {}
        self.structures: dict[object, _Kept] = {}

    def find(self, reader: _Reader) -> tuple[list[int], Header, list[Row], list[str]]:
        """:func:`find_plan`, run on the first call only; later calls repeat its notes into ``reader``."""
        if self._found is None:
            before = len(reader.info)
            self._found = find_plan(reader)
            self._info = reader.info[before:]
        else:
            reader.info.extend(self._info)
        used, header, rows, title_rows = self._found
        # no reading changes a row (the structure puts a drawn number into a copy of its row:
        # tests/test_import_shortcuts.py checks the rows are left as read), so the rows are shared
        return list(used), header, list(rows), list(title_rows)


HEADER_SEARCH = 8  # rows scanned for the header: an approval stamp or a title is sometimes typed inside the table


def find_plan(reader: _Reader) -> tuple[list[int], Header, list[Row], list[str]]:
    """Block indexes of the plan table(s), the header, the rows of the joined table, title rows above the header."""
    tables = [i for i, b in enumerate(reader.blocks) if isinstance(b, Table)]
    number_of = {block_index: n for n, block_index in enumerate(tables, start=1)}
    first = _first_header(reader, tables)
    if first is None:
        raise UserError.simple(
            "IM003", reader.name, "в документе не найдена таблица плана мероприятий",
            "нужна таблица с заголовками колонок вроде «№ п/п», «Мероприятие», «Срок исполнения», "
            "«Ответственный», «Результат»", exit_code=1,
        )
    start, header_row, header = first
    table = reader.blocks[start]
    assert isinstance(table, Table)
    title_rows = [line for row in table.rows[:header_row] for c in row for p in c.paras for line in _lines(p)]
    used = [start]
    skip = header_row + 1
    if skip < len(table.rows) and _is_sub_header(table.rows[skip], table.rows[header_row]):
        skip += 1
    rows = _rows(table, header, skip, number_of[start])
    between: list[Paragraph] = []
    for index in range(start + 1, len(reader.blocks)):
        block = reader.blocks[index]
        if isinstance(block, Paragraph):
            between.append(block)
            continue
        joined = _continuation(block, header, between, _last_number(rows))
        if joined is None:
            break
        skip, headings = joined
        used.append(index)
        for text in headings:
            rows.append(Row(number_of[index], 0, {"text": [text]}, {}, [], merged=True))
        rows.extend(_rows(block, header, skip, number_of[index]))
        between = []
    _label_rows(rows, len(used) > 1)
    if len(used) > 1:
        numbers = ", ".join(str(number_of[i]) for i in used)
        reader.info.append(f"таблица плана собрана из {len(used)} частей (таблицы {numbers})")
    return used, header, rows, title_rows


def _first_header(reader: _Reader, tables: list[int]) -> tuple[int, int, Header] | None:
    """(block index, header row, header) of the first table with a plan header in its top rows, or None."""
    for index in tables:
        table = reader.blocks[index]
        assert isinstance(table, Table)
        found = next(((r, h) for r, h in ((r, header_of(row)) for r, row in enumerate(table.rows[:HEADER_SEARCH]))
                      if h is not None), None)
        if found is not None:
            return (index, found[0], found[1])
    return None


def _label_rows(rows: list[Row], several_tables: bool) -> None:
    """How warnings name a row: the table number only when the plan is joined from several tables."""
    for row in rows:
        if row.row_no == 0:
            row.label = "между частями таблицы"
        elif several_tables:
            row.label = f"таблица {row.table_no}, строка {row.row_no}"
        else:
            row.label = f"строка {row.row_no}"


def _continuation(table: Table, header: Header, between: list[Paragraph],
                  last: Number | None) -> tuple[int, list[str]] | None:
    """Whether a table continues the plan: (its first data row, headings found between) or None.

    A table that repeats the plan header continues it. A table of the same width
    without the header continues it only when its first rows read as plan rows —
    the numbering goes on from the plan's last number, or (in a plan without
    numbers) a deadline cell holds a deadline — so that a «№ | ФИО | Должность |
    Подпись» sign-off sheet after the plan is never taken for its last page.
    """
    headings: list[str] = []
    for paragraph in between:
        text = clean(paragraph.text)
        if not text or re.match(r"^(продолжение|окончание)( таблицы)?\b", text.lower()):
            continue
        number, _ = split_leading_number(text)
        if number is not None and number.depth <= 2 and len(text) < 250:
            headings.append(text)
            continue
        return None
    for r, row in enumerate(table.rows[:3]):
        found = header_of(row)
        if found is not None and found.roles() == header.roles():
            return r + 1, headings
    if not table.rows or _row_width(table.rows[0]) != header.width:
        return None
    for text in headings:  # «2. Раздел» typed between the parts: the numbering goes on from it
        last = split_leading_number(text)[0] or last
    return (0, headings) if _rows_continue(table, header, last) else None


def _rows_continue(table: Table, header: Header, last: Number | None) -> bool:
    """Whether the first rows of a header-less table read as rows of the plan (see :func:`_continuation`)."""
    from .text import cell_deadline

    rows = _rows(table, header, 0, 0)[:4]
    for row in rows:
        number = row_number(row)
        if number is not None:
            return last is not None and follows(last, number)
        when = " ".join(row.cells.get("deadline", []))
        if when:
            return last is None and cell_deadline(when).known
    return False


def row_number(row: Row) -> Number | None:
    """The number a row shows: in the number cell, or written at the start of its text («1.1. Анализ …»)."""
    number_lines = row.cells.get("number", [])
    if number_lines:
        return parse_number(number_lines[0]) or split_leading_number(" ".join(number_lines))[0]
    text = row.cells.get("text", [])
    return text_number(text[0])[0] if text else None


def _last_number(rows: list[Row]) -> Number | None:
    return next((n for n in (row_number(r) for r in reversed(rows)) if n is not None), None)


def _rows(table: Table, header: Header, skip: int, table_no: int) -> list[Row]:
    rows: list[Row] = []
    above: dict[int, Sequence[str]] = {}  # grid column → content of the cell a vertical merge continues
    roles = _column_roles(header) if FAST_ROWS else []
    for r, raw in enumerate(table.rows):
        plain = _plain_lines(raw) if len(raw) == len(roles) else None
        if plain is not None:  # the usual shape (:func:`_plain_lines`): read without the per-cell calls
            above.update(enumerate(plain))
            if not _skipped(raw, header, r, skip, table):
                rows.append(_plain_row(Row(table_no, r + 1, {}, {}, []), plain, roles, header))
            continue
        own: list[tuple[int, Cell, list[str], str]] = []
        col = 0
        for cell in raw:  # the cells by grid column (:func:`_grid`, written out: asked of every row)
            lines, label = _cell_lines(cell, header.grid.get(col) == "text")
            own.append((col, cell, lines, label))
            if cell.vmerge != "continue":
                above[col] = lines
            col += max(cell.span, 1)
        if _skipped(raw, header, r, skip, table):
            continue
        row = Row(table_no, r + 1, {}, {}, [])
        filled = [cell for _, cell, lines, _ in own if lines and cell.vmerge != "continue"]
        row.merged = len(filled) == 1 and filled[0].span >= max(2, header.width - 1)
        for col, cell, lines, label in own:
            _place_cell(row, header, col, cell, above.get(col, []) if cell.vmerge == "continue" else lines, label)
        rows.append(row)
    return rows


def _skipped(raw: list[Cell], header: Header, r: int, skip: int, table: Table) -> bool:
    """Not a data row: above the data, a header row Word repeats, the header typed again, «1 | 2 | 3»."""
    return r < skip or r in table.header_rows or _repeats_header(raw, header) or _is_column_numbers(raw)


#: Whether a row of the usual shape is read by :func:`_plain_row` (tests turn it off: the full path).
FAST_ROWS = True
_NO_LABEL = [""]  # Cell.labels of a one-paragraph cell outside any list


def _column_roles(header: Header) -> list[str]:
    """The role of each grid column of the header's width, as :func:`_place_cell` finds it."""
    grid = header.grid
    return [grid[col] if col in grid else grid[min(grid, key=lambda g: abs(g - col))] for col in range(header.width)]


def _plain_lines(raw: list[Cell]) -> list[tuple[str, ...]] | None:
    """Each cell's lines when no cell spans columns, continues a vertical merge or has a Word list label
    (as :func:`_cell_lines` reads them, once per distinct paragraph text); None for any other row."""
    found: list[tuple[str, ...]] = []
    lined = _LINED.get  # line_tuple's memo, asked first: no call for a paragraph met before
    for cell in raw:
        if cell.span > 1 or cell.vmerge == "continue" or (cell.labels != _NO_LABEL and any(cell.labels)):
            return None
        paras = cell.paras
        if len(paras) == 1:
            found.append(lined(paras[0]) or line_tuple(paras[0]))
        else:
            found.append(tuple(line for para in paras for line in line_tuple(para)))
    return found


def _plain_row(row: Row, plain: list[tuple[str, ...]], roles: list[str], header: Header) -> Row:
    """:func:`_place_cell` for a row of :func:`_plain_lines`, one grid column per cell: never merged,
    nothing inherited, no drawn number."""
    cells = row.cells
    for col, lines in enumerate(plain):
        role = roles[col]
        if role == "extra":
            row.extras.append((header.names.get(col, ""), list(lines), False))
        elif lines:
            value = [lines[0] if len(lines) == 1 else join_deadline_lines(lines)] if role == "deadline" else lines
            if role in cells:
                cells[role].extend(value)
            else:
                cells[role] = list(value)
    return row


def _repeats_header(row: list[Cell], header: Header) -> bool:
    """The header typed again inside the table; compared cell by cell, so a data row stops at its first cell."""
    signature = header.signature
    return len(row) == len(signature) and _key(_text(row[0])) == signature[0] and all(
        _key(_text(cell)) == key for cell, key in zip(row, signature, strict=True))


def _text(cell: Cell) -> str:
    """``cell.text``, without its generator for a cell of one paragraph (asked of every row)."""
    paras = cell.paras
    return paras[0] if len(paras) == 1 else cell.text


def _place_cell(row: Row, header: Header, col: int, cell: Cell, lines: Sequence[str], label: str | None) -> None:
    """Put one cell's lines under its column's role; a vertically merged cell's go to ``row.inherited``."""
    role = header.grid.get(col)
    if role is None:  # a row with more cells than the header: the nearest header column
        role = header.grid[min(header.grid, key=lambda g: abs(g - col))]
    target = row.inherited if cell.vmerge == "continue" else row.cells
    if role == "extra":
        if cell.vmerge != "continue" or lines:
            row.extras.append((header.names.get(col, ""), list(lines), cell.vmerge == "continue"))
        return
    if role == "text" and label and cell.vmerge != "continue":
        row.text_label = label
    if lines and role == "deadline":  # one string per column: «начало | окончание» become a range
        target.setdefault(role, []).append(join_deadline_lines(lines))
    elif lines:
        target.setdefault(role, []).extend(lines)


_ROW_LABEL = LazyPattern(r"^\d{1,3}(?:\.\d{1,3})*\.?$")


def _cell_lines(cell: Cell, text_column: bool) -> tuple[list[str], str]:
    """The cell's lines with Word's list labels in front, as a reader sees them; and, in the activity
    column, a row number Word draws there («1.2.» on the cell's only paragraph of that list), kept
    apart instead of glued onto the text (:func:`~.structure.build_structure` decides where it goes)."""
    if not any(cell.labels):  # no list paragraph (most cells): the lines of the paragraphs as written
        return [line for para in cell.paras for line in line_tuple(para)], ""
    labels = cell.labels or [""] * len(cell.paras)
    row_label = ""
    if text_column and cell.paras and _ROW_LABEL.match(labels[0]) \
            and sum(1 for ref in cell.nums if ref is not None and ref == cell.nums[0]) == 1:
        row_label = labels[0]
        labels = [""] + list(labels[1:])
    lines: list[str] = []
    for para, label in zip(cell.paras, labels, strict=False):
        lines.extend(_lines(_with_marker(para, label)))
    return lines, row_label


_JOINS_ON = LazyPattern(r"(?:[,;:–—-]|\b(?:до|в|во|с|со|по|на|течение|и|или|не|позднее))$", re.I)


def join_deadline_lines(lines: Sequence[str]) -> str:
    """The paragraphs of one deadline cell as one deadline: «август 2025 г.» / «январь 2026 г.» are
    two dates («август 2025 г., январь 2026 г.»); a line that ends in a comma, a dash or a preposition
    («в течение» / «года») goes on in the next one."""
    out = lines[0]
    for line in lines[1:]:
        out += " " + line if _JOINS_ON.search(out) or line[:1] in ",;)–—-" else ", " + line
    return out


def _is_sub_header(row: list[Cell], header_cells: list[Cell]) -> bool:
    """The second header row under a merged one («Сроки» over «начало | окончание»): every word in it
    stands under a header cell spanning several columns, and none of it is a number."""
    spanning = {g for col, cell in _grid(header_cells) if cell.span > 1 for g in range(col, col + cell.span)}
    filled = [(col, cell) for col, cell in _grid(row) if clean(cell.text) and cell.vmerge != "continue"]
    return bool(filled) and bool(spanning) and all(
        col in spanning and len(clean(cell.text)) < 40 and parse_number(cell.text) is None for col, cell in filled)
