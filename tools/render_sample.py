#!/usr/bin/env python3
"""Render the «kaliningrad-committee» template with the sample contexts and check it.

    python tools/render_sample.py [--no-pdf] [--out /tmp/orderforge-render]

Builds the template (tools/make_template.py), renders it with docxtpl in a sandboxed,
autoescaping, strict Jinja environment for several contexts (with order, standalone,
~40 rows, empty lists, 4 columns), checks the structure of each result, and — unless
--no-pdf — converts it with LibreOffice to PDF and to PNG pages (pdftoppm -r 50) under
the output folder, for a human to look at.  Scratch files go to /tmp only.

The column widths of the plan table are normally set by orderforge's post-processor
(it finds the table by ``tblCaption = orderforge:plan``); ``set_plan_widths`` below is
only a stand-in so the pictures look like the real thing.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_template  # noqa: E402
import sample_context as sc  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


# Column widths in mm from templates/kaliningrad-committee/style.yaml (5 columns).
STYLE_WIDTHS = [14, 95, 34, 30, 94]


def q(tag: str) -> str:
    return "{%s}%s" % (W, tag.split(":")[1])


def render(template: Path, context: dict) -> bytes:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=env)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def set_plan_widths(docx: bytes, fractions: list[float], text_width: int) -> bytes:
    """Stand-in for the lead's post-processor: grid widths of the plan table."""
    zin = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(zin.read("word/document.xml"))
    for tbl in root.iter(q("w:tbl")):
        cap = tbl.find("w:tblPr/w:tblCaption", NS)
        if cap is None or cap.get(q("w:val")) != "orderforge:plan":
            continue
        cols = tbl.findall("w:tblGrid/w:gridCol", NS)
        assert len(cols) == len(fractions), (len(cols), len(fractions))
        total = sum(fractions)
        for c, f in zip(cols, fractions):
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
def check_docx(docx: bytes, context: dict) -> list[str]:
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

    # Sections: (orientation, w, h) per section, in order.
    sects = body.findall(".//w:sectPr", NS)
    want = (["portrait"] if context["order"] else []) + ["landscape"]
    got = []
    for s in sects:
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
    if got != want:
        problems.append(f"sections {got}, expected {want}")

    # Empty paragraphs at body level (other than the 1-pt spacers).
    for p in body.findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        sid = style.get(q("w:val")) if style is not None else ""
        if sid == "OFTemplateTag":
            problems.append("a template-tag paragraph survived rendering")
        if not "".join(p.itertext()).strip() and sid != "OFSpacer":
            problems.append(f"empty body paragraph (style {sid or 'none'})")

    # Tables.
    tables = {}
    for tbl in body.iter(q("w:tbl")):
        cap = tbl.find("w:tblPr/w:tblCaption", NS)
        tables[cap.get(q("w:val")) if cap is not None else None] = tbl
        for tc in tbl.iter(q("w:tc")):
            if tc.find("w:p", NS) is None:
                problems.append("table cell without a paragraph")
    app = context["appendix"]
    if bool(app["passport"]) != ("orderforge:passport" in tables):
        problems.append("passport table presence does not match the context")
    if bool(context["order"]) != ("orderforge:signature" in tables):
        problems.append("signature table presence does not match the context")
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
    for tr, r in zip(rows[1:], app["table"]["rows"]):
        tcs = tr.findall("w:tc", NS)
        if r["section"]:
            span = tcs[0].find("w:tcPr/w:gridSpan", NS)
            if len(tcs) != 1 or span is None or span.get(q("w:val")) != str(ncols):
                problems.append(f"section row {r['heading']!r} does not span {ncols}")
        else:
            if len(tcs) != ncols:
                problems.append("activity row has %d cells" % len(tcs))
            for tc, c in zip(tcs, r["cells"]):
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


# ------------------------------------------------------------------------------------
# LibreOffice → PDF → PNG / text
# ------------------------------------------------------------------------------------
def to_pdf(docx_path: Path, outdir: Path) -> Path:
    profile = outdir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = outdir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice produced no {pdf}")
    return pdf


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b)) for a, b in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/orderforge-render")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--template", default="/tmp/orderforge-render/template.docx",
                    help="where to build the template (default: scratch copy in /tmp)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    template = make_template.build(Path(args.template))
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    names = DocxTemplate(str(template)).get_undeclared_template_variables(jinja_env=env)
    print(f"template {template}: top-level context keys {sorted(names)}")
    if names != {"order", "appendix"}:
        print("   - unexpected top-level names")
        return 1

    cases = {
        "with-order": (sc.SAMPLE_CONTEXT, STYLE_WIDTHS),
        "standalone": (sc.standalone_context(), STYLE_WIDTHS),
        "long": (sc.long_sample_context(), STYLE_WIDTHS),
        "empty-lists": (sc.empty_lists_context(), STYLE_WIDTHS),
        "four-columns": (sc.four_column_context(), [5, 50, 27, 18]),
        "special-chars": (sc.special_chars_context(), STYLE_WIDTHS),
    }
    failed = False
    for name, (ctx, fractions) in cases.items():
        docx = render(template, ctx)
        docx = set_plan_widths(docx, fractions, make_template.APPENDIX_TEXT_WIDTH)
        problems = check_docx(docx, ctx)
        if name == "special-chars":
            body_text = "".join(etree.fromstring(
                zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).itertext())
            for literal in ('«A & B» <план> "x" \'y\'', "1. Раздел <b>&amp;</b>",
                            "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>не жирный",
                            "R&D < 5 > 3"):
                if literal not in body_text:
                    problems.append(f"not rendered literally: {literal!r}")
        case_dir = out / name
        if case_dir.exists():
            shutil.rmtree(case_dir)
        case_dir.mkdir(parents=True)
        path = case_dir / f"{name}.docx"
        path.write_bytes(docx)
        line = f"{name}: {'OK' if not problems else 'PROBLEMS'}"
        if not args.no_pdf:
            pdf = to_pdf(path, case_dir)
            sizes = pdf_pages(pdf)
            orient = "".join("L" if w > h else "P" for w, h in sizes)
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf),
                            str(case_dir / "page")], check=True)
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
            (case_dir / f"{name}.txt").write_text(text)
            for mark in ("{{", "{%", "}}", "%}"):
                if mark in text:
                    problems.append(f"PDF text contains {mark!r}")
            line += f"  pages={len(sizes)} orientation={orient}  -> {case_dir}"
        print(line)
        for p in problems:
            print("   -", p)
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
