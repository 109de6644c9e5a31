"""Slow: every example plan's document opened by real LibreOffice (PDF), checked page by page.

Order pages must be A4 portrait; appendix pages A4 in the orientation its house
style sets (read from the .docx's last section); the plan table's header row
must be on every page that holds part of the table; no page may show a
template mark; page numbers start on page 2. All plans are converted in one
LibreOffice batch, as `orderforge build --pdf` does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from orderforge.build import build_plan
from orderforge.docxtext import Table, read_blocks
from orderforge.pdf import convert_many, find_soffice

from .conftest import PLANS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice and poppler-utils are installed by `make test`"),
]

EXAMPLES = sorted(p for p in PLANS.glob("*.yaml") if not p.name.endswith("directory.yaml"))
A4 = (595, 842)


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def appendix_landscape(docx: Path) -> bool:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    last = xml.rsplit("<w:sectPr", 1)[1]
    return 'w:orient="landscape"' in last


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("pdf")
    docs = {p.stem: build_plan(p, out).docx for p in EXAMPLES}
    done = convert_many([(d, d.with_suffix(".pdf")) for d in docs.values()])
    assert set(done) == set(docs.values()), "every PDF exists"
    return {name: (docx, done[docx]) for name, docx in docs.items()}


def header_words(docx: Path) -> set[str]:
    (table,) = [b for b in read_blocks(docx) if isinstance(b, Table) and b.caption == "orderforge:plan"]
    return {w for cell in table.rows[0] for w in cell.text.split() if len(w) > 3}


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_pages(documents: dict[str, tuple[Path, Path]], name: str) -> None:
    docx, pdf = documents[name]
    sizes, texts = page_sizes(pdf), page_texts(pdf)
    assert len(sizes) == len(texts) >= 1
    words = header_words(docx)
    table_pages = [i for i, t in enumerate(texts) if words <= set(t.split())]
    assert table_pages, "the plan table is printed"
    first_table = table_pages[0]
    appendix = [i for i, size in enumerate(sizes) if size != A4] or []
    landscape = appendix_landscape(docx)
    for index, size in enumerate(sizes):
        assert size in (A4, A4[::-1]), (index, size)
    if landscape:
        assert sizes[first_table] == A4[::-1]
        assert all(size == A4 for size in sizes[: appendix[0]]), "order pages are portrait"
        assert all(size == A4[::-1] for size in sizes[appendix[0]:]), "appendix pages are landscape"
    else:
        assert all(size == A4 for size in sizes)
    # every page after the first table page that holds table rows repeats the header
    numbered = [i for i, t in enumerate(texts) if re.search(r"^\s*\d+\.\d+\.?\s", t, re.MULTILINE)]
    for index in numbered:
        if index >= first_table:
            assert words <= set(texts[index].split()), f"page {index + 1} lacks the table header"


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_template_marks_and_page_numbers(documents: dict[str, tuple[Path, Path]], name: str) -> None:
    _, pdf = documents[name]
    texts = page_texts(pdf)
    for text in texts:
        assert "{{" not in text and "{%" not in text and "%}" not in text and "}}" not in text
    first_lines = [t.strip().splitlines()[0].strip() if t.strip() else "" for t in texts]
    assert first_lines[0] != "1"
    for number, line in enumerate(first_lines[1:], start=2):
        assert line == str(number), (number, line)


def test_kaliningrad_activity_numbers_in_order(documents: dict[str, tuple[Path, Path]]) -> None:
    _, pdf = documents["kaliningrad-committee-2026"]
    text = "\n".join(page_texts(pdf))
    numbers = re.findall(r"^\s*(\d\.\d{1,2}\.)\s", text, re.MULTILINE)
    expected = [f"1.{i}." for i in range(1, 4)] + [f"2.{i}." for i in range(1, 10)] + [f"3.{i}." for i in range(1, 7)]
    assert numbers == expected


def test_pdf_text_is_searchable_as_typed(documents: dict[str, tuple[Path, Path]]) -> None:
    """Issue 10: what a clerk types is what a search in the PDF finds — an ASCII hyphen in «ПД-КПО-113» and
    «273-ФЗ», one en dash in «2026–2028», no U+2011 anywhere."""
    texts = {name: " ".join(" ".join(page_texts(pdf)).split()) for name, (_, pdf) in documents.items()}
    assert "\u2011" not in "".join(texts.values())
    assert "ПД-КПО-113" in texts["kaliningrad-committee-2026"]
    assert "2026–2028" in texts["kaliningrad-committee-2026"]
    assert "273-ФЗ" in texts["baltiysk-2024"]
