"""Access to pymorphy3 and the word-level rules on top of it: readings, agreement, inflection, capitals.

The analyser is imported lazily, on the first word that needs it, through the
cached loader :func:`analyser`: a plan that asks for no oblique case never pays
for loading the dictionary (≈0.1 s and ≈15 MB). Where the dictionary is wrong for
the language of orders, the correction is a rule here (:data:`_PREFERRED`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

from ..lazyre import precompiled
from ..lexicon import word_is_known
from ..typography import upper_first

TYPE_CHECKING = False
if TYPE_CHECKING:  # the library itself loads lazily, see analyser()
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

# Lexicon choices pymorphy3 makes that do not fit the language of orders, keyed by
# (lemma, case grammeme, number). OpenCorpora lists the bookish «учители»
# ("teachers of a doctrine") before «учителя» (school teachers).
_PREFERRED = {("учитель", "nomn", "plur"): "учителя"}

WORD = precompiled(r"[^\W\d_]+(?:-[^\W\d_]+)*")
NOUN_LIKE = ("NOUN",)
ADJ_LIKE = ("ADJF", "PRTF")
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=1)
def analyser() -> MorphAnalyzer:
    """The pymorphy3 analyzer, built once (≈0.1 s and ≈15 MB) and only when needed."""
    try:
        import pymorphy3
    except ImportError as error:  # a broken install must say what is missing, in Russian
        raise RuntimeError(
            "для склонения должностей нужен пакет pymorphy3: pip install pymorphy3 pymorphy3-dicts-ru"
        ) from error
    return pymorphy3.MorphAnalyzer(path=dictionary_path())  # path None: pymorphy3 searches as it always does


def dictionary_path() -> str | None:
    """The Russian dictionary pymorphy3 would choose, named directly; None leaves the choice to pymorphy3.

    Left to itself, pymorphy3 lists every installed package's entry points to find the package that
    registers «ru» (importlib.metadata: about 40 ms of each build that declines a phrase). That package
    is pymorphy3_dicts_ru; PYMORPHY3_DICT_PATH, which pymorphy3 honours first, is left to it.
    """
    if os.environ.get("PYMORPHY3_DICT_PATH") is not None:
        return None
    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return None
    return str(pymorphy3_dicts_ru.get_path())


def parse(word: str) -> Sequence[Parse]:
    """``analyser().parse(word)``: from the shipped table (wordtable.py) for a usual word, else pymorphy3's."""
    from .wordtable import readings

    found = readings(word)
    return found if found is not None else analyser().parse(word)


def is_known(word: str) -> bool:
    """``analyser().word_is_known(word)``: from the shipped table for a usual word, else pymorphy3's."""
    from .wordtable import known

    found = known(word)
    return found if found is not None else bool(analyser().word_is_known(word))


@lru_cache(maxsize=1024)
def is_adverb(word: str) -> bool:
    """«временно исполняющий обязанности …»: an adverb before the head does not inflect and does not end it."""
    parses = parse(word.lower())
    return bool(parses) and parses[0].tag.POS == "ADVB"


@lru_cache(maxsize=4096)
def nominatives(word: str) -> tuple[Parse, ...]:
    """Nominative readings of a word as noun, adjective or participle; known words first, persons first."""
    known = is_known(word)
    parses = [p for p in parse(word) if "nomn" in p.tag and p.tag.POS in NOUN_LIKE + ADJ_LIKE]
    if not known:  # a guessed noun of a position names a person: «тьютор» → «тьютора», not «тьютор»
        parses.sort(key=lambda p: p.tag.animacy != "anim")
    return tuple(parses)


def agreeing(candidates: Sequence[Parse], chain: Sequence[Parse]) -> list[Parse]:
    """Readings that agree in number (and, in the singular, gender) with the modifiers before them."""
    if not chain:
        return list(candidates)
    last = chain[-1].tag
    return [
        p for p in candidates
        if p.tag.number == last.number
        and (last.number == "plur" or p.tag.gender == last.gender or "ms-f" in p.tag)
    ]


def inflect_noun(word: str, parse: Parse, grammeme: str, number: str) -> str:
    """The head noun; an unknown hyphenated noun («специалист-эксперт») inflects part by part."""
    if "-" in word and not is_known(word):
        parts = word.split("-")
        parsed = [nominatives(part) for part in parts]
        if all(any(p.tag.POS == "NOUN" for p in options) for options in parsed):
            nouns = [next(p for p in options if p.tag.POS == "NOUN") for options in parsed]
            return "-".join(inflect_simple_noun(p, grammeme, number) for p in nouns)
    return inflect_simple_noun(parse, grammeme, number)


def inflect_simple_noun(parse: Parse, grammeme: str, number: str) -> str:
    preferred = _PREFERRED.get((parse.normal_form, grammeme, number))
    if preferred:
        return preferred
    form = parse.inflect({grammeme, number}) or parse.inflect({grammeme})
    return form.word if form else parse.word


def inflect_adjective(parse: Parse, grammeme: str, number: str, gender: str, animate: bool) -> str:
    """A modifier agreeing with its head: case, number, gender in the singular, animacy in the accusative."""
    wanted = {grammeme, number}
    if number == "sing":
        wanted.add(gender if gender in ("masc", "femn", "neut") else "masc")
    if grammeme == "accs":
        wanted.add("anim" if animate else "inan")
    for attempt in (wanted, wanted - {"anim", "inan"}, {grammeme, number}):
        form = parse.inflect(attempt)
        if form:
            return form.word
    return parse.word


def like(original: str, form: str) -> str:
    """Give ``form`` the capitals of ``original``; keep «е» where the directory has no «ё»."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        return form.upper()
    if original[:1].isupper():
        return upper_first(form)
    return form


def is_abbreviation(word: str) -> bool:
    """«БГО», «МКУ», «КлО», «ЦОРП»: two or more capitals, unless a dictionary word set in capitals («ДИРЕКТОР»)."""
    if sum(1 for ch in word if ch.isupper()) < 2:
        return False
    return not word.isupper() or not _is_plain_word(word.lower())


@lru_cache(maxsize=1024)
def _is_plain_word(word: str) -> bool:
    if not word_is_known(word):  # the word list answers most words; the analyser only for known ones' tags
        return False
    return not any({"Abbr", "Fixd"} & p.tag.grammemes for p in parse(word))


def common_noun(word: str) -> Parse | None:
    """A masculine common noun the dictionary knows (not a surname): the word declines as that noun."""
    for reading in parse(word):
        if reading.tag.POS == "NOUN" and reading.tag.case == "nomn" and reading.tag.gender == "masc" \
                and not PROPER & reading.tag.grammemes and reading.score >= 0.1:
            return reading
    return None
