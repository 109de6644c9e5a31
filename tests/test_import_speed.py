"""What makes ``import`` of a long table cheap, and that none of it changes what import writes.

The figures themselves are in tools/bench_import.py (``--scale``); here: :func:`clean`'s fast path
gives what the full cleaning gives on hostile text, and a table is read (and its responsible
cells parsed) once per import, even when the import also makes the document's own style.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from orderforge.importer import cells, import_docx, tables
from orderforge.importer.text import clean

from .corpus.wordxml import C, append, new_document, p, row, save, table

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff\u2060"), None)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_before(text: str) -> str:
    """clean() as it was before its fast path: every pass on every text (the reference)."""
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE).replace("\n", " ").replace("\t", " ").replace("\u2011", "-"))
    return _SPACES.sub(" ", text).strip()


_HOSTILE = st.text(alphabet=st.one_of(
    st.sampled_from(list(" \t\n\r\x0b\x0c\x00\x1f\x7f\x85\u00a0\u00ad\u1680\u2000\u2007\u200a\u200b\u200c"
                         "\u200d\u2011\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\ufffe\uffff\ud800\udfff"
                         "аяЁё-–—.,;«»№1")),
    st.characters(),
), max_size=40)


@settings(max_examples=600, deadline=None)
@given(_HOSTILE)
@example("Управление  образования")
@example(" \u200b ")
@example("a \u200b b")
@example("\x85a\u2028")
@example("I\u2011II четверти")
def test_clean_is_the_full_cleaning(text: str) -> None:
    assert clean(text) == clean_before(text)


def _document(folder: Path, rows: int) -> Path:
    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
    body = [row(header, header=True), row([C("1. Раздел", span=5)])]
    body += [row([f"1.{k}.", f"Мероприятие {k}", "март 2026 г.", "Управление образования, Методический кабинет",
                  "Справка"]) for k in range(1, rows + 1)]
    document = new_document()
    append(document, p("План мероприятий на 2026 год", jc="center"), table([12, 70, 30, 40, 35], body))
    return save(document, folder / "plan.docx")


@pytest.mark.parametrize("style", [None, "kaliningrad-committee"])
def test_the_table_is_read_once_per_import(style: str | None, empty_workspace: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Making the document's own style reads the same table the plan is read from: once, not twice;
    and a responsible cell repeated on every row is parsed once."""
    calls = {"rows": 0, "parse": 0}
    rows, parse = tables._rows, cells._parse_cell

    def counted_rows(*args: object, **kwargs: object) -> object:
        calls["rows"] += 1
        return rows(*args, **kwargs)  # type: ignore[arg-type]

    def counted_parse(*args: object, **kwargs: object) -> object:
        calls["parse"] += 1
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tables, "_rows", counted_rows)
    monkeypatch.setattr(cells, "_parse_cell", counted_parse)
    result = import_docx(_document(empty_workspace, 30), Path("plans/x.yaml"), style=style)
    assert result.counts()["activities"] == 30
    assert calls == {"rows": 1, "parse": 1}


def test_a_workspace_style_is_found_without_reading_installed_packages(empty_workspace: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Import looks its style up twice; a style in the workspace's templates/ comes first in the search
    order, so the installed packages' metadata (importlib.metadata, ~50 ms) is not read for it."""
    from orderforge import stylesources
    from orderforge.style import find_style

    def no_packages() -> tuple[object, ...]:
        raise AssertionError("installed packages read for a workspace style")

    monkeypatch.setattr(stylesources, "package_sources", no_packages)
    found = find_style("kaliningrad-committee", empty_workspace / "plans")
    assert found == (empty_workspace / "templates" / "kaliningrad-committee").resolve()
    with pytest.raises(AssertionError, match="installed packages"):  # not in the workspace: the full search
        find_style("no-such-style", empty_workspace / "plans")


_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_SPECIAL = ["<w:tab/>", "<w:br/>", "<w:cr/>", "<w:noBreakHyphen/>", "<w:softHyphen/>",
            '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>']


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["<w:t>а</w:t>", "<w:t xml:space='preserve'> б </w:t>", "<w:t/>", *_SPECIAL,
                                          "TEXTBOX"]), max_size=5), min_size=1, max_size=4))
