"""Read the text of a .docx back, in document order, tables as rows of cells.

Used by ``orderforge text`` (readable ``git diff`` of built documents through
textconv), by the golden tests (documents are compared by meaning, never by
bytes) and later by ``import``. Reads word/document.xml with lxml directly:
python-docx would be slower and hides cell merges.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from .diagnostics import UserError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: A Word list paragraph (automatic numbering or bullets): (w:numId, w:ilvl).
ListRef = Optional[tuple[str, int]]


@dataclass
class Paragraph:
    text: str
    align: str = ""  # w:jc («center», «right», «both»), "" when not set
    num: ListRef = None


@dataclass
class Cell:
    paras: list[str]
    span: int = 1
    vmerge: str = ""  # w:vMerge: "restart", "continue" (merged with the cell above) or ""
    nums: list[ListRef] = field(default_factory=list)  # list membership of each of ``paras``

    @property
    def text(self) -> str:
        return "\n".join(self.paras)


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    header_rows: set[int] = field(default_factory=set)  # rows repeated on every page (w:tblHeader)


Block = Union[Paragraph, Table]


def _para_text(p: object) -> str:
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}noBreakHyphen"):  # type: ignore[attr-defined]
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag == f"{W}noBreakHyphen":  # Word's own no-break hyphen reads (and is searched) as «-»
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def read_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables of the body, in order."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
            styles = _style_lists(package)
    except FileNotFoundError:
        raise UserError.simple("OF030", str(path), "файл не найден", "") from None
    except (zipfile.BadZipFile, KeyError):
        raise UserError.simple("OF031", str(path), "это не документ Word (.docx) или файл повреждён",
                               "откройте файл в Word и сохраните как «Документ Word (*.docx)»", exit_code=1) from None
    body = etree.fromstring(xml).find(f"{W}body")
    return list(_blocks(body, styles)) if body is not None else []


def _blocks(container: object, styles: dict[str, tuple[str, int]]) -> Iterator[Block]:
    for child in container:  # type: ignore[attr-defined]
        if child.tag == f"{W}p":
            jc = child.find(f"{W}pPr/{W}jc")
            yield Paragraph(_para_text(child), jc.get(f"{W}val", "") if jc is not None else "", _para_num(child, styles))
        elif child.tag == f"{W}tbl":
            yield _table(child, styles)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content, styles)


def _table(tbl: object, styles: dict[str, tuple[str, int]]) -> Table:
    caption = tbl.find(f"{W}tblPr/{W}tblCaption")  # type: ignore[attr-defined]
    table = Table(caption=caption.get(f"{W}val") if caption is not None else "")
    for tr in tbl.findall(f"{W}tr"):  # type: ignore[attr-defined]
        row: list[Cell] = []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            merge_el = tc.find(f"{W}tcPr/{W}vMerge")
            vmerge = (merge_el.get(f"{W}val") or "continue") if merge_el is not None else ""
            found = [(_para_text(p), _para_num(p, styles)) for p in tc.iter(f"{W}p")]
            kept = [(text, num) for text, num in found if text.strip()]
            row.append(Cell([t for t, _ in kept], span, vmerge, [n for _, n in kept]))
        if tr.find(f"{W}trPr/{W}tblHeader") is not None:
            table.header_rows.add(len(table.rows))
        table.rows.append(row)
    return table


def _para_num(p: object, styles: dict[str, tuple[str, int]]) -> ListRef:
    """(numId, level) of a paragraph in a Word list, None otherwise (numId 0 switches a list off).

    The paragraph's own numPr decides; without one, its style's list (``styles``) does.
    """
    num = p.find(f"{W}pPr/{W}numPr")  # type: ignore[attr-defined]
    if num is None:
        style = p.find(f"{W}pPr/{W}pStyle")  # type: ignore[attr-defined]
        return styles.get(style.get(f"{W}val") or "") if style is not None else None
    return _num_ref(num)


def _num_ref(num: object) -> ListRef:
    num_id, level = num.find(f"{W}numId"), num.find(f"{W}ilvl")  # type: ignore[attr-defined]
    value = num_id.get(f"{W}val") if num_id is not None else None
    if not value or value == "0":
        return None
    return value, int(level.get(f"{W}val") or 0) if level is not None else 0


def _style_lists(package: zipfile.ZipFile) -> dict[str, tuple[str, int]]:
    """Paragraph styles that make a list («List Bullet», «Маркированный список»): style id → (numId, level),
    through ``basedOn``. Word draws their bullets although the paragraphs carry no numPr of their own."""
    from lxml import etree

    try:
        root = etree.fromstring(package.read("word/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    own: dict[str, ListRef] = {}
    parent: dict[str, str] = {}
    for style in root.findall(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        sid = style.get(f"{W}styleId") or ""
        based = style.find(f"{W}basedOn")
        if based is not None:
            parent[sid] = based.get(f"{W}val") or ""
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            own[sid] = _num_ref(num)
    out: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(parent):
        seen, current = set(), sid
        while current and current not in own and current not in seen:
            seen.add(current)
            current = parent.get(current, "")
        found = own.get(current) if current else None
        if found is not None:
            out[sid] = found
    return out


def docx_text(path: Path) -> str:
    """Plain text: paragraphs as lines, table rows as «cell | cell», cell paragraphs joined by « / »."""
    lines: list[str] = []
    for block in read_blocks(path):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            for row in block.rows:
                lines.append(" | ".join(" / ".join(c.paras) for c in row))
    return "\n".join(lines)
