"""Read the text of a .docx back, in document order, tables as rows of cells.

Used by ``orderforge text`` (readable ``git diff`` of built documents through
textconv), by the golden tests (documents are compared by meaning, never by
bytes) and later by ``import``. Reads word/document.xml with lxml directly:
python-docx would be slower and hides cell merges.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from .diagnostics import UserError
from .safeio import ForeignPackage, lenient_xml
from .slotted import Slotted
from .wordlists import MAX_LEVELS, ListCounter, int_attr

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on import's start-up (issue 11): slotted.py says why
    from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: A Word list paragraph (automatic numbering or bullets): (w:numId, w:ilvl).
ListRef = tuple[str, int] | None


class Paragraph(Slotted):
    __slots__ = ("text", "align", "num", "label")
    text: str
    align: str  # w:jc («center», «right», «both»), "" when not set
    num: ListRef
    label: str  # what Word draws before it: «1.», «2.3.», «–» (automatic numbering), "" for none

    def __init__(self, text: str, align: str = "", num: ListRef = None, label: str = "") -> None:
        self.text, self.align, self.num, self.label = text, align, num, label


class Cell(Slotted):
    __slots__ = ("paras", "span", "vmerge", "nums", "labels")
    paras: list[str]
    span: int
    vmerge: str  # w:vMerge: "restart", "continue" (merged with the cell above) or ""
    nums: list[ListRef]  # list membership of each of ``paras``
    labels: list[str]  # Word's automatic label of each of ``paras``

    def __init__(self, paras: list[str], span: int = 1, vmerge: str = "", nums: list[ListRef] | None = None,
                 labels: list[str] | None = None) -> None:
        self.paras, self.span, self.vmerge = paras, span, vmerge
        self.nums = [] if nums is None else nums
        self.labels = [] if labels is None else labels

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paras if p)


class Table(Slotted):
    __slots__ = ("rows", "caption", "header_rows")
    rows: list[list[Cell]]
    caption: str
    header_rows: set[int]  # rows repeated on every page (w:tblHeader)

    def __init__(self, rows: list[list[Cell]] | None = None, caption: str = "",
                 header_rows: set[int] | None = None) -> None:
        self.rows = [] if rows is None else rows
        self.caption = caption
        self.header_rows = set() if header_rows is None else header_rows


Block = Paragraph | Table

#: Text of a run as Word shows it: a non-breaking hyphen is a hyphen (ASCII, as the plans are typed),
#: a soft hyphen shows only at a line end, so it is nothing.
_RUN_TEXT = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-", f"{W}softHyphen": ""}
#: Text that is not in the document any more: tracked deletions and the old place of moved text.
_REMOVED = (f"{W}del", f"{W}moveFrom")


def _para_text(p: object, removals: bool = True) -> str:
    """The paragraph's text with tracked insertions taken and deletions dropped (changes accepted).

    ``removals=False`` says the document has no tracked deletion at all (the usual case), so no
    text needs its ancestors looked at.
    """
    parts: list[str] = []
    if removals:
        # A paragraph inside a deletion has all its text removed: its own ancestors say so; and a
        # paragraph with no deletion inside needs no further look either.
        if any(True for _ in p.iterancestors(*_REMOVED)):  # type: ignore[attr-defined]
            return ""
        removals = next(p.iter(*_REMOVED), None) is not None  # type: ignore[attr-defined]
    for node in p.iter(_T, *_RUN_TEXT):  # type: ignore[attr-defined]
        if removals and any(True for _ in node.iterancestors(*_REMOVED)):
            continue
        parent = node.getparent()
        if parent is not None and parent.tag == _TABS:  # a tab stop, not a tab character
            continue
        parts.append(node.text or "" if node.tag == _T else _RUN_TEXT[node.tag])
    return "".join(parts)


_T, _TABS, _P = f"{W}t", f"{W}tabs", f"{W}p"
_TCPR, _PPR = f"{W}tcPr", f"{W}pPr"


class _Context:
    """What reading one body needs besides the XML: the lists of paragraph styles, Word's list
    counters (labels are counted in document order) and the notes on untrusted values.

    ``special`` holds the paragraphs with a tab, a break or a hyphen element inside (found in one pass
    over the body): every other paragraph's text is its w:t texts joined, read without
    :func:`_para_text`'s look at each element — lxml's matcher for six tags, set up again for each of
    a long table's paragraphs, was most of reading them.
    """

    def __init__(self, styles: Mapping[str, tuple[str, int]], lists: ListCounter, problems: list[str],
                 removals: bool = True, special: set[object] | None = None) -> None:
        self.styles = styles
        self.lists = lists
        self.problems = problems
        self.removals = removals  # whether the body holds any tracked deletion or moved-away text
        self.special = special

    def para(self, p: object) -> tuple[str, ListRef, str]:
        """Text, list membership and the label Word draws (counted here, in document order)."""
        if self.removals or self.special is None or p in self.special:
            text = _para_text(p, self.removals)
        else:
            text = "".join([node.text or "" for node in p.iter(_T)])  # type: ignore[attr-defined]
        ref, label = self.number(p, text)
        return text, ref, label

    def number(self, p: object, text: str) -> tuple[ListRef, str]:
        """List membership and Word's label of a paragraph whose text is read (counted here, in order)."""
        ref = _para_num(p, self.styles, self.problems)
        if ref is None:
            return None, ""
        if not text.strip() and p.find(f"{W}pPr/{W}rPr/{W}del") is not None:  # type: ignore[attr-defined]
            return None, ""  # a deleted list paragraph: Word no longer counts it
        return ref, self.lists.label(*ref)


