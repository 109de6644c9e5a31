"""typeset remembers its recent answers: a plan's deadlines and responsible parties are typeset once.

The answers must be exactly those of the rules themselves (the function unwrapped), for every paragraph
of the example plans and a generated 1,000-activity plan, asked in any order and again.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from markupsafe import Markup

from orderforge import typography
from orderforge.typography import TYPESET_MEMORY, typeset

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402

_VALUE = re.compile(r"^\s*(?:- )?(?:[a-z_]+: )?(.+)$")


def _texts(tmp_path: Path) -> list[str]:
    sources = [*(ROOT / "plans").glob("*.yaml"), genplan.write_plan(tmp_path, 1000, name="big")]
    texts = [m.group(1) for path in sources for line in path.read_text(encoding="utf-8").splitlines()
             if (m := _VALUE.match(line))]
    texts += ["", '"План (\\"Дорожная карта\\")"', "2026 - 2028 гг.", "г.Калининград, п.3", "Муха А.Е.  ,"]
    return texts


def test_remembered_answers_are_the_rules_own(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    assert len(set(texts)) > TYPESET_MEMORY  # so that answers are also forgotten and asked again
    rules = typeset.__wrapped__
    asked = texts + random.Random(12).sample(texts, len(texts))
    typeset.cache_clear()
    assert [typeset(t) for t in asked] == [rules(t) for t in asked]
    assert typeset.cache_info().hits > 0


def test_a_deadline_repeated_in_every_activity_is_typeset_once() -> None:
    typeset.cache_clear()
    for _ in range(100):
        typeset("в течение 2026 - 2028 гг.")
    assert typeset.cache_info().misses == 1


def test_a_str_subclass_keeps_its_own_answer() -> None:
    typeset.cache_clear()
    plain = typeset("a - b")
    marked = typeset(Markup("a - b"))
    assert type(plain) is str and marked == typography.typeset.__wrapped__(Markup("a - b"))
    assert type(marked) is type(typography.typeset.__wrapped__(Markup("a - b")))
