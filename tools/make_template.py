#!/usr/bin/env python3
"""Generate the docxtpl template of the «kaliningrad-committee» house style.

    python tools/make_template.py [OUTPUT.docx]

Default output: templates/kaliningrad-committee/template.docx (relative to the repository).

The template reproduces seed 000 (приказ комитета по образованию администрации городского
округа «Город Калининград» от 11.02.2026 № ПД-КПО-113 and its appendix, the roadmap plan).
It is a *docxtpl* template: plain Jinja tags in the text, plus docxtpl's paragraph / row /
cell tags ``{%p …%}``, ``{%tr …%}``, ``{%tc …%}`` — each one alone in its own paragraph
(docxtpl drops the whole paragraph/row/cell that holds such a tag).  Tag paragraphs use
the grey «OF Template Tag» style so a clerk restyling the file in Word can tell them apart.

Layout (ГОСТ Р 7.0.97):
  * section 1 — the order, A4 portrait, margins L30 R10 T20 B20 mm; exists only inside
    ``{%p if order %}`` … ``{%p endif %}`` (its section break is the last paragraph of
    that region, so it disappears together with the order);
  * section 2 — the appendix, A4 landscape, margins L20 R10 T20 B20 mm;
  * page numbers: centred header with a PAGE field, none on the first page of the
    document (section 1 has an empty first-page header; section 2 has a first-page
    header that shows the number only ``{%p if order %}``); numbering runs on across the
    section break (no restart).

Render context: see tools/sample_context.py (SAMPLE_CONTEXT) — every value is a plain,
already typeset string; the template only loops and branches.

The output is deterministic (fixed zip timestamps and document properties), so running
the script twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor, Twips

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "templates" / "kaliningrad-committee" / "template.docx"

# ---------------------------------------------------------------------------------------
# Geometry, in twentieths of a point (twips): 1 mm = 56.6929 twips
# ---------------------------------------------------------------------------------------
A4_SHORT, A4_LONG = 11906, 16838
MM = 56.6929


def mm(v: float) -> int:
    return round(v * MM)


ORDER_MARGINS = dict(left=mm(30), right=mm(10), top=mm(20), bottom=mm(20))
APPENDIX_MARGINS = dict(left=mm(20), right=mm(10), top=mm(20), bottom=mm(20))
HEADER_DISTANCE = mm(10)  # page number sits in the middle of the 20 mm top margin
FOOTER_DISTANCE = mm(10)
ORDER_TEXT_WIDTH = A4_SHORT - ORDER_MARGINS["left"] - ORDER_MARGINS["right"]  # 9638
APPENDIX_TEXT_WIDTH = A4_LONG - APPENDIX_MARGINS["left"] - APPENDIX_MARGINS["right"]  # 15137
CORNER_WIDTH = mm(75)  # appendix mark: no wider than ~7.5 cm
FIRST_LINE_INDENT = mm(12.5)  # 1.25 cm

SIGNATURE_COLS = (ORDER_TEXT_WIDTH - mm(60), mm(60))  # position | name
PASSPORT_COLS = (mm(60), APPENDIX_TEXT_WIDTH - mm(60))  # label | items
# The plan table's grid has 3 columns in the template (tc-loop start, prototype,
# tc-loop end); docxtpl's fix_tables rescales it to the real column count and the
# lead's post-processor (tblCaption «orderforge:plan») sets the real widths.
PLAN_TEMPLATE_COLS = 3

FIXED_TIME = _dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------
# Small OOXML builder
# ---------------------------------------------------------------------------------------
def el(tag: str, attrs: dict | None = None, *children):
    """Create ``<w:tag w:attr="…">children</w:tag>``; attribute names get the w: prefix
    unless they already carry one."""
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        e.set(qn(k if ":" in k else "w:" + k), str(v))
    for c in children:
        if c is not None:
            e.append(c)
    return e


TAB = object()  # marker for a <w:tab/> run


def run(text, bold: bool = False):
    if text is TAB:
        return el("w:r", None, el("w:tab"))
    rpr = el("w:rPr", None, el("w:b")) if bold else None
    t = el("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    return el("w:r", None, rpr, t)


def para(style_id: str, *parts, sect_pr=None):
    """A paragraph of the given style; parts are str, TAB or (text, bold) tuples."""
    ppr = el("w:pPr", None, el("w:pStyle", {"val": style_id}), sect_pr)
    p = el("w:p", None, ppr)
    for part in parts:
        if isinstance(part, tuple):
            p.append(run(part[0], bold=part[1]))
        else:
            p.append(run(part))
    return p


def tag(text: str):
    """A paragraph that holds one docxtpl paragraph/row/cell tag."""
    return para(STYLE_IDS["OF Template Tag"], text)


def tbl_borders(val: str):
    kids = []
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if val == "nil":
            kids.append(el(f"w:{side}", {"val": "nil"}))
        else:
            kids.append(el(f"w:{side}", {"val": val, "sz": 4, "space": 0, "color": "auto"}))
    return el("w:tblBorders", None, *kids)


def cell_mar(top: int, left: int, bottom: int, right: int, tag_name: str = "w:tblCellMar"):
    return el(
        tag_name,
        None,
        el("w:top", {"w": top, "type": "dxa"}),
        el("w:left", {"w": left, "type": "dxa"}),
        el("w:bottom", {"w": bottom, "type": "dxa"}),
        el("w:right", {"w": right, "type": "dxa"}),
    )


def table(style_id: str, caption: str, grid: list[int], rows: list, *, width=None,
          description: str | None = None):
    """``width`` None → 100 % of the text width (pct 5000), else dxa."""
    tblw = (
        el("w:tblW", {"w": 5000, "type": "pct"})
        if width is None
        else el("w:tblW", {"w": width, "type": "dxa"})
    )
    tblpr = el(
        "w:tblPr",
        None,
        el("w:tblStyle", {"val": style_id}),
        tblw,
        el("w:tblInd", {"w": 0, "type": "dxa"}),
        el("w:tblLayout", {"type": "fixed"}),
        el("w:tblLook", {"val": "0000", "firstRow": 0, "lastRow": 0, "firstColumn": 0,
                         "lastColumn": 0, "noHBand": 1, "noVBand": 1}),
        el("w:tblCaption", {"val": caption}),
        el("w:tblDescription", {"val": description}) if description else None,
    )
    tblgrid = el("w:tblGrid", None, *[el("w:gridCol", {"w": w}) for w in grid])
    return el("w:tbl", None, tblpr, tblgrid, *rows)


def row(*cells, header: bool = False, cant_split: bool = False):
    trpr_kids = []
    if cant_split:
        trpr_kids.append(el("w:cantSplit"))
    if header:
        trpr_kids.append(el("w:tblHeader"))
    trpr = el("w:trPr", None, *trpr_kids) if trpr_kids else None
    return el("w:tr", None, trpr, *cells)


def cell(paragraphs: list, *, width: int | None = None, span: int | None = None,
         valign: str | None = None):
    """tcPr children in schema order: tcW, gridSpan, …, vAlign.  Cells of the plan table
    get no tcW (the grid rules; docxtpl's colspan inserts gridSpan first in tcPr)."""
    tcpr = el(
        "w:tcPr",
        None,
        el("w:tcW", {"w": width, "type": "dxa"}) if width is not None else None,
        el("w:gridSpan", {"val": span}) if span else None,
        el("w:vAlign", {"val": valign}) if valign else None,
    )
    return el("w:tc", None, tcpr, *paragraphs)


def tag_row(text: str, span: int, width: int | None = None):
    """A table row that only carries a ``{%tr …%}`` tag (removed by docxtpl)."""
    return row(cell([tag(text)], width=width, span=span if span > 1 else None))


# ---------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------
STYLE_IDS: dict[str, str] = {}


def _ppr_insert(ppr, child, after_tags):
    """Insert child into a pPr respecting the schema order (python-docx knows it)."""
    ppr.insert_element_before(child, *after_tags)


_PPR_AFTER_CONTEXTUAL = ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                         "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                         "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _para_style(doc, name, *, base="Normal", size=None, bold=None, align=None,
                first_line=None, left=None, before=None, after=None, contextual=False,
                keep_next=None, keep_lines=None, color=None, line_exact=None,
                next_style=None):
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles[base]
    st.quick_style = True
    st.hidden = False
    st.unhide_when_used = False
    if size is not None:
        st.font.size = Pt(size)
    if bold is not None:
        st.font.bold = bold
    if color is not None:
        st.font.color.rgb = RGBColor.from_string(color)
    pf = st.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_line is not None:
        pf.first_line_indent = Twips(first_line)
    if left is not None:
        pf.left_indent = Twips(left)
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line_exact is not None:
        from docx.enum.text import WD_LINE_SPACING

        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_exact)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if keep_lines is not None:
        pf.keep_together = keep_lines
    if contextual:
        _ppr_insert(st.element.get_or_add_pPr(), OxmlElement("w:contextualSpacing"),
                    _PPR_AFTER_CONTEXTUAL)
    if next_style is not None:
        st.next_paragraph_style = doc.styles[next_style]
    STYLE_IDS[name] = st.style_id
    return st


