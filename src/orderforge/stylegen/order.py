"""The order part of a committee's document turned into template paragraphs.

Read top to bottom, the way the importer reads the same text (its patterns for
the kind word, the date, the «№», the operative word and the signature are the
ones used here), each paragraph takes the role it plays:

* the letterhead — everything above «ПРИКАЗ» (issuer lines, emblem, a layout
  table) — is the committee's own and stays as it is;
* the kind, date, number and place become ``{{ order.kind }}`` … in the same
  paragraph, tabs and layout table kept, and their wording becomes the style's
  ``date_format`` / ``number_format``;
* title, preamble and points become loops over ``order.title_lines``,
  ``order.preamble``, ``order.body``, formatted like their first paragraph;
* the signature (a table or a line with tabs) gets ``order.signature``.

What follows the signature (visas, «С приказом ознакомлены») is the clerk's
text of one order and is left out.
"""

from __future__ import annotations

import copy
import re

from ..dates import MONTHS_GENITIVE
from ..importer.order import _KIND_LINE, _NUMBER_SIGN, _OPERATIVE, _PLACE, _TITLE_START
from ..importer.text import _key, clean
from ..lazyre import LazyPattern
from ..slotted import Slotted
from .ooxml import (
    Element,
    copy_para,
    emptied,
    first_rpr,
    has_drawing,
    make,
    para_text,
    paragraphs_of,
    q,
    section_of,
    set_text,
    tag_para,
    text_run,
)

_SIGNATORY_NOT = LazyPattern(r"^(\d|контрол)", re.I)  # a line that is not a signatory's position
DATE = LazyPattern(
    r"(?:\bот\s+)?[«\"“„]?\s*(?P<d>\d{1,2})\s*[»\"”]?(?P<s1>\s*[./]?\s*)(?P<m>\d{1,2}|[а-яё]+)"
    r"(?P<s2>\s*[./]?\s*)(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*(?:года|г\.?)(?![а-яё]))?", re.I)


def date_pattern(text: str) -> tuple[str, tuple[int, int]] | None:
    """«от «11» 02 2026 г.» → («от «{dd}» {mm} {yyyy} г.», its span): the date's wording as a style format."""
    for m in DATE.finditer(text):
        month = m.group("m").lower()
        if not month.isdigit() and month not in MONTHS_GENITIVE:
            continue
        if month.isdigit() and not 1 <= int(month) <= 12:
            continue
        pieces = {"d": "{dd}" if len(m.group("d")) == 2 else "{d}",
                  "m": ("{mm}" if month.isdigit() else "{month}"), "y": "{yyyy}"}
        found = m.group(0)
        for group in ("y", "m", "d"):  # from the end, so earlier offsets stay valid
            start, end = m.start(group) - m.start(), m.end(group) - m.start()
            found = found[:start] + pieces[group] + found[end:]
        return found.strip(), m.span()
    return None


class OrderFacts(Slotted):
    """What the order part says about the house style, for style.yaml (written out, not a dataclass:
    built at every import's start)."""

    __slots__ = ("kind", "kind_display", "operative", "operative_inline", "date_format", "number_format",
                 "signature_found", "notes")
    kind: str
    kind_display: str
    operative: str
    operative_inline: bool
    date_format: str
    number_format: str
    signature_found: bool
    notes: list[tuple[str, str]]  # (where, what) not recognised

    def __init__(self, kind: str = "приказ", kind_display: str = "", operative: str = "",
                 operative_inline: bool = False, date_format: str = "", number_format: str = "",
                 signature_found: bool = False, notes: list[tuple[str, str]] | None = None) -> None:
        self.kind, self.kind_display, self.operative, self.operative_inline = kind, kind_display, operative, \
            operative_inline
        self.date_format, self.number_format, self.signature_found = date_format, number_format, signature_found
        self.notes = [] if notes is None else notes


