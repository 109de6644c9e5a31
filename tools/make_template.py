#!/usr/bin/env python3
"""Generate the docxtpl templates of every built-in house style.

    python tools/make_template.py                       # all styles → src/orderforge/templates/<style>/
    python tools/make_template.py --style gymnasium     # one style (repeatable)
    python tools/make_template.py --out /tmp/tpl        # into /tmp/tpl/<style>/ instead
    python tools/make_template.py OUTPUT.docx           # kaliningrad-committee's template.docx only

Each style gets two files:
  * ``template.docx`` — the order (приказ) and its appendix, the roadmap plan;
  * ``amend.docx``    — the order alone, for amending orders («О внесении изменений в
    приказ …»): same header and signature, portrait, no appendix; its context is
    ``{"order": {...}, "appendix": None}`` and it never mentions ``appendix``.

One generator, one small :class:`Layout` per style (``LAYOUTS`` below): the layout says
only what differs between the seeds — margins, orientation of the appendix, how the
header lines are arranged, bold or not, where the operative word goes, column widths of
the signature, width of the appendix mark.  Everything that is *text* (kind «П Р И К А З»
or «ПРИКАЗ», date and number formats, operative word, appendix mark lines, columns and
their headers/widths, deadline forms) lives in each style's ``style.yaml`` and reaches the
template as already typeset strings.

The templates are *docxtpl* templates: plain Jinja tags in the text, plus docxtpl's
paragraph / row / cell tags ``{%p …%}``, ``{%tr …%}``, ``{%tc …%}`` — each one alone in
its own paragraph (docxtpl drops the whole paragraph/row/cell that holds such a tag).
Tag paragraphs use the grey «OF Template Tag» style so a clerk restyling the file in Word
can tell them apart.  Tables are found by caption: ``orderforge:plan``,
``orderforge:passport``, ``orderforge:signature``.

Page layout (ГОСТ Р 7.0.97, unless a seed shows otherwise):
  * section 1 — the order, A4 portrait; exists only inside ``{%p if order %}`` …
    ``{%p endif %}`` (its section break is the last paragraph of that region, so it
    disappears together with the order — a standalone plan starts with the appendix);
  * section 2 — the appendix, A4 landscape or portrait (per layout), on a new page;
  * page numbers: centred header with a PAGE field, none on the first page of the
    document (section 1 has an empty first-page header; section 2 has a first-page
    header that shows the number only ``{%p if order %}``); numbering runs on across the
    section break (no restart).

Render context: src/orderforge/context.py (samples: tools/sample_context.py) — every value is a plain, already typeset
string; the templates only loop and branch.

The output is deterministic (fixed zip timestamps and document properties), so running
the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import sys
import zipfile
from dataclasses import dataclass
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
TEMPLATES = REPO / "src" / "orderforge" / "templates"  # bundled styles ship inside the package

# ---------------------------------------------------------------------------------------
# Geometry, in twentieths of a point (twips): 1 mm = 56.6929 twips
# ---------------------------------------------------------------------------------------
A4_SHORT, A4_LONG = 11906, 16838
MM = 56.6929


def mm(v: float) -> int:
    return round(v * MM)


HEADER_DISTANCE = mm(10)  # page number sits in the middle of the 20 mm top margin
FOOTER_DISTANCE = mm(10)
FIRST_LINE_INDENT = mm(12.5)  # 1.25 cm
# The plan table's grid has 3 columns in the template (tc-loop start, prototype,
# tc-loop end); docxtpl's fix_tables rescales it to the real column count and
# orderforge's post-processor (tblCaption «orderforge:plan») sets the real widths.
PLAN_TEMPLATE_COLS = 3

FIXED_TIME = _dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------
# Per-style layout
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    left: float
    right: float
    top: float = 20
    bottom: float = 20

    def twips(self) -> dict[str, int]:
        return dict(left=mm(self.left), right=mm(self.right), top=mm(self.top),
                    bottom=mm(self.bottom))


@dataclass(frozen=True)
class Layout:
    """What one house style's templates look like, beyond the text style.yaml supplies.

    ``head`` lists the lines printed between the document kind and the title, top to
    bottom: a pair ``("date", "number")`` is one line, date at the left margin and number
    flush right (a right tab stop); a single field is a centred line of its own.
    ``operative``: ``"inline"`` — the operative word ends the last preamble paragraph (in
    bold), alone only when there is no preamble; ``"line"`` — always its own paragraph.
    """

    name: str
    doc_title: str  # core property «title» of template.docx
    amend_title: str  # … and of amend.docx
    seed: str
    order_margins: Margins = Margins(30, 10)
    appendix_margins: Margins = Margins(20, 10)
    appendix_landscape: bool = True
    issuer_bold: bool = True
    kind_bold: bool = True
    kind_size: float = 16
    head: tuple = (("date", "number"), ("place",))
    head_space: float | None = None  # pt after each date / number / place line
    title_align: str = "left"  # «Об утверждении …»: left | center
    operative: str = "inline"  # inline | line
    operative_bold: bool = True
    operative_space: float | None = None  # pt before/after an operative line
    signature_name_mm: float = 60  # right column of the signature table
    corner_mm: float = 75  # appendix mark / approval stamp block, at the right margin
    appendix_size: float | None = None  # pt of the mark and the plan title (None: 14)
    table_header_bold: bool = True
    passport_title_repeat: bool = True  # plan title again between passport and plan

    # -- derived geometry (twips) ---------------------------------------------------
    @property
    def order_text_width(self) -> int:
        m = self.order_margins.twips()
        return A4_SHORT - m["left"] - m["right"]

    @property
    def appendix_page_width(self) -> int:
        return A4_LONG if self.appendix_landscape else A4_SHORT

    @property
    def appendix_text_width(self) -> int:
        m = self.appendix_margins.twips()
        return self.appendix_page_width - m["left"] - m["right"]

    @property
    def signature_cols(self) -> tuple[int, int]:  # position | name
        return (self.order_text_width - mm(self.signature_name_mm), mm(self.signature_name_mm))

    @property
    def passport_cols(self) -> tuple[int, int]:  # label | items
        return (mm(60), self.appendix_text_width - mm(60))

    def uses_alone(self, field_name: str) -> bool:
        return any(line == (field_name,) for line in self.head)


LAYOUTS: dict[str, Layout] = {
    # Seed 000: приказ комитета по образованию администрации городского округа «Город
    # Калининград» от 11.02.2026 № ПД-КПО-113.  Bold issuer, letter-spaced kind, date
    # left and number right on one line, place centred, bold title at the left, the
    # operative word «п р и к а з ы в а ю:» ending the preamble; appendix on landscape
    # pages with a passport table and the plan title repeated above the plan table.
    "kaliningrad-committee": Layout(
        name="kaliningrad-committee",
        doc_title="Шаблон: приказ комитета по образованию (г. Калининград) с приложением",
        amend_title="Шаблон: приказ комитета по образованию (г. Калининград) о внесении изменений",
        seed="000-kaliningrad-committee-order-2026",
    ),
    # Seed 001: приказ Управления образования администрации Балтийского городского округа
    # от 29.12.2023 № 1081.  No issuer lines in the extraction (letterhead), «ПРИКАЗ» in
    # plain capitals, «№ 1081» above «от «29» декабря 2023 года», then the place; bold
    # centred title; «ПРИКАЗЫВАЮ:» on its own line; a long two-line signatory position
    # (a narrow 40 mm name column keeps «начальник Управления образования администрации
    # БГО» on one line).  The appendix mark and the plan title are 12 pt: the seed's
    # line breaks only fit so — its title line «по обеспечению … формированию
    # объективной» is wider than a landscape page at 14 pt bold, and its three-line mark
    # («Приложение №1» / «к приказу Управления образования администрации БГО» / «от …
    # №…») needs a 110 mm block even at 12 pt (ГОСТ's 75 mm would make it four lines).
    "baltiysk-department": Layout(
        name="baltiysk-department",
        doc_title="Шаблон: приказ Управления образования администрации Балтийского "
                  "городского округа с приложением",
        amend_title="Шаблон: приказ Управления образования администрации Балтийского "
                    "городского округа о внесении изменений",
        seed="001-baltiysk-order-2023",
        issuer_bold=True,
        kind_bold=False,
        head=(("number",), ("date",), ("place",)),
        head_space=4,
        title_align="center",
        operative="line",
        operative_bold=False,
        operative_space=6,
        signature_name_mm=40,
        corner_mm=110,
        appendix_size=12,
        passport_title_repeat=False,
    ),
    # Seed 003: приказ МАОУ гимназии № 1 г. Калининграда от 17.02.2022 № 116.  Five
    # issuer lines of the school's letterhead (regular weight), bold «ПРИКАЗ», the date
    # «17» 02 2022 г. and «№ 116» on lines of their own, place; bold title in two
    # paragraphs at the left («Об утверждении» / «Плана …»); bold «ПРИКАЗЫВАЮ:» on its
    # own line; «Директор» … «Г.А. Лисичкина».  The plan follows on a new page with no
    # appendix mark (the mark loop stays; the style's mark is empty), portrait: four
    # columns fit the 170 mm text width; header cells in plain type as in the seed,
    # section and subsection rows bold.
    "gymnasium": Layout(
        name="gymnasium",
        doc_title="Шаблон: приказ общеобразовательной организации (гимназии) с планом",
        amend_title="Шаблон: приказ общеобразовательной организации (гимназии) о внесении "
                    "изменений",
        seed="003-gymnasium1-order-2022",
        appendix_margins=Margins(30, 10),
        appendix_landscape=False,
        issuer_bold=False,
        head=(("date",), ("number",), ("place",)),
        head_space=4,
        operative="line",
        operative_space=6,
        table_header_bold=False,
        passport_title_repeat=False,
    ),
    # Seed 004: «Дорожная карта» (план мероприятий) Управления образования Зырянского
    # района на 2025-2026 учебный год — a standalone plan, no order: the document starts
    # with the bold centred plan title on a landscape page.  Should a plan in this style
    # carry an order (or an amending order), it gets the plain ГОСТ layout: bold issuer,
    # «ПРИКАЗ», date left / number right, place, title, «ПРИКАЗЫВАЮ:» on its own line.
    "district-plan": Layout(
        name="district-plan",
        doc_title="Шаблон: план мероприятий («Дорожная карта») управления образования района",
        amend_title="Шаблон: приказ управления образования района о внесении изменений",
        seed="004-zyryansky-plan-2025",
        operative="line",
        operative_space=6,
        passport_title_repeat=False,
    ),
}
DEFAULT_STYLE = "kaliningrad-committee"


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
    _style_font(st.font, size=size, bold=bold, color=color)
    _paragraph_format(st.paragraph_format, align=align, first_line=first_line, left=left, before=before,
                      after=after, line_exact=line_exact, keep_next=keep_next, keep_lines=keep_lines)
    if contextual:
        _ppr_insert(st.element.get_or_add_pPr(), OxmlElement("w:contextualSpacing"),
                    _PPR_AFTER_CONTEXTUAL)
    if next_style is not None:
        st.next_paragraph_style = doc.styles[next_style]
    STYLE_IDS[name] = st.style_id
    return st


def _style_font(font, *, size, bold, color):
    """The style's font settings; only those given are written, so the rest stay inherited."""
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = RGBColor.from_string(color)


