"""Slow: a document built in a style made from a committee's Word file, opened by real LibreOffice.

The source (python-docx: emblem, letterhead, portrait order, landscape appendix) and
the rebuilt document are both converted to PDF in one LibreOffice batch; their pages
must agree: as many pages, the same sizes and orientations, the emblem drawn on page
one, the same letters on every page, and no template mark anywhere.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from orderforge.build import build_plan
from orderforge.importer import import_docx
from orderforge.pdf import convert_many, find_soffice

from . import stylegen_docs as docs
from .test_libreoffice import page_sizes, page_texts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None or shutil.which("pdfimages") is None,
                       reason="LibreOffice and poppler-utils are installed by `make test`"),
]


def images_on(pdf: Path) -> list[int]:
    """The page numbers pdfimages finds pictures on."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [int(line.split()[0]) for line in listing.splitlines()[2:] if line.strip()]


def test_a_generated_style_opens_in_libreoffice_like_the_source(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    source = docs.letterhead_order(tmp_path / "prikaz.docx")
    result = import_docx(source, Path("plans/p.yaml"), style=None)  # the style is made from the document
    assert result.style_folder is not None
    built = build_plan(result.plan, tmp_path / "out").docx
    done = convert_many([(source, tmp_path / "source.pdf"), (built, tmp_path / "built.pdf")])
    assert set(done) == {source, built}
    mine, theirs = done[built], done[source]
    assert page_sizes(mine) == page_sizes(theirs)
    assert page_sizes(mine)[0] == (595, 842) and page_sizes(mine)[-1] == (842, 595)  # portrait, then landscape
    assert images_on(mine) == images_on(theirs) == [1]  # the emblem, on the first page only
    texts, source_texts = page_texts(mine), page_texts(theirs)
    for line in docs.ISSUER:
        assert line in texts[0]
    # the same letters on every page (orderforge's no-break spaces may move a line break, not a page break)
    assert [Counter("".join(t.split())) for t in texts] == [Counter("".join(t.split())) for t in source_texts]
    for text in texts:
        assert "{{" not in text and "{%" not in text and "%}" not in text and "}}" not in text
