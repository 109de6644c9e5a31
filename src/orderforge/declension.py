"""Russian declension of people and positions for the text of an order.

A directory names every person and every body once, in the nominative; an order
needs them in other cases: «Отделу … (Алексейчук Ю.Я.) обеспечить» (dative),
«возложить на начальника управления … Гривусевич Г.В.» (accusative),
«Назначить … Петропавловскую Наталью Николаевну» (accusative, full name).

Positions and body names are inflected with pymorphy3 (the OpenCorpora
dictionary), but only up to and including the head noun: in «начальник отдела
образования» the genitive tail already has its case, and word-by-word inflection
would give the wrong «начальнику отделу». Two heads joined by a dash
(«Заместитель главы администрации – начальник Управления …») are inflected both.

People are inflected with pytrovich, the port of the petrovich rules (the same
rule set as petrovich-ruby/-js/-java). It was chosen over the other port,
«petrovich» (damirazo): pytrovich is the one kept up to date — its 2026 release
refreshed the rules with the upstream fixes of 2020–2024, handles Ё, capitals,
hyphenated surnames and indeclinable names, ships type hints and has no
dependencies — whereas «petrovich» 2.0.1, the last release that runs on
Python < 3.12, dates from 2019 and its 3.0 requires Python 3.12.

Both libraries are imported lazily, on the first declension that needs them,
through cached loaders (:func:`_morph`, :func:`_names`): a plan that asks for no
oblique case never pays for loading a dictionary. Results are cached too.

Where the dictionary is wrong for the language of orders, the correction is a
rule here (:data:`_PREFERRED`, the indeclinable-surname rules) or, for one
person or body, an explicit override in the directory (``forms``), which always
wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import word_is_known
from .typography import upper_first

if TYPE_CHECKING:  # the libraries themselves load lazily, see _morph() and _names()
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse
    from pytrovich.maker import PetrovichDeclinationMaker

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
CASE_RU = {"им": "nom", "род": "gen", "дат": "dat", "вин": "acc", "тв": "ins", "пр": "loc"}
FORMS = ("short", "signature", "full")

_GRAMMEME = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
_RU_OF_CASE = {code: ru for ru, code in CASE_RU.items()}

# Lexicon choices pymorphy3 makes that do not fit the language of orders, keyed by
# (lemma, case grammeme, number). OpenCorpora lists the bookish «учители»
# ("teachers of a doctrine") before «учителя» (school teachers).
_PREFERRED = {("учитель", "nomn", "plur"): "учителя"}

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HEAD_DASH = re.compile(r"(\s+[-–—]\s+)")
_NOUN_LIKE = ("NOUN",)
_ADJ_LIKE = ("ADJF", "PRTF")


# ---------------------------------------------------------------- lazy loaders


@lru_cache(maxsize=1)
def _morph() -> MorphAnalyzer:
    """The pymorphy3 analyzer, built once (≈0.1 s and ≈15 MB) and only when needed."""
    try:
        import pymorphy3
    except ImportError as error:  # a broken install must say what is missing, in Russian
        raise RuntimeError(
            "для склонения должностей нужен пакет pymorphy3: pip install pymorphy3 pymorphy3-dicts-ru"
        ) from error
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _names() -> PetrovichDeclinationMaker:
    """The pytrovich inflector of Russian names, built once and only when needed."""
    try:
        from pytrovich.maker import PetrovichDeclinationMaker
    except ImportError as error:
        raise RuntimeError("для склонения фамилий нужен пакет pytrovich: pip install pytrovich") from error
    return PetrovichDeclinationMaker()


def _check_case(case: str) -> None:
    if case not in CASES:
        raise ValueError(f"неизвестный падеж «{case}»: допустимы {', '.join(CASES)}")


def _override(overrides: Mapping[str, str] | None, case: str, plural: bool = False) -> str | None:
    """An explicit form from the directory: key «dat»/«dat_plural», or the Russian «дат»/«дат_мн»."""
    if not overrides:
        return None
    keys = (f"{case}_plural", f"{_RU_OF_CASE[case]}_мн") if plural else (case, _RU_OF_CASE[case])
    for key in keys:
        if key in overrides:
            return overrides[key]
    return None


# ---------------------------------------------------------------- positions and bodies


def decline_phrase(text: str, case: str, plural: bool = False, overrides: Mapping[str, str] | None = None) -> str:
    """A position or a body name in ``case``: words up to and including the head noun inflect, the rest is kept.

    «начальник отдела образования» dat → «начальнику отдела образования»;
    «заместитель директора» dat plural → «заместителям директора»; two heads
    joined by a dash both inflect. Capitals, abbreviations (БГО, МКУ ЦОРП КПО),
    quoted names and everything after the head stay as written. ``overrides``
    maps a case key ('dat', 'acc_plural', …) to the whole phrase, used verbatim.
    """
    _check_case(case)
    forced = _override(overrides, case, plural)
    if forced is not None:
        return forced
    if case == "nom" and not plural:
        return text  # no dictionary needed for what the directory already holds
    return _decline_phrase(text, case, plural)


@lru_cache(maxsize=4096)
def _decline_phrase(text: str, case: str, plural: bool) -> str:
    parts = _HEAD_DASH.split(text)
    for index in range(0, len(parts), 2):  # odd indices are the dashes themselves
        parts[index] = _decline_joined(parts[index], case, plural)
    return "".join(parts)


_COMMA = re.compile(r",\s+")


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
    chain = _head_chain(segment, list(_WORD.finditer(segment)))
    if not chain or chain[0][0] != _first_content_word(segment):
        return False
    head = chain[-1][1].tag
    return head.animacy == "anim" or head.POS in _ADJ_LIKE


def _first_content_word(segment: str) -> int:
    """Index of the first word that is not a leading abbreviation or adverb."""
    words = list(_WORD.finditer(segment))
    index = 0
    while index < len(words) and (_is_abbreviation(words[index].group()) or _is_adverb(words[index].group())):
        index += 1
    return index


@lru_cache(maxsize=1024)
def _is_adverb(word: str) -> bool:
    """«временно исполняющий обязанности …»: an adverb before the head does not inflect and does not end it."""
    parses = _morph().parse(word.lower())
    return bool(parses) and parses[0].tag.POS == "ADVB"


def _decline_segment(segment: str, case: str, plural: bool) -> str:
    """Inflect one head group: [modifiers…] head, found left to right from the start."""
    words = list(_WORD.finditer(segment))
    chain = _head_chain(segment, words)
    if not chain:
        return segment
    head_index, head = chain[-1]
    number = "plur" if plural or head.tag.number == "plur" else "sing"
    noun_head = head.tag.POS in _NOUN_LIKE
    gender = head.tag.gender or "masc"
    animate = head.tag.animacy != "inan" if noun_head else True  # a substantivised adjective names a person
    result = segment
    apposition = _apposition(segment, words, head_index) if noun_head and head.tag.animacy == "inan" else None
    if apposition is not None and not plural:
        word = words[head_index + 1]
        form = _inflect_simple_noun(apposition, _GRAMMEME[case], apposition.tag.number or "sing")
        result = result[: word.start()] + _like(word.group(), form) + result[word.end():]
    for index, parse in reversed(chain):  # right to left keeps earlier offsets valid
        word = words[index]
        if noun_head and index == head_index:
            form = _inflect_noun(word.group(), parse, _GRAMMEME[case], number)
        else:
            form = _inflect_adjective(parse, _GRAMMEME[case], number, gender, animate)
        result = result[: word.start()] + _like(word.group(), form) + result[word.end():]
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
    if _is_abbreviation(word) or not _morph().word_is_known(word.lower()):
        return None
    parses = [p for p in _morph().parse(word.lower()) if p.score >= 0.05]
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
    while start < len(words) and (_is_abbreviation(words[start].group()) or _is_adverb(words[start].group())):
        if _shortened(segment, words[start]):
            return []
        start += 1
    for index in range(start, len(words)):
        if index > 0 and segment[words[index - 1].end():words[index].start()].strip():
            break  # punctuation, a quote or a number between words ends the head group
        if _shortened(segment, words[index]):
            break  # «зам.», «и.о.»: a shortened word is not inflected, nor anything after it
        word = words[index].group()
        candidates = _agreeing(_nominatives(word), [p for _, p in chain])
        nouns = [p for p in candidates if p.tag.POS in _NOUN_LIKE]
        adjectives = [p for p in candidates if p.tag.POS in _ADJ_LIKE]
        if adjectives and (not nouns or _next_agrees(segment, words, index, [p for _, p in chain] + adjectives[:1])):
            chain.append((index, adjectives[0]))
            continue
        if nouns:
            chain.append((index, nouns[0]))
        break
    return chain


_SHORTENED = re.compile(r"\.\s*[^\W\d_]")


def _shortened(segment: str, word: re.Match[str]) -> bool:
    """A word cut short with a dot that more text follows («и.о. директора»), not a final full stop."""
    return bool(_SHORTENED.match(segment, word.end()))


def _next_agrees(segment: str, words: list[re.Match[str]], index: int, chain: list[Parse]) -> bool:
    """Whether the next word continues a noun group (decides «рабочая группа» against a noun «рабочая»)."""
    if index + 1 >= len(words) or segment[words[index].end():words[index + 1].start()].strip():
        return False
    return bool(_agreeing(_nominatives(words[index + 1].group()), chain))


@lru_cache(maxsize=4096)
def _nominatives(word: str) -> tuple[Parse, ...]:
    """Nominative readings of a word as noun, adjective or participle; known words first, persons first."""
    morph = _morph()
    known = morph.word_is_known(word)
    parses = [p for p in morph.parse(word) if "nomn" in p.tag and p.tag.POS in _NOUN_LIKE + _ADJ_LIKE]
    if not known:  # a guessed noun of a position names a person: «тьютор» → «тьютора», not «тьютор»
        parses.sort(key=lambda p: p.tag.animacy != "anim")
    return tuple(parses)


def _agreeing(candidates: Sequence[Parse], chain: Sequence[Parse]) -> list[Parse]:
    """Readings that agree in number (and, in the singular, gender) with the modifiers before them."""
    if not chain:
        return list(candidates)
    last = chain[-1].tag
    return [
        p for p in candidates
        if p.tag.number == last.number
        and (last.number == "plur" or p.tag.gender == last.gender or "ms-f" in p.tag)
    ]


def _inflect_noun(word: str, parse: Parse, grammeme: str, number: str) -> str:
    """The head noun; an unknown hyphenated noun («специалист-эксперт») inflects part by part."""
    if "-" in word and not _morph().word_is_known(word):
        parts = word.split("-")
        parsed = [_nominatives(part) for part in parts]
        if all(any(p.tag.POS == "NOUN" for p in options) for options in parsed):
            nouns = [next(p for p in options if p.tag.POS == "NOUN") for options in parsed]
            return "-".join(_inflect_simple_noun(p, grammeme, number) for p in nouns)
    return _inflect_simple_noun(parse, grammeme, number)


def _inflect_simple_noun(parse: Parse, grammeme: str, number: str) -> str:
    preferred = _PREFERRED.get((parse.normal_form, grammeme, number))
    if preferred:
        return preferred
    form = parse.inflect({grammeme, number}) or parse.inflect({grammeme})
    return form.word if form else parse.word


def _inflect_adjective(parse: Parse, grammeme: str, number: str, gender: str, animate: bool) -> str:
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


def _like(original: str, form: str) -> str:
    """Give ``form`` the capitals of ``original``; keep «е» where the directory has no «ё»."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        return form.upper()
    if original[:1].isupper():
        return upper_first(form)
    return form


