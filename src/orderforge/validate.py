"""Validate a plan file: structure (via the schema) and meaning (references, dates, ids).

The result is a typed :class:`~orderforge.planmodel.Plan` plus every diagnostic.
Validation never stops at the first problem: a clerk fixing a plan wants the
whole list at once, like a compiler gives it.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Pos, Report, did_you_mean
from .load import Node, load_file
from .paths import display_path
from .planmodel import Activity, Directory, Order, Party, Person, Plan, Section
from .schema import ConvertContext
from .spec import DIRECTORY
from .typography import shorten
from .yamltree import scalars

DEFAULT_DIRECTORY = "directory.yaml"


def directory_places(parts: dict, plan_path: Path) -> tuple[Directory | None, list[Path]]:
    """The inline directory, or else the files it is looked for in, first match wins: the file the plan
    names, or directory.yaml beside the plan or one folder up. (diff reads the same files from git.)"""
    value = parts["values"].get("directory")
    if isinstance(value, Directory):
        return value, []
    if isinstance(value, str):
        return None, [plan_path.parent / value]
    return None, [folder / DEFAULT_DIRECTORY for folder in (plan_path.parent, plan_path.parent.parent)]


def plan_directory(parts: dict, plan_path: Path, report: Report) -> Directory:
    """The directory a plan uses: inline, named by the plan (must exist), or found beside it."""
    inline, places = directory_places(parts, plan_path)
    if inline is not None:
        return inline
    if isinstance(parts["values"].get("directory"), str):  # named by the plan: must be there
        return load_directory(places[0], report, parts["field_pos"].get("directory"))
    for candidate in places:
        if candidate.is_file():
            return load_directory(candidate, report)
    return Directory()


class UncheckedDirectory(Directory):
    """A directory that could not be read whole: a missing file, a syntax error, a list instead of a mapping.

    A reference it lacks says nothing about the plan — the entry may be right there
    in the broken file — so such references are not reported one by one (that
    buried the real error under a hundred false «не найден»); ``first_error`` is
    where the clerk has to look, and ``announced`` tells that the directory's own
    error already says the references are not checked.
    """

    __slots__ = ("first_error", "announced")
    first_error: Pos
    announced: bool

    def __init__(
        self,
        parties: dict[str, Party] | None = None,
        people: dict[str, Person] | None = None,
        source: str = "",
        first_error: Pos | None = None,
        announced: bool = False,
    ) -> None:
        super().__init__(parties, people, source)
        self.first_error = Pos("?") if first_error is None else first_error
        self.announced = announced


def load_directory(path: Path, report: Report, referenced_at: Pos | None = None) -> Directory:
    """The directory file; one that has errors of its own comes back as :class:`UncheckedDirectory`."""
    name = display_path(path)
    if referenced_at is not None and not path.exists():  # a folder or a pipe is load_file's to refuse
        report.error("OF110", referenced_at, f"справочник «{name}» не найден",
                     "проверьте путь относительно файла плана; пока справочник не найден, "
                     "ответственные, подписант и ссылки [[…]] не проверяются")
        return UncheckedDirectory(source=name, first_error=referenced_at, announced=True)
    own = Report()
    loaded = load_file(path, name)
    own.extend(loaded.report)
    return directory_from_tree(loaded.root, name, own, report)


def directory_from_tree(root: Node | None, name: str, own: Report, report: Report) -> Directory:
    """A loaded directory file (``own``: what reading it found) as a :class:`Directory`; one with errors
    of its own comes back as :class:`UncheckedDirectory`. Every finding ends up in ``report``."""
    directory = None
    if root is not None:
        check_todo(root, own)
        directory = DIRECTORY.convert(root, ConvertContext(own))
    report.extend(own)
    found = directory if isinstance(directory, Directory) else Directory(source=name)
    broken = sorted(d.pos for d in own.errors if d.code != "OF016")  # a TODO mark leaves the entry usable
    if broken:
        return UncheckedDirectory(found.parties, found.people, found.source or name, first_error=broken[0])
    return found


def check_todo(node: Node, report: Report) -> set[Pos]:
    """A value that is still a «TODO: …» mark (``orderforge import`` leaves them where it could not read
    the document) is an error: a signed order must never print «TODO: номер не найден».
    Returns the marks' positions."""
    found: set[Pos] = set()
    for scalar in scalars(node):
        value = scalar.value
        # No character but «d» and «D» upper-cases to a «D» (every code point was tried): two «in» tests
        # spare a clean plan's 45,000 Russian values three method calls each.
        if ("D" in value or "d" in value) and value.lstrip().upper().startswith("TODO"):
            report.error("OF016", scalar.pos, f"значение не заполнено: «{scalar.value.strip()[:60]}»",
                         "впишите вместо пометки TODO настоящий текст "
                         "(её оставил импорт там, где не смог прочитать документ)")
            found.add(scalar.pos)
    return found


