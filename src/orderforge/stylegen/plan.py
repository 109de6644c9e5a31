"""The appendix part: mark or stamp, plan title, passport and the plan table, as template elements.

The plan table is found by the importer's own rule (:func:`orderforge.importer.tables.header_of`),
so the table a style is made from is the table import reads. Its header row, one
section row and one activity row become docxtpl's column and row loops, each
keeping the properties Word gave it (borders, shading, fonts, alignment, the
repeated header row); what the columns are — order, header words, widths,
centring — is written to style.yaml, where orderforge applies it at build time.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from ..docxtext import Cell
from ..importer.order import _APPENDIX, _NUMBER_SIGN, _STAMP
from ..importer.tables import Header, column_role, header_of
from ..importer.text import _key, clean
from ..lazyre import pattern_for
from ..slotted import Slotted
from .ooxml import (
    TWIPS_PER_MM,
    Element,
    cell,
    cell_at,
    cell_width,
    clean_tcpr,
    copy_para,
    effective_jc,
    make,
    number_attr,
    para_text,
    q,
    row,
    set_jc,
    span_of,
    tag_para,
    tag_row,
    text_run,
    trpr_without_header,
    with_span,
)
from .order import date_pattern

ROLE_KEYS = {"number": "number", "text": "text", "deadline": "deadline", "responsible": "responsible",
             "result": "result", "note": "note", "extra": "note"}
SAMPLE_ROWS = 60  # rows under the header searched for a section row and an activity row to copy
SPAN = 3  # the template grid: tc-loop start, the prototype cell, tc-loop end (as tools/make_template.py)


class ColumnFacts(Slotted):
    __slots__ = ("key", "header", "width_mm", "center")
    key: str
    header: str
    width_mm: float
    center: bool

    def __init__(self, key: str, header: str, width_mm: float, center: bool) -> None:
        self.key, self.header, self.width_mm, self.center = key, header, width_mm, center


class PlanFacts(Slotted):
    """What the appendix says about the house style, for style.yaml (not a dataclass: see Derived)."""

    __slots__ = ("columns", "trailing_dot", "repeat_header", "mark", "stamp", "appendix_date_format", "notes")
    columns: list[ColumnFacts]
    trailing_dot: bool
    repeat_header: bool
    mark: list[str] | None
    stamp: list[str] | None
    appendix_date_format: str
    notes: list[tuple[str, str]]

    def __init__(self, columns: list[ColumnFacts] | None = None, trailing_dot: bool = True,
                 repeat_header: bool = False, mark: list[str] | None = None, stamp: list[str] | None = None,
                 appendix_date_format: str = "", notes: list[tuple[str, str]] | None = None) -> None:
        self.columns = [] if columns is None else columns
        self.trailing_dot, self.repeat_header, self.mark, self.stamp = trailing_dot, repeat_header, mark, stamp
        self.appendix_date_format, self.notes = appendix_date_format, [] if notes is None else notes


def row_cells(tr: Element) -> list[Cell]:
    """A row's cells as the importer sees them (text per paragraph, horizontal span)."""
    out = []
    for tc in tr.findall(q("tc")):
        out.append(Cell([para_text(p) for p in tc.findall(q("p"))], span_of(tc)))
    return out


def find_plan_table(elements: list[Element]) -> tuple[int, int, Header] | None:
    """(element index, header row index, header) of the first table whose header names plan columns."""
    for index, element in enumerate(elements):
        if element.tag != q("tbl"):
            continue
        for r, tr in enumerate(element.findall(q("tr"))[:8]):
            header = header_of(row_cells(tr))
            if header is not None:
                return index, r, header
    return None


# -- marks and stamps


