"""A corpus of varied Word plans for ``orderforge import``, each with the rows it must give back.

    python tests/corpus/make_corpus.py OUTDIR     # writes OUTDIR/<case>.docx and OUTDIR/<case>.json

Each case is a plan written down once as data — sections, activities (number as
the document shows it, text lines, deadline, responsible as printed, result) —
and laid out in Word the way real committee files are: automatic list numbers
(one and two levels, restarting), merged cells, two-row and repeated headers,
split tables, landscape sections, a leading empty column, tracked changes and
comments, bullets, line breaks, soft and no-break hyphens, 6–7 columns,
approval stamps, orders naming people in the accusative, a letterhead with an
emblem. The JSON beside each .docx is the expectation tests/test_import_corpus.py
compares the import with, field by field (tools/import_accuracy.py prints the
accuracy). The documents are generated at test time; nothing here is committed
as a binary.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from wordxml import C, add_list, append, landscape_section_end, new_document, p, row, save, table, tiny_png
else:
    from .wordxml import C, add_list, append, landscape_section_end, new_document, p, row, save, table, tiny_png

NBH, SHY = "\u2011", "\u00ad"  # written as w:noBreakHyphen and w:softHyphen


@dataclass
class A:
    """One activity as the document shows it (``text`` is what the import must give back)."""

    text: list[str]
    deadline: str
    responsible: list[str]  # as printed: party names, «Фамилия И.О.» or «Фамилия И.О., должность»
    result: list[str] = field(default_factory=list)
    number: str = ""
    note: str = ""
    section: int = -1  # index of its section, -1 before the first


@dataclass
class S:
    title: str
    number: str = ""  # «1.» as shown, "" for an unnumbered section row


@dataclass
class Case:
    name: str
    what: str
    sections: list[S]
    activities: list[A]
    period: str = ""
    approval: dict[str, str] | None = None
    order_kind: str = ""
    warnings: list[str] = field(default_factory=list)  # codes the import must report
    title: list[str] = field(default_factory=list)  # the plan's title lines, when the case checks them

    def expected(self) -> dict[str, Any]:
        return asdict(self)


HEADER = ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные исполнители", "Ожидаемый результат"]
WIDTHS = [12, 70, 30, 40, 35]


def _cells(a: A, number_cell: C | str, text: list[str] | None = None) -> list[C | str]:
    return [number_cell, C(text if text is not None else a.text), C(a.deadline), C(a.responsible), C(a.result)]


def _pool(n: int, year: int = 2026) -> list[A]:
    """Plain activities, varied enough to exercise the deadline and responsible readers."""
    months = ["январь", "февраль", "март", "апрель", "май", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    parties = ["Управление образования", "Методический кабинет", "Руководители образовательных организаций",
               "Центр оценки качества образования"]
    out = []
    for i in range(n):
        month = months[i % len(months)]
        out.append(A([f"Мероприятие {i + 1}: проведение совещания по вопросу {['качества', 'ГИА', 'кадров'][i % 3]}"],
                     f"{month} {year} г.", [parties[i % len(parties)]], [f"Протокол совещания {i + 1}"]))
    return out


def _header_row(header: list[str] = HEADER, repeat: bool = True) -> str:
    return row(list(header), header=repeat)


# --------------------------------------------------------------------------- the cases


def auto_one_level(d: Any) -> Case:
    """A bare plan; the № cells are empty paragraphs numbered by Word («%1.»), 1–14; the school year
    in the title, a deadline in August inside it."""
    add_list(d, 101, [("decimal", "%1.", 1)], [(101, {})])
    acts = _pool(14)
    acts[-1].deadline = "август 2027 г."
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
        if a.deadline.startswith(("январь", "февраль", "март", "апрель", "май")):  # spring of the school year
            a.deadline = a.deadline.replace("2026 г.", "2027 г.")
    append(d, p("План мероприятий по подготовке к государственной итоговой аттестации", jc="center", bold=True),
           p("на 2026/2027 учебный год", jc="center", bold=True),
           table(WIDTHS, [_header_row()] + [row(_cells(a, C([p("", num=("101", 0))]))) for a in acts]))
    return Case("auto-one-level", auto_one_level.__doc__ or "", [], acts, period="2026-2027 учебный год",
                title=["План мероприятий по подготовке к государственной итоговой аттестации",
                       "на 2026/2027 учебный год"])


def auto_two_level(d: Any) -> Case:
    """Sections and activities numbered by one two-level Word list («%1.» / «%1.%2.»), the section rows
    merged across the table (gridSpan), the activities' № cells empty."""
    add_list(d, 102, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)], [(102, {})])
    sections = [S("Организационно-методическое обеспечение", "1."), S("Работа с кадрами", "2."),
                S("Информационное сопровождение", "3.")]
    acts = _pool(8)
    layout = [0, 0, 0, 1, 1, 2, 2, 2]
    rows = [_header_row()]
    counts = [0, 0, 0]
    for k, s in enumerate(sections):
        rows.append(row([C([p(s.title, num=("102", 0))], span=5)]))
        for a, sec in zip(acts, layout, strict=True):
            if sec == k:
                counts[k] += 1
                a.section, a.number = k, f"{k + 1}.{counts[k]}."
                rows.append(row(_cells(a, C([p("", num=("102", 1))]))))
    append(d, p("План мероприятий («дорожная карта») по повышению качества образования на 2026 год", jc="center"),
           table(WIDTHS, rows))
    return Case("auto-two-level", auto_two_level.__doc__ or "", sections, acts, period="2026")


