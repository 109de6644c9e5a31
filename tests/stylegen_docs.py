"""Word documents of a committee that orderforge has never seen, made with python-docx for the stylegen tests.

A letterhead order with an emblem (a picture made here, no image library needed),
its own fonts (Arial), margins and orientation, the operative word in capitals,
a signature line with tabs, a landscape appendix with a mark and a plan table whose
columns stand in an order no built-in style uses, a repeated header row, named
responsible parties; and a bare plan on a landscape page.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ISSUER = ["АДМИНИСТРАЦИЯ ЭНСКОГО МУНИЦИПАЛЬНОГО ОКРУГА", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"]
HEADER = ["№ п/п", "Наименование мероприятия", "Ответственные исполнители", "Срок исполнения", "Ожидаемый результат"]
WIDTHS_MM = [14, 100, 55, 35, 63]
SECTIONS = [
    ("1. Организационные мероприятия", [
        ["1.1.", "Создание рабочей группы по повышению качества образования", "Управление образования",
         "Март 2026 г.", "Приказ о создании рабочей группы"],
        ["1.2.", "Анализ результатов оценочных процедур", "Методический кабинет\nруководители школ",
         "Апрель 2026 г.", "Аналитическая справка"],
    ]),
    ("2. Работа с педагогами", [
        ["2.1.", "Курсы повышения квалификации учителей", "Петрова А.А.", "В течение года",
         "Удостоверения о повышении квалификации"],
        ["2.2.", "Семинар для молодых педагогов", "Методический кабинет", "Октябрь 2026 г.", "Программа семинара"],
    ]),
]


def png(width: int = 24, height: int = 24) -> bytes:
    """A small opaque PNG (a blue square with a red cross): the committee's emblem."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            cross = abs(x - width // 2) < 3 or abs(y - height // 2) < 3
            row += bytes((200, 30, 30) if cross else (20, 60, 160))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + \
        chunk(b"IEND", b"")


def _font(doc: Document, name: str, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = name
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:hAnsi"), name)
    fonts.set(qn("w:cs"), name)
    fonts.set(qn("w:eastAsia"), name)
    normal.paragraph_format.space_after = Pt(0)


def _para(doc: Document, text: str, *, bold: bool = False, center: bool = False, size: float | None = None):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _margins(section, left: float, right: float, top: float, bottom: float, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)


def _plan_table(doc: Document) -> None:
    rows = 1 + sum(1 + len(acts) for _, acts in SECTIONS)
    table = doc.add_table(rows=rows, cols=len(HEADER))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, width in enumerate(WIDTHS_MM):
        table.columns[col].width = Mm(width)
        for cell in table.columns[col].cells:
            cell.width = Mm(width)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, HEADER, strict=True):
        _cell(cell, text, bold=True, center=True)
    r = 1
    for title, activities in SECTIONS:
        merged = table.rows[r].cells[0].merge(table.rows[r].cells[-1])
        _cell(merged, title, bold=True, center=True)
        r += 1
        for values in activities:
            for n, (cell, text) in enumerate(zip(table.rows[r].cells, values, strict=True)):
                _cell(cell, text, center=n in (0, 3))
            r += 1


