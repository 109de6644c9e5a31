"""The responsible cells of each activity, parsed.

A responsible cell is split into people («Фамилия И.О.», «И.О.
Фамилия»), the positions after them (taken when their grammatical number agrees,
plurals made singular: :func:`singular_position`), party codes («КлО») and
party names, split where a second head noun starts (:func:`split_party_names`);
parties without a code get an abbreviation (:func:`abbreviation`). What is found
is registered in the directory being built by :mod:`.resolving`, which reads the deadlines too.
"""

from __future__ import annotations

import re

from ..lazyre import LazyPattern, pattern_for
from ..slotted import Slotted
from .text import _key

_SMALL_WORDS = {"и", "в", "во", "на", "по", "с", "со", "для", "о", "об", "при", "к", "из", "от", "до", "за", "а"}


def abbreviation(name: str) -> str:
    """«Управление образования» → УО; «учителя-предметники» → УП; codes inside are kept («… ВПР»)."""
    letters = []
    for word in pattern_for(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*").findall(name):
        if word.lower() in _SMALL_WORDS:
            continue
        if _is_code(word):
            letters.append(word)
            continue
        letters.extend(part[0].upper() for part in word.split("-") if part)
    code = "".join(letters)[:12]
    return code or "ОРГ"


_CODE = LazyPattern(r"^[A-ZА-ЯЁ0-9][A-Za-zА-Яа-яЁё0-9]*(?:-[A-Za-zА-Яа-яЁё0-9]+)?$")


def _is_code(token: str) -> bool:
    """«КлО», «ЦОРП», «ОО», «МБОУ» — short, at least two capitals, no lowercase run longer than one letter."""
    if not _CODE.match(token) or len(token) > 12:
        return False
    capitals = sum(1 for ch in token if ch.isupper())
    return capitals >= 2 and not re.search(r"[a-zа-яё]{2,}", token)


_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON_SI = LazyPattern(rf"^(?P<s>{_SURNAME})\s+(?P<i>{_INITIALS})$")
_PERSON_IS = LazyPattern(rf"^(?P<i>{_INITIALS})\s?(?P<s>{_SURNAME})$")
_PERSON_FULL = LazyPattern(
    rf"^(?P<s>{_SURNAME})\s+(?P<n>[А-ЯЁ][а-яё]+)\s+(?P<p>[А-ЯЁ][а-яё]+(?:вна|чна|ична|вич|ич|оглы|кызы))$"
)
_PERSON_LEAD = LazyPattern(rf"^(?P<s>{_SURNAME})\s+(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s*[-–—]?\s*(?P<rest>.+)$")
_PERSON_TAIL = LazyPattern(rf"^(?P<rest>.+?)\s*[-–—]?\s+(?P<s>{_SURNAME})\s+(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)$")

#: Plural endings of the head noun → singular («заместители» → «заместитель»).
_PLURAL_NOUN = (("ители", "итель"), ("тели", "тель"), ("ели", "ель"), ("ники", "ник"), ("исты", "ист"),
                ("торы", "тор"), ("оры", "ор"), ("теля", "тель"), ("ены", "ен"), ("ры", "р"), ("ги", "г"),
                ("ки", "к"), ("ты", "т"))
_POSITION_STEMS = (
    "заместител", "директор", "советник", "учител", "педагог", "методист", "специалист", "руководител",
    "начальник", "заведующ", "председател", "координатор", "секретар", "инспектор", "психолог",
    "библиотекар", "воспитател", "консультант", "эксперт", "тьютор", "логопед", "дефектолог", "главн",
    "ведущ", "старш", "социальн", "классн", "член", "преподавател", "куратор", "наставник", "помощник",
    "делопроизводител", "бухгалтер", "юрисконсульт", "инженер", "администратор", "завуч", "ответственн",
)
#: Nominative head nouns that start a new party inside one line («… методический кабинет»).
_HEAD_NOUNS = {
    "управление", "отдел", "комитет", "кабинет", "центр", "служба", "администрация", "школа", "гимназия",
    "лицей", "комиссия", "группа", "совет", "сектор", "департамент", "министерство", "учреждение",
    "объединение", "библиотека", "институт", "университет", "колледж", "штаб",
}
_ADJECTIVE_END = ("ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые")


def _is_position_word(word: str) -> bool:
    return word.lower().startswith(_POSITION_STEMS) or word.lower() in _POSITION_ABBREVIATIONS


#: Abbreviated position words, written out in a person's position (the build declines the full word).
_POSITION_ABBREVIATIONS = {"зам.": "заместитель", "зам": "заместитель", "нач.": "начальник", "рук.": "руководитель"}


def full_position(text: str) -> str:
    """«зам. директора по УВР» → «заместитель директора по УВР» (capital kept: «Зам.» → «Заместитель»)."""
    first, _, rest = text.partition(" ")
    full = _POSITION_ABBREVIATIONS.get(first.lower())
    if full is None:
        return text
    full = full.capitalize() if first[:1].isupper() else full
    return f"{full} {rest}".strip()


def _head_index(words: list[str]) -> int:
    """The head noun of a position: adjectives in front of another position word are skipped
    («старшие воспитатели», «классные руководители»)."""
    i = 0
    while i + 1 < len(words) and words[i].lower().endswith(_ADJECTIVE_END) and _is_position_word(words[i + 1]):
        i += 1
    return i


def _plural_word(word: str) -> bool:
    low = word.lower().split("-")[-1]
    return low.endswith(tuple(p for p, _ in _PLURAL_NOUN)) or low.endswith(("ные", "щие", "вые", "ие", "ые"))


def position_number(text: str) -> bool | None:
    """True for a plural position («заместители директора»), False for a singular one, None for no position."""
    words = text.split()
    if not words:
        return None
    head = _head_index(words)  # «Технический специалист»: the adjective in front is part of the position
    if not _is_position_word(words[head]):
        return None
    return _plural_word(words[head])


def _singular_word(word: str) -> str | None:
    for plural, singular in _PLURAL_ADJ_NOUN:
        if word.lower().endswith(plural):
            return word[: len(word) - len(plural)] + singular
    return None


#: Plural → singular endings, longest first: nouns, then adjectives used as nouns («ответственные»).
_PLURAL_ADJ_NOUN = tuple(sorted(_PLURAL_NOUN + (("ующие", "ующий"), ("ящие", "ящий"), ("ские", "ский"),
                                                ("ные", "ный"), ("вые", "вый"), ("ие", "ий"), ("ые", "ый")),
                                key=lambda pair: -len(pair[0])))


def singular_position(text: str) -> tuple[str, bool]:
    """«заместители директора» → («заместитель директора», True); (text, False) when no rule applies.

    Only the head noun and the adjectives before it change («старшие воспитатели» → «старший
    воспитатель»); the rest («директора», «Управления образования») is already in the genitive.
    Hyphenated heads change in every part («учителя-предметники» → «учитель-предметник»).
    """
    words = text.split()
    head = _head_index(words)
    out = list(words)
    for i in range(head + 1):
        parts: list[str] = []
        for part in words[i].split("-"):
            single = _singular_word(part) if i < head or part.lower().startswith(_POSITION_STEMS) or parts else None
            if single is None and i == head and parts == [] and len(words[i].split("-")) == 1:
                return text, False
            parts.append(single or part)
        out[i] = "-".join(parts)
    return " ".join(out), out != words


class Found(Slotted):
    """One responsible found in a cell, before it is registered."""

    __slots__ = ("kind", "value", "surname", "initials", "name", "patronymic", "position")
    kind: str  # "person" | "code" | "name"
    value: str
    surname: str
    initials: str
    name: str
    patronymic: str
    position: str

    def __init__(self, kind: str, value: str = "", surname: str = "", initials: str = "", name: str = "",
                 patronymic: str = "", position: str = "") -> None:
        self.kind, self.value, self.surname, self.initials = kind, value, surname, initials
        self.name, self.patronymic, self.position = name, patronymic, position


def _split_segments(line: str) -> list[str]:
    """Split at commas and semicolons outside parentheses and quotes."""
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, 0
    for at, ch in enumerate(line):
        if ch in "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        if ch in ",;" and depth == 0 and quote == 0 and not (ch == "," and _digit_follows(line, at)):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() if pattern_for(r"[А-ЯЁ]\.$").search(p.strip()) else p.strip(" .") for p in parts if p.strip(" .")]


def _digit_follows(line: str, at: int) -> bool:
    """«Классные руководители 9, 11 классов»: a comma between numbers lists classes, not parties."""
    return line[at + 1:].lstrip()[:1].isdigit() and line[:at].rstrip()[-1:].isdigit()


def _person(segment: str) -> Found | None:
    s = segment.strip()
    for rx in (_PERSON_SI, _PERSON_IS):
        m = rx.match(s)
        if m:
            initials = re.sub(r"\s", "", m.group("i"))
            if not initials.endswith("."):
                initials += "."
            return Found("person", surname=m.group("s"), initials=initials)
    m = _PERSON_FULL.match(s)
    if m:
        return Found("person", surname=m.group("s"), name=m.group("n"), patronymic=m.group("p"))
    return None


def _adjective(word: str) -> bool:
    low = word.lower()
    return low.endswith(_ADJECTIVE_END) and low not in _HEAD_NOUNS


def split_party_names(text: str, standalone_codes: set[str]) -> list[str]:
    """«Управление образования методический кабинет ОО» → three names.

    A new name starts at a second nominative head noun (with the adjectives in
    front of it): «… образования | методический кабинет»; a joining «и» is
    dropped. A trailing code is split off only when the document also uses it
    alone in a responsible cell, so «Школьный координатор ВПР» stays whole.
    """
    words = text.split()
    if len(words) > 1 and all(_is_code(w) for w in words):
        return words
    tail: list[str] = []
    # «методический кабинет ОО» → a party and the code; «Администрация ОУ» stays whole: a lone
    # «Администрация» would name no one, the code is its complement
    while len(words) > 2 and words[-1] in standalone_codes and not _is_code(words[-2]):
        tail.insert(0, words.pop())
    starts = [0]
    for i in range(1, len(words)):
        if words[i].lower().strip("«»\"") not in _HEAD_NOUNS:
            continue
        start = i
        while start - 1 > starts[-1] and _adjective(words[start - 1]):
            start -= 1
        previous = words[start - 1].lower()
        if start - 1 <= starts[-1] and previous != "и":
            continue  # «Методический кабинет»: the head's own adjective, not a new name
        if previous in ("при", "в", "во", "с", "со", "по", "для", "на", "к", "о", "об"):
            continue
        starts.append(start)
    names = []
    for a, b in zip(starts, starts[1:] + [len(words)], strict=False):
        chunk = words[a:b]
        if chunk and chunk[-1].lower() == "и" and b != len(words):
            chunk = chunk[:-1]
        if chunk:
            names.append(" ".join(chunk))
    return names + tail


def parse_responsible(lines: list[str], standalone_codes: set[str],
                      known: frozenset[str] = frozenset()) -> tuple[list[Found], list[str]]:
    """Parties and people of one cell, in order; and notes for warnings (positions left as found).

    A position after a run of people («Воропаева Е.В., Изотова А.И., заместители директора»)
    is theirs when its grammatical number agrees with how many they are; otherwise
    («Самойлова А.Л., руководители общеобразовательных организаций») it is a party of its own.
    """
    parser = _ResponsibleParser(standalone_codes, known)
    for line in _join_broken_positions(lines, known):
        if _key(line) in known:
            parser.descriptor(line)
            continue
        for segment in _split_segments(line):
            parser.segment(segment)
    return parser.found, parser.notes


def _join_broken_positions(lines: list[str], known: frozenset[str]) -> list[str]:
    """«заместитель» / «директора»: one word continuing a position broken over two lines is glued back."""
    joined: list[str] = []
    for line in lines:
        if joined and re.fullmatch(r"[а-яё]+", line) and _key(line) not in known and _genitive_word(line) \
                and _is_position_word(joined[-1].split()[-1]) and not joined[-1].endswith(","):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


class _ResponsibleParser:
    """The state of reading one cell: what was found, and the people still waiting for their position.

    A class rather than one long function so each kind of segment has its own short method.
    """

    def __init__(self, standalone_codes: set[str], known: frozenset[str]) -> None:
        self.codes = standalone_codes
        self.known = known
        self.found: list[Found] = []
        self.notes: list[str] = []
        self.pending: list[Found] = []

    def descriptor(self, text: str) -> None:
        """A position for the pending people when its number agrees with theirs, else a party of its own."""
        plural = position_number(text)
        abbreviated = text.split()[0].lower() in _POSITION_ABBREVIATIONS  # «зам.»: one or several
        if self.pending and plural is not None and (plural == (len(self.pending) > 1) or abbreviated):
            position = text
            if plural and not abbreviated:
                position, ok = singular_position(text)
                if not ok:
                    self.notes.append(f"должность «{text}» оставлена как в документе (во множественном числе)")
            for person in self.pending:
                if not person.position:
                    person.position = full_position(position)
            self.pending = []
            return
        self.pending = []
        if _key(text) in self.known:  # a name the directory already has: taken whole, never split
            self.found.append(Found("name", value=text))
            return
        for name in split_party_names(text, self.codes):
            self.found.append(Found("code", value=name) if _is_code(name) else Found("name", value=name))

    def segment(self, segment: str) -> None:
        """One comma-separated piece: a parenthesised group, a person, a person with a position, or a party."""
        inner = _parenthesised(segment, self.codes, self.known)
        if inner is not None:
            self.found.extend(inner)
            self.pending = []
            return
        person = _person(segment)
        if person is not None:
            self.found.append(person)
            self.pending.append(person)
            return
        if self._lead_person(segment) or self._tail_person(segment):
            return
        self.descriptor(segment)

    def _lead_person(self, segment: str) -> bool:
        """«Иванов И.И. — директор»: the person, then the position; False when the segment is not that."""
        lead = _PERSON_LEAD.match(segment)
        if lead and position_number(lead.group("rest")) is not None:
            person = _person(f"{lead.group('s')} {lead.group('i')}")
            if person is not None:
                self.found.append(person)
                self.pending = [person]
                self.descriptor(lead.group("rest"))
                return True
        return False

    def _tail_person(self, segment: str) -> bool:
        """«директор Иванов И.И.»: a position (or a party) before the person; False when not that."""
        tail = _PERSON_TAIL.match(segment)
        person = _person(f"{tail.group('s')} {tail.group('i')}") if tail else None
        if not (tail and person is not None):
            return False
        rest = tail.group("rest")
        plural = position_number(rest)
        if self.pending and plural is not None and plural == (len(self.pending) > 1):
            # «…, заместитель директора Быков Ю.В., советник»: the position closes the group
            # before it, the name opens the next one (orderforge's «grouped» cells, seed 003)
            self.descriptor(rest)
            self.found.append(person)
            self.pending = [person]
            return True
        if not self.pending and plural is False:  # «директор Иванов И.И.», «Технический специалист Попов Д.А.»
            person.position = full_position(_common_case(rest))
            self.found.append(person)
            return True
        self.descriptor(rest)
        self.found.append(person)
        self.pending = [person]
        return True


_PARENTHESISED = LazyPattern(r"^(?P<out>[^()]+?)\s*\((?P<in>[^()]+)\)$")


def _genitive_word(word: str) -> bool:
    """«директора», «учреждений»: a word that completes a position broken over two lines; «наставляемые»
    (a nominative plural) is a party of its own on its own paragraph."""
    return word.endswith(("а", "я", "ов", "ев", "ей", "ых", "их", "ии", "ия"))


def _common_case(position: str) -> str:
    """«Технический специалист» at the start of a cell → «технический специалист»; «ИТ-специалист»,
    «МКУ …» keep their capitals."""
    first = position.split(" ", 1)[0]
    return position[:1].lower() + position[1:] if first[1:2].islower() else position


def _parenthesised(segment: str, standalone_codes: set[str], known: frozenset[str]) -> list[Found] | None:
    """«Иванова И.И. (зам. директора по УВР)» → the person with that position; «МКУ «ИМЦ»
    (Соколова Т.В.)» → the party and the person. None when the segment is not of that shape
    or neither side is a person (a party's own note in parentheses stays part of its name)."""
    m = _PARENTHESISED.match(segment.strip())
    if not m:
        return None
    outside, inside = m.group("out").strip(" ,;–—-"), m.group("in").strip()
    person = _person(outside)
    if person is not None and position_number(inside) is not None:
        person.position = full_position(inside)
        return [person]
    inner, _ = parse_responsible([inside], standalone_codes, known)
    if person is None and inner and all(f.kind == "person" for f in inner):
        party, _ = parse_responsible([outside], standalone_codes, known)
        return party + inner
    return None


def _parse_cell(lines: tuple[str, ...], standalone: set[str], known: frozenset[str]) -> tuple[list[Found], list[str]]:
    """:func:`parse_responsible` of one cell, for :func:`~.resolving.prepare_cells` to keep (read, never changed)."""
    return parse_responsible(list(lines), standalone, known)
