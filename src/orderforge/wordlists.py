"""Word's automatic list numbering: word/numbering.xml → the label Word draws before a paragraph.

Word does not store «1.», «2.3.» or «–» of a list paragraph in its text: the
paragraph says only which list it belongs to (``w:numPr``: numId and level) and
Word counts as it lays the document out. A reader that takes the text alone
loses every automatic number, so :class:`ListCounter` counts the same way, in
document order:

* a ``w:num`` points to an ``w:abstractNum``; lists that share one continue each
  other's numbering, as in Word;
* ``w:lvlOverride/w:startOverride`` restarts a level where that num is first used,
  and an overriding ``w:lvl`` replaces the level's format;
* advancing a level restarts the deeper ones (``w:lvlRestart`` is honoured);
* ``w:lvlText`` («%1.%2.») is filled with every level's counter in that level's
  own format (``w:isLgl`` makes them all decimal).

Every attribute comes from a foreign file and is untrusted: a value that is not
a number is taken as the default and recorded in :attr:`ListCounter.problems`
(the importer reports them), never raised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .slotted import Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # neither typing nor dataclasses on import's start-up (issue 11): slotted.py says why
    from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
MAX_LEVELS = 9


def int_attr(node: Any, name: str, default: int, problems: list[str] | None = None,
             low: int = 0, high: int = 10_000) -> int:
    """An integer attribute ``w:name`` of ``node``: the default (and a note in ``problems``) when it
    is absent, not a number («пять») or outside ``low…high``."""
    if node is None:
        return default
    raw = node.get(f"{W}{name}")
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        if problems is not None:
            tag = node.tag.rsplit("}", 1)[-1]
            problems.append(f"w:{tag} w:{name}=«{raw[:20]}» — не число от {low} до {high}, взято {default}")
        return default
    return value


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


class Level(Slotted):
    """One level of a list: how its counter is written, where it starts, what it restarts after."""

    __slots__ = ("fmt", "text", "start", "restart", "legal")
    fmt: str
    text: str
    start: int
    restart: int | None  # w:lvlRestart: restart after this level (1-based); None: after any shallower
    legal: bool  # w:isLgl: every level's number in decimal

    def __init__(self, fmt: str = "decimal", text: str = "%1.", start: int = 1, restart: int | None = None,
                 legal: bool = False) -> None:
        self.fmt, self.text, self.start, self.restart, self.legal = fmt, text, start, restart, legal


def _level(lvl: Any, problems: list[str]) -> Level:
    fmt, text = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText")
    restart = lvl.find(f"{W}lvlRestart")
    return Level(
        fmt=(fmt.get(f"{W}val") or "decimal") if fmt is not None else "decimal",
        text=(text.get(f"{W}val") if text is not None and text.get(f"{W}val") is not None else "%1."),
        start=int_attr(lvl.find(f"{W}start"), "val", 1, problems),
        restart=int_attr(restart, "val", 0, problems, 0, MAX_LEVELS) if restart is not None else None,
        legal=lvl.find(f"{W}isLgl") is not None,
    )


class _Num(Slotted):
    """A ``w:num``: its abstract list, and the levels it overrides."""

    __slots__ = ("abstract", "starts", "levels", "used")
    abstract: str
    starts: dict[int, int]  # level → startOverride
    levels: dict[int, Level]  # level → overriding w:lvl
    used: bool

    def __init__(self, abstract: str, starts: dict[int, int] | None = None, levels: dict[int, Level] | None = None,
                 used: bool = False) -> None:
        self.abstract = abstract
        self.starts = {} if starts is None else starts
        self.levels = {} if levels is None else levels
        self.used = used


def format_counter(n: int, fmt: str) -> str:
    """One counter in a numFmt: 3 → «3», «c», «в», «iii», «03»."""
    if fmt in ("lowerLetter", "upperLetter"):
        label = _LATIN[(n - 1) % 26] * ((n - 1) // 26 + 1)
    elif fmt in ("russianLower", "russianUpper"):
        label = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)]
    elif fmt in ("lowerRoman", "upperRoman"):
        label = roman(n).lower() if fmt == "lowerRoman" else roman(n)
    elif fmt == "decimalZero":
        label = f"{n:02d}"
    else:
        label = str(n)
    return label.upper() if fmt in ("upperLetter", "russianUpper") else label


class ListCounter:
    """Counts list paragraphs in document order and gives the label Word draws for each."""

    def __init__(self, abstract: dict[str, dict[int, Level]], nums: dict[str, _Num], problems: list[str]) -> None:
        self.abstract = abstract
        self.nums = nums
        self.problems = problems
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId → level → current value

    @classmethod
    def parse(cls, xml: bytes | None, list_styles: Mapping[str, str] | None = None, where: str = "",
              parsed: dict[str, Any] | None = None) -> ListCounter:
        """From the bytes of word/numbering.xml (None or damaged: no lists known). ``list_styles``
        (numbering style id → numId, from styles.xml) resolves an ``w:numStyleLink``: a list defined
        by a list style («1 / 1.1 / 1.1.1») takes that style's levels. The root parsed is put in
        ``parsed`` (see safeio.lenient_xml)."""
        from .safeio import lenient_xml

        problems: list[str] = []
        if not xml:
            return cls({}, {}, problems)
        root = lenient_xml(xml, where, "word/numbering.xml", parsed)
        if root is None:
            return cls({}, {}, ["word/numbering.xml повреждён: автоматическая нумерация не прочитана"])
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {int_attr(lvl, "ilvl", 0, problems, 0, MAX_LEVELS - 1): _level(lvl, problems)
                      for lvl in node.findall(f"{W}lvl")}
            abstract[node.get(f"{W}abstractNumId") or ""] = levels
        nums: dict[str, _Num] = {}
        for node in root.findall(f"{W}num"):
            ref = node.find(f"{W}abstractNumId")
            if ref is None:
                continue
            num = _Num(ref.get(f"{W}val") or "")
            for override in node.findall(f"{W}lvlOverride"):
                level = int_attr(override, "ilvl", 0, problems, 0, MAX_LEVELS - 1)
                start = override.find(f"{W}startOverride")
                if start is not None:
                    num.starts[level] = int_attr(start, "val", 1, problems)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    num.levels[level] = _level(lvl, problems)
            nums[node.get(f"{W}numId") or ""] = num
        for node in root.findall(f"{W}abstractNum"):
            link = node.find(f"{W}numStyleLink")
            linked = nums.get((list_styles or {}).get(link.get(f"{W}val") or "", "")) if link is not None else None
            own = node.get(f"{W}abstractNumId") or ""
            if linked is not None and linked.abstract != own and not abstract.get(own):
                abstract[own] = abstract.get(linked.abstract, {})
        return cls(abstract, nums, problems)

    def level(self, num: _Num, level: int) -> Level | None:
        return num.levels.get(level) or self.abstract.get(num.abstract, {}).get(level)

    def label(self, num_id: str, level: int) -> str:
        """The label of the next paragraph of list ``num_id`` at ``level``: «1.», «2.3.», «–» for a
        bullet, "" for a list Word would not number (unknown, «none»)."""
        num = self.nums.get(num_id)
        if num is None:
            return ""
        own = self.level(num, level)
        if own is None:
            return ""
        if own.fmt == "bullet":
            return "–"
        counters = self.counters.setdefault(num.abstract, {})
        if not num.used:
            num.used = True
            for restarted, start in num.starts.items():
                counters[restarted] = start - 1
                for deeper in [k for k in counters if k > restarted]:
                    del counters[deeper]
        counters[level] = counters.get(level, own.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            lvl = self.level(num, deeper)
            if lvl is None or lvl.restart is None or lvl.restart == 0 or lvl.restart > level:
                del counters[deeper]
        if own.fmt == "none":
            return ""
        return self._fill(num, own, counters).strip()

    def _fill(self, num: _Num, own: Level, counters: dict[int, int]) -> str:
        def one(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = self.level(num, k) or Level()
            value = counters.get(k, lvl.start)
            return format_counter(value, "decimal" if own.legal else lvl.fmt)

        return re.sub(r"%([1-9])", one, own.text)