def _is_abbreviation(word: str) -> bool:
    """«БГО», «МКУ», «КлО», «ЦОРП»: two or more capitals, unless a dictionary word set in capitals («ДИРЕКТОР»)."""
    if sum(1 for ch in word if ch.isupper()) < 2:
        return False
    return not word.isupper() or not _is_plain_word(word.lower())


@lru_cache(maxsize=1024)
def _is_plain_word(word: str) -> bool:
    if not word_is_known(word):  # the word list answers most words; the analyser only for known ones' tags
        return False
    return not any({"Abbr", "Fixd"} & p.tag.grammemes for p in _morph().parse(word))


def unknown_words(phrase: str) -> list[str]:
    """Words of a position or body name the dictionary does not know, for a validate warning.

    Abbreviations and quoted proper names («Город Калининград») are never
    inflected and so are not reported; a hyphenated word counts as known when
    each of its parts is («учитель-логопед»).
    """
    unquoted = re.sub(r"«[^«»]*»|\"[^\"]*\"", " ", phrase)
    found: list[str] = []
    for match in _WORD.finditer(unquoted):
        word = match.group()
        if _is_abbreviation(word) or word in found:
            continue
        if not word_is_known(word) and not all(word_is_known(p) for p in word.split("-")):
            found.append(word)
    return found


