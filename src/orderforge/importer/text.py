"""Text as a clerk sees it: cleaned lines, comparison keys, latin ids, short quotes.

The lowest layer of the importer: every other module reads cell and paragraph
text through :func:`clean` and compares names and headers by :func:`_key`.
"""

from __future__ import annotations

from functools import lru_cache

from ..lazyre import LazyPattern, pattern_for
from ..typography import shorten

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff\u2060"), None)
#: C0 and C1 controls (U+0080–U+009F: libyaml refuses a plan holding one, NEL ends its line), non-characters,
#: lone surrogates: each becomes a space.
_CONTROL = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = LazyPattern(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


#: Any character :func:`clean` would change (invisible, control, no-break hyphen, a space other than
#: U+0020) or two spaces in a row. Most cell text has none, and then cleaning is only ``strip``.
_UNCLEAN = LazyPattern("[\u200b\u200c\u200d\u00ad\ufeff\u2060\u2011\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
                      "\u00a0\u2000-\u200a\u202f\u205f\u3000]|  ")


#: Texts already cleaned, lined or keyed (a long table repeats its deadlines, responsibles and results in
#: every row, and each cell is asked for several times); emptied when it grows past :data:`_MEMO` texts.
_CLEANED: dict[str, str] = {}
_LINED: dict[str, tuple[str, ...]] = {}
_KEYED: dict[str, str] = {}
_MEMO = 1 << 16


def _remember(memo: dict[str, Any], text: str, value: Any) -> Any:
    if len(memo) >= _MEMO:
        memo.clear()
    memo[text] = value
    return value


def clean(text: str) -> str:
    """One line as a clerk sees it: NBSP and tabs as spaces, invisible characters dropped.

    Called for every cell and paragraph (tens of thousands of times on a long table): a text met before
    is looked up; one that holds nothing to clean is only stripped (one regex search instead of a
    translate and two subs).
    """
    done = _CLEANED.get(text)
    return done if done is not None else _remember(_CLEANED, text, _clean(text))


def _clean(text: str) -> str:
    # Every character of _UNCLEAN but U+2011 is unprintable (a control, format, unassigned or surrogate
    # code point, or a space other than U+0020): a printable text is asked only for those two, in C.
    if (text.isprintable() and "\u2011" not in text and "  " not in text) or _UNCLEAN.search(text) is None:
        return text.strip()
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE).replace("\n", " ").replace("\t", " ").replace("\u2011", "-"))
    return _SPACES.sub(" ", text).strip()


def _lines(text: str) -> list[str]:
    """A paragraph may hold manual line breaks: each is a line of its own (a new list, the caller's)."""
    return list(line_tuple(text))


def line_tuple(text: str) -> tuple[str, ...]:
    """:func:`_lines` as a tuple, remembered: for callers that only read the lines."""
    done = _LINED.get(text)
    if done is None:
        if "\n" in text:
            done = tuple(c for c in (clean(part) for part in text.split("\n")) if c)
        else:  # one line (most paragraphs): no split, no generator
            line = clean(text)
            done = (line,) if line else ()
        _remember(_LINED, text, done)
    return done


def _key(text: str) -> str:
    """Case- and spacing-insensitive form for comparing names and headers."""
    done = _KEYED.get(text)
    return done if done is not None else _remember(_KEYED, text, clean(text).lower().replace("ё", "е").strip(" .,;:"))


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}


def translit(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def slug(text: str, limit: int = 40) -> str:
    """A latin id: «Воропаева» → voropaeva; only a-z, 0-9 and «-»."""
    value = pattern_for(r"[^a-z0-9]+").sub("-", translit(text)).strip("-")
    return value[:limit].strip("-")


def _text_lines(lines: list[str]) -> list[str]:
    """Cell paragraphs as plan text lines: «– x» dash items become «- x»; «1) x» stays as typed."""
    out = []
    for line in lines:
        m = pattern_for(r"^[-–—•▪●·]\s*(.+)$").match(line)
        out.append(f"- {m.group(1)}" if m else line)
    return out


def _short(text: str, limit: int = 50) -> str:
    return shorten(clean(text), limit)


@lru_cache(maxsize=4096)
def cell_deadline(text: str, school_year: bool = False) -> Any:
    """The parsed deadline of a cell's text, once per distinct text: a table repeats a few deadline
    phrases hundreds of times, and the importer reads each one up to three times (table detection,
    cells, the plan period). A parsed deadline is a frozen dataclass, safe to share."""
    from ..deadline import parse_deadline

    return parse_deadline(text, school_year=school_year)