def mark_wording(lines: list[str], kind: str, order_number: str = "", literal: bool = False) -> tuple[list[str], str]:
    """The mark's lines as style.yaml templates, and the date format they use.

    «Приложение к приказу» / «комитета по образованию» / «от 11.02.2026 г. № 113» →
    «Приложение к {kind_dative}» / «{issuer_genitive}» / «от {date} {number}», «{dd}.{mm}.{yyyy} г.».
    """
    out: list[str] = []
    date_format = ""
    genitive_placed = False
    verb = r"\bк\s+(?:приказу|распоряжению|постановлению)\b" if kind == "appendix" else \
        r"\b(?:приказом|распоряжением|постановлением)\b"
    for n, line in enumerate(lines):
        text = line
        if kind == "stamp" and n == 0 and _STAMP.match(text) and not text.upper().startswith("УТВЕРЖДАЮ") \
                and not literal:
            text = _STAMP.sub("{approved}", text, count=1)
        for number in _NUMBER_SIGN.finditer(text):  # «Приложение № 1» numbers the appendix, not the order
            if not order_number or number.group(1) == order_number:
                text = text[: number.start()] + "{number}" + text[number.end():]
                break
        date = date_pattern(text)
        if date is not None:
            pattern, (start, end) = date
            prefix = "от " if pattern.lower().startswith("от ") else ""
            date_format = pattern[len(prefix):]
            text = text[:start] + prefix + "{date}" + text[end:]
        m = pattern_for(verb, re.I).search(text)
        if m is not None:
            word = "{kind_dative}" if kind == "appendix" else m.group(0) if literal else "{kind_instrumental}"
            rest = text[m.end():]
            cut = pattern_for(r"(?:^|\s)(?:от\b|\{date\}|\{number\})").search(rest)
            genitive = rest[: cut.start()] if cut else rest
            tail = rest[cut.start():] if cut else ""
            if clean(genitive):
                genitive_placed = True
                rest = " {issuer_genitive}" + tail
            text = text[: m.start()] + ("к " if kind == "appendix" else "") + word + rest
        elif n > 0 and "{" not in text:
            if genitive_placed:
                continue  # the genitive broken over two lines: one field holds it
            genitive_placed = True
            text = "{issuer_genitive}"
        out.append(clean(text))
    return out, date_format


# -- the appendix