class OrderPart:
    """Turns the order's elements (in a copy of the document tree) into the order part of a template."""

    def __init__(self, elements: list[Element], title: list[str], signatory_surname: str) -> None:
        self.elements = elements
        self.title_keys = {_key(t) for t in title}
        self.surname = signatory_surname
        self.facts = OrderFacts()

    # -- the walk

    def build(self) -> list[Element]:
        """The order part's elements, tags included; the input elements are changed in place."""
        out: list[Element] = []
        state = "letterhead"
        number = 0
        loops: dict[str, Element] = {}
        pending: list[Element] = []  # position lines seen before the name of a signature typed in paragraphs
        for element in self.elements:
            if state == "tail":
                sect = [p for p in paragraphs_of(element) if section_of(p) is not None]
                out.extend(emptied(p) for p in sect)
                continue
            if element.tag == q("tbl") and state in ("points", "preamble") and self._names_signatory(element):
                self._signature_table(element)
                out.append(element)
                state = "tail"
                continue
            if element.tag != q("p"):
                state = self._table(element, state, out)
                continue
            number += 1
            text = clean(para_text(element))
            state, made = self._paragraph(element, text, state, number, loops, pending)
            out.extend(made)
        if not self.facts.kind_display:
            self.facts.notes.append(("приказ", "слово «ПРИКАЗ» / «РАСПОРЯЖЕНИЕ» не найдено: приказ в стиле "
                                     "оформлен по ГОСТ, бланк документа не перенесён"))
            return [p for p in out if p.tag == q("p") and section_of(p) is not None] + generic_order()
        if not self.facts.signature_found:
            self.facts.notes.append(("подпись", "подпись (должность и И.О. Фамилия) не найдена: взята подпись "
                                     "по умолчанию — должность слева, имя справа"))
            out.extend(default_signature())
        return out

    def _paragraph(self, p: Element, text: str, state: str, number: int, loops: dict[str, Element],
                   pending: list[Element]) -> tuple[str, list[Element]]:
        """The new state and the elements this paragraph becomes."""
        if section_of(p) is not None:
            return state, [emptied(p)]  # a section break: its page settings are the committee's
        if state == "letterhead":
            if _KIND_LINE.match(text):
                self._head(p, text)
                return "head", [p]
            return state, [p]
        if not text:
            return state, [] if state == "points" and not has_drawing(p) else [p]
        if state == "head":
            return self._in_head(p, text, number, loops)
        if state == "title":
            if self._is_title_para(p):
                return state, []
            state = "preamble"
        if state == "preamble":
            return self._in_preamble(p, text, loops)
        if state == "points":
            return self._in_points(p, text, loops, pending)
        return state, [p]

    def _in_head(self, p: Element, text: str, number: int, loops: dict[str, Element]) -> tuple[str, list[Element]]:
        if self._is_title_para(p):
            return "title", self._loop(p, "order.title_lines", "line", loops, "title")
        if not self._head(p, text):
            self.facts.notes.append((f"абзац {number}", f"«{text[:60]}» не распознан в шапке приказа: "
                                     "оставлен как есть"))
        return "head", [p]

    def _in_preamble(self, p: Element, text: str, loops: dict[str, Element]) -> tuple[str, list[Element]]:
        m = _OPERATIVE.search(text)
        if m is not None:
            return "points", self._operative(p, text, m, loops)
        loops.setdefault("preamble", p)  # placed with the operative word, which decides the loop's shape
        return "preamble", []

    def _in_points(self, p: Element, text: str, loops: dict[str, Element],
                   pending: list[Element]) -> tuple[str, list[Element]]:
        if self.surname and self.surname in text:
            return "tail", self._signature_line(p, text, pending)
        if _looks_like_position(text):
            pending.append(copy.deepcopy(p))
        else:
            pending.clear()
        if "points" in loops:
            return "points", []
        return "points", self._loop(p, "order.body", "point", loops, "points")

    # -- roles

    def _is_title(self, text: str) -> bool:
        return _key(text) in self.title_keys or (not self.title_keys and bool(_TITLE_START.match(text)))

    def _is_title_para(self, p: Element) -> bool:
        """Every line of the paragraph is a title line (a title may hold line breaks)."""
        lines = [line for line in para_text(p).split("\n") if clean(line)]
        return bool(lines) and all(self._is_title(clean(line)) for line in lines)

    def _loop(self, p: Element, items: str, var: str, loops: dict[str, Element], role: str) -> list[Element]:
        loops[role] = p
        proto = copy_para(p, f"{{{{ {var} }}}}")
        return [tag_para(f"{{%p for {var} in {items} %}}", p), proto, tag_para("{%p endfor %}", p)]

    def _head(self, p: Element, text: str) -> bool:
        """Kind, date, number and place in this paragraph become fields; False when none is there."""
        raw = para_text(p).replace("\u00a0", " ")
        new, found = self._head_fields(raw)
        if not found:
            return False
        set_text(p, new)
        return True

    def _head_fields(self, raw: str) -> tuple[str, bool]:
        found = False
        kind = _KIND_LINE.match(raw)
        if kind is not None:
            self.facts.kind_display = clean(kind.group(1))
            self.facts.kind = "распоряжение" if kind.group(1).replace(" ", "").startswith("Р") else "приказ"
            raw = raw[: kind.start(1)] + "\x00kind\x00" + raw[kind.end(1):]
            found = True
        number = _NUMBER_SIGN.search(raw)
        if number is not None and "\x00" not in raw[number.start():number.end()]:
            self.facts.number_format = clean(raw[number.start():number.start(1)]) + " {number}"
            raw = raw[: number.start()] + "\x00number\x00" + raw[number.end():]
            found = True
        date = date_pattern(raw)
        if date is not None:
            self.facts.date_format = clean(date[0])
            start, end = date[1]
            raw = raw[:start] + "\x00date\x00" + raw[end:]
            found = True
        segments = raw.split("\t")
        for n, segment in enumerate(segments):
            if _PLACE.match(clean(segment)) and "\x00" not in segment:
                segments[n] = segment.replace(segment.strip(), "\x00place\x00")
                found = True
        raw = "\t".join(segments)
        for name in ("kind", "number", "date", "place"):
            raw = raw.replace(f"\x00{name}\x00", f"{{{{ order.{name} }}}}")
        return raw.strip(" "), found

    def _table(self, table: Element, state: str, out: list[Element]) -> str:
        """A layout table of the letterhead or the head is kept (its fields put in); one in the order's text
        (a list of members, say) is that order's own and is left out."""
        if state in ("letterhead", "head"):
            if state == "letterhead" and not any(_KIND_LINE.match(clean(para_text(p))) for p in paragraphs_of(table)):
                out.append(table)
                return state
            out.append(table)
            return self._head_table(table, state)
        self.facts.notes.append(("таблица в тексте приказа", "таблица в тексте приказа относится к одному "
                                 "приказу: в стиль не перенесена"))
        return state

    def _head_table(self, table: Element, state: str) -> str:
        """A layout table in the head (date left, number right): its paragraphs get the fields."""
        for p in paragraphs_of(table):
            text = clean(para_text(p))
            if state == "letterhead" and _KIND_LINE.match(text):
                self._head(p, text)
                state = "head"
            elif state == "head" and text:
                self._head(p, text)
        return state

    def _operative(self, p: Element, text: str, m: re.Match[str], loops: dict[str, Element]) -> list[Element]:
        """«ПРИКАЗЫВАЮ:» on its own line, or ending the last preamble paragraph (inline, its own font)."""
        word = clean(m.group(1)) + ":"
        self.facts.operative = word
        before = text[: m.start()].strip()
        proto = loops.get("preamble")
        if before:
            self.facts.operative_inline = True
            word_rpr = _last_rpr(p)
            body = copy_para(proto if proto is not None else p, "{{ para }}{% if loop.last %} ")
            for run in text_run("{{ order.operative }}", word_rpr):
                body.append(run)
            body.extend(text_run("{% endif %}", first_rpr(body)))
            alone = copy_para(p, "{{ order.operative }}")
            return [tag_para("{%p for para in order.preamble %}", p), body, tag_para("{%p endfor %}", p),
                    tag_para("{%p if not order.preamble %}", p), alone, tag_para("{%p endif %}", p)]
        out = []
        if proto is not None:
            out = [tag_para("{%p for para in order.preamble %}", proto), copy_para(proto, "{{ para }}"),
                   tag_para("{%p endfor %}", proto)]
        else:
            self.facts.notes.append(("преамбула", "абзацев перед распорядительным словом нет: преамбула будет "
                                     "напечатана в его формате"))
            out = [tag_para("{%p for para in order.preamble %}", p), copy_para(p, "{{ para }}"),
                   tag_para("{%p endfor %}", p)]
        return [*out, set_text(p, "{{ order.operative }}")]

    # -- signature

    def _names_signatory(self, table: Element) -> bool:
        return bool(self.surname) and any(self.surname in para_text(p) for p in table.iter(q("p")))

    def _signature_table(self, table: Element) -> None:
        """«position | И.О. Фамилия»: the name cell gets the name, the other cell the position lines."""
        self.facts.signature_found = True
        for tc in table.iter(q("tc")):
            paras = [p for p in tc.findall(q("p"))]
            texts = [clean(para_text(p)) for p in paras]
            if not any(texts):
                continue
            if any(self.surname in t for t in texts):
                named = next(p for p, t in zip(paras, texts, strict=True) if self.surname in t)
                for p in paras:
                    if p is not named and clean(para_text(p)):
                        tc.remove(p)
                set_text(named, "{{ order.signature.name }}")
                continue
            first = next(p for p, t in zip(paras, texts, strict=True) if t)
            loop = [tag_para("{%p for line in order.signature.position_lines %}", first),
                    copy_para(first, "{{ line }}"), tag_para("{%p endfor %}", first)]
            for p in paras:
                if clean(para_text(p)):
                    tc.remove(p)
            for n, element in enumerate(loop):
                tc.insert(_first_para_index(tc) + n, element)

    def _signature_line(self, p: Element, text: str, pending: list[Element]) -> list[Element]:
        """«Председатель комитета<tab>Т.М. Петухова», position lines above it kept as a loop."""
        self.facts.signature_found = True
        raw = para_text(p)
        before, _, name = raw.rpartition("\t")
        above = [x for x in pending if clean(para_text(x))][-3:]
        out: list[Element] = []
        if above:
            first = above[0]
            out = [tag_para("{%p for line in order.signature.position_lines[:-1] %}", first),
                   copy_para(first, "{{ line }}"), tag_para("{%p endfor %}", first)]
            position = "{{ order.signature.position_lines[-1] if order.signature.position_lines else '' }}"
        else:
            position = "{{ order.signature.position_lines|join(' ') }}"
        if before.strip():
            tabs = "\t" * max(raw.count("\t"), 1)
            set_text(p, position + tabs + "{{ order.signature.name }}")
        elif name.strip():
            set_text(p, "{{ order.signature.name }}")
            if not above:
                out = [copy_para(p, "{{ order.signature.position_lines|join(' ') }}")]
        return [*out, p]


