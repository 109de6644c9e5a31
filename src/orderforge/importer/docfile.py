"""The document file: opening it (.docx, or .doc/.odt/.rtf through LibreOffice) and its list labels.

:func:`read_document` turns anything that is not a readable document into a
Russian error (IM001, IM002, IM006) before any reading starts. Russian offices
keep years of .doc files: those, .odt and .rtf are converted to .docx by the
LibreOffice that ``build --pdf`` already uses (same process handling,
:func:`orderforge.pdf.run_soffice`), into a temporary folder that is removed
after reading. Word's automatic list labels («1.», «2.3.», «–») are counted
while the file is read (:mod:`orderforge.wordlists`); :func:`_with_marker` puts
them back in front of the text, as a reader sees them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..diagnostics import UserError
from ..docxtext import Block
from ..slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on import's start-up (issue 11): slotted.py says why
    from collections.abc import Callable
    from typing import IO, Any

    from ..safeio import ForeignPackage

#: Formats LibreOffice converts to .docx for import (Word 97–2003, OpenDocument, RTF).
CONVERTED = (".doc", ".odt", ".rtf")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97–2003 file (also when renamed to .docx)
CONVERT_TIMEOUT = 180.0
#: Rows of all tables together above which import refuses (IM007), before reading: time and memory
#: grow linearly (about 0.9 s and 151 MB at 9,000 rows measured, tools/bench_import.py --scale), but a table
#: this long is no roadmap a committee signs, and a plan of parts keeps every file reviewable.
MAX_ROWS = 10_000
#: The largest body whose rows are bounded on the bytes read once for every reader; a larger one (some
#: 50,000 rows and more: 10,000 rows take about 6.5 MB) is bounded on a stream first, so that refusing a
#: table far over :data:`MAX_ROWS` holds no more memory than streaming it (a 100,000-row file: 28 MB).
HELD_BODY_BYTES = 32 * 1024 * 1024


class Numbering(Slotted):
    """What reading the file noticed on the way: attribute values taken as their default
    (``w:gridSpan w:val="пять"``), reported by the importer as warnings (IM008).

    (The name is kept from when this class counted Word's lists; the counting is now done
    in document order while the file is read, :mod:`orderforge.wordlists`.)"""

    __slots__ = ("problems", "converted_from", "document", "package")
    problems: list[str]
    converted_from: str  # «.doc» when LibreOffice converted the file
    #: word/document.xml as read_blocks parsed it (a .docx given as such, or the package read whole): the
    #: style made from the same document takes it (stylegen.derive_style, which changes it) instead of
    #: parsing the part again
    document: Any
    #: every part of the package (safeio.PackageParts) when read_document was asked for the whole package:
    #: the style made from the document takes them instead of opening the file (and converting it) again
    package: Any

    def __init__(self, problems: list[str] | None = None, converted_from: str = "", document: Any = None,
                 package: Any = None) -> None:
        self.problems = [] if problems is None else problems
        self.converted_from, self.document, self.package = converted_from, document, package

    def __eq__(self, other: object) -> bool:  # the parsed body and the package are neither compared nor shown
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.problems, self.converted_from) == (other.problems, other.converted_from)

    def __repr__(self) -> str:
        return f"Numbering(problems={self.problems!r}, converted_from={self.converted_from!r})"


def _with_marker(text: str, label: str) -> str:
    """The text with the label Word draws before it («1. », «– »), unless the text has one typed."""
    if not label or re.match(r"^\s*(?:[-–—•]|\d{1,2}[.)])\s", text):
        return text
    if not text.strip():
        return "" if label == "–" else label  # an empty numbered paragraph still shows its number
    return f"{label} {text.lstrip()}"


def _kind(path: Path) -> str:
    """«docx», «convert» (.doc/.odt/.rtf, or a Word 97–2003 file whatever its name) or «other»."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC or path.suffix.lower() in CONVERTED:
        return "convert"
    return "docx"