def _table_style(doc, name, *, borders: str, margins: tuple[int, int, int, int]):
    styles = doc.styles.element
    style_id = name.replace(" ", "")
    st = el(
        "w:style",
        {"type": "table", "customStyle": 1, "styleId": style_id},
        el("w:name", {"val": name}),
        el("w:basedOn", {"val": "TableNormal"}),
        el("w:uiPriority", {"val": 59}),
        el("w:qFormat"),
        el("w:pPr", None, el("w:spacing", {"after": 0, "line": 240, "lineRule": "auto"})),
        el(
            "w:tblPr",
            None,
            el("w:tblInd", {"w": 0, "type": "dxa"}),
            tbl_borders(borders),
            cell_mar(*margins),
        ),
    )
    styles.append(st)
    STYLE_IDS[name] = style_id


def define_styles(doc) -> None:
    # Document defaults: Times New Roman 14 pt, Russian, single spacing, no extra space.
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for c in list(rpr):
        rpr.remove(c)
    rpr.append(el("w:rFonts", {"ascii": "Times New Roman", "hAnsi": "Times New Roman",
                               "eastAsia": "Times New Roman", "cs": "Times New Roman"}))
    rpr.append(el("w:sz", {"val": 28}))
    rpr.append(el("w:szCs", {"val": 28}))
    rpr.append(el("w:lang", {"val": "ru-RU", "eastAsia": "ru-RU", "bidi": "ar-SA"}))
    ppr = dd.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for c in list(ppr):
        ppr.remove(c)
    ppr.append(el("w:spacing", {"after": 0, "line": 240, "lineRule": "auto"}))

    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.widow_control = True

    C, L, R, J = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                  WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)

    # -- the order ------------------------------------------------------------------
    _para_style(doc, "OF Body", align=J, first_line=FIRST_LINE_INDENT)
    _para_style(doc, "OF Issuer", bold=True, align=C, keep_next=True)
    _para_style(doc, "OF Kind", bold=True, size=16, align=C, before=12, after=12,
                keep_next=True)
    st = _para_style(doc, "OF Date Line", align=L, keep_next=True)
    st.paragraph_format.tab_stops.add_tab_stop(Twips(ORDER_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _para_style(doc, "OF Place", align=C, keep_next=True)
    _para_style(doc, "OF Order Title", bold=True, align=L, before=12, after=12,
                contextual=True, keep_next=True, keep_lines=True)
    _para_style(doc, "OF Operative", bold=True, align=L, keep_next=True)
    # The gap above the signature is the style's space-before; contextual spacing keeps
    # it off the second and later position lines.
    _para_style(doc, "OF Signature", align=L, before=36, contextual=True, keep_next=True)
    _para_style(doc, "OF Signature Name", base="OF Signature", align=R)
    # Paragraph that carries a section break / closes the body: as small as possible.
    _para_style(doc, "OF Spacer", size=1, line_exact=1)

    # -- the appendix ----------------------------------------------------------------
    _para_style(doc, "OF Corner", align=L, left=APPENDIX_TEXT_WIDTH - CORNER_WIDTH,
                keep_next=True)
    _para_style(doc, "OF Plan Title", bold=True, align=C, before=12, after=12,
                contextual=True, keep_next=True)
    _para_style(doc, "OF Table Text", size=12, align=L)
    _para_style(doc, "OF Table Text Center", base="OF Table Text", align=C)
    _para_style(doc, "OF Table Header", base="OF Table Text", bold=True, align=C)
    _para_style(doc, "OF Section Row", base="OF Table Text", bold=True, align=C,
                keep_next=True)

    # -- page header, template tags --------------------------------------------------
    _para_style(doc, "OF Page Number", size=12, align=C)
    _para_style(doc, "OF Template Tag", size=9, align=L, color="7F7F7F")

    _table_style(doc, "OF Table", borders="single", margins=(0, mm(1.5), 0, mm(1.5)))
    _table_style(doc, "OF Layout Table", borders="nil", margins=(0, 0, 0, 0))


# ---------------------------------------------------------------------------------------
# Page setup and headers
# ---------------------------------------------------------------------------------------
def page_setup(section, *, landscape: bool, margins: dict) -> None:
    section.start_type = WD_SECTION.NEW_PAGE
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_LONG), Twips(A4_SHORT)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    section.left_margin = Twips(margins["left"])
    section.right_margin = Twips(margins["right"])
    section.top_margin = Twips(margins["top"])
    section.bottom_margin = Twips(margins["bottom"])
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Emu(0)


def page_field_paragraph():
    p = para(STYLE_IDS["OF Page Number"])
    p.append(el("w:r", None, el("w:fldChar", {"fldCharType": "begin"})))
    instr = el("w:instrText", {"xml:space": "preserve"})
    instr.text = " PAGE "
    p.append(el("w:r", None, instr))
    p.append(el("w:r", None, el("w:fldChar", {"fldCharType": "separate"})))
    p.append(run("2"))
    p.append(el("w:r", None, el("w:fldChar", {"fldCharType": "end"})))
    return p


def fill_header(header, paragraphs: list) -> None:
    h = header._element
    for p in list(h):
        h.remove(p)
    for p in paragraphs:
        h.append(p)


def setup_headers(section, first_page: list) -> None:
    """Default header: centred PAGE field.  First page: ``first_page`` paragraphs."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    fill_header(section.header, [page_field_paragraph()])
    section.first_page_header.is_linked_to_previous = False
    fill_header(section.first_page_header, first_page)


# ---------------------------------------------------------------------------------------
# Document body
# ---------------------------------------------------------------------------------------
def order_block() -> list:
    S = STYLE_IDS
    out = [
        tag("{%p if order %}"),
        tag("{%p for line in order.issuer_lines %}"),
        para(S["OF Issuer"], "{{ line }}"),
        tag("{%p endfor %}"),
        para(S["OF Kind"], "{{ order.kind }}"),
        para(S["OF Date Line"], "{{ order.date }}", TAB, "{{ order.number }}"),
        para(S["OF Place"], "{{ order.place }}"),
        tag("{%p for line in order.title_lines %}"),
        para(S["OF Order Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        # The operative word ends the last preamble paragraph (house style of seed 000).
        tag("{%p for para in order.preamble %}"),
        para(S["OF Body"], "{{ para }}", "{% if loop.last %} ",
             ("{{ order.operative }}", True), "{% endif %}"),
        tag("{%p endfor %}"),
        tag("{%p if not order.preamble %}"),
        para(S["OF Operative"], "{{ order.operative }}"),
        tag("{%p endif %}"),
        tag("{%p for point in order.body %}"),
        para(S["OF Body"], "{{ point }}"),
        tag("{%p endfor %}"),
        signature_table(),
    ]
    return out


def signature_table():
    S = STYLE_IDS
    left = cell(
        [
            tag("{%p for line in order.signature.position_lines %}"),
            para(S["OF Signature"], "{{ line }}"),
            tag("{%p endfor %}"),
            tag("{%p if not order.signature.position_lines %}"),
            para(S["OF Signature"]),
            tag("{%p endif %}"),
        ],
        width=SIGNATURE_COLS[0],
        valign="bottom",
    )
    right = cell(
        [para(S["OF Signature Name"], "{{ order.signature.name }}")],
        width=SIGNATURE_COLS[1],
        valign="bottom",
    )
    return table(S["OF Layout Table"], "orderforge:signature", list(SIGNATURE_COLS),
                 [row(left, right, cant_split=True)], width=ORDER_TEXT_WIDTH,
                 description="Подпись: должность слева, И.О. Фамилия справа на одной "
                             "линии с последней строкой должности")


def passport_table():
    S = STYLE_IDS
    w0, w1 = PASSPORT_COLS
    return table(
        S["OF Table"],
        "orderforge:passport",
        [w0, w1],
        [
            tag_row("{%tr for entry in appendix.passport %}", 2, APPENDIX_TEXT_WIDTH),
            row(
                cell([para(S["OF Table Text"], "{{ entry.label }}")], width=w0),
                cell(
                    [
                        tag("{%p for item in entry['items'] %}"),
                        para(S["OF Table Text"], "{{ item }}"),
                        tag("{%p endfor %}"),
                        tag("{%p if not entry['items'] %}"),
                        para(S["OF Table Text"]),
                        tag("{%p endif %}"),
                    ],
                    width=w1,
                ),
            ),
            tag_row("{%tr endfor %}", 2, APPENDIX_TEXT_WIDTH),
        ],
        description="Паспорт плана: наименование | перечень (каждый пункт — абзац)",
    )


def plan_table():
    S = STYLE_IDS
    n = PLAN_TEMPLATE_COLS
    base = APPENDIX_TEXT_WIDTH // n
    grid = [base] * (n - 1) + [APPENDIX_TEXT_WIDTH - base * (n - 1)]

    header = row(
        cell([tag("{%tc for col in appendix.table.columns %}")], valign="center"),
        cell([para(S["OF Table Header"], "{{ col.header }}")], valign="center"),
        cell([tag("{%tc endfor %}")], valign="center"),
        header=True,
    )
    section_row = row(
        cell(
            [para(S["OF Section Row"], "{% colspan appendix.table.ncols %}",
                  "{{ row.heading }}")],
            span=n,
            valign="center",
        ),
        cant_split=True,
    )
    activity_row = row(
        cell([tag("{%tc for cell in row.cells %}")]),
        cell(
            [
                tag("{%p for para in cell.paras %}"),
                tag("{%p if cell.center %}"),
                para(S["OF Table Text Center"], "{{ para }}"),
                tag("{%p else %}"),
                para(S["OF Table Text"], "{{ para }}"),
                tag("{%p endif %}"),
                tag("{%p endfor %}"),
                tag("{%p if not cell.paras %}"),
                para(S["OF Table Text"]),
                tag("{%p endif %}"),
            ]
        ),
        cell([tag("{%tc endfor %}")]),
    )
    return table(
        S["OF Table"],
        "orderforge:plan",
        grid,
        [
            header,
            tag_row("{%tr for row in appendix.table.rows %}", n),
            tag_row("{%tr if row.section %}", n),
            section_row,
            tag_row("{%tr else %}", n),
            activity_row,
            tag_row("{%tr endif %}", n),
            tag_row("{%tr endfor %}", n),
        ],
        description="План мероприятий: строка заголовка повторяется на каждой странице; "
                    "ширины столбцов задаёт orderforge",
    )


def appendix_block() -> list:
    S = STYLE_IDS
    return [
        tag("{%p for line in appendix.corner_lines %}"),
        para(S["OF Corner"], "{{ line }}"),
        tag("{%p endfor %}"),
        tag("{%p for line in appendix.title_lines %}"),
        para(S["OF Plan Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        # Passport table, and (as in seed 000) the plan title repeated above the plan
        # table when a passport stands between them.  It also keeps the two tables apart.
        tag("{%p if appendix.passport %}"),
        passport_table(),
        tag("{%p for line in appendix.title_lines %}"),
        para(S["OF Plan Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        plan_table(),
        # Word needs a paragraph after a final table; keep it 1 pt high.
        para(S["OF Spacer"]),
    ]


# ---------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------
def _drop_thumbnail(doc) -> None:
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)


def _settings(doc) -> None:
    s = doc.settings.element
    dts = s.find(qn("w:defaultTabStop"))
    if dts is not None:
        dts.set(qn("w:val"), str(FIRST_LINE_INDENT))
    tfl = s.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), "ru-RU")
        tfl.set(qn("w:eastAsia"), "ru-RU")
    proof = s.find(qn("w:proofState"))
    if proof is not None:  # let Word spell-check the clerk's edits
        s.remove(proof)


def _properties(doc) -> None:
    cp = doc.core_properties
    cp.title = "Шаблон: приказ комитета по образованию (г. Калининград) с приложением"
    cp.subject = "orderforge house style «kaliningrad-committee»"
    cp.author = "orderforge"
    cp.last_modified_by = "orderforge"
    cp.keywords = "orderforge; docxtpl; ГОСТ Р 7.0.97"
    cp.comments = "Сгенерировано tools/make_template.py"
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.language = "ru-RU"


def build(output: Path) -> Path:
    doc = Document()
    define_styles(doc)
    _settings(doc)
    _properties(doc)
    _drop_thumbnail(doc)
    body = doc.element.body
    sentinel = body.sectPr

    # Section 1: the order (portrait).  Headers first: add_section copies them.
    s1 = doc.sections[0]
    page_setup(s1, landscape=False, margins=ORDER_MARGINS)
    setup_headers(s1, first_page=[para(STYLE_IDS["OF Page Number"])])
    for e in order_block():
        sentinel.addprevious(e)
    doc.add_section(WD_SECTION.NEW_PAGE)
    # python-docx appended an empty paragraph carrying section 1's sectPr: make it tiny.
    brk = body.findall(qn("w:p"))[-1]
    assert brk.find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    brk.pPr.get_or_add_pStyle().set(qn("w:val"), STYLE_IDS["OF Spacer"])
    # …and it sits inside the {%p if order %} region, so it vanishes with the order.
    sentinel.addprevious(tag("{%p endif %}"))

    # Section 2: the appendix (landscape).
    s2 = doc.sections[-1]
    page_setup(s2, landscape=True, margins=APPENDIX_MARGINS)
    setup_headers(
        s2,
        first_page=[
            tag("{%p if order %}"),
            page_field_paragraph(),  # the appendix follows the order: not page 1
            tag("{%p else %}"),
            para(STYLE_IDS["OF Page Number"]),  # standalone plan: page 1, no number
            tag("{%p endif %}"),
        ],
    )
    for e in appendix_block():
        sentinel.addprevious(e)

    buf = io.BytesIO()
    doc.save(buf)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(_deterministic_zip(buf.getvalue()))
    return output


def _deterministic_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    path = build(output)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
