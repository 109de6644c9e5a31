"""A house style made from a committee's own Word file: ``orderforge style new NAME --from order.docx``.

Rendering puts a plan into a template; this is the inverse: a filled-in order is
read back into the template it could have been rendered from. The document is
read twice by the same knowledge — once by the importer (what the order says:
its title lines, its signatory, the plan table's header by meaning) and once
here, on the document's own XML, to put the template fields where those
things stand. The committee's package is copied part by part (styles, fonts,
numbering, headers and footers, pictures, every section's page size, orientation
and margins); only the body's clerk text is replaced. So the document rebuilt
from an imported plan in the derived style is the committee's document again —
the round trip is the test (tests/test_stylegen.py).

What could not be recognised is reported in Russian (SG1xx warnings, naming the
paragraph or the table row) and left to orderforge's defaults.
"""

from __future__ import annotations

import copy
import os
import shutil
import zipfile
from pathlib import Path

from ..diagnostics import Pos, Report, UserError
from ..lazyre import LazyPattern
from ..load import remember_written
from ..slotted import Slotted
from .ooxml import (
    Element,
    escape_braces,
    make,
    q,
    section_of,
    style_alignments,
    tag_para,
    unwrap_content_controls,
)
from .order import OrderFacts, OrderPart, generic_order
from .packaging import _BODY, _packages
from .plan import SAMPLE_ROWS, AppendixPart, find_plan_table
from .styleyaml import StyleFacts, capitalised, responsible_facts, style_tree, style_yaml

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any

    from ..safeio import PackageParts, Stored


NAME = LazyPattern(r"^[a-z0-9][a-z0-9-]{0,59}$")


class Derived(Slotted):
    """A style derived from one document, still in memory. (This module's classes are written out, not
    dataclasses: ``import`` builds them at every start, and a dataclass is compiled from source text.)"""

    __slots__ = ("name", "style_yaml", "template", "amend", "report", "facts", "imported")
    name: str
    style_yaml: str
    template: bytes
    amend: bytes
    report: Report
    facts: StyleFacts
    imported: Any  # the importer's reading of the document (orderforge.importer.Imported)

    def __init__(self, name: str, style_yaml: str, template: bytes, amend: bytes, report: Report,
                 facts: StyleFacts, imported: Any = None) -> None:
        self.name, self.style_yaml, self.template, self.amend = name, style_yaml, template, amend
        self.report, self.facts, self.imported = report, facts, imported


class MadeStyle(Slotted):
    __slots__ = ("name", "folder", "report", "written")
    name: str
    folder: Path
    report: Report
    written: list[Path]

    def __init__(self, name: str, folder: Path, report: Report, written: list[Path] | None = None) -> None:
        self.name, self.folder, self.report = name, folder, report
        self.written = [] if written is None else written


def check_name(name: str) -> None:
    if not NAME.match(name):
        raise UserError.simple("SG002", name, "имя стиля — латинские строчные буквы, цифры и «-», до 60 знаков",
                               "например: orderforge style new moy-komitet --from prikaz.docx", exit_code=2)


def derive_style(docx: Path, name: str, *, directory: Any = None, document: Any = None, table: Any = None
                 ) -> Derived:
    """Read ``docx`` and make the style that reproduces it (nothing is written).

    ``document`` is the (blocks, numbering) :func:`orderforge.importer.docfile.read_document` already
    read, and ``table`` its :class:`~orderforge.importer.tables.PlanTable`, so that ``import`` reads the
    package and the plan table once for the style and the plan.
    """
    from ..importer.directory import Registry
    from ..importer.docfile import read_document
    from ..importer.reading import read_plan
    from ..paths import display_path
    from ..planmodel import Directory
    from ..style import Style

    shown = display_path(docx)
    blocks, numbering = document if document is not None else read_document(docx, shown, whole=True)
    registry = Registry(directory or Directory(), Report(), Pos(shown))
    imported = read_plan(blocks, numbering, shown, registry, Style(name=name, folder=Path(".")), table,
                         for_style=True)
    # the package read_document read whole (a .doc/.odt/.rtf as converted there), or read here
    parts, styles, stored = _read_parts(docx, shown, getattr(numbering, "package", None))
    report = Report()
    facts = StyleFacts(name=name, source=docx.name, issuer=list(imported.order.issuer) if imported.order else [])
    facts.responsible, facts.separator = responsible_facts(imported)
    facts.capitalize = capitalised(imported)
    parsed = getattr(numbering, "document", None)  # the body read_document parsed: taken, not parsed again
    if parsed is not None:
        numbering.document = None  # changed below: no second reader may take it
    document = parsed if parsed is not None else _parse(parts["word/document.xml"], shown)
    if _may_hold_braces(parts[_BODY]):  # before any field is put in: only the committee's text is escaped
        escape_braces(document)
    escaped = {part: _escaped_part(part, blob, shown) for part, blob in parts.items()}
    alignments = style_alignments(escaped.get(_STYLES), styles)
    template_xml, amend_xml = _templates(document, imported, facts, report, shown, alignments)
    unchanged = {part: data for part, data in stored.items() if escaped.get(part) is parts[part]}
    template, amend = _packages(escaped, [template_xml, amend_xml], unchanged)
    return Derived(name, style_yaml(facts), template, amend, report, facts, imported)