# ---------------------------------------------------------------- list items

_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_CAPITALISED = re.compile(r"([А-ЯЁ])([а-яё]+)\b")


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
    morph = _morph()
    if not morph.word_is_known(word.lower()):
        return True
    parses = [p for p in morph.parse(word) if p.score >= 0.1]
    if any(_PROPER & p.tag.grammemes for p in parses):
        return True
    return any(p.tag.POS == "ADJF" and p.normal_form.endswith(("ский", "цкий", "ской"))
               and not p.normal_form.endswith("ческий") and p.normal_form not in _COMMON_SKY for p in parses)


# ---------------------------------------------------------------- approved documents

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
_TITLE_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


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
        parses = [p for p in _nominatives(word) if not {"Abbr", "Fixd"} & p.tag.grammemes]
        if not parses or not _morph().word_is_known(word):  # a guess is no ground for a signed stamp
            return None
        tag = parses[0].tag
        if tag.number == "plur":
            return "plural"
        return {"masc": "m", "femn": "f", "neut": "n"}.get(tag.gender or "")
    return None


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
        words = list(_WORD.finditer(segment))
        if not words or words[0].start() != len(segment) - len(segment.lstrip()) or _shortened(segment, words[0]) \
                or _is_abbreviation(words[0].group()):
            continue  # «МКУ ЦОРП КПО», ««Точка роста»», «10 классы», «и.о. директора»: nothing is meant to decline
        chain = _head_chain(segment, words)
        if not chain:
            doubts.append(f"в «{segment.strip()}» не найдено слово, которое склоняется: фраза останется как написана")
            continue
        head = words[chain[-1][0]].group()
        readings = {(p.normal_form, p.tag.gender) for p in _nominatives(head) if p.tag.POS in _NOUN_LIKE
                    and p.score >= 0.2}
        if len(readings) > 1:
            doubts.append(f"слово «{head}» словарь читает по-разному: проверьте его падежные формы")
    return doubts


