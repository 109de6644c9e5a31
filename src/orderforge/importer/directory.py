"""The directory of parties and people: matched while reading, merged into directory.yaml.

:class:`Registry` collects the parties and people the document names, reusing
the existing directory's codes and ids and never changing its entries
(differences are IM123, taken ids IM122); :func:`directory_yaml` appends the new
entries to the existing file (or starts one); :func:`_report_directory` reports
invented codes (IM121) and codes without a full name (IM124).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping

from ..diagnostics import Pos, Report
from ..lazyre import LazyPattern
from .cells import abbreviation
from .imported import Imported, PartyOut, PersonOut, _Reader
from .text import _key, _short, slug

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs import's start-up (issue 11)
    from typing import Any, TypeVar

    from ..yamltree import Node

    _Entry = TypeVar("_Entry", PartyOut, PersonOut)


class Registry:
    """Parties and people found in the document, matched against an existing directory.

    Existing entries are never changed: a name or person already there is
    reused under its own code or id; differences are reported as conflicts.
    """

    def __init__(self, existing: Any, report: Report, pos: Pos, *, ids: bool = False) -> None:
        self.existing = existing  # orderforge.planmodel.Directory
        # ids: a party written out in full gets a latin id (never printed: the style prints names), not an
        # abbreviation a clerk would take for the committee's own code («РШМО», «КР91К»)
        self.ids = ids
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
        for code, _party in self.existing.parties.items():  # the document may print codes of a known party
            if _key(code) == key:
                return code
        base = party_id(name) if self.ids else abbreviation(name)
        code, n = base, 1
        while self._taken(code):
            n += 1
            code = f"{base}-{n}" if self.ids else f"{base}{n}"
        self.parties[code] = PartyOut(code, name, invented=not self.ids)
        self._party_by_name[key] = code
        return code

    def known_names(self) -> frozenset[str]:
        """Names of the existing directory's parties (normalised): never split by the heuristics."""
        return frozenset(key for key, code in self._party_by_name.items() if code in self.existing.parties)

    # -- people

    def person(self, surname: str, initials: str, name: str = "", patronymic: str = "",
               position: str = "", where: str = "", signature: list[str] | None = None) -> str:
        """The id of a person named in the document, registered on first sight.

        ``signature`` are the position lines under the order's signature: they are
        the person's signature_position, and their position only until the table
        names another («Директор» signs, the table says «заместитель директора»).
        """
        initials = initials or "".join(f"{p[0]}." for p in (name, patronymic) if p)
        found_key = (_key(surname), _initials_key(initials))
        pid = self._person_by_name.get(found_key)
        if pid is not None:
            if signature is not None:
                self._check_signature(pid, signature, where)
            else:
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
                                     position, list(signature or []), signature is not None)
        self._person_by_name[found_key] = pid
        return pid

    def _check_signature(self, pid: str, lines: list[str], where: str) -> None:
        """The signature of someone already known: kept as their signature_position, never their position."""
        if pid in self.people:
            person = self.people[pid]
            if not person.signature_position:
                person.signature_position = list(lines)
            return
        existing = self.existing.people[pid]
        own = existing.signature_position or []
        known = ([own] if isinstance(own, str) else [str(x) for x in own]) or [existing.position or ""]
        if _key(" ".join(known)) != _key(" ".join(lines)):
            self._conflict(f"{where}должность в подписи «{' '.join(lines)}» у «{pid}» расходится с записанной в "
                           f"справочнике «{' '.join(known)}»; оставлена прежняя")
    def _check_position(self, pid: str, position: str, where: str) -> None:
        if not position:
            return
        if pid in self.people:
            person = self.people[pid]
            if not person.position or person.position_from_signature:
                person.position = position
                person.position_from_signature = False
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


def party_id(name: str) -> str:
    """«Классные руководители 9, 11 классов» → klassnye-rukovoditeli-9-11: an id for the plan, like a person's."""
    words = slug(name, 200).split("-")
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 40 and out:
            break
        out = f"{out}-{word}" if out else word
    return out or "party"


ID = LazyPattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _initials_key(initials: str) -> str:
    return re.sub(r"[\s.]", "", initials or "").upper()


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


def _yaml() -> Any:
    from ..yamlrt import round_trip_yaml

    return round_trip_yaml()


def _text(lines: list[str]) -> Any:
    """Lines as ruamel writes them: several as a literal block, a long one folded."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if len(lines) > 1:
        return LiteralScalarString("\n".join(lines))
    value = lines[0] if lines else ""
    if len(value) > 90 and not value.startswith((" ", "#")):
        return FoldedScalarString(value)
    return value


def directory_yaml(existing_text: str | None, imported: Imported, docx_name: str) -> tuple[str, list[str], list[str]]:
    """The directory file: the existing one with new entries appended (nothing changed), or a new one.

    A new one of plain one-line values is written directly (:func:`_new_directory`), without ruamel;
    an existing file is merged through ruamel's round trip, which keeps the clerk's text as it was."""
    if not (existing_text and existing_text.strip()):
        made = _new_directory(imported, docx_name)
        if made is not None:
            return made, list(imported.parties), list(imported.people)
    return round_trip_directory(existing_text, imported, docx_name)


def round_trip_directory(existing_text: str | None, imported: Imported, docx_name: str
                         ) -> tuple[str, list[str], list[str]]:
    """:func:`directory_yaml` through ruamel's round trip: the existing file's text kept, new entries appended."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _yaml()
    yaml.preserve_quotes = True
    root = yaml.load(existing_text) if existing_text and existing_text.strip() else None
    if root is None:
        root = CommentedMap()
        root.yaml_set_start_comment(_start_comment(docx_name))
    added_parties = _append_new(root, "parties", imported.parties, _party_entry)
    added_people = _append_new(root, "people", imported.people, _person_entry)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue(), added_parties, added_people


