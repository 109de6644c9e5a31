"""Small WordprocessingML operations on lxml trees, shared by the parts of the style generator.

The generator edits the committee's own document.xml in place of building a new
one, so that every property Word wrote (paragraph and run properties, section
properties, table borders and shading) survives; these helpers only replace the
*text* of a paragraph and make docxtpl's tag paragraphs and rows.
"""

from __future__ import annotations

import copy

from ..lazyre import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_MM = 1440 / 25.4

if TYPE_CHECKING:
    Element = Any  # lxml.etree._Element; lxml ships no type stubs the project uses
else:
    Element = object


def q(tag: str) -> str:
    return W + tag


def make(tag: str, attrs: dict[str, str] | None = None, *children: Element) -> Element:
    """``<w:tag w:attr="…">children</w:tag>``."""
    from lxml import etree

    element = etree.Element(q(tag))
    for key, value in (attrs or {}).items():
        element.set(q(key), str(value))
    for child in children:
        if child is not None:
            element.append(child)
    return element


def para_text(p: Element) -> str:
    """The text a reader sees: tabs as «\\t», line breaks as «\\n», Word's no-break hyphen as «-»."""
    parts: list[str] = []
    for node in p.iter(q("t"), q("tab"), q("br"), q("noBreakHyphen")):
        if node.tag == q("t"):
            parts.append(node.text or "")
        elif node.tag == q("tab"):
            if node.getparent().tag != q("tabs"):  # a tab stop of the paragraph's properties is no character
                parts.append("\t")
        elif node.tag == q("br"):
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts)


def has_drawing(p: Element) -> bool:
    """A paragraph with a picture (an emblem) or a shape: kept as it is, never rewritten."""
    return any(True for _ in p.iter(q("drawing"), q("pict"), q("object")))


def first_rpr(p: Element) -> Element | None:
    """The run properties of the paragraph's first run that holds text (its visible font)."""
    for run in p.iter(q("r")):
        if run.find(q("t")) is not None:
            rpr = run.find(q("rPr"))
            return copy.deepcopy(rpr) if rpr is not None else None
    for run in p.iter(q("r")):
        rpr = run.find(q("rPr"))
        if rpr is not None:
            return copy.deepcopy(rpr)
    return None


def text_run(text: str, rpr: Element | None) -> list[Element]:
    """Runs for ``text``: «\\t» becomes a tab, «\\n» a line break; the given properties on each."""
    runs: list[Element] = []
    for piece in _BREAKS.split(text):
        if not piece:
            continue
        run = make("r", None, copy.deepcopy(rpr) if rpr is not None else None)
        if piece == "\t":
            run.append(make("tab"))
        elif piece == "\n":
            run.append(make("br"))
        else:
            t = make("t")
            t.text = piece
            t.set(XML_SPACE, "preserve")
            run.append(t)
        runs.append(run)
    return runs


def set_text(p: Element, text: str, rpr: Element | None = None, *, keep_numbering: bool = False) -> Element:
    """Replace everything but the paragraph properties by ``text``, in the font of its first run.

    Automatic numbering is taken off (the render context brings its own numbers
    «1.», «1.1.»), unless ``keep_numbering``.
    """
    font = rpr if rpr is not None else first_rpr(p)
    for child in list(p):
        if child.tag != q("pPr"):
            p.remove(child)
    if not keep_numbering:
        drop_numbering(p)
    for run in text_run(text, font):
        p.append(run)
    return p


def drop_numbering(p: Element) -> None:
    ppr = p.find(q("pPr"))
    if ppr is not None:
        for num in ppr.findall(q("numPr")):
            ppr.remove(num)


def copy_para(p: Element, text: str, *, keep_numbering: bool = False) -> Element:
    """A copy of ``p`` (its properties, not its section break) holding ``text``."""
    clone = copy.deepcopy(p)
    ppr = clone.find(q("pPr"))
    if ppr is not None:
        for sect in ppr.findall(q("sectPr")):
            ppr.remove(sect)
    return set_text(clone, text, first_rpr(p), keep_numbering=keep_numbering)


def tag_para(text: str, like: Element | None = None) -> Element:
    """A paragraph holding one docxtpl tag ``{%p …%}``, ``{%tr …%}`` or ``{%tc …%}``: docxtpl removes it whole."""
    if like is not None:
        return copy_para(like, text)
    return make("p", None, *text_run(text, None))


def section_of(p: Element) -> Element | None:
    ppr = p.find(q("pPr"))
    return ppr.find(q("sectPr")) if ppr is not None else None


def emptied(p: Element) -> Element:
    """A paragraph that carries a section break, its text removed (the break and its pages stay)."""
    for child in list(p):
        if child.tag != q("pPr"):
            p.remove(child)
    return p


def clean_tcpr(tc: Element) -> Element:
    """Cell properties without width and merges: the generated grid decides those."""
    tcpr = tc.find(q("tcPr"))
    tcpr = copy.deepcopy(tcpr) if tcpr is not None else make("tcPr")
    for tag in ("tcW", "gridSpan", "vMerge", "hMerge", "hideMark"):
        for child in tcpr.findall(q(tag)):
            tcpr.remove(child)
    return tcpr


def with_span(tcpr: Element, span: int) -> Element:
    """Insert ``gridSpan`` where the schema wants it (after cnfStyle/tcW)."""
    span_el = make("gridSpan", {"val": str(span)})
    index = 0
    for i, child in enumerate(tcpr):
        if child.tag in (q("cnfStyle"), q("tcW")):
            index = i + 1
    tcpr.insert(index, span_el)
    return tcpr


def cell(tcpr: Element, paragraphs: list[Element]) -> Element:
    return make("tc", None, tcpr, *paragraphs)


