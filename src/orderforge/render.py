"""Render the context into the house style's .docx, safely and reproducibly.

What the libraries do with bad input, as measured (shared/robustness-notes.md),
decides the shape of this module:

* Jinja runs sandboxed, autoescaped and with StrictUndefined: templates come
  from clerks' Word files, and an unknown variable must fail, not print "".
* Every value is escaped for XML *and* its braces are written as character
  references, so neither docxtpl's ``{_{`` → ``{{`` rewrite nor our own
  leftover-tag check can ever mistake plan text for template code.
* Before rendering, :func:`open_template` reads the .docx once and parses every
  XML part strictly: python-docx and docxtpl meet a damaged file with an
  exception that names neither the file nor the part. check-style opens
  templates through the same function, so both tell a clerk the same thing.
  (A bundled template's verdict, and what else its bytes alone decide, ships
  with orderforge: templateprep.py.)
* After rendering, each part is searched for leftover ``{{``/``{%`` (a tag Word
  split beyond repair), every XML part is re-parsed strictly, and the zip is
  rewritten with fixed timestamps so that two builds are byte-identical.

docxtpl, python-docx and lxml are imported here only (lxml also by templatefile.py
and bodyrender.py), so ``validate`` never pays for them; a lean build's marker
document is rendered by bodyrender.py, and docxtpl is imported only where that
path steps aside (and for the full render the tests compare against).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from .diagnostics import Diagnostic, Pos, UserError
from .lazyre import pattern_for, precompiled
from .style import Style
from .templatefile import TemplatePackage, open_template, raised_in_template, template_error, unreadable

TYPE_CHECKING = False
if TYPE_CHECKING:  # the context's TypedDicts are for mypy: typing compiles each of their fields when made
    from typing import Any

    from .context import Context, TableContext

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TWIPS_PER_MM = 1440 / 25.4
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

_LEFTOVER = precompiled(r"\{\{|\{%|\{#|%\}|\}\}|\{\s+\{|\{\s+%|%\s+\}")


def make_env() -> Any:
    """The bounded sandbox (sandbox.py): no internals, no files, bounded arithmetic, depth and growth."""
    from .bodycode import xml_text
    from .sandbox import make_sandbox

    return make_sandbox(finalize=xml_text)


class _NotLean(Exception):
    """The template's plan table cannot be filled from marker rows exactly; render it the full way."""


def _template_class() -> type:
    """DocxTemplate that checks each rendered part for leftover tags before lxml decodes entities.

    With ``lean`` set, each part is first checked to use the plan's rows only in one plain row loop
    (:func:`_lean_source`); otherwise :class:`_NotLean` is raised before anything is rendered.
    """
    from docxtpl import DocxTemplate

    class CheckedTemplate(DocxTemplate):
        lean = False

        def render_xml_part(self, src_xml: str, part: Any, context: dict, jinja_env: Any = None) -> str:
            if self.lean:
                jinja_env = _lean_source(src_xml, jinja_env, str(getattr(part, "partname", "/word/document.xml")))
            dst = super().render_xml_part(src_xml, part, context, jinja_env)
            check_leftovers(dst, getattr(part, "partname", "word/document.xml"), self.template_name)
            return dst

    return CheckedTemplate


def _lean_source(source: str, env: Any, part: str) -> Any:
    """Check that marker rows render this part exactly as the plan's rows would, else raise :class:`_NotLean`;
    returns the environment docxtpl is to use, one that compiles the tree parsed here instead of parsing again.

    The main part must have one loop over ``rows`` that neither counts (``loop``) nor keeps state; other
    parts must not touch ``rows`` at all.
    """
    from jinja2 import TemplateSyntaxError, nodes

    prepared = pattern_for(r"<w:p([ >])").sub(r"\n<w:p\1", source)  # as docxtpl's render_xml_part does before Jinja
    try:
        tree = env.parse(prepared)
    except TemplateSyntaxError:
        raise _NotLean(part) from None  # the full render reports it, in the words it always did
    uses = [n for n in tree.find_all(nodes.Getattr) if n.attr == "rows"]
    uses += [n for n in tree.find_all(nodes.Getitem) if isinstance(n.arg, nodes.Const) and n.arg.value == "rows"]
    loops = [n for n in tree.find_all(nodes.For) if n.iter in uses]
    if uses and (part != "/word/document.xml" or len(uses) != 1 or len(loops) != 1):
        raise _NotLean(part)
    if loops:
        body = nodes.Template(loops[0].body)
        stateful = (nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.NSRef)
        if any(n.name == "loop" for n in body.find_all(nodes.Name)) or any(body.find_all(stateful)):
            raise _NotLean(part)
    return _ParsedOnce(env, prepared, tree)


