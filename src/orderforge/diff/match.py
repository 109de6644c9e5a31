"""Which activity and section of the old version is which of the new one.

:func:`flatten` numbers both versions as orderforge does; :func:`match_items`
pairs activities (by id, then by text similarity) and :func:`match_sections`
pairs sections (by title, then by where their activities went), as the package
docstring lays out. :func:`_keep_in_order` finds the activities that kept their
relative order, so that only the others count as moved.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
from collections import Counter

from ..planmodel import Plan, Section
from .result import Item, SectionItem, text_str

SIMILARITY = 0.6


# --------------------------------------------------------------------------- flattening


def flatten(plan: Plan) -> tuple[list[Item], list[SectionItem]]:
    """Every activity and section with the numbers orderforge gives them (as resolve.py does)."""
    items: list[Item] = []
    sections: list[SectionItem] = []
    for n, activity in enumerate(plan.plan.activities, start=1):
        items.append(Item(activity, (n,), (), len(items)))

    def walk(section: Section, number: tuple[int, ...], parent: tuple[int, ...]) -> None:
        sections.append(SectionItem(number, section, parent))
        for n, activity in enumerate(section.activities, start=1):
            items.append(Item(activity, number + (n,), number, len(items)))
        for n, sub in enumerate(section.sections, start=len(section.activities) + 1):
            walk(sub, number + (n,), number)

    for n, section in enumerate(plan.plan.sections, start=1):
        walk(section, (n,), ())
    return items, sections


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


# --------------------------------------------------------------------------- matching


#: Beyond this many old × new leftovers (after ids and equal texts), a text is compared only with the
#: leftovers near its own place (:data:`WINDOW` either side) — comparing every pair is quadratic:
#: 521 s for two 1,000-activity plans without ids.
FULL_COMPARISON = 400
WINDOW = 4


def pair_by_id(old: list[Item], new: list[Item]) -> tuple[list[tuple[Item, Item]], set[int], set[int]]:
    """The pairs an id decides (first come, first served), and the indexes used on each side."""
    pairs: list[tuple[Item, Item]] = []
    by_id: dict[str, list[Item]] = {}
    for item in new:
        if item.activity.id:
            by_id.setdefault(item.activity.id, []).append(item)
    used_old: set[int] = set()
    used_new: set[int] = set()
    for item in old:
        candidates = by_id.get(item.activity.id or "")
        if candidates:
            partner = candidates.pop(0)
            pairs.append((item, partner))
            used_old.add(item.index)
            used_new.add(partner.index)
    return pairs, used_old, used_new


def match_items(old: list[Item], new: list[Item]) -> list[tuple[Item, Item]]:
    """Pair activities of two versions: by id, then equal texts, then by text similarity (best pairs first)."""
    pairs, used_old, used_new = pair_by_id(old, new)
    rest_old = [i for i in old if i.index not in used_old]
    rest_new = [i for i in new if i.index not in used_new]
    for o, n in _greedy(_equal_texts(rest_old, rest_new)):
        if o.index not in used_old and n.index not in used_new:
            _take(o, n, pairs, used_old, used_new)
    rest_old = [i for i in old if i.index not in used_old]
    rest_new = [i for i in new if i.index not in used_new]
    _take_best_first(_similar_candidates(rest_old, rest_new, pairs), pairs, used_old, used_new)
    pairs.sort(key=lambda p: p[1].index)
    return pairs


def _take(o: Item, n: Item, pairs: list[tuple[Item, Item]], used_old: set[int], used_new: set[int]) -> None:
    pairs.append((o, n))
    used_old.add(o.index)
    used_new.add(n.index)


Scored = tuple[float, int, int, int, Item, Item]


def _greedy(scored: list[Scored]) -> list[tuple[Item, Item]]:
    """Best pairs first; ties: the pair whose positions are closer, then the earlier one."""
    scored.sort(key=lambda s: s[:4])
    return [(o, n) for _, _, _, _, o, n in scored]


def _may_pair(o: Item, n: Item) -> bool:
    """Two activities that both have ids, and different ones, are never the same activity."""
    return not (o.activity.id and n.activity.id and o.activity.id != n.activity.id)


def _equal_texts(old: list[Item], new: list[Item]) -> list[Scored]:
    """Pairs with the same text: ratio 1.0, the first the similarity pass would take anyway, found by hashing.

    Taking them first in the same order (closer, then earlier) gives exactly the pairs comparing every
    text with every other gave, and leaves only the edited texts to compare.
    """
    by_text: dict[str, list[Item]] = {}
    for n in new:
        by_text.setdefault(text_str(n.activity.text), []).append(n)
    return [(-1.0, abs(o.index - n.index), o.index, n.index, o, n)
            for o in old for n in by_text.get(text_str(o.activity.text), ()) if _may_pair(o, n)]


#: A pair still to be weighed, in :func:`_greedy`'s order: (-score, distance, old index, new index, exact?,
#: old item, new item). Its score is the ratio when ``exact``, else an upper bound of it.
Candidate = tuple[float, int, int, int, bool, Item, Item]


def _similar_candidates(old: list[Item], new: list[Item], pairs: list[tuple[Item, Item]]) -> list[Candidate]:
    """The pairs that may have a ratio ≥ :data:`SIMILARITY`, scored by an upper bound of it (the letters
    two texts share, as difflib's quick_ratio counts them): every pair of a small remainder, else each old
    text against the :data:`WINDOW` new ones either side of where it should be — just after the new place
    of the nearest earlier activity already paired (a bounded window: near-linear)."""
    new_letters = [_Letters(text_str(n.activity.text)) for n in new]
    full = len(old) * len(new) <= FULL_COMPARISON
    anchors = _anchors(old, pairs)
    new_indexes = [n.index for n in new]
    found: list[Candidate] = []
    for o in old:
        o_letters = _Letters(text_str(o.activity.text))
        if full:
            window = range(len(new))
        else:
            at = bisect.bisect_right(new_indexes, anchors[o.index])
            window = range(max(0, at - WINDOW), min(len(new), at + WINDOW))
        for k in window:
            n = new[k]
            if not _may_pair(o, n):
                continue
            bound = o_letters.ratio_bound(new_letters[k])
            if bound >= SIMILARITY:
                found.append((-bound, abs(o.index - n.index), o.index, n.index, False, o, n))
    return found


class _Letters:
    """A text and how many times each character occurs in it, counted once for all its comparisons."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts = Counter(text)

    def ratio_bound(self, other: _Letters) -> float:
        """difflib's quick_ratio (an upper bound of :func:`similarity`); 0.0 when its length alone rules
        the pair out (real_quick_ratio), as :func:`similarity` does. No search for common blocks, and no
        SequenceMatcher: building one indexes the second text again for every pair."""
        if self.text == other.text:
            return 1.0
        length = len(self.text) + len(other.text)
        if 2.0 * min(len(self.text), len(other.text)) / length < SIMILARITY:
            return 0.0
        return 2.0 * sum((self.counts & other.counts).values()) / length


def _take_best_first(candidates: list[Candidate], pairs: list[tuple[Item, Item]], used_old: set[int],
                     used_new: set[int]) -> None:
    """Take the pairs in :func:`_greedy`'s order (best ratio, then closer, then earlier), computing the
    exact ratio only of a pair whose bound comes first while both its activities are still free.

    A pair's exact key is never better than its bound's, so an exact pair at the top of the heap is
    the best of all that remain, as the full sort would have found it; a pair whose activity is taken
    is dropped unweighed. Two edited plans of 1,000 activities: ~40 ratios instead of ~300.
    """
    heapq.heapify(candidates)  # (score, distance, old, new) differ for every pair: Items are never compared
    while candidates:
        score, distance, oi, ni, exact, o, n = heapq.heappop(candidates)
        if oi in used_old or ni in used_new:
            continue
        if exact:
            _take(o, n, pairs, used_old, used_new)
            continue
        ratio = _exact_ratio(text_str(o.activity.text), text_str(n.activity.text))
        if ratio >= SIMILARITY:
            heapq.heappush(candidates, (-ratio, distance, oi, ni, True, o, n))


def _exact_ratio(a: str, b: str) -> float:
    """:func:`similarity` of a pair whose bound (quick_ratio, and its length test) already passed
    :data:`SIMILARITY`: the same value without counting the letters again."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _anchors(old: list[Item], pairs: list[tuple[Item, Item]]) -> dict[int, int]:
    """For each unpaired old activity, the new index of the nearest earlier old activity already paired (-1)."""
    where = {o.index: n.index for o, n in pairs}
    result: dict[int, int] = {}
    last, k = -1, 0
    for o in old:
        while k < o.index:
            last = where.get(k, last)
            k += 1
        result[o.index] = last
    return result


def match_sections(
    old: list[SectionItem], new: list[SectionItem], pairs: list[tuple[Item, Item]],
) -> list[tuple[SectionItem, SectionItem]]:
    """Pair sections: same title, then similar title, then where most of their activities went."""
    result: list[tuple[SectionItem, SectionItem]] = []
    free_old = list(old)
    free_new = list(new)

    def take(o: SectionItem, n: SectionItem) -> None:
        result.append((o, n))
        free_old.remove(o)
        free_new.remove(n)

    for o in list(free_old):
        same = [n for n in free_new if n.section.title == o.section.title]
        if same:
            take(o, min(same, key=lambda n: (n.parent != o.parent, abs(len(n.number) - len(o.number)))))
    scored = sorted(
        ((-similarity(o.section.title, n.section.title), o.number, n.number, o, n) for o in free_old for n in free_new),
        key=lambda s: s[:3],
    )
    for score, _, _, o, n in scored:
        if -score >= SIMILARITY and o in free_old and n in free_new:
            take(o, n)
    for o in list(free_old):
        votes: dict[tuple[int, ...], int] = {}
        own = [(a, b) for a, b in pairs if a.section == o.number]
        for _, b in own:
            votes[b.section] = votes.get(b.section, 0) + 1
        for number, count in sorted(votes.items(), key=lambda v: -v[1]):
            target = next((n for n in free_new if n.number == number), None)
            if target is not None and count * 2 > len(own):
                take(o, target)
                break
    result.sort(key=lambda p: p[1].number)
    return result


def _keep_in_order(values: list[int], stable: list[bool]) -> set[int]:
    """Indexes of the longest run of activities that kept their relative order.

    Among runs of the same length, the one with most activities that also kept
    their number wins: swapping 1.1 and 1.3 reports those two, not 1.2. Values already in order (the
    usual section) are the whole run: said without the quadratic search, which would find the same.
    """
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return set(range(len(values)))
    best: list[tuple[int, int]] = []
    prev: list[int] = []
    for i, v in enumerate(values):
        score, link = (1, int(stable[i])), -1
        for j in range(i):
            if values[j] < v:
                candidate = (best[j][0] + 1, best[j][1] + int(stable[i]))
                if candidate > score:
                    score, link = candidate, j
        best.append(score)
        prev.append(link)
    keep: set[int] = set()
    i = max(range(len(values)), key=lambda k: best[k]) if values else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep
