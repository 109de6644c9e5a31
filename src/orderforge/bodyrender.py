"""The order rendered from the template's XML parts, without docxtpl or python-docx.

A first build used to import docxtpl and python-docx (about a fifth of a 1,000-activity build) only to
render the order once with marker rows (render.py's lean path). Here the same document is made from the
template's parts directly: the body, headers and footers go through wordtags.py (docxtpl's template
dialect) and the sandboxed Jinja environment; the package is written as python-docx writes it (the same
parts in the same order, re-serialised XML parts, content types and relationships made anew), so that
the result is the docxtpl path's byte for byte (tests/test_bodyrender.py).

Whatever is not reproduced exactly raises :class:`Unsupported` before anything is written, and render.py
lets docxtpl render the template instead: tags only docxtpl rewrites, footnotes, missing document
properties, a document without a body, rendered XML that does not parse, any package oddity.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable

from . import wordtags

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported on a build's path (issue 12): the aliases below are for mypy
    from typing import Any

    from .templateprep import Prepared

    Parts = list[tuple[str, bytes]]
    #: (source xml, environment, part name) → the environment to compile that source with (render.py's lean check).
    Prepare = Callable[[str, Any, str], Any]
    #: (rendered xml, part name) → None, or a UserError (render.py's leftover-tag check).
    Check = Callable[[str, str], None]

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
#: Parts python-docx holds as XML and writes re-serialised (the others are copied as bytes).
XML_PARTS = {"application/vnd.openxmlformats-package.core-properties+xml",
             *(f"{_WML}{kind}+xml" for kind in ("comments", "document.main", "footer", "header", "numbering",
                                                "settings", "styles"))}
FOOTNOTES = f"{_WML}footnotes+xml"
IMAGE, HEADER, FOOTER = (_OFFICE_RELS + kind for kind in ("image", "header", "footer"))
CORE = _PACKAGE_RELS + "core-properties"
#: Extensions whose content type the OPC spec implies (ISO/IEC 29500-2): written as Default, not Override.
_IMPLIED = {("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
            ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
            ("bin", f"{_WML}printerSettings"), ("bmp", "image/bmp"), ("emf", "image/x-emf"),
            ("fntdata", "application/x-fontdata"), ("gif", "image/gif"), ("jpe", "image/jpeg"),
            ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"), ("png", "image/png"),
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("tif", "image/tiff"),
            ("tiff", "image/tiff"), ("wdp", "image/vnd.ms-photo"), ("wmf", "image/x-wmf"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("xml", "application/xml")}
#: Document properties docxtpl renders as templates: python-docx's name → the element in core.xml.
_DC = "http://purl.org/dc/elements/1.1/"
_PROPERTIES = {"author": "{http://purl.org/dc/elements/1.1/}creator",
               "comments": "{http://purl.org/dc/elements/1.1/}description",
               "identifier": "{http://purl.org/dc/elements/1.1/}identifier",
               "language": "{http://purl.org/dc/elements/1.1/}language",
               "subject": "{http://purl.org/dc/elements/1.1/}subject",
               "title": "{http://purl.org/dc/elements/1.1/}title"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"

class Unsupported(Exception):
    """This template or package is not reproduced exactly here; docxtpl renders it."""


class _Rel:
    __slots__ = ("rid", "reltype", "ref", "external", "target")

    def __init__(self, rid: str, reltype: str, ref: str, external: bool, target: str) -> None:
        self.rid, self.reltype, self.ref, self.external, self.target = rid, reltype, ref, external, target


class _Part:
    __slots__ = ("name", "content_type", "blob", "rels", "xml")

    def __init__(self, name: str, content_type: str, blob: bytes, rels: dict[str, _Rel], xml: bool) -> None:
        self.name, self.content_type, self.blob, self.rels, self.xml = name, content_type, blob, rels, xml


def _parser() -> Any:
    """python-docx's parser: blank text between elements dropped, entities not resolved."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class _Package:
    """The template's parts reachable from its relationships, read as python-docx reads them."""

    def __init__(self, data: bytes, members: dict[str, bytes] | None = None) -> None:
        """``members``: the package's members already read (open_template read them), so not inflated twice."""
        from lxml import etree

        self.read: Callable[[str], bytes] = (members.__getitem__ if members is not None
                                             else zipfile.ZipFile(io.BytesIO(data)).read)
        types = etree.fromstring(self.read("[Content_Types].xml"), _parser())
        self.overrides = {el.get("PartName").lower(): el.get("ContentType")
                          for el in types if el.tag == f"{{{TYPES_NS}}}Override"}
        self.defaults = {el.get("Extension").lower(): el.get("ContentType")
                         for el in types if el.tag == f"{{{TYPES_NS}}}Default"}
        self.rels = self._rels("/")
        self.parts: dict[str, _Part] = {}
        self._walk(self.rels)

    def _rels(self, source: str) -> dict[str, _Rel]:
        from lxml import etree

        base, filename = posixpath.split(source)
        try:
            blob = self.read(posixpath.join(base, "_rels", f"{filename}.rels")[1:])
        except KeyError:
            return {}
        rels: dict[str, _Rel] = {}
        for el in etree.fromstring(blob, _parser()):
            if el.tag != f"{{{RELS_NS}}}Relationship":
                continue
            ref, external = el.get("Target"), el.get("TargetMode", "Internal") == "External"
            target = "" if external else posixpath.abspath(posixpath.join(base, ref))
            rels[el.get("Id")] = _Rel(el.get("Id"), el.get("Type"), ref, external, target)
        return rels

    def _walk(self, rels: dict[str, _Rel]) -> None:
        """Depth first, in the order of the relationships: the order python-docx writes the parts in."""
        for rel in rels.values():
            if rel.external or rel.target in self.parts:
                continue
            name = rel.target
            content_type = self.overrides.get(name.lower()) or self.defaults[posixpath.splitext(name)[1][1:].lower()]
            part_rels = self._rels(name)
            xml = rel.reltype != IMAGE and content_type in XML_PARTS
            self.parts[name] = _Part(name, content_type, self.read(name[1:]), part_rels, xml)
            self._walk(part_rels)

    def order(self) -> list[_Part]:
        """The parts as python-docx writes them (its walk over the relationships)."""
        seen: set[str] = set()
        found: list[_Part] = []

        def walk(rels: dict[str, _Rel]) -> None:
            for rel in rels.values():
                if not rel.external and rel.target not in seen:
                    seen.add(rel.target)
                    found.append(self.parts[rel.target])
                    walk(self.parts[rel.target].rels)

        walk(self.rels)
        return found


