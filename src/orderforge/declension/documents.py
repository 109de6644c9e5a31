"""The gender of an approved document's title, for the form of «УТВЕРЖДЕН» in its stamp."""

from __future__ import annotations

from functools import lru_cache

from ..lazyre import LazyPattern
from .morphology import is_known, nominatives

# Head nouns of approved documents and the form of «УТВЕРЖДЕН» they take: m, f, n or plural.
_DOCUMENT_HEADS = {
    "план": "m", "порядок": "m", "регламент": "m", "перечень": "m", "график": "m", "состав": "m",
    "комплекс": "m", "календарь": "m", "паспорт": "m", "кодекс": "m", "устав": "m",
    "положение": "n", "расписание": "n", "соглашение": "n",
    "программа": "f", "карта": "f", "циклограмма": "f", "инструкция": "f", "концепция": "f",
    "стратегия": "f", "модель": "f", "методика": "f", "схема": "f", "памятка": "f",
    "мероприятия": "plural", "изменения": "plural", "рекомендации": "plural", "правила": "plural",
    "требования": "plural", "критерии": "plural", "показатели": "plural", "дополнения": "plural",
}
# A leading adjective agrees with the head noun, so its ending alone tells the form («Муниципальная …»).
_ADJECTIVE_FORM = (("ая", "f"), ("яя", "f"), ("ый", "m"), ("ой", "m"), ("ое", "n"), ("ее", "n"), ("ые", "plural"),
                  ("кие", "plural"), ("гие", "plural"), ("хие", "plural"))
_NOT_A_HEAD = frozenset("о об обо по на в во для к с со от до из за при и".split())
_TITLE_WORD = LazyPattern(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def document_form(title: str) -> str | None:
    """m, f, n or plural: the form of «УТВЕРЖДЕН» that agrees with the head noun of an approved document's title.

    A table of the usual heads and the ending of a leading adjective decide
    most titles without a dictionary, so validate stays lean; only a first word
    they do not know («Методические …», «Комментарий …») is asked of pymorphy3.
    None when no nominative head is found: the caller warns, the clerk sets
    ``approval: gender:``.
    """
    words = [w.lower() for w in _TITLE_WORD.findall(title)[:6]]
    if not words:
        return None
    first = words[0]
    if first in _DOCUMENT_HEADS:
        return _DOCUMENT_HEADS[first]
    if first in _NOT_A_HEAD:
        return None  # «По итогам …», «О …»: the title names no document
    for ending, form in _ADJECTIVE_FORM:
        if first.endswith(ending) and len(first) > 3:
            return form
    return _document_form_by_dictionary(tuple(words))


@lru_cache(maxsize=256)
def _document_form_by_dictionary(words: tuple[str, ...]) -> str | None:
    """The first nominative noun or adjective (that agrees with the noun it opens) decides."""
    for word in words:
        if word in _DOCUMENT_HEADS:
            return _DOCUMENT_HEADS[word]
        parses = [p for p in nominatives(word) if not {"Abbr", "Fixd"} & p.tag.grammemes]
        if not parses or not is_known(word):  # a guess is no ground for a signed stamp
            return None
        tag = parses[0].tag
        if tag.number == "plur":
            return "plural"
        return {"masc": "m", "femn": "f", "neut": "n"}.get(tag.gender or "")
    return None