def two_level_in_text_cell(d: Any) -> Case:
    """The two-level number is drawn in the text cell («%1.%2.» on the activity's paragraph) and the
    № column is empty: the number must come out as the row's number, not glued to the text."""
    add_list(d, 103, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)], [(103, {})])
    sections = [S("Нормативное обеспечение", "1."), S("Мониторинг", "2.")]
    acts = _pool(5)
    rows = [_header_row()]
    for k, s in enumerate(sections):
        rows.append(row(["", C([p(s.title, num=("103", 0))], span=4)]))
        for j, a in enumerate(acts[k * 3: k * 3 + 3]):
            a.section, a.number = k, f"{k + 1}.{j + 1}."
            rows.append(row(_cells(a, "", [p(a.text[0], num=("103", 1))])))
    append(d, p("План работы на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("two-level-in-text-cell", two_level_in_text_cell.__doc__ or "", sections, acts, period="2026")


def number_typed_and_drawn(d: Any) -> Case:
    """The № cell has the number typed and Word draws another one («%1.%2.») before the activity's text:
    the typed one is the row's, the drawn one is dropped from the text with a warning (IM108)."""
    add_list(d, 109, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)], [(109, {})])
    sections = [S("Общие мероприятия", "1.")]
    acts = _pool(3)
    rows = [_header_row(), row([C("1. Общие мероприятия", span=5)])]
    for j, a in enumerate(acts):
        a.section, a.number = 0, f"1.{j + 1}."
        rows.append(row(_cells(a, a.number, [p(a.text[0], num=("109", 1))])))
    append(d, p("План на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("number-typed-and-drawn", number_typed_and_drawn.__doc__ or "", sections, acts, period="2026",
                warnings=["IM108"])


def restart_per_section(d: Any) -> Case:
    """Unnumbered section rows; each section's activities numbered 1, 2, 3 again by Word
    (a new list per section: w:lvlOverride/w:startOverride)."""
    add_list(d, 104, [("decimal", "%1.", 1)], [(104, {}), (105, {0: 1}), (106, {0: 1})])
    sections = [S("Организационные мероприятия"), S("Работа с педагогами"), S("Работа с родителями")]
    acts = _pool(8)
    layout = [(0, "104"), (0, "104"), (0, "104"), (1, "105"), (1, "105"), (2, "106"), (2, "106"), (2, "106")]
    rows = [_header_row()]
    n = {0: 0, 1: 0, 2: 0}
    for k, s in enumerate(sections):
        rows.append(row([C(s.title, span=5)]))
        for a, (sec, num_id) in zip(acts, layout, strict=True):
            if sec == k:
                n[k] += 1
                a.section, a.number = k, f"{n[k]}."
                rows.append(row(_cells(a, C([p("", num=(num_id, 0))]))))
    append(d, p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("restart-per-section", restart_per_section.__doc__ or "", sections, acts, period="2026")


def running_numbers(d: Any) -> Case:
    """Unnumbered section rows over activities numbered 1…N straight through, typed by hand."""
    sections = [S("Подготовительный этап"), S("Основной этап"), S("Заключительный этап"), S("Контроль")]
    acts = _pool(9)
    layout = [0, 0, 1, 1, 1, 2, 2, 3, 3]
    rows = [_header_row()]
    for k, s in enumerate(sections):
        rows.append(row([C(s.title, span=5)]))
        for i, (a, sec) in enumerate(zip(acts, layout, strict=True)):
            if sec == k:
                a.section, a.number = k, f"{i + 1}."
                rows.append(row(_cells(a, a.number)))
    append(d, p("Дорожная карта на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("running-numbers", running_numbers.__doc__ or "", sections, acts, period="2026")


def merged_cells(d: Any) -> Case:
    """A leading empty column, a responsible cell merged down three rows (w:vMerge), a deadline merged
    down two, typed two-level numbers, section rows merged across (w:gridSpan)."""
    sections = [S("Анализ результатов", "1."), S("Меры поддержки", "2.")]
    acts = _pool(5)
    for a in acts[:3]:
        a.responsible = ["Методический кабинет"]
    acts[3].deadline = acts[4].deadline = "в течение года"
    rows = [row([""] + HEADER, header=True)]
    for k, s in enumerate(sections):
        rows.append(row(["", C(f"{s.number} {s.title}", span=5)]))
        for j, a in enumerate(acts[:3] if k == 0 else acts[3:]):
            a.section, a.number = k, f"{k + 1}.{j + 1}."
            responsible = C(a.responsible, vmerge="restart" if j == 0 else "continue") if k == 0 else C(a.responsible)
            deadline = C(a.deadline, vmerge="restart" if j == 0 else "continue") if k == 1 else C(a.deadline)
            rows.append(row(["", a.number, C(a.text), deadline, responsible, C(a.result)]))
    append(d, p("План мероприятий на 2026 год", jc="center"), table([8] + WIDTHS, rows))
    return Case("merged-cells", merged_cells.__doc__ or "", sections, acts, period="2026")


def split_table_two_row_header(d: Any) -> Case:
    """A two-row header (the column numbers «1 | 2 | 3 | 4 | 5» under it), repeated on every page
    (w:tblHeader); the table split in two with «Продолжение таблицы» and the header typed again."""
    sections = [S("Организация работы", "1."), S("Проведение мероприятий", "2.")]
    acts = _pool(6)
    numbers = ["1", "2", "3", "4", "5"]
    first = [_header_row(), row(list(numbers), header=True), row([C("1. Организация работы", span=5)])]
    for j, a in enumerate(acts[:3]):
        a.section, a.number = 0, f"1.{j + 1}."
        first.append(row(_cells(a, a.number)))
    second = [_header_row(), row(list(numbers), header=True), row([C("2. Проведение мероприятий", span=5)])]
    for j, a in enumerate(acts[3:]):
        a.section, a.number = 1, f"2.{j + 1}."
        second.append(row(_cells(a, a.number)))
    append(d, p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, first),
           p("Продолжение таблицы", jc="right"), table(WIDTHS, second))
    return Case("split-table-two-row-header", split_table_two_row_header.__doc__ or "", sections, acts,
                period="2026")


def merged_two_row_header(d: Any) -> Case:
    """A two-row header: «Сроки» merged over «начало | окончание» (w:gridSpan), the other header cells
    merged down (w:vMerge); the two deadline columns make one range."""
    acts = _pool(4)
    rows = [row([C("№ п/п", vmerge="restart"), C("Мероприятие", vmerge="restart"), C("Сроки", span=2),
                 C("Ответственный", vmerge="restart"), C("Результат", vmerge="restart")], header=True),
            row([C("", vmerge="continue"), C("", vmerge="continue"), "начало", "окончание", C("", vmerge="continue"),
                 C("", vmerge="continue")], header=True)]
    months = [("январь", "март"), ("февраль", "май"), ("сентябрь", "октябрь"), ("ноябрь", "декабрь")]
    for i, (a, (start, end)) in enumerate(zip(acts, months, strict=True)):
        a.number = f"{i + 1}."
        a.deadline = f"{start} 2026 г. – {end} 2026 г."
        rows.append(row([a.number, C(a.text), f"{start} 2026 г.", f"{end} 2026 г.", C(a.responsible), C(a.result)]))
    append(d, p("План мероприятий на 2026 год", jc="center"), table([12, 70, 20, 20, 40, 35], rows))
    return Case("merged-two-row-header", merged_two_row_header.__doc__ or "", [], acts, period="2026")


def seven_columns_landscape(d: Any) -> Case:
    """An order in a portrait section, then the plan in a landscape section with seven columns,
    «Источник финансирования» and an empty «Отметка о выполнении» among them."""
    header = ["№ п/п", "Мероприятие", "Срок", "Ответственный", "Источник финансирования", "Ожидаемый результат",
              "Отметка о выполнении"]
    acts = _pool(6)
    rows = [_header_row(header)]
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
        money = "Муниципальный бюджет" if i % 2 else "Не требуется"
        a.note = f"Источник финансирования: {money}"
        rows.append(row([a.number, C(a.text), C(a.deadline), C(a.responsible), money, C(a.result), ""]))
    append(d, *_order("ПРИКАЗ", "12", "15.01.2026", "Об утверждении плана мероприятий на 2026 год"),
           p("", sect=landscape_section_end(False)),
           p("Приложение к приказу Управления образования от 15.01.2026 № 12", jc="right"),
           p("План мероприятий на 2026 год", jc="center"),
           table([12, 60, 25, 35, 30, 35, 25], rows))
    d.sections[-1].orientation = 1  # the last section (the plan) in landscape
    d.sections[-1].page_width, d.sections[-1].page_height = d.sections[-1].page_height, d.sections[-1].page_width
    return Case("seven-columns-landscape", seven_columns_landscape.__doc__ or "", [], acts, period="2026",
                order_kind="приказ")


def tracked_changes(d: Any) -> Case:
    """Tracked changes everywhere (insertions taken, deletions dropped — the document as accepted)
    and comments on cells."""
    acts = _pool(5)
    typed = []
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
        words = a.text[0].split(" ", 2)
        typed.append(f"{words[0]} {words[1]} [-устаревший текст -][+{words[2]}+]")
    acts[2].deadline = "до 31.05.2026"
    rows = [_header_row()]
    for a, text in zip(acts, typed, strict=True):
        rows.append(row([a.number, C([p(text)]), C([p(f"[-март 2025 г.-][+{a.deadline}+]")]), C(a.responsible),
                         C(a.result)]))
    append(d, p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, rows))
    cell_run = d.element.body.xpath(".//w:tbl//w:tr[2]/w:tc[2]//w:r")[0]
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    run = Run(cell_run, Paragraph(cell_run.getparent(), d._body))
    d.add_comment(runs=[run], text="Уточнить формулировку", author="Методист", initials="М")
    return Case("tracked-changes", tracked_changes.__doc__ or "", [], acts, period="2026")


def bullets_and_hyphens(d: Any) -> Case:
    """Word bullets and manual line breaks inside cells; no-break hyphens («учителя‑предметники»,
    «ГИА‑2026», «I‑II четверти») and soft hyphens inside words."""
    add_list(d, 107, [("bullet", "•", 1)], [(107, {})])
    acts = [
        A(["Анализ результатов ГИА-2026:", "- по русскому языку", "- по математике"], "сентябрь 2026 г.",
          ["Учителя-предметники"], ["Аналитическая справка"]),
        A(["Мониторинг успеваемости за I-II четверти"], "декабрь 2026 г.", ["Заместители директора"],
          ["Справка", "Рекомендации"]),
        A(["Консультации для обучающихся"], "в течение года", ["Методическое объединение"],
          ["График консультаций"]),
    ]
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    rows = [_header_row(),
            row(["1.", C([p(f"Анализ результатов ГИА{NBH}2026:"), p("по русскому языку", num=("107", 0)),
                          p("по математике", num=("107", 0))]),
                 C(acts[0].deadline), C([p(f"Учителя{NBH}предметники")]), C(acts[0].result)]),
            row(["2.", C([p(f"Мони{SHY}то{SHY}ринг успеваемости за I{NBH}II четверти")]), C(acts[1].deadline),
                 C(acts[1].responsible), C([p("Справка\nРекомендации")])]),
            row(["3.", C(acts[2].text), C(acts[2].deadline), C(acts[2].responsible), C(acts[2].result)])]
    append(d, p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("bullets-and-hyphens", bullets_and_hyphens.__doc__ or "", [], acts, period="2026")


def approval_stamp(d: Any) -> Case:
    """A bare plan under an approval stamp typed above it (by a распоряжение), the period «на
    2026–2028 годы» and deadlines in 2028."""
    acts = _pool(6)
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    acts[4].deadline, acts[5].deadline = "декабрь 2027 г.", "май 2028 г."
    rows = [_header_row()] + [row(_cells(a, a.number)) for a in acts]
    append(d, p("Утвержден распоряжением комитета образования №7-р от 13.01.2026 года", jc="right"),
           p("План мероприятий по развитию системы образования на 2026–2028 годы", jc="center", bold=True),
           table(WIDTHS, rows))
    return Case("approval-stamp", approval_stamp.__doc__ or "", [], acts, period="2026-2028",
                approval={"kind": "распоряжение", "issuer_genitive": "комитета образования", "date": "2026-01-13",
                          "number": "7-р"},
                title=["План мероприятий по развитию системы образования на 2026–2028 годы"])


def _order(kind: str, number: str, when: str, title: str, points: list[str] | None = None) -> list[str]:
    return [p("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА", jc="center", bold=True),
            p(kind, jc="center", bold=True),
            p(f"{when}\t\t\t\t№ {number}"),
            p(title, bold=True),
            p("В целях повышения качества образования"),
            p("ПРИКАЗЫВАЮ:" if kind == "ПРИКАЗ" else "ОБЯЗЫВАЮ:"),
            *[p(f"{i + 1}. {text}") for i, text in enumerate(points or ["Утвердить план мероприятий (приложение)."])],
            p("Начальник управления\t\t\tИ.И. Петров")]


def order_accusative(d: Any) -> Case:
    """An order naming people in the accusative in its points («назначить ответственной Иванову А.П.»),
    then the appendix with a plan naming the same people in the nominative, position before name."""
    acts = _pool(4)
    acts[0].responsible = ["Иванова А.П., заместитель директора"]
    acts[1].responsible = ["Сидоров К.В., методист", "Управление образования"]
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    typed = {0: ["Заместитель директора Иванова А.П."], 1: ["Методист Сидоров К.В.", "Управление образования"]}
    rows = [_header_row()] + [row([a.number, C(a.text), C(a.deadline), C(typed.get(i, a.responsible)), C(a.result)])
                              for i, a in enumerate(acts)]
    append(d, *_order("ПРИКАЗ", "45-о", "«20» января 2026 г.", "Об утверждении плана мероприятий",
                      ["Утвердить план мероприятий (приложение).",
                       "Назначить ответственной за исполнение плана заместителя директора Иванову А.П.",
                       "Контроль за исполнением приказа оставляю за собой."]),
           p("Приложение к приказу Управления образования от 20.01.2026 № 45-о", jc="right"),
           p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("order-accusative", order_accusative.__doc__ or "", [], acts, period="2026", order_kind="приказ",
                title=["План мероприятий на 2026 год"])


def letterhead_image(d: Any) -> Case:
    """A letterhead with an emblem (an inline picture) over a распоряжение; the plan after it."""
    import io

    d.add_picture(io.BytesIO(tiny_png()))
    d.paragraphs[-1].alignment = 1
    acts = _pool(4)
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    rows = [_header_row()] + [row(_cells(a, a.number)) for a in acts]
    append(d, *_order("РАСПОРЯЖЕНИЕ", "7-р", "13.01.2026", "Об утверждении плана мероприятий"),
           p("Приложение к распоряжению Управления образования от 13.01.2026 № 7-р", jc="right"),
           p("План мероприятий на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("letterhead-image", letterhead_image.__doc__ or "", [], acts, period="2026",
                order_kind="распоряжение", title=["План мероприятий на 2026 год"])


def responsible_cells(d: Any) -> Case:
    """Responsible cells of several paragraphs («Наставники» / «наставляемые»), a position before the
    name («Технический специалист Попов Д.А.»), people with a plural position after them."""
    acts = _pool(4)
    acts[0].responsible = ["Наставники", "наставляемые"]
    acts[1].responsible = ["Попов Д.А., технический специалист"]
    acts[2].responsible = ["Бобров В.С., заместитель директора", "Воропаева Е.В., заместитель директора"]
    acts[3].responsible = ["Педагог-психолог", "Социальный педагог"]
    typed = [["Наставники", "наставляемые"], ["Технический специалист Попов Д.А."],
             ["Бобров В.С., Воропаева Е.В., заместители директора"], ["Педагог-психолог", "Социальный педагог"]]
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    rows = [_header_row()] + [row([a.number, C(a.text), C(a.deadline), C(t), C(a.result)])
                              for a, t in zip(acts, typed, strict=True)]
    append(d, p("План наставничества на 2026 год", jc="center"), table(WIDTHS, rows))
    return Case("responsible-cells", responsible_cells.__doc__ or "", [], acts, period="2026")


def period_from_deadlines(d: Any) -> Case:
    """No period in the title: it is the span of the deadlines (2026–2027); activities in August and
    the next September."""
    acts = _pool(5)
    acts[3].deadline, acts[4].deadline = "август 2026 г.", "сентябрь 2027 г."
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    rows = [_header_row()] + [row(_cells(a, a.number)) for a in acts]
    append(d, p("План мероприятий по реализации проекта «Школа Минпросвещения»", jc="center"), table(WIDTHS, rows))
    return Case("period-from-deadlines", period_from_deadlines.__doc__ or "", [], acts, period="2026-2027")


def school_year_spill(d: Any) -> Case:
    """The title names a school year, but preparation starts in August before it: the period stated
    cannot hold the deadlines, so the import widens it to the calendar years and says so."""
    acts = _pool(4, 2025)
    acts[0].deadline = "август 2025 г."
    acts[1].deadline = "сентябрь 2025 г."
    acts[2].deadline, acts[3].deadline = "март 2026 г.", "май 2026 г."
    for i, a in enumerate(acts):
        a.number = f"{i + 1}."
    rows = [_header_row()] + [row(_cells(a, a.number)) for a in acts]
    append(d, p("План работы на 2025-2026 учебный год", jc="center"), table(WIDTHS, rows))
    return Case("school-year-spill", school_year_spill.__doc__ or "", [], acts, period="2025-2026",
                warnings=["IM133"])


def hostile_attributes(d: Any) -> Case:
    """Attribute values no Word writes: ``w:gridSpan w:val="пять"`` on a section row, an ``w:ilvl`` of
    «x»: read as the default, with a warning, never a crash."""
    add_list(d, 108, [("decimal", "%1.", 1)], [(108, {})])
    sections = [S("Организационные вопросы", "1.")]
    acts = _pool(3)
    rows = [_header_row(), row([C("1. Организационные вопросы", span="пять")])]
    for j, a in enumerate(acts):
        a.section, a.number = 0, f"1.{j + 1}."
        rows.append(row(_cells(a, a.number)))
    append(d, p("План на 2026 год", jc="center"), table(WIDTHS, rows),
           '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="108"/></w:numPr></w:pPr>'
           "<w:r><w:t>Примечание после таблицы</w:t></w:r></w:p>")
    return Case("hostile-attributes", hostile_attributes.__doc__ or "", sections, acts, period="2026",
                warnings=["IM008"])


CASES: list[Callable[[Any], Case]] = [
    auto_one_level, auto_two_level, two_level_in_text_cell, number_typed_and_drawn, restart_per_section,
    running_numbers, merged_cells,
    split_table_two_row_header, merged_two_row_header, seven_columns_landscape, tracked_changes, bullets_and_hyphens,
    approval_stamp,
    order_accusative, letterhead_image, responsible_cells, period_from_deadlines, school_year_spill,
    hostile_attributes,
]


def make(make_case: Callable[[Any], Case], folder: Path) -> tuple[Path, Case]:
    """Write ``<case>.docx`` and ``<case>.json`` (the expectation) into ``folder``."""
    document = new_document()
    case = make_case(document)
    docx = save(document, folder / f"{case.name}.docx")
    (folder / f"{case.name}.json").write_text(json.dumps(case.expected(), ensure_ascii=False, indent=1),
                                              encoding="utf-8")
    return docx, case


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
    folder.mkdir(parents=True, exist_ok=True)
    for make_case in CASES:
        docx, case = make(make_case, folder)
        print(f"{docx}: {len(case.activities)} мероприятий, разделов {len(case.sections)}")


if __name__ == "__main__":
    main()