def convert_to_docx(path: Path, name: str, folder: Path) -> Path:
    """``path`` (.doc, .odt, .rtf) converted to .docx inside ``folder`` by LibreOffice; a Russian
    UserError saying what to install when LibreOffice is missing, or what to do when it fails."""
    import shutil

    from ..pdf import find_soffice, run_soffice

    soffice = find_soffice()
    if soffice is None:
        raise UserError.simple(
            "IM006", name, f"файл {path.suffix or 'этого вида'} читается через LibreOffice, а он не найден",
            "установите LibreOffice: в Debian/Ubuntu — sudo apt-get install libreoffice-writer-nogui, "
            "в Windows — с сайта libreoffice.org (достаточно LibreOffice Writer); или откройте файл в Word "
            "и сохраните как «Документ Word (*.docx)»", exit_code=2)
    source = folder / f"source{path.suffix.lower() if path.suffix.lower() in CONVERTED else '.doc'}"
    shutil.copyfile(path, source)  # a plain name: LibreOffice names its output after the input
    finished = run_soffice(soffice, [source], "docx:MS Word 2007 XML", folder, CONVERT_TIMEOUT)
    produced = folder / "source.docx"
    if not finished or not zipfile.is_zipfile(produced):
        raise UserError.simple(
            "IM002", name, "LibreOffice не смог преобразовать файл в .docx" + ("" if finished else
                                                                              " (превышено время ожидания)"),
            "откройте файл в Word или LibreOffice и сохраните как «Документ Word (*.docx)»", exit_code=1)
    return produced


#: Whether the package is opened once and each part inflated once for every reader (the row bound, the
#: body, the list labels, and the style made from the document when ``whole``); off, each opens the file
#: itself as before (tests/test_import_readonce.py compares the two)
READ_ONCE = True


def read_document(path: Path, name: str, whole: bool = False) -> tuple[list[Block], Numbering]:
    """The body blocks, or a Russian UserError (exit 1) for anything that is not a readable document.

    ``whole``: every part of the package is read too (:attr:`Numbering.package`), for the style made from
    the document; a part that cannot be read is refused only when the style takes it, as when it read the
    file itself."""
    if not path.exists():
        raise UserError.simple("IM001", name, "файл не найден", "проверьте путь к документу Word")
    if path.is_dir():
        raise UserError.simple("IM001", name, "это папка, а не документ Word", "укажите файл .docx")
    from ..safeio import check_regular_file

    check_regular_file(path, name)  # a pipe or a device named .docx is never opened (it would hang or never end)
    try:
        kind = _kind(path)
    except PermissionError:
        raise UserError.simple("IM001", name, "файл не удаётся прочитать: нет доступа", "") from None
    except OSError:
        raise UserError.simple("IM001", name, "файл не удаётся прочитать", "проверьте путь к документу Word") \
            from None
    if kind == "docx":
        return _read_docx(path, name, Numbering(), whole)
    import tempfile  # only for a .doc/.odt/.rtf: not on a .docx's start-up

    with tempfile.TemporaryDirectory(prefix="orderforge-import-") as scratch:
        docx = convert_to_docx(path, name, Path(scratch))
        return _read_docx(docx, name, Numbering(converted_from=path.suffix.lower() or ".doc"), whole)


def _read_docx(path: Path, name: str, notes: Numbering, whole: bool = False) -> tuple[list[Block], Numbering]:
    import zlib

    from lxml import etree

    from ..docxtext import read_blocks

    hint = ("откройте файл в Word и сохраните как «Документ Word (*.docx)»; "
            "документ с паролем прочитать нельзя")
    damaged = UserError.simple("IM002", name, "это не документ Word (.docx) или файл повреждён", hint, exit_code=1)
    from ..safeio import package

    trees: list[object] = []
    try:
        if not zipfile.is_zipfile(path):
            raise damaged
        with package(path, name) as opened:  # the one gate: sizes and ratio checked before inflating
            if not opened.has("word/document.xml"):
                raise damaged
            if READ_ONCE:
                blocks = _read_shared(opened, path, name, notes, trees, damaged, whole)
            else:  # as before: the rows bounded on a stream, and read_blocks opening the file itself
                _check_rows(lambda: opened.stream("word/document.xml"), name)
        if not READ_ONCE:
            blocks = read_blocks(path, notes.problems, trees)
        if trees and (not notes.converted_from or notes.package is not None):
            notes.document = trees[0]
    except PermissionError:
        raise UserError.simple("IM001", name, "файл не удаётся прочитать: нет доступа", "") from None
    except UserError as exc:
        if any(d.code == "OF031" for d in exc.diagnostics):
            raise damaged from None
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, etree.XMLSyntaxError, EOFError, OSError,
            ValueError, NotImplementedError, RuntimeError):
        raise damaged from None
    return blocks, notes


