"""People in a case: surnames, given names and patronymics, with the gender that decides their endings.

People are inflected with pytrovich, the port of the petrovich rules (the same
rule set as petrovich-ruby/-js/-java). It was chosen over the other port,
«petrovich» (damirazo): pytrovich is the one kept up to date — its 2026 release
refreshed the rules with the upstream fixes of 2020–2024, handles Ё, capitals,
hyphenated surnames and indeclinable names, ships type hints and has no
dependencies — whereas «petrovich» 2.0.1, the last release that runs on
Python < 3.12, dates from 2019 and its 3.0 requires Python 3.12.

The library is imported lazily through the cached loader :func:`_names`.
For one person the rules get wrong, an explicit override in the directory
(``forms``) always wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from .cases import FORMS, GRAMMEME, check_case, override
from .morphology import common_noun, inflect_simple_noun, like

TYPE_CHECKING = False
if TYPE_CHECKING:  # the library itself loads lazily, see _names()
    from pytrovich.maker import PetrovichDeclinationMaker

_FEMALE_SURNAME = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")
_MALE_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый", "ий")
# Surnames that do not decline whatever the gender: Потапенко, Вайткене, Петрайтите, Черных, Живаго.
_INDECLINABLE = ("ко", "ене", "ёне", "айте", "ите", "уте", "юте", "их", "ых", "аго", "яго", *"оеэиыую")


def _ends(word: str, endings: tuple[str, ...]) -> bool:
    """Whether the word ends with one of the endings (a trailing line break aside, as a regex «$» read it).
    str.endswith, not a regex: compiling three alternations of Cyrillic cost validate 1.5 ms at start-up."""
    return word.removesuffix("\n").endswith(endings)


@lru_cache(maxsize=1)
def _names() -> PetrovichDeclinationMaker:
    """The pytrovich inflector of Russian names, built once and only when needed."""
    try:
        from pytrovich.maker import PetrovichDeclinationMaker
    except ImportError as error:
        raise RuntimeError("для склонения фамилий нужен пакет pytrovich: pip install pytrovich") from error
    return PetrovichDeclinationMaker()


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
    if any(_ends(part, _FEMALE_SURNAME) for part in parts):  # «Новикова-Прибой» is a woman's surname
        return "f"
    if any(_ends(part, _MALE_SURNAME) for part in parts):
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
    check_case(case)
    if case == "nom":
        return surname
    parts = surname.split("-")
    return "-".join(_decline_surname_part(part, gender, case, i == len(parts) - 1, len(parts) > 1)
                    for i, part in enumerate(parts))


@lru_cache(maxsize=4096)
def _decline_surname_part(part: str, gender: str | None, case: str, last: bool, compound: bool = False) -> str:
    """One part; the gender binds only the last part, as in petrovich (the indeclinable «Бонч» of «Бонч-Бруевич»)."""
    lowered = part.lower()
    if _ends(lowered, _INDECLINABLE) or (gender == "f" and not lowered.endswith(("а", "я"))):
        return part
    if gender is None:
        gender = "f" if _ends(lowered, _FEMALE_SURNAME) else "m" if _ends(lowered, _MALE_SURNAME) else None
        if gender is None:
            return part
    # the rules are written for «Иванова», not «ИВАНОВА»: decline the usual spelling, then restore the capitals
    usual = lowered.capitalize()
    if compound and last and gender == "m":
        noun = common_noun(lowered)  # «Новиков-Прибой»: the second part is the noun «прибой» → «Прибоя»
        if noun is not None and lowered.endswith(("ой", "ий", "ый")):
            return like(part, inflect_simple_noun(noun, GRAMMEME[case], "sing"))
    return like(part, _petrovich("LASTNAME", gender, case, usual, known=last))


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
    check_case(case)
    if form not in FORMS:
        raise ValueError(f"неизвестная форма имени «{form}»: допустимы {', '.join(FORMS)}")
    sex = gender_of(surname, name, patronymic, gender)
    forced = override(overrides, case)
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
            common_noun(part.lower()) is not None and part.lower().endswith(("ой", "ий", "ый"))
            for part in surname.split("-")[1:]):
        problems.append(
            f"вторая часть фамилии «{surname}» склонена как нарицательное слово (родительный падеж: "
            f"«{decline_surname(surname, 'm', 'gen')}»): проверьте падежные формы и при необходимости задайте их "
            "в справочнике (forms)"
        )
    elif sex == "m" and not overrides and not _ends(surname.lower(), _INDECLINABLE):
        if decline_surname(surname, "m", "gen") == surname:
            problems.append(
                f"фамилия «{surname}» не склоняется по известным правилам: проверьте её падежные формы "
                "и при необходимости задайте их в справочнике (forms)"
            )
    return problems
