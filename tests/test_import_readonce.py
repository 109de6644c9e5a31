"""``import`` reads the Word package once (importer/docfile.READ_ONCE): the file is opened once, each part
inflated once and parsed at most once, for the row bound, the body, the list labels and the style made from
the document. Switched off, every reader opens the file itself, as before; both are compared here byte for
byte (every file written, the summary, every diagnostic) on every fixture and corpus document, on damaged
and hostile parts (the same refusal, naming the same part, in the same order), through ``import`` and
``style new --from``.
"""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from orderforge import safeio, stylegen
from orderforge.diagnostics import UserError
from orderforge.importer import docfile

from .conftest import ROOT, TEMPLATES
from .test_import_shortcuts import DOCUMENTS, document

BASE = ROOT / "tests" / "fixtures" / "import" / "order-school.docx"
NO_TABLE = ROOT / "tests" / "fixtures" / "import" / "no-plan-table.docx"
BROKEN = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:x xmlns:w="urn:w"><w:a></w:x>'
DTD = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'
LATE_DTD = b'<?xml version="1.0"?><!-- ' + b"x" * 5000 + b' --><!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'
WORD_LIKE = b'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="urn:w"/>'


def _inflates_badly(blob: bytes) -> None:
    """Marks a part whose stored data is spoiled after writing (see :func:`_package`)."""


#: Damaged packages: (the source, {part: new bytes, or _inflates_badly for compressed data spoiled}).
DAMAGED: dict[str, tuple[Path, dict[str, Any]]] = {
    "settings-malformed": (BASE, {"word/settings.xml": BROKEN}),
    "styles-effects-malformed": (BASE, {"word/stylesWithEffects.xml": BROKEN}),
    "custom-xml-malformed": (BASE, {"customXml/item1.xml": BROKEN}),
    "rels-malformed": (BASE, {"word/_rels/document.xml.rels": BROKEN}),
    "styles-malformed": (BASE, {"word/styles.xml": BROKEN}),
    "numbering-malformed": (BASE, {"word/numbering.xml": BROKEN}),
    "styles-dtd": (BASE, {"word/styles.xml": DTD}),
    "styles-dtd-after-prolog": (BASE, {"word/styles.xml": LATE_DTD}),
    "numbering-dtd": (BASE, {"word/numbering.xml": DTD}),
    "theme-dtd": (BASE, {"word/theme/theme1.xml": DTD}),
    "two-malformed": (BASE, {"word/theme/theme1.xml": BROKEN, "word/settings.xml": BROKEN}),
    "malformed-and-dtd": (BASE, {"word/fontTable.xml": DTD, "word/webSettings.xml": BROKEN}),
    "settings-inflates-badly": (BASE, {"word/settings.xml": _inflates_badly}),
    "styles-inflates-badly": (BASE, {"word/styles.xml": _inflates_badly}),
    "numbering-inflates-badly": (BASE, {"word/numbering.xml": _inflates_badly}),
    "document-inflates-badly": (BASE, {"word/document.xml": _inflates_badly}),
    "inflates-badly-and-malformed": (BASE, {"word/settings.xml": BROKEN, "docProps/thumbnail.jpeg": _inflates_badly}),
    "no-table-and-malformed": (NO_TABLE, {"word/settings.xml": BROKEN}),
    "no-table-and-inflates-badly": (NO_TABLE, {"word/settings.xml": _inflates_badly}),
    "styles-replaced": (BASE, {"word/styles.xml": WORD_LIKE}),
    "document-malformed": (BASE, {"word/document.xml": BROKEN}),
}