class _ParsedOnce:
    """The Jinja environment, but ``from_string`` of the source just parsed compiles that tree."""

    def __init__(self, env: Any, source: str, tree: Any) -> None:
        self.env, self.source, self.tree = env, source, tree

    def from_string(self, source: str) -> Any:
        return self.env.from_string(self.tree if source == self.source else source)


def check_leftovers(xml: str, part: object, template: str) -> None:
    """Fail when template marks survive rendering (e.g. «{ { x } }» that Word split)."""
    for index, para in enumerate(pattern_for(r"<w:p[ >].*?</w:p>", re.DOTALL).findall(xml), start=1):
        text = "".join(pattern_for(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").findall(para))
        if _LEFTOVER.search(text):
            raise UserError(Diagnostic(
                "OF401", "error",
                f"в шаблоне осталась неразобранная метка: часть {part}, абзац {index}: «{text.strip()[:120]}»",
                Pos(template),
                "откройте шаблон в Word и наберите метку заново одним куском, без пробелов между { и {",
            ), exit_code=2)


def render_docx(context: Context, style: Style, *, lean: bool = True) -> bytes:
    """Render, post-process and verify; returns the final .docx bytes.

    The plan table's rows are filled by tablerows.py from marker rows the template rendered once (``lean``);
    the full way, every row through docxtpl and every part re-parsed, is kept for templates where that would
    not be exact, and as the tests' reference.
    """
    appendix = context["appendix"]
    table = appendix["table"] if appendix else None
    if lean and table and table["rows"]:
        from .tablerows import rows_fit

        if rows_fit(table):
            try:
                return _render_lean(context, table, style)
            except _NotLean:
                pass
    data, package = _render_docxtpl(context, style)
    return _zip(_finished_parts(_entries(data), style, str(style.template_path), package.xml))


def _render_lean(context: Context, table: TableContext, style: Style) -> bytes:
    """Render with marker rows, cut the rendered rows into shapes, fill them with the plan's rows, splice."""
    from .tablerows import fill, find_shapes, marker_rows, spliced

    assert context["appendix"] is not None
    markers: Context = {**context, "appendix": {**context["appendix"], "table": {**table, "rows": marker_rows(table)}}}
    parts = _marker_parts(markers, style)
    index = next(i for i, (name, _) in enumerate(parts) if name == "word/document.xml")
    xml = parts[index][1].decode("utf-8")
    shapes = find_shapes(xml, table["ncols"])
    if shapes is None:
        raise _NotLean("word/document.xml")
    rows = fill(shapes, table["rows"], _normaliser(xml, str(style.template_path)))
    return _zip([*parts[:index], ("word/document.xml", spliced(xml, shapes, rows)), *parts[index + 1:]])


def _marker_parts(markers: Context, style: Style) -> list[tuple[str, bytes]]:
    """The template rendered with marker rows and finished, remembered between builds (rendercache.py)."""
    from .rendercache import remembered_parts
    from .safeio import LIMITS, read_bytes

    def render() -> tuple[list[tuple[str, bytes]], dict[str, bytes]]:
        from .bodyrender import Unsupported

        try:
            entries, package = _render_direct(markers, style)
        except Unsupported:
            data, package = _render_docxtpl(markers, style, lean=True)
            entries = _entries(data)
        return _finished_parts(entries, style, str(style.template_path), package.xml), package.members or {}

    try:
        template = read_bytes(style.template_path, LIMITS.file_bytes)
    except (OSError, UserError):
        return render()[0]  # open_template tells the clerk what is wrong, in its own words
    return remembered_parts(template, markers, [c.width for c in style.columns], render)


def _normaliser(xml: str, template: str) -> Any:
    """A row holding a tab, a line break or the like, as the full path writes it: docxtpl's listing markup
    (wordtags.listing, the same without importing docxtpl), then
    parsed and written by lxml inside the document's own root element (so with the same namespaces)."""
    root = xml[xml.index("<w:document"):]
    root = root[:root.index(">") + 1]

    def normalise(row: str) -> str:
        from lxml import etree

        from .wordtags import listing

        listed = listing(row)
        try:
            tree = etree.fromstring(f"{root}{listed}</w:document>".encode())
        except etree.XMLSyntaxError as exc:
            raise UserError.simple("OF404", template, f"после подстановки часть word/document.xml повреждена: {exc}",
                                   "сообщите разработчикам: это ошибка orderforge или шаблона") from None
        text = etree.tostring(tree, encoding="unicode")
        return text[text.index(">") + 1:text.rindex("</w:document>")]

    return normalise


def _render_direct(context: Context, style: Style) -> tuple[list[tuple[str, bytes]], TemplatePackage]:
    """The template rendered for the lean path without docxtpl or python-docx (bodyrender.py), as the package
    docxtpl would save; raises bodyrender.Unsupported where only docxtpl renders it exactly."""
    from .bodycode import NeedsJinja
    from .bodyrender import Unsupported, render_package

    template_path = style.template_path
    package = open_template(template_path)
    name = str(template_path)
    if package.prepared is not None:  # a bundled style: its shipped code, without importing Jinja
        try:
            return render_package(package.data, context, None, _lean_source,
                                  lambda xml, part: check_leftovers(xml, part, name), package.prepared,
                                  package.members), package
        except NeedsJinja:
            pass  # Jinja renders it, and says what is wrong if anything is
    from jinja2 import TemplateError

    from .sandbox import time_limit

    env = make_env()
    env.autoescape = True
    try:
        with time_limit():
            parts = render_package(package.data, context, env, _lean_source,
                                   lambda xml, part: check_leftovers(xml, part, name), package.prepared,
                                   package.members)
    except (Unsupported, _NotLean, UserError):
        raise
    except TemplateError as exc:
        raise template_error(exc, template_path) from None
    except Exception as exc:  # the template's code failed, as in _render_docxtpl; anything else is docxtpl's to tell
        if raised_in_template(exc):
            raise template_error(exc, template_path) from None
        raise Unsupported(type(exc).__name__) from exc
    return parts, package


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    """Every member of a zip package, in its order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, source.read(info.filename)) for info in source.infolist()]


def _render_docxtpl(context: Context, style: Style, lean: bool = False) -> tuple[bytes, TemplatePackage]:
    """The template rendered by docxtpl in the sandbox, saved as a package (not yet verified nor re-zipped),
    and the template it came from."""
    from docx.opc.exceptions import OpcError
    from jinja2 import TemplateError
    from lxml import etree

    template_path = style.template_path
    package = open_template(template_path)
    tpl = _template_class()(io.BytesIO(package.data))  # the very bytes that were checked
    tpl.template_name = str(template_path)
    tpl.lean = lean
    from .sandbox import time_limit

    try:
        with time_limit():
            tpl.render(context, jinja_env=make_env(), autoescape=True)
    except TemplateError as exc:
        raise template_error(exc, template_path) from None
    except (OpcError, etree.XMLSyntaxError) as exc:  # damage open_template does not foresee
        raise unreadable(template_path, "его не удалось разобрать") from exc
    except _NotLean:
        raise
    except Exception as exc:  # `{% for i in range(10**8) %}`, `{{ 1/0 }}`: the template's code failed, not ours
        if not raised_in_template(exc):
            raise
        raise template_error(exc, template_path) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue(), package


def finish_package(data: bytes, style: Style, template: str) -> bytes:
    """Fix column widths, verify every XML part strictly, and rezip deterministically."""
    return _zip(_finished_parts(_entries(data), style, template))


def _finished_parts(entries: list[tuple[str, bytes]], style: Style, template: str,
                    checked: dict[str, str] | None = None) -> list[tuple[str, bytes]]:
    """Every part of a rendered package, each XML part verified by a strict parse, the plan table's widths set.

    A part that is still byte for byte the template's (``checked``: open_template parsed those strictly
    already; the styles alone are most of a template's XML) is not parsed again.
    """
    from lxml import etree

    parts: list[tuple[str, bytes]] = []
    checked = checked or {}
    for filename, blob in entries:
        unchanged = filename != "word/document.xml" and blob == checked.get(filename, "").encode()
        if filename.endswith((".xml", ".rels")) and not unchanged:
            try:
                tree = etree.fromstring(blob)
            except etree.XMLSyntaxError as exc:
                raise UserError.simple("OF404", template, f"после подстановки часть {filename} повреждена: {exc}",
                                       "сообщите разработчикам: это ошибка orderforge или шаблона") from None
            if filename == "word/document.xml":
                set_plan_widths(tree, style)
                blob = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts.append((filename, blob))
    return parts


#: zlib's level for every part. Levels 1–3 are zlib's fast strategy, 4–9 its lazy matching: at 5,000
#: activities level 3 deflates the 8 MB of XML in 20 ms where the default 6 took 55 ms (a tenth of the
#: build's own work); the .docx is 350 KB instead of 220 KB, the same parts byte for byte.
ZIP_LEVEL = 3


def _zip(parts: Sequence[tuple[str, bytes | Iterable[bytes]]]) -> bytes:
    """The package with fixed timestamps and permissions, so that two builds are byte-identical.

    A part given as pieces is compressed as they come, so that a large document.xml is never held whole.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as target:
        for name, blob in parts:
            fixed = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]  # a ZipInfo given is written at its own
            fixed.external_attr = 0o644 << 16
            if isinstance(blob, bytes):
                target.writestr(fixed, blob)
                continue
            with target.open(fixed, "w") as stream:
                for chunk in _chunks(blob):
                    stream.write(chunk)
    return out.getvalue()


def _chunks(pieces: Iterable[bytes], size: int = 1 << 18) -> Iterator[bytes]:
    """The pieces (a row each) joined into chunks of about ``size`` bytes: zipfile's write, with its CRC and
    compressor calls, then runs a few dozen times for 5,000 rows instead of once per row."""
    batch: list[bytes] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)


