"""Read the text of a .docx back, in document order, tables as rows of cells.

Used by ``orderforge text`` (readable ``git diff`` of built documents through
textconv), by the golden tests (documents are compared by meaning, never by
bytes) and later by ``import``. Reads word/document.xml with lxml directly:
python-docx would be slower and hides cell merges.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from .diagnostics import UserError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Paragraph:
    text: str


@dataclass
class Cell:
    paras: list[str]
    span: int = 1

    @property
    def text(self) -> str:
        return "\n".join(self.paras)


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""


Block = Union[Paragraph, Table]


def _para_text(p: object) -> str:
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):  # type: ignore[attr-defined]
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def read_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables of the body, in order."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
    except FileNotFoundError:
        raise UserError.simple("OF030", str(path), "файл не найден", "") from None
    except (zipfile.BadZipFile, KeyError):
        raise UserError.simple("OF031", str(path), "это не документ Word (.docx) или файл повреждён",
                               "откройте файл в Word и сохраните как «Документ Word (*.docx)»", exit_code=1) from None
    body = etree.fromstring(xml).find(f"{W}body")
    return list(_blocks(body)) if body is not None else []


def _blocks(container: object) -> Iterator[Block]:
    for child in container:  # type: ignore[attr-defined]
        if child.tag == f"{W}p":
            yield Paragraph(_para_text(child))
        elif child.tag == f"{W}tbl":
            yield _table(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _table(tbl: object) -> Table:
    caption = tbl.find(f"{W}tblPr/{W}tblCaption")  # type: ignore[attr-defined]
    table = Table(caption=caption.get(f"{W}val") if caption is not None else "")
    for tr in tbl.findall(f"{W}tr"):  # type: ignore[attr-defined]
        row: list[Cell] = []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            paras = [_para_text(p) for p in tc.iter(f"{W}p")]
            row.append(Cell([p for p in paras if p.strip()], span))
        table.rows.append(row)
    return table


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
