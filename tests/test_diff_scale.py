"""diff pairs activities in near-linear time, and pairs them as comparing every text with every other did.

The reference below is the former matcher (every leftover old text against every new one, best pairs
first). On small plans — every test plan — the new matcher compares the same pairs and must give the
same result; on large plans each text is compared only near its own place, so the number of
comparisons grows linearly with the plan.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderforge.diff import match
from orderforge.diff.match import SIMILARITY, flatten, match_items, pair_by_id, similarity
from orderforge.diff.result import Item, text_str
from orderforge.planfile import load_plan
from orderforge.planmodel import Activity, Para

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import genplan  # noqa: E402


def reference_match(old: list[Item], new: list[Item]) -> list[tuple[Item, Item]]:
    """The exhaustive matcher diff used before (quadratic), kept as the specification."""
    pairs, used_old, used_new = pair_by_id(old, new)  # ids decide first, as in diff itself
    scored = []
    for o in (i for i in old if i.index not in used_old):
        for n in (i for i in new if i.index not in used_new):
            if o.activity.id and n.activity.id and o.activity.id != n.activity.id:
                continue
            ratio = similarity(text_str(o.activity.text), text_str(n.activity.text))
            if ratio >= SIMILARITY:
                scored.append((-ratio, abs(o.index - n.index), o.index, n.index, o, n))
    scored.sort(key=lambda s: s[:4])
    for _, _, oi, ni, o, n in scored:
        if oi not in used_old and ni not in used_new:
            pairs.append((o, n))
            used_old.add(oi)
            used_new.add(ni)
    pairs.sort(key=lambda p: p[1].index)
    return pairs


def items(texts: list[tuple[str | None, str]]) -> list[Item]:
    return [Item(Activity(ident, (Para(text),), None, [], (), None, None), (1, k + 1), (1,), k)  # type: ignore[arg-type]
            for k, (ident, text) in enumerate(texts)]


def as_indexes(pairs: list[tuple[Item, Item]]) -> list[tuple[int, int]]:
    return [(o.index, n.index) for o, n in pairs]


WORDS = ["анализ", "мониторинг", "результатов", "оценочных", "процедур", "ОУ", "качества", "семинар", "отчёт"]
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
IDENT = st.sampled_from([None, None, None, "a", "b", "c"])


@settings(max_examples=300, deadline=None)
@given(old=st.lists(st.tuples(IDENT, TEXT), max_size=25), new=st.lists(st.tuples(IDENT, TEXT), max_size=25),
       windowed=st.booleans())
def test_pairs_are_the_exhaustive_matchers(old: list, new: list, windowed: bool) -> None:
    """Duplicated texts, ids, near-equal texts; through the full and (forced) windowed comparison."""
    a, b = items(old), items(new)
    saved = match.FULL_COMPARISON
    saved_window = match.WINDOW
    match.FULL_COMPARISON = 0 if windowed else saved
    match.WINDOW = 25  # with WINDOW ≥ 25 the window still covers them
    try:
        assert as_indexes(match_items(a, b)) == as_indexes(reference_match(a, b))
    finally:
        match.FULL_COMPARISON, match.WINDOW = saved, saved_window


def edited(texts: list[str], rng: random.Random) -> list[str]:
    """A clerk's next version: some texts reworded, some removed, some added, a few moved a little."""
    result = []
    for text in texts:
        roll = rng.random()
        if roll < 0.03:
            continue
        if roll < 0.10:
            words = text.split(" ")
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)
        result.append(text)
        if rng.random() < 0.03:
            result.append(genplan.sentence(rng))
    for _ in range(len(result) // 50):
        k = rng.randrange(len(result) - 3)
        result[k], result[k + 2] = result[k + 2], result[k]
    return result


def plan_items(tmp_path: Path, count: int, seed: int) -> list[Item]:
    path = genplan.write_plan(tmp_path / f"s{seed}", count, seed=seed, ids=False)
    plan, _ = load_plan(path)
    assert plan is not None
    return flatten(plan)[0]


def test_edited_plan_pairs_as_the_exhaustive_matcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """80 activities without ids, a realistic edit, compared through the window only: it misses
    nothing the full comparison finds."""
    monkeypatch.setattr(match, "FULL_COMPARISON", 0)
    rng = random.Random(3)
    old = [text_str(i.activity.text) for i in plan_items(tmp_path, 80, 3)]
    new = edited(old, rng)
    a, b = items([(None, t) for t in old]), items([(None, t) for t in new])
    assert as_indexes(match_items(a, b)) == as_indexes(reference_match(a, b))


@pytest.mark.parametrize("count", [250, 1000])
def test_comparisons_grow_linearly(tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two unrelated plans (nothing equal: the worst case) cost at most 2·WINDOW+1 comparisons per activity."""
    calls = []
    monkeypatch.setattr(match, "similarity", lambda a, b: calls.append(1) or 0.0)  # counted, not computed
    old, new = plan_items(tmp_path, count, 1), plan_items(tmp_path, count, 2)
    match_items(old, new)
    assert len(calls) <= (2 * match.WINDOW + 1) * count


CHARS = st.text(alphabet="абвгде ёжз", min_size=0, max_size=12)


@settings(max_examples=300, deadline=None)
@given(old=st.lists(CHARS, max_size=14), new=st.lists(CHARS, max_size=14))
def test_weighing_only_free_pairs_takes_the_exhaustive_matchers_pairs(old: list[str], new: list[str]) -> None:
    """Short texts of few letters: many ratios tie and many upper bounds (character counts) are loose,
    so the order in which pairs are weighed is what is tested."""
    a, b = items([(None, t) for t in old]), items([(None, t) for t in new])
    assert as_indexes(match_items(a, b)) == as_indexes(reference_match(a, b))


def test_a_ratio_is_computed_only_for_pairs_still_free(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 activities, 40 reworded far apart (the bench's edit): each is weighed against its window,
    but an exact ratio is computed about once per reworded activity, not once per pair in the window."""
    texts = [text_str(i.activity.text) for i in plan_items(tmp_path, 1000, 5)]
    rng = random.Random(5)
    reworded = sorted(rng.sample(range(len(texts)), 40))
    edited_texts = list(texts)
    for k in reworded:
        edited_texts[k] = texts[k] + " (изм.)"
    calls: list[int] = []
    exact = match.similarity
    monkeypatch.setattr(match, "similarity", lambda x, y: calls.append(1) or exact(x, y))
    pairs = match_items(items([(None, t) for t in texts]), items([(None, t) for t in edited_texts]))
    assert as_indexes(pairs) == [(k, k) for k in range(len(texts))]
    assert len(calls) <= 2 * len(reworded)


def reference_keep_in_order(values: list[int], stable: list[bool]) -> set[int]:
    """The longest run kept in order, by the quadratic search alone (the specification of the fast path)."""
    best: list[tuple[int, int]] = []
    prev: list[int] = []
    for i, v in enumerate(values):
        score, link = (1, int(stable[i])), -1
        for j in range(i):
            candidate = (best[j][0] + 1, best[j][1] + int(stable[i]))
            if values[j] < v and candidate > score:
                score, link = candidate, j
        best.append(score)
        prev.append(link)
    keep: set[int] = set()
    i = max(range(len(values)), key=lambda k: best[k]) if values else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.integers(0, 30), max_size=20, unique=True), sort=st.booleans(), data=st.data())
def test_the_run_kept_in_order_is_the_quadratic_searchs(values: list[int], sort: bool, data: st.DataObject) -> None:
    """Sorted values (every section nobody reordered) take the fast path; it must agree with the search."""
    values = sorted(values) if sort else values
    stable = data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values)))
    assert match._keep_in_order(values, stable) == reference_keep_in_order(values, stable)
