"""pymorphy3's answers for the usual words of orders, shipped with orderforge: a first build need not load it.

Building pymorphy3's analyser costs a first build or validate about 0.13 s (importing it, then 5,500 tag
objects made eagerly), and the declension code asks it about a handful of words: «начальник», «отдел»,
«заместитель». ``wordtable.json`` holds, for the words of the bundled plans and directories, the positions
of education bodies and their frequent words (tools/make_wordtable.py), exactly what the code asks:
whether the dictionary knows the word, its readings (tag, normal form, score, in pymorphy3's order) and,
for a nominative noun, adjective or participle, its form for every set of grammemes
:mod:`.morphology` may ask (:data:`NOUN_REQUESTS`, :data:`ADJECTIVE_REQUESTS`). A word, a capitalisation
or a question the table lacks goes to pymorphy3, loaded then. The table is pymorphy3's own answer, entry
by entry (tests/test_wordtable.py regenerates it); it is used only with the pymorphy3 and dictionary
versions that made it, and never when PYMORPHY3_DICT_PATH chooses another dictionary.
"""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

from .cases import GRAMMEME

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

TABLE = Path(__file__).with_name("wordtable.json")
_CASES = tuple(GRAMMEME.values())
_GENDERS = ("masc", "femn", "neut")
#: A form's place among a reading's distinct forms, one character each; «-» is no form.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _noun_requests() -> tuple[frozenset[str], ...]:
    """What ``inflect_simple_noun`` asks: {case, number}, then {case}."""
    found: list[frozenset[str]] = []
    for case in _CASES:
        found += [frozenset({case, "sing"}), frozenset({case, "plur"}), frozenset({case})]
    return tuple(found)


def _adjective_requests() -> tuple[frozenset[str], ...]:
    """What ``inflect_adjective`` asks: case, number, gender in the singular, animacy in the accusative, and
    the same with less."""
    found: list[frozenset[str]] = []
    for case in _CASES:
        for number in ("sing", "plur"):
            base = {case, number}
            for gender in (_GENDERS if number == "sing" else ("",)):
                wanted = base | {gender} - {""}
                animacies = (("anim",), ("inan",), ()) if case == "accs" else ((),)
                found += [frozenset(wanted | set(a)) for a in animacies]
            found.append(frozenset(base))
    return tuple(dict.fromkeys(found))


NOUN_REQUESTS = _noun_requests()
ADJECTIVE_REQUESTS = _adjective_requests()