def _paragraph_format(pf, *, align, first_line, left, before, after, line_exact, keep_next, keep_lines):
    """The style's paragraph settings; only those given are written, so the rest stay inherited."""
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


C, L, R, J = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
              WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)
_ALIGN = {"left": L, "center": C}


def define_styles(doc, layout: Layout) -> None:
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

    def bold_or_none(flag: bool):  # «not bold» = inherit, so no <w:b w:val="0"/>
        return True if flag else None

    # -- the order ------------------------------------------------------------------
    _para_style(doc, "OF Body", align=J, first_line=FIRST_LINE_INDENT)
    # The last point of the order: kept on the page of the signature (ГОСТ practice —
    # a signature never stands alone on a page).
    _para_style(doc, "OF Body Keep", base="OF Body", keep_next=True)
    _para_style(doc, "OF Issuer", bold=bold_or_none(layout.issuer_bold), align=C,
                keep_next=True)
    _para_style(doc, "OF Kind", bold=bold_or_none(layout.kind_bold), size=layout.kind_size,
                align=C, before=12, after=12, keep_next=True)
    st = _para_style(doc, "OF Date Line", align=C if layout.uses_alone("date") else L,
                     after=layout.head_space, keep_next=True)
    if ("date", "number") in layout.head:
        st.paragraph_format.tab_stops.add_tab_stop(Twips(layout.order_text_width),
                                                   WD_TAB_ALIGNMENT.RIGHT)
    _para_style(doc, "OF Place", align=C, after=layout.head_space, keep_next=True)
    _para_style(doc, "OF Order Title", bold=True, align=_ALIGN[layout.title_align],
                before=12, after=12, contextual=True, keep_next=True, keep_lines=True)
    _para_style(doc, "OF Operative", bold=bold_or_none(layout.operative_bold), align=L,
                before=layout.operative_space, after=layout.operative_space, keep_next=True)
    # The gap above the signature is the style's space-before; contextual spacing keeps
    # it off the second and later position lines.
    _para_style(doc, "OF Signature", align=L, before=36, contextual=True, keep_next=True)
    _para_style(doc, "OF Signature Name", base="OF Signature", align=R)
    # Paragraph that carries a section break / closes the body: as small as possible.
    _para_style(doc, "OF Spacer", size=1, line_exact=1)

    # -- the appendix ----------------------------------------------------------------
    _para_style(doc, "OF Corner", align=L, size=layout.appendix_size,
                left=layout.appendix_text_width - mm(layout.corner_mm), keep_next=True)
    _para_style(doc, "OF Plan Title", bold=True, align=C, size=layout.appendix_size,
                before=12, after=12, contextual=True, keep_next=True)
    _para_style(doc, "OF Table Text", size=12, align=L)
    _para_style(doc, "OF Table Text Center", base="OF Table Text", align=C)
    _para_style(doc, "OF Table Header", base="OF Table Text",
                bold=bold_or_none(layout.table_header_bold), align=C)
    _para_style(doc, "OF Section Row", base="OF Table Text", bold=True, align=C,
                keep_next=True)

    # -- page header, template tags --------------------------------------------------
    _para_style(doc, "OF Page Number", size=12, align=C)
    _para_style(doc, "OF Template Tag", size=9, align=L, color="7F7F7F")

    _table_style(doc, "OF Table", borders="single", margins=(0, mm(1.5), 0, mm(1.5)))
    _table_style(doc, "OF Layout Table", borders="nil", margins=(0, 0, 0, 0))

    # -- only where the layout prints the number on a line of its own ------------------
    if layout.uses_alone("number"):
        _para_style(doc, "OF Number Line", align=C, after=layout.head_space, keep_next=True)
    if not layout.passport_title_repeat:
        _para_style(doc, "OF Table Gap", size=12, keep_next=True)