def _text_width(tree: Any, table: Any) -> int:
    """Width between the margins of the section the table is in (twips)."""
    sect = None
    for candidate in table.itersiblings():
        found = candidate.find(f"{W}pPr/{W}sectPr") if candidate.tag == f"{W}p" else None
        if found is not None:
            sect = found
            break
    if sect is None:
        sect = tree.find(f"{W}body/{W}sectPr")
    if sect is None:
        return 15136
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    width = int(size.get(f"{W}w")) if size is not None else 16838
    left = int(margins.get(f"{W}left", "1134")) if margins is not None else 1134
    right = int(margins.get(f"{W}right", "567")) if margins is not None else 567
    return width - left - right


def set_plan_widths(tree: Any, style: Style) -> None:
    """Give the plan table the style's column widths, scaled to the text width.

    docxtpl's column loops only rescale the grid evenly, so widths from
    style.yaml are applied here, on the tree, in one linear pass.
    """
    from lxml import etree

    for caption in tree.iter(f"{W}tblCaption"):
        if caption.get(f"{W}val") != "orderforge:plan":
            continue
        table = caption.getparent().getparent()
        total = _text_width(tree, table)
        mm = [c.width for c in style.columns] or [1.0]
        widths = [int(total * w / sum(mm)) for w in mm]
        grid = table.find(f"{W}tblGrid")
        for col in list(grid):
            grid.remove(col)
        for w in widths:
            etree.SubElement(grid, f"{W}gridCol").set(f"{W}w", str(w))
        tbl_pr = caption.getparent()
        for tag, value in (("tblW", str(sum(widths))),):
            element = tbl_pr.find(f"{W}{tag}")
            if element is None:
                element = etree.SubElement(tbl_pr, f"{W}{tag}")
            element.set(f"{W}w", value)
            element.set(f"{W}type", "dxa")
        layout = tbl_pr.find(f"{W}tblLayout")
        if layout is None:
            layout = etree.SubElement(tbl_pr, f"{W}tblLayout")
        layout.set(f"{W}type", "fixed")
        _reorder_tbl_pr(tbl_pr)
        for row in table.iter(f"{W}tr"):
            _set_row_widths(row, widths)


_TBL_PR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription",
]


def _reorder_tbl_pr(tbl_pr: Any) -> None:
    """Keep tblPr children in schema order: Word refuses files where they are not."""
    order = {f"{W}{name}": i for i, name in enumerate(_TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda el: order.get(el.tag, len(order)))
    for child in children:
        tbl_pr.append(child)


def _set_row_widths(row: Any, widths: list[int]) -> None:
    from lxml import etree

    index = 0
    for cell in row.findall(f"{W}tc"):
        tc_pr = cell.find(f"{W}tcPr")
        if tc_pr is None:
            tc_pr = etree.Element(f"{W}tcPr")
            cell.insert(0, tc_pr)
        span_el = tc_pr.find(f"{W}gridSpan")
        span = int(span_el.get(f"{W}val")) if span_el is not None else 1
        width = sum(widths[index:index + span])
        index += span
        tc_w = tc_pr.find(f"{W}tcW")
        if tc_w is None:
            tc_w = etree.Element(f"{W}tcW")
            tc_pr.insert(0, tc_w)
        tc_w.set(f"{W}w", str(width))
        tc_w.set(f"{W}type", "dxa")
