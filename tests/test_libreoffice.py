"""Slow: the built document opened by real LibreOffice (PDF), checked page by page.

Order pages must be A4 portrait, appendix pages A4 landscape, the plan table's
header row must be on every appendix page that holds part of the table, and
no page may show a template mark.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from orderforge.build import build_plan
from orderforge.pdf import convert_to_pdf, find_soffice

from .conftest import PLANS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice and poppler-utils are installed by `make test`"),
]

A4 = (595, 842)


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture(scope="module")
def kaliningrad_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    docx = build_plan(PLANS / "kaliningrad-committee-2026.yaml", out).docx
    return convert_to_pdf(docx, out / "kaliningrad-committee-2026.pdf")


def test_order_portrait_then_appendix_landscape(kaliningrad_pdf: Path) -> None:
    sizes = page_sizes(kaliningrad_pdf)
    texts = page_texts(kaliningrad_pdf)
    assert len(sizes) == len(texts) >= 3
    appendix_start = next(i for i, t in enumerate(texts) if "Приложение к приказу" in t)
    assert appendix_start >= 1
    assert all(size == A4 for size in sizes[:appendix_start]), sizes
    assert all(size == A4[::-1] for size in sizes[appendix_start:]), sizes


def test_table_header_on_every_table_page(kaliningrad_pdf: Path) -> None:
    texts = page_texts(kaliningrad_pdf)
    table_pages = [t for t in texts if re.search(r"^\s*\d\.\d\.\s", t, re.MULTILINE)]
    assert len(table_pages) >= 2, "the example plan's table spans several pages"
    for text in table_pages:
        words = set(text.split())  # a header cell may wrap over two lines
        assert {"№", "Мероприятие", "Сроки", "исполнения", "Ответственный", "Результат"} <= words, text[:300]


def test_every_activity_number_is_printed_once(kaliningrad_pdf: Path) -> None:
    text = "\n".join(page_texts(kaliningrad_pdf))
    numbers = re.findall(r"^\s*(\d\.\d{1,2}\.)\s", text, re.MULTILINE)
    expected = [f"1.{i}." for i in range(1, 4)] + [f"2.{i}." for i in range(1, 10)] + [f"3.{i}." for i in range(1, 7)]
    assert numbers == expected


def test_no_template_marks_and_page_numbers_from_two(kaliningrad_pdf: Path) -> None:
    texts = page_texts(kaliningrad_pdf)
    for text in texts:
        assert "{{" not in text and "{%" not in text and "%}" not in text
    first_lines = [t.strip().splitlines()[0].strip() if t.strip() else "" for t in texts]
    assert first_lines[0] != "1"
    for number, line in enumerate(first_lines[1:], start=2):
        assert line == str(number), (number, line)
