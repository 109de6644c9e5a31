"""The shipped table of usual words (declension/wordtable.py) is pymorphy3's own answer, and spares a first build it.

The table can never drift: it is made again here from live pymorphy3 and compared whole, and every entry is
read back through the code the declension uses and compared with the analyser, reading by reading and form
by form. A first build of the bundled examples and of a generated plan, with an empty cache folder, does not
import pymorphy3 (issue 12: loading it was ≈0.13 s of a first build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge.declension import wordtable
from orderforge.declension.morphology import analyser

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402
import make_wordtable  # noqa: E402


@pytest.fixture(autouse=True)
def _without_dict_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table serves pymorphy3's own dictionary only."""
    monkeypatch.delenv("PYMORPHY3_DICT_PATH", raising=False)
    wordtable._table.cache_clear()
    wordtable.readings.cache_clear()


@pytest.mark.slow
def test_the_shipped_table_is_what_the_script_makes_now() -> None:
    """The whole table made again from live pymorphy3 (slow: ≈5 s): an upgrade of pymorphy3 or of its dictionary,
    or a new word in the examples, fails here until ``python tools/make_wordtable.py`` is run. The fast check of
    every entry against the analyser is the next test."""
    made = make_wordtable.dumps(make_wordtable.make_table(make_wordtable.vocabulary()))
    assert wordtable.TABLE.read_text(encoding="utf-8") == made


def _live(reading: object) -> tuple[object, ...]:
    tag = reading.tag  # type: ignore[attr-defined]
    values = (tag.POS, tag.animacy, tag.case, tag.gender, tag.number)
    return (reading.word, str(tag), tuple(None if v is None else str(v) for v in values),  # type: ignore[attr-defined]
            tag.grammemes, reading.normal_form, reading.score)  # type: ignore[attr-defined]


def test_every_entry_reads_back_as_the_analysers_answer() -> None:
    """Known or not, readings in pymorphy3's order with their tags, normal forms and scores, and every form the
    declension may ask, for the word in lower case and with a capital."""
    morph = analyser()
    table = wordtable._table()
    assert table is not None and len(table["words"]) > 1000
    assert "и" in table["lower_only"] and wordtable.readings("И") is None  # «И» is also an initial
    for lower in table["words"]:
        for word in (lower,) if lower in table["lower_only"] else (lower, lower.capitalize()):
            ours, live = wordtable.readings(word), morph.parse(word)
            assert ours is not None and wordtable.known(word) == morph.word_is_known(word), word
            assert [_live(r) for r in ours] == [_live(r) for r in live], word
            for mine, theirs in zip(ours, live, strict=True):
                assert all((g in mine.tag) == (g in theirs.tag) for g in ("nomn", "ms-f", "plur", "anim")), word
                for request in wordtable.requests_for(mine.tag.POS, mine.tag.grammemes):
                    form, expected = mine.inflect(set(request)), theirs.inflect(set(request))
                    assert (form and form.word) == (expected and expected.word), (word, request)


def test_words_and_questions_outside_the_table_go_to_the_analyser() -> None:
    assert wordtable.readings("сурдопедагог") is None and wordtable.known("сурдопедагог") is None
    assert wordtable.readings("ДИРЕКТОР") is None  # only lower case and a capital first letter are checked
    reading = wordtable.readings("начальник")
    assert reading is not None
    asked = {"voct"}  # no declension question: pymorphy3 answers it
    assert asked not in [set(r) for r in wordtable.requests_for("NOUN", frozenset({"nomn"}))]
    live = analyser().parse("начальник")[0].inflect(asked)
    form = reading[0].inflect(asked)
    assert (form and form.word) == (live and live.word)


def test_another_dictionary_is_never_answered_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYMORPHY3_DICT_PATH", "/somewhere/else")
    assert wordtable.versions() is None and wordtable.readings("начальник") is None


def test_a_table_of_other_versions_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "wordtable.json"
    other.write_text(wordtable.TABLE.read_text(encoding="utf-8").replace('"pymorphy3":"', '"pymorphy3":"0.', 1),
                     encoding="utf-8")
    monkeypatch.setattr(wordtable, "TABLE", other)
    assert wordtable._table() is None and wordtable.known("начальник") is None


def test_the_table_stays_small() -> None:
    """Reading it must stay far cheaper than building pymorphy3's analyser (≈6 ms against ≈130 ms)."""
    assert wordtable.TABLE.stat().st_size < 300_000


WITNESS = ("import atexit, runpy, sys; "
           "atexit.register(lambda: print('pymorphy3' in sys.modules, file=sys.stderr)); "
           "sys.argv[0] = 'orderforge'; runpy.run_module('orderforge', run_name='__main__')")


def test_a_first_build_of_a_generated_plan_does_not_import_pymorphy3(tmp_path: Path) -> None:
    """The whole ``orderforge build`` process, an empty cache folder: the table answers every declined name."""
    plan = genplan.write_plan(tmp_path / "plan", 200)
    env = {k: v for k, v in os.environ.items() if k != "PYMORPHY3_DICT_PATH"}
    env["ORDERFORGE_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run([sys.executable, "-c", WITNESS, "build", "-o", str(tmp_path / "out"), str(plan)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "False"
