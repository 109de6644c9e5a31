"""House styles: a folder with ``style.yaml`` and a .docx template, found by name.

A style is data, so that a new committee's style is made by copying a folder
and editing YAML and Word — no Python. ``extends:`` lets a style differ from
another in a few keys (mappings merge key by key; lists are replaced whole).
Styles are looked up in the workspace's ``templates/`` first, then in installed
style packages, then in the ones shipped inside orderforge (:mod:`.stylesources`),
so ``pip install`` + ``orderforge build`` works anywhere.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Pos, Report, UserError, did_you_mean
from .lazyre import pattern_for, precompiled
from .load import Entry, Map, Node, load_file
from .schema import Block, ConvertContext, Field, ListT, ValueType
from .slotted import Slotted
from .stylesources import STYLE_FILE, found_styles, workspace_style
from .valuetypes import Bool, Enum, Str

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs a build's start-up (issue 12)
    from typing import Any

COLUMN_KEYS = ("number", "text", "deadline", "responsible", "result", "note")


class StyleNotFound(Exception):
    def __init__(self, name: str, known: list[str]) -> None:
        self.hint = did_you_mean(name, known) or (
            "установленные стили: " + ", ".join(known) if known else "создайте папку templates/<стиль>/ со style.yaml"
        )
        super().__init__(f"стиль оформления «{name}» не найден")


class Column(Slotted):
    """A column of the plan table: its key, its header words and its width."""

    __slots__ = ("key", "header", "width", "center")

    def __init__(self, key: str, header: str, width: float, center: bool = False) -> None:
        self.key = key
        self.header = header
        self.width = width  # millimetres; scaled to the text width when they do not add up
        self.center = center


class Style(Slotted):
    """Everything a house style decides, with defaults that follow ГОСТ Р 7.0.97-2025.

    Written out, not a dataclass: a build loads a style at every start, and :mod:`dataclasses` (with
    inspect, ast, dis and tokenize) and :mod:`typing` cost about 53 M instructions of a build that does not
    import Jinja (issue 12, :mod:`orderforge.slotted`). :func:`orderforge.slotted.replace` copies one.
    """

    __slots__ = ("name", "folder", "gost", "title", "description", "template", "amend_template", "kind_display",
                 "operative", "date_format", "number_format", "control_self", "subpoint_format", "dash",
                 "appendix_mark", "appendix_date_format", "approval_stamp", "trailing_dot", "columns",
                 "responsible_format", "responsible_separator", "responsible_capitalize", "year_suffix",
                 "range_dash", "capitalize", "parents")

    def __init__(  # one keyword per key of style.yaml, as the dataclass had
        self, name: str, folder: Path, gost: str = "2025", title: str = "", description: str = "",
        template: str = "template.docx", amend_template: str = "amend.docx",
        kind_display: dict[str, str] | None = None, operative: dict[str, str] | None = None,
        date_format: str = "{dd}.{mm}.{yyyy}", number_format: str = "№ {number}",
        control_self: str = "Контроль за исполнением настоящего {kind_genitive} оставляю за собой.",
        subpoint_format: str = "{n})", dash: str = "–", appendix_mark: list[str] | None = None,
        appendix_date_format: str = "{dd}.{mm}.{yyyy}", approval_stamp: list[str] | None = None,
        trailing_dot: bool = True, columns: list[Column] | None = None, responsible_format: str = "code",
        responsible_separator: str = "\n", responsible_capitalize: bool = False, year_suffix: str = "г.",
        range_dash: str = " – ", capitalize: str = "as_written", parents: list[Path] | None = None,
    ) -> None:
        self.name = name
        self.folder = folder
        self.gost = gost  # the edition of ГОСТ Р 7.0.97 the documents are checked against: "2025" or "2016"
        self.title = title
        self.description = description
        self.template = template
        self.amend_template = amend_template  # the amending order «О внесении изменений …»: order only, no appendix
        self.kind_display = {"приказ": "ПРИКАЗ", "распоряжение": "РАСПОРЯЖЕНИЕ"} if kind_display is None \
            else kind_display
        self.operative = {"приказ": "ПРИКАЗЫВАЮ:", "распоряжение": "ОБЯЗЫВАЮ:"} if operative is None else operative
        self.date_format = date_format
        self.number_format = number_format
        self.control_self = control_self
        self.subpoint_format = subpoint_format
        self.dash = dash
        self.appendix_mark = ["Приложение", "к {kind_dative} {issuer_genitive}", "от {date} {number}"] \
            if appendix_mark is None else appendix_mark
        self.appendix_date_format = appendix_date_format
        self.approval_stamp = ["{approved}", "{kind_instrumental} {issuer_genitive}", "от {date} {number}"] \
            if approval_stamp is None else approval_stamp
        self.trailing_dot = trailing_dot
        self.columns = [] if columns is None else columns
        self.responsible_format = responsible_format  # "code" | "name"
        self.responsible_separator = responsible_separator
        self.responsible_capitalize = responsible_capitalize
        self.year_suffix = year_suffix
        self.range_dash = range_dash
        self.capitalize = capitalize
        self.parents = [] if parents is None else parents  # folders of the styles this one extends, nearest first

    @property
    def template_path(self) -> Path:
        """The template in this style's folder, else in the nearest parent style that has it."""
        return self.style_file(self.template)

    def style_file(self, name: str) -> Path:
        """A file of this style (or of the nearest parent that has it), never one outside their folders.

        A style may come from elsewhere: a name with a path, or a link that leads out of
        the style folder, would let it read any file on the machine (OF410).
        """
        for folder in [self.folder, *self.parents]:
            candidate = folder / name
            if candidate.is_file() or candidate.is_symlink():
                _confined(candidate, folder)
                return candidate
        _confined(self.folder / name, self.folder)
        return self.folder / name


