"""A build's declined positions and body names, remembered between runs (doubtcache.py, «forms»).

The forms must be the analyser's own, word for word; a second build of the same plan does not import
pymorphy3 at all (about 60–90 ms of a build); answers of other code or another dictionary, a broken file
or an unwritable folder are never used and never fail a build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge import doubtcache
from orderforge.declension import decline_phrase, phrase

from .conftest import ROOT
from .test_doubtcache import PHRASES, WITHOUT_TABLE

CASES = ["gen", "dat", "acc", "ins", "loc"]
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "plans").glob("*.yaml")
                  if not p.name.endswith(".directory.yaml"))
ASKED = [(p, case, plural) for p in PHRASES for case in CASES for plural in (False, True)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test, read afresh; the in-process memory of forms emptied too."""
    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    doubtcache._forms.cache_clear()
    phrase._decline_phrase.cache_clear()
    yield tmp_path / "cache"
    doubtcache._forms.cache_clear()
    phrase._decline_phrase.cache_clear()


def test_remembered_forms_are_the_analysers_own(cache: Path) -> None:
    expected = [phrase.declined(*a) for a in ASKED]
    assert len(set(expected)) > len(PHRASES)  # the cases do change the phrases
    assert [decline_phrase(*a) for a in ASKED] == expected  # first time: asked and written
    doubtcache._forms.cache_clear()
    phrase._decline_phrase.cache_clear()
    assert [decline_phrase(*a) for a in ASKED] == expected  # read back from the file
    saved = json.loads((cache / doubtcache.FORMS_FILE).read_text(encoding="utf-8"))["forms"]
    assert saved[doubtcache.form_key("тьютор", "dat", False)] == "тьютору"


def test_forms_of_other_code_or_dictionary_are_not_used(cache: Path) -> None:
    cache.mkdir()
    stale = {"stamp": "an older orderforge", "forms": {doubtcache.form_key("тьютор", "dat", False): "неправда"}}
    (cache / doubtcache.FORMS_FILE).write_text(json.dumps(stale, ensure_ascii=False), encoding="utf-8")
    assert decline_phrase("тьютор", "dat") == "тьютору"


@pytest.mark.parametrize("content", ["{", "[]", '{"stamp": 1}', '{"stamp": "x", "forms": {"a": 1}}', "\x00\xff"])
def test_a_broken_forms_file_is_ignored(cache: Path, content: str) -> None:
    cache.mkdir()
    (cache / doubtcache.FORMS_FILE).write_text(content, encoding="utf-8", errors="surrogateescape")
    assert decline_phrase("тьютор", "dat") == "тьютору"


def test_a_remembered_form_of_the_wrong_type_is_asked_again(cache: Path) -> None:
    cache.mkdir()
    data = {"stamp": doubtcache._stamp(), "forms": {doubtcache.form_key("тьютор", "dat", False): ["тьютору"]}}
    (cache / doubtcache.FORMS_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert decline_phrase("тьютор", "dat") == "тьютору"


def test_an_unwritable_cache_folder_never_fails_a_build(cache: Path) -> None:
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert decline_phrase("тьютор", "dat") == "тьютору"


def build_in_a_process(plan: str, out: Path, cache: Path, table: bool = True) -> tuple[str, bool]:
    """The built document's text, and whether the build imported pymorphy3; ``table`` False: the words are
    asked as if the shipped table (wordtable.py) lacked them."""
    code = ("" if table else WITHOUT_TABLE) + (
            "import sys\nfrom pathlib import Path\nfrom orderforge.build import build_plan\n"
            "from orderforge.docxtext import docx_text\n"
            f"result = build_plan(Path({plan!r}), Path({str(out)!r}))\n"
            "print(repr(docx_text(result.docx)))\nprint('pymorphy3' in sys.modules)")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    text, loaded = done.stdout.splitlines()[-2:]
    return text, loaded == "True"


def test_the_second_build_of_an_example_does_not_import_the_analyser(tmp_path: Path) -> None:
    plan = "plans/kaliningrad-committee-2026.yaml"
    first, first_loaded = build_in_a_process(plan, tmp_path / "one", tmp_path / "cache", table=False)
    second, second_loaded = build_in_a_process(plan, tmp_path / "two", tmp_path / "cache", table=False)
    assert first_loaded and not second_loaded
    assert second == first and "Отделу школьного образования" in first


@pytest.mark.parametrize("plan", EXAMPLES)
def test_the_first_build_of_an_example_does_not_import_the_analyser(plan: str, tmp_path: Path) -> None:
    """The usual words are in the shipped table (wordtable.py): an empty cache folder, and still no pymorphy3;
    the document is the one the analyser's answers give."""
    first, first_loaded = build_in_a_process(plan, tmp_path / "one", tmp_path / "cache")
    asked, _ = build_in_a_process(plan, tmp_path / "two", tmp_path / "other", table=False)
    assert first == asked and not first_loaded