def render_package(data: bytes, context: Any, env: Any, prepare: Prepare, check: Check,
                   prepared: Prepared | None = None, members: dict[str, bytes] | None = None) -> Parts:
    """The template rendered and written as docxtpl and python-docx write it: (member name, bytes) in order.

    ``prepared`` is what orderforge ships for a bundled template with these bytes (templateprep.py): the
    parts' Jinja sources and code, and which parts python-docx writes as they are; it spares that work only;
    ``members`` are the package's members as open_template read them. ``env`` None is the lean run: every
    part from its shipped source or code without Jinja (bodycode.py), or bodycode.NeedsJinja.
    Raises :class:`Unsupported` for what is not reproduced exactly; Jinja's errors and the checks' go through.
    """
    from lxml import etree

    try:
        package = _Package(data, members)
    except (KeyError, ValueError, AttributeError, TypeError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise Unsupported("package") from exc
    main, sides = _rendered_parts(package)
    documents = {main.name: _render_document(main, context, env, prepare, check, prepared)}
    for part in sides:
        documents[part.name] = _render_side(part, context, env, prepare, check, prepared)
    core = next((package.parts[r.target] for r in package.rels.values() if r.reltype == CORE and not r.external), None)
    if core is None:
        raise Unsupported("no document properties")
    documents[core.name] = _render_properties(core, context, env)
    return _written(package, documents, prepared.as_written if prepared is not None else frozenset())


def _rendered_parts(package: _Package) -> tuple[_Part, list[_Part]]:
    """The main part and the headers and footers rendered (every header first, then every footer, as
    docxtpl renders them); :class:`Unsupported` for a package not reproduced here."""
    main = next((p for p in package.order() if p.content_type == f"{_WML}document.main+xml"), None)
    if main is None or any(p.content_type == FOOTNOTES for p in package.parts.values()):
        raise Unsupported("footnotes or no main part")
    sides: list[_Part] = []
    for kind in (HEADER, FOOTER):
        for rel in main.rels.values():
            part = package.parts.get(rel.target)
            if rel.reltype == kind and part is not None:
                if not part.blob or _references(package, part.name) != 1:
                    raise Unsupported(part.name)  # python-docx would write a part rendered twice twice
                sides.append(part)
    return main, sides


def jinja_parts(package: _Package) -> list[tuple[_Part, str]]:
    """Each part rendered through Jinja and its XML before the dialect is rewritten (templateprep.py)."""
    from lxml import etree

    main, sides = _rendered_parts(package)
    body = etree.fromstring(main.blob, _parser()).find(f"{W}body")
    found = [(main, etree.tostring(body, encoding="unicode"))] if body is not None else []
    return found + [(part, _side_xml(part)) for part in sides]


def written_as_is(part: _Part) -> bool:
    """Whether python-docx writes this XML part back with exactly its bytes (templateprep.py)."""
    from lxml import etree

    return _serialised(etree.fromstring(part.blob, _parser())) == part.blob


def _references(package: _Package, name: str) -> int:
    """How many internal relationships of the package point at the part."""
    sources = [package.rels, *(p.rels for p in package.parts.values())]
    return sum(1 for rels in sources for rel in rels.values() if not rel.external and rel.target == name)


def _plain(source: str) -> bool:
    """Whether Jinja renders this source as itself: no ``{`` (so no tag, expression or comment), no carriage
    return (Jinja turns it into a line feed) and no final line feed (Jinja drops one)."""
    return "{" not in source and "\r" not in source and not source.endswith("\n")


def jinja_input(xml: str, env: Any, prepare: Prepare, name: str) -> tuple[str, Any]:
    """A part's XML as the source Jinja renders (the dialect rewritten, each paragraph on a line of its own,
    as docxtpl's render_xml_part does) and what compiles it (``prepare``'s answer), None for a plain source."""
    patched = wordtags.jinja_source(xml)
    if patched is None:
        raise Unsupported(name)
    source = wordtags.before_render(patched)
    return source, None if _plain(source) else prepare(patched, env, name)


def _from_code(env: Any, code: str) -> Any:
    """The template Jinja's ``from_string`` would make, from the Python code its generator made."""
    return env.template_class.from_code(env, compile(code, "<template>", "exec"), env.make_globals(None), None)


def _render_jinja(xml: Callable[[], str], context: Any, env: Any, prepare: Prepare, check: Check, name: str,
                  prepared: Prepared | None) -> str:
    """One part's XML (``xml()``) through the template dialect and Jinja, as docxtpl's render_xml_part does it;
    a bundled template's part from its shipped source and code instead, when this Jinja made that code."""
    known = prepared.sources.get(name) if prepared is not None else None
    code = prepared.code.get(name) if prepared is not None else None
    if env is None:  # the lean run: the shipped code without Jinja, or NeedsJinja
        result = wordtags.after_render(_lean(known, code, context))
        check(result, name)
        return result
    if known is not None and (code is not None or _plain(known)):
        source, compiler = known, None
    else:
        source, compiler = jinja_input(xml(), env, prepare, name)
        code = None
    from jinja2 import TemplateError

    try:
        if code is not None:
            rendered = _from_code(env, code).render(context)
        elif compiler is not None:
            rendered = compiler.from_string(source).render(context)
        else:
            rendered = source  # what Jinja would make of it
    except TemplateError as exc:
        if getattr(exc, "lineno", None) is not None:
            first = max(exc.lineno - 4, 0)  # type: ignore[attr-defined]
            exc.docx_context = [re.sub(r"<[^>]+>", "", line)  # type: ignore[attr-defined]
                                for line in source.splitlines()[first:first + 7]]
        raise
    result = wordtags.after_render(rendered)
    check(result, name)
    return result


def _lean(known: str | None, code: str | None, context: Any) -> str:
    """A part rendered from its shipped source or code by bodycode.py; NeedsJinja when that is not possible."""
    from .bodycode import NeedsJinja, render

    if known is None:
        raise NeedsJinja("no shipped source")
    if code is None:
        if not _plain(known):
            raise NeedsJinja("no shipped code")
        return known
    return render(code, context)


def _render_document(part: _Part, context: Any, env: Any, prepare: Prepare, check: Check,
                     prepared: Prepared | None) -> Any:
    """The main part's tree: its body rendered, the tables' grids fitted, drawings numbered."""
    from lxml import etree

    root = etree.fromstring(part.blob, _parser())
    body = root.find(f"{W}body")
    if body is None:
        raise Unsupported(part.name)
    xml = _render_jinja(lambda: etree.tostring(body, encoding="unicode"), context, env, prepare, check, part.name,
                        prepared)
    try:
        tree = etree.fromstring(xml)  # docxtpl would recover from damage: that case is docxtpl's to tell
    except etree.XMLSyntaxError as exc:
        raise Unsupported(part.name) from exc
    _fit_grids(tree)
    for number, drawing in enumerate(tree.iter(DOC_PR), start=1001):
        drawing.attrib["id"] = str(number)
    root.replace(body, tree)
    return root


def _side_xml(part: _Part) -> str:
    """A header's or footer's XML as python-docx holds it."""
    from lxml import etree

    return str(etree.tostring(etree.fromstring(part.blob, _parser()), encoding="unicode"))


def _render_side(part: _Part, context: Any, env: Any, prepare: Prepare, check: Check,
                 prepared: Prepared | None) -> Any:
    """A header or footer rendered and parsed as python-docx parses a new part."""
    from lxml import etree

    rendered = _render_jinja(lambda: _side_xml(part), context, env, prepare, check, part.name, prepared)
    try:
        return etree.fromstring(rendered.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise Unsupported(part.name) from exc


def _render_properties(part: _Part, context: Any, env: Any) -> Any:
    """core.xml with the six properties docxtpl renders as templates rendered; a missing one is added at the
    end (with its own namespace declaration, as python-docx makes it), holding its rendered empty text."""
    from lxml import etree

    root = etree.fromstring(part.blob, _parser())
    for tag in _PROPERTIES.values():
        element = root.find(tag)
        text = "" if element is None else element.text or ""
        if not _plain(text) and env is None:
            from .bodycode import NeedsJinja

            raise NeedsJinja("a document property holds a tag")
        value = text if _plain(text) else env.from_string(text).render(context)
        if len(value) > 255:
            raise Unsupported(part.name)  # python-docx refuses it, in its words
        if element is None:
            element = etree.Element(tag, nsmap={"dc": _DC})
            root.append(element)
        element.text = value
    return root


def _written(package: _Package, documents: dict[str, Any], as_written: frozenset[str] = frozenset()) -> Parts:
    """Content types, package relationships, then each part and its relationships, as python-docx writes them.

    A part in ``as_written`` is known (templateprep.py) to be written with its own bytes: it is not re-parsed.
    """
    from lxml import etree

    order = package.order()
    written: Parts = [("[Content_Types].xml", _serialised(_content_types(order))),
                      ("_rels/.rels", _serialised(_relationships(package.rels, "/")))]
    for part in order:
        if part.name in documents:
            blob = _serialised(documents[part.name])
        elif part.xml and part.name not in as_written:
            blob = _serialised(etree.fromstring(part.blob, _parser()))
        else:
            blob = part.blob
        written.append((part.name[1:], blob))
        if part.rels:
            base, filename = posixpath.split(part.name)
            written.append((posixpath.join(base, "_rels", f"{filename}.rels")[1:],
                            _serialised(_relationships(part.rels, base))))
    return written


def _serialised(element: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))


def _new(xml: str) -> Any:
    from lxml import etree

    return etree.fromstring(xml, _parser())


def _content_types(parts: list[_Part]) -> Any:
    """[Content_Types].xml as python-docx makes it: implied extensions as Default, the rest as Override."""
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    overrides: dict[str, str] = {}
    for part in parts:
        ext = posixpath.splitext(part.name)[1][1:]
        if (ext.lower(), part.content_type) in _IMPLIED:
            defaults[ext.lower()] = part.content_type
        else:
            overrides[part.name] = part.content_type
    types = _new(f'<Types xmlns="{TYPES_NS}"/>')
    for ext in sorted(defaults):
        element = _new(f'<Default xmlns="{TYPES_NS}"/>')
        element.set("Extension", ext)
        element.set("ContentType", defaults[ext])
        types.append(element)
    for name in sorted(overrides):
        element = _new(f'<Override xmlns="{TYPES_NS}"/>')
        element.set("PartName", name)
        element.set("ContentType", overrides[name])
        types.append(element)
    return types


def _relationships(rels: dict[str, _Rel], base: str) -> Any:
    """A .rels part as python-docx writes it: internal targets made relative to the source's folder."""
    root = _new(f'<Relationships xmlns="{RELS_NS}"/>')
    for rel in rels.values():
        element = _new(f'<Relationship xmlns="{RELS_NS}"/>')
        element.set("Id", rel.rid)
        element.set("Type", rel.reltype)
        if rel.external:
            element.set("Target", rel.ref)
        else:
            element.set("Target", rel.target[1:] if base == "/" else posixpath.relpath(rel.target, base))
        if rel.external:
            element.set("TargetMode", "External")
        root.append(element)
    return root


def _fit_grids(tree: Any) -> None:
    """Each table's grid fitted to its rows, as docxtpl's fix_tables does after column loops (``{%tc for %}``).

    A row with more cells than the grid has columns adds columns (the old ones shrunk evenly so that the
    table keeps its width); a grid wider than its widest row loses its last columns, their width shared out.
    The plan table's grid is set from the style afterwards (render.set_plan_widths); other tables keep this.
    """
    from lxml import etree

    if tree.nsmap.get("w") != W[1:-1]:
        raise Unsupported("body without the w: prefix")
    for table in tree.iter(f"{W}tbl"):
        grid = table.find(f"{W}tblGrid")
        if grid is None:
            raise Unsupported("table without a grid")
        columns = grid.findall(f"{W}gridCol")
        rows = list(table.iter(f"{W}tr"))
        extra = max([len(row.findall(f"{W}tc")) - len(columns) for row in rows] + [0])
        width = sum(float(c.get(f"{W}w")) for c in columns if c.get(f"{W}w") is not None)
        if extra > 0 and width > 0:
            old, new = width / len(columns), width / (len(columns) + extra)
            for column in columns:
                column.set(f"{W}w", str(int(float(column.get(f"{W}w")) * new / old)))
            for _ in range(extra):
                etree.SubElement(grid, f"{W}gridCol", {f"{W}w": str(int(new))})
        columns = grid.findall(f"{W}gridCol")
        surplus = len(columns) - max([sum(_span(c) for c in row.findall(f"{W}tc")) for row in rows] + [0])
        if surplus > 0:
            removed = 0.0
            for column in columns[-surplus:]:
                removed += float(column.get(f"{W}w"))
                grid.remove(column)
            left = grid.findall(f"{W}gridCol")
            share = int(removed / len(left)) if left else 0
            for column in left:
                column.set(f"{W}w", str(int(float(column.get(f"{W}w")) + share)))


def _span(cell: Any) -> int:
    properties = cell.find(f"{W}tcPr")
    span = None if properties is None else properties.find(f"{W}gridSpan")
    return 1 if span is None else int(span.get(f"{W}val"))