def _package(source: Path, changes: dict[str, Any], target: Path) -> Path:
    """``source`` with parts replaced; a part marked :func:`_inflates_badly` keeps its size and CRC, but
    the middle of its compressed data is overwritten (zlib or the CRC check then fails on reading it)."""
    with zipfile.ZipFile(source) as opened:
        parts = {info.filename: opened.read(info) for info in opened.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as written:
        for name, blob in parts.items():
            change = changes.get(name, blob)
            written.writestr(name, change if isinstance(change, bytes) else blob)
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as opened:
        for info in opened.infolist():
            if changes.get(info.filename) is _inflates_badly:
                start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
                middle = start + info.compress_size // 2
                data[middle:middle + 8] = bytes(b ^ 0x5A for b in data[middle:middle + 8])
    target.write_bytes(bytes(data))
    return target


def _outcome(run: Any, folder: Path) -> Any:
    """What a clerk gets: every file in the workspace and the result, or the refusal as printed."""
    try:
        result = run()
    except UserError as exc:
        result = ("refused", exc.exit_code, [d.format() for d in exc.diagnostics])
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return files, result


def _import(docx: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from orderforge.importer import import_docx, result_json

    shutil.copytree(TEMPLATES, folder / "templates")
    (folder / "plans").mkdir()
    monkeypatch.chdir(folder)

    def run() -> Any:
        result = import_docx(docx, Path("plans/x.yaml"), style=None)
        return (result_json(result), result.summary(), [d.format() for d in result.imported.report],
                [d.format() for d in result.validation], result.imported.info)

    return _outcome(run, folder)


def _style_new(docx: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    folder.mkdir()
    monkeypatch.chdir(folder)

    def run() -> Any:
        made = stylegen.make_style(docx, "x-style", folder / "templates")
        return [d.format() for d in made.report]

    return _outcome(run, folder)


def _compared(how: Any, docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The outcome read once, asserted equal to the outcome of every reader opening the file itself."""
    fast = how(docx, tmp_path / "once", monkeypatch)
    with monkeypatch.context() as full:
        full.setattr(docfile, "READ_ONCE", False)
        assert fast == how(docx, tmp_path / "full", monkeypatch)
    return fast


@pytest.mark.parametrize("name", DOCUMENTS)
def test_an_import_reading_the_package_once_writes_every_byte_it_wrote(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orderforge.importer.command import style_name_for

    docx = document(name, tmp_path)
    files, result = _compared(_import, docx, tmp_path, monkeypatch)
    assert f"templates/{style_name_for(docx)}/template.docx" in files and result[0] != "refused"


@pytest.mark.parametrize("name", ["fixture:order-school", "corpus:bullets_and_hyphens", "long:30"])
def test_a_style_made_from_a_document_read_once_is_the_style_it_was(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, _ = _compared(_style_new, document(name, tmp_path), tmp_path, monkeypatch)
    assert "templates/x-style/amend.docx" in files


#: The refusal each damaged package gives, named here so that the comparison above cannot pass by two
#: equal mistakes: (code, the part named) of the first diagnostic, or None when the import succeeds.
EXPECTED = {
    "settings-malformed": ("OF076", "word/settings.xml"),
    "styles-effects-malformed": ("OF076", "word/stylesWithEffects.xml"),
    "custom-xml-malformed": ("OF076", "customXml/item1.xml"),
    "rels-malformed": ("OF076", "word/_rels/document.xml.rels"),
    "styles-malformed": ("OF076", "word/styles.xml"),
    "numbering-malformed": ("OF076", "word/numbering.xml"),
    "styles-dtd": ("OF075", "word/styles.xml"),
    "styles-dtd-after-prolog": ("OF075", "word/styles.xml"),
    "numbering-dtd": ("OF075", "word/numbering.xml"),
    "theme-dtd": ("OF075", "word/theme/theme1.xml"),
    "two-malformed": ("OF076", "word/settings.xml"),  # the first in the zip's order
    "malformed-and-dtd": ("OF076", "word/webSettings.xml"),
    "settings-inflates-badly": ("OF073", "word/settings.xml"),
    "styles-inflates-badly": ("OF073", "word/styles.xml"),
    "numbering-inflates-badly": ("OF073", "word/numbering.xml"),
    "document-inflates-badly": ("IM002", ""),
    "inflates-badly-and-malformed": ("OF073", "docProps/thumbnail.jpeg"),  # every part read before any parsed
    "no-table-and-malformed": ("IM003", ""),  # the plan table is looked for before the parts are checked
    "no-table-and-inflates-badly": ("IM003", ""),
    "styles-replaced": None,
    "document-malformed": ("OF076", "word/document.xml"),
}


@pytest.mark.parametrize("how", [_import, _style_new], ids=["import", "style-new"])
@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_part_is_refused_as_before(name: str, how: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    source, changes = DAMAGED[name]
    docx = _package(source, changes, tmp_path / "x.docx")
    files, result = _compared(how, docx, tmp_path, monkeypatch)
    refused = isinstance(result, tuple) and result[0] == "refused"
    if EXPECTED[name] is None:
        assert not refused
        return
    code, part = EXPECTED[name]
    assert refused and result[2][0].split(": ", 2)[1] == f"ошибка {code}", result
    assert f"«{part}»" in result[2][0] if part else True
    assert not [f for f in files if f.startswith(("plans/", "templates/x/"))]


@pytest.mark.parametrize("held", [docfile.HELD_BODY_BYTES, 1000])
@pytest.mark.parametrize("limit", [10, 10_000])
def test_too_many_rows_are_refused_as_before(limit: int, held: int, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are bounded, and counted exactly when the bound is over the limit, on the bytes read once —
    or, for a body over HELD_BODY_BYTES, on a stream before it is held: the refusal (IM007, saying how many)
    is the one the stream of the part gave, and an accepted document reads the same."""
    monkeypatch.setattr(docfile, "MAX_ROWS", limit)
    monkeypatch.setattr(docfile, "HELD_BODY_BYTES", held)
    bounded_on: list[str] = []  # what each reading bounded the rows on: the bytes read, or a stream
    check = docfile._check_rows

    def spy(part: Any, name: str) -> None:
        with part() as xml:
            bounded_on.append(type(xml).__name__)
        check(part, name)

    monkeypatch.setattr(docfile, "_check_rows", spy)
    files, result = _compared(_import, document("long:30", tmp_path), tmp_path, monkeypatch)
    refused = isinstance(result, tuple) and result[0] == "refused"
    assert refused == (limit == 10) and (not refused or "ошибка IM007: в таблицах документа 34 строк" in result[2][0])
    assert bounded_on == (["BytesIO", "ZipExtFile"] if held > 1000 else ["ZipExtFile", "ZipExtFile"])  # on, off


def _counted(docx: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], ...]:
    """How often an import opens ``docx``, inflates each of its parts and parses each part."""
    opened, inflated, parsed = Counter[str](), Counter[str](), Counter[str]()
    open_package, zip_open, parse_xml = safeio.open_package, zipfile.ZipFile.open, safeio.parse_xml

    def counted_open(path: Path, *args: Any, **kwargs: Any) -> Any:
        opened[str(path)] += 1
        return open_package(path, *args, **kwargs)

    def counted_inflate(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        if self.filename == str(docx):  # not the style's own files, read when the plan is checked
            inflated[getattr(name, "filename", name)] += 1
        return zip_open(self, name, *args, **kwargs)

    def counted_parse(blob: bytes, where: str, part: str) -> Any:
        parsed[part] += 1
        return parse_xml(blob, where, part)

    with monkeypatch.context() as counting:
        counting.setattr(safeio, "open_package", counted_open)
        counting.setattr(zipfile.ZipFile, "open", counted_inflate)
        counting.setattr(safeio, "parse_xml", counted_parse)
        _import(docx, folder, monkeypatch)
    return opened, inflated, parsed


@pytest.mark.parametrize("name", ["fixture:order-school", "corpus:bullets_and_hyphens"])
def test_the_package_is_opened_once_and_each_part_inflated_and_parsed_at_most_once(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the comparisons above would prove nothing about reading once."""
    docx = document(name, tmp_path)
    with zipfile.ZipFile(docx) as package:
        names = package.namelist()
    opened, inflated, parsed = _counted(docx, tmp_path / "once", monkeypatch)
    assert opened[str(docx)] == 1
    assert set(inflated) == set(names) and set(inflated.values()) == {1}
    assert parsed["word/styles.xml"] == parsed["word/numbering.xml"] == 1 and set(parsed.values()) == {1}
    monkeypatch.setattr(docfile, "READ_ONCE", False)  # as before: three readers of the file
    opened, inflated, parsed = _counted(docx, tmp_path / "full", monkeypatch)
    assert opened[str(docx)] == 3 and inflated["word/document.xml"] == 3 and parsed["word/numbering.xml"] == 2


@pytest.mark.slow
@pytest.mark.parametrize("target", ["doc", "rtf", "odt"])
def test_a_converted_document_is_converted_once_and_read_once(target: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A .doc/.rtf/.odt is converted by LibreOffice once for the plan and the style made from it (reading
    it once per reader converted it twice, into parts alike but for their zip dates, which the style does
    not copy): every byte written is the same. An .odt (a zip, but no Word package) was not converted again
    by the style at all, which then found no word/document.xml in it (a KeyError): read once, it is imported."""
    from orderforge import pdf

    soffice = pdf.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    assert pdf.run_soffice(soffice, [document("long:30", tmp_path)], target, tmp_path / "conv", 180)
    source = tmp_path / "conv" / f"long-30.{target}"
    runs: list[int] = []
    run_soffice = pdf.run_soffice
    monkeypatch.setattr(pdf, "run_soffice", lambda *args: runs.append(1) or run_soffice(*args))
    if target == "odt":
        files, result = _import(source, tmp_path / "once", monkeypatch)
        assert "templates/long-30/template.docx" in files and result[0] != "refused" and len(runs) == 1
        return
    files, result = _compared(_import, source, tmp_path, monkeypatch)
    assert "templates/long-30/template.docx" in files and result[0] != "refused"
    assert len(runs) == 1 + 2  # once read once, twice as before
