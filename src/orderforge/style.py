"""House styles: a folder with ``style.yaml`` and a .docx template, found by name.

A style is data, so that a new committee's style is made by copying a folder
and editing YAML and Word — no Python. ``extends:`` lets a style differ from
another in a few keys (mappings merge key by key; lists are replaced whole).
Styles are looked up in the workspace's ``templates/`` first, then in the ones
shipped with orderforge, so ``pip install`` + ``orderforge build`` works anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Pos, Report, UserError, did_you_mean
from .load import Entry, Map, load_file
from .schema import Bool, Ctx, Enum, F, ListT, Obj, Str

STYLE_FILE = "style.yaml"
COLUMN_KEYS = ("number", "text", "deadline", "responsible", "result", "note")


class StyleNotFound(Exception):
    def __init__(self, name: str, known: list[str]) -> None:
        self.hint = did_you_mean(name, known) or (
            "установленные стили: " + ", ".join(known) if known else "создайте папку templates/<стиль>/ со style.yaml"
        )
        super().__init__(f"стиль оформления «{name}» не найден")


@dataclass
class Column:
    key: str
    header: str
    width: float  # millimetres; scaled to the text width when they do not add up
    center: bool = False


@dataclass
class Style:
    """Everything a house style decides, with defaults that follow ГОСТ Р 7.0.97-2025."""

    name: str
    folder: Path
    gost: str = "2025"  # the edition of ГОСТ Р 7.0.97 the documents are checked against: "2025" or "2016"
    title: str = ""
    description: str = ""
    template: str = "template.docx"
    amend_template: str = "amend.docx"  # the amending order «О внесении изменений …»: order only, no appendix
    kind_display: dict[str, str] = field(default_factory=lambda: {"приказ": "ПРИКАЗ", "распоряжение": "РАСПОРЯЖЕНИЕ"})
    operative: dict[str, str] = field(default_factory=lambda: {"приказ": "ПРИКАЗЫВАЮ:", "распоряжение": "ОБЯЗЫВАЮ:"})
    date_format: str = "{dd}.{mm}.{yyyy}"
    number_format: str = "№ {number}"
    control_self: str = "Контроль за исполнением настоящего {kind_genitive} оставляю за собой."
    subpoint_format: str = "{n})"
    dash: str = "–"
    appendix_mark: list[str] = field(default_factory=lambda: [
        "Приложение", "к {kind_dative} {issuer_genitive}", "от {date} {number}",
    ])
    appendix_date_format: str = "{dd}.{mm}.{yyyy}"
    approval_stamp: list[str] = field(default_factory=lambda: [
        "{approved}", "{kind_instrumental} {issuer_genitive}", "от {date} {number}",
    ])
    trailing_dot: bool = True
    columns: list[Column] = field(default_factory=list)
    responsible_format: str = "code"  # "code" | "name"
    responsible_separator: str = "\n"
    responsible_capitalize: bool = False
    year_suffix: str = "г."
    range_dash: str = " – "
    capitalize: str = "as_written"

    parents: list[Path] = field(default_factory=list)  # folders of the styles this one extends, nearest first

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


def style_dirs(workspace: Path | None = None) -> list[Path]:
    """Where styles are searched, first match wins."""
    dirs: list[Path] = []
    for base in (workspace, workspace.parent if workspace else None, Path.cwd()):
        if base is not None and (base / "templates").is_dir():
            dirs.append((base / "templates").resolve())
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if candidate.is_dir():
            dirs.append(candidate.resolve())
    unique: list[Path] = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def list_styles(workspace: Path | None = None) -> dict[str, Path]:
    """Every style visible from the workspace, name → folder (workspace ones shadow built-in)."""
    found: dict[str, Path] = {}
    for base in style_dirs(workspace):
        for folder in sorted(base.iterdir()):
            if (folder / STYLE_FILE).is_file() and folder.name not in found:
                found[folder.name] = folder
    return found


def find_style(name: str, workspace: Path | None = None) -> Path:
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
        values = STYLE.convert(node, Ctx(report))
        style = _build(name, folder, values or {})
        style.parents = parents
    if report.has_errors or style is None:
        raise UserError(report.errors, exit_code=2)
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
    parent_name = str(parent_node.value).strip()  # type: ignore[union-attr]
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


def _dict(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> dict[str, Any]:
    return v


def _column(v: dict[str, Any], pos: Pos, fp: dict[str, Pos]) -> Column:
    try:
        width = float(str(v.get("width") or "30").replace(",", "."))
    except ValueError:
        width = 30.0
    return Column(v.get("key") or "text", v.get("header") or "", width, bool(v.get("center")))


_KINDS = Obj("виды документа", [F("приказ", Str()), F("распоряжение", Str())], _dict)

STYLE = Obj(
    "style.yaml",
    [
        F("name", Str(), False, "название стиля для людей"),
        F("description", Str(), False, "чей это стиль и чем он отличается"),
        F("extends", Str(), False, "стиль, на основе которого сделан этот"),
        F("gost", Enum(GOST_EDITIONS), False,
          "редакция ГОСТ Р 7.0.97, по которой проверяются документы: 2025 (по умолчанию) или 2016"),
        F("template", Str(r"[^/\\:]+\.docx", "имя файла .docx в папке стиля, без пути, например template.docx"), False,
          "файл шаблона Word в папке стиля (по умолчанию template.docx); путь вне папки стиля не допускается"),
        F("order", Obj("order", [
            F("kind_display", _KINDS, False, "как печатается вид документа: «П Р И К А З»"),
            F("operative", _KINDS, False, "распорядительное слово: «п р и к а з ы в а ю:»"),
            F("date_format", Str(), False, "дата приказа: «от «{dd}» {mm} {yyyy} г.»; {d} {dd} {mm} {month} {yyyy}"),
            F("number_format", Str(), False, "номер приказа: «№ {number}»"),
            F("control_self", Str(), False, "пункт о контроле, если control: self"),
            F("subpoint_format", Str(), False, "номер подпункта: «{n})»"),
            F("dash", Str(), False, "знак перед подпунктами-тире"),
        ], _dict), False, "оформление приказа"),
        F("appendix", Obj("appendix", [
            F("mark", ListT(Str(), scalar_ok=True), False,
              "строки отметки о приложении; {kind_dative} {issuer_genitive} {date} {number}"),
            F("date_format", Str(), False, "дата в отметке о приложении: «{dd}.{mm}.{yyyy} г.»"),
            F("stamp", ListT(Str(), scalar_ok=True), False,
              "строки грифа утверждения; {approved} (УТВЕРЖДЕН/А/О/Ы) {kind_instrumental} {issuer_genitive} {date} {number}"),
        ], _dict), False, "отметка о приложении и гриф утверждения"),
        F("numbering", Obj("numbering", [
            F("trailing_dot", Bool(), False, "точка после номера: «1.1.» (да) или «1.1» (нет)"),
        ], _dict), False, "нумерация разделов и мероприятий"),
        F("table", Obj("table", [
            F("columns", ListT(Obj("колонка", [
                F("key", Enum(COLUMN_KEYS), True, "что в колонке: " + ", ".join(COLUMN_KEYS)),
                F("header", Str(), True, "заголовок колонки"),
                F("width", Str(r"\d+(?:[.,]\d+)?", "ширина в миллиметрах, например 35"), False, "ширина, мм"),
                F("center", Bool(), False, "выравнивание по центру (да/нет)"),
            ], _column)), False, "колонки таблицы плана, слева направо"),
            F("responsible", Enum(("code", "name", "grouped")), False,
              "ответственные: code — кодами (ЦОРП); name — наименованиями; grouped — люди под общей должностью "
              "(«Бобров В.С., Воропаева Е.В., заместители директора»), каждая группа отдельным абзацем"),
            F("responsible_separator", Enum(("newline", "comma")), False, "каждый ответственный с новой строки или через запятую"),
            F("responsible_capitalize", Bool(), False, "начинать ячейку ответственных с заглавной буквы (да/нет)"),
        ], _dict), False, "таблица плана"),
        F("deadline", Obj("deadline", [
            F("year_suffix", Enum(("г.", "года", "as_written")), False,
              "после года: «г.», «года» или as_written — как написано в плане"),
            F("range_dash", Str(keep_spaces=True), False, "тире в периодах: « – »"),
            F("capitalize", Enum(("as_written", "upper", "lower")), False, "заглавная буква срока"),
        ], _dict), False, "запись сроков"),
    ],
    _dict,
)


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

