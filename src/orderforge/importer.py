"""``orderforge import``: an existing Word roadmap (.docx) → a plan in YAML and its directory.

A committee's previous roadmap usually exists only as a Word file, retyped every
year. Import reads it once (through :func:`orderforge.docxtext.read_blocks`) and
writes a plan that ``validate`` and ``build`` accept, so that from then on the
plan lives in YAML. Everything is heuristic, so everything uncertain is *said*:
each guess that may be wrong becomes a warning (``IMxxx``) with the table row,
and whatever cannot be read is written as a visible ``TODO`` value plus a YAML
comment — nothing is silently invented.

How the document is read (the limits are part of the design):

* **The plan table** is the table whose header row names the plan columns by
  meaning, not position: number («№ п/п»), activity («Мероприятие»,
  «Наименование мероприятия», «Содержание деятельности»), deadline («Срок…»),
  responsible («Ответственный», «…исполнители»), result («…результат…»); in any
  order. Other columns are kept as the activity ``note`` (and reported). Tables
  that repeat the header (a page-by-page paste) or follow with the same columns
  are joined; header rows repeated inside the table (``tblHeader`` or a literal
  repeat) and a column-number row «1 | 2 | 3 …» are skipped.
* **Structure**: a row merged across the table, or with text in only its first
  one or two cells, is a heading; its numbering depth («1.» section, «1.1.»
  subsection) places it. An unnumbered heading becomes ``numbered: нет``.
  Activities are placed by their own numbers; gaps, «2.8» vs «2.8.», missing
  section or subsection headers are warnings (the build renumbers anyway). A
  row with no number and text in cells that continue the previous row (a page
  break) is appended to the previous activity.
* **Cells**: deadlines go through :func:`orderforge.deadline.parse_deadline`
  (unknown phrases are kept as written, with a warning). Responsible cells are
  split into parties and people: «Фамилия И.О.» / «И.О. Фамилия» are people; a
  position after them («…, заместители директора») is theirs when its number
  agrees (one person — singular, several — plural; the plural is made singular
  by suffix rules, or left as found with a warning); short codes («КлО»,
  «ЦОРП») are party codes; other phrases are parties, split where a second
  nominative head noun starts («Управление образования методический кабинет»),
  and get an abbreviation as their code (reported). People get the transliterated
  surname as their id (voropaeva).
* **The order** around the table: kind (ПРИКАЗ, П Р И К А З, РАСПОРЯЖЕНИЕ),
  date («от «11» 02 2026 г.», «29» декабря 2023 года, 11.02.2026), number,
  place, title («О…»/«Об…»), preamble up to the operative word, points with
  «1)» / «–» sub-points, the control clause and the signatory (a two-cell
  signature table or the last lines). The appendix mark and an approval stamp
  («УТВЕРЖДЕН приказом … от … № …») are recognised and cross-checked.
* **Also**: a heading over the activities before the first section becomes
  ``activities_title``; people in the «grouped» form («…, заместитель
  директора Быков Ю.В., советник») are read group by group; names already in
  the directory are never split.

Codes. Errors (exit 1, or 2 for usage; nothing is written): IM001 file not
found or unreadable, IM002 not a .docx or damaged, IM003 no plan table, IM004
the plan exists (no ``--force``) or is not .yaml, IM005 unknown style.
Warnings: IM101 column outside the format (kept as note), IM102 numbering gap or
repeat, IM103 «2.8» vs «2.8.», IM104 missing section/subsection header (TODO
title), IM105 activity placed away from its number, IM106 page-break fragment
joined / unnumbered rows, IM107 a second heading over top-level activities
(comment), IM110 deadline not recognised, IM120 plural position left as found,
IM121 codes made up for parties, IM122 id taken by another person, IM123
directory conflict (existing entry kept), IM124 codes without a full name,
IM130 part of the order not found (TODO), IM131 approval stamp, IM133 a deadline
outside the period named in the title (period left out), IM134 appendix mark
disagrees with the order, IM141 activity without text (TODO).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional

from .diagnostics import Diagnostic, Pos, Report, UserError
from .docxtext import Block, Cell, ListRef, Paragraph, Table

DEFAULT_STYLE = "kaliningrad-committee"
PLANS_DIR = Path("plans")

# --------------------------------------------------------------------------- text


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff\u2060"), None)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean(text: str) -> str:
    """One line as a clerk sees it: NBSP and tabs as spaces, invisible characters dropped."""
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE).replace("\n", " ").replace("\t", " "))
    return _SPACES.sub(" ", text).strip()


def _lines(text: str) -> list[str]:
    """A paragraph may hold manual line breaks: each is a line of its own."""
    return [c for c in (clean(part) for part in text.split("\n")) if c]


def _key(text: str) -> str:
    """Case- and spacing-insensitive form for comparing names and headers."""
    return clean(text).lower().replace("ё", "е").strip(" .,;:")


# --------------------------------------------------------------------------- transliteration

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
    value = re.sub(r"[^a-z0-9]+", "-", translit(text)).strip("-")
    return value[:limit].strip("-")


# --------------------------------------------------------------------------- Word lists

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN_NUMERALS = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN_NUMERALS:
        while n >= value:
            out += letters
            n -= value
    return out


class Numbering:
    """Turns Word's automatic list numbering back into the marker a reader sees («1)», «–»).

    Counters run per list (numId) in document order, as Word counts them; a
    deeper level restarts when a shallower one advances.
    """

    def __init__(self, formats: dict[str, dict[int, tuple[str, str, int]]]) -> None:
        self.formats = formats
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def read(cls, package: zipfile.ZipFile) -> "Numbering":
        from lxml import etree

        try:
            root = etree.fromstring(package.read("word/numbering.xml"))
        except (KeyError, etree.XMLSyntaxError):
            return cls({})
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl") or 0)] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "%1.") if text is not None else "%1.",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId") or ""] = levels
        formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                formats[num.get(f"{_W}numId") or ""] = abstract.get(ref.get(f"{_W}val") or "", {})
        return cls(formats)

    def marker(self, ref: ListRef) -> str:
        """«– » for a bullet, «3) » / «3. » for a numbered item, "" when unknown."""
        if ref is None:
            return ""
        num_id, level = ref
        fmt, text, start = self.formats.get(num_id, {}).get(level, ("decimal", "%1.", 1))
        if fmt in ("bullet", "none"):
            return "– " if fmt == "bullet" else ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        n = counters[level]
        if fmt in ("lowerLetter", "upperLetter"):
            label = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        elif fmt in ("russianLower", "russianUpper"):
            label = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)]
        elif fmt in ("lowerRoman", "upperRoman"):
            label = _roman(n)
        else:
            label = str(n)
        if fmt.startswith("upper") or fmt == "russianUpper":
            label = label.upper()
        elif fmt == "lowerRoman":
            label = label.lower()
        own = re.sub(r"%\d", "", text.replace(f"%{level + 1}", label)) if f"%{level + 1}" in text else f"{label}."
        return own.strip() + " "


def _with_marker(text: str, ref: ListRef, numbering: Numbering) -> str:
    marker = numbering.marker(ref)
    if not marker or re.match(r"^\s*(?:[-–—•]|\d{1,2}[.)])\s", text):
        return text
    return marker + text.lstrip()


# --------------------------------------------------------------------------- the document


@dataclass
class Line:
    """One paragraph of the text around the plan table (layout tables flattened cell by cell)."""

    text: str
    raw: str
    block: int
    table: bool = False
    row: int = 0
    col: int = 0
    signature: bool = False  # a line of the signature table
    align: str = ""


def read_document(path: Path, name: str) -> tuple[list[Block], Numbering]:
    """The body blocks, or a Russian UserError (exit 1) for anything that is not a readable .docx."""
    import zlib

    from lxml import etree

    from .docxtext import read_blocks

    if not path.exists():
        raise UserError.simple("IM001", name, "файл не найден", "проверьте путь к документу Word")
    if path.is_dir():
        raise UserError.simple("IM001", name, "это папка, а не документ Word", "укажите файл .docx")
    hint = ("откройте файл в Word и сохраните как «Документ Word (*.docx)»; "
            "файл .doc (Word 97–2003) и документ с паролем прочитать нельзя")
    damaged = UserError.simple("IM002", name, "это не документ Word (.docx) или файл повреждён", hint, exit_code=1)
    try:
        if not zipfile.is_zipfile(path):
            raise damaged
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise damaged
            numbering = Numbering.read(package)
        blocks = read_blocks(path)
    except PermissionError:
        raise UserError.simple("IM001", name, "файл не удаётся прочитать: нет доступа", "") from None
    except UserError as exc:
        if any(d.code == "OF031" for d in exc.diagnostics):
            raise damaged from None
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, etree.XMLSyntaxError, EOFError, OSError,
            ValueError, NotImplementedError, RuntimeError):
        raise damaged from None
    return blocks, numbering


# --------------------------------------------------------------------------- header recognition

def column_role(header: str) -> Optional[str]:
    """The meaning of a header cell («Сроки исполнения» → deadline), None for an empty cell."""
    key = _key(header)
    if not key:
        return None
    if key in ("№", "n", "no", "nn", "№№") or "п/п" in key or "п.п" in key or key.startswith("№") \
            or key.startswith("номер"):
        return "number"
    if "срок" in key or key.startswith("дата") or key.startswith("период") or key.startswith("время"):
        return "deadline"
    if "ответствен" in key or "исполнител" in key:
        return "responsible"
    if "результат" in key:
        return "result"
    if ("мероприят" in key or "содержание" in key or "наименование" in key or "деятельност" in key
            or key.startswith("направлени")):
        return "text"
    if "примечани" in key:
        return "note"
    return "extra"


@dataclass
class Header:
    """A recognised header row: which grid column holds what."""

    grid: dict[int, str]  # grid column → role
    names: dict[int, str]  # grid column → header text as written
    width: int
    signature: tuple[str, ...]  # normalised header texts, to spot repeats

    def roles(self) -> set[str]:
        return set(self.grid.values())


def _grid(row: list[Cell]) -> list[tuple[int, Cell]]:
    out, col = [], 0
    for cell in row:
        out.append((col, cell))
        col += max(cell.span, 1)
    return out


def _row_width(row: list[Cell]) -> int:
    return sum(max(c.span, 1) for c in row)


def header_of(row: list[Cell]) -> Optional[Header]:
    grid: dict[int, str] = {}
    names: dict[int, str] = {}
    seen: set[str] = set()
    for col, cell in _grid(row):
        role = column_role(cell.text)
        if role is None:
            continue
        if role in seen and role not in ("extra", "note"):
            role = "extra"  # a second «Мероприятие» column: kept, but not as the text
        seen.add(role)
        for g in range(col, col + max(cell.span, 1)):
            grid[g] = role
        names[col] = clean(cell.text.replace("\n", " "))
    roles = set(grid.values())
    if "text" not in roles or len(roles & {"deadline", "responsible", "result"}) < 2:
        return None
    return Header(grid, names, _row_width(row), tuple(_key(c.text) for c in row))


def _is_column_numbers(row: list[Cell]) -> bool:
    """The row «1 | 2 | 3 | 4 | 5» that numbers the columns under a header."""
    texts = [clean(c.text) for c in row if clean(c.text)]
    return len(texts) >= 3 and all(t.isdigit() for t in texts) and [int(t) for t in texts] == list(
        range(int(texts[0]), int(texts[0]) + len(texts)))


# --------------------------------------------------------------------------- rows of the plan table


@dataclass
class Row:
    """A data row of the (joined) plan table, its cells by meaning."""

    table_no: int  # the table's number in the document (1-based)
    row_no: int  # the row's number in that table as Word shows it (1-based); 0 for a heading between tables
    cells: dict[str, list[str]]  # role → lines (the row's own content)
    inherited: dict[str, list[str]]  # role → lines of a vertically merged cell above
    extras: list[tuple[str, list[str], bool]]  # (header, lines, inherited) of columns outside the format
    merged: bool = False  # one cell across the table
    label: str = ""  # «строка 7» or «таблица 3, строка 7»

    def get(self, role: str) -> list[str]:
        return self.cells.get(role) or self.inherited.get(role) or []

    @property
    def filled(self) -> set[str]:
        roles = {r for r, v in self.cells.items() if v}
        if any(v for _, v, inherited in self.extras if not inherited):
            roles.add("extra")
        return roles


_NUM_CELL = re.compile(r"^((?:\d{1,3}\.)*\d{1,3})(\.?)$")
_NUM_LEAD = re.compile(r"^(?:раздел\s+)?((?:\d{1,2}\.)*\d{1,2})(\.?)\s*(?=[«\"(A-ZА-ЯЁa-zа-яё])(.+)$", re.I)
_ROMAN_LEAD = re.compile(r"^((?:X{0,2})(?:IX|IV|V?I{0,3}))\.\s+(?=[«\"A-ZА-ЯЁ])(.+)$")
_ROMAN_VALUE = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@dataclass(frozen=True)
class Number:
    parts: tuple[int, ...]
    dot: bool
    text: str

    @property
    def depth(self) -> int:
        return len(self.parts)


def parse_number(text: str) -> Optional[Number]:
    value = clean(text)
    m = _NUM_CELL.match(value)
    if not m:
        return None
    return Number(tuple(int(p) for p in m.group(1).split(".")), bool(m.group(2)), value)


def split_leading_number(text: str) -> tuple[Optional[Number], str]:
    """«1.1. Система оценки …» → (1.1., «Система оценки …»); «I. Раздел» → (1, …)."""
    value = clean(text)
    m = _NUM_LEAD.match(value)
    if m and not re.match(r"^\d{4}\b", value):
        return Number(tuple(int(p) for p in m.group(1).split(".")), bool(m.group(2)),
                      m.group(1) + m.group(2)), m.group(3).strip()
    m = _ROMAN_LEAD.match(value)
    if m and m.group(1) in _ROMAN_VALUE:
        return Number((_ROMAN_VALUE[m.group(1)],), True, m.group(1) + "."), m.group(2).strip()
    return None, value


# --------------------------------------------------------------------------- the result model


@dataclass
class ActivityOut:
    number: Optional[Number]
    label: str
    text: list[str]
    deadline: str = ""
    responsible: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    note: str = ""
    remarks: list[str] = field(default_factory=list)  # short notes for the YAML comment
    deadline_lines: list[str] = field(default_factory=list)
    responsible_lines: list[str] = field(default_factory=list)


@dataclass
class SectionOut:
    title: str
    numbered: bool
    number: Optional[tuple[int, ...]]
    label: str
    activities: list[ActivityOut] = field(default_factory=list)
    sections: list["SectionOut"] = field(default_factory=list)
    todo: str = ""


@dataclass
class PointOut:
    text: list[str]
    items: list[list[str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "numbered" | "dash" per item


@dataclass
class OrderOut:
    kind: str = "приказ"
    issuer: list[str] = field(default_factory=list)
    issuer_genitive: str = ""
    date: Optional[date] = None
    number: str = ""
    place: str = ""
    title: list[str] = field(default_factory=list)  # paragraphs of the title
    preamble: list[str] = field(default_factory=list)
    operative: str = ""
    points: list[PointOut] = field(default_factory=list)
    control: str = ""
    signatory: str = ""
    todo: dict[str, str] = field(default_factory=dict)


@dataclass
class PersonOut:
    id: str
    surname: str
    initials: str = ""
    name: str = ""
    patronymic: str = ""
    position: str = ""
    signature_position: list[str] = field(default_factory=list)


@dataclass
class PartyOut:
    code: str
    name: str
    invented: bool = False  # the code is an abbreviation made by import
    name_known: bool = True  # False: only the code was found


@dataclass
class Imported:
    """Everything read from one document, before it is written anywhere."""

    source: str
    order: Optional[OrderOut]
    title: list[str]
    period: str
    passport: list[tuple[str, list[str]]]
    activities: list[ActivityOut]
    sections: list[SectionOut]
    parties: dict[str, PartyOut]
    people: dict[str, PersonOut]
    report: Report
    info: list[str] = field(default_factory=list)
    period_todo: str = ""
    title_todo: str = ""
    heading_comments: list[str] = field(default_factory=list)
    activities_title: str = ""

    def all_activities(self) -> list[ActivityOut]:
        out = list(self.activities)
        for section in self.sections:
            out.extend(section.activities)
            for sub in section.sections:
                out.extend(sub.activities)
        return out


# --------------------------------------------------------------------------- the directory


class Registry:
    """Parties and people found in the document, matched against an existing directory.

    Existing entries are never changed: a name or person already there is
    reused under its own code or id; differences are reported as conflicts.
    """

    def __init__(self, existing: Any, report: Report, pos: Pos) -> None:
        self.existing = existing  # orderforge.model.Directory
        self.report = report
        self.pos = pos
        self.parties: dict[str, PartyOut] = {}
        self.people: dict[str, PersonOut] = {}
        self._party_by_name: dict[str, str] = {}
        for code, party in existing.parties.items():
            self._party_by_name.setdefault(_key(party.name), code)
        self._person_by_name: dict[tuple[str, str], str] = {}
        for pid, person in existing.people.items():
            self._person_by_name.setdefault((_key(person.surname), _initials_key(person.initials_text)), pid)
        self.conflicts: list[str] = []
        self._warned_positions: set[tuple[str, str]] = set()

    # -- parties

    def _taken(self, code: str) -> bool:
        return code in self.existing.parties or code in self.parties or code in self.existing.people

    def code(self, code: str) -> str:
        """A party known by its code in the document («КлО»)."""
        if code not in self.existing.parties and code not in self.parties:
            self.parties[code] = PartyOut(code, code, name_known=False)
        return code

    def named(self, name: str) -> str:
        """A party written out in full: reuse its code, or make an abbreviation."""
        key = _key(name)
        if key in self._party_by_name:
            return self._party_by_name[key]
        for code, party in self.existing.parties.items():  # the document may print codes of a known party
            if _key(code) == key:
                return code
        base = abbreviation(name)
        code, n = base, 1
        while self._taken(code):
            n += 1
            code = f"{base}{n}"
        self.parties[code] = PartyOut(code, name, invented=True)
        self._party_by_name[key] = code
        return code

    def known_names(self) -> frozenset[str]:
        """Names of the existing directory's parties (normalised): never split by the heuristics."""
        return frozenset(key for key, code in self._party_by_name.items() if code in self.existing.parties)

    # -- people

    def person(self, surname: str, initials: str, name: str = "", patronymic: str = "",
               position: str = "", where: str = "") -> str:
        initials = initials or "".join(f"{p[0]}." for p in (name, patronymic) if p)
        found_key = (_key(surname), _initials_key(initials))
        pid = self._person_by_name.get(found_key)
        if pid is not None:
            self._check_position(pid, position, where)
            return pid
        base = slug(surname) or "person"
        pid = base
        if pid in self.existing.people or pid in self.people:
            pid = f"{base}-{slug(initials.replace('.', ''))}".strip("-")
            n = 1
            while pid in self.existing.people or pid in self.people:
                n += 1
                pid = f"{base}-{n}"
            other = self.existing.people.get(base) or self.people.get(base)
            if other is not None:
                other_name = other.short_name if hasattr(other, "short_name") else f"{other.surname} {other.initials}"
                self.report.warning(
                    "IM122", self.pos,
                    f"идентификатор «{base}» уже занят ({other_name}); {surname} {initials} записан(а) как «{pid}»",
                    "проверьте, не один ли это человек",
                )
        self.people[pid] = PersonOut(pid, surname, initials if not (name and patronymic) else "", name, patronymic,
                                     position)
        self._person_by_name[found_key] = pid
        return pid

    def _check_position(self, pid: str, position: str, where: str) -> None:
        if not position:
            return
        if pid in self.people:
            person = self.people[pid]
            if not person.position:
                person.position = position
                return
            current = person.position
            source = "в документе раньше"
        else:
            current = self.existing.people[pid].position or ""
            source = "в справочнике"
            if not current:
                if (pid, "") not in self._warned_positions:
                    self._warned_positions.add((pid, ""))
                    self._conflict(f"{where}у «{pid}» в справочнике нет должности, в документе — «{position}»; "
                                   "справочник не изменён")
                return
        if _key(current) != _key(position) and (pid, _key(position)) not in self._warned_positions:
            self._warned_positions.add((pid, _key(position)))
            self._conflict(f"{where}должность «{position}» у «{pid}» расходится с записанной {source} «{current}»; "
                           "оставлена прежняя")

    def _conflict(self, message: str) -> None:
        self.conflicts.append(message)
        self.report.warning("IM123", self.pos, message, "исправьте справочник вручную, если нужно")