class AppendixPart:
    """The elements between the order (or the top of a bare plan) and the end of the body."""

    def __init__(self, elements: list[Element], plan_index: int, header_row: int, header: Header,
                 title: list[str], first_number: int, alignments: dict[str, str] | None = None,
                 order_number: str = "") -> None:
        self.elements = elements
        self.order_number = order_number
        self.alignments = alignments or {}
        self.plan_index = plan_index
        self.header_row = header_row
        self.header = header
        self.title_keys = {_key(t) for t in title}
        self.facts = PlanFacts()
        self.first_number = first_number

    def build(self) -> list[Element]:
        out: list[Element] = []
        number = self.first_number
        mark: list[str] = []
        mark_kind = ""
        title_done = False
        mark_done = False
        for element in self.elements[: self.plan_index]:
            if element.tag == q("tbl"):
                out.extend(self._passport(element))
                title_done = False  # the plan title may stand again between the passport and the plan
                continue
            if element.tag != q("p"):
                continue
            number += 1
            raw = para_text(element)
            text = clean(raw)
            if not text or element.find(f"{q('pPr')}/{q('sectPr')}") is not None:
                out.append(element)  # spacing, or a section break with its page settings
                continue
            if not mark_done and (_APPENDIX.match(text) or _STAMP.match(text)) and not mark:
                mark_kind = "appendix" if _APPENDIX.match(text) else "stamp"
                mark.append(text)
                out.extend(self._corner_loop(element))
                continue
            if mark and not mark_done and not self._is_title(raw):
                mark.append(text)
                continue
            mark_done = bool(mark)
            if self._is_title(raw):
                if not title_done:
                    out.extend(self._title_loop(element))
                    title_done = True
                continue
            self.facts.notes.append((f"абзац {number}", f"«{text[:60]}» над таблицей плана не распознан: "
                                     "в стиль не перенесён"))
        self._mark(mark, mark_kind, out)
        if not title_done:
            out.extend(self._default_title())
        if out and out[-1].tag == q("p") and "{%p endif %}" in para_text(out[-1]):
            out.insert(len(out) - 1, make("p"))  # two tables in a row would merge into one: keep them apart
        out.append(self._plan_table(self.elements[self.plan_index]))
        out.append(make("p", None, make("pPr", None, make("spacing", {"before": "0", "after": "0"}))))
        self._after_table(number)
        return out

    def _mark(self, mark: list[str], kind: str, out: list[Element]) -> None:
        """The mark's wording into the style; no mark in the document: a default block, for plans that need one."""
        if not mark:
            out[0:0] = self._default_corner()
            return
        # with an order, a stamp is printed as the order's mark (resolve.corner_lines): its words literal
        literal = bool(self.order_number) and kind == "stamp"
        wording, date_format = mark_wording(mark, kind, self.order_number, literal)
        setattr(self.facts, "mark" if kind == "appendix" or literal else "stamp", wording)
        self.facts.appendix_date_format = date_format

    def _after_table(self, number: int) -> None:
        """Text after the plan table (an executor's name, a phone) belongs to one document: reported, left out."""
        rest = self.elements[self.plan_index + 1:]
        tables = [i for i, element in enumerate(rest) if element.tag == q("tbl")]
        # a plan split over several tables (import joins them, the template has one): only what follows the last
        start = tables[-1] + 1 if tables else 0
        number += sum(1 for element in rest[:start] if element.tag == q("p"))
        for element in rest[start:]:
            number += 1
            text = clean(para_text(element))
            if text:
                self.facts.notes.append((f"абзац {number}", f"«{text[:60]}» после таблицы плана: в стиль не "
                                         "перенесён"))

    def _is_title(self, raw: str) -> bool:
        """Every line of the paragraph is a line of the plan's title (a title may hold line breaks)."""
        lines = [line for line in raw.split("\n") if clean(line)]
        return bool(lines) and all(_key(line) in self.title_keys for line in lines)

    @staticmethod
    def _corner_loop(p: Element) -> list[Element]:
        return [tag_para("{%p for line in appendix.corner_lines %}", p), copy_para(p, "{{ line }}"),
                tag_para("{%p endfor %}", p)]

    @staticmethod
    def _title_loop(p: Element) -> list[Element]:
        return [tag_para("{%p for line in appendix.title_lines %}", p), copy_para(p, "{{ line }}"),
                tag_para("{%p endfor %}", p)]

    @staticmethod
    def _default_corner() -> list[Element]:
        """A mark the document did not have (a plan in this style may still need one): ГОСТ's block at the right."""
        p = make("p", None, make("pPr", None, make("ind", {"left": "9000"})), *text_run("{{ line }}", None))
        return [tag_para("{%p for line in appendix.corner_lines %}"), p, tag_para("{%p endfor %}")]

    def _default_title(self) -> list[Element]:
        self.facts.notes.append(("заголовок плана", "заголовок плана над таблицей не найден: он будет напечатан "
                                 "по центру полужирным"))
        p = make("p", None, make("pPr", None, make("jc", {"val": "center"})),
                 *text_run("{{ line }}", make("rPr", None, make("b"))))
        return [tag_para("{%p for line in appendix.title_lines %}"), p, tag_para("{%p endfor %}")]

    # -- passport

    def _passport(self, table: Element) -> list[Element]:
        """A two-column table «Основания для разработки | – …» before the plan: a loop over the plan's passport."""
        rows = table.findall(q("tr"))
        if len(rows) < 2 or any(len(tr.findall(q("tc"))) != 2 for tr in rows):
            self.facts.notes.append(("таблица над планом", "таблица над таблицей плана не похожа на паспорт "
                                     "(две колонки): в стиль не перенесена"))
            return []
        proto = rows[0]
        label_tc, items_tc = proto.findall(q("tc"))
        label_p = label_tc.find(q("p"))
        items_p = next((p for p in items_tc.findall(q("p")) if clean(para_text(p))), items_tc.find(q("p")))
        for tc in (label_tc, items_tc):
            for p in tc.findall(q("p")):
                tc.remove(p)
        label_tc.append(copy_para(label_p, "{{ entry.label }}"))
        for p in (tag_para("{%p for item in entry['items'] %}", items_p), copy_para(items_p, "{{ item }}"),
                  tag_para("{%p endfor %}", items_p)):
            items_tc.append(p)
        for tr in rows:
            table.remove(tr)
        table.append(tag_row("{%tr for entry in appendix.passport %}", 2, label_p))
        table.append(proto)
        table.append(tag_row("{%tr endfor %}", 2, label_p))
        return [tag_para("{%p if appendix.passport %}", label_p), table, tag_para("{%p endif %}", label_p)]

    # -- the plan table

    def _plan_table(self, table: Element) -> Element:
        rows = table.findall(q("tr"))
        header_tr = rows[self.header_row]
        sample = rows[self.header_row + 1:self.header_row + 1 + SAMPLE_ROWS]  # prototypes are near the top
        data = (tr for tr in sample if not _is_column_numbers(tr) and header_of(row_cells(tr)) is None)
        section_tr, activity_tr = _prototypes(data)  # the rows read up to the prototypes only
        grid = [number_attr(g, "w", 0) for g in table.findall(f"{q('tblGrid')}/{q('gridCol')}")]
        self._columns(header_tr, activity_tr, grid)
        self.facts.repeat_header = header_tr.find(f"{q('trPr')}/{q('tblHeader')}") is not None
        new = table  # this part's own copy: its rows are taken out, the prototypes stay readable
        for tr in rows:
            new.remove(tr)
        self._fit_grid(new)
        _caption(new)
        text_col = next((c for c, r in self.header.grid.items() if r == "text"), 0)
        new.append(self._header_row(header_tr, text_col, "{{ col.header }}"))
        numbers_tr = next((tr for tr in rows[self.header_row + 1:self.header_row + 3] if _is_column_numbers(tr)), None)
        if numbers_tr is not None:  # «1 | 2 | 3 …» under the header, as many as the style has columns
            new.append(self._header_row(numbers_tr, text_col, "{{ loop.index }}"))
        new.append(tag_row("{%tr for row in appendix.table.rows %}", SPAN))
        new.append(tag_row("{%tr if row.section %}", SPAN))
        new.append(self._section_row(section_tr, activity_tr, text_col))
        new.append(tag_row("{%tr else %}", SPAN))
        new.append(self._activity_row(activity_tr if activity_tr is not None else header_tr, text_col))
        new.append(tag_row("{%tr endif %}", SPAN))
        new.append(tag_row("{%tr endfor %}", SPAN))
        return new

    def _columns(self, header_tr: Element, activity: Element | None, grid: list[int]) -> None:
        """Column order, header words, widths (mm, from the grid) and centring (from the first activity)."""
        used: set[str] = set()
        col = 0
        for tc in header_tr.findall(q("tc")):
            span = span_of(tc)
            text = clean(" ".join(para_text(p) for p in tc.findall(q("p"))))
            role = column_role(text)
            width = cell_width(tc) or (sum(grid[col:col + span]) / TWIPS_PER_MM if grid[col:col + span] else 30.0)
            if role is not None:
                key = ROLE_KEYS.get(role, "note")
                if key in used and key == "note":
                    self.facts.notes.append(("заголовок таблицы", f"колонке «{text}» нет места в формате плана "
                                             "(дополнительная колонка в нём одна — note): в стиль не перенесена"))
                elif key in used:
                    self.facts.notes.append(("заголовок таблицы", f"колонка «{text}» повторяет другую "
                                             "по смыслу: в стиль не перенесена"))
                else:
                    used.add(key)
                    self.facts.columns.append(ColumnFacts(key, text, round(width, 1),
                                                          _centred(activity, col, self.alignments)
                                                          if activity is not None else False))
            elif width > 0:
                self.facts.notes.append(("заголовок таблицы", f"колонка {col + 1} без заголовка: в стиль не "
                                         "перенесена"))
            col += span
        number_col = next((c for c, r in self.header.grid.items() if r == "number"), None)
        if activity is not None and number_col is not None:
            texts = _texts_by_grid(activity)
            numbered = texts.get(number_col, "")
            self.facts.trailing_dot = numbered.endswith(".") or not pattern_for(r"\d").search(numbered)

    def _fit_grid(self, table: Element) -> None:
        grid = table.find(q("tblGrid"))
        if grid is None:  # Word always writes one; a hand-made or generated table may not
            grid = make("tblGrid", {})
            props = table.find(q("tblPr"))
            table.insert(table.index(props) + 1 if props is not None else 0, grid)
        total = sum(number_attr(g, "w", 0) for g in grid.findall(q("gridCol"))) or 15000
        for g in list(grid):
            grid.remove(g)
        for _ in range(SPAN):
            grid.append(make("gridCol", {"w": str(total // SPAN)}))

    def _header_row(self, header_tr: Element, text_col: int, field: str) -> Element:
        source = cell_at(header_tr, text_col)
        proto_p = source.find(q("p"))
        tcpr = clean_tcpr(source)
        header_cell = cell(tcpr, [copy_para(proto_p, field)])
        loop_tcpr = clean_tcpr(source)
        return row(header_tr.find(q("trPr")), [
            cell(loop_tcpr, [tag_para("{%tc for col in appendix.table.columns %}", proto_p)]),
            header_cell,
            cell(copy.deepcopy(loop_tcpr), [tag_para("{%tc endfor %}", proto_p)]),
        ])

    def _section_row(self, section_tr: Element | None, activity_tr: Element | None, text_col: int) -> Element:
        if section_tr is None:
            self.facts.notes.append(("таблица плана", "строк разделов в таблице нет: раздел будет напечатан "
                                     "полужирным по центру на всю ширину"))
            base = cell_at(activity_tr, text_col) if activity_tr is not None else None
            p = copy_para(base.find(q("p")), "") if base is not None else make("p")
            set_jc(p, "center")
            rpr = make("rPr", None, make("b"))
            tcpr = clean_tcpr(base) if base is not None else make("tcPr")
            trpr = trpr_without_header(activity_tr.find(q("trPr"))) if activity_tr is not None else None
        else:
            source = next(tc for tc in section_tr.findall(q("tc")) if clean(" ".join(
                para_text(p) for p in tc.findall(q("p")))))
            p = next(x for x in source.findall(q("p")) if clean(para_text(x)))
            rpr = _text_rpr(p)
            p = copy_para(p, "")
            tcpr = clean_tcpr(source)
            trpr = trpr_without_header(section_tr.find(q("trPr")))
        for child in list(p):
            if child.tag != q("pPr"):
                p.remove(child)
        p.extend(text_run("{% colspan appendix.table.ncols %}{{ row.heading }}", rpr))
        return row(trpr, [cell(with_span(tcpr, SPAN), [p])])

    def _activity_row(self, activity_tr: Element, text_col: int) -> Element:
        source = cell_at(activity_tr, text_col)
        left = next((p for p in source.findall(q("p")) if clean(para_text(p))), source.find(q("p")))
        number_col = next((c for c, r in self.header.grid.items() if r == "number"), None)
        centre_source = cell_at(activity_tr, number_col) if number_col is not None else None
        centre = centre_source.find(q("p")) if centre_source is not None else left
        if effective_jc(centre, self.alignments) != "center":
            centre = copy.deepcopy(left)
            set_jc(centre, "center")
        tcpr = clean_tcpr(source)
        body = [
            tag_para("{%p for para in cell.paras %}", left),
            tag_para("{%p if cell.center %}", left),
            copy_para(centre, "{{ para }}"),
            tag_para("{%p else %}", left),
            copy_para(left, "{{ para }}"),
            tag_para("{%p endif %}", left),
            tag_para("{%p endfor %}", left),
            tag_para("{%p if not cell.paras %}", left),
            copy_para(left, ""),
            tag_para("{%p endif %}", left),
        ]
        return row(trpr_without_header(activity_tr.find(q("trPr"))), [
            cell(clean_tcpr(source), [tag_para("{%tc for cell in row.cells %}", left)]),
            cell(tcpr, body),
            cell(clean_tcpr(source), [tag_para("{%tc endfor %}", left)]),
        ])


def _caption(table: Element) -> None:
    """The caption orderforge finds the plan table by (render.set_plan_widths)."""
    tblpr = table.find(q("tblPr"))
    if tblpr is None:
        tblpr = make("tblPr")
        table.insert(0, tblpr)
    for old in tblpr.findall(q("tblCaption")) + tblpr.findall(q("tblDescription")):
        tblpr.remove(old)
    tblpr.append(make("tblCaption", {"val": "orderforge:plan"}))


def _texts_by_grid(tr: Element) -> dict[int, str]:
    out, col = {}, 0
    for tc in tr.findall(q("tc")):
        out[col] = clean(" ".join(para_text(p) for p in tc.findall(q("p"))))
        col += span_of(tc)
    return out


def _filled(tr: Element) -> int:
    return sum(1 for text in _texts_by_grid(tr).values() if text)


def _centred(tr: Element, grid_col: int, alignments: dict[str, str]) -> bool:
    tc = cell_at(tr, grid_col)
    p = next((p for p in tc.findall(q("p")) if clean(para_text(p))), tc.find(q("p")))
    return p is not None and effective_jc(p, alignments) == "center"


def _is_column_numbers(tr: Element) -> bool:
    texts = [t for t in _texts_by_grid(tr).values() if t]
    return len(texts) >= 3 and all(t.isdigit() for t in texts)


def _prototypes(data: Iterator[Element]) -> tuple[Element | None, Element | None]:
    """The first section row (one filled cell, or one cell across the table) and the first activity row.

    One pass that stops once both are found: judging each of the sample rows (their cells' text, whether they
    repeat the header) was most of the plan table's work."""
    numbered = pattern_for(r"^\d+(\.\d+){1,}\.?$")
    section = activity = None
    for tr in data:
        if section is None and _filled(tr) in (1, 2) and (len(tr.findall(q("tc"))) <= 2 or _filled(tr) == 1) \
                and not numbered.match(next(iter(v for v in _texts_by_grid(tr).values() if v), "")):
            section = tr
        if activity is None and _filled(tr) >= 3:
            activity = tr
        if section is not None and activity is not None:
            break
    return section, activity


def _text_rpr(p: Element) -> Element | None:
    from .ooxml import first_rpr

    return first_rpr(p)
