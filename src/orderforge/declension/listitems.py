"""The first word of a list item after a colon: lower-cased unless it is a name, a place or unknown."""

from __future__ import annotations

from functools import lru_cache

from ..lazyre import precompiled
from .morphology import PROPER, is_known, parse

_CAPITALISED = precompiled(r"([А-ЯЁ])([а-яё]+)\b")


def lower_common_start(text: str, proper: frozenset[str] | set[str] = frozenset()) -> str:
    """«Директору МАОУ …» → «директору МАОУ …»: a list item after a colon continues the sentence.

    Kept as written: abbreviations («МАОУ»), a word of ``proper`` (the
    directory's surnames and party names), a word the dictionary tags as a
    name, surname, place or organisation, and a word it does not know (no
    ground to change the clerk's text).
    """
    match = _CAPITALISED.match(text)
    if match is None or _in_directory(match.group(), proper) or _is_proper(match.group()):
        return text
    return text[:1].lower() + text[1:]


def _in_directory(word: str, proper: frozenset[str] | set[str]) -> bool:
    """The word is a form of a directory name: «Управлению» of «Управление …», «Отделу» of «Отдел …»."""
    stem = word[:max(4, len(word) - 3)]
    return any(name.startswith(stem) or word.startswith(name) for name in proper)


# -ский adjectives are mostly from place names («Калининградской области», «Петропавловскую» as a surname);
# these common ones are not
_COMMON_SKY = frozenset({"городской", "детский", "родительский", "сельский", "женский", "мужской", "отцовский",
                         "материнский", "вузовский", "учительский", "директорский", "человеческий"})


@lru_cache(maxsize=1024)
def _is_proper(word: str) -> bool:
    if not is_known(word.lower()):
        return True
    parses = [p for p in parse(word) if p.score >= 0.1]
    if any(PROPER & p.tag.grammemes for p in parses):
        return True
    return any(p.tag.POS == "ADJF" and p.normal_form.endswith(("ский", "цкий", "ской"))
               and not p.normal_form.endswith("ческий") and p.normal_form not in _COMMON_SKY for p in parses)
