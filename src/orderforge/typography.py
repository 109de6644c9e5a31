"""Russian typography, applied once to every string that goes into a document.

Clerks type straight quotes, hyphens for dashes and ordinary spaces after «№»;
officials expect «ёлочки», « – » and non-breaking spaces where a line must not
break (ГОСТ Р 7.0.97 practice). Doing it at one point, at render time, keeps
the YAML readable and the output consistent.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"  # in Times New Roman and Liberation Serif; Word and LibreOffice never break at it

_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)»])")
_HYPHEN_DASH = re.compile(r"(?<=\S) +[-—] +(?=\S)")
_NUMERO = re.compile(r"№ *(?=\S)")
_CITY = re.compile(r"\b(г|пос|с|д|ул|пр|пер)\. +(?=[А-ЯЁ])")
_YEAR_SUFFIX = re.compile(r"(\d{4}) *(гг?\.|года?\b|годы\b)")
_INITIALS_BEFORE = re.compile(r"\b([А-ЯЁ]\.) ?([А-ЯЁ]\.) +(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(r"(?<=[а-яё]) +([А-ЯЁ]\.) ?([А-ЯЁ]\.)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
# «2026-2028 годы», «№ 304-ФЗ», «ГИА-2025»: a hyphen after a digit (or before one, after capitals)
# must not end a line and leave «2028 годы» or «ФЗ» alone at the start of the next.
_HYPHEN_IN_NUMBER = re.compile(r"(?<=\d)-(?=\w)|(?<=[А-ЯЁ])-(?=\d)")


_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def squeeze(text: str) -> str:
    """Runs of ordinary spaces, tabs and line breaks as one space, ends trimmed.

    Not ``" ".join(text.split())``: that also eats the no-break spaces a clerk
    put on purpose («10 000», «т. е.») — robustness notes: keep NBSP, ZWSP and
    soft hyphens as written.
    """
    return _ASCII_SPACE.sub(" ", text).strip(" ")


def shorten(text: str, limit: int = 50) -> str:
    """``text`` cut to ``limit`` characters with «…», for quoting a clerk's text inside a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def upper_first(text: str) -> str:
    """The first letter capitalised, the rest as written («заместителям» → «Заместителям» at a sentence start)."""
    return text[:1].upper() + text[1:]


def typeset(text: str) -> str:
    """Apply the rules in an order that is safe to repeat (typeset(typeset(x)) == typeset(x))."""
    if not text:
        return text
    text = _STRAIGHT_QUOTES.sub(lambda m: f"«{m.group(1)}»", text)
    text = _HYPHEN_DASH.sub(" – ", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _NUMERO.sub("№" + NBSP, text)
    text = _CITY.sub(lambda m: f"{m.group(1)}.{NBSP}", text)
    text = _YEAR_SUFFIX.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    text = _INITIALS_BEFORE.sub(lambda m: f"{m.group(1)}{m.group(2)}{NBSP}", text)
    text = _INITIALS_AFTER.sub(lambda m: f"{NBSP}{m.group(1)}{m.group(2)}", text)
    text = text.replace(" – ", NBSP + "– ")
    text = _HYPHEN_IN_NUMBER.sub(NB_HYPHEN, text)
    return text


def plain(text: str) -> str:
    """Undo what typeset adds that a reader cannot see (for text comparison in tests and diff)."""
    return text.replace(NBSP, " ").replace(NB_HYPHEN, "-")
