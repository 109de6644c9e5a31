"""The analyser orderforge builds is pymorphy3's default one, built without the costly detours.

pymorphy3 finds its dictionary through the installed packages' entry points (importlib.metadata, ~40 ms
of a build); orderforge names the same dictionary directly. These tests prove it is the same dictionary and
the same language, that the environment's PYMORPHY3_DICT_PATH still wins, and that a build that declines a
phrase no longer imports importlib.metadata.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pymorphy3

from orderforge.declension.morphology import analyser, dictionary_path

from .conftest import ROOT


def test_the_dictionary_is_the_one_pymorphy3_would_choose() -> None:
    default = pymorphy3.MorphAnalyzer.choose_dictionary_path(None, "ru")
    assert os.path.samefile(dictionary_path(), default)
    assert analyser().lang == "ru"


def test_the_environment_variable_still_chooses_the_dictionary(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PYMORPHY3_DICT_PATH", "/somewhere/else")
    assert dictionary_path() is None  # left to pymorphy3, which honours the variable


def test_parses_are_the_default_analysers() -> None:
    default = pymorphy3.MorphAnalyzer()
    words = ["отдел", "начальник", "заместитель", "временно", "учителя", "тьютор", "школьного", "МКУ", "гимназия"]
    for word in words:
        assert [(p.word, str(p.tag), p.normal_form, p.score) for p in analyser().parse(word)] == \
            [(p.word, str(p.tag), p.normal_form, p.score) for p in default.parse(word)]
        assert [w.word for w in analyser().parse(word)[0].lexeme] == [w.word for w in default.parse(word)[0].lexeme]


def test_declining_does_not_import_entry_point_machinery(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = ("import sys\nfrom orderforge.declension import decline_phrase\n"
            "print(decline_phrase('Отдел школьного образования', 'dat'))\n"
            "print('importlib.metadata' in sys.modules)")
    env = {**os.environ, "ORDERFORGE_CACHE_DIR": str(tmp_path)}
    env.pop("PYMORPHY3_DICT_PATH", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split("\n")[:2] == ["Отделу школьного образования", "False"]
