"""Reference spans in order texts: «[[id]]» or «[[id|дат|+должность]]» → a person or body in the right case.

A clerk writes a person or a party once in the directory and names them in the
order by id, asking for the case the sentence needs: «Назначить школьным
координатором реализации Дорожной карты [[voropaeva|вин|+должность]].» →
«… Воропаеву Е.В., заместителя директора.». This is not a template language: a
regex finds the spans, the modifiers come from a fixed list, nothing is
evaluated, and any other text (``{{ }}`` included) is left exactly as written.

Modifiers, in any order: a case (им — the default, род, дат, вин, тв, пр); for
people a form (кратко — «Фамилия И.О.», the default; фио — «Фамилия Имя
Отчество»; подпись — «И.О. Фамилия»); «+должность» → «<имя>, <должность>»,
«должность+» → «<должность> <имя>», the position in the same case; «мн» → the
plural of a party's name or a position.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .declension import CASE_RU, decline_name, decline_phrase, upper_first
from .lazyre import precompiled
from .slotted import FrozenSlotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Any

FORM_RU = {"кратко": "short", "фио": "full", "подпись": "signature"}
POSITION_RU = {"+должность": "after", "должность+": "before"}
PLURAL_RU = "мн"
ALLOWED = (*CASE_RU, *FORM_RU, *POSITION_RU, PLURAL_RU)

_SPAN = precompiled(r"\[\[([^\[\]|\n]*)((?:\|[^\[\]|\n]*)*)\]\]")
_OPEN = precompiled(r"\[\[")
_TWICE_RU = {"case": "падеж указан", "form": "вид имени указан", "position": "место должности указано"}
_SENTENCE_END = precompiled(r"(?:\A\s*|(?<!\b\w)[.!?]\s+)\Z")  # not after initials «Е.В. » or «г. »


class RefSpan(FrozenSlotted):
    """One «[[…]]» span: where it is (offsets into the text) and what it asks for."""

    __slots__ = ("start", "end", "key", "case", "form", "position", "plural", "raw")
    start: int
    end: int
    key: str
    case: str
    form: str
    position: str  # "" | "after" | "before"
    plural: bool
    raw: str

    def __init__(
        self,
        start: int,
        end: int,
        key: str,
        case: str = "nom",
        form: str = "short",
        position: str = "",
        plural: bool = False,
        raw: str = "",
    ) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "case", case)
        object.__setattr__(self, "form", form)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "plural", plural)
        object.__setattr__(self, "raw", raw)


def find_refs(text: str) -> tuple[list[RefSpan], list[str]]:
    """The spans of ``text`` and the Russian problems found in them (unknown or conflicting modifiers).

    A span with a bad modifier is still returned, with the default for what
    could not be read, so that a caller can report every problem at once.
    """
    spans, located = _scan(text)
    return spans, [message for _, message in located]


def ref_problems(text: str) -> list[tuple[int, str]]:
    """The same problems as :func:`find_refs`, each with its offset in ``text`` (for file:line:col)."""
    return _scan(text)[1]


def _scan(text: str) -> tuple[list[RefSpan], list[tuple[int, str]]]:
    spans: list[RefSpan] = []
    problems: list[tuple[int, str]] = []
    covered: set[int] = set()
    for match in _SPAN.finditer(text):
        span, messages = _parse(match)
        spans.append(span)
        problems.extend((match.start(), message) for message in messages)
        covered.update(range(match.start(), match.end()))
    for opening in _OPEN.finditer(text):
        if opening.start() not in covered:
            problems.append((opening.start(), "ссылка «[[» не закрыта: ожидается «[[id]]» или «[[id|дат]]»"))
    return spans, sorted(problems)


def _parse(match: re.Match[str]) -> tuple[RefSpan, list[str]]:
    """Read one span's id and modifiers; every modifier category may appear once."""
    raw = match.group(0)
    key = match.group(1).strip()
    problems = [] if key else [f"в ссылке «{raw}» не указан код или id из справочника"]
    chosen: dict[str, tuple[str, str]] = {}  # category → (modifier as written, value)
    plural = False
    for modifier in (m.strip() for m in match.group(2).split("|")[1:]):
        category, value = _modifier(modifier.lower())
        if category is None:
            problems.append(
                f"неизвестный модификатор «{modifier}» в ссылке «{raw}»: допустимы {', '.join(ALLOWED)}"
            )
        elif category == "plural":
            plural = True
        elif category in chosen and chosen[category][1] != value:
            problems.append(
                f"в ссылке «{raw}» {_TWICE_RU[category]} дважды: «{chosen[category][0]}» и «{modifier}»"
            )
        else:
            chosen.setdefault(category, (modifier, value))
    span = RefSpan(
        start=match.start(), end=match.end(), key=key,
        case=chosen.get("case", ("", "nom"))[1], form=chosen.get("form", ("", "short"))[1],
        position=chosen.get("position", ("", ""))[1], plural=plural, raw=raw,
    )
    return span, problems