def row(trpr: Element | None, cells: list[Element]) -> Element:
    return make("tr", None, copy.deepcopy(trpr) if trpr is not None else None, *cells)


def tag_row(text: str, span: int, like: Element | None = None) -> Element:
    """A table row that only carries a ``{%tr …%}`` tag (removed by docxtpl with the row)."""
    return row(None, [cell(with_span(make("tcPr"), span) if span > 1 else make("tcPr"), [tag_para(text, like)])])


def trpr_without_header(trpr: Element | None) -> Element | None:
    if trpr is None:
        return None
    trpr = copy.deepcopy(trpr)
    for child in trpr.findall(q("tblHeader")):
        trpr.remove(child)
    return trpr


def jc_of(p: Element) -> str:
    jc = p.find(f"{q('pPr')}/{q('jc')}")
    return jc.get(q("val"), "") if jc is not None else ""


def set_jc(p: Element, value: str) -> None:
    """Set the alignment of a paragraph, its pPr element kept in schema order (jc before rPr/sectPr)."""
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = make("pPr")
        p.insert(0, ppr)
    jc = ppr.find(q("jc"))
    if jc is None:
        jc = make("jc")
        later = [c for c in ppr if c.tag in (q("textDirection"), q("textAlignment"), q("textboxTightWrap"),
                                              q("outlineLvl"), q("divId"), q("cnfStyle"), q("rPr"),
                                              q("sectPr"), q("pPrChange"))]
        if later:
            later[0].addprevious(jc)
        else:
            ppr.append(jc)
    jc.set(q("val"), value)


def paragraphs_of(element: Element) -> list[Element]:
    """Paragraphs of a body element in reading order (a table's cells row by row)."""
    return [element] if element.tag == q("p") else list(element.iter(q("p")))


def style_alignments(styles_xml: bytes | None, parsed: Element | None = None) -> dict[str, str]:
    """Paragraph style id → its alignment (through ``basedOn``): a cell centred by its style is centred too.

    ``parsed`` is styles.xml already parsed from these bytes (the package's every part is parsed once,
    strictly, to check it): taken, not parsed again."""
    from lxml import etree

    if not styles_xml:
        return {}
    if parsed is not None:
        root = parsed
    else:
        try:
            root = etree.fromstring(styles_xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return {}
    own: dict[str, str] = {}
    parent: dict[str, str] = {}
    for style in root.findall(q("style")):
        sid = style.get(q("styleId")) or ""
        jc = style.find(f"{q('pPr')}/{q('jc')}")
        if jc is not None:
            own[sid] = jc.get(q("val"), "")
        based = style.find(q("basedOn"))
        if based is not None:
            parent[sid] = based.get(q("val")) or ""
    out: dict[str, str] = {}
    for sid in set(own) | set(parent):
        current, seen = sid, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = parent.get(current, "")
        if current in own:
            out[sid] = own[current]
    return out


def effective_jc(p: Element, styles: dict[str, str]) -> str:
    """The alignment a reader sees: the paragraph's own, else its style's."""
    own = jc_of(p)
    if own:
        return own
    style = p.find(f"{q('pPr')}/{q('pStyle')}")
    return styles.get(style.get(q("val"), ""), "") if style is not None else ""


def cell_width(tc: Element) -> float:
    """The cell's own width in mm (tcW in twips), 0 when Word left it to the grid."""
    tcw = tc.find(f"{q('tcPr')}/{q('tcW')}")
    if tcw is None or tcw.get(q("type"), "dxa") != "dxa":
        return 0.0
    return number_attr(tcw, "w", 0) / TWIPS_PER_MM


def cell_at(tr: Element, grid_col: int) -> Element:
    """The cell that covers a grid column (the last one when the row is short)."""
    col = 0
    for tc in tr.findall(q("tc")):
        span = span_of(tc)
        if col <= grid_col < col + span:
            return tc
        col += span
    return tr.findall(q("tc"))[-1]


_BRACE = LazyPattern(r"[{}]")
_BREAKS = LazyPattern(r"(\t|\n)")


def escape_braces(root: Element) -> int:
    """Make every brace of the committee's own text print as itself, never evaluated.

    docxtpl renders the whole part, so a «{{ 7*7 }}» typed in a letterhead is
    written as ``{{ ('{', order)[0] }}`` per brace: an expression Jinja cannot fold
    at compile time, so the renderer's finalize writes the brace as a character
    reference (bodycode.xml_text) and the leftover-tag check never mistakes it for
    a broken tag. Returns how many texts were changed."""
    changed = 0
    for t in root.iter(q("t"), q("instrText")):
        if t.text and _BRACE.search(t.text):
            t.text = _BRACE.sub(lambda m: "{{ ('" + m.group(0) + "', order)[0] }}", t.text)
            changed += 1
    return changed


def number_attr(element: Element | None, name: str, default: int) -> int:
    """A numeric attribute as Word means it; anything else (a hand-edited «пять», «-3», «1e9») is the default."""
    if element is None:
        return default
    value = (element.get(q(name)) or "").strip()
    try:
        number = int(float(value))
    except (ValueError, OverflowError):
        return default
    return number if 0 < number < 10**6 else default


def span_of(tc: Element) -> int:
    """How many grid columns a cell covers (gridSpan), at least 1 and at most 63 (Word's limit)."""
    return min(number_attr(tc.find(f"{q('tcPr')}/{q('gridSpan')}"), "val", 1), 63)


def unwrap_content_controls(body: Element) -> None:
    """Body-level content controls (w:sdt) give way to their content: the importer reads through them, and
    a letterhead or a plan table inside one must be found here too."""
    for sdt in body.findall(q("sdt")):
        content = sdt.find(q("sdtContent"))
        for child in list(content) if content is not None else []:
            sdt.addprevious(child)
        body.remove(sdt)