# ---------------------------------------------------------------------------------------
# Page setup and headers
# ---------------------------------------------------------------------------------------
def page_setup(section, *, landscape: bool, margins: Margins) -> None:
    section.start_type = WD_SECTION.NEW_PAGE
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_LONG), Twips(A4_SHORT)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    m = margins.twips()
    section.left_margin = Twips(m["left"])
    section.right_margin = Twips(m["right"])
    section.top_margin = Twips(m["top"])
    section.bottom_margin = Twips(m["bottom"])
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
# Document body: the order
# ---------------------------------------------------------------------------------------
def head_lines(layout: Layout) -> list:
    """Date, number and place, arranged as the layout says."""
    S = STYLE_IDS
    out = []
    for line in layout.head:
        if line == ("date", "number"):
            out.append(para(S["OF Date Line"], "{{ order.date }}", TAB, "{{ order.number }}"))
        elif line == ("date",):
            out.append(para(S["OF Date Line"], "{{ order.date }}"))
        elif line == ("number",):
            out.append(para(S["OF Number Line"], "{{ order.number }}"))
        elif line == ("place",):
            out.append(para(S["OF Place"], "{{ order.place }}"))
        else:
            raise ValueError(f"{layout.name}: unknown head line {line!r}")
    return out


def preamble_and_operative(layout: Layout) -> list:
    S = STYLE_IDS
    if layout.operative == "inline":
        # The operative word ends the last preamble paragraph (house style of seed 000).
        return [
            tag("{%p for para in order.preamble %}"),
            para(S["OF Body"], "{{ para }}", "{% if loop.last %} ",
                 ("{{ order.operative }}", True), "{% endif %}"),
            tag("{%p endfor %}"),
            tag("{%p if not order.preamble %}"),
            para(S["OF Operative"], "{{ order.operative }}"),
            tag("{%p endif %}"),
        ]
    if layout.operative == "line":
        return [
            tag("{%p for para in order.preamble %}"),
            para(S["OF Body"], "{{ para }}"),
            tag("{%p endfor %}"),
            para(S["OF Operative"], "{{ order.operative }}"),
        ]
    raise ValueError(f"{layout.name}: unknown operative placement {layout.operative!r}")