def _initials_key(initials: str) -> str:
    return re.sub(r"[\s.]", "", initials or "").upper()


_SMALL_WORDS = {"и", "в", "во", "на", "по", "с", "со", "для", "о", "об", "при", "к", "из", "от", "до", "за", "а"}


def abbreviation(name: str) -> str:
    """«Управление образования» → УО; «учителя-предметники» → УП; codes inside are kept («… ВПР»)."""
    letters = []
    for word in re.findall(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*", name):
        if word.lower() in _SMALL_WORDS:
            continue
        if _is_code(word):
            letters.append(word)
            continue
        letters.extend(part[0].upper() for part in word.split("-") if part)
    code = "".join(letters)[:12]
    return code or "ОРГ"


_CODE = re.compile(r"^[A-ZА-ЯЁ0-9][A-Za-zА-Яа-яЁё0-9]*(?:-[A-Za-zА-Яа-яЁё0-9]+)?$")


def _is_code(token: str) -> bool:
    """«КлО», «ЦОРП», «ОО», «МБОУ» — short, at least two capitals, no lowercase run longer than one letter."""
    if not _CODE.match(token) or len(token) > 12:
        return False
    capitals = sum(1 for ch in token if ch.isupper())
    return capitals >= 2 and not re.search(r"[a-zа-яё]{2,}", token)


# --------------------------------------------------------------------------- responsible cells

_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON_SI = re.compile(rf"^(?P<s>{_SURNAME})\s+(?P<i>{_INITIALS})$")
_PERSON_IS = re.compile(rf"^(?P<i>{_INITIALS})\s?(?P<s>{_SURNAME})$")
_PERSON_FULL = re.compile(rf"^(?P<s>{_SURNAME})\s+(?P<n>[А-ЯЁ][а-яё]+)\s+(?P<p>[А-ЯЁ][а-яё]+(?:вна|чна|ична|вич|ич|оглы|кызы))$")
_PERSON_LEAD = re.compile(rf"^(?P<s>{_SURNAME})\s+(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s*[-–—]?\s*(?P<rest>.+)$")
_PERSON_TAIL = re.compile(rf"^(?P<rest>.+?)\s*[-–—]?\s+(?P<s>{_SURNAME})\s+(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)$")

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
    return word.lower().startswith(_POSITION_STEMS)


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


def position_number(text: str) -> Optional[bool]:
    """True for a plural position («заместители директора»), False for a singular one, None for no position."""
    words = text.split()
    if not words or not _is_position_word(words[0]):
        return None
    return _plural_word(words[_head_index(words)])


def _singular_word(word: str) -> Optional[str]:
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
        parts = []
        for part in words[i].split("-"):
            single = _singular_word(part) if i < head or part.lower().startswith(_POSITION_STEMS) or parts else None
            if single is None and i == head and parts == [] and len(words[i].split("-")) == 1:
                return text, False
            parts.append(single or part)
        out[i] = "-".join(parts)
    return " ".join(out), out != words


@dataclass
class Found:
    """One responsible found in a cell, before it is registered."""

    kind: str  # "person" | "code" | "name"
    value: str = ""
    surname: str = ""
    initials: str = ""
    name: str = ""
    patronymic: str = ""
    position: str = ""


def _split_segments(line: str) -> list[str]:
    """Split at commas and semicolons outside parentheses and quotes."""
    parts, depth, quote, current = [], 0, 0, []
    for ch in line:
        if ch in "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        if ch in ",;" and depth == 0 and quote == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip(" .") if not re.search(r"[А-ЯЁ]\.$", p.strip()) else p.strip() for p in parts if p.strip(" .")]


def _person(segment: str) -> Optional[Found]:
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
    while len(words) > 1 and words[-1] in standalone_codes and not _is_code(words[-2]):
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
    for a, b in zip(starts, starts[1:] + [len(words)]):
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
    found: list[Found] = []
    notes: list[str] = []
    pending: list[Found] = []

    def descriptor(text: str) -> None:
        nonlocal pending
        plural = position_number(text)
        if pending and plural is not None and plural == (len(pending) > 1):
            position = text
            if plural:
                position, ok = singular_position(text)
                if not ok:
                    notes.append(f"должность «{text}» оставлена как в документе (во множественном числе)")
            for person in pending:
                if not person.position:
                    person.position = position
            pending = []
            return
        pending = []
        if _key(text) in known:  # a name the directory already has: taken whole, never split
            found.append(Found("name", value=text))
            return
        for name in split_party_names(text, standalone_codes):
            found.append(Found("code", value=name) if _is_code(name) else Found("name", value=name))

    joined: list[str] = []
    for line in lines:  # «заместитель» / «директора»: one word continuing a position broken over two lines
        if joined and re.fullmatch(r"[а-яё]+", line) and _key(line) not in known \
                and _is_position_word(joined[-1].split()[-1]) and not joined[-1].endswith(","):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    for line in joined:
        if _key(line) in known:
            descriptor(line)
            continue
        for segment in _split_segments(line):
            person = _person(segment)
            if person is not None:
                found.append(person)
                pending.append(person)
                continue
            lead = _PERSON_LEAD.match(segment)
            if lead and position_number(lead.group("rest")) is not None:
                person = _person(f"{lead.group('s')} {lead.group('i')}")
                if person is not None:
                    found.append(person)
                    pending = [person]
                    descriptor(lead.group("rest"))
                    continue
            tail = _PERSON_TAIL.match(segment)
            person = _person(f"{tail.group('s')} {tail.group('i')}") if tail else None
            if tail and person is not None:
                rest = tail.group("rest")
                plural = position_number(rest)
                if pending and plural is not None and plural == (len(pending) > 1):
                    # «…, заместитель директора Быков Ю.В., советник»: the position closes the group
                    # before it, the name opens the next one (orderforge's «grouped» cells, seed 003)
                    descriptor(rest)
                    found.append(person)
                    pending = [person]
                    continue
                if not pending and plural is False:  # «директор Иванов И.И.»
                    person.position = rest
                    found.append(person)
                    continue
                descriptor(rest)
                found.append(person)
                pending = [person]
                continue
            descriptor(segment)
    return found, notes


# --------------------------------------------------------------------------- deadlines and text cells


def _text_lines(lines: list[str]) -> list[str]:
    """Cell paragraphs as plan text lines: «– x» dash items become «- x»; «1) x» stays as typed."""
    out = []
    for line in lines:
        m = re.match(r"^[-–—•▪●·]\s*(.+)$", line)
        out.append(f"- {m.group(1)}" if m else line)
    return out


def _join_fragment(target: list[str], fragment: list[str]) -> None:
    """A page-break fragment continues the last line when it starts in lower case (or a deadline)."""
    for i, line in enumerate(fragment):
        if target and i == 0 and (line[:1].islower() or line[:1] in ",;:)»"):
            joiner = "" if line[:1] in ",;:)»" else " "
            target[-1] = f"{target[-1]}{joiner}{line}"
        else:
            target.append(line)


# --------------------------------------------------------------------------- the importer


class _Reader:
    """Reads one document into :class:`Imported`; collects warnings in ``report``."""

    def __init__(self, blocks: list[Block], numbering: Numbering, name: str, registry: Registry,
                 style: Any) -> None:
        self.blocks = blocks
        self.numbering = numbering
        self.name = name
        self.pos = Pos(name)
        self.registry = registry
        self.report = registry.report
        self.style = style
        self.info: list[str] = []
        self.heading_comments: list[str] = []
        self.activities_title = ""

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.report.warning(code, self.pos, message, hint)

    # ------------------------------------------------------------------ tables

    def find_plan(self) -> tuple[list[int], Header, list[Row], list[str]]:
        """Block indexes of the plan table(s), the header, the rows of the joined table, title rows above the header."""
        tables = [i for i, b in enumerate(self.blocks) if isinstance(b, Table)]
        number_of = {block_index: n for n, block_index in enumerate(tables, start=1)}
        first: Optional[tuple[int, int, Header]] = None
        for index in tables:
            table = self.blocks[index]
            assert isinstance(table, Table)
            found = next(((r, h) for r, h in ((r, header_of(row)) for r, row in enumerate(table.rows[:4]))
                          if h is not None), None)
            if found is not None:
                first = (index, found[0], found[1])
                break
        if first is None:
            raise UserError.simple(
                "IM003", self.name, "в документе не найдена таблица плана мероприятий",
                "нужна таблица с заголовками колонок вроде «№ п/п», «Мероприятие», «Срок исполнения», "
                "«Ответственный», «Результат»", exit_code=1,
            )
        start, header_row, header = first
        table = self.blocks[start]
        assert isinstance(table, Table)
        title_rows = [line for row in table.rows[:header_row] for c in row for p in c.paras for line in _lines(p)]
        used = [start]
        rows = self._rows(table, header, header_row + 1, number_of[start])
        between: list[Paragraph] = []
        for index in range(start + 1, len(self.blocks)):
            block = self.blocks[index]
            if isinstance(block, Paragraph):
                between.append(block)
                continue
            joined = self._continuation(block, header, between)
            if joined is None:
                break
            skip, headings = joined
            used.append(index)
            for text in headings:
                rows.append(Row(number_of[index], 0, {"text": [text]}, {}, [], merged=True))
            rows.extend(self._rows(block, header, skip, number_of[index]))
            between = []
        for row in rows:
            if row.row_no == 0:
                row.label = "между частями таблицы"
            elif len(used) > 1:
                row.label = f"таблица {row.table_no}, строка {row.row_no}"
            else:
                row.label = f"строка {row.row_no}"
        if len(used) > 1:
            self.info.append(f"таблица плана собрана из {len(used)} частей (таблицы {', '.join(str(number_of[i]) for i in used)})")
        return used, header, rows, title_rows

    def _continuation(self, table: Table, header: Header, between: list[Paragraph]) -> Optional[tuple[int, list[str]]]:
        """Whether a table continues the plan: (its first data row, headings found between) or None."""
        headings: list[str] = []
        for paragraph in between:
            text = clean(paragraph.text)
            if not text or re.match(r"^(продолжение|окончание)( таблицы)?\b", text.lower()):
                continue
            number, _ = split_leading_number(text)
            if number is not None and number.depth <= 2 and len(text) < 250:
                headings.append(text)
                continue
            return None
        for r, row in enumerate(table.rows[:3]):
            found = header_of(row)
            if found is not None and found.roles() == header.roles():
                return r + 1, headings
        if table.rows and _row_width(table.rows[0]) == header.width:
            return 0, headings
        return None

    def _rows(self, table: Table, header: Header, skip: int, table_no: int) -> list[Row]:
        rows: list[Row] = []
        above: dict[int, list[str]] = {}  # grid column → content of the cell a vertical merge continues
        for r, raw in enumerate(table.rows):
            own: list[tuple[int, Cell, list[str]]] = []
            for col, cell in _grid(raw):
                lines: list[str] = []
                for para, ref in zip(cell.paras, cell.nums or [None] * len(cell.paras)):
                    lines.extend(_lines(_with_marker(para, ref, self.numbering)))
                own.append((col, cell, lines))
                if cell.vmerge != "continue":
                    above[col] = lines
            if r < skip or r in table.header_rows:
                continue
            if tuple(_key(c.text) for c in raw) == header.signature or _is_column_numbers(raw):
                continue  # a header repeated inside the table, or the «1 | 2 | 3» row
            row = Row(table_no, r + 1, {}, {}, [])
            filled = [(col, cell) for col, cell, lines in own if lines and cell.vmerge != "continue"]
            row.merged = len(filled) == 1 and filled[0][1].span >= max(2, header.width - 1)
            for col, cell, lines in own:
                role = header.grid.get(col)
                if role is None:  # a row with more cells than the header: the nearest header column
                    role = header.grid[min(header.grid, key=lambda g: abs(g - col))]
                if cell.vmerge == "continue":
                    lines = above.get(col, [])
                    target = row.inherited
                else:
                    target = row.cells
                if role == "extra":
                    if cell.vmerge != "continue" or lines:
                        row.extras.append((header.names.get(col, ""), list(lines), cell.vmerge == "continue"))
                    continue
                if lines:
                    target.setdefault(role, []).extend(lines)
            rows.append(row)
        return rows

    # ------------------------------------------------------------------ structure

    def build_structure(self, header: Header, rows: list[Row]) -> tuple[list[ActivityOut], list[SectionOut]]:
        has_numbers = "number" in header.roles()
        kinds = [self._classify(row, has_numbers) for row in rows]
        numbers: list[Optional[Number]] = [self._row_number(row, kind) for row, kind in zip(rows, kinds)]
        activity_depths = Counter(n.depth for n, k in zip(numbers, kinds) if n and k == "activity")
        usual_depth = activity_depths.most_common(1)[0][0] if activity_depths else 0
        # A row with a number and only a title is a heading when what follows is numbered under it
        # («1.2. | Система работы …» before 1.2.1), or when it is shallower than the activities.
        for i, kind in enumerate(kinds):
            if kind != "maybe-heading":
                continue
            number = numbers[i]
            assert number is not None
            following = next((n for n in numbers[i + 1:] if n is not None), None)
            child = following is not None and following.depth > number.depth \
                and following.parts[: number.depth] == number.parts
            kinds[i] = "heading" if child or (usual_depth and number.depth < usual_depth) else "activity"
        structure = _Structure(self, has_numbers)
        for i, (row, kind, number) in enumerate(zip(rows, kinds, numbers)):
            if kind == "heading":
                structure.heading(row, number, self._heading_title(row), self._depth_after(kinds, numbers, i))
            elif kind == "fragment":
                structure.fragment(row)
            elif kind == "activity":
                structure.activity(row, number, self._activity(row, number))
        structure.finish()
        return structure.top, structure.sections

    def _depth_after(self, kinds: list[str], numbers: list[Optional[Number]], i: int) -> int:
        """The numbering depth of the first activity after a heading (0: another heading or none)."""
        for kind, number in zip(kinds[i + 1:], numbers[i + 1:]):
            if kind == "heading":
                return 0
            if kind == "activity":
                return number.depth if number is not None else 0
        return 0

    def _classify(self, row: Row, has_numbers: bool) -> str:
        """skip | heading | maybe-heading | fragment | activity."""
        filled = row.filled
        if not filled:
            return "skip"
        if row.merged:
            return "heading"
        number_lines = row.cells.get("number", [])
        number = parse_number(number_lines[0]) if number_lines else None
        text = row.cells.get("text", [])
        first = text[0] if text else ""
        continues = first[:1].islower() or first[:1] in ",;:)»"
        if filled <= {"number", "text"}:
            if number_lines and number is None:  # «1. Раздел …» written in the number cell
                return "heading" if split_leading_number(" ".join(number_lines))[0] is not None or not text \
                    else "activity"
            if number is not None:
                return "maybe-heading"
            return "fragment" if continues else "heading"
        if not number_lines:
            if not text or (has_numbers and continues):
                return "fragment"
        return "activity"

    def _row_number(self, row: Row, kind: str) -> Optional[Number]:
        number_lines = row.cells.get("number", [])
        if number_lines:
            return parse_number(number_lines[0]) or split_leading_number(" ".join(number_lines))[0]
        if kind == "heading":
            return split_leading_number(" ".join(self._all_lines(row)[:1]))[0]
        return None

    def _all_lines(self, row: Row) -> list[str]:
        out: list[str] = []
        for role in ("number", "text", "deadline", "responsible", "result", "note"):
            out.extend(row.cells.get(role, []))
        for _, lines, inherited in row.extras:
            if not inherited:
                out.extend(lines)
        return out

    def _heading_title(self, row: Row) -> str:
        lines = self._all_lines(row)
        number_lines = row.cells.get("number", [])
        if number_lines and parse_number(number_lines[0]) is not None:
            lines = lines[1:]
        return split_leading_number(" ".join(lines))[1]

    def _activity(self, row: Row, number: Optional[Number]) -> ActivityOut:
        number_lines = row.cells.get("number", [])
        text = _text_lines(row.get("text"))
        if number_lines and parse_number(number_lines[0]) is None:
            text = _text_lines(number_lines) + text  # text in the number cell: keep it rather than lose it
        elif len(number_lines) > 1:
            text = _text_lines(number_lines[1:]) + text
        activity = ActivityOut(number, row.label, text)
        activity.deadline_lines = list(row.get("deadline"))
        activity.result = _text_lines(row.get("result"))
        activity.responsible_lines = list(row.get("responsible"))
        notes = [" ".join(row.get("note"))] if row.get("note") else []
        for name, lines, _ in row.extras:
            if lines:
                notes.append(f"{name}: {' '.join(lines)}" if name else " ".join(lines))
        activity.note = "; ".join(n for n in notes if n)
        return activity

    def resolve_cells(self, activities: list[ActivityOut], rows: list[Row]) -> None:
        """Deadlines and responsible cells, once page-break fragments have been joined."""
        from .deadline import parse_deadline

        standalone: set[str] = set()
        for row in rows:
            for line in row.cells.get("responsible", []):
                standalone.update(p.strip() for p in _split_segments(line) if _is_code(p.strip()))
        for activity in activities:
            where = activity.number.text if activity.number else "без номера"
            if not activity.text:
                activity.text = ["TODO: текст мероприятия не найден"]
                activity.remarks.append("TODO: нет текста")
                self.warn("IM141", f"{activity.label}: у мероприятия {where} нет текста; в плане оставлено TODO",
                          "впишите текст мероприятия (text:)")
            if activity.deadline_lines:
                parsed = parse_deadline(" ".join(activity.deadline_lines))
                activity.deadline = parsed.text
                if not parsed.known:
                    self.warn("IM110", f"{activity.label}: срок «{parsed.text}» (мероприятие {where}) не распознан; "
                              "сохранён как написан", "проверьте срок; validate покажет его предупреждением OF205")
                    activity.remarks.append("срок не распознан")
            found, notes = parse_responsible(activity.responsible_lines, standalone, self.registry.known_names())
            for note in notes:
                self.warn("IM120", f"{activity.label}: {note}", "исправьте должность в справочнике")
            for item in found:
                if item.kind == "person":
                    key = self.registry.person(item.surname, item.initials, item.name, item.patronymic,
                                               item.position, f"{activity.label}: ")
                elif item.kind == "code":
                    key = self.registry.code(item.value)
                else:
                    key = self.registry.named(item.value)
                if key not in activity.responsible:
                    activity.responsible.append(key)

    # ------------------------------------------------------------------ text around the table

    def front_lines(self, before: int) -> tuple[list[Line], list[tuple[int, Table]]]:
        """Paragraphs before the plan table; small layout tables flattened, passport-like tables kept apart."""
        lines: list[Line] = []
        tables: list[tuple[int, Table]] = []
        for index, block in enumerate(self.blocks[:before]):
            if isinstance(block, Paragraph):
                marked = _with_marker(block.text, block.num, self.numbering)
                for part in marked.split("\n"):
                    lines.append(Line(clean(part), part, index, align=block.align))
                continue
            if _is_passport(block):
                tables.append((index, block))
                continue
            signature = _is_signature_table(block)
            for r, row in enumerate(block.rows):
                for col, cell in _grid(row):
                    for para in cell.paras:
                        for part in para.split("\n"):
                            lines.append(Line(clean(part), part, index, True, r, col, signature=signature))
        return lines, tables


def _is_signature_table(table: Table) -> bool:
    """The borderless table «position | И.О. Фамилия» that ends an order."""
    if table.caption == "orderforge:signature":
        return True
    if len(table.rows) != 1 or len(table.rows[0]) < 2:
        return False
    right = [clean(p) for p in table.rows[0][-1].paras if clean(p)]
    return bool(right) and _signature_name(right[-1]) is not None


def _is_passport(table: Table) -> bool:
    """A two-column table «Основания для разработки | – …» before the plan table."""
    if len(table.rows) < 2 or not all(len(row) == 2 for row in table.rows):
        return False
    return all(len(clean(row[0].text)) < 120 for row in table.rows) and any(
        len(row[1].paras) > 1 or len(clean(row[1].text)) > 60 for row in table.rows)


class _Structure:
    """Places headings and activities by their numbers, reporting every inconsistency."""

    def __init__(self, reader: _Reader, has_numbers: bool) -> None:
        self.reader = reader
        self.has_numbers = has_numbers
        self.top: list[ActivityOut] = []
        self.sections: list[SectionOut] = []
        self.section: Optional[SectionOut] = None
        self.sub: Optional[SectionOut] = None
        self.last: Optional[ActivityOut] = None
        self.dots: list[tuple[Number, str]] = []
        self.unnumbered: list[str] = []

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.reader.warn(code, message, hint)

    def _expected(self, count: int, number: Number, label: str, what: str) -> None:
        expected = count + 1
        got = number.parts[-1]
        if got != expected:
            prefix = ".".join(str(p) for p in number.parts[:-1])
            want = f"{prefix}.{expected}" if prefix else str(expected)
            kind = "повтор или возврат назад" if got < expected else "пропуск"
            self.warn("IM102", f"{label}: {what} {number.text} там, где ожидался номер {want} ({kind}); "
                      "при сборке номера будут пересчитаны по порядку", "проверьте, не потерялась ли строка")

    def heading(self, row: Row, number: Optional[Number], title: str, next_depth: int) -> None:
        label = row.label
        if number is not None:
            self.dots.append((number, label))
        title = title or "TODO: заголовок раздела не найден"
        self.last = None
        if number is None:
            if next_depth == 1 and not self.sections:
                # Top-level activities follow: their heading is activities_title (the format has one).
                if not self.reader.activities_title and not self.top:
                    self.reader.activities_title = title
                    return
                self.reader.heading_comments.append(title)
                self.warn("IM107", f"{label}: второй заголовок «{_short(title)}» среди мероприятий верхнего "
                          "уровня (1., 2., …); в формате у них один заголовок (activities_title) — этот сохранён "
                          "комментарием в плане", "оформите его разделом вручную, если нужно")
                return
            level = 2 if next_depth >= 3 and self.section is not None else 1
        else:
            level = min(number.depth, 2)
            if number.depth > 2:
                self.warn("IM105", f"{label}: заголовок {number.text} — третий уровень вложенности не "
                          "поддерживается форматом; записан как подраздел", "")
        if level == 1:
            if number is not None:
                self._expected(len(self.sections), number, label, "раздел")
            self.section = SectionOut(title, number is not None, number.parts[:1] if number else None, label)
            self.sections.append(self.section)
            self.sub = None
            return
        if self.section is None or (number is not None and self.section.number is not None
                                    and self.section.number != number.parts[:1]):
            self._missing_section(number.parts[:1] if number else None, label)
        assert self.section is not None
        if self.section.number is None and number is not None:
            self.section.number = number.parts[:1]
        if number is not None:
            self._expected(len(self.section.activities) + len(self.section.sections), number, label, "подраздел")
        self.sub = SectionOut(title, number is not None, number.parts[:2] if number else None, label)
        self.section.sections.append(self.sub)

    def _missing_section(self, number: Optional[tuple[int, ...]], label: str) -> None:
        n = ".".join(map(str, number)) if number else "?"
        self.section = SectionOut(f"TODO: заголовок раздела {n} не найден", True, number, label,
                                  todo="заголовок раздела не найден в документе")
        self.sections.append(self.section)
        self.sub = None
        self.warn("IM104", f"{label}: нет строки-заголовка раздела {n}; раздел добавлен с заголовком TODO",
                  "впишите заголовок раздела в план (title:)")

    def _missing_sub(self, number: tuple[int, ...], label: str) -> None:
        assert self.section is not None
        n = ".".join(map(str, number))
        self.sub = SectionOut(f"TODO: заголовок подраздела {n} не найден", True, number, label,
                              todo="заголовок подраздела не найден в документе")
        self.section.sections.append(self.sub)
        self.warn("IM104", f"{label}: нет строки-заголовка подраздела {n}; подраздел добавлен с заголовком TODO",
                  "впишите заголовок подраздела в план (title:)")

    def activity(self, row: Row, number: Optional[Number], activity: ActivityOut) -> None:
        label = row.label
        self.last = activity
        if number is None:
            if self.has_numbers:
                self.unnumbered.append(label)
            self._container().append(activity)
            return
        self.dots.append((number, label))
        if number.depth == 1:
            if not self.sections:
                self._expected(len(self.top), number, label, "мероприятие")
                self.top.append(activity)
            else:
                self.warn("IM105", f"{label}: мероприятие {number.text} без номера раздела стоит внутри раздела; "
                          "оно записано в текущий раздел и получит номер по нему", "")
                self._container().append(activity)
            return
        section_no = number.parts[:1]
        if self.section is None or (self.section.number is not None and self.section.number != section_no):
            self._missing_section(section_no, label)
        assert self.section is not None
        if self.section.number is None:
            self.section.number = section_no
        if number.depth == 2:
            if self.section.sections:
                self.warn("IM105", f"{label}: мероприятие {number.text} стоит после подразделов своего раздела; "
                          "в формате мероприятия раздела идут до подразделов — оно перенесено выше", "")
            else:
                self._expected(len(self.section.activities), number, label, "мероприятие")
            self.section.activities.append(activity)
            return
        sub_no = number.parts[:2]
        if self.sub is None or (self.sub.number is not None and self.sub.number != sub_no):
            self._missing_sub(sub_no, label)
        assert self.sub is not None
        if self.sub.number is None:
            self.sub.number = sub_no
        if number.depth > 3:
            self.warn("IM105", f"{label}: номер {number.text} — четвёртый уровень не поддерживается форматом; "
                      "мероприятие записано в подраздел", "")
        else:
            self._expected(len(self.sub.activities), number, label, "мероприятие")
        self.sub.activities.append(activity)

    def _container(self) -> list[ActivityOut]:
        if self.sub is not None:
            return self.sub.activities
        if self.section is not None:
            return self.section.activities
        return self.top

    def fragment(self, row: Row) -> None:
        """A row with no number continuing the previous activity (a page break in the middle of a row)."""
        if self.last is None:
            text = " ".join(self.reader._all_lines(row))
            self.warn("IM106", f"{row.label}: строка без номера «{_short(text)}» не относится ни к одному "
                      "мероприятию и пропущена", "перенесите текст в план вручную")
            return
        activity = self.last
        parts = []
        for role in ("text", "deadline", "responsible", "result", "note"):
            lines = row.cells.get(role, [])
            if not lines:
                continue
            parts.append(f"«{_short(' '.join(lines), 30)}»")
            if role == "text":
                _join_fragment(activity.text, _text_lines(lines))
            elif role == "result":
                _join_fragment(activity.result, _text_lines(lines))
            elif role == "deadline":
                activity.deadline_lines.extend(lines)
            elif role == "responsible":
                _join_fragment(activity.responsible_lines, lines)
            else:
                activity.note = f"{activity.note} {' '.join(lines)}".strip()
        for name, lines, inherited in row.extras:
            if lines and not inherited:
                parts.append(f"«{_short(' '.join(lines), 30)}»")
                activity.note = f"{activity.note} {' '.join(lines)}".strip()
        where = f"мероприятию {activity.number.text}" if activity.number else "предыдущему мероприятию"
        self.warn("IM106", f"{row.label}: строка без номера ({', '.join(parts)}) — похоже, перенос со страницы; "
                  f"текст добавлен к {where}", "проверьте, что текст склеен правильно")
        activity.remarks.append(f"склеено со строкой без номера ({row.label})")

    def finish(self) -> None:
        if self.unnumbered:
            self.warn("IM106", f"мероприятия без номера: {', '.join(self.unnumbered[:8])}"
                      f"{' …' if len(self.unnumbered) > 8 else ''}; они записаны по месту в таблице", "")
        if self.dots:
            with_dot = sum(1 for n, _ in self.dots if n.dot)
            majority = with_dot * 2 >= len(self.dots)
            odd = [f"{n.text} ({label})" for n, label in self.dots if n.dot != majority]
            if odd:
                how = "без точки в конце" if majority else "с точкой в конце"
                rest = "с точкой" if majority else "без точки"
                self.warn("IM103", f"номера {how}: {', '.join(odd[:10])}{' …' if len(odd) > 10 else ''}; "
                          f"в остальных — {rest}", "при сборке номера пишутся единообразно, по стилю")


def _short(text: str, limit: int = 50) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- the order

_MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря")
_DATE_WORDS = re.compile(
    r"(?<!\d)[«\"“„]?\s*(\d{1,2})\s*[»\"”]?\s*[.\s]\s*(\d{1,2}|[а-яё]+)\s*[.\s]\s*(\d{4})(?!\d)", re.I)
_DATE_DOTS = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_NUMBER_SIGN = re.compile(r"№\s*([^\s,;]+(?:\s*-\s*[^\s,;]+)*)")
_PLACE = re.compile(r"^(г\.|город|гор\.|пос\.|посёлок|поселок|п\.|с\.|пгт\.?|ст\.|д\.)\s*[А-ЯЁ]")
_TITLE_START = re.compile(r"^(Об?|О)\s+\S")
_PREAMBLE_WORDS = {
    "В", "Во", "На", "С", "Со", "Руководствуясь", "Согласно", "Для", "По", "Рассмотрев", "Учитывая",
    "Принимая", "Заслушав", "Исходя", "Основываясь", "Следуя", "Как", "Во исполнение",
}
_OPERATIVE_WORDS = ("приказываю", "обязываю", "постановляю", "распоряжаюсь", "предлагаю", "решил", "решила")
_OPERATIVE = re.compile(
    r"(?:^|(?<=\s)|(?<=[.,;»)]))(" + "|".join(r"\s*".join(w) for w in _OPERATIVE_WORDS) + r")\s*:?\s*$", re.I)
_KINDS = {"ПРИКАЗ": "приказ", "РАСПОРЯЖЕНИЕ": "распоряжение"}
_KIND_LINE = re.compile(r"^\s*(" + "|".join(r"\s*".join(k) for k in _KINDS) + r")(?![А-ЯЁа-яё])\s*(.*)$")
_OTHER_KINDS = re.compile(r"^\s*(" + "|".join(r"\s*".join(k) for k in ("ПОСТАНОВЛЕНИЕ", "РЕШЕНИЕ")) + r")\s*$")
_POINT = re.compile(r"^(\d{1,2})\.\s*(?!\d)(.*)$")
_SUB_NUM = re.compile(r"^(?:\d{1,2}\)|[а-яa-z]\)|\d{1,2}\.\d{1,2}\.?)\s*(.*)$")
_SUB_DASH = re.compile(r"^[-–—•▪●·]\s*(.*)$")
_APPENDIX = re.compile(r"^приложение\b", re.I)
_STAMP = re.compile(r"^(УТВЕРЖД(?:ЕН|ЕНА|ЕНО|ЕНЫ|АЮ)|Утвержд(?:ен|ена|ено|ены))\b")
_ACQUAINTED = re.compile(r"^(с приказом|с распоряжением)\s+ознакомлен", re.I)


def parse_date(text: str) -> Optional[date]:
    """«от «11» 02 2026 г.», «29» декабря 2023 года, «11.02.2026» → a date (None when there is none)."""
    for m in _DATE_DOTS.finditer(text):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
    for m in _DATE_WORDS.finditer(text):
        month_text = m.group(2).lower()
        month = int(month_text) if month_text.isdigit() else (
            _MONTHS_GEN.index(month_text) + 1 if month_text in _MONTHS_GEN else 0)
        try:
            return date(int(m.group(3)), month, int(m.group(1)))
        except ValueError:
            continue
    return None


def _date_end(text: str) -> int:
    """Where the first date in the text ends (0 when there is none): the number follows it."""
    found = [m.end() for rx in (_DATE_DOTS, _DATE_WORDS) for m in [rx.search(text)] if m]
    return min(found) if found else 0


def parse_number_sign(text: str) -> str:
    m = _NUMBER_SIGN.search(text)
    if not m:
        return ""
    return re.sub(r"\s*-\s*", "-", m.group(1)).strip(".,;")


def _signature_name(text: str) -> Optional[tuple[str, str, str]]:
    """(position before a tab, surname, initials) for «Директор\tГ.А. Лисичкина» / «Т.М. Петухова»."""
    position = ""
    if "\t" in text:
        position, _, text = text.rpartition("\t")
        position = clean(position)
    value = clean(text)
    m = re.match(rf"^(?P<pos>.*?)\s*(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s?(?P<s>{_SURNAME})$", value)
    if m and (not m.group("pos") or len(m.group("pos")) < 100):
        return clean(position + " " + m.group("pos")), m.group("s"), re.sub(r"\s", "", m.group("i"))
    m = re.match(rf"^(?P<s>{_SURNAME})\s+(?P<i>[А-ЯЁ]\.\s?[А-ЯЁ]\.)$", value)
    if m:
        return position, m.group("s"), re.sub(r"\s", "", m.group("i"))
    return None


@dataclass
class _Mark:
    """An appendix mark or approval stamp: its lines and what they say."""

    kind: str  # "appendix" | "stamp"
    lines: list[int]
    genitive: str
    date: Optional[date]
    number: str
    text: str


def _find_marks(lines: list[Line], start: int) -> list[_Mark]:
    marks: list[_Mark] = []
    i = start
    while i < len(lines):
        text = lines[i].text
        kind = "appendix" if _APPENDIX.match(text) else "stamp" if _STAMP.match(text) else ""
        if not kind:
            i += 1
            continue
        taken = [i]
        joined = text
        j = i
        while parse_date(joined) is None and j + 1 < len(lines) and len(taken) < 8:
            j += 1
            if lines[j].text:
                taken.append(j)
                joined = f"{joined} {lines[j].text}"
        if parse_date(joined) is None:
            taken = [i]
            joined = text
        # the number may follow on the next line («от 11.02.2026» / «№ 113»)
        if "№" not in joined and j + 1 < len(lines) and lines[j + 1].text.startswith("№"):
            j += 1
            taken.append(j)
            joined = f"{joined} {lines[j].text}"
        genitive = ""
        m = re.search(r"\bк\s+(?:приказу|распоряжению|постановлению)\s+(.+?)\s+от\b", joined, re.I)
        if kind == "stamp":
            m = re.search(r"\b(?:приказом|распоряжением|постановлением)\s+(.+?)\s+от\b", joined, re.I)
        if m:
            genitive = clean(m.group(1))
        after_date = _date_end(joined)
        number = parse_number_sign(joined[after_date:]) if after_date else ""
        marks.append(_Mark(kind, taken, genitive, parse_date(joined), number or parse_number_sign(joined), joined))
        i = max(taken) + 1
    return marks


class _OrderReader:
    """Reads the приказ around the plan table from the lines before it."""

    def __init__(self, reader: _Reader, lines: list[Line]) -> None:
        self.reader = reader
        self.lines = lines

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.reader.warn(code, message, hint)

    def _kind(self) -> Optional[tuple[int, str, str]]:
        for i, line in enumerate(self.lines[:40]):
            m = _KIND_LINE.match(line.text)
            if m:
                return i, _KINDS[re.sub(r"\s", "", m.group(1))], m.group(2)
            if _OTHER_KINDS.match(line.text):
                self.warn("IM130", f"вид документа «{line.text}» не поддерживается форматом (приказ или "
                          "распоряжение): импортирован только план", "")
                return None
            if _TITLE_START.match(line.text) or _POINT.match(line.text):
                break
        return None

    def read(self) -> tuple[Optional[OrderOut], int]:
        """The order and the index of the first line after it (0 when there is no order)."""
        found = self._kind()
        if found is None:
            return None, 0
        kind_at, kind, rest = found
        order = OrderOut(kind=kind)
        above = [line for line in self.lines[:kind_at] if line.text]
        if any(line.align == "center" for line in above):  # a centred letterhead: other lines are not part of it
            above = [line for line in above if line.align == "center" or line.table]
        order.issuer = [line.text for line in above]
        i = self._head(order, kind_at + 1, rest)
        i = self._title(order, i)
        points_from = self._preamble(order, i)
        signature = self._find_signature(points_from)
        end = signature[0] if signature else self._points_end(points_from)
        self._points(order, points_from, end)
        self._control(order)
        after = end
        if signature is not None:
            _, name_at, position_lines, surname, initials = signature
            pid = self.reader.registry.person(surname, initials, position=" ".join(position_lines),
                                              where="подпись приказа: ")
            person = self.reader.registry.people.get(pid)
            if person is not None and len(position_lines) > 1 and not person.signature_position:
                person.signature_position = position_lines
            order.signatory = pid
            after = name_at + 1
        self._todo(order)
        return order, after

    def _head(self, order: OrderOut, i: int, rest: str) -> int:
        """Date, number and place: the short lines between the kind and the title."""
        head = [rest] if rest else []
        while i < len(self.lines):
            line = self.lines[i]
            text = line.text
            if text and (_TITLE_START.match(text) or _OPERATIVE.search(text) or _POINT.match(text)):
                break
            if text and not (parse_date(text) or "№" in text or _PLACE.match(text) or len(text) < 40):
                break
            head.append(line.raw)
            i += 1
        for raw in head:
            for part in re.split(r"\t+|\s{3,}", raw):
                part = clean(part)
                if not part:
                    continue
                if order.date is None:
                    order.date = parse_date(part)
                if not order.number and "№" in part:
                    order.number = parse_number_sign(part)
                if not order.place and _PLACE.match(part):
                    order.place = part
        return i

    def _title(self, order: OrderOut, i: int) -> int:
        """«Об утверждении …», possibly over several paragraphs, up to the preamble."""
        j = i
        while j < len(self.lines) and not self.lines[j].text:
            j += 1
        if j >= len(self.lines) or not _TITLE_START.match(self.lines[j].text):
            return i
        title: list[str] = []
        while j < len(self.lines):
            text = self.lines[j].text
            if not text:
                j += 1
                continue
            if title and not self._title_goes_on(text, title):
                break
            title.append(text)
            j += 1
        order.title = title
        return j

    def _title_goes_on(self, text: str, title: list[str]) -> bool:
        if len(title) >= 4 or len(text) > 300 or _OPERATIVE.search(text) or _POINT.match(text):
            return False
        if title[-1].endswith((".", ":", ";")):
            return False
        first = text.split(" ", 1)[0].strip(",")
        return first not in _PREAMBLE_WORDS

    def _preamble(self, order: OrderOut, i: int) -> int:
        """Paragraphs up to the operative word («ПРИКАЗЫВАЮ:», also at the end of the last one)."""
        operative_at = None
        for j in range(i, len(self.lines)):
            text = self.lines[j].text
            if _OPERATIVE.search(text):
                operative_at = j
                break
            if re.match(r"^1\.\s*(?!\d)", text) or _APPENDIX.match(text) or _STAMP.match(text):
                break
        end = operative_at if operative_at is not None else self._first_point(i)
        order.preamble = _text_lines([self.lines[j].text for j in range(i, end) if self.lines[j].text])
        if operative_at is None:
            self.warn("IM130", "распорядительное слово («ПРИКАЗЫВАЮ:») не найдено; пункты читаются с первого "
                      "номера «1.»", "")
            return end
        text = self.lines[operative_at].text
        m = _OPERATIVE.search(text)
        assert m is not None
        before = text[: m.start()].strip()
        if before:
            order.preamble.extend(_text_lines([before]))
        word = re.sub(r"\s", "", m.group(1)).lower()
        style_word = re.sub(r"[\s:]", "", self.reader.style.operative.get(order.kind, "")).lower()
        if word != style_word:
            order.operative = clean(m.group(1)) + ":"
        return operative_at + 1

    def _first_point(self, start: int) -> int:
        for j in range(start, len(self.lines)):
            if re.match(r"^1\.\s*(?!\d)", self.lines[j].text):
                return j
        return start

    def _stop(self, text: str) -> bool:
        return bool(_APPENDIX.match(text) or _STAMP.match(text) or _ACQUAINTED.match(text))

    def _points_end(self, start: int) -> int:
        """Without a signature the points end at the appendix, or at the plan's title (centred, or «План …»)."""
        seen_point = False
        for j in range(start, len(self.lines)):
            line = self.lines[j]
            if self._stop(line.text):
                return j
            if not line.text:
                continue
            if seen_point and not _POINT.match(line.text) and (
                    line.align == "center" or re.match(r"^[«\"]?(План\b|Дорожная карта|Мероприятия\b)", line.text)):
                return j
            seen_point = seen_point or bool(_POINT.match(line.text))
        return len(self.lines)

    def _find_signature(self, start: int) -> Optional[tuple[int, int, list[str], str, str]]:
        """(first line of the signature, line of the name, position lines, surname, initials) or None."""
        for j in range(start, len(self.lines)):
            line = self.lines[j]
            if self._stop(line.text):
                return None
            if not line.text or (not line.signature and not _is_signature_line(line)):
                continue
            named = _signature_name(line.raw)
            if named is None:
                continue
            position_text, surname, initials = named
            if line.signature or line.table:
                row = [(k, x) for k, x in enumerate(self.lines) if x.block == line.block and x.row == line.row]
                first = row[0][0] if row else j
                position = [x.text for _, x in row if x.col < line.col and x.text]
                return first, j, position or ([position_text] if position_text else []), surname, initials
            if position_text:
                return j, j, [position_text], surname, initials
            position: list[str] = []
            first = j
            k = j - 1
            while k >= start and len(position) < 4:
                text = self.lines[k].text
                if text:
                    if len(text) > 90 or text.endswith((".", ";", ":")) or _POINT.match(text) \
                            or _SUB_NUM.match(text) or _SUB_DASH.match(text):
                        break
                    position.insert(0, text)
                    first = k
                k -= 1
            return first, j, position, surname, initials
        return None

    def _points(self, order: OrderOut, start: int, end: int) -> None:
        for j in range(start, end):
            text = self.lines[j].text
            if not text:
                continue
            m = _POINT.match(text)
            sub_num = _SUB_NUM.match(text)
            sub_dash = _SUB_DASH.match(text)
            if m:
                order.points.append(PointOut([m.group(2).strip()] if m.group(2).strip() else []))
            elif order.points and sub_num:
                order.points[-1].items.append([sub_num.group(1)])
                order.points[-1].kinds.append("numbered")
            elif order.points and sub_dash:
                order.points[-1].items.append([sub_dash.group(1)])
                order.points[-1].kinds.append("dash")
            elif order.points:
                point = order.points[-1]
                (point.items[-1] if point.items else point.text).append(text)
            else:
                order.points.append(PointOut([text]))
                self.warn("IM130", f"пункт приказа без номера: «{_short(text)}»", "")

    def _control(self, order: OrderOut) -> None:
        """The last point «Контроль …» becomes ``control`` (``self`` when it is the style's own wording)."""
        from .resolve import KIND_GENITIVE, fill

        if not order.points:
            return
        last = order.points[-1]
        if last.items or not last.text or not last.text[0].lower().startswith("контроль"):
            return
        order.points.pop()
        text = " ".join(last.text)
        own = fill(self.reader.style.control_self, {"kind_genitive": KIND_GENITIVE.get(order.kind, "приказа")})
        order.control = "self" if _key(own) == _key(text) else text

    def _todo(self, order: OrderOut) -> None:
        missing = {
            "issuer": (not order.issuer, "наименование организации (строки над словом «ПРИКАЗ» / «РАСПОРЯЖЕНИЕ») не найдено"),
            "date": (order.date is None, "дата приказа не найдена"),
            "number": (not order.number, "номер приказа («№ …») не найден"),
            "title": (not order.title, "заголовок приказа («О…», «Об…») не найден"),
            "points": (not order.points, "пункты приказа не найдены"),
            "signatory": (not order.signatory, "подписант («И.О. Фамилия» в конце приказа) не найден"),
        }
        for key, (absent, message) in missing.items():
            if absent:
                order.todo[key] = message
                self.warn("IM130", f"приказ: {message}; в плане оставлено TODO", f"впишите order: {key}: вручную")


def _is_signature_line(line: Line) -> bool:
    """«И.О. Фамилия» alone on a short line, or after its position and a tab."""
    named = _signature_name(line.raw)
    if named is None:
        return False
    return bool(named[0]) or "\t" in line.raw or len(line.text) < 40


# --------------------------------------------------------------------------- the whole document


def read_plan(blocks: list[Block], numbering: Numbering, name: str, registry: Registry, style: Any) -> Imported:
    """Read the plan (and the order around it) from the blocks of a document."""
    reader = _Reader(blocks, numbering, name, registry, style)
    used, header, rows, title_rows = reader.find_plan()
    for col, role in sorted(header.grid.items()):
        if role in ("extra", "note") and col in header.names:
            reader.warn("IM101", f"колонка «{header.names[col]}» не входит в формат плана: её текст сохранён "
                        "в примечании мероприятий (note:), в документ он выводится, только если в стиле есть "
                        "такая колонка", "")
    lines, front_tables = reader.front_lines(used[0])
    order, after = _OrderReader(reader, lines).read()
    marks = _find_marks(lines, after)
    _check_marks(reader, order, marks)
    mark_lines = {i for mark in marks for i in mark.lines}
    start_block = lines[after - 1].block + 1 if after else 0
    appendix_tables = [(i, t) for i, t in front_tables if i >= start_block]
    first_table = min([i for i, _ in appendix_tables] + [used[0]])
    title = [line.text for k, line in enumerate(lines)
             if k >= after and k not in mark_lines and line.text and not line.table and line.block < first_table
             and not (_APPENDIX.match(line.text) or _STAMP.match(line.text) or _ACQUAINTED.match(line.text))]
    title = title or title_rows
    passport = []
    for _, table in appendix_tables:
        for row in table.rows:
            label = " ".join(_lines(row[0].text))
            items = [re.sub(r"^[-–—•]\s*", "", line) for p in row[1].paras for line in _lines(p)]
            if label and items:
                passport.append((label, items))
    imported = Imported(name, order, title, "", passport, [], [], registry.parties, registry.people, reader.report)
    imported.activities, imported.sections = reader.build_structure(header, rows)
    reader.resolve_cells(imported.all_activities(), rows)
    imported.heading_comments = reader.heading_comments
    imported.activities_title = reader.activities_title
    if not title:
        imported.title = ["TODO: заголовок плана не найден"]
        imported.title_todo = "заголовок плана не найден в документе"
        reader.warn("IM130", "заголовок плана (строки над таблицей) не найден; в плане оставлено TODO",
                    "впишите plan: title: вручную")
    _period(imported, reader)
    _report_directory(imported, reader)
    imported.info.extend(reader.info)
    return imported


def _check_marks(reader: _Reader, order: Optional[OrderOut], marks: list["_Mark"]) -> None:
    """An approval stamp is reported; the appendix mark gives issuer_genitive and is cross-checked."""
    for mark in marks:
        if mark.kind == "stamp":
            details = ", ".join(x for x in (
                f"приказ {mark.genitive}" if mark.genitive else "",
                f"от {mark.date:%d.%m.%Y}" if mark.date else "",
                f"№ {mark.number}" if mark.number else "") if x)
            tail = ("в плане отметку о приложении строит стиль из order:" if order is not None else
                    "в плане без приказа (order:) гриф не печатается — добавьте order:, если он нужен")
            reader.warn("IM131", f"найден гриф утверждения «{_short(mark.text, 60)}»"
                        f"{f' ({details})' if details else ''}; {tail}", "")
        if order is None:
            continue
        if mark.genitive and not order.issuer_genitive:
            order.issuer_genitive = mark.genitive
        if mark.date and order.date and mark.date != order.date:
            reader.warn("IM134", f"дата в отметке «{_short(mark.text, 40)}» ({mark.date:%d.%m.%Y}) не совпадает "
                        f"с датой приказа ({order.date:%d.%m.%Y}); в плане — дата приказа", "")
        if mark.number and order.number and mark.number != order.number:
            reader.warn("IM134", f"номер в отметке «{mark.number}» не совпадает с номером приказа "
                        f"«{order.number}»; в плане — номер приказа", "")
    if order is not None and not order.issuer_genitive:
        reader.info.append("организация в родительном падеже (issuer_genitive) не найдена — отметка о приложении "
                           "будет без неё")


_PERIOD_RANGE = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})\s*(?:гг?\.?|год\w*)?\s*(учебн\w*\s+год\w*)?", re.I)
_PERIOD_ONE = re.compile(r"\bна\s+(\d{4})\s*(?:(?:учебный\s+)?год|г\.)", re.I)