def requests_for(pos: str | None, grammemes: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The grammeme sets the declension code may ask a reading to inflect to (none for most readings)."""
    if "nomn" not in grammemes:
        return ()
    if pos == "NOUN":
        return NOUN_REQUESTS
    if pos in ("ADJF", "PRTF"):
        return ADJECTIVE_REQUESTS
    return ()


def versions() -> tuple[str, str] | None:
    """pymorphy3's and its Russian dictionary's versions, read without importing pymorphy3 (about 0.03 s);
    None when the table must not be used (another dictionary chosen, a package missing)."""
    if os.environ.get("PYMORPHY3_DICT_PATH"):
        return None
    spec = find_spec("pymorphy3")
    if spec is None or not spec.origin:
        return None
    try:
        import pymorphy3_dicts_ru

        text = (Path(spec.origin).parent / "version.py").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return None
    code = text.partition("__version__")[2].partition("=")[2].strip().strip("\"'")
    return code, str(pymorphy3_dicts_ru.__version__)


class Tag:
    """The parts of a pymorphy3 tag the declension code reads, with pymorphy3's values."""

    __slots__ = ("_str", "POS", "animacy", "case", "gender", "number", "grammemes")

    def __init__(self, text: str, classes: dict[str, frozenset[str]]) -> None:
        self._str = text
        self.grammemes = frozenset(text.replace(" ", ",").split(","))
        self.POS, self.animacy, self.case, self.gender, self.number = (
            next(iter(classes[name] & self.grammemes), None) for name in ("POS", "animacy", "case", "gender", "number"))

    def __contains__(self, grammeme: str | frozenset[str] | set[str]) -> bool:
        if isinstance(grammeme, (set, frozenset)):
            return grammeme <= self.grammemes
        return grammeme in self.grammemes

    def __str__(self) -> str:
        return self._str


class Form:
    """An inflected form: its word is all the declension code reads."""

    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word


class Reading:
    """One reading of a word from the table, standing in for pymorphy3's Parse."""

    __slots__ = ("word", "tag", "normal_form", "score", "_asked", "_index", "_forms")

    def __init__(self, asked: str, index: int, tag: Tag, normal_form: str, score: float,
                 forms: tuple[int, str] | None) -> None:
        self.word, self.tag, self.normal_form, self.score = asked.lower(), tag, normal_form, score
        self._asked, self._index, self._forms = asked, index, forms

    def inflect(self, required: set[str] | frozenset[str]) -> Form | Any:
        """The table's form for a usual question; pymorphy3's own answer for any other.

        The table keeps a reading's forms as its distinct words («|»-joined) and a pattern shared by many
        readings: one character per question of :func:`requests_for`, the place of its answer's word."""
        requests = requests_for(self.tag.POS, self.tag.grammemes)
        wanted = frozenset(required)
        if self._forms is not None and wanted in requests:
            pattern, words = self._forms
            table = _table()
            assert table is not None
            place = table["patterns"][pattern][requests.index(wanted)]
            return None if place == "-" else Form(_lengthened(self.word, words.split("|")[DIGITS.index(place)]))
        from .morphology import analyser

        return analyser().parse(self._asked)[self._index].inflect(set(required))


def _lengthened(word: str, short: str) -> str:
    """A form the table keeps as the letters cut off the end of ``word`` (one character) and its ending."""
    return word[:len(word) - DIGITS.index(short[0])] + short[1:]


@lru_cache(maxsize=1)
def _table() -> dict[str, Any] | None:
    """The shipped table, when it was made by the pymorphy3 and dictionary installed here.

    Its first line is a JSON header (the versions, the tags, the form patterns); each next line is a word, a
    tab and its entry in JSON, parsed only when the word is asked: reading the table is splitting lines."""
    found = versions()
    if found is None:
        return None
    try:
        head, _, body = TABLE.read_text(encoding="utf-8").partition("\n")
        data = json.loads(head)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or [data.get("pymorphy3"), data.get("dictionary")] != list(found):
        return None
    data["words"] = dict(line.split("\t", 1) for line in body.splitlines())
    data["lower_only"] = frozenset(data["lower_only"])  # «И» is also an initial: only «и» is answered
    return data


@cache
def _tag(index: int) -> Tag:
    table = _table()
    assert table is not None
    return Tag(table["tags"][index], _classes())


@cache
def _classes() -> dict[str, frozenset[str]]:
    """pymorphy3's grammemes of each kind (parts of speech, cases …): a tag's POS is its grammeme of that kind."""
    table = _table()
    assert table is not None
    return {name: frozenset(grammemes) for name, grammemes in table["classes"].items()}


def _entry(word: str) -> str | None:
    """The table's entry of the word as written, in JSON: lower case or a capital first letter (both are
    checked; a capital only where pymorphy3 reads it alike)."""
    table = _table()
    if table is None:
        return None
    lower = word.lower()
    if word != lower and (word != lower.capitalize() or lower in table["lower_only"]):
        return None
    entry: str | None = table["words"].get(lower)
    return entry


def known(word: str) -> bool | None:
    """``MorphAnalyzer.word_is_known(word)`` from the table; None when the table does not hold the word."""
    entry = _entry(word)
    return None if entry is None else entry.startswith("[1,")


@lru_cache(maxsize=4096)
def readings(word: str) -> tuple[Reading, ...] | None:
    """``MorphAnalyzer.parse(word)`` from the table; None when the table does not hold the word."""
    entry = _entry(word)
    if entry is None:
        return None
    lower = word.lower()
    return tuple(Reading(word, index, _tag(tag), _lengthened(lower, normal), score,
                         (forms[0], forms[1]) if forms else None)
                 for index, (tag, normal, score, *forms) in enumerate(json.loads(entry)[1]))
