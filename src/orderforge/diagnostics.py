"""Diagnostics: every problem a clerk can cause, with its place and a hint.

One type for all of them, so that load, validate, style checks and build report
alike and the CLI prints them like a compiler does
(``plans/x.yaml:14:5: ошибка OF201: …``). Library code never prints and never
exits; it collects diagnostics or raises :class:`UserError`, and only the CLI
decides what to show and which exit code to use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter

from .slotted import FrozenError, FrozenSlotted, Slotted

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs validate's start-up (issue 12)
    from typing import Literal, TypeAlias

Severity: TypeAlias = 'Literal["error", "warning"]'

SEVERITY_RU = {"error": "ошибка", "warning": "предупреждение"}


class Pos(tuple):  # (file, line, col); typed by the properties below
    """A place in a source file; line and column are 1-based like editors show them.

    A tuple ``(file, line, col)``, so that the 50,000 positions of a 5,000-activity plan are made in C
    (``tuple.__new__(Pos, (file, line, col))`` in :mod:`.yamlfast`), a third of what a Python ``__init__``
    setting three slots cost (issue 12). Frozen, hashable and ordered by file, line, column, as it was
    (tests/test_pos_tuple.py)."""

    __slots__ = ()

    def __new__(cls, file: str, line: int = 0, col: int = 0) -> Pos:
        return tuple.__new__(cls, (file, line, col))

    if TYPE_CHECKING:
        @property
        def file(self) -> str: ...

        @property
        def line(self) -> int: ...

        @property
        def col(self) -> int: ...
    else:
        file = property(itemgetter(0))
        line = property(itemgetter(1))
        col = property(itemgetter(2))

    #: What :func:`.slotted.field_names` gives, as for the Slotted class it was.
    _fields = ("file", "line", "col")

    # Equal only to a Pos, as the Slotted class it was (a plain tuple of the same fields is something else);
    # hashed and ordered as the tuple of its fields
    def __eq__(self, other: object) -> bool:
        return other.__class__ is Pos and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = tuple.__hash__

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

    def __getnewargs__(self) -> tuple[str, int, int]:  # pickle and copy: Pos(*self)
        return tuple(self)

    def __repr__(self) -> str:
        return f"Pos(file={self[0]!r}, line={self[1]!r}, col={self[2]!r})"

    def __str__(self) -> str:
        if self[1] <= 0:
            return self[0]
        return f"{self[0]}:{self[1]}:{self[2]}"


class Diagnostic(FrozenSlotted):
    """One finding: a stable code (for docs and tests), a Russian message and a hint."""

    __slots__ = ("code", "severity", "message", "pos", "hint")
    code: str
    severity: Severity
    message: str
    pos: Pos
    hint: str

    def __init__(self, code: str, severity: Severity, message: str, pos: Pos, hint: str = "") -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "pos", pos)
        object.__setattr__(self, "hint", hint)

    def format(self) -> str:
        """Render as one compiler-style line, plus the hint on the next line."""
        text = f"{self.pos}: {SEVERITY_RU[self.severity]} {self.code}: {self.message}"
        if self.hint:
            text += f"\n    подсказка: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.pos.file,
            "line": self.pos.line,
            "col": self.pos.col,
            "hint": self.hint,
        }


class Report(Slotted):
    """An ordered collection of diagnostics that several steps append to."""

    __slots__ = ("items",)
    items: list[Diagnostic]

    def __init__(self, items: list[Diagnostic] | None = None) -> None:
        self.items = [] if items is None else items

    def error(self, code: str, pos: Pos, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "error", message, pos, hint))

    def warning(self, code: str, pos: Pos, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "warning", message, pos, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    @property
    def exit_code(self) -> int:
        """0 — no errors; 2 — only the environment is wrong (a file not found, a style not installed);
        1 — the plan itself has errors."""
        return exit_code_for(self.errors)

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file order, so the output reads top to bottom like the plan."""
        return sorted(self.items, key=lambda d: (d.pos.file, d.pos.line, d.pos.col))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


#: A missing or unreadable file, an unknown house style, a template that is missing or not a Word file:
#: the clerk's environment rather than the plan (build and check-style exit 2 for them alike).
ENVIRONMENT_CODES = frozenset({"OF001", "OF111", "OF402", "OF405", "OF408", "OF409"})


def exit_code_for(errors: Iterable[Diagnostic]) -> int:
    """The CLI's promise: 0 all well, 1 the plan has errors, 2 a usage or environment problem."""
    codes = {d.code for d in errors if d.severity == "error"}
    if not codes:
        return 0
    return 2 if codes <= ENVIRONMENT_CODES else 1


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """«1 ошибка», «3 ошибки», «11 ошибок»: the noun agreeing with the number, as Russian needs."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} {one}"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} {few}"
    return f"{count} {many}"


def failure_reason(diagnostics: Iterable[Diagnostic]) -> str:
    """Why a document was not built, in one line: how many errors and the first of them with its place."""
    errors = [d for d in diagnostics if d.severity == "error"]
    if not errors:
        return "причина выше"
    first = min(errors, key=lambda d: (d.pos.file, d.pos.line, d.pos.col))
    where = f"строка {first.pos.line}: " if first.pos.line > 0 else ""
    count = plural_ru(len(errors), "ошибка", "ошибки", "ошибок")
    return f"{count}, первая — {where}{first.message}"


class UserError(Exception):
    """A problem the user must fix (bad input, missing file, broken template).

    Carries diagnostics; the CLI prints them without a traceback and exits with
    ``exit_code`` (1: the plan has errors, 2: usage or environment problem).
    """

    def __init__(self, diagnostics: Iterable[Diagnostic] | Diagnostic, exit_code: int = 1):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        self.exit_code = exit_code
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def simple(cls, code: str, where: str, message: str, hint: str = "", exit_code: int = 2) -> UserError:
        """An error about a file or the environment rather than a place in a plan."""
        return cls(Diagnostic(code, "error", message, Pos(where), hint), exit_code)


_OS_ERRORS_RU = {  # errno name → (what happened, what to do)
    "ENOSPC": ("на диске нет места", "освободите место на диске и повторите команду"),
    "EDQUOT": ("превышена квота диска", "освободите место и повторите команду"),
    "EACCES": ("нет прав на запись", "выберите другую папку (-o) или попросите доступ к этой"),
    "EPERM": ("нет прав на запись", "выберите другую папку (-o) или попросите доступ к этой"),
    "EROFS": ("диск или папка только для чтения", "выберите другую папку (-o)"),
    "EEXIST": ("на месте папки стоит файл с тем же именем", "переименуйте этот файл или укажите другую папку (-o)"),
    "ENOTDIR": ("часть пути — файл, а не папка", "проверьте путь или укажите другую папку (-o)"),
    "EISDIR": ("на месте файла стоит папка с тем же именем", "переименуйте папку или укажите другой файл"),
    "ENOENT": ("папка не найдена", "проверьте путь"),
    "EBUSY": ("файл занят другой программой", "закройте документ в Word или LibreOffice и повторите"),
    "ETXTBSY": ("файл занят другой программой", "закройте документ в Word или LibreOffice и повторите"),
    "ENAMETOOLONG": ("слишком длинное имя файла", "сократите имя файла или путь"),
    "EFBIG": ("файл больше, чем допускает диск или папка", "выберите другую папку (-o)"),
    "EIO": ("ошибка чтения или записи диска", "проверьте диск (флешку) и повторите команду"),
    "EMFILE": ("открыто слишком много файлов", "закройте лишние программы и повторите команду"),
}


def file_error(exc: OSError, path: object = None, action: str = "записать") -> UserError:
    """An operating-system failure (disk full, no rights, a file where a folder should be) as a Russian error.

    These are the clerk's environment, not a bug: exit code 2, the path named,
    no traceback. On Windows a .docx open in Word is refused with EACCES, so the
    hint for a denied write also mentions closing the document.
    """
    import errno as errno_names

    where = str(path if path is not None else (exc.filename or ""))
    name = errno_names.errorcode.get(exc.errno or 0, "")
    message, hint = _OS_ERRORS_RU.get(
        name, (f"ошибка файловой системы (код {name or exc.errno})", "проверьте путь и права"))
    if name in ("EACCES", "EPERM") and action == "записать":
        hint = "если документ открыт в Word, закройте его; иначе " + hint
    return UserError.simple("OF050", where or "файл", f"не удалось {action} файл: {message}", hint)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Russian «возможно, имелось в виду …» hint, or '' when nothing is close.

    Case-insensitive: a clerk typing «Кло» for «КлО» should get the suggestion.
    """
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f"возможно, имелось в виду «{lowered[word.lower()]}»"
    import difflib  # only when a name is misspelt: validate of a clean plan does not import it

    close = difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.6)
    if not close:
        return ""
    names = ", ".join(f"«{lowered[c]}»" for c in close)
    return f"возможно, имелось в виду {names}"