def _period(imported: Imported, reader: _Reader) -> None:
    from .deadline import parse_deadline
    from .model import parse_period

    title = " ".join(imported.title)
    ranges = list(_PERIOD_RANGE.finditer(title))
    text = ""
    if ranges:
        m = ranges[-1]
        text = f"{m.group(1)}-{m.group(2)}" + (" учебный год" if m.group(3) else "")
    else:
        one = _PERIOD_ONE.search(title)
        if one:
            text = one.group(1)
    period = parse_period(text) if text else None
    if period is None:
        if text:
            reader.info.append(f"период «{text}» из заголовка не распознан")
        return
    for activity in imported.all_activities():
        if not activity.deadline:
            continue
        span = parse_deadline(activity.deadline).span()
        if span and (span[0] < period.start or span[1] > period.end):
            where = activity.number.text if activity.number else activity.label
            imported.period_todo = (f"TODO: период {text} (из заголовка) не указан: срок «{activity.deadline}» "
                                    f"мероприятия {where} выходит за него")
            reader.warn("IM133", f"{activity.label}: срок «{activity.deadline}» (мероприятие {where}) выходит за "
                        f"период {text} из заголовка; период в план не записан", "проверьте срок или заголовок")
            return
    imported.period = text


def _report_directory(imported: Imported, reader: _Reader) -> None:
    invented = [p for p in imported.parties.values() if p.invented]
    if invented:
        listed = ", ".join(f"{p.code} — «{_short(p.name, 40)}»" for p in invented[:8])
        more = " …" if len(invented) > 8 else ""
        prints = ""
        if getattr(reader.style, "responsible_format", "") == "code":
            prints = f"; стиль «{reader.style.name}» печатает ответственных кодами"
        reader.warn("IM121", f"организациям без кода даны сокращения: {listed}{more}{prints}",
                    "проверьте коды и наименования в справочнике")
    bare = [p.code for p in imported.parties.values() if not p.name_known]
    if bare:
        reader.warn("IM124", f"для кодов {', '.join(bare)} полные наименования в документе не найдены: в справочник "
                    "записан сам код", "впишите наименования в справочник (name:)")


