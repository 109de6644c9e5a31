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
    problems: list[str] = []
    z = zipfile.ZipFile(io.BytesIO(docx))
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
    doc = etree.fromstring(z.read("word/document.xml"))
    body = doc.find("w:body", NS)

    # Sections: orientation per section, in order.
    got = []
    for s in body.findall(".//w:sectPr", NS):
        pg = s.find("w:pgSz", NS)
        w_, h_ = int(pg.get(q("w:w"))), int(pg.get(q("w:h")))
        got.append("landscape" if w_ > h_ else "portrait")
        if pg.get(q("w:orient"), "portrait") != got[-1]:
            problems.append("pgSz orient attribute disagrees with its size")
        if s.find("w:pgNumType[@w:start]", NS) is not None:
            problems.append("page numbering restarts in a section")
        if s.find("w:titlePg", NS) is None:
            problems.append("section without titlePg")
        types = {h.get(q("w:type")) for h in s.findall("w:headerReference", NS)}
        if types != {"default", "first"}:
            problems.append(f"section header references {types}")
    if got != want_sections:
        problems.append(f"sections {got}, expected {want_sections}")

    # Empty paragraphs at body level (other than the 1-pt spacers).
    for p in body.findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        sid = style.get(q("w:val")) if style is not None else ""
        if sid == "OFTemplateTag":
            problems.append("a template-tag paragraph survived rendering")
        if not "".join(p.itertext()).strip() and sid not in ("OFSpacer", "OFTableGap"):
            problems.append(f"empty body paragraph (style {sid or 'none'})")
    for tbl in body.iter(q("w:tbl")):
        for tc in tbl.iter(q("w:tc")):
            if tc.find("w:p", NS) is None:
                problems.append("table cell without a paragraph")
    return problems, body


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
    if bool(app["passport"]) != ("orderforge:passport" in tables):
        problems.append("passport table presence does not match the context")
    if bool(context["order"]) != ("orderforge:signature" in tables):
        problems.append("signature table presence does not match the context")
    if context["order"]:
        problems += _check_order(body, context["order"], tables)
    texts = _body_paragraph_texts(body)
    for line in [*app["corner_lines"], *app["title_lines"]]:
        if norm(line) not in texts:
            problems.append(f"appendix line missing: {line[:60]!r}")
    plan = tables.get("orderforge:plan")
    if plan is None:
        problems.append("plan table missing")
        return problems
    rows = plan.findall("w:tr", NS)
    ncols = app["table"]["ncols"]
    if len(rows) != 1 + len(app["table"]["rows"]):
        problems.append(f"plan table has {len(rows)} rows")
    if rows[0].find("w:trPr/w:tblHeader", NS) is None:
        problems.append("header row is not marked tblHeader")
    if len(plan.findall("w:tblGrid/w:gridCol", NS)) != ncols:
        problems.append("grid column count != ncols")
    headers = ["".join(tc.itertext()) for tc in rows[0].findall("w:tc", NS)]
    if headers != [c["header"] for c in app["table"]["columns"]]:
        problems.append(f"header cells {headers}")
    for tr, r in zip(rows[1:], app["table"]["rows"], strict=False):
        tcs = tr.findall("w:tc", NS)
        if r["section"]:
            span = tcs[0].find("w:tcPr/w:gridSpan", NS)
            if len(tcs) != 1 or span is None or span.get(q("w:val")) != str(ncols):
                problems.append(f"section row {r['heading']!r} does not span {ncols}")
        else:
            if len(tcs) != ncols:
                problems.append("activity row has %d cells" % len(tcs))
            for tc, c in zip(tcs, r["cells"], strict=False):
                paras = tc.findall("w:p", NS)
                texts = ["".join(p.itertext()) for p in paras]
                if c["paras"] and texts != c["paras"]:
                    problems.append(f"cell paragraphs {texts} != {c['paras']}")
                jc = {p.find("w:pPr/w:pStyle", NS).get(q("w:val")) for p in paras}
                want_style = "OFTableTextCenter" if c["center"] and c["paras"] else \
                    "OFTableText"
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
    problems: list[str] = []
    sizes, texts = pdf_pages(pdf), pdf_texts(pdf)
    orient = "".join("L" if w > h else "P" for w, h in sizes)
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
        # Page numbers: none on page 1, «N» as the first line from page 2 on.
        if i == 1 and lines[0] == "1":
            problems.append("page 1 shows a page number")
        if i > 1 and lines[0] != str(i):
            problems.append(f"page {i}: first line {lines[0][:40]!r}, expected the number")

    if layout is None:
        start = len(sizes)
    else:
        title = norm(context["appendix"]["title_lines"][0])
        start = next((i for i, t in enumerate(texts)
                      if any(norm(ln) == title for ln in t.splitlines())), None)
        if start is None:
            problems.append("plan title not found on any page")
            start = 0 if context["order"] is None else len(sizes)
        if context["order"] and start == 0:
            problems.append("the appendix does not start on a new page")
        if context["order"] is None and start != 0:
            problems.append("standalone plan does not start on page 1")
    for i, size in enumerate(sizes):
        if i < start:
            want = A4_PT
        else:
            want = A4_PT[::-1] if layout.appendix_landscape else A4_PT
        if size != want:
            problems.append(f"page {i + 1}: size {size}, expected {want}")

    if layout is not None:
        # The header row on every page the plan table runs over (the table ends the
        # document, so: from the first page that shows the header to the last page).
        words = {w for c in context["appendix"]["table"]["columns"]
                 for w in c["header"].replace(NBSP, " ").split()}
        first = next((i for i, t in enumerate(texts) if words <= set(norm(t).split())), None)
        if first is None:
            problems.append("the table header is on no page")
        else:
            for i in range(first, len(texts)):
                if not words <= set(norm(texts[i]).split()):
                    problems.append(f"page {i + 1}: table header row not repeated")
            orient += f" table-pages={len(texts) - first}"
    return problems, orient


# ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/orderforge-render")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--style", action="append", choices=sc.STYLES,
                    help="only this style (repeatable); default: every style")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    styles = args.style or sc.STYLES
    built = out / "templates"
    make_template.build_all(built, styles)
    failed = False

    for style in styles:
        layout = make_template.LAYOUTS[style]
        template = built / style / "template.docx"
        amend = built / style / "amend.docx"
        problems = []
        for fresh in (template, amend):
            committed = make_template.TEMPLATES / style / fresh.name
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                problems.append(f"{committed} is missing or stale: run tools/make_template.py")
        problems += check_template_names(template, {"order", "appendix"})
        problems += check_template_names(amend, {"order"})
        problems += check_tag_paragraphs(template) + check_tag_paragraphs(amend)
        print(f"== {style}: templates in {built / style}" + ("" if problems else "  OK"))
        for p in problems:
            print("   -", p)
        failed |= bool(problems)

        style_dir = out / style
        if style_dir.exists():
            shutil.rmtree(style_dir)
        jobs: list[tuple[str, Path, dict, make_template.Layout | None, list[str]]] = []
        widths = style_widths(style)
        for name, ctx in sc.cases(style).items():
            docx = render(template, ctx)
            docx = set_plan_widths(docx, CASE_WIDTHS.get((style, name), widths),
                                   layout.appendix_text_width)
            problems = check_docx(docx, ctx, layout)
            if name == "special-chars":
                body_text = "".join(etree.fromstring(
                    zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).itertext())
                for literal in ('«A & B» <план> "x" \'y\'', "1. Раздел <b>&amp;</b>",
                                "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>не жирный",
                                "R&D < 5 > 3"):
                    if literal not in body_text:
                        problems.append(f"not rendered literally: {literal!r}")
            jobs.append((name, render_to(style_dir, name, docx), ctx, layout, problems))
        ctx = sc.amend_context(style)
        docx = render(amend, ctx)
        jobs.append(("amend", render_to(style_dir, "amend", docx), ctx, None,
                     check_amend_docx(docx, ctx)))

        if not args.no_pdf:
            pdf_dir = style_dir / "pdf"
            to_pdf([path for _, path, *_ in jobs], pdf_dir, out / "lo-profile")
        for name, path, ctx, lay, problems in jobs:
            line = f"{style}/{name}: "
            if not args.no_pdf:
                pdf = path.parent / f"{name}.pdf"
                shutil.move(str(style_dir / "pdf" / f"{name}.pdf"), pdf)
                pdf_problems, orient = check_pdf(pdf, ctx, lay)
                problems += pdf_problems
                subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf),
                                str(path.parent / "page")], check=True)
                (path.parent / f"{name}.txt").write_text("\f".join(pdf_texts(pdf)))
                line += f"pages={orient}  "
            line += ("OK" if not problems else "PROBLEMS") + f"  -> {path.parent}"
            print(line)
            for p in problems:
                print("   -", p)
            failed |= bool(problems)
        if not args.no_pdf:
            shutil.rmtree(style_dir / "pdf", ignore_errors=True)
    return 1 if failed else 0


def render_to(style_dir: Path, name: str, docx: bytes) -> Path:
    case_dir = style_dir / name
    case_dir.mkdir(parents=True, exist_ok=True)
    path = case_dir / f"{name}.docx"
    path.write_bytes(docx)
    return path


if __name__ == "__main__":
    sys.exit(main())
