#!/usr/bin/env python3
"""Render every house style's templates with sample contexts and check the results.

    python tools/render_sample.py [--style NAME ...] [--no-pdf] [--out /tmp/orderforge-render]

For each style (tools/make_template.py LAYOUTS, contexts from tools/sample_context.py):
builds ``template.docx`` and ``amend.docx`` into a scratch folder (and says whether the
copies in src/orderforge/templates/ are up to date), renders them with docxtpl in a sandboxed,
autoescaping, strict Jinja environment — the template with each case of
``sample_context.cases(style)`` (the seed's document, a long plan, variants), the amend
template with ``sample_context.amend_context(style)`` — and checks the structure of each
result.  Unless --no-pdf, converts them with LibreOffice (one soffice run per style) and
checks the PDF: page size and orientation per section, the plan table's header row on
every page the table runs over, page numbers from page 2, no blank page, no leftover
``{{``/``{%``.  PNG pages (pdftoppm -r 50) land next to each PDF for a human to look at:

    <out>/<style>/<case>/<case>.docx, <case>.pdf, <case>.txt, page-N.png

Scratch files go to /tmp only.  The plan table's column widths are normally set by
orderforge's post-processor (it finds the table by ``tblCaption = orderforge:plan``);
``set_plan_widths`` below is a stand-in that takes the widths from the style's
style.yaml, so the pictures look like the real thing.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_template  # noqa: E402
import sample_context as sc  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
NBSP = "\u00a0"
A4_PT = (595, 842)

# Widths (mm) for contexts whose columns are not the style's own.
CASE_WIDTHS = {("kaliningrad-committee", "four-columns"): [5, 50, 27, 18]}


def q(tag: str) -> str:
    return "{{{}}}{}".format(W, tag.split(":")[1])


def norm(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def style_widths(style: str) -> list[float]:
    """Column widths in mm from templates/<style>/style.yaml (read directly: the file may
    use keys that orderforge.style does not know yet)."""
    data = YAML(typ="safe").load(
        (make_template.TEMPLATES / style / "style.yaml").read_text(encoding="utf-8"))
    return [float(str(c.get("width", 30)).replace(",", ".")) for c in data["table"]["columns"]]


def render(template: Path, context: dict) -> bytes:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=env)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def set_plan_widths(docx: bytes, fractions: list[float], text_width: int) -> bytes:
    """Stand-in for orderforge's post-processor: grid widths of the plan table."""
    zin = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(zin.read("word/document.xml"))
    for tbl in root.iter(q("w:tbl")):
        cap = tbl.find("w:tblPr/w:tblCaption", NS)
        if cap is None or cap.get(q("w:val")) != "orderforge:plan":
            continue
        cols = tbl.findall("w:tblGrid/w:gridCol", NS)
        assert len(cols) == len(fractions), (len(cols), len(fractions))
        total = sum(fractions)
        for c, f in zip(cols, fractions, strict=False):
            c.set(q("w:w"), str(round(text_width * f / total)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            zout.writestr(info, data)
    return out.getvalue()


# ------------------------------------------------------------------------------------
# Structural checks on the rendered .docx
# ------------------------------------------------------------------------------------
def _common_checks(docx: bytes, want_sections: list[str]) -> tuple[list[str], etree._Element]:
    """Checks every rendered document must pass, whatever its template; returns the
    problems and the document body so the caller's own checks need not parse it again."""
    z = zipfile.ZipFile(io.BytesIO(docx))
    problems = _xml_part_problems(z)
    doc = etree.fromstring(z.read("word/document.xml"))
    body = doc.find("w:body", NS)
    problems += _section_problems(body, want_sections)
    problems += _body_paragraph_problems(body)
    problems += _empty_cell_problems(body)
    return problems, body


def _xml_part_problems(z: zipfile.ZipFile) -> list[str]:
    """Every XML part well-formed and free of Jinja marks: a broken tag or a tag the
    sandbox left unrendered shows up here, in any part (headers and footers too)."""
    problems: list[str] = []
    for name in z.namelist():
        if not name.endswith(".xml"):
            continue
        data = z.read(name)
        try:
            root = etree.fromstring(data)  # strict parse
        except etree.XMLSyntaxError as e:
            problems.append(f"{name}: not well-formed: {e}")
            continue
        text = "".join(root.itertext())
        for mark in ("{{", "}}", "{%", "%}", "{#", "#}", "{ {"):
            if mark in text:
                problems.append(f"{name}: leftover template mark {mark!r}")
    return problems


def _section_problems(body: etree._Element, want_sections: list[str]) -> list[str]:
    """Sections: orientation per section, in order (the order portrait, the plan as the
    layout says), each with its own first-page header and continuous page numbers."""
    problems: list[str] = []
    got = []
    for s in body.findall(".//w:sectPr", NS):
        orientation, section_problems = _one_section(s)
        got.append(orientation)
        problems += section_problems
    if got != want_sections:
        problems.append(f"sections {got}, expected {want_sections}")
    return problems


def _one_section(s: etree._Element) -> tuple[str, list[str]]:
    """The orientation one ``w:sectPr`` gives by its page size, and what is wrong with it."""
    problems = []
    pg = s.find("w:pgSz", NS)
    w_, h_ = int(pg.get(q("w:w"))), int(pg.get(q("w:h")))
    orientation = "landscape" if w_ > h_ else "portrait"
    if pg.get(q("w:orient"), "portrait") != orientation:
        problems.append("pgSz orient attribute disagrees with its size")
    if s.find("w:pgNumType[@w:start]", NS) is not None:
        problems.append("page numbering restarts in a section")
    if s.find("w:titlePg", NS) is None:
        problems.append("section without titlePg")
    types = {h.get(q("w:type")) for h in s.findall("w:headerReference", NS)}
    if types != {"default", "first"}:
        problems.append(f"section header references {types}")
    return orientation, problems


def _body_paragraph_problems(body: etree._Element) -> list[str]:
    """Empty paragraphs at body level (other than the 1-pt spacers) and surviving
    ``{%p`` tag paragraphs: both would print as stray blank lines."""
    problems = []
    for p in body.findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        sid = style.get(q("w:val")) if style is not None else ""
        if sid == "OFTemplateTag":
            problems.append("a template-tag paragraph survived rendering")
        if not "".join(p.itertext()).strip() and sid not in ("OFSpacer", "OFTableGap"):
            problems.append(f"empty body paragraph (style {sid or 'none'})")
    return problems


def _empty_cell_problems(body: etree._Element) -> list[str]:
    """A ``w:tc`` without a ``w:p`` is invalid OOXML (Word refuses the file); a ``{%tc``
    loop or a removed ``{%p`` can leave one behind."""
    problems = []
    for tbl in body.iter(q("w:tbl")):
        for tc in tbl.iter(q("w:tc")):
            if tc.find("w:p", NS) is None:
                problems.append("table cell without a paragraph")
    return problems


def _tables(body) -> dict:
    tables = {}
    for tbl in body.iter(q("w:tbl")):
        cap = tbl.find("w:tblPr/w:tblCaption", NS)
        tables[cap.get(q("w:val")) if cap is not None else None] = tbl
    return tables


def _body_paragraph_texts(body) -> list[str]:
    return [norm("".join(p.itertext())) for p in body.findall("w:p", NS)
            if "".join(p.itertext()).strip()]


def _check_order(body, order: dict, tables: dict) -> list[str]:
    problems = []
    texts = _body_paragraph_texts(body)
    wanted = [*order["issuer_lines"], order["kind"], *order["title_lines"], *order["body"]]
    pos = 0
    for w in map(norm, wanted):
        try:
            pos = texts.index(w, pos) + 1
        except ValueError:
            problems.append(f"order paragraph missing or out of order: {w[:60]!r}")
    sig = tables.get("orderforge:signature")
    if sig is None:
        problems.append("signature table missing")
    else:
        tcs = sig.findall("w:tr/w:tc", NS)
        left = [norm("".join(p.itertext())) for p in tcs[0].findall("w:p", NS)]
        left = [t for t in left if t]
        if left != [norm(x) for x in order["signature"]["position_lines"]]:
            problems.append(f"signature position {left}")
        if norm("".join(tcs[-1].itertext())) != norm(order["signature"]["name"]):
            problems.append("signature name")
    return problems


def check_docx(docx: bytes, context: dict, layout: make_template.Layout) -> list[str]:
    app = context["appendix"]
    want = (["portrait"] if context["order"] else []) + [
        "landscape" if layout.appendix_landscape else "portrait"]
    problems, body = _common_checks(docx, want)
    tables = _tables(body)
    problems += _table_presence_problems(context, tables)
    if context["order"]:
        problems += _check_order(body, context["order"], tables)
    problems += _appendix_line_problems(body, app)
    plan = tables.get("orderforge:plan")
    if plan is None:
        problems.append("plan table missing")
        return problems
    return problems + _plan_table_problems(plan, app["table"])


def _table_presence_problems(context: dict, tables: dict) -> list[str]:
    """The optional parts (passport, order with its signature) appear exactly when the
    context has them: a wrong ``{%p if`` would drop or keep a whole table."""
    problems = []
    if bool(context["appendix"]["passport"]) != ("orderforge:passport" in tables):
        problems.append("passport table presence does not match the context")
    if bool(context["order"]) != ("orderforge:signature" in tables):
        problems.append("signature table presence does not match the context")
    return problems


def _appendix_line_problems(body: etree._Element, app: dict) -> list[str]:
    """The appendix's corner and title lines each appear as a body paragraph."""
    texts = _body_paragraph_texts(body)
    return [f"appendix line missing: {line[:60]!r}"
            for line in [*app["corner_lines"], *app["title_lines"]] if norm(line) not in texts]


def _plan_table_problems(plan: etree._Element, table: dict) -> list[str]:
    """The plan table against the context's ``table``: one header row (repeated on each
    page), one grid column per column, then one row per context row."""
    problems = []
    rows = plan.findall("w:tr", NS)
    ncols = table["ncols"]
    if len(rows) != 1 + len(table["rows"]):
        problems.append(f"plan table has {len(rows)} rows")
    if rows[0].find("w:trPr/w:tblHeader", NS) is None:
        problems.append("header row is not marked tblHeader")
    if len(plan.findall("w:tblGrid/w:gridCol", NS)) != ncols:
        problems.append("grid column count != ncols")
    headers = ["".join(tc.itertext()) for tc in rows[0].findall("w:tc", NS)]
    if headers != [c["header"] for c in table["columns"]]:
        problems.append(f"header cells {headers}")
    for tr, r in zip(rows[1:], table["rows"], strict=False):
        problems += _plan_row_problems(tr, r, ncols)
    return problems


def _plan_row_problems(tr: etree._Element, row: dict, ncols: int) -> list[str]:
    """A section row is one cell spanning the table; an activity row has a cell per
    column, each with the context's paragraphs."""
    tcs = tr.findall("w:tc", NS)
    if row["section"]:
        span = tcs[0].find("w:tcPr/w:gridSpan", NS)
        if len(tcs) != 1 or span is None or span.get(q("w:val")) != str(ncols):
            return [f"section row {row['heading']!r} does not span {ncols}"]
        return []
    problems = []
    if len(tcs) != ncols:
        problems.append(f"activity row has {len(tcs)} cells")
    for tc, c in zip(tcs, row["cells"], strict=False):
        problems += _plan_cell_problems(tc, c)
    return problems


def _plan_cell_problems(tc: etree._Element, cell: dict) -> list[str]:
    """One activity cell: its paragraphs' text, and their style — centred only in a
    centred column that has text (an empty cell keeps the plain style)."""
    problems = []
    paras = tc.findall("w:p", NS)
    texts = ["".join(p.itertext()) for p in paras]
    if cell["paras"] and texts != cell["paras"]:
        problems.append(f"cell paragraphs {texts} != {cell['paras']}")
    jc = {p.find("w:pPr/w:pStyle", NS).get(q("w:val")) for p in paras}
    want_style = "OFTableTextCenter" if cell["center"] and cell["paras"] else "OFTableText"
    if jc != {want_style}:
        problems.append(f"cell styles {jc}, expected {want_style}")
    return problems


def check_amend_docx(docx: bytes, context: dict) -> list[str]:
    problems, body = _common_checks(docx, ["portrait"])
    tables = _tables(body)
    if set(tables) != {"orderforge:signature"}:
        problems.append(f"tables {sorted(map(str, tables))}, expected the signature only")
    problems += _check_order(body, context["order"], tables)
    return problems


def check_template_names(template: Path, want: set[str]) -> list[str]:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    names = DocxTemplate(str(template)).get_undeclared_template_variables(jinja_env=env)
    return [] if names == want else [f"{template.name}: top-level names {sorted(names)}, "
                                     f"expected {sorted(want)}"]


def check_tag_paragraphs(template: Path) -> list[str]:
    """Each {%p/{%tr/{%tc tag alone in its paragraph; plan/signature tables captioned."""
    problems = []
    package = zipfile.ZipFile(template)
    for part in package.namelist():
        if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", part):
            continue
        root = etree.fromstring(package.read(part))
        for p in root.iter(q("w:p")):
            text = "".join(p.itertext())
            for kind in ("{%p", "{%tr", "{%tc"):
                if kind in text and not (text.startswith(kind) and text.endswith("%}")
                                         and text.count("{%") == 1):
                    problems.append(f"{template.name} {part}: tag not alone in its "
                                    f"paragraph: {text!r}")
    captions = re.findall(r'<w:tblCaption w:val="([^"]+)"/>',
                          package.read("word/document.xml").decode())
    want = ["orderforge:signature"] if "amend" in template.name else [
        "orderforge:signature", "orderforge:passport", "orderforge:plan"]
    if captions != want:
        problems.append(f"{template.name}: table captions {captions}, expected {want}")
    return problems


# ------------------------------------------------------------------------------------
# LibreOffice → PDF → PNG / text
# ------------------------------------------------------------------------------------
def to_pdf(docx_paths: list[Path], outdir: Path, profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)],
        check=True, capture_output=True, timeout=600,
    )


