"""The cheap ways of reading a Word document are proved equal to the full reading they stand for.

``import`` reads a usual-shaped table in one pass (orderforge/docxtable.py), parses styles.xml only when a
paragraph or a list asks for its styles (docxtext._style_lists) and bounds the rows of document.xml before
counting them (importer/docfile._row_bound). Each is switched back to the full path here and both results
compared: the blocks and notes read, and the bytes of the plan imported, on every fixture and corpus
document; the one-pass table also on generated tables of every shape the reference reads.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from orderforge import docxtable, docxtext
from orderforge.importer import docfile

from .conftest import TEMPLATES
from .test_import_shortcuts import DOCUMENTS, document


def _full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cheap path switched off: the reading as it was before them."""
    monkeypatch.setattr(docxtable, "fast_table", lambda tbl, ctx: None)
    monkeypatch.setattr(docxtext, "_parse_later", lambda blob: False)
    monkeypatch.setattr(docfile, "_row_bound", lambda xml: docfile.MAX_ROWS + 1)


def _read(docx: Path) -> Any:
    notes: list[str] = []
    try:
        return docxtext.read_blocks(docx, notes), notes
    except Exception as exc:  # noqa: BLE001 - a refusal must be the same refusal
        return repr(exc)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_blocks_read_cheaply_are_the_full_readings(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = document(name, tmp_path)
    fast = _read(docx)
    with monkeypatch.context() as full:
        _full(full)
        assert fast == _read(docx)


def test_the_one_pass_reading_is_taken_for_the_usual_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the comparisons above prove nothing about it."""
    taken: list[bool] = []
    original = docxtable.fast_table
    monkeypatch.setattr(docxtable, "fast_table", lambda tbl, ctx: taken.append(original(tbl, ctx) is not None))
    _read(document("long:150", tmp_path))
    assert taken == [True]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_plans_imported_cheaply_are_byte_identical(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orderforge.importer.command import import_docx

    docx = document(name, tmp_path)

    def imported(folder: str) -> Any:
        work = tmp_path / folder
        shutil.copytree(TEMPLATES, work / "templates")
        monkeypatch.chdir(work)
        try:
            result = import_docx(docx, Path("plans/x.yaml"), style=None)
        except Exception as exc:  # noqa: BLE001 - a refusal must be the same refusal
            return repr(exc)
        files = sorted((p.relative_to(work).as_posix(), p.read_bytes()) for p in work.rglob("*") if p.is_file())
        return files, [str(d) for d in result.imported.report]

    fast = imported("fast")
    with monkeypatch.context() as full:
        _full(full)
        assert fast == imported("full")


# -- generated tables: every shape the reference reads, the one pass taken or declined, the same result

_W = docxtext.W[1:-1]
_RUN = st.sampled_from(["<w:r><w:t>{}</w:t></w:r>", "<w:r><w:t xml:space='preserve'> {} </w:t></w:r>",
                        "<w:r><w:t>{}</w:t><w:tab/><w:t>b</w:t></w:r>", "<w:r><w:br/><w:t>{}</w:t></w:r>",
                        "<w:hyperlink><w:r><w:t>{}</w:t></w:r></w:hyperlink>", "<w:r><w:t/></w:r>",
                        "<w:ins><w:r><w:t>{}</w:t></w:r></w:ins>", "<w:r><w:noBreakHyphen/><w:t>{}</w:t></w:r>"])
_PPR = st.sampled_from(["", "<w:pPr><w:jc w:val='center'/></w:pPr>",
                        "<w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>",
                        "<w:pPr><w:numPr><w:ilvl w:val='x'/><w:numId w:val='1'/></w:numPr></w:pPr>",
                        "<w:pPr><w:pStyle w:val='ListBullet'/></w:pPr>", "<w:pPr><w:tabs><w:tab/></w:tabs></w:pPr>"])
_TCPR = st.sampled_from(["", "<w:tcPr><w:gridSpan w:val='2'/></w:tcPr>", "<w:tcPr><w:gridSpan w:val='пять'/></w:tcPr>",
                         "<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>", "<w:tcPr><w:vMerge/></w:tcPr>",
                         "<w:tcPr><w:vMerge w:val='odd'/></w:tcPr>"])
_TRPR = st.sampled_from(["", "<w:trPr><w:tblHeader/></w:trPr>", "<w:trPr><w:tblHeader w:val='0'/></w:trPr>"])


@st.composite
def _paragraph(draw: Any) -> str:
    runs = "".join(r.format(draw(st.sampled_from(["", "x", "1.", "текст"]))) for r in draw(st.lists(_RUN, max_size=3)))
    return f"<w:p>{draw(_PPR)}{runs}</w:p>"


@st.composite
def _cell(draw: Any, depth: int = 0) -> str:
    inner = "".join(draw(st.lists(_paragraph(), max_size=3)))
    if depth == 0 and draw(st.integers(0, 9)) == 0:  # a table in the cell
        inner += f"<w:tbl><w:tr>{draw(_cell(1))}</w:tr></w:tbl><w:p/>"
    if draw(st.integers(0, 14)) == 0:
        inner = f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    return f"<w:tc>{draw(_TCPR)}{inner}</w:tc>"


@st.composite
def _table(draw: Any) -> str:
    rows = [f"<w:tr>{draw(_TRPR)}{''.join(draw(st.lists(_cell(), min_size=1, max_size=4)))}</w:tr>"
            for _ in range(draw(st.integers(0, 4)))]
    if rows and draw(st.integers(0, 9)) == 0:
        rows[-1] = f"<w:sdt><w:sdtContent>{rows[-1]}</w:sdtContent></w:sdt>"
    caption = draw(st.sampled_from(["", "<w:tblPr><w:tblCaption w:val='План'/></w:tblPr>"]))
    return f"<w:tbl>{caption}{''.join(rows)}</w:tbl>"


_NUMBERING = (b"<w:numbering xmlns:w='" + _W.encode() + b"'><w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'>"
              b"<w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl></w:abstractNum>"
              b"<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num></w:numbering>")


def _context(body: Any) -> Any:
    from orderforge.wordlists import ListCounter

    lists = ListCounter.parse(_NUMBERING)
    return docxtext._Context({"ListBullet": ("1", 0)}, lists, [], False, docxtext._special_paragraphs(body))


@settings(max_examples=300, deadline=None)
@given(_table())
def test_any_table_is_read_as_the_reference_reads_it(xml: str) -> None:
    """Taken or declined, the one pass gives the reference's table, notes and list labels (counted on)."""
    body = etree.fromstring(f"<w:body xmlns:w='{_W}'>{xml}{xml}</w:body>")
    fast_ctx, full_ctx = _context(body), _context(body)
    fast = [docxtext._table(tbl, fast_ctx) for tbl in body]
    full = [docxtext._table_by_element(tbl, full_ctx) for tbl in body]
    assert fast == full and fast_ctx.problems == full_ctx.problems


# -- the rows of document.xml bounded before they are counted

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"<w:tr>", b"</w:tr>", b"<tr/>", b"<w:trPr>", b"t", b"r", b"<x:tr ", b"tr", b"<"]),
                max_size=40), st.integers(1, 9))
