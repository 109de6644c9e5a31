"""Rows of the plan table → top-level activities, sections and subsections.

Each row is classified (heading, activity, page-break fragment, nothing) and
placed by its own number (:class:`_Structure`); every inconsistency in the
numbering — gaps and repeats, «2.8» vs «2.8.», missing section or subsection
headers, activities away from their number — is a warning (IM102–IM107), since
the build renumbers anyway. Fragments are joined to the activity they continue.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice

from .imported import ActivityOut, Number, SectionOut, _Reader
from .rownumbers import parse_number, split_leading_number, text_number
from .tables import Header, Row
from .text import _short, _text_lines


def build_structure(reader: _Reader, header: Header, rows: list[Row]) -> tuple[list[ActivityOut], list[SectionOut]]:
    has_numbers = "number" in header.roles()
    rows = [_place_text_label(reader, row) if row.text_label else row for row in rows]
    read = [_kind_and_number(row, has_numbers) for row in rows]
    kinds = [kind for kind, _ in read]
    numbers: list[Number | None] = [number for _, number in read]
    activity_depths = Counter(len(n.parts) for k, n in read if n and k == "activity")
    # most_common(1) without its heapq import: max keeps the first of equal counts, as nlargest(1) does
    usual_depth = max(activity_depths.items(), key=lambda item: item[1])[0] if activity_depths else 0
    # A row with a number and only a title is a heading when what follows is numbered under it
    # («1.2. | Система работы …» before 1.2.1), or when it is shallower than the activities.
    for i, kind in enumerate(kinds):
        if kind != "maybe-heading":
            continue
        number = numbers[i]
        assert number is not None
        following = next((n for n in islice(numbers, i + 1, None) if n is not None), None)
        child = following is not None and following.depth > number.depth \
            and following.parts[: number.depth] == number.parts
        kinds[i] = "heading" if child or (usual_depth and number.depth < usual_depth) else "activity"
    structure = _Structure(reader, has_numbers)
    # Unnumbered section rows over activities numbered 1, 2, 3 (straight through, or again in each
    # section): two or more such headings are sections, not one activities_title and comments.
    flat_headings = [i for i, kind in enumerate(kinds)
                     if kind == "heading" and numbers[i] is None and _depth_after(kinds, numbers, i) == 1]
    structure.flat = len(flat_headings) >= 2
    for i, (row, kind, number) in enumerate(zip(rows, kinds, numbers, strict=False)):
        if kind == "activity":
            structure.activity(row, number, _activity(row, number))
        elif kind == "heading":
            structure.heading(row, number, _heading_title(row), _depth_after(kinds, numbers, i))
        elif kind == "fragment":
            structure.fragment(row)
    structure.finish()
    return structure.top, structure.sections


def _place_text_label(reader: _Reader, row: Row) -> Row:
    """A number Word draws in the activity column is the row's number when the № cell is empty (in a
    copy of the row: the rows read stay as read, for every reading of the table); when the № cell has
    one too, it is dropped from the text and said (IM108), never glued on."""
    label = row.text_label
    if not label:
        return row
    number = row.cells.get("number", [])
    if not number:
        row = row.copy()
        row.cells["number"] = [label]
        return row
    reader.warn("IM108", f"{row.label}: автоматический номер «{label}» перед текстом мероприятия убран — номер "
                f"строки уже стоит в колонке № («{_short(number[0], 12)}»)", "проверьте нумерацию строки")
    return row


def _depth_after(kinds: list[str], numbers: list[Number | None], i: int) -> int:
    """The numbering depth of the first activity after a heading (0: another heading or none)."""
    for kind, number in islice(zip(kinds, numbers, strict=False), i + 1, None):
        if kind == "heading":
            return 0
        if kind == "activity":
            return number.depth if number is not None else 0
    return 0


_TITLE_ROLES = frozenset(("number", "text"))


def _kind_and_number(row: Row, has_numbers: bool) -> tuple[str, Number | None]:
    """:func:`_classify` and :func:`_row_number`; the usual activity row — a number in the № cell and
    more than a title in another — found with one look at the number and the cells. (A merged row has one
    cell filled, so it is never taken here; nor a row whose other content is in columns outside the format.)"""
    cells = row.cells
    number_lines = cells.get("number")
    if number_lines:
        number = parse_number(number_lines[0])
        if number is not None:
            for role, lines in cells.items():
                if lines and role not in _TITLE_ROLES:
                    return "activity", number
    kind = _classify(row, has_numbers)
    return kind, _row_number(row, kind)


def _classify(row: Row, has_numbers: bool) -> str:
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
    if filled <= _TITLE_ROLES:
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


def _row_number(row: Row, kind: str) -> Number | None:
    number_lines = row.cells.get("number", [])
    if number_lines:
        return parse_number(number_lines[0]) or split_leading_number(" ".join(number_lines))[0]
    if kind == "heading":
        return split_leading_number(" ".join(_all_lines(row)[:1]))[0]
    if kind == "activity":  # no number cell: «1.1.1. Проведение ВПР …» carries its number in the text
        text = row.cells.get("text", [])
        return text_number(text[0])[0] if text else None
    return None


def _all_lines(row: Row) -> list[str]:
    out: list[str] = []
    for role in ("number", "text", "deadline", "responsible", "result", "note"):
        out.extend(row.cells.get(role, []))
    for _, lines, inherited in row.extras:
        if not inherited:
            out.extend(lines)
    return out


def _heading_title(row: Row) -> str:
    lines = _all_lines(row)
    number_lines = row.cells.get("number", [])
    if number_lines and parse_number(number_lines[0]) is not None:
        lines = lines[1:]
    return split_leading_number(" ".join(lines))[1]


_DASHES = frozenset("-–—•▪●·")  # the first characters text._text_lines turns into «- »


def _cell_text(lines: list[str]) -> list[str]:
    """:func:`~.text._text_lines`, its pattern tried only on a cell with a line that starts with a dash
    (most cells have none: a fresh list of the same lines then; tests/test_import_shortcuts.py)."""
    for line in lines:
        if line[:1] in _DASHES:
            return _text_lines(lines)
    return list(lines)


def _activity(row: Row, number: Number | None) -> ActivityOut:
    """An activity row as read, its deadline and responsible still lines (:mod:`.resolving` reads them)."""
    cells, inherited = row.cells, row.inherited  # Row.get written out: five cells of every activity
    number_lines = cells.get("number", [])
    text = _cell_text(cells.get("text") or inherited.get("text") or [])
    if number_lines and parse_number(number_lines[0]) is None:
        text = _text_lines(number_lines) + text  # text in the number cell: keep it rather than lose it
    elif len(number_lines) > 1:
        text = _text_lines(number_lines[1:]) + text
    elif not number_lines and number is not None and text:
        text = [text_number(text[0])[1]] + text[1:]  # the number placed the activity: not printed twice
    columns = cells.get("deadline") or inherited.get("deadline")  # one string per deadline column: a range
    note = cells.get("note") or inherited.get("note")
    notes = [" ".join(note)] if note else []
    for name, lines, _ in row.extras:
        if lines:
            notes.append(f"{name}: {' '.join(lines)}" if name else " ".join(lines))
    return ActivityOut(number, row.label, text, "", None,
                       _cell_text(cells.get("result") or inherited.get("result") or []),
                       "; ".join(n for n in notes if n) if notes else "", None,
                       [" – ".join(columns)] if columns else [],
                       list(cells.get("responsible") or inherited.get("responsible") or []))


def _join_fragment(target: list[str], fragment: list[str]) -> None:
    """A page-break fragment continues the last line when it starts in lower case (or a deadline)."""
    for i, line in enumerate(fragment):
        if target and i == 0 and (line[:1].islower() or line[:1] in ",;:)»"):
            joiner = "" if line[:1] in ",;:)»" else " "
            target[-1] = f"{target[-1]}{joiner}{line}"
        else:
            target.append(line)


class _Structure:
    """Places headings and activities by their numbers, reporting every inconsistency."""

    def __init__(self, reader: _Reader, has_numbers: bool) -> None:
        self.reader = reader
        self.has_numbers = has_numbers
        self.top: list[ActivityOut] = []
        self.sections: list[SectionOut] = []
        self.section: SectionOut | None = None
        self.sub: SectionOut | None = None
        self.last: ActivityOut | None = None
        self.dots: list[tuple[Number, str]] = []
        self.unnumbered: list[str] = []
        self.flat = False  # unnumbered sections over activities numbered 1, 2, 3 (see build_structure)
        self.flat_numbers: list[tuple[int, int, str]] = []  # (number, its place in the section, label)

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

    def heading(self, row: Row, number: Number | None, title: str, next_depth: int) -> None:
        label = row.label
        if number is not None:
            self.dots.append((number, label))
        title = title or "TODO: заголовок раздела не найден"
        self.last = None
        if number is None:
            if next_depth == 1 and self.flat:
                self.section = SectionOut(title, False, None, label)
                self.sections.append(self.section)
                self.sub = None
                return
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

    def _missing_section(self, number: tuple[int, ...] | None, label: str) -> None:
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

    def activity(self, row: Row, number: Number | None, activity: ActivityOut) -> None:
        label = row.label
        self.last = activity
        if number is None:
            if self.has_numbers:
                self.unnumbered.append(label)
            self._container().append(activity)
            return
        self.dots.append((number, label))
        depth = len(number.parts)  # Number.depth, asked three times of every activity
        if depth == 1:
            self._top_level(number, activity, label)
            return
        section_no = number.parts[:1]
        if self.section is None or (self.section.number is not None and self.section.number != section_no):
            self._missing_section(section_no, label)
        assert self.section is not None
        if self.section.number is None:
            self.section.number = section_no
        if depth == 2:
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
        if depth > 3:
            self.warn("IM105", f"{label}: номер {number.text} — четвёртый уровень не поддерживается форматом; "
                      "мероприятие записано в подраздел", "")
        else:
            self._expected(len(self.sub.activities), number, label, "мероприятие")
        self.sub.activities.append(activity)

    def _top_level(self, number: Number, activity: ActivityOut, label: str) -> None:
        """An activity numbered «3.»: before the sections, in an unnumbered section of a flat plan, or
        (IM105) a stray one inside a numbered section."""
        if self.flat and self.section is not None:
            self.section.activities.append(activity)
            self.flat_numbers.append((number.parts[0], len(self.section.activities), label))
        elif not self.sections:
            self._expected(len(self.top), number, label, "мероприятие")
            self.top.append(activity)
        else:
            self.warn("IM105", f"{label}: мероприятие {number.text} без номера раздела стоит внутри раздела; "
                      "оно записано в текущий раздел и получит номер по нему", "")
            self._container().append(activity)

    def _container(self) -> list[ActivityOut]:
        if self.sub is not None:
            return self.sub.activities
        if self.section is not None:
            return self.section.activities
        return self.top

    def fragment(self, row: Row) -> None:
        """A row with no number continuing the previous activity (a page break in the middle of a row)."""
        if self.last is None:
            text = " ".join(_all_lines(row))
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
        for _name, lines, inherited in row.extras:
            if lines and not inherited:
                parts.append(f"«{_short(' '.join(lines), 30)}»")
                activity.note = f"{activity.note} {' '.join(lines)}".strip()
        where = f"мероприятию {activity.number.text}" if activity.number else "предыдущему мероприятию"
        self.warn("IM106", f"{row.label}: строка без номера ({', '.join(parts)}) — похоже, перенос со страницы; "
                  f"текст добавлен к {where}", "проверьте, что текст склеен правильно")
        activity.remarks.append(f"склеено со строкой без номера ({row.label})")

    def _flat_numbering(self) -> None:
        """Activities in unnumbered sections: numbered straight through (1…N) or again from 1 in each
        section. Which one the document does is said (the build numbers them by section); a number
        that fits neither is a warning (IM102)."""
        numbers = self.flat_numbers
        running = all(n == k for k, (n, _, _) in enumerate(numbers, start=numbers[0][0] if numbers else 1))
        restart = all(n == place for n, place, _ in numbers)
        if running or restart:
            scheme = "сквозная (1…N)" if running and not restart else "в каждом разделе с 1"
            self.reader.numbering_scheme = "running" if running and not restart else "per-section"
            self.reader.info.append(f"разделы без номеров, нумерация мероприятий {scheme}")
            return
        odd = [f"{n} ({label})" for n, place, label in numbers if n != place]
        self.warn("IM102", f"номера мероприятий в разделах без номеров идут не по порядку: "
                  f"{', '.join(odd[:8])}{' …' if len(odd) > 8 else ''}; при сборке номера будут пересчитаны",
                  "проверьте, не потерялась ли строка")

    def finish(self) -> None:
        if self.flat:
            self._flat_numbering()
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