def _start_comment(docx_name: str) -> str:
    return (f"Справочник ответственных, собранный командой orderforge import из «{docx_name}».\n"
            "Коды и наименования — как в документе; проверьте записи с пометкой TODO.")


def _new_directory(imported: Imported, docx_name: str) -> str | None:
    """A new directory's text, as ruamel's dump of the same entries gives it, written by :mod:`.yamltext`
    (importing ruamel and building its tree was a tenth of a 1,000-row import).

    None — ruamel writes it then — when a key or value is not plain text on one line of the width (ruamel
    wraps a long plain value over lines, fmt's writer folds it) or a signature needs a block of its own;
    tests/test_import_yaml_writer.py checks that the text is ruamel's, byte for byte."""
    from .yamltext import dump

    root = _new_root(imported)
    return dump(root, _start_comment(docx_name)) if root is not None else None


def new_directory_tree(imported: Imported, docx_name: str, text: str, shown: str) -> Node | None:
    """The tree the loader reads from a new directory :func:`directory_yaml` wrote as ``text`` (a file shown as
    ``shown``), built by the writer (:func:`.treewrite.dump_tree`); None when it was not written that way or the
    writer cannot vouch for it. ``import`` checks its plan against that directory right after writing both."""
    from .treewrite import dump_tree

    root = _new_root(imported)
    if root is None:
        return None
    written, tree = dump_tree(root, _start_comment(docx_name), shown)
    return tree if written == text else None


def _new_root(imported: Imported) -> Any:
    """The new directory's entries for :mod:`.yamltext`, or None where only ruamel writes them as ruamel does."""
    from .yamltext import Map, plain_line

    root = Map()
    if imported.parties:
        parties = root["parties"] = Map()
        for code, party in imported.parties.items():
            entry = parties[code] = Map([("name", party.name)])
            comment = _party_comment(code, party)
            if comment:
                entry.comment_eol("name", comment)
    if imported.people:
        people = root["people"] = Map()
        for pid, person in imported.people.items():
            if _own_signature(person):
                return None
            people[pid] = Map((key, getattr(person, key)) for key in ("surname", "name", "patronymic", "initials",
                                                                      "position") if key == "surname" or
                              getattr(person, key))
    for indent, key, value in _entries(root):
        if not plain_line(key, indent) or value is not None and not plain_line(value, indent + len(key) + 2):
            return None
    return root if root else None


def _entries(root: Any) -> Any:
    """(indentation, key, scalar value or None) of every entry of the directory tree."""
    for section, entries in root.items():
        yield 0, section, None
        for ident, entry in entries.items():
            yield 2, ident, None
            for key, value in entry.items():
                yield 4, key, value


def _append_new(root: Any, key: str, entries: Mapping[str, _Entry], make: Callable[[str, _Entry], Any]) -> list[str]:
    """New entries appended under ``key:`` (``parties:``, ``people:``), existing ones never touched; their ids.

    One function for both lists: a clerk's directory is only ever added to, the same way for each."""
    from ruamel.yaml.comments import CommentedMap

    added: list[str] = []
    if not entries:
        return added
    section = root.get(key)
    if section is None:
        section = root[key] = CommentedMap()
    for ident, value in entries.items():
        if ident not in section:
            section[ident] = make(ident, value)
            added.append(ident)
    return added


def _party_entry(code: str, party: PartyOut) -> Any:
    """``name:`` of a new party, with what the clerk should check as its end-of-line comment."""
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap([("name", party.name)])
    comment = _party_comment(code, party)
    if comment:
        entry.yaml_add_eol_comment(comment, "name")
    return entry


def _person_entry(pid: str, person: PersonOut) -> Any:
    """A new person: surname first, then the parts of the name and position the document gave."""
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    entry["surname"] = person.surname
    for key in ("name", "patronymic", "initials", "position"):
        if getattr(person, key):
            entry[key] = getattr(person, key)
    if _own_signature(person):
        entry["signature_position"] = _text(person.signature_position)
    return entry


def _party_comment(code: str, party: PartyOut) -> str:
    """What the clerk should know about a new party entry: a TODO, a made-up code, or an id never printed."""
    if not party.name_known:
        return "TODO: полное наименование не найдено в документе"
    if party.invented:
        return "код придуман при импорте — проверьте"
    if ID.match(code) and code != party.name:
        return "идентификатор для плана; в документе печатается наименование"
    return ""


def _own_signature(person: PersonOut) -> bool:
    """Whether the signature lines say more than the position (other words, or broken over lines)."""
    lines = person.signature_position
    return bool(lines) and (len(lines) > 1 or _key(lines[0]) != _key(person.position))