#: The most activities one plan may have: a 5,000-activity build stays under 300 MiB (real plans hold 20–300).
MAX_ACTIVITIES = 5_000


def check_plan(plan: Plan, report: Report, doubts: bool = True) -> None:
    """Checks that need the whole plan: references, ids, deadlines against the period. ``doubts=False``
    skips the dictionaries' doubts (OF213: warnings only, and the dictionaries' import) for a caller that
    reports only errors."""
    lookup = _Lookup(plan, report)
    _check_order(plan, report, lookup, doubts)
    _check_style_name(plan, report)
    seen_ids: dict[str, Pos] = {}
    for activity in plan.all_activities():
        _check_activity(plan, activity, seen_ids, report, lookup)
    for section in plan.plan.sections:
        _check_section(section, report)
    lookup.summarise()
    _check_approval(plan, report)
    count = len(plan.all_activities())
    if count > MAX_ACTIVITIES:
        report.error("OF221", plan.plan.pos, f"в плане {count} мероприятий, а orderforge собирает документ не больше "
                     f"чем из {MAX_ACTIVITIES}", "разделите план на несколько (по годам или по направлениям)")
    has_errors = any(d.severity == "error" and d.pos.file == plan.source for d in report)
    if not plan.all_activities() and not has_errors:
        report.warning("OF209", plan.plan.pos, "в плане нет ни одного мероприятия", "добавьте sections или activities")


def _check_approval(plan: Plan, report: Report) -> None:
    """«УТВЕРЖДЕН/-А/-О/-Ы» agrees with the head noun of the plan's title; warn when it cannot be found."""
    approval = plan.approval
    if approval is None or approval.gender or not plan.plan.title:
        return
    from .declension import document_form  # the table and the suffix rule; pymorphy3 only when they are unsure
    title = " ".join(plan.plan.title)
    if document_form(title) is None:
        report.warning(
            "OF218", plan.plan.field_pos.get("title", plan.plan.pos),
            f"не удалось найти главное слово заголовка «{shorten(title)}», чтобы согласовать с ним гриф "
            "«УТВЕРЖДЕН»: без него гриф будет в мужском роде",
            "укажите род утверждаемого документа в approval: gender: m (План), f (Дорожная карта), "
            "n (Положение) или plural (Мероприятия)",
        )


def _check_style_name(plan: Plan, report: Report) -> None:
    from .stylesources import style_exists

    if not plan.style or style_exists(plan.style, plan.workspace):
        return
    from .style import StyleNotFound, find_style  # only to say why a style is missing: style.yaml's schema is big

    try:
        find_style(plan.style, plan.workspace)
    except StyleNotFound as exc:
        report.error("OF111", plan.field_pos.get("style", plan.pos), str(exc), exc.hint)


def order_texts(plan: Plan) -> list[tuple[str, Pos]]:
    """Every text of the order that may hold «[[…]]» references, with the place to report."""
    order = plan.order
    if order is None:
        return []
    texts = [(p.text, order.field_pos.get("preamble", order.pos)) for p in order.preamble]
    for point in order.points:
        texts.extend((p.text, point.pos) for p in point.text)
        texts.extend((p.text, point.pos) for item in point.items for p in item)
    if order.control:
        texts.append((order.control, order.field_pos.get("control", order.pos)))
    return texts