def order_content(layout: Layout) -> list:
    """The order from the issuer down to the signature (no ``if order`` around it)."""
    S = STYLE_IDS
    return [
        tag("{%p for line in order.issuer_lines %}"),
        para(S["OF Issuer"], "{{ line }}"),
        tag("{%p endfor %}"),
        para(S["OF Kind"], "{{ order.kind }}"),
        *head_lines(layout),
        tag("{%p for line in order.title_lines %}"),
        para(S["OF Order Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        *preamble_and_operative(layout),
        tag("{%p for point in order.body %}"),
        tag("{%p if loop.last %}"),
        para(S["OF Body Keep"], "{{ point }}"),
        tag("{%p else %}"),
        para(S["OF Body"], "{{ point }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        signature_table(layout),
    ]


def order_block(layout: Layout) -> list:
    return [tag("{%p if order %}"), *order_content(layout)]


def signature_table(layout: Layout):
    S = STYLE_IDS
    cols = layout.signature_cols
    left = cell(
        [
            tag("{%p for line in order.signature.position_lines %}"),
            para(S["OF Signature"], "{{ line }}"),
            tag("{%p endfor %}"),
            tag("{%p if not order.signature.position_lines %}"),
            para(S["OF Signature"]),
            tag("{%p endif %}"),
        ],
        width=cols[0],
        valign="bottom",
    )
    right = cell(
        [para(S["OF Signature Name"], "{{ order.signature.name }}")],
        width=cols[1],
        valign="bottom",
    )
    return table(S["OF Layout Table"], "orderforge:signature", list(cols),
                 [row(left, right, cant_split=True)], width=layout.order_text_width,
                 description="Подпись: должность слева, И.О. Фамилия справа на одной "
                             "линии с последней строкой должности")


# ---------------------------------------------------------------------------------------
# Document body: the appendix
# ---------------------------------------------------------------------------------------
def passport_table(layout: Layout):
    S = STYLE_IDS
    w0, w1 = layout.passport_cols
    return table(
        S["OF Table"],
        "orderforge:passport",
        [w0, w1],
        [
            tag_row("{%tr for entry in appendix.passport %}", 2, layout.appendix_text_width),
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
                cant_split=True,  # a label must not be left alone at a page foot, its items overleaf
            ),
            tag_row("{%tr endfor %}", 2, layout.appendix_text_width),
        ],
        description="Паспорт плана: наименование | перечень (каждый пункт — абзац)",
    )


def plan_table(layout: Layout):
    S = STYLE_IDS
    n = PLAN_TEMPLATE_COLS
    width = layout.appendix_text_width
    base = width // n
    grid = [base] * (n - 1) + [width - base * (n - 1)]

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
        # an activity is read as one row: split over two pages its deadline or result lands overleaf
        # (Word and LibreOffice still break a row taller than a page)
        cant_split=True,
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


def appendix_block(layout: Layout) -> list:
    S = STYLE_IDS
    out = [
        # Appendix mark (with an order) or approval stamp (without one); may be empty.
        tag("{%p for line in appendix.corner_lines %}"),
        para(S["OF Corner"], "{{ line }}"),
        tag("{%p endfor %}"),
        tag("{%p for line in appendix.title_lines %}"),
        para(S["OF Plan Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        # Passport table (none in seeds 001, 003, 004, but a plan may have one).
        tag("{%p if appendix.passport %}"),
        passport_table(layout),
    ]
    if layout.passport_title_repeat:
        # As in seed 000: the plan title repeated above the plan table when a passport
        # stands between them.  It also keeps the two tables apart.
        out += [
            tag("{%p for line in appendix.title_lines %}"),
            para(S["OF Plan Title"], "{{ line }}"),
            tag("{%p endfor %}"),
        ]
    else:
        # An empty line between the passport and the plan table (two tables in a row
        # would merge into one).
        out.append(para(S["OF Table Gap"]))
    out += [
        tag("{%p endif %}"),
        plan_table(layout),
        # Word needs a paragraph after a final table; keep it 1 pt high.
        para(S["OF Spacer"]),
    ]
    return out


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


def _properties(doc, title: str, subject: str) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.subject = subject
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


def _new_document(layout: Layout, title: str, subject: str):
    doc = Document()
    define_styles(doc, layout)
    _settings(doc)
    _properties(doc, title, subject)
    _drop_thumbnail(doc)
    return doc


def build(output: Path, layout: Layout | str = DEFAULT_STYLE) -> Path:
    """``template.docx``: the order (if any) and its appendix."""
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    doc = _new_document(layout, layout.doc_title, f"orderforge house style «{layout.name}»")
    body = doc.element.body
    sentinel = body.sectPr

    # Section 1: the order (portrait).  Headers first: add_section copies them.
    s1 = doc.sections[0]
    page_setup(s1, landscape=False, margins=layout.order_margins)
    setup_headers(s1, first_page=[para(STYLE_IDS["OF Page Number"])])
    for e in order_block(layout):
        sentinel.addprevious(e)
    doc.add_section(WD_SECTION.NEW_PAGE)
    # python-docx appended an empty paragraph carrying section 1's sectPr: make it tiny.
    brk = body.findall(qn("w:p"))[-1]
    assert brk.find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    brk.pPr.get_or_add_pStyle().set(qn("w:val"), STYLE_IDS["OF Spacer"])
    # …and it sits inside the {%p if order %} region, so it vanishes with the order.
    sentinel.addprevious(tag("{%p endif %}"))

    # Section 2: the appendix (landscape or portrait).
    s2 = doc.sections[-1]
    page_setup(s2, landscape=layout.appendix_landscape, margins=layout.appendix_margins)
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
    for e in appendix_block(layout):
        sentinel.addprevious(e)
    return _save(doc, output)


def build_amend(output: Path, layout: Layout | str = DEFAULT_STYLE) -> Path:
    """``amend.docx``: an order alone (amending order), portrait, one section.

    Same header, body and signature layout as the style's order part; the context is
    ``{"order": {...}, "appendix": None}`` and the template never mentions ``appendix``
    nor tests ``order`` (an amending order without an order is a caller's bug: under
    StrictUndefined it fails instead of printing an empty page)."""
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    doc = _new_document(layout, layout.amend_title,
                        f"orderforge house style «{layout.name}»: приказ о внесении изменений")
    body = doc.element.body
    sentinel = body.sectPr
    s1 = doc.sections[0]
    page_setup(s1, landscape=False, margins=layout.order_margins)
    setup_headers(s1, first_page=[para(STYLE_IDS["OF Page Number"])])
    for e in order_content(layout):
        sentinel.addprevious(e)
    # Word needs a paragraph after a final table; keep it 1 pt high.
    sentinel.addprevious(para(STYLE_IDS["OF Spacer"]))
    return _save(doc, output)


def build_report(output: Path, layout: Layout | str = DEFAULT_STYLE) -> Path:
    """``report.docx``: «Отчет о реализации плана …» (orderforge report), one landscape section like the appendix.

    Context: ``report.title_lines``, ``report.summary`` (paragraphs), ``report.chart`` (an image, or "")
    and ``appendix.table`` — the plan table of template.docx, whose rows carry two more cells
    («Отметка о выполнении», «Информация о выполнении»)."""
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    doc = _new_document(layout, f"Шаблон: отчет о реализации плана ({layout.name})",
                        f"orderforge house style «{layout.name}»: отчет о реализации плана")
    S = STYLE_IDS
    section = doc.sections[0]
    # Always landscape: the plan's columns plus two more do not fit a portrait page (gymnasium's plan is portrait).
    page_setup(section, landscape=True, margins=layout.appendix_margins)
    setup_headers(section, first_page=[para(S["OF Page Number"])])
    sentinel = doc.element.body.sectPr
    for e in [
        tag("{%p for line in report.title_lines %}"),
        para(S["OF Plan Title"], "{{ line }}"),
        tag("{%p endfor %}"),
        tag("{%p for line in report.summary %}"),
        para(S["OF Body"], "{{ line }}"),
        tag("{%p endfor %}"),
        para(S["OF Table Text Center"], "{{ report.chart }}"),
        plan_table(layout),
        para(S["OF Spacer"]),
    ]:
        sentinel.addprevious(e)
    return _save(doc, output)


def build_style(layout: Layout | str, root: Path = TEMPLATES) -> list[Path]:
    """The templates of one style into ``root/<style>/``."""
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    folder = root / layout.name
    return [build(folder / "template.docx", layout), build_amend(folder / "amend.docx", layout),
            build_report(folder / "report.docx", layout)]


def build_all(root: Path = TEMPLATES, names: list[str] | None = None) -> list[Path]:
    written: list[Path] = []
    for name in names or list(LAYOUTS):
        written += build_style(LAYOUTS[name], root)
    return written


def _save(doc, output: Path) -> Path:
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
    ap = argparse.ArgumentParser(description="Generate the built-in house styles' templates.")
    ap.add_argument("output", nargs="?", type=Path,
                    help="legacy: write kaliningrad-committee's template.docx to this path only")
    ap.add_argument("--style", action="append", choices=sorted(LAYOUTS),
                    help="only this style (repeatable); default: every style")
    ap.add_argument("--out", type=Path, default=TEMPLATES,
                    help="root folder for <style>/template.docx and amend.docx "
                         "(default: the bundled src/orderforge/templates/)")
    args = ap.parse_args(argv)
    if args.output is not None:
        paths = [build(args.output, DEFAULT_STYLE)]
    else:
        paths = build_all(args.out, args.style)
    for path in paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