def _first_para_index(tc: Element) -> int:
    for n, child in enumerate(tc):
        if child.tag != q("tcPr"):
            return n
    return len(tc)


def _last_rpr(p: Element) -> Element | None:
    runs = [r for r in p.iter(q("r")) if r.find(q("t")) is not None and (r.find(q("t")).text or "").strip()]
    if runs and runs[-1].find(q("rPr")) is not None:
        return copy.deepcopy(runs[-1].find(q("rPr")))
    return None


def _looks_like_position(text: str) -> bool:
    """A signature's position line: short, no point number, not the control clause."""
    return len(text) <= 70 and not _SIGNATORY_NOT.match(text) and not text.endswith((".", ";"))


def default_signature() -> list[Element]:
    """Position at the left, name flush right (a right tab stop at the margin)."""
    ppr = make("pPr", None, make("tabs", None, make("tab", {"val": "right", "pos": "9355"})),
               make("spacing", {"before": "480"}))
    p = make("p", None, ppr)
    for run in text_run("{{ order.signature.position_lines|join(' ') }}\t{{ order.signature.name }}", None):
        p.append(run)
    return [p]


def generic_order() -> list[Element]:
    """An order part for a style made from a bare plan: ГОСТ layout, direct formatting, the plan's fonts."""
    def para(text: str, jc: str = "left", bold: bool = False, before: int = 0, after: int = 0,
             indent: bool = False) -> Element:
        ppr = make("pPr", None, make("spacing", {"before": str(before), "after": str(after)}),
                   make("ind", {"firstLine": "709"}) if indent else None, make("jc", {"val": jc}))
        rpr = make("rPr", None, make("b")) if bold else None
        return make("p", None, ppr, *text_run(text, rpr))

    def loop(var: str, items: str, inner: Element) -> list[Element]:
        return [tag_para(f"{{%p for {var} in {items} %}}"), inner, tag_para("{%p endfor %}")]

    return [
        *loop("line", "order.issuer_lines", para("{{ line }}", "center", bold=True)),
        para("{{ order.kind }}", "center", bold=True, before=240, after=240),
        para("{{ order.date }}\t{{ order.number }}"),
        para("{{ order.place }}", "center"),
        *loop("line", "order.title_lines", para("{{ line }}", bold=True, before=240)),
        *loop("para", "order.preamble", para("{{ para }}", "both", before=240, indent=True)),
        para("{{ order.operative }}", bold=True, before=120, after=120),
        *loop("point", "order.body", para("{{ point }}", "both", indent=True)),
        *default_signature(),
    ]