def _check_references(plan: Plan, report: Report, lookup: _Lookup, doubts: bool = True) -> None:
    texts = [(text, pos) for text, pos in order_texts(plan) if "[[" in text]
    if not texts:
        return
    from .refs import find_refs, span_problems

    keys = plan.directory.keys()
    declined: dict[str, set[str]] = {}
    for text, pos in texts:
        spans, problems = find_refs(text)
        for problem in problems:
            report.error("OF210", pos, problem, "пример: [[ivanova|дат|+должность]]; см. docs/plan-format.md")
        for span in spans:
            entry = plan.directory.people.get(span.key) or plan.directory.parties.get(span.key)
            if entry is None:
                lookup.missing("OF211", pos, f"ссылка «{span.raw}»: «{span.key}» нет в справочнике", span.key, keys)
                continue
            for problem in span_problems(span, entry):
                report.error("OF212", pos, problem, "")
            if span.case != "nom" or span.position:
                declined.setdefault(span.key, set()).add("position" if span.position else "name")
    if doubts:
        _check_declinable(plan, declined, report)


def _check_declinable(plan: Plan, declined: dict[str, set[str]], report: Report) -> None:
    """Warn where the dictionaries are unsure of a form the order will print (checked once per entry)."""
    from .declension import name_problems
    from .doubtcache import phrase_doubts  # the analyser's answers, remembered between runs

    for key, uses in declined.items():
        person = plan.directory.people.get(key)
        party = plan.directory.parties.get(key)
        if person is not None:
            problems = name_problems(person.surname, person.name, person.patronymic, person.gender, person.forms)
            if "position" in uses and person.position and not person.position_forms:
                problems += _doubts(person.position, phrase_doubts(person.position), "position_forms")
            for problem in problems:
                report.warning("OF213", person.pos, problem, "проверьте формы: orderforge forms <план>")
        elif party is not None and not party.forms:
            for problem in _doubts(party.name, phrase_doubts(party.name), "forms"):
                report.warning("OF213", party.pos, problem, "проверьте формы: orderforge forms <план>")


def _doubts(phrase: str, doubts: list[str], key: str) -> list[str]:
    """One warning per entry: what the dictionary is unsure of, and where to set the forms by hand."""
    if not doubts:
        return []
    return [f"«{phrase}»: {'; '.join(doubts)} — проверьте падежные формы и при необходимости задайте их "
            f"в справочнике ({key})"]


def _check_order(plan: Plan, report: Report, lookup: _Lookup, doubts: bool = True) -> None:
    _check_references(plan, report, lookup, doubts)
    order = plan.order
    if order is not None and not any(line.strip() for line in order.issuer):
        report.warning("OF214", order.field_pos.get("issuer", order.pos),
                       "не указано наименование организации, издающей приказ "
                       "(обязательный реквизит по ГОСТ Р 7.0.97)",
                       "впишите issuer: строки шапки, например "
                       "[Администрация городского округа, Комитет по образованию]")
    if order is not None:
        _check_title(plan, order, report)
    if order is None or order.signatory is None:
        return
    ref = order.signatory
    if ref.key not in plan.directory.people:
        lookup.missing("OF202", ref.pos, f"подписант «{ref.key}» не найден среди людей справочника",
                       ref.key, list(plan.directory.people))


class _Lookup:
    """Reports a reference the directory lacks — unless the directory could not be read whole.

    Then a missing entry is no news about the plan: the references are only
    counted, and :meth:`summarise` says once that they were not checked and where
    the directory's first error is.
    """

    def __init__(self, plan: Plan, report: Report) -> None:
        self.plan, self.report = plan, report
        self.unchecked: list[Pos] = []

    def missing(self, code: str, pos: Pos, message: str, key: str, choices: list[str]) -> None:
        if isinstance(self.plan.directory, UncheckedDirectory):
            self.unchecked.append(pos)
            return
        self.report.error(code, pos, message, did_you_mean(key, choices) or _directory_hint(self.plan))

    def summarise(self) -> None:
        """One warning, placed at the directory's first error so that it is listed right after it."""
        directory = self.plan.directory
        if not self.unchecked or not isinstance(directory, UncheckedDirectory) or directory.announced:
            return
        self.report.warning(
            "OF215", directory.first_error,
            f"из-за ошибок в справочнике не проверены ссылки плана {self.plan.source} "
            f"на него ({len(self.unchecked)})",
            "исправьте справочник и проверьте план снова: "
            "тогда будут проверены ответственные, подписант и ссылки [[…]]",
        )


_TITLE_START = ("О ", "Об ", "Обо ")