def test_the_row_bound_is_never_below_the_count(parts: list[bytes], chunk: int) -> None:
    xml = b"".join(parts)
    assert docfile._row_bound(io.BytesIO(xml), chunk) >= docfile._count_rows(io.BytesIO(xml), chunk)


# -- styles.xml parsed on the first question

_STYLES = ("<w:styles xmlns:w='" + _W + "'><w:style w:type='paragraph' w:styleId='L'><w:pPr><w:numPr>"
           "<w:numId w:val='3'/></w:numPr></w:pPr></w:style><w:style w:type='paragraph' w:styleId='M'>"
           "<w:basedOn w:val='L'/></w:style><w:style w:type='numbering' w:styleId='N'><w:pPr><w:numPr>"
           "<w:numId w:val='4'/></w:numPr></w:pPr></w:style></w:styles>")


@pytest.mark.parametrize("blob", [_STYLES.encode(), b"\xef\xbb\xbf" + _STYLES.encode(), _STYLES.encode("utf-16"),
                                  b"<?xml version='1.0' encoding='utf-16'?>" + _STYLES.encode(), b"<w:styles",
                                  b"<!DOCTYPE x [<!ENTITY a 'b'>]>" + _STYLES.encode(), b""])
def test_style_lists_parsed_later_are_those_parsed_now(blob: bytes) -> None:
    def lists(later: bool) -> Any:
        try:
            if not later or not docxtext._parse_later(blob):
                return docxtext._parse_style_lists(blob, "x")
            found = docxtext._StyleLists(blob, "x")
            return dict(docxtext._Lazy(found, 0)), dict(docxtext._Lazy(found, 1))
        except Exception as exc:  # noqa: BLE001 - a refusal must be the same refusal
            return repr(exc)

    assert lists(True) == lists(False)


# -- texts cleaned, lined and keyed once (importer/text.py) and cells without list labels (importer/tables.py)

_TEXT = st.text(alphabet=st.sampled_from(list("ab Ёё.,;:\n\t\u00a0\u200b\u2011\x01 1")), max_size=12)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_remembered_texts_are_the_texts_computed_again(text: str) -> None:
    from orderforge.importer import text as t

    for _ in range(2):  # the second time from the memo
        assert t.clean(text) == t._clean(text)
        assert t._lines(text) == [c for c in (t._clean(part) for part in text.split("\n")) if c]
        assert t._key(text) == t._clean(text).lower().replace("ё", "е").strip(" .,;:")
    t._lines(text).append("changed by a caller")
    assert "changed by a caller" not in t._lines(text)


def test_the_memo_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from orderforge.importer import text as t

    monkeypatch.setattr(t, "_MEMO", 3)
    monkeypatch.setattr(t, "_CLEANED", {})
    for word in ("a", "b ", " c", "d", "e"):
        assert t.clean(word) == word.strip()
    assert len(t._CLEANED) <= 3


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=4), st.booleans())
def test_cells_without_labels_give_the_lines_labelled_cells_give(paras: list[str], text_column: bool) -> None:
    from orderforge.docxtext import Cell
    from orderforge.importer.tables import _cell_lines

    plain = _cell_lines(Cell(list(paras)), text_column)
    labelled = _cell_lines(Cell(list(paras), nums=[None] * len(paras), labels=[""] * len(paras) + ["-"]),
                           text_column)  # any() is true: the full path, whose extra label matches no paragraph
    assert plain == labelled