def make_style(docx: Path, name: str, root: Path, *, force: bool = False) -> MadeStyle:
    """``style new``: derive the style and write ``root/NAME/`` whole or not at all."""
    check_name(name)
    folder = root / name
    if folder.exists() and not force:
        raise UserError.simple("SG001", str(folder), "папка стиля уже существует и не будет перезаписана",
                               "выберите другое имя стиля или добавьте --force", exit_code=2)
    derived = derive_style(docx, name)
    return write_style(derived, root, force=force)


def _staging_folder(root: Path, name: str) -> Path:
    """A new private folder ``root/.NAME-PID-N`` (what tempfile.mkdtemp makes, without importing tempfile
    and its random generator on import's start-up): mkdir refuses a name that exists, so the next is tried."""
    n = 0
    while True:
        folder = root / f".{name}-{os.getpid()}-{n}"
        try:
            folder.mkdir(mode=0o700)
            return folder
        except FileExistsError:
            n += 1


def write_style(derived: Derived, root: Path, *, force: bool = False) -> MadeStyle:
    """Write the three files into a temporary folder beside the target, then move it into place.

    A style being replaced (``--force``) is moved aside first and removed only once the new one stands,
    so a failure at any point leaves one whole style, never a half-written folder."""
    root.mkdir(parents=True, exist_ok=True)
    folder = root / derived.name
    staging = _staging_folder(root, derived.name)
    old = staging.with_name(staging.name + ".old")
    try:
        (staging / "style.yaml").write_text(derived.style_yaml, encoding="utf-8")
        (staging / "template.docx").write_bytes(derived.template)
        (staging / "amend.docx").write_bytes(derived.amend)
        if folder.exists() and force:
            os.replace(folder, old)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not folder.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
    written = [folder / n for n in ("style.yaml", "template.docx", "amend.docx")]
    facts = derived.facts  # read back by import right away: from the tree its writer builds, not parsed
    remember_written(written[0], derived.style_yaml, lambda shown: style_tree(facts, shown))
    return MadeStyle(derived.name, folder, derived.report, written)


# -- the package


def _read_parts(docx: Path, shown: str, read: PackageParts | None = None
                ) -> tuple[dict[str, bytes], Element | None, Stored]:
    """Every part of the package, after its member count and declared sizes are checked; and styles.xml parsed.

    ``read`` is the package the importer read whole (docfile.read_document): taken, with the refusals its
    reading kept, and the parts it parsed. Otherwise a file that is no zip (.doc, .odt saved as such, .rtf)
    goes through the importer's LibreOffice conversion when the importer has one, so ``style new`` takes
    what ``import`` takes. Third, the deflated parts as stored (safeio.ForeignPackage.stored), copied as
    they are into the style's packages."""
    if read is not None:
        return _taken(read, shown)
    if docx.is_file() and not zipfile.is_zipfile(docx):
        from ..importer import docfile

        convert = getattr(docfile, "convert_to_docx", None)
        if convert is not None:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="orderforge-style-") as scratch:
                return _read_zip(convert(docx, shown, Path(scratch)), shown)
    return _read_zip(docx, shown)


def _read_zip(docx: Path, shown: str) -> tuple[dict[str, bytes], Element | None, Stored]:
    """Every part, read through the one gate for foreign files (safeio): members checked before inflating."""
    from ..safeio import package

    with package(docx, shown) as opened:
        parts = {name: opened.read(name) for name in opened.names()}
        stored = opened.stored(parts)
    return parts, _checked(parts, shown, {}), stored


