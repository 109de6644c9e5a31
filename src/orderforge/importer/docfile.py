"""The .docx file: opening it, and Word's automatic list numbering.

:func:`read_document` turns anything that is not a readable .docx into a Russian
error (IM001, IM002) before any reading starts; :class:`Numbering` gives back the
markers («1)», «–») Word draws for list paragraphs but does not store in the text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..diagnostics import UserError
from ..docxtext import Block, ListRef

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
    def read(cls, package: zipfile.ZipFile) -> Numbering:
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
