"""Raw WordprocessingML for test documents, where python-docx cannot reach.

python-docx makes the package (styles, numbering part, images, comments); the
body is written here as XML so that a test can put in exactly what real files
contain: ``w:numPr`` on empty paragraphs, ``w:noBreakHyphen``/``w:softHyphen``,
tracked insertions and deletions, ``w:vMerge``/``w:gridSpan``, repeated header
rows, sections in landscape, hostile attribute values.

Text passed to :func:`p` is marked up lightly: ``\\u2011`` becomes a
``w:noBreakHyphen``, ``\\u00ad`` a ``w:softHyphen``, ``\\n`` a ``w:br``, ``\\t`` a
``w:tab``; ``[+…+]`` is a tracked insertion and ``[-…-]`` a tracked deletion.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


def new_document(landscape: bool = False) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    props = document.core_properties
    props.author = props.last_modified_by = "orderforge tests"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    return document


def _runs(text: str, bold: bool = False) -> str:
    """Runs of marked-up text (see the module docstring)."""
    out = []
    for kind, chunk in _tracked(text):
        body = []
        for piece in re.split(r"(\u2011|\u00ad|\n|\t)", chunk):
            if piece == "\u2011":
                body.append("<w:noBreakHyphen/>")
            elif piece == "\u00ad":
                body.append("<w:softHyphen/>")
            elif piece == "\n":
                body.append("<w:br/>")
            elif piece == "\t":
                body.append("<w:tab/>")
            elif piece:
                tag = "w:delText" if kind == "del" else "w:t"
                body.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        run = f"<w:r>{props}{''.join(body)}</w:r>"
        meta = 'w:id="{}" w:author="Проверяющий" w:date="2026-01-10T10:00:00Z"'
        if kind == "ins":
            run = f"<w:ins {meta.format(_next_id())}>{run}</w:ins>"
        elif kind == "del":
            run = f"<w:del {meta.format(_next_id())}>{run}</w:del>"
        out.append(run)
    return "".join(out)


_IDS = iter(range(1000, 10**6))


def _next_id() -> int:
    return next(_IDS)


def _tracked(text: str) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for m in re.finditer(r"\[\+(.*?)\+\]|\[-(.*?)-\]|([^\[]+|\[)", text, re.S):
        if m.group(1) is not None:
            parts.append(("ins", m.group(1)))
        elif m.group(2) is not None:
            parts.append(("del", m.group(2)))
        else:
            parts.append(("", m.group(3)))
    return parts


def p(text: str = "", *, num: tuple[str, int] | None = None, jc: str = "", bold: bool = False,
      style: str = "", sect: str = "") -> str:
    """One paragraph. ``num`` = (numId, level) makes it a Word list paragraph; ``sect`` ends a section."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr += sect
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{_runs(text, bold)}</w:p>"


def landscape_section_end(landscape: bool) -> str:
    """A ``w:sectPr`` closing the section before it (put into the last paragraph of that section)."""
    w, h, orient = (16838, 11906, ' w:orient="landscape"') if landscape else (11906, 16838, "")
    return (f'<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" '
            'w:gutter="0"/></w:sectPr>')


@dataclass
class C:
    """A table cell: its paragraphs (XML from :func:`p`, or plain strings), span and vertical merge."""

    paras: list[str] | str = ""
    span: int | str = 1
    vmerge: str = ""  # "restart" | "continue" | ""

    def xml(self) -> str:
        props = ""
        if self.span != 1:
            props += f'<w:gridSpan w:val="{self.span}"/>'
        if self.vmerge == "continue":
            props += "<w:vMerge/>"
        elif self.vmerge:
            props += f'<w:vMerge w:val="{self.vmerge}"/>'
        paras = [self.paras] if isinstance(self.paras, str) else self.paras
        body = "".join(x if x.startswith("<w:p>") else p(x) for x in paras) or "<w:p/>"
        return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def row(cells: list[C | str], header: bool = False) -> str:
    tr_pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{tr_pr}{''.join((c if isinstance(c, C) else C(c)).xml() for c in cells)}</w:tr>"


def table(widths_mm: list[int], rows: list[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{int(w * 56.7)}"/>' for w in widths_mm)
    borders = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def append(document: Any, *xml: str) -> None:
    """Put raw body elements at the end of the body (before its closing sectPr)."""
    from lxml import etree

    body = document.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    for fragment in xml:
        element = etree.fromstring(f"<w:root {NSDECL}>{fragment}</w:root>")
        for child in list(element):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
    last = sect.getprevious() if sect is not None else body[-1]
    if last is not None and last.tag == f"{{{W_NS}}}tbl":  # Word always ends the body with a paragraph
        append(document, "<w:p/>")


def add_list(document: Any, abstract_id: int, levels: list[tuple[str, str, int]],
             num_ids: list[tuple[int, dict[int, int]]]) -> None:
    """An abstract list with its levels (numFmt, lvlText, start) and the nums that use it
    (numId, {level: startOverride})."""
    from lxml import etree

    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels))
    abstract = etree.fromstring(f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">'
                                f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id, starts in num_ids:
        overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
                            for lvl, s in starts.items())
        numbering.append(etree.fromstring(f'<w:num {NSDECL} w:numId="{num_id}">'
                                          f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))


def tiny_png() -> bytes:
    """A 16×16 blue square: the emblem of a letterhead."""
    raw = b"".join(b"\x00" + b"\x20\x40\xc0" * 16 for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def save(document: Any, path: Path) -> Path:
    """Save with fixed zip timestamps, so the same case gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    path.write_bytes(out.getvalue())
    return path
