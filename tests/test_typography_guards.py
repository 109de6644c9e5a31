"""typeset runs each rule only when the text holds what the rule needs; the result is as if every rule ran."""

from __future__ import annotations

import random
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge import typography as t

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402


def every_rule(text: str) -> str:
    """typeset as it was before the guards: every rule, unconditionally, in the same order."""
    if not text:
        return text
    text = t.curl_quotes(text.replace(t.NB_HYPHEN, "-"))
    text = t._YEAR_RANGE.sub(r"\1–\2", text)
    text = t._HYPHEN_DASH.sub(" – ", text)
    text = t._SPACES.sub(" ", text)
    text = t._SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = t._NUMERO.sub(lambda m: m.group(1) + t.NBSP, text)
    text = t._CITY.sub(lambda m: f"{m.group(1)}.{t.NBSP}", text)
    text = t._CLAUSE.sub(lambda m: f"{m.group(1)}.{t.NBSP}", text)
    text = t._YEAR_SUFFIX.sub(lambda m: f"{m.group(1)}{t.NBSP}{m.group(2)}", text)
    text = t._INITIALS_BEFORE.sub(lambda m: f"{m.group(1)}{m.group(2)}{t.NBSP}", text)
    text = t._INITIALS_AFTER.sub(lambda m: f"{t.NBSP}{m.group(1)}{m.group(2)}", text)
    return text.replace(" – ", t.NBSP + "– ")


PIECES = ["19", "20", "2026", "1999", "-", "‐", "‑", "‒", "–", "—", " ", "  ", "\t", ",", ".", ";", ":", "!", "?",
          ")", "(", "»", "«", "“", "„", '"', "№", "г", "гг", "года", "годы", "пос", "ул", "пп", "п", "ст", "ч", "подп",
          "гл", "разд", "с", "д", "А", "Е", "Ё", "Муха", "план", "а", "x", "1", "\u00a0"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_guarded_typeset_equals_every_rule(text: str) -> None:
    assert t.typeset(text) == every_rule(text)


@given(st.text(max_size=80))
def test_guarded_typeset_equals_every_rule_on_any_text(text: str) -> None:
    assert t.typeset(text) == every_rule(text)


@settings(max_examples=2000)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\r", "\n", "\f", "\v", "\u00a0", "\u200b", "а", "1", "-"]),
                max_size=10).map("".join))
def test_squeeze_without_a_run_skips_the_substitution_with_the_same_result(text: str) -> None:
    """squeeze leaves out the regex when no run is there to squeeze: the result is the regex's own."""
    import re

    assert t.squeeze(text) == re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


def test_the_letters_before_a_dot_are_the_patterns_own() -> None:
    """_dot_after's letters: every letter that ends an abbreviation _ABBREVIATION reads, every capital of _INITIAL."""
    letters = [chr(c) for c in range(0x10000)]
    assert {c for c in letters if t._INITIAL.fullmatch(c + ".")} == set(t._CAPITALS)
    assert {c for c in letters if t._ABBREVIATION.search(c + ".") and t._ABBREVIATION.search("п" + c + ".")} \
        <= set(t._ABBREVIATION_ENDS)
    words = "г|пос|с|д|ул|пр|пер|пп|п|ст|ч|подп|гл|разд".split("|")
    assert {w[-1] for w in words} == set(t._ABBREVIATION_ENDS)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["Анализ", "итогов", "2025/2026", "учебного", "года", "уч. г.", "(этап", "1.2)", "А.Е.",
                                 "Муха", "г.Калининград", "ст.5", "п. 3", "2026 г.", "гг.", "«", "»", '"', " ", "."]),
                max_size=16).map(" ".join))
def test_guarded_typeset_equals_every_rule_on_roadmap_words(text: str) -> None:
    assert t.typeset.__wrapped__(text) == every_rule(text)


def test_guarded_typeset_equals_every_rule_on_the_benchmark_sentences() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        text = genplan.sentence(rng)
        assert t.typeset.__wrapped__(text) == every_rule(text)
