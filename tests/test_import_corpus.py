"""The import corpus: every generated Word plan imported, validated, built and compared field by field.

The documents are made at test time by tests/corpus/make_corpus.py (python-docx
plus raw WordprocessingML); each carries the rows it must give back. Target:
every activity with every field exact (deadlines equal in meaning), every
section title and number exact. tools/import_accuracy.py prints the same
comparison as figures.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import TEMPLATES
from .corpus.compare import run_case
from .corpus.make_corpus import CASES, make


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(TEMPLATES, folder / "templates")
    (folder / "plans").mkdir()
    (folder / "docs").mkdir()
    return folder


def test_the_corpus_is_varied_enough() -> None:
    assert len(CASES) >= 15
    assert len({case.__name__ for case in CASES}) == len(CASES)


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_corpus_document_is_imported_exactly(make_case, corpus_workspace: Path, monkeypatch) -> None:
    monkeypatch.chdir(corpus_workspace)
    docx, case = make(make_case, corpus_workspace / "docs")
    expected = json.loads(docx.with_suffix(".json").read_text(encoding="utf-8"))
    outcome = run_case(docx, expected, corpus_workspace)
    assert outcome.mismatches == []
    assert outcome.built
    assert outcome.exact_activities == outcome.activities == len(case.activities)
    assert outcome.exact_sections == outcome.sections == len(case.sections)