def _unknown_message(words: list[str]) -> str:
    listed = ", ".join(f"«{w}»" for w in words)
    if len(words) == 1:
        return f"слово {listed} не известно словарю"
    return f"слова {listed} не известны словарю"


# ---------------------------------------------------------------- people

_FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
_MALE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ый|ий)$")
# Surnames that do not decline whatever the gender: Потапенко, Вайткене, Петрайтите, Черных, Живаго.
_INDECLINABLE = re.compile(r"(?:ко|ене|ёне|айте|ите|уте|юте|их|ых|аго|яго|[оеэиыую])$")


def gender_of(surname: str, name: str | None = None, patronymic: str | None = None,
              gender: str | None = None) -> str | None:
    """«m», «f» or None: explicit, else from the patronymic, else from the surname's ending, else from the name.

    The patronymic is the surest sign (…вич/…ич/оглы → m, …вна/…чна/кызы → f);
    a surname in -ова/-ская is female, in -ов/-ский male; a given name decides
    only through the name dictionary of pytrovich.
    """
    if gender in ("m", "f"):
        return gender
    if patronymic:
        lowered = patronymic.lower().strip()
        if lowered.endswith(("вич", "ич", "оглы", "улы")):
            return "m"
        if lowered.endswith(("вна", "чна", "кызы", "гызы")):
            return "f"
    parts = [part.lower() for part in surname.split("-")]
    if any(_FEMALE_SURNAME.search(part) for part in parts):  # «Новикова-Прибой» is a woman's surname
        return "f"
    if any(_MALE_SURNAME.search(part) for part in parts):
        return "m"
    if name:
        return _gender_of_name(name)
    return None


@lru_cache(maxsize=1024)
def _gender_of_name(name: str) -> str | None:
    _names()  # the same lazy import, with its Russian message when pytrovich is missing
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.enums import Gender

    detected = PetrovichGenderDetector().detect(firstname=name)
    return {Gender.MALE: "m", Gender.FEMALE: "f"}.get(detected)


def decline_surname(surname: str, gender: str | None, case: str) -> str:
    """A surname in ``case``; each part of a double-barrelled one on its own («Римской-Корсаковой»).

    Indeclinable by rule, without asking the library: …ко, …ене/…айте, …их/…ых,
    foreign vowel endings, and every female surname ending in a consonant
    («Гривусевич», «Алексейчук»). With the gender unknown, a surname whose
    declension depends on it is left as written (validate warns, see
    :func:`name_problems`).
    """
    _check_case(case)
    if case == "nom":
        return surname
    parts = surname.split("-")
    return "-".join(_decline_surname_part(part, gender, case, i == len(parts) - 1, len(parts) > 1)
                    for i, part in enumerate(parts))