def _taken(read: PackageParts, shown: str) -> tuple[dict[str, bytes], Element | None, Stored]:
    """:func:`_read_zip`'s answer from a package read before: a part that could not be read is refused
    as reading it here refused it (the importer read it under the same name), the first in the zip's order."""
    parts: dict[str, bytes] = {}
    for name, blob in read.blobs.items():
        if not isinstance(blob, bytes):
            raise blob
        parts[name] = blob
    return parts, _checked(parts, shown, read.parsed), read.stored


def _checked(parts: dict[str, bytes], shown: str, parsed: dict[str, Element]) -> Element | None:
    """Every part is copied into the style: each must parse, strictly (the body is parsed strictly by
    derive_style, for the template: not here). A part parsed before (``parsed``: what safeio.parse_xml gave
    for these bytes) is taken; styles.xml's root is returned, read for the alignments right after."""
    from ..safeio import parse_xml

    styles = None
    for name, blob in parts.items():
        if name.endswith((".xml", ".rels")) and name != "word/document.xml":
            root = parsed.get(name)
            if root is None:
                root = parse_xml(blob, shown, name)
            if name == _STYLES:
                styles = root
    return styles


_STYLES = "word/styles.xml"


def _parse(blob: bytes, shown: str, part: str = "word/document.xml") -> Element:
    """A part parsed without DTD, entities or network (safeio.parse_xml); refusals name the part."""
    from ..safeio import parse_xml

    return parse_xml(blob, shown, part)


def _may_hold_braces(blob: bytes) -> bool:
    """Whether a part's text may hold a brace: typed as such or as a character reference («&#123;»). Most
    documents hold none, and looking for one in every text of a thousand-row body cost more than the rest of
    the escaping (no entity can bring one in: safeio refuses a DTD)."""
    return b"{" in blob or b"}" in blob or b"&#" in blob


_RENDERED_PART = LazyPattern(r"^word/(header|footer|footnotes|endnotes)\d*\.xml$")


def _escaped_part(name: str, blob: bytes, shown: str) -> bytes:
    """Headers, footers and notes are rendered by docxtpl too: their braces are escaped like the body's."""
    from lxml import etree

    if not _RENDERED_PART.match(name) or b"{" not in blob and b"}" not in blob:
        return blob
    root = _parse(blob, shown, name)
    escape_braces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- the body


def _templates(document: Element, imported: Any, facts: StyleFacts, report: Report, shown: str,
               alignments: dict[str, str]) -> tuple[bytes, bytes]:
    """template.docx's and amend.docx's document.xml, both made from the committee's body."""
    from lxml import etree

    body = document.find(q("body"))
    unwrap_content_controls(body)
    final_sect = body.find(q("sectPr"))
    elements = [child for child in body if child.tag in (q("p"), q("tbl"))]
    found = find_plan_table(elements)
    if found is None:
        raise UserError.simple("IM003", shown, "в документе не найдена таблица плана мероприятий",
                               "нужна таблица с заголовками колонок вроде «№ п/п», «Мероприятие», «Срок исполнения»",
                               exit_code=1)
    plan_index, header_row, header = found
    start = _appendix_start(elements, plan_index, imported.order is not None)
    surname = _signatory_surname(imported)
    facts.has_order = imported.order is not None
    order_out = _order_part(copy.deepcopy(elements[:start]), imported, surname, facts, report, shown)
    appendix = AppendixPart(_appendix_copy(elements, start, plan_index, header_row), plan_index - start, header_row,
                            header,
                            list(imported.title), _count_paragraphs(elements[:start]), alignments,
                            imported.order.number if imported.order else "")
    appendix_out = appendix.build()
    facts.plan = appendix.facts
    _report(report, shown, appendix.facts.notes)

    new_body = make("body")
    new_body.append(tag_para("{%p if order %}"))
    for element in order_out:
        new_body.append(element)
    if not any(section_of(p) is not None for p in new_body.iter(q("p"))):
        new_body.append(make("p", None, make("r", None, make("br", {"type": "page"}))))
    new_body.append(tag_para("{%p endif %}"))
    for element in appendix_out:
        new_body.append(element)
    if final_sect is not None:
        new_body.append(copy.deepcopy(final_sect))
    template = _with_body(document, new_body)

    amend_elements = _order_part(copy.deepcopy(elements[:start]), imported, surname, OrderFacts(), Report(), shown) \
        if facts.has_order else generic_order()
    amend_body = make("body")
    order_sect = None
    for element in amend_elements:
        if element.tag == q("p") and section_of(element) is not None:
            order_sect = section_of(element)
            continue  # the order's own page settings close the amending order's body
        amend_body.append(element)
    amend_body.append(make("p"))
    amend_body.append(copy.deepcopy(order_sect if order_sect is not None else _portrait(final_sect)))
    amend = _with_body(document, amend_body)
    return (etree.tostring(template, xml_declaration=True, encoding="UTF-8", standalone=True),
            etree.tostring(amend, xml_declaration=True, encoding="UTF-8", standalone=True))


