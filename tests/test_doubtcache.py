"""validate's remembered doubts (doubtcache.py): the same warnings as the analyser gives, without building it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge import doubtcache
from orderforge.declension import phrase_doubts

from .conftest import ROOT
from .test_declension import DOUBT_PLAN

PHRASES = ["тьютор", "учитель-логопед", "директор МАОУ гимназии № 1", "заместитель директора, руководитель ШМО",
           "Отдел школьного образования управления общего образования комитета по образованию",
           "и.о. директора", "МКУ ЦОРП КПО", "специалист-эксперт отдела", "абвгд где", "временно исполняющий "
           "обязанности директора", "рабочая группа"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test, read afresh."""
    monkeypatch.setenv("ORDERFORGE_CACHE_DIR", str(tmp_path / "cache"))
    doubtcache._answers.cache_clear()
    yield tmp_path / "cache"
    doubtcache._answers.cache_clear()


def test_remembered_answers_are_the_analysers_own(cache: Path) -> None:
    asked = [phrase_doubts(p) for p in PHRASES]
    assert any(asked) and not all(asked)  # the phrases have doubts and not
    assert [doubtcache.phrase_doubts(p) for p in PHRASES] == asked  # first time: asked and written
    doubtcache._answers.cache_clear()
    assert [doubtcache.phrase_doubts(p) for p in PHRASES] == asked  # read back from the file
    assert json.loads((cache / doubtcache.FILE_NAME).read_text(encoding="utf-8"))["doubts"]["тьютор"] == asked[0]


def test_answers_of_other_code_or_dictionary_are_not_used(cache: Path) -> None:
    cache.mkdir()
    stale = {"stamp": "an older orderforge", "doubts": {"тьютор": ["неправда"]}}
    (cache / doubtcache.FILE_NAME).write_text(json.dumps(stale, ensure_ascii=False), encoding="utf-8")
    assert doubtcache.phrase_doubts("тьютор") == phrase_doubts("тьютор") != ["неправда"]


@pytest.mark.parametrize("content", ["{", "[]", '{"stamp": 1}', "\x00\xff"])
def test_a_broken_cache_file_is_ignored(cache: Path, content: str) -> None:
    cache.mkdir()
    (cache / doubtcache.FILE_NAME).write_text(content, encoding="utf-8", errors="surrogateescape")
    assert doubtcache.phrase_doubts("тьютор") == phrase_doubts("тьютор")


def test_an_unwritable_cache_folder_never_fails_validate(cache: Path) -> None:
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert doubtcache.phrase_doubts("тьютор") == phrase_doubts("тьютор")


#: Code that makes a process run as if the shipped table of usual words (wordtable.py) held none of them.
WITHOUT_TABLE = "import orderforge.declension.wordtable as w\nw._table = lambda: None\n"


def validate_in_a_process(plan: Path, cache: Path, table: bool = True) -> tuple[list[str], bool]:
    """The warnings of ``load_plan`` in a fresh process, and whether it imported pymorphy3; ``table`` False:
    the words are asked as if the shipped table lacked them."""
    code = ("" if table else WITHOUT_TABLE) + ("import sys\nfrom orderforge.planfile import load_plan\n"
            f"plan, report = load_plan({str(plan)!r})\n"
            "print('\\n'.join(d.format() for d in report.sorted()))\nprint('pymorphy3' in sys.modules)")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    *lines, loaded = done.stdout.splitlines()
    return lines, loaded == "True"


def test_the_second_validate_warns_alike(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(DOUBT_PLAN, encoding="utf-8")
    first, _ = validate_in_a_process(plan, tmp_path / "cache")
    second, _ = validate_in_a_process(plan, tmp_path / "cache")
    assert any("тьютор" in line and "OF213" in line for line in first) and second == first


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_the_second_validate_of_an_example_does_not_build_the_analyser(plan: str, tmp_path: Path) -> None:
    """Their declined names hold no hyphenated surname (which still asks the analyser, see name_problems).
    Words the shipped table lacks are asked of the analyser once; the next validate remembers the answers."""
    first, first_loaded = validate_in_a_process(Path(plan), tmp_path / "cache", table=False)
    second, second_loaded = validate_in_a_process(Path(plan), tmp_path / "cache", table=False)
    assert second == first and first_loaded and not second_loaded


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_the_first_validate_of_an_example_asks_the_table_alone(plan: str, tmp_path: Path) -> None:
    """The usual words are in the shipped table (wordtable.py): not even the first validate builds the analyser,
    and it warns as the analyser does."""
    first, first_loaded = validate_in_a_process(Path(plan), tmp_path / "cache")
    asked, _ = validate_in_a_process(Path(plan), tmp_path / "other", table=False)
    assert first == asked and not first_loaded


def test_the_stamp_covers_every_module_of_orderforge_and_the_dictionary() -> None:
    """The declension rules may move between modules: a change to any of them starts afresh."""
    stamp = doubtcache._stamp()
    package = ROOT / "src" / "orderforge"
    for module in ("declension/phrase.py", "lexicon.py", "wordlists.py", "deadline/parse.py", "importer/__init__.py"):
        assert f"{package / module}:" in stamp, module
    assert "pymorphy3/analyzer.py:" in stamp and "pymorphy3_dicts_ru/data/meta.json:" in stamp
    assert "templates" not in stamp
