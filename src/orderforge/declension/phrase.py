"""Positions and body names in a case: inflect up to and including the head noun, keep the rest.

In «начальник отдела образования» the genitive tail already has its case, and
word-by-word inflection would give the wrong «начальнику отделу». Two heads
joined by a dash («Заместитель главы администрации – начальник Управления …»)
are inflected both. :func:`phrase_doubts` tells validate where this may go wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..lazyre import pattern_for, precompiled
from ..lexicon import word_is_known
from .cases import GRAMMEME, check_case, override
from .morphology import (
    ADJ_LIKE,
    NOUN_LIKE,
    WORD,
    agreeing,
    inflect_adjective,
    inflect_noun,
    inflect_simple_noun,
    is_abbreviation,
    is_adverb,
    is_known,
    like,
    nominatives,
)
from .morphology import parse as readings_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

_HEAD_DASH = precompiled(r"(\s+[-–—]\s+)")
_COMMA = precompiled(r",\s+")
_SHORTENED = precompiled(r"\.\s*[^\W\d_]")


def decline_phrase(text: str, case: str, plural: bool = False, overrides: Mapping[str, str] | None = None) -> str:
    """A position or a body name in ``case``: words up to and including the head noun inflect, the rest is kept.

    «начальник отдела образования» dat → «начальнику отдела образования»;
    «заместитель директора» dat plural → «заместителям директора»; two heads
    joined by a dash both inflect. Capitals, abbreviations (БГО, МКУ ЦОРП КПО),
    quoted names and everything after the head stay as written. ``overrides``
    maps a case key ('dat', 'acc_plural', …) to the whole phrase, used verbatim.
    """
    check_case(case)
    forced = override(overrides, case, plural)
    if forced is not None:
        return forced
    if case == "nom" and not plural:
        return text  # no dictionary needed for what the directory already holds
    return _decline_phrase(text, case, plural)


@lru_cache(maxsize=4096)
def _decline_phrase(text: str, case: str, plural: bool) -> str:
    """:func:`declined`, remembered in this process and between runs (the analyser is built only for new ones)."""
    from ..doubtcache import remembered_form

    return remembered_form(text, case, plural, declined)


def declined(text: str, case: str, plural: bool) -> str:
    """The phrase in ``case`` as the analyser and the rules decline it, each dash-joined head on its own."""
    parts = _HEAD_DASH.split(text)
    for index in range(0, len(parts), 2):  # odd indices are the dashes themselves
        parts[index] = _decline_joined(parts[index], case, plural)
    return "".join(parts)


def _decline_joined(text: str, case: str, plural: bool) -> str:
    """«заместитель директора, руководитель ШМО»: each comma-joined position of a person declines.

    A part after a comma inflects only when it is itself a position — a
    nominative head naming a person, after a first part that names one too; the
    commas inside a body's name («отдела дошкольного, общего и дополнительного
    образования») join words in the genitive and are left alone.
    """
    parts = _COMMA.split(text)
    if len(parts) == 1:
        return _decline_segment(text, case, plural)
    separators = _COMMA.findall(text)
    result = _decline_segment(parts[0], case, plural)
    person = _names_person(parts[0])
    for separator, part in zip(separators, parts[1:], strict=True):
        result += separator + (_decline_segment(part, case, plural) if person and _names_person(part) else part)
    return result


def _names_person(segment: str) -> bool:
    """The segment opens with a head group whose head names a person («руководитель ШМО», «учитель …»)."""
    chain = _head_chain(segment, list(WORD.finditer(segment)))
    if not chain or chain[0][0] != _first_content_word(segment):
        return False
    head = chain[-1][1].tag
    return head.animacy == "anim" or head.POS in ADJ_LIKE


def _first_content_word(segment: str) -> int:
    """Index of the first word that is not a leading abbreviation or adverb."""
    words = list(WORD.finditer(segment))
    index = 0
    while index < len(words) and (is_abbreviation(words[index].group()) or is_adverb(words[index].group())):
        index += 1
    return index


def _decline_segment(segment: str, case: str, plural: bool) -> str:
    """Inflect one head group: [modifiers…] head, found left to right from the start."""
    words = list(WORD.finditer(segment))
    chain = _head_chain(segment, words)
    if not chain:
        return segment
    head_index, head = chain[-1]
    number = "plur" if plural or head.tag.number == "plur" else "sing"
    noun_head = head.tag.POS in NOUN_LIKE
    gender = head.tag.gender or "masc"
    animate = head.tag.animacy != "inan" if noun_head else True  # a substantivised adjective names a person
    result = segment
    apposition = _apposition(segment, words, head_index) if noun_head and head.tag.animacy == "inan" else None
    if apposition is not None and not plural:
        word = words[head_index + 1]
        form = inflect_simple_noun(apposition, GRAMMEME[case], apposition.tag.number or "sing")
        result = result[: word.start()] + like(word.group(), form) + result[word.end():]
    for index, parse in reversed(chain):  # right to left keeps earlier offsets valid
        word = words[index]
        if noun_head and index == head_index:
            form = inflect_noun(word.group(), parse, GRAMMEME[case], number)
        else:
            form = inflect_adjective(parse, GRAMMEME[case], number, gender, animate)
        result = result[: word.start()] + like(word.group(), form) + result[word.end():]
    return result


def _apposition(segment: str, words: list[re.Match[str]], head_index: int) -> Parse | None:
    """«учреждение гимназия № 1»: a name in apposition to the head agrees with it in case.

    Only a noun right after the head that can be nothing but a nominative
    («гимназия», «школа», «лицей»); a genitive tail («отдела», «образования»,
    ambiguous with the plural nominative) is never touched.
    """
    index = head_index + 1
    if index >= len(words) or segment[words[head_index].end():words[index].start()].strip():
        return None
    word = words[index].group()
    if is_abbreviation(word) or not is_known(word.lower()):
        return None
    parses = [p for p in readings_of(word.lower()) if p.score >= 0.05]
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if not nouns or len(nouns) != len(parses):
        return None
    if any(p.tag.case not in ("nomn", "accs") or p.tag.animacy != "inan" for p in nouns):
        return None
    nominative = [p for p in nouns if p.tag.case == "nomn" and p.tag.number == "sing"]
    return nominative[0] if nominative else None


def _head_chain(segment: str, words: list[re.Match[str]]) -> list[tuple[int, Parse]]:
    """The words to inflect with their nominative parses: agreeing modifiers, then the head (last).

    Leading capital abbreviations («МАОУ гимназия») are skipped; an abbreviation
    with a dot («и.о. директора», «зам. директора») or a quote/bracket before the
    head means there is nothing to inflect. If no noun follows the modifiers, the
    last of them is a substantivised head («заведующая методическим кабинетом»).
    """
    chain: list[tuple[int, Parse]] = []
    start = 0
    while start < len(words) and (is_abbreviation(words[start].group()) or is_adverb(words[start].group())):
        if _shortened(segment, words[start]):
            return []
        start += 1
    for index in range(start, len(words)):
        if index > 0 and segment[words[index - 1].end():words[index].start()].strip():
            break  # punctuation, a quote or a number between words ends the head group
        if _shortened(segment, words[index]):
            break  # «зам.», «и.о.»: a shortened word is not inflected, nor anything after it
        word = words[index].group()
        candidates = agreeing(nominatives(word), [p for _, p in chain])
        nouns = [p for p in candidates if p.tag.POS in NOUN_LIKE]
        adjectives = [p for p in candidates if p.tag.POS in ADJ_LIKE]
        if adjectives and (not nouns or _next_agrees(segment, words, index, [p for _, p in chain] + adjectives[:1])):
            chain.append((index, adjectives[0]))
            continue
        if nouns:
            chain.append((index, nouns[0]))
        break
    return chain


def _shortened(segment: str, word: re.Match[str]) -> bool:
    """A word cut short with a dot that more text follows («и.о. директора»), not a final full stop."""
    return bool(_SHORTENED.match(segment, word.end()))


def _next_agrees(segment: str, words: list[re.Match[str]], index: int, chain: list[Parse]) -> bool:
    """Whether the next word continues a noun group (decides «рабочая группа» against a noun «рабочая»)."""
    if index + 1 >= len(words) or segment[words[index].end():words[index + 1].start()].strip():
        return False
    return bool(agreeing(nominatives(words[index + 1].group()), chain))


def unknown_words(phrase: str) -> list[str]:
    """Words of a position or body name the dictionary does not know, for a validate warning.

    Abbreviations and quoted proper names («Город Калининград») are never
    inflected and so are not reported; a hyphenated word counts as known when
    each of its parts is («учитель-логопед»).
    """
    unquoted = pattern_for(r"«[^«»]*»|\"[^\"]*\"").sub(" ", phrase)
    found: list[str] = []
    for match in WORD.finditer(unquoted):
        word = match.group()
        if is_abbreviation(word) or word in found:
            continue
        if not word_is_known(word) and not all(word_is_known(p) for p in word.split("-")):
            found.append(word)
    return found


def phrase_doubts(phrase: str) -> list[str]:
    """Russian reasons the dictionary may decline a position or a body name wrongly (for validate and forms).

    Unknown words; no head to inflect where one is expected (the phrase would
    print unchanged in every case); a head the dictionary reads two ways
    («тьютор»: a guess). The clerk then checks the form or sets it by hand.
    """
    doubts: list[str] = []
    unknown = unknown_words(phrase)
    if unknown:
        doubts.append(_unknown_message(unknown))
    for part in _HEAD_DASH.split(phrase)[::2]:
        segment = _COMMA.split(part)[0]
        words = list(WORD.finditer(segment))
        if not words or words[0].start() != len(segment) - len(segment.lstrip()) or _shortened(segment, words[0]) \
                or is_abbreviation(words[0].group()):
            continue  # «МКУ ЦОРП КПО», ««Точка роста»», «10 классы», «и.о. директора»: nothing is meant to decline
        chain = _head_chain(segment, words)
        if not chain:
            doubts.append(f"в «{segment.strip()}» не найдено слово, которое склоняется: фраза останется как написана")
            continue
        head = words[chain[-1][0]].group()
        readings = {(p.normal_form, p.tag.gender) for p in nominatives(head) if p.tag.POS in NOUN_LIKE
                    and p.score >= 0.2}
        if len(readings) > 1:
            doubts.append(f"слово «{head}» словарь читает по-разному: проверьте его падежные формы")
    return doubts


def _unknown_message(words: list[str]) -> str:
    listed = ", ".join(f"«{w}»" for w in words)
    if len(words) == 1:
        return f"слово {listed} не известно словарю"
    return f"слова {listed} не известны словарю"