def read_blocks(path: Path, problems: list[str] | None = None, keep: list[object] | None = None,
                package: ForeignPackage | None = None) -> list[Block]:
    """Paragraphs and tables of the body, in order. Values that make no sense (``w:gridSpan
    w:val="пять"``) are read as their default and described in ``problems``, never raised.
    ``keep`` receives the parsed word/document.xml (import hands it to the style made from the document).
    ``package`` is the file already opened (and checked) by the caller, who closes it: ``import`` reads its
    parts once for the body, the list labels and the style (:meth:`~.safeio.ForeignPackage.share`)."""
    from . import safeio

    if package is not None:
        return _read_body(package, path, problems, keep)
    if not path.exists() and not path.is_symlink():
        raise UserError.simple("OF030", str(path), "файл не найден", "")
    try:
        opened = safeio.open_package(path)  # regular file, sizes and ratio checked before anything is inflated
    except UserError as exc:
        if any(d.code == "OF073" for d in exc.diagnostics):  # not a zip at all: as before, «not a Word file»
            raise _not_word(path) from None
        raise
    with opened:
        return _read_body(opened, path, problems, keep)


def _not_word(path: Path) -> UserError:
    return UserError.simple("OF031", str(path), "это не документ Word (.docx) или файл повреждён",
                            "откройте файл в Word и сохраните как «Документ Word (*.docx)»", exit_code=1)


def _read_body(package: ForeignPackage, path: Path, problems: list[str] | None, keep: list[object] | None
               ) -> list[Block]:
    """:func:`read_blocks` from the opened package: the body parsed, the list labels counted on the way."""
    if not package.has("word/document.xml"):
        raise _not_word(path)
    root = package.xml("word/document.xml")
    if keep is not None:
        keep.append(root)
    body = root.find(f"{W}body")
    styles, list_styles = _style_lists(package)
    numbering = package.read("word/numbering.xml") if package.has("word/numbering.xml") else None
    notes = problems if problems is not None else []
    # parse only looks a list style up (a truth test, then .get): a lazy table parses styles.xml then
    lists = ListCounter.parse(numbering, list_styles, str(path), package.parsed)
    notes.extend(lists.problems)
    if body is None:
        return []
    removals = next(body.iter(*_REMOVED), None) is not None
    return list(_blocks(body, _Context(styles, lists, notes, removals, _special_paragraphs(body))))


def _special_paragraphs(body: object) -> set[object]:
    """Paragraphs (and the paragraphs around them: a text box's text is its paragraph's too) with an
    element :data:`_RUN_TEXT` maps. The set keeps lxml's proxies alive, so each is found by identity."""
    special: set[object] = set()
    for node in body.iter(*_RUN_TEXT):  # type: ignore[attr-defined]
        special.update(node.iterancestors(_P))
    return special