def _appendix_copy(elements: list[Element], start: int, plan_index: int, header_row: int) -> list[Element]:
    """The appendix's elements copied for the template, the plan table without the rows it never reads.

    :meth:`~.plan.AppendixPart.build` takes the plan table's header and the :data:`~.plan.SAMPLE_ROWS` rows
    under it as prototypes and removes every row: copying the other rows of a thousand-row table was most of
    the copy (tests/test_stylegen_corpus.py checks the template is the one a whole copy gives)."""
    out = []
    for index in range(start, len(elements)):
        element = elements[index]
        if index != plan_index:
            out.append(copy.deepcopy(element))
            continue
        kept = header_row + 1 + SAMPLE_ROWS
        table = element.makeelement(element.tag, element.attrib, nsmap=element.nsmap)
        table.text, table.tail = element.text, element.tail
        rows = 0
        for child in element:
            if child.tag == q("tr"):
                rows += 1
                if rows > kept:
                    continue
            table.append(copy.deepcopy(child))
        out.append(table)
    return out


def _order_part(elements: list[Element], imported: Any, surname: str, facts: StyleFacts | OrderFacts,
                report: Report, shown: str) -> list[Element]:
    if imported.order is None:
        return generic_order()
    part = OrderPart(elements, list(imported.order.title), surname)
    out = part.build()
    if isinstance(facts, StyleFacts):
        facts.order = part.facts
    _report(report, shown, part.facts.notes)
    return out


def _with_body(document: Element, body: Element) -> Element:
    """A new document element (same namespaces and attributes) around a new body.

    Built afresh rather than copied: copying, or even detaching, the old body of
    a thousand-row plan costs lxml a second."""
    from lxml import etree

    root = etree.Element(document.tag, attrib=dict(document.attrib), nsmap=document.nsmap)
    for child in document:
        root.append(body if child.tag == q("body") else copy.deepcopy(child))
    return root


def _portrait(sect: Element | None) -> Element:
    """The plan's page settings turned portrait: the amending order of a bare plan's style."""
    if sect is None:
        return make("sectPr", None, make("pgSz", {"w": "11906", "h": "16838"}))
    sect = copy.deepcopy(sect)
    size = sect.find(q("pgSz"))
    if size is not None and size.get(q("orient")) == "landscape":
        w, h = size.get(q("w")), size.get(q("h"))
        size.set(q("w"), h or "11906")
        size.set(q("h"), w or "16838")
        del size.attrib[q("orient")]
    for ref in sect.findall(q("headerReference")) + sect.findall(q("footerReference")):
        sect.remove(ref)  # the plan's headers may name the plan; an amending order has none of it
    return sect


def _appendix_start(elements: list[Element], plan_index: int, has_order: bool) -> int:
    """Where the appendix begins: after the order's section break, else at its mark or stamp, else at the table."""
    from ..importer.order import _APPENDIX, _KIND_LINE, _STAMP
    from ..importer.text import clean
    from .ooxml import para_text

    if not has_order:
        return 0
    kind_at = next((i for i, e in enumerate(elements[:plan_index]) if any(
        _KIND_LINE.match(clean(para_text(p))) for p in ([e] if e.tag == q("p") else e.iter(q("p"))))), 0)
    breaks = [i for i in range(kind_at, plan_index)
              if elements[i].tag == q("p") and section_of(elements[i]) is not None]
    if breaks:
        return breaks[-1] + 1
    for i in range(kind_at + 1, plan_index):
        if elements[i].tag == q("p"):
            text = clean(para_text(elements[i]))
            if _APPENDIX.match(text) or _STAMP.match(text):
                return i
    return plan_index


def _signatory_surname(imported: Any) -> str:
    order = imported.order
    if order is None or not order.signatory:
        return ""
    person = imported.people.get(order.signatory)
    return person.surname if person is not None else ""


def _count_paragraphs(elements: list[Element]) -> int:
    return sum(1 for e in elements if e.tag == q("p"))


def _report(report: Report, shown: str, notes: list[tuple[str, str]]) -> None:
    for where, what in notes:
        report.warning("SG101", Pos(shown), f"{where}: {what}", "проверьте это место в template.docx (Word)")
