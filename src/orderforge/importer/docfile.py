"""The .docx file: opening it, and Word's automatic list numbering.

:func:`read_document` turns anything that is not a readable .docx into a Russian
error (IM001, IM002) before any reading starts; :class:`Numbering` gives back the
markers («1)», «–») Word draws for list paragraphs but does not store in the text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Iterator, Optional

from ..diagnostics import UserError
from ..docxtext import Block, ListRef, Paragraph, Table


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN_NUMERALS = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN_NUMERALS:
        while n >= value:
            out += letters
            n -= value
    return out


class Numbering:
    """Turns Word's automatic list numbering back into the marker a reader sees («1)», «–»).

    Counters run per list (numId) in document order, as Word counts them; a
    deeper level restarts when a shallower one advances.
    """

    def __init__(self, formats: dict[str, dict[int, tuple[str, str, int]]]) -> None:
        self.formats = formats
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def read(cls, package: zipfile.ZipFile) -> "Numbering":
        from lxml import etree

        try:
            root = etree.fromstring(package.read("word/numbering.xml"))
        except (KeyError, etree.XMLSyntaxError):
            return cls({})
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl") or 0)] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "%1.") if text is not None else "%1.",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId") or ""] = levels
        formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                formats[num.get(f"{_W}numId") or ""] = abstract.get(ref.get(f"{_W}val") or "", {})
        return cls(formats)

    def marker(self, ref: ListRef) -> str:
        """«– » for a bullet, «3) » / «3. » for a numbered item, "" when unknown."""
        if ref is None:
            return ""
        num_id, level = ref
        fmt, text, start = self.formats.get(num_id, {}).get(level, ("decimal", "%1.", 1))
        if fmt in ("bullet", "none"):
            return "– " if fmt == "bullet" else ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        n = counters[level]
        if fmt in ("lowerLetter", "upperLetter"):
            label = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        elif fmt in ("russianLower", "russianUpper"):
            label = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)]
        elif fmt in ("lowerRoman", "upperRoman"):
            label = _roman(n)
        else:
            label = str(n)
        if fmt.startswith("upper") or fmt == "russianUpper":
            label = label.upper()
        elif fmt == "lowerRoman":
            label = label.lower()
        own = re.sub(r"%\d", "", text.replace(f"%{level + 1}", label)) if f"%{level + 1}" in text else f"{label}."
        return own.strip() + " "


def _with_marker(text: str, ref: ListRef, numbering: Numbering) -> str:
    marker = numbering.marker(ref)
    if not marker or re.match(r"^\s*(?:[-–—•]|\d{1,2}[.)])\s", text):
        return text
    return marker + text.lstrip()


def read_document(path: Path, name: str) -> tuple[list[Block], Numbering]:
    """The body blocks, or a Russian UserError (exit 1) for anything that is not a readable .docx."""
    import zlib

    from lxml import etree

    from ..docxtext import read_blocks

    if not path.exists():
        raise UserError.simple("IM001", name, "файл не найден", "проверьте путь к документу Word")
    if path.is_dir():
        raise UserError.simple("IM001", name, "это папка, а не документ Word", "укажите файл .docx")
    hint = ("откройте файл в Word и сохраните как «Документ Word (*.docx)»; "
            "файл .doc (Word 97–2003) и документ с паролем прочитать нельзя")
    damaged = UserError.simple("IM002", name, "это не документ Word (.docx) или файл повреждён", hint, exit_code=1)
    try:
        if not zipfile.is_zipfile(path):
            raise damaged
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise damaged
            numbering = Numbering.read(package)
            blocks = read_blocks(path)
            _apply_style_lists(blocks, package)
    except PermissionError:
        raise UserError.simple("IM001", name, "файл не удаётся прочитать: нет доступа", "") from None
    except UserError as exc:
        if any(d.code == "OF031" for d in exc.diagnostics):
            raise damaged from None
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, etree.XMLSyntaxError, EOFError, OSError,
            ValueError, NotImplementedError, RuntimeError):
        raise damaged from None
    return blocks, numbering


def _style_lists(package: zipfile.ZipFile) -> dict[str, tuple[str, int]]:
    """Paragraph styles that make a list («List Bullet», «Список»): style id → (numId, level),
    through ``basedOn``. Word draws their bullets although the paragraphs carry no numPr."""
    from lxml import etree

    try:
        root = etree.fromstring(package.read("word/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    own: dict[str, Optional[tuple[str, int]]] = {}
    parent: dict[str, str] = {}
    for style in root.findall(f"{_W}style"):
        if style.get(f"{_W}type") != "paragraph":
            continue
        sid = style.get(f"{_W}styleId") or ""
        based = style.find(f"{_W}basedOn")
        if based is not None:
            parent[sid] = based.get(f"{_W}val") or ""
        num = style.find(f"{_W}pPr/{_W}numPr")
        if num is not None:
            num_id, level = num.find(f"{_W}numId"), num.find(f"{_W}ilvl")
            value = num_id.get(f"{_W}val") if num_id is not None else None
            own[sid] = (value, int(level.get(f"{_W}val") or 0) if level is not None else 0) \
                if value and value != "0" else None
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


def _apply_style_lists(blocks: list[Block], package: zipfile.ZipFile) -> None:
    """Give list membership to paragraphs that are bullets by their style only (python-docx's
    «List Bullet», a clerk's «Маркированный список»): the blocks are walked alongside the XML
    they were read from, paragraph for paragraph, in the same order."""
    from lxml import etree

    styles = _style_lists(package)
    if not styles:
        return
    body = etree.fromstring(package.read("word/document.xml")).find(f"{_W}body")
    if body is None:
        return
    for block, element in zip(blocks, _block_elements(body)):
        if isinstance(block, Paragraph) and element.tag == f"{_W}p":
            block.num = block.num or _style_list(element, styles)
        elif isinstance(block, Table) and element.tag == f"{_W}tbl":
            _apply_to_table(block, element, styles)


def _block_elements(container: Any) -> Iterator[Any]:
    """The elements docxtext makes blocks of, in its order (``w:sdt`` content included)."""
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_elements(content)


def _apply_to_table(table: Table, element: Any, styles: dict[str, tuple[str, int]]) -> None:
    for row, tr in zip(table.rows, element.findall(f"{_W}tr")):
        for cell, tc in zip(row, tr.findall(f"{_W}tc")):
            kept = [p for p in tc.iter(f"{_W}p") if "".join(p.itertext()).strip()]
            if len(kept) != len(cell.paras):
                continue  # not the paragraphs docxtext kept: leave the cell as read
            nums = cell.nums or [None] * len(cell.paras)
            cell.nums = [ref or _style_list(p, styles) for ref, p in zip(nums, kept)]


def _style_list(p: Any, styles: dict[str, tuple[str, int]]) -> ListRef:
    """The list a paragraph belongs to by its style; None when it says otherwise (its own numPr)."""
    if p.find(f"{_W}pPr/{_W}numPr") is not None:
        return None
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return styles.get(style.get(f"{_W}val") or "") if style is not None else None