def pdf_pages(pdf: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    return [(round(float(a)), round(float(b))) for a, b in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def pdf_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if text.endswith("\f") else pages


def check_pdf(pdf: Path, context: dict, layout: make_template.Layout | None) -> tuple[list[str], str]:
    """``layout`` None: an amending order (all portrait, no plan table)."""
    sizes, texts = pdf_pages(pdf), pdf_texts(pdf)
    orient = "".join("L" if w > h else "P" for w, h in sizes)
    problems = _page_text_problems(sizes, texts)
    if layout is None:
        start = len(sizes)
    else:
        start, start_problems = _appendix_start(texts, context, len(sizes))
        problems += start_problems
    problems += _page_size_problems(sizes, start, layout is not None and layout.appendix_landscape)
    if layout is not None:
        header_problems, table_pages = _header_repeat_problems(texts, context)
        problems += header_problems
        orient += table_pages
    return problems, orient


def _page_text_problems(sizes: list[tuple[int, int]], texts: list[str]) -> list[str]:
    """What each page's text must show: no Jinja marks, something besides the page
    number, and the number itself as the first line from page 2 on (none on page 1)."""
    problems = []
    if len(sizes) != len(texts):
        problems.append(f"{len(sizes)} page sizes but {len(texts)} page texts")
    for i, text in enumerate(texts, start=1):
        for mark in ("{{", "{%", "}}", "%}"):
            if mark in text:
                problems.append(f"page {i}: text contains {mark!r}")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines or lines == [str(i)]:
            problems.append(f"page {i} is blank")
            continue
        problems += _page_number_problems(i, lines[0])
    return problems


def _page_number_problems(page: int, first_line: str) -> list[str]:
    """Page numbers: none on page 1, «N» as the first line from page 2 on."""
    if page == 1 and first_line == "1":
        return ["page 1 shows a page number"]
    if page > 1 and first_line != str(page):
        return [f"page {page}: first line {first_line[:40]!r}, expected the number"]
    return []


def _appendix_start(texts: list[str], context: dict, npages: int) -> tuple[int, list[str]]:
    """The index of the page the plan (appendix) starts on — found by its title line,
    since the order before it may run over any number of pages — and whether it starts
    where it must: on a page of its own after an order, on page 1 without one."""
    problems = []
    title = norm(context["appendix"]["title_lines"][0])
    start = next((i for i, t in enumerate(texts)
                  if any(norm(ln) == title for ln in t.splitlines())), None)
    if start is None:
        problems.append("plan title not found on any page")
        start = 0 if context["order"] is None else npages
    if context["order"] and start == 0:
        problems.append("the appendix does not start on a new page")
    if context["order"] is None and start != 0:
        problems.append("standalone plan does not start on page 1")
    return start, problems


def _page_size_problems(sizes: list[tuple[int, int]], start: int, landscape: bool) -> list[str]:
    """A4 portrait before page ``start``; from it on, A4 in the appendix's orientation."""
    problems = []
    for i, size in enumerate(sizes):
        want = A4_PT[::-1] if i >= start and landscape else A4_PT
        if size != want:
            problems.append(f"page {i + 1}: size {size}, expected {want}")
    return problems


def _header_repeat_problems(texts: list[str], context: dict) -> tuple[list[str], str]:
    """The header row on every page the plan table runs over (the table ends the
    document, so: from the first page that shows the header to the last page); also the
    ``table-pages=N`` note for the report line ("" when the header is on no page)."""
    words = {w for c in context["appendix"]["table"]["columns"]
             for w in c["header"].replace(NBSP, " ").split()}
    first = next((i for i, t in enumerate(texts) if words <= set(norm(t).split())), None)
    if first is None:
        return ["the table header is on no page"], ""
    problems = [f"page {i + 1}: table header row not repeated"
                for i in range(first, len(texts)) if not words <= set(norm(texts[i]).split())]
    return problems, f" table-pages={len(texts) - first}"


# ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    styles = args.style or sc.STYLES
    built = out / "templates"
    make_template.build_all(built, styles)
    failed = False
    for style in styles:
        failed |= _check_style(style, built, out, pdf=not args.no_pdf)
    return 1 if failed else 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/orderforge-render")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--style", action="append", choices=sc.STYLES,
                    help="only this style (repeatable); default: every style")
    return ap.parse_args(argv)


@dataclass
class Job:
    """One rendered document of a style, waiting for its PDF check and report line.
    ``layout`` None: an amending order; ``problems`` grows with the PDF's."""

    name: str
    path: Path
    context: dict
    layout: make_template.Layout | None
    problems: list[str]


def _check_style(style: str, built: Path, out: Path, pdf: bool) -> bool:
    """Check one style end to end, printing its report; True when anything failed.
    All its documents go to LibreOffice in one soffice run: starting soffice costs
    more than converting."""
    failed = _report_templates(style, built / style)
    style_dir = out / style
    if style_dir.exists():
        shutil.rmtree(style_dir)
    jobs = _render_jobs(style, built / style, style_dir)
    if pdf:
        to_pdf([job.path for job in jobs], style_dir / "pdf", out / "lo-profile")
    for job in jobs:
        failed |= _report_job(style, job, style_dir, pdf)
    if pdf:
        shutil.rmtree(style_dir / "pdf", ignore_errors=True)
    return failed


def _report_templates(style: str, style_built: Path) -> bool:
    """Print the check of the style's freshly built templates; True when it failed."""
    problems = _template_problems(style, style_built)
    print(f"== {style}: templates in {style_built}" + ("" if problems else "  OK"))
    _print_problems(problems)
    return bool(problems)


def _template_problems(style: str, style_built: Path) -> list[str]:
    """The committed templates equal the fresh build (else the package ships stale
    ones), name only the context's top-level keys, and keep each paragraph tag alone."""
    template = style_built / "template.docx"
    amend = style_built / "amend.docx"
    problems = []
    for fresh in (template, amend):
        committed = make_template.TEMPLATES / style / fresh.name
        if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
            problems.append(f"{committed} is missing or stale: run tools/make_template.py")
    problems += check_template_names(template, {"order", "appendix"})
    problems += check_template_names(amend, {"order"})
    problems += check_tag_paragraphs(template) + check_tag_paragraphs(amend)
    return problems


def _render_jobs(style: str, style_built: Path, style_dir: Path) -> list[Job]:
    """Render and structurally check every sample case of the style, then its amending
    order, each saved under ``style_dir``."""
    layout = make_template.LAYOUTS[style]
    template = style_built / "template.docx"
    widths = style_widths(style)
    jobs = [_render_case(style, name, ctx, template, layout, widths, style_dir)
            for name, ctx in sc.cases(style).items()]
    ctx = sc.amend_context(style)
    docx = render(style_built / "amend.docx", ctx)
    jobs.append(Job("amend", render_to(style_dir, "amend", docx), ctx, None,
                    check_amend_docx(docx, ctx)))
    return jobs


def _render_case(style: str, name: str, ctx: dict, template: Path, layout: make_template.Layout,
                 widths: list[float], style_dir: Path) -> Job:
    """One case of template.docx: rendered, given the plan table's widths, checked."""
    docx = render(template, ctx)
    docx = set_plan_widths(docx, CASE_WIDTHS.get((style, name), widths),
                           layout.appendix_text_width)
    problems = check_docx(docx, ctx, layout)
    if name == "special-chars":
        problems += _special_chars_problems(docx)
    return Job(name, render_to(style_dir, name, docx), ctx, layout, problems)


def _special_chars_problems(docx: bytes) -> list[str]:
    """Markup-looking plan text must come out as literal text: autoescaping keeps a
    clerk's «<b>» or a stray ``</w:t>`` from becoming formatting or breaking the XML."""
    body_text = "".join(etree.fromstring(
        zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).itertext())
    return [f"not rendered literally: {literal!r}"
            for literal in ('«A & B» <план> "x" \'y\'', "1. Раздел <b>&amp;</b>",
                            "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>не жирный",
                            "R&D < 5 > 3")
            if literal not in body_text]


def _report_job(style: str, job: Job, style_dir: Path, pdf: bool) -> bool:
    """Print one document's report line and problems; True when it has any."""
    line = f"{style}/{job.name}: "
    if pdf:
        line += _check_job_pdf(job, style_dir)
    line += ("OK" if not job.problems else "PROBLEMS") + f"  -> {job.path.parent}"
    print(line)
    _print_problems(job.problems)
    return bool(job.problems)


def _check_job_pdf(job: Job, style_dir: Path) -> str:
    """Move the job's PDF next to its .docx, check it (adding to ``job.problems``), leave
    PNG pages and the text beside it for a human; return the report line's pages note."""
    pdf = job.path.parent / f"{job.name}.pdf"
    shutil.move(str(style_dir / "pdf" / f"{job.name}.pdf"), pdf)
    pdf_problems, orient = check_pdf(pdf, job.context, job.layout)
    job.problems += pdf_problems
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf),
                    str(job.path.parent / "page")], check=True)
    (job.path.parent / f"{job.name}.txt").write_text("\f".join(pdf_texts(pdf)))
    return f"pages={orient}  "


def _print_problems(problems: list[str]) -> None:
    for p in problems:
        print("   -", p)


def render_to(style_dir: Path, name: str, docx: bytes) -> Path:
    case_dir = style_dir / name
    case_dir.mkdir(parents=True, exist_ok=True)
    path = case_dir / f"{name}.docx"
    path.write_bytes(docx)
    return path


if __name__ == "__main__":
    sys.exit(main())