def _read_shared(opened: ForeignPackage, path: Path, name: str, notes: Numbering, trees: list[object],
                 damaged: UserError, whole: bool) -> list[Block]:
    """The rows bounded, the body read and, when ``whole``, every part: from one opening of the package, each
    part inflated once (document.xml is held whole while its rows are bounded: the body's reader takes it
    next). read_blocks reads under the name it gives the file when it opens it itself."""
    from ..docxtext import read_blocks

    opened.share()
    if opened.size("word/document.xml") > HELD_BODY_BYTES:  # so large it may be refused: bounded as a stream
        _check_rows(lambda: opened.stream("word/document.xml"), name)  # first, never held whole for that
        body = _body(opened, damaged)
    else:
        body = _body(opened, damaged)
        _check_rows(lambda: io.BytesIO(body), name)
    blocks = read_blocks(path, notes.problems, trees, opened.named(str(path)))
    if whole:
        notes.package = opened.read_all()
    return blocks


def _body(opened: ForeignPackage, damaged: UserError) -> bytes:
    """word/document.xml inflated (once: kept for its readers); a part that does not inflate is a damaged
    file (IM002), as when it was streamed to bound its rows."""
    try:
        return opened.read("word/document.xml")
    except UserError as exc:
        if any(d.code == "OF073" for d in exc.diagnostics):
            raise damaged from None
        raise


def _check_rows(part: Callable[[], IO[bytes]], name: str) -> None:
    """IM007 for too many rows, before parsing: bounded first, counted exactly only when the bound is over the
    limit (``part`` opens document.xml as a stream, each time from its start)."""
    with part() as xml:
        bound = _row_bound(xml)
    if bound > MAX_ROWS:  # perhaps too many rows: counted exactly, for the refusal to say how many
        with part() as xml:
            _check_size(_count_rows(xml), name)


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tr[\s/>]")


def _count_rows(xml: IO[bytes], chunk: int = 1 << 20) -> int:
    """Table rows in document.xml (``<w:tr>``, whatever the prefix), counted in its bytes as they are
    decompressed, a megabyte at a time: neither the whole text nor a tree is ever held."""
    count, tail = 0, b""
    while True:
        block = xml.read(chunk)
        if not block:
            return count + len(_ROW_TAG.findall(tail))
        data = tail + block
        cut = max(data.rfind(b"<"), 0)  # a tag cut by the chunk boundary is counted with the next chunk
        count += len(_ROW_TAG.findall(data, 0, cut))
        tail = data[cut:]


def _row_bound(xml: IO[bytes], chunk: int = 1 << 20) -> int:
    """At least the rows :func:`_count_rows` counts, found ten times cheaper: every ``<w:tr>`` holds
    the bytes «tr» (within a chunk, or split by one of the chunk boundaries counted here too). Most
    documents are far below :data:`MAX_ROWS` by this bound already and need no exact count."""
    bound = 0
    while block := xml.read(chunk):
        bound += block.count(b"tr") + 1
    return bound


def _check_size(rows: int, name: str) -> None:
    """IM007: a document whose tables hold more than :data:`MAX_ROWS` rows is refused, saying how to split it."""
    if rows > MAX_ROWS:
        raise UserError.simple(
            "IM007", name, f"в таблицах документа {rows} строк — больше предела {MAX_ROWS} для одного плана",
            "разделите документ: сохраните каждый раздел (или каждые несколько тысяч строк) отдельным файлом "
            ".docx с той же строкой заголовков таблицы и импортируйте их по очереди в разные планы "
            "(orderforge import часть1.docx -o plans/часть1.yaml …)", exit_code=1)