@lru_cache(maxsize=4096)
def _decline_surname_part(part: str, gender: str | None, case: str, last: bool, compound: bool = False) -> str:
    """One part; the gender binds only the last part, as in petrovich (the indeclinable «Бонч» of «Бонч-Бруевич»)."""
    lowered = part.lower()
    if _INDECLINABLE.search(lowered) or (gender == "f" and not lowered.endswith(("а", "я"))):
        return part
    if gender is None:
        gender = "f" if _FEMALE_SURNAME.search(lowered) else "m" if _MALE_SURNAME.search(lowered) else None
        if gender is None:
            return part
    # the rules are written for «Иванова», not «ИВАНОВА»: decline the usual spelling, then restore the capitals
    usual = lowered.capitalize()
    if compound and last and gender == "m":
        noun = _common_noun(lowered)  # «Новиков-Прибой»: the second part is the noun «прибой» → «Прибоя»
        if noun is not None and lowered.endswith(("ой", "ий", "ый")):
            return _like(part, _inflect_simple_noun(noun, _GRAMMEME[case], "sing"))
    return _like(part, _petrovich("LASTNAME", gender, case, usual, known=last))


def _common_noun(word: str) -> Parse | None:
    """A masculine common noun the dictionary knows (not a surname): the word declines as that noun."""
    for parse in _morph().parse(word):
        if parse.tag.POS == "NOUN" and parse.tag.case == "nomn" and parse.tag.gender == "masc" \
                and not _PROPER & parse.tag.grammemes and parse.score >= 0.1:
            return parse
    return None


def _petrovich(part: str, gender: str, case: str, word: str, known: bool = True) -> str:
    from pytrovich.enums import Case, Gender, NamePart

    cases = {"gen": Case.GENITIVE, "dat": Case.DATIVE, "acc": Case.ACCUSATIVE,
             "ins": Case.INSTRUMENTAL, "loc": Case.PREPOSITIONAL, "nom": Case.NOMINATIVE}
    sex = Gender.FEMALE if gender == "f" else Gender.MALE
    return _names().make(NamePart[part], sex, cases[case], word, known_gender=known)


@lru_cache(maxsize=4096)
def _decline_given(kind: str, word: str, gender: str | None, case: str) -> str:
    """A given name (FIRSTNAME) or patronymic (MIDDLENAME); ambiguous names need the gender."""
    if case == "nom" or gender is None:
        return word
    return _petrovich(kind, gender, case, word)


def initials_of(initials: str | None, name: str | None, patronymic: str | None) -> str:
    """«Е.В.»: the explicit initials without spaces, else the first letters of name and patronymic."""
    if initials:
        return "".join(initials.split())
    return "".join(f"{part.strip()[0]}." for part in (name, patronymic) if part and part.strip())


def decline_name(surname: str, name: str | None, patronymic: str | None, initials: str | None,
                 gender: str | None, case: str, form: str = "short",
                 overrides: Mapping[str, str] | None = None) -> str:
    """A person in ``case``: «Воропаевой Е.В.» (short), «Е.В. Воропаева» (signature),
    «Петропавловскую Наталью Николаевну» (full).

    Running text puts initials after the surname, signatures and stamps before
    it; the full form is for the person an order appoints. Without a given name
    the full form falls back to the short one. ``overrides`` maps a case to the
    surname's form and wins over the rules (for a surname they get wrong).
    """
    _check_case(case)
    if form not in FORMS:
        raise ValueError(f"неизвестная форма имени «{form}»: допустимы {', '.join(FORMS)}")
    sex = gender_of(surname, name, patronymic, gender)
    forced = _override(overrides, case)
    declined = forced if forced is not None else decline_surname(surname, sex, case)
    if form == "full" and name:
        parts = [declined, _decline_given("FIRSTNAME", name, sex, case)]
        if patronymic:
            parts.append(_decline_given("MIDDLENAME", patronymic, sex, case))
        return " ".join(parts)
    letters = initials_of(initials, name, patronymic)
    if form == "signature":
        return f"{letters} {declined}".strip()
    return f"{declined} {letters}".strip()


