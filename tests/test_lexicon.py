"""The word list alone answers «is this word known?» exactly as pymorphy3's analyser does.

validate reads only the list (lexicon.py) to stay fast; a word answered differently would change
an OF213 warning. Every word of the example plans, directories, fixtures and test data is asked both ways.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orderforge import lexicon
from orderforge.declension import wordtable
from orderforge.declension.morphology import analyser

from .conftest import ROOT
from .test_doubtcache import WITHOUT_TABLE

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SOURCES = [*(ROOT / "plans").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml"),
           *(ROOT / "tests" / "data").rglob("*.t*")]
HARD = ["ёлка", "елка", "Ёлка", "ЕЛКА", "учитель-логопед", "директор", "ДИРЕКТОР", "МКУ", "оу", "кло", "цорп",
        "Калининград", "тьютор", "пётр", "петр", "зам", "и", "e", "Teacher", "абвгд", "специалист-эксперт"]


def corpus() -> list[str]:
    words = set(HARD)
    for path in SOURCES:
        words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    for word in list(words):
        words.update(word.split("-"))
        words.add(word.lower())
    return sorted(words)


def test_the_corpus_is_large_and_mixed() -> None:
    words = corpus()
    known = [w for w in words if lexicon.word_is_known(w)]
    assert len(words) > 1000 and 0.2 < len(known) / len(words) < 0.99


@pytest.mark.parametrize("table", [True, False])
def test_word_list_answers_as_the_analyser(table: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the shipped table of usual words (wordtable.py) and without it (the word list alone)."""
    if not table:
        monkeypatch.setattr(wordtable, "_table", lambda: None)
    morph = analyser()
    differ = [w for w in corpus() if lexicon.word_is_known(w) != morph.word_is_known(w)]
    assert differ == []


@pytest.mark.parametrize("plan", ["plans/kaliningrad-committee-2026.yaml", "plans/baltiysk-2024.yaml"])
def test_validate_checks_unknown_words_through_the_word_list(plan: str, tmp_path: Path) -> None:
    """Unknown words come from the word list (lexicon.py); the analyser is built for the doubt check alone.

    With nothing remembered yet (an empty cache folder, see doubtcache.py) and words the shipped table
    (wordtable.py) lacks: the first validate asks both."""
    code = (WITHOUT_TABLE + "import sys\nfrom orderforge.planfile import load_plan\n"
            f"plan, report = load_plan({plan!r})\n"
            "print('dawg_python' in sys.modules, 'pymorphy3' in sys.modules)")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split()[0] == "True"