# --------------------------------------------------------------------------- YAML


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _text(lines: list[str]) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if len(lines) > 1:
        return LiteralScalarString("\n".join(lines))
    value = lines[0] if lines else ""
    if len(value) > 90 and not value.startswith((" ", "#")):
        return FoldedScalarString(value)
    return value


def _ordered(mapping: dict[str, Any], spec: Any) -> Any:
    """A CommentedMap with the keys in the order the format (spec.py) lists them."""
    from ruamel.yaml.comments import CommentedMap

    order = [f.key for f in spec.fields]
    out = CommentedMap()
    for key in sorted((k for k in mapping if mapping[k] is not None), key=lambda k: order.index(k)):
        out[key] = mapping[key]
    return out


def _flow(items: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def plan_yaml(imported: Imported, style: str, directory_ref: Optional[str], docx_name: str) -> str:
    """The plan file text (ruamel round-trip dump, keys in the order of spec.py, comments for the clerk)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from .spec import ACTIVITY, ORDER, PLAN, PLAN_BODY, POINT, SECTION, SUBSECTION

    root: dict[str, Any] = {"format": 1, "style": style, "directory": directory_ref}
    if imported.order is not None:
        root["order"] = _order_map(imported.order, ORDER, POINT)
    body: dict[str, Any] = {"title": _text(imported.title) if len(imported.title) > 1 else imported.title[0]}
    if imported.period:
        body["period"] = imported.period
    if imported.passport:
        passport = CommentedSeq()
        for label, items in imported.passport:
            passport.append(CommentedMap([("label", label), ("items", CommentedSeq(_text([i]) for i in items))]))
        body["passport"] = passport
    if imported.activities:
        if imported.activities_title:
            body["activities_title"] = imported.activities_title
        body["activities"] = _activities(imported.activities, ACTIVITY, 4)
    if imported.sections:
        sections = CommentedSeq()
        for n, section in enumerate(imported.sections):
            sections.append(_section(section, SECTION, ACTIVITY, SUBSECTION, 8))
            if section.label and section.label != "между частями таблицы":
                sections.yaml_set_comment_before_after_key(n, before=_section_comment(section), indent=4)
        body["sections"] = sections
    plan_map = _ordered(body, PLAN_BODY)
    if imported.title_todo:
        plan_map.yaml_add_eol_comment(f"TODO: {imported.title_todo}", "title")
    if imported.period_todo:
        after = "passport" if "passport" in plan_map else "activities" if "activities" in plan_map else "sections"
        if after in plan_map:
            plan_map.yaml_set_comment_before_after_key(after, before=imported.period_todo, indent=2)
    if imported.heading_comments:
        target = "activities" if "activities" in plan_map else None
        if target:
            text = "\n".join(f"в документе ещё один заголовок среди мероприятий верхнего уровня: «{h}»"
                             for h in imported.heading_comments)
            plan_map.yaml_set_comment_before_after_key(target, before=text, indent=2)
    root["plan"] = plan_map
    doc = _ordered(root, PLAN)
    doc.yaml_set_start_comment(
        f"Импортировано из «{docx_name}» командой orderforge import.\n"
        "Проверьте места с пометкой TODO и предупреждения импорта, затем: orderforge validate")
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    return buffer.getvalue()


def _order_map(order: OrderOut, spec: Any, point_spec: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    points = CommentedSeq()
    for point in order.points:
        text = point.text or ["TODO: текст пункта не найден"]
        if not point.items:
            points.append(_text(text))
            continue
        kinds = Counter(point.kinds)
        style = "dash" if kinds["dash"] > kinds["numbered"] else "numbered"
        points.append(_ordered({"text": _text(text), "items": CommentedSeq(_text(i) for i in point.items),
                                "list": style}, point_spec))
    if not points:
        points.append("TODO: пункты приказа не найдены")
    values: dict[str, Any] = {
        "kind": order.kind,
        "issuer": CommentedSeq(order.issuer or ["TODO: наименование организации не найдено"]),
        "issuer_genitive": order.issuer_genitive or None,
        "date": order.date or "TODO: дата приказа не найдена",
        "number": order.number or "TODO: номер не найден",
        "place": order.place or None,
        "title": _text(order.title) if order.title else "TODO: заголовок приказа не найден",
        "preamble": _text(order.preamble) if order.preamble else None,
        "operative": order.operative or None,
        "points": points,
        "control": _text([order.control]) if order.control else None,
        "signatory": order.signatory or "TODO: подписант не найден",
    }
    mapping = _ordered(values, spec)
    for key, message in order.todo.items():
        if key in ("issuer", "points"):
            mapping.yaml_set_comment_before_after_key(key, before=f"TODO: {message}", indent=2)
        else:
            mapping.yaml_add_eol_comment(f"TODO: {message}", key)
    return mapping


def _activity_map(activity: ActivityOut, spec: Any) -> Any:
    values: dict[str, Any] = {
        "text": _text(activity.text),
        "deadline": activity.deadline or None,
        "responsible": _flow(activity.responsible) if activity.responsible else None,
        "result": _text(activity.result) if activity.result else None,
        "note": activity.note or None,
    }
    return _ordered(values, spec)


def _activities(activities: list[ActivityOut], spec: Any, indent: int) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq()
    for n, activity in enumerate(activities):
        seq.append(_activity_map(activity, spec))
        where = f"{activity.number.text} ({activity.label})" if activity.number else f"без номера ({activity.label})"
        comment = "; ".join([where] + activity.remarks)
        seq.yaml_set_comment_before_after_key(n, before=comment, indent=indent)
    return seq


def _section_comment(section: SectionOut) -> str:
    number = ".".join(map(str, section.number)) + "." if section.number and section.numbered else "без номера"
    return f"{number} ({section.label})" + (f"; TODO: {section.todo}" if section.todo else "")


def _section(section: SectionOut, spec: Any, activity_spec: Any, sub_spec: Any, indent: int) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    values: dict[str, Any] = {
        "title": section.title,
        "numbered": None if section.numbered else "нет",
        "activities": _activities(section.activities, activity_spec, indent) if section.activities else None,
    }
    if section.sections and sub_spec is not None:
        subs = CommentedSeq()
        for n, sub in enumerate(section.sections):
            subs.append(_section(sub, sub_spec, activity_spec, None, indent + 4))
            if sub.label:
                subs.yaml_set_comment_before_after_key(n, before=_section_comment(sub), indent=indent)
        values["sections"] = subs
    return _ordered(values, spec)


def directory_yaml(existing_text: Optional[str], imported: Imported, docx_name: str) -> tuple[str, list[str], list[str]]:
    """The directory file: the existing one with new entries appended (nothing changed), or a new one."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: F401

    yaml = _yaml()
    yaml.preserve_quotes = True
    root = yaml.load(existing_text) if existing_text and existing_text.strip() else None
    if root is None:
        root = CommentedMap()
        root.yaml_set_start_comment(
            f"Справочник ответственных, собранный командой orderforge import из «{docx_name}».\n"
            "Коды и наименования — как в документе; проверьте записи с пометкой TODO.")
    added_parties, added_people = [], []
    if imported.parties:
        parties = root.get("parties")
        if parties is None:
            parties = root["parties"] = CommentedMap()
        for code, party in imported.parties.items():
            if code in parties:
                continue
            parties[code] = CommentedMap([("name", party.name)])
            if not party.name_known:
                parties[code].yaml_add_eol_comment("TODO: полное наименование не найдено в документе", "name")
            elif party.invented:
                parties[code].yaml_add_eol_comment("код придуман при импорте — проверьте", "name")
            added_parties.append(code)
    if imported.people:
        people = root.get("people")
        if people is None:
            people = root["people"] = CommentedMap()
        for pid, person in imported.people.items():
            if pid in people:
                continue
            entry = CommentedMap()
            entry["surname"] = person.surname
            if person.name:
                entry["name"] = person.name
            if person.patronymic:
                entry["patronymic"] = person.patronymic
            if person.initials:
                entry["initials"] = person.initials
            if person.position:
                entry["position"] = person.position
            if len(person.signature_position) > 1:
                entry["signature_position"] = _text(person.signature_position)
            people[pid] = entry
            added_people.append(pid)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue(), added_parties, added_people


# --------------------------------------------------------------------------- the command


@dataclass
class ImportResult:
    source: str
    plan: Path
    directory: Path
    directory_existed: bool
    imported: Imported
    added_parties: list[str]
    added_people: list[str]
    validation: list[Diagnostic]
    written: bool = True

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.imported.report if d.severity == "warning"]

    def counts(self) -> dict[str, int]:
        sections = self.imported.sections
        return {
            "sections": len(sections),
            "subsections": sum(len(s.sections) for s in sections),
            "activities": len(self.imported.all_activities()),
            "top_level_activities": len(self.imported.activities),
            "parties_added": len(self.added_parties),
            "people_added": len(self.added_people),
            "warnings": len(self.warnings),
        }

    def summary(self) -> list[str]:
        c = self.counts()
        parts = [f"разделов {c['sections']}"]
        if c["subsections"]:
            parts.append(f"подразделов {c['subsections']}")
        parts += [f"мероприятий {c['activities']}", f"предупреждений {c['warnings']}"]
        lines = [f"импортировано: {', '.join(parts)} → {_display(self.plan)}"]
        action = "дополнен" if self.directory_existed else "создан"
        lines.append(f"справочник {_display(self.directory)} {action}: организаций +{c['parties_added']}, "
                     f"людей +{c['people_added']}")
        errors = [d for d in self.validation if d.severity == "error"]
        if errors:
            lines.append(f"план требует правки: ошибок {len(errors)} (места с TODO); "
                         f"проверьте: orderforge validate {_display(self.plan)}")
        return lines

    def to_json(self) -> dict[str, Any]:
        order = self.imported.order
        return {
            "ok": True,
            "source": self.source,
            "plan": _display(self.plan),
            "directory": _display(self.directory),
            "directory_existed": self.directory_existed,
            "counts": self.counts(),
            "order": None if order is None else {
                "kind": order.kind, "date": order.date.isoformat() if order.date else None,
                "number": order.number or None, "title": " ".join(order.title) or None, "points": len(order.points),
                "signatory": order.signatory or None, "todo": sorted(order.todo),
            },
            "period": self.imported.period or None,
            "added": {"parties": self.added_parties, "people": self.added_people},
            "diagnostics": [d.to_json() for d in self.imported.report],
            "validation": [d.to_json() for d in self.validation],
            "info": self.imported.info,
        }


