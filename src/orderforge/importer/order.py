"""The text before the plan table, and the order (приказ, распоряжение) read from it.

:func:`front_lines` flattens the paragraphs and small layout tables before the
plan table into :class:`~.imported.Line` s (passport-like tables are kept apart);
:class:`_OrderReader` reads from them the kind, date, number and place, the
title («О…»/«Об…»), the preamble up to the operative word, the points with their
sub-points, the control clause and the signatory. What is not found is left as
``TODO`` and reported (IM130).
"""

from __future__ import annotations

import re

from ..dates import find_date
from ..docxtext import Paragraph, Table
from ..lazyre import LazyPattern
from .cells import _SURNAME
from .docfile import _with_marker
from .imported import Line, OrderOut, PointOut, _Reader
from .tables import _grid
from .text import _key, _short, _text_lines, clean

_NUMBER_SIGN = LazyPattern(r"№\s*([^\s,;]+(?:\s*-\s*[^\s,;]+)*)")
_PLACE = LazyPattern(r"^(г\.|город|гор\.|пос\.|посёлок|поселок|п\.|с\.|пгт\.?|ст\.|д\.)\s*[А-ЯЁ]")
_TITLE_START = LazyPattern(r"^(Об?|О)\s+\S")
_PREAMBLE_WORDS = {
    "В", "Во", "На", "С", "Со", "Руководствуясь", "Согласно", "Для", "По", "Рассмотрев", "Учитывая",
    "Принимая", "Заслушав", "Исходя", "Основываясь", "Следуя", "Как", "Во исполнение",
}
_OPERATIVE_WORDS = ("приказываю", "обязываю", "постановляю", "распоряжаюсь", "предлагаю", "решил", "решила")
_OPERATIVE = LazyPattern(
    r"(?:^|(?<=\s)|(?<=[.,;»)]))(" + "|".join(r"\s*".join(w) for w in _OPERATIVE_WORDS) + r")\s*:?\s*$", re.I)
_KINDS = {"ПРИКАЗ": "приказ", "РАСПОРЯЖЕНИЕ": "распоряжение"}
_KIND_LINE = LazyPattern(r"^\s*(" + "|".join(r"\s*".join(k) for k in _KINDS) + r")(?![А-ЯЁа-яё])\s*(.*)$")
_OTHER_KINDS = LazyPattern(r"^\s*(" + "|".join(r"\s*".join(k) for k in ("ПОСТАНОВЛЕНИЕ", "РЕШЕНИЕ")) + r")\s*$")
_POINT = LazyPattern(r"^(\d{1,2})\.\s*(?!\d)(.*)$")
_SUB_NUM = LazyPattern(r"^(?:\d{1,2}\)|[а-яa-z]\)|\d{1,2}\.\d{1,2}\.?)\s*(.*)$")
_SUB_DASH = LazyPattern(r"^[-–—•▪●·]\s*(.*)$")
_APPENDIX = LazyPattern(r"^приложение\b", re.I)
_STAMP = LazyPattern(r"^(УТВЕРЖД(?:[ЕЁ]Н|ЕНА|ЕНО|ЕНЫ|АЮ)|Утвержд(?:[её]н|ена|ено|ены))\b")
_ACQUAINTED = LazyPattern(r"^(с приказом|с распоряжением)\s+ознакомлен", re.I)


def parse_number_sign(text: str) -> str:
    """The order number after «№»: «№ 245-о от …» → «245-о»; "" when there is none.

    A «№» inside quotes is part of a name («МБОУ «СОШ № 3»»), one after «Приложение»
    numbers the appendix, and «№ _______» is a blank left in a draft: none of them is
    the order's number.
    """
    for m in _NUMBER_SIGN.finditer(text):
        if _in_quotes(text, m.start()) or re.search(r"приложени[еяи]\s*$", text[: m.start()], re.I):
            continue
        value = re.sub(r"\s*-\s*", "-", m.group(1)).strip(".,;")
        return "" if _is_blank(value) else value
    return ""


def _in_quotes(text: str, at: int) -> bool:
    """Whether position ``at`` is inside «…» (nested allowed) or "…"."""
    before = text[:at]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1


def _is_blank(value: str) -> bool:
    """«_______», «____», «…»: a place left to fill in by hand, not a value."""
    return not re.sub(r"[_\s.…]", "", value)


def cut_at_number_sign(text: str) -> str:
    """«Управления образования № 245-о» → «Управления образования»: the genitive ends where the
    order's number begins (a «№» inside quotes belongs to the name and is kept)."""
    for m in re.finditer("№", text):
        if not _in_quotes(text, m.start()):
            return clean(text[: m.start()])
    return clean(text)


def _signature_name(text: str) -> tuple[str, str, str] | None:
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


def front_lines(reader: _Reader, before: int) -> tuple[list[Line], list[tuple[int, Table]]]:
    """Paragraphs before the plan table; small layout tables flattened, passport-like tables kept apart."""
    lines: list[Line] = []
    tables: list[tuple[int, Table]] = []
    for index, block in enumerate(reader.blocks[:before]):
        if isinstance(block, Paragraph):
            marked = _with_marker(block.text, block.label)
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


class _OrderReader:
    """Reads the приказ around the plan table from the lines before it."""

    def __init__(self, reader: _Reader, lines: list[Line]) -> None:
        self.reader = reader
        self.lines = lines

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.reader.warn(code, message, hint)

    def _kind(self) -> tuple[int, str, str] | None:
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

    def read(self) -> tuple[OrderOut | None, int]:
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
                                              where="подпись приказа: ", signature=position_lines)
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
            if text and not (find_date(text) or "№" in text or _PLACE.match(text) or len(text) < 40):
                break
            head.append(line.raw)
            i += 1
        for raw in head:
            for part in re.split(r"\t+|\s{3,}", raw):
                part = clean(part)
                if not part:
                    continue
                if order.date is None:
                    order.date = find_date(part)
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

    def _find_signature(self, start: int) -> tuple[int, int, list[str], str, str] | None:
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
                left = [x.text for _, x in row if x.col < line.col and x.text]
                return first, j, left or ([position_text] if position_text else []), surname, initials
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
        from ..resolve import KIND_GENITIVE, fill

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
            "issuer": (not order.issuer,
                       "наименование организации (строки над словом «ПРИКАЗ» / «РАСПОРЯЖЕНИЕ») не найдено"),
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