def _blocks(container: object, ctx: _Context) -> Iterator[Block]:
    for child in container:  # type: ignore[attr-defined]
        if child.tag == f"{W}p":
            jc = child.find(f"{W}pPr/{W}jc")
            text, ref, label = ctx.para(child)
            yield Paragraph(text, jc.get(f"{W}val", "") if jc is not None else "", ref, label)
        elif child.tag == f"{W}tbl":
            yield _table(child, ctx)
        elif child.tag in (f"{W}sdt", f"{W}ins", f"{W}customXml", f"{W}smartTag"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _blocks(content, ctx)


def _table(tbl: object, ctx: _Context) -> Table:
    """The table read in one pass when its shape allows (:mod:`.docxtable`), else element by element."""
    from .docxtable import fast_table

    table = None if ctx.removals else fast_table(tbl, ctx)
    return table if table is not None else _table_by_element(tbl, ctx)


def _table_by_element(tbl: object, ctx: _Context) -> Table:
    """The reference reading: every row, cell and paragraph looked up on its own (any shape)."""
    table = Table(caption=_caption(tbl))
    for tr in tbl.iterchildren(f"{W}tr", f"{W}sdt", f"{W}customXml"):  # type: ignore[attr-defined]
        if tr.tag != f"{W}tr":  # a row inside a content control
            inner = tr.find(f"{W}sdtContent") if tr.tag == f"{W}sdt" else tr
            trs = list(inner.iterchildren(f"{W}tr")) if inner is not None else []
        else:
            trs = [tr]
        for row_el in trs:
            if _row_deleted(row_el):
                continue  # a row deleted with tracked changes
            row = [_cell(tc, ctx) for tc in row_el.iter(f"{W}tc") if _own_cell(tc, row_el)]
            if _header_row(row_el):
                table.header_rows.add(len(table.rows))
            table.rows.append(row)
    return table


def _caption(tbl: object) -> str:
    caption = tbl.find(f"{W}tblPr/{W}tblCaption")  # type: ignore[attr-defined]
    return caption.get(f"{W}val") or "" if caption is not None else ""


def _row_deleted(row_el: object) -> bool:
    """A row deleted with tracked changes (Word no longer shows it)."""
    return row_el.find(f"{W}trPr/{W}del") is not None  # type: ignore[attr-defined]


def _header_row(row_el: object) -> bool:
    """A row Word repeats on every page (w:tblHeader not switched off)."""
    header = row_el.find(f"{W}trPr/{W}tblHeader")  # type: ignore[attr-defined]
    return header is not None and (header.get(f"{W}val") or "true").lower() not in ("0", "false", "off")


def _own_cell(tc: object, tr: object) -> bool:
    """A cell of this row, not of a table nested in one of its cells."""
    parent = tc.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent.tag != f"{W}tr":
        parent = parent.getparent()
    return parent is tr


def _cell(tc: object, ctx: _Context) -> Cell:
    cell = _new_cell(tc, ctx, next(tc.iterchildren(_TCPR), None) is None)  # type: ignore[attr-defined]
    for p in tc.iter(_P):  # type: ignore[attr-defined]
        text, ref, label = ctx.para(p)
        if text.strip() or label:  # an empty paragraph that Word numbers still shows its number
            cell.paras.append(text)
            cell.nums.append(ref)
            cell.labels.append(label)
    return cell


def _new_cell(tc: object, ctx: _Context, plain: bool) -> Cell:
    """A cell with its span and vertical merge and no paragraphs yet; ``plain``: it has no w:tcPr
    (most cells: nothing to look up)."""
    span = 1 if plain else int_attr(_grandchild(tc, _TCPR, f"{W}gridSpan"), "val", 1, ctx.problems, 1, 64)
    merge_el = None if plain else _grandchild(tc, _TCPR, f"{W}vMerge")
    vmerge = ""
    if merge_el is not None:
        vmerge = merge_el.get(f"{W}val") or "continue"
        if vmerge not in ("restart", "continue"):
            ctx.problems.append(f"w:vMerge w:val=«{vmerge[:20]}» — не restart и не continue, взято continue")
            vmerge = "continue"
    return Cell([], span, vmerge)


def _grandchild(element: object, child: str, tag: str) -> Any:
    """``element.find("child/tag")`` (the first ``tag`` under any ``child``, in document order) without
    ElementPath's parsing of the path on each call."""
    for middle in element.iterchildren(child):  # type: ignore[attr-defined]
        for found in middle.iterchildren(tag):
            return found
    return None


def _para_num(p: object, styles: Mapping[str, tuple[str, int]], problems: list[str] | None = None) -> ListRef:
    """(numId, level) of a paragraph in a Word list, None otherwise (numId 0 switches a list off).

    The paragraph's own numPr decides; without one, its style's list (``styles``) does; a numPr
    that names only the level keeps the style's list.
    """
    if next(p.iterchildren(_PPR), None) is None:  # type: ignore[attr-defined]  # no properties: in no list
        return None
    num = _grandchild(p, _PPR, f"{W}numPr")
    style = _grandchild(p, _PPR, f"{W}pStyle")
    inherited = styles.get(style.get(f"{W}val") or "") if style is not None else None
    if num is None:
        return inherited
    if num.find(f"{W}numId") is None and inherited is not None:
        return inherited[0], int_attr(num.find(f"{W}ilvl"), "val", inherited[1], problems, 0, MAX_LEVELS - 1)
    return _num_ref(num, problems)


def _num_ref(num: object, problems: list[str] | None = None) -> ListRef:
    num_id, level = num.find(f"{W}numId"), num.find(f"{W}ilvl")  # type: ignore[attr-defined]
    value = num_id.get(f"{W}val") if num_id is not None else None
    if not value or value == "0":
        return None
    return value, int_attr(level, "val", 0, problems, 0, MAX_LEVELS - 1)


def _style_lists(package: ForeignPackage) -> tuple[Mapping[str, tuple[str, int]], Mapping[str, str]]:
    """Paragraph styles that make a list («List Bullet», «Маркированный список»): style id → (numId, level),
    through ``basedOn``. Word draws their bullets although the paragraphs carry no numPr of their own.
    And the list (numbering) styles: style id → numId, for lists defined by a list style.

    Both are asked for only by a paragraph naming a style and by a list linked to a list style, which
    most documents have none of: styles.xml (a third of a megabyte in Word's documents) is parsed on the
    first question (:class:`_StyleLists`), unless parsing it might refuse the file (OF075), which is
    then found now."""
    if not package.has("word/styles.xml"):
        return {}, {}
    blob = package.read("word/styles.xml")
    if _parse_later(blob):
        lists = _StyleLists(blob, package.where, package.parsed)
        return _Lazy(lists, 0), _Lazy(lists, 1)
    return _parse_style_lists(blob, package.where, package.parsed)


def _parse_later(blob: bytes) -> bool:
    """Whether parsing ``blob`` surely refuses nothing (OF075 needs a DTD: the bytes «<!DOCTYPE» in any
    encoding that writes «<» as itself, which the blob's first byte, or the one after UTF-8's mark, shows)."""
    body = blob[3:] if blob.startswith(b"\xef\xbb\xbf") else blob
    return body.startswith(b"<") and b"\0" not in body[:4] and b"<!DOCTYPE" not in blob and b"<!ENTITY" not in blob


class _StyleLists:
    """The two tables of :func:`_parse_style_lists`, made on the first question."""

    def __init__(self, blob: bytes, where: str, parsed: dict[str, Any] | None = None) -> None:
        self._blob, self._where, self._parsed = blob, where, parsed
        self._found: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None

    def found(self) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        if self._found is None:
            self._found = _parse_style_lists(self._blob, self._where, self._parsed)
            self._blob = b""
        return self._found


class _Lazy(Mapping["str", "Any"]):  # names as text: typing is not imported at run time
    """One of :class:`_StyleLists`' tables, read-only, parsed when first asked."""

    def __init__(self, lists: _StyleLists, which: int) -> None:
        self._lists, self._which = lists, which

    def __getitem__(self, key: str) -> Any:
        return self._lists.found()[self._which][key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists.found()[self._which])

    def __len__(self) -> int:
        return len(self._lists.found()[self._which])


def _parse_style_lists(blob: bytes, where: str, parsed: dict[str, Any] | None = None
                       ) -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    """:func:`_style_lists` from the bytes of styles.xml (its root put in ``parsed``, see safeio.lenient_xml)."""
    root = lenient_xml(blob, where, "word/styles.xml", parsed)
    if root is None:  # damaged styles: no list styles known, the text is still read
        return {}, {}
    own: dict[str, ListRef] = {}
    parent: dict[str, str] = {}
    list_styles: dict[str, str] = {}
    for style in root.findall(f"{W}style"):
        if style.get(f"{W}type") == "numbering":
            ref = _num_ref(style.find(f"{W}pPr/{W}numPr")) if style.find(f"{W}pPr/{W}numPr") is not None else None
            if ref is not None:
                list_styles[style.get(f"{W}styleId") or ""] = ref[0]
            continue
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
    return out, list_styles


def docx_text(path: Path) -> str:
    """Plain text: paragraphs as lines, table rows as «cell | cell», cell paragraphs joined by « / »."""
    lines: list[str] = []
    for block in read_blocks(path):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            for row in block.rows:
                lines.append(" | ".join(" / ".join(p for p in c.paras if p) for c in row))
    return "\n".join(lines)