def _display(path: Path) -> str:
    from .validate import display_path

    return display_path(path)


def default_plan_path(docx: Path) -> Path:
    return PLANS_DIR / f"{slug(docx.stem, 60) or 'imported-plan'}.yaml"


def import_docx(docx: Path, output: Optional[Path] = None, *, style: str = DEFAULT_STYLE, force: bool = False,
                directory: Optional[Path] = None) -> ImportResult:
    """Read ``docx`` and write the plan (and merge its directory). Raises UserError; writes nothing then."""
    from .style import StyleNotFound, find_style, load_style
    from .validate import display_path, load_directory, load_plan
    from .write import write_atomic

    name = display_path(docx)
    plan_path = output if output is not None else default_plan_path(docx)
    if plan_path.is_dir() or str(plan_path).endswith(("/", "\\")):
        plan_path = plan_path / f"{slug(docx.stem, 60) or 'imported-plan'}.yaml"
    if plan_path.suffix != ".yaml":
        raise UserError.simple("IM004", str(plan_path), "файл плана должен иметь расширение .yaml",
                               f"например: -o plans/{slug(docx.stem, 60) or 'plan'}.yaml")
    if plan_path.exists() and not force:
        raise UserError.simple("IM004", display_path(plan_path), "план уже существует и не будет перезаписан",
                               "укажите другое имя (-o …) или добавьте --force")
    try:
        find_style(style, plan_path.resolve().parent)
    except StyleNotFound as exc:
        raise UserError.simple("IM005", style, str(exc), exc.hint) from None
    style_obj = load_style(style, plan_path.resolve().parent)
    blocks, numbering = read_document(docx, name)
    # the directory: given, the shared directory.yaml beside the plan, or <plan>.directory.yaml
    shared = plan_path.parent / "directory.yaml"
    if directory is None:
        directory = shared if shared.is_file() else plan_path.with_name(f"{plan_path.stem}.directory.yaml")
    existed = directory.is_file()
    load_report = Report()
    existing = load_directory(directory, load_report) if existed else None
    if load_report.has_errors:
        raise UserError(load_report.errors, exit_code=1)
    from .model import Directory

    report = Report()
    registry = Registry(existing or Directory(), report, Pos(name))
    imported = read_plan(blocks, numbering, name, registry, style_obj)
    if directory.resolve() == shared.resolve() and directory.parent.resolve() == plan_path.parent.resolve():
        directory_ref: Optional[str] = None  # found by default
    else:
        import os

        directory_ref = Path(os.path.relpath(directory.resolve(), plan_path.resolve().parent)).as_posix()
    plan_text = plan_yaml(imported, style, directory_ref, docx.name)
    existing_text = directory.read_text(encoding="utf-8-sig") if existed else None
    directory_text, added_parties, added_people = directory_yaml(existing_text, imported, docx.name)
    if existed and not added_parties and not added_people:
        pass  # nothing new: leave the file byte for byte as it was
    else:
        write_atomic(directory, directory_text.encode("utf-8"))
    write_atomic(plan_path, plan_text.encode("utf-8"))
    _, check = load_plan(plan_path)
    return ImportResult(name, plan_path, directory, existed, imported, added_parties, added_people, check.items)


def failure_json(exc: UserError) -> str:
    return json.dumps({"ok": False, "diagnostics": [d.to_json() for d in exc.diagnostics]}, ensure_ascii=False,
                      indent=2)


def result_json(result: ImportResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)


__all__ = [
    "DEFAULT_STYLE", "ImportResult", "Imported", "clean", "column_role", "failure_json", "import_docx",
    "parse_date", "parse_responsible", "read_document", "read_plan", "result_json", "singular_position",
    "slug", "split_party_names", "translit",
]