GOST_EDITIONS = ("2025", "2016")


def _confined(path: Path, folder: Path) -> None:
    """Refuse a style file that is, or links to, something outside its style folder."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise UserError.simple("OF410", str(folder / STYLE_FILE), f"файл стиля «{path.name}» указывает за пределы "
                               f"папки стиля {folder}", "положите файл шаблона в папку стиля и укажите только его имя")


def list_styles(workspace: Path | None = None) -> dict[str, Path]:
    """Every style visible from the workspace, name → folder (workspace ones shadow packaged and built-in)."""
    return {name: found.folder for name, found in found_styles(workspace).items()}


def find_style(name: str, workspace: Path | None = None) -> Path:
    own = workspace_style(name, workspace)
    if own is not None:
        return own
    styles = list_styles(workspace)
    if name not in styles:
        raise StyleNotFound(name, sorted(styles))
    return styles[name]


def load_style(name: str, workspace: Path | None = None) -> Style:
    """Load a style by name, following ``extends:``; problems raise UserError."""
    report = Report()
    try:
        folder = find_style(name, workspace)
    except StyleNotFound as exc:
        raise UserError.simple("OF111", name, str(exc), exc.hint) from None
    parents: list[Path] = []
    node = _merged_node(folder, workspace, report, chain=[], parents=parents)
    style = None
    if node is not None:
        values = STYLE.convert(node, ConvertContext(report))
        style = _build(name, folder, values or {})
        style.parents = parents
    if report.has_errors or style is None:
        raise UserError([d for d in report.sorted() if d.severity == "error"], exit_code=2)  # top to bottom
    return style


def _merged_node(folder: Path, workspace: Path | None, report: Report, chain: list[str],
                 parents: list[Path]) -> Map | None:
    loaded = load_file(folder / STYLE_FILE)
    report.extend(loaded.report)
    root = loaded.root
    if not isinstance(root, Map):
        if root is not None:
            report.error("OF301", root.pos, "style.yaml должен быть словарём ключей", "")
        return None
    parent_node = root.get("extends")
    if parent_node is None or not hasattr(parent_node, "value"):
        return root
    parent_name = str(parent_node.value).strip()
    if parent_name in chain or parent_name == folder.name:
        loop = " → ".join([*chain, folder.name, parent_name])  # the whole chain, so the clerk sees which file to fix
        report.error("OF302", parent_node.pos, f"стили наследуют друг друга по кругу: {loop}",
                     f"уберите или исправьте строку «extends: {parent_name}» в одном из этих style.yaml")
        return root
    try:
        parent_folder = find_style(parent_name, workspace)
    except StyleNotFound as exc:
        report.error("OF303", parent_node.pos, f"родительский {exc}", exc.hint)
        return root
    parents.append(parent_folder)
    parent = _merged_node(parent_folder, workspace, report, chain + [folder.name], parents)
    return merge_nodes(parent, root) if parent is not None else root


def merge_nodes(base: Map, override: Map) -> Map:
    """Deep merge of two style trees: mappings key by key, anything else replaced."""
    merged = Map(dict(base.entries), override.pos)
    for key, entry in override.entries.items():
        old = merged.entries.get(key)
        if old is not None and isinstance(old.value, Map) and isinstance(entry.value, Map):
            merged.entries[key] = Entry(key, entry.key_pos, merge_nodes(old.value, entry.value))
        else:
            merged.entries[key] = entry
    return merged


# --------------------------------------------------------------------------- the table of style.yaml


class Key(Field):
    """A key of style.yaml: its type and meaning (as any key of the format), and what holds when it is left out.

    ``default`` is written as in style.yaml (the reference in docs/house-styles.md
    shows it); ``attr`` is the :class:`Style` attribute the key sets («kind_display.приказ»
    — an entry of a dict), so a test holds the two defaults equal; ``internal``
    maps a written value to the Style's own form («comma» → «, »).
    """

    __slots__ = ("default", "attr", "internal")
    default: str
    attr: str
    internal: dict[str, Any]

    def __init__(self, key: str, type: ValueType, default: str = "", attr: str = "",
                 internal: dict[str, Any] | None = None, *, required: bool = False, doc: str = "") -> None:
        super().__init__(key, type, required=required, doc=doc)
        self.default = default
        self.attr = attr
        self.internal = {} if internal is None else internal

    def value_of(self, style: Style) -> Any:
        name, _, entry = self.attr.partition(".")
        value = getattr(style, name)
        return value[entry] if entry else value

    def shown(self, value: Any) -> str:
        """A Style value as style.yaml writes it."""
        written = {v: k for k, v in self.internal.items()}
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, list):
            return " / ".join(value)
        return written.get(value, str(value))


class Choice(Enum):
    """One of a few values, spaces kept: a range dash « – » is not «–»."""

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        value = Str(keep_spaces=True).convert(node, ctx)
        if value is None:
            return None
        if value not in self.choices:
            ctx.report.error("OF105", node.pos, f"недопустимое значение «{value}»",
                             "допустимые значения: " + ", ".join(f"«{c}»" for c in self.choices))
            return None
        return value


_FIELD = precompiled(r"\{(\w*)\}")


class Pattern(Str):
    """A line with ``{fields}`` filled in by orderforge: only the known fields, and those it must have.

    ``fill`` leaves an unknown field as written, so a typo («{numbr}») would be
    printed in the order; it is an error here instead, with its line and column.
    """

    __slots__ = ("fields", "needs")
    fields: tuple[str, ...]
    needs: tuple[str, ...]

    def __init__(self, pattern: str | None = None, pattern_hint: str = "", doc: str = "", keep_spaces: bool = False,
                 fields: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> None:
        super().__init__(pattern, pattern_hint, doc, keep_spaces)
        self.fields = fields
        self.needs = needs

    def convert(self, node: Node, ctx: ConvertContext) -> str | None:
        value = super().convert(node, ctx)
        if value is None:
            return None
        problems = self.problems(value)
        for code, message, hint in problems:
            ctx.report.error(code, node.pos, message, hint)
        return None if problems else value

    def problems(self, value: str) -> list[tuple[str, str, str]]:
        known = ", ".join(f"{{{f}}}" for f in self.fields) or "нет — уберите фигурные скобки"
        names = _FIELD.findall(value)
        found = [("OF304", f"неизвестное поле «{{{name}}}» в строке «{value}»",
                  did_you_mean(name, self.fields) or f"поля этой строки: {known}")
                 for name in dict.fromkeys(names) if name not in self.fields]
        if pattern_for(r"[{}]").search(_FIELD.sub("", value)):
            found.append(("OF304", f"непарная фигурная скобка в строке «{value}»",
                          f"поле пишется в фигурных скобках целиком; поля этой строки: {known}"))
        found.extend(("OF305", f"в строке «{value}» нет поля «{{{name}}}»",
                      f"добавьте {{{name}}}: на его место orderforge ставит значение, без него оно не напечатается")
                     for name in self.needs if name not in names)
        return found


def _dict(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> dict[str, Any]:
    return v


def _column(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Column:
    try:
        width = float(str(v.get("width") or "30").replace(",", "."))
    except ValueError:
        width = 30.0
    return Column(v.get("key") or "text", v.get("header") or "", width, bool(v.get("center")))


def _kinds(what: str, attr: str, defaults: tuple[str, str]) -> Block:
    return Block(what, [Key(kind, Str(), doc=f"{what}: {kind}", default=default, attr=f"{attr}.{kind}")
                      for kind, default in zip(("приказ", "распоряжение"), defaults, strict=True)], _dict)


DATE_FIELDS = ("d", "dd", "mm", "month", "yyyy")
DASHES = ("–", "—", "-")
RANGE_DASHES = (" – ", "–", " — ", "—", "-")
STAMP_NOTE = ("{number} — номер, как его пишет order.number_format («№ 7-р»), знак № неотрывно от номера; "
              "{date} — по appendix.date_format; ширина грифа (и отметки о приложении) задаётся в template.docx "
              "отступом слева этих абзацев, во встроенных стилях — 75 мм у правого поля (baltiysk-department — 110 мм)")

COLUMN = Block("колонка", [
    Key("key", Enum(COLUMN_KEYS), required=True, doc="что в колонке: " + ", ".join(COLUMN_KEYS)),
    Key("header", Str(), required=True, doc="заголовок колонки"),
    Key("width", Str(r"\d+(?:[.,]\d+)?", "ширина в миллиметрах, например 35"),
        doc="ширина, мм; ширины растягиваются пропорционально на всю ширину страницы", default="30"),
    Key("center", Bool(), doc="выравнивание по центру (да/нет)", default="нет"),
], _column)

STYLE = Block(
    "style.yaml",
    [
        Key("name", Str(), doc="название стиля для людей", default="имя папки стиля"),
        Key("description", Str(), doc="чей это стиль и чем он отличается"),
        Key("extends", Str(), doc="стиль, на основе которого сделан этот (его ключи — по умолчанию)"),
        Key("gost", Enum(GOST_EDITIONS), doc="редакция ГОСТ Р 7.0.97, по которой проверяются документы",
            default="2025", attr="gost"),
        Key("template", Str(r"[^/\\]+\.docx", "имя файла .docx в папке стиля, например template.docx"),
            doc="файл шаблона Word в папке стиля (нет в папке — берётся у стиля-основы)", default="template.docx",
            attr="template"),
        Key("order", Block("order", [
            Key("kind_display", _kinds("как печатается вид документа", "kind_display", ("ПРИКАЗ", "РАСПОРЯЖЕНИЕ")),
                doc="как печатается вид документа: «П Р И К А З»"),
            Key("operative", _kinds("распорядительное слово", "operative", ("ПРИКАЗЫВАЮ:", "ОБЯЗЫВАЮ:")),
                doc="распорядительное слово: «п р и к а з ы в а ю:»"),
            Key("date_format", Pattern(fields=DATE_FIELDS),
                doc="дата приказа: «от «{dd}» {mm} {yyyy} г.»; {d} — день без нуля, {dd} — с нулём, {mm} — месяц "
                "числом, {month} — месяц словом («декабря»), {yyyy} — год", default="{dd}.{mm}.{yyyy}",
                attr="date_format"),
            Key("number_format", Pattern(fields=("number",), needs=("number",)),
                doc="номер приказа (и номер в отметке о приложении и в грифе)", default="№ {number}",
                attr="number_format"),
            Key("control_self", Pattern(fields=("kind_genitive",)),
                doc="пункт о контроле, если в плане control: self; {kind_genitive} — «приказа» или «распоряжения»",
                default="Контроль за исполнением настоящего {kind_genitive} оставляю за собой.", attr="control_self"),
            Key("subpoint_format", Pattern(fields=("n",), needs=("n",)), doc="номер подпункта: «{n})», «{n}.»",
                default="{n})", attr="subpoint_format"),
            Key("dash", Choice(DASHES), doc="знак перед подпунктами-тире", default="–", attr="dash"),
        ], _dict), doc="оформление приказа"),
        Key("appendix", Block("appendix", [
            Key("mark", ListT(Pattern(fields=("kind_dative", "issuer_genitive", "date", "number")), scalar_ok=True),
                doc="строки отметки о приложении (пустой список [] — без отметки); {kind_dative} — «приказу», "
                "{issuer_genitive} — из order:, {date}, {number} — дата и номер приказа",
                default="Приложение / к {kind_dative} {issuer_genitive} / от {date} {number}", attr="appendix_mark"),
            Key("date_format", Pattern(fields=DATE_FIELDS), doc="дата в отметке о приложении и в грифе",
                default="{dd}.{mm}.{yyyy}", attr="appendix_date_format"),
            Key("stamp", ListT(Pattern(fields=("approved", "kind_instrumental", "issuer_genitive", "date", "number")),
                               scalar_ok=True),
                doc="строки грифа утверждения (план с approval:); {approved} — УТВЕРЖДЕН/А/О/Ы по заголовку плана, "
                "{kind_instrumental} — «распоряжением»; " + STAMP_NOTE,
                default="{approved} / {kind_instrumental} {issuer_genitive} / от {date} {number}",
                attr="approval_stamp"),
        ], _dict), doc="отметка о приложении и гриф утверждения"),
        Key("numbering", Block("numbering", [
            Key("trailing_dot", Bool(), doc="точка после номера: «1.1.» (да) или «1.1» (нет)", default="да",
                attr="trailing_dot"),
        ], _dict), doc="нумерация разделов и мероприятий"),
        Key("table", Block("table", [
            Key("columns", ListT(COLUMN), doc="колонки таблицы плана, слева направо",
                default="№ п/п 15 | Мероприятие 100 | Срок исполнения 35 | Ответственный 45 | Ожидаемый результат 72"),
            Key("responsible", Enum(("code", "name", "grouped")),
                doc="ответственные: code — кодами (ЦОРП); name — наименованиями; grouped — люди под общей должностью "
                "(«Бобров В.С., Воропаева Е.В., заместители директора»), каждая группа отдельным абзацем",
                default="code", attr="responsible_format"),
            Key("responsible_separator", Enum(("newline", "comma")),
                doc="каждый ответственный с новой строки (newline) или через запятую (comma)", default="newline",
                attr="responsible_separator", internal={"newline": "\n", "comma": ", "}),
            Key("responsible_capitalize", Bool(), doc="начинать ячейку ответственных с заглавной буквы (да/нет)",
                default="нет", attr="responsible_capitalize"),
        ], _dict), doc="таблица плана"),
        Key("deadline", Block("deadline", [
            Key("year_suffix", Enum(("г.", "года", "as_written")),
                doc="после года: «г.» («май 2026 г.»), «года» («май 2026 года») или as_written — как в сроке плана "
                "(«г.», «года» или ничего, у каждого срока своё)", default="г.", attr="year_suffix"),
            Key("range_dash", Choice(RANGE_DASHES),
                doc="тире между частями периода: « – » («апрель – май»), «–» («апрель–май»), « — », «—» или «-»",
                default=" – ", attr="range_dash"),
            Key("capitalize", Enum(("as_written", "upper", "lower")),
                doc="первая буква срока: upper — заглавная («Постоянно»), lower — строчная («постоянно»), "
                "as_written — как в плане; числа и римские цифры («II полугодие») не меняются",
                default="as_written", attr="capitalize"),
        ], _dict), doc="запись сроков"),
    ],
    _dict,
)


def style_keys() -> list[tuple[str, Key]]:
    """Every key of style.yaml with its dotted path («deadline.range_dash», «table.columns[].width»)."""
    found: list[tuple[str, Key]] = []

    def walk(obj: Block, prefix: str) -> None:
        for spec in obj.fields:
            key = spec if isinstance(spec, Key) else Key(spec.key, spec.type, required=spec.required, doc=spec.doc)
            found.append((prefix + key.key, key))
            inner = key.type.item if isinstance(key.type, ListT) else key.type
            if isinstance(inner, Block):
                walk(inner, prefix + key.key + ("[]." if isinstance(key.type, ListT) else "."))

    walk(STYLE, "")
    return found


def _build(name: str, folder: Path, v: dict[str, Any]) -> Style:
    style = Style(name=name, folder=folder)
    style.gost = v.get("gost") or style.gost
    style.title = v.get("name") or name
    style.description = v.get("description") or ""
    style.template = v.get("template") or style.template
    order = v.get("order") or {}
    style.kind_display.update({k: x for k, x in (order.get("kind_display") or {}).items() if x})
    style.operative.update({k: x for k, x in (order.get("operative") or {}).items() if x})
    for key in ("date_format", "number_format", "control_self", "subpoint_format", "dash"):
        if order.get(key):
            setattr(style, key, order[key])
    appendix = v.get("appendix") or {}
    if appendix.get("mark") is not None:  # an explicit empty list means «no appendix mark»
        style.appendix_mark = appendix["mark"]
    style.appendix_date_format = appendix.get("date_format") or style.appendix_date_format
    if appendix.get("stamp") is not None:
        style.approval_stamp = appendix["stamp"]
    numbering = v.get("numbering") or {}
    if numbering.get("trailing_dot") is not None:
        style.trailing_dot = numbering["trailing_dot"]
    table = v.get("table") or {}
    style.columns = table.get("columns") or default_columns()
    style.responsible_format = table.get("responsible") or style.responsible_format
    if table.get("responsible_separator") == "comma":
        style.responsible_separator = ", "
    if table.get("responsible_capitalize") is not None:
        style.responsible_capitalize = table["responsible_capitalize"]
    deadline = v.get("deadline") or {}
    for key in ("year_suffix", "range_dash", "capitalize"):
        if deadline.get(key):
            setattr(style, key, deadline[key])
    return style


def default_columns() -> list[Column]:
    return [
        Column("number", "№ п/п", 15, True),
        Column("text", "Мероприятие", 100, False),
        Column("deadline", "Срок исполнения", 35, True),
        Column("responsible", "Ответственный", 45, True),
        Column("result", "Ожидаемый результат", 72, False),
    ]