def _modifier(word: str) -> tuple[str | None, str]:
    if word in CASE_RU:
        return "case", CASE_RU[word]
    if word in FORM_RU:
        return "form", FORM_RU[word]
    if word in POSITION_RU:
        return "position", POSITION_RU[word]
    if word == PLURAL_RU:
        return "plural", ""
    return None, ""


def expand_refs(text: str, resolver: Callable[[RefSpan], str], sentence_start: bool = True) -> str:
    """``text`` with every span replaced by ``resolver(span)``; everything outside the spans is kept as is.

    A replacement that starts a sentence (the text's start, or after «. », «! »,
    «? ») gets a capital first letter: a position or a body name is stored in the
    directory as it reads mid-sentence. A replacement ending in initials takes the
    sentence's full stop for its own, as the seeds print «… Гривусевич Г.В.».
    With ``sentence_start`` false the text continues a sentence (a list item
    after a colon: «1) директору МАОУ …», «– главного специалиста …»), so its
    start is not capitalised.
    """
    spans, _ = find_refs(text)
    result = ""
    done = 0
    for span in spans:
        result += text[done:span.start]
        value = resolver(span)
        starts = _SENTENCE_END.search(result) and (sentence_start or result.strip())
        result += upper_first(value) if starts else value
        done = span.end
        if value.endswith(".") and text.startswith(".", done):
            done += 1  # «… Гривусевич Г.В.» ends the sentence with the initials' own dot
    return result + text[done:]


def person_phrase(person: Any, span: RefSpan) -> str:
    """A directory person (orderforge.planmodel.Person) as the span asks: name form, case, position before or after.

    The position reads mid-sentence, so its first letter is lowered unless it is
    an abbreviation («Председатель комитета» in the directory, for the signature,
    → «на председателя комитета» in the text).
    """
    name = decline_name(
        person.surname, person.name, person.patronymic, person.initials, person.gender,
        span.case, span.form, getattr(person, "forms", None),
    )
    if not span.position or not person.position:
        return name
    position = decline_phrase(
        _running_text(person.position), span.case, span.plural, getattr(person, "position_forms", None),
    )
    return f"{name}, {position}" if span.position == "after" else f"{position} {name}"


def party_phrase(party: Any, span: RefSpan) -> str:
    """A directory party (orderforge.planmodel.Party) by its full name in the span's case and number."""
    return decline_phrase(party.name, span.case, span.plural, getattr(party, "forms", None))


def span_problems(span: RefSpan, entry: Any) -> list[str]:
    """Russian problems of a span that only the directory entry reveals (for validate).

    A party has no name form nor position; a person asked with a position needs
    one in the directory, and «фио» needs the given name.
    """
    if not hasattr(entry, "surname"):  # a party
        if span.form != "short" or span.position:
            return [f"в ссылке «{span.raw}» «{span.key}» — организация: модификаторы "
                    "«фио», «подпись», «+должность» и «должность+» относятся только к людям"]
        return []
    problems = []
    if span.position and not entry.position:
        problems.append(f"в ссылке «{span.raw}» нужна должность, а у «{span.key}» в справочнике её нет (position)")
    if span.form == "full" and not entry.name:
        problems.append(f"в ссылке «{span.raw}» нужно полное имя, а у «{span.key}» в справочнике нет имени (name)")
    return problems


def _running_text(position: str) -> str:
    """«Председатель комитета» → «председатель комитета»; «МКУ …» and other abbreviations stay."""
    first = position.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return position
    return position[:1].lower() + position[1:]