def test_paragraph_text_without_special_elements_is_the_full_reading(paragraphs: list[list[str]]) -> None:
    """read_blocks takes a paragraph's w:t texts joined unless a tab, break or hyphen element is inside it
    (a text box's paragraph inside it included): every paragraph reads as :func:`_para_text` reads it."""
    from lxml import etree

    from orderforge import docxtext
    from orderforge.wordlists import ListCounter

    def para(parts: list[str], depth: int = 0) -> str:
        runs = "".join("<w:r><w:pict><w:txbxContent>" + para(["<w:t>в</w:t>", *_SPECIAL[:2]], 1)
                       + "</w:txbxContent></w:pict></w:r>" if part == "TEXTBOX" and not depth
                       else part if part.startswith("<w:pPr") else f"<w:r>{part}</w:r>" for part in parts)
        return f"<w:p>{runs}</w:p>"

    body = etree.fromstring(f"<w:body {_WNS}>{''.join(para(p) for p in paragraphs)}</w:body>")
    ctx = docxtext._Context({}, ListCounter.parse(None, {}, "x"), [], False, docxtext._special_paragraphs(body))
    assert [ctx.para(p)[0] for p in body.iter(docxtext._P)] == \
        [docxtext._para_text(p, False) for p in body.iter(docxtext._P)]


@pytest.mark.parametrize("fixture", ["order-school", "split-table"])
def test_the_style_takes_the_body_read_document_parsed(fixture: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """derive_style takes word/document.xml as read_document parsed it (not parsed twice), and makes the
    same style, byte for byte, as from its own parse."""
    from orderforge import stylegen
    from orderforge.importer.docfile import read_document

    docx = Path(__file__).parent / "fixtures" / "import" / f"{fixture}.docx"
    made, real, parses = [], stylegen._parse, []
    monkeypatch.setattr(stylegen, "_parse", lambda *a: (parses.append(a) if len(a) == 2 else None) or real(*a))
    for share in (True, False):
        blocks, numbering = read_document(docx, "x")
        assert numbering.document is not None
        if not share:
            numbering.document = None
        parses.clear()
        derived = stylegen.derive_style(docx, "x", document=(blocks, numbering))
        assert len(parses) == (0 if share else 1)
        assert numbering.document is None  # changed by the style: no later reader takes it
        made.append((derived.template, derived.amend, derived.style_yaml))
    assert made[0] == made[1]


def test_a_row_copy_keeps_every_field_and_shares_no_list() -> None:
    """Row.copy names its fields one by one (dataclasses.replace was slower on every row of a long table):
    a field added to Row and forgotten there fails here."""
    row = tables.Row(2, 7, {"text": ["a"]}, {"deadline": ["b"]}, [("Примечание", ["c"], True)], True, "1.", "строка 7")
    assert set(tables.Row._fields) == {"table_no", "row_no", "cells", "inherited", "extras", "merged",
                                                     "text_label", "label"}
    copy = row.copy()
    assert copy == row
    copy.cells["text"].append("x")
    copy.inherited["deadline"].append("y")
    copy.extras[0][1].append("z")
    assert row == tables.Row(2, 7, {"text": ["a"]}, {"deadline": ["b"]}, [("Примечание", ["c"], True)], True, "1.",
                             "строка 7")


@pytest.mark.parametrize("control", ["\x80", "\x85", "\x9f"])
def test_a_c1_control_character_in_a_cell_never_reaches_the_plan(control: str, empty_workspace: Path) -> None:
    """libyaml refuses a plan holding U+0080–U+009F (NEL ends its line): import wrote one as it was, and its
    own check then refused the plan (OF010). Cleaning turns each into a space, as it does C0 controls."""
    header = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Результат"]
    body = [row(header, header=True), row([C("1. Раздел", span=5)]),
            row(["1.1.", f"Мероприятие{control}с символом", "март 2026 г.", "Управление образования",
                 f"Справка{control}"])]
    document = new_document()
    append(document, p("План мероприятий на 2026 год", jc="center"), table([12, 70, 30, 40, 35], body))
    docx = save(document, empty_workspace / "plan.docx")
    result = import_docx(docx, Path("plans/x.yaml"))
    written = result.plan.read_text(encoding="utf-8")
    assert control not in written and "Мероприятие с символом" in written
    assert not [d for d in result.validation if d.severity == "error"]