def _check_title(plan: Plan, order: Order, report: Report) -> None:
    """The title of an order («заголовок к тексту») answers «о чём?» and so starts with «О»/«Об».

    ГОСТ Р 7.0.97-2025 requires it for every document; the 2016 edition let a
    short text go without one, so a style that declares ``gost: 2016`` gets a
    warning instead of an error. The style is read only when the title is
    missing: validate stays fast for the usual plan.
    """
    pos = order.field_pos.get("title", order.pos)
    if not order.title:
        if _gost_edition(plan) == "2016":
            report.warning("OF216", pos, "у приказа нет заголовка к тексту",
                           "ГОСТ Р 7.0.97-2016 допускает это для короткого текста; добавьте title: «Об утверждении …»")
        else:
            report.error("OF216", pos, "у приказа нет заголовка к тексту: по ГОСТ Р 7.0.97-2025 он обязателен",
                         "добавьте title: «Об утверждении …» (или укажите в style.yaml стиля gost: 2016)")
        return
    first = order.title[0].lstrip("«\"„ ")
    if not first.startswith(_TITLE_START) and first not in ("О", "Об", "Обо"):
        report.warning("OF217", pos, f"заголовок «{shorten(order.title[0])}» не начинается с «О» / «Об»",
                       "заголовок отвечает на вопрос «о чём?»: «Об утверждении …», «О внесении изменений …»")


def _gost_edition(plan: Plan) -> str:
    from .diagnostics import UserError
    from .style import load_style

    try:
        return load_style(plan.style, plan.workspace).gost if plan.style else "2025"
    except UserError:  # a broken or unknown style is reported on its own (OF111, check-style)
        return "2025"


def _directory_hint(plan: Plan) -> str:
    if not plan.directory.source:
        return f"справочник не найден: укажите directory: в плане или создайте {DEFAULT_DIRECTORY} рядом с планом"
    if not plan.directory.keys():
        return f"справочник {plan.directory.source} пуст: добавьте в него parties: или people:"
    return f"добавьте запись в справочник {plan.directory.source}"


def _check_activity(plan: Plan, activity: Activity, seen_ids: dict[str, Pos], report: Report,
                    lookup: _Lookup) -> None:
    if activity.id:
        id_pos = activity.field_pos.get("id", activity.pos)
        if activity.id in seen_ids:
            first = seen_ids[activity.id]
            report.error(
                "OF204", id_pos, f"идентификатор «{activity.id}» уже использован (строка {first.line})",
                "идентификаторы мероприятий должны быть уникальны в плане",
            )
        else:
            seen_ids[activity.id] = id_pos
    directory = plan.directory  # its list of keys made only for a reference it lacks, not once per activity
    for ref in activity.responsible:
        if ref.key not in directory.parties and ref.key not in directory.people:
            lookup.missing("OF201", ref.pos, f"ответственный «{ref.key}» не найден в справочнике", ref.key,
                           directory.keys())
    _check_deadline(plan, activity, report)


def _check_deadline(plan: Plan, activity: Activity, report: Report) -> None:
    deadline = activity.deadline
    pos = activity.field_pos.get("deadline", activity.pos)
    if deadline is None:
        if "deadline" not in activity.field_pos:  # a deadline that failed to convert is reported already
            report.warning("OF208", activity.pos, "у мероприятия не указан срок", "добавьте deadline: …")
        return
    if not deadline.known:
        report.warning(
            "OF205", pos, f"срок «{deadline.text}» не распознан и будет выведен как написан",
            "проверьте написание; распознаются, например: «Февраль 2026 г.», «до 31.05.2026», "
            "«ежегодно, в июне и декабре»",
        )
        return
    period = plan.plan.period
    span = deadline.span()
    if period is None or span is None:
        return
    if span[0] < period.start or span[1] > period.end:
        report.error(
            "OF203", pos, f"срок «{deadline.text}» выходит за период плана ({period.text})",
            "исправьте срок или период плана (plan: period:)",
        )


def _check_section(section: Section, report: Report) -> None:
    if not section.activities and not section.sections:
        what = f"раздел «{shorten(section.title)}»" if section.title.strip() else "раздел без заголовка"
        report.warning("OF206", section.pos, f"{what} пуст: в нём нет ни мероприятий, ни подразделов",
                       "добавьте мероприятия или удалите раздел")
    for sub in section.sections:
        _check_section(sub, report)