def _cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for n, line in enumerate(lines):
        p = first if n == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(11)
        run.bold = bold or None
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def letterhead_order(path: Path, *, head_table: bool = False, operative: str = "ПРИКАЗЫВАЮ:") -> Path:
    """``head_table``: the date and the number in the two cells of a borderless table, as many committees type
    them; ``operative``: the operative word as the committee writes it."""
    doc = Document()
    _font(doc, "Arial", 13)
    _margins(doc.sections[0], 25, 12, 18, 16, landscape=False)
    emblem = path.with_suffix(".png")
    emblem.write_bytes(png())
    pic = doc.add_paragraph()
    pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic.add_run().add_picture(str(emblem), width=Mm(15))
    for line in ISSUER:
        _para(doc, line, bold=True, center=True)
    _para(doc, "ПРИКАЗ", bold=True, center=True, size=16)
    if head_table:
        head = doc.add_table(rows=1, cols=2)
        _cell(head.rows[0].cells[0], "«05» марта 2026 г.")
        _cell(head.rows[0].cells[1], "№ 45-о")
        head.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        line = _para(doc, "05.03.2026\t№ 45-о")
        line.paragraph_format.tab_stops.add_tab_stop(Mm(173), WD_TAB_ALIGNMENT.RIGHT)
    _para(doc, "г. Энск", center=True)
    _para(doc, "Об утверждении плана мероприятий по повышению качества образования", bold=True)
    _para(doc, "В целях повышения качества образования в Энском муниципальном округе")
    _para(doc, operative, bold=True)
    _para(doc, "1. Утвердить план мероприятий по повышению качества образования на 2026 год (приложение).")
    _para(doc, "2. Контроль за исполнением настоящего приказа оставляю за собой.")
    sign = _para(doc, "Начальник управления образования\tИ.И. Сидорова")
    sign.paragraph_format.tab_stops.add_tab_stop(Mm(173), WD_TAB_ALIGNMENT.RIGHT)
    sign.paragraph_format.space_before = Pt(36)
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _margins(section, 20, 10, 15, 15, landscape=True)
    for line in ("Приложение к приказу", "Управления образования", "от 05.03.2026 № 45-о"):
        p = _para(doc, line)
        p.paragraph_format.left_indent = Mm(180)
    _para(doc, "План мероприятий по повышению качества образования на 2026 год", bold=True, center=True)
    _plan_table(doc)
    doc.save(path)
    return path


def bare_plan(path: Path) -> Path:
    doc = Document()
    _font(doc, "Times New Roman", 12)
    _margins(doc.sections[0], 15, 15, 15, 15, landscape=True)
    _para(doc, "План мероприятий по повышению качества образования на 2026 год", bold=True, center=True)
    _plan_table(doc)
    doc.save(path)
    return path


#: Header words a committee may use, per column meaning (what import recognises by meaning).
HEADER_WORDS = {
    "number": ["№ п/п", "№", "N п/п"],
    "text": ["Мероприятие", "Наименование мероприятия", "Содержание деятельности", "Мероприятия"],
    "deadline": ["Срок", "Сроки исполнения", "Срок реализации", "Сроки проведения"],
    "responsible": ["Ответственный", "Ответственные исполнители", "Исполнитель", "Ответственные"],
    "result": ["Результат", "Ожидаемый результат", "Планируемые результаты", "Форма отчётности"],
}
CELLS = {
    "text": ["Заседание рабочей группы", "Мониторинг результатов ВПР", "Семинар для учителей"],
    "deadline": ["Март 2026 г.", "В течение года", "Октябрь 2026 г."],
    "responsible": ["Управление образования", "Методический кабинет", "Петрова А.А."],
    "result": ["Протокол", "Аналитическая справка", "Программа семинара"],
}


def plan_document(path: Path, columns: list[tuple[str, str, float]], *, landscape: bool = True) -> Path:
    """A bare plan whose table has exactly ``columns`` (key, header, width in mm), one section of three
    activities."""
    doc = Document()
    _font(doc, "Times New Roman", 12)
    _margins(doc.sections[0], 20, 10, 15, 15, landscape=landscape)
    _para(doc, "План мероприятий по повышению качества образования на 2026 год", bold=True, center=True)
    table = doc.add_table(rows=5, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    for col, (_, _, width) in enumerate(columns):
        for cell in table.columns[col].cells:
            cell.width = Mm(width)
    for cell, (_, header, _) in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, header, bold=True, center=True)
    merged = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
    _cell(merged, "1. Организационные мероприятия", bold=True, center=True)
    for n in range(3):
        for cell, (key, _, _) in zip(table.rows[2 + n].cells, columns, strict=True):
            _cell(cell, f"1.{n + 1}." if key == "number" else CELLS[key][n])
    doc.save(path)
    return path
