"""Russian typography, applied once to every string that goes into a document.

Clerks type straight quotes, hyphens for dashes and ordinary spaces after «№»;
officials expect «ёлочки», « – » and non-breaking spaces where a line must not
break (ГОСТ Р 7.0.97 practice). Doing it at one point, at render time, keeps
the YAML readable and the output consistent.
"""

from __future__ import annotations

from functools import lru_cache

from .lazyre import LazyPattern

NBSP = "\u00a0"
#: U+2011. Never put into a document: a clerk's ``grep 7-р`` over ``orderforge text`` (and Word's own
#: search) must find what was typed, so typeset turns any no-break hyphen back into a hyphen-minus.
NB_HYPHEN = "\u2011"
#: Texts :func:`typeset` remembers (least recently used forgotten first): bounded, so a 5,000-activity
#: plan's unique paragraphs do not stay in memory twice.
TYPESET_MEMORY = 1024

_SPACES = LazyPattern(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = LazyPattern(r" +([,.;:!?)»“])")
_HYPHEN_DASH = LazyPattern(r"(?<=\S) +[-—] +(?=\S)")
_NUMERO = LazyPattern(r"(?<!№)(№+) *(?=[^\s№])")  # «№№ 1, 2» keeps its doubled sign
# «г.Калининград», «г. Калининград» → «г. Калининград»; a glued name gets its space too
_CITY = LazyPattern(r"(?<![\w.])(г|пос|с|д|ул|пр|пер)\. *(?=[А-ЯЁ][а-яё])")
# «п. 3», «ст.5», «ч. 2», «пп. 1–3»: a reference to a clause is never left at a line end without its number
_CLAUSE = LazyPattern(r"(?<![\w.])(пп|п|ст|ч|подп|гл|разд)\. *(?=\d)")
_YEAR_SUFFIX = LazyPattern(r"(\d{4}) *(гг?\.|года?\b|годы\b)")
_INITIALS_BEFORE = LazyPattern(r"(?<![\w.])([А-ЯЁ]\.) ?([А-ЯЁ]\.) *(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = LazyPattern(r"(?<=[а-яё]) +([А-ЯЁ]\.) ?([А-ЯЁ]\.)")
# «2026-2028», «2026 — 2028», «2026‑2028»: one form for a range of years, an en dash without spaces
_YEAR_RANGE = LazyPattern(
    r"(?<![\w.,/\-‑])((?:19|20)\d\d)(?:[ \u00a0]*[-‐‑‒–—][ \u00a0]*)((?:19|20)\d\d)(?![\w\-‑]|[.,]\d)")

_OPEN_AFTER = " \t\n\u00a0([{«„–—-/"  # a straight quote after these opens a quotation
_OUTER = ("«", "»")
_INNER = ("„", "“")


_ASCII_SPACE = LazyPattern(r"[ \t\r\n\f\v]+")


def squeeze(text: str) -> str:
    """Runs of ordinary spaces, tabs and line breaks as one space, ends trimmed.

    Not ``" ".join(text.split())``: that also eats the no-break spaces a clerk
    put on purpose («10 000», «т. е.») — robustness notes: keep NBSP, ZWSP and
    soft hyphens as written.
    """
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        return _ASCII_SPACE.sub(" ", text).strip(" ")
    return text.strip(" ")  # no run to squeeze: the usual line costs a few scans, not a regex substitution


def shorten(text: str, limit: int = 50) -> str:
    """``text`` cut to ``limit`` characters with «…», for quoting a clerk's text inside a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def upper_first(text: str) -> str:
    """The first letter capitalised, the rest as written («заместителям» → «Заместителям» at a sentence start)."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=TYPESET_MEMORY, typed=True)  # a str subclass (Markup) keeps its own answer
def typeset(text: str) -> str:
    """Apply the rules in an order that is safe to repeat (typeset(typeset(x)) == typeset(x)).

    Each rule runs only when the text holds what it needs (a dash, «№», a dot…): a build typesets every
    paragraph of every activity, and most rules find nothing in most of them. The answer depends on the
    text alone, so the most recent ones are remembered: a plan's deadlines, responsible parties and
    repeated phrases are typeset once, not once per activity.
    """
    if not text:
        return text
    text = text.replace(NB_HYPHEN, "-")
    text = curl_quotes(text)
    if ("19" in text or "20" in text) and any(d in text for d in _RANGE_DASHES):
        text = _YEAR_RANGE.sub(r"\1–\2", text)
    if " -" in text or " —" in text:
        text = _HYPHEN_DASH.sub(" – ", text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    if _SPACE_PUNCT.search(text):
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if "№" in text:
        text = _NUMERO.sub(lambda m: m.group(1) + NBSP, text)
    if "." in text:
        text = _dotted(text)
    if "г." in text or "год" in text:  # every suffix the rule reads holds one of them («г.», «гг.», «год…»)
        text = _YEAR_SUFFIX.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    if "." in text:
        text = _initials(text)
    return text.replace(" – ", NBSP + "– ")


_RANGE_DASHES = "-‐‑‒–—"
_SPACE_PUNCT = LazyPattern(r" [,.;:!?)»“]")  # what _SPACE_BEFORE_PUNCT needs, found without its backtracking
_ABBREVIATION = LazyPattern(r"(?:г|пос|с|д|ул|пр|пер|пп|п|ст|ч|подп|гл|разд)\.")
_INITIAL = LazyPattern(r"[А-ЯЁ]\.")


def _dotted(text: str) -> str:
    """«г. Калининград», «п. 3»: glued with a no-break space (only when such an abbreviation is there)."""
    if not _dot_after(text, _ABBREVIATION_ENDS) or _ABBREVIATION.search(text) is None:
        return text
    text = _CITY.sub(lambda m: f"{m.group(1)}.{NBSP}", text)
    return _CLAUSE.sub(lambda m: f"{m.group(1)}.{NBSP}", text)


def _initials(text: str) -> str:
    """«А.Е. Муха», «Муха А.Е.»: initials glued to the surname (only when there is a capital and a dot)."""
    if not _dot_after(text, _CAPITALS) or _INITIAL.search(text) is None:
        return text
    text = _INITIALS_BEFORE.sub(lambda m: f"{m.group(1)}{m.group(2)}{NBSP}", text)
    return _INITIALS_AFTER.sub(lambda m: f"{NBSP}{m.group(1)}{m.group(2)}", text)


#: The last letters of the abbreviations _ABBREVIATION reads, and the capitals an _INITIAL is.
_ABBREVIATION_ENDS = "гсдлрптч"
_CAPITALS = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁ"


def _dot_after(text: str, letters: str) -> bool:
    """Whether a dot follows one of ``letters``: asked before a regex whose every match is such a pair.

    The dots are found by ``str.find``; the regex (an alternation, or a class first) was tried at every
    offset of every paragraph that has a dot, as most of a plan's do («этап 1.2», «2025/2026 уч. г.»).
    """
    at = text.find(".", 1)
    while at > 0:
        if text[at - 1] in letters:
            return True
        at = text.find(".", at + 1)
    return False


def curl_quotes(text: str) -> str:
    """Straight quotes as «ёлочки», a quotation inside a quotation as „лапки“ (ГОСТ practice).

    A straight quote opens after a space, a bracket, a dash or another opening
    quote and closes elsewhere; the depth counts the «» and „“ already typed,
    so «План мероприятий ("Дорожная карта")» and "План ("Дорожная карта")" both
    come out «План („Дорожная карта“)». A closing quote with nothing open opens
    one instead (the old pairing, for texts that start mid-quotation).
    """
    if '"' not in text:
        return text
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        if char in "«„":
            depth += 1
        elif char in "»“" and depth:
            depth -= 1
        elif char == '"':
            previous = out[-1] if out else ""
            opening = not previous or previous in _OPEN_AFTER or previous in "«„" or depth == 0
            if opening and depth and index + 1 < len(text) and text[index + 1] in " \t\n,.;:!?)»":
                opening = False  # «"» before a space or punctuation closes, whatever precedes it
            if opening:
                char = (_OUTER if depth == 0 else _INNER)[0]
                depth += 1
            else:
                char = (_OUTER if depth == 1 else _INNER)[1]
                depth -= 1
        out.append(char)
    return "".join(out)


def quote_problems(text: str) -> list[tuple[int, str]]:
    """Offsets of quotes that open and never close, or close what was never opened (for a validate warning).

    Straight quotes are counted in pairs; «» and „“ must nest. One exception is
    the printers' rule for quotes that end together: «Об утверждении «Плана»
    writes one closing quote for both, so an outer quote left open after a
    quotation nested in it is not reported. The clerk sees the place in the
    plan and decides; the document is built all the same.
    """
    problems: list[tuple[int, str]] = []
    opened: list[list] = []  # [offset, quote, whether a quotation nested in it was closed]
    straight: list[int] = []
    pairs = {"»": "«", "“": "„"}
    # Only the quotes are visited: a 150-character text has a handful of them, most have none.
    for match in _ANY_QUOTE.finditer(text):
        index, char = match.start(), match.group()
        if char in "«„":
            opened.append([index, char, False])
        elif char in pairs:
            openers = [i for i, entry in enumerate(opened) if entry[1] == pairs[char]]
            if openers:  # what was opened inside it and not closed is reported, the pair itself is fine
                problems.extend((i, f"открывающая кавычка «{c}» не закрыта") for i, c, _ in opened[openers[-1] + 1:])
                del opened[openers[-1]:]
                if opened:
                    opened[-1][2] = True
            elif char == "»":  # «“» also opens English quotations: only a stray «»» is surely wrong
                problems.append((index, f"закрывающая кавычка «{char}» без открывающей"))
        elif char == '"':
            straight.append(index)
    problems.extend((i, f"открывающая кавычка «{c}» не закрыта") for i, c, shared in opened if not shared)
    if len(straight) % 2:
        problems.append((straight[-1], "кавычка «\"» без пары: число прямых кавычек нечётно"))
    return sorted(problems)


_ANY_QUOTE = LazyPattern('[«„»“"]')
_DATE_IN_TEXT = LazyPattern(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w]|\.\d)")


def date_problems(text: str) -> list[tuple[int, str]]:
    """Offsets of dates written in the text that no calendar has («05.20.2020», «31.04.2026»)."""
    problems: list[tuple[int, str]] = []
    if "." not in text:  # every date the pattern reads has its dots
        return problems
    from datetime import date

    for match in _DATE_IN_TEXT.finditer(text):
        day, month, year = (int(x) for x in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            what = f"месяца {month} нет" if not 1 <= month <= 12 else f"в этом месяце нет {day}-го числа"
            problems.append((match.start(), f"дата «{match.group()}» невозможна: {what}"))
    return problems


def plain(text: str) -> str:
    """Undo what typeset adds that a reader cannot see (for text comparison in tests and diff)."""
    return text.replace(NBSP, " ").replace(NB_HYPHEN, "-")