def name_problems(surname: str, name: str | None = None, patronymic: str | None = None,
                  gender: str | None = None, overrides: Mapping[str, str] | None = None) -> list[str]:
    """Russian warnings for validate: a name the rules cannot decline with confidence.

    Loads the name rules (call it only for a person the plan puts into an
    oblique case): an unknown gender where the surname's declension depends on
    it, and a male surname no rule declines.
    """
    problems: list[str] = []
    sex = gender_of(surname, name, patronymic, gender)
    if sex is None and decline_surname(surname, "m", "dat") != decline_surname(surname, "f", "dat"):
        problems.append(
            f"фамилия «{surname}» склоняется по-разному для мужчины и женщины, а пол не указан: "
            "добавьте gender: m или f (или отчество)"
        )
    elif sex == "m" and not overrides and "-" in surname and any(
            _common_noun(part.lower()) is not None and part.lower().endswith(("ой", "ий", "ый"))
            for part in surname.split("-")[1:]):
        problems.append(
            f"вторая часть фамилии «{surname}» склонена как нарицательное слово (родительный падеж: "
            f"«{decline_surname(surname, 'm', 'gen')}»): проверьте падежные формы и при необходимости задайте их "
            "в справочнике (forms)"
        )
    elif sex == "m" and not overrides and not _INDECLINABLE.search(surname.lower()):
        if decline_surname(surname, "m", "gen") == surname:
            problems.append(
                f"фамилия «{surname}» не склоняется по известным правилам: проверьте её падежные формы "
                "и при необходимости задайте их в справочнике (forms)"
            )
    return problems


# ---------------------------------------------------------------- groups of people


def _groups(people: Sequence[tuple[str, str | None]]) -> list[tuple[list[str], str | None]]:
    """Consecutive people with the same position (or with none) form one group."""
    groups: list[tuple[list[str], str | None]] = []
    for person, position in people:
        if groups and groups[-1][1] == position:
            groups[-1][0].append(person)
        else:
            groups.append(([person], position))
    return groups


def _group_text(names: list[str], position: str | None, case: str) -> str:
    listed = ", ".join(names)
    return f"{listed}, {decline_phrase(position, case, plural=len(names) > 1)}" if position else listed


def people_groups(people: Sequence[tuple[str, str | None]], case: str = "nom") -> list[str]:
    """Consecutive people with the same position share it, in the plural when more than one.

    [(«Бобров В.С.», «заместитель директора»), («Воропаева Е.В.», «заместитель
    директора»), («Быков Ю.В.», «советник»)] → [«Бобров В.С., Воропаева Е.В.,
    заместители директора», «Быков Ю.В., советник»]. Names come already in
    ``case``; a person without a position is a group of names alone.
    """
    return [_group_text(names, position, case) for names, position in _groups(people)]


def responsible_lines(people: Sequence[tuple[str, str | None]], case: str = "nom") -> list[str]:
    """The groups of :func:`people_groups` as the paragraphs of a responsible cell.

    A group that ends in its position closes its paragraph, so that «Вайткене
    О.В., заместитель директора» / «Быков Ю.В., советник» never run together
    into «… заместитель директора Быков Ю.В.». Names listed without a position
    run on with a comma into the next group, as seed 003 prints the director
    before her deputies («Лисичкина Г.А., Бобров В.С., …, заместители
    директора»).
    """
    lines: list[str] = []
    pending = ""
    for names, position in _groups(people):
        text = (pending + ", " if pending else "") + _group_text(names, position, case)
        pending = "" if position else text
        if position:
            lines.append(text)
    if pending:
        lines.append(pending)
    return lines


def position_with_names(position: str, names: Sequence[str], case: str) -> str:
    """«заместителям директора (Воропаевой Е.В., Изотовой А.И.)»: executors addressed through their position.

    The position takes the plural when more than one person holds it; the names
    come already in ``case``.
    """
    return f"{decline_phrase(position, case, plural=len(names) > 1)} ({', '.join(names)})"




__all__ = [
    "CASES", "CASE_RU", "FORMS", "decline_phrase", "decline_name", "decline_surname", "gender_of",
    "responsible_lines", "people_groups", "position_with_names", "initials_of", "name_problems",
    "unknown_words", "upper_first", "document_form", "lower_common_start", "phrase_doubts",
]
